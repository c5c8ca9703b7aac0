//! Full records of real documents of varied kinds, snapshotted with insta.
//! Each snapshot was read against its PDF before it was accepted; a change in
//! any field shows up here as a diff to read again.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed expectation is the report

mod common;

/// One test per document, so that one mismatch does not hide the others.
macro_rules! snapshots {
    ($($test:ident: $folder:literal, $file:literal;)*) => {
        $(
            #[test]
            fn $test() {
                snapshot($folder, $file);
            }
        )*
    };
}

snapshots! {
    // Letters: replies, identical letters, notes verbales, annexes, footnotes, columns.
    a_79_818: "letters", "A_79_818.en.pdf";
    a_79_716: "letters", "A_79_716.en.pdf";
    a_79_997: "letters", "A_79_997.en.pdf";
    a_79_718: "letters", "A_79_718.en.pdf";
    a_79_729: "letters", "A_79_729.en.pdf";
    a_79_954: "letters", "A_79_954.en.pdf";
    a_79_992: "letters", "A_79_992.en.pdf";
    a_80_141: "letters", "A_80_141.en.pdf";
    a_80_66: "letters", "A_80_66.en.pdf";
    a_80_275: "letters", "A_80_275.en.pdf";
    s_2025_191: "letters", "S_2025_191.en.pdf";
    s_2025_192: "letters", "S_2025_192.en.pdf";
    s_2025_52: "letters", "S_2025_52.en.pdf";
    s_2025_272: "letters", "S_2025_272.en.pdf";
    a_79_870: "letters", "A_79_870.en.pdf";
    a_79_843: "letters", "A_79_843.en.pdf";
    a_es_10_1043_s_2025_529: "letters", "A_ES-10_1043, S_2025_529.en.pdf";
    s_2025_71_rev_1: "letters", "S_2025_71_Rev.1.en.pdf";
    a_79_757: "letters", "A_79_757.en.pdf";
    // Other series.
    s_res_2770_2025: "other", "S_RES_2770 (2025).en.pdf";
    a_80_116: "other", "A_80_116.en.pdf";
    e_2025_l_13: "other", "E_2025_L.13.en.pdf";
    s_2025_10_add_32: "other", "S_2025_10_Add.32.en.pdf";
    s_2025_259: "other", "S_2025_259.en.pdf";
    e_icef_2025_l_8: "other", "E_ICEF_2025_L.8.en.pdf";
    a_ac_121_2025_l_1: "other", "A_AC.121_2025_L.1.en.pdf";
    dp_2025_14_corr_1: "other", "DP_2025_14_Corr.1.en.pdf";
    // Letters in other languages, filed under English names: S/2023/664 in Spanish, S/2024/228 in Russian.
    a_78_354: "other", "A_78_354.en.pdf";
    s_2024_216: "other", "S_2024_216.en.pdf";
    // Meeting records: the Council with a recorded vote, a General Assembly
    // plenary, the 1993 layout (speakers' names in capitals).
    en_sc_2026_pv_document_10100: "meetings", "en_sc_2026_pv_document_10100.pdf";
    en_ga_64_pv_document_121: "meetings", "en_ga_64_pv_document_121.pdf";
    en_ga_48_pv_document_46: "meetings", "en_ga_48_pv_document_46.pdf";
}

fn snapshot(folder: &str, file: &str) {
    let dir = common::corpus(folder);
    let Some(dir) = dir else {
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
