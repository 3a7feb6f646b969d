//! The review-table readers (CSV, TSV, JSON Lines) on arbitrary bytes: no panic.
#![no_main]

use std::path::Path;

use bitext::tm::table::{csv_units, jsonl_units, sniff_delimiter};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = Path::new("fuzz.csv");
    if let Ok(text) = std::str::from_utf8(data) {
        for d in [sniff_delimiter(text), b'\t'] {
            if let Ok(rows) = csv_units(text.to_string(), d, path, "ru", "en") {
                rows.for_each(drop);
            }
        }
    }
    jsonl_units(data, path, "ru", "en").for_each(drop);
});
