//! The corpus commands: ingest into the store, and the questions asked of it.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
use std::sync::Mutex;
use undoc_backend::{Access, Location};

use anyhow::{Context, Result};
use serde_json::json;
use undoc_index::Search;
use undoc_ingest::Outcome;
use undoc_store::{Link, Store, Summary};

use crate::say;

/// The store `--store` names, for a command that only reads: a PostgreSQL
/// database by URL, else the embedded store in that folder, opened read-only
/// (so a copy the user may not write can still be read).
pub fn open(store: &Location) -> Result<Box<dyn Store + Send>> {
    store
        .open(Access::Read)
        .with_context(|| format!("cannot open {store}"))
}

/// How long a writer waits for another to finish before saying the store is busy.
pub static WRITE_WAIT: std::sync::OnceLock<std::time::Duration> = std::sync::OnceLock::new();

/// The store for a command that writes, with the store's write lock held (an
/// embedded store; PostgreSQL serializes writers itself). A writer already at
/// work is waited for, saying so, up to `--wait` seconds.
pub fn open_for_writing(
    store: &Location,
) -> Result<(Box<dyn Store + Send>, Option<undoc_store::lock::WriteLock>)> {
    let wait = WRITE_WAIT
        .get()
        .copied()
        .unwrap_or(std::time::Duration::from_secs(60));
    let lock = store
        .write_lock(wait, || {
            say::warn(format!(
                "{}: another undoc is writing to this store; waiting up to {} s for it",
                store.embedded().unwrap_or(Path::new("")).display(),
                wait.as_secs()
            ));
        })
        .with_context(|| format!("cannot write to {store}"))?;
    let db = store
        .open(Access::Write)
        .with_context(|| format!("cannot open {store}"))?;
    Ok((db, lock))
}

/// Prints JSON, or text; one place so every command does both alike.
pub(crate) fn emit(
    json: bool,
    value: serde_json::Value,
    text: impl FnOnce() -> String,
) -> Result<()> {
    let out = if json {
        format!("{}\n", serde_json::to_string_pretty(&value)?)
    } else {
        text()
    };
    std::io::stdout()
        .lock()
        .write_all(out.as_bytes())
        .context("writing to standard output")
}

pub fn votes(store: &Location, state: &str, json: bool) -> Result<ExitCode> {
    let name = match undoc_states::resolve_or_explain(state) {
        Ok(name) => name,
        Err(message) => {
            say::warn(message);
            return Ok(ExitCode::from(1));
        }
    };
    let db = open(store)?;
    let votes = db.votes_of(name)?;
    let count = |b: undoc_model::Ballot| votes.iter().filter(|(_, v)| *v == b).count();
    let (yes, no, abstain) = (
        count(undoc_model::Ballot::InFavour),
        count(undoc_model::Ballot::Against),
        count(undoc_model::Ballot::Abstaining),
    );
    let value = json!({
        "state": name,
        "counts": {"in_favour": yes, "against": no, "abstaining": abstain},
        "votes": votes.iter().map(|(s, b)| json!({
            "id": s.id, "symbols": s.symbols, "date": s.date, "title": s.title, "ballot": b.as_str(),
        })).collect::<Vec<_>>(),
    });
    emit(json, value, || {
        let mut t = format!(
            "{name}: {} recorded votes: in favour {yes}, against {no}, abstaining {abstain}\n",
            votes.len()
        );
        for (s, b) in &votes {
            t.push_str(&format!(
                "{}  {:<20} {:<10}  {}\n",
                s.date.as_deref().unwrap_or("          "),
                s.symbols.first().unwrap_or(&s.id),
                b.as_str().replace('_', " "),
                s.title.as_deref().unwrap_or_default()
            ));
        }
        t
    })?;
    Ok(ExitCode::SUCCESS)
}

/// The characters of a speech shown in a listing.
const SPEECH_PREVIEW_CHARS: usize = 160;

pub fn speeches(
    store: &Location,
    state: &str,
    filter: &undoc_store::StatementFilter,
    limit: usize,
    json: bool,
) -> Result<ExitCode> {
    // A State by its short official name; an organization as typed.
    let name = undoc_states::canonical(state).unwrap_or(state.trim());
    let db = open(store)?;
    let all = db.speeches_of(name)?;
    if all.is_empty() {
        let hint = match undoc_states::suggest(state).as_slice() {
            [] => String::new(),
            names if undoc_states::canonical(state).is_none() => {
                format!(" (did you mean {}?)", names.join(", "))
            }
            _ => String::new(),
        };
        say::warn(format!(
            "{name}: no speeches in the stored meeting records{hint}"
        ));
        return Ok(ExitCode::from(1));
    }
    let matching: Vec<&undoc_store::Statement> = all.iter().filter(|s| filter.matches(s)).collect();
    let shown = &matching[..matching.len().min(limit)];
    let value = json!({
        "state": name,
        "total": matching.len(),
        "speeches": shown.iter().map(|s| json!({
            "meeting": s.meeting.symbols.first().unwrap_or(&s.meeting.id),
            "id": s.meeting.id,
            "date": s.meeting.date,
            "position": s.position + 1,
            "anchor": s.anchor(),
            "speaker": s.speaker,
            "state": s.state,
            "role": s.role,
            "kind": s.kind.as_str(),
            "language": s.language,
            "agenda_item": s.agenda_item,
            "text": s.text,
        })).collect::<Vec<_>>(),
    });
    emit(json, value, || {
        let mut t = format!(
            "{name}: {} of {} speeches in stored meeting records{}\n",
            matching.len(),
            all.len(),
            if matching.len() > shown.len() {
                format!(" ({} shown; --limit for more)", shown.len())
            } else {
                String::new()
            }
        );
        for s in shown {
            let (preview, more) = s.opening(SPEECH_PREVIEW_CHARS);
            let more = if more { "…" } else { "" };
            let item = s
                .agenda_item
                .map(|n| format!("  agenda item {n}"))
                .unwrap_or_default();
            t.push_str(&format!(
                "{}  {} #{}{item}  {} ({})\n    {preview}{more}\n",
                s.meeting.date.as_deref().unwrap_or("          "),
                s.meeting.symbols.first().unwrap_or(&s.meeting.id),
                s.position + 1,
                s.speaker,
                s.kind.label(),
            ));
        }
        t
    })?;
    Ok(ExitCode::SUCCESS)
}

fn not_found(symbol: &str) -> Result<ExitCode> {
    say::warn(format!("{symbol}: no such document in the store"));
    Ok(ExitCode::from(1))
}

pub fn ingest(
    store: &Location,
    paths: &[String],
    options: &undoc_ingest::Options,
) -> Result<ExitCode> {
    let (mut db, _lock) = open_for_writing(store)?;
    // Opened first: an index that needs rebuilding is rebuilt from what the store
    // had, and then only this ingest's changes are added.
    let (mut index, _) = open_index(store, db.as_ref(), true)?;
    let (files, missing) = undoc_ingest::collect_inputs(paths);
    for (arg, reason) in &missing {
        say::warn(format!("{arg}: {reason}"));
    }
    let terminal = std::io::stderr().is_terminal();
    let bar = terminal.then(|| {
        let bar = indicatif::ProgressBar::new(files.len() as u64);
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{bar:40} {pos}/{len} {per_sec} eta {eta} {msg}",
        ) {
            bar.set_style(style);
        }
        bar
    });
    let done = Mutex::new(0usize);
    let total = files.len();
    let progress = |path: &Path, outcome: &Outcome| {
        if let Outcome::Failed(reason) = outcome {
            let line = format!(
                "undoc: {}",
                say::escaped(&format!("{}: {reason}", path.display()))
            );
            match &bar {
                Some(bar) => bar.println(line),
                None => eprintln!("{line}"),
            }
        }
        if let Some(bar) = &bar {
            bar.inc(1);
        } else if let Ok(mut n) = done.lock() {
            *n += 1;
            if *n % 100 == 0 || *n == total {
                eprintln!("undoc: {n}/{total} files");
            }
        }
    };
    let changed = Mutex::new(Vec::new());
    let progress = |path: &Path, outcome: &Outcome| {
        if let Outcome::Added(id) | Outcome::Updated(id) = outcome
            && let Ok(mut c) = changed.lock()
        {
            c.push(id.clone());
        }
        progress(path, outcome);
    };
    let report = undoc_ingest::ingest(db.as_mut(), &files, options, &progress);
    let changed = changed.into_inner().unwrap_or_default();
    // The search index follows the store. What the store committed is stored,
    // whatever happens to the index: a failure here is a warning (the next
    // search or `undoc reindex` catches the index up), never a failed document.
    if !changed.is_empty()
        && let Err(e) = index.update(db.as_ref(), &changed)
    {
        say::warn(format!(
            "the documents are stored, but the search index could not follow ({e}); the next search brings it up to date"
        ));
    }
    let report = report.with_context(|| format!("writing to {store}"))?;
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    println!(
        "added {}, updated {}, unchanged {}, failed {}",
        report.added,
        report.updated,
        report.unchanged,
        report.failed.len() + missing.len()
    );
    for (file, reason) in report.failed.iter().chain(&missing) {
        println!("  failed: {}", say::escaped(&format!("{file}: {reason}")));
    }
    Ok(if report.failed.is_empty() && missing.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// A list of documents, as JSON or one line each.
fn emit_summaries(json: bool, docs: &[Summary]) -> Result<()> {
    emit(
        json,
        json!(docs.iter().map(summary_json).collect::<Vec<_>>()),
        || {
            docs.iter()
                .map(|d| format!("{}\n", summary_line(d)))
                .collect()
        },
    )
}

fn summary_json(s: &Summary) -> serde_json::Value {
    json!({
        "id": s.id, "symbols": s.symbols, "date": s.date, "doc_type": s.doc_type,
        "title": s.title, "sender_state": s.sender_state,
    })
}

fn summary_line(s: &Summary) -> String {
    let symbols = if s.symbols.is_empty() {
        s.id.clone()
    } else {
        s.symbols.join(" | ")
    };
    format!(
        "{}  {}  {}{}",
        s.date.as_deref().unwrap_or("          "),
        symbols,
        s.title.as_deref().unwrap_or("(no title)"),
        s.sender_state
            .as_deref()
            .map(|st| format!(" [{st}]"))
            .unwrap_or_default()
    )
}

/// Opens the search index, rebuilding it from the store (and saying so) when
/// it is missing, unreadable or behind.
pub(crate) fn open_index(
    store: &Location,
    db: &dyn Store,
    writing: bool,
) -> Result<(Box<dyn Search>, undoc_index::Freshness)> {
    let access = if writing { Access::Write } else { Access::Read };
    let opened = store
        .open_search(db, access)
        .context("opening the search index")?;
    if opened.1 == undoc_index::Freshness::Behind {
        say::warn(
            "an ingest is under way (or the store is read-only); searching the index as it stands",
        );
    }
    if let undoc_index::Freshness::InMemory(_) = opened.1 {
        say::warn(format!(
            "the search index cannot be rebuilt here; built one in memory for this search ({} documents)",
            opened.0.num_docs()
        ));
    }
    if let undoc_index::Freshness::Rebuilt(reason) = opened.1 {
        let why = match reason {
            undoc_index::RebuildReason::Missing => "was missing",
            undoc_index::RebuildReason::Unreadable => "could not be read",
            undoc_index::RebuildReason::Stale => "was behind the store",
        };
        if opened.0.num_docs() > 0 || reason != undoc_index::RebuildReason::Missing {
            eprintln!(
                "undoc: the search index {why}; rebuilt it from the store ({} documents)",
                opened.0.num_docs()
            );
        }
    }
    let (index, freshness) = opened;
    Ok((index, freshness))
}

pub fn reindex(store: &Location) -> Result<ExitCode> {
    let Some(dir) = store.index_dir() else {
        println!(
            "nothing to rebuild: PostgreSQL keeps the search columns in each document's row \
             (--index names a folder for a search index following it)"
        );
        return Ok(ExitCode::SUCCESS);
    };
    let (db, _lock) = open_for_writing(store)?;
    let index = undoc_index::SearchIndex::rebuild(&dir, db.as_ref())
        .context("rebuilding the search index")?;
    println!("indexed {} documents", index.num_docs());
    Ok(ExitCode::SUCCESS)
}

pub fn search(
    store: &Location,
    request: &undoc_index::SearchRequest,
    json: bool,
) -> Result<ExitCode> {
    if let Err(e) = request.validate() {
        say::warn(e);
        return Ok(ExitCode::from(2));
    }
    let db = open(store)?;
    let (index, _) = open_index(store, db.as_ref(), false)?;
    let results = match undoc_index::search_as_meant(
        index.as_ref(),
        request,
        &undoc_index::Budget::default(),
    ) {
        Ok(results) => results,
        Err(e @ undoc_index::IndexError::BadRequest(_)) => {
            say::warn(e);
            return Ok(ExitCode::from(2));
        }
        Err(e) => return Err(e.into()),
    };
    let facet = |v: &[(String, u64)]| {
        json!(
            v.iter()
                .map(|(k, n)| json!({"value": k, "count": n}))
                .collect::<Vec<_>>()
        )
    };
    let value = json!({
        "total": results.total,
        "also_matching": results.also_matching,
        "suggestions": results.suggestions.iter().map(|s| json!({
            "word": s.word, "spelling": s.spelling, "documents": s.documents, "query": s.query,
        })).collect::<Vec<_>>(),
        "excluded_by": results.excluded_by.iter()
            .map(|(filter, total)| json!({"filter": filter, "total": total}))
            .collect::<Vec<_>>(),
        "hits": results.hits.iter().map(|h| json!({
            "id": h.id, "symbols": h.symbols, "title": h.title, "date": h.date,
            "doc_type": h.doc_type, "score": h.score, "snippet": h.snippet.to_html(),
            "snippet_text": h.snippet.text,
            "snippet_marks": h.snippet.marks.iter().map(|m| [m.start, m.end]).collect::<Vec<_>>(),
            "language": h.language, "languages": h.languages,
        })).collect::<Vec<_>>(),
        "facets": {
            "organ": facet(&results.facets.organ), "type": facet(&results.facets.doc_type),
            "year": facet(&results.facets.year), "agenda": facet(&results.facets.agenda),
            "sender": facet(&results.facets.sender), "language": facet(&results.facets.language),
            "speaker": facet(&results.facets.speaker),
            "speaker_state": facet(&results.facets.speaker_state),
        },
    });
    emit(json, value, || {
        let mut t = format!("{} documents\n", results.total);
        if !results.also_matching.is_empty() {
            t.push_str(&format!(
                "also matching {} (spelt so in the record)\n",
                results.also_matching.join(", ")
            ));
        }
        if !results.suggestions.is_empty() {
            let spellings: Vec<String> = results
                .suggestions
                .iter()
                .map(|s| format!("{} ({} documents)", s.spelling, s.documents))
                .collect();
            t.push_str(&format!("did you mean {}?\n", spellings.join(", ")));
        }
        for (filter, total) in &results.excluded_by {
            t.push_str(&format!(
                "without {}: {total} documents\n",
                filter_flag(filter)
            ));
        }
        for h in &results.hits {
            let mut symbols = if h.symbols.is_empty() {
                h.id.clone()
            } else {
                h.symbols.join(" | ")
            };
            if h.language != "en" {
                symbols.push_str(&format!(" [{}]", h.language));
            }
            t.push_str(&format!(
                "\n{}  {}  {}\n    {}\n",
                h.date.as_deref().unwrap_or("          "),
                symbols,
                h.title.as_deref().unwrap_or("(no title)"),
                h.snippet.bracketed()
            ));
        }
        let top = |v: &[(String, u64)]| {
            v.iter()
                .take(6)
                .map(|(k, n)| format!("{k} {n}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        t.push_str(&format!(
            "\norgans: {}\ntypes: {}\nyears: {}\n",
            top(&results.facets.organ),
            top(&results.facets.doc_type),
            top(&results.facets.year)
        ));
        for (label, values) in [
            ("senders", &results.facets.sender),
            ("speaking States", &results.facets.speaker_state),
            ("speakers", &results.facets.speaker),
        ] {
            if !values.is_empty() {
                t.push_str(&format!("{label}: {}\n", top(values)));
            }
        }
        t
    })?;
    Ok(ExitCode::SUCCESS)
}

/// The CLI's flag for a filter the API names `name`.
fn filter_flag(name: &str) -> String {
    match name {
        "type" => "--type".to_owned(),
        "lang" => "--lang".to_owned(),
        other => format!("--{}", other.replace('_', "-")),
    }
}

/// `undoc cite`: the stored document's citation in the form asked for.
pub fn cite(
    store: &Location,
    symbol: &str,
    language: Option<&str>,
    format: undoc_export::cite::CiteFormat,
) -> Result<ExitCode> {
    let db = open(store)?;
    let Some(doc) = undoc_query::document_in(db.as_ref(), symbol, language)? else {
        return not_found(symbol);
    };
    if let Some(wanted) = language
        && doc.record.language != wanted
    {
        return no_version(symbol, wanted, &doc);
    }
    let mut text = undoc_export::cite::citation(&doc.record).write(format);
    if !text.ends_with('\n') {
        text.push('\n');
    }
    std::io::stdout()
        .write_all(text.as_bytes())
        .context("writing to standard output")?;
    Ok(ExitCode::SUCCESS)
}

/// The document has no stored version in the language asked for: say which it has.
fn no_version(symbol: &str, wanted: &str, doc: &undoc_query::Document) -> Result<ExitCode> {
    let stored: Vec<&str> = doc.versions.iter().map(|(_, l)| l.as_str()).collect();
    say::warn(format!(
        "{symbol}: no {} version is stored (stored: {})",
        undoc_lang::english_name(wanted),
        stored.join(", ")
    ));
    Ok(ExitCode::from(1))
}

pub fn show(
    store: &Location,
    symbol: &str,
    language: Option<&str>,
    json: bool,
) -> Result<ExitCode> {
    let db = open(store)?;
    let Some(doc) = undoc_query::document_in(db.as_ref(), symbol, language)? else {
        return match undoc_query::not_held(db.as_ref(), symbol)? {
            Some(missing) => show_not_held(&missing, json),
            None => not_found(symbol),
        };
    };
    if let Some(wanted) = language
        && doc.record.language != wanted
    {
        return no_version(symbol, wanted, &doc);
    }
    let mut value = serde_json::to_value(&doc.record)?;
    value["permalink"] = json!(undoc_export::table::permalink(&doc.record));
    if let Some(refs) = value.get_mut("references").and_then(|r| r.as_array_mut()) {
        for (r, found) in refs.iter_mut().zip(&doc.resolved) {
            r["found"] = json!(found.is_some());
            r["stored_as"] = json!(found);
        }
    }
    if let Some(refs) = value
        .get_mut("described_references")
        .and_then(|r| r.as_array_mut())
    {
        for (r, target) in refs.iter_mut().zip(&doc.described) {
            r["found"] = json!(target.held().is_some());
            r["stored_as"] = json!(target.held());
            if let undoc_query::Target::Ambiguous(candidates) = target {
                r["ambiguous"] = json!(candidates);
            }
        }
    }
    value["held"] = json!(true);
    emit(json, value, || {
        let mut text = crate::summary::render(&doc.record);
        for (r, found) in doc.record.references.iter().zip(&doc.resolved) {
            let mark = match found {
                Some(id) => format!("in store as {id}"),
                None => "not in store".to_owned(),
            };
            text.push_str(&format!(
                "  {} {}  ({mark})\n",
                r.relation.words(),
                r.symbols.join(" | ")
            ));
        }
        for (d, target) in doc.record.described_references.iter().zip(&doc.described) {
            let mark = match target {
                undoc_query::Target::Held(id) => format!("in store as {id}"),
                undoc_query::Target::Ambiguous(c) => format!("ambiguous: {}", c.join(", ")),
                undoc_query::Target::NotHeld => "not in store".to_owned(),
            };
            text.push_str(&format!(
                "  {} \"{}\"  ({mark})\n",
                d.relation.words(),
                d.text
            ));
        }
        text
    })?;
    Ok(ExitCode::SUCCESS)
}

/// The page of a document cited but not held: who cites it and where to get it.
fn show_not_held(missing: &undoc_query::NotHeldDocument, json: bool) -> Result<ExitCode> {
    let value = json!({
        "held": false,
        "symbol": missing.symbol,
        "url": missing.url,
        "cited_by": missing.citations.len(),
        "first_cited": missing.first_cited,
        "last_cited": missing.last_cited,
        "citations": missing.citations.iter().map(citation_json).collect::<Vec<_>>(),
    });
    emit(json, value, || {
        let mut t = format!(
            "{}  not held here; cited by {} document{}",
            missing.symbol,
            missing.citations.len(),
            if missing.citations.len() == 1 {
                ""
            } else {
                "s"
            }
        );
        if let (Some(first), Some(last)) = (&missing.first_cited, &missing.last_cited) {
            t.push_str(&format!(", first {first}, last {last}"));
        }
        t.push_str(&format!("\n  {}\n", missing.url));
        for c in &missing.citations {
            t.push_str(&citation_line(c));
        }
        t
    })?;
    Ok(ExitCode::SUCCESS)
}

pub fn thread(store: &Location, symbol: &str, json: bool) -> Result<ExitCode> {
    let db = open(store)?;
    let thread = undoc_query::thread(db.as_ref(), symbol)?;
    if thread.nodes.is_empty() {
        return not_found(symbol);
    }
    let value = json!({
        "nodes": thread.nodes.iter().map(|n| json!({
            "key": n.key,
            "held": n.summary.is_some(),
            "document": n.summary.as_ref().map(summary_json),
            "url": n.summary.is_none().then(|| undoc_symbol::permalink(&n.key, None)),
        })).collect::<Vec<_>>(),
        "edges": thread.edges.iter().map(|e| json!({
            "from": e.from, "to": e.to, "relation": e.relation, "text": e.text, "evidence": e.evidence,
        })).collect::<Vec<_>>(),
        "truncated": thread.truncated,
    });
    emit(json, value, || thread_tree(&thread))?;
    Ok(ExitCode::SUCCESS)
}

/// The thread as a tree: each document that answers nothing in the thread
/// at the root, its answers indented under it (a document answering two
/// shows under each, the second time by reference only).
fn thread_tree(thread: &undoc_query::Thread) -> String {
    let line = |key: &str| -> String {
        match thread
            .nodes
            .iter()
            .find(|n| n.key == key)
            .and_then(|n| n.summary.as_ref())
        {
            Some(s) => summary_line(s),
            None => format!("{key}  (not held here)"),
        }
    };
    let mut out = String::new();
    let mut shown = std::collections::BTreeSet::new();
    let roots: Vec<&str> = thread
        .nodes
        .iter()
        .map(|n| n.key.as_str())
        .filter(|k| thread.answers(k).next().is_none())
        .collect();
    let mut stack: Vec<(&str, usize, Option<&undoc_query::Edge>)> =
        roots.iter().rev().map(|k| (*k, 0, None)).collect();
    while let Some((key, depth, edge)) = stack.pop() {
        let indent = "    ".repeat(depth);
        let how = edge.map_or(String::new(), |e| match &e.evidence {
            Some(words) => format!("  — \"{words}\""),
            None => String::new(),
        });
        if !shown.insert(key) {
            out.push_str(&format!("{indent}└ {} (above){how}\n", key));
            continue;
        }
        let mark = if depth == 0 { "" } else { "└ " };
        out.push_str(&format!("{indent}{mark}{}{how}\n", line(key)));
        let mut answers: Vec<&undoc_query::Edge> =
            thread.edges.iter().filter(|e| e.to == key).collect();
        answers.reverse();
        for e in answers {
            stack.push((e.from.as_str(), depth + 1, Some(e)));
        }
    }
    // Documents in a cycle have no root; list them too.
    for n in &thread.nodes {
        if !shown.contains(n.key.as_str()) {
            out.push_str(&format!("{}\n", line(&n.key)));
        }
    }
    if thread.truncated {
        out.push_str(&format!(
            "(stopped at {} documents)\n",
            undoc_query::MAX_THREAD_NODES
        ));
    }
    out
}

fn link_json(l: &Link) -> serde_json::Value {
    json!({"from": l.from, "symbol": l.symbol, "to": l.to, "kind": l.kind, "relation": l.relation})
}

fn citation_json(c: &undoc_query::Citation) -> serde_json::Value {
    json!({"link": link_json(&c.link), "count": c.count, "document": c.document.as_ref().map(summary_json)})
}

fn citation_line(c: &undoc_query::Citation) -> String {
    let who = c
        .document
        .as_ref()
        .map_or(c.link.from.clone(), summary_line);
    let times = if c.count > 1 {
        format!(", {} times", c.count)
    } else {
        String::new()
    };
    format!("{who} ({} {}{times})\n", c.link.relation, c.link.symbol)
}

/// What a stored document cites, one line per document named (grouped, with
/// how many times), replies first.
pub fn cites(store: &Location, symbol: &str, json: bool) -> Result<ExitCode> {
    let db = open(store)?;
    let Some(links) = undoc_query::cites(db.as_ref(), symbol)? else {
        return not_found(symbol);
    };
    // One entry per document named: a joint symbol's parts are one document.
    let mut grouped: Vec<(String, &Link, usize)> = Vec::new();
    let mut seen_ords = std::collections::BTreeSet::new();
    for l in &links {
        if !seen_ords.insert(l.ord) {
            continue;
        }
        let target = l.to.clone().unwrap_or_else(|| l.symbol.clone());
        match grouped.iter_mut().find(|(t, _, _)| *t == target) {
            Some((_, first, n)) => {
                *n += 1;
                if l.relation == undoc_model::Relation::RepliesTo {
                    *first = l;
                }
            }
            None => grouped.push((target, l, 1)),
        }
    }
    grouped.sort_by_key(|(_, l, _)| l.relation != undoc_model::Relation::RepliesTo);
    let value = json!(
        grouped
            .iter()
            .map(|(_, l, n)| json!({"link": link_json(l), "count": n}))
            .collect::<Vec<_>>()
    );
    emit(json, value, || {
        grouped
            .iter()
            .map(|(_, l, n)| {
                let target =
                    l.to.as_deref()
                        .map_or("not in store".to_owned(), |t| format!("in store as {t}"));
                let times = if *n > 1 {
                    format!(", {n} times")
                } else {
                    String::new()
                };
                format!("{} {}  ({target}{times})\n", l.relation, l.symbol)
            })
            .collect()
    })?;
    Ok(ExitCode::SUCCESS)
}

pub fn cited_by(store: &Location, symbol: &str, json: bool) -> Result<ExitCode> {
    let db = open(store)?;
    let Some(links) = undoc_query::cited_by(db.as_ref(), symbol)? else {
        return not_found(symbol);
    };
    let value = json!(links.iter().map(citation_json).collect::<Vec<_>>());
    emit(json, value, || links.iter().map(citation_line).collect())?;
    Ok(ExitCode::SUCCESS)
}

/// The symbol a document that prints none may bear, with the evidence.
pub fn identify(
    store: &Location,
    shown: &str,
    record: &undoc_model::Record,
    json: bool,
) -> Result<ExitCode> {
    let db = open(store)?;
    let found = undoc_query::identify::identify(db.as_ref(), record, true)?;
    let value = json!({
        "file": shown,
        "printed": found.printed,
        "unique": found.unique(),
        "candidates": found.candidates.iter().map(|c| json!({
            "symbols": c.symbols, "source": c.source, "evidence": c.evidence,
        })).collect::<Vec<_>>(),
        "catalogue_truncated": found.catalogue_truncated,
    });
    emit(json, value, || {
        if !found.printed.is_empty() {
            return format!(
                "{shown}: prints its symbol {}; nothing to infer\n",
                found.printed.join("-")
            );
        }
        if found.candidates.is_empty() {
            return format!(
                "{shown}: no symbol found: no held document or catalogue record names it\n"
            );
        }
        let mut t = String::new();
        for c in &found.candidates {
            t.push_str(&format!(
                "{}  ({}: \"{}\")\n",
                c.symbols.join("-"),
                c.source,
                c.evidence
            ));
        }
        if found.unique().is_none() {
            t.push_str("the candidates disagree: none is chosen\n");
        }
        t
    })?;
    Ok(if found.printed.is_empty() && found.candidates.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The documents cited but not held, most cited first: what a fetch works through.
pub fn missing(
    store: &Location,
    min_citations: usize,
    limit: usize,
    json: bool,
) -> Result<ExitCode> {
    let db = open(store)?;
    let rows = db.not_held(min_citations.max(1), limit)?;
    let value = json!(
        rows.iter()
            .map(|m| json!({
                "symbol": m.symbol, "cited_by": m.citing_documents,
                "first_cited": m.first_cited, "last_cited": m.last_cited,
                "url": undoc_symbol::permalink(&m.symbol, None),
            }))
            .collect::<Vec<_>>()
    );
    emit(json, value, || {
        rows.iter()
            .map(|m| {
                format!(
                    "{:>5}  {:<28} {} … {}\n",
                    m.citing_documents,
                    m.symbol,
                    m.first_cited.as_deref().unwrap_or("?"),
                    m.last_cited.as_deref().unwrap_or("?")
                )
            })
            .collect()
    })?;
    Ok(ExitCode::SUCCESS)
}

pub fn agenda(
    store: &Location,
    organ: &str,
    session: &str,
    item: u32,
    json: bool,
) -> Result<ExitCode> {
    let db = open(store)?;
    let docs = db.agenda(organ, session, item)?;
    emit_summaries(json, &docs)?;
    Ok(ExitCode::SUCCESS)
}

pub fn stats(store: &Location, json: bool) -> Result<ExitCode> {
    let db = open(store)?;
    let s = db.stats()?;
    let value = json!({
        "documents": s.documents, "texts": s.texts, "by_type": s.by_type, "by_year": s.by_year, "by_language": s.by_language,
        "references": s.references, "resolved_references": s.resolved_references,
        "cited_not_held": s.cited_not_held, "files_bytes": s.files_bytes,
        "counting": undoc_store::COUNTING,
    });
    emit(json, value, || {
        let mut t = format!(
            "{} documents in {} texts, {} bytes of original files\n({})\n",
            s.documents,
            s.texts,
            s.files_bytes,
            undoc_store::COUNTING
        );
        t.push_str(&format!(
            "{} references, {} resolved in the store; {} documents cited but not held (undoc missing)\n",
            s.references, s.resolved_references, s.cited_not_held
        ));
        for (k, n) in &s.by_type {
            t.push_str(&format!("  {k}: {n}\n"));
        }
        for (k, n) in &s.by_year {
            t.push_str(&format!("  {k}: {n}\n"));
        }
        if s.by_language.len() > 1 {
            let languages: Vec<String> = s
                .by_language
                .iter()
                .map(|(l, n)| format!("{} {n}", undoc_lang::english_name(l)))
                .collect();
            t.push_str(&format!("  texts by language: {}\n", languages.join(", ")));
        }
        t
    })?;
    Ok(ExitCode::SUCCESS)
}

/// Exports the chosen documents: by symbol, by search, or all of them.
/// What an export selects (see `undoc_export::select`); `Err` carries the
/// exit code of a selection the user got wrong.
fn export_selection(
    store: &Location,
    db: &dyn Store,
    symbols: &[String],
    search: Option<undoc_index::SearchRequest>,
) -> Result<std::result::Result<undoc_export::Selection, ExitCode>> {
    let index = match &search {
        Some(request) => {
            if let Err(e) = request.validate() {
                say::warn(e);
                return Ok(Err(ExitCode::from(2)));
            }
            Some(open_index(store, db, false)?.0)
        }
        None => None,
    };
    let search = index.as_deref().zip(search);
    match undoc_export::select(db, symbols, search) {
        Ok(selection) => Ok(Ok(selection)),
        Err(undoc_export::ExportError::Missing(symbol)) => not_found(&symbol).map(Err),
        Err(e) => Err(e.into()),
    }
}

/// An export written as files in a folder (`--out FOLDER` is required):
/// `write` takes the selected texts and the folder and says what it wrote.
fn export_to_folder(
    store: &Location,
    out: Option<&Path>,
    what: &str,
    symbols: &[String],
    search: Option<undoc_index::SearchRequest>,
    write: impl FnOnce(&dyn Store, &[String], &Path) -> undoc_export::Result<String>,
) -> Result<ExitCode> {
    let Some(dir) = out else {
        eprintln!("undoc: {what}: give --out FOLDER");
        return Ok(ExitCode::from(2));
    };
    let db = open(store)?;
    let selection = match export_selection(store, db.as_ref(), symbols, search)? {
        Ok(selection) => selection,
        Err(code) => return Ok(code),
    };
    let written = write(db.as_ref(), &selection.documents, dir)?;
    eprintln!(
        "exported {written} to {}",
        say::escaped(&dir.display().to_string())
    );
    Ok(ExitCode::SUCCESS)
}

/// `undoc export --format akn --out FOLDER`: one file per document and language.
pub fn export_akn(
    store: &Location,
    out: Option<&Path>,
    symbols: &[String],
    search: Option<undoc_index::SearchRequest>,
) -> Result<ExitCode> {
    let what = "--format akn writes one file per document";
    export_to_folder(store, out, what, symbols, search, |db, ids, dir| {
        undoc_export::export_akn(db, ids, dir).map(|n| format!("{n} documents"))
    })
}

/// `export --format parquet`: the four tables as Parquet files in a folder.
pub fn export_parquet(
    store: &Location,
    out: Option<&Path>,
    symbols: &[String],
    search: Option<undoc_index::SearchRequest>,
) -> Result<ExitCode> {
    let what = "--format parquet writes documents, references, votes and speeches tables";
    export_to_folder(store, out, what, symbols, search, |db, ids, dir| {
        undoc_export::parquet::export_parquet(db, ids, dir).map(|w| {
            format!(
                "{} documents, {} references, {} ballots and {} speeches",
                w.documents, w.references, w.votes, w.speeches
            )
        })
    })
}

pub fn export(
    store: &Location,
    format: undoc_export::Format,
    out: Option<&Path>,
    symbols: &[String],
    search: Option<undoc_index::SearchRequest>,
) -> Result<ExitCode> {
    let db = open(store)?;
    let selection = match export_selection(store, db.as_ref(), symbols, search)? {
        Ok(selection) => selection,
        Err(code) => return Ok(code),
    };
    let written = match out {
        Some(path) => {
            let file = std::fs::File::create(path)
                .with_context(|| format!("cannot create {}", path.display()))?;
            let mut w = std::io::BufWriter::new(file);
            let n = undoc_export::export(db.as_ref(), &selection, format, &mut w)?;
            w.flush()
                .with_context(|| format!("writing {}", path.display()))?;
            n
        }
        None => {
            let stdout = std::io::stdout();
            let mut w = std::io::BufWriter::new(stdout.lock());
            let n = undoc_export::export(db.as_ref(), &selection, format, &mut w)?;
            w.flush().context("writing to standard output")?;
            n
        }
    };
    eprintln!("undoc: exported {written} records");
    Ok(ExitCode::SUCCESS)
}

/// `undoc import-marc FILE...`: library catalogue records into the store. A
/// file that cannot be read or parsed is reported (naming the record) and
/// skipped, and nothing of it is stored; the others go in.
pub fn import_marc(store: &Location, files: &[std::path::PathBuf]) -> Result<ExitCode> {
    let (mut db, _lock) = open_for_writing(store)?;
    let mut total = undoc_export::CatalogueImport::default();
    let mut failed = 0usize;
    for file in files {
        let imported = match std::fs::read_to_string(file) {
            Ok(xml) => undoc_export::import_catalogue(db.as_mut(), &xml),
            Err(e) => {
                say::warn(format!("{}: {e}", file.display()));
                failed += 1;
                continue;
            }
        };
        match imported {
            Ok(import) => {
                total.added += import.added;
                total.updated += import.updated;
                total.unchanged += import.unchanged;
                total.describing += import.describing;
            }
            // The store failing is not this file's fault: the command stops.
            Err(undoc_export::CatalogueError::Store(e)) => return Err(e.into()),
            Err(problem) => {
                say::warn(format!("{}: {problem}", file.display()));
                failed += 1;
            }
        }
    }
    println!(
        "catalogue records: added {}, updated {}, unchanged {}, failed files {failed}; {} describe documents in the store",
        total.added, total.updated, total.unchanged, total.describing
    );
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// `undoc migrate --from STORE --to STORE`: every document (record and
/// original file) and every catalogue record, copied in batches; either side
/// may be a folder or a PostgreSQL URL. Copying again changes nothing.
pub fn migrate(from: &Location, to: &Location) -> Result<ExitCode> {
    const BATCH: usize = 256;
    let source = open(from)?;
    let (mut target, _lock) = open_for_writing(to)?;
    let ids = source.ids()?;
    let (mut added, mut updated, mut unchanged) = (0usize, 0usize, 0usize);
    let mut changed = Vec::new();
    for chunk in ids.chunks(BATCH) {
        let mut records = Vec::with_capacity(chunk.len());
        let mut files = Vec::with_capacity(chunk.len());
        for id in chunk {
            let mut record = source
                .get(id)?
                .with_context(|| format!("{id}: listed but not readable in the source store"))?;
            // Joined from catalogue records when read; they are copied as such below.
            record.subjects.clear();
            record.authors.clear();
            let (bytes, name) = source.file(id)?.with_context(|| {
                format!("{id}: its original file is missing from the source store")
            })?;
            records.push(record);
            files.push((undoc_ingest::file_hash(&bytes), bytes, name));
        }
        let docs: Vec<undoc_store::NewDocument<'_>> = records
            .iter()
            .zip(&files)
            .map(|(record, (hash, bytes, name))| undoc_store::NewDocument {
                record,
                file: bytes,
                file_hash: hash,
                file_name: name,
            })
            .collect();
        for (outcome, record) in target.put_batch(&docs)?.into_iter().zip(&records) {
            match outcome {
                undoc_store::PutOutcome::Added => added += 1,
                undoc_store::PutOutcome::Updated => updated += 1,
                undoc_store::PutOutcome::Unchanged => unchanged += 1,
            }
            if outcome != undoc_store::PutOutcome::Unchanged {
                changed.push(record.id.clone());
            }
        }
    }
    let mut entries = Vec::new();
    for key in source.catalogue_keys()? {
        entries.extend(source.catalogue(&key)?);
    }
    let catalogue = target.put_catalogue(&entries)?;
    // What the document service answered when it gave nothing goes too, so a
    // fetch into the copy asks no more than one into the original would; a
    // newer answer the target already has is kept.
    let misses = source.every_miss()?;
    let mut misses_copied = 0usize;
    for chunk in misses.chunks(BATCH) {
        let symbols: Vec<&str> = chunk.iter().map(|m| m.symbol.as_str()).collect();
        let known: std::collections::HashMap<(String, String), i64> = target
            .misses(&symbols)?
            .into_iter()
            .map(|m| ((m.symbol, m.language), m.at))
            .collect();
        for miss in chunk {
            let newer_known = known
                .get(&(miss.symbol.clone(), miss.language.clone()))
                .is_some_and(|at| *at >= miss.at);
            if !newer_known {
                target.record_miss(miss)?;
                misses_copied += 1;
            }
        }
    }
    // The embedded target's search index follows what was written.
    let (mut index, _) = open_index(to, target.as_ref(), true)?;
    index.update(target.as_ref(), &changed)?;
    println!(
        "documents: added {added}, updated {updated}, unchanged {unchanged}; catalogue records: {} copied, {} unchanged; fetch misses: {misses_copied} copied of {}",
        catalogue
            .iter()
            .filter(|o| **o != undoc_store::PutOutcome::Unchanged)
            .count(),
        catalogue
            .iter()
            .filter(|o| **o == undoc_store::PutOutcome::Unchanged)
            .count(),
        misses.len(),
    );
    let (from_count, to_count) = (ids.len(), target.ids()?.len());
    if to_count < from_count {
        anyhow::bail!("the target holds {to_count} documents after copying {from_count}");
    }
    Ok(ExitCode::SUCCESS)
}

/// Removes documents (every stored text of each, or one language's), then
/// brings the search index level and drops the files no record names. A
/// symbol the store does not hold is reported and the rest still go; the
/// exit status says one was missing.
pub fn remove(
    store: &Location,
    symbols: &[String],
    language: Option<&str>,
    json: bool,
) -> Result<ExitCode> {
    let (mut db, _lock) = open_for_writing(store)?;
    let mut keys: Vec<String> = Vec::new();
    let mut missing = Vec::new();
    for symbol in symbols {
        let Some(found) = undoc_query::resolve(db.as_ref(), symbol)? else {
            missing.push(symbol.clone());
            continue;
        };
        let work = undoc_model::split_key(&found).0;
        let texts: Vec<String> = db
            .expressions(work)?
            .into_iter()
            .filter(|(_, lang)| language.is_none_or(|l| l == lang))
            .map(|(key, _)| key)
            .collect();
        if texts.is_empty() {
            missing.push(format!("{symbol}@{}", language.unwrap_or_default()));
        }
        keys.extend(texts);
    }
    keys.sort();
    keys.dedup();
    let removed = db
        .remove(&undoc_store::strs(&keys))
        .context("removing documents")?;
    let (mut index, _) = open_index(store, db.as_ref(), true)?;
    index
        .update(db.as_ref(), &keys)
        .context("updating the search index")?;
    let garbage = db.collect_garbage().context("collecting unused files")?;
    for symbol in &missing {
        say::warn(format!("{symbol}: no such document in the store"));
    }
    emit(
        json,
        json!({"removed": keys, "missing": missing, "files_removed": garbage.files}),
        || {
            let mut t = format!("removed {removed} texts");
            for key in &keys {
                t.push_str(&format!("\n  {key}"));
            }
            t
        },
    )?;
    Ok(if missing.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// `undoc gc`: removes original files that no record names (a replaced
/// document's old file; what an ingest killed or failed mid-batch left).
pub fn gc(store: &Location) -> Result<ExitCode> {
    let (mut db, _lock) = open_for_writing(store)?;
    let garbage = db.collect_garbage().context("collecting unused files")?;
    println!(
        "removed {} unused files ({} bytes)",
        garbage.files, garbage.bytes
    );
    Ok(ExitCode::SUCCESS)
}
