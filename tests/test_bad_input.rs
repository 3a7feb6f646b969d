//! The bad-input table (docs/bad-input.md), row by row: a clear one-line error naming the file and
//! the cause, the documented exit code, and no output file left behind.

use std::process::Command;

use bitext::Lang;

use crate::workdir::{corpus, run, skip, Workdir};

/// Asserts a failed run: exit code 2, one stderr line naming `file` and `cause`, no `out`.
fn fails(w: &Workdir, cmd: &mut Command, file: &str, cause: &str, out: &str) {
    let (code, stdout, err) = run(cmd);
    assert_eq!(code, 2, "{file}: {err}");
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(
        err.starts_with("bitext: ") && err.contains(file) && err.contains(cause),
        "{err}"
    );
    assert!(stdout.is_empty());
    assert!(!w.path(out).exists(), "{out} must not exist");
    let parts: Vec<String> = w
        .files()
        .into_iter()
        .filter(|f| f.ends_with(".part"))
        .collect();
    assert!(parts.is_empty(), "temporary files left: {parts:?}");
}

fn align(w: &Workdir, src: &str, tgt: &str, out: &str) -> Command {
    let mut c = w.bitext();
    c.args(["align", src, tgt, "-o", out]);
    c
}

#[test]
fn permission_denied() {
    let w = Workdir::new();
    let f = w.write("secret.txt", "Текст.");
    std::fs::set_permissions(&f, std::os::unix::fs::PermissionsExt::from_mode(0o000)).unwrap();
    // Root reads every file, so as root the check runs as the unprivileged user "nobody".
    let root = run(Command::new("id").arg("-u")).1.trim() == "0";
    let mut cmd = if root {
        let mut c = Command::new("setpriv");
        c.args([
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            env!("CARGO_BIN_EXE_bitext"),
        ]);
        c
    } else {
        Command::new(env!("CARGO_BIN_EXE_bitext"))
    };
    cmd.arg("split").arg(&f);
    let (code, _, err) = run(&mut cmd);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("secret.txt") && err.contains("Permission denied"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1);
}

#[test]
fn invalid_utf8_declared_as_utf8() {
    let w = Workdir::new();
    w.write(
        "a.txt",
        encoding_rs::WINDOWS_1251
            .encode("Визит премьер-министра.")
            .0,
    );
    w.write("b.txt", "A visit.");
    let mut c = align(&w, "a.txt", "b.txt", "m.tmx");
    c.args(["--encoding", "utf-8"]);
    fails(&w, &mut c, "a.txt", "not valid UTF-8 text", "m.tmx");
}

#[test]
fn mixed_encodings() {
    let w = Workdir::new();
    let mut bytes = "Первая часть написана в UTF-8 и довольно длинная. "
        .as_bytes()
        .to_vec();
    bytes.extend_from_slice(
        &encoding_rs::WINDOWS_1251
            .encode("Вторая часть в windows-1251, тоже длинная.")
            .0,
    );
    w.write("mixed.txt", bytes);
    w.write("b.txt", "A visit.");
    fails(
        &w,
        &mut align(&w, "mixed.txt", "b.txt", "m.tmx"),
        "mixed.txt",
        "mixed encodings",
        "m.tmx",
    );
}

#[test]
fn swapped_languages_are_written_under_their_own_languages() {
    let w = Workdir::new();
    let (code, _, err) = run(w
        .bitext()
        .args(["align", "-o", "m.tmx"])
        .arg(corpus("pairs/abe-visit-2013.en.txt"))
        .arg(corpus("pairs/abe-visit-2013.ru.txt")));
    assert_eq!(code, 0);
    assert!(
        err.contains("warning") && err.contains("swapped") && err.contains("exchanged"),
        "{err}"
    );
    let (ru, en) = (Lang::parse("ru").unwrap(), Lang::parse("en").unwrap());
    let units = bitext::tm::read_units(&w.path("m.tmx"), &ru, &en).unwrap();
    assert!(units.len() > 30);
    for u in &units {
        let (c, l) = bitext::lang::script_counts(&u.src);
        assert!(c >= l, "English under xml:lang=ru: {}", u.src);
    }
    // Each side is split by its own language's rules: the review table is the one the
    // sides in their right order give ("2013 г." is no sentence of its own).
    let table = |first: &str, second: &str, out: &str| {
        let (code, _, err) = run(w
            .bitext()
            .args(["align", "-o", out])
            .arg(corpus(&format!("pairs/japan-energy-fukushima.{first}.txt")))
            .arg(corpus(&format!(
                "pairs/japan-energy-fukushima.{second}.txt"
            ))));
        assert_eq!(code, 0, "{err}");
        w.read(out)
    };
    assert_eq!(
        table("en", "ru", "swapped.csv"),
        table("ru", "en", "right.csv")
    );
    // In a JSON Lines stream the warning travels with the units.
    let ru_text = std::fs::read_to_string(corpus("pairs/abe-visit-2013.ru.txt")).unwrap();
    let en_text = std::fs::read_to_string(corpus("pairs/abe-visit-2013.en.txt")).unwrap();
    let line = serde_json::json!({"id": "x", "src": en_text, "tgt": ru_text}).to_string();
    let out = w
        .bitext()
        .args(["batch", "--jsonl"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child.stdin.take().unwrap().write_all(line.as_bytes())?;
            child.wait_with_output()
        })
        .unwrap();
    let first: serde_json::Value =
        serde_json::from_str(String::from_utf8_lossy(&out.stdout).lines().next().unwrap()).unwrap();
    assert!(first["warnings"][0].as_str().unwrap().contains("swapped"));
}

#[test]
fn malformed_tmx_entities_are_never_expanded() {
    let w = Workdir::new();
    let laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE tmx [\n<!ENTITY a \"lol\">\n<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n\
        <!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">\n]>\n\
        <tmx version=\"1.4\"><header/><body>\n<tu><tuv xml:lang=\"ru\"><seg>&d;</seg></tuv><tuv xml:lang=\"en\"><seg>x</seg></tuv></tu>\n</body></tmx>\n";
    w.write("laughs.tmx", laughs);
    w.write("undefined.tmx", "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header/><body>\n<tu><tuv xml:lang=\"ru\"><seg>&nbsp;</seg></tuv></tu>\n</body></tmx>\n");
    w.write("unclosed.tmx", "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header/><body>\n<tu><tuv xml:lang=\"ru\"><seg>a</seg>\n</body></tmx>\n");
    for (file, line) in [
        ("laughs.tmx", "line 9"),
        ("undefined.tmx", "line 3"),
        ("unclosed.tmx", "line 4"),
    ] {
        let mut c = w.bitext();
        c.args(["convert", file, "-o", "out.csv"]);
        fails(&w, &mut c, file, line, "out.csv");
    }
}

#[test]
fn output_folder_not_writable() {
    let w = Workdir::new();
    std::fs::create_dir(w.path("ro")).unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "ro,size=64k", "tmpfs"])
        .arg(w.path("ro"))
        .status();
    if !mounted.is_ok_and(|s| s.success()) {
        skip("mounting a read-only tmpfs needs root");
        return;
    }
    let (code, _, err) = run(w
        .bitext()
        .args(["align", "-o", "ro/m.tmx"])
        .arg(corpus("pairs/abe-visit-2013.ru.txt"))
        .arg(corpus("pairs/abe-visit-2013.en.txt")));
    let _ = Command::new("umount").arg(w.path("ro")).status();
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("ro/m.tmx") && err.contains("Read-only file system"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1);
}

#[test]
fn disk_full_leaves_no_output() {
    let w = Workdir::new();
    std::fs::create_dir(w.path("small")).unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=64k", "tmpfs"])
        .arg(w.path("small"))
        .status();
    if !mounted.is_ok_and(|s| s.success()) {
        skip("mounting a small tmpfs needs root");
        return;
    }
    let (code, _, err) =
        run(w
            .bitext()
            .arg("batch")
            .arg(corpus("pairs"))
            .args(["-o", "small/out", "--quiet"]));
    let left: Vec<String> = std::fs::read_dir(w.path("small/out"))
        .map(|d| {
            d.map(|e| e.unwrap().file_name().into_string().unwrap())
                .collect()
        })
        .unwrap_or_default();
    let _ = Command::new("umount").arg(w.path("small")).status();
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("No space left on device"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        left.is_empty(),
        "no output and no temporary file left: {left:?}"
    );
}

#[test]
fn empty_whitespace_and_chrome_only_documents_are_refused() {
    let w = Workdir::new();
    w.write("empty.txt", "");
    w.write("blank.txt", " \n\r\n\t\n");
    // Only the menu and print links of a page: nothing an aligner could use.
    w.write(
        "chrome.txt",
        "Menu Content/Inhalt\nГлавная arrow Публикации\nПечать E-mail\n",
    );
    w.write("b.txt", "A visit by the Prime Minister.");
    for (file, cause) in [
        ("empty.txt", "no text"),
        ("blank.txt", "no text"),
        ("chrome.txt", "no article text"),
    ] {
        let mut split = w.bitext();
        split.args(["split", "--lang", "ru", file]);
        fails(&w, &mut split, file, cause, "none");
        let mut c = align(&w, file, "b.txt", "m.tmx");
        let cause = if file == "chrome.txt" { cause } else { "empty" };
        fails(&w, &mut c, file, cause, "m.tmx");
    }
}

#[test]
fn a_truncated_memory_is_an_error_naming_its_last_line() {
    let w = Workdir::new();
    w.write(
        "cut.tmx",
        "<tmx version=\"1.4\">\n<header/>\n<body><tu><tuv xml:lang=\"ru\"><seg>x</seg></tuv>",
    );
    let mut c = w.bitext();
    c.args(["convert", "cut.tmx", "-o", "out.csv"]);
    fails(
        &w,
        &mut c,
        "cut.tmx",
        "line 3: the document ends before </tmx>",
        "out.csv",
    );
}

#[test]
fn a_table_cut_inside_a_quoted_field_is_an_error() {
    let w = Workdir::new();
    w.write(
        "cut.csv",
        "document,link,src_index,tgt_index,score,ru,en,status\n\
         a,1-1,0,0,0.9,Первое.,First.,ok\n\
         a,1-1,1,1,0.8,\"Второе, с запятой.\",\"Second, with",
    );
    let mut c = w.bitext();
    c.args(["convert", "cut.csv", "-o", "m.tmx"]);
    fails(
        &w,
        &mut c,
        "cut.csv",
        "line 3: a quoted field is never closed",
        "m.tmx",
    );
}

#[test]
fn a_closed_pipe_ends_quietly() {
    // `bitext split big.txt | head -1`: the reader stops early; bitext ends with status 0 and
    // says nothing. The same for a review table written to standard output.
    let w = Workdir::new();
    let sentence = "Договор подписан в Москве, и стороны довольны итогами. ";
    w.write("big.txt", sentence.repeat(40_000));
    let ru: String = (0..3000)
        .map(|k| format!("Договор номер {k} подписан в Москве.\n"))
        .collect();
    let en: String = (0..3000)
        .map(|k| format!("Treaty number {k} was signed in Moscow.\n"))
        .collect();
    w.write("a.ru.txt", &ru);
    w.write("a.en.txt", &en);
    for args in [
        "split --lang ru big.txt",
        "align a.ru.txt a.en.txt --format csv -o -",
    ] {
        let script = format!(
            "set -o pipefail; '{}' {args} 2>err.txt | head -1 >/dev/null",
            env!("CARGO_BIN_EXE_bitext")
        );
        let status = Command::new("bash")
            .args(["-c", &script])
            .current_dir(w.path(""))
            .status()
            .unwrap();
        let err = w.read("err.txt");
        assert!(status.success(), "{args}: exit status {status}: {err}");
        assert_eq!(err, "", "{args}");
    }
}

#[test]
fn language_codes_are_normalised_and_codes_of_no_language_refused() {
    let w = Workdir::new();
    let ru = corpus("pairs/yamal-lng.ru.txt");
    let en = corpus("pairs/yamal-lng.en.txt");
    let align = |src_lang: &str, tgt_lang: &str, out: &str| {
        let mut c = w.bitext();
        c.arg("align").arg(&ru).arg(&en).args([
            "-o",
            out,
            "--src-lang",
            src_lang,
            "--tgt-lang",
            tgt_lang,
        ]);
        c
    };
    // ISO 639-2 codes are the two-letter languages: nothing is set aside as foreign text.
    let (code, _, err) = run(&mut align("rus", "eng", "m.tmx"));
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = run(&mut align("ru", "en", "n.tmx"));
    assert_eq!(code, 0, "{err}");
    let tmx = w.read("m.tmx");
    assert!(
        tmx.contains("srclang=\"ru\"") && !tmx.contains("\"rus\""),
        "{tmx}"
    );
    assert_eq!(
        tmx.matches("<tu ").count(),
        w.read("n.tmx").matches("<tu ").count()
    );
    let (code, _, err) = run(&mut align("RUS", "en", "a.csv"));
    assert_eq!(code, 0, "{err}");
    assert!(!w.read("a.csv").contains(",chrome"));
    // A code that names no language.
    let (code, _, err) = run(&mut align("xx", "en", "x.tmx"));
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("'xx'") && err.contains("names no language"),
        "{err}"
    );
    assert!(!w.path("x.tmx").exists());
    // Cyrillic text declared as a language of another script.
    let file = ru.file_name().unwrap().to_str().unwrap();
    fails(
        &w,
        &mut align("ur", "en", "u.tmx"),
        file,
        "the text is in Cyrillic script, but ur is written in Arabic script",
        "u.tmx",
    );
}

/// An output named like one of the documents read is refused before anything is written:
/// the document stays as it was.
#[test]
fn an_output_over_an_input_is_refused() {
    let w = Workdir::new();
    w.write("a.ru.txt", "Договор подписан в Москве. Стороны довольны.\n");
    w.write(
        "a.en.txt",
        "The treaty was signed in Moscow. Both sides are pleased.\n",
    );
    for args in [
        ["-o", "a.ru.txt", "--format", "tmx"],
        ["-o", "x.tmx", "--report", "a.en.txt"],
    ] {
        let (code, _, err) = run(w
            .bitext()
            .args(["align", "a.ru.txt", "a.en.txt"])
            .args(args));
        assert_eq!(code, 2, "{args:?}");
        assert!(err.contains("this is an input of the run"), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    assert!(w.read("a.ru.txt").starts_with("Договор"));
    assert!(w.read("a.en.txt").starts_with("The treaty"));
    assert!(!w.path("x.tmx").exists());
}
