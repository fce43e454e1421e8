//! Bundles with many articles: the article list (`l`: titles, dates,
//! categories, how far the reader got, bookmarks; filtered as you type) and
//! `[`/`]` to the previous/next article. Every move between articles goes
//! into the jump history, so `Ctrl-o` comes back.

use super::overlay::{Overlay, Selection};
use super::{Action, App, Effect};

/// The article list overlay.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ArticleList {
    /// Index into the filtered rows.
    selection: Selection,
    /// Typed to narrow the list: words that must all appear (any case) in
    /// the title, category or id.
    filter: String,
}

impl ArticleList {
    /// Index into the filtered rows.
    pub fn selected(&self) -> usize {
        self.selection.get()
    }

    pub fn filter(&self) -> &str {
        &self.filter
    }
}

impl App {
    /// The articles the list shows, by index into the bundle.
    pub fn article_rows(&self) -> Vec<usize> {
        let filter = match self.overlay() {
            Some(Overlay::Articles(l)) => l.filter.to_lowercase(),
            _ => String::new(),
        };
        let words: Vec<&str> = filter.split_whitespace().collect();
        (self.bundle.articles.iter().enumerate())
            .filter(|(_, a)| {
                let hay = format!(
                    "{} {} {}",
                    a.title,
                    a.category.as_deref().unwrap_or_default(),
                    a.id
                )
                .to_lowercase();
                words.iter().all(|w| hay.contains(w))
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// How far into article `i` the reader's saved place is, in percent.
    pub fn article_progress(&self, i: usize) -> Option<usize> {
        let a = self.bundle.articles.get(i)?;
        let p = self
            .store
            .positions
            .iter()
            .find(|p| p.bundle == self.bundle.id && p.article == a.id)?;
        let total: usize = a.paragraphs.iter().map(String::len).sum::<usize>().max(1);
        let before: usize = a
            .paragraphs
            .iter()
            .take(p.anchor.paragraph)
            .map(String::len)
            .sum();
        Some(((before + p.anchor.offset) * 100 / total).min(100))
    }

    /// Bookmarks in article `i`.
    pub fn article_bookmarks(&self, i: usize) -> usize {
        let Some(a) = self.bundle.articles.get(i) else {
            return 0;
        };
        (self.store.bookmarks.iter())
            .filter(|b| b.bundle == self.bundle.id && b.article.as_deref() == Some(&a.id))
            .count()
    }

    pub(super) fn open_article_list(&mut self) -> Effect {
        let rows = self.article_rows();
        let selected = rows.iter().position(|&i| i == self.article).unwrap_or(0);
        self.open(Overlay::Articles(ArticleList {
            selection: Selection::at(selected),
            filter: String::new(),
        }));
        Effect::Redraw
    }

    pub(super) fn update_article_list(&mut self, action: Action) -> Effect {
        let count = self.article_rows().len();
        let page = self.list_page();
        let Some(Overlay::Articles(list)) = self.overlays.last_mut() else {
            return Effect::None;
        };
        if list.selection.step(action, count, page) {
            return Effect::Redraw;
        }
        match action {
            Action::PromptChar(c) if !c.is_control() => {
                list.filter.push(c);
                list.selection = Selection::default();
            }
            Action::PromptBackspace => {
                list.filter.pop();
                list.selection = Selection::default();
            }
            // Esc clears a filter first, then closes.
            Action::Close if !list.filter.is_empty() => {
                list.filter.clear();
                list.selection = Selection::default();
            }
            Action::Close | Action::ArticleList => {
                self.close();
            }
            Action::Follow => {
                let selected = list.selected();
                let target = self.article_rows().get(selected).copied();
                self.close();
                if let Some(i) = target {
                    self.go_to_article(i);
                }
            }
            _ => return Effect::None,
        }
        Effect::Redraw
    }

    /// Opens article `i` at the reader's last place in it, remembering this
    /// place for `Ctrl-o`.
    fn go_to_article(&mut self, i: usize) {
        if i != self.article {
            self.push_history();
            self.open_article(i);
        }
        self.focus = super::Focus::Article;
    }

    pub(super) fn step_article(&mut self, forward: bool) -> Effect {
        let count = self.bundle.articles.len();
        let next = if forward {
            (self.article + 1 < count).then_some(self.article + 1)
        } else {
            self.article.checked_sub(1)
        };
        match next {
            Some(i) => {
                self.go_to_article(i);
                self.message = Some(format!("Article {}/{count}", i + 1));
            }
            None => {
                self.message = Some(
                    if forward {
                        "This is the last article"
                    } else {
                        "This is the first article"
                    }
                    .into(),
                );
            }
        }
        Effect::Redraw
    }
}
