//! What the reader does in response to actions, checked on the state and on
//! the rendered screen (no terminal needed).

use crate::common;

use common::*;
use folio::action::Action::{self, *};
use folio::app::Command;
use folio::app::Msg::{Click, Pressed, Resize, Wheel};
use folio::layout::screen::Focus;

fn top_paragraph(a: &folio::app::App) -> (usize, usize) {
    let key = a.layout().key_of(a.top());
    (key.block, key.offset)
}

#[test]
fn resizing_keeps_the_reader_on_the_same_paragraph_and_word() {
    let mut a = app(seed(), 80, 24);
    press(&mut a, &[PageDown, PageDown, LineDown, LineDown, LineDown]);
    let (block, offset) = top_paragraph(&a);
    assert!(a.top() > 20);
    let first_words = screen(&a).lines().next().unwrap().trim().to_string();
    for (w, h) in [(160, 48), (100, 30), (45, 12), (80, 24)] {
        a.update(Resize(w, h));
        let (b, o) = top_paragraph(&a);
        assert_eq!(b, block, "at {w}x{h}");
        assert!(o <= offset, "at {w}x{h}: {o} > {offset}");
    }
    // Back at the original size, the very same line is on top.
    assert_eq!(screen(&a).lines().next().unwrap().trim(), first_words);
}

#[test]
fn citations_can_be_stepped_followed_and_jumped_back() {
    let mut a = app(seed(), 80, 24);
    press(&mut a, &[NextCitation]);
    assert_eq!(a.current(), Some(0));
    assert!(screen(&a).contains("Mod.gov.az, 23 May 2020"));
    let before = a.top();

    a.update(Follow);
    assert_eq!(a.target_note(), Some(1));
    let s = screen(&a);
    assert!(
        s.contains("Sources") && s.contains(" 1. Mod.gov.az, 23 May 2020"),
        "{s}"
    );

    // Enter on the source goes back to the citation…
    a.update(Follow);
    assert_eq!(a.current(), Some(0));
    assert!(a.layout().markers[0].line >= a.top());
    // …and Ctrl-o retraces the jumps.
    press(&mut a, &[JumpBack, JumpBack]);
    assert_eq!(a.top(), before);
    assert_eq!(a.update(JumpBack), REDRAW);
    assert_eq!(a.message(), Some("Nothing to jump back to"));

    press(&mut a, &[PreviousCitation]);
    assert_eq!(a.message(), Some("No more citations above"));
}

#[test]
fn typing_a_number_goes_to_that_note() {
    let mut a = app(seed(), 80, 24);
    press(&mut a, &[Digit(1), Digit(4)]);
    assert_eq!(a.number(), Some(14));
    assert!(screen(&a).contains("note 14_"));
    a.update(Follow);
    let m = a.layout().markers[a.current().unwrap()];
    assert_eq!(m.note, 14);
    assert!(screen(&a).contains("¹⁴ Turan.az, 21 April 2020"));

    press(&mut a, &[Digit(9), Digit(9), Follow]);
    assert_eq!(a.message(), Some("No note 99: this article has notes 1-18"));
    press(&mut a, &[Digit(3), Close]);
    assert_eq!(a.number(), None);
}

#[test]
fn end_shows_sources_and_nothing_changes_without_a_change() {
    let mut a = app(seed(), 80, 24);
    assert_eq!(a.update(LineUp), NOTHING, "already at the top");
    assert_eq!(a.update(Top), NOTHING);
    assert_eq!(a.update(Bottom), REDRAW);
    let s = screen(&a);
    assert!(s.contains("Sources") && s.contains("18. Trend.az, 24 February 2020"));
    assert!(s.contains(" End "));
    assert_eq!(a.update(PageDown), NOTHING, "already at the end");
    // A highlighted citation far off screen is not offered in the status bar.
    press(&mut a, &[Top, NextCitation]);
    assert!(screen(&a).contains("note 1/18 (Enter: source)"));
    press(&mut a, &[Bottom]);
    assert!(!screen(&a).contains("(Enter: source)"));
    assert_eq!(a.update(Action::Quit).last(), Some(&Command::Quit));
}

#[test]
fn news_entries_open_their_articles() {
    let mut a = app(showcase(), 80, 24);
    a.update(SwitchPane);
    assert_eq!(a.focus(), Focus::News);
    a.update(Follow);
    assert_eq!(a.focus(), Focus::Article);
    assert_eq!(a.bundle().articles[a.article()].id, "scripts-and-symbols");
    assert!(screen(&a).contains("Scripts and Symbols"));
    a.update(JumpBack);
    assert_eq!(a.article(), 0);

    press(&mut a, &[SwitchPane, LineDown, Follow]);
    assert_eq!(
        a.message(),
        Some("This headline has no article in this bundle")
    );
    assert_eq!(a.focus(), Focus::News);
    // A headline from a feed says where it can be read.
    let mut b = showcase();
    b.news_line[1].url = Some("https://example.org/story".into());
    let mut a = app(b, 80, 24);
    press(&mut a, &[SwitchPane, LineDown, Follow]);
    assert_eq!(
        a.message(),
        Some("This headline has no article in this bundle; it links to https://example.org/story")
    );
}

#[test]
fn news_selection_stays_on_screen() {
    let mut a = app(seed(), 80, 24);
    a.update(SwitchPane);
    for _ in 0..39 {
        a.update(LineDown);
        let s = screen(&a);
        let headline = &a.bundle().news_line[a.news_selected()].headline;
        let words: String = headline.split(' ').take(3).collect::<Vec<_>>().join(" ");
        assert!(s.contains(&words), "{words} not on screen:\n{s}");
    }
    assert_eq!(a.update(LineDown), NOTHING);
    assert!(screen(&a).contains("Hezbollah") || screen(&a).contains("Trump says Gaza"));
    press(&mut a, &[Top]);
    assert!(screen(&a).starts_with("─ 5 July 2025"));
}

#[test]
fn help_lists_the_live_bindings_and_closes() {
    let mut a = app(seed(), 120, 130);
    a.update(Help);
    let s = screen(&a);
    for k in folio::keymap::Keymap::default().bindings() {
        assert!(s.contains(k.help), "{} missing", k.help);
    }
    assert_eq!(a.update(LineDown), NOTHING, "all of it fits at 120x130");
    a.update(Close);
    assert!(a.overlay().is_none());

    // At 80x24 it scrolls, to its last line.
    let mut small = app(seed(), 80, 24);
    small.update(Help);
    assert_eq!(small.update(LineDown), REDRAW);
    small.update(Bottom);
    assert!(screen(&small).contains("Close this help"));
}

#[test]
fn the_readme_key_table_lists_every_key() {
    let readme = include_str!("../README.md");
    for b in folio::keymap::Keymap::default().bindings() {
        for k in &b.keys {
            let label = folio::keymap::key_label(k);
            let label = if label == "0-9" {
                "0`-`9".to_string()
            } else {
                label
            };
            assert!(
                readme.contains(&format!("`{label}`")),
                "README lacks `{label}` ({})",
                b.help
            );
        }
    }
}

#[test]
fn a_huge_news_line_is_laid_out_around_the_selection() {
    let mut b = seed();
    let first = b.news_line[0].clone();
    b.news_line = (0..5000)
        .map(|i| folio::bundle::NewsEntry {
            headline: format!("Headline number {i} with a few words to wrap"),
            time: first.time - chrono::Duration::minutes(i),
            article: None,
            zone: None,
            url: None,
        })
        .collect();
    let mut a = app(b, 80, 24);
    assert!(
        a.news().entry_lines.len() < 5000,
        "not all 5000 entries laid out"
    );
    a.update(SwitchPane);
    for i in 1..=1300 {
        a.update(LineDown);
        assert_eq!(a.news_selected(), i);
        let s = screen(&a);
        assert!(
            s.contains(&format!("Headline number {i} ")),
            "entry {i} not on screen:\n{s}"
        );
    }
    a.update(Bottom);
    assert!(screen(&a).contains("Headline number 4999 "));
    assert!(screen(&a).contains("headline 5000/5000"));
    press(&mut a, &[PageUp, PageUp]);
    assert!(a.news_selected() < 4999 && a.news_selected() > 4900);
    a.update(Top);
    assert!(screen(&a).contains("Headline number 0 "));
    assert!(screen(&a).starts_with("─ "), "the day heading is on top");
}

/// Keys as the terminal sends them, through the same table the reader uses.
fn key(app: &mut folio::app::App, code: crossterm::event::KeyCode) {
    let event = crossterm::event::KeyEvent::new(code, crossterm::event::KeyModifiers::NONE);
    if let Some(action) = app.keymap().action_for(app.contexts(), &event) {
        app.update(action);
    }
}

#[test]
fn the_help_scrolls_with_the_moving_keys_and_closes_with_q() {
    use crossterm::event::KeyCode::Char;
    let mut a = app(seed(), 80, 24);
    key(&mut a, Char('h'));
    assert_eq!(a.overlay(), Some(&folio::app::Overlay::Help { scroll: 0 }));
    key(&mut a, Char('j'));
    assert_eq!(a.overlay(), Some(&folio::app::Overlay::Help { scroll: 1 }));
    key(&mut a, Char('G'));
    assert!(screen(&a).contains("Close this help"));
    key(&mut a, Char('g'));
    assert_eq!(a.overlay(), Some(&folio::app::Overlay::Help { scroll: 0 }));
    key(&mut a, Char('m'));
    assert!(a.prompt().is_none(), "m does nothing under the help");
    key(&mut a, Char('q'));
    assert!(a.overlay().is_none(), "q closes the help, it does not quit");
}

#[test]
fn low_bandwidth_line_keys_move_a_page_and_ctrl_e_a_line() {
    let mut a = app_with(seed(), 80, 24, |s| s.page_wise = true);
    let mut paged = app(seed(), 80, 24);
    a.update(LineDown);
    paged.update(PageDown);
    assert!(a.top() > 10);
    assert_eq!(a.top(), paged.top());
    let top = a.top();
    a.update(OneLineDown);
    assert_eq!(a.top(), top + 1);
    a.update(OneLineUp);
    a.update(LineUp);
    assert!(a.top() + 10 < top, "a page up: {} from {top}", a.top());
    // The news line still moves a headline at a time.
    a.update(SwitchPane);
    a.update(LineDown);
    assert_eq!(a.news_selected(), 1);
    a.update(OneLineDown);
    assert_eq!(a.news_selected(), 2);
    // The help says so.
    a.update(Help);
    assert!(screen(&a).contains("j, k and the arrows move the article a page at a time"));
    let mut usual = app(seed(), 80, 24);
    usual.update(Help);
    assert!(!screen(&usual).contains("Low-bandwidth mode"));
}

#[test]
fn the_article_list_filters_opens_and_ctrl_o_comes_back() {
    let mut a = app(showcase(), 100, 30);
    press(&mut a, &[PageDown]);
    let place = a.top();
    a.update(ArticleList);
    let s = screen(&a);
    assert!(s.contains("Articles: 3 of 3"), "{s}");
    assert!(
        s.contains("> The Cost of a Byte"),
        "the open one is marked:\n{s}"
    );
    for c in "partly".chars() {
        a.update(PromptChar(c));
    }
    let s = screen(&a);
    assert!(
        s.contains("Articles: 1 of 3") && s.contains("Partly Known Dates"),
        "{s}"
    );
    a.update(Follow);
    assert!(a.overlay().is_none());
    assert_eq!(a.article(), 2);
    assert!(screen(&a).contains("A Short Note With Partly Known Dates"));
    // Ctrl-o: back to the first article, at the same place.
    a.update(JumpBack);
    assert_eq!((a.article(), a.top()), (0, place));
    // Esc clears the filter first, then closes.
    press(
        &mut a,
        &[ArticleList, PromptChar('x'), PromptChar('y'), Close],
    );
    assert!(screen(&a).contains("Articles: 3 of 3"));
    a.update(Close);
    assert!(a.overlay().is_none());
}

#[test]
fn brackets_step_through_the_articles() {
    let mut a = app(showcase(), 100, 30);
    a.update(PreviousArticle);
    assert_eq!(a.message(), Some("This is the first article"));
    press(&mut a, &[NextArticle, NextArticle]);
    assert_eq!(a.article(), 2);
    assert_eq!(a.message(), Some("Article 3/3"));
    a.update(NextArticle);
    assert_eq!(a.message(), Some("This is the last article"));
    press(&mut a, &[JumpBack, JumpBack]);
    assert_eq!(a.article(), 0);
}

#[test]
fn the_news_line_filters_as_you_type_and_esc_clears() {
    let mut a = app(seed(), 120, 40);
    a.update(SwitchPane);
    a.update(FilterNews);
    for c in "azer".chars() {
        a.update(PromptChar(c));
    }
    let f = a.news_filter().expect("filtering");
    let hits = f.hits.len();
    assert!(hits > 3 && hits < 40, "{hits}");
    for &i in &f.hits {
        let h = a.bundle().news_line[i].headline.to_lowercase();
        assert!(h.contains('a') && h.contains('z'), "{h}");
    }
    assert!(screen(&a).contains("Filter headlines: azer"));
    // Enter keeps the filter to move in; Esc clears it at that entry.
    a.update(PromptAccept);
    let s = screen(&a);
    assert!(s.contains(&format!("match 1/{hits} for \"azer\"")), "{s}");
    a.update(LineDown);
    let chosen = a.news_filter().as_ref().unwrap().hits[1];
    a.update(Close);
    assert!(a.news_filter().is_none());
    assert_eq!(a.news_selected(), chosen);
    assert!(screen(&a).contains(&format!("headline {}/40", chosen + 1)));
    // Nothing matches: said so, and Esc still clears.
    a.update(FilterNews);
    for c in "qqqqzz".chars() {
        a.update(PromptChar(c));
    }
    assert!(screen(&a).contains("No headline matches the filter"));
    press(&mut a, &[PromptCancel]);
    assert!(a.news_filter().is_none());
}

#[test]
fn demo_mode_echoes_keys_and_edits_nothing() {
    let mut a = app_from(seed(), 80, 24, |init| {
        init.settings.demo = true;
        init.source = Some("b.json".into());
    });
    for k in ["j", "j", "Space", "/", "a", "b", "c", "d", "e"] {
        a.update(Pressed(k.into()));
    }
    assert_eq!(a.echo().len(), 8, "the last eight keys");
    assert!(screen(&a).contains("j  Space  /  a  b  c  d  e"));
    assert_eq!(a.update(Edit), REDRAW);
    assert!(screen(&a).contains("Demo mode: folio edits nothing"));
    // Outside demo mode nothing is echoed.
    let mut usual = app(seed(), 80, 24);
    assert_eq!(usual.update(Pressed("j".into())), NOTHING);
    assert!(usual.echo().is_empty());
}

#[test]
fn start_at_puts_the_paragraph_on_top() {
    for (article, paragraph) in [(0, 10), (1, 2)] {
        let a = app_from(showcase(), 100, 30, |init| {
            init.start = Some((article, paragraph));
        });
        assert_eq!(a.article(), article);
        let key = a.layout().key_of(a.top());
        assert_eq!(key.block, a.layout().paragraph_block(paragraph));
    }
}

#[test]
fn the_wheel_scrolls_the_pane_under_the_pointer_and_clicks_select() {
    let mut a = app(seed(), 120, 40);
    // Over the article (left), then over the news line (right).
    a.update(Wheel {
        column: 10,
        row: 10,
        down: true,
    });
    assert_eq!(a.top(), 3);
    let selected = a.news_selected();
    a.update(Wheel {
        column: 100,
        row: 10,
        down: true,
    });
    assert_eq!(a.news_top(), 3);
    assert_eq!(
        a.news_selected(),
        selected,
        "the wheel scrolls, the selection stays"
    );
    // A click on a headline selects it.
    let (first, _) = a.news().span(5).unwrap();
    let row = u16::try_from(first - a.news_top()).unwrap();
    a.update(Click { column: 100, row });
    assert_eq!(a.news_selected(), 5);
    assert_eq!(a.focus(), Focus::News);
    // A click on a footnote marker follows it to its source.
    a.update(Top);
    let m = a.layout().markers[0];
    let line = &a.layout().lines[m.line];
    let mut x = a.layout().left;
    for r in &line.runs {
        if matches!(r.kind, folio::layout::TextKind::Marker { .. }) {
            break;
        }
        x += unicode_width::UnicodeWidthStr::width(r.text.as_str());
    }
    let on_marker = Click {
        column: u16::try_from(x).unwrap(),
        row: u16::try_from(m.line - a.top()).unwrap(),
    };
    // Under a list or the help, the panes do not hear the mouse.
    for list in [Help, ArticleList, Bookmarks] {
        a.update(list);
        let before = screen(&a);
        a.update(on_marker.clone());
        a.update(Wheel {
            column: 10,
            row: 10,
            down: true,
        });
        assert_eq!(a.target_note(), None, "{list:?}");
        assert_eq!(screen(&a), before, "{list:?}");
        a.update(Close);
    }
    a.update(on_marker);
    assert_eq!(a.target_note(), Some(m.note));
    assert!(screen(&a).contains(" 1. Mod.gov.az, 23 May 2020"));
}

#[test]
fn ctrl_i_goes_forward_again_after_ctrl_o() {
    let mut a = app(showcase(), 100, 30);
    press(&mut a, &[NextArticle, NextArticle]);
    assert_eq!(a.article(), 2);
    press(&mut a, &[JumpBack, JumpBack]);
    assert_eq!(a.article(), 0);
    a.update(JumpForward);
    assert_eq!(a.article(), 1);
    a.update(JumpForward);
    assert_eq!(a.article(), 2);
    a.update(JumpForward);
    assert_eq!(a.message(), Some("Nothing to jump forward to"));
    // A new jump forgets the way forward.
    press(&mut a, &[JumpBack, PreviousArticle, JumpForward]);
    assert_eq!(a.message(), Some("Nothing to jump forward to"));
}

#[test]
fn hyphenation_and_justification_toggle_and_say_so() {
    let mut a = app(seed(), 80, 24);
    a.update(Hyphenation);
    assert!(a.settings().hyphenate);
    assert_eq!(a.message(), Some("Hyphenation on"));
    a.update(Justify);
    a.update(Justify);
    assert!(!a.settings().justify && a.settings().hyphenate);
    assert_eq!(a.message(), Some("Ragged right"));
}

#[test]
fn the_article_list_shows_article_ids() {
    let mut a = app(showcase(), 100, 30);
    a.update(ArticleList);
    let s = screen(&a);
    // Every row carries its id (when the row fits), the selected one's is
    // in the frame whole.
    assert!(
        s.contains("Essay · 4 July 2025 · id cost-of-a-byte "),
        "{s}"
    );
    assert!(s.contains("· id cost-of-a-byte · type"), "{s}");
    let ids: Vec<String> = a.bundle().articles.iter().map(|x| x.id.clone()).collect();
    for id in &ids[1..] {
        a.update(LineDown);
        let s = screen(&a);
        assert!(
            s.contains(&format!("· id {id} · type")),
            "{id} not shown:\n{s}"
        );
    }
}

#[test]
fn the_article_list_has_home_end_and_a_position() {
    use crossterm::event::KeyCode::{End, Home};
    let mut a = app(showcase(), 100, 30);
    a.update(ArticleList);
    assert!(screen(&a).contains(" 1/3 "), "{}", screen(&a));
    key(&mut a, End);
    let s = screen(&a);
    assert!(s.contains(" 3/3 "), "{s}");
    key(&mut a, Home);
    assert!(screen(&a).contains(" 1/3 "));
    // Filtered: the counter counts the rows shown.
    a.update(PromptChar('p'));
    a.update(PromptChar('a'));
    a.update(PromptChar('r'));
    assert!(screen(&a).contains(" 1/1 "), "{}", screen(&a));
}

#[test]
fn zz_quits_as_in_less_and_vim() {
    use crossterm::event::KeyCode::Char;
    let mut a = app(seed(), 80, 24);
    let ev = |c| crossterm::event::KeyEvent::new(Char(c), crossterm::event::KeyModifiers::SHIFT);
    let z = a
        .keymap()
        .action_for(a.contexts(), &ev('Z'))
        .expect("Z is bound");
    assert!(!a.update(z).contains(&Command::Quit), "one Z does not quit");
    assert!(a.update(z).contains(&Command::Quit), "ZZ quits");
    // Z, another key, Z: no quit.
    let mut b = app(seed(), 80, 24);
    b.update(z);
    b.update(LineDown);
    assert!(!b.update(z).contains(&Command::Quit));
}

/// A key with modifiers, through the reader's own table.
fn key_with(
    app: &mut folio::app::App,
    code: crossterm::event::KeyCode,
    mods: crossterm::event::KeyModifiers,
) {
    let event = crossterm::event::KeyEvent::new(code, mods);
    if let Some(action) = app.keymap().action_for(app.contexts(), &event) {
        app.update(action);
    }
}

#[test]
fn prompts_edit_the_line_as_readline_does() {
    use crossterm::event::KeyCode::{Char, Delete, End, Home, Left, Right};
    use crossterm::event::KeyModifiers as M;
    let mut a = app(seed(), 80, 24);
    let text = |a: &folio::app::App| a.prompt().map(|p| p.text.clone()).unwrap_or_default();
    let typed = |a: &mut folio::app::App, s: &str| {
        for c in s.chars() {
            key(a, Char(c));
        }
    };
    key(&mut a, Char('m'));
    typed(&mut a, "army talks");
    key(&mut a, Left);
    key(&mut a, Left);
    key(&mut a, Left);
    key(&mut a, Left);
    key(&mut a, Left);
    typed(&mut a, "peace ");
    assert_eq!(text(&a), "army peace talks");
    // The cursor shows where typing goes.
    assert!(screen(&a).contains("army peace ▏talks"), "{}", screen(&a));
    key_with(&mut a, Char('a'), M::CONTROL);
    key(&mut a, Delete);
    assert_eq!(text(&a), "rmy peace talks");
    key(&mut a, End);
    key_with(&mut a, Char('w'), M::CONTROL);
    assert_eq!(text(&a), "rmy peace ");
    key_with(&mut a, Char('w'), M::CONTROL);
    assert_eq!(text(&a), "rmy ");
    key(&mut a, Home);
    key(&mut a, Right);
    typed(&mut a, "A");
    assert_eq!(text(&a), "rAmy ");
    key_with(&mut a, Char('e'), M::CONTROL);
    key(&mut a, Left);
    key_with(&mut a, Char('u'), M::CONTROL);
    assert_eq!(text(&a), " ");
    assert!(screen(&a).contains("cancels: ▏"), "{}", screen(&a));

    // In a search, an edit searches again.
    let mut s = app(seed(), 80, 24);
    key(&mut s, Char('/'));
    typed(&mut s, "xqzArmenia");
    key(&mut s, Home);
    key(&mut s, Delete);
    key(&mut s, Delete);
    key(&mut s, Delete);
    assert_eq!(text(&s), "Armenia");
    assert!(
        s.search_counter().is_some_and(|c| c != "no match"),
        "{:?}",
        s.search_counter()
    );
}

#[test]
fn a_news_filter_without_hits_says_no_match() {
    let mut a = app(seed(), 80, 24);
    press(&mut a, &[SwitchPane, FilterNews]);
    for c in "xyzq".chars() {
        a.update(PromptChar(c));
    }
    press(&mut a, &[PromptAccept]);
    let s = screen(&a);
    assert!(s.contains("no match for \"xyzq\""), "{s}");
    assert!(!s.contains("0/0"), "{s}");
}

#[test]
fn article_keys_in_the_news_line_say_why_they_do_nothing() {
    let mut a = app(seed(), 80, 24);
    a.update(SwitchPane);
    for action in [SearchNext, NextCitation, Digit(3)] {
        assert_eq!(a.update(action), REDRAW, "{action:?}");
        let said = a.message().unwrap_or_default().to_string();
        assert!(
            said.contains("article") && said.contains("Tab"),
            "{action:?}: {said}"
        );
        assert_eq!(a.focus(), Focus::News);
        assert_eq!(a.number(), None);
    }
    // The keys reach the app there (the news line looks them up last).
    assert!(a.contexts().contains(&folio::keymap::Context::Article));
}

#[test]
fn a_failed_reload_keeps_a_stale_marker_until_a_good_version_loads() {
    let mut a = app_from(seed(), 80, 24, |init| {
        init.source = Some("dir/b.json".into())
    });
    a.update(folio::app::Msg::Reloaded(Err(
        "b.json:3:4: expected a date".into(),
    )));
    press(&mut a, &[LineDown, LineDown]);
    let s = screen(&a);
    assert!(s.contains("stale: b.json has errors"), "{s}");
    a.update(folio::app::Msg::Reloaded(Ok(Box::new(seed()))));
    assert!(!screen(&a).contains("stale"), "{}", screen(&a));
    // The open file deleted: said, and kept said.
    a.update(folio::app::Msg::SourceGone);
    press(&mut a, &[LineDown]);
    assert!(
        screen(&a).contains("stale: b.json was deleted"),
        "{}",
        screen(&a)
    );
}

#[test]
fn the_demo_echo_fades_once_and_shows_typed_text_as_one_string() {
    let mut a = app_from(seed(), 80, 24, |init| init.settings.demo = true);
    let commands = a.update(Pressed("j".into()));
    assert!(
        commands.contains(&Command::Wake(folio::app::ECHO_FADE)),
        "{commands:?}"
    );
    a.update(LineDown);
    assert_eq!(a.echo(), ["j"]);
    // No keys for a while: the echo goes, with one redraw, and then nothing.
    assert_eq!(a.update(folio::app::Msg::Wake), REDRAW);
    assert!(a.echo().is_empty());
    assert!(!screen(&a).contains(" keys "));
    assert_eq!(a.update(folio::app::Msg::Wake), NOTHING);
    // Typed text is one entry.
    a.update(Pressed("/".into()));
    a.update(SearchForward);
    for c in "abc".chars() {
        a.update(Pressed(c.to_string()));
        a.update(PromptChar(c));
    }
    assert_eq!(a.echo(), ["/", "\"abc\""]);
    assert!(screen(&a).contains("/  \"abc\""), "{}", screen(&a));
}

#[test]
fn a_wrap_around_message_is_shown_whole_at_80_columns() {
    let mut a = app(seed(), 80, 24);
    press(&mut a, &[SearchBackward]);
    for c in "Azerbaijan".chars() {
        a.update(PromptChar(c));
    }
    press(&mut a, &[PromptAccept, Top, SearchNext]);
    assert_eq!(
        a.message(),
        Some("Search hit the top, continued from the end")
    );
    let s = screen(&a);
    assert!(
        s.contains("Search hit the top, continued from the end"),
        "{s}"
    );
}

#[test]
fn at_30x8_the_status_bar_shows_the_whole_line_total() {
    let mut a = app(seed(), 30, 8);
    for _ in 0..40 {
        a.update(PageDown);
    }
    let total = a.layout().lines.len();
    assert!(total > 99 && a.top() > 99, "{total}");
    let s = screen(&a);
    let bar = s.lines().last().unwrap();
    assert!(bar.contains(&format!("/{total}")), "{bar:?}");
}

#[test]
fn the_selected_finding_is_shown_whole_at_80_columns() {
    let mut a = app(seed(), 80, 24);
    a.update(Findings);
    let issues = a.issues().to_vec();
    let longest = (0..issues.len())
        .max_by_key(|&i| folio::app::finding_label(&issues[i]).len())
        .unwrap();
    for _ in 0..longest {
        a.update(LineDown);
    }
    let s = screen(&a);
    let label = folio::app::finding_label(&issues[longest]);
    // The label's last words are on screen, though the row is narrower.
    let tail: String = label
        .split_whitespace()
        .rev()
        .take(3)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(s.contains(&tail), "{tail:?} not in\n{s}");
}

/// A session of a talk (`folio serve`) on the seed: a speaker's or a
/// viewer's, at `w`x`h`.
fn in_talk(role: folio::app::Role, w: u16, h: u16) -> folio::app::App {
    app_from(seed(), w, h, |init| init.role = role)
}

/// Review of issue 17: a viewer's own key pauses following, and it is told
/// how to follow again at every width, and still after the speaker moves
/// and others join (the speaker's next cue wiped the message).
#[test]
fn a_paused_viewer_is_told_how_to_follow_at_every_width() {
    use folio::app::{Msg, Role};
    for (w, h) in [(80, 24), (60, 20), (120, 40), (40, 12)] {
        let mut spk = in_talk(Role::Speaker, 100, 30);
        let mut v = in_talk(Role::Viewer, w, h);
        for _ in 0..30 {
            spk.update(LineDown);
        }
        v.update(Msg::Audience(5));
        v.update(Msg::Cue(spk.cue()));
        v.update(LineDown);
        spk.update(LineDown);
        v.update(Msg::Cue(spk.cue()));
        v.update(Msg::Audience(6));
        let s = screen(&v);
        assert!(s.contains("f to follow"), "{w}x{h}:\n{s}");
        // The viewer's next key clears it, as any message.
        v.update(LineDown);
        assert!(!screen(&v).contains("f to follow"), "{w}x{h}");
    }
}

/// Review of issue 17: a viewer's bookmark says it lasts for the connection
/// (it said "Bookmarked", as if saved).
#[test]
fn a_viewers_bookmark_says_it_is_not_saved() {
    use folio::app::Role;
    let mut v = in_talk(Role::Viewer, 80, 24);
    v.update(Bookmark);
    v.update(PromptAccept);
    let s = screen(&v);
    assert!(s.contains("Bookmarked for this connection"), "{s}");
}

/// Review of issue 17: following viewers see the speaker's search: the same
/// query, the same match highlighted (it showed only the place).
#[test]
fn following_viewers_see_the_speakers_search() {
    use folio::app::{App, Msg, Role};
    let mut spk = in_talk(Role::Speaker, 100, 30);
    let mut v = in_talk(Role::Viewer, 80, 24);
    spk.update(SearchForward);
    for c in "Pashinyan".chars() {
        spk.update(PromptChar(c));
    }
    spk.update(PromptAccept);
    spk.update(SearchNext);
    v.update(Msg::Cue(spk.cue()));
    let (s, vs) = (
        spk.search().unwrap(),
        v.search().expect("the viewer's search"),
    );
    assert_eq!(vs.query, "Pashinyan");
    assert_eq!(vs.current, s.current);
    assert!(s.current.is_some());
    let counter = spk.search_counter().unwrap();
    assert_eq!(v.search_counter().as_deref(), Some(counter.as_str()));
    assert!(
        screen(&v).contains(&format!("/Pashinyan: {counter}")),
        "{}",
        screen(&v)
    );
    // Another article: the viewers' search is the speaker's there too.
    spk.update(NextArticle);
    v.update(Msg::Cue(spk.cue()));
    assert_eq!(v.article(), spk.article());
    let query = |a: &App| a.search().map(|s| (s.query.clone(), s.current));
    assert_eq!(query(&v), query(&spk));
    assert_eq!(v.search_counter(), spk.search_counter());
}

/// Review of issue 17: a following viewer resized shows what a fresh
/// viewer of its new size shows (120 → 61 → 60 columns sat a line off until
/// the speaker next moved).
#[test]
fn a_resized_viewer_shows_what_a_fresh_one_of_its_size_shows() {
    use folio::app::{Msg, Role};
    let mut spk = in_talk(Role::Speaker, 100, 30);
    for step in 0..12 {
        if step > 0 {
            for _ in 0..10 {
                spk.update(LineDown);
            }
        }
        let mut v = in_talk(Role::Viewer, 120, 40);
        v.update(Msg::Cue(spk.cue()));
        for (w, h) in [(61, 20), (60, 20), (83, 25), (80, 24), (47, 15), (200, 60)] {
            v.update(Msg::Resize(w, h));
            let mut fresh = in_talk(Role::Viewer, w, h);
            fresh.update(Msg::Cue(spk.cue()));
            assert_eq!(v.top(), fresh.top(), "step {step}, {w}x{h}");
        }
    }
}
