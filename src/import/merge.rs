//! Importing into an existing bundle: what is new is added, what is already
//! there is skipped, and nothing that is there changes.
//!
//! Bookmarks refer to article ids and news-line entries, so every existing
//! article keeps its id and every existing entry stays as it was (the news
//! line is only re-sorted, newest first). An incoming article is "already
//! there" when an article has its `url`, or its title and paragraphs; an
//! incoming entry, when an entry has its `url`, or its time and headline.
//! Merging the same import twice therefore changes nothing the second time,
//! which is what lets a feed be imported again and again into one bundle.

use std::collections::{HashMap, HashSet};

use crate::bundle::{Article, Bundle, NewsEntry};

/// What a merge did, for the summary line.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MergeReport {
    pub articles_added: usize,
    /// Incoming articles already in the bundle (or twice in the import).
    pub articles_skipped: usize,
    pub entries_added: usize,
    /// Incoming news-line entries already in the bundle (or repeated).
    pub entries_skipped: usize,
    /// Added articles whose incoming id was taken: (incoming id, new id).
    pub renamed: Vec<(String, String)>,
    /// Added entries whose `article` named an article the import did not
    /// hold: the link is dropped (set to `null`).
    pub links_dropped: usize,
}

impl MergeReport {
    /// Whether the merge changed anything but the order of the news line.
    pub fn changed(&self) -> bool {
        self.articles_added > 0 || self.entries_added > 0
    }
}

impl std::fmt::Display for MergeReport {
    /// `added 1 article and 5 headlines (2 already there)`, or `nothing new`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let count =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let skipped = self.articles_skipped + self.entries_skipped;
        if self.changed() {
            write!(
                f,
                "added {} and {}",
                count(self.articles_added, "article", "articles"),
                count(self.entries_added, "headline", "headlines")
            )?;
            if skipped > 0 {
                write!(f, " ({skipped} already there)")?;
            }
            Ok(())
        } else {
            write!(f, "nothing new ({skipped} already there)")
        }
    }
}

/// Content identity of an article: its title and paragraphs.
fn content_key(a: &Article) -> (&str, &[String]) {
    (a.title.trim(), &a.paragraphs)
}

/// Merges `incoming` into `existing`. The result keeps `existing`'s id,
/// title, format, articles and entries; new articles follow the existing ones
/// in the import's order, with ids unique in the result (`id`, else `id-2`,
/// `id-3`…); incoming entries link to the article their link now stands for
/// (renamed, or the existing copy of a duplicate).
pub fn merge(existing: Bundle, incoming: Bundle) -> (Bundle, MergeReport) {
    let mut report = MergeReport::default();
    let mut bundle = existing;

    // Incoming article id → id in the result.
    let mut link_to: HashMap<String, String> = HashMap::new();
    let mut new_articles: Vec<Article> = Vec::new();
    {
        let mut ids: HashSet<String> = bundle.articles.iter().map(|a| a.id.clone()).collect();
        let mut by_url: HashMap<String, String> = HashMap::new();
        let mut by_content: HashMap<(String, Vec<String>), String> = HashMap::new();
        for a in &bundle.articles {
            if let Some(url) = &a.url {
                by_url.entry(url.clone()).or_insert_with(|| a.id.clone());
            }
            let (title, paragraphs) = content_key(a);
            by_content
                .entry((title.to_string(), paragraphs.to_vec()))
                .or_insert_with(|| a.id.clone());
        }
        for article in incoming.articles {
            let (title, paragraphs) = content_key(&article);
            let key = (title.to_string(), paragraphs.to_vec());
            let same = article
                .url
                .as_ref()
                .and_then(|u| by_url.get(u))
                .or_else(|| by_content.get(&key));
            if let Some(id) = same {
                report.articles_skipped += 1;
                link_to
                    .entry(article.id.clone())
                    .or_insert_with(|| id.clone());
                continue;
            }
            let id = unique_id(&article.id, &ids);
            ids.insert(id.clone());
            if id != article.id {
                report.renamed.push((article.id.clone(), id.clone()));
            }
            link_to
                .entry(article.id.clone())
                .or_insert_with(|| id.clone());
            if let Some(url) = &article.url {
                by_url.insert(url.clone(), id.clone());
            }
            by_content.insert(key, id.clone());
            report.articles_added += 1;
            new_articles.push(Article { id, ..article });
        }
    }
    bundle.articles.extend(new_articles);

    let mut by_url: HashSet<String> = bundle
        .news_line
        .iter()
        .filter_map(|e| e.url.clone())
        .collect();
    let mut by_line: HashSet<(chrono::NaiveDateTime, String)> = bundle
        .news_line
        .iter()
        .map(|e| (e.time, e.headline.clone()))
        .collect();
    for entry in incoming.news_line {
        let known_url = entry.url.as_ref().is_some_and(|u| by_url.contains(u));
        if known_url || by_line.contains(&(entry.time, entry.headline.clone())) {
            report.entries_skipped += 1;
            continue;
        }
        if let Some(url) = &entry.url {
            by_url.insert(url.clone());
        }
        by_line.insert((entry.time, entry.headline.clone()));
        let article = entry.article.as_ref().and_then(|id| {
            let to = link_to.get(id).cloned();
            if to.is_none() {
                report.links_dropped += 1;
            }
            to
        });
        report.entries_added += 1;
        bundle.news_line.push(NewsEntry { article, ..entry });
    }
    // Stable: entries of the same time keep their order.
    bundle
        .news_line
        .sort_by_key(|e| std::cmp::Reverse(e.instant()));
    (bundle, report)
}

/// `base` if free, else `base-2`, `base-3`… (an empty base counts as
/// `article`).
fn unique_id(base: &str, taken: &HashSet<String>) -> String {
    let base = if base.is_empty() { "article" } else { base };
    if !taken.contains(base) {
        return base.to_string();
    }
    (2u64..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken.contains(id))
        .unwrap_or_else(|| unreachable!("an unbounded range of ids runs out"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundle::model::FORMAT_V1;
    use chrono::{NaiveDate, NaiveDateTime};
    use proptest::prelude::*;

    fn article(id: &str, title: &str, paragraphs: &[&str], url: Option<&str>) -> Article {
        Article {
            id: id.into(),
            title: title.into(),
            category: None,
            published: None,
            zone: None,
            author: None,
            origin: None,
            paragraphs: paragraphs.iter().map(|p| p.to_string()).collect(),
            citations: vec![],
            related: vec![],
            url: url.map(String::from),
        }
    }

    fn at(hour: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2020, 6, 3)
            .and_then(|d| d.and_hms_opt(hour, 0, 0))
            .unwrap()
    }

    fn entry(hour: u32, headline: &str, article: Option<&str>, url: Option<&str>) -> NewsEntry {
        NewsEntry {
            time: at(hour),
            headline: headline.into(),
            article: article.map(String::from),
            zone: None,
            url: url.map(String::from),
        }
    }

    fn bundle(id: &str, articles: Vec<Article>, news_line: Vec<NewsEntry>) -> Bundle {
        Bundle {
            format: FORMAT_V1.into(),
            id: id.into(),
            title: None,
            articles,
            news_line,
        }
    }

    #[test]
    fn adds_new_skips_known_and_relinks() {
        let existing = bundle(
            "site",
            vec![
                article("talks", "Talks", &["p"], Some("https://x/talks")),
                article("truce", "Truce", &["q"], None),
            ],
            vec![entry(10, "Talks", Some("talks"), Some("https://x/talks"))],
        );
        let incoming = bundle(
            "import",
            vec![
                // Same URL, other text: already there.
                article(
                    "talks-again",
                    "Talks (updated)",
                    &["p2"],
                    Some("https://x/talks"),
                ),
                // Same content, no URL: already there.
                article("truce", "Truce", &["q"], None),
                // New, but its id is taken.
                article("talks", "Other talks", &["r"], Some("https://x/other")),
                article("fresh", "Fresh", &["s"], None),
            ],
            vec![
                entry(10, "Talks", None, None),
                entry(
                    11,
                    "Talks (updated)",
                    Some("talks-again"),
                    Some("https://x/talks"),
                ),
                entry(12, "Other talks", Some("talks"), Some("https://x/other")),
                entry(13, "Truce", Some("truce"), None),
                entry(9, "Gone", Some("missing"), None),
            ],
        );
        let (merged, report) = merge(existing.clone(), incoming.clone());
        let ids: Vec<&str> = merged.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["talks", "truce", "talks-2", "fresh"]);
        assert_eq!(merged.articles[..2], existing.articles[..]);
        assert_eq!(merged.id, "site");
        let line: Vec<(u32, Option<&str>)> = merged
            .news_line
            .iter()
            .map(|e| (chrono::Timelike::hour(&e.time), e.article.as_deref()))
            .collect();
        assert_eq!(
            line,
            [
                (13, Some("truce")),
                (12, Some("talks-2")),
                (10, Some("talks")),
                (9, None)
            ]
        );
        assert_eq!(
            report,
            MergeReport {
                articles_added: 2,
                articles_skipped: 2,
                entries_added: 3,
                entries_skipped: 2,
                renamed: vec![("talks".into(), "talks-2".into())],
                links_dropped: 1,
            }
        );
        let (again, report) = merge(merged.clone(), incoming);
        assert_eq!(again, merged);
        assert!(!report.changed());
    }

    #[test]
    fn renaming_skips_ids_already_taken() {
        let existing = bundle(
            "b",
            vec![article("a", "A", &[], None), article("a-2", "B", &[], None)],
            vec![],
        );
        let incoming = bundle(
            "i",
            vec![article("a", "C", &[], None), article("", "D", &[], None)],
            vec![],
        );
        let (merged, _) = merge(existing, incoming);
        let ids: Vec<&str> = merged.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["a", "a-2", "a-3", "article"]);
    }

    fn arb_article() -> impl Strategy<Value = Article> {
        (
            prop::sample::select(vec!["a", "b", "a-2", "c"]),
            prop::sample::select(vec!["T1", "T2", " T1 "]),
            prop::collection::vec(prop::sample::select(vec!["p", "q"]), 0..3),
            prop::option::of(prop::sample::select(vec![
                "https://x/1",
                "https://x/2",
                "https://x/3",
            ])),
        )
            .prop_map(|(id, title, paras, url)| article(id, title, &paras, url))
    }

    fn arb_entry() -> impl Strategy<Value = NewsEntry> {
        (
            0u32..4,
            prop::sample::select(vec!["H1", "H2", "H3"]),
            prop::option::of(prop::sample::select(vec!["a", "b", "a-2", "c", "zz"])),
            prop::option::of(prop::sample::select(vec!["https://x/1", "https://y/2"])),
        )
            .prop_map(|(h, headline, article, url)| entry(h, headline, article, url))
    }

    /// A bundle as the loader would accept it: unique article ids.
    fn arb_bundle() -> impl Strategy<Value = Bundle> {
        (
            prop::collection::vec(arb_article(), 0..5),
            prop::collection::vec(arb_entry(), 0..6),
        )
            .prop_map(|(articles, news_line)| {
                let mut seen = HashSet::new();
                let articles = articles
                    .into_iter()
                    .filter(|a| seen.insert(a.id.clone()))
                    .collect();
                bundle("b", articles, news_line)
            })
    }

    proptest! {
        #[test]
        fn merging_twice_changes_nothing(existing in arb_bundle(), incoming in arb_bundle()) {
            let (once, first) = merge(existing, incoming.clone());
            let (twice, second) = merge(once.clone(), incoming);
            prop_assert_eq!(twice, once);
            prop_assert_eq!(second.articles_added, 0);
            prop_assert_eq!(second.entries_added, 0);
            prop_assert_eq!(second.articles_skipped, first.articles_added + first.articles_skipped);
        }

        #[test]
        fn existing_ids_and_entries_are_kept(existing in arb_bundle(), incoming in arb_bundle()) {
            let (merged, _) = merge(existing.clone(), incoming);
            prop_assert_eq!(&merged.articles[..existing.articles.len()], &existing.articles[..]);
            for e in &existing.news_line {
                prop_assert!(merged.news_line.contains(e));
            }
            let ids: HashSet<&str> = merged.articles.iter().map(|a| a.id.as_str()).collect();
            prop_assert_eq!(ids.len(), merged.articles.len(), "ids unique");
            prop_assert!(merged.news_line.windows(2).all(|w| w[0].time >= w[1].time));
        }

        #[test]
        fn no_article_is_lost(existing in arb_bundle(), incoming in arb_bundle()) {
            let (merged, report) = merge(existing.clone(), incoming.clone());
            prop_assert_eq!(
                report.articles_added + report.articles_skipped,
                incoming.articles.len()
            );
            prop_assert_eq!(merged.articles.len(), existing.articles.len() + report.articles_added);
            for a in &incoming.articles {
                let found = merged.articles.iter().any(|m| {
                    (a.url.is_some() && m.url == a.url) || content_key(m) == content_key(a)
                });
                prop_assert!(found, "{:?} is in the merged bundle", a);
            }
            // Every incoming entry is there, by url or by time and headline.
            for e in &incoming.news_line {
                let found = merged.news_line.iter().any(|m| {
                    (e.url.is_some() && m.url == e.url) || (m.time, &m.headline) == (e.time, &e.headline)
                });
                prop_assert!(found, "{:?} is in the merged news line", e);
            }
            // Links resolve.
            let ids: HashSet<&str> = merged.articles.iter().map(|a| a.id.as_str()).collect();
            for e in &merged.news_line {
                if let Some(id) = &e.article {
                    let incoming_link = !existing.news_line.contains(e);
                    if incoming_link {
                        prop_assert!(ids.contains(id.as_str()), "{} links to a merged article", id);
                    }
                }
            }
        }
    }
}
