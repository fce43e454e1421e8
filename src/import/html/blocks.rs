//! The main content's DOM → a list of blocks of text, each a paragraph.
//!
//! Extraction crates return either flat text (paragraphs glued, headings run
//! into prose) or HTML; folio wants each paragraph, heading, list item and
//! quotation as its own string, and wants to know which words were links (a
//! citation keeps its link) and what each block sat in (the class and id
//! names around it: `share`, `related`, `comments`…), so that boilerplate
//! can be told from prose. One walk of the DOM gives all of that: text is
//! gathered into the current block, a block element or a `<br>` starts the
//! next one, and runs of ASCII whitespace become one space as they come
//! (offsets of links are therefore in the final text). Soft hyphens and
//! zero-width spaces (U+00AD, U+200B: where a word may break, not text) are
//! dropped; every other character is kept. A row of a data table (two or
//! more cells, none holding a paragraph, list or table) is one block, its
//! cells joined with `" · "`; a header row repeated as the footer is given
//! once. A layout table's cells are blocks as any `<div>`.

use dom_query::NodeRef;

use crate::import::cite::LinkSpan;

/// What a block was in the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Paragraph,
    Heading(u8),
    ListItem,
    Quote,
    /// A figure's or a table's caption, or text inside a `<figure>`.
    Caption,
    /// A row of a data table, its cells joined with `" · "`.
    Row,
    Preformatted,
}

/// One block of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: Kind,
    pub text: String,
    /// Links with an `http(s)` target, by byte range of `text`.
    pub links: Vec<LinkSpan>,
    /// Characters of `text` inside any `<a>`.
    pub link_chars: usize,
    /// Lower-case class and id names of the block's element and its
    /// ancestors inside the content, innermost first, space-separated.
    pub context: String,
    /// Tag names of the enclosing elements, innermost first.
    pub tags: Vec<String>,
    /// Index of the block element it came from (blocks with the same group
    /// were split by `<br>`).
    pub group: usize,
}

impl Block {
    pub fn chars(&self) -> usize {
        self.text.chars().count()
    }

    pub fn link_density(&self) -> f64 {
        let n = self.chars();
        if n == 0 {
            0.0
        } else {
            self.link_chars as f64 / n as f64
        }
    }
}

/// Elements whose content is never prose.
const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "canvas", "iframe", "object",
    "embed", "audio", "video", "button", "select", "option", "textarea", "input", "head", "title",
    "meta", "link",
];

const BLOCK: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "nav",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "figure",
    "figcaption",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "td",
    "th",
    "caption",
    "hr",
    "address",
    "details",
    "summary",
    "form",
    "fieldset",
    "center",
    "hgroup",
    "body",
    "html",
    "menu",
    "legend",
    "picture",
];

/// Deeper than this, a subtree is read as plain text (no stack overflow on
/// hostile nesting).
const MAX_DEPTH: usize = 256;

struct Walker<'r> {
    resolve: &'r dyn Fn(&str) -> Option<String>,
    blocks: Vec<Block>,
    text: String,
    pending_space: bool,
    links: Vec<LinkSpan>,
    link_chars: usize,
    in_link: usize,
    kind: Kind,
    context: Vec<String>,
    tags: Vec<String>,
    group: usize,
    /// Inside a row of a data table: its cells are one block.
    in_row: bool,
    /// Rows of the current data table already given (a header repeated as
    /// a footer is given once).
    rows_seen: Vec<String>,
}

/// Elements that make a table cell more than data: a layout table.
const CELL_BLOCKS: &[&str] = &[
    "p",
    "div",
    "ul",
    "ol",
    "table",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "section",
    "article",
    "figure",
    "dl",
];

/// A row of a data table: two or more cells, none holding a block.
fn data_row(row: &NodeRef) -> bool {
    let cells: Vec<NodeRef> = row
        .element_children()
        .into_iter()
        .filter(|c| c.has_name("td") || c.has_name("th"))
        .collect();
    cells.len() >= 2
        && cells.iter().all(|c| {
            !c.descendants_it().any(|d| {
                d.node_name()
                    .is_some_and(|n| CELL_BLOCKS.contains(&n.to_ascii_lowercase().as_str()))
            })
        })
}

impl Walker<'_> {
    fn push_text(&mut self, s: &str) {
        for c in s.chars() {
            // Soft hyphens and zero-width spaces are typesetting hints
            // (where a word may break), not text.
            if matches!(c, '\u{ad}' | '\u{200b}') {
                continue;
            }
            if c.is_ascii_whitespace() {
                self.pending_space = true;
                continue;
            }
            if self.pending_space && !self.text.is_empty() && !self.text.ends_with(' ') {
                self.text.push(' ');
            }
            self.pending_space = false;
            self.text.push(c);
            if self.in_link > 0 {
                self.link_chars += 1;
            }
        }
    }

    fn flush(&mut self) {
        self.pending_space = false;
        if self.text.is_empty() {
            self.links.clear();
            self.link_chars = 0;
            return;
        }
        let text = std::mem::take(&mut self.text);
        let lead = text.len() - text.trim_start().len();
        let trimmed = text.trim();
        if trimmed.is_empty() {
            self.links.clear();
            self.link_chars = 0;
            return;
        }
        let len = trimmed.len();
        let links = std::mem::take(&mut self.links)
            .into_iter()
            .filter_map(|l| {
                let start = l.start.saturating_sub(lead).min(len);
                let end = l.end.saturating_sub(lead).min(len);
                (end > start).then_some(LinkSpan { start, end, ..l })
            })
            .collect();
        let mut context = String::new();
        for c in self.context.iter().rev() {
            if !c.is_empty() {
                if !context.is_empty() {
                    context.push(' ');
                }
                context.push_str(c);
            }
        }
        self.blocks.push(Block {
            kind: self.kind,
            text: trimmed.to_string(),
            links,
            link_chars: std::mem::take(&mut self.link_chars).min(trimmed.chars().count()),
            context,
            tags: self.tags.iter().rev().cloned().collect(),
            group: self.group,
        });
    }

    fn walk(&mut self, node: &NodeRef, depth: usize) {
        if node.is_text() {
            self.push_text(&node.text());
            return;
        }
        if !node.is_element() {
            if node.is_document() || node.is_fragment() {
                for child in node.children_it(false) {
                    self.walk(&child, depth + 1);
                }
            }
            return;
        }
        let Some(name) = node.node_name() else {
            return;
        };
        let name = name.to_ascii_lowercase();
        if SKIP.contains(&name.as_str()) || node.has_attr("hidden") {
            return;
        }
        if depth > MAX_DEPTH {
            self.push_text(&node.text());
            return;
        }
        if name == "br" {
            if self.in_row {
                self.pending_space = true;
            } else {
                self.flush();
            }
            return;
        }
        if name == "table" {
            let saved = std::mem::take(&mut self.rows_seen);
            self.walk_element(node, &name, depth);
            self.rows_seen = saved;
            return;
        }
        if name == "tr" && !self.in_row && data_row(node) {
            self.flush();
            self.in_row = true;
            let saved_kind = self.kind;
            self.kind = Kind::Row;
            self.group += 1;
            for child in node.children_it(false) {
                self.walk(&child, depth + 1);
            }
            self.in_row = false;
            let text = self.text.trim().to_string();
            if self.rows_seen.contains(&text) {
                self.text.clear();
                self.links.clear();
                self.link_chars = 0;
                self.pending_space = false;
            } else {
                self.rows_seen.push(text);
                self.flush();
            }
            self.group += 1;
            self.kind = saved_kind;
            return;
        }
        if self.in_row && matches!(name.as_str(), "td" | "th") {
            if !self.text.trim().is_empty() {
                self.text.push_str(" · ");
                self.pending_space = false;
            }
            for child in node.children_it(false) {
                self.walk(&child, depth + 1);
            }
            return;
        }
        self.walk_element(node, &name, depth);
    }

    fn walk_element(&mut self, node: &NodeRef, name: &str, depth: usize) {
        let name = name.to_string();
        let block = !self.in_row && BLOCK.contains(&name.as_str());
        let saved_kind = self.kind;
        if block {
            self.flush();
            self.group += 1;
            let mut names = String::new();
            for attr in ["class", "id", "role", "itemprop"] {
                if let Some(v) = node.attr(attr) {
                    if !names.is_empty() {
                        names.push(' ');
                    }
                    names.push_str(&v.to_lowercase());
                }
            }
            self.context.push(names);
            self.tags.push(name.clone());
            self.kind = match name.as_str() {
                "h1" => Kind::Heading(1),
                "h2" => Kind::Heading(2),
                "h3" => Kind::Heading(3),
                "h4" => Kind::Heading(4),
                "h5" => Kind::Heading(5),
                "h6" => Kind::Heading(6),
                "li" | "dt" | "dd" => Kind::ListItem,
                "blockquote" => Kind::Quote,
                "figcaption" | "caption" | "figure" => Kind::Caption,
                "pre" => Kind::Preformatted,
                _ => self.kind,
            };
        }
        let link = (name == "a").then(|| {
            let start = self.text.len() + usize::from(self.pending_space && !self.text.is_empty());
            let url = node.attr("href").and_then(|h| (self.resolve)(&h));
            (start, url)
        });
        if link.is_some() {
            self.in_link += 1;
        }
        for child in node.children_it(false) {
            self.walk(&child, depth + 1);
        }
        if let Some((start, url)) = link {
            self.in_link -= 1;
            if let Some(url) = url
                && self.text.len() > start
            {
                self.links.push(LinkSpan {
                    start,
                    end: self.text.len(),
                    url,
                });
            }
        }
        if block {
            self.flush();
            self.group += 1;
            self.context.pop();
            self.tags.pop();
            self.kind = saved_kind;
        }
    }
}

/// The blocks of `root`'s subtree, in document order. `resolve` turns an
/// `href` into an absolute `http(s)` URL, or `None` to keep it as text only.
pub fn blocks(root: &NodeRef, resolve: &dyn Fn(&str) -> Option<String>) -> Vec<Block> {
    let mut walker = Walker {
        resolve,
        blocks: Vec::new(),
        text: String::new(),
        pending_space: false,
        links: Vec::new(),
        link_chars: 0,
        in_link: 0,
        kind: Kind::Paragraph,
        context: Vec::new(),
        tags: Vec::new(),
        group: 0,
        in_row: false,
        rows_seen: Vec::new(),
    };
    walker.walk(root, 0);
    walker.flush();
    walker.blocks
}

#[cfg(test)]
mod tests {
    use super::*;
    use dom_query::Document;

    fn read(html: &str) -> Vec<Block> {
        let doc = Document::from(html);
        let resolve = |h: &str| h.starts_with("http").then(|| h.to_string());
        blocks(&doc.root(), &resolve)
    }

    #[test]
    fn headings_items_and_quotes_are_separate_blocks() {
        let b = read(
            "<h2>Heading</h2><p>First   <b>bold</b>\n text.</p><ul><li>One</li><li>Two <p>inner</p></li></ul>\
             <blockquote><p>Quoted.</p><p>Again.</p></blockquote>text<br>after break",
        );
        let texts: Vec<(&str, Kind)> = b.iter().map(|b| (b.text.as_str(), b.kind)).collect();
        assert_eq!(
            texts,
            vec![
                ("Heading", Kind::Heading(2)),
                ("First bold text.", Kind::Paragraph),
                ("One", Kind::ListItem),
                ("Two", Kind::ListItem),
                ("inner", Kind::ListItem),
                ("Quoted.", Kind::Quote),
                ("Again.", Kind::Quote),
                ("text", Kind::Paragraph),
                ("after break", Kind::Paragraph),
            ]
        );
    }

    #[test]
    fn links_are_located_in_the_normalised_text() {
        let b = read(
            r#"<p>  Said  so (<a href="https://mod.gov.az/x"> Mod.gov.az</a>, May 23) and <a href="/rel">here</a>.</p>"#,
        );
        assert_eq!(b.len(), 1);
        assert_eq!(b[0].text, "Said so ( Mod.gov.az, May 23) and here.");
        assert_eq!(b[0].links.len(), 1);
        let l = &b[0].links[0];
        assert_eq!(&b[0].text[l.start..l.end], " Mod.gov.az");
        assert_eq!(b[0].link_chars, "Mod.gov.az".len() + "here".len());
    }

    #[test]
    fn scripts_and_hidden_things_are_not_text() {
        let b =
            read("<p>a<script>var x;</script><span hidden>no</span> b</p><button>Share</button>");
        assert_eq!(b.len(), 1);
        assert_eq!(b[0].text, "a b");
    }

    #[test]
    fn context_names_the_ancestors() {
        let b = read(r#"<div class="Share-Bar"><ul><li id="fb">Facebook</li></ul></div>"#);
        assert_eq!(b[0].context, "fb share-bar");
    }

    #[test]
    fn hostile_nesting_does_not_overflow() {
        let html = "<div>".repeat(5000) + "deep" + &"</div>".repeat(5000);
        let b = read(&html);
        assert!(b.iter().any(|b| b.text.contains("deep")));
    }
}
