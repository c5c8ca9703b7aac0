//! The `undoc` binary: command-line flags in, one line per failure out, and
//! the exit code (0 all went well, 1 some inputs failed, 2 usage error).

mod corpus;
mod fetch;
mod say;
mod serve;
mod summary;

use std::io::{BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use undoc_extract::{Options, PdfExtractor};

#[derive(Debug, Parser)]
#[command(
    name = "undoc",
    version,
    about = "United Nations documents, parsed, linked and searchable"
)]
struct Cli {
    /// The store: a folder for the embedded store, or postgres://user@host:port/db
    /// (default: $UNDOC_STORE, else ./undoc-data).
    #[arg(long, global = true, env = "UNDOC_STORE", default_value = "undoc-data", value_parser = location())]
    store: undoc_backend::Location,
    /// For a PostgreSQL store: answer searches from a search index in this
    /// folder, built from the database on first use and brought up to date
    /// from its change log before each search (default: $UNDOC_INDEX; none:
    /// PostgreSQL's own text search).
    #[arg(long, global = true, env = "UNDOC_INDEX")]
    index: Option<std::path::PathBuf>,
    /// How long a command that writes waits for another writer to finish (seconds).
    #[arg(long, global = true, env = "UNDOC_WAIT", default_value_t = 60)]
    wait: u64,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Parse documents (PDF, markdown, text) into records.
    Parse {
        /// Print one JSON record per line (JSON Lines) instead of a summary.
        #[arg(long)]
        json: bool,
        /// Which PDF text extractor to use.
        #[arg(long, value_enum, default_value_t = Extractor::Auto)]
        pdf_extractor: Extractor,
        /// When to read PDFs with OCR (tesseract and pdftoppm, where installed).
        #[arg(long, value_enum, env = "UNDOC_OCR", default_value_t = OcrChoice::Auto)]
        ocr: OcrChoice,
        /// Refuse files larger than this many bytes.
        #[arg(long, default_value_t = undoc_extract::DEFAULT_MAX_BYTES)]
        max_bytes: u64,
        /// The documents.
        #[arg(required = true)]
        files: Vec<std::path::PathBuf>,
    },
    /// Parse files, folders (recursively) and glob patterns into the store.
    Ingest {
        /// Which PDF text extractor to use.
        #[arg(long, value_enum, default_value_t = Extractor::Auto)]
        pdf_extractor: Extractor,
        /// When to read PDFs with OCR (tesseract and pdftoppm, where installed).
        #[arg(long, value_enum, env = "UNDOC_OCR", default_value_t = OcrChoice::Auto)]
        ocr: OcrChoice,
        /// Files per transaction.
        #[arg(long, default_value_t = 64)]
        batch: usize,
        /// Files, folders, patterns.
        #[arg(required = true)]
        paths: Vec<String>,
    },
    /// A document, its references marked as found in the store or not; for a
    /// document cited but not held, who cites it and its official link.
    Show {
        #[arg(long)]
        json: bool,
        /// The version in this language (en, fr, es, ru, ar, zh).
        #[arg(long = "lang")]
        language: Option<String>,
        /// Any of its symbols (or its id).
        symbol: String,
    },
    /// How to cite a stored document: the UN's own style (creator, title,
    /// symbol, date, permalink), or BibTeX, RIS or CSL-JSON for a reference
    /// manager (Zotero files it as a report numbered by its symbol).
    Cite {
        #[arg(long, value_enum, default_value = "text")]
        format: CiteFormatArg,
        /// The version in this language (en, fr, es, ru, ar, zh).
        #[arg(long = "lang")]
        language: Option<String>,
        /// Any of its symbols (or its id).
        symbol: String,
    },
    /// The exchange a document belongs to (replies both ways, held or not), as
    /// a tree of who answers whom; `--json` gives nodes and edges.
    Thread {
        #[arg(long)]
        json: bool,
        symbol: String,
    },
    /// The documents a stored document names, each once with how many times.
    Cites {
        #[arg(long)]
        json: bool,
        symbol: String,
    },
    /// The stored documents that refer to this one, held or not (any written
    /// form: `S/RES/822`, `822 (1993)`, `S/RES/822 (1993)`).
    CitedBy {
        #[arg(long)]
        json: bool,
        symbol: String,
    },
    /// The symbol of a document whose masthead lost it: from held documents
    /// that name it by date, sender and symbol, and from catalogue records of
    /// its date and title. Candidates with their evidence; never replaces a
    /// symbol the text prints.
    Identify {
        #[arg(long)]
        json: bool,
        /// The document (PDF, text, markdown).
        file: std::path::PathBuf,
    },
    /// Documents cited but not held, most cited first: what to fetch next.
    Missing {
        #[arg(long)]
        json: bool,
        /// Only those cited by at least this many documents.
        #[arg(long, default_value_t = 1)]
        min_citations: usize,
        /// At most this many.
        #[arg(long, default_value_t = 1000)]
        limit: usize,
    },
    /// Documents under an agenda item: `undoc agenda A 79 40`.
    Agenda {
        #[arg(long)]
        json: bool,
        organ: String,
        session: String,
        item: u32,
    },
    /// Full-text search with filters; facet counts for organ, type, year, agenda item, sender, speaker and speaking State.
    Search {
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        request: SearchArgs,
    },
    /// Rebuild the search index from the store.
    Reindex,
    /// Write stored documents out: the given symbols, those matching the filters, or all.
    Export {
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// A file to write (standard output without it); for akn and parquet, a folder.
        #[arg(long)]
        out: Option<std::path::PathBuf>,
        /// CSV and JSON Lines: one row per reference (the edge list) instead of one per document.
        #[arg(long)]
        references: bool,
        /// Words or a phrase the documents must match.
        #[arg(long, default_value = "")]
        query: String,
        #[command(flatten)]
        filters: undoc_search::Filters,
        /// Symbols of the documents to export.
        symbols: Vec<String>,
    },
    /// Import library catalogue records (MARCXML, UN Digital Library profile):
    /// kept whole for export, and their subjects and authors added to the
    /// stored documents they describe.
    ImportMarc {
        /// MARCXML files (a collection or single records).
        #[arg(required = true)]
        files: Vec<std::path::PathBuf>,
    },
    /// Serve the store: the web UI and the JSON API (read-only unless --allow-ingest).
    Serve {
        /// Address to listen on (loopback by default; port 0 picks a free one).
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: std::net::SocketAddr,
        /// Add `POST /api/documents`, which needs `Authorization: Bearer $UNDOC_TOKEN`.
        #[arg(long)]
        allow_ingest: bool,
        /// Send reads and searches to this PostgreSQL streaming-replication
        /// standby of --store (postgres://…); writes still go to --store.
        #[arg(long, value_parser = read_store_argument)]
        read_store: Option<undoc_backend::Location>,
        /// Offer "Fetch from the UN" on the page of a document not held, and
        /// POST /api/fetch (needs UNDOC_TOKEN too): one request at a time,
        /// --delay apart, to --ods-url only.
        #[arg(long)]
        allow_fetch: bool,
        /// The document service fetches ask (a mirror, or a test server).
        #[arg(long, env = "UNDOC_ODS_URL", default_value = undoc_fetch::DEFAULT_ODS_URL)]
        ods_url: String,
        /// Seconds between two requests to the document service.
        #[arg(long, default_value_t = 1.0)]
        delay: f64,
    },
    /// Ingest the example documents that ship with undoc (and any folders given), then serve them.
    Demo {
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: std::net::SocketAddr,
        /// More files or folders to ingest first (e.g. ../shared/corpus/letters).
        paths: Vec<String>,
    },
    /// Copy a store into another: folder to PostgreSQL URL, or back.
    Migrate {
        /// The store to copy from (a folder or postgres://…).
        #[arg(long, value_parser = location())]
        from: undoc_backend::Location,
        /// The store to copy into (a folder or postgres://…).
        #[arg(long, value_parser = location())]
        to: undoc_backend::Location,
    },
    /// Counts over the store.
    Stats {
        #[arg(long)]
        json: bool,
    },
    /// Removes original files that no stored record names.
    Gc,
    /// Fetch documents by symbol from the UN's Official Document System and
    /// ingest them; with --follow, what they answer or cite too. Politely:
    /// one request at a time, --delay apart, to --ods-url only.
    Fetch {
        /// Symbols (A/79/818, S/RES/822 (1993)), or a run of one series
        /// (S/2025/500..S/2025/560).
        #[arg(required_unless_present = "missing")]
        symbols: Vec<String>,
        /// The documents the store cites but does not hold, most cited first.
        #[arg(long)]
        missing: bool,
        /// With --missing: only those cited by at least this many documents.
        #[arg(long, default_value_t = 1)]
        min_citations: usize,
        /// With --missing: at most this many.
        #[arg(long, default_value_t = 100)]
        limit: usize,
        /// The language versions to fetch: en, fr, es, ru, ar, zh, or all.
        #[arg(long = "lang", default_value = "en")]
        language: String,
        /// Also fetch what each fetched document answers (replies) or names (cites, all).
        #[arg(long, value_enum)]
        follow: Option<fetch::Follow>,
        /// How many steps --follow goes from the symbols given.
        #[arg(long, default_value_t = 1)]
        depth: u32,
        /// The document service (a mirror, or a test server).
        #[arg(long, env = "UNDOC_ODS_URL", default_value = undoc_fetch::DEFAULT_ODS_URL)]
        ods_url: String,
        /// Seconds between two requests.
        #[arg(long, default_value_t = 1.0)]
        delay: f64,
        /// Seconds one request may take.
        #[arg(long, default_value_t = 60.0)]
        timeout: f64,
        /// The most requests this run sends.
        #[arg(long, default_value_t = 1000)]
        max_requests: u64,
        /// Attempts after the first for an answer worth retrying (429, 5xx, a
        /// timeout), each after twice the wait of the one before.
        #[arg(long, default_value_t = 3)]
        retries: u32,
        /// Ask again for documents recorded as missing more than this many days ago.
        #[arg(long, default_value_t = 30)]
        refresh: u64,
        /// Also the UN Digital Library's catalogue record of each symbol
        /// (MARCXML, joined as import-marc joins a file).
        #[arg(long)]
        catalogue: bool,
        /// The catalogue (a mirror, or a test server).
        #[arg(long, env = "UNDOC_UNDL_URL", default_value = undoc_fetch::DEFAULT_UNDL_URL)]
        undl_url: String,
        #[arg(long)]
        json: bool,
    },
    /// Removes documents from the store and the search index: every language
    /// version of each, or only one with --lang. Documents citing them keep
    /// their references (to a document no longer held).
    Remove {
        /// Only this language version (en, fr, es, ru, ar, zh).
        #[arg(long = "lang")]
        language: Option<String>,
        #[arg(long)]
        json: bool,
        /// Symbols (or ids) of the documents to remove.
        #[arg(required = true)]
        symbols: Vec<String>,
    },
    /// A State's statements in the stored meeting records, newest meeting
    /// first: meeting, date, speaker, kind and the speech's opening words.
    Speeches {
        #[arg(long)]
        json: bool,
        /// Only speakers whose name holds this ("Nebenzia").
        #[arg(long)]
        speaker: Option<String>,
        /// Only speeches of this kind: statement, explanation_of_vote,
        /// right_of_reply, point_of_order, procedural.
        #[arg(long, value_parser = parse_speech_kind)]
        kind: Option<undoc_model::SpeechKind>,
        /// At most this many speeches.
        #[arg(long, default_value_t = 50)]
        limit: usize,
        /// The State, in any case ("Armenia", "UNITED STATES"), or an
        /// organization as the records print it ("European Union").
        state: String,
        /// Words every speech listed must hold, in any case.
        #[arg(default_value = "")]
        query: String,
    },
    /// A State's voting record: how it voted in every recorded vote stored.
    Votes {
        #[arg(long)]
        json: bool,
        /// The State, in any case ("France", "UNITED STATES", "Türkiye").
        state: String,
    },
}

impl Command {
    /// The commands that write batches into the store and its index: their
    /// allocator is bounded (`undoc-alloc`), so their peak memory follows
    /// the work. The others, `serve` above all, keep glibc's defaults, under
    /// which a search reuses its large buffers rather than mapping them anew
    /// (bounded, the search tail at a million documents was longer:
    /// ARCHITECTURE.md, Figures).
    fn writes_in_bulk(&self) -> bool {
        matches!(
            self,
            Command::Ingest { .. }
                | Command::Reindex
                | Command::ImportMarc { .. }
                | Command::Fetch { .. }
        )
    }
}

/// The search flags: raw input, turned into a validated `SearchRequest`.
#[derive(Debug, clap::Args)]
struct SearchArgs {
    /// Words, "a phrase", or a symbol (A/79/818).
    #[arg(default_value = "")]
    query: String,
    #[command(flatten)]
    filters: undoc_search::Filters,
    #[arg(long, default_value_t = 20)]
    limit: usize,
    #[arg(long, default_value_t = 0)]
    offset: usize,
    /// relevance (best match first; newest first without words), date (oldest first) or -date (newest first).
    #[arg(long, default_value = "relevance", value_parser = undoc_search::Sort::read, allow_hyphen_values = true)]
    sort: undoc_search::Sort,
}

/// `--lang` of fetch: one official language, or all six.
fn fetch_languages(language: &str) -> Result<Vec<String>> {
    let official: Vec<String> = undoc_lang::LANGUAGES
        .iter()
        .filter(|l| l.official)
        .map(|l| l.code.to_owned())
        .collect();
    if language == "all" {
        return Ok(official);
    }
    if official.iter().any(|l| l == language) {
        Ok(vec![language.to_owned()])
    } else {
        anyhow::bail!(
            "--lang {language:?}: one of {}, or all",
            official.join(", ")
        )
    }
}

/// `--store`, `--from`, `--to`: a folder or a PostgreSQL URL, read once into
/// a `Location` (a URL is never carried as a path).
fn location() -> impl clap::builder::TypedValueParser<Value = undoc_backend::Location> {
    use clap::builder::TypedValueParser as _;
    clap::builder::OsStringValueParser::new().map(undoc_backend::Location::from_argument)
}

/// The request the filters and a query make (the filters' one definition
/// is `undoc_search::Filters`, shared with the API).
fn request(
    filters: undoc_search::Filters,
    query: String,
    limit: usize,
    offset: usize,
) -> undoc_index::SearchRequest {
    undoc_index::SearchRequest {
        query,
        filters,
        limit,
        offset,
        ..undoc_index::SearchRequest::default()
    }
}

impl From<SearchArgs> for undoc_index::SearchRequest {
    fn from(a: SearchArgs) -> Self {
        undoc_index::SearchRequest {
            sort: a.sort,
            ..request(a.filters, a.query, a.limit, a.offset)
        }
    }
}

/// Export formats.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum ExportFormat {
    /// The record, one JSON object per line (with --references: one per reference).
    Jsonl,
    /// One row per document (with --references: one row per reference).
    Csv,
    /// MARCXML in the UN Digital Library's profile.
    Marcxml,
    /// The citation network as GraphML (Gephi, networkx, igraph): documents
    /// held and cited as nodes, references as edges with relation and count.
    Graphml,
    /// The same network as GEXF 1.3 (Gephi's own format).
    Gexf,
    /// Parquet for data frames (pandas, polars, DuckDB): documents,
    /// references, votes and speeches tables in the --out folder, typed.
    Parquet,
    /// Akoma Ntoso 3.0 (AKN4UN), one file per document and language in the --out folder.
    Akn,
    /// Recorded votes as CSV: one row per State and resolution.
    Votes,
    /// The speeches of meeting records as CSV: one row per speech (meeting,
    /// date, position, speaker, State, kind, language, agenda items, text).
    Speeches,
    /// The same speeches table as JSON Lines.
    SpeechesJsonl,
}

/// The forms of `undoc cite`.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum CiteFormatArg {
    /// A sentence for a reference list or a footnote.
    Text,
    Bibtex,
    Ris,
    /// CSL-JSON, as citation processors (pandoc, Zotero) read it.
    CslJson,
}

impl From<CiteFormatArg> for undoc_export::cite::CiteFormat {
    fn from(format: CiteFormatArg) -> Self {
        match format {
            CiteFormatArg::Text => Self::Text,
            CiteFormatArg::Bibtex => Self::Bibtex,
            CiteFormatArg::Ris => Self::Ris,
            CiteFormatArg::CslJson => Self::CslJson,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Extractor {
    /// The built-in reader; poppler's pdftotext only where that fails.
    Auto,
    /// The built-in pure-Rust reader only.
    Builtin,
    /// poppler's pdftotext only.
    Pdftotext,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum OcrChoice {
    /// Scans only (a page image on every page, no visible text), where
    /// tesseract and pdftoppm are installed; elsewhere a warning says so.
    Auto,
    /// Never: scans keep their text layer.
    Never,
    /// Every PDF (an error where OCR is not installed).
    Always,
}

impl From<OcrChoice> for undoc_extract::Ocr {
    fn from(choice: OcrChoice) -> Self {
        match choice {
            OcrChoice::Auto => undoc_extract::Ocr::Auto,
            OcrChoice::Never => undoc_extract::Ocr::Never,
            OcrChoice::Always => undoc_extract::Ocr::Always,
        }
    }
}

fn main() -> ExitCode {
    install_panic_hook();
    let cli = Cli::parse();
    if cli.command.writes_in_bulk() {
        // Before any thread: peak memory that follows the work, not thread timing.
        undoc_alloc::bound_for_this_process();
    }
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            say::warn(format!("{e:#}"));
            ExitCode::from(1)
        }
    }
}

/// The PDF reader's panics are caught and reported as one-line errors for
/// their file; only a panic anywhere else is worth the default message.
fn install_panic_hook() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !undoc_extract::in_pdf_reader() {
            default(info);
        }
    }));
}

fn run(cli: Cli) -> Result<ExitCode> {
    let _ = corpus::WRITE_WAIT.set(std::time::Duration::from_secs(cli.wait));
    // The one place `--store` is read: a folder or a PostgreSQL URL.
    let store = cli
        .store
        .with_index(cli.index.clone())
        .map_err(anyhow::Error::msg)?;
    let pdf = |e: Extractor| match e {
        Extractor::Auto => PdfExtractor::Auto,
        Extractor::Builtin => PdfExtractor::Builtin,
        Extractor::Pdftotext => PdfExtractor::Pdftotext,
    };
    match cli.command {
        Command::Parse {
            json,
            pdf_extractor,
            ocr,
            max_bytes,
            files,
        } => parse_files(
            &files,
            &Options {
                pdf: pdf(pdf_extractor),
                max_bytes,
                ocr: ocr.into(),
            },
            json,
        ),
        Command::Ingest {
            pdf_extractor,
            ocr,
            batch,
            paths,
        } => {
            let options = undoc_ingest::Options {
                extract: Options {
                    pdf: pdf(pdf_extractor),
                    ocr: ocr.into(),
                    ..Options::default()
                },
                batch,
            };
            corpus::ingest(&store, &paths, &options)
        }
        Command::Show {
            json,
            language,
            symbol,
        } => corpus::show(&store, &symbol, language.as_deref(), json),
        Command::Cite {
            format,
            language,
            symbol,
        } => corpus::cite(&store, &symbol, language.as_deref(), format.into()),
        Command::Thread { json, symbol } => corpus::thread(&store, &symbol, json),
        Command::Cites { json, symbol } => corpus::cites(&store, &symbol, json),
        Command::CitedBy { json, symbol } => corpus::cited_by(&store, &symbol, json),
        Command::Identify { json, file } => {
            let shown = file.display().to_string();
            match parse_one(&file, &shown, &Options::default()) {
                Ok(record) => corpus::identify(&store, &shown, &record, json),
                Err(e) => {
                    say::warn(format!("{shown}: {e}"));
                    Ok(ExitCode::from(1))
                }
            }
        }
        Command::Missing {
            json,
            min_citations,
            limit,
        } => corpus::missing(&store, min_citations, limit, json),
        Command::Agenda {
            json,
            organ,
            session,
            item,
        } => corpus::agenda(&store, &organ, &session, item, json),
        Command::Stats { json } => corpus::stats(&store, json),
        Command::Votes { json, state } => corpus::votes(&store, &state, json),
        Command::Speeches {
            json,
            speaker,
            kind,
            limit,
            state,
            query,
        } => {
            let filter = undoc_store::StatementFilter::new(&query, speaker.as_deref(), kind);
            corpus::speeches(&store, &state, &filter, limit, json)
        }
        Command::Migrate { from, to } => corpus::migrate(&from, &to),
        Command::Serve {
            addr,
            allow_ingest,
            read_store,
            allow_fetch,
            ods_url,
            delay,
        } => {
            let fetch = if allow_fetch {
                Some(undoc_fetch::Config {
                    base: ods_url,
                    delay: Duration::try_from_secs_f64(delay).map_err(|_| {
                        anyhow::anyhow!("--delay must be a number of seconds, not {delay}")
                    })?,
                    ..undoc_fetch::Config::default()
                })
            } else {
                None
            };
            // A standby's index follows the standby.
            let read_store = read_store
                .map(|r| r.with_index(cli.index.clone()))
                .transpose()
                .map_err(anyhow::Error::msg)?;
            serve::serve(&store, read_store, addr, allow_ingest, fetch)
        }
        Command::Demo { addr, paths } => serve::demo(&store, addr, &paths),
        Command::Search { json, request } => corpus::search(&store, &request.into(), json),
        Command::Reindex => corpus::reindex(&store),
        Command::Gc => corpus::gc(&store),
        Command::Remove {
            language,
            json,
            symbols,
        } => corpus::remove(&store, &symbols, language.as_deref(), json),
        Command::Fetch {
            symbols,
            missing,
            min_citations,
            limit,
            language,
            follow,
            depth,
            ods_url,
            delay,
            timeout,
            max_requests,
            retries,
            refresh,
            catalogue,
            undl_url,
            json,
        } => {
            let seconds = |name: &str, s: f64| {
                Duration::try_from_secs_f64(s)
                    .map_err(|_| anyhow::anyhow!("--{name} must be a number of seconds, not {s}"))
            };
            let languages = fetch_languages(&language)?;
            // Both services are asked as politely: the same delay, timeout and budget each.
            let service = |base: String| -> Result<undoc_fetch::Config> {
                Ok(undoc_fetch::Config {
                    base,
                    delay: seconds("delay", delay)?,
                    timeout: seconds("timeout", timeout)?,
                    max_requests,
                    retries,
                    ..undoc_fetch::Config::default()
                })
            };
            fetch::fetch(
                &store,
                &fetch::FetchArgs {
                    symbols: fetch::expand_ranges(&symbols)?,
                    missing: missing.then_some((min_citations, limit)),
                    languages,
                    follow,
                    depth,
                    service: service(ods_url)?,
                    catalogue: if catalogue {
                        Some(service(undl_url)?)
                    } else {
                        None
                    },
                    refresh: Duration::from_secs(refresh.saturating_mul(86_400)),
                    json,
                },
            )
        }
        Command::ImportMarc { files } => corpus::import_marc(&store, &files),
        Command::Export {
            format,
            out,
            references,
            query,
            filters,
            symbols,
        } => {
            let format = match (format, references) {
                (ExportFormat::Akn, _) => {
                    let search = (!filters.is_empty() || !query.trim().is_empty())
                        .then(|| request(filters, query, 1000, 0));
                    return corpus::export_akn(&store, out.as_deref(), &symbols, search);
                }
                (ExportFormat::Parquet, _) => {
                    let search = (!filters.is_empty() || !query.trim().is_empty())
                        .then(|| request(filters, query, 1000, 0));
                    return corpus::export_parquet(&store, out.as_deref(), &symbols, search);
                }
                (ExportFormat::Jsonl, false) => undoc_export::Format::JsonLines,
                (ExportFormat::Jsonl, true) => undoc_export::Format::JsonLinesReferences,
                (ExportFormat::Marcxml, _) => undoc_export::Format::MarcXml,
                (ExportFormat::Graphml, _) => undoc_export::Format::GraphMl,
                (ExportFormat::Gexf, _) => undoc_export::Format::Gexf,
                (ExportFormat::Csv, false) => undoc_export::Format::Csv,
                (ExportFormat::Csv, true) => undoc_export::Format::CsvReferences,
                (ExportFormat::Votes, _) => undoc_export::Format::CsvVotes,
                (ExportFormat::Speeches, _) => undoc_export::Format::CsvSpeeches,
                (ExportFormat::SpeechesJsonl, _) => undoc_export::Format::JsonLinesSpeeches,
            };
            let search = (!filters.is_empty() || !query.trim().is_empty())
                .then(|| request(filters, query, 1000, 0));
            corpus::export(&store, format, out.as_deref(), &symbols, search)
        }
    }
}

fn parse_files(files: &[std::path::PathBuf], options: &Options, json: bool) -> Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut failed = 0usize;
    for path in files {
        let shown = path.display().to_string();
        match parse_one(path, &shown, options) {
            Ok(record) => {
                // A record is written whole or not at all: serialize first, then write.
                let text = if json {
                    let mut line =
                        serde_json::to_string(&record).context("serializing a record")?;
                    line.push('\n');
                    line
                } else {
                    summary::render(&record)
                };
                out.write_all(text.as_bytes())
                    .context("writing to standard output")?;
            }
            Err(e) => {
                failed += 1;
                out.flush().ok();
                say::warn(format!("{shown}: {e}"));
            }
        }
    }
    out.flush().context("writing to standard output")?;
    if failed > 0 && files.len() > 1 {
        eprintln!("undoc: {failed} of {} files failed", files.len());
    }
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn parse_one(path: &Path, shown: &str, options: &Options) -> Result<undoc_model::Record, String> {
    let bytes = undoc_extract::read_file(path, options).map_err(|e| e.to_string())?;
    undoc_ingest::parse_bytes(shown, path, &bytes, options).map_err(|e| e.to_string())
}

/// A speech kind as typed: `explanation_of_vote` (or with spaces or hyphens).
/// `--read-store`: a PostgreSQL URL (a replica of an embedded store is none).
fn read_store_argument(setting: &str) -> Result<undoc_backend::Location, String> {
    let location = undoc_backend::Location::from_setting(setting);
    if location.embedded().is_some() {
        return Err("a read store is a PostgreSQL standby (postgres://…), not a folder".into());
    }
    Ok(location)
}

fn parse_speech_kind(s: &str) -> Result<undoc_model::SpeechKind, String> {
    undoc_model::SpeechKind::read(s).ok_or_else(|| {
        let kinds: Vec<&str> = undoc_model::SpeechKind::ALL
            .iter()
            .map(|k| k.as_str())
            .collect();
        format!("{s:?} is no kind of speech; one of: {}", kinds.join(", "))
    })
}
