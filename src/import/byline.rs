//! Who wrote an article and where it first appeared, as pages print it on a
//! line of its own: `By: Name`, `By Name`, `Written by Name`, `Author: Name`,
//! `Publication: Eurasia Daily Monitor Volume: 17 Issue: 75`, `This article
//! was originally published in X.`, `Adapted from: X`, `Source: X`.
//!
//! Kept apart from the page reader because the same lines turn up above the
//! body (a byline under the title) and below it (an attribution block), and
//! because "By" opens prose too: `By the end of May, talks stalled.` is a
//! sentence, so a bare `By` needs a name after it, not a clause.

use std::sync::LazyLock;

use regex::Regex;

use super::text::longer_than;

fn fixed(re: &str) -> Regex {
    Regex::new(re).unwrap_or_else(|e| unreachable!("fixed regex: {e}"))
}

/// What an attribution line says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Attribution {
    /// Where the article first appeared.
    Origin(String),
    Author(String),
}

static ORIGIN: LazyLock<[Regex; 2]> = LazyLock::new(|| {
    [
        fixed(
            r"(?i)^this article (?:is|was|has been) (?:originally |origionally |orginally |first )?published (?:in|by|on|at) (?P<x>.+?)[.\s]*$",
        ),
        fixed(
            r"(?i)^(?:originally published (?:in|by|on|at)|first published (?:in|by|on)|adapted from:?|source:|источник:|mənbə:|kaynak:)\s*(?P<x>.+?)[.\s]*$",
        ),
    ]
});

static PUBLICATION: LazyLock<Regex> = LazyLock::new(|| {
    fixed(
        r"(?i)^publication:\s*(?P<name>.+?)(?:\s+volume:\s*(?P<vol>\S+?))?(?:,?\s+issue:\s*(?P<iss>\S+?))?[.\s]*$",
    )
});

static AUTHOR: LazyLock<Regex> = LazyLock::new(|| {
    fixed(
        r"(?i)^(?:written by|by:|posted by:?|author:|authors:|автор:|авторы:|müəllif:|yazar:|yazan:)\s*(?P<x>.+?)[.\s]*$",
    )
});

/// `By Jane Doe`, `BY JANE DOE`, `By Jane Doe and John Roe, Reuters`: a name,
/// not a clause.
static BARE_BY: LazyLock<Regex> = LazyLock::new(|| fixed(r"^(?:By|BY)\s+(?P<x>.+?)\s*$"));

/// Words that may sit between the capitalised words of a name.
const NAME_PARTICLES: [&str; 12] = [
    "and", "de", "da", "van", "von", "der", "bin", "ibn", "al", "la", "le", "&",
];

fn is_name(text: &str) -> bool {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',' || c == '|')
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty()
        || words.len() > 8
        || text.ends_with(['.', '!', '?']) && !ends_with_initial(text)
    {
        return false;
    }
    words.iter().all(|w| {
        NAME_PARTICLES.contains(w)
            || w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().all(|c| c.is_alphabetic() || "-.'’".contains(c))
    })
}

fn ends_with_initial(text: &str) -> bool {
    text.trim_end_matches('.')
        .rsplit(' ')
        .next()
        .is_some_and(|w| w.chars().count() == 1)
}

/// The attribution a line makes, if it is one.
pub(crate) fn attribution(line: &str) -> Option<Attribution> {
    let line = line.trim();
    if longer_than(line, 160) {
        return None;
    }
    let captured = |re: &Regex| {
        re.captures(line)
            .and_then(|c| c.name("x"))
            .map(|x| x.as_str().trim().to_string())
            .filter(|x| !x.is_empty())
    };
    if let Some(c) = PUBLICATION.captures(line) {
        let mut origin = c.name("name").map_or("", |m| m.as_str().trim()).to_string();
        if let Some(v) = c.name("vol") {
            origin.push_str(&format!(", Volume {}", v.as_str()));
        }
        if let Some(i) = c.name("iss") {
            origin.push_str(&format!(", Issue {}", i.as_str()));
        }
        if !origin.is_empty() {
            return Some(Attribution::Origin(origin));
        }
    }
    if let Some(x) = ORIGIN.iter().find_map(captured) {
        return Some(Attribution::Origin(x));
    }
    if let Some(x) = captured(&AUTHOR) {
        return Some(Attribution::Author(x));
    }
    captured(&BARE_BY)
        .filter(|x| is_name(x))
        .map(Attribution::Author)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn author(line: &str) -> Option<String> {
        match attribution(line)? {
            Attribution::Author(a) => Some(a),
            Attribution::Origin(_) => None,
        }
    }

    #[test]
    fn bylines() {
        assert_eq!(author("By: Jane Doe").as_deref(), Some("Jane Doe"));
        assert_eq!(author("By Jane Doe").as_deref(), Some("Jane Doe"));
        assert_eq!(author("BY JANE DOE").as_deref(), Some("JANE DOE"));
        assert_eq!(author("By Jane J. Doe").as_deref(), Some("Jane J. Doe"));
        assert_eq!(
            author("By Jane Doe and John Roe, Reuters").as_deref(),
            Some("Jane Doe and John Roe, Reuters")
        );
        assert_eq!(
            author("Written by Cavid Veliyev").as_deref(),
            Some("Cavid Veliyev")
        );
        assert_eq!(
            author("Author: Fuad Shahbazov").as_deref(),
            Some("Fuad Shahbazov")
        );
        assert_eq!(
            author("Автор: Анна Иванова").as_deref(),
            Some("Анна Иванова")
        );
        for prose in [
            "By the end of May, talks stalled.",
            "By May 23 the Armed Forces had moved.",
            "By Tuesday, the talks had stalled.",
            "By",
        ] {
            assert_eq!(attribution(prose), None, "{prose}");
        }
    }

    #[test]
    fn publications() {
        assert_eq!(
            attribution("Publication: Eurasia Daily Monitor Volume: 17 Issue: 75"),
            Some(Attribution::Origin(
                "Eurasia Daily Monitor, Volume 17, Issue 75".into()
            ))
        );
        assert_eq!(
            attribution("Publication: Caspian Weekly"),
            Some(Attribution::Origin("Caspian Weekly".into()))
        );
        assert_eq!(
            attribution("This article was first published by Eurasia Review."),
            Some(Attribution::Origin("Eurasia Review".into()))
        );
    }
}
