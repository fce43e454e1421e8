//! What a key asks folio to do.
//!
//! Each action is declared once, here: its doc comment is its help text and
//! its name in `config.toml`'s `[keys]` is derived from it (`LineDown` is
//! `line_down`). The keymap binds keys to these; the app carries them out.
//! What arrives from elsewhere (a resize, a reloaded file, the store's
//! answer) is not an action but a message of the app (`Msg`).

use strum::{EnumIter, EnumMessage, EnumString, IntoEnumIterator, IntoStaticStr};

/// Something a key asks for. The doc comment of each variant is the text the
/// help shows for it (a binding may say it more precisely where it applies).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, EnumMessage, EnumString, IntoStaticStr,
)]
#[strum(serialize_all = "snake_case")]
pub enum Action {
    /// Down one line (news line: next headline)
    LineDown,
    /// Up one line (news line: previous headline)
    LineUp,
    /// Down one line, also in --low-bandwidth mode
    OneLineDown,
    /// Up one line, also in --low-bandwidth mode
    OneLineUp,
    /// Down one page
    PageDown,
    /// Up one page
    PageUp,
    /// Down half a page
    HalfPageDown,
    /// Up half a page
    HalfPageUp,
    /// To the top
    Top,
    /// To the end (article: Sources)
    Bottom,
    /// Switch between article and news line
    SwitchPane,
    /// Switch back
    SwitchPaneBack,
    /// Highlight the next citation
    NextCitation,
    /// Highlight the previous citation
    PreviousCitation,
    /// Go to the citation's source; from a source, back
    Follow,
    /// Follow the speaker again (folio serve viewers)
    FollowSpeaker,
    /// Jump back to where you were
    JumpBack,
    /// Jump forward again (where the terminal tells Ctrl-i from Tab)
    JumpForward,
    /// Bookmark this place (news line: this headline)
    Bookmark,
    /// List bookmarks
    Bookmarks,
    /// List the articles (type to filter)
    ArticleList,
    /// Previous article
    PreviousArticle,
    /// Next article
    NextArticle,
    /// Search forward (as you type; Enter keeps, Esc goes back)
    SearchForward,
    /// Filter the headlines as you type (fuzzy); Esc clears
    FilterNews,
    /// Search backward
    SearchBackward,
    /// Next match
    SearchNext,
    /// Previous match
    SearchPrevious,
    /// Search all articles (a list of the matches)
    SearchBundle,
    /// Proof view (indexes, raw citations, findings)
    ProofView,
    /// Hyphenation on/off
    Hyphenation,
    /// Justification on/off
    Justify,
    /// Next layout (auto, beside, single, below)
    CycleLayout,
    /// List the findings of folio check
    Findings,
    /// Edit the bundle at this paragraph ($VISUAL, $EDITOR)
    Edit,
    /// Show this help
    Help,
    /// Repaint the screen
    Repaint,
    /// Suspend folio (fg resumes)
    Suspend,
    /// Cancel a typed number; clear the highlight
    Close,
    /// Quit
    Quit,
    /// Quit when pressed twice in a row (ZZ, as in less and vim)
    QuitTwice,
    /// Rename (change its label)
    Rename,
    /// Delete (asks first)
    Delete,
    /// This bundle / every bundle
    AllBundles,
    /// Accept (save the label, search, filter)
    PromptAccept,
    /// Cancel
    PromptCancel,
    /// Delete a character
    PromptBackspace,
    /// Delete the character under the cursor
    PromptDelete,
    /// Delete the word before the cursor
    PromptWordBack,
    /// Delete everything before the cursor
    PromptToStart,
    /// Cursor left
    PromptLeft,
    /// Cursor right
    PromptRight,
    /// Cursor to the start of the line
    PromptHome,
    /// Cursor to the end of the line
    PromptEnd,
    /// Type a note number, then Enter to go to it
    Digit(u8),
    /// Type into the prompt
    PromptChar(char),
}

impl Action {
    /// The name `config.toml` gives it (`line_down`).
    pub fn name(self) -> &'static str {
        self.into()
    }

    /// What it does, as the help says it.
    pub fn help(self) -> &'static str {
        self.get_documentation().unwrap_or_default()
    }

    /// The action `config.toml` calls `name`; the ones that take the typed
    /// character (a digit, a letter of a label) cannot be given keys.
    pub fn named(name: &str) -> Option<Action> {
        name.parse().ok().filter(|a: &Action| !a.takes_char())
    }

    /// The actions `[keys]` can give keys, in the order the default
    /// configuration lists them.
    pub fn configurable() -> impl Iterator<Item = Action> {
        Action::iter().filter(|a| !a.takes_char())
    }

    /// Made from the key pressed: a digit, a character typed.
    pub fn takes_char(self) -> bool {
        matches!(self, Action::Digit(_) | Action::PromptChar(_))
    }

    /// A digit key's action.
    pub fn digit(c: char) -> Action {
        Action::Digit(c.to_digit(10).map_or(0, |d| d as u8))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_derived_and_read_back() {
        assert_eq!(Action::LineDown.name(), "line_down");
        assert_eq!(Action::SwitchPaneBack.name(), "switch_pane_back");
        for a in Action::configurable() {
            assert_eq!(Action::named(a.name()), Some(a), "{a:?}");
        }
        assert_eq!(Action::named("digit"), None);
        assert_eq!(Action::named("prompt_char"), None);
        assert_eq!(Action::named("nonsense"), None);
    }

    #[test]
    fn every_action_has_help() {
        for a in Action::iter() {
            assert!(!a.help().trim().is_empty(), "{a:?} has no help text");
        }
        assert!(Action::iter().any(|a| a == Action::Digit(0)));
    }
}
