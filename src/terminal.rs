//! The terminal session: the one owner of the terminal.
//!
//! Entering switches to the alternate screen, raw mode and a hidden cursor;
//! dropping the session (normal exit, error, signal) restores all three, and a
//! panic hook restores them before the panic message is printed, so the message
//! is readable and the shell is usable. Output goes through one buffered writer
//! and is flushed once per frame.

use std::io::{self, BufWriter, Stdout, Write};
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

use crossterm::cursor::{Hide, Show};
use crossterm::execute;
use crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use ratatui::buffer::Buffer;

use crate::app::App;
use crate::render::Encoder;
use crate::ui;

pub type Backend = CrosstermBackend<BufWriter<Stdout>>;

/// How frames are turned into bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum RenderMode {
    /// folio's own encoder: scroll regions, cheapest moves (the default).
    #[default]
    Lean,
    /// ratatui's ordinary diff (the benchmark's baseline).
    Plain,
}

pub struct TerminalSession {
    terminal: Terminal<Backend>,
    mode: RenderMode,
    encoder: Encoder,
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
    pub fn enter(mode: RenderMode) -> io::Result<TerminalSession> {
        install_panic_hook();
        enable_raw_mode()?;
        let out = BufWriter::with_capacity(1 << 20, io::stdout());
        // From here on, any failure restores the terminal through `Drop`.
        let terminal = Terminal::new(CrosstermBackend::new(out)).inspect_err(|_| restore())?;
        let mut session = TerminalSession {
            terminal,
            mode,
            encoder: Encoder::new(),
            asked: false,
        };
        // Cleared by hand: `Terminal::clear` would ask the terminal where the
        // cursor is, a round trip on a slow link for nothing.
        execute!(
            session.terminal.backend_mut(),
            EnterAlternateScreen,
            Hide,
            Clear(ClearType::All)
        )?;
        push_key_disambiguation(session.terminal.backend_mut())?;
        Ok(session)
    }

    /// Asks the terminal what it can do (see [`crate::probe`]): the questions
    /// go out just before the next frame, so a terminal answers before it
    /// shows the screen, and whatever the reader types comes after the
    /// answers. Not asked when keys were typed ahead (they stay crossterm's),
    /// nor for the plain renderer, which cannot use the answers.
    pub fn ask(&mut self) -> io::Result<()> {
        if self.mode == RenderMode::Plain || crate::probe::input_pending() {
            return Ok(());
        }
        self.terminal
            .backend_mut()
            .write_all(crate::probe::QUESTIONS.as_bytes())?;
        self.asked = true;
        Ok(())
    }

    /// Waits for the answers to [`TerminalSession::ask`] (one round trip at
    /// most, or the probe's timeout), and returns the keys typed meanwhile.
    pub fn read_answers(&mut self) -> io::Result<Vec<crossterm::event::Event>> {
        if !std::mem::take(&mut self.asked) {
            return Ok(Vec::new());
        }
        self.terminal.backend_mut().flush()?;
        // Not being able to listen only means no margins: the reader's own
        // input reports a terminal that is gone.
        let answers = crate::probe::read_answers(crate::probe::TIMEOUT).unwrap_or_default();
        self.encoder.set_margins(answers.margins);
        Ok(answers.typed)
    }

    pub fn size(&self) -> io::Result<ratatui::layout::Size> {
        self.terminal.size()
    }

    /// Draws one frame, in one write.
    pub fn draw(&mut self, app: &App) -> io::Result<()> {
        match self.mode {
            RenderMode::Plain => {
                self.terminal.draw(|frame| ui::render(app, frame))?;
            }
            RenderMode::Lean => {
                let area = app.area;
                let mut buf = Buffer::empty(area);
                ui::draw(app, area, &mut buf);
                let bytes = self.encoder.frame(&buf, &ui::panes(app, area));
                if !bytes.is_empty() {
                    let out = self.terminal.backend_mut();
                    out.write_all(bytes.as_bytes())?;
                    out.flush()?;
                }
            }
        }
        Ok(())
    }

    /// Gives the terminal back (as on exit), for a suspend.
    pub fn suspend(&mut self) -> io::Result<()> {
        self.terminal.backend_mut().flush()?;
        restore();
        Ok(())
    }

    /// Takes the terminal again after a suspend; the next frame repaints all.
    pub fn resume(&mut self) -> io::Result<()> {
        enable_raw_mode()?;
        execute!(
            self.terminal.backend_mut(),
            EnterAlternateScreen,
            Hide,
            Clear(ClearType::All)
        )?;
        push_key_disambiguation(self.terminal.backend_mut())?;
        if MOUSE.load(Ordering::SeqCst) {
            execute!(
                self.terminal.backend_mut(),
                crossterm::event::EnableMouseCapture
            )?;
        }
        self.invalidate()
    }

    /// Forgets what the screen shows: the next frame repaints all of it.
    pub fn invalidate(&mut self) -> io::Result<()> {
        self.encoder.invalidate();
        if self.mode == RenderMode::Plain {
            execute!(self.terminal.backend_mut(), Clear(ClearType::All))?;
            let size = self.terminal.size()?;
            self.terminal
                .resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))?;
        }
        Ok(())
    }
}

impl Drop for TerminalSession {
    fn drop(&mut self) {
        let _ = self.terminal.backend_mut().flush();
        restore();
    }
}
