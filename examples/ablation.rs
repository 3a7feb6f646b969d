//! What each kind of evidence brings: strict / lax F1 on the shared alignment sets with sentence
//! lengths only, then adding anchors (numbers, names, cognates, punctuation), stems (the lexicon
//! each document learns), a lexicon learned over the whole set, and a dictionary.
//!
//! Usage: cargo run --release --example ablation -- EVAL_DIR [DICT]
//! (DICT defaults to /usr/share/dictd/mueller7.index, used for the Russian–English sets).

use std::path::{Path, PathBuf};

use bitext::align::{align_langs, lexicon::learn_corpus, AlignOptions, Dictionary};
use bitext::eval::{parse_links, Counts};
use bitext::{Lang, Sentence};

/// The documents of a set: source and target sentences and the gold links.
type Doc = (Vec<Sentence>, Vec<Sentence>, String);

fn sentences(path: &Path) -> Vec<Sentence> {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|t| Sentence {
            text: t.to_string(),
            paragraph: 0,
            noise: false,
        })
        .collect()
}

fn load(dir: &Path, src: &str, tgt: &str) -> Vec<Doc> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| {
            let name = e.ok()?.file_name().into_string().ok()?;
            name.strip_suffix(".gold").map(str::to_string)
        })
        .collect();
    names.sort();
    names
        .iter()
        .map(|n| {
            (
                sentences(&dir.join(format!("{n}.{src}"))),
                sentences(&dir.join(format!("{n}.{tgt}"))),
                std::fs::read_to_string(dir.join(format!("{n}.gold"))).unwrap(),
            )
        })
        .collect()
}

fn score(docs: &[Doc], src: &str, tgt: &str, opts: &AlignOptions) -> String {
    let mut counts = Counts::default();
    for (s, t, gold) in docs {
        let a = align_langs(s, t, src, tgt, opts);
        let test = parse_links(&bitext::eval::format_links(&a)).unwrap();
        counts.add(&parse_links(gold).unwrap(), &test);
    }
    let f = counts.scores();
    format!("{:.3} / {:.3}", f.f1_strict, f.f1_lax)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let eval = PathBuf::from(args.next().unwrap_or_else(|| "../shared/eval".into()));
    let dict = PathBuf::from(
        args.next()
            .unwrap_or_else(|| "/usr/share/dictd/mueller7.index".into()),
    );
    println!("| evidence | textberg-dev | ntrex-ruen/sent | ntrex-ruen/hard |");
    println!("|---|---|---|---|");
    let sets: Vec<(&str, &str, &str, Vec<Doc>)> = [
        ("textberg-dev", "de", "fr"),
        ("ntrex-ruen/sent", "ru", "en"),
        ("ntrex-ruen/hard", "ru", "en"),
    ]
    .into_iter()
    .map(|(d, s, t)| (d, s, t, load(&eval.join("align").join(d), s, t)))
    .collect();
    let length = AlignOptions {
        anchors: false,
        learn: false,
        ..AlignOptions::default()
    };
    let anchors = AlignOptions {
        learn: false,
        ..AlignOptions::default()
    };
    let stems = AlignOptions::default();
    let row = |label: &str, cell: &dyn Fn(&str, &str, &[Doc]) -> String| {
        let cells: Vec<String> = sets.iter().map(|(_, s, t, d)| cell(s, t, d)).collect();
        println!("| {label} | {} |", cells.join(" | "));
    };
    row("sentence lengths only", &|s, t, d| score(d, s, t, &length));
    row("+ numbers, names, cognates, punctuation", &|s, t, d| {
        score(d, s, t, &anchors)
    });
    row(
        "+ stems (lexicon learned from each document)",
        &|s, t, d| score(d, s, t, &stems),
    );
    let corpus = |s: &str, t: &str, d: &[Doc]| -> AlignOptions {
        let pairs: Vec<_> = d.iter().map(|(a, b, _)| (a.clone(), b.clone())).collect();
        AlignOptions {
            lexicon: Some(learn_corpus(&pairs, s, t, &stems)),
            ..AlignOptions::default()
        }
    };
    row(
        "+ lexicon learned over the set (`batch --learn-lexicon`)",
        &|s, t, d| score(d, s, t, &corpus(s, t, d)),
    );
    row(&format!("+ dictionary ({})", dict.display()), &|s, t, d| {
        if s != "ru" || !dict.exists() {
            return "–".to_string();
        }
        let (sl, tl) = (Lang::parse(s).unwrap(), Lang::parse(t).unwrap());
        let opts = AlignOptions {
            dict: Some(Dictionary::load(&dict, &sl, &tl).unwrap()),
            ..corpus(s, t, d)
        };
        score(d, s, t, &opts)
    });
}
