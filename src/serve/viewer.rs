//! One SSH connection: its handler (what the peer may ask: a pty, a shell,
//! sizes, a few environment variables; nothing else) and its viewer task,
//! which owns the reader [`Session`] and the channel's writer.
//!
//! The task draws only when the last frame has been handed to the channel
//! (which waits for the peer's window): while a frame is in flight, changes
//! only mark the screen dirty. So a viewer holds at most one frame; frames
//! in between are never made, and the next is computed against what the
//! viewer's terminal has. A slow viewer delays nobody else: each has its
//! own task, and the speaker's place reaches it through a `watch` channel
//! that keeps only the newest.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use ratatui::layout::Rect;
use russh::server::{Auth, Msg as SshMsg, Session as SshSession};
use russh::{Channel, ChannelId, MethodKind, MethodSet};
use tokio::io::AsyncWriteExt as _;
use tokio::sync::mpsc;

use super::Shared;
use super::access::fingerprint;
use super::keys::{Input, KeyReader};
use super::limits::screen_size;
use crate::app::{Command, Init, Msg, Role};
use crate::bookmarks::BookmarkFile;
use crate::bookmarks::store::Loaded;
use crate::glyphs::Glyphs;
use crate::render::Encoder;
use crate::session::{RenderMode, Session};

/// What the handler passes to the viewer task.
#[derive(Debug)]
pub(super) enum ToViewer {
    Bytes(Vec<u8>),
    Resize(u16, u16),
    Closed,
}

/// Environment variables a viewer may set: the terminal's kind and the
/// locale. Nothing else is honoured.
fn honoured(name: &str) -> bool {
    matches!(name, "TERM" | "LANG" | "COLORTERM") || name.starts_with("LC_")
}

/// What a peer asked for, as a log line shows it: 40 characters at most,
/// neutralised.
fn shown(asked: &str) -> String {
    let cut: String = asked.chars().take(40).collect();
    crate::sanitize::clean(&cut, Glyphs::ASCII).into_owned()
}

/// The authentication attempts a connection made that were refused.
#[derive(Debug, Default)]
pub(super) struct Tries {
    /// Keys not authorized, and the last of them.
    keys: usize,
    last_key: Option<String>,
    /// An attempt without a key (none, keyboard-interactive, password)
    /// where only keys get in.
    without_key: bool,
}

impl Tries {
    /// The one line for a connection that never got in: why, if it tried
    /// (or ran out of time).
    pub(super) fn refusal(&self, peer: SocketAddr, timed_out: bool) -> Option<String> {
        let why = match (&self.last_key, self.without_key) {
            (Some(key), _) if self.keys == 1 => format!("key {key} not authorized"),
            (Some(key), _) => format!("{} keys not authorized, the last {key}", self.keys),
            (None, true) => "no key offered (only keys get in)".to_string(),
            (None, false) if timed_out => {
                return Some(format!("{peer}: dropped, not authenticated in time"));
            }
            (None, false) => return None,
        };
        Some(if timed_out {
            format!("{peer}: dropped, not authenticated in time ({why})")
        } else {
            format!("{peer}: refused, {why}")
        })
    }
}

/// What a connection without a pty is told (on its stderr).
const NO_PTY: &str = "folio serve shows a reader in a terminal: connect with ssh -t\n";

/// Session channels one connection may open in its life.
const SESSIONS_PER_CONNECTION: u8 = 8;

/// The connection's handler.
pub(super) struct Conn {
    shared: Arc<Shared>,
    peer: SocketAddr,
    authed: Arc<AtomicBool>,
    tries: Arc<Mutex<Tries>>,
    /// The connection's count, held by its viewer's task too.
    live: Arc<super::Live>,
    key: Option<String>,
    speaker: bool,
    channel: Option<Channel<SshMsg>>,
    /// A pty was asked for (a shell is granted only with one).
    pty: bool,
    /// Session channels opened on this connection so far.
    sessions: u8,
    term: String,
    size: (u16, u16),
    env: Vec<(String, String)>,
    to_viewer: Option<mpsc::Sender<ToViewer>>,
}

impl Conn {
    pub(super) fn new(
        shared: Arc<Shared>,
        peer: SocketAddr,
        authed: Arc<AtomicBool>,
        tries: Arc<Mutex<Tries>>,
        live: Arc<super::Live>,
    ) -> Conn {
        Conn {
            shared,
            peer,
            authed,
            tries,
            live,
            key: None,
            speaker: false,
            channel: None,
            pty: false,
            sessions: 0,
            term: String::new(),
            size: (80, 24),
            env: Vec::new(),
            to_viewer: None,
        }
    }

    fn methods(&self) -> MethodSet {
        if self.shared.access.is_open() {
            MethodSet::from(&[MethodKind::PublicKey, MethodKind::KeyboardInteractive][..])
        } else {
            MethodSet::from(&[MethodKind::PublicKey][..])
        }
    }

    /// Refuses an attempt, remembering it for the connection's one
    /// refusal line: the key, or an attempt without one where only keys
    /// get in (every client asks `none` first; an open room lets it try on).
    fn reject(&self, key: Option<&russh::keys::PublicKey>) -> Auth {
        if let Ok(mut tries) = self.tries.lock() {
            match key {
                Some(key) => {
                    tries.keys += 1;
                    tries.last_key = Some(fingerprint(key));
                }
                None if !self.shared.access.is_open() => tries.without_key = true,
                None => {}
            }
        }
        Auth::Reject {
            proceed_with_methods: Some(self.methods()),
            partial_success: false,
        }
    }

    /// The speaker's key.
    fn is_speaker(&self, key: &russh::keys::PublicKey) -> bool {
        (self.shared.speaker.as_ref()).is_some_and(|s| s.key_data() == key.key_data())
    }

    /// The speaker, or a key the access rule lets in.
    fn may_enter(&self, key: &russh::keys::PublicKey) -> bool {
        self.is_speaker(key) || self.shared.access.allows(key)
    }

    fn accepted(&mut self, key: Option<&russh::keys::PublicKey>) -> Auth {
        self.key = key.map(fingerprint);
        self.speaker = key.is_some_and(|k| self.is_speaker(k));
        self.authed.store(true, Ordering::SeqCst);
        Auth::Accept
    }

    fn who(&self) -> String {
        format!(
            "{} ({})",
            self.peer,
            self.key.as_deref().unwrap_or("no key")
        )
    }
}

impl russh::server::Handler for Conn {
    type Error = russh::Error;

    async fn auth_none(&mut self, _user: &str) -> Result<Auth, Self::Error> {
        Ok(self.reject(None))
    }

    async fn auth_password(&mut self, _user: &str, _password: &str) -> Result<Auth, Self::Error> {
        Ok(self.reject(None))
    }

    async fn auth_publickey_offered(
        &mut self,
        _user: &str,
        offer: russh::server::PublicKeyOffer<'_>,
    ) -> Result<Auth, Self::Error> {
        if self.may_enter(offer.public_key) {
            Ok(Auth::Accept)
        } else {
            Ok(self.reject(Some(offer.public_key)))
        }
    }

    async fn auth_publickey(
        &mut self,
        _user: &str,
        key: russh::server::VerifiedPublicKey<'_>,
    ) -> Result<Auth, Self::Error> {
        if self.may_enter(key.public_key) {
            Ok(self.accepted(Some(key.public_key)))
        } else {
            Ok(self.reject(Some(key.public_key)))
        }
    }

    async fn auth_keyboard_interactive<'a>(
        &'a mut self,
        _user: &str,
        _submethods: &str,
        _response: Option<russh::server::Response<'a>>,
    ) -> Result<Auth, Self::Error> {
        // Only an open room lets in those without a key, with no questions.
        if self.shared.access.is_open() {
            Ok(self.accepted(None))
        } else {
            Ok(self.reject(None))
        }
    }

    async fn channel_open_session(
        &mut self,
        channel: Channel<SshMsg>,
        reply: russh::server::ChannelOpenHandle,
        _session: &mut SshSession,
    ) -> Result<(), Self::Error> {
        // One reader at a time per connection, and a few in its life (a
        // client multiplexing `ssh` runs may open another after one ends;
        // one opening and closing sessions forever would fill the log).
        if self.channel.is_some()
            || self.to_viewer.is_some()
            || self.sessions >= SESSIONS_PER_CONNECTION
        {
            reply
                .reject(russh::ChannelOpenFailure::AdministrativelyProhibited)
                .await;
            return Ok(());
        }
        self.sessions += 1;
        self.channel = Some(channel);
        reply.accept().await;
        Ok(())
    }

    async fn pty_request(
        &mut self,
        channel: ChannelId,
        term: &str,
        col_width: u32,
        row_height: u32,
        _pix_width: u32,
        _pix_height: u32,
        _modes: &[(russh::Pty, u32)],
        session: &mut SshSession,
    ) -> Result<(), Self::Error> {
        self.pty = true;
        self.term = term.chars().take(64).collect();
        self.size = screen_size(col_width, row_height);
        session.channel_success(channel)?;
        Ok(())
    }

    async fn env_request(
        &mut self,
        channel: ChannelId,
        name: &str,
        value: &str,
        session: &mut SshSession,
    ) -> Result<(), Self::Error> {
        if honoured(name) && self.env.len() < 32 && value.len() <= 256 {
            self.env.push((name.to_string(), value.to_string()));
            session.channel_success(channel)?;
        } else {
            session.channel_failure(channel)?;
        }
        Ok(())
    }

    async fn shell_request(
        &mut self,
        channel: ChannelId,
        session: &mut SshSession,
    ) -> Result<(), Self::Error> {
        let Some(ch) = self.channel.take().filter(|c| c.id() == channel) else {
            session.channel_failure(channel)?;
            return Ok(());
        };
        session.channel_success(channel)?;
        if !self.pty {
            // A reader needs a terminal: say so on stderr, exit status 1.
            self.shared
                .log(format!("{}: shell without a pty refused", self.who()));
            session.extended_data(channel, 1, NO_PTY.as_bytes().to_vec())?;
            session.exit_status_request(channel, 1)?;
            session.eof(channel)?;
            session.close(channel)?;
            return Ok(());
        }
        let (tx, rx) = mpsc::channel(16);
        self.to_viewer = Some(tx);
        // One speaker connection at a time: another with the key watches.
        let speaking = self.speaker.then(|| self.shared.stage.speak()).flatten();
        let role = if speaking.is_some() {
            Role::Speaker
        } else {
            Role::Viewer
        };
        let spec = Spec {
            role,
            speaking,
            note: if self.speaker && role == Role::Viewer {
                " (a speaker is already connected)"
            } else {
                ""
            },
            size: self.size,
            term: self.term.clone(),
            env: std::mem::take(&mut self.env),
            who: self.who(),
        };
        let shared = self.shared.clone();
        let handle = session.handle();
        let live = self.live.clone();
        tokio::spawn(async move {
            // Counted until its last line is logged.
            let _live = live;
            let writer = ch.make_writer();
            let id = ch.id();
            // The channel's reading half is the handler's: dropped here.
            drop(ch);
            run(shared, spec, rx, writer, handle, id).await;
        });
        Ok(())
    }

    async fn exec_request(
        &mut self,
        channel: ChannelId,
        data: &[u8],
        session: &mut SshSession,
    ) -> Result<(), Self::Error> {
        self.shared.log(format!(
            "{}: exec refused ({:?})",
            self.who(),
            shown(&String::from_utf8_lossy(data))
        ));
        session.channel_failure(channel)?;
        Ok(())
    }

    async fn subsystem_request(
        &mut self,
        channel: ChannelId,
        name: &str,
        session: &mut SshSession,
    ) -> Result<(), Self::Error> {
        self.shared.log(format!(
            "{}: subsystem refused ({:?})",
            self.who(),
            shown(name)
        ));
        session.channel_failure(channel)?;
        Ok(())
    }

    async fn channel_open_direct_tcpip(
        &mut self,
        _channel: Channel<SshMsg>,
        host_to_connect: &str,
        port_to_connect: u32,
        _originator_address: &str,
        _originator_port: u32,
        reply: russh::server::ChannelOpenHandle,
        _session: &mut SshSession,
    ) -> Result<(), Self::Error> {
        self.shared.log(format!(
            "{}: port forwarding refused (to {:?} port {port_to_connect})",
            self.who(),
            shown(host_to_connect)
        ));
        reply
            .reject(russh::ChannelOpenFailure::AdministrativelyProhibited)
            .await;
        Ok(())
    }

    async fn x11_request(
        &mut self,
        channel: ChannelId,
        _single_connection: bool,
        _x11_auth_protocol: &str,
        _x11_auth_cookie: &str,
        _x11_screen_number: u32,
        session: &mut SshSession,
    ) -> Result<(), Self::Error> {
        self.shared
            .log(format!("{}: X11 forwarding refused", self.who()));
        session.channel_failure(channel)?;
        Ok(())
    }

    async fn agent_request(
        &mut self,
        _channel: ChannelId,
        _session: &mut SshSession,
    ) -> Result<bool, Self::Error> {
        self.shared
            .log(format!("{}: agent forwarding refused", self.who()));
        Ok(false)
    }

    async fn channel_open_x11(
        &mut self,
        _channel: Channel<SshMsg>,
        _originator_address: &str,
        _originator_port: u32,
        reply: russh::server::ChannelOpenHandle,
        _session: &mut SshSession,
    ) -> Result<(), Self::Error> {
        self.shared
            .log(format!("{}: X11 channel refused", self.who()));
        reply
            .reject(russh::ChannelOpenFailure::AdministrativelyProhibited)
            .await;
        Ok(())
    }

    async fn tcpip_forward(
        &mut self,
        address: &str,
        port: &mut u32,
        _session: &mut SshSession,
    ) -> Result<bool, Self::Error> {
        self.shared.log(format!(
            "{}: remote port forwarding refused (from {:?} port {port})",
            self.who(),
            shown(address)
        ));
        Ok(false)
    }

    async fn window_change_request(
        &mut self,
        _channel: ChannelId,
        col_width: u32,
        row_height: u32,
        _pix_width: u32,
        _pix_height: u32,
        _session: &mut SshSession,
    ) -> Result<(), Self::Error> {
        let (w, h) = screen_size(col_width, row_height);
        self.size = (w, h);
        if let Some(tx) = &self.to_viewer {
            // Waits while the viewer is behind: the peer is then read no
            // faster than its viewer keeps up.
            let _ = tx.send(ToViewer::Resize(w, h)).await;
        }
        Ok(())
    }

    async fn data(
        &mut self,
        _channel: ChannelId,
        data: &[u8],
        _session: &mut SshSession,
    ) -> Result<(), Self::Error> {
        if let Some(tx) = &self.to_viewer
            && tx.send(ToViewer::Bytes(data.to_vec())).await.is_err()
        {
            return Err(russh::Error::Disconnect);
        }
        Ok(())
    }

    async fn channel_eof(
        &mut self,
        _channel: ChannelId,
        _session: &mut SshSession,
    ) -> Result<(), Self::Error> {
        if let Some(tx) = &self.to_viewer {
            let _ = tx.send(ToViewer::Closed).await;
        }
        Ok(())
    }

    async fn channel_close(
        &mut self,
        _channel: ChannelId,
        _session: &mut SshSession,
    ) -> Result<(), Self::Error> {
        if let Some(tx) = self.to_viewer.take() {
            let _ = tx.send(ToViewer::Closed).await;
        }
        Ok(())
    }
}

/// What a viewer's session is made from.
pub(super) struct Spec {
    pub(super) role: Role,
    /// The speaker's hold on the stage, for a speaker.
    pub(super) speaking: Option<super::stage::Speaking>,
    /// Said after the role in the join line.
    pub(super) note: &'static str,
    pub(super) size: (u16, u16),
    pub(super) term: String,
    pub(super) env: Vec<(String, String)>,
    pub(super) who: String,
}

/// The bytes that take a viewer's terminal: the alternate screen, the
/// cursor hidden, the screen cleared.
const TAKE: &str = "\x1b[?1049h\x1b[?25l\x1b[2J\x1b[H";

/// The bytes that give it back, and a line saying why.
pub(super) fn goodbye(reason: &str) -> String {
    format!(
        "{}\x1b[?25h\x1b[?1049l\r\nfolio serve: {}\r\n",
        Encoder::reset_sequence(),
        crate::sanitize::clean(reason, Glyphs::ASCII)
    )
}

/// Where a viewer's frames go.
type Writer = std::pin::Pin<Box<dyn tokio::io::AsyncWrite + Send>>;

/// A frame being written, and the writer back when it is done.
type Sending = std::pin::Pin<Box<dyn std::future::Future<Output = (Writer, bool)> + Send>>;

fn send(mut writer: Writer, bytes: Vec<u8>) -> Sending {
    Box::pin(async move {
        let ok = writer.write_all(&bytes).await.is_ok() && writer.flush().await.is_ok();
        (writer, ok)
    })
}

/// The session a viewer gets.
fn viewer_session(shared: &Shared, spec: &Spec) -> Session<Vec<u8>> {
    let env = |k: &str| {
        spec.env
            .iter()
            .rev()
            .find(|(name, _)| name == k)
            .map(|(_, v)| v.clone())
    };
    let base = shared.settings;
    let glyphs = Glyphs::from_locale_vars(env);
    let glyphs = if base.glyphs.ascii_decorations {
        glyphs.with_ascii_decorations()
    } else {
        glyphs
    };
    let settings = crate::app::Settings {
        glyphs,
        color: base.color && spec.term != "dumb",
        restore: false,
        demo: false,
        hyperlinks: false,
        ..base
    };
    let (w, h) = spec.size;
    let init = Init {
        source: shared.source.clone(),
        keymap: shared.keymap.clone(),
        house_words: shared.house_words.clone(),
        store: Some(Loaded {
            read_only: None,
            ..Loaded::default()
        }),
        role: spec.role,
        ..Init::new(shared.bundle.clone(), settings, Rect::new(0, 0, w, h))
    };
    // Writing into a Vec cannot fail.
    Session::new(init, Vec::new(), RenderMode::Lean).expect("a session drawing into memory")
}

/// The viewer's task: keys in, frames out, the speaker's place followed.
async fn run(
    shared: Arc<Shared>,
    mut spec: Spec,
    mut inputs: mpsc::Receiver<ToViewer>,
    writer: impl tokio::io::AsyncWrite + Send + 'static,
    handle: russh::server::Handle,
    channel: ChannelId,
) {
    let started = Instant::now();
    let _seat = (spec.role == Role::Viewer).then(|| shared.stage.join());
    shared.log(format!(
        "{} joined as {}{}, {}x{} {}",
        spec.who,
        match spec.role {
            Role::Speaker => "speaker",
            _ => "viewer",
        },
        spec.note,
        spec.size.0,
        spec.size.1,
        crate::sanitize::clean(&spec.term, Glyphs::ASCII)
    ));
    let mut session = viewer_session(&shared, &spec);
    let mut cues = shared.stage.cues();
    let mut audience = shared.stage.audience();
    let mut shutdown = shared.shutdown.subscribe();
    let mut keys = KeyReader::default();
    let mut budget = super::limits::KeyBudget::new(Instant::now());
    let mut dropped = 0usize;
    let mut store = BookmarkFile::default();
    let mut writer: Option<Writer> = Some(Box::pin(writer));
    let mut sending: Option<Sending> = None;
    let mut dirty = true;
    // When the speaker's key that this viewer has yet to be sent came, and
    // that of the frame being sent.
    let mut cue_since: Option<Instant> = None;
    let mut sending_since: Option<Instant> = None;
    // Start where the speaker is: a viewer follows from there, and a
    // speaker that (re)joins a talk under way takes it up there.
    let cue = cues.borrow_and_update().clone();
    if let Some((cue, _)) = &cue {
        session.update(Msg::Cue(cue.clone()));
    }
    // What the stage has from this session: a speaker publishes only
    // where it has moved to (never its fresh session's start over the talk).
    let mut published = cue.map(|_| session.app().cue());
    session.update(Msg::Audience(*audience.borrow_and_update()));
    let mut head = format!("{TAKE}{}", crate::probe::QUESTIONS).into_bytes();
    let mut last_activity = Instant::now();
    // When the last input came (a speaker's cue is stamped with it).
    let mut key_at = Instant::now();
    let idle = shared.limits.idle_timeout;
    let reason: String = 'life: loop {
        if dirty
            && sending.is_none()
            && let Some(w) = writer.take()
        {
            let _ = session.draw();
            let frame = std::mem::take(session.sink_mut().expect("the lean painter"));
            let mut bytes = std::mem::take(&mut head);
            bytes.extend_from_slice(&frame);
            dirty = false;
            if bytes.is_empty() {
                writer = Some(w);
                cue_since = None;
            } else {
                last_activity = Instant::now();
                sending = Some(send(w, bytes));
                sending_since = cue_since.take();
            }
        }
        let idle_left = idle.saturating_sub(last_activity.elapsed());
        let mut commands = Vec::new();
        tokio::select! {
            done = async { sending.as_mut().expect("guarded").await }, if sending.is_some() => {
                sending = None;
                let (w, ok) = done;
                if !ok {
                    break 'life "the connection was lost".to_string();
                }
                writer = Some(w);
                if let Some(since) = sending_since.take() {
                    shared.latencies.record(since.elapsed());
                }
            }
            input = inputs.recv() => {
                last_activity = Instant::now();
                key_at = last_activity;
                match input {
                    None | Some(ToViewer::Closed) => break 'life "left".to_string(),
                    Some(ToViewer::Resize(w, h)) => {
                        commands.extend(session.update(Msg::Resize(w, h)));
                    }
                    Some(ToViewer::Bytes(bytes)) => {
                        let now = Instant::now();
                        for input in keys.feed(&bytes) {
                            match input {
                                Input::Event(_) if !budget.take(now) => {
                                    // A flood: more than anyone types.
                                    if dropped == 0 {
                                        shared.log(format!("{}: too many keys, dropping some", spec.who));
                                    }
                                    dropped += 1;
                                }
                                Input::Event(e) => commands.extend(session.event(&e)),
                                Input::Margins(on) => session.set_margins(on),
                                Input::Attributes => {}
                            }
                            if commands.contains(&Command::Quit) {
                                break;
                            }
                        }
                    }
                }
            }
            changed = cues.changed(), if spec.role == Role::Viewer => {
                if changed.is_err() {
                    break 'life "the talk has ended".to_string();
                }
                let cue = cues.borrow_and_update().clone();
                if let Some((cue, since)) = cue {
                    let before = commands.len();
                    commands.extend(session.update(Msg::Cue(cue)));
                    // The oldest key not yet shown, for the latency figure.
                    if commands.len() > before && session.app().is_following() {
                        cue_since.get_or_insert(since);
                    }
                }
            }
            changed = audience.changed() => {
                if changed.is_ok() {
                    let n = *audience.borrow_and_update();
                    commands.extend(session.update(Msg::Audience(n)));
                }
            }
            _ = shutdown.changed() => {
                break 'life "the talk has ended; thank you for watching".to_string();
            }
            _ = tokio::time::sleep(idle_left) => {
                break 'life format!("closed after {} minutes idle", idle.as_secs() / 60);
            }
        }
        let mut queue: std::collections::VecDeque<Command> = commands.into();
        while let Some(command) = queue.pop_front() {
            match command {
                Command::Redraw => dirty = true,
                Command::Repaint => {
                    let _ = session.invalidate();
                    dirty = true;
                }
                Command::Store(op) => {
                    op.apply(&mut store);
                    queue.extend(session.update(Msg::Stored(Ok((store.clone(), None)))));
                }
                Command::ReadStore => {
                    queue.extend(session.update(Msg::StoreRead(Ok(store.clone()))));
                }
                Command::Edit(_) => {
                    queue.extend(session.update(Msg::Edited(Err(
                        "nothing is edited over folio serve".into(),
                    ))));
                }
                Command::Quit => break 'life "quit".to_string(),
                Command::Suspend | Command::Wake(_) => {}
            }
        }
        if spec.role == Role::Speaker {
            let here = session.app().cue();
            if published.as_ref() != Some(&here) {
                shared.stage.publish_since(here.clone(), key_at);
                published = Some(here);
            }
        }
    };
    // The next connection with the key may speak (before this one's
    // channel is closed).
    drop(spec.speaking.take());
    // The goodbye goes after any frame in flight, if the peer still reads.
    let bye = goodbye(if reason == "quit" || reason == "left" {
        "goodbye"
    } else {
        &reason
    });
    let last = async {
        let w = match sending.take() {
            Some(s) => match s.await {
                (w, true) => Some(w),
                _ => None,
            },
            None => writer.take(),
        };
        if let Some(mut w) = w {
            let _ = w.write_all(bye.as_bytes()).await;
            let _ = w.flush().await;
        }
        let _ = handle.exit_status_request(channel, 0).await;
        let _ = handle.eof(channel).await;
        let _ = handle.close(channel).await;
    };
    let _ = tokio::time::timeout(std::time::Duration::from_secs(2), last).await;
    shared.log(format!(
        "{} {} after {}s",
        spec.who,
        if reason == "quit" { "quit" } else { "left" },
        started.elapsed().as_secs()
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_connection_that_never_got_in_has_one_line_naming_its_last_key() {
        let peer: SocketAddr = "192.0.2.7:5000".parse().unwrap();
        assert_eq!(Tries::default().refusal(peer, false), None);
        assert_eq!(
            Tries::default().refusal(peer, true).as_deref(),
            Some("192.0.2.7:5000: dropped, not authenticated in time")
        );
        let without = Tries {
            without_key: true,
            ..Tries::default()
        };
        assert_eq!(
            without.refusal(peer, false).as_deref(),
            Some("192.0.2.7:5000: refused, no key offered (only keys get in)")
        );
        let keys = Tries {
            keys: 3,
            last_key: Some("SHA256:last".into()),
            without_key: true,
        };
        assert_eq!(
            keys.refusal(peer, false).as_deref(),
            Some("192.0.2.7:5000: refused, 3 keys not authorized, the last SHA256:last")
        );
        assert_eq!(
            keys.refusal(peer, true).as_deref(),
            Some(
                "192.0.2.7:5000: dropped, not authenticated in time \
                 (3 keys not authorized, the last SHA256:last)"
            )
        );
    }
}
