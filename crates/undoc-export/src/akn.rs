/*!
Akoma Ntoso 3.0 as the UN uses it (AKN4UN): one XML document per record and
language.

- Identification by FRBR IRIs `/akn/un/{type}/{subtype}/{actor}/{date}/{number}`
  (work), `…/{lang}@` (expression), `…/{lang}@.xml` (manifestation), where the
  number is the symbol with `/` written `-` and spaces `_`. Resolutions are
  `statement`s of subtype `deliberation` numbered without their `A/RES/`
  prefix, as the UN's own AKN files number them (`80-1`); every other
  document is a `doc` named and subtyped by its type (`letter`, `report`, …).
- The cover page carries the masthead: `docAuthority`, `docNumber` (every
  symbol), `docStatus`, `docDate`, `session`, agenda items, `docTitle`, and for
  letters the sender as `docProponent`.
- The body keeps the record's paragraphs in order; every reference becomes a
  `<ref href>` to its permalink at exactly its span, quotations are
  `blockContainer`s of class `quotation`, signatures `signature` with the signatory as `person` and the
  titles as `role`.
- TLC entries name the organs, the States (sender and mentioned) and the
  persons, so `refersTo` always points at something declared.

The output is checked against the OASIS schema with `xmllint --schema` in
the tests.
*/

use std::fmt::Write as _;

use quick_xml::escape::{escape, partial_escape};
use undoc_akn::{NAMESPACE, document_kind, language_code, organ_ids, slug};
use undoc_model::{DocType, ParagraphKind, Record};

/// A component of an AKN IRI: `/` written `-`, spaces `_`.
fn iri_component(s: &str) -> String {
    s.trim()
        .chars()
        .map(|c| match c {
            '/' | ':' => '-',
            c if c.is_whitespace() => '_',
            c => c,
        })
        .collect()
}

/// The date that names the work: the issue date, else the letter's own,
/// else the AKN convention for an unknown date.
fn work_date(r: &Record) -> &str {
    r.date
        .as_deref()
        .or_else(|| r.letter.as_ref().and_then(|l| l.date.as_deref()))
        .filter(|d| is_iso_date(d))
        .unwrap_or("0001-01-01")
}

fn is_iso_date(d: &str) -> bool {
    let b = d.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// The work IRI without a trailing slash:
/// `/akn/un/doc/letter/unga/2021-05-11/A-75-861`.
pub fn work_iri(r: &Record) -> String {
    let (kind, subtype) = document_kind(r.doc_type);
    let actor = r
        .bodies
        .first()
        .map(|b| organ_ids(&b.organ).0)
        .or_else(|| {
            r.symbols
                .first()
                .and_then(|s| s.split('/').next())
                .map(|o| organ_ids(o).0)
        })
        .unwrap_or_else(|| "un".to_owned());
    let number = match r.symbols.first() {
        Some(symbol) if r.doc_type == DocType::Resolution => {
            // "A/RES/80/1" → "80-1", as the UN's own files number resolutions.
            let bare = symbol
                .split_once("/RES/")
                .map_or(symbol.as_str(), |(_, n)| n);
            iri_component(bare)
        }
        Some(symbol) => iri_component(symbol),
        None => iri_component(&r.id),
    };
    format!("/akn/un/{kind}/{subtype}/{actor}/{}/{number}", work_date(r))
}

/// The file an AKN export writes a record to: its id as an IRI component and
/// its language (`A-75-861.eng.xml`).
pub fn file_name(r: &Record) -> String {
    format!(
        "{}.{}.xml",
        iri_component(&r.id),
        language_code(&r.language)
    )
}

/// "2021-05-07" → "7 May 2021", as mastheads print dates.
pub(crate) fn long_date(iso: &str) -> String {
    let mut parts = iso.splitn(3, '-');
    let (Some(y), Some(m), Some(d)) = (parts.next(), parts.next(), parts.next()) else {
        return iso.to_owned();
    };
    let month = m
        .parse::<usize>()
        .ok()
        .and_then(|m| m.checked_sub(1))
        .and_then(|i| undoc_model::MONTHS.get(i));
    match (month, d.parse::<u32>()) {
        (Some(month), Ok(day)) => format!("{day} {month} {y}"),
        _ => iso.to_owned(),
    }
}

/// 75 → "Seventy-fifth", as mastheads name sessions (1 to 199).
fn ordinal_words(n: u32) -> Option<String> {
    let below_100 = |n: u32| -> Option<String> {
        let n = usize::try_from(n).ok()?;
        match n {
            1..=19 => undoc_model::ORDINAL_UNITS.get(n).map(|s| (*s).to_owned()),
            20..=99 => {
                let (tens, tenth, _) = undoc_model::ORDINAL_TENS.get(n / 10 - 2)?;
                Some(match n % 10 {
                    0 => (*tenth).to_owned(),
                    u => format!("{tens}-{}", undoc_model::ORDINAL_UNITS.get(u)?),
                })
            }
            _ => None,
        }
    };
    let words = match n {
        1..=99 => below_100(n)?,
        100 => "one hundredth".to_owned(),
        101..=199 => format!("one hundred and {}", below_100(n - 100)?),
        _ => return None,
    };
    let mut chars = words.chars();
    let first = chars.next()?;
    Some(first.to_uppercase().chain(chars).collect())
}

/// Something the body marks inline: a reference, a person or a role.
struct Mark {
    start: usize,
    end: usize,
    open: String,
    close: &'static str,
}

/// The TLC entries a document declares, in order, without repeats.
#[derive(Default)]
struct Tlc {
    entries: Vec<(String, String)>,
}

impl Tlc {
    fn add(&mut self, eid: &str, element: String) {
        if !self.entries.iter().any(|(e, _)| e == eid) {
            self.entries.push((eid.to_owned(), element));
        }
    }

    fn organization(&mut self, eid: &str, href: &str, show_as: &str) {
        self.add(
            eid,
            format!(
                "<TLCOrganization eId=\"{}\" href=\"{}\" showAs=\"{}\"/>",
                escape(eid),
                escape(href),
                escape(show_as)
            ),
        );
    }

    fn other(&mut self, element: &str, eid: &str, href: &str, show_as: &str) {
        self.add(
            eid,
            format!(
                "<{element} eId=\"{}\" href=\"{}\" showAs=\"{}\"/>",
                escape(eid),
                escape(href),
                escape(show_as)
            ),
        );
    }
}

fn state_eid(state: &str) -> String {
    format!("state-{}", slug(state))
}

fn person_eid(name: &str) -> String {
    format!("person-{}", slug(name))
}

fn role_eid(title: &str) -> String {
    format!("role-{}", slug(title))
}

/// Writes `r` as one Akoma Ntoso document.
pub fn write_document(r: &Record, out: &mut String) {
    let (kind, _) = document_kind(r.doc_type);
    let name = document_kind(r.doc_type).1;
    let work = work_iri(r);
    let lang = language_code(&r.language);
    let date = work_date(r);

    let mut tlc = Tlc::default();
    tlc.organization("undoc", "/akn/ontology/organization/undoc", "undoc");
    tlc.organization("un", "/akn/ontology/organization/un", "United Nations");
    tlc.other(
        "TLCRole",
        "author",
        "/akn/ontology/role/un/author",
        "Author",
    );
    tlc.other(
        "TLCRole",
        "editor",
        "/akn/ontology/role/un/editor",
        "Editor",
    );
    tlc.other(
        "TLCConcept",
        "symbol",
        "/akn/ontology/reference/un/symbol",
        "Symbol",
    );
    tlc.other(
        "TLCConcept",
        "dateOfIssuance",
        "/akn/ontology/concept/un/dateOfIssuance",
        "Date of issuance",
    );
    let mut organ_eids = Vec::new();
    for body in &r.bodies {
        let (_, eid) = organ_ids(&body.organ);
        let show_as = undoc_model::organ_name(&body.organ).unwrap_or(&body.organ);
        tlc.organization(
            &eid,
            &format!("/akn/ontology/organization/un/{eid}"),
            show_as,
        );
        organ_eids.push(eid);
    }
    let author = organ_eids
        .first()
        .cloned()
        .unwrap_or_else(|| "un".to_owned());
    let sender_state = r.letter.as_ref().and_then(|l| l.sender_state.as_deref());
    let mut states: Vec<&str> = sender_state.into_iter().collect();
    states.extend(r.states_mentioned.iter().map(String::as_str));
    for state in states {
        let eid = state_eid(state);
        tlc.organization(
            &eid,
            &format!("/akn/ontology/organization/un/memberState/{}", slug(state)),
            state,
        );
    }
    for s in &r.signatories {
        let eid = person_eid(&s.name);
        tlc.other(
            "TLCPerson",
            &eid,
            &format!("/akn/ontology/person/{}", slug(&s.name)),
            &s.name,
        );
        for title in &s.titles {
            let eid = role_eid(title);
            tlc.other(
                "TLCRole",
                &eid,
                &format!("/akn/ontology/role/un/{}", slug(title)),
                title,
            );
        }
    }
    if let Some(d) = r.distribution {
        let (eid, show_as) = match d {
            undoc_model::Distribution::General => ("generalDistribution", "General distribution"),
            undoc_model::Distribution::Limited => ("limitedDistribution", "Limited distribution"),
            undoc_model::Distribution::Restricted => {
                ("restrictedDistribution", "Restricted distribution")
            }
        };
        tlc.other(
            "TLCConcept",
            eid,
            &format!("/akn/ontology/concept/un/{eid}"),
            show_as,
        );
    }

    let _ = writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    let _ = writeln!(out, "<akomaNtoso xmlns=\"{NAMESPACE}\">");
    let _ = writeln!(out, "  <{kind} name=\"{name}\">");
    out.push_str("    <meta>\n");
    out.push_str("      <identification source=\"#undoc\">\n");
    let _ = write!(
        out,
        "        <FRBRWork>\n          <FRBRthis value=\"{w}/!main\"/>\n          <FRBRuri value=\"{w}\"/>\n          <FRBRdate date=\"{date}\" name=\"{dn}\"/>\n          <FRBRauthor href=\"#{author}\" as=\"#author\"/>\n          <FRBRcountry value=\"un\"/>\n          <FRBRsubtype value=\"{name}\"/>\n          <FRBRnumber value=\"{num}\"/>\n        </FRBRWork>\n",
        w = escape(&work),
        dn = if date == "0001-01-01" {
            "unknown"
        } else {
            "issuance"
        },
        num = escape(r.symbols.first().unwrap_or(&r.id)),
    );
    let _ = write!(
        out,
        "        <FRBRExpression>\n          <FRBRthis value=\"{w}/{lang}@/!main\"/>\n          <FRBRuri value=\"{w}/{lang}@\"/>\n          <FRBRdate date=\"{date}\" name=\"publication\"/>\n          <FRBRauthor href=\"#{author}\" as=\"#author\"/>\n          <FRBRlanguage language=\"{lang}\"/>\n        </FRBRExpression>\n",
        w = escape(&work),
        lang = escape(lang),
    );
    let _ = write!(
        out,
        "        <FRBRManifestation>\n          <FRBRthis value=\"{w}/{lang}@/!main.xml\"/>\n          <FRBRuri value=\"{w}/{lang}@.xml\"/>\n          <FRBRdate date=\"{date}\" name=\"transformation\"/>\n          <FRBRauthor href=\"#undoc\" as=\"#editor\"/>\n        </FRBRManifestation>\n",
        w = escape(&work),
        lang = escape(lang),
    );
    out.push_str("      </identification>\n");
    out.push_str("      <references source=\"#undoc\">\n");
    for (_, element) in &tlc.entries {
        let _ = writeln!(out, "        {element}");
    }
    out.push_str("      </references>\n");
    out.push_str("    </meta>\n");

    write_cover_page(r, &organ_eids, out);
    write_main_body(r, out);
    let _ = writeln!(out, "  </{kind}>");
    out.push_str("</akomaNtoso>\n");
}

fn write_cover_page(r: &Record, organ_eids: &[String], out: &mut String) {
    out.push_str("    <coverPage>\n");
    out.push_str("      <p><docAuthority refersTo=\"#un\">United Nations</docAuthority></p>\n");
    if !r.symbols.is_empty() {
        out.push_str("      <p>");
        for (i, symbol) in r.symbols.iter().enumerate() {
            if i > 0 {
                out.push_str(" – ");
            }
            let _ = write!(
                out,
                "<docNumber refersTo=\"#symbol\">{}</docNumber>",
                escape(symbol)
            );
        }
        out.push_str("</p>\n");
    }
    for (body, eid) in r.bodies.iter().zip(organ_eids) {
        let name = undoc_model::organ_name(&body.organ).unwrap_or(&body.organ);
        let _ = write!(
            out,
            "      <p><docAuthority refersTo=\"#{}\">{}</docAuthority>",
            escape(eid),
            escape(name)
        );
        if let Some(period) = body.session_or_year() {
            let shown = match (&body.session, body.year) {
                (Some(undoc_model::Session::Number(n)), _) => ordinal_words(*n)
                    .map(|w| format!("{w} session"))
                    .unwrap_or_else(|| format!("Session {n}")),
                (Some(undoc_model::Session::Named(s)), _) => format!("Session {s}"),
                (None, Some(y)) => format!("Year {y}"),
                (None, None) => period.clone(),
            };
            let _ = write!(
                out,
                " <session refersTo=\"#{}\" value=\"{}\">{}</session>",
                escape(eid),
                escape(&period),
                escape(&shown)
            );
        }
        out.push_str("</p>\n");
    }
    if let Some(d) = r.distribution {
        let (eid, shown) = match d {
            undoc_model::Distribution::General => ("generalDistribution", "General"),
            undoc_model::Distribution::Limited => ("limitedDistribution", "Limited"),
            undoc_model::Distribution::Restricted => ("restrictedDistribution", "Restricted"),
        };
        let _ = writeln!(
            out,
            "      <p><docStatus refersTo=\"#{eid}\">Distr.: {shown}</docStatus></p>"
        );
    }
    if let Some(date) = r.date.as_deref().filter(|d| is_iso_date(d)) {
        let _ = writeln!(
            out,
            "      <p><docDate date=\"{date}\" refersTo=\"#dateOfIssuance\">{}</docDate></p>",
            escape(long_date(date))
        );
    }
    if let Some(original) = &r.original_language {
        let _ = writeln!(
            out,
            "      <p><inline name=\"originalLanguage\">Original: {}</inline></p>",
            escape(undoc_lang::english_name(original))
        );
    }
    for item in &r.agenda_items {
        let sub = item
            .sub
            .as_ref()
            .map(|s| format!(" ({s})"))
            .unwrap_or_default();
        let (_, eid) = organ_ids(&item.organ);
        let _ = write!(
            out,
            "      <p><inline name=\"agendaItem\" refersTo=\"#{}\">Agenda item {}{}</inline>",
            escape(&eid),
            item.number,
            escape(&sub)
        );
        if let Some(title) = &item.title {
            let _ = write!(
                out,
                " <inline name=\"agendaItemTitle\">{}</inline>",
                escape(title)
            );
        }
        out.push_str("</p>\n");
    }
    if let Some(title) = &r.title {
        let _ = writeln!(out, "      <p><docTitle>{}</docTitle></p>", escape(title));
    }
    if let Some(subtitle) = &r.subtitle {
        let _ = writeln!(
            out,
            "      <p><inline name=\"subtitle\">{}</inline></p>",
            escape(subtitle)
        );
    }
    if let Some(letter_title) = &r.letter_title {
        let _ = writeln!(
            out,
            "      <p><inline name=\"letterTitle\">{}</inline></p>",
            escape(letter_title)
        );
    }
    if let Some(letter) = &r.letter
        && let Some(sender) = &letter.sender
    {
        let refers = letter
            .sender_state
            .as_deref()
            .map(|s| format!(" refersTo=\"#{}\"", escape(state_eid(s))))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "      <p><docProponent{refers}>{}</docProponent></p>",
            escape(sender)
        );
    }
    out.push_str("    </coverPage>\n");
}

fn write_main_body(r: &Record, out: &mut String) {
    out.push_str("    <mainBody>\n");
    if r.paragraphs.is_empty() {
        out.push_str("      <p/>\n");
    }
    let mut references: Vec<&undoc_model::Reference> = r.references.iter().collect();
    references.sort_by_key(|x| (x.start, std::cmp::Reverse(x.end)));
    let mut offset = 0usize;
    for paragraph in &r.paragraphs {
        let text = paragraph.text.as_str();
        let (start, end) = (offset, offset + text.len());
        offset = end + 2;
        let mut marks: Vec<Mark> = references
            .iter()
            .filter(|x| x.start >= start && x.end <= end && x.start < x.end)
            .map(|x| Mark {
                start: x.start - start,
                end: x.end - start,
                open: format!("<ref href=\"{}\">", escape(&x.url)),
                close: "</ref>",
            })
            .collect();
        if paragraph.kind == ParagraphKind::Signature {
            marks.extend(signature_marks(r, text));
        }
        marks.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
        let (class, open, close) = match paragraph.kind {
            ParagraphKind::Body => (None, "", ""),
            ParagraphKind::Quote => (Some("quotation"), "", ""),
            ParagraphKind::Heading => (Some("heading"), "", ""),
            ParagraphKind::ListItem => (Some("listItem"), "", ""),
            ParagraphKind::Signature => (Some("signature"), "<signature>", "</signature>"),
            ParagraphKind::Annex => (Some("annex"), "", ""),
            ParagraphKind::Footnote => (Some("footnote"), "", ""),
        };
        // A quotation is a block of its own, as AKN has no inline quotation
        // element that may stand directly in a paragraph.
        let quotation = paragraph.kind == ParagraphKind::Quote;
        if quotation {
            out.push_str("      <blockContainer class=\"quotation\">");
        }
        match class {
            Some(_) if quotation => out.push_str("<p>"),
            Some(class) => {
                let _ = write!(out, "      <p class=\"{class}\">{open}");
            }
            None => out.push_str("      <p>"),
        }
        write_marked(text, &marks, out);
        out.push_str(close);
        out.push_str("</p>");
        if quotation {
            out.push_str("</blockContainer>");
        }
        out.push('\n');
    }
    out.push_str("    </mainBody>\n");
}

/// The signatory's name as `person` and each title as `role`, where the
/// signature paragraph spells them.
fn signature_marks(r: &Record, text: &str) -> Vec<Mark> {
    let mut marks = Vec::new();
    for s in &r.signatories {
        if let Some(at) = text.find(s.name.as_str()) {
            marks.push(Mark {
                start: at,
                end: at + s.name.len(),
                open: format!(
                    "<person refersTo=\"#{}\" as=\"#{}\">",
                    escape(person_eid(&s.name)),
                    escape(
                        s.titles
                            .first()
                            .map_or_else(|| "author".to_owned(), |t| role_eid(t))
                    )
                ),
                close: "</person>",
            });
        }
        for title in &s.titles {
            if let Some(at) = text.find(title.as_str()) {
                marks.push(Mark {
                    start: at,
                    end: at + title.len(),
                    open: format!("<role refersTo=\"#{}\">", escape(role_eid(title))),
                    close: "</role>",
                });
            }
        }
    }
    marks
}

/// The text escaped, with each mark's tags around its span; overlapping
/// marks after the first and spans off character boundaries are left out,
/// and line breaks inside a paragraph (signature blocks) become `<br/>`.
fn write_marked(text: &str, marks: &[Mark], out: &mut String) {
    let mut at = 0usize;
    for mark in marks {
        if mark.start < at || !text.is_char_boundary(mark.start) || !text.is_char_boundary(mark.end)
        {
            continue;
        }
        let (Some(before), Some(inside)) =
            (text.get(at..mark.start), text.get(mark.start..mark.end))
        else {
            continue;
        };
        write_text(before, out);
        out.push_str(&mark.open);
        write_text(inside, out);
        out.push_str(mark.close);
        at = mark.end;
    }
    write_text(text.get(at..).unwrap_or_default(), out);
}

fn write_text(text: &str, out: &mut String) {
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push_str("<br/>");
        }
        out.push_str(&partial_escape(strip_xml_illegal(line).as_ref()));
    }
}

/// XML 1.0 cannot carry most control characters, even escaped.
pub(crate) fn strip_xml_illegal(s: &str) -> std::borrow::Cow<'_, str> {
    let illegal = |c: char| matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}');
    if s.chars().any(illegal) {
        std::borrow::Cow::Owned(s.chars().filter(|c| !illegal(*c)).collect())
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iri_components_follow_akn4un() {
        assert_eq!(iri_component("S/RES/822 (1993)"), "S-RES-822_(1993)");
        assert_eq!(iri_component("A/75/861"), "A-75-861");
    }

    #[test]
    fn sessions_are_named_as_on_mastheads() {
        assert_eq!(ordinal_words(75).as_deref(), Some("Seventy-fifth"));
        assert_eq!(ordinal_words(80).as_deref(), Some("Eightieth"));
        assert_eq!(ordinal_words(12).as_deref(), Some("Twelfth"));
        assert_eq!(ordinal_words(101).as_deref(), Some("One hundred and first"));
        assert_eq!(ordinal_words(0), None);
    }

    #[test]
    fn dates_are_written_long() {
        assert_eq!(long_date("2021-05-07"), "7 May 2021");
        assert_eq!(long_date("2021-13-07"), "2021-13-07");
    }

    #[test]
    fn slugs_are_safe_ids() {
        assert_eq!(slug("Côte d’Ivoire"), "côte-d-ivoire");
        assert_eq!(slug("  "), "x");
    }
}
