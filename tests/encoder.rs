//! The lean encoder against a terminal with left/right margins: whatever the
//! frames, the terminal ends up showing the last one, and a pane beside
//! another scrolls for a few bytes.

use crate::common::margins;

use folio::render::Encoder;
use margins::{MarginTerminal, marked};
use proptest::prelude::*;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};

/// Two panes side by side: `left` text lines from `top`, a fixed list right.
fn two_panes(w: u16, h: u16, split: u16, text: &[String], top: usize, right: &[String]) -> Buffer {
    let mut b = Buffer::empty(Rect::new(0, 0, w, h));
    for y in 0..h.saturating_sub(1) {
        if let Some(line) = text.get(top + usize::from(y)) {
            b.set_stringn(0, y, line, usize::from(split), Style::default());
        }
        b.set_string(split, y, "│", Style::default());
        if let Some(line) = right.get(usize::from(y)) {
            b.set_stringn(
                split + 2,
                y,
                line,
                usize::from(w - split - 2),
                Style::default().fg(Color::Cyan),
            );
        }
    }
    b.set_string(
        0,
        h - 1,
        format!("line {top}"),
        Style::default().add_modifier(Modifier::REVERSED),
    );
    b
}

fn feed(t: &mut MarginTerminal, bytes: &str) {
    t.process(bytes.as_bytes());
}

#[test]
fn the_article_scrolls_beside_the_news_line_for_a_few_bytes() {
    let words = [
        "Baku", "talks", "resume", "oil", "output", "rises", "new", "bridge", "opens",
    ];
    // Rows unlike each other, as a real text's are.
    let text: Vec<String> = (0..80)
        .map(|i| {
            let line: Vec<&str> = (0..11)
                .map(|k| words[(i * 5 + k * 2 + k * k) % 9])
                .collect();
            format!("{i:02} {}", line.join(" "))
        })
        .collect();
    let news: Vec<String> = (0..40)
        .map(|i| {
            let pick = |k: usize| words[(i * 7 + k * 3) % words.len()];
            format!("{i:02}:00 {} {} {} {}", pick(0), pick(1), pick(2), pick(3))
        })
        .collect();
    let panes = [Rect::new(0, 0, 79, 39), Rect::new(81, 0, 39, 39)];
    let frame = |top| two_panes(120, 40, 79, &text, top, &news);
    for knows in [true, false] {
        let mut t = MarginTerminal::new(40, 120, knows);
        let mut enc = Encoder::new();
        enc.set_margins(knows);
        feed(&mut t, &enc.frame(&frame(0), &panes));
        let bytes = enc.frame(&frame(1), &panes);
        feed(&mut t, &bytes);
        assert_eq!(t.marked_rows(), marked(&frame(1)));
        if knows {
            assert!(bytes.contains("\x1b[?69h\x1b[1;79s"), "{bytes:?}");
            assert!(bytes.len() < 200, "{} bytes: {bytes:?}", bytes.len());
            assert_eq!(t.margin_scrolls, 1);
        } else {
            assert!(!bytes.contains("?69"), "{bytes:?}");
            assert!(bytes.len() > 1000, "{} bytes", bytes.len());
        }
        // And back up, and a page.
        for top in [0, 38, 37] {
            let bytes = enc.frame(&frame(top), &panes);
            feed(&mut t, &bytes);
            assert_eq!(t.marked_rows(), marked(&frame(top)));
        }
    }
}

#[test]
fn no_margins_unless_the_terminal_said_so() {
    let text: Vec<String> = (0..80).map(|i| format!("line {i:02} of text")).collect();
    let news: Vec<String> = (0..40).map(|i| format!("headline {i:02}")).collect();
    let panes = [Rect::new(0, 0, 79, 39), Rect::new(81, 0, 39, 39)];
    let mut enc = Encoder::new();
    let mut all = enc.frame(&two_panes(120, 40, 79, &text, 0, &news), &panes);
    for top in 1..10 {
        all.push_str(&enc.frame(&two_panes(120, 40, 79, &text, top, &news), &panes));
    }
    assert!(!all.contains("?69"), "{all:?}");
}

fn arb_text() -> impl Strategy<Value = Vec<String>> {
    proptest::collection::vec("[a-z 東é¹]{0,60}", 1..40)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    /// Panes of any size scroll by any amount, among frames that change
    /// anything, in terminals with and without margins: the terminal always
    /// shows the last frame.
    #[test]
    fn the_terminal_shows_what_was_drawn(
        w in 6u16..90, h in 3u16..16, split in 1u16..70,
        text in arb_text(), news in arb_text(),
        tops in proptest::collection::vec(0usize..30, 1..8),
        bold in any::<bool>(),
        margins in any::<bool>(),
    ) {
        let split = split.min(w - 3);
        let panes = [Rect::new(0, 0, split, h - 1), Rect::new(split + 2, 0, w - split - 2, h - 1)];
        let mut t = MarginTerminal::new(h, w, margins);
        let mut enc = Encoder::new();
        enc.set_margins(margins);
        for (i, top) in tops.iter().enumerate() {
            let mut news = news.clone();
            // The news pane scrolls too, now and then.
            let turn = i % 3 % news.len().max(1);
            news.rotate_left(turn);
            let mut frame = two_panes(w, h, split, &text, *top, &news);
            if bold && i % 2 == 1 {
                frame.set_style(Rect::new(0, 0, split, 1), Style::default().add_modifier(Modifier::BOLD));
            }
            let bytes = enc.frame(&frame, &panes);
            feed(&mut t, &bytes);
            prop_assert_eq!(t.marked_rows(), marked(&frame));
        }
    }
}
