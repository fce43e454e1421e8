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
    assert!(stderr(&o).contains("/nonexistent/page.txt: cannot read: no such file"));
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

fn folio_ok(args: &[&str]) -> (String, String) {
    let o = folio(args, None);
    assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
    (String::from_utf8_lossy(&o.stdout).into_owned(), stderr(&o))
}

const RSS: &str = "tests/fixtures/feeds/rss2.xml";
const RDF: &str = "tests/fixtures/feeds/rss1.rdf";

#[test]
fn a_feed_with_full_text_gives_articles_and_headlines() {
    let (json, err) = folio_ok(&["import", RSS]);
    assert!(
        err.starts_with("tests/fixtures/feeds/rss2.xml: feed \"Caspian Desk\" — 3 headlines, 1 article from the feed's full text, 2 linked pages not imported (--follow imports them)"),
        "{err}"
    );
    let b = folio::bundle::load_bundle(&json, "out").unwrap();
    assert_eq!(b.articles.len(), 1);
    let a = &b.articles[0];
    assert_eq!(a.title, "Talks resume in Geneva & Vienna");
    assert_eq!(
        a.url.as_deref(),
        Some("https://news.example.org/2020/06/talks-resume")
    );
    // The linked citation keeps its link.
    assert_eq!(a.citations[0].source, "Mod.gov.az");
    assert_eq!(
        a.citations[0].url.as_deref(),
        Some("https://mod.gov.az/en/news/1")
    );
    // Its headline opens it; the others keep their links.
    let talks = b
        .news_line
        .iter()
        .find(|e| e.headline.starts_with("Talks"))
        .unwrap();
    assert_eq!(talks.article.as_deref(), Some(a.id.as_str()));
    assert_eq!(talks.zone.as_deref(), Some("+0400"));
    let port = b
        .news_line
        .iter()
        .find(|e| e.headline.starts_with("Port"))
        .unwrap();
    assert_eq!(
        port.url.as_deref(),
        Some("https://news.example.org/2020/06/port-traffic")
    );
}

#[test]
fn headlines_alone_make_no_bundle_but_join_one() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("b.json");
    let o = folio(&["import", RDF, "-o", out.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o)
            .contains("--follow imports the pages they link to, --into BUNDLE adds the headlines"),
        "{}",
        stderr(&o)
    );
    assert!(!out.exists());
    // --into: added once; the second time nothing changes, byte for byte.
    std::fs::copy("sample-data/seed.json", &out).unwrap();
    let before = folio::bundle::load_file(&out, u64::MAX).unwrap();
    let (_, err) = folio_ok(&["import", RDF, RSS, "--into", out.to_str().unwrap()]);
    assert!(err.contains("added 1 article and 5 headlines"), "{err}");
    let once = std::fs::read(&out).unwrap();
    let after = folio::bundle::load_file(&out, u64::MAX).unwrap();
    assert_eq!(after.id, before.id);
    assert_eq!(after.articles[..before.articles.len()], before.articles[..]);
    assert_eq!(after.news_line.len(), before.news_line.len() + 5);
    let (_, err) = folio_ok(&["import", RDF, RSS, "--into", out.to_str().unwrap()]);
    assert!(err.contains("nothing new"), "{err}");
    assert_eq!(std::fs::read(&out).unwrap(), once);
}

#[test]
fn a_bundle_or_binary_is_not_imported() {
    let o = folio(&["import", "sample-data/seed.json"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("sample-data/seed.json: is already a folio bundle"),
        "{}",
        stderr(&o)
    );
    refused(
        "logo.png",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "is not text: NUL byte at offset 8",
    );
    refused(
        "data.bin",
        &[1, 2, 3, 4, 5, 6, 7, 8, b'a'],
        "is not a page or a feed",
    );
    refused(
        "empty.xml",
        include_bytes!("fixtures/feeds/empty.xml"),
        "the feed has no items",
    );
    refused(
        "not-xml.rss",
        include_bytes!("fixtures/feeds/not-xml.rss"),
        "not a feed: it is neither XML nor JSON",
    );
}

/// The local server's pages: a feed whose items link to pages on the same
/// server (one of them missing), a redirect loop, a server that never
/// answers.
fn site(path: &str) -> crate::common::http::Reply {
    use crate::common::http::{Reply, ok, response};
    const FEED: &str = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Local</title><link>/</link>
<item><title>First story</title><link>/a.html</link><pubDate>Wed, 03 Jun 2020 15:33:00 +0400</pubDate></item>
<item><title>Missing story</title><link>/gone.html</link><pubDate>Wed, 03 Jun 2020 12:00:00 +0400</pubDate></item>
</channel></rss>"#;
    const PAGE: &str = "<!doctype html><html><head><title>First story</title></head><body><nav><a href='/'>Home</a></nav><article><h1>First story</h1><p>The first paragraph of the story tells what happened on the day, in enough words to read as prose (<a href='https://mod.gov.az/en/news/7'>Mod.gov.az</a>, May 23).</p><p>The second paragraph goes on with more of what happened and why it matters to the people who read it.</p></article></body></html>";
    match path {
        "/feed.xml" => ok("application/rss+xml", FEED.as_bytes()),
        "/a.html" => ok("text/html; charset=utf-8", PAGE.as_bytes()),
        "/loop" => Reply::Raw(response("302 Found", &[("Location", "/loop")], b"")),
        "/silent" => Reply::Silent(std::time::Duration::from_secs(5)),
        _ => Reply::Raw(response("404 Not Found", &[], b"no")),
    }
}

#[test]
fn a_feed_url_with_follow_imports_the_linked_pages() {
    let server = crate::common::http::Server::start(8, site);
    let feed = server.url("/feed.xml");
    let (json, err) = folio_ok(&["import", &feed, "--follow"]);
    let gone = server.url("/gone.html");
    assert!(err.contains(&format!("{gone}: warning:")), "{err}");
    assert!(err.contains("404"), "{err}");
    let b = folio::bundle::load_bundle(&json, "out").unwrap();
    assert_eq!(b.articles.len(), 1, "{json}");
    let a = &b.articles[0];
    assert_eq!(a.url.as_deref(), Some(server.url("/a.html").as_str()));
    assert_eq!(
        a.citations[0].url.as_deref(),
        Some("https://mod.gov.az/en/news/7")
    );
    let first = b
        .news_line
        .iter()
        .find(|e| e.headline == "First story")
        .unwrap();
    assert_eq!(first.article.as_deref(), Some(a.id.as_str()));
    // --strict: the missing page is a warning, so nothing is written.
    let o = folio(&["import", &feed, "--follow", "--strict"], None);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
}

#[test]
fn urls_that_fail_are_named_and_nothing_is_written() {
    let server = crate::common::http::Server::start(12, site);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("b.json");
    std::fs::write(&out, "previous contents").unwrap();
    let cases = [
        ("/missing", "404"),
        ("/loop", "redirect"),
        ("/silent", "--timeout SECONDS"),
    ];
    for (path, expect) in cases {
        let url = server.url(path);
        let start = std::time::Instant::now();
        let o = folio(
            &[
                "import",
                &url,
                "--timeout",
                "0.5",
                "-o",
                out.to_str().unwrap(),
            ],
            None,
        );
        assert!(
            start.elapsed() < std::time::Duration::from_secs(4),
            "{path}"
        );
        assert_eq!(o.status.code(), Some(2), "{path}");
        let err = stderr(&o);
        assert!(err.contains(&url) && err.contains(expect), "{path}: {err}");
        assert!(err.contains("nothing was written"), "{path}: {err}");
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "previous contents");
    }
    let url = server.url("/a.html");
    let o = folio(&["import", &url, "--max-size", "100"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--max-size BYTES raises it"),
        "{}",
        stderr(&o)
    );
}
