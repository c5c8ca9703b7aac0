/*!
Akoma Ntoso as the UN produces it (AKN4UN): the XML the General Assembly
publishes its resolutions in, one file per language, read into the same
record as a PDF or a text.

What the markup gives that a PDF does not have to be guessed: the FRBR work
and expression (so the six language versions of a resolution are known to be
one work), the symbol and dates on the cover page, the sponsors and the
adopting meeting in the workflow, the recorded vote State by State, UNBIS
subject terms, and the preamble and operative paragraphs as elements.

Files are taken as they come: the 74th session's markup (no `title` on the
agenda item, keywords from several dictionaries), collections of lettered
resolutions ("75/101 A-B" as one `documentCollection`), cover pages whose
distribution line and date stay in English in the Russian, Arabic and Chinese
files, and files whose declared language is not the language of their text —
those get the language of the text and a warning that says so.
Here: the file's limits, FRBR, symbols, dates and the record put together;
`cover.rs` reads the cover page and workflow, `body.rs` the text, and
`vocabulary.rs` holds the words the reader shares with undoc's AKN writer.
*/

mod body;
mod cover;
mod vocabulary;

pub use vocabulary::{
    NAMESPACE, actor_of_iri, doc_type_of, document_kind, language_code, organ_ids, organ_of_actor,
    organ_of_id, slug, two_letter_language,
};

use roxmltree::{Document, Node};
use undoc_model::{Adoption, AgendaItem, Body, DocType, Frbr, ParagraphKind, Record, Session};

use body::{body_of, paragraph, text_of};
use cover::{agenda_items, distribution, names, preface_title, session, vote};

/// Why a file could not be read as Akoma Ntoso.
#[derive(Debug, thiserror::Error)]
pub enum AknError {
    #[error("not well-formed XML: {0}")]
    Xml(#[from] roxmltree::Error),
    #[error("XML, but not Akoma Ntoso (the root element is <{0}>)")]
    NotAkn(String),
    #[error("an Akoma Ntoso file with no document in it")]
    NoDocument,
    #[error("elements nested more than {MAX_DEPTH} deep: not a document undoc reads")]
    TooDeep,
    #[error(
        "XML with a document type declaration (<!DOCTYPE>, entities): not read, since entities can expand without bound"
    )]
    Dtd,
}

/// The deepest nesting of elements read. The UN's own files go about twenty
/// deep; the readers below walk the tree recursively, so a bound here is what
/// keeps a hostile file from overflowing the stack.
pub const MAX_DEPTH: usize = 256;

/// The most nodes (elements, text, attributes' owners) one file may make: a
/// 64 MB file of empty elements stays well inside memory.
const MAX_NODES: u32 = 4_000_000;

/// Whether the element tree of `doc` stays within `limit` levels, found
/// without recursion: nodes come in document order, a parent before its
/// children, so each node's depth is its parent's plus one.
fn depth_within(doc: &Document, limit: usize) -> bool {
    let mut depths = vec![0usize; doc.descendants().len()];
    for node in doc.descendants() {
        let depth = node.parent().map_or(0, |p| {
            depths.get(p.id().get_usize()).copied().unwrap_or(0) + 1
        });
        if depth > limit {
            return false;
        }
        if let Some(slot) = depths.get_mut(node.id().get_usize()) {
            *slot = depth;
        }
    }
    true
}

/// Whether bytes look like an Akoma Ntoso file (before parsing them whole).
pub fn is_akn(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let text = String::from_utf8_lossy(head);
    let text = text.trim_start_matches('\u{feff}').trim_start();
    text.starts_with('<') && text.contains("<akomaNtoso")
}

/// Reads one AKN file. `source` is the path as given; references and States
/// mentioned are left to the reference scanner, as for every other format.
pub fn parse(source: &str, xml: &str) -> Result<Record, AknError> {
    let doc = Document::parse_with_options(
        xml,
        roxmltree::ParsingOptions {
            allow_dtd: false,
            nodes_limit: MAX_NODES,
            ..Default::default()
        },
    )
    .map_err(|e| match e {
        roxmltree::Error::DtdDetected => AknError::Dtd,
        other => AknError::Xml(other),
    })?;
    if !depth_within(&doc, MAX_DEPTH) {
        return Err(AknError::TooDeep);
    }
    let root = doc.root_element();
    if root.tag_name().name() != "akomaNtoso" {
        return Err(AknError::NotAkn(root.tag_name().name().to_owned()));
    }
    let top = root
        .children()
        .find(Node::is_element)
        .ok_or(AknError::NoDocument)?;
    // The 80th session's collections leave their own <meta> empty: their
    // components' metadata (the first resolution's) stands for them.
    let meta = child(top, "meta")
        .filter(|m| child(*m, "identification").is_some())
        .or_else(|| {
            root.descendants()
                .filter(|n| n.tag_name().name() == "meta")
                .find(|m| child(*m, "identification").is_some())
        });
    let mut warnings = Vec::new();

    let frbr = meta.and_then(|m| frbr(m));
    let declared = meta
        .and_then(|m| descendant(m, "FRBRlanguage"))
        .and_then(|n| n.attribute("language"))
        .map(|code| (code.to_owned(), two_letter_language(code)));

    let cover = child(top, "coverPage");
    let symbols: Vec<String> = cover
        .into_iter()
        .flat_map(|c| c.descendants())
        .filter(|n| n.tag_name().name() == "docNumber")
        .filter(|n| n.attribute("refersTo") == Some("#symbol"))
        .filter_map(|n| canonical_symbol(&text_of(n, &mut Vec::new())))
        .collect();
    let mut symbols = dedup(symbols);
    if symbols.is_empty()
        && let Some(symbol) = undoc_symbol::from_file_name(source)
    {
        warnings.push("the cover page has no symbol; taken from the file name".to_owned());
        symbols.push(symbol);
    }

    let date = cover
        .and_then(|c| c.descendants().find(|n| n.tag_name().name() == "docDate"))
        .and_then(|n| n.attribute("date"))
        .filter(|d| valid_date(d))
        .map(str::to_owned);
    let distribution = cover
        .and_then(|c| c.descendants().find(|n| n.tag_name().name() == "docStatus"))
        .and_then(|n| distribution(&text_of(n, &mut Vec::new()), n.attribute("refersTo")));

    // The organ is the work's actor (`unga`, `unsc`); the General Assembly's
    // files, the most of them, are the default.
    let organ = frbr
        .as_ref()
        .and_then(|(work, _)| actor_of_iri(work))
        .and_then(organ_of_actor)
        .unwrap_or("A")
        .to_owned();
    // The Security Council has no sessions: its resolutions are of a year.
    let (session, year) = if organ == "S" {
        let year = symbols
            .iter()
            .find_map(|s| s.rsplit_once('(')?.1.strip_suffix(')')?.parse().ok())
            .or_else(|| date.as_deref()?.get(..4)?.parse().ok());
        (None, year)
    } else {
        (session(cover, &symbols), None)
    };
    // A cover page that refers to each body by its TLC id (as undoc writes
    // joint documents) names them all, each with its session or year.
    let named: Vec<Body> = cover
        .into_iter()
        .flat_map(|c| c.descendants())
        .filter(|n| n.tag_name().name() == "docAuthority")
        .filter_map(|n| {
            let organ = organ_of_id(n.attribute("refersTo")?.strip_prefix('#')?)?;
            let period = n
                .next_sibling_element()
                .filter(|s| s.tag_name().name() == "session")
                .and_then(|s| s.attribute("value"))
                .map(str::trim);
            Some(body_in(organ, period))
        })
        .collect();
    let bodies = if named.is_empty() {
        vec![Body {
            organ: organ.clone(),
            session: session.clone(),
            year,
        }]
    } else {
        named
    };
    let mut agenda_items = cover.map(|c| agenda_items(c, &organ)).unwrap_or_default();
    if agenda_items.is_empty() {
        // An empty item line on the cover: the library's agenda keyword, where there is one.
        agenda_items = meta
            .into_iter()
            .flat_map(|m| m.descendants())
            .filter(|n| {
                n.tag_name().name() == "keyword" && n.attribute("refersTo") == Some("agenda")
            })
            .filter_map(|n| {
                Some(AgendaItem {
                    organ: organ.clone(),
                    number: n.attribute("value")?.trim().parse().ok()?,
                    sub: None,
                    title: n
                        .attribute("showAs")
                        .map(|t| t.trim_end_matches('.').to_owned()),
                    preliminary: false,
                })
            })
            .collect();
        if !agenda_items.is_empty() {
            warnings.push(
                "the cover page's agenda item line is empty; the item is the catalogue's"
                    .to_owned(),
            );
        }
    }

    // Paragraphs, with the title from the preface.
    let mut paragraphs = Vec::new();
    let mut title = None;
    // A collection's resolutions stand in <components>, beside the collection itself.
    let components: Vec<Node> = root
        .descendants()
        .filter(|n| n.tag_name().name() == "component")
        .filter_map(|c| c.children().find(Node::is_element))
        .filter(|n| n.tag_name().name() != "documentRef")
        .collect();
    if let Some(preface) = child(top, "preface") {
        title = preface_title(preface);
    }
    if components.is_empty() {
        body_of(top, &mut paragraphs);
    } else {
        for component in components {
            if let Some(preface) = child(component, "preface") {
                let heading = [
                    preface
                        .descendants()
                        .find(|n| n.tag_name().name() == "docNumber"),
                    preface
                        .descendants()
                        .find(|n| n.tag_name().name() == "docTitle"),
                ]
                .into_iter()
                .flatten()
                .map(|n| text_of(n, &mut Vec::new()))
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
                if title.is_none() {
                    title = preface_title(preface);
                }
                if !heading.is_empty() {
                    paragraphs.push(paragraph(ParagraphKind::Heading, heading, None));
                }
            }
            body_of(component, &mut paragraphs);
        }
    }
    let body_text = undoc_model::join_paragraphs(&paragraphs);

    // The language of the text, against the one the file declares.
    let detected = (!body_text.trim().is_empty()).then(|| undoc_lang::detect(&body_text));
    let language = match (&declared, detected) {
        (Some((code, Some(declared))), Some(detected)) if *declared != detected => {
            warnings.push(format!(
                "the file declares its language as {} ({code}) but the text is {}; read as {}",
                undoc_lang::english_name(declared),
                undoc_lang::english_name(detected),
                undoc_lang::english_name(detected),
            ));
            detected.to_owned()
        }
        (Some((_, Some(declared))), _) => (*declared).to_owned(),
        (_, Some(detected)) => detected.to_owned(),
        (_, None) => "en".to_owned(),
    };
    if let Some((code, None)) = &declared {
        warnings.push(format!("unknown language code {code:?} in FRBRlanguage"));
    }

    let subtitle = cover
        .and_then(|c| c.descendants().find(|n| n.tag_name().name() == "docTitle"))
        .map(|n| text_of(n, &mut Vec::new()))
        .filter(|t| !t.is_empty());
    let doc_type =
        doc_type_of(top.tag_name().name(), top.attribute("name")).unwrap_or(DocType::Resolution);

    // A collection keeps the workflow, vote and adoption in its components' meta.
    let workflow = meta
        .and_then(|m| child(m, "workflow"))
        .or_else(|| descendant(root, "workflow"));
    let step = |outcome: &str| {
        workflow.and_then(|w| {
            w.children()
                .find(|s| s.tag_name().name() == "step" && s.attribute("outcome") == Some(outcome))
        })
    };
    let sponsors = step("draftResolution")
        .and_then(|s| s.attribute("by"))
        .map(|by| names(by, &language))
        .unwrap_or_default();
    let additional_sponsors = step("draftResolutionAdditionalSponsors")
        .and_then(|s| s.attribute("by"))
        .map(|by| names(by, &language))
        .unwrap_or_default();
    let adopted = step("adopted");
    let conclusions = root
        .descendants()
        .filter(|n| n.tag_name().name() == "conclusions")
        .find(|c| descendant(*c, "docDate").is_some());
    let adoption_date = conclusions
        .and_then(|c| c.descendants().find(|n| n.tag_name().name() == "docDate"))
        .and_then(|n| n.attribute("date"))
        .or_else(|| adopted.and_then(|s| s.attribute("date")))
        .filter(|d| valid_date(d))
        .map(str::to_owned);
    let meeting = conclusions
        .and_then(|c| c.descendants().find(|n| n.tag_name().name() == "location"))
        .map(|n| text_of(n, &mut Vec::new()))
        .filter(|t| !t.is_empty());
    let meeting_record = adopted
        .and_then(|s| s.attribute("as"))
        .and_then(meeting_record);
    let mut drafts = cover
        .into_iter()
        .flat_map(|c| c.descendants())
        .filter(|n| n.attribute("name") == Some("originating document"))
        .flat_map(|n| symbols_in(&text_of(n, &mut Vec::new())))
        .collect::<Vec<_>>();
    if drafts.is_empty() {
        // The cover page names none: the draft (plenary) or the report (committee) of the workflow.
        drafts = ["recommendedForAdoption", "draftResolution"]
            .iter()
            .filter_map(|o| step(o).and_then(|s| s.attribute("as")))
            .flat_map(symbols_in)
            .take(1)
            .collect();
    }
    let voting = meta
        .and_then(|m| descendant(m, "voting"))
        .or_else(|| descendant(root, "voting"));
    let outcome = voting
        .and_then(|v| v.attribute("outcome"))
        .map(|o| match o {
            "adoptedRecordedVote" => "recorded_vote".to_owned(),
            "adoptedWithoutVote" => "without_vote".to_owned(),
            other => other.to_owned(),
        });
    let votes = voting.and_then(vote).into_iter().collect();
    let adoption = Adoption {
        date: adoption_date,
        meeting,
        meeting_record,
        drafts: dedup(drafts),
        outcome,
    };

    let subjects = meta
        .into_iter()
        .flat_map(|m| m.descendants())
        .filter(|n| n.tag_name().name() == "keyword")
        .filter(|n| n.attribute("dictionary") == Some("UNBIS Thesaurus"))
        .filter_map(|n| n.attribute("showAs").or(n.attribute("value")))
        .map(|s| s.replace('_', " ").trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect();
    let job_number = meta
        .and_then(|m| descendant(m, "docketNumber"))
        .map(|n| text_of(n, &mut Vec::new()))
        .and_then(|t| t.split_whitespace().next().map(str::to_owned));

    if let (Some(record), Some(Session::Number(own))) = (&adoption.meeting_record, &session)
        && let Some(n) = record.strip_prefix("A/").and_then(|r| r.split('/').next())
        && n.parse::<u32>().is_ok_and(|n| n != *own)
    {
        warnings.push(format!(
            "adopted at meeting {record}, whose session is not the resolution's ({own}): the file may name the wrong record"
        ));
    }
    let id = match symbols.first() {
        Some(s) => s.clone(),
        None => undoc_model::content_id(&body_text),
    };
    if symbols.is_empty() {
        warnings.push("no symbol on the cover page or in the file name".to_owned());
    }
    if date.is_none() {
        warnings.push("no issue date on the cover page".to_owned());
    }
    Ok(Record {
        source: source.to_owned(),
        id,
        symbols,
        language,
        original_language: None,
        distribution,
        date,
        bodies,
        agenda_items,
        doc_type,
        title,
        letter: None,
        signatories: Vec::new(),
        references: Vec::new(),
        circulation: None,
        paragraphs,
        states_mentioned: Vec::new(),
        warnings,
        subtitle,
        letter_title: None,
        extractor: "akn".to_owned(),
        job_number,
        pages: 1,
        subjects: dedup(subjects),
        authors: Vec::new(),
        frbr: frbr.map(|(work, expression)| Frbr {
            work,
            expression,
            declared_language: declared.and_then(|(_, two)| two).map(str::to_owned),
        }),
        sponsors,
        additional_sponsors,
        adoption: Some(adoption),
        votes,
        described_references: Vec::new(),
        inferred_symbols: Vec::new(),
        meeting: None,
        speeches: Vec::new(),
        decisions: Vec::new(),
    })
}

fn child<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|n| n.tag_name().name() == name)
}

fn descendant<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.descendants().find(|n| n.tag_name().name() == name)
}

fn dedup(items: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    items
        .into_iter()
        .filter(|s| seen.insert(s.clone()))
        .collect()
}

fn valid_date(d: &str) -> bool {
    d.len() == 10
        && !d.starts_with("0001")
        && d.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
}

/// A symbol as the cover page writes it. Lettered resolutions ("A/RES/75/101 A-B")
/// keep their letters: the hyphen there joins letters, not two symbols.
fn canonical_symbol(raw: &str) -> Option<String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    if let Some((main, letters)) = raw.rsplit_once(' ')
        && !letters.is_empty()
        && letters
            .split('-')
            .all(|l| l.len() == 1 && l.bytes().all(|b| b.is_ascii_uppercase()))
    {
        return undoc_symbol::canonicalize(main).map(|m| format!("{m} {letters}"));
    }
    undoc_symbol::canonicalize(raw)
}

/// Every symbol named in a short text in any language ("A/74/L.14 and
/// A/74/L.14/Add.1", "A/74/L.14和A/74/L.14/Add.1", "A/75/415, para. 8").
fn symbols_in(text: &str) -> Vec<String> {
    // "A/ES-11/L.2 /Add.1": a stray space before a part.
    let text = text.replace(" /", "/");
    text.split(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '/' | '.' | '-')))
        .filter(|w| w.contains('/'))
        .filter_map(|w| undoc_symbol::canonicalize(w.trim_end_matches('.')))
        .collect()
}

/// A meeting record's symbol, with the resumption a resumed meeting's record
/// carries: "A/80/PV.69 (Resumption 1)".
fn meeting_record(raw: &str) -> Option<String> {
    let raw = raw.trim();
    if let Some((main, rest)) = raw.split_once('(')
        && rest.to_ascii_lowercase().starts_with("resumption")
    {
        let n: String = rest.chars().filter(char::is_ascii_digit).collect();
        return undoc_symbol::canonicalize(main).map(|m| format!("{m} (Resumption {n})"));
    }
    undoc_symbol::canonicalize(raw)
}

/// A body and the period a cover page gives it: the Security Council's is a
/// year, another organ's a session by number or by name (`ES-10`).
fn body_in(organ: &str, period: Option<&str>) -> Body {
    let (session, year) = match period {
        None | Some("") => (None, None),
        Some(p) if organ == "S" => (None, p.parse().ok()),
        Some(p) => match p.parse() {
            Ok(n) => (Some(Session::Number(n)), None),
            Err(_) => (Some(Session::Named(p.to_owned())), None),
        },
    };
    Body {
        organ: organ.to_owned(),
        session,
        year,
    }
}

/// The work and expression IRIs.
fn frbr(meta: Node) -> Option<(String, String)> {
    let value = |name: &str| {
        descendant(meta, name)
            .and_then(|n| child(n, "FRBRthis"))
            .and_then(|n| n.attribute("value"))
            .map(str::to_owned)
    };
    Some((value("FRBRWork")?, value("FRBRExpression")?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lettered_symbols_keep_their_letters() {
        assert_eq!(
            canonical_symbol("A/RES/75/101 A-B").as_deref(),
            Some("A/RES/75/101 A-B")
        );
        assert_eq!(
            canonical_symbol(" A/RES/80/1 ").as_deref(),
            Some("A/RES/80/1")
        );
        assert_eq!(
            symbols_in("A/74/L.14 and A/74/L.14/Add.1"),
            ["A/74/L.14", "A/74/L.14/Add.1"]
        );
        assert_eq!(symbols_in("A/75/415, para. 8"), ["A/75/415"]);
    }

    #[test]
    fn not_akn() {
        assert!(matches!(
            parse("x.xml", "<html/>"),
            Err(AknError::NotAkn(_))
        ));
        assert!(matches!(
            parse("x.xml", "<akomaNtoso>"),
            Err(AknError::Xml(_))
        ));
        assert!(matches!(
            parse("x.xml", "<akomaNtoso/>"),
            Err(AknError::NoDocument)
        ));
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,400}") {
            let _ = parse("x.xml", &s);
            let wrapped = format!("<akomaNtoso><statement><coverPage><p><inline name=\"agenda item\">{}</inline></p></coverPage><mainBody><paragraph><num>1.</num><content><p>{}</p></content></paragraph></mainBody></statement></akomaNtoso>",
                s.replace(['<', '&'], " "), s.replace(['<', '&'], " "));
            let _ = parse("x.xml", &wrapped);
        }
    }
}
