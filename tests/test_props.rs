//! Property tests: whatever the input, links tile both sides, memories and review tables
//! give back what was written, and splitting loses no character.

use proptest::prelude::*;

use bitext::align::{align, AlignOptions};
use bitext::segment::split_text;
use bitext::tm::{is_forbidden_xml_char, read_units, Format, Sink, Unit, WriteSettings};
use bitext::{Lang, Sentence};

/// Sentence-like text from Cyrillic, Latin, digits, punctuation and the odd control character.
fn text() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[а-яА-ЯёЁa-zA-Z0-9 ,.;:!?«»“”\"'&<>()—–%$€\\-]{1,60}").unwrap()
}

fn wild_text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => text(),
        1 => proptest::string::string_regex("[\\x01-\\x1f\u{fffe}\u{ffff}a-я<&>🚀\u{200f}]{1,30}").unwrap(),
    ]
    .prop_filter("a side must hold text", |s: &String| !s.trim().is_empty())
}

fn sentences() -> impl Strategy<Value = Vec<Sentence>> {
    proptest::collection::vec((text(), 0usize..3, any::<bool>()), 0..40).prop_map(|v| {
        let mut paragraph = 0;
        v.into_iter()
            .map(|(text, step, noise)| {
                paragraph += step / 2;
                Sentence {
                    text,
                    paragraph,
                    noise: noise && step == 0,
                }
            })
            .collect()
    })
}

fn langs() -> (Lang, Lang) {
    (Lang::parse("ru").unwrap(), Lang::parse("en").unwrap())
}

fn write(
    path: &std::path::Path,
    format: Format,
    units: &[Unit],
    dedupe: bool,
) -> bitext::tm::WriteTally {
    let (s, t) = langs();
    let settings = WriteSettings {
        dedupe,
        ..WriteSettings::default()
    };
    let mut sink = Sink::create(path, format, &s, &t, &settings).unwrap();
    for u in units {
        sink.write_unit(u).unwrap();
    }
    sink.finish().unwrap()
}

fn unit((src, tgt, score): (String, String, u16)) -> Unit {
    Unit {
        document: "doc".into(),
        link: "1-1".into(),
        src_index: "0".into(),
        tgt_index: "0".into(),
        score: score as f32 / 1000.0,
        src,
        tgt,
        status: String::new(),
        review: String::new(),
        tmx: None,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn links_tile_both_sides(src in sentences(), tgt in sentences()) {
        let a = align(&src, &tgt, &AlignOptions::default());
        prop_assert!(a.check(src.len(), tgt.len()).is_ok(), "{:?}", a.check(src.len(), tgt.len()));
        prop_assert!(a.links.iter().all(|l| (0.0..=1.0).contains(&l.score)));
    }

    #[test]
    fn tmx_gives_back_every_unit_without_forbidden_characters(
        rows in proptest::collection::vec((wild_text(), wild_text(), 0u16..=1000), 1..20)
    ) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.tmx");
        let units: Vec<Unit> = rows.into_iter().map(unit).collect();
        let report = write(&path, Format::Tmx, &units, false);
        let clean = |s: &str| s.chars().filter(|&c| !is_forbidden_xml_char(c)).collect::<String>();
        let expected: Vec<(String, String)> = units.iter().map(|u| (clean(&u.src), clean(&u.tgt))).collect();
        let removed: usize = units.iter().map(|u| u.src.chars().chain(u.tgt.chars()).filter(|&c| is_forbidden_xml_char(c)).count()).sum();
        prop_assert_eq!(report.removed_chars, removed);
        let (s, t) = langs();
        let back: Vec<(String, String)> = read_units(&path, &s, &t).unwrap().into_iter().map(|u| (u.src, u.tgt)).collect();
        // Units that became empty on one side cannot be translation units.
        let expected: Vec<(String, String)> = expected.into_iter().filter(|(a, b)| !a.trim().is_empty() && !b.trim().is_empty()).collect();
        prop_assert_eq!(back, expected);
    }

    #[test]
    fn csv_gives_back_every_row(rows in proptest::collection::vec((text(), text(), 0u16..=1000), 1..20)) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.csv");
        let units: Vec<Unit> = rows.into_iter().map(unit).collect();
        write(&path, Format::Csv, &units, false);
        let (s, t) = langs();
        prop_assert_eq!(read_units(&path, &s, &t).unwrap(), units);
    }

    #[test]
    fn splitting_keeps_every_character_in_order(
        paragraphs in proptest::collection::vec(proptest::collection::vec(text(), 1..6), 1..5),
        lang in prop_oneof![Just("ru"), Just("en")]
    ) {
        let doc: String = paragraphs.iter().map(|p| p.join(" ")).collect::<Vec<_>>().join("\n\n");
        let sentences = split_text(&doc, &Lang::parse(lang).unwrap());
        let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        prop_assert_eq!(squash(&sentences.concat()), squash(&doc));
        prop_assert!(sentences.iter().all(|s| !s.trim().is_empty()));
    }
}
