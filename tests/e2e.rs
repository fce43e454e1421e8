//! End to end: the real binary in a pseudo-terminal, its output replayed
//! through a terminal emulator (vt100), keys sent as a person would type them.

use std::thread;
use std::time::{Duration, Instant};

use crate::common::pty::{Session as Folio, TIMEOUT};

#[test]
fn reads_the_embedded_sample_and_quits_cleanly() {
    let mut f = Folio::start(&[], 120, 40);
    f.wait_for(&[
        "With Karabakh Conflict Negotiations",
        "systems¹.",
        "22:10 Russia accuses",
    ]);
    assert!(f.parser.lock().unwrap().screen().alternate_screen());
    f.send("G");
    f.wait_for(&["Sources", "18. Trend.az, 24 February 2020"]);
    f.send("q");
    assert_eq!(f.wait_exit(), 0);
    f.left_cleanly();
}

#[test]
fn at_80x24_the_news_line_is_one_key_away() {
    let mut f = Folio::start(&[], 80, 24);
    f.wait_for(&["Analytics · 3 June 2020, 15:33", "Tab news"]);
    f.send("\t");
    f.wait_for(&["─ 5 July 2025", "22:10 Russia accuses", "headline 1/40"]);
    f.send("\t");
    f.wait_for(&["Analytics · 3 June 2020, 15:33"]);
    // Ctrl-c quits too (raw mode delivers it as a key).
    f.send("\x03");
    assert_eq!(f.wait_exit(), 0);
    f.left_cleanly();
}

#[test]
fn an_idle_reader_writes_nothing() {
    let mut f = Folio::start(&[], 80, 24);
    f.wait_for(&["Military Rhetoric", "q quit"]);
    thread::sleep(Duration::from_millis(300));
    let settled = f.raw_len();
    thread::sleep(Duration::from_millis(1500));
    assert_eq!(f.raw_len(), settled, "bytes written while idle");
    // A key that changes nothing (Up at the top) writes nothing either.
    f.send("k");
    thread::sleep(Duration::from_millis(500));
    assert_eq!(f.raw_len(), settled, "bytes written for a no-op key");
    f.send("q");
    assert_eq!(f.wait_exit(), 0);
}

#[test]
fn signals_restore_the_terminal() {
    // SIGTERM (kill), SIGHUP (a dropped SSH connection), SIGINT.
    for (name, number) in [("TERM", 15), ("HUP", 1), ("INT", 2)] {
        let mut f = Folio::start(&[], 80, 24);
        f.wait_for(&["Military Rhetoric"]);
        let pid = f.child.process_id().unwrap();
        let status = std::process::Command::new("kill")
            .args([&format!("-{name}"), &pid.to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        assert_eq!(f.wait_exit(), 128 + number, "SIG{name}");
        f.left_cleanly();
    }
}

#[test]
fn a_malformed_bundle_exits_2_before_taking_the_screen() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.json");
    std::fs::write(
        &path,
        "{\n  \"format\": \"folio-bundle/1\",\n  \"id\": \"x\"\n  \"articles\": []\n}\n",
    )
    .unwrap();
    let mut f = Folio::start(&[path.to_str().unwrap()], 80, 24);
    assert_eq!(f.wait_exit(), 2);
    let out = f.raw_text();
    assert!(
        out.contains("bad.json:4:3: invalid JSON: expected `,` or `}`"),
        "{out}"
    );
    assert!(out.contains("docs/bundle-format.md"), "{out}");
    assert!(
        !out.contains("\x1b[?1049h"),
        "the alternate screen was entered"
    );
}

#[test]
fn survives_resizes_and_keeps_the_place() {
    let mut f = Folio::start(&[], 80, 24);
    f.wait_for(&["Military Rhetoric"]);
    f.send("  ");
    f.settle();
    let lines = f.lines_shown();
    assert!(!lines.starts_with("1-"), "{lines}");
    let first_line = |f: &Folio| {
        f.screen()
            .lines()
            .next()
            .unwrap_or_default()
            .trim()
            .to_string()
    };
    let before = first_line(&f);
    f.resize(120, 40);
    f.wait_for(&["22:10 Russia accuses"]);
    f.resize(40, 12);
    f.settle();
    assert!(f.screen().contains("lines "), "{}", f.screen());
    f.resize(10, 5);
    f.wait_for(&["small"]);
    f.resize(80, 24);
    f.wait_for(&[before.as_str(), "Tab news"]);
    f.send("q");
    assert_eq!(f.wait_exit(), 0);
}

#[test]
fn a_bookmark_survives_quitting_and_takes_you_back() {
    let config = tempfile::tempdir().unwrap();
    let mut f = Folio::start_with_config(&[], 80, 24, config.path());
    f.wait_for(&["Military Rhetoric"]);
    f.send("  jj");
    f.settle();
    let passage = f
        .screen()
        .lines()
        .next()
        .unwrap_or_default()
        .trim()
        .to_string();
    let lines = f.lines_shown();
    assert!(!lines.starts_with("1-"), "{lines}");
    f.send("m");
    f.wait_for(&["Label (optional)"]);
    f.send("Talks\r");
    f.wait_for(&["Bookmarked"]);
    f.send("q");
    assert_eq!(f.wait_exit(), 0);

    // Reopened at the top (--no-restore), the list takes us back.
    let mut f = Folio::start_with_config(&["--no-restore"], 80, 24, config.path());
    f.wait_for(&["Military Rhetoric", "lines 1-"]);
    f.send("'");
    f.wait_for(&["Bookmarks: this bundle", "Talks"]);
    f.send("\r");
    f.wait_for(&[lines.as_str()]);
    assert_eq!(
        f.screen().lines().next().unwrap_or_default().trim(),
        passage
    );
    f.send("q");
    assert_eq!(f.wait_exit(), 0);

    // Without --no-restore, folio opens where it was left.
    let mut f = Folio::start_with_config(&[], 80, 24, config.path());
    f.wait_for(&[passage.as_str(), lines.as_str()]);
    f.send("q");
    assert_eq!(f.wait_exit(), 0);
}

/// The bytes each of `keys` made the program write, once it went quiet.
fn bytes_per_key(f: &mut Folio, keys: &[&str]) -> Vec<usize> {
    f.settle();
    keys.iter()
        .map(|k| {
            let before = f.raw_len();
            f.send(k);
            f.settle();
            f.raw_len() - before
        })
        .collect()
}

fn median(mut v: Vec<usize>) -> usize {
    v.sort_unstable();
    v[v.len() / 2]
}

/// A regression guard, not the benchmark (`cargo bench --bench bandwidth`):
/// scrolling one line at 80x24 must not cost more than twice what `less`
/// sends for the same text.
#[test]
fn a_one_line_scroll_costs_no_more_than_twice_less() {
    let keys = ["j"; 9];
    let mut f = Folio::start(&[], 80, 24);
    f.wait_for(&["Military Rhetoric"]);
    let folio = median(bytes_per_key(&mut f, &keys));
    f.send("q");
    assert_eq!(f.wait_exit(), 0);

    // less on folio's own rendering of the article at 80 columns.
    let bundle = folio::bundle::load_bundle(folio::bundle::EMBEDDED_SEED, "seed").unwrap();
    let a = &bundle.articles[0];
    let opts = folio::layout::article::LayoutOptions::new(
        folio::glyphs::Glyphs::UNICODE,
        folio::layout::article::DEFAULT_MEASURE,
    );
    let l =
        folio::layout::article::layout_article(a, &folio::footnotes::Notes::number(a), 80, opts);
    let text: String = l
        .lines
        .iter()
        .map(|line| format!("  {}\n", folio::layout::runs_text(&line.runs)))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("article.txt");
    std::fs::write(&path, text).unwrap();
    let less = if std::process::Command::new("less")
        .arg("--version")
        .output()
        .is_ok()
    {
        let mut l = Folio::start_program("less", &[path.to_str().unwrap()], 80, 24);
        l.wait_for(&["Military Rhetoric"]);
        let m = median(bytes_per_key(&mut l, &keys));
        l.send("q");
        l.wait_exit();
        m
    } else {
        90 // less 590 at 80x24, measured on this text
    };
    assert!(
        folio <= 2 * less,
        "a one-line scroll sent {folio} bytes; less sends {less}"
    );
}

#[test]
fn a_panic_gives_the_terminal_back_first() {
    let mut f = Folio::start_env(&[("FOLIO_TEST_PANIC", "1")], 80, 24);
    assert_eq!(f.wait_exit(), 101);
    f.left_cleanly();
    f.cooked();
    let out = f.raw_text();
    // The message comes after the terminal was restored, so it is readable.
    let left = out.find("\x1b[?1049l").expect("left the alternate screen");
    let message = out
        .find("panic forced by FOLIO_TEST_PANIC")
        .expect("the panic message");
    assert!(
        left < message,
        "message printed before the terminal was restored"
    );
}

#[test]
fn quitting_and_signals_leave_a_cooked_terminal() {
    let mut f = Folio::start(&[], 80, 24);
    f.wait_for(&["Military Rhetoric"]);
    assert!(
        f.stty().split_whitespace().any(|w| w == "-icanon"),
        "raw while running"
    );
    f.send("q");
    assert_eq!(f.wait_exit(), 0);
    f.cooked();
    let mut f = Folio::start(&[], 80, 24);
    f.wait_for(&["Military Rhetoric"]);
    let pid = f.child.process_id().unwrap();
    std::process::Command::new("kill")
        .args(["-HUP", &pid.to_string()])
        .status()
        .unwrap();
    assert_eq!(f.wait_exit(), 129);
    f.cooked();
}

#[test]
fn ctrl_z_suspends_and_fg_resumes_with_a_full_redraw() {
    // A job-control shell in the terminal, as a user would have.
    let mut sh = Folio::start_program("bash", &["--norc", "--noprofile", "-i"], 80, 24);
    sh.send("PS1='$ '\r");
    sh.settle();
    let folio = env!("CARGO_BIN_EXE_folio");
    let config = tempfile::tempdir().unwrap();
    let config = config.path().display();
    sh.send(&format!("FOLIO_CONFIG_DIR={config} {folio}\r"));
    sh.wait_for(&["Military Rhetoric"]);
    sh.send("jjj");
    sh.wait_for(&["lines 4-"]);
    sh.settle();
    let reading = sh.screen();

    sh.send("\x1a");
    sh.wait_for(&["Stopped"]);
    // The shell has the terminal: main screen, cursor shown (readline sets
    // its own modes, so termios is not checked here).
    sh.left_cleanly();
    sh.send("fg\r");
    let first = reading
        .lines()
        .next()
        .unwrap_or_default()
        .trim()
        .to_string();
    sh.wait_for(&[first.as_str(), "lines 4-"]);
    sh.settle();
    assert_eq!(sh.screen(), reading, "the screen is whole again after fg");
    sh.send("q");
    sh.settle();
    sh.send("exit\r");
    sh.wait_exit();
}

#[test]
fn hostile_text_never_reaches_the_terminal_raw() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/hostile.json");
    let mut f = Folio::start(&[path], 120, 40);
    f.wait_for(&[
        "Clipboard␛]52;c;cHduZWQ=␛\\ title",
        "Mouse on␛[?1000h",
        "query␛[6n",
        "Headline␛]52;c;aGk=␇end",
    ]);
    let s = f.screen();
    assert!(
        s.contains("bell␇") && s.contains("A DCS␛Pq#0;2;0;0;0#1~␛\\ string"),
        "{s}"
    );
    assert!(
        s.contains("bidi <U+202E>gnp.exe<U+202C>") && s.contains("<U+2066>isolates<U+2069>"),
        "{s}"
    );
    assert!(s.contains("Src␛[31mred"), "the footnote strip: {s}");
    f.send("q");
    assert_eq!(f.wait_exit(), 0);
    let raw = f.raw_text();
    for bad in [
        "\x1b]52;",
        "\x1b]0;",
        "\x1b[?1000h",
        "\x1bP",
        "\x07",
        "\x1b[6n",
        "\x1b[31m",
        "\u{202e}",
        "\u{2066}",
    ] {
        assert!(!raw.contains(bad), "{bad:?} reached the terminal");
    }
}

#[test]
fn hostile_text_in_an_error_message_is_quoted_safely() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.json");
    let text = include_str!("fixtures/hostile.json").replace(
        "\"date\": \"2020-05-23\"",
        "\"date\": \"\\u001b]0;x\\u0007\"",
    );
    std::fs::write(&path, text).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_folio"))
        .arg(&path)
        .env("LANG", "C.UTF-8")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains('\x1b') && !err.contains('\x07'), "{err:?}");
    assert!(err.contains("expected a date"), "{err}");
}

#[test]
fn escape_then_q_typed_quickly_closes_the_help_then_quits() {
    let mut f = Folio::start(&[], 80, 24);
    f.wait_for(&["Military Rhetoric"]);
    f.send("h");
    f.wait_for(&["Keys"]);
    // Both in one write: the terminal reads them as Alt-q.
    f.send("\x1bq");
    assert_eq!(f.wait_exit(), 0);
    f.left_cleanly();
}

#[test]
fn escape_then_tab_typed_quickly_closes_the_help_then_switches_pane() {
    let mut f = Folio::start(&[], 80, 24);
    f.wait_for(&["Military Rhetoric"]);
    f.send("h");
    f.wait_for(&["Keys"]);
    // Both in one write: the terminal reads them as Alt-Tab.
    f.send("\x1b\t");
    f.wait_for(&["News line", "headline 1/"]);
    assert!(!f.screen().contains("Keys"), "{}", f.screen());
    f.send("q");
    assert_eq!(f.wait_exit(), 0);
}

#[test]
fn proofreading_finds_edits_and_reloads_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let bundle = dir.path().join("b.json");
    let seed = include_str!("../sample-data/seed.json").replace("Aliyev’s", "Aliyev`s");
    std::fs::write(&bundle, seed).unwrap();
    std::fs::write(
        dir.path().join("folio-words.txt"),
        crate::common::HOUSE_WORDS,
    )
    .unwrap();
    // An "editor" that records how it was called and fixes the slip.
    let args = dir.path().join("editor-args");
    let editor = dir.path().join("editor.sh");
    std::fs::write(
        &editor,
        format!(
            "#!/bin/sh\necho \"$@\" > '{}'\nsed -i 's/Aliyev`s/Aliyev’s/' \"$2\"\n",
            args.display()
        ),
    )
    .unwrap();
    std::process::Command::new("chmod")
        .args(["+x", editor.to_str().unwrap()])
        .status()
        .unwrap();
    let config = tempfile::tempdir().unwrap();
    let mut f = Folio::spawn_with(
        env!("CARGO_BIN_EXE_folio"),
        &[bundle.to_str().unwrap()],
        &[("EDITOR", editor.to_str().unwrap()), ("VISUAL", "")],
        80,
        24,
        config.path(),
    );
    f.wait_for(&["Military Rhetoric"]);
    f.send("p");
    f.wait_for(&["[0] The month of May", "· proof ·", "1 finding"]);
    f.send("F");
    f.wait_for(&["Findings: 1", "paragraphs[7]  warning[backtick-apostrophe]"]);
    f.send("\r");
    f.wait_for(&["Aliyev`s", "▲ warning[backtick-apostrophe]"]);
    let place = f.lines_shown();

    // e: the editor gets the paragraph's line; folio takes the terminal back
    // and reloads the fixed file at the same place.
    f.send("e");
    f.wait_for(&["Reloaded the bundle: 0 findings", "Aliyev’s"]);
    let called = std::fs::read_to_string(&args).unwrap();
    let line = include_str!("../sample-data/seed.json")
        .lines()
        .position(|l| l.contains("Aliyev’s"))
        .unwrap()
        + 1;
    assert_eq!(called.trim(), format!("+{line} {}", bundle.display()));
    let first = |p: &str| {
        p.split('-')
            .next()
            .unwrap_or_default()
            .parse::<usize>()
            .unwrap_or(0)
    };
    let moved = first(&place).abs_diff(first(&f.lines_shown()));
    assert!(moved <= 2, "from {place} to {}", f.lines_shown());
    assert!(!f.screen().contains('▲'));
    assert!(
        f.stty().split_whitespace().any(|w| w == "-icanon"),
        "raw again"
    );

    // A save that does not parse keeps the last good version on screen.
    std::fs::write(&bundle, "{\"format\": ").unwrap();
    f.wait_for(&["Reload failed, showing the last good version", "Aliyev’s"]);
    f.send("q");
    assert_eq!(f.wait_exit(), 0);
    f.cooked();
}

#[test]
fn search_follows_the_query_and_n_moves_on() {
    let mut f = Folio::start(&[], 80, 24);
    f.wait_for(&["Military Rhetoric"]);
    f.send("/Leonardo");
    f.wait_for(&["/Leonardo", "1/1", "Italian airplane manufacturer Leonardo"]);
    f.send("\r");
    f.wait_for(&["/Leonardo: 1/1"]);
    f.send("/Baku\r");
    f.wait_for(&["/Baku: 1/"]);
    f.send("n");
    f.wait_for(&["/Baku: 2/"]);
    f.send("q");
    assert_eq!(f.wait_exit(), 0);
}

#[test]
fn articles_switch_from_the_list_and_with_brackets() {
    let mut f = Folio::start(&["sample-data/showcase.json"], 100, 30);
    f.wait_for(&["The Cost of a Byte"]);
    f.send("l");
    f.wait_for(&["Articles: 3 of 3"]);
    f.send("scripts\r");
    f.wait_for(&["Scripts and Symbols", "Culture"]);
    f.send("]");
    f.wait_for(&["A Short Note With Partly Known Dates", "Article 3/3"]);
    f.send("\x0f");
    f.wait_for(&["Scripts and Symbols"]);
    f.send("q");
    assert_eq!(f.wait_exit(), 0);
}

#[test]
fn config_toml_sets_layout_keys_and_reports_bad_keys() {
    let config = tempfile::tempdir().unwrap();
    std::fs::write(
        config.path().join("config.toml"),
        "[display]\nlayout = \"single\"\ntheme = \"neon\"\n\n[keys]\nquit = [\"x\"]\n",
    )
    .unwrap();
    let mut f = Folio::start_with_config(&[], 120, 40, config.path());
    f.wait_for(&["Military Rhetoric", "config.toml: 1 problem"]);
    // layout = "single": no news line beside at 120 columns.
    assert!(!f.screen().contains("Hamas"), "{}", f.screen());
    // The help shows the live key, at its end.
    f.send("hG");
    f.wait_for(&["x                 Quit"]);
    f.send("\x1b");
    f.send("x");
    assert_eq!(f.wait_exit(), 0);
    f.cooked();
}

#[test]
fn a_demo_starts_at_the_passage_and_shows_the_keys() {
    let mut f = Folio::start(&["--demo", "--at", "4", "sample-data/seed.json"], 80, 24);
    f.wait_for(&["The present situation marks"]);
    assert!(
        f.screen()
            .lines()
            .next()
            .unwrap_or_default()
            .contains("The present situation")
    );
    f.send("jj");
    f.wait_for(&["keys", "j  j"]);
    f.send("q");
    assert_eq!(f.wait_exit(), 0);
    // A passage that is not there: said before the screen is taken.
    let mut f = Folio::start(&["--at", "99", "sample-data/seed.json"], 80, 24);
    assert_eq!(f.wait_exit(), 2);
    assert!(f.screen().contains("--at 99: the article has 8 paragraphs"));
}

#[test]
fn with_mouse_the_wheel_scrolls_and_quitting_turns_reporting_off() {
    let mut f = Folio::start(&["--mouse"], 80, 24);
    f.wait_for(&["Military Rhetoric"]);
    assert!(f.raw_text().contains("\x1b[?1000h"), "mouse reporting on");
    // SGR report: wheel down at column 10, row 10.
    f.send("\x1b[<65;10;10M");
    f.wait_for(&["lines 4-"]);
    f.send("q");
    assert_eq!(f.wait_exit(), 0);
    let raw = f.raw_text();
    let on = raw.rfind("\x1b[?1000h").unwrap_or(0);
    assert!(
        raw.rfind("\x1b[?1000l").is_some_and(|off| off > on),
        "and off again"
    );
}

#[test]
fn without_mouse_nothing_asks_for_mouse_reports() {
    let mut f = Folio::start(&[], 80, 24);
    f.wait_for(&["Military Rhetoric"]);
    f.send("q");
    assert_eq!(f.wait_exit(), 0);
    assert!(!f.raw_text().contains("\x1b[?1000"));
}

#[test]
fn ctrl_i_told_from_tab_jumps_forward_and_the_request_is_withdrawn() {
    let mut f = Folio::start(&["sample-data/showcase.json"], 100, 30);
    f.wait_for(&["The Cost of a Byte"]);
    assert!(f.raw_text().contains("\x1b[>1u"), "asks to tell keys apart");
    f.send("]");
    f.wait_for(&["Article 2/3"]);
    f.send("\x0f"); // Ctrl-o
    f.wait_for(&["The Cost of a Byte"]);
    // Ctrl-i as the kitty keyboard protocol sends it.
    f.send("\x1b[105;5u");
    f.wait_for(&["Scripts and Symbols"]);
    f.send("q");
    assert_eq!(f.wait_exit(), 0);
    let raw = f.raw_text();
    assert!(
        raw.rfind("\x1b[<1u") > raw.rfind("\x1b[>1u"),
        "withdrawn on the way out"
    );
}

impl Folio {
    /// Scrolls with `keys`, then checks the screen equals a full repaint
    /// (Ctrl-L); returns the bytes each key cost.
    fn scroll_then_repaint(&mut self, keys: &[&str]) -> Vec<usize> {
        let costs = bytes_per_key(self, keys);
        let before = self.cells();
        self.send("\x0c");
        self.settle();
        let after = self.cells();
        let differ: Vec<(&str, &str)> = before
            .lines()
            .zip(after.lines())
            .filter(|(b, a)| b != a)
            .collect();
        assert!(
            differ.is_empty(),
            "the screen after scrolling differs from a repaint: {differ:#?}"
        );
        costs
    }
}

const SCROLLS: [&str; 12] = ["j", "j", "j", "j", "j", "k", "k", " ", "j", "c", "j", "b"];

/// Beside the news line, a terminal with left/right margins scrolls the
/// article's columns alone: a line costs a few hundred bytes, not a repaint.
#[test]
fn beside_the_news_line_the_article_scrolls_in_its_margins() {
    let mut f = Folio::start(&[], 120, 40);
    f.wait_for(&["Military Rhetoric", "Russia accuses"]);
    let costs = f.scroll_then_repaint(&SCROLLS);
    let line = median(costs[..5].to_vec());
    assert!(line < 400, "a line beside the news line cost {line} bytes");
    assert!(f.raw_text().contains("\x1b[?69h\x1b[1;79s"));
    assert!(f.parser.lock().unwrap().margin_scrolls >= 5);
    // The news line's own scroll too.
    f.send("\t");
    f.scroll_then_repaint(&["j"; 14]);
    f.send("q");
    assert_eq!(f.wait_exit(), 0);
    // Margins on are always followed by margins off, before anything else
    // turns them on, and the exit leaves them off.
    let raw = f.raw_text();
    let switches: String = raw
        .match_indices("\x1b[?69")
        .filter_map(|(i, m)| raw[i + m.len()..].chars().next())
        .filter(|c| matches!(c, 'h' | 'l'))
        .collect();
    assert!(switches.matches("hl").count() >= 5, "{switches}");
    assert!(
        !switches.contains("hh") && switches.ends_with('l'),
        "{switches}"
    );
}

/// A terminal that does not know margins (VTE, kitty, tmux...) never gets
/// them, and still shows the right screen.
#[test]
fn a_terminal_without_margins_never_gets_them() {
    let mut f = Folio::start_env(&[("TEST_TERMINAL", "no-margins")], 120, 40);
    f.wait_for(&["Military Rhetoric", "Russia accuses"]);
    f.scroll_then_repaint(&SCROLLS);
    f.send("q");
    assert_eq!(f.wait_exit(), 0);
    assert!(f.raw_text().contains("\x1b[?69$p"), "folio asks");
    assert!(!f.raw_text().contains("\x1b[?69h"));
}

/// A terminal that answers nothing costs a second's wait at most, and the
/// keys typed meanwhile are read, not lost.
#[test]
fn keys_typed_while_folio_waits_for_a_mute_terminal_are_kept() {
    let mut f = Folio::start_env(&[("TEST_TERMINAL", "mute")], 80, 24);
    f.wait_for(&["Military Rhetoric"]);
    let start = f.lines_shown();
    f.send("jjj");
    let moved = Instant::now();
    while f.lines_shown() == start && moved.elapsed() < TIMEOUT {
        thread::sleep(Duration::from_millis(20));
    }
    assert_ne!(f.lines_shown(), start);
    f.settle();
    assert!(f.lines_shown().starts_with("4-"), "{}", f.lines_shown());
    f.send("q");
    assert_eq!(f.wait_exit(), 0);
}

/// `scroll_margins = false`: folio never asks, and never uses margins, even
/// in a terminal that has them.
#[test]
fn scroll_margins_false_never_asks() {
    let config = tempfile::tempdir().unwrap();
    std::fs::write(
        config.path().join("config.toml"),
        "[display]\nscroll_margins = false\n",
    )
    .unwrap();
    let mut f = Folio::start_with_config(&[], 120, 40, config.path());
    f.wait_for(&["Military Rhetoric", "Russia accuses"]);
    f.scroll_then_repaint(&["j", "j", "j"]);
    f.send("q");
    assert_eq!(f.wait_exit(), 0);
    let raw = f.raw_text();
    assert!(!raw.contains("\x1b[?69$p") && !raw.contains("\x1b[?69h"));
}

/// Linked sources are OSC 8 hyperlinks only where they may be: a terminal
/// known to show them, a UTF-8 locale, not `--ascii` or `--low-bandwidth`.
#[test]
fn hyperlinks_only_in_a_utf8_terminal_that_shows_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("linked.json");
    let html = std::fs::read_to_string("tests/fixtures/html/analysis.html").unwrap();
    let page = folio::import::html::import_html(&html, None).unwrap();
    let json = folio::import::to_json(&folio::import::build_bundle(&[page], None));
    std::fs::write(&path, json).unwrap();
    let file = path.to_str().unwrap();
    let run = |args: &[&str], env: &[(&str, &str)]| {
        let config = tempfile::tempdir().unwrap();
        let mut f = Folio::spawn_with(
            env!("CARGO_BIN_EXE_folio"),
            args,
            env,
            80,
            24,
            config.path(),
        );
        f.settle();
        f.key("G");
        f.wait_for(&["Sources"]);
        f.send("q");
        f.wait_exit();
        f.raw_text()
    };
    const KITTY: (&str, &str) = ("KITTY_WINDOW_ID", "1");
    let shown = run(&[file], &[KITTY]);
    assert!(
        shown.contains("\x1b]8;;https://mod.gov.az/"),
        "no hyperlink sent"
    );
    for (args, env) in [
        (vec![file], vec![KITTY, ("LANG", "C")]),
        (vec![file, "--ascii"], vec![KITTY]),
        (vec![file, "--low-bandwidth"], vec![KITTY]),
        (vec![file], vec![("TERM_PROGRAM", "Apple_Terminal")]),
        (
            vec![file],
            vec![KITTY, ("TMUX", "/tmp/tmux-1000/default,1,0")],
        ),
    ] {
        let raw = run(&args, &env);
        assert!(!raw.contains("\x1b]8"), "{args:?} {env:?}: OSC 8 sent");
    }
}

#[test]
fn a_bundle_on_standard_input_is_read_and_keys_come_from_the_tty() {
    let folio = env!("CARGO_BIN_EXE_folio");
    let script = format!("{folio} - < sample-data/showcase.json; echo exit=$?");
    let mut f = Folio::start_program("sh", &["-c", &script], 80, 24);
    f.wait_for(&["The Cost of a Byte"]);
    f.send("j");
    f.wait_for(&["lines 2-"]);
    f.send("q");
    f.wait_for(&["exit=0"]);
}
