//! Boilerplate out: before extraction, from the page; after, from the blocks.

use dom_query::Document;

use super::blocks::Block;

/// Blocks kept, and a byline found among them.
pub struct Kept {
    pub blocks: Vec<Block>,
    pub byline: Option<String>,
}

/// Takes out of the page what is plainly not the article.
pub fn prune(_doc: &Document) {}

/// The blocks that are the article.
pub fn filter(blocks: Vec<Block>, _title: &str) -> Kept {
    Kept {
        blocks,
        byline: None,
    }
}
