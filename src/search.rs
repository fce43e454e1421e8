//! Finding text in an article, independent of any layout.
//!
//! A match is a range of characters of a block's source text (the same offsets
//! the layout's anchors and runs carry), so matches survive a resize and a
//! re-wrap, and a match across a line break is one match, highlighted on both
//! lines. Footnote markers are not part of the searchable text: `systems.`
//! finds `systems[^1].`. Smart case: a query with a capital letter matches
//! case exactly, one without ignores case.

use crate::bundle::Article;
use crate::bundle::markers::{Segment, segments};
use crate::footnotes::{Notes, note_text};

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

/// Where the layout numbers the blocks that hold text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Blocks {
    pub title: usize,
    pub first_paragraph: usize,
    pub first_related: usize,
    pub first_note: usize,
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
    pub fn new(article: &Article, notes: &Notes, blocks: Blocks) -> SearchText {
        let mut out = vec![block(blocks.title, vec![(article.title.clone(), 0)])];
        for (i, p) in article.paragraphs.iter().enumerate() {
            let mut stretches = Vec::new();
            for seg in segments(p) {
                if let Segment::Text(r) = seg {
                    let source = p[..r.start].chars().count();
                    stretches.push((p.get(r).unwrap_or_default().to_string(), source));
                }
            }
            out.push(block(blocks.first_paragraph + i, stretches));
        }
        for (i, r) in article.related.iter().enumerate() {
            out.push(block(blocks.first_related + i, vec![(r.clone(), 0)]));
        }
        for n in 1..=notes.len() {
            if let Some(c) = notes.citation(article, n) {
                out.push(block(blocks.first_note + n - 1, vec![(note_text(c), 0)]));
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
    use proptest::prelude::*;

    fn article(paragraphs: &[&str]) -> Article {
        let mut a = crate::bundle::test_data::seed_article();
        a.title = "The Title".into();
        a.paragraphs = paragraphs.iter().map(|p| p.to_string()).collect();
        a.related.clear();
        a
    }

    const BLOCKS: Blocks = Blocks {
        title: 1,
        first_paragraph: 10,
        first_related: 100,
        first_note: 200,
    };

    fn find(paragraphs: &[&str], q: &str) -> Vec<(usize, usize, usize)> {
        let a = article(paragraphs);
        let s = SearchText::new(&a, &Notes::number(&a), BLOCKS);
        s.find(q)
            .into_iter()
            .map(|m| (m.block, m.start, m.end))
            .collect()
    }

    #[test]
    fn smart_case_and_reading_order() {
        assert_eq!(
            find(&["Baku and baku", "BAKU"], "baku"),
            [(10, 0, 4), (10, 9, 13), (11, 0, 4)]
        );
        assert_eq!(find(&["Baku and baku"], "Baku"), [(10, 0, 4)]);
        assert_eq!(find(&["x"], ""), []);
        assert_eq!(
            find(&["The end"], "title"),
            [(1, 4, 9)],
            "the title is searched"
        );
    }

    #[test]
    fn markers_are_not_text_and_offsets_are_the_sources() {
        // `systems[^1].` reads `systems.`; the match ends after the marker.
        assert_eq!(
            find(&["missile systems[^1]. Next"], "systems."),
            [(10, 8, 20)]
        );
        assert_eq!(find(&["a [^1] b"], "^1"), []);
        // Unicode: offsets in characters, case folded one for one.
        assert_eq!(
            find(&["Ünal said ÜNAL"], "ünal"),
            [(10, 0, 4), (10, 10, 14)]
        );
    }

    proptest! {
        #[test]
        fn every_match_is_the_query_in_the_source(p in "[a-cA-C \\[\\]^1]{0,60}", q in "[a-c]{1,3}") {
            let a = article(&[&p]);
            let s = SearchText::new(&a, &Notes::number(&a), BLOCKS);
            for m in s.find(&q) {
                if m.block != 10 { continue; }
                let source: String = p.chars().skip(m.start).take(m.end - m.start).collect();
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
