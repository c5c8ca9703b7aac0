//! Arabic. Months are written with their Levantine name first
//! ("أيلول/سبتمبر"): dates are read at the slash, the Levantine names being
//! date words; articles, prepositions and conjunctions attach to words.

use undoc_model::{Distribution, DocType::*, ReferenceKind};

use crate::{
    Affix, Agenda, Analysis, Language, LetterPhrases, SessionForm, SessionKind, TitleForm,
};

pub static ARABIC: Language = Language {
    code: "ar",
    iso639_2t: "ara",
    iso639_2b: "ara",
    un_letter: 'A',
    official: true,
    english_name: "Arabic",
    endonym: "العربية",
    script: crate::Script::Arabic,
    months: [
        &["يناير"],
        &["فبراير"],
        &["مارس"],
        &["أبريل", "ابريل"],
        &["مايو"],
        &["يونيه", "يونيو"],
        &["يوليه", "يوليو"],
        &["أغسطس", "اغسطس"],
        &["سبتمبر"],
        &["أكتوبر", "اكتوبر"],
        &["نوفمبر"],
        &["ديسمبر"],
    ],
    // The Levantine names, which go with the other.
    range_words: &["إلى", "و", "حتى"],
    date_words: &[
        "كانون",
        "الثاني",
        "شباط",
        "آذار",
        "نيسان",
        "أيار",
        "حزيران",
        "تموز",
        "آب",
        "أيلول",
        "تشرين",
        "الأول",
    ],
    ordinal,
    language_names: &[
        (
            "en",
            &[
                "الإنكليزية",
                "الانكليزية",
                "الإنجليزية",
                "إنكليزية",
                "انكليزية",
                "إنجليزية",
            ],
        ),
        ("fr", &["الفرنسية", "فرنسية"]),
        ("es", &["الإسبانية", "إسبانية", "الاسبانية"]),
        ("ru", &["الروسية", "روسية"]),
        ("ar", &["العربية", "عربية"]),
        ("zh", &["الصينية", "صينية"]),
        ("de", &["الألمانية", "ألمانية"]),
    ],
    original_labels: &["الأصل"],
    distribution: &[
        ("عام", Distribution::General),
        ("محدود", Distribution::Limited),
        ("سري", Distribution::Restricted),
    ],
    un_name: &["الأمم المتحدة"],
    organs: &[
        ("الجمعية العامة", "A"),
        ("مجلس الأمن", "S"),
        ("المجلس الاقتصادي والاجتماعي", "E"),
        ("مجلس حقوق الإنسان", "A/HRC"),
    ],
    organs_in_text: &[
        ("الجمعية العامة", "A"),
        ("مجلس الأمن", "S"),
        ("المجلس الاقتصادي والاجتماعي", "E"),
        ("مجلس حقوق الإنسان", "A/HRC"),
    ],
    sessions: &[
        SessionForm {
            prefix: "الدورة الاستثنائية الطارئة ",
            suffix: "",
            kind: SessionKind::EmergencySpecial,
        },
        SessionForm {
            prefix: "الدورة الاستثنائية ",
            suffix: "",
            kind: SessionKind::Special,
        },
        SessionForm {
            prefix: "الدورة ",
            suffix: " المستأنفة",
            kind: SessionKind::Regular,
        },
        SessionForm {
            prefix: "الدورة ",
            suffix: "",
            kind: SessionKind::Regular,
        },
        SessionForm {
            prefix: "السنة ",
            suffix: "",
            kind: SessionKind::Year,
        },
    ],
    agenda: Agenda {
        leads: &[("البندان ", false), ("البنود ", false), ("البند ", false)],
        ends: &[" من جدول"],
        provisional: &["جدول الأعمال المؤقت"],
        and_words: &[" و "],
        item_letters: &[
            ("(أ)", "(a)"),
            ("(ب)", "(b)"),
            ("(ج)", "(c)"),
            ("(د)", "(d)"),
        ],
    },
    title_forms: &[
        TitleForm {
            words: "رسالة مؤرخة",
            at: Affix::Start,
            doc_type: Letter,
        },
        TitleForm {
            words: "رسالتان متطابقتان",
            at: Affix::Start,
            doc_type: IdenticalLetters,
        },
        TitleForm {
            words: "رسائل متطابقة",
            at: Affix::Start,
            doc_type: IdenticalLetters,
        },
        TitleForm {
            words: "مذكرة شفوية",
            at: Affix::Start,
            doc_type: NoteVerbale,
        },
        TitleForm {
            words: "قرار اتخذته",
            at: Affix::Start,
            doc_type: Resolution,
        },
        TitleForm {
            words: "مشروع قرار",
            at: Affix::Start,
            doc_type: DraftResolution,
        },
        TitleForm {
            words: "مشروع مقرر",
            at: Affix::Start,
            doc_type: DraftResolution,
        },
        TitleForm {
            words: "تقرير",
            at: Affix::Start,
            doc_type: Report,
        },
        TitleForm {
            words: "جدول الأعمال المؤقت",
            at: Affix::Start,
            doc_type: Agenda,
        },
    ],
    letters: LetterPhrases {
        title: r"^(?:رسالة|رسالتان\s+متطابقتان|رسائل\s+متطابقة|مذكرة\s+شفوية|مذكرتان\s+شفويتان(?:\s+متطابقتان)?)\s+مؤرخ(?:ة|تان)\s+(?P<date>[0-9٠-٩]{1,2}\s+\S+(?:\s+\S+)?\s+[0-9٠-٩]{4})\s+موجه(?:ة|تان)\s+إلى\s+(?P<to>.+?)\s+من\s+(?P<sender>.+?)\s*$",
        addressee_separator: r"\s*،\s*|\s*,\s*|\s+و(?:إلى\s+)?(?P<keep>رئيس|الأمين|المفوض|المدير)",
        articles: &[],
        un_offices: &[
            "الأمين العام",
            "نائب الأمين العام",
            "رئيس الجمعية",
            "رئيسة الجمعية",
            "رئيس مجلس",
            "رئيسة مجلس",
            "رئيس المجلس",
            "رئيسة المجلس",
            "رئيس لجنة",
            "رئيسة لجنة",
            "رئيس اللجنة",
            "رئيسة اللجنة",
            "المنسق",
            "المفوض السامي",
            "الممثل الخاص",
            "المبعوث الخاص",
            "المدير العام",
            "المديرة العامة",
            "المدير التنفيذي",
        ],
        signed: &["(توقيع)", "( توقيع )"],
        annex: &["مرفق", "المرفق"],
        annex_at: Affix::Start,
        circulation: r"(?:تعميم|نشر|إصدار)[^.]{0,240}?(?:بوصف(?:ه|ها|هما)|باعتبار(?:ه|ها|هما)|كوثيقة|وثيقة\s+من\s+وثائق)",
        agenda_in_text: r"البند(?:ان|ين|ود)?\s+([0-9٠-٩]{1,3}(?:\s*\(\S{1,2}\))?(?:\s*(?:،|,|و)\s*[0-9٠-٩]{1,3}(?:\s*\(\S{1,2}\))?)*)\s+من\s+جدول\s+الأعمال",
        and_word: " و",
    },
    reference_leads: &[
        ("القرارات", ReferenceKind::Resolution),
        ("القرار", ReferenceKind::Resolution),
        ("قرار", ReferenceKind::Resolution),
        ("المقررات", ReferenceKind::Decision),
        ("المقرر", ReferenceKind::Decision),
        ("مقرر", ReferenceKind::Decision),
    ],
    search: Analysis {
        stemmer: Some("Arabic"),
        segmented: false,
        postgres_config: "arabic",
    },
    ocr_model: "ara",
    state_names: include_str!("states/ar.tsv"),
    fold_word,
};

/// A word without its vowel marks and elongation, hamza seats made plain:
/// how names are compared.
fn fold_word(word: &str) -> String {
    word.chars()
        .filter(|c| !matches!(c, '\u{064B}'..='\u{0652}' | '\u{0640}'))
        .map(|c| match c {
            'أ' | 'إ' | 'آ' => 'ا',
            'ة' => 'ه',
            'ى' => 'ي',
            c => c,
        })
        .collect()
}

/// Arabic ordinals below one hundred, as sessions are named ("الثمانون",
/// "التاسعة والسبعون", "الحادية عشرة").
fn ordinal(words: &str) -> Option<u32> {
    const TENS: [&str; 10] = [
        "",
        "",
        "العشرون",
        "الثلاثون",
        "الأربعون",
        "الخمسون",
        "الستون",
        "السبعون",
        "الثمانون",
        "التسعون",
    ];
    const UNITS: [&[&str]; 11] = [
        &[],
        &["الأولى", "الأول", "الحادية", "الحادي"],
        &["الثانية", "الثاني"],
        &["الثالثة", "الثالث"],
        &["الرابعة", "الرابع"],
        &["الخامسة", "الخامس"],
        &["السادسة", "السادس"],
        &["السابعة", "السابع"],
        &["الثامنة", "الثامن"],
        &["التاسعة", "التاسع"],
        &["العاشرة", "العاشر"],
    ];
    let unit = |w: &str| UNITS.iter().position(|u| u.contains(&w)).filter(|u| *u > 0);
    let words: Vec<&str> = words.split_whitespace().collect();
    match words.as_slice() {
        [one] => TENS
            .iter()
            .position(|t| t == one)
            .filter(|t| *t > 1)
            .map(|t| 10 * t as u32)
            .or_else(|| unit(one).map(|u| u as u32)),
        [u, "عشرة" | "عشر"] => unit(u).filter(|u| *u < 10).map(|u| 10 + u as u32),
        [u, tens] => {
            let tens = tens.strip_prefix('و')?;
            let t = TENS.iter().position(|t| *t == tens).filter(|t| *t > 1)?;
            unit(u)
                .filter(|u| *u < 10)
                .map(|u| 10 * t as u32 + u as u32)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals() {
        assert_eq!(ordinal("الثمانون"), Some(80));
        assert_eq!(ordinal("التاسعة والسبعون"), Some(79));
        assert_eq!(ordinal("الحادية عشرة"), Some(11));
        assert_eq!(ordinal(""), None);
    }
}
