//! SRX 2.0 segmentation rules, the format OmegaT, Okapi and LanguageTool share.

use std::path::Path;

use std::sync::{Mutex, OnceLock};

use fancy_regex::{Assertion, Expr, Regex};
use quick_xml::events::Event;
use quick_xml::Reader;
use regex_automata::hybrid::dfa::{Cache, OverlappingState, DFA};
use regex_automata::{nfa::thompson, Anchored, Input, MatchKind};

use crate::error::{Error, Result};

/// One break or no-break rule: the text before and after a candidate position.
///
/// Each side is first tested by a lazy DFA, anchored at the position (the text before is
/// matched backwards from it): a linear test that needs no search over a window. A side
/// without look-arounds is decided by it; for a side with them the DFA runs the pattern
/// without its look-arounds, which matches wherever the full pattern does, and only where it
/// matches does fancy-regex's backtracking engine run the full pattern.
#[derive(Debug)]
struct Rule {
    brk: bool,
    before: Side,
    after: Side,
    /// The full patterns, `(?:before)$` and `^(?:after)`, for fancy-regex; compiled when a
    /// side's DFA is not exact and the full pattern must be tried.
    before_src: Option<String>,
    after_src: Option<String>,
    /// The text before as the DFAs run it (without look-arounds).
    before_gate_src: Option<String>,
    before_full: OnceLock<Option<Regex>>,
    after_full: OnceLock<Option<Regex>>,
}

/// How one side of a rule is tested at a position.
#[derive(Debug)]
enum Side {
    /// No pattern: the side matches anywhere.
    Any,
    /// A lazy DFA (reverse for the text before) of the pattern or, when `exact` is false,
    /// of the pattern without its look-arounds.
    Dfa { dfa: Box<DFA>, exact: bool },
    /// A pattern the DFA cannot run even without look-arounds: only fancy-regex decides.
    Fancy,
}

/// The outcome of a side's DFA at a position.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Test {
    No,
    Yes,
    Maybe,
}

/// The DFAs' working memory for one call of [`SrxRules::boundaries`].
struct Caches {
    candidates: Option<Cache>,
    sides: Vec<(Option<Cache>, Option<Cache>)>,
}

/// The SRX rules that apply to one language, in the order the SRX file gives them.
#[derive(Debug)]
pub struct SrxRules {
    rules: Vec<Rule>,
    /// Where a break may fall: the text before of every break rule (without look-arounds), as
    /// one DFA searched once over the text for every position where one of them ends. `None`
    /// when a break rule has no text before, or one the DFA cannot run: every position is
    /// then a candidate.
    candidates: Option<DFA>,
    /// Working memory of the DFAs, reused between calls.
    caches: Mutex<Vec<Caches>>,
}

impl std::fmt::Debug for Caches {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Caches")
    }
}

struct RawRule {
    brk: bool,
    before: String,
    after: String,
}

impl SrxRules {
    /// Loads the rules of `lang` (a tag such as `ru` or `en-GB`) from an SRX file.
    pub fn load(path: &Path, lang: &str) -> Result<SrxRules> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, &e))?;
        SrxRules::parse(&text, lang).map_err(|e| e.in_file(path))
    }

    /// Parses SRX text and keeps the rules whose language map matches `lang`, honouring the
    /// `cascade` setting (all matching maps, or only the first). An error names no file yet:
    /// the caller names it with [`Error::in_file`].
    pub fn parse(text: &str, lang: &str) -> Result<SrxRules> {
        let mut reader = Reader::from_str(text);
        let mut cascade = true;
        let mut groups: Vec<(String, Vec<RawRule>)> = Vec::new();
        let mut maps: Vec<(String, String)> = Vec::new();
        let mut current: Option<RawRule> = None;
        let mut field: Option<&'static str> = None;
        let mut saw_srx = false;
        loop {
            let event = reader.read_event().map_err(|e| {
                Error::unnamed(format!(
                    "malformed SRX at byte {}: {e}",
                    reader.buffer_position()
                ))
            })?;
            match event {
                Event::Start(ref e) | Event::Empty(ref e) => {
                    let name = e.local_name();
                    let attr = |key: &[u8]| -> Option<String> {
                        e.attributes()
                            .flatten()
                            .find(|a| a.key.local_name().as_ref() == key)
                            .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
                    };
                    match name.as_ref() {
                        b"srx" => saw_srx = true,
                        b"header" => cascade = attr(b"cascade").is_none_or(|v| v != "no"),
                        b"languagerule" => {
                            groups.push((attr(b"languagerulename").unwrap_or_default(), Vec::new()))
                        }
                        b"rule" => {
                            current = Some(RawRule {
                                brk: attr(b"break").is_none_or(|v| v != "no"),
                                before: String::new(),
                                after: String::new(),
                            })
                        }
                        b"beforebreak" => field = Some("before"),
                        b"afterbreak" => field = Some("after"),
                        b"languagemap" => maps.push((
                            attr(b"languagepattern").unwrap_or_default(),
                            attr(b"languagerulename").unwrap_or_default(),
                        )),
                        _ => {}
                    }
                    if matches!(event, Event::Empty(_)) {
                        field = None;
                    }
                }
                Event::Text(t) => {
                    if let (Some(f), Some(rule)) = (field, current.as_mut()) {
                        let s = t
                            .unescape()
                            .map_err(|e| Error::unnamed(format!("malformed SRX text: {e}")))?;
                        if f == "before" {
                            &mut rule.before
                        } else {
                            &mut rule.after
                        }
                        .push_str(&s);
                    }
                }
                Event::CData(t) => {
                    if let (Some(f), Some(rule)) = (field, current.as_mut()) {
                        let s = String::from_utf8_lossy(&t).into_owned();
                        if f == "before" {
                            &mut rule.before
                        } else {
                            &mut rule.after
                        }
                        .push_str(&s);
                    }
                }
                Event::End(ref e) => match e.local_name().as_ref() {
                    b"beforebreak" | b"afterbreak" => field = None,
                    b"rule" => {
                        if let (Some(rule), Some(group)) = (current.take(), groups.last_mut()) {
                            group.1.push(rule);
                        }
                    }
                    _ => {}
                },
                Event::Eof => break,
                _ => {}
            }
        }
        if !saw_srx {
            return Err(Error::unnamed("not an SRX file (no <srx> element)"));
        }
        let mut rules = Vec::new();
        let mut matched = false;
        // Language tags compare without case (OmegaT's maps say "EN.*", documents say "en").
        for (pattern, name) in &maps {
            let re = Regex::new(&format!("(?i)^(?:{pattern})$"))
                .map_err(|e| Error::unnamed(format!("bad languagepattern '{pattern}': {e}")))?;
            if !re.is_match(lang).unwrap_or(false) {
                continue;
            }
            matched = true;
            if let Some((_, group)) = groups.iter().find(|(n, _)| n == name) {
                for raw in group {
                    rules.push(compile(raw)?);
                }
            }
            if !cascade {
                break;
            }
        }
        if !matched {
            return Err(Error::unnamed(format!(
                "no language map in the SRX file matches '{lang}'"
            )));
        }
        let candidates = candidate_dfa(&rules);
        Ok(SrxRules {
            rules,
            candidates,
            caches: Mutex::new(Vec::new()),
        })
    }

    /// Byte offsets where the rules put a break inside `text`: the positions where the first
    /// rule that matches is a break rule.
    pub fn boundaries(&self, text: &str) -> Vec<usize> {
        let mut caches = self
            .caches
            .lock()
            .ok()
            .and_then(|mut pool| pool.pop())
            .unwrap_or_else(|| self.new_caches());
        let candidates = self.candidates(text, &mut caches);
        let found = candidates
            .into_iter()
            .filter(|&pos| pos > 0 && pos < text.len() && text.is_char_boundary(pos))
            .filter(|&pos| {
                // The first rule that matches at this position decides.
                for (r, c) in self.rules.iter().zip(caches.sides.iter_mut()) {
                    if r.matches(text, pos, c) {
                        return r.brk;
                    }
                }
                false
            })
            .collect();
        if let Ok(mut pool) = self.caches.lock() {
            pool.push(caches);
        }
        found
    }

    fn new_caches(&self) -> Caches {
        let cache = |side: &Side| match side {
            Side::Dfa { dfa, .. } => Some(dfa.create_cache()),
            _ => None,
        };
        Caches {
            candidates: self.candidates.as_ref().map(DFA::create_cache),
            sides: self
                .rules
                .iter()
                .map(|r| (cache(&r.before), cache(&r.after)))
                .collect(),
        }
    }

    /// The positions where a break rule's text before may end, in order, without repeats.
    fn candidates(&self, text: &str, caches: &mut Caches) -> Vec<usize> {
        let every = || text.char_indices().map(|(i, _)| i).skip(1).collect();
        let (Some(dfa), Some(cache)) = (&self.candidates, caches.candidates.as_mut()) else {
            return every();
        };
        let input = Input::new(text);
        let mut state = OverlappingState::start();
        let mut out: Vec<usize> = Vec::new();
        loop {
            match dfa.try_search_overlapping_fwd(cache, &input, &mut state) {
                Ok(()) => match state.get_match() {
                    Some(m) => {
                        if out.last() != Some(&m.offset()) {
                            out.push(m.offset());
                        }
                    }
                    None => break,
                },
                Err(_) => return every(),
            }
        }
        out
    }
}

impl Rule {
    fn matches(&self, text: &str, pos: usize, caches: &mut (Option<Cache>, Option<Cache>)) -> bool {
        // The text after a position is tried first: most rules fail it at once.
        let after = match (&self.after, caches.1.as_mut()) {
            (Side::Any, _) => Test::Yes,
            (Side::Dfa { dfa, exact }, Some(cache)) => {
                let input = Input::new(text)
                    .range(pos..)
                    .anchored(Anchored::Yes)
                    .earliest(true);
                match dfa.try_search_fwd(cache, &input) {
                    Ok(Some(_)) if *exact => Test::Yes,
                    Ok(Some(_)) => Test::Maybe,
                    Ok(None) => Test::No,
                    Err(_) => Test::Maybe,
                }
            }
            _ => Test::Maybe,
        };
        if after == Test::No {
            return false;
        }
        let before = match (&self.before, caches.0.as_mut()) {
            (Side::Any, _) => Test::Yes,
            (Side::Dfa { dfa, exact }, Some(cache)) => {
                let input = Input::new(text)
                    .range(..pos)
                    .anchored(Anchored::Yes)
                    .earliest(true);
                match dfa.try_search_rev(cache, &input) {
                    Ok(Some(_)) if *exact => Test::Yes,
                    Ok(Some(_)) => Test::Maybe,
                    Ok(None) => Test::No,
                    Err(_) => Test::Maybe,
                }
            }
            _ => Test::Maybe,
        };
        if before == Test::No {
            return false;
        }
        if after == Test::Yes && before == Test::Yes {
            return true;
        }
        let after_re = full(&self.after_full, &self.after_src);
        let before_re = full(&self.before_full, &self.before_src);
        let after_ok = after == Test::Yes
            || after_re.is_some_and(|re| re.is_match(&text[pos..]).unwrap_or(false));
        after_ok
            && (before == Test::Yes
                || before_re.is_some_and(|re| {
                    // Rules look back a short way; a window keeps the search linear. The
                    // search runs on the whole text up to `pos`, so `^` and look-behind see
                    // the real start.
                    let mut start = pos.saturating_sub(500);
                    while !text.is_char_boundary(start) {
                        start -= 1;
                    }
                    re.find_from_pos(&text[..pos], start)
                        .map(|m| m.is_some())
                        .unwrap_or(false)
                }))
    }
}

const DFA_LIMIT: usize = 1 << 20;

/// The fancy-regex of a full pattern, compiled when first needed.
fn full<'a>(cell: &'a OnceLock<Option<Regex>>, src: &Option<String>) -> Option<&'a Regex> {
    cell.get_or_init(|| {
        src.as_deref().and_then(|p| {
            fancy_regex::RegexBuilder::new(p)
                .delegate_dfa_size_limit(DFA_LIMIT)
                .build()
                .ok()
        })
    })
    .as_ref()
}

/// The DFA of every break rule's text before (without look-arounds), or `None` when a break
/// rule has none the DFA can run.
fn candidate_dfa(rules: &[Rule]) -> Option<DFA> {
    let mut patterns = Vec::new();
    for r in rules.iter().filter(|r| r.brk) {
        match &r.before {
            Side::Dfa { .. } => patterns.push(r.before_gate_src.clone()?),
            _ => return None,
        }
    }
    if patterns.is_empty() {
        return None;
    }
    DFA::builder()
        .configure(DFA::config().match_kind(MatchKind::All))
        .build_many(&patterns)
        .ok()
}

/// The pattern with its look-arounds removed, and whether it had any, when nothing else in
/// it needs fancy-regex: a pattern the DFAs run that matches wherever the original does
/// (exactly where it does when nothing was removed).
fn without_lookaround(pattern: &str) -> Option<(String, bool)> {
    fn strip(expr: Expr, removed: &mut bool) -> Option<Expr> {
        Some(match expr {
            Expr::LookAround(..) => {
                *removed = true;
                Expr::Empty
            }
            Expr::Concat(v) => Expr::Concat(
                v.into_iter()
                    .map(|e| strip(e, removed))
                    .collect::<Option<_>>()?,
            ),
            Expr::Alt(v) => Expr::Alt(
                v.into_iter()
                    .map(|e| strip(e, removed))
                    .collect::<Option<_>>()?,
            ),
            Expr::Group(e) => Expr::Group(Box::new(strip(*e, removed)?)),
            Expr::Repeat {
                child,
                lo,
                hi,
                greedy,
            } => Expr::Repeat {
                child: Box::new(strip(*child, removed)?),
                lo,
                hi,
                greedy,
            },
            e @ (Expr::Empty
            | Expr::Any { .. }
            | Expr::Assertion(
                Assertion::StartText
                | Assertion::EndText
                | Assertion::StartLine { .. }
                | Assertion::EndLine { .. },
            )
            | Expr::Literal { .. }
            | Expr::Delegate { .. }) => e,
            _ => return None,
        })
    }
    let tree = Expr::parse_tree(pattern).ok()?;
    let mut removed = false;
    let expr = strip(tree.expr, &mut removed)?;
    let mut text = String::new();
    expr.to_str(&mut text, 0);
    Some((text, removed))
}

/// One side of a rule as a lazy DFA, reverse for the text before (matched backwards from the
/// position), with whether it decides the side alone.
fn side(pattern: &str, reverse: bool) -> (Side, Option<String>) {
    let Some((gate, removed)) = without_lookaround(pattern) else {
        return (Side::Fancy, None);
    };
    let built = DFA::builder()
        .thompson(thompson::Config::new().reverse(reverse))
        .build(&gate);
    match built {
        Ok(dfa) => (
            Side::Dfa {
                dfa: Box::new(dfa),
                exact: !removed,
            },
            Some(gate),
        ),
        Err(_) => (Side::Fancy, None),
    }
}

fn compile(raw: &RawRule) -> Result<Rule> {
    let before = if raw.before.trim().is_empty() {
        ""
    } else {
        raw.before.as_str()
    };
    let after = if raw.after.trim().is_empty() {
        ""
    } else {
        raw.after.as_str()
    };
    let (before_side, before_gate_src) = if before.is_empty() {
        (Side::Any, None)
    } else {
        side(before, true)
    };
    let (after_side, _) = if after.is_empty() {
        (Side::Any, None)
    } else {
        side(after, false)
    };
    let before_src = (!before.is_empty()).then(|| format!("(?:{before})$"));
    let after_src = (!after.is_empty()).then(|| format!("^(?:{after})"));
    // A side the DFA does not decide alone is tried with fancy-regex, compiled when first
    // needed (most rules never are at most positions); its syntax is checked now, so a bad
    // rule is an error when the file is read.
    let inexact = |s: &Side| matches!(s, Side::Fancy | Side::Dfa { exact: false, .. });
    if inexact(&before_side) || inexact(&after_side) {
        for p in before_src.iter().chain(&after_src) {
            Expr::parse_tree(p)
                .map_err(|e| Error::unnamed(format!("rule '{p}' does not compile: {e}")))?;
        }
    }
    Ok(Rule {
        brk: raw.brk,
        before: before_side,
        after: after_side,
        before_src,
        after_src,
        before_gate_src,
        before_full: OnceLock::new(),
        after_full: OnceLock::new(),
    })
}
