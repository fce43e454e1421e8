//! The findings list overlay (proof view): one row per finding of `folio
//! check`, where it is (the JSON path) and what; the selected one in reverse
//! video, scrolled into view; Enter goes there.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Clear, Widget};

use super::help_overlay::bordered;
use crate::app::{App, finding_label};
use crate::bundle::load::path_string;
use crate::sanitize::clean;

pub fn draw(app: &App, buf: &mut Buffer, area: Rect, selected: usize) {
    let issues = app.issues();
    let r = super::overlay_rect(area, 120, issues.len());
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
    let skip = (selected + 1).saturating_sub(room);
    for (row, (i, issue)) in issues.iter().enumerate().skip(skip).take(room).enumerate() {
        let y = inner.y + row as u16;
        let text = clean(
            &format!("{}  {}", path_string(&issue.path), finding_label(issue)),
            app.settings().glyphs,
        )
        .into_owned();
        super::list_row(app, buf, inner, y, &text, i == selected, false);
    }
}
