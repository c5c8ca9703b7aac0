//! Scale benchmarks for the corpus commands (issue 4): real documents are only
//! a few thousand, so the corpus is grown by re-issuing real ones.
//!
//! - `undoc-bench synth SOURCE_STORE OUT_DIR COUNT`: writes COUNT plain-text
//!   documents, each a real stored document re-issued under a new symbol
//!   (`A/99/N` and `S/2099/N`) and a new date, with a first line that says it
//!   is synthetic. They go through the real parser when ingested.
//! - `undoc-bench synth-languages SOURCE_STORE OUT_DIR COUNT`: the same for
//!   documents in several languages: each synthetic work (`A/98/N`) is a real
//!   work of the source store (the AKN resolutions) with all its language
//!   versions, each written as a text file, until COUNT texts are written.
//! - `undoc-bench search-languages STORE QUERIES`: QUERIES searches per
//!   language, by words drawn from that language's stored texts; p50 and p99
//!   per language, and their ratio to English in the same run.
//! - `undoc-bench search STORE QUERIES`: runs QUERIES varied searches (words,
//!   phrases, symbols, filters; snippets always) in one process and prints
//!   p50, p99 and max latency.
//!
//! - `undoc-bench load URL SECONDS CONCURRENCY`: a load generator for
//!   `undoc serve`: CONCURRENCY connections for SECONDS against a static file
//!   (the HTTP baseline), then the same against varied searches; prints
//!   requests/s, p50/p99/max latency and every error, and the ratio of the two.
//!
//! - `undoc-bench load-paths URL SECONDS CONCURRENCY FILE`: the same baseline,
//!   then the paths of FILE (one per line, in turn): document pages and threads.
//!
//! Not a test: nothing here checks answers; `benches/corpus-scale.sh`,
//! `benches/serve-load.sh` and `benches/links-pages.sh` run it.

use std::io::Write;
use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use undoc_store::{SqliteStore, Store};

mod load;

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["synth", source, out, count] => {
            synth(Path::new(source), Path::new(out), count.parse()?, 0)
        }
        // A slice of a larger synthetic corpus (numbers FIRST on), so that a
        // million documents can be ingested a slice at a time without all
        // their files on disk at once.
        ["synth", source, out, count, first] => synth(
            Path::new(source),
            Path::new(out),
            count.parse()?,
            first.parse()?,
        ),
        ["search", store, queries] => search(Path::new(store), queries.parse()?),
        ["synth-languages", source, out, count] => {
            synth_languages(Path::new(source), Path::new(out), count.parse()?)
        }
        ["search-languages", store, queries] => {
            search_languages(Path::new(store), queries.parse()?)
        }
        ["load", url, seconds, concurrency] => {
            load::run(url, seconds.parse()?, concurrency.parse()?, false)
        }
        ["load-paths", url, seconds, concurrency, file] => {
            let paths = std::fs::read_to_string(file)
                .with_context(|| format!("reading {file}"))?
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect();
            load::run_paths(url, seconds.parse()?, concurrency.parse()?, paths)
        }
        ["load", url, seconds, concurrency, "search-only"] => {
            load::run(url, seconds.parse()?, concurrency.parse()?, true)
        }
        _ => bail!(
            "usage: undoc-bench synth SOURCE_STORE OUT_DIR COUNT [FIRST] | undoc-bench synth-languages SOURCE_STORE OUT_DIR COUNT | undoc-bench search STORE QUERIES | undoc-bench search-languages STORE QUERIES | undoc-bench load URL SECONDS CONCURRENCY [search-only] | undoc-bench load-paths URL SECONDS CONCURRENCY PATHS_FILE"
        ),
    }
}

/// A small deterministic generator (xorshift), so runs are repeatable.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn synth(source: &Path, out: &Path, count: usize, first: usize) -> Result<()> {
    let store = SqliteStore::open(source).context("opening the source store")?;
    let mut records = Vec::new();
    for id in store.ids()? {
        if let Some(r) = store.get(&id)?
            && r.paragraphs.len() > 2
        {
            records.push(r);
        }
    }
    if records.is_empty() {
        bail!("the source store has no documents to re-issue");
    }
    std::fs::create_dir_all(out)?;
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ (first as u64).wrapping_mul(0x2545_F491_4F6C_DD1D));
    for n in first..first + count {
        let r = &records[rng.below(records.len())];
        let (day, month) = (1 + rng.below(28), undoc_model::MONTHS[rng.below(12)]);
        let year = 2026 + rng.below(20);
        let dir = out.join(format!("{:04}", n / 1000));
        if n == first || n % 1000 == 0 {
            std::fs::create_dir_all(&dir)?;
        }
        let mut text = String::with_capacity(8 * 1024);
        text.push_str(&format!("United Nations    A/99/{n}-S/{year}/{n}\n\n"));
        text.push_str("General Assembly\nSecurity Council\n   Distr.: General\n");
        text.push_str(&format!("{day} {month} {year}\n\nOriginal: English\n\n"));
        text.push_str(
            "General Assembly    Security Council\nNinety-ninth session    Eighty-first year\n",
        );
        if let Some(item) = r.agenda_items.first() {
            text.push_str(&format!(
                "Agenda item {}\n{}\n",
                item.number,
                item.title.as_deref().unwrap_or("Item")
            ));
        }
        text.push_str(&format!(
            "\n\n    Letter dated {day} {month} {year} from the Permanent Representative of {} to the United Nations addressed to the Secretary-General\n\n",
            r.letter.as_ref().and_then(|l| l.sender_state.as_deref()).unwrap_or("Azerbaijan")
        ));
        text.push_str(&format!(
            "  Synthetic document generated for benchmarking from {} (not a UN document).\n\n",
            r.id
        ));
        for p in &r.paragraphs {
            text.push_str("  ");
            text.push_str(&p.text.replace('\n', " "));
            text.push_str("\n\n");
        }
        let mut file = std::fs::File::create(dir.join(format!("synthetic-{n:06}.txt")))?;
        file.write_all(text.as_bytes())?;
    }
    println!(
        "wrote {count} synthetic documents from {} real ones",
        records.len()
    );
    Ok(())
}

fn search(store_dir: &Path, queries: usize) -> Result<()> {
    let t = Instant::now();
    // Either engine: tantivy beside an embedded store, or PostgreSQL by URL.
    let location = undoc_backend::Location::from_path(store_dir);
    let store = location.open(undoc_backend::Access::Write)?;
    // The engine's own work: the queries below repeat, and the embedded
    // index would answer a repeat from memory (`undoc_search::ResultCache`).
    let (index, _) = match &location {
        undoc_backend::Location::Embedded(dir) => {
            let (index, freshness) =
                undoc_index::SearchIndex::open(&undoc_index::dir_in_store(dir), store.as_ref())?;
            (
                Box::new(index.without_cache()) as Box<dyn undoc_index::Search + Send + Sync>,
                freshness,
            )
        }
        undoc_backend::Location::Postgres { url, .. } => match std::env::var_os("UNDOC_INDEX") {
            // The tantivy index following the database (`undoc --index`).
            Some(dir) => {
                let (following, freshness) = undoc_backend::Following::open(
                    Path::new(&dir),
                    undoc_postgres::PgStore::connect(url)?,
                )?;
                (
                    Box::new(following.without_cache())
                        as Box<dyn undoc_index::Search + Send + Sync>,
                    freshness,
                )
            }
            None => (
                Box::new(undoc_postgres::PgStore::connect(url)?.without_cache())
                    as Box<dyn undoc_index::Search + Send + Sync>,
                undoc_index::Freshness::Current,
            ),
        },
    };
    eprintln!(
        "index open: {:.1} ms, {} documents",
        t.elapsed().as_secs_f64() * 1e3,
        index.num_docs()
    );
    // Words and phrases from the documents, symbols, and the filters people use.
    let words = [
        "ceasefire",
        "Zangezur",
        "humanitarian",
        "territorial integrity",
        "\"international law\"",
        "nuclear",
        "Cyprus",
        "UNRWA",
        "sanctions",
        "refugees",
        "\"Security Council\"",
        "landmines",
        "aggression",
        "elections",
        "Palestinian people",
        "climate change",
        "terrorism",
        "\"occupied territories\"",
        "peacekeeping",
        "Libya",
    ];
    let mut rng = Rng(42);
    let mut times = Vec::with_capacity(queries);
    let mut by_kind: std::collections::BTreeMap<&str, Vec<f64>> = Default::default();
    let mut total_hits = 0usize;
    let mut slowest: Vec<(f64, String)> = Vec::new();
    for i in 0..queries {
        let mut request = undoc_index::SearchRequest {
            limit: 20,
            ..Default::default()
        };
        request.query = match i % 10 {
            0 => format!("A/99/{}", rng.below(1000)),
            1 => format!(
                "{} {}",
                words[rng.below(words.len())],
                words[rng.below(words.len())]
            ),
            _ => words[rng.below(words.len())].to_owned(),
        };
        match i % 4 {
            1 => request.filters.organ = Some("S".into()),
            2 => {
                request.filters.organ = Some("A".into());
                request.filters.year = Some(2026 + rng.below(20) as i32);
            }
            3 => {
                request.filters.doc_type = Some(undoc_model::DocType::Letter);
                request.filters.from = Some("2030-01-01".into());
                request.filters.to = Some("2035-12-31".into());
            }
            _ => {}
        }
        let t = Instant::now();
        let results = index.search(&request)?;
        let ms = t.elapsed().as_secs_f64() * 1e3;
        times.push(ms);
        let kind = match i % 10 {
            0 => "symbol",
            1 => "two terms",
            _ => "one term or phrase",
        };
        by_kind.entry(kind).or_default().push(ms);
        let filtered = match i % 4 {
            1 => "filtered by organ",
            2 => "filtered by organ and year",
            3 => "filtered by type and dates",
            _ => "unfiltered",
        };
        by_kind.entry(filtered).or_default().push(ms);
        total_hits += results.hits.len();
        slowest.push((
            ms,
            format!("{:?} {filtered}: {} matches", request.query, results.total),
        ));
    }
    times.sort_by(f64::total_cmp);
    let at = |q: f64| times[((times.len() as f64 * q) as usize).min(times.len() - 1)];
    println!(
        "{queries} queries over {} documents: p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms ({total_hits} hits shown)",
        index.num_docs(),
        at(0.5),
        at(0.99),
        at(1.0)
    );
    // Where the tail is: the slowest queries, each with its matches.
    slowest.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (ms, what) in slowest.iter().take(
        std::env::var("UNDOC_BENCH_SLOWEST")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(queries / 100 + 1),
    ) {
        eprintln!("  slow: {ms:.2} ms {what}");
    }
    for (kind, mut t) in by_kind {
        t.sort_by(f64::total_cmp);
        let at = |q: f64| t[((t.len() as f64 * q) as usize).min(t.len() - 1)];
        println!(
            "  {kind}: {} queries, p50 {:.2} ms, p99 {:.2} ms",
            t.len(),
            at(0.5),
            at(0.99)
        );
    }
    Ok(())
}

/// Texts of the source store grouped by work (id), each with its language.
fn works_by_language(store: &SqliteStore) -> Result<Vec<Vec<undoc_model::Record>>> {
    let mut works: std::collections::BTreeMap<String, Vec<undoc_model::Record>> =
        std::collections::BTreeMap::new();
    for key in store.ids()? {
        if let Some(r) = store.get(&key)?
            && r.paragraphs.len() > 2
        {
            works.entry(r.id.clone()).or_default().push(r);
        }
    }
    Ok(works.into_values().collect())
}

fn synth_languages(source: &Path, out: &Path, count: usize) -> Result<()> {
    let store = SqliteStore::open(source).context("opening the source store")?;
    let works = works_by_language(&store)?;
    if works.is_empty() {
        bail!("the source store has no documents to re-issue");
    }
    std::fs::create_dir_all(out)?;
    let mut rng = Rng(0x51_7CC1_B727_220A);
    let (mut written, mut work) = (0, 0);
    while written < count {
        let versions = &works[rng.below(works.len())];
        let (day, month) = (1 + rng.below(28), undoc_model::MONTHS[rng.below(12)]);
        let year = 2026 + rng.below(20);
        for r in versions {
            if written == count {
                break;
            }
            let dir = out.join(format!("{:03}", written / 1000));
            if written % 1000 == 0 {
                std::fs::create_dir_all(&dir)?;
            }
            // The masthead as an English one (the parser reads it); the text in its own language.
            let mut text = String::with_capacity(16 * 1024);
            text.push_str(&format!(
                "United Nations    A/RES/98/{work}\n\nGeneral Assembly    Distr.: General\n"
            ));
            text.push_str(&format!("{day} {month} {year}\n\nNinety-eighth session\n"));
            if let Some(item) = r.agenda_items.first() {
                text.push_str(&format!(
                    "Agenda item {}\n{}\n",
                    item.number,
                    item.title.as_deref().unwrap_or("Item")
                ));
            }
            text.push_str(&format!(
                "\n\n    Resolution adopted by the General Assembly on {day} {month} {year}\n\n"
            ));
            for p in &r.paragraphs {
                text.push_str("  ");
                text.push_str(&p.text.replace('\n', " "));
                text.push_str("\n\n");
            }
            let name = format!("synthetic-{work:06}.{}.txt", r.language);
            std::fs::File::create(dir.join(name))?.write_all(text.as_bytes())?;
            written += 1;
        }
        work += 1;
    }
    println!(
        "wrote {count} synthetic texts of {work} works from {} real works",
        works.len()
    );
    Ok(())
}

/// Words of a text to search by: letters only, not too short; Chinese as
/// the words jieba cuts (a reader types words, not arbitrary character pairs).
fn query_words(text: &str, language: &str) -> Vec<String> {
    if language == "zh" {
        return undoc_index::chinese_words(text);
    }
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 6)
        .map(str::to_lowercase)
        .collect()
}

fn search_languages(store_dir: &Path, queries: usize) -> Result<()> {
    let store = SqliteStore::open(store_dir)?;
    let t = Instant::now();
    let (index, _) = undoc_index::SearchIndex::open(&store_dir.join("index"), &store)?;
    let index = index.without_cache();
    eprintln!(
        "index open: {:.1} ms, {} works",
        t.elapsed().as_secs_f64() * 1e3,
        index.num_docs()
    );
    // Chinese segmentation loads its dictionary on first use: not a search's cost.
    index.search(&undoc_index::SearchRequest {
        query: "联合国".into(),
        limit: 1,
        ..Default::default()
    })?;
    let keys = store.ids()?;
    let languages = ["en", "fr", "es", "ru", "ar", "zh"];
    let mut rng = Rng(7);
    let mut results: Vec<(&str, f64, f64, usize)> = Vec::new();
    for language in languages {
        let texts: Vec<&String> = keys
            .iter()
            .filter(|k| undoc_model::split_key(k).1 == language)
            .collect();
        if texts.is_empty() {
            continue;
        }
        // Vocabulary from 100 of the language's texts.
        let mut vocabulary = Vec::new();
        for _ in 0..100 {
            if let Some(r) = store.get(texts[rng.below(texts.len())])? {
                vocabulary.extend(query_words(&r.body_text(), language));
            }
        }
        if vocabulary.is_empty() {
            continue;
        }
        let mut times = Vec::with_capacity(queries);
        let mut hits = 0;
        for i in 0..queries {
            let query = if i % 3 == 0 {
                format!(
                    "{} {}",
                    vocabulary[rng.below(vocabulary.len())],
                    vocabulary[rng.below(vocabulary.len())]
                )
            } else {
                vocabulary[rng.below(vocabulary.len())].clone()
            };
            let request = undoc_index::SearchRequest {
                query,
                limit: 20,
                ..Default::default()
            };
            let t = Instant::now();
            let found = index.search(&request)?;
            times.push(t.elapsed().as_secs_f64() * 1e3);
            hits += usize::from(found.total > 0);
        }
        times.sort_by(f64::total_cmp);
        let at = |q: f64| times[((times.len() as f64 * q) as usize).min(times.len() - 1)];
        results.push((language, at(0.5), at(0.99), hits));
    }
    let (en50, en99) = results
        .iter()
        .find(|r| r.0 == "en")
        .map_or((1.0, 1.0), |r| (r.1, r.2));
    println!(
        "{queries} queries per language over {} texts ({} works); ratios to English in this run",
        keys.len(),
        index.num_docs()
    );
    for (language, p50, p99, hits) in results {
        println!(
            "  {language}: p50 {p50:.2} ms ({:.2}x), p99 {p99:.2} ms ({:.2}x), {hits}/{queries} queries found something",
            p50 / en50,
            p99 / en99
        );
    }
    Ok(())
}
