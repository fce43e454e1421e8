//! Command-line arguments and the program's edge: errors become one clear
//! message on stderr and an exit status; for the reader, *before* the terminal
//! is taken over.

mod bookmarks;
mod check;
mod dump;
mod import;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::app::Settings;
use crate::bundle::{BundleError, EMBEDDED_SEED, EMBEDDED_SEED_NAME, load_bundle, load_file};
use crate::glyphs::Glyphs;
use crate::layout::article::DEFAULT_MEASURE;
use crate::sanitize::clean;

#[derive(Debug, Parser)]
#[command(
    name = "folio",
    version,
    about = "A terminal reader for news-article bundles",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// The bundle to open (a folio-bundle/1 JSON file). Without it, folio opens
    /// the sample bundle built into it.
    pub bundle: Option<PathBuf>,
    /// Draw with ASCII only (footnotes as [n]), whatever the locale.
    #[arg(long)]
    pub ascii: bool,
    /// No colour; also when the NO_COLOR environment variable is set.
    #[arg(long)]
    pub no_color: bool,
    /// For slow links: no colour and ASCII rules and borders (the text keeps
    /// its own characters).
    #[arg(long)]
    pub low_bandwidth: bool,
    /// The widest the text gets, in columns; wider panes centre it.
    #[arg(long, value_name = "COLUMNS", default_value_t = DEFAULT_MEASURE as u16,
          value_parser = clap::value_parser!(u16).range(20..=400))]
    pub measure: u16,
    /// How to draw: lean (scroll regions, fewest bytes) or plain (ratatui's
    /// own diff, for comparison).
    #[arg(long, value_enum, default_value = "lean")]
    pub render: crate::terminal::RenderMode,
    /// The largest bundle or page folio reads, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = crate::input::DEFAULT_MAX_SIZE, global = true)]
    pub max_size: u64,
    /// Open articles at the top, not where you last left them.
    #[arg(long)]
    pub no_restore: bool,
    /// Where bookmarks are kept (default: FOLIO_CONFIG_DIR, else the
    /// platform's config directory, ~/.config/folio on Linux).
    #[arg(long, value_name = "DIR", global = true)]
    pub config_dir: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Turn scraped article pages (plain text) into a bundle.
    Import(import::ImportArgs),
    /// List or export bookmarks, or add one (for scripts).
    Bookmarks(bookmarks::BookmarksArgs),
    /// Find every problem in bundles (or raw pages): compiler-style findings.
    Check(check::CheckArgs),
    /// Print articles as text or Markdown (what `folio BUNDLE | less` prints).
    Dump(dump::DumpArgs),
}

fn env(k: &str) -> Option<String> {
    std::env::var(k).ok()
}

/// Prints `message` to stderr as it is (compiler-style lines that editors'
/// tools can read), neutralised.
pub(crate) fn report_plain(glyphs: Glyphs, message: &str) {
    for line in message.lines() {
        eprintln!("{}", clean(line, glyphs));
    }
}

/// Prints `message` to stderr, one `folio:` line per line, neutralised.
pub(crate) fn report(glyphs: Glyphs, message: &str) {
    for line in message.lines() {
        eprintln!("folio: {}", clean(line, glyphs));
    }
}

fn hint(e: &BundleError) -> &'static str {
    match e {
        BundleError::Read { .. } => {
            "check the path, or run folio without one to open the built-in sample"
        }
        BundleError::Invalid { .. } => {
            "fix the bundle and run folio again; the format is described in docs/bundle-format.md"
        }
    }
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let glyphs = if cli.ascii {
        Glyphs::ASCII
    } else {
        Glyphs::from_locale_vars(env)
    };
    let glyphs = if cli.low_bandwidth {
        glyphs.with_ascii_decorations()
    } else {
        glyphs
    };
    let config_dir =
        crate::bookmarks::store::config_dir(cli.config_dir.as_deref(), env("FOLIO_CONFIG_DIR"));
    match &cli.command {
        Some(Command::Import(args)) => return import::run(args, glyphs, cli.max_size),
        Some(Command::Bookmarks(args)) => return bookmarks::run(args, config_dir, glyphs),
        Some(Command::Check(args)) => return check::run(args, glyphs, cli.max_size),
        Some(Command::Dump(_)) | None => {}
    }
    let path = match &cli.command {
        Some(Command::Dump(args)) => &args.bundle,
        _ => &cli.bundle,
    };
    let loaded = match path {
        Some(path) => load_file(path, cli.max_size),
        None => load_bundle(EMBEDDED_SEED, EMBEDDED_SEED_NAME),
    };
    let bundle = match loaded {
        Ok(b) => b,
        Err(e) => {
            report(glyphs, &format!("error: {e}"));
            report(glyphs, hint(&e));
            return ExitCode::from(2);
        }
    };
    if let Some(Command::Dump(args)) = &cli.command {
        return dump::write_dump(&bundle, args, glyphs);
    }
    // Into a pipe or a file, the reader reads out: `folio b.json | less`.
    if !std::io::stdout().is_terminal() {
        let args = dump::DumpArgs {
            bundle: None,
            article: None,
            width: 80,
            no_wrap: false,
            format: dump::DumpFormat::Text,
        };
        return dump::write_dump(&bundle, &args, glyphs);
    }
    if !std::io::stdin().is_terminal() {
        report(
            glyphs,
            "error: folio is interactive: its input must be a terminal (folio dump prints without one)",
        );
        return ExitCode::from(2);
    }
    let settings = Settings {
        glyphs,
        color: !cli.no_color && !cli.low_bandwidth && env("NO_COLOR").is_none_or(|v| v.is_empty()),
        measure: usize::from(cli.measure),
        restore: !cli.no_restore,
        page_wise: cli.low_bandwidth,
    };
    let store = config_dir.map(crate::bookmarks::Store::new);
    let source = crate::shell::Source {
        file: cli.bundle.clone(),
        max_size: cli.max_size,
    };
    match crate::shell::run(bundle, settings, store, cli.render, source) {
        Ok(code) => code,
        Err(e) => {
            report(glyphs, &format!("error: {e:#}"));
            ExitCode::FAILURE
        }
    }
}
