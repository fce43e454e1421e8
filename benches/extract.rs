//! Article extraction, measured: `cargo bench --bench extract -- PAGES_DIR`.
//!
//! PAGES_DIR holds `ground-truth.json` ({KEY: {articleBody, url}}) and
//! `html/KEY.html.gz` (pages as served, in their own charsets), like
//! `../shared/extraction-bench/`. Each extractor reads every page (decoded by
//! folio's `decode`) and is scored as the benchmark defines it (see
//! `score` below): body F1, precision, recall, and pages per second on one
//! core. The extractors are the crates that were candidates for folio's
//! extraction and folio's own `import_html`, scored on what it puts in the
//! bundle (paragraphs, citation markers counted as their raw text).
//!
//! Options: `--predictions DIR` writes each extractor's output as
//! `DIR/NAME.json` in the shape `score.py` reads (to cross-check the score);
//! `--pages` prints per-page precision and recall.
//!
//! rs-trafilatura, the candidate not chosen, is built only with
//! `--features compare-extractors` (it brings a second HTML parser, which
//! every `cargo test` would otherwise compile):
//! `cargo bench --bench extract --features compare-extractors -- PAGES_DIR`.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use std::time::Instant;

use folio::import::decode::decode;
use folio::import::html::{body_text, import_html};
use regex::Regex;

static TOKEN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\w+").expect("fixed regex"));

/// Shingles (runs of 4 tokens) of a text, with their counts; a text of
/// fewer than 4 tokens is one shingle, an empty one has none.
fn shingles(text: &str) -> HashMap<Vec<&str>, i64> {
    let tokens: Vec<&str> = TOKEN.find_iter(text).map(|m| m.as_str()).collect();
    let mut out = HashMap::new();
    if tokens.is_empty() {
        return out;
    }
    let n = tokens.len().saturating_sub(3).max(1);
    for i in 0..n {
        let end = (i + 4).min(tokens.len());
        *out.entry(tokens[i..end].to_vec()).or_insert(0) += 1;
    }
    out
}

/// One page's tp, fp, fn as fractions of their sum (0, 0, 0 if both empty).
fn page_score(truth: &str, predicted: &str) -> (f64, f64, f64) {
    let a = shingles(truth);
    let b = shingles(predicted);
    let (mut tp, mut fp, mut fn_) = (0i64, 0i64, 0i64);
    for (k, &na) in &a {
        let nb = b.get(k).copied().unwrap_or(0);
        tp += na.min(nb);
        fn_ += (na - nb).max(0);
    }
    for (k, &nb) in &b {
        let na = a.get(k).copied().unwrap_or(0);
        fp += (nb - na).max(0);
    }
    let sum = (tp + fp + fn_) as f64;
    if sum == 0.0 {
        (0.0, 0.0, 0.0)
    } else {
        (tp as f64 / sum, fp as f64 / sum, fn_ as f64 / sum)
    }
}

/// F1, precision, recall over pages, each page weighing the same.
fn score(rows: &[Row]) -> (f64, f64, f64) {
    let n = rows.len().max(1) as f64;
    let tp = rows.iter().map(|r| r.0).sum::<f64>() / n;
    let fp = rows.iter().map(|r| r.1).sum::<f64>() / n;
    let fn_ = rows.iter().map(|r| r.2).sum::<f64>() / n;
    let p = if tp + fp > 0.0 { tp / (tp + fp) } else { 0.0 };
    let r = if tp + fn_ > 0.0 { tp / (tp + fn_) } else { 0.0 };
    let f1 = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (f1, p, r)
}

struct Page {
    key: String,
    url: String,
    truth: String,
    bytes: Vec<u8>,
}

fn load(dir: &Path) -> Result<Vec<Page>, String> {
    let gt_path = dir.join("ground-truth.json");
    let gt_text =
        std::fs::read_to_string(&gt_path).map_err(|e| format!("{}: {e}", gt_path.display()))?;
    let gt: serde_json::Value =
        serde_json::from_str(&gt_text).map_err(|e| format!("{}: {e}", gt_path.display()))?;
    let Some(gt) = gt.as_object() else {
        return Err(format!("{}: not an object", gt_path.display()));
    };
    let mut keys: Vec<&String> = gt.keys().collect();
    keys.sort();
    let mut pages = Vec::new();
    for key in keys {
        let path = dir.join("html").join(format!("{key}.html.gz"));
        let file = std::fs::File::open(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(file)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        let field = |f: &str| gt[key][f].as_str().unwrap_or("").to_string();
        pages.push(Page {
            key: key.clone(),
            url: field("url"),
            truth: field("articleBody"),
            bytes,
        });
    }
    Ok(pages)
}

type Extractor = fn(&str, &str) -> String;

/// One page's (tp, fp, fn), as fractions of their sum.
type Row = (f64, f64, f64);

#[cfg(feature = "compare-extractors")]
fn rs_trafilatura(html: &str, url: &str) -> String {
    let options = rs_trafilatura::Options {
        url: Some(url.to_string()),
        ..rs_trafilatura::Options::default()
    };
    rs_trafilatura::extract_with_options(html, &options)
        .map(|r| r.content_text)
        .unwrap_or_default()
}

fn dom_smoothie(html: &str, url: &str) -> String {
    let readability = dom_smoothie::Readability::new(html, Some(url), None)
        .or_else(|_| dom_smoothie::Readability::new(html, None, None));
    readability
        .ok()
        .and_then(|mut r| r.parse().ok())
        .map(|a| a.text_content.to_string())
        .unwrap_or_default()
}

fn folio(html: &str, url: &str) -> String {
    import_html(html, Some(url))
        .map(|p| body_text(&p.article))
        .unwrap_or_default()
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let mut dir = None;
    let mut predictions: Option<PathBuf> = None;
    let mut per_page = false;
    let mut only: Option<String> = None;
    let mut it = args.into_iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--predictions" => predictions = it.next().map(PathBuf::from),
            "--pages" => per_page = true,
            "--only" => only = it.next(),
            _ => dir = Some(PathBuf::from(arg)),
        }
    }
    let Some(dir) = dir else {
        println!(
            "usage: cargo bench --bench extract -- PAGES_DIR [--predictions DIR] [--pages] [--only NAME]\n\
             PAGES_DIR holds ground-truth.json and html/KEY.html.gz (e.g. ../shared/extraction-bench)"
        );
        return;
    };
    let pages = match load(&dir) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("extract bench: {e}");
            std::process::exit(2);
        }
    };
    let extractors: Vec<(&str, Extractor)> = vec![
        #[cfg(feature = "compare-extractors")]
        ("rs-trafilatura 0.2.2", rs_trafilatura),
        ("dom_smoothie 0.19", dom_smoothie),
        ("folio import_html", folio),
    ];
    if cfg!(not(feature = "compare-extractors")) {
        println!("(rs-trafilatura: run with --features compare-extractors)");
    }
    println!(
        "{} pages from {} (decoded by folio's decode; one core)",
        pages.len(),
        dir.display()
    );
    println!(
        "{:<22} {:>6} {:>9} {:>7} {:>9}",
        "extractor", "F1", "precision", "recall", "pages/s"
    );
    let mut per: Vec<(String, Vec<Row>)> = Vec::new();
    for (name, extract) in extractors {
        if only.as_deref().is_some_and(|o| !name.contains(o)) {
            continue;
        }
        let started = Instant::now();
        let outputs: Vec<String> = pages
            .iter()
            .map(|p| extract(&decode(&p.bytes, None).text, &p.url))
            .collect();
        let seconds = started.elapsed().as_secs_f64();
        let rows: Vec<Row> = pages
            .iter()
            .zip(&outputs)
            .map(|(p, o)| page_score(&p.truth, o))
            .collect();
        let (f1, precision, recall) = score(&rows);
        println!(
            "{name:<22} {f1:>6.3} {precision:>9.3} {recall:>7.3} {:>9.1}",
            pages.len() as f64 / seconds
        );
        if let Some(out) = &predictions {
            let json: serde_json::Map<String, serde_json::Value> = pages
                .iter()
                .zip(&outputs)
                .map(|(p, o)| (p.key.clone(), serde_json::json!({ "articleBody": o })))
                .collect();
            let file = out.join(format!("{}.json", name.split(' ').next().unwrap_or(name)));
            let written = std::fs::create_dir_all(out)
                .and_then(|()| std::fs::write(&file, serde_json::Value::Object(json).to_string()));
            if let Err(e) = written {
                eprintln!("extract bench: {}: {e}", file.display());
            }
        }
        per.push((name.to_string(), rows));
    }
    if per_page {
        println!();
        print!("{:<10}", "page");
        for (name, _) in &per {
            print!(
                " {:>24}",
                format!("{} P/R", name.split(' ').next().unwrap_or(""))
            );
        }
        println!();
        for (i, page) in pages.iter().enumerate() {
            print!("{:<10}", &page.key[..8.min(page.key.len())]);
            for (_, rows) in &per {
                let (tp, fp, fn_) = rows[i];
                let p = if tp + fp > 0.0 { tp / (tp + fp) } else { 0.0 };
                let r = if tp + fn_ > 0.0 { tp / (tp + fn_) } else { 0.0 };
                print!(" {:>24}", format!("{p:.2}/{r:.2}"));
            }
            println!();
        }
    }
}
