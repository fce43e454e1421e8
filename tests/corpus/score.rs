//! Scoring `folio::import::import_page` on the hand-labelled corpus in
//! `tests/corpus` (pages, `labels.json`; `SOURCES.md` says where each page
//! comes from). Shared by `benches/corpus.rs`, which prints the figures, and
//! `tests/import_corpus.rs`, which checks the labels against the pages.
//!
//! - A labelled parenthetical is **predicted text** when it is still in the
//!   article's paragraphs as written, and **predicted citation** when it is
//!   not but citations were made of it (each citation's `raw` is part of it):
//!   it became `[^N]` markers. Otherwise it is **lost** (neither).
//!   (Text parentheticals made citations count as false positives.)
//! - Precision: labelled citations predicted as citations, over every
//!   citation made (citations made of text parentheticals, and citations
//!   that match no labelled parenthetical, count against it). Recall: over
//!   every labelled citation (one predicted text or lost counts against it).
//! - A page **kept all its prose** when every sentence of its body
//!   paragraphs (labelled citations taken out) is in the article's paragraphs
//!   (markers taken out), title, related or news line, or in a warning;
//!   compared word for word, case and punctuation aside. The report also
//!   says how much of the body is in the paragraphs themselves: a page whose
//!   prose went to `related` kept it, but does not read as an article.
//! - A parenthetical is kept as text when it is anywhere in what the page
//!   became (paragraphs, title, related, news line, warnings).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use folio::import::import_page;
use regex::Regex;
use serde::Deserialize;

static MARKER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\[\^\d+\]").expect("fixed regex"));
static SENTENCE_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"[.!?…]["”’)\]]*\s+"#).expect("fixed regex"));

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Labels {
    pub about: String,
    pub pages: Vec<PageLabels>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageLabels {
    /// The page, in `tests/corpus/pages/`.
    pub file: String,
    pub site: String,
    pub url: Option<String>,
    /// Where the page comes from (details in SOURCES.md).
    pub source: String,
    /// The page's body prose, paragraph by paragraph, as on the page.
    pub body: Vec<String>,
    /// Paragraphs of the source's article text that the scraped page does not
    /// have (embedded posts drawn by scripts): not part of `body`.
    pub body_not_in_page: usize,
    /// Every parenthetical of `body`, in order.
    pub parentheticals: Vec<Paren>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Paren {
    /// As on the page, brackets included.
    pub text: String,
    pub label: Label,
    /// For text: what it is (acronym, aside, unit, handle, …).
    #[serde(default)]
    pub kind: Option<String>,
    /// For a citation: the sources and dates it cites.
    #[serde(default)]
    pub sources: Vec<Cited>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Label {
    Citation,
    Text,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cited {
    pub source: String,
    pub date: String,
}

pub fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

pub fn load() -> Result<Labels, String> {
    let path = corpus_dir().join("labels.json");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut de = serde_json::Deserializer::from_str(&text);
    serde_path_to_error::deserialize(&mut de).map_err(|e| format!("{}: {e}", path.display()))
}

pub fn read_page(page: &PageLabels) -> Result<String, String> {
    let path = corpus_dir().join("pages").join(&page.file);
    std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))
}

/// Whitespace runs (no-break spaces too) as one space.
fn ws(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Words, lower case, as ` a b c ` (spaces round each), for run matching.
fn words(text: &str) -> String {
    let mut out = String::from(" ");
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        out.push_str(&word.to_lowercase());
        out.push(' ');
    }
    out
}

fn sentences(paragraph: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut from = 0;
    for m in SENTENCE_END.find_iter(paragraph) {
        out.push(&paragraph[from..m.end()]);
        from = m.end();
    }
    out.push(&paragraph[from..]);
    out
}

/// What is wrong with the labels: each page must be there, its body must be
/// on the page, and its parentheticals must be exactly those of its body, in
/// order, each on the page, labelled consistently.
pub fn problems(labels: &Labels) -> Vec<String> {
    let mut out = Vec::new();
    if labels.about.trim().is_empty() {
        out.push("labels.json: no \"about\"".into());
    }
    let paren = Regex::new(r"\([^()]{1,300}\)").expect("fixed regex");
    let mut files = HashMap::new();
    for page in &labels.pages {
        let at = |what: String| format!("{}: {what}", page.file);
        if files.insert(page.file.as_str(), ()).is_some() {
            out.push(at("listed twice".into()));
        }
        if page.site.trim().is_empty() || page.source.trim().is_empty() {
            out.push(at("no site or source".into()));
        }
        if page.url.as_ref().is_some_and(|u| !u.starts_with("http")) {
            out.push(at("a url that is not http(s)".into()));
        }
        let text = match read_page(page) {
            Ok(text) => text,
            Err(e) => {
                out.push(e);
                continue;
            }
        };
        let flat = ws(&text);
        let page_words = words(&text);
        if page.body.is_empty() {
            out.push(at("no body".into()));
        }
        for para in &page.body {
            if !page_words.contains(&words(para)) {
                out.push(at(format!("body paragraph not on the page: {:.60}", para)));
            }
        }
        let in_body: Vec<String> = page
            .body
            .iter()
            .flat_map(|p| paren.find_iter(p).map(|m| ws(m.as_str())))
            .collect();
        let labelled: Vec<String> = page.parentheticals.iter().map(|p| ws(&p.text)).collect();
        if in_body != labelled {
            out.push(at(format!(
                "the labels ({}) are not the body's parentheticals ({}) in order",
                labelled.len(),
                in_body.len()
            )));
        }
        for p in &page.parentheticals {
            if !(p.text.starts_with('(') && p.text.ends_with(')')) {
                out.push(at(format!("not a parenthetical: {}", p.text)));
            }
            if !flat.contains(&ws(&p.text)) {
                out.push(at(format!("not on the page: {}", p.text)));
            }
            match p.label {
                Label::Citation if p.sources.is_empty() => {
                    out.push(at(format!("a citation with no sources: {}", p.text)))
                }
                Label::Citation => {
                    for s in &p.sources {
                        if s.source.trim().is_empty() || s.date.trim().is_empty() {
                            out.push(at(format!("a source without name or date: {}", p.text)));
                        }
                    }
                }
                Label::Text if !p.sources.is_empty() || p.kind.is_none() => {
                    out.push(at(format!("text needs a kind and no sources: {}", p.text)))
                }
                Label::Text => {}
            }
        }
    }
    out
}

#[derive(Debug, Default, Clone)]
pub struct PageScore {
    pub file: String,
    pub site: String,
    /// Body paragraphs of the source that the page lacks (not scored).
    pub body_not_in_page: usize,
    pub labelled: usize,
    pub labelled_citations: usize,
    /// Labelled citations made citations.
    pub tp: usize,
    /// Labelled text made citations.
    pub fp: usize,
    /// Labelled citations kept as text or lost.
    pub fn_: usize,
    /// Citations made of nothing labelled (navigation, headers, …).
    pub unmatched: usize,
    /// Labelled parentheticals neither kept nor made citations.
    pub lost: usize,
    pub sentences: usize,
    pub sentences_kept: usize,
    /// Of those, how many are in the article's paragraphs (not related, …).
    pub sentences_in_paragraphs: usize,
    /// The first few sentences not found.
    pub missing: Vec<String>,
}

impl PageScore {
    pub fn kept_all_prose(&self) -> bool {
        self.sentences_kept == self.sentences
    }

    /// All of the body is article text (paragraphs), none of it only in
    /// related, the news line or warnings.
    pub fn body_in_paragraphs(&self) -> bool {
        self.sentences_in_paragraphs == self.sentences
    }
}

pub fn score_page(page: &PageLabels, text: &str) -> PageScore {
    let imported = import_page(text);
    let article = &imported.article;
    let paragraphs: Vec<String> = article.paragraphs.iter().map(|p| ws(p)).collect();
    let joined = paragraphs.join("\n");
    // Everything else the page became, for parentheticals kept as text.
    let mut elsewhere: Vec<String> = vec![ws(&article.title)];
    elsewhere.extend(article.related.iter().map(|r| ws(r)));
    elsewhere.extend(imported.news_line.iter().map(|n| ws(&n.headline)));
    // Not the warnings: a warning about a citation quotes its parenthetical,
    // which is not the parenthetical kept as text.
    let elsewhere = elsewhere.join("\n");
    let mut score = PageScore {
        file: page.file.clone(),
        site: page.site.clone(),
        body_not_in_page: page.body_not_in_page,
        labelled: page.parentheticals.len(),
        ..PageScore::default()
    };

    // Parentheticals.
    let mut used = vec![false; article.citations.len()];
    let mut seen: HashMap<String, usize> = HashMap::new();
    for p in &page.parentheticals {
        let text = ws(&p.text);
        let nth = seen.entry(text.clone()).or_insert(0);
        *nth += 1;
        let kept = *nth
            <= joined.matches(text.as_str()).count() + elsewhere.matches(text.as_str()).count();
        let predicted_citation = !kept && {
            // The run of citations made from it: the first unused one whose
            // raw text is in it, and as many after it as the parenthetical
            // reads as (a date list makes one per date).
            let inner = ws(&text[1..text.len() - 1]);
            let from_here = |c: &folio::bundle::Citation| {
                let raw = ws(c.raw.as_deref().unwrap_or(&c.source));
                !raw.is_empty() && inner.contains(&raw)
            };
            let published = article.published.map(|t| t.date());
            let count = folio::import::citations::classify(&inner, published)
                .map_or(1, |c| c.citations.len().max(1));
            let first = (0..article.citations.len())
                .find(|&i| !used[i] && from_here(&article.citations[i]));
            let mut taken = 0;
            if let Some(first) = first {
                for (i, c) in article.citations.iter().enumerate().skip(first) {
                    if taken == count || used[i] || !from_here(c) {
                        break;
                    }
                    used[i] = true;
                    taken += 1;
                }
            }
            taken > 0
        };
        if !kept && !predicted_citation {
            score.lost += 1;
        }
        match p.label {
            Label::Citation => {
                score.labelled_citations += 1;
                if predicted_citation {
                    score.tp += 1;
                } else {
                    score.fn_ += 1;
                }
            }
            Label::Text if predicted_citation => score.fp += 1,
            Label::Text => {}
        }
    }
    score.unmatched = used.iter().filter(|u| !**u).count();

    // Prose.
    let in_paragraphs = words(&MARKER.replace_all(&joined, " "));
    let mut pools = vec![in_paragraphs.clone()];
    pools.push(words(&article.title));
    pools.extend(article.related.iter().map(|r| words(r)));
    pools.extend(imported.news_line.iter().map(|n| words(&n.headline)));
    pools.extend(imported.warnings.iter().map(|w| words(&w.message)));
    for para in &page.body {
        let mut para = ws(para);
        for p in &page.parentheticals {
            if p.label == Label::Citation {
                para = para.replacen(&ws(&p.text), " ", 1);
            }
        }
        for sentence in sentences(&para) {
            let w = words(sentence);
            if w.trim().is_empty() {
                continue;
            }
            score.sentences += 1;
            if in_paragraphs.contains(&w) {
                score.sentences_in_paragraphs += 1;
            }
            if pools.iter().any(|pool| pool.contains(&w)) {
                score.sentences_kept += 1;
            } else if score.missing.len() < 3 {
                score.missing.push(sentence.trim().to_string());
            }
        }
    }
    score
}

/// Every page, scored, in the labels' order.
pub fn score_all(labels: &Labels) -> Result<Vec<PageScore>, String> {
    labels
        .pages
        .iter()
        .map(|page| Ok(score_page(page, &read_page(page)?)))
        .collect()
}

/// Sums of several pages' scores (per site, overall).
#[derive(Debug, Default, Clone)]
pub struct Totals {
    pub pages: usize,
    pub pages_kept: usize,
    pub pages_in_paragraphs: usize,
    pub sentences: usize,
    pub sentences_in_paragraphs: usize,
    pub labelled: usize,
    pub labelled_citations: usize,
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
    pub unmatched: usize,
    pub lost: usize,
}

impl Totals {
    pub fn add(&mut self, s: &PageScore) {
        self.pages += 1;
        self.pages_kept += usize::from(s.kept_all_prose());
        self.pages_in_paragraphs += usize::from(s.body_in_paragraphs());
        self.sentences += s.sentences;
        self.sentences_in_paragraphs += s.sentences_in_paragraphs;
        self.labelled += s.labelled;
        self.labelled_citations += s.labelled_citations;
        self.tp += s.tp;
        self.fp += s.fp;
        self.fn_ += s.fn_;
        self.unmatched += s.unmatched;
        self.lost += s.lost;
    }

    /// None when nothing was predicted a citation.
    pub fn precision(&self) -> Option<f64> {
        let made = self.tp + self.fp + self.unmatched;
        (made > 0).then(|| self.tp as f64 / made as f64)
    }

    /// None when nothing is labelled a citation.
    pub fn recall(&self) -> Option<f64> {
        (self.labelled_citations > 0).then(|| self.tp as f64 / self.labelled_citations as f64)
    }
}

fn ratio(r: Option<f64>) -> String {
    r.map_or_else(|| "   -".to_string(), |r| format!("{r:.2}"))
}

/// The report the bench prints (and the test shows): per site, then overall.
pub fn report(scores: &[PageScore]) -> String {
    let mut sites: Vec<(String, Totals)> = Vec::new();
    let mut all = Totals::default();
    for s in scores {
        all.add(s);
        match sites.iter_mut().find(|(site, _)| *site == s.site) {
            Some((_, t)) => t.add(s),
            None => {
                let mut t = Totals::default();
                t.add(s);
                sites.push((s.site.clone(), t));
            }
        }
    }
    let mut out = format!(
        "{:<52} {:>5} {:>6} {:>5} {:>3} {:>3} {:>3} {:>5} {:>4} {:>5} {:>6} {:>9} {:>13}\n",
        "site",
        "pages",
        "parens",
        "cited",
        "tp",
        "fp",
        "fn",
        "extra",
        "lost",
        "prec",
        "recall",
        "all prose",
        "body in paras"
    );
    let row = |name: &str, t: &Totals| {
        format!(
            "{:<52} {:>5} {:>6} {:>5} {:>3} {:>3} {:>3} {:>5} {:>4} {:>5} {:>6} {:>9} {:>13}\n",
            name,
            t.pages,
            t.labelled,
            t.labelled_citations,
            t.tp,
            t.fp,
            t.fn_,
            t.unmatched,
            t.lost,
            ratio(t.precision()),
            ratio(t.recall()),
            format!("{}/{}", t.pages_kept, t.pages),
            format!(
                "{}/{} {:>3.0}%",
                t.pages_in_paragraphs,
                t.pages,
                100.0 * t.sentences_in_paragraphs as f64 / t.sentences.max(1) as f64
            ),
        )
    };
    for (site, t) in &sites {
        out.push_str(&row(site, t));
    }
    out.push_str(&row("ALL", &all));
    out.push_str(&format!(
        "precision {} recall {} (goal >= 0.98 each); pages that kept all their prose: {}/{} (goal: all)\n",
        ratio(all.precision()),
        ratio(all.recall()),
        all.pages_kept,
        all.pages
    ));
    out.push_str(&format!(
        "body prose in the article's paragraphs (not related, news line or warnings): {}/{} pages, {}/{} sentences\n",
        all.pages_in_paragraphs, all.pages, all.sentences_in_paragraphs, all.sentences
    ));
    let absent: usize = scores.iter().map(|s| s.body_not_in_page).sum();
    if absent > 0 {
        out.push_str(&format!(
            "({absent} paragraphs of the sources' article text are not on the scraped pages: not scored)\n"
        ));
    }
    for s in scores.iter().filter(|s| !s.kept_all_prose()) {
        out.push_str(&format!(
            "{}: {}/{} sentences kept; missing e.g. {:?}\n",
            s.file,
            s.sentences_kept,
            s.sentences,
            s.missing
                .first()
                .map(|m| m.chars().take(90).collect::<String>())
        ));
    }
    out
}
