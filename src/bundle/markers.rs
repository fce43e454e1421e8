//! Footnote markers in paragraph text: `[^ID]`, Markdown style.
//!
//! An ID is 1–32 characters from `A–Z a–z 0–9 _ . -`. Anything that does not
//! match (`[^ ]`, `[^` without `]`, `[1]`) is ordinary text and is shown as such,
//! so a stray bracket never makes a paragraph unreadable.

use std::ops::Range;

/// A piece of a paragraph: running text or a marker, as byte ranges into it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    Text(Range<usize>),
    /// `whole` covers `[^ID]`, `id` just `ID`.
    Marker {
        whole: Range<usize>,
        id: Range<usize>,
    },
}

const MAX_ID_LEN: usize = 32;

fn is_id_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-')
}

/// Splits `text` into text and marker segments, in order, covering all of it.
pub fn segments(text: &str) -> Vec<Segment> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut text_start = 0;
    let mut i = 0;
    // Jump from one `[^` to the next (the search is much faster than a loop
    // over every byte, and megabytes of text are scanned on every load).
    while let Some(found) = bytes
        .get(i..)
        .and_then(|rest| memchr::memmem::find(rest, b"[^"))
    {
        i += found;
        let id_start = i + 2;
        let id_len = bytes
            .get(id_start..)
            .unwrap_or_default()
            .iter()
            .take(MAX_ID_LEN + 1)
            .take_while(|b| is_id_byte(**b))
            .count();
        let close = id_start + id_len;
        if (1..=MAX_ID_LEN).contains(&id_len) && bytes.get(close) == Some(&b']') {
            if text_start < i {
                out.push(Segment::Text(text_start..i));
            }
            out.push(Segment::Marker {
                whole: i..close + 1,
                id: id_start..close,
            });
            i = close + 1;
            text_start = i;
        } else {
            i += 1;
        }
    }
    if text_start < text.len() {
        out.push(Segment::Text(text_start..text.len()));
    }
    out
}

/// The marker IDs of `text`, in reading order, with repeats.
pub fn marker_ids(text: &str) -> impl Iterator<Item = &str> {
    segments(text).into_iter().filter_map(move |s| match s {
        Segment::Marker { id, .. } => text.get(id),
        Segment::Text(_) => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn finds_markers_and_keeps_text() {
        let t = "systems[^1]. sites[^9][^10] end";
        assert_eq!(marker_ids(t).collect::<Vec<_>>(), ["1", "9", "10"]);
        let segs = segments(t);
        assert_eq!(segs[0], Segment::Text(0..7));
        assert_eq!(segs.len(), 6);
    }

    #[test]
    fn malformed_markers_are_text() {
        for t in ["[^]", "[^ 1]", "[^1", "[1]", "a [^x y]", "[^"] {
            assert_eq!(marker_ids(t).count(), 0, "{t}");
            assert_eq!(segments(t), vec![Segment::Text(0..t.len())]);
        }
        let long = format!("[^{}]", "a".repeat(33));
        assert_eq!(marker_ids(&long).count(), 0);
    }

    proptest! {
        #[test]
        fn segments_cover_the_text_in_order(t in "(\\PC|\\[\\^[a-z0-9]{0,3}\\]?){0,40}") {
            let mut pos = 0;
            for s in segments(&t) {
                let r = match s { Segment::Text(r) => r, Segment::Marker { whole, .. } => whole };
                prop_assert_eq!(r.start, pos);
                prop_assert!(r.end > r.start);
                pos = r.end;
            }
            prop_assert_eq!(pos, t.len());
        }
    }
}
