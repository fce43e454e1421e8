//! The integration tests, one binary: each file beside this one is a module
//! of it (`autotests = false` in Cargo.toml), so the crate is linked once, not
//! once per file. `tests/common` holds what they share: screens of the app,
//! the test terminal with left/right margins, the pseudo-terminal harness,
//! and folio run as a command to the end.

mod common;

mod behaviour;
mod bookmarks;
mod check;
mod cli_features;
mod config_cli;
mod docs;
mod dump;
mod e2e;
mod encoder;
mod fetch;
mod import;
mod import_citations;
mod import_cli;
mod import_corpus;
mod import_feeds;
mod import_forms;
mod import_html;
mod import_pages;
mod layouts;
mod long_articles;
mod proofing;
mod screens;
mod search;
mod serve;
mod sessions;
