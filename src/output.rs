//! Writing what the user keeps: a file replaced atomically, and stdout.
//!
//! One way to do each, for the importer and the bookmark store alike: a file
//! is written to a temporary file in the same directory, synced, renamed over
//! the old one and the directory synced, so a crash leaves the old file or the
//! new one, whole; stdout closed early (`folio … | head`) is a quiet success.

use std::fs::File;
use std::io::{self, Write};
use std::path::Path;

fn context(e: io::Error, what: String) -> io::Error {
    io::Error::new(e.kind(), format!("{what}: {e}"))
}

/// Replaces `path` with `contents`, atomically.
pub fn write_atomically(path: &Path, contents: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".folio-")
        .tempfile_in(dir)
        .map_err(|e| {
            context(
                e,
                format!("cannot create a temporary file in {}", dir.display()),
            )
        })?;
    tmp.write_all(contents)
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| {
            context(
                e,
                format!("cannot write a temporary file in {}", dir.display()),
            )
        })?;
    tmp.persist(path).map_err(|e| {
        context(
            e.error,
            format!("cannot rename the temporary file to {}", path.display()),
        )
    })?;
    // Make the rename itself durable.
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Writes `text` to stdout; a reader that went away is not an error.
pub fn write_stdout(text: &str) -> io::Result<()> {
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_whole_and_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.json");
        std::fs::write(&path, "old").unwrap();
        write_atomically(&path, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        let e = write_atomically(Path::new("/nonexistent/dir/f"), b"x").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("cannot create a temporary file in /nonexistent/dir"),
            "{e}"
        );
    }
}
