/*!
The States the UN record speaks of: the 193 Member States and the two
observer States (Holy See, State of Palestine), each with the variants met in
documents (`Turkey` / `Türkiye`, `Russia`, `Islamic Republic of Iran`,
curly and straight apostrophes), always reported by the short official
English name.

One automaton (Aho–Corasick, leftmost-longest, so that "Papua New Guinea"
is not read as "Guinea" and "Nigeria" not as "Niger") serves both the parser
(the State a letter speaks for) and the reference scanner (States mentioned).
*/

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};

/// One line per State: the short official name, then its variants,
/// tab-separated; English's entry in the language tables.
fn table() -> &'static str {
    undoc_lang::get("en").map_or("", |l| l.state_names)
}

/// A State named in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    /// Short official English name.
    pub state: &'static str,
    pub start: usize,
    pub end: usize,
}

struct Gazetteer {
    automaton: AhoCorasick,
    /// Pattern index → short official name.
    canonical: Vec<&'static str>,
    names: Vec<&'static str>,
}

fn gazetteer() -> &'static Gazetteer {
    static CELL: OnceLock<Gazetteer> = OnceLock::new();
    CELL.get_or_init(|| {
        let mut patterns = Vec::new();
        let mut canonical = Vec::new();
        let mut names = Vec::new();
        for line in table().lines().filter(|l| !l.trim().is_empty()) {
            let mut fields = line.split('\t');
            let Some(name) = fields.next() else { continue };
            names.push(name);
            for variant in std::iter::once(name).chain(fields) {
                patterns.push(variant);
                canonical.push(name);
            }
        }
        Gazetteer {
            automaton: build(&patterns),
            canonical,
            names,
        }
    })
}

// The patterns are a fixed table compiled into the binary (and the test
// below builds it), so failure here is a programming error, not bad input.
#[allow(clippy::expect_used)]
fn build(patterns: &[&str]) -> AhoCorasick {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(patterns)
        .expect("the State table builds an automaton")
}

/// All 195 short official names, in table order.
pub fn all() -> &'static [&'static str] {
    &gazetteer().names
}

/// Every State named in `text`, in text order, on word boundaries.
pub fn mentions(text: &str) -> Vec<Mention> {
    let g = gazetteer();
    g.automaton
        .find_iter(text)
        .filter(|m| {
            let before = text[..m.start()].chars().next_back();
            let after = text[m.end()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
        .map(|m| Mention {
            state: g.canonical[m.pattern().as_usize()],
            start: m.start(),
            end: m.end(),
        })
        .collect()
}

/// The first State named in `text`.
pub fn first(text: &str) -> Option<&'static str> {
    mentions(text).first().map(|m| m.state)
}

/// The distinct States named in `text`, sorted by name.
pub fn mentioned(text: &str) -> Vec<&'static str> {
    let mut states: Vec<&'static str> = mentions(text).into_iter().map(|m| m.state).collect();
    states.sort_unstable();
    states.dedup();
    states
}

/// A name folded for comparison: lower case, accents and apostrophe forms
/// removed, so "TÜRKİYE", "COTE D'IVOIRE" and "Côte d’Ivoire" meet.
fn fold(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.trim().chars() {
        // Combining marks ("İ" written as I + U+0307) and soft hyphens carry nothing here.
        if ('\u{300}'..='\u{36f}').contains(&c) || c == '\u{ad}' {
            continue;
        }
        let c = match c {
            '\u{2010}' | '\u{2011}' | '\u{2013}' => '-',
            'Ü' | 'ü' => 'u',
            'İ' | 'I' | 'ı' => 'i',
            'Ô' | 'ô' => 'o',
            'É' | 'é' | 'È' | 'è' => 'e',
            'Ç' | 'ç' => 'c',
            '’' | '‘' | '`' => '\'',
            c => c,
        };
        out.extend(c.to_lowercase());
    }
    let folded = out.split_whitespace().collect::<Vec<_>>().join(" ");
    // "the Netherlands", "the Republic of Moldova": the article is not the name.
    match folded.strip_prefix("the ") {
        Some(name) => name.to_owned(),
        None => folded,
    }
}

fn by_folded_name() -> &'static std::collections::HashMap<String, &'static str> {
    static CELL: OnceLock<std::collections::HashMap<String, &'static str>> = OnceLock::new();
    CELL.get_or_init(|| {
        let mut map = std::collections::HashMap::new();
        for line in table().lines().filter(|l| !l.trim().is_empty()) {
            let mut fields = line.split('\t');
            let Some(name) = fields.next() else { continue };
            for variant in std::iter::once(name).chain(fields) {
                map.entry(fold(variant)).or_insert(name);
            }
        }
        map
    })
}

/// The short official name of the State `name` names as a whole, in any
/// case ("ALGERIA", "UNITED STATES", "TÜRKİYE"), or `None`.
pub fn canonical(name: &str) -> Option<&'static str> {
    by_folded_name().get(&fold(name)).copied()
}

/// What a reader typed for a State: its short official name, or, when no
/// State goes by that name, the nearest names to suggest (at most three).
pub fn resolve(name: &str) -> Result<&'static str, Vec<&'static str>> {
    canonical(name).ok_or_else(|| suggest(name))
}

/// [`resolve`], with the message a reader is shown when no State goes by
/// that name: "Narnia: not a State undoc knows; did you mean Armenia?". The
/// command line, the API and the Python package all say it so.
pub fn resolve_or_explain(name: &str) -> Result<&'static str, String> {
    resolve(name).map_err(|nearest| {
        let hint = if nearest.is_empty() {
            String::new()
        } else {
            format!("; did you mean {}?", nearest.join(", "))
        };
        format!("{name}: not a State undoc knows{hint}")
    })
}

/// The States whose names (or variants) are nearest to `name`, nearest first:
/// for "did you mean" when a name is not a State's.
pub fn suggest(name: &str) -> Vec<&'static str> {
    let wanted = fold(name);
    let mut scored: Vec<(f64, &'static str)> = by_folded_name()
        .iter()
        .map(|(variant, state)| {
            // A name typed in part ("Bolivia", "Korea") is near every name it begins.
            let score = if variant.starts_with(&wanted) && wanted.len() >= 3 {
                1.0
            } else {
                strsim::jaro_winkler(&wanted, variant)
            };
            (score, *state)
        })
        .filter(|(score, _)| *score >= 0.8)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    let mut out: Vec<&'static str> = Vec::new();
    for (_, state) in scored {
        if !out.contains(&state) {
            out.push(state);
        }
        if out.len() == 3 {
            break;
        }
    }
    out
}

/// The names of a list as documents write it ("Egypt, Kuwait, Bosnia and
/// Herzegovina and State of Palestine"): split at commas and at the
/// " and " that joins two names, never inside a name that holds "and".
/// Each is given as its short official name where it is a State, else as written.
pub fn split_list(list: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in list.split([',', ';']) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        split_and(part, &mut out);
    }
    out
}

/// One comma-free piece: a name, or names joined by " and ".
fn split_and(part: &str, out: &mut Vec<String>) {
    let part = part.strip_prefix("and ").unwrap_or(part).trim();
    if let Some(state) = canonical(part) {
        out.push(state.to_owned());
        return;
    }
    // Try each " and " as the joint: the one whose both sides read as names wins.
    let joints: Vec<usize> = part.match_indices(" and ").map(|(i, _)| i).collect();
    for &i in &joints {
        let (left, right) = (part[..i].trim(), part[i + 5..].trim());
        if canonical(left).is_some() || canonical(right).is_some() {
            split_and(left, out);
            split_and(right, out);
            return;
        }
    }
    out.push(part.to_owned());
}

/// One language's names of the States, as words folded the language's way.
struct LanguageNames {
    fold_word: fn(&str) -> String,
    script: undoc_lang::Script,
    /// By their first folded word: the names' folded words (longest names
    /// first) and the short English name.
    names: std::collections::HashMap<String, Vec<(Vec<String>, &'static str)>>,
}

fn language_names(language: &'static undoc_lang::Language) -> &'static LanguageNames {
    static CELLS: OnceLock<Vec<(&'static str, LanguageNames)>> = OnceLock::new();
    let all = CELLS.get_or_init(|| {
        undoc_lang::LANGUAGES
            .iter()
            .map(|l| {
                let mut names: std::collections::HashMap<String, Vec<(Vec<String>, &'static str)>> =
                    std::collections::HashMap::new();
                for line in l.state_names.lines().filter(|l| !l.trim().is_empty()) {
                    let mut fields = line.split('\t');
                    let Some(english) = fields.next() else {
                        continue;
                    };
                    for variant in std::iter::once(english).chain(fields) {
                        let words = words_of(variant, l.fold_word, l.script);
                        if let Some(first) = words.first() {
                            names
                                .entry(first.clone())
                                .or_default()
                                .push((words, english));
                        }
                    }
                }
                for bucket in names.values_mut() {
                    bucket.sort_by_key(|(words, _)| std::cmp::Reverse(words.len()));
                }
                let table = LanguageNames {
                    fold_word: l.fold_word,
                    script: l.script,
                    names,
                };
                (l.code, table)
            })
            .collect()
    });
    let found = all.iter().find(|(code, _)| *code == language.code);
    // Every language in LANGUAGES has an entry; an unknown one reads as English.
    found
        .or_else(|| all.first())
        .map(|(_, t)| t)
        .unwrap_or_else(|| unreachable!())
}

/// A text as the words names are compared by; Chinese, written without
/// spaces, as its characters.
fn words_of(text: &str, fold_word: fn(&str) -> String, script: undoc_lang::Script) -> Vec<String> {
    if script == undoc_lang::Script::Han {
        return text
            .chars()
            .filter(|c| c.is_alphanumeric())
            .map(String::from)
            .collect();
    }
    // Apostrophes part words: French elides articles onto names ("l’Azerbaïdjan").
    text.split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty())
        .map(fold_word)
        .collect()
}

/// The forms of a text word a name's word may be: as written, and (Arabic)
/// without a preposition or conjunction attached ("لمصر", "وفرنسا", "للنرويج").
fn word_forms(word: &str, script: undoc_lang::Script) -> Vec<String> {
    let mut forms = vec![word.to_owned()];
    if script != undoc_lang::Script::Arabic {
        return forms;
    }
    let mut i = 0;
    // Two clitics at most ("وللنرويج" is "و" + "ل" + "النرويج").
    while i < forms.len() && forms.len() < 8 {
        let w = forms[i].clone();
        for clitic in ["و", "ب", "ل", "ف"] {
            if let Some(rest) = w.strip_prefix(clitic)
                && rest.chars().count() >= 2
            {
                forms.push(rest.to_owned());
                // "لل" + name is "ل" + "ال" + name, the article's alif dropped.
                if clitic == "ل"
                    && let Some(rest) = rest.strip_prefix('ل')
                {
                    forms.push(format!("ال{rest}"));
                }
            }
        }
        i += 1;
    }
    forms
}

/// The States a text in `language` names, as their short English names, in
/// text order, each once; the longest name wins where names overlap
/// ("Nouvelle-Zélande", "Guinée-Bissau"). Russian names are matched in any
/// case ("Новой Зеландии"), Arabic ones with attached prepositions.
pub fn in_language(text: &str, language: &'static undoc_lang::Language) -> Vec<&'static str> {
    if language.code == "en" {
        return mentioned_in_order(text);
    }
    let table = language_names(language);
    let words = words_of(text, table.fold_word, table.script);
    let mut out: Vec<&'static str> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let found = word_forms(&words[i], table.script)
            .iter()
            .filter_map(|form| table.names.get(form))
            .flatten()
            .find(|(name, _)| {
                words.len() - i >= name.len() && name[1..] == words[i + 1..i + name.len()]
            });
        match found {
            Some((name, state)) => {
                if !out.contains(state) {
                    out.push(state);
                }
                i += name.len();
            }
            None => i += 1,
        }
    }
    out
}

/// The States an English text names, in text order, each once.
fn mentioned_in_order(text: &str) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for m in mentions(text) {
        if !out.contains(&m.state) {
            out.push(m.state);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_state_is_explained_with_the_nearest_names() {
        assert_eq!(resolve_or_explain("turkiye"), Ok("Türkiye"));
        assert_eq!(
            resolve_or_explain("Narnia"),
            Err("Narnia: not a State undoc knows; did you mean Armenia?".to_owned())
        );
    }

    #[test]
    fn names_in_any_case_and_lists() {
        assert_eq!(canonical("ALGERIA"), Some("Algeria"));
        assert_eq!(canonical("TÜRKİYE"), Some("Türkiye"));
        assert_eq!(canonical("COTE D'IVOIRE"), Some("Côte d'Ivoire"));
        assert_eq!(canonical("UNITED STATES"), Some("United States of America"));
        assert_eq!(canonical("Narnia"), None);
        assert_eq!(
            split_list(
                "Bolivia (Plurinational State of), Egypt, Bosnia and Herzegovina and State of Palestine"
            ),
            [
                "Bolivia (Plurinational State of)",
                "Egypt",
                "Bosnia and Herzegovina",
                "State of Palestine"
            ]
        );
        assert_eq!(
            split_list("Antigua and Barbuda and Trinidad and Tobago"),
            ["Antigua and Barbuda", "Trinidad and Tobago"]
        );
        assert_eq!(
            split_list("submitted by the Committee on Information"),
            ["submitted by the Committee on Information"]
        );
    }

    /// Guards `search --state azerbaijan`, `Turkey`, `Turkiye`, `Iran`,
    /// `Russia`, which found nothing, silently.
    #[test]
    fn what_readers_type_for_a_state() {
        for (typed, state) in [
            ("azerbaijan", "Azerbaijan"),
            ("Turkey", "Türkiye"),
            ("Turkiye", "Türkiye"),
            ("Iran", "Iran (Islamic Republic of)"),
            ("Russia", "Russian Federation"),
            ("Syria", "Syrian Arab Republic"),
            ("Bolivia", "Bolivia (Plurinational State of)"),
            ("Venezuela", "Venezuela (Bolivarian Republic of)"),
            ("Moldova", "Republic of Moldova"),
            ("Czech Republic", "Czechia"),
            ("the Netherlands", "Netherlands (Kingdom of the)"),
            ("Ivory Coast", "Côte d'Ivoire"),
            ("Swaziland", "Eswatini"),
            ("Burma", "Myanmar"),
            ("Macedonia", "North Macedonia"),
            ("East Timor", "Timor-Leste"),
            ("Cape Verde", "Cabo Verde"),
        ] {
            assert_eq!(resolve(typed), Ok(state), "{typed}");
        }
        assert_eq!(
            resolve("Azerbajan").unwrap_err().first(),
            Some(&"Azerbaijan")
        );
        assert!(resolve("Narnia").unwrap_err().len() <= 3);
    }

    #[test]
    fn the_table_has_every_state_once() {
        assert_eq!(all().len(), 195);
        let mut names = all().to_vec();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), 195);
    }

    #[test]
    fn variants_map_to_short_names() {
        assert_eq!(first("the Republic of Türkiye"), Some("Türkiye"));
        assert_eq!(first("Turkey"), Some("Türkiye"));
        assert_eq!(
            first("the Islamic Republic of Iran"),
            Some("Iran (Islamic Republic of)")
        );
        assert_eq!(first("Russia’s aggression"), Some("Russian Federation"));
        assert_eq!(first("Cote d'Ivoire"), Some("Côte d'Ivoire"));
        assert_eq!(first("Palestine"), Some("State of Palestine"));
    }

    #[test]
    fn longer_names_win_and_words_are_whole() {
        assert_eq!(
            mentioned("Papua New Guinea and Nigeria"),
            vec!["Nigeria", "Papua New Guinea"]
        );
        assert_eq!(
            mentioned("the Democratic Republic of the Congo"),
            vec!["Democratic Republic of the Congo"]
        );
        assert_eq!(
            mentioned("Armenian forces, Azerbaijani people"),
            Vec::<&str>::new()
        );
        assert_eq!(
            mentioned("South Sudan and Sudan"),
            vec!["South Sudan", "Sudan"]
        );
    }

    #[test]
    fn states_named_in_the_other_languages() {
        let lang = |code| undoc_lang::get(code).unwrap_or_else(|| panic!("{code}"));
        for (code, text, want) in [
            (
                "es",
                "el Representante Permanente de Egipto ante las Naciones Unidas",
                &["Egypt"][..],
            ),
            (
                "ru",
                "постоянных представителей Новой Зеландии и Норвегии при Организации Объединенных Наций",
                &["New Zealand", "Norway"],
            ),
            ("ru", "Постоянного представителя Египта", &["Egypt"]),
            (
                "fr",
                "le Représentant permanent de l’Azerbaïdjan auprès de l’Organisation",
                &["Azerbaijan"],
            ),
            (
                "ar",
                "الممثل الدائم لأذربيجان لدى الأمم المتحدة",
                &["Azerbaijan"],
            ),
            ("ar", "الممثل الدائم للنرويج لدى الأمم المتحدة", &["Norway"]),
            ("zh", "阿塞拜疆常驻联合国代表", &["Azerbaijan"]),
            (
                "fr",
                "la Papouasie-Nouvelle-Guinée et la Guinée",
                &["Papua New Guinea", "Guinea"],
            ),
            ("es", "el Secretario General", &[]),
        ] {
            assert_eq!(in_language(text, lang(code)), want, "{code}: {text}");
        }
    }
}
