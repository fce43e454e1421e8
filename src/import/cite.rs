//! Turning a paragraph's citations into `[^N]` markers: one recogniser for
//! every kind of page.
//!
//! A text page and an HTML page differ only in what they know about a
//! paragraph: where its characters came from (a text page's line and
//! column, an HTML page's best guess) and, for HTML, which parts of the text
//! were links. So [`cite_paragraph`] takes the paragraph's text, a function
//! that places an offset, and the link spans; a parenthetical that
//! [`classify`] reads as a citation becomes a marker and a [`Citation`],
//! with the URL of a link inside that part of the parenthetical, if any.
//! Links anywhere else are left as the text they were.

use super::PageStats;
use super::citations::{UNKNOWN_SOURCE, classify};
use super::page::warning;
use crate::bundle::Citation;
use crate::diagnostic::Diagnostic;

/// A link in a paragraph: bytes `start..end` of its text pointed at `url`
/// (absolute, `http` or `https`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkSpan {
    pub start: usize,
    pub end: usize,
    pub url: String,
}

/// The URL of the first link overlapping bytes `start..end`.
fn link_in(links: &[LinkSpan], start: usize, end: usize) -> Option<String> {
    links
        .iter()
        .find(|l| l.start < end && l.end > start)
        .map(|l| l.url.clone())
}

/// Abbreviations whose dot does not end a sentence (compared in lower case).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "no", "nos", "vs", "cf", "gen", "col", "lt", "sgt", "capt",
    "maj", "prof", "rev", "gov", "sen", "rep", "pres", "inc", "ltd", "co", "corp", "jr", "sr",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx",
    "vol", "art", "p", "pp", "fig", "ed", "eds", "etc", "al", "ca", "est",
];

/// The characters of the longest of [`ABBREVIATIONS`].
const LONGEST_ABBREVIATION: usize = 6;

/// Where the sentences of `text` end: the offsets of the space after `.`,
/// `!`, `?` or `…` (and any closing quotes) before a capital letter or an
/// opening quote. A dot after an initial (`J.`), inside an abbreviation
/// (`U.S.`) or after a known abbreviation (`cf.`, `Sept.`) ends nothing.
fn sentence_ends(text: &str) -> Vec<usize> {
    let mut ends = Vec::new();
    for (k, &byte) in text.as_bytes().iter().enumerate() {
        let c = match byte {
            b'.' => '.',
            b'!' => '!',
            b'?' => '?',
            // The first byte of a character, maybe `…`.
            0xe2 if text[k..].starts_with('…') => '…',
            _ => continue,
        };
        let mut after = text[k + c.len_utf8()..]
            .char_indices()
            .skip_while(|&(_, q)| matches!(q, '"' | '”' | '’' | '»' | '\''));
        let Some((space, ' ' | '\u{a0}')) = after.next() else {
            continue;
        };
        let next_starts = after
            .next()
            .is_some_and(|(_, n)| n.is_uppercase() || matches!(n, '"' | '“' | '«' | '‘'));
        if !next_starts {
            continue;
        }
        if c == '.' {
            // The word the dot ends, back to a space or an opening mark.
            let start = text[..k]
                .char_indices()
                .rev()
                .find(|&(_, w)| w.is_whitespace() || matches!(w, '(' | '"' | '“' | '«'))
                .map_or(0, |(i, w)| i + w.len_utf8());
            let word = &text[start..k];
            let letters = word.chars().filter(|w| w.is_alphabetic()).count();
            if letters <= 1 || word.contains('.') || is_abbreviation(word) {
                continue;
            }
        }
        ends.push(k + c.len_utf8() + space);
    }
    ends
}

/// Whether `word` is one of [`ABBREVIATIONS`] in any letter case.
fn is_abbreviation(word: &str) -> bool {
    // Lower-casing never shortens a word by characters: a word longer than
    // the longest abbreviation is none, and is not lower-cased.
    word.chars().count() <= LONGEST_ABBREVIATION
        && ABBREVIATIONS.contains(&word.to_lowercase().as_str())
}

/// Whether the parenthetical `inner` is whole sentences: `(It said so. Twice.)`.
fn ends_a_sentence(inner: &str) -> bool {
    inner
        .trim_end()
        .trim_end_matches(['"', '”', '’', '»', '\''])
        .ends_with(['.', '!', '?', '…'])
}

/// The length of the reference marks (`[3]`, `[3][4]`) that `rest` starts with.
fn reference_marks(rest: &str) -> usize {
    let mut len = 0;
    let bytes = rest.as_bytes();
    while bytes.get(len) == Some(&b'[') {
        let digits = bytes[len + 1..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if !(1..=3).contains(&digits) || bytes.get(len + 1 + digits) != Some(&b']') {
            break;
        }
        len += digits + 2;
    }
    len
}

/// Replaces the citations of a paragraph with `[^N]` markers (numbered on
/// from `citations.len()`), counting the other parentheticals. `locate`
/// gives the line and column of a byte offset of `text`, for warnings.
///
/// A `(` that is not closed before the end of its sentence (a caption's,
/// say) is text, with a warning: the `)` of a later sentence does not close
/// it, unless it closes whole sentences (`(It said so. Twice.)`) or a
/// citation. Parentheticals after it are read as usual. A reference mark
/// right after a citation (`(Reuters, May 2)[3]`), the page's own note
/// number, goes with it; the citation's raw text is the parenthetical's.
pub(crate) fn cite_paragraph(
    text: &str,
    locate: &dyn Fn(usize) -> (usize, usize),
    links: &[LinkSpan],
    article_date: Option<chrono::NaiveDate>,
    citations: &mut Vec<Citation>,
    stats: &mut PageStats,
    warnings: &mut Vec<Diagnostic>,
) -> String {
    // Warnings, by offset, to be given in the order of the text.
    let mut found_warnings: Vec<(usize, String)> = Vec::new();
    for (at, _) in text.match_indices("[^") {
        found_warnings.push((at, "the text has \"[^\", which a bundle reads as the start of a footnote marker; check the paragraph in the bundle".to_string()));
    }
    // Pairs of parentheses, in the order they close.
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    for i in memchr::memchr2_iter(b'(', b')', text.as_bytes()) {
        if text.as_bytes()[i] == b'(' {
            open.push(i);
            continue;
        }
        match open.pop() {
            Some(start) => pairs.push((start, i)),
            None => found_warnings.push((i, "unbalanced \")\"".to_string())),
        }
    }
    for &start in &open {
        found_warnings.push((start, "unbalanced \"(\"".to_string()));
    }
    // Where sentences end, found when a parenthetical that is no citation
    // first asks.
    let mut ends: Option<Vec<usize>> = None;
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for (start, i) in pairs {
        let inner = &text[start + 1..i];
        let nested = inner.contains('(');
        let found = if nested {
            None
        } else {
            classify(inner, article_date)
        };
        let mut spans_sentences = || {
            let ends = ends.get_or_insert_with(|| sentence_ends(text));
            let first_end = ends.partition_point(|&e| e <= start);
            ends.get(first_end).is_some_and(|&e| e < i)
        };
        if found.is_none() && spans_sentences() && !ends_a_sentence(inner) {
            found_warnings.push((
                start,
                "unbalanced \"(\": not closed before its sentence ends; read as text".to_string(),
            ));
            found_warnings.push((i, "unbalanced \")\"".to_string()));
            continue;
        }
        let Some(found) = found else {
            stats.other_parentheticals += 1;
            continue;
        };
        for message in found.warnings {
            found_warnings.push((start, message));
        }
        if found.citations.iter().any(|c| c.source == UNKNOWN_SOURCE) {
            found_warnings.push((
                start,
                format!(
                    "no source name in \"({inner})\" (a link lost in the scrape?): kept as a citation of an unknown source \"{UNKNOWN_SOURCE}\""
                ),
            ));
        }
        // The marker takes the place of the parenthetical and the
        // space before it, so it attaches to the word.
        let cut = text[..start].trim_end().len().max(copied);
        out.push_str(&text[copied..cut]);
        // Where each part's raw text is in the paragraph, to find its link.
        let mut searched = start + 1;
        for cited in found.citations {
            let url = if links.is_empty() {
                None
            } else {
                let at = text[searched..i]
                    .find(cited.raw.as_str())
                    .map(|k| searched + k);
                at.and_then(|at| {
                    let end = at + cited.raw.len();
                    searched = at;
                    link_in(links, at, end)
                })
            };
            let id = (citations.len() + 1).to_string();
            out.push_str(&format!("[^{id}]"));
            citations.push(Citation {
                id,
                prefix: cited.prefix,
                source: cited.source,
                date: cited.date,
                raw: Some(cited.raw),
                url,
            });
        }
        copied = i + 1 + reference_marks(&text[i + 1..]);
    }
    out.push_str(&text[copied..]);
    found_warnings.sort_by_key(|&(at, _)| at);
    for (at, message) in found_warnings {
        let (line, column) = locate(at);
        warnings.push(warning(line, column, message));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cite(text: &str, links: &[LinkSpan]) -> (String, Vec<Citation>) {
        let mut citations = Vec::new();
        let mut stats = PageStats::default();
        let mut warnings = Vec::new();
        let out = cite_paragraph(
            text,
            &|_| (1, 1),
            links,
            chrono::NaiveDate::from_ymd_opt(2020, 6, 3),
            &mut citations,
            &mut stats,
            &mut warnings,
        );
        (out, citations)
    }

    fn span(text: &str, needle: &str, url: &str) -> LinkSpan {
        let start = text.find(needle).unwrap_or(0);
        LinkSpan {
            start,
            end: start + needle.len(),
            url: url.to_string(),
        }
    }

    #[test]
    fn the_longest_abbreviation_is_known() {
        let longest = ABBREVIATIONS.iter().map(|a| a.chars().count()).max();
        assert_eq!(longest, Some(LONGEST_ABBREVIATION));
    }

    #[test]
    fn sentences_end_at_a_stop_before_a_capital_not_after_an_abbreviation() {
        let text = "He said so. Then Dr. Who came. «Yes.» She went (cf. Sept. 9). U.S. Army»! \"Go\u{a0}»… Now";
        // The words before each end.
        let ends: Vec<&str> = sentence_ends(text)
            .iter()
            .map(|&e| text[..e].rsplit(' ').next().unwrap_or(""))
            .collect();
        assert_eq!(ends, ["so.", "came.", "«Yes.»", "Army»!", "\"Go\u{a0}»…"]);
    }

    #[test]
    fn a_link_inside_the_parenthetical_becomes_the_citations_url() {
        let text = "Baku said so (Mod.gov.az, May 23). See the ministry site for more.";
        let links = [
            span(text, "Mod.gov.az", "https://mod.gov.az/en/news/1"),
            span(text, "ministry site", "https://example.org/elsewhere"),
        ];
        let (out, citations) = cite(text, &links);
        assert_eq!(out, "Baku said so[^1]. See the ministry site for more.");
        assert_eq!(citations.len(), 1);
        assert_eq!(
            citations[0].url.as_deref(),
            Some("https://mod.gov.az/en/news/1")
        );
    }

    #[test]
    fn each_part_gets_its_own_link() {
        let text = "It was reported (Trend, May 2; APA, May 3).";
        let links = [
            span(text, "APA", "https://apa.az/a"),
            span(text, "Trend", "https://trend.az/t"),
        ];
        let (out, citations) = cite(text, &links);
        assert_eq!(out, "It was reported[^1][^2].");
        assert_eq!(citations[0].url.as_deref(), Some("https://trend.az/t"));
        assert_eq!(citations[1].url.as_deref(), Some("https://apa.az/a"));
    }

    #[test]
    fn without_links_citations_have_no_url() {
        let (out, citations) = cite("Quoted (Kavkazsky Uzel, November 8, 10).", &[]);
        assert_eq!(out, "Quoted[^1][^2].");
        assert!(citations.iter().all(|c| c.url.is_none()));
    }
}
