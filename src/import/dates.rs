//! Dates and times as scraped pages print them: the article header line
//! (`Analytics 15:33 03.06.2020` and its cousins), news-line timestamps, and
//! month names in citations. Dotted dates are day-first (`03.06.2020` is 3 June).

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

/// The header line of an article: category, date, time and zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    pub category: Option<String>,
    pub published: NaiveDateTime,
    pub zone: Option<String>,
}

const ZONE: &str = r"(?:\s+(?P<zone>(?:GMT|UTC|[A-Z]{2,5})(?:[+-]\d{1,2}(?::?\d{2})?)?))?";

static HEADERS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    let forms = [
        // Analytics 15:33 03.06.2020
        r"(?P<h>\d{1,2}):(?P<mi>\d{2})\s+(?P<d>\d{1,2})\.(?P<mo>\d{1,2})\.(?P<y>\d{4})",
        // 03.06.2020 15:33
        r"(?P<d>\d{1,2})\.(?P<mo>\d{1,2})\.(?P<y>\d{4}),?\s+(?P<h>\d{1,2}):(?P<mi>\d{2})",
        // 2020.06.03 15:33 (or 2020-06-03)
        r"(?P<y>\d{4})[.-](?P<mo>\d{1,2})[.-](?P<d>\d{1,2}),?\s+(?P<h>\d{1,2}):(?P<mi>\d{2})",
        // 3 June 2020 15:33, 3 June 2020 - 15:33
        &format!(
            r"(?P<d>\d{{1,2}})\s+(?P<mon>{MONTH}),?\s+(?P<y>\d{{4}})\s*(?:[,\-–—|]\s*)?(?P<h>\d{{1,2}}):(?P<mi>\d{{2}})"
        ),
        // June 3, 2020 15:33
        &format!(
            r"(?P<mon>{MONTH})\s+(?P<d>\d{{1,2}}),?\s+(?P<y>\d{{4}})\s*(?:[,\-–—|]\s*)?(?P<h>\d{{1,2}}):(?P<mi>\d{{2}})"
        ),
    ];
    forms
        .iter()
        .filter_map(|f| Regex::new(&format!(r"^(?P<cat>.*?)\s*{f}{ZONE}$")).ok())
        .collect()
});

fn datetime(c: &Captures) -> Option<NaiveDateTime> {
    let num = |k: &str| c.name(k)?.as_str().parse::<u32>().ok();
    let month = match c.name("mon") {
        Some(m) => month_number(m.as_str())?,
        None => num("mo")?,
    };
    let year = c.name("y")?.as_str().parse::<i32>().ok()?;
    let date = NaiveDate::from_ymd_opt(year, month, num("d")?)?;
    let time = NaiveTime::from_hms_opt(num("h")?, num("mi")?, 0)?;
    Some(date.and_time(time))
}

/// Reads a header line; `None` when it is not one.
pub fn parse_header(line: &str) -> Option<Header> {
    let line = line.trim();
    if line.chars().count() > 120 {
        return None;
    }
    HEADERS.iter().find_map(|re| {
        let c = re.captures(line)?;
        let published = datetime(&c)?;
        let category = c.name("cat").map(|m| m.as_str().trim()).unwrap_or("");
        // A category is a short label, not a sentence.
        if category.split_whitespace().count() > 4 || category.ends_with(['.', ',', ':']) {
            return None;
        }
        Some(Header {
            category: (!category.is_empty()).then(|| category.to_string()),
            published,
            zone: c.name("zone").map(|z| z.as_str().to_string()),
        })
    })
}

static TIMESTAMPS: LazyLock<[Regex; 2]> = LazyLock::new(|| {
    [
        Regex::new(
            r"^(?P<h>\d{1,2}):(?P<mi>\d{2})\s+(?P<d>\d{1,2})\.(?P<mo>\d{1,2})\.(?P<y>\d{4})$",
        ),
        Regex::new(
            r"^(?P<d>\d{1,2})\.(?P<mo>\d{1,2})\.(?P<y>\d{4}),?\s+(?P<h>\d{1,2}):(?P<mi>\d{2})$",
        ),
    ]
    .map(|r| r.unwrap_or_else(|e| unreachable!("fixed regex: {e}")))
});

/// A news-line timestamp: `22:10 05.07.2025` or `05.07.2025 22:10`.
pub fn parse_timestamp(line: &str) -> Option<NaiveDateTime> {
    let line = line.trim();
    TIMESTAMPS
        .iter()
        .find_map(|re| re.captures(line).and_then(|c| datetime(&c)))
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
