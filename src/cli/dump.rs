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
    /// text: the reader's layout; markdown: headings, footnotes, links.
    #[arg(long, value_enum, default_value = "text")]
    pub format: DumpFormat,
}

/// The glyphs of what folio writes to standard output (dumps, bookmark
/// lists). Into a pipe or a file it is UTF-8, every character kept, whatever
/// the locale: what reads it is a program or a file, not a screen (as `ls`
/// and `less` pass bytes through there), so cron and `ssh host cmd` get the
/// same text as a terminal would. Only a terminal gets `screen`, the locale's
/// glyphs, and `--ascii` asks for ASCII anywhere; `--low-bandwidth` keeps
/// its plain decorations.
pub fn output_glyphs(ascii: bool, low_bandwidth: bool, screen: Glyphs, terminal: bool) -> Glyphs {
    match (ascii, terminal, low_bandwidth) {
        (true, _, _) => Glyphs::ASCII,
        (false, true, _) => screen,
        (false, false, false) => Glyphs::UNICODE,
        (false, false, true) => Glyphs::UNICODE.with_ascii_decorations(),
    }
}

/// Writes the dump of `bundle` with the glyphs `out` (see [`output_glyphs`]);
/// messages go to stderr with `glyphs`. A closed pipe (`| head`) is a quiet
/// success.
pub fn write_dump(bundle: &Bundle, args: &DumpArgs, glyphs: Glyphs, out: Glyphs) -> Outcome {
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
        glyphs: out,
    };
    match write_stdout(&dump(bundle, &articles, opts)) {
        Ok(()) => Outcome::Clean,
        Err(e) => fail(glyphs, &format!("cannot write: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pipes_get_utf8_whatever_the_locale_and_ascii_only_when_asked() {
        let c_locale = Glyphs::ASCII;
        assert_eq!(
            output_glyphs(false, false, c_locale, false),
            Glyphs::UNICODE
        );
        assert_eq!(output_glyphs(false, false, c_locale, true), Glyphs::ASCII);
        assert_eq!(
            output_glyphs(true, false, Glyphs::UNICODE, false),
            Glyphs::ASCII
        );
        let slow = output_glyphs(false, true, c_locale, false);
        assert!(slow.unicode && slow.ascii_decorations);
    }
}
