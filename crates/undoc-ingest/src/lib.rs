/*!
Ingest: from paths (files, folders walked recursively, glob patterns) to
stored records.

Files are taken a batch at a time: the batch is read and parsed on all cores
(`rayon`), then written in one store transaction. Memory stays flat however
large the corpus (one batch of files and records at a time), and a process
killed mid-ingest loses at most the batch in flight — every batch before it is
committed whole, and running the ingest again picks up where it stopped
(unchanged documents are recognized and skipped).

One bad file is reported and skipped; the rest go in.
*/

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use sha2::{Digest, Sha256};
use undoc_model::Record;
use undoc_store::{NewDocument, PutOutcome, Store, StoreError};

/// Extensions taken from folders (a file named explicitly is always tried).
pub const DOCUMENT_EXTENSIONS: [&str; 6] = ["pdf", "md", "markdown", "txt", "text", "xml"];

#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub extract: undoc_extract::Options,
    /// Files per transaction.
    pub batch: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            extract: undoc_extract::Options::default(),
            batch: 64,
        }
    }
}

/// What happened to one input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Added(String),
    Updated(String),
    Unchanged(String),
    Failed(Unread),
}

impl Outcome {
    /// What the store's answer for a document means for its input.
    fn stored(put: PutOutcome, id: String) -> Outcome {
        match put {
            PutOutcome::Added => Outcome::Added(id),
            PutOutcome::Updated => Outcome::Updated(id),
            PutOutcome::Unchanged => Outcome::Unchanged(id),
        }
    }
}

/// The summary of an ingest.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Each failure: the file and the reason, in one line.
    pub failed: Vec<(String, String)>,
}

impl Report {
    pub fn total(&self) -> usize {
        self.added + self.updated + self.unchanged + self.failed.len()
    }
}

/// The key an original file is stored under: hex SHA-256 of its bytes.
pub fn file_hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Expands the arguments into the files to ingest, in a stable order.
/// Arguments that name nothing are returned as failures.
pub fn collect_inputs(args: &[String]) -> (Vec<PathBuf>, Vec<(String, String)>) {
    let mut files = Vec::new();
    let mut missing = Vec::new();
    for arg in args {
        if arg.contains(['*', '?', '[']) && !Path::new(arg).exists() {
            match glob::glob(arg) {
                Ok(paths) => {
                    let (before, failed_before) = (files.len(), missing.len());
                    for path in paths.flatten() {
                        push_path(&path, &mut files, &mut missing);
                    }
                    if files.len() == before && missing.len() == failed_before {
                        missing.push((arg.clone(), "the pattern matches no file".to_owned()));
                    }
                }
                Err(e) => missing.push((arg.clone(), format!("not a valid pattern: {e}"))),
            }
            continue;
        }
        let path = Path::new(arg);
        if path.exists() {
            push_path(path, &mut files, &mut missing);
        } else {
            missing.push((arg.clone(), "no such file or folder".to_owned()));
        }
    }
    (files, missing)
}

fn push_path(path: &Path, files: &mut Vec<PathBuf>, failures: &mut Vec<(String, String)>) {
    if !path.is_dir() {
        files.push(path.to_path_buf());
        return;
    }
    let mut found = Vec::new();
    let walk = walkdir::WalkDir::new(path)
        .follow_links(true)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walk {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                let p = e.into_path();
                if undoc_extract::extension_of(&p)
                    .is_some_and(|x| DOCUMENT_EXTENSIONS.contains(&x.as_str()))
                {
                    found.push(p);
                }
            }
            Ok(_) => {}
            // A folder that cannot be read (permissions, a broken link, a loop)
            // is a failure to report, not an empty folder.
            Err(e) => {
                let at = e.path().unwrap_or(path).display().to_string();
                let reason = match e.io_error() {
                    Some(io) => format!("cannot read this folder: {io}"),
                    None => format!("cannot walk this folder: {e}"),
                };
                failures.push((at, reason));
            }
        }
    }
    found.sort();
    files.extend(found);
}

/// A file read and parsed, ready to store.
struct Parsed {
    record: Record,
    bytes: Vec<u8>,
    hash: String,
    name: String,
}

/// Why a file's bytes gave no record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unread {
    /// The Official Document System's "document does not exist" page: what
    /// ODS sends for a symbol it does not have (a miss, not a document).
    OdsPlaceholder,
    /// Any other reason, as the reader gives it.
    Other(String),
}

impl std::fmt::Display for Unread {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unread::OdsPlaceholder => {
                write!(f, "{}", undoc_parse::ParseError::OdsPlaceholder)
            }
            Unread::Other(reason) => f.write_str(reason),
        }
    }
}

impl From<String> for Unread {
    fn from(reason: String) -> Unread {
        Unread::Other(reason)
    }
}

/// The record of one file's bytes, whatever its format: Akoma Ntoso XML is
/// read by its markup, everything else by extracting its text and parsing
/// that; references and States mentioned are found the same way for both.
/// `shown` is the path as the user gave it.
pub fn parse_bytes(
    shown: &str,
    path: &Path,
    bytes: &[u8],
    options: &undoc_extract::Options,
) -> Result<Record, Unread> {
    let mut record = if looks_like_xml(path, bytes) {
        if is_marc(bytes) {
            return Err(Unread::Other(MARC_HINT.to_owned()));
        }
        let text = std::str::from_utf8(bytes)
            .map_err(|e| Unread::Other(format!("not UTF-8 at byte {}", e.valid_up_to())))?;
        match undoc_akn::parse(shown, text.trim_start_matches('\u{feff}')) {
            Ok(record) => record,
            // A catalogue whose opening the sniff did not reach.
            Err(undoc_akn::AknError::NotAkn(root))
                if matches!(root.as_str(), "collection" | "record") =>
            {
                return Err(Unread::Other(MARC_HINT.to_owned()));
            }
            Err(e) => return Err(Unread::Other(e.to_string())),
        }
    } else {
        let extracted = undoc_extract::extract_bytes(
            bytes,
            undoc_extract::extension_of(path).as_deref(),
            Some(path),
            options,
        )
        .map_err(|e| Unread::Other(e.to_string()))?;
        undoc_parse::parse_checked(shown, &extracted).map_err(|e| match e {
            undoc_parse::ParseError::OdsPlaceholder => Unread::OdsPlaceholder,
            other => Unread::Other(other.to_string()),
        })?
    };
    undoc_refs::annotate(&mut record);
    Ok(record)
}

const MARC_HINT: &str =
    "XML, but a MARC catalogue record, not a document: import it with `undoc import-marc`";

/// The opening of a file as text, for sniffing its format.
fn head(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(&bytes[..bytes.len().min(4096)])
}

/// XML by its name or by its content (an XML declaration, an AKN root), whatever
/// the name says: a catalogue saved as `.txt` is still not a text document.
fn looks_like_xml(path: &Path, bytes: &[u8]) -> bool {
    let head = head(bytes);
    let head = head.trim_start_matches('\u{feff}').trim_start();
    undoc_extract::extension_of(path).as_deref() == Some("xml")
        || head.starts_with("<?xml")
        || undoc_akn::is_akn(bytes)
}

/// MARCXML (MARC 21 slim): a `<collection>` or `<record>` of the MARC namespace, or with a leader.
fn is_marc(bytes: &[u8]) -> bool {
    let head = head(bytes);
    (head.contains("<collection") || head.contains("<record"))
        && (head.contains("www.loc.gov/MARC21/slim") || head.contains("<leader"))
}

fn parse_file(path: &Path, options: &undoc_extract::Options) -> Result<Parsed, String> {
    let bytes = undoc_extract::read_file(path, options).map_err(|e| e.to_string())?;
    let record = parse_bytes(&path.display().to_string(), path, &bytes, options)
        .map_err(|e| e.to_string())?;
    let hash = file_hash(&bytes);
    let name = path.file_name().map_or_else(
        || "document".to_owned(),
        |n| n.to_string_lossy().into_owned(),
    );
    Ok(Parsed {
        record,
        bytes,
        hash,
        name,
    })
}

/// The most input bytes one batch holds at once: a batch keeps its files and
/// records in memory until it is written, so sixty-four 100 MB files must not
/// be one batch. (A file larger than this is a batch of its own.)
pub const BATCH_BYTES: u64 = 256 * 1024 * 1024;

/// `files` cut into batches of at most `count` files and, where sizes are
/// known, about `bytes` bytes.
fn batches(files: &[PathBuf], count: usize, bytes: u64) -> Vec<&[PathBuf]> {
    let mut out = Vec::new();
    let (mut start, mut size) = (0usize, 0u64);
    for (i, path) in files.iter().enumerate() {
        let len = std::fs::metadata(path).map_or(0, |m| m.len());
        if i > start && (i - start >= count || size + len > bytes) {
            out.push(&files[start..i]);
            (start, size) = (i, 0);
        }
        size += len;
    }
    if start < files.len() {
        out.push(&files[start..]);
    }
    out
}

/// A document whose text prints no symbol gets the one the store's evidence
/// gives it (a held letter naming it by date, sender and symbol), marked as
/// inferred and never in place of a printed one; several candidates are left
/// for `undoc identify` to show.
fn infer_symbols(store: &dyn Store, record: &mut undoc_model::Record) -> Result<(), StoreError> {
    if !record.symbols.is_empty() || record.letter.is_none() {
        return Ok(());
    }
    let found = undoc_query::identify::identify(store, record, false)?;
    if let (Some(symbols), Some(first)) = (found.unique(), found.candidates.first()) {
        record.warnings.push(format!(
            "symbol inferred, not printed: {} (named so by {}: \"{}\")",
            symbols.join("-"),
            first.source,
            first.evidence
        ));
        record.inferred_symbols = symbols.to_vec();
    }
    Ok(())
}

/// Ingests one file given as bytes (an upload), under `name`: the name is
/// what the record gives as its source, and its extension says the format.
/// A file that does not parse is `Outcome::Failed`; a store error is an error.
pub fn ingest_bytes(
    store: &mut dyn Store,
    name: &str,
    bytes: &[u8],
    options: &Options,
) -> Result<Outcome, StoreError> {
    let mut record = match parse_bytes(name, Path::new(name), bytes, &options.extract) {
        Ok(record) => record,
        Err(reason) => return Ok(Outcome::Failed(reason)),
    };
    infer_symbols(store, &mut record)?;
    let hash = file_hash(bytes);
    let doc = NewDocument {
        record: &record,
        file: bytes,
        file_hash: &hash,
        file_name: name,
    };
    let outcome = store.put_batch(std::slice::from_ref(&doc))?;
    let put = outcome.first().copied().unwrap_or(PutOutcome::Added);
    Ok(Outcome::stored(put, record.id.clone()))
}

/// Ingests `files` into `store`, calling `progress` once per file as it is
/// done. A store error (disk full, database locked too long) stops the ingest;
/// what was committed before it stays.
pub fn ingest(
    store: &mut dyn Store,
    files: &[PathBuf],
    options: &Options,
    progress: &(dyn Fn(&Path, &Outcome) + Sync),
) -> Result<Report, StoreError> {
    let mut report = Report::default();
    for chunk in batches(files, options.batch.max(1), BATCH_BYTES) {
        let parsed: Vec<(&PathBuf, Result<Parsed, String>)> = chunk
            .par_iter()
            .map(|path| (path, parse_file(path, &options.extract)))
            .collect();
        let mut good: Vec<(&PathBuf, Parsed)> = Vec::with_capacity(parsed.len());
        for (path, result) in parsed {
            match result {
                Ok(mut p) => {
                    infer_symbols(store, &mut p.record)?;
                    good.push((path, p));
                }
                Err(reason) => {
                    let outcome = Outcome::Failed(Unread::Other(reason.clone()));
                    progress(path, &outcome);
                    report.failed.push((path.display().to_string(), reason));
                }
            }
        }
        // Two files of one batch with the same id: the later wins, as in two batches.
        let docs: Vec<NewDocument<'_>> = good
            .iter()
            .map(|(_, p)| NewDocument {
                record: &p.record,
                file: &p.bytes,
                file_hash: &p.hash,
                file_name: &p.name,
            })
            .collect();
        let outcomes = store.put_batch(&docs)?;
        for ((path, p), outcome) in good.iter().zip(outcomes) {
            match outcome {
                PutOutcome::Added => report.added += 1,
                PutOutcome::Updated => report.updated += 1,
                PutOutcome::Unchanged => report.unchanged += 1,
            }
            progress(path, &Outcome::stored(outcome, p.record.id.clone()));
        }
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_are_bounded_by_count_and_by_bytes() {
        let dir = tempfile::tempdir().expect("temp dir");
        let files: Vec<PathBuf> = (0..7)
            .map(|i| {
                let p = dir.path().join(format!("{i}.txt"));
                std::fs::write(&p, vec![b'a'; 100]).expect("write");
                p
            })
            .collect();
        let sizes = |b: Vec<&[PathBuf]>| b.iter().map(|c| c.len()).collect::<Vec<_>>();
        assert_eq!(sizes(batches(&files, 3, u64::MAX)), [3, 3, 1]);
        assert_eq!(sizes(batches(&files, 64, 250)), [2, 2, 2, 1]);
        assert_eq!(sizes(batches(&files, 64, 10)), [1; 7]);
        assert!(batches(&[], 64, 10).is_empty());
    }
}
