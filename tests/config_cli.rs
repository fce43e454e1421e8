//! `folio config` as a command: what it prints about config.toml and its exit
//! status (0 without problems, 1 with any).

use std::process::Output;

use crate::common::run::{folio, stderr, stdout};

fn folio_config(dir: &std::path::Path, extra: &[&str]) -> Output {
    let dir = dir.to_str().unwrap();
    folio(&[&["--config-dir", dir, "config"], extra].concat())
}

#[test]
fn no_file_is_fine_and_every_problem_is_placed_with_status_1() {
    let dir = tempfile::tempdir().unwrap();
    let o = folio_config(dir.path(), &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // On stdout: `folio config | less` shows it.
    assert!(stdout(&o).contains("config.toml: none (the defaults apply"));

    let o = folio_config(dir.path(), &["--print-default"]);
    assert_eq!(o.status.code(), Some(0));
    std::fs::write(dir.path().join("config.toml"), &o.stdout).unwrap();
    let o = folio_config(dir.path(), &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).ends_with("config.toml: in use\n"),
        "{}",
        stdout(&o)
    );

    let toml = "[display]\nmeasure = 900\n\n[keys]\nfly = [\"x\"]\n";
    std::fs::write(dir.path().join("config.toml"), toml).unwrap();
    let o = folio_config(dir.path(), &[]);
    assert_eq!(o.status.code(), Some(1));
    let path = dir.path().join("config.toml").display().to_string();
    let lines: Vec<String> = stdout(&o).lines().skip(1).map(String::from).collect();
    assert_eq!(
        lines,
        [
            format!("{path}:2:11: measure must be a number of columns, 20 to 400"),
            format!("{path}:5:1: unknown action `fly`; folio config --print-default lists them"),
        ]
    );
}

#[test]
fn a_config_dir_that_is_a_file_is_said_in_words_once() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("folio");
    std::fs::write(&file, "").unwrap();
    let o = folio_config(&file, &[]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(!out.contains("os error"), "{out}");
    assert!(out.contains("not a directory"), "{out}");
    // The reader says the defaults apply, once.
    let o = folio(&["--config-dir", file.to_str().unwrap()]);
    let err = stderr(&o);
    assert!(!err.contains("os error"), "{err}");
    assert_eq!(err.matches("default").count(), 1, "{err}");
}
