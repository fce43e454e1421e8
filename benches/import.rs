//! Import throughput: `cargo bench --bench import`.
//!
//! Prints MB/s for (a) many pages, the seed page over and over, as `folio
//! import` does them one by one, and (b) one page grown to the same size, to
//! show that a single parse is linear in its input: the rate must not fall as
//! the size doubles. Then (c) a generated 1,000-item RSS feed, read and made
//! into news-line entries: the issue asks for under a second.

use std::hint::black_box;
use std::time::Instant;

use folio::import::feed::{news_entries, parse_feed};
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

/// An RSS 2.0 feed of `n` items, each with a link, a date, a teaser and a
/// full text in `content:encoded`, as news sites publish them.
fn rss_feed(n: usize) -> String {
    let mut feed = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Bench</title><link>https://bench.example.org/</link>"#,
    );
    for i in 0..n {
        feed.push_str(&format!(
            "<item><title>Headline number {i} &amp;amp; more</title><link>https://bench.example.org/{i}</link>\
             <pubDate>Wed, {:02} Jun 2020 {:02}:{:02}:00 +0400</pubDate><description>Teaser {i}</description>\
             <content:encoded><![CDATA[<p>Paragraph one of item {i}.</p><p>Paragraph two (<a href=\"https://x/{i}\">X</a>, May 23).</p>]]></content:encoded></item>",
            1 + i % 28,
            i % 24,
            i % 60
        ));
    }
    feed + "</channel></rss>"
}

fn feed_bench() {
    let feed = rss_feed(1_000);
    let start = Instant::now();
    let parsed = parse_feed(black_box(feed.as_bytes()), None).expect("the generated feed parses");
    let (entries, warnings) = news_entries(&parsed);
    let seconds = start.elapsed().as_secs_f64();
    assert_eq!((entries.len(), warnings.len()), (1_000, 0));
    println!(
        "{:>28} {:>9.1} {:>9.3} {:>9.1}   (limit: 1 s)",
        "RSS feed, 1,000 items",
        mb(feed.len()),
        seconds,
        mb(feed.len()) / seconds
    );
}

fn main() {
    println!(
        "folio import throughput (release build; seed page is {} bytes)",
        SEED.len()
    );
    println!("{:>28} {:>9} {:>9} {:>9}", "input", "MB", "seconds", "MB/s");
    feed_bench();
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
