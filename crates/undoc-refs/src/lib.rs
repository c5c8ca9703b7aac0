/*!
References: every place a document names another UN document, found,
normalized, classified, with byte spans into the normalized body text and the
official permalink; and the States the text names.

Two scanners, each cheap on text that has nothing for it:
- [`symbols`]: written-out symbols (`A/75/861-S/2021/392`, `S/RES/822 (1993)`),
  anchored on slashes found with `memchr`;
- [`resolutions`]: resolutions and decisions named by number ("resolution
  822 (1993)", "resolutions 68/262 and 71/205"), anchored on the lead words
  found with one multi-literal SIMD pass.

Both run in one pass over the anchors (a number inside a written symbol is
never read twice), and each find gets its relation: `replies_to` when
the sentence before it says that the document is the occasion of writing
("in connection with", "with reference to", "further to", "in response to",
"I refer to"), `cites` otherwise.
*/

pub mod resolutions;
pub mod symbols;
pub mod work;

use undoc_model::{Record, Reference, ReferenceKind, Relation};

pub use resolutions::Context;

/// All references in `text`, in text order. `language` (ISO 639-1), when
/// known, goes into the permalinks.
pub fn scan(text: &str, ctx: &Context, language: Option<&str>) -> Vec<Reference> {
    // One pass over the anchors of both scanners: every symbol has a slash, every
    // resolution number a slash or a parenthesis.
    let mut refs = Vec::new();
    let mut resume = 0;
    let mut lists = resolutions::Lists::default();
    for anchor in memchr::memchr2_iter(b'(', b'/', text.as_bytes()) {
        if anchor < resume {
            continue;
        }
        work::add(1);
        if text.as_bytes()[anchor] == b'/'
            && let Some(f) = symbols::at_slash(text, anchor)
        {
            resume = f.end;
            refs.push(reference(text, f.start, f.end, f.kind, f.symbols, language));
            continue;
        }
        if let Some(f) = resolutions::at_anchor(text, anchor, ctx, &mut lists) {
            resume = f.end;
            refs.push(reference(
                text,
                f.start,
                f.end,
                f.kind,
                vec![f.symbol],
                language,
            ));
        }
    }
    refs
}

fn reference(
    text: &str,
    start: usize,
    end: usize,
    kind: ReferenceKind,
    symbols: Vec<String>,
    language: Option<&str>,
) -> Reference {
    let relation = if kind == ReferenceKind::Document && occasion_of_writing(text, start) {
        Relation::RepliesTo
    } else {
        Relation::Cites
    };
    let url = permalink(symbols.first().map_or("", String::as_str), language);
    Reference {
        kind,
        text: text[start..end].to_owned(),
        symbols,
        relation,
        start,
        end,
        url,
    }
}

/// Phrases by which a letter says that another document is why it was written.
const OCCASION: [&str; 13] = [
    "in connection with",
    "your letter",
    "your letters",
    "your note",
    "your identical letters",
    "with reference to",
    "further to",
    "in response to",
    "in reply to",
    "responding to",
    "i refer to",
    "i wish to refer to",
    "with regard to the letter",
];

/// Whether the sentence leading up to `at` names the document as the occasion of writing.
fn occasion_of_writing(text: &str, at: usize) -> bool {
    // A sentence rarely runs past 300 bytes before its reference; the cue stands early in it.
    let from = text.floor_char_boundary(at.saturating_sub(300));
    let before = &text[from..at];
    let bytes = before.as_bytes();
    // The current sentence (and paragraph) only.
    let sentence_end_before = memchr::memrchr_iter(b'.', bytes)
        .find(|&i| bytes.get(i + 1) == Some(&b' '))
        .map(|i| i + 2);
    let paragraph_break = memchr::memrchr_iter(b'\n', bytes)
        .find(|&i| i > 0 && bytes[i - 1] == b'\n')
        .map(|i| i + 1);
    let sentence_start = sentence_end_before.max(paragraph_break).unwrap_or(0);
    let sentence = &before[sentence_start..];
    let (mut occasion, mut answered, mut passing_on) = (false, false, false);
    for m in cues().find_iter(sentence) {
        match Cue::of(m.pattern().as_usize()) {
            Cue::Occasion => occasion = true,
            Cue::Answered => answered = true,
            Cue::PassingOn => passing_on = true,
        }
    }
    // The opening sentence of a letter naming another's letter is its occasion:
    // "I am writing to register our protest against the communications dated … (A/79/798-…)".
    let paragraph_start = paragraph_break.unwrap_or(if from == 0 { 0 } else { usize::MAX });
    let opening = paragraph_start == sentence_start;
    let paragraph = before.get(paragraph_start..).unwrap_or_default();
    let answers =
        opening && answered && !passing_on && OPENINGS.iter().any(|o| paragraph.starts_with(o));
    occasion || answers
}

#[derive(Debug, Clone, Copy)]
enum Cue {
    Occasion,
    Answered,
    PassingOn,
}

impl Cue {
    fn of(pattern: usize) -> Cue {
        if pattern < OCCASION.len() {
            Cue::Occasion
        } else if pattern < OCCASION.len() + ANSWERED.len() {
            Cue::Answered
        } else {
            Cue::PassingOn
        }
    }
}

/// All cue phrases in one automaton, so a sentence is read once.
fn cues() -> &'static aho_corasick::AhoCorasick {
    static CUES: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    CUES.get_or_init(build_cues)
}

// Fixed phrases: building cannot fail on any input, so a failure is a bug.
#[allow(clippy::expect_used)]
fn build_cues() -> aho_corasick::AhoCorasick {
    let patterns = OCCASION
        .iter()
        .chain(ANSWERED.iter())
        .chain(PASSING_ON.iter());
    // A DFA: the haystacks are single sentences, where its build cost is paid
    // once and its per-byte speed is what counts.
    aho_corasick::AhoCorasick::builder()
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .ascii_case_insensitive(true)
        .build(patterns)
        .expect("fixed cue phrases build")
}

/// How letters open.
const OPENINGS: [&str; 9] = [
    "I have the honour",
    "I am writing",
    "I write",
    "I wish to",
    "Upon instructions",
    "On instructions",
    "On behalf of",
    "We are writing",
    "We write",
];

/// What a letter answers.
const ANSWERED: [&str; 6] = [
    "letter",
    "communication",
    "note verbale",
    "notes verbales",
    "statement",
    "allegations",
];

/// A letter that passes a document on does not answer it.
const PASSING_ON: [&str; 4] = ["transmit", "enclose", "forward", "attach"];

/// `https://undocs.org/en/A/75/861`; spaces (a resolution's year) percent-encoded.
pub fn permalink(symbol: &str, language: Option<&str>) -> String {
    let mut url = String::with_capacity(26 + symbol.len());
    url.push_str("https://undocs.org/");
    if let Some(lang) = language.filter(|l| matches!(*l, "en" | "fr" | "es" | "ru" | "ar" | "zh")) {
        url.push_str(lang);
        url.push('/');
    }
    let mut parts = symbol.split(' ');
    url.push_str(parts.next().unwrap_or_default());
    for part in parts {
        url.push_str("%20");
        url.push_str(part);
    }
    url
}

/// Fills `references` and `states_mentioned` of a parsed record from its
/// normalized body text.
pub fn annotate(record: &mut Record) {
    let text = record.body_text();
    let ctx = Context {
        own_organs: record.bodies.iter().map(|b| b.organ.clone()).collect(),
    };
    let mut refs = scan(&text, &ctx, Some(record.language.as_str()));
    // A document does not reference itself (running heads that slipped through, "the present letter (A/79/818)").
    refs.retain(|r| !r.symbols.iter().all(|s| record.symbols.contains(s)));
    record.references = refs;
    record.states_mentioned = undoc_states::mentioned(&text)
        .into_iter()
        .map(str::to_owned)
        .collect();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permalinks() {
        assert_eq!(
            permalink("A/75/861", Some("en")),
            "https://undocs.org/en/A/75/861"
        );
        assert_eq!(
            permalink("S/RES/822 (1993)", None),
            "https://undocs.org/S/RES/822%20(1993)"
        );
    }

    #[test]
    fn replies_and_citations() {
        let text = "I have the honour to write to you in connection with the letter of the Permanent Representative of Armenia dated 22 April 2021 (A/75/861-S/2021/392), which is a striking example. In 1993, the Security Council adopted four resolutions (822 (1993), 853 (1993)) and recalled S/2020/1.";
        let refs = scan(text, &Context::default(), Some("en"));
        let summary: Vec<(&str, Relation)> =
            refs.iter().map(|r| (r.text.as_str(), r.relation)).collect();
        assert_eq!(
            summary,
            [
                ("A/75/861-S/2021/392", Relation::RepliesTo),
                ("822 (1993)", Relation::Cites),
                ("853 (1993)", Relation::Cites),
                ("S/2020/1", Relation::Cites),
            ]
        );
        for r in &refs {
            assert_eq!(&text[r.start..r.end], r.text);
        }
    }

    #[test]
    fn numbers_inside_written_symbols_count_once() {
        let refs = scan(
            "Security Council resolution S/RES/2334 (2016)",
            &Context::default(),
            None,
        );
        assert_eq!(refs.len(), 1);
        assert_eq!(refs[0].symbols, ["S/RES/2334 (2016)"]);
    }
}
