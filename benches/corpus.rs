//! The citation recogniser and prose keeping, measured on real scraped pages:
//! `cargo bench --bench corpus`.
//!
//! Reads `tests/corpus/pages/*.txt` (public pages as scraped, see
//! `tests/corpus/SOURCES.md`) and their hand labels in
//! `tests/corpus/labels.json`, imports each page with
//! `folio::import::import_page`, and prints per site and overall: the
//! parentheticals labelled, the recogniser's precision and recall (a
//! parenthetical predicted a citation is one that became `[^N]` markers), and
//! how many pages kept all their prose. `--pages` adds a line per page;
//! `--show FILE` prints what one page became (paragraphs, citations,
//! warnings) and the sentences it lost. How
//! each figure is counted: `tests/corpus/score.rs`.

#[path = "../tests/corpus/score.rs"]
mod score;

use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let per_page = args.iter().any(|a| a == "--pages");
    let show = args
        .iter()
        .position(|a| a == "--show")
        .and_then(|i| args.get(i + 1));
    let labels = match score::load() {
        Ok(labels) => labels,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    for problem in score::problems(&labels) {
        eprintln!("labels: {problem}");
    }
    if let Some(file) = show {
        let Some(page) = labels.pages.iter().find(|p| &p.file == file) else {
            eprintln!("no page {file} in labels.json");
            std::process::exit(2);
        };
        let text = score::read_page(page).unwrap_or_else(|e| {
            eprintln!("{e}");
            std::process::exit(2);
        });
        let imported = folio::import::import_page(&text);
        println!("title: {}", imported.article.title);
        for (i, p) in imported.article.paragraphs.iter().enumerate() {
            println!("[{i}] {p}");
        }
        for c in &imported.article.citations {
            println!("[^{}] {:?}", c.id, c.raw);
        }
        for r in &imported.article.related {
            println!("related: {r}");
        }
        println!("news line: {} entries", imported.news_line.len());
        for w in &imported.warnings {
            println!("warning {}:{}: {}", w.line, w.column, w.message);
        }
        let s = score::score_page(page, &text);
        for m in &s.missing {
            println!("missing: {m}");
        }
        return;
    }
    let start = Instant::now();
    let scores = match score::score_all(&labels) {
        Ok(scores) => scores,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let took = start.elapsed();
    if per_page {
        for s in &scores {
            println!(
                "{:<26} parens {:>3} cited {:>2} tp {:>2} fp {:>2} fn {:>2} extra {:>2} lost {:>2} sentences {:>3}/{:<3}",
                s.file,
                s.labelled,
                s.labelled_citations,
                s.tp,
                s.fp,
                s.fn_,
                s.unmatched,
                s.lost,
                s.sentences_kept,
                s.sentences
            );
        }
        println!();
    }
    print!("{}", score::report(&scores));
    println!(
        "{} pages imported in {:.1} ms",
        scores.len(),
        took.as_secs_f64() * 1000.0
    );
}
