//! HTML pages: decoding by the page's declaration, blocks and line breaks, chrome, the
//! bundled CMS pages aligned like their clean texts.

use crate::workdir::{corpus, run, Workdir};

const PAGE: &str = r#"<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Визит</title>
<style>p { color: red }</style><script>var menu = "Скрипт";</script></head>
<body>
<nav class="menu"><a href="/">Главная</a> | <a href="/news">Новости</a></nav>
<div id="content">
<h1>Визит в Москву</h1>
<p>Премьер-министр Японии прибыл в Москву 29&nbsp;апреля.
Он провёл переговоры&nbsp;&mdash; первые за&nbsp;десять лет.<br>
Стороны договорились о новых встречах.</p>
<!-- Комментарий разработчика -->
<p>Первая строка абзаца<br><br>Второй абзац после двух переносов.</p>
<form><input value="Поиск"><button>Найти</button></form>
<ul><li>Газ и нефть.</li><li>Рыболовство.</li></ul>
</div>
<footer>Institute of Far Eastern Studies</footer>
</body></html>"#;

fn split(w: &Workdir, args: &[&str]) -> (i32, String, String) {
    run(w.bitext().arg("split").args(args))
}

#[test]
fn html_blocks_line_breaks_entities_and_dropped_parts() {
    let w = Workdir::new();
    w.write("page.html", PAGE);
    let (code, out, err) = split(&w, &["--lang", "ru", "page.html"]);
    assert_eq!(code, 0, "{err}");
    // Entities decoded, a single <br> inside the paragraph (not a sentence end), two <br>
    // a new paragraph, list items their own paragraphs.
    // (no-break spaces become spaces, as the splitter treats them in text files).
    assert!(
        out.contains("Премьер-министр Японии прибыл в Москву 29 апреля.\nОн провёл переговоры — первые за десять лет.\nСтороны договорились о новых встречах.\n\nПервая строка абзаца\n\nВторой абзац после двух переносов.\n\nГаз и нефть.\n\nРыболовство.\n"),
        "{out}"
    );
    for gone in ["Скрипт", "color", "Комментарий", "Поиск", "Найти"] {
        assert!(!out.contains(gone), "{gone} must not be read: {out}");
    }
    // Without --drop-foreign the chrome is shown (marked); with it, only the article.
    assert!(out.contains("Главная"));
    let (code, out, err) = split(
        &w,
        &[
            "--lang",
            "ru",
            "--drop-foreign",
            "--show-dropped",
            "page.html",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("Визит в Москву\n\nПремьер-министр"),
        "{out}"
    );
    assert!(
        !out.contains("Главная") && !out.contains("Institute"),
        "{out}"
    );
    assert!(err.contains("dropped: Главная | Новости"), "{err}");
    assert!(
        err.contains("dropped: Institute of Far Eastern Studies"),
        "{err}"
    );
}

#[test]
fn html_is_decoded_by_its_meta_declaration() {
    let w = Workdir::new();
    let body = "<p>Приграничная торговля в Приамурье выросла вдвое за пять лет.</p>";
    for (name, enc, decl) in [
        (
            "cp1251.html",
            encoding_rs::WINDOWS_1251,
            r#"<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">"#,
        ),
        (
            "koi8.html",
            encoding_rs::KOI8_R,
            r#"<meta charset="koi8-r">"#,
        ),
    ] {
        let page = format!("<html><head>{decl}<title>t</title></head><body>{body}</body></html>");
        w.write(name, enc.encode(&page).0);
        let (code, out, err) = split(&w, &["--lang", "ru", name]);
        assert_eq!(code, 0, "{name}: {err}");
        assert_eq!(
            out, "Приграничная торговля в Приамурье выросла вдвое за пять лет.\n",
            "{name}"
        );
    }
    // A page that declares KOI8-R is read as KOI8-R, even when windows-1251 would also
    // give Cyrillic letters: the declaration wins over detection.
    let page =
        format!("<html><head><meta charset=\"windows-1251\"></head><body>{body}</body></html>");
    w.write("says1251.html", encoding_rs::KOI8_R.encode(&page).0);
    let (_, out, _) = split(&w, &["--lang", "ru", "says1251.html"]);
    assert!(
        !out.contains("Приграничная"),
        "declared windows-1251 must be used: {out}"
    );
}

#[test]
fn format_comes_from_the_content_with_a_warning_and_an_override() {
    let w = Workdir::new();
    w.write("page.txt", PAGE);
    let (code, out, err) = split(&w, &["--lang", "ru", "--drop-foreign", "page.txt"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("page.txt: the content is HTML, not plain text as the extension says"),
        "{err}"
    );
    assert!(out.starts_with("Визит в Москву\n"), "{out}");
    // --input-format txt reads the markup as text.
    let (code, out, err) = split(&w, &["--lang", "ru", "--input-format", "txt", "page.txt"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("<h1>Визит в Москву</h1>"), "{out}");
    assert!(!err.contains("warning"), "{err}");
}

#[test]
fn html_page_without_article_text_is_an_error() {
    let w = Workdir::new();
    w.write(
        "empty.html",
        "<html><head><title>Главная</title><script>x()</script></head><body><nav><a href=/>Главная</a></nav></body></html>",
    );
    let (code, out, err) =
        run(w
            .bitext()
            .args(["align", "empty.html", "empty.html", "-o", "out.tmx"]));
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("bitext: empty.html: no article text in this HTML page"),
        "{err}"
    );
    assert!(!w.path("out.tmx").exists());
}

/// The bundled CMS pages (menus, breadcrumbs, print/e-mail buttons, CMS date line, footer in
/// the other language; one pair in windows-1251) align exactly as their clean texts do.
#[test]
fn bundled_html_pages_align_like_the_clean_pairs() {
    let w = Workdir::new();
    let html = corpus("html");
    let names: Vec<String> = std::fs::read_dir(&html)
        .unwrap()
        .filter_map(|e| {
            let n = e.unwrap().file_name().into_string().unwrap();
            n.strip_suffix(".ru.html").map(str::to_string)
        })
        .collect();
    assert!(names.len() >= 4, "{names:?}");
    for d in ["txt", "html"] {
        std::fs::create_dir_all(w.path(d)).unwrap();
    }
    for n in &names {
        for l in ["ru", "en"] {
            let txt = format!("{n}.{l}.txt");
            std::fs::copy(corpus("pairs").join(&txt), w.path("txt").join(&txt)).unwrap();
        }
    }
    let (code, _, err) = run(w
        .bitext()
        .args(["batch", "txt", "-o", "out-txt", "--quiet"]));
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = run(w
        .bitext()
        .args(["batch", "-o", "out-html", "--quiet"])
        .arg(&html));
    assert_eq!(code, 0, "{err}");
    let txt = w.read("out-txt/review.csv");
    let page = w.read("out-html/review.csv");
    assert!(txt.lines().count() > 150);
    assert_eq!(
        page, txt,
        "units of the HTML pages differ from the clean pairs'"
    );
}

/// Seconds `bitext split` takes on `file`, and its output.
fn timed(w: &Workdir, file: &str) -> (f64, String) {
    let started = std::time::Instant::now();
    let (code, out, err) = split(w, &["--lang", "en", file]);
    assert_eq!(code, 0, "{file}: {err}");
    (started.elapsed().as_secs_f64(), out)
}

#[test]
fn deep_nesting_reads_in_time_linear_in_the_page() {
    let w = Workdir::new();
    let n = 200_000;
    let text = "<p>The talks lasted two days. They ended in Moscow.</p>";
    let deep = format!(
        "<html><body>{}{text}{}</body></html>",
        "<div>".repeat(n),
        "</div>".repeat(n)
    );
    let flat = format!(
        "<html><body>{}{text}</body></html>",
        "<div></div>".repeat(n)
    );
    assert_eq!(deep.len(), flat.len());
    w.write("deep.html", &deep);
    w.write("flat.html", &flat);
    // Legacy shapes: unclosed elements, inline nests, tables in cells.
    w.write(
        "unclosed.html",
        format!(
            "<html><body>{}{text}</body></html>",
            "<div><font><b>".repeat(n / 3)
        ),
    );
    w.write(
        "tables.html",
        format!(
            "<html><body>{}{text}</body></html>",
            "<table><tr><td>".repeat(n / 3)
        ),
    );
    // `<div/>` opens a div (the slash counts in SVG only), and `<!-->` is a whole comment.
    w.write(
        "slashed.html",
        format!("<html><body>{}{text}</body></html>", "<div/>".repeat(n)),
    );
    w.write(
        "comment.html",
        format!(
            "<html><body><!-->{}{text}{}<!-- --></body></html>",
            "<div>".repeat(n / 2),
            "</div>".repeat(n / 2)
        ),
    );
    let (flat_time, flat_out) = timed(&w, "flat.html");
    assert_eq!(
        flat_out,
        "The talks lasted two days.\nThey ended in Moscow.\n"
    );
    for file in [
        "deep.html",
        "unclosed.html",
        "tables.html",
        "slashed.html",
        "comment.html",
    ] {
        let (time, out) = timed(&w, file);
        assert!(
            out.ends_with("The talks lasted two days.\nThey ended in Moscow.\n"),
            "{file}: {out}"
        );
        assert!(
            time < 3.0 * flat_time + 0.5,
            "{file}: {time:.2} s against {flat_time:.2} s for the flat page"
        );
    }
}

/// A page of the institute's kind, as Word exports it: note references in `<sup>` links,
/// notes in `<div id="ftn1">` with their back-links, a print bar and a menu.
const NOTES_PAGE: &str = r##"<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Визит премьер-министра</title></head>
<body>
<table class="nav"><tr><td><a href="/">Главная</a></td><td><a href="/pub">Публикации</a></td></tr></table>
<div id="content">
<h1 class="contentheading">Визит премьер-министра Японии в Россию</h1>
<div class="buttonbar"><a href="/print">Печать</a> | <a href="/mail">E-mail</a> | <a href="/share">Поделиться</a></div>
<p>Премьер-министр Японии Синдзо Абэ посетил Москву 29–30 апреля 2013 года.<a href="#_ftn1" name="_ftnref1"><sup>[1]</sup></a> Это был первый официальный визит японского премьера в Россию за десять лет.</p>
<p>Стороны договорились ускорить переговоры о мирном договоре.<sup><a href="#fn2" id="fnref2">2</a></sup> Переговоры продолжатся осенью в Токио, и министры встретятся ещё раз.</p>
<p>Газовое сотрудничество стало главной темой встречи лидеров двух стран, которые обсудили проекты в Якутии.</p>
<div id="ftn1"><p><a href="#_ftnref1" name="_ftn1">[1]</a> Визит состоялся по приглашению президента России.</p></div>
<section class="footnotes"><ol><li id="fn2"><p>Совместное заявление опубликовано на сайте МИД. <a href="#fnref2" class="footnote-back">↩</a></p></li></ol></section>
</div>
<div class="footer">Институт Дальнего Востока РАН</div>
</body></html>"##;

#[test]
fn html_footnote_references_leave_sentences_and_notes_follow_the_body() {
    let w = Workdir::new();
    w.write("notes.html", NOTES_PAGE);
    let (code, out, err) = split(&w, &["--lang", "ru", "--drop-foreign", "notes.html"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("29–30 апреля 2013 года.\nЭто был первый"),
        "the reference stays in the sentence: {out}"
    );
    assert!(
        out.contains("о мирном договоре.\nПереговоры продолжатся"),
        "{out}"
    );
    for gone in ["[1] Визит", "↩", "2 Переговоры", "договоре.2"] {
        assert!(!out.contains(gone), "{gone}: {out}");
    }
    // Notes after the body, each a paragraph, in their order.
    let body = out.find("проекты в Якутии.").expect("body");
    let first = out
        .find("Визит состоялся по приглашению")
        .expect("first note");
    let second = out
        .find("Совместное заявление опубликовано")
        .expect("second note");
    assert!(body < first && first < second, "{out}");
    assert!(
        out.ends_with("Совместное заявление опубликовано на сайте МИД.\n"),
        "{out}"
    );
    // With --no-notes they are left out, the body unchanged.
    let (code, bare, err) = split(
        &w,
        &["--lang", "ru", "--drop-foreign", "--no-notes", "notes.html"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        !bare.contains("Визит состоялся") && !bare.contains("Совместное"),
        "{bare}"
    );
    assert!(
        out.starts_with(&bare[..bare.len() - 1]),
        "{bare}\n---\n{out}"
    );
}

#[test]
fn html_print_and_share_bars_are_chrome_in_any_language() {
    let w = Workdir::new();
    w.write("notes.html", NOTES_PAGE);
    let (code, out, err) = split(
        &w,
        &[
            "--lang",
            "ru",
            "--drop-foreign",
            "--show-dropped",
            "notes.html",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        !out.contains("Печать") && !out.contains("Поделиться"),
        "{out}"
    );
    assert!(
        err.contains("dropped: Печать | E-mail | Поделиться"),
        "{err}"
    );
    // A short page (no article found) with bars of links and plain items.
    for (lang, page, bars, kept) in [
        (
            "ru",
            "<p>Премьер-министр Японии посетил Москву. Стороны договорились о встречах.</p>\n<div><a href=\"/p\">Печать</a> | <a href=\"/m\">E-mail</a> | Поделиться</div>\n<p>Газ и нефть.</p>",
            &["Печать | E-mail | Поделиться"][..],
            "Газ и нефть.",
        ),
        (
            "en",
            "<p>The prime minister of Japan visited Moscow. Both sides agreed to meet again.</p>\n<div>Share: <a href=\"/s\">Facebook</a> · <a href=\"/t\">Tweet</a> · <a href=\"/e\">Email</a></div>\n<p><a href=\"/p\">Print</a> <a href=\"/s\">Save</a></p>\n<p>Gas and oil. An area of 3,200 km<sup>2</sup> was named, as <a href=\"/r\">the report</a> says.</p>",
            &["Share: Facebook · Tweet · Email", "Print Save"][..],
            "Gas and oil.\nAn area of 3,200 km2 was named, as the report says.",
        ),
    ] {
        let page = format!(
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>{page}</body></html>"
        );
        w.write("bar.html", page);
        let (code, out, err) = split(
            &w,
            &["--lang", lang, "--drop-foreign", "--show-dropped", "bar.html"],
        );
        assert_eq!(code, 0, "{err}");
        for bar in bars {
            assert!(err.contains(&format!("dropped: {bar}\n")), "{bar}: {err}");
        }
        assert!(out.ends_with(&format!("\n\n{kept}\n")), "{out}");
    }
}

/// Captions and photo credits inside an article (`<figure>`, `<figcaption>`, an element
/// whose class or id names a caption or credit, a paragraph that is a credit line or ends
/// with one) are words about a picture, not the article's text; a page's own container that
/// names a caption feature in its class (`f_caption_on`) is not a caption.
/// The first four long paragraphs of a bundled English article, to set in a page.
fn article_paragraphs() -> Vec<String> {
    let text = std::fs::read_to_string(corpus("pairs").join("northern-sea-route.en.txt")).unwrap();
    let paras: Vec<String> = text
        .split("\n\n")
        .map(str::trim)
        .filter(|p| p.len() > 200)
        .take(4)
        .map(str::to_string)
        .collect();
    assert_eq!(paras.len(), 4);
    paras
}

/// Asserts that the split page `out` holds the first sentence of every paragraph given, and
/// returns its text with white space squeezed.
fn assert_kept<'a>(out: &str, paras: impl Iterator<Item = &'a str>) -> String {
    let squeezed = out.split_whitespace().collect::<Vec<_>>().join(" ");
    for p in paras {
        let first = p.split(". ").next().unwrap();
        assert!(squeezed.contains(first), "missing: {first}\n{out}");
    }
    squeezed
}

#[test]
fn html_figure_captions_and_credits_are_not_article_text() {
    let w = Workdir::new();
    let text = article_paragraphs();
    let paras: Vec<&str> = text.iter().map(String::as_str).collect();
    let captions = [
        "An icebreaker leads a tanker along the Northern Sea Route in September 2013.",
        "Photo: Rosatomflot press service",
        "The port of Sabetta under construction on the Yamal peninsula.",
        "Icebreakers escort a convoy in the eastern sector (Image: Rosatomflot)",
    ];
    let page = format!(
        r#"<!DOCTYPE html><html><head><meta charset="utf-8"><title>The Northern Sea Route</title></head>
<body class="single f_caption_on"><article><h1>The Northern Sea Route</h1>
<p>{}</p>
<figure><img src="ice.jpg" alt=""><figcaption>{}</figcaption></figure>
<p class="photo-credit">{}</p>
<p>{}</p>
<div class="wp-caption aligncenter"><img src="port.jpg" alt=""><p class="wp-caption-text">{}</p></div>
<p>{}</p>
<p>{}</p>
<p>{}</p>
</article></body></html>"#,
        paras[0], captions[0], captions[1], paras[1], captions[2], paras[2], captions[3], paras[3]
    );
    w.write("page.html", page);
    let (code, out, err) = split(
        &w,
        &[
            "--lang",
            "en",
            "--drop-foreign",
            "--show-dropped",
            "page.html",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let squeezed = assert_kept(&out, paras.iter().copied());
    for c in captions {
        assert!(!squeezed.contains(c), "caption kept: {c}\n{out}");
        assert!(err.contains(c), "caption not listed as dropped: {c}\n{err}");
    }
}

#[test]
fn html_widget_labels_copyright_and_publication_stamps_are_not_article_text() {
    let w = Workdir::new();
    let text = article_paragraphs();
    let paras: Vec<&str> = text.iter().map(String::as_str).collect();
    let widgets = [
        "Advertisement",
        "You may also like",
        "Subscribe to our newsletter",
        "Loading content ...",
        "Copyright © 2013 The Arctic Review. All rights reserved.",
        "Published 11:34 PM EST Nov 19, 2013",
    ];
    // Sentences of the article that use a widget's word stay: they are no labels.
    let kept = "Shipping firms that subscribe to the route's ice reports, the ministry said, \
                will be told of every convoy a week before it sails from Murmansk.";
    let short = [
        "Loading of the first tanker began in May.",
        "Norway did not sign up.",
        "14.11.2013",
        "It sailed at 10:30 on 14 May.",
    ];
    let page = format!(
        r#"<!DOCTYPE html><html><head><meta charset="utf-8"><title>The Northern Sea Route</title></head>
<body><article><h1>The Northern Sea Route</h1>
<p>{}</p>
<p>{}</p>
<div class="ad-slot"><p>{}</p></div>
<p>{}</p>
<p>{}</p>
<h3>{}</h3>
<p>{}</p>
<div class="box"><p>{}</p></div>
<p>{}</p>
<p>{}</p>
<p>{}</p>
<p>{}</p>
<p>{}</p>
<p>{}</p>
</article><footer><p>{}</p></footer></body></html>"#,
        widgets[5],
        paras[0],
        widgets[0],
        paras[1],
        kept,
        widgets[1],
        paras[2],
        widgets[2],
        widgets[3],
        paras[3],
        short[0],
        short[1],
        short[2],
        short[3],
        widgets[4]
    );
    w.write("page.html", page);
    let (code, out, err) = split(&w, &["--lang", "en", "--drop-foreign", "page.html"]);
    assert_eq!(code, 0, "{err}");
    let squeezed = assert_kept(&out, paras.iter().chain([&kept]).chain(&short).copied());
    for x in widgets {
        assert!(!squeezed.contains(x), "widget kept: {x}\n{out}");
    }
}

/// A page fragment saved as `.html` (no `<html>` or doctype, as a CMS export or a copied
/// block gives it) and a page saved as UTF-16 are read as HTML, tags and entities resolved.
#[test]
fn fragments_and_utf16_pages_are_read_as_html() {
    let w = Workdir::new();
    w.write(
        "frag.html",
        "<div class=\"text\">\n<p>Москва &mdash; столица России.</p>\n<p>Второй абзац.</p>\n</div>\n",
    );
    let (code, out, err) = split(&w, &["--lang", "ru", "frag.html"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "Москва — столица России.\n\nВторой абзац.\n");
    assert!(!err.contains("warning"), "{err}");
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in
        "<!DOCTYPE html><html><body><p>Москва &mdash; столица.</p></body></html>".encode_utf16()
    {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    w.write("wide.htm", utf16);
    let (code, out, err) = split(&w, &["--lang", "ru", "wide.htm"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "Москва — столица.\n");
    // The same fragment named as plain text stays plain text.
    w.write("frag.txt", "<p>\nПривет, мир.\n");
    let (_, out, _) = split(&w, &["--lang", "ru", "frag.txt"]);
    assert!(out.contains("Привет, мир."), "{out}");
}
