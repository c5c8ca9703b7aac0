//! The `undoc` binary: command-line flags in, one line per failure out, and
//! the exit code (0 all went well, 1 some inputs failed, 2 usage error).

mod summary;

use std::io::{BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;

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
        /// Refuse files larger than this many bytes.
        #[arg(long, default_value_t = undoc_extract::DEFAULT_MAX_BYTES)]
        max_bytes: u64,
        /// The documents.
        #[arg(required = true)]
        files: Vec<std::path::PathBuf>,
    },
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

fn main() -> ExitCode {
    install_panic_hook();
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("undoc: {e:#}");
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
    match cli.command {
        Command::Parse {
            json,
            pdf_extractor,
            max_bytes,
            files,
        } => {
            let pdf = match pdf_extractor {
                Extractor::Auto => PdfExtractor::Auto,
                Extractor::Builtin => PdfExtractor::Builtin,
                Extractor::Pdftotext => PdfExtractor::Pdftotext,
            };
            parse_files(&files, &Options { pdf, max_bytes }, json)
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
                eprintln!("undoc: {shown}: {e}");
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
    let extracted = undoc_extract::extract_path(path, options).map_err(|e| e.to_string())?;
    let mut record = undoc_parse::parse_checked(shown, &extracted).map_err(|e| e.to_string())?;
    undoc_refs::annotate(&mut record);
    Ok(record)
}
