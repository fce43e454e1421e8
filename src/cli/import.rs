//! `folio import`: the command around the pure importer. Reads every input
//! (files, standard input, `http(s)://` URLs fetched a few at a time), reads
//! each for what it is (an HTML or text page, a feed), prints a summary line
//! per input and its warnings, then writes the bundle to stdout or,
//! atomically, to `-o FILE`, or adds to an existing bundle (`--into`).
//!
//! Every input that cannot be read is reported by name, and then nothing is
//! written (exit 2); a page a feed links to (`--follow`) that fails is a
//! warning. `--strict` makes any warning a failure (exit 1, nothing written).

use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, bail};
use clap::Args;

use super::{Outcome, fail, report, report_plain};
use crate::bundle::{Bundle, NewsEntry, load_file};
use crate::fetch::{FetchOptions, Fetched, fetch_all, is_url};
use crate::glyphs::Glyphs;
use crate::import::merge::merge;
use crate::import::source::{FeedImport, Imported, Input, import_input};
use crate::import::{ImportedPage, build_bundle_with, to_json};
use crate::input::read_file;
use crate::output::{write_atomically, write_stdout};

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Pages and feeds: files (HTML, plain text, RSS, Atom, JSON Feed; read by
    /// their content), `http://` or `https://` URLs, or `-` for standard input.
    #[arg(required = true, value_name = "PAGE|FEED|URL")]
    pub inputs: Vec<String>,
    /// Write the bundle to this file (replaced atomically) instead of stdout.
    #[arg(short, long, value_name = "BUNDLE")]
    pub output: Option<PathBuf>,
    /// Add to this bundle (new articles and headlines; what it has is kept,
    /// ids too), written back atomically unless -o names another file.
    #[arg(long, value_name = "BUNDLE")]
    pub into: Option<PathBuf>,
    /// The bundle id (default: derived from the first page's title).
    #[arg(long)]
    pub id: Option<String>,
    /// Treat warnings as failure: exit 1 and write nothing.
    #[arg(long)]
    pub strict: bool,
    /// For a feed, also fetch and import every item's linked page, so its
    /// headline opens it (a page that fails is a warning).
    #[arg(long)]
    pub follow: bool,
    /// Seconds to wait for a server to accept a connection.
    #[arg(long, value_name = "SECONDS", default_value_t = 10.0)]
    pub connect_timeout: f64,
    /// Seconds a whole request may take.
    #[arg(long, value_name = "SECONDS", default_value_t = 30.0)]
    pub timeout: f64,
    /// URLs fetched at once.
    #[arg(long, value_name = "N", default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=32))]
    pub jobs: u16,
}

/// One input, read: its name for messages, its bytes and what came with them.
struct Loaded {
    name: String,
    bytes: Vec<u8>,
    fetched: Option<Fetched>,
}

impl Loaded {
    fn input(&self) -> Input<'_> {
        let f = self.fetched.as_ref();
        Input {
            bytes: f.map_or(&self.bytes[..], |f| &f.body[..]),
            name: Some(&self.name),
            content_type: f.and_then(|f| f.content_type.as_deref()),
            charset: f.and_then(|f| f.charset.as_deref()),
            url: f.map(|f| f.url.as_str()),
        }
    }
}

fn display_name(path: &str) -> String {
    if path == "-" {
        "<stdin>".to_string()
    } else {
        path.to_string()
    }
}

/// The bytes of a file or of standard input (`-`).
fn read_local(path: &str, max_size: u64) -> anyhow::Result<Vec<u8>> {
    if path == "-" {
        let mut bytes = Vec::new();
        io::stdin()
            .take(max_size.saturating_add(1))
            .read_to_end(&mut bytes)
            .context("cannot read standard input")?;
        if bytes.len() as u64 > max_size {
            bail!("is over the limit of {max_size} bytes; --max-size BYTES raises it");
        }
        return Ok(bytes);
    }
    if path.contains("://") {
        bail!("only http:// and https:// URLs can be imported");
    }
    // The error says it all: no chain of sources to repeat it.
    read_file(Path::new(path), max_size).map_err(|e| anyhow::anyhow!("{e}"))
}

/// A fetch error's message without the URL it starts with, for a line
/// that names the URL already.
fn fetch_message(e: &crate::fetch::FetchError) -> String {
    let text = e.to_string();
    let prefix = format!("{}: ", e.url());
    text.strip_prefix(&prefix)
        .map_or_else(|| text.clone(), str::to_string)
}

fn seconds(s: f64, what: &str) -> anyhow::Result<Duration> {
    Duration::try_from_secs_f64(s)
        .ok()
        .filter(|d| !d.is_zero())
        .with_context(|| format!("--{what} must be a positive number of seconds"))
}

/// Fetches `urls`, a few at a time, with a progress line on stderr when it
/// is a terminal.
fn fetch_urls(
    urls: &[String],
    opts: &FetchOptions,
    jobs: u16,
    glyphs: Glyphs,
) -> Vec<Result<Fetched, crate::fetch::FetchError>> {
    if urls.is_empty() {
        return Vec::new();
    }
    let progress = crate::fetch::StderrProgress::new(glyphs);
    let results = fetch_all(urls, opts, usize::from(jobs), &|p| progress.show(p));
    progress.clear();
    results
}

/// Reads the inputs: files first, then every URL in one parallel fetch;
/// what fails is reported by name.
fn load_inputs(
    args: &ImportArgs,
    opts: &FetchOptions,
    glyphs: Glyphs,
    failed: &mut usize,
) -> Vec<Loaded> {
    let mut loaded = Vec::new();
    let urls: Vec<String> = args.inputs.iter().filter(|i| is_url(i)).cloned().collect();
    let mut fetched = fetch_urls(&urls, opts, args.jobs, glyphs).into_iter();
    for input in &args.inputs {
        let name = display_name(input);
        let result = if is_url(input) {
            match fetched.next() {
                Some(Ok(f)) => Ok(Loaded {
                    name: name.clone(),
                    bytes: Vec::new(),
                    fetched: Some(f),
                }),
                Some(Err(e)) => Err(anyhow::anyhow!("{}", fetch_message(&e))),
                None => Err(anyhow::anyhow!("was not fetched")),
            }
        } else {
            read_local(input, opts.max_size).map(|bytes| Loaded {
                name: name.clone(),
                bytes,
                fetched: None,
            })
        };
        match result {
            Ok(l) => loaded.push(l),
            Err(e) => {
                *failed += 1;
                report(glyphs, &format!("error: {name}: {e:#}"));
            }
        }
    }
    loaded
}

/// Each input read for what it is, on every core (pages are independent).
fn import_all(loaded: &[Loaded]) -> Vec<Result<Imported, crate::import::source::SourceError>> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = loaded.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = loaded
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|l| import_input(&l.input()))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    })
}

/// What the inputs gave, gathered.
#[derive(Default)]
struct Gathered {
    pages: Vec<ImportedPage>,
    news: Vec<NewsEntry>,
    /// Feed items' links, for --follow.
    links: Vec<String>,
    warnings: usize,
    failed: usize,
    /// `--follow`: the feeds' linked pages are fetched.
    follow: bool,
    /// The articles taken so far, by URL and by content, with the input
    /// each came from: the same article twice is imported once.
    seen: std::collections::HashMap<String, String>,
}

impl Gathered {
    fn warn(
        &mut self,
        glyphs: Glyphs,
        name: &str,
        page_warnings: &[crate::diagnostic::Diagnostic],
    ) {
        for w in page_warnings {
            let place = match (w.line, w.column) {
                (0, _) => String::new(),
                (l, c) => format!(":{l}:{c}"),
            };
            report_plain(
                glyphs,
                &format!("{name}{place}: {}: {}", w.severity().label(), w.message),
            );
            self.warnings += 1;
        }
    }

    /// Adds `page` from input `name`, unless an input before gave the same
    /// article (same URL, or same title and text).
    fn add_page(&mut self, glyphs: Glyphs, name: &str, page: ImportedPage) {
        let a = &page.article;
        let keys = [
            a.url.as_ref().map(|u| format!("url {u}")),
            Some(format!("text {}\n{}", a.title, a.paragraphs.join("\n"))),
        ];
        if let Some(first) = keys.iter().flatten().find_map(|k| self.seen.get(k)) {
            report_plain(
                glyphs,
                &format!("{name}: the same article as {first}; imported once"),
            );
            return;
        }
        for k in keys.into_iter().flatten() {
            self.seen.insert(k, name.to_string());
        }
        self.pages.push(page);
    }

    /// Takes in what `loaded` gave; `following` says it is a feed's linked
    /// page, whose failure is a warning.
    fn take(
        &mut self,
        loaded: &[Loaded],
        results: Vec<Result<Imported, crate::import::source::SourceError>>,
        glyphs: Glyphs,
        following: bool,
    ) {
        for (l, result) in loaded.iter().zip(results) {
            match result {
                Ok(Imported::Page(page)) => {
                    report_plain(glyphs, &summary(&l.name, &page, glyphs));
                    self.warn(glyphs, &l.name, &page.warnings);
                    self.add_page(glyphs, &l.name, *page);
                }
                Ok(Imported::Feed(feed)) => {
                    report_plain(glyphs, &feed_summary(&l.name, &feed, glyphs, self.follow));
                    self.warn(glyphs, &l.name, &feed.warnings);
                    for page in feed.articles {
                        self.warn(glyphs, &l.name, &page.warnings);
                        self.add_page(glyphs, &l.name, page);
                    }
                    self.news.extend(feed.news_line);
                    self.links.extend(feed.links);
                }
                Err(e) if following => {
                    report_plain(glyphs, &format!("{}: warning: {e}", l.name));
                    self.warnings += 1;
                }
                Err(e) => {
                    report(glyphs, &format!("error: {}: {e}", l.name));
                    self.failed += 1;
                }
            }
        }
    }
}

/// `feed.xml: feed "Title" — 25 headlines, 3 articles from the feed's text`.
fn feed_summary(name: &str, feed: &FeedImport, glyphs: Glyphs, follow: bool) -> String {
    let dash = if glyphs.unicode { "—" } else { "--" };
    let title = feed.title.as_deref().map_or(String::new(), |t| {
        format!(" \"{}\"", short_title(t, glyphs))
    });
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut line = format!(
        "{name}: feed{title} {dash} {}, {} from the feed's full text",
        plural(feed.news_line.len(), "headline", "headlines"),
        plural(feed.articles.len(), "article", "articles"),
    );
    match (feed.links.len(), follow) {
        (0, _) => {}
        (n, true) => line.push_str(&format!(
            ", {} to fetch",
            plural(n, "linked page", "linked pages")
        )),
        (n, false) => line.push_str(&format!(
            ", {} not imported (--follow imports them)",
            plural(n, "linked page", "linked pages")
        )),
    }
    line
}

/// `"With Karabakh Conflict…"`: the first words of a title.
fn short_title(title: &str, glyphs: Glyphs) -> String {
    const ROOM: usize = 22;
    if title.chars().count() <= ROOM + 2 {
        return title.to_string();
    }
    let mut out = String::new();
    for word in title.split(' ') {
        if out.chars().count() + word.chars().count() + 1 > ROOM {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        out = title.chars().take(ROOM).collect();
    }
    out + glyphs.ellipsis()
}

/// The summary line of a page.
pub(crate) fn summary(name: &str, page: &ImportedPage, glyphs: Glyphs) -> String {
    let a = &page.article;
    let mut line = format!("{name}: \"{}\"", short_title(&a.title, glyphs));
    if let Some(c) = &a.category {
        line.push_str(&format!(" {c}"));
    }
    if let Some(p) = a.published {
        line.push_str(&format!(" {}", p.format("%Y-%m-%d %H:%M")));
    }
    let dash = if glyphs.unicode { "—" } else { "--" };
    let count =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    line.push_str(&format!(
        " {dash} {}, {}, {}, {}",
        count(a.paragraphs.len(), "paragraph", "paragraphs"),
        count(a.citations.len(), "citation", "citations"),
        count(
            page.stats.other_parentheticals,
            "other parenthetical",
            "other parentheticals"
        ),
        count(page.news_line.len(), "news-line entry", "news-line entries"),
    ));
    if !page.stats.dropped_chrome.is_empty() {
        let dropped: Vec<String> = page
            .stats
            .dropped_chrome
            .iter()
            .map(|d| format!("{d:?}"))
            .collect();
        line.push_str(&format!("; dropped navigation {}", dropped.join(", ")));
    }
    line
}

pub fn run(args: &ImportArgs, glyphs: Glyphs, max_size: u64) -> Outcome {
    match run_inner(args, glyphs, max_size) {
        Ok(outcome) => outcome,
        Err(e) => fail(glyphs, &format!("{e:#}")),
    }
}

fn run_inner(args: &ImportArgs, glyphs: Glyphs, max_size: u64) -> anyhow::Result<Outcome> {
    if args.id.as_deref().is_some_and(|id| id.trim().is_empty()) {
        bail!("--id must not be empty");
    }
    let opts = FetchOptions {
        connect_timeout: seconds(args.connect_timeout, "connect-timeout")?,
        timeout: seconds(args.timeout, "timeout")?,
        max_size,
        ..FetchOptions::default()
    };
    let target = args.output.as_ref().or(args.into.as_ref());
    if let Some(out) = &args.output {
        refuse_input_as_output(out, &args.inputs)?;
    }
    // The bundle to add to is read first: a bad one stops before any fetch.
    let existing = match &args.into {
        Some(path) => Some(load_file(path, max_size).map_err(|e| anyhow::anyhow!("{e}"))?),
        None => None,
    };

    let mut gathered = Gathered {
        follow: args.follow,
        ..Gathered::default()
    };
    let loaded = load_inputs(args, &opts, glyphs, &mut gathered.failed);
    gathered.take(&loaded, import_all(&loaded), glyphs, false);
    if args.follow {
        follow(&mut gathered, &opts, args.jobs, glyphs);
    }

    // Every input named must be read: a bundle missing one is not what was
    // asked for. (A page a feed links to is only a warning.)
    match (gathered.failed, args.inputs.len()) {
        (0, _) => {}
        (_, 1) => bail!("nothing was written"),
        (failed, n) => bail!("{failed} of {n} inputs could not be imported; nothing was written"),
    }
    if gathered.pages.is_empty() && gathered.news.is_empty() {
        bail!("nothing could be imported; nothing was written");
    }
    if args.strict && gathered.warnings + gathered.failed > 0 {
        report(
            glyphs,
            &format!(
                "error: {} warning(s) and --strict: no bundle written",
                gathered.warnings + gathered.failed
            ),
        );
        return Ok(Outcome::Findings);
    }
    let incoming = build_bundle_with(&gathered.pages, &gathered.news, args.id.as_deref());
    let bundle: Bundle = match existing {
        Some(existing) => {
            let name = args
                .into
                .as_ref()
                .map_or(String::new(), |p| p.display().to_string());
            let (merged, report) = merge(existing, incoming);
            report_plain(glyphs, &format!("{name}: {report}"));
            if !report.changed() && args.output.is_none() {
                // Nothing to add: the file is left as it is.
                return Ok(Outcome::Clean);
            }
            merged
        }
        None if incoming.articles.is_empty() => bail!(
            "the feeds gave headlines but no article, and a bundle needs one: --follow imports the pages they link to, --into BUNDLE adds the headlines to a bundle; nothing was written"
        ),
        None => incoming,
    };
    let json = to_json(&bundle);
    match target {
        Some(path) => write_atomically(path, json.as_bytes())
            .with_context(|| format!("{}", path.display()))?,
        None => write_stdout(&json).context("cannot write to standard output")?,
    }
    Ok(Outcome::Clean)
}

/// `-o` naming one of the inputs would replace a page with its bundle.
fn refuse_input_as_output(out: &Path, inputs: &[String]) -> anyhow::Result<()> {
    let Ok(out_real) = out.canonicalize() else {
        return Ok(()); // A new file is no input.
    };
    for input in inputs.iter().filter(|i| !is_url(i) && *i != "-") {
        if Path::new(input).canonicalize().is_ok_and(|p| p == out_real) {
            bail!(
                "-o {} names an input: it would be replaced by the bundle; name another file",
                out.display()
            );
        }
    }
    Ok(())
}

/// `--follow`: fetches the pages the feeds link to (those not imported
/// already), each failure a warning naming its URL.
fn follow(gathered: &mut Gathered, opts: &FetchOptions, jobs: u16, glyphs: Glyphs) {
    let mut have: std::collections::HashSet<String> = (gathered.pages.iter())
        .filter_map(|p| p.article.url.clone())
        .collect();
    let links: Vec<String> = std::mem::take(&mut gathered.links)
        .into_iter()
        .filter(|l| have.insert(l.clone()))
        .collect();
    if links.is_empty() {
        return;
    }
    let mut loaded = Vec::new();
    for (url, result) in links.iter().zip(fetch_urls(&links, opts, jobs, glyphs)) {
        match result {
            Ok(f) => loaded.push(Loaded {
                name: url.clone(),
                bytes: Vec::new(),
                fetched: Some(f),
            }),
            Err(e) => {
                report_plain(glyphs, &format!("{url}: warning: {}", fetch_message(&e)));
                gathered.warnings += 1;
            }
        }
    }
    let mut results = import_all(&loaded);
    // A followed page keeps the link the feed gave, so its headline opens
    // it whatever the page calls itself, and a second import finds it.
    for (l, result) in loaded.iter().zip(&mut results) {
        if let Ok(Imported::Page(page)) = result {
            page.article.url = Some(l.name.clone());
        }
    }
    gathered.take(&loaded, results, glyphs, true);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_shortened_at_a_word() {
        let t = "With Karabakh Conflict Negotiations Deadlocked, Regional Players";
        assert_eq!(short_title(t, Glyphs::UNICODE), "With Karabakh Conflict…");
        assert_eq!(short_title("Short title", Glyphs::UNICODE), "Short title");
    }

    #[test]
    fn seed_summary_line() {
        let page = crate::import::import_page(include_str!("../../sample-data/seed-page.txt"));
        assert_eq!(
            summary("seed.txt", &page, Glyphs::UNICODE),
            "seed.txt: \"With Karabakh Conflict…\" Analytics 2020-06-03 15:33 — 8 paragraphs, 18 citations, 6 other parentheticals, 40 news-line entries; dropped navigation \"Hamısı\""
        );
    }
}
