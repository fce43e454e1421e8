//! Paragraph text: joining a block's lines and normalising whitespace, while
//! remembering where each character came from so that warnings can point at
//! `line:column` in the page.
//!
//! Runs of ASCII whitespace (spaces, tabs, line breaks) become one space and
//! the ends are trimmed; every other character, a no-break space included, is
//! kept exactly as the page had it.

/// A line of the page.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PageLine<'a> {
    /// 1-based line number.
    pub number: usize,
    pub text: &'a str,
}

/// Whether `text` has more than `n` characters, counting no further than
/// that: a line of prose may be thousands long, and is asked this often.
pub(crate) fn longer_than(text: &str, n: usize) -> bool {
    text.len() > n && text.chars().nth(n).is_some()
}

fn collapsible(c: char) -> bool {
    c.is_ascii_whitespace()
}

/// Text normalised from one or more page lines.
#[derive(Debug, Clone)]
pub(crate) struct Normalised<'a> {
    pub text: String,
    /// For each source line: the byte offset in `text` where its text starts.
    starts: Vec<(usize, PageLine<'a>)>,
}

impl<'a> Normalised<'a> {
    pub fn new(lines: &[PageLine<'a>]) -> Normalised<'a> {
        let mut text = String::with_capacity(lines.iter().map(|l| l.text.len()).sum());
        let mut starts = Vec::with_capacity(lines.len());
        for line in lines {
            let trimmed = line.text.trim_matches(collapsible);
            if trimmed.is_empty() {
                continue;
            }
            if !text.is_empty() {
                text.push(' ');
            }
            starts.push((text.len(), *line));
            // Copied a stretch at a time: a stretch ends only where a run
            // of whitespace is more than one plain space. ASCII whitespace
            // is one byte, never inside a character.
            let bytes = trimmed.as_bytes();
            let mut copied = 0;
            let mut i = 0;
            while i < bytes.len() {
                if !bytes[i].is_ascii_whitespace() {
                    i += 1;
                    continue;
                }
                let run = i;
                while bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                if i - run > 1 || bytes[run] != b' ' {
                    text.push_str(&trimmed[copied..run]);
                    text.push(' ');
                    copied = i;
                }
            }
            text.push_str(&trimmed[copied..]);
        }
        // Unicode spaces (no-break and the like) at the very ends are not prose.
        let end = text.trim_end().len();
        text.truncate(end);
        Normalised { text, starts }
    }

    /// Line and column (1-based, in characters) of byte `offset` of `text`.
    pub fn locate(&self, offset: usize) -> (usize, usize) {
        let i = self
            .starts
            .partition_point(|(s, _)| *s <= offset)
            .saturating_sub(1);
        let Some(&(start, line)) = self.starts.get(i) else {
            return (1, 1);
        };
        // Walk the original line, emitting characters as `new` did, until the
        // normalised position reaches `offset`.
        let leading = line.text.len() - line.text.trim_start_matches(collapsible).len();
        let mut column = line.text[..leading].chars().count() + 1;
        let mut pos = start;
        let mut in_space = false;
        for c in line.text[leading..].chars() {
            // Only the first of a run of whitespace is in the normalised text.
            let emitted = !collapsible(c) || !in_space;
            if pos >= offset && emitted {
                break;
            }
            if collapsible(c) {
                if !in_space {
                    pos += 1;
                    in_space = true;
                }
            } else {
                pos += c.len_utf8();
                in_space = false;
            }
            column += 1;
        }
        (line.number, column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines<'a>(texts: &[&'a str]) -> Vec<PageLine<'a>> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| PageLine {
                number: i + 10,
                text: t,
            })
            .collect()
    }

    #[test]
    fn whitespace_is_normalised_and_prose_kept() {
        let l = lines(&["  One  two\tthree ", "four\u{a0} five.\u{a0}"]);
        let n = Normalised::new(&l);
        assert_eq!(n.text, "One two three four\u{a0} five.");
    }

    #[test]
    fn each_run_of_ascii_whitespace_is_one_space() {
        let l = lines(&["\ta b\tc \t d  e\r", "", " \u{a0}f\u{2003} g", "h"]);
        let n = Normalised::new(&l);
        assert_eq!(n.text, "a b c d e \u{a0}f\u{2003} g h");
        assert_eq!(n.locate(n.text.find('e').unwrap_or(0)), (10, 13));
        assert_eq!(n.locate(n.text.find('f').unwrap_or(0)), (12, 3));
    }

    #[test]
    fn offsets_map_back_to_the_page() {
        let l = lines(&["  One  two", "thé (x)"]);
        let n = Normalised::new(&l);
        assert_eq!(n.text, "One two thé (x)");
        assert_eq!(n.locate(0), (10, 3));
        assert_eq!(n.locate(4), (10, 8));
        let paren = n.text.find('(').unwrap();
        assert_eq!(n.locate(paren), (11, 5));
    }
}
