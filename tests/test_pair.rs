//! Pairing two folders by content: shuffled names, documents without a partner, the
//! evaluation set renamed at random, batch on top of pairing, and bad input.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::workdir::{corpus, run, shared_or_skip, Workdir};

/// A name that tells nothing about the document (a hash of a seed and the original name).
fn opaque(seed: u64, name: &str) -> String {
    let mut h: u64 = 0xcbf29ce484222325 ^ seed.wrapping_mul(0x9e3779b97f4a7c15);
    for b in name.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    format!("{:012x}", h & 0xffff_ffff_ffff)
}

/// Names sorted by their opaque form: a shuffle that depends on the seed.
fn shuffled(seed: u64, names: &[String]) -> Vec<String> {
    let mut v = names.to_vec();
    v.sort_by_key(|n| opaque(seed, n));
    v
}

/// NAME of every NAME.ru.txt in a folder.
fn pair_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| {
            let f = e.unwrap().file_name().into_string().unwrap();
            f.strip_suffix(".ru.txt").map(str::to_string)
        })
        .collect();
    names.sort();
    names
}

/// Copies the pairs of `dir` into `ru/` and `en/` of the workdir under opaque names, leaving
/// out the English of the first `alone` shuffled names and the Russian of the next `alone`.
/// Returns the true pairs (ru path → en path, relative to the workdir).
fn build(w: &Workdir, dir: &Path, seed: u64, alone: usize) -> BTreeMap<String, String> {
    let names = shuffled(seed, &pair_names(dir));
    let mut truth = BTreeMap::new();
    for (i, name) in names.iter().enumerate() {
        let ru = format!("ru/{}.txt", opaque(seed, &format!("ru{name}")));
        let en = format!("en/{}.txt", opaque(seed, &format!("en{name}")));
        let has_en = i >= alone;
        let has_ru = !(alone..2 * alone).contains(&i);
        if has_ru {
            w.write(
                &ru,
                std::fs::read(dir.join(format!("{name}.ru.txt"))).unwrap(),
            );
        }
        if has_en {
            w.write(
                &en,
                std::fs::read(dir.join(format!("{name}.en.txt"))).unwrap(),
            );
        }
        if has_ru && has_en {
            truth.insert(ru, en);
        }
    }
    truth
}

/// The manifest's pairs (ru → en) and scores, checking the format on the way.
fn manifest(w: &Workdir, name: &str) -> Vec<(String, String, f32)> {
    w.read(name)
        .lines()
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 3, "{l}");
            (f[0].to_string(), f[1].to_string(), f[2].parse().unwrap())
        })
        .collect()
}

#[test]
fn shuffled_corpus_with_lone_documents_pairs_every_true_pair_and_no_false_one() {
    let dir = corpus("pairs");
    for seed in 1..=3 {
        let w = Workdir::new();
        // 12 articles: 2 Russian and 2 English ones lose their partner, a fifth of each side.
        let truth = build(&w, &dir, seed, 2);
        assert_eq!(truth.len(), 8);
        let (code, _, err) = run(w.bitext().args(["pair", "ru", "en", "-o", "m.tsv"]));
        assert_eq!(code, 0, "{err}");
        let pairs = manifest(&w, "m.tsv");
        let found: BTreeMap<String, String> = pairs
            .iter()
            .map(|(s, t, _)| (s.clone(), t.clone()))
            .collect();
        assert_eq!(found, truth, "seed {seed}");
        let scores: Vec<f32> = pairs.iter().map(|p| p.2).collect();
        assert!(
            scores.windows(2).all(|s| s[0] >= s[1]),
            "best first: {scores:?}"
        );
        let unpaired = w.read("m.unpaired.tsv");
        assert_eq!(
            unpaired.lines().filter(|l| l.starts_with("ru\t")).count(),
            2
        );
        assert_eq!(
            unpaired.lines().filter(|l| l.starts_with("en\t")).count(),
            2
        );
        assert!(err.contains("4 documents without a partner"), "{err}");
    }
}

#[test]
fn evaluation_documents_renamed_at_random_pair_right() {
    let Some(dir) = shared_or_skip("eval/align/ntrex-ruen/e2e") else {
        return;
    };
    let w = Workdir::new();
    let truth = build(&w, &dir, 7, 0);
    assert_eq!(truth.len(), 118);
    let (code, _, err) = run(w.bitext().args(["pair", "ru", "en", "-o", "m.tsv", "-q"]));
    assert_eq!(code, 0, "{err}");
    let pairs = manifest(&w, "m.tsv");
    let right = pairs.iter().filter(|(s, t, _)| truth[s] == *t).count();
    let wrong: Vec<_> = pairs.iter().filter(|(s, t, _)| truth[s] != *t).collect();
    assert!(
        right * 100 >= truth.len() * 99,
        "{right} of {} right",
        truth.len()
    );
    assert!(
        wrong.is_empty(),
        "false pairs above the threshold: {wrong:?}"
    );
}

#[test]
fn batch_pairs_by_content_then_aligns_with_the_pairing_score() {
    let w = Workdir::new();
    let truth = build(&w, &corpus("pairs"), 5, 1);
    let (code, out, err) = run(w.bitext().args([
        "batch",
        "ru",
        "en",
        "-o",
        "out",
        "--pair-by",
        "content",
        "--quiet",
    ]));
    assert_eq!(code, 0, "{err}\n{out}");
    assert!(err.contains("2 documents without a partner"), "{err}");
    let manifest = manifest(&w, "out/manifest.tsv");
    assert_eq!(manifest.len(), truth.len());
    let mut rows = csv::Reader::from_path(w.path("out/summary.csv")).unwrap();
    let header = rows.headers().unwrap().clone();
    let col = header.iter().position(|h| h == "pair_score").unwrap();
    let error = header.iter().position(|h| h == "error").unwrap();
    // Rows of aligned pairs; the two lone documents have rows of their own.
    let scores: Vec<f32> = rows
        .records()
        .map(|r| r.unwrap())
        .filter(|r| r[error].is_empty())
        .map(|r| r[col].parse().unwrap())
        .collect();
    assert_eq!(scores.len(), truth.len());
    assert!(
        scores.iter().all(|&s| s >= bitext::pair::THRESHOLD),
        "{scores:?}"
    );
    assert!(w.read("out/memory.tmx").matches("</tu>").count() > 300);
    // The manifest is bitext's own output: the next run replaces it.
    let (code, _, err) = run(w.bitext().args([
        "batch",
        "ru",
        "en",
        "-o",
        "out",
        "--pair-by",
        "content",
        "--quiet",
    ]));
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("kept"), "{err}");
    assert!(!w.path("out/manifest.new.tsv").exists());
}

#[test]
fn batch_by_name_leaves_the_pairing_score_empty() {
    let w = Workdir::new();
    let (code, _, err) = run(w
        .bitext()
        .arg("batch")
        .arg(corpus("pairs"))
        .args(["-o", "out", "--quiet"]));
    assert_eq!(code, 0, "{err}");
    let mut rows = csv::Reader::from_path(w.path("out/summary.csv")).unwrap();
    let col = rows
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "pair_score")
        .unwrap();
    assert!(rows.records().all(|r| r.unwrap()[col].is_empty()));
}

#[test]
fn manifest_score_column_must_be_a_number() {
    let w = Workdir::new();
    let ru = corpus("pairs").join("yamal-lng.ru.txt");
    let en = corpus("pairs").join("yamal-lng.en.txt");
    w.write(
        "m.tsv",
        format!("{}\t{}\thigh\n", ru.display(), en.display()),
    );
    let (code, _, err) = run(w.bitext().args(["batch", "m.tsv", "-o", "out"]));
    assert_eq!(code, 2);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("m.tsv") && err.contains("not a number"),
        "{err}"
    );
}

/// Runs `bitext pair` and expects a one-line error naming `what`.
fn refused(w: &Workdir, args: &[&str], what: &str) {
    let (code, _, err) = run(w.bitext().args(args));
    assert_eq!(code, 2, "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains(what), "{err}");
    assert!(!w.path("m.tsv").exists());
}

#[test]
fn bad_folders_give_one_line_errors() {
    let w = Workdir::new();
    std::fs::create_dir_all(w.path("empty")).unwrap();
    w.write(
        "ru/a.txt",
        std::fs::read(corpus("pairs").join("yamal-lng.ru.txt")).unwrap(),
    );
    w.write("en/logo.png", b"\x89PNG\r\n");
    refused(
        &w,
        &["pair", "empty", "ru", "-o", "m.tsv"],
        "empty: no documents here",
    );
    refused(
        &w,
        &["pair", "ru", "en", "-o", "m.tsv"],
        "en: no documents here",
    );
    refused(&w, &["pair", "ru", "ru/", "-o", "m.tsv"], "the same folder");
    refused(
        &w,
        &["pair", "ru", "missing", "-o", "m.tsv"],
        "missing: No such file",
    );
    refused(
        &w,
        &["pair", "ru", "ru/a.txt", "-o", "m.tsv"],
        "not a folder",
    );
    // An output folder that is a file.
    let pairs = corpus("pairs");
    refused(
        &w,
        &["batch", pairs.to_str().unwrap(), "-o", "ru/a.txt", "-q"],
        "ru/a.txt: a file, not a folder",
    );
}

#[test]
fn unreadable_documents_are_reported_and_skipped() {
    let w = Workdir::new();
    let truth = build(&w, &corpus("pairs"), 9, 0);
    w.write("ru/empty.txt", "");
    w.write("en/binary.txt", [0u8, 1, 2, 3, 0, 0, 7, 0].repeat(64));
    // One folder inside the other: the inner one is not read as part of the outer.
    std::fs::rename(w.path("en"), w.path("ru/en")).unwrap();
    let (code, _, err) = run(w.bitext().args(["pair", "ru", "ru/en", "-o", "m.tsv"]));
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("empty.txt") && err.contains("binary.txt"),
        "{err}"
    );
    let found: BTreeSet<String> = manifest(&w, "m.tsv").into_iter().map(|p| p.1).collect();
    let want: BTreeSet<String> = truth.values().map(|t| format!("ru/{t}")).collect();
    assert_eq!(found, want);
}

#[test]
fn pair_makes_the_folder_of_its_manifest() {
    let w = Workdir::new();
    build(&w, &corpus("pairs"), 3, 0);
    let (code, _, err) =
        run(w
            .bitext()
            .args(["pair", "ru", "en", "-o", "new/deeper/m.tsv", "--quiet"]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(manifest(&w, "new/deeper/m.tsv").len(), 12);
    assert!(w.path("new/deeper/m.unpaired.tsv").exists());
}

/// A file name that is not UTF-8 cannot be written into a manifest as it is: its pair is left
/// out with a warning naming it, never written under another name that names no file.
#[cfg(unix)]
#[test]
fn a_pair_whose_file_name_is_not_utf8_is_named_in_a_warning_not_mangled_in_the_manifest() {
    use std::os::unix::ffi::OsStrExt;
    let w = Workdir::new();
    let truth = build(&w, &corpus("pairs"), 5, 0);
    let (ru, _) = truth.iter().next().unwrap();
    let odd = w
        .path("ru")
        .join(std::ffi::OsStr::from_bytes(b"\xcf\xf0\xe8\xec\xe5\xf0.txt"));
    std::fs::rename(w.path(ru), &odd).unwrap();
    let (code, _, err) = run(w
        .bitext()
        .args(["pair", "ru", "en", "-o", "m.tsv", "--quiet"]));
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("1 pairs left out of m.tsv") && err.contains("not UTF-8"),
        "{err}"
    );
    let lines = manifest(&w, "m.tsv");
    assert_eq!(lines.len(), truth.len() - 1);
    assert!(lines
        .iter()
        .all(|(s, t, _)| w.path(s).exists() && w.path(t).exists()));
    assert!(!w.read("m.tsv").contains('\u{FFFD}'));
}

#[test]
fn batch_by_content_lists_lone_and_unreadable_files_and_names_the_files_of_each_pair() {
    let w = Workdir::new();
    let truth = build(&w, &corpus("pairs"), 4, 1);
    w.write("ru/empty.txt", "");
    let (code, _, err) = run(w.bitext().args([
        "batch",
        "ru",
        "en",
        "-o",
        "out",
        "--pair-by",
        "content",
        "--quiet",
        "--report",
    ]));
    // A file that could not be read fails the run, as it does under name pairing.
    assert_eq!(code, 1, "{err}");
    assert!(
        err.trim_end()
            .ends_with("bitext: 1 file could not be read (listed in summary.csv)"),
        "{err}"
    );
    let mut rows = csv::Reader::from_path(w.path("out/summary.csv")).unwrap();
    let header = rows.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (error, src_file, tgt_file) = (col("error"), col("src_file"), col("tgt_file"));
    let rows: Vec<csv::StringRecord> = rows.records().map(|r| r.unwrap()).collect();
    // Every pair, one lone document on each side, and the unreadable file.
    assert_eq!(rows.len(), truth.len() + 3, "{rows:?}");
    let lone: Vec<&csv::StringRecord> = rows
        .iter()
        .filter(|r| r[error].starts_with("not aligned: no "))
        .collect();
    assert_eq!(lone.len(), 2, "{rows:?}");
    assert!(lone
        .iter()
        .any(|r| r[src_file].starts_with("ru/") && r[tgt_file].is_empty()));
    assert!(lone
        .iter()
        .any(|r| r[tgt_file].starts_with("en/") && r[src_file].is_empty()));
    assert!(
        rows.iter()
            .any(|r| r[error].starts_with("not aligned: cannot be read")
                && r[src_file].ends_with("empty.txt")),
        "{rows:?}"
    );
    // Each aligned pair names its two files, in summary.csv, its page and the index.
    let index = w.read("out/report/index.html");
    for r in rows.iter().filter(|r| r[error].is_empty()) {
        let (s, t) = (&r[src_file], &r[tgt_file]);
        let s_rel = s.rsplit("ru/").next().unwrap();
        let t_rel = t.rsplit("en/").next().unwrap();
        assert!(
            truth.get(&format!("ru/{s_rel}")) == Some(&format!("en/{t_rel}")),
            "{s} {t}"
        );
        assert!(index.contains(s) && index.contains(t), "{s} {t}");
        let page = w.read(&format!(
            "out/report/{}.html",
            bitext::report::url_name(&r[0])
        ));
        assert!(page.contains(s) && page.contains(t), "{s} {t}");
    }
}

#[test]
fn batch_by_name_on_unrelated_names_suggests_content_pairing_and_counts_subfolders() {
    let w = Workdir::new();
    build(&w, &corpus("pairs"), 6, 0);
    for (k, side) in ["ru", "en"].iter().enumerate() {
        w.write(
            &format!("{side}/economy/deep{k}.txt"),
            std::fs::read(corpus("pairs/yamal-lng.en.txt")).unwrap(),
        );
    }
    let (code, _, err) = run(w.bitext().args(["batch", ".", "-o", "out"]));
    assert_eq!(code, 2, "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(
        err.contains("(24 files seen, and 2 more in subfolders"),
        "{err}"
    );
    assert!(
        err.contains("--pair-by content") && err.contains("bitext batch ./ru ./en"),
        "{err}"
    );
    w.write("flat/a.txt", "Текст.");
    w.write("flat/sub/b.txt", "Text.");
    let (code, _, err) = run(w.bitext().args(["batch", "flat", "-o", "out"]));
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("1 files here (a.txt), and 1 more in subfolders")
            && err.contains("--pair-by content"),
        "{err}"
    );
}

#[test]
fn doubtful_pairs_are_listed_not_made_on_news_with_lone_documents() {
    let Some(dir) = shared_or_skip("eval/align/ntrex-ruen/e2e") else {
        return;
    };
    let (mut right, mut wrong, mut total, mut listed) = (0, Vec::new(), 0, 0);
    for seed in 0..8 {
        let w = Workdir::new();
        // A fifth of each side without a partner.
        let truth = build(&w, &dir, 100 + seed, 24);
        let (code, _, err) = run(w.bitext().args(["pair", "ru", "en", "-o", "m.tsv", "-q"]));
        assert_eq!(code, 0, "{err}");
        for (s, t, score) in manifest(&w, "m.tsv") {
            if truth.get(&s) == Some(&t) {
                right += 1;
            } else {
                wrong.push(score);
            }
        }
        total += truth.len();
        // A doubtful pair's documents are listed with the best candidate and its score.
        for line in w.read("m.unpaired.tsv").lines() {
            let f: Vec<&str> = line.split('\t').collect();
            assert!(f.len() == 2 || f.len() == 4, "{line}");
            if f.len() == 4 {
                listed += 1;
                assert!(f[3].parse::<f32>().is_ok(), "{line}");
            }
        }
    }
    eprintln!("right {right} of {total}, wrong {wrong:?}, listed {listed}");
    assert!(right * 100 >= total * 95, "{right} of {total}");
    // Two lone articles on one news story, without a rival candidate, share names and
    // numbers enough to score as a pair; their own alignment links a sentence here and there,
    // where a translation links most of the shorter text, so they are listed, not paired.
    assert!(wrong.is_empty(), "false pairs: {wrong:?}");
    assert!(listed > 0);
}

/// Every pair of the bundled corpus and of its HTML pages passes the alignment check that
/// content pairing makes of each pair: its alignment links most sentences of one document.
#[test]
fn every_true_pair_of_the_bundled_corpus_covers_its_documents() {
    let read = bitext::document::ReadOptions::default();
    let (ru, en) = (
        bitext::Lang::parse("ru").unwrap(),
        bitext::Lang::parse("en").unwrap(),
    );
    let mut checked = 0;
    for (folder, ext) in [("pairs", "txt"), ("html", "html")] {
        let dir = corpus(folder);
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(|e| {
                let f = e.unwrap().file_name().into_string().unwrap();
                f.strip_suffix(&format!(".ru.{ext}")).map(str::to_string)
            })
            .collect();
        names.sort();
        for name in names {
            let (src, tgt) = (
                dir.join(format!("{name}.ru.{ext}")),
                dir.join(format!("{name}.en.{ext}")),
            );
            if !src.exists() {
                continue;
            }
            let c = bitext::pair::coverage(&src, &tgt, &ru, &en, &read).unwrap();
            assert!(c >= bitext::pair::MIN_COVERAGE, "{name}.{ext}: {c}");
            checked += 1;
        }
    }
    assert!(checked >= 15, "{checked}");
}

#[test]
fn a_document_with_two_near_equal_candidates_is_listed_as_doubtful_not_paired() {
    let w = Workdir::new();
    let truth = build(&w, &corpus("pairs"), 11, 0);
    // The same English article twice, under two names: its Russian original cannot tell them
    // apart, so neither pair is sure.
    let (ru, en) = truth.iter().next().unwrap();
    let en_text = std::fs::read(w.path(en)).unwrap();
    w.write("en/copy-of-it.txt", &en_text);
    let (code, _, err) = run(w.bitext().args(["pair", "ru", "en", "-o", "m.tsv", "-q"]));
    assert_eq!(code, 0, "{err}");
    let pairs = manifest(&w, "m.tsv");
    assert_eq!(pairs.len(), truth.len() - 1, "{pairs:?}");
    assert!(pairs.iter().all(|(s, t, _)| truth[s] == *t));
    assert!(err.contains("1 doubtful pairs not made"), "{err}");
    let unpaired = w.read("m.unpaired.tsv");
    let line = unpaired
        .lines()
        .find(|l| l.starts_with(&format!("ru\t{ru}\t")))
        .unwrap_or_else(|| panic!("{unpaired}"));
    let f: Vec<&str> = line.split('\t').collect();
    assert!(f[2] == en || f[2] == "en/copy-of-it.txt", "{line}");
    assert!(f[3].parse::<f32>().unwrap() > 0.5, "{line}");
}

/// A symbolic link back up the folder tree is read once: every document pairs as before.
#[test]
fn a_link_back_up_the_tree_reads_each_document_once() {
    let w = Workdir::new();
    build(&w, &corpus("pairs"), 3, 0);
    std::os::unix::fs::symlink(".", w.path("ru/self")).unwrap();
    std::os::unix::fs::symlink("..", w.path("en/up")).unwrap();
    let (code, _, err) = run(w
        .bitext()
        .args(["pair", "ru", "en", "-o", "m.tsv", "--quiet"]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(manifest(&w, "m.tsv").len(), 12);
    let unpaired = std::fs::read_to_string(w.path("m.unpaired.tsv")).unwrap_or_default();
    assert!(
        unpaired.lines().filter(|l| !l.starts_with('#')).count() <= 1,
        "{unpaired}"
    );
}
