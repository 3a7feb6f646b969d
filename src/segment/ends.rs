//! Where a sentence ends, as characters: the marks that end one, the quotes and brackets that
//! close or open one, and list bullets. The built-in splitter (`builtin.rs`), the joining of
//! wrapped lines (`mod.rs`), the SRX export (`srx_export.rs`) and the aligner's count of
//! sentences in a segment (`align::sentence_parts`) all read these lists; the words that
//! decide (abbreviations, starters, word endings) are in the rule files, `rules/*.txt`.

/// Marks that can end a sentence.
pub const TERMS: &[char] = &['.', '!', '?', '…', '‼', '⁇', '⁈', '⁉'];

/// The marks that end nearly every sentence of running text: a paragraph holding one of them
/// is prose, and the aligner counts a segment's sentences by them.
pub const COMMON_TERMS: &[char] = &['.', '!', '?', '…'];

/// Quotes and brackets that may close a sentence after its final mark.
pub const CLOSERS: &[char] = &['»', '"', '”', '’', '\'', ')', ']', '“'];

/// Quotes and brackets that may open a sentence before its first letter.
pub const OPENING_QUOTES: &[char] = &['«', '"', '“', '„', '\'', '‘', '(', '['];

/// Dashes (of dialogue) and the Spanish inverted marks that may open a sentence.
pub const OPENING_MARKS: &[char] = &['—', '–', '-', '¿', '¡'];

/// List bullets: each starts an item, and so a sentence.
pub const BULLETS: &[char] = &['•', '⁃', '▪', '◦', '‣', '●', '■', '►'];

/// The closing quotes and bracket the aligner's sentence count steps over after a final mark:
/// fewer than [`CLOSERS`] (no `]`, no `“`), as the count has always been made; widening it
/// would move links.
pub const PART_CLOSERS: &[char] = &['"', '\'', '»', '”', '’', ')'];

/// What opens the next sentence for the aligner's count besides a capital letter: quotes and
/// dashes, fewer than [`OPENING_QUOTES`] and [`OPENING_MARKS`] (no `'`, brackets, `-`,
/// `¿` or `¡`), as the count has always been made.
pub const PART_OPENERS: &[char] = &['"', '«', '“', '„', '‘', '—', '–'];

/// Whether `c` can end a sentence.
pub fn is_term(c: char) -> bool {
    TERMS.contains(&c)
}

/// Whether `c` may close a sentence after its final mark.
pub fn is_closer(c: char) -> bool {
    CLOSERS.contains(&c)
}

/// Whether `c` may open a sentence before its first letter.
pub fn is_opener(c: char) -> bool {
    OPENING_QUOTES.contains(&c) || OPENING_MARKS.contains(&c)
}

/// Whether `c` is a list bullet.
pub fn is_bullet(c: char) -> bool {
    BULLETS.contains(&c)
}

/// The characters as the body of a regular-expression class (`.!?` for `[.!?]`), with the
/// characters a class gives a meaning (`[`, `]`, `-`, `\`, `^`) escaped.
///
/// ```
/// use bitext::segment::ends::{class_body, CLOSERS};
/// assert_eq!(class_body(CLOSERS.iter().copied()), r#"»"”’')\]“"#);
/// ```
pub fn class_body(chars: impl IntoIterator<Item = char>) -> String {
    let mut out = String::new();
    for c in chars {
        if matches!(c, '[' | ']' | '-' | '\\' | '^') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The characters as a regular-expression class: `[.!?…]`.
pub fn class(chars: &[char]) -> String {
    format!("[{}]", class_body(chars.iter().copied()))
}
