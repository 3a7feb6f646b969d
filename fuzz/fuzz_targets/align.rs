//! The aligner on two arbitrary sentence lists: links always tile both sides in order.
#![no_main]

use bitext::align::{align, AlignOptions};
use bitext::Sentence;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut sides = text.splitn(2, '\u{1}');
    let side = |s: Option<&str>| -> Vec<Sentence> {
        let mut paragraph = 0;
        let mut out = Vec::new();
        for line in s.unwrap_or("").split('\n') {
            if line.trim().is_empty() {
                paragraph += 1;
                continue;
            }
            out.push(Sentence { text: line.to_string(), paragraph, noise: line.starts_with('#') });
        }
        out
    };
    let src = side(sides.next());
    let tgt = side(sides.next());
    let a = align(&src, &tgt, &AlignOptions::default());
    a.check(src.len(), tgt.len()).unwrap();
    assert!(a.links.iter().all(|l| (0.0..=1.0).contains(&l.score)));
});
