//! Layout: pure functions from bundle data and a width to the lines on screen.
//!
//! Everything the UI draws is computed here first, so that wrapping, footnote
//! placement and anchoring are tested without a terminal, and the UI only maps
//! [`TextKind`]s to styles.

pub mod article;
pub mod news;
pub mod outline;
pub mod screen;
pub mod strip;
pub mod wrap;

/// What a piece of text is, so the UI can style it (and stay readable without colour).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextKind {
    Body,
    Title,
    Meta,
    Heading,
    Rule,
    /// A footnote marker in running text; `occurrence` indexes
    /// [`article::ArticleLayout::markers`].
    Marker {
        occurrence: usize,
        note: usize,
    },
    /// The number in front of a note in Sources or the footnote strip.
    NoteLabel {
        note: usize,
    },
    /// The text of a note in Sources or the footnote strip.
    NoteText {
        note: usize,
    },
    Time,
    Headline,
    DaySeparator,
    Link,
    /// Proof view: a paragraph's index in the margin.
    Gutter,
    /// Proof view: a marker's raw citation text.
    Raw,
    /// Proof view: a finding of `folio check`, under the line it concerns.
    Finding,
}

/// A run of text of one kind; already sanitised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub text: String,
    pub kind: TextKind,
    /// The source character its first character shows, when it shows the
    /// source one for one (text, not markers or labels): how search matches
    /// find their place on screen.
    pub source: Option<usize>,
}

impl Run {
    pub fn new(text: impl Into<String>, kind: TextKind) -> Run {
        Run {
            text: text.into(),
            kind,
            source: None,
        }
    }
}

/// Display width of a line of runs, in terminal columns.
pub fn runs_width(runs: &[Run]) -> usize {
    runs.iter()
        .map(|r| unicode_width::UnicodeWidthStr::width(r.text.as_str()))
        .sum()
}

/// The plain text of a line of runs.
pub fn runs_text(runs: &[Run]) -> String {
    runs.iter().map(|r| r.text.as_str()).collect()
}
