//! Full records of real documents of varied kinds, snapshotted with insta.
//! Each snapshot was read against its PDF before it was accepted; a change in
//! any field shows up here as a diff to read again.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed expectation is the report

mod common;

const DOCUMENTS: [(&str, &str); 28] = [
    // Letters: replies, identical letters, notes verbales, annexes, footnotes, columns.
    ("letters", "A_79_818.en.pdf"),
    ("letters", "A_79_716.en.pdf"),
    ("letters", "A_79_997.en.pdf"),
    ("letters", "A_79_718.en.pdf"),
    ("letters", "A_79_729.en.pdf"),
    ("letters", "A_79_954.en.pdf"),
    ("letters", "A_79_992.en.pdf"),
    ("letters", "A_80_141.en.pdf"),
    ("letters", "A_80_66.en.pdf"),
    ("letters", "A_80_275.en.pdf"),
    ("letters", "S_2025_191.en.pdf"),
    ("letters", "S_2025_192.en.pdf"),
    ("letters", "S_2025_52.en.pdf"),
    ("letters", "S_2025_272.en.pdf"),
    ("letters", "A_79_870.en.pdf"),
    ("letters", "A_79_843.en.pdf"),
    ("letters", "A_ES-10_1043, S_2025_529.en.pdf"),
    ("letters", "S_2025_71_Rev.1.en.pdf"),
    ("letters", "A_79_757.en.pdf"),
    // Other series.
    ("other", "S_RES_2770 (2025).en.pdf"),
    ("other", "A_80_116.en.pdf"),
    ("other", "E_2025_L.13.en.pdf"),
    ("other", "S_2025_10_Add.32.en.pdf"),
    ("other", "S_2025_259.en.pdf"),
    ("other", "E_ICEF_2025_L.8.en.pdf"),
    ("other", "A_AC.121_2025_L.1.en.pdf"),
    ("other", "DP_2025_14_Corr.1.en.pdf"),
    ("meetings", "en_sc_2026_pv_document_10100.pdf"),
];

#[test]
fn records_of_real_documents() {
    for (folder, file) in DOCUMENTS {
        let Some(dir) = common::corpus(folder) else {
            return;
        };
        let path = dir.join(file);
        let options = undoc_extract::Options {
            pdf: undoc_extract::PdfExtractor::Builtin,
            ..Default::default()
        };
        let extracted = undoc_extract::extract_path(&path, &options).expect(file);
        // The source as a stable relative path, so snapshots match on every machine.
        let record = undoc_parse::parse(&format!("{folder}/{file}"), &extracted);
        let name = file.trim_end_matches(".pdf").replace([' ', ','], "_");
        insta::assert_json_snapshot!(name, record);
    }
}
