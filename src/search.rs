//! Finding text in an article, or in every article of the bundle,
//! independent of any layout.
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
//!
//! The bundle-wide search ([`search_bundle`]) finds the same matches in every
//! paragraph of every article, in bundle order, and stops after a cap: a
//! results list is for reading, and a word found a million times in a huge
//! bundle must not cost a million results. [`fit_snippet`] makes each
//! result's line.

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
    // A soft hyphen is invisible where the line does not break there: the
    // word reads whole, and is found whole.
    let kept = (chars.into_iter())
        .filter(|(c, _)| *c != '\u{AD}' && !(fold.ignore_marks && is_combining_mark(*c)));
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

/// Paragraph `p` as block `block`: its text without markers.
fn paragraph_block(block: usize, p: &str) -> Block {
    let mut stretches = Vec::new();
    for seg in segments(p) {
        if let Segment::Text(r) = seg {
            let source = p[..r.start].chars().count();
            stretches.push((p.get(r).unwrap_or_default().to_string(), source));
        }
    }
    self::block(block, stretches)
}

/// A part of an article that is searched: what the reader shows of it, in
/// reading order (the order of the variants).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Part {
    Title,
    /// Paragraph `i`, from 0.
    Paragraph(usize),
    /// Related link `i`, from 0.
    Related(usize),
    /// Note `n` in Sources, from 1.
    Note(usize),
}

impl Part {
    /// Its block in `outline` (of its article).
    pub fn block(self, outline: &ArticleOutline) -> usize {
        match self {
            Part::Title => outline.title_block(),
            Part::Paragraph(p) => outline.paragraph_block(p),
            Part::Related(r) => outline.blocks(BlockKind::Related).start + r,
            Part::Note(n) => outline.blocks(BlockKind::Note).start + n.saturating_sub(1),
        }
    }
}

/// The searchable parts of `article` (its notes numbered by `notes`), in
/// reading order, each as a block numbered 0.
fn parts<'a>(article: &'a Article, notes: &'a Notes) -> impl Iterator<Item = (Part, Block)> + 'a {
    let whole = |text: &str| block(0, vec![(text.to_string(), 0)]);
    let title = std::iter::once((Part::Title, whole(&article.title)));
    let paragraphs = (article.paragraphs.iter().enumerate())
        .map(|(p, text)| (Part::Paragraph(p), paragraph_block(0, text)));
    let related =
        (article.related.iter().enumerate()).map(move |(r, text)| (Part::Related(r), whole(text)));
    let notes = (1..=notes.len()).filter_map(move |n| {
        let c = notes.citation(article, n)?;
        Some((Part::Note(n), whole(&note_text(c))))
    });
    title.chain(paragraphs).chain(related).chain(notes)
}

/// The text of `part` of `article` as it is searched and read: a
/// paragraph without its markers, a note as Sources shows it.
pub fn part_text(article: &Article, part: Part) -> String {
    let text = match part {
        Part::Title => Some(article.title.clone()),
        Part::Paragraph(p) => article.paragraphs.get(p).map(|t| plain_text(t)),
        Part::Related(r) => article.related.get(r).cloned(),
        Part::Note(n) => Notes::number(article).citation(article, n).map(note_text),
    };
    text.unwrap_or_default()
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
        let blocks = (parts(article, notes))
            .map(|(part, mut b)| {
                b.block = part.block(outline);
                b
            })
            .collect();
        SearchText { blocks }
    }

    /// Every match of `query`, in reading order. Smart case, smart accents,
    /// canonical equivalence.
    pub fn find(&self, query: &str) -> Vec<Match> {
        let Some(needle) = Needle::new(query) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for b in &self.blocks {
            let folded = b.folded[needle.how.index()].get_or_init(|| fold(&b.text, needle.how));
            each_match(b, folded, &needle, |first, end| {
                out.push(Match {
                    block: b.block,
                    start: b.source_of(first),
                    end: b.source_of(end - 1) + 1,
                });
                true
            });
        }
        out
    }
}

/// A query, folded as it compares, and its finder.
struct Needle {
    how: Fold,
    /// Characters of the folded query.
    len: usize,
    finder: memchr::memmem::Finder<'static>,
}

impl Needle {
    /// `None` for a query that matches nothing (empty, or only marks that
    /// fold away).
    fn new(query: &str) -> Option<Needle> {
        let how = Fold::of(query);
        let folded = fold(query, how).text;
        let len = folded.chars().count();
        (len > 0).then(|| Needle {
            how,
            len,
            finder: memchr::memmem::Finder::new(folded.as_bytes()).into_owned(),
        })
    }
}

/// Calls `found(first, end)` with the characters of `b`'s text of each
/// match of `needle` in it (`folded`: the text folded as the needle is),
/// in order, until it returns false.
fn each_match(
    b: &Block,
    folded: &Folded,
    needle: &Needle,
    mut found: impl FnMut(usize, usize) -> bool,
) {
    let hay = &folded.text;
    let text_char = |i: usize| match &folded.map {
        Some(map) => map.get(i).map_or(i, |&c| c as usize),
        None => i,
    };
    // Characters are counted as the search moves on, once.
    let (mut byte, mut chars) = (0, 0);
    let mut last_end = 0;
    for at in needle.finder.find_iter(hay.as_bytes()) {
        chars += hay.get(byte..at).map_or(0, |s| s.chars().count());
        byte = at;
        let first = text_char(chars);
        // The last character's combining marks go with it.
        let mut end = text_char(chars + needle.len - 1) + 1;
        while folded.map.is_some() && b.text_char_is_mark(end) {
            end += 1;
        }
        // Two matches in one character (a query of marks): one.
        if first < last_end {
            continue;
        }
        last_end = end;
        if !found(first, end) {
            return;
        }
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

/// A match of a search over the whole bundle: where it is, in the part's
/// source (as [`Match`]) and in its text as read (what a snippet shows).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Index of the article in the bundle.
    pub article: usize,
    /// The part of the article.
    pub part: Part,
    /// Source characters of the match.
    pub start: usize,
    pub end: usize,
    /// Characters of the match in [`part_text`].
    pub text_start: usize,
    pub text_end: usize,
}

/// The matches of a search over the whole bundle, in bundle order, the
/// first `cap` of them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BundleHits {
    pub hits: Vec<Hit>,
    /// There are more than `cap`: the search stopped at the first one over.
    pub more: bool,
}

/// Every match of `query` in `articles`, in bundle order (article, then
/// reading order: title, paragraphs, related links, notes), exactly the
/// matches the in-article search finds (smart case, smart accents, markers
/// not text), stopping after the first `cap`: a query found everywhere in a
/// huge bundle costs `cap` matches of work, not millions.
pub fn search_bundle(articles: &[Article], query: &str, cap: usize) -> BundleHits {
    let mut out = BundleHits::default();
    let Some(needle) = Needle::new(query) else {
        return out;
    };
    for (a, article) in articles.iter().enumerate() {
        let notes = Notes::number(article);
        for (part, b) in parts(article, &notes) {
            let folded = fold(&b.text, needle.how);
            each_match(&b, &folded, &needle, |first, end| {
                if out.hits.len() == cap {
                    out.more = true;
                    return false;
                }
                out.hits.push(Hit {
                    article: a,
                    part,
                    start: b.source_of(first),
                    end: b.source_of(end - 1) + 1,
                    text_start: first,
                    text_end: end,
                });
                true
            });
            if out.more {
                return out;
            }
        }
    }
    out
}

/// A paragraph's text as it reads, without its footnote markers.
pub fn plain_text(paragraph: &str) -> String {
    paragraph_block(0, paragraph).text
}

/// A line of a results list: a match with text either side.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Snippet {
    /// Text before the match, led by an ellipsis when cut.
    pub before: String,
    /// The match (cut, with an ellipsis, only when it alone is too wide).
    pub hit: String,
    /// Text after the match, ended by an ellipsis when cut.
    pub after: String,
}

impl Snippet {
    /// Its width in columns.
    pub fn width(&self) -> usize {
        use unicode_width::UnicodeWidthStr;
        self.before.width() + self.hit.width() + self.after.width()
    }
}

/// `before`, `hit` and `after` (a match and the text either side, as they
/// are to be shown) fitted to `width` columns: the match whole, a third of
/// the room before it (more when the text after is short), the rest after;
/// the context cut at word boundaries, where there is one, and the cuts
/// marked with `ellipsis`.
pub fn fit_snippet(before: &str, hit: &str, after: &str, width: usize, ellipsis: &str) -> Snippet {
    use unicode_width::UnicodeWidthStr;
    let (before, after) = (before.trim_start(), after.trim_end());
    let ew = ellipsis.width();
    let hw = hit.width();
    let cut_before = !before.is_empty();
    if hw > width.saturating_sub(if cut_before { ew } else { 0 }) {
        // The match alone is too wide: its start shows.
        let lead = if cut_before && width > ew {
            ellipsis
        } else {
            ""
        };
        let room = width.saturating_sub(lead.width());
        let kept = if hw <= room {
            hit.to_string()
        } else {
            prefix(hit, room.saturating_sub(ew), false) + ellipsis
        };
        let kept = if kept.width() > room {
            String::new()
        } else {
            kept
        };
        return Snippet {
            before: lead.into(),
            hit: kept,
            after: String::new(),
        };
    }
    let room = width - hw;
    let (bw, aw) = (before.width(), after.width());
    // Room for an ellipsis at least, when it is cut.
    let least = if cut_before { ew } else { 0 };
    let before_room = (room / 3).max(room.saturating_sub(aw)).max(least).min(room);
    let before = if bw <= before_room {
        before.to_string()
    } else if before_room >= ew {
        let kept = suffix(before, before_room - ew);
        if kept.is_empty() {
            ellipsis.to_string()
        } else {
            format!("{ellipsis}{kept}")
        }
    } else {
        String::new()
    };
    let after_room = room - before.width();
    let after = if aw <= after_room {
        after.to_string()
    } else if after_room >= ew {
        prefix(after, after_room - ew, true) + ellipsis
    } else {
        String::new()
    };
    Snippet {
        before,
        hit: hit.to_string(),
        after,
    }
}

/// The longest end of `text` within `width` columns, from a word's start
/// when it holds one; without leading spaces.
fn suffix(text: &str, width: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut used = 0;
    let mut start = chars.len();
    while start > 0 {
        let w = unicode_width::UnicodeWidthChar::width(chars[start - 1]).unwrap_or(0);
        if used + w > width {
            break;
        }
        used += w;
        start -= 1;
    }
    let mid_word = start > 0
        && start < chars.len()
        && !chars[start - 1].is_whitespace()
        && !chars[start].is_whitespace();
    // To the next word, unless that leaves nothing: then inside the word.
    if mid_word
        && let Some(space) = chars[start..].iter().position(|c| c.is_whitespace())
        && chars[start + space..].iter().any(|c| !c.is_whitespace())
    {
        start += space;
    }
    chars[start..]
        .iter()
        .collect::<String>()
        .trim_start()
        .to_string()
}

/// The longest start of `text` within `width` columns, to a word's end
/// when `words` and it holds one; without trailing spaces.
fn prefix(text: &str, width: usize, words: bool) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut used = 0;
    let mut end = 0;
    while end < chars.len() {
        let w = unicode_width::UnicodeWidthChar::width(chars[end]).unwrap_or(0);
        if used + w > width {
            break;
        }
        used += w;
        end += 1;
    }
    let mid_word = end < chars.len()
        && end > 0
        && !chars[end].is_whitespace()
        && !chars[end - 1].is_whitespace();
    // Back to the word's start, unless that leaves nothing.
    if words
        && mid_word
        && let Some(space) = chars[..end].iter().rposition(|c| c.is_whitespace())
        && chars[..space].iter().any(|c| !c.is_whitespace())
    {
        end = space;
    }
    chars[..end]
        .iter()
        .collect::<String>()
        .trim_end()
        .to_string()
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
        // A soft hyphen does not split a word (review of issue 16).
        assert_eq!(find(&["a ze\u{AD}bra"], "zebra"), [(Paragraph, 0, 2, 8)]);
        assert_eq!(find(&["a ZE\u{AD}BRA"], "Zebra"), []);
    }

    fn articles(texts: &[&[&str]]) -> Vec<Article> {
        texts.iter().map(|ps| article(ps)).collect()
    }

    #[test]
    fn the_bundle_search_finds_every_match_in_bundle_order() {
        let b = articles(&[
            &["Baku and baku", "nothing"],
            &["none"],
            &["x BAKU[^1] baku"],
        ]);
        let hits = search_bundle(&b, "baku", 100);
        let places: Vec<_> = hits
            .hits
            .iter()
            .map(|h| (h.article, h.part, h.start, h.end))
            .collect();
        let p = Part::Paragraph;
        assert_eq!(
            places,
            [
                (0, p(0), 0, 4),
                (0, p(0), 9, 13),
                (2, p(0), 2, 6),
                (2, p(0), 11, 15)
            ]
        );
        assert!(!hits.more);
        // Text places skip the marker: "x BAKU baku".
        let last = hits.hits[3];
        assert_eq!((last.text_start, last.text_end), (7, 11));
        assert_eq!(part_text(&b[2], p(0)), "x BAKU baku");
        // The same rules as the article's search: smart case and accents.
        assert_eq!(search_bundle(&b, "Baku", 100).hits.len(), 1);
        let accented = articles(&[&["Café and cafe\u{301}"]]);
        assert_eq!(search_bundle(&accented, "cafe", 100).hits.len(), 2);
        assert_eq!(search_bundle(&b, "", 100), BundleHits::default());
        // Titles, related links and notes are searched, as `/` searches
        // them, in reading order.
        let mut a = article(&["the source says"]);
        a.title = "Source of it".into();
        a.related = vec!["More on the source".into()];
        a.citations.truncate(1);
        a.citations[0].source = "Source Agency".into();
        a.paragraphs[0] = "the source says[^1]".into();
        a.citations[0].id = "1".into();
        let found = search_bundle(std::slice::from_ref(&a), "source", 100);
        let parts: Vec<Part> = found.hits.iter().map(|h| h.part).collect();
        assert_eq!(parts, [Part::Title, p(0), Part::Related(0), Part::Note(1)]);
        assert_eq!(part_text(&a, Part::Note(1)), note_text(&a.citations[0]));
        assert_eq!(found.hits.len(), find_in(&a, "source").len());
    }

    #[test]
    fn the_bundle_search_stops_at_its_cap() {
        let mut b = articles(&[&["a a a", "a"], &["a a"]]);
        // Paragraphs only: no notes to find "a" in.
        b.iter_mut().for_each(|a| a.citations.clear());
        let hits = search_bundle(&b, "a", 4);
        assert_eq!(hits.hits.len(), 4);
        assert!(hits.more);
        assert_eq!(
            (hits.hits[3].article, hits.hits[3].part),
            (0, Part::Paragraph(1))
        );
        let exact = search_bundle(&b, "a", 6);
        assert_eq!((exact.hits.len(), exact.more), (6, false));
    }

    #[test]
    fn a_snippet_keeps_the_match_and_cuts_at_words() {
        let fit = |b: &str, h: &str, a: &str, w: usize| {
            let s = fit_snippet(b, h, a, w, "…");
            format!("{}[{}]{}", s.before, s.hit, s.after)
        };
        // Room for everything: nothing cut.
        assert_eq!(fit("the ", "cat", " sat", 40), "the [cat] sat");
        // A third of the room before, the rest after, words whole.
        assert_eq!(
            fit(
                "one two three four five six ",
                "cat",
                " sat on the mat by the door",
                30
            ),
            "…six [cat] sat on the mat by…"
        );
        // Little after: the room goes before.
        assert_eq!(
            fit("one two three four five six seven eight ", "cat", ".", 30),
            "…five six seven eight [cat]."
        );
        // A match wider than the room: its start shows.
        assert_eq!(fit("a ", "abcdefghij", " z", 6), "…[abcd…]");
        assert_eq!(fit("", "abcdefghij", "", 6), "[abcde…]");
        // One long word: cut inside it, as there is no boundary.
        assert_eq!(fit("x", "cat", " abcdefghijklmnop", 10), "x[cat] abcd…");
        assert_eq!(fit("abcdefghijklmnop", "cat", "", 10), "…klmnop[cat]");
    }

    proptest! {
        /// The bundle search: every hit is the query in its part, in bundle
        /// order, the cap honoured, the same matches as the article's own
        /// search; every snippet of it shows the match whole and fits its
        /// width.
        #[test]
        fn bundle_hits_are_the_query_in_order_and_snippets_show_them(
            texts in proptest::collection::vec(proptest::collection::vec("[a-cA-C \\[\\]^1]{0,40}", 0..4), 0..5),
            q in "[a-c]{1,3}",
            cap in 0usize..12,
            width in 8usize..60,
        ) {
            let b: Vec<Article> = texts.iter().map(|ps| {
                let ps: Vec<&str> = ps.iter().map(String::as_str).collect();
                article(&ps)
            }).collect();
            let found = search_bundle(&b, &q, cap);
            let all = search_bundle(&b, &q, usize::MAX);
            prop_assert!(found.hits.len() <= cap);
            prop_assert_eq!(found.more, all.hits.len() > cap);
            prop_assert_eq!(&found.hits[..], &all.hits[..found.hits.len()]);
            for w in all.hits.windows(2) {
                prop_assert!((w[0].article, w[0].part, w[0].start) < (w[1].article, w[1].part, w[1].start));
            }
            // Exactly the matches the article's own search finds, article
            // by article.
            for (i, a) in b.iter().enumerate() {
                let notes = Notes::number(a);
                let outline = ArticleOutline::new(a, &notes);
                let own = SearchText::new(a, &notes, &outline).find(&q);
                let listed: Vec<Match> = (all.hits.iter().filter(|h| h.article == i))
                    .map(|h| Match { block: h.part.block(&outline), start: h.start, end: h.end })
                    .collect();
                prop_assert_eq!(listed, own);
            }
            for h in &found.hits {
                let text: Vec<char> = part_text(&b[h.article], h.part).chars().collect();
                let hit: String = text[h.text_start..h.text_end].iter().collect();
                prop_assert_eq!(hit.to_lowercase(), q.to_lowercase());
                let before: String = text[..h.text_start].iter().collect();
                let after: String = text[h.text_end..].iter().collect();
                let s = fit_snippet(&before, &hit, &after, width, "…");
                prop_assert!(s.width() <= width, "{:?} wider than {}", s, width);
                prop_assert_eq!(&s.hit, &hit);
                let kept_before = s.before.trim_start_matches('…');
                prop_assert!(before.trim_end_matches(' ').ends_with(kept_before.trim_end_matches(' ')) || before.ends_with(kept_before), "{:?} {:?}", s, before);
                let kept_after = s.after.trim_end_matches('…');
                prop_assert!(after.starts_with(kept_after), "{:?} {:?}", s, after);
            }
        }

        /// Any text and width: a snippet fits, and shows the whole match
        /// when it and two ellipses fit.
        #[test]
        fn a_snippet_fits_its_width(
            before in "[a-z ]{0,50}", hit in "[a-z]{1,12}", after in "[a-z ]{0,50}",
            width in 0usize..40, ascii in proptest::bool::ANY,
        ) {
            let ellipsis = if ascii { "..." } else { "…" };
            let s = fit_snippet(&before, &hit, &after, width, ellipsis);
            prop_assert!(s.width() <= width, "{:?} wider than {}", s, width);
            if hit.len() + 2 * ellipsis.len().min(3) <= width {
                prop_assert_eq!(&s.hit, &hit);
            }
            // A cut is marked.
            let shown_before = s.before.strip_prefix(ellipsis).unwrap_or(&s.before);
            if shown_before.len() < before.trim().len() && !before.trim().is_empty() {
                prop_assert!(s.before.starts_with(ellipsis) || s.before.is_empty() && width < hit.len() + ellipsis.len(), "{:?}", s);
            }
        }

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
