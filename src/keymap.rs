//! The one table of key bindings. It both dispatches keys ([`Keymap::action_for`]) and
//! generates the help screen ([`Keymap::help_sections`]), so the two cannot disagree.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::action::Action;

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
    /// The matches of a search of every article.
    Results,
    /// Typing a line of text (a bookmark label).
    Prompt,
    /// Everywhere.
    Global,
    /// A `folio serve` viewer's panes (looked up before the others there).
    Viewer,
}

impl Context {
    pub fn title(self) -> &'static str {
        match self {
            Context::Reading => "Either pane",
            Context::Article => "Article and citations",
            Context::News => "News line",
            Context::Help => "This help",
            Context::BookmarkList => "Bookmark list (' or B)",
            Context::FindingsList => "Findings list (F)",
            Context::ArticleList => "Article list (l)",
            Context::Results => "Search results (S)",
            Context::Prompt => "Typing in any prompt",
            Context::Global => "Anywhere",
            Context::Viewer => "A folio serve viewer",
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

/// What a binding does: an action, or one made from the key typed (a digit,
/// a character of a label).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    Act(Action),
    Typed(Typed),
}

/// Actions made from the character typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Typed {
    /// A note number's digit.
    Digit,
    /// A character of a label, a query, a filter.
    Char,
}

impl Typed {
    /// The action the key `c` makes.
    pub fn action(self, c: char) -> Action {
        match self {
            Typed::Digit => Action::digit(c),
            Typed::Char => Action::PromptChar(c),
        }
    }
}

impl Bound {
    /// The action, made from `c` when it takes the key's character.
    fn action(self, c: char) -> Action {
        match self {
            Bound::Act(a) => a,
            Bound::Typed(typed) => typed.action(c),
        }
    }

    /// What the help says it does: the action's own text (which is the
    /// same whatever key made it).
    fn help(self) -> &'static str {
        self.action('0').help()
    }
}

/// A binding as it is in effect: the table's, or the user's keys for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub context: Context,
    pub keys: Vec<Key>,
    pub does: Bound,
    pub help: &'static str,
}

/// The default bindings, one per line: where, the keys (as the help and
/// `config.toml` write them), the action (`Typed::Digit`, `Typed::Char`:
/// made from the key pressed), and what the help says when it says more
/// than the action's own text. The order is the help's.
macro_rules! bindings {
    ($($context:ident $($key:literal)+ => $does:ident $(:: $kind:ident)? $($help:literal)?;)*) => {
        vec![$(Binding {
            context: Context::$context,
            keys: vec![$(table_key($key)),+],
            does: bindings!(@does $does $($kind)?),
            help: bindings!(@help $($help)?).unwrap_or(bindings!(@does $does $($kind)?).help()),
        }),*]
    };
    (@does Typed $kind:ident) => { Bound::Typed(Typed::$kind) };
    (@does $action:ident) => { Bound::Act(Action::$action) };
    (@help $help:literal) => { Some($help) };
    (@help) => { None::<&'static str> };
}

#[rustfmt::skip]
fn default_bindings() -> Vec<Binding> {
    bindings! {
    Reading      "j" "Down"           => LineDown;
    Reading      "k" "Up"             => LineUp;
    Reading      "Ctrl-e"             => OneLineDown;
    Reading      "Ctrl-y"             => OneLineUp;
    Reading      "Space" "PgDn" "f"   => PageDown;
    Reading      "b" "PgUp"           => PageUp;
    Reading      "Ctrl-d" "d"         => HalfPageDown;
    Reading      "Ctrl-u" "u"         => HalfPageUp;
    Reading      "g" "Home"           => Top;
    Reading      "G" "End"            => Bottom;
    Reading      "Tab"                => SwitchPane;
    Reading      "Shift-Tab"          => SwitchPaneBack;
    Article      "c"                  => NextCitation;
    Article      "C"                  => PreviousCitation;
    Article      "Enter"              => Follow;
    Article      "0-9"                => Typed::Digit;
    Article      "Ctrl-o" "Backspace" => JumpBack;
    Article      "Ctrl-i"             => JumpForward;
    News         "/"                  => FilterNews;
    News         "Enter"              => Follow "Open the headline's article (marked ->)";
    Reading      "m"                  => Bookmark;
    Reading      "'" "B"              => Bookmarks;
    Article      "/"                  => SearchForward;
    Article      "?"                  => SearchBackward;
    Article      "n"                  => SearchNext;
    Article      "N"                  => SearchPrevious;
    Reading      "S"                  => SearchBundle;
    Results      "j" "Down"           => LineDown "Next match";
    Results      "k" "Up"             => LineUp "Previous match";
    Results      "PgDn" "Space"       => PageDown "A page down";
    Results      "PgUp" "b"           => PageUp "A page up";
    Results      "g" "Home"           => Top "First match";
    Results      "G" "End"            => Bottom "Last match";
    Results      "Enter"              => Follow "Open the article there (n, N: its next matches)";
    Results      "S"                  => SearchBundle "Edit the query, search again";
    Results      "Esc" "q"            => Close "Close the list";
    Reading      "l"                  => ArticleList;
    Reading      "[" "H"              => PreviousArticle;
    Reading      "]" "L"              => NextArticle;
    ArticleList  "Down"               => LineDown "Next article in the list";
    ArticleList  "Up"                 => LineUp "Previous article in the list";
    ArticleList  "PgDn"               => PageDown "A page down";
    ArticleList  "PgUp"               => PageUp "A page up";
    ArticleList  "Home"               => Top "First article";
    ArticleList  "End"                => Bottom "Last article";
    ArticleList  "Enter"              => Follow "Open the article";
    ArticleList  "Esc"                => Close "Clear the filter, then close";
    ArticleList  "Backspace"          => PromptBackspace "Delete a character of the filter";
    ArticleList  "text"               => Typed::Char "Type to filter (words in the title, category or id)";
    Reading      "-"                  => Hyphenation;
    Reading      "J"                  => Justify;
    Reading      "v"                  => CycleLayout;
    Reading      "p"                  => ProofView;
    Reading      "F"                  => Findings;
    Reading      "e"                  => Edit;
    FindingsList "j" "Down"           => LineDown "Next finding";
    FindingsList "k" "Up"             => LineUp "Previous finding";
    FindingsList "g" "Home"           => Top "First finding";
    FindingsList "G" "End"            => Bottom "Last finding";
    FindingsList "Enter"              => Follow "Go to the finding";
    FindingsList "Esc" "q" "F"        => Close "Close the list";
    BookmarkList "j" "Down"           => LineDown "Next bookmark";
    BookmarkList "k" "Up"             => LineUp "Previous bookmark";
    BookmarkList "g" "Home"           => Top "First bookmark";
    BookmarkList "G" "End"            => Bottom "Last bookmark";
    BookmarkList "Enter"              => Follow "Go to the bookmark";
    BookmarkList "r"                  => Rename;
    BookmarkList "d"                  => Delete;
    BookmarkList "a"                  => AllBundles;
    BookmarkList "Esc" "q" "'" "B"    => Close "Close the list";
    Prompt       "Enter"              => PromptAccept;
    Prompt       "Esc"                => PromptCancel;
    Prompt       "Backspace"          => PromptBackspace;
    Prompt       "Delete"             => PromptDelete;
    Prompt       "Ctrl-w"             => PromptWordBack;
    Prompt       "Ctrl-u"             => PromptToStart;
    Prompt       "Left"               => PromptLeft;
    Prompt       "Right"              => PromptRight;
    Prompt       "Home" "Ctrl-a"      => PromptHome;
    Prompt       "End" "Ctrl-e"       => PromptEnd;
    Prompt       "text"               => Typed::Char;
    Help         "Esc" "q" "h" "F1"   => Close "Close this help";
    Global       "h" "F1"             => Help;
    Global       "Ctrl-l"             => Repaint;
    Global       "Ctrl-z"             => Suspend;
    Global       "Esc"                => Close;
    Global       "q" "Ctrl-c"         => Quit;
    Global       "Z"                  => QuitTwice;
    Viewer       "f"                  => FollowSpeaker "Follow the speaker again (instead of a page down)";
    }
}

/// A key of the table: as [`parse_key`] reads it, or `0-9` (any digit) or
/// `text` (any character).
fn table_key(text: &str) -> Key {
    match text {
        "0-9" => Key::AnyDigit,
        "text" => Key::AnyChar,
        _ => parse_key(text).unwrap_or_else(|| panic!("the key table's {text:?} is no key")),
    }
}

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

/// The bindings in effect: the table's, with the keys `config.toml` gives
/// some actions. It dispatches keys and writes the help, so the help always
/// shows the live keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Keymap {
        Keymap {
            bindings: default_bindings(),
        }
    }
}

/// The contexts looked up together, most specific first: the article pane,
/// the news pane (without the article's keys it only falls back to) and
/// each overlay. Two bindings clash when one stack holds both their
/// contexts.
pub const STACKS: [&[Context]; 8] = [
    ARTICLE_KEYS,
    &[Context::News, Context::Reading, Context::Global],
    HELP_KEYS,
    ARTICLE_LIST_KEYS,
    FINDINGS_KEYS,
    BOOKMARK_KEYS,
    RESULTS_KEYS,
    PROMPT_KEYS,
];

/// Where a key is looked up, first to last, in each place: the app's
/// panes and overlays take theirs from here, so the table above is theirs.
pub const ARTICLE_KEYS: &[Context] = &[Context::Article, Context::Reading, Context::Global];
/// The news line: the article's keys last, only so that pressed there they
/// can say why they do nothing (not a place they are bound).
pub const NEWS_KEYS: &[Context] = &[
    Context::News,
    Context::Reading,
    Context::Global,
    Context::Article,
];
pub const HELP_KEYS: &[Context] = &[Context::Help, Context::Reading, Context::Global];
pub const ARTICLE_LIST_KEYS: &[Context] = &[Context::ArticleList, Context::Global];
pub const FINDINGS_KEYS: &[Context] = &[Context::FindingsList, Context::Global];
pub const BOOKMARK_KEYS: &[Context] = &[Context::BookmarkList, Context::Global];
pub const RESULTS_KEYS: &[Context] = &[Context::Results, Context::Global];
pub const PROMPT_KEYS: &[Context] = &[Context::Prompt, Context::Global];
/// A `folio serve` viewer's panes: `f` follows the speaker there (where a
/// reader's `f` is a page down), so these shadow the panes' own lists
/// rather than being a stack whose clashes count.
pub const VIEWER_ARTICLE_KEYS: &[Context] = &[
    Context::Viewer,
    Context::Article,
    Context::Reading,
    Context::Global,
];
pub const VIEWER_NEWS_KEYS: &[Context] = &[
    Context::Viewer,
    Context::News,
    Context::Reading,
    Context::Global,
    Context::Article,
];

/// A key of `config.toml` that met another binding where both apply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// Which override (index into the list given) and which of its keys.
    pub at: (usize, usize),
    pub key: Key,
    pub kind: Clash,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clash {
    /// The key was a default of `action`; the file's binding took it, and
    /// `action` keeps it only in `kept_in` (where the file's does not apply).
    Displaced {
        action: Action,
        kept_in: Vec<Context>,
    },
    /// An earlier line of the file gave the key to `action` in the same
    /// place: this line's key is refused.
    Taken { action: Action },
}

/// The same key as the table matches it (Shift does not count for characters).
fn same_key(a: &Key, b: &Key) -> bool {
    match (a, b) {
        (Key::Code(ca, ma), Key::Code(cb, mb)) => {
            let strip = |c: &KeyCode, m: KeyModifiers| match c {
                KeyCode::Char(_) | KeyCode::BackTab => m - KeyModifiers::SHIFT,
                _ => m,
            };
            ca == cb && strip(ca, *ma) == strip(cb, *mb)
        }
        _ => a == b,
    }
}

/// Some stack looks up both contexts.
fn overlap(a: Context, b: Context) -> bool {
    STACKS.iter().any(|s| s.contains(&a) && s.contains(&b))
}

impl Keymap {
    /// The default keys, with `overrides` (an action and its new keys): a
    /// key given to an action is taken from whatever had it in the same
    /// place.
    pub fn with(overrides: &[(Action, Vec<Key>)]) -> Keymap {
        Keymap::apply(overrides).0
    }

    /// As [`Keymap::with`], saying what each override met. The file wins
    /// over a default (as a vim `:map` or a `lesskey` line does): the default
    /// binding loses the key where both apply and keeps it where only it
    /// does (`search_next = ["j"]`: `j` is the next match in the article and
    /// still a line down in the news line). Two lines of the file giving one
    /// key in one place: the first keeps it, the later is refused.
    pub fn apply(overrides: &[(Action, Vec<Key>)]) -> (Keymap, Vec<Conflict>) {
        let mut map = Keymap::default();
        let mut conflicts = Vec::new();
        let mut given: Vec<Action> = Vec::new();
        for (i, (action, keys)) in overrides.iter().enumerate() {
            let target = Bound::Act(*action);
            let contexts: Vec<Context> = (map.bindings.iter())
                .filter(|b| b.does == target)
                .map(|b| b.context)
                .collect();
            let clashes =
                |b: &Binding| b.does != target && contexts.iter().any(|c| overlap(*c, b.context));
            // Keys an earlier line gave elsewhere in the same place: refused.
            let mut kept = Vec::new();
            for (j, key) in keys.iter().enumerate() {
                let taken = (map.bindings.iter())
                    .filter(|b| clashes(b) && b.keys.iter().any(|k| same_key(k, key)))
                    .find_map(|b| match b.does {
                        Bound::Act(a) if given.contains(&a) => Some(a),
                        _ => None,
                    });
                match taken {
                    Some(other) => conflicts.push(Conflict {
                        at: (i, j),
                        key: *key,
                        kind: Clash::Taken { action: other },
                    }),
                    None => kept.push((j, *key)),
                }
            }
            if kept.is_empty() {
                continue;
            }
            given.push(*action);
            let mut added: Vec<Binding> = Vec::new();
            for b in &mut map.bindings {
                if b.does == target {
                    b.keys = kept.iter().map(|(_, k)| *k).collect();
                    continue;
                }
                if !contexts.iter().any(|c| overlap(*c, b.context)) {
                    continue;
                }
                for (j, key) in &kept {
                    let Some(pos) = b.keys.iter().position(|k| same_key(k, key)) else {
                        continue;
                    };
                    b.keys.remove(pos);
                    // Where the file's binding does not apply, the default
                    // keeps the key: in the first context of each such stack.
                    let kept_in: Vec<Context> = (STACKS.iter())
                        .filter(|s| {
                            s.contains(&b.context) && !contexts.iter().any(|c| s.contains(c))
                        })
                        .filter(|s| s[0] != b.context)
                        .map(|s| s[0])
                        .collect();
                    for ctx in &kept_in {
                        added.push(Binding {
                            context: *ctx,
                            keys: vec![*key],
                            does: b.does,
                            help: b.help,
                        });
                    }
                    if let Bound::Act(displaced) = b.does {
                        conflicts.push(Conflict {
                            at: (i, *j),
                            key: *key,
                            kind: Clash::Displaced {
                                action: displaced,
                                kept_in,
                            },
                        });
                    }
                }
            }
            for new in added {
                let bound_there = (map.bindings.iter()).any(|b| {
                    b.context == new.context
                        && b.does != new.does
                        && b.keys
                            .iter()
                            .any(|k| new.keys.iter().any(|n| same_key(k, n)))
                });
                if bound_there {
                    continue;
                }
                let same = (map.bindings.iter_mut())
                    .find(|b| b.context == new.context && b.does == new.does);
                match same {
                    Some(b) => b.keys.extend(new.keys),
                    None => {
                        // After the context's last binding, for the help's order.
                        let at = (map.bindings.iter())
                            .rposition(|b| b.context == new.context)
                            .map_or(map.bindings.len(), |p| p + 1);
                        map.bindings.insert(at, new);
                    }
                }
            }
        }
        (map, conflicts)
    }

    /// Every binding, in the help's order within each context.
    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// The keys of `action` (where it is first bound), as the help writes them.
    pub fn keys_of(&self, action: Action) -> Vec<String> {
        (self.bindings.iter())
            .find(|b| b.does == Bound::Act(action))
            .map(|b| b.keys.iter().map(key_label).collect())
            .unwrap_or_default()
    }

    /// The action for `event` in the first of `contexts` that binds it.
    pub fn action_for(&self, contexts: &[Context], event: &KeyEvent) -> Option<Action> {
        let typed = match event.code {
            KeyCode::Char(c) => c,
            _ => '\0',
        };
        contexts.iter().find_map(|ctx| {
            self.bindings
                .iter()
                .filter(|b| b.context == *ctx)
                .find(|b| b.keys.iter().any(|k| matches(k, event)))
                .map(|b| b.does.action(typed))
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

/// Where the help's key column ends.
const KEY_COLUMN: usize = 18;

/// An entry of the help: a heading, a line of text, or a binding's keys
/// and what it does.
enum HelpEntry {
    Heading(&'static str),
    Text(&'static str),
    Binding(String, &'static str),
}

fn help_entries(keymap: &Keymap, page_wise: bool) -> Vec<HelpEntry> {
    let mut out = Vec::new();
    if page_wise {
        out.push(HelpEntry::Heading("Low-bandwidth mode"));
        out.push(HelpEntry::Text(
            "j, k and the arrows move the article a page at a time",
        ));
        out.push(HelpEntry::Text(""));
    }
    for (i, (ctx, bindings)) in keymap.help_sections().into_iter().enumerate() {
        if i > 0 {
            out.push(HelpEntry::Text(""));
        }
        out.push(HelpEntry::Heading(ctx.title()));
        out.extend((bindings.into_iter()).map(|(keys, help)| HelpEntry::Binding(keys, help)));
    }
    out
}

/// The help's text, one entry per row: (is a heading, text).
pub fn help_rows(keymap: &Keymap, page_wise: bool) -> Vec<(bool, String)> {
    (help_entries(keymap, page_wise).into_iter())
        .map(|e| match e {
            HelpEntry::Heading(h) => (true, h.to_string()),
            HelpEntry::Text("") => (false, String::new()),
            HelpEntry::Text(t) => (false, format!("  {t}")),
            HelpEntry::Binding(keys, help) => (false, format!("  {keys:<KEY_COLUMN$}{help}")),
        })
        .collect()
}

/// [`help_rows`] fitted to `width` columns: a binding whose description does
/// not fit goes on under itself, indented to the description's column,
/// never cut. Where the key column leaves too little room for descriptions,
/// every binding is written one way: its keys on a line, what it does on
/// the lines under them, indented (a mix of the two read as keys where
/// there were words).
pub fn help_lines(keymap: &Keymap, page_wise: bool, width: usize) -> Vec<(bool, String)> {
    use unicode_width::UnicodeWidthStr;
    let width = width.max(8);
    let wrap = |text: &str, first: &str, rest: &str, out: &mut Vec<(bool, String)>| {
        let options = textwrap::Options::new(width)
            .initial_indent(first)
            .subsequent_indent(rest)
            .word_splitter(textwrap::WordSplitter::NoHyphenation);
        for line in textwrap::wrap(text, options) {
            out.push((false, line.into_owned()));
        }
    };
    let narrow = 2 + KEY_COLUMN + 12 > width;
    let hanging = " ".repeat(2 + KEY_COLUMN);
    let mut out = Vec::new();
    for entry in help_entries(keymap, page_wise) {
        match entry {
            HelpEntry::Heading(h) => out.push((true, h.to_string())),
            HelpEntry::Text("") => out.push((false, String::new())),
            HelpEntry::Text(t) if t.width() + 2 <= width => out.push((false, format!("  {t}"))),
            HelpEntry::Text(t) => wrap(t, "  ", "  ", &mut out),
            HelpEntry::Binding(keys, help) if narrow => {
                wrap(&keys, "  ", "  ", &mut out);
                wrap(help, "    ", "    ", &mut out);
            }
            HelpEntry::Binding(keys, help) => {
                let row = format!("  {keys:<KEY_COLUMN$}{help}");
                if row.width() <= width {
                    out.push((false, row));
                } else {
                    wrap(&row, "", &hanging, &mut out);
                }
            }
        }
    }
    out
}

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
        "Delete" => KeyCode::Delete,
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
        KeyCode::Delete => "Delete".into(),
        KeyCode::Left => "Left".into(),
        KeyCode::Right => "Right".into(),
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
const HELP_ORDER: [Context; 11] = [
    Context::Reading,
    Context::Article,
    Context::News,
    Context::BookmarkList,
    Context::FindingsList,
    Context::ArticleList,
    Context::Results,
    Context::Prompt,
    Context::Global,
    Context::Help,
    Context::Viewer,
];

/// Actions no key has by default (`config.toml` can give them one).
pub const UNBOUND: &[Action] = &[];

#[cfg(test)]
mod tests {
    #[test]
    fn help_lines_wrap_and_lose_no_word() {
        let map = Keymap::with(&[]);
        let rows = help_rows(&map, true);
        for width in [30, 45, 53, 77, 87] {
            let lines = help_lines(&map, true, width);
            for (_, line) in &lines {
                assert!(
                    unicode_width::UnicodeWidthStr::width(line.as_str()) <= width,
                    "{width}: {line:?}"
                );
            }
            let words = |t: &[(bool, String)]| -> Vec<String> {
                t.iter()
                    .flat_map(|(_, l)| l.split_whitespace().map(str::to_string))
                    .collect()
            };
            assert_eq!(words(&lines), words(&rows), "width {width}");
        }
        // Wide enough, nothing changes.
        assert_eq!(help_lines(&map, false, 500), help_rows(&map, false));
        // Too narrow for the key column: each binding's keys alone on a
        // line, what it does under them (never `k, Up      Up one…`).
        for (_, line) in help_lines(&map, true, 30) {
            let keys_line = line.starts_with("  ") && !line.starts_with("    ");
            assert!(!(keys_line && line.trim().contains("  ")), "{line:?}");
        }
        // A continuation starts under the description.
        let lines = help_lines(&map, true, 45);
        let wrapped = lines
            .windows(2)
            .find(|w| !w[0].0 && w[1].1.starts_with(&" ".repeat(20)));
        assert!(wrapped.is_some(), "{lines:#?}");
    }

    use super::*;
    use Context::*;
    use strum::IntoEnumIterator;

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
        assert_eq!(action_for(&reading, &backtab), Some(Action::SwitchPaneBack));
        let alt_j = ev(KeyCode::Char('j'), KeyModifiers::ALT);
        assert_eq!(action_for(&reading, &alt_j), None);
    }

    #[test]
    fn every_binding_is_in_the_help() {
        let help = help_sections();
        let rows: usize = help.iter().map(|(_, r)| r.len()).sum();
        assert_eq!(rows, Keymap::default().bindings().len());
        assert!(help[0].1.contains(&(
            "j, Down".to_string(),
            "Down one line (news line: next headline)"
        )));
        assert!(
            help.iter()
                .any(|(_, r)| r.iter().any(|(k, _)| k == "Ctrl-o, Backspace"))
        );
    }

    #[test]
    fn every_action_has_a_key_or_is_listed_as_unbound() {
        let map = Keymap::default();
        for a in Action::iter() {
            let kind = std::mem::discriminant(&a);
            let bound = (map.bindings().iter())
                .any(|b| std::mem::discriminant(&b.does.action('0')) == kind);
            assert!(
                bound != UNBOUND.contains(&a),
                "{a:?}: bound by default and listed as unbound, or neither"
            );
        }
    }
}
