//! The article pane: the visible lines of the laid-out article, and the
//! footnote strip at its foot.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{draw_runs, style_for};
use crate::app::App;
use crate::layout::TextKind;

pub fn draw(app: &App, buf: &mut Buffer, rect: Rect) {
    let layout = &app.layout;
    let view = app.article_view();
    let current = app
        .current
        .and_then(|i| layout.markers.get(i))
        .map(|m| m.note);
    let color = app.settings.color;
    let left = u16::try_from(layout.left).unwrap_or(0).min(rect.width);
    let x = rect.x + left;
    let width = rect.width - left;

    for (row, line) in layout
        .lines
        .iter()
        .skip(app.top)
        .take(view.body_rows)
        .enumerate()
    {
        let y = rect.y + row as u16;
        draw_runs(buf, x, y, width, &line.runs, |r| {
            let highlight = match r.kind {
                TextKind::Marker { occurrence, .. } => app.current == Some(occurrence),
                TextKind::NoteLabel { note } | TextKind::NoteText { note } => {
                    app.target_note == Some(note)
                }
                _ => false,
            };
            style_for(r.kind, color, highlight)
        });
    }

    let strip_top = rect.bottom().saturating_sub(view.strip.len() as u16);
    for (i, row) in view.strip.iter().enumerate() {
        draw_runs(buf, x, strip_top + i as u16, width, row, |r| {
            let highlight = matches!(r.kind, TextKind::NoteLabel { note } if current == Some(note));
            style_for(r.kind, color, highlight)
        });
    }
}
