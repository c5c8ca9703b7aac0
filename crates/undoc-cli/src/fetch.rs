//! `undoc fetch`: documents brought in from the UN's Official Document
//! System by symbol, ingested as files are, with what they answer (or cite)
//! followed breadth first. What the store holds, or knows the service does
//! not have, is not asked for again.

use std::io::IsTerminal;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use anyhow::{Context, Result};
use serde_json::json;
use signal_hook::consts::{SIGINT, SIGTERM};
use undoc_backend::Location;
use undoc_fetch::walk::{self, Plan, Report, Tally, Walk};
use undoc_fetch::{Client, Config};

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

impl From<Follow> for walk::Follow {
    fn from(follow: Follow) -> walk::Follow {
        match follow {
            Follow::Replies => walk::Follow::Replies,
            Follow::Cites | Follow::All => walk::Follow::Cites,
        }
    }
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
    /// The catalogue's client settings, when `--catalogue` asks for records too.
    pub catalogue: Option<Config>,
    /// Misses older than this are asked again.
    pub refresh: Duration,
    pub json: bool,
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

/// What a terminal shows while the run goes on: a line per result above a
/// bar of the counts and the queue. Without a terminal, only the lines.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    json: bool,
    lines: Vec<serde_json::Value>,
}

impl Progress {
    fn new(json: bool) -> Progress {
        let bar = (!json && std::io::stderr().is_terminal()).then(|| {
            let bar = indicatif::ProgressBar::new_spinner();
            if let Ok(style) = indicatif::ProgressStyle::with_template("{spinner} {elapsed} {msg}")
            {
                bar.set_style(style);
            }
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        });
        Progress {
            bar,
            json,
            lines: Vec::new(),
        }
    }
}

/// The counts the summary shows.
fn counts(tally: &Tally) -> String {
    format!(
        "fetched {}, already held {}, missing {}, failed {} ({} requests)",
        tally.fetched, tally.held, tally.missing, tally.failed, tally.requests
    )
}

impl walk::Observer for Progress {
    fn report(&mut self, report: &Report, tally: &Tally) {
        self.lines.push(json!({
            "symbol": report.symbol,
            "language": report.language,
            "outcome": report.step.name(),
            "detail": report.step.describe(),
        }));
        if self.json {
            return;
        }
        let line = format!(
            "{} [{}]: {}",
            report.symbol,
            report.language,
            report.step.describe()
        );
        match &self.bar {
            Some(bar) => {
                bar.println(line);
                bar.set_message(format!("{}; {} queued", counts(tally), tally.queued));
            }
            None => println!("{line}"),
        }
    }
}

pub fn fetch(store: &Location, args: &FetchArgs) -> Result<ExitCode> {
    let mut documents = Client::new(args.service.clone()).context("the document service")?;
    let mut catalogue = match &args.catalogue {
        Some(config) => Some(Client::new(config.clone()).context("the catalogue")?),
        None => None,
    };
    // The first Ctrl-C lets the request in flight finish, stores it, and ends
    // with the summary; a second one ends the process at once (nothing is lost:
    // each document is its own transaction).
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [SIGINT, SIGTERM] {
        signal_hook::flag::register_conditional_shutdown(signal, 130, Arc::clone(&stop))
            .context("listening for Ctrl-C")?;
        signal_hook::flag::register(signal, Arc::clone(&stop)).context("listening for Ctrl-C")?;
    }
    let (mut db, _lock) = open_for_writing(store)?;
    // Opened first, as ingest does: an index behind the store is brought up
    // to date from what the store held, then this run's documents are added.
    let (mut index, _) = open_index(store, db.as_ref(), true)?;
    let mut symbols: Vec<String> = args
        .symbols
        .iter()
        .map(|s| undoc_query::canonical(s))
        .collect();
    if let Some((min_citations, limit)) = args.missing {
        symbols.extend(
            db.not_held(min_citations, limit)?
                .into_iter()
                .map(|c| c.symbol),
        );
    }
    let plan = Plan {
        symbols,
        languages: args.languages.clone(),
        follow: args.follow.map(walk::Follow::from),
        depth: args.depth,
        refresh: args.refresh,
    };
    let mut progress = Progress::new(args.json);
    let mut run = Walk {
        documents: &mut documents,
        catalogue: catalogue.as_mut(),
        stop: &stop,
    };
    let summary = run.run(db.as_mut(), &plan, &mut progress)?;
    if let Some(bar) = &progress.bar {
        bar.finish_and_clear();
    }
    if !summary.stored.is_empty() {
        index
            .update(db.as_ref(), &summary.stored)
            .context("updating the search index")?;
    }
    let tally = summary.tally;
    let ending = if summary.interrupted {
        "; interrupted: run it again to go on"
    } else if summary.budget_spent {
        "; the request budget is spent (--max-requests): run it again to go on"
    } else {
        ""
    };
    if args.json {
        emit(
            true,
            json!({
                "results": progress.lines,
                "fetched": tally.fetched,
                "held": tally.held,
                "missing": tally.missing,
                "failed": tally.failed,
                "catalogued": tally.catalogued,
                "requests": tally.requests,
                "interrupted": summary.interrupted,
            }),
            String::new,
        )?;
    } else {
        let catalogued = if catalogue.is_some() {
            format!(", catalogue records {}", tally.catalogued)
        } else {
            String::new()
        };
        println!("{}{catalogued}{ending}", counts(&tally));
    }
    Ok(if summary.interrupted {
        ExitCode::from(130)
    } else if tally.failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
