//! What an input is, told by its content: a folio bundle, a feed, an HTML
//! page, a plain-text page or a binary file.
//!
//! `folio import` takes files and URLs in any mix, and their names lie: a
//! saved page ends in `.txt`, a feed is served as `text/html` from a path
//! ending in `.html`. So the bytes decide; the content type only counts when
//! the bytes say nothing, and the name only when they are markup or JSON of
//! no known kind (an HTML fragment starting with `<span>`, say): prose named
//! `.html` is still prose. Only the first few KB are looked at, except for JSON, whose
//! keys may come in any order: there the whole text is scanned once.

use std::borrow::Cow;

use memchr::memmem;

/// What [`sniff`] recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InputKind {
    /// A folio bundle (`"format": "folio-bundle/…"`).
    Bundle,
    /// RSS 0.9x/2.0, RSS 1.0 (RDF), Atom or JSON Feed.
    Feed,
    /// An HTML page.
    Html,
    /// Anything else that is text: a plain-text page.
    Text,
    /// NUL bytes or mostly control bytes: not text at all.
    Binary,
}

/// How much of the start is looked at.
const HEAD: usize = 8 * 1024;

/// Tells what `bytes` are. `name` (a file name or URL path) and
/// `content_type` (an HTTP `Content-Type`) are hints, used only when the
/// content is not conclusive.
pub fn sniff(bytes: &[u8], name: Option<&str>, content_type: Option<&str>) -> InputKind {
    let head = match decode_head(bytes) {
        Some(head) => head,
        None => return InputKind::Binary,
    };
    let text = head.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    let by_content = if text.starts_with('{') {
        // The raw bytes for the keys past the head; the decoded head for
        // UTF-16 JSON.
        json_kind(bytes).or_else(|| json_kind(text.as_bytes()))
    } else if text.starts_with('<') {
        markup_kind(text)
    } else {
        None
    };
    // The name is trusted only for markup or JSON of no known kind: prose
    // named `.html` is still prose.
    let structured = text.starts_with(['<', '{']);
    by_content
        .or_else(|| by_type(content_type))
        .or_else(|| structured.then(|| by_name(name)).flatten())
        .unwrap_or(InputKind::Text)
}

/// The start of the input as text, BOM removed and UTF-16/32 decoded; `None`
/// when it is binary.
fn decode_head(bytes: &[u8]) -> Option<Cow<'_, str>> {
    let head = &bytes[..bytes.len().min(HEAD)];
    let wide = match head {
        [0xFF, 0xFE, 0, 0, rest @ ..] => Some(decode_utf32(rest, u32::from_le_bytes)),
        [0, 0, 0xFE, 0xFF, rest @ ..] => Some(decode_utf32(rest, u32::from_be_bytes)),
        [0xFF, 0xFE, rest @ ..] => Some(decode_utf16(rest, u16::from_le_bytes)),
        [0xFE, 0xFF, rest @ ..] => Some(decode_utf16(rest, u16::from_be_bytes)),
        // No BOM, but `<` or `{` as a UTF-16 code unit: an XML or JSON file
        // saved as UTF-16 without one.
        [b'<' | b'{', 0, c, 0, ..] if *c != 0 => Some(decode_utf16(head, u16::from_le_bytes)),
        [0, b'<' | b'{', 0, c, ..] if *c != 0 => Some(decode_utf16(head, u16::from_be_bytes)),
        _ => None,
    };
    if let Some(text) = wide {
        return Some(Cow::Owned(text));
    }
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    if is_binary(head) {
        return None;
    }
    Some(String::from_utf8_lossy(head))
}

fn decode_utf16(bytes: &[u8], word: fn([u8; 2]) -> u16) -> String {
    let units = bytes.chunks_exact(2).map(|c| word([c[0], c[1]]));
    char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect()
}

fn decode_utf32(bytes: &[u8], word: fn([u8; 4]) -> u32) -> String {
    bytes
        .chunks_exact(4)
        .map(|c| {
            char::from_u32(word([c[0], c[1], c[2], c[3]])).unwrap_or(char::REPLACEMENT_CHARACTER)
        })
        .collect()
}

/// A NUL byte, or more than one byte in eight a control character other
/// than the whitespace ones (and ESC, which coloured terminal logs have).
fn is_binary(head: &[u8]) -> bool {
    if memchr::memchr(0, head).is_some() {
        return true;
    }
    let control = head
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1B)) || b == 0x7F)
        .count();
    control * 8 > head.len()
}

/// A JSON object: a bundle or a JSON Feed by the value of its key. An
/// unescaped `"format"` followed by `:` can only be a key (quotes inside JSON
/// strings are escaped), so a plain scan is enough.
fn json_kind(bytes: &[u8]) -> Option<InputKind> {
    if key_value_starts(bytes, b"\"format\"", b"\"folio-bundle/") {
        Some(InputKind::Bundle)
    } else if key_value_starts(bytes, b"\"version\"", b"\"https://jsonfeed.org/version/")
        || key_value_starts(bytes, b"\"version\"", b"\"http://jsonfeed.org/version/")
    {
        Some(InputKind::Feed)
    } else {
        None
    }
}

/// Whether some occurrence of `key` is followed by `:` and a value that
/// starts with `value`, whitespace allowed around the colon.
fn key_value_starts(bytes: &[u8], key: &[u8], value: &[u8]) -> bool {
    memmem::find_iter(bytes, key).any(|at| {
        let rest = skip_ws(&bytes[at + key.len()..]);
        rest.strip_prefix(b":")
            .is_some_and(|rest| skip_ws(rest).starts_with(value))
    })
}

fn skip_ws(bytes: &[u8]) -> &[u8] {
    let n = bytes.iter().take_while(|b| b.is_ascii_whitespace()).count();
    &bytes[n..]
}

/// Markup: past the XML declaration, processing instructions, comments and a
/// non-HTML doctype, the first element tells.
fn markup_kind(mut text: &str) -> Option<InputKind> {
    loop {
        text = text.trim_start();
        let lower = prefix_lowercase(text, 32);
        if lower.starts_with("<?") {
            text = after(text, "?>")?;
        } else if lower.starts_with("<!--") {
            text = after(text, "-->")?;
        } else if let Some(rest) = lower.strip_prefix("<!doctype") {
            if rest.trim_start().starts_with("html") {
                return Some(InputKind::Html);
            }
            text = after(text, ">")?;
        } else {
            break;
        }
    }
    let name: String = text
        .chars()
        .skip(1)
        .take_while(|c| c.is_alphanumeric() || matches!(c, ':' | '-' | '_' | '.'))
        .collect();
    let local = name.rsplit(':').next().unwrap_or("");
    match (name.as_str(), local) {
        ("rss" | "feed", _) | (_, "RDF") => Some(InputKind::Feed),
        _ => {
            let lower = name.to_ascii_lowercase();
            HTML_FIRST_TAGS
                .contains(&lower.as_str())
                .then_some(InputKind::Html)
        }
    }
}

/// Elements an HTML page (or a fragment saved as one) can start with.
const HTML_FIRST_TAGS: &[&str] = &[
    "html", "head", "body", "meta", "title", "link", "script", "style", "base", "div", "article",
    "main", "header", "section", "p", "h1", "h2", "table", "center", "font",
];

fn prefix_lowercase(text: &str, chars: usize) -> String {
    text.chars().take(chars).collect::<String>().to_lowercase()
}

fn after<'a>(text: &'a str, end: &str) -> Option<&'a str> {
    text.find(end).map(|at| &text[at + end.len()..])
}

/// What the content type says, when the content said nothing.
fn by_type(content_type: Option<&str>) -> Option<InputKind> {
    let mime = content_type?.split(';').next()?.trim().to_ascii_lowercase();
    match mime.as_str() {
        "text/html" | "application/xhtml+xml" => Some(InputKind::Html),
        "application/rss+xml"
        | "application/atom+xml"
        | "application/rdf+xml"
        | "application/feed+json" => Some(InputKind::Feed),
        _ => None,
    }
}

/// What the file name (or URL) says, when the content said nothing.
fn by_name(name: Option<&str>) -> Option<InputKind> {
    let name = name?;
    // A URL's query or fragment is not part of the extension.
    let path = name.split(['?', '#']).next().unwrap_or(name);
    let ext = path.rsplit_once('.')?.1.to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" | "xhtml" => Some(InputKind::Html),
        "rss" | "atom" | "rdf" => Some(InputKind::Feed),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use InputKind::*;

    fn kind(text: &str) -> InputKind {
        sniff(text.as_bytes(), None, None)
    }

    fn utf16le(text: &str, bom: bool) -> Vec<u8> {
        let mut out = if bom { vec![0xFF, 0xFE] } else { vec![] };
        out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        out
    }

    fn utf16be(text: &str) -> Vec<u8> {
        let mut out = vec![0xFE, 0xFF];
        out.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        out
    }

    #[test]
    fn bundles() {
        assert_eq!(kind(r#"{"format": "folio-bundle/1", "id": "x"}"#), Bundle);
        assert_eq!(
            kind("\u{feff}\n  {\n  \"id\": \"x\",\n  \"format\" :\n \"folio-bundle/2\"}"),
            Bundle
        );
        // The text of a paragraph is not a key.
        assert_eq!(
            kind(r#"{"paragraphs": ["\"format\": \"folio-bundle/1\""]}"#),
            Text
        );
    }

    #[test]
    fn xml_feeds() {
        assert_eq!(kind(r#"<rss version="2.0"><channel/></rss>"#), Feed);
        assert_eq!(
            kind(
                "\u{feff}<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<?xml-stylesheet href=\"s.xsl\"?>\n<!-- generated -->\n<feed xmlns=\"http://www.w3.org/2005/Atom\">"
            ),
            Feed
        );
        assert_eq!(
            kind(
                r#"<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">"#
            ),
            Feed
        );
        assert_eq!(
            kind(
                "<!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\" \"x.dtd\">\n<rss version=\"0.91\">"
            ),
            Feed
        );
    }

    #[test]
    fn json_feeds() {
        assert_eq!(
            kind(r#"{"version": "https://jsonfeed.org/version/1.1", "title": "t", "items": []}"#),
            Feed
        );
        assert_eq!(
            kind(r#"{"title": "t", "version":"https://jsonfeed.org/version/1"}"#),
            Feed
        );
        assert_eq!(kind(r#"{"version": "2"}"#), Text);
    }

    #[test]
    fn html() {
        for page in [
            "<!DOCTYPE html><html><body>x</body></html>",
            "<!doctype HTML>",
            "\n\n<html lang=\"en\">",
            "<head><title>x</title></head>",
            "<BODY>",
            "<?xml version=\"1.0\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\">",
            "<!-- saved from url=(0014)about:internet -->\n<html>",
            "<meta charset=\"utf-8\"><title>x</title>",
        ] {
            assert_eq!(kind(page), Html, "{page}");
        }
        assert_eq!(
            sniff(b"<p>A fragment</p>", None, Some("text/html; charset=utf-8")),
            Html
        );
        assert_eq!(sniff(b"<span>x</span>", Some("page.htm"), None), Html);
    }

    #[test]
    fn misleading_names_and_types() {
        let page = b"<!DOCTYPE html>\n<html><body><p>Text</p></body></html>";
        assert_eq!(sniff(page, Some("article.txt"), Some("text/plain")), Html);
        let feed = b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel></channel></rss>";
        assert_eq!(sniff(feed, Some("news.html"), Some("text/html")), Feed);
        let bundle = br#"{"format": "folio-bundle/1"}"#;
        assert_eq!(sniff(bundle, Some("feed.rss"), None), Bundle);
        let text = b"Title of the article\n\nAnalytics 15:33 03.06.2020\n";
        assert_eq!(sniff(text, Some("page.html"), None), Text);
        assert_eq!(sniff(text, None, Some("text/html")), Html);
        assert_eq!(
            sniff(b"<x-unknown/>", Some("https://x/feed.rss?page=2"), None),
            Feed
        );
    }

    #[test]
    fn text() {
        assert_eq!(
            kind("With Karabakh Conflict Negotiations Deadlocked\n"),
            Text
        );
        assert_eq!(kind(""), Text);
        assert_eq!(kind("   \n"), Text);
        assert_eq!(kind("<not really a tag"), Text);
        assert_eq!(kind("{ not json"), Text);
        // Latin-1 text is text, not binary.
        assert_eq!(sniff(b"caf\xe9 cr\xe8me\n", None, None), Text);
        assert_eq!(kind("\x1b[1mbold\x1b[0m log line\n"), Text);
    }

    #[test]
    fn binary() {
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", None, None), Binary);
        assert_eq!(
            sniff(b"PK\x03\x04\x14\0\x06\0", Some("feed.xml"), None),
            Binary
        );
        assert_eq!(sniff(&[1, 2, 3, 4, 5, 6, 7, 8, b'a'], None, None), Binary);
        // A NUL after the first few KB is not looked at.
        let mut late = vec![b'a'; HEAD + 10];
        late.push(0);
        assert_eq!(sniff(&late, None, None), Text);
    }

    #[test]
    fn utf16_and_utf32() {
        let feed = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><rss version=\"2.0\">";
        assert_eq!(sniff(&utf16le(feed, true), None, None), Feed);
        assert_eq!(sniff(&utf16le(feed, false), None, None), Feed);
        assert_eq!(sniff(&utf16be(feed), None, None), Feed);
        assert_eq!(
            sniff(&utf16le("<!DOCTYPE html><html>", true), None, None),
            Html
        );
        assert_eq!(
            sniff(
                &utf16le(r#"{"format": "folio-bundle/1"}"#, true),
                None,
                None
            ),
            Bundle
        );
        assert_eq!(
            sniff(&utf16le("Plain words, in UTF-16.", true), None, None),
            Text
        );
        let mut utf32 = vec![0xFF, 0xFE, 0, 0];
        utf32.extend("<html>".chars().flat_map(|c| (c as u32).to_le_bytes()));
        assert_eq!(sniff(&utf32, None, None), Html);
    }

    #[test]
    fn odd_bytes_do_not_panic() {
        for bytes in [
            &b"\xFF\xFE<"[..],
            b"\xFE\xFF\0",
            b"<!--",
            b"<?xml",
            b"<!DOCTYPE",
            b"\xEF\xBB\xBF",
            b"{\"format\"",
            b"{\"format\":",
            "<\u{00e9}\u{0301}".as_bytes(),
        ] {
            let _ = sniff(bytes, Some("x."), Some(";"));
        }
    }
}
