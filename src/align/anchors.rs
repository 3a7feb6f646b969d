//! Lexical anchors of a sentence: numbers, words folded across scripts (names, cognates,
//! Latin words inside Russian text), telling punctuation and dictionary entries.

use rustc_hash::FxHashMap as HashMap;
use std::sync::Arc;

use super::dict::Dictionary;
use super::translit::fold;
use super::Side;
use crate::lang::{is_letter, is_letter_or_digit};

/// What kind of evidence an anchor is; each kind has its own weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// A number, normalised ("1 000,5" and "1,000.5" are both "1000.5").
    Number,
    /// A word folded to Latin; matches a word of the other side by spelling similarity.
    Word,
    /// A word pair from the bilingual dictionary.
    Dict,
    /// "?", "!", ":" or a quotation mark.
    Punct,
}

/// One anchor: its kind, a short key to find candidates fast and the folded form.
#[derive(Debug, Clone, PartialEq, PartialOrd)]
pub struct Anchor {
    /// Candidates share a key: the number itself, the first letters of a word, a dictionary
    /// entry's index or the punctuation mark.
    pub key: u64,
    /// The kind of evidence.
    pub kind: Kind,
    /// The folded word (none for other kinds), shared by every occurrence of the word in
    /// the document.
    pub word: Option<Arc<str>>,
    /// How much a match of this anchor counts: 1 for an anchor found in one sentence of the
    /// document, less for one that recurs (a topic word matches everywhere and tells little).
    pub weight: f32,
    /// A translation of the sentence is expected to carry it when a sentence near it on the
    /// other side does: words and learned stem pairs. A dictionary's pairs are not (a word
    /// has several translations, and some of them turn up near any sentence by chance).
    pub expected: bool,
}

impl Anchor {
    /// The folded word, empty for numbers, punctuation and dictionary pairs.
    pub fn form(&self) -> &str {
        self.word.as_deref().unwrap_or("")
    }
}

/// The anchors of one sentence, sorted by key.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Anchors {
    /// Sorted anchors.
    pub items: Vec<Anchor>,
}

pub use super::words::is_stopword;

/// A stable 64-bit hash (FNV-1a) of a string.
pub fn hash(s: &str) -> u64 {
    crate::hash::fnv1a(s.bytes())
}

/// Extracts the anchors of a sentence.
pub fn extract(text: &str, side: Side, dict: Option<&Dictionary>) -> Anchors {
    extract_cached(text, side, dict, &mut HashMap::default())
}

/// Extracts the anchors of every sentence of one side, working out each distinct word once
/// (its dictionary pairs, folded form and key): documents repeat their words.
pub fn extract_all<'a>(
    texts: impl Iterator<Item = &'a str>,
    side: Side,
    dict: Option<&Dictionary>,
) -> Vec<Anchors> {
    let mut words = HashMap::default();
    texts
        .map(|t| extract_cached(t, side, dict, &mut words))
        .collect()
}

/// What one word brings: its dictionary pairs, and its folded form and key when it counts
/// as a word anchor.
type WordAnchors = (Vec<u32>, Option<(Arc<str>, u64)>);

fn word_anchors(word: &str, side: Side, dict: Option<&Dictionary>) -> WordAnchors {
    let ids = dict.map_or(Vec::new(), |d| d.lookup(word, side).to_vec());
    let folded = fold(word);
    let letters = folded.chars().count();
    let capital = word.chars().next().is_some_and(char::is_uppercase);
    if letters < 3 || (letters < 4 && !capital) || is_stopword(&folded) {
        return (ids, None);
    }
    let prefix: String = folded.chars().take(3).collect();
    let key = hash(&prefix) & !3;
    (ids, Some((folded.into(), key)))
}

fn extract_cached(
    text: &str,
    side: Side,
    dict: Option<&Dictionary>,
    words: &mut HashMap<String, WordAnchors>,
) -> Anchors {
    let mut items = Vec::new();
    for number in numbers(text) {
        items.push(Anchor {
            key: hash(&number) | 1,
            kind: Kind::Number,
            word: None,
            weight: 1.0,
            expected: false,
        });
    }
    for mark in ['?', '!', ':'] {
        if text.contains(mark) {
            items.push(Anchor {
                key: mark as u64 * 2,
                kind: Kind::Punct,
                word: None,
                weight: 1.0,
                expected: false,
            });
        }
    }
    if text.contains(['«', '»', '"', '“', '”', '„']) {
        items.push(Anchor {
            key: '"' as u64 * 2,
            kind: Kind::Punct,
            word: None,
            weight: 1.0,
            expected: false,
        });
    }
    let mut seen: Vec<&str> = Vec::new();
    // Word anchors are looked up in the cache first and pushed once the cache is done with.
    let mut sentence_words: Vec<&str> = Vec::new();
    for word in text.split(|c: char| !is_letter_or_digit(c) && c != '-' && c != '\'' && c != '’')
    {
        let word = word.trim_matches(|c: char| c == '-' || c == '\'' || c == '’');
        if word.is_empty() || word.chars().all(|c| c.is_numeric()) {
            continue;
        }
        if !words.contains_key(word) {
            words.insert(word.to_string(), word_anchors(word, side, dict));
        }
        sentence_words.push(word);
    }
    for word in sentence_words {
        let (ids, anchor) = &words[word];
        // A word with several translations counts once in all: each pair a share.
        let share = 1.0 / ids.len().max(1) as f32;
        for id in ids {
            items.push(Anchor {
                // At the top of the key range, so a sentence's dictionary pairs sort after
                // its numbers and words (links track the first 64 anchors of a sentence).
                key: ((u64::MAX >> 2) - *id as u64) << 2 | 2,
                kind: Kind::Dict,
                word: None,
                weight: share,
                expected: false,
            });
        }
        let Some((folded, key)) = anchor else {
            continue;
        };
        if seen.contains(&&**folded) {
            continue;
        }
        items.push(Anchor {
            key: *key,
            kind: Kind::Word,
            word: Some(folded.clone()),
            weight: 1.0,
            expected: true,
        });
        seen.push(folded);
    }
    items.sort_by(|a, b| (a.key, a.kind, a.form()).cmp(&(b.key, b.kind, b.form())));
    items.dedup();
    // A document's anchors stay in memory through both passes: no spare capacity.
    items.shrink_to_fit();
    Anchors { items }
}

/// A 256-bit sketch of a sentence's anchor keys, one bit per key (spread by a multiplicative
/// hash): two sentences whose sketches share no bit share no anchor, and an anchor whose bit
/// the other sentence's sketch lacks has no partner there.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sketch([u64; 4]);

impl Sketch {
    /// The sketch of one sentence's anchors.
    pub fn of(a: &Anchors) -> Sketch {
        let mut words = [0u64; 4];
        for x in &a.items {
            let (w, bit) = Sketch::bit(x.key);
            words[w] |= bit;
        }
        Sketch(words)
    }

    /// True when the two sketches share a bit.
    pub fn meets(&self, other: &Sketch) -> bool {
        self.0.iter().zip(&other.0).any(|(a, b)| a & b != 0)
    }

    /// True when the sketch holds the bit of `key`.
    fn holds(&self, key: u64) -> bool {
        let (w, bit) = Sketch::bit(key);
        self.0[w] & bit != 0
    }

    fn bit(key: u64) -> (usize, u64) {
        let h = key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 56;
        ((h >> 6) as usize, 1 << (h & 63))
    }
}

/// Normalised numbers in a text: thousands separators dropped, decimal comma made a point.
///
/// ```
/// use bitext::align::anchors::numbers;
/// assert_eq!(numbers("1 000,5 и 3,5% в 2013 г."), ["1000.5", "3.5", "2013"]);
/// assert_eq!(numbers("US$1,000.5 and 40 billion"), ["1000.5", "40"]);
/// ```
pub fn numbers(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        if !chars[k].is_ascii_digit() || (k > 0 && is_letter(chars[k - 1])) {
            k += 1;
            continue;
        }
        // Collect digit groups joined by one separator.
        let mut groups: Vec<(String, char)> = Vec::new();
        let mut cur = String::new();
        while k < chars.len() {
            let c = chars[k];
            if c.is_ascii_digit() {
                cur.push(c);
                k += 1;
            } else if matches!(c, ',' | '.' | ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
                && k + 1 < chars.len()
                && chars[k + 1].is_ascii_digit()
            {
                groups.push((std::mem::take(&mut cur), c));
                k += 1;
            } else {
                break;
            }
        }
        groups.push((cur, '\0'));
        out.push(join_groups(&groups));
    }
    out
}

/// Joins digit groups: a space or a comma before exactly three digits separates thousands;
/// otherwise a comma or a point is the decimal mark, and a space ends the number.
fn join_groups(groups: &[(String, char)]) -> String {
    let mut out = groups[0].0.clone();
    let mut decimal = false;
    for w in 1..groups.len() {
        let sep = groups[w - 1].1;
        let digits = &groups[w].0;
        let thousands = matches!(sep, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | ',')
            && digits.len() == 3
            && !decimal;
        if thousands {
            out.push_str(digits);
        } else if matches!(sep, ',' | '.') && !decimal {
            out.push('.');
            out.push_str(digits);
            decimal = true;
        } else {
            // "16.05.2013": a date; keep its parts apart as one token.
            out.push('/');
            out.push_str(digits);
        }
    }
    out
}

/// The anchors of `a` and `b` that match, by kind and weight.
pub fn matches(a: &Anchors, b: &Anchors) -> Match {
    matches_sketched(a, b, &Sketch::of(b))
}

/// The anchors of `a` and `b` that match, as [`matches`], with the sketch of `b` worked out
/// before: an anchor of `a` whose bit the sketch lacks is passed over without a search.
pub fn matches_sketched(a: &Anchors, b: &Anchors, b_sketch: &Sketch) -> Match {
    let (x, y) = (&a.items, &b.items);
    let mut j = 0;
    let mut m = Match::default();
    // Anchors of `b` already taken: the first 64 in a bit set, any further ones in a list.
    let mut used = 0u64;
    let mut used_more: Vec<usize> = Vec::new();
    for (i, xi) in x.iter().enumerate() {
        let key = xi.key;
        if !b_sketch.holds(key) {
            continue;
        }
        // Both lists are sorted by key: the candidates of `b` start where its keys reach
        // this one, never before where the last search stopped.
        j += y[j..].partition_point(|a| a.key < key);
        if j == y.len() {
            break;
        }
        // Same key: try each candidate of b with this key.
        let mut jj = j;
        let mut found = false;
        while jj < y.len() && y[jj].key == key {
            let taken = if jj < 64 {
                used & 1 << jj != 0
            } else {
                used_more.contains(&jj)
            };
            if !taken && xi.kind == y[jj].kind && same(xi, &y[jj]) {
                if jj < 64 {
                    used |= 1 << jj;
                } else {
                    used_more.push(jj);
                }
                found = true;
                break;
            }
            jj += 1;
        }
        if found {
            m.add(xi.kind, xi.weight.min(y[jj].weight));
            if xi.expected {
                m.src_found += xi.weight;
                m.tgt_found += y[jj].weight;
            }
            if i < 64 {
                m.src_items |= 1 << i;
            }
            if jj < 64 {
                m.tgt_items |= 1 << jj;
            }
        }
    }
    m
}

fn same(a: &Anchor, b: &Anchor) -> bool {
    if a.kind != Kind::Word {
        return true;
    }
    cognate(a.form(), b.form())
}

/// True when two folded words are the same word or cognates: a long common beginning, or a
/// close spelling by Jaro-Winkler similarity.
pub fn cognate(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let shorter = a.chars().count().min(b.chars().count());
    if common >= 5 || (common >= 4 && common * 3 >= shorter * 2) {
        return true;
    }
    common >= 3 && shorter >= 4 && strsim::jaro_winkler(a, b) >= 0.9
}

/// Matched anchors between two spans, by kind.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Match {
    /// Matched numbers, weighted.
    pub numbers: f32,
    /// Matched words (names, cognates), weighted.
    pub words: f32,
    /// Matched dictionary pairs, weighted.
    pub dict: f32,
    /// Matched punctuation marks.
    pub punct: f32,
    /// Matched numbers, counted.
    pub number_hits: u32,
    /// The anchors of the source sentence that found a partner (bit k: its k-th anchor,
    /// the first 64 only), so that a link of several sentences counts each anchor once.
    pub src_items: u64,
    /// The anchors of the target sentence that found a partner, as `src_items`.
    pub tgt_items: u64,
    /// Weight of the source side's words and dictionary pairs that found a partner, each
    /// anchor by its own weight.
    pub src_found: f32,
    /// The same for the target side.
    pub tgt_found: f32,
}

impl Match {
    fn add(&mut self, kind: Kind, weight: f32) {
        match kind {
            Kind::Number => {
                self.numbers += weight;
                self.number_hits += 1;
            }
            Kind::Word => self.words += weight,
            Kind::Dict => self.dict += weight,
            Kind::Punct => self.punct += weight,
        }
    }
}

/// The weight of each sentence's words and dictionary pairs that have a partner in a sentence
/// of the other side near it: evidence that a translation of the sentence would be expected
/// to share, so that its absence from a link counts against the link. `near(i)` gives the
/// target sentences near source sentence `i`; returns the weights for both sides.
pub fn expected<I: Iterator<Item = usize>>(
    src: &[Anchors],
    tgt: &[Anchors],
    near: impl Fn(usize) -> I + Sync,
) -> (Vec<f32>, Vec<f32>) {
    use rayon::prelude::*;
    // Each source sentence against the target sentences near it, side by side; what the
    // target sentences found is gathered after.
    let sketches: Vec<Sketch> = tgt.par_iter().map(Sketch::of).collect();
    let found: Vec<(u64, Vec<(usize, u64)>)> = src
        .par_iter()
        .enumerate()
        .map(|(i, a)| {
            let mut mine = 0u64;
            let own = Sketch::of(a);
            let theirs = near(i)
                .filter(|&b| own.meets(&sketches[b]))
                .map(|b| {
                    let m = matches_sketched(a, &tgt[b], &sketches[b]);
                    mine |= m.src_items;
                    (b, m.tgt_items)
                })
                .collect();
            (mine, theirs)
        })
        .collect();
    let mut tgt_found = vec![0u64; tgt.len()];
    let src_found: Vec<u64> = found
        .into_iter()
        .map(|(mine, theirs)| {
            for (b, bits) in theirs {
                tgt_found[b] |= bits;
            }
            mine
        })
        .collect();
    let weigh = |side: &[Anchors], found: &[u64]| -> Vec<f32> {
        side.iter()
            .zip(found)
            .map(|(a, &bits)| {
                a.items
                    .iter()
                    .take(64)
                    .enumerate()
                    .filter(|(k, x)| bits & 1 << k != 0 && x.expected)
                    .map(|(_, x)| x.weight)
                    .sum()
            })
            .collect()
    };
    (weigh(src, &src_found), weigh(tgt, &tgt_found))
}

/// Lowers the weight of anchors that recur in many sentences of one side: a match counts
/// 1 / (1 + ln df), where df is the number of sentences holding the same number or word.
pub fn weigh(side: &mut [Anchors]) {
    // Words count by their first five letters (a hash of them), other anchors by their key.
    let key = |a: &Anchor| -> (u64, u64) {
        match a.kind {
            Kind::Word => {
                let form = a.form();
                let end = form.char_indices().nth(5).map_or(form.len(), |(k, _)| k);
                (0, hash(&form[..end]))
            }
            _ => (a.key, 0),
        }
    };
    let mut df: HashMap<(u64, u64), u32> = HashMap::default();
    for s in side.iter() {
        for a in &s.items {
            *df.entry(key(a)).or_default() += 1;
        }
    }
    for s in side.iter_mut() {
        for a in s.items.iter_mut() {
            if matches!(a.kind, Kind::Word | Kind::Number) {
                a.weight = 1.0 / (1.0 + (df[&key(a)] as f32).ln());
            } else if a.kind == Kind::Dict {
                a.weight /= 1.0 + (df[&key(a)] as f32).ln();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sketch_passes_over_no_partner() {
        // Every pair of these sentences matches the same with the sketch as with a sketch
        // that holds every bit (the plain merge of the two key lists), and the names, the
        // numbers and the repeated name are found.
        let ru = [
            "В 2013 году Синдзо Абэ посетил Москву, а 29 апреля 2013 года Путин и Абэ подписали заявление.",
            "Абэ и Путин, Путин и Абэ: 12 встреч за 2013-2014 годы.",
            "Переговоры продолжатся.",
        ];
        let en = [
            "In 2013 Shinzo Abe visited Moscow, and on 29 April 2013 Putin and Abe signed a statement.",
            "Abe and Putin, Putin and Abe: 12 meetings in 2013-2014.",
            "The talks will go on.",
        ];
        let src = extract_all(ru.into_iter(), Side::Source, None);
        let tgt = extract_all(en.into_iter(), Side::Target, None);
        let every = Sketch([u64::MAX; 4]);
        for a in &src {
            for b in &tgt {
                assert_eq!(matches(a, b), matches_sketched(a, b, &every));
            }
        }
        let first = matches(&src[0], &tgt[0]);
        assert!(first.words >= 2.0 && first.number_hits >= 2, "{first:?}");
        let second = matches(&src[1], &tgt[1]);
        assert!(second.src_items.count_ones() >= 6, "{second:?}");
        assert_eq!(matches(&src[2], &tgt[0]).words, 0.0);
    }

    #[test]
    fn every_stop_word_can_match() {
        let list = include_str!("stopwords.txt");
        for word in list
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            // A listed word, written as in text, is found in a sentence and dropped.
            let sentence = format!("Zzzq {word} zzzq.");
            let a = extract(&sentence, Side::Source, None);
            assert!(
                a.items.iter().all(|x| x.form() != fold(word).as_str()),
                "stop word {word:?} (folded {:?}) still counts",
                fold(word)
            );
            assert!(
                is_stopword(&fold(word)),
                "{word:?} does not match its folded form"
            );
            let capital: String = word
                .chars()
                .take(1)
                .flat_map(char::to_uppercase)
                .chain(word.chars().skip(1))
                .collect();
            assert!(
                fold(word).chars().count() >= 4 || fold(&capital).chars().count() >= 3,
                "{word:?} is too short ever to be compared"
            );
        }
    }
}
