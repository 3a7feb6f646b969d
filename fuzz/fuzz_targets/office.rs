//! The DOCX and ODT readers on arbitrary bytes (zip containers of any content): never a
//! panic, and whatever is read has no empty line.
#![no_main]

use bitext::document::{from_bytes, Format, ReadOptions};
use bitext::Lang;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let lang = Lang::parse("ru").unwrap();
    for format in [Format::Docx, Format::Odt] {
        let opts = ReadOptions {
            format: Some(format),
            ..ReadOptions::default()
        };
        if let Ok((doc, _)) = from_bytes(std::path::Path::new("fuzz"), data, &lang, &opts) {
            for p in &doc.paragraphs {
                assert!(p.lines.iter().all(|l| !l.text.trim().is_empty()));
            }
        }
    }
});
