//! The splitter on arbitrary text in both languages: no panic, and splitting keeps every
//! non-space character in order.
#![no_main]

use bitext::segment::split_text;
use bitext::Lang;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // "<p>" lines are paragraph marks, not text.
    let kept: String = text
        .split('\n')
        .filter(|l| !l.trim().eq_ignore_ascii_case("<p>"))
        .flat_map(|l| l.chars())
        .filter(|c| !c.is_whitespace())
        .collect();
    for lang in ["ru", "en"] {
        let sentences = split_text(text, &Lang::parse(lang).unwrap());
        let joined: String = sentences.iter().flat_map(|s| s.chars()).filter(|c| !c.is_whitespace()).collect();
        assert_eq!(joined, kept);
        assert!(sentences.iter().all(|s| !s.trim().is_empty()));
    }
});
