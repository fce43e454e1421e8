//! The news-line panel: day separators and `HH:MM headline` entries; the
//! selected entry's time in reverse video when the panel has focus
//! (underlined when not).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;

use super::{draw_runs, style_for};
use crate::app::App;
use crate::layout::TextKind;
use crate::layout::screen::Focus;

pub fn draw(app: &App, buf: &mut Buffer, rect: Rect, side_by_side: bool) {
    let focused = app.focus() == Focus::News;
    let theme = app.theme();
    // A filtered news line shows its hits, best first.
    let (layout, top, selection) = match app.news_filter() {
        Some(f) => (&f.layout, f.top, f.selected),
        None => (app.news(), app.news_top(), app.news_selected()),
    };
    if app
        .news_filter()
        .as_ref()
        .is_some_and(|f| f.hits.is_empty())
    {
        buf.set_stringn(
            rect.x,
            rect.y,
            "No headline matches the filter (Esc clears it)",
            usize::from(rect.width),
            style_for(TextKind::Meta, &theme, false),
        );
    }
    for (row, line) in layout
        .lines
        .iter()
        .skip(top)
        .take(usize::from(rect.height))
        .enumerate()
    {
        let y = rect.y + row as u16;
        let selected = line.entry == Some(selection) && (focused || side_by_side);
        // The selection is the entry's time in reverse video (underlined when
        // the panel has no focus): moving it repaints ten cells, not two
        // whole headlines.
        draw_runs(buf, rect.x, y, rect.width, &line.runs, |r| {
            let style = style_for(r.kind, &theme, false);
            match (selected, r.kind) {
                (true, TextKind::Time) if focused => style.add_modifier(Modifier::REVERSED),
                (true, TextKind::Time) => style.add_modifier(Modifier::UNDERLINED),
                _ => style,
            }
        });
    }
}
