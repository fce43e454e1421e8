//! Whole-screen snapshots of the reader (ratatui TestBackend), at 80x24 and
//! 120x40, plus style checks that must hold without colour.

use crate::common;

use common::*;
use folio::action::Action::*;
use folio::app::Msg::Resize;
use folio::glyphs::Glyphs;
use ratatui::style::{Color, Modifier};

fn snap(name: &str, app: &folio::app::App) {
    insta::assert_snapshot!(name, screen(app));
}

#[test]
fn seed_80x24() {
    let mut a = app(seed(), 80, 24);
    snap("seed_80x24_top", &a);
    // Three citations on: the middle of the article with a footnote strip.
    press(&mut a, &[NextCitation, NextCitation, NextCitation]);
    snap("seed_80x24_middle", &a);
    press(&mut a, &[Follow]);
    snap("seed_80x24_source_of_note_3", &a);
    press(&mut a, &[Bottom]);
    snap("seed_80x24_sources", &a);
    press(&mut a, &[Help]);
    snap("seed_80x24_help", &a);
    press(&mut a, &[Close, SwitchPane]);
    snap("seed_80x24_news", &a);
}

#[test]
fn seed_120x40() {
    let mut a = app(seed(), 120, 40);
    snap("seed_120x40_top", &a);
    press(&mut a, &[PageDown]);
    snap("seed_120x40_middle", &a);
    press(&mut a, &[Bottom]);
    snap("seed_120x40_sources", &a);
    press(&mut a, &[Help]);
    snap("seed_120x40_help", &a);
    press(&mut a, &[Close, SwitchPane, LineDown, LineDown]);
    snap("seed_120x40_news_focus", &a);
}

#[test]
fn showcase_scripts_and_ascii() {
    let mut a = app(showcase(), 80, 24);
    press(&mut a, &[SwitchPane, Follow]);
    snap("showcase_80x24_scripts", &a);
    let mut ascii = app_with(seed(), 80, 24, |s| s.glyphs = Glyphs::ASCII);
    press(&mut ascii, &[PageDown]);
    snap("seed_80x24_ascii", &ascii);
}

#[test]
fn too_small_shows_a_notice() {
    let a = app(seed(), 20, 5);
    snap("too_small_20x5", &a);
}

#[test]
fn without_colour_the_current_citation_and_selection_still_show() {
    let mut a = app(seed(), 120, 40);
    press(&mut a, &[NextCitation]);
    let buf = render(&a);
    assert!(
        buf.content
            .iter()
            .all(|c| c.fg == Color::Reset && c.bg == Color::Reset),
        "no colour at all with color = false"
    );
    // The highlighted marker ¹ is in reverse video; other markers are not.
    let reversed: String = buf
        .content
        .iter()
        .filter(|c| c.modifier.contains(Modifier::REVERSED))
        .map(|c| c.symbol())
        .collect();
    assert!(reversed.contains('¹'), "{reversed}");
    assert!(!reversed.contains('²'), "{reversed}");

    // News focus: the selected headline's time is reversed, and only it.
    press(&mut a, &[SwitchPane, LineDown]);
    let buf = render(&a);
    let row = rows_with(&a, "22:00 Türkiye")[0];
    let reversed = |y: u16, xs: std::ops::Range<u16>| {
        xs.into_iter()
            .all(|x| buf[(x, y)].modifier.contains(Modifier::REVERSED))
    };
    assert!(reversed(row, 81..86), "the time 22:00 is reversed");
    assert!(!reversed(row, 87..90), "the headline is not");
    let other = rows_with(&a, "22:10 Russia")[0];
    assert!(!reversed(other, 81..86));
}

#[test]
fn colour_is_only_an_addition() {
    let mut a = app_with(seed(), 80, 24, |s| s.color = true);
    press(&mut a, &[NextCitation]);
    let plain = {
        let mut p = app(seed(), 80, 24);
        press(&mut p, &[NextCitation]);
        screen(&p)
    };
    assert_eq!(screen(&a), plain, "same text with and without colour");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]
    /// Any size from 1x1 to 300x100, after any few keys: no panic, and nothing
    /// is drawn outside the screen (the buffer is exactly the terminal).
    #[test]
    fn any_size_renders(w in 1u16..=300, h in 1u16..=100, keys in proptest::collection::vec(0usize..12, 0..8)) {
        let all = [LineDown, PageDown, Bottom, NextCitation, Follow, SwitchPane, Help, Close, PreviousCitation, JumpBack, HalfPageUp, Top];
        for bundle in [seed(), showcase()] {
            let mut a = app(bundle, w, h);
            for k in &keys {
                a.update(all[*k]);
            }
            let buf = render(&a);
            proptest::prop_assert_eq!(buf.area.width, w);
        }
    }
}

/// Every width from 0 to 300 and every height from 0 to 100 (the other side
/// at a few telling values), zero-width panes included: drawing never panics
/// and stays inside the screen. (`any_size_renders` samples the whole square.)
#[test]
fn every_terminal_size_draws() {
    let sizes = (0..=300u16)
        .map(|w| (w, 24))
        .chain((0..=100u16).flat_map(|h| [0u16, 1, 80, 300].map(move |w| (w, h))));
    let mut app = app(seed(), 80, 24);
    for (w, h) in sizes {
        app.update(Resize(w, h));
        let area = ratatui::layout::Rect::new(0, 0, w, h);
        let mut buf = ratatui::buffer::Buffer::empty(area);
        folio::ui::draw(&app, area, &mut buf);
        assert_eq!(buf.area, area);
        for line in &app.layout().lines {
            assert!(
                app.layout().left + folio::layout::runs_width(&line.runs) <= usize::from(w).max(1),
                "{w}x{h}"
            );
        }
    }
}

#[test]
fn proof_view_80x24() {
    let mut b = seed();
    let p = &mut b.articles[0].paragraphs[1];
    *p = p.replacen("exercises", "exercises exercises", 1);
    let mut a = app_from(b, 80, 24, |init| init.house_words = HOUSE_WORDS.into());
    press(&mut a, &[ProofView]);
    for _ in 0..7 {
        a.update(LineDown);
    }
    snap("proof_80x24_findings_inline", &a);
    press(&mut a, &[Findings]);
    snap("proof_80x24_findings_list", &a);
}

#[test]
fn article_list_100x30() {
    let mut a = app(showcase(), 100, 30);
    a.update(ArticleList);
    snap("article_list_100x30", &a);
    a.update(PromptChar('n'));
    a.update(PromptChar('o'));
    snap("article_list_100x30_filtered", &a);
}

/// Citations whose page linked the source: the strip shows the host, Sources
/// the whole link.
#[test]
fn linked_sources_80x24() {
    let mut b = seed();
    let urls = [
        "https://mod.gov.az/en/news/armenia-fires-123.html",
        "https://www.azatutyun.am/a/30615743.html",
        "https://news.am/",
    ];
    for (c, url) in b.articles[0].citations.iter_mut().zip(urls) {
        c.url = Some(url.to_string());
    }
    let mut a = app_with(b, 80, 24, |s| s.hyperlinks = true);
    press(&mut a, &[NextCitation, NextCitation, NextCitation]);
    snap("linked_sources_80x24_strip", &a);
    // The source names are the hyperlinks, not the rest of the line.
    let linked = |a: &folio::app::App| -> Vec<(u16, String, String)> {
        let links = folio::ui::hyperlinks(a, ratatui::layout::Rect::new(0, 0, 80, 24));
        let buf = render(a);
        let mut out: Vec<(u16, String, String)> = Vec::new();
        for (i, l) in links.iter().enumerate() {
            let Some(l) = l else { continue };
            let (x, y) = ((i % 80) as u16, (i / 80) as u16);
            let symbol = buf[(x, y)].symbol().to_string();
            match out.last_mut() {
                Some((row, text, to)) if *row == y && **to == **l => text.push_str(&symbol),
                _ => out.push((y, symbol, l.to_string())),
            }
        }
        out
    };
    assert_eq!(
        linked(&a),
        [
            (
                20,
                "Mod.gov.az, 23 May 2020".into(),
                "https://mod.gov.az/en/news/armenia-fires-123.html".into()
            ),
            (
                21,
                "Caspian.com, 22 May 2020".into(),
                "https://www.azatutyun.am/a/30615743.html".into()
            ),
            (
                22,
                "Mfa.gov.az, 21 May 2020".into(),
                "https://news.am/".into()
            ),
        ]
    );
    press(&mut a, &[Bottom]);
    snap("linked_sources_80x24_sources", &a);
    assert_eq!(linked(&a).len(), 3, "{:?}", linked(&a));
    // Not under an overlay, not when the settings say no.
    press(&mut a, &[Help]);
    assert!(linked(&a).is_empty());
    let b = app(seed(), 80, 24);
    assert!(folio::ui::hyperlinks(&b, ratatui::layout::Rect::new(0, 0, 80, 24)).is_empty());
}

/// Issue 16, item 8: the highlighted note is always in the footnote strip,
/// however many notes the lines on screen cite; a cut row ends in one
/// ellipsis, not two.
#[test]
fn strip_always_shows_the_highlighted_note() {
    let mut a = app(showcase(), 80, 24);
    press(
        &mut a,
        &[Digit(1), Digit(9), Follow, NextCitation, NextCitation],
    );
    let note = a.layout().markers[a.current().unwrap()].note;
    assert_eq!(note, 21);
    let s = screen(&a);
    let strip: Vec<&str> = s
        .lines()
        .skip_while(|l| !l.trim_start().starts_with("────────────"))
        .collect();
    assert!(
        strip.iter().any(|l| l.contains("²¹ ")),
        "note 21 in the strip:\n{s}"
    );
    assert!(!s.contains("……"), "one ellipsis:\n{s}");
    snap("showcase_80x24_strip_highlight", &a);
}

/// Issue 16: the results of a search of every article, under their
/// articles' titles, with paragraph numbers and snippets; at 80x24 the list
/// scrolls with its selection, at 160x45 snippets take the room.
#[test]
fn bundle_search_results() {
    for (w, h) in [(80, 24), (160, 45)] {
        let mut a = app(showcase(), w, h);
        a.update(SearchBundle);
        for c in "reader".chars() {
            a.update(PromptChar(c));
        }
        snap(&format!("bundle_search_{w}x{h}_prompt"), &a);
        a.update(PromptAccept);
        snap(&format!("bundle_search_{w}x{h}_results"), &a);
        press(&mut a, &[Bottom, LineUp]);
        snap(&format!("bundle_search_{w}x{h}_near_the_end"), &a);
        a.update(Follow);
        snap(&format!("bundle_search_{w}x{h}_opened"), &a);
    }
}

/// Issue 16: a long label in the bookmark prompt is not cut from the left:
/// the question stays whole (above the bar when the line cannot hold both)
/// and the bar shows the part of the label where the cursor is, cuts
/// marked, at 80x24 and at 30 columns.
#[test]
fn a_long_label_in_the_prompt_shows_the_cursors_part() {
    let label = "A long label about the ceasefire talks in Moscow, the mediators, the prisoners, and what each side said";
    for (w, h) in [(80, 24), (30, 12)] {
        let mut a = app(seed(), w, h);
        a.update(Bookmark);
        for c in label.chars() {
            a.update(PromptChar(c));
        }
        let at_end = screen(&a);
        let bar = at_end.lines().last().unwrap().to_string();
        assert!(bar.contains("side said▏"), "{w}: {at_end}");
        let words = at_end.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            words.contains("Bookmark paragraph 1. Label (optional), Enter saves, Esc cancels:"),
            "the question reads whole: {at_end}"
        );
        snap(&format!("label_prompt_{w}x{h}_end"), &a);
        // Home: the start of the label, with the cursor, and a cut after.
        a.update(PromptHome);
        let s = screen(&a);
        let bar = s.lines().last().unwrap().to_string();
        assert!(bar.contains("▏A long"), "{w}: {s}");
        assert!(bar.trim_end().ends_with('…'), "{w}: {s}");
        snap(&format!("label_prompt_{w}x{h}_home"), &a);
        // In the middle: both sides cut, the cursor between.
        for _ in 0..30 {
            a.update(PromptRight);
        }
        let bar = screen(&a).lines().last().unwrap().to_string();
        let (before, after) = a.prompt().unwrap().split();
        let (before, after) = (before.to_string(), after.to_string());
        assert!(
            bar.contains(&format!("{}▏{}", &before[before.len() - 3..], &after[..3])),
            "{w}: {bar}"
        );
        assert!(bar.contains('…'), "{w}: {bar}");
    }
}

/// Issue 16: one `j` in the showcase at 80x24 left a blank row in the
/// middle of "Part 2" (the next line's note needed a strip row more than
/// was left); the text takes the row, the strip counts the note it cannot
/// show yet.
#[test]
fn one_line_down_leaves_no_blank_row_mid_paragraph() {
    let mut a = app(showcase(), 80, 24);
    a.update(LineDown);
    let s = screen(&a);
    let rows: Vec<&str> = s.lines().collect();
    let rule = rows
        .iter()
        .position(|r| r.trim() == "────────────")
        .expect("a footnote strip");
    assert!(
        !rows[rule - 1].trim().is_empty(),
        "a blank row above the strip:\n{s}"
    );
    assert!(
        rows[rule - 1].contains("what the reader sees must match what was sent⁵"),
        "{s}"
    );
    assert!(s.contains("+1 more"), "{s}");
    snap("showcase_80x24_one_line_down", &a);
}
