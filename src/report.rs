//! Review reports: one self-contained HTML page per aligned document (side-by-side table,
//! alignment-path picture, filters), and an index page for a batch.

use std::fmt::Write as _;
use std::path::Path;

use crate::align::AlignedPair;
use crate::error::Result;
use crate::summary::Summary;
use crate::xml::escape;

pub use crate::grade::{FAIR, GOOD};

/// The colour band of a score, as a CSS class name: `good`, `fair`, `poor`, or `none` for
/// unaligned sentences.
pub fn band(score: f32, pair: bool) -> &'static str {
    crate::grade::Grade::of(score, pair).name()
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

/// The page's style sheet: the band colours of [`crate::band`], then [`STYLE`].
fn style() -> String {
    let mut vars = String::from(":root {");
    for b in crate::grade::Grade::ALL {
        let _ = write!(vars, " --{}: {};", b.name(), b.css());
    }
    vars + " }" + STYLE
}

const STYLE: &str = include_str!("report/page.css");

/// The page's script: filters and the link editor (plain JavaScript, no network).
const SCRIPT: &str = include_str!("report/editor.js");

/// Writes the report page of one aligned pair.
pub fn write_pair_report(path: &Path, pair: &AlignedPair) -> Result<()> {
    stage_pair_report(path, pair)?.commit()
}

/// Writes the report page of one aligned pair into a temporary file, put in place on commit.
pub fn stage_pair_report(path: &Path, pair: &AlignedPair) -> Result<crate::output::Staged> {
    let html = pair_page(pair);
    crate::output::write_staged(path, |w| w.write_all(html.as_bytes()))
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
    if let Some((src, tgt)) = &pair.files {
        let _ = writeln!(
            h,
            "<p class=\"meta files\">{}: {} · {}: {}</p>",
            escape(pair.src_lang.as_str()),
            escape(&src.display().to_string()),
            escape(pair.tgt_lang.as_str()),
            escape(&tgt.display().to_string())
        );
    }
    for w in &pair.warnings {
        let _ = writeln!(h, "<p class=\"meta\">Warning: {}</p>", escape(&w.text));
    }
    h.push_str(&path_svg(pair));
    let _ = write!(
        h,
        "<div class=\"controls\">\n<label>Show scores up to <input id=\"max-score\" type=\"number\" min=\"0\" max=\"1\" step=\"0.05\" value=\"1\"></label>\n\
         <label><input id=\"non-11\" type=\"checkbox\"> only links other than 1-1</label>\n\
         <label>Search <input id=\"search\" type=\"search\" placeholder=\"text in either language\"></label>\n\
         <span><span id=\"shown\">{}</span> rows shown</span>\n</div>\n\
         <table id=\"links\" data-document=\"{}\" data-src-lang=\"{}\" data-tgt-lang=\"{}\" data-fair=\"{FAIR}\" data-good=\"{GOOD}\" data-key=\"{:016x}\" data-suggest=\"{}\">\n<colgroup><col class=\"num\"><col class=\"kind\"><col class=\"score\"><col><col></colgroup>\n\
         <thead><tr><th>#</th><th>link</th><th>score</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
        links.len(),
        escape(&pair.name),
        escape(pair.src_lang.as_str()),
        escape(pair.tgt_lang.as_str()),
        fingerprint(pair),
        escape(&suggestions_json(pair)),
        escape(pair.src_lang.as_str()),
        escape(pair.tgt_lang.as_str())
    );
    // Rows the review table marks (page chrome) carry the same status into the editor.
    let statuses: Vec<crate::tm::review::Status> = crate::tm::units(pair)
        .into_iter()
        .map(|u| u.status)
        .collect();
    for (k, l) in links.iter().enumerate() {
        let status = statuses.get(k).map_or("", |s| s.as_cell());
        let new_par = |sents: &[crate::Sentence], r: &std::ops::Range<usize>| {
            !r.is_empty() && r.start > 0 && sents[r.start].paragraph != sents[r.start - 1].paragraph
        };
        let par = new_par(&pair.src, &l.src) || new_par(&pair.tgt, &l.tgt);
        let class = format!(
            "{}{}{}",
            band(l.score, l.is_pair()),
            if par { " par" } else { "" },
            if status.is_empty() {
                String::new()
            } else {
                format!(" st-{}", escape(status))
            }
        );
        let _ = writeln!(
            h,
            "<tr class=\"{class}\" data-score=\"{:.3}\" data-kind=\"{}\" data-s=\"{}:{}\" data-t=\"{}:{}\" data-status=\"{}\">\
             <td class=\"num\">{}</td><td>{}</td><td class=\"score\">{:.2}</td>{}{}</tr>",
            l.score,
            l.kind(),
            l.src.start,
            l.src.end,
            l.tgt.start,
            l.tgt.end,
            escape(status),
            k + 1,
            l.kind(),
            l.score,
            side_cell("src", &pair.src, &l.src, suggested(pair, l, false)),
            side_cell("tgt", &pair.tgt, &l.tgt, suggested(pair, l, true))
        );
    }
    let _ = write!(
        h,
        "</tbody>\n</table>\n<script>{SCRIPT}</script>\n</body>\n</html>\n"
    );
    h
}

/// The links of the pair's moved passages as `[[s0, s1, t0, t1], ...]`, for the page's editor.
fn suggestions_json(pair: &AlignedPair) -> String {
    let links: Vec<String> = pair
        .moved
        .iter()
        .flat_map(|m| &m.links)
        .map(|(s, t)| format!("[{},{},{},{}]", s.start, s.end, t.start, t.end))
        .collect();
    format!("[{}]", links.join(","))
}

/// For the empty side of an unaligned row (`target`: the target side is empty), where its
/// translation seems to stand, when the row is part of a moved passage: "target sentences
/// 35–36".
fn suggested(pair: &AlignedPair, l: &crate::align::Link, target: bool) -> Option<String> {
    let empty = if target { &l.tgt } else { &l.src };
    if !empty.is_empty() {
        return None;
    }
    let at = pair.suggestion(l)?;
    let which = if target { "target" } else { "source" };
    Some(match at.len() {
        1 => format!("{which} sentence {}", at.start),
        _ => format!("{which} sentences {}–{}", at.start, at.end - 1),
    })
}

/// One side of a link as a table cell: one `span.s` per sentence (`span.s.p` when the
/// sentence opens a paragraph), which the page's editor reads back as its model. An empty
/// side says where the row's translation seems to stand when it is part of a moved passage.
fn side_cell(
    side: &str,
    sents: &[crate::Sentence],
    r: &std::ops::Range<usize>,
    suggestion: Option<String>,
) -> String {
    if r.is_empty() {
        return match suggestion {
            Some(at) => format!(
                "<td class=\"{side} empty\">(unaligned; its translation seems to be {})</td>",
                escape(&at)
            ),
            None => format!("<td class=\"{side} empty\">(unaligned)</td>"),
        };
    }
    let mut cell = format!("<td class=\"{side}\">");
    for i in r.clone() {
        if i > r.start {
            cell.push(' ');
        }
        let opens = i > 0 && sents[i].paragraph != sents[i - 1].paragraph;
        let _ = write!(
            cell,
            "<span class=\"s{}\">{}</span>",
            if opens { " p" } else { "" },
            escape(&sents[i].text)
        );
    }
    cell.push_str("</td>");
    cell
}

/// A fingerprint of the page's document (name, sentences, links), so edits a browser keeps
/// for one version of a page are never applied to another.
fn fingerprint(pair: &AlignedPair) -> u64 {
    // Each field ends with 0xff, a byte UTF-8 never holds.
    let mut bytes = Vec::new();
    let mut eat = |field: &[u8]| {
        bytes.extend_from_slice(field);
        bytes.push(0xff);
    };
    eat(pair.name.as_bytes());
    for s in pair.src.iter().chain(&pair.tgt) {
        eat(s.text.as_bytes());
    }
    for l in &pair.alignment.links {
        eat(format!("{:?}{:?}", l.src, l.tgt).as_bytes());
    }
    crate::hash::fnv1a(bytes)
}

/// The alignment path: source position across, target position down, one mark per link
/// coloured by score, so a left-out passage shows as a run of grey marks off the diagonal.
fn path_svg(pair: &AlignedPair) -> String {
    let (n, m) = (pair.src.len().max(1) as f64, pair.tgt.len().max(1) as f64);
    let size = 420.0;
    let (sx, sy) = (size / n, size / m);
    let mut s = format!(
        "<svg id=\"path\" data-size=\"{size}\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{w}\" viewBox=\"-30 -10 {v} {v}\" role=\"img\" \
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
        let band = crate::grade::Grade::of(l.score, l.is_pair()).name();
        let colour = crate::grade::Grade::of(l.score, l.is_pair()).css();
        let x = l.src.start as f64 * sx;
        let y = l.tgt.start as f64 * sy;
        let w = (l.src.len() as f64 * sx).max(2.0);
        let hgt = (l.tgt.len() as f64 * sy).max(2.0);
        let _ = writeln!(
            s,
            "<rect class=\"mark {band}\" x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{hgt:.1}\" fill=\"{colour}\"><title>link {} ({}, {:.2})</title></rect>",
            k + 1,
            l.kind(),
            l.score
        );
    }
    s.push_str("</svg>\n");
    s
}

/// Writes the index page of a batch (the summary table with a link to each document's page)
/// into a temporary file, put in place on commit.
///
/// `pages` names each document's page (see [`page_names`]).
pub fn stage_index(
    path: &Path,
    rows: &[Summary],
    pages: &std::collections::HashMap<String, String>,
) -> Result<crate::output::Staged> {
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n{GENERATOR}\n<title>bitext alignment reports</title>\n\
         <style>{}</style>\n</head>\n<body>\n<h1>Alignment reports</h1>\n<p class=\"meta\">{} documents</p>\n<table>\n\
         <thead><tr><th>document</th><th>src</th><th>tgt</th><th>1-1</th><th>2-1</th><th>1-2</th><th>other</th>\
         <th>unaligned src</th><th>unaligned tgt</th><th>mean score</th><th>below {FAIR}</th><th>expected wrong</th><th>warnings / error</th><th>source file</th><th>target file</th></tr></thead>\n<tbody>\n",
        style(),
        rows.len()
    );
    for r in rows {
        let name = escape(&r.document);
        let doc = if r.error.is_empty() {
            let page = pages
                .get(&r.document)
                .cloned()
                .unwrap_or_else(|| url_name(&r.document));
            format!("<a href=\"{}.html\">{name}</a>", escape(&page))
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
            "<tr><td>{doc}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            r.src_sentences, r.tgt_sentences, r.one_to_one, r.two_to_one, r.one_to_two, r.other, r.unaligned_src, r.unaligned_tgt,
            escape(&r.mean_score), r.low_score, escape(&r.expected_wrong), escape(note), escape(&r.src_file), escape(&r.tgt_file)
        );
    }
    h.push_str("</tbody>\n</table>\n</body>\n</html>\n");
    crate::output::write_staged(path, |w| w.write_all(h.as_bytes()))
}

/// The file stem of each document's report page, by document name: its [`url_name`], made
/// distinct where two names give the same one (`a b` and `a_b`, or `Doc` and `doc` on a file
/// system that ignores case) by a number, in the order given, and never `index`.
pub fn page_names<'a>(
    names: impl IntoIterator<Item = &'a str>,
) -> std::collections::HashMap<String, String> {
    let mut taken = std::collections::HashSet::from(["index".to_string()]);
    let mut out = std::collections::HashMap::new();
    for name in names {
        if out.contains_key(name) {
            continue;
        }
        let base = url_name(name);
        let mut page = base.clone();
        let mut k = 2;
        while !taken.insert(page.to_lowercase()) {
            page = format!("{base}_{k}");
            k += 1;
        }
        out.insert(name.to_string(), page);
    }
    out
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

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn page_names_never_collide_and_never_take_the_index() {
        let names = ["a b", "a_b", "Doc", "doc", "index", "Статья 1", "Статья_1"];
        let pages = super::page_names(names);
        let mut seen: Vec<String> = names.iter().map(|n| pages[*n].to_lowercase()).collect();
        assert!(!seen.contains(&"index".to_string()), "{pages:?}");
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), names.len(), "{pages:?}");
        assert_eq!(pages["a b"], "a_b");
        assert_eq!(pages["Статья 1"], "Статья_1");
    }

    #[test]
    fn markup_characters_are_escaped_for_html() {
        assert_eq!(escape("<script>&\"'"), "&lt;script&gt;&amp;&quot;&apos;");
        assert_eq!(escape("«Газпром»"), "«Газпром»");
    }
}
