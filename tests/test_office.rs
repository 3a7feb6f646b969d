//! DOCX, ODT and PDF: hand-built files for each rule, bad files, and the corpus converted
//! by LibreOffice aligned like the text pairs (`make office-check`).

use std::io::Write;
use std::process::Command;

use crate::workdir::{corpus, run, Workdir};

fn zip(entries: &[(&str, &str)]) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        for (name, body) in entries {
            let opts = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Stored);
            z.start_file(*name, opts).unwrap();
            z.write_all(body.as_bytes()).unwrap();
        }
        z.finish().unwrap();
    }
    buf.into_inner()
}

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006""#;

fn docx(body: &str, footnotes: Option<&str>) -> Vec<u8> {
    let doc = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{body}</w:body></w:document>"#
    );
    let mut entries = vec![
        ("[Content_Types].xml", "<Types/>".to_string()),
        ("word/document.xml", doc),
    ];
    if let Some(n) = footnotes {
        entries.push((
            "word/footnotes.xml",
            format!(r#"<w:footnotes {W}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:t>SEPARATOR</w:t></w:r></w:p></w:footnote>{n}</w:footnotes>"#),
        ));
    }
    let refs: Vec<(&str, &str)> = entries.iter().map(|(a, b)| (*a, b.as_str())).collect();
    zip(&refs)
}

fn p(text: &str) -> String {
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

fn split(w: &Workdir, file: &str, extra: &[&str]) -> (i32, String, String) {
    run(w.bitext().args(["split", "--lang", "en", file]).args(extra))
}

#[test]
fn docx_body_order_changes_fields_hidden_text_boxes_and_notes() {
    let w = Workdir::new();
    let body = [
        "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:t>The visit</w:t></w:r></w:p>".to_string(),
        // Tracked changes accepted: the insertion read, the deletion not.
        "<w:p><w:r><w:t xml:space=\"preserve\">The prime minister </w:t></w:r><w:ins><w:r><w:t>finally </w:t></w:r></w:ins><w:del><w:r><w:delText>never </w:delText></w:r></w:del><w:r><w:t>came.</w:t></w:r><w:r><w:footnoteReference w:id=\"1\"/></w:r></w:p>".to_string(),
        // Hidden text, a comment mark and a field: its instruction left out, its result read.
        "<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>SECRET </w:t></w:r><w:r><w:t xml:space=\"preserve\">Talks lasted </w:t></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> DOCPROPERTY Days </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>two</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r><w:r><w:t xml:space=\"preserve\"> days.</w:t></w:r><w:r><w:commentReference w:id=\"0\"/></w:r></w:p>".to_string(),
        // A soft line break stays inside the paragraph.
        "<w:p><w:r><w:t>First line</w:t><w:br/><w:t>second line.</w:t></w:r></w:p>".to_string(),
        // A page break parts two words; a symbol of the Symbol font is its letter; a format
        // change that showed hidden text keeps the text shown.
        "<w:p><w:r><w:t>Page</w:t></w:r><w:r><w:br w:type=\"page\"/></w:r><w:r><w:t xml:space=\"preserve\">break at 20</w:t></w:r><w:r><w:sym w:font=\"Symbol\" w:char=\"F0B0\"/></w:r><w:r><w:rPr><w:b/><w:rPrChange w:id=\"5\" w:author=\"a\"><w:rPr><w:vanish/></w:rPr></w:rPrChange></w:rPr><w:t xml:space=\"preserve\"> shown</w:t></w:r><w:r><w:t>.</w:t></w:r></w:p>".to_string(),
        // A list item and a table of two cells.
        "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr><w:r><w:t>Gas and oil.</w:t></w:r></w:p>".to_string(),
        format!("<w:tbl><w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr></w:tbl>", p("Cell one."), p("Cell two.")),
        // A text box anchored in a paragraph, with the fallback copy Word also writes.
        format!("<w:p><w:r><w:t xml:space=\"preserve\">Before the box. </w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><w:txbxContent>{}</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>{}</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>", p("Inside the box."), p("Inside the box.")),
        p("Last paragraph."),
    ]
    .concat();
    let notes = r#"<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> A note on sources.</w:t></w:r></w:p></w:footnote>"#;
    w.write("a.docx", docx(&body, Some(notes)));
    let (code, out, err) = split(&w, "a.docx", &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "The visit\n\nThe prime minister finally came.\n\nTalks lasted two days.\n\nFirst line second line.\n\nPage break at 20° shown.\n\nGas and oil.\n\nCell one.\n\nCell two.\n\nBefore the box.\n\nInside the box.\n\nLast paragraph.\n\nA note on sources.\n"
    );
    let (_, out, _) = split(&w, "a.docx", &["--no-notes"]);
    assert!(out.ends_with("Last paragraph.\n"), "{out}");
}

#[test]
fn odt_notes_changes_annotations_and_line_breaks() {
    let w = Workdir::new();
    let content = r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" xmlns:xlink="http://www.w3.org/1999/xlink"><office:body><office:text><text:tracked-changes><text:changed-region text:id="c1"><text:deletion><text:p>never</text:p></text:deletion></text:changed-region></text:tracked-changes><text:h text:outline-level="1">Визит</text:h><text:p>Премьер-министр<text:s/>прибыл<text:change text:change-id="c1"/> в Москву.<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>Примечание автора.</text:p></text:note-body></text:note><office:annotation><text:p>Комментарий редактора</text:p></office:annotation></text:p><text:p>Первая строка<text:line-break/>вторая строка.</text:p><text:p>Схема<draw:frame draw:name="i1"><draw:image xlink:href="Pictures/a.png"/><svg:title>Заголовок рисунка</svg:title><svg:desc>Описание рисунка</svg:desc></draw:frame> маршрута.</text:p><text:list><text:list-item><text:p>Газ.</text:p></text:list-item></text:list><table:table><table:table-row><table:table-cell><text:p>Ячейка.</text:p></table:table-cell></table:table-row></table:table><text:p text:style-name="P1"><text:hidden-text text:string-value="x">Скрытый текст</text:hidden-text>Конец.</text:p></office:text></office:body></office:document-content>"#;
    w.write(
        "a.odt",
        zip(&[
            ("mimetype", "application/vnd.oasis.opendocument.text"),
            ("content.xml", content),
        ]),
    );
    let (code, out, err) = run(w.bitext().args(["split", "--lang", "ru", "a.odt"]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "Визит\n\nПремьер-министр прибыл в Москву.\n\nПервая строка вторая строка.\n\nСхема маршрута.\n\nГаз.\n\nЯчейка.\n\nКонец.\n\nПримечание автора.\n"
    );
    let (_, out, _) = run(w
        .bitext()
        .args(["split", "--lang", "ru", "--no-notes", "a.odt"]));
    assert!(!out.contains("Примечание"), "{out}");
}

/// One line naming the file and the cause, exit 2, no output file.
fn assert_rejected(w: &Workdir, file: &str, cause: &str) {
    let (code, out, err) = run(w.bitext().args(["align", file, file, "-o", "out.tmx"]));
    assert_eq!(code, 2, "{file}: {err}");
    assert!(out.is_empty());
    assert_eq!(err.lines().count(), 1, "{file}: {err}");
    assert!(err.starts_with(&format!("bitext: {file}: ")), "{err}");
    assert!(err.contains(cause), "{file}: expected '{cause}' in {err}");
    assert!(!w.path("out.tmx").exists(), "{file}: output written");
}

#[test]
fn corrupt_truncated_and_encrypted_office_files_are_named() {
    let w = Workdir::new();
    let good = docx(&p("A sentence of text."), None);
    w.write("truncated.docx", &good[..good.len() / 2]);
    assert_rejected(&w, "truncated.docx", "corrupt or truncated zip");
    let mut corrupt = good.clone();
    let mid = corrupt.len() / 3;
    corrupt[mid..mid + 40].fill(0x55);
    w.write("corrupt.docx", &corrupt);
    assert_rejected(&w, "corrupt.docx", "DOCX");
    w.write("other.docx", zip(&[("readme.txt", "hello")]));
    assert_rejected(&w, "other.docx", "not a DOCX file");
    let mut ole = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    ole.resize(512, 0);
    ole.extend("EncryptionInfo".encode_utf16().flat_map(u16::to_le_bytes));
    w.write("locked.docx", &ole);
    assert_rejected(&w, "locked.docx", "encrypted");
}

fn have(tool: &str) -> bool {
    Command::new(tool).arg("-v").output().is_ok()
}

#[test]
fn encrypted_scanned_and_broken_pdfs_are_named() {
    if !have("pdftotext") {
        println!("skipped: poppler's pdftotext not installed");
        return;
    }
    let w = Workdir::new();
    // A PDF whose only page is an image (a scan): no text layer.
    let image_pdf = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]/Resources<</XObject<</I 4 0 R>>>>/Contents 5 0 R>>endobj\n4 0 obj<</Type/XObject/Subtype/Image/Width 1/Height 1/ColorSpace/DeviceGray/BitsPerComponent 8/Length 1>>stream\n\x7f\nendstream endobj\n5 0 obj<</Length 26>>stream\nq 200 0 0 200 0 0 cm /I Do Q\nendstream endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";
    w.write("scan.pdf", image_pdf);
    assert_rejected(&w, "scan.pdf", "without a text layer");
    // A scan whose only text is a few marks: no text layer either, not an empty document.
    let marks = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]/Resources<</Font<</F1 4 0 R>>>>/Contents 5 0 R>>endobj\n4 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\n5 0 obj<</Length 38>>stream\nBT /F1 12 Tf 50 50 Td (- . -) Tj ET\nendstream endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";
    w.write("marks.pdf", marks);
    assert_rejected(&w, "marks.pdf", "without a text layer");
    w.write("broken.pdf", "%PDF-1.4\n1 0 obj<<garbage");
    assert_rejected(&w, "broken.pdf", "PDF");
    // Fonts whose map a PDF writer shifted: the text layer holds glyph codes, letters, digits
    // and marks mixed (as Ghostscript's pdfwrite left a Russian page set by pdfLaTeX).
    let shifted = "<;<F CD9@P9D-@<A<EFD4 3CBA<< %<A8;B 5Q 6 $BEE<R";
    assert_rejected(
        &w,
        &one_font_pdf(&w, "shifted.pdf", shifted),
        "reads as symbols",
    );
    // Fonts without a Unicode map (a PDF printed through PostScript): marks for letters.
    assert_rejected(
        &w,
        &one_font_pdf(&w, "marks2.pdf", "!\"#$#$ %& B') %( +!#%\"# $&A"),
        "reads as symbols",
    );
    // Words and figures read as text.
    let words = one_font_pdf(
        &w,
        "words.pdf",
        "Exports rose by 5.2% in 2013-2014, to 1 250 tonnes.",
    );
    let (code, out, err) = split(&w, &words, &[]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Exports rose by 5.2%"), "{out}");
}

/// Writes a one-page PDF whose text is `line` five times over in Helvetica, and returns its name.
fn one_font_pdf(w: &Workdir, name: &str, line: &str) -> String {
    let escaped = line
        .replace('\\', "\\\\")
        .replace('(', "\\(")
        .replace(')', "\\)");
    let content: String = (0..5)
        .map(|k| format!("BT /F1 12 Tf 40 {} Td ({escaped}) Tj ET\n", 300 - 20 * k))
        .collect();
    let pdf = format!(
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 600 400]/Resources<</Font<</F1 4 0 R>>>>/Contents 5 0 R>>endobj\n4 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\n5 0 obj<</Length {}>>stream\n{content}endstream endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
        content.len()
    );
    w.write(name, pdf);
    name.to_string()
}

#[test]
fn encrypted_pdf_is_named() {
    if !have("pdftotext") || !have("qpdf") {
        println!("skipped: poppler's pdftotext or qpdf not installed");
        return;
    }
    let w = Workdir::new();
    let src = w.write(
        "plain.pdf",
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
    );
    let status = Command::new("qpdf")
        .args(["--encrypt", "user", "owner", "256", "--"])
        .arg(&src)
        .arg(w.path("locked.pdf"))
        .output()
        .unwrap()
        .status;
    // qpdf exits 3 when it repaired the hand-written file: the output is there all the same.
    assert!(matches!(status.code(), Some(0 | 3)), "qpdf failed");
    assert_rejected(&w, "locked.pdf", "encrypted");
}

#[test]
fn pdf_lines_become_paragraphs_without_running_headers() {
    if !have("pdftotext") {
        println!("skipped: poppler's pdftotext not installed");
        return;
    }
    let w = Workdir::new();
    // Two pages of one paragraph with a running header and page numbers, drawn with
    // Helvetica (text operators only).
    let mut objs: Vec<String> = Vec::new();
    let page = |lines: &[&str], header: &str, number: &str| {
        let mut s = format!("BT /F 10 Tf 50 780 Td ({header}) Tj ET\n");
        for (k, l) in lines.iter().enumerate() {
            s += &format!("BT /F 11 Tf 50 {} Td ({l}) Tj ET\n", 700 - 14 * k as i32);
        }
        s += &format!("BT /F 10 Tf 290 30 Td ({number}) Tj ET\n");
        s
    };
    let c1 = page(
        &[
            "The summit in Vladivostok was the first time Russia had chaired the",
            "forum, and the delegations agreed on a long list of common aims for",
            "trade and investment in the region. The leaders met on Russky Is-",
        ],
        "Far Eastern Affairs",
        "1",
    );
    let c2 = page(
        &[
            "land, just off the city. It was also a showcase of the Russo-",
            "Japanese dialogue on energy.",
        ],
        "Far Eastern Affairs",
        "2",
    );
    objs.push("<</Type/Catalog/Pages 2 0 R>>".into());
    objs.push("<</Type/Pages/Kids[3 0 R 4 0 R]/Count 2>>".into());
    for c in [5, 6] {
        objs.push(format!("<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<</Font<</F 7 0 R>>>>/Contents {c} 0 R>>"));
    }
    for c in [&c1, &c2] {
        objs.push(format!("<</Length {}>>stream\n{c}endstream", c.len()));
    }
    objs.push("<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>".into());
    let mut pdf = String::from("%PDF-1.4\n");
    let mut offsets = Vec::new();
    for (k, o) in objs.iter().enumerate() {
        offsets.push(pdf.len());
        pdf += &format!("{} 0 obj{o}endobj\n", k + 1);
    }
    let xref = pdf.len();
    pdf += &format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1);
    for o in offsets {
        pdf += &format!("{o:010} 00000 n \n");
    }
    pdf += &format!(
        "trailer<</Size {}/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n",
        objs.len() + 1
    );
    w.write("two-pages.pdf", pdf);
    let (code, out, err) = split(&w, "two-pages.pdf", &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "The summit in Vladivostok was the first time Russia had chaired the forum, and the delegations agreed on a long list of common aims for trade and investment in the region.\nThe leaders met on Russky Island, just off the city.\nIt was also a showcase of the Russo-Japanese dialogue on energy.\n"
    );
}

/// Share of the aligned units (both sides non-empty) of `a` that are also in `b`.
fn identical(a: &str, b: &str) -> (usize, usize) {
    let units = |s: &str| -> Vec<(String, String, String)> {
        let mut r = csv::Reader::from_reader(s.trim_start_matches('\u{feff}').as_bytes());
        r.records()
            .map(|x| x.unwrap())
            .map(|x| (x[0].to_string(), x[5].to_string(), x[6].to_string()))
            .filter(|(_, ru, en)| !ru.is_empty() && !en.is_empty())
            .collect()
    };
    let (ua, ub) = (units(a), units(b));
    let set: std::collections::HashSet<_> = ub.iter().collect();
    (ua.iter().filter(|u| set.contains(u)).count(), ua.len())
}

/// The corpus converted by LibreOffice (one soffice call per format) aligns like the text
/// pairs: DOCX, ODT and HTML ≥ 99% identical units, PDF ≥ 95%. Run by `make office-check`.
#[test]
#[ignore = "needs LibreOffice Writer and poppler; run with make office-check"]
fn test_office_libreoffice_conversions_align_like_the_text_pairs() {
    let w = Workdir::new();
    std::fs::create_dir_all(w.path("txt")).unwrap();
    // LibreOffice reads the text pairs as UTF-8: bitext decodes them first.
    let mut inputs = Vec::new();
    for e in std::fs::read_dir(corpus("pairs")).unwrap() {
        let path = e.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let text = bitext::document::decode(&bytes, None).unwrap().text;
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        std::fs::write(w.path("txt").join(&name), text).unwrap();
        inputs.push(w.path("txt").join(&name));
    }
    let (code, _, err) = run(w
        .bitext()
        .args(["batch", "txt", "-o", "out-txt", "--quiet"]));
    assert_eq!(code, 0, "{err}");
    let reference = w.read("out-txt/review.csv");
    for (format, floor) in [("docx", 0.99), ("odt", 0.99), ("html", 0.99), ("pdf", 0.95)] {
        let status = Command::new("soffice")
            .args([
                "--headless",
                "--infilter=Text (encoded):UTF8,LF,,,",
                "--convert-to",
                format,
                "--outdir",
            ])
            .arg(w.path(format))
            .args(&inputs)
            .env("HOME", w.path("home"))
            .output()
            .expect("soffice");
        assert!(status.status.success(), "soffice --convert-to {format}");
        assert_eq!(
            std::fs::read_dir(w.path(format)).unwrap().count(),
            inputs.len()
        );
        let out = format!("out-{format}");
        let (code, _, err) = run(w.bitext().args(["batch", format, "-o", &out, "--quiet"]));
        assert_eq!(code, 0, "{format}: {err}");
        let (same, total) = identical(&reference, &w.read(&format!("{out}/review.csv")));
        let share = same as f64 / total as f64;
        println!(
            "{format}: {same}/{total} units identical ({:.1}%)",
            share * 100.0
        );
        assert!(share >= floor, "{format}: {same}/{total} units identical");
    }
}

#[test]
fn soft_hyphens_are_removed_in_every_format() {
    let w = Workdir::new();
    let shy =
        "The inter\u{ad}govern\u{ad}mental com\u{ad}mis\u{ad}sion met.\u{2060} It a\u{ad}greed.";
    let plain = "The intergovernmental commission met. It agreed.";
    w.write("a.txt", format!("{shy}\n"));
    w.write(
        "a.html",
        format!(
            "<!DOCTYPE html><html><body><article><p>{}</p></article></body></html>",
            shy.replace('\u{ad}', "&shy;")
        ),
    );
    let runs: Vec<String> = shy
        .split('\u{ad}')
        .map(|part| format!("<w:r><w:t xml:space=\"preserve\">{part}</w:t></w:r>"))
        .collect();
    w.write(
        "a.docx",
        docx(
            &format!("<w:p>{}</w:p>", runs.join("<w:r><w:softHyphen/></w:r>")),
            None,
        ),
    );
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text><text:p>{shy}</text:p></office:text></office:body></office:document-content>"#
    );
    w.write(
        "a.odt",
        zip(&[
            ("mimetype", "application/vnd.oasis.opendocument.text"),
            ("content.xml", &content),
        ]),
    );
    for file in ["a.txt", "a.html", "a.docx", "a.odt"] {
        let (code, out, err) = split(&w, file, &[]);
        assert_eq!(code, 0, "{file}: {err}");
        assert_eq!(out.replace('\n', " ").trim(), plain, "{file}");
    }
}

/// A DOCX whose `word/document.xml` is `repeat` copies of `para`, deflated.
fn deflated_docx(para: &str, repeat: usize) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(true);
        z.start_file("[Content_Types].xml", opts).unwrap();
        z.write_all(b"<Types/>").unwrap();
        z.start_file("word/document.xml", opts).unwrap();
        write!(z, r#"<?xml version="1.0"?><w:document {W}><w:body>"#).unwrap();
        let chunk = para.repeat(1000);
        for _ in 0..repeat / 1000 {
            z.write_all(chunk.as_bytes()).unwrap();
        }
        z.write_all(b"</w:body></w:document>").unwrap();
        z.finish().unwrap();
    }
    buf.into_inner()
}

#[test]
fn a_zip_bomb_is_refused_in_one_line_and_a_batch_goes_on() {
    let w = Workdir::new();
    // About 40 MB of empty paragraphs, packed a thousand times smaller.
    let bomb = deflated_docx("<w:p/>", 7_000_000);
    assert!(bomb.len() < 200_000, "{}", bomb.len());
    w.write("bomb.docx", &bomb);
    let started = std::time::Instant::now();
    let (code, _, err) = split(&w, "bomb.docx", &[]);
    assert_eq!(code, 2, "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("bitext: bomb.docx: word/document.xml inflates to 40 MB from")
            && err.contains("zip bomb")
            && err.contains("--max-inflate"),
        "{err}"
    );
    assert!(started.elapsed().as_secs_f64() < 2.0);
    // A lower limit refuses a smaller part; a higher one reads it.
    let (code, _, err) = split(&w, "bomb.docx", &["--max-inflate", "1024"]);
    assert_eq!(code, 2, "{err}");
    assert!(!err.contains("zip bomb") && err.contains("empty"), "{err}");
    let text = deflated_docx("<w:p><w:r><w:t>Слово.</w:t></w:r></w:p>", 100_000);
    w.write("text.docx", &text);
    let (code, _, err) = split(&w, "text.docx", &["--max-inflate", "1"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("inflates to") && err.contains("limit of 1 MB"),
        "{err}"
    );
    // In a batch the pair is reported and the others are aligned.
    w.write("c/bomb.ru.docx", &bomb);
    w.write("c/bomb.en.txt", "Word.");
    w.write(
        "c/a.ru.txt",
        std::fs::read(corpus("pairs/yamal-lng.ru.txt")).unwrap(),
    );
    w.write(
        "c/a.en.txt",
        std::fs::read(corpus("pairs/yamal-lng.en.txt")).unwrap(),
    );
    let (code, _, err) = run(w.bitext().args(["batch", "c", "-o", "out", "--quiet"]));
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("zip bomb") && err.contains("1 of 2 pairs failed"),
        "{err}"
    );
    assert!(w.read("out/memory.tmx").contains("x-document\">a<"));
}

/// A workbook that would fill memory is refused in one line, at once: a sheet that inflates
/// like a zip bomb, and one cell placed so far out that a reader would lay out billions.
#[test]
fn a_hostile_workbook_is_refused_in_one_line() {
    let w = Workdir::new();
    w.write(
        "good.csv",
        "document,link,src_index,tgt_index,score,ru,en,status\na,1-1,0,0,0.9,Мир.,Peace.,\n",
    );
    let (code, _, err) = run(w.bitext().args(["convert", "good.csv", "-o", "good.xlsx"]));
    assert_eq!(code, 0, "{err}");
    let good = std::fs::read(w.path("good.xlsx")).unwrap();
    let mut book = zip::ZipArchive::new(std::io::Cursor::new(good)).unwrap();
    let parts: Vec<(String, String)> = (0..book.len())
        .map(|k| {
            let mut f = book.by_index(k).unwrap();
            let mut body = String::new();
            std::io::Read::read_to_string(&mut f, &mut body).unwrap();
            (f.name().unwrap().into_owned(), body)
        })
        .collect();
    let rebuilt = |sheet: &dyn Fn(&str) -> String, deflate: bool| {
        let mut buf = std::io::Cursor::new(Vec::new());
        {
            let mut z = zip::ZipWriter::new(&mut buf);
            let method = if deflate {
                zip::CompressionMethod::Deflated
            } else {
                zip::CompressionMethod::Stored
            };
            let opts = zip::write::SimpleFileOptions::default()
                .compression_method(method)
                .large_file(true);
            for (name, body) in &parts {
                z.start_file(name.as_str(), opts).unwrap();
                let body: String = if name == "xl/worksheets/sheet1.xml" {
                    sheet(body.as_str())
                } else {
                    body.clone()
                };
                z.write_all(body.as_bytes()).unwrap();
            }
            z.finish().unwrap();
        }
        buf.into_inner()
    };
    let far = rebuilt(
        &|b: &str| {
            b.replace(
                "</sheetData>",
                r#"<row r="200000"><c r="XFD200000" t="inlineStr"><is><t>x</t></is></c></row></sheetData>"#,
            )
        },
        false,
    );
    w.write("far.xlsx", far);
    let (code, _, err) = run(w.bitext().args(["convert", "far.xlsx", "-o", "far.csv"]));
    assert_eq!(code, 2, "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("far.xlsx: xl/worksheets/sheet1.xml spans 200000 rows by 16384 columns"),
        "{err}"
    );
    let bomb = rebuilt(
        &|b: &str| {
            b.replace(
                "</sheetData>",
                &format!("{}</sheetData>", " ".repeat(300 << 20)),
            )
        },
        true,
    );
    assert!(bomb.len() < 2_000_000, "{}", bomb.len());
    w.write("bomb.xlsx", bomb);
    let (code, _, err) = run(w.bitext().args(["convert", "bomb.xlsx", "-o", "bomb.csv"]));
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("(a zip bomb?): refused") && !err.contains("--max-inflate"),
        "{err}"
    );
    assert!(!w.path("far.csv").exists() && !w.path("bomb.csv").exists());
}

/// The paragraphs `bitext split` prints (sentences joined again), white space squeezed.
fn split_paragraphs(out: &str) -> Vec<String> {
    out.split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect()
}

/// The corpus typeset as journal pages by the shared `journal-pdfs` tool (LibreOffice: two
/// justified columns with hyphenation, a running header and footer with page numbers,
/// footnotes under the columns, a bulleted list, bold headings) reads back as the text that
/// was typeset: the paragraphs in order, nothing of the page furniture, the footnotes after
/// the body (and left out with `--no-notes`). Run by `make office-check`.
#[test]
#[ignore = "needs LibreOffice Writer, its hyphenation patterns and poppler; run with make office-check"]
fn test_office_journal_pdfs_read_as_the_typeset_text() {
    let Some(tool) = crate::workdir::shared_or_skip("tools/journal-pdfs") else {
        return;
    };
    let w = Workdir::new();
    std::fs::create_dir_all(w.path("tmp")).unwrap();
    let status = Command::new(&tool)
        .arg(corpus("pairs"))
        .arg(w.path("pdf"))
        .args(["--seed", "7", "--limit", "6"])
        .env("TMPDIR", w.path("tmp"))
        .env("HOME", w.path("home"))
        .output()
        .expect("journal-pdfs");
    assert!(status.status.success(), "journal-pdfs failed");
    let (mut found, mut total, mut extra) = (0, 0, 0);
    let mut pdfs: Vec<_> = std::fs::read_dir(w.path("pdf"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    pdfs.sort();
    assert_eq!(pdfs.len(), 12);
    for pdf in &pdfs {
        let stem = pdf.file_stem().unwrap().to_str().unwrap().to_string();
        let lang = &stem[stem.len() - 2..];
        let squeeze = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let reference: Vec<String> = std::fs::read_to_string(pdf.with_extension("ref.txt"))
            .unwrap()
            .split("\n\n")
            .map(squeeze)
            .filter(|p| !p.is_empty())
            .collect();
        let notes: Vec<String> = std::fs::read_to_string(pdf.with_extension("notes.txt"))
            .unwrap()
            .lines()
            .map(squeeze)
            .filter(|p| !p.is_empty())
            .collect();
        let (code, out, err) = run(w.bitext().args(["split", "--lang", lang]).arg(pdf));
        assert_eq!(code, 0, "{stem}: {err}");
        let got = split_paragraphs(&out);
        // Footnotes follow the body, one paragraph each, their numbers gone.
        assert!(got.len() > notes.len(), "{stem}");
        assert_eq!(got[got.len() - notes.len()..], notes[..], "{stem}: notes");
        let body = &got[..got.len() - notes.len()];
        // The body paragraphs in the order they were typeset (a few may differ by a
        // hyphen the reader judged otherwise than the author wrote it).
        let mut at = 0;
        for p in body {
            match reference[at..].iter().position(|r| r == p) {
                Some(k) => {
                    at += k + 1;
                    found += 1;
                }
                None => extra += 1,
            }
            // No page numbers, footnote numbers, bullets or symbol-font glyphs.
            assert!(!p.chars().all(|c| c.is_ascii_digit()), "{stem}: {p}");
            assert!(
                !p.contains('•') && !p.chars().any(|c| ('\u{e000}'..='\u{f8ff}').contains(&c)),
                "{stem}: {p}"
            );
        }
        total += reference.len();
        let (code, out, err) = run(w
            .bitext()
            .args(["split", "--no-notes", "--lang", lang])
            .arg(pdf));
        assert_eq!(code, 0, "{stem}: {err}");
        assert_eq!(split_paragraphs(&out), body, "{stem}: --no-notes");
    }
    println!("journal PDFs: {found}/{total} paragraphs as typeset, {extra} others");
    assert!(found * 100 >= total * 95, "{found}/{total} paragraphs");
    assert!(
        extra * 100 <= total * 5,
        "{extra} paragraphs not in the text"
    );
}

/// The corpus typeset by pdfLaTeX (`scripts/latex-journal.py`: two columns, babel
/// hyphenation, a fancyhdr running head over the title, footnotes, an itemize list,
/// paragraphs told apart by their first-line indent only): each PDF pair aligns into the
/// units of the same text aligned as plain text, recall and precision 0.98 or more
/// (`scripts/journal-pdf-eval.py`). Run by `make office-check`, which installs TeX Live.
#[test]
#[ignore = "needs pdfLaTeX (Debian's texlive packages) and poppler; run with make office-check"]
fn test_office_latex_journal_pdfs_align_like_the_plain_text() {
    let w = Workdir::new();
    journal_units_match("latex", &w.path("pdf"));
}

/// The corpus printed by Chromium in other house styles aligns like the plain text: a gutter
/// of 0.35 cm (on an article's last page the text layer runs both columns' lines together
/// and the page shows no gutter of its own; it is read in the columns of the other pages);
/// paragraphs set apart by space with headings a point larger in bold; letters spaced so
/// that a line of one long word stops short. Run by `make office-check`.
#[test]
#[ignore = "needs headless Chromium and poppler; run with make office-check"]
fn test_office_journal_pdfs_in_other_house_styles_align_like_the_plain_text() {
    let w = Workdir::new();
    for variant in ["narrow", "parskip", "tracked"] {
        journal_units_match(&format!("chrome-{variant}"), &w.path(variant));
    }
}

/// The LibreOffice journal pages written again by Ghostscript's pdfwrite, as printing to PDF
/// does: fonts re-embedded with new measures, and a text layer whose lines run across both
/// columns on the first page. The pairs still align into the plain text's units (recall and
/// precision 0.98 or more). Run by `make office-check`, which installs Ghostscript.
#[test]
#[ignore = "needs LibreOffice Writer, Ghostscript and poppler; run with make office-check"]
fn test_office_ghostscript_journal_pdfs_align_like_the_plain_text() {
    let w = Workdir::new();
    journal_units_match("ghostscript", &w.path("pdf"));
}

/// Typesets the corpus with a producer of `scripts/journal-pdf-eval.py` into `keep`, aligns
/// each PDF pair and asserts that its units are those of the plain text: recall and
/// precision 0.98 or more over the 12 pairs.
fn journal_units_match(producer: &str, keep: &std::path::Path) {
    let out = Command::new("python3")
        .arg(crate::workdir::repo().join("scripts/journal-pdf-eval.py"))
        .args(["--producer", producer, "--seeds", "1", "--bitext"])
        .arg(env!("CARGO_BIN_EXE_bitext"))
        .arg("--shared")
        .arg(crate::workdir::shared())
        .arg("--keep")
        .arg(keep)
        .current_dir(crate::workdir::repo())
        .output()
        .expect("python3");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let line = text
        .lines()
        .find(|l| l.starts_with(&format!("{producer} seed")))
        .unwrap_or_else(|| panic!("no figures: {text}"));
    println!("{line}");
    let figure = |name: &str| -> f64 {
        let rest = &line[line.find(name).expect(name) + name.len()..];
        rest.split_whitespace().next().unwrap().parse().unwrap()
    };
    assert!(figure("recall ") >= 0.98, "{line}");
    assert!(figure("precision ") >= 0.98, "{line}");
    assert!(line.contains("12 pairs"), "{line}");
}

/// The corpus pairs printed by headless Chromium (`scripts/chrome-journal.py`: Skia's PDF
/// writer, CSS columns that break no words, the browser's running head and foot, the notes
/// as a numbered list after the body): the pairs align into the units of the plain text
/// (recall and precision 0.98 or more), line-end hyphens stay the text's own, and the
/// numbered notes follow the body without their numbers, or not at all with `--no-notes`.
/// Run by `make office-check`, which installs Chromium.
#[test]
#[ignore = "needs headless Chromium and poppler; run with make office-check"]
fn test_office_chrome_journal_pdfs_align_like_the_plain_text() {
    let w = Workdir::new();
    journal_units_match("chrome", &w.path("pdf"));
    let pdf = w.path("pdf/seed1/amur-border-trade.ru.pdf");
    let split = |extra: &[&str]| {
        let out = w
            .bitext()
            .args(["split", "--lang", "ru"])
            .args(extra)
            .arg(&pdf)
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let with = split(&[]);
    assert!(with.lines().any(|l| l == "Источник 1, с. 24."), "{with}");
    assert!(!with.contains("1. Источник"), "{with}");
    assert!(!split(&["--no-notes"]).contains("Источник 1"));
    // The plain text's compounds come through whole in every document, whichever line end
    // they met ("военно-морские", "fastest-growing").
    for entry in std::fs::read_dir(w.path("pdf/seed1")).unwrap() {
        let pdf = entry.unwrap().path();
        if pdf.extension().is_none_or(|e| e != "pdf") {
            continue;
        }
        let name = pdf
            .file_name()
            .unwrap()
            .to_string_lossy()
            .replace(".pdf", ".txt");
        let lang = if name.ends_with(".ru.txt") {
            "ru"
        } else {
            "en"
        };
        let plain = std::fs::read_to_string(w.path(&format!("pdf/seed1/plain/{name}"))).unwrap();
        let out = w
            .bitext()
            .args(["split", "--lang", lang])
            .arg(&pdf)
            .output()
            .unwrap();
        let got = String::from_utf8_lossy(&out.stdout);
        let squeezed = got.split_whitespace().collect::<Vec<_>>().join(" ");
        for word in plain.split_whitespace().filter(|t| t.contains('-')) {
            assert!(squeezed.contains(word), "{name}: {word} lost its hyphen");
        }
        // The browser's head (date, title) and foot (address, "1/2") stay out, also on a
        // one-page article that repeats neither.
        for line in got.lines() {
            let counter = line.split_once('/').is_some_and(|(a, b)| {
                [a, b]
                    .iter()
                    .all(|x| !x.is_empty() && x.chars().all(|c| c.is_ascii_digit()))
            });
            assert!(
                !line.starts_with("file://")
                    && !counter
                    && !line.ends_with(" PM")
                    && !line.ends_with(" AM"),
                "{name}: {line}"
            );
        }
    }
}
