//! The importer on the seed page: every count and field the issue names, and
//! the checked-in sample bundle is exactly what a fresh import produces, with
//! the slips `folio check` finds in it fixed.

use folio::bundle::load_bundle;
use folio::import::{build_bundle, import_page, to_json};

const SEED_PAGE: &str = include_str!("../sample-data/seed-page.txt");
const SEED_BUNDLE: &str = include_str!("../sample-data/seed.json");

#[test]
fn seed_page_is_read_completely() {
    let page = import_page(SEED_PAGE);
    let a = &page.article;
    assert_eq!(
        a.title,
        "With Karabakh Conflict Negotiations Deadlocked, Regional Players Heighten Military Rhetoric"
    );
    assert_eq!(a.category.as_deref(), Some("Analytics"));
    assert_eq!(a.published.unwrap().to_string(), "2020-06-03 15:33:00");
    assert_eq!(a.author.as_deref(), Some("Cavid Veliyev"));
    assert_eq!(a.origin.as_deref(), Some("Jamestown"));
    assert_eq!(a.paragraphs.len(), 8);
    assert_eq!(a.citations.len(), 18);
    assert_eq!(page.stats.other_parentheticals, 6);
    assert_eq!(
        a.related,
        ["IEPF issued a statement regarding Azerbaijani children at the UN Human Rights Council"]
    );
    assert_eq!(page.news_line.len(), 40);
    assert_eq!(page.stats.dropped_chrome, ["Hamısı"]);

    let got: Vec<(Option<&str>, &str, String)> = a
        .citations
        .iter()
        .map(|c| {
            (
                c.prefix.as_deref(),
                c.source.as_str(),
                c.date.unwrap().to_string(),
            )
        })
        .collect();
    let want = [
        (None, "Mod.gov.az", "2020-05-23"),
        (None, "Caspian.com", "2020-05-22"),
        (None, "Mfa.gov.az", "2020-05-21"),
        (None, "Osce.org", "2020-01-30"),
        (None, "Azernews.az", "2019-11-28"),
        (None, "Moderndiplomacy.eu", "2019-04-03"),
        (Some("see"), "EDM", "2019-04-01"),
        (None, "Hetq", "2019-11-18"),
        (None, "EurasiaNet", "2019-12-04"),
        (None, "Azerbaycan24.com", "2020-01-25"),
        (None, "Ona.az", "2019-10-04"),
        (None, "Commonspace.eu", "2019-08-07"),
        (None, "President.az", "2019-10-11"),
        (None, "Turan.az", "2020-04-21"),
        (None, "Lragir.am", "2020-05-16"),
        (None, "Apa.az", "2020-05-14"),
        (None, "Azernews.az", "2020-02-14"),
        (None, "Trend.az", "2020-02-24"),
    ];
    let want: Vec<_> = want
        .iter()
        .map(|(p, s, d)| (*p, *s, d.to_string()))
        .collect();
    assert_eq!(got, want);
    assert_eq!(
        a.citations[13].raw.as_deref(),
        Some("Turan.az, April, 21 2020")
    );
    assert_eq!(
        a.citations[6].raw.as_deref(),
        Some("see\u{a0}EDM, April 1, 2019")
    );

    // The six other parentheticals are untouched, in place.
    let text = a.paragraphs.join("\n");
    for p in [
        "Lachin districts (rayons) as well",
        "rocket systems (MLRS) and LORA",
        "in Europe’s (OSCE) Minsk Group",
        "earlier call (made on August 5, 2019, in occupied Khankendi) for the",
        "States (CIS) summit",
        "Russia’s (one of the Minsk Group co-chairs) Foreign",
    ] {
        assert!(text.contains(p), "{p}");
    }
    // Markers take the parenthetical's place, attached to the word.
    assert!(
        text.contains("ballistic missile systems[^1]. Meanwhile")
            || text.contains("ballistic missile systems[^1].")
    );
    assert!(text.contains("religious sites[^9][^10]."));
    assert!(text.contains("previous documents[^15]. This"));

    let times: Vec<String> = page
        .news_line
        .iter()
        .map(|e| e.time.format("%Y-%m-%dT%H:%M").to_string())
        .collect();
    assert_eq!(times[0], "2025-07-05T22:10");
    assert_eq!(times[39], "2025-07-05T10:15");
    assert_eq!(
        page.news_line[1].headline,
        "Türkiye supports firefighting operations in Syria’s Latakia"
    );

    // Exactly one warning: the lenient "April, 21 2020", at its place.
    let w: Vec<String> = page
        .warnings
        .iter()
        .map(|w| format!("{}:{}: {}", w.line, w.column, w.message))
        .collect();
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0].starts_with("17:792: "), "{w:?}");
    assert!(
        w[0].ends_with("lenient date in \"Turan.az, April, 21 2020\""),
        "{w:?}"
    );
}

/// What an editor fixed after `folio check` on the fresh import: the only
/// differences between `sample-data/seed.json` and the importer's output.
pub const PROOFREADING: [(&str, &str); 4] = [
    ("formula\u{a0} with", "formula with"),
    ("Aliyev`s", "Aliyev’s"),
    ("Azerbaijan`s State", "Azerbaijan’s State"),
    (
        "\"Turan.az, April, 21 2020\"",
        "\"Turan.az, April 21, 2020\"",
    ),
];

#[test]
fn the_checked_in_sample_is_a_fresh_import_proofread() {
    let bundle = build_bundle(&[import_page(SEED_PAGE)], None);
    let fresh = to_json(&bundle);
    // `folio check` finds exactly the four slips of the page…
    let found: Vec<String> = folio::check::check_bundle_text(&fresh, "fresh", "")
        .into_iter()
        .filter(|f| f.rule != folio::diagnostic::Rule::Spelling)
        .map(|f| format!("{}: {}", f.rule, f.json_path()))
        .collect();
    assert_eq!(
        found,
        [
            "double-space: articles[0].paragraphs[4]",
            "backtick-apostrophe: articles[0].paragraphs[7]",
            "citation-date: articles[0].citations[13].raw",
            "backtick-apostrophe: news_line[27].headline",
        ]
    );
    // …and the sample is the import with those fixed, nothing else.
    let mut proofread = fresh.clone();
    for (from, to) in PROOFREADING {
        assert_eq!(proofread.matches(from).count(), 1, "{from}");
        proofread = proofread.replace(from, to);
    }
    assert!(
        proofread == SEED_BUNDLE,
        "sample-data/seed.json differs from a fresh import with the fixes in PROOFREADING; regenerate it with\n  cargo run --release -- import sample-data/seed-page.txt -o sample-data/seed.json\nand apply them"
    );
    load_bundle(&proofread, "proofread").unwrap();
}

#[test]
fn imports_are_deterministic() {
    let a = to_json(&build_bundle(&[import_page(SEED_PAGE)], None));
    let b = to_json(&build_bundle(&[import_page(SEED_PAGE)], None));
    assert_eq!(a, b);
}
