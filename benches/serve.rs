//! `folio serve` under an audience: the release binary serves the sample
//! (`--speaker KEY`, no terminal), a speaker connection scrolls a line ten
//! times a second, and N simulated SSH viewers on 127.0.0.1 follow it.
//! Prints, side by side with the local reader's figure:
//! - time from the speaker's key to each viewer's frame arriving (median,
//!   99th percentile), measured in this process (it includes the
//!   speaker's own frame and the viewers' decryption: an upper bound of
//!   "frame sent");
//! - the server's memory per viewer (VmRSS with N viewers less with none),
//!   and with every viewer stalled (TCP window closed) for a while;
//! - the server's CPU while scrolling;
//! - bytes per viewer per scroll, against a local session's.
//!
//! `cargo bench --bench serve -- [VIEWERS] [STALL_SECONDS]` (200, 60).

use std::net::SocketAddr;
use std::path::Path;
use std::process::Command;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use folio::action::Action;
use folio::app::{Init, Msg, Settings};
use folio::bundle::{EMBEDDED_SEED, load_bundle};
use folio::session::{RenderMode, Session};
use ratatui::layout::Rect;

#[path = "../tests/common/mod.rs"]
mod common;
use common::ssh::Viewer;

const COLS: u16 = 80;
const ROWS: u16 = 24;
const STEPS: usize = 100;
const STEP: Duration = Duration::from_millis(100);

fn binary() -> std::path::PathBuf {
    // Another build to measure (a profiling one, an older version).
    if let Some(bin) = std::env::var_os("FOLIO_BIN") {
        return bin.into();
    }
    let status = Command::new("cargo")
        .args(["build", "--release", "--quiet"])
        .status()
        .expect("cargo build --release");
    assert!(status.success());
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/folio")
}

/// (VmRSS, VmHWM) of `pid`, in KiB.
fn memory(pid: u32) -> (u64, u64) {
    (
        common::ssh::proc_kib(pid, "VmRSS:"),
        common::ssh::proc_kib(pid, "VmHWM:"),
    )
}

/// CPU time of `pid` so far (user + system).
fn cpu(pid: u32) -> Duration {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let after = stat.rsplit(')').next().unwrap_or("");
    let f: Vec<&str> = after.split_whitespace().collect();
    let ticks: u64 = f.get(11).and_then(|v| v.parse().ok()).unwrap_or(0)
        + f.get(12).and_then(|v| v.parse().ok()).unwrap_or(0);
    Duration::from_millis(ticks * 10)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

/// Bytes of a local session's one-line scrolls at 80x24 (the reader's own
/// keys, drawn into memory): what a following viewer is compared with.
fn local_bytes_per_scroll() -> f64 {
    let bundle = load_bundle(EMBEDDED_SEED, "seed").unwrap();
    let area = Rect::new(0, 0, COLS, ROWS);
    let mut local = Session::new(
        Init::new(bundle, Settings::default(), area),
        Vec::new(),
        RenderMode::Lean,
    )
    .unwrap();
    local.draw().unwrap();
    local.sink_mut().unwrap().clear();
    let mut total = 0;
    for _ in 0..STEPS {
        local.update(Msg::Action(Action::LineDown));
        local.draw().unwrap();
        total += local.sink_mut().unwrap().len();
        local.sink_mut().unwrap().clear();
    }
    total as f64 / STEPS as f64
}

fn main() {
    let mut args = std::env::args().skip(1).filter(|a| a != "--bench");
    let viewers: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(200);
    let stall: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(60);
    let bin = binary();
    let dir = tempfile::tempdir().unwrap();
    let (key, pub_file) = common::ssh::speaker_key_file(dir.path());
    let max = (viewers + 10).to_string();
    let (mut server, port, log) = common::ssh::serve_binary(
        &bin,
        dir.path(),
        &[
            "--open",
            "--rate",
            "100000",
            "--max-sessions",
            &max,
            "--speaker",
            pub_file.to_str().unwrap(),
        ],
    );
    let addr: SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
    let pid = server.id();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let speaker = Viewer::open(addr, Some(&key), COLS, ROWS, false).await.unwrap();
        assert!(speaker.wait_for("0 watching").await);
        tokio::time::sleep(Duration::from_millis(500)).await;
        let (base_rss, _) = memory(pid);
        let mut audience = Vec::new();
        for i in 0..viewers {
            match Viewer::open(addr, None, COLS, ROWS, false).await {
                Ok(v) => audience.push(v),
                Err(e) => panic!("viewer {i}: {e}"),
            }
        }
        let want = format!("{viewers} watching");
        for v in &audience {
            assert!(v.wait_for(&want).await, "{}", v.status());
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
        let (rss, _) = memory(pid);
        let before_bytes: Vec<usize> =
            audience.iter().map(|v| v.received.load(Ordering::SeqCst)).collect();
        for v in &audience {
            v.arrivals.lock().unwrap().clear();
        }

        // The speaker scrolls a line ten times a second.
        let cpu0 = cpu(pid);
        let mut sent = Vec::new();
        let t0 = Instant::now();
        for i in 0..STEPS {
            let at = t0 + STEP * i as u32;
            tokio::time::sleep_until(at.into()).await;
            sent.push(Instant::now());
            speaker.keys(b"j").await;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
        let cpu_used = cpu(pid) - cpu0;
        let wall = t0.elapsed();
        // Each step's latency per viewer: its first arrival after the key.
        let mut latencies = Vec::new();
        for v in &audience {
            let arrivals = v.arrivals.lock().unwrap();
            for (i, at) in sent.iter().enumerate() {
                let next = sent.get(i + 1).copied();
                if let Some((t, _)) = arrivals
                    .iter()
                    .find(|(t, _)| t >= at && next.is_none_or(|n| *t < n))
                {
                    latencies.push(*t - *at);
                }
            }
        }
        latencies.sort();
        let frames = latencies.len();
        let bytes: Vec<f64> = audience
            .iter()
            .zip(&before_bytes)
            .map(|(v, b)| (v.received.load(Ordering::SeqCst) - b) as f64 / STEPS as f64)
            .collect();
        let mean_bytes = bytes.iter().sum::<f64>() / bytes.len() as f64;
        let local = local_bytes_per_scroll();

        println!("folio serve, {viewers} viewers at {COLS}x{ROWS}, speaker scrolling a line every {STEP:?} ({STEPS} lines)");
        println!(
            "  key to frame: median {:.1} ms, p99 {:.1} ms, max {:.1} ms ({frames} of {} frames seen)",
            percentile(&latencies, 0.5).as_secs_f64() * 1e3,
            percentile(&latencies, 0.99).as_secs_f64() * 1e3,
            latencies.last().copied().unwrap_or_default().as_secs_f64() * 1e3,
            viewers * STEPS
        );
        println!(
            "  server CPU: {:.2} s in {:.1} s ({:.0}% of one core)",
            cpu_used.as_secs_f64(),
            wall.as_secs_f64(),
            cpu_used.as_secs_f64() / wall.as_secs_f64() * 100.0
        );
        println!(
            "  memory: {} KiB with the speaker alone, {} KiB with {viewers} viewers: {:.0} KiB a viewer",
            base_rss,
            rss,
            (rss.saturating_sub(base_rss)) as f64 / viewers as f64
        );
        println!(
            "  bytes per viewer per one-line scroll: {mean_bytes:.1} (local session: {local:.1}, {:+.1}%)",
            (mean_bytes / local - 1.0) * 100.0
        );

        // A tenth of the viewers stall (read nothing: their TCP windows
        // close) while the speaker jumps between the ends (whole frames,
        // ~1.5 KB each), so what they are not taking exceeds their SSH
        // windows and socket buffers; the others go on watching.
        let stalled = (viewers / 10).max(1);
        let (before_stall, _) = memory(pid);
        for v in &audience[..stalled] {
            v.pause.set(true);
        }
        let t1 = Instant::now();
        let mut i = 0u32;
        while t1.elapsed() < Duration::from_secs(stall) {
            tokio::time::sleep_until((t1 + STEP * i).into()).await;
            speaker.keys(if i.is_multiple_of(2) { b"G" } else { b"g" }).await;
            i += 1;
        }
        // End somewhere the stalled viewers have not been.
        speaker.keys(b"Gkkkk").await;
        tokio::time::sleep(Duration::from_millis(200)).await;
        let stalled_bytes: usize = (audience[..stalled].iter())
            .map(|v| v.received.load(Ordering::SeqCst))
            .sum::<usize>()
            / stalled;
        let active_bytes: usize = (audience[stalled..].iter())
            .map(|v| v.received.load(Ordering::SeqCst))
            .sum::<usize>()
            / (viewers - stalled).max(1);
        let (stalled_rss, _) = memory(pid);
        println!(
            "  {stalled} viewers stalled for {stall} s while the speaker jumped {i} times: server {} KiB before, {} KiB after ({:+.0} KiB a stalled viewer); a stalled viewer had taken {} KiB in all, an active one {} KiB",
            before_stall,
            stalled_rss,
            (stalled_rss as f64 - before_stall as f64) / stalled as f64,
            stalled_bytes / 1024,
            active_bytes / 1024
        );
        for v in &audience[..stalled] {
            v.pause.set(false);
        }
        let now_at = speaker.status();
        let pos = now_at
            .split(" · ")
            .find(|p| p.starts_with("lines"))
            .and_then(|p| p.split("  ").next())
            .unwrap_or("")
            .trim()
            .to_string();
        let t2 = Instant::now();
        let mut caught = 0;
        for v in &audience[..stalled] {
            if v.wait_for(&pos).await {
                caught += 1;
            }
        }
        println!(
            "  reading again: {caught} of {stalled} show the speaker's place ({pos}) within {:.1} s",
            t2.elapsed().as_secs_f64()
        );
        let (_, peak) = memory(pid);
        println!("  peak RSS of the server: {peak} KiB");
    });
    common::ssh::sigterm(&server);
    let _ = server.wait();
    std::thread::sleep(Duration::from_millis(200));
    // The server's own figure: from the speaker's key arriving to each
    // viewer's frame handed to its connection (all phases, stalls included).
    for line in (log.lock().unwrap().iter()).filter(|l| l.contains("frames followed")) {
        println!("  server: {}", line.trim_start_matches("folio serve: "));
    }
    drop(rt);
}
