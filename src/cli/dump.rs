//! `folio dump`: articles as text or Markdown on stdout (lynx `-dump` style),
//! and what `folio BUNDLE` does when stdout is not a terminal.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::{Outcome, fail};
use crate::bundle::Bundle;
use crate::dump::{DumpOptions, Format, dump};
use crate::glyphs::Glyphs;
use crate::output::write_stdout;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DumpFormat {
    Text,
    Markdown,
}

#[derive(Debug, Args)]
pub struct DumpArgs {
    /// The bundle (default: the built-in sample; `-` reads standard input).
    pub bundle: Option<PathBuf>,
    /// Only this article (by id); without it, every article and the news line.
    #[arg(long, value_name = "ID")]
    pub article: Option<String>,
    /// Columns to wrap the text to.
    #[arg(long, value_name = "N", default_value_t = 80, conflicts_with = "no_wrap",
          value_parser = clap::value_parser!(u16).range(10..))]
    pub width: u16,
    /// One line per paragraph.
    #[arg(long)]
    pub no_wrap: bool,
    #[arg(long, value_enum, default_value = "text")]
    pub format: DumpFormat,
}

/// Writes the dump of `bundle`; a closed pipe (`| head`) is a quiet success.
pub fn write_dump(bundle: &Bundle, args: &DumpArgs, glyphs: Glyphs) -> Outcome {
    let articles = match &args.article {
        None => Vec::new(),
        Some(id) => match bundle.articles.iter().position(|a| &a.id == id) {
            Some(i) => vec![i],
            None => {
                return fail(
                    glyphs,
                    &format!(
                        "no article {id:?} in this bundle; its articles are: {}",
                        super::article_ids(bundle)
                    ),
                );
            }
        },
    };
    let opts = DumpOptions {
        width: (!args.no_wrap).then_some(usize::from(args.width)),
        format: match args.format {
            DumpFormat::Text => Format::Text,
            DumpFormat::Markdown => Format::Markdown,
        },
        glyphs,
    };
    match write_stdout(&dump(bundle, &articles, opts)) {
        Ok(()) => Outcome::Clean,
        Err(e) => fail(glyphs, &format!("cannot write: {e}")),
    }
}
