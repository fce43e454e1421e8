//! The news line as lines: `HH:MM headline` entries, wrapped with a hanging
//! indent under the headline, grouped under day separators (`5 July 2025`).
//!
//! A narrow panel (beside the article at 80 columns) or a short strip (under
//! it) cuts each headline to one line instead ([`Headlines::Cut`]): wrapped
//! whole, a 25-column ribbon shows three headlines a screen. The times stay,
//! a headline is cut at a word with an ellipsis, the selected one is shown
//! whole where it stands, and day separators are short (`5 Jul 2025`).

use std::ops::Range;

use chrono::{NaiveDate, Timelike};

use super::wrap::{Piece, wrap_pieces};
use super::{Run, TextKind};
use crate::bundle::NewsEntry;
use crate::bundle::model::long_date;
use crate::glyphs::Glyphs;
use crate::sanitize::clean;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewsLine {
    pub runs: Vec<Run>,
    /// The entry this line belongs to; `None` for day separators.
    pub entry: Option<usize>,
}

/// A window of the news line, laid out: entries `first_entry..` (all of them
/// for a site's usual few dozen; a window around the selection for a bundle of
/// hundreds of thousands, so that work follows what is on screen).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NewsLayout {
    pub width: usize,
    pub lines: Vec<NewsLine>,
    /// The first entry laid out.
    pub first_entry: usize,
    /// `entry_lines[i]`: the first line of entry `first_entry + i` and how
    /// many lines it has.
    pub entry_lines: Vec<(usize, usize)>,
    /// How the headlines were laid out.
    pub headlines: Headlines,
}

/// How headlines are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Headlines {
    /// Wrapped whole, with a hanging indent.
    #[default]
    Wrapped,
    /// One line each, cut at a word with an ellipsis; entry `whole` (the
    /// selected one) wrapped whole.
    Cut { whole: Option<usize> },
}

impl NewsLayout {
    /// The entries laid out.
    pub fn entries(&self) -> Range<usize> {
        self.first_entry..self.first_entry + self.entry_lines.len()
    }

    /// The first line of `entry` and how many lines it has, if laid out.
    pub fn span(&self, entry: usize) -> Option<(usize, usize)> {
        self.entry_lines
            .get(entry.checked_sub(self.first_entry)?)
            .copied()
    }

    /// The entry shown on `line`, or the next entry after a separator.
    pub fn entry_at_or_after(&self, line: usize) -> Option<usize> {
        self.lines.iter().skip(line).find_map(|l| l.entry)
    }
}

const TIME_WIDTH: usize = 6; // "22:10 "

/// What the proof view adds to the news line: by entry, the findings of
/// `folio check` on it (character offset in the headline, if the finding has
/// one; label), each shown under the line it concerns.
pub type NewsProof = std::collections::HashMap<usize, Vec<(Option<usize>, String)>>;

/// Lays out `entries[window]` (the whole news line when it is `0..len`).
pub fn layout_news(
    entries: &[NewsEntry],
    window: Range<usize>,
    width: usize,
    glyphs: Glyphs,
    headlines: Headlines,
) -> NewsLayout {
    layout_news_proofed(entries, window, width, glyphs, headlines, None)
}

/// As [`layout_news`], with the proof view's findings under their lines.
pub fn layout_news_proofed(
    entries: &[NewsEntry],
    window: Range<usize>,
    width: usize,
    glyphs: Glyphs,
    headlines: Headlines,
    proof: Option<&NewsProof>,
) -> NewsLayout {
    let width = width.max(1);
    let window = window.start.min(entries.len())..window.end.min(entries.len());
    let mut lines = Vec::new();
    let mut entry_lines = Vec::with_capacity(window.len());
    // A day heading goes where the date changes, inside the window or not.
    let mut day: Option<NaiveDate> = window
        .start
        .checked_sub(1)
        .and_then(|i| entries.get(i))
        .map(|e| e.time.date());
    for (i, e) in entries
        .iter()
        .enumerate()
        .skip(window.start)
        .take(window.len())
    {
        let date = e.time.date();
        if day != Some(date) {
            day = Some(date);
            let date = match headlines {
                Headlines::Wrapped => long_date(date),
                Headlines::Cut { .. } => date.format("%-d %b %Y").to_string(),
            };
            let label = format!("{} {date} ", glyphs.rule());
            let fill = width.saturating_sub(unicode_width::UnicodeWidthStr::width(label.as_str()));
            let text: String = label
                .chars()
                .chain(std::iter::repeat_n(glyphs.rule(), fill))
                .collect();
            let pieces = [Piece::new(text, TextKind::DaySeparator, 0)];
            for w in wrap_pieces(&pieces, width, 0).into_iter().take(1) {
                lines.push(NewsLine {
                    runs: w.runs,
                    entry: None,
                });
            }
        }
        let mut pieces = vec![
            Piece::new(
                format!("{:02}:{:02} ", e.time.hour(), e.time.minute()),
                TextKind::Time,
                0,
            ),
            Piece::new(clean(&e.headline, glyphs), TextKind::Headline, 0),
        ];
        if e.article.is_some() {
            pieces.push(Piece {
                glue: true,
                ..Piece::new(glyphs.link_arrow(), TextKind::Link, 0)
            });
        }
        let first = lines.len();
        let wrapped = match headlines {
            Headlines::Cut { whole } if whole != Some(i) => cut(e, width, glyphs),
            _ => wrap_pieces(&pieces, width, TIME_WIDTH),
        };
        // Where each line starts in the headline (the time comes first).
        let starts: Vec<usize> = (wrapped.iter().enumerate())
            .map(|(n, w)| if n == 0 { 0 } else { w.offset })
            .collect();
        let mut rows: Vec<Vec<Run>> = wrapped.into_iter().map(|w| w.runs).collect();
        if rows.is_empty() {
            rows.push(Vec::new());
        }
        let mut under: Vec<Vec<Vec<Run>>> = vec![Vec::new(); rows.len()];
        for (at, label) in proof.and_then(|p| p.get(&i)).into_iter().flatten() {
            // Under the line holding the slip; the last line without an offset.
            let row = match at {
                Some(at) => starts.iter().rposition(|s| s <= at).unwrap_or(0),
                None => rows.len() - 1,
            };
            let caret = if glyphs.fancy() { "▲ " } else { "^ " };
            let text = format!("{caret}{}", clean(label, glyphs));
            let pieces = [Piece::new(text, TextKind::Finding, 0)];
            let indent = if width >= TIME_WIDTH + 12 {
                TIME_WIDTH
            } else {
                0
            };
            for w in wrap_pieces(&pieces, width - indent, 2) {
                let mut runs = Vec::new();
                if indent > 0 {
                    runs.push(Run::new(" ".repeat(indent), TextKind::Body));
                }
                runs.extend(w.runs);
                if let Some(u) = under.get_mut(row) {
                    u.push(runs);
                }
            }
        }
        for (runs, findings) in rows.into_iter().zip(under) {
            for runs in std::iter::once(runs).chain(findings) {
                lines.push(NewsLine {
                    runs,
                    entry: Some(i),
                });
            }
        }
        entry_lines.push((first, lines.len() - first));
    }
    NewsLayout {
        width,
        lines,
        first_entry: window.start,
        entry_lines,
        headlines,
    }
}

/// `e` on one line of `width`: its time, its headline cut after the last
/// word that fits with an ellipsis (mid-word only when the first word does
/// not fit), and its link arrow.
fn cut(e: &NewsEntry, width: usize, glyphs: Glyphs) -> Vec<super::wrap::WrappedLine> {
    use unicode_width::UnicodeWidthStr;
    let time = format!("{:02}:{:02} ", e.time.hour(), e.time.minute());
    let headline = clean(&e.headline, glyphs);
    let arrow = if e.article.is_some() {
        glyphs.link_arrow()
    } else {
        ""
    };
    let room = width.saturating_sub(TIME_WIDTH + arrow.width());
    let text = if headline.width() <= room {
        headline.into_owned()
    } else {
        let room = room.saturating_sub(glyphs.ellipsis().width());
        let mut kept = String::new();
        for word in headline.split_inclusive(' ') {
            if kept.width() + word.trim_end().width() > room {
                break;
            }
            kept.push_str(word);
        }
        if kept.trim().is_empty() {
            // One long word: cut it where it stops fitting.
            kept.clear();
            for c in headline.chars() {
                if kept.width() + c.to_string().width() > room {
                    break;
                }
                kept.push(c);
            }
        }
        format!("{}{}", kept.trim_end(), glyphs.ellipsis())
    };
    let mut runs = vec![
        Run::new(time, TextKind::Time),
        Run::new(text, TextKind::Headline),
    ];
    if !arrow.is_empty() {
        runs.push(Run::new(arrow, TextKind::Link));
    }
    // Whatever the width, nothing is drawn past it (ratatui clips the rest).
    vec![super::wrap::WrappedLine { runs, offset: 0 }]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundle::{EMBEDDED_SEED, load_bundle};
    use crate::layout::{runs_text, runs_width};

    #[test]
    fn seed_news_line_groups_by_day() {
        let b = load_bundle(EMBEDDED_SEED, "seed").unwrap();
        let l = layout_news(
            &b.news_line,
            0..b.news_line.len(),
            40,
            Glyphs::UNICODE,
            Headlines::Wrapped,
        );
        assert_eq!(
            runs_text(&l.lines[0].runs),
            format!("─ 5 July 2025 {}", "─".repeat(26))
        );
        assert_eq!(
            runs_text(&l.lines[1].runs),
            "22:10 Russia accuses Ukrainian military"
        );
        assert_eq!(
            runs_text(&l.lines[2].runs),
            "      chief of ordering downing of war"
        );
        assert_eq!(l.entry_lines.len(), 40);
        assert!(l.lines.iter().all(|line| runs_width(&line.runs) <= 40));
        assert_eq!(l.entry_at_or_after(0), Some(0));
    }

    #[test]
    fn cut_headlines_keep_their_time_and_stop_at_a_word() {
        let b = load_bundle(EMBEDDED_SEED, "seed").unwrap();
        let all = 0..b.news_line.len();
        let cut = Headlines::Cut { whole: Some(1) };
        let l = layout_news(&b.news_line, all, 25, Glyphs::UNICODE, cut);
        let text: Vec<String> = l.lines.iter().map(|l| runs_text(&l.runs)).collect();
        assert_eq!(text[0], format!("─ 5 Jul 2025 {}", "─".repeat(12)));
        assert_eq!(text[1], "22:10 Russia accuses…");
        // The selected entry, whole; the next one cut again.
        assert_eq!(l.span(1), Some((2, 4)));
        assert_eq!(
            text[2..6],
            [
                "22:00 Türkiye supports",
                "      firefighting",
                "      operations in",
                "      Syria’s Latakia"
            ]
        );
        assert_eq!(text[6], "21:45 UNRWA calls for…");
        assert!(l.lines.iter().all(|line| runs_width(&line.runs) <= 25));
        // A first word longer than the room is cut inside it.
        let mut long = b.news_line[..1].to_vec();
        long[0].headline = "Supercalifragilisticexpialidocious news".into();
        let l = layout_news(
            &long,
            0..1,
            20,
            Glyphs::ASCII,
            Headlines::Cut { whole: None },
        );
        assert_eq!(runs_text(&l.lines[1].runs), "22:10 Supercalifr...");
    }

    #[test]
    fn linked_entries_carry_an_arrow_and_days_split() {
        let text = include_str!("../../sample-data/showcase.json");
        let b = load_bundle(text, "s").unwrap();
        let l = layout_news(
            &b.news_line,
            0..b.news_line.len(),
            200,
            Glyphs::ASCII,
            Headlines::Wrapped,
        );
        let all: Vec<String> = l.lines.iter().map(|l| runs_text(&l.runs)).collect();
        assert!(all[1].ends_with("measure ?? and ? ->"), "{all:?}");
        assert!(
            all.last()
                .unwrap()
                .ends_with("Zoe and the cafe of combining marks")
        );
        let separators = l.lines.iter().filter(|l| l.entry.is_none()).count();
        assert_eq!(separators, 3);
    }
}
