//! The bundled corpus: its split sentences match the splitter, and the aligner meets its gold.

use bitext::eval::{read_links, Counts};
use bitext::pipeline::{sentences, PairOptions};
use bitext::Lang;

use crate::workdir::{corpus, gold_names};

fn names() -> Vec<String> {
    gold_names(&corpus("gold"))
}

#[test]
fn corpus_has_twelve_pairs_with_gold() {
    assert!(names().len() >= 12);
}

#[test]
fn splitter_output_still_matches_the_sentences_the_gold_refers_to() {
    let opts = PairOptions::default();
    for n in names() {
        for lang in ["ru", "en"] {
            let l = Lang::parse(lang).unwrap();
            let got: Vec<String> =
                sentences(&corpus(&format!("pairs/{n}.{lang}.txt")), &l, &opts, None)
                    .unwrap()
                    .into_iter()
                    .map(|s| s.text)
                    .collect();
            let want: Vec<String> =
                std::fs::read_to_string(corpus(&format!("gold/{n}.{lang}.sents")))
                    .unwrap()
                    .lines()
                    .map(str::to_string)
                    .collect();
            assert!(
                got == want,
                "{n}.{lang}: the splitter's output drifted from corpora/gold/{n}.{lang}.sents; review the gold \
                 alignment corpora/gold/{n}.gold against the new sentences, then update both"
            );
        }
    }
}

#[test]
fn aligner_meets_the_corpus_gold() {
    let opts = PairOptions::default();
    let (ru, en) = (Lang::parse("ru").unwrap(), Lang::parse("en").unwrap());
    let mut counts = Counts::default();
    for n in names() {
        let (src, tgt) = (
            corpus(&format!("pairs/{n}.ru.txt")),
            corpus(&format!("pairs/{n}.en.txt")),
        );
        let pair = bitext::pipeline::align_files(
            &n,
            bitext::sides::Sides::new(src.as_path(), tgt.as_path()),
            bitext::sides::Sides::new(&ru, &en),
            &opts,
        )
        .unwrap();
        pair.alignment
            .check(pair.src.len(), pair.tgt.len())
            .unwrap();
        let test = bitext::eval::parse_links(&bitext::eval::format_links(&pair.alignment)).unwrap();
        counts.add(
            &read_links(&corpus(&format!("gold/{n}.gold"))).unwrap(),
            &test,
        );
    }
    let f1 = counts.scores().f1_strict;
    assert!(f1 >= 0.9, "strict F1 on corpora/gold: {f1:.3}");
}

#[test]
fn chrome_lines_are_cut_like_prose_and_every_piece_stays_marked() {
    let en = Lang::parse("en").unwrap();
    let got = sentences(
        &corpus("pairs/apec-vladivostok-2012.en.txt"),
        &en,
        &PairOptions::default(),
        None,
    )
    .unwrap();
    // "Kostyrev Viktor. The APEC summit ... Печать E-mail": a title line with a print link.
    let i = got
        .iter()
        .position(|s| s.text == "Kostyrev Viktor.")
        .expect("the chrome line is cut after its first sentence");
    assert_eq!(
        got[i + 1].text,
        "The APEC summit in Vladivostok: results and prospects Печать E-mail"
    );
    assert!(got[i].noise && got[i + 1].noise);
}
