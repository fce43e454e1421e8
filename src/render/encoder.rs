//! The frame encoder: from the buffer the terminal shows to the next one, in
//! as few bytes as it can. Pure: buffers in, bytes out.

use std::fmt::Write as _;
use std::sync::Arc;

use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

/// Frames larger than this are wrapped in synchronized output.
const SYNC_THRESHOLD: usize = 256;
/// Unchanged cells up to this many are re-printed rather than jumped over.
const MAX_GAP_REPRINT: usize = 6;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Pen {
    fg: Color,
    bg: Color,
    modifier: Modifier,
}

impl Pen {
    const DEFAULT: Pen = Pen {
        fg: Color::Reset,
        bg: Color::Reset,
        modifier: Modifier::empty(),
    };

    fn of(cell: &Cell) -> Pen {
        Pen {
            fg: cell.fg,
            bg: cell.bg,
            modifier: cell.modifier,
        }
    }
}

fn color_code(out: &mut String, c: Color, background: bool) {
    let base = if background { 40 } else { 30 };
    let bright = if background { 100 } else { 90 };
    let _ = match c {
        Color::Reset => Ok(()),
        Color::Black => write!(out, ";{}", base),
        Color::Red => write!(out, ";{}", base + 1),
        Color::Green => write!(out, ";{}", base + 2),
        Color::Yellow => write!(out, ";{}", base + 3),
        Color::Blue => write!(out, ";{}", base + 4),
        Color::Magenta => write!(out, ";{}", base + 5),
        Color::Cyan => write!(out, ";{}", base + 6),
        Color::Gray => write!(out, ";{}", base + 7),
        Color::DarkGray => write!(out, ";{}", bright),
        Color::LightRed => write!(out, ";{}", bright + 1),
        Color::LightGreen => write!(out, ";{}", bright + 2),
        Color::LightYellow => write!(out, ";{}", bright + 3),
        Color::LightBlue => write!(out, ";{}", bright + 4),
        Color::LightMagenta => write!(out, ";{}", bright + 5),
        Color::LightCyan => write!(out, ";{}", bright + 6),
        Color::White => write!(out, ";{}", bright + 7),
        Color::Indexed(i) => write!(out, ";{};5;{i}", base + 8),
        Color::Rgb(r, g, b) => write!(out, ";{};2;{r};{g};{b}", base + 8),
    };
}

/// The SGR sequence that sets `pen` from any state.
fn sgr(pen: Pen) -> String {
    if pen == Pen::DEFAULT {
        return "\x1b[m".to_string();
    }
    let mut params = String::from("0");
    let m = pen.modifier;
    for (flag, code) in [
        (Modifier::BOLD, 1),
        (Modifier::DIM, 2),
        (Modifier::ITALIC, 3),
        (Modifier::UNDERLINED, 4),
        (Modifier::SLOW_BLINK, 5),
        (Modifier::RAPID_BLINK, 6),
        (Modifier::REVERSED, 7),
        (Modifier::HIDDEN, 8),
        (Modifier::CROSSED_OUT, 9),
    ] {
        if m.contains(flag) {
            let _ = write!(params, ";{code}");
        }
    }
    color_code(&mut params, pen.fg, false);
    color_code(&mut params, pen.bg, true);
    format!("\x1b[{params}m")
}

fn is_blank(cell: &Cell) -> bool {
    cell.symbol() == " " && Pen::of(cell) == Pen::DEFAULT
}

fn glyph_width(cell: &Cell) -> usize {
    cell.symbol().width().max(1)
}

/// The OSC 8 hyperlink of each cell of a frame (`None`: no link), row by
/// row as the buffer's cells. Targets must be printable ASCII
/// ([`crate::links::hyperlink_target`]).
pub type Links = Vec<Option<Arc<str>>>;

/// What the terminal shows, as far as folio knows.
#[derive(Debug, Default)]
pub struct Encoder {
    shown: Option<Buffer>,
    /// The hyperlink of each cell of `shown` (empty: none anywhere, which
    /// is most frames: they then cost no list of their own).
    shown_links: Links,
    /// The hyperlink that printed text gets now (OSC 8 left open).
    link: Option<Arc<str>>,
    /// The hashes of `shown`'s cells (each frame's, kept for the next).
    shown_hashes: Vec<u64>,
    /// The scroll region set on the terminal (top, bottom), rows inclusive.
    region: Option<(u16, u16)>,
    /// Where the cursor is; `None` when unknown (after the last column).
    cursor: Option<(u16, u16)>,
    pen: Option<Pen>,
    /// The terminal can scroll part of a row (VT420 left/right margins,
    /// DECLRMM), as it said when asked.
    margins: bool,
}

struct Frame<'a> {
    out: String,
    enc: &'a mut Encoder,
    width: u16,
    height: u16,
}

impl Frame<'_> {
    fn set_pen(&mut self, pen: Pen) {
        if self.enc.pen != Some(pen) {
            self.out.push_str(&sgr(pen));
            self.enc.pen = Some(pen);
        }
    }

    /// Opens `link` for the text printed next (or closes the open one).
    fn set_link(&mut self, link: Option<&Arc<str>>) {
        if self.enc.link.as_ref() != link {
            let _ = write!(self.out, "\x1b]8;;{}\x1b\\", link.map_or("", |l| &**l));
            self.enc.link = link.cloned();
        }
    }

    /// The bottom row an LF may not cross without scrolling.
    fn lf_limit(&self) -> u16 {
        self.enc.region.map_or(self.height - 1, |(_, b)| b)
    }

    /// The text that re-prints `gap` (the next frame's cells the cursor would
    /// pass over), when that is possible without a change of pen.
    fn reprint(&self, gap: &[Cell], links: &[Option<Arc<str>>]) -> Option<String> {
        let plain = gap.len() <= MAX_GAP_REPRINT
            && links.iter().all(|l| l.as_ref() == self.enc.link.as_ref())
            && gap
                .iter()
                .all(|c| Some(Pen::of(c)) == self.enc.pen && glyph_width(c) == 1);
        plain.then(|| gap.iter().map(|c| c.symbol()).collect())
    }

    /// Moves the cursor to (x, y) by the cheapest means: an absolute move, a
    /// move forward, line feeds, or re-printing the cells in between; `row`
    /// is row y of the next frame.
    fn move_to(&mut self, x: u16, y: u16, row: &[Cell], links: &[Option<Arc<str>>]) {
        if self.enc.cursor == Some((x, y)) {
            return;
        }
        let forward = |n: u16| {
            if n == 1 {
                "\x1b[C".to_string()
            } else {
                format!("\x1b[{n}C")
            }
        };
        let mut candidates = vec![if x == 0 {
            format!("\x1b[{}H", y + 1)
        } else {
            format!("\x1b[{};{}H", y + 1, x + 1)
        }];
        if let Some((cx, cy)) = self.enc.cursor {
            if cy == y && x > cx {
                candidates.push(forward(x - cx));
                let gap = usize::from(cx)..usize::from(x);
                candidates.extend(self.reprint(&row[gap.clone()], &links[gap]));
            }
            // Line feeds, unless one would scroll the region.
            let limit = self.lf_limit();
            if y > cy && !(cy <= limit && limit < y) {
                let across = match x {
                    0 => String::new(),
                    _ => self
                        .reprint(&row[..usize::from(x)], &links[..usize::from(x)])
                        .unwrap_or_else(|| forward(x)),
                };
                candidates.push(format!("\r{}{across}", "\n".repeat(usize::from(y - cy))));
            }
        }
        if let Some(best) = candidates.into_iter().min_by_key(String::len) {
            self.out.push_str(&best);
        }
        self.enc.cursor = Some((x, y));
    }

    fn print(&mut self, x: u16, y: u16, cell: &Cell, link: Option<&Arc<str>>) {
        self.set_pen(Pen::of(cell));
        self.set_link(link);
        self.out.push_str(cell.symbol());
        let end = x + glyph_width(cell) as u16;
        self.enc.cursor = (end < self.width).then_some((end, y));
    }

    /// Paints row `y` from `prev` to `next`. Cells whose hashes differ
    /// differ; those whose hashes are equal are compared themselves.
    fn row(&mut self, y: u16, (prev, prev_links, ph): Row, (next, next_links, nh): Row) {
        let hashed = ph.len() == prev.len() && nh.len() == next.len();
        if (!hashed || ph == nh) && prev == next && prev_links == next_links {
            return;
        }
        let w = next.len();
        // Which cells must be painted: those that differ, widened to whole
        // wide glyphs on either side.
        let mut changed: Vec<bool> = (0..w)
            .map(|x| {
                (hashed && ph[x] != nh[x]) || prev[x] != next[x] || prev_links[x] != next_links[x]
            })
            .collect();
        for row in [prev, next] {
            let mut x = 0;
            while x < w {
                let gw = glyph_width(&row[x]).min(w - x);
                if gw > 1 && changed[x..x + gw].iter().any(|c| *c) {
                    changed[x..x + gw].iter_mut().for_each(|c| *c = true);
                }
                x += gw;
            }
        }
        // From `tail` on, the next row is blank: one erase instead of spaces.
        let tail = next
            .iter()
            .rposition(|c| !is_blank(c))
            .map_or(0, |i| i + glyph_width(&next[i]));
        let mut x = 0;
        while x < w {
            if !changed[x] {
                x += 1;
                continue;
            }
            if x >= tail {
                self.move_to(x as u16, y, next, next_links);
                self.set_pen(Pen::DEFAULT);
                self.set_link(None);
                self.out.push_str("\x1b[K");
                return;
            }
            self.move_to(x as u16, y, next, next_links);
            let cell = &next[x];
            self.print(x as u16, y, cell, next_links[x].as_ref());
            x += glyph_width(cell);
        }
    }
}

/// A row of cells, the hyperlink of each and their hashes.
type Row<'a> = (&'a [Cell], &'a [Option<Arc<str>>], &'a [u64]);

/// A block of cells that moved: rows `top..=bottom` of columns
/// `left..=right` scroll by `by` (positive: up, the content moves towards the
/// top).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Scroll {
    top: u16,
    bottom: u16,
    left: u16,
    right: u16,
    by: i32,
}

/// What a scroll costs in bytes before any row is painted: a DECSTBM region
/// and `CSI S`; a part of the rows adds left/right margins (DECLRMM on,
/// DECSLRM, DECLRMM off).
const FULL_WIDTH_COST: usize = 10;
const MARGINS_COST: usize = 36;

fn rows(buf: &Buffer) -> Vec<&[Cell]> {
    let w = usize::from(buf.area.width);
    buf.content.chunks(w.max(1)).collect()
}

/// FNV-1a: cells are hashed once per frame, and SipHash's strength buys
/// nothing here.
struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A hash of a cell: what the scroll search compares instead of cells.
fn cell_hash(c: &Cell) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = Fnv(0xcbf2_9ce4_8422_2325);
    c.symbol().hash(&mut h);
    c.fg.hash(&mut h);
    c.bg.hash(&mut h);
    c.modifier.hash(&mut h);
    h.finish()
}

/// The hash of each cell of `buf`, row by row.
fn cell_hashes(buf: &Buffer) -> Vec<u64> {
    buf.content.iter().map(cell_hash).collect()
}

/// The hash of a blank cell (what a scroll brings in).
fn blank_hash() -> u64 {
    static BLANK: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
    *BLANK.get_or_init(|| cell_hash(&Cell::EMPTY))
}

/// A hash of columns `left..=right` of each row, from the cells' hashes.
fn span_hashes(cells: &[u64], width: usize, left: usize, right: usize) -> Vec<u64> {
    cells
        .chunks(width.max(1))
        .map(|row| {
            row[left..=right].iter().fold(0u64, |h, c| {
                (h.rotate_left(7) ^ c).wrapping_mul(0x9e37_79b9_7f4a_7c15)
            })
        })
        .collect()
}

/// Whether columns `left..=right` of `row` can move without cutting a wide
/// glyph in two at either edge.
fn clean_cut(row: &[Cell], left: usize, right: usize) -> bool {
    let inside = left == 0 || glyph_width(&row[left - 1]) == 1;
    inside && (right + 1 == row.len() || glyph_width(&row[right]) == 1)
}

/// Roughly what painting columns `left..=right` of `next` costs over
/// `before` (blank when `None`), in bytes: a cursor move and the glyph for
/// each changed cell, or the cells in between when they are few. On the
/// cells' hashes: an estimate (painting compares the cells themselves).
fn paint_cost(before: Option<&[u64]>, next: &[u64], left: usize, right: usize) -> isize {
    let blank = blank_hash();
    let mut cost = 0;
    let mut last: Option<usize> = None;
    for x in left..=right {
        let was = before.map_or(blank, |row| row[x]);
        if was != next[x] {
            cost += match last {
                Some(l) if x - l - 1 <= MAX_GAP_REPRINT => (x - l) as isize,
                _ => 7,
            };
            last = Some(x);
        }
    }
    cost
}

/// What scroll `s` saves the painter, in bytes (roughly): the cost of
/// painting the rows it moves before it, less the cost after it (`p`, `n`:
/// the rows of cell hashes).
fn gain(p: &[&[u64]], n: &[&[u64]], s: Scroll) -> isize {
    let (top, bottom) = (usize::from(s.top), usize::from(s.bottom));
    let (left, right) = (usize::from(s.left), usize::from(s.right));
    (top..=bottom)
        .map(|y| {
            let source = y as isize + s.by as isize;
            let moved = (top as isize..=bottom as isize)
                .contains(&source)
                .then(|| p[source as usize]);
            paint_cost(Some(p[y]), n[y], left, right) - paint_cost(moved, n[y], left, right)
        })
        .sum()
}

/// The most profitable scroll turning `prev` into `next`, if any pays.
/// Candidates are runs of rows that moved by the same amount, whole or within
/// one of `spans` (a pane's columns, inclusive). A pane's rows move alone
/// when the terminal has left/right margins (`margins`); otherwise whole
/// rows move, and what moved beside the pane is painted back, when that still
/// pays. Quadratic in the number of rows, on row hashes; linear in cells,
/// on cell hashes: a scroll chosen on a hash that collides only costs bytes,
/// as painting then compares the cells themselves.
// `y` indexes two rows at once (y and y ± k), and runs one past the end.
#[allow(clippy::needless_range_loop)]
fn find_scroll(
    (prev, cells_p): (&Buffer, &[u64]),
    (next, cells_n): (&Buffer, &[u64]),
    spans: &[(u16, u16)],
    margins: bool,
) -> Option<Scroll> {
    let w = usize::from(next.area.width);
    if w == 0 || prev.area != next.area {
        return None;
    }
    let p: Vec<&[u64]> = cells_p.chunks(w).collect();
    let n: Vec<&[u64]> = cells_n.chunks(w).collect();
    let h = n.len();
    if p.len() != h {
        return None;
    }
    let prev_rows = rows(prev);
    let whole = (0u16, next.area.width - 1);
    // (estimated saving, scroll, what it costs to send)
    let mut candidates: Vec<(isize, Scroll, usize)> = Vec::new();
    for &(l, r) in std::iter::once(&whole).chain(spans) {
        let (left, right) = (usize::from(l), usize::from(r));
        if left > right || right >= w {
            continue;
        }
        // What moves: the span's columns, or whole rows.
        let (moved, overhead) = if (l, r) == whole {
            (whole, FULL_WIDTH_COST)
        } else if margins {
            ((l, r), MARGINS_COST)
        } else {
            (whole, FULL_WIDTH_COST)
        };
        let hp = span_hashes(cells_p, w, left, right);
        let hn = span_hashes(cells_n, w, left, right);
        let same = |y: usize, source: usize| hn[y] == hp[source];
        let changed: Vec<bool> = (0..h).map(|y| !same(y, y)).collect();
        // What painting the span of each row costs without a scroll: what a
        // row that the scroll brings into place saves.
        let cost: Vec<isize> = (0..h)
            .map(|y| paint_cost(Some(p[y]), n[y], left, right))
            .collect();
        for k in 1..h {
            for up in [true, false] {
                // Runs of rows y with next[y] == prev[y ± k].
                let mut run_start = None;
                let mut saving = 0;
                for y in 0..=h {
                    let source = if up { y + k } else { y.wrapping_sub(k) };
                    if y < h && source < h && changed[y] && same(y, source) {
                        run_start.get_or_insert(y);
                        saving += cost[y];
                        continue;
                    }
                    let Some(a) = run_start.take() else { continue };
                    let c = y - 1;
                    let (top, bottom, by) = if up {
                        (a, c + k, k as i32)
                    } else {
                        (a - k, c, -(k as i32))
                    };
                    let scroll = Scroll {
                        top: top as u16,
                        bottom: bottom as u16,
                        left: moved.0,
                        right: moved.1,
                        by,
                    };
                    let whole_glyphs = moved == whole
                        || prev_rows[top..=bottom]
                            .iter()
                            .all(|row| clean_cut(row, left, right));
                    if whole_glyphs && saving > 16 + overhead as isize {
                        candidates.push((saving, scroll, overhead));
                    }
                    saving = 0;
                }
            }
        }
    }
    // The estimate leaves out what the scroll disturbs beside the span (and
    // rows it brings in by chance): the few best are weighed exactly.
    candidates.sort_by_key(|(saving, ..)| std::cmp::Reverse(*saving));
    let mut weighed: Vec<Scroll> = Vec::new();
    let mut best: Option<(isize, Scroll)> = None;
    for (_, scroll, overhead) in candidates {
        // Without margins a pane's candidates are whole-row scrolls too: the
        // same scroll may stand twice.
        if weighed.contains(&scroll) {
            continue;
        }
        weighed.push(scroll);
        let net = gain(&p, &n, scroll) - overhead as isize;
        if net > 16 && best.is_none_or(|(b, _)| net > b) {
            best = Some((net, scroll));
        }
        if weighed.len() == 4 {
            break;
        }
    }
    best.map(|(_, s)| s)
}

impl Encoder {
    pub fn new() -> Encoder {
        Encoder::default()
    }

    /// Forgets what the terminal shows: the next frame repaints everything
    /// (after a resize, a suspend, anything drawn behind folio's back).
    pub fn invalidate(&mut self) {
        self.shown = None;
    }

    /// The bytes that restore the terminal's own state (pen, scroll region,
    /// left/right margins: a frame never leaves them set, but a write cut
    /// short might).
    pub fn reset_sequence() -> &'static str {
        "\x1b[m\x1b[r\x1b[?69l"
    }

    /// Tells the encoder the terminal can scroll part of a row (it answered
    /// that it knows DECLRMM, mode 69).
    pub fn set_margins(&mut self, on: bool) {
        self.margins = on;
    }

    /// The bytes that turn what the terminal shows into `next`. `panes` are
    /// the screen's regions that scroll on their own (the article beside the
    /// news line): they are scroll candidates of their own, moved alone when
    /// the terminal has left/right margins.
    pub fn frame(&mut self, next: &Buffer, panes: &[Rect]) -> String {
        self.frame_linked(next.clone(), panes, Links::new())
    }

    /// [`Encoder::frame`], with an OSC 8 hyperlink on the cells of `links`
    /// (one per cell of `next`; empty for none). The encoder keeps `next`
    /// as what the terminal shows (no copy of it is made).
    pub fn frame_linked(&mut self, next: Buffer, panes: &[Rect], mut links: Links) -> String {
        let area: Rect = next.area;
        let cells = next.content.len();
        if links.len() != cells {
            links.clear();
        }
        let next_links: &[Option<Arc<str>>] = &links;
        let mut frame = Frame {
            out: String::new(),
            width: area.width.max(1),
            height: area.height.max(1),
            enc: self,
        };
        let fresh = match &frame.enc.shown {
            Some(s) if s.area == area => None,
            _ => Some(Buffer::empty(area)),
        };
        if let Some(blank) = fresh {
            frame.out.push_str("\x1b[m\x1b[r\x1b[H\x1b[2J");
            frame.enc.pen = Some(Pen::DEFAULT);
            frame.enc.region = None;
            frame.enc.cursor = Some((0, 0));
            frame.enc.shown_hashes = cell_hashes(&blank);
            frame.enc.shown = Some(blank);
            frame.enc.shown_links = Links::new();
            frame.enc.link = None;
        }
        let mut shown = frame
            .enc
            .shown
            .take()
            .unwrap_or_else(|| Buffer::empty(area));
        let mut shown_links = std::mem::take(&mut frame.enc.shown_links);
        if shown_links.len() != cells {
            shown_links.clear();
        }

        // Terminals ignore margins that are not at least two columns apart.
        let spans: Vec<(u16, u16)> = panes
            .iter()
            .filter(|r| r.width >= 2 && r.x >= area.x && r.right() <= area.right())
            .map(|r| (r.x - area.x, r.right() - area.x - 1))
            .collect();
        let next_hashes = cell_hashes(&next);
        let mut prev_hashes = std::mem::take(&mut frame.enc.shown_hashes);
        if prev_hashes.len() != shown.content.len() {
            prev_hashes = cell_hashes(&shown);
        }
        let scroll = find_scroll(
            (&shown, &prev_hashes),
            (&next, &next_hashes),
            &spans,
            frame.enc.margins,
        );
        if let Some(s) = scroll {
            let part = (s.left, s.right) != (0, frame.width - 1);
            if part {
                // Left/right margins on, set to the pane; both DECSLRM and
                // DECSTBM home the cursor.
                let _ = write!(frame.out, "\x1b[?69h\x1b[{};{}s", s.left + 1, s.right + 1);
                frame.enc.cursor = None;
            }
            if frame.enc.region != Some((s.top, s.bottom)) {
                let _ = write!(frame.out, "\x1b[{};{}r", s.top + 1, s.bottom + 1);
                frame.enc.region = Some((s.top, s.bottom));
                // Terminals disagree on where DECSTBM leaves the cursor.
                frame.enc.cursor = None;
            }
            // Exposed cells take the current background (some terminals the
            // other attributes too): make them the default.
            frame.set_pen(Pen::DEFAULT);
            let n = s.by.unsigned_abs();
            let code = if s.by > 0 { 'S' } else { 'T' };
            if n == 1 {
                let _ = write!(frame.out, "\x1b[{code}");
            } else {
                let _ = write!(frame.out, "\x1b[{n}{code}");
            }
            if part {
                // Margins off at once (which resets them to the full width):
                // printing and line feeds then behave as everywhere else.
                frame.out.push_str("\x1b[?69l");
            }
            let w = usize::from(area.width);
            shift(&mut shown.content, w, s, &Cell::EMPTY);
            shift(&mut prev_hashes, w, s, &blank_hash());
            if !shown_links.is_empty() {
                shift(&mut shown_links, w, s, &None);
            }
        }

        let w = usize::from(area.width).max(1);
        // A row of no links, for a frame (or the shown screen) without any.
        let none: Links = vec![None; w];
        for (y, (p, n)) in rows(&shown).into_iter().zip(rows(&next)).enumerate() {
            let span = y * w..(y + 1) * w;
            let pl = shown_links.get(span.clone()).unwrap_or(&none);
            let nl = next_links.get(span.clone()).unwrap_or(&none);
            let ph = prev_hashes.get(span.clone()).unwrap_or_default();
            let nh = next_hashes.get(span).unwrap_or_default();
            frame.row(y as u16, (p, pl, ph), (n, nl, nh));
        }
        // No link is left open between frames: the shell may write.
        frame.set_link(None);
        let mut out = frame.out;
        self.shown = Some(next);
        self.shown_links = links;
        self.shown_hashes = next_hashes;
        if out.len() > SYNC_THRESHOLD {
            out = format!("\x1b[?2026h{out}\x1b[?2026l");
        }
        out
    }
}

/// Applies a scroll to the record of the screen (cells of rows `width`
/// wide), as the terminal does: rows brought in are `blank`.
fn shift<T: Clone>(cells: &mut [T], w: usize, s: Scroll, blank: &T) {
    let (left, right) = (usize::from(s.left), usize::from(s.right) + 1);
    let (top, bottom) = (usize::from(s.top), usize::from(s.bottom));
    let n = s.by.unsigned_abs() as usize;
    let row = |y: usize| y * w + left..y * w + right;
    let moved: Vec<usize> = if s.by > 0 {
        (top..=bottom).collect()
    } else {
        (top..=bottom).rev().collect()
    };
    for y in moved {
        let source = if s.by > 0 { y + n } else { y.wrapping_sub(n) };
        if (top..=bottom).contains(&source) {
            for (to, from) in row(y).zip(row(source)) {
                cells[to] = cells[from].clone();
            }
        } else {
            cells[row(y)].iter_mut().for_each(|c| *c = blank.clone());
        }
    }
}

/// The tests' terminal: vt100 with left/right margins (shared with the
/// integration tests).
#[cfg(test)]
#[path = "../../tests/common/margins.rs"]
mod margins;

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use ratatui::style::Style;

    use super::margins::{MarginTerminal, marked as expected};

    /// What a terminal shows after `bytes`, row by row, with bold/reverse marks.
    fn replay(t: &mut MarginTerminal, bytes: &str) -> Vec<String> {
        t.process(bytes.as_bytes());
        t.marked_rows()
    }

    /// A terminal without left/right margins (as the encoder is not told).
    fn parser(w: u16, h: u16) -> MarginTerminal {
        MarginTerminal::new(h, w, false)
    }

    fn text_buffer(w: u16, h: u16, lines: &[&str]) -> Buffer {
        let mut b = Buffer::empty(Rect::new(0, 0, w, h));
        for (y, l) in lines.iter().enumerate() {
            b.set_stringn(0, y as u16, l, usize::from(w), Style::default());
        }
        b
    }

    #[test]
    fn a_one_line_scroll_sends_the_new_line_only() {
        let text: Vec<String> = (0..30)
            .map(|i| format!("line {i:02} of the article, with some words"))
            .collect();
        let view = |top: usize| {
            let mut lines: Vec<&str> = text[top..top + 20].iter().map(|s| s.as_str()).collect();
            lines.extend(["", "", "", "status"]);
            text_buffer(80, 24, &lines)
        };
        let mut enc = Encoder::new();
        let mut p = parser(80, 24);
        replay(&mut p, &enc.frame(&view(0), &[]));
        let bytes = enc.frame(&view(1), &[]);
        assert!(bytes.len() < 70, "{} bytes: {bytes:?}", bytes.len());
        assert!(bytes.contains("\x1b[1;20r"));
        assert_eq!(replay(&mut p, &bytes), expected(&view(1)));
        // Scrolling back down uses the same region.
        let bytes = enc.frame(&view(0), &[]);
        assert!(bytes.len() < 60 && !bytes.contains("1;20r"), "{bytes:?}");
        assert_eq!(replay(&mut p, &bytes), expected(&view(0)));
        // Nothing changed: nothing sent.
        assert_eq!(enc.frame(&view(0), &[]), "");
    }

    #[test]
    fn blank_tails_are_erased_and_styles_sent_once() {
        let mut enc = Encoder::new();
        let mut p = parser(20, 3);
        let mut a = text_buffer(20, 3, &["a long line of text", "x"]);
        a.set_style(
            Rect::new(0, 1, 20, 1),
            Style::default().add_modifier(Modifier::REVERSED),
        );
        replay(&mut p, &enc.frame(&a, &[]));
        let b = text_buffer(20, 3, &["a short", "x"]);
        let bytes = enc.frame(&b, &[]);
        assert_eq!(replay(&mut p, &bytes), expected(&b));
        assert!(bytes.contains("\x1b[K"), "{bytes:?}");
    }

    /// Links on the cells of row `y`, columns `xs`.
    fn linked(b: &Buffer, y: usize, xs: std::ops::Range<usize>, to: &str) -> Links {
        let w = usize::from(b.area.width);
        let mut links = vec![None; b.content.len()];
        let to: Arc<str> = Arc::from(to);
        for x in xs {
            links[y * w + x] = Some(Arc::clone(&to));
        }
        links
    }

    #[test]
    fn hyperlinks_wrap_their_cells_and_move_with_a_scroll() {
        const OPEN: &str = "\x1b]8;;https://a.b/c\x1b\\";
        const CLOSE: &str = "\x1b]8;;\x1b\\";
        let mut enc = Encoder::new();
        let mut p = parser(20, 4);
        let a = text_buffer(20, 4, &["zero", "one Mod.gov.az", "two", "status"]);
        let bytes = enc.frame_linked(a.clone(), &[], linked(&a, 1, 4..14, "https://a.b/c"));
        assert!(
            bytes.contains(&format!("one {OPEN}Mod.gov.az")),
            "{bytes:?}"
        );
        assert!(bytes.contains(&format!("{CLOSE}two")), "{bytes:?}");
        assert_eq!(replay(&mut p, &bytes), expected(&a));
        // The same frame: nothing. The link gone, the text kept: repainted
        // without it.
        assert_eq!(
            enc.frame_linked(a.clone(), &[], linked(&a, 1, 4..14, "https://a.b/c")),
            ""
        );
        let bytes = enc.frame(&a, &[]);
        assert!(
            !bytes.contains(OPEN) && bytes.contains("Mod.gov.az"),
            "{bytes:?}"
        );
        assert!(
            bytes.ends_with(CLOSE) || !bytes.contains(CLOSE),
            "{bytes:?}"
        );
        // Linked again, then scrolled up a row: the link moves with its
        // text, so only the exposed row is painted, and no link is left open.
        enc.frame_linked(a.clone(), &[], linked(&a, 1, 4..14, "https://a.b/c"));
        let b = text_buffer(20, 4, &["one Mod.gov.az", "two", "three", "status"]);
        let bytes = enc.frame_linked(b.clone(), &[], linked(&b, 0, 4..14, "https://a.b/c"));
        assert!(
            !bytes.contains("Mod.gov.az") && bytes.contains("three"),
            "{bytes:?}"
        );
        assert!(!bytes.contains("\x1b]8"), "{bytes:?}");
        // Unlinked cells between two pieces of a link are not reprinted
        // inside it.
        let c = text_buffer(20, 4, &["ab cd", "", "", ""]);
        let mut links = linked(&c, 0, 0..2, "https://x.y/");
        links[3] = links[0].clone();
        links[4] = links[0].clone();
        let bytes = enc.frame_linked(c.clone(), &[], links.clone());
        assert!(!bytes.contains(&format!("{OPEN} ")), "{bytes:?}");
    }

    fn arb_cell() -> impl Strategy<Value = (char, u8)> {
        (
            prop_oneof![
                Just(' '),
                Just('a'),
                Just('b'),
                Just('東'),
                Just('é'),
                Just('¹')
            ],
            0u8..4,
        )
    }

    fn build(w: u16, h: u16, cells: &[(char, u8)]) -> Buffer {
        let mut b = Buffer::empty(Rect::new(0, 0, w, h));
        for y in 0..h {
            let mut x = 0;
            while x < w {
                let (ch, st) =
                    cells[(usize::from(y) * usize::from(w) + usize::from(x)) % cells.len()];
                let style = match st {
                    0 => Style::default(),
                    1 => Style::default().add_modifier(Modifier::BOLD),
                    2 => Style::default().add_modifier(Modifier::REVERSED),
                    _ => Style::default().fg(Color::Yellow),
                };
                let s = ch.to_string();
                let (nx, _) = b.set_stringn(x, y, &s, usize::from(w - x), style);
                x = if nx > x { nx } else { x + 1 };
            }
        }
        b
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        /// Whatever the frames, the terminal ends up showing the last one.
        #[test]
        fn the_terminal_shows_what_was_drawn(
            w in 1u16..30, h in 1u16..12,
            frames in proptest::collection::vec(proptest::collection::vec(arb_cell(), 1..40), 1..5),
            shift_by in 0usize..4,
            band in (0u16..12, 0u16..12),
        ) {
            let mut enc = Encoder::new();
            let mut p = parser(w, h);
            let mut last = None;
            for (i, cells) in frames.iter().enumerate() {
                // Some frames are the previous one scrolled.
                let buf = match (&last, i % 2 == 1 && shift_by > 0) {
                    (Some(prev), true) => {
                        let mut b: Buffer = Clone::clone(prev);
                        // A band of rows anywhere on the screen moves.
                        let top = band.0 % h;
                        let bottom = top + band.1 % (h - top);
                        let rows = i32::from(bottom - top + 1);
                        let s = Scroll { top, bottom, left: 0, right: w - 1, by: shift_by as i32 % rows };
                        if s.by != 0 { let w = usize::from(b.area.width); shift(&mut b.content, w, s, &Cell::EMPTY); }
                        b
                    }
                    _ => build(w, h, cells),
                };
                let bytes = enc.frame(&buf, &[]);
                prop_assert_eq!(replay(&mut p, &bytes), expected(&buf));
                last = Some(buf);
            }
        }
    }
}
