/*!
Query: the questions the CLI and the HTTP API both ask of a corpus, answered
once here over the [`Store`] trait, so that every store answers them alike.

- [`document`]: a stored record with each reference marked as found in the
  store or not (and where);
- [`thread`]: the whole exchange a document belongs to, following `replies_to`
  links both ways, in date order;
- [`cites`] and [`cited_by`]: the links out of and into a document.
*/

use std::collections::{BTreeSet, VecDeque};

use undoc_model::Record;
use undoc_store::{Link, Result, Store, Summary};

/// A record with its references resolved against the store.
#[derive(Debug, Clone)]
pub struct Document {
    /// The key the store holds this text under (`A/RES/80/1`, `A/RES/80/1@fr`).
    pub key: String,
    pub record: Record,
    /// For each reference of the record, in order: the stored document its
    /// first symbol resolves to, if any.
    pub resolved: Vec<Option<String>>,
    /// Every stored language version of the document: key and language.
    pub versions: Vec<(String, String)>,
}

/// Looks a document up by any symbol (or id) and resolves its references.
pub fn document(store: &dyn Store, symbol: &str) -> Result<Option<Document>> {
    document_in(store, symbol, None)
}

/// Like [`document`], in a given language (ISO 639-1) where that version is
/// stored; otherwise the version the symbol names (the English one first),
/// which the caller can tell by `record.language`.
pub fn document_in(
    store: &dyn Store,
    symbol: &str,
    language: Option<&str>,
) -> Result<Option<Document>> {
    let Some(found) = store.resolve(symbol)? else {
        return Ok(None);
    };
    let versions = store.expressions(undoc_model::split_key(&found).0)?;
    let key = language
        .and_then(|l| versions.iter().find(|(_, lang)| lang == l))
        .map_or(found, |(key, _)| key.clone());
    let Some(record) = store.get(&key)? else {
        return Ok(None);
    };
    let mut resolved = Vec::with_capacity(record.references.len());
    for reference in &record.references {
        let mut target = None;
        for s in &reference.symbols {
            if let Some(found) = store.resolve(s)? {
                target = Some(found);
                break;
            }
        }
        resolved.push(target);
    }
    Ok(Some(Document {
        key,
        record,
        resolved,
        versions,
    }))
}

/// The exchange a document belongs to: every document reachable through
/// `replies_to` links, in either direction, in date order (then id).
pub fn thread(store: &dyn Store, symbol: &str) -> Result<Vec<Summary>> {
    let Some(start) = store.resolve(symbol)? else {
        return Ok(Vec::new());
    };
    let mut seen: BTreeSet<String> = BTreeSet::new();
    if let Some(component) = store.reply_component(&start)? {
        seen.extend(component);
        seen.insert(start.clone());
    }
    let mut queue = VecDeque::from(if seen.is_empty() {
        vec![start]
    } else {
        Vec::new()
    });
    while let Some(id) = queue.pop_front() {
        if !seen.insert(id.clone()) {
            continue;
        }
        for link in store.links_from(&id)? {
            if link.relation == "replies_to"
                && let Some(to) = link.to
            {
                queue.push_back(to);
            }
        }
        for link in store.links_to(&id)? {
            if link.relation == "replies_to" {
                queue.push_back(link.from);
            }
        }
    }
    let mut out = Vec::with_capacity(seen.len());
    for id in seen {
        out.extend(store.summary(&id)?);
    }
    out.sort_by(|a, b| (a.date.as_deref(), &a.id).cmp(&(b.date.as_deref(), &b.id)));
    Ok(out)
}

/// The references a document makes, each resolved where the store has the target.
pub fn cites(store: &dyn Store, symbol: &str) -> Result<Option<Vec<Link>>> {
    let Some(id) = store.resolve(symbol)? else {
        return Ok(None);
    };
    Ok(Some(store.links_from(&id)?))
}

/// The references of one document into another, with the citing document.
#[derive(Debug, Clone)]
pub struct Citation {
    /// The first of its references (the relation is `replies_to` if any is).
    pub link: Link,
    /// How many times it names the document.
    pub count: usize,
    pub document: Option<Summary>,
}

/// The documents that refer to this one, one entry per citing document, in
/// date order.
pub fn cited_by(store: &dyn Store, symbol: &str) -> Result<Option<Vec<Citation>>> {
    let Some(id) = store.resolve(symbol)? else {
        return Ok(None);
    };
    let mut out: Vec<Citation> = Vec::new();
    for link in store.links_to(&id)? {
        match out.iter_mut().find(|c| c.link.from == link.from) {
            Some(c) => {
                c.count += 1;
                if link.relation == "replies_to" {
                    c.link.relation = link.relation;
                }
            }
            None => {
                let document = store.summary(&link.from)?;
                out.push(Citation {
                    link,
                    count: 1,
                    document,
                });
            }
        }
    }
    out.sort_by(|a, b| {
        let date = |c: &Citation| c.document.as_ref().and_then(|d| d.date.clone());
        (date(a), &a.link.from).cmp(&(date(b), &b.link.from))
    });
    Ok(Some(out))
}
