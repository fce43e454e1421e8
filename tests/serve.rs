//! `folio serve` over SSH, on 127.0.0.1 only, each test bounded in time
//! and in connections: viewers see the article at their own size, follow
//! the speaker, pause and follow again; nothing but a pty and a shell is
//! granted; bad peers (garbage, silence, floods, absurd sizes, a closed
//! window) cost the others nothing. The real OpenSSH client and a SIGTERM
//! of the real binary are at the end.

use std::io::{Read, Write};
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use folio::action::Action;
use folio::app::{App, Role, Settings};
use folio::serve::{Access, Limits, LogTo, Options, Server, Show};

use crate::common::seed;
use crate::common::ssh::{Viewer, connect};

async fn server_with(limits: Limits, access: Access) -> Server {
    server_for(limits, access, None).await
}

/// A server whose connection lines are kept (`Server::kept_lines`), with
/// `speaker` the speaker's key.
async fn server_for(
    limits: Limits,
    access: Access,
    speaker: Option<russh::keys::PublicKey>,
) -> Server {
    let show = Show {
        bundle: seed().into(),
        settings: Settings::default(),
        keymap: Default::default(),
        source: None,
        house_words: String::new(),
    };
    let options = Options {
        listen: "127.0.0.1:0".parse().unwrap(),
        access,
        speaker,
        limits,
        host_key: crate::common::ssh::new_key(),
    };
    Server::start(show, options, LogTo::Kept).await.unwrap()
}

async fn server() -> Server {
    server_with(Limits::default(), Access::Open).await
}

fn speaker(w: u16, h: u16) -> App {
    crate::common::app_from(seed(), w, h, |init| init.role = Role::Speaker)
}

/// The speaker's first line as the status bar counts it.
fn lines_from(app: &App) -> String {
    format!("lines {}-", app.top() + 1)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_viewer_follows_the_speaker_pauses_on_its_own_move_and_f_follows_again() {
    let server = server().await;
    let stage = server.stage();
    let mut spk = speaker(80, 24);
    stage.publish(spk.cue());
    let v = Viewer::open(server.addr(), None, 80, 24, true)
        .await
        .unwrap();
    assert!(v.wait_for("With Karabakh Conflict").await, "{}", v.screen());
    assert!(v.wait_for("following, 1 watching").await, "{}", v.status());

    for _ in 0..10 {
        spk.update(Action::LineDown);
    }
    stage.publish(spk.cue());
    let want = lines_from(&spk);
    assert!(v.wait_for(&want).await, "want {want}: {}", v.status());

    // The viewer's own move pauses following; the speaker then moves alone.
    v.keys(b"j").await;
    assert!(v.wait_for("paused (f follows)").await, "{}", v.status());
    let paused_at = v.status();
    for _ in 0..5 {
        spk.update(Action::LineDown);
    }
    stage.publish(spk.cue());
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(v.status().contains("paused"), "{}", v.status());
    assert_eq!(
        paused_at.split(" · ").nth(2),
        v.status().split(" · ").nth(2),
        "a paused viewer stays where it is"
    );

    // `f`: where the speaker is now.
    v.keys(b"f").await;
    let want = lines_from(&spk);
    assert!(v.wait_for(&want).await, "want {want}: {}", v.status());
    assert!(
        v.status().contains("following, 1 watching"),
        "{}",
        v.status()
    );

    // `q`: the terminal is given back, with a goodbye.
    v.keys(b"q").await;
    assert!(
        v.wait_until(|v| v.closed.load(std::sync::atomic::Ordering::SeqCst))
            .await
    );
    {
        let term = v.term.lock().unwrap();
        assert!(!term.screen().alternate_screen());
        assert!(term.screen().contents().contains("folio serve: goodbye"));
    }
    server.stop().await;
}

fn closed(v: &Viewer) -> bool {
    v.closed.load(std::sync::atomic::Ordering::SeqCst)
}

/// A server with a speaker's key, and a connection with it that has
/// scrolled ten lines (nobody watching yet).
async fn speaking_at_line_11() -> (russh::keys::PrivateKey, Server, Viewer) {
    let key = crate::common::ssh::new_key();
    let server = server_for(
        Limits::default(),
        Access::Open,
        Some(key.public_key().clone()),
    )
    .await;
    let spk = Viewer::open(server.addr(), Some(&key), 80, 24, true)
        .await
        .unwrap();
    assert!(spk.wait_for("0 watching").await, "{}", spk.status());
    spk.keys(b"jjjjjjjjjj").await;
    assert!(spk.wait_for("lines 11-").await, "{}", spk.status());
    (key, server, spk)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_speaker_that_reconnects_starts_at_the_talks_place_and_viewers_stay_there() {
    let (key, server, spk) = speaking_at_line_11().await;
    let v = Viewer::open(server.addr(), None, 80, 24, true)
        .await
        .unwrap();
    assert!(v.wait_for("lines 11-").await, "{}", v.status());
    spk.keys(b"q").await;
    assert!(spk.wait_until(closed).await);

    // Back: at the talk's place, and the viewer has not moved.
    let again = Viewer::open(server.addr(), Some(&key), 80, 24, true)
        .await
        .unwrap();
    assert!(again.wait_for("1 watching").await, "{}", again.status());
    assert!(again.wait_for("lines 11-").await, "{}", again.status());
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(v.status().contains("lines 11-"), "{}", v.status());
    assert!(v.status().contains("following"), "{}", v.status());
    // Its first move is published.
    again.keys(b"j").await;
    assert!(v.wait_for("lines 12-").await, "{}", v.status());
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_speaker_connection_at_a_time_a_second_with_the_key_watches() {
    let (key, server, first) = speaking_at_line_11().await;

    // The same key again: a viewer, following the first.
    let second = Viewer::open(server.addr(), Some(&key), 80, 24, true)
        .await
        .unwrap();
    assert!(
        second.wait_for("following, 1 watching").await,
        "{}",
        second.status()
    );
    assert!(second.wait_for("lines 11-").await, "{}", second.status());
    assert!(
        wait_logged(
            &server,
            &["joined as viewer (a speaker is already connected)"]
        )
        .await,
        "{:?}",
        server.kept_lines()
    );
    first.keys(b"jjjjj").await;
    assert!(second.wait_for("lines 16-").await, "{}", second.status());
    // Its own key pauses it, and moves nobody else.
    second.keys(b"j").await;
    assert!(second.wait_for("paused").await, "{}", second.status());
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(first.status().contains("lines 16-"), "{}", first.status());

    // The speaker gone, the key speaks again.
    first.keys(b"q").await;
    assert!(first.wait_until(closed).await);
    let third = Viewer::open(server.addr(), Some(&key), 80, 24, true)
        .await
        .unwrap();
    assert!(third.wait_for("1 watching").await, "{}", third.status());
    assert!(!third.status().contains("follow"), "{}", third.status());
    second.keys(b"f").await;
    assert!(second.wait_for("following").await, "{}", second.status());
    third.keys(b"jj").await;
    assert!(second.wait_for("lines 18-").await, "{}", second.status());
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_viewer_has_its_own_size_and_absurd_sizes_are_clamped() {
    let server = server().await;
    let narrow = Viewer::open(server.addr(), None, 60, 20, false)
        .await
        .unwrap();
    let wide = Viewer::open(server.addr(), None, 160, 45, true)
        .await
        .unwrap();
    assert!(narrow.wait_for("2 watching").await, "{}", narrow.status());
    assert!(wide.wait_for("2 watching").await, "{}", wide.status());
    // Wide enough for the news line beside the article; narrow not.
    assert!(wide.screen().contains("│"), "{}", wide.screen());
    assert!(!narrow.screen().contains("│"), "{}", narrow.screen());

    narrow.resize(0, 0).await; // read as 80x24
    assert!(
        narrow.wait_for("lines 1-21/132").await,
        "{}",
        narrow.status()
    );
    narrow.resize(10_000, 10_000).await; // clamped
    let before = narrow.received.load(std::sync::atomic::Ordering::SeqCst);
    assert!(
        narrow
            .wait_until(|v| v.received.load(std::sync::atomic::Ordering::SeqCst) > before)
            .await
    );
    let rows = narrow.term.lock().unwrap().screen().size().0;
    assert_eq!(u16::from(rows), folio::serve::MAX_ROWS);
    narrow.resize(1, 1).await;
    narrow.resize(70, 22).await;
    assert!(narrow.wait_for(" Article ").await, "{}", narrow.screen());
    // The other viewer answered all along.
    wide.keys(b"G").await;
    assert!(wide.wait_for(" End").await, "{}", wide.status());
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exec_forwarding_and_a_second_session_are_refused() {
    let server = server().await;
    let (handle, _) = connect(server.addr(), None).await.unwrap();
    let mut exec = handle.channel_open_session().await.unwrap();
    // X11 and agent forwarding on the session: refused and logged.
    exec.request_x11(true, false, "MIT-MAGIC-COOKIE-1", "0123", 0)
        .await
        .unwrap();
    exec.agent_forward(true).await.unwrap();
    exec.exec(true, "cat /etc/passwd").await.unwrap();
    // Three requests, three failures: X11, the agent, exec.
    let mut failures = 0;
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        match tokio::time::timeout(Duration::from_secs(1), exec.wait()).await {
            Ok(Some(russh::ChannelMsg::Failure)) => {
                failures += 1;
                if failures == 3 {
                    break;
                }
            }
            Ok(Some(russh::ChannelMsg::Data { data })) => {
                panic!("exec ran: {data:?}")
            }
            Ok(None) => break,
            _ => {}
        }
    }
    assert_eq!(failures, 3, "X11, agent forwarding or exec was not refused");
    // A second session on the connection, forwarding either way: refused.
    assert!(handle.channel_open_session().await.is_err());
    assert!(
        handle
            .channel_open_direct_tcpip("127.0.0.1", 22, "127.0.0.1", 5000)
            .await
            .is_err()
    );
    assert!(handle.tcpip_forward("127.0.0.1", 0).await.is_err());
    // Each refusal is logged, with what was asked.
    assert!(wait_logged(&server, &["exec refused", "cat /etc/passwd"]).await);
    assert!(wait_logged(&server, &["X11 forwarding refused"]).await);
    assert!(wait_logged(&server, &["agent forwarding refused"]).await);
    assert!(
        wait_logged(
            &server,
            &["port forwarding refused", "\"127.0.0.1\" port 22"]
        )
        .await
    );
    assert!(
        wait_logged(
            &server,
            &["remote port forwarding refused", "\"127.0.0.1\" port 0"]
        )
        .await
    );
    server.stop().await;
}

/// Whether a line of the server's log contains every one of `parts`.
fn logged(server: &Server, parts: &[&str]) -> bool {
    server
        .kept_lines()
        .iter()
        .any(|l| parts.iter().all(|p| l.contains(p)))
}

/// Waits (5 s at most) until a line of the server's log contains every
/// one of `parts`.
async fn wait_logged(server: &Server, parts: &[&str]) -> bool {
    let deadline = Instant::now() + Duration::from_secs(5);
    while !logged(server, parts) && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    logged(server, parts)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_shell_without_a_pty_is_refused_with_a_line_on_stderr_and_exit_status_1() {
    let server = server().await;
    let (handle, _) = connect(server.addr(), None).await.unwrap();
    let mut channel = handle.channel_open_session().await.unwrap();
    channel.request_shell(true).await.unwrap();
    let (mut stdout, mut stderr, mut status, mut closed) = (Vec::new(), Vec::new(), None, false);
    let deadline = Instant::now() + Duration::from_secs(5);
    while !closed && Instant::now() < deadline {
        match tokio::time::timeout(Duration::from_secs(1), channel.wait()).await {
            Ok(Some(russh::ChannelMsg::Data { data })) => stdout.extend_from_slice(&data),
            Ok(Some(russh::ChannelMsg::ExtendedData { data, ext: 1 })) => {
                stderr.extend_from_slice(&data)
            }
            Ok(Some(russh::ChannelMsg::ExitStatus { exit_status })) => status = Some(exit_status),
            Ok(Some(russh::ChannelMsg::Close) | None) => closed = true,
            _ => {}
        }
    }
    assert!(closed, "the channel was not closed");
    assert_eq!(status, Some(1));
    assert!(stdout.is_empty(), "a screen was sent: {stdout:?}");
    let stderr = String::from_utf8_lossy(&stderr);
    assert!(stderr.contains("connect with ssh -t"), "{stderr:?}");
    assert!(logged(&server, &["shell without a pty refused"]));
    assert!(!logged(&server, &["joined"]), "{:?}", server.kept_lines());
    // Again and again on the one connection: a few sessions, then none (a
    // client looping so would fill the log).
    let mut opened = 1;
    while opened < 20 {
        let Ok(mut c) = handle.channel_open_session().await else {
            break;
        };
        opened += 1;
        c.request_shell(true).await.unwrap();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(russh::ChannelMsg::Close) | None) =
                tokio::time::timeout(Duration::from_secs(1), c.wait()).await
            {
                break;
            }
        }
    }
    assert_eq!(opened, 8, "sessions one connection could open");
    let refusals = (server.kept_lines().iter())
        .filter(|l| l.contains("shell without a pty refused"))
        .count();
    assert_eq!(refusals, 8);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_listed_keys_get_in_and_never_by_password() {
    let allowed = crate::common::ssh::new_key();
    let other = crate::common::ssh::new_key();
    let server = server_with(
        Limits::default(),
        Access::Keys(vec![allowed.public_key().clone()]),
    )
    .await;
    assert!(connect(server.addr(), Some(&allowed)).await.is_ok());
    assert!(connect(server.addr(), Some(&other)).await.is_err());
    let other_print = folio::serve::key_fingerprint(other.public_key());
    assert!(
        wait_logged(&server, &["refused, key", &other_print, "not authorized"]).await,
        "{:?}",
        server.kept_lines()
    );
    assert!(connect(server.addr(), None).await.is_err());
    assert!(
        wait_logged(&server, &["refused, no key offered"]).await,
        "{:?}",
        server.kept_lines()
    );
    // A client that tries several keys: one line, naming the last.
    let third = crate::common::ssh::new_key();
    {
        let tcp = tokio::net::TcpStream::connect(server.addr()).await.unwrap();
        let mut h = russh::client::connect_stream(
            std::sync::Arc::new(russh::client::Config::default()),
            tcp,
            crate::common::ssh::Trusting,
        )
        .await
        .unwrap();
        for key in [&other, &third] {
            let with =
                russh::keys::PrivateKeyWithHashAlg::new(std::sync::Arc::new(key.clone()), None);
            let auth = h.authenticate_publickey("viewer", with).await.unwrap();
            assert!(!auth.success());
        }
        let _ = h.disconnect(russh::Disconnect::ByApplication, "", "").await;
    }
    let third_print = folio::serve::key_fingerprint(third.public_key());
    assert!(
        wait_logged(&server, &["2 keys not authorized, the last", &third_print]).await,
        "{:?}",
        server.kept_lines()
    );
    let refusals = server
        .kept_lines()
        .iter()
        .filter(|l| l.contains("not authorized"))
        .count();
    assert_eq!(refusals, 2, "{:?}", server.kept_lines());
    let (mut handle, _) = {
        let tcp = tokio::net::TcpStream::connect(server.addr()).await.unwrap();
        let h = russh::client::connect_stream(
            std::sync::Arc::new(russh::client::Config::default()),
            tcp,
            crate::common::ssh::Trusting,
        )
        .await
        .unwrap();
        (h, ())
    };
    let by_password = handle
        .authenticate_password("viewer", "hunter2")
        .await
        .unwrap();
    assert!(!by_password.success());
    server.stop().await;
}

/// Reads from `tcp` until it closes or `limit` passes; whether it closed.
fn closes_within(tcp: &mut std::net::TcpStream, limit: Duration) -> bool {
    tcp.set_read_timeout(Some(Duration::from_millis(100)))
        .unwrap();
    let deadline = Instant::now() + limit;
    let mut buf = [0u8; 4096];
    while Instant::now() < deadline {
        match tcp.read(&mut buf) {
            Ok(0) => return true,
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
            Err(e) if e.kind() == std::io::ErrorKind::TimedOut => {}
            Err(_) => return true,
        }
    }
    false
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn garbage_silence_and_a_flood_of_connections_leave_the_server_serving() {
    let limits = Limits {
        max_sessions: 20,
        per_address_per_minute: 10_000,
        // Long enough for the last viewer's handshake in a debug build on
        // a busy machine (1 s failed under the whole test run's load).
        auth_timeout: Duration::from_secs(3),
        ..Limits::default()
    };
    let server = server_with(limits, Access::Open).await;
    let addr: SocketAddr = server.addr();
    let (garbage, silent) = tokio::task::spawn_blocking(move || {
        let mut g = std::net::TcpStream::connect(addr).unwrap();
        g.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n\x00\xff\x1b[2J")
            .unwrap();
        let mut s = std::net::TcpStream::connect(addr).unwrap();
        (
            closes_within(&mut g, Duration::from_secs(5)),
            closes_within(&mut s, Duration::from_secs(5)),
        )
    })
    .await
    .unwrap();
    assert!(garbage, "a peer sending garbage was not dropped");
    assert!(
        silent,
        "a silent peer was not dropped after the auth timeout"
    );

    // 500 connections: past the limit each is closed at once.
    let held = tokio::task::spawn_blocking(move || {
        let conns: Vec<_> = (0..500)
            .filter_map(|_| std::net::TcpStream::connect(addr).ok())
            .collect();
        let mut closed = 0;
        for mut c in conns.into_iter().skip(40).take(20) {
            if closes_within(&mut c, Duration::from_millis(500)) {
                closed += 1;
            }
        }
        closed
    })
    .await
    .unwrap();
    assert_eq!(held, 20, "connections past --max-sessions were kept");
    // The flood gone (each silent one dropped after the auth timeout), a
    // viewer gets in.
    let deadline = Instant::now() + Duration::from_secs(10);
    while server.connections() > 0 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(server.connections(), 0, "what the flood took was not freed");
    let v = Viewer::open(addr, None, 80, 24, true).await.unwrap();
    assert!(v.wait_for("With Karabakh Conflict").await, "{}", v.screen());
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_megabyte_of_keys_and_a_stalled_viewer_delay_nobody() {
    let server = server().await;
    let stage = server.stage();
    let mut spk = speaker(80, 24);
    stage.publish(spk.cue());
    let flood = Viewer::open(server.addr(), None, 80, 24, true)
        .await
        .unwrap();
    let stalled = Viewer::open(server.addr(), None, 80, 24, true)
        .await
        .unwrap();
    let watcher = Viewer::open(server.addr(), None, 80, 24, true)
        .await
        .unwrap();
    for v in [&flood, &stalled, &watcher] {
        assert!(v.wait_for("3 watching").await, "{}", v.status());
    }
    stalled.pause.set(true);
    // A megabyte of `j` and `k` from one viewer...
    let keys: Vec<u8> = b"jk".iter().copied().cycle().take(1 << 20).collect();
    let flooding = {
        let keys = keys.clone();
        let flood = std::sync::Arc::new(flood);
        let f = flood.clone();
        (tokio::spawn(async move { f.keys(&keys).await }), flood)
    };
    // ...while the speaker moves: the watcher follows, promptly.
    for step in 0..50 {
        spk.update(Action::LineDown);
        stage.publish(spk.cue());
        if step % 10 == 9 {
            let want = lines_from(&spk);
            let t = Instant::now();
            assert!(
                watcher.wait_for(&want).await,
                "want {want}: {}",
                watcher.status()
            );
            assert!(
                t.elapsed() < Duration::from_secs(2),
                "took {:?}",
                t.elapsed()
            );
        }
    }
    flooding.0.await.unwrap();
    // The stalled one, reading again, shows where the speaker is now.
    stalled.pause.set(false);
    let want = lines_from(&spk);
    assert!(
        stalled.wait_for(&want).await,
        "want {want}: {}",
        stalled.status()
    );
    // The flood was cut to the key budget; the flooder, paused by its own
    // moves, still answers a key.
    assert!(
        flooding.1.wait_for("paused").await,
        "{}",
        flooding.1.status()
    );
    tokio::time::sleep(Duration::from_millis(200)).await;
    flooding.1.keys(b"G").await;
    assert!(flooding.1.wait_for(" End").await, "{}", flooding.1.status());
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stopping_the_server_says_goodbye_and_restores_every_terminal() {
    let server = server().await;
    let a = Viewer::open(server.addr(), None, 80, 24, true)
        .await
        .unwrap();
    let b = Viewer::open(server.addr(), None, 100, 30, false)
        .await
        .unwrap();
    assert!(b.wait_for("2 watching").await);
    server.stop().await;
    for v in [&a, &b] {
        assert!(
            v.wait_until(|v| v.closed.load(std::sync::atomic::Ordering::SeqCst))
                .await
        );
        let t = v.term.lock().unwrap();
        assert!(!t.screen().alternate_screen());
        assert!(
            t.screen().contents().contains("the talk has ended"),
            "{}",
            t.screen().contents()
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn at_stop_the_latency_line_is_the_last_after_every_viewers() {
    let server = server().await;
    let stage = server.stage();
    let mut spk = speaker(80, 24);
    stage.publish(spk.cue());
    let viewers = [
        Viewer::open(server.addr(), None, 80, 24, true)
            .await
            .unwrap(),
        Viewer::open(server.addr(), None, 100, 30, false)
            .await
            .unwrap(),
    ];
    for v in &viewers {
        assert!(v.wait_for("following, 2 watching").await, "{}", v.status());
    }
    spk.update(Action::LineDown);
    stage.publish(spk.cue());
    for v in &viewers {
        assert!(v.wait_for("lines 2-").await, "{}", v.status());
    }
    server.stop().await;
    let lines = server.kept_lines();
    let last = lines.last().cloned().unwrap_or_default();
    assert!(last.contains("frames followed the speaker"), "{lines:#?}");
    let left = lines.iter().filter(|l| l.contains(" left after ")).count();
    assert_eq!(left, 2, "{lines:#?}");
}

fn viewer_app(w: u16, h: u16) -> App {
    crate::common::app_from(seed(), w, h, |init| init.role = Role::Viewer)
}

#[test]
fn in_a_viewer_f_follows_elsewhere_it_pages_and_a_viewer_edits_nothing() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use folio::app::Msg;
    let f = KeyEvent::new(KeyCode::Char('f'), KeyModifiers::NONE);
    let reader = crate::common::app(seed(), 80, 24);
    let viewer = viewer_app(80, 24);
    let keymap = folio::keymap::Keymap::default();
    assert_eq!(
        keymap.action_for(reader.contexts(), &f),
        Some(Action::PageDown)
    );
    assert_eq!(
        keymap.action_for(viewer.contexts(), &f),
        Some(Action::FollowSpeaker)
    );

    let mut spk = speaker(100, 30);
    let mut v = viewer_app(60, 20);
    assert!(v.is_following());
    for _ in 0..12 {
        spk.update(Action::LineDown);
    }
    v.update(Msg::Cue(spk.cue()));
    let at = v.top();
    assert!(at > 0, "the viewer went where the speaker is");
    // A resize keeps following; a key of its own pauses.
    v.update(Msg::Resize(90, 30));
    assert!(v.is_following());
    v.update(Action::LineDown);
    assert!(!v.is_following());
    assert_eq!(v.message(), Some("Following paused: f to follow"));
    spk.update(Action::Bottom);
    v.update(Msg::Cue(spk.cue()));
    let paused_top = v.top();
    v.update(Action::FollowSpeaker);
    assert!(v.is_following());
    assert!(v.top() > paused_top, "f went to where the speaker is now");
    v.update(Action::Edit);
    assert_eq!(
        v.message(),
        Some("A viewer edits nothing: the bundle is the speaker's")
    );
    let commands = v.update(Action::Suspend);
    assert!(!commands.contains(&folio::app::Command::Suspend));
    assert!(
        v.message()
            .is_some_and(|m| m.contains("cannot be suspended"))
    );
}

/// Prints the server's lines when the test ends (read only when it fails).
struct ShowOnDrop(crate::common::ssh::Lines);

impl Drop for ShowOnDrop {
    fn drop(&mut self) {
        for line in self.0.lock().unwrap().iter() {
            eprintln!("{line}");
        }
    }
}

/// Kills the server when a test ends early (a failed assertion).
struct Reap(std::process::Child);

impl Drop for Reap {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn exit_within(child: &mut std::process::Child, limit: Duration) -> Option<i32> {
    use std::os::unix::process::ExitStatusExt;
    let deadline = Instant::now() + limit;
    while Instant::now() < deadline {
        if let Some(status) = child.try_wait().unwrap() {
            return status.code().or(status.signal().map(|s| 128 + s));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    None
}

#[test]
fn openssh_viewer_follows_the_speaker_detaches_and_quits_with_its_terminal_restored() {
    if std::process::Command::new("ssh")
        .arg("-V")
        .output()
        .is_err()
    {
        panic!("the OpenSSH client (ssh) is needed for this test");
    }
    let dir = tempfile::tempdir().unwrap();
    let (key, pub_file) = crate::common::ssh::speaker_key_file(dir.path());
    let (server, port, log) = crate::common::ssh::serve_binary(
        std::path::Path::new(env!("CARGO_BIN_EXE_folio")),
        dir.path(),
        &["--open", "--speaker", pub_file.to_str().unwrap()],
    );
    // The server's lines, for a failing test's output.
    let _show_log = ShowOnDrop(log.clone());
    let mut server = Reap(server);
    let addr: SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let spk = rt
        .block_on(Viewer::open(addr, Some(&key), 80, 24, true))
        .unwrap();
    assert!(rt.block_on(spk.wait_for("0 watching")), "{}", spk.screen());

    let port = port.to_string();
    let mut ssh = crate::common::pty::Session::start_program(
        "ssh",
        &[
            "-tt",
            "-p",
            &port,
            "-F",
            "/dev/null",
            "-o",
            "StrictHostKeyChecking=no",
            "-o",
            "UserKnownHostsFile=/dev/null",
            "-o",
            "LogLevel=ERROR",
            "-o",
            "SendEnv=LANG",
            "viewer@127.0.0.1",
        ],
        80,
        24,
    );
    ssh.wait_for(&["With Karabakh Conflict", "following, 1 watching"]);
    // UTF-8 from the client's LANG: the footnote marks are superscripts.
    assert!(ssh.screen().contains('¹'), "{}", ssh.screen());
    assert!(rt.block_on(spk.wait_for("1 watching")), "{}", spk.status());

    rt.block_on(spk.keys(b"jjjjjjjjjj"));
    assert!(rt.block_on(spk.wait_for("lines 11-")), "{}", spk.status());
    ssh.wait_for(&["lines 11-", "following"]);
    ssh.send("j");
    ssh.wait_for(&["paused (f follows)", "lines 12-"]);
    rt.block_on(spk.keys(b"jjjjj"));
    assert!(rt.block_on(spk.wait_for("lines 16-")), "{}", spk.status());
    std::thread::sleep(Duration::from_millis(300));
    assert!(ssh.screen().contains("lines 12-"), "{}", ssh.screen());
    ssh.send("f");
    ssh.wait_for(&["lines 16-", "following"]);
    ssh.send("q");
    assert_eq!(ssh.wait_exit(), 0);
    ssh.left_cleanly();
    assert!(
        ssh.screen().contains("folio serve: goodbye"),
        "{}",
        ssh.screen()
    );

    // Headless, the banner said how to stop it (read long since).
    assert!(
        (log.lock().unwrap().iter()).any(|l| l == "folio: Ctrl-c or SIGTERM stops the server"),
        "{:?}",
        log.lock().unwrap()
    );
    // SIGTERM: the speaker is told and its terminal restored; the server exits.
    crate::common::ssh::sigterm(&server.0);
    assert!(rt.block_on(spk.wait_until(|v| v.closed.load(std::sync::atomic::Ordering::SeqCst))));
    assert!(
        spk.screen().contains("the talk has ended"),
        "{}",
        spk.screen()
    );
    assert!(!spk.term.lock().unwrap().screen().alternate_screen());
    assert_eq!(
        exit_within(&mut server.0, Duration::from_secs(10)),
        Some(143)
    );
}

#[test]
fn serve_refuses_without_an_access_rule_and_a_host_key_others_can_read() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_folio"))
            .arg("serve")
            .args(args)
            .env("FOLIO_CONFIG_DIR", dir.path())
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap()
    };
    let out = run(&["--listen", "127.0.0.1:0"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--open") && err.contains("--authorized-keys"),
        "{err}"
    );

    let host = dir.path().join("wide");
    std::fs::write(&host, "x").unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&host, std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = run(&[
        "--open",
        "--listen",
        "127.0.0.1:0",
        "--host-key",
        host.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("chmod 600"), "{err}");
}
