//! Translation memories: TMX and review tables written, read back and converted.

use bitext::tm::{read_units, Unit};
use bitext::Lang;

use crate::workdir::{corpus, repo, run, write_review_csv, Workdir};

fn langs() -> (Lang, Lang) {
    (Lang::parse("ru").unwrap(), Lang::parse("en").unwrap())
}

fn align_to(w: &Workdir, out: &str) {
    let (code, _, err) = run(w
        .bitext()
        .args(["align", "-o", out])
        .arg(corpus("pairs/abe-visit-2013.ru.txt"))
        .arg(corpus("pairs/abe-visit-2013.en.txt")));
    assert_eq!(code, 0, "{err}");
}

#[test]
fn tmx_has_the_required_header_and_one_tu_per_pair() {
    let w = Workdir::new();
    align_to(&w, "m.tmx");
    let tmx = w.read("m.tmx");
    for attr in [
        "creationtool=\"bitext\"",
        "creationtoolversion=",
        "segtype=\"sentence\"",
        "o-tmf=",
        "adminlang=",
        "srclang=\"ru\"",
        "datatype=\"plaintext\"",
        "creationdate=\"",
    ] {
        assert!(tmx.contains(attr), "missing {attr}");
    }
    assert!(!tmx.contains("type=\"file\""));
    assert!(tmx.contains("<prop type=\"x-document\">abe-visit-2013</prop>"));
    let units = read_units(&w.path("m.tmx"), &langs().0, &langs().1).unwrap();
    assert!(units.len() > 25);
    assert!(units.iter().all(|u| u.is_pair() && u.link.is_some()));
    assert_eq!(tmx.matches("<tu ").count(), units.len());
    assert_eq!(tmx.matches("xml:lang=\"ru\"").count(), units.len());
}

#[test]
fn tmx_to_csv_to_tmx_keeps_every_text() {
    let w = Workdir::new();
    align_to(&w, "a.tmx");
    for (from, to) in [
        ("a.tmx", "b.csv"),
        ("b.csv", "c.tmx"),
        ("c.tmx", "d.jsonl"),
        ("d.jsonl", "e.tsv"),
        ("e.tsv", "f.tmx"),
    ] {
        let (code, _, err) = run(w.bitext().args(["convert", from, "-o", to]));
        assert_eq!(code, 0, "{from} -> {to}: {err}");
    }
    let texts = |f: &str| -> Vec<(String, String)> {
        read_units(&w.path(f), &langs().0, &langs().1)
            .unwrap()
            .into_iter()
            .map(|u| (u.src, u.tgt))
            .collect()
    };
    assert_eq!(texts("a.tmx"), texts("f.tmx"));
    assert!(
        w.read("b.csv").starts_with('\u{feff}'),
        "CSV starts with a BOM for spreadsheets"
    );
}

#[test]
fn reviewed_csv_edits_reach_the_memory() {
    let w = Workdir::new();
    align_to(&w, "review.csv");
    let (src, tgt) = langs();
    let mut rows = read_units(&w.path("review.csv"), &src, &tgt).unwrap();
    let pairs: Vec<usize> = rows
        .iter()
        .enumerate()
        .filter(|(_, u)| u.is_pair())
        .map(|(k, _)| k)
        .collect();
    rows[pairs[1]].status = bitext::tm::review::Status::Rejected;
    rows[pairs[2]].tgt = "An edited translation.".into();
    let rejected = rows[pairs[1]].clone();
    write_review_csv(&w.path("edited.csv"), &rows);
    let (code, _, err) = run(w.bitext().args(["convert", "edited.csv", "-o", "m.tmx"]));
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("left out 1 row marked reject"), "{err}");
    let units: Vec<Unit> = read_units(&w.path("m.tmx"), &src, &tgt).unwrap();
    assert_eq!(units.len(), pairs.len() - 1);
    assert!(units.iter().any(|u| u.tgt == "An edited translation."));
    assert!(!units
        .iter()
        .any(|u| u.src == rejected.src && u.tgt == rejected.tgt));
}

#[test]
fn hostile_text_is_escaped_and_forbidden_characters_counted() {
    let w = Workdir::new();
    let (code, _, err) = run(w
        .bitext()
        .arg("convert")
        .arg(repo().join("tests/data/hostile.csv"))
        .args(["-o", "h.tmx"]));
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("took out 2 characters"), "{err}");
    let tmx = w.read("h.tmx");
    assert!(tmx.contains("&lt;script&gt;") && tmx.contains("&amp;amp;") && !tmx.contains('\u{b}'));
    let units = read_units(&w.path("h.tmx"), &langs().0, &langs().1).unwrap();
    assert_eq!(units.len(), 5);
    assert!(units[0].src.contains("& < > \" '"));
    assert!(units[2].src.contains('🚀') && units[2].src.contains('\u{200f}'));
    assert_eq!(units[1].src, "Вертикальная табуляция из Word");
}

#[test]
fn duplicates_are_written_once_and_min_score_filters() {
    let w = Workdir::new();
    align_to(&w, "a.tmx");
    let (code, _, err) = run(w
        .bitext()
        .args(["convert", "a.tmx", "a.tmx", "-o", "both.tmx"]));
    assert_eq!(code, 0);
    assert!(err.contains("repeating an earlier one"), "{err}");
    assert_eq!(
        w.read("both.tmx").matches("<tu ").count(),
        w.read("a.tmx").matches("<tu ").count()
    );
    let (code, _, _) = run(w.bitext().args([
        "convert",
        "a.tmx",
        "a.tmx",
        "-o",
        "all.tmx",
        "--keep-duplicates",
    ]));
    assert_eq!(code, 0);
    assert_eq!(
        w.read("all.tmx").matches("<tu ").count(),
        2 * w.read("a.tmx").matches("<tu ").count()
    );
    let (code, _, err) = run(w.bitext().args([
        "convert",
        "a.tmx",
        "-o",
        "strict.tmx",
        "--min-score",
        "0.99",
    ]));
    assert_eq!(code, 0);
    assert!(err.contains("below --min-score"), "{err}");
    assert!(w.read("strict.tmx").matches("<tu ").count() < w.read("a.tmx").matches("<tu ").count());
}

#[test]
fn malformed_inputs_fail_with_line_and_cause_and_write_nothing() {
    let w = Workdir::new();
    w.write("broken.tmx", "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header/>\n<body><tu><tuv xml:lang=\"ru\"><seg>a</seg></tuv>\n</body></tmx>\n");
    w.write("entity.tmx", "<?xml version=\"1.0\"?>\n<!DOCTYPE tmx [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;\">]>\n<tmx version=\"1.4\"><header/><body><tu><tuv xml:lang=\"ru\"><seg>&b;</seg></tuv><tuv xml:lang=\"en\"><seg>x</seg></tuv></tu></body></tmx>\n");
    w.write(
        "fields.csv",
        "document,link,ru,en,status\nd,1-1,а,b,\nd,1-1,а,b\n",
    );
    w.write("nocol.csv", "document,link,ru\nd,1-1,а\n");
    w.write("other.tmx", "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header/><body><tu><tuv xml:lang=\"de\"><seg>a</seg></tuv><tuv xml:lang=\"fr\"><seg>b</seg></tuv></tu></body></tmx>\n");
    for (file, cause) in [
        ("broken.tmx", "line 4"),
        ("entity.tmx", "line 3"),
        ("fields.csv", "line 3: 4 fields where the header has 5"),
        ("nocol.csv", "missing column 'en'"),
        ("other.tmx", "no unit has both ru and en"),
    ] {
        let (code, _, err) = run(w.bitext().args(["convert", file, "-o", "out.tmx"]));
        assert_eq!(code, 2, "{file}: {err}");
        assert!(err.contains(file) && err.contains(cause), "{file}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            !w.path("out.tmx").exists(),
            "{file}: no output may be written"
        );
    }
    assert!(
        w.files().iter().all(|f| !f.ends_with(".part")),
        "no temporary files left: {:?}",
        w.files()
    );
}

#[test]
fn semicolon_csv_in_windows_1251_from_a_spreadsheet_converts() {
    let w = Workdir::new();
    let text = "Document;Link;RU;EN;Status\r\nd;1-1;«Газпром» и Абэ;Gazprom and Abe;ok\r\nd;1-1;Отклонено;Rejected;reject\r\n";
    w.write("excel.csv", encoding_rs::WINDOWS_1251.encode(text).0);
    let (code, _, err) = run(w.bitext().args(["convert", "excel.csv", "-o", "m.tmx"]));
    assert_eq!(code, 0, "{err}");
    let units = read_units(&w.path("m.tmx"), &langs().0, &langs().1).unwrap();
    assert_eq!(units.len(), 1);
    assert_eq!(units[0].src, "«Газпром» и Абэ");
}

#[test]
fn unwritable_output_is_a_clear_error() {
    let w = Workdir::new();
    let (code, _, err) = run(w
        .bitext()
        .args(["align", "-o", "no/such/folder/m.tmx"])
        .arg(corpus("pairs/abe-visit-2013.ru.txt"))
        .arg(corpus("pairs/abe-visit-2013.en.txt")));
    assert_eq!(code, 2);
    assert!(
        err.contains("no/such/folder/m.tmx") && err.contains("folder does not exist"),
        "{err}"
    );
}

#[test]
fn language_flags_pick_the_pair_from_a_multilingual_tmx() {
    let w = Workdir::new();
    w.write(
        "multi.tmx",
        "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header srclang=\"en-US\"/><body>\n\
         <tu><tuv xml:lang=\"en-US\"><seg>Gas talks</seg></tuv><tuv xml:lang=\"ru-RU\"><seg>Газовые переговоры</seg></tuv>\
         <tuv lang=\"de-DE\"><seg>Gasgespräche</seg></tuv></tu>\n</body></tmx>\n",
    );
    let (code, _, err) = run(w.bitext().args([
        "convert",
        "multi.tmx",
        "-o",
        "de-en.csv",
        "--src-lang",
        "de",
        "--tgt-lang",
        "en",
    ]));
    assert_eq!(code, 0, "{err}");
    let csv = w.read("de-en.csv");
    assert!(csv.contains("Gasgespräche,Gas talks"), "{csv}");
    let units = read_units(&w.path("multi.tmx"), &langs().0, &langs().1).unwrap();
    assert_eq!(
        (units[0].src.as_str(), units[0].tgt.as_str()),
        ("Газовые переговоры", "Gas talks")
    );
}

#[test]
fn delimiter_and_encoding_flags_override_detection() {
    let w = Workdir::new();
    let text = "document;link;ru;en;status\nd;1-1;Абэ, Путин и газ;Abe, Putin and gas;\n";
    w.write("t.csv", encoding_rs::WINDOWS_1251.encode(text).0);
    let (code, _, err) = run(w.bitext().args([
        "convert",
        "t.csv",
        "-o",
        "a.tmx",
        "--delimiter",
        ";",
        "--encoding",
        "cp1251",
    ]));
    assert_eq!(code, 0, "{err}");
    let units = read_units(&w.path("a.tmx"), &langs().0, &langs().1).unwrap();
    assert_eq!(units[0].src, "Абэ, Путин и газ");
    let (code, _, err) =
        run(w
            .bitext()
            .args(["convert", "t.csv", "-o", "b.tmx", "--delimiter", "tab"]));
    assert_eq!(code, 2);
    assert!(
        err.contains("t.csv") && err.contains("missing column"),
        "{err}"
    );
}

#[test]
fn xlsx_review_round_trips_through_bitext() {
    let w = Workdir::new();
    align_to(&w, "r.xlsx");
    align_to(&w, "r.csv");
    let (s, t) = langs();
    let (a, b) = (
        read_units(&w.path("r.xlsx"), &s, &t).unwrap(),
        read_units(&w.path("r.csv"), &s, &t).unwrap(),
    );
    assert_eq!(a, b);
    assert!(
        a.iter().any(|u| !u.is_pair()),
        "unaligned rows are in the workbook too"
    );
}

/// The values of one attribute on every `<tu>` of a TMX text.
fn tu_attrs(tmx: &str, name: &str) -> Vec<String> {
    tmx.lines()
        .filter(|l| l.trim_start().starts_with("<tu "))
        .map(|l| {
            let key = format!(" {name}=\"");
            let start = l.find(&key).unwrap_or_else(|| panic!("no {name} in {l}")) + key.len();
            l[start..start + l[start..].find('"').unwrap()].to_string()
        })
        .collect()
}

#[test]
fn units_carry_dates_creator_and_stable_ids() {
    let w = Workdir::new();
    let (code, _, err) = run(w
        .bitext()
        .args(["align", "-o", "m.tmx", "--creator", "Anna Petrova"])
        .args(["--src-lang", "ru-RU", "--tgt-lang", "en-GB"])
        .arg(corpus("pairs/abe-visit-2013.ru.txt"))
        .arg(corpus("pairs/abe-visit-2013.en.txt")));
    assert_eq!(code, 0, "{err}");
    let tmx = w.read("m.tmx");
    let n = tmx.matches("<tu ").count();
    assert!(n > 25);
    // Language variants as given, on the header and every side.
    assert!(tmx.contains("srclang=\"ru-RU\""));
    assert_eq!(tmx.matches("<tuv xml:lang=\"ru-RU\">").count(), n);
    assert_eq!(tmx.matches("<tuv xml:lang=\"en-GB\">").count(), n);
    for name in ["creationdate", "changedate"] {
        let dates = tu_attrs(&tmx, name);
        assert_eq!(dates.len(), n);
        for d in dates {
            let b = d.as_bytes();
            assert!(
                d.len() == 16 && b[8] == b'T' && b[15] == b'Z',
                "{name}={d} is not yyyymmddThhmmssZ"
            );
            assert!(d[..8]
                .chars()
                .chain(d[9..15].chars())
                .all(|c| c.is_ascii_digit()));
        }
    }
    assert!(tu_attrs(&tmx, "creationid")
        .iter()
        .all(|c| c == "Anna Petrova"));
    // Ids are unique, name the document and the positions, and survive a second run and a
    // round trip through convert.
    let ids = tu_attrs(&tmx, "tuid");
    let unique: std::collections::HashSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), n);
    assert!(ids.iter().all(|i| i.starts_with("abe-visit-2013:")));
    let (code, _, _) = run(w
        .bitext()
        .args(["align", "-o", "again.tmx"])
        .arg(corpus("pairs/abe-visit-2013.ru.txt"))
        .arg(corpus("pairs/abe-visit-2013.en.txt")));
    assert_eq!(code, 0);
    assert_eq!(tu_attrs(&w.read("again.tmx"), "tuid"), ids);
    let (code, _, _) = run(w.bitext().args([
        "convert",
        "m.tmx",
        "-o",
        "c.tmx",
        "--src-lang",
        "ru-RU",
        "--tgt-lang",
        "en-GB",
    ]));
    assert_eq!(code, 0);
    assert_eq!(tu_attrs(&w.read("c.tmx"), "tuid"), ids);
}

#[test]
fn a_side_longer_than_trados_takes_is_written_with_a_warning() {
    let w = Workdir::new();
    let ru = format!(
        "Короткое начало.\n\n{}конец.\n",
        "Это очень длинная часть предложения, ".repeat(70)
    );
    let en = format!(
        "A short start.\n\n{}the end.\n",
        "This is a very long part of a sentence, ".repeat(70)
    );
    w.write("long.ru.txt", &ru);
    w.write("long.en.txt", &en);
    let (code, _, err) =
        run(w
            .bitext()
            .args(["align", "long.ru.txt", "long.en.txt", "-o", "long.tmx"]));
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("warning: 1 units have a side longer than 2000 characters")
            && err.contains("long link 1:1"),
        "{err}"
    );
    let units = read_units(&w.path("long.tmx"), &langs().0, &langs().1).unwrap();
    assert!(units
        .iter()
        .any(|u| u.src.chars().count() > 2000 && u.tgt.chars().count() > 2000));
}

#[test]
fn a_column_whose_letters_became_question_marks_is_refused() {
    let w = Workdir::new();
    align_to(&w, "review.csv");
    // What a spreadsheet writes when it saves Cyrillic in a Western code page.
    let text: String = w
        .read("review.csv")
        .chars()
        .map(|c| {
            if ('а'..='я').contains(&c.to_lowercase().next().unwrap()) || c == 'ё' || c == 'Ё' {
                '?'
            } else {
                c
            }
        })
        .collect();
    w.write("mangled.csv", text);
    let (code, out, err) = run(w.bitext().args(["convert", "mangled.csv", "-o", "m.tmx"]));
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty());
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with(
            "bitext: mangled.csv: column 'ru' holds question marks where its letters were"
        ),
        "{err}"
    );
    assert!(!w.path("m.tmx").exists());
    // The table as written converts.
    let (code, _, err) = run(w.bitext().args(["convert", "review.csv", "-o", "m.tmx"]));
    assert_eq!(code, 0, "{err}");
}

#[test]
fn the_language_tags_of_a_tables_header_reach_the_memory() {
    let w = Workdir::new();
    w.write(
        "review.csv",
        "document,link,src_index,tgt_index,score,ru-RU,en-US,status\n\
         a,1-1,0,0,0.9,Визит завершён.,The visit is over.,\n",
    );
    for out in ["m.tmx", "m.xlsx"] {
        let input = if out == "m.tmx" {
            "review.csv"
        } else {
            "m.xlsx"
        };
        if out == "m.xlsx" {
            let (code, _, err) = run(w.bitext().args(["convert", "review.csv", "-o", "m.xlsx"]));
            assert_eq!(code, 0, "{err}");
        }
        let (code, _, err) = run(w.bitext().args(["convert", input, "-o", "t.tmx"]));
        assert_eq!(code, 0, "{err}");
        let tmx = w.read("t.tmx");
        assert!(tmx.contains("srclang=\"ru-RU\""), "{out}: {tmx}");
        assert!(
            tmx.contains("<tuv xml:lang=\"ru-RU\">") && tmx.contains("<tuv xml:lang=\"en-US\">"),
            "{out}: {tmx}"
        );
    }
    // A variant asked for on the command line is written as asked.
    let (code, _, err) = run(w.bitext().args([
        "convert",
        "review.csv",
        "-o",
        "u.tmx",
        "--tgt-lang",
        "en-GB",
    ]));
    assert_eq!(code, 0, "{err}");
    let tmx = w.read("u.tmx");
    assert!(
        tmx.contains("<tuv xml:lang=\"en-GB\">") && tmx.contains("<tuv xml:lang=\"ru-RU\">"),
        "{tmx}"
    );
}

/// A reviewer's work survives every conversion between tables and memories: the `review`
/// marks, the rows of a table written as a table, suggestions in JSON Lines, and text cut
/// by Word's line break.
#[test]
fn a_reviewers_marks_and_rows_survive_conversion() {
    let w = Workdir::new();
    let convert = |args: &[&str]| {
        let (code, _, err) = run(w.bitext().arg("convert").args(args));
        assert_eq!(code, 0, "{args:?}: {err}");
        err
    };
    w.write(
        "r.csv",
        "document,link,src_index,tgt_index,score,ru,en,status,review\n\
         d,1-1,0,0,,\"Да, конечно.\",\"Yes, of course.\",,edited\n\
         d,1-1,1,1,0.300,Привет мир.,Hello world.,ok,\n\
         d,1-1,2,2,0.900,Да.,Yes.,,\n\
         d,1-1,3,3,0.900,Да.,Yes.,reject,\n\
         d,1-1,4,4,0.900,Первая строка\u{b}вторая.,First line second.,,\n",
    );
    // Table to table: every row and every mark, repeated pairs included.
    convert(&["r.csv", "-o", "r2.csv"]);
    let again = read_units(&w.path("r2.csv"), &langs().0, &langs().1).unwrap();
    assert_eq!(again.len(), 5);
    assert_eq!(again[0].review.as_cell(), "edited");
    assert_eq!(again[3].status.as_cell(), "reject");
    // Then to a memory, and through a memory back to a table and a memory.
    convert(&["r2.csv", "-o", "m.tmx"]);
    let tmx = w.read("m.tmx");
    assert!(
        tmx.contains("<prop type=\"x-reviewed\">edited</prop>"),
        "{tmx}"
    );
    assert!(
        tmx.contains("<prop type=\"x-reviewed\">accepted</prop>"),
        "{tmx}"
    );
    assert!(tmx.contains("Первая строка вторая."), "{tmx}");
    convert(&["m.tmx", "-o", "m.csv"]);
    convert(&["m.csv", "-o", "m2.tmx"]);
    let tmx2 = w.read("m2.tmx");
    assert_eq!(
        tmx2.matches("x-reviewed").count(),
        tmx.matches("x-reviewed").count(),
        "{tmx2}"
    );
    // JSON Lines whose first row carries no suggestion: the accepted one still joins.
    w.write(
        "s.jsonl",
        "{\"document\":\"d\",\"link\":\"1-1\",\"src_index\":\"0\",\"tgt_index\":\"0\",\"score\":0.9,\"ru\":\"Один.\",\"en\":\"One.\",\"status\":\"\"}\n\
         {\"document\":\"d\",\"link\":\"1-0\",\"src_index\":\"1\",\"tgt_index\":\"\",\"score\":0.5,\"ru\":\"Два.\",\"en\":\"\",\"status\":\"ok\",\"suggest\":\"2\"}\n\
         {\"document\":\"d\",\"link\":\"1-1\",\"src_index\":\"2\",\"tgt_index\":\"1\",\"score\":0.9,\"ru\":\"Три.\",\"en\":\"Three.\",\"status\":\"\"}\n\
         {\"document\":\"d\",\"link\":\"0-1\",\"src_index\":\"\",\"tgt_index\":\"2\",\"score\":0.5,\"ru\":\"\",\"en\":\"Two.\",\"status\":\"\",\"suggest\":\"1\"}\n",
    );
    convert(&["s.jsonl", "-o", "s.tmx"]);
    let s = w.read("s.tmx");
    assert_eq!(s.matches("<tu ").count(), 3, "{s}");
    assert!(s.contains("<seg>Two.</seg>"), "{s}");
    convert(&["s.jsonl", "-o", "s.csv"]);
    assert!(w.read("s.csv").contains(",ok,,2\r\n") || w.read("s.csv").contains(",ok,,2\n"));
    // An accepted unaligned row whose suggestion names no row says so.
    w.write(
        "lone.csv",
        "document,link,src_index,tgt_index,score,ru,en,status,suggest\n\
         d,1-0,0,,0.500,Два.,,ok,03.апр\n\
         d,1-1,1,0,0.900,Три.,Three.,,\n",
    );
    let err = convert(&["lone.csv", "-o", "lone.tmx"]);
    assert!(err.contains("1 row marked ok with one side empty"), "{err}");
}

/// A text column named by another language's code is never taken for the one asked for.
#[test]
fn a_column_of_another_language_is_not_taken_for_the_source() {
    let w = Workdir::new();
    for (name, header) in [("uk.csv", "uk,en"), ("uk2.csv", "en,uk")] {
        w.write(name, format!("{header}\nДобрий день.,Good day.\n"));
        let (code, _, err) = run(w.bitext().args(["convert", name, "-o", "x.tmx"]));
        assert_ne!(code, 0);
        assert!(
            err.contains("the column 'uk' holds another language (give --src-lang uk)"),
            "{err}"
        );
        assert!(!w.path("x.tmx").exists());
    }
    let (code, _, err) =
        run(w
            .bitext()
            .args(["convert", "uk.csv", "-o", "x.tmx", "--src-lang", "uk"]));
    assert_eq!(code, 0, "{err}");
    assert!(w.read("x.tmx").contains("xml:lang=\"uk\""));
}

/// A workbook cell a spreadsheet turned into a date reaches the memory as that date, never as
/// Excel's serial day number (which an index cell would take for sentence 41592).
#[test]
fn workbook_dates_are_read_as_dates() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let w = Workdir::new();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let date = Format::new().set_num_format("dd.mm.yyyy");
    for (col, name) in [
        "document",
        "link",
        "src_index",
        "tgt_index",
        "score",
        "ru",
        "en",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(0, col as u16, *name).unwrap();
    }
    sheet.write_string(1, 0, "d").unwrap();
    sheet.write_string(1, 1, "1-1").unwrap();
    sheet
        .write_datetime_with_format(1, 2, ExcelDateTime::from_ymd(2025, 4, 3).unwrap(), &date)
        .unwrap();
    sheet.write_string(1, 3, "0").unwrap();
    sheet
        .write_datetime_with_format(1, 5, ExcelDateTime::from_ymd(2013, 11, 14).unwrap(), &date)
        .unwrap();
    sheet.write_string(1, 6, "November 14, 2013").unwrap();
    book.save(w.path("d.xlsx")).unwrap();
    let units = read_units(&w.path("d.xlsx"), &langs().0, &langs().1).unwrap();
    assert_eq!(units.len(), 1);
    assert_eq!(units[0].src, "2013-11-14");
    assert_eq!(units[0].src_index, None, "a date is no sentence index");
}

/// A column a reviewer added (`comment`) is not carried into the new table or memory, and
/// the warning names it, so the reviewer knows where their notes did not go.
#[test]
fn columns_a_review_table_does_not_hold_are_named() {
    let w = Workdir::new();
    w.write(
        "r.csv",
        "document,link,src_index,tgt_index,score,ru,en,status,comment\n\
         a,1-1,0,0,0.9,Мир.,Peace.,,check this\n",
    );
    let (code, _, err) = run(w.bitext().args(["convert", "r.csv", "-o", "r2.csv"]));
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("r.csv: left out a column that a review table does not hold: 'comment'"),
        "{err}"
    );
    assert!(w.read("r2.csv").contains("Мир.,Peace."));
    // A table of the review table's own columns gives no such warning.
    let (code, _, err) = run(w.bitext().args(["convert", "r2.csv", "-o", "r3.csv"]));
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("left out"), "{err}");
}
