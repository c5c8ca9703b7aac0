/*!
Exports: stored records in formats that other tools already read.

- JSON Lines: the record of `shared/spec/record.md`, one per line;
- CSV, one row per document (symbols, date, organs, agenda items, type,
  title, sender, sender State, addressees, signatories, references out and
  in) — what a spreadsheet wants;
- CSV, one row per reference (from, to, relation, kind, resolved or not) —
  the edge list network tools want.

Every writer takes documents one at a time from the store and writes them
straight out, so memory stays flat whatever the corpus size; a document that
cannot be read is an error naming it.
*/

use std::io::Write;

use undoc_model::{Record, Session};
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
}

pub type Result<T> = std::result::Result<T, ExportError>;

/// The formats this crate writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    JsonLines,
    /// One row per document.
    Csv,
    /// One row per reference.
    CsvReferences,
}

/// The columns of the per-document CSV.
pub const DOCUMENT_COLUMNS: [&str; 14] = [
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
];

/// The columns of the per-reference CSV.
pub const REFERENCE_COLUMNS: [&str; 7] = [
    "from",
    "to_symbol",
    "to_document",
    "relation",
    "kind",
    "resolved",
    "text",
];

/// Several values in one CSV cell.
const SEPARATOR: &str = "; ";

/// Writes the documents `ids` (in that order) from `store` to `out`; returns how many.
pub fn export(
    store: &dyn Store,
    ids: &[String],
    format: Format,
    out: &mut dyn Write,
) -> Result<usize> {
    match format {
        Format::JsonLines => {
            for id in ids {
                let record = get(store, id)?;
                serde_json::to_writer(&mut *out, &record).map_err(std::io::Error::from)?;
                out.write_all(b"\n")?;
            }
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(&mut *out);
            w.write_record(DOCUMENT_COLUMNS)?;
            for id in ids {
                let record = get(store, id)?;
                let incoming = store.links_to(id)?.len();
                w.write_record(document_row(&record, incoming))?;
            }
            w.flush()?;
        }
        Format::CsvReferences => {
            let mut w = csv::Writer::from_writer(&mut *out);
            w.write_record(REFERENCE_COLUMNS)?;
            for id in ids {
                let record = get(store, id)?;
                for reference in &record.references {
                    for symbol in &reference.symbols {
                        let target = store.resolve(symbol)?;
                        let relation = enum_text(&reference.relation);
                        let kind = enum_text(&reference.kind);
                        let resolved = if target.is_some() { "yes" } else { "no" };
                        let target = target.unwrap_or_default();
                        w.write_record([
                            &record.id,
                            symbol,
                            &target,
                            &relation,
                            &kind,
                            resolved,
                            &reference.text,
                        ])?;
                    }
                }
            }
            w.flush()?;
        }
    }
    Ok(ids.len())
}

fn get(store: &dyn Store, id: &str) -> Result<Record> {
    store
        .get(id)?
        .ok_or_else(|| ExportError::Missing(id.to_owned()))
}

/// The serialized name of a unit enum (`replies_to`, `document`).
fn enum_text<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn document_row(r: &Record, references_in: usize) -> Vec<String> {
    let organs: Vec<String> = r
        .bodies
        .iter()
        .map(|b| match (&b.session, b.year) {
            (Some(Session::Number(n)), _) => format!("{} {n}", b.organ),
            (Some(Session::Named(n)), _) => format!("{} {n}", b.organ),
            (None, Some(y)) => format!("{} {y}", b.organ),
            (None, None) => b.organ.clone(),
        })
        .collect();
    let agenda: Vec<String> = r
        .agenda_items
        .iter()
        .map(|i| {
            let sub = i
                .sub
                .as_ref()
                .map(|s| format!(" ({s})"))
                .unwrap_or_default();
            format!("{} {}{sub}", i.organ, i.number)
        })
        .collect();
    let letter = r.letter.as_ref();
    vec![
        r.id.clone(),
        r.symbols.join(SEPARATOR),
        r.date.clone().unwrap_or_default(),
        organs.join(SEPARATOR),
        agenda.join(SEPARATOR),
        r.doc_type.as_str().to_owned(),
        r.title.clone().unwrap_or_default(),
        letter.and_then(|l| l.sender.clone()).unwrap_or_default(),
        letter
            .and_then(|l| l.sender_state.clone())
            .unwrap_or_default(),
        letter
            .map(|l| l.addressees.join(SEPARATOR))
            .unwrap_or_default(),
        r.signatories
            .iter()
            .map(|s| s.name.as_str())
            .collect::<Vec<_>>()
            .join(SEPARATOR),
        r.language.clone(),
        r.references.len().to_string(),
        references_in.to_string(),
    ]
}
