//! What goes into [`App::update`](super::App::update) and what comes out.
//!
//! A [`Msg`] is anything that happens to a reader session: a key's
//! [`Action`], a resize, the mouse, the bundle read again, the store's answer,
//! the editor's return, the clock. A [`Command`] is what the session asks its
//! shell to do, since the app itself does no I/O: draw, write a bookmark, run
//! the editor, suspend, quit. The shell answers commands with messages.
//! [`Init`] is everything a session starts from, so the shell never needs to
//! set anything inside the app.

use std::time::Duration;

use chrono::{DateTime, FixedOffset};
use ratatui::layout::Rect;

use super::Settings;
use crate::action::Action;
use crate::bookmarks::store::Loaded;
use crate::bookmarks::{BookmarkFile, StoreOp};
use crate::bundle::Bundle;
use crate::bundle::load::PathSeg;
use crate::keymap::Keymap;

/// Something that happened, for the app to take in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Msg {
    /// A key asked for this.
    Action(Action),
    /// A key was pressed (its label), for the demo's key echo.
    Pressed(String),
    /// The screen is now this size.
    Resize(u16, u16),
    /// The mouse wheel turned over the screen at (column, row) (`--mouse`).
    Wheel { column: u16, row: u16, down: bool },
    /// A click at (column, row): a news-line entry, or a footnote marker.
    Click { column: u16, row: u16 },
    /// The bundle file changed and was read again (or could not be).
    Reloaded(Result<Box<Bundle>, String>),
    /// The bookmark store as read (at start-up).
    StoreLoaded(Loaded),
    /// The store as [`Command::ReadStore`] found it (another window may
    /// have changed it), or why it could not be read.
    StoreRead(Result<BookmarkFile, String>),
    /// The outcome of a [`Command::Store`].
    Stored(Result<(BookmarkFile, Option<String>), String>),
    /// The editor [`Command::Edit`] ran has exited (or could not start).
    Edited(Result<(), String>),
    /// The session is being ended from outside (a signal, a dropped
    /// connection): remember the place, then quit.
    Hangup,
    /// The time is now this (bookmark dates, ages).
    Clock(DateTime<FixedOffset>),
    /// The bundle's file is gone (deleted, or moved away): what is shown
    /// is the last version read.
    SourceGone,
    /// The time a [`Command::Wake`] asked for has passed with no other
    /// [`Command::Wake`] since (the demo's key echo fades).
    Wake,
    /// The speaker is here now (`folio serve`): a following viewer goes
    /// there, and so does a speaker joining a talk under way.
    Cue(super::Cue),
    /// This many viewers watch (`folio serve`).
    Audience(usize),
}

impl From<Action> for Msg {
    fn from(action: Action) -> Msg {
        Msg::Action(action)
    }
}

/// Something for the shell to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Draw the screen (the encoder sends only what changed).
    Redraw,
    /// Forget what the terminal shows and paint all of it.
    Repaint,
    /// Write this change to the bookmark store; answer with [`Msg::Stored`].
    Store(StoreOp),
    /// Read the bookmark store as it is now, since another window on the
    /// same config directory may have changed it; answer with
    /// [`Msg::StoreRead`]. Reading only: nothing is created or moved.
    ReadStore,
    /// Give the terminal to an editor on the bundle file at this JSON path;
    /// answer with [`Msg::Edited`] (and a [`Msg::Resize`]), then repaint.
    Edit(Vec<PathSeg<'static>>),
    /// Stop (job control); repaint all when continued.
    Suspend,
    /// End the session (after carrying out the commands before this one).
    Quit,
    /// Answer with [`Msg::Wake`] once this long has passed, unless another
    /// `Wake` comes first (it replaces this one). No periodic ticks.
    Wake(Duration),
}

/// Everything a session starts from.
#[derive(Debug, Clone)]
pub struct Init {
    /// Shared, so many sessions read one copy.
    pub bundle: std::sync::Arc<Bundle>,
    pub settings: Settings,
    /// The screen.
    pub area: Rect,
    pub now: DateTime<FixedOffset>,
    /// The bundle's file, when it has one (the built-in sample has not).
    pub source: Option<String>,
    /// The keys in effect (`config.toml` may change some).
    pub keymap: Keymap,
    /// The house word list for the spelling rule (`folio-words.txt` beside
    /// the bundle).
    pub house_words: String,
    /// The bookmark store as read.
    pub store: Option<Loaded>,
    /// Said in the status bar at start, when the store has nothing to say
    /// (problems in `config.toml`).
    pub notice: Option<String>,
    /// Where to start: (article, paragraph), from `--article`, `--at`.
    pub start: Option<(usize, usize)>,
    /// Speaker, viewer or neither (`folio serve`).
    pub role: super::Role,
}

impl Init {
    /// A session on `bundle` with nothing else said: default keys, no file,
    /// no store, the Unix epoch for a clock.
    pub fn new(bundle: impl Into<std::sync::Arc<Bundle>>, settings: Settings, area: Rect) -> Init {
        Init {
            bundle: bundle.into(),
            settings,
            area,
            now: DateTime::UNIX_EPOCH.fixed_offset(),
            source: None,
            keymap: Keymap::default(),
            house_words: String::new(),
            store: None,
            notice: None,
            start: None,
            role: super::Role::Reader,
        }
    }
}
