//! Hyphens at line ends, decided by the document's own words: "расширен-" + "ный" is
//! "расширенный" when the document shows that word or its stem, "премьер-" + "министр"
//! keeps its hyphen when the document writes it so, and a number or a capital after the
//! hyphen ("2013-" + "2014", "Russo-" + "Japanese") always keeps it.

use std::collections::HashMap;

/// The words of a document, for evidence on hyphens.
#[derive(Debug, Default)]
pub(super) struct Vocab {
    count: HashMap<String, usize>,
    sorted: Vec<String>,
    /// False when the producer justifies lines without breaking words (a browser, Word by
    /// default): a hyphen at a line end is then the text's own unless the word occurs whole.
    plain_breaks: bool,
}

/// A word without the punctuation around it, in lower case.
pub(super) fn bare(w: &str) -> String {
    w.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// Heads that make compounds with a hyphen whatever follows ("вице-президент", "self-made").
const HEADS: &[&str] = &[
    "вице",
    "премьер",
    "лейб",
    "обер",
    "штаб",
    "унтер",
    "северо",
    "юго",
    "self",
    "well",
];

/// Russian words written with a hyphen after a short head ("во-первых", "по-прежнему",
/// "из-за", "кто-то"): the head before the hyphen and the words that may follow it.
const SHORT_HEADS: &[(&[&str], &[&str])] = &[
    (
        &["во", "в"],
        &[
            "первых",
            "вторых",
            "третьих",
            "четвертых",
            "четвёртых",
            "пятых",
            "шестых",
            "седьмых",
            "восьмых",
            "девятых",
            "десятых",
        ],
    ),
    (
        &["по"],
        &[
            "прежнему",
            "новому",
            "своему",
            "моему",
            "твоему",
            "нашему",
            "вашему",
            "другому",
            "иному",
            "разному",
            "старому",
            "хорошему",
            "видимому",
            "настоящему",
            "русски",
            "английски",
            "китайски",
            "японски",
            "немецки",
            "французски",
            "дружески",
        ],
    ),
    (&["из"], &["за", "под"]),
    (
        &[
            "кто",
            "что",
            "где",
            "как",
            "когда",
            "куда",
            "откуда",
            "почему",
            "зачем",
            "чей",
            "чья",
            "чьё",
            "чьи",
            "какой",
            "какая",
            "какое",
            "какие",
            "каких",
            "сколько",
        ],
        &["то", "либо", "нибудь"],
    ),
];

/// Words that are also common word endings: a line broken inside "moreover", "partnership"
/// or "another" leaves one of them on the next line.
const ENDINGS: &[&str] = &[
    "over", "ship", "ships", "other", "others", "ever", "ment", "ments", "ness", "less", "able",
    "ably", "ward", "wards", "wise", "hood", "dom", "ing", "ings", "ter", "ters", "tion", "age",
    "ages", "ally", "ful", "fully", "ity", "ence", "ance", "ure", "ures", "ate", "ated", "ates",
    "ation", "one", "ones", "and", "tic", "tics", "ant", "ants", "ent", "ents", "ten", "ion",
    "ions", "nation", "self", "man", "men", "way", "ways", "how", "where", "body", "thing",
];

/// Russian adjective endings: "международно-" + "политической" is a compound adjective.
const ADJ_ENDINGS: &[&str] = &[
    "ий", "ый", "ой", "ая", "яя", "ое", "ее", "ие", "ые", "ого", "его", "ому", "ему", "ых", "их",
    "ым", "им", "ую", "юю", "ыми", "ими",
];

impl Vocab {
    /// The vocabulary of these words (as they stand in the text, punctuation and all).
    pub fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> Vocab {
        let mut count: HashMap<String, usize> = HashMap::new();
        for w in words {
            let b = bare(w);
            if b.is_empty() {
                continue;
            }
            // The parts of a compound count as words too.
            if b.contains('-') {
                for part in b.split('-').filter(|p| !p.is_empty()) {
                    *count.entry(part.to_string()).or_default() += 1;
                }
            }
            *count.entry(b).or_default() += 1;
        }
        let mut sorted: Vec<String> = count.keys().cloned().collect();
        sorted.sort_unstable();
        Vocab {
            count,
            sorted,
            plain_breaks: false,
        }
    }

    /// Tells from the words broken at line ends (`head-`, first word of the next line) and
    /// the lines of four words or more whether the producer breaks words: it does not when
    /// under 7 lines in 100 end in a hyphen after a letter and no word broken so occurs whole
    /// in the document, nor a soft hyphen marks one.
    pub fn set_hyphenated(&mut self, breaks: &[(&str, &str)], lines: usize) {
        let after_letter = |h: &str| {
            let mut cs = h.chars().rev();
            cs.next();
            cs.next().is_some_and(char::is_alphabetic)
        };
        let soft = breaks.iter().any(|(h, _)| h.ends_with('\u{ad}'));
        let broken = breaks.iter().filter(|(h, _)| after_letter(h)).count();
        let whole = breaks.iter().any(|(h, t)| {
            let joined = format!("{}{}", bare(h), bare(t));
            self.count(&joined) > 0
        });
        self.plain_breaks = !soft && !whole && broken * 100 < lines * 7;
    }

    fn count(&self, w: &str) -> usize {
        self.count.get(w).copied().unwrap_or(0)
    }

    /// True when some word of the document starts with `p`.
    fn has_prefix(&self, p: &str) -> bool {
        let at = self.sorted.partition_point(|w| w.as_str() < p);
        self.sorted.get(at).is_some_and(|w| w.starts_with(p))
    }
}

/// The first `n` characters of `s`.
fn prefix(s: &str, n: usize) -> &str {
    s.char_indices().nth(n).map_or(s, |(i, _)| &s[..i])
}

/// True when the hyphen between `head` (the word before a line-end hyphen, without it) and
/// `tail` (the first word of the next line) is part of the text, false when it only breaks
/// the word across the line.
pub(super) fn keep(head: &str, tail: &str, vocab: &Vocab) -> bool {
    let Some(first) = tail.chars().find(|c| c.is_alphanumeric()) else {
        return true;
    };
    let last = head.chars().last();
    if !last.is_some_and(char::is_alphabetic) {
        return true;
    }
    if !first.is_lowercase() {
        // A word in capitals broken by the line ("АСЕ-" + "АН") joins when the document
        // has it whole; otherwise the capital starts a word of its own ("Russo-Japanese").
        let (h, t) = (bare(head), bare(tail));
        let joined = format!("{h}{t}");
        let n = h.chars().count() + 1;
        return !(last.is_some_and(char::is_uppercase)
            && (vocab.count(&joined) > 0 || vocab.has_prefix(prefix(&joined, n.max(4)))));
    }
    let (h, t) = (bare(head), bare(tail));
    if h.is_empty() || t.is_empty() {
        return true;
    }
    let joined = format!("{h}{t}");
    if vocab.count(&format!("{h}-{t}")) > 0 {
        return true;
    }
    if vocab.count(&joined) > 0 {
        return false;
    }
    if vocab.plain_breaks {
        return true;
    }
    let (nh, nt) = (h.chars().count(), t.chars().count());
    // The joined word's stem elsewhere ("расширенн" of "расширенного").
    if vocab.has_prefix(prefix(&joined, (nh + 1).max(6).min(nh + nt))) {
        return false;
    }
    // The head with a hyphen elsewhere ("премьер-" of "премьер-министра").
    if nh >= 3 && vocab.has_prefix(&format!("{h}-")) {
        return true;
    }
    if HEADS.contains(&h.as_str()) {
        return true;
    }
    if SHORT_HEADS
        .iter()
        .any(|(heads, tails)| heads.contains(&h.as_str()) && tails.contains(&t.as_str()))
    {
        return true;
    }
    // A Russian compound adjective: a head in -о/-е and an adjective after it
    // ("российско-японский", "медно-золоторудный").
    if nh >= 4
        && nt >= 5
        && (h.ends_with("ско") || h.ends_with("но"))
        && h.ends_with(['о', 'е'])
        && ADJ_ENDINGS.iter().any(|e| t.ends_with(e))
    {
        return true;
    }
    // Two words of the document (or stems of them: "министр" of "министром"): a compound
    // ("so-called", "long-term"); a piece of a word ("ный", "ment", "over") is not.
    let tail_known = !ENDINGS.contains(&t.as_str())
        && ((nt >= 3 && vocab.count(&t) > 0)
            || (nt >= 5 && vocab.has_prefix(prefix(&t, (nt - 3).max(5)))));
    let head_known =
        (nh >= 3 && vocab.count(&h) > 0) || (nh >= 6 && vocab.has_prefix(prefix(&h, nh - 1)));
    // In English, a head of four letters or more that is a word of its own before a tail
    // that is not a common ending: "long-term", "Chinese-style", "kilometre-long" (a
    // Russian head word is as often followed by its own ending: "город-" + "ского").
    let latin = h.chars().all(|c| c.is_ascii_alphabetic());
    let head_word =
        latin && nh >= 4 && vocab.count(&h) > 0 && nt >= 4 && !ENDINGS.contains(&t.as_str());
    (tail_known && head_known) || head_word
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab(text: &str) -> Vocab {
        Vocab::new(text.split_whitespace())
    }

    #[test]
    fn hyphens_by_evidence() {
        let v = vocab(
            "расширенного доступа; премьер-министра; so it was called; a fast car that is growing",
        );
        assert!(!keep("расширен", "ный", &v));
        assert!(keep("премьер", "министр", &v));
        assert!(keep("fast", "growing", &v));
        assert!(keep("2013", "2014", &v));
        assert!(keep("Russo", "Japanese", &v));
        // No evidence either way: a word broken by the line.
        assert!(!keep("postpone", "ment", &v));
        assert!(!keep("соглаше", "ния.", &v));
        // Russian words with a hyphen after a short head.
        assert!(keep("Во", "вторых,", &v));
        assert!(keep("по", "прежнему", &v));
        assert!(keep("что", "то", &v));
        assert!(!keep("по", "мощи", &v));
    }

    #[test]
    fn a_producer_that_breaks_no_words_keeps_its_hyphens() {
        let mut v = vocab("военном военного военно-политического anti-terrorist growing");
        // Lines of a browser's justified columns: two hyphens at line ends in 60 lines,
        // neither word occurring whole.
        v.set_hyphenated(&[("военно-", "морские"), ("fastest-", "growing")], 60);
        assert!(keep("военно", "морские", &v));
        assert!(keep("fastest", "growing", &v));
        assert!(keep("anti", "submarine", &v));
        // A word the document writes whole still joins.
        assert!(!keep("воен", "ном", &v));
        // A producer that breaks words: one of them occurs whole, or many lines end so.
        let mut v = vocab("военном расширенного");
        v.set_hyphenated(&[("воен-", "ном"), ("расширен-", "ный")], 60);
        assert!(!keep("расширен", "ный", &v));
        let mut v = vocab("военном");
        v.set_hyphenated(&[("расширен-", "ный"); 5], 60);
        assert!(!keep("расширен", "ный", &v));
    }

    #[test]
    fn endings_compounds_and_capitals() {
        let v = vocab(
            "more than that; a partner; the other; long ago; Chinese; АСЕАН; город; японский",
        );
        // Common endings break words, they do not make compounds.
        assert!(!keep("More", "over,", &v));
        assert!(!keep("partner", "ship", &v));
        assert!(!keep("an", "other", &v));
        // A head word before a tail that is no ending.
        assert!(keep("long", "term", &v));
        assert!(keep("Chinese", "style", &v));
        // A Russian compound adjective; a Russian word and its own ending.
        assert!(keep("российско", "японского", &v));
        assert!(!keep("город", "ского", &v));
        // A word in capitals broken by the line.
        assert!(!keep("АСЕ", "АН.", &v));
        assert!(keep("Russo", "Japanese", &v));
    }

    #[test]
    fn the_word_itself_decides() {
        let v = vocab("the so-called deal and the well-known man; in the information age");
        assert!(keep("so", "called", &v));
        assert!(keep("well", "known", &v));
        assert!(!keep("infor", "mation", &v));
    }
}
