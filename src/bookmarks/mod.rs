//! Bookmarks and reading positions, kept in `bookmarks.json` in the config
//! directory (format in `docs/bookmarks-format.md`).
//!
//! `model` is the file format, `anchor` the pure part (where in an article a
//! bookmark points, and finding it again after the bundle was edited), `store`
//! the I/O: locked read-merge-write, atomic replacement, corrupt files moved
//! aside, never overwritten.

pub mod anchor;
pub mod model;
pub mod store;

pub use anchor::{Anchor, Resolved, anchor_at, resolve};
pub use model::{Bookmark, BookmarkFile, NewsRef, Position};
pub use store::{Store, StoreOp};
