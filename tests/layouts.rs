//! The layouts (issue 18): each one's screen at 80x24 and 100x30, cycling
//! them live without losing the reader's place or the news-line selection,
//! the status bar's one notice when a size cannot show both panes, and the
//! mouse finding the pane under the pointer in each.

use crate::common;

use common::*;
use folio::action::Action::{self, *};
use folio::app::{App, Msg};
use folio::layout::screen::Layout;

fn laid_out(layout: Layout, w: u16, h: u16) -> App {
    app_with(seed(), w, h, |s| s.layout = layout)
}

fn snap(name: &str, app: &App) {
    insta::assert_snapshot!(name, screen(app));
}

#[test]
fn each_layout_at_80x24_and_100x30() {
    for layout in Layout::ALL {
        for (w, h) in [(80, 24), (100, 30)] {
            let mut a = laid_out(layout, w, h);
            // Into the article, past its header, with a citation highlighted.
            press(&mut a, &[PageDown, NextCitation]);
            snap(&format!("{}_{w}x{h}", layout.name()), &a);
        }
    }
}

#[test]
fn the_narrow_news_line_shows_the_selected_headline_whole() {
    for layout in [Layout::Beside, Layout::Below] {
        let mut a = laid_out(layout, 80, 24);
        press(&mut a, &[SwitchPane, LineDown, LineDown]);
        snap(&format!("{}_80x24_news_selection", layout.name()), &a);
        // The selected headline is all there, the others one line each,
        // cut at a word.
        let news = a.news();
        let lines_of = |entry: usize| -> Vec<String> {
            (news.lines.iter())
                .filter(|l| l.entry == Some(entry))
                .map(|l| folio::layout::runs_text(&l.runs).trim().to_string())
                .collect()
        };
        let whole = lines_of(2).join(" ");
        assert!(whole.contains(&a.bundle().news_line[2].headline), "{whole}");
        for entry in [0, 1, 3] {
            let lines = lines_of(entry);
            assert_eq!(lines.len(), 1, "{lines:?}");
            let headline = &a.bundle().news_line[entry].headline;
            if !lines[0].contains(headline.as_str()) {
                let kept = lines[0][6..].trim_end_matches(" →").trim_end_matches('…');
                assert!(headline.starts_with(kept), "{kept:?}");
                let next = headline[kept.len()..].chars().next();
                assert_eq!(next, Some(' '), "cut at a word: {kept:?}");
            }
        }
    }
}

/// The article's first line on screen, as text.
fn top_line(a: &App) -> String {
    folio::layout::runs_text(&a.layout().lines[a.top()].runs)
}

#[test]
fn cycling_layouts_keeps_the_place_and_the_selection() {
    let mut a = laid_out(Layout::Auto, 80, 24);
    press(
        &mut a,
        &[SwitchPane, LineDown, LineDown, LineDown, SwitchPane],
    );
    press(&mut a, &[PageDown, PageDown, LineDown, LineDown]);
    let key = a.layout().key_of(a.top());
    let (top, line) = (a.top(), top_line(&a));
    for round in 0..3 {
        for layout in [Layout::Beside, Layout::Single, Layout::Below, Layout::Auto] {
            assert_eq!(press(&mut a, &[CycleLayout]), REDRAW);
            assert_eq!(a.settings().layout, layout);
            // Visiting the news line in between moves nothing.
            press(&mut a, &[SwitchPane, LineDown, LineUp, SwitchPane]);
            // The word the reader was at is on the top line, whatever the width.
            let shown = a.layout().key_of(a.top());
            let next = a.layout().key_of(a.top() + 1);
            assert_eq!(shown.block, key.block, "{layout:?}, round {round}");
            assert!(
                shown.offset <= key.offset && (next.block > key.block || key.offset < next.offset),
                "{layout:?}: the top line {:?} does not hold the place {key:?}",
                top_line(&a)
            );
            assert_eq!(a.news_selected(), 3, "the news line keeps its selection");
        }
        // Round the cycle: the same line at the top, not a drifted one.
        assert_eq!((a.top(), top_line(&a)), (top, line.clone()));
    }
    // Beside, the narrow news line shows the selection.
    press(&mut a, &[CycleLayout]);
    let selected = &a.bundle().news_line[3].headline;
    let last = selected.rsplit(' ').next().unwrap();
    assert!(screen(&a).contains(last), "{}", screen(&a));
    assert!(a.message().is_some_and(|m| m.contains("beside")));
}

#[test]
fn too_small_for_both_panes_is_said_once() {
    let mut a = laid_out(Layout::Beside, 50, 24);
    let said = a.message().expect("said at start").to_string();
    assert!(
        said.contains("50 columns are too few") && said.contains("Tab swaps"),
        "{said}"
    );
    assert!(!screen(&a).contains('│'), "one pane at a time");
    press(&mut a, &[LineDown]);
    assert_eq!(a.message(), None);
    press(&mut a, &[LineDown]);
    a.update(Msg::Resize(52, 24));
    assert_eq!(a.message(), None, "once, not at every resize");
    // Wide enough: both panes; narrow again: said again.
    a.update(Msg::Resize(90, 24));
    assert!(screen(&a).contains('│'));
    assert_eq!(a.message(), None);
    a.update(Msg::Resize(60, 24));
    assert!(a.message().is_some_and(|m| m.contains("60 columns")));
    // Below, a terminal too short says so in rows.
    let mut b = laid_out(Layout::Below, 80, 12);
    assert!(
        b.message().is_some_and(|m| m.contains("12 rows")),
        "{:?}",
        b.message()
    );
    press(&mut b, &[SwitchPane]);
    assert!(screen(&b).contains("headline 1/"));
}

#[test]
fn the_mouse_finds_the_pane_under_the_pointer_in_every_layout() {
    for layout in Layout::ALL {
        for (w, h) in [(80u16, 24u16), (100, 30), (160, 45)] {
            let mut a = laid_out(layout, w, h);
            let r = a.regions().unwrap();
            let article = r.article.unwrap();
            // The wheel over the article scrolls it.
            a.update(Msg::Wheel {
                column: article.x + 2,
                row: article.y + 2,
                down: true,
            });
            assert_eq!(a.top(), 3, "{layout:?} {w}x{h}");
            let Some(news) = r.news else { continue };
            // The wheel over the news line scrolls it, not the article.
            a.update(Msg::Wheel {
                column: news.x + 2,
                row: news.y + 1,
                down: true,
            });
            assert_eq!(a.top(), 3);
            assert_eq!(a.news_top(), 3, "{layout:?} {w}x{h}");
            // A click on a headline selects it.
            let row = news.y + 1;
            let line = &a.news().lines[a.news_top() + 1];
            let entry = line
                .entry
                .unwrap_or(a.news().lines[a.news_top() + 2].entry.unwrap());
            let row = if line.entry.is_some() { row } else { row + 1 };
            a.update(Msg::Click {
                column: news.x + 3,
                row,
            });
            assert_eq!(a.news_selected(), entry, "{layout:?} {w}x{h}");
            assert_eq!(a.focus(), folio::layout::screen::Focus::News);
        }
    }
}

#[test]
fn the_layout_key_is_v_and_the_help_says_so() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let map = folio::keymap::Keymap::default();
    let v = KeyEvent::new(KeyCode::Char('v'), KeyModifiers::NONE);
    for ctx in [folio::keymap::ARTICLE_KEYS, folio::keymap::NEWS_KEYS] {
        assert_eq!(map.action_for(ctx, &v), Some(CycleLayout));
    }
    let mut a = laid_out(Layout::Auto, 100, 30);
    press(&mut a, &[Help]);
    assert!(screen(&a).contains("Next layout"), "{}", screen(&a));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
    /// Any size, any layout, cycling and resizing across the thresholds
    /// among other keys: no panic, and the screen's regions never overlap.
    #[test]
    fn any_size_any_layout(
        sizes in proptest::collection::vec((1u16..=200, 1u16..=60), 1..4),
        keys in proptest::collection::vec(0usize..10, 0..12),
    ) {
        let all: [Action; 10] = [CycleLayout, LineDown, PageDown, SwitchPane, NextCitation, Follow, Help, Close, Bottom, FilterNews];
        let (w, h) = sizes[0];
        let mut a = laid_out(Layout::Beside, w, h);
        for (i, k) in keys.iter().enumerate() {
            a.update(all[*k]);
            if let Some(&(w, h)) = sizes.get(i % sizes.len()) {
                a.update(Msg::Resize(w, h));
            }
            let buf = render(&a);
            proptest::prop_assert_eq!(buf.area, a.area());
            if let Some(r) = a.regions() {
                let rects: Vec<_> = [r.article, r.news, r.separator, Some(r.status)]
                    .into_iter()
                    .flatten()
                    .collect();
                for (i, x) in rects.iter().enumerate() {
                    proptest::prop_assert!(a.area().contains(x.as_position()) && x.right() <= a.area().right() && x.bottom() <= a.area().bottom());
                    for y in &rects[i + 1..] {
                        proptest::prop_assert!(!x.intersects(*y), "{:?} overlaps {:?}", x, y);
                    }
                }
            }
        }
    }
}

#[test]
fn the_layout_flag_wins_over_config_toml_and_v_cycles_it() {
    use crate::common::pty::Session;
    let config = tempfile::tempdir().unwrap();
    std::fs::write(
        config.path().join("config.toml"),
        "[display]\nlayout = \"single\"\n",
    )
    .unwrap();
    let mut f = Session::start_with_config(&["--layout", "below"], 80, 24, config.path());
    // The strip of headlines under the article, full width.
    f.wait_for(&[
        "Military Rhetoric",
        "─ 5 Jul 2025",
        "22:00 Türkiye supports firefighting",
    ]);
    f.send("v");
    f.wait_for(&["Layout: auto (v: next)"]);
    assert!(!f.screen().contains("22:00 Türkiye"), "{}", f.screen());
    f.send("v");
    f.wait_for(&["Layout: beside", "│ 22:00 Türkiye supports…"]);
    f.send("q");
    assert_eq!(f.wait_exit(), 0);
}
