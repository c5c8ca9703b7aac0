//! Chinese. No spaces between words: phrases are found anywhere, titles
//! name their type at the end ("…给秘书长的信"), and search cuts words with jieba.

use undoc_model::{Distribution, DocType::*, ReferenceKind};

use crate::{
    Affix, Agenda, Analysis, Language, LetterPhrases, SessionForm, SessionKind, TitleForm,
};

pub static CHINESE: Language = Language {
    code: "zh",
    iso639_2t: "zho",
    iso639_2b: "chi",
    un_letter: 'C',
    official: true,
    english_name: "Chinese",
    endonym: "中文",
    script: crate::Script::Han,
    // Dates are numeric (2025年9月19日); the months' names serve only as such.
    months: [
        &["一月", "1月"],
        &["二月", "2月"],
        &["三月", "3月"],
        &["四月", "4月"],
        &["五月", "5月"],
        &["六月", "6月"],
        &["七月", "7月"],
        &["八月", "8月"],
        &["九月", "9月"],
        &["十月", "10月"],
        &["十一月", "11月"],
        &["十二月", "12月"],
    ],
    range_words: &["至", "和"],
    date_words: &[],
    ordinal,
    language_names: &[
        ("en", &["英文", "英语"]),
        ("fr", &["法文", "法语"]),
        ("es", &["西班牙文", "西班牙语"]),
        ("ru", &["俄文", "俄语"]),
        ("ar", &["阿拉伯文", "阿拉伯语"]),
        ("zh", &["中文", "汉语"]),
        ("de", &["德文", "德语"]),
    ],
    original_labels: &["原文"],
    distribution: &[
        ("普发", Distribution::General),
        ("限发", Distribution::Limited),
    ],
    un_name: &["联合国"],
    organs: &[
        ("大会", "A"),
        ("安全理事会", "S"),
        ("经济及社会理事会", "E"),
        ("人权理事会", "A/HRC"),
    ],
    organs_in_text: &[
        ("大会", "A"),
        ("安全理事会", "S"),
        ("安理会", "S"),
        ("经济及社会理事会", "E"),
        ("人权理事会", "A/HRC"),
    ],
    sessions: &[
        SessionForm {
            prefix: "第",
            suffix: "届紧急特别会议",
            kind: SessionKind::EmergencySpecial,
        },
        SessionForm {
            prefix: "第",
            suffix: "届特别会议",
            kind: SessionKind::Special,
        },
        SessionForm {
            prefix: "第",
            suffix: "届会议续会",
            kind: SessionKind::Regular,
        },
        SessionForm {
            prefix: "第",
            suffix: "届会议",
            kind: SessionKind::Regular,
        },
        SessionForm {
            prefix: "第",
            suffix: "年",
            kind: SessionKind::Year,
        },
    ],
    agenda: Agenda {
        leads: &[("临时议程项目", true), ("议程项目", false)],
        ends: &[],
        provisional: &[],
        and_words: &["和", "、", "，", "及"],
        item_letters: &[],
    },
    title_forms: &[
        TitleForm {
            words: "的相同信函",
            at: Affix::End,
            doc_type: IdenticalLetters,
        },
        TitleForm {
            words: "的信",
            at: Affix::End,
            doc_type: Letter,
        },
        TitleForm {
            words: "的普通照会",
            at: Affix::End,
            doc_type: NoteVerbale,
        },
        TitleForm {
            words: "通过的决议",
            at: Affix::End,
            doc_type: Resolution,
        },
        TitleForm {
            words: "决议草案",
            at: Affix::Start,
            doc_type: DraftResolution,
        },
        TitleForm {
            words: "决定草案",
            at: Affix::Start,
            doc_type: DraftResolution,
        },
        TitleForm {
            words: "的报告",
            at: Affix::End,
            doc_type: Report,
        },
        TitleForm {
            words: "临时议程",
            at: Affix::Start,
            doc_type: Agenda,
        },
    ],
    letters: LetterPhrases {
        title: r"^(?P<date>\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)(?:和\d{1,2}月\d{1,2}日)?\s*(?P<sender>.+?)\s*给\s*(?P<to>.+?)\s*的(?:相同)?(?:信|信函|普通照会)$",
        addressee_separator: r"\s*(?:和|、|及)\s*",
        articles: &[],
        un_offices: &[
            "秘书长",
            "常务副秘书长",
            "大会主席",
            "安全理事会主席",
            "安理会主席",
            "经济及社会理事会主席",
            "委员会主席",
            "主席",
            "协调员",
            "高级专员",
            "特别代表",
            "特使",
            "总干事",
            "执行主任",
        ],
        signed: &["（签名）", "(签名)", "（ 签名 ）"],
        annex: &["附件"],
        annex_at: Affix::End,
        circulation: r"作为[^。]{0,240}?文件[^。]{0,40}?(?:分发|印发)",
        agenda_in_text: r"议程项目\s*(\d{1,3}(?:\s*\(\S\))?(?:\s*(?:、|和|及|,|，)\s*\d{1,3}(?:\s*\(\S\))?)*)",
        and_word: "和",
    },
    reference_leads: &[
        ("号决议", ReferenceKind::Resolution),
        ("号决定", ReferenceKind::Decision),
    ],
    search: Analysis {
        stemmer: None,
        segmented: true,
        postgres_config: "simple",
    },
    ocr_model: "chi_sim",
    state_names: include_str!("states/zh.tsv"),
    fold_word: crate::lower_word,
};

/// Chinese numerals below one hundred ("八十", "七十九", "十五", "九"), or digits.
fn ordinal(text: &str) -> Option<u32> {
    const DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    let digit = |c: char| DIGITS.iter().position(|d| *d == c).map(|d| d as u32);
    let chars: Vec<char> = text.trim().chars().collect();
    match chars.as_slice() {
        [] => None,
        ['十'] => Some(10),
        [d] if digit(*d).is_some() => digit(*d),
        ['十', u] => Some(10 + digit(*u)?),
        [t, '十'] => Some(10 * digit(*t)?),
        [t, '十', u] => Some(10 * digit(*t)? + digit(*u)?),
        _ => text.trim().parse().ok(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals() {
        assert_eq!(ordinal("八十"), Some(80));
        assert_eq!(ordinal("七十九"), Some(79));
        assert_eq!(ordinal("十五"), Some(15));
        assert_eq!(ordinal("九"), Some(9));
        assert_eq!(ordinal(""), None);
    }
}
