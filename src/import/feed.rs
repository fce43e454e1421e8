//! Feeds → news-line entries: RSS 0.9x/1.0/2.0, Atom and JSON Feed, read
//! with `feed-rs`.
//!
//! Feeds are where the headlines people follow come from, so each item
//! becomes a news-line entry with its headline, time and link; an item that
//! carries its full text (`content:encoded`, Atom `<content>`, JSON Feed
//! `content_html`/`content_text`) keeps it in [`FeedItem::content_html`], so
//! that the importer can make an article of it instead of the feed's teaser
//! (the teaser, `description`/`summary`, is deliberately not kept).
//!
//! Times stay as the feed printed them: the bundle holds the site's own
//! clock (`published`, news-line `time`) beside the zone it gave (`+04:00`,
//! `Z`, `GMT`), not an instant converted to UTC. `feed-rs` parses times into
//! UTC only, so [`parse_feed`] gives it a timestamp parser of its own that
//! records the local time and zone of each timestamp in a table and returns
//! the table index in the nanoseconds (see [`Stamps`]).

use std::sync::{Arc, LazyLock, Mutex};

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Timelike, Utc};
use feed_rs::model::{Entry, Feed, Link, Text};
use feed_rs::parser::{Builder, ParseErrorKind, ParseFeedError};
use memchr::memmem;
use regex::Regex;
use url::Url;

use super::dates::month_number;
use crate::bundle::NewsEntry;

/// A feed, read.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ParsedFeed {
    /// The feed's title (`<channel><title>`, Atom `<title>`, JSON `title`).
    pub title: Option<String>,
    /// The site's home page, absolute `http(s)` only.
    pub site: Option<String>,
    /// When the feed as a whole was updated (or published), as it printed it.
    pub updated: Option<NaiveDateTime>,
    /// The zone of `updated` as the feed gave it.
    pub updated_zone: Option<String>,
    /// The items, in the feed's order.
    pub items: Vec<FeedItem>,
}

/// One item (RSS `<item>`, Atom `<entry>`, JSON Feed item).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FeedItem {
    /// Plain text, one line: tags stripped, entities decoded, whitespace
    /// collapsed. Empty when the item had neither title nor summary.
    pub headline: String,
    /// Published (else updated) time, on the feed's clock.
    pub time: Option<NaiveDateTime>,
    /// The zone of `time` as the feed gave it: `+04:00`, `+0400`, `Z`, `GMT`.
    pub zone: Option<String>,
    /// The item's page, absolute `http(s)` only.
    pub url: Option<String>,
    /// The full text, as HTML, when the feed carries it (plain text is
    /// escaped and put in `<p>`s). Never the summary or description.
    pub content_html: Option<String>,
    /// The authors' names, joined with `, ` (the feed's, if the item has none).
    pub author: Option<String>,
    /// The first category.
    pub category: Option<String>,
}

/// Why a feed could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FeedError {
    #[error("not a feed: it is neither XML nor JSON (feeds are RSS, Atom or JSON Feed)")]
    NotXmlOrJson,
    #[error("not a feed: the XML's root element is <{0}>, not <rss>, <feed> or <rdf:RDF>")]
    NotAFeedRoot(String),
    #[error("not a feed: <rss> without a <channel>")]
    NoChannel,
    #[error("the feed is not well-formed XML: {0}")]
    Xml(String),
    #[error("not a JSON Feed: {0}")]
    Json(String),
    #[error("unsupported JSON Feed version {0:?} (folio reads version 1.x)")]
    JsonVersion(String),
    #[error("the feed could not be read: {0}")]
    Other(String),
    #[error("the feed has no items")]
    Empty,
}

/// A news-line entry that could not be made as the item was, by the item's
/// place in the feed (1 = first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedWarning {
    pub item: usize,
    pub message: String,
}

impl std::fmt::Display for FeedWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "feed item {}: {}", self.item, self.message)
    }
}

/// The local time and zone of every timestamp `feed-rs` asked us to parse,
/// in the order it asked. The `DateTime<Utc>` handed back to it is that local
/// time with the entry's index as nanoseconds: `feed-rs` only stores it, so
/// the index comes back unchanged on the feed's model.
type Stamps = Arc<Mutex<Vec<(NaiveDateTime, Option<String>)>>>;

/// Reads a feed. `url`, where it came from, resolves relative links.
pub fn parse_feed(bytes: &[u8], url: Option<&str>) -> Result<ParsedFeed, FeedError> {
    if !starts_like_markup_or_json(bytes) {
        return Err(FeedError::NotXmlOrJson);
    }
    let stamps: Stamps = Arc::default();
    let feed = match run_parser(bytes, url, &stamps) {
        Err(FeedError::NotAFeedRoot(root)) if root == "rss" => {
            // RSS 0.93/0.94 or no version: `feed-rs` takes only 0.91, 0.92
            // and 2.0 by name, and 2.0 reads the older ones.
            let fixed = with_rss_version_2(bytes).ok_or(FeedError::NotAFeedRoot(root))?;
            match run_parser(&fixed, url, &stamps) {
                Err(FeedError::NotAFeedRoot(_)) => return Err(FeedError::NoChannel),
                other => other?,
            }
        }
        Err(FeedError::JsonVersion(version))
            if version.starts_with("http://jsonfeed.org/version/1") =>
        {
            let fixed = with_https_json_version(bytes).ok_or(FeedError::JsonVersion(version))?;
            run_parser(&fixed, url, &stamps)?
        }
        other => other?,
    };
    let stamps = stamps.lock().map(|s| s.clone()).unwrap_or_default();
    convert(&feed, url, &stamps)
}

fn run_parser(bytes: &[u8], url: Option<&str>, stamps: &Stamps) -> Result<Feed, FeedError> {
    let sink = Arc::clone(stamps);
    let parser = Builder::new()
        .base_uri(url)
        .sanitize_content(false)
        .timestamp_parser(move |text| {
            let (local, zone) = parse_stamp(text)?;
            let mut table = sink.lock().ok()?;
            let index = u32::try_from(table.len())
                .ok()
                .filter(|&i| i < 1_000_000_000)?;
            table.push((local, zone));
            Some(Utc.from_utc_datetime(&local.with_nanosecond(index)?))
        })
        .build();
    parser.parse(bytes).map_err(|e| error(e, bytes))
}

fn error(e: ParseFeedError, bytes: &[u8]) -> FeedError {
    match e {
        ParseFeedError::ParseError(ParseErrorKind::NoFeedRoot) => match root_element(bytes) {
            Some(root) => FeedError::NotAFeedRoot(root),
            None if first_significant(bytes) == Some(b'{') => {
                FeedError::Json("no \"version\" and \"items\" at the top".into())
            }
            None => FeedError::NotXmlOrJson,
        },
        ParseFeedError::JsonSerde(e) => FeedError::Json(e.to_string()),
        ParseFeedError::JsonUnsupportedVersion(v) => FeedError::JsonVersion(v),
        ParseFeedError::XmlReader(e) => FeedError::Xml(e.to_string()),
        other => FeedError::Other(other.to_string()),
    }
}

/// The first byte after a BOM and whitespace (UTF-16: of the first unit).
fn first_significant(bytes: &[u8]) -> Option<u8> {
    let (bytes, step) = match bytes {
        [0xFF, 0xFE, rest @ ..] => (rest, 2),
        [0xFE, 0xFF, rest @ ..] => (rest.get(1..).unwrap_or(&[]), 2),
        [0xEF, 0xBB, 0xBF, rest @ ..] => (rest, 1),
        _ => (bytes, 1),
    };
    bytes
        .iter()
        .step_by(step)
        .copied()
        .find(|b| !b.is_ascii_whitespace())
}

fn starts_like_markup_or_json(bytes: &[u8]) -> bool {
    matches!(first_significant(bytes), Some(b'<' | b'{'))
}

/// The root element's name, past the prolog (ASCII-compatible input only).
fn root_element(bytes: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(64 * 1024)]);
    let mut text = head.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    loop {
        text = text.trim_start();
        let end = if text.starts_with("<?") {
            "?>"
        } else if text.starts_with("<!--") {
            "-->"
        } else if text.starts_with("<!") {
            ">"
        } else {
            break;
        };
        text = &text[text.find(end)? + end.len()..];
    }
    let name: String = text
        .strip_prefix('<')?
        .chars()
        .take_while(|c| c.is_alphanumeric() || matches!(c, ':' | '-' | '_' | '.'))
        .collect();
    (!name.is_empty()).then_some(name)
}

/// The input with its `<rss …>` tag saying `version="2.0"`, whatever version
/// it said before (or none).
fn with_rss_version_2(bytes: &[u8]) -> Option<Vec<u8>> {
    let start = memmem::find_iter(bytes, b"<rss").find(|&at| {
        bytes
            .get(at + 4)
            .is_some_and(|b| b.is_ascii_whitespace() || matches!(b, b'>' | b'/'))
    })?;
    let end = start + memchr::memchr(b'>', &bytes[start..])?;
    let tag = &bytes[start + 4..end];
    let mut attrs = Vec::with_capacity(tag.len());
    let mut rest = tag;
    // Drop a `version="…"` attribute, keep the others byte for byte.
    while let Some((&first, tail)) = rest.split_first() {
        if let Some(after) = first
            .is_ascii_whitespace()
            .then(|| after_version_attribute(rest))
            .flatten()
        {
            rest = after;
            continue;
        }
        attrs.push(first);
        rest = tail;
    }
    let mut out = Vec::with_capacity(bytes.len() + 16);
    out.extend_from_slice(&bytes[..start]);
    out.extend_from_slice(b"<rss version=\"2.0\"");
    out.extend_from_slice(&attrs);
    out.extend_from_slice(&bytes[end..]);
    Some(out)
}

/// What follows ` version="…"` at the start of `attrs`, if it is that.
fn after_version_attribute(attrs: &[u8]) -> Option<&[u8]> {
    let value = skip_ws(skip_ws(attrs).strip_prefix(b"version")?);
    let value = skip_ws(value.strip_prefix(b"=")?);
    let (&quote, inner) = value.split_first()?;
    if quote != b'"' && quote != b'\'' {
        return None;
    }
    let close = memchr::memchr(quote, inner)?;
    Some(&inner[close + 1..])
}

fn skip_ws(bytes: &[u8]) -> &[u8] {
    let n = bytes.iter().take_while(|b| b.is_ascii_whitespace()).count();
    &bytes[n..]
}

/// A JSON Feed whose version names `http://jsonfeed.org/…` (as early feeds
/// did), rewritten to the `https://` spelling `feed-rs` expects.
fn with_https_json_version(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut value: serde_json::Value = serde_json::from_slice(bytes).ok()?;
    let version = value.get_mut("version")?;
    let fixed = version.as_str()?.replacen("http://", "https://", 1);
    *version = serde_json::Value::String(fixed);
    serde_json::to_vec(&value).ok()
}

static RFC3339: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt ]\s*(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?|UTC|GMT|UT)?$",
    )
    .unwrap_or_else(|e| unreachable!("a fixed regex: {e}"))
});

static RFC2822: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:[A-Za-z]+\.?,?\s+)?(?:(\d{1,2})\s+([A-Za-z]+)\.?|([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?)\s+(\d{2,4}),?(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([A-Za-z]{1,5}|[+-]\d{2}:?\d{2}))?)?(?:\s+\([A-Za-z ]+\))?$",
    )
    .unwrap_or_else(|e| unreachable!("a fixed regex: {e}"))
});

/// A feed timestamp as the feed printed it: the local time and the zone
/// token (`Z`, `+04:00`, `+0400`, `GMT`, `EST`), if any. RFC 3339 (Atom,
/// JSON Feed, often RSS too) and RFC 822/2822 (RSS), leniently: a wrong or
/// long weekday, long month names, month before day, two-digit years, no
/// seconds, `24:` for midnight.
pub fn parse_stamp(text: &str) -> Option<(NaiveDateTime, Option<String>)> {
    let text = text.trim();
    let num = |s: Option<regex::Match>| s.and_then(|m| m.as_str().parse::<u32>().ok());
    let (date, hour, minute, second, zone) = if let Some(c) = RFC3339.captures(text) {
        let year = i32::try_from(num(c.get(1))?).ok()?;
        let date = NaiveDate::from_ymd_opt(year, num(c.get(2))?, num(c.get(3))?)?;
        (date, num(c.get(4)), num(c.get(5)), num(c.get(6)), c.get(7))
    } else if let Some(c) = RFC2822.captures(text) {
        let (day, month) = match (c.get(1), c.get(2)) {
            (Some(day), Some(month)) => (day, month),
            _ => (c.get(4)?, c.get(3)?),
        };
        let month = month_number(month.as_str())?;
        let mut year = num(c.get(5))?;
        if c.get(5)?.as_str().len() == 2 {
            year += if year < 50 { 2000 } else { 1900 };
        }
        let date = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, num(Some(day))?)?;
        (date, num(c.get(6)), num(c.get(7)), num(c.get(8)), c.get(9))
    } else {
        return None;
    };
    let hour = hour.unwrap_or(0);
    let time = NaiveTime::from_hms_opt(
        if hour == 24 { 0 } else { hour },
        minute.unwrap_or(0),
        second.unwrap_or(0).min(59),
    )?;
    let zone = zone.map(|z| match z.as_str() {
        "z" => "Z".to_string(),
        z => z.to_string(),
    });
    Some((date.and_time(time), zone))
}

/// A time `feed-rs` holds, back to the local time and zone it stands for.
fn stamp(
    time: Option<DateTime<Utc>>,
    stamps: &[(NaiveDateTime, Option<String>)],
) -> Option<(NaiveDateTime, Option<String>)> {
    let index = time?.nanosecond() as usize;
    stamps.get(index).cloned()
}

fn convert(
    feed: &Feed,
    url: Option<&str>,
    stamps: &[(NaiveDateTime, Option<String>)],
) -> Result<ParsedFeed, FeedError> {
    if feed.entries.is_empty() {
        return Err(FeedError::Empty);
    }
    let base = url.and_then(|u| Url::parse(u).ok());
    let site = page_link(&feed.links, base.as_ref());
    let site_base = site.as_deref().and_then(|s| Url::parse(s).ok());
    let link_base = base.as_ref().or(site_base.as_ref());
    let (updated, updated_zone) =
        stamp(feed.updated.or(feed.published), stamps).map_or((None, None), |(t, z)| (Some(t), z));
    let feed_author = authors(&feed.authors);
    let items = feed
        .entries
        .iter()
        .map(|entry| {
            let (time, zone) = stamp(entry.published.or(entry.updated), stamps)
                .map_or((None, None), |(t, z)| (Some(t), z));
            FeedItem {
                headline: headline(entry),
                time,
                zone,
                // An RSS `<guid>` is often the permalink; it is taken only
                // when absolute (relative ids are not links).
                url: page_link(&entry.links, link_base).or_else(|| absolute(&entry.id, None)),
                content_html: content_html(entry),
                author: authors(&entry.authors).or_else(|| feed_author.clone()),
                category: entry
                    .categories
                    .iter()
                    .map(|c| plain_text(c.label.as_deref().unwrap_or(&c.term)))
                    .find(|c| !c.is_empty()),
            }
        })
        .collect();
    Ok(ParsedFeed {
        title: feed.title.as_ref().map(text_of).filter(|t| !t.is_empty()),
        site,
        updated,
        updated_zone,
        items,
    })
}

fn text_of(text: &Text) -> String {
    plain_text(&text.content)
}

/// The title; without one, the start of the summary (as feeds of short
/// notes have it), cut at a word.
fn headline(entry: &Entry) -> String {
    let title = entry.title.as_ref().map(text_of).unwrap_or_default();
    if !title.is_empty() {
        return title;
    }
    let summary = entry.summary.as_ref().map(text_of).unwrap_or_default();
    const MAX: usize = 120;
    if summary.chars().count() <= MAX {
        return summary;
    }
    let cut: String = summary.chars().take(MAX).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

fn authors(people: &[feed_rs::model::Person]) -> Option<String> {
    let names: Vec<String> = people
        .iter()
        .filter_map(|p| p.name.as_deref())
        .map(plain_text)
        .filter(|n| !n.is_empty())
        .collect();
    (!names.is_empty()).then(|| names.join(", "))
}

/// The page a set of links points to: the first link that is neither
/// `self`, an enclosure nor comments, made absolute, `http(s)` only.
fn page_link(links: &[Link], base: Option<&Url>) -> Option<String> {
    links
        .iter()
        .filter(|l| l.target.is_none())
        .filter(|l| {
            l.rel
                .as_deref()
                .is_none_or(|r| r.eq_ignore_ascii_case("alternate"))
        })
        .find_map(|l| absolute(&l.href, base))
}

/// `href` as an absolute `http(s)` URL, resolved against `base`.
fn absolute(href: &str, base: Option<&Url>) -> Option<String> {
    let href = href.trim();
    if href.is_empty() {
        return None;
    }
    let url = match Url::parse(href) {
        Ok(url) => url,
        Err(url::ParseError::RelativeUrlWithoutBase) => base?.join(href).ok()?,
        Err(_) => return None,
    };
    matches!(url.scheme(), "http" | "https").then(|| url.to_string())
}

/// The full text as HTML, when the item carries it.
fn content_html(entry: &Entry) -> Option<String> {
    let content = entry.content.as_ref()?;
    let body = content.body.as_deref()?.trim();
    if body.is_empty() {
        return None;
    }
    let mime = content.content_type.to_string().to_ascii_lowercase();
    if mime.starts_with("text/html") || mime.contains("xhtml") {
        Some(body.to_string())
    } else if mime.starts_with("text/") {
        Some(text_to_html(body))
    } else {
        None
    }
}

/// Plain text as HTML: paragraphs at blank lines, line breaks kept.
fn text_to_html(text: &str) -> String {
    static BLANK: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\n[ \t\r]*\n\s*").unwrap_or_else(|e| unreachable!("a fixed regex: {e}"))
    });
    BLANK
        .split(&text.replace("\r\n", "\n"))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| {
            format!(
                "<p>{}</p>",
                html_escape::encode_text(p).replace('\n', "<br>\n")
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Markup to one line of text (see [`super::html::one_line`]).
pub fn plain_text(markup: &str) -> String {
    super::html::one_line(markup)
}

/// The feed's items as news-line entries, newest first. An item without a
/// time takes the feed's own (with a warning); without either, or without a
/// headline, it is left out with a warning, as is a repeat of an entry
/// already made (same time and headline).
pub fn news_entries(feed: &ParsedFeed) -> (Vec<NewsEntry>, Vec<FeedWarning>) {
    let mut warnings = Vec::new();
    let mut entries = Vec::with_capacity(feed.items.len());
    let mut seen = std::collections::HashSet::new();
    for (i, item) in feed.items.iter().enumerate() {
        let mut warn = |message: String| {
            warnings.push(FeedWarning {
                item: i + 1,
                message,
            })
        };
        if item.headline.is_empty() {
            warn("no title or summary: left out of the news line".into());
            continue;
        }
        let (time, zone) = match (item.time, feed.updated) {
            (Some(time), _) => (time, item.zone.clone()),
            (None, Some(updated)) => {
                warn(format!(
                    "{:?} has no date: given the feed's own, {}",
                    item.headline,
                    updated.format("%Y-%m-%d %H:%M")
                ));
                (updated, feed.updated_zone.clone())
            }
            (None, None) => {
                warn(format!(
                    "{:?} has no date, nor has the feed: left out of the news line",
                    item.headline
                ));
                continue;
            }
        };
        if !seen.insert((time, item.headline.clone())) {
            warn(format!(
                "{:?} repeats an earlier item: left out",
                item.headline
            ));
            continue;
        }
        entries.push(NewsEntry {
            time,
            headline: item.headline.clone(),
            article: None,
            zone,
            url: item.url.clone(),
        });
    }
    entries.sort_by_key(|e| std::cmp::Reverse(e.instant()));
    (entries, warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").unwrap()
    }

    fn rss(items: &str) -> String {
        format!(
            r#"<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>https://example.org/</link>{items}</channel></rss>"#
        )
    }

    #[test]
    fn stamps_keep_local_time_and_zone() {
        let cases = [
            (
                "2020-06-03T15:33:00+04:00",
                "2020-06-03 15:33:00",
                Some("+04:00"),
            ),
            ("2020-06-03T15:33:00.123Z", "2020-06-03 15:33:00", Some("Z")),
            ("2020-06-03t15:33z", "2020-06-03 15:33:00", Some("Z")),
            ("2020-06-03T15:33:07", "2020-06-03 15:33:07", None),
            ("2020-06-03", "2020-06-03 00:00:00", None),
            (
                "2020-06-03 15:33:00 +0400",
                "2020-06-03 15:33:00",
                Some("+0400"),
            ),
            (
                "Wed, 03 Jun 2020 15:33:00 +0400",
                "2020-06-03 15:33:00",
                Some("+0400"),
            ),
            (
                "Tue, 10 Jun 2003 04:00:00 GMT",
                "2003-06-10 04:00:00",
                Some("GMT"),
            ),
            (
                "Thurs, 3 June 2020 9:05 EST",
                "2020-06-03 09:05:00",
                Some("EST"),
            ),
            (
                "Sat, 03 Jun 20 24:00:00 UTC",
                "2020-06-03 00:00:00",
                Some("UTC"),
            ),
            (
                "June 3, 2020 15:33:00 -0500",
                "2020-06-03 15:33:00",
                Some("-0500"),
            ),
            ("3 Jun 2020", "2020-06-03 00:00:00", None),
        ];
        for (text, local, zone) in cases {
            assert_eq!(
                parse_stamp(text),
                Some((t(local), zone.map(String::from))),
                "{text}"
            );
        }
        for bad in [
            "",
            "yesterday",
            "2020-13-01T00:00Z",
            "31 Feb 2020 10:00 GMT",
            "Foo, 3 Bar 2020",
        ] {
            assert_eq!(parse_stamp(bad), None, "{bad}");
        }
    }

    #[test]
    fn plain_text_strips_tags_and_entities() {
        assert_eq!(
            plain_text("  A <b>bold</b>\n  move &amp; more&#8217;s  "),
            "A bold move & more’s"
        );
        assert_eq!(plain_text("one<br/>two<p>three</p>"), "one two three");
        assert_eq!(plain_text("x < y and y > z"), "x < y and y > z");
        assert_eq!(plain_text("&lt;b&gt; stays"), "<b> stays");
        // A tag cut off at the end is no text, as a browser reads it.
        assert_eq!(plain_text("unclosed <b"), "unclosed");
        assert_eq!(plain_text("<"), "<");
        assert_eq!(
            plain_text("caf\u{e9}\u{a0}cr\u{e8}me"),
            "caf\u{e9} cr\u{e8}me"
        );
    }

    #[test]
    fn rss_item_fields() {
        let feed = rss(
            r#"<item><title>Talks &amp;amp; &lt;b&gt;truce&lt;/b&gt;</title>
            <link>/news/1</link><pubDate>Wed, 03 Jun 2020 15:33:00 +0400</pubDate>
            <description>A teaser.</description><author>ed@example.org (Ed Itor)</author>
            <category>Politics</category></item>"#,
        );
        let parsed = parse_feed(feed.as_bytes(), None).unwrap();
        assert_eq!(parsed.title.as_deref(), Some("T"));
        assert_eq!(parsed.site.as_deref(), Some("https://example.org/"));
        let item = &parsed.items[0];
        assert_eq!(item.headline, "Talks & truce");
        assert_eq!(item.time, Some(t("2020-06-03 15:33:00")));
        assert_eq!(item.zone.as_deref(), Some("+0400"));
        assert_eq!(item.url.as_deref(), Some("https://example.org/news/1"));
        assert_eq!(
            item.content_html, None,
            "a description is a teaser, not the text"
        );
        assert_eq!(item.category.as_deref(), Some("Politics"));
        assert!(item.author.as_deref().unwrap_or("").contains("Ed Itor"));
    }

    #[test]
    fn links_must_be_http() {
        let feed = rss(
            "<item><title>a</title><link>javascript:alert(1)</link></item><item><title>b</title><link>ftp://x/y</link></item>",
        );
        let parsed = parse_feed(feed.as_bytes(), Some("https://example.org/feed")).unwrap();
        assert!(
            parsed.items.iter().all(|i| i.url.is_none()),
            "{:?}",
            parsed.items
        );
    }

    #[test]
    fn same_timestamp_twice_keeps_each_zone() {
        let feed = rss(
            "<item><title>a</title><pubDate>2020-06-03T15:33:00+04:00</pubDate></item>\
             <item><title>b</title><pubDate>2020-06-03T15:33:00Z</pubDate></item>",
        );
        let parsed = parse_feed(feed.as_bytes(), None).unwrap();
        assert_eq!(parsed.items[0].zone.as_deref(), Some("+04:00"));
        assert_eq!(parsed.items[1].zone.as_deref(), Some("Z"));
        assert_eq!(parsed.items[0].time, parsed.items[1].time);
    }

    #[test]
    fn old_and_unnamed_rss_versions_are_read() {
        for root in [
            r#"<rss version="0.94">"#,
            "<rss>",
            r#"<rss xmlns:dc="x" version='0.93' >"#,
        ] {
            let feed = format!(
                "{root}<channel><title>T</title><item><title>a</title></item></channel></rss>"
            );
            let parsed =
                parse_feed(feed.as_bytes(), None).unwrap_or_else(|e| panic!("{root}: {e}"));
            assert_eq!(parsed.items[0].headline, "a");
        }
    }

    #[test]
    fn json_feed_with_old_version_url_and_plain_text() {
        let feed = r#"{"version": "http://jsonfeed.org/version/1", "title": "J",
            "home_page_url": "https://example.org/",
            "items": [{"id": "1", "url": "a/1", "title": "One", "content_text": "Para <one>.\n\nPara two.",
                       "date_published": "2020-06-03T15:33:00+04:00"}]}"#;
        let parsed = parse_feed(feed.as_bytes(), None).unwrap();
        let item = &parsed.items[0];
        assert_eq!(item.url.as_deref(), Some("https://example.org/a/1"));
        assert_eq!(
            item.content_html.as_deref(),
            Some("<p>Para &lt;one&gt;.</p>\n<p>Para two.</p>")
        );
    }

    #[test]
    fn declared_and_bom_encodings_are_decoded() {
        let feed = rss("<item><title>Caf\u{e9} \u{434}\u{43d}\u{456}</title></item>");
        let mut utf16 = vec![0xFF, 0xFE];
        let declared = feed.replace(
            "<?xml version=\"1.0\"?>",
            "<?xml version=\"1.0\" encoding=\"UTF-16\"?>",
        );
        utf16.extend(declared.encode_utf16().flat_map(u16::to_le_bytes));
        let parsed = parse_feed(&utf16, None).unwrap();
        assert_eq!(parsed.items[0].headline, "Caf\u{e9} \u{434}\u{43d}\u{456}");
        // windows-1251, declared in the prolog.
        let mut cp1251 = b"<?xml version=\"1.0\" encoding=\"windows-1251\"?><rss version=\"2.0\"><channel><title>T</title><item><title>".to_vec();
        cp1251.extend([0xE4, 0xED, 0xB3]);
        cp1251.extend(b"</title></item></channel></rss>");
        let parsed = parse_feed(&cp1251, None).unwrap();
        assert_eq!(parsed.items[0].headline, "\u{434}\u{43d}\u{456}");
    }

    #[test]
    fn errors_are_typed() {
        assert_eq!(
            parse_feed(b"hello, world", None),
            Err(FeedError::NotXmlOrJson)
        );
        assert_eq!(parse_feed(b"", None), Err(FeedError::NotXmlOrJson));
        assert_eq!(
            parse_feed(b"\x89PNG\r\n\0\0", None),
            Err(FeedError::NotXmlOrJson)
        );
        assert_eq!(
            parse_feed(b"<!DOCTYPE html><html><body></body></html>", None),
            Err(FeedError::NotAFeedRoot("html".into()))
        );
        assert!(matches!(
            parse_feed(b"<rss version=\"2.0\"><channel><item>", None),
            Err(FeedError::Xml(_)) | Err(FeedError::Empty)
        ));
        assert!(matches!(
            parse_feed(br#"{"format": "folio-bundle/1"}"#, None),
            Err(FeedError::Json(_))
        ));
        assert!(matches!(
            parse_feed(
                br#"{"version": "https://jsonfeed.org/version/9", "title": "x", "items": []}"#,
                None
            ),
            Err(FeedError::JsonVersion(_))
        ));
        assert_eq!(parse_feed(rss("").as_bytes(), None), Err(FeedError::Empty));
        for no_channel in [
            r#"<rss version="2.0"></rss>"#,
            "<rss><title>x</title></rss>",
        ] {
            assert_eq!(
                parse_feed(no_channel.as_bytes(), None),
                Err(FeedError::NoChannel)
            );
        }
        assert_eq!(FeedError::Empty.to_string(), "the feed has no items");
    }

    #[test]
    fn news_entries_warn_instead_of_dropping_silently() {
        let mut feed = ParsedFeed {
            updated: Some(t("2020-06-04 08:00:00")),
            updated_zone: Some("Z".into()),
            ..ParsedFeed::default()
        };
        let item = |headline: &str, time: Option<&str>| FeedItem {
            headline: headline.into(),
            time: time.map(t),
            zone: time.map(|_| "+04:00".into()),
            url: Some("https://example.org/x".into()),
            ..FeedItem::default()
        };
        feed.items = vec![
            item("older", Some("2020-06-03 10:00:00")),
            item("undated", None),
            item("", Some("2020-06-03 11:00:00")),
            item("newer", Some("2020-06-03 12:00:00")),
            item("older", Some("2020-06-03 10:00:00")),
        ];
        let (entries, warnings) = news_entries(&feed);
        let lines: Vec<_> = entries
            .iter()
            .map(|e| (e.headline.as_str(), e.zone.as_deref()))
            .collect();
        assert_eq!(
            lines,
            [
                ("undated", Some("Z")),
                ("newer", Some("+04:00")),
                ("older", Some("+04:00"))
            ]
        );
        assert!(entries.iter().all(|e| e.article.is_none()));
        let items: Vec<usize> = warnings.iter().map(|w| w.item).collect();
        assert_eq!(items, [2, 3, 5], "{warnings:?}");
        feed.updated = None;
        let (entries, warnings) = news_entries(&feed);
        assert_eq!(entries.len(), 2);
        assert_eq!(warnings.len(), 3);
        assert!(
            warnings[0]
                .to_string()
                .starts_with("feed item 2: \"undated\" has no date")
        );
    }

    proptest::proptest! {
        #[test]
        fn no_input_panics(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..200)) {
            let _ = parse_feed(&bytes, Some("https://example.org/"));
        }

        #[test]
        fn no_item_text_panics(text in "\\PC{0,40}", stamp in "[0-9A-Za-z:+ ,.-]{0,30}") {
            let escaped = html_escape::encode_text(&text);
            let stamp = html_escape::encode_text(&stamp);
            let feed = rss(&format!("<item><title>{escaped}</title><link>{escaped}</link><pubDate>{stamp}</pubDate><content:encoded xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">{escaped}</content:encoded></item>"));
            let parsed = parse_feed(feed.as_bytes(), None);
            if let Ok(parsed) = parsed {
                let _ = news_entries(&parsed);
            }
        }
    }
}
