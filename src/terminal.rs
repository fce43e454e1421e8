//! The terminal session: the one owner of the terminal.
//!
//! Entering switches to the alternate screen, raw mode and a hidden cursor;
//! dropping the session (normal exit, error, signal) restores all three, and a
//! panic hook restores them before the panic message is printed, so the message
//! is readable and the shell is usable. Output goes through one buffered writer
//! and is flushed once per frame.

use std::io::{self, BufWriter, Stdout, Write};
use std::sync::Once;

use crossterm::cursor::{Hide, Show};
use crossterm::execute;
use crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use crate::app::App;
use crate::ui;

pub type Backend = CrosstermBackend<BufWriter<Stdout>>;

pub struct TerminalSession {
    terminal: Terminal<Backend>,
}

/// Puts the terminal back as it was. Safe to call more than once, and when the
/// terminal is already gone (a dropped SSH connection): errors are ignored.
pub fn restore() {
    let _ = disable_raw_mode();
    let mut out = io::stdout();
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
        let out = BufWriter::with_capacity(1 << 20, io::stdout());
        // From here on, any failure restores the terminal through `Drop`.
        let terminal = Terminal::new(CrosstermBackend::new(out)).inspect_err(|_| restore())?;
        let mut session = TerminalSession { terminal };
        // Cleared by hand: `Terminal::clear` would ask the terminal where the
        // cursor is, a round trip on a slow link for nothing.
        execute!(
            session.terminal.backend_mut(),
            EnterAlternateScreen,
            Hide,
            Clear(ClearType::All)
        )?;
        Ok(session)
    }

    pub fn size(&self) -> io::Result<ratatui::layout::Size> {
        self.terminal.size()
    }

    /// Draws one frame; ratatui sends only the cells that changed, in one write.
    pub fn draw(&mut self, app: &App) -> io::Result<()> {
        self.terminal.draw(|frame| ui::render(app, frame))?;
        Ok(())
    }
}

impl Drop for TerminalSession {
    fn drop(&mut self) {
        let _ = self.terminal.backend_mut().flush();
        restore();
    }
}
