//! folio: a terminal reader for news-article bundles.
//!
//! Data flows one way: terminal event → [`keymap`] → [`action::Action`] →
//! [`app::App::update`] (the only place state changes) → [`app::Command`]s
//! for the shell and a pure draw ([`ui::draw`]). A [`session::Session`] is one
//! reader (an app, its encoder, its output); [`terminal`] owns the process's
//! terminal, the shell runs the loop. File I/O lives in [`bundle::load`];
//! everything in between is a pure function over data, tested without a
//! terminal.

pub mod action;
pub mod app;
pub mod bookmarks;
pub mod bundle;
pub mod check;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod dump;
pub mod fetch;
pub mod footnotes;
pub mod glyphs;
pub mod import;
pub mod input;
pub mod keymap;
pub mod layout;
pub mod links;
pub mod output;
pub mod probe;
pub mod render;
pub(crate) mod sanitize;
pub mod search;
pub mod serve;
pub mod session;
pub(crate) mod shell;
pub mod terminal;
pub mod theme;
pub mod ui;
