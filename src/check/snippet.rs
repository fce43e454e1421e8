//! The source line under a finding, with a caret under its column, as rustc
//! and ruff show it: a finding can be read without opening the file.
//!
//! ```text
//! b.json:20:21: warning[double-space]: 2 spaces in a row (at articles[0].paragraphs[1])
//!    |
//! 20 |         "Nothing was  agreed, officials said (privately)."
//!    |                     ^
//! ```
//!
//! A long line (a minified bundle is one line) is cut around the column to
//! the width given, with `…` where it was cut; what the terminal must not
//! receive (escapes, bidi overrides) is shown as [`clean`] shows it, and an
//! invisible character as `<U+200B>`, so the caret points at something.

use unicode_width::UnicodeWidthStr;

use crate::glyphs::Glyphs;
use crate::sanitize::clean;

/// Finds the lines of one file's findings, visited in order of line and
/// column: each step counts only the text since the last (a one-line file
/// with many findings is not read again for each).
pub struct Snippets<'t> {
    text: &'t str,
    /// The line the cursor is on (1-based), its byte range, and the
    /// character and byte the cursor is at in it.
    line: usize,
    start: usize,
    end: usize,
    column: usize,
    byte: usize,
}

impl<'t> Snippets<'t> {
    pub fn new(text: &'t str) -> Snippets<'t> {
        let end = memchr::memchr(b'\n', text.as_bytes()).unwrap_or(text.len());
        Snippets {
            text,
            line: 1,
            start: 0,
            end,
            column: 1,
            byte: 0,
        }
    }

    /// The line `line` and the byte offset in it of character `column`
    /// (both from 1); `None` past the end. Calls must come in order.
    fn seek(&mut self, line: usize, column: usize) -> Option<(&'t str, usize)> {
        if line < self.line || line == self.line && column < self.column {
            *self = Snippets::new(self.text);
        }
        while self.line < line {
            if self.end >= self.text.len() {
                return None;
            }
            self.start = self.end + 1;
            self.end = memchr::memchr(b'\n', &self.text.as_bytes()[self.start..])
                .map_or(self.text.len(), |i| self.start + i);
            self.line += 1;
            self.column = 1;
            self.byte = self.start;
        }
        let rest = self.text.get(self.byte..self.end)?;
        let skip = column - self.column;
        let advanced = rest.char_indices().nth(skip).map_or(rest.len(), |(i, _)| i);
        self.byte += advanced;
        self.column = column;
        let body = self.text.get(self.start..self.end)?;
        let body = body.strip_suffix('\r').unwrap_or(body);
        Some((body, (self.byte - self.start).min(body.len())))
    }

    /// The two or three lines shown under a finding at `line:column`, each
    /// ending in a line break, at most `width` columns wide; empty when the
    /// position is not in the text.
    pub fn show(&mut self, line: usize, column: usize, width: usize, glyphs: Glyphs) -> String {
        let Some((body, at)) = self.seek(line, column.max(1)) else {
            return String::new();
        };
        let number = line.to_string();
        let gutter = " ".repeat(number.len());
        let room = width.saturating_sub(number.len() + 3).max(20);
        let (shown, caret, carets) = cut(body, at, room, glyphs);
        format!(
            "{gutter} |\n{number} | {shown}\n{gutter} | {}{}\n",
            " ".repeat(caret),
            "^".repeat(carets.max(1))
        )
    }
}

/// Characters that take no room: shown as `<U+200B>`.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// `text` (a finding's line) as a terminal should show it: controls as
/// placeholders ([`clean`]) and invisible characters as `<U+200B>`, so a
/// message quoting a source with one in it does not read as the same text.
pub fn visible(text: &str, glyphs: Glyphs) -> String {
    if !text.chars().any(is_invisible) {
        return clean(text, glyphs).into_owned();
    }
    text.chars().map(|c| piece(c, glyphs).0).collect()
}

/// How a character is shown, and how wide that is.
fn piece(c: char, glyphs: Glyphs) -> (String, usize) {
    let shown = if is_invisible(c) {
        format!("<U+{:04X}>", u32::from(c))
    } else {
        let mut buf = [0; 4];
        clean(c.encode_utf8(&mut buf), glyphs).into_owned()
    };
    let width = shown.width();
    (shown, width)
}

/// The pieces of `chars` until they are wider than `room`: them, their
/// width, and whether that was all of `chars`.
fn pieces(
    chars: impl Iterator<Item = char>,
    room: usize,
    glyphs: Glyphs,
) -> (Vec<(String, usize)>, usize, bool) {
    let mut out = Vec::new();
    let mut width = 0;
    for c in chars {
        if width > room {
            return (out, width, false);
        }
        let p = piece(c, glyphs);
        width += p.1;
        out.push(p);
    }
    (out, width, true)
}

/// Pieces taken while they fit in `room` columns: how many, and how wide.
fn fit(pieces: &[(String, usize)], room: usize) -> (usize, usize) {
    let mut used = 0;
    for (n, (_, w)) in pieces.iter().enumerate() {
        if used + w > room {
            return (n, used);
        }
        used += w;
    }
    (pieces.len(), used)
}

/// `body` cut to `room` columns around byte `at`: the text, the column of
/// the caret in it and the caret's width.
fn cut(body: &str, at: usize, room: usize, glyphs: Glyphs) -> (String, usize, usize) {
    let ellipsis = if glyphs.unicode { "…" } else { "..." };
    let e = ellipsis.width();
    let (before, after) = body.split_at(at);
    // At most `room` columns each way are looked at, however long the line.
    let (left, left_width, left_all) = pieces(before.chars().rev(), room, glyphs);
    let (right, right_width, right_all) = pieces(after.chars(), room, glyphs);
    let carets = right.first().map_or(1, |p| p.1);
    // The caret's own piece is always shown; the rest shares the room, the
    // text after the caret (what is read next) having the larger part.
    let fits_whole = left_all && right_all && left_width + right_width <= room;
    let (n_left, w_left, cut_left) = if fits_whole {
        (left.len(), left_width, false)
    } else {
        let share = if right_all {
            room.saturating_sub(right_width)
        } else {
            room / 3
        };
        let (n, w) = fit(&left, share);
        if n == left.len() && left_all {
            (n, w, false)
        } else {
            let (n, w) = fit(&left, share.saturating_sub(e));
            (n, w, true)
        }
    };
    let room_right = room.saturating_sub(w_left + if cut_left { e } else { 0 });
    let (mut n_right, _) = fit(&right, room_right);
    let cut_right = !(n_right == right.len() && right_all);
    if cut_right {
        n_right = fit(&right, room_right.saturating_sub(e)).0;
    }
    n_right = n_right.max(right.len().min(1));
    let mut out = String::new();
    if cut_left {
        out.push_str(ellipsis);
    }
    for (s, _) in left[..n_left].iter().rev() {
        out.push_str(s);
    }
    for (s, _) in &right[..n_right] {
        out.push_str(s);
    }
    if cut_right {
        out.push_str(ellipsis);
    }
    let caret = w_left + if cut_left { e } else { 0 };
    (out, caret, carets)
}

#[cfg(test)]
mod tests {
    use super::*;

    const G: Glyphs = Glyphs::UNICODE;

    #[test]
    fn a_short_line_is_shown_whole_with_the_caret_under_the_column() {
        let text = "{\n  \"a\": \"one  two\"\n}";
        let mut s = Snippets::new(text);
        assert_eq!(
            s.show(2, 13, 80, G),
            "  |\n2 |   \"a\": \"one  two\"\n  |             ^\n"
        );
    }

    #[test]
    fn a_long_line_is_cut_around_the_column() {
        let line = format!("{}X{}", "a".repeat(500), "b".repeat(500));
        let mut s = Snippets::new(&line);
        let shown = s.show(1, 501, 80, G);
        let lines: Vec<&str> = shown.lines().collect();
        assert!(lines[1].width() <= 80, "{shown}");
        assert!(
            lines[1].starts_with("1 | …a") && lines[1].ends_with("b…"),
            "{shown}"
        );
        let caret = lines[2].find('^').unwrap();
        assert_eq!(lines[1].chars().nth(caret), Some('X'), "{shown}");
        // Later findings on the same line, in order.
        let shown = s.show(1, 1001, 80, G);
        assert!(shown.lines().nth(1).unwrap().ends_with('b'), "{shown}");
    }

    #[test]
    fn escapes_and_invisible_characters_are_shown_safely() {
        let text = "say \u{1b}[31m and zero\u{200B}width";
        let mut s = Snippets::new(text);
        let shown = s.show(1, 5, 80, G);
        assert!(!shown.contains('\u{1b}'), "{shown}");
        let shown = s.show(1, 19, 80, G);
        let lines: Vec<&str> = shown.lines().collect();
        let caret = lines[2].find('^').unwrap();
        let under: String = lines[1].chars().skip(caret).take(8).collect();
        assert_eq!(under, "<U+200B>", "{shown}");
        assert_eq!(
            visible("says \"Mfa.gov\u{200B}.az\" \u{1b}", G),
            "says \"Mfa.gov<U+200B>.az\" ␛"
        );
        assert_eq!(lines[2].matches('^').count(), "<U+200B>".len());
    }

    #[test]
    fn positions_outside_the_text_show_nothing() {
        let mut s = Snippets::new("one line");
        assert_eq!(s.show(3, 1, 80, G), "");
        assert!(s.show(1, 99, 80, G).contains("one line"));
    }
}
