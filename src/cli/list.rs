//! `folio list`: one line per article, `ID<TAB>title`, for scripts and for
//! finding the id `--article` and `folio dump --article` take.
//!
//! A subcommand of its own rather than `folio dump --list`: it prints
//! neither text nor Markdown, takes none of dump's options (`--width`,
//! `--format`, `--article`), and `cut -f1` or `fzf` read its output as it is.

use std::path::PathBuf;

use clap::Args;

use super::{Outcome, fail};
use crate::bundle::Bundle;
use crate::glyphs::Glyphs;
use crate::output::write_stdout;
use crate::sanitize::clean;

#[derive(Debug, Args)]
pub struct ListArgs {
    /// The bundle (default: the built-in sample; `-` reads standard input).
    pub bundle: Option<PathBuf>,
}

/// The lines `folio list` prints: each article's id and title, tab-separated.
/// Always UTF-8 (a pipe or a file is no terminal), with tabs, line breaks
/// and control characters neutralised so that each article is one line of
/// two fields.
pub fn listing(bundle: &Bundle) -> String {
    let mut out = String::new();
    for a in &bundle.articles {
        out.push_str(&clean(&a.id, Glyphs::UNICODE));
        out.push('\t');
        out.push_str(&clean(&a.title, Glyphs::UNICODE));
        out.push('\n');
    }
    out
}

pub fn write_list(bundle: &Bundle, glyphs: Glyphs) -> Outcome {
    match write_stdout(&listing(bundle)) {
        Ok(()) => Outcome::Clean,
        Err(e) => fail(glyphs, &format!("cannot write: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tab_in_a_title_cannot_split_the_line() {
        let mut b = crate::bundle::load_bundle(crate::bundle::EMBEDDED_SEED, "seed").unwrap();
        b.articles[0].id = "a\tb".into();
        b.articles[0].title = "one\ttwo\nthree".into();
        let out = listing(&b);
        let first = out.lines().next().unwrap();
        assert_eq!(first.split('\t').count(), 2, "{first}");
    }
}
