//! The characters folio draws with, in a UTF-8 terminal or a plain ASCII one.
//!
//! Serial consoles and `LANG=C` sessions still exist; there every decoration
//! falls back to ASCII and footnote numbers become `[n]`.

/// Whether the terminal's locale can show UTF-8, and whether decorations
/// (rules, borders, separators) should be plain ASCII anyway: `--low-bandwidth`
/// keeps the text as it is but draws a rule in 1 byte a column instead of 3.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Glyphs {
    pub unicode: bool,
    pub ascii_decorations: bool,
}

impl Glyphs {
    pub const UNICODE: Glyphs = Glyphs {
        unicode: true,
        ascii_decorations: false,
    };
    pub const ASCII: Glyphs = Glyphs {
        unicode: false,
        ascii_decorations: true,
    };

    /// The same text, ASCII decorations.
    pub fn with_ascii_decorations(self) -> Glyphs {
        Glyphs {
            ascii_decorations: true,
            ..self
        }
    }

    /// Whether decorations may use Unicode box drawing and symbols.
    pub fn fancy(&self) -> bool {
        self.unicode && !self.ascii_decorations
    }

    /// Decides from `LC_ALL`, `LC_CTYPE` and `LANG`, in POSIX precedence.
    pub fn from_locale_vars(get: impl Fn(&str) -> Option<String>) -> Glyphs {
        let locale = ["LC_ALL", "LC_CTYPE", "LANG"]
            .iter()
            .filter_map(|k| get(k))
            .find(|v| !v.is_empty())
            .unwrap_or_default()
            .to_ascii_lowercase();
        let unicode = locale.contains("utf-8") || locale.contains("utf8");
        Glyphs {
            unicode,
            ascii_decorations: !unicode,
        }
    }

    /// A footnote marker as it appears in running text: `¹²` or `[12]`.
    pub fn marker(&self, n: usize) -> String {
        if self.unicode {
            superscript(n)
        } else {
            format!("[{n}]")
        }
    }

    /// Put between two adjacent markers (`⁹,¹⁰`); ASCII markers need nothing.
    pub fn marker_joiner(&self) -> &'static str {
        if self.unicode { "," } else { "" }
    }

    pub fn middle_dot(&self) -> &'static str {
        if self.fancy() { " · " } else { " - " }
    }

    pub fn rule(&self) -> char {
        if self.fancy() { '─' } else { '-' }
    }

    pub fn vertical(&self) -> char {
        if self.fancy() { '│' } else { '|' }
    }

    pub fn ellipsis(&self) -> &'static str {
        if self.fancy() { "…" } else { "..." }
    }

    pub fn link_arrow(&self) -> &'static str {
        if self.fancy() { " →" } else { " ->" }
    }

    pub fn bullet(&self) -> &'static str {
        if self.fancy() { "• " } else { "* " }
    }
}

fn superscript(n: usize) -> String {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    n.to_string()
        .bytes()
        .map(|b| DIGITS[usize::from(b - b'0')])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_in_both_modes() {
        assert_eq!(Glyphs::UNICODE.marker(104), "¹⁰⁴");
        assert_eq!(Glyphs::UNICODE.marker(7), "⁷");
        assert_eq!(Glyphs::ASCII.marker(12), "[12]");
    }

    #[test]
    fn low_bandwidth_keeps_text_and_plain_decorations() {
        let g = Glyphs::UNICODE.with_ascii_decorations();
        assert_eq!(
            (g.rule(), g.middle_dot(), g.link_arrow()),
            ('-', " - ", " ->")
        );
        assert_eq!(g.marker(12), "¹²", "footnote numbers stay superscripts");
        assert!(g.unicode);
    }

    #[test]
    fn locale_precedence() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert!(Glyphs::from_locale_vars(env(&[("LANG", "en_US.UTF-8")])).unicode);
        assert!(
            !Glyphs::from_locale_vars(env(&[("LC_ALL", "C"), ("LANG", "en_US.UTF-8")])).unicode
        );
        assert!(Glyphs::from_locale_vars(env(&[("LC_ALL", ""), ("LC_CTYPE", "C.utf8")])).unicode);
        assert!(!Glyphs::from_locale_vars(env(&[])).unicode);
    }
}
