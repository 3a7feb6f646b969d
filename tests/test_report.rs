//! HTML review reports: valid pages with one row per link, hostile text escaped, and a real
//! browser that renders them.

use scraper::{Html, Selector};

use crate::workdir::{corpus, run, Workdir};

fn report(w: &Workdir, ru: &str, en: &str) -> (String, Vec<String>) {
    w.write("a.ru", ru);
    w.write("a.en", en);
    let (code, links, err) = run(w
        .bitext()
        .args(["align", "a.ru", "a.en", "--report", "r.html"]));
    assert_eq!(code, 0, "{err}");
    (
        w.read("r.html"),
        links.lines().map(str::to_string).collect(),
    )
}

#[test]
fn page_parses_as_html5_with_one_row_per_link() {
    let w = Workdir::new();
    let (code, _, err) = run(w
        .bitext()
        .args(["align", "-o", "links.links", "--report", "r.html"])
        .arg(corpus("pairs/okhotsk-fisheries.ru.txt"))
        .arg(corpus("pairs/okhotsk-fisheries.en.txt")));
    assert_eq!(code, 0, "{err}");
    let links = w.read("links.links").lines().count();
    let html = w.read("r.html");
    assert!(html.starts_with("<!DOCTYPE html>"));
    let doc = Html::parse_document(&html);
    assert!(doc.errors.is_empty(), "HTML parse errors: {:?}", doc.errors);
    let rows = doc.select(&Selector::parse("tbody tr").unwrap()).count();
    assert_eq!(rows, links);
    let marks = doc
        .select(&Selector::parse("svg rect.mark").unwrap())
        .count();
    assert_eq!(marks, links, "one mark per link in the path picture");
    for id in ["#max-score", "#non-11", "#search"] {
        assert_eq!(doc.select(&Selector::parse(id).unwrap()).count(), 1, "{id}");
    }
    assert!(
        !html.contains("src=\"http") && !html.contains("href=\"http"),
        "no external assets"
    );
    let unaligned = doc
        .select(&Selector::parse("tbody tr.none").unwrap())
        .count();
    assert!(unaligned > 0, "chrome lines show as unaligned rows");
}

#[test]
fn hostile_text_is_shown_not_run() {
    let w = Workdir::new();
    let (html, _) = report(
        &w,
        "Визит <script>alert('x')</script> в Москву & «газ».\n",
        "A visit <img src=x onerror=alert(1)> to Moscow & “gas”.\n",
    );
    let doc = Html::parse_document(&html);
    assert_eq!(
        doc.select(&Selector::parse("script").unwrap()).count(),
        1,
        "only the page's own script"
    );
    assert_eq!(doc.select(&Selector::parse("img").unwrap()).count(), 0);
    let cells: Vec<String> = doc
        .select(&Selector::parse("tbody td").unwrap())
        .map(|c| c.text().collect::<String>())
        .collect();
    assert!(cells
        .iter()
        .any(|c| c.contains("<script>alert('x')</script>")));
    assert!(cells
        .iter()
        .any(|c| c.contains("<img src=x onerror=alert(1)>")));
}

#[test]
fn batch_report_has_an_index_linking_every_page() {
    let w = Workdir::new();
    let (code, _, err) = run(w
        .bitext()
        .arg("batch")
        .arg(corpus("pairs"))
        .args(["-o", "out", "--report", "--quiet"]));
    assert_eq!(code, 0, "{err}");
    let index = Html::parse_document(&w.read("out/report/index.html"));
    let hrefs: Vec<String> = index
        .select(&Selector::parse("a").unwrap())
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert_eq!(hrefs.len(), 12);
    for h in hrefs {
        assert!(w.path(&format!("out/report/{h}")).is_file(), "{h}");
    }
}

/// Renders a report in headless Chromium and checks the screenshot is a real picture.
/// Run by `make report-check`, which installs Debian's chromium when it is missing.
#[test]
#[ignore = "needs chromium; run with make report-check"]
fn report_renders_in_headless_chromium() {
    let w = Workdir::new();
    let (code, _, err) = run(w
        .bitext()
        .args(["align", "--report", "r.html", "-o", "m.tmx"])
        .arg(corpus("pairs/abe-visit-2013.ru.txt"))
        .arg(corpus("pairs/abe-visit-2013.en.txt")));
    assert_eq!(code, 0, "{err}");
    let profile = w.path("profile");
    let shot = w.path("shot.png");
    let status =
        std::process::Command::new(std::env::var("CHROMIUM").unwrap_or_else(|_| "chromium".into()))
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1280,1200",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg(format!("--screenshot={}", shot.display()))
            .arg(format!("file://{}", w.path("r.html").display()))
            .output()
            .expect("run chromium");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let decoder = png::Decoder::new(std::fs::File::open(&shot).expect("screenshot written"));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap();
    assert_eq!((info.width, info.height), (1280, 1200));
    let bytes = &buf[..info.buffer_size()];
    let channels = info.color_type.samples();
    let mut colours = std::collections::HashSet::new();
    let mut dark = 0usize;
    for px in bytes.chunks(channels) {
        colours.insert(px[..3].to_vec());
        if px[0] < 100 && px[1] < 100 && px[2] < 100 {
            dark += 1;
        }
    }
    assert!(
        colours.len() > 50,
        "a blank page has few colours: {}",
        colours.len()
    );
    assert!(dark > 5_000, "text and marks draw dark pixels: {dark}");
    let green = bytes
        .chunks(channels)
        .filter(|p| p[0] == 0x2e && p[1] == 0x7d && p[2] == 0x32)
        .count();
    assert!(
        green > 500,
        "green score bands and path marks are drawn: {green}"
    );
}
