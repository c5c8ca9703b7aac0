//! "Cite this": a document as a reference list and a reference manager
//! want it. The text form gives what the Dag Hammarskjöld Library asks a
//! citation of a UN document to hold: the creator (the United Nations and
//! the organs it was issued for), the title, the symbol, the date and the
//! permalink. BibTeX (`@techreport`), RIS (`RPRT`) and CSL-JSON (`report`)
//! carry the same fields, so Zotero files it as a report numbered by its
//! symbol.

use serde::Serialize;
use undoc_model::Record;

/// The forms a citation is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CiteFormat {
    Text,
    Bibtex,
    Ris,
    CslJson,
}

impl CiteFormat {
    /// Every form with its name (the CLI's `--format`, the API's `format`)
    /// and media type.
    pub const NAMED: [(&'static str, CiteFormat, &'static str); 4] = [
        ("text", CiteFormat::Text, "text/plain; charset=utf-8"),
        (
            "bibtex",
            CiteFormat::Bibtex,
            "application/x-bibtex; charset=utf-8",
        ),
        (
            "ris",
            CiteFormat::Ris,
            "application/x-research-info-systems",
        ),
        (
            "csl-json",
            CiteFormat::CslJson,
            "application/vnd.citationstyles.csl+json",
        ),
    ];

    pub fn named(name: &str) -> Option<(CiteFormat, &'static str)> {
        Self::NAMED
            .iter()
            .find(|(n, _, _)| *n == name)
            .map(|(_, format, media)| (*format, *media))
    }
}

/// What a citation of one document says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    /// "United Nations General Assembly", "United Nations Security Council";
    /// "United Nations" alone for a document of no named organ.
    pub creators: Vec<String>,
    pub title: String,
    /// The symbol as the UN prints a joint one: "A/79/818-S/2025/156".
    pub symbol: String,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    pub url: Option<String>,
    /// ISO 639-1.
    pub language: String,
    /// "Letter", "Resolution", …: what kind of document it is.
    pub genre: &'static str,
}

/// The citation of a record.
pub fn citation(record: &Record) -> Citation {
    let mut creators: Vec<String> = Vec::new();
    for body in &record.bodies {
        let name = match undoc_model::organ_name(&body.organ) {
            Some(name) => format!("United Nations {name}"),
            None if body.organ == "ST" => "United Nations Secretariat".to_owned(),
            None => continue,
        };
        if !creators.contains(&name) {
            creators.push(name);
        }
    }
    if creators.is_empty() {
        creators.push("United Nations".to_owned());
    }
    let symbol = if record.symbols.is_empty() {
        record.id.clone()
    } else {
        record.symbols.join("-")
    };
    Citation {
        creators,
        title: record
            .title
            .clone()
            .or_else(|| record.letter_title.clone())
            .unwrap_or_else(|| symbol.clone()),
        symbol,
        date: record.date.clone(),
        url: crate::table::permalink(record),
        language: record.language.clone(),
        genre: genre(record.doc_type),
    }
}

fn genre(doc_type: undoc_model::DocType) -> &'static str {
    use undoc_model::DocType;
    match doc_type {
        DocType::Letter | DocType::IdenticalLetters => "Letter",
        DocType::NoteVerbale => "Note verbale",
        DocType::Resolution => "Resolution",
        DocType::DraftResolution => "Draft resolution",
        DocType::Decision => "Decision",
        DocType::Report => "Report",
        DocType::MeetingRecord => "Meeting record",
        DocType::Agenda => "Agenda",
        _ => "Document",
    }
}

impl Citation {
    pub fn write(&self, format: CiteFormat) -> String {
        match format {
            CiteFormat::Text => self.text(),
            CiteFormat::Bibtex => self.bibtex(),
            CiteFormat::Ris => self.ris(),
            CiteFormat::CslJson => self.csl_json(),
        }
    }

    /// "United Nations, General Assembly and Security Council, Letter dated
    /// …, A/79/818-S/2025/156 (12 March 2025). Available from
    /// https://undocs.org/en/A/79/818."
    pub fn text(&self) -> String {
        let organs: Vec<&str> = self
            .creators
            .iter()
            .filter_map(|c| c.strip_prefix("United Nations "))
            .collect();
        let mut text = String::from("United Nations");
        if !organs.is_empty() {
            text.push_str(", ");
            text.push_str(&join_as_words(&organs));
        }
        text.push_str(", ");
        text.push_str(self.title.trim_end_matches('.'));
        text.push_str(", ");
        text.push_str(&self.symbol);
        if let Some(date) = &self.date {
            text.push_str(&format!(" ({})", crate::akn::long_date(date)));
        }
        text.push('.');
        if let Some(url) = &self.url {
            text.push_str(&format!(" Available from {url}."));
        }
        text
    }

    /// A BibTeX entry keyed by the symbol (`A_79_818`).
    pub fn bibtex(&self) -> String {
        let mut fields: Vec<(&str, String)> = vec![
            (
                "author",
                self.creators
                    .iter()
                    .map(|c| format!("{{{}}}", bibtex_text(c)))
                    .collect::<Vec<_>>()
                    .join(" and "),
            ),
            ("title", format!("{{{}}}", bibtex_text(&self.title))),
            ("institution", "United Nations".to_owned()),
            ("type", self.genre.to_owned()),
            ("number", bibtex_text(&self.symbol)),
        ];
        if let Some(date) = &self.date {
            if let Some(year) = date.get(..4) {
                fields.push(("year", year.to_owned()));
            }
            fields.push(("date", date.clone()));
        }
        if let Some(url) = &self.url {
            fields.push(("url", url.clone()));
        }
        if let Some(language) = undoc_lang::get(&self.language) {
            fields.push(("langid", language.english_name.to_lowercase()));
        }
        let mut entry = format!("@techreport{{{},\n", bibtex_key(&self.symbol));
        for (name, value) in fields {
            entry.push_str(&format!("  {name} = {{{value}}},\n"));
        }
        entry.push_str("}\n");
        entry
    }

    /// An RIS record (`TY  - RPRT` … `ER  - `).
    pub fn ris(&self) -> String {
        let mut lines: Vec<(&str, String)> = vec![("TY", "RPRT".to_owned())];
        for creator in &self.creators {
            lines.push(("AU", creator.clone()));
        }
        lines.push(("TI", self.title.clone()));
        lines.push(("PB", "United Nations".to_owned()));
        lines.push(("M3", self.genre.to_owned()));
        lines.push(("SN", self.symbol.clone()));
        if let Some(date) = &self.date {
            if let Some(year) = date.get(..4) {
                lines.push(("PY", year.to_owned()));
            }
            lines.push(("DA", date.replace('-', "/")));
        }
        if let Some(url) = &self.url {
            lines.push(("UR", url.clone()));
        }
        lines.push(("LA", self.language.clone()));
        lines.push(("ER", String::new()));
        let mut ris = String::new();
        for (tag, value) in lines {
            // One field a line: a line break inside a value would end it.
            let value = value.replace(['\r', '\n'], " ");
            ris.push_str(&format!("{tag}  - {value}\n"));
        }
        ris
    }

    /// A CSL-JSON item (an array of one, as citation processors read files).
    pub fn csl_json(&self) -> String {
        #[derive(Serialize)]
        struct Name<'a> {
            literal: &'a str,
        }
        #[derive(Serialize)]
        struct Issued {
            #[serde(rename = "date-parts")]
            date_parts: Vec<Vec<u32>>,
        }
        #[derive(Serialize)]
        struct Item<'a> {
            id: &'a str,
            #[serde(rename = "type")]
            kind: &'static str,
            title: &'a str,
            author: Vec<Name<'a>>,
            publisher: &'static str,
            number: &'a str,
            genre: &'static str,
            #[serde(skip_serializing_if = "Option::is_none")]
            issued: Option<Issued>,
            #[serde(rename = "URL", skip_serializing_if = "Option::is_none")]
            url: Option<&'a str>,
            language: &'a str,
        }
        let issued = self.date.as_deref().and_then(|date| {
            let parts: Vec<u32> = date.split('-').map_while(|p| p.parse().ok()).collect();
            (!parts.is_empty()).then_some(Issued {
                date_parts: vec![parts],
            })
        });
        let item = Item {
            id: &self.symbol,
            kind: "report",
            title: &self.title,
            author: self.creators.iter().map(|c| Name { literal: c }).collect(),
            publisher: "United Nations",
            number: &self.symbol,
            genre: self.genre,
            issued,
            url: self.url.as_deref(),
            language: &self.language,
        };
        let mut json = serde_json::to_string_pretty(&[item]).unwrap_or_default();
        json.push('\n');
        json
    }
}

/// "A", "A and B", "A, B and C".
fn join_as_words(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// A BibTeX key: the symbol's letters and digits, the rest as `_`.
fn bibtex_key(symbol: &str) -> String {
    symbol
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

/// Text inside a braced BibTeX value: the characters TeX reads as commands
/// escaped, braces (which would unbalance the value) included.
fn bibtex_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' | '}' | '&' | '%' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            '\r' | '\n' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn organs_are_joined_as_words() {
        assert_eq!(join_as_words(&["General Assembly"]), "General Assembly");
        assert_eq!(
            join_as_words(&[
                "General Assembly",
                "Security Council",
                "Economic and Social Council"
            ]),
            "General Assembly, Security Council and Economic and Social Council"
        );
    }

    #[test]
    fn tex_commands_in_a_title_are_escaped() {
        assert_eq!(
            bibtex_text("50% & {x}_1 \\end"),
            "50\\% \\& \\{x\\}\\_1 \\textbackslash{}end"
        );
        assert_eq!(bibtex_key("S/RES/822 (1993)"), "S_RES_822__1993_");
    }
}
