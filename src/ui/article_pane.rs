//! The article pane: the visible lines of the laid-out article, and the
//! footnote strip at its foot.

use std::sync::Arc;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use unicode_width::UnicodeWidthStr;

use super::{draw_runs, style_for};
use crate::app::App;
use crate::layout::{Run, TextKind};
use crate::links::hyperlink_target;
use crate::render::encoder::Links;
use crate::search::Match;

/// `runs` cut where search matches begin and end, each piece marked: not a
/// match, a match, or the current match.
fn split_matches(
    runs: &[Run],
    block: usize,
    matches: &[Match],
    current: Option<Match>,
) -> Vec<(Run, u8)> {
    let mut out = Vec::new();
    for r in runs {
        let Some(source) = r.source else {
            out.push((r.clone(), 0));
            continue;
        };
        let chars: Vec<char> = r.text.chars().collect();
        let mark = |i: usize| {
            let at = source + i;
            let hit = |m: &Match| m.block == block && m.start <= at && at < m.end;
            match current {
                Some(c) if hit(&c) => 2,
                _ if matches.iter().any(hit) => 1,
                _ => 0,
            }
        };
        let mut start = 0;
        while start < chars.len() {
            let kind = mark(start);
            let mut end = start + 1;
            while end < chars.len() && mark(end) == kind {
                end += 1;
            }
            let text: String = chars[start..end].iter().collect();
            out.push((
                Run {
                    text,
                    kind: r.kind,
                    source: Some(source + start),
                },
                kind,
            ));
            start = end;
        }
    }
    out
}

pub fn draw(app: &App, buf: &mut Buffer, rect: Rect) {
    let layout = &app.layout();
    let view = app.article_view();
    let current = app
        .current()
        .and_then(|i| layout.markers.get(i))
        .map(|m| m.note);
    let theme = app.theme();
    let left = u16::try_from(layout.left).unwrap_or(0).min(rect.width);
    let x = rect.x + left;
    let width = rect.width - left;

    for (row, line) in layout
        .lines
        .iter()
        .skip(app.top())
        .take(view.body_rows)
        .enumerate()
    {
        let y = rect.y + row as u16;
        let style = |r: &Run| {
            let highlight = match r.kind {
                TextKind::Marker { occurrence, .. } => app.current() == Some(occurrence),
                TextKind::NoteLabel { note } | TextKind::NoteText { note } => {
                    app.target_note() == Some(note)
                }
                _ => false,
            };
            style_for(r.kind, &theme, highlight)
        };
        match &app.search() {
            Some(s) if !s.matches.is_empty() => {
                let current = s.current.and_then(|i| s.matches.get(i)).copied();
                // Only this block's matches (they are in reading order): a
                // query matching everywhere costs a screenful, not the article.
                let block = line.key.block;
                let from = s.matches.partition_point(|m| m.block < block);
                let to = s.matches.partition_point(|m| m.block <= block);
                let here = s.matches.get(from..to).unwrap_or_default();
                let pieces = split_matches(&line.runs, block, here, current);
                let runs: Vec<Run> = pieces.iter().map(|(r, _)| r.clone()).collect();
                let next = std::cell::Cell::new(0);
                // Every match underlined and bold, the current one reversed:
                // all of it reads without colour.
                draw_runs(buf, x, y, width, &runs, |r| {
                    let base = style(r);
                    let i = next.get();
                    next.set(i + 1);
                    match pieces.get(i).map(|p| p.1) {
                        Some(2) => base.add_modifier(Modifier::REVERSED | Modifier::BOLD),
                        Some(1) => base.add_modifier(Modifier::UNDERLINED | Modifier::BOLD),
                        _ => base,
                    }
                });
            }
            _ => draw_runs(buf, x, y, width, &line.runs, style),
        }
    }

    let strip_top = rect.bottom().saturating_sub(view.strip.len() as u16);
    for (i, row) in view.strip.iter().enumerate() {
        draw_runs(buf, x, strip_top + i as u16, width, row, |r| {
            let highlight = matches!(r.kind, TextKind::NoteLabel { note } if current == Some(note));
            style_for(r.kind, &theme, highlight)
        });
    }
}

/// The OSC 8 hyperlinks of the pane in `rect`: the source name of each note
/// with a web link, in Sources and in the footnote strip. `links` has a cell
/// for each of `area`'s.
pub fn hyperlinks(app: &App, rect: Rect, area: Rect, links: &mut Links) {
    let layout = &app.layout();
    let view = app.article_view();
    let left = u16::try_from(layout.left).unwrap_or(0).min(rect.width);
    let x = rect.x + left;
    let targets: Vec<Option<Arc<str>>> = (layout.note_links.iter())
        .map(|l| l.as_deref().and_then(hyperlink_target).map(Arc::from))
        .collect();
    let mut mark = |y: u16, runs: &[Run]| {
        let mut at = usize::from(x);
        for r in runs {
            let w = r.text.width();
            if let TextKind::NoteText { note } = r.kind
                && let Some(Some(target)) = targets.get(note - 1)
            {
                let end = (at + w).min(usize::from(rect.right()));
                for cx in at..end {
                    let i = usize::from(y - area.y) * usize::from(area.width) + cx
                        - usize::from(area.x);
                    if let Some(cell) = links.get_mut(i) {
                        *cell = Some(Arc::clone(target));
                    }
                }
            }
            at += w;
        }
    };
    let body = layout.lines.iter().skip(app.top()).take(view.body_rows);
    for (row, line) in body.enumerate() {
        mark(rect.y + row as u16, &line.runs);
    }
    let strip_top = rect.bottom().saturating_sub(view.strip.len() as u16);
    for (i, row) in view.strip.iter().enumerate() {
        mark(strip_top + i as u16, row);
    }
}
