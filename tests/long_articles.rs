//! A long article is laid out a window at a time around the reader's place.
//! Whatever the window, the reader must see exactly what a layout of the whole
//! article shows: the same lines in the same order, every citation in turn,
//! notes and sources found wherever they are.

use crate::common;

use common::*;
use folio::action::Action::*;
use folio::app::App;
use folio::app::Msg::Resize;
use folio::bundle::Bundle;
use folio::footnotes::Notes;
use folio::glyphs::Glyphs;
use folio::layout::article::{
    ArticleLayout, DEFAULT_MEASURE, LayoutOptions, WHOLE_UP_TO, layout_article,
};
use folio::layout::runs_text;

/// The seed's article, its paragraphs repeated `copies` times, each copy
/// citing its own copies of the citations (`1-0`, `1-1`, …).
fn long_bundle(copies: usize) -> Bundle {
    let mut b = seed();
    let a = &mut b.articles[0];
    let paragraphs = std::mem::take(&mut a.paragraphs);
    let citations = std::mem::take(&mut a.citations);
    for k in 0..copies {
        for p in &paragraphs {
            let mut p = p.clone();
            for c in &citations {
                p = p.replace(&format!("[^{}]", c.id), &format!("[^{}-{k}]", c.id));
            }
            a.paragraphs.push(p);
        }
        for c in &citations {
            let mut c = c.clone();
            c.id = format!("{}-{k}", c.id);
            a.citations.push(c);
        }
    }
    b
}

fn long_app(w: u16, h: u16) -> (App, ArticleLayout) {
    let b = long_bundle(40);
    let a = &b.articles[0];
    let size: usize = a.paragraphs.iter().map(String::len).sum();
    assert!(size > WHOLE_UP_TO, "the article must be long: {size} bytes");
    let app = app(b, w, h);
    let whole = whole_layout(&app);
    (app, whole)
}

fn whole_layout(app: &App) -> ArticleLayout {
    let a = &app.bundle().articles[0];
    let opts = LayoutOptions::new(Glyphs::UNICODE, DEFAULT_MEASURE);
    layout_article(a, &Notes::number(a), app.layout().pane_width, opts)
}

fn text(layout: &ArticleLayout, line: usize) -> String {
    runs_text(&layout.lines[line].runs)
}

/// The lines on screen, checked against the whole layout; returns the
/// whole layout's index of the top line.
fn same_as_whole(app: &App, whole: &ArticleLayout) -> usize {
    let key = app.layout().key_of(app.top());
    let at = whole.line_for(key);
    assert_eq!(whole.key_of(at), key);
    for row in 0..app.article_view().body_rows {
        let Some(line) = app.layout().lines.get(app.top() + row) else {
            break;
        };
        assert_eq!(line.key, whole.lines[at + row].key);
        assert_eq!(text(app.layout(), app.top() + row), text(whole, at + row));
    }
    at
}

#[test]
fn paging_through_a_long_article_shows_every_line_of_the_whole_one() {
    let (mut a, whole) = long_app(80, 24);
    assert!(
        !a.layout().is_whole(),
        "a long article is laid out in parts"
    );
    assert!(a.layout().lines.len() < whole.lines.len() / 4);
    let mut seen = 0;
    loop {
        let at = same_as_whole(&a, &whole);
        assert!(at <= seen, "no line skipped: top {at}, seen up to {seen}");
        seen = at + a.article_view().body_rows;
        if a.update(PageDown) == NOTHING {
            break;
        }
    }
    assert!(seen >= whole.lines.len(), "paged to the end: {seen}");
    assert!(screen(&a).contains("(not cited in the text)") || screen(&a).contains("720."));
    // And back up a line at a time across a window's edge.
    for _ in 0..300 {
        a.update(LineUp);
    }
    same_as_whole(&a, &whole);
}

#[test]
fn top_and_bottom_reach_the_ends_and_the_status_says_where() {
    let (mut a, whole) = long_app(80, 24);
    let status = |a: &App| screen(a).lines().last().unwrap_or_default().to_string();
    assert!(status(&a).contains("0% of the text Top"), "{}", status(&a));
    assert!(!status(&a).contains("100%"));
    a.update(Bottom);
    let at = same_as_whole(&a, &whole);
    assert_eq!(at + a.article_view().body_rows, whole.lines.len());
    assert!(
        status(&a).contains("100% of the text End"),
        "{}",
        status(&a)
    );
    a.update(Top);
    assert_eq!(same_as_whole(&a, &whole), 0);
    for _ in 0..60 {
        a.update(PageDown);
    }
    let s = status(&a);
    let pct: u32 = s
        .split('%')
        .next()
        .and_then(|l| l.rsplit(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(999);
    let bottom = same_as_whole(&a, &whole) + a.article_view().body_rows;
    let at = bottom as f64 / whole.lines.len() as f64 * 100.0;
    assert!((f64::from(pct) - at).abs() < 5.0, "{s} at {at:.0}%");
}

#[test]
fn citations_are_stepped_in_order_across_windows() {
    let (mut a, whole) = long_app(80, 24);
    let notes: Vec<usize> = whole.markers.iter().map(|m| m.note).collect();
    for expected in notes.iter().take(200) {
        a.update(NextCitation);
        let current = a.current().and_then(|i| a.layout().markers.get(i)).unwrap();
        assert_eq!(current.note, *expected);
        assert!(a.layout().lines[current.line].notes.contains(expected));
        same_as_whole(&a, &whole);
    }
    let at = a
        .current()
        .and_then(|i| a.layout().markers.get(i))
        .unwrap()
        .note;
    for expected in notes.iter().take(199).rev().take(30) {
        a.update(PreviousCitation);
        let current = a.current().and_then(|i| a.layout().markers.get(i)).unwrap();
        assert_eq!(current.note, *expected, "back from note {at}");
    }
}

#[test]
fn far_notes_and_their_sources_are_found_and_jumps_come_back() {
    let (mut a, whole) = long_app(80, 24);
    let last = a.notes().len();
    assert_eq!(last, 720);
    // Note 700: its first marker, far down the text.
    press(&mut a, &[Digit(7), Digit(0), Digit(0), Follow]);
    let current = a.current().and_then(|i| a.layout().markers.get(i)).unwrap();
    assert_eq!(current.note, 700);
    same_as_whole(&a, &whole);
    // Its source, further down still.
    a.update(Follow);
    assert_eq!(a.target_note(), Some(700));
    assert!(screen(&a).contains("700. "), "{}", screen(&a));
    same_as_whole(&a, &whole);
    // Back to the marker, then back to the start.
    press(&mut a, &[JumpBack]);
    let current = a.current().and_then(|i| a.layout().markers.get(i)).unwrap();
    assert_eq!(current.note, 700);
    press(&mut a, &[JumpBack]);
    assert_eq!(same_as_whole(&a, &whole), 0);
}

#[test]
fn resizing_a_long_article_keeps_the_place() {
    let (mut a, _) = long_app(80, 24);
    for _ in 0..150 {
        a.update(PageDown);
    }
    let key = a.layout().key_of(a.top());
    for (w, h) in [(160, 48), (45, 12), (200, 60), (80, 24)] {
        a.update(Resize(w, h));
        let whole = whole_layout(&a);
        same_as_whole(&a, &whole);
        assert_eq!(a.layout().key_of(a.top()).block, key.block, "at {w}x{h}");
    }
    assert_eq!(a.layout().key_of(a.top()), key);
}
