//! `folio import` as a command: output, summary, exit codes, and that a
//! failure never writes or truncates the output file.

use std::path::Path;
use std::process::{Command, Output, Stdio};

use std::io::Write;

fn folio(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(args)
        .env("LANG", "C.UTF-8")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(input) = stdin {
        child.stdin.take().unwrap().write_all(input).unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const SEED: &str = "sample-data/seed-page.txt";

#[test]
fn imports_the_seed_to_stdout_with_a_summary() {
    let o = folio(&["import", SEED], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // What the importer makes of the page (sample-data/seed.json is this,
    // proofread: see tests/import.rs).
    let page = include_str!("../sample-data/seed-page.txt");
    let expected = folio::import::to_json(&folio::import::build_bundle(
        &[folio::import::import_page(page)],
        None,
    ));
    assert_eq!(String::from_utf8_lossy(&o.stdout), expected);
    let err = stderr(&o);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines[0],
        "sample-data/seed-page.txt: \"With Karabakh Conflict…\" Analytics 2020-06-03 15:33 — 8 paragraphs, 18 citations, 6 other parentheticals, 40 news-line entries; dropped navigation \"Hamısı\""
    );
    assert_eq!(
        lines[1],
        "sample-data/seed-page.txt:17:792: warning: lenient date in \"Turan.az, April, 21 2020\""
    );
    assert_eq!(lines.len(), 2);
}

#[test]
fn stdin_and_output_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("b.json");
    let page = std::fs::read(SEED).unwrap();
    let o = folio(
        &["import", "-", "-o", out.to_str().unwrap(), "--id", "seed"],
        Some(&page),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).starts_with("<stdin>: \"With Karabakh"));
    let written = std::fs::read_to_string(&out).unwrap();
    assert!(written.contains("\"id\": \"seed\""));
    assert!(o.stdout.is_empty());
    // No temporary files left behind.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn strict_fails_on_warnings_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("b.json");
    std::fs::write(&out, "previous contents").unwrap();
    let o = folio(
        &["import", SEED, "--strict", "-o", out.to_str().unwrap()],
        None,
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("1 warning(s) and --strict: no bundle written"));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "previous contents");
}

fn refused(name: &str, contents: &[u8], expect: &str) {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join(name);
    std::fs::write(&page, contents).unwrap();
    let out = dir.path().join("out.json");
    std::fs::write(&out, "previous contents").unwrap();
    let o = folio(
        &[
            "import",
            SEED,
            page.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(2), "{name}");
    let err = stderr(&o);
    assert!(err.contains(&format!("{name}: {expect}")), "{name}: {err}");
    assert!(err.contains("nothing was written"));
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "previous contents",
        "{name}"
    );
}

#[test]
fn what_is_not_a_text_page_is_refused() {
    refused("empty.txt", b"", "the page is empty");
    refused("blank.txt", b" \n\n\t\n", "the page is empty");
    refused("nul.txt", b"Title\0\n", "is not text: NUL byte at offset 5");
    refused(
        "latin1.txt",
        b"Caf\xe9\n",
        "is not UTF-8 text: invalid byte at offset 3",
    );
    let o = folio(&["import", "/nonexistent/page.txt"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("/nonexistent/page.txt: cannot read: No such file"));
    let o = folio(&["import", "sample-data"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("sample-data: is a directory, not a file"));
    let o = folio(&["import", "/dev/zero"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("/dev/zero: is not a regular file"));
    let o = folio(&["import", "--max-size", "100", SEED], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("over the limit of 100 bytes; --max-size BYTES raises it"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn an_unwritable_output_is_an_error() {
    let o = folio(&["import", SEED, "-o", "/nonexistent/dir/b.json"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("/nonexistent/dir/b.json: cannot create a temporary file"),
        "{}",
        stderr(&o)
    );
    assert!(!Path::new("/nonexistent/dir/b.json").exists());
}
