/*!
The speeches of a verbatim record, and its meeting's head.

Every speech opens a paragraph with its speaker and a colon, the way the
UN's verbatim reporters have printed it since the 1940s: "Mr. Blok
(Netherlands):", "Mr. Delattre (France) (spoke in French):", "The President
(spoke in French):", "Mr. Garayev (Azerbaijan), Rapporteur of the Third
Committee:", older "Mr. KOVANDA (Czech Republic):", "The PRESIDENT
(interpretation from French):". A speech runs to the next such paragraph:
the votes, stage directions and headings between two speeches belong to the
first, so every paragraph after the first speech belongs to exactly one
speech, and the paragraphs before it are the record's front matter.

What kind of speech it is comes from the words around it: the presiding
officer's are procedural; a speaker who opens "on a point of order" makes
one; the President's announcements and the headings ("explanations of vote",
"right of reply") set the kind of the speeches that follow.
*/

use std::sync::LazyLock;

use regex::Regex;
use undoc_model::{AgendaItem, Meeting, Paragraph, ParagraphKind, Speech, SpeechKind};

use crate::lines::re;

/// The longest speaker line read (name, State, language, role): an opener
/// is short; a colon further on is the speech's own.
const MAX_OPENER: usize = 240;

/// "Mr. Blok (Netherlands) (spoke in French), Rapporteur of …:" — a title
/// and a name, or a presiding office, then up to two parentheses, then a role.
static OPENER: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^(?x)
        (?P<speaker>
            (?i:The)\s+(?P<office>(?:Acting\s+|Temporary\s+)?(?i:President|Chair(?:man|person)?|Secretary-General)|Deputy\s+Secretary-General)
          | (?:Mr|Mrs|Ms|Miss|Mme|Dame|Sir|Lord|Lady|Baroness|Baron|Dr|Prince|Princess|Sheikh|Sheikha|Archbishop|Monsignor|Cardinal|Judge|King|Queen|U|Daw)\.?\s+[^\s():,][^():,]{0,70}?
        )
        # A colon misprinted after the name, as in A/61/PV.107.
        \s*(?::\s*)?
        \s*(?:\((?P<first>[^()]{1,80}(?:\([^()]{1,40}\)[^()]{0,40})?)\))?
        \s*(?:\((?P<second>[^()]{1,60})\))?
        \s*(?:,\s*(?P<role>[^:]{1,120}?))?
        \s*:\s")
});

/// "spoke in French", "interpretation from Spanish", "translated from Russian".
static LANGUAGE_NOTE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:spoke in|interpretation from|translated from|translation from)\s+(?P<language>[A-Za-z]+)",
    )
});

/// The President's time: "3 p.m.", "10.05 a.m.", "10:05 a.m.".
static TIME: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\b(?P<h>\d{1,2})(?:[.:](?P<m>\d{2}))?\s*(?P<half>a\.\s?m\.|p\.\s?m\.)")
});

/// "President: Mr. Adom ....... (Côte d'Ivoire)", "President: Mr. INSANALLY (Guyana)".
static PRESIDENT: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(?:Acting\s+)?President\s*:\s*(?P<name>[^(]+?)\s*(?:\.{3,}|\(|$)"));

static MEETING_NUMBER: LazyLock<Regex> = LazyLock::new(|| re(r"/PV\.(?P<n>\d{1,5})\b"));

const PLACES: [&str; 6] = [
    "New York",
    "Geneva",
    "Lake Success",
    "Paris",
    "Nairobi",
    "Vienna",
];

/// The head of a meeting: its number, president, time and place.
pub fn meeting(symbols: &[String], paragraphs: &[Paragraph]) -> Meeting {
    let number = symbols.iter().find_map(|s| {
        MEETING_NUMBER
            .captures(s)
            .and_then(|c| c["n"].parse::<u32>().ok())
    });
    // The head is the record's first paragraphs, before the first speech.
    let head: Vec<&str> = paragraphs
        .iter()
        .take(12)
        .map(|p| p.text.as_str())
        .take_while(|t| opener(t).is_none())
        .collect();
    let president = head.iter().find_map(|t| {
        PRESIDENT
            .captures(t)
            .map(|c| c["name"].trim().to_owned())
            .filter(|n| !n.is_empty())
    });
    let time = head.iter().find_map(|t| {
        let c = TIME.captures(t)?;
        let hour: u32 = c["h"].parse().ok()?;
        let minute: u32 = c.name("m").map_or(Some(0), |m| m.as_str().parse().ok())?;
        let afternoon = c["half"].to_ascii_lowercase().starts_with('p');
        let hour = match (hour, afternoon) {
            (12, false) => 0,
            (h, true) if h < 12 => h + 12,
            (h, _) => h,
        };
        (hour < 24 && minute < 60).then(|| format!("{hour:02}:{minute:02}"))
    });
    let place = head.iter().find_map(|t| {
        let lower = t.to_lowercase();
        PLACES
            .iter()
            .find(|p| lower.contains(&p.to_lowercase()))
            .map(|p| (*p).to_owned())
    });
    Meeting {
        number,
        president,
        time,
        place,
    }
}

/// A speech's opener, read: speaker, State, role, language, and where its
/// words start in the paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Opener {
    speaker: String,
    presiding: bool,
    state: Option<String>,
    role: Option<String>,
    language: Option<String>,
    words: usize,
}

fn opener(text: &str) -> Option<Opener> {
    let mut cut = text.len().min(MAX_OPENER);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let c = OPENER.captures(&text[..cut])?;
    let speaker = c["speaker"].trim().to_owned();
    let office = c.name("office").map(|o| o.as_str());
    let mut state = None;
    let mut language = None;
    for part in [c.name("first"), c.name("second")].into_iter().flatten() {
        let part = part.as_str().trim();
        if let Some(note) = LANGUAGE_NOTE.captures(part) {
            language = undoc_lang::named(&note["language"]).map(str::to_owned);
        } else if state.is_none() {
            state = Some(part.to_owned());
        }
    }
    let role = c
        .name("role")
        .map(|r| r.as_str().trim().to_owned())
        .or_else(|| office.map(title_case));
    Some(Opener {
        presiding: office.is_some_and(|o| {
            let o = o.to_ascii_lowercase();
            o.ends_with("president") || o.starts_with("chair")
        }),
        speaker,
        state,
        role,
        language,
        words: c.get(0).map_or(0, |m| m.end()),
    })
}

/// "PRESIDENT" → "President" (the older records print offices in capitals).
fn title_case(office: &str) -> String {
    office
        .split(' ')
        .map(|word| {
            let mut out = String::new();
            for (i, part) in word.split('-').enumerate() {
                if i > 0 {
                    out.push('-');
                }
                let mut chars = part.chars();
                if let Some(first) = chars.next() {
                    out.extend(first.to_uppercase());
                    out.push_str(&chars.as_str().to_lowercase());
                }
            }
            out
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// What the President's words or a heading say comes next.
fn announced(text: &str, current: SpeechKind) -> SpeechKind {
    let lower = text.to_lowercase();
    if lower.contains("heard the last speaker") {
        // "We have heard the last speaker in explanation of vote": what
        // comes next is the meeting's other business.
        SpeechKind::Statement
    } else if lower.contains("right of reply") {
        SpeechKind::RightOfReply
    } else if lower.contains("explanation of vote")
        || lower.contains("explanations of vote")
        || lower.contains("explain their vote")
        || lower.contains("explain its vote")
        || lower.contains("explanation of position")
        || lower.contains("explanations of position")
    {
        SpeechKind::ExplanationOfVote
    } else if lower.contains("debate") || lower.contains("list of speakers") {
        SpeechKind::Statement
    } else {
        current
    }
}

/// "Agenda item 74 (continued)", "AGENDA ITEM 14", "Agenda items 21 to 26",
/// "Agenda item 48 and 114 (continued)".
static AGENDA_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^agenda\s+items?\s+(?P<first>\d{1,3})(?:\s*\((?P<sub>[a-z]{1,4})\))?(?:\s+(?P<joint>to|and)\s+(?P<second>\d{1,3}))?(?:\s*\((?:continued|concluded)\))?\s*$",
    )
});

/// The document taken up under an item, printed on the line after its
/// title and read into the same paragraph: "Report of the International
/// Criminal Court Note by the Secretary-General (A/79/198)". The title is
/// what comes before it.
static DOCUMENT_AFTER_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?P<title>.+?)\s+(?:Note by|Reports? of|Letter dated|Draft resolutions?|Draft decisions?)\b[^()]*\([A-Z]{1,3}/[^()]*\)$",
    )
});

/// An agenda item's title without the document printed after it.
fn item_title(printed: &str) -> String {
    DOCUMENT_AFTER_TITLE
        .captures(printed)
        .and_then(|c| c.name("title"))
        .map_or(printed, |m| m.as_str())
        .to_owned()
}

/// The most items one heading spans ("Agenda items 21 to 26").
const MAX_ITEMS_PER_HEADING: u32 = 20;

/// The agenda items a record's headings take up, in order, each once, with
/// the title printed under the heading; and, for each speech, the item
/// taken up when it began (its `agenda_item`).
pub fn agenda(organ: &str, paragraphs: &[Paragraph], speeches: &mut [Speech]) -> Vec<AgendaItem> {
    let mut items: Vec<AgendaItem> = Vec::new();
    let mut headings: Vec<(usize, u32)> = Vec::new();
    for (i, (start, paragraph)) in undoc_model::paragraph_starts(paragraphs).enumerate() {
        let Some(c) = AGENDA_HEADING.captures(paragraph.text.trim()) else {
            continue;
        };
        let Ok(first) = c["first"].parse::<u32>() else {
            continue;
        };
        let second = c
            .name("second")
            .and_then(|m| m.as_str().parse::<u32>().ok());
        let numbers: Vec<u32> = match (c.name("joint").map(|m| m.as_str()), second) {
            (Some("to"), Some(last)) if last >= first && last - first < MAX_ITEMS_PER_HEADING => {
                (first..=last).collect()
            }
            (_, Some(other)) => vec![first, other],
            _ => vec![first],
        };
        headings.push((start, first));
        // The title is the next paragraph, unless that is another heading's
        // number or a sub-item.
        let title = paragraphs
            .get(i + 1)
            .map(|p| p.text.trim())
            .filter(|t| !t.is_empty() && !AGENDA_HEADING.is_match(t) && !t.starts_with('('))
            .filter(|_| numbers.len() == 1)
            .map(item_title);
        for number in numbers {
            if items.iter().any(|item| item.number == number) {
                continue;
            }
            items.push(AgendaItem {
                organ: organ.to_owned(),
                number,
                sub: c.name("sub").map(|m| m.as_str().to_lowercase()),
                title: title.clone(),
                preliminary: false,
            });
        }
    }
    let mut current = headings.iter().peekable();
    let mut item = None;
    for speech in speeches.iter_mut() {
        while let Some((_, number)) = current.next_if(|(at, _)| *at <= speech.start) {
            item = Some(*number);
        }
        speech.agenda_item = item;
    }
    items
}

/// The speeches of a record's paragraphs (joined as the body text is, two
/// bytes between paragraphs), with the President named from the head.
pub fn speeches(paragraphs: &[Paragraph], president: Option<&str>) -> Vec<Speech> {
    let mut out: Vec<Speech> = Vec::new();
    let mut next_kind = SpeechKind::Statement;
    for (start, paragraph) in undoc_model::paragraph_starts(paragraphs) {
        let text = paragraph.text.as_str();
        let end = start + text.len();
        match opener(text) {
            Some(o) => {
                let words = text.get(o.words..).unwrap_or_default();
                let kind = if o.presiding {
                    next_kind = announced(words, next_kind);
                    SpeechKind::Procedural
                } else if words
                    .trim_start()
                    .to_lowercase()
                    .starts_with("on a point of order")
                {
                    SpeechKind::PointOfOrder
                } else {
                    next_kind
                };
                let speaker = match (o.presiding, president) {
                    (true, Some(name)) if !o.speaker.to_lowercase().contains("acting") => {
                        name.to_owned()
                    }
                    _ => o.speaker,
                };
                out.push(Speech {
                    speaker,
                    // A State by its short official name, as everywhere in the
                    // record; an organization or a non-member as printed.
                    state: o
                        .state
                        .map(|s| undoc_states::canonical(&s).map_or(s, str::to_owned)),
                    role: o.role,
                    kind,
                    language: o.language,
                    start,
                    end,
                    agenda_item: None,
                });
            }
            None => {
                if paragraph.kind == ParagraphKind::Heading {
                    // A new item opens a debate; a page's running head
                    // ("24 General Assembly - Forty-eighth session", A/48/PV.46)
                    // changes nothing.
                    let new_item = text.trim_start().to_lowercase().starts_with("agenda item");
                    let current = if new_item {
                        SpeechKind::Statement
                    } else {
                        next_kind
                    };
                    next_kind = announced(text, current);
                } else if out.last().is_some_and(|s| s.kind == SpeechKind::Procedural) {
                    // The chair's announcement may come in a later paragraph
                    // ("I now call on … for an explanation of vote", A/48/PV.46).
                    next_kind = announced(text, next_kind);
                }
                if let Some(speech) = out.last_mut() {
                    speech.end = end;
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A/79/PV.29 prints the report under consideration on the line after
    /// the item's title; both were read as the title.
    #[test]
    fn an_items_title_stops_before_the_document_printed_after_it_in_a_79_pv_29() {
        assert_eq!(
            item_title(
                "Report of the International Criminal Court Note by the Secretary-General (A/79/198)"
            ),
            "Report of the International Criminal Court"
        );
        assert_eq!(
            item_title(
                "Report of the International Court of Justice Report of the International Court of Justice (A/79/4)"
            ),
            "Report of the International Court of Justice"
        );
        // A title that is itself a report's name, with nothing after it, stays whole.
        assert_eq!(
            item_title("Report of the Human Rights Council"),
            "Report of the Human Rights Council"
        );
        assert_eq!(
            item_title("Report of the Secretary-General on the Peacebuilding Fund"),
            "Report of the Secretary-General on the Peacebuilding Fund"
        );
    }

    fn read(text: &str) -> Opener {
        opener(text).unwrap_or_else(|| panic!("no opener in {text:?}"))
    }

    #[test]
    fn openers_as_the_verbatim_reporters_print_them() {
        let o = read("Mr. Delattre (France) (spoke in French): France welcomes");
        assert_eq!(o.speaker, "Mr. Delattre");
        assert_eq!(o.state.as_deref(), Some("France"));
        assert_eq!(o.language.as_deref(), Some("fr"));
        assert!(!o.presiding);

        let o =
            read("Mr. Valero Briceño (Bolivarian Republic of Venezuela) (spoke in Spanish): We");
        assert_eq!(o.speaker, "Mr. Valero Briceño");
        assert_eq!(o.state.as_deref(), Some("Bolivarian Republic of Venezuela"));
        assert_eq!(o.language.as_deref(), Some("es"));

        let o = read("Mr. Llorentty Solíz (Bolivia (Plurinational State of)): Bolivia");
        assert_eq!(o.state.as_deref(), Some("Bolivia (Plurinational State of)"));

        let o = read("Mr. Garayev (Azerbaijan), Rapporteur of the Third Committee: It is");
        assert_eq!(o.state.as_deref(), Some("Azerbaijan"));
        assert_eq!(o.role.as_deref(), Some("Rapporteur of the Third Committee"));

        let o = read("The PRESIDENT (interpretation from French): The agenda");
        assert!(o.presiding);
        assert_eq!(o.role.as_deref(), Some("President"));
        assert_eq!(o.language.as_deref(), Some("fr"));

        // A/61/PV.107 prints a colon after the name as well.
        let o = read("Mr. Briz Gutiérrez: (Guatemala) (spoke in Spanish): My delegation");
        assert_eq!(o.speaker, "Mr. Briz Gutiérrez");
        assert_eq!(o.state.as_deref(), Some("Guatemala"));
        assert_eq!(o.language.as_deref(), Some("es"));
        let o = read("Mr. Kimani (Kenya): It was not long ago");
        assert_eq!(o.state.as_deref(), Some("Kenya"));

        let o = read("Mr. Elaraby (Egypt)(interpretation from Arabic): Today");
        assert_eq!(o.state.as_deref(), Some("Egypt"));
        assert_eq!(o.language.as_deref(), Some("ar"));

        let o = read("The Secretary-General: I thank");
        assert!(!o.presiding);
        assert_eq!(o.role.as_deref(), Some("Secretary-General"));
    }

    fn kinds(texts: &[(ParagraphKind, &str)]) -> Vec<SpeechKind> {
        let paragraphs: Vec<Paragraph> = texts
            .iter()
            .map(|(kind, text)| Paragraph {
                kind: *kind,
                text: (*text).into(),
                part: None,
            })
            .collect();
        speeches(&paragraphs, None)
            .into_iter()
            .filter(|s| s.kind != SpeechKind::Procedural)
            .map(|s| s.kind)
            .collect()
    }

    /// A/48/PV.46: the page's running head between two explanations of vote
    /// made the second a statement; the chair's announcement in his second
    /// paragraph was not read; "the last speaker in explanation of vote" did
    /// not end them.
    #[test]
    fn explanations_of_vote_in_a_48_pv_46() {
        use ParagraphKind::{Body, Heading};
        assert_eq!(
            kinds(&[
                (
                    Body,
                    "The PRESIDENT: I should like to announce new sponsors."
                ),
                (
                    Body,
                    "I now call on the representative of the Democratic People's Republic of Korea for an explanation of vote before the voting."
                ),
                (
                    Body,
                    "Mr. PAK (Democratic People's Republic of Korea): The delegation considers."
                ),
                (
                    Body,
                    "Mr. ALLAREY (Philippines): My delegation wishes to explain its vote."
                ),
                (Heading, "24 General Assembly - Forty-eighth session"),
                (
                    Body,
                    "Mr. GONZALEZ BUSTOS (Mexico) (interpretation from Spanish): Mexico voted in favour."
                ),
                (
                    Body,
                    "The PRESIDENT: We have heard the last speaker in explanation of vote."
                ),
                (
                    Body,
                    "Mr. VORONTSOV (Russian Federation) (interpretation from Russian): It gives me pleasure."
                ),
            ]),
            [
                SpeechKind::ExplanationOfVote,
                SpeechKind::ExplanationOfVote,
                SpeechKind::ExplanationOfVote,
                SpeechKind::Statement,
            ]
        );
        // A new agenda item opens a debate again.
        assert_eq!(
            kinds(&[
                (
                    Body,
                    "The PRESIDENT: I call on those who wish to explain their vote."
                ),
                (Body, "Mr. A (France): France abstained."),
                (Heading, "Agenda item 27"),
                (Body, "Mr. B (Ghana): Ghana welcomes the report."),
            ]),
            [SpeechKind::ExplanationOfVote, SpeechKind::Statement]
        );
    }

    #[test]
    fn running_text_is_no_opener() {
        for text in [
            "The meeting was called to order at 3.10 p.m.",
            "In favour: Bolivia (Plurinational State of), China",
            "The President of the General Assembly said the following: nothing",
            // S/PV.8422's head line was read as a speech of the President's.
            "President: Mr. Adom ..................................... (Côte d’Ivoire)",
            "Members of the Council have before them document S/2018/1016.",
            "The draft resolution received 13 votes in favour: it is adopted.",
        ] {
            assert!(opener(text).is_none(), "{text}");
        }
    }

    #[test]
    fn the_head_gives_number_president_time_and_place() {
        let p = |text: &str| Paragraph {
            kind: ParagraphKind::Heading,
            text: text.into(),
            part: None,
        };
        let m = meeting(
            &["S/PV.8422".into()],
            &[
                p("Thursday, 13 December 2018, 3 p.m. New York Provisional"),
                p("President: Mr. Adom ..................................... (Côte d’Ivoire)"),
                p("The President (spoke in French): In accordance with rule 37"),
            ],
        );
        assert_eq!(m.number, Some(8422));
        assert_eq!(m.president.as_deref(), Some("Mr. Adom"));
        assert_eq!(m.time.as_deref(), Some("15:00"));
        assert_eq!(m.place.as_deref(), Some("New York"));
    }
}
