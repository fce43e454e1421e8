//! Writing what the user keeps: a file replaced atomically, and stdout.
//!
//! One way to do each, for the importer and the bookmark store alike: a file
//! is written to a temporary file in the same directory, synced, renamed over
//! the old one and the directory synced, so a crash leaves the old file or the
//! new one, whole; stdout closed early (`folio … | head`) is a quiet success.
//! A file keeps its permissions (a new one gets the umask's, as any program's
//! would), and a symbolic link is written through, never replaced.

use std::fs::{File, Permissions};
use std::io::{self, Write};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

fn context(e: io::Error, what: String) -> io::Error {
    io::Error::new(e.kind(), format!("{what}: {e}"))
}

/// Where a write to `path` lands: the file a symbolic link points to (the
/// end of the chain, even one not there yet), else `path` itself.
fn through_links(path: &Path) -> io::Result<PathBuf> {
    let mut path = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&path) {
            Ok(m) if m.file_type().is_symlink() => {
                let target = std::fs::read_link(&path)?;
                path = match path.parent() {
                    Some(dir) if target.is_relative() => dir.join(target),
                    _ => target,
                };
            }
            _ => return Ok(path),
        }
    }
    Err(io::Error::other(format!(
        "{}: too many levels of symbolic links",
        path.display()
    )))
}

/// Replaces `path` with `contents`, atomically.
pub fn write_atomically(path: &Path, contents: &[u8]) -> io::Result<()> {
    let path = &through_links(path)?;
    // A device or a FIFO (`-o /dev/null`, `-o /dev/stdout`) is written to,
    // never replaced: renaming over it would take it away from everyone.
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => {
            return Err(io::Error::other(format!(
                "{} is a directory",
                path.display()
            )));
        }
        Ok(m) if !m.is_file() => {
            let mut f = std::fs::OpenOptions::new().write(true).open(path)?;
            return f.write_all(contents).and_then(|()| f.flush());
        }
        _ => {}
    }
    // An existing file keeps its mode; a new one is created as open(2)
    // would create it, 0666 less the umask.
    let mode = std::fs::metadata(path).ok().map(|m| m.permissions());
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .permissions(
            mode.clone()
                .unwrap_or_else(|| Permissions::from_mode(0o666)),
        )
        .prefix(".folio-")
        .tempfile_in(dir)
        .map_err(|e| {
            context(
                e,
                format!("cannot create a temporary file in {}", dir.display()),
            )
        })?;
    // The umask applies at creation; an existing file's mode is set whole.
    let keep = |f: &File| mode.clone().map_or(Ok(()), |m| f.set_permissions(m));
    tmp.write_all(contents)
        .and_then(|()| keep(tmp.as_file()))
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

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn new_files_get_the_umask_and_old_ones_keep_their_mode() {
        let dir = tempfile::tempdir().unwrap();
        let new = dir.path().join("new.json");
        write_atomically(&new, b"x").unwrap();
        // The umask of the test process, read without changing it.
        let probe = dir.path().join("probe");
        File::create(&probe).unwrap();
        assert_eq!(mode(&new), mode(&probe));
        // Under a umask of 077 the two agree anyway; under any other, the
        // temporary file's private 0600 would differ from the probe's.
        if mode(&probe) != 0o600 {
            assert_ne!(mode(&new), 0o600, "not tempfile's private mode");
        }
        let old = dir.path().join("old.json");
        std::fs::write(&old, "old").unwrap();
        std::fs::set_permissions(&old, Permissions::from_mode(0o640)).unwrap();
        write_atomically(&old, b"new").unwrap();
        assert_eq!(mode(&old), 0o640);
    }

    #[test]
    fn a_device_is_written_to_not_replaced() {
        write_atomically(Path::new("/dev/null"), b"gone").unwrap();
        let m = std::fs::metadata("/dev/null").unwrap();
        assert!(!m.is_file(), "/dev/null was replaced by a file");
        let dir = tempfile::tempdir().unwrap();
        let e = write_atomically(dir.path(), b"x").unwrap_err();
        assert!(e.to_string().ends_with("is a directory"), "{e}");
    }

    #[test]
    fn a_symbolic_link_is_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("sub");
        std::fs::create_dir(&sub).unwrap();
        let target = sub.join("real.json");
        std::fs::write(&target, "old").unwrap();
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink("sub/real.json", &link).unwrap();
        write_atomically(&link, b"new").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
        // A link to a file not there yet creates it.
        let dangling = dir.path().join("later.json");
        std::os::unix::fs::symlink("sub/later-real.json", &dangling).unwrap();
        write_atomically(&dangling, b"made").unwrap();
        assert_eq!(
            std::fs::read_to_string(sub.join("later-real.json")).unwrap(),
            "made"
        );
        // A loop is an error, not a hang.
        let a = dir.path().join("a");
        std::os::unix::fs::symlink("b", &a).unwrap();
        std::os::unix::fs::symlink("a", dir.path().join("b")).unwrap();
        assert!(write_atomically(&a, b"x").is_err());
    }
}
