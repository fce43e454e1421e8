//! `folio serve`: the reader over SSH, for an audience that follows the
//! speaker.
//!
//! An SSH server (russh, on the `ring` backend that rustls already brings)
//! runs in-process on a tokio runtime. Each connection that asks for a pty
//! and a shell gets its own reader session (`viewer`), with its own size,
//! keys, place and encoder; viewers follow the speaker's place through the
//! `stage` until they move on their own. Nothing a peer sends is run,
//! written or trusted: one session channel per connection, no exec, no
//! subsystems, no forwarding, four kinds of environment variable, sizes
//! clamped, and the `limits` on how many, how often and how long.

mod access;
mod hostkey;
mod keys;
mod limits;
mod stage;
mod viewer;

pub use access::{Access, fingerprint as key_fingerprint, parse_authorized_keys};
pub use hostkey::{
    FILE as HOST_KEY_FILE, fingerprint as host_fingerprint, generate as new_key, load_or_create,
};
pub use keys::{Input as KeyInput, KeyReader};
pub use limits::{KeyBudget, Limits, MAX_COLUMNS, MAX_ROWS, RateLimiter, screen_size};
pub use stage::Stage;

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use std::io::Write as _;

use anyhow::Context as _;
use russh::keys::{PrivateKey, PublicKey};
use tokio::net::TcpListener;
use tokio::sync::watch;

use crate::app::Settings;
use crate::bundle::Bundle;
use crate::keymap::Keymap;

/// What is served, and how viewers see it.
pub struct Show {
    /// Shared with the speaker's reader: one copy in memory.
    pub bundle: Arc<Bundle>,
    /// The reader's settings; each viewer's glyphs come from its own
    /// locale.
    pub settings: Settings,
    pub keymap: Keymap,
    /// The bundle's file name, for messages.
    pub source: Option<String>,
    pub house_words: String,
}

/// How the server runs.
pub struct Options {
    pub listen: SocketAddr,
    pub access: Access,
    /// A connection with this key is the speaker (instead of, or as well
    /// as, the terminal that started the server).
    pub speaker: Option<PublicKey>,
    pub limits: Limits,
    pub host_key: PrivateKey,
}

/// Where connection lines go: stderr, or kept while the speaker's screen
/// has the terminal (printed when it quits).
pub enum LogTo {
    Stderr,
    Kept,
    /// Nowhere (tests, benchmarks).
    Nowhere,
}

/// Lines kept at most while the screen is the speaker's.
const KEPT_LINES: usize = 2000;

/// What every connection shares.
pub(crate) struct Shared {
    bundle: Arc<Bundle>,
    settings: Settings,
    keymap: Keymap,
    source: Option<String>,
    house_words: String,
    access: Access,
    speaker: Option<PublicKey>,
    limits: Limits,
    stage: Stage,
    shutdown: watch::Sender<bool>,
    /// From the speaker's key to each following viewer's frame.
    latencies: limits::Latencies,
    log_to: LogTo,
    kept: Mutex<Vec<String>>,
}

impl Shared {
    pub(crate) fn log(&self, line: String) {
        let line = crate::sanitize::clean(&line, crate::glyphs::Glyphs::ASCII).into_owned();
        match self.log_to {
            // A closed stderr (the operator's pipe gone) must not stop a
            // viewer: eprintln! would panic.
            LogTo::Stderr => {
                use std::io::Write as _;
                let _ = writeln!(std::io::stderr(), "folio serve: {line}");
            }
            LogTo::Kept => {
                if let Ok(mut kept) = self.kept.lock() {
                    if kept.len() == KEPT_LINES {
                        kept.remove(0);
                    }
                    kept.push(line);
                }
            }
            LogTo::Nowhere => {}
        }
    }
}

/// A running server.
pub struct Server {
    addr: SocketAddr,
    shared: Arc<Shared>,
    live: Arc<AtomicUsize>,
    accept: tokio::task::JoinHandle<()>,
}

impl Server {
    /// Binds `options.listen` and starts serving `show` on the current
    /// tokio runtime.
    pub async fn start(show: Show, options: Options, log_to: LogTo) -> anyhow::Result<Server> {
        let listener = TcpListener::bind(options.listen)
            .await
            .with_context(|| format!("listening on {}", options.listen))?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared {
            bundle: show.bundle,
            settings: show.settings,
            keymap: show.keymap,
            source: show.source,
            house_words: show.house_words,
            access: options.access,
            speaker: options.speaker,
            limits: options.limits,
            stage: Stage::new(tokio::runtime::Handle::current()),
            shutdown: watch::Sender::new(false),
            latencies: limits::Latencies::default(),
            log_to,
            kept: Mutex::new(Vec::new()),
        });
        let config = Arc::new(russh::server::Config {
            server_id: russh::SshId::Standard(
                format!("SSH-2.0-folio_{}", env!("CARGO_PKG_VERSION")).into(),
            ),
            keys: vec![options.host_key],
            auth_rejection_time: Duration::from_millis(300),
            auth_rejection_time_initial: Some(Duration::ZERO),
            // Idle viewers are the viewer task's business (a follower
            // types nothing for an hour); a dead peer is found by keepalives.
            inactivity_timeout: None,
            keepalive_interval: Some(Duration::from_secs(30)),
            keepalive_max: 3,
            max_auth_attempts: 6,
            nodelay: true,
            // The peer's keys in flight at most (backpressure beyond).
            window_size: 64 * 1024,
            maximum_packet_size: 32 * 1024,
            channel_buffer_size: 16,
            event_buffer_size: 8,
            ..Default::default()
        });
        let live = Arc::new(AtomicUsize::new(0));
        let accept = tokio::spawn(accept_loop(listener, shared.clone(), config, live.clone()));
        Ok(Server {
            addr,
            shared,
            live,
            accept,
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The speaker's side: where the speaker's place is published.
    pub fn stage(&self) -> Stage {
        self.shared.stage.clone()
    }

    /// Connections open now.
    pub fn connections(&self) -> usize {
        self.live.load(Ordering::SeqCst)
    }

    /// The connection lines kept so far (with [`LogTo::Kept`]).
    pub fn kept_lines(&self) -> Vec<String> {
        (self.shared.kept.lock()).map_or_else(|_| Vec::new(), |k| k.clone())
    }

    /// Stops accepting, says goodbye to every viewer (their terminals
    /// restored), and waits for them a little.
    pub async fn stop(&self) {
        self.accept.abort();
        self.shared.shutdown.send_replace(true);
        let deadline = Instant::now() + Duration::from_secs(3);
        while self.live.load(Ordering::SeqCst) > 0 && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        // The last line, after every viewer's.
        let (frames, median, p99) = self.shared.latencies.summary();
        if frames > 0 {
            self.shared.log(format!(
                "{frames} frames followed the speaker: median {:.1} ms, 99th percentile {:.1} ms from the key to the frame sent",
                median.as_secs_f64() * 1e3,
                p99.as_secs_f64() * 1e3
            ));
        }
    }
}

/// One connection counted while it lives (its viewer's task included).
struct Live(Arc<AtomicUsize>);

impl Drop for Live {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

async fn accept_loop(
    listener: TcpListener,
    shared: Arc<Shared>,
    config: Arc<russh::server::Config>,
    live: Arc<AtomicUsize>,
) {
    let mut rate = RateLimiter::default();
    loop {
        let (stream, peer) = match listener.accept().await {
            Ok(accepted) => accepted,
            Err(e) => {
                // Out of file descriptors, as a rule: wait, then go on.
                shared.log(format!("accepting a connection failed: {e}"));
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        let limits = shared.limits;
        if live.load(Ordering::SeqCst) >= limits.max_sessions {
            shared.log(format!(
                "{peer}: refused, {} connections already (--max-sessions)",
                limits.max_sessions
            ));
            continue;
        }
        if !rate.allow(peer.ip(), limits.per_address_per_minute, Instant::now()) {
            shared.log(format!(
                "{peer}: refused, over {} connections a minute from {} (--rate)",
                limits.per_address_per_minute,
                peer.ip()
            ));
            continue;
        }
        live.fetch_add(1, Ordering::SeqCst);
        let guard = Live(live.clone());
        tokio::spawn(connection(
            shared.clone(),
            config.clone(),
            stream,
            peer,
            guard,
        ));
    }
}

async fn connection(
    shared: Arc<Shared>,
    config: Arc<russh::server::Config>,
    stream: tokio::net::TcpStream,
    peer: SocketAddr,
    live: Live,
) {
    let started = Instant::now();
    let auth_timeout = shared.limits.auth_timeout;
    let authed = Arc::new(AtomicBool::new(false));
    let tries = Arc::new(Mutex::new(viewer::Tries::default()));
    let handler = viewer::Conn::new(
        shared.clone(),
        peer,
        authed.clone(),
        tries.clone(),
        Arc::new(live),
    );
    // The banner and key exchange count against the authentication time.
    let running = match tokio::time::timeout(
        auth_timeout,
        russh::server::run_stream(config, stream, handler),
    )
    .await
    {
        Ok(Ok(running)) => running,
        Ok(Err(e)) => {
            shared.log(format!("{peer}: dropped before SSH began ({e})"));
            return;
        }
        Err(_) => {
            shared.log(format!("{peer}: dropped, no SSH banner in time"));
            return;
        }
    };
    let handle = running.handle();
    let left = auth_timeout.saturating_sub(started.elapsed());
    let timed_out = Arc::new(AtomicBool::new(false));
    let watchdog = {
        let (authed, timed_out) = (authed.clone(), timed_out.clone());
        tokio::spawn(async move {
            tokio::time::sleep(left).await;
            if !authed.load(Ordering::SeqCst) {
                timed_out.store(true, Ordering::SeqCst);
                let _ = handle
                    .disconnect(
                        russh::Disconnect::ByApplication,
                        "authentication timed out".into(),
                        String::new(),
                    )
                    .await;
            }
        })
    };
    let mut shutdown = shared.shutdown.subscribe();
    tokio::select! {
        _ = running => {
            // One line for a connection that never got in, however many
            // times it tried.
            if !authed.load(Ordering::SeqCst)
                && let Some(line) = (tries.lock().ok())
                    .and_then(|t| t.refusal(peer, timed_out.load(Ordering::SeqCst)))
            {
                shared.log(line);
            }
        }
        // Viewers say goodbye themselves; a connection that never opened
        // a reader is simply closed.
        _ = async {
            let _ = shutdown.wait_for(|stop| *stop).await;
            tokio::time::sleep(Duration::from_secs(3)).await;
        } => {}
    }
    watchdog.abort();
}

/// The speaker's reader, run on the calling thread with the stage it
/// publishes to.
pub type Speak =
    Box<dyn FnOnce(Box<dyn crate::shell::Podium>) -> anyhow::Result<std::process::ExitCode>>;

/// Runs `folio serve` from the command line: the server on a runtime of
/// its own, the speaker's reader on this thread when there is a terminal
/// (`speak`), else until Ctrl-c or SIGTERM.
pub fn run(
    show: Show,
    options: Options,
    speak: Option<Speak>,
    banner: impl FnOnce(SocketAddr),
) -> anyhow::Result<std::process::ExitCode> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .thread_name("folio-serve")
        .build()
        .context("starting the server's runtime")?;
    let log_to = if speak.is_some() && std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        LogTo::Kept
    } else {
        LogTo::Stderr
    };
    let server = runtime.block_on(Server::start(show, options, log_to))?;
    banner(server.addr());
    let code = match speak {
        Some(speak) => speak(Box::new(server.stage())),
        None => runtime.block_on(async {
            let mut term =
                tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
            let mut hup = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::hangup())?;
            tokio::select! {
                r = tokio::signal::ctrl_c() => r.map(|()| 130u8),
                _ = term.recv() => Ok(143),
                _ = hup.recv() => Ok(129),
            }
            .map(std::process::ExitCode::from)
            .context("waiting for a signal")
        }),
    };
    let _ = writeln!(
        std::io::stderr(),
        "folio serve: stopping; saying goodbye to {} connection(s)",
        server.connections()
    );
    // The lines kept while the speaker had the terminal, with the
    // goodbyes and the latency figure of the stop.
    runtime.block_on(server.stop());
    for line in server.kept_lines() {
        let _ = writeln!(std::io::stderr(), "folio serve: {line}");
    }
    runtime.shutdown_timeout(Duration::from_secs(1));
    code
}
