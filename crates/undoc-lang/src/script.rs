//! Scripts: which languages a short text (a search query) can be read in.

/// The writing system of a language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    Latin,
    Cyrillic,
    Arabic,
    Han,
}

impl Script {
    /// The script a letter belongs to; `None` for digits, symbols and other scripts.
    pub fn of(c: char) -> Option<Script> {
        match c {
            'a'..='z' | 'A'..='Z' | '\u{00C0}'..='\u{024F}' => Some(Script::Latin),
            '\u{0400}'..='\u{04FF}' => Some(Script::Cyrillic),
            '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' => Some(Script::Arabic),
            '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' => Some(Script::Han),
            _ => None,
        }
    }
}

/// The scripts a short text is written in, which say which languages can
/// read it: Cyrillic words are read in the Cyrillic-script languages, Arabic
/// letters in Arabic, Han characters in Chinese alone, Latin letters in every
/// language but Chinese. Both
/// search engines choose the languages a query is read in by this.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scripts {
    pub latin: bool,
    pub cyrillic: bool,
    pub arabic: bool,
    pub han: bool,
}

impl Scripts {
    pub fn of(text: &str) -> Scripts {
        let mut s = Scripts::default();
        for c in text.chars() {
            match Script::of(c) {
                Some(Script::Latin) => s.latin = true,
                Some(Script::Cyrillic) => s.cyrillic = true,
                Some(Script::Arabic) => s.arabic = true,
                Some(Script::Han) => s.han = true,
                None => {}
            }
        }
        s
    }

    fn has(self, script: Script) -> bool {
        match script {
            Script::Latin => self.latin,
            Script::Cyrillic => self.cyrillic,
            Script::Arabic => self.arabic,
            Script::Han => self.han,
        }
    }

    /// Whether a text in `language` (ISO 639-1) can be matched by these
    /// scripts. Digits and symbols alone (no letters) are read in every
    /// language but Chinese, whose fields only Han characters reach; a
    /// language undoc does not know is read as Latin.
    pub fn can_read(self, language: &str) -> bool {
        let script = crate::get(language).map_or(Script::Latin, |l| l.script);
        let others = [Script::Latin, Script::Cyrillic, Script::Arabic, Script::Han]
            .into_iter()
            .filter(|s| *s != script && *s != Script::Latin)
            .any(|s| self.has(s));
        match script {
            Script::Han => self.han,
            Script::Latin => self.latin || !(self.cyrillic || self.arabic || self.han),
            _ => self.has(script) || !others,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Latin words are read in Russian and Arabic texts too: those write
    /// symbols, acronyms and names ("COVID-19") in Latin letters. Only Han
    /// characters reach Chinese. (ARCHITECTURE.md said Latin words were read
    /// in the Latin-script languages alone; this reading is the one kept.)
    #[test]
    fn scripts_choose_the_languages_that_read_a_query() {
        let reads = |q: &str| {
            ["en", "fr", "ru", "ar", "zh"]
                .into_iter()
                .filter(|l| Scripts::of(q).can_read(l))
                .collect::<Vec<_>>()
        };
        assert_eq!(reads("visas"), ["en", "fr", "ru", "ar"]);
        assert_eq!(reads("визами"), ["ru"]);
        assert_eq!(reads("تأشيرة"), ["ar"]);
        assert_eq!(reads("签证"), ["zh"]);
        assert_eq!(reads("60/251"), ["en", "fr", "ru", "ar"]);
    }
}
