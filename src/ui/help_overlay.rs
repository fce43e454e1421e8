//! The help overlay, generated from the keymap table: every binding, grouped
//! by where it applies, in a bordered box over the screen; scrollable when the
//! terminal is short.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Block, Borders, Clear, Widget};

use crate::app::App;
use crate::keymap::Keymap;

const KEY_COLUMN: usize = 18;

/// The help text, one entry per row: (is a heading, text).
fn rows(keymap: &Keymap, page_wise: bool) -> Vec<(bool, String)> {
    let mut out = Vec::new();
    if page_wise {
        out.push((true, "Low-bandwidth mode".to_string()));
        out.push((
            false,
            "  j, k and the arrows move the article a page at a time".to_string(),
        ));
        out.push((false, String::new()));
    }
    for (i, (ctx, bindings)) in keymap.help_sections().into_iter().enumerate() {
        if i > 0 {
            out.push((false, String::new()));
        }
        out.push((true, ctx.title().to_string()));
        for (keys, help) in bindings {
            out.push((false, format!("  {keys:<KEY_COLUMN$}{help}")));
        }
    }
    out
}

/// The box the help is drawn in.
pub fn rect(area: Rect, keymap: &Keymap, page_wise: bool) -> Rect {
    let width = area.width.saturating_sub(4).min(90);
    let height = area
        .height
        .saturating_sub(2)
        .min(rows(keymap, page_wise).len() as u16 + 2);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

/// How far the help can scroll at this size.
pub fn max_scroll(area: Rect, keymap: &Keymap, page_wise: bool) -> usize {
    let inner = usize::from(rect(area, keymap, page_wise).height.saturating_sub(2));
    rows(keymap, page_wise).len().saturating_sub(inner)
}

/// `block` with ASCII borders when the terminal has no UTF-8.
pub fn bordered(block: Block<'static>, glyphs: crate::glyphs::Glyphs) -> Block<'static> {
    if glyphs.fancy() {
        return block;
    }
    block.border_set(ratatui::symbols::border::Set {
        top_left: "+",
        top_right: "+",
        bottom_left: "+",
        bottom_right: "+",
        vertical_left: "|",
        vertical_right: "|",
        horizontal_top: "-",
        horizontal_bottom: "-",
    })
}

pub fn draw(app: &App, buf: &mut Buffer, area: Rect, scroll: usize) {
    let page_wise = app.settings.page_wise;
    let keymap = &app.keymap;
    let r = rect(area, keymap, page_wise);
    Clear.render(r, buf);
    let more = if scroll < max_scroll(area, keymap, page_wise) {
        " j/k scroll "
    } else {
        ""
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .title(" Keys ")
        .title_bottom(format!(" Esc closes{more}"));
    let block = bordered(block, app.settings.glyphs);
    let inner = block.inner(r);
    block.render(r, buf);
    for (i, (heading, text)) in rows(keymap, page_wise)
        .iter()
        .skip(scroll)
        .take(usize::from(inner.height))
        .enumerate()
    {
        let style = if *heading {
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
        } else {
            Style::new()
        };
        buf.set_stringn(
            inner.x + 1,
            inner.y + i as u16,
            text,
            usize::from(inner.width.saturating_sub(1)),
            style,
        );
    }
}
