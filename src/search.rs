//! Finding text in an article, independent of any layout.
//!
//! A match is a range of characters of a block's source text (the same blocks,
//! numbered by the article's [`ArticleOutline`], and offsets the layout's
//! anchors and runs carry), so matches survive a resize and a re-wrap, and a
//! match across a line break is one match, highlighted on both lines.
//! Footnote markers are not part of the searchable text: `systems.` finds
//! `systems[^1].`. Smart case: a query with a capital letter matches case
//! exactly, one without ignores case.

use crate::bundle::Article;
use crate::bundle::markers::{Segment, segments};
use crate::footnotes::{Notes, note_text};
use crate::layout::outline::{ArticleOutline, BlockKind};

/// Where a match is: a block of the article and source characters in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Match {
    pub block: usize,
    pub start: usize,
    pub end: usize,
}

/// One searchable block: its text without markers, lower-cased for
/// case-insensitive search (one character for one), and where each stretch
/// of it starts in the source.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Block {
    block: usize,
    text: String,
    lower: String,
    /// (character in `text`, character in the source) at each stretch start.
    stretches: Vec<(usize, usize)>,
}

/// The searchable text of an article, built once per article.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SearchText {
    blocks: Vec<Block>,
}

fn lower(text: &str) -> String {
    text.chars()
        .map(|c| c.to_lowercase().next().unwrap_or(c))
        .collect()
}

fn block(block: usize, stretches: Vec<(String, usize)>) -> Block {
    let mut text = String::new();
    let mut starts = Vec::new();
    let mut at = 0;
    for (s, source) in stretches {
        starts.push((at, source));
        at += s.chars().count();
        text.push_str(&s);
    }
    Block {
        block,
        lower: lower(&text),
        text,
        stretches: starts,
    }
}

impl SearchText {
    /// The searchable blocks of `article`, numbered by `outline` (made from
    /// this article and these notes).
    pub fn new(article: &Article, notes: &Notes, outline: &ArticleOutline) -> SearchText {
        let title = outline.title_block();
        let mut out = vec![block(title, vec![(article.title.clone(), 0)])];
        let paragraphs = outline.blocks(BlockKind::Paragraph);
        for (b, p) in paragraphs.zip(&article.paragraphs) {
            let mut stretches = Vec::new();
            for seg in segments(p) {
                if let Segment::Text(r) = seg {
                    let source = p[..r.start].chars().count();
                    stretches.push((p.get(r).unwrap_or_default().to_string(), source));
                }
            }
            out.push(block(b, stretches));
        }
        let related = outline.blocks(BlockKind::Related);
        for (b, r) in related.zip(&article.related) {
            out.push(block(b, vec![(r.clone(), 0)]));
        }
        for (b, n) in outline.blocks(BlockKind::Note).zip(1..) {
            if let Some(c) = notes.citation(article, n) {
                out.push(block(b, vec![(note_text(c), 0)]));
            }
        }
        SearchText { blocks: out }
    }

    /// Every match of `query`, in reading order. Smart case.
    pub fn find(&self, query: &str) -> Vec<Match> {
        if query.is_empty() {
            return Vec::new();
        }
        let exact = query.chars().any(char::is_uppercase);
        let needle = if exact {
            query.to_string()
        } else {
            lower(query)
        };
        let len = needle.chars().count();
        let finder = memchr::memmem::Finder::new(needle.as_bytes());
        let mut out = Vec::new();
        for b in &self.blocks {
            let hay = if exact { &b.text } else { &b.lower };
            // Characters are counted as the search moves on, once.
            let (mut byte, mut chars) = (0, 0);
            for at in finder.find_iter(hay.as_bytes()) {
                chars += hay.get(byte..at).map_or(0, |s| s.chars().count());
                byte = at;
                let start = b.source_of(chars);
                let end = b.source_of(chars + len - 1) + 1;
                out.push(Match {
                    block: b.block,
                    start,
                    end,
                });
            }
        }
        out
    }
}

impl Block {
    /// The source character of character `i` of the searchable text.
    fn source_of(&self, i: usize) -> usize {
        let k = self
            .stretches
            .partition_point(|(t, _)| *t <= i)
            .saturating_sub(1);
        self.stretches
            .get(k)
            .map_or(i, |(t, source)| source + (i - t))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use BlockKind::{Note, Paragraph, Related, Title};
    use proptest::prelude::*;

    fn article(paragraphs: &[&str]) -> Article {
        let mut a = crate::bundle::test_data::seed_article();
        a.title = "The Title".into();
        a.paragraphs = paragraphs.iter().map(|p| p.to_string()).collect();
        a.related.clear();
        a
    }

    /// The matches of `q`, each as the kind of its block, its index among
    /// blocks of that kind, and its characters.
    fn find_in(a: &Article, q: &str) -> Vec<(BlockKind, usize, usize, usize)> {
        let notes = Notes::number(a);
        let outline = ArticleOutline::new(a, &notes);
        let s = SearchText::new(a, &notes, &outline);
        s.find(q)
            .into_iter()
            .map(|m| {
                let (kind, i) = outline.block(m.block).unwrap();
                (kind, i, m.start, m.end)
            })
            .collect()
    }

    fn find(paragraphs: &[&str], q: &str) -> Vec<(BlockKind, usize, usize, usize)> {
        find_in(&article(paragraphs), q)
    }

    #[test]
    fn smart_case_and_reading_order() {
        assert_eq!(
            find(&["Baku and baku", "BAKU"], "baku"),
            [
                (Paragraph, 0, 0, 4),
                (Paragraph, 0, 9, 13),
                (Paragraph, 1, 0, 4)
            ]
        );
        assert_eq!(find(&["Baku and baku"], "Baku"), [(Paragraph, 0, 0, 4)]);
        assert_eq!(find(&["x"], ""), []);
        assert_eq!(
            find(&["The end"], "title"),
            [(Title, 0, 4, 9)],
            "the title is searched"
        );
    }

    #[test]
    fn related_headlines_and_notes_are_searched_at_their_blocks() {
        let mut a = article(&["Nothing here"]);
        a.related = vec!["First".into(), "A Caspian headline".into()];
        // Note 2 (Caspian.com), uncited here, is listed in Sources.
        assert_eq!(
            find_in(&a, "caspian"),
            [(Related, 1, 2, 9), (Note, 1, 0, 7)]
        );
    }

    #[test]
    fn markers_are_not_text_and_offsets_are_the_sources() {
        // `systems[^1].` reads `systems.`; the match ends after the marker.
        assert_eq!(
            find(&["missile systems[^1]. Next"], "systems."),
            [(Paragraph, 0, 8, 20)]
        );
        assert_eq!(find(&["a [^1] b"], "^1"), []);
        // Unicode: offsets in characters, case folded one for one.
        assert_eq!(
            find(&["Ünal said ÜNAL"], "ünal"),
            [(Paragraph, 0, 0, 4), (Paragraph, 0, 10, 14)]
        );
    }

    proptest! {
        #[test]
        fn every_match_is_the_query_in_the_source(p in "[a-cA-C \\[\\]^1]{0,60}", q in "[a-c]{1,3}") {
            for (kind, _, start, end) in find(&[&p], &q) {
                if kind != Paragraph { continue; }
                let source: String = p.chars().skip(start).take(end - start).collect();
                // The source between start and end is the query, give or take markers.
                let plain: String = segments(&source).iter().filter_map(|seg| match seg {
                    Segment::Text(r) => source.get(r.clone()),
                    Segment::Marker { .. } => None,
                }).collect();
                prop_assert_eq!(plain.to_lowercase(), q.to_lowercase());
            }
        }
    }
}
