//! Fetching a document from the UN in the background (`undoc serve
//! --allow-fetch`): a job per symbol and language, run one at a time through
//! one polite client (so the delay between requests holds across jobs), by
//! the same walk as `undoc fetch`, with its state kept for the page and the
//! API to show.

use std::collections::HashMap;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use serde::Serialize;
use undoc_fetch::walk::{Plan, Report, Step, Tally, Walk};

use crate::error::ApiError;
use crate::state::AppState;

/// Jobs waiting or running at once; more are refused (503) until some end.
pub const MAX_PENDING: usize = 64;
/// Jobs remembered in all; the oldest ended ones are forgotten past this.
const MAX_REMEMBERED: usize = 1024;
/// How long a fetch waits for another writer (a CLI ingest) before it fails.
const WRITE_WAIT: std::time::Duration = std::time::Duration::from_secs(60);
/// Misses are asked again after this long, as `undoc fetch`'s default.
const REFRESH: std::time::Duration = std::time::Duration::from_secs(30 * 86_400);

/// Where a job is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum JobState {
    Queued,
    Running,
    /// The service answered: fetched, or a miss it recorded.
    Done,
    /// Neither: a failure of the service or the store; asking again may help.
    Failed,
}

impl JobState {
    pub fn as_str(self) -> &'static str {
        match self {
            JobState::Queued => "queued",
            JobState::Running => "running",
            JobState::Done => "done",
            JobState::Failed => "failed",
        }
    }

    pub fn is_pending(self) -> bool {
        matches!(self, JobState::Queued | JobState::Running)
    }
}

/// A fetch as the API and the page show it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct FetchJob {
    pub symbol: String,
    /// ISO 639-1.
    pub language: String,
    pub state: JobState,
    /// The walk's outcome name (`fetched`, `not_found`, `challenged`, …) once there is one.
    pub outcome: Option<String>,
    /// What happened, in words.
    pub detail: String,
    /// The stored document's id, when it was fetched.
    pub id: Option<String>,
    #[serde(skip)]
    ended: Option<Instant>,
}

impl FetchJob {
    /// What asking for a version already held answers.
    pub fn held(symbol: &str, language: &str, id: String) -> FetchJob {
        FetchJob {
            symbol: symbol.to_owned(),
            language: language.to_owned(),
            state: JobState::Done,
            outcome: Some(Step::Held.name().to_owned()),
            detail: Step::Held.describe(),
            id: Some(id),
            ended: None,
        }
    }
}

/// The server's fetching: the client (one, shared) and the jobs.
pub struct Fetches {
    client: Mutex<undoc_fetch::Client>,
    jobs: Mutex<HashMap<(String, String), FetchJob>>,
}

impl std::fmt::Debug for Fetches {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Fetches").finish_non_exhaustive()
    }
}

impl Fetches {
    pub fn new(config: undoc_fetch::Config) -> Result<Fetches, undoc_fetch::ConfigError> {
        Ok(Fetches {
            client: Mutex::new(undoc_fetch::Client::new(config)?),
            jobs: Mutex::new(HashMap::new()),
        })
    }

    /// The job for `symbol` in `language`, if one was started.
    pub fn job(&self, symbol: &str, language: &str) -> Option<FetchJob> {
        let jobs = self.jobs.lock().ok()?;
        jobs.get(&(symbol.to_owned(), language.to_owned())).cloned()
    }

    fn update(&self, symbol: &str, language: &str, change: impl FnOnce(&mut FetchJob)) {
        if let Ok(mut jobs) = self.jobs.lock()
            && let Some(job) = jobs.get_mut(&(symbol.to_owned(), language.to_owned()))
        {
            change(job);
        }
    }

    /// Adds a queued job, or gives the one already pending for the same
    /// document; `None` when too many are pending.
    fn enqueue(&self, symbol: &str, language: &str) -> Result<(FetchJob, bool), ApiError> {
        let mut jobs = self
            .jobs
            .lock()
            .map_err(|_| ApiError::Internal("the fetch jobs' lock is poisoned".into()))?;
        let key = (symbol.to_owned(), language.to_owned());
        if let Some(job) = jobs.get(&key).filter(|j| j.state.is_pending()) {
            return Ok((job.clone(), false));
        }
        if jobs.values().filter(|j| j.state.is_pending()).count() >= MAX_PENDING {
            return Err(ApiError::Unavailable(format!(
                "{MAX_PENDING} fetches are already waiting; try again when they are done"
            )));
        }
        if jobs.len() >= MAX_REMEMBERED {
            let mut ended: Vec<((String, String), Instant)> = jobs
                .iter()
                .filter_map(|(k, j)| Some((k.clone(), j.ended?)))
                .collect();
            ended.sort_by_key(|(_, at)| *at);
            for (k, _) in ended.into_iter().take(jobs.len() + 1 - MAX_REMEMBERED) {
                jobs.remove(&k);
            }
        }
        let job = FetchJob {
            symbol: symbol.to_owned(),
            language: language.to_owned(),
            state: JobState::Queued,
            outcome: None,
            detail: "waiting its turn".into(),
            id: None,
            ended: None,
        };
        jobs.insert(key, job.clone());
        Ok((job, true))
    }
}

/// Starts fetching `symbol` in `language` in the background (or gives the
/// job already doing so). The symbol is canonical and not held.
pub fn start(state: &Arc<AppState>, symbol: &str, language: &str) -> Result<FetchJob, ApiError> {
    let fetches = state
        .fetches
        .as_ref()
        .ok_or_else(|| ApiError::NotFound("this server does not fetch (--allow-fetch)".into()))?;
    let (job, new) = fetches.enqueue(symbol, language)?;
    if new {
        let state = Arc::clone(state);
        let (symbol, language) = (symbol.to_owned(), language.to_owned());
        tokio::task::spawn_blocking(move || run(&state, &symbol, &language));
    }
    Ok(job)
}

/// One job, on a blocking thread: it waits for the client (one job at a
/// time), then for the store's write lock, then walks.
fn run(state: &AppState, symbol: &str, language: &str) {
    let Some(fetches) = state.fetches.as_ref() else {
        return;
    };
    let ended = |state: JobState, outcome: Option<String>, detail: String, id: Option<String>| {
        fetches.update(symbol, language, |job| {
            job.state = state;
            job.outcome = outcome;
            job.detail = detail;
            job.id = id;
            job.ended = Some(Instant::now());
        });
    };
    let Ok(mut client) = fetches.client.lock() else {
        ended(
            JobState::Failed,
            None,
            "the fetch client's lock is poisoned".into(),
            None,
        );
        return;
    };
    fetches.update(symbol, language, |job| {
        job.state = JobState::Running;
        job.detail = "asking the UN's document service".into();
    });
    let result = walk(state, &mut client, symbol, language);
    match result {
        Ok(Some(report)) => {
            let id = match &report.step {
                Step::Fetched { id } => Some(id.clone()),
                _ => None,
            };
            let job_state = match report.step {
                Step::Failed(_) | Step::Unreadable { .. } => JobState::Failed,
                _ => JobState::Done,
            };
            ended(
                job_state,
                Some(report.step.name().to_owned()),
                report.step.describe(),
                id,
            );
        }
        Ok(None) => ended(JobState::Failed, None, "nothing was asked".into(), None),
        Err(e) => ended(JobState::Failed, None, e.to_string(), None),
    }
}

/// The walk of one symbol and language into the store, the index updated.
fn walk(
    state: &AppState,
    client: &mut undoc_fetch::Client,
    symbol: &str,
    language: &str,
) -> Result<Option<Report>, ApiError> {
    let _lock = state.config.store.write_lock(WRITE_WAIT, || {})?;
    let plan = Plan {
        symbols: vec![symbol.to_owned()],
        languages: vec![language.to_owned()],
        follow: None,
        depth: 0,
        refresh: REFRESH,
    };
    let never = AtomicBool::new(false);
    let mut last: Option<Report> = None;
    state.with_writer(|store| {
        let summary = Walk {
            documents: client,
            catalogue: None,
            stop: &never,
        }
        .run(store, &plan, &mut |report: &Report, _: &Tally| {
            last = Some(report.clone());
        })?;
        if !summary.stored.is_empty() {
            // Stored: an index that cannot follow now catches up when next opened.
            let _ = state.with_index_mut(|index| Ok(index.update(store, &summary.stored)?));
        }
        Ok(())
    })?;
    Ok(last)
}
