//! Demo mode's key echo: the last keys pressed, in a small box at the top
//! right, so an audience sees what the speaker typed.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Block, Borders, Clear, Widget};
use unicode_width::UnicodeWidthStr;

use super::help_overlay::bordered;
use crate::app::App;
use crate::sanitize::clean;

pub fn draw(app: &App, buf: &mut Buffer, area: Rect) {
    if !app.settings().demo || app.echo().is_empty() {
        return;
    }
    let text = clean(&app.echo().join("  "), app.settings().glyphs).into_owned();
    let width = (text.width() as u16 + 4).min(area.width.saturating_sub(2));
    if width < 6 || area.height < 4 {
        return;
    }
    let r = Rect {
        x: area.x + area.width - width - 1,
        y: area.y,
        width,
        height: 3,
    };
    Clear.render(r, buf);
    let block = bordered(
        Block::default().borders(Borders::ALL).title(" keys "),
        app.settings().glyphs,
    );
    let inner = block.inner(r);
    block.render(r, buf);
    // The newest keys, when they do not all fit.
    let room = usize::from(inner.width.saturating_sub(2));
    let shown: String = {
        let chars: Vec<char> = text.chars().collect();
        let mut start = 0;
        while chars[start..].iter().collect::<String>().width() > room {
            start += 1;
        }
        chars[start..].iter().collect()
    };
    buf.set_stringn(
        inner.x + 1,
        inner.y,
        shown,
        room,
        Style::new().add_modifier(Modifier::BOLD),
    );
}
