//! Plain text after decoding: paragraphs, lines and page chrome.

use super::{Document, Line, Paragraph, ReadOptions};
use crate::lang::{Lang, Script};

/// Splits decoded text into paragraphs and lines and marks page chrome.
pub fn parse(text: &str, lang: &Lang, opts: &ReadOptions) -> Document {
    let mut paragraphs = Vec::new();
    let mut lines: Vec<Line> = Vec::new();
    // A document mostly in the other script is in the wrong language, not full of foreign
    // lines: only known site chrome is marked then (the caller warns about the language).
    let wrong_script = wrong_script(text, lang);
    let mut dropped = Vec::new();
    for raw in text.split('\n') {
        let raw = super::strip_invisible(raw);
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.eq_ignore_ascii_case("<p>") {
            if !lines.is_empty() {
                paragraphs.push(Paragraph {
                    lines: std::mem::take(&mut lines),
                });
            }
            continue;
        }
        let noise = line_is_chrome(trimmed, lang, wrong_script);
        if noise && opts.drop_foreign {
            dropped.push(trimmed.to_string());
            continue;
        }
        lines.push(Line {
            text: trimmed.to_string(),
            noise,
        });
    }
    if !lines.is_empty() {
        paragraphs.push(Paragraph { lines });
    }
    Document {
        paragraphs,
        dropped,
    }
}

/// True when a text is mostly in the other script than `lang`'s: a document in the wrong
/// language, not one full of foreign lines (only known site chrome is marked then).
pub(crate) fn wrong_script(text: &str, lang: &Lang) -> bool {
    let (cyr, lat) = crate::lang::script_counts(text);
    match lang.script() {
        Script::Cyrillic => lat > cyr,
        Script::Latin => cyr > lat,
    }
}

/// True when one line is page chrome in a document in `lang` (see [`is_noise`]).
pub(crate) fn line_is_chrome(line: &str, lang: &Lang, wrong_script: bool) -> bool {
    if wrong_script {
        is_boilerplate(line)
    } else {
        is_noise(line, lang.script())
    }
}

fn boilerplate() -> &'static [String] {
    static LIST: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    LIST.get_or_init(|| {
        include_str!("boilerplate.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_string)
            .collect()
    })
}

/// True when a line looks like page chrome for a document written in `script`.
///
/// A line is noise when most of its letters are in the other script, when it carries words
/// in the other script and does not end like a sentence (a title line with "Печать E-mail"
/// after it), or when it holds a known piece of site chrome.
pub(crate) fn is_noise(line: &str, script: Script) -> bool {
    if is_boilerplate(line) {
        return true;
    }
    let (mut own, mut other) = (0usize, 0usize);
    for c in line.chars() {
        match Script::of(c) {
            Some(s) if s == script => own += 1,
            Some(_) => other += 1,
            None => {}
        }
    }
    if other == 0 {
        return false;
    }
    let ends_like_sentence = line
        .trim_end()
        .chars()
        .last()
        .is_some_and(|c| ".!?…:;»\"”)".contains(c));
    if other >= own {
        // A Russian sentence full of brand names in Latin letters ("Кресло Poäng Birch
        // Veneer 68х82 см.") is still Russian text: it carries Russian words and ends like
        // a sentence.
        return !(script == Script::Cyrillic
            && ends_like_sentence
            && own_word_count(line, script) > 0);
    }
    !ends_like_sentence && foreign_word_count(line, script) > 0 && script == Script::Latin
}

/// True when a line holds a known piece of site chrome, and does not end as a sentence
/// does: "Last Updated ( Monday, 12 May 2014 )" and "Title Печать E-mail" are chrome, while
/// "The rules were last updated in 2019." is article text.
pub(crate) fn is_boilerplate(line: &str) -> bool {
    // Chrome is a short line; paragraphs of article text are not worth lower-casing.
    if line.len() > 200 {
        return false;
    }
    if line.trim_end().ends_with(['.', '!', '?', '…']) {
        return false;
    }
    let squeezed = line
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    boilerplate().iter().any(|p| squeezed.contains(p.as_str()))
}

/// Counts words of two letters or more written wholly in `script`.
fn own_word_count(line: &str, script: Script) -> usize {
    line.split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 2 && w.chars().all(|c| Script::of(c) == Some(script)))
        .count()
}

/// Counts whitespace-separated words written wholly in a script other than `script`.
fn foreign_word_count(line: &str, script: Script) -> usize {
    line.split_whitespace()
        .filter(|w| {
            let mut letters = w.chars().filter_map(Script::of).peekable();
            letters.peek().is_some() && letters.all(|s| s != script)
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::is_noise;
    use crate::lang::Script;

    #[test]
    fn page_chrome_lines_are_noise_and_article_lines_are_not() {
        assert!(is_noise("« Пред.   След. »", Script::Latin));
        assert!(is_noise("Menu Content/Inhalt", Script::Latin));
        assert!(is_noise("Home News Contacts", Script::Cyrillic));
        assert!(is_noise(
            "Last Updated ( Monday, 12 May 2014 )",
            Script::Latin
        ));
        assert!(is_noise(
            "Визит премьер-министра Печать E-mail",
            Script::Cyrillic
        ));
        assert!(!is_noise(
            "The rules were last updated in 2019.",
            Script::Latin
        ));
        assert!(!is_noise(
            "Последнее обновление системы вышло в мае.",
            Script::Cyrillic
        ));
        assert!(!is_noise(
            "Кресло Poäng Birch Veneer 68х82 см.",
            Script::Cyrillic
        ));
        assert!(!is_noise(
            "Prime Minister Shinzo Abe paid a visit to Moscow.",
            Script::Latin
        ));
    }
}
