//! The event loop: the thin shell around the pure core.
//!
//! Two threads feed one channel: one blocks reading terminal events, one waits
//! for SIGTERM/SIGHUP/SIGINT. The main thread blocks on the channel, so an idle
//! folio wakes for nothing and writes nothing. Each input goes through the
//! keymap to an [`Action`], [`App::update`] applies it, and a frame is drawn
//! only when the update says something visible changed (once for a burst of
//! queued inputs).

use std::process::ExitCode;
use std::sync::mpsc;
use std::thread;

use anyhow::Context as _;
use crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::Rect;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

use crate::app::{Action, App, Effect, Settings};
use crate::bookmarks::Store;
use crate::bookmarks::store::Loaded;
use crate::bundle::Bundle;
use crate::keymap::action_for;
use crate::terminal::{RenderMode, TerminalSession};

enum Input {
    Event(Event),
    Signal(i32),
    Failed(std::io::Error),
}

fn action(app: &App, input: Input) -> anyhow::Result<Result<Option<Action>, ExitCode>> {
    Ok(Ok(match input {
        Input::Event(Event::Key(k)) if k.kind != KeyEventKind::Release => {
            action_for(app.contexts(), &k)
        }
        Input::Event(Event::Resize(w, h)) => Some(Action::Resize(w, h)),
        Input::Event(_) => None,
        // The conventional status of a process ended by a signal.
        Input::Signal(s) => return Ok(Err(ExitCode::from(128 + s as u8))),
        Input::Failed(e) => return Err(e).context("reading from the terminal"),
    }))
}

/// Esc typed quickly before a key reaches folio as Alt+key, in one read.
/// folio binds nothing to Alt, so it is taken for what the reader typed: Esc,
/// then the key (Esc then q closes the help, then quits).
fn split_escape(event: Event) -> Vec<Event> {
    match event {
        Event::Key(k)
            if k.modifiers.contains(KeyModifiers::ALT) && matches!(k.code, KeyCode::Char(_)) =>
        {
            let esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
            let key = KeyEvent::new(k.code, k.modifiers - KeyModifiers::ALT);
            vec![Event::Key(esc), Event::Key(key)]
        }
        other => vec![other],
    }
}

fn now() -> chrono::DateTime<chrono::FixedOffset> {
    chrono::Local::now().fixed_offset()
}

/// Carries out the store changes `update` asked for, and tells it how they went.
fn flush_outbox(app: &mut App, store: Option<&Store>) -> bool {
    let mut changed = false;
    while !app.outbox.is_empty() {
        let ops: Vec<_> = app.outbox.drain(..).collect();
        for op in ops {
            let result = match store {
                Some(store) => store.apply(&op, now()),
                None => Err(NO_CONFIG_DIR.to_string()),
            };
            app.now = now();
            changed |= app.update(Action::Stored(result)) != Effect::None;
        }
    }
    changed
}

const NO_CONFIG_DIR: &str = "no config directory (set FOLIO_CONFIG_DIR or use --config-dir)";

/// Runs the reader on `bundle` until the user quits or a signal arrives.
/// Bookmarks live in `store` (none: they are kept for the session only).
pub fn run(
    bundle: Bundle,
    settings: Settings,
    store: Option<Store>,
    render: RenderMode,
) -> anyhow::Result<ExitCode> {
    let loaded = match &store {
        Some(store) => store.load(now()),
        None => Loaded {
            read_only: Some(NO_CONFIG_DIR.to_string()),
            ..Loaded::default()
        },
    };
    let (tx, rx) = mpsc::channel();
    let mut signals =
        Signals::new([SIGTERM, SIGHUP, SIGINT]).context("installing signal handlers")?;
    let signal_handle = signals.handle();
    let signal_tx = tx.clone();
    thread::spawn(move || {
        for s in signals.forever() {
            if signal_tx.send(Input::Signal(s)).is_err() {
                break;
            }
        }
    });

    let mut session = TerminalSession::enter(render).context("setting up the terminal")?;
    thread::spawn(move || {
        loop {
            let inputs = match event::read() {
                Ok(e) => split_escape(e).into_iter().map(Input::Event).collect(),
                Err(e) => vec![Input::Failed(e)],
            };
            let failed = inputs.iter().any(|i| matches!(i, Input::Failed(_)));
            if inputs.into_iter().any(|i| tx.send(i).is_err()) || failed {
                break;
            }
        }
    });

    let size = session.size().context("reading the terminal size")?;
    let mut app = App::new(bundle, settings, Rect::new(0, 0, size.width, size.height));
    app.now = now();
    app.update(Action::StoreLoaded(loaded));
    session.draw(&app).context("drawing")?;
    // Test builds only: a way for the end-to-end tests to check that a panic
    // gives the terminal back.
    #[cfg(debug_assertions)]
    if std::env::var_os("FOLIO_TEST_PANIC").is_some() {
        panic!("panic forced by FOLIO_TEST_PANIC");
    }

    let code = 'outer: loop {
        let Ok(first) = rx.recv() else {
            break ExitCode::SUCCESS;
        };
        let mut redraw = false;
        let mut repaint = false;
        let mut suspend = false;
        let mut next = Some(first);
        while let Some(input) = next {
            app.now = now();
            match action(&app, input)? {
                Err(code) => {
                    // Remember the reading position even when killed.
                    app.update(Action::Quit);
                    flush_outbox(&mut app, store.as_ref());
                    break 'outer code;
                }
                Ok(Some(a)) => match app.update(a) {
                    Effect::None => {}
                    Effect::Redraw => redraw = true,
                    Effect::Repaint => repaint = true,
                    Effect::Suspend => suspend = true,
                    Effect::Quit => {
                        flush_outbox(&mut app, store.as_ref());
                        break 'outer ExitCode::SUCCESS;
                    }
                },
                Ok(None) => {}
            }
            redraw |= flush_outbox(&mut app, store.as_ref());
            next = rx.try_recv().ok();
        }
        if suspend {
            session.suspend().context("suspending")?;
            // Stops here until the shell's `fg` continues the process.
            signal_hook::low_level::raise(signal_hook::consts::SIGTSTP).context("suspending")?;
            session.resume().context("resuming")?;
            let size = session.size().context("reading the terminal size")?;
            app.update(Action::Resize(size.width, size.height));
            repaint = true;
        }
        if repaint {
            session.invalidate().context("repainting")?;
        }
        if redraw || repaint {
            session.draw(&app).context("drawing")?;
        }
    };
    signal_handle.close();
    drop(session);
    Ok(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alt_key_is_escape_then_the_key() {
        let alt_q = Event::Key(KeyEvent::new(KeyCode::Char('q'), KeyModifiers::ALT));
        assert_eq!(
            split_escape(alt_q),
            [
                Event::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)),
                Event::Key(KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE)),
            ]
        );
        let j = Event::Key(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE));
        assert_eq!(split_escape(j.clone()), [j]);
    }
}
