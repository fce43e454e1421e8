//! The rules over a parsed bundle, as diagnostics placed by JSON path (and,
//! inside a string, by character offset). The loader's own checks come
//! first; then citations, the news line, the text and spelling.

use std::collections::{HashMap, HashSet};

use chrono::{Duration, NaiveDate};

use super::RuleSet;
use super::spelling::Learned;
use super::text_rules::{invisible_findings, text_findings_of};
use crate::bundle::load::{PathSeg, findings};
use crate::bundle::markers::{Segment, segments};
use crate::bundle::{Article, Bundle, Citation, NewsEntry, PartialDate};
use crate::diagnostic::{Diagnostic, Rule};
use crate::footnotes::Notes;
use crate::import::citations::classify;

fn issue(rule: Rule, path: Vec<PathSeg<'static>>, message: String) -> Diagnostic {
    Diagnostic::new(rule, message).with_path(path)
}

use PathSeg::{Index, Key};

/// Every rule's findings in `bundle`, by JSON path; `words` is a house word
/// list (see [`Learned::word_list`]).
pub fn bundle_issues(bundle: &Bundle, words: &str) -> Vec<Diagnostic> {
    bundle_issues_of(bundle, words, &RuleSet::all())
}

/// The findings of the rules in `rules` only: an allowed rule does no work
/// (the spelling rule's is most of it).
pub fn bundle_issues_of(bundle: &Bundle, words: &str, rules: &RuleSet) -> Vec<Diagnostic> {
    issues_in_parts_from(bundle, words, rules, PARALLEL_FROM)
}

/// [`bundle_issues_of`], reading the articles in parallel from `from` bytes
/// of text.
fn issues_in_parts_from(
    bundle: &Bundle,
    words: &str,
    rules: &RuleSet,
    from: usize,
) -> Vec<Diagnostic> {
    let mut out = findings(bundle);
    if rules.any(&[
        Rule::UncitedCitation,
        Rule::CitationAfterArticle,
        Rule::CitationDate,
        Rule::RawMismatch,
        Rule::NumberingOrder,
    ]) {
        for (a, article) in bundle.articles.iter().enumerate() {
            citation_issues(a, article, rules, &mut out);
        }
    }
    if rules.any(&[
        Rule::EmptyHeadline,
        Rule::NewsOrder,
        Rule::NewsDuplicate,
        Rule::NewsFuture,
    ]) {
        news_issues(bundle, &mut out);
    }
    if rules.on(Rule::BadUrl) {
        url_issues(bundle, &mut out);
    }
    let learned = rules.on(Rule::Spelling).then(|| {
        let mut learned = learn_from(bundle, from);
        learned.word_list(words);
        learned
    });
    text_issues(bundle, learned.as_ref(), rules, from, &mut out);
    if rules.on(Rule::InvisibleChar) {
        invisible_issues(bundle, &mut out);
    }
    out.retain(|d| rules.on(d.rule));
    out
}

/// The invisible-char rule over the strings the text rules do not read:
/// ids, sources, prefixes, raw citations, links, zones.
fn invisible_issues(bundle: &Bundle, out: &mut Vec<Diagnostic>) {
    let mut check = |text: &str, path: Vec<PathSeg<'static>>| {
        for f in invisible_findings(text) {
            out.push(f.with_path(path.clone()));
        }
    };
    check(&bundle.id, vec![Key("id")]);
    for (a, article) in bundle.articles.iter().enumerate() {
        let at = |rest: &[PathSeg<'static>]| {
            let mut p = vec![Key("articles"), Index(a)];
            p.extend_from_slice(rest);
            p
        };
        check(&article.id, at(&[Key("id")]));
        for (key, value) in [("url", &article.url), ("zone", &article.zone)] {
            if let Some(v) = value {
                check(v, at(&[Key(key)]));
            }
        }
        for (c, citation) in article.citations.iter().enumerate() {
            let field = |key| at(&[Key("citations"), Index(c), Key(key)]);
            check(&citation.id, field("id"));
            check(&citation.source, field("source"));
            for (key, value) in [
                ("prefix", &citation.prefix),
                ("raw", &citation.raw),
                ("url", &citation.url),
            ] {
                if let Some(v) = value {
                    check(v, field(key));
                }
            }
        }
    }
    for (n, e) in bundle.news_line.iter().enumerate() {
        for (key, value) in [("article", &e.article), ("zone", &e.zone), ("url", &e.url)] {
            if let Some(v) = value {
                check(v, vec![Key("news_line"), Index(n), Key(key)]);
            }
        }
    }
}

/// The earliest day a partial date can mean.
fn earliest(d: PartialDate) -> Option<NaiveDate> {
    match d {
        PartialDate::Year(y) => NaiveDate::from_ymd_opt(y, 1, 1),
        PartialDate::YearMonth(y, m) => NaiveDate::from_ymd_opt(y, m, 1),
        PartialDate::Day(d) => Some(d),
    }
}

fn citation_issues(a: usize, article: &Article, rules: &RuleSet, out: &mut Vec<Diagnostic>) {
    let at = |rest: &[PathSeg<'static>]| {
        let mut p = vec![Key("articles"), Index(a)];
        p.extend_from_slice(rest);
        p
    };
    let notes = Notes::number(article);
    let index_of: HashMap<&str, usize> = (article.citations.iter().enumerate())
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    for (c, citation) in article.citations.iter().enumerate() {
        if rules.on(Rule::UncitedCitation)
            && notes.of(&citation.id).is_some_and(|n| !notes.is_cited(n))
        {
            out.push(issue(
                Rule::UncitedCitation,
                at(&[Key("citations"), Index(c)]),
                format!(
                    "citation {:?} ({}) is never cited in the text",
                    citation.id, citation.source
                ),
            ));
        }
        let published = article.published.map(|p| p.date());
        if let (Some(date), Some(published)) = (citation.date, published)
            && earliest(date).is_some_and(|d| d > published)
        {
            out.push(issue(
                Rule::CitationAfterArticle,
                at(&[Key("citations"), Index(c), Key("date")]),
                format!(
                    "dated {}, after the article ({})",
                    date.long_form(),
                    crate::bundle::model::long_date(published)
                ),
            ));
        }
        if let Some(raw) = &citation.raw
            && rules.any(&[Rule::CitationDate, Rule::RawMismatch])
        {
            raw_issues(
                raw,
                citation,
                published,
                &at(&[Key("citations"), Index(c), Key("raw")]),
                out,
            );
        }
    }
    // Numbered ids should be first cited 1, 2, 3… in reading order.
    let numbered: Option<Vec<u64>> = article
        .citations
        .iter()
        .map(|c| c.id.parse().ok())
        .collect();
    if numbered.is_some() && rules.on(Rule::NumberingOrder) {
        let mut seen = HashSet::new();
        let mut firsts: Vec<(u64, usize, usize)> = Vec::new();
        for (p, paragraph) in article.paragraphs.iter().enumerate() {
            for seg in segments(paragraph) {
                let Segment::Marker { whole, id } = seg else {
                    continue;
                };
                let id = paragraph.get(id).unwrap_or_default();
                let (Ok(n), true) = (id.parse::<u64>(), index_of.contains_key(id)) else {
                    continue;
                };
                if seen.insert(n) {
                    firsts.push((n, p, paragraph[..whole.start].chars().count()));
                }
            }
        }
        // The numbers out of place: those off the longest run that rises.
        let keep = longest_rising(&firsts.iter().map(|f| f.0).collect::<Vec<_>>());
        for (i, &(n, p, offset)) in firsts.iter().enumerate() {
            if !keep.contains(&i) {
                out.push(
                    issue(
                        Rule::NumberingOrder,
                        at(&[Key("paragraphs"), Index(p)]),
                        format!(
                            "[^{n}] is first cited out of order: numbered ids should be first cited 1, 2, 3… in reading order"
                        ),
                    )
                    .with_offset(offset),
                );
            }
        }
    }
}

/// Indexes of one longest strictly rising subsequence of `xs`.
fn longest_rising(xs: &[u64]) -> HashSet<usize> {
    // tails[k]: index of the smallest last element of a rising run of k + 1.
    let mut tails: Vec<usize> = Vec::new();
    let mut before: Vec<Option<usize>> = vec![None; xs.len()];
    for (i, &x) in xs.iter().enumerate() {
        let k = tails.partition_point(|&t| xs[t] < x);
        before[i] = k.checked_sub(1).map(|k| tails[k]);
        if k == tails.len() {
            tails.push(i);
        } else {
            tails[k] = i;
        }
    }
    let mut keep = HashSet::new();
    let mut at = tails.last().copied();
    while let Some(i) = at {
        keep.insert(i);
        at = before[i];
    }
    keep
}

/// The raw text of a citation, read again as the importer reads it.
fn raw_issues(
    raw: &str,
    citation: &Citation,
    published: Option<NaiveDate>,
    path: &[PathSeg<'static>],
    out: &mut Vec<Diagnostic>,
) {
    // A raw text the importer cannot read (another script, another
    // convention) is left alone: only a reading that disagrees is reported.
    if let Some(d) = ambiguous_date(raw) {
        out.push(issue(
            Rule::CitationDate,
            path.to_vec(),
            format!("{d:?} is ambiguous: day/month or month/day? write the month's name"),
        ));
    }
    let Some(read) = classify(raw, published) else {
        return;
    };
    for w in &read.warnings {
        out.push(issue(Rule::CitationDate, path.to_vec(), w.clone()));
    }
    let matches = read.citations.iter().any(|r| {
        r.source == citation.source && r.date == citation.date && r.prefix == citation.prefix
    });
    if !matches {
        let as_read: Vec<String> = read
            .citations
            .iter()
            .map(|r| match r.date {
                Some(d) => format!("{}, {}", r.source, d.long_form()),
                None => r.source.clone(),
            })
            .collect();
        let have = match citation.date {
            Some(d) => format!("{}, {}", citation.source, d.long_form()),
            None => citation.source.clone(),
        };
        out.push(issue(
            Rule::RawMismatch,
            path.to_vec(),
            format!(
                "raw text reads as \"{}\" but the citation says \"{have}\"",
                as_read.join("; ")
            ),
        ));
    }
}

/// A numeric date such as `03.04.2020` or `3/4/20` whose day and month could
/// be either way round.
fn ambiguous_date(text: &str) -> Option<String> {
    let bytes: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() && (i == 0 || !bytes[i - 1].is_ascii_digit()) {
            let rest: String = bytes[i..].iter().take(10).collect();
            let parts: Vec<&str> = rest
                .split(|c: char| !c.is_ascii_digit() && c != '.' && c != '/')
                .next()
                .unwrap_or("")
                .split(['.', '/'])
                .collect();
            if parts.len() == 3 && parts.iter().all(|p| !p.is_empty()) {
                let (a, b) = (parts[0].parse::<u32>().ok()?, parts[1].parse::<u32>().ok()?);
                if (1..=12).contains(&a) && (1..=12).contains(&b) && a != b {
                    return Some(parts.join(&rest[parts[0].len()..=parts[0].len()]));
                }
            }
        }
        i += 1;
    }
    None
}

/// Links that folio will not show as links: not `http(s)://`, or with
/// characters a link cannot have.
fn url_issues(bundle: &Bundle, out: &mut Vec<Diagnostic>) {
    let mut check = |url: &Option<String>, path: Vec<PathSeg<'static>>| {
        let Some(url) = url else { return };
        let problem = if !crate::links::is_web(url) {
            "is not an http:// or https:// link"
        } else if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
            "has spaces or control characters (percent-encode them)"
        } else {
            return;
        };
        out.push(issue(Rule::BadUrl, path, format!("the url {problem}")));
    };
    for (a, article) in bundle.articles.iter().enumerate() {
        check(&article.url, vec![Key("articles"), Index(a), Key("url")]);
        for (c, citation) in article.citations.iter().enumerate() {
            let path = vec![
                Key("articles"),
                Index(a),
                Key("citations"),
                Index(c),
                Key("url"),
            ];
            check(&citation.url, path);
        }
    }
    for (n, e) in bundle.news_line.iter().enumerate() {
        check(&e.url, vec![Key("news_line"), Index(n), Key("url")]);
    }
}

fn news_issues(bundle: &Bundle, out: &mut Vec<Diagnostic>) {
    let news = &bundle.news_line;
    // Each entry's instant, worked out once.
    let instants: Vec<_> = news.iter().map(NewsEntry::instant).collect();
    let at = |n: usize, key: &'static str| vec![Key("news_line"), Index(n), Key(key)];
    // The newest two times: an entry is compared with the newest of the others.
    // Times compare as instants: entries from feeds in several zones.
    let mut newest = [None, None];
    for &t in &instants {
        if newest[0].is_none_or(|n| t > n) {
            newest = [Some(t), newest[0]];
        } else if newest[1].is_none_or(|n| t > n) {
            newest[1] = Some(t);
        }
    }
    // How far ahead of the rest is "ahead": a day for a site's news line
    // (minutes apart), ten typical gaps for a weekly feed.
    let mut sorted = instants.clone();
    sorted.sort_unstable();
    let mut gaps: Vec<Duration> = sorted.windows(2).map(|w| w[1] - w[0]).collect();
    gaps.sort_unstable();
    // The lower median: the outlier being looked for is one of the gaps.
    let typical = gaps
        .get(gaps.len().saturating_sub(1) / 2)
        .copied()
        .unwrap_or_default();
    let ahead = Duration::days(1).max(typical * 10);
    let mut seen: HashMap<(&str, chrono::NaiveDateTime), usize> = HashMap::new();
    for (n, e) in news.iter().enumerate() {
        if e.headline.trim().is_empty() {
            out.push(issue(
                Rule::EmptyHeadline,
                at(n, "headline"),
                "the headline is empty".into(),
            ));
        }
        let instant = instants[n];
        if let Some(prev) = n.checked_sub(1).and_then(|p| news.get(p))
            && instant > instants[n - 1]
        {
            out.push(issue(
                Rule::NewsOrder,
                at(n, "time"),
                format!(
                    "{} is newer than the entry before it ({}): the news line runs newest first",
                    e.time.format("%Y-%m-%d %H:%M"),
                    prev.time.format("%Y-%m-%d %H:%M")
                ),
            ));
        }
        if let Some(first) = seen.insert((e.headline.as_str(), e.time), n) {
            seen.insert((e.headline.as_str(), e.time), first);
            out.push(issue(
                Rule::NewsDuplicate,
                at(n, "headline"),
                format!("the same headline at the same time as news_line[{first}]"),
            ));
        }
        let others = if Some(instant) == newest[0] {
            newest[1]
        } else {
            newest[0]
        };
        if let Some(others) = others
            && instant > others + ahead
        {
            let far = if ahead > Duration::days(1) {
                format!("{} days", ahead.num_days())
            } else {
                "a day".into()
            };
            out.push(issue(
                Rule::NewsFuture,
                at(n, "time"),
                format!(
                    "{} is more than {far} after every other entry (newest {}): a wrong year or month?",
                    e.time.format("%Y-%m-%d %H:%M"),
                    others.format("%Y-%m-%d %H:%M")
                ),
            ));
        }
    }
}

/// `text` with each footnote marker replaced by as many U+FFFC (object
/// replacement) characters, so that offsets stay, ids are not read as words
/// and markers make no spaces.
fn without_markers(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for seg in segments(text) {
        match seg {
            Segment::Text(r) => out.push_str(text.get(r).unwrap_or_default()),
            Segment::Marker { whole, .. } => {
                let n = text.get(whole).unwrap_or_default().chars().count();
                out.extend(std::iter::repeat_n('\u{FFFC}', n));
            }
        }
    }
    out
}

/// What the bundle teaches the spelling rule (see [`Learned`]): the
/// articles learned a part at a time, in parallel, and merged.
pub fn learn(bundle: &Bundle) -> Learned {
    learn_from(bundle, PARALLEL_FROM)
}

fn learn_from(bundle: &Bundle, from: usize) -> Learned {
    let parts = in_parts(&bundle.articles, from, |_, articles| {
        let mut learned = Learned::default();
        for article in articles {
            learn_article(article, &mut learned);
        }
        learned
    });
    let mut learned = Learned::default();
    for part in parts {
        learned.merge(part);
    }
    for e in &bundle.news_line {
        learned.prose(&e.headline);
    }
    learned
}

fn learn_article(article: &Article, learned: &mut Learned) {
    for p in &article.paragraphs {
        learned.prose(&without_markers(p));
    }
    for r in &article.related {
        learned.prose(r);
    }
    for c in &article.citations {
        learned.names(&c.source);
    }
    for name in [&article.author, &article.origin, &article.category]
        .into_iter()
        .flatten()
    {
        learned.names(name);
    }
}

/// Below this much text (in bytes), a bundle's articles are read on one
/// thread: starting another costs more than it saves.
const PARALLEL_FROM: usize = 1 << 20;

/// `f` over the articles cut into runs of about equal text (when they have
/// `from` bytes of it or more, else all in one), one run per
/// core, each on a thread of its own (`f` gets the index of the run's first
/// article and the run); the results in the articles' order.
/// The rules are pure functions of the bundle, so the findings are those
/// of one thread, in the same order.
fn in_parts<'b, T: Send>(
    articles: &'b [Article],
    from: usize,
    f: impl Fn(usize, &'b [Article]) -> T + Sync,
) -> Vec<T> {
    let size = |a: &Article| a.paragraphs.iter().map(String::len).sum::<usize>() + 1;
    let total: usize = articles.iter().map(size).sum();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    if total < from || cores < 2 {
        return vec![f(0, articles)];
    }
    let mut runs = Vec::with_capacity(cores);
    let (mut start, mut taken) = (0, 0);
    for (i, a) in articles.iter().enumerate() {
        taken += size(a);
        if taken * cores >= total * (runs.len() + 1) && runs.len() + 1 < cores {
            runs.push((start, &articles[start..=i]));
            start = i + 1;
        }
    }
    runs.push((start, &articles[start..]));
    let f = &f;
    std::thread::scope(|scope| {
        let others: Vec<_> = (runs[1..].iter())
            .map(|&(first, run)| scope.spawn(move || f(first, run)))
            .collect();
        let first = f(runs[0].0, runs[0].1);
        let others = others.into_iter().map(|t| {
            // A rule that panicked panics here as it would on one thread.
            t.join().unwrap_or_else(|p| std::panic::resume_unwind(p))
        });
        std::iter::once(first).chain(others).collect()
    })
}

/// The text rules, and spelling when `learned` (it is off when allowed).
/// The articles' text is read in parallel ([`in_parts`]).
fn text_issues(
    bundle: &Bundle,
    learned: Option<&Learned>,
    rules: &RuleSet,
    from: usize,
    out: &mut Vec<Diagnostic>,
) {
    if let Some(t) = &bundle.title {
        prose(out, learned, rules, vec![Key("title")], t, true);
    }
    let parts = in_parts(&bundle.articles, from, |first, articles| {
        let (mut found, mut empty) = (Vec::new(), Vec::new());
        for (i, article) in articles.iter().enumerate() {
            article_text_issues(first + i, article, learned, rules, &mut found, &mut empty);
        }
        (found, empty)
    });
    let mut empty = Vec::new();
    for (found, e) in parts {
        out.extend(found);
        empty.extend(e);
    }
    for (n, e) in bundle.news_line.iter().enumerate() {
        let path = vec![Key("news_line"), Index(n), Key("headline")];
        prose(out, learned, rules, path, &e.headline, true);
    }
    out.extend(empty);
}

/// The text rules over one piece of prose at `path`, and spelling when
/// `spell` and `learned`.
fn prose(
    out: &mut Vec<Diagnostic>,
    learned: Option<&Learned>,
    rules: &RuleSet,
    path: Vec<PathSeg<'static>>,
    text: &str,
    spell: bool,
) {
    for f in text_findings_of(text, rules) {
        out.push(f.with_path(path.clone()));
    }
    if let Some(learned) = learned.filter(|_| spell) {
        for f in learned.spelling(text) {
            out.push(f.with_path(path.clone()));
        }
    }
}

/// The text rules over article `a`; empty paragraphs go to `empty`, which
/// are reported after all the rest.
fn article_text_issues(
    a: usize,
    article: &Article,
    learned: Option<&Learned>,
    rules: &RuleSet,
    out: &mut Vec<Diagnostic>,
    empty: &mut Vec<Diagnostic>,
) {
    let at = |rest: &[PathSeg<'static>]| {
        let mut p = vec![Key("articles"), Index(a)];
        p.extend_from_slice(rest);
        p
    };
    let english =
        learned.is_some_and(|l| l.reads_as_english(article.paragraphs.iter().map(String::as_str)));
    prose(
        out,
        learned,
        rules,
        at(&[Key("title")]),
        &article.title,
        english,
    );
    for (key, value) in [
        ("author", &article.author),
        ("origin", &article.origin),
        ("category", &article.category),
    ] {
        if let Some(v) = value {
            prose(out, learned, rules, at(&[Key(key)]), v, false);
        }
    }
    for (p, paragraph) in article.paragraphs.iter().enumerate() {
        if paragraph.trim().is_empty() {
            empty.push(issue(
                Rule::EmptyParagraph,
                at(&[Key("paragraphs"), Index(p)]),
                "the paragraph has no text".into(),
            ));
            continue;
        }
        let path = at(&[Key("paragraphs"), Index(p)]);
        prose(
            out,
            learned,
            rules,
            path,
            &without_markers(paragraph),
            english,
        );
    }
    for (r, related) in article.related.iter().enumerate() {
        prose(
            out,
            learned,
            rules,
            at(&[Key("related"), Index(r)]),
            related,
            english,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Articles with slips, and names each written capitalised once at a
    /// sentence start in an early article and once in a late one: learned
    /// only when the runs' learning is merged.
    fn bundle(articles: usize) -> Bundle {
        let mut json = String::from(r#"{"format": "folio-bundle/1", "id": "b", "articles": ["#);
        for a in 0..articles {
            let name = format!("Zorvak{}", char::from(b'a' + (a % 26) as u8));
            json.push_str(&format!(
                r#"{}{{"id": "a{a}", "title": "Talks  number {a}", "paragraphs": ["{name} spoke. The ministers  met (again and agred that the the talks[^1] go on.", "Officials said “nothing” was settled.", ""], "citations": [{{"id": "1", "source": "Source {a}", "url": "ftp://x"}}]}}"#,
                if a > 0 { "," } else { "" }
            ));
        }
        json.push_str(r#"], "news_line": [{"time": "2025-01-01T10:00", "headline": "Teh news"}]}"#);
        serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn reading_in_parallel_finds_what_one_thread_finds() {
        let b = bundle(60);
        let one = issues_in_parts_from(&b, "", &RuleSet::all(), usize::MAX);
        let parts = issues_in_parts_from(&b, "", &RuleSet::all(), 0);
        assert!(one.len() > 400, "{}", one.len());
        assert_eq!(parts, one);
        // The names were learned across runs: none is a misspelling.
        assert!(!one.iter().any(|d| d.message.contains("Zorvak")));
        let spelling = RuleSet::allowing(&[Rule::Spelling]);
        assert_eq!(
            issues_in_parts_from(&b, "", &spelling, 0),
            issues_in_parts_from(&b, "", &spelling, usize::MAX)
        );
    }
}
