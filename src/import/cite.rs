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
use super::citations::classify;
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

/// Replaces the citations of a paragraph with `[^N]` markers (numbered on
/// from `citations.len()`), counting the other parentheticals. `locate`
/// gives the line and column of a byte offset of `text`, for warnings.
pub(crate) fn cite_paragraph(
    text: &str,
    locate: &dyn Fn(usize) -> (usize, usize),
    links: &[LinkSpan],
    article_date: Option<chrono::NaiveDate>,
    citations: &mut Vec<Citation>,
    stats: &mut PageStats,
    warnings: &mut Vec<Diagnostic>,
) -> String {
    for (at, _) in text.match_indices("[^") {
        let (line, column) = locate(at);
        warnings.push(warning(line, column, "the text has \"[^\", which a bundle reads as the start of a footnote marker; check the paragraph in the bundle"));
    }
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    // Open parentheses: position, and whether another one opened inside it.
    let mut open: Vec<(usize, bool)> = Vec::new();
    for (i, c) in text.char_indices() {
        match c {
            '(' => {
                if let Some(parent) = open.last_mut() {
                    parent.1 = true;
                }
                open.push((i, false));
            }
            ')' => {
                let Some((start, nested)) = open.pop() else {
                    let (line, column) = locate(i);
                    warnings.push(warning(line, column, "unbalanced \")\""));
                    continue;
                };
                let inner = &text[start + 1..i];
                let found = if nested {
                    None
                } else {
                    classify(inner, article_date)
                };
                let Some(found) = found else {
                    stats.other_parentheticals += 1;
                    continue;
                };
                let (line, column) = locate(start);
                for message in found.warnings {
                    warnings.push(warning(line, column, message));
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
                copied = i + 1;
            }
            _ => {}
        }
    }
    if let Some(&(start, _)) = open.first() {
        let (line, column) = locate(start);
        warnings.push(warning(line, column, "unbalanced \"(\""));
    }
    out.push_str(&text[copied..]);
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
