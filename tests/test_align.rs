//! The aligner on external gold sets, the tiling guarantee, and `bitext eval`.

use std::path::Path;

use bitext::align::{align, AlignOptions, Alignment, Link};
use bitext::eval::{parse_links, Counts};
use bitext::Sentence;

use crate::workdir::{corpus, gold_names, run, shared, shared_or_skip, Workdir};

use crate::measure::{self, Random};
use crate::sentence_file::sentence_file as sentences;

/// Aligns every document of an eval folder and returns the strict F1 (`None`: no material).
fn strict_f1(dir: &str, src: &str, tgt: &str) -> Option<f64> {
    strict_f1_with(dir, src, tgt, &AlignOptions::default(), "", "")
}

/// The strict F1 of an eval folder aligned with these options, and these languages' stems.
fn strict_f1_with(
    dir: &str,
    src: &str,
    tgt: &str,
    opts: &AlignOptions,
    src_lang: &str,
    tgt_lang: &str,
) -> Option<f64> {
    let dir = shared_or_skip(&format!("eval/align/{dir}"))?;
    let mut results = Vec::new();
    for n in gold_names(&dir) {
        let s = sentences(&dir.join(format!("{n}.{src}")));
        let t = sentences(&dir.join(format!("{n}.{tgt}")));
        let a = bitext::align::align_langs(&s, &t, src_lang, tgt_lang, opts);
        a.check(s.len(), t.len()).unwrap();
        let gold =
            parse_links(&std::fs::read_to_string(dir.join(format!("{n}.gold"))).unwrap()).unwrap();
        results.push((a, gold));
    }
    Some(measure::strict_f1(&results))
}

/// A dictionary never makes alignment worse: with Mueller's English–Russian dictionary as
/// Debian installs it (`apt install mueller7-dict`), strict F1 on every shared set is at least
/// the figure without it.
#[test]
fn a_dictionary_never_makes_alignment_worse() {
    let path = Path::new("/usr/share/dictd/mueller7.index");
    if !path.exists() {
        crate::workdir::skip(
            "/usr/share/dictd/mueller7.index is missing (apt install mueller7-dict)",
        );
        return;
    }
    for (dir, src, tgt) in [
        ("textberg-dev", "de", "fr"),
        ("ntrex-ruen/sent", "ru", "en"),
        ("ntrex-ruen/hard", "ru", "en"),
    ] {
        let dict = bitext::align::Dictionary::load(
            path,
            &bitext::Lang::parse(src).unwrap(),
            &bitext::Lang::parse(tgt).unwrap(),
        )
        .unwrap();
        let with = AlignOptions {
            dict: Some(dict),
            ..AlignOptions::default()
        };
        let Some(plain) = strict_f1_with(dir, src, tgt, &AlignOptions::default(), src, tgt) else {
            return;
        };
        let helped = strict_f1_with(dir, src, tgt, &with, src, tgt).unwrap();
        assert!(
            helped >= plain,
            "{dir}: strict F1 {plain:.4} without the dictionary, {helped:.4} with it"
        );
        eprintln!("{dir}: strict F1 {plain:.4} without the dictionary, {helped:.4} with it");
    }
}

#[test]
fn textberg_dev_beats_hunalign() {
    let opts = AlignOptions::default();
    let Some(f1) = strict_f1_with("textberg-dev", "de", "fr", &opts, "de", "fr") else {
        return;
    };
    assert!(f1 >= 0.88, "strict F1 {f1:.3} (hunalign: 0.659)");
}

/// Text split inside a sentence (at a colon or semicolon, or a line that opens with a small
/// letter) keeps its pieces in one link: on the Text+Berg yearbook, at most two pieces in a
/// hundred is left unaligned while the sentence it continues is linked (where the lengths
/// say the translator dropped it).
#[test]
fn pieces_of_a_sentence_are_not_left_out_alone() {
    let Some(dir) = shared_or_skip("eval/align/textberg-dev") else {
        return;
    };
    for n in gold_names(&dir) {
        let s = sentences(&dir.join(format!("{n}.de")));
        let t = sentences(&dir.join(format!("{n}.fr")));
        let a = bitext::align::align_langs(&s, &t, "de", "fr", &AlignOptions::default());
        let (mut pieces, mut alone) = (0, Vec::new());
        for (side, sents) in [(0, &s), (1, &t)] {
            let unaligned = |k: usize| {
                a.links.iter().any(|l| {
                    let (mine, other) = if side == 0 {
                        (&l.src, &l.tgt)
                    } else {
                        (&l.tgt, &l.src)
                    };
                    other.is_empty() && mine.contains(&k)
                })
            };
            for k in 1..sents.len() {
                if !bitext::align::continues(&sents[k - 1].text, &sents[k].text) {
                    continue;
                }
                pieces += 1;
                if unaligned(k) && !unaligned(k - 1) {
                    alone.push(sents[k].text.clone());
                }
            }
        }
        assert!(pieces > 50, "{n}: only {pieces} pieces of sentences seen");
        assert!(
            alone.len() * 50 <= pieces,
            "{n}: {} of {pieces} pieces left out alone: {alone:?}",
            alone.len()
        );
    }
}

/// A literary translation recasts sentences freely: links of two sentences to three, one to
/// four, three to three are found whole, as the gold has them, and are not cut into 2-2 plus
/// an unaligned sentence.
#[test]
fn sentences_recast_as_another_number_are_linked_whole() {
    let Some(dir) = shared_or_skip("eval/align/textberg-dev") else {
        return;
    };
    let (mut found, mut right) = (0, 0);
    for n in gold_names(&dir) {
        let s = sentences(&dir.join(format!("{n}.de")));
        let t = sentences(&dir.join(format!("{n}.fr")));
        let a = bitext::align::align_langs(&s, &t, "de", "fr", &AlignOptions::default());
        let gold =
            parse_links(&std::fs::read_to_string(dir.join(format!("{n}.gold"))).unwrap()).unwrap();
        for l in a.links.iter().filter(|l| l.src.len() + l.tgt.len() > 4) {
            found += 1;
            let ids = (
                l.src.clone().collect::<Vec<_>>(),
                l.tgt.clone().collect::<Vec<_>>(),
            );
            right += gold.iter().any(|g| g.0 == ids.0 && g.1 == ids.1) as usize;
        }
    }
    assert!(right >= 5, "{right} of {found} large links are in the gold");
    assert!(
        right * 2 >= found,
        "{right} of {found} large links are in the gold"
    );
}

#[test]
fn ntrex_hard_beats_hunalign() {
    let Some(f1) = strict_f1("ntrex-ruen/hard", "ru", "en") else {
        return;
    };
    assert!(f1 > 0.968, "strict F1 {f1:.3} (hunalign: 0.805)");
}

fn sent(text: &str) -> Sentence {
    Sentence {
        text: text.to_string(),
        paragraph: 0,
        noise: false,
    }
}

fn kinds(a: &Alignment) -> Vec<String> {
    a.links.iter().map(Link::kind).collect()
}

#[test]
fn each_link_type_is_found_where_the_text_calls_for_it() {
    let ru = [
        "Визит Абэ в Москву 29 апреля 2013 г. стал первым за десять лет.",
        "Премьер-министр прибыл во вторник.",
        "Он провёл переговоры с Путиным.",
        "Стороны обсудили проекты на 40 млрд долл.",
        "Эта фраза осталась без перевода и довольно длинная, чтобы её нельзя было приписать соседям по смыслу.",
        "Речь шла о газопроводе длиной 3200 км до Владивостока и о заводе СПГ, а также о японских инвестициях в медицину, сельское хозяйство и городское планирование.",
        "Итоги визита оказались успешными.",
    ];
    let en = [
        "Abe's visit to Moscow on 29 April 2013 was the first in ten years.",
        "The prime minister arrived on Tuesday and held talks with Putin.",
        "The sides discussed projects worth US$40 billion.",
        "They discussed a 3200 km gas pipeline to Vladivostok and an LNG plant.",
        "Japanese investment in medicine, agriculture and urban planning was also on the agenda.",
        "The visit turned out to be a success.",
    ];
    let (s, t): (Vec<_>, Vec<_>) = (
        ru.iter().map(|x| sent(x)).collect(),
        en.iter().map(|x| sent(x)).collect(),
    );
    let a = align(&s, &t, &AlignOptions::default());
    a.check(s.len(), t.len()).unwrap();
    assert_eq!(kinds(&a), ["1-1", "2-1", "1-1", "1-0", "1-2", "1-1"]);
    let swapped = align(&t, &s, &AlignOptions::default());
    assert_eq!(kinds(&swapped), ["1-1", "1-2", "1-1", "0-1", "2-1", "1-1"]);
    assert!(a.links.iter().all(|l| (0.0..=1.0).contains(&l.score)));
    assert!(
        a.links[3].score > 0.0 && a.links[3].score < 1.0,
        "a sentence left unaligned gets the chance that it has no counterpart: {}",
        a.links[3].score
    );
    assert!(
        a.links[0].score > 0.8,
        "a clear 1-1 with shared numbers and names scores high"
    );
}

#[test]
fn links_tile_both_sides_whatever_the_input() {
    let words = [
        "Путин",
        "газ",
        "2013",
        "Abe",
        "the",
        "и",
        "Moscow",
        "визит",
        "—",
        "40",
    ];
    for seed in 0..40u64 {
        let mut random = Random::new(seed);
        let mut next = || random.next();
        let (n, m) = (next() % 30, next() % 30);
        let mut side = |n: usize| -> Vec<Sentence> {
            (0..n)
                .map(|_| {
                    sent(
                        &(0..1 + next() % 12)
                            .map(|_| words[next() % words.len()])
                            .collect::<Vec<_>>()
                            .join(" "),
                    )
                })
                .collect()
        };
        let s = side(n);
        let t = side(m);
        let a = align(&s, &t, &AlignOptions::default());
        a.check(n, m)
            .unwrap_or_else(|e| panic!("seed {seed}: {}", e.cause));
    }
}

#[test]
fn long_documents_stay_in_a_band_and_still_tile() {
    let s: Vec<Sentence> = (0..3000)
        .map(|k| sent(&format!("Предложение номер {k} о визите в Москву.")))
        .collect();
    let t: Vec<Sentence> = (0..2900)
        .map(|k| sent(&format!("Sentence number {k} about the visit to Moscow.")))
        .collect();
    let a = align(&s, &t, &AlignOptions::default());
    a.check(3000, 2900).unwrap();
    let exact = a
        .links
        .iter()
        .filter(|l| l.kind() == "1-1" && l.src.start < 2900 && l.src.start == l.tgt.start)
        .count();
    assert!(
        exact > 2800,
        "numbered sentences align by their numbers: {exact}"
    );
}

#[test]
fn eval_command_matches_the_reference_scorer() {
    let w = Workdir::new();
    let Some(dir) = shared_or_skip("eval/align/ntrex-ruen/hard") else {
        return;
    };
    std::fs::create_dir(w.path("pred")).unwrap();
    for n in ["000", "001", "002", "003", "004"] {
        let (code, _, err) = run(w
            .bitext()
            .args(["align", "--presegmented", "-o"])
            .arg(w.path(&format!("pred/{n}.align")))
            .arg(dir.join(format!("{n}.ru")))
            .arg(dir.join(format!("{n}.en"))));
        assert_eq!(code, 0, "{err}");
    }
    let golds: Vec<_> = ["000", "001", "002", "003", "004"]
        .iter()
        .map(|n| dir.join(format!("{n}.gold")))
        .collect();
    let tests: Vec<_> = ["000", "001", "002", "003", "004"]
        .iter()
        .map(|n| w.path(&format!("pred/{n}.align")))
        .collect();
    let py = std::process::Command::new("python3")
        .arg(shared().join("eval/score_align.py"))
        .arg("--gold")
        .args(&golds)
        .arg("--test")
        .args(&tests)
        .output()
        .expect("python3");
    let reference: serde_json::Value = serde_json::from_slice(&py.stdout).unwrap();
    let mut counts = Counts::default();
    for (g, t) in golds.iter().zip(&tests) {
        counts.add(
            &bitext::eval::read_links(g).unwrap(),
            &bitext::eval::read_links(t).unwrap(),
        );
    }
    let ours = serde_json::to_value(counts.scores()).unwrap();
    for key in [
        "precision_strict",
        "recall_strict",
        "f1_strict",
        "precision_lax",
        "recall_lax",
        "f1_lax",
    ] {
        let (a, b) = (
            ours[key].as_f64().unwrap(),
            reference[key].as_f64().unwrap(),
        );
        assert!((a - b).abs() < 1e-9, "{key}: {a} vs {b}");
    }
    let (code, out, _) = run(w
        .bitext()
        .args(["eval", "--json", "--gold"])
        .arg(&golds[0])
        .arg("--test")
        .arg(&tests[0]));
    assert_eq!(code, 0);
    assert!(out.contains("f1_strict"));
}

/// A side of figures only (a table column saved as text) is aligned on numbers and lengths,
/// with a warning naming the side; a side with words gives none.
#[test]
fn a_side_without_words_warns_but_aligns() {
    let w = Workdir::new();
    w.write("figures.txt", "12,5\n\n13,7\n\n2014\n");
    w.write(
        "text.txt",
        "The rate was 12.5 percent.\n\nIt rose to 13.7.\n\nIn 2014 it fell.\n",
    );
    let (code, out, err) =
        run(w
            .bitext()
            .args(["align", "figures.txt", "text.txt", "--src-lang", "ru"]));
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("the source has no words, only numbers and marks"),
        "{err}"
    );
    assert!(!err.contains("the target has no words"), "{err}");
    let links = parse_links(&out).unwrap();
    assert_eq!(links.iter().map(|(s, _)| s.len()).sum::<usize>(), 3);
    w.write(
        "words.ru.txt",
        "Ставка была 12,5 процента.\n\nОна выросла до 13,7.\n\nВ 2014 году она упала.\n",
    );
    let (code, _, err) = run(w.bitext().args(["align", "words.ru.txt", "text.txt"]));
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("no words"), "{err}");
}

#[test]
fn same_language_and_far_apart_sizes_warn_but_align() {
    let w = Workdir::new();
    w.write("a.txt", "Первое. Второе. Третье.");
    w.write("b.txt", "Один. Два. Три.");
    let (code, out, err) = run(w.bitext().args(["align", "a.txt", "b.txt"]));
    assert_eq!(code, 0);
    assert!(
        err.contains("warning") && err.contains("same language"),
        "{err}"
    );
    assert_eq!(out.lines().count(), 3);
    let long: String = (0..40).map(|k| format!("Sentence {k} is here. ")).collect();
    w.write("long.txt", long);
    w.write("short.txt", "Одно предложение.");
    let (code, out, err) = run(w.bitext().args(["align", "short.txt", "long.txt"]));
    assert_eq!(code, 0);
    assert!(err.contains("sizes far apart"), "{err}");
    let links = parse_links(&out).unwrap();
    assert_eq!(
        links.iter().map(|(_, t)| t.len()).sum::<usize>(),
        40,
        "every target sentence appears once"
    );
}

#[test]
fn dictionary_pairs_count_as_evidence_and_bad_lines_are_named() {
    use bitext::align::anchors::{extract, matches};
    use bitext::align::Dictionary;
    use bitext::align::Side;
    let (ru, en) = (
        bitext::Lang::parse("ru").unwrap(),
        bitext::Lang::parse("en").unwrap(),
    );
    let dict = Dictionary::parse("summit @ встреча\nпереговоры\ttalks\n", &ru, &en).unwrap();
    let ru = extract(
        "Встреча и переговоры прошли спокойно.",
        Side::Source,
        Some(&dict),
    );
    let en = extract(
        "The summit and the talks went calmly.",
        Side::Target,
        Some(&dict),
    );
    assert_eq!(matches(&ru, &en).dict, 2.0);
    assert_eq!(
        matches(&extract("Встреча.", Side::Source, None), &en).dict,
        0.0
    );
    let w = Workdir::new();
    w.write("a.ru", "Встреча прошла.\nПереговоры шли долго.\n");
    w.write("a.en", "The summit took place.\nThe talks were long.\n");
    w.write("good.dic", "summit @ встреча\n");
    w.write("bad.dic", "summit @ встреча\nno separator here\n");
    let (code, out, err) = run(w.bitext().args([
        "align",
        "--presegmented",
        "--dict",
        "good.dic",
        "a.ru",
        "a.en",
    ]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "[0]:[0]\n[1]:[1]\n");
    let (code, _, err) = run(w.bitext().args([
        "align",
        "--presegmented",
        "--dict",
        "bad.dic",
        "a.ru",
        "a.en",
    ]));
    assert_eq!(code, 2);
    assert!(err.contains("bad.dic: line 2"), "{err}");
}

/// Writes a dictd dictionary (`NAME.index` and gzip-compressed `NAME.dict.dz`) of entries
/// laid out as Mueller's English–Russian dictionary lays them out.
fn write_dictd(w: &Workdir, name: &str, entries: &[(&str, &str)]) {
    use std::io::Write;
    let b64 = |mut n: usize| {
        let digits = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut out = Vec::new();
        loop {
            out.push(digits[n % 64]);
            n /= 64;
            if n == 0 {
                break;
            }
        }
        out.reverse();
        String::from_utf8(out).unwrap()
    };
    let (mut body, mut index) = (String::new(), String::new());
    for (head, text) in entries {
        let entry = format!("{head}\n{text}\n");
        index.push_str(&format!(
            "{head}\t{}\t{}\n",
            b64(body.len()),
            b64(entry.len())
        ));
        body.push_str(&entry);
    }
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(body.as_bytes()).unwrap();
    w.write(&format!("{name}.dict.dz"), gz.finish().unwrap());
    w.write(&format!("{name}.index"), index);
}

#[test]
fn dictd_dictionaries_are_read_as_installed_and_match_word_forms_through_stems() {
    use bitext::align::{Dictionary, Side};
    let w = Workdir::new();
    write_dictd(
        &w,
        "tiny",
        &[
            (
                "negotiation",
                "   [nɪˌgəuʃɪ'eɪʃn] _n.\n   1) (обыкн. _pl.) переговоры; to enter into negotiations вступить\n   в переговоры\n   2) обсуждение условий",
            ),
            ("summit", "   ['sʌmɪt] _n.\n   1) вершина, верх\n   2) _полит. встреча, совещание"),
        ],
    );
    let (ru, en) = (
        bitext::Lang::parse("ru").unwrap(),
        bitext::Lang::parse("en").unwrap(),
    );
    for file in ["tiny.index", "tiny.dict.dz"] {
        let d = Dictionary::load(&w.path(file), &ru, &en).unwrap();
        // переговоры, вершина, верх, встреча, совещание: single words of the other script;
        // the example phrase and "обсуждение условий" are not pairs.
        assert_eq!(d.len(), 5, "{file}");
        let talks = d.lookup("negotiations", Side::Target);
        assert!(!talks.is_empty() && talks == d.lookup("переговорах", Side::Source));
        let meeting = d.lookup("встречи", Side::Source);
        assert_eq!(meeting.len(), 1);
        assert!(d.lookup("Summit", Side::Target).contains(&meeting[0]));
        assert!(d.lookup("условий", Side::Source).is_empty());
    }
    // Through the command line: the dictionary counts as evidence.
    w.write("a.ru", "Встреча прошла.\nПереговоры шли долго.\n");
    w.write(
        "a.en",
        "The summit took place.\nThe negotiations were long.\n",
    );
    let (code, out, err) = run(w.bitext().args([
        "align",
        "--presegmented",
        "--dict",
        "tiny.index",
        "a.ru",
        "a.en",
    ]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "[0]:[0]\n[1]:[1]\n");
    // An index without its entries, or pointing past their end, is named with the problem.
    w.write("alone.index", "summit\tA\tB\n");
    let (code, _, err) = run(w
        .bitext()
        .args(["align", "--dict", "alone.index", "a.ru", "a.en"]));
    assert_eq!(code, 2);
    assert!(
        err.contains("alone.index") && err.contains("NAME.dict.dz"),
        "{err}"
    );
    w.write("tiny.index", "summit\tA\tZZZ\n");
    let (code, _, err) = run(w
        .bitext()
        .args(["align", "--dict", "tiny.index", "a.ru", "a.en"]));
    assert_eq!(code, 2);
    assert!(
        err.contains("tiny.index: line 1") && err.contains("beyond the end"),
        "{err}"
    );
}

#[test]
fn a_paragraph_moved_elsewhere_in_the_translation_is_named_in_a_warning() {
    let w = Workdir::new();
    let ru = corpus("pairs/abe-visit-2013.ru.txt");
    let en = std::fs::read_to_string(corpus("pairs/abe-visit-2013.en.txt")).unwrap();
    let mut paragraphs: Vec<&str> = en.split("\n\n").collect();
    let moved = paragraphs.remove(4);
    paragraphs.insert(paragraphs.len() - 1, moved);
    w.write("moved.en.txt", paragraphs.join("\n\n"));
    let (code, _, err) = run(w
        .bitext()
        .arg("align")
        .arg(&ru)
        .arg("moved.en.txt")
        .args(["-o", "r.csv", "--report", "r.html"]));
    assert_eq!(code, 0, "{err}");
    // The review page says on each unaligned row of the passage where its translation
    // seems to stand, and gives its editor the links to say it again after edits.
    let page = w.read("r.html");
    for hint in [
        "(unaligned; its translation seems to be target sentence 35)",
        "(unaligned; its translation seems to be target sentence 36)",
        "(unaligned; its translation seems to be source sentence 4)",
        "(unaligned; its translation seems to be source sentence 5)",
    ] {
        assert!(page.contains(hint), "{hint}");
    }
    assert!(page.contains("data-suggest=\"[[4,5,35,36],[5,6,36,37]]\""));
    let warning = err
        .lines()
        .find(|l| l.contains("a passage seems moved"))
        .unwrap_or_else(|| panic!("no warning: {err}"));
    assert!(
        warning.contains("source sentences 4–5 match target sentences 35–36"),
        "{warning}"
    );
    // The sentences it names are the unaligned rows of the review table.
    let review = w.read("r.csv");
    for (kind, src, tgt) in [
        ("1-0", "4", ""),
        ("1-0", "5", ""),
        ("0-1", "", "35"),
        ("0-1", "", "36"),
    ] {
        assert!(
            review
                .lines()
                .any(|l| l.contains(&format!(",{kind},{src},{tgt},"))),
            "{kind} {src} {tgt}"
        );
    }
    // The review table offers each link of the passage in its suggest column, on the
    // unaligned rows that keep their place: every sentence still appears once.
    let mut table = csv::Reader::from_reader(review.trim_start_matches('\u{feff}').as_bytes());
    let header = table.headers().unwrap().clone();
    assert_eq!(header.iter().next_back(), Some("suggest"));
    let mut rows: Vec<Vec<String>> = table
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (si, ti, sg, st) = (
        col("src_index"),
        col("tgt_index"),
        col("suggest"),
        col("status"),
    );
    let suggested: Vec<(String, String, String)> = rows
        .iter()
        .filter(|r| !r[sg].is_empty())
        .map(|r| (r[si].clone(), r[ti].clone(), r[sg].clone()))
        .collect();
    let pair = |a: &str, b: &str, c: &str| (a.to_string(), b.to_string(), c.to_string());
    assert_eq!(
        suggested,
        vec![
            pair("4", "", "35"),
            pair("5", "", "36"),
            pair("", "35", "4"),
            pair("", "36", "5")
        ]
    );
    // Converted as it is, the table gives the memory no unit of the passage; a reviewer who
    // accepts a suggestion (status ok on either side's row) gets the link as a unit.
    let texts = |i: usize| rows.iter().find(|r| r[si] == i.to_string()).unwrap()[col("ru")].clone();
    let (first, second) = (texts(4), texts(5));
    let (code, _, err) = run(w.bitext().args(["convert", "r.csv", "-o", "plain.tmx"]));
    assert_eq!(code, 0, "{err}");
    assert!(!w.read("plain.tmx").contains(&bitext::xml::escape(&first)));
    for r in rows.iter_mut() {
        if r[si] == "4" || r[ti] == "36" {
            r[st] = "ok".to_string();
        }
    }
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(&header).unwrap();
    for r in &rows {
        out.write_record(r).unwrap();
    }
    w.write("reviewed.csv", out.into_inner().unwrap());
    let (code, _, err) = run(w.bitext().args(["convert", "reviewed.csv", "-o", "m.tmx"]));
    assert_eq!(code, 0, "{err}");
    let memory = w.read("m.tmx");
    for text in [&first, &second] {
        let at = memory
            .find(&bitext::xml::escape(text))
            .unwrap_or_else(|| panic!("{text}"));
        let unit = &memory[memory[..at].rfind("</tu>").map_or(0, |i| i + 5)..];
        let unit = &unit[..unit.find("</tu>").unwrap()];
        assert!(unit.contains("x-reviewed\">accepted"), "{unit}");
    }
    // The bundled pairs, in order, raise no such warning.
    for base in gold_names(&corpus("gold")) {
        let src = corpus(&format!("pairs/{base}.ru.txt"));
        let tgt = corpus(&format!("pairs/{base}.en.txt"));
        if !src.exists() {
            continue;
        }
        let (code, _, err) = run(w
            .bitext()
            .arg("align")
            .arg(&src)
            .arg(&tgt)
            .args(["-o", "x.tmx"]));
        assert_eq!(code, 0, "{base}: {err}");
        assert!(!err.contains("moved"), "{base}: {err}");
    }
}
