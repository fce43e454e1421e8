//! A small HTTP server on 127.0.0.1 for the tests of fetching and of
//! `folio import URL`: it answers by path, counts open connections, and
//! stops after a bounded number of connections or 10 seconds.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, Once};
use std::thread;
use std::time::{Duration, Instant};

use flate2::Compression;

/// What the server does with a request.
pub enum Reply {
    /// Sends these bytes (a whole HTTP response) and closes.
    Raw(Vec<u8>),
    /// Reads the request and says nothing for this long, then closes.
    Silent(Duration),
    /// Waits, then sends the bytes and closes.
    Later(Duration, Vec<u8>),
    /// Sends the bytes, then holds the connection open this long.
    Stall(Vec<u8>, Duration),
}

pub fn response(status: &str, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status}\r\nConnection: close\r\n");
    for (k, v) in headers {
        out.push_str(&format!("{k}: {v}\r\n"));
    }
    if !headers
        .iter()
        .any(|(k, _)| k.eq_ignore_ascii_case("content-length"))
    {
        out.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    out.push_str("\r\n");
    let mut out = out.into_bytes();
    out.extend_from_slice(body);
    out
}

pub fn ok(content_type: &str, body: &[u8]) -> Reply {
    Reply::Raw(response("200 OK", &[("Content-Type", content_type)], body))
}

pub fn redirect(code: &str, location: &str) -> Reply {
    Reply::Raw(response(code, &[("Location", location)], b""))
}

pub fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), Compression::default());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

/// A server on 127.0.0.1 (port 0) that answers by path and counts how many
/// connections are open at once. It stops accepting after `max_conns`
/// connections or 10 seconds, whichever comes first.
pub struct Server {
    pub addr: SocketAddr,
    pub max_open: Arc<AtomicUsize>,
    pub requests: Arc<Mutex<Vec<String>>>,
}

impl Server {
    pub fn start(max_conns: usize, route: fn(&str) -> Reply) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let addr = listener.local_addr().unwrap();
        let open = Arc::new(AtomicUsize::new(0));
        let max_open = Arc::new(AtomicUsize::new(0));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let (o, m, r) = (open.clone(), max_open.clone(), requests.clone());
        thread::spawn(move || {
            let end = Instant::now() + Duration::from_secs(10);
            let mut accepted = 0;
            while accepted < max_conns && Instant::now() < end {
                match listener.accept() {
                    Ok((stream, _)) => {
                        accepted += 1;
                        let now = o.fetch_add(1, Ordering::SeqCst) + 1;
                        m.fetch_max(now, Ordering::SeqCst);
                        let (o, r) = (o.clone(), r.clone());
                        thread::spawn(move || {
                            let closing = Once::new();
                            // The connection counts as closed once the
                            // answer starts to go: the client may open the
                            // next one as soon as it has read it.
                            let close =
                                || closing.call_once(|| _ = o.fetch_sub(1, Ordering::SeqCst));
                            handle(stream, route, &r, &close);
                            close();
                        });
                    }
                    Err(_) => thread::sleep(Duration::from_millis(2)),
                }
            }
        });
        Server {
            addr,
            max_open,
            requests,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }
}

pub fn handle(
    mut stream: TcpStream,
    route: fn(&str) -> Reply,
    log: &Mutex<Vec<String>>,
    close: &dyn Fn(),
) {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(3)));
    let mut head = Vec::new();
    let mut buf = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 16 * 1024 {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
    }
    let head = String::from_utf8_lossy(&head).into_owned();
    let path = head.split(' ').nth(1).unwrap_or("/").to_string();
    log.lock().unwrap().push(head);
    match route(&path) {
        Reply::Raw(bytes) => {
            close();
            let _ = stream.write_all(&bytes);
        }
        Reply::Silent(d) => thread::sleep(d),
        Reply::Later(d, bytes) => {
            thread::sleep(d);
            close();
            let _ = stream.write_all(&bytes);
        }
        Reply::Stall(bytes, d) => {
            let _ = stream.write_all(&bytes);
            let _ = stream.flush();
            thread::sleep(d);
        }
    }
    let _ = stream.flush();
}
