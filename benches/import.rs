//! Import throughput: `cargo bench --bench import`.
//!
//! Prints MB/s for (a) many pages, the seed page over and over, as `folio
//! import` does them one by one, and (b) one page grown to the same size, to
//! show that a single parse is linear in its input: the rate must not fall as
//! the size doubles (the last column compares it with the smallest page's).
//! Then (c) a generated 1,000-item RSS feed, read and made into news-line
//! entries: the issue asks for under a second.
//!
//! Each rate is given by the wall clock and by the CPU time the importing
//! thread ran (Linux), the fastest of three runs: on a machine shared with
//! other builds the wall clock counts their turns too, the CPU time does not.

use std::hint::black_box;
use std::time::Instant;

use folio::import::feed::{news_entries, parse_feed};
use folio::import::{build_bundle, import_page, to_json};

const SEED: &str = include_str!("../sample-data/seed-page.txt");

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1_000_000.0
}

/// The CPU time this thread has run, in seconds, where Linux says.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(ns as f64 / 1e9)
}

/// Wall and CPU seconds of `f`, and what it returned.
fn timed<T>(f: impl FnOnce() -> T) -> (T, f64, Option<f64>) {
    let cpu = cpu_seconds();
    let start = Instant::now();
    let out = f();
    let wall = start.elapsed().as_secs_f64();
    let cpu = cpu.zip(cpu_seconds()).map(|(a, b)| b - a);
    (out, wall, cpu)
}

/// How many times each import is run; the fastest run is shown (other
/// work on the machine only ever slows a run down).
const RUNS: usize = 3;

/// [`timed`], the fastest of [`RUNS`] runs.
fn fastest<T>(mut f: impl FnMut() -> T) -> (T, f64, Option<f64>) {
    let (mut out, mut wall, mut cpu) = timed(&mut f);
    for _ in 1..RUNS {
        let (o, w, c) = timed(&mut f);
        out = o;
        wall = wall.min(w);
        cpu = cpu.zip(c).map(|(a, b)| a.min(b));
    }
    (out, wall, cpu)
}

/// One row: the input, its size, seconds and MB/s by the wall clock and by
/// CPU time, and a note.
fn row(input: &str, bytes: usize, wall: f64, cpu: Option<f64>, note: &str) {
    let (cpu_s, cpu_rate) = match cpu {
        Some(c) => (format!("{c:.3}"), format!("{:.1}", mb(bytes) / c)),
        None => ("-".into(), "-".into()),
    };
    println!(
        "{input:>28} {:>7.1} {wall:>8.3} {:>7.1} {cpu_s:>8} {cpu_rate:>7}{}",
        mb(bytes),
        mb(bytes) / wall,
        if note.is_empty() {
            String::new()
        } else {
            format!("   {note}")
        }
    );
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
    let ((entries, warnings), wall, cpu) = timed(|| {
        let parsed =
            parse_feed(black_box(feed.as_bytes()), None).expect("the generated feed parses");
        news_entries(&parsed)
    });
    assert_eq!((entries.len(), warnings.len()), (1_000, 0));
    row(
        "RSS feed, 1,000 items",
        feed.len(),
        wall,
        cpu,
        "(limit: 1 s)",
    );
}

fn main() {
    println!(
        "folio import throughput (release build; seed page is {} bytes)",
        SEED.len()
    );
    println!(
        "{:>28} {:>7} {:>8} {:>7} {:>8} {:>7}",
        "input", "MB", "wall s", "MB/s", "CPU s", "MB/s"
    );
    feed_bench();
    for target in [6_250_000, 12_500_000, 25_000_000, 50_000_000] {
        let copies = target / SEED.len() + 1;
        let (pages, wall, cpu) = fastest(|| {
            (0..copies)
                .map(|_| import_page(black_box(SEED)))
                .collect::<Vec<_>>()
        });
        let bundle = build_bundle(&pages[..copies.min(200)], None);
        black_box(to_json(&bundle));
        row(
            &format!("{copies} pages"),
            copies * SEED.len(),
            wall,
            cpu,
            "",
        );
    }
    // The rate of the smallest page, which the larger ones are compared with.
    let mut first: Option<f64> = None;
    for target in [6_250_000, 12_500_000, 25_000_000, 50_000_000] {
        let page = big_page(target);
        let (imported, wall, cpu) = fastest(|| import_page(black_box(&page)));
        let rate = mb(page.len()) / cpu.unwrap_or(wall);
        let base = *first.get_or_insert(rate);
        row(
            &format!("one page, {} paragraphs", imported.article.paragraphs.len()),
            page.len(),
            wall,
            cpu,
            &format!("{:.2}x the first page's rate", rate / base),
        );
        black_box(imported);
    }
}
