//! The HTML reader on arbitrary bytes: decoding, the block walk and article extraction never
//! panic, and whatever is read has no empty line.
#![no_main]

use bitext::document::{from_bytes, Format, ReadOptions};
use bitext::Lang;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for (lang, drop) in [("ru", false), ("en", true)] {
        let lang = Lang::parse(lang).unwrap();
        let opts = ReadOptions {
            format: Some(Format::Html),
            drop_foreign: drop,
            keep_chrome: !drop,
            ..ReadOptions::default()
        };
        if let Ok((doc, _)) = from_bytes(std::path::Path::new("fuzz.html"), data, &lang, &opts) {
            for p in &doc.paragraphs {
                assert!(!p.lines.is_empty());
                assert!(p.lines.iter().all(|l| !l.text.trim().is_empty()));
            }
        }
    }
});
