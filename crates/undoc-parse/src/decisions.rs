/*!
The decisions of a verbatim record: each draft the meeting acted on, how,
with what counts and whose votes, and what it became.

The record says so in a few fixed forms, set in italics as stage
directions or spoken by the President:

- the General Assembly's "Draft resolution A/76/L.86 was adopted
  (resolution 76/305).", "Draft resolution I was adopted by 123 votes to 1,
  with 55 abstentions (resolution 65/195).", "The draft decision was
  adopted.", "The amendment contained in document A/65/L.53 was adopted by 93
  votes to 55, with 27 abstentions.";
- the Security Council's "The draft resolution received 13 votes in favour,
  none against and two abstentions. The draft resolution has been adopted as
  resolution 2448 (2018)." or "… has not been adopted, owing to the negative
  vote of a permanent member of the Council.";
- before either, "A recorded vote was taken." or "A vote was taken by show
  of hands.", then the lists "In favour: …", "Against: …", "Abstaining: …",
  in one paragraph or several, with the page's furniture between them.

A draft the outcome does not name ("The draft resolution was adopted") is
the one the President last put before the meeting ("Members of the Council
have before them document S/2018/1016", "The Assembly will now take a
decision on draft resolution A/79/L.8"); one named by number ("draft
resolution IV") is the one in the report under the last heading
("Report of the Third Committee (A/65/448)"). A vote on a paragraph
("The eighth preambular paragraph was retained by 105 votes to 2") decides
no draft: its lists are set aside.
*/

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;
use undoc_model::{Ballot, Decision, Paragraph, ParagraphKind, Speech, SpeechKind};

use crate::lines::re;

/// The most paragraphs a vote's lists are read across before the outcome:
/// three lists of 193 names with the page furniture between them fill
/// fewer than twenty.
const MAX_LIST_PARAGRAPHS: usize = 40;

/// A stage direction is one short sentence; a longer paragraph without a
/// speaker is a speech's own words, whose "was adopted" tells history.
const MAX_STAGE_DIRECTION: usize = 320;

static VOTE_TAKEN: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\bA\s+(?:recorded\s+)?vote\s+was\s+taken(?:\s+by\s+(?:show\s+of\s+hands|roll[- ]call))?\s*\.?",
    )
});

static LIST_MARKER: LazyLock<Regex> =
    LazyLock::new(|| re(r"\b(?P<which>In favour|Against|Abstaining|Abstentions?)\s*:"));

/// "was adopted", "has not been adopted", "were retained", "was rejected".
static OUTCOME_VERB: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:was|were|has|have|had)\s+(?P<not>not\s+)?(?:been\s+)?(?P<done>adopted|rejected|retained|deleted)\b",
    )
});

/// What a sentence acts on, at its start: a draft, an amendment, a paragraph.
static SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?x)^(?:The\s+)?(?:
            (?i:draft)\s+(?P<kind>resolution|decision)\b
          | (?i:amendments?)\b
          | (?i:(?:[a-z-]+\s+)?(?:preambular|operative)\s+paragraphs?)\b
          | (?i:paragraphs?)\s+\d
        )")
});

/// A draft's symbol: "A/76/L.86", "S/2018/1016", "A/C.3/65/L.29/Rev.1".
static DRAFT_SYMBOL: LazyLock<Regex> = LazyLock::new(|| {
    re(r"\b(?:A|S|E)/(?:[A-Z0-9.\-]+/)*?(?:L\.\d+|\d{4}/\d+)(?:/(?:Rev|Add|Corr)\.\d+)*")
});

/// "draft resolution IV", "draft decision B": a draft named within a report.
static DRAFT_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i:draft)\s+(?P<kind>resolution|decision)\s+(?P<number>[IVXL]+|[A-H])\b")
});

/// The President putting a draft before the meeting by its symbol.
static DRAFT_NAMED: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?x)
        (?i:draft)\s+(?P<kind>resolution|decision)\s+(?P<symbol>(?:A|S|E)/\S+)
      | document\s+(?P<document>(?:A|S|E)/\S+),?\s+which\s+contains\s+the\s+text\s+of\s+(?:a|the)\s+draft\s+(?P<dkind>resolution|decision)")
});

/// "Report of the Third Committee (A/65/448)" and its addenda.
static REPORT_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^Reports?\s+of\s+(?:the\s+)?.{0,200}?\((?P<symbol>A/[0-9]+/[0-9]+(?:/Add\.[0-9]+)?)\)\s*$")
});

/// "by 123 votes to 1, with 55 abstentions", "by 132 votes to 54".
static GA_COUNTS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\bby\s+(?P<yes>\d+)\s+votes?\s+to\s+(?P<no>\d+|none)(?:,?\s+with\s+(?P<abs>\d+|no)\s+abstentions?)?",
    )
});

/// "received 13 votes in favour, none against and two abstentions", "the
/// result of the voting is as follows: 13 votes in favour, one against and
/// one abstaining".
static SC_COUNTS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?P<yes>[a-z]+|\d+)\s+votes?\s+in\s+favour(?:\s*,\s*(?P<no>[a-z]+|\d+)\s+(?:votes?\s+)?against)?(?:\s*,?\s*(?:and\s+)?(?P<abs>[a-z]+|\d+)\s+(?:abstentions?|abstaining))?",
    )
});

/// "(resolution 65/182)", "(decision 76/575)", "(resolution ES-10/19)".
static GA_ADOPTED_AS: LazyLock<Regex> = LazyLock::new(|| {
    re(r"\((?P<what>resolution|decision)\s+(?P<number>(?:ES-|S-)?\d+/\d+[A-Z]?)\)")
});

/// "as resolution 2448 (2018)".
static SC_ADOPTED_AS: LazyLock<Regex> =
    LazyLock::new(|| re(r"\bas\s+resolution\s+(?P<number>\d+)\s*\((?P<year>\d{4})\)"));

/// A sentence's end: a full stop before a capital, or the paragraph's end.
static SENTENCE_END: LazyLock<Regex> = LazyLock::new(|| re(r"\.(?:\s+[A-Z“\x22(]|\s*$)"));

/// Longer than the longest State's name twice over ("United Kingdom of
/// Great Britain and Northern Ireland" is 52 bytes).
const MAX_NAME: usize = 120;

/// Tokens no State's name holds: dates, symbols, job numbers, page numbers.
static FURNITURE: LazyLock<Regex> = LazyLock::new(|| re(r"\S*\d\S*"));

/// The draft the President last put before the meeting.
#[derive(Debug, Clone, Default)]
struct Subject {
    draft: Option<String>,
    kind: Option<&'static str>,
    /// The report under the last heading, for drafts named by number.
    report: Option<String>,
}

/// A vote taken and not yet decided: the text of its lists so far.
#[derive(Debug, Default)]
struct PendingVote {
    lists: String,
    paragraphs: usize,
}

/// The decisions of a meeting record's paragraphs (with the speeches read
/// from them, to tell the chair's words from a delegate's), and the
/// warnings of what did not add up.
pub fn decisions(
    paragraphs: &[Paragraph],
    speeches: &[Speech],
    security_council: bool,
) -> (Vec<Decision>, Vec<String>) {
    let mut out = Vec::new();
    let mut warnings = Vec::new();
    let mut subject = Subject::default();
    let mut pending: Option<PendingVote> = None;
    // Paragraphs and speeches are both in text order: one pass over each.
    let mut current: Option<&Speech> = None;
    let mut upcoming = speeches.iter().peekable();
    for (start, paragraph) in undoc_model::paragraph_starts(paragraphs) {
        let text = paragraph.text.as_str();
        while let Some(next) = upcoming.next_if(|s| s.start <= start) {
            current = Some(next);
        }
        let speech = current;
        let opens_speech = speech.is_some_and(|s| s.start == start);
        let chair = speech.is_none_or(|s| s.kind == SpeechKind::Procedural);
        // The words after the speaker's name, when the paragraph opens a speech.
        let words = if opens_speech {
            text.find(": ").map_or(text, |i| &text[i + 2..])
        } else {
            text
        };

        if paragraph.kind == ParagraphKind::Heading
            && let Some(c) = REPORT_HEADING.captures(text)
        {
            subject = Subject {
                report: Some(c["symbol"].to_owned()),
                ..Subject::default()
            };
        }

        let stage_direction = !opens_speech && text.len() <= MAX_STAGE_DIRECTION;
        let found = if chair || stage_direction {
            outcomes(words, stage_direction && !chair)
        } else {
            Vec::new()
        };

        let mut rest = (!opens_speech).then_some(words);
        if let Some(taken) = VOTE_TAKEN.find(words) {
            pending = Some(PendingVote::default());
            rest = Some(&words[taken.end()..]);
        }
        // The lists are neither a speaker's words nor the outcome's.
        if let Some(vote) = pending.as_mut()
            && let Some(rest) = rest.filter(|_| found.is_empty())
            && vote.paragraphs < MAX_LIST_PARAGRAPHS
        {
            vote.paragraphs += 1;
            vote.lists.push_str(rest);
            // Lists run on across paragraphs and pages: a break is a comma.
            vote.lists.push_str(", ");
        }

        for outcome in found {
            let lists = pending.take();
            if let Some(decision) = decide(
                &outcome,
                words,
                &subject,
                lists,
                security_council,
                &mut warnings,
            ) {
                // A draft acted on is no longer the one before the meeting.
                subject.draft = None;
                subject.kind = None;
                out.push(decision);
            }
        }
        if chair {
            note_subject(words, &mut subject);
        }
    }
    (out, warnings)
}

/// An outcome sentence: what it acts on and what befell it.
#[derive(Debug)]
struct Outcome<'a> {
    subject: &'a str,
    not: bool,
    done: &'a str,
    /// The sentence from its verb to its end, and the text after (the
    /// Council's adoption follows its counts in the next sentence).
    tail: &'a str,
}

/// The outcome sentences of a paragraph's words; only the first sentence
/// when the paragraph is a stage direction outside the chair's words.
fn outcomes(words: &str, first_only: bool) -> Vec<Outcome<'_>> {
    let mut out = Vec::new();
    let mut sentence_start = 0;
    loop {
        let sentence = &words[sentence_start..];
        let end = SENTENCE_END
            .find(sentence)
            .map_or(sentence.len(), |m| m.start() + 1);
        let this = &sentence[..end];
        if let Some(subject) = SUBJECT.find(this.trim_start())
            && let Some(verb) = OUTCOME_VERB.captures(this)
        {
            let subject_text = this.trim_start();
            let verb_at = verb.get(0).map_or(0, |m| m.start());
            let lead = this.len() - subject_text.len();
            if verb_at >= lead + subject.end() {
                out.push(Outcome {
                    subject: &this[lead..verb_at],
                    not: verb.name("not").is_some(),
                    done: verb.name("done").map_or("", |m| m.as_str()),
                    tail: &sentence[verb_at..],
                });
            }
        }
        if first_only || end >= sentence.len() {
            break;
        }
        sentence_start += end;
        // Past the full stop's spaces, to the next sentence's capital.
        while words[sentence_start..].starts_with(char::is_whitespace) {
            sentence_start += words[sentence_start..]
                .chars()
                .next()
                .map_or(1, char::len_utf8);
        }
    }
    out
}

/// The decision an outcome records, or none for a paragraph's vote.
fn decide(
    outcome: &Outcome<'_>,
    words: &str,
    subject: &Subject,
    lists: Option<PendingVote>,
    security_council: bool,
    warnings: &mut Vec<String>,
) -> Option<Decision> {
    let lower = outcome.subject.to_lowercase();
    if lower.contains("paragraph") {
        // A vote to keep or delete a paragraph: its lists decide no draft.
        return None;
    }
    let draft_kind = if lower.contains("amendment") {
        "amendment"
    } else if lower.contains("decision") {
        "decision"
    } else {
        "resolution"
    };
    let symbol = DRAFT_SYMBOL
        .find(outcome.subject)
        .and_then(|m| undoc_symbol::canonicalize(m.as_str()));
    let number = DRAFT_NUMBER
        .captures(outcome.subject)
        .map(|c| format!("draft {} {}", &c["kind"], &c["number"]));
    let (draft, report) = match (symbol, number) {
        (Some(symbol), _) => (symbol, None),
        (None, Some(number)) => (number, subject.report.clone()),
        (None, None) => match (&subject.draft, subject.kind) {
            (Some(draft), Some(kind)) if kind == draft_kind => {
                let report = (!draft.contains('/'))
                    .then(|| subject.report.clone())
                    .flatten();
                (draft.clone(), report)
            }
            _ => (format!("draft {draft_kind}"), subject.report.clone()),
        },
    };
    // The Council's counts come in the sentence before its adoption.
    let sentence_end = SENTENCE_END
        .find(outcome.tail)
        .map_or(outcome.tail.len(), |m| m.start() + 1);
    let tail = &outcome.tail[..sentence_end];
    let (mut in_favour, mut against, mut abstaining) = counts(tail, words);

    let mut votes = BTreeMap::new();
    let recorded = lists.is_some();
    if let Some(lists) = lists {
        for (state, ballot) in read_lists(&lists.lists, &draft, warnings) {
            votes.insert(state, ballot);
        }
        let listed = |b: Ballot| u32::try_from(votes.values().filter(|v| **v == b).count()).ok();
        for (count, ballot, what) in [
            (&mut in_favour, Ballot::InFavour, "in favour"),
            (&mut against, Ballot::Against, "against"),
            (&mut abstaining, Ballot::Abstaining, "abstaining"),
        ] {
            match (*count, listed(ballot)) {
                (None, Some(n)) => *count = Some(n),
                (Some(said), Some(n)) if said != n => warnings.push(format!(
                    "the vote on {draft} lists {n} States {what} where the record counts {said}"
                )),
                _ => {}
            }
        }
    }
    let method = if recorded || in_favour.is_some() {
        "recorded_vote"
    } else if tail.to_lowercase().contains("by consensus") {
        "consensus"
    } else {
        "without_vote"
    };
    let adopted = !outcome.not && outcome.done == "adopted";
    let (adopted_as, adopted_as_decision) = if adopted {
        adoption(tail, security_council)
    } else {
        (None, None)
    };
    Some(Decision {
        draft,
        method: method.into(),
        in_favour,
        against,
        abstaining,
        votes,
        adopted_as,
        draft_kind: draft_kind.into(),
        report,
        adopted,
        adopted_as_decision,
    })
}

/// The counts an outcome gives: the Assembly's in its sentence, the
/// Council's anywhere in the President's paragraph.
fn counts(tail: &str, words: &str) -> (Option<u32>, Option<u32>, Option<u32>) {
    if let Some(c) = GA_COUNTS.captures(tail) {
        return (
            number(&c["yes"]),
            number(&c["no"]),
            c.name("abs").map_or(Some(0), |m| number(m.as_str())),
        );
    }
    if let Some(c) = SC_COUNTS.captures(words) {
        let yes = number(&c["yes"]);
        // "15 votes in favour. … adopted unanimously": nobody against or abstaining.
        let unanimous = words.to_lowercase().contains("unanimously");
        let other = |name: &str| {
            c.name(name)
                .and_then(|m| number(m.as_str()))
                .or(unanimous.then_some(0))
        };
        if yes.is_some() {
            return (yes, other("no"), other("abs"));
        }
    }
    (None, None, None)
}

/// What an adopted draft became: the resolution's symbol, or the
/// Assembly decision's number.
fn adoption(tail: &str, security_council: bool) -> (Option<String>, Option<String>) {
    if let Some(c) = SC_ADOPTED_AS.captures(tail) {
        return (
            Some(format!("S/RES/{} ({})", &c["number"], &c["year"])),
            None,
        );
    }
    if let Some(c) = GA_ADOPTED_AS.captures(tail) {
        let number = &c["number"];
        return if &c["what"] == "decision" {
            (None, Some(number.to_owned()))
        } else if security_council {
            (None, None)
        } else {
            (undoc_symbol::canonicalize(&format!("A/RES/{number}")), None)
        };
    }
    (None, None)
}

/// What the chair's words put before the meeting: the last draft they
/// name, by symbol or by number.
fn note_subject(words: &str, subject: &mut Subject) {
    let kind_of = |k: &str| {
        if k == "decision" {
            "decision"
        } else {
            "resolution"
        }
    };
    let named = DRAFT_NAMED.captures_iter(words).last().and_then(|c| {
        let symbol = c.name("symbol").or(c.name("document"))?.as_str();
        let symbol = symbol.trim_end_matches(|ch: char| !ch.is_ascii_alphanumeric());
        let kind = c.name("kind").or(c.name("dkind"))?.as_str();
        let at = c.get(0)?.start();
        Some((at, undoc_symbol::canonicalize(symbol)?, kind_of(kind)))
    });
    let numbered = DRAFT_NUMBER.captures_iter(words).last().and_then(|c| {
        let at = c.get(0)?.start();
        let draft = format!("draft {} {}", &c["kind"], &c["number"]);
        Some((at, draft, kind_of(&c["kind"])))
    });
    let last = match (named, numbered) {
        (Some(n), Some(m)) => Some(if m.0 > n.0 { m } else { n }),
        (n, m) => n.or(m),
    };
    if let Some((_, draft, kind)) = last {
        subject.draft = Some(draft);
        subject.kind = Some(kind);
    }
}

/// The States and their ballots in a vote's lists, each list running from
/// its marker to the next; names that are no State's are warned of.
fn read_lists(lists: &str, draft: &str, warnings: &mut Vec<String>) -> Vec<(String, Ballot)> {
    let markers: Vec<(usize, usize, Ballot)> = LIST_MARKER
        .captures_iter(lists)
        .filter_map(|c| {
            let m = c.get(0)?;
            let ballot = match &c["which"] {
                "In favour" => Ballot::InFavour,
                "Against" => Ballot::Against,
                _ => Ballot::Abstaining,
            };
            Some((m.start(), m.end(), ballot))
        })
        .collect();
    let mut out = Vec::new();
    for (i, &(_, from, ballot)) in markers.iter().enumerate() {
        let to = markers.get(i + 1).map_or(lists.len(), |next| next.0);
        let list = FURNITURE.replace_all(&lists[from..to], ",");
        let names: Vec<String> = undoc_states::split_list(&list)
            .into_iter()
            .map(|n| n.trim().trim_end_matches('.').trim().to_owned())
            .filter(|n| !n.is_empty() && !n.eq_ignore_ascii_case("none"))
            .collect();
        for state in mend_names(&names, draft, warnings) {
            out.push((state.to_owned(), ballot));
        }
    }
    out
}

/// The States of a list's names, mending what the page did to them: a name
/// broken at a line or page ("Saint Vincent and" / "the Grenadines"), a word
/// broken by the text layer ("Seyc helles"), two names whose comma fell at a
/// column's end ("Zambia Zimbabwe").
fn mend_names(names: &[String], draft: &str, warnings: &mut Vec<String>) -> Vec<&'static str> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < names.len() {
        let name = names[i].as_str();
        if let Some(state) = undoc_states::canonical(name) {
            out.push(state);
            i += 1;
            continue;
        }
        if let Some(state) = names
            .get(i + 1)
            .and_then(|next| undoc_states::canonical(&format!("{name} {next}")))
        {
            out.push(state);
            i += 2;
            continue;
        }
        if let Some(state) = undoc_states::canonical(&name.replace(' ', "")) {
            out.push(state);
            i += 1;
            continue;
        }
        // No State's name is this long: a run of text is not mended word by word.
        let pair = (name.len() <= MAX_NAME)
            .then(|| {
                name.match_indices(' ').find_map(|(at, _)| {
                    Some((
                        undoc_states::canonical(&name[..at])?,
                        undoc_states::canonical(&name[at + 1..])?,
                    ))
                })
            })
            .flatten();
        match pair {
            Some((first, second)) => out.extend([first, second]),
            None => warnings.push(format!(
                "the vote on {draft} lists {name:?}, which is no State's name"
            )),
        }
        i += 1;
    }
    out
}

/// "13", "two", "none": a count as the record writes it.
fn number(word: &str) -> Option<u32> {
    if let Ok(n) = word.parse() {
        return Some(n);
    }
    const WORDS: [&str; 16] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen",
    ];
    let word = word.to_lowercase();
    if word == "none" || word == "no" {
        return Some(0);
    }
    WORDS
        .iter()
        .position(|w| *w == word)
        .and_then(|n| u32::try_from(n).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(texts: &[&str]) -> Vec<Paragraph> {
        texts
            .iter()
            .map(|t| Paragraph {
                kind: ParagraphKind::Body,
                text: (*t).into(),
                part: None,
            })
            .collect()
    }

    proptest::proptest! {
        /// Any mix of the record's stage directions, lists and speaker
        /// lines: no panic, and no more decisions than outcome sentences.
        #[test]
        fn any_mix_of_fragments_is_read_without_panic(
            picks in proptest::collection::vec(0usize..FRAGMENTS.len(), 0..60),
            noise in "[A-Za-z ,.:()/0-9]{0,80}",
        ) {
            let texts: Vec<String> = picks
                .iter()
                .enumerate()
                .map(|(i, &p)| if i % 7 == 3 { format!("{}{noise}", FRAGMENTS[p]) } else { FRAGMENTS[p].to_owned() })
                .collect();
            let paragraphs = body(&texts.iter().map(String::as_str).collect::<Vec<_>>());
            let speeches = crate::speeches::speeches(&paragraphs, None);
            let (decisions, _) = decisions(&paragraphs, &speeches, picks.len() % 2 == 0);
            let outcomes = texts.iter().filter(|t| t.contains("adopted") || t.contains("rejected")).count();
            proptest::prop_assert!(decisions.len() <= outcomes * 2, "{decisions:?}");
        }
    }

    const FRAGMENTS: [&str; 12] = [
        "A recorded vote was taken.",
        "A vote was taken by show of hands. In favour: France, Ghana Against: Iraq Abstaining:",
        "In favour:",
        "Saint Vincent and",
        "the Grenadines, Zambia Zimbabwe, Seyc helles, 29/10/2024 A/79/PV.29",
        "Against: None",
        "Draft resolution A/79/L.8 was adopted by 113 votes to 10, with 30 abstentions (resolution 79/6).",
        "The President: The draft resolution received 13 votes in favour, none against and two abstentions. The draft resolution has been adopted as resolution 2448 (2018).",
        "The draft decision was adopted.",
        "Report of the Third Committee (A/65/448)",
        "The President: We turn to draft resolution IV. Members have before them document S/2018/1016, which contains the text of a draft resolution.",
        "Mr. Nebenzia (Russian Federation): The draft resolution was adopted by consensus.",
    ];

    #[test]
    fn a_name_too_long_to_be_a_states_is_not_mended_word_by_word() {
        let long = "word ".repeat(20_000);
        let mut warnings = Vec::new();
        let names = vec![long.trim().to_owned()];
        assert!(mend_names(&names, "A/1", &mut warnings).is_empty());
        assert_eq!(warnings.len(), 1);
    }

    #[test]
    fn counts_in_words_and_figures() {
        assert_eq!(number("two"), Some(2));
        assert_eq!(number("none"), Some(0));
        assert_eq!(number("13"), Some(13));
        assert_eq!(number("several"), None);
    }

    #[test]
    fn a_paragraph_vote_decides_no_draft() {
        let paragraphs = body(&[
            "A recorded vote was taken.",
            "In favour: France, Ghana",
            "Against: Iraq",
            "The eighth preambular paragraph was retained by 2 votes to 1.",
            "Draft resolution A/48/L.13 was adopted (resolution 48/14).",
        ]);
        let (decisions, warnings) = decisions(&paragraphs, &[], false);
        assert_eq!(decisions.len(), 1, "{decisions:?}");
        let d = &decisions[0];
        assert_eq!(d.draft, "A/48/L.13");
        assert_eq!(d.method, "without_vote");
        assert!(d.votes.is_empty());
        assert_eq!(d.adopted_as.as_deref(), Some("A/RES/48/14"));
        assert!(warnings.is_empty(), "{warnings:?}");
    }

    #[test]
    fn a_speech_telling_history_is_no_decision() {
        let paragraphs = body(&[
            "Mr. Hagen (United States of America): We regret it.",
            "The draft resolution was adopted by consensus at the fifty-eighth session, and we worked hard for 11 years in Geneva for a consensus declaration, but the document before us is a text that was prepared without the participation of all, so that it cannot be said to have been agreed by everyone concerned in the course of those long negotiations.",
        ]);
        let speeches = crate::speeches::speeches(&paragraphs, None);
        let (decisions, _) = decisions(&paragraphs, &speeches, false);
        assert!(decisions.is_empty(), "{decisions:?}");
    }
}
