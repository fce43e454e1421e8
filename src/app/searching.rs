//! Search in the open article: `/` forward and `?` backward, incremental (the
//! view follows the first match as the query is typed, Esc goes back to where
//! the search began), `n`/`N` to the next/previous match, every match kept
//! highlighted. Matches are places in the source text ([`crate::search`]), so
//! they survive resizes and re-wraps.

use super::bookmarking::{Prompt, PromptPurpose};
use super::overlay::Overlay;
use super::{App, Effect};
use crate::layout::article::AnchorKey;
use crate::search::{Match, SearchText};

/// The search whose matches are highlighted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Search {
    pub query: String,
    pub forward: bool,
    pub matches: Vec<Match>,
    /// The match last gone to.
    pub current: Option<usize>,
}

impl App {
    pub(super) fn search_text(&mut self) -> &SearchText {
        if self
            .search_cache
            .as_ref()
            .is_some_and(|(a, _)| *a != self.article)
        {
            self.search_cache = None;
        }
        let (article, notes, outline) = (self.article, &self.notes, &self.outline);
        let bundle = &self.bundle;
        let (_, text) = self.search_cache.get_or_insert_with(|| {
            let text = bundle
                .articles
                .get(article)
                .map(|a| SearchText::new(a, notes, outline))
                .unwrap_or_default();
            (article, text)
        });
        text
    }

    pub(super) fn start_search(&mut self, forward: bool) -> Effect {
        self.open(Overlay::Prompt(Prompt {
            purpose: PromptPurpose::Search {
                forward,
                origin: self.layout.key_of(self.top),
            },
            question: if forward { "/" } else { "?" }.into(),
            text: String::new(),
            after: 0,
        }));
        Effect::Redraw
    }

    /// The query changed: find it again and show the first match from where
    /// the search began.
    pub(super) fn search_typed(&mut self, query: String, forward: bool, origin: AnchorKey) {
        let matches = self.search_text().find(&query);
        let from = (origin.block, origin.offset);
        let current = if forward {
            matches
                .iter()
                .position(|m| (m.block, m.start) >= from)
                .or((!matches.is_empty()).then_some(0))
        } else {
            matches
                .iter()
                .rposition(|m| (m.block, m.start) < from)
                .or(matches.len().checked_sub(1))
        };
        self.search = Some(Search {
            query,
            forward,
            matches,
            current,
        });
        match current {
            Some(i) => self.show_match(i),
            None => self.show_key(origin),
        }
    }

    /// Esc while typing: back where the search began, nothing highlighted.
    pub(super) fn search_cancelled(&mut self, origin: AnchorKey) {
        self.search = None;
        self.show_key(origin);
    }

    pub(super) fn search_accepted(&mut self) {
        match &self.search {
            Some(s) if s.matches.is_empty() && !s.query.is_empty() => {
                self.message = Some(format!("Pattern not found: {}", s.query));
            }
            Some(s) if s.query.is_empty() => self.search = None,
            _ => {}
        }
    }

    /// Redoes the search in another article (or after a reload).
    pub(super) fn search_again(&mut self) {
        if let Some(s) = self.search.take() {
            let matches = self.search_text().find(&s.query);
            self.search = Some(Search {
                matches,
                current: None,
                ..s
            });
        }
    }

    pub(super) fn show_match(&mut self, i: usize) {
        let Some(m) = self.search.as_ref().and_then(|s| s.matches.get(i)).copied() else {
            return;
        };
        if let Some(s) = self.search.as_mut() {
            s.current = Some(i);
        }
        self.lay_out_block(m.block);
        let line = self.layout.line_for(AnchorKey {
            block: m.block,
            offset: m.start,
            gap: 0,
        });
        self.reveal_line(line);
    }

    /// `n` (`same` true) and `N`: the next match in the search's direction,
    /// or the other way; from the current match when it is on screen, else
    /// from the screen; round the end with a message.
    pub(super) fn search_step(&mut self, same: bool) -> Effect {
        let Some(s) = self.search.clone() else {
            self.message = Some("No search yet: / searches forward, ? backward".into());
            return Effect::Redraw;
        };
        if s.matches.is_empty() {
            self.message = Some(format!("Pattern not found: {}", s.query));
            return Effect::Redraw;
        }
        let forward = s.forward == same;
        let line_of = |app: &App, m: &Match| {
            app.layout.line_for(AnchorKey {
                block: m.block,
                offset: m.start,
                gap: 0,
            })
        };
        let on_screen = |app: &App, m: &Match| {
            app.layout.blocks.contains(&m.block) && app.line_visible(line_of(app, m))
        };
        let count = s.matches.len();
        let here = s
            .current
            .filter(|&i| s.matches.get(i).is_some_and(|m| on_screen(self, m)));
        let top_key = self.layout.key_of(self.top);
        let next = match (here, forward) {
            (Some(i), true) => i + 1,
            (Some(i), false) => i.checked_sub(1).unwrap_or(count),
            (None, true) => s
                .matches
                .iter()
                .position(|m| (m.block, m.start) >= (top_key.block, top_key.offset))
                .unwrap_or(count),
            (None, false) => s
                .matches
                .iter()
                .rposition(|m| (m.block, m.start) < (top_key.block, top_key.offset))
                .unwrap_or(count),
        };
        let next = if next >= count {
            self.message = Some(
                if forward {
                    "Search hit the end, continued from the top"
                } else {
                    "Search hit the top, continued from the end"
                }
                .into(),
            );
            if forward { 0 } else { count - 1 }
        } else {
            next
        };
        self.show_match(next);
        Effect::Redraw
    }

    /// `3/17` while a search is highlighted.
    pub fn search_counter(&self) -> Option<String> {
        let s = self.search.as_ref()?;
        Some(match (s.current, s.matches.len()) {
            (_, 0) => "no match".into(),
            (Some(i), n) => format!("{}/{n}", i + 1),
            (None, 1) => "1 match".into(),
            (None, n) => format!("{n} matches"),
        })
    }
}
