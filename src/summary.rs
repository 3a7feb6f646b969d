//! The per-document summary of an alignment: sentences, links by type, unaligned sentences,
//! scores, warnings; one row of a batch's summary.csv and of the report's index page.

use crate::pipeline::AlignedPair;

/// One line of `summary.csv`.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Summary {
    /// Document name.
    pub document: String,
    /// Source sentences.
    pub src_sentences: usize,
    /// Target sentences.
    pub tgt_sentences: usize,
    /// 1-1 links.
    #[serde(rename = "1-1")]
    pub one_to_one: usize,
    /// 2-1 links.
    #[serde(rename = "2-1")]
    pub two_to_one: usize,
    /// 1-2 links.
    #[serde(rename = "1-2")]
    pub one_to_two: usize,
    /// 2-2, 3-1 and 1-3 links.
    pub other: usize,
    /// Source sentences left unaligned.
    pub unaligned_src: usize,
    /// Target sentences left unaligned.
    pub unaligned_tgt: usize,
    /// Mean score of the translation pairs.
    pub mean_score: String,
    /// Pairs scoring below 0.5.
    pub low_score: usize,
    /// Warnings, separated by "; ".
    pub warnings: String,
    /// Why the pair failed, if it did.
    pub error: String,
}

impl Summary {
    /// Summarises an aligned pair.
    pub fn of(pair: &AlignedPair) -> Summary {
        let mut s = Summary {
            document: pair.name.clone(),
            src_sentences: pair.src.len(),
            tgt_sentences: pair.tgt.len(),
            warnings: pair.warnings.join("; "),
            ..Summary::default()
        };
        let mut total = 0.0;
        let mut pairs = 0;
        for l in &pair.alignment.links {
            match (l.src.len(), l.tgt.len()) {
                (1, 1) => s.one_to_one += 1,
                (2, 1) => s.two_to_one += 1,
                (1, 2) => s.one_to_two += 1,
                (a, 0) => s.unaligned_src += a,
                (0, b) => s.unaligned_tgt += b,
                _ => s.other += 1,
            }
            if l.is_pair() {
                total += l.score as f64;
                pairs += 1;
                if l.score < crate::band::FAIR {
                    s.low_score += 1;
                }
            }
        }
        s.mean_score = if pairs > 0 {
            format!("{:.3}", total / pairs as f64)
        } else {
            String::new()
        };
        s
    }

    /// The summary of a pair that could not be aligned.
    pub fn failed(name: &str, error: &str) -> Summary {
        Summary {
            document: name.to_string(),
            error: error.to_string(),
            ..Summary::default()
        }
    }
}
