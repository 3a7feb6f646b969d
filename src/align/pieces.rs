//! Segments that are not one whole sentence: the rest of a sentence begun in the segment
//! before it, or several sentences in one segment.

use crate::segment::ends;

/// True when `this` reads as the rest of the sentence `prev` began: it opens with a small
/// letter, or `prev` stopped at a semicolon or colon (text split inside a sentence).
///
/// ```
/// # use bitext::align::continues;
/// assert!(continues("Bald war die Stelle gefunden :", "etwa hundert Schritt flussaufwärts ."));
/// assert!(continues("Il pleuvait ;", "Nous sommes partis ."));
/// assert!(!continues("He left.", "She stayed."));
/// assert!(!continues("He left.", "1956 was a dry year."));
/// ```
pub fn continues(prev: &str, this: &str) -> bool {
    let stopped = prev
        .trim_end()
        .chars()
        .next_back()
        .is_some_and(|c| matches!(c, ';' | ':'));
    let small = this
        .chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(|c| c.is_lowercase());
    stopped || small
}

/// How many sentences a segment holds, by the sentence ends inside it: ".", "?" or "!"
/// (with any closing quotes) followed by a space and a capital letter or an opening quote,
/// unless the word before the point is a single letter or an abbreviation-like word of at
/// most three letters ("Mr.", "St.", "J."); a point set off by a space (tokenised text)
/// always ends a sentence.
///
/// ```
/// # use bitext::align::sentence_parts;
/// assert_eq!(sentence_parts("He left. She stayed."), 2);
/// assert_eq!(sentence_parts("Mr. Smith met J. Doe in St. Louis."), 1);
/// assert_eq!(sentence_parts("\"Why?\" he asked. \"Because.\""), 2);
/// ```
pub fn sentence_parts(text: &str) -> u8 {
    let chars: Vec<char> = text.trim_end().chars().collect();
    let mut parts = 1u8;
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k];
        if ends::COMMON_TERMS.contains(&c) {
            let mut e = k + 1;
            while e < chars.len()
                && (ends::PART_CLOSERS.contains(&chars[e]) || matches!(chars[e], '.' | '?' | '!'))
            {
                e += 1;
            }
            let next = chars.get(e + 1).copied();
            let opens = next.is_some_and(|n| n.is_uppercase() || ends::PART_OPENERS.contains(&n));
            if chars.get(e).is_some_and(|s| s.is_whitespace()) && opens {
                let word = chars[..k]
                    .iter()
                    .rev()
                    .take_while(|w| w.is_alphabetic())
                    .count();
                let spaced = k > 0 && chars[k - 1].is_whitespace();
                if c != '.' || word > 3 || spaced {
                    parts = parts.saturating_add(1);
                }
            }
            k = e;
        } else {
            k += 1;
        }
    }
    parts
}
