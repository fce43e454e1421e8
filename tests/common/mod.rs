//! Helpers shared by the tests, and by the benchmarks that include them.
#![allow(dead_code)]

pub mod http;
pub mod margins;
pub mod pty;
pub mod run;
pub mod ssh;

use folio::action::Action;
use folio::app::{App, Command, Init, Msg, Settings};
use folio::bookmarks::StoreOp;
use folio::bundle::{Bundle, EMBEDDED_SEED, load_bundle};
use folio::glyphs::Glyphs;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

pub fn seed() -> Bundle {
    load_bundle(EMBEDDED_SEED, "seed").unwrap()
}

pub fn showcase() -> Bundle {
    load_bundle(include_str!("../../sample-data/showcase.json"), "showcase").unwrap()
}

pub fn settings(glyphs: Glyphs, color: bool) -> Settings {
    Settings {
        glyphs,
        color,
        ..Settings::default()
    }
}

pub fn app(bundle: Bundle, w: u16, h: u16) -> App {
    app_from(bundle, w, h, |_| {})
}

/// An app at `w`x`h` started from what `change` makes of the usual start.
pub fn app_from(bundle: Bundle, w: u16, h: u16, change: impl FnOnce(&mut Init)) -> App {
    let mut init = Init::new(
        bundle,
        settings(Glyphs::UNICODE, false),
        Rect::new(0, 0, w, h),
    );
    change(&mut init);
    App::new(init)
}

/// An app at `w`x`h` with settings changed by `change`.
pub fn app_with(bundle: Bundle, w: u16, h: u16, change: impl FnOnce(&mut Settings)) -> App {
    app_from(bundle, w, h, |init| change(&mut init.settings))
}

/// The samples' house word list (`folio-words.txt`).
pub const HOUSE_WORDS: &str = include_str!("../../sample-data/folio-words.txt");

/// What an update that changes nothing on screen asks of the shell.
pub const NOTHING: [Command; 0] = [];
/// What an update that changes the screen asks of it.
pub const REDRAW: [Command; 1] = [Command::Redraw];

/// Presses `actions` in turn; what they asked of the shell.
pub fn press(app: &mut App, actions: &[Action]) -> Vec<Command> {
    actions.iter().flat_map(|a| app.update(*a)).collect()
}

/// The bookmark store changes among `commands`.
pub fn stores(commands: &[Command]) -> Vec<StoreOp> {
    (commands.iter())
        .filter_map(|c| match c {
            Command::Store(op) => Some(op.clone()),
            _ => None,
        })
        .collect()
}

/// Sets the app's clock.
pub fn set_clock(app: &mut App, now: chrono::DateTime<chrono::FixedOffset>) {
    app.update(Msg::Clock(now));
}

pub fn render(app: &App) -> Buffer {
    let mut t = Terminal::new(TestBackend::new(app.area().width, app.area().height)).unwrap();
    t.draw(|f| folio::ui::render(app, f)).unwrap();
    t.backend().buffer().clone()
}

/// The screen as text, one line per row, trailing blanks trimmed, each row
/// framed by `|` so the snapshot shows where it ends.
pub fn screen(app: &App) -> String {
    let buf = render(app);
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..buf.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            line.push_str(sym);
            skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Rows of the screen containing `needle`.
pub fn rows_with(app: &App, needle: &str) -> Vec<u16> {
    screen(app)
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains(needle))
        .map(|(i, _)| i as u16)
        .collect()
}
