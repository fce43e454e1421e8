//! The `folio-bookmarks/1` file: bookmarks and last reading positions.

use chrono::{DateTime, FixedOffset, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::anchor::Anchor;

pub const BOOKMARKS_V1: &str = "folio-bookmarks/1";

/// Fields this folio does not know (written by a later or extended one):
/// read, kept in memory and written back as they were.
pub type Unknown = serde_json::Map<String, serde_json::Value>;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookmarkFile {
    pub format: String,
    #[serde(default)]
    pub bookmarks: Vec<Bookmark>,
    #[serde(default)]
    pub positions: Vec<Position>,
    #[serde(flatten, default, skip_serializing_if = "Unknown::is_empty")]
    pub extra: Unknown,
}

impl Default for BookmarkFile {
    fn default() -> Self {
        BookmarkFile {
            format: BOOKMARKS_V1.to_string(),
            bookmarks: Vec::new(),
            positions: Vec::new(),
            extra: Unknown::new(),
        }
    }
}

/// A news-line entry, by its time and headline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewsRef {
    pub time: NaiveDateTime,
    pub headline: String,
    #[serde(flatten, default, skip_serializing_if = "Unknown::is_empty")]
    pub extra: Unknown,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bookmark {
    /// Unique; changes (rename, delete) from several folio processes are
    /// merged by it.
    pub id: String,
    pub bundle: String,
    /// The article, for a bookmark in an article.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchor: Option<Anchor>,
    /// The news-line entry, for a bookmark in the news line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub news: Option<NewsRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    pub created: DateTime<FixedOffset>,
    #[serde(flatten, default, skip_serializing_if = "Unknown::is_empty")]
    pub extra: Unknown,
}

/// Where the reader last was in an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    pub bundle: String,
    pub article: String,
    pub anchor: Anchor,
    pub updated: DateTime<FixedOffset>,
    #[serde(flatten, default, skip_serializing_if = "Unknown::is_empty")]
    pub extra: Unknown,
}

/// "just now", "5 minutes ago", "2 days ago"…
pub fn relative_age(then: DateTime<FixedOffset>, now: DateTime<FixedOffset>) -> String {
    let secs = (now - then).num_seconds();
    if secs < 0 {
        return "in the future".into();
    }
    let (n, unit) = match secs {
        0..60 => return "just now".into(),
        60..3_600 => (secs / 60, "minute"),
        3_600..86_400 => (secs / 3_600, "hour"),
        86_400..1_209_600 => (secs / 86_400, "day"),
        1_209_600..5_184_000 => (secs / 604_800, "week"),
        5_184_000..31_536_000 => (secs / 2_592_000, "month"),
        _ => (secs / 31_536_000, "year"),
    };
    format!("{n} {unit}{} ago", if n == 1 { "" } else { "s" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_read_naturally() {
        let now = DateTime::parse_from_rfc3339("2026-11-28T16:00:00+00:00").unwrap();
        let ago = |s: &str| relative_age(DateTime::parse_from_rfc3339(s).unwrap(), now);
        assert_eq!(ago("2026-11-28T15:59:30+00:00"), "just now");
        assert_eq!(ago("2026-11-28T15:55:00+00:00"), "5 minutes ago");
        assert_eq!(ago("2026-11-28T15:00:00+00:00"), "1 hour ago");
        assert_eq!(ago("2026-11-26T16:00:00+00:00"), "2 days ago");
        assert_eq!(ago("2026-11-07T16:00:00+00:00"), "3 weeks ago");
        assert_eq!(ago("2026-07-28T16:00:00+00:00"), "4 months ago");
        assert_eq!(ago("2024-11-28T16:00:00+00:00"), "2 years ago");
        assert_eq!(ago("2026-11-28T17:00:00+01:00"), "just now");
    }

    #[test]
    fn the_format_round_trips() {
        let text = r#"{
  "format": "folio-bookmarks/1",
  "bookmarks": [
    {
      "id": "x",
      "bundle": "b",
      "article": "a",
      "anchor": { "paragraph": 3, "offset": 120, "snippet": "Over three days" },
      "label": "Geneva",
      "created": "2026-11-28T16:00:00+01:00"
    },
    {
      "id": "y",
      "bundle": "b",
      "news": { "time": "2025-07-05T22:10:00", "headline": "Russia accuses…" },
      "created": "2026-11-28T16:00:00Z"
    }
  ],
  "positions": [
    { "bundle": "b", "article": "a", "anchor": { "paragraph": 0, "offset": 0, "snippet": "The month" }, "updated": "2026-11-28T16:00:00Z" }
  ]
}"#;
        let file: BookmarkFile = serde_json::from_str(text).unwrap();
        assert_eq!(file.bookmarks[0].anchor.as_ref().unwrap().offset, 120);
        let again: BookmarkFile =
            serde_json::from_str(&serde_json::to_string_pretty(&file).unwrap()).unwrap();
        assert_eq!(again, file);
    }
}
