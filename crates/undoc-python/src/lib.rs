/*!
The Python package `undoc` (`pip install ./python`): the library itself, not
a wrapper around the command line. `undoc.parse(path)` gives the record of
`shared/spec/record.md`; `undoc.Store(path_or_url)` opens an embedded store
or a PostgreSQL database and answers what the CLI and the API answer —
search, a document, its thread, what it cites and what cites it, a State's
votes and speeches — as plain Python objects (dicts, lists, strings, numbers),
and the researcher's tables as rows or, with pyarrow, as typed Arrow tables.

Every answer is made by the crates the CLI uses, then handed to Python as
JSON read by Python's own `json` module, so a field has one name and one
meaning in the record, the API and here. Errors are `undoc.UndocError` with
the message the CLI prints; an unknown document is `None`.
*/

use std::path::PathBuf;
use std::sync::Mutex;

use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyImportError};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use serde::Serialize;
use serde_json::{Value, json};
use undoc_backend::{Access, Location};
use undoc_search::Search;
use undoc_store::Store;

create_exception!(
    undoc,
    UndocError,
    PyException,
    "What undoc could not do, in the words the command line uses."
);

fn failed(e: impl std::fmt::Display) -> PyErr {
    UndocError::new_err(e.to_string())
}

/// A value as Python objects, through Python's own JSON reader.
fn to_python<'py>(py: Python<'py>, value: &impl Serialize) -> PyResult<Bound<'py, PyAny>> {
    let text = serde_json::to_string(value).map_err(failed)?;
    PyModule::import(py, "json")?.call_method1("loads", (text,))
}

/// The record of one file (PDF, text, markdown, Akoma Ntoso), as
/// `undoc parse --json` prints it.
#[pyfunction]
fn parse(py: Python<'_>, path: PathBuf) -> PyResult<Bound<'_, PyAny>> {
    let shown = path.display().to_string();
    let options = undoc_extract::Options::default();
    let bytes =
        undoc_extract::read_file(&path, &options).map_err(|e| failed(format!("{shown}: {e}")))?;
    let record = undoc_ingest::parse_bytes(&shown, &path, &bytes, &options)
        .map_err(|e| failed(format!("{shown}: {e}")))?;
    to_python(py, &record)
}

/// The search filters and paging a call gave as keywords, read as the API
/// reads its query string.
#[derive(serde::Deserialize)]
struct Keywords {
    #[serde(flatten)]
    filters: undoc_search::Filters,
    #[serde(flatten)]
    unknown: std::collections::BTreeMap<String, Value>,
}

/// A stored corpus: an embedded store's folder or a PostgreSQL URL.
#[pyclass(name = "Store", module = "undoc")]
struct PyStore {
    location: Location,
    store: Mutex<Box<dyn Store + Send>>,
    /// Opened at the first search.
    search: Mutex<Option<Box<dyn Search + Send + Sync>>>,
}

impl PyStore {
    fn with_store<R>(&self, f: impl FnOnce(&dyn Store) -> PyResult<R>) -> PyResult<R> {
        let store = self
            .store
            .lock()
            .map_err(|_| failed("the store was left unusable by an earlier error"))?;
        f(store.as_ref())
    }

    /// The stored text a symbol names, or None.
    fn key_of(&self, store: &dyn Store, symbol: &str) -> PyResult<Option<String>> {
        undoc_query::resolve(store, symbol).map_err(failed)
    }
}

fn summary_json(s: &undoc_store::Summary) -> Value {
    json!({
        "id": s.id,
        "symbols": s.symbols,
        "date": s.date,
        "doc_type": s.doc_type.as_str(),
        "title": s.title,
        "sender_state": s.sender_state,
    })
}

/// The four tables [`PyStore::table`] gives.
const TABLES: [&str; 4] = ["documents", "references", "votes", "speeches"];

#[pymethods]
impl PyStore {
    /// Opens the store at `location`: a folder (an embedded store, read
    /// only) or a `postgres://` URL.
    #[new]
    fn new(location: &str) -> PyResult<Self> {
        let location = Location::from_setting(location);
        if let Some(dir) = location.embedded()
            && !dir.join(undoc_store::sqlite_database_name()).is_file()
        {
            return Err(failed(format!("{}: no undoc store there", dir.display())));
        }
        let store = location.open(Access::Read).map_err(failed)?;
        Ok(PyStore {
            location,
            store: Mutex::new(store),
            search: Mutex::new(None),
        })
    }

    fn __repr__(&self) -> String {
        format!("undoc.Store({:?})", self.location.label())
    }

    /// What the store holds: documents, texts, references, and counts by
    /// type and language.
    fn stats<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let s = self.with_store(|store| store.stats().map_err(failed))?;
        let counts = |rows: &[(String, usize)]| -> serde_json::Map<String, Value> {
            rows.iter().map(|(k, n)| (k.clone(), json!(n))).collect()
        };
        let stats = json!({
            "documents": s.documents,
            "texts": s.texts,
            "by_type": counts(&s.by_type),
            "by_year": counts(&s.by_year),
            "by_language": counts(&s.by_language),
            "references": s.references,
            "resolved_references": s.resolved_references,
            "cited_not_held": s.cited_not_held,
            "files_bytes": s.files_bytes,
        });
        to_python(py, &stats)
    }

    /// Full-text search with the API's filters as keywords (`type`, `organ`,
    /// `session`, `year`, `agenda`, `state`, `sender`, `mentions`, `speaker`,
    /// `speech_kind`, `from`, `to`, `lang`): the total, the hits (best first,
    /// or by `sort="date"` / `"-date"`) with their passages, and the facets.
    #[pyo3(signature = (q = "", *, limit = 20, offset = 0, sort = "relevance", **filters))]
    fn search<'py>(
        &self,
        py: Python<'py>,
        q: &str,
        limit: usize,
        offset: usize,
        sort: &str,
        filters: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let mut given = serde_json::Map::new();
        if let Some(filters) = filters {
            for (key, value) in filters.iter() {
                // As a query string gives them: every value a string.
                let text = if value.is_none() {
                    String::new()
                } else {
                    value.str()?.to_string()
                };
                given.insert(key.str()?.to_string(), Value::String(text));
            }
        }
        let keywords: Keywords = serde_json::from_value(Value::Object(given)).map_err(failed)?;
        if let Some(unknown) = keywords.unknown.keys().next() {
            return Err(failed(format!("{unknown}: no such search filter")));
        }
        let request = undoc_search::SearchRequest {
            query: q.to_owned(),
            filters: keywords.filters,
            limit,
            offset,
            sort: undoc_search::Sort::read(sort).map_err(failed)?,
            alternatives: Vec::new(),
        };
        request.validate().map_err(failed)?;
        let mut search = self
            .search
            .lock()
            .map_err(|_| failed("the search index was left unusable by an earlier error"))?;
        if search.is_none() {
            let opened = self.with_store(|store| {
                self.location
                    .open_search(store, Access::Read)
                    .map_err(failed)
            })?;
            *search = Some(opened.0);
        }
        let Some(engine) = search.as_ref() else {
            return Err(failed("the search index could not be opened"));
        };
        let budget = undoc_index::Budget::default();
        let results =
            undoc_index::search_as_meant(engine.as_ref(), &request, &budget).map_err(failed)?;
        let facets = |values: &[(String, u64)]| -> Vec<Value> {
            values
                .iter()
                .map(|(value, count)| json!({"value": value, "count": count}))
                .collect()
        };
        let answer = json!({
            "total": results.total,
            "hits": results.hits.iter().map(|h| json!({
                "id": h.id,
                "symbols": h.symbols,
                "title": h.title,
                "date": h.date,
                "doc_type": h.doc_type.as_str(),
                "language": h.language,
                "languages": h.languages,
                "score": h.score,
                "snippet": h.snippet.text,
            })).collect::<Vec<_>>(),
            "facets": {
                "organ": facets(&results.facets.organ),
                "doc_type": facets(&results.facets.doc_type),
                "year": facets(&results.facets.year),
                "agenda": facets(&results.facets.agenda),
                "sender": facets(&results.facets.sender),
                "language": facets(&results.facets.language),
                "speaker": facets(&results.facets.speaker),
                "speaker_state": facets(&results.facets.speaker_state),
            },
            "also_matching": results.also_matching,
        });
        to_python(py, &answer)
    }

    /// The record of a stored document by any of its symbols (in the
    /// language `lang`, if given), with `key`, `permalink` and the languages
    /// it is held in; None when the store does not hold it.
    #[pyo3(signature = (symbol, lang = None))]
    fn document<'py>(
        &self,
        py: Python<'py>,
        symbol: &str,
        lang: Option<&str>,
    ) -> PyResult<Option<Bound<'py, PyAny>>> {
        let found =
            self.with_store(|store| undoc_query::document_in(store, symbol, lang).map_err(failed))?;
        let Some(doc) = found else { return Ok(None) };
        if lang.is_some_and(|wanted| wanted != doc.record.language) {
            return Ok(None);
        }
        let mut value = serde_json::to_value(&doc.record).map_err(failed)?;
        value["key"] = json!(doc.key);
        value["permalink"] = json!(undoc_export::table::permalink(&doc.record));
        value["languages"] = json!(
            doc.versions
                .iter()
                .map(|(_, language)| language)
                .collect::<Vec<_>>()
        );
        to_python(py, &value).map(Some)
    }

    /// The exchange a document belongs to, replies both ways: its documents
    /// (held or only cited) in date order and who answers whom; None when
    /// the store neither holds nor cites it.
    fn thread<'py>(&self, py: Python<'py>, symbol: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
        let thread = self.with_store(|store| undoc_query::thread(store, symbol).map_err(failed))?;
        if thread.nodes.is_empty() {
            return Ok(None);
        }
        let value = json!({
            "nodes": thread.nodes.iter().map(|n| match &n.summary {
                Some(s) => {
                    let mut node = summary_json(s);
                    node["key"] = json!(n.key);
                    node["held"] = json!(true);
                    node
                }
                None => json!({"key": n.key, "held": false, "url": undoc_symbol::permalink(&n.key, None)}),
            }).collect::<Vec<_>>(),
            "edges": thread.edges.iter().map(|e| json!({
                "from": e.from,
                "to": e.to,
                "relation": e.relation.as_str(),
                "text": e.text,
                "evidence": e.evidence,
            })).collect::<Vec<_>>(),
            "truncated": thread.truncated,
        });
        to_python(py, &value).map(Some)
    }

    /// What a stored document cites, a reference a row (the edge list's
    /// columns); None when the store does not hold it.
    fn cites<'py>(&self, py: Python<'py>, symbol: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
        let rows = self.with_store(|store| {
            let Some(key) = self.key_of(store, symbol)? else {
                return Ok(None);
            };
            let Some(record) = store.get(&key).map_err(failed)? else {
                return Ok(None);
            };
            undoc_export::table::reference_rows(store, &key, &record)
                .map(Some)
                .map_err(failed)
        })?;
        rows.map(|rows| to_python(py, &rows)).transpose()
    }

    /// The documents that refer to this one (held or only cited), one each,
    /// in date order, with the relation (`replies_to` if any reference is)
    /// and how many times; None when nothing in the store names it.
    fn cited_by<'py>(&self, py: Python<'py>, symbol: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
        let citations =
            self.with_store(|store| undoc_query::cited_by(store, symbol).map_err(failed))?;
        let Some(citations) = citations else {
            return Ok(None);
        };
        let rows: Vec<Value> = citations
            .iter()
            .map(|c| {
                let mut row = c
                    .document
                    .as_ref()
                    .map_or_else(|| json!({"id": c.link.from}), summary_json);
                row["relation"] = json!(c.link.relation.as_str());
                row["count"] = json!(c.count);
                row
            })
            .collect();
        to_python(py, &rows).map(Some)
    }

    /// A State's recorded votes, newest first: the resolution and the ballot.
    fn votes<'py>(&self, py: Python<'py>, state: &str) -> PyResult<Bound<'py, PyAny>> {
        let name = state_name(state)?;
        let votes = self.with_store(|store| store.votes_of(name).map_err(failed))?;
        let rows: Vec<Value> = votes
            .iter()
            .map(|(summary, ballot)| {
                let mut row = summary_json(summary);
                row["ballot"] = json!(ballot.as_str());
                row
            })
            .collect();
        to_python(py, &rows)
    }

    /// What a State's representatives said in the meeting records held.
    fn speeches<'py>(&self, py: Python<'py>, state: &str) -> PyResult<Bound<'py, PyAny>> {
        let name = state_name(state)?;
        let statements = self.with_store(|store| store.speeches_of(name).map_err(failed))?;
        let rows: Vec<Value> = statements
            .iter()
            .map(|s| {
                json!({
                    "meeting": summary_json(&s.meeting),
                    "position": s.position + 1,
                    "anchor": s.anchor(),
                    "speaker": s.speaker,
                    "state": s.state,
                    "role": s.role,
                    "kind": s.kind.as_str(),
                    "language": s.language,
                    "agenda_item": s.agenda_item,
                    "text": s.text,
                })
            })
            .collect();
        to_python(py, &rows)
    }

    /// One of the researcher's tables ("documents", "references", "votes",
    /// "speeches") of the given symbols or the whole store, as a list of
    /// dicts: `pandas.DataFrame(store.table("documents"))`.
    #[pyo3(signature = (name = "documents", symbols = None))]
    fn table<'py>(
        &self,
        py: Python<'py>,
        name: &str,
        symbols: Option<Vec<String>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let rows = self.with_store(|store| {
            let ids = selection(store, symbols.as_deref())?;
            table_rows(store, name, &ids)
        })?;
        to_python(py, &rows)
    }

    /// A table as a typed `pyarrow.Table` (dates as dates, lists as lists),
    /// read from the Parquet file `undoc export --format parquet` writes:
    /// hand it to pandas (`.to_pandas()`) or polars (`polars.from_arrow`).
    #[pyo3(signature = (name = "documents", symbols = None))]
    fn to_arrow<'py>(
        &self,
        py: Python<'py>,
        name: &str,
        symbols: Option<Vec<String>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        if !TABLES.contains(&name) {
            return Err(failed(format!(
                "{name}: no such table (one of {})",
                TABLES.join(", ")
            )));
        }
        let parquet = PyModule::import(py, "pyarrow.parquet").map_err(|_| {
            PyImportError::new_err(
                "to_arrow needs pyarrow (pip install pyarrow); table() gives the rows without it",
            )
        })?;
        let dir = tempfile::tempdir().map_err(failed)?;
        self.with_store(|store| {
            let ids = selection(store, symbols.as_deref())?;
            undoc_export::parquet::export_parquet(store, &ids, dir.path()).map_err(failed)
        })?;
        let path = dir.path().join(format!("{name}.parquet"));
        // Read whole into memory before the folder goes.
        let table = parquet.call_method1("read_table", (path,))?;
        table.call_method0("combine_chunks")
    }
}

/// A State by any of its names, or the error naming the nearest.
fn state_name(state: &str) -> PyResult<&'static str> {
    undoc_states::resolve_or_explain(state).map_err(failed)
}

/// The stored texts the symbols name (each must be held), or every one.
fn selection(store: &dyn Store, symbols: Option<&[String]>) -> PyResult<Vec<String>> {
    let symbols = symbols.unwrap_or_default();
    let selection = undoc_export::select(store, symbols, None).map_err(failed)?;
    Ok(selection.documents)
}

fn table_rows(store: &dyn Store, name: &str, ids: &[String]) -> PyResult<Vec<Value>> {
    let mut rows: Vec<Value> = Vec::new();
    match name {
        "documents" | "references" => {
            for id in ids {
                let record = store
                    .get(id)
                    .map_err(failed)?
                    .ok_or_else(|| failed(format!("{id}: not in the store")))?;
                if name == "documents" {
                    let row =
                        undoc_export::table::document_row(store, id, &record).map_err(failed)?;
                    rows.push(serde_json::to_value(row).map_err(failed)?);
                } else {
                    for row in
                        undoc_export::table::reference_rows(store, id, &record).map_err(failed)?
                    {
                        rows.push(serde_json::to_value(row).map_err(failed)?);
                    }
                }
            }
        }
        "votes" => undoc_export::table::for_each_vote(store, ids, |row| {
            rows.push(serde_json::to_value(row).map_err(std::io::Error::from)?);
            Ok(())
        })
        .map_err(failed)?,
        "speeches" => undoc_export::table::for_each_speech(store, ids, |row| {
            rows.push(serde_json::to_value(row).map_err(std::io::Error::from)?);
            Ok(())
        })
        .map_err(failed)?,
        other => {
            return Err(failed(format!(
                "{other}: no such table (one of {})",
                TABLES.join(", ")
            )));
        }
    }
    Ok(rows)
}

/// The extension module: `undoc._undoc`, re-exported by `undoc/__init__.py`.
#[pymodule]
fn _undoc(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(parse, m)?)?;
    m.add_class::<PyStore>()?;
    m.add("UndocError", m.py().get_type::<UndocError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
