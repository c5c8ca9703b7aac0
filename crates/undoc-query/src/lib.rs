/*!
Query: the questions the CLI and the HTTP API both ask of a corpus, answered
once here over the [`Store`] trait, so that every store answers them alike.

Every question takes what a reader types (`S/RES/822`, `822 (1993)`,
`60/251`, either part of a joint symbol) through [`canonical`] first, and
works for documents the store does not hold as well as for those it does:
the graph is made mostly of documents cited, not held.

- [`document`]: a stored record with each reference marked as found in the
  store or not (and where), and its letters named by date and sender
  resolved;
- [`not_held`]: what the store knows of a document it does not hold (who
  cites it, when);
- [`thread`]: the whole exchange a document belongs to, following `replies_to`
  links both ways, as nodes and directed edges;
- [`cites`] and [`cited_by`]: the links out of and into a document;
- [`identify`]: the symbol of a document whose masthead lost it.
*/

#[cfg(feature = "conformance")]
pub mod conformance;
pub mod identify;

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};

use undoc_model::{LinkKind, Record, Relation};
use undoc_store::{Link, Result, Store, Summary};

/// At most this many documents in one thread: the exchanges of the record
/// run to dozens; a bound keeps a pathological graph from walking the store.
pub const MAX_THREAD_NODES: usize = 500;

/// The canonical name of what a reader typed: a symbol in any spelling, a
/// resolution by number (`822 (1993)`, `60/251`), the first part of a joint
/// symbol; otherwise the text as typed (an id, a letter key).
pub fn canonical(raw: &str) -> String {
    let trimmed = raw.trim();
    if let Some(parts) = undoc_symbol::split_joint(trimmed)
        && parts.len() > 1
    {
        return parts.into_iter().next().unwrap_or_default();
    }
    undoc_symbol::canonical_query(trimmed).unwrap_or_else(|| trimmed.to_owned())
}

/// The stored document a reader's name resolves to: as typed, or in its
/// canonical spelling.
pub fn resolve(store: &dyn Store, raw: &str) -> Result<Option<String>> {
    if let Some(found) = store.resolve(raw.trim())? {
        return Ok(Some(found));
    }
    store.resolve(&canonical(raw))
}

/// Where a reference's target is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// The stored document (its key).
    Held(String),
    /// Several stored letters match a letter named by date and sender; none is chosen.
    Ambiguous(Vec<String>),
    NotHeld,
}

impl Target {
    pub fn held(&self) -> Option<&str> {
        match self {
            Target::Held(id) => Some(id),
            _ => None,
        }
    }
}

/// A letter named by date and sender, resolved: the one held letter of that
/// date from that State, or the several that match.
pub fn described_target(store: &dyn Store, key: Option<&str>, except: &str) -> Result<Target> {
    let holders = match key {
        Some(key) => store.holders_many(&[key])?,
        None => HashMap::new(),
    };
    Ok(target_among(&holders, key, except))
}

/// [`described_target`] with the holders of every name at hand (one
/// [`Store::holders_many`] for a whole page of descriptions).
fn target_among(holders: &HashMap<String, Vec<String>>, key: Option<&str>, except: &str) -> Target {
    let own = undoc_model::split_key(except).0;
    let mut found: Vec<String> = key
        .and_then(|key| holders.get(key))
        .into_iter()
        .flatten()
        .filter(|h| undoc_model::split_key(h).0 != own)
        .cloned()
        .collect();
    match found.len() {
        0 => Target::NotHeld,
        1 => Target::Held(found.remove(0)),
        _ => Target::Ambiguous(found),
    }
}

/// The holders of every letter the described links among `links` name, in
/// one statement (none when no link is described).
fn described_holders(store: &dyn Store, links: &[Link]) -> Result<HashMap<String, Vec<String>>> {
    let names: Vec<&str> = links
        .iter()
        .filter(|l| l.kind == LinkKind::Described)
        .map(|l| l.symbol.as_str())
        .collect();
    if names.is_empty() {
        return Ok(HashMap::new());
    }
    store.holders_many(&names)
}

/// A link is followed when its target is certain: a described reference
/// only when exactly one stored letter matches (`holders` from
/// [`described_holders`]).
fn certain(holders: &HashMap<String, Vec<String>>, link: &Link) -> bool {
    // A description a symbol also names is evidence, not a second link.
    if link.kind == LinkKind::DescribedNamed {
        return false;
    }
    link.kind != LinkKind::Described
        || matches!(
            target_among(holders, Some(&link.symbol), &link.from),
            Target::Held(_)
        )
}

/// A record with its references resolved against the store.
#[derive(Debug, Clone)]
pub struct Document {
    /// The key the store holds this text under (`A/RES/80/1`, `A/RES/80/1@fr`).
    pub key: String,
    pub record: Record,
    /// For each reference of the record, in order: the stored document its
    /// first symbol resolves to, if any.
    pub resolved: Vec<Option<String>>,
    /// For each described reference of the record, in order: where it leads.
    pub described: Vec<Target>,
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
    let Some(found) = resolve(store, symbol)? else {
        return Ok(None);
    };
    let versions = store.expressions(undoc_model::split_key(&found).0)?;
    let key = language
        .and_then(|l| versions.iter().find(|(_, lang)| lang == l))
        .map_or(found, |(key, _)| key.clone());
    let Some(record) = store.get(&key)? else {
        return Ok(None);
    };
    // One statement per kind for the whole page, however many references.
    let symbols: Vec<&str> = record
        .references
        .iter()
        .flat_map(|r| r.symbols.iter().map(String::as_str))
        .collect();
    let found = if symbols.is_empty() {
        HashMap::new()
    } else {
        store.resolve_many(&symbols)?
    };
    let resolved = record
        .references
        .iter()
        .map(|r| r.symbols.iter().find_map(|s| found.get(s).cloned()))
        .collect();
    let keys: Vec<Option<String>> = record
        .described_references
        .iter()
        .map(undoc_model::DescribedReference::key)
        .collect();
    let names: Vec<&str> = keys.iter().flatten().map(String::as_str).collect();
    let holders = if names.is_empty() {
        HashMap::new()
    } else {
        store.holders_many(&names)?
    };
    let described = keys
        .iter()
        .map(|k| target_among(&holders, k.as_deref(), &key))
        .collect();
    Ok(Some(Document {
        key,
        record,
        resolved,
        described,
        versions,
    }))
}

/// What the store knows of a document it does not hold.
#[derive(Debug, Clone)]
pub struct NotHeldDocument {
    /// Its canonical symbol.
    pub symbol: String,
    /// The official permalink.
    pub url: String,
    /// The stored documents that cite it, in date order.
    pub citations: Vec<Citation>,
    /// The issue dates of the first and the last of them.
    pub first_cited: Option<String>,
    pub last_cited: Option<String>,
    /// The stored meetings that adopted it (a resolution).
    pub adopted_at: Vec<AdoptedAt>,
}

/// A stored meeting's decision that made a resolution.
#[derive(Debug, Clone)]
pub struct AdoptedAt {
    pub meeting: Summary,
    pub decision: undoc_model::Decision,
}

/// The most meetings read for one resolution's adoption: a resolution is
/// adopted once; a few more cover a record stored under two symbols.
const MAX_ADOPTIONS: usize = 8;

/// The stored meetings whose decisions made a resolution named by any of
/// `symbols`, with each decision (from the meeting's record).
pub fn adopted_at(store: &dyn Store, symbols: &[String]) -> Result<Vec<AdoptedAt>> {
    let mut out: Vec<AdoptedAt> = Vec::new();
    for symbol in symbols {
        for (meeting, ord) in store.adoptions(symbol)?.into_iter().take(MAX_ADOPTIONS) {
            if out.iter().any(|a| a.meeting.id == meeting.id) {
                continue;
            }
            let Some(record) = store.get(&meeting.id)? else {
                continue;
            };
            if let Some(decision) = record.decisions.into_iter().nth(ord) {
                out.push(AdoptedAt { meeting, decision });
            }
        }
    }
    Ok(out)
}

/// A document the store does not hold but some stored document cites: its
/// page in the graph. `None` when it is held, or cited by nothing stored.
pub fn not_held(store: &dyn Store, symbol: &str) -> Result<Option<NotHeldDocument>> {
    if resolve(store, symbol)?.is_some() {
        return Ok(None);
    }
    let symbol = canonical(symbol);
    let citations = citations(store, store.citations_of(&symbol)?)?;
    if citations.is_empty() {
        return Ok(None);
    }
    let dates: Vec<&str> = citations
        .iter()
        .filter_map(|c| c.document.as_ref()?.date.as_deref())
        .collect();
    let adopted_at = adopted_at(store, std::slice::from_ref(&symbol))?;
    Ok(Some(NotHeldDocument {
        adopted_at,
        url: undoc_symbol::permalink(&symbol, None),
        first_cited: dates.iter().min().map(|d| (*d).to_owned()),
        last_cited: dates.iter().max().map(|d| (*d).to_owned()),
        symbol,
        citations,
    }))
}

/// The most meeting records read to find the speeches a document's
/// references name: a letter names a handful of statements.
const MAX_SPEECH_TARGETS: usize = 16;

/// For each reference of `record` (with `resolved`, the stored document each
/// resolves to): the anchor of the speech it names in a held meeting record
/// ("the statement delivered by the representative of France during the
/// 9973rd meeting" → France's first speech in S/PV.9973, `speech-4`), else
/// none.
pub fn speech_anchors(
    store: &dyn Store,
    record: &Record,
    resolved: &[Option<String>],
) -> Result<Vec<Option<String>>> {
    let mut meetings: HashMap<String, Option<Record>> = HashMap::new();
    let mut out = Vec::with_capacity(record.references.len());
    for (i, reference) in record.references.iter().enumerate() {
        let target = resolved.get(i).and_then(Option::as_deref);
        let (Some(state), Some(target)) = (reference.speaker_state.as_deref(), target) else {
            out.push(None);
            continue;
        };
        if !meetings.contains_key(target) {
            let meeting = if meetings.len() < MAX_SPEECH_TARGETS {
                store.get(target)?
            } else {
                None
            };
            meetings.insert(target.to_owned(), meeting);
        }
        let anchor = meetings
            .get(target)
            .and_then(Option::as_ref)
            .and_then(|m| {
                m.speeches
                    .iter()
                    .position(|s| s.state.as_deref() == Some(state))
            })
            .map(|n| format!("speech-{}", n + 1));
        out.push(anchor);
    }
    Ok(out)
}

/// A document in a thread: held (with its list fields) or only cited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// The stored key, or the canonical symbol of a document not held.
    pub key: String,
    pub summary: Option<Summary>,
}

/// "`from` answers `to`", with the words of `from` that say so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edge {
    pub from: String,
    pub to: String,
    pub relation: Relation,
    /// The reference as it stands in the answering document.
    pub text: String,
    /// The cue that made it a reply ("in connection with", "baseless … statement").
    pub evidence: Option<String>,
}

/// An exchange: its documents in date order (those not held last), and who answers whom.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Thread {
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    /// The walk stopped at [`MAX_THREAD_NODES`].
    pub truncated: bool,
}

impl Thread {
    /// The documents a node answers, in date order.
    pub fn answers<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a Edge> + 'a {
        self.edges.iter().filter(move |e| e.from == key)
    }
}

/// The exchange a document belongs to (held or not): every document reachable
/// through `replies_to` links, in either direction.
pub fn thread(store: &dyn Store, symbol: &str) -> Result<Thread> {
    let start = match resolve(store, symbol)? {
        Some(id) => id,
        None => {
            let symbol = canonical(symbol);
            if store.citations_of(&symbol)?.is_empty() {
                return Ok(Thread::default());
            }
            symbol
        }
    };
    // Each node's list fields, read once: `None` for a document not held.
    let mut held: BTreeMap<String, Option<Summary>> = BTreeMap::new();
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut edges: BTreeMap<(String, String), Edge> = BTreeMap::new();
    let mut queue = VecDeque::from([start]);
    let mut truncated = false;
    while let Some(key) = queue.pop_front() {
        if !seen.insert(key.clone()) {
            continue;
        }
        if seen.len() > MAX_THREAD_NODES {
            seen.remove(&key);
            truncated = true;
            break;
        }
        let summary = store.summary(&key)?;
        let is_held = summary.is_some();
        held.insert(key.clone(), summary);
        let incoming = if is_held {
            let record = store.get(&key)?;
            let outgoing = store.links_from(&key)?;
            let holders = described_holders(store, &outgoing)?;
            for link in outgoing {
                if link.relation != Relation::RepliesTo || !certain(&holders, &link) {
                    continue;
                }
                // A document not held is known by the first symbol its reference names.
                let target = match (&link.to, link.kind == LinkKind::Described) {
                    (Some(to), false) => to.clone(),
                    (None, false) => {
                        first_symbol(record.as_ref(), link.ord).unwrap_or(link.symbol.clone())
                    }
                    (_, true) => match target_among(&holders, Some(&link.symbol), &key) {
                        Target::Held(to) => to,
                        _ => continue,
                    },
                };
                if target == key {
                    continue;
                }
                let (text, evidence) = reference_words(record.as_ref(), link.ord);
                edges.entry((key.clone(), target.clone())).or_insert(Edge {
                    from: key.clone(),
                    to: target.clone(),
                    relation: link.relation,
                    text,
                    evidence,
                });
                queue.push_back(target);
            }
            store.links_to(&key)?
        } else {
            store.citations_of(&key)?
        };
        let holders = described_holders(store, &incoming)?;
        for link in incoming {
            if link.relation != Relation::RepliesTo || link.from == key || !certain(&holders, &link)
            {
                continue;
            }
            if let std::collections::btree_map::Entry::Vacant(slot) =
                edges.entry((link.from.clone(), key.clone()))
            {
                let record = store.get(&link.from)?;
                let (text, evidence) = reference_words(record.as_ref(), link.ord);
                slot.insert(Edge {
                    from: link.from.clone(),
                    to: key.clone(),
                    relation: link.relation,
                    text,
                    evidence,
                });
            }
            queue.push_back(link.from);
        }
    }
    let mut nodes = Vec::with_capacity(seen.len());
    for key in seen {
        let summary = held.remove(&key).flatten();
        nodes.push(Node { key, summary });
    }
    // Date order; a document not held has no date here and goes after those that do.
    nodes.sort_by(|a, b| {
        let date = |n: &Node| n.summary.as_ref().and_then(|s| s.date.clone());
        (date(a).is_none(), date(a), &a.key).cmp(&(date(b).is_none(), date(b), &b.key))
    });
    let edges = edges
        .into_values()
        .filter(|e| nodes.iter().any(|n| n.key == e.from) && nodes.iter().any(|n| n.key == e.to))
        .collect();
    Ok(Thread {
        nodes,
        edges,
        truncated,
    })
}

/// The first symbol of the reference at `ord` (or its letter's words).
fn first_symbol(record: Option<&Record>, ord: usize) -> Option<String> {
    record?.references.get(ord)?.symbols.first().cloned()
}

/// The words of the reference at link position `ord`, and its evidence.
fn reference_words(record: Option<&Record>, ord: usize) -> (String, Option<String>) {
    let Some(record) = record else {
        return (String::new(), None);
    };
    if let Some(r) = record.references.get(ord) {
        return (r.text.clone(), r.evidence.clone());
    }
    record
        .described_references
        .get(ord.saturating_sub(record.references.len()))
        .map_or((String::new(), None), |d| {
            (d.text.clone(), d.evidence.clone())
        })
}

/// The references a stored document makes, each resolved where the store has
/// the target (a letter named by date and sender only where exactly one
/// stored letter matches).
pub fn cites(store: &dyn Store, symbol: &str) -> Result<Option<Vec<Link>>> {
    let Some(id) = resolve(store, symbol)? else {
        return Ok(None);
    };
    links_out(store, &id).map(Some)
}

/// The references the stored text `id` (its key) makes, as [`cites`] gives them.
pub fn links_out(store: &dyn Store, id: &str) -> Result<Vec<Link>> {
    let mut links = store.links_from(id)?;
    links.retain(|l| l.kind != LinkKind::DescribedNamed);
    let holders = described_holders(store, &links)?;
    for link in &mut links {
        if link.kind == LinkKind::Described {
            link.to = target_among(&holders, Some(&link.symbol), id)
                .held()
                .map(str::to_owned);
        }
    }
    Ok(links)
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
/// date order; for a document not held, those that cite its canonical
/// symbol. `None` when the store neither holds it nor has anything citing it.
pub fn cited_by(store: &dyn Store, symbol: &str) -> Result<Option<Vec<Citation>>> {
    let links = match resolve(store, symbol)? {
        Some(id) => links_into(store, &id)?,
        None => {
            let links = store.citations_of(&canonical(symbol))?;
            if links.is_empty() {
                return Ok(None);
            }
            links
        }
    };
    Ok(Some(citations(store, links)?))
}

/// The links into a stored document (its key) that are certain: every
/// reference by symbol, a letter named by date and sender only where it is
/// the one held letter that matches.
pub fn links_into(store: &dyn Store, id: &str) -> Result<Vec<Link>> {
    let mut links = store.links_to(id)?;
    let holders = described_holders(store, &links)?;
    links.retain(|link| certain(&holders, link));
    Ok(links)
}

/// Links grouped by citing document, in date order.
pub fn citations(store: &dyn Store, links: Vec<Link>) -> Result<Vec<Citation>> {
    let citing: Vec<&str> = links.iter().map(|l| l.from.as_str()).collect();
    let mut summaries = if citing.is_empty() {
        HashMap::new()
    } else {
        store.summaries(&citing)?
    };
    let mut out: Vec<Citation> = Vec::new();
    // A joint symbol's parts are links of one reference: counted once.
    let mut references = std::collections::HashSet::new();
    for link in links {
        if !references.insert((link.from.clone(), link.ord)) {
            continue;
        }
        match out.iter_mut().find(|c| c.link.from == link.from) {
            Some(c) => {
                c.count += 1;
                if link.relation == Relation::RepliesTo {
                    c.link.relation = link.relation;
                }
            }
            None => {
                let document = summaries.remove(&link.from);
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
    Ok(out)
}
