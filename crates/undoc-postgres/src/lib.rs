/*!
The corpus on PostgreSQL: a second implementation of [`undoc_store::Store`]
and [`undoc_search::Search`], for deployments that outgrow one machine.

- Records, symbols, bodies, agenda items, references, original files and
  catalogue records in tables (numbered migrations in `src/migrations/`,
  applied under an advisory lock so that processes starting together do not
  race); documents cited but not held, from the same `refs` rows.
- Search with `tsvector` (English configuration, title weighted over body),
  `websearch_to_tsquery` (words, "phrases", `-not`, `or`), `ts_rank_cd`, and
  `ts_headline` for snippets; the same filters and facets as the embedded
  index, computed in one statement over the matching documents.
- Many writers: each batch is one transaction that first takes a
  transaction-scoped advisory lock on every id it writes, in sorted order, so
  concurrent ingesters of overlapping inputs neither lose nor duplicate a
  document and cannot deadlock.

The traits are synchronous (the embedded store is), so each `PgStore` owns a
small tokio runtime that drives `tokio-postgres` connections from a
`deadpool-postgres` pool; call it from ordinary threads (or tokio's blocking
threads), not from inside async code.
*/

mod search;

use std::future::Future;

use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod};
use tokio_postgres::NoTls;
use undoc_model::{Body, Record, Session};
use undoc_store::{
    CatalogueEntry, Link, NewDocument, NotHeld, PutOutcome, Result, Stats, Store, StoreError,
    Summary,
};

/// Numbered migrations, applied in order. Never edit one that has shipped.
const MIGRATIONS: [(i32, &str); 2] = [
    (1, include_str!("migrations/0001_initial.sql")),
    (2, include_str!("migrations/0002_votes.sql")),
];

/// An arbitrary constant: the advisory lock migrations run under.
const MIGRATION_LOCK: i64 = 0x756e_646f_6300;

/// Body text beyond this many bytes is not in the document's own tsvector (a
/// tsvector holds at most 1 MB); long bodies are searched in passages too.
const MAX_INDEXED_BODY: usize = 400_000;

/// Words per passage of a long body, and the overlap between passages (so a
/// phrase across a boundary is inside one of them). Well under the 16,383
/// positions a tsvector keeps, since punctuation-split tokens count too.
const PASSAGE_WORDS: usize = 10_000;
const PASSAGE_OVERLAP: usize = 100;

/// Bodies of more words than this are indexed in passages as well.
const LONG_BODY_WORDS: usize = 12_000;

/// Overlapping passages of a long body, each of at most `PASSAGE_WORDS` words;
/// empty for a body short enough for one tsvector.
fn passages(body: &str) -> Vec<&str> {
    let starts: Vec<usize> = body
        .split_whitespace()
        .map(|w| w.as_ptr() as usize - body.as_ptr() as usize)
        .collect();
    if starts.len() <= LONG_BODY_WORDS {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut first = 0;
    while first < starts.len() {
        let last = (first + PASSAGE_WORDS).min(starts.len());
        let end = starts.get(last).copied().unwrap_or(body.len());
        if let Some(passage) = body.get(starts[first]..end) {
            out.push(passage);
        }
        if last == starts.len() {
            break;
        }
        first = last - PASSAGE_OVERLAP;
    }
    out
}

/// Characters of the body kept for snippets, as the embedded index keeps.
const EXCERPT_CHARS: usize = 4_000;

/// A server error with its causes ("db error: ERROR: column … does not exist").
fn server<E: std::error::Error>(e: E) -> StoreError {
    let mut message = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    StoreError::Server(message)
}

/// A store in a PostgreSQL database (optionally in one schema of it).
pub struct PgStore {
    /// Always `Some` until dropped (taken there to shut down without blocking).
    runtime: Option<tokio::runtime::Runtime>,
    pool: Pool,
}

impl Drop for PgStore {
    fn drop(&mut self) {
        // A runtime dropped normally waits for its tasks, which panics when the
        // store is dropped inside async code (a server shutting down).
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}

impl std::fmt::Debug for PgStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgStore").finish_non_exhaustive()
    }
}

impl PgStore {
    /// Connects to the database at `url` and migrates it to the current schema.
    pub fn connect(url: &str) -> Result<PgStore> {
        Self::connect_in_schema(url, None)
    }

    /// As [`PgStore::connect`], with every table in `schema` (created if
    /// missing): tests give each run a schema of its own.
    pub fn connect_in_schema(url: &str, schema: Option<&str>) -> Result<PgStore> {
        let mut config: tokio_postgres::Config = url
            .parse()
            .map_err(|e| StoreError::Server(format!("{}: {e}", redact(url))))?;
        if let Some(schema) = schema {
            if !schema
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_')
            {
                return Err(StoreError::Server(format!("{schema}: not a schema name")));
            }
            config.options(format!("-c search_path={schema}"));
        }
        config.application_name("undoc");
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("undoc-postgres")
            .enable_all()
            .build()?;
        let manager = Manager::from_config(
            config,
            NoTls,
            ManagerConfig {
                recycling_method: RecyclingMethod::Fast,
            },
        );
        let pool = Pool::builder(manager)
            .max_size(8)
            .runtime(deadpool_postgres::Runtime::Tokio1)
            .build()
            .map_err(server)?;
        let store = PgStore {
            runtime: Some(runtime),
            pool,
        };
        store.block(async {
            let client = store.client().await?;
            if let Some(schema) = schema {
                client
                    .batch_execute(&format!("CREATE SCHEMA IF NOT EXISTS {schema}"))
                    .await
                    .map_err(server)?;
            }
            Ok(())
        })?;
        store.migrate()?;
        Ok(store)
    }

    fn block<T>(&self, f: impl Future<Output = Result<T>>) -> Result<T> {
        match &self.runtime {
            Some(runtime) => runtime.block_on(f),
            None => Err(StoreError::Server("the store is closed".into())),
        }
    }

    async fn client(&self) -> Result<deadpool_postgres::Object> {
        self.pool
            .get()
            .await
            .map_err(|e| StoreError::Server(format!("cannot connect to PostgreSQL: {e}")))
    }

    /// The schema version of the database.
    pub fn schema_version(&self) -> Result<i32> {
        self.block(async {
            let client = self.client().await?;
            let row = client
                .query_one(
                    "SELECT coalesce(max(version), 0) FROM undoc_migrations",
                    &[],
                )
                .await
                .map_err(server)?;
            Ok(row.get(0))
        })
    }

    fn migrate(&self) -> Result<()> {
        self.block(async {
            let mut client = self.client().await?;
            client
                .execute("SELECT pg_advisory_lock($1)", &[&MIGRATION_LOCK])
                .await
                .map_err(server)?;
            let result = async {
                client
                    .batch_execute(
                        "CREATE TABLE IF NOT EXISTS undoc_migrations (
                             version INTEGER PRIMARY KEY,
                             applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
                    )
                    .await
                    .map_err(server)?;
                let current: i32 = client
                    .query_one(
                        "SELECT coalesce(max(version), 0) FROM undoc_migrations",
                        &[],
                    )
                    .await
                    .map_err(server)?
                    .get(0);
                let known = MIGRATIONS.last().map_or(0, |m| m.0);
                if current > known {
                    return Err(StoreError::TooNew {
                        found: i64::from(current),
                        known: i64::from(known),
                    });
                }
                for (version, sql) in MIGRATIONS.iter().filter(|(v, _)| *v > current) {
                    let tx = client.transaction().await.map_err(server)?;
                    tx.batch_execute(sql).await.map_err(server)?;
                    tx.execute(
                        "INSERT INTO undoc_migrations (version) VALUES ($1)",
                        &[version],
                    )
                    .await
                    .map_err(server)?;
                    tx.commit().await.map_err(server)?;
                }
                Ok(())
            }
            .await;
            client
                .execute("SELECT pg_advisory_unlock($1)", &[&MIGRATION_LOCK])
                .await
                .map_err(server)?;
            result
        })
    }

    /// Drops a schema and everything in it (tests clean up with it).
    pub fn drop_schema(url: &str, schema: &str) -> Result<()> {
        if !schema
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_')
        {
            return Err(StoreError::Server(format!("{schema}: not a schema name")));
        }
        let store = PgStore::connect_in_schema(url, None)?;
        store.block(async {
            let client = store.client().await?;
            client
                .batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"))
                .await
                .map_err(server)?;
            Ok(())
        })
    }
}

/// The URL without its password, for messages.
fn redact(url: &str) -> String {
    match (url.find("://"), url.find('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let credentials = &url[scheme + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

/// At most `max` bytes of `s`, cut at a character boundary.
fn prefix(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

fn to_i32(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

/// Marks the store changed (taken last in a transaction: the one row every
/// writer updates, so it is held only until commit).
async fn raise_generation(tx: &deadpool_postgres::Transaction<'_>) -> Result<()> {
    tx.execute(
        "UPDATE meta SET value = value + 1 WHERE key = 'generation'",
        &[],
    )
    .await
    .map_err(server)?;
    Ok(())
}

/// `bodies` rows, column by column.
#[derive(Default)]
struct BodyRows<'a> {
    doc_id: Vec<&'a str>,
    organ: Vec<&'a str>,
    session: Vec<Option<String>>,
    year: Vec<Option<i32>>,
}

/// `agenda_items` rows, column by column.
#[derive(Default)]
struct AgendaRows<'a> {
    doc_id: Vec<&'a str>,
    organ: Vec<&'a str>,
    session: Vec<Option<String>>,
    number: Vec<i32>,
    sub: Vec<Option<&'a str>>,
    title: Vec<Option<&'a str>>,
}

/// `refs` rows, column by column.
#[derive(Default)]
struct ReferenceRows<'a> {
    doc_id: Vec<&'a str>,
    ord: Vec<i32>,
    part: Vec<i32>,
    symbol: Vec<String>,
    base: Vec<String>,
    kind: Vec<&'static str>,
    relation: Vec<&'static str>,
}

/// The rows of the documents a batch writes, column by column, so that each
/// table gets one `INSERT … SELECT … FROM unnest(…)`: a batch costs a dozen
/// round trips to the server, not a dozen per document.
#[derive(Default)]
struct Rows<'a> {
    id: Vec<&'a str>,
    source: Vec<&'a str>,
    file_hash: Vec<&'a str>,
    doc_type: Vec<&'a str>,
    date: Vec<Option<&'a str>>,
    title: Vec<Option<&'a str>>,
    language: Vec<&'a str>,
    sender: Vec<Option<&'a str>>,
    record: Vec<serde_json::Value>,
    states: Vec<serde_json::Value>,
    excerpt: Vec<String>,
    body: Vec<String>,
    long: Vec<bool>,
    symbol: (Vec<String>, Vec<&'a str>, Vec<i32>),
    body_row: BodyRows<'a>,
    agenda: AgendaRows<'a>,
    reference: ReferenceRows<'a>,
    passage: (Vec<&'a str>, Vec<i32>, Vec<String>),
    /// The text search configuration of each document's language.
    config: Vec<&'static str>,
    vote: (Vec<&'a str>, Vec<i32>, Vec<&'a str>, Vec<&'static str>),
}

/// PostgreSQL's text search configuration for a language: its own stemmer
/// for the five that have one; Chinese (no word spaces, no stemmer) and
/// the rest as `simple`, words as written.
pub fn text_search_config(language: &str) -> &'static str {
    stemmed_languages()
        .find(|(l, _)| *l == language)
        .map_or("simple", |(_, config)| config)
}

/// The text search configuration of each language undoc knows; a record
/// with no language (an empty code) reads as English.
fn stemmed_languages() -> impl Iterator<Item = (&'static str, &'static str)> {
    std::iter::once(("", "english")).chain(
        undoc_lang::LANGUAGES
            .iter()
            .map(|l| (l.code, l.search.postgres_config))
            .filter(|(_, config)| *config != "simple"),
    )
}

/// Each text search configuration with the languages it reads (a Postgres
/// array literal's items, the script's language first), in the order of the
/// languages; `simple` also reads the languages undoc does not know.
pub(crate) fn configurations() -> &'static [(String, &'static str)] {
    static CELL: std::sync::OnceLock<Vec<(String, &'static str)>> = std::sync::OnceLock::new();
    CELL.get_or_init(|| {
        let mut groups: Vec<(Vec<&str>, &'static str)> = Vec::new();
        for l in undoc_lang::LANGUAGES {
            let config = l.search.postgres_config;
            match groups.iter_mut().find(|(_, c)| *c == config) {
                Some((codes, _)) => codes.push(l.code),
                None => groups.push((vec![l.code], config)),
            }
        }
        for (codes, config) in &mut groups {
            if *config == "english" {
                codes.push("\"\"");
            }
            if *config == "simple" {
                codes.extend(["pt", "xx"]);
            }
        }
        groups
            .into_iter()
            .map(|(codes, config)| (codes.join(","), config))
            .collect()
    })
}

/// [`text_search_config`] of a row's `language` column, as SQL: what a
/// query reads a row's tsvector and headline with.
pub(crate) fn text_search_config_sql(column: &str) -> String {
    let mut case = format!("(CASE {column}");
    for (language, config) in stemmed_languages() {
        case.push_str(&format!(" WHEN '{language}' THEN '{config}'"));
    }
    case.push_str(" ELSE 'simple' END)::regconfig");
    case
}

/// A `refs` row read as `doc_id, ord, symbol, kind, relation`: a link into `to`.
fn incoming_link(r: &tokio_postgres::Row, to: Option<String>) -> Link {
    Link {
        from: r.get(0),
        ord: usize::try_from(r.get::<_, i32>(1)).unwrap_or_default(),
        symbol: r.get(2),
        to,
        kind: r.get(3),
        relation: r.get(4),
    }
}

impl<'a> Rows<'a> {
    /// Adds one document's rows under its store key `id` (see `Record::key`).
    fn add(&mut self, doc: &NewDocument<'a>, id: &'a str) -> Result<()> {
        let r: &'a Record = doc.record;
        let body = r.body_text();
        let sender = r.letter.as_ref().and_then(|l| l.sender_state.as_deref());
        let mut states: Vec<&str> = sender.into_iter().collect();
        for s in &r.states_mentioned {
            if !states.contains(&s.as_str()) {
                states.push(s);
            }
        }
        for (part, passage) in passages(&body).into_iter().enumerate() {
            self.passage.0.push(id);
            self.passage.1.push(to_i32(part));
            self.passage.2.push(passage.to_owned());
        }
        self.id.push(id);
        self.source.push(&r.source);
        self.file_hash.push(doc.file_hash);
        self.doc_type.push(r.doc_type.as_str());
        self.date.push(r.date.as_deref());
        self.title.push(r.title.as_deref());
        self.language.push(&r.language);
        self.config.push(text_search_config(&r.language));
        self.sender.push(sender);
        self.record
            .push(serde_json::to_value(r).map_err(|e| StoreError::Corrupt(e.to_string()))?);
        self.states.push(serde_json::json!(states));
        self.excerpt
            .push(body.chars().take(EXCERPT_CHARS).collect());
        self.long.push(self.passage.0.last() == Some(&id));
        self.body.push(prefix(&body, MAX_INDEXED_BODY).to_owned());
        for (i, symbol) in r.names().into_iter().enumerate() {
            self.symbol.0.push(symbol);
            self.symbol.1.push(id);
            self.symbol.2.push(to_i32(i));
        }
        for b in &r.bodies {
            self.body_row.doc_id.push(id);
            self.body_row.organ.push(&b.organ);
            self.body_row
                .session
                .push(b.session.as_ref().map(Session::label));
            self.body_row.year.push(b.year);
        }
        for item in &r.agenda_items {
            let session = r
                .bodies
                .iter()
                .find(|b| b.organ == item.organ)
                .and_then(Body::session_or_year);
            let rows = &mut self.agenda;
            rows.doc_id.push(id);
            rows.organ.push(&item.organ);
            rows.session.push(session);
            rows.number
                .push(i32::try_from(item.number).unwrap_or(i32::MAX));
            rows.sub.push(item.sub.as_deref());
            rows.title.push(item.title.as_deref());
        }
        for (ord, vote) in r.votes.iter().enumerate() {
            for (state, ballot) in vote.ballots() {
                self.vote.0.push(id);
                self.vote.1.push(to_i32(ord));
                self.vote.2.push(state);
                self.vote.3.push(ballot.as_str());
            }
        }
        for row in r.link_rows() {
            let rows = &mut self.reference;
            rows.doc_id.push(id);
            rows.ord.push(to_i32(row.ord));
            rows.part.push(to_i32(row.part));
            rows.base
                .push(undoc_symbol::base_symbol(&row.symbol).to_owned());
            rows.symbol.push(row.symbol);
            rows.kind.push(row.kind);
            rows.relation.push(row.relation);
        }
        Ok(())
    }

    async fn write(&self, tx: &deadpool_postgres::Transaction<'_>) -> Result<()> {
        tx.execute(
            "INSERT INTO documents (id, source, file_hash, doc_type, date, title, language, sender_state,
                                    record, states, excerpt, tsv, long)
             SELECT u.id, u.source, u.file_hash, u.doc_type, u.date, u.title, u.language, u.sender,
                    u.record, ARRAY(SELECT jsonb_array_elements_text(u.states)), u.excerpt,
                    setweight(to_tsvector(u.config::regconfig, coalesce(u.title, '')), 'A')
                    || setweight(to_tsvector(u.config::regconfig, u.body), 'B'),
                    u.long
             FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                         $7::text[], $8::text[], $9::jsonb[], $10::jsonb[], $11::text[],
                         $12::text[], $13::bool[], $14::text[])
                  AS u(id, source, file_hash, doc_type, date, title, language, sender, record,
                       states, excerpt, body, long, config)",
            &[
                &self.id,
                &self.source,
                &self.file_hash,
                &self.doc_type,
                &self.date,
                &self.title,
                &self.language,
                &self.sender,
                &self.record,
                &self.states,
                &self.excerpt,
                &self.body,
                &self.long,
                &self.config,
            ],
        )
        .await
        .map_err(server)?;
        tx.execute(
            "INSERT INTO doc_symbols (symbol, doc_id, position)
             SELECT * FROM unnest($1::text[], $2::text[], $3::int[]) ON CONFLICT DO NOTHING",
            &[&self.symbol.0, &self.symbol.1, &self.symbol.2],
        )
        .await
        .map_err(server)?;
        tx.execute(
            "INSERT INTO bodies (doc_id, organ, session, year)
             SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[])",
            &[
                &self.body_row.doc_id,
                &self.body_row.organ,
                &self.body_row.session,
                &self.body_row.year,
            ],
        )
        .await
        .map_err(server)?;
        let a = &self.agenda;
        tx.execute(
            "INSERT INTO agenda_items (doc_id, organ, session, number, sub, title)
             SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[])",
            &[&a.doc_id, &a.organ, &a.session, &a.number, &a.sub, &a.title],
        )
        .await
        .map_err(server)?;
        let r = &self.reference;
        tx.execute(
            "INSERT INTO refs (doc_id, ord, part, symbol, base, kind, relation)
             SELECT * FROM unnest($1::text[], $2::int[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[])
             ON CONFLICT DO NOTHING",
            &[&r.doc_id, &r.ord, &r.part, &r.symbol, &r.base, &r.kind, &r.relation],
        )
        .await
        .map_err(server)?;
        let v = &self.vote;
        if !v.0.is_empty() {
            tx.execute(
                "INSERT INTO votes (doc_id, ord, state, ballot)
                 SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[])",
                &[&v.0, &v.1, &v.2, &v.3],
            )
            .await
            .map_err(server)?;
        }
        let p = &self.passage;
        if !p.0.is_empty() {
            tx.execute(
                "INSERT INTO doc_passages (doc_id, part, tsv)
                 SELECT u.doc_id, u.part, to_tsvector(d.language_config::regconfig, u.text)
                 FROM unnest($1::text[], $2::int[], $3::text[]) AS u(doc_id, part, text)
                 JOIN (SELECT unnest($4::text[]) AS id, unnest($5::text[]) AS language_config) d ON d.id = u.doc_id",
                &[&p.0, &p.1, &p.2, &self.id, &self.config],
            )
            .await
            .map_err(server)?;
        }
        Ok(())
    }
}

impl PgStore {
    async fn resolve_async(
        client: &deadpool_postgres::Object,
        symbol: &str,
    ) -> Result<Option<String>> {
        let exact = |s: String| async move {
            let row = client
                .query_opt(
                    "SELECT doc_id FROM doc_symbols WHERE symbol = $1 ORDER BY doc_id LIMIT 1",
                    &[&s],
                )
                .await
                .map_err(server)?;
            if let Some(row) = row {
                return Ok::<_, StoreError>(Some(row.get::<_, String>(0)));
            }
            let row = client
                .query_opt("SELECT id FROM documents WHERE id = $1", &[&s])
                .await
                .map_err(server)?;
            Ok(row.map(|r| r.get::<_, String>(0)))
        };
        if let Some(found) = exact(symbol.to_owned()).await? {
            return Ok(Some(found));
        }
        let base = undoc_symbol::base_symbol(symbol);
        if base != symbol {
            return exact(base.to_owned()).await;
        }
        // Only a revision is stored: the latest revision.
        let pattern = format!(
            "{}/Rev.%",
            symbol
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_")
        );
        let row = client
            .query_opt(
                "SELECT doc_id FROM doc_symbols WHERE symbol LIKE $1 ORDER BY symbol DESC LIMIT 1",
                &[&pattern],
            )
            .await
            .map_err(server)?;
        Ok(row.map(|r| r.get::<_, String>(0)))
    }

    async fn summary_async(
        client: &deadpool_postgres::Object,
        id: &str,
    ) -> Result<Option<Summary>> {
        let row = client
            .query_opt(
                "SELECT d.id, d.date, d.doc_type, d.title, d.sender_state,
                        coalesce((SELECT array_agg(symbol ORDER BY position) FROM doc_symbols WHERE doc_id = d.id AND symbol NOT LIKE 'letter of %'), '{}')
                 FROM documents d WHERE d.id = $1",
                &[&id],
            )
            .await
            .map_err(server)?;
        Ok(row.map(|r| Summary {
            id: r.get(0),
            date: r.get(1),
            doc_type: r.get(2),
            title: r.get(3),
            sender_state: r.get(4),
            symbols: r.get(5),
        }))
    }

    async fn catalogue_async(
        client: &deadpool_postgres::Object,
        symbol: &str,
    ) -> Result<Option<CatalogueEntry>> {
        let row = client
            .query_opt(
                "SELECT c.key, c.control, c.marcxml, c.subjects, c.authors,
                        coalesce((SELECT array_agg(symbol ORDER BY symbol <> c.key, symbol) FROM catalogue_symbols s2 WHERE s2.key = c.key), '{}')
                 FROM catalogue c
                 WHERE c.key = $1 OR c.key = (SELECT key FROM catalogue_symbols WHERE symbol = $1)
                 LIMIT 1",
                &[&symbol],
            )
            .await
            .map_err(server)?;
        let Some(row) = row else { return Ok(None) };
        let list = |v: serde_json::Value| -> Result<Vec<String>> {
            serde_json::from_value(v).map_err(|e| StoreError::Corrupt(e.to_string()))
        };
        Ok(Some(CatalogueEntry {
            control: row.get(1),
            marcxml: row.get(2),
            subjects: list(row.get(3))?,
            authors: list(row.get(4))?,
            symbols: row.get(5),
        }))
    }
}

impl Store for PgStore {
    fn put_batch(&mut self, docs: &[NewDocument<'_>]) -> Result<Vec<PutOutcome>> {
        self.block(async {
            let mut client = self.client().await?;
            let tx = client.transaction().await.map_err(server)?;
            // Every id this batch writes, locked in one order for all writers.
            let keys: Vec<String> = docs.iter().map(|d| d.record.key()).collect();
            let mut ids: Vec<&str> = keys.iter().map(String::as_str).collect();
            ids.sort_unstable();
            ids.dedup();
            tx.execute(
                "SELECT pg_advisory_xact_lock(hashtextextended(id, 0))
                 FROM (SELECT id FROM unnest($1::text[]) AS id ORDER BY id) AS sorted",
                &[&ids],
            )
            .await
            .map_err(server)?;
            // What is stored now, then each document against what came before it
            // (stored, or earlier in this batch: the later of two wins).
            let mut current: std::collections::HashMap<String, (String, Record)> =
                std::collections::HashMap::new();
            for row in tx
                .query(
                    "SELECT id, file_hash, record FROM documents WHERE id = ANY($1)",
                    &[&ids],
                )
                .await
                .map_err(server)?
            {
                let id: String = row.get(0);
                let record: Record = serde_json::from_value(row.get(2))
                    .map_err(|e| StoreError::Corrupt(format!("{id}: {e}")))?;
                current.insert(id, (row.get(1), record));
            }
            let stored: Vec<String> = current.keys().cloned().collect();
            let mut outcomes = Vec::with_capacity(docs.len());
            let mut last_write: std::collections::HashMap<&str, usize> =
                std::collections::HashMap::new();
            for (i, doc) in docs.iter().enumerate() {
                let id = keys[i].as_str();
                let outcome = match current.get(id) {
                    Some((hash, record))
                        if hash == doc.file_hash
                            && undoc_store::same_document(record, doc.record) =>
                    {
                        PutOutcome::Unchanged
                    }
                    Some(_) => PutOutcome::Updated,
                    None => PutOutcome::Added,
                };
                if outcome != PutOutcome::Unchanged {
                    current.insert(
                        id.to_owned(),
                        (doc.file_hash.to_owned(), doc.record.clone()),
                    );
                    last_write.insert(id, i);
                }
                outcomes.push(outcome);
            }
            if last_write.is_empty() {
                tx.commit().await.map_err(server)?;
                return Ok(outcomes);
            }
            let replaced: Vec<&str> = stored
                .iter()
                .map(String::as_str)
                .filter(|id| last_write.contains_key(id))
                .collect();
            tx.execute("DELETE FROM documents WHERE id = ANY($1)", &[&replaced])
                .await
                .map_err(server)?;
            let mut written: Vec<usize> = last_write.into_values().collect();
            written.sort_unstable();
            let mut rows = Rows::default();
            let (mut hashes, mut sizes, mut names, mut bytes) =
                (Vec::new(), Vec::new(), Vec::new(), Vec::new());
            for &i in &written {
                let doc = &docs[i];
                rows.add(doc, &keys[i])?;
                hashes.push(doc.file_hash);
                sizes.push(i64::try_from(doc.file.len()).unwrap_or(i64::MAX));
                names.push(doc.file_name);
                bytes.push(doc.file);
            }
            tx.execute(
                "INSERT INTO files (hash, size, name, bytes)
                 SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::bytea[])
                 ON CONFLICT (hash) DO NOTHING",
                &[&hashes, &sizes, &names, &bytes],
            )
            .await
            .map_err(server)?;
            rows.write(&tx).await?;
            raise_generation(&tx).await?;
            tx.commit().await.map_err(server)?;
            Ok(outcomes)
        })
    }

    fn get(&self, id: &str) -> Result<Option<Record>> {
        self.block(async {
            let client = self.client().await?;
            let row = client
                .query_opt("SELECT record FROM documents WHERE id = $1", &[&id])
                .await
                .map_err(server)?;
            let Some(row) = row else { return Ok(None) };
            let mut record: Record = serde_json::from_value(row.get(0))
                .map_err(|e| StoreError::Corrupt(format!("{id}: {e}")))?;
            for symbol in &record.symbols {
                if let Some(entry) = Self::catalogue_async(&client, symbol).await? {
                    record.subjects = entry.subjects;
                    record.authors = entry.authors;
                    break;
                }
            }
            Ok(Some(record))
        })
    }

    fn resolve(&self, symbol: &str) -> Result<Option<String>> {
        self.block(async {
            let client = self.client().await?;
            Self::resolve_async(&client, symbol).await
        })
    }

    fn summary(&self, id: &str) -> Result<Option<Summary>> {
        self.block(async {
            let client = self.client().await?;
            Self::summary_async(&client, id).await
        })
    }

    fn links_from(&self, id: &str) -> Result<Vec<Link>> {
        self.block(async {
            let client = self.client().await?;
            let rows = client
                .query(
                    "SELECT ord, symbol, kind, relation FROM refs WHERE doc_id = $1 ORDER BY ord, part",
                    &[&id],
                )
                .await
                .map_err(server)?;
            let mut links = Vec::with_capacity(rows.len());
            for row in rows {
                let symbol: String = row.get(1);
                let to = Self::resolve_async(&client, &symbol).await?;
                links.push(Link {
                    from: id.to_owned(),
                    ord: usize::try_from(row.get::<_, i32>(0)).unwrap_or_default(),
                    symbol,
                    to,
                    kind: row.get(2),
                    relation: row.get(3),
                });
            }
            Ok(links)
        })
    }

    fn links_to(&self, id: &str) -> Result<Vec<Link>> {
        self.block(async {
            let client = self.client().await?;
            let rows = client
                .query(
                    "WITH mine(symbol) AS (SELECT symbol FROM doc_symbols WHERE doc_id = $1 UNION SELECT $1::text)
                     SELECT doc_id, ord, symbol, kind, relation FROM refs
                     WHERE doc_id <> $1 AND (
                         symbol IN (SELECT symbol FROM mine)
                         OR (base IN (SELECT symbol FROM mine)
                             AND symbol NOT IN (SELECT symbol FROM doc_symbols)
                             AND symbol NOT IN (SELECT id FROM documents)))
                     ORDER BY doc_id COLLATE \"C\", ord",
                    &[&id],
                )
                .await
                .map_err(server)?;
            let links = rows
                .iter()
                .map(|r| incoming_link(r, Some(id.to_owned())))
                .collect();
            Ok(undoc_store::one_text_per_work(links, id, |l| &l.from))
        })
    }

    fn citations_of(&self, symbol: &str) -> Result<Vec<Link>> {
        let to = self.resolve(symbol)?;
        self.block(async {
            let client = self.client().await?;
            let rows = client
                .query(
                    "SELECT doc_id, ord, symbol, kind, relation FROM refs
                     WHERE symbol = $1 OR base = $1 ORDER BY doc_id COLLATE \"C\", ord",
                    &[&symbol],
                )
                .await
                .map_err(server)?;
            let links = rows.iter().map(|r| incoming_link(r, to.clone())).collect();
            Ok(undoc_store::one_text_per_work(
                links,
                to.as_deref().unwrap_or(""),
                |l| &l.from,
            ))
        })
    }

    fn holders(&self, name: &str) -> Result<Vec<String>> {
        self.block(async {
            let client = self.client().await?;
            let rows = client
                .query(
                    "SELECT doc_id FROM doc_symbols WHERE symbol = $1 ORDER BY doc_id COLLATE \"C\"",
                    &[&name],
                )
                .await
                .map_err(server)?;
            let ids: Vec<String> = rows.into_iter().map(|r| r.get(0)).collect();
            Ok(undoc_store::one_text_per_work(ids, "", |id| id))
        })
    }

    fn not_held(&self, min_citations: usize, limit: usize) -> Result<Vec<NotHeld>> {
        self.block(async {
            let client = self.client().await?;
            let min = i64::try_from(min_citations).unwrap_or(i64::MAX);
            let limit = i64::try_from(limit).unwrap_or(i64::MAX);
            let rows = client
                .query(
                    "SELECT r.symbol, count(DISTINCT split_part(r.doc_id, '@', 1)), min(d.date), max(d.date)
                     FROM refs r JOIN documents d ON d.id = r.doc_id
                     WHERE r.kind NOT LIKE 'described%'
                       AND NOT EXISTS (SELECT 1 FROM doc_symbols s WHERE s.symbol = r.symbol OR s.symbol = r.base)
                       AND NOT EXISTS (SELECT 1 FROM documents x WHERE x.id = r.symbol)
                     GROUP BY r.symbol HAVING count(DISTINCT split_part(r.doc_id, '@', 1)) >= $1
                     ORDER BY 2 DESC, r.symbol COLLATE \"C\" LIMIT $2",
                    &[&min, &limit],
                )
                .await
                .map_err(server)?;
            Ok(rows
                .into_iter()
                .map(|r| NotHeld {
                    symbol: r.get(0),
                    citing_documents: usize::try_from(r.get::<_, i64>(1)).unwrap_or_default(),
                    first_cited: r.get(2),
                    last_cited: r.get(3),
                })
                .collect())
        })
    }

    fn agenda(&self, organ: &str, session: &str, number: u32) -> Result<Vec<Summary>> {
        self.block(async {
            let client = self.client().await?;
            let number = i32::try_from(number).unwrap_or(i32::MAX);
            let rows = client
                .query(
                    "SELECT a.doc_id, d.date FROM agenda_items a JOIN documents d ON d.id = a.doc_id
                     WHERE a.organ = $1 AND a.session = $2 AND a.number = $3
                     GROUP BY a.doc_id, d.date
                     ORDER BY d.date DESC NULLS LAST, a.doc_id COLLATE \"C\"",
                    &[&organ, &session, &number],
                )
                .await
                .map_err(server)?;
            let ids: Vec<String> = rows.into_iter().map(|r| r.get(0)).collect();
            let mut out = Vec::with_capacity(ids.len());
            for id in undoc_store::one_text_per_work(ids, "", |id| id) {
                out.extend(Self::summary_async(&client, &id).await?);
            }
            Ok(out)
        })
    }

    fn expressions(&self, work: &str) -> Result<Vec<(String, String)>> {
        self.block(async {
            let client = self.client().await?;
            let like = format!("{}@%", work.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
            let rows = client
                .query(
                    "SELECT id, language FROM documents WHERE id = $1 OR id LIKE $2 ORDER BY id COLLATE \"C\"",
                    &[&work, &like],
                )
                .await
                .map_err(server)?;
            Ok(rows
                .into_iter()
                .map(|r| (r.get::<_, String>(0), r.get::<_, String>(1)))
                .filter(|(key, _)| undoc_model::split_key(key).0 == work)
                .collect())
        })
    }

    fn votes_of(&self, state: &str) -> Result<Vec<(Summary, undoc_model::Ballot)>> {
        self.block(async {
            let client = self.client().await?;
            let rows = client
                .query(
                    "SELECT v.doc_id, v.ballot FROM votes v JOIN documents d ON d.id = v.doc_id
                     WHERE v.state = $1 ORDER BY d.date DESC NULLS LAST, v.doc_id COLLATE \"C\", v.ord",
                    &[&state],
                )
                .await
                .map_err(server)?;
            let rows: Vec<(String, String)> = rows.into_iter().map(|r| (r.get(0), r.get(1))).collect();
            let mut out = Vec::new();
            for (id, ballot) in undoc_store::one_text_per_work(rows, "", |(id, _)| id) {
                let ballot = undoc_model::Ballot::parse(&ballot)
                    .ok_or_else(|| StoreError::Corrupt(format!("ballot {ballot:?}")))?;
                if let Some(summary) = Self::summary_async(&client, &id).await? {
                    out.push((summary, ballot));
                }
            }
            Ok(out)
        })
    }

    fn file(&self, id: &str) -> Result<Option<(Vec<u8>, String)>> {
        self.block(async {
            let client = self.client().await?;
            let row = client
                .query_opt(
                    "SELECT f.bytes, f.name FROM documents d JOIN files f ON f.hash = d.file_hash WHERE d.id = $1",
                    &[&id],
                )
                .await
                .map_err(server)?;
            Ok(row.map(|r| (r.get(0), r.get(1))))
        })
    }

    fn stats(&self) -> Result<Stats> {
        self.block(async {
            let client = self.client().await?;
            let count = |sql: &'static str| {
                let client = &client;
                async move {
                    let row = client.query_one(sql, &[]).await.map_err(server)?;
                    Ok::<usize, StoreError>(usize::try_from(row.get::<_, i64>(0)).unwrap_or_default())
                }
            };
            let groups = |sql: &'static str| {
                let client = &client;
                async move {
                    let rows = client.query(sql, &[]).await.map_err(server)?;
                    Ok::<Vec<(String, usize)>, StoreError>(
                        rows.into_iter()
                            .map(|r| {
                                (
                                    r.get::<_, Option<String>>(0)
                                        .unwrap_or_else(|| "unknown".into()),
                                    usize::try_from(r.get::<_, i64>(1)).unwrap_or_default(),
                                )
                            })
                            .collect(),
                    )
                }
            };
            // Documents are works (`split_part(id, '@', 1)`); texts are their language versions.
            Ok(Stats {
                documents: count("SELECT count(DISTINCT split_part(id, '@', 1)) FROM documents").await?,
                texts: count("SELECT count(*) FROM documents").await?,
                by_type: groups(
                    "SELECT doc_type, count(DISTINCT split_part(id, '@', 1)) FROM documents
                     GROUP BY doc_type ORDER BY 2 DESC, doc_type",
                )
                .await?,
                by_year: groups(
                    "SELECT left(date, 4), count(DISTINCT split_part(id, '@', 1)) FROM documents
                     GROUP BY 1 ORDER BY 1 NULLS FIRST",
                )
                .await?,
                by_language: groups(
                    "SELECT language, count(*) FROM documents GROUP BY 1 ORDER BY 2 DESC, 1",
                )
                .await?,
                references: count("SELECT count(*) FROM refs").await?,
                resolved_references: count(
                    "SELECT count(*) FROM refs WHERE symbol IN (SELECT symbol FROM doc_symbols)
                     OR base IN (SELECT symbol FROM doc_symbols) OR symbol IN (SELECT id FROM documents)",
                )
                .await?,
                cited_not_held: count(
                    "SELECT count(DISTINCT r.symbol) FROM refs r WHERE r.kind NOT LIKE 'described%'
                     AND NOT EXISTS (SELECT 1 FROM doc_symbols s WHERE s.symbol = r.symbol OR s.symbol = r.base)
                     AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = r.symbol)",
                )
                .await?,
                files_bytes: count("SELECT coalesce(sum(size), 0)::bigint FROM files").await? as u64,
            })
        })
    }

    fn ids(&self) -> Result<Vec<String>> {
        self.block(async {
            let client = self.client().await?;
            let rows = client
                .query("SELECT id FROM documents ORDER BY id", &[])
                .await
                .map_err(server)?;
            Ok(rows.into_iter().map(|r| r.get(0)).collect())
        })
    }

    fn collect_garbage(&mut self) -> Result<undoc_store::Garbage> {
        self.block(async {
            let client = self.client().await?;
            // A file row is written in the transaction of the documents that name
            // it, so one nobody names is a replaced document's old file.
            let rows = client
                .query(
                    "DELETE FROM files f WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.file_hash = f.hash) RETURNING size",
                    &[],
                )
                .await
                .map_err(server)?;
            Ok(undoc_store::Garbage {
                files: rows.len(),
                bytes: rows.iter().map(|r| r.get::<_, i64>(0).max(0) as u64).sum(),
            })
        })
    }

    fn generation(&self) -> Result<i64> {
        self.block(async {
            let client = self.client().await?;
            let row = client
                .query_one("SELECT value FROM meta WHERE key = 'generation'", &[])
                .await
                .map_err(server)?;
            Ok(row.get(0))
        })
    }

    fn put_catalogue(&mut self, entries: &[CatalogueEntry]) -> Result<Vec<PutOutcome>> {
        self.block(async {
            let mut client = self.client().await?;
            let tx = client.transaction().await.map_err(server)?;
            let mut outcomes = Vec::with_capacity(entries.len());
            for entry in entries {
                let key = entry.key().ok_or(StoreError::CatalogueWithoutKey)?;
                tx.execute(
                    "SELECT pg_advisory_xact_lock(hashtextextended($1, 1))",
                    &[&key],
                )
                .await
                .map_err(server)?;
                let stored = tx
                    .query_opt("SELECT marcxml FROM catalogue WHERE key = $1", &[&key])
                    .await
                    .map_err(server)?;
                let outcome = match stored.map(|r| r.get::<_, String>(0)) {
                    Some(xml) if xml == entry.marcxml => {
                        outcomes.push(PutOutcome::Unchanged);
                        continue;
                    }
                    Some(_) => PutOutcome::Updated,
                    None => PutOutcome::Added,
                };
                tx.execute("DELETE FROM catalogue WHERE key = $1", &[&key])
                    .await
                    .map_err(server)?;
                tx.execute(
                    "INSERT INTO catalogue (key, control, marcxml, subjects, authors)
                     VALUES ($1, $2, $3, $4, $5)",
                    &[
                        &key,
                        &entry.control,
                        &entry.marcxml,
                        &serde_json::json!(entry.subjects),
                        &serde_json::json!(entry.authors),
                    ],
                )
                .await
                .map_err(server)?;
                for symbol in &entry.symbols {
                    tx.execute(
                        "INSERT INTO catalogue_symbols (symbol, key) VALUES ($1, $2)
                         ON CONFLICT (symbol) DO UPDATE SET key = excluded.key",
                        &[symbol, &key],
                    )
                    .await
                    .map_err(server)?;
                }
                outcomes.push(outcome);
            }
            if outcomes.iter().any(|o| *o != PutOutcome::Unchanged) {
                raise_generation(&tx).await?;
            }
            tx.commit().await.map_err(server)?;
            Ok(outcomes)
        })
    }

    fn catalogue(&self, symbol: &str) -> Result<Option<CatalogueEntry>> {
        self.block(async {
            let client = self.client().await?;
            Self::catalogue_async(&client, symbol).await
        })
    }

    fn catalogue_keys(&self) -> Result<Vec<String>> {
        self.block(async {
            let client = self.client().await?;
            let rows = client
                .query("SELECT key FROM catalogue ORDER BY key", &[])
                .await
                .map_err(server)?;
            Ok(rows.into_iter().map(|r| r.get(0)).collect())
        })
    }
}

pub use search::escape_headline;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_bodies_are_cut_into_overlapping_passages() {
        let short = "word ".repeat(LONG_BODY_WORDS);
        assert!(passages(&short).is_empty());
        let body: String = (0..25_000).map(|i| format!("w{i} ")).collect();
        let parts = passages(&body);
        assert_eq!(parts.len(), 3);
        assert!(
            parts
                .iter()
                .all(|p| p.split_whitespace().count() <= PASSAGE_WORDS)
        );
        // Every word is in a passage, and neighbours across a cut share one.
        assert!(parts[0].contains("w9999 ") && parts[1].starts_with("w9900 "));
        assert!(parts[2].trim_end().ends_with("w24999"));
    }
}
