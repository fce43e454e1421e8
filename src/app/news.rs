//! The news line: moving the selection (a huge news line is laid out a
//! window of entries at a time, around the selection), keeping it on screen,
//! and opening the headline's article.

use super::{Action, App, Effect};
use crate::layout::news::layout_news_proofed;
use crate::layout::screen::Focus;

/// Where lines are lists (the news line, the help), one line is a line.
fn one_line_is_a_line(action: Action) -> Action {
    match action {
        Action::OneLineDown => Action::LineDown,
        Action::OneLineUp => Action::LineUp,
        a => a,
    }
}
/// Entries of the news line laid out at a time, and how close the selection
/// may come to the window's edge before it moves (more than any page).
const NEWS_WINDOW: usize = 2000;
const NEWS_MARGIN: usize = 500;

impl App {
    /// The entries to lay out: all of a usual news line, a window around the
    /// selection of a huge one.
    pub(super) fn news_window(&self) -> std::ops::Range<usize> {
        let count = self.bundle.news_line.len();
        let start = self.news_selected.saturating_sub(NEWS_WINDOW / 2);
        let end = (start + NEWS_WINDOW).min(count);
        end.saturating_sub(NEWS_WINDOW)..end
    }

    pub(super) fn lay_out_news(&mut self, window: std::ops::Range<usize>) {
        let width = usize::from(self.pane_rects().1.width);
        let proof = self.news_proof();
        self.news = layout_news_proofed(
            &self.bundle.news_line,
            window,
            width,
            self.settings.glyphs,
            self.headlines(),
            proof.as_ref(),
        );
    }

    /// Moves the window when the selection nears its edge, keeping the
    /// selected entry where it is on screen.
    pub(super) fn ensure_news_window(&mut self) {
        let count = self.bundle.news_line.len();
        let w = self.news.entries();
        let near_start = w.start > 0 && self.news_selected < w.start + NEWS_MARGIN;
        let near_end = w.end < count && self.news_selected + NEWS_MARGIN >= w.end;
        if !(near_start || near_end || !w.contains(&self.news_selected)) {
            return;
        }
        let row = self
            .news
            .span(self.news_selected)
            .map(|(first, _)| first.saturating_sub(self.news_top));
        let window = self.news_window();
        self.lay_out_news(window);
        if let (Some(row), Some((first, _))) = (row, self.news.span(self.news_selected)) {
            self.news_top = first.saturating_sub(row);
        }
    }

    pub(super) fn update_news(&mut self, action: Action) -> Effect {
        let action = one_line_is_a_line(action);
        if self.news_filter.is_some()
            && let Some(effect) = self.update_news_filter(&action)
        {
            return effect;
        }
        let count = self.bundle.news_line.len();
        if count == 0 {
            return Effect::None;
        }
        self.ensure_news_window();
        let rows = self.pane_heights().1.max(1);
        let sel = self.news_selected;
        let line_of = |i: usize| self.news.span(i).map_or(0, |e| e.0);
        let by_lines = |delta: isize| {
            let line = line_of(sel).saturating_add_signed(delta);
            self.news.entry_at_or_after(line).unwrap_or(count - 1)
        };
        let new = match action {
            Action::LineDown => (sel + 1).min(count - 1),
            Action::LineUp => sel.saturating_sub(1),
            Action::PageDown => by_lines(rows as isize),
            Action::PageUp => by_lines(-(rows as isize)),
            Action::HalfPageDown => by_lines(rows.div_ceil(2) as isize),
            Action::HalfPageUp => by_lines(-(rows.div_ceil(2) as isize)),
            Action::Top => 0,
            Action::Bottom => count - 1,
            Action::Follow => return self.open_news_entry(),
            Action::JumpBack => return self.jump(true),
            _ => sel,
        };
        if new == sel {
            return Effect::None;
        }
        self.news_selected = new;
        self.ensure_news_window();
        self.reveal_news_selection();
        Effect::Redraw
    }

    /// Scrolls the news line so the selected entry (and its day heading, when
    /// it is the first of its day) is on screen.
    pub(super) fn reveal_news_selection(&mut self) {
        let rows = self.pane_heights().1.max(1);
        let len = self.news.lines.len();
        let Some((first, count)) = self.news.span(self.news_selected) else {
            self.news_top = 0;
            return;
        };
        let mut start = first;
        if first > 0
            && self
                .news
                .lines
                .get(first - 1)
                .is_some_and(|l| l.entry.is_none())
        {
            start = first - 1;
        }
        if start < self.news_top {
            self.news_top = start;
        } else if first + count > self.news_top + rows {
            self.news_top = (first + count).saturating_sub(rows).min(first);
        }
        self.news_top = self.news_top.min(len.saturating_sub(rows));
    }

    pub(super) fn open_news_entry(&mut self) -> Effect {
        let Some(entry) = self.bundle.news_line.get(self.news_selected) else {
            return Effect::None;
        };
        let Some(target) = entry.article.clone() else {
            // Its link, when it has one, is where it can be read.
            self.message = Some(match entry.url.as_deref().filter(|u| !u.is_empty()) {
                Some(url) => {
                    format!("This headline has no article in this bundle; it links to {url}")
                }
                None => "This headline has no article in this bundle".into(),
            });
            return Effect::Redraw;
        };
        let Some(index) = self.bundle.articles.iter().position(|a| a.id == target) else {
            return Effect::None;
        };
        self.push_history();
        if index != self.article {
            self.open_article(index);
        }
        self.focus = Focus::Article;
        Effect::Redraw
    }
}
