//! French.

use undoc_model::{Distribution, DocType::*, ReferenceKind};

use crate::{
    Affix, Agenda, Analysis, Language, LetterPhrases, SessionForm, SessionKind, TitleForm,
};

pub static FRENCH: Language = Language {
    code: "fr",
    iso639_2t: "fra",
    iso639_2b: "fre",
    un_letter: 'F',
    official: true,
    english_name: "French",
    endonym: "Français",
    script: crate::Script::Latin,
    months: [
        &["janvier"],
        &["février", "fevrier"],
        &["mars"],
        &["avril"],
        &["mai"],
        &["juin"],
        &["juillet"],
        &["août", "aout"],
        &["septembre"],
        &["octobre"],
        &["novembre"],
        &["décembre", "decembre"],
    ],
    range_words: &["au", "et"],
    date_words: &["du", "le"],
    ordinal,
    language_names: &[
        ("en", &["anglais"]),
        ("fr", &["français", "francais"]),
        ("es", &["espagnol"]),
        ("ru", &["russe"]),
        ("ar", &["arabe"]),
        ("zh", &["chinois"]),
        ("de", &["allemand"]),
    ],
    original_labels: &["original"],
    distribution: &[
        ("générale", Distribution::General),
        ("generale", Distribution::General),
        ("limitée", Distribution::Limited),
        ("limitee", Distribution::Limited),
        ("restreinte", Distribution::Restricted),
    ],
    un_name: &["Nations Unies"],
    organs: &[
        ("Assemblée générale", "A"),
        ("Conseil de sécurité", "S"),
        ("Conseil économique et social", "E"),
        ("Conseil des droits de l’homme", "A/HRC"),
        ("Conseil des droits de l'homme", "A/HRC"),
    ],
    organs_in_text: &[
        ("Assemblée générale", "A"),
        ("Conseil de sécurité", "S"),
        ("Conseil économique et social", "E"),
        ("Conseil des droits de l’homme", "A/HRC"),
        ("Conseil des droits de l'homme", "A/HRC"),
    ],
    sessions: &[
        SessionForm {
            prefix: "",
            suffix: " session extraordinaire d’urgence",
            kind: SessionKind::EmergencySpecial,
        },
        SessionForm {
            prefix: "",
            suffix: " session extraordinaire d'urgence",
            kind: SessionKind::EmergencySpecial,
        },
        SessionForm {
            prefix: "",
            suffix: " session extraordinaire",
            kind: SessionKind::Special,
        },
        SessionForm {
            prefix: "reprise de la ",
            suffix: " session",
            kind: SessionKind::Regular,
        },
        SessionForm {
            prefix: "",
            suffix: " session",
            kind: SessionKind::Regular,
        },
        SessionForm {
            prefix: "",
            suffix: " année",
            kind: SessionKind::Year,
        },
    ],
    agenda: Agenda {
        leads: &[("points ", false), ("point ", false)],
        ends: &[" de l’ordre du jour", " de l'ordre du jour"],
        provisional: &[
            "de l’ordre du jour provisoire",
            "de l'ordre du jour provisoire",
        ],
        and_words: &[" et "],
        item_letters: &[],
    },
    title_forms: &[
        TitleForm {
            words: "Lettre datée du",
            at: Affix::Start,
            doc_type: Letter,
        },
        TitleForm {
            words: "Lettre datée",
            at: Affix::Start,
            doc_type: Letter,
        },
        TitleForm {
            words: "Lettres identiques datées du",
            at: Affix::Start,
            doc_type: IdenticalLetters,
        },
        TitleForm {
            words: "Note verbale datée du",
            at: Affix::Start,
            doc_type: NoteVerbale,
        },
        TitleForm {
            words: "Notes verbales identiques",
            at: Affix::Start,
            doc_type: NoteVerbale,
        },
        TitleForm {
            words: "Résolution adoptée par",
            at: Affix::Start,
            doc_type: Resolution,
        },
        TitleForm {
            words: "Projet de résolution",
            at: Affix::Start,
            doc_type: DraftResolution,
        },
        TitleForm {
            words: "Projet de décision",
            at: Affix::Start,
            doc_type: DraftResolution,
        },
        TitleForm {
            words: "Rapport",
            at: Affix::Start,
            doc_type: Report,
        },
        TitleForm {
            words: "Ordre du jour provisoire",
            at: Affix::Start,
            doc_type: Agenda,
        },
    ],
    letters: LetterPhrases {
        title: r"^(?i:lettres?(?:\s+identiques)?|notes?\s+verbales?(?:\s+identiques)?)\s+datées?\s+du\s+(?P<date>\d{1,2}(?:er)?\s+\p{L}+\s+\d{4})(?:\s+et\s+du\s+\d{1,2}(?:er)?\s+\p{L}+\s+\d{4})?\s*,?\s+adressées?\s+(?P<to>.+?)\s*,?\s+par\s+(?P<sender>.+?)\s*$",
        addressee_separator: r"\s*,\s*|\s+et\s+",
        articles: &[
            "au ", "aux ", "à la ", "à l’", "à l'", "à ", "le ", "la ", "les ", "l’", "l'",
        ],
        un_offices: &[
            "Secrétaire général",
            "Secrétaire générale",
            "Vice-Secrétaire général",
            "Président de l",
            "Présidente de l",
            "Président du",
            "Présidente du",
            "Présidence du",
            "Vice-Président",
            "Coordonnateur",
            "Coordonnatrice",
            "Haut-Commissaire",
            "Représentant spécial",
            "Représentante spéciale",
            "Envoyé spécial",
            "Envoyée spéciale",
            "Secrétaire général adjoint",
            "Directeur général",
            "Directrice générale",
        ],
        signed: &["(Signé)", "(Signée)", "( Signé )"],
        annex: &["Annexe", "Pièce jointe", "Appendice"],
        annex_at: Affix::Start,
        circulation: r"(?i)\b(?:distribuer|distribué[es]*|publier|publié[es]*|faire\s+paraître)\b[^.]{0,240}?\bcomme\s+documents?\s+(?:officiels?\s+)?(?:de|du|des)\b",
        agenda_in_text: r"(?i)\bpoints?\s+(\d{1,3}(?:\s*[a-z]\))?(?:\s*(?:,|et)\s*\d{1,3}(?:\s*[a-z]\))?)*)\s+de\s+l[’']ordre\s+du\s+jour",
        and_word: " et ",
    },
    reference_leads: &[
        ("résolutions", ReferenceKind::Resolution),
        ("résolution", ReferenceKind::Resolution),
        ("décisions", ReferenceKind::Decision),
        ("décision", ReferenceKind::Decision),
    ],
    search: Analysis {
        stemmer: Some("French"),
        segmented: false,
        postgres_config: "french",
    },
    ocr_model: "fra",
    state_names: include_str!("states/fr.tsv"),
    fold_word: crate::lower_word,
};

const UNITS: [&str; 17] = [
    "", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze",
    "douze", "treize", "quatorze", "quinze", "seize",
];

/// French cardinal words below one hundred.
fn cardinal(n: u32) -> String {
    let tens = [
        "",
        "dix",
        "vingt",
        "trente",
        "quarante",
        "cinquante",
        "soixante",
    ];
    match n {
        0..=16 => UNITS[n as usize].to_owned(),
        17..=19 => format!("dix-{}", UNITS[(n - 10) as usize]),
        20..=69 => {
            let (t, u) = (n / 10, n % 10);
            match u {
                0 => tens[t as usize].to_owned(),
                1 => format!("{} et un", tens[t as usize]),
                _ => format!("{}-{}", tens[t as usize], UNITS[u as usize]),
            }
        }
        70..=79 => match n {
            71 => "soixante et onze".to_owned(),
            _ => format!("soixante-{}", cardinal(n - 60)),
        },
        80 => "quatre-vingts".to_owned(),
        _ => format!("quatre-vingt-{}", cardinal(n - 80)),
    }
}

/// "premier", "deuxième", …, "quatre-vingtième", "soixante-dix-neuvième".
fn ordinal_word(n: u32) -> String {
    if n == 1 {
        return "premier".to_owned();
    }
    let c = cardinal(n);
    let c = c
        .strip_suffix("vingts")
        .map_or(c.clone(), |h| format!("{h}vingt"));
    if let Some(h) = c.strip_suffix("cinq") {
        return format!("{h}cinquième");
    }
    if let Some(h) = c.strip_suffix("neuf") {
        return format!("{h}neuvième");
    }
    let stem = c.strip_suffix('e').unwrap_or(&c);
    format!("{stem}ième")
}

/// French ordinals below one hundred, as written ("Quatre-vingtième", "Première").
fn ordinal(words: &str) -> Option<u32> {
    let lower = words.trim().to_lowercase();
    if matches!(lower.as_str(), "première" | "premiere" | "1re") {
        return Some(1);
    }
    (1..100).find(|n| ordinal_word(*n) == lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals() {
        for (text, n) in [
            ("Quatre-vingtième", 80),
            ("Soixante-dix-neuvième", 79),
            ("Soixante et onzième", 71),
            ("soixante-quinzième", 75),
            ("Première", 1),
            ("dixième", 10),
        ] {
            assert_eq!(ordinal(text), Some(n), "{text}");
        }
        assert_eq!(ordinal("session"), None);
    }
}
