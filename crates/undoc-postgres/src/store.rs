//! [`Store`] on PostgreSQL: each method one pooled connection and a fixed
//! number of statements, batch methods with `unnest`/`ANY` over arrays.

use undoc_model::{DocType, LinkKind, Record, Relation};
use undoc_store::{
    CatalogueEntry, Link, Miss, MissKind, NewDocument, NotHeld, PutOutcome, Result, Stats, Store,
    StoreError, Summary,
};

use std::collections::HashMap;
use std::sync::atomic::Ordering;

use crate::connection::Counted;
use crate::write::{Rows, raise_generation};
use crate::{EXPRESSIONS_OF_A_WORK, PgStore, server};

/// Works (`split_part(id, '@', 1)`), each text a language version of one.
pub(crate) const WORKS: &str = "SELECT count(DISTINCT split_part(id, '@', 1)) FROM documents";

/// References whose symbol (or its base) is held. One index probe per
/// reference: written as `symbol IN (SELECT symbol FROM doc_symbols) OR …`,
/// the planner could not hash a subquery larger than `work_mem` and read all
/// of `doc_symbols` for every reference (3.5e9 in its own estimate at 100,000
/// synthetic documents; it ran for 19 minutes before being stopped).
pub const RESOLVED_REFERENCES: &str = "SELECT count(*) FROM refs r
     WHERE EXISTS (SELECT 1 FROM doc_symbols s WHERE s.symbol = r.symbol)
        OR EXISTS (SELECT 1 FROM doc_symbols s WHERE s.symbol = r.base)
        OR EXISTS (SELECT 1 FROM documents d WHERE d.id = r.symbol)";

/// Symbols cited and not held; each test an index probe, as above (`s.symbol
/// = r.symbol OR s.symbol = r.base` in one subquery can use no index).
pub const CITED_NOT_HELD: &str = "SELECT count(DISTINCT r.symbol) FROM refs r
     WHERE r.kind NOT LIKE 'described%'
       AND NOT EXISTS (SELECT 1 FROM doc_symbols s WHERE s.symbol = r.symbol)
       AND NOT EXISTS (SELECT 1 FROM doc_symbols s WHERE s.symbol = r.base)
       AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = r.symbol)";

/// A `refs` row read as `doc_id, ord, symbol, kind, relation`: a link into `to`.
fn incoming_link(r: &tokio_postgres::Row, to: Option<String>) -> Result<Link> {
    Ok(Link {
        from: r.get(0),
        ord: usize::try_from(r.get::<_, i32>(1)).unwrap_or_default(),
        symbol: r.get(2),
        to,
        kind: parsed(r, 3, LinkKind::parse)?,
        relation: parsed(r, 4, Relation::parse)?,
    })
}

/// A column holding one of a closed set of names (a document type, a link
/// kind, a relation), read as its enum: an unknown name is a corrupt row.
fn parsed<T>(row: &tokio_postgres::Row, column: usize, parse: fn(&str) -> Option<T>) -> Result<T> {
    let name: &str = row.get(column);
    parse(name)
        .ok_or_else(|| StoreError::Corrupt(format!("{name:?} is not a name undoc writes here")))
}

impl PgStore {
    /// Misses read by `sql` (selecting symbol, language, kind, at).
    fn read_misses(
        &self,
        sql: &str,
        params: &[&(dyn tokio_postgres::types::ToSql + Sync)],
    ) -> Result<Vec<Miss>> {
        self.block(async {
            let client = self.client().await?;
            let rows = client.query(sql, params).await.map_err(server)?;
            rows.into_iter()
                .map(|r| {
                    Ok(Miss {
                        symbol: r.get(0),
                        language: r.get(1),
                        kind: parsed(&r, 2, MissKind::parse)?,
                        at: r.get(3),
                    })
                })
                .collect()
        })
    }

    /// The stored documents symbols name exactly: by a symbol a document
    /// carries (the first such document) or by its id.
    async fn resolve_exactly(
        client: &Counted<'_>,
        symbols: &[&str],
    ) -> Result<HashMap<String, String>> {
        let rows = client
            .query(
                "SELECT s.symbol,
                        coalesce((SELECT doc_id FROM doc_symbols WHERE symbol = s.symbol ORDER BY doc_id LIMIT 1),
                                 (SELECT id FROM documents WHERE id = s.symbol))
                 FROM unnest($1::text[]) AS s(symbol)",
                &[&symbols],
            )
            .await
            .map_err(server)?;
        Ok(rows
            .into_iter()
            .filter_map(|r| Some((r.get(0), r.get::<_, Option<String>>(1)?)))
            .collect())
    }

    /// [`Store::resolve_many`] on one connection: one statement per way of
    /// naming (exactly, by base, by revision), however many symbols.
    async fn resolve_many_async(
        client: &Counted<'_>,
        symbols: &[&str],
    ) -> Result<HashMap<String, String>> {
        let symbols = undoc_store::distinct(symbols);
        let mut found = Self::resolve_exactly(client, &symbols).await?;
        let by_base = undoc_store::by_base(&symbols, &found);
        if !by_base.is_empty() {
            let bases: Vec<&str> = by_base.iter().map(|(_, base)| *base).collect();
            let stored = Self::resolve_exactly(client, &bases).await?;
            undoc_store::adopt_bases(&mut found, &by_base, &stored);
        }
        let bare = undoc_store::revision_only(&symbols, &found);
        if !bare.is_empty() {
            // The patterns made here, once each, not per row scanned.
            let patterns: Vec<String> = bare
                .iter()
                .map(|s| {
                    format!(
                        "{}/Rev.%",
                        s.replace('\\', "\\\\")
                            .replace('%', "\\%")
                            .replace('_', "\\_")
                    )
                })
                .collect();
            let rows = client
                .query(
                    "SELECT s.symbol,
                            (SELECT doc_id FROM doc_symbols WHERE symbol LIKE s.pattern
                             ORDER BY symbol DESC LIMIT 1)
                     FROM unnest($1::text[], $2::text[]) AS s(symbol, pattern)",
                    &[&bare, &patterns],
                )
                .await
                .map_err(server)?;
            found.extend(
                rows.into_iter()
                    .filter_map(|r| Some((r.get(0), r.get::<_, Option<String>>(1)?))),
            );
        }
        Ok(found)
    }

    /// [`Store::summaries`] on one connection, in one statement.
    async fn summaries_async(
        client: &Counted<'_>,
        ids: &[&str],
    ) -> Result<HashMap<String, Summary>> {
        let rows = client
            .query(
                "SELECT d.id, d.date, d.doc_type, d.title, d.sender_state,
                        coalesce((SELECT array_agg(symbol ORDER BY position) FROM doc_symbols WHERE doc_id = d.id AND symbol NOT LIKE 'letter of %'), '{}')
                 FROM documents d WHERE d.id = ANY($1::text[])",
                &[&ids],
            )
            .await
            .map_err(server)?;
        rows.into_iter()
            .map(|r| {
                let summary = Summary {
                    id: r.get(0),
                    date: r.get(1),
                    doc_type: parsed(&r, 2, DocType::parse)?,
                    title: r.get(3),
                    sender_state: r.get(4),
                    symbols: r.get(5),
                };
                Ok((summary.id.clone(), summary))
            })
            .collect()
    }

    async fn catalogue_async(client: &Counted<'_>, symbol: &str) -> Result<Option<CatalogueEntry>> {
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
            let changed: Vec<&str> = written.iter().map(|&i| keys[i].as_str()).collect();
            raise_generation(&tx, &changed).await?;
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

    fn resolve_many(&self, symbols: &[&str]) -> Result<HashMap<String, String>> {
        self.block(async {
            let client = self.client().await?;
            Self::resolve_many_async(&client, symbols).await
        })
    }

    fn summaries(&self, ids: &[&str]) -> Result<HashMap<String, Summary>> {
        self.block(async {
            let client = self.client().await?;
            Self::summaries_async(&client, ids).await
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
            let symbols: Vec<&str> = rows.iter().map(|row| row.get(1)).collect();
            let resolved = Self::resolve_many_async(&client, &symbols).await?;
            rows.iter()
                .map(|row| {
                    let symbol: String = row.get(1);
                    Ok(Link {
                        from: id.to_owned(),
                        ord: usize::try_from(row.get::<_, i32>(0)).unwrap_or_default(),
                        to: resolved.get(&symbol).cloned(),
                        symbol,
                        kind: parsed(row, 2, LinkKind::parse)?,
                        relation: parsed(row, 3, Relation::parse)?,
                    })
                })
                .collect()
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
                .collect::<Result<_>>()?;
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
            let links = rows
                .iter()
                .map(|r| incoming_link(r, to.clone()))
                .collect::<Result<_>>()?;
            Ok(undoc_store::one_text_per_work(
                links,
                to.as_deref().unwrap_or(""),
                |l| &l.from,
            ))
        })
    }

    fn holders_many(&self, names: &[&str]) -> Result<HashMap<String, Vec<String>>> {
        self.block(async {
            let client = self.client().await?;
            let rows = client
                .query(
                    "SELECT symbol, doc_id FROM doc_symbols WHERE symbol = ANY($1::text[])
                     ORDER BY symbol, doc_id COLLATE \"C\"",
                    &[&names],
                )
                .await
                .map_err(server)?;
            Ok(undoc_store::group_holders(
                rows.into_iter().map(|r| (r.get(0), r.get(1))).collect(),
            ))
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
            let ids = undoc_store::one_text_per_work(ids, "", |id| id);
            let summaries = Self::summaries_async(&client, &undoc_store::strs(&ids)).await?;
            Ok(undoc_store::in_order(&ids, summaries))
        })
    }

    fn expressions(&self, work: &str) -> Result<Vec<(String, String)>> {
        self.block(async {
            let client = self.client().await?;
            let (from, to) = (format!("{work}@"), format!("{work}A"));
            let rows = client
                .query(EXPRESSIONS_OF_A_WORK, &[&work, &from, &to])
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
            let rows = undoc_store::one_text_per_work(rows, "", |(id, _)| id);
            let ids: Vec<&str> = rows.iter().map(|(id, _)| id.as_str()).collect();
            let summaries = Self::summaries_async(&client, &ids).await?;
            undoc_store::with_ballots(rows.iter(), summaries)
        })
    }

    fn speeches_of(&self, state: &str) -> Result<Vec<undoc_store::Statement>> {
        self.block(async {
            let client = self.client().await?;
            let rows = client
                .query(
                    "SELECT s.doc_id, s.ord, s.speaker, s.state, s.role, s.kind, s.language, s.text,
                            s.agenda_item
                     FROM speeches s JOIN documents d ON d.id = s.doc_id
                     WHERE s.state = $1 ORDER BY d.date DESC NULLS LAST, s.doc_id COLLATE \"C\", s.ord",
                    &[&state],
                )
                .await
                .map_err(server)?;
            let rows: Vec<undoc_store::StatementRow> = rows
                .into_iter()
                .map(|r| undoc_store::StatementRow {
                    doc_id: r.get(0),
                    ord: i64::from(r.get::<_, i32>(1)),
                    speaker: r.get(2),
                    state: r.get(3),
                    role: r.get(4),
                    kind: r.get(5),
                    language: r.get(6),
                    text: r.get(7),
                    agenda_item: r
                        .get::<_, Option<i32>>(8)
                        .and_then(|n| u32::try_from(n).ok()),
                })
                .collect();
            let rows = undoc_store::one_text_per_work(rows, "", |row| &row.doc_id);
            let ids: Vec<&str> = rows.iter().map(|row| row.doc_id.as_str()).collect();
            let summaries = Self::summaries_async(&client, &ids).await?;
            undoc_store::statements(rows, summaries)
        })
    }

    fn adoptions(&self, resolution: &str) -> Result<Vec<(Summary, usize)>> {
        self.block(async {
            let client = self.client().await?;
            let rows = client
                .query(
                    "SELECT a.doc_id, a.ord FROM adoptions a JOIN documents d ON d.id = a.doc_id
                     WHERE a.resolution = $1 ORDER BY d.date NULLS LAST, a.doc_id COLLATE \"C\", a.ord",
                    &[&resolution],
                )
                .await
                .map_err(server)?;
            let rows: Vec<(String, i64)> = rows
                .into_iter()
                .map(|r| (r.get(0), i64::from(r.get::<_, i32>(1))))
                .collect();
            let rows = undoc_store::one_text_per_work(rows, "", |(id, _)| id);
            let ids: Vec<&str> = rows.iter().map(|(id, _)| id.as_str()).collect();
            let summaries = Self::summaries_async(&client, &ids).await?;
            Ok(undoc_store::with_summaries(rows, summaries))
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
                    Ok::<usize, StoreError>(
                        usize::try_from(row.get::<_, i64>(0)).unwrap_or_default(),
                    )
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
                documents: count(WORKS).await?,
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
                resolved_references: count(RESOLVED_REFERENCES).await?,
                cited_not_held: count(CITED_NOT_HELD).await?,
                files_bytes: count("SELECT coalesce(sum(size), 0)::bigint FROM files").await?
                    as u64,
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

    fn record_miss(&mut self, miss: &Miss) -> Result<()> {
        self.block(async {
            let client = self.client().await?;
            client
                .execute(
                    "INSERT INTO fetch_misses (symbol, language, kind, at) VALUES ($1, $2, $3, $4)
                     ON CONFLICT (symbol, language) DO UPDATE SET kind = excluded.kind, at = excluded.at",
                    &[&miss.symbol, &miss.language, &miss.kind.as_str(), &miss.at],
                )
                .await
                .map_err(server)?;
            Ok(())
        })
    }

    fn misses(&self, symbols: &[&str]) -> Result<Vec<Miss>> {
        self.read_misses(
            "SELECT symbol, language, kind, at FROM fetch_misses
             WHERE symbol = ANY($1::text[]) ORDER BY symbol, language",
            &[&symbols],
        )
    }

    fn every_miss(&self) -> Result<Vec<Miss>> {
        self.read_misses(
            "SELECT symbol, language, kind, at FROM fetch_misses ORDER BY symbol, language",
            &[],
        )
    }

    fn remove(&mut self, keys: &[&str]) -> Result<usize> {
        self.block(async {
            let mut client = self.client().await?;
            let tx = client.transaction().await.map_err(server)?;
            let removed = tx
                .execute("DELETE FROM documents WHERE id = ANY($1::text[])", &[&keys])
                .await
                .map_err(server)?;
            if removed > 0 {
                raise_generation(&tx, keys).await?;
            }
            tx.commit().await.map_err(server)?;
            Ok(usize::try_from(removed).unwrap_or(usize::MAX))
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

    fn statements(&self) -> u64 {
        self.statements.load(Ordering::Relaxed)
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

    fn changes_since(&self, generation: i64) -> Result<Option<Vec<String>>> {
        self.block(async {
            let client = self.client().await?;
            // One statement, one snapshot: the generation and the changes up
            // to it agree (a write raises it last, in its own transaction).
            let rows = client
                .query(
                    "SELECT key FROM changes WHERE generation > $1 ORDER BY key",
                    &[&generation],
                )
                .await
                .map_err(server)?;
            Ok(Some(rows.into_iter().map(|r| r.get(0)).collect()))
        })
    }

    /// The primary's WAL position (`None` on a standby, which writes none):
    /// where it has inserted, not written — with `synchronous_commit = off`
    /// a commit may not be written yet, and a replica at the written
    /// position would not have it.
    fn write_position(&self) -> Result<Option<String>> {
        self.block(async {
            let client = self.client().await?;
            let row = client
                .query_one(
                    "SELECT CASE WHEN pg_is_in_recovery() THEN NULL
                                 ELSE pg_current_wal_insert_lsn()::text END",
                    &[],
                )
                .await
                .map_err(server)?;
            Ok(row.get(0))
        })
    }

    /// On a standby, whether it has replayed the WAL up to `position`; a
    /// primary has everything it wrote.
    fn has_replayed(&self, position: &str) -> Result<bool> {
        self.block(async {
            let client = self.client().await?;
            let row = client
                .query_one(
                    "SELECT NOT pg_is_in_recovery()
                            OR coalesce(pg_last_wal_replay_lsn() >= $1::text::pg_lsn, false)",
                    &[&position],
                )
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
                // Catalogue records are no search documents.
                raise_generation(&tx, &[]).await?;
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
