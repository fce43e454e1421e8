//! Spelling against an English word list shipped in the binary (SCOWL, as
//! Debian's `wamerican` and `wbritish`; see `data/words-en.COPYRIGHT`), with
//! the names of the bundle learned from the bundle itself.
//!
//! News about Azerbaijan is full of names no word list has. A word is taken
//! as a name when the bundle writes it capitalised in the middle of a
//! sentence, or in a source, an author or an origin; all-capital words are
//! abbreviations. Only words of English (ASCII) letters are checked.

use std::borrow::Cow;
// Sets hashed fast (foldhash, randomly seeded): a word is looked up up to
// three times for every word of the bundle (README: the hashers measured).
use foldhash::{HashMap, HashSet};

use std::sync::OnceLock;
use unicode_normalization::char::is_combining_mark;

use crate::diagnostic::{Diagnostic, Rule};

const WORDS: &str = include_str!("../../data/words-en.txt");

/// The word list, lowercase. Most of its lines are lowercase already and
/// are borrowed from the binary: building the set allocates only for the
/// others, and a lookup is by `&str`.
fn dictionary() -> &'static HashSet<Cow<'static, str>> {
    static SET: OnceLock<HashSet<Cow<'static, str>>> = OnceLock::new();
    SET.get_or_init(|| {
        WORDS
            .lines()
            .map(
                |w| match w.bytes().any(|b| b.is_ascii_uppercase() || !b.is_ascii()) {
                    true => Cow::Owned(w.to_lowercase()),
                    false => Cow::Borrowed(w),
                },
            )
            .collect()
    })
}

/// `word` in lowercase: in `buf` when it is short and ASCII (every word the
/// rule checks), so that a lookup allocates nothing.
fn lowercase<'b>(word: &'b str, buf: &'b mut [u8; 64]) -> Cow<'b, str> {
    match buf.get_mut(..word.len()) {
        Some(lower) if word.is_ascii() => {
            lower.copy_from_slice(word.as_bytes());
            lower.make_ascii_lowercase();
            // ASCII stays UTF-8; the fallback is never taken.
            std::str::from_utf8(lower)
                .map_or_else(|_| Cow::Owned(word.to_lowercase()), Cow::Borrowed)
        }
        _ => Cow::Owned(word.to_lowercase()),
    }
}

/// A word of `text`: its character offset and its letters (apostrophes kept
/// inside, straightened).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub offset: usize,
    pub text: String,
}

/// A soft hyphen (U+00AD): where a word may be broken, inside the word.
const SOFT_HYPHEN: char = '\u{AD}';

/// The words of `text`: runs of letters, joined across one inner apostrophe
/// (`don't`, `Russia’s`) and soft hyphens; hyphens and everything else
/// separate.
pub fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    each_word(text, |offset, _, word| {
        out.push(Word {
            offset,
            text: word.into_owned(),
        })
    });
    out
}

/// [`words`] without a `Vec` of them: `f` gets each word's character offset,
/// byte offset and letters, borrowed from `text` unless a `’` was
/// straightened or a soft hyphen left out. The spelling rule reads every
/// word of a bundle three times: this allocates for almost none, and
/// decodes only the characters that are not ASCII.
fn each_word<'t>(text: &'t str, mut f: impl FnMut(usize, usize, Cow<'t, str>)) {
    let bytes = text.as_bytes();
    // The character at byte `i`, and the byte after it.
    let at = |i: usize| -> Option<(char, usize)> {
        let b = *bytes.get(i)?;
        if b.is_ascii() {
            return Some((char::from(b), i + 1));
        }
        let c = text.get(i..)?.chars().next()?;
        Some((c, i + c.len_utf8()))
    };
    let letter_at = |i: usize| at(i).is_some_and(|(c, _)| c.is_alphabetic());
    // The byte and character reached, and whether the last one was a digit.
    let (mut i, mut taken, mut digit_before) = (0, 0, false);
    while let Some((c, next)) = at(i) {
        i = next;
        taken += 1;
        if !c.is_alphabetic() {
            digit_before = c.is_ascii_digit();
            continue;
        }
        let (start, start_byte, glued_before) = (taken - 1, next - c.len_utf8(), digit_before);
        digit_before = false;
        let mut end_byte = next;
        // The word as written differs from the text: built apart.
        let mut apart: Option<String> = None;
        let written = |end: usize| text.get(start_byte..end).unwrap_or_default();
        let mut glued_after = false;
        while let Some((c, next)) = at(i) {
            if c.is_alphabetic() || !c.is_ascii() && is_combining_mark(c) {
                match &mut apart {
                    Some(w) => w.push(c),
                    None => end_byte = next,
                }
            } else if c == SOFT_HYPHEN && letter_at(next) {
                // A hyphenation point inside the word (`co\u{AD}operation`):
                // part of the word, not written in it.
                apart.get_or_insert_with(|| written(end_byte).to_string());
            } else if matches!(c, '\'' | '’') && letter_at(next) {
                match &mut apart {
                    Some(w) => w.push('\''),
                    None if c == '\'' => end_byte = next,
                    None => apart = Some(format!("{}'", written(end_byte))),
                }
            } else {
                glued_after = c.is_ascii_digit();
                break;
            }
            i = next;
            taken += 1;
        }
        // A digit glued on (`word12`, `3rd`) makes it something else.
        if !glued_before && !glued_after {
            let word = apart.map_or_else(|| Cow::Borrowed(written(end_byte)), Cow::Owned);
            f(start, start_byte, word);
        }
    }
}

/// Words of English letters only: an English list cannot judge `Hamısı`.
/// Over bytes: a word of ASCII letters has a byte per character.
fn checkable(word: &str) -> bool {
    let b = word.as_bytes();
    b.len() > 1
        && b.iter().all(|&c| c == b'\'' || c.is_ascii_alphabetic())
        && !(b.iter().filter(|c| c.is_ascii_alphabetic())).all(u8::is_ascii_uppercase)
        // Inner capitals: `iPhone`, `McDonald`, `YouTube` are names.
        && !b[1..].iter().any(u8::is_ascii_uppercase)
}

/// What the bundle teaches: its names; and the house word list.
#[derive(Debug, Default, Clone)]
pub struct Learned {
    names: HashSet<String>,
    /// Capitalised words at a sentence start, and how often: a word seen
    /// capitalised twice is a name, wherever it stands.
    capitalised: HashMap<String, usize>,
}

impl Learned {
    /// Learns from prose: capitalised words that do not start a sentence.
    pub fn prose(&mut self, text: &str) {
        each_word(text, |_, byte, word| {
            if !word.starts_with(char::is_uppercase) {
                return;
            }
            let before = (text.get(..byte).unwrap_or_default().chars().rev())
                .find(|c| !c.is_whitespace() && !matches!(c, '"' | '“' | '‘' | '(' | '«'));
            let sentence_start = before.is_none_or(|c| matches!(c, '.' | '!' | '?'));
            let mut buf = [0; 64];
            let lower = lowercase(base(&word), &mut buf);
            let word: &str = &lower;
            if sentence_start {
                let seen = match self.capitalised.get_mut(word) {
                    Some(seen) => seen,
                    None => self.capitalised.entry(word.to_string()).or_default(),
                };
                *seen += 1;
                if *seen < 2 {
                    return;
                }
            }
            if !self.names.contains(word) {
                self.names.insert(word.to_string());
            }
        });
    }

    /// Learns all that `other` learned, as if its texts had come after
    /// these: what is learned does not depend on the order of the texts,
    /// so halves of a bundle can be learned apart and merged.
    pub fn merge(&mut self, other: Learned) {
        self.names.extend(other.names);
        // A word seen twice is already a name on either side: only the
        // counts that add up to two make new ones.
        for (word, n) in other.capitalised {
            match self.capitalised.get_mut(&word) {
                Some(seen) => {
                    *seen += n;
                    if *seen >= 2 && !self.names.contains(&word) {
                        self.names.insert(word);
                    }
                }
                None => {
                    self.capitalised.insert(word, n);
                }
            }
        }
    }

    /// Accepts the words of a house word list: one per line, `#` comments.
    pub fn word_list(&mut self, text: &str) {
        for line in text.lines() {
            let word = line.split('#').next().unwrap_or("").trim();
            if !word.is_empty() {
                self.names
                    .insert(base(&word.replace('’', "'")).to_lowercase());
            }
        }
    }

    /// Learns every word of a name: a source, an author, an origin.
    pub fn names(&mut self, text: &str) {
        each_word(text, |_, _, word| {
            let mut buf = [0; 64];
            let lower = lowercase(base(&word), &mut buf);
            let word: &str = &lower;
            if !self.names.contains(word) {
                self.names.insert(word.to_string());
            }
        });
    }

    /// Whether `word` is spelled as the word list or the bundle has it.
    pub fn knows(&self, word: &str) -> bool {
        let mut buf = [0; 64];
        let lower = lowercase(word, &mut buf);
        let lower: &str = &lower;
        let dict = dictionary();
        let b = base(lower);
        dict.contains(lower)
            || dict.contains(b)
            || self.names.contains(b)
            || lower.contains('\'') && lower.split('\'').all(|p| p.is_empty() || dict.contains(p))
    }

    /// Whether `texts` read as English: most of their words (seven in ten,
    /// out of at least twenty) are in the word list. An English list judges
    /// only English: an article in German would be all "misspellings".
    pub fn reads_as_english<'t>(&self, texts: impl IntoIterator<Item = &'t str>) -> bool {
        let (mut known, mut all) = (0usize, 0usize);
        for text in texts {
            each_word(text, |_, _, word| {
                if checkable(&word) {
                    all += 1;
                    known += usize::from(self.knows(&word));
                }
            });
        }
        all < 20 || known * 10 >= all * 7
    }

    /// The misspelled words of `text`.
    pub fn misspelled(&self, text: &str) -> Vec<Word> {
        let mut out = Vec::new();
        each_word(text, |offset, _, word| {
            if checkable(&word) && !self.knows(&word) {
                out.push(Word {
                    offset,
                    text: word.into_owned(),
                });
            }
        });
        out
    }

    /// The spelling rule over `text`: a finding per misspelled word, at its
    /// character offset.
    pub fn spelling(&self, text: &str) -> impl Iterator<Item = Diagnostic> {
        self.misspelled(text).into_iter().map(|w| {
            Diagnostic::new(
                Rule::Spelling,
                format!("`{}` is not in the word list", w.text),
            )
            .with_offset(w.offset)
        })
    }
}

/// The word without a possessive `'s` or `s'`.
fn base(word: &str) -> &str {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("s'").map(|w| &word[..w.len() + 1]))
        .unwrap_or(word)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::{BTreeMap, BTreeSet};

    /// The implementations the fast ones replaced (a `Vec` of characters
    /// and a `String` per word, a lowercased `String` per lookup), kept to
    /// test that they find the same.
    mod straightforward {
        use super::super::{SOFT_HYPHEN, WORDS, Word, base};
        use std::collections::{HashMap, HashSet};
        use unicode_normalization::char::is_combining_mark;

        pub fn checkable(word: &str) -> bool {
            word.chars().count() > 1
                && word.chars().all(|c| c == '\'' || c.is_ascii_alphabetic())
                && !word
                    .chars()
                    .filter(|c| c.is_alphabetic())
                    .all(char::is_uppercase)
                && !word.chars().skip(1).any(char::is_uppercase)
        }

        pub fn dictionary() -> &'static HashSet<String> {
            static SET: std::sync::OnceLock<HashSet<String>> = std::sync::OnceLock::new();
            SET.get_or_init(|| WORDS.lines().map(str::to_lowercase).collect())
        }

        pub fn words(text: &str) -> Vec<Word> {
            let chars: Vec<char> = text.chars().collect();
            let mut out = Vec::new();
            let mut i = 0;
            while i < chars.len() {
                if !chars[i].is_alphabetic() {
                    i += 1;
                    continue;
                }
                let start = i;
                let mut word = String::new();
                while i < chars.len() {
                    let c = chars[i];
                    if c.is_alphabetic() || is_combining_mark(c) && !word.is_empty() {
                        word.push(c);
                        i += 1;
                    } else if c == SOFT_HYPHEN
                        && chars.get(i + 1).is_some_and(|n| n.is_alphabetic())
                    {
                        i += 1;
                    } else if matches!(c, '\'' | '’')
                        && chars.get(i + 1).is_some_and(|n| n.is_alphabetic())
                        && !word.is_empty()
                    {
                        word.push('\'');
                        i += 1;
                    } else {
                        break;
                    }
                }
                let glued = |j: Option<usize>| {
                    j.and_then(|j| chars.get(j))
                        .is_some_and(char::is_ascii_digit)
                };
                if !glued(start.checked_sub(1)) && !glued(Some(i)) {
                    out.push(Word {
                        offset: start,
                        text: word,
                    });
                }
            }
            out
        }

        pub struct Learned {
            pub names: HashSet<String>,
            pub capitalised: HashMap<String, usize>,
            pub dict: &'static HashSet<String>,
        }

        impl Learned {
            pub fn prose(&mut self, text: &str) {
                let chars: Vec<char> = text.chars().collect();
                for w in words(text) {
                    if !w.text.starts_with(char::is_uppercase) {
                        continue;
                    }
                    let before = chars[..w.offset]
                        .iter()
                        .rev()
                        .find(|c| !c.is_whitespace() && !matches!(c, '"' | '“' | '‘' | '(' | '«'));
                    let sentence_start = before.is_none_or(|c| matches!(c, '.' | '!' | '?'));
                    let word = base(&w.text).to_lowercase();
                    if sentence_start {
                        let seen = self.capitalised.entry(word.clone()).or_default();
                        *seen += 1;
                        if *seen < 2 {
                            continue;
                        }
                    }
                    self.names.insert(word);
                }
            }

            pub fn names(&mut self, text: &str) {
                for w in words(text) {
                    self.names.insert(base(&w.text).to_lowercase());
                }
            }

            pub fn knows(&self, word: &str) -> bool {
                let lower = word.to_lowercase();
                let dict = &self.dict;
                let b = base(&lower);
                dict.contains(&lower)
                    || dict.contains(b)
                    || self.names.contains(b)
                    || lower.contains('\'')
                        && lower.split('\'').all(|p| p.is_empty() || dict.contains(p))
            }

            pub fn misspelled(&self, text: &str) -> Vec<Word> {
                words(text)
                    .into_iter()
                    .filter(|w| checkable(&w.text) && !self.knows(&w.text))
                    .collect()
            }
        }
    }

    #[test]
    fn the_word_list_is_the_same_set_lowercased() {
        let (slow, fast) = (straightforward::dictionary(), dictionary());
        assert_eq!(fast.len(), slow.len());
        assert!(slow.iter().all(|w| fast.contains(w.as_str())));
    }

    /// Text made of what the word rules look at: letters of several
    /// scripts and cases, digits, both apostrophes, soft hyphens, combining
    /// marks, sentence ends, opening quotes and brackets.
    fn prose_text() -> impl Strategy<Value = String> {
        let pieces = prop_oneof![
            4 => "[a-zA-Z]{1,9}",
            2 => Just(" ".to_string()),
            1 => prop::sample::select(vec![
                "'", "’", "\u{AD}", "\u{301}", "3", "12", ".", "!", "?", "\"", "“", "‘",
                "(", "«", "-", ",", "é", "ı", "Σ", "ΣΑΣ", "Москва", "İ", "ﬁ", "Ǆ",
                "the", "The", "THE", "Erdogan", "Erdogan's", "JOHN'S", "teh", "don't",
                "countries'", "word12", "\u{FFFC}", "\n", "\t", "Ꙋ",
            ])
            .prop_map(str::to_string),
        ];
        prop::collection::vec(pieces, 0..40).prop_map(|p| p.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]
        #[test]
        fn words_are_those_of_the_straightforward_reading(t in prose_text()) {
            prop_assert_eq!(words(&t), straightforward::words(&t));
        }

        /// Learning (in one go, or in two halves merged) and judging find
        /// what the straightforward implementation finds.
        #[test]
        fn spelling_finds_what_the_straightforward_one_does(
            texts in prop::collection::vec(prose_text(), 0..6),
            names in prose_text(),
            split in 0usize..6,
        ) {
            let mut slow = straightforward::Learned {
                dict: straightforward::dictionary(),
                names: Default::default(),
                capitalised: Default::default(),
            };
            let mut fast = Learned::default();
            let (mut first, mut second) = (Learned::default(), Learned::default());
            for (i, t) in texts.iter().enumerate() {
                slow.prose(t);
                fast.prose(t);
                if i < split { first.prose(t) } else { second.prose(t) }
            }
            slow.names(&names);
            fast.names(&names);
            second.names(&names);
            first.merge(second);
            // Compared in order: the sets hash differently.
            let sorted = |l: &Learned| -> (BTreeSet<String>, BTreeMap<String, usize>) {
                (l.names.iter().cloned().collect(), l.capitalised.clone().into_iter().collect())
            };
            let expected = (
                slow.names.iter().cloned().collect(),
                slow.capitalised.clone().into_iter().collect(),
            );
            prop_assert_eq!(sorted(&fast), expected.clone());
            prop_assert_eq!(sorted(&first), expected);
            for t in texts.iter().chain([&names]) {
                prop_assert_eq!(fast.misspelled(t), slow.misspelled(t));
            }
        }
    }

    fn texts(ws: &[Word]) -> Vec<&str> {
        ws.iter().map(|w| w.text.as_str()).collect()
    }

    #[test]
    fn words_are_letters_with_inner_apostrophes() {
        assert_eq!(
            texts(&words("Russia’s co-chairs don't (rayons), word12 3rd x")),
            ["Russia's", "co", "chairs", "don't", "rayons", "x"]
        );
    }

    #[test]
    fn only_english_is_spell_checked() {
        let l = Learned::default();
        let english = "The ministers met again on Tuesday and agreed on nothing at all, officials said after the long meeting in the capital, where talks will resume next week.";
        let german = "Die Minister trafen sich am Dienstag erneut und einigten sich auf nichts, sagten Beamte nach dem langen Treffen in der Hauptstadt, wo die Gespräche weitergehen.";
        assert!(l.reads_as_english([english]));
        assert!(!l.reads_as_english([german]));
        assert!(
            l.reads_as_english(["Kurz und gut."]),
            "too few words to tell"
        );
    }

    #[test]
    fn typos_are_found_and_names_learned() {
        let mut l = Learned::default();
        assert_eq!(
            texts(&l.misspelled("This article is origionally published.")),
            ["origionally"]
        );
        // An unknown name mid-sentence is learned, and then known at a
        // sentence start too.
        let text = "Talks with Pashinyan stalled. Pashinyan said no.";
        l.prose(text);
        assert!(l.misspelled(text).is_empty());
        // Abbreviations, inner capitals and non-Latin words are left alone.
        assert!(l.misspelled("MLRS and OSCE, iPhone, Москва").is_empty());
        // Possessives and plurals of known words.
        assert!(
            l.misspelled("The ministry's statements and countries' armies")
                .is_empty()
        );
        l.names("Mod.gov.az");
        assert!(l.misspelled("Mod").is_empty());
        // A typo at a sentence start is not learned as a name.
        let mut fresh = Learned::default();
        fresh.prose("Teh end.");
        assert_eq!(texts(&fresh.misspelled("Teh")), ["Teh"]);
        // …unless it is written so twice: then it is a name.
        fresh.prose("Erdogan spoke. Erdogan left.");
        assert!(fresh.misspelled("Erdogan").is_empty());
        // Combining marks belong to their word (and make it non-English).
        assert!(fresh.misspelled("cafe\u{301} nai\u{308}ve").is_empty());
        // A house word list.
        fresh.word_list("# names\nrayons\nexclave  # geography\n");
        assert!(fresh.misspelled("rayons and an exclave").is_empty());
    }
}
