//! Neutralising bundle text before it reaches the terminal.
//!
//! Bundles come from the web. A paragraph holding `ESC ] 52 ;…` would otherwise
//! write to the reader's clipboard, and bidi overrides would make text lie about
//! its order. Every string drawn from a bundle goes through [`clean`], which
//! replaces control, escape and bidi-control characters with visible
//! placeholders (`␛`, `␇`, or `^[` without UTF-8; `<U+202E>` for C1 controls
//! and bidi overrides) and turns tabs and line breaks into spaces. In an ASCII-only
//! terminal it also spells typographic punctuation in ASCII and strips accents
//! (`“Türkiye’s”` → `"Turkiye's"`), showing `?` for what has no ASCII form.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;

use crate::glyphs::Glyphs;

fn needs_cleaning(c: char) -> bool {
    c.is_control() || is_bidi_control(c) || matches!(c, '\u{2028}' | '\u{2029}')
}

/// An ASCII spelling of common typographic characters.
fn ascii_punctuation(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => "'",
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => "\"",
        '\u{2010}'..='\u{2013}' | '\u{2212}' => "-",
        '\u{2014}' | '\u{2015}' => "--",
        '\u{2026}' => "...",
        '\u{A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => " ",
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => "",
        '\u{2022}' | '\u{00B7}' => "*",
        '\u{00AB}' => "<<",
        '\u{00BB}' => ">>",
        _ => return None,
    })
}

fn push_ascii(out: &mut String, c: char) {
    if let Some(s) = ascii_punctuation(c) {
        out.push_str(s);
        return;
    }
    if unicode_normalization::char::is_combining_mark(c) {
        return; // Its base letter has already been written.
    }
    let base: String = std::iter::once(c)
        .nfd()
        .filter(|d| d.is_ascii() && !d.is_control())
        .collect();
    if base.is_empty() {
        out.push('?');
    } else {
        out.push_str(&base);
    }
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every unsafe character replaced by a visible placeholder.
pub fn clean(text: &str, glyphs: Glyphs) -> Cow<'_, str> {
    let unsafe_char = |c: char| needs_cleaning(c) || (!glyphs.unicode && !c.is_ascii());
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\t' | '\n' | '\r' | '\u{2028}' | '\u{2029}' => out.push(' '),
            c if !needs_cleaning(c) && (glyphs.unicode || c.is_ascii()) => out.push(c),
            c if !needs_cleaning(c) => push_ascii(&mut out, c),
            c => match c as u32 {
                // U+2400..U+241F are the "control pictures" ␀…␟, U+2421 is ␡.
                n @ 0..=0x1F if glyphs.unicode => {
                    out.push(char::from_u32(0x2400 + n).unwrap_or('?'));
                }
                0x7F if glyphs.unicode => out.push('␡'),
                n @ 0..=0x1F => {
                    out.push('^');
                    out.push(char::from(b'@' + n as u8));
                }
                0x7F => out.push_str("^?"),
                // C1 controls and bidi overrides: named, so an editor knows
                // exactly what is there.
                n => out.push_str(&format!("<U+{n:04X}>")),
            },
        }
    }
    Cow::Owned(out)
}

/// [`clean`] for text of several lines: each line cleaned, line breaks kept.
pub fn clean_lines(text: &str, glyphs: Glyphs) -> String {
    text.split_inclusive('\n')
        .map(|line| {
            let (body, newline) = match line.strip_suffix('\n') {
                Some(b) => (b, "\n"),
                None => (line, ""),
            };
            format!("{}{newline}", clean(body, glyphs))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn escapes_become_visible() {
        let hostile = "a\u{1b}]52;c;aGk=\u{7}b\u{9b}31mc\u{202e}d\te";
        assert_eq!(
            clean(hostile, Glyphs::UNICODE),
            "a␛]52;c;aGk=␇b<U+009B>31mc<U+202E>d e"
        );
        assert_eq!(
            clean(hostile, Glyphs::ASCII),
            "a^[]52;c;aGk=^Gb<U+009B>31mc<U+202E>d e"
        );
        assert!(matches!(
            clean("plain “text” 東京", Glyphs::UNICODE),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn ascii_terminals_get_ascii() {
        assert_eq!(
            clean(
                "“Türkiye’s” 18–22 — café… 東京\u{a0}x Zoe\u{308}",
                Glyphs::ASCII
            ),
            "\"Turkiye's\" 18-22 -- cafe... ?? x Zoe"
        );
    }

    proptest! {
        #[test]
        fn nothing_unsafe_survives(s in "\\PC*|[\\x00-\\x7f\\u{80}-\\u{9f}\\u{202a}-\\u{202e}\\u{2066}-\\u{2069}]*") {
            for g in [Glyphs::UNICODE, Glyphs::ASCII] {
                let out = clean(&s, g);
                prop_assert!(!out.chars().any(needs_cleaning));
                prop_assert!(g.unicode || out.is_ascii());
            }
        }
    }
}
