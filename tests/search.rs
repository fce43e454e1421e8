//! Search in the article: incremental, n/N, smart case, matches across line
//! breaks, highlighted without colour, kept across resizes.

use crate::common;

use common::*;
use folio::action::Action::*;
use folio::app::App;
use folio::search::Part;
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

/// Types `query` into the bundle search's prompt and presses Enter.
fn search_bundle(a: &mut App, query: &str) {
    a.update(SearchBundle);
    typed(a, query);
    a.update(PromptAccept);
}

fn results(a: &App) -> &folio::app::BundleResults {
    match a.overlay() {
        Some(folio::app::Overlay::Results(r)) => r,
        other => panic!("no results list: {other:?}"),
    }
}

/// Issue 16: a search of every article lists its matches (article,
/// paragraph, snippet); Enter opens the article at the match, highlighted,
/// with the article's search set to the query, so `n`/`N` go on there.
#[test]
fn the_bundle_search_lists_every_articles_matches_and_enter_goes_there() {
    let mut a = app(showcase(), 80, 24);
    search_bundle(&mut a, "sources");
    let r = results(&a);
    let places: Vec<(usize, Part)> = r.hits().iter().map(|h| (h.article, h.part)).collect();
    assert_eq!(places.first(), Some(&(0, Part::Paragraph(0))));
    assert!(places.iter().any(|p| p.0 == 2), "{places:?}");
    assert!(places.windows(2).all(|w| w[0] <= w[1]), "bundle order");
    let total = places.len();
    assert_eq!(
        r.counter(),
        format!(
            "{total} matches in {} articles",
            1 + places.windows(2).filter(|w| w[0].0 != w[1].0).count()
        )
    );
    // The last match is in the third article: End, Enter.
    a.update(Bottom);
    a.update(Follow);
    assert!(a.overlay().is_none());
    assert_eq!(a.article(), 2);
    let s = a.search().expect("the article's search is set");
    assert_eq!(s.query, "sources");
    let current = s.matches[s.current.expect("a current match")];
    assert_eq!(
        current.block,
        places[total - 1].1.block(a.layout().outline())
    );
    // On screen and reversed, as the article's search shows its current match.
    let buf = render(&a);
    let reversed: String = (0..buf.area.height - 1)
        .flat_map(|y| (0..buf.area.width).map(move |x| (x, y)))
        .filter(|&(x, y)| buf[(x, y)].modifier.contains(Modifier::REVERSED))
        .map(|(x, y)| buf[(x, y)].symbol().to_string())
        .collect();
    assert_eq!(reversed.to_lowercase(), "sources", "{}", screen(&a));
    // n and N walk this article's matches, the counter says which.
    let count = s.matches.len();
    a.update(SearchNext);
    assert_eq!(
        a.search_counter().as_deref(),
        Some(&*format!("1/{count}")),
        "round the end to the first"
    );
    // Ctrl-o goes back to the first article, where the search began.
    a.update(JumpBack);
    assert_eq!(a.article(), 0);
}

/// Review of issue 16: `S` listed 4 matches of "military" in an article
/// where `/` counts 5 (the title was not searched). Every article's matches
/// in the list are those its own search walks, titles, related links and
/// notes included.
#[test]
fn the_bundle_search_lists_what_the_articles_own_search_finds() {
    let cases = [
        (seed(), "military"),
        (seed(), "Azerbaijan"),
        (showcase(), "sources"),
        (showcase(), "the"),
        (showcase(), "byte"),
    ];
    for (bundle, query) in cases {
        let mut a = app(bundle, 80, 24);
        search_bundle(&mut a, query);
        let hits = results(&a).hits().to_vec();
        assert!(!hits.is_empty(), "{query}");
        let mut first = 0;
        while first < hits.len() {
            let article = hits[first].article;
            let listed = hits[first..]
                .iter()
                .take_while(|h| h.article == article)
                .count();
            // The prompt offers the last query again.
            a.update(SearchBundle);
            a.update(PromptAccept);
            for _ in 0..first {
                a.update(LineDown);
            }
            a.update(Follow);
            assert_eq!(a.article(), article);
            let own = a.search().expect("the article's search").matches.len();
            assert_eq!(listed, own, "{query:?} in article {article}");
            first += listed;
        }
    }
    // A title match is listed as one, under its article.
    let mut a = app(showcase(), 80, 24);
    let title = a.bundle().articles[1].title.clone();
    let word = title
        .split_whitespace()
        .max_by_key(|w| w.len())
        .unwrap()
        .to_string();
    search_bundle(&mut a, &word);
    assert!(
        results(&a)
            .hits()
            .iter()
            .any(|h| h.article == 1 && h.part == Part::Title),
        "{word:?}: {}",
        screen(&a)
    );
    assert!(screen(&a).contains(" title "), "{}", screen(&a));
}

#[test]
fn enter_on_a_match_in_the_open_article_puts_it_on_screen() {
    let mut a = app(showcase(), 80, 24);
    search_bundle(&mut a, "reader");
    // The tenth match: far down the first article.
    for _ in 0..9 {
        a.update(LineDown);
    }
    let hit = results(&a).hits()[9];
    assert_eq!(hit.article, 0);
    a.update(Follow);
    assert_eq!(a.article(), 0);
    let s = a.search().unwrap().clone();
    assert_eq!(
        s.current,
        s.matches
            .iter()
            .position(|m| m.start == hit.start && m.block == hit.part.block(a.layout().outline()))
    );
    let shown = screen(&a);
    assert!(
        shown.contains(&format!(
            "/reader: {}/{}",
            s.current.unwrap() + 1,
            s.matches.len()
        )),
        "{shown}"
    );
    a.update(SearchNext);
    assert_eq!(a.search().unwrap().current, Some(s.current.unwrap() + 1));
}

#[test]
fn the_bundle_search_prompt_edits_cancels_and_says_when_nothing_matches() {
    let mut a = app(showcase(), 80, 24);
    a.update(SearchBundle);
    assert!(a.prompt().is_some());
    typed(&mut a, "xyzzy");
    assert!(
        screen(&a)
            .lines()
            .last()
            .unwrap()
            .contains("Search all articles: xyzzy")
    );
    a.update(PromptAccept);
    assert!(a.overlay().is_none());
    assert_eq!(a.message(), Some("Pattern not found in any article: xyzzy"));
    // S offers the last query again, to edit: Ctrl-w, then a new word.
    a.update(SearchBundle);
    assert_eq!(a.prompt().unwrap().text, "xyzzy");
    a.update(PromptWordBack);
    typed(&mut a, "Sources");
    a.update(PromptAccept);
    // Smart case: only the capitalised one (of three).
    assert_eq!(results(&a).hits().len(), 1);
    // Esc closes the list; Esc in the prompt closes it, nothing searched.
    a.update(Close);
    assert!(a.overlay().is_none());
    a.update(SearchBundle);
    a.update(PromptCancel);
    assert!(a.overlay().is_none());
    assert!(a.search().is_none(), "the article's search is untouched");
}

/// A query found everywhere in a big bundle: the list stops at 1,000 and
/// says there are more.
#[test]
fn the_bundle_search_caps_its_list() {
    let mut b = seed();
    let first = b.articles[0].clone();
    b.articles = (0..300)
        .map(|i| {
            let mut a = first.clone();
            a.id = format!("a{i}");
            a.paragraphs = vec!["word word word; word".into(); 2];
            a
        })
        .collect();
    let mut a = app(b, 80, 24);
    search_bundle(&mut a, "word");
    let r = results(&a);
    assert_eq!(r.hits().len(), 1000);
    assert_eq!(r.counter(), "1,000+ matches in 125+ articles");
    a.update(Bottom);
    assert!(screen(&a).contains(" 1,000/1,000"), "{}", screen(&a));
}

/// The match in a snippet reads without colour: bold and underlined, in
/// the selected row (reversed) too.
#[test]
fn a_snippets_match_is_marked_without_colour() {
    let mut a = app(showcase(), 80, 24);
    search_bundle(&mut a, "sources");
    let buf = render(&a);
    let marked = |y: u16| -> String {
        (0..buf.area.width)
            .filter(|&x| {
                buf[(x, y)]
                    .modifier
                    .contains(Modifier::BOLD | Modifier::UNDERLINED)
            })
            .map(|x| buf[(x, y)].symbol().to_string())
            .collect()
    };
    let rows: Vec<u16> = (0..buf.area.height)
        .filter(|&y| !marked(y).is_empty())
        .collect();
    assert!(rows.len() >= 2, "{}", screen(&a));
    for y in &rows {
        assert_eq!(marked(*y).to_lowercase(), "sources");
    }
    // The first match's row is the selected one: reversed across the box.
    let y = rows[0];
    assert!(buf[(10, y)].modifier.contains(Modifier::REVERSED));
    assert!(!buf[(10, rows[1])].modifier.contains(Modifier::REVERSED));
}

/// Review of issue 16: at 30 columns the results box's titles were cut
/// with no sign; they end in an ellipsis.
#[test]
fn a_narrow_results_box_marks_its_cut_titles() {
    let mut a = app(seed(), 30, 8);
    search_bundle(&mut a, "military");
    let s = screen(&a);
    let rows: Vec<&str> = s.lines().collect();
    let top = rows
        .iter()
        .find(|l| l.contains("\"military\""))
        .expect("a title");
    assert!(top.contains("…┐"), "{s}");
    let bottom = rows.iter().find(|l| l.contains("1/5")).expect("a footer");
    assert!(bottom.contains("…┘"), "{s}");
}
