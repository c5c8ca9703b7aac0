/*!
The words of the masthead: ordinal sessions ("Seventy-ninth session"),
Security Council years ("Eightieth year"), dates ("7 May 2021"), languages
("Original: English") and organ names ("General Assembly" → `A`).
*/

use undoc_model::Session;

/// "Seventy-ninth" → 79, "eightieth" → 80, "79th" → 79, "one hundred and
/// first" → 101: English's ordinal reader, from `undoc-lang`.
pub fn ordinal(word: &str) -> Option<u32> {
    undoc_lang::get("en").and_then(|english| (english.ordinal)(word))
}

/// A session line of the masthead, as printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SessionLine {
    /// "Seventy-ninth session", "2025 session", "Tenth emergency special session".
    Session(Session),
    /// "Eightieth year" (Security Council): the calendar year.
    Year(i32),
}

/// Reads "Seventy-ninth session", "Resumed seventy-ninth session", "Eightieth
/// year", "2025 session", "Annual session 2025", "First regular session 2025",
/// "Tenth emergency special session", "Thirtieth special session".
pub fn session_line(line: &str) -> Option<SessionLine> {
    let l = line.trim().trim_end_matches(['*', ' ']).trim();
    let lower = l.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    match words.as_slice() {
        [n, "year"] => {
            // The Security Council's first year is 1946.
            return ordinal(n).map(|n| SessionLine::Year(1945 + n as i32));
        }
        [n, "emergency", "special", "session"] => {
            return ordinal(n).map(|n| SessionLine::Session(Session::Named(format!("ES-{n}"))));
        }
        [n, "special", "session"] => {
            return ordinal(n).map(|n| SessionLine::Session(Session::Named(format!("S-{n}"))));
        }
        // Meetings of States parties are numbered as meetings, not sessions:
        // "Third Meeting of States Parties to the Treaty …" (TPNW/MSP/2025/WP.4).
        [n, "meeting", "of", "states", "parties", ..]
        | [n, "meeting", "of", "the", "states", "parties", ..] => {
            return ordinal(n).map(|n| SessionLine::Session(Session::Number(n)));
        }
        // A conference named by its year: "2025 United Nations Conference to
        // Support the Implementation of …" (A/CONF.230/2025/1).
        [year, rest @ ..]
            if year.len() == 4
                && year.bytes().all(|b| b.is_ascii_digit())
                && rest.iter().take(4).any(|w| *w == "conference") =>
        {
            return year
                .parse()
                .ok()
                .map(|y| SessionLine::Session(Session::Number(y)));
        }
        _ => {}
    }
    if !words.contains(&"session") || words.len() > 5 {
        return None;
    }
    // A year anywhere ("2025 session", "Annual session 2025") names the session.
    if let Some(year) = words.iter().find_map(|w| {
        (w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit())).then(|| w.parse::<u32>().ok())?
    }) {
        return Some(SessionLine::Session(Session::Number(year)));
    }
    let before = words.iter().position(|w| *w == "session")?;
    if before == 0 || before + 1 != words.len() {
        return None;
    }
    let head: Vec<&str> = words[..before]
        .iter()
        .copied()
        .filter(|w| !matches!(*w, "resumed" | "regular" | "substantive" | "organizational"))
        .collect();
    ordinal(&head.join(" ")).map(|n| SessionLine::Session(Session::Number(n)))
}

/// "7 May 2021" → `2021-05-07`, checked to be a real calendar date.
pub fn date_dmy(day: &str, month: &str, year: &str) -> Option<String> {
    let d: i8 = day.parse().ok()?;
    let m = undoc_model::MONTHS
        .iter()
        .position(|m| m.eq_ignore_ascii_case(month))? as i8
        + 1;
    let y: i16 = year.parse().ok()?;
    if !(1945..=2200).contains(&y) {
        return None;
    }
    jiff::civil::Date::new(y, m, d)
        .ok()
        .map(|date| date.to_string())
}

/// A line that is only a date: "12 March 2025" (weekday and time allowed
/// before and after, as meeting records print them).
pub fn date_line(line: &str) -> Option<String> {
    let words: Vec<&str> = line
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    words.windows(3).find_map(|w| date_dmy(w[0], w[1], w[2]))
}

/// ISO 639-1 code of a language named in English (English's language names in `undoc-lang`).
pub fn language_code(name: &str) -> Option<&'static str> {
    let n = name.trim().trim_end_matches(['.', '*', ' ']).to_lowercase();
    let english = undoc_lang::get("en")?;
    english
        .language_names
        .iter()
        .find(|(_, names)| names.contains(&n.as_str()))
        .map(|(code, _)| *code)
}

/// The language an "Original:" line names, allowing a scan's OCR of the word
/// ("ORIGINAL: ENGLISI", "ENCLIS", E/CN.4/149). Only there: elsewhere a
/// near name is another word.
pub fn original_language_code(name: &str) -> Option<&'static str> {
    language_code(name).or_else(|| {
        let n = name.trim().to_lowercase();
        if n.chars().count() < 5 {
            return None;
        }
        undoc_lang::official()
            .map(|l| l.english_name.to_lowercase())
            // Two letters off a seven-letter name, one off a six-letter one ("Arabian" is not Arabic).
            .find(|full| strsim::levenshtein(full, &n) < full.len() - 4)
            .and_then(|full| language_code(&full))
    })
}

/// The symbol prefix of an organ named alone on a masthead line.
pub fn organ_prefix_of_name(name: &str) -> Option<&'static str> {
    let n = name.trim().trim_end_matches(['*', ' ']).trim();
    // Old verbatim records: "Security Council Provisional".
    let n = n.strip_suffix(" Provisional").unwrap_or(n);
    undoc_model::ORGANS
        .iter()
        .find(|(full, _)| full.eq_ignore_ascii_case(n))
        .map(|(_, p)| *p)
}

/// Organ names inside running text (circulation requests), in text order.
pub fn organs_in_text(text: &str) -> Vec<&'static str> {
    let mut found: Vec<(usize, &'static str)> = undoc_model::ORGANS
        .iter()
        // Documents are circulated to bodies, not to a fund.
        .filter(|(_, prefix)| *prefix != "E/ICEF")
        .flat_map(|(name, prefix)| text.match_indices(name).map(move |(i, _)| (i, *prefix)))
        .collect();
    found.sort_unstable();
    let mut organs: Vec<&'static str> = Vec::new();
    for (_, prefix) in found {
        if !organs.contains(&prefix) {
            organs.push(prefix);
        }
    }
    organs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ocr_misreading_of_the_original_language() {
        assert_eq!(original_language_code("ENGLISI"), Some("en"));
        assert_eq!(original_language_code("ENCLIS"), Some("en"));
        assert_eq!(original_language_code("FRENCH"), Some("fr"));
        assert_eq!(original_language_code("Arabian"), None);
        assert_eq!(original_language_code("Engl"), None);
    }

    #[test]
    fn ordinals() {
        assert_eq!(ordinal("Seventy-ninth"), Some(79));
        assert_eq!(ordinal("Eightieth"), Some(80));
        assert_eq!(ordinal("Seventy-sixth"), Some(76));
        assert_eq!(ordinal("fifty-ninth"), Some(59));
        assert_eq!(ordinal("Tenth"), Some(10));
        assert_eq!(ordinal("79th"), Some(79));
        assert_eq!(ordinal("One hundredth"), Some(100));
        assert_eq!(ordinal("one hundred and first"), Some(101));
        assert_eq!(ordinal("session"), None);
    }

    #[test]
    fn session_lines() {
        use SessionLine::*;
        assert_eq!(
            session_line("Seventy-fifth session"),
            Some(Session(undoc_model::Session::Number(75)))
        );
        assert_eq!(session_line("Seventy-sixth year"), Some(Year(2021)));
        assert_eq!(session_line("Eightieth year"), Some(Year(2025)));
        assert_eq!(
            session_line("2025 session"),
            Some(Session(undoc_model::Session::Number(2025)))
        );
        assert_eq!(
            session_line("Annual session 2025"),
            Some(Session(undoc_model::Session::Number(2025)))
        );
        assert_eq!(
            session_line("Tenth emergency special session"),
            Some(Session(undoc_model::Session::Named("ES-10".into())))
        );
        assert_eq!(
            session_line("Resumed seventy-ninth session"),
            Some(Session(undoc_model::Session::Number(79)))
        );
        assert_eq!(session_line("Culture of peace"), None);
        assert_eq!(session_line("at its session"), None);
    }

    #[test]
    fn dates() {
        assert_eq!(date_line("11 May 2021").as_deref(), Some("2021-05-11"));
        assert_eq!(
            date_line("Tuesday, 29 October 2024, 3 p.m.").as_deref(),
            Some("2024-10-29")
        );
        assert_eq!(date_line("31 February 2021"), None);
        assert_eq!(date_line("Agenda items 15, 34"), None);
    }
}
