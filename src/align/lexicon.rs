//! Word stems (Snowball stemmers where the language has one) and a bilingual lexicon of stem
//! pairs learned from the confident one-to-one links of a first alignment: two stems that
//! keep turning up in the same links and rarely apart translate each other (Dice
//! association). The lexicon then counts as lexical evidence when the pair is realigned.

use std::collections::HashMap;

use rustc_hash::FxHashMap;

use rust_stemmers::Stemmer;

use super::anchors::{Anchor, Anchors, Kind};
use super::translit::fold;
use super::words::is_stopword;

pub use super::words::stemmer;

/// The stems of a sentence's content words (lower-cased, stop words and words under four
/// letters left out), each once. Without a stemmer a word's first six letters stand for it.
pub fn stems(text: &str, stemmer: Option<&Stemmer>) -> Vec<String> {
    Stems::new(stemmer).of(text)
}

/// The stems of the sentences of a document, each distinct word stemmed once.
pub fn stems_of<'a>(
    texts: impl Iterator<Item = &'a str>,
    stemmer: Option<&Stemmer>,
) -> Vec<Vec<String>> {
    let mut cache = Stems::new(stemmer);
    texts.map(|t| cache.of(t)).collect()
}

/// A stemmer with a memory of the words it has seen: documents repeat their words, and
/// stemming (with the stop-word check before it) is most of what reading stems costs.
struct Stems<'s> {
    stemmer: Option<&'s Stemmer>,
    seen: FxHashMap<String, Option<String>>,
}

impl<'s> Stems<'s> {
    fn new(stemmer: Option<&'s Stemmer>) -> Self {
        Stems {
            stemmer,
            seen: FxHashMap::default(),
        }
    }

    fn of(&mut self, text: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for word in text.split(|c: char| !crate::lang::is_letter_or_digit(c)) {
            if word.len() < 4 {
                continue;
            }
            let stem = match self.seen.get(word) {
                Some(stem) => stem.clone(),
                None => {
                    let stem = self.stem(word);
                    self.seen.insert(word.to_string(), stem.clone());
                    stem
                }
            };
            if let Some(stem) = stem {
                if !out.contains(&stem) {
                    out.push(stem);
                }
            }
        }
        out.shrink_to_fit();
        out
    }

    /// The stem of one word, `None` for short words, numbers and stop words.
    fn stem(&self, word: &str) -> Option<String> {
        if word.chars().count() < 4 || word.chars().any(|c| c.is_numeric()) {
            return None;
        }
        let lower = word.to_lowercase();
        if is_stopword(&fold(&lower)) {
            return None;
        }
        Some(match self.stemmer {
            Some(s) => s.stem(&lower).into_owned(),
            None => lower.chars().take(6).collect(),
        })
    }
}

/// Stem pairs that translate each other, with the strength of the association.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    /// (source stem, target stem) → Dice coefficient.
    pub pairs: HashMap<(String, String), f32>,
}

/// Interned stems of one side: each stem's number and the stems of each sentence.
struct Interned {
    ids: FxHashMap<String, u32>,
    names: Vec<String>,
}

impl Interned {
    /// Numbers the stems of each sentence in turn, each new stem by the next number.
    fn number<'a>(sentences: impl Iterator<Item = &'a [String]>) -> (Interned, Vec<Vec<u32>>) {
        let mut interned = Interned {
            ids: FxHashMap::default(),
            names: Vec::new(),
        };
        let ids = sentences
            .map(|s| s.iter().map(|x| interned.id(x)).collect())
            .collect();
        (interned, ids)
    }

    fn id(&mut self, s: &str) -> u32 {
        if let Some(&k) = self.ids.get(s) {
            return k;
        }
        let k = self.names.len() as u32;
        self.ids.insert(s.to_string(), k);
        self.names.push(s.to_string());
        k
    }
}

impl Lexicon {
    /// Learns stem pairs from sentence pairs taken to be translations. A pair is kept when
    /// the two stems meet in at least three sentence pairs and their Dice coefficient
    /// (2·together / (source count + target count)) is at least one half; pairs of words
    /// spelt alike are left to the cognate evidence.
    pub fn learn<'a>(links: impl Iterator<Item = (&'a [String], &'a [String])>) -> Lexicon {
        // Each side's stems are numbered on a thread of its own, in the order they come.
        let links: Vec<(&[String], &[String])> = links.collect();
        let ((si, s_ids), (ti, t_ids)) = rayon::join(
            || Interned::number(links.iter().map(|l| l.0)),
            || Interned::number(links.iter().map(|l| l.1)),
        );
        let links: Vec<(Vec<u32>, Vec<u32>)> = s_ids.into_iter().zip(t_ids).collect();
        let mut cs = vec![0u32; si.names.len()];
        let mut ct = vec![0u32; ti.names.len()];
        for (s, t) in &links {
            s.iter().for_each(|&a| cs[a as usize] += 1);
            t.iter().for_each(|&b| ct[b as usize] += 1);
        }
        // Only stems seen in three links or more can reach the threshold. The pairs are
        // counted by sorting their packed numbers: eight bytes an occurrence, no hash table,
        // in rounds of source stems that hold at most about a million occurrences each, so
        // that memory stays flat however large the corpus.
        let often =
            |counts: &[u32], ids: &[u32]| ids.iter().filter(|&&x| counts[x as usize] >= 3).count();
        let occurrences: usize = links
            .iter()
            .map(|(s, t)| often(&cs, s) * often(&ct, t))
            .sum();
        let rounds = occurrences.div_ceil(1 << 20).max(1) as u32;
        let mut found: Vec<(u32, u32, f32)> = Vec::new();
        let mut together: Vec<u64> = Vec::new();
        for round in 0..rounds {
            together.clear();
            for (s, t) in &links {
                for &a in s
                    .iter()
                    .filter(|&&a| cs[a as usize] >= 3 && a % rounds == round)
                {
                    for &b in t.iter().filter(|&&b| ct[b as usize] >= 3) {
                        together.push((a as u64) << 32 | b as u64);
                    }
                }
            }
            rayon::slice::ParallelSliceMut::par_sort_unstable(&mut together[..]);
            for run in together.chunk_by(|x, y| x == y) {
                let n = run.len();
                if n < 3 {
                    continue;
                }
                let (a, b) = ((run[0] >> 32) as u32, run[0] as u32);
                let dice = 2.0 * n as f32 / (cs[a as usize] + ct[b as usize]) as f32;
                if dice >= 0.5 {
                    found.push((a, b, dice));
                }
            }
        }
        // Each stem keeps its two strongest partners, and a pair stays only when each of
        // its stems is among the other's two: a stem rarely has more translations in one
        // corpus, and words that merely share sentences fall out.
        let top = |key: &dyn Fn(&(u32, u32, f32)) -> u32| {
            let mut by: HashMap<u32, Vec<f32>> = HashMap::new();
            for f in &found {
                by.entry(key(f)).or_default().push(f.2);
            }
            by.into_iter()
                .map(|(k, mut v)| {
                    v.sort_by(|x, y| y.total_cmp(x));
                    (k, v.get(1).copied().unwrap_or(v[0]))
                })
                .collect::<HashMap<u32, f32>>()
        };
        let (top_s, top_t) = (top(&|f| f.0), top(&|f| f.1));
        let mut pairs = HashMap::new();
        let mut per_stem: HashMap<u32, u32> = HashMap::new();
        found.sort_by(|x, y| y.2.total_cmp(&x.2).then((x.0, x.1).cmp(&(y.0, y.1))));
        for (a, b, dice) in found {
            if dice < top_s[&a] || dice < top_t[&b] {
                continue;
            }
            let kept = per_stem.entry(a).or_default();
            if *kept >= 2 {
                continue;
            }
            let (sa, tb) = (&si.names[a as usize], &ti.names[b as usize]);
            if !super::anchors::cognate(&fold(sa), &fold(tb)) {
                *kept += 1;
                pairs.insert((sa.clone(), tb.clone()), dice);
            }
        }
        Lexicon { pairs }
    }

    /// Writes the lexicon as text: `source stem<TAB>target stem<TAB>Dice` a line, strongest
    /// pairs first (the form [`Lexicon::parse`] reads).
    pub fn to_tsv(&self) -> String {
        let mut rows: Vec<(&(String, String), &f32)> = self.pairs.iter().collect();
        rows.sort_by(|a, b| b.1.total_cmp(a.1).then(a.0.cmp(b.0)));
        rows.iter()
            .map(|((s, t), d)| format!("{s}\t{t}\t{d:.3}\n"))
            .collect()
    }

    /// Reads a lexicon file written by [`Lexicon::to_tsv`]; errors name the file and line.
    pub fn load(path: &std::path::Path) -> crate::error::Result<Lexicon> {
        use crate::error::Error;
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Lexicon::parse(&text).map_err(|e| e.in_file(path))
    }

    /// Reads a lexicon written by [`Lexicon::to_tsv`]; a bad line is named by its number.
    ///
    /// ```
    /// use bitext::align::Lexicon;
    /// let lex = Lexicon::parse("переговор\ttalk\t0.900\n").unwrap();
    /// assert_eq!(Lexicon::parse(&lex.to_tsv()).unwrap().pairs, lex.pairs);
    /// assert!(Lexicon::parse("one column\n").is_err());
    /// ```
    pub fn parse(text: &str) -> crate::error::Result<Lexicon> {
        let mut pairs = HashMap::new();
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            let dice = cols.get(2).map_or(Ok(1.0), |d| d.trim().parse::<f32>());
            match (cols.len(), dice) {
                (2 | 3, Ok(d)) if !cols[0].is_empty() && !cols[1].is_empty() => {
                    pairs.insert((cols[0].to_string(), cols[1].to_string()), d);
                }
                _ => {
                    return Err(crate::error::Error::in_text(
                        (n + 1) as u64,
                        "expected 'source stem<TAB>target stem<TAB>weight'",
                    ))
                }
            }
        }
        Ok(Lexicon { pairs })
    }

    /// Adds the lexicon's pairs found in each sentence to its anchors, as dictionary
    /// evidence weighed down for stems that recur in many sentences.
    pub fn annotate(
        &self,
        src_stems: &[Vec<String>],
        tgt_stems: &[Vec<String>],
        src: &mut [Anchors],
        tgt: &mut [Anchors],
    ) {
        if self.pairs.is_empty() {
            return;
        }
        let mut by_src: FxHashMap<&str, Vec<u64>> = FxHashMap::default();
        let mut by_tgt: FxHashMap<&str, Vec<u64>> = FxHashMap::default();
        for (s, t) in self.pairs.keys() {
            // The key of a pair is the same on both sides and differs from every other
            // lexicon's and dictionary's keys.
            let key = super::anchors::hash(&format!("{s}\u{0}{t}")) << 2 | 2;
            by_src.entry(s.as_str()).or_default().push(key);
            by_tgt.entry(t.as_str()).or_default().push(key);
        }
        let add =
            |stems: &[Vec<String>], anchors: &mut [Anchors], map: &FxHashMap<&str, Vec<u64>>| {
                use rayon::prelude::*;
                // The pairs' stems each sentence holds, looked up once, the sentences side by side.
                let found: Vec<Vec<(&str, &Vec<u64>)>> = stems
                    .par_iter()
                    .map(|s| {
                        s.iter()
                            .filter_map(|x| map.get_key_value(x.as_str()).map(|(k, ids)| (*k, ids)))
                            .collect()
                    })
                    .collect();
                let mut df: FxHashMap<&str, u32> = FxHashMap::default();
                for (x, _) in found.iter().flatten() {
                    *df.entry(x).or_default() += 1;
                }
                anchors.par_iter_mut().zip(&found).for_each(|(a, found)| {
                    if found.is_empty() {
                        return;
                    }
                    a.items
                        .reserve_exact(found.iter().map(|(_, ids)| ids.len()).sum());
                    for (x, ids) in found {
                        let weight = 1.0 / (1.0 + (df[x] as f32).ln());
                        for &key in ids.iter() {
                            a.items.push(Anchor {
                                key,
                                kind: Kind::Dict,
                                word: None,
                                weight,
                                expected: true,
                            });
                        }
                    }
                    a.items
                        .sort_by(|x, y| (x.key, x.kind, x.form()).cmp(&(y.key, y.kind, y.form())));
                });
            };
        rayon::join(
            || add(src_stems, src, &by_src),
            || add(tgt_stems, tgt, &by_tgt),
        );
    }
}

/// Learns one lexicon over a whole corpus of sentence-list pairs: each pair is aligned once
/// without a learned lexicon (in parallel), and the stems of the sure 1-1 links of all pairs
/// (scored [`super::score::SURE`] or more) are counted together, so words that recur across documents pair up even where no
/// single document repeats them. Align each pair again with the result in
/// [`super::AlignOptions::lexicon`].
pub fn learn_corpus(
    pairs: &[(Vec<crate::Sentence>, Vec<crate::Sentence>)],
    src_lang: &str,
    tgt_lang: &str,
    opts: &super::AlignOptions,
) -> Lexicon {
    use rayon::prelude::*;
    let first = super::AlignOptions {
        learn: false,
        ..opts.clone()
    };
    let links: Vec<(Vec<String>, Vec<String>)> = pairs
        .par_iter()
        .flat_map_iter(|(src, tgt)| {
            let a = super::align_langs(src, tgt, src_lang, tgt_lang, &first);
            let (ss, ts) = (stemmer(src_lang), stemmer(tgt_lang));
            a.links
                .into_iter()
                .filter(|l| l.src.len() == 1 && l.tgt.len() == 1 && l.score >= super::score::SURE)
                .map(|l| {
                    (
                        stems(&src[l.src.start].text, ss.as_ref()),
                        stems(&tgt[l.tgt.start].text, ts.as_ref()),
                    )
                })
                .collect::<Vec<_>>()
        })
        .collect();
    Lexicon::learn(links.iter().map(|(s, t)| (s.as_slice(), t.as_slice())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_and_english_words_reduce_to_stems() {
        let ru = stemmer("ru");
        let en = stemmer("en");
        assert_eq!(
            stems("Переговоры", ru.as_ref()),
            stems("переговорах", ru.as_ref())
        );
        assert_eq!(
            stems("negotiations", en.as_ref()),
            stems("negotiation", en.as_ref())
        );
        assert!(
            stems("which with", en.as_ref()).is_empty(),
            "stop words are left out"
        );
    }

    #[test]
    fn learns_pairs_that_recur_together() {
        let s = |t: &str| stems(t, stemmer("ru").as_ref());
        let t = |x: &str| stems(x, stemmer("en").as_ref());
        let src = [
            s("Переговоры шли долго"),
            s("Новые переговоры начались"),
            s("Переговорам мешала погода"),
            s("Погода была ясной"),
        ];
        let tgt = [
            t("Talks went on long"),
            t("New talks began"),
            t("Weather hampered the talks"),
            t("It was clear"),
        ];
        let lex = Lexicon::learn(
            src.iter()
                .zip(&tgt)
                .map(|(a, b)| (a.as_slice(), b.as_slice())),
        );
        assert!(lex
            .pairs
            .contains_key(&(s("переговоры")[0].clone(), t("talks")[0].clone())));
        assert!(
            !lex.pairs.keys().any(|(a, _)| a == &s("погода")[0]),
            "seen together once: not kept"
        );
    }
}
