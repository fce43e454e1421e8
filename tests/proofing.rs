//! The proof view, the findings list, `e` and reloading, on the state and the
//! rendered screen.

use crate::common;

use common::*;
use folio::action::Action::*;
use folio::app::App;
use folio::app::Msg::{Edited, Reloaded};
use folio::bundle::Bundle;
use folio::layout::screen::Focus;

/// The seed with two slips: a backtick in paragraph 7, a doubled space in a
/// headline.
fn slipped() -> Bundle {
    let mut b = seed();
    let p = &mut b.articles[0].paragraphs[7];
    *p = p.replace("Aliyev’s", "Aliyev`s");
    b.news_line[3].headline = b.news_line[3].headline.replacen(' ', "  ", 1);
    b
}

/// An app on `bundle` with the samples' house word list.
fn with_words(bundle: Bundle, w: u16, h: u16) -> App {
    app_from(bundle, w, h, |init| init.house_words = HOUSE_WORDS.into())
}

#[test]
fn the_proof_view_shows_indexes_raw_citations_and_findings_under_their_line() {
    let mut a = with_words(slipped(), 80, 24);
    assert!(!screen(&a).contains("[0]"));
    a.update(ProofView);
    assert!(a.proof());
    let s = screen(&a);
    assert!(s.contains("  [0] The month of May"), "{s}");
    assert!(s.contains("systems¹⟨Mod.gov.az, May 23⟩."), "{s}");
    assert!(s.contains("· proof ·"), "{s}");
    assert!(s.contains("Proof view: 2 findings (F lists them)"), "{s}");
    // The finding sits right under the line with the slip.
    press(&mut a, &[Bottom]);
    for _ in 0..40 {
        if screen(&a).contains("Aliyev`s") {
            break;
        }
        a.update(LineUp);
    }
    let s = screen(&a);
    let rows: Vec<&str> = s.lines().collect();
    let slip = rows
        .iter()
        .position(|r| r.contains("Aliyev`s"))
        .expect("slip on screen");
    assert!(
        rows[slip + 1].contains("▲ warning[backtick-apostrophe]"),
        "{s}"
    );
    // Off again: the plain article, at the same place.
    a.update(ProofView);
    let s = screen(&a);
    assert!(!s.contains("▲") && !s.contains("⟨"), "{s}");
    assert!(s.contains("Aliyev`s"), "{s}");
}

#[test]
fn the_findings_list_jumps_to_each_finding() {
    let mut a = with_words(slipped(), 80, 24);
    a.update(Findings);
    let s = screen(&a);
    assert!(s.contains("Findings: 2"), "{s}");
    assert!(
        s.contains("articles[0].paragraphs[7]  warning[backtick-apostrophe]"),
        "{s}"
    );
    assert!(
        s.contains("news_line[3].headline  warning[double-space]"),
        "{s}"
    );
    // The paragraph's finding: proof view on, the slip and its finding on screen.
    a.update(Follow);
    assert!(a.overlay().is_none() && a.proof());
    let s = screen(&a);
    assert!(
        s.contains("Aliyev`s") && s.contains("▲ warning[backtick-apostrophe]"),
        "{s}"
    );
    // The headline's: the news line, that entry selected.
    press(&mut a, &[Findings, LineDown, Follow]);
    assert_eq!(a.focus(), Focus::News);
    assert_eq!(a.news_selected(), 3);
    // Esc closes without moving.
    press(&mut a, &[Findings, Close]);
    assert!(a.overlay().is_none());
}

#[test]
fn a_reload_keeps_the_place_and_shows_new_findings() {
    let mut a = with_words(seed(), 80, 24);
    a.update(ProofView);
    press(&mut a, &[PageDown, PageDown, LineDown]);
    let before = screen(&a).lines().next().unwrap_or_default().to_string();
    // The file gains a paragraph before the reader's place, and a slip.
    let mut edited = seed();
    edited.articles[0]
        .paragraphs
        .insert(0, "A new first paragraph, with a  doubled space.".into());
    assert_eq!(a.update(Reloaded(Ok(Box::new(edited)))), REDRAW);
    let s = screen(&a);
    let after = s.lines().next().unwrap_or_default().to_string();
    // The same text on top (its paragraph index moved from [1] to [2]).
    assert_eq!(after.replace("[2]", "[1]"), before, "{s}");
    assert!(s.contains("Reloaded the bundle: 1 finding"), "{s}");
    assert!(
        a.issues()
            .iter()
            .any(|i| i.rule == folio::diagnostic::Rule::DoubleSpace)
    );

    // The jumps of the old version are gone with it.
    assert_eq!(a.update(JumpBack), REDRAW);
    assert_eq!(a.message(), Some("Nothing to jump back to"));

    // A file that no longer parses: the last good version stays.
    let top = a.top();
    a.update(Reloaded(Err("b.json:3:1: invalid JSON".into())));
    assert_eq!(a.top(), top);
    assert_eq!(a.bundle().articles[0].paragraphs.len(), 9);
    assert!(screen(&a).contains("Reload failed, showing the last good version"));
}

#[test]
fn e_asks_the_shell_for_an_editor_at_the_paragraph() {
    let mut a = app(seed(), 80, 24);
    // The built-in sample has no file.
    assert_eq!(a.update(Edit), REDRAW);
    assert!(screen(&a).contains("no file to edit"));
    let mut a = app_from(seed(), 80, 24, |init| {
        init.source = Some("seed.json".into())
    });
    press(&mut a, &[PageDown, PageDown]);
    let [folio::app::Command::Edit(path)] = &a.update(Edit)[..] else {
        panic!("no editor asked for")
    };
    let path = folio::bundle::load::path_string(path);
    assert!(path.starts_with("articles[0].paragraphs["), "{path}");
    a.update(Edited(Err("vi exited with 1".into())));
    assert!(screen(&a).contains("The editor failed: vi exited with 1"));
}

/// Issue 16, item 10: the proof view marks the news line's findings under
/// the headline line that has the slip, as it does for paragraphs.
#[test]
fn the_proof_view_marks_findings_on_the_news_line() {
    let b = slipped();
    let headline = b.news_line[3].headline.clone();
    let first_words: String = headline.split("  ").next().unwrap().to_string();
    let mut a = with_words(b, 120, 40);
    a.update(ProofView);
    let s = screen(&a);
    let rows: Vec<&str> = s.lines().collect();
    let at = rows
        .iter()
        .position(|r| r.contains(&first_words))
        .unwrap_or_else(|| panic!("{first_words:?} on screen:\n{s}"));
    let mark = rows
        .iter()
        .position(|r| r.contains("▲ warning[double-space]"))
        .unwrap_or_else(|| panic!("the headline's finding on screen:\n{s}"));
    assert_eq!(mark, at + 1, "under the line with the slip:\n{s}");
    // In the news pane (right third), indented under the headline.
    let column = rows[mark].find("▲").unwrap();
    assert!(rows[mark][..column].chars().count() > 80, "{s}");
    // Off again: gone.
    a.update(ProofView);
    assert!(!screen(&a).contains("double-space"));

    // In a narrow terminal, the news line after Tab shows it too.
    let mut a = with_words(slipped(), 80, 24);
    press(&mut a, &[ProofView, SwitchPane]);
    for _ in 0..3 {
        a.update(LineDown);
    }
    assert!(
        screen(&a).contains("▲ warning[double-space]"),
        "{}",
        screen(&a)
    );
}

/// Issue 16: with the news line filtered (entries best first, not in their
/// order), the proof view's marks stay under the headlines they concern;
/// turned on while filtering, or typed into after, they still do.
#[test]
fn the_proof_view_marks_the_right_headlines_in_a_filtered_news_line() {
    let check = |a: &App| {
        let s = screen(a);
        let rows: Vec<&str> = s.lines().collect();
        let marks: Vec<usize> = (0..rows.len())
            .filter(|&i| rows[i].contains("▲ warning[double-space]"))
            .collect();
        let at = rows
            .iter()
            .position(|r| r.contains("Pashinyan:"))
            .unwrap_or_else(|| panic!("the headline with the slip on screen:\n{s}"));
        assert_eq!(marks, [at + 1], "one mark, under its headline:\n{s}");
    };
    let mut a = with_words(slipped(), 120, 40);
    press(&mut a, &[ProofView, SwitchPane, FilterNews]);
    for c in "armenia".chars() {
        a.update(PromptChar(c));
    }
    let f = a.news_filter().unwrap();
    let k = f.hits.iter().position(|&i| i == 3).expect("a hit");
    // Not its place in the news line: a mark by entry number would go
    // under another headline.
    assert_ne!(k, 3, "{:?}", f.hits);
    check(&a);
    a.update(PromptAccept);
    check(&a);
    // The proof view turned on over a filter marks it too.
    press(&mut a, &[ProofView]);
    assert!(!screen(&a).contains("double-space"));
    press(&mut a, &[ProofView]);
    check(&a);
}

/// Review of issue 16: the findings list (`F`) was in the rules' order
/// (citations first, empty paragraphs last); it lists them in the order
/// `folio check` does, by place in the file.
#[test]
fn the_findings_list_is_in_the_order_folio_check_prints() {
    let mut bundle = slipped();
    // Slips in several places and of several rules: a citation no marker
    // cites, an empty paragraph early, invisible characters late.
    bundle.articles[0].paragraphs.insert(1, String::new());
    let last = bundle.articles[0].paragraphs.len() - 1;
    bundle.articles[0].paragraphs[last].push_str(" zero\u{200B}width");
    let mut c = bundle.articles[0].citations[0].clone();
    c.id = "never-cited".into();
    bundle.articles[0].citations.push(c);
    let text = serde_json::to_string_pretty(&bundle).unwrap();
    let checked: Vec<String> = folio::check::check_bundle_text(&text, "b.json", "")
        .iter()
        .map(|d| format!("{} {}", folio::diagnostic::path_string(&d.path), d.rule))
        .collect();
    let mut a = app(bundle, 80, 24);
    a.update(Findings);
    let listed: Vec<String> = (a.issues().iter())
        .map(|d| format!("{} {}", folio::diagnostic::path_string(&d.path), d.rule))
        .collect();
    assert!(checked.len() >= 4, "{checked:?}");
    assert_eq!(listed, checked);
}
