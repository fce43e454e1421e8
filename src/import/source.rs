//! One input of `folio import`, whatever it is: the bytes of a file, of
//! standard input or of a fetched URL become an article, or a feed's
//! headlines (and the articles it carries whole).
//!
//! What an input is comes from its content ([`sniff`]), not its name, so a
//! page saved as `.txt` or a feed served as `text/html` is read for what it
//! is. Pure: the command reads and fetches, this decides and converts.

use crate::bundle::NewsEntry;
use crate::diagnostic::{Diagnostic, Rule};
use crate::input::{InputError, text_from_bytes};

use super::decode::decode;
use super::feed::{FeedError, ParsedFeed, news_entries, parse_feed};
use super::html::{HtmlError, import_html, import_html_fragment};
use super::sniff::{InputKind, sniff};
use super::{ImportedPage, import_page};

/// An input's bytes and what came with them.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    pub bytes: &'a [u8],
    /// The file's name or the URL asked for: a hint of what it is.
    pub name: Option<&'a str>,
    /// The `Content-Type` the server sent.
    pub content_type: Option<&'a str>,
    /// The charset the server named in it.
    pub charset: Option<&'a str>,
    /// Where it was fetched from, after redirects: relative links resolve
    /// against it.
    pub url: Option<&'a str>,
}

/// What an input was read as.
#[derive(Debug, Clone)]
pub enum Imported {
    /// An article page (HTML or text).
    Page(Box<ImportedPage>),
    Feed(FeedImport),
}

/// A feed, read.
#[derive(Debug, Clone)]
pub struct FeedImport {
    pub title: Option<String>,
    pub news_line: Vec<NewsEntry>,
    /// The items the feed carries whole, as articles.
    pub articles: Vec<ImportedPage>,
    /// The links of the items it carries only as headlines (what `--follow`
    /// fetches).
    pub links: Vec<String>,
    pub warnings: Vec<Diagnostic>,
}

/// Why an input gave nothing.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error(
        "is already a folio bundle; open it with `folio FILE`, or add pages to it with --into FILE"
    )]
    Bundle,
    #[error("is not a page or a feed: it looks like binary data")]
    Binary,
    #[error("the page is empty")]
    Empty,
    #[error("{0}")]
    Text(#[from] InputError),
    #[error("{0}")]
    Html(#[from] HtmlError),
    #[error("{0}")]
    Feed(#[from] FeedError),
}

/// Reads one input.
pub fn import_input(input: &Input) -> Result<Imported, SourceError> {
    if input.bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(SourceError::Empty);
    }
    match sniff(input.bytes, input.name, input.content_type) {
        InputKind::Bundle => Err(SourceError::Bundle),
        InputKind::Binary => match memchr::memchr(0, input.bytes) {
            Some(at) => Err(InputError::Nul(at).into()),
            None => Err(SourceError::Binary),
        },
        InputKind::Feed => Ok(Imported::Feed(import_feed(input)?)),
        InputKind::Html => {
            let decoded = decode(input.bytes, input.charset);
            let mut page = import_html(&decoded.text, input.url)?;
            if let Some(w) = decoded.warning {
                page.warnings.insert(0, Diagnostic::new(Rule::Import, w));
            }
            Ok(Imported::Page(Box::new(page)))
        }
        // Named or served as a feed, it was meant to be one: an error page
        // in its place is not an article.
        InputKind::Text if says_feed(input) => Err(FeedError::NotXmlOrJson.into()),
        InputKind::Text => {
            let text =
                if input.bytes.starts_with(b"\xff\xfe") || input.bytes.starts_with(b"\xfe\xff") {
                    // UTF-16, as its byte-order mark says.
                    decode(input.bytes, None).text
                } else {
                    let bytes = (input.bytes.strip_prefix(b"\xef\xbb\xbf")).unwrap_or(input.bytes);
                    text_from_bytes(bytes.to_vec())?
                };
            let mut page = import_page(&text);
            if page.article.url.is_none() {
                page.article.url = input.url.map(str::to_string);
            }
            Ok(Imported::Page(Box::new(page)))
        }
    }
}

/// Whether the name or the content type says the input is a feed.
fn says_feed(input: &Input) -> bool {
    let name = input.name.unwrap_or_default().to_ascii_lowercase();
    let path = name.split(['?', '#']).next().unwrap_or_default();
    let typed = input.content_type.unwrap_or_default();
    [".rss", ".atom", ".rdf", ".xml"]
        .iter()
        .any(|e| path.ends_with(e))
        || ["rss", "atom", "xml", "feed+json"]
            .iter()
            .any(|t| typed.contains(t))
}

fn import_feed(input: &Input) -> Result<FeedImport, FeedError> {
    let feed: ParsedFeed = parse_feed(input.bytes, input.url)?;
    let (news_line, warnings) = news_entries(&feed);
    let mut articles = Vec::new();
    let mut links = Vec::new();
    let mut warnings: Vec<Diagnostic> = warnings
        .into_iter()
        .map(|w| Diagnostic::new(Rule::Import, w.to_string()))
        .collect();
    for item in &feed.items {
        match &item.content_html {
            Some(html) => match import_html_fragment(html, item.url.as_deref(), item.time) {
                Ok(mut page) => {
                    // The title is the item's, not missing; the others say
                    // which item they are about.
                    page.warnings
                        .retain(|w| w.message != "the page has no title");
                    for w in &mut page.warnings {
                        *w = Diagnostic::new(
                            Rule::Import,
                            format!("item \"{}\": {}", item.headline, w.message),
                        );
                    }
                    let a = &mut page.article;
                    a.title = item.headline.clone();
                    a.url = item.url.clone().or(a.url.take());
                    if item.time.is_some() {
                        a.published = item.time;
                        a.zone = item.zone.clone();
                    }
                    a.author = item.author.clone().or(a.author.take());
                    a.category = item.category.clone().or(a.category.take());
                    if a.origin.is_none() {
                        a.origin = feed.title.clone();
                    }
                    // The feed's own page is not this article's.
                    page.news_line.clear();
                    articles.push(page);
                }
                Err(e) => warnings.push(Diagnostic::new(
                    Rule::Import,
                    format!(
                        "item \"{}\": its full text gave no article: {e}",
                        item.headline
                    ),
                )),
            },
            None => links.extend(item.url.clone()),
        }
    }
    Ok(FeedImport {
        title: feed.title.clone(),
        news_line,
        articles,
        links,
        warnings,
    })
}
