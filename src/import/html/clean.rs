//! Boilerplate out, in two passes: containers before extraction, blocks
//! after.
//!
//! Measured on the development pages (`benches/extract.rs`), what the
//! extraction crate keeps that a reader does not want falls in a few kinds,
//! each recognisable without knowing the site:
//! - **containers named for what they are**: comment sections, share bars,
//!   related-story lists, newsletter boxes, author bios, captions, hover
//!   cards, by the words in their `class`/`id` (`comments`, `share-bar`,
//!   `related`, `newsletter`…) or their role (`nav`, `aside`). Such a
//!   container goes only while it is a small part of the page's text, so a
//!   page whose whole article sits in `<div class="post share-enabled">`
//!   keeps it ([`prune`]);
//! - **blocks that say what they are**: "Read more: …", "Sign up for our
//!   newsletter", "Image caption …", "Updated 10:01 pm, November 19",
//!   "By Jane Doe", "(Reporting by …; Editing by …)", photo credits
//!   ("Photo: …", "Getty Images", "Фото:" and the line after it), runs of
//!   linked headlines, a short heading with only links under it closing the
//!   article ([`filter`]); a block that reads as a sentence (it ends as one,
//!   with several words in lower case) is never a byline or a time stamp.
//!
//! What is never removed, whatever its name: an inline element that is
//! words of a sentence (text, at most one link, inside a paragraph that
//! has other words): a name in a hover card, a date in a `<span
//! class="date">`. Removing it would change the sentence, the worst thing
//! an importer can do to a text.
//!
//! The rules are phrased as general patterns of news pages, never as a
//! site's markup, so that they hold on pages not seen here.

use std::sync::LazyLock;

use dom_query::{Document, NodeRef};
use regex::Regex;

use super::blocks::{Block, Kind};

fn fixed(re: &str) -> Regex {
    Regex::new(re).unwrap_or_else(|e| unreachable!("fixed regex: {e}"))
}

/// Class/id words (anywhere in a name) of containers that are not the
/// article.
const NAMED: &[&str] = &[
    "comment",
    "share",
    "sharing",
    "social",
    "related",
    "newsletter",
    "subscri",
    "promo",
    "sponsor",
    "byline",
    "caption",
    "credit",
    "breadcrumb",
    "outbrain",
    "taboola",
    "recommend",
    "readmore",
    "read-more",
    "more-stories",
    "signup",
    "sign-up",
    "trending",
    "most-read",
    "mostread",
    "popular",
    "author-bio",
    "authorbio",
    "about-author",
    "author-info",
    "disclaimer",
    "copyright",
    "toolbar",
    "tooltip",
    "popover",
    "rollover",
    "hovercard",
    "modal",
    "cookie",
    "paywall",
    "sidebar",
    "dateline",
    "timestamp",
    "pubdate",
];

/// Whole words (a name split at `-`, `_`) of such containers.
const NAMED_WORDS: &[&str] = &[
    "ad", "ads", "advert", "nav", "menu", "tags", "footer", "meta", "author", "bio", "print",
    "email", "date", "time",
];

/// Names that contain a word above but are the article.
const NOT_NAMED: &[&str] = &["commentary", "commentisfree", "article-body", "post-body"];

fn named(names: &str) -> bool {
    names.split_whitespace().any(|name| {
        if NOT_NAMED.iter().any(|n| name.contains(n)) {
            return false;
        }
        NAMED.iter().any(|k| name.contains(k))
            || name.split(['-', '_']).any(|w| NAMED_WORDS.contains(&w))
    })
}

fn names_of(node: &NodeRef) -> String {
    let mut out = String::new();
    for attr in ["class", "id"] {
        if let Some(v) = node.attr(attr) {
            out.push_str(&v.to_lowercase());
            out.push(' ');
        }
    }
    out
}

fn text_len(node: &NodeRef) -> usize {
    node.text().trim().len()
}

/// Characters of text inside `<p>` elements of a subtree: the prose.
fn prose_len(node: &NodeRef) -> usize {
    let own = if node.has_name("p") {
        text_len(node)
    } else {
        0
    };
    if own > 0 {
        return own;
    }
    node.element_children().iter().map(prose_len).sum()
}

fn plainly_not_article(node: &NodeRef, tag: &str) -> bool {
    let role = node
        .attr("role")
        .map(|r| r.to_lowercase())
        .unwrap_or_default();
    matches!(tag, "nav" | "aside" | "figcaption")
        || matches!(
            role.as_str(),
            "navigation" | "complementary" | "banner" | "contentinfo" | "dialog"
        )
        || node
            .attr("aria-hidden")
            .is_some_and(|v| v.as_ref() == "true")
        || named(&names_of(node))
}

/// Inline elements: when one starts with a link, it is the visible part of
/// a hover card (a name in the prose) and stays; the card inside it goes.
const INLINE: &[&str] = &[
    "span", "a", "b", "i", "em", "strong", "small", "abbr", "cite", "font", "time", "q", "u",
    "mark", "code", "sub", "sup", "data", "dfn", "ins", "del", "s", "kbd", "var", "bdi", "bdo",
    "label",
];

/// Blocks whose text is sentences.
const PARAGRAPHS: &[&str] = &[
    "p",
    "li",
    "dd",
    "dt",
    "td",
    "th",
    "blockquote",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
];

/// What makes an inline element a widget rather than words: images,
/// media, controls, blocks.
const NOT_WORDS: &[&str] = &[
    "img",
    "picture",
    "svg",
    "video",
    "audio",
    "iframe",
    "object",
    "embed",
    "button",
    "input",
    "select",
    "textarea",
    "form",
    "p",
    "div",
    "ul",
    "ol",
    "li",
    "dl",
    "table",
    "figure",
    "blockquote",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
];

fn tag_of(node: &NodeRef) -> String {
    node.node_name()
        .map(|n| n.to_ascii_lowercase())
        .unwrap_or_default()
}

/// Words of a sentence: an inline element with text, holding only text
/// and inline formatting (at most one link, no image, control or block),
/// inside a paragraph that has words besides it. Whatever its class or
/// role says, removing it would change the sentence, so it stays.
fn in_sentence(node: &NodeRef, tag: &str) -> bool {
    if !INLINE.contains(&tag) || text_len(node) == 0 {
        return false;
    }
    let mut links = usize::from(tag == "a");
    for d in node.descendants_it().filter(NodeRef::is_element) {
        let t = tag_of(&d);
        if NOT_WORDS.contains(&t.as_str()) {
            return false;
        }
        links += usize::from(t == "a");
    }
    if links > 1 {
        return false;
    }
    let mut up = node.parent();
    let mut hops = 0;
    while let Some(parent) = up {
        hops += 1;
        if hops > 64 || !parent.is_element() {
            return false;
        }
        let ptag = tag_of(&parent);
        if INLINE.contains(&ptag.as_str()) {
            up = parent.parent();
            continue;
        }
        let has_own_words = parent
            .children_it(false)
            .any(|c| c.is_text() && c.text().chars().any(char::is_alphanumeric));
        if !PARAGRAPHS.contains(&ptag.as_str()) && !has_own_words {
            return false;
        }
        let all: usize = parent
            .text()
            .chars()
            .filter(|c| c.is_alphanumeric())
            .count();
        let own: usize = node.text().chars().filter(|c| c.is_alphanumeric()).count();
        return all > own;
    }
    false
}

fn starts_with_link(node: &NodeRef) -> bool {
    node.children_it(false)
        .find(|c| c.is_element() || (c.is_text() && !c.text().trim().is_empty()))
        .is_some_and(|c| c.has_name("a"))
}

struct Pruning {
    total: usize,
    prose: usize,
    doomed: Vec<dom_query::NodeId>,
}

impl Pruning {
    fn visit(&mut self, node: &NodeRef, depth: usize) {
        if depth > 200 {
            return;
        }
        for child in node.element_children() {
            let tag = child
                .node_name()
                .map(|n| n.to_ascii_lowercase())
                .unwrap_or_default();
            let exempt = matches!(tag.as_str(), "body" | "html" | "main" | "article" | "p")
                || (INLINE.contains(&tag.as_str()) && starts_with_link(&child));
            // A container goes while it is a small part of the page's text
            // and holds little of its prose, and never when it is words of
            // a sentence.
            if !exempt
                && plainly_not_article(&child, &tag)
                && text_len(&child) * 5 < self.total
                && prose_len(&child) * 5 < self.prose * 2
                && !in_sentence(&child, &tag)
            {
                self.doomed.push(child.id);
            } else {
                self.visit(&child, depth + 1);
            }
        }
    }
}

/// Removes from the subtree of `root` the containers that are plainly not
/// the article, while each is under a fifth of the text and under two
/// fifths of the prose. Returns how many.
pub fn prune_node(root: &NodeRef) -> usize {
    let mut pruning = Pruning {
        total: text_len(root).max(1),
        prose: prose_len(root).max(1),
        doomed: Vec::new(),
    };
    pruning.visit(root, 0);
    let count = pruning.doomed.len();
    for id in pruning.doomed {
        if let Some(node) = root.tree.get(&id) {
            node.remove_from_parent();
        }
    }
    count
}

/// Takes out of the page what is plainly not the article, before the
/// extraction crate looks for it.
pub fn prune(doc: &Document) {
    if let Some(body) = doc.body() {
        prune_node(&body);
    }
}

static DATELIKE: LazyLock<Regex> = LazyLock::new(|| {
    fixed(
        r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\b\d{1,2}:\d{2}\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b(?:19|20)\d{2}\b|\b\d+\s+(?:hours?|minutes?|days?)\s+ago\b",
    )
});

/// How a short block that is a time stamp or a byline begins.
static STAMP: LazyLock<Regex> = LazyLock::new(|| {
    fixed(
        r"(?i)^(?:updated|published|posted|first published|last updated|last modified|modified|created|date|by|written by|von|por|par)\b",
    )
});

/// How a line of boilerplate begins.
static BOILER_START: LazyLock<Regex> = LazyLock::new(|| {
    fixed(
        r"(?i)^[\[(]?\s*(?:read more|read also|also read|read next|more:|more from|see more|see also:|also:|related:|related stories|related articles|related news|related post|click here|sign up|subscribe|get breaking news|get the latest|get access|follow us|follow (?:him|her|them|me) on|join our|like this story|sharing is caring|advertisement|advert\b|continue reading|image caption|media caption|image copyright|image source|photo:|photograph:|\(?image:|image credit|credit:|all rights reserved|reporting by|additional reporting|editing by|writing by|compiled by|this post may contain affiliate|this article (?:contains|may contain) affiliate|disclosure:|tell us what you think|leave a comment|post comment|share this|share on|tweet this|email this|print this|filed under|tags?:|categories:|posted in)(?:\W|$)|^credit\.\.\.|^©|^also on\b[^.:]{0,40}:|^(?:comments?|recommended(?: for you| stories| articles| reading)?|copyright)\s*(?::|\(\d|\d|©|ⓒ|\(c\)|$)",
    )
});

/// Words that make a short block a call to act, wherever they are in it.
static CALL_TO_ACT: LazyLock<Regex> = LazyLock::new(|| {
    fixed(
        r"(?i)\b(?:newsletters?|in your inbox|to your inbox|delivered (?:to|right)|follow (?:us|him|her|them|me) (?:on|at)|download (?:the|our) app|contributed (?:reporting|to this report)|may be reached at|all rights reserved)\b",
    )
});

/// Words that make a very short block a call to act.
static SHORT_CALL: LazyLock<Regex> =
    LazyLock::new(|| fixed(r"(?i)\b(?:sign up|subscribe|click here|tap here)\b"));

/// A block that is only a label of what follows or of a list.
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    fixed(
        r"(?i)^(?:more|related|related news|related stories|related articles|recommended|you may also like|you might also like|read more|see also|most read|most popular|popular|trending|advertisement|advert|ad|comments?|share|share this|caption|close|subscribe|iklan|реклама|anzeige|publicidad)\s*:?$",
    )
});

fn words(text: &str) -> usize {
    text.split_whitespace().count()
}

/// A sentence of prose: it ends as sentences do and has several words in
/// lower case ("By 2030, the city will need…", not "By Jane Doe and John
/// Smith, Reuters.").
fn sentence(text: &str) -> bool {
    let ends = text
        .trim_end_matches(['"', '”', '’', '\'', '»', ')'])
        .ends_with(['.', '!', '?', '…']);
    let lower = text
        .split_whitespace()
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
        .count();
    ends && lower >= 4
}

/// A line that is only the label of a photo credit ("Photo:", "Фото:"):
/// the credit is the line after it.
static CREDIT_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    fixed(
        r"(?i)^(?:photos?|photograph|pictures?|images?|credits?|photo credits?|image credits?|фото|фотография|иллюстрация|foto|fotos|bild)\s*:?$",
    )
});

/// A photo credit: "Photo: …", "Evan Vucci/AP Photo", "Getty Images",
/// "REUTERS/…", "личный архив …".
static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    fixed(
        r"(?i)^(?:photos?|photograph|picture|image|фото|foto|bild)\s*(?:credit|by)?\s*[:/]|\bgetty images\b|\bap photo\b|\bafp photo\b|\bepa-efe\b|\bshutterstock\b|\bistock(?:photo)?\b|\breuters/|/reuters\b|^reuters$|^(?:ap|afp|epa)$|личный архив|\bphoto courtesy\b|^courtesy(?: of)?\b|^фото\b",
    )
});

/// A short line that is a photo credit.
fn credit(block: &Block) -> bool {
    !matches!(block.kind, Kind::Heading(_))
        && words(&block.text) <= 10
        && !sentence(&block.text)
        && CREDIT.is_match(&block.text)
}

/// A label of a photo credit.
fn credit_label(block: &Block) -> bool {
    !matches!(block.kind, Kind::Heading(_)) && CREDIT_LABEL.is_match(&block.text)
}

/// Why a block is not the article, or `None`.
fn verdict(block: &Block, title: &str) -> Option<&'static str> {
    let text = block.text.as_str();
    let n = words(text);
    if block.kind == Kind::Caption {
        return Some("caption");
    }
    if !title.is_empty() && text == title {
        return Some("title repeated");
    }
    if LABEL.is_match(text) {
        return Some("label");
    }
    if n <= 60 && BOILER_START.is_match(text) {
        return Some("boilerplate line");
    }
    if n <= 40 && CALL_TO_ACT.is_match(text) {
        return Some("call to act");
    }
    if n <= 20 && SHORT_CALL.is_match(text) {
        return Some("call to act");
    }
    if credit(block) || credit_label(block) {
        return Some("photo credit");
    }
    if sentence(text) {
        return None;
    }
    if n <= 14 && STAMP.is_match(text) && (DATELIKE.is_match(text) || n <= 6) {
        return Some("time stamp or byline");
    }
    if n <= 10 && DATELIKE.is_match(text) {
        let rest = DATELIKE.replace_all(text, "");
        let letters = rest.chars().filter(|c| c.is_alphabetic()).count();
        if letters * 2 < text.chars().filter(|c| c.is_alphanumeric()).count() {
            return Some("time stamp");
        }
    }
    None
}

/// A related list that closes the article: a short heading ("More Great
/// Stories", "Related coverage:") and then, to the end, three or more list
/// items that each hold a link. Nothing of the article comes after it.
fn closing_links(blocks: &[Block], keep: &mut [bool]) {
    let kept: Vec<usize> = (0..blocks.len()).filter(|&i| keep[i]).collect();
    let mut start = kept.len();
    while start > 0 {
        let b = &blocks[kept[start - 1]];
        if b.kind == Kind::ListItem && b.link_chars > 0 && words(&b.text) <= 30 {
            start -= 1;
        } else {
            break;
        }
    }
    if kept.len() - start < 3 || start == 0 {
        return;
    }
    let heading = &blocks[kept[start - 1]];
    let n = words(&heading.text);
    if (1..=8).contains(&n) && heading.link_chars == 0 && !heading.text.ends_with('.') {
        for &i in &kept[start - 1..] {
            keep[i] = false;
        }
    }
}

/// Why the blocks are a listing rather than an article: most of their
/// text is linked headlines, each followed by its teaser.
pub fn listing(blocks: &[Block]) -> Option<String> {
    let total: usize = blocks.iter().map(Block::chars).sum();
    let (mut units, mut unit_chars) = (0usize, 0usize);
    let mut i = 0;
    while i + 1 < blocks.len() {
        let (h, t) = (&blocks[i], &blocks[i + 1]);
        let headline = (3..=25).contains(&words(&h.text)) && h.link_density() >= 0.8;
        let teaser = words(&t.text) <= 60 && t.link_density() < 0.3;
        if headline && teaser {
            units += 1;
            unit_chars += h.chars() + t.chars();
            i += 2;
        } else {
            i += 1;
        }
    }
    (units >= 5 && unit_chars * 2 >= total).then(|| {
        format!(
            "the page is {units} linked headlines, each followed by a teaser: a listing, not an article"
        )
    })
}

/// Blocks kept, and a byline found among them.
pub struct Kept {
    pub blocks: Vec<Block>,
    pub byline: Option<String>,
}

static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    fixed(
        r"^(?i:by|written by)\s+(?P<name>\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3}(?:\s+(?i:and)\s+\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3})?)",
    )
});

/// A linked line in capitals: a promoted headline ("SEAN SPICER ELIMINATED
/// FROM …") or a call to act ("GET THE APP BY CLICKING HERE").
fn shouted_link(block: &Block) -> bool {
    words(&block.text) >= 4
        && block.link_density() >= 0.8
        && !block.text.chars().any(char::is_lowercase)
        && block.text.chars().any(char::is_uppercase)
}

/// The summary under the headline ("standfirst", "dek"): the page's
/// description repeated near the top, in a container named for it and of
/// its own (a lead paragraph that the description repeats shares its
/// container with the paragraphs after it, and stays).
fn standfirst(
    block: &Block,
    index: usize,
    description: Option<&str>,
    next: Option<&Block>,
) -> bool {
    index < 3
        && description.is_some_and(|d| d == block.text)
        && next.is_none_or(|n| n.context != block.context || n.tags != block.tags)
        && [
            "summary",
            "dek",
            "standfirst",
            "subtitle",
            "sub-title",
            "subhead",
            "strap",
            "teaser",
            "description",
            "excerpt",
            "header",
        ]
        .iter()
        .any(|n| block.context.contains(n) || block.tags.iter().any(|t| t == "header"))
}

/// A run of headline links: blocks nearly all link text, of a few words.
fn headline_link(block: &Block) -> bool {
    let n = words(&block.text);
    (4..=20).contains(&n) && block.link_density() >= 0.8
}

/// The blocks that are the article, and the visible byline if one was
/// among those left out.
pub fn filter(blocks: Vec<Block>, title: &str, description: Option<&str>) -> Kept {
    let mut byline = None;
    let mut keep: Vec<bool> = Vec::with_capacity(blocks.len());
    for (i, block) in blocks.iter().enumerate() {
        let v = verdict(block, title).or_else(|| {
            if shouted_link(block) {
                Some("promoted headline")
            } else if standfirst(block, i, description, blocks.get(i + 1)) {
                Some("standfirst")
            } else {
                None
            }
        });
        if v.is_some()
            && byline.is_none()
            && let Some(c) = BYLINE.captures(&block.text)
            && let Some(name) = c.name("name")
        {
            byline = Some(name.as_str().trim().to_string());
        }
        keep.push(v.is_none());
    }
    // The line after a credit's label is the credit.
    for i in 1..blocks.len() {
        if credit_label(&blocks[i - 1])
            && words(&blocks[i].text) <= 10
            && !sentence(&blocks[i].text)
            && !matches!(blocks[i].kind, Kind::Heading(_))
        {
            keep[i] = false;
        }
    }
    // Runs of two or more headline links (a "read more" list).
    let mut i = 0;
    while i < blocks.len() {
        let mut j = i;
        while j < blocks.len() && headline_link(&blocks[j]) {
            j += 1;
        }
        if j - i >= 2 {
            keep[i..j].iter_mut().for_each(|k| *k = false);
        }
        i = j.max(i + 1);
    }
    closing_links(&blocks, &mut keep);
    let blocks = blocks
        .into_iter()
        .zip(keep)
        .filter_map(|(b, k)| k.then_some(b))
        .collect();
    Kept { blocks, byline }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(text: &str, kind: Kind) -> Block {
        Block {
            kind,
            text: text.to_string(),
            links: Vec::new(),
            link_chars: 0,
            context: String::new(),
            tags: Vec::new(),
            group: 0,
        }
    }

    #[test]
    fn boilerplate_lines_go_and_prose_stays() {
        let gone = [
            "Read more: Alibaba poised to launch record-breaking listing",
            "Sign up for our Email Newsletters here.",
            "Updated 10:01 pm PST, Tuesday, November 19, 2019",
            "Published 11:34 PM EST Nov 19, 2019",
            "(Reporting by Greg Roumeliotis; editing by Martin Howell.)",
            "Image caption Taylor Swift's seventh album",
            "Advertisement",
            "Keith Bradsher contributed reporting from Hong Kong.",
            "November 18, 2019 | 4:10pm",
        ];
        for text in gone {
            assert!(
                verdict(&block(text, Kind::Paragraph), "").is_some(),
                "{text}"
            );
        }
        let kept = [
            "The ministry said on May 23 that the exercises would go on.",
            "Subscribers of the service rose by 10% in 2019, the company said in a statement on Monday, as it reported results.",
            "By the end of the day, the governor had signed the bill.",
        ];
        for text in kept {
            assert!(
                verdict(&block(text, Kind::Paragraph), "").is_none(),
                "{text}"
            );
        }
    }

    #[test]
    fn names_of_boilerplate_containers() {
        assert!(named("post-comments"));
        assert!(named("social-share-bar"));
        assert!(named("ad-slot"));
        assert!(!named("commentary-body"));
        assert!(!named("article-content"));
        assert!(!named("headline"));
    }

    #[test]
    fn runs_of_linked_headlines_go() {
        let mut a = block(
            "China completes landing test for its first Mars mission",
            Kind::ListItem,
        );
        a.link_chars = a.text.chars().count();
        let mut b = block("Young people must be heard: UN envoy says", Kind::ListItem);
        b.link_chars = b.text.chars().count();
        let p = block(
            "Prose that stays, a sentence of the article itself.",
            Kind::Paragraph,
        );
        let kept = filter(vec![p.clone(), a, b], "", None);
        assert_eq!(kept.blocks, vec![p]);
    }
}
