//! Spelling against an English word list shipped in the binary (SCOWL, as
//! Debian's `wamerican` and `wbritish`; see `data/words-en.COPYRIGHT`), with
//! the names of the bundle learned from the bundle itself.
//!
//! News about Azerbaijan is full of names no word list has. A word is taken
//! as a name when the bundle writes it capitalised in the middle of a
//! sentence, or in a source, an author or an origin; all-capital words are
//! abbreviations. Only words of English (ASCII) letters are checked.

use std::collections::{HashMap, HashSet};

use std::sync::OnceLock;
use unicode_normalization::char::is_combining_mark;

use crate::diagnostic::{Diagnostic, Rule};

const WORDS: &str = include_str!("../../data/words-en.txt");

fn dictionary() -> &'static HashSet<String> {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| WORDS.lines().map(str::to_lowercase).collect())
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
            } else if c == SOFT_HYPHEN && chars.get(i + 1).is_some_and(|n| n.is_alphabetic()) {
                // A hyphenation point inside the word (`co\u{AD}operation`):
                // part of the word, not written in it.
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
        // A digit glued on (`word12`, `3rd`) makes it something else.
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

/// Words of English letters only: an English list cannot judge `Hamısı`.
fn checkable(word: &str) -> bool {
    word.chars().count() > 1
        && word.chars().all(|c| c == '\'' || c.is_ascii_alphabetic())
        && !word.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase)
        // Inner capitals: `iPhone`, `McDonald`, `YouTube` are names.
        && !word.chars().skip(1).any(char::is_uppercase)
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
        for w in words(text) {
            self.names.insert(base(&w.text).to_lowercase());
        }
    }

    /// Whether `word` is spelled as the word list or the bundle has it.
    pub fn knows(&self, word: &str) -> bool {
        let lower = word.to_lowercase();
        let dict = dictionary();
        let b = base(&lower);
        dict.contains(&lower)
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
            for w in words(text).iter().filter(|w| checkable(&w.text)) {
                all += 1;
                known += usize::from(self.knows(&w.text));
            }
        }
        all < 20 || known * 10 >= all * 7
    }

    /// The misspelled words of `text`.
    pub fn misspelled(&self, text: &str) -> Vec<Word> {
        words(text)
            .into_iter()
            .filter(|w| checkable(&w.text) && !self.knows(&w.text))
            .collect()
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
