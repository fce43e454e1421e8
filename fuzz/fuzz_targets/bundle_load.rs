#![no_main]
//! The bundle loader on arbitrary text: an error or a bundle, never a panic.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = folio::bundle::load_bundle(text, "fuzz.json");
    }
});
