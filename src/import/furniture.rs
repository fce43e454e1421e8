//! Page furniture: what a scraped page carries around the article that is not
//! the article. Navigation and footers (left out, and the summary says so),
//! headings of headline lists ("News line", "Popular news", "Read also"),
//! "MORE"/"Read more" links under teasers, and sidebars of dash-separated
//! headlines.
//!
//! These are tests on one line each; the page reader decides from them, and
//! from where a line stands, what becomes prose. Everything here errs towards
//! prose: a line that reads as a sentence is never furniture, so a wrong guess
//! keeps text in the article rather than losing it.

use std::sync::LazyLock;

use regex::Regex;

use super::text::longer_than;

fn fixed(re: &str) -> Regex {
    Regex::new(re).unwrap_or_else(|e| unreachable!("fixed regex: {e}"))
}

/// A heading over a list of headlines: with times they become news-line
/// entries, without them related headlines.
static LIST_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    fixed(
        r"(?i)^(?:news ?line|latest news|latest|news feed|news ticker|recent news|more news|top news|top stories|main news|news|popular news|popular|most popular|most read|most viewed|important news|important|editor'?s choice|trending|related|related news|related articles|related stories|read also|also read|see also|read more on this topic|more on this topic|more from this author|you may also like|recommended|son xəbərlər|xəbər lenti|xəbərlər|vacib xəbərlər|önəmli xəbərlər|populyar xəbərlər|ən çox oxunan|oxşar xəbərlər|həmçinin oxuyun|лента новостей|последние новости|новости|важные новости|главное|главные новости|популярное|популярные новости|самое читаемое|читайте также|по теме|смотрите также|son dakika|son haberler|önemli haberler|çok okunanlar|popüler haberler|ilgili haberler|bunlar da ilginizi çekebilir)\s*[:›»>→]?$",
    )
});

/// Links and buttons: "All", "More", "Share", "Print", "Hamısı".
static CHROME: LazyLock<Regex> = LazyLock::new(|| {
    fixed(
        r"(?i)^(?:hamısı|all|more|show more|load more|see all|view all|all news|daha çox|hamısını göstər|все|все новости|ещё|еще|tümü|tüm haberler|daha fazla|home|menu|search|login|log in|sign in|register|subscribe|contact|contacts|contact us|about|about us|share|print|tweet|email|e-mail|facebook|twitter|telegram|whatsapp|linkedin|comments|ana səhifə|axtar|axtarış|главная|поиск|войти|меню|ana sayfa|ara|giriş|paylaş|поделиться|paylaş|font size|a\+? a-?|back to top|top|advertisement|реклама|reklam)\s*[›»>→]?$",
    )
});

/// "MORE", "Read more »", "Подробнее", "Ətraflı", "Devamını oku".
static READ_MORE: LazyLock<Regex> = LazyLock::new(|| {
    fixed(
        r"(?i)^(?:more|read more|read full story|continue reading|full story|подробнее|читать далее|читать дальше|ətraflı|davamı|davamını oxu|devamı|devamını oku|devamini oku)\s*(?:\.{3}|…)?\s*[›»>→]?$",
    )
});

static FOOTER: LazyLock<Regex> = LazyLock::new(|| {
    fixed(
        r"(?i)^(?:©|\(c\)\s|copyright\b)|all rights reserved|все права защищены|bütün hüquqlar qorunur|tüm hakları saklıdır|\bno part of this (?:site|publication) may be",
    )
});

/// A dash or bullet opening a sidebar headline.
static BULLET: LazyLock<Regex> = LazyLock::new(|| fixed(r"^[-–—•·*▪►]\s+(?P<x>\S.*)$"));

/// A heading over a list of headlines.
pub(crate) fn is_list_heading(line: &str) -> bool {
    LIST_HEADING.is_match(line.trim())
}

/// A link or button with no prose in it.
pub(crate) fn is_chrome(line: &str) -> bool {
    CHROME.is_match(line.trim())
}

/// A "MORE" / "Read more" link under a teaser.
pub(crate) fn is_read_more(line: &str) -> bool {
    READ_MORE.is_match(line.trim())
}

/// A copyright footer line.
pub(crate) fn is_footer(line: &str) -> bool {
    let line = line.trim();
    !longer_than(line, 200) && FOOTER.is_match(line)
}

/// A menu or breadcrumb: at least three short items between `|`, `·`, `•`,
/// `»`, `›`, `>` or `/` (`Home | News | Analytics`, `AZ RU EN`), or a chrome
/// word.
pub(crate) fn is_navigation(line: &str) -> bool {
    let line = line.trim();
    if is_chrome(line) || is_footer(line) {
        return true;
    }
    // A link's slashes do not make a menu (`⬇️https://t.co/x` is a tweet).
    if longer_than(line, 160) || ends_sentence(line) || line.contains("://") {
        return false;
    }
    let items: Vec<&str> = line
        .split(['|', '·', '•', '»', '›', '>', '/', '–', '—'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    let short = |s: &&str| s.split_whitespace().count() <= 3;
    if items.len() >= 3 && items.iter().all(short) {
        return true;
    }
    // Language switchers: "AZ RU EN", "EN | RU".
    let words: Vec<&str> = line.split_whitespace().collect();
    words.len() >= 2
        && words.iter().all(|w| {
            let w = w.trim_matches('|');
            w.is_empty() || w.len() == 2 && w.chars().all(|c| c.is_ascii_uppercase())
        })
}

/// Whether a line ends as a sentence does (`.`, `!`, `?`, `…`, a closing
/// quote after one).
pub(crate) fn ends_sentence(line: &str) -> bool {
    let t = line
        .trim_end()
        .trim_end_matches(['"', '”', '’', '»', '\'', ')', '\u{a0}']);
    t.ends_with(['.', '!', '?', '…', ';', ':'])
}

/// A headline rather than prose: short, one sentence at most, not closed by
/// a full stop.
pub(crate) fn is_headline(line: &str) -> bool {
    let line = line.trim();
    if line.is_empty() || longer_than(line, 200) {
        return false;
    }
    let t = line.trim_end_matches(['"', '”', '’', '»', '\'', ')']);
    if t.ends_with(['.', ';', ':', ',']) && !t.ends_with("...") {
        return false;
    }
    // Two sentences are prose: ". X" inside.
    !line
        .match_indices(". ")
        .any(|(i, _)| line[i + 2..].chars().next().is_some_and(char::is_uppercase) && i > 3)
}

/// The headline of a sidebar item: `— Headline`, `• Headline`.
pub(crate) fn bullet(line: &str) -> Option<&str> {
    let c = BULLET.captures(line.trim())?;
    let x = c.name("x")?.as_str().trim();
    is_headline(x).then_some(x)
}

/// A one-line sidebar: three or more headlines separated by dashes
/// (`Talks resume – Oil prices fall – Baku hosts forum`).
pub(crate) fn dash_separated(line: &str) -> Option<Vec<&str>> {
    let line = line.trim();
    if !is_headline(line) || ends_sentence(line) {
        return None;
    }
    let parts: Vec<&str> = split_dashes(line)
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let ok = parts.len() >= 3
        && parts
            .iter()
            .all(|p| p.split_whitespace().count() >= 2 && is_headline(p));
    ok.then_some(parts)
}

fn split_dashes(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some((i, len)) = [" - ", " – ", " — "]
        .iter()
        .filter_map(|d| rest.find(d).map(|i| (i, d.len())))
        .min()
    {
        out.push(&rest[..i]);
        rest = &rest[i + len..];
    }
    out.push(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn navigation_and_chrome() {
        for nav in [
            "Home | News | Analytics | Contact",
            "Home » Politics » Region",
            "AZ RU EN",
            "Hamısı",
            "Share",
            "© 2020 Caspian News. All rights reserved.",
        ] {
            assert!(is_navigation(nav), "{nav}");
        }
        for prose in [
            "Baku and Yerevan | a long road",
            "The talks stalled. Nobody came.",
            "Analytics",
            "⬇️⬇️⬇️https://t.co/hopPjqa95w",
        ] {
            assert!(!is_navigation(prose), "{prose}");
        }
    }

    #[test]
    fn headlines_and_prose() {
        assert!(is_headline("Azerbaijan and Pakistan ink memo in Khankendi"));
        assert!(is_headline("Will the talks resume?"));
        assert!(!is_headline("The talks stalled in May."));
        assert!(!is_headline("Talks stalled. Nobody came"));
        assert!(is_read_more("Read more »"));
        assert!(is_read_more("MORE"));
        assert!(is_list_heading("Popular news"));
        assert!(is_list_heading("Читайте также:"));
        assert_eq!(
            bullet("— Oil prices fall again"),
            Some("Oil prices fall again")
        );
        assert_eq!(bullet("- The army moved."), None);
        assert_eq!(
            dash_separated("Talks resume in Vienna – Oil prices fall – Baku hosts forum"),
            Some(vec![
                "Talks resume in Vienna",
                "Oil prices fall",
                "Baku hosts forum"
            ])
        );
        assert_eq!(
            dash_separated("Kazakh servicemen arrive to join Tarlan - 2025 exercise"),
            None
        );
    }
}
