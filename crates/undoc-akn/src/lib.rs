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
*/

mod vocabulary;

pub use vocabulary::{
    NAMESPACE, actor_of_iri, doc_type_of, document_kind, language_code, organ_ids, organ_of_actor,
    organ_of_id, slug, two_letter_language,
};

use roxmltree::{Document, Node};
use undoc_model::{
    Adoption, AgendaItem, Body, DocType, Frbr, Paragraph, ParagraphKind, Part, Record, Session,
    Vote,
};

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

/// The distribution line, in any of the six languages, or the element's `refersTo`.
fn distribution(text: &str, refers_to: Option<&str>) -> Option<undoc_model::Distribution> {
    use undoc_model::Distribution::*;
    let t = text.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| t.contains(w));
    if has(&[
        "restricted",
        "restreint",
        "reservad",
        "ограничен",
        "محدود التوزيع",
        "限制分发",
    ]) && !t.contains("limit")
    {
        return Some(Restricted);
    }
    if has(&[
        "limited",
        "limitée",
        "limitada",
        "ограниченн",
        "محدود",
        "限制",
    ]) {
        return Some(Limited);
    }
    if has(&[
        "general",
        "générale",
        "общая",
        "общий",
        "عام",
        "普遍",
        "一般",
    ]) {
        return Some(General);
    }
    match refers_to.map(str::to_ascii_lowercase) {
        Some(r) if r.contains("general") => Some(General),
        Some(r) if r.contains("limited") => Some(Limited),
        _ => None,
    }
}

/// The session: the cover page's `value`, a special session from the symbol.
fn session(cover: Option<Node>, symbols: &[String]) -> Option<Session> {
    let from_symbol = symbols.iter().find_map(|s| {
        let rest = s
            .strip_prefix("A/RES/")
            .or_else(|| s.strip_prefix("A/DEC/"))?;
        let first = rest.split('/').next()?;
        if first.starts_with("ES-") || first.starts_with("S-") {
            Some(Session::Named(first.to_owned()))
        } else {
            first.parse().ok().map(Session::Number)
        }
    });
    if matches!(from_symbol, Some(Session::Named(_))) {
        return from_symbol;
    }
    cover
        .and_then(|c| descendant(c, "session"))
        .and_then(|n| n.attribute("value"))
        .and_then(|v| v.trim().parse().ok())
        .map(Session::Number)
        .or(from_symbol)
}

/// Agenda items from the cover page: numbers in the item line (in any
/// language: "Agenda items 13 and 117", "议程项目13和117", "البند 23 (أ)"),
/// with the title line when there is one item.
fn agenda_items(cover: Node, organ: &str) -> Vec<AgendaItem> {
    let line = cover
        .descendants()
        .find(|n| n.attribute("name") == Some("agenda item"));
    let Some(line) = line else { return Vec::new() };
    let text = text_of(line, &mut Vec::new());
    let title = cover
        .descendants()
        .find(|n| n.attribute("name") == Some("agenda item name"))
        .map(|n| text_of(n, &mut Vec::new()))
        .filter(|t| !t.is_empty());
    let mut items = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        let number: String = chars[start..i].iter().collect();
        let Ok(number) = number.parse::<u32>() else {
            continue;
        };
        // "23 (a)", "23(a)", "23 a)", "23 (أ)".
        let mut j = i;
        while j < chars.len() && chars[j] == ' ' {
            j += 1;
        }
        let open = chars.get(j) == Some(&'(');
        let letter_at = if open { j + 1 } else { j };
        let sub = chars
            .get(letter_at)
            .and_then(|c| sub_letter(*c))
            .filter(|_| chars.get(letter_at + 1) == Some(&')'));
        if sub.is_some() {
            i = letter_at + 2;
        }
        items.push(AgendaItem {
            organ: organ.to_owned(),
            number,
            sub: sub.map(|c| c.to_string()),
            title: None,
            preliminary: false,
        });
    }
    if items.len() == 1 {
        items[0].title = title;
    }
    items
}

/// A sub-item letter, Latin or Arabic (أ ب ج د …, in abjad order).
fn sub_letter(c: char) -> Option<char> {
    if c.is_ascii_lowercase() {
        return Some(c);
    }
    const ABJAD: [(char, char); 8] = [
        ('أ', 'a'),
        ('ب', 'b'),
        ('ج', 'c'),
        ('د', 'd'),
        ('ه', 'e'),
        ('و', 'f'),
        ('ز', 'g'),
        ('ح', 'h'),
    ];
    ABJAD.iter().find(|(a, _)| *a == c).map(|(_, l)| *l)
}

/// The resolution's own title, from the preface.
fn preface_title(preface: Node) -> Option<String> {
    preface
        .descendants()
        .find(|n| n.tag_name().name() == "docTitle")
        .map(|n| text_of(n, &mut Vec::new()))
        .filter(|t| !t.is_empty())
}

/// Names in a workflow's `by`: States as short official English names in an
/// English file; in other languages, split at commas and the last conjunction.
fn names(by: &str, language: &str) -> Vec<String> {
    let by = by.trim();
    if by.is_empty() {
        return Vec::new();
    }
    // "submitted by the Vice-Chair of the Committee, Ivana Vejić (Croatia) …": one proponent.
    if by.to_lowercase().starts_with("submitted by") {
        return vec![by.to_owned()];
    }
    if language == "en" {
        return undoc_states::split_list(by);
    }
    let conjunction = undoc_lang::get(language).map_or(" and ", |l| l.letters.and_word);
    let mut out: Vec<String> = by
        .split([',', '،', '、', '，', ';'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    if let Some(last) = out.pop() {
        match last.rsplit_once(conjunction) {
            Some((a, b)) if !a.trim().is_empty() && !b.trim().is_empty() => {
                out.push(a.trim().to_owned());
                out.push(b.trim().to_owned());
            }
            _ => out.push(last),
        }
    }
    out
}

/// The recorded vote under `<voting>`.
fn vote(voting: Node) -> Option<Vote> {
    let mut vote = Vote::default();
    let mut any = false;
    for count in voting.children().filter(|n| n.tag_name().name() == "count") {
        let list = match count.attribute("refersTo") {
            Some("inFavour") => &mut vote.in_favour,
            Some("against") => &mut vote.against,
            Some("abstaining") => &mut vote.abstaining,
            _ => continue,
        };
        for voter in count
            .descendants()
            .filter(|n| matches!(n.tag_name().name(), "organization" | "person"))
        {
            let name = text_of(voter, &mut Vec::new());
            if name.is_empty() {
                continue;
            }
            any = true;
            list.push(undoc_states::canonical(&name).map_or(name, str::to_owned));
        }
    }
    any.then_some(vote)
}

/// The text of an element, whitespace collapsed; footnotes (`authorialNote`)
/// are taken out into `notes` ("1 See resolution 60/251.").
fn text_of(node: Node, notes: &mut Vec<String>) -> String {
    let mut raw = String::new();
    collect_text(node, &mut raw, notes);
    collapse(&raw)
}

fn collect_text(node: Node, out: &mut String, notes: &mut Vec<String>) {
    for n in node.children() {
        if n.is_text() {
            out.push_str(n.text().unwrap_or_default());
            continue;
        }
        if !n.is_element() {
            continue;
        }
        match n.tag_name().name() {
            "authorialNote" | "note" => {
                let mut inner = Vec::new();
                let text = text_of(n, &mut inner);
                let marker = n.attribute("marker").unwrap_or_default();
                notes.push(collapse(&format!("{marker} {text}")));
                notes.extend(inner);
            }
            "eol" | "br" => out.push(' '),
            "noteRef" | "img" => {}
            _ => collect_text(n, out, notes),
        }
    }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn paragraph(kind: ParagraphKind, text: String, part: Option<Part>) -> Paragraph {
    Paragraph { kind, text, part }
}

/// A block's text as one paragraph, its footnotes after it.
fn push_block(
    out: &mut Vec<Paragraph>,
    kind: ParagraphKind,
    prefix: &str,
    node: Node,
    part: Option<Part>,
) {
    let mut notes = Vec::new();
    let text = text_of(node, &mut notes);
    let text = match (prefix.is_empty(), text.is_empty()) {
        (true, _) => text,
        (false, true) => prefix.to_owned(),
        (false, false) => format!("{prefix} {text}"),
    };
    if !text.is_empty() {
        out.push(paragraph(kind, text, part));
    }
    for note in notes {
        out.push(paragraph(ParagraphKind::Footnote, note, None));
    }
}

/// The preamble and operative part of one resolution.
fn body_of(doc: Node, out: &mut Vec<Paragraph>) {
    if let Some(preamble) = child(doc, "preamble") {
        for n in preamble.children().filter(Node::is_element) {
            blocks(n, Some(Part::Preamble), out);
        }
    }
    if let Some(main) = child(doc, "mainBody").or_else(|| child(doc, "body")) {
        for n in main.children().filter(Node::is_element) {
            blocks(n, Some(Part::Operative), out);
        }
    }
    if let Some(attachments) = child(doc, "attachments") {
        for n in attachments.children().filter(Node::is_element) {
            annex(n, out);
        }
    }
}

/// An annex: its heading, then its text.
fn annex(node: Node, out: &mut Vec<Paragraph>) {
    let inner = node
        .children()
        .find(Node::is_element)
        .filter(|n| n.tag_name().name() == "doc");
    let doc = inner.unwrap_or(node);
    let heading = doc
        .descendants()
        .filter(|n| matches!(n.tag_name().name(), "docTitle" | "docNumber"))
        .map(|n| text_of(n, &mut Vec::new()))
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    out.push(paragraph(
        ParagraphKind::Annex,
        if heading.is_empty() {
            "Annex".to_owned()
        } else {
            heading
        },
        None,
    ));
    if let Some(main) = child(doc, "mainBody") {
        for n in main.children().filter(Node::is_element) {
            blocks(n, None, out);
        }
    }
}

/// One element of a resolution's body, as paragraphs.
fn blocks(node: Node, part: Option<Part>, out: &mut Vec<Paragraph>) {
    let name = node.tag_name().name();
    match name {
        "num" => {}
        "heading" | "subheading" | "crossHeading" => {
            push_block(out, ParagraphKind::Heading, "", node, part);
        }
        "table" => {
            for row in node.descendants().filter(|n| n.tag_name().name() == "tr") {
                let cells: Vec<String> = row
                    .children()
                    .filter(Node::is_element)
                    .map(|c| text_of(c, &mut Vec::new()))
                    .collect();
                let text = cells.join(" | ");
                if !text.trim_matches([' ', '|']).is_empty() {
                    out.push(paragraph(ParagraphKind::Body, text, part));
                }
            }
        }
        "paragraph" | "point" | "subparagraph" | "item" | "alinea" | "article" | "section"
        | "division" | "hcontainer" | "tblock" => {
            let kind = if matches!(name, "point" | "item" | "alinea") {
                ParagraphKind::ListItem
            } else {
                ParagraphKind::Body
            };
            let num = child(node, "num")
                .map(|n| text_of(n, &mut Vec::new()))
                .unwrap_or_default();
            let mut prefix_used = num.is_empty();
            for c in node.children().filter(Node::is_element) {
                match c.tag_name().name() {
                    "num" => {}
                    "content" | "intro" | "wrapUp" | "p" => {
                        let prefix = if prefix_used { "" } else { num.as_str() };
                        prefix_used = true;
                        push_block(out, kind, prefix, c, part);
                    }
                    "list" => {
                        for l in c.children().filter(Node::is_element) {
                            match l.tag_name().name() {
                                "intro" | "wrapUp" => {
                                    let prefix = if prefix_used { "" } else { num.as_str() };
                                    prefix_used = true;
                                    push_block(out, kind, prefix, l, part);
                                }
                                _ => {
                                    if !prefix_used {
                                        out.push(paragraph(kind, num.clone(), part));
                                        prefix_used = true;
                                    }
                                    blocks(l, part, out);
                                }
                            }
                        }
                    }
                    _ => {
                        if !prefix_used {
                            out.push(paragraph(kind, num.clone(), part));
                            prefix_used = true;
                        }
                        blocks(c, part, out);
                    }
                }
            }
        }
        "list" | "blockList" | "container" | "formula" | "p" | "blockContainer" | "content"
        | "intro" | "wrapUp" | "listIntroduction" | "listWrapUp" => {
            let has_blocks = node.children().any(|c| {
                matches!(
                    c.tag_name().name(),
                    "paragraph" | "point" | "list" | "item" | "table" | "blockList"
                )
            });
            if has_blocks {
                for c in node.children().filter(Node::is_element) {
                    blocks(c, part, out);
                }
            } else {
                let kind = if name == "item" {
                    ParagraphKind::ListItem
                } else {
                    ParagraphKind::Body
                };
                push_block(out, kind, "", node, part);
            }
        }
        _ => {
            if node
                .children()
                .any(|c| c.is_element() && c.tag_name().name() != "num")
            {
                for c in node.children().filter(Node::is_element) {
                    blocks(c, part, out);
                }
            } else {
                push_block(out, ParagraphKind::Body, "", node, part);
            }
        }
    }
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
