//! Documents of other shapes than two whole translations of each other: one side cut to a
//! part of itself (its first 40%, its middle half, at link boundaries) aligned against the
//! whole of the other; the links stay inside the part and the rest is left unaligned.

use crate::sentence_file::{lines, sentences};
use crate::workdir::{corpus, gold_names, run, shared, Workdir};
use bitext::align::{align_langs, AlignOptions, Lexicon};
use bitext::eval::{parse_links, GoldLink};
use bitext::Sentence;

/// The gold links whose source sentences lie in the share `lo..hi` of the source side (cut at
/// link boundaries), with the source range they cover.
fn part(gold: &[GoldLink], n: usize, lo: f64, hi: f64) -> (Vec<GoldLink>, std::ops::Range<usize>) {
    let kept: Vec<GoldLink> = gold
        .iter()
        .filter(|(s, _)| {
            !s.is_empty()
                && s[0] as f64 >= lo * n as f64
                && (*s.last().unwrap() as f64) < hi * n as f64
        })
        .cloned()
        .collect();
    let first = kept.iter().map(|l| l.0[0]).min().unwrap_or(0);
    let last = kept.iter().map(|l| *l.0.last().unwrap()).max().unwrap_or(0);
    (kept, first..last + 1)
}

#[test]
fn a_part_of_a_document_aligns_inside_its_part_of_the_whole() {
    let dir = shared().join("eval/align/ntrex-ruen/hard");
    if !dir.exists() {
        eprintln!("skipped: {} is missing", dir.display());
        return;
    }
    for (lo, hi) in [(0.0, 0.4), (0.25, 0.75)] {
        let (mut right, mut links, mut gold_pairs, mut outside) = (0, 0, 0, 0);
        for name in gold_names(&dir).iter().take(60) {
            let ru = lines(&dir.join(format!("{name}.ru")));
            let en = lines(&dir.join(format!("{name}.en")));
            let gold =
                parse_links(&std::fs::read_to_string(dir.join(format!("{name}.gold"))).unwrap())
                    .unwrap();
            let (kept, range) = part(&gold, ru.len(), lo, hi);
            if kept.len() < 3 {
                continue;
            }
            let src = sentences(&ru[range.clone()]);
            let a = align_langs(&src, &sentences(&en), "ru", "en", &AlignOptions::default());
            a.check(src.len(), en.len()).unwrap();
            let tgt_of_part: Vec<usize> = kept.iter().flat_map(|l| l.1.clone()).collect();
            let (tmin, tmax) = (
                tgt_of_part.iter().min().copied().unwrap_or(0),
                tgt_of_part.iter().max().copied().unwrap_or(0),
            );
            let shifted: Vec<GoldLink> = kept
                .iter()
                .filter(|l| !l.1.is_empty())
                .map(|(s, t)| (s.iter().map(|i| i - range.start).collect(), t.clone()))
                .collect();
            gold_pairs += shifted.len();
            for l in a.links.iter().filter(|l| l.is_pair()) {
                links += 1;
                let link: GoldLink = (l.src.clone().collect(), l.tgt.clone().collect());
                right += shifted.contains(&link) as usize;
                // Two sentences of slack either side of the targets of the part.
                if l.tgt.start + 2 < tmin || l.tgt.end > tmax + 3 {
                    outside += 1;
                }
            }
        }
        let (p, r) = (
            right as f64 / links as f64,
            right as f64 / gold_pairs as f64,
        );
        let f1 = 2.0 * p * r / (p + r);
        eprintln!(
            "part {lo}..{hi}: strict F1 of pairs {f1:.3}, {outside} of {links} links outside"
        );
        assert!(f1 >= 0.93, "part {lo}..{hi}: strict F1 {f1:.3}");
        assert!(
            outside * 30 <= links,
            "part {lo}..{hi}: {outside} of {links} links fall outside the part"
        );
    }
}

/// Every cut of each bundled document (a run of 3 to 25 of its links, starting at every third
/// link and opening and closing on translated sentences) aligned against the whole of the
/// other side: a link that reaches beyond the translation of the part by more than one
/// sentence (to text that is not also found inside it, as a repeated title is) is counted.
#[test]
fn any_cut_of_a_bundled_document_links_inside_its_part() {
    let dir = corpus("gold");
    let (mut links, mut outside, mut cuts) = (0, 0, 0);
    let mut worst = Vec::new();
    for name in gold_names(&dir) {
        let ru = lines(&dir.join(format!("{name}.ru.sents")));
        let en = lines(&dir.join(format!("{name}.en.sents")));
        let gold = parse_links(&std::fs::read_to_string(dir.join(format!("{name}.gold"))).unwrap())
            .unwrap();
        for cut_ru in [true, false] {
            let (part, whole) = if cut_ru { (&ru, &en) } else { (&en, &ru) };
            let side = |l: &GoldLink| if cut_ru { l.0.clone() } else { l.1.clone() };
            let other = |l: &GoldLink| if cut_ru { l.1.clone() } else { l.0.clone() };
            let mine: Vec<&GoldLink> = gold.iter().filter(|l| !side(l).is_empty()).collect();
            let rest = sentences(whole);
            let opts = AlignOptions::default();
            for len in [3, 6, 10, 16, 25] {
                for start in (0..mine.len()).step_by(3) {
                    let kept = &mine[start..(start + len).min(mine.len())];
                    let (Some(a), Some(b)) = (kept.first(), kept.last()) else {
                        continue;
                    };
                    if kept.len() < 2 || other(a).is_empty() || other(b).is_empty() {
                        continue;
                    }
                    let range = side(a)[0]..*side(b).last().unwrap() + 1;
                    let targets: Vec<usize> = kept.iter().flat_map(|l| other(l)).collect();
                    let lo = targets.iter().min().unwrap().saturating_sub(1);
                    let hi = targets.iter().max().unwrap() + 1;
                    let inside: Vec<&str> = whole[lo..=hi.min(whole.len() - 1)]
                        .iter()
                        .map(|t| t.trim())
                        .collect();
                    let piece = sentences(&part[range]);
                    let a = if cut_ru {
                        align_langs(&piece, &rest, "ru", "en", &opts)
                    } else {
                        align_langs(&rest, &piece, "ru", "en", &opts)
                    };
                    cuts += 1;
                    for l in a.links.iter().filter(|l| l.is_pair()) {
                        links += 1;
                        let reach = if cut_ru { l.tgt.clone() } else { l.src.clone() };
                        let stray = reach
                            .clone()
                            .any(|x| (x < lo || x > hi) && !inside.contains(&whole[x].trim()));
                        if stray {
                            outside += 1;
                            worst.push(format!(
                                "{name} {} cut at link {start}+{len}: {reach:?}",
                                if cut_ru { "ru" } else { "en" }
                            ));
                        }
                    }
                }
            }
        }
    }
    eprintln!("{cuts} cuts: {outside} of {links} links outside the part");
    assert!(cuts > 1000, "{cuts} cuts");
    assert!(
        outside * 500 <= links,
        "{outside} of {links} links outside the part, among them: {:?}",
        &worst[..worst.len().min(10)]
    );
}

#[test]
fn align_warns_when_the_source_covers_only_part_of_the_target() {
    let dir = shared().join("eval/align/ntrex-ruen/hard");
    if !dir.exists() {
        eprintln!("skipped: {} is missing", dir.display());
        return;
    }
    let name = &gold_names(&dir)[5];
    let ru = lines(&dir.join(format!("{name}.ru")));
    let en = lines(&dir.join(format!("{name}.en")));
    let wd = Workdir::new();
    let part = wd.write("part.ru", ru[..ru.len() / 3].join("\n") + "\n");
    let whole = wd.write("whole.en", en.join("\n") + "\n");
    let (code, _, err) = run(wd
        .bitext()
        .args(["align", "--presegmented"])
        .arg(&part)
        .arg(&whole)
        .args(["-o", "out.csv"]));
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("the source covers about") && err.contains(&format!("of {}", en.len())),
        "no coverage warning: {err}"
    );
    // Whole documents draw no such warning.
    let full = wd.write("full.ru", ru.join("\n") + "\n");
    let (_, _, err) = run(wd
        .bitext()
        .args(["align", "--presegmented"])
        .arg(&full)
        .arg(&whole)
        .args(["-o", "out2.csv"]));
    assert!(!err.contains("covers about"), "{err}");
}

#[test]
fn a_lexicon_learned_over_the_corpus_pairs_words_and_keeps_alignments() {
    let dir = shared().join("eval/align/ntrex-ruen/hard");
    if !dir.exists() {
        eprintln!("skipped: {} is missing", dir.display());
        return;
    }
    let docs: Vec<(Vec<Sentence>, Vec<Sentence>, Vec<GoldLink>)> = gold_names(&dir)
        .iter()
        .map(|name| {
            let gold = std::fs::read_to_string(dir.join(format!("{name}.gold"))).unwrap();
            (
                sentences(&lines(&dir.join(format!("{name}.ru")))),
                sentences(&lines(&dir.join(format!("{name}.en")))),
                parse_links(&gold).unwrap(),
            )
        })
        .collect();
    let pairs: Vec<_> = docs
        .iter()
        .map(|(s, t, _)| (s.clone(), t.clone()))
        .collect();
    let plain = AlignOptions::default();
    let lex = bitext::align::lexicon::learn_corpus(&pairs, "ru", "en", &plain);
    // Words of the news that recur across documents pair up with their translations.
    let ru = bitext::align::lexicon::stemmer("ru");
    let en = bitext::align::lexicon::stemmer("en");
    let stem = |w: &str, s: &Option<rust_stemmers::Stemmer>| {
        bitext::align::lexicon::stems(w, s.as_ref())[0].clone()
    };
    assert!(
        lex.pairs
            .contains_key(&(stem("правительство", &ru), stem("government", &en))),
        "{} pairs, no правительство/government",
        lex.pairs.len()
    );
    let with = AlignOptions {
        lexicon: Some(Lexicon::parse(&lex.to_tsv()).unwrap()),
        ..AlignOptions::default()
    };
    let run = |o: &AlignOptions| -> f64 {
        let results: Vec<_> = docs
            .iter()
            .map(|(s, t, g)| (align_langs(s, t, "ru", "en", o), g.clone()))
            .collect();
        crate::measure::strict_f1(&results)
    };
    let (without, learned) = (run(&plain), run(&with));
    eprintln!(
        "strict F1 without a corpus lexicon {without:.3}, with {learned:.3} ({} pairs)",
        lex.pairs.len()
    );
    assert!(
        learned >= without - 0.002,
        "corpus lexicon lowers F1: {without:.3} → {learned:.3}"
    );
}

#[test]
fn align_takes_a_saved_lexicon_and_names_a_bad_one() {
    let wd = Workdir::new();
    let ru = wd.write("a.ru", "Переговоры шли долго.\nПогода была ясной.\n");
    let en = wd.write("a.en", "Talks went on long.\nThe weather was clear.\n");
    let lex = wd.write("good.tsv", "переговор\ttalk\t0.9\n");
    let (code, out, err) = run(wd
        .bitext()
        .args(["align", "--presegmented", "--lexicon"])
        .arg(&lex)
        .arg(&ru)
        .arg(&en));
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().next(), Some("[0]:[0]"), "{out}");
    let bad = wd.write("bad.tsv", "переговор\ttalk\t0.9\nno columns here\n");
    let (code, _, err) = run(wd
        .bitext()
        .args(["align", "--presegmented", "--lexicon"])
        .arg(&bad)
        .arg(&ru)
        .arg(&en));
    assert_eq!(code, 2);
    assert!(err.contains("bad.tsv") && err.contains("line 2"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
}
