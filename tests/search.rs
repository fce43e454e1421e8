//! Search in the article: incremental, n/N, smart case, matches across line
//! breaks, highlighted without colour, kept across resizes.

use crate::common;

use common::*;
use folio::action::Action::*;
use folio::app::App;
use ratatui::style::Modifier;

fn typed(a: &mut App, text: &str) {
    for c in text.chars() {
        a.update(PromptChar(c));
    }
}

/// Rows of the screen with a cell carrying `modifier`.
fn rows_with_modifier(a: &App, modifier: Modifier) -> Vec<u16> {
    let buf = render(a);
    (0..buf.area.height.saturating_sub(1))
        .filter(|&y| (0..buf.area.width).any(|x| buf[(x, y)].modifier.contains(modifier)))
        .collect()
}

#[test]
fn the_view_follows_the_query_and_esc_goes_back() {
    let mut a = app(seed(), 80, 24);
    a.update(SearchForward);
    typed(&mut a, "Leonardo");
    assert!(
        a.top() > 50,
        "the view followed to the match: top {}",
        a.top()
    );
    let s = screen(&a);
    assert!(s.contains("Leonardo"), "{s}");
    assert!(s.lines().last().unwrap().starts_with(" /Leonardo"), "{s}");
    assert!(s.lines().last().unwrap().trim_end().ends_with("1/1"), "{s}");
    a.update(PromptCancel);
    assert_eq!(a.top(), 0, "Esc goes back to where the search began");
    assert!(a.search().is_none());
    assert!(rows_with_modifier(&a, Modifier::UNDERLINED).is_empty());
}

#[test]
fn n_and_shift_n_walk_the_matches_round_the_ends() {
    let mut a = app(seed(), 80, 24);
    a.update(SearchForward);
    typed(&mut a, "azerbaijan");
    a.update(PromptAccept);
    let total = a.search().as_ref().unwrap().matches.len();
    assert!(
        total > 10,
        "smart case: lower case matches Azerbaijan ({total})"
    );
    assert_eq!(a.search_counter().as_deref(), Some(&*format!("1/{total}")));
    a.update(SearchNext);
    assert_eq!(a.search_counter().as_deref(), Some(&*format!("2/{total}")));
    a.update(SearchPrevious);
    a.update(SearchPrevious);
    assert_eq!(
        a.search_counter().as_deref(),
        Some(&*format!("{total}/{total}"))
    );
    assert_eq!(
        a.message(),
        Some("Search hit the top, continued from the end")
    );
    let s = screen(&a);
    assert!(s.contains(&format!("/azerbaijan: {total}/{total}")), "{s}");
    // A capital letter makes it exact.
    a.update(SearchForward);
    typed(&mut a, "AZERBAIJAN");
    a.update(PromptAccept);
    assert_eq!(a.message(), Some("Pattern not found: AZERBAIJAN"));
    // Said once, not also as the counter's "no match".
    let bar = screen(&a).lines().last().unwrap_or_default().to_string();
    assert!(bar.contains("Pattern not found: AZERBAIJAN"), "{bar}");
    assert!(!bar.contains("no match"), "{bar}");
}

#[test]
fn a_match_across_a_line_break_is_highlighted_on_both_lines_and_survives_resizes() {
    let mut a = app(seed(), 80, 24);
    // Two words either side of a break in the first paragraph.
    let first = a.layout().paragraph_block(0);
    let lines: Vec<String> = a
        .layout()
        .lines
        .iter()
        .filter(|l| l.key.block == first && l.key.gap == 0)
        .map(|l| folio::layout::runs_text(&l.runs))
        .collect();
    let words0: Vec<&str> = lines[0].split(' ').collect();
    let words1: Vec<&str> = lines[1].split(' ').collect();
    let query = format!(
        "{} {}",
        words0[words0.len() - 2..].join(" "),
        words1[..2].join(" ")
    );
    a.update(SearchForward);
    typed(&mut a, &query);
    a.update(PromptAccept);
    assert_eq!(a.search().as_ref().unwrap().matches.len(), 1, "{query}");
    let rows = rows_with_modifier(&a, Modifier::REVERSED);
    assert_eq!(rows.len(), 2, "{query}: {rows:?}\n{}", screen(&a));
    assert_eq!(rows[1], rows[0] + 1);
    // Another width: the same match, on one line or two, still highlighted.
    for (w, h) in [(60, 20), (120, 40), (80, 24)] {
        a.update(folio::app::Msg::Resize(w, h));
        assert_eq!(a.search().as_ref().unwrap().matches.len(), 1);
        assert!(
            !rows_with_modifier(&a, Modifier::REVERSED).is_empty(),
            "at {w}x{h}"
        );
    }
}

#[test]
fn markers_do_not_break_a_match() {
    let mut a = app(seed(), 80, 24);
    a.update(SearchForward);
    // In the text: "…missile systems[^1]. During…" reads "systems. During".
    typed(&mut a, "missile systems.");
    a.update(PromptAccept);
    assert_eq!(a.search_counter().as_deref(), Some("1/1"));
}

/// Issue 16, item 14: search matches canonically equivalent text (a
/// keyboard's precomposed `café` finds `cafe` + combining acute), and a query
/// without accents ignores them; the highlight covers the right characters.
#[test]
fn search_matches_canonically_equivalent_text_and_smart_accents() {
    use unicode_normalization::UnicodeNormalization;
    let mut a = app(showcase(), 80, 24);
    press(&mut a, &[SwitchPane, Follow]);
    let search = |a: &mut App, q: &str| {
        a.update(SearchForward);
        typed(a, q);
        a.update(PromptAccept);
        a.search().as_ref().map_or(0, |s| s.matches.len())
    };
    // Typed on a keyboard: precomposed; the text has cafe + U+0301.
    assert_eq!(search(&mut a, "café"), 1);
    // The highlighted (current) match shows as café.
    let buf = render(&a);
    let current: String = (0..buf.area.height - 1)
        .flat_map(|y| (0..buf.area.width).map(move |x| (x, y)))
        .filter(|&(x, y)| buf[(x, y)].modifier.contains(Modifier::REVERSED))
        .map(|(x, y)| buf[(x, y)].symbol().to_string())
        .collect();
    assert_eq!(current.nfc().collect::<String>(), "café", "{}", screen(&a));
    // Precomposed and combining naïve, both.
    assert_eq!(search(&mut a, "naïve"), 2);
    assert_eq!(search(&mut a, "nai\u{308}ve"), 2);
    // Without accents: accented text too (Zoë, Ångström).
    assert_eq!(search(&mut a, "zoe"), 1);
    assert_eq!(search(&mut a, "angstrom"), 1);
    // With accents: only those.
    assert_eq!(search(&mut a, "cafè"), 0);
}
