//! Command-line arguments and the program's edge: errors become one clear
//! message on stderr and an exit status; for the reader, *before* the terminal
//! is taken over.
//!
//! Each command says how it ended as an [`Outcome`]; the exit statuses the
//! README documents are chosen in one place, [`Outcome::exit_code`].

mod bookmarks;
mod check;
mod dump;
mod generate;
mod import;
mod list;
mod serve;
mod stdin;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::app::Settings;
use crate::bundle::{BundleError, EMBEDDED_SEED, EMBEDDED_SEED_NAME, load_bundle};
use crate::diagnostic::Diagnostic;
use crate::glyphs::Glyphs;
use crate::layout::article::DEFAULT_MEASURE;
use crate::sanitize::clean;

#[derive(Debug, Parser)]
#[command(
    name = "folio",
    version,
    about = "A terminal reader for news-article bundles",
    subcommand_precedence_over_arg = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// The bundle to open (a folio-bundle/1 JSON file; `-` reads it from
    /// standard input, and keys then come from the terminal). Without it,
    /// folio opens the sample bundle built into it.
    pub bundle: Option<PathBuf>,
    /// Draw with ASCII only (footnotes as `[n]`), whatever the locale; for
    /// dumps and bookmark lists too, which are otherwise UTF-8 in pipes.
    #[arg(long, global = true)]
    pub ascii: bool,
    /// No colour; also when the NO_COLOR environment variable is set.
    #[arg(long)]
    pub no_color: bool,
    /// For slow links: no colour, ASCII rules and borders (the text keeps
    /// its own characters), j/k and the arrows move the article a page.
    #[arg(long)]
    pub low_bandwidth: bool,
    /// The widest the text gets, in columns (default 76, or config.toml's);
    /// wider panes centre it.
    #[arg(long, value_name = "COLUMNS", value_parser = clap::value_parser!(u16).range(20..=400))]
    pub measure: Option<u16>,
    /// How to draw: lean (scroll regions, fewest bytes) or plain (ratatui's
    /// own diff, for comparison).
    #[arg(long, value_enum, default_value = "lean")]
    pub render: crate::session::RenderMode,
    /// The largest bundle or page folio reads, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = crate::input::DEFAULT_MAX_SIZE, global = true)]
    pub max_size: u64,
    /// Open articles at the top, not where you last left them.
    #[arg(long)]
    pub no_restore: bool,
    /// Wheel and clicks: the wheel scrolls the pane under the pointer, a
    /// click selects a headline or follows a footnote (off: the terminal's
    /// own selection works).
    #[arg(long)]
    pub mouse: bool,
    /// For talks: high contrast, the last keys shown, nothing written or
    /// edited (bookmarks last for the session).
    #[arg(long)]
    pub demo: bool,
    /// Start in this article (its id; `folio list` lists them).
    #[arg(long, value_name = "ID")]
    pub article: Option<String>,
    /// Start at this paragraph of it, counting from 1.
    #[arg(long, value_name = "PARAGRAPH", value_parser = clap::value_parser!(u32).range(1..))]
    pub at: Option<u32>,
    /// Where the news line goes: beside the article from 100 columns
    /// (auto), beside it at any usable width (beside), a Tab away (single),
    /// or a strip under it (below); key v cycles them (default: auto, or
    /// config.toml's layout).
    #[arg(long, value_enum, value_name = "LAYOUT")]
    pub layout: Option<crate::layout::screen::Layout>,
    /// Where bookmarks are kept (default: FOLIO_CONFIG_DIR, else the
    /// platform's config directory, ~/.config/folio on Linux).
    #[arg(long, value_name = "DIR", global = true)]
    pub config_dir: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Make a bundle of article pages (HTML, text), feeds and URLs.
    Import(import::ImportArgs),
    /// List or export bookmarks, or add one (for scripts).
    Bookmarks(bookmarks::BookmarksArgs),
    /// Find every problem in bundles (or raw pages): compiler-style findings.
    Check(check::CheckArgs),
    /// Print articles as text or Markdown (what `folio BUNDLE | less` prints).
    Dump(dump::DumpArgs),
    /// List the articles: `ID<TAB>title`, one a line (the ids `--article` takes).
    List(list::ListArgs),
    /// Show the configuration file: its default, or what is wrong with yours.
    Config(ConfigArgs),
    /// Print a shell completion script (bash, elvish, fish, powershell, zsh).
    Completions(generate::CompletionsArgs),
    /// Print the man page, folio(1), in roff (`folio man > folio.1`).
    Man,
    /// Serve the reader over SSH: viewers follow the speaker (`ssh -p 2222 HOST`).
    Serve(serve::ServeArgs),
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

/// How a command ended.
#[derive(Debug)]
pub enum Outcome {
    /// Done; nothing found, or only what is allowed (warnings without
    /// `--deny-warnings`).
    Clean,
    /// Done, with findings the command was told to fail on: warnings with
    /// `check --deny-warnings` or `import --strict`, problems in
    /// `config.toml` for `folio config`.
    Findings,
    /// Errors found, or the command could not do its work; already reported.
    Failed,
    /// The reader's own status: success when quit, 128 + n after signal n,
    /// failure (1) when folio itself failed (the terminal, as a rule).
    Reader(ExitCode),
}

impl Outcome {
    /// The exit status, as the README documents it: 0 clean, 1 findings, 2
    /// failed.
    pub fn exit_code(self) -> ExitCode {
        match self {
            Outcome::Clean => ExitCode::SUCCESS,
            Outcome::Findings => ExitCode::from(1),
            Outcome::Failed => ExitCode::from(2),
            Outcome::Reader(code) => code,
        }
    }
}

/// Reports `message` as an error (`folio: error: …`): the command failed.
pub(crate) fn fail(glyphs: Glyphs, message: &str) -> Outcome {
    report(glyphs, &format!("error: {message}"));
    Outcome::Failed
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

#[derive(Debug, clap::Args)]
pub struct ConfigArgs {
    /// Print the complete default config.toml, commented.
    #[arg(long)]
    pub print_default: bool,
}

/// A problem of config.toml at `path`: `path:line:column: message`.
fn config_problem(path: &std::path::Path, p: &Diagnostic) -> String {
    format!("{}:{}:{}: {}", path.display(), p.line, p.column, p.message)
}

/// `folio config`: the default file, or where yours is and what is wrong
/// with it. `read`: config.toml's path and problems as the command line read
/// them at start, `None` without a config directory.
fn config_command(
    args: &ConfigArgs,
    read: Option<(&std::path::Path, &[Diagnostic])>,
    glyphs: Glyphs,
) -> Outcome {
    if args.print_default {
        return match crate::output::write_stdout(&crate::config::default_text()) {
            Ok(()) => Outcome::Clean,
            Err(_) => Outcome::Failed,
        };
    }
    let Some((path, problems)) = read else {
        return fail(glyphs, NO_CONFIG_DIR);
    };
    let exists = path.exists();
    let mut out = format!(
        "{}: {}\n",
        path.display(),
        if exists {
            "in use"
        } else {
            "none (the defaults apply; folio config --print-default > it makes one)"
        }
    );
    for p in problems {
        out.push_str(&config_problem(path, p));
        out.push('\n');
    }
    // The command's answer, so on stdout: `folio config | less` shows it.
    let out: String = (out.lines())
        .map(|l| format!("{}\n", clean(l, glyphs)))
        .collect();
    if crate::output::write_stdout(&out).is_err() {
        return Outcome::Failed;
    }
    if problems.is_empty() {
        Outcome::Clean
    } else {
        Outcome::Findings
    }
}

/// The first ids of `bundle`'s articles, for messages.
pub(crate) fn article_ids(bundle: &crate::bundle::Bundle) -> String {
    let ids: Vec<&str> = (bundle.articles.iter())
        .map(|a| a.id.as_str())
        .take(10)
        .collect();
    let more = if bundle.articles.len() > 10 {
        ", …"
    } else {
        ""
    };
    format!("{}{more}", ids.join(", "))
}

/// Where `--article` and `--at` ask to start: (article, paragraph index).
fn start_at(
    bundle: &crate::bundle::Bundle,
    id: Option<&str>,
    at: Option<u32>,
) -> Result<Option<(usize, usize)>, String> {
    if id.is_none() && at.is_none() {
        return Ok(None);
    }
    let article = match id {
        None => 0,
        Some(id) => bundle
            .articles
            .iter()
            .position(|a| a.id == id)
            .ok_or_else(|| {
                format!(
                    "--article {id:?}: no such article; the bundle has {}",
                    article_ids(bundle)
                )
            })?,
    };
    let count = bundle
        .articles
        .get(article)
        .map_or(0, |a| a.paragraphs.len());
    let paragraph = at.map_or(0, |n| n as usize - 1);
    if paragraph >= count.max(1) {
        return Err(format!(
            "--at {}: the article has {count} paragraphs",
            paragraph + 1
        ));
    }
    Ok(Some((article, paragraph)))
}

/// What the reader's options make of `folio BUNDLE` into a pipe or a file:
/// `--article` dumps that article only, `--measure` is the width, `--ascii`
/// already chose the glyphs; `--at` (a place to start reading) cannot apply
/// to a dump of whole articles and is refused. The rest (colour, mouse,
/// rendering, demo, restoring) only concern a screen and change no text.
fn piped_dump(cli: &Cli) -> Result<dump::DumpArgs, String> {
    if let Some(at) = cli.at {
        return Err(format!(
            "--at {at}: stdout is not a terminal, and a dump prints whole articles; \
             drop --at, or run folio in a terminal to start reading there"
        ));
    }
    Ok(dump::DumpArgs {
        bundle: None,
        article: cli.article.clone(),
        width: cli.measure.unwrap_or(80),
        no_wrap: false,
        format: dump::DumpFormat::Text,
    })
}

/// The reader's settings from the command line and config.toml.
fn reader_settings(
    cli: &Cli,
    config: &crate::config::Config,
    glyphs: Glyphs,
    low_bandwidth: bool,
) -> Settings {
    let settings = Settings {
        glyphs,
        color: !cli.no_color && !low_bandwidth && env("NO_COLOR").is_none_or(|v| v.is_empty()),
        measure: usize::from(
            cli.measure
                .or(config.measure)
                .unwrap_or(DEFAULT_MEASURE as u16),
        ),
        restore: !cli.no_restore,
        theme: config.theme,
        centre: config.centre,
        layout: cli.layout.unwrap_or(config.layout),
        hyphenate: config.hyphenate,
        justify: config.justify,
        page_wise: low_bandwidth,
        demo: cli.demo,
        hyperlinks: config.hyperlinks
            && !cli.ascii
            && !low_bandwidth
            && glyphs.unicode
            && crate::links::terminal_shows_hyperlinks(env),
    };
    if cli.demo {
        Settings {
            theme: crate::theme::Theme::named("high-contrast").unwrap_or(settings.theme),
            restore: false,
            ..settings
        }
    } else {
        settings
    }
}

const NO_CONFIG_DIR: &str = "no config directory: set FOLIO_CONFIG_DIR or use --config-dir";

/// Runs the command line: whatever goes wrong is reported here, with the
/// glyphs the terminal reads, and becomes the exit status.
pub fn run() -> ExitCode {
    command(Cli::parse()).exit_code()
}

fn command(cli: Cli) -> Outcome {
    let config_dir =
        crate::bookmarks::store::config_dir(cli.config_dir.as_deref(), env("FOLIO_CONFIG_DIR"));
    // config.toml, read before anything else; its problems are reported and
    // the keys they concern keep their defaults.
    let (config, problems, config_path) = match &config_dir {
        Some(dir) => crate::config::load(dir, cli.max_size),
        None => (
            crate::config::Config::default(),
            Vec::new(),
            std::path::PathBuf::new(),
        ),
    };
    let low_bandwidth = cli.low_bandwidth || config.low_bandwidth;
    let glyphs = if cli.ascii {
        Glyphs::ASCII
    } else {
        Glyphs::from_locale_vars(env)
    };
    let glyphs = if low_bandwidth {
        glyphs.with_ascii_decorations()
    } else {
        glyphs
    };
    // The reader says what is wrong with config.toml before it takes the
    // screen (and once more in the status bar); the other commands do not
    // use it but for low_bandwidth.
    if cli.command.is_none() {
        for p in &problems {
            let line = config_problem(&config_path, p);
            // A file that cannot be read says so itself.
            if p.message.contains("using the defaults") {
                report_plain(glyphs, &line);
            } else {
                report_plain(glyphs, &format!("{line} (the default is used)"));
            }
        }
    }
    // Standard output: UTF-8 into pipes and files, whatever the locale.
    let out = dump::output_glyphs(
        cli.ascii,
        low_bandwidth,
        glyphs,
        std::io::stdout().is_terminal(),
    );
    match &cli.command {
        Some(Command::Config(args)) => {
            let read = config_dir
                .as_ref()
                .map(|_| (config_path.as_path(), &problems[..]));
            return config_command(args, read, glyphs);
        }
        Some(Command::Completions(args)) => return generate::completions(args, glyphs),
        Some(Command::Man) => return generate::man(glyphs),
        Some(Command::Import(args)) => return import::run(args, glyphs, cli.max_size),
        Some(Command::Bookmarks(args)) => {
            return bookmarks::run(args, config_dir, glyphs, out, cli.max_size);
        }
        Some(Command::Check(args)) => return check::run(args, glyphs, cli.max_size),
        Some(Command::Serve(args)) => {
            return serve::run(
                args,
                reader_settings(&cli, &config, glyphs, low_bandwidth),
                crate::keymap::Keymap::with(&config.keys),
                config_dir,
                glyphs,
                cli.max_size,
            );
        }
        Some(Command::Dump(_) | Command::List(_)) | None => {}
    }
    let path = match &cli.command {
        Some(Command::Dump(args)) => &args.bundle,
        Some(Command::List(args)) => &args.bundle,
        _ => &cli.bundle,
    };
    let loaded = match path {
        Some(path) => stdin::load(path, cli.max_size),
        None => load_bundle(EMBEDDED_SEED, EMBEDDED_SEED_NAME),
    };
    let bundle = match loaded {
        Ok(b) => b,
        Err(e) => return fail(glyphs, &format!("{e}\n{}", hint(&e))),
    };
    match &cli.command {
        Some(Command::Dump(args)) => return dump::write_dump(&bundle, args, glyphs, out),
        Some(Command::List(_)) => return list::write_list(&bundle, glyphs),
        _ => {}
    }
    // Into a pipe or a file, the reader reads out: `folio b.json | less`.
    if !std::io::stdout().is_terminal() {
        return match piped_dump(&cli) {
            Ok(args) => dump::write_dump(&bundle, &args, glyphs, out),
            Err(message) => fail(glyphs, &message),
        };
    }
    let from_stdin = cli.bundle.as_deref().is_some_and(stdin::is_stdin);
    if from_stdin {
        // The bundle came on standard input: the keys come from the terminal.
        if let Err(e) = std::fs::File::open("/dev/tty") {
            return fail(
                glyphs,
                &format!(
                    "the bundle is on standard input, so keys are read from /dev/tty, \
                     which cannot be opened ({e}); folio dump - prints without a terminal"
                ),
            );
        }
    } else if !std::io::stdin().is_terminal() {
        return fail(
            glyphs,
            "folio is interactive: its input must be a terminal (folio dump prints without one)",
        );
    }
    let settings = reader_settings(&cli, &config, glyphs, low_bandwidth);
    let start = match start_at(&bundle, cli.article.as_deref(), cli.at) {
        Ok(start) => start,
        Err(message) => return fail(glyphs, &message),
    };
    // A demo writes nothing: bookmarks last for the session.
    let store = config_dir
        .filter(|_| !cli.demo)
        .map(crate::bookmarks::Store::new);
    let notice = match problems.len() {
        0 => None,
        n => Some(format!(
            "{}: {n} problem{} (on stderr after you quit)",
            config_path.display(),
            if n == 1 { "" } else { "s" }
        )),
    };
    let source = crate::shell::Source {
        // Standard input is read once: nothing to watch, edit or reload.
        file: cli.bundle.clone().filter(|_| !from_stdin),
        max_size: cli.max_size,
        keymap: crate::keymap::Keymap::with(&config.keys),
        notice,
        start,
        mouse: cli.mouse || config.mouse,
        ask_terminal: config.scroll_margins,
        podium: None,
    };
    match crate::shell::run(bundle, settings, store, cli.render, source) {
        Ok(code) => Outcome::Reader(code),
        // folio itself failed (the terminal, as a rule).
        Err(e) => {
            report(glyphs, &format!("error: {e:#}"));
            Outcome::Reader(ExitCode::FAILURE)
        }
    }
}
