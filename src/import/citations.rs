//! Deciding whether a parenthetical is a citation, and reading it.
//!
//! A parenthetical is a citation when every `;`-separated part reads as
//! *`[prefix]` source, date*: `(Mod.gov.az, May 23)`, `(see EDM, April 1, 2019)`,
//! `(Kavkazsky Uzel, November 8, 10)` (one citation per day). Lenient forms
//! (`April, 21 2020`, a missing comma before the date) are accepted with a
//! warning. Acronyms, glosses, clauses that merely contain a date, and date
//! ranges are not citations and stay in the text untouched.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::{Captures, Regex};

use super::dates::{MONTH, infer_year, month_number};
use crate::bundle::PartialDate;

/// One citation read from a parenthetical.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cited {
    pub prefix: Option<String>,
    pub source: String,
    pub date: Option<PartialDate>,
    /// The part of the parenthetical it came from, exactly as written.
    pub raw: String,
}

/// The citations of a parenthetical and what was lenient about them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Classified {
    pub citations: Vec<Cited>,
    pub warnings: Vec<String>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Form {
    /// `Month D[, D…][, YYYY]`
    MonthDays,
    /// `Month, D YYYY` (lenient)
    MonthCommaDayYear,
    /// `Month D YYYY` (lenient)
    MonthDayYear,
    /// `D Month YYYY`
    DayMonthYear,
    /// `Month YYYY`
    MonthYear,
    /// `YYYY`
    Year,
}

static FORMS: LazyLock<Vec<(Form, Regex)>> = LazyLock::new(|| {
    let forms = [
        (
            Form::MonthDays,
            format!(
                r"(?P<mon>{MONTH})\s+(?P<days>\d{{1,2}}(?:\s*,\s*\d{{1,2}}\b)*)(?:,\s*(?P<y>\d{{4}}))?"
            ),
        ),
        (
            Form::MonthCommaDayYear,
            format!(r"(?P<mon>{MONTH}),\s*(?P<days>\d{{1,2}}),?\s+(?P<y>\d{{4}})"),
        ),
        (
            Form::MonthDayYear,
            format!(r"(?P<mon>{MONTH})\s+(?P<days>\d{{1,2}})\s+(?P<y>\d{{4}})"),
        ),
        (
            Form::DayMonthYear,
            format!(r"(?P<days>\d{{1,2}})\s+(?P<mon>{MONTH}),?\s+(?P<y>\d{{4}})"),
        ),
        (
            Form::MonthYear,
            format!(r"(?P<mon>{MONTH}),?\s+(?P<y>\d{{4}})"),
        ),
        (Form::Year, r"(?P<y>\d{4})".to_string()),
    ];
    forms
        .into_iter()
        .filter_map(|(form, f)| {
            Regex::new(&format!(r"^(?P<src>.+?)(?P<comma>,)?\s+{f}$"))
                .ok()
                .map(|r| (form, r))
        })
        .collect()
});

static PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:(?P<prefix>see also|see|cf\.|compare|e\.g\.,?))\s+(?P<rest>.+)$")
        .unwrap_or_else(|e| unreachable!("fixed regex: {e}"))
});

/// Something in a would-be source that makes it a date or a range instead.
static DATEISH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"{MONTH}\s+\d|\b\d{{4}}\b|\d\s*[–—-]\s*\d"))
        .unwrap_or_else(|e| unreachable!("fixed regex: {e}"))
});

const CONNECTORS: &[&str] = &[
    "of", "the", "and", "for", "de", "du", "la", "le", "el", "al", "on", "in", "des", "der", "die",
    "und", "y", "et", "&", "van", "von", "da", "di",
];

fn plausible_source(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    let Some(first) = s.chars().next() else {
        return false;
    };
    if words.is_empty() || words.len() > 6 || s.chars().count() > 60 {
        return false;
    }
    if DATEISH.is_match(s) || s.ends_with(['-', '–', '—', ',', ':']) {
        return false;
    }
    let domain = words.len() == 1 && s.contains('.') && !s.ends_with('.');
    if !(first.is_uppercase() || first.is_ascii_digit() || domain) {
        return false;
    }
    words.iter().all(|w| {
        let c = w.chars().next().unwrap_or(' ');
        !c.is_lowercase() || CONNECTORS.contains(&w.to_lowercase().as_str()) || w.contains('.')
    })
}

fn normalise_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Reads `inner` (the text between the parentheses). `None`: not a citation.
pub fn classify(inner: &str, article_date: Option<NaiveDate>) -> Option<Classified> {
    let mut out = Classified::default();
    for part in inner.split(';') {
        let raw = part.trim();
        read_part(raw, article_date, &mut out)?;
    }
    (!out.citations.is_empty()).then_some(out)
}

fn read_part(raw: &str, article_date: Option<NaiveDate>, out: &mut Classified) -> Option<()> {
    let text = normalise_spaces(raw);
    let (prefix, rest) = match PREFIX.captures(&text) {
        Some(c) => (
            c.name("prefix").map(|p| p.as_str().to_string()),
            c.name("rest").map_or("", |r| r.as_str()),
        ),
        None => (None, text.as_str()),
    };
    let (form, c) = FORMS
        .iter()
        .find_map(|(form, re)| re.captures(rest).map(|c| (*form, c)))?;
    let source = c.name("src")?.as_str().trim();
    if !plausible_source(source) {
        return None;
    }
    let has_day = !matches!(form, Form::MonthYear | Form::Year);
    if c.name("comma").is_none() {
        if !has_day {
            return None;
        }
        out.warnings.push(format!(
            "no comma between source and date in \"{raw}\"; read as source \"{source}\""
        ));
    }
    if matches!(form, Form::MonthCommaDayYear | Form::MonthDayYear) {
        out.warnings.push(format!("lenient date in \"{raw}\""));
    }
    for date in dates(form, &c, article_date, raw, &mut out.warnings) {
        out.citations.push(Cited {
            prefix: prefix.clone(),
            source: source.to_string(),
            date,
            raw: raw.to_string(),
        });
    }
    Some(())
}

/// The date(s) of a part: one per day of a day list.
fn dates(
    form: Form,
    c: &Captures,
    article_date: Option<NaiveDate>,
    raw: &str,
    warnings: &mut Vec<String>,
) -> Vec<Option<PartialDate>> {
    let year = c.name("y").and_then(|y| y.as_str().parse::<i32>().ok());
    let month = c.name("mon").and_then(|m| month_number(m.as_str()));
    match form {
        Form::Year => return vec![year.map(PartialDate::Year)],
        Form::MonthYear => {
            return vec![year.zip(month).map(|(y, m)| PartialDate::YearMonth(y, m))];
        }
        _ => {}
    }
    let days = c.name("days").map_or("", |d| d.as_str());
    days.split(',')
        .filter_map(|d| d.trim().parse::<u32>().ok())
        .map(|day| {
            let month = month?;
            let date = match (year, article_date) {
                (Some(y), _) => NaiveDate::from_ymd_opt(y, month, day),
                (None, Some(article)) => infer_year(month, day, article),
                (None, None) => {
                    warnings.push(format!(
                        "\"{raw}\" has no year and the article has no date: the citation is left undated"
                    ));
                    return None;
                }
            };
            if date.is_none() {
                warnings.push(format!("\"{raw}\" names a day that does not exist: the citation is left undated"));
            }
            date.map(PartialDate::Day)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn june3() -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(2020, 6, 3)
    }

    fn cite(inner: &str) -> Classified {
        classify(inner, june3()).unwrap_or_else(|| panic!("not read as a citation: ({inner})"))
    }

    fn one(inner: &str) -> (Option<String>, String, String) {
        let c = cite(inner);
        assert_eq!(c.citations.len(), 1, "{inner}");
        let x = &c.citations[0];
        (
            x.prefix.clone(),
            x.source.clone(),
            x.date.map(|d| d.to_string()).unwrap_or_default(),
        )
    }

    #[test]
    fn golden_forms() {
        assert_eq!(
            one("Mod.gov.az, May 23"),
            (None, "Mod.gov.az".into(), "2020-05-23".into())
        );
        assert_eq!(
            one("Azernews.az, November 28, 2019"),
            (None, "Azernews.az".into(), "2019-11-28".into())
        );
        assert_eq!(
            one("see\u{a0}EDM, April 1, 2019"),
            (Some("see".into()), "EDM".into(), "2019-04-01".into())
        );
        assert_eq!(
            one("Osce.org, January 30"),
            (None, "Osce.org".into(), "2020-01-30".into())
        );
        assert_eq!(
            one("Reuters, 12 March 2021"),
            (None, "Reuters".into(), "2021-03-12".into())
        );
        assert_eq!(
            one("Archive Bulletin, April 2019"),
            (None, "Archive Bulletin".into(), "2019-04".into())
        );
        assert_eq!(
            one("Yearbook of Terminals, 2018"),
            (None, "Yearbook of Terminals".into(), "2018".into())
        );
        assert_eq!(
            one("cf. The New York Times, Sept. 9, 2021"),
            (
                Some("cf.".into()),
                "The New York Times".into(),
                "2021-09-09".into()
            )
        );
        assert!(cite("Mod.gov.az, May 23").warnings.is_empty());
    }

    #[test]
    fn several_sources_one_citation_each() {
        let c = cite("EurasiaNet, December 4, 2019;\u{a0}Azerbaycan24.com, January 25, 2020");
        let got: Vec<_> = c
            .citations
            .iter()
            .map(|x| {
                (
                    x.source.as_str(),
                    x.date.unwrap().to_string(),
                    x.raw.as_str(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    "EurasiaNet",
                    "2019-12-04".to_string(),
                    "EurasiaNet, December 4, 2019"
                ),
                (
                    "Azerbaycan24.com",
                    "2020-01-25".to_string(),
                    "Azerbaycan24.com, January 25, 2020"
                )
            ]
        );
    }

    #[test]
    fn a_day_list_is_one_citation_per_day() {
        let c = classify(
            "Kavkazsky Uzel, November 8, 10",
            NaiveDate::from_ymd_opt(2020, 12, 1),
        )
        .unwrap();
        let dates: Vec<_> = c
            .citations
            .iter()
            .map(|x| x.date.unwrap().to_string())
            .collect();
        assert_eq!(dates, ["2020-11-08", "2020-11-10"]);
        assert!(
            c.citations
                .iter()
                .all(|x| x.raw == "Kavkazsky Uzel, November 8, 10")
        );
    }

    #[test]
    fn lenient_forms_warn() {
        let c = cite("Turan.az, April, 21 2020");
        assert_eq!(c.citations[0].date.unwrap().to_string(), "2020-04-21");
        assert_eq!(c.warnings, ["lenient date in \"Turan.az, April, 21 2020\""]);
        let c = classify(
            "Kommersant December 11, 2020",
            NaiveDate::from_ymd_opt(2021, 1, 1),
        )
        .unwrap();
        assert_eq!(c.citations[0].source, "Kommersant");
        assert_eq!(c.citations[0].date.unwrap().to_string(), "2020-12-11");
        assert_eq!(c.warnings.len(), 1);
        assert!(c.warnings[0].starts_with("no comma between source and date"));
        let c = cite("Interfax, May 3 2019");
        assert_eq!(c.citations[0].date.unwrap().to_string(), "2019-05-03");
        assert_eq!(c.warnings.len(), 1);
    }

    #[test]
    fn undated_when_the_year_cannot_be_known() {
        let c = classify("Mod.gov.az, May 23", None).unwrap();
        assert_eq!(c.citations[0].date, None);
        assert_eq!(c.warnings.len(), 1);
        let c = cite("Mod.gov.az, April 31, 2020");
        assert_eq!(c.citations[0].date, None);
        assert!(c.warnings[0].contains("does not exist"));
    }

    #[test]
    fn not_citations() {
        for inner in [
            "OSCE",
            "rayons",
            "MLRS",
            "CIS",
            "Khankendi to Azerbaijanis",
            "one of the Minsk Group co-chairs",
            "made on August 5, 2019, in occupied Khankendi",
            "September 27–November 10, 2020",
            "September 27 – November 10, 2020",
            "May 23",
            "2019",
            "since March 2019",
            "Since March 2019",
            "see below",
            "",
            "the report, May 23",
            "EurasiaNet, December 4, 2019; see the report",
            "a very long clause with Many Words In It, May 23",
        ] {
            assert_eq!(
                classify(inner, june3()),
                None,
                "({inner}) read as a citation"
            );
        }
    }
}
