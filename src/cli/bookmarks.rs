//! `folio bookmarks`: bookmarks for scripts. `list` prints one line each,
//! `export` writes JSON or Markdown to stdout, `add` adds one (locked and
//! merged like the reader's own changes).

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, Local, SecondsFormat};
use clap::{Args, Subcommand, ValueEnum};

use super::{Outcome, fail, report};
use crate::bookmarks::anchor::snippet;
use crate::bookmarks::model::relative_age;
use crate::bookmarks::{Anchor, Bookmark, BookmarkFile, NewsRef, Store, StoreOp};
use crate::bundle::model::parse_local_time;
use crate::bundle::{Bundle, load_file};
use crate::glyphs::Glyphs;

#[derive(Debug, Args)]
pub struct BookmarksArgs {
    #[command(subcommand)]
    pub action: Option<BookmarksAction>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Json,
    Markdown,
}

#[derive(Debug, Subcommand)]
pub enum BookmarksAction {
    /// One line per bookmark: created, bundle, article, place, label, text.
    List,
    /// All bookmarks, as JSON (the bookmarks file's own format) or Markdown.
    Export {
        /// json: the bookmarks file as it is; markdown: a list by bundle.
        #[arg(long, value_enum, default_value = "json")]
        format: ExportFormat,
    },
    /// Add a bookmark to a passage of an article (--article, --paragraph) or
    /// to a news-line entry (--news-time, --headline).
    ///
    /// Given the bundle's file, folio checks the article, paragraph and entry
    /// against it and takes the snippet from its text; given only the
    /// bundle's id, it cannot check them and --snippet is needed.
    Add(AddArgs),
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// The bundle: its file (checked; its id is stored) or its id.
    #[arg(long, value_name = "FILE|ID")]
    pub bundle: String,
    /// The article's id, for a passage of an article.
    #[arg(
        long,
        value_name = "ID",
        requires = "paragraph",
        conflicts_with = "headline"
    )]
    pub article: Option<String>,
    /// The paragraph, counting from 1 (as the reader and --at count).
    #[arg(long, value_name = "N", requires = "article",
          value_parser = clap::value_parser!(u32).range(1..))]
    pub paragraph: Option<u32>,
    /// Characters into the paragraph, from 0, its start (default: where
    /// --snippet is found, else 0).
    #[arg(long, value_name = "N", requires = "paragraph")]
    pub offset: Option<usize>,
    /// The text at that place, by which the bookmark is found again after the
    /// bundle is edited (up to 48 characters). Taken from a bundle file when
    /// left out; needed with a bundle id.
    #[arg(long, value_name = "TEXT", requires = "paragraph")]
    pub snippet: Option<String>,
    /// A news-line entry: its time, YYYY-MM-DDTHH:MM (with --headline).
    #[arg(long, value_name = "TIME", requires = "headline")]
    pub news_time: Option<String>,
    /// The news-line entry's headline (with --news-time).
    #[arg(long, value_name = "TEXT", requires = "news_time")]
    pub headline: Option<String>,
    /// A label, shown in the list before the text.
    #[arg(long, value_name = "TEXT")]
    pub label: Option<String>,
}

fn place(b: &Bookmark) -> String {
    match (&b.article, &b.anchor, &b.news) {
        (Some(article), Some(a), _) => format!("{article} ¶{}:{}", a.paragraph + 1, a.offset),
        (_, _, Some(n)) => format!("news {}", n.time.format("%Y-%m-%dT%H:%M")),
        _ => "?".into(),
    }
}

fn text(b: &Bookmark) -> String {
    match (&b.anchor, &b.news) {
        (Some(a), _) => a.snippet.clone(),
        (_, Some(n)) => n.headline.clone(),
        _ => String::new(),
    }
}

fn markdown(file: &BookmarkFile) -> String {
    let mut out = String::from("# Bookmarks\n");
    let mut bundles: Vec<&str> = file.bookmarks.iter().map(|b| b.bundle.as_str()).collect();
    bundles.sort();
    bundles.dedup();
    for bundle in bundles {
        out.push_str(&format!("\n## {bundle}\n\n"));
        for b in file.bookmarks.iter().filter(|b| b.bundle == bundle) {
            let label = b
                .label
                .as_deref()
                .map(|l| format!("**{l}** — "))
                .unwrap_or_default();
            out.push_str(&format!(
                "- {label}{}: “{}” ({})\n",
                place(b),
                text(b),
                b.created.format("%Y-%m-%d %H:%M")
            ));
        }
    }
    out
}

fn print(s: &str, glyphs: Glyphs) -> Outcome {
    match crate::output::write_stdout(s) {
        Ok(()) => Outcome::Clean,
        Err(e) => fail(glyphs, &format!("cannot write to standard output: {e}")),
    }
}

/// `out`: the glyphs of standard output (UTF-8 into pipes and files);
/// `glyphs`: those of messages on stderr.
pub fn run(
    args: &BookmarksArgs,
    dir: Option<PathBuf>,
    glyphs: Glyphs,
    out: Glyphs,
    max_size: u64,
) -> Outcome {
    let Some(dir) = dir else {
        return fail(glyphs, super::NO_CONFIG_DIR);
    };
    let store = Store::new(dir);
    let now = Local::now().fixed_offset();
    let action = args.action.as_ref().unwrap_or(&BookmarksAction::List);
    if let BookmarksAction::Add(add_args) = action {
        return match add(&store, add_args, max_size, now) {
            Ok(notice) => {
                if let Some(n) = notice {
                    report(glyphs, &format!("warning: {n}"));
                }
                Outcome::Clean
            }
            Err(why) => fail(glyphs, &why),
        };
    }
    // Only reading: nothing is created or moved.
    let file = match store.peek(now) {
        Ok(file) => file,
        Err(why) => return fail(glyphs, &why),
    };
    let text = match action {
        BookmarksAction::Export {
            format: ExportFormat::Json,
        } => serde_json::to_string_pretty(&file).unwrap_or_default() + "\n",
        // For people: neutralised like everything folio shows.
        BookmarksAction::Export {
            format: ExportFormat::Markdown,
        } => crate::sanitize::clean_lines(&markdown(&file), out),
        _ => {
            let mut list = String::new();
            for b in &file.bookmarks {
                let label = b
                    .label
                    .as_deref()
                    .map(|l| format!(" [{l}]"))
                    .unwrap_or_default();
                list.push_str(&format!(
                    "{}  {}  {}{label}  \"{}\"  ({})\n",
                    b.created.format("%Y-%m-%d %H:%M"),
                    b.bundle,
                    place(b),
                    text(b),
                    relative_age(b.created, now)
                ));
            }
            crate::sanitize::clean_lines(&list, out)
        }
    };
    print(&text, glyphs)
}

/// What `--bundle` names: a bundle file, loaded, or an id.
fn bundle_of(value: &str, max_size: u64) -> Result<Option<Bundle>, String> {
    let path = Path::new(value);
    if path.is_file() {
        return load_file(path, max_size)
            .map(Some)
            .map_err(|e| format!("--bundle: {e}"));
    }
    if value.is_empty() {
        return Err("--bundle: empty (give the bundle's file or its id)".into());
    }
    // A path is not taken for an id: the bookmark would match no bundle.
    if value.contains(std::path::MAIN_SEPARATOR) || value.to_ascii_lowercase().ends_with(".json") {
        return Err(format!(
            "--bundle {value}: no such file (an id has no {} and no .json)",
            std::path::MAIN_SEPARATOR
        ));
    }
    Ok(None)
}

/// The character offset of `snippet` in `text`.
fn char_offset(text: &str, snippet: &str) -> Option<usize> {
    text.find(snippet).map(|i| text[..i].chars().count())
}

/// The anchor `--paragraph`, `--offset` and `--snippet` name, checked
/// against `article` when the bundle's file was given.
fn anchor_of(
    args: &AddArgs,
    paragraph: u32,
    article: Option<&crate::bundle::Article>,
) -> Result<Anchor, String> {
    let index = paragraph as usize - 1;
    let Some(article) = article else {
        let snippet = args.snippet.clone().ok_or(
            "--snippet is needed with a bundle id (the text at that place); \
             or give the bundle's file and folio takes it from there",
        )?;
        return Ok(Anchor {
            paragraph: index,
            offset: args.offset.unwrap_or(0),
            snippet,
            extra: Default::default(),
        });
    };
    let count = article.paragraphs.len();
    let text = article.paragraphs.get(index).ok_or_else(|| {
        format!(
            "--paragraph {paragraph}: article {:?} has {count} paragraphs",
            article.id
        )
    })?;
    let chars = text.chars().count();
    let offset = match (args.offset, &args.snippet) {
        (Some(o), _) => o,
        (None, Some(s)) => char_offset(text, s).ok_or_else(|| {
            format!(
                "--snippet {s:?} is not in paragraph {paragraph} of {:?}",
                article.id
            )
        })?,
        (None, None) => 0,
    };
    if offset >= chars.max(1) {
        return Err(format!(
            "--offset {offset}: paragraph {paragraph} has {chars} characters (counting from 0)"
        ));
    }
    let there = snippet(text, offset);
    if let Some(s) = &args.snippet
        && !there.starts_with(s.as_str())
        && !s.starts_with(there.as_str())
    {
        return Err(format!(
            "--snippet {s:?} is not the text at paragraph {paragraph}, offset {offset} \
             ({there:?}); leave it out and folio takes the text from the bundle"
        ));
    }
    Ok(Anchor {
        paragraph: index,
        offset,
        snippet: args.snippet.clone().unwrap_or(there),
        extra: Default::default(),
    })
}

/// `folio bookmarks add`: checks, then adds; a notice when the old file had
/// to be moved aside.
fn add(
    store: &Store,
    args: &AddArgs,
    max_size: u64,
    now: DateTime<FixedOffset>,
) -> Result<Option<String>, String> {
    let bundle = bundle_of(&args.bundle, max_size)?;
    let bundle_id = bundle
        .as_ref()
        .map_or(args.bundle.as_str(), |b| b.id.as_str());
    let article = match (&args.article, &bundle) {
        (Some(id), Some(b)) => Some(b.articles.iter().find(|a| &a.id == id).ok_or_else(|| {
            format!(
                "no article {id:?} in {}; its articles are: {}",
                args.bundle,
                super::article_ids(b)
            )
        })?),
        _ => None,
    };
    let anchor = match args.paragraph {
        Some(p) => Some(anchor_of(args, p, article)?),
        None => None,
    };
    let news = match (&args.news_time, &args.headline) {
        (Some(t), Some(h)) => {
            let time = parse_local_time(t)
                .ok_or_else(|| format!("--news-time {t:?}: expected YYYY-MM-DDTHH:MM"))?;
            if let Some(b) = &bundle
                && !b
                    .news_line
                    .iter()
                    .any(|e| e.time == time && &e.headline == h)
            {
                return Err(format!(
                    "no news-line entry at {t} with headline {h:?} in {}",
                    args.bundle
                ));
            }
            Some(NewsRef {
                time,
                headline: h.clone(),
                extra: Default::default(),
            })
        }
        _ => None,
    };
    if anchor.is_none() && news.is_none() {
        return Err("give --article with --paragraph, or --news-time with --headline".into());
    }
    // Unique across processes: the time to the nanosecond and the pid.
    let id = format!(
        "{}/{bundle_id}/{}/{}",
        now.to_rfc3339_opts(SecondsFormat::Nanos, true),
        args.article.as_deref().unwrap_or("news"),
        std::process::id()
    );
    let b = Bookmark {
        id,
        bundle: bundle_id.to_string(),
        article: args.article.clone(),
        anchor,
        news,
        label: args.label.clone(),
        created: now,
        extra: Default::default(),
    };
    match store.apply(&StoreOp::Add(Box::new(b)), now) {
        Ok((_, notice)) => Ok(notice),
        Err(why) => Err(format!("bookmark not saved: {why}")),
    }
}
