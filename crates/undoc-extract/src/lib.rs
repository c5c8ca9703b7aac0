/*!
Input: turns the bytes of one file into text, page by page, and says how.

This is the only crate that touches file formats. PDFs go through
`pdf-extract` (pure Rust, so a fresh machine needs nothing but cargo); where
poppler's `pdftotext` is installed it can be asked for explicitly, or serves
as the fallback when the built-in reader fails on a file. Markdown and plain
text are decoded here too (UTF-8, or UTF-16 with a byte-order mark), so the
parser downstream only ever sees `&str` pages.

Every way a file can be unusable is an [`ExtractError`] variant with a
one-line message; nothing here panics on any input (the PDF reader runs under
`catch_unwind`, because it has panicked on PDFs in the wild).
*/

pub mod ocr;

pub use ocr::{Ocr, OcrError};

use std::io::Read;
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;
use std::process::Command;

/// Files larger than this are refused rather than read into memory whole.
/// UN documents run to a few MB; anything far larger is not one.
pub const DEFAULT_MAX_BYTES: u64 = 100 * 1024 * 1024;

/// What kind of input the text came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Pdf,
    Markdown,
    Text,
}

/// Which PDF text extractor to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PdfExtractor {
    /// The built-in reader; `pdftotext` only if that fails and is installed.
    #[default]
    Auto,
    /// Only the built-in reader.
    Builtin,
    /// Only poppler's `pdftotext` (an error where it is not installed).
    Pdftotext,
}

#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub pdf: PdfExtractor,
    pub max_bytes: u64,
    /// When to read PDFs with OCR. The library runs no OCR unless asked
    /// (`Never`); the command line asks for scans (`Auto`).
    pub ocr: Ocr,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            pdf: PdfExtractor::Auto,
            max_bytes: DEFAULT_MAX_BYTES,
            ocr: Ocr::Never,
        }
    }
}

/// The text of one input file.
#[derive(Debug, Clone)]
pub struct Extracted {
    pub format: Format,
    /// `pdf-extract`, `pdftotext`, `tesseract` (OCR), `markdown` or `text`.
    pub extractor: &'static str,
    /// Whether the PDF is a scan: a page-sized image on every page and no
    /// visible text (its text, if any, is a scanner's OCR layer or ours).
    pub scanned: bool,
    /// One string per page; markdown and text files are one page.
    pub pages: Vec<String>,
    /// Things the reader noticed that the record should mention.
    pub warnings: Vec<String>,
}

/// Why a file could not be read as a document. Messages are one line, meant
/// to follow the file name.
#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    #[error("is a directory, not a document")]
    Directory,
    #[error("not a regular file")]
    NotAFile,
    #[error("is empty")]
    Empty,
    #[error("is {size} bytes, over the {limit}-byte limit for one document")]
    TooLarge { size: u64, limit: u64 },
    #[error("is binary data, not a PDF, markdown or text document")]
    Binary,
    #[error("is not valid UTF-8 text (first bad byte at offset {offset})")]
    NotUtf8 { offset: usize },
    #[error("is an encrypted PDF; undoc cannot read its text")]
    PdfEncrypted,
    #[error("is a damaged or truncated PDF ({0})")]
    PdfDamaged(String),
    #[error("made the PDF reader fail ({0})")]
    PdfReaderCrashed(String),
    #[error("pdftotext failed: {0}")]
    Pdftotext(String),
    #[error("pdftotext was asked for but is not installed")]
    PdftotextMissing,
    #[error("{0}")]
    Ocr(#[from] OcrError),
}

/// Reads and extracts one file.
pub fn extract_path(path: &Path, options: &Options) -> Result<Extracted, ExtractError> {
    let bytes = read_file(path, options)?;
    extract_bytes(&bytes, extension_of(path).as_deref(), Some(path), options)
}

/// The lower-case extension of a path, as [`extract_bytes`] takes it.
pub fn extension_of(path: &Path) -> Option<String> {
    path.extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
}

/// Reads a file whole, refusing directories, special files and files over the
/// size limit before reading them.
pub fn read_file(path: &Path, options: &Options) -> Result<Vec<u8>, ExtractError> {
    let meta = std::fs::metadata(path)?;
    if meta.is_dir() {
        return Err(ExtractError::Directory);
    }
    if !meta.is_file() {
        return Err(ExtractError::NotAFile);
    }
    if meta.len() > options.max_bytes {
        return Err(ExtractError::TooLarge {
            size: meta.len(),
            limit: options.max_bytes,
        });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // `take` guards against a file that grows between stat and read.
    std::fs::File::open(path)?
        .take(options.max_bytes + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > options.max_bytes {
        return Err(ExtractError::TooLarge {
            size: bytes.len() as u64,
            limit: options.max_bytes,
        });
    }
    Ok(bytes)
}

/// Extracts text from bytes already in memory. `extension` (lower case, no
/// dot) helps tell markdown from plain text; `path` lets `pdftotext` read the
/// file itself.
pub fn extract_bytes(
    bytes: &[u8],
    extension: Option<&str>,
    path: Option<&Path>,
    options: &Options,
) -> Result<Extracted, ExtractError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ExtractError::Empty);
    }
    if is_pdf(bytes) {
        let text = extract_pdf(bytes, path, options.pdf)?;
        return read_scans(bytes, path, options.ocr, text);
    }
    if extension == Some("pdf") {
        return Err(ExtractError::PdfDamaged("no PDF header".into()));
    }
    let text = decode_text(bytes)?;
    let format = if matches!(extension, Some("md" | "markdown")) || looks_like_markdown(&text) {
        Format::Markdown
    } else {
        Format::Text
    };
    let extractor = if format == Format::Markdown {
        "markdown"
    } else {
        "text"
    };
    Ok(Extracted {
        format,
        extractor,
        pages: vec![text],
        warnings: Vec::new(),
        scanned: false,
    })
}

fn is_pdf(bytes: &[u8]) -> bool {
    // The header may follow some junk bytes; readers accept it within 1 KiB.
    let head = &bytes[..bytes.len().min(1024)];
    head.windows(5).any(|w| w == b"%PDF-")
}

/// UTF-8 (a BOM is dropped) or UTF-16 with a BOM; anything else is refused
/// with the offset of the first bad byte, so the user can look.
fn decode_text(bytes: &[u8]) -> Result<String, ExtractError> {
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return decode_utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return decode_utf16(rest, u16::from_be_bytes);
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            if looks_binary(bytes) {
                return Err(ExtractError::Binary);
            }
            return Err(ExtractError::NotUtf8 {
                offset: e.valid_up_to(),
            });
        }
    };
    if looks_binary(text.as_bytes()) {
        return Err(ExtractError::Binary);
    }
    Ok(text.to_owned())
}

fn decode_utf16(bytes: &[u8], word: fn([u8; 2]) -> u16) -> Result<String, ExtractError> {
    let units = bytes.chunks_exact(2).map(|c| word([c[0], c[1]]));
    let text: String = char::decode_utf16(units)
        .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect();
    if looks_binary(text.as_bytes()) {
        return Err(ExtractError::Binary);
    }
    Ok(text)
}

/// Text documents have no NUL bytes and few control characters.
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    if sample.contains(&0) {
        return true;
    }
    let control = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
        .count();
    control * 100 > sample.len().max(1)
}

/// Markdown converted from UN documents shows itself by bold masthead lines,
/// escaped parentheses and links; a plain-text letter has none of these.
fn looks_like_markdown(text: &str) -> bool {
    let sample = &text[..floor_char_boundary(text, 64 * 1024)];
    sample.contains("**") || sample.contains("](") || sample.contains("\\(") || {
        sample
            .lines()
            .any(|l| l.starts_with("# ") || l.starts_with("## "))
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn extract_pdf(
    bytes: &[u8],
    path: Option<&Path>,
    choice: PdfExtractor,
) -> Result<Extracted, ExtractError> {
    match choice {
        PdfExtractor::Builtin => builtin_pdf(bytes),
        PdfExtractor::Pdftotext => {
            let path = path.ok_or(ExtractError::Pdftotext("needs a file on disk".into()))?;
            pdftotext(path)
        }
        PdfExtractor::Auto => match builtin_pdf(bytes) {
            Ok(done) => Ok(done),
            Err(ExtractError::PdfEncrypted) => Err(ExtractError::PdfEncrypted),
            Err(first) => match path {
                Some(path) if pdftotext_available() => {
                    let mut done = pdftotext(path).map_err(|_| first)?;
                    done.warnings.push(
                        "the built-in PDF reader failed on this file; text is from pdftotext"
                            .into(),
                    );
                    Ok(done)
                }
                _ => Err(first),
            },
        },
    }
}

/// Tells a scan from a PDF with a text layer, says so, and reads it with OCR
/// when asked to and able to.
fn read_scans(
    bytes: &[u8],
    path: Option<&Path>,
    ocr: Ocr,
    mut text: Extracted,
) -> Result<Extracted, ExtractError> {
    let check = if ocr == Ocr::Always {
        None
    } else {
        ocr::check_scan(bytes)
    };
    text.scanned = check.is_some_and(|c| c.is_scan());
    let pages = text.pages.len();
    let read_with_ocr = match ocr {
        Ocr::Always => true,
        Ocr::Never => false,
        Ocr::Auto => text.scanned && ocr::ocr_available() && path.is_some(),
    };
    if !read_with_ocr {
        if text.scanned {
            let thin = text.pages.iter().map(|p| p.trim().len()).sum::<usize>() < 100 * pages;
            text.warnings.push(format!(
                "a scan ({}): its text is {}; with tesseract and pdftoppm installed, --ocr auto reads it",
                page_images(pages),
                if thin {
                    "missing or nearly so"
                } else {
                    "the scanner's own OCR layer, which may be wrong"
                }
            ));
        }
        return Ok(text);
    }
    let path = path.ok_or(OcrError::NotAFile)?;
    let read = match ocr::read_pages(path, pages) {
        Ok(read) => read,
        // Asked for, OCR must run; a scan in a batch keeps its text layer and says why.
        Err(e) if ocr == Ocr::Always => return Err(e.into()),
        Err(e) => {
            text.warnings.push(format!(
                "a scan ({}); OCR failed ({e}), so its text is the scanner's own layer",
                page_images(pages)
            ));
            return Ok(text);
        }
    };
    let read_count = read.len();
    for (page, ocr_text) in text.pages.iter_mut().zip(read) {
        *page = ocr_text;
    }
    if text.scanned {
        text.warnings.push(format!(
            "a scan ({}): text read with OCR (tesseract)",
            page_images(pages)
        ));
    }
    if read_count < pages {
        text.warnings.push(format!(
            "only the first {read_count} of {pages} pages were read with OCR; the rest keep the PDF's text layer"
        ));
    }
    text.extractor = "tesseract";
    Ok(text)
}

fn page_images(pages: usize) -> String {
    if pages == 1 {
        "one page, an image".to_owned()
    } else {
        format!("a page image on each of its {pages} pages")
    }
}

thread_local! {
    /// Set while the PDF reader runs, so a process-wide panic hook can stay
    /// quiet about panics that this crate catches and reports as errors.
    static IN_PDF_READER: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether the current thread is inside the PDF reader (for panic hooks).
pub fn in_pdf_reader() -> bool {
    IN_PDF_READER.with(|f| f.get())
}

fn builtin_pdf(bytes: &[u8]) -> Result<Extracted, ExtractError> {
    IN_PDF_READER.with(|f| f.set(true));
    let result = panic::catch_unwind(AssertUnwindSafe(|| {
        pdf_extract::extract_text_from_mem_by_pages(bytes)
    }));
    IN_PDF_READER.with(|f| f.set(false));
    let pages = match result {
        Ok(Ok(pages)) => pages,
        Ok(Err(e)) => {
            // A reader that fails on a file with an encryption dictionary failed because of it.
            if bytes.windows(8).any(|w| w == b"/Encrypt") {
                return Err(ExtractError::PdfEncrypted);
            }
            return Err(classify_pdf_error(&e.to_string()));
        }
        Err(payload) => {
            let msg = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            return Err(ExtractError::PdfReaderCrashed(first_line(&msg)));
        }
    };
    let pages = pages.into_iter().map(|p| clean_pdf_text(&p)).collect();
    Ok(Extracted {
        format: Format::Pdf,
        extractor: "pdf-extract",
        pages,
        warnings: Vec::new(),
        scanned: false,
    })
}

fn classify_pdf_error(message: &str) -> ExtractError {
    let lower = message.to_ascii_lowercase();
    if lower.contains("encrypt") || lower.contains("decrypt") || lower.contains("password") {
        ExtractError::PdfEncrypted
    } else {
        ExtractError::PdfDamaged(first_line(message))
    }
}

pub(crate) fn first_line(message: &str) -> String {
    let line = message.lines().next().unwrap_or_default().trim();
    let mut cut = line.to_owned();
    if cut.len() > 160 {
        cut.truncate(floor_char_boundary(line, 160));
        cut.push('…');
    }
    cut
}

/// Normalizes what PDF readers emit: ligatures, non-breaking and odd spaces,
/// soft hyphens, and `\r`.
pub fn clean_pdf_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => {
                out.push(' ')
            }
            '\u{00AD}' | '\u{200B}' | '\u{FEFF}' => {}
            '\r' => {}
            '\u{FB00}' => out.push_str("ff"),
            '\u{FB01}' => out.push_str("fi"),
            '\u{FB02}' => out.push_str("fl"),
            '\u{FB03}' => out.push_str("ffi"),
            '\u{FB04}' => out.push_str("ffl"),
            c => out.push(c),
        }
    }
    out
}

/// Whether poppler's `pdftotext` can be run on this machine.
pub fn pdftotext_available() -> bool {
    Command::new("pdftotext").arg("-v").output().is_ok()
}

fn pdftotext(path: &Path) -> Result<Extracted, ExtractError> {
    let output = Command::new("pdftotext")
        // Layout mode keeps what the parser reads: columns apart, paragraph openings indented.
        .args(["-layout", "-enc", "UTF-8", "-eol", "unix"])
        .arg(path)
        .arg("-")
        .output()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => ExtractError::PdftotextMissing,
            _ => ExtractError::Pdftotext(e.to_string()),
        })?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        if stderr.to_ascii_lowercase().contains("encrypt") {
            return Err(ExtractError::PdfEncrypted);
        }
        return Err(ExtractError::Pdftotext(first_line(&stderr)));
    }
    let text = String::from_utf8_lossy(&output.stdout);
    let mut pages: Vec<String> = text.split('\u{0C}').map(clean_pdf_text).collect();
    if pages.len() > 1 && pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    Ok(Extracted {
        format: Format::Pdf,
        extractor: "pdftotext",
        pages,
        warnings: Vec::new(),
        scanned: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts() -> Options {
        Options::default()
    }

    #[test]
    fn empty_and_whitespace_are_refused() {
        assert!(matches!(
            extract_bytes(b"", None, None, &opts()),
            Err(ExtractError::Empty)
        ));
        assert!(matches!(
            extract_bytes(b" \n\t", None, None, &opts()),
            Err(ExtractError::Empty)
        ));
    }

    #[test]
    fn binary_garbage_is_refused() {
        let garbage: Vec<u8> = (0..4096u32)
            .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
            .collect();
        assert!(matches!(
            extract_bytes(&garbage, Some("txt"), None, &opts()),
            Err(ExtractError::Binary)
        ));
    }

    #[test]
    fn latin1_text_names_the_bad_byte() {
        let err = extract_bytes(
            b"Distr.: General\nC\xf4te d'Ivoire",
            Some("txt"),
            None,
            &opts(),
        );
        assert!(
            matches!(err, Err(ExtractError::NotUtf8 { offset: 17 })),
            "{err:?}"
        );
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "Distr.: General".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let done = extract_bytes(&bytes, Some("txt"), None, &opts()).map(|e| e.pages);
        assert_eq!(done.ok(), Some(vec!["Distr.: General".to_string()]));
    }

    #[test]
    fn markdown_is_told_from_text_by_content() {
        let md = extract_bytes(b"**General Assembly**\n", Some("txt"), None, &opts());
        assert_eq!(md.map(|e| e.format).ok(), Some(Format::Markdown));
        let txt = extract_bytes(b"General Assembly\n", Some("txt"), None, &opts());
        assert_eq!(txt.map(|e| e.format).ok(), Some(Format::Text));
    }

    #[test]
    fn truncated_pdf_is_an_error_not_a_panic() {
        let bytes = b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\nxref\n0 2\n";
        let err = extract_bytes(
            bytes,
            Some("pdf"),
            None,
            &Options {
                pdf: PdfExtractor::Builtin,
                ..opts()
            },
        );
        assert!(
            matches!(
                err,
                Err(ExtractError::PdfDamaged(_) | ExtractError::PdfReaderCrashed(_))
            ),
            "{err:?}"
        );
    }

    #[test]
    fn a_directory_is_refused() {
        let dir = tempfile::tempdir().ok();
        let Some(dir) = dir else { return };
        assert!(matches!(
            extract_path(dir.path(), &opts()),
            Err(ExtractError::Directory)
        ));
    }

    #[test]
    fn ligatures_and_nbsp_are_normalized() {
        assert_eq!(clean_pdf_text("of\u{FB01}ce\u{00A0}of"), "office of");
    }
}
