//! Bookmarks in the reader: `m` (with a label prompt), the bookmark list
//! (jump, rename, delete, all bundles), and remembering where each article was
//! left. Changes are applied to the in-memory copy at once and leave the
//! update as [`Command::Store`](super::Command::Store); the shell writes them
//! and answers with [`Msg::Stored`](super::Msg::Stored).

use chrono::SecondsFormat;

use crate::bookmarks::anchor::key_of;
use crate::bookmarks::model::relative_age;
use crate::bookmarks::store::Loaded;
use crate::bookmarks::{
    Bookmark, BookmarkFile, NewsRef, Position, Resolved, StoreOp, anchor_at, resolve,
};
use crate::layout::screen::Focus;

use super::overlay::{Overlay, Selection};
use super::{Action, App, Effect};

/// What the prompt's text is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptPurpose {
    /// The label of a new bookmark (empty: no label).
    NewBookmark(Box<Bookmark>),
    Rename {
        id: String,
    },
    /// y deletes, anything else keeps it.
    ConfirmDelete {
        id: String,
    },
    /// The news-line filter, typed.
    NewsFilter,
    /// A query to search every article for (on Enter).
    BundleSearch,
    /// A search query, typed incrementally from `origin`.
    Search {
        forward: bool,
        origin: crate::layout::article::AnchorKey,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub purpose: PromptPurpose,
    /// What the prompt asks, shown before the text.
    pub question: String,
    pub text: String,
    /// Where the cursor is: this many characters before the end of `text`
    /// (0: at the end, where a new prompt starts).
    pub after: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct BookmarkList {
    selection: Selection,
    /// Bookmarks of every bundle, not only this one.
    all_bundles: bool,
}

impl BookmarkList {
    pub fn selected(&self) -> usize {
        self.selection.get()
    }

    /// Bookmarks of every bundle, not only this one.
    pub fn all_bundles(&self) -> bool {
        self.all_bundles
    }
}

/// A row of the bookmark list, as it is to be shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListItem {
    pub id: String,
    /// The bundle, when the list shows every bundle and it is another one.
    pub other_bundle: Option<String>,
    /// The article title (or "News line").
    pub place: String,
    pub label: Option<String>,
    /// The text there: the snippet, or the headline.
    pub excerpt: String,
    pub age: String,
    /// Not found in the bundle as it is now.
    pub lost: bool,
}

pub(super) const LABEL_LIMIT: usize = 200;

/// A list action on one bookmark, waiting for the store to be read again so
/// that a bookmark another window deleted is not acted on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Awaiting {
    /// Refresh the list only (it was just opened).
    Refresh,
    Follow(String),
    /// Open the rename prompt.
    Rename(String),
    /// Open the confirmation prompt.
    Delete(String),
    /// The change a prompt accepted: a rename or a confirmed delete.
    Write(StoreOp),
}

/// Said when the bookmark acted on is no longer in the store.
pub const DELETED_ELSEWHERE: &str =
    "That bookmark was deleted elsewhere (another window): nothing done";

impl App {
    fn bundle_id(&self) -> &str {
        &self.bundle.id
    }

    fn article_id(&self) -> Option<&str> {
        self.bundle
            .articles
            .get(self.article)
            .map(|a| a.id.as_str())
    }

    /// Queues a change: applied here at once, written by the shell (a demo
    /// writes nothing: its changes last for the session).
    fn request(&mut self, op: StoreOp) {
        op.apply(&mut self.store);
        if !self.settings.demo {
            self.outbox.push(op);
        }
    }

    /// Remembers where the reader is in the open article.
    pub(super) fn save_position(&mut self) {
        let Some(article) = self.bundle.articles.get(self.article) else {
            return;
        };
        // `--no-restore` opened it at the top: still there, the reader has
        // not moved, and the place saved before stays.
        if !self.settings.restore && self.top == 0 {
            return;
        }
        let anchor = anchor_at(article, &self.layout, self.top);
        let position = Position {
            bundle: self.bundle.id.clone(),
            article: article.id.clone(),
            anchor,
            updated: self.now,
            extra: Default::default(),
        };
        let unchanged = self.store.positions.iter().any(|p| {
            p.bundle == position.bundle
                && p.article == position.article
                && p.anchor == position.anchor
        });
        if !unchanged {
            self.request(StoreOp::SetPosition(position));
        }
    }

    /// Opens the article where the reader last left it.
    pub(super) fn restore_position(&mut self) {
        if !self.settings.restore {
            return;
        }
        let (Some(article), Some(id)) = (self.bundle.articles.get(self.article), self.article_id())
        else {
            return;
        };
        let found = self
            .store
            .positions
            .iter()
            .find(|p| p.bundle == self.bundle.id && p.article == id)
            .map(|p| resolve(article, &p.anchor));
        if let Some(Resolved::At {
            paragraph, offset, ..
        }) = found
        {
            self.show_key(key_of(&self.layout, paragraph, offset));
        }
    }

    pub(super) fn store_loaded(&mut self, loaded: Loaded) -> Effect {
        let was = self.selected_bookmark();
        self.store = loaded.file;
        self.shared_store = !self.settings.demo;
        self.read_only = loaded.read_only.clone();
        self.message = match (loaded.notice, loaded.read_only) {
            (Some(notice), Some(why)) if notice != why => {
                Some(format!("{notice}; bookmarks cannot be saved: {why}"))
            }
            (Some(notice), _) => Some(notice),
            (None, Some(why)) => Some(format!("Bookmarks cannot be saved: {why}")),
            (None, None) => None,
        };
        self.refresh_list(was);
        if self.top == 0 {
            self.restore_position();
        }
        Effect::Redraw
    }

    pub(super) fn stored(
        &mut self,
        result: Result<(BookmarkFile, Option<String>), String>,
    ) -> Effect {
        let was = self.selected_bookmark();
        match result {
            Ok((file, notice)) => {
                self.store = file;
                self.read_only = None;
                if notice.is_some() {
                    self.message = notice;
                }
            }
            Err(why) => {
                if self.read_only.is_none() {
                    self.message = Some(format!("Bookmarks cannot be saved: {why}"));
                }
                self.read_only = Some(why);
            }
        }
        self.refresh_list(was);
        Effect::Redraw
    }

    pub(super) fn mark(&mut self) -> Effect {
        let base = Bookmark {
            id: String::new(),
            bundle: self.bundle.id.clone(),
            article: None,
            anchor: None,
            news: None,
            label: None,
            created: self.now,
            extra: Default::default(),
        };
        let (bookmark, what) = match self.focus {
            Focus::Article => {
                let Some(article) = self.bundle.articles.get(self.article) else {
                    return Effect::None;
                };
                let anchor = anchor_at(article, &self.layout, self.top);
                let id = format!(
                    "{}/{}/{}/{}:{}",
                    self.now.to_rfc3339_opts(SecondsFormat::Nanos, true),
                    self.bundle.id,
                    article.id,
                    anchor.paragraph,
                    anchor.offset
                );
                let what = format!("paragraph {}", anchor.paragraph + 1);
                let b = Bookmark {
                    id,
                    article: Some(article.id.clone()),
                    anchor: Some(anchor),
                    ..base
                };
                (b, what)
            }
            Focus::News => {
                let Some(entry) = self.bundle.news_line.get(self.news_selected) else {
                    return Effect::None;
                };
                let news = NewsRef {
                    time: entry.time,
                    headline: entry.headline.clone(),
                    extra: Default::default(),
                };
                let id = format!(
                    "{}/{}/news/{}",
                    self.now.to_rfc3339_opts(SecondsFormat::Nanos, true),
                    self.bundle.id,
                    entry.time
                );
                (
                    Bookmark {
                        id,
                        news: Some(news),
                        ..base
                    },
                    "this headline".to_string(),
                )
            }
        };
        self.open(Overlay::Prompt(Prompt {
            purpose: PromptPurpose::NewBookmark(Box::new(bookmark)),
            question: format!("Bookmark {what}. Label (optional), Enter saves, Esc cancels: "),
            text: String::new(),
            after: 0,
        }));
        Effect::Redraw
    }

    pub(super) fn update_prompt(&mut self, action: Action) -> Effect {
        let Some(Overlay::Prompt(prompt)) = self.overlays.last_mut() else {
            return Effect::None;
        };
        if let PromptPurpose::ConfirmDelete { id } = &prompt.purpose {
            let id = id.clone();
            self.close();
            if action == Action::PromptChar('y') || action == Action::PromptChar('Y') {
                return self.after_read(Awaiting::Write(StoreOp::Delete { id }));
            } else {
                self.message = Some("Kept".into());
            }
            return Effect::Redraw;
        }
        if let Some(effect) = self.edit_prompt(action) {
            return effect;
        }
        let Some(Overlay::Prompt(prompt)) = self.overlays.last_mut() else {
            return Effect::None;
        };
        if prompt.purpose == PromptPurpose::BundleSearch {
            return self.update_bundle_prompt(action);
        }
        if prompt.purpose == PromptPurpose::NewsFilter {
            match action {
                Action::PromptChar(c) if !c.is_control() => prompt.text.push(c),
                Action::PromptBackspace => {
                    prompt.text.pop();
                }
                Action::PromptCancel => {
                    self.close();
                    return self.clear_news_filter();
                }
                Action::PromptAccept => {
                    self.close();
                    if self.news_filter.as_ref().is_some_and(|f| f.hits.is_empty()) {
                        self.message = Some("No headline matches: Esc clears the filter".into());
                    }
                    return Effect::Redraw;
                }
                _ => return Effect::None,
            }
            let query = prompt.text.clone();
            self.news_filter_typed(query);
            return Effect::Redraw;
        }
        if let PromptPurpose::Search { forward, origin } = prompt.purpose {
            match action {
                Action::PromptChar(c) if !c.is_control() => prompt.text.push(c),
                Action::PromptBackspace => {
                    if prompt.text.pop().is_none() {
                        // Backspace on an empty query leaves, as in less.
                        self.close();
                        self.search_cancelled(origin);
                        return Effect::Redraw;
                    }
                }
                Action::PromptCancel => {
                    self.close();
                    self.search_cancelled(origin);
                    return Effect::Redraw;
                }
                Action::PromptAccept => {
                    self.close();
                    self.search_accepted();
                    return Effect::Redraw;
                }
                _ => return Effect::None,
            }
            let query = prompt.text.clone();
            self.search_typed(query, forward, origin);
            return Effect::Redraw;
        }
        match action {
            Action::PromptChar(c) => {
                if prompt.text.chars().count() < LABEL_LIMIT && !c.is_control() {
                    prompt.text.push(c);
                }
            }
            Action::PromptBackspace => {
                prompt.text.pop();
            }
            Action::PromptCancel => {
                self.close();
                self.message = Some("Cancelled".into());
            }
            Action::PromptAccept => {
                let Some(Overlay::Prompt(prompt)) = self.close() else {
                    return Effect::None;
                };
                let label = Some(prompt.text.trim().to_string()).filter(|l| !l.is_empty());
                match prompt.purpose {
                    PromptPurpose::NewBookmark(b) => {
                        self.request(StoreOp::Add(Box::new(Bookmark { label, ..*b })));
                        self.message = Some(match &self.read_only {
                            _ if self.role() == super::Role::Viewer => {
                                "Bookmarked for this connection (a viewer's bookmarks are not saved)"
                                    .to_string()
                            }
                            _ if self.settings.demo => {
                                "Bookmarked for this session only (demo mode writes nothing)"
                                    .to_string()
                            }
                            None => "Bookmarked (' lists bookmarks)".to_string(),
                            Some(why) => {
                                format!("Bookmarked for this session only: cannot save: {why}")
                            }
                        });
                    }
                    PromptPurpose::Rename { id } => {
                        return self.after_read(Awaiting::Write(StoreOp::Rename { id, label }));
                    }
                    PromptPurpose::ConfirmDelete { .. }
                    | PromptPurpose::Search { .. }
                    | PromptPurpose::BundleSearch
                    | PromptPurpose::NewsFilter => {}
                }
            }
            _ => return Effect::None,
        }
        Effect::Redraw
    }

    /// The bookmarks the list shows, newest first.
    pub fn list_items(&self) -> Vec<ListItem> {
        let all = self.bookmark_list().is_some_and(|l| l.all_bundles);
        let mut marks: Vec<&Bookmark> = self
            .store
            .bookmarks
            .iter()
            .filter(|b| all || b.bundle == self.bundle.id)
            .collect();
        marks.sort_by(|a, b| b.created.cmp(&a.created).then_with(|| a.id.cmp(&b.id)));
        marks.into_iter().map(|b| self.list_item(b)).collect()
    }

    fn list_item(&self, b: &Bookmark) -> ListItem {
        let here = b.bundle == self.bundle.id;
        let article = b.article.as_ref().and_then(|id| {
            self.bundle
                .articles
                .iter()
                .find(|a| &a.id == id)
                .filter(|_| here)
        });
        let (place, excerpt, lost) = match (&b.news, &b.anchor) {
            (Some(news), _) => {
                let lost = here
                    && !self
                        .bundle
                        .news_line
                        .iter()
                        .any(|e| e.time == news.time && e.headline == news.headline);
                (
                    "News line".to_string(),
                    format!("{} {}", news.time.format("%H:%M"), news.headline),
                    lost,
                )
            }
            (None, Some(anchor)) => {
                let title = article.map_or_else(
                    || b.article.clone().unwrap_or_default(),
                    |a| a.title.clone(),
                );
                let lost = here && article.is_none_or(|a| resolve(a, anchor) == Resolved::Lost);
                (title, anchor.snippet.clone(), lost)
            }
            (None, None) => (String::new(), String::new(), true),
        };
        ListItem {
            id: b.id.clone(),
            other_bundle: (!here).then(|| b.bundle.clone()),
            place,
            label: b.label.clone(),
            excerpt,
            age: relative_age(b.created, self.now),
            lost,
        }
    }

    /// The bookmark list, when it is open (under a prompt, perhaps).
    fn bookmark_list(&self) -> Option<&BookmarkList> {
        self.overlays.iter().find_map(|o| match o {
            Overlay::Bookmarks(l) => Some(l),
            _ => None,
        })
    }

    /// Opens the list on what is known now, and asks for the store as it
    /// is on disk (another window may have changed it): the list shows
    /// that when the answer comes.
    pub(super) fn open_list(&mut self) -> Effect {
        self.open(Overlay::Bookmarks(BookmarkList::default()));
        self.after_read(Awaiting::Refresh)
    }

    /// Does `next` once the store has been read again, when there is a store
    /// to read; at once when there is none (a demo, no config directory).
    fn after_read(&mut self, next: Awaiting) -> Effect {
        if self.shared_store {
            self.read_store = true;
            self.awaiting = Some(next);
            Effect::Redraw
        } else {
            self.carry_out(next)
        }
    }

    /// The store as read again: the list shows it, and what waited for it
    /// is done (unless its bookmark is gone).
    pub(super) fn store_read(&mut self, result: Result<BookmarkFile, String>) -> Effect {
        let was = self.selected_bookmark();
        match result {
            Ok(file) => self.store = file,
            // Acted on as known here; say why the file was not seen.
            Err(why) if self.read_only.is_none() => {
                self.message = Some(format!("Bookmarks could not be read again: {why}"));
            }
            Err(_) => {}
        }
        self.refresh_list(was);
        match self.awaiting.take() {
            Some(next) => self.carry_out(next),
            None => Effect::Redraw,
        }
    }

    fn carry_out(&mut self, next: Awaiting) -> Effect {
        let id = match &next {
            Awaiting::Refresh => return Effect::Redraw,
            Awaiting::Follow(id) | Awaiting::Rename(id) | Awaiting::Delete(id) => id,
            Awaiting::Write(StoreOp::Rename { id, .. } | StoreOp::Delete { id }) => id,
            Awaiting::Write(_) => return Effect::None,
        };
        let Some(item) = self.item(id) else {
            self.message = Some(DELETED_ELSEWHERE.into());
            return Effect::Redraw;
        };
        match next {
            Awaiting::Follow(id) => return self.jump_to_bookmark(&id),
            Awaiting::Rename(id) => self.open(Overlay::Prompt(Prompt {
                purpose: PromptPurpose::Rename { id },
                question: "New label (empty removes it), Enter saves, Esc cancels: ".into(),
                text: item.label.unwrap_or_default(),
                after: 0,
            })),
            Awaiting::Delete(id) => {
                let name = match &item.label {
                    Some(label) => format!("\"{label}\" ({})", item.place),
                    None => format!("{} \"{}\"", item.place, item.excerpt),
                };
                self.open(Overlay::Prompt(Prompt {
                    purpose: PromptPurpose::ConfirmDelete { id },
                    question: format!("Delete bookmark {name}? y deletes, any other key keeps it "),
                    text: String::new(),
                    after: 0,
                }));
            }
            Awaiting::Write(op) => {
                let deleting = matches!(op, StoreOp::Delete { .. });
                self.request(op);
                self.message = Some(
                    if deleting {
                        "Bookmark deleted"
                    } else {
                        "Renamed"
                    }
                    .into(),
                );
                if deleting {
                    self.refresh_list(None);
                }
            }
            Awaiting::Refresh => {}
        }
        Effect::Redraw
    }

    /// The list's row for the bookmark `id`, when it is in the store.
    fn item(&self, id: &str) -> Option<ListItem> {
        (self.store.bookmarks.iter())
            .find(|b| b.id == id)
            .map(|b| self.list_item(b))
    }

    /// The list changed (a bookmark deleted, the file merged with another
    /// window's): the selection stays on its bookmark when it is still there,
    /// else goes to the nearest one, saying so.
    fn refresh_list(&mut self, was: Option<String>) {
        if self.bookmark_list().is_none() {
            return;
        }
        let ids: Vec<String> = self.list_items().into_iter().map(|i| i.id).collect();
        if was.as_ref().is_some_and(|w| !ids.contains(w)) {
            self.message =
                Some("The selected bookmark was deleted elsewhere (another window)".into());
        }
        for overlay in &mut self.overlays {
            if let Overlay::Bookmarks(list) = overlay {
                list.selection.keep(was.as_ref(), &ids);
            }
        }
    }

    /// The id of the bookmark selected in the list.
    fn selected_bookmark(&self) -> Option<String> {
        let list = self.bookmark_list()?;
        self.list_items()
            .into_iter()
            .nth(list.selected())
            .map(|i| i.id)
    }

    pub(super) fn update_list(&mut self, action: Action) -> Effect {
        let items = self.list_items();
        let page = self.list_page();
        let Some(Overlay::Bookmarks(list)) = self.overlays.last_mut() else {
            return Effect::None;
        };
        if list.selection.step(action, items.len(), page) {
            return Effect::Redraw;
        }
        let selected = items.get(list.selected()).cloned();
        match action {
            Action::AllBundles => {
                list.all_bundles = !list.all_bundles;
                list.selection = Selection::default();
                // The selection stays on its bookmark when it is shown.
                let was = selected.map(|i| i.id);
                let ids: Vec<String> = self.list_items().into_iter().map(|i| i.id).collect();
                if let Some(Overlay::Bookmarks(list)) = self.overlays.last_mut() {
                    list.selection.keep(was.as_ref(), &ids);
                }
            }
            Action::Close | Action::Bookmarks => {
                self.close();
            }
            Action::Follow => {
                if let Some(item) = selected {
                    return self.after_read(Awaiting::Follow(item.id));
                }
            }
            Action::Rename => {
                if let Some(item) = selected {
                    return self.after_read(Awaiting::Rename(item.id));
                }
            }
            Action::Delete => {
                if let Some(item) = selected {
                    return self.after_read(Awaiting::Delete(item.id));
                }
            }
            _ => return Effect::None,
        }
        Effect::Redraw
    }

    fn jump_to_bookmark(&mut self, id: &str) -> Effect {
        let Some(b) = self.store.bookmarks.iter().find(|b| b.id == id).cloned() else {
            self.message = Some(DELETED_ELSEWHERE.into());
            return Effect::Redraw;
        };
        if b.bundle != self.bundle_id() {
            self.message = Some(format!(
                "That bookmark is in bundle \"{}\": open that bundle to go to it",
                b.bundle
            ));
            return Effect::Redraw;
        }
        if let Some(news) = &b.news {
            let Some(i) = self
                .bundle
                .news_line
                .iter()
                .position(|e| e.time == news.time && e.headline == news.headline)
            else {
                self.message = Some(
                    "That headline is no longer in the news line (lost); d deletes the bookmark"
                        .into(),
                );
                return Effect::Redraw;
            };
            self.close_list();
            self.focus = Focus::News;
            self.news_selected = i;
            self.ensure_news_window();
            self.reveal_news_selection();
            return Effect::Redraw;
        }
        let found = b
            .article
            .as_ref()
            .zip(b.anchor.as_ref())
            .and_then(|(article_id, anchor)| {
                let index = self
                    .bundle
                    .articles
                    .iter()
                    .position(|a| &a.id == article_id)?;
                match resolve(&self.bundle.articles[index], anchor) {
                    Resolved::At {
                        paragraph,
                        offset,
                        moved,
                    } => Some((index, paragraph, offset, moved)),
                    Resolved::Lost => None,
                }
            });
        let Some((index, paragraph, offset, moved)) = found else {
            self.message = Some(
                "That passage is no longer in the bundle (lost); d deletes the bookmark".into(),
            );
            return Effect::Redraw;
        };
        self.push_history();
        if index != self.article {
            self.open_article(index);
        }
        self.close_list();
        self.focus = Focus::Article;
        self.show_key(key_of(&self.layout, paragraph, offset));
        if moved {
            self.message =
                Some("The bundle changed since: the bookmark was found by its text".into());
        }
        Effect::Redraw
    }

    fn close_list(&mut self) {
        self.overlays
            .retain(|o| !matches!(o, Overlay::Bookmarks(_)));
    }
}
