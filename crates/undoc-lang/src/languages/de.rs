//! German: not a UN language, but the Akoma Ntoso corpus carries it, and it
//! shows that a language is added in one file.

use undoc_model::{Distribution, DocType::*, ReferenceKind};

use crate::{
    Affix, Agenda, Analysis, Language, LetterPhrases, SessionForm, SessionKind, TitleForm,
};

pub static GERMAN: Language = Language {
    code: "de",
    iso639_2t: "deu",
    iso639_2b: "ger",
    un_letter: 'G',
    official: false,
    english_name: "German",
    endonym: "Deutsch",
    script: crate::Script::Latin,
    months: [
        &["januar", "jänner"],
        &["februar"],
        &["märz", "maerz"],
        &["april"],
        &["mai"],
        &["juni"],
        &["juli"],
        &["august"],
        &["september"],
        &["oktober"],
        &["november"],
        &["dezember"],
    ],
    range_words: &["bis", "und"],
    date_words: &[],
    ordinal,
    language_names: &[
        ("en", &["englisch"]),
        ("fr", &["französisch", "franzoesisch"]),
        ("es", &["spanisch"]),
        ("ru", &["russisch"]),
        ("ar", &["arabisch"]),
        ("zh", &["chinesisch"]),
        ("de", &["deutsch"]),
    ],
    original_labels: &["original"],
    distribution: &[
        ("allgemein", Distribution::General),
        ("begrenzt", Distribution::Limited),
    ],
    un_name: &["Vereinte Nationen"],
    organs: &[
        ("Generalversammlung", "A"),
        ("Sicherheitsrat", "S"),
        ("Wirtschafts- und Sozialrat", "E"),
    ],
    organs_in_text: &[
        ("Generalversammlung", "A"),
        ("Sicherheitsrat", "S"),
        ("Sicherheitsrats", "S"),
        ("Wirtschafts- und Sozialrat", "E"),
    ],
    sessions: &[
        SessionForm {
            prefix: "",
            suffix: " notstandssondertagung",
            kind: SessionKind::EmergencySpecial,
        },
        SessionForm {
            prefix: "",
            suffix: " sondertagung",
            kind: SessionKind::Special,
        },
        SessionForm {
            prefix: "",
            suffix: " tagung",
            kind: SessionKind::Regular,
        },
        SessionForm {
            prefix: "",
            suffix: " jahr",
            kind: SessionKind::Year,
        },
    ],
    agenda: Agenda {
        leads: &[
            ("tagesordnungspunkte ", false),
            ("tagesordnungspunkt ", false),
        ],
        ends: &[],
        provisional: &[],
        and_words: &[" und "],
        item_letters: &[],
    },
    title_forms: &[
        TitleForm {
            words: "Schreiben",
            at: Affix::Start,
            doc_type: Letter,
        },
        TitleForm {
            words: "Gleichlautende Schreiben",
            at: Affix::Start,
            doc_type: IdenticalLetters,
        },
        TitleForm {
            words: "Verbalnote",
            at: Affix::Start,
            doc_type: NoteVerbale,
        },
        TitleForm {
            words: "Resolution der",
            at: Affix::Start,
            doc_type: Resolution,
        },
        TitleForm {
            words: "Resolutionsentwurf",
            at: Affix::Start,
            doc_type: DraftResolution,
        },
        TitleForm {
            words: "Bericht",
            at: Affix::Start,
            doc_type: Report,
        },
    ],
    letters: LetterPhrases {
        title: r"^(?i:(?:gleichlautende\s+)?schreiben|verbalnote)\s+(?P<sender>.+?)\s+vom\s+(?P<date>\d{1,2}\.\s+\p{L}+\s+\d{4})\s+an\s+(?P<to>.+?)\s*$",
        addressee_separator: r"\s*,\s*|\s+und\s+",
        articles: &["den ", "die ", "das ", "der ", "des "],
        un_offices: &["Generalsekretär", "Präsident", "Präsidentin", "Vorsitzend"],
        signed: &["(gezeichnet)", "(gez.)"],
        annex: &["Anlage", "Anhang"],
        annex_at: Affix::Start,
        circulation: r"(?i)\bals\s+(?:offizielles\s+)?Dokument\s+(?:der|des)\b[^.]{0,240}?\b(?:verteilen|verteilt|herausgeben|herausgegeben)\b",
        agenda_in_text: r"(?i)\btagesordnungspunkte?s?\s+(\d{1,3}(?:\s*(?:,|und)\s*\d{1,3})*)",
        and_word: " und ",
    },
    reference_leads: &[
        ("resolutionen", ReferenceKind::Resolution),
        ("resolution", ReferenceKind::Resolution),
        ("beschlüsse", ReferenceKind::Decision),
        ("beschluss", ReferenceKind::Decision),
    ],
    search: Analysis {
        stemmer: Some("German"),
        segmented: false,
        postgres_config: "german",
    },
    ocr_model: "deu",
    state_names: "",
    fold_word: crate::lower_word,
};

/// German ordinals as sessions are numbered: "80." or "achtzigste".
fn ordinal(words: &str) -> Option<u32> {
    const UNITS: [&str; 10] = [
        "", "erste", "zweite", "dritte", "vierte", "fünfte", "sechste", "siebte", "achte", "neunte",
    ];
    const TENS: [&str; 10] = [
        "",
        "zehnte",
        "zwanzigste",
        "dreißigste",
        "vierzigste",
        "fünfzigste",
        "sechzigste",
        "siebzigste",
        "achtzigste",
        "neunzigste",
    ];
    let lower = words.trim().to_lowercase();
    let lower = lower.trim_end_matches(['n', 'r', 's']);
    if let Some(digits) = lower.strip_suffix('.') {
        return digits.parse().ok().filter(|n| *n > 0);
    }
    UNITS
        .iter()
        .position(|u| !u.is_empty() && *u == lower)
        .or_else(|| {
            TENS.iter()
                .position(|t| !t.is_empty() && *t == lower)
                .map(|t| t * 10)
        })
        .and_then(|n| u32::try_from(n).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals() {
        assert_eq!(ordinal("80."), Some(80));
        assert_eq!(ordinal("Achtzigste"), Some(80));
        assert_eq!(ordinal("dritten"), Some(3));
        assert_eq!(ordinal(""), None);
    }
}
