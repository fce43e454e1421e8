//! The command line's finding aids and pipes: `folio list`, reader options
//! into a pipe, `-` for standard input, completions and the man page.

use std::io::Write;
use std::process::{Command, Stdio};

use crate::common::run::{folio, stderr, stdout};

#[test]
fn list_prints_each_article_id_and_title() {
    let o = folio(&["list", "sample-data/showcase.json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert_eq!(
        lines[0],
        "cost-of-a-byte\tThe Cost of a Byte: Reading Over Slow Links"
    );
    assert!(lines.iter().all(|l| l.split('\t').count() == 2), "{out}");
    // The built-in sample without a file, as the reader does.
    let o = folio(&["list"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains('\t'));
    // --help says where ids come from.
    assert!(stdout(&folio(&["--help"])).contains("folio list"));
}

#[test]
fn reader_options_apply_to_a_pipe_or_are_refused() {
    let showcase = "sample-data/showcase.json";
    // --article: that article only, as folio dump --article prints it.
    let piped = folio(&["--article", "partial-dates", showcase]);
    assert_eq!(piped.status.code(), Some(0), "{}", stderr(&piped));
    let dumped = folio(&["dump", "--article", "partial-dates", showcase]);
    assert_eq!(stdout(&piped), stdout(&dumped));
    assert!(!stdout(&piped).contains("The Cost of a Byte"));
    // --measure: the width of the dump.
    let narrow = folio(&["--measure", "40", showcase]);
    assert_eq!(narrow.status.code(), Some(0));
    let out = stdout(&narrow);
    // (Words longer than the width, such as links, stand out as in dump.)
    let width = |l: &str| unicode_width::UnicodeWidthStr::width(l);
    assert!(
        out.lines()
            .filter(|l| !l.contains("://"))
            .all(|l| width(l) <= 40),
        "{out}"
    );
    assert_eq!(out, stdout(&folio(&["dump", "--width", "40", showcase])));
    // An unknown article is an error, as in the reader.
    let o = folio(&["--article", "nope", showcase]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("nope"), "{}", stderr(&o));
    // --at cannot apply to a dump: refused, saying why.
    let o = folio(&["--article", "partial-dates", "--at", "2", showcase]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--at"), "{}", stderr(&o));
    assert!(stdout(&o).is_empty());
}

/// folio with `args` and `input` on standard input.
fn folio_fed(args: &[&str], input: &[u8]) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(args)
        .env("LANG", "C.UTF-8")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(input).unwrap();
    drop(stdin);
    child.wait_with_output().unwrap()
}

#[test]
fn a_dash_reads_the_bundle_from_standard_input() {
    let bundle = std::fs::read("sample-data/showcase.json").unwrap();
    for (fed, file) in [
        (vec!["dump", "-"], vec!["dump", "sample-data/showcase.json"]),
        (vec!["-"], vec!["sample-data/showcase.json"]),
        (vec!["list", "-"], vec!["list", "sample-data/showcase.json"]),
    ] {
        let o = folio_fed(&fed, &bundle);
        assert_eq!(o.status.code(), Some(0), "{fed:?}: {}", stderr(&o));
        assert_eq!(stdout(&o), stdout(&folio(&file)), "{fed:?}");
    }
    let o = folio_fed(&["check", "-"], &bundle);
    let checked = folio(&["check", "sample-data/showcase.json"]);
    assert_eq!(o.status.code(), checked.status.code(), "{}", stderr(&o));
    assert!(stdout(&o).contains("checked 1 file"), "{}", stdout(&o));
    // A bad bundle on stdin is named as such.
    let o = folio_fed(&["dump", "-"], b"{\"format\": 1}");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("<stdin>"), "{}", stderr(&o));
}

#[test]
fn completions_and_the_man_page_come_from_the_cli_definition() {
    for shell in ["bash", "zsh", "fish"] {
        let o = folio(&["completions", shell]);
        assert_eq!(o.status.code(), Some(0), "{shell}: {}", stderr(&o));
        let out = stdout(&o);
        assert!(out.contains("measure") && out.contains("import"), "{shell}");
    }
    let o = folio(&["completions", "tcsh"]);
    assert_eq!(o.status.code(), Some(2));
    let man = folio(&["man"]);
    assert_eq!(man.status.code(), Some(0), "{}", stderr(&man));
    let page = stdout(&man);
    assert!(
        page.starts_with(".ie") || page.contains(".TH folio"),
        "{page}"
    );
    assert!(page.contains("measure") && page.contains("list"));
}
