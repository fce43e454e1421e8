//! The event loop: the thin shell around the pure core.
//!
//! Threads feed one channel: one reads terminal events, one waits for
//! SIGTERM/SIGHUP/SIGINT, one watches the bundle file and reads it again when
//! it changes. The main thread blocks on the channel, so an idle folio writes
//! nothing. Each input goes to the reader's [`Session`] (the keymap makes an
//! action of a key, the app takes it in), the commands that come back are
//! carried out here (the bookmark store, the editor, job control), and a frame
//! is drawn only when one asked for it (once for a burst of queued inputs).
//!
//! The input thread polls (a few times a second, writing nothing) rather than
//! blocking for good, so that it can be parked while an editor has the
//! terminal: otherwise it would steal the editor's keys.

use std::collections::VecDeque;
use std::io::BufWriter;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, Condvar, Mutex, mpsc};
use std::thread;
use std::time::Duration;

use anyhow::Context as _;
use crossterm::event::{self, Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

use crate::app::{Command, Init, Msg, Settings};
use crate::bookmarks::Store;
use crate::bookmarks::store::Loaded;
use crate::bundle::Bundle;
use crate::session::{RenderMode, Session};
use crate::terminal::TerminalSession;

enum Input {
    Event(Event),
    Signal(i32),
    Failed(std::io::Error),
    /// The bundle file changed and was read again.
    Reloaded(Result<Box<Bundle>, String>),
    /// The bundle file is gone.
    Gone,
    /// The time a [`Command::Wake`] asked for has come.
    Wake,
    /// This many watch the session (`folio serve`).
    Audience(usize),
}

/// Where a speaker's session says where it is, for those who follow it
/// (`folio serve`), and hears how many do.
pub trait Podium {
    fn publish(&self, cue: crate::app::Cue);
    /// Calls `tell` with the audience's size now and at each change, from
    /// another thread, until it returns false.
    fn on_audience(&self, tell: Box<dyn Fn(usize) -> bool + Send>);
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
            // Gone (deleted, or a save by delete and create): said, and
            // read again when it is back.
            if tx.send(Input::Gone).is_err() {
                break;
            }
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

/// Esc typed quickly before a key reaches folio as Alt+key, in one read
/// (`Esc q` as Alt-q, `Esc Tab` as Alt-Tab, `Esc Enter` as Alt-Enter).
/// folio binds nothing to Alt, so it is taken for what the reader typed: Esc,
/// then the key (Esc then q closes the help, then quits).
fn split_escape(event: Event) -> Vec<Event> {
    match event {
        Event::Key(k) if k.modifiers.contains(KeyModifiers::ALT) => {
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
    /// Others follow this session (`folio serve` run in a terminal).
    pub podium: Option<Box<dyn Podium>>,
}

/// Runs the reader on `bundle` until the user quits or a signal arrives.
/// Bookmarks live in `store` (none: they are kept for the session only).
pub fn run(
    bundle: impl Into<Arc<Bundle>>,
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
    let mut terminal = TerminalSession::enter().context("setting up the terminal")?;
    if source.mouse {
        crate::terminal::enable_mouse().context("turning the mouse on")?;
    }
    let size = terminal.size().context("reading the terminal size")?;
    let house_words = match &source.file {
        Some(file) => {
            let words = file.with_file_name(crate::check::HOUSE_WORDS);
            crate::input::read_text_file(&words, source.max_size).unwrap_or_default()
        }
        None => String::new(),
    };
    let init = Init {
        now: now(),
        source: source.file.as_ref().map(|f| f.display().to_string()),
        keymap: source.keymap,
        house_words,
        store: Some(loaded),
        notice: source.notice,
        start: source.start,
        role: if source.podium.is_some() {
            crate::app::Role::Speaker
        } else {
            crate::app::Role::Reader
        },
        ..Init::new(bundle, settings, Rect::new(0, 0, size.width, size.height))
    };
    let out = BufWriter::with_capacity(1 << 20, std::io::stdout());
    let mut session = Session::new(init, out, render).context("setting up the screen")?;
    if source.ask_terminal
        && let Some(questions) = terminal.questions(render)
    {
        session
            .write_raw(questions.as_bytes())
            .context("asking the terminal what it can do")?;
    }
    session.draw().context("drawing")?;
    // Inputs set aside while an editor ran (Ctrl-c there is the editor's),
    // and keys typed while the terminal answered.
    let (margins, typed) = terminal.read_answers();
    session.set_margins(margins);
    let mut backlog: VecDeque<Input> = typed
        .into_iter()
        .flat_map(split_escape)
        .map(Input::Event)
        .collect();
    // A resize while folio listened came before crossterm watched for one.
    let now_size = terminal.size().context("reading the terminal size")?;
    if now_size != size {
        backlog.push_front(Input::Event(Event::Resize(now_size.width, now_size.height)));
    }
    if let Some(podium) = &source.podium {
        podium.publish(session.app().cue());
        let tx = tx.clone();
        podium.on_audience(Box::new(move |n| tx.send(Input::Audience(n)).is_ok()));
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

    // The exit status: a signal's, once one came.
    let mut ending = ExitCode::SUCCESS;
    // When to answer a Command::Wake.
    let mut wake: Option<std::time::Instant> = None;
    'outer: loop {
        let first = match backlog.pop_front() {
            Some(input) => input,
            // Blocks until an input comes, or the time a Wake asked for:
            // nothing is drawn while nothing happens.
            None => match wake {
                Some(at) => {
                    let left = at.saturating_duration_since(std::time::Instant::now());
                    match rx.recv_timeout(left) {
                        Ok(input) => input,
                        Err(mpsc::RecvTimeoutError::Timeout) => {
                            wake = None;
                            Input::Wake
                        }
                        Err(mpsc::RecvTimeoutError::Disconnected) => break,
                    }
                }
                None => match rx.recv() {
                    Ok(input) => input,
                    Err(_) => break,
                },
            },
        };
        let mut redraw = false;
        let mut repaint = false;
        let mut suspend = false;
        let mut edit = None;
        let mut next = Some(first);
        while let Some(input) = next {
            session.update(Msg::Clock(now()));
            let mut commands: VecDeque<Command> = match input {
                Input::Event(e) => session.event(&e).into(),
                // The conventional status of a process ended by a signal;
                // the place is remembered all the same.
                Input::Signal(s) => {
                    ending = ExitCode::from(128 + s as u8);
                    session.update(Msg::Hangup).into()
                }
                Input::Failed(e) => return Err(e).context("reading from the terminal"),
                Input::Reloaded(r) => session.update(Msg::Reloaded(r)).into(),
                Input::Gone => session.update(Msg::SourceGone).into(),
                Input::Wake => session.update(Msg::Wake).into(),
                Input::Audience(n) => session.update(Msg::Audience(n)).into(),
            };
            while let Some(command) = commands.pop_front() {
                match command {
                    Command::Redraw => redraw = true,
                    Command::Repaint => repaint = true,
                    Command::Suspend => suspend = true,
                    Command::Edit(path) => edit = Some(path),
                    Command::Store(op) => {
                        let result = match &store {
                            Some(store) => store.apply(&op, now()),
                            None => Err(NO_CONFIG_DIR.to_string()),
                        };
                        session.update(Msg::Clock(now()));
                        commands.extend(session.update(Msg::Stored(result)));
                    }
                    Command::ReadStore => {
                        let result = match &store {
                            Some(store) => store.peek(now()),
                            None => Err(NO_CONFIG_DIR.to_string()),
                        };
                        commands.extend(session.update(Msg::StoreRead(result)));
                    }
                    Command::Quit => break 'outer,
                    Command::Wake(after) => wake = Some(std::time::Instant::now() + after),
                }
            }
            next = backlog.pop_front().or_else(|| rx.try_recv().ok());
        }
        if let Some(podium) = &source.podium {
            // Publishing keeps only the newest, so once per burst is enough.
            podium.publish(session.app().cue());
        }
        if let (Some(file), Some(path)) = (&source.file, edit) {
            let line = line_in_file(file, &path, source.max_size);
            gate.pause();
            terminal
                .suspend()
                .context("handing the terminal to the editor")?;
            let result = run_editor(file, line);
            terminal.resume().context("taking the terminal back")?;
            gate.resume();
            backlog.extend(
                rx.try_iter()
                    .filter(|i| !matches!(i, Input::Signal(s) if *s == SIGINT)),
            );
            let size = terminal.size().context("reading the terminal size")?;
            session.update(Msg::Resize(size.width, size.height));
            session.update(Msg::Edited(result));
            repaint = true;
        }
        if suspend {
            terminal.suspend().context("suspending")?;
            // Stops here until the shell's `fg` continues the process.
            signal_hook::low_level::raise(signal_hook::consts::SIGTSTP).context("suspending")?;
            terminal.resume().context("resuming")?;
            let size = terminal.size().context("reading the terminal size")?;
            session.update(Msg::Resize(size.width, size.height));
            repaint = true;
        }
        if repaint {
            session.invalidate().context("repainting")?;
        }
        if redraw || repaint {
            session.draw().context("drawing")?;
        }
    }
    signal_handle.close();
    drop(session);
    drop(terminal);
    Ok(ending)
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
        // Not only letters: Esc then Tab, Enter or Backspace in one read.
        for code in [
            KeyCode::Tab,
            KeyCode::Enter,
            KeyCode::Backspace,
            KeyCode::Esc,
        ] {
            let alt = Event::Key(KeyEvent::new(code, KeyModifiers::ALT));
            assert_eq!(
                split_escape(alt),
                [
                    Event::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)),
                    Event::Key(KeyEvent::new(code, KeyModifiers::NONE)),
                ],
                "{code:?}"
            );
        }
        let j = Event::Key(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE));
        assert_eq!(split_escape(j.clone()), [j]);
    }
}
