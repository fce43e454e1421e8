//! Searching every article of the bundle: `S` asks for a query (the prompt,
//! with its line editing; smart case and accents as `/` has them), then
//! lists the matches in an overlay: article, where in it (title, paragraph,
//! related link, note: what `/` searches), a snippet. Enter
//! opens the article at the match and sets the article's search to the same
//! query, so `n`/`N` go on from there and `Ctrl-o` comes back.
//!
//! The search runs when Enter is pressed, not as the query is typed: a huge
//! bundle is read once per query, not once per letter. The list keeps the
//! first [`MOST`] matches, which is all a list is read for; the search stops
//! there, so a word found a million times costs no more than a rare one.

use super::bookmarking::{Prompt, PromptPurpose};
use super::overlay::{Overlay, Selection};
use super::searching::Search;
use super::{Action, App, Effect};
use crate::layout::screen::Focus;
use crate::search::{BundleHits, Hit, search_bundle};

/// The most matches the list holds.
pub const MOST: usize = 1000;

/// The results list overlay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleResults {
    query: String,
    found: BundleHits,
    selection: Selection,
}

impl BundleResults {
    /// What was searched for.
    pub fn query(&self) -> &str {
        &self.query
    }

    /// The matches listed, in bundle order.
    pub fn hits(&self) -> &[Hit] {
        &self.found.hits
    }

    /// Index into [`BundleResults::hits`].
    pub fn selected(&self) -> usize {
        self.selection.get()
    }

    /// How many matches, in how many articles: `12 matches in 4 articles`;
    /// `1,000+ matches in 37+ articles` when the list is capped.
    pub fn counter(&self) -> String {
        let hits = self.hits();
        let articles = 1 + hits
            .windows(2)
            .filter(|w| w[0].article != w[1].article)
            .count();
        let more = if self.found.more { "+" } else { "" };
        let plural = |n: usize, one: &str, many: &str| {
            if n == 1 && more.is_empty() {
                one.to_string()
            } else {
                many.to_string()
            }
        };
        format!(
            "{}{more} {} in {articles}{more} {}",
            thousands(hits.len()),
            plural(hits.len(), "match", "matches"),
            plural(articles, "article", "articles"),
        )
    }
}

/// `1000` as `1,000`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

impl App {
    /// `S`: asks for the query, the last one filled in to edit.
    pub(super) fn start_bundle_search(&mut self) -> Effect {
        self.open(Overlay::Prompt(Prompt {
            purpose: PromptPurpose::BundleSearch,
            question: "Search all articles: ".into(),
            text: self.bundle_query.clone(),
            after: 0,
        }));
        Effect::Redraw
    }

    /// The bundle search's prompt, for what its line editing does not take.
    pub(super) fn update_bundle_prompt(&mut self, action: Action) -> Effect {
        match action {
            // Backspace arrives here on an empty line only: it leaves.
            Action::PromptCancel | Action::PromptBackspace => {
                self.close();
                Effect::Redraw
            }
            Action::PromptAccept => {
                let Some(Overlay::Prompt(prompt)) = self.close() else {
                    return Effect::Redraw;
                };
                self.run_bundle_search(prompt.text);
                Effect::Redraw
            }
            _ => Effect::None,
        }
    }

    /// Searches every article and lists the matches; says so when there
    /// are none.
    fn run_bundle_search(&mut self, query: String) {
        if query.is_empty() {
            return;
        }
        self.bundle_query = query.clone();
        let found = search_bundle(&self.bundle.articles, &query, MOST);
        if found.hits.is_empty() {
            self.message = Some(format!("Pattern not found in any article: {query}"));
            return;
        }
        self.open(Overlay::Results(BundleResults {
            query,
            found,
            selection: Selection::default(),
        }));
    }

    pub(super) fn update_results(&mut self, action: Action) -> Effect {
        let page = self.list_page();
        let Some(Overlay::Results(list)) = self.overlays.last_mut() else {
            return Effect::None;
        };
        let count = list.hits().len();
        let was = list.selected();
        if list.selection.step(action, count, page) {
            return if list.selected() == was {
                Effect::None
            } else {
                Effect::Redraw
            };
        }
        match action {
            Action::Close => {
                self.close();
            }
            Action::SearchBundle => {
                self.close();
                return self.start_bundle_search();
            }
            Action::Follow => {
                let hit = list.hits().get(list.selected()).copied();
                let query = list.query.clone();
                self.close();
                if let Some(hit) = hit {
                    self.go_to_hit(query, hit);
                }
            }
            _ => return Effect::None,
        }
        Effect::Redraw
    }

    /// Opens `hit`'s article at it, highlighted as the article's search
    /// highlights its current match, with that search set to `query`.
    fn go_to_hit(&mut self, query: String, hit: Hit) {
        self.push_history();
        if hit.article != self.article {
            self.open_article(hit.article);
        }
        self.focus = Focus::Article;
        self.current = None;
        self.target_note = None;
        let matches = self.search_text().find(&query);
        let block = hit.part.block(self.layout.outline());
        let at = (matches
            .iter()
            .position(|m| m.block == block && m.start == hit.start))
        .or_else(|| matches.iter().position(|m| m.block >= block));
        self.search = Some(Search {
            query,
            forward: true,
            matches,
            current: None,
        });
        if let Some(i) = at {
            self.show_match(i);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn results(hits: &[(usize, usize)], more: bool) -> BundleResults {
        let hits = (hits.iter())
            .map(|&(article, paragraph)| Hit {
                article,
                part: crate::search::Part::Paragraph(paragraph),
                start: 0,
                end: 1,
                text_start: 0,
                text_end: 1,
            })
            .collect();
        BundleResults {
            query: "x".into(),
            found: BundleHits { hits, more },
            selection: Selection::default(),
        }
    }

    #[test]
    fn the_counter_says_matches_and_articles_and_a_cap() {
        assert_eq!(results(&[(0, 1)], false).counter(), "1 match in 1 article");
        assert_eq!(
            results(&[(0, 1), (0, 2), (3, 0)], false).counter(),
            "3 matches in 2 articles"
        );
        let many: Vec<(usize, usize)> = (0..1000).map(|i| (i / 30, i)).collect();
        assert_eq!(
            results(&many, true).counter(),
            "1,000+ matches in 34+ articles"
        );
        assert_eq!(thousands(1234567), "1,234,567");
        assert_eq!(thousands(999), "999");
    }
}
