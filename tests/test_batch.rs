//! Batch alignment of corpora: pairing, parallel runs with stable output, failures, streaming.

use std::io::Write;
use std::process::Command;

use crate::workdir::{corpus, run, Workdir};

#[test]
fn bundled_corpus_aligns_with_summary() {
    let w = Workdir::new();
    let (code, out, err) = run(w
        .bitext()
        .arg("batch")
        .arg(corpus("pairs"))
        .args(["-o", "out"]));
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("abe-visit-2013") && out.contains("12 pairs"),
        "{out}"
    );
    let summary = w.read("out/summary.csv");
    assert_eq!(summary.lines().count(), 13);
    assert!(summary
        .lines()
        .next()
        .unwrap()
        .starts_with("document,src_sentences,tgt_sentences,1-1,2-1,1-2"));
    let review = w.read("out/review.csv");
    assert!(review.contains("mongolia-between") && review.contains("amur-border-trade"));
    let tmx = w.read("out/memory.tmx");
    assert!(tmx.matches("<tu ").count() > 400);
}

/// A generated corpus of `n` pairs built from the bundled articles, with a few mutations.
fn generated(w: &Workdir, n: usize) {
    let pairs = std::fs::read_dir(corpus("pairs")).unwrap();
    let mut names: Vec<String> = pairs
        .filter_map(|e| {
            e.unwrap()
                .file_name()
                .into_string()
                .unwrap()
                .strip_suffix(".ru.txt")
                .map(str::to_string)
        })
        .collect();
    names.sort();
    for k in 0..n {
        let base = &names[k % names.len()];
        let ru = std::fs::read(corpus(&format!("pairs/{base}.ru.txt"))).unwrap();
        let en = std::fs::read(corpus(&format!("pairs/{base}.en.txt"))).unwrap();
        w.write(&format!("gen/doc{k:04}.ru.txt"), &ru);
        w.write(&format!("gen/doc{k:04}.en.txt"), &en);
    }
}

#[test]
fn output_is_identical_whatever_the_thread_count() {
    let w = Workdir::new();
    generated(&w, 210);
    let (code, _, err) = run(w
        .bitext()
        .args(["batch", "gen", "-o", "one", "--jobs", "1", "--quiet"]));
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = run(w
        .bitext()
        .args(["batch", "gen", "-o", "two", "--jobs", "2", "--quiet"]));
    assert_eq!(code, 0, "{err}");
    for f in ["review.csv", "summary.csv"] {
        assert_eq!(
            w.read(&format!("one/{f}")),
            w.read(&format!("two/{f}")),
            "{f}"
        );
    }
    let strip_date = |s: String| {
        s.lines()
            .filter(|l| !l.contains("creationdate"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(
        strip_date(w.read("one/memory.tmx")),
        strip_date(w.read("two/memory.tmx"))
    );
    assert_eq!(w.read("one/summary.csv").lines().count(), 211);
}

#[test]
fn a_bad_pair_is_reported_and_the_rest_completes() {
    let w = Workdir::new();
    generated(&w, 3);
    w.write("gen/broken.ru.txt", [0u8, 1, 2, 3, 0, 0xff]);
    w.write("gen/broken.en.txt", "Some text.");
    w.write("gen/lonely.ru.txt", "Без пары.");
    let (code, _, err) = run(w.bitext().args(["batch", "gen", "-o", "out", "--quiet"]));
    assert_eq!(code, 1);
    assert!(err.contains("1 of 4 pairs failed"), "{err}");
    assert!(
        err.contains("lonely.ru.txt") && err.contains("without a partner"),
        "{err}"
    );
    assert!(err.contains("broken.ru.txt: binary data"), "{err}");
    let summary = w.read("out/summary.csv");
    assert!(summary
        .lines()
        .any(|l| l.starts_with("broken,") && l.contains("binary data")));
    assert!(
        w.read("out/memory.tmx")
            .matches("x-document\">doc0000<")
            .count()
            > 10
    );
}

#[test]
fn subfolders_and_manifest_inputs_pair_files() {
    let w = Workdir::new();
    for (name, base) in [("a.txt", "abe-visit-2013"), ("b.txt", "yamal-lng")] {
        w.write(
            &format!("tree/ru/{name}"),
            std::fs::read(corpus(&format!("pairs/{base}.ru.txt"))).unwrap(),
        );
        w.write(
            &format!("tree/en/{name}"),
            std::fs::read(corpus(&format!("pairs/{base}.en.txt"))).unwrap(),
        );
    }
    let (code, out, err) = run(w.bitext().args(["batch", "tree", "-o", "out1"]));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("2 pairs"));
    w.write("list.tsv", "tree/ru/a.txt\ttree/en/a.txt\n");
    let (code, out, err) = run(w.bitext().args(["batch", "list.tsv", "-o", "out2"]));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("1 pairs"));
}

#[test]
fn jsonl_stream_mode_writes_units_per_document() {
    let w = Workdir::new();
    let ru = std::fs::read_to_string(corpus("pairs/abe-visit-2013.ru.txt")).unwrap();
    let en = std::fs::read_to_string(corpus("pairs/abe-visit-2013.en.txt")).unwrap();
    let input = format!(
        "{}\n{}\n",
        serde_json::json!({"id": "abe", "src": ru, "tgt": en, "src_lang": "ru", "tgt_lang": "en"}),
        serde_json::json!({"id": 7, "src": "", "tgt": "x"})
    );
    let mut child = w
        .bitext()
        .args(["batch", "--jsonl", "--jobs", "2"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let units = lines.iter().filter(|v| v["id"] == "abe").count();
    assert!(units > 25);
    assert!(lines.iter().all(
        |v| v["id"] == "abe" && v["src"].is_string() && v["tgt"].is_string()
            || v["error"].is_string()
    ));
    assert_eq!(lines.last().unwrap()["id"], 7);
}

/// The stream gives back every sentence of a pair once, as `align` writes its review table:
/// a sentence the other side does not translate comes back marked `unaligned`, scored.
#[test]
fn jsonl_stream_mode_returns_the_unaligned_sentences_too() {
    let w = Workdir::new();
    let (ru, en) = (
        corpus("pairs/abe-visit-2013.ru.txt"),
        corpus("pairs/abe-visit-2013.en.txt"),
    );
    let record = serde_json::json!({
        "id": "abe",
        "src": std::fs::read_to_string(&ru).unwrap(),
        "tgt": std::fs::read_to_string(&en).unwrap(),
        "src_lang": "ru",
        "tgt_lang": "en",
    });
    let mut child = w
        .bitext()
        .args(["batch", "--jsonl"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    writeln!(child.stdin.take().unwrap(), "{record}").unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let records: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let mut streamed: Vec<(String, String)> = records
        .iter()
        .map(|v| {
            let index = |k: &str| v[k].as_str().unwrap().to_string();
            (index("src_index"), index("tgt_index"))
        })
        .collect();
    let unaligned: Vec<_> = records
        .iter()
        .filter(|v| v["status"] == "unaligned")
        .collect();
    assert!(!unaligned.is_empty());
    assert!(unaligned.iter().all(|v| {
        let empty = |k: &str| v[k].as_str().unwrap().is_empty();
        (empty("src") != empty("tgt")) && v["score"].is_number()
    }));
    assert!(records
        .iter()
        .filter(|v| v.get("status").is_none())
        .all(|v| !v["src"].as_str().unwrap().is_empty() && !v["tgt"].as_str().unwrap().is_empty()));
    let (code, _, err) = run(w
        .bitext()
        .arg("align")
        .arg(&ru)
        .arg(&en)
        .args(["-o", "a.csv"]));
    assert_eq!(code, 0, "{err}");
    let table = w.read("a.csv");
    let mut rows = csv::Reader::from_reader(table.trim_start_matches('\u{feff}').as_bytes());
    let mut tabled: Vec<(String, String)> = rows
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[2].to_string(), r[3].to_string())
        })
        .collect();
    streamed.sort();
    tabled.sort();
    assert_eq!(streamed, tabled);
}

/// Ctrl-C, `kill` and a closed terminal each end a run without a temporary file left behind.
/// A client that sends one pair and waits gets that pair's units before it sends the next
/// one (and before it closes the stream).
#[test]
fn jsonl_stream_mode_answers_each_pair_as_it_comes() {
    use std::io::BufRead;
    let w = Workdir::new();
    let ru = std::fs::read_to_string(corpus("pairs/abe-visit-2013.ru.txt")).unwrap();
    let en = std::fs::read_to_string(corpus("pairs/abe-visit-2013.en.txt")).unwrap();
    let line = |id: &str| {
        format!(
            "{}\n",
            serde_json::json!({"id": id, "src": ru, "tgt": en, "src_lang": "ru", "tgt_lang": "en"})
        )
    };
    let mut child = w
        .bitext()
        .args(["batch", "--jsonl", "--jobs", "1"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let mut output = std::io::BufReader::new(child.stdout.take().unwrap());
    for id in ["first", "second"] {
        input.write_all(line(id).as_bytes()).unwrap();
        input.flush().unwrap();
        // The stream stays open: the answer must come all the same (after the rest of the
        // previous pair's units).
        loop {
            let mut answer = String::new();
            assert!(
                output.read_line(&mut answer).unwrap() > 0,
                "no answer for {id}"
            );
            let unit: serde_json::Value = serde_json::from_str(&answer).unwrap();
            if unit["id"] == id {
                break;
            }
        }
    }
    drop(input);
    let rest: Vec<String> = output.lines().map(|l| l.unwrap()).collect();
    assert!(rest
        .iter()
        .all(|l| l.contains("\"id\":\"first\"") || l.contains("\"id\":\"second\"")));
    assert_eq!(child.wait().unwrap().code(), Some(0));
}

#[test]
fn ctrl_c_leaves_no_output_files() {
    for signal in ["-INT", "-TERM", "-HUP"] {
        interrupted_run_leaves_nothing(signal);
    }
}

fn interrupted_run_leaves_nothing(signal: &str) {
    // The first document is a FIFO nobody writes to: the run blocks reading it with its
    // outputs open, so the interrupt always lands mid-run, whatever the machine's speed.
    let w = Workdir::new();
    assert!(Command::new("mkfifo")
        .arg(w.path("stuck.ru.txt"))
        .status()
        .unwrap()
        .success());
    let en = corpus("pairs/abe-visit-2013.en.txt");
    w.write("manifest.tsv", format!("stuck.ru.txt\t{}\n", en.display()));
    std::fs::create_dir(w.path("out")).unwrap();
    let child = w
        .bitext()
        .args([
            "batch",
            "manifest.tsv",
            "-o",
            "out",
            "--jobs",
            "1",
            "--quiet",
        ])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Wait until the run has opened its temporary outputs, then interrupt it.
    let started = std::time::Instant::now();
    while std::fs::read_dir(w.path("out")).unwrap().count() < 2 && started.elapsed().as_secs() < 60
    {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let pid = child.id().to_string();
    assert!(Command::new("kill")
        .args([signal, &pid])
        .status()
        .unwrap()
        .success());
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(130),
        "{signal}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let left: Vec<_> = std::fs::read_dir(w.path("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(left.is_empty(), "{signal}: left behind: {left:?}");
}

/// A run killed outright (SIGKILL, a power cut) leaves its temporary files; a later run in
/// the folder names those untouched for over an hour, and removes none of them.
#[test]
fn temporary_files_of_a_killed_run_are_named_and_kept() {
    let w = Workdir::new();
    generated(&w, 2);
    std::fs::create_dir(w.path("out")).unwrap();
    let old = w.write("out/.bitext-a1B2c3.part", vec![b'x'; 2_000_000]);
    let fresh = w.write("out/.bitext-d4E5f6.part", "x");
    let two_hours_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
    std::fs::File::options()
        .write(true)
        .open(&old)
        .unwrap()
        .set_modified(two_hours_ago)
        .unwrap();
    let (code, _, err) = run(w.bitext().args(["batch", "gen", "-o", "out"]));
    assert_eq!(code, 0, "{err}");
    let line = err
        .lines()
        .find(|l| l.contains("temporary file"))
        .unwrap_or_else(|| panic!("{err}"));
    assert!(
        line.starts_with("bitext: warning: out holds 1 temporary file (2.0 MB)"),
        "{line}"
    );
    assert!(
        line.contains(".bitext-a1B2c3.part") && !line.contains("d4E5f6"),
        "{line}"
    );
    assert!(old.exists() && fresh.exists());
}

#[test]
fn language_variants_find_files_named_by_the_bare_language() {
    let w = Workdir::new();
    for side in ["ru", "en"] {
        w.write(
            &format!("flat/abe.{side}.txt"),
            std::fs::read(corpus(&format!("pairs/abe-visit-2013.{side}.txt"))).unwrap(),
        );
        w.write(
            &format!("tree/{side}/abe.txt"),
            std::fs::read(corpus(&format!("pairs/abe-visit-2013.{side}.txt"))).unwrap(),
        );
    }
    for dir in ["flat", "tree"] {
        let out = format!("out-{dir}");
        let (code, stdout, err) = run(w.bitext().args([
            "batch",
            dir,
            "-o",
            &out,
            "--src-lang",
            "ru-RU",
            "--tgt-lang",
            "en-GB",
        ]));
        assert_eq!(code, 0, "{dir}: {err}");
        assert!(stdout.contains("1 pairs"), "{dir}: {stdout}");
        let tmx = w.read(&format!("{out}/memory.tmx"));
        assert!(tmx.contains("xml:lang=\"ru-RU\"") && tmx.contains("xml:lang=\"en-GB\""));
    }
}

#[test]
fn a_folder_without_any_pair_is_an_error_that_lists_what_was_seen() {
    let w = Workdir::new();
    w.write(
        "site/abe.ru.txt",
        std::fs::read(corpus("pairs/abe-visit-2013.ru.txt")).unwrap(),
    );
    w.write(
        "site/yamal.en.txt",
        std::fs::read(corpus("pairs/yamal-lng.en.txt")).unwrap(),
    );
    let (code, _, err) = run(w.bitext().args(["batch", "site", "-o", "out"]));
    assert_eq!(code, 2, "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(
        err.contains("no pairs found")
            && err.contains("abe.ru.txt")
            && err.contains("yamal.en.txt"),
        "{err}"
    );
    assert!(!w.path("out/memory.tmx").exists());
}

fn article(base: &str, side: &str) -> Vec<u8> {
    std::fs::read(corpus(&format!("pairs/{base}.{side}.txt"))).unwrap()
}

/// The rows of a batch's summary.csv as (document, paired_by, error).
fn summary_rows(w: &Workdir, out: &str) -> Vec<(String, String, String)> {
    let mut table = csv::Reader::from_path(w.path(&format!("{out}/summary.csv"))).unwrap();
    let header = table.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (doc, rule, error) = (col("document"), col("paired_by"), col("error"));
    table
        .records()
        .map(|r| {
            let r = r.unwrap();
            (
                r[doc].to_string(),
                r[rule].to_string(),
                r[error].to_string(),
            )
        })
        .collect()
}

#[test]
fn usual_spellings_of_language_names_pair_files_and_say_which_rule_did() {
    let w = Workdir::new();
    w.write("site/abe_RU.txt", article("abe-visit-2013", "ru"));
    w.write("site/abe_EN.txt", article("abe-visit-2013", "en"));
    w.write("site/yamal-ru.txt", article("yamal-lng", "ru"));
    w.write("site/yamal-en.txt", article("yamal-lng", "en"));
    w.write("site/amur.rus", article("amur-border-trade", "ru"));
    w.write("site/amur.eng", article("amur-border-trade", "en"));
    w.write("site/lonely.ru.txt", article("joint-sea-2013", "ru"));
    w.write("site/readme.txt", "Not a document of the corpus.");
    let (code, stdout, err) = run(w.bitext().args(["batch", "site", "-o", "out"]));
    assert_eq!(code, 0, "{err}");
    assert!(stdout.contains("3 pairs"), "{stdout}");
    assert!(
        err.contains("3 pairs found by") && err.contains("NAME_RU.txt + NAME_EN.txt (1)"),
        "{err}"
    );
    assert!(err.contains("lonely.ru.txt") && err.contains("without a partner"));
    let rows = summary_rows(&w, "out");
    let find = |doc: &str| rows.iter().find(|r| r.0 == doc).cloned().unwrap();
    assert_eq!(find("abe").1, "NAME_RU.txt + NAME_EN.txt");
    assert_eq!(find("yamal").1, "NAME-ru.txt + NAME-en.txt");
    assert_eq!(find("amur").1, "NAME.rus + NAME.eng");
    let lonely = find("lonely.ru.txt");
    assert!(lonely.2.contains("no en version"), "{lonely:?}");
    // Pairs first in name order, files without a partner after them.
    let docs: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(docs, ["abe", "amur", "yamal", "lonely.ru.txt"]);
    assert!(!rows.iter().any(|r| r.0.contains("readme")));
    let tmx = w.read("out/memory.tmx");
    for doc in ["abe", "amur", "yamal"] {
        assert!(tmx.contains(&format!("x-document\">{doc}<")), "{doc}");
    }
}

#[test]
fn rus_and_eng_subfolders_pair_files_with_or_without_language_marks() {
    let w = Workdir::new();
    w.write("tree/RUS/abe.txt", article("abe-visit-2013", "ru"));
    w.write("tree/ENG/abe.txt", article("abe-visit-2013", "en"));
    w.write("tree/RUS/yamal.ru.txt", article("yamal-lng", "ru"));
    w.write("tree/ENG/yamal.en.txt", article("yamal-lng", "en"));
    let (code, _, err) = run(w.bitext().args(["batch", "tree", "-o", "out"]));
    assert_eq!(code, 0, "{err}");
    let rows = summary_rows(&w, "out");
    let rules: Vec<(&str, &str)> = rows.iter().map(|r| (r.0.as_str(), r.1.as_str())).collect();
    assert_eq!(
        rules,
        [
            ("abe", "RUS/NAME.txt + ENG/NAME.txt"),
            ("yamal", "RUS/NAME.ru.txt + ENG/NAME.en.txt")
        ]
    );
}

#[test]
fn a_manifest_header_names_documents_and_the_encoding_of_each_side() {
    let w = Workdir::new();
    let ru = String::from_utf8(article("abe-visit-2013", "ru")).unwrap();
    let en = String::from_utf8(article("abe-visit-2013", "en")).unwrap();
    w.write("docs/a.txt", encoding_rs::KOI8_R.encode(&ru).0);
    let (cp1252, _, lossy) = encoding_rs::WINDOWS_1252.encode(&en);
    assert!(!lossy);
    w.write("docs/b.txt", cp1252);
    w.write(
        "list.tsv",
        "src_path\ttgt_path\tname\tsrc_encoding\ttgt_encoding\n\
         docs/a.txt\tdocs/b.txt\tabe visit\tkoi8-r\twindows-1252\n",
    );
    let (code, _, err) = run(w.bitext().args(["batch", "list.tsv", "-o", "out"]));
    assert_eq!(code, 0, "{err}");
    let rows = summary_rows(&w, "out");
    assert_eq!(rows[0].0, "abe visit");
    assert_eq!(rows[0].1, "manifest line 2");
    let tmx = w.read("out/memory.tmx");
    assert!(tmx.contains("Синдзо Абэ"), "Russian decoded from KOI8-R");
    assert!(
        tmx.contains('’'),
        "English quotes decoded from windows-1252"
    );
    // An unknown column or encoding names the manifest line.
    w.write("bad.tsv", "src_path\ttgt_path\tlanguage\na\tb\tx\n");
    let (code, _, err) = run(w.bitext().args(["batch", "bad.tsv", "-o", "out2"]));
    assert_eq!(code, 2);
    assert!(
        err.contains("bad.tsv: line 1:") && err.contains("unknown column 'language'"),
        "{err}"
    );
    w.write(
        "bad2.tsv",
        "src_path\ttgt_path\tsrc_encoding\na\tb\tklingon\n",
    );
    let (code, _, err) = run(w.bitext().args(["batch", "bad2.tsv", "-o", "out2"]));
    assert_eq!(code, 2);
    assert!(
        err.contains("bad2.tsv: line 2:") && err.contains("unknown encoding 'klingon'"),
        "{err}"
    );
    // A header of `src` and `tgt`, and paths a spreadsheet quoted for their spaces.
    w.write("docs/a b.ru.txt", article("yamal-lng", "ru"));
    w.write("docs/a b.en.txt", article("yamal-lng", "en"));
    w.write(
        "short.tsv",
        "src\ttgt\n\"docs/a b.ru.txt\"\t\"docs/a b.en.txt\"\r\n",
    );
    let (code, _, err) = run(w.bitext().args(["batch", "short.tsv", "-o", "out3"]));
    assert_eq!(code, 0, "{err}");
    let rows = summary_rows(&w, "out3");
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert!(rows[0].2.is_empty(), "{rows:?}");
}

#[test]
fn a_lexicon_learned_over_the_corpus_is_used_saved_and_reused() {
    let w = Workdir::new();
    let (code, _, err) = run(w.bitext().arg("batch").arg(corpus("pairs")).args([
        "-o",
        "out",
        "--save-lexicon",
        "lex.tsv",
    ]));
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("learned") && err.contains("saved to lex.tsv"),
        "{err}"
    );
    let lexicon = w.read("lex.tsv");
    // Words the articles share pair up across documents: gas pipelines, months, APEC.
    assert!(lexicon.lines().count() > 50, "{lexicon}");
    assert!(
        lexicon
            .lines()
            .any(|l| l.starts_with("газопровод\tpipelin")),
        "{lexicon}"
    );
    assert!(w.read("out/memory.tmx").matches("<tu ").count() > 400);
    // The saved lexicon is read back by align, and learning conflicts with a given one.
    let pair = |side: &str| corpus(&format!("pairs/yamal-lng.{side}.txt"));
    let (code, _, err) = run(w
        .bitext()
        .arg("align")
        .arg(pair("ru"))
        .arg(pair("en"))
        .args(["--lexicon", "lex.tsv", "-o", "a.tmx"]));
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = run(w.bitext().arg("batch").arg(corpus("pairs")).args([
        "-o",
        "out2",
        "--learn-lexicon",
        "--lexicon",
        "lex.tsv",
    ]));
    assert_eq!(code, 2, "{err}");
}

/// Name pairing reads the language folders only, and says so of every file it leaves: those
/// in their subfolders and marked ones beside them get a summary row each; hidden files
/// (`.DS_Store`, macOS's `._` copies) are no documents and fail nothing.
#[test]
fn files_name_pairing_does_not_read_are_listed_and_hidden_files_ignored() {
    let w = Workdir::new();
    w.write("tree/ru/a.txt", article("abe-visit-2013", "ru"));
    w.write("tree/en/a.txt", article("abe-visit-2013", "en"));
    w.write("tree/ru/2013/b.txt", article("yamal-lng", "ru"));
    w.write("tree/en/2013/b.txt", article("yamal-lng", "en"));
    w.write("tree/c.ru.txt", article("joint-sea-2013", "ru"));
    w.write("tree/c.en.txt", article("joint-sea-2013", "en"));
    for hidden in [
        "tree/ru/.DS_Store",
        "tree/en/.DS_Store",
        "tree/ru/._a.txt",
        "tree/en/._a.txt",
    ] {
        w.write(hidden, [0u8, 5, 22, 7, 0, 0, 1, 0]);
    }
    let (code, out, err) = run(w.bitext().args(["batch", "tree", "-o", "out"]));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("1 pairs"), "{out}");
    let rows = summary_rows(&w, "out");
    assert!(
        !rows
            .iter()
            .any(|r| r.0.contains("DS_Store") || r.0.starts_with("._")),
        "{rows:?}"
    );
    let said = |name: &str, why: &str| {
        rows.iter()
            .any(|(doc, _, error)| doc.contains(name) && error.contains(why))
    };
    assert!(said("b", "in a subfolder"), "{rows:?}");
    assert!(said("c", "beside the language folders"), "{rows:?}");
    assert_eq!(rows.len(), 1 + 2 + 2, "{rows:?}");
}

/// Documents of one name in different folders keep apart in a manifest's batch: their
/// names take their folder, so summary rows, memory and report pages tell them apart.
#[test]
fn documents_of_one_name_in_two_folders_keep_apart() {
    let w = Workdir::new();
    for (dir, base) in [("x", "abe-visit-2013"), ("y", "yamal-lng")] {
        w.write(&format!("{dir}/a.ru.txt"), article(base, "ru"));
        w.write(&format!("{dir}/a.en.txt"), article(base, "en"));
    }
    w.write("m.tsv", "x/a.ru.txt\tx/a.en.txt\ny/a.ru.txt\ty/a.en.txt\n");
    let (code, _, err) = run(w
        .bitext()
        .args(["batch", "m.tsv", "-o", "out", "--report", "--quiet"]));
    assert_eq!(code, 0, "{err}");
    let names: Vec<String> = summary_rows(&w, "out").into_iter().map(|r| r.0).collect();
    assert_eq!(names, ["x/a", "y/a"]);
    let tmx = w.read("out/memory.tmx");
    assert!(tmx.contains(">x/a</prop>") && tmx.contains(">y/a</prop>"));
    let pages = std::fs::read_dir(w.path("out/report")).unwrap().count();
    assert_eq!(pages, 3, "two pages and the index");
    assert!(!err.contains("not written by bitext"), "{err}");
}

/// File names in Cyrillic (and names that are not UTF-8, as a Windows archive unpacked on
/// Linux leaves them) pair by their language marks like any other.
#[test]
fn cyrillic_and_non_utf8_file_names_pair() {
    use std::os::unix::ffi::OsStrExt;
    let w = Workdir::new();
    w.write("flat/доклад.ru.txt", article("abe-visit-2013", "ru"));
    w.write("flat/доклад.en.txt", article("abe-visit-2013", "en"));
    let odd = |lang: &str| {
        let mut name = b"flat/b\xff.".to_vec();
        name.extend_from_slice(lang.as_bytes());
        name.extend_from_slice(b".txt");
        w.path("").join(std::ffi::OsStr::from_bytes(&name))
    };
    std::fs::write(odd("ru"), article("yamal-lng", "ru")).unwrap();
    std::fs::write(odd("en"), article("yamal-lng", "en")).unwrap();
    let (code, out, err) = run(w.bitext().args(["batch", "flat", "-o", "out"]));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("2 pairs"), "{out}");
    let names: Vec<String> = summary_rows(&w, "out").into_iter().map(|r| r.0).collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(names.iter().any(|n| n == "доклад"), "{names:?}");
    w.write("tree/ru/доклад.txt", article("abe-visit-2013", "ru"));
    w.write("tree/en/доклад.txt", article("abe-visit-2013", "en"));
    let (code, out, err) = run(w.bitext().args(["batch", "tree", "-o", "out2"]));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("1 pairs"), "{out}");
}

/// Names that differ in case only (`Доклад.ru.txt` beside `доклад.en.txt`, `Report.txt` in
/// `ru/` and `report.txt` in `en/`) name one document, as a file system that ignores case
/// takes them; an exact match is still preferred.
#[test]
fn names_that_differ_in_case_only_pair() {
    let w = Workdir::new();
    w.write("flat/Доклад.ru.txt", article("abe-visit-2013", "ru"));
    w.write("flat/доклад.en.txt", article("abe-visit-2013", "en"));
    w.write("flat/Yamal.ru.txt", article("yamal-lng", "ru"));
    w.write("flat/Yamal.en.txt", article("yamal-lng", "en"));
    let (code, out, err) = run(w.bitext().args(["batch", "flat", "-o", "out"]));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("2 pairs"), "{out}");
    let names: Vec<String> = summary_rows(&w, "out").into_iter().map(|r| r.0).collect();
    assert_eq!(names, ["Yamal", "Доклад"], "{names:?}");
    w.write("tree/ru/Report.txt", article("abe-visit-2013", "ru"));
    w.write("tree/en/report.txt", article("abe-visit-2013", "en"));
    let (code, out, err) = run(w.bitext().args(["batch", "tree", "-o", "out2"]));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("1 pairs"), "{out}");
}

/// A symbolic link that leads nowhere (a missing file, a loop) is a pair that fails with the
/// cause named, not a file passed over in silence; the rest of the batch is aligned.
#[test]
fn links_that_lead_nowhere_fail_their_pair_with_the_cause() {
    use std::os::unix::fs::symlink;
    let w = Workdir::new();
    w.write("flat/yamal.ru.txt", article("yamal-lng", "ru"));
    w.write("flat/yamal.en.txt", article("yamal-lng", "en"));
    w.write("flat/abe.en.txt", article("abe-visit-2013", "en"));
    symlink("/nonexistent/abe.ru.txt", w.path("flat/abe.ru.txt")).unwrap();
    symlink("loop.en.txt", w.path("flat/loop.ru.txt")).unwrap();
    symlink("loop.ru.txt", w.path("flat/loop.en.txt")).unwrap();
    let (code, _, err) = run(w.bitext().args(["batch", "flat", "-o", "out", "--quiet"]));
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("abe.ru.txt: No such file or directory"),
        "{err}"
    );
    assert!(
        err.contains("loop.ru.txt: Too many levels of symbolic links"),
        "{err}"
    );
    assert!(err.contains("2 of 3 pairs failed"), "{err}");
    let names: Vec<String> = summary_rows(&w, "out").into_iter().map(|r| r.0).collect();
    assert_eq!(names, ["abe", "loop", "yamal"], "{names:?}");
}

/// Two documents of one name in one folder (`a.ru.txt` + `a.en.txt` beside `a.ru.html` +
/// `a.en.html`) get names of their own, so their rows and pages are told apart; files pair
/// with the partner marked the same way first.
#[test]
fn documents_of_one_name_in_two_formats_are_told_apart() {
    let w = Workdir::new();
    w.write("flat/a.ru.txt", article("abe-visit-2013", "ru"));
    w.write("flat/a.en.txt", article("abe-visit-2013", "en"));
    for side in ["ru", "en"] {
        w.write(
            &format!("flat/a.{side}.html"),
            std::fs::read(corpus(&format!("html/joint-sea-2013.{side}.html"))).unwrap(),
        );
    }
    let (code, _, err) = run(w
        .bitext()
        .args(["batch", "flat", "-o", "out", "--quiet", "--report"]));
    assert_eq!(code, 0, "{err}");
    let names: Vec<String> = summary_rows(&w, "out").into_iter().map(|r| r.0).collect();
    assert_eq!(names, ["a.html", "a.txt"], "{names:?}");
    assert!(w.path("out/report/a.html.html").exists() && w.path("out/report/a.txt.html").exists());
    assert!(!err.contains("kept"), "{err}");
    // Marked two ways: each file pairs with the one marked as it is.
    w.write("mixed/b.ru.txt", article("abe-visit-2013", "ru"));
    w.write("mixed/b-EN.txt", article("yamal-lng", "en"));
    w.write("mixed/b_ru.txt", article("yamal-lng", "ru"));
    w.write("mixed/b.en.txt", article("abe-visit-2013", "en"));
    let (code, out, err) = run(w.bitext().args(["batch", "mixed", "-o", "out2"]));
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("warning"), "{err}");
    let names: Vec<String> = summary_rows(&w, "out2").into_iter().map(|r| r.0).collect();
    assert_eq!(names, ["b (b.ru.txt)", "b (b_ru.txt)"], "{names:?}\n{out}");
}
