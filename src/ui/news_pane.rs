//! The news-line panel: day separators and `HH:MM headline` entries, the
//! selected entry in reverse video when the panel has focus (underlined when not).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use super::{draw_runs, style_for};
use crate::app::App;
use crate::layout::screen::Focus;

pub fn draw(app: &App, buf: &mut Buffer, rect: Rect, side_by_side: bool) {
    let focused = app.focus == Focus::News;
    let color = app.settings.color;
    for (row, line) in app
        .news
        .lines
        .iter()
        .skip(app.news_top)
        .take(usize::from(rect.height))
        .enumerate()
    {
        let y = rect.y + row as u16;
        let selected = line.entry == Some(app.news_selected);
        draw_runs(buf, rect.x, y, rect.width, &line.runs, |r| {
            style_for(r.kind, color, false)
        });
        if selected && (focused || side_by_side) {
            let modifier = if focused {
                Modifier::REVERSED
            } else {
                Modifier::UNDERLINED
            };
            buf.set_style(
                Rect {
                    y,
                    height: 1,
                    ..rect
                },
                Style::new().add_modifier(modifier),
            );
        }
    }
}
