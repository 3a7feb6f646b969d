//! Language tags: BCP-47 codes such as `ru`, `en`, `ru-RU`, `en-GB`.

use std::fmt;

/// A BCP-47 language tag; its primary subtag picks the splitting rules.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Lang(String);

impl Lang {
    /// Parses a tag, turning `ru_RU` into `ru-RU` and the ISO 639-2 codes of common languages
    /// into their two-letter codes (`rus` into `ru`), and rejecting anything that is not
    /// letters, digits and hyphens or whose two-letter language is not an ISO 639-1 code.
    ///
    /// ```
    /// use bitext::Lang;
    /// assert_eq!(Lang::parse("ru_RU").unwrap().as_str(), "ru-RU");
    /// assert_eq!(Lang::parse("EN").unwrap().primary(), "en");
    /// assert_eq!(Lang::parse("rus").unwrap().as_str(), "ru");
    /// assert_eq!(Lang::parse("eng-US").unwrap().as_str(), "en-US");
    /// assert!(Lang::parse("r u").is_err());
    /// assert!(Lang::parse("xx").is_err());
    /// ```
    pub fn parse(tag: &str) -> Result<Lang, String> {
        let tag = tag.trim().replace('_', "-");
        let parts: Vec<&str> = tag.split('-').collect();
        let valid = !tag.is_empty()
            && parts.iter().all(|p| {
                !p.is_empty() && p.len() <= 8 && p.chars().all(|c| c.is_ascii_alphanumeric())
            })
            && parts[0].len() >= 2
            && parts[0].len() <= 3
            && parts[0].chars().all(|c| c.is_ascii_alphabetic());
        if !valid {
            return Err(format!(
                "'{tag}' is not a language tag (use e.g. ru, en, ru-RU)"
            ));
        }
        let mut out = parts[0].to_ascii_lowercase();
        if out.len() == 3 {
            let row = LANGUAGE_CODES
                .iter()
                .find(|row| row.split(' ').skip(1).any(|code| code == out));
            if let Some(two) = row.and_then(|row| row.split(' ').next()) {
                out = two.to_string();
            }
        } else if !ISO_639_1.split(' ').any(|code| code == out) {
            return Err(format!(
                "'{tag}' is not a language tag: '{out}' names no language (use e.g. ru, en, ru-RU)"
            ));
        }
        for p in &parts[1..] {
            out.push('-');
            if p.len() == 2 {
                out.push_str(&p.to_ascii_uppercase());
            } else {
                out.push_str(p);
            }
        }
        Ok(Lang(out))
    }

    /// The whole tag, e.g. `ru-RU`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The primary language subtag in lower case, e.g. `ru` for `ru-RU`.
    pub fn primary(&self) -> &str {
        self.0.split('-').next().unwrap_or(&self.0)
    }

    /// The script the language is written in, for spotting foreign lines.
    pub fn script(&self) -> Script {
        match self.primary() {
            "ru" | "uk" | "be" | "bg" | "sr" | "mk" | "kk" | "ky" | "tg" | "mn" => Script::Cyrillic,
            _ => Script::Latin,
        }
    }

    /// The name of the script the language is written in when that is neither Cyrillic nor
    /// Latin (`Arabic` for `ur`), or `None`.
    ///
    /// ```
    /// assert_eq!(bitext::Lang::parse("ur").unwrap().other_script(), Some("Arabic"));
    /// assert_eq!(bitext::Lang::parse("ru").unwrap().other_script(), None);
    /// ```
    pub fn other_script(&self) -> Option<&'static str> {
        OTHER_SCRIPTS.iter().find_map(|(script, codes)| {
            codes
                .split(' ')
                .any(|c| c == self.primary())
                .then_some(*script)
        })
    }

    /// The spellings that name this language in file and folder names, lower case: the tag,
    /// its primary subtag, the ISO 639-2 codes and the English name (`ru`, `rus`, `russian`).
    ///
    /// ```
    /// let ru = bitext::Lang::parse("ru-RU").unwrap();
    /// assert_eq!(ru.file_codes(), ["ru-ru", "ru", "rus", "russian"]);
    /// assert!(bitext::Lang::parse("eng").unwrap().file_codes().contains(&"en".to_string()));
    /// ```
    pub fn file_codes(&self) -> Vec<String> {
        let mut out = vec![self.0.to_ascii_lowercase()];
        let primary = self.primary();
        let row = LANGUAGE_CODES
            .iter()
            .find(|row| row.split(' ').any(|code| code == primary));
        let more = row.map_or(vec![primary], |row| row.split(' ').collect());
        for code in std::iter::once(primary).chain(more) {
            if !out.iter().any(|c| c == code) {
                out.push(code.to_string());
            }
        }
        out
    }

    /// Guesses Russian or English from the letters of a text (Cyrillic majority means Russian).
    pub fn guess(text: &str) -> Lang {
        let (cyr, lat) = script_counts(text);
        Lang(if cyr > lat { "ru" } else { "en" }.to_string())
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::str::FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Lang::parse(s)
    }
}

/// Two-letter code, ISO 639-2 code(s) and English name of the languages file names are
/// most often marked with.
const LANGUAGE_CODES: &[&str] = &[
    "ru rus russian",
    "en eng english",
    "de deu ger german",
    "fr fra fre french",
    "uk ukr ukrainian",
    "be bel belarusian",
    "kk kaz kazakh",
    "bg bul bulgarian",
    "sr srp serbian",
    "pl pol polish",
    "cs ces cze czech",
    "es spa spanish",
    "it ita italian",
    "pt por portuguese",
    "nl nld dut dutch",
    "sv swe swedish",
    "fi fin finnish",
    "tr tur turkish",
    "zh zho chi chinese",
    "ja jpn japanese",
    "ko kor korean",
    "ar ara arabic",
    "mn mon mongolian",
];

/// The two-letter codes of ISO 639-1.
const ISO_639_1: &str = "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mo mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg sh si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu";

/// Languages written in neither Cyrillic nor Latin script, by script.
const OTHER_SCRIPTS: &[(&str, &str)] = &[
    ("Arabic", "ar fa ur ps ug ks sd"),
    ("Hebrew", "he yi"),
    ("Greek", "el"),
    ("Armenian", "hy"),
    ("Georgian", "ka"),
    ("Devanagari", "hi mr ne sa"),
    ("Bengali", "bn as"),
    ("Gurmukhi", "pa"),
    ("Gujarati", "gu"),
    ("Tamil", "ta"),
    ("Telugu", "te"),
    ("Kannada", "kn"),
    ("Malayalam", "ml"),
    ("Sinhala", "si"),
    ("Thai", "th"),
    ("Lao", "lo"),
    ("Khmer", "km"),
    ("Burmese", "my"),
    ("Tibetan", "bo dz"),
    ("Ethiopic", "am ti"),
    ("Chinese", "zh"),
    ("Japanese", "ja"),
    ("Korean", "ko"),
];

/// The writing systems bitext tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    /// Russian and other Cyrillic alphabets.
    Cyrillic,
    /// English, German, French and other Latin alphabets.
    Latin,
}

impl Script {
    /// The script of one letter, if it is a Cyrillic or Latin letter.
    pub fn of(c: char) -> Option<Script> {
        // Range checks first: this runs on every character of every document.
        match c {
            'a'..='z' | 'A'..='Z' => Some(Script::Latin),
            // U+0482..U+0489 are signs and combining marks, not letters.
            '\u{0400}'..='\u{0481}' | '\u{048A}'..='\u{052F}' => Some(Script::Cyrillic),
            '\u{00C0}'..='\u{024F}' if c.is_alphabetic() => Some(Script::Latin),
            _ => None,
        }
    }
}

/// `char::is_alphabetic`, with ASCII, Latin and Cyrillic letters told by their ranges: the
/// general test searches a table for every character outside ASCII.
pub fn is_letter(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' => true,
        '\0'..='\u{7F}' => false,
        // Latin-1 letters but × and ÷, Latin Extended-A and B, and Cyrillic but its signs
        // and combining marks (U+0482..U+0489).
        '\u{00C0}'..='\u{00D6}'
        | '\u{00D8}'..='\u{00F6}'
        | '\u{00F8}'..='\u{024F}'
        | '\u{0400}'..='\u{0481}'
        | '\u{048A}'..='\u{052F}' => true,
        _ => c.is_alphabetic(),
    }
}

/// `char::is_alphanumeric`, as quick as [`is_letter`] on the scripts it knows.
pub fn is_letter_or_digit(c: char) -> bool {
    c.is_ascii_digit() || is_letter(c) || (!c.is_ascii() && c.is_numeric())
}

/// Counts Cyrillic and Latin letters in a text.
pub fn script_counts(text: &str) -> (usize, usize) {
    let (mut cyr, mut lat) = (0, 0);
    for c in text.chars() {
        match Script::of(c) {
            Some(Script::Cyrillic) => cyr += 1,
            Some(Script::Latin) => lat += 1,
            None => {}
        }
    }
    (cyr, lat)
}

/// The English months, in lower case and in order.
pub(crate) const ENGLISH_MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quick_letter_tests_agree_with_the_standard_ones() {
        for c in (0..0x11_0000u32).filter_map(char::from_u32) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_letter_or_digit(c), c.is_alphanumeric(), "{c:?}");
        }
    }
}
