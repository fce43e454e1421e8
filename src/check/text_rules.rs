//! Rules over one piece of prose (a paragraph, a title, a headline, a page
//! line): typing slips an editor wants to see before a bundle ships.
//!
//! Pure functions of the text; each finding carries the character offset where
//! it starts (`at`), which the caller turns into a line and column of its file.

use super::RuleSet;
use crate::diagnostic::{Diagnostic, Rule};

fn found(out: &mut Vec<Diagnostic>, offset: usize, rule: Rule, message: String) {
    out.push(Diagnostic::new(rule, message).with_offset(offset));
}

/// Where `d` starts in the text it was found in.
fn offset(d: &Diagnostic) -> usize {
    d.at.unwrap_or_default()
}

/// A text rule's work: its findings in a text's characters.
type Pass = fn(&[char], &mut Vec<Diagnostic>);

/// Every text rule over `text`, in order of offset.
pub fn text_findings(text: &str) -> Vec<Diagnostic> {
    text_findings_of(text, &RuleSet::all())
}

/// The rules that read the text's characters, and how.
const CHAR_PASSES: [(Rule, Pass); 6] = [
    (Rule::DoubleSpace, double_spaces),
    (Rule::UnbalancedBrackets, brackets),
    (Rule::UnbalancedQuotes, quotes),
    (Rule::InvisibleChar, invisible),
    (Rule::BacktickApostrophe, backticks),
    (Rule::Mojibake, mojibake),
];

/// The text rules of `rules` over `text`, in order of offset: an allowed
/// rule does no work, nor does a rule that the text's bytes show can find
/// nothing ([`may_find`]).
pub fn text_findings_of(text: &str, rules: &RuleSet) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut chars: Vec<char> = Vec::new();
    for (rule, pass) in CHAR_PASSES {
        if rules.on(rule) && may_find(rule, text) {
            if chars.is_empty() {
                chars = text.chars().collect();
            }
            pass(&chars, &mut out);
        }
    }
    if rules.on(Rule::RepeatedWord) {
        repeated_words(text, &mut out);
    }
    out.sort_by_key(offset);
    out
}

/// Whether `rule` may find something in `text`, judged from its bytes:
/// `false` only when it cannot. A byte search is many times faster than a
/// rule over characters, and most text has nothing for most rules.
fn may_find(rule: Rule, text: &str) -> bool {
    use memchr::{memchr, memchr2, memchr3, memmem};
    use std::sync::LazyLock;
    static TWO_SPACES: LazyLock<memmem::Finder> = LazyLock::new(|| memmem::Finder::new("  "));
    static BOM: LazyLock<memmem::Finder> = LazyLock::new(|| memmem::Finder::new("\u{FEFF}"));
    let b = text.as_bytes();
    match rule {
        // Two ASCII spaces, or a wider one: the others' UTF-8 starts C2
        // (U+00A0), E2 (U+2000-U+205F) or E3 (U+3000).
        Rule::DoubleSpace => TWO_SPACES.find(b).is_some() || memchr3(0xC2, 0xE2, 0xE3, b).is_some(),
        Rule::UnbalancedBrackets => {
            memchr3(b'(', b'[', b'{', b).is_some() || memchr3(b')', b']', b'}', b).is_some()
        }
        // Straight quotes, or curly ones (U+201C-U+201E start E2).
        Rule::UnbalancedQuotes => memchr2(b'"', 0xE2, b).is_some(),
        // C0 controls and DEL; C1 controls and the soft hyphen start C2,
        // the U+20xx marks E2, and U+FEFF is EF BB BF.
        Rule::InvisibleChar => {
            any_byte(b, |c| c < 0x20 || c == 0x7F)
                || memchr2(0xC2, 0xE2, b).is_some()
                || BOM.find(b).is_some()
        }
        Rule::BacktickApostrophe => memchr(b'`', b).is_some(),
        // Ã, Â, Ð, Ñ and â start C3; Cyrillic letters (в too) D0-D3.
        Rule::Mojibake => any_byte(b, |c| c == 0xC3 || (0xD0..=0xD3).contains(&c)),
        _ => true,
    }
}

/// Whether a byte of `b` is one `is` picks: 64 bytes at a time with no
/// branch inside, which the compiler turns into vector instructions.
fn any_byte(b: &[u8], is: impl Fn(u8) -> bool) -> bool {
    b.chunks(64)
        .any(|chunk| chunk.iter().fold(false, |any, &c| any | is(c)))
}

/// Only the invisible-char rule over `text`: for the strings that are not
/// prose (ids, sources, links, raw citations), where the other text rules
/// would be noise but an escape or a bidi override is still a slip.
pub fn invisible_findings(text: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // Nearly every such string is plain: only a suspect one is looked at.
    if text.chars().any(|c| invisible_name(c).is_some()) {
        let chars: Vec<char> = text.chars().collect();
        invisible(&chars, &mut out);
    }
    out
}

/// Spaces a page can hold: the ordinary one, no-break, and the typographic
/// widths. Two in a row read as a gap, whichever they are.
fn is_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\u{A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
    )
}

fn double_spaces(chars: &[char], out: &mut Vec<Diagnostic>) {
    let mut i = 0;
    while i < chars.len() {
        if is_space(chars[i]) && chars.get(i + 1).is_some_and(|c| is_space(*c)) {
            let run = chars[i..].iter().take_while(|c| is_space(**c)).count();
            let kinds = if chars[i..i + run].iter().all(|c| *c == ' ') {
                "spaces"
            } else {
                "spaces (some no-break or typographic)"
            };
            found(out, i, Rule::DoubleSpace, format!("{run} {kinds} in a row"));
            i += run;
        } else {
            i += 1;
        }
    }
}

fn brackets(chars: &[char], out: &mut Vec<Diagnostic>) {
    let mut open: Vec<(char, usize)> = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        let opener = match c {
            ')' => '(',
            ']' => '[',
            '}' => '{',
            '(' | '[' | '{' => {
                open.push((c, i));
                continue;
            }
            _ => continue,
        };
        match open.last() {
            Some(&(o, _)) if o == opener => {
                open.pop();
            }
            _ => found(
                out,
                i,
                Rule::UnbalancedBrackets,
                format!("`{c}` closes nothing: no `{opener}` before it"),
            ),
        }
    }
    for (c, i) in open {
        found(
            out,
            i,
            Rule::UnbalancedBrackets,
            format!("`{c}` is never closed"),
        );
    }
}

fn quotes(chars: &[char], out: &mut Vec<Diagnostic>) {
    let straight: Vec<usize> = (chars.iter().enumerate())
        .filter(|(_, c)| **c == '"')
        .map(|(i, _)| i)
        .collect();
    if straight.len() % 2 == 1
        && let Some(&last) = straight.last()
    {
        found(
            out,
            last,
            Rule::UnbalancedQuotes,
            format!(
                "{} straight double quotes: one has no partner",
                straight.len()
            ),
        );
    }
    // English “…”, and German „…“ (whose closing mark is the English opening).
    let mut open: Option<(char, usize)> = None;
    for (i, &c) in chars.iter().enumerate() {
        match (c, open) {
            ('“', Some(('„', _))) | ('”', Some(('“', _))) => open = None,
            ('“' | '„', _) => {
                if let Some((o, at)) = open {
                    never_closed(out, o, at);
                }
                open = Some((c, i));
            }
            ('”', _) => found(
                out,
                i,
                Rule::UnbalancedQuotes,
                "`”` closes nothing: no `“` before it".into(),
            ),
            _ => {}
        }
    }
    if let Some((o, at)) = open {
        never_closed(out, o, at);
    }
}

fn never_closed(out: &mut Vec<Diagnostic>, quote: char, at: usize) {
    found(
        out,
        at,
        Rule::UnbalancedQuotes,
        format!("`{quote}` is never closed"),
    );
}

/// Characters that cannot be seen, or that reorder what is seen.
fn invisible_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{200B}' => "zero-width space",
        '\u{200C}' => "zero-width non-joiner",
        '\u{200D}' => "zero-width joiner",
        '\u{200E}' | '\u{200F}' => "direction mark",
        '\u{202A}'..='\u{202E}' => "bidi override",
        '\u{2066}'..='\u{2069}' => "bidi isolate",
        '\u{2060}' => "word joiner",
        '\u{FEFF}' => "byte-order mark",
        '\u{00AD}' => "soft hyphen",
        c if c.is_control() => "control character",
        _ => return None,
    })
}

fn invisible(chars: &[char], out: &mut Vec<Diagnostic>) {
    for (i, &c) in chars.iter().enumerate() {
        let Some(name) = invisible_name(c) else {
            continue;
        };
        let before = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
        let after = chars.get(i + 1).copied();
        // Joiners belong inside emoji sequences and non-Latin scripts.
        let in_sequence = |x: Option<char>| x.is_some_and(|x| !x.is_ascii() && !is_latin(x));
        if matches!(c, '\u{200C}' | '\u{200D}') && in_sequence(before) && in_sequence(after) {
            continue;
        }
        found(
            out,
            i,
            Rule::InvisibleChar,
            format!("invisible {name} U+{:04X}", u32::from(c)),
        );
    }
}

fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic() || ('\u{00C0}'..='\u{024F}').contains(&c) && c.is_alphabetic()
}

fn is_cyrillic(c: char) -> bool {
    ('\u{0400}'..='\u{04FF}').contains(&c)
}

fn backticks(chars: &[char], out: &mut Vec<Diagnostic>) {
    for i in 1..chars.len().saturating_sub(1) {
        if chars[i] == '`' && chars[i - 1].is_alphabetic() && chars[i + 1].is_alphabetic() {
            found(
                out,
                i,
                Rule::BacktickApostrophe,
                "a backtick used as an apostrophe: write ’ or '".into(),
            );
        }
    }
}

/// UTF-8 read as Latin-1 or Windows-1251 and written out again.
fn mojibake(chars: &[char], out: &mut Vec<Diagnostic>) {
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied().unwrap_or(' ');
        let latin1 = matches!(c, 'Ã' | 'Â' | 'Ð' | 'Ñ')
            && ('\u{0080}'..='\u{00BF}').contains(&next)
            || c == 'â' && next == '€';
        let cp1251 = c == 'в' && matches!(next, 'Ђ' | '\'' | '’');
        if latin1 || cp1251 {
            found(
                out,
                i,
                Rule::Mojibake,
                format!("`{c}{next}` looks like mis-decoded UTF-8 (mojibake)"),
            );
            i += 2;
            continue;
        }
        i += 1;
    }
    // A word mixing Latin and Cyrillic letters (`Azerbaijanв`).
    let mut start = 0;
    for (i, c) in chars.iter().chain([&' ']).enumerate() {
        if c.is_alphabetic() || matches!(c, '\'' | '’') {
            continue;
        }
        let word = &chars[start..i.min(chars.len())];
        let latin = word.iter().any(|c| is_latin(*c));
        let cyrillic = word.iter().position(|c| is_cyrillic(*c));
        if latin && let Some(at) = cyrillic {
            let text: String = word.iter().collect();
            if !out
                .iter()
                .any(|f| f.rule == Rule::Mojibake && (start..i).contains(&offset(f)))
            {
                found(
                    out,
                    start + at,
                    Rule::Mojibake,
                    format!("`{text}` mixes Latin and Cyrillic letters (mojibake?)"),
                );
            }
        }
        start = i + 1;
    }
}

/// Whether two words are the same but for case. The words of prose are
/// nearly all ASCII, compared as they stand; the others are lowercased.
fn same_word(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        a.eq_ignore_ascii_case(b)
    } else {
        a.to_lowercase() == b.to_lowercase()
    }
}

/// Over the text itself, not its characters: this rule runs on every
/// text, and a text most often needs no other.
fn repeated_words(text: &str, out: &mut Vec<Diagnostic>) {
    let mut previous: Option<&str> = None;
    let mut chars = text.char_indices().peekable();
    // Characters read so far: the offset of the next.
    let mut read = 0;
    while let Some((at, c)) = chars.next() {
        let start = read;
        read += 1;
        if !c.is_alphabetic() {
            // Only spaces may separate a repeated word from itself.
            if c != ' ' {
                previous = None;
            }
            continue;
        }
        let mut end = at + c.len_utf8();
        while let Some(&(b, c)) = chars.peek().filter(|(_, c)| c.is_alphabetic()) {
            end = b + c.len_utf8();
            chars.next();
            read += 1;
        }
        let word = text.get(at..end).unwrap_or_default();
        if previous.is_some_and(|p| same_word(p, word)) {
            let word = word.to_lowercase();
            found(
                out,
                start,
                Rule::RepeatedWord,
                format!("`{word}` twice in a row"),
            );
        }
        previous = Some(word);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Each finding's rule and offset (which every text finding has).
    fn rules(text: &str) -> Vec<(&'static str, usize)> {
        text_findings(text)
            .into_iter()
            .map(|f| (f.rule.name(), f.at.expect("a text finding has an offset")))
            .collect()
    }

    #[test]
    fn each_rule_fires_on_its_slip() {
        assert_eq!(rules("two  spaces"), [("double-space", 3)]);
        assert_eq!(rules("formula\u{a0} with"), [("double-space", 7)]);
        assert_eq!(rules("open (never"), [("unbalanced-brackets", 5)]);
        assert_eq!(rules("close) here"), [("unbalanced-brackets", 5)]);
        assert_eq!(rules("say \"hi"), [("unbalanced-quotes", 4)]);
        assert_eq!(rules("say “hi"), [("unbalanced-quotes", 4)]);
        assert_eq!(rules("say hi”"), [("unbalanced-quotes", 6)]);
        assert_eq!(rules("zero\u{200B}width"), [("invisible-char", 4)]);
        assert_eq!(rules("a \u{202E}b"), [("invisible-char", 2)]);
        assert_eq!(rules("Aliyev`s visit"), [("backtick-apostrophe", 6)]);
        assert_eq!(rules("Itâ€™s"), [("mojibake", 2)]);
        assert_eq!(rules("caf\u{00C3}\u{00A9}"), [("mojibake", 3)]);
        assert_eq!(rules("Azerbaijanв's"), [("mojibake", 10)]);
        assert_eq!(rules("the the end"), [("repeated-word", 4)]);
    }

    #[test]
    fn clean_text_has_no_findings() {
        for ok in [
            "One space (balanced) [^1] and “quotes” and \"straight\" ones.",
            "Russia’s minister said: ‘no’.",
            "`code` in backticks, and a family 👨\u{200D}👩\u{200D}👧.",
            "Persian می\u{200C}خواهم uses a joiner.",
            "„German“ and «French» quotes.",
            "São Paulo, Ñandú, Þór, Москва and Azerbaijan.",
            "that is, is it? Yes. Yes.",
            "",
        ] {
            assert_eq!(rules(ok), [], "{ok}");
        }
    }

    /// The rule as it was, a lowercased `String` per word: the one that
    /// compares words in place must find the same.
    fn repeated_words_straightforward(chars: &[char], out: &mut Vec<Diagnostic>) {
        let mut previous: Option<String> = None;
        let mut i = 0;
        while i < chars.len() {
            if !chars[i].is_alphabetic() {
                if chars[i] != ' ' {
                    previous = None;
                }
                i += 1;
                continue;
            }
            let start = i;
            while i < chars.len() && chars[i].is_alphabetic() {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect::<String>().to_lowercase();
            if previous.as_ref() == Some(&word) {
                let message = format!("`{word}` twice in a row");
                found(out, start, Rule::RepeatedWord, message);
            }
            previous = Some(word);
        }
    }

    /// Every rule over the text's characters, as it was before the byte
    /// checks and the repeated-word rule over the text.
    fn text_findings_straightforward(text: &str) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let chars: Vec<char> = text.chars().collect();
        let passes = CHAR_PASSES
            .iter()
            .copied()
            .chain([(Rule::RepeatedWord, repeated_words_straightforward as Pass)]);
        for (rule, pass) in passes {
            if rule != Rule::Mojibake || !text.is_ascii() {
                pass(&chars, &mut out);
            }
        }
        out.sort_by_key(offset);
        out
    }

    /// Text rich in what the rules look for.
    fn slips() -> impl Strategy<Value = String> {
        let pieces = prop_oneof![
            3 => "[a-z]{1,6}",
            3 => prop::sample::select(vec![
                " ", "  ", "\u{A0}", "\u{2003}", "\u{3000}", "\u{202F}", "(", ")", "[", "]",
                "{", "}", "\"", "“", "”", "„", "\u{200B}", "\u{200D}", "\u{202E}", "\u{2066}",
                "\u{FEFF}", "\u{AD}", "\u{1}", "\u{7F}", "\u{85}", "\n", "`", "Ã", "Â©", "â€",
                "в’", "Москва", "Azerbaijanв", "é", "👨", "\u{FFFC}", "the the", "The the",
                "ΣΑΣ σας", "İ i̇", "ß SS",
            ])
            .prop_map(str::to_string),
        ];
        prop::collection::vec(pieces, 0..30).prop_map(|p| p.concat())
    }

    proptest! {
        #[test]
        fn the_rules_find_what_the_straightforward_ones_do(t in slips()) {
            prop_assert_eq!(text_findings(&t), text_findings_straightforward(&t));
        }

        #[test]
        fn the_rules_find_the_same_in_any_text(t in "\\PC{0,80}") {
            prop_assert_eq!(text_findings(&t), text_findings_straightforward(&t));
        }

        #[test]
        fn offsets_are_inside_the_text(t in "\\PC{0,60}") {
            let n = t.chars().count();
            for f in text_findings(&t) {
                // An offset, and inside: a finding without one would read as 0.
                prop_assert!(f.at.is_some_and(|at| at < n.max(1)), "{f:?}");
            }
        }
    }
}
