//! Deciding whether a parenthetical is a citation, and reading it.
//!
//! A parenthetical is a citation when every `;`-separated part reads as
//! *`[prefix]` source, dates*:
//!
//! - `(Mod.gov.az, May 23)`, `(Reuters, 12 March 2021)`, `(Archive, April 2019)`,
//!   `(Yearbook, 2018)`;
//! - a date list, one citation per day, each with its own month and year:
//!   `(Kavkazsky Uzel, November 8, 10)`, `(Turan, May 30, June 2)`,
//!   `(Kavkazsky Uzel, November 8, 10, December 1, 2019)` (a year applies to
//!   the days before it; a date without one takes the latest year not after
//!   the date that follows it in the list, else the article's date);
//! - several sources, each with its own dates: `(APA, May 5, 7; Report.az, May 6)`;
//! - a prefix, kept: `see`, `see also`, `cf.`, `compare`, `e.g.`, `via`;
//!   a `Source:` label, dropped (it is still in `raw`);
//! - day-first dates with month names in English, Russian, Azerbaijani and
//!   Turkish: `(Interfax, 23 мая)`, `(APA, 23 may 2020)`, `(Anadolu, 23 Mayıs 2020)`;
//! - a source whose name was lost (a scraped link): `(, May 23)`, `(, , May 23, 2020)`
//!   is a citation of [`UNKNOWN_SOURCE`];
//! - reference marks such as `[1]` inside it are ignored: `(Mod.gov.az, May 23 [1])`.
//!
//! Lenient forms (`April, 21 2020`, a missing comma before the date) are
//! accepted with a warning. Acronyms, glosses, series marks, clauses that
//! merely contain a date, and date ranges are not citations and stay in the
//! text untouched.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::{Captures, Regex};

use super::dates::{MONTH, infer_year, month_number};
use crate::bundle::PartialDate;

/// The source of a citation whose source's name is missing from the page
/// (`(, May 23)`: the name was a link the scrape lost).
pub const UNKNOWN_SOURCE: &str = "?";

/// One citation read from a parenthetical.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cited {
    pub prefix: Option<String>,
    /// Who is cited; [`UNKNOWN_SOURCE`] when the page lost the name.
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

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Form {
    /// `Month D[, D…][, YYYY][, Month D…]`: month-first, a list.
    MonthList,
    /// `Month, D YYYY` (lenient)
    MonthCommaDayYear,
    /// `Month D YYYY` (lenient)
    MonthDayYear,
    /// `D[, D…] Month[ YYYY][, D Month…]`: day-first, a list, in any language known.
    DayList,
    /// `Month YYYY`
    MonthYear,
    /// `YYYY`
    Year,
}

/// Month names other than English, as written after the day (`23 мая`,
/// `23 may`, `23 Mayıs`), lower case: Russian (genitive, nominative and
/// abbreviated), Azerbaijani and Turkish. An abbreviation may end with a dot.
const OTHER_MONTHS: &[(&str, u32)] = &[
    ("января", 1),
    ("январь", 1),
    ("янв", 1),
    ("февраля", 2),
    ("февраль", 2),
    ("февр", 2),
    ("фев", 2),
    ("марта", 3),
    ("март", 3),
    ("мар", 3),
    ("апреля", 4),
    ("апрель", 4),
    ("апр", 4),
    ("мая", 5),
    ("май", 5),
    ("июня", 6),
    ("июнь", 6),
    ("июн", 6),
    ("июля", 7),
    ("июль", 7),
    ("июл", 7),
    ("августа", 8),
    ("август", 8),
    ("авг", 8),
    ("сентября", 9),
    ("сентябрь", 9),
    ("сент", 9),
    ("сен", 9),
    ("октября", 10),
    ("октябрь", 10),
    ("окт", 10),
    ("ноября", 11),
    ("ноябрь", 11),
    ("нояб", 11),
    ("ноя", 11),
    ("декабря", 12),
    ("декабрь", 12),
    ("дек", 12),
    // Azerbaijani
    ("yanvar", 1),
    ("fevral", 2),
    ("mart", 3),
    ("aprel", 4),
    ("may", 5),
    ("iyun", 6),
    ("iyul", 7),
    ("avqust", 8),
    ("sentyabr", 9),
    ("oktyabr", 10),
    ("noyabr", 11),
    ("dekabr", 12),
    // Turkish (mart as in Azerbaijani)
    ("ocak", 1),
    ("şubat", 2),
    ("nisan", 4),
    ("mayıs", 5),
    ("haziran", 6),
    ("temmuz", 7),
    ("ağustos", 8),
    ("eylül", 9),
    ("ekim", 10),
    ("kasım", 11),
    ("aralık", 12),
];

/// Any month name: English as [`MONTH`] (capitalised), the others of
/// [`OTHER_MONTHS`] in any case.
static ANY_MONTH: LazyLock<String> = LazyLock::new(|| {
    // In capitals too: case-insensitive matching does not take `I` for `ı`.
    let mut names: Vec<String> = OTHER_MONTHS
        .iter()
        .flat_map(|(n, _)| [n.to_string(), n.to_uppercase()])
        .collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
    names.dedup();
    format!(r"(?:{MONTH}|(?i:(?:{})\b\.?))", names.join("|"))
});

/// A month name as [`any_month_number`] compares it: lower case, and the
/// Turkish dotless and dotted i are i (`ARALIK` is `aralık`).
fn fold_month(s: &str) -> String {
    s.to_lowercase()
        .chars()
        .filter(|&c| c != '\u{307}')
        .map(|c| if c == 'ı' { 'i' } else { c })
        .collect()
}

/// [`OTHER_MONTHS`] folded once, not at every date read.
static OTHER_MONTHS_FOLDED: LazyLock<Vec<(String, u32)>> = LazyLock::new(|| {
    OTHER_MONTHS
        .iter()
        .map(|(n, m)| (fold_month(n), *m))
        .collect()
});

/// The number (1–12) of a month name in any of the languages known.
fn any_month_number(name: &str) -> Option<u32> {
    let key = fold_month(name.trim_end_matches('.'));
    OTHER_MONTHS_FOLDED
        .iter()
        .find(|(n, _)| *n == key)
        .map(|(_, m)| *m)
        .or_else(|| month_number(name))
}

/// Days of one month: `8`, `8, 10`, `8 and 10`.
const DAYS: &str = r"\d{1,2}(?:(?:\s*,\s*|\s*&\s*|\s+(?:and|и|və|ve)\s+)\d{1,2}\b)*";
/// What may follow a year: `г.`, `года` (Russian), `-ci il` (Azerbaijani).
const YEAR_SUFFIX: &str = r"(?:\s*(?:гг?\.|года)|-?c[iıuü]\s+il)?";
/// Between the month groups of a list.
const GROUP_SEP: &str = r"(?:\s*,\s*|\s+(?:and|и|və|ve)\s+)";

fn month_first_group(names: bool) -> String {
    let (mon, days, y) = if names {
        ("?P<mon>", "?P<days>", "?P<y>")
    } else {
        ("?:", "?:", "?:")
    };
    format!(r"({mon}{MONTH})\s+({days}{DAYS})(?:,\s*({y}\d{{4}}){YEAR_SUFFIX})?")
}

fn day_first_group(names: bool) -> String {
    let (mon, days, y) = if names {
        ("?P<mon>", "?P<days>", "?P<y>")
    } else {
        ("?:", "?:", "?:")
    };
    let any = ANY_MONTH.as_str();
    format!(r"({days}{DAYS})\s+({mon}{any}),?(?:\s+({y}\d{{4}}){YEAR_SUFFIX})?")
}

fn fixed(re: &str) -> Regex {
    Regex::new(re).unwrap_or_else(|e| unreachable!("fixed regex: {e}"))
}

/// One month group of a list, with its parts named.
static MONTH_FIRST_GROUP: LazyLock<Regex> = LazyLock::new(|| fixed(&month_first_group(true)));
static DAY_FIRST_GROUP: LazyLock<Regex> = LazyLock::new(|| fixed(&day_first_group(true)));

/// Each form: the regex of a part with a source, and of a part that is only
/// the date (its source lost).
static FORMS: LazyLock<Vec<(Form, Regex, Regex)>> = LazyLock::new(|| {
    let any = ANY_MONTH.as_str();
    let mf = month_first_group(false);
    let df = day_first_group(false);
    let forms = [
        (Form::MonthList, format!(r"{mf}(?:{GROUP_SEP}{mf})*")),
        (
            Form::MonthCommaDayYear,
            format!(r"(?P<mon>{MONTH}),\s*(?P<days>\d{{1,2}}),?\s+(?P<y>\d{{4}})"),
        ),
        (
            Form::MonthDayYear,
            format!(r"(?P<mon>{MONTH})\s+(?P<days>\d{{1,2}})\s+(?P<y>\d{{4}})"),
        ),
        (Form::DayList, format!(r"{df}(?:{GROUP_SEP}{df})*")),
        (
            Form::MonthYear,
            format!(r"(?P<mon>{any}),?\s+(?P<y>\d{{4}}){YEAR_SUFFIX}"),
        ),
        (Form::Year, format!(r"(?P<y>\d{{4}}){YEAR_SUFFIX}")),
    ];
    forms
        .into_iter()
        .filter_map(|(form, f)| {
            // A date with a day may follow the comma without a space
            // (`APA,May 5`); a year alone may not (`1,2019` is a number).
            let sep = match form {
                Form::MonthYear | Form::Year => r"(?P<comma>,)?\s+",
                _ => r"(?:(?P<comma>,)\s*|\s+)",
            };
            let with_source = Regex::new(&format!(r"^(?P<src>.+?){sep}(?P<date>{f})$"));
            let alone = Regex::new(&format!(r"^(?P<date>{f})$"));
            Some((form, with_source.ok()?, alone.ok()?))
        })
        .collect()
});

static PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    fixed(r"^(?i:(?P<prefix>see also|see|cf\.|compare|e\.g\.,?|via))\s+(?P<rest>.+)$")
});

/// A label before the source, dropped: `Source: Mod.gov.az, May 23`.
static LABEL: LazyLock<Regex> =
    LazyLock::new(|| fixed(r"^(?i:sources?|kaynak|mənbə|источник)\s*:\s*(?P<rest>.+)$"));

/// What is left of source names lost in the scrape: commas before the date.
static LOST: LazyLock<Regex> = LazyLock::new(|| fixed(r"^(?:,\s*)+(?P<rest>.+)$"));

/// A web page's access date after a lost link: `accessed November 5, 2020`.
static ACCESSED: LazyLock<Regex> =
    LazyLock::new(|| fixed(r"^(?i:accessed|retrieved)(?:\s+on)?\s+(?P<rest>.+)$"));

/// The writer's own sources, in lower case but sources all the same:
/// `Author’s interview`, `Author's correspondence with officials`.
static OWN_SOURCE: LazyLock<Regex> = LazyLock::new(|| {
    fixed(
        r"^(?i:(?:the\s+)?authors?['’]?s?['’]?\s+(?:interviews?|conversations?|correspondence|communications?)(?:\s+with\s+.{1,40})?)$",
    )
});

/// A reference mark (`[1]`), the page's own note number, ignored.
static MARK: LazyLock<Regex> = LazyLock::new(|| fixed(r"\s*\[\d{1,3}\]"));

/// Something in a would-be source that makes it a date or a range instead.
static DATEISH: LazyLock<Regex> =
    LazyLock::new(|| fixed(&format!(r"{MONTH}\s+\d|\b\d{{4}}\b|\d\s*[–—-]\s*\d")));

const CONNECTORS: &[&str] = &[
    "of", "the", "and", "for", "de", "du", "la", "le", "el", "al", "on", "in", "des", "der", "die",
    "und", "y", "et", "&", "van", "von", "da", "di",
];

fn plausible_source(s: &str) -> bool {
    if OWN_SOURCE.is_match(s) {
        return true;
    }
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
    // Where the part that last named a source starts.
    let mut named_at = 0;
    let mut at = 0;
    for part in inner.split(';') {
        let (start, end) = (at, at + part.len());
        at = end + 1;
        let raw = part.trim();
        let mut one = Classified::default();
        if read_part(raw, article_date, &mut one).is_some() {
            named_at = start;
        } else if let Some(more) = read_comma_separated(raw, article_date) {
            (one, named_at) = (more, start);
        } else {
            // `(see EDM, March 28, 2006; October 11, 2013)`: more dates of
            // the source before, whose raw text runs from its name.
            let from = inner.get(named_at..end).unwrap_or(raw).trim();
            one = more_dates(raw, from, out.citations.last(), article_date)?;
        }
        out.citations.append(&mut one.citations);
        out.warnings.append(&mut one.warnings);
    }
    (!out.citations.is_empty()).then_some(out)
}

/// A part that is only dates (`raw`), of the source of the part before it;
/// `from` is the text from that source's name to the end of this part.
fn more_dates(
    raw: &str,
    from: &str,
    before: Option<&Cited>,
    article_date: Option<NaiveDate>,
) -> Option<Classified> {
    let before = before.filter(|b| b.source != UNKNOWN_SOURCE)?;
    let mut one = Classified::default();
    read_part(&format!(", {raw}"), article_date, &mut one)?;
    for c in &mut one.citations {
        c.source.clone_from(&before.source);
        c.prefix.clone_from(&before.prefix);
        c.raw = from.to_string();
    }
    Some(one)
}

/// The most commas a part is split at to find sources separated by commas.
const MAX_COMMAS: usize = 16;

/// A part that is several sources with their dates separated by commas,
/// not semicolons: `Mod.gov.az, May 23, Trend.az, May 24` (lenient).
fn read_comma_separated(raw: &str, article_date: Option<NaiveDate>) -> Option<Classified> {
    let commas: Vec<usize> = raw.match_indices(',').map(|(i, _)| i).collect();
    if commas.len() < 3 || commas.len() > MAX_COMMAS {
        return None;
    }
    // Segment boundaries: the start, each comma, the end.
    let starts: Vec<usize> = std::iter::once(0)
        .chain(commas.iter().map(|c| c + 1))
        .collect();
    let ends: Vec<usize> = commas
        .iter()
        .copied()
        .chain(std::iter::once(raw.len()))
        .collect();
    // From the last segment start back: how the rest reads, if it does
    // (the longest first segment that reads: a day list is not cut short).
    let mut rest: Vec<Option<(usize, Classified)>> = vec![None; starts.len() + 1];
    for s in (0..starts.len()).rev() {
        for e in (s..ends.len()).rev() {
            let after = e + 1;
            if after < starts.len() && rest[after].is_none() {
                continue;
            }
            let mut seg = Classified::default();
            let text = raw[starts[s]..ends[e]].trim();
            if read_part(text, article_date, &mut seg).is_some() {
                rest[s] = Some((after, seg));
                break;
            }
        }
    }
    let mut out = Classified::default();
    let mut at = 0;
    let mut segments = 0;
    while at < starts.len() {
        let (next, seg) = rest[at].take()?;
        out.citations.extend(seg.citations);
        out.warnings.extend(seg.warnings);
        segments += 1;
        at = next;
    }
    if segments < 2 {
        return None;
    }
    out.warnings.insert(
        0,
        format!("sources separated by commas, not semicolons, in \"{raw}\""),
    );
    Some(out)
}

/// The longest part of a parenthetical that may be a citation, in bytes: a
/// source is at most 60 characters, dates and prefix are short.
const MAX_PART: usize = 400;

fn read_part(raw: &str, article_date: Option<NaiveDate>, out: &mut Classified) -> Option<()> {
    if raw.len() > MAX_PART {
        return None;
    }
    let mut text = normalise_spaces(&MARK.replace_all(raw, ""));
    // A label has its colon, a lost name its comma first: most parts have
    // neither, and are not put to those regexes.
    let labelled = text.contains(':').then(|| LABEL.captures(&text)).flatten();
    if let Some(rest) = labelled.and_then(|c| c.name("rest")) {
        text = rest.as_str().to_string();
    }
    let (prefix, rest) = match PREFIX.captures(&text) {
        Some(c) => (
            c.name("prefix").map(|p| p.as_str().to_string()),
            c.name("rest").map_or("", |r| r.as_str()),
        ),
        None => (None, text.as_str()),
    };
    let lost = (rest.starts_with(','))
        .then(|| LOST.captures(rest))
        .flatten()
        .and_then(|c| c.name("rest"));
    let (form, c, source) = match lost {
        Some(date) => {
            let date = date.as_str();
            let date =
                (ACCESSED.captures(date).and_then(|c| c.name("rest"))).map_or(date, |d| d.as_str());
            let dated = FORMS
                .iter()
                .find_map(|(form, _, re)| re.captures(date).map(|c| (*form, c)));
            let Some((form, c)) = dated else {
                // `(, Kommersant December 11, 2020)`: a lost name, then a
                // source that was plain text, sharing the date.
                let mut named = Classified::default();
                read_part(date, article_date, &mut named)?;
                for cited in &named.citations {
                    out.citations.push(Cited {
                        source: UNKNOWN_SOURCE.to_string(),
                        raw: raw.to_string(),
                        ..cited.clone()
                    });
                }
                out.warnings.append(&mut named.warnings);
                out.citations.append(&mut named.citations);
                return Some(());
            };
            (form, c, UNKNOWN_SOURCE)
        }
        None => {
            let (form, c) = FORMS
                .iter()
                .find_map(|(form, re, _)| re.captures(rest).map(|c| (*form, c)))?;
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
            (form, c, source)
        }
    };
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

/// One month's days of a date list, and the year written after them.
struct Group {
    month: Option<u32>,
    days: Vec<u32>,
    year: Option<i32>,
}

fn group(c: &Captures) -> Group {
    let days = c.name("days").map_or("", |d| d.as_str());
    Group {
        month: c.name("mon").and_then(|m| any_month_number(m.as_str())),
        days: days
            .split(|ch: char| !ch.is_ascii_digit())
            .filter_map(|d| d.parse::<u32>().ok())
            .collect(),
        year: c.name("y").and_then(|y| y.as_str().parse::<i32>().ok()),
    }
}

/// The date(s) of a part: one per day of a date list.
fn dates(
    form: Form,
    c: &Captures,
    article_date: Option<NaiveDate>,
    raw: &str,
    warnings: &mut Vec<String>,
) -> Vec<Option<PartialDate>> {
    let whole = group(c);
    let groups: Vec<Group> = match form {
        Form::Year => return vec![whole.year.map(PartialDate::Year)],
        Form::MonthYear => {
            return vec![
                whole
                    .year
                    .zip(whole.month)
                    .map(|(y, m)| PartialDate::YearMonth(y, m)),
            ];
        }
        Form::MonthCommaDayYear | Form::MonthDayYear => vec![whole],
        Form::MonthList | Form::DayList => {
            let list = c.name("date").map_or("", |d| d.as_str());
            let re = if form == Form::MonthList {
                &*MONTH_FIRST_GROUP
            } else {
                &*DAY_FIRST_GROUP
            };
            re.captures_iter(list).map(|g| group(&g)).collect()
        }
    };
    let days: Vec<(Option<u32>, u32, Option<i32>)> = groups
        .iter()
        .flat_map(|g| g.days.iter().map(|&d| (g.month, d, g.year)))
        .collect();
    // From the last day back: a day without a year takes the latest year
    // that keeps it not after the day that follows it (the last one: not
    // after the article).
    let mut out = vec![None; days.len()];
    let mut next: Option<NaiveDate> = None;
    let mut warn = |w: String| {
        if !warnings.contains(&w) {
            warnings.push(w);
        }
    };
    for (k, &(month, day, year)) in days.iter().enumerate().rev() {
        let Some(month) = month else { continue };
        let date = match (year, next.or(article_date)) {
            (Some(y), _) => NaiveDate::from_ymd_opt(y, month, day),
            (None, Some(anchor)) => infer_year(month, day, anchor),
            (None, None) => {
                warn(format!(
                    "\"{raw}\" has no year and the article has no date: the citation is left undated"
                ));
                continue;
            }
        };
        match date {
            Some(d) => next = Some(d),
            None => warn(format!(
                "\"{raw}\" names a day that does not exist: the citation is left undated"
            )),
        }
        out[k] = date.map(PartialDate::Day);
    }
    out
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
    #[test]
    fn month_names_in_four_languages() {
        for (name, n) in [
            ("мая", 5),
            ("Мая", 5),
            ("дек.", 12),
            ("may", 5),
            ("Avqust", 8),
            ("Mayıs", 5),
            ("ARALIK", 12),
            ("Şubat", 2),
            ("Sept.", 9),
            ("Mart", 3),
        ] {
            assert_eq!(any_month_number(name), Some(n), "{name}");
        }
        assert_eq!(any_month_number("маяк"), None);
    }

    #[test]
    fn a_date_list_takes_its_years_from_the_dates_after() {
        let dates = |inner: &str, article| -> Vec<String> {
            classify(inner, article)
                .unwrap()
                .citations
                .iter()
                .map(|x| x.date.map(|d| d.to_string()).unwrap_or_default())
                .collect()
        };
        assert_eq!(
            dates("Trend, December 30, January 2", june3()),
            ["2019-12-30", "2020-01-02"]
        );
        // Without the article's date, from the year written after.
        assert_eq!(
            dates("Uzel, November 8, 10, December 1, 2019", None),
            ["2019-11-08", "2019-11-10", "2019-12-01"]
        );
        assert_eq!(dates("Trend, December 30, January 2", None), ["", ""]);
    }

    #[test]
    fn sources_separated_by_commas_warn() {
        let c = cite("APA, May 5, 7, Trend, May 6");
        let got: Vec<_> = c
            .citations
            .iter()
            .map(|x| (x.source.as_str(), x.raw.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("APA", "APA, May 5, 7"),
                ("APA", "APA, May 5, 7"),
                ("Trend", "Trend, May 6")
            ]
        );
        assert_eq!(c.warnings.len(), 1);
        assert!(classify("Baku, May 2, the capital, May 3", june3()).is_none());
        assert!(classify("Baku, May 2, 3, 4", june3()).is_some_and(|c| c.warnings.is_empty()));
    }
}
