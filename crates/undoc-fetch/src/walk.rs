/*!
A fetch run: symbols asked of the document service and ingested into a store
as files are, then what they answer (or cite) followed level by level, the
most cited first within each level. What the store holds, or knows the
service does not have, is not asked for again; what the service says it
does not have is recorded as a dated miss.

Each document is stored in its own transaction, so a run stopped anywhere
(Ctrl-C through [`Walk::stop`], or `kill -9`) keeps what it fetched, and the
next run takes up where it stopped. The caller updates the search index with
[`Summary::stored`] and shows [`Observer`]'s events as it likes (lines, a
progress bar, a server's job state).
*/

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use undoc_model::{LinkKind, Relation};
use undoc_store::{Miss, MissKind, Store, StoreError};

use crate::{Client, Outcome};

/// Which references of a fetched document are fetched in turn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Follow {
    /// Only the documents it answers (`replies_to`).
    Replies,
    /// Every document it names.
    Cites,
}

/// What to fetch.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The first level, in the order given (canonical symbols).
    pub symbols: Vec<String>,
    /// ISO 639-1 codes.
    pub languages: Vec<String>,
    pub follow: Option<Follow>,
    /// How many levels past the first are followed.
    pub depth: u32,
    /// Misses older than this are asked again.
    pub refresh: Duration,
}

/// What became of one symbol in one language (or its catalogue record).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Already in the store: not asked.
    Held,
    /// Recorded as missing less than `refresh` ago: not asked.
    KnownMiss(MissKind),
    /// Fetched and stored under this id.
    Fetched { id: String },
    /// Not there: the service's answer (recorded as a miss).
    Missing(MissKind),
    /// Fetched, but not a document undoc reads (not recorded).
    Unreadable { reason: String },
    /// The service did not give it (challenge, failures, budget…): asked again next run.
    Failed(Outcome),
    /// Catalogue records stored for the symbol (`0`: the catalogue has none,
    /// recorded as a miss in the language [`CATALOGUE`]).
    Catalogued { records: usize },
    /// The catalogue's answer could not be read.
    CatalogueUnreadable { reason: String },
}

impl Step {
    /// The outcome's name in JSON.
    pub fn name(&self) -> &'static str {
        match self {
            Step::Held => "held",
            Step::KnownMiss(_) => "known_miss",
            Step::Fetched { .. } => "fetched",
            Step::Missing(MissKind::NotPublished) => "not_published",
            Step::Missing(MissKind::NotFound) => "not_found",
            Step::Missing(MissKind::DoesNotExist) => "does_not_exist",
            Step::Unreadable { .. } => "unreadable",
            Step::Failed(outcome) => outcome.name(),
            Step::Catalogued { records: 0 } => "no_catalogue_record",
            Step::Catalogued { .. } => "catalogued",
            Step::CatalogueUnreadable { .. } => "catalogue_unreadable",
        }
    }

    /// One line for the user.
    pub fn describe(&self) -> String {
        match self {
            Step::Held => "already in the store".into(),
            Step::KnownMiss(kind) => {
                format!("known to be missing ({}); not asked again", kind.as_str())
            }
            Step::Fetched { id } => format!("fetched and stored as {id}"),
            Step::Missing(MissKind::NotPublished) => Outcome::NotPublished.describe(),
            Step::Missing(MissKind::NotFound) => Outcome::NotFound.describe(),
            Step::Missing(MissKind::DoesNotExist) => {
                "the service says the document does not exist".into()
            }
            Step::Unreadable { reason } => {
                format!("fetched, but not a document undoc reads: {reason}")
            }
            Step::Failed(outcome) => outcome.describe(),
            Step::Catalogued { records: 0 } => "the catalogue has no record of it".into(),
            Step::Catalogued { records } => format!("{records} catalogue record(s) stored"),
            Step::CatalogueUnreadable { reason } => {
                format!("the catalogue's answer is not read: {reason}")
            }
        }
    }
}

/// One symbol's result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub symbol: String,
    /// ISO 639-1, or `catalogue`.
    pub language: String,
    pub step: Step,
}

/// The run so far.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub fetched: usize,
    pub held: usize,
    pub missing: usize,
    pub failed: usize,
    /// Catalogue records stored.
    pub catalogued: usize,
    /// Symbols waiting in this level and the next.
    pub queued: usize,
    pub requests: u64,
}

impl Tally {
    fn count(&mut self, step: &Step) {
        match step {
            Step::Held => self.held += 1,
            Step::KnownMiss(_) | Step::Missing(_) => self.missing += 1,
            Step::Fetched { .. } => self.fetched += 1,
            Step::Unreadable { .. } | Step::Failed(_) | Step::CatalogueUnreadable { .. } => {
                self.failed += 1;
            }
            Step::Catalogued { records: 0 } => self.missing += 1,
            Step::Catalogued { records } => self.catalogued += records,
        }
    }
}

/// Told of each result as it comes.
pub trait Observer {
    fn report(&mut self, report: &Report, tally: &Tally);
}

impl<F: FnMut(&Report, &Tally)> Observer for F {
    fn report(&mut self, report: &Report, tally: &Tally) {
        self(report, tally);
    }
}

/// How a run ended.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub tally: Tally,
    /// Ids stored by this run, for the search index.
    pub stored: Vec<String>,
    /// Stopped by [`Walk::stop`] before the plan was done.
    pub interrupted: bool,
    /// Stopped because the request budget was spent.
    pub budget_spent: bool,
}

/// The language a catalogue record is reported in.
pub const CATALOGUE: &str = "catalogue";

/// A fetch run over one store.
pub struct Walk<'a> {
    pub documents: &'a mut Client,
    /// The UN Digital Library, when catalogue records are wanted too.
    pub catalogue: Option<&'a mut Client>,
    /// Set (by a signal handler, say) to stop before the next request.
    pub stop: &'a AtomicBool,
}

impl std::fmt::Debug for Walk<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Walk")
            .field("documents", &self.documents)
            .finish_non_exhaustive()
    }
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// The file name a fetched document is stored under: the corpus's own
/// convention (`A_79_818.en.pdf`), which `undoc_symbol::from_file_name` reads back.
pub fn file_name(symbol: &str, language: &str) -> String {
    format!("{}.{language}.pdf", symbol.replace('/', "_"))
}

impl Walk<'_> {
    /// Runs `plan` into `store`. Only the store failing is an error; every
    /// answer of the services is a [`Step`].
    pub fn run(
        &mut self,
        store: &mut dyn Store,
        plan: &Plan,
        observer: &mut dyn Observer,
    ) -> Result<Summary, StoreError> {
        let mut summary = Summary::default();
        let mut seen: HashSet<String> = HashSet::new();
        let mut level: Vec<String> = plan.symbols.clone();
        let refresh = i64::try_from(plan.refresh.as_secs()).unwrap_or(i64::MAX);
        for depth in 0..=plan.depth {
            let mut next: Vec<String> = Vec::new();
            let mut waiting = level.len();
            for symbol in &level {
                waiting -= 1;
                if !seen.insert(symbol.clone()) {
                    continue;
                }
                summary.tally.queued = waiting + next.len();
                let held = undoc_query::resolve(store, symbol)?;
                let held_languages = match &held {
                    Some(key) => store.expressions(undoc_model::split_key(key).0)?,
                    None => Vec::new(),
                };
                let misses = store.misses(&[symbol.as_str()])?;
                let mut key_to_follow = held.clone();
                for language in &plan.languages {
                    if held_languages.iter().any(|(_, l)| l == language) {
                        self.tell(&mut summary, observer, symbol, language, Step::Held);
                        continue;
                    }
                    if let Some(miss) = misses.iter().find(|m| &m.language == language)
                        && now() - miss.at < refresh
                    {
                        self.tell(
                            &mut summary,
                            observer,
                            symbol,
                            language,
                            Step::KnownMiss(miss.kind),
                        );
                        continue;
                    }
                    if self.stop.load(Ordering::Relaxed) {
                        summary.interrupted = true;
                        return Ok(summary);
                    }
                    let step = match self.documents.fetch(symbol, language) {
                        Outcome::Document { bytes } => {
                            store_document(store, symbol, language, &bytes)?
                        }
                        Outcome::NotPublished => Step::Missing(MissKind::NotPublished),
                        Outcome::NotFound => Step::Missing(MissKind::NotFound),
                        other => Step::Failed(other),
                    };
                    if let Step::Missing(kind) = step {
                        store.record_miss(&Miss {
                            symbol: symbol.clone(),
                            language: language.clone(),
                            kind,
                            at: now(),
                        })?;
                    }
                    if let Step::Fetched { id } = &step {
                        key_to_follow.get_or_insert_with(|| id.clone());
                        summary.stored.push(id.clone());
                    }
                    let spent = step == Step::Failed(Outcome::BudgetSpent);
                    self.tell(&mut summary, observer, symbol, language, step);
                    if spent {
                        summary.budget_spent = true;
                        return Ok(summary);
                    }
                }
                if let Some(catalogue) = self.catalogue.as_deref_mut() {
                    let known = misses
                        .iter()
                        .find(|m| m.language == CATALOGUE && now() - m.at < refresh);
                    let step = if store.catalogue(symbol)?.is_some() {
                        Step::Held
                    } else if let Some(miss) = known {
                        Step::KnownMiss(miss.kind)
                    } else {
                        if self.stop.load(Ordering::Relaxed) {
                            summary.interrupted = true;
                            return Ok(summary);
                        }
                        let step = catalogue_step(store, catalogue.catalogue(symbol))?;
                        if step == (Step::Catalogued { records: 0 }) {
                            store.record_miss(&Miss {
                                symbol: symbol.clone(),
                                language: CATALOGUE.to_owned(),
                                kind: MissKind::NotFound,
                                at: now(),
                            })?;
                        }
                        step
                    };
                    self.tell(&mut summary, observer, symbol, CATALOGUE, step);
                }
                let (Some(follow), Some(key)) = (plan.follow, key_to_follow) else {
                    continue;
                };
                if depth == plan.depth {
                    continue;
                }
                for link in store.links_from(&key)? {
                    let wanted = match follow {
                        Follow::Replies => link.relation == Relation::RepliesTo,
                        Follow::Cites => true,
                    };
                    if wanted
                        && matches!(link.kind, LinkKind::Reference(_))
                        && !seen.contains(&link.symbol)
                        && !next.contains(&link.symbol)
                    {
                        next.push(link.symbol);
                    }
                }
            }
            if next.is_empty() {
                break;
            }
            level = most_cited_first(store, next)?;
        }
        Ok(summary)
    }
}

impl Walk<'_> {
    /// Counts a result and tells the observer.
    fn tell(
        &self,
        summary: &mut Summary,
        observer: &mut dyn Observer,
        symbol: &str,
        language: &str,
        step: Step,
    ) {
        summary.tally.count(&step);
        summary.tally.requests = self.documents.requests_sent()
            + self.catalogue.as_ref().map_or(0, |c| c.requests_sent());
        let report = Report {
            symbol: symbol.to_owned(),
            language: language.to_owned(),
            step,
        };
        observer.report(&report, &summary.tally);
    }
}

/// The next level in the order it is fetched: the documents most stored
/// works cite first (what a researcher following the thread needs soonest,
/// should the budget or the user stop the run), in the order found among equals.
fn most_cited_first(store: &dyn Store, symbols: Vec<String>) -> Result<Vec<String>, StoreError> {
    let mut citing: HashMap<String, usize> = HashMap::new();
    for symbol in &symbols {
        let works: HashSet<String> = store
            .citations_of(symbol)?
            .into_iter()
            .map(|link| undoc_model::split_key(&link.from).0.to_owned())
            .collect();
        citing.insert(symbol.clone(), works.len());
    }
    let mut ordered = symbols;
    ordered.sort_by_key(|symbol| std::cmp::Reverse(citing.get(symbol).copied().unwrap_or(0)));
    Ok(ordered)
}

/// A fetched PDF into the store, as a file of that name would go in.
fn store_document(
    store: &mut dyn Store,
    symbol: &str,
    language: &str,
    bytes: &[u8],
) -> Result<Step, StoreError> {
    let name = file_name(symbol, language);
    Ok(
        match undoc_ingest::ingest_bytes(store, &name, bytes, &undoc_ingest::Options::default())? {
            undoc_ingest::Outcome::Added(id)
            | undoc_ingest::Outcome::Updated(id)
            | undoc_ingest::Outcome::Unchanged(id) => Step::Fetched { id },
            undoc_ingest::Outcome::Failed(undoc_ingest::Unread::OdsPlaceholder) => {
                Step::Missing(MissKind::DoesNotExist)
            }
            undoc_ingest::Outcome::Failed(reason) => Step::Unreadable {
                reason: reason.to_string(),
            },
        },
    )
}

/// The catalogue's answer into the store, joined as `import-marc` joins a file.
fn catalogue_step(store: &mut dyn Store, outcome: Outcome) -> Result<Step, StoreError> {
    let bytes = match outcome {
        Outcome::Document { bytes } => bytes,
        // An empty answer or 404: nothing catalogued under that symbol.
        miss if miss.is_miss() => return Ok(Step::Catalogued { records: 0 }),
        other => return Ok(Step::Failed(other)),
    };
    let xml = match String::from_utf8(bytes) {
        Ok(xml) => xml,
        Err(e) => {
            return Ok(Step::CatalogueUnreadable {
                reason: e.to_string(),
            });
        }
    };
    match undoc_export::import_catalogue(store, &xml) {
        Ok(import) => Ok(Step::Catalogued {
            records: import.records(),
        }),
        Err(undoc_export::CatalogueError::Store(e)) => Err(e),
        Err(problem) => Ok(Step::CatalogueUnreadable {
            reason: problem.to_string(),
        }),
    }
}
