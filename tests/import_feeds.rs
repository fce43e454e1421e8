//! Feeds on disk: each fixture in `tests/fixtures/feeds/` is recognised by
//! its content, read into items with the fields the importer needs, turned
//! into a news line that loads as a bundle, and imported twice into one
//! bundle without change the second time.

use chrono::NaiveDateTime;
use folio::bundle::load_bundle;
use folio::bundle::model::FORMAT_V1;
use folio::bundle::{Article, Bundle};
use folio::import::feed::{FeedError, ParsedFeed, news_entries, parse_feed};
use folio::import::merge::merge;
use folio::import::sniff::{InputKind, sniff};
use folio::import::to_json;

const RSS2: &[u8] = include_bytes!("fixtures/feeds/rss2.xml");
const RSS1: &[u8] = include_bytes!("fixtures/feeds/rss1.rdf");
const ATOM: &[u8] = include_bytes!("fixtures/feeds/atom.xml");
const JSON: &[u8] = include_bytes!("fixtures/feeds/feed.json");
const EMPTY: &[u8] = include_bytes!("fixtures/feeds/empty.xml");
const NOT_XML: &[u8] = include_bytes!("fixtures/feeds/not-xml.rss");

fn t(text: &str) -> Option<NaiveDateTime> {
    Some(NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap())
}

fn parse(bytes: &[u8]) -> ParsedFeed {
    parse_feed(bytes, None).unwrap()
}

#[test]
fn fixtures_are_sniffed_by_content() {
    for (bytes, name) in [
        (RSS2, "feed.html"),
        (RSS1, "index.txt"),
        (ATOM, "atom.xml"),
        (JSON, "feed.json"),
        (EMPTY, "empty.xml"),
    ] {
        assert_eq!(
            sniff(bytes, Some(name), Some("text/html")),
            InputKind::Feed,
            "{name}"
        );
    }
    assert_eq!(sniff(NOT_XML, Some("not-xml.rss"), None), InputKind::Text);
}

#[test]
fn rss2_keeps_full_text_only_from_content_encoded() {
    let feed = parse(RSS2);
    assert_eq!(feed.title.as_deref(), Some("Caspian Desk"));
    assert_eq!(feed.site.as_deref(), Some("https://news.example.org/"));
    assert_eq!(feed.updated, t("2020-06-04 09:00"));
    assert_eq!(feed.items.len(), 3);
    let first = &feed.items[0];
    assert_eq!(first.headline, "Talks resume in Geneva & Vienna");
    assert_eq!(first.time, t("2020-06-03 15:33"));
    assert_eq!(first.zone.as_deref(), Some("+0400"));
    assert_eq!(
        first.url.as_deref(),
        Some("https://news.example.org/2020/06/talks-resume")
    );
    assert_eq!(first.author.as_deref(), Some("Cavid Veliyev"));
    assert_eq!(first.category.as_deref(), Some("Analytics"));
    let html = first.content_html.as_deref().unwrap();
    assert!(
        html.starts_with("<p>Negotiators met again")
            && html.contains("https://mod.gov.az/en/news/1"),
        "{html}"
    );
    let second = &feed.items[1];
    assert_eq!(second.headline, "Port traffic up 4%");
    assert_eq!(
        second.url.as_deref(),
        Some("https://news.example.org/2020/06/port-traffic")
    );
    assert_eq!(second.content_html, None, "a description is a teaser");
    assert_eq!(feed.items[2].time, None);
}

#[test]
fn rss1_rdf() {
    let feed = parse(RSS1);
    assert_eq!(feed.title.as_deref(), Some("RDF Wire"));
    let heads: Vec<_> = feed.items.iter().map(|i| i.headline.as_str()).collect();
    assert_eq!(heads, ["Grain corridor reopens", "Rail link delayed"]);
    assert_eq!(feed.items[0].time, t("2020-06-03 08:15"));
    assert_eq!(feed.items[0].zone.as_deref(), Some("+03:00"));
    assert_eq!(
        feed.items[1].url.as_deref(),
        Some("https://rdf.example.org/b")
    );
}

#[test]
fn atom_with_html_content() {
    let feed = parse(ATOM);
    assert_eq!(feed.site.as_deref(), Some("https://atom.example.org/"));
    let first = &feed.items[0];
    assert_eq!(first.headline, "Regional players heighten rhetoric");
    // Published wins over updated, on the clock it was given in.
    assert_eq!(first.time, t("2020-06-03 15:33"));
    assert_eq!(first.zone.as_deref(), Some("+04:00"));
    assert_eq!(
        first.url.as_deref(),
        Some("https://atom.example.org/analysis/rhetoric")
    );
    assert_eq!(first.category.as_deref(), Some("Analytics"));
    assert_eq!(
        first.content_html.as_deref(),
        Some(
            "<p>Armenia and Azerbaijan exchanged statements (<a href=\"https://mod.gov.az/x\">Mod.gov.az</a>, May 23).</p><p>Second paragraph.</p>"
        )
    );
    let second = &feed.items[1];
    assert_eq!(second.time, t("2020-06-02 10:00"));
    assert_eq!(second.zone.as_deref(), Some("Z"));
    assert_eq!(second.content_html, None);
    assert_eq!(
        second.author.as_deref(),
        Some("Desk"),
        "the feed's author stands in"
    );
}

#[test]
fn json_feed() {
    let feed = parse_feed(JSON, Some("https://json.example.org/feed.json")).unwrap();
    assert_eq!(feed.title.as_deref(), Some("JSON Notes"));
    let first = &feed.items[0];
    assert_eq!(first.headline, "Second note & a half");
    assert_eq!(first.zone.as_deref(), Some("-05:00"));
    assert_eq!(
        first.content_html.as_deref(),
        Some("<p>The full <strong>text</strong>.</p>")
    );
    assert_eq!(first.category.as_deref(), Some("Notes"));
    assert_eq!(first.author.as_deref(), Some("Notes team"));
    let second = &feed.items[1];
    assert_eq!(
        second.url.as_deref(),
        Some("https://json.example.org/notes/1")
    );
    assert_eq!(
        second.content_html.as_deref(),
        Some("<p>Plain text &lt;not a tag&gt;.</p>\n<p>Second paragraph.</p>")
    );
}

#[test]
fn bad_feeds_have_clear_errors() {
    let empty = parse_feed(EMPTY, None).unwrap_err();
    assert_eq!(empty, FeedError::Empty);
    assert_eq!(empty.to_string(), "the feed has no items");
    let not_xml = parse_feed(NOT_XML, None).unwrap_err();
    assert_eq!(not_xml, FeedError::NotXmlOrJson);
    assert!(
        not_xml.to_string().contains("neither XML nor JSON"),
        "{not_xml}"
    );
}

/// A bundle made of a feed's news line (one article, as a bundle needs one).
fn feed_bundle(bytes: &[u8]) -> Bundle {
    let (news_line, _) = news_entries(&parse(bytes));
    Bundle {
        format: FORMAT_V1.into(),
        id: "feeds".into(),
        title: None,
        articles: vec![Article {
            id: "front".into(),
            title: "Front page".into(),
            category: None,
            published: None,
            zone: None,
            author: None,
            origin: None,
            paragraphs: vec!["Text.".into()],
            citations: vec![],
            related: vec![],
            url: None,
        }],
        news_line,
    }
}

#[test]
fn news_lines_load_as_bundles_and_merge_once() {
    let rss = feed_bundle(RSS2);
    let (lines, warnings) = news_entries(&parse(RSS2));
    assert_eq!(lines.len(), 3);
    assert_eq!(warnings.len(), 1, "the undated item is dated by the feed");
    assert_eq!(lines[0].headline, "Bulletin without a date");
    let loaded = load_bundle(&to_json(&rss), "rss.json").unwrap();
    assert_eq!(loaded, rss);

    let (merged, report) = merge(rss.clone(), feed_bundle(ATOM));
    assert_eq!(report.entries_added, 2);
    assert_eq!(report.articles_skipped, 1, "the same front page");
    let (again, report) = merge(merged.clone(), feed_bundle(ATOM));
    assert_eq!(again, merged);
    assert!(!report.changed());
    assert_eq!(report.entries_skipped, 2);
    load_bundle(&to_json(&merged), "merged.json").unwrap();
}
