//! Huge bundles: `cargo bench --bench huge`.
//!
//! Generates a bundle of about 100 MB (20,000 articles, 200,000 news-line
//! entries, one article of about 5 MB with 10,000 citations), writes it to a
//! temporary file and prints: load time, time to the first frame, peak memory,
//! time per keypress (line and page scroll, jump to end, resize), time to open
//! the 5 MB article. Figures are printed, not asserted. With `-- --generate
//! PATH` it only writes the bundle to PATH.

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::{Duration, Instant};

use folio::action::Action;
use folio::app::{App, Init, Msg, Settings};
use folio::bundle::load_file;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

#[path = "../tests/common/mod.rs"]
mod common;
use common::pty::Session;

const ARTICLES: usize = 20_000;
const NEWS: usize = 200_000;
const BIG_CITATIONS: usize = 10_000;

fn paragraph(i: usize, words: usize) -> String {
    let mut p = String::new();
    for w in 0..words {
        let _ = write!(p, "word{} ", (i * 7 + w * 13) % 997);
    }
    p.trim_end().to_string()
}

fn generate() -> String {
    let mut s = String::with_capacity(110_000_000);
    s.push_str("{\n  \"format\": \"folio-bundle/1\",\n  \"id\": \"huge\",\n  \"articles\": [\n");
    // The big one: ~5 MB, 10,000 citations.
    s.push_str("    {\"id\": \"big\", \"title\": \"The big article\", \"published\": \"2025-07-05T10:00:00\", \"paragraphs\": [");
    for p in 0..BIG_CITATIONS {
        if p > 0 {
            s.push(',');
        }
        let _ = write!(
            s,
            "\n      \"{}[^{}] {}\"",
            paragraph(p, 40),
            p + 1,
            paragraph(p + 1, 35)
        );
    }
    s.push_str("\n    ], \"citations\": [");
    for c in 0..BIG_CITATIONS {
        if c > 0 {
            s.push(',');
        }
        let _ = write!(
            s,
            "\n      {{\"id\": \"{}\", \"source\": \"Source {}\", \"date\": \"2024-{:02}-{:02}\"}}",
            c + 1,
            c % 300,
            c % 12 + 1,
            c % 28 + 1
        );
    }
    s.push_str("\n    ]}");
    for a in 1..ARTICLES {
        let _ = write!(
            s,
            ",\n    {{\"id\": \"a{a}\", \"title\": \"Article number {a}\", \"paragraphs\": [\"{}\", \"{}\", \"{}\", \"{}\"], \"citations\": [{{\"id\": \"1\", \"source\": \"S\"}}], \"related\": []}}",
            paragraph(a, 80) + "[^1]",
            paragraph(a + 1, 80),
            paragraph(a + 2, 70),
            paragraph(a + 3, 70)
        );
    }
    s.push_str("\n  ],\n  \"news_line\": [");
    for n in 0..NEWS {
        if n > 0 {
            s.push(',');
        }
        let minute = NEWS - n;
        let article = if n == 0 {
            "\"big\"".to_string()
        } else if n % 10 == 0 {
            format!("\"a{}\"", n % (ARTICLES - 1) + 1)
        } else {
            "null".into()
        };
        let _ = write!(
            s,
            "\n    {{\"time\": \"2025-{:02}-{:02}T{:02}:{:02}:00\", \"headline\": \"Headline number {n} about {}\", \"article\": {article}}}",
            (minute / 40_000) % 12 + 1,
            (minute / 1440) % 28 + 1,
            (minute / 60) % 24,
            minute % 60,
            paragraph(n, 6)
        );
    }
    s.push_str("\n  ]\n}\n");
    s
}

fn peak_rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

/// The shipped binary in a pseudo-terminal at 120x40 (the tests' harness,
/// `tests/common/pty.rs`): time from start until the first frame has been
/// written (the article's title is on the wire), and the process's peak
/// memory (VmHWM) at that point.
fn real_binary(path: &std::path::Path) {
    let start = Instant::now();
    let mut s = Session::start(&[&path.to_string_lossy()], 120, 40);
    let pid = s.child.process_id().unwrap_or(0);
    let mut shown = false;
    while !shown && start.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_millis(2));
        shown = s.raw_text().contains("The big article");
    }
    let first_ms = start.elapsed().as_secs_f64() * 1000.0;
    let field = |name: &str| common::ssh::proc_kib(pid, name) as f64 / 1024.0;
    let (hwm, rss) = (field("VmHWM:"), field("VmRSS:"));
    let size = std::fs::metadata(path).map_or(0.0, |m| m.len() as f64 / (1024.0 * 1024.0));
    if shown {
        println!(
            "the binary, 120x40: first frame {first_ms:.0} ms after start; peak memory {hwm:.0} MiB ({:.2} x the file's {size:.0} MiB), {rss:.0} MiB after the first frame",
            hwm / size
        );
    } else {
        println!("the binary showed no first frame within 30 s");
    }
    s.send("q");
    s.wait_exit();
}

/// `folio check` on the bundle, as a user runs it.
fn check_time(path: &std::path::Path) {
    let start = Instant::now();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_folio"))
        .arg("check")
        .arg(path)
        .output()
        .expect("folio check runs");
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    let stdout = String::from_utf8_lossy(&out.stdout);
    println!(
        "folio check: {ms:.0} ms ({})",
        stdout.lines().last().unwrap_or("no output")
    );
}

fn draw(app: &App) {
    let mut buf = Buffer::empty(app.area());
    folio::ui::draw(app, app.area(), &mut buf);
    black_box(&buf);
}

fn timed<T>(f: impl FnOnce() -> T) -> (T, f64) {
    let start = Instant::now();
    let out = f();
    (out, start.elapsed().as_secs_f64() * 1000.0)
}

/// Mean and worst time of `times` presses of `action`, update + draw.
fn per_key(app: &mut App, action: impl Into<Msg> + Clone, times: usize) -> String {
    let mut worst: f64 = 0.0;
    let mut sum = 0.0;
    for _ in 0..times {
        let ((), ms) = timed(|| {
            app.update(action.clone());
            draw(app);
        });
        worst = worst.max(ms);
        sum += ms;
    }
    format!("mean {:.3} ms, worst {worst:.3} ms", sum / times as f64)
}

fn main() {
    // `cargo bench --bench huge -- --generate PATH`: only write the bundle
    // there (to time `folio check` or try the reader on it), and stop.
    let args: Vec<String> = std::env::args().collect();
    if let Some(at) = args.iter().position(|a| a == "--generate") {
        let Some(path) = args.get(at + 1) else {
            eprintln!("--generate needs a path");
            std::process::exit(2);
        };
        std::fs::write(path, generate()).expect("write");
        return;
    }
    let (text, gen_ms) = timed(generate);
    let dir = tempfile::tempdir().expect("tempdir");
    // FOLIO_HUGE_KEEP=path keeps the bundle there, to try the reader on it.
    let path = std::env::var_os("FOLIO_HUGE_KEEP")
        .map_or_else(|| dir.path().join("huge.json"), std::path::PathBuf::from);
    std::fs::write(&path, &text).expect("write");
    println!(
        "generated {:.1} MB in {gen_ms:.0} ms ({ARTICLES} articles, {NEWS} news-line entries, one article of {} citations)",
        text.len() as f64 / 1e6,
        BIG_CITATIONS
    );
    drop(text);
    real_binary(&path);
    check_time(&path);

    let (bundle, load_ms) = timed(|| load_file(&path, u64::MAX).expect("loads"));
    let area = Rect::new(0, 0, 120, 40);
    let ((), first_ms) = timed(|| {
        let app = App::new(Init::new(bundle, Settings::default(), area));
        draw(&app);
        black_box(app);
    });
    println!("load (read + parse + validate): {load_ms:.0} ms");
    println!(
        "first frame after load (layout + draw): {first_ms:.0} ms; time to first frame: {:.0} ms",
        load_ms + first_ms
    );

    let bundle = load_file(&path, u64::MAX).expect("loads");
    let mut app = App::new(Init::new(
        bundle,
        Settings::default(),
        Rect::new(0, 0, 200, 60),
    ));
    println!(
        "per keypress, 200x60, in the first article, the 5 MB one ({} lines), update + draw:",
        app.layout().lines.len()
    );
    println!("  line down  {}", per_key(&mut app, Action::LineDown, 200));
    println!("  page down  {}", per_key(&mut app, Action::PageDown, 50));
    println!("  jump to end {}", per_key(&mut app, Action::Bottom, 5));
    println!("  jump to top {}", per_key(&mut app, Action::Top, 5));
    for _ in 0..3 {
        app.update(Action::PageDown);
    }
    println!(
        "  resize to 100x30 {}",
        per_key(&mut app, Msg::Resize(100, 30), 1)
    );
    println!(
        "  resize to 200x60 {}",
        per_key(&mut app, Msg::Resize(200, 60), 1)
    );
    app.update(Action::SwitchPane);
    println!(
        "  news line: line down {}; page down {}; end {}",
        per_key(&mut app, Action::LineDown, 200),
        per_key(&mut app, Action::PageDown, 50),
        per_key(&mut app, Action::Bottom, 5)
    );
    // Open a small article from the news line, then go back to the big one.
    app.update(Action::Top);
    app.update(Action::LineDown);
    while app.bundle().news_line[app.news_selected()]
        .article
        .is_none()
    {
        app.update(Action::LineDown);
    }
    let (_, small_ms) = timed(|| {
        app.update(Action::Follow);
        draw(&app);
    });
    let (_, big_ms) = timed(|| {
        app.update(Action::JumpBack);
        draw(&app);
    });
    println!(
        "open a small article from the news line: {small_ms:.1} ms; back to the 5 MB one: {big_ms:.0} ms"
    );
    println!(
        "  in the 5 MB one: next citation {}",
        per_key(&mut app, Action::NextCitation, 50)
    );
    // A query found everywhere: typing it, then n.
    app.update(Action::SearchForward);
    let typed = per_key(&mut app, Action::PromptChar('w'), 1);
    let more = per_key(&mut app, Action::PromptChar('o'), 1);
    app.update(Action::PromptAccept);
    println!(
        "  search in the 5 MB one, {} matches: typing w {typed}; o {more}; n {}",
        app.search().as_ref().map_or(0, |s| s.matches.len()),
        per_key(&mut app, Action::SearchNext, 20)
    );
    // The search of every article (S): a word everywhere (the list stops
    // at 1,000), a word nowhere (the whole bundle read), update + draw.
    for (what, query) in [("found everywhere", "word1"), ("found nowhere", "zqxj")] {
        let (_, ms) = timed(|| {
            app.update(Action::SearchBundle);
            app.update(Action::PromptToStart);
            for c in query.chars() {
                app.update(Action::PromptChar(c));
            }
            app.update(Action::PromptAccept);
            draw(&app);
        });
        let listed = match app.overlay() {
            Some(folio::app::Overlay::Results(r)) => r.counter(),
            _ => "none".into(),
        };
        println!("search of every article, a word {what}: {ms:.0} ms ({listed})");
        app.update(Action::Close);
    }
    println!("peak memory (RSS): {:.0} MB", peak_rss_mb());
}
