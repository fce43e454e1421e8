//! `-` for a bundle on standard input (`folio -`, `folio dump -`, `folio
//! list -`, `folio check -`), as `folio import -` reads a page. The reader
//! then takes its keys from the terminal itself, `/dev/tty` (crossterm and
//! the terminal probe open it when standard input is not a terminal).

use std::io::Read;
use std::path::Path;

use crate::bundle::{Bundle, BundleError, load_bundle, load_file};
use crate::input::{InputError, read_text_file, text_from_bytes};

/// What messages call standard input.
pub const STDIN_NAME: &str = "<stdin>";

/// Whether `path` means standard input.
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Standard input as text, refusing more than `limit` bytes.
fn read_stdin(limit: u64) -> Result<String, InputError> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    let size = bytes.len() as u64;
    if size > limit {
        return Err(InputError::TooLarge { size, limit });
    }
    text_from_bytes(bytes)
}

/// The text of the file at `path`, or of standard input for `-`.
pub fn read_text(path: &Path, limit: u64) -> Result<String, InputError> {
    if is_stdin(path) {
        read_stdin(limit)
    } else {
        read_text_file(path, limit)
    }
}

/// The bundle at `path`, or on standard input for `-`.
pub fn load(path: &Path, limit: u64) -> Result<Bundle, BundleError> {
    if !is_stdin(path) {
        return load_file(path, limit);
    }
    let text = read_stdin(limit).map_err(|source| BundleError::Read {
        file: STDIN_NAME.into(),
        source,
    })?;
    load_bundle(&text, STDIN_NAME)
}

/// How a path is named in messages.
pub fn name(path: &Path) -> String {
    if is_stdin(path) {
        STDIN_NAME.into()
    } else {
        path.display().to_string()
    }
}
