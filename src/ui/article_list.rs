//! The article list overlay: the filter being typed, then one row per
//! article (title; category, date, how far read, bookmarks), the open one
//! marked, the selected one in reverse video, scrolled into view.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Block, Borders, Clear, Widget};

use super::help_overlay::bordered;
use crate::app::{App, ArticleList};
use crate::bundle::model::long_date;
use crate::sanitize::clean;

fn row(app: &App, i: usize) -> String {
    let g = app.settings().glyphs;
    let Some(a) = app.bundle().articles.get(i) else {
        return String::new();
    };
    let mut facts = Vec::new();
    if let Some(c) = a.category.as_deref().filter(|c| !c.is_empty()) {
        facts.push(clean(c, g).into_owned());
    }
    if let Some(p) = a.published {
        facts.push(long_date(p.date()));
    }
    if let Some(p) = app.article_progress(i) {
        facts.push(format!("read {p}%"));
    }
    match app.article_bookmarks(i) {
        0 => {}
        1 => facts.push("1 bookmark".into()),
        n => facts.push(format!("{n} bookmarks")),
    }
    // The id `--article`, `folio dump --article` and bookmarks use.
    facts.push(format!("id {}", clean(&a.id, g)));
    let open = if i == app.article() { "> " } else { "  " };
    let mut text = format!("{open}{}", clean(&a.title, g));
    if !facts.is_empty() {
        text.push_str(&format!("{}{}", g.middle_dot(), facts.join(g.middle_dot())));
    }
    text
}

pub fn draw(app: &App, buf: &mut Buffer, area: Rect, list: &ArticleList) {
    let rows = app.article_rows();
    let g = app.settings().glyphs;
    let r = super::overlay_rect(area, 120, rows.len().max(1) + 2);
    // The selected article's id, whole even when its row is cut.
    let selected_id = (rows.get(list.selected()))
        .and_then(|&i| app.bundle().articles.get(i))
        .map(|a| format!("id {}{}", clean(&a.id, g), g.middle_dot()))
        .unwrap_or_default();
    Clear.render(r, buf);
    let block = bordered(
        Block::default()
            .borders(Borders::ALL)
            .title(format!(
                " Articles: {} of {} ",
                rows.len(),
                app.bundle().articles.len()
            ))
            .title_bottom(format!(
                " {}/{}{}{selected_id}type to filter, Enter open, Esc close ",
                (list.selected() + 1).min(rows.len()),
                rows.len(),
                g.middle_dot()
            )),
        app.settings().glyphs,
    );
    let inner = block.inner(r);
    block.render(r, buf);
    let text_width = usize::from(inner.width.saturating_sub(2));
    let cursor = if app.settings().glyphs.fancy() {
        "▏"
    } else {
        "_"
    };
    buf.set_stringn(
        inner.x + 1,
        inner.y,
        format!(
            "Filter: {}{cursor}",
            clean(list.filter(), app.settings().glyphs)
        ),
        text_width,
        Style::new().add_modifier(Modifier::BOLD),
    );
    let room = usize::from(inner.height.saturating_sub(2));
    let skip = (list.selected() + 1).saturating_sub(room);
    for (n, (k, &i)) in rows.iter().enumerate().skip(skip).take(room).enumerate() {
        let y = inner.y + 2 + n as u16;
        super::list_row(
            app,
            buf,
            inner,
            y,
            &row(app, i),
            k == list.selected(),
            false,
        );
    }
    if rows.is_empty() {
        buf.set_stringn(
            inner.x + 1,
            inner.y + 2,
            "No article matches: Backspace or Esc",
            text_width,
            Style::new(),
        );
    }
}
