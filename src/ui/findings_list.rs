//! The findings list overlay (proof view): one row per finding of `folio
//! check`, where it is (the JSON path) and what; the selected one in reverse
//! video, scrolled into view; Enter goes there.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Clear, Widget};

use super::help_overlay::bordered;
use crate::app::{App, finding_label};
use crate::bundle::load::path_string;
use crate::check::snippet::visible;

pub fn draw(app: &App, buf: &mut Buffer, area: Rect, selected: usize) {
    let issues = app.issues();
    // One row per finding, but the selected one is wrapped whole: a long
    // path and message are read without opening the file.
    let inner_width = super::overlay_rect(area, 120, 0).width.saturating_sub(2);
    let width = usize::from(inner_width.saturating_sub(2)).max(1);
    let mut rows: Vec<(usize, String)> = Vec::new();
    for (i, issue) in issues.iter().enumerate() {
        let text = visible(
            &format!("{}  {}", path_string(&issue.path), finding_label(issue)),
            app.settings().glyphs,
        );
        if i == selected {
            let options = textwrap::Options::new(width).subsequent_indent("  ");
            let lines = textwrap::wrap(&text, options);
            rows.extend(lines.into_iter().map(|l| (i, l.into_owned())));
        } else {
            rows.push((i, text));
        }
    }
    let r = super::overlay_rect(area, 120, rows.len());
    Clear.render(r, buf);
    let block = bordered(
        Block::default()
            .borders(Borders::ALL)
            .title(format!(" Findings: {} ", issues.len()))
            .title_bottom(" Enter go, j/k move, Esc close "),
        app.settings().glyphs,
    );
    let inner = block.inner(r);
    block.render(r, buf);
    let room = usize::from(inner.height);
    let first = rows.iter().position(|r| r.0 == selected).unwrap_or(0);
    let last = rows.iter().rposition(|r| r.0 == selected).unwrap_or(0);
    let skip = (last + 1).saturating_sub(room).min(first);
    for (row, (i, text)) in rows.iter().skip(skip).take(room).enumerate() {
        let y = inner.y + row as u16;
        super::list_row(app, buf, inner, y, text, *i == selected, false);
    }
}
