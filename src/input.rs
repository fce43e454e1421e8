//! Reading files from the user: bundles and pages.
//!
//! Whatever the path names, folio answers with text or a clear error, and
//! never hangs or exhausts memory: directories, FIFOs and devices are refused
//! (a FIFO with no writer would block forever, `/dev/zero` never ends), files
//! over a size limit are refused before being read, and bytes that are not
//! UTF-8 or contain NUL are reported with their offset.

use std::fs::File;
use std::io::Read;
use std::path::Path;

/// The default limit on a file's size: 512 MiB (`--max-size` raises it).
pub const DEFAULT_MAX_SIZE: u64 = 512 * 1024 * 1024;

/// What went wrong in words, without the OS's error number (`not a
/// directory`, not `Not a directory (os error 20)`).
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "no such file or directory".into(),
        K::PermissionDenied => "permission denied".into(),
        K::AlreadyExists => "a file of that name is in the way".into(),
        K::NotADirectory => "a part of the path is a file, not a directory".into(),
        K::IsADirectory => "is a directory".into(),
        K::ReadOnlyFilesystem => "the file system is read-only".into(),
        K::StorageFull => "the disk is full".into(),
        _ => {
            let text = e.to_string();
            match text.find(" (os error") {
                Some(at) => text[..at].to_string(),
                None => text,
            }
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("cannot read: {}", io_reason(.0))]
    Io(#[from] std::io::Error),
    #[error("is a directory, not a file")]
    Directory,
    #[error("is not a regular file (a FIFO, socket or device); save it to a file first")]
    NotAFile,
    #[error("is {size} bytes, over the limit of {limit} bytes; --max-size BYTES raises it")]
    TooLarge { size: u64, limit: u64 },
    #[error("is not UTF-8 text: invalid byte at offset {0}")]
    NotUtf8(usize),
    #[error("is not text: NUL byte at offset {0}")]
    Nul(usize),
}

/// Checks that `bytes` are text: UTF-8 without NUL.
pub fn text_from_bytes(bytes: Vec<u8>) -> Result<String, InputError> {
    if let Some(at) = memchr::memchr(0, &bytes) {
        return Err(InputError::Nul(at));
    }
    String::from_utf8(bytes).map_err(|e| InputError::NotUtf8(e.utf8_error().valid_up_to()))
}

/// Opens the regular file at `path` for reading at most `limit` bytes (one
/// more, to tell that it is over), refusing what is not a regular file.
pub fn open_file(path: &Path, limit: u64) -> Result<std::io::Take<File>, InputError> {
    let meta = std::fs::metadata(path)?;
    if meta.is_dir() {
        return Err(InputError::Directory);
    }
    if !meta.is_file() {
        return Err(InputError::NotAFile);
    }
    if meta.len() > limit {
        return Err(InputError::TooLarge {
            size: meta.len(),
            limit,
        });
    }
    Ok(File::open(path)?.take(limit.saturating_add(1)))
}

/// Reads the regular file at `path` as text, refusing anything over `limit` bytes.
pub fn read_text_file(path: &Path, limit: u64) -> Result<String, InputError> {
    text_from_bytes(read_file(path, limit)?)
}

/// Reads the regular file at `path`, refusing anything over `limit` bytes.
pub fn read_file(path: &Path, limit: u64) -> Result<Vec<u8>, InputError> {
    let mut file = open_file(path, limit)?;
    let expected = file.get_ref().metadata().map_or(0, |m| m.len());
    let mut bytes = Vec::with_capacity(usize::try_from(expected).unwrap_or(0));
    // The file may grow while it is read: never read past the limit.
    file.read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(InputError::TooLarge {
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_not_a_text_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            read_text_file(dir.path(), 100),
            Err(InputError::Directory)
        ));
        assert!(matches!(
            read_text_file(Path::new("/dev/zero"), 100),
            Err(InputError::NotAFile)
        ));
        assert!(matches!(
            read_text_file(Path::new("/nonexistent/x"), 100),
            Err(InputError::Io(_))
        ));
        let big = dir.path().join("big");
        std::fs::write(&big, "x".repeat(101)).unwrap();
        let e = read_text_file(&big, 100).unwrap_err();
        assert_eq!(
            e.to_string(),
            "is 101 bytes, over the limit of 100 bytes; --max-size BYTES raises it"
        );
        let latin1 = dir.path().join("l1");
        std::fs::write(&latin1, b"caf\xe9").unwrap();
        assert_eq!(
            read_text_file(&latin1, 100).unwrap_err().to_string(),
            "is not UTF-8 text: invalid byte at offset 3"
        );
        let nul = dir.path().join("nul");
        std::fs::write(&nul, b"ab\0").unwrap();
        assert!(matches!(read_text_file(&nul, 100), Err(InputError::Nul(2))));
        let ok = dir.path().join("ok");
        std::fs::write(&ok, "text").unwrap();
        assert_eq!(read_text_file(&ok, 100).unwrap(), "text");
    }

    #[test]
    fn a_fifo_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            assert!(matches!(
                read_text_file(&fifo, 100),
                Err(InputError::NotAFile)
            ));
        }
    }
}
