//! The article as a column of lines: header, paragraphs with footnote markers,
//! related headlines and the Sources section, reflowed to the reading measure.
//!
//! Each line carries an [`AnchorKey`] (which block of the document, which
//! character in it), ordered like the lines themselves. A reader's place is a
//! key, not a row number, so it survives a re-wrap at another width.
//!
//! The blocks are the article's [`ArticleOutline`]'s: the builder lays out
//! the runs of blocks it lists, a function per kind of block, and a long
//! article's window is chosen from it, so the numbering is made in one place.

use std::ops::Range;
use std::sync::Arc;

use chrono::Timelike;

pub use super::outline::{ArticleOutline, BlockKind};
use super::wrap::{Piece, WrappedLine, justify, wrap_pieces, wrap_pieces_with};
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
    /// `note_links[n - 1]`: the link of note `n`'s source, when it has one
    /// (raw: sanitise before showing).
    pub note_links: Vec<Option<String>>,
    /// The blocks laid out: all of them, or a window of a long article.
    pub blocks: Range<usize>,
    /// The article's blocks, laid out or not; shared by the layouts of one
    /// article.
    outline: Arc<ArticleOutline>,
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
    /// A source's link goes on a line of its own, whole, however wide
    /// (`folio dump`: a link broken across lines cannot be copied or
    /// grepped); otherwise it follows the note, wrapped to the width.
    pub links_whole: bool,
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
            links_whole: false,
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
        self.outline.note_block(note)
    }

    /// The article's outline: every block, laid out or not.
    pub fn outline(&self) -> &Arc<ArticleOutline> {
        &self.outline
    }

    /// The block of paragraph `p` (see [`ArticleOutline::paragraph_block`]).
    pub fn paragraph_block(&self, p: usize) -> usize {
        self.outline.paragraph_block(p)
    }

    /// The paragraph that block `block` is, if it is one.
    pub fn paragraph_of_block(&self, block: usize) -> Option<usize> {
        self.outline.paragraph_of_block(block)
    }

    pub fn total_blocks(&self) -> usize {
        self.outline.len()
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
        let total = self.outline.text_len().max(1);
        let key = self.key_of(line);
        let start = self.outline.start_of(key.block).unwrap_or(total);
        let offset = if key.gap == 1 {
            0
        } else {
            key.offset.min(usize::MAX / 2)
        };
        ((start + offset) as f64 / total as f64).min(1.0)
    }
}

/// Below this many characters an article is wrapped on one thread.
const PARALLEL_FROM: usize = 200_000;

/// Wraps every paragraph; a long article's paragraphs are split across the
/// machine's cores (the result is the same, in the same order).
fn wrap_all(paragraphs: &[Vec<Piece>], width: usize, hyphenate: bool) -> Vec<Vec<WrappedLine>> {
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

/// Lays `article` out whole for a pane `pane_width` columns wide, making its
/// outline first (one step per block): for a dump or a test. The app keeps
/// an article's outline and lays it out with [`layout_with_outline`].
pub fn layout_article(
    article: &Article,
    notes: &Notes,
    pane_width: usize,
    opts: LayoutOptions,
) -> ArticleLayout {
    let outline = Arc::new(ArticleOutline::new(article, notes));
    layout_with_outline(
        article,
        notes,
        &outline,
        pane_width,
        opts,
        Around::Whole,
        None,
    )
}

/// Lays out `article`, or the part of it `around` asks for, by `outline`
/// (made from this article and these notes). Work is proportional to the
/// blocks laid out, so a resize of a 5 MB article costs what a screenful
/// around the reader's place costs.
pub fn layout_with_outline(
    article: &Article,
    notes: &Notes,
    outline: &Arc<ArticleOutline>,
    pane_width: usize,
    opts: LayoutOptions,
    around: Around,
    proof: Option<&Proof>,
) -> ArticleLayout {
    let (left, text_width) = measure(pane_width, opts);
    let range = outline.blocks_around(article, around, text_width);
    let mut b = Builder {
        article,
        notes,
        outline,
        proof,
        opts,
        width: text_width,
        range: range.clone(),
        lines: Vec::new(),
        markers: Vec::new(),
        note_texts: vec![String::new(); notes.len()],
    };
    b.build();
    ArticleLayout {
        pane_width,
        left,
        text_width,
        lines: b.lines,
        markers: b.markers,
        note_links: (1..=notes.len())
            .map(|n| {
                (notes.citation(article, n))
                    .and_then(|c| c.url.clone())
                    .filter(|u| !u.is_empty())
            })
            .collect(),
        note_texts: b.note_texts,
        blocks: range,
        outline: Arc::clone(outline),
    }
}

/// Lays out the blocks of `range`, a kind of block at a time, numbered as
/// the outline numbers them.
struct Builder<'a> {
    article: &'a Article,
    notes: &'a Notes,
    outline: &'a ArticleOutline,
    proof: Option<&'a Proof>,
    opts: LayoutOptions,
    width: usize,
    /// The blocks to lay out; the others are left out.
    range: Range<usize>,
    lines: Vec<DocLine>,
    markers: Vec<MarkerAt>,
    note_texts: Vec<String>,
}

impl Builder<'_> {
    /// Each run of blocks of one kind, as far as it is in the range.
    fn build(&mut self) {
        let outline = self.outline;
        for (kind, run) in outline.runs() {
            let wanted = run.start.max(self.range.start)..run.end.min(self.range.end);
            if wanted.is_empty() {
                continue;
            }
            let block = wanted.start;
            match kind {
                BlockKind::Kicker => self.kicker(block),
                BlockKind::Title => self.title(block),
                BlockKind::Byline => self.byline(block),
                BlockKind::HeaderRule => self.header_rule(block),
                BlockKind::Paragraph => self.paragraphs(run, wanted),
                BlockKind::RelatedHeading => self.heading(block, "Related"),
                BlockKind::Related => self.related(run, wanted),
                BlockKind::SourcesRule => self.rule(block, self.width.min(20)),
                BlockKind::SourcesHeading => self.heading(block, "Sources"),
                BlockKind::Note => self.notes(run, wanted),
            }
        }
        self.finish();
    }

    /// Category and date.
    fn kicker(&mut self, block: usize) {
        let g = self.opts.glyphs;
        let mut kicker = Vec::new();
        if let Some(c) = self.article.category.as_deref().filter(|c| !c.is_empty()) {
            kicker.push(clean(c, g).into_owned());
        }
        if let Some(p) = self.article.published {
            // The zone as the page gave it: a time read from another zone's
            // page says whose clock it is.
            let zone = (self.article.zone.as_deref())
                .filter(|z| !z.trim().is_empty())
                .map_or(String::new(), |z| format!(" {}", clean(z.trim(), g)));
            kicker.push(format!(
                "{}, {:02}:{:02}{zone}",
                long_date(p.date()),
                p.hour(),
                p.minute()
            ));
        }
        let text = kicker.join(g.middle_dot());
        self.unit(block, &[Piece::new(text, TextKind::Meta, 0)], 0);
        self.blank_after(block);
    }

    /// The title, the proof view's findings on the article under it, and a
    /// blank line when a byline follows.
    fn title(&mut self, block: usize) {
        let title = clean(&self.article.title, self.opts.glyphs);
        self.unit(block, &[Piece::source(title, TextKind::Title, 0)], 0);
        if let Some(p) = self.proof.filter(|p| !p.header.is_empty()) {
            self.findings(&p.header, None, 0);
        }
        if self.outline.block(block + 1).map(|(k, _)| k) == Some(BlockKind::Byline) {
            self.blank_after(block);
        }
    }

    /// Author and origin.
    fn byline(&mut self, block: usize) {
        let g = self.opts.glyphs;
        let mut byline = Vec::new();
        if let Some(a) = self.article.author.as_deref().filter(|a| !a.is_empty()) {
            byline.push(format!("By {}", clean(a, g)));
        }
        if let Some(o) = self.article.origin.as_deref().filter(|o| !o.is_empty()) {
            byline.push(format!("Originally published in {}", clean(o, g)));
        }
        let text = byline.join(g.middle_dot());
        self.unit(block, &[Piece::new(text, TextKind::Meta, 0)], 0);
    }

    fn header_rule(&mut self, block: usize) {
        // Never wider than a screen: no-wrap dumps ask for huge widths.
        self.rule(block, self.width.min(500));
        self.blank_after(block);
    }

    /// The paragraphs of `wanted`, blocks of the run of paragraphs `run`:
    /// pieces first (markers numbered in reading order), then the wrapping,
    /// which is most of the work, on every core for long articles, then the
    /// lines in order, each paragraph followed by a blank line.
    fn paragraphs(&mut self, run: Range<usize>, wanted: Range<usize>) {
        let pieces: Vec<Vec<Piece>> = wanted
            .clone()
            .map(|block| self.paragraph_pieces(block, block - run.start))
            .collect();
        // The proof view keeps a margin for the paragraph's index in the
        // bundle (`[7]` is `paragraphs[7]` in `folio check`'s paths).
        let gutter = match self.proof {
            Some(_) => run.len().saturating_sub(1).to_string().len() + 3,
            None => 0,
        };
        let gutter = if gutter + 10 <= self.width { gutter } else { 0 };
        let width = self.width - gutter;
        let wrapped_all = wrap_all(&pieces, width, self.opts.hyphenate);
        for (block, mut wrapped) in wanted.zip(wrapped_all) {
            let p = block - run.start;
            if self.opts.justify {
                let last = wrapped.len().saturating_sub(1);
                for w in wrapped.iter_mut().take(last) {
                    justify(&mut w.runs, width, MAX_GAP);
                }
            }
            let first = self.lines.len();
            self.push_wrapped(block, wrapped);
            if gutter > 0 {
                for (k, line) in self.lines[first..].iter_mut().enumerate() {
                    let label = if k == 0 {
                        format!("[{p}]")
                    } else {
                        String::new()
                    };
                    line.runs
                        .insert(0, Run::new(format!("{label:<gutter$}"), TextKind::Gutter));
                }
            }
            if let Some(found) = self.proof.and_then(|pr| pr.paragraphs.get(&p)) {
                let mut found = found.clone();
                found.sort_by_key(|(at, _)| at.unwrap_or(usize::MAX));
                for (at, label) in found {
                    // The last text line of the paragraph starting at or before it.
                    let line = (first..self.lines.len()).rfind(|&l| {
                        let key = self.lines[l].key;
                        key.gap == 0 && at.is_none_or(|at| key.offset <= at)
                    });
                    self.findings(std::slice::from_ref(&label), line, gutter);
                }
            }
            self.blank_after(block);
        }
    }

    /// Paragraph `p` (block `block`) as pieces to wrap; its markers are
    /// numbered after those before it.
    fn paragraph_pieces(&mut self, block: usize, p: usize) -> Vec<Piece> {
        let g = self.opts.glyphs;
        let paragraph = self.article.paragraphs.get(p).map_or("", String::as_str);
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
                    let Some(note) = self.notes.of(id) else {
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
                    let occurrence = self.markers.len();
                    self.markers.push(MarkerAt {
                        line: 0,
                        note,
                        at: (block, offset),
                    });
                    pieces.push(Piece {
                        glue: true,
                        ..Piece::new(text, TextKind::Marker { occurrence, note }, offset)
                    });
                    previous_was_marker = true;
                    if self.proof.is_some() {
                        // The citation as the page wrote it, glued on.
                        let raw = (self.notes.citation(self.article, note))
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
        pieces
    }

    /// The `Related` or `Sources` heading.
    fn heading(&mut self, block: usize, text: &str) {
        self.unit(block, &[Piece::new(text, TextKind::Heading, 0)], 0);
    }

    /// The related headlines of `wanted`, blocks of the run `run`, a blank
    /// line after the last.
    fn related(&mut self, run: Range<usize>, wanted: Range<usize>) {
        let g = self.opts.glyphs;
        for block in wanted {
            let headline = self.article.related.get(block - run.start);
            let headline = headline.map_or("", String::as_str);
            let pieces = [
                Piece::new(g.bullet(), TextKind::Meta, 0),
                Piece::source(clean(headline, g), TextKind::Body, 0),
            ];
            self.unit(block, &pieces, g.bullet().chars().count());
            if block + 1 == run.end {
                self.blank_after(block);
            }
        }
    }

    /// The notes of `wanted`, blocks of the run `run`: every note, numbered
    /// as in the text, with the proof view's findings on its citation.
    fn notes(&mut self, run: Range<usize>, wanted: Range<usize>) {
        let label_width = run.len().to_string().len();
        for block in wanted {
            let n = block - run.start + 1;
            let text = self.note_text(n);
            let mut pieces = vec![
                Piece::new(
                    format!("{n:>label_width$}. "),
                    TextKind::NoteLabel { note: n },
                    0,
                ),
                Piece::source(text.clone(), TextKind::NoteText { note: n }, 0),
            ];
            let url = (self.notes.citation(self.article, n))
                .and_then(|c| c.url.as_deref())
                .filter(|u| !u.is_empty())
                .map(|u| format!("<{}>", clean(u, self.opts.glyphs)));
            if let Some(url) = &url
                && !self.opts.links_whole
            {
                pieces.push(Piece::new(format!(" {url}"), TextKind::Link, 0));
            }
            if !self.notes.is_cited(n) {
                pieces.push(Piece::new(" (not cited in the text)", TextKind::Meta, 0));
            }
            self.unit(block, &pieces, label_width + 2);
            if let Some(url) = url.filter(|_| self.opts.links_whole) {
                let indent = " ".repeat(label_width + 2);
                let runs = vec![
                    Run::new(indent, TextKind::Body),
                    Run::new(url, TextKind::Link),
                ];
                let offset = text.chars().count();
                self.push_wrapped(block, vec![WrappedLine { runs, offset }]);
            }
            if let Some(t) = self.note_texts.get_mut(n - 1) {
                *t = text;
            }
            let index = self.notes.citation_index(n);
            if let Some(found) = self.proof.zip(index).and_then(|(p, i)| p.citations.get(&i)) {
                self.findings(found, None, 0);
            }
        }
    }

    /// The text of note `n`, sanitised.
    fn note_text(&self, n: usize) -> String {
        (self.notes.citation(self.article, n))
            .map(|c| clean(&note_text(c), self.opts.glyphs).into_owned())
            .unwrap_or_default()
    }

    /// The texts of the notes cited in the laid-out text, and the line of
    /// each marker.
    fn finish(&mut self) {
        for i in 0..self.markers.len() {
            let n = self.markers[i].note;
            if self.note_texts.get(n - 1).is_some_and(String::is_empty) {
                self.note_texts[n - 1] = self.note_text(n);
            }
        }
        for (i, line) in self.lines.iter().enumerate() {
            for r in &line.runs {
                if let TextKind::Marker { occurrence, .. } = r.kind
                    && let Some(m) = self.markers.get_mut(occurrence)
                {
                    m.line = i;
                }
            }
        }
    }

    /// Adds block `block`, wrapped at the text width.
    fn unit(&mut self, block: usize, pieces: &[Piece], hanging: usize) {
        let wrapped = wrap_pieces(pieces, self.width, hanging);
        self.push_wrapped(block, wrapped);
    }

    fn rule(&mut self, block: usize, len: usize) {
        let text: String = std::iter::repeat_n(self.opts.glyphs.rule(), len).collect();
        self.unit(block, &[Piece::new(text, TextKind::Rule, 0)], 0);
    }

    /// Adds the lines of block `block`, wrapped already.
    fn push_wrapped(&mut self, block: usize, wrapped: Vec<WrappedLine>) {
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
                    block,
                    offset: w.offset,
                    gap: 0,
                },
                notes,
            });
        }
    }

    /// The blank line after block `block` (keyed after all of its text).
    fn blank_after(&mut self, block: usize) {
        self.lines.push(DocLine {
            runs: Vec::new(),
            key: AnchorKey {
                block,
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
        let caret = if self.opts.glyphs.fancy() {
            "▲ "
        } else {
            "^ "
        };
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
                links_whole: false,
            };
            let l = layout_article(&a, &Notes::number(&a), width, opts);
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
            // One outline for every window, as the app keeps one per article.
            let outline = Arc::new(ArticleOutline::new(&a, &notes));
            for around in [Around::Key { key, rows }, Around::End { rows }] {
                let part = layout_with_outline(&a, &notes, &outline, width, opts, around, None);
                prop_assert!(!part.is_whole());
                prop_assert!(Arc::ptr_eq(part.outline(), &outline), "shared, not copied");
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
