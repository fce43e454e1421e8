//! `folio completions SHELL` and `folio man`: shell completions and a man
//! page (roff) generated from the command-line definition itself, so they
//! always list the options this folio has.

use clap::CommandFactory;

use super::{Cli, Outcome, fail};
use crate::glyphs::Glyphs;
use crate::output::write_stdout;

#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell: bash, elvish, fish, powershell or zsh.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

fn write(glyphs: Glyphs, bytes: Vec<u8>) -> Outcome {
    match write_stdout(&String::from_utf8_lossy(&bytes)) {
        Ok(()) => Outcome::Clean,
        Err(e) => fail(glyphs, &format!("cannot write: {e}")),
    }
}

/// The completion script for `args.shell` on stdout.
pub fn completions(args: &CompletionsArgs, glyphs: Glyphs) -> Outcome {
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "folio", &mut out);
    write(glyphs, out)
}

/// The man page, folio(1), in roff on stdout.
pub fn man(glyphs: Glyphs) -> Outcome {
    let mut out = Vec::new();
    match clap_mangen::Man::new(Cli::command()).render(&mut out) {
        Ok(()) => write(glyphs, out),
        Err(e) => fail(glyphs, &format!("cannot make the man page: {e}")),
    }
}
