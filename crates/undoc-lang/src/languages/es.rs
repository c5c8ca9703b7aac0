//! Spanish.

use undoc_model::{Distribution, DocType::*, ReferenceKind};

use crate::{
    Affix, Agenda, Analysis, Language, LetterPhrases, SessionForm, SessionKind, TitleForm,
};

pub static SPANISH: Language = Language {
    code: "es",
    iso639_2t: "spa",
    iso639_2b: "spa",
    un_letter: 'S',
    official: true,
    english_name: "Spanish",
    endonym: "Español",
    script: crate::Script::Latin,
    months: [
        &["enero"],
        &["febrero"],
        &["marzo"],
        &["abril"],
        &["mayo"],
        &["junio"],
        &["julio"],
        &["agosto"],
        &["septiembre", "setiembre"],
        &["octubre"],
        &["noviembre"],
        &["diciembre"],
    ],
    range_words: &["al", "y", "a"],
    date_words: &["de", "del"],
    ordinal,
    language_names: &[
        ("en", &["inglés", "ingles"]),
        ("fr", &["francés", "frances"]),
        ("es", &["español", "espanol"]),
        ("ru", &["ruso"]),
        ("ar", &["árabe", "arabe"]),
        ("zh", &["chino"]),
        ("de", &["alemán", "aleman"]),
    ],
    original_labels: &["original"],
    distribution: &[
        ("general", Distribution::General),
        ("limitada", Distribution::Limited),
        ("reservada", Distribution::Restricted),
        ("restringida", Distribution::Restricted),
    ],
    un_name: &["Naciones Unidas"],
    organs: &[
        ("Asamblea General", "A"),
        ("Consejo de Seguridad", "S"),
        ("Consejo Económico y Social", "E"),
        ("Consejo de Derechos Humanos", "A/HRC"),
    ],
    organs_in_text: &[
        ("Asamblea General", "A"),
        ("Consejo de Seguridad", "S"),
        ("Consejo Económico y Social", "E"),
        ("Consejo de Derechos Humanos", "A/HRC"),
    ],
    sessions: &[
        SessionForm {
            prefix: "",
            suffix: " período extraordinario de sesiones de emergencia",
            kind: SessionKind::EmergencySpecial,
        },
        SessionForm {
            prefix: "",
            suffix: " período extraordinario de sesiones",
            kind: SessionKind::Special,
        },
        SessionForm {
            prefix: "continuación del ",
            suffix: " período de sesiones",
            kind: SessionKind::Regular,
        },
        SessionForm {
            prefix: "",
            suffix: " período de sesiones",
            kind: SessionKind::Regular,
        },
        SessionForm {
            prefix: "",
            suffix: " año",
            kind: SessionKind::Year,
        },
    ],
    agenda: Agenda {
        leads: &[("temas ", false), ("tema ", false)],
        ends: &[" del programa"],
        provisional: &["del programa provisional"],
        and_words: &[" y "],
        item_letters: &[],
    },
    title_forms: &[
        TitleForm {
            words: "Carta de fecha",
            at: Affix::Start,
            doc_type: Letter,
        },
        TitleForm {
            words: "Cartas idénticas de fecha",
            at: Affix::Start,
            doc_type: IdenticalLetters,
        },
        TitleForm {
            words: "Nota verbal de fecha",
            at: Affix::Start,
            doc_type: NoteVerbale,
        },
        TitleForm {
            words: "Notas verbales idénticas",
            at: Affix::Start,
            doc_type: NoteVerbale,
        },
        TitleForm {
            words: "Resolución aprobada por",
            at: Affix::Start,
            doc_type: Resolution,
        },
        TitleForm {
            words: "Proyecto de resolución",
            at: Affix::Start,
            doc_type: DraftResolution,
        },
        TitleForm {
            words: "Proyecto de decisión",
            at: Affix::Start,
            doc_type: DraftResolution,
        },
        TitleForm {
            words: "Informe",
            at: Affix::Start,
            doc_type: Report,
        },
        TitleForm {
            words: "Programa provisional",
            at: Affix::Start,
            doc_type: Agenda,
        },
    ],
    letters: LetterPhrases {
        title: r"^(?i:cartas?(?:\s+idénticas)?|notas?\s+verbales?(?:\s+idénticas)?)\s+de\s+fecha\s+(?P<date>\d{1,2}\s+de\s+\p{L}+\s+de\s+\d{4})(?:\s+y\s+\d{1,2}\s+de\s+\p{L}+\s+de\s+\d{4})?\s*,?\s+dirigidas?\s+(?P<to>.+?)\s*,?\s+por\s+(?P<sender>.+?)\s*$",
        addressee_separator: r"\s*,\s*|\s+y\s+",
        articles: &[
            "a la ", "a las ", "a los ", "al ", "a ", "el ", "la ", "los ", "las ",
        ],
        un_offices: &[
            "Secretario General",
            "Secretaria General",
            "Vicesecretario General",
            "Vicesecretaria General",
            "Presidente del",
            "Presidenta del",
            "Presidencia del",
            "Presidente de la Asamblea",
            "Presidenta de la Asamblea",
            "Presidencia de la Asamblea",
            "Vicepresidente",
            "Coordinador",
            "Coordinadora",
            "Alto Comisionado",
            "Representante Especial",
            "Enviado Especial",
            "Enviada Especial",
            "Secretario General Adjunto",
            "Director General",
            "Directora General",
            "Director Ejecutivo",
            "Directora Ejecutiva",
        ],
        signed: &["(Firmado)", "(Firmada)", "( Firmado )"],
        annex: &["Anexo", "Apéndice", "Adjunto"],
        annex_at: Affix::Start,
        circulation: r"(?i)\b(?:distribu\w+|public\w+|emit\w+)\b[^.]{0,240}?\bcomo\s+documentos?\s+(?:oficial(?:es)?\s+)?(?:de|del)\b",
        agenda_in_text: r"(?i)\btemas?\s+(\d{1,3}(?:\s*[a-z]\))?(?:\s*(?:,|y)\s*\d{1,3}(?:\s*[a-z]\))?)*)\s+del\s+programa",
        and_word: " y ",
    },
    reference_leads: &[
        ("resoluciones", ReferenceKind::Resolution),
        ("resolución", ReferenceKind::Resolution),
        ("decisiones", ReferenceKind::Decision),
        ("decisión", ReferenceKind::Decision),
    ],
    search: Analysis {
        stemmer: Some("Spanish"),
        segmented: false,
        postgres_config: "spanish",
    },
    ocr_model: "spa",
    state_names: include_str!("states/es.tsv"),
    fold_word: crate::lower_word,
};

/// Spanish ordinals below one hundred: "octogésimo", "septuagésimo noveno".
fn ordinal(words: &str) -> Option<u32> {
    const TENS: [&str; 10] = [
        "",
        "décimo",
        "vigésimo",
        "trigésimo",
        "cuadragésimo",
        "quincuagésimo",
        "sexagésimo",
        "septuagésimo",
        "octogésimo",
        "nonagésimo",
    ];
    const UNITS: [&[&str]; 10] = [
        &[],
        &["primero", "primer", "primera"],
        &["segundo", "segunda"],
        &["tercero", "tercer", "tercera"],
        &["cuarto", "cuarta"],
        &["quinto", "quinta"],
        &["sexto", "sexta"],
        &["séptimo", "septimo", "séptima"],
        &["octavo", "octava"],
        &["noveno", "novena"],
    ];
    let lower = words.trim().to_lowercase();
    let mut value = 0;
    for w in lower.split([' ', '-']).filter(|w| !w.is_empty()) {
        let masculine = w.strip_suffix('a').map(|s| format!("{s}o"));
        let w = masculine
            .as_deref()
            .filter(|m| TENS.contains(m))
            .unwrap_or(w);
        if let Some(t) = TENS.iter().position(|t| *t == w).filter(|t| *t > 0) {
            value += 10 * t as u32;
        } else if let Some(u) = UNITS.iter().position(|u| u.contains(&w)) {
            value += u as u32;
        } else if w == "undécimo" {
            value += 11;
        } else if w == "duodécimo" {
            value += 12;
        } else {
            return None;
        }
    }
    (value > 0).then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals() {
        assert_eq!(ordinal("Octogésimo"), Some(80));
        assert_eq!(ordinal("septuagésimo noveno"), Some(79));
        assert_eq!(ordinal("Décimo"), Some(10));
        assert_eq!(ordinal("Vigésima quinta"), Some(25));
        assert_eq!(ordinal(""), None);
        assert_eq!(ordinal("sesiones"), None);
    }
}
