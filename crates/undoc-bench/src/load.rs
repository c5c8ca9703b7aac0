//! A load generator for `undoc serve`: keep-alive HTTP/1.1 connections, each
//! sending its next request as soon as the last one is answered.

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;

/// Words the searches use (each appears in the letters corpus).
const WORDS: [&str; 16] = [
    "ceasefire",
    "Zangezur",
    "humanitarian",
    "%22territorial+integrity%22",
    "%22international+law%22",
    "nuclear",
    "Cyprus",
    "UNRWA",
    "sanctions",
    "refugees",
    "%22Red+Sea%22",
    "landmines",
    "aggression",
    "Houthi",
    "A/79/818",
    "Libya",
];

/// The searches: words, with and without filters.
fn search_path(i: usize) -> String {
    let word = WORDS[i % WORDS.len()];
    match i % 4 {
        0 => format!("/api/search?q={word}"),
        1 => format!("/api/search?q={word}&organ=S"),
        2 => format!("/api/search?q={word}&type=letter&from=2025-01-01&to=2025-12-31"),
        _ => format!("/api/search?q={word}&organ=A&session=79&limit=10"),
    }
}

struct Outcome {
    latencies: Vec<f64>,
    errors: Vec<String>,
    elapsed: f64,
}

/// The path of a worker's `i`th request.
type PathOf = Arc<dyn Fn(usize) -> String + Send + Sync>;

async fn phase(base: &str, seconds: u64, concurrency: usize, path: PathOf) -> Result<Outcome> {
    let client: Client<_, Empty<Bytes>> = Client::builder(TokioExecutor::new())
        .pool_max_idle_per_host(concurrency)
        .build_http();
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let start = Instant::now();
    let mut tasks = Vec::with_capacity(concurrency);
    for worker in 0..concurrency {
        let client = client.clone();
        let path = Arc::clone(&path);
        let base = base.trim_end_matches('/').to_owned();
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut errors = Vec::new();
            let mut i = worker * 7;
            while Instant::now() < deadline {
                let uri = format!("{base}{}", path(i));
                i += 1;
                let t = Instant::now();
                let uri: hyper::Uri = match uri.parse() {
                    Ok(u) => u,
                    Err(e) => {
                        errors.push(format!("{uri}: {e}"));
                        continue;
                    }
                };
                match client.get(uri.clone()).await {
                    Ok(response) => {
                        let status = response.status();
                        let body = response.into_body().collect().await;
                        latencies.push(t.elapsed().as_secs_f64() * 1e3);
                        if !status.is_success() || body.is_err() {
                            errors.push(format!("{uri}: {status}"));
                        }
                    }
                    Err(e) => errors.push(format!("{uri}: {e}")),
                }
            }
            (latencies, errors)
        }));
    }
    let mut outcome = Outcome {
        latencies: Vec::new(),
        errors: Vec::new(),
        elapsed: 0.0,
    };
    for task in tasks {
        let (latencies, errors) = task.await.context("a load worker failed")?;
        outcome.latencies.extend(latencies);
        outcome.errors.extend(errors);
    }
    outcome.elapsed = start.elapsed().as_secs_f64();
    outcome.latencies.sort_by(f64::total_cmp);
    Ok(outcome)
}

fn report(name: &str, o: &Outcome) -> f64 {
    let n = o.latencies.len();
    let at = |q: f64| {
        o.latencies
            .get(((n as f64 * q) as usize).min(n.saturating_sub(1)))
            .copied()
            .unwrap_or(0.0)
    };
    let rate = n as f64 / o.elapsed.max(1e-9);
    println!(
        "{name}: {n} requests in {:.1} s = {rate:.0} requests/s; p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms; {} errors",
        o.elapsed,
        at(0.5),
        at(0.99),
        at(1.0),
        o.errors.len()
    );
    for e in o.errors.iter().take(10) {
        println!("  error: {e}");
    }
    rate
}

pub fn run(base: &str, seconds: u64, concurrency: usize, search_only: bool) -> Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        if search_only {
            let searches = phase(base, seconds, concurrency, Arc::new(search_path)).await?;
            report("search", &searches);
            if !searches.errors.is_empty() {
                anyhow::bail!("{} errors", searches.errors.len());
            }
            return Ok(());
        }
        let baseline = phase(base, seconds, concurrency, Arc::new(static_path)).await?;
        let static_rate = report("static file (baseline)", &baseline);
        let searches = phase(base, seconds, concurrency, Arc::new(search_path)).await?;
        let search_rate = report("search", &searches);
        println!(
            "search rate / static-file rate: {:.4}",
            search_rate / static_rate.max(1e-9)
        );
        if !baseline.errors.is_empty() || !searches.errors.is_empty() {
            anyhow::bail!("{} errors", baseline.errors.len() + searches.errors.len());
        }
        Ok(())
    })
}

fn static_path(_: usize) -> String {
    "/static/style.css".to_owned()
}

/// The given paths in turn (document pages, threads), after the static-file
/// baseline of the same run: p50 and p99 of each, and their ratio to it.
pub fn run_paths(base: &str, seconds: u64, concurrency: usize, paths: Vec<String>) -> Result<()> {
    anyhow::ensure!(!paths.is_empty(), "no paths to request");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let baseline = phase(base, seconds, concurrency, Arc::new(static_path)).await?;
        report("static file (baseline)", &baseline);
        let paths = Arc::new(paths);
        let pages = phase(
            base,
            seconds,
            concurrency,
            Arc::new(move |i| paths[i % paths.len()].clone()),
        )
        .await?;
        report("paths", &pages);
        let p50 = |o: &Outcome| {
            o.latencies
                .get(o.latencies.len() / 2)
                .copied()
                .unwrap_or(0.0)
        };
        println!(
            "paths p50 / static-file p50: {:.2}",
            p50(&pages) / p50(&baseline).max(1e-9)
        );
        if !pages.errors.is_empty() {
            anyhow::bail!("{} errors", pages.errors.len());
        }
        Ok(())
    })
}
