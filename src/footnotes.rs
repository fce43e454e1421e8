//! Footnote numbering: citations are numbered 1, 2, 3… in the order the text
//! first refers to them, as on a printed page, whatever their ids in the bundle.
//! Citations the text never refers to are numbered after the rest, so Sources
//! still lists every one of them.

use std::collections::HashMap;

use crate::bundle::markers::marker_ids;
use crate::bundle::{Article, Citation};

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Notes {
    /// `order[n - 1]` is the index in `article.citations` of note `n`.
    order: Vec<usize>,
    number_by_id: HashMap<String, usize>,
    /// Notes referred to by at least one marker: numbers `1..=cited`.
    cited: usize,
    /// `first_paragraph[n - 1]`: the paragraph where cited note `n` is first
    /// referred to (a long article is laid out a part at a time).
    first_paragraph: Vec<usize>,
    /// The paragraphs that refer to a note, in order: where `c` and `C` look
    /// beyond the part laid out.
    citing: Vec<usize>,
}

impl Notes {
    pub fn number(article: &Article) -> Notes {
        let index_by_id: HashMap<&str, usize> = article
            .citations
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), i))
            .collect();
        let mut order = Vec::with_capacity(article.citations.len());
        let mut number_by_id = HashMap::new();
        let mut first_paragraph = Vec::new();
        let mut citing: Vec<usize> = Vec::new();
        let ids = (article.paragraphs.iter().enumerate())
            .flat_map(|(p, text)| marker_ids(text).map(move |id| (p, id)));
        for (p, id) in ids {
            if index_by_id.contains_key(id) && citing.last() != Some(&p) {
                citing.push(p);
            }
            if let Some(&i) = index_by_id.get(id)
                && !number_by_id.contains_key(id)
            {
                order.push(i);
                first_paragraph.push(p);
                number_by_id.insert(id.to_string(), order.len());
            }
        }
        let cited = order.len();
        for (i, c) in article.citations.iter().enumerate() {
            if !number_by_id.contains_key(&c.id) {
                order.push(i);
                number_by_id.insert(c.id.clone(), order.len());
            }
        }
        Notes {
            order,
            number_by_id,
            cited,
            first_paragraph,
            citing,
        }
    }

    /// The first paragraph from `from` on that refers to a note.
    pub fn citing_from(&self, from: usize) -> Option<usize> {
        let i = self.citing.partition_point(|&p| p < from);
        self.citing.get(i).copied()
    }

    /// The last paragraph before `before` that refers to a note.
    pub fn citing_before(&self, before: usize) -> Option<usize> {
        let i = self.citing.partition_point(|&p| p < before);
        i.checked_sub(1).and_then(|i| self.citing.get(i)).copied()
    }

    /// The index in `article.citations` of note `n`.
    pub fn citation_index(&self, n: usize) -> Option<usize> {
        self.order.get(n.checked_sub(1)?).copied()
    }

    /// The paragraph where note `n` is first referred to; `None` if uncited.
    pub fn first_paragraph(&self, n: usize) -> Option<usize> {
        self.first_paragraph.get(n.checked_sub(1)?).copied()
    }

    /// The note number of citation `id`.
    pub fn of(&self, id: &str) -> Option<usize> {
        self.number_by_id.get(id).copied()
    }

    pub fn len(&self) -> usize {
        self.order.len()
    }

    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    pub fn is_cited(&self, n: usize) -> bool {
        (1..=self.cited).contains(&n)
    }

    /// The citation of note `n`.
    pub fn citation<'a>(&self, article: &'a Article, n: usize) -> Option<&'a Citation> {
        let i = *self.order.get(n.checked_sub(1)?)?;
        article.citations.get(i)
    }
}

/// A note as a reader sees it: `see EDM, 1 April 2019`.
pub fn note_text(c: &Citation) -> String {
    let mut out = String::new();
    if let Some(p) = c.prefix.as_deref().filter(|p| !p.is_empty()) {
        out.push_str(p);
        out.push(' ');
    }
    out.push_str(&c.source);
    if let Some(d) = c.date {
        out.push_str(", ");
        out.push_str(&d.long_form());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundle::{EMBEDDED_SEED, load_bundle};

    fn article(paragraphs: &[&str], ids: &[&str]) -> Article {
        Article {
            id: "a".into(),
            title: "t".into(),
            category: None,
            published: None,
            zone: None,
            author: None,
            origin: None,
            paragraphs: paragraphs.iter().map(|s| s.to_string()).collect(),
            citations: ids
                .iter()
                .map(|id| Citation {
                    id: id.to_string(),
                    prefix: None,
                    source: format!("S{id}"),
                    date: None,
                    raw: None,
                    url: None,
                })
                .collect(),
            related: vec![],
            url: None,
        }
    }

    #[test]
    fn numbered_in_reading_order_then_uncited() {
        let a = article(&["x[^b] y[^a]", "z[^b][^c]"], &["a", "b", "c", "unused"]);
        let n = Notes::number(&a);
        assert_eq!(
            ["b", "a", "c", "unused"].map(|id| n.of(id)),
            [Some(1), Some(2), Some(3), Some(4)]
        );
        assert!(n.is_cited(3) && !n.is_cited(4));
        assert_eq!(n.citation(&a, 2).unwrap().id, "a");
        assert_eq!(n.citation(&a, 0), None);
        assert_eq!(n.citation(&a, 5), None);
    }

    #[test]
    fn the_paragraphs_that_cite_are_found_either_way() {
        // Paragraph 1 has no marker, 3 only one to no citation.
        let a = article(
            &["x[^a]", "plain", "y[^b][^a]", "z[^nothing]", "w[^c]"],
            &["a", "b", "c"],
        );
        let n = Notes::number(&a);
        let from: Vec<_> = (0..6).map(|p| n.citing_from(p)).collect();
        assert_eq!(from, [Some(0), Some(2), Some(2), Some(4), Some(4), None]);
        let before: Vec<_> = (0..6).map(|p| n.citing_before(p)).collect();
        assert_eq!(before, [None, Some(0), Some(0), Some(2), Some(2), Some(4)]);
    }

    #[test]
    fn seed_notes_read_like_the_page() {
        let b = load_bundle(EMBEDDED_SEED, "seed").unwrap();
        let a = &b.articles[0];
        let n = Notes::number(a);
        assert_eq!(n.len(), 18);
        assert_eq!(
            note_text(n.citation(a, 1).unwrap()),
            "Mod.gov.az, 23 May 2020"
        );
        assert_eq!(
            note_text(n.citation(a, 7).unwrap()),
            "see EDM, 1 April 2019"
        );
        assert_eq!(
            note_text(n.citation(a, 14).unwrap()),
            "Turan.az, 21 April 2020"
        );
    }
}
