//! Bounding how deep an HTML page nests before it is parsed. An HTML parser checks the open
//! elements at every tag, and readability scoring walks every node's ancestors, so a page of
//! thousands of nested elements (legacy pages with unclosed tags nest deep by accident) costs
//! time quadratic in its depth. Tags nested deeper than [`MAX_DEPTH`] are replaced by a line
//! break: their text is kept, in lines of their own, and reading stays linear.

use std::borrow::Cow;

/// Elements nested deeper than this are flattened.
pub const MAX_DEPTH: usize = 256;

/// How far back an end tag looks for its start tag among the open elements.
const MATCH_WINDOW: usize = 64;

/// Elements that have no end tag, or that are open around the whole page, and so are not
/// counted.
fn never_open(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
            | "colgroup"
            | "html"
            | "head"
            | "body"
    )
}

/// The open elements a start tag of `name` closes when they are the innermost ones: a
/// paragraph closes a paragraph, a cell a cell, a row a row and its cells, as a parser does.
fn closes(name: &str) -> &'static [&'static str] {
    match name {
        "p" => &["p"],
        "li" => &["li", "p"],
        "dt" | "dd" => &["dt", "dd", "p"],
        "td" | "th" => &["td", "th", "p"],
        "tr" => &["tr", "td", "th", "p"],
        "thead" | "tbody" | "tfoot" => &["thead", "tbody", "tfoot", "tr", "td", "th", "p"],
        "option" | "optgroup" => &["option"],
        "rb" | "rt" | "rtc" | "rp" => &["rb", "rt", "rtc", "rp"],
        _ => &[],
    }
}

/// Elements whose content is raw text up to their end tag.
fn raw_text(name: &str) -> bool {
    matches!(
        name,
        "script" | "style" | "textarea" | "title" | "xmp" | "iframe" | "noembed" | "noframes"
    )
}

/// `html` with the tags nested deeper than [`MAX_DEPTH`] replaced by `<br>` (borrowed when
/// the page nests less deep).
pub fn flatten_deep(html: &str) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    // Open elements: (name, whether its start tag was dropped).
    let mut open: Vec<(String, bool)> = Vec::new();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut i = 0;
    while let Some(k) = memchr(b'<', &bytes[i..]) {
        let start = i + k;
        let Some(tag) = Tag::parse(html, start) else {
            i = start + 1;
            continue;
        };
        i = tag.end;
        let drop = match (&tag.kind, tag.name.as_str()) {
            (Kind::Other, _) => false,
            (Kind::Start { .. }, name) if raw_text(name) => {
                // Skip to the end tag: nothing inside is markup.
                let close = format!("</{name}");
                i = find_ci(html, i, &close).unwrap_or(html.len());
                false
            }
            (Kind::Start { self_closing }, name) => {
                // `/>` closes an element only in SVG and MathML: on an HTML element the
                // parser ignores it (`<div/>` opens a div), as it must be counted here.
                let foreign = open
                    .iter()
                    .rev()
                    .take(MATCH_WINDOW)
                    .any(|(n, _)| n == "svg" || n == "math");
                if (*self_closing && foreign) || never_open(name) {
                    false
                } else {
                    let closed = closes(name);
                    while open
                        .last()
                        .is_some_and(|(top, _)| closed.contains(&top.as_str()))
                    {
                        open.pop();
                    }
                    let deep = open.len() >= MAX_DEPTH;
                    open.push((name.to_string(), deep));
                    deep
                }
            }
            (Kind::End, name) => {
                let from = open.len().saturating_sub(MATCH_WINDOW);
                match open[from..].iter().rposition(|(n, _)| n == name) {
                    Some(pos) => {
                        let (_, dropped) = open[from + pos];
                        open.truncate(from + pos);
                        dropped
                    }
                    None => false,
                }
            }
        };
        if drop {
            let buf = out.get_or_insert_with(|| String::with_capacity(html.len()));
            buf.push_str(&html[copied..start]);
            buf.push_str("<br>");
            copied = tag.end;
        }
    }
    match out {
        Some(mut buf) => {
            buf.push_str(&html[copied..]);
            Cow::Owned(buf)
        }
        None => Cow::Borrowed(html),
    }
}

enum Kind {
    Start {
        self_closing: bool,
    },
    End,
    /// A comment, doctype or processing instruction.
    Other,
}

struct Tag {
    name: String,
    kind: Kind,
    /// The byte after the tag's `>`.
    end: usize,
}

impl Tag {
    /// The tag starting at byte `at` (a `<`), or `None` when the `<` opens no tag.
    fn parse(html: &str, at: usize) -> Option<Tag> {
        let b = html.as_bytes();
        let next = *b.get(at + 1)?;
        if next == b'!' || next == b'?' {
            let end = if html[at..].starts_with("<!--->") {
                // Empty comments cut short, which a parser ends at once.
                at + 6
            } else if html[at..].starts_with("<!-->") {
                at + 5
            } else if html[at..].starts_with("<!--") {
                find_ci(html, at + 4, "-->").map_or(html.len(), |e| e + 3)
            } else {
                memchr(b'>', &b[at..]).map_or(html.len(), |e| at + e + 1)
            };
            return Some(Tag {
                name: String::new(),
                kind: Kind::Other,
                end,
            });
        }
        let (closing, name_at) = if next == b'/' {
            (true, at + 2)
        } else {
            (false, at + 1)
        };
        let len = b[name_at..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'-' || **c == b':')
            .count();
        if len == 0 || !b[name_at].is_ascii_alphabetic() {
            return None;
        }
        let name = html[name_at..name_at + len].to_ascii_lowercase();
        // The end of the tag, past quoted attribute values.
        let mut j = name_at + len;
        let mut quote = None;
        while j < b.len() {
            match (quote, b[j]) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, c @ (b'"' | b'\'')) => quote = Some(c),
                (None, b'>') => break,
                _ => {}
            }
            j += 1;
        }
        let end = (j + 1).min(b.len());
        let self_closing = j > 0 && b.get(j - 1) == Some(&b'/');
        Some(Tag {
            name,
            kind: if closing {
                Kind::End
            } else {
                Kind::Start { self_closing }
            },
            end,
        })
    }
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&c| c == needle)
}

/// Where `needle` (ASCII) next occurs in `html` from byte `from`, in any case.
fn find_ci(html: &str, from: usize, needle: &str) -> Option<usize> {
    let n = needle.as_bytes();
    html.as_bytes()
        .get(from..)?
        .windows(n.len())
        .position(|w| w.eq_ignore_ascii_case(n))
        .map(|p| from + p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_of_ordinary_depth_is_left_as_it_is() {
        let page = "<html><body><div class=\"a>b\"><p>One<p>Two<br/><script>if (a<b) {}</script></div></body></html>";
        assert!(matches!(flatten_deep(page), Cow::Borrowed(_)));
    }

    #[test]
    fn elements_past_the_limit_become_line_breaks_and_keep_their_text() {
        let n = MAX_DEPTH + 3;
        let page = format!("{}text{}", "<div>".repeat(n), "</div>".repeat(n));
        let flat = flatten_deep(&page);
        assert_eq!(flat.matches("<div>").count(), MAX_DEPTH);
        assert_eq!(flat.matches("</div>").count(), MAX_DEPTH);
        assert_eq!(flat.matches("<br>").count(), 6);
        assert!(flat.contains("text"));
    }

    #[test]
    fn slashed_html_elements_and_cut_comments_count_as_a_parser_reads_them() {
        let n = MAX_DEPTH + 3;
        let flat = flatten_deep(&"<div/>".repeat(n)).into_owned();
        assert_eq!(flat.matches("<div/>").count(), MAX_DEPTH);
        let page = format!("<!-->{}text", "<div>".repeat(n));
        assert_eq!(flatten_deep(&page).matches("<br>").count(), 3);
        // In SVG the slash closes: a drawing of many paths nests nothing.
        let svg = format!(
            "<svg>{}</svg><div><p>text</p></div>",
            "<path d=\"M0 0\"/>".repeat(n)
        );
        assert!(matches!(flatten_deep(&svg), Cow::Borrowed(_)));
    }
}
