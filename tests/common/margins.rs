//! A test terminal with VT420 left/right margins, which the vt100 crate does
//! not have: the margin sequences are interpreted here, a scroll inside
//! margins is redrawn through vt100 from vt100's own cells, and every other
//! byte goes to vt100 as is. It also answers what folio asks at start
//! (DECRQM mode 69, device attributes), as a terminal would.
//!
//! Its notion of a scroll inside margins was checked against xterm (patch
//! 379) with `scripts/xterm-check`: the rows inside the top/bottom region and
//! the columns inside the margins move, the rest stays, the exposed cells are
//! erased; `CSI ? 69 l` puts the margins back to the full width.
#![allow(dead_code)]

use std::num::NonZero;

use ratatui::buffer::Buffer;
use ratatui::style::Modifier;

/// A cell's bold and reverse attributes as a mark before its text.
fn mark(bold: bool, inverse: bool) -> &'static str {
    match (bold, inverse) {
        (true, true) => "#",
        (true, false) => "*",
        (false, true) => "~",
        (false, false) => "",
    }
}

/// What a buffer should look like on the terminal, in the form of
/// [`MarginTerminal::marked_rows`].
pub fn marked(buf: &Buffer) -> Vec<String> {
    let w = usize::from(buf.area.width).max(1);
    buf.content
        .chunks(w)
        .map(|row| {
            let mut line = String::new();
            let mut x = 0;
            while x < row.len() {
                let c = &row[x];
                let m = c.modifier;
                line.push_str(mark(
                    m.contains(Modifier::BOLD),
                    m.contains(Modifier::REVERSED),
                ));
                line.push_str(c.symbol());
                x += unicode_width::UnicodeWidthStr::width(c.symbol()).max(1);
            }
            line
        })
        .collect()
}

pub struct MarginTerminal {
    parser: vt100::Parser,
    /// Whether it says it has margins when asked.
    knows_margins: bool,
    /// DECLRMM is on.
    lrmm: bool,
    /// Left and right margins, columns from 0, inclusive (None: full width).
    margins: Option<(u16, u16)>,
    /// The DECSTBM region, rows from 0, inclusive (None: the whole screen).
    region: Option<(u16, u16)>,
    /// An escape sequence cut by the end of the last chunk.
    pending: Vec<u8>,
    /// Answers owed to the program.
    answers: Vec<u8>,
    /// Scrolls done inside margins.
    pub margin_scrolls: usize,
}

fn nz(n: u16) -> NonZero<u16> {
    NonZero::new(n).unwrap_or(NonZero::<u16>::MIN)
}

fn numbers(params: &[u8]) -> Vec<u16> {
    String::from_utf8_lossy(params)
        .split(';')
        .map(|p| p.parse().unwrap_or(0))
        .collect()
}

impl MarginTerminal {
    pub fn new(rows: u16, cols: u16, knows_margins: bool) -> MarginTerminal {
        MarginTerminal {
            parser: vt100::Parser::new(nz(rows), nz(cols), 0),
            knows_margins,
            lrmm: false,
            margins: None,
            region: None,
            pending: Vec::new(),
            answers: Vec::new(),
            margin_scrolls: 0,
        }
    }

    pub fn screen(&self) -> &vt100::Screen {
        self.parser.screen()
    }

    /// What the terminal shows, row by row, with bold (`*`), reverse (`~`)
    /// or both (`#`) marked before a cell.
    pub fn marked_rows(&self) -> Vec<String> {
        let s = self.parser.screen();
        let (rows, cols) = s.size();
        (0..rows.get())
            .map(|r| {
                let mut line = String::new();
                for c in 0..cols.get() {
                    let Some(cell) = s.cell(r, c) else { continue };
                    if cell.is_wide_continuation() {
                        continue;
                    }
                    line.push_str(mark(cell.bold(), cell.inverse()));
                    line.push_str(if cell.has_contents() {
                        cell.contents()
                    } else {
                        " "
                    });
                }
                line
            })
            .collect()
    }

    /// The screen cell by cell with all its attributes, one row a line (a
    /// printed space and an erased cell with the same colours look alike).
    pub fn cells(&self) -> String {
        let s = self.parser.screen();
        let (rows, cols) = s.size();
        let mut out = String::new();
        for r in 0..rows.get() {
            for c in 0..cols.get() {
                let Some(cell) = s.cell(r, c) else { continue };
                let text = if cell.has_contents() {
                    cell.contents()
                } else {
                    " "
                };
                out.push_str(&format!(
                    "{text}[{}{}{}{:?}{:?}]",
                    u8::from(cell.bold()),
                    u8::from(cell.inverse()),
                    u8::from(cell.underline()),
                    cell.fgcolor(),
                    cell.bgcolor()
                ));
            }
            out.push('\n');
        }
        out
    }

    pub fn set_size(&mut self, rows: u16, cols: u16) {
        self.parser.set_size(nz(rows), nz(cols));
        self.margins = None;
        self.region = None;
    }

    /// What the terminal would send back for what it was sent so far.
    pub fn take_answers(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.answers)
    }

    pub fn process(&mut self, bytes: &[u8]) {
        let mut data = std::mem::take(&mut self.pending);
        data.extend_from_slice(bytes);
        let mut plain = 0;
        let mut i = 0;
        while i < data.len() {
            if data[i] != 0x1b {
                i += 1;
                continue;
            }
            if i + 1 >= data.len() {
                break;
            }
            if data[i + 1] != b'[' {
                i += 2;
                continue;
            }
            let mut j = i + 2;
            while j < data.len() && (0x20..=0x3f).contains(&data[j]) {
                j += 1;
            }
            if j >= data.len() {
                break;
            }
            if let Some(instead) = self.handle(&data[i + 2..j], data[j]) {
                self.parser.process(&data[plain..i]);
                self.parser.process(&instead);
                plain = j + 1;
            }
            i = j + 1;
        }
        self.parser.process(&data[plain..i]);
        self.pending = data[i..].to_vec();
    }

    /// Carries out a sequence this layer handles itself, and returns what
    /// vt100 gets instead; `None`: the sequence goes to vt100 as it is.
    fn handle(&mut self, params: &[u8], last: u8) -> Option<Vec<u8>> {
        let (rows, cols) = self.parser.screen().size();
        let (rows, cols) = (rows.get(), cols.get());
        let n = numbers(params);
        let first = n.first().copied().unwrap_or(1).max(1) - 1;
        let second = |end: u16| n.get(1).copied().filter(|b| *b > 0).unwrap_or(end) - 1;
        match (params, last) {
            (b"?69$", b'p') => {
                let state = match (self.knows_margins, self.lrmm) {
                    (false, _) => 0,
                    (true, true) => 1,
                    (true, false) => 2,
                };
                self.answers
                    .extend_from_slice(format!("\x1b[?69;{state}$y").as_bytes());
                Some(Vec::new())
            }
            (b"", b'c') => {
                self.answers.extend_from_slice(b"\x1b[?62;22c");
                Some(Vec::new())
            }
            (b"?69", b'h') => {
                self.lrmm = self.knows_margins;
                Some(Vec::new())
            }
            (b"?69", b'l') => {
                self.lrmm = false;
                self.margins = None;
                Some(Vec::new())
            }
            (_, b's') if self.lrmm => {
                let (left, right) = (first, second(cols));
                // As xterm: margins not two columns apart are ignored.
                if left < right && right < cols {
                    self.margins = Some((left, right));
                    Some(b"\x1b[H".to_vec())
                } else {
                    Some(Vec::new())
                }
            }
            (_, b'r') => {
                let (top, bottom) = (first, second(rows));
                self.region = (top < bottom && bottom < rows).then_some((top, bottom));
                None
            }
            (_, b'S' | b'T') if self.lrmm && self.margins.is_some() => {
                let by = i32::from(first + 1);
                Some(self.scroll_in_margins(if last == b'S' { by } else { -by }))
            }
            _ => None,
        }
    }

    /// The bytes that make vt100 show what a scroll inside the margins shows.
    fn scroll_in_margins(&mut self, by: i32) -> Vec<u8> {
        let Some((left, right)) = self.margins else {
            return Vec::new();
        };
        self.margin_scrolls += 1;
        let screen = self.parser.screen();
        let (rows, _) = screen.size();
        let (top, bottom) = self.region.unwrap_or((0, rows.get() - 1));
        let width = right - left + 1;
        let before: Vec<String> = screen.rows_formatted(left, width).collect();
        // Erase with the current colours (as the terminal does), then paint
        // the moved cells.
        let mut out = String::from("\x1b7");
        for y in top..=bottom {
            out.push_str(&format!("\x1b[{};{}H\x1b[{width}X", y + 1, left + 1));
        }
        for y in top..=bottom {
            let source = i32::from(y) + by;
            if source < i32::from(top) || source > i32::from(bottom) {
                continue;
            }
            let row = &before[source as usize];
            out.push_str(&format!("\x1b[m\x1b[{};{}H{row}", y + 1, left + 1));
        }
        out.push_str("\x1b8");
        out.into_bytes()
    }
}
