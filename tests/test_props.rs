//! Property tests: whatever the input, links tile both sides, a cut of a document aligned
//! against the whole links inside the part, memories and review tables give back what was
//! written, and splitting loses no character.

use proptest::prelude::*;

use bitext::align::{align, AlignOptions};
use bitext::segment::split_text;
use bitext::tm::review::{LinkKind, Review, Status};
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

/// A document and its translation: each sentence pair holds words of the same lengths
/// (random Cyrillic letters on one side, random Latin ones on the other, so no word is a
/// cognate of another) and a number that no other pair holds (a figure, a year).
fn translation() -> impl Strategy<Value = Vec<(String, String)>> {
    let word = |alphabet: &[char], len: usize, seed: u64| -> String {
        (0..len)
            .map(|k| alphabet[(seed >> (5 * k) & 31) as usize % alphabet.len()])
            .collect()
    };
    let pair = proptest::collection::vec((3usize..10, any::<u64>(), any::<u64>()), 3..14);
    proptest::collection::vec(pair, 4..40).prop_map(move |pairs| {
        let cyrillic: Vec<char> = ('а'..='я').collect();
        let latin: Vec<char> = ('a'..='z').collect();
        pairs
            .into_iter()
            .enumerate()
            .map(|(k, words)| {
                let number = (1000 + 37 * k).to_string();
                let side = |alphabet: &[char], pick: fn(&(usize, u64, u64)) -> u64| {
                    let mut w: Vec<String> =
                        words.iter().map(|p| word(alphabet, p.0, pick(p))).collect();
                    w.insert(w.len() / 2, number.clone());
                    format!("{}.", w.join(" "))
                };
                (side(&cyrillic, |p| p.1), side(&latin, |p| p.2))
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
        link: LinkKind::parse("1-1"),
        src_index: Some(0..1),
        tgt_index: Some(0..1),
        score: Some(score as f32 / 1000.0),
        src,
        tgt,
        status: Status::Open,
        review: Review::Unchecked,
        suggest: None,
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
    fn any_cut_of_a_document_links_inside_its_part(
        (doc, start, len, cut_ru) in translation().prop_flat_map(|doc| {
            let n = doc.len();
            (Just(doc), 0..n - 1, any::<bool>()).prop_flat_map(move |(doc, start, cut_ru)| {
                (Just(doc), Just(start), 2..=n - start, Just(cut_ru))
            })
        })
    ) {
        let side = |ru: bool| -> Vec<Sentence> {
            doc.iter()
                .map(|(r, e)| Sentence { text: if ru { r.clone() } else { e.clone() }, paragraph: 0, noise: false })
                .collect()
        };
        let (whole_ru, whole_en) = (side(true), side(false));
        let part = |whole: &[Sentence]| whole[start..start + len].to_vec();
        let (src, tgt) = if cut_ru { (part(&whole_ru), whole_en) } else { (whole_ru, part(&whole_en)) };
        let (s, t) = langs();
        let a = bitext::align::align_langs(&src, &tgt, s.as_str(), t.as_str(), &AlignOptions::default());
        prop_assert!(a.check(src.len(), tgt.len()).is_ok());
        for l in a.links.iter().filter(|l| l.is_pair()) {
            let reach = if cut_ru { l.tgt.clone() } else { l.src.clone() };
            prop_assert!(
                reach.start >= start && reach.end <= start + len,
                "sentences {start}..{} cut from {} on the {} side: link {:?} -> {:?}",
                start + len, doc.len(), if cut_ru { "Russian" } else { "English" }, l.src, l.tgt
            );
        }
    }

    #[test]
    fn tmx_gives_back_every_unit_without_forbidden_characters(
        rows in proptest::collection::vec((wild_text(), wild_text(), 0u16..=1000), 1..20)
    ) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.tmx");
        let units: Vec<Unit> = rows.into_iter().map(unit).collect();
        let report = write(&path, Format::Tmx, &units, false);
        let clean = |s: &str| bitext::tm::clean_text(s).0;
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
