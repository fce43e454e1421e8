//! Turning bundle text into a validated [`Bundle`], or into problems that say
//! exactly where and what: `file:line:column: json.path: what was expected`.
//!
//! Loading happens before the terminal is taken over, so these messages are the
//! first thing an editor sees when a hand-edited bundle is wrong. Syntax and type
//! errors stop at the first one (serde cannot go on); the checks on a bundle
//! that parsed (ids, markers, links) report every problem at once.

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::path::Path;

use jsonc_parser::ast::{ObjectPropName, Value};
use jsonc_parser::common::Ranged;
use serde::Deserialize;

#[cfg(test)]
use super::markers::marker_ids;
use super::markers::{Segment, segments};
use super::model::{Bundle, FORMAT_V1};
use crate::diagnostic::{Diagnostic, Rule, line_column};

/// Why a bundle could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum BundleError {
    #[error("{file}: {source}")]
    Read {
        file: String,
        #[source]
        source: crate::input::InputError,
    },
    /// The problems, each placed in the file (a syntax error has no JSON
    /// path).
    #[error("{}", render_problems(problems))]
    Invalid { problems: Vec<Diagnostic> },
}

impl BundleError {
    /// The problems found, empty when the file could not be read at all.
    pub fn problems(&self) -> &[Diagnostic] {
        match self {
            BundleError::Read { .. } => &[],
            BundleError::Invalid { problems, .. } => problems,
        }
    }
}

fn render_problems(problems: &[Diagnostic]) -> String {
    let mut out = String::new();
    for (i, p) in problems.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let file = p.file.as_deref().unwrap_or_default();
        out.push_str(&format!("{file}:{}:{}: ", p.line, p.column));
        if !p.path.is_empty() {
            out.push_str(&format!("{}: ", p.json_path()));
        }
        out.push_str(&p.message);
    }
    out
}

/// Reads and loads the bundle at `path`, refusing files over `max_size` bytes.
///
/// A good bundle is parsed straight from the file, so that its text and the
/// bundle made of it are never in memory together (a 100 MB bundle then needs
/// about 1.4 times its size, not 2.3). Anything wrong, and the file is read
/// again as text, which every message needs for its line and column.
pub fn load_file(path: &Path, max_size: u64) -> Result<Bundle, BundleError> {
    if let Some(bundle) = stream_file(path, max_size) {
        return Ok(bundle);
    }
    let file = path.display().to_string();
    let text =
        crate::input::read_text_file(path, max_size).map_err(|source| BundleError::Read {
            file: file.clone(),
            source,
        })?;
    load_bundle(&text, &file)
}

/// The bundle at `path` if it reads, parses and validates without a problem.
fn stream_file(path: &Path, max_size: u64) -> Option<Bundle> {
    use std::io::BufRead;
    let reader = crate::input::open_file(path, max_size).ok()?;
    let mut reader = std::io::BufReader::with_capacity(1 << 16, reader);
    if reader.fill_buf().ok()?.starts_with(BOM.as_bytes()) {
        reader.consume(BOM.len());
    }
    let bundle: Bundle = serde_json::from_reader(reader).ok()?;
    (bundle.format == FORMAT_V1 && findings(&bundle).is_empty()).then_some(bundle)
}

/// A byte-order mark, which some editors put at the start of UTF-8 files:
/// not part of the JSON, so skipped.
pub(crate) const BOM: &str = "\u{feff}";

/// Parses and validates bundle `text`; `file` names it in messages.
pub fn load_bundle(text: &str, file: &str) -> Result<Bundle, BundleError> {
    let text = text.strip_prefix(BOM).unwrap_or(text);
    let invalid = |problems: Vec<Diagnostic>| BundleError::Invalid {
        problems: problems.into_iter().map(|p| p.with_file(file)).collect(),
    };
    let bundle = parse_v1(text).map_err(|p| invalid(vec![p]))?;
    // The checks that need the whole bundle: ids, markers and links.
    let problems = place(findings(&bundle), text);
    if problems.is_empty() {
        Ok(bundle)
    } else {
        Err(invalid(problems))
    }
}

/// Bundle `text` parsed, of the format this build reads, not yet validated;
/// or the problem that stops it, placed in the text.
///
/// One full parse; the `format` is looked at on its own only when that fails
/// or names another version, so that a bundle of another version is refused
/// as such rather than with a confusing schema error.
pub(crate) fn parse_v1(text: &str) -> Result<Bundle, Diagnostic> {
    match parse(text) {
        Ok(bundle) if bundle.format == FORMAT_V1 => Ok(bundle),
        Ok(_) => Err(format_problem(text)),
        Err(p) => Err(check_format(text).err().unwrap_or(p)),
    }
}

/// Only the `format` field.
#[derive(Deserialize)]
struct FormatProbe {
    format: Option<serde_json::Value>,
}

/// A problem of the `schema` rule: the text is not a valid bundle.
fn schema(message: String) -> Diagnostic {
    Diagnostic::new(Rule::Schema, message)
}

/// The problem with the `format` of a bundle that parsed but is not v1.
fn format_problem(text: &str) -> Diagnostic {
    check_format(text).err().unwrap_or_else(|| {
        schema(format!("this build of folio reads only \"{FORMAT_V1}\""))
            .with_path(vec![PathSeg::Key("format")])
            .with_position(1, 1)
    })
}

fn check_format(text: &str) -> Result<(), Diagnostic> {
    let first = text.trim_start().chars().next();
    if first.is_some() && first != Some('{') {
        let (line, column) = line_column(text, text.len() - text.trim_start().len());
        return Err(schema(format!(
            "expected a JSON object with \"format\": \"{FORMAT_V1}\" at the top level"
        ))
        .with_position(line, column));
    }
    let probe: FormatProbe =
        serde_json::from_str(text).map_err(|e| json_problem(text, &e, Vec::new()))?;
    let supported = format!("this build of folio reads only \"{FORMAT_V1}\"");
    let (line, column) = locate(text, &[PathSeg::Key("format")]);
    let at_format = |message| {
        Err(schema(message)
            .with_path(vec![PathSeg::Key("format")])
            .with_position(line, column))
    };
    match probe.format {
        None => at_format(format!("missing field `format`; {supported}")),
        Some(serde_json::Value::String(f)) if f == FORMAT_V1 => Ok(()),
        Some(other) => at_format(format!(
            "unsupported bundle format {other}; {supported} (a newer folio may read it)"
        )),
    }
}

fn parse(text: &str) -> Result<Bundle, Diagnostic> {
    // Tracking the path slows every parse; only a text that does not parse
    // is read again with it, for the path of the problem.
    if let Ok(bundle) = serde_json::from_str(text) {
        return Ok(bundle);
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let bundle: Bundle = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        // serde's keys are the file's, not folio's names: owned.
        let path = (e.path().iter())
            .map(|s| match s {
                serde_path_to_error::Segment::Seq { index } => PathSeg::Index(*index),
                other => PathSeg::OwnedKey(other.to_string()),
            })
            .collect();
        let mut problem = json_problem(text, e.inner(), path);
        if e.inner().classify() == serde_json::error::Category::Data {
            // serde stops after the offending value; point at its start instead.
            (problem.line, problem.column) = locate(text, &problem.path);
        }
        problem
    })?;
    de.end().map_err(|e| json_problem(text, &e, Vec::new()))?;
    Ok(bundle)
}

fn json_problem(text: &str, e: &serde_json::Error, path: Vec<PathSeg<'static>>) -> Diagnostic {
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let message = full.strip_suffix(&suffix).unwrap_or(&full).to_string();
    let message = match e.classify() {
        serde_json::error::Category::Syntax | serde_json::error::Category::Eof => {
            format!("invalid JSON: {message}")
        }
        _ => message,
    };
    schema(message)
        .with_path(path)
        .with_position(e.line().max(1), char_column(text, e.line(), e.column()))
}

/// serde_json counts columns in bytes; editors count characters.
fn char_column(text: &str, line: usize, byte_column: usize) -> usize {
    let Some(line_text) = text.split('\n').nth(line.saturating_sub(1)) else {
        return byte_column.max(1);
    };
    let mut end = byte_column.min(line_text.len());
    while !line_text.is_char_boundary(end) {
        end -= 1;
    }
    line_text[..end].chars().count().max(1)
}

pub use crate::diagnostic::{PathSeg, path_string};

/// Finds values in the text by JSON path, for reporting problems. The text is
/// parsed (with spans) once, however many problems there are, and its lines
/// indexed once.
pub(crate) struct Locator<'a> {
    text: &'a str,
    root: Option<Value<'a>>,
    line_starts: Vec<usize>,
    /// Bytes of text read to place findings (what a test of linearity counts).
    read: std::cell::Cell<usize>,
}

impl<'a> Locator<'a> {
    pub(crate) fn new(text: &'a str) -> Locator<'a> {
        let root = jsonc_parser::parse_to_ast(text, &Default::default(), &Default::default())
            .ok()
            .and_then(|p| p.value);
        Locator {
            root,
            ..Locator::without_tree(text)
        }
    }

    /// Lines and columns only: paths are not looked up (all at the start).
    fn without_tree(text: &'a str) -> Locator<'a> {
        let line_starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
            .collect();
        Locator {
            text,
            root: None,
            line_starts,
            read: std::cell::Cell::new(0),
        }
    }

    /// `line:column` (1-based, columns in characters) of byte `offset`.
    fn position(&self, offset: usize) -> (usize, usize) {
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1);
        let start = self.line_starts.get(line - 1).copied().unwrap_or(0);
        self.count(offset.saturating_sub(start));
        let column = self
            .text
            .get(start..offset)
            .map_or(1, |t| t.chars().count() + 1);
        (line, column)
    }

    /// The `line:column` (1-based, columns in characters) of the value at
    /// `path`, or of the deepest part of it that exists.
    pub(crate) fn locate(&self, path: &[PathSeg]) -> (usize, usize) {
        self.position(self.offset_of(path))
    }

    /// `found`, each with the line and column of its JSON path (and
    /// offset) in the text, given `starts`, the byte offset of each one's
    /// path. Linear in the text and the findings: the string
    /// offsets are walked in order, resuming where the last one in the same
    /// string stopped, and the lines and columns are counted in one pass over
    /// the byte offsets in order (counting each from its line's start made
    /// a one-line file quadratic).
    fn place_all(&self, found: Vec<Diagnostic>, starts: Vec<usize>) -> Vec<Diagnostic> {
        let mut order: Vec<usize> = (0..found.len()).collect();
        order.sort_by_key(|&i| (starts[i], found[i].at));
        let mut bytes = starts.clone();
        // The string being walked: its start, characters decoded, byte reached.
        let mut walked: Option<(usize, usize, usize)> = None;
        for &i in &order {
            let Some(chars) = found[i].at else { continue };
            let start = starts[i];
            if !self.text.get(start..).is_some_and(|t| t.starts_with('"')) {
                continue;
            }
            let (mut decoded, mut at) = match walked {
                Some((s, d, b)) if s == start && d <= chars => (d, b),
                _ => (0, start + 1),
            };
            while decoded < chars {
                match self.step(at) {
                    Some(next) => {
                        self.count(next - at);
                        at = next;
                    }
                    None => break,
                }
                decoded += 1;
            }
            walked = Some((start, decoded, at));
            bytes[i] = at;
        }
        order.sort_by_key(|&i| bytes[i]);
        let mut positions = vec![(1, 1); found.len()];
        let mut cursor = LineCursor::default();
        for &i in &order {
            positions[i] = cursor.advance(self, bytes[i]);
        }
        (found.into_iter().zip(positions))
            .map(|(d, (line, column))| d.with_position(line, column))
            .collect()
    }

    fn count(&self, bytes: usize) {
        self.read.set(self.read.get() + bytes);
    }

    /// The byte after the character of a JSON string that starts at byte
    /// `at` (an escape is one character, a surrogate pair too); `None` at the
    /// closing quote or the end.
    fn step(&self, at: usize) -> Option<usize> {
        let rest = self.text.get(at..)?;
        let mut chars = rest.chars();
        let next = match chars.next()? {
            '"' => return None,
            '\\' => match chars.next() {
                Some('u') => {
                    let mut end = at + 6;
                    let high = rest.get(2..6).and_then(|h| u32::from_str_radix(h, 16).ok());
                    if high.is_some_and(|h| (0xD800..0xDC00).contains(&h))
                        && rest.get(6..).is_some_and(|r| r.starts_with("\\u"))
                    {
                        end += 6;
                    }
                    end
                }
                Some(c) => at + 1 + c.len_utf8(),
                None => at + 1,
            },
            c => at + c.len_utf8(),
        };
        Some(next.min(self.text.len()))
    }

    pub(super) fn offset_of(&self, path: &[PathSeg]) -> usize {
        let mut offset = 0;
        if let Some(mut value) = self.root.as_ref() {
            offset = value.start();
            for seg in path {
                let next = match (seg, value) {
                    (PathSeg::Index(i), Value::Array(arr)) => arr.elements.get(*i),
                    (_, Value::Object(obj)) => seg.key().and_then(|k| {
                        (obj.properties.iter())
                            .find(|p| prop_name(&p.name) == k)
                            .map(|p| &p.value)
                    }),
                    _ => None,
                };
                match next {
                    Some(v) => {
                        offset = v.start();
                        value = v;
                    }
                    None => break,
                }
            }
        }
        offset
    }
}

fn locate(text: &str, path: &[PathSeg]) -> (usize, usize) {
    Locator::new(text).locate(path)
}

fn prop_name<'a>(name: &'a ObjectPropName) -> &'a str {
    match name {
        ObjectPropName::String(s) => &s.value,
        ObjectPropName::Word(w) => w.value,
    }
}

/// `found` with the line and column of each one's JSON path (and offset) in
/// `text`, which serde_json has parsed. The paths are found in one scan of
/// the text ([`super::paths`]); its syntax tree, slower to build than
/// every rule is to run on a big bundle, only if the scan cannot read it.
pub(crate) fn place(found: Vec<Diagnostic>, text: &str) -> Vec<Diagnostic> {
    place_reading(found, text).0
}

/// [`place`], and how many bytes of the text were read to find the lines
/// and columns (the paths' scan aside): a test of linearity counts them.
#[doc(hidden)]
pub fn place_reading(found: Vec<Diagnostic>, text: &str) -> (Vec<Diagnostic>, usize) {
    if found.is_empty() {
        return (found, 0);
    }
    let paths: Vec<&[PathSeg]> = found.iter().map(|d| d.path.as_slice()).collect();
    let scanned = super::paths::offsets(text, &paths);
    let locator = match scanned {
        Some(_) => Locator::without_tree(text),
        None => Locator::new(text),
    };
    let starts = scanned.unwrap_or_else(|| paths.iter().map(|p| locator.offset_of(p)).collect());
    drop(paths);
    let placed = locator.place_all(found, starts);
    (placed, locator.read.get())
}

/// Lines and columns of byte offsets visited in order: each step counts only
/// the text since the last.
#[derive(Default)]
struct LineCursor {
    byte: usize,
    line: usize,
    /// Characters from the line's start to `byte`.
    column: usize,
}

impl LineCursor {
    /// The 1-based `line:column` (columns in characters) of byte `to`, at or
    /// after the last one asked for.
    fn advance(&mut self, locator: &Locator, to: usize) -> (usize, usize) {
        let Some(between) = locator.text.get(self.byte..to) else {
            // Not a character boundary, or backwards: counted from scratch.
            return locator.position(to);
        };
        locator.count(between.len());
        match memchr::memrchr(b'\n', between.as_bytes()) {
            Some(last) => {
                self.line += memchr::memchr_iter(b'\n', between.as_bytes()).count();
                self.column = between[last + 1..].chars().count();
            }
            None => self.column += between.chars().count(),
        }
        self.byte = to;
        (self.line + 1, self.column + 1)
    }
}

/// What is wrong with a bundle that parsed, by JSON path, in file order:
/// `folio check`'s first rules.
pub(crate) fn findings(bundle: &Bundle) -> Vec<Diagnostic> {
    let mut found: Vec<Diagnostic> = Vec::new();
    let mut push = |rule, path, message: String, at: Option<usize>| {
        let d = Diagnostic::new(rule, message).with_path(path);
        found.push(match at {
            Some(chars) => d.with_offset(chars),
            None => d,
        });
    };
    if bundle.id.trim().is_empty() {
        push(
            Rule::Schema,
            vec![PathSeg::Key("id")],
            "the bundle id must not be empty".into(),
            None,
        );
    }
    if bundle.articles.is_empty() {
        push(
            Rule::Schema,
            vec![PathSeg::Key("articles")],
            "a bundle needs at least one article".into(),
            None,
        );
    }
    let mut article_ids: HashMap<&str, usize> = HashMap::new();
    for (a, article) in bundle.articles.iter().enumerate() {
        let at = |rest: &[PathSeg<'static>]| {
            let mut p = vec![PathSeg::Key("articles"), PathSeg::Index(a)];
            p.extend_from_slice(rest);
            p
        };
        if article.id.trim().is_empty() {
            push(
                Rule::Schema,
                at(&[PathSeg::Key("id")]),
                "the article id must not be empty".into(),
                None,
            );
        } else if let Some(first) = article_ids.insert(&article.id, a) {
            push(
                Rule::DuplicateArticleId,
                at(&[PathSeg::Key("id")]),
                format!(
                    "duplicate article id {:?} (also used by articles[{first}]); ids must be unique",
                    article.id
                ),
                None,
            );
        }
        let mut citation_ids: HashMap<&str, usize> = HashMap::new();
        for (c, citation) in article.citations.iter().enumerate() {
            if let Some(first) = citation_ids.insert(&citation.id, c) {
                push(
                    Rule::DuplicateCitationId,
                    at(&[
                        PathSeg::Key("citations"),
                        PathSeg::Index(c),
                        PathSeg::Key("id"),
                    ]),
                    format!(
                        "duplicate citation id {:?} (also used by articles[{a}].citations[{first}])",
                        citation.id
                    ),
                    None,
                );
            }
        }
        for (p, paragraph) in article.paragraphs.iter().enumerate() {
            let mut reported = HashSet::new();
            // Characters before the segment being looked at: the finding
            // points at its marker, not at the paragraph's start.
            let (mut chars, mut counted) = (0, 0);
            for seg in segments(paragraph) {
                let Segment::Marker { whole, id } = seg else {
                    continue;
                };
                let id = paragraph.get(id).unwrap_or_default();
                if citation_ids.contains_key(id) || !reported.insert(id) {
                    continue;
                }
                chars += paragraph
                    .get(counted..whole.start)
                    .map_or(0, |t| t.chars().count());
                counted = whole.start;
                push(
                    Rule::MarkerWithoutCitation,
                    at(&[PathSeg::Key("paragraphs"), PathSeg::Index(p)]),
                    format!(
                        "marker [^{id}] has no citation: article {:?} has no entry with \"id\": {id:?} in its \"citations\"",
                        article.id
                    ),
                    Some(chars),
                );
            }
        }
    }
    for (n, entry) in bundle.news_line.iter().enumerate() {
        if let Some(target) = &entry.article
            && !article_ids.contains_key(target.as_str())
        {
            push(
                Rule::DanglingNewsLink,
                vec![
                    PathSeg::Key("news_line"),
                    PathSeg::Index(n),
                    PathSeg::Key("article"),
                ],
                format!(
                    "links to article {target:?}, which is not in this bundle; use an article id or null"
                ),
                None,
            );
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundle::EMBEDDED_SEED;

    fn err(text: &str) -> String {
        load_bundle(text, "b.json").unwrap_err().to_string()
    }

    const MINIMAL: &str = r#"{
  "format": "folio-bundle/1",
  "id": "b",
  "articles": [
    {
      "id": "a1",
      "title": "T",
      "paragraphs": ["Text[^1] more."],
      "citations": [{"id": "1", "source": "S", "date": "2020-05"}]
    }
  ]
}"#;

    #[test]
    fn a_byte_order_mark_is_skipped() {
        let text = format!("{BOM}{MINIMAL}");
        assert!(load_bundle(&text, "b.json").is_ok());
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b.json");
        std::fs::write(&path, &text).unwrap();
        assert!(stream_file(&path, u64::MAX).is_some());
        assert!(load_file(&path, u64::MAX).is_ok());
    }

    #[test]
    fn the_embedded_seed_loads_with_its_counts() {
        let b = load_bundle(EMBEDDED_SEED, "seed").unwrap();
        let a = &b.articles[0];
        assert_eq!(a.paragraphs.len(), 8);
        assert_eq!(a.citations.len(), 18);
        assert_eq!(b.news_line.len(), 40);
        let markers: usize = a.paragraphs.iter().map(|p| marker_ids(p).count()).sum();
        assert_eq!(markers, 18);
    }

    #[test]
    fn the_showcase_loads() {
        let text = include_str!("../../sample-data/showcase.json");
        let b = load_bundle(text, "showcase").unwrap();
        assert!(b.articles.len() >= 3);
        assert!(b.articles.iter().any(|a| a.citations.len() > 99));
        assert!(b.news_line.iter().any(|e| e.article.is_some()));
    }

    #[test]
    fn a_file_loads_as_its_text_does_good_or_bad() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b.json");
        let cases = [
            MINIMAL.to_string(),
            EMBEDDED_SEED.to_string(),
            MINIMAL.replace("\"id\": \"b\",", "\"id\": \"b\""),
            MINIMAL.replace("[^1]", "[^9]"),
            MINIMAL.replace("folio-bundle/1", "folio-bundle/7"),
            MINIMAL.replace("\"title\": \"T\",", ""),
            MINIMAL.to_string() + "x",
        ];
        for text in cases {
            std::fs::write(&path, &text).unwrap();
            let file = path.display().to_string();
            let from_file = load_file(&path, 1 << 20).map_err(|e| e.to_string());
            let from_text = load_bundle(&text, &file).map_err(|e| e.to_string());
            assert_eq!(from_file, from_text, "{text}");
        }
        std::fs::write(&path, MINIMAL).unwrap();
        let too_small = load_file(&path, 10).unwrap_err().to_string();
        assert!(
            too_small.contains("over the limit of 10 bytes"),
            "{too_small}"
        );
    }

    #[test]
    fn minimal_bundle_loads() {
        let b = load_bundle(MINIMAL, "b.json").unwrap();
        assert_eq!(
            b.articles[0].citations[0].date.unwrap().long_form(),
            "May 2020"
        );
    }

    #[test]
    fn syntax_error_names_line_and_column() {
        let text = MINIMAL.replace("\"id\": \"b\",", "\"id\": \"b\"");
        assert_eq!(err(&text), "b.json:4:3: invalid JSON: expected `,` or `}`");
    }

    #[test]
    fn truncated_file_is_reported() {
        let e = err(&MINIMAL[..40]);
        assert!(e.starts_with("b.json:3:"), "{e}");
        assert!(e.contains("EOF"), "{e}");
    }

    #[test]
    fn bad_date_names_the_json_path() {
        let text = MINIMAL.replace("2020-05", "2020-13-01");
        assert_eq!(
            err(&text),
            "b.json:9:56: articles[0].citations[0].date: expected a date YYYY-MM-DD, YYYY-MM or YYYY, found \"2020-13-01\""
        );
    }

    #[test]
    fn wrong_type_and_unknown_field_are_reported() {
        let e = err(&MINIMAL.replace("\"title\": \"T\"", "\"title\": 7"));
        assert!(
            e.contains("articles[0].title: invalid type: integer `7`, expected a string"),
            "{e}"
        );
        let e = err(&MINIMAL.replace("\"title\"", "\"titel\""));
        assert!(e.starts_with("b.json:7:16: articles[0].titel: unknown field `titel`, expected one of `id`, `title`"), "{e}");
        let e = err(&MINIMAL.replace("\"title\": \"T\",", ""));
        assert!(e.contains("articles[0]: missing field `title`"), "{e}");
    }

    #[test]
    fn unknown_format_says_what_is_read() {
        let e = err(&MINIMAL.replace("folio-bundle/1", "folio-bundle/2"));
        assert_eq!(
            e,
            "b.json:2:13: format: unsupported bundle format \"folio-bundle/2\"; this build of folio reads only \"folio-bundle/1\" (a newer folio may read it)"
        );
        let e = err(&MINIMAL.replace("\"format\": \"folio-bundle/1\",", ""));
        assert!(e.contains("missing field `format`"), "{e}");
        assert_eq!(
            err("[1, 2]"),
            "b.json:1:1: expected a JSON object with \"format\": \"folio-bundle/1\" at the top level"
        );
    }

    #[test]
    fn marker_without_citation_names_both() {
        let text = MINIMAL.replace("more.", "more[^7].");
        assert_eq!(
            err(&text),
            "b.json:8:36: articles[0].paragraphs[0]: marker [^7] has no citation: article \"a1\" has no entry with \"id\": \"7\" in its \"citations\""
        );
    }

    #[test]
    fn every_semantic_problem_is_reported() {
        let text = MINIMAL
            .replace("more.", "more[^7][^8].")
            .replace(
                "\"source\": \"S\", \"date\": \"2020-05\"}",
                "\"source\": \"S\"}, {\"id\": \"1\", \"source\": \"T\"}",
            )
            .replace("  ]\n}", "  ],\n  \"news_line\": [{\"time\": \"2020-01-01T10:00\", \"headline\": \"h\", \"article\": \"zz\"}]\n}");
        let e = load_bundle(&text, "b.json").unwrap_err();
        let msgs: Vec<_> = e.problems().iter().map(|p| p.json_path()).collect();
        assert_eq!(
            msgs,
            [
                "articles[0].citations[1].id",
                "articles[0].paragraphs[0]",
                "articles[0].paragraphs[0]",
                "news_line[0].article"
            ]
        );
    }

    #[test]
    fn columns_count_characters() {
        assert_eq!(char_column("äb\"x", 1, 3), 2);
        assert_eq!(line_column("a\nbä c", 6), (2, 4));
    }

    #[test]
    fn unreadable_file_is_an_error() {
        let e = load_file(Path::new("/nonexistent/folio.json"), 1000).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("/nonexistent/folio.json: cannot read: no such file"),
            "{e}"
        );
        let e = load_file(Path::new("/dev/zero"), 1000).unwrap_err();
        assert_eq!(
            e.to_string(),
            "/dev/zero: is not a regular file (a FIFO, socket or device); save it to a file first"
        );
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use crate::bundle::EMBEDDED_SEED;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]
        /// Arbitrary text: a bundle or located problems, never a panic.
        #[test]
        fn arbitrary_text_never_panics(text in "\\PC{0,200}|[{}\\[\\]\":,0-9a-z \\n]{0,200}") {
            if let Err(BundleError::Invalid { problems, .. }) = load_bundle(&text, "t.json") {
                prop_assert!(!problems.is_empty());
                for p in problems {
                    prop_assert!(p.line >= 1 && p.column >= 1);
                }
            }
        }

        /// The seed with a few bytes changed: every problem located inside the file.
        #[test]
        fn an_edited_seed_is_located(edits in proptest::collection::vec((0usize..EMBEDDED_SEED.len(), "[\\PC]"), 1..4)) {
            let mut text = EMBEDDED_SEED.to_string();
            for (at, with) in edits {
                let mut at = at.min(text.len() - 1);
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                let end = text[at..].chars().next().map_or(at, |c| at + c.len_utf8());
                text.replace_range(at..end, &with);
            }
            let lines = text.lines().count() + 1;
            if let Err(e) = load_bundle(&text, "seed.json") {
                for p in e.problems() {
                    prop_assert!(p.line >= 1 && p.line <= lines, "{p:?}");
                }
            }
        }
    }
}
