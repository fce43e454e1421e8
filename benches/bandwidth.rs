//! Bytes on the wire: `cargo bench --bench bandwidth`.
//!
//! Runs the release binary in a pseudo-terminal at 80x24 and 120x40 on the
//! seed article, replays a scripted reading session and counts the bytes
//! written for each step, for folio's lean renderer in a terminal without
//! left/right margins (VTE, kitty, tmux) and in one with them (xterm, iTerm2,
//! WezTerm), for `--render plain` (ratatui's diff), for `--low-bandwidth`,
//! and for `less` on folio's own plain-text rendering of the article at the
//! same width. Prints per-step medians and ratios, checks that an idle folio
//! writes nothing, and that the screen after all the incremental frames
//! equals a full repaint (Ctrl-L), through a vt100 emulator (with margins
//! added), all by the tests' pty harness, `tests/common/pty.rs`.
//!
//! Then each layout (`--layout auto|beside|single|below`) at 80x24 and
//! 120x40: one-line scroll, page, news-line move and the switch to the next
//! layout (`v`), with and without margins, beside less at the full width,
//! and how many one-line scrolls moved the text with a scroll region
//! (`cargo bench --bench bandwidth -- layouts` runs this part alone).

use std::time::{Duration, Instant};

use folio::bundle::{EMBEDDED_SEED, load_bundle};
use folio::footnotes::Notes;
use folio::glyphs::Glyphs;
use folio::layout::article::{DEFAULT_MEASURE, LayoutOptions, layout_article};

#[path = "../tests/common/mod.rs"]
mod common;
use common::pty::Session;

/// The steps of the reading session and the bytes each one took.
type Steps = Vec<(&'static str, usize)>;

/// The part of the session folio and less share: 20 × j, 5 × k, 5 pages
/// down, 2 up.
/// `lines`: the keys that move one line (`j`/`k`; `Ctrl-e`/`Ctrl-y` under
/// `--low-bandwidth`, where `j` and `k` move a page).
fn scrolling(s: &mut Session, steps: &mut Steps, lines: (&str, &str)) {
    for (name, key, times) in [
        ("line down", lines.0, 20),
        ("line up", lines.1, 5),
        ("page down", " ", 5),
        ("page up", "b", 2),
    ] {
        for _ in 0..times {
            steps.push((name, s.key(key)));
        }
    }
}

fn folio_session(
    args: &[&str],
    cols: u16,
    rows: u16,
    check: bool,
    knows_margins: bool,
) -> (Steps, Option<bool>, Option<usize>) {
    let config = tempfile::tempdir().expect("tempdir");
    let terminal: &[(&str, &str)] = if knows_margins {
        &[]
    } else {
        &[("TEST_TERMINAL", "no-margins")]
    };
    let mut s = Session::spawn_with(
        env!("CARGO_BIN_EXE_folio"),
        args,
        terminal,
        cols,
        rows,
        config.path(),
    );
    let mut steps: Steps = vec![("first frame", s.settle())];
    let idle = if check && cols == 80 {
        std::thread::sleep(Duration::from_secs(10));
        Some(s.settle())
    } else {
        None
    };
    let lines = if args.contains(&"--low-bandwidth") {
        ("\x05", "\x19")
    } else {
        ("j", "k")
    };
    scrolling(&mut s, &mut steps, lines);
    steps.push(("Tab to news line", s.key("\t")));
    for _ in 0..10 {
        steps.push(("news-line move (j)", s.key("j")));
    }
    steps.push(("Tab back", s.key("\t")));
    for _ in 0..5 {
        steps.push(("next citation (c)", s.key("c")));
    }
    for _ in 0..5 {
        steps.push(("previous citation (C)", s.key("C")));
    }
    s.resize(cols + 10, rows + 2);
    steps.push(("resize", s.settle()));
    steps.push(("help (h)", s.key("h")));
    steps.push(("close help (Esc)", s.key("\x1b")));
    let same = if check {
        let before = s.cells();
        s.key("\x0c");
        let after = s.cells();
        if before != after {
            for (i, (b, a)) in before.lines().zip(after.lines()).enumerate() {
                if b != a {
                    eprintln!("row {i} differs:\n  incremental: {b:?}\n  repainted:   {a:?}");
                }
            }
        }
        Some(before == after)
    } else {
        None
    };
    s.send("q");
    s.wait_exit();
    (steps, same, idle)
}

fn less_session(text_path: &std::path::Path, cols: u16, rows: u16) -> Steps {
    let path = text_path.to_string_lossy().to_string();
    let mut s = Session::start_program("less", &[&path], cols, rows);
    let mut steps: Steps = vec![("first frame", s.settle())];
    scrolling(&mut s, &mut steps, ("j", "k"));
    s.resize(cols + 10, rows + 2);
    steps.push(("resize", s.settle()));
    s.send("q");
    s.wait_exit();
    steps
}

fn median(steps: &Steps, name: &str) -> Option<usize> {
    let mut v: Vec<usize> = steps
        .iter()
        .filter(|(n, _)| *n == name)
        .map(|(_, b)| *b)
        .collect();
    if v.is_empty() {
        return None;
    }
    v.sort_unstable();
    Some(v[v.len() / 2])
}

/// folio's own plain-text rendering of the article at `width` columns.
fn article_text(width: usize) -> String {
    let bundle = load_bundle(EMBEDDED_SEED, "seed").expect("seed");
    let a = &bundle.articles[0];
    let opts = LayoutOptions::new(Glyphs::UNICODE, DEFAULT_MEASURE);
    layout_article(a, &Notes::number(a), width, opts).plain_text()
}

/// The encoder's own time per frame (CPU, in process): 60 one-line scrolls
/// down the seed article, with and without margins.
fn encoder_time() {
    use folio::action::Action;
    use folio::app::{App, Init, Settings};
    use folio::render::Encoder;
    use ratatui::{buffer::Buffer, layout::Rect};
    println!("\nencoder time per one-line scroll (mean / worst)");
    for (w, h) in [(80u16, 24u16), (120, 40), (200, 60)] {
        for margins in [false, true] {
            let bundle = load_bundle(EMBEDDED_SEED, "seed").expect("seed");
            let area = Rect::new(0, 0, w, h);
            let mut app = App::new(Init::new(bundle, Settings::default(), area));
            let mut enc = Encoder::new();
            enc.set_margins(margins);
            let mut times = Vec::new();
            for i in 0..61 {
                if i > 0 {
                    app.update(Action::LineDown);
                }
                let mut buf = Buffer::empty(area);
                folio::ui::draw(&app, area, &mut buf);
                let panes = folio::ui::panes(&app, area);
                let start = Instant::now();
                let bytes = enc.frame(&buf, &panes);
                if i > 0 {
                    times.push(start.elapsed());
                }
                std::hint::black_box(bytes);
            }
            let worst = times.iter().max().copied().unwrap_or_default();
            let mean = times.iter().sum::<Duration>() / times.len().max(1) as u32;
            println!(
                "  {w}x{h} {:<16} {:.3} ms / {:.3} ms",
                if margins {
                    "with margins"
                } else {
                    "without margins"
                },
                mean.as_secs_f64() * 1e3,
                worst.as_secs_f64() * 1e3
            );
        }
    }
}

/// Whether `bytes` scroll part of the screen (`CSI n S` / `CSI n T`).
fn scrolls(bytes: &str) -> bool {
    bytes.split("\x1b[").skip(1).any(|seq| {
        let n = seq.bytes().take_while(u8::is_ascii_digit).count();
        matches!(seq.as_bytes().get(n), Some(b'S' | b'T'))
    })
}

/// One layout's session: the bytes of each step, and how many of the
/// one-line scrolls used a scroll region.
fn layout_session(layout: &str, cols: u16, rows: u16, margins: bool) -> (Steps, usize) {
    let config = tempfile::tempdir().expect("tempdir");
    let terminal: &[(&str, &str)] = if margins {
        &[]
    } else {
        &[("TEST_TERMINAL", "no-margins")]
    };
    let mut s = Session::spawn_with(
        env!("CARGO_BIN_EXE_folio"),
        &["--layout", layout],
        terminal,
        cols,
        rows,
        config.path(),
    );
    let mut steps: Steps = vec![("first frame", s.settle())];
    let mut scrolled = 0;
    for (name, key, times) in [("line down", "j", 20), ("line up", "k", 5)] {
        for _ in 0..times {
            let from = s.raw_len();
            steps.push((name, s.key(key)));
            let raw = s.raw_text();
            scrolled += usize::from(scrolls(raw.get(from..).unwrap_or_default()));
        }
    }
    for (name, key, times) in [("page down", " ", 5), ("page up", "b", 2)] {
        for _ in 0..times {
            steps.push((name, s.key(key)));
        }
    }
    steps.push(("Tab to news line", s.key("\t")));
    for _ in 0..10 {
        steps.push(("news-line move (j)", s.key("j")));
    }
    steps.push(("Tab back", s.key("\t")));
    steps.push(("layout switch (v)", s.key("v")));
    s.send("q");
    s.wait_exit();
    (steps, scrolled)
}

/// Bytes per step in each layout, side by side with less.
fn layouts() {
    for (cols, rows) in [(80u16, 24u16), (120, 40)] {
        let dir = tempfile::tempdir().expect("tempdir");
        let text = dir.path().join("article.txt");
        std::fs::write(&text, article_text(usize::from(cols))).expect("write");
        let less = less_session(&text, cols, rows);
        println!(
            "\n{cols}x{rows}, each layout: bytes per step (median); v switches to the next layout"
        );
        println!(
            "{:<22} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>10} {:>9}",
            "layout",
            "line dn",
            "line up",
            "page dn",
            "page up",
            "news j",
            "Tab",
            "v (next)",
            "scrolled"
        );
        let row = |name: &str, steps: &Steps, scrolled: Option<usize>| {
            let m = |step: &str| median(steps, step).map_or("-".to_string(), |b| b.to_string());
            println!(
                "{:<22} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>10} {:>9}",
                name,
                m("line down"),
                m("line up"),
                m("page down"),
                m("page up"),
                m("news-line move (j)"),
                m("Tab to news line"),
                m("layout switch (v)"),
                scrolled.map_or("-".to_string(), |n| format!("{n}/25"))
            );
        };
        for layout in ["auto", "beside", "single", "below"] {
            for margins in [false, true] {
                let (steps, scrolled) = layout_session(layout, cols, rows, margins);
                let name = format!("{layout}{}", if margins { " +margins" } else { "" });
                row(&name, &steps, Some(scrolled));
            }
        }
        row("less (full width)", &less, None);
    }
}

fn main() {
    if std::env::args().any(|a| a == "layouts") {
        layouts();
        return;
    }
    encoder_time();
    if std::process::Command::new("less")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("less is not installed: the comparison needs it");
    }
    for (cols, rows) in [(80u16, 24u16), (120, 40)] {
        let dir = tempfile::tempdir().expect("tempdir");
        let text = dir.path().join("article.txt");
        std::fs::write(&text, article_text(usize::from(cols))).expect("write");
        let (lean, same, idle) = folio_session(&[], cols, rows, true, false);
        let (margins, same_margins, _) = folio_session(&[], cols, rows, true, true);
        let (plain, _, _) = folio_session(&["--render", "plain"], cols, rows, false, false);
        let (low, _, _) = folio_session(&["--low-bandwidth"], cols, rows, false, false);
        let less = less_session(&text, cols, rows);
        println!("\n{cols}x{rows}: bytes written per step (median)");
        println!("  folio: a terminal without left/right margins; +margins: one with them");
        println!(
            "{:<24} {:>7} {:>8} {:>7} {:>7} {:>7} {:>10} {:>11} {:>9}",
            "step",
            "folio",
            "+margins",
            "plain",
            "low-bw",
            "less",
            "folio/less",
            "folio/plain",
            "+m/plain"
        );
        let mut names: Vec<&str> = Vec::new();
        for (n, _) in &lean {
            if !names.contains(n) {
                names.push(n);
            }
        }
        let ratio = |a: usize, b: usize| {
            if b == 0 {
                "-".to_string()
            } else {
                format!("{:.2}", a as f64 / b as f64)
            }
        };
        for name in names {
            let f = median(&lean, name).unwrap_or(0);
            let m = median(&margins, name).unwrap_or(0);
            let p = median(&plain, name).unwrap_or(0);
            let lb = median(&low, name).unwrap_or(0);
            let l = median(&less, name);
            println!(
                "{:<24} {:>7} {:>8} {:>7} {:>7} {:>7} {:>10} {:>11} {:>9}",
                name,
                f,
                m,
                p,
                lb,
                l.map_or("-".to_string(), |l| l.to_string()),
                l.map_or("-".to_string(), |l| ratio(f, l)),
                ratio(f, p),
                ratio(m, p)
            );
        }
        if let Some(idle) = idle {
            println!("idle, 10 s without input: {idle} bytes");
        }
        for (who, same) in [("folio", same), ("+margins", same_margins)] {
            if let Some(same) = same {
                println!(
                    "{who}: screen after incremental frames equals a full repaint: {}",
                    if same { "yes" } else { "NO" }
                );
            }
        }
    }
    layouts();
}
