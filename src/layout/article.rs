//! The article as a column of lines: header, paragraphs with footnote markers,
//! related headlines and the Sources section, reflowed to the reading measure.
//!
//! Each line carries an [`AnchorKey`] (which block of the document, which
//! character in it), ordered like the lines themselves. A reader's place is a
//! key, not a row number, so it survives a re-wrap at another width.

use std::ops::Range;

use chrono::Timelike;

use super::wrap::{Piece, justify, wrap_pieces, wrap_pieces_with};
use super::{Run, TextKind};
use crate::bundle::Article;
use crate::bundle::markers::{Segment, segments};
use crate::bundle::model::long_date;
use crate::footnotes::{Notes, note_text};
use crate::glyphs::Glyphs;
use crate::sanitize::clean;

/// The default reading measure, in columns.
pub const DEFAULT_MEASURE: usize = 76;

/// Where a line sits in the document, independent of width.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct AnchorKey {
    /// Block of the document: header parts, paragraphs, notes… in order.
    pub block: usize,
    /// Character offset in the block's source text.
    pub offset: usize,
    /// 1 for the blank line after a block, 0 for text.
    pub gap: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocLine {
    pub runs: Vec<Run>,
    pub key: AnchorKey,
    /// Notes whose markers appear on this line, in order, without repeats.
    pub notes: Vec<usize>,
}

/// A footnote marker in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MarkerAt {
    pub line: usize,
    pub note: usize,
    /// Where it is in the document: the paragraph's block and the marker's
    /// character offset (the same marker in any layout of the article).
    pub at: (usize, usize),
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ArticleLayout {
    /// Width of the pane this was laid out for.
    pub pane_width: usize,
    /// Columns of blank to the left of the text (centring).
    pub left: usize,
    pub text_width: usize,
    pub lines: Vec<DocLine>,
    /// Every marker of the laid-out blocks, in reading order.
    pub markers: Vec<MarkerAt>,
    /// `note_texts[n - 1]`: the text of note `n`, sanitised; empty for a note
    /// neither cited nor listed in the laid-out blocks.
    pub note_texts: Vec<String>,
    /// Block of the first paragraph (paragraph `i` is block `first_paragraph_block + i`).
    pub first_paragraph_block: usize,
    /// Block of note 1 in Sources (note `n` is block `first_note_block + n - 1`).
    pub first_note_block: usize,
    pub title_block: usize,
    /// Block of the first related headline.
    pub first_related_block: usize,
    /// The blocks laid out: all of them, or a window of a long article.
    pub blocks: Range<usize>,
    /// `block_starts[b]`: bytes of source text before block `b` (the last
    /// entry is the whole document), for a reader's place as a fraction.
    pub block_starts: Vec<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LayoutOptions {
    pub glyphs: Glyphs,
    pub measure: usize,
    /// Centre the text in a pane wider than the measure (else keep it left).
    pub centre: bool,
    /// Break words at English hyphenation points.
    pub hyphenate: bool,
    /// Widen the spaces of a paragraph's lines to fill the measure (no gap
    /// over [`MAX_GAP`] columns).
    pub justify: bool,
}

impl LayoutOptions {
    /// Centred, not hyphenated, ragged right: the defaults.
    pub fn new(glyphs: Glyphs, measure: usize) -> LayoutOptions {
        LayoutOptions {
            glyphs,
            measure,
            centre: true,
            hyphenate: false,
            justify: false,
        }
    }
}

/// The widest a justified gap between words gets, in columns.
pub const MAX_GAP: usize = 3;

/// What the proof view adds to an article: paragraph indexes in the margin,
/// each marker's raw citation text, and findings under the lines they
/// concern. Findings are labels (`warning[rule]: message`) by place.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Proof {
    /// By paragraph index: (character offset, if the finding has one; label).
    pub paragraphs: std::collections::HashMap<usize, Vec<(Option<usize>, String)>>,
    /// On the article itself (title, id, author…).
    pub header: Vec<String>,
    /// By index in `article.citations`.
    pub citations: std::collections::HashMap<usize, Vec<String>>,
}

impl ArticleLayout {
    /// The line at which a reader whose place was `key` continues: the last line
    /// that starts at or before it.
    pub fn line_for(&self, key: AnchorKey) -> usize {
        self.lines
            .partition_point(|l| l.key <= key)
            .saturating_sub(1)
    }

    pub fn key_of(&self, line: usize) -> AnchorKey {
        self.lines.get(line).map(|l| l.key).unwrap_or_default()
    }

    /// The article as plain text, one line per laid-out line, indented as on
    /// screen (what `less` is given in the bandwidth comparison).
    pub fn plain_text(&self) -> String {
        let pad = " ".repeat(self.left);
        self.lines
            .iter()
            .map(|l| {
                let text = super::runs_text(&l.runs);
                if text.is_empty() {
                    "\n".to_string()
                } else {
                    format!("{pad}{text}\n")
                }
            })
            .collect()
    }

    /// The first marker occurrence of note `n` in the laid-out text.
    pub fn first_marker_of(&self, note: usize) -> Option<usize> {
        self.markers.iter().position(|m| m.note == note)
    }

    /// The line of note `n` in Sources, when it is laid out.
    pub fn note_line(&self, note: usize) -> Option<usize> {
        let block = self.note_block(note)?;
        self.blocks.contains(&block).then(|| {
            self.line_for(AnchorKey {
                block,
                ..AnchorKey::default()
            })
        })
    }

    /// The block of note `n` in Sources.
    pub fn note_block(&self, note: usize) -> Option<usize> {
        (note >= 1 && note <= self.note_texts.len()).then(|| self.first_note_block + note - 1)
    }

    pub fn total_blocks(&self) -> usize {
        self.block_starts.len().saturating_sub(1)
    }

    /// The whole article is laid out (not a window of a long one).
    pub fn is_whole(&self) -> bool {
        self.blocks.start == 0 && self.blocks.end >= self.total_blocks()
    }

    pub fn has_start(&self) -> bool {
        self.blocks.start == 0
    }

    pub fn has_end(&self) -> bool {
        self.blocks.end >= self.total_blocks()
    }

    /// How far into the document line `line` starts, from 0 to 1, by bytes
    /// of source text (an estimate where lines of a window are concerned).
    pub fn fraction_at(&self, line: usize) -> f64 {
        let total = self.block_starts.last().copied().unwrap_or(0).max(1);
        let key = self.key_of(line);
        let start = self.block_starts.get(key.block).copied().unwrap_or(total);
        let offset = if key.gap == 1 {
            0
        } else {
            key.offset.min(usize::MAX / 2)
        };
        ((start + offset) as f64 / total as f64).min(1.0)
    }
}

struct Builder {
    lines: Vec<DocLine>,
    markers: Vec<MarkerAt>,
    block: usize,
    width: usize,
    /// Blocks to lay out; the others are only counted.
    range: Range<usize>,
    glyphs: Glyphs,
}

impl Builder {
    fn wanted(&self) -> bool {
        self.range.contains(&self.block)
    }

    fn unit(&mut self, pieces: &[Piece], hanging: usize) {
        if !self.wanted() {
            self.block += 1;
            return;
        }
        let wrapped = wrap_pieces(pieces, self.width, hanging);
        self.push_wrapped(wrapped);
    }

    /// Adds the lines of one block, wrapped already.
    fn push_wrapped(&mut self, wrapped: Vec<super::wrap::WrappedLine>) {
        for w in wrapped {
            let mut notes = Vec::new();
            for r in &w.runs {
                if let TextKind::Marker { note, .. } = r.kind
                    && !notes.contains(&note)
                {
                    notes.push(note);
                }
            }
            self.lines.push(DocLine {
                runs: w.runs,
                key: AnchorKey {
                    block: self.block,
                    offset: w.offset,
                    gap: 0,
                },
                notes,
            });
        }
        self.block += 1;
    }

    fn blank(&mut self) {
        if !self.range.contains(&self.block.saturating_sub(1)) {
            return;
        }
        self.lines.push(DocLine {
            runs: Vec::new(),
            key: AnchorKey {
                block: self.block.saturating_sub(1),
                offset: usize::MAX,
                gap: 1,
            },
            notes: Vec::new(),
        });
    }

    /// Findings under the last line laid out (of the block just ended, or
    /// of `line` when given): `^ label`, wrapped, each line keyed just after
    /// the line it concerns.
    fn findings(&mut self, labels: &[String], line: Option<usize>, gutter: usize) {
        let Some(at) = line.or(self.lines.len().checked_sub(1)) else {
            return;
        };
        let Some(base) = self.lines.get(at).map(|l| l.key) else {
            return;
        };
        let caret = if self.glyphs.fancy() { "▲ " } else { "^ " };
        let mut extra = Vec::new();
        for label in labels {
            let pieces = [Piece::new(format!("{caret}{label}"), TextKind::Finding, 0)];
            for w in wrap_pieces(&pieces, self.width.max(1), 2) {
                let mut runs = Vec::new();
                if gutter > 0 {
                    runs.push(Run::new(" ".repeat(gutter), TextKind::Gutter));
                }
                runs.extend(w.runs);
                extra.push(runs);
            }
        }
        // Keys between the line and the next: same block and offset, gaps
        // after the text's 0 (a blank line's offset is beyond every text's).
        let mut gap = 2 + self.lines[at + 1..]
            .iter()
            .take_while(|l| l.key.block == base.block && l.key.offset == base.offset)
            .count();
        let mut insert_at = at + 1;
        while self
            .lines
            .get(insert_at)
            .is_some_and(|l| l.key.block == base.block && l.key.offset == base.offset)
        {
            insert_at += 1;
        }
        for runs in extra {
            self.lines.insert(
                insert_at,
                DocLine {
                    runs,
                    key: AnchorKey { gap, ..base },
                    notes: Vec::new(),
                },
            );
            insert_at += 1;
            gap += 1;
        }
    }

    fn rule(&mut self, glyphs: Glyphs, len: usize) {
        let text: String = std::iter::repeat_n(glyphs.rule(), len).collect();
        self.unit(&[Piece::new(text, TextKind::Rule, 0)], 0);
    }
}

/// Below this many characters an article is wrapped on one thread.
const PARALLEL_FROM: usize = 200_000;

/// Wraps every paragraph; a long article's paragraphs are split across the
/// machine's cores (the result is the same, in the same order).
fn wrap_all(
    paragraphs: &[Vec<Piece>],
    width: usize,
    hyphenate: bool,
) -> Vec<Vec<super::wrap::WrappedLine>> {
    let chars: usize = paragraphs.iter().flatten().map(|p| p.text.len()).sum();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if chars < PARALLEL_FROM || threads < 2 || paragraphs.len() < 2 {
        return paragraphs
            .iter()
            .map(|p| wrap_pieces_with(p, width, 0, hyphenate))
            .collect();
    }
    let chunk = paragraphs.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = paragraphs
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|p| wrap_pieces_with(p, width, 0, hyphenate))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

/// Articles whose text is at most this many bytes are always laid out whole.
pub const WHOLE_UP_TO: usize = 256 * 1024;

/// Which part of an article to lay out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Around {
    /// All of it, however long.
    Whole,
    /// The blocks around a place: enough lines on either side for `rows`
    /// rows of screen several times over (a long article); all of a short one.
    Key { key: AnchorKey, rows: usize },
    /// The end of the article, for a pane `rows` rows high.
    End { rows: usize },
}

/// Lays out all of `article` for a pane `pane_width` columns wide.
pub fn layout_article(
    article: &Article,
    notes: &Notes,
    pane_width: usize,
    opts: LayoutOptions,
) -> ArticleLayout {
    layout_around(article, notes, pane_width, opts, Around::Whole, None)
}

/// The reading measure in a pane `pane_width` wide: (left margin, text width).
fn measure(pane_width: usize, opts: LayoutOptions) -> (usize, usize) {
    let margin = if pane_width >= 40 { 2 } else { 0 };
    let text_width = pane_width
        .saturating_sub(2 * margin)
        .min(opts.measure.max(1))
        .max(1);
    let left = if opts.centre {
        (pane_width.saturating_sub(text_width)) / 2
    } else {
        margin.min(pane_width.saturating_sub(text_width))
    };
    (left, text_width)
}

/// Bytes of source text of each block, in the order the builder numbers them
/// (header parts, paragraphs, related, Sources), and the first paragraph's
/// and first note's blocks. Costs one step per block, not per character.
fn block_sizes(article: &Article, notes: &Notes) -> (Vec<usize>, usize, usize) {
    let mut sizes = Vec::with_capacity(article.paragraphs.len() + notes.len() + 8);
    if article.category.as_deref().is_some_and(|c| !c.is_empty()) || article.published.is_some() {
        sizes.push(40);
    }
    sizes.push(article.title.len());
    if article.author.as_deref().is_some_and(|a| !a.is_empty())
        || article.origin.as_deref().is_some_and(|o| !o.is_empty())
    {
        sizes.push(60);
    }
    sizes.push(1); // the rule
    let first_paragraph = sizes.len();
    sizes.extend(article.paragraphs.iter().map(String::len));
    if !article.related.is_empty() {
        sizes.push(7);
        sizes.extend(article.related.iter().map(String::len));
    }
    if !notes.is_empty() {
        sizes.extend([1, 7]); // rule and heading
    }
    let first_note = sizes.len();
    sizes.extend(std::iter::repeat_n(40, notes.len()));
    (sizes, first_paragraph, first_note)
}

/// The blocks around `center` holding at least `chars` characters on each
/// side (or reaching the document's edge).
fn window(
    article: &Article,
    sizes: &[usize],
    first_paragraph: usize,
    center: usize,
    chars: usize,
) -> Range<usize> {
    let center = center.min(sizes.len().saturating_sub(1));
    let weight = |block: usize| {
        block
            .checked_sub(first_paragraph)
            .and_then(|i| article.paragraphs.get(i))
            .map_or_else(
                || sizes.get(block).copied().unwrap_or(0),
                |p| p.chars().count(),
            )
    };
    let mut start = center;
    let mut seen = 0;
    while start > 0 && seen < chars {
        start -= 1;
        seen += weight(start);
    }
    // The centre block whole, then as much again after it: the place may be
    // at the centre block's very end.
    let mut end = center + 1;
    let mut seen = 0;
    while end < sizes.len() && seen < chars {
        seen += weight(end);
        end += 1;
    }
    start..end.min(sizes.len())
}

/// Lays out `article`, or the part of it `around` asks for, for a pane
/// `pane_width` columns wide. Work is proportional to the blocks laid out
/// (plus one step per block to number them), so a resize of a 5 MB article
/// costs what a screenful around the reader's place costs.
pub fn layout_around(
    article: &Article,
    notes: &Notes,
    pane_width: usize,
    opts: LayoutOptions,
    around: Around,
    proof: Option<&Proof>,
) -> ArticleLayout {
    let g = opts.glyphs;
    let (left, text_width) = measure(pane_width, opts);
    let (sizes, first_paragraph, first_note) = block_sizes(article, notes);
    let total: usize = sizes.iter().sum();
    let range = match around {
        _ if total <= WHOLE_UP_TO => 0..sizes.len(),
        Around::Whole => 0..sizes.len(),
        Around::Key { key, rows } => {
            // Lines hold at most `text_width` characters: this many
            // characters make at least four screens and a margin each way.
            let chars = (4 * rows + 50) * text_width;
            window(article, &sizes, first_paragraph, key.block, chars)
        }
        Around::End { rows } => {
            let chars = (4 * rows + 50) * text_width;
            window(article, &sizes, first_paragraph, sizes.len(), chars)
        }
    };
    let mut block_starts = Vec::with_capacity(sizes.len() + 1);
    let mut sum = 0;
    block_starts.push(0);
    for s in &sizes {
        sum += s;
        block_starts.push(sum);
    }
    let mut b = Builder {
        lines: Vec::new(),
        markers: Vec::new(),
        block: 0,
        width: text_width,
        range: range.clone(),
        glyphs: g,
    };

    // Header: category and date, title, byline.
    let mut kicker = Vec::new();
    if let Some(c) = article.category.as_deref().filter(|c| !c.is_empty()) {
        kicker.push(clean(c, g).into_owned());
    }
    if let Some(p) = article.published {
        kicker.push(format!(
            "{}, {:02}:{:02}",
            long_date(p.date()),
            p.hour(),
            p.minute()
        ));
    }
    if !kicker.is_empty() {
        b.unit(
            &[Piece::new(kicker.join(g.middle_dot()), TextKind::Meta, 0)],
            0,
        );
        b.blank();
    }
    let title_block = b.block;
    b.unit(
        &[Piece::source(clean(&article.title, g), TextKind::Title, 0)],
        0,
    );
    if let Some(p) = proof.filter(|p| !p.header.is_empty())
        && b.range.contains(&(b.block - 1))
    {
        b.findings(&p.header, None, 0);
    }
    let mut byline = Vec::new();
    if let Some(a) = article.author.as_deref().filter(|a| !a.is_empty()) {
        byline.push(format!("By {}", clean(a, g)));
    }
    if let Some(o) = article.origin.as_deref().filter(|o| !o.is_empty()) {
        byline.push(format!("Originally published in {}", clean(o, g)));
    }
    if !byline.is_empty() {
        b.blank();
        b.unit(
            &[Piece::new(byline.join(g.middle_dot()), TextKind::Meta, 0)],
            0,
        );
    }
    // (A rule is never wider than a screen: no-wrap dumps ask for huge widths.)
    b.rule(g, text_width.min(500));
    b.blank();

    // Paragraphs: pieces first (markers numbered in reading order), then the
    // wrapping, which is most of the work, on every core for long articles,
    // then the lines in order.
    let first_paragraph_block = b.block;
    debug_assert_eq!(first_paragraph_block, first_paragraph);
    let wanted = range
        .start
        .saturating_sub(first_paragraph_block)
        .min(article.paragraphs.len())
        ..range
            .end
            .saturating_sub(first_paragraph_block)
            .min(article.paragraphs.len());
    let mut paragraphs: Vec<Vec<Piece>> = Vec::with_capacity(wanted.len());
    for (i, paragraph) in article
        .paragraphs
        .iter()
        .enumerate()
        .skip(wanted.start)
        .take(wanted.len())
    {
        let block = first_paragraph_block + i;
        let mut pieces = Vec::new();
        let mut previous_was_marker = false;
        for seg in segments(paragraph) {
            match seg {
                Segment::Text(r) => {
                    let offset = paragraph[..r.start].chars().count();
                    let text = paragraph.get(r).unwrap_or_default();
                    pieces.push(Piece::source(clean(text, g), TextKind::Body, offset));
                    previous_was_marker = false;
                }
                Segment::Marker { whole, id } => {
                    let offset = paragraph[..whole.start].chars().count();
                    let id = paragraph.get(id).unwrap_or_default();
                    let Some(note) = notes.of(id) else {
                        // The loader refuses these; show the text rather than lose it.
                        let raw = paragraph.get(whole).unwrap_or_default();
                        pieces.push(Piece::new(clean(raw, g), TextKind::Body, offset));
                        continue;
                    };
                    let mut text = String::new();
                    if previous_was_marker {
                        text.push_str(g.marker_joiner());
                    }
                    text.push_str(&g.marker(note));
                    let occurrence = b.markers.len();
                    b.markers.push(MarkerAt {
                        line: 0,
                        note,
                        at: (block, offset),
                    });
                    pieces.push(Piece {
                        glue: true,
                        ..Piece::new(text, TextKind::Marker { occurrence, note }, offset)
                    });
                    previous_was_marker = true;
                    if proof.is_some() {
                        // The citation as the page wrote it, glued on.
                        let raw = notes
                            .citation(article, note)
                            .map(|c| c.raw.clone().unwrap_or_else(|| note_text(c)))
                            .unwrap_or_default();
                        let (open, close) = if g.fancy() {
                            ("⟨", "⟩")
                        } else {
                            ("<", ">")
                        };
                        pieces.push(Piece {
                            glue: true,
                            ..Piece::new(
                                format!("{open}{}{close}", clean(&raw, g)),
                                TextKind::Raw,
                                offset,
                            )
                        });
                        previous_was_marker = false;
                    }
                }
            }
        }
        paragraphs.push(pieces);
    }
    b.block = first_paragraph_block + wanted.start;
    // The proof view keeps a margin for the paragraph's index in the bundle
    // (`[7]` is `paragraphs[7]` in `folio check`'s paths).
    let gutter = match proof {
        Some(_) => article.paragraphs.len().saturating_sub(1).to_string().len() + 3,
        None => 0,
    };
    let gutter = if gutter + 10 <= text_width { gutter } else { 0 };
    let wrapped_all = wrap_all(&paragraphs, text_width - gutter, opts.hyphenate);
    for (i, mut wrapped) in wrapped_all.into_iter().enumerate() {
        if opts.justify {
            let last = wrapped.len().saturating_sub(1);
            for w in wrapped.iter_mut().take(last) {
                justify(&mut w.runs, text_width - gutter, MAX_GAP);
            }
        }
        let p = wanted.start + i;
        let first = b.lines.len();
        b.push_wrapped(wrapped);
        if gutter > 0 {
            for (k, line) in b.lines[first..].iter_mut().enumerate() {
                let label = if k == 0 {
                    format!("[{p}]")
                } else {
                    String::new()
                };
                line.runs
                    .insert(0, Run::new(format!("{label:<gutter$}"), TextKind::Gutter));
            }
        }
        if let Some(found) = proof.and_then(|pr| pr.paragraphs.get(&p)) {
            let mut found = found.clone();
            found.sort_by_key(|(at, _)| at.unwrap_or(usize::MAX));
            for (at, label) in found {
                // The last text line of the paragraph starting at or before it.
                let line = (first..b.lines.len()).rfind(|&l| {
                    b.lines[l].key.gap == 0 && at.is_none_or(|at| b.lines[l].key.offset <= at)
                });
                b.findings(std::slice::from_ref(&label), line, gutter);
            }
        }
        b.blank();
    }
    b.block = first_paragraph_block + article.paragraphs.len();

    // Related headlines.
    let mut first_related_block = b.block + 1;
    if !article.related.is_empty() {
        b.unit(&[Piece::new("Related", TextKind::Heading, 0)], 0);
        first_related_block = b.block;
        for r in &article.related {
            let pieces = [
                Piece::new(g.bullet(), TextKind::Meta, 0),
                Piece::source(clean(r, g), TextKind::Body, 0),
            ];
            b.unit(&pieces, g.bullet().chars().count());
        }
        b.blank();
    }

    // Sources: every note, numbered as in the text.
    let text_of = |n: usize| {
        notes
            .citation(article, n)
            .map(|c| clean(&note_text(c), g).into_owned())
            .unwrap_or_default()
    };
    let mut note_texts = vec![String::new(); notes.len()];
    for m in &b.markers {
        if let Some(t) = note_texts.get_mut(m.note - 1)
            && t.is_empty()
        {
            *t = text_of(m.note);
        }
    }
    if !notes.is_empty() {
        b.rule(g, text_width.min(20));
        b.unit(&[Piece::new("Sources", TextKind::Heading, 0)], 0);
        debug_assert_eq!(b.block, first_note);
        let label_width = notes.len().to_string().len();
        for n in 1..=notes.len() {
            if !b.wanted() {
                b.block += 1;
                continue;
            }
            let text = text_of(n);
            let mut pieces = vec![
                Piece::new(
                    format!("{n:>label_width$}. "),
                    TextKind::NoteLabel { note: n },
                    0,
                ),
                Piece::source(text.clone(), TextKind::NoteText { note: n }, 0),
            ];
            if !notes.is_cited(n) {
                pieces.push(Piece::new(" (not cited in the text)", TextKind::Meta, 0));
            }
            b.unit(&pieces, label_width + 2);
            if let Some(t) = note_texts.get_mut(n - 1) {
                *t = text;
            }
            let index = notes.citation_index(n);
            if let Some(found) = proof.zip(index).and_then(|(p, i)| p.citations.get(&i)) {
                b.findings(found, None, 0);
            }
        }
    }
    debug_assert_eq!(b.block, sizes.len());

    // Record the line of each marker occurrence.
    for (i, line) in b.lines.iter().enumerate() {
        for r in &line.runs {
            if let TextKind::Marker { occurrence, .. } = r.kind
                && let Some(m) = b.markers.get_mut(occurrence)
            {
                m.line = i;
            }
        }
    }

    ArticleLayout {
        pane_width,
        left,
        text_width,
        lines: b.lines,
        markers: b.markers,
        note_texts,
        first_paragraph_block,
        first_note_block: first_note,
        title_block,
        first_related_block,
        blocks: range,
        block_starts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{runs_text, runs_width};
    use proptest::prelude::*;

    fn seed() -> Article {
        crate::bundle::test_data::seed_article()
    }

    fn layout(a: &Article, width: usize, glyphs: Glyphs) -> ArticleLayout {
        let notes = Notes::number(a);
        layout_article(
            a,
            &notes,
            width,
            LayoutOptions::new(glyphs, DEFAULT_MEASURE),
        )
    }

    #[test]
    fn header_reads_like_the_page() {
        let l = layout(&seed(), 80, Glyphs::UNICODE);
        let text: Vec<String> = l.lines.iter().take(8).map(|l| runs_text(&l.runs)).collect();
        assert_eq!(text[0], "Analytics · 3 June 2020, 15:33");
        assert_eq!(
            text[2],
            "With Karabakh Conflict Negotiations Deadlocked, Regional Players Heighten"
        );
        assert_eq!(text[3], "Military Rhetoric");
        assert_eq!(
            text[5],
            "By Cavid Veliyev · Originally published in Jamestown"
        );
        assert_eq!((l.left, l.text_width), (2, 76));
    }

    #[test]
    fn markers_and_sources_are_numbered() {
        let l = layout(&seed(), 80, Glyphs::UNICODE);
        assert_eq!(l.markers.len(), 18);
        assert!((1..=18).all(|n| l.note_line(n).is_some()));
        assert!(l.is_whole());
        let all: String = l.lines.iter().map(|l| runs_text(&l.runs) + "\n").collect();
        assert!(all.contains("systems¹."), "{all}");
        assert!(all.contains("sites⁹,¹⁰."), "{all}");
        assert!(all.contains(" 1. Mod.gov.az, 23 May 2020"));
        assert!(all.contains("18. Trend.az, 24 February 2020"));
        // The six parentheticals that are not citations stay in the text.
        for p in [
            "(rayons)",
            "(MLRS)",
            "(OSCE)",
            "(CIS)",
            "(one of the Minsk Group co-chairs)",
        ] {
            assert!(all.replace('\n', " ").contains(p), "{p}");
        }
        let ascii = layout(&seed(), 80, Glyphs::ASCII);
        let all: String = ascii
            .lines
            .iter()
            .map(|l| runs_text(&l.runs) + " ")
            .collect();
        assert!(all.contains("systems[1]."));
        assert!(all.contains("sites[9][10]."));
        for m in &l.markers {
            assert!(l.lines[m.line].notes.contains(&m.note));
        }
    }

    #[test]
    fn long_articles_wrap_the_same_on_several_threads() {
        let paragraphs: Vec<Vec<Piece>> = (0..3000)
            .map(|i| {
                vec![Piece::new(
                    format!("paragraph {i} ") + &"some words to wrap ".repeat(5),
                    TextKind::Body,
                    0,
                )]
            })
            .collect();
        let one_thread: Vec<_> = paragraphs.iter().map(|p| wrap_pieces(p, 40, 0)).collect();
        assert!(
            paragraphs
                .iter()
                .flatten()
                .map(|p| p.text.len())
                .sum::<usize>()
                > PARALLEL_FROM
        );
        assert_eq!(wrap_all(&paragraphs, 40, false), one_thread);
    }

    #[test]
    fn wide_panes_centre_the_measure() {
        let l = layout(&seed(), 160, Glyphs::UNICODE);
        assert_eq!((l.left, l.text_width), (42, 76));
        let narrow = layout(&seed(), 30, Glyphs::UNICODE);
        assert_eq!((narrow.left, narrow.text_width), (0, 30));
    }

    #[test]
    fn anchors_are_ordered() {
        let l = layout(&seed(), 57, Glyphs::UNICODE);
        assert!(l.lines.windows(2).all(|w| w[0].key < w[1].key));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn lines_fit_every_width(width in 1usize..300) {
            let a = seed();
            let l = layout(&a, width, Glyphs::UNICODE);
            for line in &l.lines {
                prop_assert!(l.left + runs_width(&line.runs) <= width.max(1));
            }
        }

        #[test]
        fn hyphenated_and_justified_lines_fit_every_width(width in 1usize..200, hyphenate: bool, justify: bool) {
            let a = seed();
            let opts = LayoutOptions {
                glyphs: Glyphs::UNICODE,
                measure: DEFAULT_MEASURE,
                centre: true,
                hyphenate,
                justify,
            };
            let l = layout_around(&a, &Notes::number(&a), width, opts, Around::Whole, None);
            for line in &l.lines {
                prop_assert!(l.left + runs_width(&line.runs) <= width.max(1));
            }
        }

        #[test]
        fn resizing_keeps_the_place(from in 20usize..200, to in 20usize..200, pick in 0usize..1000) {
            let a = seed();
            let before = layout(&a, from, Glyphs::UNICODE);
            let top = pick % before.lines.len();
            let key = before.key_of(top);
            let after = layout(&a, to, Glyphs::UNICODE);
            let line = after.line_for(key);
            let found = after.key_of(line);
            // Same block, starting at or before the old first character, and
            // the next line starts after it.
            prop_assert!(found <= key);
            prop_assert_eq!(found.block, key.block);
            if let Some(next) = after.lines.get(line + 1) {
                prop_assert!(next.key > key);
            }
        }
    }

    proptest! {
        // Each case lays out a 260 kB article whole, to compare.
        #![proptest_config(ProptestConfig::with_cases(16))]
        #[test]
        fn a_window_of_a_long_article_is_a_slice_of_the_whole(width in 10usize..200, pick in 0usize..10_000, rows in 1usize..80) {
            let mut a = seed();
            let paragraphs = a.paragraphs.clone();
            while a.paragraphs.iter().map(String::len).sum::<usize>() <= WHOLE_UP_TO {
                a.paragraphs.extend(paragraphs.iter().cloned());
            }
            let notes = Notes::number(&a);
            let opts = LayoutOptions::new(Glyphs::UNICODE, DEFAULT_MEASURE);
            let whole = layout_article(&a, &notes, width, opts);
            let key = whole.key_of(pick * whole.lines.len() / 10_000);
            for around in [Around::Key { key, rows }, Around::End { rows }] {
                let part = layout_around(&a, &notes, width, opts, around, None);
                prop_assert!(!part.is_whole());
                let first = whole.line_for(part.key_of(0));
                // The same lines (markers are counted from the window's start).
                let plain = |l: &DocLine| (l.key, runs_text(&l.runs), l.notes.clone());
                let same = whole.lines[first..first + part.lines.len()]
                    .iter()
                    .zip(&part.lines)
                    .all(|(w, p)| plain(w) == plain(p));
                prop_assert!(same);
                if let Around::Key { .. } = around {
                    // The place is laid out with four screens on either side
                    // (or the document's edge).
                    let at = part.line_for(key);
                    prop_assert_eq!(part.key_of(at), key);
                    prop_assert!(part.has_start() || at >= 4 * rows);
                    prop_assert!(part.has_end() || part.lines.len() - at >= 4 * rows);
                } else {
                    prop_assert!(part.has_end());
                    prop_assert_eq!(part.lines.last(), whole.lines.last());
                }
                for m in &part.markers {
                    prop_assert!(part.lines[m.line].notes.contains(&m.note));
                }
            }
        }
    }
}
