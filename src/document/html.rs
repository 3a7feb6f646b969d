//! HTML pages: decoded by their own declaration, cut into blocks, the article told from the
//! page chrome by a readability extractor (dom_smoothie).
//!
//! Block elements (p, h1–h6, li, td/th, blockquote, pre, dd/dt, a div holding text, two
//! `<br>` in a row) become paragraphs; a single `<br>` is a line break inside the paragraph;
//! inline markup is flattened; scripts, styles, form controls and comments are left out.
//! A block is chrome when the extractor did not keep it in the article, and so is a bar of
//! short link-only items (print, e-mail, share). Footnote references (`<sup>` numbers,
//! links to a note) and back-links ("↩") are left out of sentences; a footnote list is read
//! after the body, each note a paragraph, unless [`ReadOptions::no_notes`].

use std::collections::HashMap;

use dom_query::{Document as Dom, NodeId, NodeRef};
use encoding_rs::Encoding;

use super::notices::{is_credit_line, is_widget_line};
use super::{from_blocks, Document, ReadOptions};
use crate::error::{Error, Result};
use crate::lang::Lang;

/// Reads an HTML page into a document, the blocks outside its article marked as chrome;
/// with a doubt about its encoding when the page did not declare one.
pub fn read(bytes: &[u8], lang: &Lang, opts: &ReadOptions) -> Result<(Document, Option<String>)> {
    let (html, doubt) = decode(bytes, opts.encoding)?;
    // Parsing and scoring cost time quadratic in nesting depth: deep nests are flattened.
    let html = super::html_depth::flatten_deep(&html);
    let dom = Dom::from(html.as_ref());
    let (blocks, notes) = blocks(&dom.root());
    let notes: Vec<(Vec<String>, bool)> = if opts.no_notes {
        Vec::new()
    } else {
        notes.into_iter().map(|b| (b.lines, false)).collect()
    };
    if blocks.is_empty() && notes.is_empty() {
        return Err(Error::unnamed("no text in this HTML page"));
    }
    let article = article_lines(dom);
    let marked: Vec<(Vec<String>, bool)> = match article {
        Some(lines) => {
            let page: Vec<(usize, &str)> = blocks
                .iter()
                .enumerate()
                .flat_map(|(k, b)| b.lines.iter().map(move |l| (k, l.as_str())))
                .collect();
            let mut kept = matched(&page, &lines);
            // A block that is mostly links (related stories, tag lists) is chrome.
            for (k, b) in blocks.iter().enumerate() {
                if b.link_chars * 10 > b.chars * 6
                    || b.is_bar()
                    || b.caption
                    || b.is_credit()
                    || b.is_widget()
                {
                    kept[k] = false;
                }
            }
            headline(&blocks, &mut kept);
            blocks
                .into_iter()
                .zip(kept)
                .map(|(b, keep)| (b.lines, !keep))
                .collect()
        }
        // No article found (a short fragment): what is not inside navigation is the text.
        None => blocks
            .into_iter()
            .map(|b| {
                let chrome = b.chrome || b.is_bar();
                (b.lines, chrome)
            })
            .collect(),
    };
    let mut marked = marked;
    marked.extend(notes);
    if marked.iter().all(|(_, chrome)| *chrome) {
        return Err(Error::unnamed(
            "no article text in this HTML page (only menus, links and page chrome)",
        ));
    }
    Ok((from_blocks(marked, lang, opts), doubt))
}

/// Puts the article's headline back: extractors leave it out as a copy of the page title,
/// but it is the article's first block (and the page in the other language keeps its own).
///
/// A headline not kept a few short blocks after the first kept one (a CMS date line, a
/// heading of the page template) starts the article, and those short blocks are chrome.
/// Otherwise a headline right above the first kept block, in the same container, is kept.
/// A page header's title far above a story is neither.
fn headline(blocks: &[Block], kept: &mut [bool]) {
    let Some(first) = kept.iter().position(|&k| k) else {
        return;
    };
    let short = |b: &Block| b.lines.iter().map(|l| l.chars().count()).sum::<usize>() < 100;
    let mut start = first;
    for k in first..blocks.len().min(first + 4) {
        if blocks[k].heading && !kept[k] {
            kept[first..k].iter_mut().for_each(|x| *x = false);
            kept[k] = true;
            start = k;
            break;
        }
        if !short(&blocks[k]) {
            break;
        }
    }
    let home = [blocks[start].parent, blocks[start].owner];
    for k in (0..start).rev() {
        if !blocks[k].heading || !home.contains(&blocks[k].parent) {
            break;
        }
        kept[k] = true;
    }
}

/// Which blocks of the page hold lines of the article: the page's lines (block index, line)
/// matched in order against the article's lines (a longest common subsequence), so a menu
/// entry or a CMS date line that repeats a line of the article stays chrome.
fn matched(page: &[(usize, &str)], article: &[String]) -> Vec<bool> {
    let blocks = page.last().map_or(0, |(k, _)| k + 1);
    let mut kept = vec![false; blocks];
    let mut ids: HashMap<&str, u32> = HashMap::new();
    for l in article {
        let n = ids.len() as u32;
        ids.entry(l.as_str()).or_insert(n);
    }
    let a: Vec<u32> = article.iter().map(|l| ids[l.as_str()]).collect();
    let p: Vec<(usize, u32)> = page
        .iter()
        .filter_map(|(k, l)| ids.get(l).map(|&id| (*k, id)))
        .collect();
    let (n, m) = (p.len(), a.len());
    if n.saturating_mul(m) > 8_000_000 {
        // Too long for the table: each article line vouches for one page line.
        let mut left: HashMap<u32, usize> = HashMap::new();
        for &id in &a {
            *left.entry(id).or_default() += 1;
        }
        for &(k, id) in &p {
            if let Some(c) = left.get_mut(&id).filter(|c| **c > 0) {
                *c -= 1;
                kept[k] = true;
            }
        }
        return kept;
    }
    // table[i][j]: the longest common subsequence of p[..i] and a[..j]. Walked back from
    // the end, a line repeated on the page is matched at its last place: the copies in a
    // CMS heading or date line above the article stay chrome.
    let w = m + 1;
    let mut table = vec![0u32; (n + 1) * w];
    for i in 1..=n {
        for j in 1..=m {
            table[i * w + j] = if p[i - 1].1 == a[j - 1] {
                table[(i - 1) * w + j - 1] + 1
            } else {
                table[(i - 1) * w + j].max(table[i * w + j - 1])
            };
        }
    }
    let (mut i, mut j) = (n, m);
    while i > 0 && j > 0 {
        if p[i - 1].1 == a[j - 1] {
            kept[p[i - 1].0] = true;
            i -= 1;
            j -= 1;
        } else if table[(i - 1) * w + j] >= table[i * w + j - 1] {
            i -= 1;
        } else {
            j -= 1;
        }
    }
    kept
}

/// Decodes a page: a forced encoding, else its byte-order mark, else the `<meta charset>` or
/// `http-equiv` declaration, else the detection plain text gets.
fn decode(bytes: &[u8], forced: Option<&'static Encoding>) -> Result<(String, Option<String>)> {
    if forced.is_none() && Encoding::for_bom(bytes).is_none() {
        if let Some(enc) = declared(bytes) {
            // A page saved again as UTF-8 that kept its old declaration: letters of two or
            // more bytes that are valid UTF-8 throughout are next to never a code page's text.
            let multibyte = bytes.iter().filter(|&&b| b >= 0xC0).count();
            if enc != encoding_rs::UTF_8 && multibyte >= 4 {
                if let Ok(text) = std::str::from_utf8(bytes) {
                    let note = format!(
                        "the page declares {} but its text is UTF-8; read as UTF-8",
                        enc.name()
                    );
                    return Ok((text.to_string(), Some(note)));
                }
            }
            let (text, had_errors) = enc.decode_without_bom_handling(bytes);
            // A page that says UTF-8 but is not is common enough: detect instead.
            if !had_errors || enc != encoding_rs::UTF_8 {
                return Ok((text.into_owned(), None));
            }
        }
    }
    super::decode(bytes, forced).map(|d| (d.text, d.warning))
}

/// The encoding a page declares in its first bytes (`<meta charset=...>` or
/// `<meta http-equiv="Content-Type" content="text/html; charset=...">`).
fn declared(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(i) = find(&lower[from..], b"<meta") {
        let tag_start = from + i;
        let tag_end = lower[tag_start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(lower.len(), |e| tag_start + e);
        let tag = &lower[tag_start..tag_end];
        if let Some(c) = find(tag, b"charset=") {
            let rest = &tag[c + 8..];
            let rest = rest
                .strip_prefix(b"\"")
                .or_else(|| rest.strip_prefix(b"'"))
                .unwrap_or(rest);
            let end = rest
                .iter()
                .position(|b| matches!(b, b'"' | b'\'' | b';' | b' ' | b'/' | b'>'))
                .unwrap_or(rest.len());
            let label = std::str::from_utf8(&rest[..end]).ok()?;
            // A page that declares UTF-16 in ASCII bytes is not UTF-16: as browsers do, read UTF-8.
            return super::encoding_for_label(label).map(|e| {
                if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE {
                    encoding_rs::UTF_8
                } else {
                    e
                }
            });
        }
        from = tag_end.max(tag_start + 5);
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// One block of a page: its lines and whether it sits in navigation (nav, menus, breadcrumbs,
/// footers), used when no article can be found.
struct Block {
    lines: Vec<String>,
    chrome: bool,
    /// Inside a figure or a caption: words about a picture, not the article's text.
    caption: bool,
    /// A heading element (h1–h6).
    heading: bool,
    /// The innermost block element holding the block, and the one around that.
    owner: Option<NodeId>,
    parent: Option<NodeId>,
    /// Characters of text, and of text inside links.
    chars: usize,
    link_chars: usize,
    /// Links in the block, and whether one of them is longer than a bar's item.
    links: usize,
    long_link: bool,
}

impl Block {
    /// Whether every line of the block is a picture's credit or a caption that ends with
    /// one: "Photo: …", "Credit: …", "(AP Photo/…)", "… (Image: GETTY)".
    fn is_credit(&self) -> bool {
        !self.lines.is_empty() && self.lines.iter().all(|l| is_credit_line(l))
    }

    /// Whether every line of the block is a site's own notice or the label of a widget
    /// around the article: a copyright line, "Advertisement", "You may also like",
    /// "Subscribe to our newsletter", "Loading…", or when the article was published or
    /// updated ("Updated Nov 19, 6:55 AM").
    fn is_widget(&self) -> bool {
        !self.lines.is_empty() && self.lines.iter().all(|l| is_widget_line(l))
    }

    /// Whether the block is a bar of short items (print, e-mail, share, tweet), in any
    /// language: two or more links, none longer than a few words, and either nothing else
    /// but separators or, between separators, short items at least half of them links.
    fn is_bar(&self) -> bool {
        if self.links < 2 || self.long_link {
            return false;
        }
        let items: Vec<&str> = self
            .lines
            .iter()
            .flat_map(|l| l.split(is_separator))
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .collect();
        let shown: usize = items
            .iter()
            .map(|t| t.chars().filter(|c| !c.is_whitespace()).count())
            .sum();
        // Links side by side ("Print Share Tweet") are items of their own.
        let link_only = shown <= self.link_chars;
        link_only
            || (items.len() >= 2
                && self.links * 2 >= items.len()
                && items.iter().all(|t| short_item(t)))
    }
}

/// Characters that separate the items of a bar or menu.
fn is_separator(c: char) -> bool {
    matches!(c, '|' | '•' | '·' | '/' | '¦' | '‖')
}

/// Whether a piece of text is short enough to be one item of a bar: a few words.
fn short_item(t: &str) -> bool {
    t.split_whitespace().count() <= 3 && t.chars().count() <= 24
}

/// The lines of the article the extractor finds, or `None` when it finds none.
fn article_lines(dom: Dom) -> Option<Vec<String>> {
    let cfg = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Raw,
        // Metadata is not used; only the article's body is.
        disable_json_ld: true,
        ..Default::default()
    };
    let mut r = dom_smoothie::Readability::with_document(dom, None, Some(cfg)).ok()?;
    r.parse().ok()?;
    // The extractor leaves the article in its document, under `#readability-page-1`: read
    // there rather than parsing the serialised content again.
    let article = r.doc.select_single("#readability-page-1");
    let root = article.nodes().first()?;
    let lines: Vec<String> = blocks(root).0.into_iter().flat_map(|b| b.lines).collect();
    (!lines.is_empty()).then_some(lines)
}

/// Elements whose content is never text of the page.
fn skipped(name: &str) -> bool {
    matches!(
        name,
        "head"
            | "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "math"
            | "iframe"
            | "object"
            | "embed"
            | "canvas"
            | "select"
            | "option"
            | "textarea"
            | "button"
            | "input"
            | "video"
            | "audio"
            | "map"
            | "dialog"
    )
}

/// Elements that start and end a paragraph.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "td"
            | "th"
            | "blockquote"
            | "pre"
            | "dd"
            | "dt"
            | "div"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "nav"
            | "aside"
            | "main"
            | "ul"
            | "ol"
            | "dl"
            | "table"
            | "tr"
            | "tbody"
            | "thead"
            | "tfoot"
            | "caption"
            | "form"
            | "fieldset"
            | "figure"
            | "figcaption"
            | "address"
            | "hr"
            | "center"
            | "body"
            | "html"
            | "details"
            | "summary"
            | "legend"
            | "menu"
            | "label"
    )
}

/// Elements, class and id words that mark navigation when no article is found.
const NAV_ELEMENTS: &[&str] = &["nav", "header", "footer", "aside", "form", "menu"];
const NAV_WORDS: &[&str] = &[
    "nav",
    "navbar",
    "navigation",
    "menu",
    "breadcrumb",
    "breadcrumbs",
    "pathway",
    "footer",
    "header",
    "sidebar",
    "print",
    "email",
    "share",
    "social",
    "cookie",
    "cookies",
    "banner",
    "buttonheading",
    "pagenav",
    "pagination",
];

struct Walker {
    blocks: Vec<Block>,
    /// Blocks read inside a footnote list, for after the body.
    notes: Vec<Block>,
    /// Depth of footnote lists around the current node.
    note: usize,
    links: usize,
    long_link: bool,
    lines: Vec<String>,
    line: String,
    /// Line breaks in a row since the last text.
    breaks: usize,
    /// Depth of navigation elements around the current node.
    nav: usize,
    /// Depth of figures and captions around the current node.
    caption: usize,
    /// Inside `<pre>`: white space and line breaks are kept.
    pre: usize,
    /// Inside a link.
    link: usize,
    /// Inside a heading.
    heading: bool,
    /// The block elements open around the current node.
    open: Vec<NodeId>,
    chars: usize,
    link_chars: usize,
}

impl Walker {
    fn end_line(&mut self) {
        let l = self.line.trim();
        if !l.is_empty() {
            // Preformatted lines keep their spacing up to here; squeezed like the others.
            let l = if self.pre > 0 {
                l.split_whitespace().collect::<Vec<_>>().join(" ")
            } else {
                l.to_string()
            };
            self.lines.push(l);
        }
        self.line.clear();
    }

    fn end_block(&mut self) {
        self.end_line();
        if !self.lines.is_empty() {
            let to = if self.note > 0 {
                &mut self.notes
            } else {
                &mut self.blocks
            };
            to.push(Block {
                lines: std::mem::take(&mut self.lines),
                chrome: self.nav > 0,
                caption: self.caption > 0,
                heading: self.heading,
                owner: self.open.last().copied(),
                parent: self.open.len().checked_sub(2).map(|k| self.open[k]),
                chars: self.chars,
                link_chars: self.link_chars,
                links: self.links,
                long_link: self.long_link,
            });
        }
        self.chars = 0;
        self.link_chars = 0;
        self.links = 0;
        self.long_link = false;
        self.breaks = 0;
    }

    fn text(&mut self, t: &str) {
        if self.pre > 0 {
            let n = t.chars().filter(|c| !c.is_whitespace()).count();
            self.count(n);
            let mut parts = t.split('\n');
            if let Some(first) = parts.next() {
                self.line.push_str(first);
            }
            for p in parts {
                // A blank line of preformatted text ends a paragraph, as in a text file.
                if self.line.trim().is_empty() {
                    self.end_block();
                } else {
                    self.end_line();
                }
                self.line.push_str(p);
            }
            return;
        }
        // Runs of white space (no-break spaces included) become one space, so a line is
        // already its own matching key; the other characters are counted.
        let mut n = 0;
        let mut space = false;
        for (i, word) in t.split(char::is_whitespace).enumerate() {
            space |= i > 0;
            if word.is_empty() {
                continue;
            }
            if space && !self.line.is_empty() && !self.line.ends_with(' ') {
                self.line.push(' ');
            }
            space = false;
            self.line.push_str(word);
            n += word.chars().count();
        }
        if space && !self.line.is_empty() && !self.line.ends_with(' ') {
            self.line.push(' ');
        }
        if n > 0 {
            self.breaks = 0;
        }
        self.count(n);
    }

    /// Counts `n` letters of text, inside a link or not.
    fn count(&mut self, n: usize) {
        self.chars += n;
        if self.link > 0 {
            self.link_chars += n;
        }
    }

    fn walk(&mut self, node: &NodeRef) {
        for child in node.children_it(false) {
            if child.is_text() {
                child.query(|n| {
                    if let dom_query::NodeData::Text { contents } = &n.data {
                        self.text(contents);
                    }
                });
                continue;
            }
            // The tag name, read in place: this runs on every element of every page.
            let Some(qual) = child.qual_name_ref() else {
                continue;
            };
            let name: &str = &qual.local;
            if skipped(name) {
                continue;
            }
            if name == "br" {
                self.breaks += 1;
                if self.breaks >= 2 {
                    self.end_block();
                } else {
                    self.end_line();
                }
                continue;
            }
            if !is_block(name) {
                if (name == "sup" && self.is_note_ref(&child))
                    || (name == "a" && (is_back_link(&child) || is_ref_link(&child)))
                {
                    continue;
                }
                let link = usize::from(name == "a");
                let (before, blocks) = (self.chars, self.blocks.len() + self.notes.len());
                self.link += link;
                self.walk(&child);
                self.link -= link;
                if link > 0 && blocks == self.blocks.len() + self.notes.len() {
                    let text = child.text();
                    self.links += usize::from(self.chars > before);
                    self.long_link |= !short_item(&text);
                }
                continue;
            }
            let nav = NAV_ELEMENTS.contains(&name) || has_nav_word(&child);
            // The page's and the article's own containers name features of the page in
            // their classes ("f_caption_on"): only smaller elements are captions by name.
            let container = matches!(name, "html" | "body" | "main" | "article");
            let caption = usize::from(
                matches!(name, "figure" | "figcaption") || (!container && has_caption_word(&child)),
            );
            let note = usize::from(is_note_list(&child, name));
            self.end_block();
            self.nav += usize::from(nav);
            self.caption += caption;
            self.note += note;
            self.pre += usize::from(name == "pre");
            let heading = matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
            self.heading |= heading;
            self.open.push(child.id);
            self.walk(&child);
            self.end_block();
            self.open.pop();
            if heading {
                self.heading = false;
            }
            self.nav -= usize::from(nav);
            self.caption -= caption;
            self.note -= note;
            self.pre -= usize::from(name == "pre");
        }
    }

    /// Whether a `<sup>` is a footnote reference: it links to a note or is named one, holds
    /// `[n]` or `*`, or holds a bare number right after punctuation (a number after a letter
    /// may be an exponent, "km²").
    fn is_note_ref(&self, sup: &NodeRef) -> bool {
        let text = sup.text();
        let t = text.trim();
        let digits =
            |s: &str| !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit());
        let marker = digits(t)
            || t.strip_prefix('[')
                .and_then(|s| s.strip_suffix(']'))
                .is_some_and(digits)
            || t.chars().all(|c| c == '*')
            || is_back_text(t);
        if !marker || t.is_empty() {
            return false;
        }
        if names_note(sup)
            || sup
                .descendants_it()
                .any(|d| d.has_name("a") && (is_ref_link(&d) || is_back_link(&d)))
            || !digits(t)
        {
            return true;
        }
        self.line
            .trim_end()
            .chars()
            .last()
            .is_some_and(|c| c.is_ascii_punctuation() || matches!(c, '»' | '”' | '’' | '…'))
    }
}

/// Text that stands for a link back from a note to its reference.
fn is_back_text(t: &str) -> bool {
    let t = t.trim_end_matches('\u{fe0e}').trim_end_matches('\u{fe0f}');
    matches!(t, "↩" | "^" | "↑" | "⤴")
}

/// The fragment a link points to inside the page, lowercased.
fn fragment(a: &NodeRef) -> Option<String> {
    let href = a.attr("href")?;
    let (_, frag) = href.split_once('#')?;
    Some(frag.to_lowercase())
}

/// Whether a fragment names a footnote (`#fn1`, `#_ftn1`, `#footnote-1`, `#cite_note-1`,
/// `#endnote2`, `#note3`).
fn note_fragment(f: &str) -> bool {
    let f = f.trim_start_matches(['_', '-']);
    [
        "fn",
        "ftn",
        "footnote",
        "endnote",
        "edn",
        "note",
        "cite_note",
        "sdfootnote",
        "sdendnote",
    ]
    .iter()
    .any(|p| {
        f.strip_prefix(p).is_some_and(|rest| {
            let rest = rest.trim_start_matches([':', '-', '_', '.']);
            !rest.is_empty() && rest.chars().next().is_some_and(|c| c.is_ascii_digit())
                || rest.starts_with("ref")
        })
    })
}

/// Whether a link is a footnote back-link: "↩" and the like, or a link to a reference
/// (`#fnref1`, `#_ftnref1`, `#cite_ref-1`), or named one by its class.
fn is_back_link(a: &NodeRef) -> bool {
    let text = a.text();
    if is_back_text(text.trim()) {
        return true;
    }
    let class = a
        .attr("class")
        .map(|c| c.to_lowercase())
        .unwrap_or_default();
    if class.contains("backref")
        || class.contains("footnote-back")
        || class.contains("reversefootnote")
    {
        return true;
    }
    fragment(a).is_some_and(|f| {
        let f = f.trim_start_matches(['_', '-']);
        [
            "fnref",
            "ftnref",
            "cite_ref",
            "footnote-ref",
            "ednref",
            "endnoteref",
        ]
        .iter()
        .any(|p| f.starts_with(p))
            || (f.starts_with("sdfootnote") || f.starts_with("sdendnote")) && f.ends_with("anc")
    })
}

/// Whether a link is a footnote reference: it points to a note and holds only a marker
/// (a number, `[n]`, `*`).
fn is_ref_link(a: &NodeRef) -> bool {
    let text = a.text();
    let t = text.trim().trim_start_matches('[').trim_end_matches(']');
    let marker = !t.is_empty()
        && t.chars().count() <= 4
        && t.chars().all(|c| c.is_ascii_digit() || c == '*');
    marker && fragment(a).is_some_and(|f| note_fragment(&f))
}

/// Whether an element's class or id names a footnote (`footnote`, `fn-ref`).
fn names_note(node: &NodeRef) -> bool {
    let words = |v: Option<tendril::StrTendril>| {
        v.is_some_and(|v| {
            v.split(|c: char| c.is_whitespace() || c == '-' || c == '_')
                .any(|w| {
                    let w = w.to_lowercase();
                    w.starts_with("footnote") || w == "fnref" || w == "fn" || w == "noteref"
                })
        })
    };
    words(node.attr("class")) || words(node.attr("id"))
}

/// Whether a block element holds footnotes: its class or id names footnotes, endnotes or
/// notes, or it is a note itself (`<li id="fn1">`, `<div id="ftn1">`).
fn is_note_list(node: &NodeRef, name: &str) -> bool {
    let listy = |v: Option<tendril::StrTendril>| {
        v.is_some_and(|v| {
            v.split(|c: char| c.is_whitespace() || c == '-' || c == '_')
                .any(|w| {
                    matches!(
                        w.to_lowercase().as_str(),
                        "footnotes" | "endnotes" | "notes" | "footnote" | "endnote"
                    )
                })
        })
    };
    if matches!(name, "div" | "section" | "ol" | "ul" | "aside" | "dl")
        && (listy(node.attr("class")) || listy(node.attr("id")))
    {
        return true;
    }
    // A note by its id: fn1, fn:1, _ftn1, footnote-1, cite_note-1, sdfootnote1.
    node.attr("id").is_some_and(|id| {
        let id = id.to_lowercase();
        note_fragment(&id) && !id.trim_start_matches(['_', '-']).contains("ref")
    })
}

fn has_nav_word(node: &NodeRef) -> bool {
    names_one_of(node, NAV_WORDS)
}

/// Class and id words of picture captions and credits. (Words of galleries and lightboxes
/// also name containers that hold a whole article: "enable-lightbox".)
const CAPTION_WORDS: &[&str] = &["caption", "captions", "credit", "credits"];

fn has_caption_word(node: &NodeRef) -> bool {
    names_one_of(node, CAPTION_WORDS)
}

/// Whether a word of the element's class or id (split at white space, `-` and `_`) is one of
/// `list`, in any case.
fn names_one_of(node: &NodeRef, list: &[&str]) -> bool {
    let words = |v: Option<tendril::StrTendril>| {
        v.is_some_and(|v| {
            v.split(|c: char| c.is_whitespace() || c == '-' || c == '_')
                .any(|w| list.iter().any(|n| n.eq_ignore_ascii_case(w)))
        })
    };
    words(node.attr("class")) || words(node.attr("id"))
}

/// The blocks of a page or fragment in document order, and the blocks of its footnote lists.
fn blocks(root: &NodeRef) -> (Vec<Block>, Vec<Block>) {
    let mut w = Walker {
        blocks: Vec::new(),
        notes: Vec::new(),
        note: 0,
        links: 0,
        long_link: false,
        lines: Vec::new(),
        line: String::new(),
        breaks: 0,
        nav: 0,
        caption: 0,
        pre: 0,
        link: 0,
        heading: false,
        open: Vec::new(),
        chars: 0,
        link_chars: 0,
    };
    w.walk(root);
    w.end_block();
    (w.blocks, w.notes)
}
