//! The one table of key bindings. It both dispatches keys ([`Keymap::action_for`]) and
//! generates the help screen ([`Keymap::help_sections`]), so the two cannot disagree.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::app::Action;

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Either pane.
    Reading,
    /// The article pane.
    Article,
    /// The news-line panel.
    News,
    /// The help overlay.
    Help,
    /// The bookmark list.
    BookmarkList,
    /// The list of findings (proof view).
    FindingsList,
    /// The article list.
    ArticleList,
    /// Typing a line of text (a bookmark label).
    Prompt,
    /// Everywhere.
    Global,
}

impl Context {
    pub fn title(self) -> &'static str {
        match self {
            Context::Reading => "Moving (either pane)",
            Context::Article => "Article and citations",
            Context::News => "News line",
            Context::Help => "This help",
            Context::BookmarkList => "Bookmark list (' or B)",
            Context::FindingsList => "Findings list (F)",
            Context::ArticleList => "Article list (l)",
            Context::Prompt => "Typing a label",
            Context::Global => "Anywhere",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Code(KeyCode, KeyModifiers),
    /// Any of `0`–`9`.
    AnyDigit,
    /// Any printable character.
    AnyChar,
}

const fn key(c: char) -> Key {
    Key::Code(KeyCode::Char(c), KeyModifiers::NONE)
}

const fn ctrl(c: char) -> Key {
    Key::Code(KeyCode::Char(c), KeyModifiers::CONTROL)
}

const fn code(c: KeyCode) -> Key {
    Key::Code(c, KeyModifiers::NONE)
}

pub struct Binding {
    pub context: Context,
    pub keys: &'static [Key],
    pub action: Action,
    pub help: &'static str,
}

const fn bind(
    context: Context,
    keys: &'static [Key],
    action: Action,
    help: &'static str,
) -> Binding {
    Binding {
        context,
        keys,
        action,
        help,
    }
}

use Context::{
    Article, ArticleList, BookmarkList, FindingsList, Global, Help, News, Prompt, Reading,
};

pub static BINDINGS: &[Binding] = &[
    bind(
        Reading,
        &[key('j'), code(KeyCode::Down)],
        Action::LineDown,
        "Down one line (news line: next headline)",
    ),
    bind(
        Reading,
        &[key('k'), code(KeyCode::Up)],
        Action::LineUp,
        "Up one line (news line: previous headline)",
    ),
    bind(
        Reading,
        &[ctrl('e')],
        Action::OneLineDown,
        "Down one line, also in --low-bandwidth mode",
    ),
    bind(
        Reading,
        &[ctrl('y')],
        Action::OneLineUp,
        "Up one line, also in --low-bandwidth mode",
    ),
    bind(
        Reading,
        &[key(' '), code(KeyCode::PageDown), key('f')],
        Action::PageDown,
        "Down one page",
    ),
    bind(
        Reading,
        &[key('b'), code(KeyCode::PageUp)],
        Action::PageUp,
        "Up one page",
    ),
    bind(
        Reading,
        &[ctrl('d'), key('d')],
        Action::HalfPageDown,
        "Down half a page",
    ),
    bind(
        Reading,
        &[ctrl('u'), key('u')],
        Action::HalfPageUp,
        "Up half a page",
    ),
    bind(
        Reading,
        &[key('g'), code(KeyCode::Home)],
        Action::Top,
        "To the top",
    ),
    bind(
        Reading,
        &[key('G'), code(KeyCode::End)],
        Action::Bottom,
        "To the end (article: Sources)",
    ),
    bind(
        Reading,
        &[code(KeyCode::Tab)],
        Action::FocusNext,
        "Switch between article and news line",
    ),
    bind(
        Reading,
        &[Key::Code(KeyCode::BackTab, KeyModifiers::SHIFT)],
        Action::FocusPrev,
        "Switch back",
    ),
    bind(
        Article,
        &[key('c')],
        Action::NextCitation,
        "Highlight the next citation",
    ),
    bind(
        Article,
        &[key('C')],
        Action::PrevCitation,
        "Highlight the previous citation",
    ),
    bind(
        Article,
        &[code(KeyCode::Enter)],
        Action::Follow,
        "Go to the citation's source; from a source, back",
    ),
    bind(
        Article,
        &[Key::AnyDigit],
        Action::Digit(0),
        "Type a note number, then Enter to go to it",
    ),
    bind(
        Article,
        &[ctrl('o'), code(KeyCode::Backspace)],
        Action::JumpBack,
        "Jump back to where you were",
    ),
    bind(
        Article,
        &[ctrl('i')],
        Action::JumpForward,
        "Jump forward again (where the terminal tells Ctrl-i from Tab)",
    ),
    bind(
        News,
        &[key('/')],
        Action::FilterNews,
        "Filter the headlines as you type (fuzzy); Esc clears",
    ),
    bind(
        News,
        &[code(KeyCode::Enter)],
        Action::Follow,
        "Open the headline's article (marked ->)",
    ),
    bind(
        Reading,
        &[key('m')],
        Action::Mark,
        "Bookmark this place (news line: this headline)",
    ),
    bind(
        Reading,
        &[key('\''), key('B')],
        Action::Bookmarks,
        "List bookmarks",
    ),
    bind(
        Article,
        &[key('/')],
        Action::SearchForward,
        "Search forward (as you type; Enter keeps, Esc goes back)",
    ),
    bind(
        Article,
        &[key('?')],
        Action::SearchBackward,
        "Search backward",
    ),
    bind(Article, &[key('n')], Action::SearchNext, "Next match"),
    bind(Article, &[key('N')], Action::SearchPrev, "Previous match"),
    bind(
        Reading,
        &[key('l')],
        Action::ArticleList,
        "List the articles (type to filter)",
    ),
    bind(
        Reading,
        &[key('['), key('H')],
        Action::PrevArticle,
        "Previous article",
    ),
    bind(
        Reading,
        &[key(']'), key('L')],
        Action::NextArticle,
        "Next article",
    ),
    bind(
        ArticleList,
        &[code(KeyCode::Down)],
        Action::LineDown,
        "Next article in the list",
    ),
    bind(
        ArticleList,
        &[code(KeyCode::Up)],
        Action::LineUp,
        "Previous article in the list",
    ),
    bind(
        ArticleList,
        &[code(KeyCode::PageDown)],
        Action::PageDown,
        "A page down",
    ),
    bind(
        ArticleList,
        &[code(KeyCode::PageUp)],
        Action::PageUp,
        "A page up",
    ),
    bind(
        ArticleList,
        &[code(KeyCode::Enter)],
        Action::Follow,
        "Open the article",
    ),
    bind(
        ArticleList,
        &[code(KeyCode::Esc)],
        Action::Close,
        "Clear the filter, then close",
    ),
    bind(
        ArticleList,
        &[code(KeyCode::Backspace)],
        Action::PromptBackspace,
        "Delete a character of the filter",
    ),
    bind(
        ArticleList,
        &[Key::AnyChar],
        Action::PromptChar(' '),
        "Type to filter (words in the title, category or id)",
    ),
    bind(
        Reading,
        &[key('-')],
        Action::ToggleHyphenation,
        "Hyphenation on/off",
    ),
    bind(
        Reading,
        &[key('J')],
        Action::ToggleJustify,
        "Justification on/off",
    ),
    bind(
        Reading,
        &[key('p')],
        Action::ToggleProof,
        "Proof view (indexes, raw citations, findings)",
    ),
    bind(
        Reading,
        &[key('F')],
        Action::Findings,
        "List the findings of folio check",
    ),
    bind(
        Reading,
        &[key('e')],
        Action::Edit,
        "Edit the bundle at this paragraph ($VISUAL, $EDITOR)",
    ),
    bind(
        FindingsList,
        &[key('j'), code(KeyCode::Down)],
        Action::LineDown,
        "Next finding",
    ),
    bind(
        FindingsList,
        &[key('k'), code(KeyCode::Up)],
        Action::LineUp,
        "Previous finding",
    ),
    bind(
        FindingsList,
        &[key('g'), code(KeyCode::Home)],
        Action::Top,
        "First finding",
    ),
    bind(
        FindingsList,
        &[key('G'), code(KeyCode::End)],
        Action::Bottom,
        "Last finding",
    ),
    bind(
        FindingsList,
        &[code(KeyCode::Enter)],
        Action::Follow,
        "Go to the finding",
    ),
    bind(
        FindingsList,
        &[code(KeyCode::Esc), key('q'), key('F')],
        Action::Close,
        "Close the list",
    ),
    bind(
        BookmarkList,
        &[key('j'), code(KeyCode::Down)],
        Action::LineDown,
        "Next bookmark",
    ),
    bind(
        BookmarkList,
        &[key('k'), code(KeyCode::Up)],
        Action::LineUp,
        "Previous bookmark",
    ),
    bind(
        BookmarkList,
        &[key('g'), code(KeyCode::Home)],
        Action::Top,
        "First bookmark",
    ),
    bind(
        BookmarkList,
        &[key('G'), code(KeyCode::End)],
        Action::Bottom,
        "Last bookmark",
    ),
    bind(
        BookmarkList,
        &[code(KeyCode::Enter)],
        Action::Follow,
        "Go to the bookmark",
    ),
    bind(
        BookmarkList,
        &[key('r')],
        Action::Rename,
        "Rename (change its label)",
    ),
    bind(
        BookmarkList,
        &[key('d')],
        Action::Delete,
        "Delete (asks first)",
    ),
    bind(
        BookmarkList,
        &[key('a')],
        Action::ToggleAllBundles,
        "This bundle / every bundle",
    ),
    bind(
        BookmarkList,
        &[code(KeyCode::Esc), key('q'), key('\''), key('B')],
        Action::Close,
        "Close the list",
    ),
    bind(
        Prompt,
        &[code(KeyCode::Enter)],
        Action::PromptAccept,
        "Save",
    ),
    bind(
        Prompt,
        &[code(KeyCode::Esc)],
        Action::PromptCancel,
        "Cancel",
    ),
    bind(
        Prompt,
        &[code(KeyCode::Backspace)],
        Action::PromptBackspace,
        "Delete a character",
    ),
    bind(
        Prompt,
        &[Key::AnyChar],
        Action::PromptChar(' '),
        "Type the label",
    ),
    bind(
        Help,
        &[code(KeyCode::Esc), key('q'), key('h'), code(KeyCode::F(1))],
        Action::Close,
        "Close this help",
    ),
    bind(
        Global,
        &[key('h'), code(KeyCode::F(1))],
        Action::Help,
        "Show this help",
    ),
    bind(Global, &[ctrl('l')], Action::Redraw, "Repaint the screen"),
    bind(
        Global,
        &[ctrl('z')],
        Action::Suspend,
        "Suspend folio (fg resumes)",
    ),
    bind(
        Global,
        &[code(KeyCode::Esc)],
        Action::Close,
        "Cancel a typed number; clear the highlight",
    ),
    bind(Global, &[key('q'), ctrl('c')], Action::Quit, "Quit"),
];

fn matches(k: &Key, event: &KeyEvent) -> bool {
    match *k {
        Key::AnyChar => {
            matches!(event.code, KeyCode::Char(_))
                && (event.modifiers - KeyModifiers::SHIFT).is_empty()
        }
        Key::AnyDigit => {
            matches!(event.code, KeyCode::Char('0'..='9'))
                && (event.modifiers - KeyModifiers::SHIFT).is_empty()
        }
        Key::Code(code, mods) => {
            // Terminals report `G` as Shift+g and `?` as Shift+/: the character
            // already says it, so Shift is ignored for characters and Shift-Tab.
            let ignore_shift = matches!(code, KeyCode::Char(_) | KeyCode::BackTab);
            let strip = |m: KeyModifiers| {
                if ignore_shift {
                    m - KeyModifiers::SHIFT
                } else {
                    m
                }
            };
            code == event.code && strip(mods) == strip(event.modifiers)
        }
    }
}

/// A binding as it is in effect: the table's, or the user's keys for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveBinding {
    pub context: Context,
    pub keys: Vec<Key>,
    pub action: Action,
    pub help: &'static str,
}

/// The bindings in effect: [`BINDINGS`] with the keys `config.toml` gives
/// some actions. It dispatches keys and writes the help, so the help always
/// shows the live keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    bindings: Vec<LiveBinding>,
}

impl Default for Keymap {
    fn default() -> Keymap {
        Keymap {
            bindings: BINDINGS
                .iter()
                .map(|b| LiveBinding {
                    context: b.context,
                    keys: b.keys.to_vec(),
                    action: b.action.clone(),
                    help: b.help,
                })
                .collect(),
        }
    }
}

impl Keymap {
    /// The default keys, with `overrides` (an action and its new keys): a
    /// key given to an action is taken from whatever had it in the same
    /// place.
    pub fn with(overrides: &[(Action, Vec<Key>)]) -> Keymap {
        let mut map = Keymap::default();
        for (action, keys) in overrides {
            let contexts: Vec<Context> = (map.bindings.iter())
                .filter(|b| b.action == *action)
                .map(|b| b.context)
                .collect();
            for b in &mut map.bindings {
                if b.action == *action {
                    b.keys = keys.clone();
                } else if contexts.contains(&b.context) {
                    b.keys.retain(|k| !keys.contains(k));
                }
            }
        }
        map
    }

    /// The keys of `action` (where it is first bound), as the help writes them.
    pub fn keys_of(&self, action: &Action) -> Vec<String> {
        (self.bindings.iter())
            .find(|b| b.action == *action)
            .map(|b| b.keys.iter().map(key_label).collect())
            .unwrap_or_default()
    }

    /// The action for `event` in the first of `contexts` that binds it.
    pub fn action_for(&self, contexts: &[Context], event: &KeyEvent) -> Option<Action> {
        contexts.iter().find_map(|ctx| {
            self.bindings
                .iter()
                .filter(|b| b.context == *ctx)
                .find(|b| b.keys.iter().any(|k| matches(k, event)))
                .map(|b| match (&b.action, event.code) {
                    (Action::Digit(_), KeyCode::Char(c)) => Action::Digit(c as u8 - b'0'),
                    (Action::PromptChar(_), KeyCode::Char(c)) => Action::PromptChar(c),
                    (a, _) => a.clone(),
                })
        })
    }

    /// The help screen: per context, each binding's keys and what it does.
    pub fn help_sections(&self) -> Vec<(Context, Vec<(String, &'static str)>)> {
        HELP_ORDER
            .iter()
            .map(|ctx| {
                let rows = (self.bindings.iter())
                    .filter(|b| b.context == *ctx && !b.keys.is_empty())
                    .map(|b| {
                        let keys: Vec<String> = b.keys.iter().map(key_label).collect();
                        (keys.join(", "), b.help)
                    })
                    .collect();
                (*ctx, rows)
            })
            .collect()
    }
}

/// Actions by the names `config.toml` gives them, for `[keys]`.
pub static ACTION_NAMES: &[(&str, Action)] = &[
    ("line_down", Action::LineDown),
    ("line_up", Action::LineUp),
    ("one_line_down", Action::OneLineDown),
    ("one_line_up", Action::OneLineUp),
    ("page_down", Action::PageDown),
    ("page_up", Action::PageUp),
    ("half_page_down", Action::HalfPageDown),
    ("half_page_up", Action::HalfPageUp),
    ("top", Action::Top),
    ("bottom", Action::Bottom),
    ("switch_pane", Action::FocusNext),
    ("switch_pane_back", Action::FocusPrev),
    ("next_citation", Action::NextCitation),
    ("previous_citation", Action::PrevCitation),
    ("follow", Action::Follow),
    ("jump_back", Action::JumpBack),
    ("jump_forward", Action::JumpForward),
    ("bookmark", Action::Mark),
    ("bookmarks", Action::Bookmarks),
    ("article_list", Action::ArticleList),
    ("previous_article", Action::PrevArticle),
    ("next_article", Action::NextArticle),
    ("search_forward", Action::SearchForward),
    ("filter_news", Action::FilterNews),
    ("search_backward", Action::SearchBackward),
    ("search_next", Action::SearchNext),
    ("search_previous", Action::SearchPrev),
    ("proof_view", Action::ToggleProof),
    ("hyphenation", Action::ToggleHyphenation),
    ("justify", Action::ToggleJustify),
    ("findings", Action::Findings),
    ("edit", Action::Edit),
    ("help", Action::Help),
    ("repaint", Action::Redraw),
    ("suspend", Action::Suspend),
    ("close", Action::Close),
    ("quit", Action::Quit),
];

/// A key written as the help writes it (`j`, `Ctrl-d`, `PgDn`, `Space`, `F1`).
pub fn parse_key(text: &str) -> Option<Key> {
    let (ctrl, name) = match text.strip_prefix("Ctrl-") {
        Some(rest) if !rest.is_empty() => (true, rest),
        _ => (false, text),
    };
    let code = match name {
        "Space" => KeyCode::Char(' '),
        "Down" => KeyCode::Down,
        "Up" => KeyCode::Up,
        "Left" => KeyCode::Left,
        "Right" => KeyCode::Right,
        "PgDn" => KeyCode::PageDown,
        "PgUp" => KeyCode::PageUp,
        "Home" => KeyCode::Home,
        "End" => KeyCode::End,
        "Tab" => KeyCode::Tab,
        "Shift-Tab" => KeyCode::BackTab,
        "Enter" => KeyCode::Enter,
        "Esc" => KeyCode::Esc,
        "Backspace" => KeyCode::Backspace,
        f if f.len() > 1 && f.starts_with('F') => KeyCode::F(f[1..].parse().ok()?),
        c if c.chars().count() == 1 => KeyCode::Char(c.chars().next()?),
        _ => return None,
    };
    let mods = if ctrl {
        KeyModifiers::CONTROL
    } else {
        KeyModifiers::NONE
    };
    Some(Key::Code(code, mods))
}

/// How a key is written in the help: `Ctrl-d`, `PgDn`, `Space`, `G`.
pub fn key_label(k: &Key) -> String {
    let (code, mods) = match k {
        Key::Code(code, mods) => (code, mods),
        Key::AnyDigit => return "0-9".into(),
        Key::AnyChar => return "text".into(),
    };
    let name = match code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Down => "Down".into(),
        KeyCode::Up => "Up".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Backspace => "Backspace".into(),
        KeyCode::F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    };
    if mods.contains(KeyModifiers::CONTROL) {
        format!("Ctrl-{name}")
    } else {
        name
    }
}

/// The order of the help's sections.
const HELP_ORDER: [Context; 9] = [
    Reading,
    Article,
    News,
    BookmarkList,
    FindingsList,
    ArticleList,
    Prompt,
    Global,
    Help,
];

#[cfg(test)]
mod tests {
    use super::*;

    fn action_for(contexts: &[Context], event: &KeyEvent) -> Option<Action> {
        Keymap::default().action_for(contexts, event)
    }

    fn help_sections() -> Vec<(Context, Vec<(String, &'static str)>)> {
        Keymap::default().help_sections()
    }

    fn ev(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn dispatches_by_context() {
        let reading = [Article, Reading, Global];
        let j = ev(KeyCode::Char('j'), KeyModifiers::NONE);
        assert_eq!(action_for(&reading, &j), Some(Action::LineDown));
        let big_g = ev(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(action_for(&reading, &big_g), Some(Action::Bottom));
        let seven = ev(KeyCode::Char('7'), KeyModifiers::NONE);
        assert_eq!(action_for(&reading, &seven), Some(Action::Digit(7)));
        assert_eq!(action_for(&[News, Reading, Global], &seven), None);
        let q = ev(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(action_for(&reading, &q), Some(Action::Quit));
        assert_eq!(action_for(&[Help, Global], &q), Some(Action::Close));
        let ctrl_c = ev(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(action_for(&reading, &ctrl_c), Some(Action::Quit));
        let c = ev(KeyCode::Char('c'), KeyModifiers::NONE);
        assert_eq!(action_for(&reading, &c), Some(Action::NextCitation));
        let backtab = ev(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(action_for(&reading, &backtab), Some(Action::FocusPrev));
        let alt_j = ev(KeyCode::Char('j'), KeyModifiers::ALT);
        assert_eq!(action_for(&reading, &alt_j), None);
    }

    #[test]
    fn every_binding_is_in_the_help() {
        let help = help_sections();
        let rows: usize = help.iter().map(|(_, r)| r.len()).sum();
        assert_eq!(rows, BINDINGS.len());
        assert!(help[0].1.contains(&(
            "j, Down".to_string(),
            "Down one line (news line: next headline)"
        )));
        assert!(
            help.iter()
                .any(|(_, r)| r.iter().any(|(k, _)| k == "Ctrl-o, Backspace"))
        );
    }
}
