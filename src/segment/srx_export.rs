//! The built-in rules written as one SRX 2.0 file, so that a CAT tool (OmegaT, Trados,
//! memoQ, Okapi) cuts new documents into the sentences a bitext memory holds.
//!
//! Each language gets one ordered list of rules: the first rule that matches at a position
//! decides. No-break rules (abbreviations, initials, quotations, time phrases) come before
//! the break rules they qualify, and the generic break rule comes last. The regular
//! expressions use only what Java's `java.util.regex`, ICU and the Rust and Python engines
//! share: character classes with `\p{..}`, bounded look-behind of one character, scoped
//! `(?iu:...)` for lists that match in any case.

use super::ends;
use super::rules::{Abbrev, Endings, Rules};

/// What may open a sentence: a capital, a letter of a script without case, a digit, a sign.
const CAP: &str = r"[\p{Lu}\p{Lt}\p{Lo}\p{N}§$€№]";
/// No letter or digit right before: the start of a word.
const WB: &str = r"(?<![\p{L}\p{N}])";
/// The start of an abbreviation: no letter, digit or period right before, and not the second
/// letter of a spaced abbreviation ("д" in "т. д.").
const AB: &str = r"(?<![\p{L}\p{N}.])(?<!(?<![\p{L}\p{N}])\p{L}\.\s)";
/// A capitalised word glued to the period before it ("Tuesday.Mr."): after a glued sentence
/// break, an abbreviation is looked up as if a space stood there.
const GLUED: &str = r"(?<=[^\s]\.)(?=\p{Lu})";
/// The end of a word.
const END: &str = r"(?![\p{L}\p{N}'’\-])";

/// What the built-in splitter decides with context that SRX cannot express.
const LIMITS: &str = "\
Where these rules differ from bitext's built-in splitter (all rare in running text):
 - quotations in guillemets and curly quotes: bitext keeps a sentence end inside a quotation
   that opens and closes on the line when a dash follows it (direct speech going on after the
   speaker is named); these rules look back at most 200 characters for the opening mark;
 - numbered lists inside a line: bitext cuts before \"2.\" or \"b.\" only when it continues a
   list that began at the line start, a colon or a bullet; these rules cut before \"2)\" and
   \"2.)\" followed by a capital anywhere, and not before \"2.\" or \"b.\": SRX engines such
   as the Java segment library match a break rule only in the text after the previous break,
   where a rule cannot see whether \"3.\" continues a list that opened at the line start;
   spaced ellipses (\". . .\") are cut by bitext's punctuation scanner only;
 - after an abbreviation that may end a sentence (\"Co.\", \"млн\") bitext looks back over
   an opening time phrase of any shape (\"At 5 a.m. Mr. Smith\"); these rules know only a
   preposition followed by numbers, months and abbreviations;
 - the start of a sentence is taken to be the start of the text, or !, ? or an ellipsis, or a
   period after a number or after a word of four or more letters that is not an
   abbreviation; look-back over a time phrase is limited to ten words.";

/// The SRX 2.0 document for the given languages ("ru", "en"), in this order.
pub fn to_srx(langs: &[&str]) -> String {
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<!--\nSentence segmentation rules of bitext ");
    out.push_str(env!("CARGO_PKG_VERSION"));
    out.push_str(
        ", written by `bitext srx`.\nGive them to the CAT tool (OmegaT reads project rules from \
         omegat/segmentation.srx in the project folder; Okapi tools take SRX directly; Trados \
         and memoQ import segmentation rules into their own formats) so that new documents are \
         cut into the sentences the translation memory holds.\nRules apply in order; the first \
         rule that matches at a position decides.\n\n",
    );
    out.push_str(&LIMITS.replace("--", "- "));
    out.push_str("\n-->\n");
    out.push_str("<srx xmlns=\"http://www.lisa.org/srx20\" version=\"2.0\">\n");
    out.push_str("  <header segmentsubflows=\"yes\" cascade=\"yes\">\n");
    out.push_str("    <formathandle type=\"start\" include=\"no\"/>\n");
    out.push_str("    <formathandle type=\"end\" include=\"yes\"/>\n");
    out.push_str("    <formathandle type=\"isolated\" include=\"yes\"/>\n");
    out.push_str("  </header>\n  <body>\n    <languagerules>\n");
    for lang in langs {
        let rules = Rules::for_lang(lang);
        out.push_str(&format!(
            "      <languagerule languagerulename=\"{}\">\n",
            rule_name(lang)
        ));
        for rule in language_rules(rules) {
            out.push_str(&format!(
                "        <!-- {} -->\n",
                rule.note.replace("--", "- ")
            ));
            out.push_str(&format!(
                "        <rule break=\"{}\">\n          <beforebreak>{}</beforebreak>\n          <afterbreak>{}</afterbreak>\n        </rule>\n",
                if rule.brk { "yes" } else { "no" },
                crate::xml::escape_content(&rule.before),
                crate::xml::escape_content(&rule.after)
            ));
        }
        out.push_str("      </languagerule>\n");
    }
    out.push_str("    </languagerules>\n    <maprules>\n");
    for lang in langs {
        out.push_str(&format!(
            "      <languagemap languagepattern=\"{}\" languagerulename=\"{}\"/>\n",
            lang_pattern(lang),
            rule_name(lang)
        ));
    }
    out.push_str("    </maprules>\n  </body>\n</srx>\n");
    out
}

/// One SRX rule with the comment written above it.
struct SrxRule {
    brk: bool,
    before: String,
    after: String,
    note: &'static str,
}

fn rule(brk: bool, before: String, after: String, note: &'static str) -> SrxRule {
    SrxRule {
        brk,
        before,
        after,
        note,
    }
}

fn rule_name(lang: &str) -> &'static str {
    match lang {
        "ru" => "bitext Russian",
        "en" => "bitext English",
        _ => "bitext",
    }
}

/// A language pattern that matches the tag in either case, with any region ("ru", "RU",
/// "ru-RU", "ru_RU"): engines differ on case and separators.
fn lang_pattern(lang: &str) -> String {
    let mut p = String::new();
    for c in lang.chars() {
        p.push_str(&format!(
            "[{}{}]",
            c.to_ascii_lowercase(),
            c.to_ascii_uppercase()
        ));
    }
    p.push_str("([-_].*)?");
    p
}

/// Escapes a word for a regular expression; a period inside an abbreviation ("т.е") may be
/// followed by a space ("т. е.").
fn escape_word(w: &str) -> String {
    let mut out = String::new();
    for c in w.chars() {
        match c {
            '.' => out.push_str(r"\.\s?"),
            c if c.is_alphanumeric() => out.push(c),
            c => {
                out.push('\\');
                out.push(c);
            }
        }
    }
    out
}

/// An alternation of words, longest first; words listed in lower case match in any case.
fn alternation(words: &[(&str, bool)]) -> String {
    let mut exact: Vec<&str> = words.iter().filter(|w| w.1).map(|w| w.0).collect();
    let mut folded: Vec<&str> = words.iter().filter(|w| !w.1).map(|w| w.0).collect();
    let by_length = |a: &&str, b: &&str| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b));
    exact.sort_by(by_length);
    folded.sort_by(by_length);
    let join = |v: &[&str]| {
        v.iter()
            .map(|w| escape_word(w))
            .collect::<Vec<_>>()
            .join("|")
    };
    match (exact.is_empty(), folded.is_empty()) {
        (true, true) => "(?!)".to_string(),
        (false, true) => format!("(?:{})", join(&exact)),
        (true, false) => format!("(?iu:{})", join(&folded)),
        (false, false) => format!("(?:{}|(?iu:{}))", join(&exact), join(&folded)),
    }
}

/// An alternation of abbreviations, each as a whole word: a one-letter entry is not the
/// second letter of a spaced abbreviation ("д" in "т. д.").
fn abbrev_alt(words: &[(&str, bool)]) -> String {
    let single: Vec<(&str, bool)> = words
        .iter()
        .copied()
        .filter(|w| w.0.chars().count() == 1)
        .collect();
    let multi: Vec<(&str, bool)> = words
        .iter()
        .copied()
        .filter(|w| w.0.chars().count() > 1)
        .collect();
    let token = token();
    format!(
        r"(?:(?:{token}|{GLUED}){}|{AB}{})",
        alternation(&multi),
        alternation(&single)
    )
}

/// The abbreviations of one class as a whole-word alternation. A word listed with capitals in
/// another class wins over a lower-case entry here, as in the built-in lookup ("No. 5" is
/// not "no.").
fn class_alt(rules: &Rules, class: Abbrev) -> String {
    let words = rules.abbreviations(class);
    let folded: Vec<String> = words
        .iter()
        .filter(|w| !w.1)
        .map(|w| w.0.to_string())
        .collect();
    let mut shadow: Vec<(&str, bool)> = Vec::new();
    for other in [
        Abbrev::Prefix,
        Abbrev::MayEnd,
        Abbrev::ListEnd,
        Abbrev::AfterNumber,
        Abbrev::BeforeNumber,
    ] {
        if other != class {
            shadow.extend(
                rules
                    .abbreviations(other)
                    .into_iter()
                    .filter(|w| w.1 && folded.contains(&w.0.to_lowercase())),
            );
        }
    }
    let alt = abbrev_alt(&words);
    if shadow.is_empty() {
        alt
    } else {
        format!(r"(?!{}\.){alt}", alternation(&shadow))
    }
}

fn plain<'a>(words: &[&'a str]) -> Vec<(&'a str, bool)> {
    words.iter().map(|w| (*w, true)).collect()
}

fn folded<'a>(words: &[&'a str]) -> Vec<(&'a str, bool)> {
    words.iter().map(|w| (*w, false)).collect()
}

/// Endings grouped by their length, shortest first, each group in the rule file's order.
fn by_length(endings: &[String]) -> Vec<Vec<&String>> {
    let mut groups: Vec<Vec<&String>> = Vec::new();
    let mut lengths: Vec<usize> = endings.iter().map(|e| e.chars().count()).collect();
    lengths.sort_unstable();
    lengths.dedup();
    for n in lengths {
        groups.push(endings.iter().filter(|e| e.chars().count() == n).collect());
    }
    groups
}

/// Words of six letters or more ending in one of the endings, one alternative per group: the
/// letters before a group's endings are as many as its shortest ending leaves to six.
fn ending_alt(groups: Vec<Vec<&String>>) -> String {
    groups
        .iter()
        .filter(|g| !g.is_empty())
        .map(|g| {
            let shortest = g.iter().map(|e| e.chars().count()).min().unwrap_or(0);
            let alt: Vec<&str> = g.iter().map(|e| e.as_str()).collect();
            format!(r"\p{{L}}{{{},}}(?:{})", 6 - shortest.min(5), alt.join("|"))
        })
        .collect::<Vec<_>>()
        .join("|")
}

/// What may open a token before its first letter (class body): the opening quotes, brackets
/// and marks of segment/ends.rs, and backticks and asterisks.
fn token_openers() -> String {
    format!(
        "{}{}`*",
        ends::class_body(ends::OPENING_QUOTES.iter().copied()),
        ends::class_body(ends::OPENING_MARKS.iter().copied())
    )
}

/// The start of a whitespace-separated token, past its opening quotes and brackets.
fn token() -> String {
    format!(r"(?<![^\s])[{}]*", token_openers())
}

/// The ordered rules of one language.
fn language_rules(rules: &Rules) -> Vec<SrxRule> {
    // The sentence-end characters of segment/ends.rs, as classes.
    let term = ends::class(ends::TERMS);
    let close = ends::class(ends::CLOSERS);
    let opening_quotes = ends::class_body(ends::OPENING_QUOTES.iter().copied());
    // Openers and bullets (all but ⁃, as these rules have always been written).
    let open_chars = format!(
        "{}{}",
        token_openers(),
        ends::class_body(ends::BULLETS.iter().copied().filter(|&c| c != '⁃'))
    );
    let token = token();
    // A number-like word: digits first ("2013", "1990-х", "16.05.2013") or a Roman numeral.
    let num = format!(r"(?<![^\s{opening_quotes}])(?:[0-9][^\s]*|[IVXLCM]{{1,6}})");
    let later_terms = ends::class_body(ends::TERMS.iter().copied().filter(|&c| c != '.'));
    let bullets = ends::class(ends::BULLETS);
    let [starters, prepositions, months, openers] = rules.word_lists();
    let (prepositions, months) = (prepositions.as_slice(), months.as_slice());
    // After a break: spaces, opening marks, then a capital (or a glued ellipsis and a capital).
    let open = format!(r"[{open_chars}\s]");
    let next = format!(r"\s+(?:\(\)\s+)?{open}*(?:…|\.\.+)?{CAP}");
    // After a break: a word that commonly opens a sentence.
    let starter = format!(r"\s+{open}*{}{END}", alternation(&plain(&starters)));
    // After a period: an initial or something that is not a letter (a number, a sign).
    let no_letter = format!(r"\s+{open}*(?:\p{{Lu}}\.|[^\p{{L}}\s{open_chars}])");
    // A sentence end: a period after a word of four letters or a number (not an abbreviation).
    let mut all_abbrevs = Vec::new();
    for class in [
        Abbrev::Prefix,
        Abbrev::MayEnd,
        Abbrev::ListEnd,
        Abbrev::AfterNumber,
        Abbrev::BeforeNumber,
    ] {
        all_abbrevs.extend(
            rules
                .abbreviations(class)
                .into_iter()
                .filter(|w| !w.0.contains('.')),
        );
    }
    let sentence_start = format!(
        r#"(?:^|(?:[{later_terms}]|(?:\p{{L}}{{5,}}|(?<![\p{{L}}\p{{N}}])(?!{}\.)\p{{L}}{{2,4}}|[0-9])\.){close}*\s+)[{opening_quotes}]*"#,
        alternation(&all_abbrevs)
    );
    let omission = r"[\[(](?:\.\.\.|…)[\])]";
    let mut out = vec![
        rule(
            false,
            format!("«[^«»]{{0,200}}{term}+{close}*"),
            r"\s*[—–-][^«»]*»".to_string(),
            "direct speech going on after the speaker, inside a quotation in guillemets",
        ),
        rule(
            false,
            format!("„[^„“]{{0,200}}{term}+{close}*"),
            r"\s*[—–-][^„“]*“".to_string(),
            "direct speech going on after the speaker, inside a quotation in „ “",
        ),
        rule(
            false,
            format!("“[^“”]{{0,200}}{term}+{close}*"),
            r"\s*[—–-][^“”]*”".to_string(),
            "direct speech going on after the speaker, inside a quotation in “ ”",
        ),
        rule(
            true,
            format!(r"{term}+{close}*\s+{omission}"),
            next.clone(),
            "an omission mark [...] after a sentence end stays with it",
        ),
        rule(
            false,
            format!("{term}+{close}*"),
            format!(r"\s+{omission}"),
            "no break before an omission mark [...]",
        ),
        rule(
            false,
            format!("{omission}{close}*"),
            r"\s".to_string(),
            "an omission mark [...] inside a sentence",
        ),
    ];
    out.push(rule(
        true,
        r"[^\s.]\.".to_string(),
        format!(r"(?:\s\.){{3}}{close}*\s+{open}*{CAP}"),
        "a period before a spaced ellipsis that opens the next sentence (compounds. . . . The)",
    ));
    out.push(rule(
        false,
        r"[^\s.]\.(?:\s\.){3}".to_string(),
        r"\s".to_string(),
        "a spaced ellipsis that opens a sentence",
    ));
    if rules.english {
        out.push(rule(
            false,
            format!(r"\s\.\.\.{close}*"),
            r"\s".to_string(),
            "a free-standing ... marks an omission inside a sentence",
        ));
        out.push(rule(
            false,
            format!(r"(?<!\.\s)(?<![^\s])\.\s\.\s\.{close}*"),
            r"\s".to_string(),
            "a free-standing . . . marks an omission inside a sentence",
        ));
    }
    out.push(rule(
        false,
        format!(r"{sentence_start}(?:§\s?)?(?:[0-9]+(?:\.[0-9]+)*|[IVXLCM]{{1,6}}|\p{{Ll}})\.\)?"),
        r"\s".to_string(),
        "a heading or list number at the start of a sentence",
    ));
    out.push(rule(
        false,
        format!(r"(?:^|[:;]\s+|{bullets}\s*)(?:§\s?)?(?:[0-9]+(?:\.[0-9]+)*|[IVXLCM]{{1,6}}|\p{{Ll}})\.\)?"),
        r"\s".to_string(),
        "a list number after a colon, a semicolon or a bullet",
    ));
    out.push(rule(
        false,
        r"[^\s0-9]\s+(?:[2-9]|[1-9][0-9])\.\)".to_string(),
        r"\s".to_string(),
        "a numbered item \"2.)\" inside a line",
    ));
    if rules.english {
        out.push(rule(
            true,
            format!(r"{WB}I\."),
            starter.clone(),
            "the pronoun I ends a sentence before a sentence-opening word",
        ));
    }
    out.push(rule(
        false,
        format!(r"{token}\p{{Lu}}\."),
        r"\s".to_string(),
        "an initial",
    ));
    out.push(rule(
        false,
        format!(r"{token}[А-ЯЁ](?:\.\s?[А-ЯЁ])+\."),
        r"\s".to_string(),
        "Cyrillic initials",
    ));
    // Abbreviations that may end a sentence.
    let may_end = rules.abbreviations(Abbrev::MayEnd);
    let may_end_re = class_alt(rules, Abbrev::MayEnd);
    out.push(rule(
        true,
        format!(r"{may_end_re}\.{close}*"),
        starter.clone(),
        "an abbreviation that may end a sentence, before a sentence-opening word",
    ));
    out.push(rule(
        false,
        format!(r"{may_end_re}\.{close}*"),
        no_letter.clone(),
        "an abbreviation that may end a sentence, before an initial or a number",
    ));
    out.push(rule(
        false,
        format!(
            r"{sentence_start}{}\s+(?:(?:{num}|{}|[^\s]+\.)\s+){{0,6}}{may_end_re}\.{close}*",
            alternation(&folded(prepositions)),
            alternation(&folded(months))
        ),
        r"\s".to_string(),
        "an abbreviation closing an opening time phrase (At 5 a.m. Mr. Smith ...)",
    ));
    let exact_may_end: Vec<(&str, bool)> = may_end.iter().copied().filter(|w| w.1).collect();
    if !exact_may_end.is_empty() {
        out.push(rule(
            false,
            format!(r"{}\.{close}*", abbrev_alt(&exact_may_end)),
            r"\s".to_string(),
            "a capitalised abbreviation (U.S.) before a name",
        ));
    }
    let before_number = rules.abbreviations(Abbrev::BeforeNumber);
    if !before_number.is_empty() {
        out.push(rule(
            false,
            format!(r"{}\.", class_alt(rules, Abbrev::BeforeNumber)),
            r"\s+(?:#|[^\s]*[0-9])".to_string(),
            "an abbreviation before a number (No. 5, No. A-12)",
        ));
    }
    // Year, century and unit abbreviations after a number.
    let after_number = rules.abbreviations(Abbrev::AfterNumber);
    if !after_number.is_empty() {
        let ya = alternation(&after_number);
        let prep = alternation(&folded(prepositions));
        let month = alternation(&folded(months));
        let tp = format!(r"(?:{num}|{month})(?:\s+(?:{num}|{month}))*");
        let year = format!(r"{num}\s+{ya}\.{close}*");
        let phrase = format!(r"{WB}{prep}\s+{tp}\s+{ya}\.{close}*");
        let russian = Rules::for_lang("ru");
        let participle = ending_alt(by_length(russian.endings(Endings::Participle)));
        let mut passive = by_length(russian.endings(Endings::ShortPassive));
        passive.push(russian.endings(Endings::LongPassive).iter().collect());
        let passive = ending_alt(passive);
        let word = r"[^\s!?…]*[^\s.!?…]\s+";
        out.push(rule(
            true,
            year.clone(),
            starter.clone(),
            "a year or unit abbreviation before a sentence-opening word",
        ));
        out.push(rule(
            true,
            format!(r"{sentence_start}[0-9]+\.[0-9.]*[0-9]\s+{ya}\.{close}*"),
            format!(r"\s+{open}*\p{{Lu}}"),
            "a dateline (16.05.2013 г.)",
        ));
        out.push(rule(
            false,
            year.clone(),
            format!(r"\s+{open}*(?:\p{{Lu}}\.|[^\p{{Lu}}\s{open_chars}])"),
            "a year or unit abbreviation before an initial, a number or a small letter",
        ));
        out.push(rule(
            false,
            format!(r"{sentence_start}{tp}\s+{ya}\.{close}*"),
            r"\s".to_string(),
            "a date that opens the sentence (12 февраля 2013 г. КНДР ...)",
        ));
        out.push(rule(
            true,
            phrase.clone(),
            format!(r"\s+{open}*\p{{Lu}}(?![\p{{L}}\p{{N}}.])"),
            "a one-letter preposition opens a new time phrase (с 2004 г. В 2006 г. ...)",
        ));
        out.push(rule(
            false,
            format!(r"(?:{sentence_start}|[,;:(]\s*|\s[—–\-]{{1,2}}\s+|[—–]\s*){prep}\s+{tp}\s+{ya}\.{close}*"),
            r"\s".to_string(),
            "a time phrase that opens the sentence or a clause (В 2010 г. Виктор ...)",
        ));
        out.push(rule(
            false,
            format!(
                r"{sentence_start}(?:{prep}|{}|{participle})\s+(?:{word}){{0,10}}{prep}\s+{tp}\s+{ya}\.{close}*",
                alternation(&folded(&openers))
            ),
            r"\s".to_string(),
            "a time phrase inside an opening adverbial or participial phrase",
        ));
        out.push(rule(
            false,
            format!(r"{WB}(?:{passive})\s+(?:{word}){{0,2}}{prep}\s+{tp}\s+{ya}\.{close}*"),
            format!(
                r"\s+{open}*(?:\p{{Lu}}\p{{L}}*(?:{})|[\p{{Lu}}\-]+){END}",
                russian.endings(Endings::Instrumental).join("|")
            ),
            "the agent of a passive verb after a time phrase (основана в 1147 г. Юрием ...)",
        ));
        out.push(rule(
            true,
            phrase,
            next.clone(),
            "a time phrase after the predicate ends the sentence",
        ));
        out.push(rule(
            false,
            year.clone(),
            format!(r"\s+{open}*\p{{Lu}}(?![\p{{L}}\p{{N}}])"),
            "a date in apposition before a one-letter word",
        ));
        out.push(rule(
            true,
            year,
            next.clone(),
            "a year or unit abbreviation after a number, before a capital",
        ));
        out.push(rule(
            false,
            format!(r"{}\.", class_alt(rules, Abbrev::AfterNumber)),
            r"\s".to_string(),
            "a year or unit abbreviation without a number (г. Волгоград)",
        ));
    }
    out.push(rule(
        true,
        format!(r"{}\.{close}*", class_alt(rules, Abbrev::ListEnd)),
        next.clone(),
        "an abbreviation that ends an enumeration (etc., и т. д.), before a capital",
    ));
    let dotted = format!(r"{token}\p{{L}}{{1,3}}(?:\.\p{{L}}{{1,3}})+\.");
    out.push(rule(
        true,
        dotted.to_string(),
        starter.clone(),
        "a dotted abbreviation before a sentence-opening word",
    ));
    out.push(rule(
        false,
        dotted.to_string(),
        no_letter,
        "a dotted abbreviation before an initial or a number",
    ));
    out.push(rule(
        false,
        format!(r"{}\.{close}*", class_alt(rules, Abbrev::Prefix)),
        r"\s".to_string(),
        "an abbreviation that never ends a sentence",
    ));
    out.push(rule(
        true,
        r"(?<![^\s])[^\s.@/:]*\p{Ll}\p{Ll}\.".to_string(),
        r"\p{Lu}\p{Ll}(?![^\s@]*@)(?![^\s]*://)".to_string(),
        "a period glued to the next sentence (world.Today), not in an e-mail address",
    ));
    out.push(rule(
        true,
        r"(?<![^\s])[0-9,]{2,}\.".to_string(),
        r"\p{Lu}\p{Ll}".to_string(),
        "a period glued to the next sentence after a number",
    ));
    out.push(rule(
        true,
        r"[^\s0-9]\s+".to_string(),
        r"(?:[2-9]|[1-9][0-9])\.?\)\s+\p{Lu}".to_string(),
        "a numbered item \"2)\" or \"2.)\" inside a line",
    ));
    out.push(rule(
        true,
        r";\s+".to_string(),
        r"[0-9]{1,3}\)\s".to_string(),
        "a numbered item after a semicolon (квартире; 2) отчуждать)",
    ));
    out.push(rule(
        true,
        r"(?<=\s)[:;]-?[)(D]+".to_string(),
        format!(r"\s+{open}*\p{{Lu}}"),
        "an emoticon before a capital",
    ));
    out.push(rule(
        true,
        r"\s".to_string(),
        bullets.clone(),
        "a bullet starts an item",
    ));
    out.push(rule(
        true,
        format!("{term}+{close}*"),
        next,
        "a sentence end before a capital, a digit or a sign",
    ));
    out
}
