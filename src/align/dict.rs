//! Bilingual dictionaries: hunalign's `target @ source` lines or a two-column TSV
//! (`source<TAB>target`), one word pair a line.

use std::collections::HashMap;
use std::path::Path;

use super::Side;
use crate::error::{Error, Result};

/// Word pairs; each pair has an index that both sides' anchors share.
#[derive(Debug, Default, Clone)]
pub struct Dictionary {
    source: HashMap<String, Vec<u32>>,
    target: HashMap<String, Vec<u32>>,
    pairs: u32,
}

impl Dictionary {
    /// Reads a dictionary file; a line that is neither format is an error naming the line.
    pub fn load(path: &Path) -> Result<Dictionary> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, &e))?;
        let text = crate::document::decode(&bytes, None)
            .map_err(|c| Error::new(path, c))?
            .text;
        Dictionary::parse(&text)
            .map_err(|(line, cause)| Error::new(path, format!("line {line}: {cause}")))
    }

    /// Parses dictionary text.
    ///
    /// ```
    /// use bitext::align::dict::Dictionary;
    /// let d = Dictionary::parse("gas @ газ\nвизит\tvisit\n").unwrap();
    /// assert_eq!(d.len(), 2);
    /// ```
    pub fn parse(text: &str) -> std::result::Result<Dictionary, (usize, String)> {
        let mut d = Dictionary::default();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (src, tgt) = if let Some((tgt, src)) = line.split_once(" @ ") {
                (src.trim(), tgt.trim())
            } else if let Some((src, tgt)) = line.split_once('\t') {
                (src.trim(), tgt.trim())
            } else {
                return Err((
                    n + 1,
                    "expected 'target @ source' or 'source<TAB>target'".to_string(),
                ));
            };
            if src.is_empty() || tgt.is_empty() {
                return Err((n + 1, "empty word in a dictionary pair".to_string()));
            }
            let id = d.pairs;
            d.pairs += 1;
            d.source.entry(src.to_lowercase()).or_default().push(id);
            d.target.entry(tgt.to_lowercase()).or_default().push(id);
        }
        Ok(d)
    }

    /// The number of word pairs.
    pub fn len(&self) -> usize {
        self.pairs as usize
    }

    /// True when the dictionary holds no pairs.
    pub fn is_empty(&self) -> bool {
        self.pairs == 0
    }

    /// The pair indices a word of one side takes part in (matched without case).
    pub fn lookup(&self, word: &str, side: Side) -> &[u32] {
        let map = match side {
            Side::Source => &self.source,
            Side::Target => &self.target,
        };
        map.get(&word.to_lowercase()).map_or(&[], Vec::as_slice)
    }
}
