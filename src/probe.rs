//! What the terminal can do, asked once at start.
//!
//! One question matters for the wire: can the terminal scroll part of a row?
//! VT420 left/right margins (DECLRMM, mode 69) let the article scroll beside
//! the news line for a few dozen bytes instead of a repaint of every row
//! (xterm, iTerm2, WezTerm, Ghostty, mlterm have them; VTE, kitty, Alacritty,
//! tmux and screen do not). folio asks with DECRQM (`CSI ? 69 $ p`) followed
//! by primary device attributes (`CSI c`), which every terminal answers: the
//! second answer closes the exchange, so folio never waits longer than one
//! round trip, or [`TIMEOUT`] for a terminal that answers nothing.
//!
//! The answers are read here, byte by byte straight from the terminal,
//! before crossterm's reader starts: crossterm does not know the DECRQM
//! answer and would hold every key after it. A key that arrives among the
//! answers (typed before folio's screen was up) is kept: printable characters
//! and control keys are turned into key events; other sequences are dropped.

use std::io::{self, IsTerminal};
use std::os::fd::{AsFd, BorrowedFd};
use std::time::{Duration, Instant};

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use rustix::event::{PollFd, PollFlags, Timespec};

/// The questions, sent just before the first frame.
pub const QUESTIONS: &str = "\x1b[?69$p\x1b[c";

/// How long folio waits for a terminal that does not answer.
pub const TIMEOUT: Duration = Duration::from_millis(1000);

/// What the terminal said.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Answers {
    /// Left/right margins can be set (DECRQM answered set or reset).
    pub margins: bool,
    /// Keys typed while folio listened.
    pub typed: Vec<Event>,
}

/// Runs `f` on the terminal's input: standard input when it is the
/// terminal, else `/dev/tty` (as crossterm reads it).
fn with_tty<T>(f: impl FnOnce(BorrowedFd<'_>) -> T) -> io::Result<T> {
    if std::io::stdin().is_terminal() {
        Ok(f(std::io::stdin().as_fd()))
    } else {
        let tty = std::fs::File::open("/dev/tty")?;
        Ok(f(tty.as_fd()))
    }
}

/// Whether `fd` has input within `wait`.
fn readable(fd: BorrowedFd<'_>, wait: Duration) -> io::Result<bool> {
    let wait = Timespec::try_from(wait).unwrap_or(Timespec {
        tv_sec: i64::MAX,
        tv_nsec: 0,
    });
    let mut fds = [PollFd::new(&fd, PollFlags::IN)];
    loop {
        match rustix::event::poll(&mut fds, Some(&wait)) {
            Err(rustix::io::Errno::INTR) => continue,
            done => return Ok(done? > 0),
        }
    }
}

/// Reads the answers to [`QUESTIONS`] from the terminal.
pub fn read_answers(timeout: Duration) -> io::Result<Answers> {
    with_tty(|fd| listen(fd, timeout))?
}

/// Whether the terminal has sent something not yet read (keys typed ahead):
/// then folio does not ask, so that nothing typed is taken from crossterm.
pub fn input_pending() -> bool {
    with_tty(|fd| readable(fd, Duration::ZERO).unwrap_or(false)).unwrap_or(false)
}

fn listen(fd: BorrowedFd<'_>, timeout: Duration) -> io::Result<Answers> {
    let start = Instant::now();
    let mut reader = Reader::default();
    while !reader.done {
        let Some(left) = timeout.checked_sub(start.elapsed()) else {
            break;
        };
        if !readable(fd, left)? {
            break;
        }
        // One byte at a time: what follows the last answer is crossterm's.
        let mut byte = [0u8; 1];
        match rustix::io::read(fd, &mut byte) {
            Ok(0) => break,
            Ok(_) => reader.feed(byte[0]),
            Err(rustix::io::Errno::INTR | rustix::io::Errno::AGAIN) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(reader.finish())
}

/// The answers, parsed as they come.
#[derive(Debug, Default)]
pub(crate) struct Reader {
    sequence: Vec<u8>,
    text: Vec<u8>,
    answers: Answers,
    pub(crate) done: bool,
}

impl Reader {
    pub(crate) fn feed(&mut self, b: u8) {
        if !self.sequence.is_empty() {
            self.sequence.push(b);
            let complete = match self.sequence.as_slice() {
                [0x1b, b'['] => false,
                [0x1b, b'[', .., last] => (0x40..=0x7e).contains(last),
                _ => true,
            };
            if complete {
                let sequence = std::mem::take(&mut self.sequence);
                self.answer(&sequence);
            }
            return;
        }
        if b == 0x1b {
            self.flush_text();
            self.sequence.push(b);
        } else {
            self.text.push(b);
            if std::str::from_utf8(&self.text).is_ok() || self.text.len() >= 4 {
                self.flush_text();
            }
        }
    }

    fn answer(&mut self, sequence: &[u8]) {
        let Some(body) = sequence.strip_prefix(b"\x1b[?") else {
            return; // a key's sequence (an arrow typed early): dropped
        };
        if let Some(mode) = body.strip_suffix(b"$y") {
            // DECRPM: `69;Ps` with Ps 1 set, 2 reset, 3 permanently set;
            // 0 unknown, 4 permanently reset.
            self.answers.margins |= matches!(mode, b"69;1" | b"69;2" | b"69;3");
        } else if body.ends_with(b"c") {
            // Device attributes: the last answer.
            self.done = true;
        }
    }

    fn flush_text(&mut self) {
        let text = std::mem::take(&mut self.text);
        for c in String::from_utf8_lossy(&text).chars() {
            let key = match c {
                '\r' | '\n' => KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE),
                '\t' => KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE),
                '\x7f' | '\x08' => KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE),
                '\x01'..='\x1a' => {
                    let letter = char::from(b'a' + (c as u8) - 1);
                    KeyEvent::new(KeyCode::Char(letter), KeyModifiers::CONTROL)
                }
                c if c.is_control() => continue,
                c => KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
            };
            self.answers.typed.push(Event::Key(key));
        }
    }

    pub(crate) fn finish(mut self) -> Answers {
        self.flush_text();
        self.answers
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8]) -> (Answers, bool) {
        let mut r = Reader::default();
        for &b in bytes {
            r.feed(b);
        }
        let done = r.done;
        (r.finish(), done)
    }

    #[test]
    fn margins_when_the_mode_is_known() {
        for (answer, margins) in [
            ("\x1b[?69;2$y\x1b[?64;1;2;6;9;15;16;17;18;21;22;28c", true),
            ("\x1b[?69;1$y\x1b[?62c", true),
            ("\x1b[?69;0$y\x1b[?65;1;9c", false),
            ("\x1b[?69;4$y\x1b[?62c", false),
            // tmux, VTE without DECRQM: only device attributes.
            ("\x1b[?1;2c", false),
        ] {
            let (a, done) = read(answer.as_bytes());
            assert!(done, "{answer:?}");
            assert_eq!(a.margins, margins, "{answer:?}");
            assert!(a.typed.is_empty());
        }
    }

    #[test]
    fn keys_typed_among_the_answers_are_kept() {
        let (a, done) = read("jé\x1b[?69;2$y \x04\x1b[A\r\x1b[?62c".as_bytes());
        assert!(done && a.margins);
        let keys: Vec<Event> = [
            KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE),
            KeyEvent::new(KeyCode::Char('é'), KeyModifiers::NONE),
            KeyEvent::new(KeyCode::Char(' '), KeyModifiers::NONE),
            KeyEvent::new(KeyCode::Char('d'), KeyModifiers::CONTROL),
            KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE),
        ]
        .into_iter()
        .map(Event::Key)
        .collect();
        assert_eq!(a.typed, keys);
    }

    #[test]
    fn no_answer_is_no_margins() {
        let (a, done) = read(b"q");
        assert!(!done && !a.margins);
        assert_eq!(a.typed.len(), 1);
    }
}
