//! A viewer's keys from the bytes its terminal sends over the channel.
//!
//! The bytes are cut into one key's worth each here (a character, an
//! escape sequence); `terminput` reads each into an event (arrows,
//! function keys, modifiers, the kitty protocol), as crossterm does for the
//! local terminal. The terminal's answers to folio's questions (DECRPM for
//! left/right margins, device attributes) come on the same stream and are
//! taken out first. An incomplete sequence at the end of one packet waits
//! for the next, up to a small bound.

use crossterm::event::Event;

/// What came from the viewer's terminal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Event(Event),
    /// The answer about left/right margins: whether they can be used.
    Margins(bool),
    /// The device attributes: the last answer to the questions.
    Attributes,
}

/// Longest escape sequence kept waiting for its end; longer is noise.
const MAX_SEQUENCE: usize = 64;

/// Cuts bytes into inputs, across packets.
#[derive(Debug, Default)]
pub struct KeyReader {
    pending: Vec<u8>,
}

impl KeyReader {
    /// The inputs in `bytes` (with what the last call left incomplete).
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<Input> {
        let mut buf = std::mem::take(&mut self.pending);
        buf.extend_from_slice(bytes);
        let mut out = Vec::new();
        let mut at = 0;
        while at < buf.len() {
            match token_len(&buf[at..]) {
                Some(n) => {
                    read_token(&buf[at..at + n], &mut out);
                    at += n;
                }
                None => {
                    let rest = &buf[at..];
                    if rest.len() <= MAX_SEQUENCE {
                        self.pending = rest.to_vec();
                    }
                    break;
                }
            }
        }
        out
    }
}

/// The length of the first token of `b` (not empty), or None when it is
/// incomplete.
fn token_len(b: &[u8]) -> Option<usize> {
    match b {
        [0x1b] => Some(1),
        [0x1b, b'[', rest @ ..] => {
            if rest.first() == Some(&b'M') {
                // X10 mouse: three bytes follow.
                return (rest.len() >= 4).then_some(6);
            }
            let end = rest.iter().position(|c| (0x40..=0x7e).contains(c))?;
            Some(2 + end + 1)
        }
        [0x1b, b'O', _, ..] => Some(3),
        [0x1b, b'O'] => None,
        [0x1b, c, ..] => {
            // Alt with a character: Esc then the key.
            let n = utf8_len(*c);
            (b.len() > n).then_some(1 + n.min(b.len() - 1))
        }
        [c, ..] => {
            let n = utf8_len(*c);
            (b.len() >= n).then_some(n)
        }
        // Nothing is no token (a zero length would never move on).
        [] => None,
    }
}

fn utf8_len(first: u8) -> usize {
    match first {
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf7 => 4,
        _ => 1,
    }
}

fn read_token(token: &[u8], out: &mut Vec<Input>) {
    if let Some(body) = token.strip_prefix(b"\x1b[?") {
        if let Some(mode) = body.strip_suffix(b"$y") {
            let margins = matches!(mode, b"69;1" | b"69;2" | b"69;3");
            out.push(Input::Margins(margins));
            return;
        }
        if body.ends_with(b"c") {
            out.push(Input::Attributes);
            return;
        }
    }
    if let [0x1b, rest @ ..] = token
        && !rest.is_empty()
        && rest[0] != b'['
        && rest[0] != b'O'
    {
        // Alt-key: Esc, then the key (as the local reader splits them).
        read_token(b"\x1b", out);
        read_token(rest, out);
        return;
    }
    if let Ok(Some(event)) = terminput::Event::parse_from(token)
        && let Ok(event) = terminput_crossterm::to_crossterm(event)
    {
        out.push(Input::Event(event));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn key(code: KeyCode, mods: KeyModifiers) -> Input {
        Input::Event(Event::Key(KeyEvent::new(code, mods)))
    }

    fn codes(inputs: &[Input]) -> Vec<KeyCode> {
        inputs
            .iter()
            .filter_map(|i| match i {
                Input::Event(Event::Key(k)) => Some(k.code),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn reads_characters_controls_arrows_and_answers() {
        let mut r = KeyReader::default();
        let got = r.feed(b"jk\r\x1b[B\x1bOA\x1b[6~\x7f\x03\xc3\xa9");
        assert_eq!(
            codes(&got),
            [
                KeyCode::Char('j'),
                KeyCode::Char('k'),
                KeyCode::Enter,
                KeyCode::Down,
                KeyCode::Up,
                KeyCode::PageDown,
                KeyCode::Backspace,
                KeyCode::Char('c'),
                KeyCode::Char('é'),
            ]
        );
        assert_eq!(got[7], key(KeyCode::Char('c'), KeyModifiers::CONTROL));
        assert_eq!(
            r.feed(b"\x1b[?69;2$y\x1b[?64;1;2c q"),
            [
                Input::Margins(true),
                Input::Attributes,
                key(KeyCode::Char(' '), KeyModifiers::NONE),
                key(KeyCode::Char('q'), KeyModifiers::NONE),
            ]
        );
        assert_eq!(r.feed(b"\x1b[?69;0$y"), [Input::Margins(false)]);
    }

    #[test]
    fn a_sequence_split_between_packets_is_read_whole() {
        let mut r = KeyReader::default();
        assert!(r.feed(b"\x1b[1;5").is_empty());
        assert_eq!(r.feed(b"C"), [key(KeyCode::Right, KeyModifiers::CONTROL)]);
        assert!(r.feed(b"\xe6\x9d").is_empty());
        assert_eq!(codes(&r.feed(b"\xb1")), [KeyCode::Char('東')]);
        // A lone Esc at the end of a packet is the Esc key.
        assert_eq!(codes(&r.feed(b"\x1b")), [KeyCode::Esc]);
    }

    #[test]
    fn noise_never_grows_the_buffer_or_panics() {
        let mut r = KeyReader::default();
        let mut noise = b"\x1b[".to_vec();
        noise.extend(std::iter::repeat_n(b'1', 100_000));
        r.feed(&noise);
        assert!(r.pending.len() <= MAX_SEQUENCE);
        for b in 0..=255u8 {
            r.feed(&[b, 0x1b, b]);
        }
        // A megabyte of keys in one packet: every one read.
        let keys = vec![b'j'; 1 << 20];
        assert_eq!(r.feed(&keys).len(), 1 << 20);
    }
}
