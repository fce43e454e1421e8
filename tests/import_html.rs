//! HTML pages in: the fixtures of `tests/fixtures/html/` (written for these
//! tests, small) through `decode` and `import_html`, as `folio import` will
//! run them: an analysis-site page with linked citations and every kind of
//! boilerplate around it, a windows-1251 page, a listing, a truncated page;
//! and properties that hold for any input (no panic, no paragraph lost).

use folio::import::decode::decode;
use folio::import::html::{HtmlError, body_text, import_html};
use proptest::prelude::*;

const ANALYSIS: &str = include_str!("fixtures/html/analysis.html");
const LISTING: &str = include_str!("fixtures/html/listing.html");
const TRUNCATED: &str = include_str!("fixtures/html/truncated.html");
const CP1251: &[u8] = include_bytes!("fixtures/html/cp1251.html");

const PAGE_URL: &str = "https://analysis.example/program/baku-and-yerevan-trade-warnings/";

#[test]
fn analysis_page_keeps_the_article_and_only_it() {
    let page = import_html(ANALYSIS, Some(PAGE_URL)).expect("an article");
    let a = &page.article;
    assert_eq!(a.title, "Baku and Yerevan Trade Warnings Over Karabakh");
    assert_eq!(a.author.as_deref(), Some("Rahim Rahimov"));
    assert_eq!(a.origin.as_deref(), Some("Analysis Monitor"));
    assert_eq!(a.category.as_deref(), Some("Eurasia Daily Monitor"));
    assert_eq!(
        a.published.map(|t| t.to_string()).as_deref(),
        Some("2020-06-03 15:33:00")
    );
    assert_eq!(a.zone.as_deref(), Some("+04:00"));
    assert_eq!(a.url.as_deref(), Some(PAGE_URL));

    let body = a.paragraphs.join("\n");
    for gone in [
        "Home",
        "Share on Facebook",
        "Tweet",
        "Drone Fleet",
        "Great analysis",
        "I disagree",
        "All rights reserved",
        "By Rahim Rahimov",
    ] {
        assert!(!body.contains(gone), "{gone:?} kept in\n{body}");
    }
    // Heading, list items and the quotation are paragraphs of their own.
    for own in [
        "Regional players",
        "Turkey pledged full support to Baku.",
        "Russia called for a return to the talks.",
        "“We will not negotiate under threat,” the Armenian foreign minister said.",
    ] {
        assert!(
            a.paragraphs.iter().any(|p| p == own),
            "{own:?} not a paragraph: {:#?}",
            a.paragraphs
        );
    }
    assert_eq!(a.paragraphs.len(), 8, "{:#?}", a.paragraphs);
}

#[test]
fn linked_citations_keep_their_urls() {
    let page = import_html(ANALYSIS, Some(PAGE_URL)).expect("an article");
    let a = &page.article;
    let by_source: Vec<(&str, Option<&str>)> = a
        .citations
        .iter()
        .map(|c| (c.source.as_str(), c.url.as_deref()))
        .collect();
    assert_eq!(
        by_source,
        vec![
            (
                "Mod.gov.az",
                Some("https://mod.gov.az/en/news/exercises-31234.html")
            ),
            // Relative links are resolved against the page.
            (
                "Armenpress",
                Some("https://analysis.example/analysis/armenia-replies")
            ),
            ("OSCE", Some("http://www.osce.org/minsk-group/452")),
            // Not linked: no URL (and one citation per day).
            ("Kavkazsky Uzel", None),
            ("Kavkazsky Uzel", None),
        ]
    );
    assert_eq!(a.citations[2].prefix.as_deref(), Some("see"));
    assert!(a.paragraphs[0].contains("aviation[^1]. Armenian"));
    // A link outside a citation stays plain text.
    assert!(
        a.paragraphs
            .iter()
            .any(|p| p.contains("while the European Union has called"))
    );
    // The raw text comes back for measuring.
    assert!(body_text(a).contains("aviation (Mod.gov.az, May 23). Armenian"));
    assert!(body_text(a).contains("restraint (Kavkazsky Uzel, May 8, 10)."));
}

#[test]
fn windows_1251_page_is_decoded_and_read() {
    let decoded = decode(CP1251, None);
    assert_eq!(decoded.encoding, "windows-1251");
    assert_eq!(decoded.warning, None);
    let page = import_html(&decoded.text, None).expect("an article");
    let a = &page.article;
    assert_eq!(a.title, "Учения у линии соприкосновения");
    assert_eq!(a.author.as_deref(), Some("Иван Петров"));
    assert_eq!(a.zone.as_deref(), Some("+03:00"));
    assert_eq!(a.paragraphs.len(), 3, "{:#?}", a.paragraphs);
    assert!(a.paragraphs[0].starts_with("Министерство обороны сообщило"));
    assert!(!a.paragraphs.join(" ").contains("Главная"));
    assert_eq!(a.url, None);
}

#[test]
fn a_lying_charset_is_decoded_by_the_bytes_with_a_warning() {
    let lying = String::from_utf8_lossy(CP1251).replace("windows-1251", "utf-8");
    // Re-encode: the page now says utf-8 but its bytes are windows-1251.
    let mut bytes = CP1251.to_vec();
    let at = bytes
        .windows(12)
        .position(|w| w == b"windows-1251")
        .expect("declared charset");
    bytes.splice(at..at + 12, b"utf-8".iter().copied());
    assert!(lying.contains("utf-8"));
    let decoded = decode(&bytes, None);
    assert_eq!(decoded.encoding, "windows-1251");
    assert!(
        decoded
            .warning
            .is_some_and(|w| w.contains("declares UTF-8"))
    );
    assert!(decoded.text.contains("Министерство"));
}

#[test]
fn a_listing_is_not_an_article() {
    let err = import_html(LISTING, None).expect_err("a listing");
    let HtmlError::NoArticle(reason) = err;
    assert!(reason.contains("listing"), "{reason}");
    // Without its JSON-LD it is still a page of links.
    let bare = LISTING.replace("CollectionPage", "WebPage");
    assert!(matches!(
        import_html(&bare, None),
        Err(HtmlError::NoArticle(_))
    ));
}

#[test]
fn empty_and_login_pages_are_not_articles() {
    for html in [
        "",
        "<html><body></body></html>",
        "<html><body><form><p>Please log in to continue.</p><input name=user><button>Log in</button></form></body></html>",
    ] {
        assert!(
            matches!(import_html(html, None), Err(HtmlError::NoArticle(_))),
            "{html}"
        );
    }
}

#[test]
fn a_truncated_page_imports_what_is_there() {
    let page = import_html(TRUNCATED, Some(PAGE_URL)).expect("an article");
    let a = &page.article;
    assert_eq!(a.title, "Baku and Yerevan Trade Warnings Over Karabakh");
    assert!(
        a.paragraphs
            .iter()
            .any(|p| p.starts_with("Azerbaijan’s defense ministry"))
    );
    assert!(a.paragraphs.iter().any(|p| p == "Regional players"));
    assert!(a.citations.iter().any(|c| c.source == "Kavkazsky Uzel"));
}

fn article_page(paragraphs: &[String]) -> String {
    let mut html = String::from(
        "<html><head><title>A title</title></head><body><nav><a href=/>Home</a></nav><article><h1>A title</h1>",
    );
    for p in paragraphs {
        html.push_str("<p>");
        html.push_str(p);
        html.push_str("</p>");
    }
    html.push_str("</article></body></html>");
    html
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn import_html_never_panics(text in "\\PC{0,400}") {
        let _ = import_html(&text, None);
        let _ = import_html(&text, Some("https://x.example/a/"));
    }

    #[test]
    fn import_html_never_panics_on_tag_soup(
        parts in proptest::collection::vec(
            prop_oneof![
                Just("<p>".to_string()), Just("</p>".to_string()), Just("<div class=share>".to_string()),
                Just("</div>".to_string()), Just("<a href='/x'>".to_string()), Just("</a>".to_string()),
                Just("<br>".to_string()), Just("(".to_string()), Just(")".to_string()),
                Just("<h2>".to_string()), Just("<li>".to_string()), Just("<script>".to_string()),
                "[a-zA-Z ,.]{0,40}",
            ],
            0..80,
        )
    ) {
        let _ = import_html(&parts.concat(), Some("https://x.example/"));
    }

    #[test]
    fn decode_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..600), header in proptest::option::of("[a-z0-9-]{0,12}")) {
        let d = decode(&bytes, header.as_deref());
        prop_assert!(!d.encoding.is_empty());
    }

    #[test]
    fn no_paragraph_of_prose_is_lost(
        paragraphs in proptest::collection::vec("[a-z]{2,9}( [a-z]{2,9}){12,30}\\.", 2..8)
    ) {
        let page = import_html(&article_page(&paragraphs), None).expect("an article");
        prop_assert_eq!(&page.article.paragraphs, &paragraphs);
    }
}
