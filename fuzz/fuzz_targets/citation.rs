#![no_main]
//! The citation reader on arbitrary parentheticals.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let date = chrono::NaiveDate::from_ymd_opt(2020, 6, 3);
    if let Some(found) = folio::import::citations::classify(text, date) {
        assert!(!found.citations.is_empty());
    }
});
