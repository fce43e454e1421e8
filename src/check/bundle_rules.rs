//! The rules over a parsed bundle, as diagnostics placed by JSON path (and,
//! inside a string, by character offset). The loader's own checks come
//! first; then citations, the news line, the text and spelling.

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

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

/// The citation rules, run article by article.
const CITATION_RULES: [Rule; 5] = [
    Rule::UncitedCitation,
    Rule::CitationAfterArticle,
    Rule::CitationDate,
    Rule::RawMismatch,
    Rule::NumberingOrder,
];

/// The news line's rules, run over the whole line at once.
const NEWS_RULES: [Rule; 4] = [
    Rule::EmptyHeadline,
    Rule::NewsOrder,
    Rule::NewsDuplicate,
    Rule::NewsFuture,
];

/// The rules of the second pass, over the text.
const TEXT_RULES: [Rule; 9] = [
    Rule::DoubleSpace,
    Rule::UnbalancedBrackets,
    Rule::UnbalancedQuotes,
    Rule::InvisibleChar,
    Rule::BacktickApostrophe,
    Rule::Mojibake,
    Rule::RepeatedWord,
    Rule::EmptyParagraph,
    Rule::Spelling,
];

/// Which passes over a bundle the rules in effect need: a pass none of
/// whose rules is on is not run (`--allow` skips the work, not only the
/// findings). The loader's checks always run: they are what the reader
/// refuses a file for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Passes {
    /// Citations, links, invisible characters in ids and sources.
    pub first: bool,
    /// Learning the bundle's names, for spelling.
    pub learn: bool,
    /// The news line's order, duplicates and empty headlines.
    pub news: bool,
    /// The text rules and spelling.
    pub text: bool,
}

impl Passes {
    pub fn of(rules: &RuleSet) -> Passes {
        Passes {
            first: rules.any(&CITATION_RULES) || rules.any(&[Rule::BadUrl, Rule::InvisibleChar]),
            learn: rules.on(Rule::Spelling),
            news: rules.any(&NEWS_RULES),
            text: rules.any(&TEXT_RULES),
        }
    }
}

/// [`bundle_issues_of`], reading the bundle in parallel from `from` bytes
/// of text. Two passes over the [`Piece`]s: the first finds what needs no
/// learning and learns the names, the second reads the text, spelling with
/// all that was learned.
fn issues_in_parts_from(
    bundle: &Bundle,
    words: &str,
    rules: &RuleSet,
    from: usize,
) -> Vec<Diagnostic> {
    let mut out = findings(bundle);
    let passes = Passes::of(rules);
    let pieces = Piece::all(bundle);
    let sizes: Vec<usize> = pieces.iter().map(|p| p.size(bundle)).collect();
    let mut learned = Learned::default();
    if passes.first || passes.learn {
        let (found, learned_apart) = in_parts(&pieces, &sizes, from, |run, learned| {
            let mut found = Vec::new();
            for piece in run {
                piece.facts(
                    bundle,
                    rules,
                    &mut found,
                    passes.learn.then_some(&mut *learned),
                );
            }
            found
        });
        out.extend(found.into_iter().flatten());
        for part in learned_apart {
            learned.merge(part);
        }
    }
    if passes.news {
        news_issues(bundle, &mut out);
    }
    if rules.on(Rule::InvisibleChar) {
        invisible(&bundle.id, || vec![Key("id")], &mut out);
    }
    let learned = passes.learn.then(|| {
        learned.word_list(words);
        learned
    });
    if passes.text {
        text_issues(
            bundle,
            (&pieces, &sizes),
            learned.as_ref(),
            rules,
            from,
            &mut out,
        );
    }
    // A big bundle's names are a million small strings: freed on another
    // core while this one places the findings.
    super::drop_aside(learned, sizes.iter().sum());
    out.retain(|d| rules.on(d.rule));
    out
}

/// The path of article `a`'s `rest`.
fn article_path(a: usize, rest: &[PathSeg<'static>]) -> Vec<PathSeg<'static>> {
    let mut p = vec![Key("articles"), Index(a)];
    p.extend_from_slice(rest);
    p
}

/// A run of the bundle's work, read on one thread: an article, or a stretch
/// of the news line (as much text as a short article).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Article(usize),
    News(std::ops::Range<usize>),
}

/// News-line entries in one [`Piece`].
const NEWS_PIECE: usize = 256;

impl Piece {
    /// The bundle's pieces: its articles, then its news line, in order.
    fn all(bundle: &Bundle) -> Vec<Piece> {
        let news = bundle.news_line.len();
        let articles = (0..bundle.articles.len()).map(Piece::Article);
        let stretches = (0..news)
            .step_by(NEWS_PIECE)
            .map(|n| Piece::News(n..(n + NEWS_PIECE).min(news)));
        articles.chain(stretches).collect()
    }

    /// About how much work it is: its bytes of text.
    fn size(&self, bundle: &Bundle) -> usize {
        match self {
            Piece::Article(a) => (bundle.articles.get(*a)).map_or(0, |a| {
                a.paragraphs.iter().map(String::len).sum::<usize>() + 1
            }),
            Piece::News(r) => (bundle.news_line.get(r.clone()).unwrap_or_default().iter())
                .map(|e| e.headline.len() + 1)
                .sum(),
        }
    }

    /// The first pass over the piece: the citations', links' and invisible
    /// characters' rules, and what it teaches the spelling rule.
    fn facts(
        &self,
        bundle: &Bundle,
        rules: &RuleSet,
        out: &mut Vec<Diagnostic>,
        mut learned: Option<&mut Learned>,
    ) {
        match self {
            Piece::Article(a) => {
                let Some(article) = bundle.articles.get(*a) else {
                    return;
                };
                if rules.any(&CITATION_RULES) {
                    citation_issues(*a, article, rules, out);
                }
                if rules.on(Rule::BadUrl) {
                    article_url_issues(*a, article, out);
                }
                if rules.on(Rule::InvisibleChar) {
                    article_invisible(*a, article, out);
                }
                if let Some(learned) = learned {
                    learn_article(article, learned);
                }
            }
            Piece::News(r) => {
                for n in r.clone() {
                    let Some(e) = bundle.news_line.get(n) else {
                        continue;
                    };
                    let at = |key| move || vec![Key("news_line"), Index(n), Key(key)];
                    if rules.on(Rule::BadUrl) {
                        bad_url(&e.url, at("url"), out);
                    }
                    if rules.on(Rule::InvisibleChar) {
                        for (key, value) in
                            [("article", &e.article), ("zone", &e.zone), ("url", &e.url)]
                        {
                            if let Some(v) = value {
                                invisible(v, at(key), out);
                            }
                        }
                    }
                    if let Some(learned) = learned.as_deref_mut() {
                        learned.prose(&e.headline);
                    }
                }
            }
        }
    }

    /// The second pass: the text rules, and spelling when `learned`.
    /// Empty paragraphs go to `empty`, reported after all the rest.
    fn text(
        &self,
        bundle: &Bundle,
        learned: Option<&Learned>,
        rules: &RuleSet,
        out: &mut Vec<Diagnostic>,
        empty: &mut Vec<Diagnostic>,
    ) {
        match self {
            Piece::Article(a) => {
                if let Some(article) = bundle.articles.get(*a) {
                    article_text_issues(*a, article, learned, rules, out, empty);
                }
            }
            Piece::News(r) => {
                for n in r.clone() {
                    if let Some(e) = bundle.news_line.get(n) {
                        let path = vec![Key("news_line"), Index(n), Key("headline")];
                        prose(out, learned, rules, path, &e.headline, true);
                    }
                }
            }
        }
    }
}

/// The invisible-char rule over `text` at `path` (made only for a finding).
fn invisible(text: &str, path: impl Fn() -> Vec<PathSeg<'static>>, out: &mut Vec<Diagnostic>) {
    for f in invisible_findings(text) {
        out.push(f.with_path(path()));
    }
}

/// The invisible-char rule over the strings of article `a` the text rules
/// do not read: ids, sources, prefixes, raw citations, links, zones.
fn article_invisible(a: usize, article: &Article, out: &mut Vec<Diagnostic>) {
    invisible(&article.id, || article_path(a, &[Key("id")]), out);
    for (key, value) in [("url", &article.url), ("zone", &article.zone)] {
        if let Some(v) = value {
            invisible(v, || article_path(a, &[Key(key)]), out);
        }
    }
    for (c, citation) in article.citations.iter().enumerate() {
        let field = |key| move || article_path(a, &[Key("citations"), Index(c), Key(key)]);
        invisible(&citation.id, field("id"), out);
        invisible(&citation.source, field("source"), out);
        for (key, value) in [
            ("prefix", &citation.prefix),
            ("raw", &citation.raw),
            ("url", &citation.url),
        ] {
            if let Some(v) = value {
                invisible(v, field(key), out);
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
    let at = |rest: &[PathSeg<'static>]| article_path(a, rest);
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

/// A link that folio will not show as a link: not `http(s)://`, or with
/// characters a link cannot have (`path` is made only for a finding).
fn bad_url(
    url: &Option<String>,
    path: impl FnOnce() -> Vec<PathSeg<'static>>,
    out: &mut Vec<Diagnostic>,
) {
    let Some(url) = url else { return };
    let problem = if !crate::links::is_web(url) {
        "is not an http:// or https:// link"
    } else if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        "has spaces or control characters (percent-encode them)"
    } else {
        return;
    };
    out.push(issue(Rule::BadUrl, path(), format!("the url {problem}")));
}

/// The bad-url rule over article `a`'s links.
fn article_url_issues(a: usize, article: &Article, out: &mut Vec<Diagnostic>) {
    bad_url(&article.url, || article_path(a, &[Key("url")]), out);
    for (c, citation) in article.citations.iter().enumerate() {
        let path = || article_path(a, &[Key("citations"), Index(c), Key("url")]);
        bad_url(&citation.url, path, out);
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

/// Below this much text (in bytes), a bundle is read on one thread:
/// starting another costs more than it saves.
const PARALLEL_FROM: usize = 1 << 20;

/// Runs of text each core is given, about: a core that finishes its run
/// takes the next, so a long article or a slow stretch delays no one.
const RUNS_PER_CORE: usize = 16;

/// `f` over `pieces` (of `sizes` bytes of text) cut into runs of about
/// equal text, on every core (when they have `from` bytes of text or more,
/// else all on this thread), each thread with a state of its own (`S`, what
/// it learns); the results in the pieces' order, and the states. The rules are pure functions of the
/// bundle, so the findings are those of one thread, in the same order.
fn in_parts<'p, S: Default + Send, T: Send>(
    pieces: &'p [Piece],
    sizes: &[usize],
    from: usize,
    f: impl Fn(&'p [Piece], &mut S) -> T + Sync,
) -> (Vec<T>, Vec<S>) {
    let total: usize = sizes.iter().sum();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    if total < from || cores < 2 {
        let mut state = S::default();
        return (vec![f(pieces, &mut state)], vec![state]);
    }
    let share = total.div_ceil(cores * RUNS_PER_CORE).max(1);
    let mut runs = Vec::with_capacity(cores * RUNS_PER_CORE + 1);
    let (mut start, mut taken) = (0, 0);
    for (i, size) in sizes.iter().enumerate() {
        taken += size;
        if taken >= share {
            runs.push(&pieces[start..=i]);
            (start, taken) = (i + 1, 0);
        }
    }
    if start < pieces.len() {
        runs.push(&pieces[start..]);
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let work = || {
        let (mut done, mut state) = (Vec::new(), S::default());
        loop {
            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(run) = runs.get(i) else {
                return (done, state);
            };
            done.push((i, f(run, &mut state)));
        }
    };
    let (mut done, states) = std::thread::scope(|scope| {
        let others: Vec<_> = (1..cores).map(|_| scope.spawn(work)).collect();
        let (mut done, state) = work();
        let mut states = vec![state];
        for t in others {
            // A rule that panicked panics here as it would on one thread.
            let (d, s) = t.join().unwrap_or_else(|p| std::panic::resume_unwind(p));
            done.extend(d);
            states.push(s);
        }
        (done, states)
    });
    done.sort_unstable_by_key(|(i, _)| *i);
    (done.into_iter().map(|(_, t)| t).collect(), states)
}

/// The text rules, and spelling when `learned` (it is off when allowed):
/// the bundle's title, then every piece, in parallel ([`in_parts`]).
fn text_issues(
    bundle: &Bundle,
    (pieces, sizes): (&[Piece], &[usize]),
    learned: Option<&Learned>,
    rules: &RuleSet,
    from: usize,
    out: &mut Vec<Diagnostic>,
) {
    if let Some(t) = &bundle.title {
        prose(out, learned, rules, vec![Key("title")], t, true);
    }
    let (parts, _) = in_parts(pieces, sizes, from, |run, _: &mut ()| {
        let (mut found, mut empty) = (Vec::new(), Vec::new());
        for piece in run {
            piece.text(bundle, learned, rules, &mut found, &mut empty);
        }
        (found, empty)
    });
    let mut empty = Vec::new();
    for (found, e) in parts {
        out.extend(found);
        empty.extend(e);
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
    let at = |rest: &[PathSeg<'static>]| article_path(a, rest);
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
