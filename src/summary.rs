//! The per-document summary of an alignment: sentences, links by type, unaligned sentences,
//! scores, warnings; one row of a batch's summary.csv and of the report's index page.

use crate::align::AlignedPair;

/// What became of a row's document.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Outcome {
    /// The pair was aligned.
    #[default]
    Aligned,
    /// The pair could not be aligned: reading or aligning it failed.
    Failed,
    /// The file was left out before aligning: it had no partner or could not be read.
    NotAligned,
}

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
    /// The number of wrong rows to expect (links and sentences left unaligned): the sum of
    /// one minus each row's score. A corpus reviewer starts with the documents where it is
    /// highest.
    pub expected_wrong: String,
    /// Warnings, separated by "; ".
    pub warnings: String,
    /// Why the pair failed, or why a file was not aligned, if either.
    pub error: String,
    /// Whether the row is of an aligned pair, a pair that failed, or a file left out.
    #[serde(skip)]
    pub outcome: Outcome,
    /// How sure content pairing (`bitext pair`, `batch --pair-by content`) was that the two
    /// files belong together, 0 to 1; empty when the pair was given by names or a manifest
    /// without scores.
    pub pair_score: String,
    /// The rule that paired the files (`NAME.ru.txt + NAME.en.txt`, `ru/NAME + en/NAME`,
    /// `manifest line 3`, `content`).
    pub paired_by: String,
    /// The source file, as found.
    pub src_file: String,
    /// The target file, as found.
    pub tgt_file: String,
}

impl Summary {
    /// Summarises an aligned pair.
    pub fn of(pair: &AlignedPair) -> Summary {
        let mut s = Summary {
            document: pair.name.clone(),
            src_sentences: pair.src.len(),
            tgt_sentences: pair.tgt.len(),
            warnings: pair
                .warnings
                .iter()
                .map(|w| w.text.as_str())
                .collect::<Vec<_>>()
                .join("; "),
            ..Summary::default()
        };
        if let Some((src, tgt)) = &pair.files {
            s.src_file = src.display().to_string();
            s.tgt_file = tgt.display().to_string();
        }
        let mut total = 0.0;
        let mut pairs = 0;
        let mut wrong = 0.0;
        for l in &pair.alignment.links {
            wrong += 1.0 - l.score as f64;
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
                if l.score < crate::grade::FAIR {
                    s.low_score += 1;
                }
            }
        }
        s.expected_wrong = format!("{wrong:.1}");
        s.mean_score = if pairs > 0 {
            format!("{:.3}", total / pairs as f64)
        } else {
            String::new()
        };
        s
    }

    /// Records how the files were paired: the rule, and the pairing score when content
    /// pairing gave one.
    pub fn with_pairing(mut self, rule: &str, score: Option<f32>) -> Summary {
        self.pair_score = score.map(|x| format!("{x:.3}")).unwrap_or_default();
        self.paired_by = rule.to_string();
        self
    }

    /// The row of a file that found no partner (no version in the `missing` language) and
    /// was not aligned; `is_src` tells which side the file is.
    pub fn unpaired(path: &std::path::Path, missing: &crate::lang::Lang, is_src: bool) -> Summary {
        Summary::not_aligned(
            path,
            is_src,
            format!(
                "not aligned: no {missing} version of {} was found",
                path.display()
            ),
        )
    }

    /// The row of a file that was not aligned for `reason` (which starts `not aligned:`).
    pub fn not_aligned(path: &std::path::Path, is_src: bool, reason: String) -> Summary {
        let name = path.file_name().unwrap_or(path.as_os_str());
        let file = path.display().to_string();
        Summary {
            document: name.to_string_lossy().into_owned(),
            error: reason,
            outcome: Outcome::NotAligned,
            src_file: if is_src { file.clone() } else { String::new() },
            tgt_file: if is_src { String::new() } else { file },
            ..Summary::default()
        }
    }

    /// Records the two files of a pair that could not be aligned.
    pub fn with_files(mut self, src: &std::path::Path, tgt: &std::path::Path) -> Summary {
        self.src_file = src.display().to_string();
        self.tgt_file = tgt.display().to_string();
        self
    }

    /// The summary of a pair that could not be aligned.
    pub fn failed(name: &str, error: &str) -> Summary {
        Summary {
            document: name.to_string(),
            error: error.to_string(),
            outcome: Outcome::Failed,
            ..Summary::default()
        }
    }
}
