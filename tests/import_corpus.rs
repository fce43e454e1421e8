//! The hand-labelled corpus of real scraped pages (`tests/corpus`): its
//! labels are well-formed and agree with the pages, and every page imports.
//! The recogniser is held to issue 15's goals on it (precision and recall
//! at least 0.98, every page keeps its prose); `cargo bench --bench corpus`
//! prints the figures per site.

#[path = "corpus/score.rs"]
mod score;

#[test]
fn corpus_labels_are_well_formed_and_match_the_pages() {
    let labels = score::load().unwrap_or_else(|e| panic!("{e}"));
    let problems = score::problems(&labels);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(labels.pages.len() >= 30, "{} pages", labels.pages.len());
    let mut sites: Vec<&str> = labels.pages.iter().map(|p| p.site.as_str()).collect();
    sites.sort_unstable();
    sites.dedup();
    assert!(sites.len() >= 10, "{} sites", sites.len());
    let citations = labels
        .pages
        .iter()
        .flat_map(|p| &p.parentheticals)
        .filter(|p| p.label == score::Label::Citation)
        .count();
    assert!(citations > 0, "no labelled citations");
}

#[test]
fn corpus_figures() {
    let labels = score::load().unwrap_or_else(|e| panic!("{e}"));
    let scores = score::score_all(&labels).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(scores.len(), labels.pages.len());
    let report = score::report(&scores);
    println!("{report}");
    // Issue 15's goals: precision and recall of at least 0.98, every page
    // keeping all its prose, and no citation the labels cannot account for.
    let mut all = score::Totals::default();
    for s in &scores {
        all.add(s);
    }
    assert!(all.precision().unwrap_or(0.0) >= 0.98, "{report}");
    assert!(all.recall().unwrap_or(0.0) >= 0.98, "{report}");
    assert_eq!(all.pages_kept, all.pages, "{report}");
    assert_eq!(all.unmatched, 0, "{report}");
}
