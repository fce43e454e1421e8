//! Reflowing a unit of text (a paragraph, a title, a note) to a width.
//!
//! textwrap finds the break opportunities (Unicode line-breaking rules, so CJK
//! breaks between ideographs and a no-break space holds) and chooses the breaks
//! (optimal fit). On top of it folio adds two things: footnote markers are glued
//! to the word before them so a wrap never strands a marker at the start of a
//! line, and every line remembers the character offset in the source text where
//! it starts, which is what keeps a reader's place across resizes.

use std::ops::Range;

use textwrap::WordSeparator;
use textwrap::core::{Word, break_words};
use textwrap::wrap_algorithms::{Penalties, wrap_first_fit, wrap_optimal_fit};
use unicode_width::UnicodeWidthStr;

use super::{Run, TextKind};

/// A stretch of display text of one kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub text: String,
    pub kind: TextKind,
    /// Character offset in the source text where this piece starts.
    pub source_offset: usize,
    /// Glued to what precedes it (footnote markers).
    pub glue: bool,
    /// Its characters are the source's, one for one from `source_offset`
    /// (prose; not labels, bullets or markers).
    pub maps_source: bool,
}

impl Piece {
    pub fn new(text: impl Into<String>, kind: TextKind, source_offset: usize) -> Piece {
        Piece {
            text: text.into(),
            kind,
            source_offset,
            glue: false,
            maps_source: false,
        }
    }

    /// A piece of prose whose characters are the source's.
    pub fn source(text: impl Into<String>, kind: TextKind, source_offset: usize) -> Piece {
        Piece {
            maps_source: true,
            ..Piece::new(text, kind, source_offset)
        }
    }
}

/// One wrapped line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrappedLine {
    pub runs: Vec<Run>,
    /// Character offset in the source text of the line's first character.
    pub offset: usize,
}

struct Placed {
    range: Range<usize>,
    kind: TextKind,
    source_offset: usize,
    glue: bool,
    maps_source: bool,
}

/// Wraps `pieces` into lines no wider than `width`; lines after the first are
/// indented by `hanging` spaces (and are that much narrower).
pub fn wrap_pieces(pieces: &[Piece], width: usize, hanging: usize) -> Vec<WrappedLine> {
    wrap_pieces_with(pieces, width, hanging, false)
}

/// English hyphenation patterns, embedded in the binary, loaded once.
fn hyphenator() -> Option<&'static textwrap::WordSplitter> {
    use hyphenation::Load;
    static SPLITTER: std::sync::OnceLock<Option<textwrap::WordSplitter>> =
        std::sync::OnceLock::new();
    SPLITTER
        .get_or_init(|| {
            hyphenation::Standard::from_embedded(hyphenation::Language::EnglishUS)
                .ok()
                .map(textwrap::WordSplitter::Hyphenation)
        })
        .as_ref()
}

/// As [`wrap_pieces`]; with `hyphenate`, words may break at English
/// hyphenation points, the line then ending in `-`.
pub fn wrap_pieces_with(
    pieces: &[Piece],
    width: usize,
    hanging: usize,
    hyphenate: bool,
) -> Vec<WrappedLine> {
    let width = width.max(1);
    let hanging = if hanging + 2 <= width { hanging } else { 0 };
    let rest_width = width - hanging;

    let mut display = String::new();
    let mut placed = Vec::with_capacity(pieces.len());
    for p in pieces.iter().filter(|p| !p.text.is_empty()) {
        let start = display.len();
        display.push_str(&p.text);
        placed.push(Placed {
            range: start..display.len(),
            kind: p.kind,
            source_offset: p.source_offset,
            glue: p.glue,
            maps_source: p.maps_source,
        });
    }
    if display.chars().all(|c| c == ' ') {
        return Vec::new();
    }

    let offset_of = |w: &Word| w.word.as_ptr() as usize - display.as_ptr() as usize;
    let glued_at = |pos: usize| placed.iter().any(|p| p.glue && p.range.start == pos);

    // Words, with markers glued to the word before them.
    let mut words: Vec<Word> = Vec::new();
    for w in WordSeparator::UnicodeBreakProperties.find_words(&display) {
        let start = offset_of(&w);
        match words.last() {
            Some(prev) if glued_at(start) => {
                let prev_start = offset_of(prev);
                let end = start + w.word.len() + w.whitespace.len();
                let merged = Word::from(&display[prev_start..end]);
                if let Some(last) = words.last_mut() {
                    *last = merged;
                }
            }
            _ => words.push(w),
        }
    }
    for w in &mut words {
        w.width = w.width.max(w.word.width());
    }
    // (The patterns are loaded only when hyphenation is asked for.)
    let splitter = if hyphenate { hyphenator() } else { None };
    let words: Vec<Word> = match splitter {
        Some(splitter) => {
            // A hard-hyphenated compound (`Armenian-Azerbaijani`) breaks
            // only at its own hyphen.
            let compound = |w: &Word| {
                w.word
                    .trim_matches(['-', '\u{2010}'])
                    .contains(['-', '\u{2010}'])
            };
            let mut out = Vec::with_capacity(words.len());
            for w in words {
                let split = if compound(&w) {
                    &textwrap::WordSplitter::HyphenSplitter
                } else {
                    splitter
                };
                out.extend(textwrap::word_splitters::split_words(
                    std::iter::once(w),
                    split,
                ));
            }
            out
        }
        None => words,
    };
    let words = break_words(words, rest_width);

    let widths = [width as f64, rest_width as f64];
    // Optimal fit may let a line overflow when it judges that better than a
    // ragged paragraph; a terminal cannot show the overflow, so such a
    // paragraph is wrapped first-fit instead (which never overflows: no word
    // is wider than a line after `break_words`).
    let fits = |lines: &[&[Word]]| {
        lines.iter().enumerate().all(|(i, line)| {
            let limit = if i == 0 { width } else { rest_width };
            let used: usize = line
                .iter()
                .enumerate()
                .map(|(k, w)| {
                    w.width
                        + if k + 1 < line.len() {
                            w.whitespace.width()
                        } else {
                            w.penalty.width()
                        }
                })
                .sum();
            used <= limit
        })
    };
    let lines = match wrap_optimal_fit(&words, &widths, &Penalties::new()) {
        Ok(lines) if fits(&lines) => lines,
        _ => wrap_first_fit(&words, &widths),
    };

    let mut out = Vec::with_capacity(lines.len());
    for (i, line) in lines.iter().enumerate() {
        let (Some(first), Some(last)) = (line.first(), line.last()) else {
            continue;
        };
        let start = offset_of(first);
        let end = offset_of(last) + last.word.len();
        let limit = if i == 0 { width } else { rest_width };
        let mut runs = Vec::new();
        if i > 0 && hanging > 0 {
            runs.push(Run::new(" ".repeat(hanging), TextKind::Body));
        }
        let mut used = 0;
        for p in &placed {
            let a = p.range.start.max(start);
            let b = p.range.end.min(end);
            if a < b {
                let text = fit(&display[a..b], limit.saturating_sub(used));
                used += text.width();
                if !text.is_empty() {
                    let source = (!p.glue && p.maps_source)
                        .then(|| p.source_offset + display[p.range.start..a].chars().count());
                    runs.push(Run {
                        source,
                        ..Run::new(text, p.kind)
                    });
                }
            }
        }
        // A word broken at a hyphenation point ends its line with a hyphen.
        if !last.penalty.is_empty() && i + 1 < lines.len() {
            runs.push(Run::new(last.penalty, TextKind::Body));
        }
        let offset = placed
            .iter()
            .find(|p| p.range.contains(&start))
            .map_or(0, |p| {
                if p.glue {
                    p.source_offset
                } else {
                    p.source_offset + display[p.range.start..start].chars().count()
                }
            });
        out.push(WrappedLine { runs, offset });
    }
    // A hyphen that does not fit (a fragment as wide as the line): this
    // paragraph goes without hyphenation rather than past the edge.
    if hyphenate && out.iter().any(|l| super::runs_width(&l.runs) > width) {
        return wrap_pieces_with(pieces, width, hanging, false);
    }
    out
}

/// Widens the spaces between words of a line to fill `width` columns, no gap
/// wider than `max_gap`; a line that would need wider gaps stays as it is.
/// Added spaces are runs of their own, so every other run still shows its
/// source characters one for one (search highlights stay in place).
pub fn justify(runs: &mut Vec<Run>, width: usize, max_gap: usize) {
    let used: usize = runs.iter().map(|r| r.text.width()).sum();
    // Spaces between words: not the leading indent.
    let lead = runs
        .iter()
        .take_while(|r| r.text.chars().all(|c| c == ' '))
        .count();
    let gaps: usize = runs[lead..]
        .iter()
        .map(|r| r.text.chars().filter(|c| *c == ' ').count())
        .sum();
    let extra = width.saturating_sub(used);
    if gaps == 0 || extra == 0 || 1 + extra.div_ceil(gaps) > max_gap {
        return;
    }
    let (each, more) = (extra / gaps, extra % gaps);
    let mut gap = 0;
    let mut out = Vec::with_capacity(runs.len() + gaps);
    for (i, r) in runs.drain(..).enumerate() {
        if i < lead || !r.text.contains(' ') {
            out.push(r);
            continue;
        }
        let mut start = 0;
        for (at, c) in r.text.char_indices() {
            if c != ' ' {
                continue;
            }
            let end = at + 1;
            out.push(Run {
                text: r.text[start..end].to_string(),
                kind: r.kind,
                source: r.source.map(|s| s + r.text[..start].chars().count()),
            });
            let pad = each + usize::from(gap < more);
            gap += 1;
            if pad > 0 {
                out.push(Run::new(" ".repeat(pad), r.kind));
            }
            start = end;
        }
        if start < r.text.len() {
            out.push(Run {
                text: r.text[start..].to_string(),
                kind: r.kind,
                source: r.source.map(|s| s + r.text[..start].chars().count()),
            });
        }
    }
    *runs = out;
}

/// `text` cut to at most `width` columns. Only wide characters in a pane too
/// narrow for them ever need this.
fn fit(text: &str, width: usize) -> &str {
    if text.width() <= width {
        return text;
    }
    let mut end = 0;
    let mut used = 0;
    for (i, c) in text.char_indices() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > width {
            break;
        }
        used += w;
        end = i + c.len_utf8();
    }
    &text[..end]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{runs_text, runs_width};
    use proptest::prelude::*;

    fn body(text: &str) -> Piece {
        Piece::new(text, TextKind::Body, 0)
    }

    fn marker(text: &str, source_offset: usize) -> Piece {
        Piece {
            glue: true,
            ..Piece::new(
                text,
                TextKind::Marker {
                    occurrence: 0,
                    note: 1,
                },
                source_offset,
            )
        }
    }

    fn texts(lines: &[WrappedLine]) -> Vec<String> {
        lines.iter().map(|l| runs_text(&l.runs)).collect()
    }

    #[test]
    fn wraps_and_records_offsets() {
        let lines = wrap_pieces(&[body("one two three four")], 9, 0);
        assert_eq!(texts(&lines), ["one two", "three", "four"]);
        assert_eq!(
            lines.iter().map(|l| l.offset).collect::<Vec<_>>(),
            [0, 8, 14]
        );
    }

    #[test]
    fn markers_never_start_a_line() {
        // "systems¹." is one unbreakable unit.
        let pieces = [body("missile systems"), marker("¹", 15), body(". Next")];
        for width in 1..30 {
            for line in wrap_pieces(&pieces, width, 0) {
                if let Some(first) = line.runs.first() {
                    assert!(
                        !matches!(first.kind, TextKind::Marker { .. }) || width < 8,
                        "width {width}: {:?}",
                        line.runs
                    );
                }
            }
        }
        let lines = wrap_pieces(&pieces, 10, 0);
        assert_eq!(texts(&lines), ["missile", "systems¹.", "Next"]);
        assert_eq!(
            lines[1].runs[1].kind,
            TextKind::Marker {
                occurrence: 0,
                note: 1
            }
        );
    }

    #[test]
    fn marker_after_cjk_stays_with_it() {
        let pieces = [body("東京の朝は早い"), marker("¹", 7), body("。")];
        let lines = wrap_pieces(&pieces, 4, 0);
        for l in &lines {
            assert!(
                !matches!(l.runs[0].kind, TextKind::Marker { .. }),
                "{lines:?}"
            );
            assert!(runs_width(&l.runs) <= 4);
        }
    }

    #[test]
    fn a_paragraph_optimal_fit_would_overflow_keeps_every_character() {
        // Found by the property below: optimal fit put 66 columns on a line
        // of 65, and the last `a` was cut off.
        let text = "e\u{301}東朝東のの   e\u{301}\u{a0}😀aaaaaaaaaaaa\u{a0}e\u{301}aaaaaaaaaaa\u{a0}aaaaaaaaaaaae\u{301}aaaaaaaaaの";
        let lines = wrap_pieces(&[body(text)], 65, 1);
        let all: String = texts(&lines).concat();
        assert_eq!(all.matches('a').count(), text.matches('a').count());
        assert!(lines.iter().all(|l| runs_width(&l.runs) <= 65));
    }

    #[test]
    fn justify_fills_the_width_with_capped_gaps_and_keeps_sources() {
        let mut runs = vec![Run {
            source: Some(10),
            ..Run::new("one two three", TextKind::Body)
        }];
        justify(&mut runs, 17, 3);
        assert_eq!(runs_text(&runs), "one   two   three");
        assert_eq!(runs_width(&runs), 17);
        // Every run of text still starts at its source character.
        for r in runs.iter().filter(|r| r.source.is_some()) {
            let at = r.source.unwrap_or(0) - 10;
            assert_eq!(&"one two three"[at..at + r.text.len()], r.text);
        }
        // Gaps that would pass the cap: left ragged.
        let mut ragged = vec![Run::new("a b", TextKind::Body)];
        justify(&mut ragged, 20, 3);
        assert_eq!(runs_text(&ragged), "a b");
    }

    #[test]
    fn hyphenation_breaks_inside_words_and_keeps_every_letter() {
        let text = "internationalization responsibilities notwithstanding";
        let lines = wrap_pieces_with(&[body(text)], 16, 0, true);
        let shown = texts(&lines);
        assert!(shown.iter().any(|l| l.ends_with('-')), "{shown:?}");
        assert!(lines.iter().all(|l| runs_width(&l.runs) <= 16), "{shown:?}");
        let joined: String = shown
            .iter()
            .map(|l| l.strip_suffix('-').unwrap_or(l))
            .collect::<Vec<_>>()
            .join("");
        assert_eq!(joined.replace(' ', ""), text.replace(' ', ""));
    }

    #[test]
    fn a_hard_hyphenated_compound_breaks_only_at_its_hyphen() {
        let text = "the Armenian-Azerbaijani war is old";
        for width in 12..=30 {
            let lines = wrap_pieces_with(&[body(text)], width, 0, true);
            let shown = texts(&lines);
            // Nothing added: every hyphen shown is the compound's own.
            let joined: String = shown.concat();
            assert_eq!(
                joined.replace(' ', ""),
                text.replace(' ', ""),
                "at {width}: {shown:?}"
            );
        }
    }

    #[test]
    fn hanging_indent() {
        let lines = wrap_pieces(&[body("12. aaa bbb ccc")], 8, 4);
        assert_eq!(texts(&lines), ["12. aaa", "    bbb", "    ccc"]);
    }

    #[test]
    fn no_break_space_holds() {
        let lines = wrap_pieces(&[body("de\u{a0}facto regime")], 8, 0);
        assert_eq!(texts(&lines), ["de\u{a0}facto", "regime"]);
    }

    proptest! {
        #[test]
        fn no_line_is_wider_than_the_width(
            text in "([a-z]{1,12}|[東京の朝]{1,6}|[😀📰]|e\u{301}|[ ]{1,3}|\u{a0}|[.,;])*",
            marks in proptest::collection::vec(0usize..50, 0..5),
            width in 1usize..300,
            hanging in 0usize..8,
        ) {
            let mut pieces = vec![body(&text)];
            for m in marks {
                pieces.push(marker(&"¹".repeat(m % 4 + 1), 0));
                pieces.push(body(" and more text"));
            }
            let lines = wrap_pieces(&pieces, width, hanging);
            for l in &lines {
                prop_assert!(runs_width(&l.runs) <= width, "{:?} > {}", l.runs, width);
            }
            // Nothing but spaces at line ends is lost.
            let all: String = lines.iter().map(|l| runs_text(&l.runs)).collect::<Vec<_>>().join(" ");
            let strip = |s: &str| s.chars().filter(|c| *c != ' ').collect::<String>();
            let original: String = pieces.iter().map(|p| p.text.as_str()).collect();
            if width >= 2 {
                prop_assert_eq!(strip(&all), strip(&original));
            }
        }
    }
}
