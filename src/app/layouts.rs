//! Choosing the layout live: the key cycles `auto`, `beside`, `single`,
//! `below`, re-wrapping as a resize does (the reader keeps their paragraph
//! and word, and the news line its selection), and the status bar says once
//! when the size cannot give the layout both panes. Also the news line's
//! narrow form, where the selected headline is the one shown whole.

use super::{App, Effect};
use crate::layout::news::Headlines;
use crate::layout::screen::{
    BELOW_HEIGHT, BESIDE_WIDTH, Focus, Layout, MIN_ARTICLE_ROWS, MIN_NEWS_ROWS, regions,
};

/// A news pane narrower than this cuts headlines to a line each.
pub const CUT_WIDTH: u16 = 36;

impl App {
    pub(super) fn cycle_layout(&mut self) -> Effect {
        self.settings.layout = self.settings.layout.next();
        self.relayout();
        let name = self.settings.layout.name();
        let key = self.keymap.keys_of(crate::action::Action::CycleLayout);
        let next = key
            .first()
            .map_or(String::new(), |k| format!(" ({k}: next)"));
        self.message = Some(match self.fallback_text() {
            Some(why) => {
                self.fallback_said = true;
                format!("Layout {name}: {why}")
            }
            None => format!("Layout: {name}{next}"),
        });
        Effect::Redraw
    }

    /// Why the layout asked for shows one pane at a time at this size, if
    /// it does.
    fn fallback_text(&self) -> Option<String> {
        if !self.regions()?.fallback {
            return None;
        }
        Some(match self.settings.layout {
            Layout::Below => format!(
                "{} rows are too few for the news line below the article ({BELOW_HEIGHT} needed: {MIN_ARTICLE_ROWS} of article, {MIN_NEWS_ROWS} of headlines); Tab swaps them",
                self.area.height
            ),
            _ => format!(
                "{} columns are too few for the news line beside the article ({BESIDE_WIDTH} needed); Tab swaps them",
                self.area.width
            ),
        })
    }

    /// Says once in the status bar that the layout falls back to one pane
    /// at a time (when no other message is showing), and forgets it once
    /// both panes fit again.
    pub(super) fn say_fallback(&mut self) {
        match self.fallback_text() {
            None => self.fallback_said = false,
            Some(_) if self.fallback_said || self.message.is_some() => {}
            Some(why) => {
                self.message = Some(why);
                self.fallback_said = true;
            }
        }
    }

    /// How the news line's headlines are to be laid out, the selected one
    /// being `whole`: cut to a line each in a narrow panel or a strip
    /// under the article.
    pub(super) fn headlines_with(&self, whole: usize) -> Headlines {
        let r = regions(self.area, Focus::News, self.settings.layout);
        let narrow = r.is_some_and(|r| r.stacked() || r.news.is_some_and(|n| n.width < CUT_WIDTH));
        if narrow {
            Headlines::Cut { whole: Some(whole) }
        } else {
            Headlines::Wrapped
        }
    }

    /// [`App::headlines_with`] the news line's selection.
    pub(super) fn headlines(&self) -> Headlines {
        self.headlines_with(self.news_selected)
    }

    /// Lays the news line (and its filter) out again when the selection
    /// moved in a cut news line, keeping the selected headline's first row
    /// where it was on screen and all of it in view.
    pub(super) fn keep_news_whole(&mut self) {
        if self.headlines() != self.news.headlines {
            let row = (self.news.span(self.news_selected))
                .map(|(first, _)| first.saturating_sub(self.news_top));
            let window = self.news.entries();
            let window = if window.contains(&self.news_selected) {
                window
            } else {
                self.news_window()
            };
            self.lay_out_news(window);
            if let (Some(row), Some((first, _))) = (row, self.news.span(self.news_selected)) {
                self.news_top = first.saturating_sub(row);
            }
            self.reveal_news_selection();
        }
        let wanted = (self.news_filter.as_ref()).map(|f| self.headlines_with(f.selected));
        if let Some(wanted) = wanted
            && self.news_filter.as_ref().map(|f| f.layout.headlines) != Some(wanted)
        {
            self.lay_out_news_filter();
        }
    }
}
