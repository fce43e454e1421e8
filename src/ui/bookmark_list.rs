//! The bookmark list overlay: two rows per bookmark (where and its label; the
//! text there and its age), the selected one in reverse video, lost ones
//! marked; scrolled so the selection is always on screen.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Clear, Widget};
use unicode_width::UnicodeWidthStr;

use super::help_overlay::bordered;
use crate::app::{App, ListItem};
use crate::sanitize::clean;

/// The two rows of an item.
fn rows(item: &ListItem, app: &App) -> [String; 2] {
    let g = app.settings().glyphs;
    let mut first = String::new();
    if let Some(bundle) = &item.other_bundle {
        first.push_str(&format!("[{}] ", clean(bundle, g)));
    }
    if let Some(label) = &item.label {
        first.push_str(&format!("{}{}", clean(label, g), g.middle_dot()));
    }
    first.push_str(&clean(&item.place, g));
    let lost = if item.lost { "LOST: " } else { "" };
    let second = format!(
        "    {lost}\"{}\"{}{}",
        clean(&item.excerpt, g),
        g.middle_dot(),
        item.age
    );
    [first, second]
}

pub fn draw(app: &App, buf: &mut Buffer, area: Rect, selected: usize, all_bundles: bool) {
    let r = super::overlay_rect(area, 100, usize::MAX);
    Clear.render(r, buf);
    let title = if all_bundles {
        " Bookmarks: every bundle "
    } else {
        " Bookmarks: this bundle "
    };
    let block = bordered(
        Block::default()
            .borders(Borders::ALL)
            .title(title)
            .title_bottom(" Enter go, r rename, d delete, a all bundles, Esc close "),
        app.settings().glyphs,
    );
    let inner = block.inner(r);
    block.render(r, buf);
    let items = app.list_items();
    let mut lines: Vec<(String, bool, bool)> = Vec::new();
    if let Some(why) = &app.read_only() {
        lines.push((
            format!("Cannot be saved: {}", clean(why, app.settings().glyphs)),
            false,
            true,
        ));
    }
    if items.is_empty() {
        let hint = if all_bundles {
            "No bookmarks yet."
        } else {
            "No bookmarks in this bundle: press m while reading to add one, a to see every bundle."
        };
        lines.push((hint.to_string(), false, false));
    }
    let header = lines.len();
    for (i, item) in items.iter().enumerate() {
        for row in rows(item, app) {
            lines.push((row, i == selected, false));
        }
    }
    // Keep the selected item's two rows in view.
    let room = usize::from(inner.height);
    let skip = (2 * selected + 2).saturating_sub(room.saturating_sub(header));
    let visible = lines.iter().take(header).chain(
        lines
            .iter()
            .skip(header + skip.min(lines.len().saturating_sub(header))),
    );
    for (row, (text, is_selected, warning)) in visible.take(room).enumerate() {
        let y = inner.y + row as u16;
        super::list_row(app, buf, inner, y, text, *is_selected, *warning);
    }
}

/// `text` whole when it fits in `width` columns, else cut with an ellipsis.
pub(crate) fn truncate(text: &str, width: usize, app: &App) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let ellipsis = app.settings().glyphs.ellipsis();
    let room = width.saturating_sub(ellipsis.width());
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > room {
            break;
        }
        used += w;
        out.push(c);
    }
    out + ellipsis
}
