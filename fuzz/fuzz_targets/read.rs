//! The document reader on arbitrary bytes: decoding and parsing never panic, and every
//! line of a decoded text lands in exactly one paragraph.
#![no_main]

use bitext::document::{decode, parse, ReadOptions};
use bitext::Lang;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(bitext::document::Decoded { text, .. }) = decode(data, None) {
        for lang in ["ru", "en"] {
            let lang = Lang::parse(lang).unwrap();
            let doc = parse(&text, &lang, &ReadOptions::default());
            let lines: usize = doc.paragraphs.iter().map(|p| p.lines.len()).sum();
            let expected = text
                .split('\n')
                .filter(|l| !l.trim().is_empty() && !l.trim().eq_ignore_ascii_case("<p>"))
                .count();
            assert_eq!(lines, expected);
        }
    }
});
