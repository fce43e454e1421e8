//! The types of a `folio-bundle/1` file, exactly as they appear in JSON.
//!
//! Unknown fields are refused (`deny_unknown_fields`) so that an editor's typo
//! such as `"auther"` is reported instead of silently dropped.

use std::fmt;

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The only format version this build reads.
pub const FORMAT_V1: &str = "folio-bundle/1";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bundle {
    pub format: String,
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub articles: Vec<Article>,
    #[serde(default)]
    pub news_line: Vec<NewsEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Article {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    #[serde(
        default,
        with = "local_time_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub published: Option<NaiveDateTime>,
    /// The time zone of `published` as the page gave it (`GMT`), if it did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
    pub paragraphs: Vec<String>,
    #[serde(default)]
    pub citations: Vec<Citation>,
    #[serde(default)]
    pub related: Vec<String>,
    /// Where it can be read on the web (`https://…`), when it came from there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Citation {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<PartialDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw: Option<String>,
    /// The source's link, when the page linked it (`https://…`), when it came from there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewsEntry {
    #[serde(with = "local_time")]
    pub time: NaiveDateTime,
    pub headline: String,
    #[serde(default)]
    pub article: Option<String>,
    /// The time zone of `time` as the site gave it (`+04:00`, `GMT`), if it did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zone: Option<String>,
    /// The headline's link (`https://…`), when it came from there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl NewsEntry {
    /// When it was posted, in UTC when its `zone` says how (an offset such
    /// as `+04:00`, `+0400`, `GMT+4`, `Z`, `GMT`, `UTC` or a North American
    /// zone such as `EST`), else its local time: what orders a news line
    /// gathered from sites in several zones.
    pub fn instant(&self) -> NaiveDateTime {
        let offset = self.zone.as_deref().and_then(zone_offset_minutes);
        self.time - chrono::Duration::minutes(offset.unwrap_or(0))
    }
}

/// Minutes east of UTC of a zone as sites and feeds write it.
pub fn zone_offset_minutes(zone: &str) -> Option<i64> {
    let z = zone.trim();
    const NAMED: [(&str, i64); 12] = [
        ("Z", 0),
        ("GMT", 0),
        ("UTC", 0),
        ("UT", 0),
        ("EST", -300),
        ("EDT", -240),
        ("CST", -360),
        ("CDT", -300),
        ("MST", -420),
        ("MDT", -360),
        ("PST", -480),
        ("PDT", -420),
    ];
    if let Some((_, m)) = NAMED.iter().find(|(n, _)| n.eq_ignore_ascii_case(z)) {
        return Some(*m);
    }
    let rest = ["GMT", "UTC"]
        .iter()
        .find_map(|p| z.strip_prefix(p))
        .unwrap_or(z);
    let (sign, digits) = match rest.as_bytes().first()? {
        b'+' => (1, &rest[1..]),
        b'-' => (-1, &rest[1..]),
        _ => return None,
    };
    let digits: String = digits.chars().filter(|c| *c != ':').collect();
    if digits.is_empty() || digits.len() > 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (h, m) = match digits.len() {
        1 | 2 => (digits.parse::<i64>().ok()?, 0),
        3 => (
            digits[..1].parse::<i64>().ok()?,
            digits[1..].parse::<i64>().ok()?,
        ),
        _ => (
            digits[..2].parse::<i64>().ok()?,
            digits[2..].parse::<i64>().ok()?,
        ),
    };
    (h <= 14 && m < 60).then_some(sign * (h * 60 + m))
}

/// A calendar date of which only the year, or the year and month, may be known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PartialDate {
    Year(i32),
    YearMonth(i32, u32),
    Day(NaiveDate),
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The English name of a month numbered 1–12 (`"?"` outside that range).
pub fn month_name(month: u32) -> &'static str {
    month
        .checked_sub(1)
        .and_then(|i| MONTHS.get(i as usize))
        .copied()
        .unwrap_or("?")
}

impl PartialDate {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Option<PartialDate> {
        let parts: Vec<&str> = text.split('-').collect();
        let num = |s: &str, len: usize| -> Option<u32> {
            (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse().ok())
                .flatten()
        };
        match parts.as_slice() {
            [y] => Some(PartialDate::Year(num(y, 4)? as i32)),
            [y, m] => {
                let m = num(m, 2)?;
                (1..=12)
                    .contains(&m)
                    .then_some(PartialDate::YearMonth(num(y, 4)? as i32, m))
            }
            [y, m, d] => NaiveDate::from_ymd_opt(num(y, 4)? as i32, num(m, 2)?, num(d, 2)?)
                .map(PartialDate::Day),
            _ => None,
        }
    }

    /// The date as a reader expects it: `23 May 2020`, `April 2019`, `2018`.
    pub fn long_form(&self) -> String {
        match self {
            PartialDate::Year(y) => format!("{y}"),
            PartialDate::YearMonth(y, m) => format!("{} {y}", month_name(*m)),
            PartialDate::Day(d) => long_date(*d),
        }
    }
}

/// `3 June 2020`.
pub fn long_date(d: NaiveDate) -> String {
    format!("{} {} {}", d.day(), month_name(d.month()), d.year())
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PartialDate::Year(y) => write!(f, "{y:04}"),
            PartialDate::YearMonth(y, m) => write!(f, "{y:04}-{m:02}"),
            PartialDate::Day(d) => write!(f, "{}", d.format("%Y-%m-%d")),
        }
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        PartialDate::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "expected a date YYYY-MM-DD, YYYY-MM or YYYY, found {text:?}"
            ))
        })
    }
}

/// Local (site) times without a zone: `2020-06-03T15:33:00`, seconds optional.
pub(crate) fn parse_local_time(text: &str) -> Option<NaiveDateTime> {
    if let Some(t) = exact_local_time(text) {
        return Some(t);
    }
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S")
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M"))
        .ok()
}

/// The usual spelling, digit by digit (a huge news line has hundreds of
/// thousands of these; chrono's format parser is several times slower).
/// Anything else is left to chrono.
fn exact_local_time(text: &str) -> Option<NaiveDateTime> {
    let b = text.as_bytes();
    let pattern: &[u8] = match b.len() {
        19 => b"dddd-dd-ddTdd:dd:dd",
        16 => b"dddd-dd-ddTdd:dd",
        _ => return None,
    };
    let fits = b.iter().zip(pattern).all(|(c, p)| {
        if *p == b'd' {
            c.is_ascii_digit()
        } else {
            c == p
        }
    });
    if !fits {
        return None;
    }
    let num = |r: std::ops::Range<usize>| {
        b.get(r)
            .map(|d| d.iter().fold(0u32, |n, c| n * 10 + u32::from(c - b'0')))
    };
    let date = NaiveDate::from_ymd_opt(i32::try_from(num(0..4)?).ok()?, num(5..7)?, num(8..10)?)?;
    let seconds = if b.len() == 19 { num(17..19)? } else { 0 };
    date.and_hms_opt(num(11..13)?, num(14..16)?, seconds)
}

fn time_error<E: serde::de::Error>(text: &str) -> E {
    E::custom(format!(
        "expected a local time YYYY-MM-DDTHH:MM[:SS], found {text:?}"
    ))
}

mod local_time {
    use super::*;
    pub fn serialize<S: Serializer>(t: &NaiveDateTime, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&t.format("%Y-%m-%dT%H:%M:%S"))
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDateTime, D::Error> {
        let text = String::deserialize(d)?;
        parse_local_time(&text).ok_or_else(|| time_error(&text))
    }
}

mod local_time_opt {
    use super::*;
    pub fn serialize<S: Serializer>(t: &Option<NaiveDateTime>, s: S) -> Result<S::Ok, S::Error> {
        match t {
            Some(t) => super::local_time::serialize(t, s),
            None => s.serialize_none(),
        }
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDateTime>, D::Error> {
        match Option::<String>::deserialize(d)? {
            None => Ok(None),
            Some(text) => parse_local_time(&text)
                .map(Some)
                .ok_or_else(|| time_error(&text)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn the_quick_time_parser_agrees_with_chrono(t in "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2})?|[0-9 T:-]{16,19}") {
            let chrono = NaiveDateTime::parse_from_str(&t, "%Y-%m-%dT%H:%M:%S")
                .or_else(|_| NaiveDateTime::parse_from_str(&t, "%Y-%m-%dT%H:%M"))
                .ok();
            if let Some(quick) = exact_local_time(&t) {
                prop_assert_eq!(Some(quick), chrono);
            }
            prop_assert_eq!(parse_local_time(&t), chrono);
        }
    }

    #[test]
    fn partial_dates_parse_and_print() {
        assert_eq!(PartialDate::parse("2018"), Some(PartialDate::Year(2018)));
        assert_eq!(
            PartialDate::parse("2019-04"),
            Some(PartialDate::YearMonth(2019, 4))
        );
        let d = PartialDate::parse("2020-05-23").unwrap();
        assert_eq!(d.long_form(), "23 May 2020");
        assert_eq!(d.to_string(), "2020-05-23");
        assert_eq!(PartialDate::YearMonth(2019, 4).long_form(), "April 2019");
        for bad in [
            "",
            "20",
            "2020-13",
            "2020-02-30",
            "2020-5-1",
            "May 2020",
            "2020-05-23-1",
        ] {
            assert_eq!(PartialDate::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn local_times_accept_optional_seconds() {
        assert!(parse_local_time("2020-06-03T15:33:00").is_some());
        assert!(parse_local_time("2020-06-03T15:33").is_some());
        assert!(parse_local_time("2020-06-03 15:33").is_none());
    }
}
