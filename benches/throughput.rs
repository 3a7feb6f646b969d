//! Throughput benchmarks: reading HTML pages and DOCX files (MB/s), splitting (MB/s) and
//! aligning (sentences/s), including a 20,000 + 20,000 sentence pair built from the NTREX
//! evaluation documents.

use std::path::PathBuf;
use std::time::Instant;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

use bitext::align::{align, AlignOptions};
use bitext::segment::split_text;
use bitext::{Lang, Sentence};

#[path = "../tests/sentence_file.rs"]
mod sentence_file;
use sentence_file::sentence_file;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// All bundled article text of one language, repeated to about `target` bytes.
fn corpus_text(lang: &str, target: usize) -> String {
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo().join("corpora/pairs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(&format!(".{lang}.txt")))
        .collect();
    files.sort();
    let mut one = String::new();
    for f in files {
        let text = bitext::document::decode(&std::fs::read(f).unwrap(), None)
            .unwrap()
            .text;
        one.push_str(&text);
        one.push_str("\n\n");
    }
    let mut out = String::with_capacity(target + one.len());
    while out.len() < target {
        out.push_str(&one);
    }
    out
}

fn splitting(c: &mut Criterion) {
    let mut g = c.benchmark_group("split");
    for lang in ["ru", "en"] {
        let text = corpus_text(lang, 4 << 20);
        let l = Lang::parse(lang).unwrap();
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.sample_size(10);
        g.bench_function(lang, |b| b.iter(|| split_text(&text, &l).len()));
    }
    g.finish();
}

/// Sentences of the NTREX "hard" documents, concatenated and repeated to `n` per side.
fn ntrex(n: usize) -> Option<(Vec<Sentence>, Vec<Sentence>)> {
    let dir = repo().join("../shared/eval/align/ntrex-ruen/hard");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .ok()?
        .filter_map(|e| {
            e.ok()?
                .file_name()
                .into_string()
                .ok()?
                .strip_suffix(".gold")
                .map(str::to_string)
        })
        .collect();
    names.sort();
    let read = |n: &str, l: &str| sentence_file(&dir.join(format!("{n}.{l}")));
    let (mut s, mut t) = (Vec::new(), Vec::new());
    while s.len() < n {
        for name in &names {
            s.extend(read(name, "ru"));
            t.extend(read(name, "en"));
        }
    }
    let m = t.len() * n / s.len();
    s.truncate(n);
    t.truncate(m);
    Some((s, t))
}

fn aligning(c: &mut Criterion) {
    let mut g = c.benchmark_group("align");
    g.sample_size(10);
    for n in [10_000usize, 20_000, 40_000] {
        let Some((s, t)) = ntrex(n) else {
            eprintln!("skipping align benchmark: ../shared/eval not found");
            return;
        };
        g.throughput(Throughput::Elements((s.len() + t.len()) as u64));
        g.bench_function(format!("{}+{}", s.len(), t.len()), |b| {
            b.iter(|| align(&s, &t, &AlignOptions::default()).links.len())
        });
        let start = Instant::now();
        let a = align(&s, &t, &AlignOptions::default());
        let secs = start.elapsed().as_secs_f64();
        println!(
            "align {}+{} sentences: {:.2} s, {:.0} sentences/s, {} links",
            s.len(),
            t.len(),
            secs,
            (s.len() + t.len()) as f64 / secs,
            a.links.len()
        );
    }
    g.finish();
}

/// A page's bytes and its language.
type Page = (Vec<u8>, Lang);

/// The bundled CMS pages (Russian and English, each read in its language), and the real
/// English news pages of ../shared/eval/html when present.
fn html_pages() -> Vec<(String, Vec<Page>)> {
    let mut sets = Vec::new();
    let mut cms: Vec<Page> = std::fs::read_dir(repo().join("corpora/html"))
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            let ru = path.to_string_lossy().contains(".ru.");
            let lang = Lang::parse(if ru { "ru" } else { "en" }).unwrap();
            (std::fs::read(path).unwrap(), lang)
        })
        .collect();
    cms.sort();
    sets.push(("cms-pages".to_string(), cms));
    let eval = repo().join("../shared/eval/html/pages");
    if let Ok(dir) = std::fs::read_dir(&eval) {
        let mut pages: Vec<Page> = dir
            .filter_map(|e| {
                let out = std::process::Command::new("gzip")
                    .arg("-dc")
                    .arg(e.ok()?.path())
                    .output()
                    .ok()?;
                Some((out.stdout, Lang::parse("en").unwrap()))
            })
            .collect();
        pages.sort();
        sets.push(("news-pages".to_string(), pages));
    }
    sets
}

/// A DOCX of the bundled articles repeated to about `target` bytes of document.xml.
fn docx(target: usize) -> (Vec<u8>, usize) {
    use std::io::Write;
    let text = corpus_text("ru", target / 3);
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#,
    );
    for p in text.split("\n\n").filter(|p| !p.trim().is_empty()) {
        xml.push_str(r#"<w:p><w:pPr><w:pStyle w:val="Normal"/></w:pPr><w:r><w:rPr><w:lang w:val="ru-RU"/></w:rPr><w:t xml:space="preserve">"#);
        xml.push_str(&p.replace('&', "&amp;").replace('<', "&lt;"));
        xml.push_str("</w:t></w:r></w:p>");
    }
    xml.push_str("</w:body></w:document>");
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut z = zip::ZipWriter::new(&mut buf);
    let opts = zip::write::SimpleFileOptions::default();
    z.start_file("word/document.xml", opts).unwrap();
    z.write_all(xml.as_bytes()).unwrap();
    z.finish().unwrap();
    (buf.into_inner(), xml.len())
}

fn reading(c: &mut Criterion) {
    let mut g = c.benchmark_group("read");
    g.sample_size(10);
    let ru = Lang::parse("ru").unwrap();
    let opts = bitext::document::ReadOptions::default();
    for (name, pages) in html_pages() {
        let bytes: usize = pages.iter().map(|(p, _)| p.len()).sum();
        g.throughput(Throughput::Bytes(bytes as u64));
        let path = std::path::Path::new("page.html");
        g.bench_function(format!("html/{name}"), |b| {
            b.iter(|| {
                pages
                    .iter()
                    .map(|(p, lang)| {
                        bitext::document::from_bytes(path, p, lang, &opts)
                            .map_or(0, |(d, _)| d.paragraphs.len())
                    })
                    .sum::<usize>()
            })
        });
    }
    // Throughput in bytes of document.xml, the text the reader parses.
    let (file, xml) = docx(4 << 20);
    g.throughput(Throughput::Bytes(xml as u64));
    let path = std::path::Path::new("article.docx");
    g.bench_function("docx", |b| {
        b.iter(|| {
            bitext::document::from_bytes(path, &file, &ru, &opts)
                .unwrap()
                .0
                .paragraphs
                .len()
        })
    });
    g.finish();
}

criterion_group!(benches, reading, splitting, aligning);
criterion_main!(benches);
