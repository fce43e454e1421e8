//! Golden tests for each form the importer recognises on a page, negative tests
//! for what it must leave alone, and a property: nothing of the prose is lost.

use folio::import::{build_bundle, import_page};
use proptest::prelude::*;

fn page(header: &str, body: &str, tail: &str) -> String {
    format!("A Title For The Test\n\n{header}\n\n{body}\n\n{tail}")
}

#[test]
fn header_forms_on_a_page() {
    for (header, category, when, zone) in [
        (
            "Analytics 15:33 03.06.2020",
            Some("Analytics"),
            "2020-06-03 15:33:00",
            None,
        ),
        ("03.06.2020 15:33", None, "2020-06-03 15:33:00", None),
        (
            "Politics 2020.06.03 15:33 GMT",
            Some("Politics"),
            "2020-06-03 15:33:00",
            Some("GMT"),
        ),
        ("3 June 2020 15:33", None, "2020-06-03 15:33:00", None),
        (
            "ECONOMY  3 June 2020 - 15:33",
            Some("ECONOMY"),
            "2020-06-03 15:33:00",
            None,
        ),
    ] {
        let p = import_page(&page(header, "Body.", ""));
        let a = &p.article;
        assert_eq!(a.category.as_deref(), category, "{header}");
        assert_eq!(a.published.unwrap().to_string(), when, "{header}");
        assert_eq!(a.zone.as_deref(), zone, "{header}");
        assert_eq!(a.paragraphs, ["Body."], "{header}");
        assert!(p.warnings.is_empty(), "{header}: {:?}", p.warnings);
    }
}

#[test]
fn a_missing_header_is_a_warning_not_a_loss() {
    let p = import_page("Title\n\nFirst paragraph (Mod.gov.az, May 23).\n");
    assert_eq!(p.article.published, None);
    assert_eq!(p.article.paragraphs.len(), 1);
    let messages: Vec<_> = p
        .warnings
        .iter()
        .map(|w| (w.line, w.message.as_str()))
        .collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert_eq!(messages[0].0, 3);
    assert!(
        messages[1]
            .1
            .contains("no year and the article has no date")
    );
    assert_eq!(p.article.citations[0].date, None);
}

#[test]
fn a_repeated_title_is_kept_once() {
    let p = import_page("The Title\nThe Title\n\nAnalytics 15:33 03.06.2020\n\nBody.");
    assert_eq!(p.article.title, "The Title");
    assert_eq!(p.article.paragraphs, ["Body."]);
}

#[test]
fn attribution_forms() {
    let cases = [
        (
            "This article is originally published in Jamestown.",
            None,
            Some("Jamestown"),
        ),
        (
            "This article is origionally published in Jamestown.\u{a0}",
            None,
            Some("Jamestown"),
        ),
        (
            "This article was first published by Eurasia Review.",
            None,
            Some("Eurasia Review"),
        ),
        ("Adapted from: The Diplomat", None, Some("The Diplomat")),
        ("Written by Cavid Veliyev", Some("Cavid Veliyev"), None),
        ("By: Jane Doe", Some("Jane Doe"), None),
    ];
    for (line, author, origin) in cases {
        let p = import_page(&page(
            "Analytics 15:33 03.06.2020",
            "Body one.\n\nBody two.",
            line,
        ));
        assert_eq!(p.article.author.as_deref(), author, "{line}");
        assert_eq!(p.article.origin.as_deref(), origin, "{line}");
        assert_eq!(p.article.paragraphs.len(), 2, "{line}");
    }
    // A paragraph that starts with "By" is prose, not an author line.
    let p = import_page(&page(
        "Analytics 15:33 03.06.2020",
        "By the end of May, talks stalled.",
        "",
    ));
    assert_eq!(p.article.author, None);
    assert_eq!(p.article.paragraphs, ["By the end of May, talks stalled."]);
}

#[test]
fn related_headlines_and_news_line_forms() {
    let tail = "Written by A. Writer\n\nFirst related headline\nSecond related headline\n\nLatest news\n\nHeadline one\n05.07.2025 22:10\nHeadline two\n21:45 04.07.2025\nAll\n";
    let p = import_page(&page("Analytics 15:33 03.06.2020", "Body.", tail));
    assert_eq!(
        p.article.related,
        ["First related headline", "Second related headline"]
    );
    let got: Vec<_> = p
        .news_line
        .iter()
        .map(|e| (e.headline.as_str(), e.time.to_string()))
        .collect();
    assert_eq!(
        got,
        [
            ("Headline one", "2025-07-05 22:10:00".to_string()),
            ("Headline two", "2025-07-04 21:45:00".to_string())
        ]
    );
    assert_eq!(p.stats.dropped_chrome, ["All"]);
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
}

#[test]
fn a_headline_without_a_timestamp_is_reported() {
    let tail = "News line\n\nHeadline one\n22:10 05.07.2025\nOrphan headline\nMore\n";
    let p = import_page(&page("Analytics 15:33 03.06.2020", "Body.", tail));
    assert_eq!(p.news_line.len(), 1);
    assert_eq!(p.stats.dropped_chrome, ["More"]);
    assert_eq!(p.warnings.len(), 1);
    assert_eq!(p.warnings[0].line, 11);
    assert!(
        p.warnings[0]
            .message
            .contains("\"Orphan headline\" has no timestamp")
    );
}

#[test]
fn citation_forms_in_a_paragraph() {
    let body = "One (Mod.gov.az, May 23). Two (see EDM, April 1, 2019). Three (Kavkazsky Uzel, November 8, 10). \
                Four (Turan.az, April, 21 2020). Five (Kommersant December 11, 2019). Six (A, May 1; B, June 2, 2019).";
    let p = import_page(&page("Analytics 15:33 03.06.2020", body, ""));
    let a = &p.article;
    assert_eq!(
        a.paragraphs[0],
        "One[^1]. Two[^2]. Three[^3][^4]. Four[^5]. Five[^6]. Six[^7][^8]."
    );
    let dates: Vec<String> = a
        .citations
        .iter()
        .map(|c| c.date.unwrap().to_string())
        .collect();
    assert_eq!(
        dates,
        [
            "2020-05-23",
            "2019-04-01",
            "2019-11-08",
            "2019-11-10",
            "2020-04-21",
            "2019-12-11",
            "2020-05-01",
            "2019-06-02"
        ]
    );
    assert_eq!(a.citations[1].prefix.as_deref(), Some("see"));
    assert_eq!(
        a.citations[2].raw.as_deref(),
        Some("Kavkazsky Uzel, November 8, 10")
    );
    assert_eq!(p.warnings.len(), 2, "{:?}", p.warnings);
    // Warnings point at the parenthetical: line 5, its column.
    let col = body.find("(Turan").unwrap() + 1;
    assert_eq!((p.warnings[0].line, p.warnings[0].column), (5, col));
}

#[test]
fn non_citations_stay_in_the_text_untouched() {
    let body = "The (OSCE) group, the districts (rayons), Shusha (Khankendi to Azerbaijanis), a call \
                (made on August 5, 2019, in occupied Khankendi), the war (September 27–November 10, 2020), \
                nested (a (b) c) and odd (unbalanced.";
    let p = import_page(&page("Analytics 15:33 03.06.2020", body, ""));
    assert_eq!(p.article.paragraphs, [body]);
    assert!(p.article.citations.is_empty());
    assert_eq!(p.stats.other_parentheticals, 7);
    assert_eq!(p.warnings.len(), 1);
    assert_eq!(p.warnings[0].message, "unbalanced \"(\"");
}

#[test]
fn several_pages_make_one_bundle() {
    let one = "First Story\n\nNews 10:00 01.07.2025\n\nText.\n\nNews line\n\nSecond Story\n12:00 02.07.2025\nShared headline\n09:00 01.07.2025\n";
    let two = "Second Story\n\nNews 12:00 02.07.2025\n\nMore text.\n\nNews line\n\nShared headline\n09:00 01.07.2025\nLater headline\n13:00 02.07.2025\n";
    let pages = [import_page(one), import_page(two)];
    let b = build_bundle(&pages, None);
    assert_eq!(b.id, "first-story");
    let ids: Vec<_> = b.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["first-story", "second-story"]);
    let news: Vec<_> = b
        .news_line
        .iter()
        .map(|e| (e.headline.as_str(), e.article.as_deref()))
        .collect();
    assert_eq!(
        news,
        [
            ("Later headline", None),
            ("Second Story", Some("second-story")),
            ("Shared headline", None)
        ]
    );
    let b = build_bundle(&pages, Some("my-id"));
    assert_eq!(b.id, "my-id");
    let same = build_bundle(&[import_page(one), import_page(one)], None);
    assert_eq!(same.articles[1].id, "first-story-2");
}

/// Puts each marker group back as "(raw; raw)" so the text can be compared
/// with the page. Adjacent markers with the same raw and rising dates came
/// from one day list (`November 8, 10`).
fn restore(paragraph: &str, citations: &[folio::bundle::Citation]) -> String {
    let mut out = String::new();
    let mut rest = paragraph;
    while let Some(start) = rest.find("[^") {
        out.push_str(&rest[..start]);
        let mut group: Vec<&folio::bundle::Citation> = Vec::new();
        let mut groups: Vec<String> = Vec::new();
        let mut tail = &rest[start..];
        while let Some(stripped) = tail.strip_prefix("[^") {
            let Some(end) = stripped.find(']') else { break };
            let id = &stripped[..end];
            let Some(c) = citations.iter().find(|c| c.id == id) else {
                break;
            };
            let same_list = group
                .last()
                .is_some_and(|p| p.raw == c.raw && p.date < c.date);
            if !same_list {
                if let Some(first) = group.first() {
                    groups.push(first.raw.clone().unwrap_or_default());
                }
                group.clear();
            }
            group.push(c);
            tail = &stripped[end + 1..];
        }
        if let Some(first) = group.first() {
            groups.push(first.raw.clone().unwrap_or_default());
        }
        if groups.is_empty() {
            out.push_str("[^");
            rest = &rest[start + 2..];
            continue;
        }
        // Adjacent groups come back as one "(A; B)": the comparison treats
        // ")(" and ";" alike, as it cannot tell "(A)(B)" from "(A; B)".
        out.push_str(&format!("({})", groups.join(";")));
        rest = tail;
    }
    out.push_str(rest);
    out
}

fn visible(s: &str) -> String {
    let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    s.replace(")(", ";")
}

const CITATIONS: &[&str] = &[
    " (Mod.gov.az, May 23)",
    " (see EDM, April 1, 2019)",
    " (Kavkazsky Uzel, November 8, 10)",
    " (EurasiaNet, December 4, 2019; Azerbaycan24.com, January 25, 2020)",
    " (Turan.az, April, 21 2020)",
    " (OSCE)",
    " (",
    ")",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn import_never_panics_and_keeps_every_character(
        chunks in proptest::collection::vec(
            prop_oneof![
                "[^\n\r\u{0}]{0,40}",
                "[a-zA-Zа-яА-Я東京 ,.;()\u{a0}\t\u{1b}\u{7}]{0,60}",
                "x{200,400}",
                (0..CITATIONS.len()).prop_map(|i| CITATIONS[i].to_string()),
            ],
            1..12,
        ),
        paragraphs in 1usize..4,
    ) {
        let body_text: String = chunks.concat();
        // Split into paragraphs at chunk boundaries only, keep " x " apart.
        let body: Vec<String> = (0..paragraphs).map(|i| format!("x{i}{body_text} x")).collect();
        let text = page("Analytics 15:33 03.06.2020", &body.join("\n\n"), "");
        let p = import_page(&text);
        // Lines that happen to look like an attribution or a news heading end
        // the body; the property is about what was read as body.
        let got: String = p.article.paragraphs.iter().map(|para| visible(&restore(para, &p.article.citations))).collect();
        let want: String = body.iter().map(|b| visible(b)).collect();
        prop_assert!(want.starts_with(&got), "lost text:\n want {want:?}\n got  {got:?}");
        if p.article.paragraphs.len() == paragraphs {
            prop_assert_eq!(got, want);
        }
        // Arbitrary text too, random lines and all.
        let _ = import_page(&body_text);
    }
}

#[test]
fn marker_syntax_in_the_page_is_reported() {
    let p = import_page(&page(
        "Analytics 15:33 03.06.2020",
        "A footnote[^1] typed by hand.",
        "",
    ));
    assert_eq!(p.warnings.len(), 1);
    assert_eq!((p.warnings[0].line, p.warnings[0].column), (5, 11));
    assert!(p.warnings[0].message.contains("footnote marker"));
    assert_eq!(p.article.paragraphs, ["A footnote[^1] typed by hand."]);
}
