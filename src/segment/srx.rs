//! SRX 2.0 segmentation rules, the format OmegaT, Okapi and LanguageTool share.

use std::path::Path;

use std::sync::{Mutex, OnceLock};

use fancy_regex::{Assertion, Expr, Regex};
use quick_xml::events::Event;
use quick_xml::Reader;
use regex_automata::hybrid::dfa::{Cache, OverlappingState, DFA};
use regex_automata::{nfa::thompson, Anchored, Input, MatchKind};

use super::srx_match;

use crate::error::{Error, Result};

/// One break or no-break rule: the text before and after a candidate position.
///
/// Each side is tested at a position without a search over the text: a side without
/// look-arounds by one lazy DFA, anchored at the position (the text before matched backwards
/// from it); a side with look-arounds by a tree of such DFAs ([`srx_match::Node`]); only a
/// pattern neither can run (back-references, atomic groups) by fancy-regex's backtracking
/// engine. Everything is compiled when a side is first tested.
#[derive(Debug)]
struct Rule {
    brk: bool,
    before: Side,
    after: Side,
    /// The text before without look-arounds, which matches wherever it does: the break rules'
    /// ones make the DFA that finds candidate positions.
    before_gate_src: Option<String>,
}

/// How one side of a rule is tested at a position. The text before is tested on the text up
/// to the position, the text after on the text from it, as `(?:before)$` and `^(?:after)`
/// would be matched.
#[derive(Debug)]
enum Side {
    /// No pattern: the side matches anywhere.
    Any,
    /// A pattern without look-arounds, as a lazy DFA (reverse for the text before); should
    /// the DFA not build (a pattern beyond its size limits), `full` in fancy-regex instead.
    Dfa {
        pattern: String,
        reverse: bool,
        dfa: OnceLock<Option<Box<DFA>>>,
        full: Box<Side>,
    },
    /// A pattern with look-arounds, as a tree of DFAs, walked backwards from the end of the
    /// text before or forwards from the start of the text after; first the pattern without
    /// its look-arounds, which matches wherever it does, rules most positions out at once.
    Tree {
        tree: srx_match::Node,
        reverse: bool,
        gate: Box<Side>,
    },
    /// Anything else: the full pattern (`(?:before)$` or `^(?:after)`) in fancy-regex.
    Fancy {
        pattern: String,
        regex: OnceLock<Option<Regex>>,
    },
}

/// The DFAs' working memory for one call of [`SrxRules::boundaries`].
struct Caches {
    candidates: Option<Cache>,
    sides: Vec<[Option<Cache>; 2]>,
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
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
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
                .with_kind(crate::error::ErrorKind::Xml(e))
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
                        let s = t.unescape().map_err(|e| {
                            Error::unnamed(format!("malformed SRX text: {e}"))
                                .with_kind(crate::error::ErrorKind::Xml(e))
                        })?;
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
        let mut leaves = srx_match::Leaves::new();
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
                    rules.push(compile(raw, &mut leaves)?);
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
            .unwrap_or_else(|| Caches {
                candidates: self.candidates.as_ref().map(DFA::create_cache),
                sides: self.rules.iter().map(|_| [None, None]).collect(),
            });
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
    fn matches(&self, text: &str, pos: usize, caches: &mut [Option<Cache>; 2]) -> bool {
        // The text after a position is tried first: most rules fail it at once.
        let [before_cache, after_cache] = caches;
        self.after.test(&text[pos..], after_cache) && self.before.test(&text[..pos], before_cache)
    }
}

impl Side {
    /// Whether the side matches `hay`: its end for the text before, its start for the text
    /// after.
    fn test(&self, hay: &str, cache: &mut Option<Cache>) -> bool {
        match self {
            Side::Any => true,
            Side::Dfa {
                pattern,
                reverse,
                dfa,
                full,
            } => {
                let built = dfa.get_or_init(|| {
                    DFA::builder()
                        .thompson(
                            thompson::Config::new()
                                .reverse(*reverse)
                                .which_captures(thompson::WhichCaptures::None),
                        )
                        .build(pattern)
                        .ok()
                        .map(Box::new)
                });
                let Some(dfa) = built else {
                    return full.test(hay, cache);
                };
                let cache = cache.get_or_insert_with(|| dfa.create_cache());
                let input = Input::new(hay).anchored(Anchored::Yes).earliest(true);
                let found = if *reverse {
                    dfa.try_search_rev(cache, &input)
                } else {
                    dfa.try_search_fwd(cache, &input)
                };
                match found {
                    Ok(found) => found.is_some(),
                    Err(_) => full.test(hay, &mut None),
                }
            }
            Side::Tree {
                tree,
                reverse,
                gate,
            } => {
                if !gate.test(hay, cache) {
                    return false;
                }
                if *reverse {
                    tree.ends_at(hay, hay.len())
                } else {
                    tree.starts_at(hay, 0)
                }
            }
            Side::Fancy { pattern, regex } => regex
                .get_or_init(|| Regex::new(pattern).ok())
                .as_ref()
                .is_some_and(|re| re.is_match(hay).unwrap_or(false)),
        }
    }
}

/// The DFA of every break rule's text before (without look-arounds), or `None` when a break
/// rule has none the DFA can run.
fn candidate_dfa(rules: &[Rule]) -> Option<DFA> {
    let mut patterns = Vec::new();
    for r in rules.iter().filter(|r| r.brk) {
        patterns.push(r.before_gate_src.clone()?);
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

/// One side of a rule: `full` is the pattern as fancy-regex would match it (`(?:before)$`,
/// `^(?:after)`); a pattern that does not parse is an error.
fn side(
    pattern: &str,
    full: String,
    reverse: bool,
    leaves: &mut srx_match::Leaves,
) -> Result<Side> {
    if pattern.is_empty() {
        return Ok(Side::Any);
    }
    Expr::parse_tree(&full)
        .map_err(|e| Error::unnamed(format!("rule '{full}' does not compile: {e}")))?;
    Ok(match without_lookaround(pattern) {
        Some((plain, false)) => Side::Dfa {
            pattern: plain,
            reverse,
            dfa: OnceLock::new(),
            full: Box::new(Side::Fancy {
                pattern: full,
                regex: OnceLock::new(),
            }),
        },
        gate => match srx_match::Node::build(&full, leaves) {
            Some(tree) => Side::Tree {
                tree,
                reverse,
                // A gate that cannot run lets every position through to the tree.
                gate: Box::new(match gate {
                    Some((plain, _)) => Side::Dfa {
                        pattern: plain,
                        reverse,
                        dfa: OnceLock::new(),
                        full: Box::new(Side::Any),
                    },
                    None => Side::Any,
                }),
            },
            None => Side::Fancy {
                pattern: full,
                regex: OnceLock::new(),
            },
        },
    })
}

fn compile(raw: &RawRule, leaves: &mut srx_match::Leaves) -> Result<Rule> {
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
    Ok(Rule {
        brk: raw.brk,
        before: side(before, format!("(?:{before})$"), true, leaves)?,
        after: side(after, format!("^(?:{after})"), false, leaves)?,
        before_gate_src: if before.is_empty() {
            None
        } else {
            without_lookaround(before).map(|g| g.0)
        },
    })
}
