//! The help overlay, generated from the keymap table: every binding, grouped
//! by where it applies, in a bordered box over the screen; scrollable when the
//! terminal is short.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Block, Borders, Clear, Widget};

use crate::app::{App, HELP_WIDTH, help_max_scroll, help_text_width, overlay_rect};
use crate::keymap::help_lines;

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
    // Wrapped to the box: a description too long for it goes on under itself.
    let rows = help_lines(
        app.keymap(),
        app.settings().page_wise,
        help_text_width(area),
    );
    let r = overlay_rect(area, HELP_WIDTH, rows.len());
    Clear.render(r, buf);
    let more = if scroll < help_max_scroll(area, rows.len()) {
        format!("{}j/k scroll", app.settings().glyphs.middle_dot())
    } else {
        String::new()
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .title(" Keys ")
        .title_bottom(format!(" Esc closes{more} "));
    let block = bordered(block, app.settings().glyphs);
    let inner = block.inner(r);
    block.render(r, buf);
    for (i, (heading, text)) in rows
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
