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
    assert!(
        out.contains("\n[^1-1]: "),
        "several articles: labels by article"
    );
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

/// The seed bundle with `東京📰` in its title and first paragraph, in `dir`.
fn non_ascii_bundle(dir: &std::path::Path) -> std::path::PathBuf {
    let mut b: serde_json::Value =
        serde_json::from_str(include_str!("../sample-data/seed.json")).unwrap();
    b["articles"][0]["title"] = "東京📰 Café".into();
    b["articles"][0]["paragraphs"][0] = "In 東京📰, “naïve” — Türkiye’s café.".into();
    let path = dir.join("tokyo.json");
    std::fs::write(&path, serde_json::to_string(&b).unwrap()).unwrap();
    path
}

/// folio under the C locale, as in cron or `ssh host cmd`.
fn folio_in_c_locale() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_folio"));
    c.env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_CTYPE");
    c
}

#[test]
fn under_a_c_locale_dumps_into_pipes_keep_every_character() {
    let dir = tempfile::tempdir().unwrap();
    let bundle = non_ascii_bundle(dir.path());
    let b = bundle.to_str().unwrap();
    for args in [
        &["dump", "--format", "markdown", b][..],
        &["dump", b][..],
        &["dump", "--no-wrap", b][..],
        // `folio BUNDLE | less`
        &[b][..],
    ] {
        let o = folio_in_c_locale().args(args).output().unwrap();
        exited_well(&o);
        let out = String::from_utf8(o.stdout).unwrap();
        assert!(out.contains("東京📰 Café"), "{args:?}: {out}");
        assert!(
            out.contains("In 東京📰, “naïve” — Türkiye’s café."),
            "{args:?}: {out}"
        );
    }
    // The same bytes as under a UTF-8 locale: a dump does not depend on where it ran.
    let c = folio_in_c_locale().args(["dump", b]).output().unwrap();
    let utf8 = folio().args(["dump", b]).output().unwrap();
    assert_eq!(c.stdout, utf8.stdout);
    // ASCII only when asked for, before or after the subcommand.
    for args in [&["--ascii", "dump", b][..], &["dump", "--ascii", b][..]] {
        let o = folio().args(args).output().unwrap();
        exited_well(&o);
        let out = String::from_utf8(o.stdout).unwrap();
        assert!(out.is_ascii(), "{args:?}: {out}");
        assert!(
            out.contains("In ???, \"naive\" -- Turkiye's cafe."),
            "{out}"
        );
    }
}

#[test]
fn markdown_footnote_labels_are_unique_in_a_dump_of_several_articles() {
    let o = folio()
        .args(["dump", "--format", "markdown", "sample-data/showcase.json"])
        .output()
        .unwrap();
    exited_well(&o);
    let out = String::from_utf8(o.stdout).unwrap();
    let mut defined = std::collections::HashSet::new();
    for line in out.lines() {
        if let Some(rest) = line.strip_prefix("[^") {
            let label = &rest[..rest.find("]:").unwrap()];
            assert!(
                defined.insert(label.to_string()),
                "[^{label}] defined twice"
            );
        }
    }
    // Every reference has its own definition; the second article's first
    // note is its own.
    let mut rest = out.as_str();
    while let Some(i) = rest.find("[^") {
        rest = &rest[i + 2..];
        let label = &rest[..rest.find(']').unwrap()];
        assert!(defined.contains(label), "[^{label}] is not defined");
    }
    assert!(out.contains("[^2-1]: "), "{out}");
    assert!(out.contains("[^1-104]: "), "{out}");
    // One article: the reader's own numbers.
    let o = folio()
        .args(["dump", "--format", "markdown", "sample-data/showcase.json"])
        .args(["--article", "scripts-and-symbols"])
        .output()
        .unwrap();
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.contains("\n[^1]: ") && !out.contains("[^2-"), "{out}");
}
