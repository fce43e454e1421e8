//! `folio bookmarks`: bookmarks for scripts. `list` prints one line each,
//! `export` writes JSON or Markdown to stdout, `add` adds one (locked and
//! merged like the reader's own changes).

use std::path::PathBuf;

use chrono::{Local, SecondsFormat};
use clap::{Args, Subcommand, ValueEnum};

use super::{Outcome, fail, report};
use crate::bookmarks::model::relative_age;
use crate::bookmarks::{Anchor, Bookmark, BookmarkFile, NewsRef, Store, StoreOp};
use crate::bundle::model::parse_local_time;
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
        #[arg(long, value_enum, default_value = "json")]
        format: ExportFormat,
    },
    /// Add a bookmark to an article passage or a news-line entry.
    Add {
        #[arg(long)]
        bundle: String,
        #[arg(long, requires_all = ["paragraph", "snippet"], conflicts_with = "headline")]
        article: Option<String>,
        #[arg(long)]
        paragraph: Option<usize>,
        #[arg(long, default_value_t = 0)]
        offset: usize,
        #[arg(long)]
        snippet: Option<String>,
        /// A news-line entry: its time (YYYY-MM-DDTHH:MM) and headline.
        #[arg(long, requires = "headline")]
        news_time: Option<String>,
        #[arg(long, requires = "news_time")]
        headline: Option<String>,
        #[arg(long)]
        label: Option<String>,
    },
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

pub fn run(args: &BookmarksArgs, dir: Option<PathBuf>, glyphs: Glyphs) -> Outcome {
    let Some(dir) = dir else {
        return fail(glyphs, super::NO_CONFIG_DIR);
    };
    let store = Store::new(dir);
    let now = Local::now().fixed_offset();
    match args.action.as_ref().unwrap_or(&BookmarksAction::List) {
        BookmarksAction::List | BookmarksAction::Export { .. } => {
            let loaded = store.load(now);
            if let Some(notice) = &loaded.notice {
                report(glyphs, &format!("warning: {notice}"));
            }
            let file = loaded.file;
            match &args.action {
                Some(BookmarksAction::Export {
                    format: ExportFormat::Json,
                }) => {
                    let json = serde_json::to_string_pretty(&file).unwrap_or_default();
                    print(&(json + "\n"), glyphs)
                }
                Some(BookmarksAction::Export {
                    format: ExportFormat::Markdown,
                }) => {
                    // For people: neutralised like everything folio shows.
                    print(
                        &crate::sanitize::clean_lines(&markdown(&file), glyphs),
                        glyphs,
                    )
                }
                _ => {
                    let mut out = String::new();
                    for b in &file.bookmarks {
                        let label = b
                            .label
                            .as_deref()
                            .map(|l| format!(" [{l}]"))
                            .unwrap_or_default();
                        out.push_str(&format!(
                            "{}  {}  {}{label}  \"{}\"  ({})\n",
                            b.created.format("%Y-%m-%d %H:%M"),
                            b.bundle,
                            place(b),
                            text(b),
                            relative_age(b.created, now)
                        ));
                    }
                    print(&crate::sanitize::clean_lines(&out, glyphs), glyphs)
                }
            }
        }
        BookmarksAction::Add {
            bundle,
            article,
            paragraph,
            offset,
            snippet,
            news_time,
            headline,
            label,
        } => {
            let news = match (news_time, headline) {
                (Some(t), Some(h)) => match parse_local_time(t) {
                    Some(time) => Some(NewsRef {
                        time,
                        headline: h.clone(),
                    }),
                    None => {
                        return fail(
                            glyphs,
                            &format!("--news-time {t:?}: expected YYYY-MM-DDTHH:MM"),
                        );
                    }
                },
                _ => None,
            };
            let anchor = paragraph
                .zip(snippet.clone())
                .map(|(paragraph, snippet)| Anchor {
                    paragraph,
                    offset: *offset,
                    snippet,
                });
            if anchor.is_none() && news.is_none() {
                return fail(
                    glyphs,
                    "give --article with --paragraph and --snippet, or --news-time with --headline",
                );
            }
            // Unique across processes: the time to the nanosecond and the pid.
            let id = format!(
                "{}/{bundle}/{}/{}",
                now.to_rfc3339_opts(SecondsFormat::Nanos, true),
                article.as_deref().unwrap_or("news"),
                std::process::id()
            );
            let b = Bookmark {
                id,
                bundle: bundle.clone(),
                article: article.clone(),
                anchor,
                news,
                label: label.clone(),
                created: now,
            };
            match store.apply(&StoreOp::Add(b), now) {
                Ok((_, notice)) => {
                    if let Some(n) = notice {
                        report(glyphs, &format!("warning: {n}"));
                    }
                    Outcome::Clean
                }
                Err(why) => fail(glyphs, &format!("bookmark not saved: {why}")),
            }
        }
    }
}
