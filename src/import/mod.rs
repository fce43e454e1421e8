//! The importer: scraped article pages (plain text) → a bundle.
//!
//! A pure core, independent of the command line: [`import_page`] reads one
//! page into an article, its news line, warnings with `line:column`, and counts
//! for the summary; [`build_bundle`] gathers pages into one bundle. The page is
//! read in passes (`page`): furniture first (lists of headlines, teasers,
//! sidebars, navigation: `furniture`), bylines (`byline`), the head (title,
//! header line: `dates`), and what is left is prose, dated by a dateline
//! (`dateline`) when nothing else dates it. It never drops or changes the
//! prose: whitespace is normalised, every other character is kept.
//!
//! Around it, as pure functions too: [`sniff`] tells a bundle, a feed, an HTML
//! page, a text page and a binary file apart by content; [`feed`] reads RSS,
//! Atom and JSON Feed into news-line entries; [`merge`] adds an import to an
//! existing bundle without changing what is there.

mod byline;
pub mod citations;
mod cite;
mod dateline;
pub mod dates;
pub mod decode;
pub mod feed;
mod furniture;
pub mod html;
pub mod merge;
mod page;
pub mod sniff;
pub mod source;
mod text;

use std::collections::{HashMap, HashSet};

use unicode_normalization::UnicodeNormalization;

use crate::bundle::model::FORMAT_V1;
use crate::bundle::{Article, Bundle, NewsEntry};
use crate::diagnostic::Diagnostic;

pub use page::import_page;

/// What was recognised on a page, for the summary line.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PageStats {
    pub other_parentheticals: usize,
    /// Navigation links ("Hamısı", "All", "More") left out of the news line.
    pub dropped_chrome: Vec<String>,
}

/// One page, read.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedPage {
    /// The article; its `id` is assigned by [`build_bundle`].
    pub article: Article,
    pub news_line: Vec<NewsEntry>,
    /// What could not be read confidently (`Rule::Import`), by line and column.
    pub warnings: Vec<Diagnostic>,
    pub stats: PageStats,
}

/// A stable, readable id: the text in lower-case ASCII words joined by `-`,
/// at most 64 characters; a hash when nothing of it is ASCII.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.nfd().filter(|c| c.is_ascii()) {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let mut out = out.trim_end_matches('-').to_string();
    if out.len() > 64 {
        let cut = out[..=64].rfind('-').unwrap_or(64);
        out.truncate(cut);
    }
    if out.is_empty() {
        // FNV-1a: stable across runs and platforms.
        let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
        out = format!("page-{:08x}", hash >> 32);
    }
    out
}

fn fold(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Gathers imported pages into one bundle: article ids from titles (made
/// unique), news lines merged, de-duplicated and sorted newest first, and
/// headlines that are the title of an imported article linked to it.
pub fn build_bundle(pages: &[ImportedPage], id: Option<&str>) -> Bundle {
    build_bundle_with(pages, &[], id)
}

/// [`build_bundle`] with more news-line entries (a feed's); an entry opens
/// the article whose `url` is its own, or whose title is its headline.
pub fn build_bundle_with(pages: &[ImportedPage], news: &[NewsEntry], id: Option<&str>) -> Bundle {
    let mut used = HashSet::new();
    let mut articles = Vec::with_capacity(pages.len());
    for page in pages {
        let base = slug(&page.article.title);
        let mut candidate = base.clone();
        let mut n = 2;
        while !used.insert(candidate.clone()) {
            candidate = format!("{base}-{n}");
            n += 1;
        }
        articles.push(Article {
            id: candidate,
            ..page.article.clone()
        });
    }
    let by_title: HashMap<String, String> = articles
        .iter()
        .rev()
        .map(|a| (fold(&a.title), a.id.clone()))
        .collect();
    let by_url: HashMap<&str, &str> = (articles.iter().rev())
        .filter_map(|a| Some((a.url.as_deref()?, a.id.as_str())))
        .collect();
    let mut seen = HashSet::new();
    let mut news_line: Vec<NewsEntry> = (pages.iter())
        .flat_map(|p| p.news_line.iter())
        .chain(news)
        .filter(|e| seen.insert((e.time, e.headline.clone())))
        .map(|e| NewsEntry {
            article: (e.url.as_deref().and_then(|u| by_url.get(u)))
                .map(|id| id.to_string())
                .or_else(|| by_title.get(&fold(&e.headline)).cloned()),
            ..e.clone()
        })
        .collect();
    news_line.sort_by_key(|e| std::cmp::Reverse(e.instant()));
    let id = match id {
        Some(id) => id.to_string(),
        None => articles
            .first()
            .map_or_else(|| "bundle".to_string(), |a| slug(&a.title)),
    };
    Bundle {
        format: FORMAT_V1.to_string(),
        id,
        title: None,
        articles,
        news_line,
    }
}

/// The bundle as folio writes it: pretty-printed JSON, two-space indent, a
/// final newline. Same bundle, same bytes.
pub fn to_json(bundle: &Bundle) -> String {
    let mut out = serde_json::to_string_pretty(bundle)
        .unwrap_or_else(|e| unreachable!("a bundle always serialises: {e}"));
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_news_line_from_several_zones_runs_newest_first_by_the_clock() {
        use chrono::NaiveDate;
        let entry = |h: u32, zone: &str, headline: &str| NewsEntry {
            time: NaiveDate::from_ymd_opt(2020, 6, 3)
                .and_then(|d| d.and_hms_opt(h, 0, 0))
                .unwrap_or_default(),
            headline: headline.into(),
            article: None,
            zone: Some(zone.into()),
            url: None,
        };
        // 15:33 in Baku is 11:33 UTC; 11:00 in New York is 15:00 UTC.
        let news = [
            entry(15, "+04:00", "Baku"),
            entry(11, "-0500", "New York"),
            entry(12, "Z", "London"),
            entry(13, "GMT+4", "Tbilisi"),
        ];
        let b = build_bundle_with(&[], &news, Some("b"));
        let order: Vec<&str> = b.news_line.iter().map(|e| e.headline.as_str()).collect();
        assert_eq!(order, ["New York", "London", "Baku", "Tbilisi"]);
        assert_eq!(
            crate::bundle::model::zone_offset_minutes("+0530"),
            Some(330)
        );
        assert_eq!(crate::bundle::model::zone_offset_minutes("EDT"), Some(-240));
        assert_eq!(crate::bundle::model::zone_offset_minutes("Mars"), None);
        assert_eq!(crate::bundle::model::zone_offset_minutes("+99:00"), None);
    }

    #[test]
    fn slugs_are_readable_and_stable() {
        assert_eq!(
            slug(
                "With Karabakh Conflict Negotiations Deadlocked, Regional Players Heighten Military Rhetoric"
            ),
            "with-karabakh-conflict-negotiations-deadlocked-regional-players"
        );
        assert_eq!(slug("Türkiye’s “big” day"), "turkiyes-big-day");
        assert_eq!(slug("東京の朝"), slug("東京の朝"));
        assert!(slug("東京の朝").starts_with("page-"));
        assert_ne!(slug("東京の朝"), slug("東京の夜"));
    }
}
