//! `config.toml`: the reader made yours. It lives in the same directory as
//! the bookmarks (`--config-dir`, `FOLIO_CONFIG_DIR`, the platform's config
//! directory), is optional, and is read before the screen is taken over.
//!
//! A bad key never stops folio: each problem is reported with its
//! `line:column` and that key keeps its default, the rest apply. Flags on the
//! command line win over the file.

use std::path::{Path, PathBuf};

use ratatui::style::Color;
use toml::de::{DeTable, DeValue};

use crate::action::Action;
use crate::diagnostic::{Diagnostic, Rule, line_column};
use crate::keymap::{Clash, Key, parse_key};
use crate::layout::screen::Layout;
use crate::theme::{Element, Theme};

pub const FILE: &str = "config.toml";

/// What `config.toml` sets; every field has the default when the file does
/// not say (or says something folio cannot use).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub theme: Theme,
    pub measure: Option<u16>,
    pub centre: bool,
    /// How the news line stands to the article.
    pub layout: Layout,
    pub low_bandwidth: bool,
    /// Mouse reporting (wheel, clicks).
    pub mouse: bool,
    /// Ask the terminal whether it can scroll part of a row.
    pub scroll_margins: bool,
    /// Sources' names as OSC 8 hyperlinks, in terminals known to show them.
    pub hyperlinks: bool,
    pub hyphenate: bool,
    pub justify: bool,
    /// Actions given other keys.
    pub keys: Vec<(Action, Vec<Key>)>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            theme: Theme::default(),
            measure: None,
            centre: true,
            layout: Layout::Auto,
            low_bandwidth: false,
            mouse: false,
            scroll_margins: true,
            hyperlinks: true,
            hyphenate: false,
            justify: false,
            keys: Vec::new(),
        }
    }
}

/// The complete default configuration, commented: `folio config
/// --print-default`.
pub fn default_text() -> String {
    let mut colors = String::new();
    let theme = Theme::default();
    for e in Element::ALL {
        let value = theme
            .color(e)
            .map_or("default".to_string(), |c| c.to_string().to_lowercase());
        colors.push_str(&format!("{:<14}= \"{value}\"\n", e.name()));
    }
    let mut keys = String::new();
    let map = crate::keymap::Keymap::default();
    for action in Action::configurable() {
        let name = action.name();
        let labels = map.keys_of(action);
        let list: Vec<String> = labels.iter().map(|k| format!("\"{k}\"")).collect();
        keys.push_str(&format!("# {name:<18}= [{}]\n", list.join(", ")));
    }
    format!(
        r##"# folio's configuration: {FILE} in folio's config directory (where the
# bookmarks are: --config-dir, FOLIO_CONFIG_DIR, or ~/.config/folio on Linux).
# Every key is optional; a key folio cannot use is reported (file:line:column)
# and keeps its default. Flags on the command line win over this file.

[display]
# "default", "monochrome" (no colour at all) or "high-contrast".
theme = "default"
# The widest the text gets, in columns (20-400).
measure = 76
# Centre the text in a pane wider than the measure; false keeps it left.
centre = true
# Break words at English hyphenation points (key -), and widen the spaces of
# a paragraph's lines to fill the measure, no gap over 3 columns (key J).
hyphenate = false
justify = false
# Where the news line goes (key v cycles them while reading):
# "auto": beside the article from 100 columns, a Tab away below that;
# "beside": beside it at any width both keep a usable size (64 columns);
# "single": the article always has the width, the news line is a Tab away;
# "below": a strip of headlines under the article, which keeps the width.
layout = "auto"
# For slow links: no colour, ASCII rules and borders, j/k move a page.
low_bandwidth = false
# The wheel scrolls the pane under the pointer, a click selects a headline or
# follows a footnote. Off, the terminal's own text selection works as usual.
mouse = false
# Ask the terminal at start whether it can scroll part of a row (left/right
# margins: xterm, iTerm2, WezTerm, Ghostty...). If it can, the article scrolls
# beside the news line for a few dozen bytes a line. false: never ask.
scroll_margins = true
# A source the page linked is a hyperlink (OSC 8) in terminals known to show
# them (iTerm2, WezTerm, kitty, foot, GNOME Terminal and other VTE ones,
# Windows Terminal, Ghostty), with a UTF-8 locale; never with --ascii or
# low_bandwidth. false: never.
hyperlinks = true

[colors]
# Per element: a colour name (red, lightblue, darkgray…), "#rrggbb", an index
# 0-255, or "default" (the terminal's own). Applied over the theme.
{colors}
[keys]
# action = ["key", …] gives an action these keys instead of its own (a key
# given to one action is taken from any other in the same place). Keys are
# written as the help writes them: "j", "G", "Ctrl-d", "PgDn", "Space",
# "Enter", "Esc", "Tab", "F1". The defaults:
{keys}"##
    )
}

struct Reader<'a> {
    text: &'a str,
    problems: Vec<Diagnostic>,
    /// Where each of `Config::keys`' keys is written, in step with it.
    key_spans: Vec<Vec<std::ops::Range<usize>>>,
}

impl Reader<'_> {
    fn problem(&mut self, span: std::ops::Range<usize>, message: String) {
        let (line, column) = line_column(self.text, span.start);
        self.problems
            .push(Diagnostic::new(Rule::Config, message).with_position(line, column));
    }
}

/// Reads `config.toml` text: the configuration, and every problem in it.
pub fn parse(text: &str) -> (Config, Vec<Diagnostic>) {
    let mut config = Config::default();
    let mut r = Reader {
        text,
        problems: Vec::new(),
        key_spans: Vec::new(),
    };
    let (table, errors) = DeTable::parse_recoverable(text);
    for e in errors {
        let span = e.span().unwrap_or(0..0);
        let message = e.message().trim().to_string();
        r.problem(span, format!("invalid TOML: {message}"));
    }
    // The theme first, then the colours over it, whatever the file's order.
    let mut sections: Vec<_> = table.get_ref().iter().collect();
    sections.sort_by_key(|(k, _)| match k.get_ref().as_ref() {
        "display" => 0,
        "colors" => 1,
        _ => 2,
    });
    for (key, value) in sections {
        let section = key.get_ref().as_ref();
        let DeValue::Table(entries) = value.get_ref() else {
            r.problem(
                key.span(),
                format!("`{section}` is not a section: sections are [display], [colors], [keys]"),
            );
            continue;
        };
        for (k, v) in entries {
            let name = k.get_ref().as_ref();
            if v.span().is_empty() {
                // A value the parser could not read: already reported.
                continue;
            }
            match section {
                "display" => display(&mut r, &mut config, name, k.span(), v),
                "colors" => colors(&mut r, &mut config, name, k.span(), v),
                "keys" => keys(&mut r, &mut config, name, k.span(), v),
                _ => {
                    r.problem(
                        key.span(),
                        format!(
                            "unknown section [{section}]: sections are [display], [colors], [keys]"
                        ),
                    );
                    break;
                }
            }
        }
    }
    key_conflicts(&mut r, &config);
    let mut problems = r.problems;
    problems.sort_by_key(|p| (p.line, p.column));
    (config, problems)
}

fn display(
    r: &mut Reader,
    c: &mut Config,
    name: &str,
    at: std::ops::Range<usize>,
    v: &toml::Spanned<DeValue>,
) {
    let value = v.get_ref();
    let span = v.span();
    match name {
        "theme" => match value.as_str().and_then(Theme::named) {
            Some(t) => c.theme = t,
            None => r.problem(
                span,
                format!(
                    "theme must be one of {}",
                    Theme::NAMES.map(|n| format!("\"{n}\"")).join(", ")
                ),
            ),
        },
        "measure" => match value
            .as_integer()
            .and_then(|i| i64::from_str_radix(i.as_str(), i.radix()).ok())
            .and_then(|i| u16::try_from(i).ok())
            .filter(|i| (20..=400).contains(i))
        {
            Some(m) => c.measure = Some(m),
            None => r.problem(
                span,
                "measure must be a number of columns, 20 to 400".into(),
            ),
        },
        "centre" | "center" | "low_bandwidth" | "hyphenate" | "justify" | "mouse"
        | "scroll_margins" | "hyperlinks" => {
            let field = match name {
                "low_bandwidth" => &mut c.low_bandwidth,
                "hyphenate" => &mut c.hyphenate,
                "justify" => &mut c.justify,
                "mouse" => &mut c.mouse,
                "scroll_margins" => &mut c.scroll_margins,
                "hyperlinks" => &mut c.hyperlinks,
                _ => &mut c.centre,
            };
            match value.as_bool() {
                Some(b) => *field = b,
                None => r.problem(span, format!("{name} must be true or false")),
            }
        }
        "layout" => match value.as_str().and_then(Layout::named) {
            Some(layout) => c.layout = layout,
            None => r.problem(
                span,
                format!(
                    "layout must be one of {}",
                    Layout::ALL.map(|l| format!("\"{}\"", l.name())).join(", ")
                ),
            ),
        },
        _ => r.problem(
            at,
            format!(
                "unknown key `{name}` in [display]: theme, measure, centre, layout, low_bandwidth, mouse, scroll_margins, hyperlinks, hyphenate, justify"
            ),
        ),
    }
}

fn colors(
    r: &mut Reader,
    c: &mut Config,
    name: &str,
    at: std::ops::Range<usize>,
    v: &toml::Spanned<DeValue>,
) {
    let Some(element) = Element::named(name) else {
        let names: Vec<&str> = Element::ALL.iter().map(|e| e.name()).collect();
        r.problem(
            at,
            format!("unknown element `{name}`: {}", names.join(", ")),
        );
        return;
    };
    if let Some(i) = v.get_ref().as_integer() {
        match i64::from_str_radix(i.as_str(), i.radix())
            .ok()
            .and_then(|n| u8::try_from(n).ok())
        {
            Some(n) => c.theme.set(element, Some(Color::Indexed(n))),
            None => r.problem(v.span(), "a colour number is 0 to 255".into()),
        }
        return;
    }
    match v.get_ref().as_str() {
        Some("default") => c.theme.set(element, None),
        Some(s) => match s.parse::<Color>() {
            Ok(color) => c.theme.set(element, Some(color)),
            Err(_) => r.problem(
                v.span(),
                format!("{s:?} is not a colour: a name (red, lightblue…), \"#rrggbb\", 0-255 or \"default\""),
            ),
        },
        None => r.problem(
            v.span(),
            "a colour is a name such as \"yellow\", \"#rrggbb\", 0-255 or \"default\"".into(),
        ),
    }
}

fn keys(
    r: &mut Reader,
    c: &mut Config,
    name: &str,
    at: std::ops::Range<usize>,
    v: &toml::Spanned<DeValue>,
) {
    let Some(action) = Action::named(name) else {
        r.problem(
            at,
            format!("unknown action `{name}`; folio config --print-default lists them"),
        );
        return;
    };
    let values: Vec<&toml::Spanned<DeValue>> = match v.get_ref() {
        DeValue::Array(items) => items.iter().collect(),
        DeValue::String(_) => vec![v],
        _ => {
            r.problem(
                v.span(),
                "keys are a list of strings, such as [\"j\", \"Down\"]".into(),
            );
            return;
        }
    };
    let mut keys = Vec::new();
    let mut spans = Vec::new();
    for item in values {
        match item.get_ref().as_str().and_then(parse_key) {
            Some(k) => {
                keys.push(k);
                spans.push(item.span());
            }
            None => r.problem(
                item.span(),
                format!(
                    "{} is not a key: write \"j\", \"G\", \"Ctrl-d\", \"PgDn\", \"Space\", \"Enter\", \"F1\"…",
                    item.get_ref().as_str().map_or("this".to_string(), |s| format!("{s:?}"))
                ),
            ),
        }
    }
    if !keys.is_empty() {
        c.keys.push((action, keys));
        r.key_spans.push(spans);
    }
}

/// Reports each key of `[keys]` that met another binding where both apply:
/// a default it took (the file wins, as a vim `:map` or a `lesskey` line
/// does, and the user is told what lost the key), or a key an earlier line
/// gave in the same place (refused: one key does one thing in one place).
fn key_conflicts(r: &mut Reader, c: &Config) {
    let (map, conflicts) = crate::keymap::Keymap::apply(&c.keys);
    for conflict in conflicts {
        let (i, j) = conflict.at;
        let Some(span) = r.key_spans.get(i).and_then(|s| s.get(j)).cloned() else {
            continue;
        };
        let key = crate::keymap::key_label(&conflict.key);
        let given = c.keys.get(i).map_or("", |(a, _)| a.name());
        let message = match conflict.kind {
            Clash::Displaced { action, kept_in } => {
                let kept = if kept_in.is_empty() {
                    String::new()
                } else {
                    let places: Vec<&str> = kept_in.iter().map(|c| place(*c)).collect();
                    format!(
                        " (it still does {} in {})",
                        action.name(),
                        places.join(" and ")
                    )
                };
                let rest: Vec<String> = (map.keys_of(action).into_iter())
                    .filter(|k| *k != key)
                    .collect();
                let rest = if rest.is_empty() {
                    format!(
                        "; {} has no other key: give it one in [keys]",
                        action.name()
                    )
                } else {
                    format!("; {} keeps {}", action.name(), rest.join(", "))
                };
                format!(
                    "\"{key}\" was {}'s key: it is {given}'s now{kept}{rest}",
                    action.name()
                )
            }
            Clash::Taken { action } => format!(
                "\"{key}\" is already {}'s key where {given} applies (an earlier line gives it); one key does one thing in one place, so this one is ignored",
                action.name()
            ),
        };
        r.problem(span, message);
    }
}

/// Where a context's keys apply, for messages.
fn place(c: crate::keymap::Context) -> &'static str {
    use crate::keymap::Context::*;
    match c {
        Reading => "either pane",
        Article => "the article",
        News => "the news line",
        Help => "the help",
        BookmarkList => "the bookmark list",
        FindingsList => "the findings list",
        ArticleList => "the article list",
        Results => "the search results",
        Prompt => "prompts",
        Global => "every place",
        Viewer => "a folio serve viewer",
    }
}

/// Reads `config.toml` in `dir` (none there: the defaults). The path is for
/// messages.
pub fn load(dir: &Path, max_size: u64) -> (Config, Vec<Diagnostic>, PathBuf) {
    let path = dir.join(FILE);
    match crate::input::read_text_file(&path, max_size) {
        Ok(text) => {
            let (config, problems) = parse(&text);
            (config, problems, path)
        }
        Err(crate::input::InputError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => {
            (Config::default(), Vec::new(), path)
        }
        Err(e) => {
            let problem = Diagnostic::new(
                Rule::Config,
                format!("cannot be read ({e}); using the defaults"),
            )
            .with_position(1, 1);
            (Config::default(), vec![problem], path)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_printed_default_reads_back_as_the_default() {
        let (config, problems) = parse(&default_text());
        assert_eq!(problems, []);
        assert_eq!(
            config,
            Config {
                measure: Some(76),
                ..Config::default()
            }
        );
    }

    #[test]
    fn settings_apply_and_bad_keys_keep_their_defaults() {
        let text = "[display]\ntheme = \"high-contrast\"\nmeasure = 900\ncentre = false\nlayout = \"single\"\nwat = 1\n\n[colors]\nmarker = \"#ff8800\"\ntime = \"plaid\"\n\n[keys]\nsearch_next = [\"j\"]\nquit = [\"Hyper-q\"]\nfly = [\"x\"]\n";
        let (c, problems) = parse(text);
        assert!(c.theme.strong, "high contrast applied");
        assert_eq!(c.measure, None, "900 is out of range: the default stays");
        assert!(!c.centre);
        assert_eq!(c.layout, Layout::Single);
        assert_eq!(
            c.theme.color(Element::Marker),
            Some(Color::Rgb(0xff, 0x88, 0x00))
        );
        assert_eq!(c.keys.len(), 1);
        let at: Vec<(usize, usize)> = problems.iter().map(|p| (p.line, p.column)).collect();
        assert_eq!(
            at,
            // 13:16: `j` taken from line_down, which is told.
            [(3, 11), (6, 1), (10, 8), (13, 16), (14, 9), (15, 1)],
            "{problems:?}"
        );
        assert!(problems[0].message.contains("20 to 400"));
        assert!(problems[2].message.contains("\"plaid\" is not a colour"));
    }

    #[test]
    fn every_layout_is_read_and_a_wrong_one_listed() {
        for layout in Layout::ALL {
            let (c, problems) = parse(&format!("[display]\nlayout = \"{}\"\n", layout.name()));
            assert_eq!((c.layout, problems), (layout, vec![]));
        }
        let (c, problems) = parse("[display]\nlayout = \"side\"\n");
        assert_eq!(c.layout, Layout::Auto);
        assert_eq!(
            problems[0].message,
            "layout must be one of \"auto\", \"beside\", \"single\", \"below\""
        );
    }

    #[test]
    fn broken_toml_is_reported_and_the_rest_still_applies() {
        let (c, problems) = parse("[display]\ntheme = \"monochrome\"\nmeasure = = 3\n");
        assert_eq!(c.theme, Theme::MONOCHROME);
        assert!(!problems.is_empty());
        assert_eq!(problems[0].line, 3);
        assert!(
            problems[0].message.starts_with("invalid TOML"),
            "{problems:?}"
        );
    }

    #[test]
    fn remapped_keys_are_live_in_dispatch_and_help() {
        use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
        let (c, _) = parse("[keys]\nsearch_next = [\"j\"]\n");
        let map = crate::keymap::Keymap::with(&c.keys);
        let j = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE);
        let ctx = [
            crate::keymap::Context::Article,
            crate::keymap::Context::Reading,
        ];
        assert_eq!(map.action_for(&ctx, &j), Some(Action::SearchNext));
        let help = map.help_sections();
        let rows: Vec<&(String, &str)> = help.iter().flat_map(|(_, r)| r).collect();
        assert!(rows.iter().any(|(k, h)| k == "j" && *h == "Next match"));
        // Where next-match does not apply, j still moves a line.
        let news = [
            crate::keymap::Context::News,
            crate::keymap::Context::Reading,
        ];
        assert_eq!(map.action_for(&news, &j), Some(Action::LineDown));
    }
}
