//! folio run as a command, to the end: its exit status and what it printed.
//! Used by the tests of the commands that need no terminal (`folio check`,
//! `folio config`).

use std::process::{Command, Output};

/// folio run with `args` in a UTF-8 locale, to the end.
pub fn folio(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(args)
        .env("LANG", "C.UTF-8")
        .output()
        .unwrap()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}
