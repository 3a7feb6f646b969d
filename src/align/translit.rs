//! Transliteration of Cyrillic to Latin and a spelling-neutral form of words, so that
//! cognates and names compare across scripts (Путин/Putin, газ/gas, Абэ/Abe).

/// Lower-cases a word, transliterates Cyrillic letters to Latin and folds spellings that
/// differ between the two languages' conventions (c/k, z/s, y/i, ph/f, w/v).
pub(crate) fn fold(word: &str) -> String {
    let mut latin = String::with_capacity(word.len() + 4);
    for c in word.chars().flat_map(char::to_lowercase) {
        match c {
            'а' => latin.push('a'),
            'б' => latin.push('b'),
            'в' => latin.push('v'),
            'г' => latin.push('g'),
            'д' => latin.push('d'),
            'е' | 'ё' | 'э' | 'є' => latin.push('e'),
            'ж' => latin.push_str("zh"),
            'з' => latin.push('z'),
            'и' | 'й' | 'ы' | 'і' | 'ї' => latin.push('i'),
            'к' => latin.push('k'),
            'л' => latin.push('l'),
            'м' => latin.push('m'),
            'н' => latin.push('n'),
            'о' => latin.push('o'),
            'п' => latin.push('p'),
            'р' => latin.push('r'),
            'с' => latin.push('s'),
            'т' => latin.push('t'),
            'у' => latin.push('u'),
            'ф' => latin.push('f'),
            'х' => latin.push('h'),
            'ц' => latin.push_str("ts"),
            'ч' => latin.push_str("ch"),
            'ш' => latin.push_str("sh"),
            'щ' => latin.push_str("sh"),
            'ъ' | 'ь' => {}
            'ю' => latin.push_str("iu"),
            'я' => latin.push_str("ia"),
            'á' | 'à' | 'â' | 'ä' | 'ã' => latin.push('a'),
            'é' | 'è' | 'ê' | 'ë' => latin.push('e'),
            'í' | 'ì' | 'î' | 'ï' => latin.push('i'),
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' => latin.push('o'),
            'ú' | 'ù' | 'û' | 'ü' => latin.push('u'),
            'ç' => latin.push('s'),
            'ß' => latin.push_str("ss"),
            c if c.is_alphanumeric() => latin.push(c),
            _ => {}
        }
    }
    // Fold spellings that the two conventions write differently.
    let mut out = String::with_capacity(latin.len());
    let bytes: Vec<char> = latin.chars().collect();
    let mut k = 0;
    while k < bytes.len() {
        let c = bytes[k];
        let next = bytes.get(k + 1).copied();
        match (c, next) {
            ('p', Some('h')) => {
                out.push('f');
                k += 1;
            }
            ('k', Some('h')) => {
                out.push('h');
                k += 1;
            }
            ('c', Some('h')) => {
                out.push('c');
                k += 1;
            }
            ('c', _) | ('q', _) => out.push('k'),
            ('z', _) => out.push('s'),
            ('y', _) | ('j', _) => out.push('i'),
            ('w', _) => out.push('v'),
            ('x', _) => out.push_str("ks"),
            _ => out.push(c),
        }
        // Collapse doubled letters: "Kurill" and "Курил" meet.
        if out.len() >= 2 {
            let b = out.as_bytes();
            if b[b.len() - 1] == b[b.len() - 2] && !b[b.len() - 1].is_ascii_digit() {
                out.pop();
            }
        }
        k += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn names_and_cognates_fold_alike_in_both_scripts() {
        assert_eq!(fold("Путин"), fold("Putin"));
        assert_eq!(fold("газ"), fold("gas"));
        assert_eq!(fold("Владивосток"), fold("Vladivostok"));
        assert_ne!(fold("газ"), fold("gaz-prom"));
    }
}
