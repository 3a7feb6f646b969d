//! The splitter on external golden rules and on the hard cases of article text.

use bitext::segment::split_text;
use bitext::Lang;

use crate::workdir::{run, shared_or_skip, Workdir};

/// Exact-match accuracy of the built-in splitter on a golden JSONL set.
fn golden(file: &str, lang: &str) -> Option<(usize, usize, Vec<String>)> {
    let path = shared_or_skip(&format!("eval/segment/{file}"))?;
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let lang = Lang::parse(lang).unwrap();
    let (mut ok, mut total, mut wrong) = (0, 0, Vec::new());
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let rec: serde_json::Value = serde_json::from_str(line).unwrap();
        let expected: Vec<String> = rec["expected"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect();
        let got = split_text(rec["text"].as_str().unwrap(), &lang);
        let squash = |v: &[String]| {
            v.iter()
                .map(|s| s.split_whitespace().collect::<String>())
                .collect::<Vec<_>>()
        };
        total += 1;
        if squash(&got) == squash(&expected) {
            ok += 1;
        } else {
            wrong.push(rec["id"].as_str().unwrap().to_string());
        }
    }
    Some((ok, total, wrong))
}

#[test]
fn golden_english_at_least_95_percent() {
    let Some((ok, total, wrong)) = golden("golden_en.jsonl", "en") else {
        return;
    };
    assert!(ok * 100 >= total * 95, "{ok}/{total}, wrong: {wrong:?}");
}

#[test]
fn golden_russian_all_exact() {
    let Some((ok, total, wrong)) = golden("golden_ru.jsonl", "ru") else {
        return;
    };
    assert_eq!(ok, total, "wrong: {wrong:?}");
}

#[test]
fn razdel_units_at_least_90_percent() {
    let Some((ok, total, wrong)) = golden("razdel_unit.jsonl", "ru") else {
        return;
    };
    assert!(ok * 100 >= total * 90, "{ok}/{total}, wrong: {wrong:?}");
}

fn ru(text: &str) -> Vec<String> {
    split_text(text, &Lang::parse("ru").unwrap())
}

fn en(text: &str) -> Vec<String> {
    split_text(text, &Lang::parse("en").unwrap())
}

#[test]
fn year_abbreviation_ends_a_sentence_before_a_new_one() {
    assert_eq!(
        ru("Соглашение подписано в 2013 г. Оно вступило в силу."),
        ["Соглашение подписано в 2013 г.", "Оно вступило в силу."]
    );
    assert_eq!(
        ru("16.05.2013 г. Стороны подписали протокол."),
        ["16.05.2013 г.", "Стороны подписали протокол."]
    );
    assert_eq!(
        ru("Переговоры велись с 2004 г. В 2006 г. стороны подписали меморандум."),
        [
            "Переговоры велись с 2004 г.",
            "В 2006 г. стороны подписали меморандум."
        ]
    );
}

#[test]
fn year_phrase_before_the_subject_does_not_end_a_sentence() {
    for s in [
        "Принятый в 2010 г. Базовый план предусматривал рост.",
        "12 февраля 2013 г. КНДР провела испытание.",
        "Кроме того, в 2012 г. Москва согласилась.",
    ] {
        assert_eq!(ru(s), [s]);
    }
}

#[test]
fn abbreviations_initials_and_numbers_do_not_break() {
    for s in [
        "Д. В. Стрельцов, т. е. автор, и В. В. Путин обсудили проекты на 40 млрд долл. и т. н. газовый вопрос.",
        "Объем инвестиций составил 3,5% ВВП, т.е. около 1 000,5 млн руб.",
        "Mr. Abe met V. V. Putin in the U.S. Government building at 5 p.m. on US$40 billion e.g. gas.",
    ] {
        let lang = if s.starts_with('M') { en(s) } else { ru(s) };
        assert_eq!(lang, [s]);
    }
}

#[test]
fn quotes_dashes_and_ellipses() {
    assert_eq!(
        ru("«Мы готовы. Но не сейчас», — сказал он. Потом ушёл."),
        ["«Мы готовы. Но не сейчас», — сказал он.", "Потом ушёл."]
    );
    assert_eq!(
        en("He said: “We are ready.” Then he left… Nobody followed?! No."),
        [
            "He said: “We are ready.”",
            "Then he left…",
            "Nobody followed?!",
            "No."
        ]
    );
}

#[test]
fn split_command_prints_sentences_and_paragraphs() {
    let w = Workdir::new();
    w.write("a.txt", "Первое предложение. Второе!\n\nНовый абзац.\n");
    let (code, out, _) = run(w.bitext().args(["split", "a.txt"]));
    assert_eq!(code, 0);
    assert_eq!(out, "Первое предложение.\nВторое!\n\nНовый абзац.\n");
}

#[test]
fn srx_rules_replace_the_built_in_ones() {
    let w = Workdir::new();
    // A rule set that breaks after every period followed by a space: "Mr." breaks too.
    w.write(
        "rules.srx",
        r#"<?xml version="1.0"?>
<srx version="2.0" xmlns="http://www.lisa.org/srx20"><header segmentsubflows="yes" cascade="yes"/>
<body><languagerules>
<languagerule languagerulename="English">
<rule break="no"><beforebreak>\bDr\.</beforebreak><afterbreak>\s</afterbreak></rule>
<rule break="yes"><beforebreak>\.</beforebreak><afterbreak>\s</afterbreak></rule>
</languagerule></languagerules>
<maprules><languagemap languagepattern="EN.*" languagerulename="English"/></maprules></body></srx>"#,
    );
    w.write("a.txt", "Mr. Smith met Dr. Jones. They talked.");
    let (code, out, err) =
        run(w
            .bitext()
            .args(["split", "--lang", "en", "--srx", "rules.srx", "a.txt"]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "Mr.\nSmith met Dr. Jones.\nThey talked.\n");
    let (_, builtin, _) = run(w.bitext().args(["split", "--lang", "en", "a.txt"]));
    assert_eq!(builtin, "Mr. Smith met Dr. Jones.\nThey talked.\n");
}
