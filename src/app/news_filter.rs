//! Filtering the news line: `/` in the news line narrows it to the headlines
//! that fuzzily match what is typed, best first (nucleo, as in the helix
//! editor), as you type; `Enter` keeps the filter to move in, `Esc` clears it
//! and returns to the full news line at the entry that was selected.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher};

use super::bookmarking::{Prompt, PromptPurpose};
use super::overlay::Overlay;
use super::{Action, App, Effect};
use crate::layout::news::{NewsLayout, layout_news_proofed};

/// The best matches shown, at most: a filter is for finding, not for paging
/// through a hundred thousand near-misses.
const MOST: usize = 1000;

/// A filtered news line.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NewsFilter {
    pub query: String,
    /// Indexes into the bundle's news line of the matching entries, best first.
    pub hits: Vec<usize>,
    /// The hits laid out (entry `i` of it is `hits[i]`).
    pub layout: NewsLayout,
    /// Index into `hits`.
    pub selected: usize,
    pub top: usize,
}

/// The entries of `headlines` matching `query`, best first (ties in their
/// order); all of them for an empty query.
pub fn rank(headlines: &[&str], query: &str) -> Vec<usize> {
    if query.trim().is_empty() {
        return (0..headlines.len()).collect();
    }
    let pattern = Pattern::parse(query, CaseMatching::Smart, Normalization::Smart);
    let mut matcher = Matcher::new(Config::DEFAULT);
    let items = headlines.iter().enumerate().map(|(i, h)| Headline(i, h));
    let mut scored: Vec<(u32, usize)> = pattern
        .match_list(items, &mut matcher)
        .into_iter()
        .map(|(h, score)| (score, h.0))
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().map(|(_, i)| i).collect()
}

/// A headline and its place in the news line, for the matcher.
struct Headline<'a>(usize, &'a str);

impl AsRef<str> for Headline<'_> {
    fn as_ref(&self) -> &str {
        self.1
    }
}

impl App {
    pub(super) fn start_news_filter(&mut self) -> Effect {
        let text = self
            .news_filter
            .as_ref()
            .map(|f| f.query.clone())
            .unwrap_or_default();
        self.open(Overlay::Prompt(Prompt {
            purpose: PromptPurpose::NewsFilter,
            question: "Filter headlines: ".into(),
            text,
            after: 0,
        }));
        if self.news_filter.is_none() {
            self.news_filter_typed(String::new());
        }
        Effect::Redraw
    }

    /// The query changed: rank the headlines again.
    pub(super) fn news_filter_typed(&mut self, query: String) {
        let headlines: Vec<&str> = self
            .bundle
            .news_line
            .iter()
            .map(|e| e.headline.as_str())
            .collect();
        let mut hits = rank(&headlines, &query);
        hits.truncate(MOST);
        self.news_filter = Some(NewsFilter {
            query,
            hits,
            ..NewsFilter::default()
        });
        self.lay_out_news_filter();
    }

    /// Lays the hits out for the news pane's width.
    pub(super) fn lay_out_news_filter(&mut self) {
        let width = usize::from(self.pane_rects().1.width);
        let rows = self.pane_heights().1;
        let glyphs = self.settings.glyphs;
        let proof = self.news_proof();
        let headlines = (self.news_filter.as_ref()).map(|f| self.headlines_with(f.selected));
        let (Some(f), Some(headlines)) = (self.news_filter.as_mut(), headlines) else {
            return;
        };
        let entries: Vec<_> = f
            .hits
            .iter()
            .filter_map(|&i| self.bundle.news_line.get(i).cloned())
            .collect();
        // The proof view's findings, by place in the filtered list (not in
        // the news line), so each stays under its own headline.
        let proof = proof.map(|p| {
            (f.hits.iter().enumerate())
                .filter_map(|(k, i)| Some((k, p.get(i)?.clone())))
                .collect::<crate::layout::news::NewsProof>()
        });
        f.layout = layout_news_proofed(
            &entries,
            0..entries.len(),
            width,
            glyphs,
            headlines,
            proof.as_ref(),
        );
        f.selected = f.selected.min(f.hits.len().saturating_sub(1));
        reveal(f, rows);
    }

    /// Clears the filter, back at the entry that was selected in it.
    pub(super) fn clear_news_filter(&mut self) -> Effect {
        if let Some(f) = self.news_filter.take()
            && let Some(&i) = f.hits.get(f.selected)
        {
            self.news_selected = i;
            self.ensure_news_window();
            self.reveal_news_selection();
        }
        Effect::Redraw
    }

    /// Moving in the filtered news line; `None`: not a filter's action.
    pub(super) fn update_news_filter(&mut self, action: &Action) -> Option<Effect> {
        let rows = self.pane_heights().1.max(1);
        let f = self.news_filter.as_mut()?;
        let last = f.hits.len().saturating_sub(1);
        let selected = match action {
            Action::Close => return Some(self.clear_news_filter()),
            Action::FilterNews => return Some(self.start_news_filter()),
            Action::Follow => {
                let target = f.hits.get(f.selected).copied()?;
                self.news_filter = None;
                self.news_selected = target;
                self.ensure_news_window();
                self.reveal_news_selection();
                return Some(self.open_news_entry());
            }
            Action::LineDown | Action::OneLineDown => (f.selected + 1).min(last),
            Action::LineUp | Action::OneLineUp => f.selected.saturating_sub(1),
            Action::PageDown | Action::HalfPageDown => (f.selected + rows / 2).min(last),
            Action::PageUp | Action::HalfPageUp => f.selected.saturating_sub(rows / 2),
            Action::Top => 0,
            Action::Bottom => last,
            _ => return None,
        };
        if selected == f.selected {
            return Some(Effect::None);
        }
        f.selected = selected;
        reveal(f, rows);
        Some(Effect::Redraw)
    }
}

/// Scrolls the filtered list so its selection is on screen.
fn reveal(f: &mut NewsFilter, rows: usize) {
    let Some((first, count)) = f.layout.span(f.selected) else {
        f.top = 0;
        return;
    };
    if first < f.top {
        f.top = first.saturating_sub(1);
    } else if first + count > f.top + rows {
        f.top = (first + count).saturating_sub(rows);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fuzzy_ranked_smart_case() {
        let h = [
            "Azerbaijan and Turkey hold exercises",
            "Weather turns cold in Baku",
            "Azerbaijani army drills near border",
            "Markets open higher",
        ];
        assert_eq!(rank(&h, ""), [0, 1, 2, 3]);
        let hits = rank(&h, "azer drill");
        assert_eq!(hits.first(), Some(&2), "{hits:?}");
        assert!(!hits.contains(&3));
        assert_eq!(rank(&h, "bku"), [1], "fuzzy: letters in order");
        assert_eq!(
            rank(&h, "BAKU"),
            Vec::<usize>::new(),
            "a capital makes it exact"
        );
    }
}
