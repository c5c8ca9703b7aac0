//! The embedded store: one SQLite database (WAL) and a folder of original
//! files, under the store directory.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use rusqlite::{Connection, OptionalExtension, Transaction, params};
use undoc_model::{Body, DocType, LinkKind, Record, Relation, Session};

use crate::{
    CatalogueEntry, Link, Miss, MissKind, NewDocument, NotHeld, PutOutcome, Result, Statement,
    StatementRow, Stats, Store, StoreError, Summary,
};

/// Numbered migrations, applied in order; the database's `user_version` is
/// the number of the last one applied. Never edit one that has shipped: add
/// the next.
const MIGRATIONS: [(i64, &str); 7] = [
    (1, include_str!("migrations/0001_initial.sql")),
    (2, include_str!("migrations/0002_generation.sql")),
    (3, include_str!("migrations/0003_catalogue.sql")),
    (4, include_str!("migrations/0004_votes.sql")),
    (5, include_str!("migrations/0005_fetch_misses.sql")),
    (6, include_str!("migrations/0006_speeches.sql")),
    (7, include_str!("migrations/0007_speech_agenda_item.sql")),
];

/// The file name of the database inside the store directory.
pub const DATABASE: &str = crate::SQLITE_DATABASE;

/// SQLite's errors as the store classifies them: another connection holding
/// the database is `Busy` (worth waiting for), anything else a database fault.
impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> StoreError {
        match &e {
            rusqlite::Error::SqliteFailure(failure, _)
                if matches!(
                    failure.code,
                    rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
                ) =>
            {
                StoreError::Busy(e.to_string())
            }
            _ => StoreError::Database(Box::new(e)),
        }
    }
}

/// The work a text belongs to: its key without the language (`A/RES/80/1@fr` → `A/RES/80/1`),
/// as `undoc_model::split_key` reads it.
const WORK_OF_DOC: &str =
    "CASE WHEN instr(id, '@') > 0 THEN substr(id, 1, instr(id, '@') - 1) ELSE id END";
const WORK_OF_REF: &str = "CASE WHEN instr(r.doc_id, '@') > 0 THEN substr(r.doc_id, 1, instr(r.doc_id, '@') - 1) ELSE r.doc_id END";
/// A reference `r` whose target the store does not hold (the negation of what `resolve` finds).
const NOT_HELD: &str =
    "r.kind NOT LIKE 'described%' AND r.symbol NOT IN (SELECT symbol FROM doc_symbols)
    AND r.base NOT IN (SELECT symbol FROM doc_symbols)
    AND r.symbol NOT IN (SELECT id FROM documents)";

#[derive(Debug)]
pub struct SqliteStore {
    conn: Connection,
    root: PathBuf,
    /// What SQLite did on this connection (its trace hook counts it).
    work: Arc<Work>,
}

/// Work counted on a connection: statements started, and rows stepped
/// through in full-table (or full-index) scans, which a read meant to use an
/// index must not need.
#[derive(Debug, Default)]
struct Work {
    statements: AtomicU64,
    full_scan_steps: AtomicU64,
}

/// Counts every statement the connection starts (triggers' inner programs
/// aside) and the full-scan steps of each when it ends: [`Store::statements`]
/// and [`SqliteStore::full_scan_steps`] read them.
fn count_work(conn: &mut Connection) -> Result<Arc<Work>> {
    use rusqlite::StatementStatus;
    use rusqlite::trace::{TraceEvent, TraceEventCodes};
    let work = Arc::new(Work::default());
    let counter = Arc::clone(&work);
    conn.trace_v2(
        TraceEventCodes::SQLITE_TRACE_STMT | TraceEventCodes::SQLITE_TRACE_PROFILE,
        Some(move |event: TraceEvent<'_>| match event {
            // A trigger's program is reported as "-- TRIGGER name".
            TraceEvent::Stmt(_, sql) if !sql.starts_with("--") => {
                counter.statements.fetch_add(1, Ordering::Relaxed);
            }
            TraceEvent::Profile(statement, _) => {
                let steps = statement.get_status(StatementStatus::FullscanStep);
                counter
                    .full_scan_steps
                    .fetch_add(u64::try_from(steps).unwrap_or_default(), Ordering::Relaxed);
            }
            _ => {}
        }),
    )?;
    Ok(work)
}

/// A column holding one of a closed set of names (a document type, a link
/// kind, a relation), read as its enum: an unknown name is a corrupt row.
fn parsed<T>(
    row: &rusqlite::Row<'_>,
    column: usize,
    parse: fn(&str) -> Option<T>,
) -> rusqlite::Result<T> {
    let name: String = row.get(column)?;
    parse(&name).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            column,
            rusqlite::types::Type::Text,
            format!("{name:?} is not a name undoc writes here").into(),
        )
    })
}

/// A list of strings as one JSON array parameter: `json_each(?)` reads it back
/// as rows, so a batch of any size is one statement with one parameter.
fn json_list(items: &[&str]) -> String {
    serde_json::Value::from(items.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>()).to_string()
}

impl SqliteStore {
    /// Misses read by `sql` (selecting symbol, language, kind, at).
    fn read_misses(&self, sql: &str, params: impl rusqlite::Params) -> Result<Vec<Miss>> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map(params, |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (symbol, language, kind, at) = row?;
            let kind = MissKind::parse(&kind)
                .ok_or_else(|| StoreError::Corrupt(format!("unknown miss kind {kind:?}")))?;
            out.push(Miss {
                symbol,
                language,
                kind,
                at,
            });
        }
        Ok(out)
    }

    /// Opens (creating if needed) the store in `dir`, migrating it to the
    /// current schema.
    pub fn open(dir: &Path) -> Result<SqliteStore> {
        std::fs::create_dir_all(dir.join("files"))?;
        let mut conn = Connection::open(dir.join(DATABASE))?;
        let work = count_work(&mut conn)?;
        // WAL: readers (search, serve) never wait for the one writer, and a
        // killed writer leaves only whole transactions. NORMAL sync is safe
        // against process crashes, which is what a store on a laptop meets.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        let mut store = SqliteStore {
            conn,
            root: dir.to_path_buf(),
            work,
        };
        store.migrate()?;
        Ok(store)
    }

    /// Opens an existing store for reading only: nothing is created, migrated
    /// or written, so a shared copy or a mounted archive the user may not write
    /// can be searched. A store whose folder cannot be written and whose WAL was
    /// not checkpointed is opened as immutable (no writer can be running there).
    pub fn open_read_only(dir: &Path) -> Result<SqliteStore> {
        use rusqlite::OpenFlags;
        let path = dir.join(DATABASE);
        if !path.is_file() {
            return Err(StoreError::ReadOnly(format!(
                "there is no store at {} (ingest documents first)",
                dir.display()
            )));
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let readable = |conn: Connection| -> Result<Connection> {
            conn.busy_timeout(std::time::Duration::from_secs(10))?;
            conn.pragma_query_value(None, "user_version", |r| r.get::<_, i64>(0))?;
            Ok(conn)
        };
        let mut conn = Connection::open_with_flags(&path, flags)
            .map_err(StoreError::from)
            .and_then(readable)
            .or_else(|_| {
                let uri = format!("file:{}?immutable=1", uri_path(&path));
                Connection::open_with_flags(uri, flags)
                    .map_err(StoreError::from)
                    .and_then(readable)
            })?;
        let work = count_work(&mut conn)?;
        let store = SqliteStore {
            conn,
            root: dir.to_path_buf(),
            work,
        };
        let current = store.schema_version()?;
        let known = MIGRATIONS.last().map_or(0, |m| m.0);
        if current > known {
            return Err(StoreError::TooNew {
                found: current,
                known,
            });
        }
        if current < known {
            return Err(StoreError::ReadOnly(format!(
                "the store has schema {current} and needs upgrading to {known}: run any command that writes (undoc reindex) where it can be written"
            )));
        }
        Ok(store)
    }

    /// The store directory.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    fn migrate(&mut self) -> Result<()> {
        let current = self.schema_version()?;
        let known = MIGRATIONS.last().map_or(0, |m| m.0);
        if current > known {
            return Err(StoreError::TooNew {
                found: current,
                known,
            });
        }
        for (version, sql) in MIGRATIONS.iter().filter(|(v, _)| *v > current) {
            let tx = self.conn.transaction()?;
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", version)?;
            tx.commit()?;
        }
        Ok(())
    }

    fn file_path(&self, hash: &str, name: &str) -> PathBuf {
        let extension = Path::new(name)
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("bin");
        let prefix = hash.get(..2).unwrap_or("00");
        self.root
            .join("files")
            .join(prefix)
            .join(format!("{hash}.{extension}"))
    }

    /// Writes an original file, unless already there: to a temporary name,
    /// then renamed, so a file that exists is always whole.
    /// Returns the path when this call wrote it (so a failed batch can take back
    /// what it wrote), `None` when it was there already.
    fn keep_file(&self, doc: &NewDocument<'_>) -> Result<Option<PathBuf>> {
        let path = self.file_path(doc.file_hash, doc.file_name);
        if path.exists() {
            return Ok(None);
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let tmp = path.with_extension(format!("tmp{}", std::process::id()));
        if let Err(e) = std::fs::write(&tmp, doc.file).and_then(|()| std::fs::rename(&tmp, &path)) {
            // A disk that filled up mid-write leaves a partial temporary file.
            let _ = std::fs::remove_file(&tmp);
            return Err(e.into());
        }
        Ok(Some(path))
    }

    /// Writes a batch's files, then its rows; if anything fails, the files this
    /// batch wrote are removed again, so a failed batch leaves nothing behind.
    fn put_batch_or_undo(&mut self, docs: &[NewDocument<'_>]) -> Result<Vec<PutOutcome>> {
        let mut written = Vec::new();
        let result = (|| {
            // Files first: a committed row must never name a file that is not there.
            for doc in docs {
                if let Some(path) = self.keep_file(doc)? {
                    written.push(path);
                }
            }
            self.put_rows(docs)
        })();
        if result.is_err() {
            for path in &written {
                let _ = std::fs::remove_file(path);
            }
        }
        result
    }

    /// Removes what no record needs: file rows no document names, original files
    /// no row names, and temporary files a killed writer left. Run it holding the
    /// store's write lock ([`crate::lock`]), or an ingest's files in flight go too.
    pub fn collect_garbage(&mut self) -> Result<crate::Garbage> {
        let mut garbage = crate::Garbage::default();
        let tx = self.conn.transaction()?;
        tx.execute(
            "DELETE FROM files WHERE hash NOT IN (SELECT file_hash FROM documents)",
            [],
        )?;
        let kept: std::collections::HashSet<String> = {
            let mut stmt = tx.prepare("SELECT hash FROM files")?;
            stmt.query_map([], |r| r.get::<_, String>(0))?
                .collect::<rusqlite::Result<_>>()?
        };
        tx.commit()?;
        let files = self.root.join("files");
        for prefix in std::fs::read_dir(&files)? {
            let prefix = prefix?.path();
            if !prefix.is_dir() {
                continue;
            }
            for entry in std::fs::read_dir(&prefix)? {
                let path = entry?.path();
                let name = path
                    .file_name()
                    .and_then(|n| n.to_str())
                    .unwrap_or_default();
                let (hash, extension) = name.split_once('.').unwrap_or((name, ""));
                let temporary = extension.starts_with("tmp");
                if temporary || !kept.contains(hash) {
                    let size = std::fs::metadata(&path).map_or(0, |m| m.len());
                    std::fs::remove_file(&path)?;
                    garbage.files += 1;
                    garbage.bytes += size;
                }
            }
        }
        Ok(garbage)
    }
}

fn insert(tx: &Transaction<'_>, doc: &NewDocument<'_>, json: &str) -> Result<()> {
    let r = doc.record;
    let key = r.key();
    let now = jiff_now();
    tx.execute(
        "INSERT INTO documents (id, source, file_hash, doc_type, date, title, language, sender_state, record, ingested_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            key,
            r.source,
            doc.file_hash,
            r.doc_type.as_str(),
            r.date,
            r.title,
            r.language,
            r.letter.as_ref().and_then(|l| l.sender_state.as_deref()),
            json,
            now,
        ],
    )?;
    let mut symbols = tx.prepare_cached(
        "INSERT OR IGNORE INTO doc_symbols (symbol, doc_id, position) VALUES (?1, ?2, ?3)",
    )?;
    for (i, s) in r.names().iter().enumerate() {
        symbols.execute(params![s, key, i as i64])?;
    }
    let mut bodies = tx.prepare_cached(
        "INSERT INTO bodies (doc_id, organ, session, year) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for b in &r.bodies {
        bodies.execute(params![
            key,
            b.organ,
            b.session.as_ref().map(Session::label),
            b.year
        ])?;
    }
    let mut items = tx.prepare_cached(
        "INSERT INTO agenda_items (doc_id, organ, session, number, sub, title) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for item in &r.agenda_items {
        // The item's session is its organ's session in this document.
        let session = r
            .bodies
            .iter()
            .find(|b| b.organ == item.organ)
            .and_then(Body::session_or_year);
        items.execute(params![
            key,
            item.organ,
            session,
            item.number,
            item.sub,
            item.title
        ])?;
    }
    let mut refs = tx.prepare_cached(
        "INSERT OR IGNORE INTO refs (doc_id, ord, part, symbol, base, kind, relation) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for row in r.link_rows() {
        refs.execute(params![
            key,
            row.ord as i64,
            row.part as i64,
            row.symbol,
            undoc_symbol::base_symbol(&row.symbol),
            row.kind.as_str(),
            row.relation.as_str(),
        ])?;
    }
    let mut votes = tx
        .prepare_cached("INSERT INTO votes (doc_id, ord, state, ballot) VALUES (?1, ?2, ?3, ?4)")?;
    for (ord, vote) in r.votes.iter().enumerate() {
        for (state, ballot) in vote.ballots() {
            votes.execute(params![key, ord as i64, state, ballot.as_str()])?;
        }
    }
    let body = r.body_text();
    let mut speeches = tx.prepare_cached(
        "INSERT INTO speeches (doc_id, ord, speaker, state, role, kind, language, text,
                               agenda_item)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    for (ord, speech) in r.speeches.iter().enumerate() {
        speeches.execute(params![
            key,
            ord as i64,
            speech.speaker,
            speech.state,
            speech.role,
            speech.kind.as_str(),
            speech.language,
            speech.text(&body),
            speech.agenda_item,
        ])?;
    }
    let mut adoptions =
        tx.prepare_cached("INSERT INTO adoptions (doc_id, ord, resolution) VALUES (?1, ?2, ?3)")?;
    for (ord, resolution) in r.adoptions() {
        adoptions.execute(params![key, ord as i64, resolution])?;
    }
    tx.execute(
        "INSERT OR IGNORE INTO files (hash, size, name) VALUES (?1, ?2, ?3)",
        params![doc.file_hash, doc.file.len() as i64, doc.file_name],
    )?;
    Ok(())
}

/// A path as a `file:` URI's path: the characters URIs reserve, escaped.
fn uri_path(path: &Path) -> String {
    let mut out = String::new();
    for b in path.to_string_lossy().bytes() {
        match b {
            b'?' | b'#' | b'%' => out.push_str(&format!("%{b:02X}")),
            _ => out.push(b as char),
        }
    }
    out
}

/// The current time, UTC, as text (no clock crate needed for a timestamp).
fn jiff_now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    format!("{secs}")
}

impl SqliteStore {
    /// Rows this connection's statements have stepped through in full scans
    /// so far: a test that a read uses its indexes counts these. A cached
    /// statement reports its running total each time it runs, so this
    /// over-counts; zero means no full scan.
    pub fn full_scan_steps(&self) -> u64 {
        self.work.full_scan_steps.load(Ordering::Relaxed)
    }

    /// The stored documents symbols name exactly: by a symbol a document
    /// carries (the first such document by id) or by its id.
    fn resolve_exactly(&self, symbols: &[&str]) -> Result<HashMap<String, String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT j.value,
                    coalesce((SELECT min(doc_id) FROM doc_symbols WHERE symbol = j.value),
                             (SELECT id FROM documents WHERE id = j.value))
             FROM json_each(?1) j",
        )?;
        let rows = stmt
            .query_map([json_list(symbols)], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows
            .into_iter()
            .filter_map(|(symbol, id)| Some((symbol, id?)))
            .collect())
    }

    /// The rows of a batch, in one transaction.
    fn put_rows(&mut self, docs: &[NewDocument<'_>]) -> Result<Vec<PutOutcome>> {
        let tx = self.conn.transaction()?;
        let mut outcomes = Vec::with_capacity(docs.len());
        for doc in docs {
            let json = serde_json::to_string(doc.record)
                .map_err(|e| StoreError::Corrupt(e.to_string()))?;
            let key = doc.record.key();
            let existing: Option<(String, String)> = tx
                .query_row(
                    "SELECT file_hash, record FROM documents WHERE id = ?1",
                    [&key],
                    |row| Ok((row.get(0)?, row.get(1)?)),
                )
                .optional()?;
            let outcome = match existing {
                Some((hash, stored)) => {
                    let stored: Option<Record> = serde_json::from_str(&stored).ok();
                    if hash == doc.file_hash
                        && stored.is_some_and(|s| crate::same_document(&s, doc.record))
                    {
                        outcomes.push(PutOutcome::Unchanged);
                        continue;
                    }
                    tx.execute("DELETE FROM documents WHERE id = ?1", [&key])?;
                    PutOutcome::Updated
                }
                None => PutOutcome::Added,
            };
            insert(&tx, doc, &json)?;
            outcomes.push(outcome);
        }
        if outcomes.iter().any(|o| *o != PutOutcome::Unchanged) {
            tx.execute(
                "UPDATE meta SET value = value + 1 WHERE key = 'generation'",
                [],
            )?;
        }
        tx.commit()?;
        Ok(outcomes)
    }
}

impl Store for SqliteStore {
    fn put_batch(&mut self, docs: &[NewDocument<'_>]) -> Result<Vec<PutOutcome>> {
        self.put_batch_or_undo(docs)
    }

    fn remove(&mut self, keys: &[&str]) -> Result<usize> {
        let tx = self.conn.transaction()?;
        let removed = tx.execute(
            "DELETE FROM documents WHERE id IN (SELECT value FROM json_each(?1))",
            [json_list(keys)],
        )?;
        if removed > 0 {
            tx.execute(
                "UPDATE meta SET value = value + 1 WHERE key = 'generation'",
                [],
            )?;
        }
        tx.commit()?;
        Ok(removed)
    }

    fn collect_garbage(&mut self) -> Result<crate::Garbage> {
        SqliteStore::collect_garbage(self)
    }

    fn get(&self, id: &str) -> Result<Option<Record>> {
        let json: Option<String> = self
            .conn
            .query_row("SELECT record FROM documents WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?;
        let Some(json) = json else {
            return Ok(None);
        };
        let mut record: Record =
            serde_json::from_str(&json).map_err(|e| StoreError::Corrupt(format!("{id}: {e}")))?;
        // Joined when read, so the catalogue enriches a document whether it
        // was imported before or after the document was ingested.
        for symbol in &record.symbols {
            if let Some(entry) = self.catalogue(symbol)? {
                record.subjects = entry.subjects;
                record.authors = entry.authors;
                break;
            }
        }
        Ok(Some(record))
    }

    fn put_catalogue(&mut self, entries: &[CatalogueEntry]) -> Result<Vec<PutOutcome>> {
        let tx = self.conn.transaction()?;
        let now = jiff_now();
        let mut outcomes = Vec::with_capacity(entries.len());
        for entry in entries {
            let key = entry.key().ok_or(StoreError::CatalogueWithoutKey)?;
            let stored: Option<String> = tx
                .query_row(
                    "SELECT marcxml FROM catalogue WHERE key = ?1",
                    [&key],
                    |r| r.get(0),
                )
                .optional()?;
            let outcome = match stored {
                Some(xml) if xml == entry.marcxml => {
                    outcomes.push(PutOutcome::Unchanged);
                    continue;
                }
                Some(_) => PutOutcome::Updated,
                None => PutOutcome::Added,
            };
            let json = |v: &Vec<String>| {
                serde_json::to_string(v).map_err(|e| StoreError::Corrupt(e.to_string()))
            };
            tx.execute("DELETE FROM catalogue WHERE key = ?1", [&key])?;
            tx.execute(
                "INSERT INTO catalogue (key, control, marcxml, subjects, authors, imported_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    key,
                    entry.control,
                    entry.marcxml,
                    json(&entry.subjects)?,
                    json(&entry.authors)?,
                    now
                ],
            )?;
            for symbol in &entry.symbols {
                tx.execute(
                    "INSERT OR REPLACE INTO catalogue_symbols (symbol, key) VALUES (?1, ?2)",
                    params![symbol, key],
                )?;
            }
            outcomes.push(outcome);
        }
        if outcomes.iter().any(|o| *o != PutOutcome::Unchanged) {
            tx.execute(
                "UPDATE meta SET value = value + 1 WHERE key = 'generation'",
                [],
            )?;
        }
        tx.commit()?;
        Ok(outcomes)
    }

    fn catalogue(&self, symbol: &str) -> Result<Option<CatalogueEntry>> {
        let row: Option<(String, Option<String>, String, String, String)> = self
            .conn
            .query_row(
                "SELECT c.key, c.control, c.marcxml, c.subjects, c.authors \
                 FROM catalogue c LEFT JOIN catalogue_symbols s ON s.key = c.key \
                 WHERE s.symbol = ?1 OR c.key = ?1 LIMIT 1",
                [symbol],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .optional()?;
        let Some((key, control, marcxml, subjects, authors)) = row else {
            return Ok(None);
        };
        let list = |json: &str| -> Result<Vec<String>> {
            serde_json::from_str(json).map_err(|e| StoreError::Corrupt(format!("{key}: {e}")))
        };
        let mut statement = self
            .conn
            .prepare_cached("SELECT symbol FROM catalogue_symbols WHERE key = ?1")?;
        let mut symbols: Vec<String> = statement
            .query_map([&key], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        // The key first, as it was imported.
        symbols.sort_by_key(|s| *s != key);
        Ok(Some(CatalogueEntry {
            symbols,
            control,
            subjects: list(&subjects)?,
            authors: list(&authors)?,
            marcxml,
        }))
    }

    fn catalogue_keys(&self) -> Result<Vec<String>> {
        let mut statement = self
            .conn
            .prepare_cached("SELECT key FROM catalogue ORDER BY key")?;
        let keys = statement
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(keys)
    }

    fn resolve_many(&self, symbols: &[&str]) -> Result<HashMap<String, String>> {
        let symbols = crate::distinct(symbols);
        let mut found = self.resolve_exactly(&symbols)?;
        let by_base = crate::by_base(&symbols, &found);
        if !by_base.is_empty() {
            let bases: Vec<&str> = by_base.iter().map(|(_, base)| *base).collect();
            let stored = self.resolve_exactly(&bases)?;
            crate::adopt_bases(&mut found, &by_base, &stored);
        }
        let bare = crate::revision_only(&symbols, &found);
        if !bare.is_empty() {
            let mut stmt = self.conn.prepare_cached(
                // A range of the symbol index (every `X/Rev.…` sorts between
                // `X/Rev.` and `X/Rev/`), not a LIKE scan of the whole table
                // per symbol.
                "SELECT j.value,
                        (SELECT doc_id FROM doc_symbols
                         WHERE symbol > j.value || '/Rev.' AND symbol < j.value || '/Rev/'
                         ORDER BY symbol DESC LIMIT 1)
                 FROM json_each(?1) j",
            )?;
            let rows = stmt
                .query_map([json_list(&bare)], |r| {
                    Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            found.extend(rows.into_iter().filter_map(|(s, id)| Some((s, id?))));
        }
        Ok(found)
    }

    fn summaries(&self, ids: &[&str]) -> Result<HashMap<String, Summary>> {
        let list = json_list(&crate::distinct(ids));
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, date, doc_type, title, sender_state FROM documents
             WHERE id IN (SELECT value FROM json_each(?1))",
        )?;
        let mut summaries = stmt
            .query_map([&list], |r| {
                Ok(Summary {
                    id: r.get(0)?,
                    symbols: Vec::new(),
                    date: r.get(1)?,
                    doc_type: parsed(r, 2, DocType::parse)?,
                    title: r.get(3)?,
                    sender_state: r.get(4)?,
                })
            })?
            .map(|summary| summary.map(|s| (s.id.clone(), s)))
            .collect::<rusqlite::Result<HashMap<_, _>>>()?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT doc_id, symbol FROM doc_symbols
             WHERE doc_id IN (SELECT value FROM json_each(?1)) AND symbol NOT LIKE 'letter of %'
             ORDER BY doc_id, position",
        )?;
        let rows = stmt.query_map([&list], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        for row in rows {
            let (id, symbol) = row?;
            if let Some(summary) = summaries.get_mut(&id) {
                summary.symbols.push(symbol);
            }
        }
        Ok(summaries)
    }

    fn links_from(&self, id: &str) -> Result<Vec<Link>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT ord, symbol, kind, relation FROM refs WHERE doc_id = ?1 ORDER BY ord, part",
        )?;
        let rows = stmt
            .query_map([id], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    parsed(r, 2, LinkKind::parse)?,
                    parsed(r, 3, Relation::parse)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<(i64, String, LinkKind, Relation)>>>()?;
        let symbols: Vec<&str> = rows
            .iter()
            .map(|(_, symbol, _, _)| symbol.as_str())
            .collect();
        let resolved = self.resolve_many(&symbols)?;
        Ok(rows
            .into_iter()
            .map(|(ord, symbol, kind, relation)| Link {
                from: id.to_owned(),
                ord: ord as usize,
                to: resolved.get(&symbol).cloned(),
                symbol,
                kind,
                relation,
            })
            .collect())
    }

    fn links_to(&self, id: &str) -> Result<Vec<Link>> {
        // By any of the document's symbols (or its id), and by base symbol for
        // revisions and addenda that are not stored as documents of their own.
        let mut stmt = self.conn.prepare_cached(
            "WITH mine(symbol) AS (SELECT symbol FROM doc_symbols WHERE doc_id = ?1 UNION SELECT ?1)
             SELECT doc_id, ord, symbol, kind, relation FROM refs
             WHERE doc_id != ?1 AND (
                 symbol IN (SELECT symbol FROM mine)
                 OR (base IN (SELECT symbol FROM mine)
                     AND symbol NOT IN (SELECT symbol FROM doc_symbols)
                     AND symbol NOT IN (SELECT id FROM documents)))
             ORDER BY doc_id, ord",
        )?;
        let rows = stmt
            .query_map([id], |r| {
                Ok(Link {
                    from: r.get(0)?,
                    ord: r.get::<_, i64>(1)? as usize,
                    symbol: r.get(2)?,
                    to: Some(id.to_owned()),
                    kind: parsed(r, 3, LinkKind::parse)?,
                    relation: parsed(r, 4, Relation::parse)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<Link>>>()?;
        Ok(crate::one_text_per_work(rows, id, |l| &l.from))
    }

    fn citations_of(&self, symbol: &str) -> Result<Vec<Link>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT doc_id, ord, symbol, kind, relation FROM refs
             WHERE symbol = ?1 OR base = ?1 ORDER BY doc_id, ord",
        )?;
        let rows = stmt
            .query_map([symbol], |r| {
                Ok(Link {
                    from: r.get(0)?,
                    ord: r.get::<_, i64>(1)? as usize,
                    symbol: r.get(2)?,
                    to: None,
                    kind: parsed(r, 3, LinkKind::parse)?,
                    relation: parsed(r, 4, Relation::parse)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<Link>>>()?;
        let to = self.resolve(symbol)?;
        let mut links = crate::one_text_per_work(rows, to.as_deref().unwrap_or(""), |l| &l.from);
        for link in &mut links {
            link.to.clone_from(&to);
        }
        Ok(links)
    }

    fn holders_many(&self, names: &[&str]) -> Result<HashMap<String, Vec<String>>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT symbol, doc_id FROM doc_symbols
             WHERE symbol IN (SELECT value FROM json_each(?1)) ORDER BY symbol, doc_id",
        )?;
        let rows = stmt
            .query_map([json_list(&crate::distinct(names))], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(crate::group_holders(rows))
    }

    fn not_held(&self, min_citations: usize, limit: usize) -> Result<Vec<NotHeld>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT r.symbol, count(DISTINCT {WORK_OF_REF}), min(d.date), max(d.date)
             FROM refs r JOIN documents d ON d.id = r.doc_id
             WHERE {NOT_HELD}
             GROUP BY r.symbol HAVING count(DISTINCT {WORK_OF_REF}) >= ?1
             ORDER BY 2 DESC, r.symbol LIMIT ?2"
        ))?;
        let rows = stmt
            .query_map(
                params![
                    min_citations as i64,
                    i64::try_from(limit).unwrap_or(i64::MAX)
                ],
                |r| {
                    Ok(NotHeld {
                        symbol: r.get(0)?,
                        citing_documents: r.get::<_, i64>(1)? as usize,
                        first_cited: r.get(2)?,
                        last_cited: r.get(3)?,
                    })
                },
            )?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    fn agenda(&self, organ: &str, session: &str, number: u32) -> Result<Vec<Summary>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT DISTINCT a.doc_id, d.date FROM agenda_items a JOIN documents d ON d.id = a.doc_id
             WHERE a.organ = ?1 AND a.session = ?2 AND a.number = ?3
             ORDER BY d.date DESC, a.doc_id",
        )?;
        let ids = stmt
            .query_map(params![organ, session, number], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        let ids = crate::one_text_per_work(ids, "", |id| id);
        Ok(crate::in_order(&ids, self.summaries(&crate::strs(&ids))?))
    }

    fn expressions(&self, work: &str) -> Result<Vec<(String, String)>> {
        // Keys of a work are its id and `id@lang`: one range of the primary key.
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, language FROM documents WHERE id = ?1 OR (id > ?1 || '@' AND id < ?1 || 'A') ORDER BY id",
        )?;
        let rows = stmt
            .query_map([work], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<Vec<(String, String)>>>()?;
        Ok(rows
            .into_iter()
            .filter(|(key, _)| undoc_model::split_key(key).0 == work)
            .collect())
    }

    fn votes_of(&self, state: &str) -> Result<Vec<(Summary, undoc_model::Ballot)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT v.doc_id, v.ballot FROM votes v JOIN documents d ON d.id = v.doc_id
             WHERE v.state = ?1 ORDER BY d.date DESC, v.doc_id, v.ord",
        )?;
        let rows = stmt
            .query_map([state], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })?
            .collect::<rusqlite::Result<Vec<(String, String)>>>()?;
        let rows = crate::one_text_per_work(rows, "", |(id, _)| id);
        let ids: Vec<&str> = rows.iter().map(|(id, _)| id.as_str()).collect();
        crate::with_ballots(rows.iter(), self.summaries(&ids)?)
    }

    fn speeches_of(&self, state: &str) -> Result<Vec<Statement>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT s.doc_id, s.ord, s.speaker, s.state, s.role, s.kind, s.language, s.text,
                    s.agenda_item
             FROM speeches s JOIN documents d ON d.id = s.doc_id
             WHERE s.state = ?1 ORDER BY d.date DESC, s.doc_id, s.ord",
        )?;
        let rows = stmt
            .query_map([state], |r| {
                Ok(StatementRow {
                    doc_id: r.get(0)?,
                    ord: r.get(1)?,
                    speaker: r.get(2)?,
                    state: r.get(3)?,
                    role: r.get(4)?,
                    kind: r.get(5)?,
                    language: r.get(6)?,
                    text: r.get(7)?,
                    agenda_item: r.get(8)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<StatementRow>>>()?;
        let rows = crate::one_text_per_work(rows, "", |row| &row.doc_id);
        let ids: Vec<&str> = rows.iter().map(|row| row.doc_id.as_str()).collect();
        let summaries = self.summaries(&ids)?;
        crate::statements(rows, summaries)
    }

    fn adoptions(&self, resolution: &str) -> Result<Vec<(Summary, usize)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.doc_id, a.ord FROM adoptions a JOIN documents d ON d.id = a.doc_id
             WHERE a.resolution = ?1 ORDER BY d.date, a.doc_id, a.ord",
        )?;
        let rows = stmt
            .query_map([resolution], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
            })?
            .collect::<rusqlite::Result<Vec<(String, i64)>>>()?;
        let rows = crate::one_text_per_work(rows, "", |(id, _)| id);
        let ids: Vec<&str> = rows.iter().map(|(id, _)| id.as_str()).collect();
        let summaries = self.summaries(&ids)?;
        Ok(crate::with_summaries(rows, summaries))
    }

    fn file(&self, id: &str) -> Result<Option<(Vec<u8>, String)>> {
        let row: Option<(String, String)> = self
            .conn
            .query_row(
                "SELECT f.hash, f.name FROM documents d JOIN files f ON f.hash = d.file_hash WHERE d.id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((hash, name)) = row else {
            return Ok(None);
        };
        let bytes = std::fs::read(self.file_path(&hash, &name))?;
        Ok(Some((bytes, name)))
    }

    fn stats(&self) -> Result<Stats> {
        let count = |sql: &str| -> Result<usize> {
            Ok(self.conn.query_row(sql, [], |r| r.get::<_, i64>(0))? as usize)
        };
        let groups = |sql: &str| -> Result<Vec<(String, usize)>> {
            let mut stmt = self.conn.prepare(sql)?;
            let rows = stmt
                .query_map([], |r| {
                    Ok((
                        r.get::<_, Option<String>>(0)?
                            .unwrap_or_else(|| "unknown".into()),
                        r.get::<_, i64>(1)? as usize,
                    ))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(rows)
        };
        Ok(Stats {
            documents: count(&format!("SELECT count(DISTINCT {WORK_OF_DOC}) FROM documents"))?,
            texts: count("SELECT count(*) FROM documents")?,
            by_type: groups(&format!(
                "SELECT doc_type, count(DISTINCT {WORK_OF_DOC}) FROM documents GROUP BY doc_type ORDER BY 2 DESC, 1"
            ))?,
            by_year: groups(&format!(
                "SELECT substr(date, 1, 4), count(DISTINCT {WORK_OF_DOC}) FROM documents GROUP BY 1 ORDER BY 1"
            ))?,
            by_language: groups("SELECT language, count(*) FROM documents GROUP BY 1 ORDER BY 2 DESC, 1")?,
            references: count("SELECT count(*) FROM refs")?,
            resolved_references: count(
                "SELECT count(*) FROM refs WHERE symbol IN (SELECT symbol FROM doc_symbols)
                 OR base IN (SELECT symbol FROM doc_symbols) OR symbol IN (SELECT id FROM documents)",
            )?,
            cited_not_held: count(&format!(
                "SELECT count(DISTINCT r.symbol) FROM refs r WHERE {NOT_HELD}"
            ))?,
            files_bytes: count("SELECT coalesce(sum(size), 0) FROM files")? as u64,
        })
    }

    fn statements(&self) -> u64 {
        self.work.statements.load(Ordering::Relaxed)
    }

    fn generation(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT value FROM meta WHERE key = 'generation'", [], |r| {
                r.get(0)
            })?)
    }

    fn record_miss(&mut self, miss: &Miss) -> Result<()> {
        self.conn.execute(
            "INSERT INTO fetch_misses (symbol, language, kind, at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (symbol, language) DO UPDATE SET kind = excluded.kind, at = excluded.at",
            rusqlite::params![miss.symbol, miss.language, miss.kind.as_str(), miss.at],
        )?;
        Ok(())
    }

    fn misses(&self, symbols: &[&str]) -> Result<Vec<Miss>> {
        self.read_misses(
            "SELECT symbol, language, kind, at FROM fetch_misses
             WHERE symbol IN (SELECT value FROM json_each(?1)) ORDER BY symbol, language",
            [json_list(symbols)],
        )
    }

    fn every_miss(&self) -> Result<Vec<Miss>> {
        self.read_misses(
            "SELECT symbol, language, kind, at FROM fetch_misses ORDER BY symbol, language",
            [],
        )
    }

    fn ids(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare("SELECT id FROM documents ORDER BY id")?;
        let ids = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(ids)
    }
}
