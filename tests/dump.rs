//! `folio dump`, and `folio BUNDLE` into a pipe or a file.

use std::process::Command;

/// Asserts the command exited 0, showing what it said on stderr if not.
fn exited_well(o: &std::process::Output) {
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

fn folio() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_folio"));
    c.env("LANG", "C.UTF-8");
    c
}

#[test]
fn dump_prints_an_article_at_a_width() {
    let o = folio()
        .args(["dump", "sample-data/seed.json", "--width", "60"])
        .args([
            "--article",
            "with-karabakh-conflict-negotiations-deadlocked-regional-players",
        ])
        .output()
        .unwrap();
    exited_well(&o);
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.lines().all(|l| l.chars().count() <= 60), "{out}");
    assert!(out.contains("systems¹."));
    assert!(out.contains("\nSources\n"));
    assert!(!out.contains("News line"));
    assert!(!out.contains('\u{1b}'), "no escape sequences in a dump");
}

#[test]
fn the_reader_into_a_pipe_prints_the_dump() {
    let piped = folio().arg("sample-data/seed.json").output().unwrap();
    assert_eq!(piped.status.code(), Some(0));
    let dumped = folio()
        .args(["dump", "sample-data/seed.json"])
        .output()
        .unwrap();
    assert_eq!(piped.stdout, dumped.stdout);
    assert!(String::from_utf8_lossy(&piped.stdout).contains("News line"));
}

#[test]
fn markdown_and_errors() {
    let o = folio()
        .args(["dump", "--format", "markdown", "sample-data/showcase.json"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.starts_with("# "), "{out}");
    assert!(out.contains("\n[^1]: "));
    let o = folio()
        .args(["dump", "sample-data/seed.json", "--article", "nope"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no article \"nope\""));
}

#[test]
fn a_closed_pipe_is_a_quiet_success() {
    // A dump far bigger than a pipe's buffer, cut short by head.
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.json");
    let seed: serde_json::Value =
        serde_json::from_str(include_str!("../sample-data/seed.json")).unwrap();
    let mut b = seed.clone();
    let paragraphs = seed["articles"][0]["paragraphs"]
        .as_array()
        .unwrap()
        .clone();
    let all = b["articles"][0]["paragraphs"].as_array_mut().unwrap();
    for _ in 0..60 {
        all.extend(paragraphs.iter().cloned());
    }
    std::fs::write(&big, serde_json::to_string(&b).unwrap()).unwrap();
    let o = Command::new("bash")
        .arg("-c")
        .arg(format!(
            "set -o pipefail; '{}' dump '{}' | head -3",
            env!("CARGO_BIN_EXE_folio"),
            big.display()
        ))
        .output()
        .unwrap();
    exited_well(&o);
    assert_eq!(String::from_utf8_lossy(&o.stdout).lines().count(), 3);
    assert!(
        o.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}
