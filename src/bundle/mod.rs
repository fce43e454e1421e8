//! The bundle: folio's public, hand-editable file format (`folio-bundle/1`).
//!
//! Kept apart from everything that draws, so that the importer, the checker and
//! the reader all agree on one definition of what a bundle is. `model` holds the
//! types, `load` turns text into a validated [`Bundle`] or a precise error, and
//! `markers` reads the `[^ID]` footnote markers inside paragraph text; `paths`
//! finds values in a bundle's text by JSON path, to place what is wrong.

pub mod load;
pub mod markers;
pub mod model;
mod paths;

pub use load::{BundleError, load_bundle, load_file};
pub use model::{Article, Bundle, Citation, NewsEntry, PartialDate};

/// The bundle built from `sample-data/seed-page.txt`, embedded so that `folio`
/// with no arguments needs no files at all.
pub const EMBEDDED_SEED: &str = include_str!("../../sample-data/seed.json");

/// The name the embedded sample is reported under in messages.
pub const EMBEDDED_SEED_NAME: &str = "<embedded sample>";

/// The embedded sample, for unit tests.
#[cfg(test)]
pub(crate) mod test_data {
    use super::{Article, EMBEDDED_SEED, load_bundle};

    pub(crate) fn seed_article() -> Article {
        let mut bundle = load_bundle(EMBEDDED_SEED, "seed").unwrap_or_else(|e| panic!("{e}"));
        bundle.articles.remove(0)
    }
}
