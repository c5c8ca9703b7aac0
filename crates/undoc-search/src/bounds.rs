//! What keeps one search from holding the machine: the query a user types is
//! read as words and phrases only (never as field syntax, ranges or
//! wildcards), within limits on its length, its words and a phrase's slop, and
//! every search runs within a [`Budget`] — a deadline and a cancel flag that
//! an engine checks as it walks the matches, so a search whose deadline
//! passes or whose client went away stops instead of running on.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::SearchError as IndexError;

/// The longest query read, in characters.
pub const MAX_QUERY_CHARS: usize = 1_000;
/// The most words one query may hold (phrases count each of their words).
pub const MAX_QUERY_WORDS: usize = 32;
/// The largest slop a phrase may ask for (`"a b"~16`).
pub const MAX_SLOP: u32 = 16;
/// How long a search may run unless its caller says otherwise.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// A search's allowance: when it must be done, and whether its caller still wants it.
#[derive(Debug, Clone)]
pub struct Budget {
    deadline: Instant,
    cancelled: Arc<AtomicBool>,
}

impl Default for Budget {
    fn default() -> Self {
        Budget::new(DEFAULT_TIMEOUT)
    }
}

impl Budget {
    pub fn new(timeout: Duration) -> Budget {
        Budget {
            deadline: Instant::now() + timeout,
            cancelled: Arc::new(AtomicBool::new(false)),
        }
    }

    /// Stops the search (its client left); every clone sees it.
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }

    /// What is left of the time, zero once past.
    pub fn remaining(&self) -> Duration {
        self.deadline.saturating_duration_since(Instant::now())
    }

    /// Why the search must stop now, if it must.
    pub fn check(&self) -> Result<(), IndexError> {
        if self.is_cancelled() {
            Err(IndexError::Cancelled)
        } else if Instant::now() >= self.deadline {
            Err(IndexError::TimedOut)
        } else {
            Ok(())
        }
    }

    /// A guard that cancels this budget when dropped: held by a request's
    /// future, it stops the blocking search when the client goes away.
    pub fn cancel_on_drop(&self) -> CancelOnDrop {
        CancelOnDrop(self.clone())
    }
}

/// Cancels its budget when dropped (see [`Budget::cancel_on_drop`]).
#[derive(Debug)]
pub struct CancelOnDrop(Budget);

impl CancelOnDrop {
    /// The search finished: dropping the guard no longer cancels anything.
    pub fn disarm(self) {
        std::mem::forget(self);
    }
}

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.cancel();
    }
}

/// The query as the index's parser will read it: words and "phrases" (with an
/// optional `~slop`), `+`/`-` and AND/OR/NOT kept; anything else that parser
/// would read as syntax (`field:`, `*`, ranges, boosts, parentheses) is taken
/// as text, so `id:*` searches the word "id" instead of failing.
pub fn sanitize_query(query: &str) -> Result<String, IndexError> {
    if query.chars().count() > MAX_QUERY_CHARS {
        return Err(IndexError::BadRequest(format!(
            "the query is over {MAX_QUERY_CHARS} characters"
        )));
    }
    let mut out: Vec<String> = Vec::new();
    let mut words = 0usize;
    let mut rest = query.trim();
    while !rest.is_empty() {
        let (sign, body) = match rest.as_bytes()[0] {
            b'+' | b'-' if rest.len() > 1 => (&rest[..1], &rest[1..]),
            _ => ("", rest),
        };
        if let Some(inner) = body.strip_prefix('"') {
            // A phrase, to its closing quote (or the end), then an optional ~slop.
            let close = inner.find('"').unwrap_or(inner.len());
            let phrase = plain_words(&inner[..close]);
            let mut after = inner.get(close + 1..).unwrap_or_default();
            let mut slop = None;
            if let Some(tilde) = after.strip_prefix('~') {
                let digits = tilde.bytes().take_while(u8::is_ascii_digit).count();
                let n: u64 = tilde[..digits].parse().unwrap_or(0);
                if n > u64::from(MAX_SLOP) {
                    return Err(IndexError::BadRequest(format!(
                        "a phrase's slop (~{n}) is at most {MAX_SLOP}"
                    )));
                }
                slop = (digits > 0).then_some(n);
                after = &tilde[digits..];
            }
            let count = phrase.split_whitespace().count();
            if count > 0 {
                words += count;
                let slop = slop.map(|n| format!("~{n}")).unwrap_or_default();
                out.push(format!("{sign}\"{phrase}\"{slop}"));
            }
            rest = after.trim_start();
            continue;
        }
        let end = body.find(char::is_whitespace).unwrap_or(body.len());
        let (token, after) = body.split_at(end);
        rest = after.trim_start();
        if matches!(token, "AND" | "OR" | "NOT") && sign.is_empty() {
            out.push(token.to_owned());
            continue;
        }
        if token.chars().all(is_word_char) {
            words += 1;
            out.push(format!("{sign}{token}"));
            continue;
        }
        // Syntax characters inside a word: the word's parts as a phrase.
        let phrase = plain_words(token);
        let count = phrase.split_whitespace().count();
        if count > 0 {
            words += count;
            out.push(format!("{sign}\"{phrase}\""));
        }
    }
    if words > MAX_QUERY_WORDS {
        return Err(IndexError::BadRequest(format!(
            "the query has {words} words; at most {MAX_QUERY_WORDS} are searched together"
        )));
    }
    // Operators left without words between them mean nothing.
    while out
        .last()
        .is_some_and(|t| matches!(t.as_str(), "AND" | "OR" | "NOT"))
    {
        out.pop();
    }
    while out
        .first()
        .is_some_and(|t| matches!(t.as_str(), "AND" | "OR"))
    {
        out.remove(0);
    }
    if words == 0 && !query.trim().is_empty() {
        return Err(IndexError::BadRequest(
            "the query has no words to search for".into(),
        ));
    }
    Ok(out.join(" "))
}

/// Characters the query parser reads as part of a word.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '.' | ',' | '’' | '_' | '&')
}

/// A text with every character the parser could read as syntax made a space.
fn plain_words(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '.' | '’') {
                c
            } else {
                ' '
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_syntax_is_read_as_text() {
        // Issue 13, defect 3: `q=id:*` was a 500 with the index's own error text.
        assert_eq!(sanitize_query("id:*").ok().as_deref(), Some("\"id\""));
        assert_eq!(
            sanitize_query("date:* Armenia").ok().as_deref(),
            Some("\"date\" Armenia")
        );
        assert_eq!(sanitize_query("_id:*").ok().as_deref(), Some("\"id\""));
        assert_eq!(
            sanitize_query("language:en").ok().as_deref(),
            Some("\"language en\"")
        );
        assert_eq!(
            sanitize_query("[a TO z]").ok().as_deref(),
            Some("\"a\" TO \"z\"")
        );
        assert_eq!(
            sanitize_query("title:(a OR b)^3").ok().as_deref(),
            Some("\"title a\" OR \"b 3\"")
        );
    }

    #[test]
    fn words_phrases_and_operators_are_kept() {
        assert_eq!(
            sanitize_query("\"Zangezur corridor\" -Armenia +Azerbaijan OR Turkey")
                .ok()
                .as_deref(),
            Some("\"Zangezur corridor\" -Armenia +Azerbaijan OR Turkey")
        );
        assert_eq!(
            sanitize_query("\"a b\"~3").ok().as_deref(),
            Some("\"a b\"~3")
        );
        assert_eq!(
            sanitize_query("Nagorno-Karabakh").ok().as_deref(),
            Some("Nagorno-Karabakh")
        );
        assert_eq!(
            sanitize_query("\"unclosed phrase").ok().as_deref(),
            Some("\"unclosed phrase\"")
        );
    }

    #[test]
    fn slop_words_and_length_are_bounded() {
        // Issue 13, defect 2: `"the of and to in"~1000` held both cores for minutes.
        assert!(matches!(
            sanitize_query("\"the of and to in\"~1000"),
            Err(IndexError::BadRequest(m)) if m.contains("slop")
        ));
        assert!(sanitize_query("\"the of and to in\"~16").is_ok());
        let many = vec!["word"; MAX_QUERY_WORDS + 1].join(" ");
        assert!(matches!(
            sanitize_query(&many),
            Err(IndexError::BadRequest(_))
        ));
        assert!(matches!(
            sanitize_query(&"a".repeat(MAX_QUERY_CHARS + 1)),
            Err(IndexError::BadRequest(_))
        ));
        assert!(matches!(
            sanitize_query("*** ::"),
            Err(IndexError::BadRequest(_))
        ));
    }

    #[test]
    fn a_budget_stops_when_cancelled_or_past_its_deadline() {
        let budget = Budget::new(Duration::from_secs(60));
        assert!(budget.check().is_ok());
        let guard = budget.cancel_on_drop();
        drop(guard);
        assert!(matches!(budget.check(), Err(IndexError::Cancelled)));
        let past = Budget::new(Duration::ZERO);
        assert!(matches!(past.check(), Err(IndexError::TimedOut)));
        let kept = Budget::new(Duration::from_secs(60));
        kept.cancel_on_drop().disarm();
        assert!(kept.check().is_ok());
    }
}
