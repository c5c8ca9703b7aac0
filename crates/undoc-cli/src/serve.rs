//! `undoc serve` and `undoc demo`: the HTTP server over the store.

use std::net::SocketAddr;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};

/// The seed letter, compiled in so that `undoc demo` works from anywhere.
const SEED_NAME: &str = "azerbaijan-letter-2021-05-07.md";
const SEED: &str = include_str!("../../../examples/azerbaijan-letter-2021-05-07.md");

/// The shortest upload token accepted.
const MIN_TOKEN_CHARS: usize = 16;

pub fn serve(
    store: &undoc_backend::Location,
    read_store: Option<undoc_backend::Location>,
    addr: SocketAddr,
    allow_ingest: bool,
    fetch: Option<undoc_fetch::Config>,
) -> Result<ExitCode> {
    let token = std::env::var("UNDOC_TOKEN").ok().filter(|t| !t.is_empty());
    let writes = allow_ingest || fetch.is_some();
    if writes && token.is_none() {
        eprintln!(
            "undoc: --allow-ingest and --allow-fetch need a token in UNDOC_TOKEN (requests without it are refused)"
        );
        return Ok(ExitCode::from(2));
    }
    if let Some(service) = &fetch {
        undoc_fetch::Client::new(service.clone()).context("the document service")?;
    }
    if writes
        && token
            .as_ref()
            .is_some_and(|t| t.chars().count() < MIN_TOKEN_CHARS)
    {
        eprintln!(
            "undoc: UNDOC_TOKEN must be at least {MIN_TOKEN_CHARS} characters (a guessable token guards nothing)"
        );
        return Ok(ExitCode::from(2));
    }
    if read_store.is_some() && store.embedded().is_some() {
        eprintln!(
            "undoc: --read-store is a standby of a PostgreSQL --store; an embedded store has none"
        );
        return Ok(ExitCode::from(2));
    }
    let config = undoc_server::Config {
        store: store.clone(),
        allow_ingest,
        token,
        fetch,
        read_store,
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    // Opened before the runtime starts: a PostgreSQL store blocks on its own.
    let state = undoc_server::AppState::open(config)
        .map_err(|e| anyhow::anyhow!("opening {store}: {e}"))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .with_context(|| format!("cannot listen on {addr}"))?;
        let local = listener.local_addr().context("reading the bound address")?;
        // The first line of output is the address, for people and for scripts.
        println!("undoc: serving {} at http://{local}/", store.label());
        use std::io::Write;
        let _ = std::io::stdout().flush();
        undoc_server::serve(listener, state)
            .await
            .context("serving")?;
        Ok::<_, anyhow::Error>(ExitCode::SUCCESS)
    })
}

pub fn demo(
    store: &undoc_backend::Location,
    addr: SocketAddr,
    paths: &[String],
) -> Result<ExitCode> {
    // From a checkout, the example as it ships; elsewhere, the copy compiled in.
    let shipped = Path::new("examples").join(SEED_NAME);
    let temporary;
    let seed = if shipped.is_file() {
        shipped
    } else {
        temporary = tempfile::tempdir().context("creating a temporary folder")?;
        let path = temporary.path().join(SEED_NAME);
        std::fs::write(&path, SEED).context("writing the example letter")?;
        path
    };
    let mut inputs = vec![seed.display().to_string()];
    inputs.extend(paths.iter().cloned());
    let code = crate::corpus::ingest(store, &inputs, &undoc_ingest::Options::default())?;
    if code != ExitCode::SUCCESS {
        eprintln!("undoc: some inputs failed (listed above); serving the rest");
    }
    serve(store, None, addr, false, None)
}
