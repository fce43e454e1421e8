#![no_main]
//! The importer on arbitrary text: never a panic, and what it writes is a
//! bundle folio loads (unless the page itself contains marker syntax `[^`).
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let page = folio::import::import_page(text);
    let bundle = folio::import::build_bundle(&[page], None);
    let json = folio::import::to_json(&bundle);
    if !text.contains("[^") && bundle.articles.iter().all(|a| !a.id.is_empty()) {
        if let Err(e) = folio::bundle::load_bundle(&json, "imported") {
            panic!("the importer wrote a bundle folio cannot load: {e}");
        }
    }
});
