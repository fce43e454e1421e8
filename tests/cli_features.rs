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
