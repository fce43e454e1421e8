//! HTML article pages → folio articles.
//!
//! A page is read in four steps, each in its own module:
//! 1. [`meta`]: what the page declares about itself (JSON-LD, OpenGraph,
//!    `<meta>`): title, author, time with zone, section, site, canonical URL;
//! 2. the main content, found by `dom_smoothie` (a Readability port, chosen
//!    by measurement: see `benches/extract.rs` and README), after [`clean`]
//!    has taken out of the page what is plainly not the article (comment
//!    sections, share bars, related lists, newsletter boxes), which also
//!    keeps the crate from choosing them;
//! 3. [`blocks`]: the content's DOM as separate blocks (paragraphs,
//!    headings, list items, quotations), with their links;
//! 4. [`clean`] again, over the blocks: boilerplate the crate kept (bylines,
//!    captions, "read more" lines, share prompts, trailing link lists).
//!
//! Then the same citation recogniser as for text pages runs over each
//! paragraph ([`cite_paragraph`]), so a parenthetical source becomes a
//! footnote, and keeps the URL when the page linked it.

mod blocks;
mod clean;
mod meta;

use dom_query::Document;
use dom_smoothie::{Config, Readability};

use super::cite::{LinkSpan, cite_paragraph};
use super::{ImportedPage, PageStats};
use crate::bundle::Article;
use crate::diagnostic::{Diagnostic, Rule};

pub use blocks::{Block, Kind};

/// Why a page gave no article.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HtmlError {
    /// The page has no article text: a listing, a login wall, an empty page.
    #[error("no article on the page: {0}")]
    NoArticle(String),
}

/// Fewer words than this in the whole body, and it is not an article.
const MIN_WORDS: usize = 25;

/// An absolute `http(s)` URL from `href` read against `base`, or `None`.
fn resolve(base: Option<&url::Url>, href: &str) -> Option<String> {
    let href = href.trim();
    let parsed = match base {
        Some(base) => base.join(href).ok()?,
        None => url::Url::parse(href).ok()?,
    };
    matches!(parsed.scheme(), "http" | "https").then(|| parsed.to_string())
}

fn absolute(text: &str) -> Option<url::Url> {
    url::Url::parse(text.trim())
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https"))
}

/// Line and column (1-based, characters) of a byte offset of `html`.
fn line_column(html: &str, at: usize) -> (usize, usize) {
    let before = html.get(..at).unwrap_or(html);
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[start..].chars().count() + 1)
}

/// Where a paragraph's text starts in the page, as best it can be found:
/// its first words, as they are written in the HTML source.
fn find_in_source(html: &str, text: &str) -> Option<usize> {
    let probe: String = text
        .chars()
        .take_while(|c| !matches!(c, '&' | '<' | '>' | '"' | '\'' | '\u{a0}'))
        .take(40)
        .collect();
    let probe = probe.trim_end();
    if probe.chars().count() < 8 {
        return None;
    }
    html.find(probe)
}

/// Reads one HTML page. `url` is where it came from, if known: relative
/// links are resolved against it, and it is the article's URL when the page
/// names no canonical one.
pub fn import_html(html: &str, url: Option<&str>) -> Result<ImportedPage, HtmlError> {
    let doc = Document::from(html);
    let meta = meta::read(&doc);
    let given = url.and_then(absolute);
    let base = given
        .clone()
        .or_else(|| meta.url.as_deref().and_then(absolute));
    let canonical = meta
        .url
        .as_deref()
        .and_then(|u| resolve(given.as_ref(), u))
        .or_else(|| given.as_ref().map(ToString::to_string));
    clean::prune(&doc);
    let config = Config {
        max_elements_to_parse: 0,
        keep_classes: true,
        ..Config::default()
    };
    let base_text = base.as_ref().map(ToString::to_string);
    let mut readability = Readability::with_document(doc, base_text.as_deref(), Some(config))
        .map_err(|e| HtmlError::NoArticle(format!("the page could not be read ({e})")))?;
    if meta.listing {
        return Err(HtmlError::NoArticle(
            "the page calls itself a listing (CollectionPage/ItemList), not an article".into(),
        ));
    }
    let found = readability
        .parse()
        .map_err(|e| HtmlError::NoArticle(format!("no main text found ({e})")))?;
    let content = Document::from(found.content.as_ref());
    clean::prune_node(&content.root());
    let resolver = |href: &str| resolve(base.as_ref(), href);
    let all = blocks::blocks(&content.root(), &resolver);
    let site_name = meta
        .site_name
        .clone()
        .or_else(|| found.site_name.as_deref().and_then(meta::clean));
    let host = canonical
        .as_deref()
        .and_then(|u| url::Url::parse(u).ok())
        .and_then(|u| u.host_str().map(str::to_string));
    let known: Vec<&str> = [site_name.as_deref(), meta.section.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    let title = meta
        .title
        .clone()
        .or_else(|| meta::clean(&found.title))
        .map(|t| meta::tidy_title(&t, &meta.h1s, &known, host.as_deref()))
        .unwrap_or_default();
    let kept = clean::filter(all, &title, meta.description.as_deref());
    let byline = kept.byline.clone();
    let blocks = kept.blocks;

    let words: usize = blocks
        .iter()
        .map(|b| b.text.split_whitespace().count())
        .sum();
    if words < MIN_WORDS {
        let unit = if words == 1 { "word" } else { "words" };
        return Err(HtmlError::NoArticle(format!(
            "the main text has {words} {unit}, too few for an article (a listing, a login wall or an empty page?)"
        )));
    }
    if let Some(reason) = clean::listing(&blocks) {
        return Err(HtmlError::NoArticle(reason));
    }
    let linked: usize = blocks.iter().map(|b| b.link_chars).sum();
    let chars: usize = blocks.iter().map(Block::chars).sum();
    if linked * 10 > chars * 6 {
        return Err(HtmlError::NoArticle(
            "most of the main text is links: a listing, not an article".into(),
        ));
    }

    let (published, zone) = match meta.published.clone() {
        Some((t, z)) => (Some(t), z),
        None => (None, None),
    };
    let article = Article {
        id: String::new(),
        title,
        category: meta.section.clone(),
        published,
        zone,
        author: meta
            .author
            .clone()
            .or(byline)
            .or_else(|| found.byline.as_deref().and_then(meta::clean))
            .and_then(|a| meta::tidy_author(&a, site_name.as_deref())),
        origin: site_name,
        paragraphs: Vec::with_capacity(blocks.len()),
        citations: Vec::new(),
        related: Vec::new(),
        url: canonical,
    };
    Ok(cite_blocks(Some(html), &blocks, article))
}

/// The article a feed carries whole (`content:encoded`, Atom `content`): the
/// fragment is the article, so nothing is searched for, only boilerplate
/// lines dropped; its title, time and author come from the feed's item
/// (`published` dates citations without a year). Warnings have no place:
/// the fragment's lines are not the feed file's.
pub fn import_html_fragment(
    html: &str,
    url: Option<&str>,
    published: Option<chrono::NaiveDateTime>,
) -> Result<ImportedPage, HtmlError> {
    let content = Document::from(html);
    clean::prune_node(&content.root());
    let base = url.and_then(absolute);
    let resolver = |href: &str| resolve(base.as_ref(), href);
    let all = blocks::blocks(&content.root(), &resolver);
    let blocks = clean::filter(all, "", None).blocks;
    if blocks.iter().all(|b| b.text.trim().is_empty()) {
        return Err(HtmlError::NoArticle("the item's text is empty".into()));
    }
    let article = Article {
        id: String::new(),
        title: String::new(),
        category: None,
        published,
        zone: None,
        author: None,
        origin: None,
        paragraphs: Vec::with_capacity(blocks.len()),
        citations: Vec::new(),
        related: Vec::new(),
        url: base.map(|u| u.to_string()),
    };
    Ok(cite_blocks(None, &blocks, article))
}

/// `article` with `blocks` as its paragraphs, citations recognised;
/// warnings placed in `html` when it is the file's text.
fn cite_blocks(html: Option<&str>, blocks: &[Block], mut article: Article) -> ImportedPage {
    let mut stats = PageStats::default();
    let mut warnings = Vec::new();
    let article_date = article.published.map(|p| p.date());
    for block in blocks {
        let locate = |_at: usize| match html {
            Some(html) => {
                find_in_source(html, &block.text).map_or((1, 1), |at| line_column(html, at))
            }
            None => (0, 0),
        };
        let links: &[LinkSpan] = &block.links;
        let text = cite_paragraph(
            &block.text,
            &locate,
            links,
            article_date,
            &mut article.citations,
            &mut stats,
            &mut warnings,
        );
        article.paragraphs.push(text);
    }
    if article.title.is_empty() {
        warnings.push(Diagnostic::new(Rule::Import, "the page has no title"));
    }
    ImportedPage {
        article,
        news_line: Vec::new(),
        warnings,
        stats,
    }
}

/// Markup as one line of text (a feed's title or category): blocks joined
/// by a space, entities decoded, whitespace collapsed, by the same reading
/// of HTML as a page's.
pub fn one_line(markup: &str) -> String {
    if !markup.contains(['<', '&']) {
        return markup.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    let doc = Document::from(markup);
    let texts: Vec<String> = blocks::blocks(&doc.root(), &|_| None)
        .into_iter()
        .map(|b| b.text)
        .collect();
    texts
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// An article's body as plain text, paragraphs separated by blank lines,
/// each citation marker replaced by its raw text in parentheses (a run of
/// markers from one parenthetical by that parenthetical once): the text as
/// the page had it, for measuring extraction.
pub fn body_text(article: &Article) -> String {
    let mut out = String::new();
    for para in &article.paragraphs {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        let mut rest = para.as_str();
        let mut last_raw: Option<&str> = None;
        while let Some(i) = rest.find("[^") {
            let Some(close) = rest[i..].find(']') else {
                break;
            };
            let id = &rest[i + 2..i + close];
            let raw = article
                .citations
                .iter()
                .find(|c| c.id == id)
                .and_then(|c| c.raw.as_deref());
            out.push_str(&rest[..i]);
            match raw {
                Some(raw) if i == 0 && last_raw == Some(raw) => {}
                Some(raw) => {
                    out.push_str(" (");
                    out.push_str(raw);
                    out.push(')');
                }
                None => out.push_str(&rest[i..i + close + 1]),
            }
            last_raw = raw;
            rest = &rest[i + close + 1..];
        }
        out.push_str(rest);
    }
    out
}
