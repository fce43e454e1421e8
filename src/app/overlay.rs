//! What can open over the reading panes: the help, the lists (articles,
//! findings, bookmarks, search results) and a prompt, kept as one stack. The top of the stack
//! takes the keys and is drawn last; that order is the only priority there is
//! (a prompt to rename a bookmark opens over the bookmark list, and closing it
//! goes back to the list). Each overlay owns its state and its key context;
//! its update lives with its feature (`bookmarking`, `articles`, `proofing`,
//! `bundle_search`, the help here) and its draw in `ui`.

use super::bookmarking::{BookmarkList, LABEL_LIMIT, Prompt, PromptPurpose};
use super::{App, Effect, articles::ArticleList, bundle_search::BundleResults};
use crate::action::Action;
use crate::keymap::Context;
use ratatui::layout::Rect;

/// One overlay and its state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    /// The key help, scrolled this far.
    Help {
        scroll: usize,
    },
    Articles(ArticleList),
    Findings(Selection),
    Bookmarks(BookmarkList),
    /// The matches of a search of every article.
    Results(BundleResults),
    /// A line being typed: a bookmark label, a confirmation, a search, a
    /// news-line filter.
    Prompt(Prompt),
}

impl Overlay {
    /// Where its keys are looked up, most specific first.
    pub fn contexts(&self) -> &'static [Context] {
        match self {
            // The moving keys scroll the help; the rest do nothing there.
            Overlay::Help { .. } => crate::keymap::HELP_KEYS,
            Overlay::Articles(_) => crate::keymap::ARTICLE_LIST_KEYS,
            Overlay::Findings(_) => crate::keymap::FINDINGS_KEYS,
            Overlay::Bookmarks(_) => crate::keymap::BOOKMARK_KEYS,
            Overlay::Results(_) => crate::keymap::RESULTS_KEYS,
            Overlay::Prompt(_) => crate::keymap::PROMPT_KEYS,
        }
    }
}

/// The selected row of a list overlay, moved by the list keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Selection {
    selected: usize,
}

impl Selection {
    pub fn at(selected: usize) -> Selection {
        Selection { selected }
    }

    pub fn get(self) -> usize {
        self.selected
    }

    /// Moves for a list key in a list of `count` rows with pages of `page`;
    /// false for an action that does not move in lists.
    pub fn step(&mut self, action: Action, count: usize, page: usize) -> bool {
        let last = count.saturating_sub(1);
        self.selected = match action {
            Action::LineDown | Action::OneLineDown => (self.selected + 1).min(last),
            Action::LineUp | Action::OneLineUp => self.selected.saturating_sub(1),
            Action::PageDown => (self.selected + page).min(last),
            Action::PageUp => self.selected.saturating_sub(page),
            Action::Top => 0,
            Action::Bottom => last,
            _ => return false,
        };
        true
    }

    /// Keeps the selection on the row it was on (`was`) after the list
    /// changed to `rows`; else where it was, within the list.
    pub fn keep<T: PartialEq>(&mut self, was: Option<&T>, rows: &[T]) {
        let found = was.and_then(|w| rows.iter().position(|r| r == w));
        self.selected = found.unwrap_or(self.selected.min(rows.len().saturating_sub(1)));
    }
}

impl App {
    /// The overlay on top, which takes the keys.
    pub fn overlay(&self) -> Option<&Overlay> {
        self.overlays.last()
    }

    /// Every open overlay, bottom first (the order they are drawn in).
    pub fn overlays(&self) -> &[Overlay] {
        &self.overlays
    }

    pub(super) fn open(&mut self, overlay: Overlay) {
        self.overlays.push(overlay);
    }

    /// Closes the top overlay.
    pub(super) fn close(&mut self) -> Option<Overlay> {
        self.overlays.pop()
    }

    /// The open prompt, when one is on top.
    pub fn prompt(&self) -> Option<&Prompt> {
        match self.overlay() {
            Some(Overlay::Prompt(p)) => Some(p),
            _ => None,
        }
    }

    /// Rows a page of a list overlay moves.
    pub(super) fn list_page(&self) -> usize {
        usize::from(self.area.height.saturating_sub(4)).max(1)
    }

    /// Gives `action` to the overlay on top; `None` when none is open.
    pub(super) fn update_overlay(&mut self, action: Action) -> Option<Effect> {
        Some(match self.overlay()? {
            Overlay::Prompt(_) => self.update_prompt(action),
            Overlay::Bookmarks(_) => self.update_list(action),
            Overlay::Findings(_) => self.update_findings(action),
            Overlay::Articles(_) => self.update_article_list(action),
            Overlay::Results(_) => self.update_results(action),
            Overlay::Help { scroll } => {
                let scroll = *scroll;
                self.update_help(scroll, action)
            }
        })
    }

    fn update_help(&mut self, scroll: usize, action: Action) -> Effect {
        let width = help_text_width(self.area);
        let rows = crate::keymap::help_lines(&self.keymap, self.settings.page_wise, width).len();
        let max = help_max_scroll(self.area, rows);
        let page = self.list_page();
        let new = match action {
            Action::Close | Action::Help => {
                self.close();
                return Effect::Redraw;
            }
            Action::LineDown | Action::OneLineDown => scroll + 1,
            Action::LineUp | Action::OneLineUp => scroll.saturating_sub(1),
            Action::PageDown | Action::HalfPageDown => scroll + page,
            Action::PageUp | Action::HalfPageUp => scroll.saturating_sub(page),
            Action::Top => 0,
            Action::Bottom => max,
            _ => scroll,
        }
        .min(max);
        if new == scroll {
            return Effect::None;
        }
        if let Some(Overlay::Help { scroll }) = self.overlays.last_mut() {
            *scroll = new;
        }
        Effect::Redraw
    }
}

/// Line editing in a prompt, as readline and less have it: the cursor moves
/// (`Left`/`Right`, `Home`/`Ctrl-a`, `End`/`Ctrl-e`), typing and `Backspace`
/// work at the cursor, `Delete` takes the character under it, `Ctrl-w` the
/// word before it, `Ctrl-u` everything before it.
impl Prompt {
    /// The text before and after the cursor.
    pub fn split(&self) -> (&str, &str) {
        let count = self.text.chars().count();
        let at = (self.text.char_indices())
            .nth(count.saturating_sub(self.after))
            .map_or(self.text.len(), |(i, _)| i);
        self.text.split_at(at)
    }

    /// Applies an editing action, keeping the text to `limit` characters;
    /// `None` when `action` edits no line, else whether the text changed
    /// (false: the cursor moved, or nothing could be done).
    fn edit(&mut self, action: Action, limit: usize) -> Option<bool> {
        let chars: Vec<char> = self.text.chars().collect();
        let after = self.after.min(chars.len());
        let (mut before, mut rest) = (
            chars[..chars.len() - after].to_vec(),
            chars[chars.len() - after..].to_vec(),
        );
        match action {
            Action::PromptChar(c) if !c.is_control() => {
                if chars.len() < limit {
                    before.push(c);
                }
            }
            Action::PromptBackspace => {
                before.pop();
            }
            Action::PromptDelete => {
                if !rest.is_empty() {
                    rest.remove(0);
                }
            }
            Action::PromptWordBack => {
                while before.last().is_some_and(|c| c.is_whitespace()) {
                    before.pop();
                }
                while before.last().is_some_and(|c| !c.is_whitespace()) {
                    before.pop();
                }
            }
            Action::PromptToStart => before.clear(),
            Action::PromptLeft => {
                if let Some(c) = before.pop() {
                    rest.insert(0, c);
                }
            }
            Action::PromptRight => {
                if !rest.is_empty() {
                    before.push(rest.remove(0));
                }
            }
            Action::PromptHome => {
                before.append(&mut rest);
                rest = before;
                before = Vec::new();
            }
            Action::PromptEnd => before.append(&mut rest),
            _ => return None,
        }
        let text: String = before.iter().chain(&rest).collect();
        self.after = rest.len();
        let changed = text != self.text;
        self.text = text;
        Some(changed)
    }
}

impl App {
    /// Gives `action` to the line editor of the prompt on top: `None` when
    /// it is no editing action (accept, cancel, a confirmation's key), or
    /// `Backspace` on an empty line (which a search takes as leaving).
    /// A search or a filter follows what is typed at once.
    pub(super) fn edit_prompt(&mut self, action: Action) -> Option<Effect> {
        let Some(Overlay::Prompt(prompt)) = self.overlays.last_mut() else {
            return None;
        };
        if matches!(prompt.purpose, PromptPurpose::ConfirmDelete { .. })
            || (action == Action::PromptBackspace && prompt.text.is_empty())
        {
            return None;
        }
        let limit = match prompt.purpose {
            PromptPurpose::NewBookmark(_) | PromptPurpose::Rename { .. } => LABEL_LIMIT,
            _ => usize::MAX,
        };
        if !prompt.edit(action, limit)? {
            return Some(Effect::Redraw);
        }
        let query = prompt.text.clone();
        match prompt.purpose {
            PromptPurpose::NewsFilter => self.news_filter_typed(query),
            PromptPurpose::Search { forward, origin } => self.search_typed(query, forward, origin),
            _ => {}
        }
        Some(Effect::Redraw)
    }
}

/// The centred box of an overlay: at most `max_width` wide, as high as
/// `rows` of content and a border need, at most the full height but a row
/// above and below.
pub fn overlay_rect(area: Rect, max_width: u16, rows: usize) -> Rect {
    let width = area.width.saturating_sub(4).min(max_width);
    let height = area
        .height
        .saturating_sub(2)
        .min(u16::try_from(rows.saturating_add(2)).unwrap_or(u16::MAX));
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

/// The widest the help box gets.
pub const HELP_WIDTH: u16 = 90;

/// The columns of text in the help box on a screen of `area`: the box less
/// its borders and a column of margin.
pub fn help_text_width(area: Rect) -> usize {
    usize::from(
        area.width
            .saturating_sub(4)
            .min(HELP_WIDTH)
            .saturating_sub(3),
    )
}

/// How far `rows` of help can scroll in `area`: until the last row shows
/// at the foot of the box.
pub fn help_max_scroll(area: Rect, rows: usize) -> usize {
    let inner = overlay_rect(area, HELP_WIDTH, rows)
        .height
        .saturating_sub(2);
    rows.saturating_sub(usize::from(inner))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_selection_moves_within_its_list_and_keeps_its_row() {
        let mut s = Selection::default();
        assert!(s.step(Action::LineUp, 5, 2));
        assert_eq!(s.get(), 0);
        s.step(Action::PageDown, 5, 2);
        assert_eq!(s.get(), 2);
        s.step(Action::Bottom, 5, 2);
        assert_eq!(s.get(), 4);
        s.step(Action::LineDown, 5, 2);
        assert_eq!(s.get(), 4);
        assert!(!s.step(Action::Follow, 5, 2));
        // The row it was on moved up one: the selection follows it.
        s.keep(Some(&"e"), &["b", "c", "d", "e"]);
        assert_eq!(s.get(), 3);
        // Gone: the nearest row that is still there.
        s.keep(Some(&"z"), &["a", "b"]);
        assert_eq!(s.get(), 1);
        s.keep::<&str>(None, &[]);
        assert_eq!(s.get(), 0);
    }
}
