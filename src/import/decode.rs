//! Bytes of a page → text, in whatever charset the page is in.
//!
//! Pages come saved from browsers, fetched with curl, or from servers that
//! say one charset and send another. The order follows what browsers do, so
//! a page reads here as it did on screen: a byte-order mark wins; then the
//! charset of the HTTP `Content-Type` header; then a `<meta charset>` or
//! `<meta http-equiv="Content-Type">` in the first 1024 bytes; then UTF-8
//! when the bytes are valid UTF-8; else a statistical guess (`chardetng`).
//!
//! A declaration that the bytes contradict is not obeyed blindly: a page
//! that says UTF-8 but is not valid UTF-8 is decoded by a guess, and a page
//! that says a legacy charset (latin-1, windows-1251…) but whose bytes are
//! valid multi-byte UTF-8 is read as UTF-8 (the odds of a legacy text being
//! valid UTF-8 by accident are negligible). Either way the result carries a
//! warning naming what was declared and what was used. Decoding never fails:
//! bytes no charset maps become U+FFFD.

use std::sync::LazyLock;

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};
use regex::bytes::Regex;

/// A page's text and how it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// The WHATWG name of the encoding used (`UTF-8`, `windows-1251`…).
    pub encoding: &'static str,
    /// Set when the page's declared charset was wrong and another was used.
    pub warning: Option<String>,
}

/// How far `<meta charset>` is looked for, as browsers do.
const PRESCAN: usize = 1024;

static META: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i-u)<meta\b[^>]*?charset\s*=\s*[\x22']?\s*([a-z0-9_:.\-]+)")
        .unwrap_or_else(|e| unreachable!("fixed regex: {e}"))
});

/// The charset a `<meta>` in the first [`PRESCAN`] bytes declares.
fn prescan(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(PRESCAN)];
    let label = META.captures(head)?.get(1)?.as_bytes();
    let encoding = Encoding::for_label(label)?;
    // As the HTML standard says: a page cannot declare UTF-16 in itself (its
    // ASCII would not be ASCII), and x-user-defined means windows-1252.
    Some(if encoding == UTF_16BE || encoding == UTF_16LE {
        UTF_8
    } else if encoding.name() == "x-user-defined" {
        WINDOWS_1252
    } else {
        encoding
    })
}

/// Whether `bytes` is UTF-8, allowing a final character cut short (a
/// truncated download).
fn utf8_ok(bytes: &[u8]) -> bool {
    match std::str::from_utf8(bytes) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none(),
    }
}

fn guess(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector.guess(None, chardetng::Utf8Detection::Allow)
}

fn with(encoding: &'static Encoding, bytes: &[u8], warning: Option<String>) -> Decoded {
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    Decoded {
        text: text.into_owned(),
        encoding: encoding.name(),
        warning,
    }
}

/// Decodes a page: BOM, then `header_charset` (the `charset` parameter of
/// an HTTP `Content-Type`, when fetched), then `<meta>`, then UTF-8, then a
/// guess.
pub fn decode(bytes: &[u8], header_charset: Option<&str>) -> Decoded {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        return with(encoding, &bytes[bom..], None);
    }
    let declared = header_charset
        .and_then(|label| Encoding::for_label(label.trim().trim_matches(['"', '\'']).as_bytes()))
        .map(|e| (e, "the Content-Type header"))
        .or_else(|| prescan(bytes).map(|e| (e, "its <meta> charset")));
    let utf8 = utf8_ok(bytes);
    let Some((encoding, place)) = declared else {
        return with(if utf8 { UTF_8 } else { guess(bytes) }, bytes, None);
    };
    if encoding == UTF_8 && !utf8 {
        let used = guess(bytes);
        let used = if used == UTF_8 { WINDOWS_1252 } else { used };
        let warning = format!(
            "the page declares UTF-8 (in {place}) but is not valid UTF-8; decoded as {}",
            used.name()
        );
        return with(used, bytes, Some(warning));
    }
    let utf16 = encoding == UTF_16BE || encoding == UTF_16LE;
    if encoding != UTF_8 && !utf16 && utf8 && !bytes.is_ascii() {
        let warning = format!(
            "the page declares {} (in {place}) but its bytes are UTF-8; decoded as UTF-8",
            encoding.name()
        );
        return with(UTF_8, bytes, Some(warning));
    }
    with(encoding, bytes, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(charset_meta: &str, body: &[u8]) -> Vec<u8> {
        let mut out =
            format!("<html><head>{charset_meta}<title>t</title></head><body><p>").into_bytes();
        out.extend_from_slice(body);
        out.extend_from_slice(b"</p></body></html>");
        out
    }

    #[test]
    fn windows_1251_page_by_meta() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode("Лента новостей");
        let d = decode(&page(r#"<meta charset="windows-1251">"#, &bytes), None);
        assert_eq!(d.encoding, "windows-1251");
        assert!(d.text.contains("Лента новостей"));
        assert_eq!(d.warning, None);
    }

    #[test]
    fn windows_1251_page_without_declaration_is_guessed() {
        let text = "Министерство обороны сообщило, что войска продолжают учения в горах. \
                    Об этом говорится в сообщении, распространённом в субботу.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(text);
        let d = decode(&page("", &bytes), None);
        assert_eq!(d.encoding, "windows-1251");
        assert!(d.text.contains(text));
    }

    #[test]
    fn http_equiv_content_type_is_read() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode("café");
        let meta = r#"<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">"#;
        let d = decode(&page(meta, &bytes), None);
        assert_eq!(d.encoding, "windows-1252");
        assert!(d.text.contains("café"));
    }

    #[test]
    fn latin1_bytes_that_say_utf8_are_decoded_as_what_they_are() {
        let (bytes, _, _) =
            encoding_rs::WINDOWS_1252.encode("Der Bürgermeister sagte, daß es schön wäre.");
        let d = decode(&page(r#"<meta charset="utf-8">"#, &bytes), None);
        assert_ne!(d.encoding, "UTF-8");
        assert!(d.text.contains("Bürgermeister"), "{}", d.text);
        let warning = d.warning.unwrap_or_default();
        assert!(warning.contains("declares UTF-8"), "{warning}");
        assert!(warning.contains("decoded as"), "{warning}");
    }

    #[test]
    fn utf8_bytes_that_say_latin1_are_read_as_utf8() {
        let d = decode(
            &page(
                r#"<meta charset="iso-8859-1">"#,
                "Türkiye’s “big” day".as_bytes(),
            ),
            None,
        );
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.text.contains("Türkiye’s “big” day"));
        assert!(d.warning.unwrap_or_default().contains("windows-1252"));
    }

    #[test]
    fn bom_wins_over_everything() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend(page(
            r#"<meta charset="windows-1251">"#,
            "Ünïcödé".as_bytes(),
        ));
        let d = decode(&bytes, Some("iso-8859-1"));
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.text.starts_with("<html>"));
        assert!(d.text.contains("Ünïcödé"));
        assert_eq!(d.warning, None);

        let mut le = vec![0xFF, 0xFE];
        for unit in "<p>Ωmega</p>".encode_utf16() {
            le.extend_from_slice(&unit.to_le_bytes());
        }
        let d = decode(&le, None);
        assert_eq!(d.encoding, "UTF-16LE");
        assert_eq!(d.text, "<p>Ωmega</p>");
    }

    #[test]
    fn header_charset_comes_before_meta() {
        let (bytes, _, _) = encoding_rs::KOI8_R.encode("Новости");
        let d = decode(
            &page(r#"<meta charset="windows-1251">"#, &bytes),
            Some("KOI8-R"),
        );
        assert_eq!(d.encoding, "KOI8-R");
        assert!(d.text.contains("Новости"));
    }

    #[test]
    fn truncated_utf8_is_still_utf8() {
        let mut bytes = page("", "naïve".as_bytes());
        bytes.extend_from_slice(&"é".as_bytes()[..1]);
        let d = decode(&bytes, None);
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.text.contains("naïve"));
    }

    #[test]
    fn unknown_labels_are_ignored() {
        let d = decode(
            &page(r#"<meta charset="no-such-charset">"#, b"plain"),
            Some("bogus"),
        );
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.text.contains("plain"));
    }
}
