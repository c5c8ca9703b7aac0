//! Russian. Titles name their sender and addressees in the genitive
//! ("Письмо Постоянного представителя Египта … на имя Председателя Совета
//! Безопасности"), so names are compared without their case endings.

use undoc_model::{Distribution, DocType::*, ReferenceKind};

use crate::{
    Affix, Agenda, Analysis, Language, LetterPhrases, SessionForm, SessionKind, TitleForm,
};

pub static RUSSIAN: Language = Language {
    code: "ru",
    iso639_2t: "rus",
    iso639_2b: "rus",
    un_letter: 'R',
    official: true,
    english_name: "Russian",
    endonym: "Русский",
    script: crate::Script::Cyrillic,
    // Genitive, as dates write them ("19 сентября"), then the nominative.
    months: [
        &["января", "январь"],
        &["февраля", "февраль"],
        &["марта", "март"],
        &["апреля", "апрель"],
        &["мая", "май"],
        &["июня", "июнь"],
        &["июля", "июль"],
        &["августа", "август"],
        &["сентября", "сентябрь"],
        &["октября", "октябрь"],
        &["ноября", "ноябрь"],
        &["декабря", "декабрь"],
    ],
    range_words: &["по", "и"],
    date_words: &["года", "г.", "г", "от"],
    ordinal,
    language_names: &[
        ("en", &["английский"]),
        ("fr", &["французский"]),
        ("es", &["испанский"]),
        ("ru", &["русский"]),
        ("ar", &["арабский"]),
        ("zh", &["китайский"]),
        ("de", &["немецкий"]),
    ],
    original_labels: &["оригинал", "подлинный текст"],
    distribution: &[
        ("общая", Distribution::General),
        ("ограниченная", Distribution::Limited),
        ("для служебного пользования", Distribution::Restricted),
    ],
    un_name: &["Организация Объединенных Наций"],
    organs: &[
        ("Генеральная Ассамблея", "A"),
        ("Совет Безопасности", "S"),
        ("Экономический и Социальный Совет", "E"),
        ("Совет по правам человека", "A/HRC"),
    ],
    organs_in_text: &[
        ("Генеральной Ассамбле", "A"),
        ("Генеральная Ассамблея", "A"),
        ("Совета Безопасности", "S"),
        ("Совет Безопасности", "S"),
        ("Экономического и Социального Совета", "E"),
        ("Экономический и Социальный Совет", "E"),
        ("Совета по правам человека", "A/HRC"),
        ("Совет по правам человека", "A/HRC"),
    ],
    sessions: &[
        SessionForm {
            prefix: "",
            suffix: " чрезвычайная специальная сессия",
            kind: SessionKind::EmergencySpecial,
        },
        SessionForm {
            prefix: "",
            suffix: " специальная сессия",
            kind: SessionKind::Special,
        },
        SessionForm {
            prefix: "возобновленная ",
            suffix: " сессия",
            kind: SessionKind::Regular,
        },
        SessionForm {
            prefix: "",
            suffix: " сессия",
            kind: SessionKind::Regular,
        },
        SessionForm {
            prefix: "",
            suffix: " год",
            kind: SessionKind::Year,
        },
    ],
    agenda: Agenda {
        leads: &[("пункты ", false), ("пункт ", false)],
        ends: &[" предварительной", " повестки"],
        provisional: &["предварительной повестки"],
        and_words: &[" и "],
        item_letters: &[("а)", "(a)"), ("б)", "(b)"), ("в)", "(c)"), ("г)", "(d)")],
    },
    title_forms: &[
        TitleForm {
            words: "Письмо",
            at: Affix::Start,
            doc_type: Letter,
        },
        TitleForm {
            words: "Совместное письмо",
            at: Affix::Start,
            doc_type: Letter,
        },
        TitleForm {
            words: "Идентичные письма",
            at: Affix::Start,
            doc_type: IdenticalLetters,
        },
        TitleForm {
            words: "Вербальная нота",
            at: Affix::Start,
            doc_type: NoteVerbale,
        },
        TitleForm {
            words: "Идентичные вербальные ноты",
            at: Affix::Start,
            doc_type: NoteVerbale,
        },
        TitleForm {
            words: "Резолюция, принятая",
            at: Affix::Start,
            doc_type: Resolution,
        },
        TitleForm {
            words: "Проект резолюции",
            at: Affix::Start,
            doc_type: DraftResolution,
        },
        TitleForm {
            words: "Проект решения",
            at: Affix::Start,
            doc_type: DraftResolution,
        },
        TitleForm {
            words: "Доклад",
            at: Affix::Start,
            doc_type: Report,
        },
        TitleForm {
            words: "Предварительная повестка дня",
            at: Affix::Start,
            doc_type: Agenda,
        },
    ],
    letters: LetterPhrases {
        title: r"^(?i:(?:совместное\s+|идентичные\s+)?письм[оа]|(?:идентичные\s+)?вербальн(?:ая|ые)\s+нот[аы])\s+(?P<sender>.+?)\s+от\s+(?P<date>\d{1,2}\s+\p{L}+\s+\d{4})\s*(?:года|г\.)?(?:\s+и\s+\d{1,2}\s+\p{L}+\s+\d{4}\s*(?:года|г\.)?)?\s*,?\s+на\s+имя\s+(?P<to>.+?)\s*$",
        addressee_separator: r"\s*,\s*|\s+и\s+",
        articles: &[],
        un_offices: &[
            "Генеральн",
            "Заместител",
            "Председател",
            "Координатор",
            "Верховн",
            "Специальн",
            "Исполнительн",
        ],
        signed: &["(Подпись)", "(Подписано)", "( Подпись )"],
        annex: &["Приложение", "Добавление"],
        annex_at: Affix::Start,
        circulation: r"(?i)(?:распростран\w*|опубликова\w*|изда\w*)[^.]{0,240}?в\s+качестве\s+(?:официального\s+)?документ\w*",
        agenda_in_text: r"(?i)пункт\w*\s+(\d{1,3}(?:\s*[a-zа-я]\))?(?:\s*(?:,|и)\s*\d{1,3}(?:\s*[a-zа-я]\))?)*)\s+(?:предварительной\s+)?повестки\s+дня",
        and_word: " и ",
    },
    reference_leads: &[
        ("резолюциями", ReferenceKind::Resolution),
        ("резолюциях", ReferenceKind::Resolution),
        ("резолюцией", ReferenceKind::Resolution),
        ("резолюцию", ReferenceKind::Resolution),
        ("резолюций", ReferenceKind::Resolution),
        ("резолюции", ReferenceKind::Resolution),
        ("резолюция", ReferenceKind::Resolution),
        ("резолюциям", ReferenceKind::Resolution),
        ("решениями", ReferenceKind::Decision),
        ("решениях", ReferenceKind::Decision),
        ("решением", ReferenceKind::Decision),
        ("решение", ReferenceKind::Decision),
        ("решений", ReferenceKind::Decision),
        ("решении", ReferenceKind::Decision),
        ("решения", ReferenceKind::Decision),
        ("решениям", ReferenceKind::Decision),
        ("решению", ReferenceKind::Decision),
    ],
    search: Analysis {
        stemmer: Some("Russian"),
        segmented: false,
        postgres_config: "russian",
    },
    ocr_model: "rus",
    state_names: include_str!("states/ru.tsv"),
    fold_word,
};

/// A word without its case ending: "Зеландии" and "Зеландия" are both "зеланд".
fn fold_word(word: &str) -> String {
    let lower = word.to_lowercase().replace('ё', "е");
    let stem = lower.trim_end_matches(['а', 'я', 'ы', 'и', 'у', 'ю', 'е', 'о', 'й', 'ь', 'м', 'х']);
    // Short words are all ending; keep enough of them to tell apart.
    if stem.chars().count() < 3 {
        lower
    } else {
        stem.to_owned()
    }
}

/// Russian ordinals below one hundred, feminine ("сессия") or masculine ("год").
fn ordinal(words: &str) -> Option<u32> {
    const TENS_CARDINAL: [&str; 10] = [
        "",
        "",
        "двадцать",
        "тридцать",
        "сорок",
        "пятьдесят",
        "шестьдесят",
        "семьдесят",
        "восемьдесят",
        "девяносто",
    ];
    const TENS_ORDINAL: [&str; 10] = [
        "",
        "десят",
        "двадцат",
        "тридцат",
        "сороков",
        "пятидесят",
        "шестидесят",
        "семидесят",
        "восьмидесят",
        "девяност",
    ];
    const UNITS: [&str; 20] = [
        "",
        "перв",
        "втор",
        "трет",
        "четверт",
        "пят",
        "шест",
        "седьм",
        "восьм",
        "девят",
        "десят",
        "одиннадцат",
        "двенадцат",
        "тринадцат",
        "четырнадцат",
        "пятнадцат",
        "шестнадцат",
        "семнадцат",
        "восемнадцат",
        "девятнадцат",
    ];
    let stem = |w: &str| -> String {
        let w = w.replace('ё', "е");
        for ending in ["ая", "ый", "ой", "ий", "ья", "ие", "ые"] {
            if let Some(s) = w.strip_suffix(ending) {
                return s.to_owned();
            }
        }
        w
    };
    let lower = words.trim().to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    match words.as_slice() {
        [one] => {
            let s = stem(one);
            if let Some(t) = TENS_ORDINAL.iter().position(|t| *t == s).filter(|t| *t > 0) {
                return Some(10 * t as u32);
            }
            UNITS
                .iter()
                .position(|u| *u == s)
                .filter(|u| *u > 0)
                .map(|u| u as u32)
        }
        [tens, unit] => {
            let t = TENS_CARDINAL
                .iter()
                .position(|t| t == tens)
                .filter(|t| *t > 1)?;
            let u = UNITS
                .iter()
                .position(|u| *u == stem(unit))
                .filter(|u| (1..10).contains(u))?;
            Some(10 * t as u32 + u as u32)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals() {
        assert_eq!(ordinal("Восьмидесятая"), Some(80));
        assert_eq!(ordinal("Семьдесят девятая"), Some(79));
        assert_eq!(ordinal("Восьмидесятый"), Some(80));
        assert_eq!(ordinal(""), None);
    }

    #[test]
    fn names_compared_without_case_endings() {
        assert_eq!(fold_word("Зеландии"), fold_word("Зеландия"));
        assert_eq!(fold_word("Норвегии"), fold_word("Норвегия"));
        assert_eq!(fold_word("Новой"), fold_word("Новая"));
    }
}
