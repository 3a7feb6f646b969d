//! The built-in sentence splitter: punctuation, abbreviations, initials, numbers, quotes,
//! ellipses, list items and emoticons, driven by the word lists in [`Rules`].

use super::ends::{is_bullet, is_closer, is_opener, is_term};
use super::rules::{Abbrev, Endings, Rules};

/// Returns the byte offsets inside `text` (one line of running text) where a sentence ends.
pub fn boundaries(text: &str, rules: &Rules) -> Vec<usize> {
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    // Only curly quotes and guillemets open spans; most lines have none.
    let quoted = if text.contains(['«', '„', '“']) {
        quote_spans(&chars)
    } else {
        Vec::new()
    };
    let mut out = Vec::new();
    let markers = list_markers(&chars);
    let mut i = 0;
    while i < n {
        let c = chars[i];
        if is_term(c) {
            let (end, split_at) = cluster(&chars, i);
            if let Some(at) = split_at {
                if decide(&chars, i, end, rules, &markers) && !held(&chars, &quoted, at) {
                    out.push(at);
                }
            }
            i = end.max(i + 1);
            continue;
        }
        if i > 0 && chars[i - 1].is_whitespace() {
            if is_bullet(c) || markers.binary_search(&i).is_ok() {
                out.push(i);
            } else if let Some(end) = emoticon(&chars, i) {
                out.push(end);
                i = end;
                continue;
            }
        }
        i += 1;
    }
    out.sort_unstable();
    out.dedup();
    out.retain(|&c| c > 0 && c < n);
    to_bytes(text, &mut out);
    out
}

/// Turns sorted character positions into byte offsets in one pass.
fn to_bytes(text: &str, positions: &mut [usize]) {
    let mut next = 0;
    for (ci, (bi, _)) in text.char_indices().enumerate() {
        while next < positions.len() && positions[next] == ci {
            positions[next] = bi;
            next += 1;
        }
        if next == positions.len() {
            return;
        }
    }
    for p in &mut positions[next..] {
        *p = text.len();
    }
}

/// Finds the end of the punctuation cluster starting at `i` (terminal marks, closing quotes
/// and brackets, spaced ellipsis dots) and where a break would go, if anywhere.
fn cluster(chars: &[char], i: usize) -> (usize, Option<usize>) {
    let n = chars.len();
    let mut j = i;
    loop {
        while j < n && (is_term(chars[j]) || is_closer(chars[j])) {
            j += 1;
        }
        // Spaced ellipsis ". . ." continues the cluster.
        if j + 1 < n && chars[j] == ' ' && chars[j + 1] == '.' && chars[j - 1] == '.' {
            j += 1;
            continue;
        }
        break;
    }
    // "for all! [...] Next": a bracketed omission after a sentence end belongs to it.
    if j > i && j + 1 < n && chars[j] == ' ' {
        if let Some(len) = omission(&chars[j + 1..]) {
            if j + 1 + len == n || chars[j + 1 + len].is_whitespace() {
                j += 1 + len;
            }
        }
    }
    // A period glued to a word: a break needs no space only before a capitalised word
    // ("world.Today"), which `decide` checks; otherwise text must follow after a space.
    if j < n && !chars[j].is_whitespace() {
        return (
            j,
            if j == i + 1 && chars[i] == '.' {
                Some(j)
            } else {
                None
            },
        );
    }
    // "compounds. . . . The": the period ends the sentence, the spaced ellipsis opens the next.
    if chars[i] == '.'
        && i > 0
        && !chars[i - 1].is_whitespace()
        && i + 2 < j
        && chars[i + 1] == ' '
        && chars[i + 2] == '.'
    {
        return (j, Some(i + 1));
    }
    (j, Some(j))
}

/// The length of an omission mark ("[...]", "[…]", "(...)", "(…)") at the start of `chars`.
fn omission(chars: &[char]) -> Option<usize> {
    let close = match chars.first() {
        Some('[') => ']',
        Some('(') => ')',
        _ => return None,
    };
    let dots = chars[1..]
        .iter()
        .take_while(|&&c| c == '.' || c == '…')
        .count();
    let ok = (dots == 3 && chars[1] == '.' || dots == 1 && chars[1] == '…')
        && chars.get(1 + dots) == Some(&close);
    ok.then_some(dots + 2)
}

/// True when the cluster `chars[i..end]` ends a sentence, judging the words around it.
fn decide(chars: &[char], i: usize, end: usize, rules: &Rules, markers: &[usize]) -> bool {
    let n = chars.len();
    // Glued period: "world.Today", "1,000.That".
    if end < n && !chars[end].is_whitespace() {
        return glued_break(chars, i, rules);
    }
    let Some(next) = next_word(chars, end) else {
        return false;
    };
    let first = next.chars().next().unwrap_or(' ');
    if first.is_lowercase() {
        return false;
    }
    let cluster: String = chars[i..end].iter().copied().collect();
    // An ellipsis in brackets marks an omission: "[...]".
    if i > 0 && matches!(chars[i - 1], '[' | '(') {
        return false;
    }
    let dots = cluster.chars().filter(|&c| c == '.').count();
    let free_standing = i > 0 && chars[i - 1].is_whitespace();
    if free_standing && dots == 3 && rules.english && !cluster.contains(['!', '?']) {
        // "the thing is . . . I didn't": an omission inside a quoted sentence.
        return false;
    }
    if cluster.contains(['!', '?', '…']) || dots > 1 || free_standing {
        return true;
    }
    // A single period: look at the word before it.
    let word = word_before(chars, i);
    if word.is_empty() {
        return true;
    }
    period_break(chars, i, &word, &next, rules, markers)
}

/// Decides a single period after `word`, followed by `next`.
fn period_break(
    chars: &[char],
    i: usize,
    word: &str,
    next: &str,
    rules: &Rules,
    markers: &[usize],
) -> bool {
    // The words of the sentence so far, found only when a rule needs them: most periods end
    // an ordinary word and are decided without them.
    let cell = std::cell::OnceCell::new();
    let sentence = || {
        cell.get_or_init(|| sentence_prefix(chars, i, rules))
            .as_slice()
    };
    // "4. Я присутствовал", "IV. Гестационный", "§2. Нахождение", "• 9. The first item":
    // a heading or list number.
    let start = i - word.chars().count();
    if is_heading_number(word)
        && (markers.binary_search(&start).is_ok() || item_start(chars, start, sentence().len()))
    {
        return false;
    }
    let mut letters = word.chars();
    if let (Some(c), None) = (letters.next(), letters.next()) {
        if c.is_uppercase() {
            // An initial ("Jonas E. Smith", "А. И. Семенов"); English "I" may end a sentence.
            return rules.english && word == "I" && rules.is_starter(first_word(next));
        }
    }
    let key = abbrev_key(chars, i, word);
    // "Tuesday.Mr. Smith": a glued break leaves the abbreviation after the last period.
    let glued_tail = word.rsplit('.').next().filter(|t| {
        t.len() < word.len()
            && t.chars().count() > 1
            && t.chars().next().is_some_and(char::is_uppercase)
    });
    let class = rules
        .abbrev(&key)
        .or_else(|| rules.abbrev(word))
        .or_else(|| glued_tail.and_then(|t| rules.abbrev(t)));
    let year = class == Some(Abbrev::AfterNumber);
    let class = match class {
        Some(Abbrev::AfterNumber) => {
            let before = sentence()
                .iter()
                .rev()
                .nth(1)
                .map(String::as_str)
                .unwrap_or("");
            if is_number_like(before) {
                Some(Abbrev::MayEnd)
            } else {
                Some(Abbrev::Prefix)
            }
        }
        other => other,
    };
    match class {
        Some(Abbrev::Prefix) => false,
        // "No. 5", "No. A-12" name a number; "No. Keys?" is the word "no".
        Some(Abbrev::BeforeNumber) => {
            let code = next.split_whitespace().next().unwrap_or("");
            !(next.starts_with('#') || code.chars().any(|c| c.is_ascii_digit()))
        }
        Some(Abbrev::ListEnd) => true,
        Some(Abbrev::MayEnd) if year => year_break(chars, i, sentence(), next, rules),
        Some(Abbrev::MayEnd) => may_end_break(sentence(), next, word, rules),
        Some(Abbrev::AfterNumber) => unreachable!("resolved above"),
        None => {
            if word.contains('.') {
                let parts: Vec<&str> = word.split('.').collect();
                let initials = parts
                    .iter()
                    .all(|p| p.chars().count() == 1 && p.chars().all(char::is_uppercase));
                if initials && word.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c)) {
                    return false; // "Л.Н. Толстой"
                }
                return may_end_break(sentence(), next, word, rules);
            }
            true
        }
    }
}

/// The break rule for abbreviations that may end a sentence ("Co.", "2013 г.", "P.M.").
fn may_end_break(sentence: &[String], next: &str, word: &str, rules: &Rules) -> bool {
    let first = next.chars().next().unwrap_or(' ');
    if first.is_ascii_digit() || !first.is_alphabetic() {
        return false;
    }
    let next_word = first_word(next);
    if rules.is_starter(next_word) {
        return true;
    }
    if initial(next) {
        return false; // "Co. J. Smith": a capital with a period is an initial.
    }
    let head = &sentence[..sentence.len().saturating_sub(1)];
    let time_or_number = |w: &String| {
        is_number_like(w)
            || rules.is_month(w)
            || rules.abbrev(w.trim_end_matches('.')).is_some()
            || w.ends_with('.')
    };
    if head.first().is_some_and(|w| rules.is_preposition(w))
        && head
            .iter()
            .skip(1)
            .all(|w| time_or_number(w) || rules.is_preposition(w))
    {
        return false; // "At 5 a.m. Mr. Smith", "В 2010-2012 гг. Виктор": an opening time phrase.
    }
    if !head.is_empty() && head.iter().all(time_or_number) {
        return true; // "16.05.2013 г. Стороны ...": a dateline.
    }
    // Capitalised abbreviations ("U.S.") also stand before names ("U.S. Government"): only a
    // sentence-opening word after them makes a break.
    !rules.is_exact(word)
}

/// The break rule after a year or century abbreviation ("2013 г.", "XX в.").
///
/// Russian puts time phrases before the subject ("в 2010 г. Базовый план ..."), so a capital
/// after a time phrase that opens the sentence or a clause is no sign of a new sentence. A time
/// phrase that follows a predicate ("Добыча началась в 2018 г. Ресурсной базой ...") ends the
/// sentence, unless a passive verb's agent follows ("основана в 1147 г. Юрием Долгоруким").
/// A sentence-opening word, or a one-letter preposition that opens a new time phrase ("с 2004
/// г. В 2006 г. ..."), always starts a new sentence, and a bare numeric date standing first
/// is a dateline ("16.05.2013 г. Стороны ...").
fn year_break(chars: &[char], i: usize, sentence: &[String], next: &str, rules: &Rules) -> bool {
    let first = next.chars().next().unwrap_or(' ');
    if !first.is_alphabetic() || !first.is_uppercase() {
        return false;
    }
    let next_word = first_word(next);
    if rules.is_starter(next_word) {
        return true;
    }
    let head = &sentence[..sentence.len().saturating_sub(1)];
    if head.len() == 1 && head[0].contains('.') && is_number_like(&head[0]) {
        return true;
    }
    if initial(next) {
        return false;
    }
    // Walk back over the time phrase: numbers and months, up to a preposition.
    let mut k = head.len();
    while k > 0 && (is_number_like(&head[k - 1]) || rules.is_month(&head[k - 1])) {
        k -= 1;
    }
    let after_preposition = k > 0 && k < head.len() && rules.is_preposition(&head[k - 1]);
    if !after_preposition {
        // "12 февраля 2013 г. КНДР ...": the sentence opens with its date.
        // "Дом, где родился Л.Н.Толстой, 1898 г. В 1854 году ...": a date in apposition.
        return k > 0 && next_word.chars().count() > 1;
    }
    if next_word.chars().count() == 1 {
        return true;
    }
    let before = &head[..k - 1];
    // The word right before the preposition, as written (with its comma, if any).
    let raw = nth_word_back(chars, i, head.len() - k + 3);
    let Some(lead) = before.first() else {
        return false; // "В 2010-2012 гг. Виктор посещал ..."
    };
    if raw.ends_with([',', ';', ':', '(']) || matches!(raw.as_str(), "—" | "–" | "-" | "--") {
        return false; // "Кроме того, в 2012 г. Москва согласилась."
    }
    if rules.is_preposition(lead) || rules.is_opener(lead) || is_participle(lead) {
        return false; // "По данным на 2012 г. Россия ...", "Принятый в 2010 г. Базовый план ..."
    }
    let agent = Rules::for_lang("ru")
        .endings(Endings::Instrumental)
        .iter()
        .any(|e| next_word.ends_with(e.as_str()))
        || next_word.chars().all(|c| c.is_uppercase() || c == '-');
    !(agent && before.iter().rev().take(3).any(|w| is_passive(w)))
}

/// True when `next` starts with one capital letter and a period: an initial ("J. Smith").
fn initial(next: &str) -> bool {
    let mut it = next.chars();
    matches!((it.next(), it.next()), (Some(c), Some('.')) if c.is_uppercase())
}

/// The whitespace-separated word `back` words before position `i` (1 is the word ending at `i`).
fn nth_word_back(chars: &[char], i: usize, back: usize) -> String {
    let mut end = i;
    for _ in 1..back {
        while end > 0 && !chars[end - 1].is_whitespace() {
            end -= 1;
        }
        while end > 0 && chars[end - 1].is_whitespace() {
            end -= 1;
        }
    }
    let mut start = end;
    while start > 0 && !chars[start - 1].is_whitespace() {
        start -= 1;
    }
    chars[start..end].iter().collect()
}

/// A Russian participle that opens a participial phrase ("Принятый", "Созданная"): a word
/// of six letters or more with an ending listed in `rules/ru.txt`, in a text of any language.
fn is_participle(w: &str) -> bool {
    has_ending(w, &[Endings::Participle])
}

/// A Russian passive participle: short ("основана", "подписан", "открыт") or long
/// ("составленного", "основанный"), with the endings of `rules/ru.txt`.
fn is_passive(w: &str) -> bool {
    has_ending(w, &[Endings::LongPassive, Endings::ShortPassive])
}

/// Whether `w` has six letters or more and one of the Russian endings of `lists`.
fn has_ending(w: &str, lists: &[Endings]) -> bool {
    let w = w.to_lowercase();
    let russian = Rules::for_lang("ru");
    w.chars().count() > 5
        && lists.iter().any(|&list| {
            russian
                .endings(list)
                .iter()
                .any(|e| w.ends_with(e.as_str()))
        })
}

/// A glued period breaks between a lower-case word (or a number) and a capitalised word.
fn glued_break(chars: &[char], i: usize, _rules: &Rules) -> bool {
    let n = chars.len();
    if i + 2 >= n || !chars[i + 1].is_uppercase() || !chars[i + 2].is_lowercase() {
        return false;
    }
    let mut s = i;
    while s > 0 && !chars[s - 1].is_whitespace() {
        s -= 1;
    }
    let mut e = i;
    while e < n && !chars[e].is_whitespace() {
        e += 1;
    }
    let token: String = chars[s..e].iter().copied().collect();
    if token.contains('@') || token.contains("://") || token.starts_with("www.") {
        return false;
    }
    let before: Vec<char> = chars[s..i].to_vec();
    if before.contains(&'.') || before.len() < 2 {
        return false;
    }
    let last_two = &before[before.len() - 2..];
    last_two.iter().all(|c| c.is_lowercase())
        || before.iter().all(|c| c.is_ascii_digit() || *c == ',')
}

/// The word right before position `i`, without opening brackets or quotes.
fn word_before(chars: &[char], i: usize) -> String {
    let mut s = i;
    while s > 0 && !chars[s - 1].is_whitespace() {
        s -= 1;
    }
    let w: String = chars[s..i].iter().copied().collect();
    w.trim_start_matches(|c: char| is_opener(c) || is_closer(c))
        .to_string()
}

/// The key to look an abbreviation up under: "т. д" becomes "т.д", "до н. э" becomes "н.э".
fn abbrev_key(chars: &[char], i: usize, word: &str) -> String {
    if word.chars().count() != 1 {
        return word.to_string();
    }
    // Walk back over "X. " pieces of one letter.
    let mut parts = vec![word.to_string()];
    let mut pos = i - word.chars().count();
    while pos >= 3
        && chars[pos - 1] == ' '
        && chars[pos - 2] == '.'
        && chars[pos - 3].is_alphabetic()
    {
        let letter_start = pos - 3;
        if letter_start > 0 && !chars[letter_start - 1].is_whitespace() {
            break;
        }
        parts.push(chars[letter_start].to_string());
        pos = letter_start;
        if parts.len() >= 3 {
            break;
        }
    }
    parts.reverse();
    parts.join(".")
}

/// The words of the sentence so far, from the last break (or the start) up to position `i`.
fn sentence_prefix(chars: &[char], i: usize, rules: &Rules) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut k = i;
    while k > 0 {
        k -= 1;
        let c = chars[k];
        if c.is_whitespace() {
            if !cur.is_empty() {
                let w: String = cur.chars().rev().collect();
                // Stop at a word that ends a previous sentence.
                let core = w.trim_end_matches(|c: char| is_closer(c) || c == '.');
                let ends = w.ends_with(['!', '?'])
                    || (w.ends_with('.')
                        && core.chars().filter(|c| c.is_alphabetic()).count() > 1
                        && rules.abbrev(core).is_none());
                if ends {
                    cur.clear();
                    break;
                }
                words.push(w);
                cur.clear();
            }
            if words.len() >= 12 {
                break;
            }
        } else {
            cur.push(c);
        }
    }
    if !cur.is_empty() {
        words.push(cur.chars().rev().collect());
    }
    words.reverse();
    let mut words: Vec<String> = words
        .into_iter()
        .map(|w| {
            w.trim_matches(|c: char| is_opener(c) || c == ',' || c == ')')
                .to_string()
        })
        .collect();
    if words.is_empty() {
        words.push(String::new());
    }
    words
}

fn first_word(s: &str) -> &str {
    let end = s
        .find(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'' && c != '’')
        .unwrap_or(s.len());
    &s[..end]
}

/// Digits first, as in "2013", "16.05.2013", "1990-е", "2010-2012"; or a Roman numeral.
fn is_number_like(w: &str) -> bool {
    let w = w.trim_matches(|c: char| is_opener(c) || c == ',');
    w.chars().next().is_some_and(|c| c.is_ascii_digit()) || is_roman(w)
}

fn is_roman(w: &str) -> bool {
    !w.is_empty()
        && w.len() <= 6
        && w.chars()
            .all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C' | 'M'))
}

/// "4", "8.1", "IV", "§2", "a", "1.)": a number that heads a section or a list item.
fn is_heading_number(w: &str) -> bool {
    let w = w
        .trim_start_matches(|c: char| c == '§' || is_bullet(c))
        .trim_end_matches(['.', ')']);
    let single_letter = w.chars().count() == 1 && w.chars().all(char::is_lowercase);
    (!w.is_empty() && w.chars().all(|c| c.is_ascii_digit() || c == '.'))
        || is_roman(w)
        || single_letter
}

/// True when the word starting at `start` opens the sentence or a list item: it is the first
/// word, or it follows a bullet, a colon or a semicolon, or another list number.
fn item_start(chars: &[char], start: usize, words_before: usize) -> bool {
    if words_before <= 1 || start == 0 || is_bullet(chars[start]) {
        return true;
    }
    let mut p = start;
    while p > 0 && chars[p - 1].is_whitespace() {
        p -= 1;
    }
    p > 0 && (is_bullet(chars[p - 1]) || matches!(chars[p - 1], ':' | ';'))
}

/// The text after the cluster: from the first letter or digit, skipping spaces and openers.
/// `None` when only closing punctuation or nothing follows.
fn next_word(chars: &[char], end: usize) -> Option<String> {
    let n = chars.len();
    let mut k = end;
    while k < n && chars[k].is_whitespace() {
        k += 1;
    }
    // A curly quote glued to the word after it opens a quotation (English “…”), even though
    // the same mark closes one in German and Russian („…“).
    let opening_quote =
        |k: usize| matches!(chars[k], '“' | '‘') && k + 1 < n && !chars[k + 1].is_whitespace();
    if k >= n || is_closer(chars[k]) && !matches!(chars[k], '"' | '\'') && !opening_quote(k) {
        return None;
    }
    loop {
        while k < n
            && (is_opener(chars[k])
                || chars[k].is_whitespace()
                || is_bullet(chars[k])
                || chars[k] == '*'
                || opening_quote(k))
        {
            k += 1;
        }
        // "``Дети гор''": TeX-style opening quotes before a word.
        if k + 2 < n && chars[k] == '`' && chars[k + 1] == '`' && chars[k + 2].is_alphabetic() {
            k += 2;
        }
        // "()" left by a removed note, "…На перемене", ".. yeah": skip to the word after them.
        if k + 1 < n && chars[k] == ')' && chars[k - 1] == '(' {
            k += 1;
            continue;
        }
        if k < n && chars[k] == '…' || k + 1 < n && chars[k] == '.' && chars[k + 1] == '.' {
            let mut e = k;
            while e < n && matches!(chars[e], '.' | '…') {
                e += 1;
            }
            if e < n && chars[e].is_alphabetic() {
                k = e; // "…На перемене": the word glued to the dots decides
            } else if e + 1 < n && chars[e] == ' ' && chars[e + 1].is_lowercase() {
                k = e + 1; // "tequila? .. yeah": a lower-case word goes on
            }
        }
        break;
    }
    if k >= n {
        return None;
    }
    let c = chars[k];
    if !(c.is_alphanumeric() || c == '§' || c == '$' || c == '€' || c == '№' || c == '.') {
        return None;
    }
    Some(chars[k..n.min(k + 40)].iter().copied().collect())
}

/// Spans of text inside « », „ “ or “ ” quotes that close within the line.
fn quote_spans(chars: &[char]) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut stack: Vec<(char, usize)> = Vec::new();
    for (k, &c) in chars.iter().enumerate() {
        match c {
            '«' | '„' => stack.push((c, k)),
            '“' if stack.last().is_some_and(|&(o, _)| o == '„') => {
                let (_, s) = stack.pop().expect("checked");
                spans.push((s, k));
            }
            '“' => stack.push((c, k)),
            '»' | '”' => {
                let want = if c == '»' { '«' } else { '“' };
                if let Some(pos) = stack.iter().rposition(|&(o, _)| o == want) {
                    let (_, s) = stack[pos];
                    stack.truncate(pos);
                    spans.push((s, k));
                }
            }
            _ => {}
        }
    }
    spans
}

/// True when a break at `at` falls inside a quotation and the words after it open with a
/// dash: direct speech that goes on after the speaker is named ("«К чему ты готовишься? –
/// спросила мама. – Завтра ведь выходной»"). Other sentence ends inside a quotation break,
/// as they do in the other language's straight quotes and in a CAT tool's rules.
fn held(chars: &[char], spans: &[(usize, usize)], at: usize) -> bool {
    spans.iter().any(|&(s, e)| s < at && at <= e)
        && chars[at.min(chars.len())..]
            .iter()
            .find(|c| !c.is_whitespace())
            .is_some_and(|c| matches!(c, '—' | '–' | '-'))
}

/// Positions of list markers ("1.", "2)", "b.") that start a new item of a list, in text
/// order.
fn list_markers(chars: &[char]) -> Vec<usize> {
    // (position, value, style, is a letter, may open a list, follows a semicolon)
    let mut found: Vec<(usize, u32, &'static str, bool, bool, bool)> = Vec::new();
    let n = chars.len();
    for k in 0..n {
        if k > 0 && !(chars[k - 1].is_whitespace() || is_bullet(chars[k - 1])) {
            continue;
        }
        let mut e = k;
        while e < n && chars[e].is_ascii_digit() && e - k < 3 {
            e += 1;
        }
        let letter = e == k;
        if letter {
            e = k + 1;
        }
        // Cheap test first: a marker is followed by "." or ")".
        if !matches!(chars.get(e).copied(), Some('.' | ')')) {
            continue;
        }
        if letter && !(chars[k].is_lowercase() && chars[k].is_alphabetic()) {
            continue;
        }
        let at = |d: usize| chars.get(e + d).copied();
        let space = |d: usize| at(d).is_some_and(char::is_whitespace);
        let style = match (at(0), at(1)) {
            (Some('.'), Some(')')) if space(2) => ".)",
            (Some(')'), _) if space(1) => ")",
            (Some('.'), _) if space(1) => ".",
            _ => continue,
        };
        let value = if letter {
            letter_value(chars[k])
        } else {
            chars[k..e]
                .iter()
                .fold(0u32, |v, &c| v * 10 + c.to_digit(10).unwrap_or(0))
        };
        // Where the list may start: the line start, after a colon or after a bullet.
        let mut p = k;
        while p > 0 && chars[p - 1].is_whitespace() {
            p -= 1;
        }
        let after_bullet = p > 0 && is_bullet(chars[p - 1]);
        let opens = p == 0 || chars[p - 1] == ':' || after_bullet;
        let after_semicolon = p > 0 && chars[p - 1] == ';';
        found.push((k, value, style, letter, opens, after_semicolon));
    }
    // The markers of each kind and value in text order, to find a marker's predecessor in
    // its chain (the nearest earlier marker of the same style with the value before) by a
    // binary search; whether a chain reaches back to where a list can begin is worked out
    // once per marker, in text order, so a text of many markers is read in linear time.
    let mut by_kind: std::collections::HashMap<(&str, bool, u32), Vec<usize>> =
        std::collections::HashMap::new();
    for (x, f) in found.iter().enumerate() {
        by_kind.entry((f.2, f.3, f.1)).or_default().push(x);
    }
    let mut reaches = vec![false; found.len()];
    let mut starts = Vec::new();
    for (x, &(k, value, style, letter, opens, after_semicolon)) in found.iter().enumerate() {
        let prev = value.checked_sub(1).and_then(|want| {
            let list = by_kind.get(&(style, letter, want))?;
            let before = list.partition_point(|&y| found[y].0 < k);
            before.checked_sub(1).map(|p| list[p])
        });
        reaches[x] = prev.is_some_and(|p| found[p].4 || reaches[p]);
        if k == 0 || opens {
            continue; // the first item, or one that a bullet already set apart
        }
        // "квартире; 2) отчуждать": an item after a semicolon.
        if after_semicolon && !letter && style == ")" {
            starts.push(k);
            continue;
        }
        // Otherwise the marker must continue a numbered chain that began where a list can
        // begin: at the line start, after a colon or after a bullet.
        if reaches[x] {
            starts.push(k);
        }
    }
    starts
}

fn letter_value(c: char) -> u32 {
    const RU: &str = "абвгдежзиклмнопрстуфхцчшщэюя";
    if c.is_ascii_lowercase() {
        c as u32 - 'a' as u32 + 1
    } else {
        RU.chars().position(|r| r == c).map_or(0, |p| p as u32 + 1)
    }
}

/// An emoticon such as ";)" or ":))" standing free before a capital: returns its end.
fn emoticon(chars: &[char], i: usize) -> Option<usize> {
    let n = chars.len();
    if !matches!(chars[i], ':' | ';') {
        return None;
    }
    let mut e = i + 1;
    if e < n && chars[e] == '-' {
        e += 1;
    }
    let start = e;
    while e < n && matches!(chars[e], ')' | '(' | 'D') {
        e += 1;
    }
    if e == start || e >= n || !chars[e].is_whitespace() {
        return None;
    }
    let next = next_word(chars, e)?;
    next.chars().next().filter(|c| c.is_uppercase()).map(|_| e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chain_of_list_markers_starts_items_back_to_where_the_list_opens() {
        let text: String = format!(
            "Порядок: 1. Подать заявление. {} Конец, т. е. всё.",
            (2..=500)
                .map(|k| format!("{k}. Следующий шаг."))
                .collect::<Vec<_>>()
                .join(" ")
        );
        let chars: Vec<char> = text.chars().collect();
        let starts = list_markers(&chars);
        // Every item after the first continues the chain that opens after the colon.
        assert_eq!(starts.len(), 499);
        assert!(starts.windows(2).all(|w| w[0] < w[1]));
        let first: String = chars[starts[0]..starts[0] + 2].iter().collect();
        assert_eq!(first, "2.");
        // "т." and "е." are no chain that opens anywhere.
        let run: Vec<char> = "т. е. ".repeat(5000).chars().collect();
        assert!(list_markers(&run).is_empty());
    }
}
