//! An article's metadata from what the page declares about itself.
//!
//! Pages say who wrote them and when in several overlapping ways, of which
//! the most exact is preferred: JSON-LD (`NewsArticle` and kin, alone, in a
//! list or in an `@graph`), then OpenGraph and `article:*` properties, then
//! plain `<meta name>`s, then `<title>`. The byline that a reader sees is
//! read later, from the body, only where all of these are silent. Times keep
//! the local time and the zone the page wrote (`+04:00`, `Z`): the bundle
//! shows the time as the site did.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};
use dom_query::Document;
use serde_json::Value;

/// What the page declares.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    pub title: Option<String>,
    pub author: Option<String>,
    pub published: Option<(NaiveDateTime, Option<String>)>,
    pub section: Option<String>,
    pub site_name: Option<String>,
    /// `<link rel=canonical>` or `og:url`, as written (resolved later).
    pub url: Option<String>,
    /// The page says it is a listing (`CollectionPage`, `ItemList`…) and
    /// never an article.
    pub listing: bool,
    /// `og:description` or `<meta name=description>`.
    pub description: Option<String>,
    /// JSON-LD `articleBody`, when a page gives its text there too.
    pub body: Option<String>,
    /// The page's `<h1>` texts (the first few), to tell a title from its
    /// suffixes.
    pub h1s: Vec<String>,
}

const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "Article",
    "BlogPosting",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "ReviewNewsArticle",
    "LiveBlogPosting",
    "ScholarlyArticle",
    "TechArticle",
    "Report",
    "SocialMediaPosting",
    "Posting",
];

/// The page as a whole: its author is the article's when no article
/// object is declared.
const PAGE_TYPES: &[&str] = &["WebPage", "ItemPage"];

const LISTING_TYPES: &[&str] = &["CollectionPage", "ItemList", "SearchResultsPage"];

fn types(v: &Value) -> Vec<&str> {
    match v.get("@type") {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

/// Every object of a JSON-LD value: itself, list members, `@graph` members.
fn objects<'v>(v: &'v Value, out: &mut Vec<&'v Value>, depth: usize) {
    if depth > 8 {
        return;
    }
    match v {
        Value::Array(items) => items.iter().for_each(|i| objects(i, out, depth + 1)),
        Value::Object(map) => {
            out.push(v);
            if let Some(graph) = map.get("@graph") {
                objects(graph, out, depth + 1);
            }
        }
        _ => {}
    }
}

/// A name from a string, an object with `name`, a reference (`{"@id": …}`)
/// to an object of the page's JSON-LD that has one, or a list of those.
fn names(v: &Value, by_id: &[(String, &Value)], depth: usize) -> Vec<String> {
    if depth > 4 {
        return Vec::new();
    }
    match v {
        Value::String(s) => vec![s.clone()],
        Value::Object(m) => match (m.get("name"), m.get("@id").and_then(Value::as_str)) {
            (Some(name), _) => names(name, by_id, depth + 1),
            (None, Some(id)) => by_id
                .iter()
                .find(|(k, _)| k == id)
                .map(|(_, v)| names(v, by_id, depth + 1))
                .unwrap_or_default(),
            _ => Vec::new(),
        },
        Value::Array(a) => a.iter().flat_map(|v| names(v, by_id, depth + 1)).collect(),
        _ => Vec::new(),
    }
}

fn first_string(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Array(a) => a.iter().find_map(first_string),
        Value::Object(m) => m.get("@id").or_else(|| m.get("url")).and_then(first_string),
        _ => None,
    }
}

/// Collapses whitespace and decodes the few entities pages double-encode in
/// their metadata (`&amp;`, `&#8217;`); `None` when nothing is left.
pub fn clean(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.bytes().take(12).position(|b| b == b';');
        let decoded = end.and_then(|end| {
            let name = &rest[1..end];
            let c = match name {
                "amp" => Some('&'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "nbsp" => Some('\u{a0}'),
                _ => {
                    let num = name.strip_prefix('#')?;
                    let code = match num.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok(),
                        None => num.parse().ok(),
                    };
                    code.and_then(char::from_u32)
                }
            };
            c.map(|c| (c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    let out = out.split_whitespace().collect::<Vec<_>>().join(" ");
    (!out.is_empty()).then_some(out)
}

fn author_names(list: Vec<String>) -> Option<String> {
    let mut kept: Vec<String> = Vec::new();
    for name in list.iter().filter_map(|n| clean(n)) {
        // Profile links are not names.
        if name.starts_with("http://") || name.starts_with("https://") {
            continue;
        }
        if !kept.contains(&name) {
            kept.push(name);
        }
    }
    (!kept.is_empty()).then(|| kept.join(", "))
}

/// Lower-case letters and digits only: how names are compared.
fn squeeze(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Separators between a title and the site's or section's name.
const SEPARATORS: &[&str] = &[" | ", " - ", " — ", " – ", " :: ", " · "];

/// The title without the site's or section's name that pages append:
/// the `<h1>` when the title is it plus a separated suffix; else each
/// trailing ` | X`, ` - X`, ` — X` whose X is the site's name, the
/// section, or the host's name (`Entermedia` on `www.entermedia.co.kr`).
/// A dash inside a title stays.
pub fn tidy_title(title: &str, h1s: &[String], names: &[&str], host: Option<&str>) -> String {
    for h1 in h1s {
        if h1.chars().count() >= 8
            && let Some(rest) = title.strip_prefix(h1.as_str())
            && SEPARATORS.iter().any(|s| rest.starts_with(s))
        {
            return h1.clone();
        }
    }
    let known: Vec<String> = names
        .iter()
        .map(|n| squeeze(n))
        .filter(|n| !n.is_empty())
        .collect();
    let host = host.map(|h| h.trim_start_matches("www.").to_lowercase());
    let host_squeezed = host.as_deref().map(squeeze);
    let mut out = title;
    for _ in 0..3 {
        let Some((at, sep)) = SEPARATORS
            .iter()
            .filter_map(|s| out.rfind(s).map(|i| (i, *s)))
            .max_by_key(|(i, _)| *i)
        else {
            break;
        };
        let (head, tail) = (&out[..at], &out[at + sep.len()..]);
        if head.trim().chars().count() < 3 {
            break;
        }
        let t = squeeze(tail);
        let by_host = t.chars().count() >= 3
            && (host_squeezed.as_deref() == Some(t.as_str())
                || host
                    .as_deref()
                    .is_some_and(|h| h.split('.').any(|label| squeeze(label) == t)));
        if t.is_empty() || !(known.contains(&t) || by_host) {
            break;
        }
        out = head.trim_end();
    }
    out.to_string()
}

/// Labels before an author's name ("By", "Текст:", "Author:").
static AUTHOR_LABEL: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"(?i)^(?:by|written by|text|words|author|authors|текст|автор|авторы|von|por|par|di|door)\s*:?\s+",
    )
    .unwrap_or_else(|e| unreachable!("fixed regex: {e}"))
});

/// Words that name a publication, not a person.
static PUBLICATION: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"(?i)\b(?:international|news|media|agency|press|times|post|weekly|daily|magazine|journal|tribune|herald|radio|tv|network|service|staff|wire|online)\b|\.(?:com|net|org|ru|co|info)\b",
    )
    .unwrap_or_else(|e| unreachable!("fixed regex: {e}"))
});

/// An author's name without the label before it and the publication or
/// site named after it: "By Текст: Венера Ерофеева" → "Венера Ерофеева",
/// "Finian Cunningham. Sputnik International" → "Finian Cunningham",
/// "Troy L. Smith, Cleveland.com" → "Troy L. Smith". Several authors
/// ("Ann Author, Bob Writer") stay as they are.
pub fn tidy_author(author: &str, site: Option<&str>) -> Option<String> {
    let mut name = author.trim();
    while let Some(m) = AUTHOR_LABEL.find(name) {
        name = name[m.end()..].trim_start();
    }
    let site = site.map(squeeze).filter(|s| !s.is_empty());
    for _ in 0..2 {
        let cut = [". ", ", ", " | ", " - ", " — "].iter().find_map(|sep| {
            let at = name.rfind(sep)?;
            let (head, tail) = (&name[..at], &name[at + sep.len()..]);
            // "Troy L. Smith": an initial, not the end of a name.
            let initial = *sep == ". "
                && head
                    .rsplit(' ')
                    .next()
                    .is_some_and(|w| w.chars().count() == 1);
            let t = squeeze(tail);
            let publication = PUBLICATION.is_match(tail)
                || site.as_deref().is_some_and(|s| {
                    t == s || t.starts_with(s) || s.starts_with(&t) && t.len() >= 4
                });
            (!initial && publication && head.split_whitespace().count() >= 2).then_some(head)
        });
        match cut {
            Some(head) => name = head.trim_end(),
            None => break,
        }
    }
    clean(name)
}

/// A time as pages write it: RFC 3339 and its relatives (`T` or a space,
/// seconds and fractions optional, `Z`, `+04:00`, `+0400` or no zone), or a
/// bare date (midnight). The zone is kept as written, `+0400` as `+04:00`.
pub fn parse_time(text: &str) -> Option<(NaiveDateTime, Option<String>)> {
    let text = text.trim();
    let (date, rest) = (text.get(..10)?, text.get(10..).unwrap_or(""));
    let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
    // `0001-01-01`, a CMS's empty date, is no date.
    if date.year() < 1900 {
        return None;
    }
    let rest = rest.trim_start_matches(['T', ' ', 't']);
    if rest.is_empty() {
        return Some((date.and_time(NaiveTime::MIN), None));
    }
    let zone_at = rest.find(['Z', 'z', '+', '-', ' ']).unwrap_or(rest.len());
    let (clock, zone) = rest.split_at(zone_at);
    let clock = clock.split('.').next().unwrap_or(clock);
    let time = NaiveTime::parse_from_str(clock, "%H:%M:%S")
        .or_else(|_| NaiveTime::parse_from_str(clock, "%H:%M"))
        .ok()?;
    let zone = zone.trim();
    if !zone.is_ascii() {
        return Some((date.and_time(time), None));
    }
    let zone = match zone {
        "" => None,
        "Z" | "z" => Some("Z".to_string()),
        z if z.len() == 5 && z[1..].bytes().all(|b| b.is_ascii_digit()) => {
            Some(format!("{}:{}", &z[..3], &z[3..]))
        }
        z if z.len() == 6 && &z[3..4] == ":" => Some(z.to_string()),
        z if z.len() == 3 => Some(format!("{z}:00")),
        _ => None,
    };
    Some((date.and_time(time), zone))
}

fn meta_content(doc: &Document, selectors: &[&str]) -> Option<String> {
    selectors.iter().find_map(|sel| {
        doc.select(sel)
            .nodes()
            .iter()
            .find_map(|n| n.attr("content").and_then(|c| clean(&c)))
    })
}

/// Reads the page's declarations.
pub fn read(doc: &Document) -> Meta {
    let mut meta = Meta::default();
    let mut saw_article = false;
    let mut saw_listing = false;
    // The author a `WebPage` names, when no article object does.
    let mut page_author = None;
    for script in doc.select(r#"script[type="application/ld+json"]"#).nodes() {
        let text = script.text();
        let Ok(value) = serde_json::from_str::<Value>(text.trim()) else {
            continue;
        };
        let mut all = Vec::new();
        objects(&value, &mut all, 0);
        let by_id: Vec<(String, &Value)> = all
            .iter()
            .filter(|o| o.get("name").is_some())
            .filter_map(|o| Some((o.get("@id")?.as_str()?.to_string(), *o)))
            .collect();
        for obj in all {
            if types(obj).iter().any(|t| PAGE_TYPES.contains(t)) && page_author.is_none() {
                page_author = obj
                    .get("author")
                    .map(|a| names(a, &by_id, 0))
                    .and_then(author_names);
            }
            let t = types(obj);
            if t.iter().any(|t| LISTING_TYPES.contains(t)) {
                saw_listing = true;
            }
            if t.contains(&"WebSite") && meta.site_name.is_none() {
                meta.site_name = obj.get("name").and_then(Value::as_str).and_then(clean);
            }
            if !t.iter().any(|t| ARTICLE_TYPES.contains(t)) || saw_article {
                continue;
            }
            saw_article = true;
            let get = |k: &str| obj.get(k);
            meta.title = get("headline")
                .or_else(|| get("name"))
                .and_then(first_string)
                .and_then(|s| clean(&s));
            meta.author = get("author")
                .map(|a| names(a, &by_id, 0))
                .and_then(author_names);
            meta.published = get("datePublished")
                .or_else(|| get("dateCreated"))
                .and_then(first_string)
                .and_then(|s| parse_time(&s));
            meta.section = get("articleSection")
                .and_then(first_string)
                .and_then(|s| clean(&s));
            if let Some(publisher) = get("publisher")
                .map(|p| names(p, &by_id, 0))
                .and_then(author_names)
            {
                meta.site_name = Some(publisher);
            }
            meta.url = get("url")
                .or_else(|| get("mainEntityOfPage"))
                .and_then(first_string);
            meta.body = get("articleBody").and_then(Value::as_str).and_then(clean);
        }
    }
    meta.listing = saw_listing && !saw_article;
    if meta.author.is_none() {
        meta.author = page_author;
    }

    let og = |p: &str| {
        meta_content(
            doc,
            &[
                &format!(r#"meta[property="{p}"]"#),
                &format!(r#"meta[name="{p}"]"#),
            ],
        )
    };
    if meta.title.is_none() {
        meta.title = og("og:title").or_else(|| og("twitter:title"));
    }
    if meta.author.is_none() {
        meta.author = meta_content(
            doc,
            &[
                r#"meta[name="author"]"#,
                r#"meta[property="article:author"]"#,
                r#"meta[name="article:author"]"#,
                r#"meta[name="byl"]"#,
                r#"meta[name="dc.creator"]"#,
                r#"meta[name="DC.creator"]"#,
                r#"meta[name="parsely-author"]"#,
                r#"meta[name="sailthru.author"]"#,
            ],
        )
        .and_then(|a| author_names(vec![a.trim_start_matches("By ").to_string()]));
    }
    if meta.published.is_none() {
        meta.published = meta_content(
            doc,
            &[
                r#"meta[property="article:published_time"]"#,
                r#"meta[name="article:published_time"]"#,
                r#"meta[itemprop="datePublished"]"#,
                r#"meta[name="pubdate"]"#,
                r#"meta[name="publishdate"]"#,
                r#"meta[name="publish-date"]"#,
                r#"meta[name="date"]"#,
                r#"meta[name="dc.date"]"#,
                r#"meta[name="DC.date.issued"]"#,
                r#"meta[name="dcterms.created"]"#,
                r#"meta[name="parsely-pub-date"]"#,
                r#"meta[name="sailthru.date"]"#,
                r#"meta[property="og:published_time"]"#,
            ],
        )
        .and_then(|t| parse_time(&t))
        .or_else(|| {
            doc.select("time[datetime]")
                .nodes()
                .iter()
                .find_map(|n| n.attr("datetime").and_then(|d| parse_time(&d)))
        });
    }
    meta.description = og("og:description").or_else(|| og("description"));
    if meta.section.is_none() {
        meta.section = og("article:section");
    }
    // "All", "Uncategorized": a section that says nothing is none.
    if meta.section.as_deref().is_some_and(|s| {
        matches!(
            s.to_lowercase().as_str(),
            "all" | "uncategorized" | "uncategorised" | "none" | "null" | "undefined"
        )
    }) {
        meta.section = None;
    }
    meta.h1s = doc
        .select("h1")
        .nodes()
        .iter()
        .take(5)
        .filter_map(|h| clean(&h.text()))
        .collect();
    if meta.site_name.is_none() {
        meta.site_name = og("og:site_name").or_else(|| og("application-name"));
    } else if let Some(site) = og("og:site_name") {
        meta.site_name = Some(site);
    }
    let canonical = doc
        .select(r#"link[rel="canonical"]"#)
        .nodes()
        .iter()
        .find_map(|n| n.attr("href").map(|h| h.trim().to_string()))
        .filter(|h| !h.is_empty());
    meta.url = canonical.or_else(|| og("og:url")).or(meta.url.take());
    if meta.title.is_none() {
        meta.title = doc
            .select("title")
            .nodes()
            .first()
            .and_then(|t| clean(&t.text()));
    }
    meta
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholder_dates_are_no_dates() {
        assert_eq!(parse_time("0001-01-01T00:00:00+00:00"), None);
        assert!(parse_time("1999-12-31").is_some());
    }

    #[test]
    fn times_keep_their_zone() {
        let t = |s| parse_time(s).map(|(t, z)| (t.to_string(), z));
        assert_eq!(
            t("2020-06-03T15:33:00+04:00"),
            Some(("2020-06-03 15:33:00".into(), Some("+04:00".into())))
        );
        assert_eq!(
            t("2019-11-08T07:05:12.000Z"),
            Some(("2019-11-08 07:05:12".into(), Some("Z".into())))
        );
        assert_eq!(
            t("2019-11-08T07:05-0500"),
            Some(("2019-11-08 07:05:00".into(), Some("-05:00".into())))
        );
        assert_eq!(t("2019-11-08"), Some(("2019-11-08 00:00:00".into(), None)));
        assert_eq!(t("yesterday"), None);
        assert_eq!(t("2019-13-08"), None);
        assert_eq!(t("2019-11-08T"), Some(("2019-11-08 00:00:00".into(), None)));
        assert_eq!(t("2019-11-08Tnoon"), None);
    }

    #[test]
    fn json_ld_in_a_graph_wins() {
        let doc = Document::from(
            r#"<html><head><title>Page title | Site</title>
            <meta property="og:title" content="OG title">
            <meta property="og:site_name" content="The Site">
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
              {"@type":"WebSite","name":"Site"},
              {"@type":["NewsArticle"],"headline":"Real &amp; true headline",
               "author":[{"@type":"Person","name":"Ann Author"},{"name":"Bob Writer"}],
               "datePublished":"2021-03-04T05:06:07+02:00","articleSection":["Politics","World"]}
            ]}</script>
            <link rel="canonical" href="https://site.example/a/1">
            </head><body></body></html>"#,
        );
        let m = read(&doc);
        assert_eq!(m.title.as_deref(), Some("Real & true headline"));
        assert_eq!(m.author.as_deref(), Some("Ann Author, Bob Writer"));
        assert_eq!(m.section.as_deref(), Some("Politics"));
        assert_eq!(m.site_name.as_deref(), Some("The Site"));
        assert_eq!(m.url.as_deref(), Some("https://site.example/a/1"));
        let (t, z) = m.published.unwrap_or_default();
        assert_eq!(t.to_string(), "2021-03-04 05:06:07");
        assert_eq!(z.as_deref(), Some("+02:00"));
        assert!(!m.listing);
    }

    #[test]
    fn meta_tags_when_there_is_no_json_ld() {
        let doc = Document::from(
            r#"<html><head><title>T</title>
            <meta name="author" content="By Jane Doe">
            <meta property="article:published_time" content="2020-01-02T03:04:05Z">
            <meta property="article:section" content="Tech">
            <meta property="og:url" content="https://x.example/y">
            <script type="application/ld+json">{not json</script>
            </head></html>"#,
        );
        let m = read(&doc);
        assert_eq!(m.title.as_deref(), Some("T"));
        assert_eq!(m.author.as_deref(), Some("Jane Doe"));
        assert_eq!(m.section.as_deref(), Some("Tech"));
        assert_eq!(m.url.as_deref(), Some("https://x.example/y"));
        assert_eq!(m.published.and_then(|p| p.1).as_deref(), Some("Z"));
    }

    #[test]
    fn clean_decodes_and_collapses() {
        assert_eq!(
            clean(" a &amp;  b&#8217;s &#x41; &bogus; & "),
            Some("a & b’s A &bogus; &".into())
        );
        assert_eq!(clean("   "), None);
    }
}
