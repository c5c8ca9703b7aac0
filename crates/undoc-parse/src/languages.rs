/*!
Masthead lines in the languages other than English, read from the tables of
`undoc-lang`: dates ("19 septembre 2025", "19 de septiembre de 2025",
"19 сентября 2025 года", "19 أيلول/سبتمبر 2025", "2025年9月19日"),
distribution ("Distr. générale"), the original language ("Original :
anglais", "原文：英文"), organs, sessions written as ordinal words
("Quatre-vingtième session", "الدورة الثمانون", "第八十届会议"), agenda item
lines ("Point 7 de l’ordre du jour", "议程项目13和117") and the type a title
announces.

Each reader takes one masthead cell and answers only when the whole cell is
what it reads, as the English readers do. English has readers of its own
(`vocab`, `masthead`), richer for the older record; a new language needs
nothing here.
*/

use undoc_lang::{Affix, Language, Script, SessionKind};
use undoc_model::{Distribution, Session};

use crate::vocab::SessionLine;

/// The languages these readers serve: all but English.
fn others() -> impl Iterator<Item = &'static Language> {
    undoc_lang::LANGUAGES
        .iter()
        .copied()
        .filter(|l| l.code != "en")
}

fn iso(year: &str, month: u8, day: &str) -> Option<String> {
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

/// A date written in any language but English, `YYYY-MM-DD`.
pub fn date(text: &str) -> Option<String> {
    let text = undoc_lang::ascii_digits(text.trim());
    if text.chars().count() > 48 {
        return None;
    }
    // Chinese (and Japanese) numeric dates: 2025年9月19日.
    // The whole cell is the date: a title opening with one ("2025年4月14日中国
    // 常驻联合国代表给秘书长的信") is not a date line.
    if let Some((year, rest)) = text.split_once('年')
        && let Some((month, rest)) = rest.split_once('月')
        && let Some((day, after)) = rest.split_once('日')
    {
        if !after.trim().is_empty() {
            return None;
        }
        let month: u8 = month.trim().parse().ok()?;
        return iso(year.trim().rsplit(' ').next()?, month, day.trim());
    }
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == ',' || c == '/')
        .filter(|w| !w.is_empty())
        .filter(|w| !others().any(|l| l.date_words.contains(w)))
        .collect();
    words.windows(3).find_map(|w| {
        let month = others().find_map(|l| l.month(w[1]))?;
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
    undoc_lang::LANGUAGES.iter().find_map(|l| {
        l.distribution
            .iter()
            .find(|(word, _)| {
                rest.strip_prefix(word)
                    .is_some_and(|after| after.is_empty() || after.starts_with(' '))
            })
            .map(|(_, d)| *d)
    })
}

/// The language named on an "Original" line, in any language:
/// "Original : anglais", "Original: inglés", "Оригинал: английский",
/// "الأصل: بالإنكليزية", "原文：英文".
pub fn original(text: &str) -> Option<&'static str> {
    let (label, name) = text.trim().split_once([':', '：'])?;
    let label = label.trim().to_lowercase();
    if !undoc_lang::LANGUAGES
        .iter()
        .any(|l| l.original_labels.contains(&label.as_str()))
    {
        return None;
    }
    undoc_lang::named(name.trim().trim_end_matches(['.', '*']))
}

/// Organ names heading mastheads in the other languages.
pub fn organ(text: &str) -> Option<&'static str> {
    let n = text.trim().trim_end_matches(['*', ' ']).to_lowercase();
    others().find_map(|l| {
        l.organs
            .iter()
            .find(|(name, _)| name.to_lowercase() == n)
            .map(|(_, p)| *p)
    })
}

/// The Organization's name in a language other than English.
pub fn is_un_name(text: &str) -> bool {
    let t = text.trim();
    others().any(|l| l.un_name.contains(&t))
}

/// A session or (Security Council) year line in a language other than English.
pub fn session_line(text: &str) -> Option<SessionLine> {
    let t = text.trim().trim_end_matches(['*', ' ', '.']).trim();
    let lower = t.to_lowercase();
    others().find_map(|l| {
        l.sessions.iter().find_map(|form| {
            let words = lower.strip_prefix(form.prefix)?.strip_suffix(form.suffix)?;
            let n = (l.ordinal)(words)?;
            Some(match form.kind {
                SessionKind::EmergencySpecial => {
                    SessionLine::Session(Session::Named(format!("ES-{n}")))
                }
                SessionKind::Special => SessionLine::Session(Session::Named(format!("S-{n}"))),
                SessionKind::Year => SessionLine::Year(1945 + n as i32),
                SessionKind::Regular => SessionLine::Session(Session::Number(n)),
            })
        })
    })
}

/// An agenda item line in another language, rewritten in English for the
/// English reader: "Points 13 et 117 de l’ordre du jour" → "Agenda items 13
/// and 117"; `None` for any other line.
pub fn agenda_line_in_english(text: &str) -> Option<String> {
    let t = text.trim().trim_end_matches(['*', ' ']);
    let lower = t.to_lowercase();
    let (language, rest, provisional) = others().find_map(|l| {
        l.agenda.leads.iter().find_map(|(lead, provisional)| {
            lower.strip_prefix(lead).map(|rest| (l, rest, *provisional))
        })
    })?;
    let provisional = provisional || language.agenda.provisional.iter().any(|p| rest.contains(p));
    let end = language
        .agenda
        .ends
        .iter()
        .filter_map(|e| rest.find(e))
        .min()
        .unwrap_or(rest.len());
    let mut numbers = undoc_lang::ascii_digits(&rest[..end]);
    let and = if language.script == Script::Han {
        ", "
    } else {
        " and "
    };
    for word in language.agenda.and_words {
        numbers = numbers.replace(word, and);
    }
    for (letter, latin) in language.agenda.item_letters {
        numbers = numbers.replace(letter, latin);
    }
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

/// The type a title in another language gives, from its opening (or, for
/// Chinese, its ending: "…的信", "…的普通照会", "…通过的决议").
pub fn doc_type_of_title(title: &str) -> Option<undoc_model::DocType> {
    let t = title.trim();
    others().find_map(|l| {
        l.title_forms
            .iter()
            .find(|f| match f.at {
                Affix::Start => t.starts_with(f.words),
                Affix::End => t.ends_with(f.words),
            })
            .map(|f| f.doc_type)
    })
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
