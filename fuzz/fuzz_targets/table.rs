//! The review-table readers (CSV, TSV, JSON Lines) on arbitrary bytes: no panic.
#![no_main]

use bitext::tm::table::{read_delimited, read_jsonl, sniff_delimiter};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let d = sniff_delimiter(text);
        let _ = read_delimited(data, d, "ru", "en");
    }
    let _ = read_delimited(data, b'\t', "ru", "en");
    let _ = read_jsonl(data, "ru", "en");
});
