//! Language rules for the built-in splitter, loaded from the data files in `rules/`.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// How an abbreviation before a period behaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Abbrev {
    /// Never ends a sentence ("Mr.", "проф.", "т. е.").
    Prefix,
    /// Ends a sentence only when the next word opens one ("Co.", "млрд", "U.S.").
    MayEnd,
    /// Ends an enumeration, so a capital after it starts a sentence ("etc.", "т. д.").
    ListEnd,
    /// Like `MayEnd` after a number (a year, a unit), like `Prefix` elsewhere ("г.", "в.").
    AfterNumber,
    /// Like `Prefix` before a number ("No. 5"), an ordinary word elsewhere ("No. Keys?").
    BeforeNumber,
}

/// Lists of word endings, in the order the rule file gives them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Endings {
    /// Participles that open a participial phrase (Russian "Принятый", "Созданная").
    Participle,
    /// Short passive participles (Russian "основана", "подписан").
    ShortPassive,
    /// Long passive participles (Russian "составленного", "основанный").
    LongPassive,
    /// The instrumental case, which names the agent of a passive (Russian "Юрием").
    Instrumental,
}

/// The word lists of one language.
#[derive(Debug, Default)]
pub struct Rules {
    exact: HashMap<String, Abbrev>,
    folded: HashMap<String, Abbrev>,
    starters: HashSet<String>,
    prepositions: HashSet<String>,
    months: HashSet<String>,
    openers: HashSet<String>,
    endings: HashMap<Endings, Vec<String>>,
    /// True for English: a lone "I." may end a sentence and a free-standing ". . ." does not.
    pub english: bool,
}

impl Rules {
    /// Parses a rules file: `[section]` headers followed by words separated by spaces.
    pub fn parse(text: &str, english: bool) -> Rules {
        let mut rules = Rules {
            english,
            ..Rules::default()
        };
        let mut section = String::new();
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if line.starts_with('[') && line.ends_with(']') {
                section = line[1..line.len() - 1].to_string();
                continue;
            }
            for word in line.split_whitespace() {
                let class = match section.as_str() {
                    "prefix" => Some(Abbrev::Prefix),
                    "may-end" => Some(Abbrev::MayEnd),
                    "list-end" => Some(Abbrev::ListEnd),
                    "after-number" => Some(Abbrev::AfterNumber),
                    "before-number" => Some(Abbrev::BeforeNumber),
                    _ => None,
                };
                match (class, section.as_str()) {
                    (Some(c), _) if word.chars().any(char::is_uppercase) => {
                        rules.exact.insert(word.to_string(), c);
                    }
                    (Some(c), _) => {
                        rules.folded.entry(word.to_string()).or_insert(c);
                    }
                    (None, "starters") => {
                        rules.starters.insert(word.to_string());
                    }
                    (None, "prepositions") => {
                        rules.prepositions.insert(word.to_lowercase());
                    }
                    (None, "months") => {
                        rules.months.insert(word.to_lowercase());
                    }
                    (None, "openers") => {
                        rules.openers.insert(word.to_lowercase());
                    }
                    (None, "participle-endings") => {
                        rules.add_ending(Endings::Participle, word);
                    }
                    (None, "short-passive-endings") => {
                        rules.add_ending(Endings::ShortPassive, word);
                    }
                    (None, "long-passive-endings") => {
                        rules.add_ending(Endings::LongPassive, word);
                    }
                    (None, "instrumental-endings") => {
                        rules.add_ending(Endings::Instrumental, word);
                    }
                    _ => {}
                }
            }
        }
        rules
    }

    /// The rules of a language by its primary subtag; languages without rules get an empty set.
    pub fn for_lang(primary: &str) -> &'static Rules {
        static EN: OnceLock<Rules> = OnceLock::new();
        static RU: OnceLock<Rules> = OnceLock::new();
        static OTHER: OnceLock<Rules> = OnceLock::new();
        match primary {
            "ru" => RU.get_or_init(|| Rules::parse(include_str!("rules/ru.txt"), false)),
            "en" => EN.get_or_init(|| Rules::parse(include_str!("rules/en.txt"), true)),
            _ => OTHER.get_or_init(|| {
                // Other languages share the language-neutral abbreviations of both lists.
                let mut r = Rules::parse(include_str!("rules/en.txt"), false);
                r.starters.clear();
                r
            }),
        }
    }

    /// The class of an abbreviation (without its final period), if it is one.
    pub fn abbrev(&self, word: &str) -> Option<Abbrev> {
        if let Some(c) = self.exact.get(word) {
            return Some(*c);
        }
        if self.folded.is_empty() {
            return None;
        }
        self.folded.get(&word.to_lowercase()).copied()
    }

    /// Every abbreviation of a class (without its final period), sorted; the flag is true for
    /// entries that match only with their exact capitalisation.
    pub fn abbreviations(&self, class: Abbrev) -> Vec<(&str, bool)> {
        let mut v: Vec<(&str, bool)> = self
            .exact
            .iter()
            .filter(|(_, c)| **c == class)
            .map(|(w, _)| (w.as_str(), true))
            .chain(
                self.folded
                    .iter()
                    .filter(|(_, c)| **c == class)
                    .map(|(w, _)| (w.as_str(), false)),
            )
            .collect();
        v.sort_unstable();
        v
    }

    /// The sentence-opening words, prepositions, months and phrase openers, each sorted.
    pub fn word_lists(&self) -> [Vec<&str>; 4] {
        fn sorted(set: &HashSet<String>) -> Vec<&str> {
            let mut v: Vec<&str> = set.iter().map(String::as_str).collect();
            v.sort_unstable();
            v
        }
        [
            sorted(&self.starters),
            sorted(&self.prepositions),
            sorted(&self.months),
            sorted(&self.openers),
        ]
    }

    /// True when `word` is listed with its exact capitalisation ("U.S.", not "a.m.").
    pub fn is_exact(&self, word: &str) -> bool {
        self.exact.contains_key(word)
    }

    /// True when `word` commonly opens a sentence.
    pub fn is_starter(&self, word: &str) -> bool {
        self.starters.contains(word)
    }

    /// True when `word` is a preposition that opens a time phrase ("at", "в").
    pub fn is_preposition(&self, word: &str) -> bool {
        self.prepositions.contains(&word.to_lowercase())
    }

    /// True when `word` opens an adverbial or subordinate phrase ("если", "согласно").
    pub fn is_opener(&self, word: &str) -> bool {
        self.openers.contains(&word.to_lowercase())
    }

    /// A list of word endings, in the rule file's order (empty for a language without one).
    pub fn endings(&self, list: Endings) -> &[String] {
        self.endings.get(&list).map_or(&[], Vec::as_slice)
    }

    fn add_ending(&mut self, list: Endings, ending: &str) {
        self.endings
            .entry(list)
            .or_default()
            .push(ending.to_lowercase());
    }

    /// True when `word` names a month.
    pub fn is_month(&self, word: &str) -> bool {
        self.months.contains(&word.to_lowercase())
    }
}
