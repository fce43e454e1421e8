//! The jump history: `Ctrl-o` back to where a jump (to a note, a source, a
//! bookmark, another article) was made from, `Ctrl-i` forward again, as in
//! vim. A place is kept by its text (an anchor key), so it survives resizes.

use super::{App, Effect};
use crate::layout::article::AnchorKey;
use crate::layout::screen::Focus;

/// A place to jump back to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Place {
    article: usize,
    key: AnchorKey,
    /// The highlighted marker, by its place in the document.
    current: Option<(usize, usize)>,
    target_note: Option<usize>,
}

impl Place {
    pub(super) fn article(&self) -> usize {
        self.article
    }
}

const HISTORY_LIMIT: usize = 100;

impl App {
    pub(super) fn place(&self) -> Place {
        Place {
            article: self.article,
            key: self.layout.key_of(self.top),
            current: self.current_marker().map(|m| m.at),
            target_note: self.target_note,
        }
    }

    /// Remembers this place before a jump; a new jump forgets the places
    /// `Ctrl-i` would have gone forward to, as in vim.
    pub(super) fn push_history(&mut self) {
        if self.history.len() == HISTORY_LIMIT {
            self.history.remove(0);
        }
        self.history.push(self.place());
        self.forward.clear();
    }

    pub(super) fn go_to_place(&mut self, place: Place) {
        if place.article != self.article {
            self.open_article(place.article);
        }
        self.show_key(place.key);
        // The very word gone to is the place kept through resizes (the top
        // line's start would drift from it).
        self.place_key = place.key;
        self.current = place
            .current
            .and_then(|at| self.layout.markers.iter().position(|m| m.at == at));
        self.target_note = place.target_note;
        self.focus = Focus::Article;
    }

    /// `Ctrl-o` (`back`) and `Ctrl-i`: to the place last jumped from (or
    /// back from), remembering this one for the other way.
    pub(super) fn jump(&mut self, back: bool) -> Effect {
        let popped = if back {
            self.history.pop()
        } else {
            self.forward.pop()
        };
        let Some(place) = popped else {
            let way = if back { "back" } else { "forward" };
            self.message = Some(format!("Nothing to jump {way} to"));
            return Effect::Redraw;
        };
        let here = self.place();
        if back {
            self.forward.push(here);
        } else {
            self.history.push(here);
        }
        self.go_to_place(place);
        Effect::Redraw
    }
}
