//! The embedded store against the behavioural suite, plus what only SQLite has:
//! migrations and the on-disk layout.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed expectation is the report

use undoc_store::{SqliteStore, Store, StoreError};

#[test]
fn sqlite_passes_the_behavioural_suite() {
    let mut dirs = Vec::new();
    undoc_store::conformance::run_all(&mut || {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(dir.path()).unwrap();
        dirs.push(dir);
        Box::new(store) as Box<dyn Store>
    });
}

#[test]
fn a_new_store_is_at_the_latest_schema_and_reopens() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(dir.path()).unwrap();
    assert_eq!(store.schema_version().unwrap(), 7);
    drop(store);
    let again = SqliteStore::open(dir.path()).unwrap();
    assert_eq!(again.schema_version().unwrap(), 7);
}

#[test]
fn a_store_from_a_newer_undoc_is_refused_not_damaged() {
    let dir = tempfile::tempdir().unwrap();
    drop(SqliteStore::open(dir.path()).unwrap());
    let conn =
        rusqlite::Connection::open(dir.path().join(undoc_store::sqlite_database_name())).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    drop(conn);
    match SqliteStore::open(dir.path()) {
        Err(StoreError::TooNew {
            found: 99,
            known: 7,
        }) => {}
        other => panic!("expected TooNew, got {other:?}"),
    }
}

/// A store written at schema version 1 (the first release) opens and is
/// migrated, its documents intact.
#[test]
fn a_version_1_store_is_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let conn =
        rusqlite::Connection::open(dir.path().join(undoc_store::sqlite_database_name())).unwrap();
    conn.execute_batch(include_str!("../src/migrations/0001_initial.sql"))
        .unwrap();
    conn.pragma_update(None, "user_version", 1).unwrap();
    conn.execute(
        "INSERT INTO documents (id, source, file_hash, doc_type, language, record, ingested_at)
         VALUES ('A/79/1', 'a.pdf', 'h', 'letter', 'en', ?1, '0')",
        [serde_json::to_string(&undoc_store::conformance::record(
            "A/79/1",
            &["A/79/1"],
            "2025-01-01",
        ))
        .unwrap()],
    )
    .unwrap();
    drop(conn);
    let store = SqliteStore::open(dir.path()).unwrap();
    assert_eq!(store.schema_version().unwrap(), 7);
    assert_eq!(store.generation().unwrap(), 0);
    assert_eq!(
        store.get("A/79/1").unwrap().map(|r| r.id),
        Some("A/79/1".to_string())
    );
}

/// Schema 7 gives the speeches stored at schema 6 the agenda item they were
/// given under, from their records, as new rows get it written.
#[test]
fn a_schema_6_store_gets_its_speeches_agenda_items() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = SqliteStore::open(dir.path()).unwrap();
    let mut meeting = undoc_store::conformance::meeting(
        "A/79/PV.29",
        "2024-10-29",
        &[
            ("The Acting President", None, "I give the floor."),
            ("Mr. Margaryan", Some("Armenia"), "On the Court's report."),
        ],
        "A/RES/79/1",
    );
    for speech in &mut meeting.speeches {
        speech.agenda_item = Some(72);
    }
    undoc_store::conformance::put(&mut store, &meeting, b"meeting");
    let agenda_items = |store: &SqliteStore| -> Vec<Option<u32>> {
        store
            .speeches_of("Armenia")
            .unwrap()
            .iter()
            .map(|s| s.agenda_item)
            .collect()
    };
    assert_eq!(agenda_items(&store), [Some(72)]);
    drop(store);
    let conn =
        rusqlite::Connection::open(dir.path().join(undoc_store::sqlite_database_name())).unwrap();
    conn.execute_batch("ALTER TABLE speeches DROP COLUMN agenda_item; PRAGMA user_version = 6")
        .unwrap();
    drop(conn);
    let store = SqliteStore::open(dir.path()).unwrap();
    assert_eq!(store.schema_version().unwrap(), 7);
    assert_eq!(agenda_items(&store), [Some(72)]);
}

/// A store as undoc's first release wrote it (kept as a file, not rebuilt
/// from today's SQL or today's records: see `fixtures/README.md`) opens,
/// is migrated to the latest schema, and keeps its documents, joint
/// symbols and links; it then takes new writes.
#[test]
fn a_store_written_by_schema_1_is_migrated_with_its_links() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/v1-store.sqlite3"
        ),
        dir.path().join(undoc_store::sqlite_database_name()),
    )
    .unwrap();
    let mut store = SqliteStore::open(dir.path()).unwrap();
    assert_eq!(store.schema_version().unwrap(), 7);

    let mut ids = store.ids().unwrap();
    ids.sort();
    assert_eq!(ids.len(), 3, "{ids:?}");
    let joint = store
        .resolve("S/2025/268")
        .unwrap()
        .expect("a joint symbol resolves");
    let letter = store.get(&joint).unwrap().unwrap();
    assert_eq!(letter.symbols, ["A/79/907", "S/2025/268"]);
    assert_eq!(letter.doc_type, undoc_model::DocType::Letter);
    assert_eq!(letter.date.as_deref(), Some("2025-05-01"));

    // S/2025/322 replies to S/2025/268 and S/2025/295, both held.
    let reply = store.resolve("S/2025/322").unwrap().unwrap();
    let links = store.links_from(&reply).unwrap();
    let answered: std::collections::BTreeSet<String> = links
        .iter()
        .filter(|l| l.relation == undoc_model::Relation::RepliesTo)
        .filter_map(|l| l.to.clone())
        .collect();
    let expected: std::collections::BTreeSet<String> =
        [joint.clone(), store.resolve("S/2025/295").unwrap().unwrap()].into();
    assert_eq!(answered, expected, "replies resolve to the held documents");
    let citers: Vec<String> = store
        .links_to(&joint)
        .unwrap()
        .into_iter()
        .map(|l| l.from)
        .collect();
    assert!(citers.contains(&reply), "{citers:?}");

    let before = store.generation().unwrap();
    let new = undoc_store::conformance::record("A/79/1", &["A/79/1"], "2025-01-01");
    undoc_store::conformance::put(&mut store, &new, b"new");
    assert!(store.generation().unwrap() > before);
    assert_eq!(store.ids().unwrap().len(), 4);
}

fn files_on_disk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    walkdir_files(&dir.join("files"))
}

fn walkdir_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walkdir_files(&path));
        } else {
            out.push(path);
        }
    }
    out
}

fn new_doc<'a>(
    record: &'a undoc_model::Record,
    bytes: &'a [u8],
    hash: &'a str,
) -> undoc_store::NewDocument<'a> {
    undoc_store::NewDocument {
        record,
        file: bytes,
        file_hash: hash,
        file_name: "letter.txt",
    }
}

/// Issue 13, defect 9: a batch that fails (there: a full disk) left its original
/// files in `files/`, and nothing removed them. A failed batch now takes back
/// what it wrote; the store keeps what it had.
#[test]
fn a_failed_batch_leaves_no_files_behind() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = SqliteStore::open(dir.path()).unwrap();
    let kept = undoc_store::conformance::record("A/79/1", &["A/79/1"], "2025-01-01");
    store
        .put_batch(&[new_doc(&kept, b"kept", &"a".repeat(64))])
        .unwrap();
    // The rows' write fails after the files are written, as a full disk makes it.
    let conn =
        rusqlite::Connection::open(dir.path().join(undoc_store::sqlite_database_name())).unwrap();
    conn.execute_batch(
        "CREATE TRIGGER full BEFORE INSERT ON documents BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;",
    )
    .unwrap();
    drop(conn);
    let lost = undoc_store::conformance::record("A/79/2", &["A/79/2"], "2025-01-02");
    let result = store.put_batch(&[new_doc(&lost, b"lost", &"b".repeat(64))]);
    assert!(result.is_err());
    let files = files_on_disk(dir.path());
    assert_eq!(
        files.len(),
        1,
        "only the committed document's file: {files:?}"
    );
    assert!(store.get("A/79/1").unwrap().is_some());
}

/// Issue 13, defect 9: `undoc gc` removes files no record names (a replaced
/// document's old file, a killed writer's temporary file).
#[test]
fn garbage_collection_removes_unnamed_files_only() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = SqliteStore::open(dir.path()).unwrap();
    let first = undoc_store::conformance::record("A/79/1", &["A/79/1"], "2025-01-01");
    store
        .put_batch(&[new_doc(&first, b"first", &"a".repeat(64))])
        .unwrap();
    let mut second = first.clone();
    second.title = Some("Corrected".into());
    store
        .put_batch(&[new_doc(&second, b"second", &"c".repeat(64))])
        .unwrap();
    std::fs::write(dir.path().join("files/cc/stray.tmp123"), b"partial").unwrap();
    assert_eq!(files_on_disk(dir.path()).len(), 3);
    let garbage = store.collect_garbage().unwrap();
    assert_eq!(garbage.files, 2, "the replaced file and the temporary one");
    let left = files_on_disk(dir.path());
    assert_eq!(left.len(), 1);
    assert!(left[0].to_string_lossy().contains(&"c".repeat(64)));
    assert_eq!(store.file("A/79/1").unwrap().unwrap().0, b"second");
    assert_eq!(store.collect_garbage().unwrap().files, 0);
}

/// Issue 13, defect 10: a store opened for reading writes nothing (no
/// migration, no WAL switch), so it can be read where it cannot be written.
#[test]
fn a_store_opened_read_only_reads_and_refuses_writes() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = SqliteStore::open(dir.path()).unwrap();
    let r = undoc_store::conformance::record("A/79/1", &["A/79/1"], "2025-01-01");
    store
        .put_batch(&[new_doc(&r, b"x", &"a".repeat(64))])
        .unwrap();
    drop(store);
    let mut reader = SqliteStore::open_read_only(dir.path()).unwrap();
    assert_eq!(reader.stats().unwrap().documents, 1);
    assert_eq!(reader.resolve("A/79/1").unwrap().as_deref(), Some("A/79/1"));
    let other = undoc_store::conformance::record("A/79/2", &["A/79/2"], "2025-01-01");
    assert!(
        reader
            .put_batch(&[new_doc(&other, b"y", &"d".repeat(64))])
            .is_err()
    );
    let missing = tempfile::tempdir().unwrap();
    assert!(matches!(
        SqliteStore::open_read_only(missing.path()),
        Err(StoreError::ReadOnly(_))
    ));
}

/// Resolving a page of references reads the symbol index, not every symbol
/// row: the first batched revision pass matched each name with a LIKE whose
/// pattern was rebuilt per row, a full scan per name that made document
/// pages seven times slower on the corpus (`benches/links-pages.sh`).
#[test]
fn resolving_a_page_of_references_scans_no_table() {
    use undoc_store::conformance::record;
    let dir = tempfile::tempdir().unwrap();
    let mut store = SqliteStore::open(dir.path()).unwrap();
    let records: Vec<undoc_model::Record> = (0..300)
        .map(|i| {
            let symbol = if i % 3 == 0 {
                format!("S/2025/{i}/Rev.1")
            } else {
                format!("S/2025/{i}")
            };
            record(&symbol, &[&symbol], "2025-01-01")
        })
        .collect();
    let hashes: Vec<String> = (0..records.len()).map(|i| format!("{i:064}")).collect();
    let docs: Vec<undoc_store::NewDocument<'_>> = records
        .iter()
        .zip(&hashes)
        .map(|(record, hash)| undoc_store::NewDocument {
            record,
            file: hash.as_bytes(),
            file_hash: hash,
            file_name: "doc.pdf",
        })
        .collect();
    store.put_batch(&docs).unwrap();
    // Held exactly, by base (an addendum), revision only, and not held.
    let names: Vec<String> = (0..60)
        .map(|i| match i % 4 {
            0 => format!("S/2025/{}", i + 1),
            1 => format!("S/2025/{}/Add.1", i + 1),
            2 => format!("S/2025/{}", (i / 3) * 3),
            _ => format!("S/2099/{i}"),
        })
        .collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let before = store.full_scan_steps();
    let found = store.resolve_many(&names).unwrap();
    assert_eq!(store.full_scan_steps(), before, "no full scan");
    assert!(found.values().any(|id| id.ends_with("/Rev.1")), "{found:?}");
    assert_eq!(
        found.get("S/2025/6").map(String::as_str),
        Some("S/2025/6/Rev.1")
    );
    assert!(!found.contains_key("S/2099/3"));
    let ids: Vec<&str> = found.values().map(String::as_str).collect();
    let before = store.full_scan_steps();
    store.summaries(&ids).unwrap();
    store.holders_many(&names).unwrap();
    assert_eq!(
        store.full_scan_steps(),
        before,
        "summaries and holders use their indexes"
    );
}
