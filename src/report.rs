//! Review reports: one self-contained HTML page per aligned document (side-by-side table,
//! alignment-path picture, filters), and an index page for a batch.

use std::fmt::Write as _;
use std::path::Path;

use crate::error::Result;
use crate::pipeline::AlignedPair;
use crate::summary::Summary;

pub use crate::band::{FAIR, GOOD};

/// The colour band of a score, as a CSS class name: `good`, `fair`, `poor`, or `none` for
/// unaligned sentences.
pub fn band(score: f32, pair: bool) -> &'static str {
    crate::band::Band::of(score, pair).name()
}

/// The mark of a page bitext wrote, so a later run may remove it and nothing else.
pub const GENERATOR: &str = "<meta name=\"generator\" content=\"bitext\">";

/// Whether the file at `path` is a page bitext wrote (it starts with [`GENERATOR`]).
pub fn written_by_bitext(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 512];
    let n = std::fs::File::open(path)
        .and_then(|mut f| f.read(&mut head))
        .unwrap_or(0);
    String::from_utf8_lossy(&head[..n]).contains(GENERATOR)
}

/// Escapes text for HTML element content and attribute values.
///
/// ```
/// assert_eq!(bitext::report::escape("<script>&\"'"), "&lt;script&gt;&amp;&quot;&#39;");
/// ```
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The page's style sheet: the band colours of [`crate::band`], then [`STYLE`].
fn style() -> String {
    let mut vars = String::from(":root {");
    for b in crate::band::Band::ALL {
        let _ = write!(vars, " --{}: {};", b.name(), b.css());
    }
    vars + " }" + STYLE
}

const STYLE: &str = r#"
body { font: 15px/1.45 system-ui, sans-serif; margin: 1.5em auto; max-width: 78em; padding: 0 1em; color: #222; }
h1 { font-size: 1.4em; margin: 0 0 .2em; }
.meta { color: #555; margin-bottom: 1em; }
.controls { display: flex; flex-wrap: wrap; gap: 1.2em; align-items: center; margin: 1em 0; padding: .6em .8em; background: #f4f4f4; border-radius: 6px; }
.legend span { display: inline-block; padding: 0 .5em; border-radius: 3px; color: #fff; margin-right: .3em; }
svg { border: 1px solid #ccc; background: #fff; max-width: 100%; height: auto; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th, td { border-bottom: 1px solid #e3e3e3; padding: .35em .5em; vertical-align: top; text-align: left; }
th { background: #fafafa; position: sticky; top: 0; }
col.num { width: 3.5em; } col.kind { width: 3.5em; } col.score { width: 4.5em; }
td.score { font-variant-numeric: tabular-nums; color: #fff; text-align: right; }
.good td.score, .legend .good { background: var(--good); }
.fair td.score, .legend .fair { background: var(--fair); }
.poor td.score, .legend .poor { background: var(--poor); }
.none td.score, .legend .none { background: var(--none); }
tr.none { background: #fff4e5; }
tr.par td { border-top: 2px solid #999; }
td.empty { color: #999; font-style: italic; }
tr.hidden { display: none; }
@media print { .controls { display: none; } th { position: static; } tr { break-inside: avoid; } }
"#;

const SCRIPT: &str = r#"
(function () {
  var rows = Array.prototype.slice.call(document.querySelectorAll('tbody tr'));
  var max = document.getElementById('max-score');
  var odd = document.getElementById('non-11');
  var text = document.getElementById('search');
  var shown = document.getElementById('shown');
  function apply() {
    var limit = parseFloat(max.value);
    var needle = text.value.toLowerCase();
    var n = 0;
    rows.forEach(function (r) {
      var ok = parseFloat(r.dataset.score) <= limit
        && (!odd.checked || r.dataset.kind !== '1-1')
        && (!needle || r.textContent.toLowerCase().indexOf(needle) >= 0);
      r.classList.toggle('hidden', !ok);
      if (ok) n++;
    });
    shown.textContent = n;
  }
  [max, odd, text].forEach(function (el) { el.addEventListener('input', apply); });
  apply();
})();
"#;

/// Writes the report page of one aligned pair.
pub fn write_pair_report(path: &Path, pair: &AlignedPair) -> Result<()> {
    let html = pair_page(pair);
    crate::output::write_atomic(path, |w| w.write_all(html.as_bytes()))
}

/// The HTML page of one aligned pair.
pub fn pair_page(pair: &AlignedPair) -> String {
    let links = &pair.alignment.links;
    let mut h = String::with_capacity(4096 + 300 * links.len());
    let title = format!(
        "{} — {} / {} alignment",
        pair.name, pair.src_lang, pair.tgt_lang
    );
    let pairs = links.iter().filter(|l| l.is_pair()).count();
    let low = links
        .iter()
        .filter(|l| l.is_pair() && l.score < FAIR)
        .count();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n{GENERATOR}\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{}</style>\n</head>\n<body>\n<h1>{}</h1>\n\
         <p class=\"meta\">{} source and {} target sentences · {} links, {} translation pairs, {} below {FAIR} · \
         colour bands: <span class=\"legend\"><span class=\"good\">≥ {GOOD}</span><span class=\"fair\">≥ {FAIR}</span>\
         <span class=\"poor\">&lt; {FAIR}</span><span class=\"none\">unaligned</span></span></p>\n",
        escape(&title),
        style(),
        escape(&pair.name),
        pair.src.len(),
        pair.tgt.len(),
        links.len(),
        pairs,
        low,
    );
    for w in &pair.warnings {
        let _ = writeln!(h, "<p class=\"meta\">Warning: {}</p>", escape(w));
    }
    h.push_str(&path_svg(pair));
    let _ = write!(
        h,
        "<div class=\"controls\">\n<label>Show scores up to <input id=\"max-score\" type=\"number\" min=\"0\" max=\"1\" step=\"0.05\" value=\"1\"></label>\n\
         <label><input id=\"non-11\" type=\"checkbox\"> only links other than 1-1</label>\n\
         <label>Search <input id=\"search\" type=\"search\" placeholder=\"text in either language\"></label>\n\
         <span><span id=\"shown\">{}</span> rows shown</span>\n</div>\n\
         <table>\n<colgroup><col class=\"num\"><col class=\"kind\"><col class=\"score\"><col><col></colgroup>\n\
         <thead><tr><th>#</th><th>link</th><th>score</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
        links.len(),
        escape(pair.src_lang.as_str()),
        escape(pair.tgt_lang.as_str())
    );
    for (k, l) in links.iter().enumerate() {
        let new_par = |sents: &[crate::Sentence], r: &std::ops::Range<usize>| {
            !r.is_empty() && r.start > 0 && sents[r.start].paragraph != sents[r.start - 1].paragraph
        };
        let par = new_par(&pair.src, &l.src) || new_par(&pair.tgt, &l.tgt);
        let class = format!(
            "{}{}",
            band(l.score, l.is_pair()),
            if par { " par" } else { "" }
        );
        let cell = |sents: &[crate::Sentence], r: &std::ops::Range<usize>| {
            if r.is_empty() {
                "<td class=\"empty\">(unaligned)</td>".to_string()
            } else {
                let text: Vec<String> = sents[r.clone()].iter().map(|s| escape(&s.text)).collect();
                format!("<td>{}</td>", text.join(" "))
            }
        };
        let _ = writeln!(
            h,
            "<tr class=\"{class}\" data-score=\"{:.3}\" data-kind=\"{}\"><td>{}</td><td>{}</td><td class=\"score\">{:.2}</td>{}{}</tr>",
            l.score,
            l.kind(),
            k + 1,
            l.kind(),
            l.score,
            cell(&pair.src, &l.src),
            cell(&pair.tgt, &l.tgt)
        );
    }
    let _ = write!(
        h,
        "</tbody>\n</table>\n<script>{SCRIPT}</script>\n</body>\n</html>\n"
    );
    h
}

/// The alignment path: source position across, target position down, one mark per link
/// coloured by score, so a left-out passage shows as a run of grey marks off the diagonal.
fn path_svg(pair: &AlignedPair) -> String {
    let (n, m) = (pair.src.len().max(1) as f64, pair.tgt.len().max(1) as f64);
    let size = 420.0;
    let (sx, sy) = (size / n, size / m);
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{w}\" viewBox=\"-30 -10 {v} {v}\" role=\"img\" \
         aria-label=\"alignment path\">\n<line x1=\"0\" y1=\"0\" x2=\"{size}\" y2=\"{size}\" stroke=\"#ddd\" stroke-dasharray=\"4 4\"/>\n\
         <rect x=\"0\" y=\"0\" width=\"{size}\" height=\"{size}\" fill=\"none\" stroke=\"#bbb\"/>\n\
         <text x=\"{half}\" y=\"{below}\" font-size=\"12\" text-anchor=\"middle\">{} sentence →</text>\n\
         <text x=\"-8\" y=\"{half}\" font-size=\"12\" text-anchor=\"middle\" transform=\"rotate(-90 -8 {half})\">{} sentence →</text>\n",
        escape(pair.src_lang.as_str()),
        escape(pair.tgt_lang.as_str()),
        w = size + 40.0,
        v = size + 40.0,
        half = size / 2.0,
        below = size + 22.0,
    );
    for (k, l) in pair.alignment.links.iter().enumerate() {
        let colour = crate::band::Band::of(l.score, l.is_pair()).css();
        let x = l.src.start as f64 * sx;
        let y = l.tgt.start as f64 * sy;
        let w = (l.src.len() as f64 * sx).max(2.0);
        let hgt = (l.tgt.len() as f64 * sy).max(2.0);
        let _ = writeln!(
            s,
            "<rect class=\"mark\" x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{hgt:.1}\" fill=\"{colour}\"><title>link {} ({}, {:.2})</title></rect>",
            k + 1,
            l.kind(),
            l.score
        );
    }
    s.push_str("</svg>\n");
    s
}

/// Writes the index page of a batch: the summary table with a link to each document's page.
pub fn write_index(path: &Path, rows: &[Summary]) -> Result<()> {
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n{GENERATOR}\n<title>bitext alignment reports</title>\n\
         <style>{}</style>\n</head>\n<body>\n<h1>Alignment reports</h1>\n<p class=\"meta\">{} documents</p>\n<table>\n\
         <thead><tr><th>document</th><th>src</th><th>tgt</th><th>1-1</th><th>2-1</th><th>1-2</th><th>other</th>\
         <th>unaligned src</th><th>unaligned tgt</th><th>mean score</th><th>below {FAIR}</th><th>warnings / error</th></tr></thead>\n<tbody>\n",
        style(),
        rows.len()
    );
    for r in rows {
        let name = escape(&r.document);
        let doc = if r.error.is_empty() {
            format!(
                "<a href=\"{}.html\">{name}</a>",
                escape(&url_name(&r.document))
            )
        } else {
            name
        };
        let note = if r.error.is_empty() {
            &r.warnings
        } else {
            &r.error
        };
        let _ = writeln!(
            h,
            "<tr><td>{doc}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            r.src_sentences, r.tgt_sentences, r.one_to_one, r.two_to_one, r.one_to_two, r.other, r.unaligned_src, r.unaligned_tgt,
            escape(&r.mean_score), r.low_score, escape(note)
        );
    }
    h.push_str("</tbody>\n</table>\n</body>\n</html>\n");
    crate::output::write_atomic(path, |w| w.write_all(h.as_bytes()))
}

/// A file-name-safe form of a document name, for report pages.
pub fn url_name(document: &str) -> String {
    document
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect()
}
