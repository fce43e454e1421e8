//! An SSH viewer for the tests and the serve benchmark: a russh client with
//! a pty, its output replayed through the test terminal (which answers
//! folio's questions as a terminal would), keys sent as typed. Its TCP
//! reading can be paused, to play a viewer whose window stays closed.
#![allow(dead_code)]

use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::time::{Duration, Instant};

use russh::client;
use russh::keys::{PrivateKey, PrivateKeyWithHashAlg};
use russh::{ChannelMsg, Disconnect};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;

use super::margins::MarginTerminal;

pub struct Trusting;

impl client::Handler for Trusting {
    type Error = russh::Error;
    async fn check_server_key(
        &mut self,
        _key: &russh::keys::PublicKeyOrCertificate,
    ) -> Result<bool, Self::Error> {
        Ok(true)
    }
}

/// A TCP stream whose reading can be stopped (the peer's window closes).
pub struct Pausable {
    inner: TcpStream,
    paused: Arc<AtomicBool>,
    waker: Arc<Mutex<Option<Waker>>>,
}

#[derive(Clone)]
pub struct Pause {
    paused: Arc<AtomicBool>,
    waker: Arc<Mutex<Option<Waker>>>,
}

impl Pause {
    pub fn set(&self, on: bool) {
        self.paused.store(on, Ordering::SeqCst);
        if !on && let Some(w) = self.waker.lock().unwrap().take() {
            w.wake();
        }
    }
}

impl AsyncRead for Pausable {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        if self.paused.load(Ordering::SeqCst) {
            *self.waker.lock().unwrap() = Some(cx.waker().clone());
            return Poll::Pending;
        }
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl AsyncWrite for Pausable {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }
    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }
    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

/// A viewer connected over SSH.
pub struct Viewer {
    handle: Arc<client::Handle<Trusting>>,
    id: russh::ChannelId,
    write: russh::ChannelWriteHalf<client::Msg>,
    pub term: Arc<Mutex<MarginTerminal>>,
    /// Bytes of frames received.
    pub received: Arc<AtomicUsize>,
    /// When the last bytes came.
    pub last: Arc<Mutex<Instant>>,
    pub closed: Arc<AtomicBool>,
    pub pause: Pause,
    /// When each piece of a frame came, and its size (for the benchmark).
    pub arrivals: Arc<Mutex<Vec<(Instant, usize)>>>,
}

/// Connects and authenticates (with `key`, or keyboard-interactive when
/// there is none), without a channel yet.
pub async fn connect(
    addr: SocketAddr,
    key: Option<&PrivateKey>,
) -> anyhow::Result<(client::Handle<Trusting>, Pause)> {
    let tcp = TcpStream::connect(addr).await?;
    tcp.set_nodelay(true)?;
    let pause = Pause {
        paused: Arc::new(AtomicBool::new(false)),
        waker: Arc::new(Mutex::new(None)),
    };
    let stream = Pausable {
        inner: tcp,
        paused: pause.paused.clone(),
        waker: pause.waker.clone(),
    };
    let config = Arc::new(client::Config::default());
    let mut handle = client::connect_stream(config, stream, Trusting).await?;
    let ok = match key {
        Some(key) => handle
            .authenticate_publickey(
                "viewer",
                PrivateKeyWithHashAlg::new(Arc::new(key.clone()), None),
            )
            .await?
            .success(),
        None => matches!(
            handle
                .authenticate_keyboard_interactive_start("viewer", None::<String>)
                .await?,
            client::KeyboardInteractiveAuthResponse::Success
        ),
    };
    anyhow::ensure!(ok, "not authenticated");
    Ok((handle, pause))
}

impl Viewer {
    /// A viewer at `cols`x`rows` with a terminal that has left/right
    /// margins (`margins`) or not.
    pub async fn open(
        addr: SocketAddr,
        key: Option<&PrivateKey>,
        cols: u16,
        rows: u16,
        margins: bool,
    ) -> anyhow::Result<Viewer> {
        let (handle, pause) = connect(addr, key).await?;
        let channel = handle.channel_open_session().await?;
        channel
            .request_pty(false, "xterm-256color", cols.into(), rows.into(), 0, 0, &[])
            .await?;
        channel.set_env(false, "LANG", "en_US.UTF-8").await?;
        channel.request_shell(false).await?;
        let id = channel.id();
        let (mut read, write) = channel.split();
        let handle = Arc::new(handle);
        let term = Arc::new(Mutex::new(MarginTerminal::new(rows, cols, margins)));
        let received = Arc::new(AtomicUsize::new(0));
        let last = Arc::new(Mutex::new(Instant::now()));
        let closed = Arc::new(AtomicBool::new(false));
        let arrivals = Arc::new(Mutex::new(Vec::new()));
        {
            let (term, received, last, closed, handle, arrivals) = (
                term.clone(),
                received.clone(),
                last.clone(),
                closed.clone(),
                handle.clone(),
                arrivals.clone(),
            );
            tokio::spawn(async move {
                while let Some(msg) = read.wait().await {
                    match msg {
                        ChannelMsg::Data { data } => {
                            received.fetch_add(data.len(), Ordering::SeqCst);
                            let now = Instant::now();
                            *last.lock().unwrap() = now;
                            arrivals.lock().unwrap().push((now, data.len()));
                            let answers = {
                                let mut t = term.lock().unwrap();
                                t.process(&data);
                                t.take_answers()
                            };
                            if !answers.is_empty() {
                                let _ = handle.data(id, answers).await;
                            }
                        }
                        ChannelMsg::Close | ChannelMsg::Eof => break,
                        _ => {}
                    }
                }
                closed.store(true, Ordering::SeqCst);
            });
        }
        Ok(Viewer {
            handle,
            id,
            write,
            term,
            received,
            last,
            closed,
            pause,
            arrivals,
        })
    }

    pub async fn keys(&self, keys: &[u8]) {
        let _ = self.handle.data(self.id, keys.to_vec()).await;
    }

    pub async fn resize(&self, cols: u32, rows: u32) {
        let _ = self.write.window_change(cols, rows, 0, 0).await;
        let (c, r) = folio::serve::screen_size(cols, rows);
        self.term.lock().unwrap().set_size(r, c);
    }

    pub fn screen(&self) -> String {
        self.term.lock().unwrap().screen().contents()
    }

    /// The screen's last row (the status bar).
    pub fn status(&self) -> String {
        self.screen().lines().last().unwrap_or_default().to_string()
    }

    /// Waits until the screen shows `needle`.
    pub async fn wait_for(&self, needle: &str) -> bool {
        self.wait_until(|v| v.screen().contains(needle)).await
    }

    pub async fn wait_until(&self, f: impl Fn(&Viewer) -> bool) -> bool {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if f(self) {
                return true;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        f(self)
    }

    pub async fn bye(&self) {
        let _ = self
            .handle
            .disconnect(Disconnect::ByApplication, "", "")
            .await;
    }
}

/// What a `folio serve` run as a program printed on stderr.
pub type Lines = Arc<Mutex<Vec<String>>>;

/// A new key, made as the server makes its host key.
pub fn new_key() -> PrivateKey {
    folio::serve::new_key().unwrap()
}

/// Asks `child` to stop as a service manager does (SIGTERM).
pub fn sigterm(child: &std::process::Child) {
    let _ = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
}

/// A speaker's new key, its public half written in `dir` for `--speaker`.
pub fn speaker_key_file(dir: &std::path::Path) -> (PrivateKey, std::path::PathBuf) {
    let key = new_key();
    let public = dir.join("speaker.pub");
    std::fs::write(&public, key.public_key().to_openssh().unwrap()).unwrap();
    (key, public)
}

/// `bin serve` with `args`, without a terminal (headless), on a free port
/// of 127.0.0.1, its host key in `dir`: the process, its port, and its
/// stderr lines as they come (read all along, so it never blocks on them).
pub fn serve_binary(
    bin: &std::path::Path,
    dir: &std::path::Path,
    args: &[&str],
) -> (std::process::Child, u16, Lines) {
    use std::io::BufRead;
    use std::process::{Command, Stdio};
    let mut child = Command::new(bin)
        .arg("serve")
        .args(["--listen", "127.0.0.1:0", "--host-key"])
        .arg(dir.join("host"))
        .args(args)
        .env("FOLIO_CONFIG_DIR", dir)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let lines = Lines::default();
    let kept = lines.clone();
    std::thread::spawn(move || {
        let mut port_sent = false;
        for line in std::io::BufReader::new(stderr)
            .lines()
            .map_while(Result::ok)
        {
            if !port_sent && let Some(rest) = line.strip_prefix("folio: viewers: ssh -p ") {
                port_sent = tx
                    .send(rest.split_whitespace().next().unwrap_or("").to_string())
                    .is_ok();
            }
            kept.lock().unwrap().push(line);
        }
    });
    let port = rx
        .recv_timeout(Duration::from_secs(30))
        .expect("folio serve printed where it listens")
        .parse()
        .unwrap();
    (child, port, lines)
}

/// A field of `/proc/PID/status` in KiB (`VmRSS:`, `VmHWM:`), 0 when
/// unknown.
pub fn proc_kib(pid: u32, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}
