//! The parser never panics, whatever text it is given: random text, and random
//! rearrangements of real masthead and body lines (the shapes it branches on).

use proptest::prelude::*;
use undoc_extract::{Extracted, Format};

fn parse_text(pages: Vec<String>, format: Format) {
    let extracted = Extracted {
        format,
        extractor: "test",
        pages,
        warnings: Vec::new(),
        scanned: false,
    };
    let record = undoc_parse::parse("fuzz", &extracted);
    // Offsets later stages rely on: the body text is the paragraphs joined.
    let body = record.body_text();
    assert_eq!(
        body.len(),
        record
            .paragraphs
            .iter()
            .map(|p| p.text.len())
            .sum::<usize>()
            + 2 * record.paragraphs.len().saturating_sub(1)
    );
}

/// Lines of the kinds the parser recognizes, to be shuffled into documents.
const PIECES: &[&str] = &[
    "  United Nations    A/79/818-S/2025/156 ",
    "General Assembly    Security Council",
    "Seventy-ninth session    Eightieth year",
    "Agenda items 14, 32, 60, 61, 69, 71, 84 and 132",
    "Agenda item 13    25 July 2024–30 July 2025",
    "Item 116 (c) of the preliminary list*",
    "and 135",
    "Distr.: General",
    "12 March 2025",
    "Original: English",
    "English",
    " 25-04214 (E)    190325 ",
    "*2504214*",
    "2/5",
    "__________________",
    "  1  The text of the speech.",
    "    *  Circulated in the language of submission only.",
    "Culture of peace",
    "Report of the United Nations High Commissioner for",
    "    Letter dated 12 March 2025 from the Permanent Representative of",
    "Azerbaijan to the United Nations addressed to the Secretary-General",
    "    Note by the Secretary-General",
    "  I have the honour to write to you in connection with the letter (A/79/798-S/2025/110).",
    "stated in particular the following:",
    "“Azerbaijan is eager to maintain sustainable peace.”",
    "  (a)  The Argentine Republic recalls",
    "  (Signed) Tofig Musayev    (Signed) Other Name",
    "Ambassador    Minister",
    "Permanent Representative of the",
    "    Annex to the letter dated 12 March 2025",
    "I should be grateful if you would have the present letter circulated as a document of the General Assembly, under agenda items 15 and 34, and of the Security Council.",
    "29th plenary meeting",
    "This record contains the text of speeches",
    "Tuesday, 29 October 2024, 3 p.m.",
    "Nice, France, 9–13 June 2025",
    "**General Assembly",
    "Seventy-fifth session**",
    "[822 \\(1993\\)](#)",
    "",
    "   ",
    "é—“”’\u{a0}\t-",
];

fn document() -> impl Strategy<Value = Vec<String>> {
    let line = prop_oneof![
        4 => prop::sample::select(PIECES).prop_map(str::to_owned),
        1 => "\\PC{0,60}",
    ];
    prop::collection::vec(
        prop::collection::vec(line, 0..60).prop_map(|ls| ls.join("\n")),
        1..4,
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn pdf_shaped_text_never_panics(pages in document()) {
        parse_text(pages, Format::Pdf);
    }

    #[test]
    fn markdown_never_panics(pages in document()) {
        parse_text(vec![pages.join("\n")], Format::Markdown);
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,2000}") {
        parse_text(vec![text.clone()], Format::Text);
        parse_text(vec![text], Format::Markdown);
    }
}
