//! Where values are in a bundle's text, by JSON path, found in one pass that
//! skips every value no path goes into, instead of building the text's
//! syntax tree: `folio check` places a few findings in files of any size,
//! and a tree of the whole file, node by node, is built for the first
//! finding however few there are.
//!
//! It reads strict JSON only, the text serde_json has just parsed: on
//! anything else it says so (`None`) and the caller builds the tree, which
//! also reads JSON with comments.

use crate::diagnostic::PathSeg;

/// The byte offset in `text` of the value at each of `paths`, or of the
/// deepest part of it that exists (an index into an object, a key into an
/// array or a step into a string stop there); a key written twice is found
/// the first time. `None` when `text` is not JSON this reads.
pub(crate) fn offsets(text: &str, paths: &[&[PathSeg]]) -> Option<Vec<usize>> {
    let mut out = vec![0; paths.len()];
    let mut scan = Scan {
        text: text.as_bytes(),
        at: 0,
    };
    scan.space();
    let all: Vec<usize> = (0..paths.len()).collect();
    scan.value(paths, &all, 0, &mut out)?;
    scan.space();
    (scan.at == text.len()).then_some(out)
}

/// A cursor in the text's bytes.
struct Scan<'t> {
    text: &'t [u8],
    at: usize,
}

impl Scan<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.get(self.at).copied()
    }

    fn space(&mut self) {
        while self
            .peek()
            .is_some_and(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
        {
            self.at += 1;
        }
    }

    /// Steps over `byte`, which must come next.
    fn expect(&mut self, byte: u8) -> Option<()> {
        (self.peek() == Some(byte)).then(|| self.at += 1)
    }

    /// The value at the cursor, which the paths `group` (indexes into
    /// `paths`) all reach, each through `depth` steps: it is where they
    /// are, unless they go deeper and a deeper step is found.
    fn value(
        &mut self,
        paths: &[&[PathSeg]],
        group: &[usize],
        depth: usize,
        out: &mut [usize],
    ) -> Option<()> {
        for &p in group {
            out[p] = self.at;
        }
        let deeper = |want: fn(&PathSeg) -> bool| -> Vec<usize> {
            (group.iter().copied())
                .filter(|&p| paths[p].get(depth).is_some_and(want))
                .collect()
        };
        match self.peek()? {
            b'{' => {
                let mut pending = deeper(|s| s.key().is_some());
                if pending.is_empty() {
                    return self.skip();
                }
                self.members(b'}', |scan| {
                    let key = scan.key()?;
                    scan.space();
                    scan.expect(b':')?;
                    scan.space();
                    let (here, rest): (Vec<usize>, Vec<usize>) = (pending.iter())
                        .partition(|&&p| paths[p][depth].key() == Some(key.as_str()));
                    if here.is_empty() {
                        return scan.skip();
                    }
                    pending = rest;
                    scan.value(paths, &here, depth + 1, out)
                })
            }
            b'[' => {
                let mut pending = deeper(|s| matches!(s, PathSeg::Index(_)));
                if pending.is_empty() {
                    return self.skip();
                }
                let index = |p: usize| match paths[p][depth] {
                    PathSeg::Index(i) => i,
                    _ => usize::MAX,
                };
                // By index, so that each element takes its paths off the front.
                pending.sort_by_key(|&p| index(p));
                let (mut element, mut next) = (0, 0);
                self.members(b']', |scan| {
                    let from = next;
                    while pending.get(next).is_some_and(|&p| index(p) == element) {
                        next += 1;
                    }
                    element += 1;
                    match &pending[from..next] {
                        [] => scan.skip(),
                        here => scan.value(paths, here, depth + 1, out),
                    }
                })
            }
            _ => self.skip(),
        }
    }

    /// The members of the object or array at the cursor, each read by
    /// `member` from its start, up to the `close` byte, which it steps over.
    fn members(
        &mut self,
        close: u8,
        mut member: impl FnMut(&mut Self) -> Option<()>,
    ) -> Option<()> {
        self.at += 1;
        self.space();
        if self.peek()? == close {
            self.at += 1;
            return Some(());
        }
        loop {
            member(self)?;
            self.space();
            match self.peek()? {
                b',' => {
                    self.at += 1;
                    self.space();
                }
                b if b == close => {
                    self.at += 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }

    /// The key at the cursor, unescaped, and the cursor after it.
    fn key(&mut self) -> Option<String> {
        let start = self.at;
        self.string()?;
        let raw = self.text.get(start..self.at)?;
        let inner = raw.get(1..raw.len() - 1)?;
        if inner.contains(&b'\\') {
            serde_json::from_slice(raw).ok()
        } else {
            String::from_utf8(inner.to_vec()).ok()
        }
    }

    /// Steps over the string at the cursor.
    fn string(&mut self) -> Option<()> {
        self.expect(b'"')?;
        loop {
            let rest = self.text.get(self.at..)?;
            let i = memchr::memchr2(b'"', b'\\', rest)?;
            self.at += i + 1;
            if rest[i] == b'\\' {
                self.at += 1;
            } else {
                return Some(());
            }
        }
    }

    /// Steps over the value at the cursor, however deep: strings are
    /// skipped a search for their end at a time, and the nesting counted
    /// (no recursion, so no depth is too deep).
    fn skip(&mut self) -> Option<()> {
        let mut open = 0usize;
        loop {
            match self.peek()? {
                b'"' => self.string()?,
                b'{' | b'[' => {
                    open += 1;
                    self.at += 1;
                }
                b'}' | b']' => {
                    open = open.checked_sub(1)?;
                    self.at += 1;
                }
                b',' | b':' | b' ' | b'\t' | b'\n' | b'\r' if open > 0 => self.at += 1,
                b',' | b':' | b' ' | b'\t' | b'\n' | b'\r' => return Some(()),
                // A number, `true`, `false` or `null`.
                _ => self.at += 1,
            }
            if open == 0 && !self.peek().is_some_and(is_scalar) {
                return Some(());
            }
        }
    }
}

/// A byte that continues a number or a literal.
fn is_scalar(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'+' | b'.')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundle::load::Locator;
    use proptest::prelude::*;

    /// A JSON value to write out: objects may repeat a key, and keys may be
    /// written with escapes (`"a\u0062"` is `"ab"`).
    #[derive(Debug, Clone)]
    enum Json {
        Scalar(&'static str),
        Array(Vec<Json>),
        Object(Vec<(&'static str, Json)>),
    }

    const KEYS: [&str; 5] = ["a", "ab", "a\\u0062", "é", "x\\\"y"];
    /// What each of [`KEYS`] means.
    const MEANT: [&str; 5] = ["a", "ab", "ab", "é", "x\"y"];

    fn json() -> impl Strategy<Value = Json> {
        let scalar = prop::sample::select(vec![
            "1",
            "-2.5e+3",
            "true",
            "false",
            "null",
            "\"\"",
            "\"s\"",
            "\"q\\\"[{\"",
            "\"\\\\\"",
            "\"é}\"",
        ])
        .prop_map(Json::Scalar);
        scalar.prop_recursive(4, 40, 5, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..5).prop_map(Json::Array),
                prop::collection::vec((prop::sample::select(KEYS.to_vec()), inner), 0..5)
                    .prop_map(Json::Object),
            ]
        })
    }

    fn write(j: &Json, pretty: bool, out: &mut String) {
        let gap = if pretty { "\n  " } else { "" };
        match j {
            Json::Scalar(s) => out.push_str(s),
            Json::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    out.push_str(if i > 0 { "," } else { "" });
                    out.push_str(gap);
                    write(item, pretty, out);
                }
                out.push_str(gap);
                out.push(']');
            }
            Json::Object(members) => {
                out.push('{');
                for (i, (k, v)) in members.iter().enumerate() {
                    out.push_str(if i > 0 { "," } else { "" });
                    out.push_str(gap);
                    out.push_str(&format!("\"{k}\": "));
                    write(v, pretty, out);
                }
                out.push_str(gap);
                out.push('}');
            }
        }
    }

    fn seg() -> impl Strategy<Value = PathSeg<'static>> {
        prop_oneof![
            (0usize..5).prop_map(PathSeg::Index),
            prop::sample::select(MEANT.to_vec()).prop_map(PathSeg::Key),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]
        /// The scan finds every path where the syntax tree does.
        #[test]
        fn offsets_are_the_syntax_tree_s(
            j in json(),
            pretty in any::<bool>(),
            paths in prop::collection::vec(prop::collection::vec(seg(), 0..5), 1..8),
        ) {
            let mut text = String::from(if pretty { "\n " } else { "" });
            write(&j, pretty, &mut text);
            text.push_str(if pretty { "\n" } else { "" });
            prop_assert!(serde_json::from_str::<serde_json::Value>(&text).is_ok(), "{}", text);
            let paths: Vec<&[PathSeg]> = paths.iter().map(Vec::as_slice).collect();
            let tree = Locator::new(&text);
            let want: Vec<usize> = paths.iter().map(|p| tree.offset_of(p)).collect();
            prop_assert_eq!(offsets(&text, &paths), Some(want), "{}", text);
        }
    }

    #[test]
    fn comments_are_left_to_the_syntax_tree() {
        assert_eq!(offsets("{\"a\": 1 // no\n}", &[&[PathSeg::Key("a")]]), None);
        assert_eq!(offsets("[1, 2,]", &[&[PathSeg::Index(1)]]), None);
        assert_eq!(
            offsets(" [1, [2, 3]] ", &[&[PathSeg::Index(1), PathSeg::Index(1)]]),
            Some(vec![9])
        );
    }
}
