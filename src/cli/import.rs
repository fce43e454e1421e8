//! `folio import`: the command around the pure importer. Reads every page
//! first (refusing what is not text), prints a summary line per page and its
//! warnings, then writes the bundle to stdout or, atomically, to `-o FILE`.

use std::io::{self, Read};
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use clap::Args;

use super::{Outcome, fail, report, report_plain};
use crate::glyphs::Glyphs;
use crate::import::{ImportedPage, build_bundle, import_page, to_json};
use crate::input::{read_text_file, text_from_bytes};
use crate::output::{write_atomically, write_stdout};

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Page files (plain text, UTF-8); `-` reads standard input.
    #[arg(required = true, value_name = "PAGE")]
    pub pages: Vec<PathBuf>,
    /// Write the bundle to this file (replaced atomically) instead of stdout.
    #[arg(short, long, value_name = "BUNDLE")]
    pub output: Option<PathBuf>,
    /// The bundle id (default: derived from the first page's title).
    #[arg(long)]
    pub id: Option<String>,
    /// Treat warnings as failure: exit 1 and write nothing.
    #[arg(long)]
    pub strict: bool,
}

fn display_name(path: &Path) -> String {
    if path == Path::new("-") {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    }
}

/// The page's text, or why it is not a text page.
fn read_page(path: &Path, max_size: u64) -> anyhow::Result<String> {
    let text = if path == Path::new("-") {
        let mut bytes = Vec::new();
        io::stdin()
            .take(max_size.saturating_add(1))
            .read_to_end(&mut bytes)
            .context("cannot read standard input")?;
        if bytes.len() as u64 > max_size {
            bail!(
                "standard input is over the limit of {max_size} bytes; --max-size BYTES raises it"
            );
        }
        text_from_bytes(bytes)?
    } else {
        read_text_file(path, max_size)?
    };
    if text.trim().is_empty() {
        bail!("the page is empty");
    }
    Ok(text)
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
    let mut pages = Vec::with_capacity(args.pages.len());
    for path in &args.pages {
        let name = display_name(path);
        match read_page(path, max_size) {
            Ok(text) => pages.push((name, text)),
            Err(e) => return fail(glyphs, &format!("{name}: {e:#}\nnothing was written")),
        }
    }
    if args.id.as_deref().is_some_and(|id| id.trim().is_empty()) {
        return fail(glyphs, "--id must not be empty");
    }

    let imported: Vec<ImportedPage> = pages.iter().map(|(_, text)| import_page(text)).collect();
    let mut warnings = 0;
    for ((name, _), page) in pages.iter().zip(&imported) {
        report_plain(glyphs, &summary(name, page, glyphs));
        for w in &page.warnings {
            report_plain(
                glyphs,
                &format!(
                    "{name}:{}:{}: {}: {}",
                    w.line,
                    w.column,
                    w.severity().label(),
                    w.message
                ),
            );
            warnings += 1;
        }
    }
    if args.strict && warnings > 0 {
        report(
            glyphs,
            &format!("error: {warnings} warning(s) and --strict: no bundle written"),
        );
        return Outcome::Findings;
    }

    let json = to_json(&build_bundle(&imported, args.id.as_deref()));
    let written = match &args.output {
        Some(path) => {
            write_atomically(path, json.as_bytes()).with_context(|| format!("{}", path.display()))
        }
        None => write_stdout(&json).context("cannot write to standard output"),
    };
    match written {
        Ok(()) => Outcome::Clean,
        Err(e) => fail(glyphs, &format!("{e:#}")),
    }
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
        let page = import_page(include_str!("../../sample-data/seed-page.txt"));
        assert_eq!(
            summary("seed.txt", &page, Glyphs::UNICODE),
            "seed.txt: \"With Karabakh Conflict…\" Analytics 2020-06-03 15:33 — 8 paragraphs, 18 citations, 6 other parentheticals, 40 news-line entries; dropped navigation \"Hamısı\""
        );
    }
}
