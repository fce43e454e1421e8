//! `folio::fetch` against a small HTTP server the tests start on 127.0.0.1:
//! statuses, redirects, gzip, the size cap, timeouts, and `fetch_all`'s order
//! and bound on parallel connections.

use std::io::Write;
use std::net::TcpListener;
use std::sync::Mutex;
use std::sync::atomic::Ordering;
use std::thread;
use std::time::{Duration, Instant};

use flate2::Compression;

use crate::common::http::*;
use folio::fetch::{
    FetchError, FetchOptions, Progress, ProgressEvent, TimeoutKind, fetch, fetch_all,
};

fn opts() -> FetchOptions {
    FetchOptions {
        connect_timeout: Duration::from_secs(2),
        timeout: Duration::from_secs(3),
        max_size: 64 * 1024,
        max_redirects: 5,
    }
}

#[test]
fn fetch_200_text_with_its_charset() {
    let server = Server::start(1, |_| {
        ok("text/html; Charset=\"ISO-8859-1\"", b"<p>caf\xe9</p>")
    });
    let got = fetch(&server.url("/page"), &opts()).unwrap();
    assert_eq!(got.url, server.url("/page"));
    assert_eq!(got.content_type.as_deref(), Some("text/html"));
    assert_eq!(got.charset.as_deref(), Some("iso-8859-1"));
    assert_eq!(got.body, b"<p>caf\xe9</p>");
    let request = server.requests.lock().unwrap()[0].to_ascii_lowercase();
    assert!(
        request.contains(&format!(
            "user-agent: folio/{}\r\n",
            env!("CARGO_PKG_VERSION")
        )),
        "{request}"
    );
    assert!(
        request.contains("accept-encoding: gzip, deflate\r\n"),
        "{request}"
    );
}

#[test]
fn fetch_gzip_and_deflate_bodies_are_decoded() {
    let server = Server::start(2, |path| {
        let text = b"Paragraph one.\n\nParagraph two.".repeat(10);
        let (encoding, body) = if path == "/gz" {
            ("gzip", gzip(&text))
        } else {
            let mut e = flate2::write::ZlibEncoder::new(Vec::new(), Compression::default());
            e.write_all(&text).unwrap();
            ("deflate", e.finish().unwrap())
        };
        Reply::Raw(response(
            "200 OK",
            &[
                ("Content-Type", "text/plain"),
                ("Content-Encoding", encoding),
            ],
            &body,
        ))
    });
    let want = b"Paragraph one.\n\nParagraph two.".repeat(10);
    assert_eq!(fetch(&server.url("/gz"), &opts()).unwrap().body, want);
    assert_eq!(fetch(&server.url("/deflate"), &opts()).unwrap().body, want);
}

#[test]
fn fetch_404_is_a_status_error() {
    let server = Server::start(1, |_| {
        Reply::Raw(response("404 Not Found", &[], b"no such page"))
    });
    let url = server.url("/missing");
    let err = fetch(&url, &opts()).unwrap_err();
    assert!(
        matches!(err, FetchError::Status { code: 404, .. }),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        format!("{url}: the server answered 404 Not Found; check the URL")
    );
}

#[test]
fn fetch_follows_a_redirect_chain_and_reports_the_final_url() {
    let server = Server::start(3, |path| match path {
        "/old/a" => redirect("301 Moved Permanently", "/new/b"),
        "/new/b" => redirect("302 Found", "c?x=1"),
        "/new/c?x=1" => ok("text/plain", b"final"),
        _ => Reply::Raw(response("404 Not Found", &[], b"")),
    });
    let got = fetch(&server.url("/old/a"), &opts()).unwrap();
    assert_eq!(got.body, b"final");
    assert_eq!(got.url, server.url("/new/c?x=1"));
}

#[test]
fn fetch_stops_a_redirect_loop() {
    let server = Server::start(10, |_| redirect("302 Found", "/loop"));
    let url = server.url("/loop");
    let err = fetch(&url, &opts()).unwrap_err();
    assert!(
        matches!(err, FetchError::TooManyRedirects { limit: 5, .. }),
        "{err:?}"
    );
    assert!(
        err.to_string()
            .starts_with(&format!("{url}: more than 5 redirects"))
    );
    // The first request and five redirects, no more.
    assert_eq!(server.requests.lock().unwrap().len(), 6);
}

#[test]
fn fetch_refuses_a_redirect_out_of_http() {
    let server = Server::start(1, |_| redirect("302 Found", "file:///etc/passwd"));
    let err = fetch(&server.url("/x"), &opts()).unwrap_err();
    assert!(matches!(err, FetchError::BadRedirect { .. }), "{err:?}");
    assert!(err.to_string().contains("file:///etc/passwd"), "{err}");
}

#[test]
fn fetch_times_out_on_a_server_that_never_answers() {
    let server = Server::start(2, |path| {
        if path == "/silent" {
            Reply::Silent(Duration::from_secs(3))
        } else {
            // Headers and a little of the body, then nothing.
            let mut head = response("200 OK", &[("Content-Length", "1000")], b"");
            head.extend_from_slice(b"partial");
            Reply::Stall(head, Duration::from_secs(3))
        }
    });
    let quick = FetchOptions {
        timeout: Duration::from_millis(300),
        ..opts()
    };
    for path in ["/silent", "/stall"] {
        let url = server.url(path);
        let started = Instant::now();
        let err = fetch(&url, &quick).unwrap_err();
        let took = started.elapsed();
        assert!(took < Duration::from_secs(2), "{path} took {took:?}");
        assert!(
            matches!(
                err,
                FetchError::Timeout {
                    kind: TimeoutKind::Whole,
                    ..
                }
            ),
            "{path}: {err:?}"
        );
        assert_eq!(
            err.to_string(),
            format!("{url}: no complete answer within 0.3 s; --timeout SECONDS raises it")
        );
    }
}

#[test]
fn fetch_caps_the_body() {
    let server = Server::start(3, |path| match path {
        "/big" => ok("text/plain", &vec![b'a'; 100_000]),
        "/big-unannounced" => {
            // No Content-Length: the body ends when the connection closes.
            let mut bytes = b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n".to_vec();
            bytes.extend(std::iter::repeat_n(b'a', 100_000));
            Reply::Raw(bytes)
        }
        _ => Reply::Raw(response(
            "200 OK",
            &[("Content-Encoding", "gzip")],
            &gzip(&vec![0u8; 4 << 20]),
        )),
    });
    let small = FetchOptions {
        max_size: 10_000,
        ..opts()
    };
    for path in ["/big", "/big-unannounced", "/bomb"] {
        let url = server.url(path);
        let err = fetch(&url, &small).unwrap_err();
        assert!(
            matches!(err, FetchError::TooLarge { limit: 10_000, .. }),
            "{path}: {err:?}"
        );
        assert_eq!(
            err.to_string(),
            format!("{url}: the body is larger than 10000 bytes; --max-size BYTES raises it")
        );
    }
}

#[test]
fn fetch_a_refused_connection_is_a_connect_error() {
    let port = {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let url = format!("http://127.0.0.1:{port}/");
    let err = fetch(&url, &opts()).unwrap_err();
    assert!(matches!(err, FetchError::Connect { .. }), "{err:?}");
    assert!(err.to_string().starts_with(&url), "{err}");
}

#[test]
fn fetch_all_keeps_the_order_and_the_bound() {
    let server = Server::start(7, |path| {
        let n: u64 = path.trim_start_matches("/item/").parse().unwrap_or(0);
        // Later items answer sooner, so finishing order differs from input order.
        let body = if n == 3 {
            return Reply::Raw(response("404 Not Found", &[], b""));
        } else {
            format!("item {n}").into_bytes()
        };
        Reply::Later(
            Duration::from_millis(120 - 15 * n),
            response("200 OK", &[("Content-Type", "text/plain")], &body),
        )
    });
    let urls: Vec<String> = (0..7).map(|i| server.url(&format!("/item/{i}"))).collect();
    let events = Mutex::new(Vec::new());
    let record = |p: Progress<'_>| {
        events
            .lock()
            .unwrap()
            .push((p.event, p.index, p.done, p.total, p.url.to_string()));
    };
    let results = fetch_all(&urls, &opts(), 2, &record);
    assert_eq!(results.len(), 7);
    for (i, r) in results.iter().enumerate() {
        if i == 3 {
            assert!(
                matches!(r, Err(FetchError::Status { code: 404, .. })),
                "{r:?}"
            );
        } else {
            assert_eq!(r.as_ref().unwrap().body, format!("item {i}").into_bytes());
        }
    }
    let max_open = server.max_open.load(Ordering::SeqCst);
    assert!(max_open <= 2, "{max_open} connections at once");
    assert_eq!(max_open, 2, "the two workers overlap");
    let events = events.into_inner().unwrap();
    let started = events
        .iter()
        .filter(|e| e.0 == ProgressEvent::Started)
        .count();
    let finished: Vec<_> = events
        .iter()
        .filter(|e| matches!(e.0, ProgressEvent::Finished { .. }))
        .collect();
    assert_eq!(started, 7);
    assert_eq!(finished.len(), 7);
    assert_eq!(finished.last().unwrap().2, 7, "done counts up to the total");
    assert!(events.iter().all(|e| e.3 == 7 && e.4 == urls[e.1]));
    assert!(
        finished
            .iter()
            .any(|e| e.0 == ProgressEvent::Finished { ok: false } && e.1 == 3)
    );
}

#[test]
fn fetch_all_of_nothing_is_nothing() {
    assert!(fetch_all(&[], &opts(), 4, &|_| {}).is_empty());
}

#[test]
fn fetch_https_from_a_server_that_speaks_no_tls_is_a_tls_error() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    thread::spawn(move || {
        if let Ok((mut stream, _)) = listener.accept() {
            let _ = stream.write_all(b"HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
            thread::sleep(Duration::from_millis(200));
        }
    });
    let url = format!("https://{addr}/");
    let started = Instant::now();
    let err = fetch(&url, &opts()).unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(2));
    assert!(matches!(err, FetchError::Tls { .. }), "{err:?}");
    assert!(
        err.to_string()
            .starts_with(&format!("{url}: secure connection failed")),
        "{err}"
    );
}
