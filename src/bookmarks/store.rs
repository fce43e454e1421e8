//! The bookmark store on disk.
//!
//! Every change is one locked read-merge-write: take an advisory lock on
//! `bookmarks.json.lock`, read `bookmarks.json` as it is now, apply the one
//! change, write a temporary file in the same directory, fsync it, rename it
//! over the old one. Two folio processes therefore never lose each other's
//! changes, and a crash leaves the old file or the new one, whole.
//!
//! A file that cannot be parsed is moved aside to
//! `bookmarks.json.corrupt-<timestamp>` by the reader or a command that
//! writes, never overwritten; a command that only reads ([`Store::peek`])
//! leaves it, and the directory, as they are. A file of a newer format
//! version is left alone and nothing is written over it; fields this folio
//! does not know are read and written back as they were.

use std::fs::{self, File, OpenOptions};
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};

use super::model::{BOOKMARKS_V1, Bookmark, BookmarkFile, Position};

/// One change to the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreOp {
    /// Boxed: a bookmark is large, the other changes small.
    Add(Box<Bookmark>),
    Rename {
        id: String,
        label: Option<String>,
    },
    Delete {
        id: String,
    },
    SetPosition(Position),
}

impl StoreOp {
    /// Applies the change to `file`.
    pub fn apply(&self, file: &mut BookmarkFile) {
        match self {
            StoreOp::Add(b) => {
                if !file.bookmarks.iter().any(|x| x.id == b.id) {
                    file.bookmarks.push(Bookmark::clone(b));
                }
            }
            StoreOp::Rename { id, label } => {
                for b in file.bookmarks.iter_mut().filter(|b| &b.id == id) {
                    b.label.clone_from(label);
                }
            }
            StoreOp::Delete { id } => file.bookmarks.retain(|b| &b.id != id),
            StoreOp::SetPosition(p) => {
                file.positions
                    .retain(|x| !(x.bundle == p.bundle && x.article == p.article));
                file.positions.push(p.clone());
            }
        }
    }
}

/// What reading the store found.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Loaded {
    pub file: BookmarkFile,
    /// Something the user must be told (a corrupt file moved aside…).
    pub notice: Option<String>,
    /// Why changes cannot be saved, when they cannot.
    pub read_only: Option<String>,
}

pub struct Store {
    dir: PathBuf,
}

enum Read {
    Ok(BookmarkFile),
    /// Moved aside; the message says where.
    Corrupt(String),
    Newer(String),
}

impl Store {
    pub fn new(dir: impl Into<PathBuf>) -> Store {
        Store { dir: dir.into() }
    }

    pub fn path(&self) -> PathBuf {
        self.dir.join("bookmarks.json")
    }

    fn lock(&self) -> Result<File, String> {
        fs::create_dir_all(&self.dir).map_err(|e| {
            format!(
                "cannot make the config directory {}: {}",
                self.dir.display(),
                crate::input::io_reason(&e)
            )
        })?;
        let lock_path = self.dir.join("bookmarks.json.lock");
        let lock = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|e| format!("{}: {}", lock_path.display(), crate::input::io_reason(&e)))?;
        lock.lock()
            .map_err(|e| format!("{}: cannot lock: {e}", lock_path.display()))?;
        Ok(lock)
    }

    /// Reads the file (the caller holds the lock, or accepts a racy read).
    fn read(&self, now: DateTime<FixedOffset>, may_move: bool) -> Result<Read, String> {
        let path = self.path();
        let text = match fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Read::Ok(BookmarkFile::default()));
            }
            Err(e) => return Err(format!("{}: {e}", path.display())),
        };
        #[derive(serde::Deserialize)]
        struct Probe {
            format: Option<serde_json::Value>,
        }
        let probe = serde_json::from_slice::<Probe>(&text).ok();
        if let Some(Probe { format: Some(f) }) = &probe
            && f.as_str() != Some(BOOKMARKS_V1)
            && f.as_str()
                .is_some_and(|s| s.starts_with("folio-bookmarks/"))
        {
            return Ok(Read::Newer(format!(
                "{} is in format {f}, newer than this folio reads ({BOOKMARKS_V1}); it is left untouched and bookmarks are not saved",
                path.display()
            )));
        }
        match serde_json::from_slice::<BookmarkFile>(&text) {
            Ok(file) if file.format == BOOKMARKS_V1 => Ok(Read::Ok(file)),
            result => {
                let why = match result {
                    Err(e) => e.to_string(),
                    Ok(f) => format!("unknown format {:?}", f.format),
                };
                if !may_move {
                    return Ok(Read::Corrupt(format!(
                        "{} cannot be read ({why}); it is left as it is",
                        path.display()
                    )));
                }
                let aside = self.aside_path(now);
                fs::rename(&path, &aside).map_err(|e| {
                    format!(
                        "{} cannot be read ({why}) nor moved aside: {e}",
                        path.display()
                    )
                })?;
                Ok(Read::Corrupt(format!(
                    "{} could not be read ({why}); it was moved to {} and a new one started",
                    path.display(),
                    aside.display()
                )))
            }
        }
    }

    fn aside_path(&self, now: DateTime<FixedOffset>) -> PathBuf {
        let stamp = now.format("%Y%m%dT%H%M%S");
        let base = self.dir.join(format!("bookmarks.json.corrupt-{stamp}"));
        let mut candidate = base.clone();
        let mut n = 2;
        while candidate.exists() {
            candidate = PathBuf::from(format!("{}-{n}", base.display()));
            n += 1;
        }
        candidate
    }

    /// Reads the store for a command that only reads (`folio bookmarks
    /// list`): nothing is created, locked, moved or written. No file (or no
    /// directory) is no bookmarks; a file that cannot be read, or of a newer
    /// format, is an error that says so. Writes replace the file whole, by
    /// rename, so reading without the lock sees the old file or the new one.
    pub fn peek(&self, now: DateTime<FixedOffset>) -> Result<BookmarkFile, String> {
        match self.read(now, false)? {
            Read::Ok(file) => Ok(file),
            Read::Corrupt(m) | Read::Newer(m) => Err(m),
        }
    }

    /// Reads the store at start-up: what is there, whether it can be saved.
    pub fn load(&self, now: DateTime<FixedOffset>) -> Loaded {
        let lock = match self.lock() {
            Ok(lock) => lock,
            Err(why) => {
                // Not writable: read what is there without moving anything.
                return match self.read(now, false) {
                    Ok(Read::Ok(file)) => Loaded {
                        file,
                        notice: None,
                        read_only: Some(why),
                    },
                    Ok(Read::Corrupt(m) | Read::Newer(m)) => Loaded {
                        notice: Some(m),
                        read_only: Some(why),
                        ..Loaded::default()
                    },
                    // Unreadable for the same reason it is unwritable.
                    Err(_) => Loaded {
                        read_only: Some(why),
                        ..Loaded::default()
                    },
                };
            }
        };
        let loaded = match self.read(now, true) {
            Ok(Read::Ok(file)) => Loaded {
                file,
                ..Loaded::default()
            },
            Ok(Read::Corrupt(m)) => Loaded {
                notice: Some(m),
                ..Loaded::default()
            },
            Ok(Read::Newer(m)) => Loaded {
                notice: Some(m.clone()),
                read_only: Some(m),
                ..Loaded::default()
            },
            Err(m) => Loaded {
                notice: Some(m.clone()),
                read_only: Some(m),
                ..Loaded::default()
            },
        };
        drop(lock);
        loaded
    }

    /// Applies `op` to the file as it is on disk now, under the lock, and
    /// writes it back atomically. Returns the new contents, and a notice if
    /// the old file had to be moved aside.
    pub fn apply(
        &self,
        op: &StoreOp,
        now: DateTime<FixedOffset>,
    ) -> Result<(BookmarkFile, Option<String>), String> {
        let lock = self.lock()?;
        let (mut file, notice) = match self.read(now, true)? {
            Read::Ok(file) => (file, None),
            Read::Corrupt(m) => (BookmarkFile::default(), Some(m)),
            Read::Newer(m) => return Err(m),
        };
        op.apply(&mut file);
        self.write(&file)?;
        drop(lock);
        Ok((file, notice))
    }

    fn write(&self, file: &BookmarkFile) -> Result<(), String> {
        let mut json = serde_json::to_string_pretty(file).map_err(|e| e.to_string())?;
        json.push('\n');
        crate::output::write_atomically(&self.path(), json.as_bytes()).map_err(|e| e.to_string())
    }
}

/// The config directory: `--config-dir`, else `FOLIO_CONFIG_DIR`, else the
/// platform's (`$XDG_CONFIG_HOME/folio` or `~/.config/folio` on Linux).
pub fn config_dir(flag: Option<&Path>, env: Option<String>) -> Option<PathBuf> {
    if let Some(dir) = flag {
        return Some(dir.to_path_buf());
    }
    if let Some(dir) = env.filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "folio").map(|d| d.config_dir().to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bookmarks::Anchor;

    #[test]
    fn a_config_dir_that_is_a_file_is_said_in_words() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("folio");
        std::fs::write(&file, "").unwrap();
        let e = Store::new(&file).lock().unwrap_err();
        assert!(e.starts_with("cannot make the config directory "), "{e}");
        assert!(!e.contains("os error"), "{e}");
    }

    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-11-28T16:00:00+00:00").unwrap()
    }

    fn mark(id: &str) -> Bookmark {
        Bookmark {
            id: id.into(),
            bundle: "b".into(),
            article: Some("a".into()),
            anchor: Some(Anchor {
                paragraph: 1,
                offset: 2,
                snippet: "text".into(),
                extra: Default::default(),
            }),
            news: None,
            label: None,
            created: now(),
            extra: Default::default(),
        }
    }

    #[test]
    fn changes_are_written_and_merged() {
        let dir = tempfile::tempdir().unwrap();
        let one = Store::new(dir.path());
        let two = Store::new(dir.path());
        one.apply(&StoreOp::Add(Box::new(mark("1"))), now())
            .unwrap();
        // A second process with its own view adds another: both are kept.
        let (file, _) = two
            .apply(&StoreOp::Add(Box::new(mark("2"))), now())
            .unwrap();
        assert_eq!(file.bookmarks.len(), 2);
        one.apply(
            &StoreOp::Rename {
                id: "2".into(),
                label: Some("L".into()),
            },
            now(),
        )
        .unwrap();
        let (file, _) = two
            .apply(&StoreOp::Delete { id: "1".into() }, now())
            .unwrap();
        assert_eq!(file.bookmarks.len(), 1);
        assert_eq!(file.bookmarks[0].label.as_deref(), Some("L"));
        assert_eq!(one.load(now()).file, file);
        // Only the file and its lock: no temporary files left.
        let mut names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        assert_eq!(names, ["bookmarks.json", "bookmarks.json.lock"]);
    }

    #[test]
    fn a_corrupt_file_is_moved_aside_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("bookmarks.json"), "{ not json").unwrap();
        let store = Store::new(dir.path());
        let loaded = store.load(now());
        let notice = loaded.notice.unwrap();
        assert!(notice.contains("moved to"), "{notice}");
        let aside = dir.path().join("bookmarks.json.corrupt-20261128T160000");
        assert_eq!(fs::read_to_string(&aside).unwrap(), "{ not json");
        assert!(loaded.read_only.is_none());
        store
            .apply(&StoreOp::Add(Box::new(mark("1"))), now())
            .unwrap();
        // A second corrupt file the same second gets its own name.
        fs::write(dir.path().join("bookmarks.json"), "[]").unwrap();
        store.load(now());
        assert_eq!(
            fs::read_to_string(dir.path().join("bookmarks.json.corrupt-20261128T160000-2"))
                .unwrap(),
            "[]"
        );
    }

    #[test]
    fn a_newer_format_is_left_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let text = r#"{"format": "folio-bookmarks/2", "whatever": []}"#;
        fs::write(dir.path().join("bookmarks.json"), text).unwrap();
        let store = Store::new(dir.path());
        let loaded = store.load(now());
        assert!(
            loaded
                .read_only
                .unwrap()
                .contains("newer than this folio reads")
        );
        assert!(
            store
                .apply(&StoreOp::Add(Box::new(mark("1"))), now())
                .is_err()
        );
        assert_eq!(
            fs::read_to_string(dir.path().join("bookmarks.json")).unwrap(),
            text
        );
    }

    #[test]
    fn unknown_fields_are_kept_through_a_change() {
        let dir = tempfile::tempdir().unwrap();
        let text = r#"{"format": "folio-bookmarks/1", "sync": {"at": 1},
            "bookmarks": [{"id": "0", "bundle": "b", "news": {"time": "2025-07-05T22:10:00",
            "headline": "h", "seen": true}, "created": "2026-11-28T16:00:00Z", "colour": "red"}],
            "positions": [{"bundle": "b", "article": "a", "anchor": {"paragraph": 0, "offset": 0,
            "snippet": "s", "hash": 7}, "updated": "2026-11-28T16:00:00Z", "device": "phone"}]}"#;
        fs::write(dir.path().join("bookmarks.json"), text).unwrap();
        let store = Store::new(dir.path());
        assert_eq!(store.peek(now()).unwrap().bookmarks.len(), 1);
        let loaded = store.load(now());
        assert_eq!(loaded.notice, None);
        assert_eq!(loaded.file.bookmarks.len(), 1);
        store
            .apply(&StoreOp::Add(Box::new(mark("1"))), now())
            .unwrap();
        let v: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(dir.path().join("bookmarks.json")).unwrap())
                .unwrap();
        assert_eq!(v["sync"]["at"], 1);
        assert_eq!(v["bookmarks"][0]["colour"], "red");
        assert_eq!(v["bookmarks"][0]["news"]["seen"], true);
        assert_eq!(v["positions"][0]["device"], "phone");
        assert_eq!(v["positions"][0]["anchor"]["hash"], 7);
        assert_eq!(v["bookmarks"][1]["id"], "1");
        assert!(v["bookmarks"][1].get("extra").is_none());
    }

    #[test]
    fn peeking_creates_locks_and_moves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let new = Store::new(dir.path().join("new"));
        assert_eq!(new.peek(now()), Ok(BookmarkFile::default()));
        assert!(!dir.path().join("new").exists());
        fs::write(dir.path().join("bookmarks.json"), "{ not json").unwrap();
        let why = Store::new(dir.path()).peek(now()).unwrap_err();
        assert!(why.contains("left as it is"), "{why}");
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "the file only: no lock, nothing aside");
    }

    #[test]
    fn an_unusable_directory_is_read_only_with_a_reason() {
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("not-a-dir");
        fs::write(&blocker, "").unwrap();
        let store = Store::new(blocker.join("folio"));
        let loaded = store.load(now());
        assert!(loaded.read_only.unwrap().contains("not-a-dir/folio"));
        assert!(
            store
                .apply(&StoreOp::Add(Box::new(mark("1"))), now())
                .is_err()
        );
    }

    #[test]
    fn config_dir_precedence() {
        let flag = Path::new("/f");
        assert_eq!(
            config_dir(Some(flag), Some("/e".into())),
            Some(PathBuf::from("/f"))
        );
        assert_eq!(
            config_dir(None, Some("/e".into())),
            Some(PathBuf::from("/e"))
        );
        assert!(config_dir(None, None).is_some_and(|d| d.ends_with("folio")));
    }
}
