//! Parquet, for data frames: `documents.parquet`, `references.parquet`,
//! `votes.parquet` and `speeches.parquet` in one folder, from the rows of
//! [`crate::table`]. Columns are typed as pandas, polars, DuckDB and
//! pyarrow read them: dates as dates, counts as integers, `held` as a
//! boolean, lists as lists of strings. Rows go out in row groups of
//! [`ROWS_PER_GROUP`], so memory stays flat whatever the selection.

use std::fs::File;
use std::path::Path;
use std::sync::Arc;

use ::parquet::arrow::ArrowWriter;
use ::parquet::basic::Compression;
use ::parquet::file::properties::WriterProperties;
use arrow_array::builder::{
    BooleanBuilder, Date32Builder, Int32Builder, ListBuilder, StringBuilder,
};
use arrow_array::{ArrayRef, RecordBatch};
use undoc_store::Store;

use crate::table::{self, DocumentRow, ReferenceRow, SpeechRow, VoteRow};
use crate::{ExportError, Result};

/// Rows held before they are written as one row group.
pub const ROWS_PER_GROUP: usize = 8192;

/// Why a Parquet file could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ParquetError {
    #[error("{path}: {source}")]
    Write {
        path: std::path::PathBuf,
        source: ::parquet::errors::ParquetError,
    },
    #[error("{path}: {source}")]
    Batch {
        path: std::path::PathBuf,
        source: arrow_schema::ArrowError,
    },
}

/// One cell, typed.
enum Cell {
    Text(Option<String>),
    Texts(Vec<String>),
    /// `YYYY-MM-DD`; anything else is null.
    Date(Option<String>),
    Int(Option<i64>),
    Bool(bool),
}

/// A column's type.
#[derive(Debug, Clone, Copy)]
enum Kind {
    Text,
    Texts,
    Date,
    Int,
    Bool,
}

use Kind::{Bool, Date, Int, Text, Texts};

impl Kind {
    fn data_type(self) -> arrow_schema::DataType {
        use arrow_schema::DataType;
        match self {
            Kind::Text => DataType::Utf8,
            // As `ListBuilder` makes them: items named "item", nullable.
            Kind::Texts => DataType::List(Arc::new(arrow_schema::Field::new(
                "item",
                DataType::Utf8,
                true,
            ))),
            Kind::Date => DataType::Date32,
            Kind::Int => DataType::Int32,
            Kind::Bool => DataType::Boolean,
        }
    }
}

/// The builder of one column.
enum Column {
    Text(StringBuilder),
    Texts(ListBuilder<StringBuilder>),
    Date(Date32Builder),
    Int(Int32Builder),
    Bool(BooleanBuilder),
}

impl Column {
    fn new(kind: Kind) -> Column {
        match kind {
            Kind::Text => Column::Text(StringBuilder::new()),
            Kind::Texts => Column::Texts(ListBuilder::new(StringBuilder::new())),
            Kind::Date => Column::Date(Date32Builder::new()),
            Kind::Int => Column::Int(Int32Builder::new()),
            Kind::Bool => Column::Bool(BooleanBuilder::new()),
        }
    }

    fn push(&mut self, cell: Cell) {
        match (self, cell) {
            (Column::Text(b), Cell::Text(v)) => b.append_option(v),
            (Column::Texts(b), Cell::Texts(values)) => {
                for v in values {
                    b.values().append_value(v);
                }
                b.append(true);
            }
            (Column::Date(b), Cell::Date(v)) => b.append_option(v.as_deref().and_then(days)),
            (Column::Int(b), Cell::Int(v)) => {
                b.append_option(v.and_then(|n| i32::try_from(n).ok()));
            }
            (Column::Bool(b), Cell::Bool(v)) => b.append_value(v),
            // A row's cells come from one function per table, so their types
            // never change between rows; a mismatch would be a bug here.
            (column, _) => column.push_null(),
        }
    }

    fn push_null(&mut self) {
        match self {
            Column::Text(b) => b.append_null(),
            Column::Texts(b) => b.append(false),
            Column::Date(b) => b.append_null(),
            Column::Int(b) => b.append_null(),
            Column::Bool(b) => b.append_null(),
        }
    }

    fn finish(&mut self) -> ArrayRef {
        match self {
            Column::Text(b) => Arc::new(b.finish()),
            Column::Texts(b) => Arc::new(b.finish()),
            Column::Date(b) => Arc::new(b.finish()),
            Column::Int(b) => Arc::new(b.finish()),
            Column::Bool(b) => Arc::new(b.finish()),
        }
    }
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date.
fn days(date: &str) -> Option<i32> {
    let date: jiff::civil::Date = date.parse().ok()?;
    let span = jiff::civil::date(1970, 1, 1).until(date).ok()?;
    Some(span.get_days())
}

/// One Parquet file being written, a row group at a time.
struct Table {
    path: std::path::PathBuf,
    /// Every column nullable: a column is typed by what it holds, and a
    /// later row group may hold a null the first did not.
    schema: arrow_schema::SchemaRef,
    columns: Vec<Column>,
    rows: usize,
    writer: Option<ArrowWriter<File>>,
    written: usize,
}

impl Table {
    fn new(path: std::path::PathBuf, columns: &[(&'static str, Kind)]) -> Table {
        Table {
            path,
            schema: Arc::new(arrow_schema::Schema::new(
                columns
                    .iter()
                    .map(|(name, kind)| arrow_schema::Field::new(*name, kind.data_type(), true))
                    .collect::<Vec<_>>(),
            )),
            columns: columns.iter().map(|(_, kind)| Column::new(*kind)).collect(),
            rows: 0,
            writer: None,
            written: 0,
        }
    }

    fn push(&mut self, cells: Vec<Cell>) -> Result<()> {
        for (column, cell) in self.columns.iter_mut().zip(cells) {
            column.push(cell);
        }
        self.rows += 1;
        if self.rows >= ROWS_PER_GROUP {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<()> {
        let arrays: Vec<ArrayRef> = self.columns.iter_mut().map(Column::finish).collect();
        let batch = RecordBatch::try_new(self.schema.clone(), arrays).map_err(|source| {
            ExportError::Parquet(ParquetError::Batch {
                path: self.path.clone(),
                source,
            })
        })?;
        let failed = |path: &Path| {
            let path = path.to_path_buf();
            move |source| ExportError::Parquet(ParquetError::Write { path, source })
        };
        if self.writer.is_none() {
            let file = File::create(&self.path).map_err(|source| ExportError::File {
                path: self.path.clone(),
                source,
            })?;
            let properties = WriterProperties::builder()
                .set_compression(Compression::SNAPPY)
                .set_max_row_group_row_count(Some(ROWS_PER_GROUP))
                .build();
            self.writer = Some(
                ArrowWriter::try_new(file, self.schema.clone(), Some(properties))
                    .map_err(failed(&self.path))?,
            );
        }
        if let Some(writer) = self.writer.as_mut() {
            writer.write(&batch).map_err(failed(&self.path))?;
        }
        self.written += self.rows;
        self.rows = 0;
        Ok(())
    }

    /// Writes what is left and the footer; how many rows the file holds.
    fn finish(mut self) -> Result<usize> {
        // An empty table still gets its file, with its columns.
        if self.rows > 0 || self.writer.is_none() {
            self.flush()?;
        }
        if let Some(writer) = self.writer.take() {
            writer.close().map_err(|source| {
                ExportError::Parquet(ParquetError::Write {
                    path: self.path.clone(),
                    source,
                })
            })?;
        }
        Ok(self.written)
    }
}

const DOCUMENT_COLUMNS: [(&str, Kind); 23] = [
    ("id", Text),
    ("symbols", Texts),
    ("date", Date),
    ("letter_date", Date),
    ("organs", Texts),
    ("agenda_items", Texts),
    ("doc_type", Text),
    ("title", Text),
    ("sender", Text),
    ("sender_state", Text),
    ("addressees", Texts),
    ("signatories", Texts),
    ("states_mentioned", Texts),
    ("language", Text),
    ("original_language", Text),
    ("languages", Texts),
    ("replies_to", Texts),
    ("cites", Texts),
    ("cited_by", Texts),
    ("references_out", Int),
    ("references_in", Int),
    ("url", Text),
    ("source", Text),
];

fn document_cells(r: DocumentRow) -> Vec<Cell> {
    vec![
        Cell::Text(Some(r.id)),
        Cell::Texts(r.symbols),
        Cell::Date(r.date),
        Cell::Date(r.letter_date),
        Cell::Texts(r.organs),
        Cell::Texts(r.agenda_items),
        Cell::Text(Some(r.doc_type)),
        Cell::Text(r.title),
        Cell::Text(r.sender),
        Cell::Text(r.sender_state),
        Cell::Texts(r.addressees),
        Cell::Texts(r.signatories),
        Cell::Texts(r.states_mentioned),
        Cell::Text(Some(r.language)),
        Cell::Text(r.original_language),
        Cell::Texts(r.languages),
        Cell::Texts(r.replies_to),
        Cell::Texts(r.cites),
        Cell::Texts(r.cited_by),
        Cell::Int(i64::try_from(r.references_out).ok()),
        Cell::Int(i64::try_from(r.references_in).ok()),
        Cell::Text(r.url),
        Cell::Text(Some(r.source)),
    ]
}

const REFERENCE_COLUMNS: [(&str, Kind); 16] = [
    ("from", Text),
    ("from_symbol", Text),
    ("from_date", Date),
    ("from_type", Text),
    ("from_sender_state", Text),
    ("position", Int),
    ("to", Text),
    ("to_symbols", Texts),
    ("held", Bool),
    ("to_date", Date),
    ("to_type", Text),
    ("to_title", Text),
    ("to_sender_state", Text),
    ("relation", Text),
    ("kind", Text),
    ("text", Text),
];

fn reference_cells(r: ReferenceRow) -> Vec<Cell> {
    vec![
        Cell::Text(Some(r.from)),
        Cell::Text(r.from_symbol),
        Cell::Date(r.from_date),
        Cell::Text(Some(r.from_type)),
        Cell::Text(r.from_sender_state),
        Cell::Int(i64::try_from(r.position).ok()),
        Cell::Text(Some(r.to)),
        Cell::Texts(r.to_symbols),
        Cell::Bool(r.held),
        Cell::Date(r.to_date),
        Cell::Text(r.to_type),
        Cell::Text(r.to_title),
        Cell::Text(r.to_sender_state),
        Cell::Text(Some(r.relation)),
        Cell::Text(Some(r.kind)),
        Cell::Text(Some(r.text)),
    ]
}

const VOTE_COLUMNS: [(&str, Kind); 8] = [
    ("symbol", Text),
    ("title", Text),
    ("adoption_date", Date),
    ("meeting_record", Text),
    ("vote", Int),
    ("state", Text),
    ("ballot", Text),
    ("document", Text),
];

fn vote_cells(r: VoteRow) -> Vec<Cell> {
    vec![
        Cell::Text(Some(r.symbol)),
        Cell::Text(r.title),
        Cell::Date(r.adoption_date),
        Cell::Text(r.meeting_record),
        Cell::Int(i64::try_from(r.vote).ok()),
        Cell::Text(Some(r.state)),
        Cell::Text(Some(r.ballot)),
        Cell::Text(Some(r.document)),
    ]
}

const SPEECH_COLUMNS: [(&str, Kind); 13] = [
    ("meeting", Text),
    ("date", Date),
    ("position", Int),
    ("speaker", Text),
    ("state", Text),
    ("role", Text),
    ("kind", Text),
    ("language", Text),
    ("agenda_item", Int),
    ("anchor", Text),
    ("references", Texts),
    ("text", Text),
    ("document", Text),
];

fn speech_cells(r: SpeechRow) -> Vec<Cell> {
    vec![
        Cell::Text(Some(r.meeting)),
        Cell::Date(r.date),
        Cell::Int(i64::try_from(r.position).ok()),
        Cell::Text(Some(r.speaker)),
        Cell::Text(r.state),
        Cell::Text(r.role),
        Cell::Text(Some(r.kind)),
        Cell::Text(r.language),
        Cell::Int(r.agenda_item.map(i64::from)),
        Cell::Text(Some(r.anchor)),
        Cell::Texts(r.references),
        Cell::Text(Some(r.text)),
        Cell::Text(Some(r.document)),
    ]
}

/// What one Parquet export wrote: rows per file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Written {
    pub documents: usize,
    pub references: usize,
    pub votes: usize,
    pub speeches: usize,
}

/// Writes the four tables of the selected texts into `dir` (created if
/// missing).
pub fn export_parquet(store: &dyn Store, ids: &[String], dir: &Path) -> Result<Written> {
    std::fs::create_dir_all(dir).map_err(|source| ExportError::File {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut documents = Table::new(dir.join("documents.parquet"), &DOCUMENT_COLUMNS);
    let mut references = Table::new(dir.join("references.parquet"), &REFERENCE_COLUMNS);
    let mut votes = Table::new(dir.join("votes.parquet"), &VOTE_COLUMNS);
    let mut speeches = Table::new(dir.join("speeches.parquet"), &SPEECH_COLUMNS);
    // Ballots and speeches once per work, from the text the other writers
    // choose too; every table filled in one read of each record.
    let one_per_work: std::collections::HashSet<String> =
        undoc_store::one_text_per_work(ids.to_vec(), "", |id| id)
            .into_iter()
            .collect();
    for id in ids {
        let record = crate::get(store, id)?;
        let rows = table::reference_rows(store, id, &record)?;
        documents.push(document_cells(table::document_row_with(
            store, id, &record, &rows,
        )?))?;
        for row in rows {
            references.push(reference_cells(row))?;
        }
        if one_per_work.contains(id) {
            for row in table::vote_rows(id, &record) {
                votes.push(vote_cells(row))?;
            }
            for row in table::speech_rows(&record) {
                speeches.push(speech_cells(row))?;
            }
        }
    }
    Ok(Written {
        documents: documents.finish()?,
        references: references.finish()?,
        votes: votes.finish()?,
        speeches: speeches.finish()?,
    })
}
