//! `folio check`: reads every file given (bundles, or raw pages: see
//! [`check_as`]), prints every finding compiler-style with its source line
//! and a caret, compiler-style on one line (`--format compact`) or as JSON
//! lines, a total, and exits 0 (clean), 1 (warnings, with
//! `--deny-warnings`) or 2 (errors, or a file that cannot be read or is
//! empty).

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::{Outcome, fail, report};
use crate::check::snippet::{Snippets, visible};
use crate::check::{
    CheckAs, HOUSE_WORDS, RuleSet, check_as, check_bundle_text_of, check_page_text_of,
};
use crate::diagnostic::{Diagnostic, Rule, Severity};
use crate::glyphs::Glyphs;
use crate::input::read_text_file;
use crate::output::write_stdout;
use crate::sanitize::clean;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// `file:line:column: severity[rule]: message (at json.path)`, then the
    /// source line with a caret under the column.
    Text,
    /// The first line of `text` only: one line per finding.
    Compact,
    /// One JSON object per finding, one per line.
    Json,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Bundles (JSON) or raw pages (plain text) to check; `-` reads standard input.
    #[arg(value_name = "FILE", required_unless_present = "list_rules")]
    pub files: Vec<PathBuf>,
    /// How to print findings.
    #[arg(long, value_enum, default_value = "text")]
    pub format: CheckFormat,
    /// Exit 1 when there are warnings (and no errors).
    #[arg(long)]
    pub deny_warnings: bool,
    /// Leave out the findings of a warning's rule, and its work (repeatable;
    /// an error cannot be allowed).
    #[arg(long, value_name = "RULE")]
    pub allow: Vec<String>,
    /// A house word list for the spelling rule: one word per line, `#`
    /// comments (repeatable). A `folio-words.txt` beside a checked file is
    /// read too.
    #[arg(long, value_name = "FILE")]
    pub words: Vec<PathBuf>,
    /// List the rules and exit.
    #[arg(long)]
    pub list_rules: bool,
}

fn list_rules() -> String {
    let mut out = String::new();
    for r in Rule::CHECKS {
        out.push_str(&format!(
            "{:<24} {:<8} {}\n",
            r.name(),
            r.severity().label(),
            r.description()
        ));
    }
    out
}

fn count(findings: &[Diagnostic], s: Severity) -> usize {
    findings.iter().filter(|f| f.severity() == s).count()
}

fn plural(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

pub fn run(args: &CheckArgs, glyphs: Glyphs, max_size: u64) -> Outcome {
    if args.list_rules {
        return finish(glyphs, write_stdout(&list_rules()), Outcome::Clean);
    }
    let mut allowed = Vec::new();
    for name in &args.allow {
        let Some(rule) = Rule::named(name) else {
            return fail(
                glyphs,
                &format!("--allow {name}: no such rule; `folio check --list-rules` lists them"),
            );
        };
        // An error is what the reader refuses a file for: allowing it would
        // pass a file no one can open.
        if rule.severity() == Severity::Error {
            return fail(
                glyphs,
                &format!(
                    "--allow {name}: an error cannot be allowed (the reader refuses a file with it); only warnings can"
                ),
            );
        }
        allowed.push(rule);
    }
    let mut words = String::new();
    for path in &args.words {
        match read_text_file(path, max_size) {
            Ok(t) => words.push_str(&t),
            Err(e) => return fail(glyphs, &format!("--words {}: {e}", path.display())),
        }
        words.push('\n');
    }
    let rules = RuleSet::allowing(&allowed);
    let width = if args.format == CheckFormat::Text {
        snippet_width()
    } else {
        0
    };
    let mut out = String::new();
    let mut findings = Vec::new();
    let mut unreadable = 0;
    for path in &args.files {
        let beside = path.with_file_name(HOUSE_WORDS);
        let house = match read_text_file(&beside, max_size) {
            Ok(t) => format!("{words}\n{t}"),
            Err(_) => words.clone(),
        };
        let file = super::stdin::name(path);
        let read = super::stdin::read_text(path, max_size).map(|text| {
            let kind = check_as(text.as_bytes(), &file);
            (text, kind)
        });
        let (text, kind) = match read {
            Ok((text, Ok(kind))) => (text, kind),
            Ok((_, Err(e))) => {
                report(glyphs, &format!("error: {file}: {e}"));
                unreadable += 1;
                continue;
            }
            Err(e) => {
                report(glyphs, &format!("error: {file}: {e}"));
                unreadable += 1;
                continue;
            }
        };
        let found = match kind {
            CheckAs::Bundle => check_bundle_text_of(&text, &file, &house, &rules),
            CheckAs::Page => check_page_text_of(&text, &file, &house, &rules),
        };
        let mut snippets = Snippets::new(&text);
        for f in &found {
            // A person sees what is invisible; JSON keeps it (only controls
            // and bidi overrides are neutralised, as everywhere).
            let line = match args.format {
                CheckFormat::Text | CheckFormat::Compact => visible(&f.compiler_line(), glyphs),
                CheckFormat::Json => {
                    clean(&serde_json::to_string(f).unwrap_or_default(), glyphs).into_owned()
                }
            };
            out.push_str(&line);
            out.push('\n');
            if args.format == CheckFormat::Text {
                out.push_str(&snippets.show(f.line, f.column, width, glyphs));
            }
        }
        findings.extend(found);
    }
    let errors = count(&findings, Severity::Error) + unreadable;
    let warnings = count(&findings, Severity::Warning);
    // No rule is a note; the total has always counted them, and scripts read it.
    let total = format!(
        "checked {}: {}, {}, 0 notes",
        plural(args.files.len(), "file"),
        plural(errors, "error"),
        plural(warnings, "warning"),
    );
    match args.format {
        CheckFormat::Text | CheckFormat::Compact => out.push_str(&format!("{total}\n")),
        CheckFormat::Json => eprintln!("{total}"),
    }
    let outcome = if errors > 0 {
        Outcome::Failed
    } else if warnings > 0 && args.deny_warnings {
        Outcome::Findings
    } else {
        Outcome::Clean
    };
    finish(glyphs, write_stdout(&out), outcome)
}

fn finish(glyphs: Glyphs, written: std::io::Result<()>, outcome: Outcome) -> Outcome {
    match written {
        Ok(()) => outcome,
        Err(e) => fail(glyphs, &format!("cannot write the findings: {e}")),
    }
}

/// How wide a source line may be: the terminal's width, 80 columns when
/// the output is not a terminal.
fn snippet_width() -> usize {
    use std::io::IsTerminal;
    let terminal = std::io::stdout()
        .is_terminal()
        .then(crossterm::terminal::size)
        .and_then(Result::ok)
        .map(|(w, _)| usize::from(w));
    terminal.filter(|w| *w > 0).unwrap_or(80)
}
