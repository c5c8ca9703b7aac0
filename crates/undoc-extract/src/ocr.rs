//! Scanned PDFs: telling them apart, and reading them with OCR where the
//! machine has it.
//!
//! A scan is a PDF whose every page is one page-sized image, with either no
//! text or only a scanner's invisible OCR layer over it (the 1950 Security
//! Council record S/PV.492, whose layer is noise; the 1948 Commission on
//! Human Rights papers). That is read from the PDF itself: the image
//! dictionaries are top-level objects (a stream never sits in an object
//! stream), so one pass over the bytes finds their sizes, and only a PDF with
//! as many page-sized images as pages is opened to look at its pages'
//! content.
//!
//! OCR is optional and detected at run time, like `pdftotext`: poppler's
//! `pdftoppm` renders a page, `tesseract` reads it. Each run is bounded in
//! time, and a document in pages, so no input can stall a batch.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// When to read a PDF with OCR.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Ocr {
    /// Scans only, where `tesseract` and `pdftoppm` are installed.
    Auto,
    /// Never: a scan keeps its text layer, with a warning.
    #[default]
    Never,
    /// Every PDF, whatever its text layer (an error where OCR is not installed).
    Always,
}

/// Pages beyond this are left to the text layer: a scan of a whole volume is
/// not one document, and OCR costs seconds a page.
pub const MAX_OCR_PAGES: usize = 120;

/// One page's rendering or reading may take this long before it is abandoned.
pub const PAGE_TIMEOUT: Duration = Duration::from_secs(120);

/// The resolutions pages are rendered at. The first page's masthead has
/// the smallest type (at 200 dpi E/CN.4/149 loses its date and its
/// "UNRESTRICTED"); later pages read as well at 200 dpi as at 300 (1,166
/// words against 1,188 on a page of S/PV.492) in two thirds of the time.
const FIRST_PAGE_DPI: &str = "300";
const DPI: &str = "200";

/// An image at least this many pixels on each side covers a page (a US letter
/// or A4 page at 100 dpi is 850 × 1100); logos and seals are far smaller.
const PAGE_IMAGE_SIDE: u64 = 800;

/// What a PDF's structure says about its pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScanCheck {
    pub pages: usize,
    /// Page-sized images in the file.
    pub page_images: usize,
    /// Whether the pages carry no visible text: none, or only text drawn
    /// invisibly (rendering mode 3, a scanner's OCR layer).
    pub no_visible_text: bool,
}

impl ScanCheck {
    pub fn is_scan(&self) -> bool {
        self.pages > 0 && self.page_images >= self.pages && self.no_visible_text
    }
}

/// Looks at a PDF's images and, where every page may be one, at its pages'
/// content. `None` when the PDF cannot be opened (the text reader reports that).
pub fn check_scan(bytes: &[u8]) -> Option<ScanCheck> {
    let page_images = page_sized_images(bytes);
    if page_images == 0 {
        // No page-sized image: not a scan, whatever its text; no need to open it.
        return Some(ScanCheck {
            pages: 0,
            page_images,
            no_visible_text: false,
        });
    }
    let document = std::panic::catch_unwind(|| pdf_extract::Document::load_mem(bytes))
        .ok()?
        .ok()?;
    let pages = document.get_pages();
    let mut no_visible_text = true;
    for page_id in pages.values() {
        let Ok(content) = document.get_page_content(*page_id) else {
            continue;
        };
        if draws_visible_text(&content) {
            no_visible_text = false;
            break;
        }
    }
    Some(ScanCheck {
        pages: pages.len(),
        page_images,
        no_visible_text,
    })
}

/// Whether a page's content stream shows text in a visible rendering mode.
/// Text objects (`BT` … `ET`) drawn after `3 Tr` are invisible.
fn draws_visible_text(content: &[u8]) -> bool {
    let mut invisible = false;
    let mut shows_text = false;
    let tokens = content
        .split(|b| b.is_ascii_whitespace())
        .filter(|t| !t.is_empty());
    let mut previous: &[u8] = b"";
    for token in tokens {
        match token {
            b"Tr" => invisible = previous == b"3",
            b"Tj" | b"TJ" | b"'" | b"\"" if !invisible => shows_text = true,
            _ => {}
        }
        if shows_text {
            return true;
        }
        previous = token;
    }
    false
}

/// Counts image dictionaries (`/Subtype /Image`) whose `/Width` and `/Height`
/// both reach a page's size.
fn page_sized_images(bytes: &[u8]) -> usize {
    let mut count = 0;
    let mut at = 0;
    while let Some(found) = find(&bytes[at..], b"/Image") {
        let here = at + found;
        at = here + 6;
        // The dictionary around it: back to an opening "<<", forward to the
        // ">>" that closes it (a /DecodeParms dictionary may nest inside), bounded.
        let before = here.saturating_sub(1024);
        let limit = (here + 1024).min(bytes.len());
        let mut opener = here;
        let mut size = None;
        for _ in 0..3 {
            let Some(i) = memchr::memmem::rfind(&bytes[before..opener], b"<<") else {
                break;
            };
            opener = before + i;
            let end = closing(&bytes[opener..limit]).map_or(limit, |e| opener + e);
            if end < here {
                continue;
            }
            let window = &bytes[opener..end];
            if find(&window[..here - opener], b"/Subtype").is_none() {
                continue;
            }
            if let (Some(w), Some(h)) = (
                number_after(window, b"/Width"),
                number_after(window, b"/Height"),
            ) {
                size = Some((w, h));
                break;
            }
        }
        if let Some((w, h)) = size
            && w >= PAGE_IMAGE_SIDE
            && h >= PAGE_IMAGE_SIDE
        {
            count += 1;
        }
    }
    count
}

/// The offset just past the ">>" closing the dictionary `dict` opens with.
fn closing(dict: &[u8]) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = 0;
    while i + 1 < dict.len() {
        match &dict[i..i + 2] {
            b"<<" => {
                depth += 1;
                i += 2;
            }
            b">>" => {
                depth = depth.saturating_sub(1);
                i += 2;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => i += 1,
        }
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(haystack, needle)
}

fn number_after(window: &[u8], key: &[u8]) -> Option<u64> {
    let at = find(window, key)? + key.len();
    let digits: Vec<u8> = window[at..]
        .iter()
        .skip_while(|b| b.is_ascii_whitespace())
        .take_while(|b| b.is_ascii_digit())
        .take(7)
        .copied()
        .collect();
    std::str::from_utf8(&digits).ok()?.parse().ok()
}

/// Whether `tesseract` and `pdftoppm` can both be run here (asked once).
pub fn ocr_available() -> bool {
    static AVAILABLE: OnceLock<bool> = OnceLock::new();
    *AVAILABLE.get_or_init(|| {
        let runs = |program: &str, arg: &str| {
            Command::new(program)
                .arg(arg)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok()
        };
        runs("tesseract", "--version") && runs("pdftoppm", "-v")
    })
}

/// The tesseract languages to read with: those of the six official
/// languages installed here (UN scans of the 1940s–1980s are bilingual,
/// English and French).
fn languages() -> &'static str {
    static LANGUAGES: OnceLock<String> = OnceLock::new();
    LANGUAGES.get_or_init(|| {
        let installed = Command::new("tesseract")
            .arg("--list-langs")
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
            .unwrap_or_default();
        let installed: Vec<&str> = installed.lines().map(str::trim).collect();
        let chosen: Vec<&str> = undoc_lang::official()
            .map(|l| l.ocr_model)
            .filter(|l| installed.contains(l))
            .collect();
        if chosen.is_empty() {
            "eng".to_owned()
        } else {
            chosen.join("+")
        }
    })
}

/// Why OCR could not read a document.
#[derive(Debug, thiserror::Error)]
pub enum OcrError {
    #[error("OCR was asked for but tesseract and pdftoppm (poppler-utils) are not both installed")]
    Missing,
    #[error("OCR needs the PDF as a file on disk")]
    NotAFile,
    #[error("{program} failed on page {page}: {message}")]
    Failed {
        program: &'static str,
        page: usize,
        message: String,
    },
    #[error("{program} took over {seconds} s on page {page}")]
    TimedOut {
        program: &'static str,
        page: usize,
        seconds: u64,
    },
}

/// Reads pages `1..=pages` (at most [`MAX_OCR_PAGES`]) of the PDF at `path`,
/// a page per core at a time (each tesseract on one thread).
pub fn read_pages(path: &Path, pages: usize) -> Result<Vec<String>, OcrError> {
    if !ocr_available() {
        return Err(OcrError::Missing);
    }
    let count = pages.min(MAX_OCR_PAGES);
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(count.max(1));
    let next = std::sync::atomic::AtomicUsize::new(1);
    let mut results: Vec<(usize, Result<String, OcrError>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let page = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        if page > count {
                            break done;
                        }
                        let result = read_page(path, page);
                        let failed = result.is_err();
                        done.push((page, result));
                        if failed {
                            // The others stop at their next page.
                            next.store(count + 1, std::sync::atomic::Ordering::Relaxed);
                        }
                    }
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    });
    results.sort_by_key(|(page, _)| *page);
    let mut out = Vec::with_capacity(count);
    for (_, result) in results {
        out.push(result?);
    }
    if out.len() < count {
        return Err(OcrError::Failed {
            program: "tesseract",
            page: out.len() + 1,
            message: "a reader thread stopped".into(),
        });
    }
    Ok(out)
}

fn read_page(path: &Path, page: usize) -> Result<String, OcrError> {
    let number = page.to_string();
    let mut render = Command::new("pdftoppm");
    render
        .arg("-r")
        .arg(if page == 1 { FIRST_PAGE_DPI } else { DPI })
        .args(["-gray", "-singlefile", "-png", "-f", &number, "-l", &number])
        .arg(path);
    let image = run("pdftoppm", page, &mut render, None)?;
    let mut read = Command::new("tesseract");
    read.args(["stdin", "stdout", "-l", languages()])
        .args(["-c", "preserve_interword_spaces=1"])
        // Pages run side by side; tesseract's own threads would only contend.
        .env("OMP_THREAD_LIMIT", "1");
    let text = run("tesseract", page, &mut read, Some(image))?;
    Ok(crate::clean_pdf_text(&String::from_utf8_lossy(&text)))
}

/// Runs a program with `input` on its standard input, its output collected,
/// killed after [`PAGE_TIMEOUT`].
fn run(
    program: &'static str,
    page: usize,
    command: &mut Command,
    input: Option<Vec<u8>>,
) -> Result<Vec<u8>, OcrError> {
    let failed = |message: String| OcrError::Failed {
        program,
        page,
        message,
    };
    let mut child = command
        .stdin(if input.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| failed(e.to_string()))?;
    // Feed and drain on their own threads: a full pipe must not stall either side.
    let feeder = input.and_then(|bytes| {
        let mut stdin = child.stdin.take()?;
        Some(std::thread::spawn(move || {
            // A program that stops reading early is reported by its exit status.
            let _ = stdin.write_all(&bytes);
        }))
    });
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut bytes);
            }
            bytes
        })
    };
    let stdout = drain(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let stderr = drain(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > PAGE_TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(OcrError::TimedOut {
                    program,
                    page,
                    seconds: PAGE_TIMEOUT.as_secs(),
                });
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => return Err(failed(e.to_string())),
        }
    };
    if let Some(feeder) = feeder {
        let _ = feeder.join();
    }
    let output = stdout.join().unwrap_or_default();
    let errors = stderr.join().unwrap_or_default();
    if !status.success() {
        let message = String::from_utf8_lossy(&errors);
        return Err(failed(crate::first_line(&message)));
    }
    Ok(output)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_text_is_not_visible() {
        assert!(!draws_visible_text(
            b"q 612 0 0 792 0 0 cm /Im0 Do Q BT 3 Tr /F1 9 Tf (noise) Tj ET"
        ));
        assert!(draws_visible_text(
            b"BT /F1 11 Tf 72 700 Td (United Nations) Tj ET"
        ));
        assert!(draws_visible_text(
            b"BT 3 Tr (hidden) Tj 0 Tr (shown) Tj ET"
        ));
        assert!(!draws_visible_text(b"q /Im0 Do Q"));
    }

    #[test]
    fn page_sized_images_are_counted_and_logos_are_not() {
        let pdf = b"%PDF-1.4\n5 0 obj\n<< /Type /XObject /Subtype /Image /Filter /CCITTFaxDecode /DecodeParms << /K -1 /Columns 1529 >> /Width 1529 /Height 1786 /BitsPerComponent 1 >>\nstream\n..endstream\n6 0 obj\n<</Subtype/Image/Width 122/Height 8>>\nstream\n";
        assert_eq!(page_sized_images(pdf), 1);
    }
}
