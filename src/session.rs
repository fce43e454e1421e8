//! One reader session: an [`App`], the painter of its screen and the sink its
//! bytes go to, taking inputs as values.
//!
//! Nothing here knows the process's terminal: the sink is any `Write` (the
//! terminal's output today, a network channel later), the size is what the
//! inputs say, and the commands that need the world outside (the bookmark
//! store, an editor, job control, quitting) go back to the caller. So one
//! process can run many sessions side by side, each with its own size, keys,
//! state and encoder.

use std::io::{self, Write};

use crossterm::event::{Event, KeyEventKind, MouseButton, MouseEventKind};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::buffer::Buffer;
use ratatui::{TerminalOptions, Viewport};

use crate::app::{App, Command, Init, Msg};
use crate::render::Encoder;
use crate::ui;

/// How frames are turned into bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum RenderMode {
    /// folio's own encoder: scroll regions, cheapest moves (the default).
    #[default]
    Lean,
    /// ratatui's ordinary diff (the benchmark's baseline).
    Plain,
}

/// Turns frames into bytes for one sink.
enum Painter<W: Write> {
    Lean { encoder: Encoder, out: W },
    Plain(Box<Terminal<CrosstermBackend<W>>>),
}

/// A reader session writing to `W`.
pub struct Session<W: Write> {
    app: App,
    painter: Painter<W>,
}

impl<W: Write> Session<W> {
    /// A session as `init` says, drawing into `out`.
    pub fn new(init: Init, out: W, mode: RenderMode) -> io::Result<Session<W>> {
        let area = init.area;
        let painter = match mode {
            RenderMode::Lean => Painter::Lean {
                encoder: Encoder::new(),
                out,
            },
            RenderMode::Plain => {
                // A fixed viewport: the size is the session's, not asked of
                // whatever terminal the process has.
                let options = TerminalOptions {
                    viewport: Viewport::Fixed(area),
                };
                Painter::Plain(Box::new(Terminal::with_options(
                    CrosstermBackend::new(out),
                    options,
                )?))
            }
        };
        Ok(Session {
            app: App::new(init),
            painter,
        })
    }

    pub fn app(&self) -> &App {
        &self.app
    }

    /// The message an event from the terminal (or a peer) makes, if any:
    /// keys go through the keymap in the contexts of the moment.
    fn message(&self, event: &Event) -> Option<Msg> {
        match event {
            Event::Key(k) if k.kind != KeyEventKind::Release => {
                let keymap = self.app.keymap();
                keymap.action_for(self.app.contexts(), k).map(Msg::Action)
            }
            Event::Resize(w, h) => Some(Msg::Resize(*w, *h)),
            Event::Mouse(m) => {
                let (column, row) = (m.column, m.row);
                match m.kind {
                    MouseEventKind::ScrollDown => Some(Msg::Wheel {
                        column,
                        row,
                        down: true,
                    }),
                    MouseEventKind::ScrollUp => Some(Msg::Wheel {
                        column,
                        row,
                        down: false,
                    }),
                    MouseEventKind::Down(MouseButton::Left) => Some(Msg::Click { column, row }),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// Takes in `event`: the demo's key echo, then what the keymap makes of
    /// it. Returns what the app asked for.
    pub fn event(&mut self, event: &Event) -> Vec<Command> {
        let mut commands = Vec::new();
        if let Event::Key(k) = event
            && self.app.settings().demo
            && k.kind != KeyEventKind::Release
        {
            let key = crate::keymap::Key::Code(k.code, k.modifiers);
            commands.extend(self.update(Msg::Pressed(crate::keymap::key_label(&key))));
        }
        if let Some(msg) = self.message(event) {
            commands.extend(self.update(msg));
        }
        commands
    }

    pub fn update(&mut self, msg: Msg) -> Vec<Command> {
        self.app.update(msg)
    }

    /// Says whether the terminal has left/right margins (the encoder uses
    /// them only if it has).
    pub fn set_margins(&mut self, on: bool) {
        if let Painter::Lean { encoder, .. } = &mut self.painter {
            encoder.set_margins(on);
        }
    }

    /// Writes `bytes` ahead of the next frame (questions to the terminal).
    pub fn write_raw(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.sink().write_all(bytes)
    }

    /// Where the lean painter's bytes go (the plain one keeps its writer).
    pub fn sink_mut(&mut self) -> Option<&mut W> {
        match &mut self.painter {
            Painter::Lean { out, .. } => Some(out),
            Painter::Plain(_) => None,
        }
    }

    fn sink(&mut self) -> &mut dyn Write {
        match &mut self.painter {
            Painter::Lean { out, .. } => out,
            Painter::Plain(terminal) => terminal.backend_mut(),
        }
    }

    /// Draws one frame, in one write (nothing when nothing changed).
    pub fn draw(&mut self) -> io::Result<()> {
        let app = &self.app;
        match &mut self.painter {
            Painter::Plain(terminal) => {
                if terminal.get_frame().area() != app.area() {
                    terminal.resize(app.area())?;
                }
                terminal.draw(|frame| ui::render(app, frame))?;
            }
            Painter::Lean { encoder, out } => {
                let area = app.area();
                let mut buf = Buffer::empty(area);
                ui::draw(app, area, &mut buf);
                let links = ui::hyperlinks(app, area);
                let bytes = encoder.frame_linked(buf, &ui::panes(app, area), links);
                if !bytes.is_empty() {
                    out.write_all(bytes.as_bytes())?;
                }
            }
        }
        self.sink().flush()
    }

    /// Forgets what the screen shows: the next frame paints all of it.
    pub fn invalidate(&mut self) -> io::Result<()> {
        match &mut self.painter {
            Painter::Lean { encoder, .. } => encoder.invalidate(),
            // A resize clears the screen and what ratatui thinks it shows.
            Painter::Plain(terminal) => terminal.resize(self.app.area())?,
        }
        Ok(())
    }
}
