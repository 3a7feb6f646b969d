//! SRX 2.0 segmentation rules, the format OmegaT, Okapi and LanguageTool share.

use std::path::Path;

use fancy_regex::{Assertion, Expr, Regex};
use quick_xml::events::Event;
use quick_xml::Reader;

use crate::error::{Error, Result};

/// One break or no-break rule: the text before and after a candidate position.
#[derive(Debug)]
struct Rule {
    brk: bool,
    before: Option<Regex>,
    before_end: Option<Regex>,
    after: Option<Regex>,
    /// `before_end` and `after` without their look-arounds: they match wherever the full
    /// patterns do and run in linear time, so a miss rules a position out at once.
    before_gate: Option<Regex>,
    after_gate: Option<Regex>,
}

/// The SRX rules that apply to one language, in the order the SRX file gives them.
#[derive(Debug)]
pub struct SrxRules {
    rules: Vec<Rule>,
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
        Ok(SrxRules { rules })
    }

    /// Byte offsets where the rules put a break inside `text`.
    pub fn boundaries(&self, text: &str) -> Vec<usize> {
        let mut candidates: Vec<usize> = Vec::new();
        for rule in self.rules.iter().filter(|r| r.brk) {
            match &rule.before {
                Some(re) => {
                    for m in re.find_iter(text).flatten() {
                        candidates.push(m.end());
                    }
                }
                None => candidates.extend(text.char_indices().map(|(i, _)| i).skip(1)),
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        candidates
            .into_iter()
            .filter(|&pos| pos > 0 && pos < text.len())
            .filter(|&pos| {
                // The first rule that matches at this position decides.
                self.rules
                    .iter()
                    .find(|r| r.matches(text, pos))
                    .is_some_and(|r| r.brk)
            })
            .collect()
    }
}

impl Rule {
    fn matches(&self, text: &str, pos: usize) -> bool {
        // The text after a position is tried first: it is one anchored match that most rules
        // fail at once, where the text before is searched backwards over a window.
        let after_ok = match &self.after {
            None => true,
            Some(re) => {
                let rest = &text[pos..];
                self.after_gate
                    .as_ref()
                    .is_none_or(|g| g.is_match(rest).unwrap_or(true))
                    && re.is_match(rest).unwrap_or(false)
            }
        };
        after_ok
            && match &self.before_end {
                None => true,
                Some(re) => {
                    // Rules look back a short way; a window keeps the search linear. The search
                    // runs on the whole text up to `pos`, so `^` and look-behind see the real
                    // start.
                    let mut start = pos.saturating_sub(500);
                    while !text.is_char_boundary(start) {
                        start -= 1;
                    }
                    let found = |re: &Regex| {
                        re.find_from_pos(&text[..pos], start)
                            .map(|m| m.is_some())
                            .unwrap_or(false)
                    };
                    self.before_gate.as_ref().is_none_or(|g| {
                        g.find_from_pos(&text[..pos], start)
                            .map_or(true, |m| m.is_some())
                    }) && found(re)
                }
            }
    }
}

/// The pattern with its look-arounds removed, when it has any and nothing else the plain
/// engine lacks: a weaker pattern that matches wherever the original does.
fn without_lookaround(pattern: &str) -> Option<Regex> {
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
    if !removed {
        return None;
    }
    let mut text = String::new();
    expr.to_str(&mut text, 0);
    Regex::new(&text).ok()
}

fn compile(raw: &RawRule) -> Result<Rule> {
    let build = |pat: &str| {
        Regex::new(pat).map_err(|e| Error::unnamed(format!("rule '{pat}' does not compile: {e}")))
    };
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
    let before_end = if before.is_empty() {
        None
    } else {
        Some(format!("(?:{before})$"))
    };
    let after = if after.is_empty() {
        None
    } else {
        Some(format!("^(?:{after})"))
    };
    Ok(Rule {
        brk: raw.brk,
        before: if before.is_empty() {
            None
        } else {
            Some(build(before)?)
        },
        before_gate: before_end.as_deref().and_then(without_lookaround),
        after_gate: after.as_deref().and_then(without_lookaround),
        before_end: before_end.as_deref().map(build).transpose()?,
        after: after.as_deref().map(build).transpose()?,
    })
}
