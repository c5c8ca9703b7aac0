/*!
Parse: from the text of one UN document to its [`Record`].

The stages, each its own module:
- [`lines`]: page text → lines, page furniture (running symbols, job numbers,
  barcodes, page counters) removed, footnotes marked;
- [`masthead`]: symbols, distribution, date, original language, organs with
  sessions and years, agenda items with their titles, the title;
- [`body`]: paragraphs, joined across page breaks, classified;
- [`letter`]: sender, addressees, signatories, circulation request.

References and States mentioned are left empty here: finding them is the
reference scanner's job, run on the normalized body text this crate makes.
Nothing in this crate panics on any input; what it cannot determine it says
in `warnings`.
*/

mod body;
mod decisions;
mod languages;
mod letter;
mod lines;
mod masthead;
mod meeting_head;
mod speeches;
mod symbol_check;
mod text;
mod title;
mod vocab;

// The crate's API: `parse` and `parse_checked` (below), and the two readings
// its tests and other crates ask for on their own.
pub use letter::letter_from_title;
pub use masthead::item_numbers;

use undoc_extract::{Extracted, Format};
use undoc_model::{Body, DocType, Record, Session};

use crate::vocab::SessionLine;

/// Why a readable file is still not a document undoc can make a record of.
#[derive(Debug, thiserror::Error)]
pub enum ParseError {
    #[error(
        "not a UN document: it is the Official Document System's \"document does not exist\" page"
    )]
    OdsPlaceholder,
    #[error("has no text")]
    NoText,
    #[error(
        "has {0} lines, more than the {MAX_LINES} undoc reads (the longest UN documents have a tenth of that)"
    )]
    TooManyLines(usize),
}

/// The most lines a text may have. Each line costs the parser a fixed record
/// (about 240 bytes with its paragraph), whatever its length, so a text of
/// millions of one-letter lines would cost a hundred times its size in
/// memory; bounding lines bounds that (here about 120 MB), and ordinary prose
/// costs about seven times its size (`tests/no_panic.rs` measures both).
pub const MAX_LINES: usize = 500_000;

/// Like [`parse`], but refuses what is not a document at all.
pub fn parse_checked(source: &str, extracted: &Extracted) -> Result<Record, ParseError> {
    let lines: usize = extracted
        .pages
        .iter()
        .map(|p| p.bytes().filter(|b| *b == b'\n').count() + 1)
        .sum();
    if lines > MAX_LINES {
        return Err(ParseError::TooManyLines(lines));
    }
    let all: usize = extracted.pages.iter().map(|p| p.trim().len()).sum();
    if all == 0 && extracted.format != Format::Pdf {
        return Err(ParseError::NoText);
    }
    let first = extracted.pages.first().map_or("", String::as_str);
    if first
        .contains("The document you are looking for does not exist in the Official Document System")
    {
        return Err(ParseError::OdsPlaceholder);
    }
    Ok(parse(source, extracted))
}

/// Builds the record of one document from its extracted text. `source` is the
/// path as the user gave it.
pub fn parse(source: &str, extracted: &Extracted) -> Record {
    let mut warnings = extracted.warnings.clone();
    let pdf = extracted.format != Format::Markdown;
    let (lines, job_number) = match extracted.format {
        Format::Markdown => (
            lines::markdown_lines(extracted.pages.first().map_or("", String::as_str)),
            None,
        ),
        Format::Text | Format::Pdf => {
            let (lines, furniture) = lines::pdf_lines(&extracted.pages);
            (lines, furniture.job_number)
        }
    };
    let head = masthead::parse(&lines);
    let blocks = body::paragraphs(&lines[head.body_start.min(lines.len())..], pdf);
    let paragraphs = body::to_paragraphs(&blocks);
    let body_text = undoc_model::join_paragraphs(&paragraphs);

    let mut symbols = head.symbols.clone();
    let named = undoc_symbol::from_file_name(source);
    // A Security Council resolution's text as transcribed (sc-resolutions/,
    // 1946-1994) starts with whatever the page held: a footnote's
    // "DOCUMENTS/3821." is not its symbol (S/RES/126 (1957)). Its file names it.
    if let Some(resolution) = named.as_deref().filter(|s| s.starts_with("S/RES/"))
        && !symbols.is_empty()
        && !symbols.iter().any(|s| s.starts_with("S/RES/"))
    {
        warnings.push(format!(
            "the first lines name {} but no resolution symbol; {resolution} is taken from the file name",
            symbols.join(", ")
        ));
        symbols.clear();
    }
    symbol_check::check(
        &mut symbols,
        &extracted.pages,
        named.as_deref(),
        extracted.scanned,
        &mut warnings,
    );
    // An older verbatim record's head: its symbol from the organ, session and meeting.
    // Not a resolution's text, whose first lines say at which meeting it was
    // adopted ("1180th meeting", S/RES/198 (1964)).
    let is_record = |s: &String| s.contains("/PV.");
    let meeting = if (symbols.is_empty() || symbols.iter().any(is_record))
        && named.as_ref().is_none_or(is_record)
    {
        meeting_head::read(&lines[..lines.len().min(400)])
    } else {
        None
    };
    if symbols.is_empty()
        && let Some(symbol) = meeting.as_ref().and_then(|m| m.symbol.clone())
    {
        warnings.push(format!(
            "the masthead prints no symbol line; {symbol} is read from its organ, session and meeting number"
        ));
        symbols.push(symbol);
    }
    if symbols.is_empty()
        && let Some(symbol) = named
    {
        warnings.push(format!(
            "the text carries no symbol; {symbol} is taken from the file name"
        ));
        symbols.push(symbol);
    }
    let id = match symbols.first() {
        Some(symbol) => symbol.clone(),
        None => {
            warnings.push(
                "no document symbol found in the masthead; the id is a hash of the text".into(),
            );
            // An empty body would give every such file the same id: hash all the text instead.
            if body_text.trim().is_empty() {
                undoc_model::content_id(&extracted.pages.concat())
            } else {
                undoc_model::content_id(&body_text)
            }
        }
    };
    let printed_title =
        title::document_title(&head.title_parts, head.letter_title.as_deref(), &paragraphs);
    let mut title = resolution_title(&symbols, printed_title);
    let doc_type = doc_type(&symbols, &head, &paragraphs);
    if doc_type == DocType::MeetingRecord
        && let Some(meeting) = &meeting
        // Not a meeting's title, or the head's in capitals ("46th PLENARY MEETING").
        && title.as_deref().is_none_or(|t| {
            !masthead::is_meeting_title(t) || t.eq_ignore_ascii_case(&meeting.title)
        })
    {
        title = Some(meeting.title.clone());
    }
    let letter = match doc_type {
        DocType::Letter | DocType::IdenticalLetters | DocType::NoteVerbale => {
            let letter_title = head.letter_title.as_deref().or(title.as_deref());
            let letter = letter_title.and_then(letter::letter_from_title);
            if letter.is_none() {
                warnings.push(
                    "the title does not name the letter's date, sender and addressees".into(),
                );
            }
            letter
        }
        _ => None,
    };
    let bodies = bodies(&head, &symbols, &mut warnings);
    let agenda_organ = bodies
        .iter()
        .find(|b| b.organ != "S")
        .map(|b| b.organ.clone())
        .or_else(|| bodies.first().map(|b| b.organ.clone()))
        .unwrap_or_else(|| "A".to_owned());
    let mut agenda_items = head.agenda.clone();
    for item in &mut agenda_items {
        if item.organ.is_empty() {
            item.organ = agenda_organ.clone();
        }
        // A principal organ's heading over a subsidiary body's agenda (ECOSOC
        // over its Committee of Experts, E/C.20): the item is the body's.
        if !bodies.iter().any(|b| b.organ == item.organ)
            && let Some(body) = bodies
                .iter()
                .find(|b| b.organ.starts_with(&format!("{}/", item.organ)))
        {
            item.organ = body.organ.clone();
        }
        if item.title.is_none() {
            warnings.push(format!(
                "agenda item {} has no title in the masthead",
                item.number
            ));
        }
    }
    let mut date = head.date.clone();
    if date.is_none() && doc_type == DocType::MeetingRecord {
        // Meeting records print the date under the title ("Tuesday, 29 October 2024, 3 p.m.").
        date = lines[head.body_start.min(lines.len())..]
            .iter()
            .filter(|l| !l.is_blank())
            .take(6)
            .find_map(|l| vocab::date_line(&l.text));
    }
    if date.is_none() {
        date = meeting.as_ref().and_then(|m| m.date.clone());
    }
    if date.is_none() {
        // Texts without a masthead date their title: "Resolution 853 (1993) of 29 July 1993",
        // "Adopted by the Security Council at its 3259th meeting, on 29 July 1993".
        date = [head.subtitle.as_deref(), title.as_deref()]
            .into_iter()
            .flatten()
            .find_map(|t| {
                t.rsplit_once(" of ")
                    .or_else(|| t.rsplit_once(" on "))
                    .and_then(|(_, d)| vocab::date_line(d))
            });
    }
    if date.is_none() {
        warnings.push("the masthead gives no issue date".into());
    }
    if head.distribution.is_none() && doc_type != DocType::MeetingRecord {
        warnings.push("the masthead gives no distribution (general, limited, restricted)".into());
    }
    if title.is_none() {
        warnings.push("no title found".into());
    }
    // A scan has said so already (undoc-extract), with what was done about it.
    if extracted.format == Format::Pdf
        && !extracted.scanned
        && body_text.len() < 200 * extracted.pages.len().max(1) / 2
    {
        warnings.push("the PDF has little or no text layer (a scanned document?)".into());
    }
    let language = head
        .language
        .clone()
        .unwrap_or_else(|| text_language(&body_text).to_owned());
    let own_organs: Vec<&str> = bodies.iter().map(|b| b.organ.as_str()).collect();
    let circulation = letter::circulation(&paragraphs, &own_organs, &language);
    let (meeting_info, speeches, decisions) = if doc_type != DocType::MeetingRecord {
        (None, Vec::new(), Vec::new())
    } else if extracted.scanned {
        // Speeches read from OCR of a scan would put words in speakers' mouths.
        warnings.push(
            "a scanned meeting record: its speeches are not read from the scan's text".into(),
        );
        let info = speeches::meeting(&symbols, &paragraphs);
        (Some(info), Vec::new(), Vec::new())
    } else {
        let read = read_meeting(&symbols, &paragraphs);
        warnings.extend(read.doubts);
        // A verbatim record's masthead names no items; its headings do.
        if agenda_items.is_empty() {
            agenda_items = read.agenda;
        }
        (Some(read.meeting), read.speeches, read.decisions)
    };
    Record {
        source: source.to_owned(),
        id,
        symbols,
        language,
        original_language: head.original_language.clone(),
        distribution: head.distribution,
        date,
        bodies,
        agenda_items,
        doc_type,
        title,
        letter,
        signatories: letter::signatories(&blocks),
        references: Vec::new(),
        circulation,
        paragraphs,
        states_mentioned: Vec::new(),
        warnings,
        subtitle: head.subtitle.clone(),
        letter_title: head.letter_title.clone(),
        extractor: extracted.extractor.to_owned(),
        job_number,
        pages: extracted.pages.len(),
        subjects: Vec::new(),
        authors: Vec::new(),
        frbr: None,
        sponsors: Vec::new(),
        additional_sponsors: Vec::new(),
        adoption: None,
        votes: Vec::new(),
        described_references: Vec::new(),
        inferred_symbols: Vec::new(),
        meeting: meeting_info,
        speeches,
        decisions,
    }
}

/// A Security Council resolution is titled "Resolution N (YYYY)" whatever its
/// text's first lines hold ("The Security Council,", a footnote, nothing):
/// the title printed is kept only where it is that heading (with its subject).
fn resolution_title(symbols: &[String], printed: Option<String>) -> Option<String> {
    let Some(heading) = symbols
        .first()
        .and_then(|s| s.strip_prefix("S/RES/"))
        .filter(|rest| rest.ends_with(')'))
        .map(|rest| format!("Resolution {rest}"))
    else {
        return printed;
    };
    match printed {
        // "RESOLUTION 768 (1992)" as the 1992 texts print it: the heading in its
        // own case, the subject after it kept.
        Some(t)
            if t.get(..heading.len())
                .is_some_and(|h| h.eq_ignore_ascii_case(&heading)) =>
        {
            Some(format!("{heading}{}", &t[heading.len()..]))
        }
        _ => Some(heading),
    }
}

/// The document type, from what the document says it is.
///
/// A document whose title stands above a letter ("Request for the inclusion
/// of an item …" / "Letter dated …") is that letter. Otherwise the title says
/// it ("Report of …", "…: draft resolution", "Provisional agenda"), then the
/// subtitle: a "Note by the Secretariat" that transmits or presents a report
/// is a report (A/80/116), other notes are not. Corrigenda, information notes
/// and working papers are `other` whatever they are titled.
fn doc_type(
    symbols: &[String],
    head: &masthead::Masthead,
    paragraphs: &[undoc_model::Paragraph],
) -> DocType {
    if let Some(t) = head
        .letter_title
        .as_deref()
        .and_then(letter::doc_type_of_title)
    {
        return t;
    }
    let symbol = symbols.first().map(String::as_str).unwrap_or_default();
    let last_part = symbol.rsplit('/').next().unwrap_or_default();
    if last_part.starts_with("Corr.")
        || last_part.starts_with("WP.")
        || last_part.starts_with("CRP.")
        || symbol.contains("/INF/")
    {
        return DocType::Other;
    }
    let title = head.title.as_deref();
    if let Some(t) = head
        .title_parts
        .iter()
        .find_map(|part| letter::doc_type_of_title(part))
    {
        return t;
    }
    if let Some(subtitle) = head.subtitle.as_deref() {
        if let Some(t) = letter::doc_type_of_title(subtitle) {
            return t;
        }
        if subtitle.starts_with("Note by the") {
            let opening = paragraphs
                .iter()
                .take(3)
                .map(|p| p.text.as_str())
                .chain(title);
            if opening
                .into_iter()
                .any(|t| t.to_lowercase().contains("report"))
            {
                return DocType::Report;
            }
            return DocType::Other;
        }
    }
    if symbol.contains("/RES/") {
        return DocType::Resolution;
    }
    if symbol.contains("/PV.") {
        return DocType::MeetingRecord;
    }
    if symbol.contains("/L.") {
        // An L. document holding a draft, resolution or decision, is a draft resolution.
        let opening = paragraphs
            .iter()
            .take(6)
            .map(|p| p.text.to_lowercase())
            .collect::<Vec<_>>()
            .join(" ");
        if opening.contains("draft resolution") || opening.contains("draft decision") {
            return DocType::DraftResolution;
        }
    }
    DocType::Other
}

/// The organs the document is issued for, each with its session or year.
///
/// Which organs: those of the document's own symbols (`A/79/818-S/2025/156`
/// is for A and S; `A/HRC/59/L.17` for A/HRC), else those the masthead names.
/// Which session: the one printed in that organ's column, else the next one
/// of the right kind (a "year" is the Security Council's).
fn bodies(head: &masthead::Masthead, symbols: &[String], warnings: &mut Vec<String>) -> Vec<Body> {
    let mut organs: Vec<String> = Vec::new();
    for symbol in symbols {
        let organ = undoc_symbol::organ_prefix(symbol);
        if !organs.contains(&organ) {
            organs.push(organ);
        }
    }
    if organs.is_empty() {
        organs = head.organs.iter().map(|o| (*o).to_owned()).collect();
    }
    let mut used = vec![false; head.sessions.len()];
    let sole_organ = organs.len() == 1;
    let mut out = Vec::new();
    for organ in organs {
        let is_sc = organ == "S";
        let fits = |s: &SessionLine| matches!(s, SessionLine::Year(_)) == is_sc;
        let found = head
            .sessions
            .iter()
            .enumerate()
            .find(|(i, (hint, s))| !used[*i] && *hint == Some(organ.as_str()) && fits(s))
            .or_else(|| {
                head.sessions.iter().enumerate().find(|(i, (hint, s))| {
                    !used[*i] && fits(s) && hint.is_none_or(|h| !organs_differ(h, &organ))
                })
            })
            .or_else(|| {
                // A body under another's heading (the Group of Experts on
                // Geographical Names, GEGN.2, under the Economic and Social
                // Council's name): when it is the document's only body, the
                // session printed is its own.
                (sole_organ && !is_sc)
                    .then(|| {
                        head.sessions
                            .iter()
                            .enumerate()
                            .find(|(i, (_, s))| !used[*i] && fits(s))
                    })
                    .flatten()
            })
            .map(|(i, (_, s))| (i, s.clone()));
        let mut body = Body {
            organ: organ.clone(),
            session: None,
            year: None,
        };
        match found {
            Some((i, SessionLine::Year(y))) => {
                used[i] = true;
                body.year = Some(y);
            }
            Some((i, SessionLine::Session(s))) => {
                used[i] = true;
                body.session = Some(s);
            }
            None if is_sc => {
                body.year = head.date.as_deref().and_then(|d| d.get(..4)?.parse().ok());
            }
            None => {
                // A symbol with a session number carries it: A/80/116 is of the eightieth session.
                body.session = session_from_symbols(symbols, &organ);
                // Subsidiary bodies often print no session; only a principal organ's absence is news.
                if body.session.is_none() && matches!(organ.as_str(), "A" | "E" | "A/HRC") {
                    warnings.push(format!("no session found for {organ}"));
                }
            }
        }
        out.push(body);
    }
    out
}

/// Whether a column heading names an organ other than `organ` (a heading for
/// a principal organ also covers its subsidiary bodies' symbols).
fn organs_differ(hint: &str, organ: &str) -> bool {
    !(organ == hint || organ.starts_with(&format!("{hint}/")))
}

fn session_from_symbols(symbols: &[String], organ: &str) -> Option<Session> {
    symbols.iter().find_map(|s| {
        let rest = s.strip_prefix(organ)?.strip_prefix('/')?;
        let first = rest.split('/').next()?;
        if first.starts_with("ES-") || first.starts_with("S-") {
            return Some(Session::Named(first.to_owned()));
        }
        let n: u32 = first.parse().ok()?;
        if !rest.contains('/') {
            return None;
        }
        if n < 1900 {
            return Some(Session::Number(n));
        }
        // A body whose sessions are named by their year numbers its documents
        // by it (A/AC.121/2025/INF/1: the Special Committee's 2025 session);
        // a series of issuances (ST, JIU) numbers by year without sessions.
        let issuance_series = matches!(organ, "ST" | "JIU" | "S");
        ((1946..=2100).contains(&n) && !issuance_series).then_some(Session::Number(n))
    })
}

/// The language of a document's body: a bilingual text (the 1948 papers,
/// E/CN.4/109: English, then the same in French) is in the language it opens
/// with; otherwise the whole text's.
fn text_language(text: &str) -> &'static str {
    let middle = text.floor_char_boundary(text.len() / 2);
    let (first, second) = text.split_at(middle);
    let opening = undoc_lang::detect(first);
    if first.len() >= 500 && second.len() >= 500 && opening != undoc_lang::detect(second) {
        return opening;
    }
    undoc_lang::detect(text)
}

/// What a verbatim record's text says of its meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingParts {
    pub meeting: undoc_model::Meeting,
    /// The items its headings take up ("Agenda item 74 (continued)").
    pub agenda: Vec<undoc_model::AgendaItem>,
    pub speeches: Vec<undoc_model::Speech>,
    pub decisions: Vec<undoc_model::Decision>,
    /// What did not add up (a vote's lists against its counts), for `warnings`.
    pub doubts: Vec<String>,
}

/// The meeting, speeches and decisions of a meeting record's paragraphs
/// (with a text layer): what `parse` adds for a meeting record.
pub fn read_meeting(symbols: &[String], paragraphs: &[undoc_model::Paragraph]) -> MeetingParts {
    let meeting = speeches::meeting(symbols, paragraphs);
    let mut speeches = speeches::speeches(paragraphs, meeting.president.as_deref());
    let organ = symbols
        .first()
        .and_then(|s| s.split('/').next())
        .unwrap_or("A");
    let agenda = speeches::agenda(organ, paragraphs, &mut speeches);
    let security_council = symbols.iter().any(|s| s.starts_with("S/"));
    let (decisions, doubts) = decisions::decisions(paragraphs, &speeches, security_council);
    MeetingParts {
        meeting,
        agenda,
        speeches,
        decisions,
        doubts,
    }
}
