//! Reader sessions side by side in one process (as `folio serve` will run
//! them): each with its own size, keys, state and encoder, none seeing the
//! other's. Each session's bytes, played into a terminal, must show its own
//! app's screen after every key, be byte for byte what the same session run
//! alone sends, and end on the screen the binary shows in a process of its
//! own given the same keys.

use crate::common;
use crate::common::{margins, pty};

use common::*;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use folio::action::Action;
use folio::app::{Command, Init};
use folio::keymap::{Keymap, parse_key};
use folio::session::{RenderMode, Session};
use margins::{MarginTerminal, marked};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn chars(text: &str) -> Vec<Event> {
    text.chars().map(|c| key(KeyCode::Char(c))).collect()
}

/// A reader as a session starts it and as the command line and
/// `config.toml` start the binary the same way, and the keys pressed.
struct Scenario {
    init: Init,
    args: &'static [&'static str],
    config: &'static str,
    keys: Vec<Event>,
}

/// A reader at 80x24 with the default keys: moves, highlights and follows
/// citations, searches.
fn first() -> Scenario {
    let mut keys = chars("jjjcc");
    keys.push(key(KeyCode::Enter));
    keys.extend(chars(" /army"));
    keys.push(key(KeyCode::Enter));
    keys.extend(chars("nn"));
    keys.push(key(KeyCode::Backspace));
    Scenario {
        init: Init::new(
            seed(),
            settings(folio::glyphs::Glyphs::UNICODE, false),
            Rect::new(0, 0, 80, 24),
        ),
        args: &["--no-color"],
        config: "",
        keys,
    }
}

/// A reader at 120x40, in ASCII, whose `x` moves down a line (and `j` no
/// longer does): the news line, the help, a resize.
fn second() -> Scenario {
    let x = parse_key("x").expect("a key");
    let mut keys = chars("xxxx");
    keys.push(key(KeyCode::Tab));
    keys.extend(chars("xxk"));
    keys.push(Event::Resize(100, 30));
    keys.extend(chars("hxx"));
    keys.push(key(KeyCode::Esc));
    keys.push(key(KeyCode::Tab));
    keys.extend(chars("Gxj"));
    Scenario {
        init: Init {
            keymap: Keymap::with(&[(Action::LineDown, vec![x])]),
            ..Init::new(
                seed(),
                settings(folio::glyphs::Glyphs::ASCII, false),
                Rect::new(0, 0, 120, 40),
            )
        },
        args: &["--no-color", "--ascii"],
        config: "[keys]\nline_down = [\"x\"]\n",
        keys,
    }
}

/// What a terminal sends for `event`.
fn typed(event: &Event) -> String {
    let Event::Key(k) = event else {
        panic!("not a key: {event:?}")
    };
    match k.code {
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Enter => "\r".into(),
        KeyCode::Backspace => "\x7f".into(),
        KeyCode::Tab => "\t".into(),
        KeyCode::Esc => "\x1b".into(),
        other => panic!("no bytes for {other:?}"),
    }
}

/// The scenario played by the real binary in a pseudo-terminal: the screen,
/// cell by cell.
fn in_a_process(scenario: &Scenario) -> String {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("config.toml"), scenario.config).unwrap();
    let area = scenario.init.area;
    let mut folio =
        pty::Session::start_with_config(scenario.args, area.width, area.height, dir.path());
    folio.settle();
    for event in &scenario.keys {
        match event {
            Event::Resize(w, h) => folio.resize(*w, *h),
            key => folio.send(&typed(key)),
        }
        folio.settle();
    }
    folio.cells()
}

/// A session, the terminal its bytes go to, and every byte it sent.
struct Reader {
    session: Session<Vec<u8>>,
    terminal: MarginTerminal,
    sent: Vec<u8>,
}

impl Reader {
    fn start(init: Init) -> Reader {
        let area = init.area;
        let mut session = Session::new(init, Vec::new(), RenderMode::Lean).unwrap();
        session.draw().unwrap();
        let mut reader = Reader {
            session,
            terminal: MarginTerminal::new(area.height, area.width, false),
            sent: Vec::new(),
        };
        reader.deliver();
        reader
    }

    /// Takes what the session wrote to its sink to the terminal.
    fn deliver(&mut self) {
        let bytes = std::mem::take(self.session.sink_mut().expect("a lean session"));
        self.terminal.process(&bytes);
        self.sent.extend(bytes);
    }

    fn press(&mut self, event: &Event) {
        if let Event::Resize(w, h) = event {
            self.terminal.set_size(*h, *w);
        }
        let commands = self.session.event(event);
        if commands.contains(&Command::Repaint) {
            self.session.invalidate().unwrap();
        }
        if (commands.iter()).any(|c| matches!(c, Command::Redraw | Command::Repaint)) {
            self.session.draw().unwrap();
        }
        self.deliver();
    }

    /// The terminal shows the app's screen, cell by cell.
    fn check(&self, step: usize) {
        let app = self.session.app();
        let mut buf = Buffer::empty(app.area());
        folio::ui::draw(app, app.area(), &mut buf);
        assert_eq!(
            self.terminal.marked_rows(),
            marked(&buf),
            "after key {step} at {}x{}",
            app.area().width,
            app.area().height
        );
    }
}

#[test]
fn two_sessions_in_one_process_show_what_two_processes_would() {
    let (first, second) = (first(), second());
    let mut a = Reader::start(first.init.clone());
    let mut b = Reader::start(second.init.clone());
    // Interleaved, as a server would take them.
    for step in 0..first.keys.len().max(second.keys.len()) {
        if let Some(k) = first.keys.get(step) {
            a.press(k);
            a.check(step);
        }
        if let Some(k) = second.keys.get(step) {
            b.press(k);
            b.check(step);
        }
    }
    for (together, scenario) in [(&a, &first), (&b, &second)] {
        // Alone in a session of its own: the same bytes.
        let mut alone = Reader::start(scenario.init.clone());
        scenario.keys.iter().for_each(|k| alone.press(k));
        assert_eq!(together.sent, alone.sent, "a session heard the other");
        // The binary, in a process of its own: the same screen.
        assert_eq!(
            in_a_process(scenario),
            together.terminal.cells(),
            "{:?}",
            scenario.args
        );
    }
    // They went different ways: one searched, the other scrolled the news line.
    assert!(a.session.app().search().is_some());
    assert!(b.session.app().search().is_none());
    assert_eq!(b.session.app().area(), Rect::new(0, 0, 100, 30));
    assert!(b.session.app().news_selected() > 0);
    assert!(a.session.app().top() > 0);
}
