//! Fetching `http://` and `https://` URLs for `folio import`.
//!
//! Why it looks like this:
//!
//! - **A blocking client, threads for parallelism.** An import fetches a few
//!   pages or a feed and its items; [`fetch_all`] runs at most `parallel`
//!   requests at once on scoped threads. No async runtime is worth that.
//! - **ureq with rustls on the ring provider**: pure Rust TLS with Mozilla's
//!   roots compiled in, so no OpenSSL on the machine and no cmake to build
//!   (aws-lc-rs, rustls' other provider, needs it).
//! - **Everything from the peer is bounded.** The whole request (every
//!   redirect and the body included) has one deadline, [`FetchOptions::timeout`];
//!   the body is capped at [`FetchOptions::max_size`] both as received and as
//!   decoded, so a gzip bomb stops at the cap (`body.rs`); a `Location` is
//!   resolved and checked like a typed URL before it is followed (`url.rs`),
//!   and ureq never follows one on its own.
//! - **gzip and deflate** are decoded here rather than by ureq, which knows
//!   gzip only; both share the decoded-size cap.
//! - **Errors are one line for a person**: each [`FetchError`] names the URL
//!   and, where the user can do something, what (`--timeout SECONDS raises
//!   it`). Text from the network in them (a `Location`) is made one line.
//!
//! [`progress`] holds the events of [`fetch_all`] and the stderr progress line.

mod body;
pub mod progress;
mod url;

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use ureq::Agent;
use ureq::http::{Response, StatusCode, header};

pub use progress::{Progress, ProgressEvent, StderrProgress, human_bytes, progress_line};
pub use url::is_url;

use body::{BodyError, Encoding};
use progress::one_line;

/// The `User-Agent` folio sends.
pub const USER_AGENT: &str = concat!("folio/", env!("CARGO_PKG_VERSION"));

/// What folio accepts, best first: the pages and feeds it imports.
const ACCEPT: &str = "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,\
     application/feed+json,application/json;q=0.9,application/xml;q=0.9,text/xml;q=0.9,\
     text/plain;q=0.8,*/*;q=0.5";

/// Limits of one fetch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchOptions {
    /// For the TCP (and TLS) connection to be set up.
    pub connect_timeout: Duration,
    /// For the whole request: connecting, redirects, headers and body.
    pub timeout: Duration,
    /// The most bytes of body accepted, after decoding.
    pub max_size: u64,
    /// How many redirects are followed; one more is an error.
    pub max_redirects: u32,
}

impl Default for FetchOptions {
    /// 10 s to connect, 30 s in all, 5 redirects, 20 MiB.
    fn default() -> Self {
        FetchOptions {
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            max_size: 20 * 1024 * 1024,
            max_redirects: 5,
        }
    }
}

/// A fetched body and what the server said about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fetched {
    /// The final URL, after redirects (what relative links resolve against).
    pub url: String,
    /// The media type of `Content-Type`, lower case, without parameters
    /// (`text/html`).
    pub content_type: Option<String>,
    /// The `charset` parameter of `Content-Type`, lower case, unquoted.
    pub charset: Option<String>,
    /// The body, decoded from gzip/deflate, at most `max_size` bytes.
    pub body: Vec<u8>,
}

/// Which limit a request ran into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeoutKind {
    /// [`FetchOptions::connect_timeout`].
    Connect,
    /// [`FetchOptions::timeout`].
    Whole,
}

/// Why a URL could not be fetched. Each message is one line that names the
/// URL (the one asked for, or the redirect that failed) and what to do.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("{url}: not a URL folio can fetch: {reason}")]
    InvalidUrl { url: String, reason: String },
    #[error("{url}: the server answered {code} {reason}; {hint}", hint = status_hint(*code))]
    Status {
        url: String,
        code: u16,
        reason: String,
    },
    #[error(
        "{url}: more than {limit} redirects (a redirect loop?); open it in a browser to find the page's final address"
    )]
    TooManyRedirects { url: String, limit: u32 },
    #[error("{url}: redirected to {location}, which folio does not follow: {reason}")]
    BadRedirect {
        url: String,
        location: String,
        reason: String,
    },
    #[error("{url}: {}", timeout_message(*kind, *limit))]
    Timeout {
        url: String,
        kind: TimeoutKind,
        limit: Duration,
    },
    #[error("{url}: the body is larger than {limit} bytes; --max-size BYTES raises it")]
    TooLarge { url: String, limit: u64 },
    #[error("{url}: cannot connect ({reason}); check the address and the network")]
    Connect { url: String, reason: String },
    #[error(
        "{url}: secure connection failed ({reason}); try http:// only if you trust the network"
    )]
    Tls { url: String, reason: String },
    #[error("{url}: the connection broke ({reason}); try again")]
    Io { url: String, reason: String },
    #[error("{url}: the server sent a body folio cannot decode ({reason})")]
    Decode { url: String, reason: String },
}

impl FetchError {
    /// The URL the message names.
    pub fn url(&self) -> &str {
        match self {
            FetchError::InvalidUrl { url, .. }
            | FetchError::Status { url, .. }
            | FetchError::TooManyRedirects { url, .. }
            | FetchError::BadRedirect { url, .. }
            | FetchError::Timeout { url, .. }
            | FetchError::TooLarge { url, .. }
            | FetchError::Connect { url, .. }
            | FetchError::Tls { url, .. }
            | FetchError::Io { url, .. }
            | FetchError::Decode { url, .. } => url,
        }
    }
}

fn status_hint(code: u16) -> &'static str {
    match code {
        401 | 403 => {
            "the page needs a login or refuses folio; save it from a browser and import the file"
        }
        404 | 410 => "check the URL",
        429 => "the server wants fewer requests; try again later",
        500..=599 => "the server failed; try again later",
        _ => "check the URL, or save the page from a browser and import the file",
    }
}

fn timeout_message(kind: TimeoutKind, limit: Duration) -> String {
    let secs = limit.as_secs_f64();
    let secs = if limit.subsec_millis() == 0 {
        format!("{secs:.0} s")
    } else {
        format!("{secs:.1} s")
    };
    match kind {
        TimeoutKind::Connect => {
            format!("could not connect within {secs}; --connect-timeout SECONDS raises it")
        }
        TimeoutKind::Whole => {
            format!("no complete answer within {secs}; --timeout SECONDS raises it")
        }
    }
}

/// Fetches one URL: follows up to `max_redirects` redirects, fails on a
/// status other than 2xx, and returns the decoded body.
pub fn fetch(url: &str, opts: &FetchOptions) -> Result<Fetched, FetchError> {
    fetch_with(&agent(opts), url, opts, &mut |_| {})
}

/// Fetches every URL, at most `parallel` at a time (0 counts as 1), and
/// returns the results in the order of `urls`. `progress` hears when each
/// starts, receives and finishes; it is called from the fetching threads.
pub fn fetch_all(
    urls: &[String],
    opts: &FetchOptions,
    parallel: usize,
    progress: &(dyn Fn(Progress<'_>) + Sync),
) -> Vec<Result<Fetched, FetchError>> {
    /// Received events at most every this many bytes.
    const STEP: u64 = 32 * 1024;
    let total = urls.len();
    let agent = agent(opts);
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let slots: Vec<Mutex<Option<Result<Fetched, FetchError>>>> =
        urls.iter().map(|_| Mutex::new(None)).collect();
    let workers = parallel.clamp(1, total.max(1));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let index = next.fetch_add(1, Ordering::SeqCst);
                    let Some(url) = urls.get(index) else { break };
                    let event = |event, done, bytes| Progress {
                        event,
                        index,
                        done,
                        total,
                        url,
                        bytes,
                    };
                    progress(event(
                        ProgressEvent::Started,
                        done.load(Ordering::SeqCst),
                        0,
                    ));
                    let mut reported = 0;
                    let result = fetch_with(&agent, url, opts, &mut |bytes| {
                        if bytes >= reported + STEP {
                            reported = bytes;
                            progress(event(
                                ProgressEvent::Received,
                                done.load(Ordering::SeqCst),
                                bytes,
                            ));
                        }
                    });
                    let bytes = result.as_ref().map_or(0, |f| f.body.len() as u64);
                    let ok = result.is_ok();
                    *slots[index].lock().unwrap_or_else(|e| e.into_inner()) = Some(result);
                    let finished = done.fetch_add(1, Ordering::SeqCst) + 1;
                    progress(event(ProgressEvent::Finished { ok }, finished, bytes));
                }
            });
        }
    });
    slots
        .into_iter()
        .zip(urls)
        .map(|(slot, url)| {
            slot.into_inner()
                .unwrap_or_else(|e| e.into_inner())
                .unwrap_or_else(|| {
                    Err(FetchError::Io {
                        url: one_line(url),
                        reason: "not fetched".into(),
                    })
                })
        })
        .collect()
}

/// One agent per run: connections are pooled across the URLs of a run.
fn agent(opts: &FetchOptions) -> Agent {
    Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .max_redirects_will_error(false)
        .user_agent(USER_AGENT)
        .accept(ACCEPT)
        .accept_encoding("gzip, deflate")
        .timeout_connect(Some(opts.connect_timeout))
        .timeout_global(Some(opts.timeout))
        .build()
        .new_agent()
}

fn fetch_with(
    agent: &Agent,
    url: &str,
    opts: &FetchOptions,
    on_bytes: &mut dyn FnMut(u64),
) -> Result<Fetched, FetchError> {
    let deadline = Instant::now() + opts.timeout;
    let asked = one_line(url.trim());
    let mut current = url::parse(url.as_bytes()).map_err(|reason| FetchError::InvalidUrl {
        url: asked.clone(),
        reason,
    })?;
    let mut redirects = 0;
    loop {
        let shown = current.to_string();
        let remaining = deadline.saturating_duration_since(Instant::now());
        if remaining.is_zero() {
            return Err(timeout(shown, TimeoutKind::Whole, opts));
        }
        let response = agent
            .get(current.clone())
            .config()
            .timeout_global(Some(remaining))
            .build()
            .call()
            .map_err(|e| map_error(e, &shown, opts))?;
        let status = response.status();
        if let Some(location) = redirect_target(&response) {
            if redirects >= opts.max_redirects {
                return Err(FetchError::TooManyRedirects {
                    url: asked,
                    limit: opts.max_redirects,
                });
            }
            current =
                url::resolve(&current, location).map_err(|reason| FetchError::BadRedirect {
                    url: shown.clone(),
                    location: one_line(&String::from_utf8_lossy(location)),
                    reason,
                })?;
            redirects += 1;
            continue;
        }
        if !status.is_success() {
            return Err(FetchError::Status {
                url: shown,
                code: status.as_u16(),
                reason: status.canonical_reason().unwrap_or("").to_string(),
            });
        }
        return read_response(response, shown, opts, on_bytes);
    }
}

/// The `Location` of a redirect folio follows (301, 302, 303, 307, 308).
fn redirect_target(response: &Response<ureq::Body>) -> Option<&[u8]> {
    let followed = [
        StatusCode::MOVED_PERMANENTLY,
        StatusCode::FOUND,
        StatusCode::SEE_OTHER,
        StatusCode::TEMPORARY_REDIRECT,
        StatusCode::PERMANENT_REDIRECT,
    ];
    if !followed.contains(&response.status()) {
        return None;
    }
    response
        .headers()
        .get(header::LOCATION)
        .map(|v| v.as_bytes())
}

fn read_response(
    response: Response<ureq::Body>,
    url: String,
    opts: &FetchOptions,
    on_bytes: &mut dyn FnMut(u64),
) -> Result<Fetched, FetchError> {
    let headers = response.headers();
    let text = |name| headers.get(name).and_then(|v| v.to_str().ok());
    let (content_type, charset) = parse_content_type(text(header::CONTENT_TYPE));
    let coding = text(header::CONTENT_ENCODING);
    let Some(encoding) = Encoding::from_header(coding) else {
        return Err(FetchError::Decode {
            url,
            reason: format!(
                "Content-Encoding {} was not asked for",
                one_line(coding.unwrap_or("?"))
            ),
        });
    };
    let too_large = |url| FetchError::TooLarge {
        url,
        limit: opts.max_size,
    };
    let announced = text(header::CONTENT_LENGTH).and_then(|v| v.trim().parse::<u64>().ok());
    if announced.is_some_and(|n| n > opts.max_size) {
        return Err(too_large(url));
    }
    let reader = response.into_body().into_reader();
    match body::read_capped(reader, encoding, opts.max_size, announced, on_bytes) {
        Ok(body) => Ok(Fetched {
            url,
            content_type,
            charset,
            body,
        }),
        Err(BodyError::TooLarge) => Err(too_large(url)),
        Err(BodyError::Transport(e)) => Err(map_error(ureq::Error::from(e), &url, opts)),
        Err(BodyError::Decode(e)) => Err(FetchError::Decode {
            url,
            reason: one_line(&e.to_string()),
        }),
    }
}

/// `text/html; charset="UTF-8"` → (`text/html`, `utf-8`).
fn parse_content_type(value: Option<&str>) -> (Option<String>, Option<String>) {
    let Some(value) = value else {
        return (None, None);
    };
    let mut parts = value.split(';');
    let media = parts
        .next()
        .map(|m| m.trim().to_ascii_lowercase())
        .filter(|m| !m.is_empty());
    let charset = parts.find_map(|param| {
        let (name, value) = param.split_once('=')?;
        if !name.trim().eq_ignore_ascii_case("charset") {
            return None;
        }
        let value = value.trim().trim_matches('"').trim();
        (!value.is_empty()).then(|| value.to_ascii_lowercase())
    });
    (media.map(|m| one_line(&m)), charset.map(|c| one_line(&c)))
}

fn timeout(url: String, kind: TimeoutKind, opts: &FetchOptions) -> FetchError {
    let limit = match kind {
        TimeoutKind::Connect => opts.connect_timeout,
        TimeoutKind::Whole => opts.timeout,
    };
    FetchError::Timeout { url, kind, limit }
}

/// ureq's error as folio's, for `url`.
fn map_error(e: ureq::Error, url: &str, opts: &FetchOptions) -> FetchError {
    use std::io::ErrorKind;
    use ureq::Error as E;
    let url = url.to_string();
    let reason = |s: &dyn std::fmt::Display| one_line(&s.to_string());
    match e {
        E::Timeout(ureq::Timeout::Connect) => timeout(url, TimeoutKind::Connect, opts),
        E::Timeout(_) => timeout(url, TimeoutKind::Whole, opts),
        E::Io(io) if io.kind() == ErrorKind::TimedOut || io.kind() == ErrorKind::WouldBlock => {
            timeout(url, TimeoutKind::Whole, opts)
        }
        E::Io(io) if io.get_ref().is_some_and(|e| e.is::<rustls::Error>()) => FetchError::Tls {
            url,
            reason: reason(&io),
        },
        E::Io(io) => match io.kind() {
            ErrorKind::ConnectionRefused => FetchError::Connect {
                url,
                reason: "connection refused".into(),
            },
            ErrorKind::AddrNotAvailable
            | ErrorKind::NetworkUnreachable
            | ErrorKind::HostUnreachable => FetchError::Connect {
                url,
                reason: reason(&io),
            },
            ErrorKind::UnexpectedEof => FetchError::Io {
                url,
                reason: "the server closed the connection early".into(),
            },
            _ => FetchError::Io {
                url,
                reason: reason(&io),
            },
        },
        E::HostNotFound => FetchError::Connect {
            url,
            reason: "host not found".into(),
        },
        E::ConnectionFailed | E::ConnectProxyFailed(_) | E::InvalidProxyUrl => {
            FetchError::Connect {
                url,
                reason: reason(&e),
            }
        }
        E::Tls(_) | E::Pem(_) | E::Rustls(_) | E::TlsRequired => FetchError::Tls {
            url,
            reason: reason(&e),
        },
        E::BadUri(r) => FetchError::InvalidUrl {
            url,
            reason: one_line(&r),
        },
        E::TooManyRedirects => FetchError::TooManyRedirects {
            url,
            limit: opts.max_redirects,
        },
        E::BodyExceedsLimit(_) => FetchError::TooLarge {
            url,
            limit: opts.max_size,
        },
        E::Protocol(_) | E::LargeResponseHeader(..) => FetchError::Io {
            url,
            reason: format!("not a valid HTTP answer: {}", reason(&e)),
        },
        other => FetchError::Io {
            url,
            reason: reason(&other),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_type_and_charset() {
        assert_eq!(parse_content_type(None), (None, None));
        assert_eq!(
            parse_content_type(Some("text/html; charset=UTF-8")),
            (Some("text/html".into()), Some("utf-8".into()))
        );
        assert_eq!(
            parse_content_type(Some("Text/HTML;Charset=\"ISO-8859-1\"; q=1")),
            (Some("text/html".into()), Some("iso-8859-1".into()))
        );
        assert_eq!(
            parse_content_type(Some("application/rss+xml")),
            (Some("application/rss+xml".into()), None)
        );
        assert_eq!(
            parse_content_type(Some("text/plain; format=flowed; charset=")),
            (Some("text/plain".into()), None)
        );
    }

    #[test]
    fn messages_name_the_url_and_what_to_do() {
        let url = "https://example.com/a".to_string();
        let cases = [
            (
                timeout(url.clone(), TimeoutKind::Whole, &FetchOptions::default()),
                "https://example.com/a: no complete answer within 30 s; --timeout SECONDS raises it",
            ),
            (
                FetchError::Timeout {
                    url: url.clone(),
                    kind: TimeoutKind::Connect,
                    limit: Duration::from_millis(300),
                },
                "https://example.com/a: could not connect within 0.3 s; --connect-timeout SECONDS raises it",
            ),
            (
                FetchError::TooLarge {
                    url: url.clone(),
                    limit: 1000,
                },
                "https://example.com/a: the body is larger than 1000 bytes; --max-size BYTES raises it",
            ),
            (
                FetchError::Status {
                    url: url.clone(),
                    code: 404,
                    reason: "Not Found".into(),
                },
                "https://example.com/a: the server answered 404 Not Found; check the URL",
            ),
        ];
        for (err, want) in cases {
            assert_eq!(err.to_string(), want);
            assert_eq!(err.url(), url);
        }
    }

    #[test]
    fn invalid_urls_fail_before_any_connection() {
        let err = fetch("ftp://example.com/x", &FetchOptions::default()).unwrap_err();
        assert!(matches!(err, FetchError::InvalidUrl { .. }), "{err}");
        assert_eq!(
            err.to_string(),
            "ftp://example.com/x: not a URL folio can fetch: only http:// and https:// URLs can be fetched"
        );
    }

    #[test]
    fn the_user_agent_names_folio_and_its_version() {
        assert_eq!(USER_AGENT, format!("folio/{}", env!("CARGO_PKG_VERSION")));
    }
}
