//! `undoc fetch`: documents brought in from the UN's Official Document
//! System by symbol, ingested as files are, with what they answer (or cite)
//! followed breadth first. What the store holds, or knows the service does
//! not have, is not asked for again.

use std::collections::{HashSet, VecDeque};
use std::process::ExitCode;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result};
use serde_json::json;
use undoc_backend::Location;
use undoc_fetch::{Client, Config, Outcome};
use undoc_model::{LinkKind, Relation};
use undoc_store::{Miss, MissKind};

use crate::corpus::{emit, open_for_writing, open_index};

/// Which references of a fetched document are fetched in turn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Follow {
    /// Only the documents it answers (`replies_to`).
    Replies,
    /// Every document it cites.
    Cites,
    /// The same as `cites`: everything it names.
    All,
}

/// What to fetch and how politely.
#[derive(Debug, Clone)]
pub struct FetchArgs {
    pub symbols: Vec<String>,
    /// Also the documents cited but not held: (least citations, how many).
    pub missing: Option<(usize, usize)>,
    /// ISO 639-1 codes (`all` already expanded).
    pub languages: Vec<String>,
    pub follow: Option<Follow>,
    pub depth: u32,
    pub service: Config,
    /// Misses older than this are asked again.
    pub refresh: Duration,
    pub json: bool,
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// The most symbols one range may name.
pub const MAX_RANGE: u64 = 10_000;

/// The symbols given, with each run of one series (`S/2025/500..S/2025/560`)
/// written out.
pub fn expand_ranges(symbols: &[String]) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for symbol in symbols {
        if !symbol.contains("..") {
            out.push(symbol.clone());
            continue;
        }
        let (prefix, from, to) = undoc_symbol::series_range(symbol).with_context(|| {
            format!("{symbol:?}: a range is one series' numbers, S/2025/500..S/2025/560")
        })?;
        if to - from >= MAX_RANGE {
            anyhow::bail!(
                "{symbol:?} names {} symbols; at most {MAX_RANGE} in one range",
                to - from + 1
            );
        }
        out.extend((from..=to).map(|n| format!("{prefix}{n}")));
    }
    Ok(out)
}

/// The file name a fetched document is stored under: the corpus's own
/// convention (`A_79_818.en.pdf`), which `undoc_symbol::from_file_name` reads back.
fn file_name(symbol: &str, language: &str) -> String {
    format!("{}.{language}.pdf", symbol.replace('/', "_"))
}

#[derive(Default)]
struct Tally {
    fetched: usize,
    held: usize,
    missing: usize,
    failed: usize,
}

pub fn fetch(store: &Location, args: &FetchArgs) -> Result<ExitCode> {
    let mut client = Client::new(args.service.clone()).context("the document service")?;
    let (mut db, _lock) = open_for_writing(store)?;
    let mut queue: VecDeque<(String, u32)> = args
        .symbols
        .iter()
        .map(|s| (undoc_query::canonical(s), 0))
        .collect();
    if let Some((min_citations, limit)) = args.missing {
        for cited in db.not_held(min_citations, limit)? {
            queue.push_back((cited.symbol, 0));
        }
    }
    let mut seen: HashSet<String> = HashSet::new();
    let mut stored: Vec<String> = Vec::new();
    let mut lines = Vec::new();
    let mut tally = Tally::default();
    let refresh = i64::try_from(args.refresh.as_secs()).unwrap_or(i64::MAX);
    'queue: while let Some((symbol, depth)) = queue.pop_front() {
        if !seen.insert(symbol.clone()) {
            continue;
        }
        let held = undoc_query::resolve(db.as_ref(), &symbol)?;
        let held_languages: Vec<(String, String)> = match &held {
            Some(key) => db.expressions(undoc_model::split_key(key).0)?,
            None => Vec::new(),
        };
        let misses = db.misses(&[symbol.as_str()])?;
        let mut key_to_follow = held.clone();
        for language in &args.languages {
            let mut line = |outcome: &str, detail: String| {
                lines.push(json!({"symbol": symbol, "language": language, "outcome": outcome, "detail": detail}));
                if !args.json {
                    println!("{symbol} [{language}]: {detail}");
                }
            };
            if held_languages.iter().any(|(_, l)| l == language) {
                tally.held += 1;
                line("held", "already in the store".into());
                continue;
            }
            if let Some(miss) = misses.iter().find(|m| &m.language == language)
                && now() - miss.at < refresh
            {
                tally.missing += 1;
                line(
                    "known_miss",
                    format!(
                        "known to be missing ({}); not asked again",
                        miss.kind.as_str()
                    ),
                );
                continue;
            }
            let miss = |kind| Miss {
                symbol: symbol.clone(),
                language: language.clone(),
                kind,
                at: now(),
            };
            match client.fetch(&symbol, language) {
                Outcome::Document { bytes } => {
                    let name = file_name(&symbol, language);
                    match undoc_ingest::ingest_bytes(
                        db.as_mut(),
                        &name,
                        &bytes,
                        &undoc_ingest::Options::default(),
                    )
                    .with_context(|| format!("storing {name}"))?
                    {
                        undoc_ingest::Outcome::Added(id)
                        | undoc_ingest::Outcome::Updated(id)
                        | undoc_ingest::Outcome::Unchanged(id) => {
                            tally.fetched += 1;
                            line("fetched", format!("fetched and stored as {id}"));
                            key_to_follow.get_or_insert_with(|| id.clone());
                            stored.push(id);
                        }
                        undoc_ingest::Outcome::Failed(undoc_ingest::Unread::OdsPlaceholder) => {
                            tally.missing += 1;
                            db.record_miss(&miss(MissKind::DoesNotExist))?;
                            line(
                                "does_not_exist",
                                "the service says the document does not exist".into(),
                            );
                        }
                        undoc_ingest::Outcome::Failed(reason) => {
                            tally.failed += 1;
                            line(
                                "unreadable",
                                format!("fetched, but not a document undoc reads: {reason}"),
                            );
                        }
                    }
                }
                Outcome::NotPublished => {
                    tally.missing += 1;
                    db.record_miss(&miss(MissKind::NotPublished))?;
                    line("not_published", Outcome::NotPublished.describe());
                }
                Outcome::NotFound => {
                    tally.missing += 1;
                    db.record_miss(&miss(MissKind::NotFound))?;
                    line("not_found", Outcome::NotFound.describe());
                }
                Outcome::BudgetSpent => {
                    tally.failed += 1;
                    line("budget_spent", Outcome::BudgetSpent.describe());
                    break 'queue;
                }
                other => {
                    tally.failed += 1;
                    line(outcome_name(&other), other.describe());
                }
            }
        }
        let Some(follow) = args.follow else { continue };
        let Some(key) = key_to_follow.filter(|_| depth < args.depth) else {
            continue;
        };
        for link in db.links_from(&key)? {
            let wanted = match follow {
                Follow::Replies => link.relation == Relation::RepliesTo,
                Follow::Cites | Follow::All => true,
            };
            if wanted && matches!(link.kind, LinkKind::Reference(_)) && !seen.contains(&link.symbol)
            {
                queue.push_back((link.symbol.clone(), depth + 1));
            }
        }
    }
    if !stored.is_empty() {
        let (mut index, _) = open_index(store, db.as_ref(), true)?;
        index
            .update(db.as_ref(), &stored)
            .context("updating the search index")?;
    }
    let summary = format!(
        "fetched {}, already held {}, missing {}, failed {} ({} requests)",
        tally.fetched,
        tally.held,
        tally.missing,
        tally.failed,
        client.requests_sent()
    );
    if args.json {
        emit(
            true,
            json!({"results": lines, "fetched": tally.fetched, "held": tally.held, "missing": tally.missing, "failed": tally.failed, "requests": client.requests_sent()}),
            String::new,
        )?;
    } else {
        println!("{summary}");
    }
    Ok(if tally.failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// The outcome's name in `--json`.
fn outcome_name(outcome: &Outcome) -> &'static str {
    match outcome {
        Outcome::Document { .. } => "fetched",
        Outcome::NotPublished => "not_published",
        Outcome::NotFound => "not_found",
        Outcome::NotAPdf { .. } => "not_a_pdf",
        Outcome::Challenged => "challenged",
        Outcome::RedirectedAway { .. } => "redirected_away",
        Outcome::Failed { .. } => "failed",
        Outcome::TimedOut => "timed_out",
        Outcome::Unreachable { .. } => "unreachable",
        Outcome::RetryLater { .. } => "retry_later",
        Outcome::BudgetSpent => "budget_spent",
    }
}
