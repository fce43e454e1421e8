//! The mouse, when `--mouse` (or `mouse = true` in config.toml) asks for it:
//! the wheel scrolls the pane under the pointer, a click selects a news-line
//! entry or follows a footnote marker. Off by default, so that the
//! terminal's own text selection works.

use ratatui::layout::{Position, Rect};

use super::overlay::Overlay;
use super::{App, Effect};
use crate::layout::TextKind;
use crate::layout::screen::Focus;

/// Lines a wheel step moves.
const WHEEL_LINES: usize = 3;

impl App {
    /// The pane at (column, row), and the row within it; none while a list
    /// or the help covers the panes (a prompt is in the status bar).
    fn pane_at(&self, column: u16, row: u16) -> Option<(Focus, Rect)> {
        if (self.overlays.iter()).any(|o| !matches!(o, Overlay::Prompt(_))) {
            return None;
        }
        let r = self.regions()?;
        let at = Position::new(column, row);
        if let Some(a) = r.article.filter(|a| a.contains(at)) {
            return Some((Focus::Article, a));
        }
        r.news.filter(|n| n.contains(at)).map(|n| (Focus::News, n))
    }

    pub(super) fn wheel(&mut self, column: u16, row: u16, down: bool) -> Effect {
        let Some((pane, _)) = self.pane_at(column, row) else {
            return Effect::None;
        };
        match pane {
            Focus::Article => {
                let top = if down {
                    self.top + WHEEL_LINES
                } else {
                    self.top.saturating_sub(WHEEL_LINES)
                };
                let effect = self.scroll_to(top);
                self.keep_window();
                effect
            }
            Focus::News => {
                // The news line scrolls under the pointer; the selection stays.
                let rows = self.pane_heights().1;
                let last = self.news.lines.len().saturating_sub(rows);
                let top = if down {
                    (self.news_top + WHEEL_LINES).min(last)
                } else {
                    self.news_top.saturating_sub(WHEEL_LINES)
                };
                if top == self.news_top {
                    return Effect::None;
                }
                self.news_top = top;
                Effect::Redraw
            }
        }
    }

    pub(super) fn click(&mut self, column: u16, row: u16) -> Effect {
        let Some((pane, rect)) = self.pane_at(column, row) else {
            return Effect::None;
        };
        let line = usize::from(row - rect.y);
        match pane {
            Focus::News if self.news_filter.is_none() => {
                let entry = self
                    .news
                    .lines
                    .get(self.news_top + line)
                    .and_then(|l| l.entry);
                let Some(entry) = entry else {
                    return Effect::None;
                };
                self.focus = Focus::News;
                self.news_selected = entry;
                Effect::Redraw
            }
            Focus::News => Effect::None,
            Focus::Article => {
                if line >= self.article_view().body_rows {
                    return Effect::None;
                }
                let Some(doc_line) = self.layout.lines.get(self.top + line) else {
                    return Effect::None;
                };
                // The run under the pointer.
                let mut x = usize::from(rect.x) + self.layout.left;
                let target = usize::from(column);
                let marker = doc_line.runs.iter().find_map(|r| {
                    let w = unicode_width::UnicodeWidthStr::width(r.text.as_str());
                    let hit = (x..x + w).contains(&target);
                    x += w;
                    match r.kind {
                        TextKind::Marker { occurrence, .. } if hit => Some(occurrence),
                        _ => None,
                    }
                });
                self.focus = Focus::Article;
                match marker {
                    Some(occurrence) => {
                        self.current = Some(occurrence);
                        self.target_note = None;
                        self.follow()
                    }
                    None => Effect::Redraw,
                }
            }
        }
    }
}
