//! Finding text in an article, independent of any layout.
//!
//! A match is a range of characters of a block's source text (the same blocks,
//! numbered by the article's [`ArticleOutline`], and offsets the layout's
//! anchors and runs carry), so matches survive a resize and a re-wrap, and a
//! match across a line break is one match, highlighted on both lines.
//! Footnote markers are not part of the searchable text: `systems.` finds
//! `systems[^1].`. Smart case: a query with a capital letter matches case
//! exactly, one without ignores case.
//!
//! Text is compared canonically decomposed (NFD), so `café` typed as one
//! character finds `cafe` + a combining acute and the other way round. Smart
//! accents, as smart case: a query without accents (combining marks, once
//! decomposed) ignores them, `cafe` finds `café`; a query with any matches
//! them exactly, `café` finds only `café`. A match is still a range of the
//! source's characters, a base letter's combining marks included.

use crate::bundle::Article;
use crate::bundle::markers::{Segment, segments};
use crate::footnotes::{Notes, note_text};
use crate::layout::outline::{ArticleOutline, BlockKind};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::{
    canonical_combining_class, decompose_canonical, is_combining_mark,
};

/// Where a match is: a block of the article and source characters in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Match {
    pub block: usize,
    pub start: usize,
    pub end: usize,
}

/// One searchable block: its text without markers, where each stretch of
/// it starts in the source, and its folded forms (made when first searched).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Block {
    block: usize,
    text: String,
    /// (character in `text`, character in the source) at each stretch start.
    stretches: Vec<(usize, usize)>,
    /// By [`Fold::index`]: the text folded so, and which character of `text`
    /// each folded character comes from.
    folded: [std::sync::OnceLock<Folded>; 4],
}

/// How a query compares: case, accents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Fold {
    /// Lower-case both sides (the query has no capital).
    ignore_case: bool,
    /// Leave combining marks out of both sides (the query has none).
    ignore_marks: bool,
}

impl Fold {
    fn of(query: &str) -> Fold {
        Fold {
            ignore_case: !query.chars().any(char::is_uppercase),
            ignore_marks: !query.nfd().any(is_combining_mark),
        }
    }

    fn index(self) -> usize {
        usize::from(self.ignore_case) * 2 + usize::from(self.ignore_marks)
    }
}

/// Text folded for comparison; `map[i]`: the character of the text that
/// folded character `i` comes from (`None`: one for one, ASCII).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Folded {
    text: String,
    map: Option<Vec<u32>>,
}

/// `text` canonically decomposed (marks in canonical order), lower-cased
/// and without combining marks as `fold` says, with the map back to its
/// characters.
fn fold(text: &str, fold: Fold) -> Folded {
    let lower = |c: char| {
        if fold.ignore_case {
            c.to_lowercase().next().unwrap_or(c)
        } else {
            c
        }
    };
    if text.is_ascii() {
        return Folded {
            text: text.chars().map(lower).collect(),
            map: None,
        };
    }
    let mut chars: Vec<(char, u32)> = Vec::with_capacity(text.len());
    for (i, c) in text.chars().enumerate() {
        let i = u32::try_from(i).unwrap_or(u32::MAX);
        decompose_canonical(c, |d| chars.push((d, i)));
    }
    // Canonical order: each run of marks sorted by combining class (stable).
    let mut start = 0;
    while start < chars.len() {
        let end = start
            + chars[start..]
                .iter()
                .take_while(|(c, _)| canonical_combining_class(*c) != 0)
                .count();
        if end > start {
            chars[start..end].sort_by_key(|(c, _)| canonical_combining_class(*c));
            start = end;
        } else {
            start += 1;
        }
    }
    let kept = chars
        .into_iter()
        .filter(|(c, _)| !(fold.ignore_marks && is_combining_mark(*c)));
    let (text, map): (String, Vec<u32>) = kept.map(|(c, i)| (lower(c), i)).unzip();
    Folded {
        text,
        map: Some(map),
    }
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
        text,
        stretches: starts,
        folded: Default::default(),
    }
}

/// The searchable text of an article, built once per article.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SearchText {
    blocks: Vec<Block>,
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

    /// Every match of `query`, in reading order. Smart case, smart accents,
    /// canonical equivalence.
    pub fn find(&self, query: &str) -> Vec<Match> {
        if query.is_empty() {
            return Vec::new();
        }
        let how = Fold::of(query);
        let needle = fold(query, how).text;
        let len = needle.chars().count();
        if len == 0 {
            return Vec::new();
        }
        let finder = memchr::memmem::Finder::new(needle.as_bytes());
        let mut out = Vec::new();
        for b in &self.blocks {
            let folded = b.folded[how.index()].get_or_init(|| fold(&b.text, how));
            let hay = &folded.text;
            let text_char = |i: usize| match &folded.map {
                Some(map) => map.get(i).map_or(i, |&c| c as usize),
                None => i,
            };
            // Characters are counted as the search moves on, once.
            let (mut byte, mut chars) = (0, 0);
            let mut last_end = 0;
            for at in finder.find_iter(hay.as_bytes()) {
                chars += hay.get(byte..at).map_or(0, |s| s.chars().count());
                byte = at;
                let first = text_char(chars);
                // The last character's combining marks go with it.
                let mut end = text_char(chars + len - 1) + 1;
                while folded.map.is_some() && b.text_char_is_mark(end) {
                    end += 1;
                }
                // Two matches in one character (a query of marks): one.
                if first < last_end {
                    continue;
                }
                last_end = end;
                out.push(Match {
                    block: b.block,
                    start: b.source_of(first),
                    end: b.source_of(end - 1) + 1,
                });
            }
        }
        out
    }
}

impl Block {
    /// Character `i` of the text is a combining mark.
    fn text_char_is_mark(&self, i: usize) -> bool {
        // Marks are rare and short: look from the end of the match on.
        self.text.chars().nth(i).is_some_and(is_combining_mark)
    }

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

    /// Issue 16, item 14: canonically equivalent text matches, and a query
    /// without accents ignores them (smart accents).
    #[test]
    fn canonical_equivalence_and_smart_accents() {
        let text = "cafe\u{301} and café, naïve and nai\u{308}ve, naive";
        let chars: Vec<char> = text.chars().collect();
        let found = |q: &str| -> Vec<String> {
            find(&[text], q)
                .into_iter()
                .filter(|m| m.0 == Paragraph)
                .map(|(_, _, s, e)| chars[s..e].iter().collect())
                .collect()
        };
        // Typed precomposed or decomposed, both forms are found, marks whole.
        assert_eq!(found("café"), ["cafe\u{301}", "café"]);
        assert_eq!(found("cafe\u{301}"), ["cafe\u{301}", "café"]);
        assert_eq!(found("naïve"), ["naïve", "nai\u{308}ve"]);
        // Without accents: every one, accented or not.
        assert_eq!(found("naive"), ["naïve", "nai\u{308}ve", "naive"]);
        assert_eq!(found("cafe"), ["cafe\u{301}", "café"]);
        // A match ending on a decomposed letter takes its mark along.
        assert_eq!(found("caf"), ["caf", "caf"]);
        assert_eq!(found("fe"), ["fe\u{301}", "fé"]);
        // Case and accents are independent.
        assert_eq!(found("CAFÉ"), Vec::<String>::new());
        assert_eq!(find(&["Café"], "Cafe")[0], (Paragraph, 0, 0, 4));
        // Places are the source's characters, markers skipped.
        assert_eq!(
            find(&["nai\u{308}ve[^1] naïve"], "naïve"),
            [(Paragraph, 0, 0, 6), (Paragraph, 0, 11, 16)]
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
