/*!
Mastheads in the other official languages: dates ("19 septembre 2025",
"19 de septiembre de 2025", "19 сентября 2025 года", "19 أيلول/سبتمبر 2025",
"2025年9月19日"), distribution ("Distr. générale"), the original language
("Original : anglais", "Оригинал: английский", "原文：英文"), organs,
sessions written as ordinal words ("Quatre-vingtième session", "Octogésimo
período de sesiones", "Восьмидесятая сессия", "الدورة الثمانون", "第八十届会议")
and agenda item lines ("Point 7 de l’ordre du jour", "议程项目13和117").

Each reader takes one masthead cell and answers only when the whole cell is
what it reads, as the English readers do.
*/

use undoc_model::{Distribution, Session};

use crate::vocab::SessionLine;

const FRENCH_MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const SPANISH_MONTHS: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];
/// Genitive, as dates write them ("19 сентября").
const RUSSIAN_MONTHS: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];
/// The second of the two names UN Arabic writes ("أيلول/سبتمبر"), which is
/// also the one written alone.
const ARABIC_MONTHS: [&[&str]; 12] = [
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
];
const GERMAN_MONTHS: [&str; 12] = [
    "januar",
    "februar",
    "märz",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "dezember",
];

/// Arabic-Indic digits as ASCII.
fn ascii_digits(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
            '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
            c => c,
        })
        .collect()
}

fn iso(year: &str, month: usize, day: &str) -> Option<String> {
    let y: i16 = year.parse().ok()?;
    let d: i8 = day
        .trim_end_matches("er")
        .trim_end_matches('.')
        .parse()
        .ok()?;
    if !(1945..=2200).contains(&y) {
        return None;
    }
    let m = i8::try_from(month).ok()?;
    jiff::civil::Date::new(y, m, d)
        .ok()
        .map(|date| date.to_string())
}

/// A date written in French, Spanish, Russian, Arabic, Chinese or German,
/// `YYYY-MM-DD`.
pub fn date(text: &str) -> Option<String> {
    let text = ascii_digits(text.trim());
    if text.chars().count() > 48 {
        return None;
    }
    // Chinese: 2025年9月19日.
    if let Some((year, rest)) = text.split_once('年')
        && let Some((month, rest)) = rest.split_once('月')
        && let Some((day, _)) = rest.split_once('日')
    {
        let month: usize = month.trim().parse().ok()?;
        return iso(year.trim().rsplit(' ').next()?, month, day.trim());
    }
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == ',' || c == '/')
        .filter(|w| !w.is_empty())
        .collect();
    let month_of = |w: &str| -> Option<usize> {
        let w = w.trim_end_matches('.');
        FRENCH_MONTHS
            .iter()
            .chain(&SPANISH_MONTHS)
            .chain(&RUSSIAN_MONTHS)
            .chain(&GERMAN_MONTHS)
            .position(|m| *m == w)
            .map(|i| i % 12 + 1)
            .or_else(|| (w == "setiembre").then_some(9))
            .or_else(|| {
                ARABIC_MONTHS
                    .iter()
                    .position(|names| names.contains(&w))
                    .map(|i| i + 1)
            })
    };
    // Day, month, year, with Spanish "de" and Russian "года" between or after.
    // The Levantine month names UN Arabic writes before the other ("أيلول/سبتمبر") go too.
    let words: Vec<&str> = words
        .into_iter()
        .filter(|w| {
            !matches!(
                *w,
                "de" | "del"
                    | "года"
                    | "г."
                    | "كانون"
                    | "الثاني"
                    | "شباط"
                    | "آذار"
                    | "نيسان"
                    | "أيار"
                    | "حزيران"
                    | "تموز"
                    | "آب"
                    | "أيلول"
                    | "تشرين"
                    | "الأول"
            )
        })
        .collect();
    words.windows(3).find_map(|w| {
        let month = month_of(w[1])?;
        let year = w[2].trim_end_matches('.');
        (year.len() == 4).then(|| iso(year, month, w[0]))?
    })
}

/// "Distr. générale", "Distr. general", "Distr.: limitée", "Distr. reservada".
pub fn distribution(text: &str) -> Option<Distribution> {
    let lower = text.trim().to_lowercase();
    let rest = lower
        .strip_prefix("distr")?
        .trim_start_matches(['.', ':', ' ']);
    let word = rest.split_whitespace().next()?;
    match word {
        "générale" | "generale" | "general" | "общая" => Some(Distribution::General),
        "limitée" | "limitee" | "limitada" | "ограниченная" => {
            Some(Distribution::Limited)
        }
        "restreinte" | "reservada" | "restringida" => Some(Distribution::Restricted),
        _ => None,
    }
}

/// The language named on an "Original" line, in any of the six languages:
/// "Original : anglais", "Original: inglés", "Оригинал: английский",
/// "الأصل: بالإنكليزية", "原文：英文".
pub fn original(text: &str) -> Option<&'static str> {
    let text = text.trim();
    let (label, name) = text.split_once([':', '：'])?;
    let label = label.trim().to_lowercase();
    if !matches!(label.as_str(), "original" | "оригинал" | "原文" | "الأصل") {
        return None;
    }
    language_named(name.trim().trim_end_matches(['.', '*']))
}

/// A language named in one of the six languages (or German).
pub fn language_named(name: &str) -> Option<&'static str> {
    let n = name.trim().to_lowercase();
    let n = n.strip_prefix("بال").map_or(n.as_str(), |r| r).to_owned();
    Some(match n.as_str() {
        "english"
        | "anglais"
        | "inglés"
        | "ingles"
        | "английский"
        | "إنكليزية"
        | "انكليزية"
        | "الإنكليزية"
        | "إنجليزية"
        | "英文"
        | "englisch" => "en",
        "french"
        | "français"
        | "francais"
        | "francés"
        | "frances"
        | "французский"
        | "فرنسية"
        | "الفرنسية"
        | "法文"
        | "französisch" => "fr",
        "spanish" | "espagnol" | "español" | "espanol" | "испанский" | "إسبانية" | "الإسبانية"
        | "西班牙文" | "spanisch" => "es",
        "russian" | "russe" | "ruso" | "русский" | "روسية" | "الروسية" | "俄文" | "russisch" => {
            "ru"
        }
        "arabic" | "arabe" | "árabe" | "арабский" | "عربية" | "العربية" | "阿拉伯文"
        | "arabisch" => "ar",
        "chinese" | "chinois" | "chino" | "китайский" | "صينية" | "الصينية" | "中文"
        | "chinesisch" => "zh",
        _ => return None,
    })
}

/// Organ names heading mastheads in the other languages.
pub fn organ(text: &str) -> Option<&'static str> {
    let n = text.trim().trim_end_matches(['*', ' ']);
    const NAMES: [(&str, &str); 16] = [
        ("Assemblée générale", "A"),
        ("Conseil de sécurité", "S"),
        ("Conseil économique et social", "E"),
        ("Asamblea General", "A"),
        ("Consejo de Seguridad", "S"),
        ("Consejo Económico y Social", "E"),
        ("Генеральная Ассамблея", "A"),
        ("Совет Безопасности", "S"),
        ("Экономический и Социальный Совет", "E"),
        ("الجمعية العامة", "A"),
        ("مجلس الأمن", "S"),
        ("المجلس الاقتصادي والاجتماعي", "E"),
        ("大会", "A"),
        ("安全理事会", "S"),
        ("经济及社会理事会", "E"),
        ("Generalversammlung", "A"),
    ];
    NAMES
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(n) || name.to_lowercase() == n.to_lowercase())
        .map(|(_, p)| *p)
}

const FRENCH_UNITS: [&str; 17] = [
    "", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze",
    "douze", "treize", "quatorze", "quinze", "seize",
];

/// French cardinal words below one hundred.
fn french_cardinal(n: u32) -> String {
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
        0..=16 => FRENCH_UNITS[n as usize].to_owned(),
        17..=19 => format!("dix-{}", FRENCH_UNITS[(n - 10) as usize]),
        20..=69 => {
            let (t, u) = (n / 10, n % 10);
            match u {
                0 => tens[t as usize].to_owned(),
                1 => format!("{} et un", tens[t as usize]),
                _ => format!("{}-{}", tens[t as usize], FRENCH_UNITS[u as usize]),
            }
        }
        70..=79 => match n {
            71 => "soixante et onze".to_owned(),
            _ => format!("soixante-{}", french_cardinal(n - 60)),
        },
        80 => "quatre-vingts".to_owned(),
        _ => format!("quatre-vingt-{}", french_cardinal(n - 80)),
    }
}

/// "premier", "deuxième", …, "quatre-vingtième", "soixante-dix-neuvième".
fn french_ordinal(n: u32) -> String {
    if n == 1 {
        return "premier".to_owned();
    }
    let c = french_cardinal(n);
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

/// Spanish ordinals below one hundred: "octogésimo", "septuagésimo noveno".
fn spanish_ordinal_value(words: &str) -> Option<u32> {
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
        &["primero", "primer"],
        &["segundo"],
        &["tercero", "tercer"],
        &["cuarto"],
        &["quinto"],
        &["sexto"],
        &["séptimo", "septimo"],
        &["octavo"],
        &["noveno"],
    ];
    let mut value = 0;
    for w in words.split([' ', '-']).filter(|w| !w.is_empty()) {
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

/// Russian ordinals below one hundred, feminine ("сессия") or masculine ("год").
fn russian_ordinal_value(words: &str) -> Option<u32> {
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
    let words: Vec<&str> = words.split_whitespace().collect();
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

/// Arabic ordinals below one hundred, as sessions are named ("الثمانون",
/// "التاسعة والسبعون", "الحادية عشرة").
fn arabic_ordinal_value(words: &str) -> Option<u32> {
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

/// Chinese numerals below one hundred: "八十", "七十九", "十五", "九".
fn chinese_number(text: &str) -> Option<u32> {
    const DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    let digit = |c: char| DIGITS.iter().position(|d| *d == c).map(|d| d as u32);
    let chars: Vec<char> = text.chars().collect();
    match chars.as_slice() {
        ['十'] => Some(10),
        [d] => digit(*d),
        ['十', u] => Some(10 + digit(*u)?),
        [t, '十'] => Some(10 * digit(*t)?),
        [t, '十', u] => Some(10 * digit(*t)? + digit(*u)?),
        _ => text.parse().ok(),
    }
}

/// A session or (Security Council) year line in French, Spanish, Russian,
/// Arabic or Chinese.
pub fn session_line(text: &str) -> Option<SessionLine> {
    let t = text.trim().trim_end_matches(['*', ' ', '.']).trim();
    let lower = t.to_lowercase();
    // Chinese: 第八十届会议, 第八十年, 第十届紧急特别会议.
    if let Some(rest) = t.strip_prefix('第') {
        if let Some(n) = rest.strip_suffix("届紧急特别会议") {
            return chinese_number(n)
                .map(|n| SessionLine::Session(Session::Named(format!("ES-{n}"))));
        }
        if let Some(n) = rest.strip_suffix("届特别会议") {
            return chinese_number(n)
                .map(|n| SessionLine::Session(Session::Named(format!("S-{n}"))));
        }
        if let Some(n) = rest.strip_suffix("届会议") {
            return chinese_number(n).map(|n| SessionLine::Session(Session::Number(n)));
        }
        if let Some(n) = rest.strip_suffix('年') {
            return chinese_number(n).map(|n| SessionLine::Year(1945 + n as i32));
        }
    }
    // French: "Quatre-vingtième session", "Dixième session extraordinaire d’urgence", "Quatre-vingtième année".
    for (suffix, kind) in [
        (" session extraordinaire d’urgence", "ES"),
        (" session extraordinaire d'urgence", "ES"),
        (" session extraordinaire", "S"),
        (" session", ""),
        (" année", "year"),
    ] {
        if let Some(words) = lower.strip_suffix(suffix) {
            let words = words.strip_prefix("reprise de la ").unwrap_or(words);
            if let Some(n) = (1..100).find(|n| french_ordinal(*n) == words) {
                return Some(session_of(n, kind));
            }
        }
    }
    // Spanish: "Octogésimo período de sesiones", "Décimo período extraordinario de sesiones de emergencia", "Octogésimo año".
    for (suffix, kind) in [
        (" período extraordinario de sesiones de emergencia", "ES"),
        (" período extraordinario de sesiones", "S"),
        (" período de sesiones", ""),
        (" año", "year"),
    ] {
        if let Some(words) = lower.strip_suffix(suffix)
            && let Some(n) = spanish_ordinal_value(words)
        {
            return Some(session_of(n, kind));
        }
    }
    // Russian: "Восьмидесятая сессия", "Десятая чрезвычайная специальная сессия", "Восьмидесятый год".
    for (suffix, kind) in [
        (" чрезвычайная специальная сессия", "ES"),
        (" специальная сессия", "S"),
        (" сессия", ""),
        (" год", "year"),
    ] {
        if let Some(words) = lower.strip_suffix(suffix)
            && let Some(n) = russian_ordinal_value(words)
        {
            return Some(session_of(n, kind));
        }
    }
    // Arabic: "الدورة الثمانون", "الدورة الاستثنائية الطارئة العاشرة", "السنة الثمانون".
    for (prefix, kind) in [
        ("الدورة الاستثنائية الطارئة ", "ES"),
        ("الدورة الاستثنائية ", "S"),
        ("الدورة ", ""),
        ("السنة ", "year"),
    ] {
        if let Some(words) = t.strip_prefix(prefix)
            && let Some(n) = arabic_ordinal_value(words)
        {
            return Some(session_of(n, kind));
        }
    }
    None
}

fn session_of(n: u32, kind: &str) -> SessionLine {
    match kind {
        "ES" => SessionLine::Session(Session::Named(format!("ES-{n}"))),
        "S" => SessionLine::Session(Session::Named(format!("S-{n}"))),
        "year" => SessionLine::Year(1945 + n as i32),
        _ => SessionLine::Session(Session::Number(n)),
    }
}

/// An agenda item line in another language, rewritten in English for the
/// English reader: "Points 13 et 117 de l’ordre du jour" → "Agenda items 13
/// and 117"; `None` for any other line.
pub fn agenda_line_in_english(text: &str) -> Option<String> {
    let t = text.trim().trim_end_matches(['*', ' ']);
    let lower = t.to_lowercase();
    let (numbers, provisional) = if let Some(rest) = t.strip_prefix("临时议程项目") {
        (rest.to_owned(), true)
    } else if let Some(rest) = t.strip_prefix("议程项目") {
        (rest.to_owned(), false)
    } else if let Some(rest) = lower
        .strip_prefix("points ")
        .or_else(|| lower.strip_prefix("point "))
    {
        let provisional = rest.ends_with("de l’ordre du jour provisoire")
            || rest.ends_with("de l'ordre du jour provisoire");
        let numbers = rest.split(" de l").next()?;
        (numbers.to_owned(), provisional)
    } else if let Some(rest) = lower
        .strip_prefix("temas ")
        .or_else(|| lower.strip_prefix("tema "))
    {
        let provisional = rest.ends_with("del programa provisional");
        (rest.split(" del programa").next()?.to_owned(), provisional)
    } else if let Some(rest) = lower
        .strip_prefix("пункты ")
        .or_else(|| lower.strip_prefix("пункт "))
    {
        let provisional = rest.contains("предварительной повестки");
        let numbers = rest
            .split(" повестки")
            .next()?
            .split(" предварительной")
            .next()?;
        (numbers.to_owned(), provisional)
    } else if let Some(rest) = t
        .strip_prefix("البندان ")
        .or_else(|| t.strip_prefix("البنود "))
        .or_else(|| t.strip_prefix("البند "))
    {
        let provisional = rest.contains("جدول الأعمال المؤقت");
        (rest.split(" من جدول").next()?.to_owned(), provisional)
    } else {
        return None;
    };
    let numbers = ascii_digits(&numbers)
        .replace(['和', '、', '，'], ", ")
        .replace(" et ", " and ")
        .replace(" y ", " and ")
        .replace(" и ", " and ")
        .replace(" و ", " and ")
        .replace("(أ)", "(a)")
        .replace("(ب)", "(b)")
        .replace("(ج)", "(c)")
        .replace("(د)", "(d)");
    // "23 a)" (French and Spanish) is "23 (a)".
    let numbers = numbers
        .split(' ')
        .map(|w| match w.strip_suffix(')') {
            Some(l) if l.len() == 1 && l.bytes().all(|b| b.is_ascii_lowercase()) => {
                format!("({l})")
            }
            _ => w.to_owned(),
        })
        .collect::<Vec<_>>()
        .join(" ");
    if !numbers
        .trim_start()
        .starts_with(|c: char| c.is_ascii_digit())
    {
        return None;
    }
    let lead = if provisional {
        "Provisional agenda items"
    } else {
        "Agenda items"
    };
    Some(format!("{lead} {}", numbers.trim()))
}

/// Title openings in the other languages, with the type they give.
pub const TITLE_LEADS: [(&str, undoc_model::DocType); 20] = {
    use undoc_model::DocType::*;
    [
        ("Lettre datée du", Letter),
        ("Lettres identiques datées du", IdenticalLetters),
        ("Note verbale datée du", NoteVerbale),
        ("Résolution adoptée par", Resolution),
        ("Projet de résolution", DraftResolution),
        ("Carta de fecha", Letter),
        ("Cartas idénticas de fecha", IdenticalLetters),
        ("Nota verbal de fecha", NoteVerbale),
        ("Resolución aprobada por", Resolution),
        ("Proyecto de resolución", DraftResolution),
        ("Письмо", Letter),
        ("Идентичные письма", IdenticalLetters),
        ("Вербальная нота", NoteVerbale),
        ("Резолюция, принятая", Resolution),
        ("Проект резолюции", DraftResolution),
        ("رسالة مؤرخة", Letter),
        ("رسالتان متطابقتان", IdenticalLetters),
        ("مذكرة شفوية", NoteVerbale),
        ("قرار اتخذته", Resolution),
        ("مشروع قرار", DraftResolution),
    ]
};

/// The type a title in another language gives, from its opening (or, for
/// Chinese, its ending: "…的信", "…的普通照会", "…通过的决议").
pub fn doc_type_of_title(title: &str) -> Option<undoc_model::DocType> {
    use undoc_model::DocType;
    let t = title.trim();
    if let Some((_, kind)) = TITLE_LEADS.iter().find(|(lead, _)| t.starts_with(lead)) {
        return Some(*kind);
    }
    if t.ends_with("的相同信函") {
        Some(DocType::IdenticalLetters)
    } else if t.ends_with("的信") {
        Some(DocType::Letter)
    } else if t.ends_with("的普通照会") {
        Some(DocType::NoteVerbale)
    } else if t.ends_with("通过的决议") {
        Some(DocType::Resolution)
    } else if t.starts_with("决议草案") {
        Some(DocType::DraftResolution)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_six_languages() {
        for (text, want) in [
            ("19 septembre 2025", "2025-09-19"),
            ("1er octobre 2025", "2025-10-01"),
            ("19 de septiembre de 2025", "2025-09-19"),
            ("19 сентября 2025 года", "2025-09-19"),
            ("19 أيلول/سبتمبر 2025", "2025-09-19"),
            ("٣١ كانون الأول/ديسمبر ٢٠٢٥", "2025-12-31"),
            ("2025年9月19日", "2025-09-19"),
            ("19. September 2025", "2025-09-19"),
        ] {
            assert_eq!(date(text).as_deref(), Some(want), "{text}");
        }
        assert_eq!(date("31 février 2025"), None);
        assert_eq!(date("Point 7 de l’ordre du jour"), None);
    }

    #[test]
    fn distribution_and_original() {
        assert_eq!(distribution("Distr. générale"), Some(Distribution::General));
        assert_eq!(distribution("Distr. limitada"), Some(Distribution::Limited));
        assert_eq!(
            distribution("Distr.: restreinte"),
            Some(Distribution::Restricted)
        );
        assert_eq!(original("Original : anglais"), Some("en"));
        assert_eq!(original("Original: español"), Some("es"));
        assert_eq!(original("Оригинал: английский"), Some("en"));
        assert_eq!(original("الأصل: بالإنكليزية"), Some("en"));
        assert_eq!(original("原文：英文"), Some("en"));
        assert_eq!(original("Original : Nowhere"), None);
    }

    #[test]
    fn sessions_as_ordinal_words() {
        let regular = |n| Some(SessionLine::Session(Session::Number(n)));
        for (text, n) in [
            ("Quatre-vingtième session", 80),
            ("Soixante-dix-neuvième session", 79),
            ("Soixante et onzième session", 71),
            ("Soixante-quinzième session", 75),
            ("Octogésimo período de sesiones", 80),
            ("Septuagésimo noveno período de sesiones", 79),
            ("Восьмидесятая сессия", 80),
            ("Семьдесят девятая сессия", 79),
            ("الدورة الثمانون", 80),
            ("الدورة التاسعة والسبعون", 79),
            ("第八十届会议", 80),
            ("第七十九届会议", 79),
        ] {
            assert_eq!(session_line(text), regular(n), "{text}");
        }
        assert_eq!(
            session_line("Dixième session extraordinaire d’urgence"),
            Some(SessionLine::Session(Session::Named("ES-10".into())))
        );
        assert_eq!(
            session_line("Décimo período extraordinario de sesiones de emergencia"),
            Some(SessionLine::Session(Session::Named("ES-10".into())))
        );
        assert_eq!(
            session_line("Quatre-vingtième année"),
            Some(SessionLine::Year(2025))
        );
        assert_eq!(
            session_line("Восьмидесятый год"),
            Some(SessionLine::Year(2025))
        );
        assert_eq!(session_line("第八十年"), Some(SessionLine::Year(2025)));
        assert_eq!(
            session_line("السنة الثمانون"),
            Some(SessionLine::Year(2025))
        );
        assert_eq!(session_line("Une session"), None);
    }

    #[test]
    fn agenda_lines() {
        for (text, want) in [
            ("Point 7 de l’ordre du jour", "Agenda items 7"),
            (
                "Points 13 et 117 de l’ordre du jour",
                "Agenda items 13 and 117",
            ),
            ("Point 23 a) de l’ordre du jour", "Agenda items 23 (a)"),
            ("Temas 13 y 117 del programa", "Agenda items 13 and 117"),
            ("Пункты 13 и 117 повестки дня", "Agenda items 13 and 117"),
            ("البند 23 (أ) من جدول الأعمال", "Agenda items 23 (a)"),
            ("议程项目13和117", "Agenda items 13, 117"),
            (
                "Point 5 de l’ordre du jour provisoire",
                "Provisional agenda items 5",
            ),
        ] {
            assert_eq!(
                agenda_line_in_english(text).as_deref(),
                Some(want),
                "{text}"
            );
        }
        assert_eq!(agenda_line_in_english("Point de presse"), None);
    }

    #[test]
    fn organs_and_titles() {
        assert_eq!(organ("Assemblée générale"), Some("A"));
        assert_eq!(organ("Совет Безопасности"), Some("S"));
        assert_eq!(organ("安全理事会"), Some("S"));
        assert_eq!(
            doc_type_of_title(
                "Lettre datée du 7 mai 2021, adressée au Secrétaire général par le Représentant permanent de l’Azerbaïdjan"
            ),
            Some(undoc_model::DocType::Letter)
        );
        assert_eq!(
            doc_type_of_title("2021年5月7日阿塞拜疆常驻联合国代表给秘书长的信"),
            Some(undoc_model::DocType::Letter)
        );
    }
}
