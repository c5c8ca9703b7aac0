/*!
Exports: stored records in formats that other tools already read.

- JSON Lines: the record of `shared/spec/record.md`, one per line;
- CSV, one row per document (symbols, dates, organs, agenda items, type,
  title, sender and its State, addressees, signatories, States mentioned,
  what it answers, cites and is cited by, permalink, source file, languages)
  — what a spreadsheet wants (see [`table::DocumentRow`]);
- CSV or JSON Lines, one row per reference, a joint symbol being one (both
  ends' symbols, dates, types and senders, relation, kind, held or not) —
  the edge list network tools want (see [`table::ReferenceRow`]);
- the citation network as GraphML or GEXF (see [`network`]);
- MARCXML in the UN Digital Library's profile (see [`marc_record`]);
- Akoma Ntoso 3.0 as the UN uses it, one file per document and language
  (see [`akn`]).

Every writer takes documents one at a time from the store and writes them
straight out, so memory stays flat whatever the corpus size; a document that
cannot be read is an error naming it.
*/

use std::io::Write;
use std::path::Path;

pub mod akn;
pub mod atom;
pub mod cite;
pub mod network;
pub mod parquet;
pub mod table;

use undoc_model::Record;
use undoc_store::Store;

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Store(#[from] undoc_store::StoreError),
    #[error("writing the export: {0}")]
    Io(#[from] std::io::Error),
    #[error("writing CSV: {0}")]
    Csv(#[from] csv::Error),
    #[error("{0}: not in the store")]
    Missing(String),
    #[error(transparent)]
    Search(#[from] undoc_index::IndexError),
    #[error(transparent)]
    Parquet(#[from] crate::parquet::ParquetError),
    #[error("{path}: {source}")]
    File {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
}

pub type Result<T> = std::result::Result<T, ExportError>;

/// The formats this crate writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    JsonLines,
    /// MARCXML in the UN Digital Library's profile.
    MarcXml,
    /// One row per document.
    Csv,
    /// One row per reference.
    CsvReferences,
    /// One JSON object per reference, with the CSV's fields.
    JsonLinesReferences,
    /// The citation network (see [`network`]) as GraphML.
    GraphMl,
    /// The citation network as GEXF 1.3.
    Gexf,
    /// One row per State's ballot in a recorded vote.
    CsvVotes,
    /// One row per speech of a meeting record.
    CsvSpeeches,
    /// One JSON object per speech of a meeting record, with the CSV's fields.
    JsonLinesSpeeches,
}

impl Format {
    /// Every format with the name the API and the command line give it and
    /// the media type it is served as: the one list both read.
    pub const NAMED: [(&'static str, Format, &'static str); 10] = [
        (
            "jsonl",
            Format::JsonLines,
            "application/jsonl; charset=utf-8",
        ),
        ("csv", Format::Csv, "text/csv; charset=utf-8"),
        (
            "csv-references",
            Format::CsvReferences,
            "text/csv; charset=utf-8",
        ),
        (
            "references-jsonl",
            Format::JsonLinesReferences,
            "application/jsonl; charset=utf-8",
        ),
        ("votes", Format::CsvVotes, "text/csv; charset=utf-8"),
        ("speeches", Format::CsvSpeeches, "text/csv; charset=utf-8"),
        (
            "speeches-jsonl",
            Format::JsonLinesSpeeches,
            "application/jsonl; charset=utf-8",
        ),
        ("marcxml", Format::MarcXml, "application/marcxml+xml"),
        ("graphml", Format::GraphMl, "application/graphml+xml"),
        ("gexf", Format::Gexf, "application/gexf+xml"),
    ];

    /// The format a name stands for, and its media type.
    pub fn named(name: &str) -> Option<(Format, &'static str)> {
        Self::NAMED
            .iter()
            .find(|(n, _, _)| *n == name)
            .map(|(_, format, media)| (*format, *media))
    }

    /// The names, for a message listing them.
    pub fn names() -> Vec<&'static str> {
        Self::NAMED.iter().map(|(name, _, _)| *name).collect()
    }
}

/// The columns of the speeches table (CSV, and the keys of its JSON Lines).
pub const SPEECH_COLUMNS: [&str; 13] = [
    "meeting",
    "date",
    "position",
    "speaker",
    "state",
    "role",
    "kind",
    "language",
    "agenda_item",
    "anchor",
    "references",
    "text",
    "document",
];

/// A speech row's cells, in `SPEECH_COLUMNS` order.
fn speech_cells(row: table::SpeechRow) -> [String; 13] {
    let optional = Option::unwrap_or_default;
    [
        row.meeting,
        optional(row.date),
        row.position.to_string(),
        row.speaker,
        optional(row.state),
        optional(row.role),
        row.kind,
        optional(row.language),
        row.agenda_item.map(|n| n.to_string()).unwrap_or_default(),
        row.anchor,
        row.references.join(SEPARATOR),
        row.text,
        row.document,
    ]
}

/// A ballot row's cells, in `VOTE_COLUMNS` order.
fn vote_cells(row: table::VoteRow) -> [String; 8] {
    let optional = Option::unwrap_or_default;
    [
        row.symbol,
        optional(row.title),
        optional(row.adoption_date),
        optional(row.meeting_record),
        row.vote.to_string(),
        row.state,
        row.ballot,
        row.document,
    ]
}

/// The columns of the votes CSV.
pub const VOTE_COLUMNS: [&str; 8] = [
    "symbol",
    "title",
    "adoption_date",
    "meeting_record",
    "vote",
    "state",
    "ballot",
    "document",
];

/// The columns of the per-document CSV: the fields of [`table::DocumentRow`].
pub const DOCUMENT_COLUMNS: [&str; 23] = [
    "id",
    "symbols",
    "date",
    "organs",
    "agenda_items",
    "doc_type",
    "title",
    "sender",
    "sender_state",
    "addressees",
    "signatories",
    "language",
    "references_out",
    "references_in",
    "letter_date",
    "states_mentioned",
    "replies_to",
    "cites",
    "cited_by",
    "url",
    "source",
    "languages",
    "original_language",
];

/// The columns of the per-reference CSV: the fields of [`table::ReferenceRow`].
pub const REFERENCE_COLUMNS: [&str; 16] = [
    "from",
    "from_symbol",
    "from_date",
    "from_type",
    "from_sender_state",
    "position",
    "to",
    "to_symbols",
    "held",
    "to_date",
    "to_type",
    "to_title",
    "to_sender_state",
    "relation",
    "kind",
    "text",
];

/// Several values in one CSV cell.
const SEPARATOR: &str = "; ";

/// What an export writes: stored documents, by id, and catalogue records
/// that describe no stored document, by key (only MARCXML writes those).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    pub documents: Vec<String>,
    pub catalogue: Vec<String>,
}

/// Chooses what an export writes, in order: the given symbols (documents, or
/// catalogue records that describe no stored document), then every document
/// the search matches; with neither, the whole store and the catalogue
/// records of documents it does not hold. An unknown symbol is `Missing`.
pub fn select(
    store: &dyn Store,
    symbols: &[String],
    search: Option<(&dyn undoc_index::Search, undoc_index::SearchRequest)>,
) -> Result<Selection> {
    let everything = symbols.is_empty() && search.is_none();
    let mut selection = Selection::default();
    let mut seen = std::collections::HashSet::new();
    for symbol in symbols {
        match store.resolve(symbol)? {
            Some(id) => {
                if seen.insert(id.clone()) {
                    selection.documents.push(id);
                }
            }
            None => {
                let key = store
                    .catalogue(symbol)?
                    .and_then(|e| e.key())
                    .ok_or_else(|| ExportError::Missing(symbol.clone()))?;
                if seen.insert(key.clone()) {
                    selection.catalogue.push(key);
                }
            }
        }
    }
    if let Some((index, request)) = search {
        // Page through every match: of the query as the search page reads
        // it (close spellings included), so the export holds what it showed.
        let budget = undoc_index::Budget::default();
        let (mut request, mut first) = undoc_index::search_as_meant_by(index, &request, &budget)
            .map(|(request, page)| (request, Some(page)))?;
        loop {
            let page = match first.take() {
                Some(page) => page,
                None => index.search(&request)?,
            };
            let n = page.hits.len();
            for hit in page.hits {
                if seen.insert(hit.id.clone()) {
                    selection.documents.push(hit.id);
                }
            }
            request.offset += n;
            if n < request.limit || request.offset >= page.total {
                break;
            }
        }
    }
    if everything {
        selection.documents = store.ids()?;
        for key in store.catalogue_keys()? {
            if let Some(entry) = store.catalogue(&key)?
                && !describes_a_stored_document(store, &entry)?
            {
                selection.catalogue.push(key);
            }
        }
    }
    Ok(selection)
}

/// Whether a stored document carries one of a catalogue record's symbols
/// exactly (not merely by resolving to a revision of it), so that the record
/// is written with that document and not again on its own.
pub fn describes_a_stored_document(
    store: &dyn Store,
    entry: &undoc_store::CatalogueEntry,
) -> std::result::Result<bool, undoc_store::StoreError> {
    for symbol in &entry.symbols {
        if let Some(id) = store.resolve(symbol)?
            && store
                .summary(&id)?
                .is_some_and(|summary| summary.symbols.contains(symbol))
        {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Writes the selection (documents in their order, then catalogue records)
/// from `store` to `out`; returns how many records were written.
pub fn export(
    store: &dyn Store,
    selection: &Selection,
    format: Format,
    out: &mut dyn Write,
) -> Result<usize> {
    let ids = &selection.documents;
    match format {
        Format::JsonLines => {
            for id in ids {
                let record = get(store, id)?;
                serde_json::to_writer(&mut *out, &record).map_err(std::io::Error::from)?;
                out.write_all(b"\n")?;
            }
        }
        Format::MarcXml => {
            out.write_all(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")?;
            out.write_all(
                format!("<collection xmlns=\"{}\">\n", undoc_marc::NAMESPACE).as_bytes(),
            )?;
            let mut xml = String::new();
            for id in ids {
                let record = get(store, id)?;
                // The library's own record, where one was imported, is the
                // better description: it is written back as it came.
                let catalogued = record
                    .symbols
                    .iter()
                    .find_map(|s| store.catalogue(s).transpose())
                    .transpose()?;
                match catalogued {
                    Some(entry) => out.write_all(entry.marcxml.as_bytes())?,
                    None => {
                        xml.clear();
                        undoc_marc::write_record(&marc_record(&record), &mut xml);
                        out.write_all(xml.as_bytes())?;
                    }
                }
            }
            for key in &selection.catalogue {
                let entry = store
                    .catalogue(key)?
                    .ok_or_else(|| ExportError::Missing(key.clone()))?;
                out.write_all(entry.marcxml.as_bytes())?;
            }
            out.write_all(b"</collection>\n")?;
            return Ok(ids.len() + selection.catalogue.len());
        }
        Format::Csv => {
            let mut w = SafeCsv(csv::Writer::from_writer(&mut *out));
            w.write_record(DOCUMENT_COLUMNS)?;
            for id in ids {
                let record = get(store, id)?;
                w.write_record(document_cells(table::document_row(store, id, &record)?))?;
            }
            w.flush()?;
        }
        Format::CsvVotes => {
            let mut w = SafeCsv(csv::Writer::from_writer(&mut *out));
            w.write_record(VOTE_COLUMNS)?;
            table::for_each_vote(store, ids, |row| Ok(w.write_record(vote_cells(row))?))?;
            w.flush()?;
        }
        Format::CsvSpeeches => {
            let mut w = SafeCsv(csv::Writer::from_writer(&mut *out));
            w.write_record(SPEECH_COLUMNS)?;
            table::for_each_speech(store, ids, |row| Ok(w.write_record(speech_cells(row))?))?;
            w.flush()?;
        }
        Format::JsonLinesSpeeches => {
            let mut line: Vec<u8> = Vec::new();
            table::for_each_speech(store, ids, |row| {
                line.clear();
                serde_json::to_writer(&mut line, &row).map_err(std::io::Error::from)?;
                line.push(b'\n');
                out.write_all(&line)?;
                Ok(())
            })?;
        }
        Format::CsvReferences => {
            let mut w = SafeCsv(csv::Writer::from_writer(&mut *out));
            w.write_record(REFERENCE_COLUMNS)?;
            for id in ids {
                let record = get(store, id)?;
                for row in table::reference_rows(store, id, &record)? {
                    w.write_record(reference_cells(row))?;
                }
            }
            w.flush()?;
        }
        Format::GraphMl => {
            network::Network::of(store, ids)?.write(network::NetworkFormat::GraphMl, out)?
        }
        Format::Gexf => {
            network::Network::of(store, ids)?.write(network::NetworkFormat::Gexf, out)?
        }
        Format::JsonLinesReferences => {
            let mut line: Vec<u8> = Vec::new();
            for id in ids {
                let record = get(store, id)?;
                for row in table::reference_rows(store, id, &record)? {
                    line.clear();
                    serde_json::to_writer(&mut line, &row).map_err(std::io::Error::from)?;
                    line.push(b'\n');
                    out.write_all(&line)?;
                }
            }
        }
    }
    Ok(ids.len())
}

/// A CSV writer whose cells cannot run as spreadsheet formulas: a cell that
/// starts with `=`, `+`, `-`, `@`, a tab or a carriage return (a title such as
/// "=HYPERLINK(…)" in a hostile document) gets a leading `'`, as OWASP's
/// guidance on CSV injection recommends; the csv crate quotes the rest.
struct SafeCsv<W: std::io::Write>(csv::Writer<W>);

impl<W: std::io::Write> SafeCsv<W> {
    fn write_record<I, T>(&mut self, cells: I) -> csv::Result<()>
    where
        I: IntoIterator<Item = T>,
        T: AsRef<str>,
    {
        self.0.write_record(
            cells
                .into_iter()
                .map(|c| neutralized(c.as_ref()).into_owned()),
        )
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

/// A CSV cell as a spreadsheet will show it, never evaluate it.
pub fn neutralized(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// Writes the documents `ids` from `store` as Akoma Ntoso, one file per
/// document and language in the folder `dir` (created if missing); returns
/// how many files were written.
pub fn export_akn(store: &dyn Store, ids: &[String], dir: &Path) -> Result<usize> {
    let file_error = |path: &Path| {
        let path = path.to_path_buf();
        move |source| ExportError::File { path, source }
    };
    std::fs::create_dir_all(dir).map_err(file_error(dir))?;
    let mut xml = String::new();
    for id in ids {
        let record = get(store, id)?;
        xml.clear();
        akn::write_document(&record, &mut xml);
        let path = dir.join(akn::file_name(&record));
        std::fs::write(&path, xml.as_bytes()).map_err(file_error(&path))?;
    }
    Ok(ids.len())
}

fn get(store: &dyn Store, id: &str) -> Result<Record> {
    store
        .get(id)?
        .ok_or_else(|| ExportError::Missing(id.to_owned()))
}

/// MARC language codes (ISO 639-2/B).
fn marc_language(code: &str) -> &str {
    undoc_lang::get(code).map_or(code, |l| l.iso639_2b)
}

fn datafield(
    tag: &str,
    ind1: &str,
    ind2: &str,
    subfields: Vec<(&str, String)>,
) -> undoc_marc::DataField {
    undoc_marc::DataField {
        tag: tag.to_owned(),
        ind1: ind1.to_owned(),
        ind2: ind2.to_owned(),
        subfields: subfields
            .into_iter()
            .map(|(c, v)| (c.to_owned(), v))
            .collect(),
    }
}

/// What importing one MARCXML collection did to the store.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CatalogueImport {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Records that describe a document the store holds.
    pub describing: usize,
}

impl CatalogueImport {
    /// Records read in all.
    pub fn records(&self) -> usize {
        self.added + self.updated + self.unchanged
    }
}

/// Why a MARCXML collection was not imported (nothing of it is stored).
#[derive(Debug, thiserror::Error)]
pub enum CatalogueError {
    #[error(transparent)]
    Marc(#[from] undoc_marc::MarcError),
    #[error("record {0}: neither a symbol (191) nor a control number (001)")]
    Unkeyed(usize),
    #[error(transparent)]
    Store(#[from] undoc_store::StoreError),
}

/// Reads a MARCXML collection (a file, or the UN Digital Library's answer)
/// and stores its records, joined to the documents they describe: what
/// `undoc import-marc` and `undoc fetch --catalogue` both do. A collection
/// with a record that has no key is refused whole.
pub fn import_catalogue(
    store: &mut dyn Store,
    xml: &str,
) -> std::result::Result<CatalogueImport, CatalogueError> {
    let entries: Vec<_> = undoc_marc::read(xml)?.iter().map(catalogue_entry).collect();
    if let Some(position) = entries.iter().position(|e| e.key().is_none()) {
        return Err(CatalogueError::Unkeyed(position + 1));
    }
    let mut import = CatalogueImport::default();
    for outcome in store.put_catalogue(&entries)? {
        match outcome {
            undoc_store::PutOutcome::Added => import.added += 1,
            undoc_store::PutOutcome::Updated => import.updated += 1,
            undoc_store::PutOutcome::Unchanged => import.unchanged += 1,
        }
    }
    for entry in &entries {
        import.describing += usize::from(describes_a_stored_document(store, entry)?);
    }
    Ok(import)
}

/// What the store keeps of a catalogue record: its symbols (191 $a,
/// canonical), control number, subjects (650 $a), corporate authors (710 $a),
/// and the record itself, written as MARCXML.
pub fn catalogue_entry(marc: &undoc_marc::MarcRecord) -> undoc_store::CatalogueEntry {
    let mut symbols: Vec<String> = Vec::new();
    for written in marc.values("191", "a") {
        let symbol =
            undoc_symbol::canonicalize(written).unwrap_or_else(|| written.trim().to_owned());
        if !symbol.is_empty() && !symbols.contains(&symbol) {
            symbols.push(symbol);
        }
    }
    let mut marcxml = String::new();
    undoc_marc::write_record(marc, &mut marcxml);
    undoc_store::CatalogueEntry {
        symbols,
        control: marc.control("001").map(str::to_owned),
        subjects: marc.values("650", "a").map(str::to_owned).collect(),
        authors: marc.values("710", "a").map(str::to_owned).collect(),
        marcxml,
    }
}

/// A record in the UN Digital Library's MARC profile: 191 symbols (each part of
/// a joint symbol, with series and session), 269 date, 245 title, 041
/// language, 710 the sender State, 991 agenda items (number with sub-item,
/// title), 993 related documents (the references), 089 the document type.
pub fn marc_record(r: &Record) -> undoc_marc::MarcRecord {
    let mut fields = Vec::new();
    fields.push(datafield(
        "041",
        "0",
        " ",
        vec![("a", marc_language(&r.language).to_owned())],
    ));
    let kind = match r.doc_type {
        undoc_model::DocType::Letter | undoc_model::DocType::IdenticalLetters => Some("B01"),
        undoc_model::DocType::NoteVerbale => Some("B01"),
        undoc_model::DocType::Resolution => Some("B03"),
        undoc_model::DocType::DraftResolution => Some("B02"),
        undoc_model::DocType::MeetingRecord => Some("B15"),
        undoc_model::DocType::Report => Some("B04"),
        _ => None,
    };
    if let Some(kind) = kind {
        fields.push(datafield("089", " ", " ", vec![("b", kind.to_owned())]));
    }
    for symbol in &r.symbols {
        // $b the series ("A/"), $c the session or year, as the catalogue splits them.
        let mut subfields = vec![("a", symbol.clone())];
        let mut parts = symbol.split('/');
        if let (Some(series), Some(session)) = (parts.next(), parts.next()) {
            subfields.push(("b", format!("{series}/")));
            if session.bytes().all(|b| b.is_ascii_digit()) {
                subfields.push(("c", session.to_owned()));
            }
        }
        fields.push(datafield("191", " ", " ", subfields));
    }
    if let Some(title) = &r.title {
        fields.push(datafield("245", "1", "0", vec![("a", title.clone())]));
    }
    if let Some(date) = &r.date {
        fields.push(datafield("269", " ", " ", vec![("a", date.clone())]));
    }
    if let Some(state) = r.letter.as_ref().and_then(|l| l.sender_state.as_deref()) {
        fields.push(datafield("710", "1", " ", vec![("a", state.to_owned())]));
    }
    for item in &r.agenda_items {
        // $b the item number with its sub-item letter ("71b"), $c its title.
        let number = format!("{}{}", item.number, item.sub.as_deref().unwrap_or_default());
        let mut subfields = vec![("b", number)];
        if let Some(title) = &item.title {
            subfields.push(("c", title.clone()));
        }
        fields.push(datafield("991", " ", " ", subfields));
    }
    let mut related: Vec<&str> = Vec::new();
    for reference in &r.references {
        for symbol in &reference.symbols {
            if !related.contains(&symbol.as_str()) {
                related.push(symbol);
            }
        }
    }
    for symbol in related {
        fields.push(datafield("993", " ", " ", vec![("a", symbol.to_owned())]));
    }
    undoc_marc::MarcRecord {
        leader: Some("00000nam a2200000 a 4500".to_owned()),
        controlfields: vec![("001".to_owned(), r.id.clone())],
        datafields: fields,
    }
}

/// A document row's cells, in `DOCUMENT_COLUMNS` order.
fn document_cells(row: table::DocumentRow) -> [String; 23] {
    let optional = Option::unwrap_or_default;
    [
        row.id,
        row.symbols.join(SEPARATOR),
        optional(row.date),
        row.organs.join(SEPARATOR),
        row.agenda_items.join(SEPARATOR),
        row.doc_type,
        optional(row.title),
        optional(row.sender),
        optional(row.sender_state),
        row.addressees.join(SEPARATOR),
        row.signatories.join(SEPARATOR),
        row.language,
        row.references_out.to_string(),
        row.references_in.to_string(),
        optional(row.letter_date),
        row.states_mentioned.join(SEPARATOR),
        row.replies_to.join(SEPARATOR),
        row.cites.join(SEPARATOR),
        row.cited_by.join(SEPARATOR),
        optional(row.url),
        row.source,
        row.languages.join(SEPARATOR),
        optional(row.original_language),
    ]
}

/// A reference row's cells, in `REFERENCE_COLUMNS` order.
fn reference_cells(row: table::ReferenceRow) -> [String; 16] {
    let optional = Option::unwrap_or_default;
    [
        row.from,
        optional(row.from_symbol),
        optional(row.from_date),
        row.from_type,
        optional(row.from_sender_state),
        row.position.to_string(),
        row.to,
        row.to_symbols.join(SEPARATOR),
        row.held.to_string(),
        optional(row.to_date),
        optional(row.to_type),
        optional(row.to_title),
        optional(row.to_sender_state),
        row.relation,
        row.kind,
        row.text,
    ]
}
