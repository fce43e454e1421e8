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
pub mod spelling;
pub mod text_rules;

use crate::bundle::load::{self, PathSeg};
use crate::diagnostic::{Diagnostic, Rule};
use bundle_rules::bundle_issues;

/// Places diagnostics found by path in the bundle's text, in `file`.
fn place(found: Vec<Diagnostic>, text: &str, file: &str) -> Vec<Diagnostic> {
    (load::place(found, text).into_iter())
        .map(|d| d.with_file(file))
        .collect()
}

/// Every diagnostic in bundle `text`, in file order.
/// `words`: a house word list for the spelling rule.
pub fn check_bundle_text(text: &str, file: &str, words: &str) -> Vec<Diagnostic> {
    let text = text.strip_prefix(load::BOM).unwrap_or(text);
    let mut out = match load::parse_v1(text) {
        // It parsed: the loader's checks are the first rules, and every
        // other rule runs as well.
        Ok(bundle) => place(bundle_issues(&bundle, words), text, file),
        Err(problem) => {
            let problem = problem.with_file(file);
            let more = more_type_errors(text, file, &problem);
            std::iter::once(problem).chain(more).collect()
        }
    };
    out.sort_by_key(|f| (f.line, f.column));
    out
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
    let page = crate::import::import_page(text);
    let mut out: Vec<Diagnostic> = (page.warnings.into_iter())
        .map(|w| w.with_file(file))
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
        let found = text_rules::text_findings(line)
            .into_iter()
            .chain(learned.spelling(line));
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

/// Whether `text` is a bundle (JSON) rather than a raw page.
pub fn looks_like_bundle(text: &str) -> bool {
    text.trim_start_matches('\u{FEFF}')
        .trim_start()
        .starts_with('{')
}
