//! The footnote strip: the notes cited by the lines now on screen, at the foot
//! of the article pane, like the footnotes of a printed page.
//!
//! Its height depends on what is visible and what is visible depends on its
//! height; this settles it in two steps, the same for the same view: the strip
//! is sized for the notes of a full pane, then the text takes back the rows it
//! does not need if its notes still fit. Notes are packed several to a row.
//! A row left over while there is text below goes to the text too (a blank
//! row there would read as a paragraph break); the strip then counts the
//! notes it has no row for.

use std::collections::BTreeSet;

use unicode_width::UnicodeWidthStr;

use super::article::ArticleLayout;
use super::{Run, TextKind};
use crate::glyphs::Glyphs;
use crate::sanitize::clean;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleView {
    /// Rows of article text shown, from the top of the pane.
    pub body_rows: usize,
    /// Strip rows (rule first), drawn at the bottom of the pane.
    pub strip: Vec<Vec<Run>>,
}

const GAP: &str = "   ";

/// The view of `layout` from line `top` in a pane `height` rows high.
pub fn article_view(
    layout: &ArticleLayout,
    top: usize,
    height: usize,
    glyphs: Glyphs,
    highlight: Option<usize>,
) -> ArticleView {
    let max_strip = height / 3;
    if max_strip < 2 {
        return ArticleView {
            body_rows: height,
            strip: Vec::new(),
        };
    }
    let notes_in = |rows: usize| -> Vec<usize> {
        let set: BTreeSet<usize> = layout
            .lines
            .iter()
            .skip(top)
            .take(rows)
            .flat_map(|l| l.notes.iter().copied())
            .collect();
        set.into_iter().collect()
    };
    let width = layout.text_width;
    let first = pack(
        layout,
        &notes_in(height),
        width,
        max_strip - 1,
        glyphs,
        highlight,
    );
    if first.is_empty() {
        return ArticleView {
            body_rows: height,
            strip: Vec::new(),
        };
    }
    let mut body_rows = height - first.len() - 1;
    let mut rows = pack(
        layout,
        &notes_in(body_rows),
        width,
        max_strip - 1,
        glyphs,
        highlight,
    );
    // The text got fewer notes than a full pane: give it the rows it freed,
    // if the notes of the longer text still fit in the smaller strip.
    for longer in (body_rows + 1..height - rows.len()).rev() {
        let again = pack(
            layout,
            &notes_in(longer),
            width,
            max_strip - 1,
            glyphs,
            highlight,
        );
        if longer + again.len() < height {
            (body_rows, rows) = (longer, again);
            break;
        }
    }
    // A row still free while there is text below (the next line's notes
    // need a row more than is left): the text takes it, as a blank row
    // there reads as a paragraph break, and the strip, as high as it is,
    // counts the notes it cannot show (`+1 more`); they show a line later.
    let free = height - body_rows - rows.len() - 1;
    if free > 0 && top + body_rows < layout.lines.len() {
        // A row for notes at the least, below the rule.
        let max_rows = rows.len().max(1);
        body_rows = height - 1 - max_rows;
        rows = pack(
            layout,
            &notes_in(body_rows),
            width,
            max_rows,
            glyphs,
            highlight,
        );
        if rows.is_empty() {
            // The text above cites nothing: a rule over no notes is no strip.
            return ArticleView {
                body_rows: height,
                strip: Vec::new(),
            };
        }
    }
    let rule: String = std::iter::repeat_n(glyphs.rule(), width.min(12)).collect();
    let mut strip = vec![vec![Run::new(rule, TextKind::Rule)]];
    strip.extend(rows);
    ArticleView { body_rows, strip }
}

/// Packs notes into at most `max_rows` rows of `width`; when they do not all
/// fit, the last row says how many more there are. The note `highlight`, when
/// it is among `notes`, is always shown: the notes before it give way (and
/// are counted with the rest).
fn pack(
    layout: &ArticleLayout,
    notes: &[usize],
    width: usize,
    max_rows: usize,
    glyphs: Glyphs,
    highlight: Option<usize>,
) -> Vec<Vec<Run>> {
    let finish = |start: usize| {
        let (mut rows, shown) = pack_from(layout, &notes[start..], width, max_rows, glyphs);
        let hidden = notes.len() - shown;
        if hidden == 0 {
            return rows;
        }
        let tail = format!("+{hidden} more");
        if let Some(last) = rows.last_mut() {
            if super::runs_width(last) + GAP.len() + tail.width() <= width {
                last.push(Run::new(GAP, TextKind::Body));
            } else {
                // Cut to end in one ellipsis, then the count.
                let room = width.saturating_sub(tail.width() + 1);
                *last = truncate_row(std::mem::take(last), room, glyphs);
                last.push(Run::new(" ", TextKind::Body));
            }
            last.push(Run::new(tail, TextKind::Meta));
        }
        rows
    };
    let Some(h) = highlight.filter(|h| notes.contains(h)) else {
        return finish(0);
    };
    let label = glyphs.marker(h) + " ";
    let shows = |rows: &[Vec<Run>]| {
        rows.iter()
            .flatten()
            .any(|r| r.kind == (TextKind::NoteLabel { note: h }) && r.text == label)
    };
    let last = notes.iter().position(|&n| n == h).unwrap_or(0);
    let mut rows = finish(0);
    for start in 1..=last {
        if shows(&rows) {
            break;
        }
        rows = finish(start);
    }
    rows
}

/// Packs as many of `notes` as fit in `max_rows` rows of `width`, in order:
/// the rows and how many notes they show.
fn pack_from(
    layout: &ArticleLayout,
    notes: &[usize],
    width: usize,
    max_rows: usize,
    glyphs: Glyphs,
) -> (Vec<Vec<Run>>, usize) {
    let mut rows: Vec<Vec<Run>> = Vec::new();
    let mut row_width = 0;
    for (i, &n) in notes.iter().enumerate() {
        let label = glyphs.marker(n) + " ";
        let text = layout.note_texts.get(n - 1).cloned().unwrap_or_default();
        // The link, shortened to its host: Sources has it whole.
        let link = match layout.note_links.get(n - 1) {
            Some(Some(url)) => {
                let short = crate::links::short(url, glyphs.ellipsis());
                format!(" <{}>", clean(&short, glyphs))
            }
            _ => String::new(),
        };
        let item_width = label.width() + text.width() + link.width();
        let fits_row = !rows.is_empty() && row_width + GAP.len() + item_width <= width;
        if !fits_row {
            if rows.len() == max_rows {
                return (rows, i);
            }
            rows.push(Vec::new());
            row_width = 0;
        }
        let Some(row) = rows.last_mut() else { break };
        if row_width > 0 {
            row.push(Run::new(GAP, TextKind::Body));
            row_width += GAP.len();
        }
        row.push(Run::new(label, TextKind::NoteLabel { note: n }));
        row.push(Run::new(text, TextKind::NoteText { note: n }));
        if !link.is_empty() {
            row.push(Run::new(link, TextKind::Link));
        }
        row_width += item_width;
        if row_width > width {
            let taken = std::mem::take(row);
            *row = truncate_row(taken, width, glyphs);
            row_width = width;
        }
    }
    (rows, notes.len())
}

/// Cuts a row to `width` columns, ending it with an ellipsis when cut.
fn truncate_row(row: Vec<Run>, width: usize, glyphs: Glyphs) -> Vec<Run> {
    if super::runs_width(&row) <= width {
        return row;
    }
    let room = width.saturating_sub(glyphs.ellipsis().width());
    let mut out = Vec::new();
    let mut used = 0;
    for run in row {
        let mut text = String::new();
        for c in run.text.chars() {
            let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if used + w > room {
                break;
            }
            used += w;
            text.push(c);
        }
        let cut = text.len() < run.text.len();
        if !text.is_empty() {
            out.push(Run::new(text, run.kind));
        }
        if cut {
            break;
        }
    }
    if used + glyphs.ellipsis().width() <= width {
        out.push(Run::new(glyphs.ellipsis(), TextKind::Meta));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundle::{EMBEDDED_SEED, load_bundle};
    use crate::footnotes::Notes;
    use crate::layout::article::{DEFAULT_MEASURE, LayoutOptions, layout_article};
    use crate::layout::{runs_text, runs_width};

    fn seed_layout(width: usize) -> ArticleLayout {
        let b = load_bundle(EMBEDDED_SEED, "seed").unwrap();
        let a = &b.articles[0];
        layout_article(
            a,
            &Notes::number(a),
            width,
            LayoutOptions::new(Glyphs::UNICODE, DEFAULT_MEASURE),
        )
    }

    #[test]
    fn strip_lists_the_notes_of_visible_lines() {
        let l = seed_layout(80);
        let first_marker_line = l.markers[0].line;
        let v = article_view(&l, first_marker_line, 23, Glyphs::UNICODE, None);
        let rows: Vec<String> = v.strip.iter().map(|r| runs_text(r)).collect();
        assert_eq!(rows[0], "─".repeat(12));
        assert!(
            rows[1].starts_with("¹ Mod.gov.az, 23 May 2020   ² Caspian.com, 22 May 2020"),
            "{rows:?}"
        );
        assert_eq!(v.body_rows + v.strip.len(), 23);
        // Every note on a visible body line is in the strip.
        for line in &l.lines[first_marker_line..first_marker_line + v.body_rows] {
            for n in &line.notes {
                assert!(
                    rows.iter()
                        .any(|r| r.contains(&format!("{} ", Glyphs::UNICODE.marker(*n)))),
                    "{n}"
                );
            }
        }
    }

    #[test]
    fn no_notes_no_strip() {
        let l = seed_layout(80);
        let v = article_view(&l, 0, 5, Glyphs::UNICODE, None);
        assert_eq!((v.body_rows, v.strip.len()), (5, 0));
        let end = l.lines.len() - 3;
        let v = article_view(&l, end, 23, Glyphs::UNICODE, None);
        assert!(v.strip.is_empty());
    }

    #[test]
    fn strip_never_overflows() {
        let l = seed_layout(34);
        for top in 0..l.lines.len() {
            for height in [6, 9, 23] {
                let v = article_view(&l, top, height, Glyphs::UNICODE, None);
                assert!(v.strip.len() <= height / 3);
                assert!(v.strip.iter().all(|r| runs_width(r) <= l.text_width));
            }
        }
    }

    /// Issue 16: while there is text below, no row of the pane is left
    /// empty between the text and the strip (a blank row mid-paragraph): the
    /// text takes it, and the strip counts what it cannot show.
    #[test]
    fn no_row_is_left_empty_while_there_is_text() {
        for width in [34, 80] {
            let l = seed_layout(width);
            for top in 0..l.lines.len() {
                for height in [9, 12, 23] {
                    let v = article_view(&l, top, height, Glyphs::UNICODE, None);
                    if top + v.body_rows < l.lines.len() {
                        assert_eq!(
                            v.body_rows + v.strip.len(),
                            height,
                            "{width} wide, from {top}, {height} high"
                        );
                    }
                    assert!(v.strip.len() <= height / 3);
                }
            }
        }
    }

    /// However crowded, the highlighted note is in the strip, and a cut row
    /// ends in one ellipsis before the count.
    #[test]
    fn the_highlighted_note_is_always_shown() {
        let l = seed_layout(34);
        for top in 0..l.lines.len() {
            for height in [9, 12, 23] {
                let notes: BTreeSet<usize> = (l.lines.iter().skip(top).take(height))
                    .flat_map(|l| l.notes.iter().copied())
                    .collect();
                for &h in &notes {
                    let v = article_view(&l, top, height, Glyphs::UNICODE, Some(h));
                    let body: BTreeSet<usize> = (l.lines.iter().skip(top).take(v.body_rows))
                        .flat_map(|l| l.notes.iter().copied())
                        .collect();
                    let text: Vec<String> = v.strip.iter().map(|r| runs_text(r)).collect();
                    if body.contains(&h) && !v.strip.is_empty() {
                        let label = format!("{} ", Glyphs::UNICODE.marker(h));
                        assert!(
                            v.strip.iter().flatten().any(|r| r.text == label),
                            "{h} at {top}/{height}: {text:?}"
                        );
                    }
                    assert!(text.iter().all(|t| !t.contains("……")), "{text:?}");
                    assert!(v.strip.iter().all(|r| runs_width(r) <= l.text_width));
                }
            }
        }
    }
}
