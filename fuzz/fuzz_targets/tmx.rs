//! The TMX reader on arbitrary bytes: an error or units, never a panic or a hang.
#![no_main]

use bitext::tm::tmx::read;
use bitext::Lang;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (ru, en) = (Lang::parse("ru").unwrap(), Lang::parse("en").unwrap());
    if let Ok(units) = read(data, &ru, &en) {
        assert!(units.iter().all(|u| u.src.len() + u.tgt.len() <= data.len() * 4));
    }
});
