//! The event loop: the thin shell around the pure core.
//!
//! Threads feed one channel: one reads terminal events, one waits for
//! SIGTERM/SIGHUP/SIGINT, one watches the bundle file and reads it again when
//! it changes. The main thread blocks on the channel, so an idle folio writes
//! nothing. Each input goes through the keymap to an [`Action`],
//! [`App::update`] applies it, and a frame is drawn only when the update says
//! something visible changed (once for a burst of queued inputs).
//!
//! The input thread polls (a few times a second, writing nothing) rather than
//! blocking for good, so that it can be parked while an editor has the
//! terminal: otherwise it would steal the editor's keys.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, Condvar, Mutex, mpsc};
use std::thread;
use std::time::Duration;

use anyhow::Context as _;
use crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::Rect;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

use crate::app::{Action, App, Effect, Settings};
use crate::bookmarks::Store;
use crate::bookmarks::store::Loaded;
use crate::bundle::Bundle;
use crate::terminal::{RenderMode, TerminalSession};

enum Input {
    Event(Event),
    Signal(i32),
    Failed(std::io::Error),
    /// The bundle file changed and was read again.
    Reloaded(Result<Box<Bundle>, String>),
}

/// Parks the input thread while an editor owns the terminal.
#[derive(Default)]
struct InputGate {
    /// (the main thread wants it parked, it is parked)
    state: Mutex<(bool, bool)>,
    changed: Condvar,
}

impl InputGate {
    /// Parks the input thread; returns once it is (or after a second, if it
    /// has stopped).
    fn pause(&self) {
        let Ok(mut s) = self.state.lock() else { return };
        s.0 = true;
        let deadline = std::time::Instant::now() + Duration::from_secs(1);
        while !s.1 && std::time::Instant::now() < deadline {
            match self.changed.wait_timeout(s, Duration::from_millis(50)) {
                Ok((next, _)) => s = next,
                Err(_) => return,
            }
        }
    }

    fn resume(&self) {
        if let Ok(mut s) = self.state.lock() {
            s.0 = false;
            self.changed.notify_all();
        }
    }

    /// Called by the input thread between reads: waits while it is paused.
    fn checkpoint(&self) {
        let Ok(mut s) = self.state.lock() else { return };
        if !s.0 {
            return;
        }
        s.1 = true;
        self.changed.notify_all();
        while s.0 {
            match self.changed.wait(s) {
                Ok(next) => s = next,
                Err(_) => return,
            }
        }
        s.1 = false;
    }
}

/// How often the input thread looks up from waiting, and the watcher at the file.
const INPUT_POLL: Duration = Duration::from_millis(250);
const WATCH_POLL: Duration = Duration::from_millis(500);

/// Watches `path` (size, time, inode: an editor's save by rename counts) and
/// sends the bundle read again after each change that has settled.
fn watch(path: PathBuf, max_size: u64, tx: mpsc::Sender<Input>) {
    use std::os::unix::fs::MetadataExt;
    let stamp = |p: &Path| {
        std::fs::metadata(p)
            .ok()
            .map(|m| (m.modified().ok(), m.len(), m.ino()))
    };
    let mut last = stamp(&path);
    loop {
        thread::sleep(WATCH_POLL);
        let now = stamp(&path);
        if now == last {
            continue;
        }
        // A save in progress: wait until the file stops changing.
        thread::sleep(Duration::from_millis(100));
        if stamp(&path) != now {
            continue;
        }
        last = now;
        if now.is_none() {
            // Gone for now (a save by delete and create): wait for it.
            continue;
        }
        let read = crate::bundle::load_file(&path, max_size)
            .map(Box::new)
            .map_err(|e| reload_error(&e.to_string()));
        if tx.send(Input::Reloaded(read)).is_err() {
            break;
        }
    }
}

/// The first problem of a failed load, and how many more.
fn reload_error(message: &str) -> String {
    let mut lines = message.lines();
    let first = lines.next().unwrap_or_default().to_string();
    match lines.count() {
        0 => first,
        n => format!("{first} (and {n} more)"),
    }
}

/// Runs `$VISUAL` (or `$EDITOR`, or `vi`) on `file` at `line`, the shell's
/// way, so `EDITOR="code -w"` works.
fn run_editor(file: &Path, line: usize) -> Result<(), String> {
    let editor = ["VISUAL", "EDITOR"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_else(|| "vi".into());
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$@\""))
        .arg("sh")
        .arg(format!("+{line}"))
        .arg(file)
        .status()
        .map_err(|e| format!("cannot run {editor}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{editor} exited with {status}"))
    }
}

/// The line of `path` (a JSON path) in the bundle file.
fn line_in_file(file: &Path, path: &[crate::bundle::load::PathSeg], max_size: u64) -> usize {
    crate::input::read_text_file(file, max_size)
        .map(|text| crate::bundle::load::Locator::new(&text).locate(path).0)
        .unwrap_or(1)
}

fn action(app: &App, input: Input) -> anyhow::Result<Result<Option<Action>, ExitCode>> {
    Ok(Ok(match input {
        Input::Event(Event::Key(k)) if k.kind != KeyEventKind::Release => {
            app.keymap.action_for(app.contexts(), &k)
        }
        Input::Event(Event::Resize(w, h)) => Some(Action::Resize(w, h)),
        Input::Event(Event::Mouse(m)) => {
            use crossterm::event::{MouseButton, MouseEventKind};
            let (column, row) = (m.column, m.row);
            match m.kind {
                MouseEventKind::ScrollDown => Some(Action::Wheel {
                    column,
                    row,
                    down: true,
                }),
                MouseEventKind::ScrollUp => Some(Action::Wheel {
                    column,
                    row,
                    down: false,
                }),
                MouseEventKind::Down(MouseButton::Left) => Some(Action::Click { column, row }),
                _ => None,
            }
        }
        Input::Event(_) => None,
        // The conventional status of a process ended by a signal.
        Input::Signal(s) => return Ok(Err(ExitCode::from(128 + s as u8))),
        Input::Failed(e) => return Err(e).context("reading from the terminal"),
        Input::Reloaded(r) => Some(Action::Reloaded(r)),
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

/// Where the bundle came from: its file, watched and editable, or none (the
/// built-in sample).
pub struct Source {
    pub file: Option<PathBuf>,
    pub max_size: u64,
    /// The keys in effect.
    pub keymap: crate::keymap::Keymap,
    /// Said in the status bar at start (problems in config.toml).
    pub notice: Option<String>,
    /// Where to start: (article, paragraph).
    pub start: Option<(usize, usize)>,
    /// Report the mouse (wheel, clicks).
    pub mouse: bool,
    /// Ask the terminal at start whether it has left/right margins.
    pub ask_terminal: bool,
}

/// Runs the reader on `bundle` until the user quits or a signal arrives.
/// Bookmarks live in `store` (none: they are kept for the session only).
pub fn run(
    bundle: Bundle,
    settings: Settings,
    store: Option<Store>,
    render: RenderMode,
    source: Source,
) -> anyhow::Result<ExitCode> {
    let loaded = match &store {
        Some(store) => store.load(now()),
        None => Loaded {
            read_only: Some(
                if settings.demo {
                    "demo mode: bookmarks last for this session"
                } else {
                    NO_CONFIG_DIR
                }
                .to_string(),
            ),
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

    if let Some(file) = &source.file {
        let (file, tx) = (file.clone(), tx.clone());
        thread::spawn(move || watch(file, source.max_size, tx));
    }
    let gate = Arc::new(InputGate::default());
    let mut session = TerminalSession::enter(render).context("setting up the terminal")?;
    if source.mouse {
        crate::terminal::enable_mouse().context("turning the mouse on")?;
    }
    let size = session.size().context("reading the terminal size")?;
    let mut app = App::new(bundle, settings, Rect::new(0, 0, size.width, size.height));
    app.now = now();
    app.source = source.file.as_ref().map(|f| f.display().to_string());
    app.keymap = source.keymap.clone();
    if let Some(file) = &source.file {
        let words = file.with_file_name(crate::check::HOUSE_WORDS);
        app.house_words = crate::input::read_text_file(&words, source.max_size).unwrap_or_default();
    }
    app.update(Action::StoreLoaded(loaded));
    if app.message.is_none() {
        app.message = source.notice.clone();
    }
    if let Some((article, paragraph)) = source.start {
        app.update(Action::StartAt { article, paragraph });
    }
    if source.ask_terminal {
        session
            .ask()
            .context("asking the terminal what it can do")?;
    }
    session.draw(&app).context("drawing")?;
    // Inputs set aside while an editor ran (Ctrl-c there is the editor's),
    // and keys typed while the terminal answered.
    let mut backlog: VecDeque<Input> = session
        .read_answers()
        .context("reading the terminal's answers")?
        .into_iter()
        .flat_map(split_escape)
        .map(Input::Event)
        .collect();
    // A resize while folio listened came before crossterm watched for one.
    let now_size = session.size().context("reading the terminal size")?;
    if now_size != size {
        backlog.push_front(Input::Event(Event::Resize(now_size.width, now_size.height)));
    }
    let input_gate = gate.clone();
    thread::spawn(move || {
        loop {
            input_gate.checkpoint();
            let inputs = match event::poll(INPUT_POLL) {
                Ok(false) => continue,
                Ok(true) => match event::read() {
                    Ok(e) => split_escape(e).into_iter().map(Input::Event).collect(),
                    Err(e) => vec![Input::Failed(e)],
                },
                Err(e) => vec![Input::Failed(e)],
            };
            let failed = inputs.iter().any(|i| matches!(i, Input::Failed(_)));
            if inputs.into_iter().any(|i| tx.send(i).is_err()) || failed {
                break;
            }
        }
    });

    // Test builds only: a way for the end-to-end tests to check that a panic
    // gives the terminal back.
    #[cfg(debug_assertions)]
    if std::env::var_os("FOLIO_TEST_PANIC").is_some() {
        panic!("panic forced by FOLIO_TEST_PANIC");
    }

    let code = 'outer: loop {
        let first = match backlog.pop_front() {
            Some(input) => input,
            None => match rx.recv() {
                Ok(input) => input,
                Err(_) => break ExitCode::SUCCESS,
            },
        };
        let mut redraw = false;
        let mut repaint = false;
        let mut suspend = false;
        let mut edit = false;
        let mut next = Some(first);
        while let Some(input) = next {
            app.now = now();
            // A demo shows the keys pressed.
            if let Input::Event(Event::Key(k)) = &input
                && app.settings.demo
                && k.kind != KeyEventKind::Release
            {
                let key = crate::keymap::Key::Code(k.code, k.modifiers);
                let label = crate::keymap::key_label(&key);
                redraw |= app.update(Action::Pressed(label)) != Effect::None;
            }
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
                    Effect::Edit => edit = true,
                    Effect::Quit => {
                        flush_outbox(&mut app, store.as_ref());
                        break 'outer ExitCode::SUCCESS;
                    }
                },
                Ok(None) => {}
            }
            redraw |= flush_outbox(&mut app, store.as_ref());
            next = backlog.pop_front().or_else(|| rx.try_recv().ok());
        }
        if let (true, Some(file), Some(path)) = (edit, &source.file, app.edit.take()) {
            let line = line_in_file(file, &path, source.max_size);
            gate.pause();
            session
                .suspend()
                .context("handing the terminal to the editor")?;
            let result = run_editor(file, line);
            session.resume().context("taking the terminal back")?;
            gate.resume();
            backlog.extend(
                rx.try_iter()
                    .filter(|i| !matches!(i, Input::Signal(s) if *s == SIGINT)),
            );
            let size = session.size().context("reading the terminal size")?;
            app.update(Action::Resize(size.width, size.height));
            app.update(Action::Edited(result));
            repaint = true;
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
