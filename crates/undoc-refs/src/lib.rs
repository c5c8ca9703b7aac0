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
never read twice), and each find gets its relation ([`relation`], rules as
data): `replies_to` when the sentence before it says that the document is the
occasion of writing ("in connection with", "further to", "in response to", a
protest against "the baseless statement"), with the words that say so as its
evidence; `cites` otherwise.
*/

pub mod described;
pub mod meetings;
pub mod relation;
pub mod resolutions;
pub mod symbols;
pub mod worded;
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

/// Everything [`annotate`] finds in a text: the scanned references with the
/// statements named by their Council meeting merged in (text order), and the
/// letters named by date and sender.
pub fn scan_all(
    text: &str,
    ctx: &Context,
    language: Option<&str>,
    writer: &described::Writer<'_>,
) -> (Vec<Reference>, Vec<undoc_model::DescribedReference>) {
    let mut refs = scan(text, ctx, language);
    let worded = worded::scan(text, &refs, ctx, writer);
    if !worded.meetings.is_empty() {
        for f in worded.meetings {
            if refs.iter().any(|r| r.start < f.end && f.start < r.end) {
                continue;
            }
            refs.push(reference(
                text,
                f.start,
                f.end,
                f.kind,
                vec![f.symbol],
                language,
            ));
        }
        refs.sort_by_key(|r| r.start);
    }
    // A statement named by its meeting, however it was found: whose it is.
    for r in refs
        .iter_mut()
        .filter(|r| r.kind == ReferenceKind::MeetingRecord)
    {
        r.speaker_state = meetings::speaker_state(text, r.start).map(str::to_owned);
    }
    (refs, worded.described)
}

fn reference(
    text: &str,
    start: usize,
    end: usize,
    kind: ReferenceKind,
    symbols: Vec<String>,
    language: Option<&str>,
) -> Reference {
    let evidence = matches!(kind, ReferenceKind::Document | ReferenceKind::MeetingRecord)
        .then(|| relation::occasion_of_writing(text, start))
        .flatten();
    let relation = if evidence.is_some() {
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
        evidence,
        speaker_state: None,
        speech: None,
    }
}

pub use undoc_symbol::permalink;

/// Fills `references` and `states_mentioned` of a parsed record from its
/// normalized body text.
pub fn annotate(record: &mut Record) {
    let text = record.body_text();
    let ctx = Context {
        own_organs: record.bodies.iter().map(|b| b.organ.clone()).collect(),
    };
    let writer = described::Writer {
        state: record
            .letter
            .as_ref()
            .and_then(|l| l.sender_state.as_deref()),
        letter_date: record.letter.as_ref().and_then(|l| l.date.as_deref()),
    };
    let (mut refs, described) = scan_all(&text, &ctx, Some(record.language.as_str()), &writer);
    // A document does not reference itself (running heads that slipped through, "the present letter (A/79/818)").
    refs.retain(|r| !r.symbols.iter().all(|s| record.symbols.contains(s)));
    record.described_references = described;
    // In a meeting record a reference belongs to the speech that makes it.
    for r in &mut refs {
        r.speech = undoc_model::speech_at(&record.speeches, r.start);
    }
    record.references = refs;
    // English names appear in every version (symbols' titles, quotations);
    // a version in another language names States its own way too.
    let mut states = undoc_states::mentioned(&text);
    if let Some(language) = undoc_lang::get(&record.language)
        && language.code != "en"
    {
        states.extend(undoc_states::in_language(&text, language));
        states.sort_unstable();
        states.dedup();
    }
    record.states_mentioned = states.into_iter().map(str::to_owned).collect();
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
