//! The results of a search of every article: under each article's title, a
//! row per match with where it is (`¶3`, `title`, `related`, `note 5`) and a
//! snippet fitted to the row,
//! the match in bold and underlined (it reads without colour), the selected
//! row in reverse video and scrolled into view, the title of the article
//! scrolled into kept on the first row. Snippets are made for the rows on
//! screen only.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::widgets::{Block, Borders, Clear, Widget};
use unicode_width::UnicodeWidthStr;

use super::bookmark_list::truncate;
use super::help_overlay::bordered;
use crate::app::{App, BundleResults, thousands};
use crate::sanitize::clean;
use crate::search::{Hit, Part, fit_snippet, part_text};

/// A row of the list: an article's title, or a match (index into the hits).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Row {
    Article(usize),
    Match(usize),
}

fn rows(hits: &[Hit]) -> Vec<Row> {
    let mut out = Vec::with_capacity(hits.len() * 2);
    for (i, h) in hits.iter().enumerate() {
        if i == 0 || hits[i - 1].article != h.article {
            out.push(Row::Article(h.article));
        }
        out.push(Row::Match(i));
    }
    out
}

pub fn draw(app: &App, buf: &mut Buffer, area: Rect, list: &BundleResults) {
    let g = app.settings().glyphs;
    let hits = list.hits();
    let rows = rows(hits);
    let r = super::overlay_rect(area, 120, rows.len());
    Clear.render(r, buf);
    // The box's titles, cut to fit between its corners.
    let title_room = usize::from(r.width.saturating_sub(2));
    let block = bordered(
        Block::default()
            .borders(Borders::ALL)
            .title(truncate(
                &format!(" \"{}\": {} ", clean(list.query(), g), list.counter()),
                title_room,
                app,
            ))
            .title_bottom(truncate(
                &format!(
                    " {}/{}{}Enter go, Esc close ",
                    thousands(list.selected() + 1),
                    thousands(hits.len()),
                    g.middle_dot()
                ),
                title_room,
                app,
            )),
        g,
    );
    let inner = block.inner(r);
    block.render(r, buf);
    let room = usize::from(inner.height);
    let selected_row = (rows.iter())
        .position(|r| *r == Row::Match(list.selected()))
        .unwrap_or(0);
    let mut skip = (selected_row + 1).saturating_sub(room);
    // Scrolled into an article's matches: its title stays on the first row.
    let mut shown: Vec<Row> = Vec::with_capacity(room);
    if skip > 0 && room > 1 && matches!(rows.get(skip), Some(Row::Match(_))) {
        skip += 1;
        if let Some(&Row::Match(i)) = rows.get(skip)
            && let Some(h) = hits.get(i)
        {
            shown.push(Row::Article(h.article));
        }
    }
    shown.extend(rows.iter().skip(skip).take(room - shown.len()));
    // Where each match is, in one column: `¶3 `, `¶12`, `title`.
    let mark = if g.fancy() { "¶" } else { "p." };
    let label = |part: Part| match part {
        Part::Title => "title".to_string(),
        Part::Paragraph(p) => format!("{mark}{}", p + 1),
        Part::Related(_) => "related".to_string(),
        Part::Note(n) => format!("note {n}"),
    };
    let column = (hits.iter().map(|h| label(h.part).width()).max()).unwrap_or(1);
    let width = usize::from(inner.width.saturating_sub(2));
    for (n, row) in shown.iter().enumerate() {
        let y = inner.y + n as u16;
        match *row {
            Row::Article(a) => {
                let title = (app.bundle().articles.get(a))
                    .map(|a| clean(&a.title, g).into_owned())
                    .unwrap_or_default();
                super::list_row(app, buf, inner, y, &title, false, true);
            }
            Row::Match(i) => {
                let Some(hit) = hits.get(i) else { continue };
                let prefix = format!("  {:<column$} ", label(hit.part));
                let snippet_width = width.saturating_sub(prefix.width());
                let selected = i == list.selected();
                draw_match(app, buf, (inner, y), &prefix, hit, snippet_width, selected);
            }
        }
    }
}

/// One match's row: where it is, then its snippet.
fn draw_match(
    app: &App,
    buf: &mut Buffer,
    (inner, y): (Rect, u16),
    prefix: &str,
    hit: &Hit,
    width: usize,
    selected: bool,
) {
    let g = app.settings().glyphs;
    let text = (app.bundle().articles.get(hit.article))
        .map(|a| part_text(a, hit.part))
        .unwrap_or_default();
    let chars: Vec<char> = text.chars().collect();
    let part = |from: usize, to: usize| -> String {
        let text: String = chars
            .get(from.min(to)..to.min(chars.len()))
            .unwrap_or_default()
            .iter()
            .collect();
        clean(&text, g).into_owned()
    };
    let snippet = fit_snippet(
        &part(0, hit.text_start),
        &part(hit.text_start, hit.text_end),
        &part(hit.text_end, chars.len()),
        width,
        g.ellipsis(),
    );
    let style = super::selected_row(buf, inner, y, selected);
    let matched = style.add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
    let mut x = inner.x + 1;
    let right = inner.right().saturating_sub(1);
    for (text, style) in [
        (prefix, style),
        (snippet.before.as_str(), style),
        (snippet.hit.as_str(), matched),
        (snippet.after.as_str(), style),
    ] {
        let room = usize::from(right.saturating_sub(x));
        let (next, _) = buf.set_stringn(x, y, text, room, style);
        x = next;
    }
}
