//! Whether a document reference is `replies_to` or `cites`: the rules are
//! data (`data/relations.txt`, each with a real passage in
//! `tests/fixtures.txt`); this module reads them and applies them to the
//! sentence that leads up to a reference.

use std::sync::OnceLock;

use aho_corasick::AhoCorasick;

const RULES: &str = include_str!("../data/relations.txt");

/// What a rule's phrase means; see the data file for each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    Occasion,
    Rebuttal,
    Answered,
    Opening,
    PassingOn,
    Anaphora,
}

impl Cue {
    fn parse(word: &str) -> Option<Cue> {
        Some(match word {
            "occasion" => Cue::Occasion,
            "rebuttal" => Cue::Rebuttal,
            "answered" => Cue::Answered,
            "opening" => Cue::Opening,
            "passing_on" => Cue::PassingOn,
            "anaphora" => Cue::Anaphora,
            _ => return None,
        })
    }
}

/// One line of the rules: its kind and phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    pub cue: Cue,
    pub phrase: String,
    /// Marked ` *`: no passage of the test corpus shows it yet.
    pub unwitnessed: bool,
}

/// The rules as the data file states them, and the lines that do not read
/// (skipped; the crate's tests fail on any).
pub fn rules() -> (Vec<Rule>, Vec<String>) {
    let mut rules = Vec::new();
    let mut unreadable = Vec::new();
    for line in RULES.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        match line
            .split_once(' ')
            .and_then(|(kind, phrase)| Some((Cue::parse(kind)?, phrase.trim())))
        {
            Some((cue, phrase)) if !phrase.is_empty() => {
                let (phrase, unwitnessed) = match phrase.strip_suffix(" *") {
                    Some(phrase) => (phrase.trim_end(), true),
                    None => (phrase, false),
                };
                rules.push(Rule {
                    cue,
                    phrase: phrase.to_owned(),
                    unwitnessed,
                });
            }
            _ => unreadable.push(line.to_owned()),
        }
    }
    (rules, unreadable)
}

struct Classifier {
    /// Occasion, rebuttal, answered and passing-on phrases, in one automaton
    /// so that a sentence is read once.
    sentence_cues: AhoCorasick,
    sentence_kinds: Vec<Cue>,
    openings: Vec<String>,
    anaphora: Vec<String>,
}

fn classifier() -> &'static Classifier {
    static CLASSIFIER: OnceLock<Classifier> = OnceLock::new();
    CLASSIFIER.get_or_init(build)
}

// The rules are fixed at compile time and tested: building cannot fail on any input.
#[allow(clippy::expect_used)]
fn build() -> Classifier {
    let (rules, _) = rules();
    let mut phrases = Vec::new();
    let mut sentence_kinds = Vec::new();
    let mut openings = Vec::new();
    let mut anaphora = Vec::new();
    for rule in rules {
        match rule.cue {
            Cue::Opening => openings.push(rule.phrase),
            Cue::Anaphora => anaphora.push(rule.phrase),
            cue => {
                phrases.push(rule.phrase);
                sentence_kinds.push(cue);
            }
        }
    }
    // A DFA: the haystacks are single sentences, where its build cost is paid
    // once and its per-byte speed is what counts.
    let sentence_cues = AhoCorasick::builder()
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .ascii_case_insensitive(true)
        .build(&phrases)
        .expect("the relation rules build");
    Classifier {
        sentence_cues,
        sentence_kinds,
        openings,
        anaphora,
    }
}

/// The sentence before `at` is the occasion of writing for the document named
/// at `at`: the words that say so (its evidence), or `None` for a citation.
pub fn occasion_of_writing(text: &str, at: usize) -> Option<String> {
    let classifier = classifier();
    // A sentence rarely runs past 600 bytes before its reference (S/2025/102
    // names "my letter of 30 January 2025" 330 bytes into its opening sentence).
    let from = text.floor_char_boundary(at.saturating_sub(600));
    let before = &text[from..at];
    let paragraph_break = memchr::memrchr_iter(b'\n', before.as_bytes())
        .find(|&i| i > 0 && before.as_bytes()[i - 1] == b'\n')
        .map(|i| i + 1);
    // Where the paragraph starts, if this window shows it.
    let paragraph_start = paragraph_break.unwrap_or(if from == 0 { 0 } else { usize::MAX });
    let mut start = sentence_start(before, paragraph_break);
    // "These letters, dated from …" reads on from the sentence before.
    let reads_on = classifier.anaphora.iter().any(|a| {
        before
            .get(start..start + a.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(a))
    });
    if reads_on && start > paragraph_break.unwrap_or(0) {
        start = sentence_start(&before[..start.saturating_sub(2)], paragraph_break);
    }
    let sentence = &before[start..];
    let mut found: [Option<&str>; 6] = [None; 6];
    for m in classifier.sentence_cues.find_iter(sentence) {
        let cue = classifier.sentence_kinds[m.pattern().as_usize()];
        found[cue as usize].get_or_insert(&sentence[m.start()..m.end()]);
    }
    let cue = |c: Cue| found[c as usize];
    if let Some(words) = cue(Cue::Occasion) {
        return Some(words.to_owned());
    }
    if let (Some(rebuttal), Some(answered)) = (cue(Cue::Rebuttal), cue(Cue::Answered)) {
        return Some(format!("{rebuttal} … {answered}"));
    }
    // The opening sentence of a letter naming another's letter is its occasion:
    // "I am writing to register our protest against the communications dated … (A/79/798-…)".
    if start != paragraph_start || cue(Cue::PassingOn).is_some() {
        return None;
    }
    let answered = cue(Cue::Answered)?;
    let opening = classifier.openings.iter().find(|o| {
        sentence
            .get(..o.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(o))
    })?;
    Some(format!("{} … {answered}", &sentence[..opening.len()]))
}

/// Where the sentence that `before` ends in starts: after the last ". " that
/// ends a sentence (not "Ms. ", "No. ", an initial), or the paragraph break,
/// whichever is later.
fn sentence_start(before: &str, paragraph_break: Option<usize>) -> usize {
    let bytes = before.as_bytes();
    let sentence_end_before = memchr::memrchr_iter(b'.', bytes)
        .filter(|&i| bytes.get(i + 1) == Some(&b' '))
        .find(|&i| !abbreviation_before(&before[..i]))
        .map(|i| i + 2);
    sentence_end_before.max(paragraph_break).unwrap_or(0)
}

/// Words whose full stop does not end a sentence in UN letters.
const ABBREVIATIONS: [&str; 16] = [
    "Mr", "Ms", "Mrs", "Dr", "No", "Nos", "para", "paras", "art", "arts", "vol", "St", "a.i",
    "e.g", "i.e", "H.E",
];

/// Whether the text before a full stop ends in an abbreviation or an initial ("A. Person").
pub(crate) fn abbreviation_before(head: &str) -> bool {
    let word = head.rsplit([' ', '(', '\n']).next().unwrap_or_default();
    let initial = word.len() == 1 && word.bytes().all(|b| b.is_ascii_uppercase());
    initial || ABBREVIATIONS.iter().any(|a| word.eq_ignore_ascii_case(a))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Guards S/2025/102, whose opening sentence names "Ms. Thérèse Kayikwamba
    /// Wagner" before "my letter of 30 January 2025": "Ms." ends no sentence.
    #[test]
    fn abbreviations_do_not_end_sentences() {
        let before = "On instructions from my Government, I refer to the events reported by Ms. Wagner, and to my letter ";
        assert_eq!(sentence_start(before, None), 0);
        assert_eq!(sentence_start("It ended. Then ", None), 10);
    }

    #[test]
    fn every_rule_reads() {
        let (rules, unreadable) = rules();
        assert_eq!(unreadable, Vec::<String>::new());
        assert!(rules.len() >= 25, "{} rules", rules.len());
    }
}
