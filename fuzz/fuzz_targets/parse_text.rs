//! Fuzzes the parser on text and markdown input: decoding, layout lines,
//! masthead, body, letter. (PDF bytes go to `pdf-extract`, a dependency with
//! its own fuzzing; here the input is what our code reads.)
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let options = undoc_extract::Options::default();
    for extension in ["txt", "md"] {
        if data.starts_with(b"%PDF") {
            return;
        }
        if let Ok(extracted) = undoc_extract::extract_bytes(data, Some(extension), None, &options) {
            let _ = undoc_parse::parse_checked("fuzz", &extracted);
            // Also as PDF-extracted pages, split on form feeds.
            let pages = extracted.pages.iter().flat_map(|p| p.split('\u{c}')).map(str::to_owned).collect();
            let as_pdf = undoc_extract::Extracted { format: undoc_extract::Format::Pdf, pages, ..extracted };
            let _ = undoc_parse::parse_checked("fuzz", &as_pdf);
        }
    }
});
