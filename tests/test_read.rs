//! Reading documents: encodings, line endings, page noise and bad input, through the binary.

use crate::workdir::{corpus, run, shared_or_skip, Workdir};

const RU: &str = "Визит премьер-министра Японии в Россию.\nОн стал первым за десять лет.\n\n\"Газпром\" ждёт инвестиций на 40 млрд долл.\n";

fn split(w: &Workdir, file: &str, extra: &[&str]) -> (i32, String, String) {
    let mut args = vec!["split", "--lang", "ru", file];
    args.extend_from_slice(extra);
    run(w.bitext().args(&args))
}

#[test]
fn every_encoding_reads_to_the_same_sentences() {
    let w = Workdir::new();
    w.write("utf8.txt", RU);
    let (_, expected, _) = split(&w, "utf8.txt", &[]);
    assert_eq!(expected.lines().filter(|l| !l.is_empty()).count(), 3);
    let cp1251 = encoding_rs::WINDOWS_1251.encode(RU).0.into_owned();
    let koi8 = encoding_rs::KOI8_R.encode(RU).0.into_owned();
    let mut bom_crlf = b"\xEF\xBB\xBF".to_vec();
    bom_crlf.extend_from_slice(RU.replace('\n', "\r\n").as_bytes());
    let mut utf16 = vec![0xFF, 0xFE];
    for u in RU.encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    for (name, bytes) in [
        ("cp1251.txt", cp1251),
        ("koi8.txt", koi8),
        ("bom.txt", bom_crlf),
        ("utf16.txt", utf16),
    ] {
        w.write(name, &bytes);
        let (code, out, err) = split(&w, name, &[]);
        assert_eq!(code, 0, "{name}: {err}");
        assert_eq!(out, expected, "{name}");
    }
}

#[test]
fn encoding_flag_overrides_detection() {
    let w = Workdir::new();
    w.write("koi8.txt", encoding_rs::KOI8_R.encode(RU).0);
    let (_, forced, _) = split(&w, "koi8.txt", &["--encoding", "windows-1251"]);
    assert!(
        !forced.contains("Визит"),
        "decoded as windows-1251 the KOI8-R text must be garbled"
    );
    let (_, right, _) = split(&w, "koi8.txt", &["--encoding", "koi8-r"]);
    assert!(right.contains("Визит премьер-министра"));
}

#[test]
fn seed_page_with_drop_foreign_keeps_only_the_article() {
    let w = Workdir::new();
    let Some(seed) = shared_or_skip("seed/institute-article.en.txt") else {
        return;
    };
    let (code, out, _) = run(w
        .bitext()
        .args(["split", "--lang", "en", "--drop-foreign"])
        .arg(&seed));
    assert_eq!(code, 0);
    for chrome in [
        "Menu Content",
        "Главная",
        "Печать",
        "16.05.2013 г.",
        "Пред.",
        "Институт",
    ] {
        assert!(!out.contains(chrome), "page chrome left: {chrome}");
    }
    assert!(out.starts_with("Japanese Prime Minister Abe’s visit to Russia\n"));
    assert!(out.trim_end().ends_with("This is an abridged version of an article which appeared here in Russia Beyond the Headlines."));
    // Without the flag the chrome is kept (and only marked).
    let (_, kept, _) = run(w.bitext().args(["split", "--lang", "en"]).arg(&seed));
    assert!(kept.contains("« Пред."));
}

#[test]
fn windows_1251_english_with_typographic_quotes_is_read() {
    let w = Workdir::new();
    let (code, out, err) = run(w
        .bitext()
        .args(["split", "--lang", "en"])
        .arg(corpus("pairs/amur-border-trade.en.txt")));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains('“') || out.contains('’') || out.contains('–'));
}

#[test]
fn bad_input_gets_one_line_errors_and_exit_code_2() {
    let w = Workdir::new();
    w.write("empty.txt", "");
    w.write("blank.txt", "  \n\n ");
    w.write(
        "binary.bin",
        [0x7f, b'E', b'L', b'F', 0, 0, 1, 2, 3, 0, 0xff],
    );
    w.write(
        "junk.txt",
        b"ab\xa6\xb6cd ef\xbc\xb0gh ij\xa4\xb5kl mn\xa7\xb1op qr\xa9\xbest",
    );
    std::fs::create_dir(w.path("folder")).unwrap();
    let cases = [
        ("missing.txt", "No such file or directory"),
        ("folder", "Is a directory"),
        ("empty.txt", "empty"),
        ("blank.txt", "empty"),
        ("binary.bin", "binary"),
        ("junk.txt", "not valid UTF-8"),
    ];
    for (file, cause) in cases {
        let (code, out, err) = run(w.bitext().args(["align", file, file]));
        assert_eq!(code, 2, "{file}: {err}");
        assert!(out.is_empty());
        assert_eq!(err.lines().count(), 1, "{file}: {err}");
        assert!(err.contains(file) && err.contains(cause), "{file}: {err}");
    }
}

/// A corpus article with the punctuation every Cyrillic code page holds.
fn plain_article() -> String {
    std::fs::read_to_string(corpus("pairs/abe-visit-2013.ru.txt"))
        .unwrap()
        .chars()
        .map(|c| match c {
            '«' | '»' | '„' | '“' | '”' => '"',
            '—' | '–' => '-',
            '\u{a0}' => ' ',
            '№' => 'N',
            c => c,
        })
        .collect()
}

#[test]
fn every_cyrillic_code_page_and_bomless_utf16_read_as_utf8_does() {
    let w = Workdir::new();
    let article = plain_article();
    w.write("utf8.txt", &article);
    let (code, expected, _) = split(&w, "utf8.txt", &[]);
    assert_eq!(code, 0);
    assert!(expected.lines().count() > 20);
    let mut files: Vec<(&str, Vec<u8>)> = [
        ("iso-8859-5.txt", encoding_rs::ISO_8859_5),
        ("mac.txt", encoding_rs::X_MAC_CYRILLIC),
        ("cp866.txt", encoding_rs::IBM866),
        ("koi8.txt", encoding_rs::KOI8_R),
    ]
    .into_iter()
    .map(|(name, enc)| {
        let (bytes, _, unmappable) = enc.encode(&article);
        assert!(!unmappable, "{name}");
        (name, bytes.into_owned())
    })
    .collect();
    files.push((
        "utf16le.txt",
        article.encode_utf16().flat_map(u16::to_le_bytes).collect(),
    ));
    files.push((
        "utf16be.txt",
        article.encode_utf16().flat_map(u16::to_be_bytes).collect(),
    ));
    for (name, bytes) in files {
        w.write(name, &bytes);
        let (code, out, err) = split(&w, name, &[]);
        assert_eq!(code, 0, "{name}: {err}");
        assert_eq!(out, expected, "{name}");
        assert!(!err.contains("warning"), "{name}: {err}");
    }
}

#[test]
fn garbled_text_is_repaired_with_a_warning_or_refused() {
    let w = Workdir::new();
    let article = std::fs::read_to_string(corpus("pairs/abe-visit-2013.ru.txt")).unwrap();
    let (garbled, _, _) = encoding_rs::WINDOWS_1251.decode(article.as_bytes());
    assert!(garbled.contains("РЎ") || garbled.contains("Р°"));
    w.write("garbled.ru.txt", garbled.as_bytes());
    w.write(
        "abe.en.txt",
        std::fs::read(corpus("pairs/abe-visit-2013.en.txt")).unwrap(),
    );
    let (code, _, err) = run(w.bitext().args([
        "align",
        "garbled.ru.txt",
        "abe.en.txt",
        "-o",
        "ok.tmx",
        "--quiet",
    ]));
    assert_eq!(code, 0, "{err}");
    let out = w.read("ok.tmx");
    assert!(
        err.contains("garbled.ru.txt") && err.contains("repaired"),
        "{err}"
    );
    assert!(out.contains("Абэ"), "{out}");
    assert!(!out.contains("Р°Р"), "garbled text reached the memory");
    // A copy an editor damaged (unknown characters replaced by '?') cannot be restored.
    let damaged = garbled.replacen("Рѕ", "Р?", 5);
    w.write("damaged.ru.txt", damaged.as_bytes());
    let (code, out, err) =
        run(w
            .bitext()
            .args(["align", "damaged.ru.txt", "abe.en.txt", "-o", "m.tmx"]));
    assert_eq!(code, 2, "{out}");
    assert!(
        err.contains("damaged.ru.txt") && err.contains("garbled"),
        "{err}"
    );
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(!w.path("m.tmx").exists());
}

#[test]
fn each_side_of_align_takes_its_own_encoding() {
    let w = Workdir::new();
    let ru = std::fs::read_to_string(corpus("pairs/abe-visit-2013.ru.txt")).unwrap();
    let en = std::fs::read_to_string(corpus("pairs/abe-visit-2013.en.txt")).unwrap();
    w.write("ru.txt", encoding_rs::KOI8_R.encode(&ru).0);
    w.write("en.txt", encoding_rs::WINDOWS_1252.encode(&en).0);
    let align = |extra: &[&str]| {
        let mut args = vec!["align", "ru.txt", "en.txt", "-o", "out.csv"];
        args.extend_from_slice(extra);
        let (code, _, err) = run(w.bitext().args(&args));
        (
            code,
            err,
            std::fs::read_to_string(w.path("out.csv")).unwrap_or_default(),
        )
    };
    let (code, err, table) = align(&["--src-encoding", "koi8-r", "--tgt-encoding", "cp1252"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        table.contains("Синдзо Абэ") && table.contains("Japan’s"),
        "{table}"
    );
    // One encoding for both sides garbles the English quotes.
    let (_, _, table) = align(&["--encoding", "koi8-r"]);
    assert!(table.contains("Синдзо Абэ") && !table.contains("Japan’s"));
}

#[test]
fn text_in_capitals_is_read_in_its_own_code_page() {
    let w = Workdir::new();
    let caps = plain_article().to_uppercase();
    w.write("utf8.txt", &caps);
    let (code, expected, _) = split(&w, "utf8.txt", &[]);
    assert_eq!(code, 0);
    // In capitals alone, KOI8-R reads as small letters of windows-1251 and the other way round.
    for (name, enc) in [
        ("koi8.txt", encoding_rs::KOI8_R),
        ("cp1251.txt", encoding_rs::WINDOWS_1251),
    ] {
        let (bytes, _, unmappable) = enc.encode(&caps);
        assert!(!unmappable, "{name}");
        w.write(name, &bytes);
        let (code, out, err) = split(&w, name, &[]);
        assert_eq!(code, 0, "{name}: {err}");
        assert_eq!(out, expected, "{name}");
    }
}

/// Text in capitals alone reads in its own code page (windows-1251 capitals are KOI8-R small
/// letters of other sounds, and the other way round), and a page saved again as UTF-8 that
/// still declares windows-1251 reads as UTF-8, with a warning.
#[test]
fn capitals_and_a_stale_charset_declaration_read_right() {
    let w = Workdir::new();
    let caps =
        "ВНИМАНИЕ! ПРИ ПОЖАРЕ НЕМЕДЛЕННО ПОКИНЬТЕ ЗДАНИЕ ПО ЛЕСТНИЦЕ. НЕ ПОЛЬЗУЙТЕСЬ ЛИФТОМ.";
    for (name, enc) in [
        ("cp.txt", encoding_rs::WINDOWS_1251),
        ("koi.txt", encoding_rs::KOI8_R),
    ] {
        w.write(name, enc.encode(caps).0);
        let (code, out, err) = split(&w, name, &[]);
        assert_eq!(code, 0, "{err}");
        assert_eq!(out.lines().count(), 3, "{name}: {out}");
        assert!(out.starts_with("ВНИМАНИЕ!"), "{name}: {out}");
    }
    w.write(
        "m.html",
        "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">\
         </head><body><p>Это первое предложение. Это второе.</p></body></html>",
    );
    let (code, out, err) = split(&w, "m.html", &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "Это первое предложение.\nЭто второе.\n");
    assert!(
        err.contains("declares windows-1251 but its text is UTF-8"),
        "{err}"
    );
}
