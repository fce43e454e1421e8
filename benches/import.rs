//! Import throughput: `cargo bench --bench import`.
//!
//! Prints MB/s for (a) many pages, the seed page over and over, as `folio
//! import` does them one by one, and (b) one page grown to the same size, to
//! show that a single parse is linear in its input: the rate must not fall as
//! the size doubles.

use std::hint::black_box;
use std::time::Instant;

use folio::import::{build_bundle, import_page, to_json};

const SEED: &str = include_str!("../sample-data/seed-page.txt");

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1_000_000.0
}

/// One page: the seed's title and header, then its paragraphs repeated to
/// about `target` bytes, then its closing block and news line.
fn big_page(target: usize) -> String {
    let lines: Vec<&str> = SEED.lines().collect();
    let head = lines[..4].join("\n");
    let body = lines[4..19].join("\n");
    let tail = lines[19..].join("\n");
    let mut page = head + "\n";
    while page.len() < target {
        page.push_str(&body);
        page.push_str("\n\n");
    }
    page + &tail
}

fn main() {
    println!(
        "folio import throughput (release build; seed page is {} bytes)",
        SEED.len()
    );
    println!("{:>28} {:>9} {:>9} {:>9}", "input", "MB", "seconds", "MB/s");
    for target in [6_250_000, 12_500_000, 25_000_000, 50_000_000] {
        let copies = target / SEED.len() + 1;
        let start = Instant::now();
        let pages: Vec<_> = (0..copies).map(|_| import_page(black_box(SEED))).collect();
        let parse = start.elapsed().as_secs_f64();
        let bundle = build_bundle(&pages[..copies.min(200)], None);
        black_box(to_json(&bundle));
        let size = copies * SEED.len();
        println!(
            "{:>28} {:>9.1} {:>9.3} {:>9.1}",
            format!("{copies} pages"),
            mb(size),
            parse,
            mb(size) / parse
        );
    }
    for target in [6_250_000, 12_500_000, 25_000_000, 50_000_000] {
        let page = big_page(target);
        let start = Instant::now();
        let imported = import_page(black_box(&page));
        let parse = start.elapsed().as_secs_f64();
        black_box(&imported);
        println!(
            "{:>28} {:>9.1} {:>9.3} {:>9.1}",
            format!("one page, {} paragraphs", imported.article.paragraphs.len()),
            mb(page.len()),
            parse,
            mb(page.len()) / parse
        );
    }
}
