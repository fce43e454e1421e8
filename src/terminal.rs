//! The terminal session: the one owner of the terminal.
//!
//! Entering switches to the alternate screen, raw mode and a hidden cursor;
//! dropping the session (normal exit, error, signal) restores all three, and a
//! panic hook restores them before the panic message is printed, so the message
//! is readable and the shell is usable. Frames are the session's: it writes
//! each in one flush of its own buffer.

use std::io::{self, Write};
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};

/// Mouse reporting is on (`--mouse`): the restore turns it off.
static MOUSE: AtomicBool = AtomicBool::new(false);

/// Asks the terminal to tell keys apart that legacy encodings merge (Ctrl-i
/// and Tab, Esc and the start of a sequence): terminals with the kitty
/// keyboard protocol do; the others ignore the request.
fn push_key_disambiguation(out: &mut impl Write) -> io::Result<()> {
    execute!(
        out,
        crossterm::event::PushKeyboardEnhancementFlags(
            crossterm::event::KeyboardEnhancementFlags::DISAMBIGUATE_ESCAPE_CODES
        )
    )
}

/// Turns mouse reporting on (wheel and clicks reach folio; the terminal's own
/// text selection then needs Shift in most terminals).
pub fn enable_mouse() -> io::Result<()> {
    MOUSE.store(true, Ordering::SeqCst);
    execute!(io::stdout(), crossterm::event::EnableMouseCapture)
}

use crate::render::Encoder;
use crate::session::RenderMode;
use crossterm::cursor::{Hide, Show};
use crossterm::execute;
use crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

/// The process's terminal, owned: raw mode, the alternate screen, the
/// hidden cursor, and their restoring on every way out. What is drawn on it
/// is a [`crate::session::Session`]'s business.
pub struct TerminalSession {
    /// The questions went out with the first frame; the answers are due.
    asked: bool,
}

/// Puts the terminal back as it was. Safe to call more than once, and when the
/// terminal is already gone (a dropped SSH connection): errors are ignored.
pub fn restore() {
    let _ = disable_raw_mode();
    let mut out = io::stdout();
    if MOUSE.load(Ordering::SeqCst) {
        let _ = execute!(out, crossterm::event::DisableMouseCapture);
    }
    let _ = execute!(out, crossterm::event::PopKeyboardEnhancementFlags);
    let _ = out.write_all(Encoder::reset_sequence().as_bytes());
    let _ = execute!(out, Show, LeaveAlternateScreen);
    let _ = out.flush();
}

fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
    });
}

impl TerminalSession {
    pub fn enter() -> io::Result<TerminalSession> {
        install_panic_hook();
        enable_raw_mode()?;
        // From here on, any failure restores the terminal through `Drop`.
        let session = TerminalSession { asked: false };
        session.take()?;
        Ok(session)
    }

    /// Raw mode, alternate screen, hidden cursor, keys told apart.
    fn take(&self) -> io::Result<()> {
        let mut out = io::stdout();
        // Cleared by hand: `Terminal::clear` would ask the terminal where the
        // cursor is, a round trip on a slow link for nothing.
        execute!(out, EnterAlternateScreen, Hide, Clear(ClearType::All))?;
        push_key_disambiguation(&mut out)
    }

    /// The questions to ask the terminal about what it can do (see
    /// [`crate::probe`]), to be written just before the next frame, so a
    /// terminal answers before it shows the screen, and whatever the reader
    /// types comes after the answers. None when keys were typed ahead (they
    /// stay crossterm's), nor for the plain renderer, which cannot use the
    /// answers.
    pub fn questions(&mut self, mode: RenderMode) -> Option<&'static str> {
        if mode == RenderMode::Plain || crate::probe::input_pending() {
            return None;
        }
        self.asked = true;
        Some(crate::probe::QUESTIONS)
    }

    /// Waits for the answers to [`TerminalSession::questions`] (one round
    /// trip at most, or the probe's timeout): whether the terminal has
    /// left/right margins, and the keys typed meanwhile.
    pub fn read_answers(&mut self) -> (bool, Vec<crossterm::event::Event>) {
        if !std::mem::take(&mut self.asked) {
            return (false, Vec::new());
        }
        // Not being able to listen only means no margins: the reader's own
        // input reports a terminal that is gone.
        let answers = crate::probe::read_answers(crate::probe::TIMEOUT).unwrap_or_default();
        (answers.margins, answers.typed)
    }

    pub fn size(&self) -> io::Result<ratatui::layout::Size> {
        let (width, height) = crossterm::terminal::size()?;
        Ok(ratatui::layout::Size { width, height })
    }

    /// Gives the terminal back (as on exit), for a suspend or an editor.
    pub fn suspend(&mut self) -> io::Result<()> {
        restore();
        Ok(())
    }

    /// Takes the terminal again after a suspend; the session is to repaint
    /// all of it.
    pub fn resume(&mut self) -> io::Result<()> {
        enable_raw_mode()?;
        self.take()?;
        if MOUSE.load(Ordering::SeqCst) {
            execute!(io::stdout(), crossterm::event::EnableMouseCapture)?;
        }
        Ok(())
    }
}

impl Drop for TerminalSession {
    fn drop(&mut self) {
        restore();
    }
}
