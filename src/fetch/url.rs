//! Which strings are URLs folio fetches, and where a redirect really points.
//!
//! A URL typed by the user and a `Location` sent by a server go through the
//! same gate, [`parse`]: absolute, `http` or `https`, a host, ASCII on the
//! wire (non-ASCII and unsafe bytes of the path and query are percent-encoded,
//! as browsers do), no fragment. A `Location` is first resolved against the
//! URL that answered with it ([`resolve`], RFC 3986 §5.2), so a relative
//! redirect works and `file:`, `ftp:` or a scheme-less host never reach the
//! client.

use ureq::http::Uri;

/// Whether `s` is meant as a web address rather than a file name: it starts
/// with `http://` or `https://` (any case). It may still be malformed; then
/// [`super::fetch`] says what is wrong with it instead of "no such file".
pub fn is_url(s: &str) -> bool {
    let s = s.trim_start().as_bytes();
    let starts = |p: &[u8]| s.len() >= p.len() && s[..p.len()].eq_ignore_ascii_case(p);
    starts(b"http://") || starts(b"https://")
}

/// A checked absolute `http`/`https` URL as the client will request it.
/// The error is a short reason, without the URL.
pub(crate) fn parse(input: &[u8]) -> Result<Uri, String> {
    let input = input.trim_ascii();
    if input.is_empty() {
        return Err("it is empty".into());
    }
    if input.iter().any(|b| b.is_ascii_control()) {
        return Err("it contains control characters".into());
    }
    let parts = Parts::split(input);
    let scheme = match parts.scheme {
        Some(s) if s.eq_ignore_ascii_case(b"http") => "http",
        Some(s) if s.eq_ignore_ascii_case(b"https") => "https",
        Some(_) => return Err("only http:// and https:// URLs can be fetched".into()),
        None => return Err("it is not absolute (no http:// or https://)".into()),
    };
    let authority = match parts.authority {
        Some(a) if !a.is_empty() => a,
        _ => return Err("it has no host".into()),
    };
    if !authority.is_ascii() {
        return Err("the host name is not ASCII; write it in its xn-- (punycode) form".into());
    }
    if authority.iter().any(|b| b.is_ascii_whitespace()) {
        return Err("the host contains a space".into());
    }
    let mut text = format!("{scheme}://");
    text.push_str(&String::from_utf8_lossy(authority));
    let path = if parts.path.is_empty() {
        &b"/"[..]
    } else {
        parts.path
    };
    encode_into(&mut text, path);
    if let Some(q) = parts.query {
        text.push('?');
        encode_into(&mut text, q);
    }
    let uri: Uri = text
        .parse()
        .map_err(|e: ureq::http::uri::InvalidUri| format!("it is malformed ({e})"))?;
    match uri.host() {
        Some(h) if !h.is_empty() => Ok(uri),
        _ => Err("it has no host".into()),
    }
}

/// Resolves a `Location` header against the URL that sent it and checks the
/// result as [`parse`] does. The error is a short reason.
pub(crate) fn resolve(base: &Uri, location: &[u8]) -> Result<Uri, String> {
    let location = location.trim_ascii();
    if location.is_empty() {
        return Err("the redirect has an empty Location".into());
    }
    let base_text = base.to_string();
    let b = Parts::split(base_text.as_bytes());
    let r = Parts::split(location);
    // RFC 3986 §5.2.2, the target's parts.
    let (scheme, authority, path, query) = if let Some(s) = r.scheme {
        (s, r.authority, remove_dot_segments(r.path), r.query)
    } else if r.authority.is_some() {
        let s = b.scheme.unwrap_or(b"http");
        (s, r.authority, remove_dot_segments(r.path), r.query)
    } else if r.path.is_empty() {
        let s = b.scheme.unwrap_or(b"http");
        (s, b.authority, b.path.to_vec(), r.query.or(b.query))
    } else if r.path.starts_with(b"/") {
        let s = b.scheme.unwrap_or(b"http");
        (s, b.authority, remove_dot_segments(r.path), r.query)
    } else {
        let mut merged = match b.path.iter().rposition(|&c| c == b'/') {
            Some(i) => b.path[..=i].to_vec(),
            None => b"/".to_vec(),
        };
        merged.extend_from_slice(r.path);
        let s = b.scheme.unwrap_or(b"http");
        (s, b.authority, remove_dot_segments(&merged), r.query)
    };
    let mut out: Vec<u8> = Vec::with_capacity(base_text.len() + location.len());
    out.extend_from_slice(scheme);
    out.push(b':');
    if let Some(a) = authority {
        out.extend_from_slice(b"//");
        out.extend_from_slice(a);
    }
    out.extend_from_slice(&path);
    if let Some(q) = query {
        out.push(b'?');
        out.extend_from_slice(q);
    }
    parse(&out)
}

/// The components of a URI reference (RFC 3986 appendix B); the fragment
/// is dropped, as it is never sent.
#[derive(Debug, Default, PartialEq)]
struct Parts<'a> {
    scheme: Option<&'a [u8]>,
    authority: Option<&'a [u8]>,
    path: &'a [u8],
    query: Option<&'a [u8]>,
}

impl<'a> Parts<'a> {
    fn split(s: &'a [u8]) -> Parts<'a> {
        let s = match s.iter().position(|&c| c == b'#') {
            Some(i) => &s[..i],
            None => s,
        };
        let mut rest = s;
        let mut parts = Parts::default();
        if let Some(colon) = rest.iter().position(|&c| matches!(c, b':' | b'/' | b'?')) {
            let candidate = &rest[..colon];
            if rest[colon] == b':'
                && candidate.first().is_some_and(|c| c.is_ascii_alphabetic())
                && candidate
                    .iter()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-' | b'.'))
            {
                parts.scheme = Some(candidate);
                rest = &rest[colon + 1..];
            }
        }
        if let Some(after) = rest.strip_prefix(b"//") {
            let end = after
                .iter()
                .position(|&c| matches!(c, b'/' | b'?'))
                .unwrap_or(after.len());
            parts.authority = Some(&after[..end]);
            rest = &after[end..];
        }
        match rest.iter().position(|&c| c == b'?') {
            Some(i) => {
                parts.path = &rest[..i];
                parts.query = Some(&rest[i + 1..]);
            }
            None => parts.path = rest,
        }
        parts
    }
}

/// RFC 3986 §5.2.4: `/a/b/../c/./d` → `/a/c/d`.
fn remove_dot_segments(path: &[u8]) -> Vec<u8> {
    let mut input = path;
    let mut out: Vec<u8> = Vec::with_capacity(path.len());
    let pop_segment = |out: &mut Vec<u8>| {
        let i = out.iter().rposition(|&c| c == b'/').unwrap_or(0);
        out.truncate(i);
    };
    while !input.is_empty() {
        if let Some(r) = input.strip_prefix(b"../") {
            input = r;
        } else if let Some(r) = input.strip_prefix(b"./") {
            input = r;
        } else if input.starts_with(b"/./") {
            input = &input[2..];
        } else if input == b"/." {
            input = b"/";
        } else if input.starts_with(b"/../") {
            input = &input[3..];
            pop_segment(&mut out);
        } else if input == b"/.." {
            input = b"/";
            pop_segment(&mut out);
        } else if input == b"." || input == b".." {
            input = b"";
        } else {
            let start = usize::from(input[0] == b'/');
            let end = input[start..]
                .iter()
                .position(|&c| c == b'/')
                .map_or(input.len(), |i| i + start);
            out.extend_from_slice(&input[..end]);
            input = &input[end..];
        }
    }
    out
}

/// Appends `bytes`, percent-encoding what may not appear raw in a request
/// line: non-ASCII (UTF-8 or not), space, and the characters RFC 3986 never
/// allows (`"<>\^`{|}`). Existing `%XX` escapes are kept as they are.
fn encode_into(out: &mut String, bytes: &[u8]) {
    for &b in bytes {
        if b.is_ascii_graphic()
            && !matches!(
                b,
                b'"' | b'<' | b'>' | b'\\' | b'^' | b'`' | b'{' | b'|' | b'}'
            )
        {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Result<String, String> {
        parse(s.as_bytes()).map(|u| u.to_string())
    }

    fn r(base: &str, loc: &str) -> Result<String, String> {
        resolve(&parse(base.as_bytes()).unwrap(), loc.as_bytes()).map(|u| u.to_string())
    }

    #[test]
    fn is_url_wants_an_http_scheme() {
        assert!(is_url("https://example.com/a"));
        assert!(is_url("  HTTP://example.com"));
        assert!(is_url("http://bad url"));
        assert!(!is_url("ftp://example.com"));
        assert!(!is_url("example.com/page.html"));
        assert!(!is_url("http:/x"));
        assert!(!is_url("pages/http://x"));
    }

    #[test]
    fn parse_accepts_http_and_https_only() {
        assert_eq!(p("http://example.com").unwrap(), "http://example.com/");
        assert_eq!(
            p("HTTPS://example.com:8443/a?b=c#frag").unwrap(),
            "https://example.com:8443/a?b=c"
        );
        assert!(p("ftp://example.com/").unwrap_err().contains("only http"));
        assert!(p("file:///etc/passwd").unwrap_err().contains("only http"));
        assert!(p("//example.com/x").unwrap_err().contains("not absolute"));
        assert!(p("http:///path").unwrap_err().contains("no host"));
        assert!(p("").unwrap_err().contains("empty"));
        assert!(
            p("http://exa\u{1b}mple.com/")
                .unwrap_err()
                .contains("control")
        );
        assert!(p("http://bücher.de/").unwrap_err().contains("xn--"));
    }

    #[test]
    fn parse_percent_encodes_the_path_and_query() {
        assert_eq!(
            p("https://example.com/a b/ü?q=\"x\"").unwrap(),
            "https://example.com/a%20b/%C3%BC?q=%22x%22"
        );
        assert_eq!(
            p("https://example.com/%41").unwrap(),
            "https://example.com/%41"
        );
    }

    #[test]
    fn resolve_follows_rfc_3986_examples() {
        // RFC 3986 §5.4.1, with an http base.
        let base = "http://a/b/c/d;p?q";
        for (loc, want) in [
            ("g", "http://a/b/c/g"),
            ("./g", "http://a/b/c/g"),
            ("g/", "http://a/b/c/g/"),
            ("/g", "http://a/g"),
            ("//g", "http://g/"),
            ("?y", "http://a/b/c/d;p?y"),
            ("g?y", "http://a/b/c/g?y"),
            ("#s", "http://a/b/c/d;p?q"),
            ("g#s", "http://a/b/c/g"),
            (";x", "http://a/b/c/;x"),
            ("", "http://a/b/c/d;p?q"),
            (".", "http://a/b/c/"),
            ("./", "http://a/b/c/"),
            ("..", "http://a/b/"),
            ("../", "http://a/b/"),
            ("../g", "http://a/b/g"),
            ("../..", "http://a/"),
            ("../../g", "http://a/g"),
            ("../../../g", "http://a/g"),
            ("/./g", "http://a/g"),
            ("/../g", "http://a/g"),
            ("g.", "http://a/b/c/g."),
            ("..g", "http://a/b/c/..g"),
            ("./../g", "http://a/b/g"),
            ("g/./h", "http://a/b/c/g/h"),
            ("g/../h", "http://a/b/c/h"),
            ("https://other.example/x", "https://other.example/x"),
        ] {
            if loc.is_empty() {
                assert!(r(base, loc).is_err(), "empty Location is refused");
                continue;
            }
            assert_eq!(r(base, loc).as_deref(), Ok(want), "{loc}");
        }
    }

    #[test]
    fn resolve_refuses_what_is_not_http() {
        let base = "https://example.com/a/b";
        assert!(
            r(base, "file:///etc/passwd")
                .unwrap_err()
                .contains("only http")
        );
        assert!(
            r(base, "ftp://example.com/")
                .unwrap_err()
                .contains("only http")
        );
        assert!(
            r(base, "javascript:alert(1)")
                .unwrap_err()
                .contains("only http")
        );
        assert!(r(base, "https:///nohost").unwrap_err().contains("no host"));
        // A raw UTF-8 Location, as some servers send, is encoded.
        assert_eq!(r(base, "/é").unwrap(), "https://example.com/%C3%A9");
    }

    #[test]
    fn resolve_encodes_non_utf8_bytes() {
        let base = parse(b"http://example.com/").unwrap();
        let uri = resolve(&base, b"/caf\xe9").unwrap();
        assert_eq!(uri.to_string(), "http://example.com/caf%E9");
    }
}
