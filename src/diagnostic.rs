//! What folio reports as "this is wrong, here": one [`Diagnostic`] type for
//! the loader, `folio check`'s rules, the importer's warnings and
//! `config.toml`'s problems.
//!
//! One type, so that a problem found by one part reads the same in every
//! other (the loader's own checks are `folio check`'s first rules, the
//! importer's warnings are its `import` rule, the proof view shows the
//! rules' findings), and one closed list of [`Rule`]s, so that a rule name
//! cannot be misspelt or unknown: each rule is declared once, in `rules!`,
//! with its name, severity and description.
//!
//! A diagnostic is placed in steps: a rule over a bundle in memory knows only
//! the JSON path (and a character offset inside a string); whoever has the
//! file's text turns that into a line and column (`bundle::load`'s
//! `Locator`); a page or `config.toml` has its line and column at once.

use serde::ser::{Serialize, SerializeStruct, Serializer};

/// How bad a diagnostic is. `folio check` fails on errors, and on warnings
/// with `--deny-warnings`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// What a rule is: what `folio check --list-rules` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleInfo {
    pub name: &'static str,
    pub severity: Severity,
    /// One line: what the rule finds.
    pub description: &'static str,
}

/// Declares [`Rule`]: each line is a variant, its name, severity and
/// description. `check` rules are `folio check`'s, in the order it lists
/// them; `other` rules are reported elsewhere. The two lists differ only in
/// that: both become one list (`@all`), declared once.
macro_rules! rules {
    (
        check { $($check:ident = $cname:literal, $cseverity:ident, $cwhat:literal;)* }
        other { $($other:ident = $oname:literal, $oseverity:ident, $owhat:literal;)* }
    ) => {
        rules! {
            @all [$($check),*]
            $($check = $cname, $cseverity, $cwhat;)*
            $($other = $oname, $oseverity, $owhat;)*
        }
    };
    (
        @all [$($check:ident),*]
        $($rule:ident = $name:literal, $severity:ident, $what:literal;)*
    ) => {
        /// What is wrong, by name (declared with `rules!`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Rule {
            $(#[doc = $what] $rule,)*
        }

        impl Rule {
            /// `folio check`'s rules, in the order it lists them.
            pub const CHECKS: &'static [Rule] = &[$(Rule::$check),*];

            pub const fn info(self) -> &'static RuleInfo {
                match self {
                    $(Rule::$rule => &RuleInfo {
                        name: $name,
                        severity: Severity::$severity,
                        description: $what,
                    },)*
                }
            }
        }
    };
}

rules! {
    check {
        Schema = "schema", Error,
            "the file is not a valid folio bundle (syntax, types, required fields)";
        DuplicateArticleId = "duplicate-article-id", Error, "two articles share an id";
        DuplicateCitationId = "duplicate-citation-id", Error,
            "two citations of an article share an id";
        MarkerWithoutCitation = "marker-without-citation", Error,
            "a [^ID] marker names no citation of its article";
        DanglingNewsLink = "dangling-news-link", Error,
            "a news-line entry links to an article not in the bundle";
        UncitedCitation = "uncited-citation", Warning, "a citation no marker refers to";
        NumberingOrder = "numbering-order", Warning,
            "numbered citation ids not first cited in reading order";
        CitationAfterArticle = "citation-after-article", Warning,
            "a citation dated after its article";
        CitationDate = "citation-date", Warning,
            "a citation date written loosely or ambiguously";
        RawMismatch = "raw-mismatch", Warning,
            "a citation's raw text does not read as its source and date";
        NewsOrder = "news-order", Warning,
            "a news-line entry newer than the one before it (newest first)";
        NewsDuplicate = "news-duplicate", Warning, "the same headline at the same time twice";
        NewsFuture = "news-future", Warning,
            "an entry more than a day (or ten of the news line's typical gaps) newer than every other entry";
        EmptyHeadline = "empty-headline", Warning, "a news-line entry without a headline";
        BadUrl = "bad-url", Warning,
            "a url that is not an http(s) link or has spaces or control characters";
        EmptyParagraph = "empty-paragraph", Warning, "a paragraph with no text";
        DoubleSpace = "double-space", Warning, "two or more spaces in a row";
        UnbalancedBrackets = "unbalanced-brackets", Warning,
            "a bracket that is never closed or closes nothing";
        UnbalancedQuotes = "unbalanced-quotes", Warning, "a double quote without its partner";
        InvisibleChar = "invisible-char", Warning,
            "zero-width, bidi-override or control characters";
        BacktickApostrophe = "backtick-apostrophe", Warning,
            "a backtick where an apostrophe belongs (Aliyev`s)";
        Mojibake = "mojibake", Warning,
            "mis-decoded UTF-8 (â€™, Ã©) or Latin and Cyrillic in one word";
        RepeatedWord = "repeated-word", Warning, "the same word twice in a row";
        Spelling = "spelling", Warning,
            "a word in no English word list and not a name in the bundle";
        Import = "import", Warning,
            "something the importer could not read confidently (raw pages)";
    }
    other {
        Config = "config", Warning,
            "a setting in config.toml folio cannot use (its default applies)";
    }
}

impl Rule {
    pub fn name(self) -> &'static str {
        self.info().name
    }

    pub fn severity(self) -> Severity {
        self.info().severity
    }

    pub fn description(self) -> &'static str {
        self.info().description
    }

    /// The `folio check` rule called `name`.
    pub fn named(name: &str) -> Option<Rule> {
        Rule::CHECKS.iter().copied().find(|r| r.name() == name)
    }
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Something wrong, and where. The place is filled in as it becomes known
/// (see the module documentation): the JSON path and offset by a rule over a
/// bundle, the line and column by whoever has the text, the file by whoever
/// read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub rule: Rule,
    pub message: String,
    /// The file, once known.
    pub file: Option<String>,
    /// Line in the file, from 1; 0 until known.
    pub line: usize,
    /// Column in characters, from 1; 0 until known.
    pub column: usize,
    /// The JSON path of the value concerned, in a bundle; empty elsewhere.
    pub path: Vec<PathSeg<'static>>,
    /// Character offset inside the string at `path` (or inside the text a
    /// text rule was given).
    pub at: Option<usize>,
}

impl Diagnostic {
    /// A diagnostic of `rule`, not yet placed.
    pub fn new(rule: Rule, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            rule,
            message: message.into(),
            file: None,
            line: 0,
            column: 0,
            path: Vec::new(),
            at: None,
        }
    }

    pub fn with_path(self, path: Vec<PathSeg<'static>>) -> Diagnostic {
        Diagnostic { path, ..self }
    }

    pub fn with_offset(self, chars: usize) -> Diagnostic {
        Diagnostic {
            at: Some(chars),
            ..self
        }
    }

    pub fn with_position(self, line: usize, column: usize) -> Diagnostic {
        Diagnostic {
            line,
            column,
            ..self
        }
    }

    pub fn with_file(self, file: &str) -> Diagnostic {
        Diagnostic {
            file: Some(file.to_string()),
            ..self
        }
    }

    pub fn severity(&self) -> Severity {
        self.rule.severity()
    }

    /// The JSON path as written: `articles[0].citations[3].date`.
    pub fn json_path(&self) -> String {
        path_string(&self.path)
    }

    /// `file:line:column: severity[rule]: message (at json.path)`.
    pub fn compiler_line(&self) -> String {
        let mut out = format!(
            "{}:{}:{}: {}[{}]: {}",
            self.file.as_deref().unwrap_or_default(),
            self.line,
            self.column,
            self.severity().label(),
            self.rule,
            self.message
        );
        if !self.path.is_empty() {
            out.push_str(&format!(" (at {})", self.json_path()));
        }
        out
    }
}

/// The `line:column` (from 1, columns in characters) of byte `offset` of
/// `text`, for whoever places a diagnostic by offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// `folio check --format json`: `file`, `line`, `column`, `path`,
/// `severity`, `rule`, `message`.
impl Serialize for Diagnostic {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Diagnostic", 7)?;
        s.serialize_field("file", self.file.as_deref().unwrap_or_default())?;
        s.serialize_field("line", &self.line)?;
        s.serialize_field("column", &self.column)?;
        s.serialize_field("path", &self.json_path())?;
        s.serialize_field("severity", self.severity().label())?;
        s.serialize_field("rule", self.rule.name())?;
        s.serialize_field("message", &self.message)?;
        s.end()
    }
}

/// A step of a JSON path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathSeg<'a> {
    Key(&'a str),
    Index(usize),
    /// A key as the file writes it, when folio has no name of its own for
    /// it (an unknown field in a serde error).
    OwnedKey(String),
}

impl PathSeg<'_> {
    /// The key, borrowed or owned; `None` for an index.
    pub fn key(&self) -> Option<&str> {
        match self {
            PathSeg::Key(k) => Some(k),
            PathSeg::OwnedKey(k) => Some(k),
            PathSeg::Index(_) => None,
        }
    }
}

pub fn path_string(path: &[PathSeg]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            PathSeg::Index(i) => out.push_str(&format!("[{i}]")),
            _ => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(seg.key().unwrap_or_default());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_found_again() {
        for r in Rule::CHECKS {
            assert_eq!(Rule::named(r.name()), Some(*r));
        }
        assert_eq!(Rule::named("no-such-rule"), None);
        // Not a `folio check` rule: not allowed by name.
        assert_eq!(Rule::named(Rule::Config.name()), None);
    }

    #[test]
    fn a_placed_diagnostic_reads_as_a_compiler_line_and_as_json() {
        let d = Diagnostic::new(Rule::DoubleSpace, "2 spaces in a row")
            .with_path(vec![PathSeg::Key("title")])
            .with_position(3, 14)
            .with_file("b.json");
        assert_eq!(
            d.compiler_line(),
            "b.json:3:14: warning[double-space]: 2 spaces in a row (at title)"
        );
        assert_eq!(
            serde_json::to_string(&d).unwrap(),
            r#"{"file":"b.json","line":3,"column":14,"path":"title","severity":"warning","rule":"double-space","message":"2 spaces in a row"}"#
        );
    }
}
