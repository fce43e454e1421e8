//! `folio config` as a command: what it prints about config.toml and its exit
//! status (0 without problems, 1 with any).

use std::process::Output;

use crate::common::run::{folio, stderr};

fn folio_config(dir: &std::path::Path, extra: &[&str]) -> Output {
    let dir = dir.to_str().unwrap();
    folio(&[&["--config-dir", dir, "config"], extra].concat())
}

#[test]
fn no_file_is_fine_and_every_problem_is_placed_with_status_1() {
    let dir = tempfile::tempdir().unwrap();
    let o = folio_config(dir.path(), &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("config.toml: none (the defaults apply"));

    let o = folio_config(dir.path(), &["--print-default"]);
    assert_eq!(o.status.code(), Some(0));
    std::fs::write(dir.path().join("config.toml"), &o.stdout).unwrap();
    let o = folio_config(dir.path(), &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).ends_with("config.toml: in use\n"),
        "{}",
        stderr(&o)
    );

    let toml = "[display]\nmeasure = 900\n\n[keys]\nfly = [\"x\"]\n";
    std::fs::write(dir.path().join("config.toml"), toml).unwrap();
    let o = folio_config(dir.path(), &[]);
    assert_eq!(o.status.code(), Some(1));
    let path = dir.path().join("config.toml").display().to_string();
    let lines: Vec<String> = stderr(&o).lines().skip(1).map(String::from).collect();
    assert_eq!(
        lines,
        [
            format!("{path}:2:11: measure must be a number of columns, 20 to 400"),
            format!("{path}:5:1: unknown action `fly`; folio config --print-default lists them"),
        ]
    );
}
