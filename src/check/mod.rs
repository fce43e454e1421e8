//! `folio check`: everything wrong with a bundle (or a raw page), found at
//! once and reported the way a compiler reports, so an editor can walk
//! through the list in any editor that reads `file:line:column`.
//!
//! The rules are pure functions of the bundle ([`bundle_rules`]) that place
//! what they find by JSON path (and character offset inside a string); this
//! module turns paths into lines and columns of the file, and raw pages into
//! diagnostics through the importer. The reader's proof view uses the same
//! diagnostics. The rules' names and severities are
//! [`crate::diagnostic::Rule`]'s.

pub mod bundle_rules;
pub mod snippet;
pub mod spelling;
pub mod text_rules;

use crate::bundle::load::{self, PathSeg};
use crate::diagnostic::{Diagnostic, Rule};
use bundle_rules::bundle_issues_of;

/// The rules that run: all of `folio check`'s but the allowed ones
/// (`--allow`), whose work is skipped, not only their findings dropped.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleSet {
    allowed: Vec<Rule>,
}

impl RuleSet {
    /// Every rule.
    pub fn all() -> RuleSet {
        RuleSet::default()
    }

    /// Every rule but `allowed`.
    pub fn allowing(allowed: &[Rule]) -> RuleSet {
        RuleSet {
            allowed: allowed.to_vec(),
        }
    }

    /// Whether `rule` runs.
    pub fn on(&self, rule: Rule) -> bool {
        !self.allowed.contains(&rule)
    }

    /// Whether any of `rules` runs.
    pub fn any(&self, rules: &[Rule]) -> bool {
        rules.iter().any(|r| self.on(*r))
    }
}

/// Places diagnostics found by path in the bundle's text, in `file`.
fn place(found: Vec<Diagnostic>, text: &str, file: &str) -> Vec<Diagnostic> {
    (load::place(found, text).into_iter())
        .map(|d| d.with_file(file))
        .collect()
}

/// Every diagnostic in bundle `text`, in file order.
/// `words`: a house word list for the spelling rule.
pub fn check_bundle_text(text: &str, file: &str, words: &str) -> Vec<Diagnostic> {
    check_bundle_text_of(text, file, words, &RuleSet::all())
}

/// [`check_bundle_text`] with the rules of `rules` only.
pub fn check_bundle_text_of(
    text: &str,
    file: &str,
    words: &str,
    rules: &RuleSet,
) -> Vec<Diagnostic> {
    let text = text.strip_prefix(load::BOM).unwrap_or(text);
    let mut out = match load::parse_v1(text) {
        // It parsed: the loader's checks are the first rules, and every
        // other rule runs as well.
        Ok(bundle) => {
            let found = bundle_issues_of(&bundle, words, rules);
            // The bundle is not needed to place them: its memory goes first,
            // freed on another core.
            drop_aside(bundle, text.len());
            place(found, text, file)
        }
        Err(problem) => {
            let problem = problem.with_file(file);
            let more = more_type_errors(text, file, &problem);
            std::iter::once(problem).chain(more).collect()
        }
    };
    out.retain(|f| rules.on(f.rule));
    out.sort_by_key(|f| (f.line, f.column));
    out
}

/// Drops `value`, made from `bytes` of text, on a thread of its own when
/// that is a megabyte or more: a big bundle takes a tenth of a second to
/// free, time the findings need not wait for (a small one is freed sooner
/// than a thread starts).
fn drop_aside<T: Send + 'static>(value: T, bytes: usize) {
    if bytes >= 1 << 20 {
        // If no thread can be started, it is dropped here.
        let _ = std::thread::Builder::new().spawn(move || drop(value));
    }
}

/// serde stops at the first wrong value. Deserialising each article and
/// each news-line entry on its own finds the wrong values of all the others
/// (none when the text parsed but names another format), leaving out those
/// inside the value `already` reported.
fn more_type_errors(text: &str, file: &str, already: &Diagnostic) -> Vec<Diagnostic> {
    let Ok(serde_json::Value::Object(root)) = serde_json::from_str::<serde_json::Value>(text)
    else {
        return Vec::new();
    };
    let mut issues = Vec::new();
    let mut each = |key: &'static str, one: &dyn Fn(&serde_json::Value) -> Option<String>| {
        if let Some(serde_json::Value::Array(items)) = root.get(key) {
            for (i, item) in items.iter().enumerate() {
                if let Some(message) = one(item) {
                    issues.push(
                        Diagnostic::new(Rule::Schema, message)
                            .with_path(vec![PathSeg::Key(key), PathSeg::Index(i)]),
                    );
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
    let reported = already.json_path();
    issues.retain(|f| !within(&reported, &f.json_path()));
    place(issues, text, file)
}

/// Whether JSON path `inner` is `outer` or inside it.
fn within(inner: &str, outer: &str) -> bool {
    inner
        .strip_prefix(outer)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
}

/// Every finding in a raw page: what the importer could not read, and the
/// text rules over every line of it (attribution lines included).
pub fn check_page_text(text: &str, file: &str, words: &str) -> Vec<Diagnostic> {
    check_page_text_of(text, file, words, &RuleSet::all())
}

/// [`check_page_text`] with the rules of `rules` only.
pub fn check_page_text_of(text: &str, file: &str, words: &str, rules: &RuleSet) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if !rules.any(&[Rule::Import, Rule::Spelling]) {
        for (n, line) in text.lines().enumerate() {
            for f in text_rules::text_findings_of(line, rules) {
                let column = f.at.unwrap_or_default() + 1;
                out.push(f.with_position(n + 1, column).with_file(file));
            }
        }
        return out;
    }
    let page = crate::import::import_page(text);
    if rules.on(Rule::Import) {
        out.extend(page.warnings.into_iter().map(|w| w.with_file(file)));
    }
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
        let spelling = rules.on(Rule::Spelling).then(|| learned.spelling(line));
        let found = text_rules::text_findings_of(line, rules)
            .into_iter()
            .chain(spelling.into_iter().flatten());
        for f in found {
            let column = f.at.unwrap_or_default() + 1;
            out.push(f.with_position(n + 1, column).with_file(file));
        }
    }
    out.sort_by_key(|f| (f.line, f.column));
    out
}

/// The house word list read from a checked file's directory (and by the
/// reader, beside its bundle).
pub const HOUSE_WORDS: &str = "folio-words.txt";

/// How `folio check` reads a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckAs {
    /// As a bundle: what the reader opens.
    Bundle,
    /// As a raw page, before `folio import` makes a bundle of it.
    Page,
}

/// Why `folio check` cannot check a file at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Unreadable {
    #[error("the file is empty: neither a bundle nor a page")]
    Empty,
    #[error("is not text: it looks like binary data")]
    Binary,
}

/// How to check the file called `name` holding `bytes`: a file that looks
/// like JSON (`{` or `[` first), says it is a bundle, or is named `.json` is
/// checked as a bundle, so that what the reader refuses is an error, not a
/// page of text; an empty or binary file cannot be checked.
pub fn check_as(bytes: &[u8], name: &str) -> Result<CheckAs, Unreadable> {
    use crate::import::sniff::{InputKind, sniff};
    let text = bytes.strip_prefix(load::BOM.as_bytes()).unwrap_or(bytes);
    let Some(&first) = text.iter().find(|b| !b.is_ascii_whitespace()) else {
        return Err(Unreadable::Empty);
    };
    let named_json = std::path::Path::new(name)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    match sniff(bytes, Some(name), None) {
        InputKind::Binary => Err(Unreadable::Binary),
        InputKind::Bundle => Ok(CheckAs::Bundle),
        _ if named_json || matches!(first, b'{' | b'[') => Ok(CheckAs::Bundle),
        _ => Ok(CheckAs::Page),
    }
}
