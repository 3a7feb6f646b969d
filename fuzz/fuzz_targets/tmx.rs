//! The TMX reader on arbitrary bytes: an error or units, never a panic or a hang.
#![no_main]

use std::path::Path;

use bitext::tm::tmx_reader::TmxUnits;
use bitext::Lang;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (ru, en) = (Lang::parse("ru").unwrap(), Lang::parse("en").unwrap());
    let units: Result<Vec<_>, _> = TmxUnits::new(data, Path::new("fuzz.tmx"), &ru, &en).collect();
    if let Ok(units) = units {
        assert!(units.iter().all(|u| u.src.len() + u.tgt.len() <= data.len() * 4));
    }
});
