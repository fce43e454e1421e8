//! An article's outline: the blocks it is laid out as, in reading order, and
//! how much text each holds.
//!
//! A place in an article is a block and an offset in it ([`AnchorKey`]), and
//! much of folio counts in blocks: the layout, the choice of which blocks of a
//! long article to lay out, the reader's jumps (to paragraph `p`, to note
//! `n`), search, bookmarks, the status bar's percentage. They all read this
//! one numbering, so they cannot disagree. It depends on the article and its
//! notes only, not on the width or the options, and costs one step per block
//! to make (no text is read), so it is made once per article and shared.
//!
//! [`AnchorKey`]: super::article::AnchorKey

use std::ops::Range;

use super::article::{Around, WHOLE_UP_TO};
use crate::bundle::Article;
use crate::footnotes::Notes;

/// What a block of an article is. Paragraphs, related headlines and notes
/// come in runs of blocks; the other kinds are one block each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BlockKind {
    /// Category and date, when the article has either.
    Kicker,
    Title,
    /// Author and origin, when the article has either.
    Byline,
    /// The rule under the header.
    HeaderRule,
    /// `paragraphs[i]`.
    Paragraph,
    /// The `Related` heading, when there are related headlines.
    RelatedHeading,
    /// `related[i]`.
    Related,
    /// The rule above Sources, when there are notes.
    SourcesRule,
    SourcesHeading,
    /// Note `i + 1` in Sources.
    Note,
}

/// Sizes, in bytes, given to blocks that are not source text. Only their
/// share of the whole document matters (a reader's place as a fraction, the
/// size of a window); they are small and fixed.
const KICKER_SIZE: usize = 40;
const BYLINE_SIZE: usize = 60;
const RULE_SIZE: usize = 1;
const HEADING_SIZE: usize = 7;
const NOTE_SIZE: usize = 40;

/// The blocks of an article in reading order, each with its kind and size.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ArticleOutline {
    /// Runs of blocks of one kind, in order, covering every block. The runs
    /// of paragraphs, related headlines and notes are always there, empty
    /// where the article has none; the other kinds only when present.
    runs: Vec<(BlockKind, Range<usize>)>,
    /// `starts[b]`: bytes of text before block `b`; the last entry is the
    /// whole document's.
    starts: Vec<usize>,
}

impl ArticleOutline {
    pub fn new(article: &Article, notes: &Notes) -> ArticleOutline {
        let blocks = article.paragraphs.len() + article.related.len() + notes.len() + 8;
        let mut outline = ArticleOutline {
            runs: Vec::with_capacity(10),
            starts: Vec::with_capacity(blocks + 1),
        };
        outline.starts.push(0);
        let present = |s: &Option<String>| s.as_deref().is_some_and(|s| !s.is_empty());
        if present(&article.category) || article.published.is_some() {
            outline.push(BlockKind::Kicker, [KICKER_SIZE]);
        }
        outline.push(BlockKind::Title, [article.title.len()]);
        if present(&article.author) || present(&article.origin) {
            outline.push(BlockKind::Byline, [BYLINE_SIZE]);
        }
        outline.push(BlockKind::HeaderRule, [RULE_SIZE]);
        let paragraphs = article.paragraphs.iter().map(String::len);
        outline.push(BlockKind::Paragraph, paragraphs);
        if !article.related.is_empty() {
            outline.push(BlockKind::RelatedHeading, [HEADING_SIZE]);
        }
        outline.push(BlockKind::Related, article.related.iter().map(String::len));
        if !notes.is_empty() {
            outline.push(BlockKind::SourcesRule, [RULE_SIZE]);
            outline.push(BlockKind::SourcesHeading, [HEADING_SIZE]);
        }
        outline.push(BlockKind::Note, std::iter::repeat_n(NOTE_SIZE, notes.len()));
        outline
    }

    /// Appends a run of blocks of `kind`, one per size.
    fn push(&mut self, kind: BlockKind, sizes: impl IntoIterator<Item = usize>) {
        let start = self.len();
        for size in sizes {
            let before = self.starts.last().copied().unwrap_or(0);
            self.starts.push(before + size);
        }
        self.runs.push((kind, start..self.len()));
    }

    /// Every block of the article, in runs of one kind, in reading order.
    pub fn runs(&self) -> impl Iterator<Item = (BlockKind, Range<usize>)> + '_ {
        self.runs.iter().cloned()
    }

    /// How many blocks the article has.
    pub fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Block `block`'s kind and its index in its run (paragraph `i`, related
    /// headline `i`, note `i + 1`; 0 for the others).
    pub fn block(&self, block: usize) -> Option<(BlockKind, usize)> {
        (self.runs.iter())
            .find(|(_, r)| r.contains(&block))
            .map(|(kind, r)| (*kind, block - r.start))
    }

    /// The blocks of `kind`; empty when the article has none (for
    /// paragraphs, related headlines and notes, where they would be).
    pub fn blocks(&self, kind: BlockKind) -> Range<usize> {
        (self.runs.iter())
            .find(|(k, _)| *k == kind)
            .map_or(0..0, |(_, r)| r.clone())
    }

    pub fn title_block(&self) -> usize {
        self.blocks(BlockKind::Title).start
    }

    /// The block of paragraph `p`. Past the last paragraph it counts on into
    /// the blocks that follow, as the first paragraph's block plus `p`.
    pub fn paragraph_block(&self, p: usize) -> usize {
        self.blocks(BlockKind::Paragraph).start + p
    }

    /// The paragraph that block `block` is, if it is one.
    pub fn paragraph_of_block(&self, block: usize) -> Option<usize> {
        let paragraphs = self.blocks(BlockKind::Paragraph);
        paragraphs
            .contains(&block)
            .then(|| block - paragraphs.start)
    }

    /// The paragraphs whose blocks are among `blocks`.
    pub fn paragraphs_in(&self, blocks: Range<usize>) -> Range<usize> {
        let paragraphs = self.blocks(BlockKind::Paragraph);
        let index = |b: usize| b.saturating_sub(paragraphs.start).min(paragraphs.len());
        index(blocks.start)..index(blocks.end)
    }

    /// The block of note `n` (from 1) in Sources.
    pub fn note_block(&self, n: usize) -> Option<usize> {
        let notes = self.blocks(BlockKind::Note);
        (n >= 1 && n <= notes.len()).then(|| notes.start + n - 1)
    }

    /// Bytes of text before block `block`; block [`len`](Self::len) is the
    /// end of the document, and there are none after it.
    pub fn start_of(&self, block: usize) -> Option<usize> {
        self.starts.get(block).copied()
    }

    /// Bytes of text of block `block` (0 past the end).
    pub fn size_of(&self, block: usize) -> usize {
        match (self.start_of(block), self.start_of(block + 1)) {
            (Some(start), Some(end)) => end - start,
            _ => 0,
        }
    }

    /// Bytes of text of the whole document.
    pub fn text_len(&self) -> usize {
        self.starts.last().copied().unwrap_or(0)
    }

    /// The blocks to lay out for `around` when lines are at most
    /// `text_width` columns wide: all of an article of up to
    /// [`WHOLE_UP_TO`] bytes, else enough blocks on either side of the place
    /// for four screens and a margin each way.
    pub fn blocks_around(
        &self,
        article: &Article,
        around: Around,
        text_width: usize,
    ) -> Range<usize> {
        let chars = |rows: usize| (4 * rows + 50) * text_width;
        match around {
            _ if self.text_len() <= WHOLE_UP_TO => 0..self.len(),
            Around::Whole => 0..self.len(),
            Around::Key { key, rows } => self.window(article, key.block, chars(rows)),
            Around::End { rows } => self.window(article, self.len(), chars(rows)),
        }
    }

    /// The blocks around `center` holding at least `chars` characters on
    /// each side (or reaching the document's edge). Paragraphs are weighed
    /// in characters, which costs only the blocks weighed.
    fn window(&self, article: &Article, center: usize, chars: usize) -> Range<usize> {
        let len = self.len();
        let center = center.min(len.saturating_sub(1));
        let weight = |block: usize| match self
            .paragraph_of_block(block)
            .and_then(|p| article.paragraphs.get(p))
        {
            Some(p) => p.chars().count(),
            None => self.size_of(block),
        };
        let mut start = center;
        let mut seen = 0;
        while start > 0 && seen < chars {
            start -= 1;
            seen += weight(start);
        }
        // The centre block whole, then as much again after it: the place may
        // be at the centre block's very end.
        let mut end = center + 1;
        let mut seen = 0;
        while end < len && seen < chars {
            seen += weight(end);
            end += 1;
        }
        start..end.min(len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glyphs::Glyphs;
    use crate::layout::TextKind;
    use crate::layout::article::{DEFAULT_MEASURE, LayoutOptions, layout_article};
    use BlockKind::*;

    fn seed() -> Article {
        crate::bundle::test_data::seed_article()
    }

    /// The seed without the optional parts: no kicker, byline, related
    /// headlines or citations.
    fn bare() -> Article {
        let mut a = seed();
        (a.category, a.published, a.author, a.origin) = (None, None, None, Some(String::new()));
        a.related.clear();
        a.citations.clear();
        a.paragraphs = a.paragraphs.iter().map(|p| p.replace("[^", "")).collect();
        a
    }

    fn kinds(o: &ArticleOutline) -> Vec<(BlockKind, usize)> {
        o.runs().map(|(k, r)| (k, r.len())).collect()
    }

    #[test]
    fn runs_cover_every_block_in_reading_order() {
        let a = seed();
        let o = ArticleOutline::new(&a, &Notes::number(&a));
        let (p, r, n) = (a.paragraphs.len(), a.related.len(), a.citations.len());
        assert!(p > 0 && r > 0 && n > 0);
        assert_eq!(
            kinds(&o),
            [
                (Kicker, 1),
                (Title, 1),
                (Byline, 1),
                (HeaderRule, 1),
                (Paragraph, p),
                (RelatedHeading, 1),
                (Related, r),
                (SourcesRule, 1),
                (SourcesHeading, 1),
                (Note, n)
            ]
        );
        let b = bare();
        let bare = ArticleOutline::new(&b, &Notes::number(&b));
        assert_eq!(
            kinds(&bare),
            [
                (Title, 1),
                (HeaderRule, 1),
                (Paragraph, p),
                (Related, 0),
                (Note, 0)
            ]
        );
        for o in [&o, &bare] {
            let mut next = 0;
            for (_, run) in o.runs() {
                assert_eq!(run.start, next);
                next = run.end;
            }
            assert_eq!(next, o.len());
        }
    }

    #[test]
    fn paragraphs_and_notes_are_found_both_ways() {
        let a = seed();
        let o = ArticleOutline::new(&a, &Notes::number(&a));
        let paragraphs = o.blocks(Paragraph);
        for p in 0..a.paragraphs.len() {
            let block = o.paragraph_block(p);
            assert_eq!(o.paragraph_of_block(block), Some(p));
            assert_eq!(o.block(block), Some((Paragraph, p)));
        }
        assert_eq!(o.paragraph_of_block(paragraphs.start - 1), None);
        assert_eq!(o.paragraph_of_block(paragraphs.end), None);
        for n in 1..=a.citations.len() {
            let block = o.note_block(n).unwrap();
            assert_eq!(o.block(block), Some((Note, n - 1)));
        }
        assert_eq!(o.note_block(0), None);
        assert_eq!(o.note_block(a.citations.len() + 1), None);
        assert_eq!(o.block(o.len()), None);
        // Paragraphs of a range of blocks, clamped to the paragraphs.
        let (start, end) = (paragraphs.start, paragraphs.end);
        assert_eq!(o.paragraphs_in(0..o.len()), 0..a.paragraphs.len());
        assert_eq!(o.paragraphs_in(0..start), 0..0);
        assert_eq!(o.paragraphs_in(start + 2..start + 5), 2..5);
        assert_eq!(
            o.paragraphs_in(end..o.len()),
            a.paragraphs.len()..a.paragraphs.len()
        );
    }

    #[test]
    fn sizes_add_up_to_the_text() {
        let a = seed();
        let o = ArticleOutline::new(&a, &Notes::number(&a));
        let text: usize = a.title.len()
            + a.paragraphs.iter().map(String::len).sum::<usize>()
            + a.related.iter().map(String::len).sum::<usize>();
        let fixed = KICKER_SIZE
            + BYLINE_SIZE
            + 2 * RULE_SIZE
            + 2 * HEADING_SIZE
            + NOTE_SIZE * a.citations.len();
        assert_eq!(o.text_len(), text + fixed);
        assert_eq!(o.start_of(0), Some(0));
        assert_eq!(o.start_of(o.len()), Some(o.text_len()));
        assert_eq!(o.start_of(o.len() + 1), None);
        assert_eq!(
            (0..o.len()).map(|b| o.size_of(b)).sum::<usize>(),
            o.text_len()
        );
        let p = o.paragraph_block(3);
        assert_eq!(o.size_of(p), a.paragraphs[3].len());
    }

    /// What the layout draws for each block is what the outline says it is,
    /// and every block of a whole layout has lines.
    #[test]
    fn the_layout_draws_each_block_as_its_kind() {
        for a in [seed(), bare()] {
            let notes = Notes::number(&a);
            let l = layout_article(
                &a,
                &notes,
                80,
                LayoutOptions::new(Glyphs::UNICODE, DEFAULT_MEASURE),
            );
            let o = l.outline();
            let mut seen = vec![false; o.len()];
            for line in l.lines.iter().filter(|l| l.key.gap == 0) {
                seen[line.key.block] = true;
                let (kind, i) = o.block(line.key.block).unwrap();
                let first = line.runs.first().map(|r| r.kind);
                let text = crate::layout::runs_text(&line.runs);
                match kind {
                    Kicker | Byline => assert_eq!(first, Some(TextKind::Meta)),
                    Title => assert_eq!(first, Some(TextKind::Title)),
                    HeaderRule | SourcesRule => assert_eq!(first, Some(TextKind::Rule)),
                    RelatedHeading => assert_eq!(text, "Related"),
                    SourcesHeading => assert_eq!(text, "Sources"),
                    Related => {
                        assert!(line.runs.iter().any(|r| r.kind == TextKind::Body));
                        let start = a.related[i].split_whitespace().next().unwrap();
                        assert!(line.key.offset > 0 || text.contains(start), "{text}");
                    }
                    Note => assert_eq!(first, Some(TextKind::NoteLabel { note: i + 1 })),
                    Paragraph => {
                        let words = a.paragraphs[i].split_whitespace().next().unwrap();
                        assert!(line.key.offset > 0 || text.starts_with(words), "{text}");
                    }
                }
            }
            assert!(seen.iter().all(|&s| s), "every block has lines");
            for m in &l.markers {
                assert_eq!(o.block(m.at.0).map(|(k, _)| k), Some(Paragraph));
            }
        }
    }
}
