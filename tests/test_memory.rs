//! What reaches the memory: reviewed, imported and repaired units, page chrome, and memories
//! passed through `convert` unchanged.

use bitext::tm::read_units;
use bitext::Lang;

use crate::workdir::{run, write_review_rows, Workdir};

fn langs() -> (Lang, Lang) {
    (Lang::parse("ru").unwrap(), Lang::parse("en").unwrap())
}

/// A memory as a CAT tool writes it: regional language tags, inline tags, unit attributes,
/// a note and a prop of its own, no scores.
const TRADOS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
<header creationtool="SDL Language Platform" creationtoolversion="8.1" o-tmf="SDL TM8 Format" datatype="xml" segtype="sentence" adminlang="en-US" srclang="ru-RU"/>
<body>
<tu tuid="17" creationdate="20240301T101500Z" changedate="20240302T080000Z" creationid="ANNA">
<prop type="x-Client">Institute</prop>
<note>checked by the editor</note>
<tuv xml:lang="ru-RU"><seg>Нажмите <bpt i="1">&lt;b&gt;</bpt>Сохранить<ept i="1">&lt;/b&gt;</ept>.</seg></tuv>
<tuv xml:lang="en-US"><seg>Click <bpt i="1">&lt;b&gt;</bpt>Save<ept i="1">&lt;/b&gt;</ept>.</seg></tuv>
</tu>
<tu tuid="18"><tuv xml:lang="ru-RU"><seg>Визит завершён.</seg></tuv><tuv xml:lang="en-US"><seg>The visit is over.</seg></tuv></tu>
</body>
</tmx>
"#;

#[test]
fn converting_a_memory_keeps_its_units_as_they_were() {
    let w = Workdir::new();
    w.write("trados.tmx", TRADOS);
    let (code, _, err) = run(w.bitext().args([
        "convert",
        "trados.tmx",
        "-o",
        "t2.tmx",
        "--min-score",
        "0.5",
    ]));
    assert_eq!(code, 0, "{err}");
    let out = w.read("t2.tmx");
    // Every unit, with its attributes, prop, note, inline tags and language tags.
    for kept in [
        r#"<tu tuid="17" creationdate="20240301T101500Z" changedate="20240302T080000Z" creationid="ANNA">"#,
        r#"<prop type="x-Client">Institute</prop>"#,
        "<note>checked by the editor</note>",
        r#"<seg>Click <bpt i="1">&lt;b&gt;</bpt>Save<ept i="1">&lt;/b&gt;</ept>.</seg>"#,
        r#"<tuv xml:lang="en-US">"#,
        r#"<tu tuid="18">"#,
        r#"srclang="ru-RU""#,
    ] {
        assert!(out.contains(kept), "lost {kept}:\n{out}");
    }
    assert_eq!(out.matches("<tu ").count(), 2);
    assert!(err.contains("wrote 2 units"), "{err}");
}

/// Units whose XML would make the new memory invalid are written again from their texts:
/// an entity only the source's DTD defines, a control character, TMX 1.1's `lang`, a
/// namespace prefix, a third language. The others are still copied as they were.
#[test]
fn units_that_cannot_be_copied_are_written_from_their_texts() {
    let w = Workdir::new();
    let tmx = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
<!DOCTYPE tmx [<!ENTITY ed \"the editor\">]>\n\
<tmx version=\"1.4\"><header creationtool=\"x\" creationtoolversion=\"1\" o-tmf=\"x\" datatype=\"plaintext\" segtype=\"sentence\" adminlang=\"en\" srclang=\"ru\"/><body>\n\
<tu><note>checked by &ed;</note><tuv xml:lang=\"ru\"><seg>Первый.</seg></tuv><tuv xml:lang=\"en\"><seg>First.</seg></tuv></tu>\n\
<tu><tuv xml:lang=\"ru\"><seg>Раз&#11;два.</seg></tuv><tuv xml:lang=\"en\"><seg>One two.</seg></tuv></tu>\n\
<tu><tuv lang=\"RU\"><seg>Третий.</seg></tuv><tuv lang=\"EN\"><seg>Third.</seg></tuv></tu>\n\
<tu><tuv xml:lang=\"de\"><seg>Vierter.</seg></tuv><tuv xml:lang=\"ru\"><seg>Четвёртый.</seg></tuv><tuv xml:lang=\"en\"><seg>Fourth.</seg></tuv></tu>\n\
<tu tuid=\"5\"><note>kept</note><tuv xml:lang=\"ru\"><seg>Пятый.</seg></tuv><tuv xml:lang=\"en\"><seg>Fifth.</seg></tuv></tu>\n\
</body></tmx>\n";
    w.write("in.tmx", tmx);
    let (code, _, err) = run(w.bitext().args(["convert", "in.tmx", "-o", "out.tmx"]));
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("wrote 4 units again from their texts"),
        "{err}"
    );
    let out = w.read("out.tmx");
    for gone in ["&ed;", "\u{b}", "&#11;", " lang=", "Vierter"] {
        assert!(!out.contains(gone), "{gone:?} in:\n{out}");
    }
    assert_eq!(out.matches("<tu ").count(), 5, "{out}");
    assert_eq!(out.matches("<tuv ").count(), 10, "{out}");
    assert!(out.contains("<tu tuid=\"5\"><note>kept</note>"), "{out}");
    let (s, t) = langs();
    let units = read_units(&w.path("out.tmx"), &s, &t).unwrap();
    let texts: Vec<&str> = units.iter().map(|u| u.tgt.as_str()).collect();
    assert_eq!(texts, ["First.", "One two.", "Third.", "Fourth.", "Fifth."]);
}

/// A memory saved as UTF-16, as Trados exports one, with or without its byte-order mark, is
/// read like a UTF-8 one.
#[test]
fn a_memory_in_utf16_is_read() {
    let w = Workdir::new();
    let xml = TRADOS.replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"");
    let le: Vec<u8> = xml.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = xml.encode_utf16().flat_map(u16::to_be_bytes).collect();
    w.write("le.tmx", [&[0xFF, 0xFE][..], &le].concat());
    w.write("be.tmx", [&[0xFE, 0xFF][..], &be].concat());
    w.write("bare.tmx", le);
    for name in ["le.tmx", "be.tmx", "bare.tmx"] {
        let (code, _, err) = run(w.bitext().args(["convert", name, "-o", "out.tmx"]));
        assert_eq!(code, 0, "{name}: {err}");
        let out = w.read("out.tmx");
        assert!(
            out.contains("<seg>The visit is over.</seg>"),
            "{name}: {out}"
        );
        assert!(
            out.contains("<prop type=\"x-Client\">Institute</prop>"),
            "{name}"
        );
        assert!(out.contains("srclang=\"ru-RU\""), "{name}: {out}");
    }
}

#[test]
fn min_score_never_drops_units_without_a_machine_score() {
    let w = Workdir::new();
    let (s, t) = langs();
    // The cells as a reviewer's spreadsheet saved them, mangled ones included.
    let row =
        |link: &str, si: &str, ti: &str, score: Option<f32>, src: &str, tgt: &str, status: &str| {
            let score = score.map(|s| format!("{s:.3}")).unwrap_or_default();
            ["d", link, si, ti, &score, src, tgt, status].map(str::to_string)
        };
    let rows = vec![
        // The aligner's doubtful link: left out below 0.5.
        row("1-1", "0", "0", Some(0.2), "Сомнительно.", "Doubtful.", ""),
        // The same score, accepted by a reviewer: kept.
        row("1-1", "1", "1", Some(0.2), "Проверено.", "Checked.", "ok"),
        // A row a reviewer added, no score: kept.
        row("", "", "", None, "Добавлено.", "Added.", ""),
        // An unaligned sentence a reviewer gave a partner: kept, with a link that fits.
        row("1-0", "3", "", None, "Исправлено.", "Repaired.", ""),
        // A link cell a spreadsheet turned into a date.
        row(
            "01.янв",
            "4-5",
            "4",
            Some(0.9),
            "Два. Предложения.",
            "Two sentences.",
            "",
        ),
    ];
    write_review_rows(&w.path("r.csv"), &rows);
    let (code, _, err) =
        run(w
            .bitext()
            .args(["convert", "r.csv", "-o", "m.tmx", "--min-score", "0.5"]));
    assert_eq!(code, 0, "{err}");
    let tmx = w.read("m.tmx");
    let units = read_units(&w.path("m.tmx"), &s, &t).unwrap();
    let srcs: Vec<&str> = units.iter().map(|u| u.src.as_str()).collect();
    assert_eq!(
        srcs,
        [
            "Проверено.",
            "Добавлено.",
            "Исправлено.",
            "Два. Предложения."
        ]
    );
    assert!(
        err.contains("left out 1 unit scoring below --min-score"),
        "{err}"
    );
    // The repaired row is no 1-0 with score 0; the mangled cell is not copied.
    assert!(!tmx.contains(">1-0<") && !tmx.contains("янв"), "{tmx}");
    assert!(tmx.contains("<prop type=\"x-link\">2-1</prop>"), "{tmx}");
    assert_eq!(tmx.matches("x-score").count(), 0, "{tmx}");
}

#[test]
fn common_spellings_of_reject_drop_a_row_and_unknown_ones_warn() {
    let w = Workdir::new();
    let (s, t) = langs();
    let statuses = ["delete", "нет", "Rejected", "maybe", "ок"];
    let rows: Vec<[String; 8]> = statuses
        .iter()
        .enumerate()
        .map(|(k, st)| {
            [
                String::new(),
                "1-1".into(),
                k.to_string(),
                k.to_string(),
                "0.900".into(),
                format!("Предложение {k}."),
                format!("Sentence {k}."),
                st.to_string(),
            ]
        })
        .collect();
    write_review_rows(&w.path("r.csv"), &rows);
    let (code, _, err) = run(w.bitext().args(["convert", "r.csv", "-o", "m.tmx"]));
    assert_eq!(code, 0, "{err}");
    let kept: Vec<String> = read_units(&w.path("m.tmx"), &s, &t)
        .unwrap()
        .into_iter()
        .map(|u| u.tgt)
        .collect();
    assert_eq!(kept, ["Sentence 3.", "Sentence 4."]);
    assert!(err.contains("left out 3 rows marked reject"), "{err}");
    assert!(
        err.contains("warning: kept 1 row whose status is not ok or reject: maybe"),
        "{err}"
    );
}

#[test]
fn page_chrome_is_listed_for_review_but_kept_out_of_the_memory() {
    let w = Workdir::new();
    let ru = "Главная arrow Публикации\nПечать E-mail\n\nВизит премьер-министра Японии в Россию.\n\nПереговоры прошли в Москве.\n";
    let en = "Home arrow Publications\nПечать E-mail\n\nThe Japanese Prime Minister's visit to Russia.\n\nThe talks were held in Moscow.\n";
    w.write("a.ru.txt", ru);
    w.write("a.en.txt", en);
    let (code, _, err) = run(w
        .bitext()
        .args(["align", "a.ru.txt", "a.en.txt", "-o", "m.tmx"]));
    assert_eq!(code, 0, "{err}");
    let tmx = w.read("m.tmx");
    assert!(!tmx.contains("Печать"), "chrome in the memory:\n{tmx}");
    assert!(tmx.contains("The talks were held in Moscow."));
    let (code, _, _) = run(w
        .bitext()
        .args(["align", "a.ru.txt", "a.en.txt", "-o", "r.csv"]));
    assert_eq!(code, 0);
    let review = w.read("r.csv");
    assert!(
        review
            .lines()
            .any(|l| l.contains("Печать") && l.ends_with(",chrome,,")),
        "{review}"
    );
    let (code, _, _) = run(w.bitext().args([
        "align",
        "a.ru.txt",
        "a.en.txt",
        "-o",
        "k.tmx",
        "--keep-chrome",
    ]));
    assert_eq!(code, 0);
    assert!(w.read("k.tmx").contains("Печать"));
}

#[test]
fn a_russian_sentence_full_of_latin_brand_names_is_text() {
    let w = Workdir::new();
    let ru = "Каталог мебели.\n\nКресло Poäng Birch Veneer 68х82 см.\n\nСтол Lisabo Ash Veneer 140х78 см.\n\nДоставка по всей России.\n";
    let en = "Furniture catalogue.\n\nPoäng armchair, birch veneer, 68x82 cm.\n\nLisabo table, ash veneer, 140x78 cm.\n\nDelivery all over Russia.\n";
    w.write("a.ru.txt", ru);
    w.write("a.en.txt", en);
    let (code, _, err) = run(w
        .bitext()
        .args(["align", "a.ru.txt", "a.en.txt", "-o", "m.tmx"]));
    assert_eq!(code, 0, "{err}");
    let tmx = w.read("m.tmx");
    assert!(tmx.contains("Кресло Poäng Birch Veneer 68х82 см."), "{tmx}");
    assert!(tmx.contains("Стол Lisabo Ash Veneer 140х78 см."), "{tmx}");
    assert_eq!(tmx.matches("<tu ").count(), 4, "{tmx}");
    // Catalogue titles end in no full stop: they are text when they link well.
    w.write(
        "b.ru.txt",
        "Каталог мебели на весну.\n\nКресло Poäng Birch Veneer 68х82 см\n\nСтол Lisabo Ash Veneer 140х78 см\n\nДоставка по всей России бесплатно.\n",
    );
    w.write(
        "b.en.txt",
        "Furniture catalogue for spring.\n\nPoang armchair Birch Veneer 68x82 cm\n\nLisabo table Ash Veneer 140x78 cm\n\nFree delivery all over Russia.\n",
    );
    let (code, _, err) = run(w
        .bitext()
        .args(["align", "b.ru.txt", "b.en.txt", "-o", "b.tmx"]));
    assert_eq!(code, 0, "{err}");
    let tmx = w.read("b.tmx");
    assert!(tmx.contains("Кресло Poäng Birch Veneer 68х82 см<"), "{tmx}");
    assert_eq!(tmx.matches("<tu ").count(), 4, "{tmx}");
}

#[test]
fn units_of_another_tools_memory_have_no_score_in_a_table_and_what_it_drops_is_named() {
    let w = Workdir::new();
    w.write("trados.tmx", TRADOS);
    let (code, _, err) = run(w
        .bitext()
        .args(["convert", "trados.tmx", "-o", "review.csv"]));
    assert_eq!(code, 0, "{err}");
    let table = w.read("review.csv");
    let rows: Vec<&str> = table.lines().skip(1).collect();
    assert_eq!(rows.len(), 2, "{table}");
    // No score is an empty cell, never 0.000: the rows do not sort as the worst.
    assert!(!table.contains("0.000"), "{table}");
    assert!(rows.iter().all(|r| r.contains(",,")), "{table}");
    let warning = err
        .lines()
        .find(|l| l.contains("cannot hold"))
        .unwrap_or_else(|| panic!("no warning: {err}"));
    for what in ["inline tags", "notes", "props", "tuid"] {
        assert!(warning.contains(what), "{warning}");
    }
    assert!(warning.contains("2 units"), "{warning}");
    // The same in a workbook, and back: still no score.
    let (code, _, err) = run(w
        .bitext()
        .args(["convert", "trados.tmx", "-o", "review.xlsx"]));
    assert_eq!(code, 0, "{err}");
    let (s, t) = langs();
    for file in ["review.csv", "review.xlsx"] {
        let units = read_units(&w.path(file), &s, &t).unwrap();
        assert_eq!(units.len(), 2);
        assert!(units.iter().all(|u| u.score.is_none()), "{file}: {units:?}");
    }
    // A memory bitext wrote loses nothing in a table: no warning.
    let ru = crate::workdir::corpus("pairs/yamal-lng.ru.txt");
    let en = crate::workdir::corpus("pairs/yamal-lng.en.txt");
    let (code, _, err) = run(w
        .bitext()
        .arg("align")
        .arg(&ru)
        .arg(&en)
        .args(["-o", "m.tmx"]));
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = run(w.bitext().args(["convert", "m.tmx", "-o", "m.csv"]));
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("cannot hold"), "{err}");
    // Every row keeps its score (the fifth cell).
    assert!(w
        .read("m.csv")
        .lines()
        .skip(1)
        .all(|l| l.split(',').nth(4).is_some_and(|s| !s.is_empty())));
}
