//! Colours per element of the screen, chosen in `config.toml`: the default
//! theme, a monochrome one (no colour at all, as under `NO_COLOR`) and a
//! high-contrast one. Colour only ever adds to what bold, underline and
//! reverse video already say, so every theme reads the same without it.

use ratatui::style::Color;

/// The parts of the screen a theme colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Element {
    Meta,
    Rule,
    Marker,
    NoteLabel,
    Time,
    Link,
    DaySeparator,
    Finding,
    Raw,
    Gutter,
    Title,
    Heading,
}

impl Element {
    pub const ALL: [Element; 12] = [
        Element::Meta,
        Element::Rule,
        Element::Marker,
        Element::NoteLabel,
        Element::Time,
        Element::Link,
        Element::DaySeparator,
        Element::Finding,
        Element::Raw,
        Element::Gutter,
        Element::Title,
        Element::Heading,
    ];

    /// Its name in `config.toml`.
    pub fn name(self) -> &'static str {
        match self {
            Element::Meta => "meta",
            Element::Rule => "rule",
            Element::Marker => "marker",
            Element::NoteLabel => "note_label",
            Element::Time => "time",
            Element::Link => "link",
            Element::DaySeparator => "day_separator",
            Element::Finding => "finding",
            Element::Raw => "raw",
            Element::Gutter => "gutter",
            Element::Title => "title",
            Element::Heading => "heading",
        }
    }

    pub fn named(name: &str) -> Option<Element> {
        Element::ALL.into_iter().find(|e| e.name() == name)
    }

    fn index(self) -> usize {
        Element::ALL.iter().position(|e| *e == self).unwrap_or(0)
    }
}

/// Foreground colours by element (`None`: the terminal's own), and whether
/// emphasis is made stronger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    colors: [Option<Color>; 12],
    /// High contrast: coloured elements are bold too.
    pub strong: bool,
}

impl Default for Theme {
    fn default() -> Theme {
        Theme::named("default").unwrap_or(Theme::MONOCHROME)
    }
}

impl Theme {
    pub const MONOCHROME: Theme = Theme {
        colors: [None; 12],
        strong: false,
    };

    pub const NAMES: [&'static str; 3] = ["default", "monochrome", "high-contrast"];

    pub fn named(name: &str) -> Option<Theme> {
        let mut t = Theme::MONOCHROME;
        match name {
            "default" => {
                for (e, c) in [
                    (Element::Meta, Color::Cyan),
                    (Element::Rule, Color::Cyan),
                    (Element::DaySeparator, Color::Cyan),
                    (Element::Marker, Color::Yellow),
                    (Element::NoteLabel, Color::Yellow),
                    (Element::Time, Color::Green),
                    (Element::Link, Color::Cyan),
                    (Element::Finding, Color::Red),
                    (Element::Raw, Color::Magenta),
                ] {
                    t.set(e, Some(c));
                }
            }
            "monochrome" => {}
            "high-contrast" => {
                for (e, c) in [
                    (Element::Meta, Color::LightCyan),
                    (Element::Rule, Color::White),
                    (Element::DaySeparator, Color::LightCyan),
                    (Element::Marker, Color::LightYellow),
                    (Element::NoteLabel, Color::LightYellow),
                    (Element::Time, Color::LightGreen),
                    (Element::Link, Color::LightCyan),
                    (Element::Finding, Color::LightRed),
                    (Element::Raw, Color::LightMagenta),
                    (Element::Title, Color::White),
                    (Element::Heading, Color::White),
                ] {
                    t.set(e, Some(c));
                }
                t.strong = true;
            }
            _ => return None,
        }
        Some(t)
    }

    pub fn set(&mut self, e: Element, c: Option<Color>) {
        self.colors[e.index()] = c;
    }

    pub fn color(&self, e: Element) -> Option<Color> {
        self.colors[e.index()]
    }
}
