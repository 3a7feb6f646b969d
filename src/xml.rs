//! Writing XML: the one escaper that TMX memories, SRX rules and the HTML review pages use.

/// Escapes text for XML element content and attribute values (the same escapes serve HTML):
/// `&`, `<`, `>`, both quotes, and a carriage return as a reference, since XML parsers turn
/// a literal one into a line feed.
///
/// ```
/// assert_eq!(bitext::xml::escape("a < \"b\" & 'c'"), "a &lt; &quot;b&quot; &amp; &apos;c&apos;");
/// ```
pub fn escape(s: &str) -> String {
    escape_as(s, true)
}

/// Escapes text for XML element content only (`&`, `<`, `>`), leaving quotes as they are, so
/// that the regular expressions of SRX rules stay readable.
///
/// ```
/// assert_eq!(bitext::xml::escape_content(r#"[»"”’')\]“]<"#), r#"[»"”’')\]“]&lt;"#);
/// ```
pub fn escape_content(s: &str) -> String {
    escape_as(s, false)
}

fn escape_as(s: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\'' if attribute => out.push_str("&apos;"),
            '\r' if attribute => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
    out
}
