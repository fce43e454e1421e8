//! Dates and times as scraped pages print them: the article header line
//! (`Analytics 15:33 03.06.2020` and its cousins: date-first, year-first,
//! month names in English, Russian, Azerbaijani and Turkish, a zone kept as
//! printed), timestamps in lists of headlines (a time of day alone included),
//! and month names in citations (English, [`MONTH`], which the citation
//! recogniser is built on). Dotted dates are day-first (`03.06.2020` is 3 June).

use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};
use regex::{Captures, Regex};

/// English month names and their usual abbreviations, as a regex alternation.
pub(crate) const MONTH: &str = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)";

/// The number (1–12) of a month name or abbreviation.
pub(crate) fn month_number(name: &str) -> Option<u32> {
    let key: String = name
        .trim_end_matches('.')
        .chars()
        .take(3)
        .collect::<String>()
        .to_ascii_lowercase();
    let n = match key.as_str() {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some(n)
}

/// Month names in English, Russian (nominative, genitive, abbreviated),
/// Azerbaijani and Turkish, any letter case, as a regex alternation. Longer
/// forms come first; [`month_any`] reads what it matched.
pub(crate) const MONTH_ANY: &str = r"(?i:january|february|march|april|may|june|july|august|september|october|november|december|sept|jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec|yanvar|fevral|mart|aprel|[iİ]yun|[iİ]yul|avqust|sentyabr|oktyabr|noyabr|dekabr|ocak|[şs]ubat|nisan|may[ıi]s|haziran|temmuz|a[ğg]ustos|eyl[üu]l|ekim|kas[ıi]m|aral[ıi]k|январ[яь]|феврал[яь]|марта?|апрел[яь]|ма[яй]|июн[яь]|июл[яь]|августа?|сентябр[яь]|октябр[яь]|ноябр[яь]|декабр[яь]|янв|фев|мар|апр|авг|сент|сен|окт|нояб|ноя|дек)\.?";

/// The number (1–12) of a month name in any language [`MONTH_ANY`] knows.
pub(crate) fn month_any(name: &str) -> Option<u32> {
    let folded: String = name
        .trim_end_matches('.')
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            '\u{307}' => None,
            'ı' => Some('i'),
            'ş' => Some('s'),
            'ğ' => Some('g'),
            'ü' => Some('u'),
            c => Some(c),
        })
        .collect();
    let n = match folded.chars().take(3).collect::<String>().as_str() {
        "jan" | "yan" | "oca" | "янв" => 1,
        "feb" | "fev" | "sub" | "фев" => 2,
        "mar" | "мар" => 3,
        "apr" | "nis" | "апр" => 4,
        "may" | "май" | "мая" => 5,
        "jun" | "haz" | "июн" => 6,
        "jul" | "tem" | "июл" => 7,
        "aug" | "avq" | "agu" | "авг" => 8,
        "sep" | "sen" | "eyl" | "сен" => 9,
        "oct" | "okt" | "eki" | "окт" => 10,
        "nov" | "noy" | "kas" | "ноя" => 11,
        "dec" | "dek" | "ara" | "дек" => 12,
        "iyu" if folded.starts_with("iyun") => 6,
        "iyu" if folded.starts_with("iyul") => 7,
        _ => return None,
    };
    Some(n)
}

/// The header line of an article: category, date, time and zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    pub category: Option<String>,
    pub published: NaiveDateTime,
    pub zone: Option<String>,
}

const ZONE: &str =
    r"(?:\s+\(?(?P<zone>(?:GMT|UTC|[A-Z]{2,5})(?:\s?[+-]\s?\d{1,2}(?::?\d{2})?)?)\)?)?";
/// Words a page puts before its date.
const LEAD: &str = r"(?i:(?:published|updated|last updated|posted|date|дата|опубликовано|обновлено|tarix|yayınlanma tarihi|güncelleme)(?:\s+on)?\s*:?\s*)?";
/// What may follow a year: `г.`, `года`, `-ci il`, `yılı`.
const YEAR_TAIL: &str = r"(?:\s*(?:г\.|года|г\b|-?[cç][iıuü]\s+il|yılı))?";
const CLOCK: &str = r"(?P<h>\d{1,2}):(?P<mi>\d{2})(?::\d{2})?(?:\s*(?P<ampm>[AaPp]\.?[Mm]\.?))?";

/// The date (and time) forms, without what surrounds them.
fn stamp_forms() -> Vec<String> {
    let m = MONTH_ANY;
    let sep = r"\s*(?:[,\-–—|/·•]\s*|\s(?i:at|в|saat)\s+)?";
    vec![
        // 15:33 03.06.2020
        format!(r"{CLOCK},?\s+(?P<d>\d{{1,2}})[./](?P<mo>\d{{1,2}})[./](?P<y>\d{{4}})"),
        // 03.06.2020 15:33, 03/06/2020 - 15:33
        format!(
            r"(?P<d>\d{{1,2}})[./](?P<mo>\d{{1,2}})[./](?P<y>\d{{4}}){YEAR_TAIL}{sep}\s*{CLOCK}"
        ),
        // 2020.06.03 15:33, 2020-06-03T15:33
        format!(r"(?P<y>\d{{4}})[./-](?P<mo>\d{{1,2}})[./-](?P<d>\d{{1,2}})(?:T|{sep}\s*){CLOCK}"),
        // 3 June 2020 15:33, 3 мая 2020 г., 15:33, ECONOMY 3 June 2020 - 15:33
        format!(r"(?P<d>\d{{1,2}})\s+(?P<mon>{m}),?\s+(?P<y>\d{{4}}){YEAR_TAIL}{sep}\s*{CLOCK}"),
        // June 3, 2020 15:33
        format!(r"(?P<mon>{m})\s+(?P<d>\d{{1,2}}),?\s+(?P<y>\d{{4}}){sep}\s*{CLOCK}"),
        // 15:33, 3 June 2020
        format!(r"{CLOCK}{sep}\s*(?P<d>\d{{1,2}})\s+(?P<mon>{m}),?\s+(?P<y>\d{{4}}){YEAR_TAIL}"),
        // 15:33, June 3, 2020
        format!(r"{CLOCK}{sep}\s*(?P<mon>{m})\s+(?P<d>\d{{1,2}}),?\s+(?P<y>\d{{4}})"),
        // Dates alone: 03.06.2020, 2020-06-03, 3 June 2020, June 3, 2020
        r"(?P<d>\d{1,2})\.(?P<mo>\d{1,2})\.(?P<y>\d{4})".to_string(),
        r"(?P<y>\d{4})[.-](?P<mo>\d{1,2})[.-](?P<d>\d{1,2})".to_string(),
        format!(r"(?P<d>\d{{1,2}})\s+(?P<mon>{m}),?\s+(?P<y>\d{{4}}){YEAR_TAIL}"),
        format!(r"(?P<mon>{m})\s+(?P<d>\d{{1,2}}),\s+(?P<y>\d{{4}})"),
    ]
}

static HEADERS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    stamp_forms()
        .iter()
        .filter_map(|f| {
            Regex::new(&format!(
                r"^(?P<cat>.*?)\s*(?:[|·•,–—-]\s*)?{LEAD}{f}{ZONE}\.?$"
            ))
            .ok()
        })
        .collect()
});

static STAMPS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    stamp_forms()
        .iter()
        .filter_map(|f| Regex::new(&format!(r"^{LEAD}{f}{ZONE}$")).ok())
        .collect()
});

/// Whether `line` may hold a date or time: every form reads its day, year
/// or hour with `str::parse`, which takes ASCII digits only, so a line
/// without one is none and is not put to a dozen regexes (most lines of a
/// page are not dates).
fn may_be_dated(line: &str) -> bool {
    line.bytes().any(|b| b.is_ascii_digit())
}

fn datetime(c: &Captures) -> Option<NaiveDateTime> {
    let date = date_of(c)?;
    let time = match c.name("h") {
        Some(_) => clock_of(c)?,
        None => NaiveTime::MIN,
    };
    Some(date.and_time(time))
}

/// The date of captures `d`, `mo` or `mon`, and `y` (two digits: 20xx).
pub(crate) fn date_of(c: &Captures) -> Option<NaiveDate> {
    let num = |k: &str| c.name(k)?.as_str().parse::<u32>().ok();
    let month = match c.name("mon") {
        Some(m) => month_any(m.as_str())?,
        None => num("mo")?,
    };
    let y = c.name("y")?.as_str();
    let mut year = y.parse::<i32>().ok()?;
    if y.len() == 2 {
        year += if year < 70 { 2000 } else { 1900 };
    }
    NaiveDate::from_ymd_opt(year, month, num("d")?)
}

fn clock_of(c: &Captures) -> Option<NaiveTime> {
    let num = |k: &str| c.name(k)?.as_str().parse::<u32>().ok();
    let mut hour = num("h")?;
    if let Some(ampm) = c.name("ampm") {
        let pm = ampm.as_str().to_ascii_lowercase().starts_with('p');
        if !(1..=12).contains(&hour) {
            return None;
        }
        hour = hour % 12 + if pm { 12 } else { 0 };
    }
    NaiveTime::from_hms_opt(hour, num("mi")?, 0)
}

/// Reads a header line; `None` when it is not one.
pub fn parse_header(line: &str) -> Option<Header> {
    let line = line.trim();
    if super::text::longer_than(line, 120) || !may_be_dated(line) {
        return None;
    }
    HEADERS.iter().find_map(|re| {
        let c = re.captures(line)?;
        let published = datetime(&c)?;
        let category = c.name("cat").map(|m| m.as_str().trim()).unwrap_or("");
        let category = category.trim_end_matches(['|', '·', '•', ',', '-', '–', '—', ' ']);
        // A category is a short label, not a sentence.
        if category.split_whitespace().count() > 4
            || category.ends_with(['.', ',', ':'])
            || category.chars().any(|c| c.is_ascii_digit())
        {
            return None;
        }
        Some(Header {
            category: (!category.is_empty()).then(|| category.to_string()),
            published,
            zone: c.name("zone").map(|z| z.as_str().to_string()),
        })
    })
}

static CLOCK_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?P<cat>[^\d]{{0,40}}?)\s*(?:[|·•,–—-]\s*)?{LEAD}(?i:today|сегодня|bugün|bu gün)?,?\s*{CLOCK}{ZONE}$"
    ))
    .unwrap_or_else(|e| unreachable!("fixed regex: {e}"))
});

/// A header line with a time but no date (`Politics 15:33`, `Today, 15:33`):
/// category, time and zone.
pub fn parse_clock_header(line: &str) -> Option<(Option<String>, NaiveTime, Option<String>)> {
    if !may_be_dated(line) {
        return None;
    }
    let c = CLOCK_HEADER.captures(line.trim())?;
    let time = clock_of(&c)?;
    let category = c.name("cat").map_or("", |m| m.as_str().trim());
    if category.split_whitespace().count() > 3 || category.ends_with(['.', ',', ':']) {
        return None;
    }
    Some((
        (!category.is_empty()).then(|| category.to_string()),
        time,
        c.name("zone").map(|z| z.as_str().to_string()),
    ))
}

/// A timestamp as a list of headlines prints it: a whole date and time, or
/// only a time of day (the page's date is meant).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stamp {
    At(NaiveDateTime),
    Clock(NaiveTime),
}

impl Stamp {
    /// The time on `date` when only a time of day was printed.
    pub fn on(self, date: Option<NaiveDate>) -> Option<NaiveDateTime> {
        match self {
            Stamp::At(t) => Some(t),
            Stamp::Clock(t) => date.map(|d| d.and_time(t)),
        }
    }
}

static CLOCK_ONLY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^(?i:today|сегодня|bu gün|bugün)?,?\s*{CLOCK}$"))
        .unwrap_or_else(|e| unreachable!("fixed regex: {e}"))
});

/// A whole line that is a timestamp: `22:10 05.07.2025`, `05.07.2025 22:10`,
/// `2025.07.05 22:10 GMT`, `5 July 2025 22:10`, or a time alone (`22:10`).
pub fn parse_stamp(line: &str) -> Option<Stamp> {
    let line = line.trim();
    if !may_be_dated(line) {
        return None;
    }
    if let Some(t) = CLOCK_ONLY.captures(line).and_then(|c| clock_of(&c)) {
        return Some(Stamp::Clock(t));
    }
    STAMPS
        .iter()
        .find_map(|re| re.captures(line).and_then(|c| datetime(&c)))
        .map(Stamp::At)
}

/// A news-line timestamp with a date: `22:10 05.07.2025` or `05.07.2025 22:10`
/// and the other forms [`parse_stamp`] reads.
pub fn parse_timestamp(line: &str) -> Option<NaiveDateTime> {
    match parse_stamp(line)? {
        Stamp::At(t) => Some(t),
        Stamp::Clock(_) => None,
    }
}

static STAMPED: LazyLock<[Regex; 2]> = LazyLock::new(|| {
    let stamp = r"(?:\d{1,2}\.\d{1,2}\.\d{4},?\s+)?\d{1,2}:\d{2}(?:\s+\d{1,2}\.\d{1,2}\.\d{4})?";
    [
        format!(r"^(?P<stamp>{stamp})\s*[|·•:–—-]?\s+(?P<rest>\S.*)$"),
        format!(r"^(?P<rest>.*\S)\s*[|·•–—-]?\s+(?P<stamp>{stamp})$"),
    ]
    .map(|r| Regex::new(&r).unwrap_or_else(|e| unreachable!("fixed regex: {e}")))
});

/// A headline with its timestamp on the same line, either end:
/// `14:05 Headline`, `Headline 14:05`, `05.07.2025 22:10 | Headline`.
pub fn split_stamp(line: &str) -> Option<(Stamp, &str)> {
    let line = line.trim();
    if !may_be_dated(line) {
        return None;
    }
    STAMPED.iter().find_map(|re| {
        let c = re.captures(line)?;
        let stamp = parse_stamp(c.name("stamp")?.as_str())?;
        let rest = c.name("rest")?.as_str().trim();
        (!rest.is_empty()).then_some((stamp, rest))
    })
}

/// The date of `month`/`day` in the latest year not after `not_after`.
pub fn infer_year(month: u32, day: u32, not_after: NaiveDate) -> Option<NaiveDate> {
    (not_after.year() - 8..=not_after.year())
        .rev()
        .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
        .find(|d| *d <= not_after)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, mo, d)
            .unwrap()
            .and_hms_opt(h, mi, 0)
            .unwrap()
    }

    fn header(line: &str) -> (Option<String>, NaiveDateTime, Option<String>) {
        let h = parse_header(line).unwrap_or_else(|| panic!("not a header: {line}"));
        (h.category, h.published, h.zone)
    }

    #[test]
    fn every_header_form() {
        let june3 = at(2020, 6, 3, 15, 33);
        let cat = Some("Analytics".to_string());
        assert_eq!(
            header("Analytics 15:33 03.06.2020"),
            (cat.clone(), june3, None)
        );
        assert_eq!(
            header("Analytics 03.06.2020 15:33"),
            (cat.clone(), june3, None)
        );
        assert_eq!(header("03.06.2020 15:33"), (None, june3, None));
        assert_eq!(
            header("Politics 2020.06.03 15:33 GMT"),
            (Some("Politics".into()), june3, Some("GMT".into()))
        );
        assert_eq!(
            header("2020.06.03 15:33 GMT+4"),
            (None, june3, Some("GMT+4".into()))
        );
        assert_eq!(header("3 June 2020 15:33"), (None, june3, None));
        assert_eq!(
            header("ECONOMY  3 June 2020 - 15:33"),
            (Some("ECONOMY".into()), june3, None)
        );
        assert_eq!(
            header("World News 3 Jun 2020 – 15:33"),
            (Some("World News".into()), june3, None)
        );
        assert_eq!(header("June 3, 2020 15:33"), (None, june3, None));
    }

    #[test]
    fn not_headers() {
        for line in [
            "The month of May is important 15:33 03.06.2020",
            "Analytics 25:33 03.06.2020",
            "Analytics 15:33 31.02.2020",
            "Analytics",
            "15:33",
            "During May 18–22, 2020, the Armed Forces",
        ] {
            assert_eq!(parse_header(line), None, "{line}");
        }
    }

    #[test]
    fn only_ascii_digits_make_a_date() {
        // `\d` takes any digit, but a date is read with `str::parse`.
        for line in ["١٥:٣٣ ٠٣.٠٦.٢٠٢٠", "Analytics ١٥:٣٣ ٠٣.٠٦.٢٠٢٠", "١٥:٣٣"]
        {
            assert_eq!(parse_header(line), None, "{line}");
            assert_eq!(parse_clock_header(line), None, "{line}");
            assert_eq!(parse_stamp(line), None, "{line}");
            assert_eq!(split_stamp(&format!("{line} Headline")), None, "{line}");
        }
    }

    #[test]
    fn timestamps_both_ways() {
        assert_eq!(
            parse_timestamp("22:10 05.07.2025"),
            Some(at(2025, 7, 5, 22, 10))
        );
        assert_eq!(
            parse_timestamp(" 05.07.2025 22:10 "),
            Some(at(2025, 7, 5, 22, 10))
        );
        assert_eq!(parse_timestamp("22:10"), None);
        assert_eq!(parse_timestamp("Hamısı"), None);
    }

    #[test]
    fn years_are_inferred_backwards() {
        let june3 = NaiveDate::from_ymd_opt(2020, 6, 3).unwrap();
        assert_eq!(
            infer_year(5, 23, june3),
            NaiveDate::from_ymd_opt(2020, 5, 23)
        );
        assert_eq!(
            infer_year(11, 28, june3),
            NaiveDate::from_ymd_opt(2019, 11, 28)
        );
        assert_eq!(infer_year(6, 3, june3), Some(june3));
        assert_eq!(
            infer_year(2, 29, june3),
            NaiveDate::from_ymd_opt(2020, 2, 29)
        );
        let mar1_2021 = NaiveDate::from_ymd_opt(2021, 3, 1).unwrap();
        assert_eq!(
            infer_year(2, 29, mar1_2021),
            NaiveDate::from_ymd_opt(2020, 2, 29)
        );
        assert_eq!(infer_year(2, 30, june3), None);
    }

    #[test]
    fn month_names() {
        assert_eq!(month_number("Sept."), Some(9));
        assert_eq!(month_number("December"), Some(12));
        assert_eq!(month_number("Dez"), None);
    }
}
