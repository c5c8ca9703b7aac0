//! English: the language of most of the record and of the record's own fields.

use undoc_model::{Distribution, DocType::*, ReferenceKind};

use crate::{
    Affix, Agenda, Analysis, Language, LetterPhrases, SessionForm, SessionKind, TitleForm,
};

pub static ENGLISH: Language = Language {
    code: "en",
    iso639_2t: "eng",
    iso639_2b: "eng",
    un_letter: 'E',
    official: true,
    english_name: "English",
    endonym: "English",
    script: crate::Script::Latin,
    months: [
        &["january", "jan"],
        &["february", "feb"],
        &["march", "mar"],
        &["april", "apr"],
        &["may"],
        &["june", "jun"],
        &["july", "jul"],
        &["august", "aug"],
        &["september", "sept", "sep"],
        &["october", "oct"],
        &["november", "nov"],
        &["december", "dec"],
    ],
    range_words: &["and", "to"],
    date_words: &["of"],
    ordinal,
    language_names: &[
        ("en", &["english"]),
        ("fr", &["french"]),
        ("es", &["spanish"]),
        ("ru", &["russian"]),
        ("ar", &["arabic"]),
        ("zh", &["chinese"]),
        ("de", &["german"]),
        ("pt", &["portuguese"]),
    ],
    original_labels: &["original"],
    distribution: &[
        ("general", Distribution::General),
        ("limited", Distribution::Limited),
        ("restricted", Distribution::Restricted),
        ("unrestricted", Distribution::General),
    ],
    un_name: &["United Nations"],
    organs: &undoc_model::ORGANS,
    organs_in_text: &undoc_model::ORGANS,
    sessions: &[
        SessionForm {
            prefix: "",
            suffix: " emergency special session",
            kind: SessionKind::EmergencySpecial,
        },
        SessionForm {
            prefix: "",
            suffix: " special session",
            kind: SessionKind::Special,
        },
        SessionForm {
            prefix: "",
            suffix: " session",
            kind: SessionKind::Regular,
        },
        SessionForm {
            prefix: "resumed ",
            suffix: " session",
            kind: SessionKind::Regular,
        },
        SessionForm {
            prefix: "",
            suffix: " year",
            kind: SessionKind::Year,
        },
    ],
    agenda: Agenda {
        leads: &[
            ("provisional agenda items ", true),
            ("provisional agenda item ", true),
            ("agenda items ", false),
            ("agenda item ", false),
            ("items ", false),
            ("item ", false),
        ],
        ends: &[" of the provisional agenda", " of the agenda"],
        provisional: &["of the provisional agenda"],
        and_words: &[" and "],
        item_letters: &[],
    },
    title_forms: &[
        TitleForm {
            words: "Identical letters",
            at: Affix::Start,
            doc_type: IdenticalLetters,
        },
        TitleForm {
            words: "Identical notes verbales",
            at: Affix::Start,
            doc_type: NoteVerbale,
        },
        TitleForm {
            words: "Note verbale",
            at: Affix::Start,
            doc_type: NoteVerbale,
        },
        TitleForm {
            words: "Notes verbales",
            at: Affix::Start,
            doc_type: NoteVerbale,
        },
        TitleForm {
            words: "Letter",
            at: Affix::Start,
            doc_type: Letter,
        },
        TitleForm {
            words: "Joint letter",
            at: Affix::Start,
            doc_type: Letter,
        },
        TitleForm {
            words: "Resolution ",
            at: Affix::Start,
            doc_type: Resolution,
        },
        TitleForm {
            words: "Draft resolution",
            at: Affix::Start,
            doc_type: DraftResolution,
        },
        TitleForm {
            words: ": draft resolution",
            at: Affix::End,
            doc_type: DraftResolution,
        },
        TitleForm {
            words: ": revised draft resolution",
            at: Affix::End,
            doc_type: DraftResolution,
        },
        // The spec's one type for drafts: a draft decision is not a decision.
        TitleForm {
            words: "Draft decision",
            at: Affix::Start,
            doc_type: DraftResolution,
        },
        TitleForm {
            words: ": draft decision",
            at: Affix::End,
            doc_type: DraftResolution,
        },
        TitleForm {
            words: ": revised draft decision",
            at: Affix::End,
            doc_type: DraftResolution,
        },
        TitleForm {
            words: "Decision ",
            at: Affix::Start,
            doc_type: Decision,
        },
        TitleForm {
            words: "Report",
            at: Affix::Start,
            doc_type: Report,
        },
        TitleForm {
            words: "Provisional agenda",
            at: Affix::Start,
            doc_type: Agenda,
        },
        TitleForm {
            words: "Annotated provisional agenda",
            at: Affix::Start,
            doc_type: Agenda,
        },
    ],
    letters: LetterPhrases {
        title: r"^(?i:(?:Identical |Joint )?letters?|(?:Identical )?notes? verbales?)\s+dated\s+(?P<date>\d{1,2}\s+[A-Za-z]+\s+\d{4})(?:\s+and\s+\d{1,2}\s+[A-Za-z]+\s+\d{4})?\s+from\s+(?P<sender>.+?)\s+addressed\s+to\s+(?P<to>.+?)\s*$",
        addressee_separator: r",\s*(?:and\s+)?(?:the\s+)|\s+and\s+the\s+|,\s+and\s+",
        articles: &["the ", "The "],
        un_offices: &[
            "Secretary-General",
            "Deputy Secretary-General",
            "President of the",
            "Vice-President of the",
            "Chair",
            "Co-Chair",
            "Acting Chair",
            "Coordinator",
            "High Commissioner",
            "Special Representative",
            "Special Envoy",
            "Under-Secretary-General",
            "Assistant Secretary-General",
            "Executive Director",
            "Director-General",
            "Administrator",
        ],
        signed: &["(Signed)", "( Signed )"],
        annex: &["Annex", "Enclosure", "Appendix", "Attachment"],
        annex_at: Affix::Start,
        circulation: r"(?i)\b(?:circulated?|circulating|distributed?|distributing|issued?|published?)\b[^.]{0,240}?\bas\s+(?:an?\s+)?(?:official\s+)?documents?\s+of\b",
        agenda_in_text: r"(?i)\b(?:agenda\s+)?items?\s+(\d{1,3}(?:\s*\([a-z]{1,4}\))?(?:\s*(?:,|and|,\s*and)\s*(?:\d{1,3})?(?:\s*\([a-z]{1,4}\))?)*)",
        and_word: " and ",
    },
    reference_leads: &[
        ("resolutions", ReferenceKind::Resolution),
        ("resolution", ReferenceKind::Resolution),
        ("decisions", ReferenceKind::Decision),
        ("decision", ReferenceKind::Decision),
    ],
    search: Analysis {
        stemmer: Some("English"),
        segmented: false,
        postgres_config: "english",
    },
    ocr_model: "eng",
    state_names: include_str!("states/en.tsv"),
    fold_word: crate::lower_word,
};

const CARDINAL_UNITS: [&str; 10] = [
    "", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
];

/// "Seventy-ninth" → 79, "eightieth" → 80, "79th" → 79, "one hundred and first" → 101.
pub fn ordinal(word: &str) -> Option<u32> {
    let w = word.trim().to_lowercase();
    if let Some(digits) = w
        .strip_suffix("st")
        .or_else(|| w.strip_suffix("nd"))
        .or_else(|| w.strip_suffix("rd"))
        .or_else(|| w.strip_suffix("th"))
        && !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
    {
        return digits.parse().ok();
    }
    let (hundreds, rest) = match w.split_once("hundred") {
        Some((head, tail)) => {
            let head = head.trim();
            let n = if head.is_empty() || head == "one" {
                1
            } else {
                cardinal_below_100(head)?
            };
            if tail.trim().is_empty() || tail.trim() == "th" {
                return Some(n * 100);
            }
            let tail = tail.trim().trim_start_matches("and").trim();
            (n * 100, tail.to_owned())
        }
        None => (0, w.clone()),
    };
    ordinal_below_100(&rest).map(|n| hundreds + n)
}

fn ordinal_below_100(w: &str) -> Option<u32> {
    let w = w.trim();
    if let Some(i) = undoc_model::ORDINAL_UNITS
        .iter()
        .position(|u| !u.is_empty() && *u == w)
    {
        return Some(i as u32);
    }
    for (cardinal, ordinal, value) in undoc_model::ORDINAL_TENS {
        if w == ordinal {
            return Some(value);
        }
        if let Some(rest) = w.strip_prefix(cardinal) {
            let rest = rest.trim_start_matches(['-', ' ', '\u{2010}', '\u{2011}']);
            if let Some(i) = undoc_model::ORDINAL_UNITS[1..10]
                .iter()
                .position(|u| *u == rest)
            {
                return Some(value + i as u32 + 1);
            }
        }
    }
    None
}

fn cardinal_below_100(w: &str) -> Option<u32> {
    CARDINAL_UNITS
        .iter()
        .position(|u| !u.is_empty() && *u == w)
        .map(|i| i as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals() {
        assert_eq!(ordinal("Seventy-ninth"), Some(79));
        assert_eq!(ordinal("Eightieth"), Some(80));
        assert_eq!(ordinal("fifty-ninth"), Some(59));
        assert_eq!(ordinal("79th"), Some(79));
        assert_eq!(ordinal("One hundredth"), Some(100));
        assert_eq!(ordinal("one hundred and first"), Some(101));
        assert_eq!(ordinal("session"), None);
        assert_eq!(ordinal(""), None);
    }
}
