//! Reading one page, top to bottom.

use std::sync::LazyLock;

use regex::Regex;

use super::cite::cite_paragraph;
use super::dates::{parse_header, parse_timestamp};
use super::text::{Normalised, PageLine};
use super::{ImportedPage, PageStats};
use crate::bundle::{Article, NewsEntry};
use crate::diagnostic::{Diagnostic, Rule};

fn fixed(re: &str) -> Regex {
    Regex::new(re).unwrap_or_else(|e| unreachable!("fixed regex: {e}"))
}

static ORIGIN: LazyLock<[Regex; 2]> = LazyLock::new(|| {
    [
        fixed(
            r"(?i)^this article (?:is|was|has been) (?:originally |origionally |orginally |first )?published (?:in|by|on|at) (?P<x>.+?)[.\s]*$",
        ),
        fixed(
            r"(?i)^(?:originally published (?:in|by|on|at)|first published (?:in|by|on)|adapted from:?|source:)\s*(?P<x>.+?)[.\s]*$",
        ),
    ]
});

static AUTHOR: LazyLock<Regex> =
    LazyLock::new(|| fixed(r"(?i)^(?:written by|by:|author:)\s*(?P<x>.+?)[.\s]*$"));

static NEWS_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    fixed(
        r"(?i)^(?:news ?line|latest news|latest|news feed|recent news|more news|top news|news|son xəbərlər|лента новостей)\s*:?$",
    )
});

static CHROME: LazyLock<Regex> = LazyLock::new(|| {
    fixed(
        r"(?i)^(?:hamısı|all|more|show more|load more|see all|view all|all news|daha çox|hamısını göstər|все|все новости|ещё|еще)\s*[›»>→]?$",
    )
});

enum Attribution {
    Origin(String),
    Author(String),
}

fn attribution(line: &str) -> Option<Attribution> {
    let line = line.trim();
    if line.chars().count() > 160 {
        return None;
    }
    let captured = |re: &Regex| {
        re.captures(line)
            .and_then(|c| c.name("x"))
            .map(|x| x.as_str().trim().to_string())
    };
    if let Some(x) = ORIGIN.iter().find_map(captured) {
        return Some(Attribution::Origin(x));
    }
    captured(&AUTHOR).map(Attribution::Author)
}

fn collapse(text: &str) -> String {
    Normalised::new(&[PageLine { number: 0, text }]).text
}

/// Reads one page of scraped text.
pub fn import_page(text: &str) -> ImportedPage {
    let lines: Vec<PageLine> = text
        .split('\n')
        .enumerate()
        .map(|(i, t)| PageLine {
            number: i + 1,
            text: t.strip_suffix('\r').unwrap_or(t),
        })
        .collect();
    // Non-blank lines, with the number of the block (run of lines) they are in.
    let mut items: Vec<(usize, PageLine)> = Vec::new();
    let mut block = 0;
    for line in &lines {
        if line.text.trim().is_empty() {
            block += 1;
        } else {
            items.push((block, *line));
        }
    }

    let mut warnings = Vec::new();
    let mut article = Article {
        id: String::new(),
        title: String::new(),
        category: None,
        published: None,
        zone: None,
        author: None,
        origin: None,
        paragraphs: Vec::new(),
        citations: Vec::new(),
        related: Vec::new(),
        url: None,
    };
    let mut stats = PageStats::default();
    let mut i = 0;

    // Title, kept once when the page repeats it.
    match items.first() {
        Some((_, line)) => {
            article.title = collapse(line.text);
            i = 1;
            if items
                .get(1)
                .is_some_and(|(_, l)| collapse(l.text) == article.title)
            {
                i = 2;
            }
        }
        None => warnings.push(warning(1, 1, "the page has no text")),
    }

    // Header: category, date and time.
    if let Some((_, line)) = items.get(i) {
        match parse_header(line.text) {
            Some(h) => {
                article.category = h.category.map(|c| collapse(&c));
                article.published = Some(h.published);
                article.zone = h.zone;
                i += 1;
            }
            None => warnings.push(warning(
                line.number,
                1,
                "expected a header line with category, time and date (like \"Analytics 15:33 03.06.2020\") after the title; the article has no date",
            )),
        }
    }

    // Body paragraphs, up to the attribution block or the news line.
    let ends_body =
        |l: &PageLine| attribution(l.text).is_some() || NEWS_HEADING.is_match(l.text.trim());
    let article_date = article.published.map(|p| p.date());
    while let Some(&(b, _)) = items.get(i) {
        let start = i;
        while items
            .get(i)
            .is_some_and(|(bb, l)| *bb == b && !ends_body(l))
        {
            i += 1;
        }
        if i == start {
            break;
        }
        let block_lines: Vec<PageLine> = items[start..i].iter().map(|(_, l)| *l).collect();
        let para = Normalised::new(&block_lines);
        let text = cite_paragraph(
            &para.text,
            &|at| para.locate(at),
            &[],
            article_date,
            &mut article.citations,
            &mut stats,
            &mut warnings,
        );
        article.paragraphs.push(text);
    }
    if article.paragraphs.is_empty() && !article.title.is_empty() {
        let line = items.get(i).map_or(lines.len(), |(_, l)| l.number);
        warnings.push(warning(line, 1, "no body paragraphs found"));
    }

    // Attribution lines.
    while let Some((_, line)) = items.get(i) {
        match attribution(line.text) {
            Some(Attribution::Origin(x)) => article.origin = Some(collapse(&x)),
            Some(Attribution::Author(x)) => article.author = Some(collapse(&x)),
            None => break,
        }
        i += 1;
    }

    // Related headlines, up to the news line.
    while let Some((_, line)) = items.get(i) {
        if NEWS_HEADING.is_match(line.text.trim()) {
            break;
        }
        article.related.push(collapse(line.text));
        i += 1;
    }

    // The news line: headline / timestamp pairs.
    let mut news_line = Vec::new();
    if items.get(i).is_some() {
        i += 1; // the heading
        let mut pending: Option<PageLine> = None;
        let unpaired = |line: PageLine, warnings: &mut Vec<Diagnostic>, stats: &mut PageStats| {
            let text = collapse(line.text);
            if CHROME.is_match(&text) {
                stats.dropped_chrome.push(text);
            } else {
                warnings.push(warning(
                    line.number,
                    1,
                    format!(
                        "news-line headline {text:?} has no timestamp on the next line; left out"
                    ),
                ));
            }
        };
        for (_, line) in &items[i..] {
            match parse_timestamp(line.text) {
                Some(time) => match pending.take() {
                    Some(h) => news_line.push(NewsEntry {
                        time,
                        headline: collapse(h.text),
                        article: None,
                        zone: None,
                        url: None,
                    }),
                    None => warnings.push(warning(
                        line.number,
                        1,
                        "news-line timestamp without a headline before it; left out",
                    )),
                },
                None => {
                    if let Some(previous) = pending.replace(*line) {
                        unpaired(previous, &mut warnings, &mut stats);
                    }
                }
            }
        }
        if let Some(last) = pending {
            unpaired(last, &mut warnings, &mut stats);
        }
    }

    ImportedPage {
        article,
        news_line,
        warnings,
        stats,
    }
}

/// Something the importer could not read confidently.
pub(crate) fn warning(line: usize, column: usize, message: impl Into<String>) -> Diagnostic {
    Diagnostic::new(Rule::Import, message).with_position(line, column)
}
