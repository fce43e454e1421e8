//! Following a speaker (`folio serve`): the speaker's session says where it
//! is as a [`Cue`]; a viewer's session that follows goes there, at its own
//! size, and stops following the moment its reader moves on their own.
//!
//! A cue names a place by its text (article, anchor key, highlighted
//! citation), never by screen line, so a viewer at 80x24 and another at
//! 200x60 both show the speaker's words at the top of their pane; with it
//! goes the speaker's search (query and current match). What the speaker
//! has open over the panes (help, lists) stays theirs.

use std::sync::Arc;

use super::history::Place;
use super::searching::Search;
use super::{App, Effect};
use crate::layout::screen::Focus;

/// A session's part in a talk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Role {
    /// An ordinary reader: nobody follows, nothing is followed.
    #[default]
    Reader,
    /// Others follow this session; it sees how many.
    Speaker,
    /// This session follows the speaker until its reader moves.
    Viewer,
}

/// Where the speaker is: what a following viewer shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cue {
    place: Place,
    focus: Focus,
    news_selected: usize,
    /// The speaker's search in the article: its query and the match gone
    /// to (the same in every viewer: matches are the text's, not the
    /// screen's), so viewers see what the speaker highlights.
    search: Option<(Arc<str>, Option<usize>)>,
}

/// A session's following state.
#[derive(Debug, Clone, Default)]
pub(super) struct Following {
    pub(super) role: Role,
    /// A viewer goes where the speaker goes.
    pub(super) on: bool,
    /// The speaker's last cue (a paused viewer goes there on `f`).
    pub(super) cue: Option<Cue>,
    /// How many viewers watch (shown to all).
    pub(super) watching: usize,
}

impl Following {
    pub(super) fn new(role: Role) -> Following {
        Following {
            role,
            on: role == Role::Viewer,
            ..Following::default()
        }
    }
}

impl App {
    /// Where this session is, for those who follow it.
    pub fn cue(&self) -> Cue {
        Cue {
            place: self.place(),
            focus: self.focus,
            news_selected: self.news_selected,
            search: (self.search.as_ref()).map(|s| (Arc::from(s.query.as_str()), s.current)),
        }
    }

    pub fn role(&self) -> Role {
        self.following.role
    }

    /// A viewer that goes where the speaker goes (not paused).
    pub fn is_following(&self) -> bool {
        self.following.role == Role::Viewer && self.following.on
    }

    /// How many viewers watch, as last told.
    pub fn watching(&self) -> usize {
        self.following.watching
    }

    /// The speaker moved: a following viewer goes there. A speaker is
    /// cued only when it joins a talk under way: it takes up its place.
    pub(super) fn cued(&mut self, cue: Cue) -> Effect {
        match self.following.role {
            Role::Reader => return Effect::None,
            Role::Speaker => {
                self.go_to_cue(cue);
                return Effect::Redraw;
            }
            Role::Viewer => {}
        }
        self.following.cue = Some(cue.clone());
        if !self.following.on {
            return Effect::None;
        }
        self.go_to_cue(cue);
        Effect::Redraw
    }

    fn go_to_cue(&mut self, cue: Cue) {
        if cue.place.article() >= self.bundle.articles.len() {
            return;
        }
        self.go_to_place(cue.place);
        self.follow_search(cue.search);
        self.focus = cue.focus;
        let last = self.bundle.news_line.len().saturating_sub(1);
        self.news_selected = cue.news_selected.min(last);
        self.ensure_news_window();
        self.reveal_news_selection();
    }

    /// Shows the speaker's search (`None`: none): its matches found here,
    /// the one the speaker went to highlighted.
    fn follow_search(&mut self, search: Option<(Arc<str>, Option<usize>)>) {
        let Some((query, current)) = search else {
            self.search = None;
            return;
        };
        if self.search.as_ref().is_none_or(|s| *s.query != *query) {
            let matches = self.search_text().find(&query);
            self.search = Some(Search {
                query: query.to_string(),
                forward: true,
                matches,
                current: None,
            });
        }
        if let Some(s) = &mut self.search {
            s.current = current.filter(|&i| i < s.matches.len());
        }
    }

    /// `f` in a viewer: follow the speaker again, from where they are now.
    pub(super) fn follow_speaker(&mut self) -> Effect {
        if self.following.role != Role::Viewer {
            self.message = Some("Nobody to follow: this is not a folio serve viewer".into());
            return Effect::Redraw;
        }
        self.following.on = true;
        self.message = Some("Following the speaker".into());
        if let Some(cue) = self.following.cue.clone() {
            self.go_to_cue(cue);
        }
        Effect::Redraw
    }

    /// After the reader did something: a following viewer whose place it
    /// changed pauses following.
    pub(super) fn pause_if_moved(&mut self, before: Option<Cue>) {
        let Some(before) = before else { return };
        if self.is_following() && self.cue() != before {
            self.following.on = false;
            self.message = Some("Following paused: f to follow".into());
        }
    }

    pub(super) fn audience(&mut self, watching: usize) -> Effect {
        if self.following.watching == watching || self.following.role == Role::Reader {
            self.following.watching = watching;
            return Effect::None;
        }
        self.following.watching = watching;
        Effect::Redraw
    }
}
