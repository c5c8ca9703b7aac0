/*!
The languages undoc reads, one module per language under `languages/`, each
a [`Language`] value holding everything the other crates need to know of it:
its codes and names, its script, how its mastheads write dates, sessions,
distribution, the original language, organs and agenda items, how its
letters are phrased, the lead words of its references, how search analyses
it and which OCR model reads it.

Nothing language-specific lives anywhere else: the parser, the reference
scanner, both search engines, the exports and the server read these values.
Adding a language is one module and its entry in [`LANGUAGES`];
[`Language::missing_parts`] (run over every language by this crate's tests)
says what an official language still lacks.
*/

mod detect;
pub use detect::detect;
mod languages;
pub mod script;

pub use languages::LANGUAGES;
pub use script::{Script, Scripts};
use undoc_model::{Distribution, DocType, ReferenceKind};

/// Everything undoc knows of one language. All words are as printed; the
/// readers compare them case-insensitively where the script has cases.
#[derive(Debug)]
pub struct Language {
    /// ISO 639-1: the code records carry ("fr").
    pub code: &'static str,
    /// ISO 639-2/T ("fra"): Akoma Ntoso's language attribute.
    pub iso639_2t: &'static str,
    /// ISO 639-2/B ("fre"): MARC's 041 and 008.
    pub iso639_2b: &'static str,
    /// The letter the UN's job numbers give the language ("23-17652 (S)").
    pub un_letter: char,
    /// One of the UN's six official languages.
    pub official: bool,
    pub english_name: &'static str,
    /// The language's name for itself, as a language menu shows it.
    pub endonym: &'static str,
    pub script: Script,
    /// How dates name each month (every accepted form, lower case).
    pub months: [&'static [&'static str]; 12],
    /// Words a date may carry between or after its parts ("de", "года").
    pub date_words: &'static [&'static str],
    /// Words that join the days and months of a period, as a masthead gives
    /// a session's dates ("16 juin au 11 juillet 2025", "5 y 6 de mayo").
    pub range_words: &'static [&'static str],
    /// Ordinal words ("quatre-vingtième", "octogésimo") as a number.
    pub ordinal: fn(&str) -> Option<u32>,
    /// How this language names languages ("anglais" → "en"), lower case.
    pub language_names: &'static [(&'static str, &'static [&'static str])],
    /// The label of the "Original:" line.
    pub original_labels: &'static [&'static str],
    /// The word after "Distr." and what it means.
    pub distribution: &'static [(&'static str, Distribution)],
    /// The Organization's name, heading the masthead ("Nations Unies").
    pub un_name: &'static [&'static str],
    /// Organ names as a masthead prints them, with their symbol prefix.
    pub organs: &'static [(&'static str, &'static str)],
    /// Organ names as running text writes them (inflected forms included).
    pub organs_in_text: &'static [(&'static str, &'static str)],
    /// Session and year lines: ordinal words between a prefix and a suffix.
    pub sessions: &'static [SessionForm],
    pub agenda: Agenda,
    /// Title openings (or, for Chinese, endings) and the type they give.
    pub title_forms: &'static [TitleForm],
    pub letters: LetterPhrases,
    /// Words that lead a resolution or decision number, every case form.
    pub reference_leads: &'static [(&'static str, ReferenceKind)],
    pub search: Analysis,
    /// Tesseract's model for the language.
    pub ocr_model: &'static str,
    /// The States' names in the language: lines of the short English name
    /// then the language's names, tab-separated (may be empty).
    pub state_names: &'static str,
    /// A word as names are compared: Russian drops case endings, Arabic
    /// its vowel marks.
    pub fold_word: fn(&str) -> String,
}

/// Which session a session line names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionKind {
    Regular,
    Special,
    EmergencySpecial,
    /// A Security Council year ("Quatre-vingtième année"): the calendar year.
    Year,
}

/// A session line: `prefix`, ordinal words, `suffix` (lower case).
#[derive(Debug, Clone, Copy)]
pub struct SessionForm {
    pub prefix: &'static str,
    pub suffix: &'static str,
    pub kind: SessionKind,
}

/// Agenda item lines of the masthead ("Points 13 et 117 de l’ordre du jour").
#[derive(Debug, Clone, Copy)]
pub struct Agenda {
    /// Openings before the numbers (lower case), and whether they say "provisional".
    pub leads: &'static [(&'static str, bool)],
    /// Where the numbers end ("de l’ordre du jour"); the first found cuts.
    pub ends: &'static [&'static str],
    /// Words after the numbers that make the agenda provisional.
    pub provisional: &'static [&'static str],
    /// "and" between numbers, spaced as written (" et ", "和").
    pub and_words: &'static [&'static str],
    /// Sub-item letters as written ("(أ)") and in Latin ("(a)").
    pub item_letters: &'static [(&'static str, &'static str)],
}

/// Where a title form is found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Affix {
    Start,
    End,
}

#[derive(Debug, Clone, Copy)]
pub struct TitleForm {
    pub words: &'static str,
    pub at: Affix,
    pub doc_type: DocType,
}

/// How the language phrases letters and notes verbales.
#[derive(Debug, Clone, Copy)]
pub struct LetterPhrases {
    /// A regular expression reading a letter's title, with the named groups
    /// `date`, `sender` and `to` (addressees).
    pub title: &'static str,
    /// Between addressees ("et", "y", "и", "و", "和"): a regular expression;
    /// what its group `keep` matches opens the next addressee (Arabic attaches
    /// "and" to the word: "ورئيس").
    pub addressee_separator: &'static str,
    /// Articles and prepositions opening a sender or an addressee, dropped.
    pub articles: &'static [&'static str],
    /// Offices of the United Nations: a sender holding one speaks for no State.
    pub un_offices: &'static [&'static str],
    /// What opens a signature line ("(Signé)").
    pub signed: &'static [&'static str],
    /// What opens an annex heading ("Annexe", "Приложение"; for Chinese what ends it).
    pub annex: &'static [&'static str],
    pub annex_at: Affix,
    /// A regular expression finding the request to circulate the letter as a document.
    pub circulation: &'static str,
    /// A regular expression capturing, as group 1, the agenda item numbers of a request.
    pub agenda_in_text: &'static str,
    /// Joins the names of several States into one sender.
    pub and_word: &'static str,
}

/// How search reads text in the language.
#[derive(Debug, Clone, Copy)]
pub struct Analysis {
    /// The Snowball stemmer, by tantivy's name for it ("French"); `None` keeps words as written.
    pub stemmer: Option<&'static str>,
    /// Whether words are cut from unspaced text (Chinese) rather than at spaces.
    pub segmented: bool,
    /// PostgreSQL's text search configuration.
    pub postgres_config: &'static str,
}

impl Language {
    /// The name of the tantivy analyzer reading this language.
    pub fn analyzer(&self) -> String {
        if self.search.segmented {
            format!("{}_jieba", self.code)
        } else if self.search.stemmer.is_some() {
            format!("{}_stem", self.code)
        } else {
            "default".to_owned()
        }
    }

    /// The month (1–12) a date word names.
    pub fn month(&self, word: &str) -> Option<u8> {
        let lower = word.to_lowercase();
        let word = lower.trim_end_matches('.');
        self.months
            .iter()
            .position(|forms| forms.contains(&word))
            .and_then(|i| u8::try_from(i + 1).ok())
    }

    /// What an official language lacks of what undoc reads in one; empty when complete.
    pub fn missing_parts(&self) -> Vec<&'static str> {
        let mut missing = Vec::new();
        let mut lacks = |empty: bool, part: &'static str| {
            if empty {
                missing.push(part);
            }
        };
        lacks(self.code.len() != 2, "ISO 639-1 code");
        lacks(self.iso639_2t.len() != 3, "ISO 639-2/T code");
        lacks(self.iso639_2b.len() != 3, "ISO 639-2/B code");
        lacks(self.english_name.is_empty(), "English name");
        lacks(self.endonym.is_empty(), "endonym");
        lacks(self.months.iter().any(|m| m.is_empty()), "month names");
        lacks((self.ordinal)("").is_some(), "ordinal reader");
        lacks(
            !self
                .language_names
                .iter()
                .any(|(code, names)| *code == self.code && !names.is_empty()),
            "its own name among the language names",
        );
        lacks(
            languages::OFFICIAL_CODES
                .iter()
                .any(|code| !self.language_names.iter().any(|(c, _)| c == code)),
            "names of the six official languages",
        );
        lacks(self.original_labels.is_empty(), "the Original label");
        lacks(self.range_words.is_empty(), "the words of a period");
        lacks(self.distribution.len() < 2, "distribution words");
        lacks(
            ["A", "S", "E"]
                .iter()
                .any(|p| !self.organs.iter().any(|(_, prefix)| prefix == p)),
            "the principal organs' names",
        );
        lacks(
            self.organs_in_text.is_empty(),
            "organ names in running text",
        );
        lacks(self.un_name.is_empty(), "the Organization's name");
        for kind in [
            SessionKind::Regular,
            SessionKind::Special,
            SessionKind::EmergencySpecial,
            SessionKind::Year,
        ] {
            lacks(
                !self.sessions.iter().any(|s| s.kind == kind),
                "a session form of each kind",
            );
        }
        lacks(self.agenda.leads.is_empty(), "agenda lines");
        lacks(self.agenda.and_words.is_empty(), "agenda conjunctions");
        for kind in [
            DocType::Letter,
            DocType::IdenticalLetters,
            DocType::NoteVerbale,
            DocType::Resolution,
            DocType::DraftResolution,
        ] {
            lacks(
                !self.title_forms.iter().any(|f| f.doc_type == kind),
                "title forms of letters, notes verbales and resolutions",
            );
        }
        let l = &self.letters;
        for (pattern, part) in [
            (l.title, "the letter title"),
            (l.circulation, "the circulation request"),
            (l.agenda_in_text, "agenda items in a request"),
        ] {
            lacks(pattern.is_empty(), part);
        }
        lacks(
            ["(?P<date>", "(?P<sender>", "(?P<to>"]
                .iter()
                .any(|g| !l.title.contains(g)),
            "the letter title's date, sender and addressees",
        );
        lacks(l.addressee_separator.is_empty(), "addressee separators");
        lacks(l.un_offices.is_empty(), "United Nations offices");
        lacks(l.signed.is_empty(), "the signature mark");
        lacks(l.annex.is_empty(), "annex headings");
        lacks(l.and_word.is_empty(), "the word joining States");
        lacks(
            !self
                .reference_leads
                .iter()
                .any(|(_, k)| *k == ReferenceKind::Resolution)
                || !self
                    .reference_leads
                    .iter()
                    .any(|(_, k)| *k == ReferenceKind::Decision),
            "reference lead words",
        );
        lacks(
            self.search.postgres_config.is_empty(),
            "a PostgreSQL configuration",
        );
        lacks(
            self.search.stemmer.is_none() && !self.search.segmented,
            "a search analysis",
        );
        lacks(self.ocr_model.is_empty(), "an OCR model");
        lacks(self.state_names.lines().count() < 150, "the States' names");
        missing.sort_unstable();
        missing.dedup();
        missing
    }
}

/// The language with this code, in any of its forms: ISO 639-1, 639-2/T or
/// /B, case-insensitive.
pub fn get(code: &str) -> Option<&'static Language> {
    let code = code.trim().to_ascii_lowercase();
    LANGUAGES
        .iter()
        .copied()
        .find(|l| l.code == code || l.iso639_2t == code || l.iso639_2b == code)
}

/// The six official languages, in the UN's order of their English names.
pub fn official() -> impl Iterator<Item = &'static Language> {
    LANGUAGES.iter().copied().filter(|l| l.official)
}

/// The English name of a language by its ISO 639-1 code ("fr" → "French");
/// the code itself for a language undoc has no name for.
pub fn english_name(code: &str) -> &str {
    get(code).map_or(code, |l| l.english_name)
}

/// A language named in any language undoc knows ("anglais", "بالإنكليزية",
/// "英文", "English"), as its ISO 639-1 code.
pub fn named(name: &str) -> Option<&'static str> {
    let lower = name.trim().trim_end_matches(['.', '*', ' ']).to_lowercase();
    // Arabic writes "in English" as one word: بالإنكليزية.
    let bare = lower.strip_prefix("بال").map(|r| format!("ال{r}"));
    let candidates = [
        Some(lower.as_str()),
        lower.strip_prefix("ال"),
        bare.as_deref(),
    ];
    LANGUAGES.iter().find_map(|l| {
        l.language_names.iter().find_map(|(code, names)| {
            candidates
                .iter()
                .flatten()
                .any(|c| names.contains(c))
                .then_some(*code)
        })
    })
}

/// Arabic-Indic digits as ASCII.
pub fn ascii_digits(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
            '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
            c => c,
        })
        .collect()
}

/// The lower-cased word, as most languages compare names.
pub fn lower_word(word: &str) -> String {
    word.to_lowercase().replace('’', "'")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_official_language_is_complete() {
        for language in official() {
            assert_eq!(
                language.missing_parts(),
                Vec::<&str>::new(),
                "{} lacks parts",
                language.english_name
            );
        }
        assert_eq!(official().count(), 6);
    }

    /// German is carried by the Akoma Ntoso corpus and added in one file,
    /// `languages/de.rs`: it is read wherever a language is, and passes the
    /// same completeness test but for what only the UN's languages have (the
    /// official-language names are its own; the States' names are not kept).
    #[test]
    fn a_language_added_in_one_file_is_complete() {
        let german = get("de").unwrap_or_else(|| panic!("German is not registered"));
        assert_eq!(german.missing_parts(), ["the States' names"]);
        assert_eq!(get("ger").map(|l| l.code), Some("de"));
        assert_eq!(named("Französisch"), Some("fr"));
        assert_eq!(german.month("März"), Some(3));
    }

    /// The patterns are compiled where they are used (the parser); here
    /// they are checked to compile at all, as the `regex` crate reads them.
    #[test]
    fn every_pattern_compiles() {
        for l in LANGUAGES {
            let p = &l.letters;
            for pattern in [
                p.title,
                p.addressee_separator,
                p.circulation,
                p.agenda_in_text,
            ] {
                if let Err(e) = regex::Regex::new(pattern) {
                    panic!("{}: {pattern}: {e}", l.code);
                }
            }
        }
    }

    #[test]
    fn codes_and_names_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for l in LANGUAGES {
            for code in [l.code, l.iso639_2t, l.iso639_2b] {
                assert!(
                    seen.insert((code, l.code)) || code == l.iso639_2b,
                    "{code} twice"
                );
                assert_eq!(get(code).map(|g| g.code), Some(l.code), "{code}");
            }
            for other in LANGUAGES {
                assert!(
                    l.code == other.code || l.un_letter != other.un_letter,
                    "{} and {} share a UN letter",
                    l.code,
                    other.code
                );
            }
        }
    }

    #[test]
    fn languages_named_in_each_language() {
        for (name, code) in [
            ("anglais", "en"),
            ("inglés", "en"),
            ("английский", "en"),
            ("بالإنكليزية", "en"),
            ("الإنكليزية", "en"),
            ("英文", "en"),
            ("English", "en"),
            ("espagnol", "es"),
            ("русский", "ru"),
            ("Nowhere", ""),
        ] {
            assert_eq!(named(name).unwrap_or(""), code, "{name}");
        }
    }

    #[test]
    fn every_state_line_names_a_state() {
        for l in LANGUAGES {
            for line in l.state_names.lines() {
                let mut cells = line.split('\t');
                let english = cells.next().unwrap_or_default();
                assert!(!english.is_empty(), "{}: empty line", l.code);
                assert!(
                    l.code == "en" || cells.next().is_some(),
                    "{}: {english} has no name",
                    l.code
                );
            }
        }
    }
}
