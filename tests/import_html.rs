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

/// Paragraphs of plain prose, enough for an article around what a test is
/// about.
fn filler(n: usize) -> String {
    (0..n)
        .map(|i| {
            format!(
                "<p>The ministry said in a statement on Monday that the exercises, number {i}, \
                 would go on near the line of contact, and that observers had been invited to watch them.</p>"
            )
        })
        .collect()
}

fn page_with(head: &str, body: &str) -> String {
    format!("<html><head>{head}</head><body><article>{body}</article></body></html>")
}

#[test]
fn a_name_in_a_hover_card_stays_in_its_sentence() {
    let card = r#"<p>A man pleaded guilty to threatening Rep. <span class="rollover-people"><a class="rollover-people-link" href="/people/ilhan-omar">Ilhan Omar</a><span class="rollover-people-block"><span><img src="/omar.jpg" alt=""><a class="name" href="/people/ilhan-omar">Ilhan Omar</a><a class="people-articles" href="/a/1">Progressives oppose funding bill</a> <a class="people-articles" href="/a/2">Senators call for 5G coordinator</a></span></span></span> (D-Minn.), the office said.</p>"#;
    let dated = r#"<p>The talks began <span class="date">on May 5</span> in Baku and ended <time class="timestamp">a week later</time>.</p>"#;
    let html = page_with(
        "<title>T</title>",
        &format!("{}{card}{dated}{}", filler(3), filler(3)),
    );
    let page = import_html(&html, None).expect("an article");
    let p = &page.article.paragraphs;
    assert!(
        p.iter().any(|p| p
            == "A man pleaded guilty to threatening Rep. Ilhan Omar (D-Minn.), the office said."),
        "{p:#?}"
    );
    assert!(
        p.iter()
            .any(|p| p == "The talks began on May 5 in Baku and ended a week later."),
        "{p:#?}"
    );
    assert!(!p.join(" ").contains("Progressives"), "{p:#?}");
}

#[test]
fn sentences_that_begin_like_boilerplate_stay() {
    let sentences = [
        "By 2030, the city will need twice as many nurses as it trained in 2019.",
        "Comments from the minister came late on Monday, after the vote.",
        "Also on Tuesday, the ministry said the drills would end on May 5.",
        "Recommended doses were lowered in 2019 after the trial.",
    ];
    let body: String = sentences.iter().map(|s| format!("<p>{s}</p>")).collect();
    let html = page_with("<title>T</title>", &format!("{}{body}", filler(3)));
    let page = import_html(&html, None).expect("an article");
    for s in sentences {
        assert!(
            page.article.paragraphs.iter().any(|p| p == s),
            "{s:?} lost: {:#?}",
            page.article.paragraphs
        );
    }
}

#[test]
fn a_page_of_headlines_with_teasers_is_a_listing() {
    let mut items = String::new();
    for i in 0..40 {
        items.push_str(&format!(
            r#"<li><a href="/a{i}">Headline number {i} about something happening today in the world</a><p>Short teaser text for item {i}, with a few words.</p></li>"#
        ));
    }
    let html = format!(
        "<html><head><title>News - Home</title></head><body><nav><a href=/>Home</a></nav><main><h1>Latest news</h1><ul>{items}</ul></main></body></html>"
    );
    let err = import_html(&html, None).expect_err("a listing");
    let HtmlError::NoArticle(reason) = err;
    assert!(reason.contains("headlines"), "{reason}");
}

#[test]
fn titles_lose_the_site_and_section_suffixes() {
    let cases = [
        // The site's name, from og:site_name.
        (
            r#"<title>Baku weighs its options - Caspian Analysis</title><meta property="og:site_name" content="Caspian Analysis">"#,
            "<h1>Baku weighs its options</h1>",
            "Baku weighs its options",
        ),
        // The h1 shows the title without the suffixes.
        (
            r#"<meta property="og:title" content="The Guardian view on Hong Kong: a city on the brink | Editorial">"#,
            "<h1>The Guardian view on Hong Kong:\n a city on the brink</h1>",
            "The Guardian view on Hong Kong: a city on the brink",
        ),
        // The site's name is the host's.
        (
            "<title>엘제이-류화영 진흙탕 싸움 - Entermedia</title>",
            "<h1>엔터 미디어</h1>",
            "엘제이-류화영 진흙탕 싸움",
        ),
        // A dash inside the title stays.
        (
            "<title>Zach Parise scores twice as Wild beat Sabres 4-1</title>",
            "",
            "Zach Parise scores twice as Wild beat Sabres 4-1",
        ),
        (
            "<title>Trade talks - what comes next</title>",
            "",
            "Trade talks - what comes next",
        ),
    ];
    for (head, h1, want) in cases {
        let html = page_with(head, &format!("{h1}{}", filler(4)));
        let page =
            import_html(&html, Some("https://www.entermedia.co.kr/news/1")).expect("an article");
        assert_eq!(page.article.title, want);
    }
}

#[test]
fn authors_through_graph_references_and_without_labels() {
    let graph = r#"<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
        {"@type":"WebSite","@id":"https://bikes.example/#website","name":"MoreBikes"},
        {"@type":"WebPage","@id":"https://bikes.example/1/#webpage","name":"Clymer workshop manual review | MoreBikes",
         "author":{"@id":"https://bikes.example/#/schema/person/14"}},
        {"@type":["Person"],"@id":"https://bikes.example/#/schema/person/14","name":"Tony Carter"}]}</script>
        <title>Clymer workshop manual review | MoreBikes</title>
        <meta property="og:site_name" content="MoreBikes"><meta property="article:section" content="All">"#;
    let page = import_html(&page_with(graph, &filler(4)), None).expect("an article");
    assert_eq!(page.article.author.as_deref(), Some("Tony Carter"));
    assert_eq!(page.article.title, "Clymer workshop manual review");
    assert_eq!(page.article.category, None);
    for (meta, want) in [
        ("By Текст: Венера Ерофеева", "Венера Ерофеева"),
        (
            "Finian Cunningham. Sputnik International",
            "Finian Cunningham",
        ),
        ("Troy L. Smith", "Troy L. Smith"),
    ] {
        let head = format!(r#"<title>T</title><meta name="author" content="{meta}">"#);
        let page = import_html(&page_with(&head, &filler(4)), None).expect("an article");
        assert_eq!(page.article.author.as_deref(), Some(want));
    }
}

#[test]
fn soft_hyphens_and_zero_width_spaces_are_not_text() {
    let body = format!(
        "<p>An extra&shy;ordinary long\u{ad}standing agree\u{200b}ment was signed, \u{200d}the minister said\u{2060}.</p>{}",
        filler(3)
    );
    let page = import_html(&page_with("<title>T</title>", &body), None).expect("an article");
    assert_eq!(
        page.article.paragraphs[0],
        "An extraordinary longstanding agreement was signed, \u{200d}the minister said\u{2060}."
    );
}

#[test]
fn photo_credits_are_not_paragraphs() {
    let body = format!(
        r#"{}<h2>Андрей Рудьков</h2><div class="slider"><dl><dt>Фото:</dt><dd>личный архив Андрея Рудькова</dd></dl></div>
        <p>Что вас вдохновило на создание кулинарной страницы? Я начала интересоваться темой здорового питания давно.</p>
        <figure><img src="/a.jpg"></figure><p>Photo: Evan Vucci/AP Photo</p><p>Getty Images</p>{}"#,
        filler(3),
        filler(2)
    );
    let page = import_html(&page_with("<title>T</title>", &body), None).expect("an article");
    let all = page.article.paragraphs.join("\n");
    for gone in ["Фото", "личный архив", "AP Photo", "Getty"] {
        assert!(!all.contains(gone), "{gone:?} kept in\n{all}");
    }
    assert!(
        page.article
            .paragraphs
            .iter()
            .any(|p| p == "Андрей Рудьков")
    );
}

#[test]
fn a_closing_list_of_links_under_a_heading_is_related() {
    let body = format!(
        r#"{}<hr><div class="heading-h3">More Great Stories</div><ul>
        <li>YouTubers must unionize, <a href="https://x.example/1">no matter what Google says</a></li>
        <li>Paid political ads are not the problem. <a href="https://x.example/2">Our perceptions are</a></li>
        <li>Could an astronaut lost in space <a href="https://x.example/3">use gravity to get around</a>?</li>
        <li>📱 Torn between phones? <a href="https://x.example/4">Check out our buying guide</a></li></ul>"#,
        filler(4)
    );
    let page = import_html(&page_with("<title>T</title>", &body), None).expect("an article");
    let all = page.article.paragraphs.join("\n");
    for gone in [
        "More Great Stories",
        "YouTubers",
        "astronaut",
        "buying guide",
    ] {
        assert!(!all.contains(gone), "{gone:?} kept in\n{all}");
    }
    // A list of links inside the article, followed by prose, stays.
    let body = format!(
        r#"{}<h2>Where to read the ruling</h2><ul><li>The <a href="https://x.example/1">full ruling</a> of the court</li><li>The <a href="https://x.example/2">dissent</a> of two judges</li><li>The <a href="https://x.example/3">appeal</a> lodged on Monday</li></ul>{}"#,
        filler(3),
        filler(2)
    );
    let page = import_html(&page_with("<title>T</title>", &body), None).expect("an article");
    assert!(
        page.article
            .paragraphs
            .iter()
            .any(|p| p == "The dissent of two judges")
    );
}

#[test]
fn a_data_table_keeps_its_rows() {
    let body = format!(
        r#"{}<table class="p-data-table"><thead><tr><th>Pos</th><th>Player</th><th>Plays</th></tr></thead>
        <tfoot><tr><th>Pos</th><th>Player</th><th>Plays</th></tr></tfoot>
        <tbody><tr><td>DL</td><td>Larry Ogunjobi</td><td>63</td></tr><tr><td>DL</td><td>Myles Garrett</td><td>57</td></tr></tbody></table>{}"#,
        filler(2),
        filler(2)
    );
    let page = import_html(&page_with("<title>T</title>", &body), None).expect("an article");
    let rows: Vec<&String> = page
        .article
        .paragraphs
        .iter()
        .filter(|p| p.contains(" · "))
        .collect();
    assert_eq!(
        rows,
        [
            "Pos · Player · Plays",
            "DL · Larry Ogunjobi · 63",
            "DL · Myles Garrett · 57"
        ]
    );
}

#[test]
fn one_word_is_one_word() {
    let err = import_html("<html><body><p>Hello</p></body></html>", None).expect_err("too short");
    let HtmlError::NoArticle(reason) = err;
    assert!(reason.contains("has 1 word,"), "{reason}");
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
