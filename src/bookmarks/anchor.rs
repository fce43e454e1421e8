//! Anchors: a place in an article's *content* (paragraph, character offset of
//! the first visible word, and a snippet of the text there), not a screen row.
//! A place survives resizes because it is not a row, and survives edits to the
//! bundle because the snippet can be found again.

use serde::{Deserialize, Serialize};

use crate::bundle::Article;
use crate::layout::article::{AnchorKey, ArticleLayout};

/// How much text a snippet keeps.
const SNIPPET_CHARS: usize = 48;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anchor {
    pub paragraph: usize,
    /// Character offset in the paragraph's text (markers included).
    pub offset: usize,
    pub snippet: String,
    /// Fields this folio does not know, kept.
    #[serde(
        flatten,
        default,
        skip_serializing_if = "super::model::Unknown::is_empty"
    )]
    pub extra: super::model::Unknown,
}

/// Where an anchor is in the article as it is now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolved {
    /// Found; `moved` when the paragraph or offset changed since.
    At {
        paragraph: usize,
        offset: usize,
        moved: bool,
    },
    /// The passage is no longer in the article.
    Lost,
}

/// The text of `paragraph` from character `offset`, as an anchor keeps it.
pub fn snippet(paragraph: &str, offset: usize) -> String {
    paragraph.chars().skip(offset).take(SNIPPET_CHARS).collect()
}

/// The anchor of the line at `top`: the paragraph on screen, or the nearest one.
pub fn anchor_at(article: &Article, layout: &ArticleLayout, top: usize) -> Anchor {
    let last = article.paragraphs.len().saturating_sub(1);
    let key = layout.key_of(top);
    let (paragraph, offset) = match layout.paragraph_of_block(key.block) {
        // The blank line after a paragraph: the next one starts here.
        Some(p) if key.gap == 1 => ((p + 1).min(last), 0),
        Some(p) => (p, key.offset),
        // The header, or what follows the paragraphs.
        None if key.block < layout.paragraph_block(0) => (0, 0),
        None => (last, 0),
    };
    let text = article.paragraphs.get(paragraph).map_or("", |p| p.as_str());
    Anchor {
        paragraph,
        offset,
        snippet: snippet(text, offset),
        extra: Default::default(),
    }
}

/// The layout key of a resolved place, for scrolling to it. The very start
/// of the text is the top of the article, header included: a place saved
/// with the header on screen comes back with the header on screen.
pub fn key_of(layout: &ArticleLayout, paragraph: usize, offset: usize) -> AnchorKey {
    if (paragraph, offset) == (0, 0) {
        return AnchorKey::default();
    }
    AnchorKey {
        block: layout.paragraph_block(paragraph),
        offset,
        gap: 0,
    }
}

fn char_find(haystack: &str, needle: &str) -> Vec<usize> {
    haystack
        .match_indices(needle)
        .map(|(byte, _)| haystack[..byte].chars().count())
        .collect()
}

/// Finds `anchor` in `article`: where it was if the text there is unchanged,
/// else the occurrence of its snippet nearest to where it was.
pub fn resolve(article: &Article, anchor: &Anchor) -> Resolved {
    if let Some(text) = article.paragraphs.get(anchor.paragraph)
        && snippet(text, anchor.offset) == anchor.snippet
        && (anchor.offset == 0 || anchor.offset < text.chars().count())
    {
        return Resolved::At {
            paragraph: anchor.paragraph,
            offset: anchor.offset,
            moved: false,
        };
    }
    if anchor.snippet.trim().is_empty() {
        return Resolved::Lost;
    }
    let distance = |p: usize, o: usize| (p.abs_diff(anchor.paragraph), o.abs_diff(anchor.offset));
    article
        .paragraphs
        .iter()
        .enumerate()
        .flat_map(|(p, text)| {
            char_find(text, &anchor.snippet)
                .into_iter()
                .map(move |o| (p, o))
        })
        .min_by_key(|&(p, o)| distance(p, o))
        .map_or(Resolved::Lost, |(paragraph, offset)| Resolved::At {
            paragraph,
            offset,
            moved: true,
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::footnotes::Notes;
    use crate::glyphs::Glyphs;
    use crate::layout::article::{DEFAULT_MEASURE, LayoutOptions, layout_article};

    fn seed() -> Article {
        crate::bundle::test_data::seed_article()
    }

    fn layout(a: &Article, width: usize) -> ArticleLayout {
        let opts = LayoutOptions::new(Glyphs::UNICODE, DEFAULT_MEASURE);
        layout_article(a, &Notes::number(a), width, opts)
    }

    fn first_words(layout: &ArticleLayout, line: usize) -> String {
        crate::layout::runs_text(&layout.lines[line].runs)
    }

    #[test]
    fn a_bookmark_made_at_80_columns_opens_on_the_same_word_at_40_and_200() {
        let a = seed();
        let at80 = layout(&a, 80);
        // A line in the middle of paragraph 4.
        let top = (0..at80.lines.len())
            .find(|&i| {
                at80.lines[i].key.block == at80.paragraph_block(4) && at80.lines[i].key.offset > 200
            })
            .unwrap();
        let anchor = anchor_at(&a, &at80, top);
        assert_eq!(anchor.paragraph, 4);
        // The first word on screen, up to where any width may break it.
        let line = first_words(&at80, top);
        let word = line
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap()
            .to_string();
        assert!(anchor.snippet.starts_with(&word), "{anchor:?} vs {word}");
        for width in [40, 200] {
            let l = layout(&a, width);
            let Resolved::At {
                paragraph,
                offset,
                moved,
            } = resolve(&a, &anchor)
            else {
                panic!()
            };
            assert!(!moved);
            let line = l.line_for(key_of(&l, paragraph, offset));
            let text = first_words(&l, line);
            // The word is on the top line, at or after its start.
            assert!(
                text.contains(&word),
                "width {width}: {text:?} lacks {word:?}"
            );
            assert_eq!(l.lines[line].key.block, l.paragraph_block(4));
        }
    }

    #[test]
    fn re_anchors_after_a_paragraph_is_inserted_before() {
        let a = seed();
        let anchor = Anchor {
            paragraph: 3,
            offset: 10,
            snippet: snippet(&a.paragraphs[3], 10),
            extra: Default::default(),
        };
        let mut edited = a.clone();
        edited
            .paragraphs
            .insert(1, "A new paragraph, added by an editor.".into());
        assert_eq!(
            resolve(&edited, &anchor),
            Resolved::At {
                paragraph: 4,
                offset: 10,
                moved: true
            }
        );
        // Text edited before the anchor in the same paragraph: found at its new offset.
        let mut edited = a.clone();
        edited.paragraphs[3].insert_str(0, "Inserted. ");
        assert_eq!(
            resolve(&edited, &anchor),
            Resolved::At {
                paragraph: 3,
                offset: 20,
                moved: true
            }
        );
        // The passage deleted: lost, not silently moved elsewhere.
        let mut edited = a.clone();
        edited.paragraphs.remove(3);
        assert_eq!(resolve(&edited, &anchor), Resolved::Lost);
    }

    #[test]
    fn the_start_of_the_text_is_the_top_of_the_article() {
        let a = seed();
        let l = layout(&a, 80);
        let anchor = anchor_at(&a, &l, 0);
        let Resolved::At {
            paragraph, offset, ..
        } = resolve(&a, &anchor)
        else {
            panic!()
        };
        assert_eq!(
            l.line_for(key_of(&l, paragraph, offset)),
            0,
            "the header shows again"
        );
    }

    #[test]
    fn header_and_gap_lines_anchor_to_a_paragraph() {
        let a = seed();
        let l = layout(&a, 80);
        assert_eq!(anchor_at(&a, &l, 0).paragraph, 0);
        let gap = (0..l.lines.len())
            .find(|&i| l.lines[i].key.gap == 1 && l.lines[i].key.block == l.paragraph_block(1))
            .unwrap();
        let anchor = anchor_at(&a, &l, gap);
        assert_eq!((anchor.paragraph, anchor.offset), (2, 0));
        let end = anchor_at(&a, &l, l.lines.len() - 1);
        assert_eq!(end.paragraph, 7);
    }
}
