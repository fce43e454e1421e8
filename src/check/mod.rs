//! `folio check`: everything wrong with a bundle (or a raw page), found at
//! once and reported the way a compiler reports, so an editor can walk
//! through the list in any editor that reads `file:line:column`.
//!
//! The rules are pure functions of the bundle: [`bundle_rules`] finds issues
//! by JSON path (and character offset inside a string); this module turns
//! paths into lines and columns of the file, and raw pages into findings
//! through the importer. The reader's proof view uses the same issues.

pub mod bundle_rules;
pub mod spelling;
pub mod text_rules;

use serde::Serialize;

use crate::bundle::load::{Locator, PathSeg, path_string};
use crate::bundle::model::FORMAT_V1;
use crate::bundle::{BundleError, load_bundle};
use bundle_rules::{Issue, bundle_issues};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Note,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

/// A rule `folio check` knows, for `--allow` and the documentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub name: &'static str,
    pub severity: Severity,
    pub what: &'static str,
}

const fn rule(name: &'static str, severity: Severity, what: &'static str) -> Rule {
    Rule {
        name,
        severity,
        what,
    }
}

use Severity::{Error, Warning};

pub static RULES: &[Rule] = &[
    rule(
        "schema",
        Error,
        "the file is not a valid folio bundle (syntax, types, required fields)",
    ),
    rule("duplicate-article-id", Error, "two articles share an id"),
    rule(
        "duplicate-citation-id",
        Error,
        "two citations of an article share an id",
    ),
    rule(
        "marker-without-citation",
        Error,
        "a [^ID] marker names no citation of its article",
    ),
    rule(
        "dangling-news-link",
        Error,
        "a news-line entry links to an article not in the bundle",
    ),
    rule(
        "uncited-citation",
        Warning,
        "a citation no marker refers to",
    ),
    rule(
        "numbering-order",
        Warning,
        "numbered citation ids not first cited in reading order",
    ),
    rule(
        "citation-after-article",
        Warning,
        "a citation dated after its article",
    ),
    rule(
        "citation-date",
        Warning,
        "a citation date written loosely or ambiguously",
    ),
    rule(
        "raw-mismatch",
        Warning,
        "a citation's raw text does not read as its source and date",
    ),
    rule(
        "news-order",
        Warning,
        "a news-line entry newer than the one before it (newest first)",
    ),
    rule(
        "news-duplicate",
        Warning,
        "the same headline at the same time twice",
    ),
    rule(
        "news-future",
        Warning,
        "an entry more than a day newer than every other entry",
    ),
    rule(
        "empty-headline",
        Warning,
        "a news-line entry without a headline",
    ),
    rule("empty-paragraph", Warning, "a paragraph with no text"),
    rule("double-space", Warning, "two or more spaces in a row"),
    rule(
        "unbalanced-brackets",
        Warning,
        "a bracket that is never closed or closes nothing",
    ),
    rule(
        "unbalanced-quotes",
        Warning,
        "a double quote without its partner",
    ),
    rule(
        "invisible-char",
        Warning,
        "zero-width, bidi-override or control characters",
    ),
    rule(
        "backtick-apostrophe",
        Warning,
        "a backtick where an apostrophe belongs (Aliyev`s)",
    ),
    rule(
        "mojibake",
        Warning,
        "mis-decoded UTF-8 (â€™, Ã©) or Latin and Cyrillic in one word",
    ),
    rule("repeated-word", Warning, "the same word twice in a row"),
    rule(
        "spelling",
        Warning,
        "a word in no English word list and not a name in the bundle",
    ),
    rule(
        "import",
        Warning,
        "something the importer could not read confidently (raw pages)",
    ),
];

pub fn rule_named(name: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.name == name)
}

/// One finding, placed in its file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub file: String,
    pub line: usize,
    pub column: usize,
    /// JSON path in a bundle; empty for a raw page.
    pub path: String,
    pub severity: Severity,
    pub rule: &'static str,
    pub message: String,
}

impl Finding {
    /// `file:line:column: severity[rule]: message (at path)`.
    pub fn compiler_line(&self) -> String {
        let mut out = format!(
            "{}:{}:{}: {}[{}]: {}",
            self.file,
            self.line,
            self.column,
            self.severity.label(),
            self.rule,
            self.message
        );
        if !self.path.is_empty() {
            out.push_str(&format!(" (at {})", self.path));
        }
        out
    }
}

fn severity_of(rule: &str) -> Severity {
    rule_named(rule).map_or(Warning, |r| r.severity)
}

/// Places issues found by path in the bundle's text.
fn place(issues: Vec<Issue>, text: &str, file: &str) -> Vec<Finding> {
    if issues.is_empty() {
        return Vec::new();
    }
    let locator = Locator::new(text);
    issues
        .into_iter()
        .map(|i| {
            let (line, column) = match i.at {
                Some(chars) => locator.locate_in_string(&i.path, chars),
                None => locator.locate(&i.path),
            };
            Finding {
                file: file.to_string(),
                line,
                column,
                path: path_string(&i.path),
                severity: severity_of(i.rule),
                rule: i.rule,
                message: i.message,
            }
        })
        .collect()
}

/// Every finding in bundle `text`, in file order.
/// `words`: a house word list for the spelling rule.
pub fn check_bundle_text(text: &str, file: &str, words: &str) -> Vec<Finding> {
    let mut out = match load_bundle(text, file) {
        Ok(bundle) => place(bundle_issues(&bundle, words), text, file),
        Err(BundleError::Invalid { problems, .. }) => {
            let schema: Vec<Finding> = problems
                .iter()
                .map(|p| Finding {
                    file: file.to_string(),
                    line: p.line,
                    column: p.column,
                    path: p.path.clone(),
                    severity: Error,
                    rule: "schema",
                    message: p.message.clone(),
                })
                .collect();
            match serde_json::from_str::<crate::bundle::Bundle>(text) {
                // It parsed: the loader's problems come again, with their
                // rule names, and every other rule runs as well.
                Ok(bundle) if bundle.format == FORMAT_V1 => {
                    place(bundle_issues(&bundle, words), text, file)
                }
                Ok(_) => schema,
                Err(_) => {
                    let more = more_type_errors(text, file, &schema);
                    schema.into_iter().chain(more).collect()
                }
            }
        }
        Err(e) => vec![Finding {
            file: file.to_string(),
            line: 1,
            column: 1,
            path: String::new(),
            severity: Error,
            rule: "schema",
            message: e.to_string(),
        }],
    };
    out.sort_by_key(|f| (f.line, f.column));
    out
}

/// serde stops at the first wrong value. Deserialising each article and
/// each news-line entry on its own finds the wrong values of all the others.
fn more_type_errors(text: &str, file: &str, already: &[Finding]) -> Vec<Finding> {
    let Ok(serde_json::Value::Object(root)) = serde_json::from_str::<serde_json::Value>(text)
    else {
        return Vec::new();
    };
    let mut issues = Vec::new();
    let mut each = |key: &'static str, one: &dyn Fn(&serde_json::Value) -> Option<String>| {
        if let Some(serde_json::Value::Array(items)) = root.get(key) {
            for (i, item) in items.iter().enumerate() {
                if let Some(message) = one(item) {
                    issues.push(Issue {
                        rule: "schema",
                        path: vec![PathSeg::Key(key), PathSeg::Index(i)],
                        at: None,
                        message,
                    });
                }
            }
        }
    };
    fn error_of<T: serde::de::DeserializeOwned>(v: &serde_json::Value) -> Option<String> {
        serde_path_to_error::deserialize::<_, T>(v).err().map(|e| {
            let path = e.path().to_string();
            if path == "." {
                e.inner().to_string()
            } else {
                format!("{path}: {}", e.inner())
            }
        })
    }
    each("articles", &error_of::<crate::bundle::Article>);
    each("news_line", &error_of::<crate::bundle::NewsEntry>);
    place(issues, text, file)
        .into_iter()
        .filter(|f| !already.iter().any(|a| within(&a.path, &f.path)))
        .collect()
}

/// Whether JSON path `inner` is `outer` or inside it.
fn within(inner: &str, outer: &str) -> bool {
    inner
        .strip_prefix(outer)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
}

/// Every finding in a raw page: what the importer could not read, and the
/// text rules over every line of it (attribution lines included).
pub fn check_page_text(text: &str, file: &str, words: &str) -> Vec<Finding> {
    let page = crate::import::import_page(text);
    let mut out: Vec<Finding> = page
        .warnings
        .iter()
        .map(|w| Finding {
            file: file.to_string(),
            line: w.line,
            column: w.column,
            path: String::new(),
            severity: Warning,
            rule: "import",
            message: w.message.clone(),
        })
        .collect();
    let mut learned = spelling::Learned::default();
    learned.word_list(words);
    for line in text.lines() {
        learned.prose(line);
    }
    for c in &page.article.citations {
        learned.names(&c.source);
    }
    for name in [
        &page.article.author,
        &page.article.origin,
        &page.article.category,
    ]
    .into_iter()
    .flatten()
    {
        learned.names(name);
    }
    for (n, line) in text.lines().enumerate() {
        let at = |offset: usize, rule: &'static str, message: String| Finding {
            file: file.to_string(),
            line: n + 1,
            column: offset + 1,
            path: String::new(),
            severity: severity_of(rule),
            rule,
            message,
        };
        for f in text_rules::text_findings(line) {
            out.push(at(f.offset, f.rule, f.message));
        }
        for w in learned.misspelled(line) {
            out.push(at(
                w.offset,
                "spelling",
                format!("`{}` is not in the word list", w.text),
            ));
        }
    }
    out.sort_by_key(|f| (f.line, f.column));
    out
}

/// The house word list read from a checked file's directory (and by the
/// reader, beside its bundle).
pub const HOUSE_WORDS: &str = "folio-words.txt";

/// Whether `text` is a bundle (JSON) rather than a raw page.
pub fn looks_like_bundle(text: &str) -> bool {
    text.trim_start_matches('\u{FEFF}')
        .trim_start()
        .starts_with('{')
}
