//! Citations and notes: `c`/`C` highlight the next or previous citation
//! (beyond the laid-out part of a long article too), Enter goes from a
//! citation to its source in Sources and back, a typed number goes to its
//! note.

use super::{App, Effect};
use crate::layout::article::MarkerAt;

impl App {
    pub(super) fn step_citation(&mut self, forward: bool) -> Effect {
        if self.notes.first_paragraph(1).is_none() {
            self.message = Some("This article has no citations".into());
            return Effect::Redraw;
        }
        let markers = &self.layout.markers;
        let from_current = self
            .current
            .filter(|&i| markers.get(i).is_some_and(|m| self.line_visible(m.line)));
        let view_end = self.top + self.article_view().body_rows;
        let mut next = match (from_current, forward) {
            (Some(i), true) => (i + 1 < markers.len()).then_some(i + 1),
            (Some(i), false) => i.checked_sub(1),
            (None, true) => markers.iter().position(|m| m.line >= self.top),
            (None, false) => markers.iter().rposition(|m| m.line < view_end),
        };
        let laid_out_all = if forward {
            self.layout.has_end()
        } else {
            self.layout.has_start()
        };
        if next.is_none()
            && !laid_out_all
            && let Some(block) = self.paragraph_with_marker_beyond(forward)
        {
            self.lay_out_block(block);
            let in_block = |m: &MarkerAt| m.at.0 == block;
            next = if forward {
                self.layout.markers.iter().position(in_block)
            } else {
                self.layout.markers.iter().rposition(in_block)
            };
        }
        let markers = &self.layout.markers;
        match next {
            Some(i) => {
                self.current = Some(i);
                self.target_note = None;
                if let Some(m) = markers.get(i).copied() {
                    self.reveal_line(m.line);
                }
            }
            None => {
                self.message = Some(
                    if forward {
                        "No more citations below"
                    } else {
                        "No more citations above"
                    }
                    .into(),
                );
            }
        }
        Effect::Redraw
    }

    /// The block of the nearest paragraph past the laid-out window (after it
    /// or before it) that refers to a note.
    pub(super) fn paragraph_with_marker_beyond(&self, forward: bool) -> Option<usize> {
        let outline = self.layout.outline();
        let laid_out = outline.paragraphs_in(self.layout.blocks.clone());
        let found = if forward {
            self.notes.citing_from(laid_out.end)
        } else {
            self.notes.citing_before(laid_out.start)
        };
        found.map(|i| outline.paragraph_block(i))
    }

    /// Shows the line of note `n` in Sources.
    pub(super) fn reveal_note(&mut self, n: usize) {
        if let Some(block) = self.layout.note_block(n) {
            self.lay_out_block(block);
        }
        if let Some(line) = self.layout.note_line(n) {
            self.reveal_line(line);
        }
    }

    pub(super) fn follow(&mut self) -> Effect {
        if let Some(n) = self.number.take() {
            return self.go_to_note(n as usize);
        }
        let current_note = self
            .current_marker()
            .filter(|m| self.line_visible(m.line))
            .map(|m| m.note);
        if let Some(note) = current_note {
            self.push_history();
            self.target_note = Some(note);
            self.reveal_note(note);
            return Effect::Redraw;
        }
        let target = self.target_note.filter(|&n| {
            self.layout
                .note_line(n)
                .is_some_and(|l| self.line_visible(l))
        });
        if let Some(note) = target {
            return self.go_to_note(note);
        }
        self.message = Some("No citation highlighted: press c to highlight the next one".into());
        Effect::Redraw
    }

    /// Highlights the first citation of note `n` (or its source if uncited).
    pub(super) fn go_to_note(&mut self, n: usize) -> Effect {
        if n == 0 || n > self.notes.len() {
            self.message = Some(match self.notes.len() {
                0 => "This article has no notes".into(),
                len => format!("No note {n}: this article has notes 1-{len}"),
            });
            return Effect::Redraw;
        }
        self.push_history();
        if let Some(p) = self.notes.first_paragraph(n) {
            self.lay_out_block(self.layout.paragraph_block(p));
        }
        match self.layout.first_marker_of(n) {
            Some(i) => {
                self.current = Some(i);
                self.target_note = None;
                if let Some(m) = self.layout.markers.get(i).copied() {
                    self.reveal_line(m.line);
                }
            }
            None => {
                self.target_note = Some(n);
                self.reveal_note(n);
            }
        }
        Effect::Redraw
    }
}
