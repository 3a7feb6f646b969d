//! Sentence files of the evaluation material (one sentence a line) as sentence lists; shared
//! by the integration tests and the benchmarks.

use std::path::Path;

use bitext::Sentence;

/// The non-blank lines of a file.
pub fn lines(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect()
}

/// Lines as sentences of one paragraph, none of them noise.
pub fn sentences(lines: &[String]) -> Vec<Sentence> {
    lines
        .iter()
        .map(|t| Sentence {
            text: t.clone(),
            paragraph: 0,
            noise: false,
        })
        .collect()
}

/// The sentences of a file, one a line.
#[allow(dead_code)]
pub fn sentence_file(path: &Path) -> Vec<Sentence> {
    sentences(&lines(path))
}
