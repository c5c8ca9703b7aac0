//! Properties of the symbol grammar and the scanner, on generated input.

use proptest::prelude::*;

/// Symbols as the UN writes them: a series, a session or year, a number, suffixes.
fn symbol() -> impl Strategy<Value = String> {
    let series = prop::sample::select(vec![
        "A",
        "S",
        "E",
        "A/HRC",
        "A/C.3",
        "E/CN.6",
        "DP/FPA",
        "ST/SGB",
        "A/AC.121",
        "TD/B/CN.4",
    ]);
    let middle = prop_oneof![
        (1u32..=80).prop_map(|n| n.to_string()),
        (1946u32..=2026).prop_map(|n| n.to_string()),
        Just("ES-10".to_string())
    ];
    let number = prop_oneof![
        (1u32..=2000).prop_map(|n| n.to_string()),
        (1u32..=99).prop_map(|n| format!("L.{n}")),
        (1u32..=99).prop_map(|n| format!("PV.{n}")),
    ];
    let suffix = prop::collection::vec(
        prop_oneof![
            (1u32..=9).prop_map(|n| format!("/Rev.{n}")),
            (1u32..=40).prop_map(|n| format!("/Add.{n}")),
            (1u32..=3).prop_map(|n| format!("/Corr.{n}"))
        ],
        0..3,
    );
    (series, middle, number, suffix).prop_map(|(s, m, n, x)| format!("{s}/{m}/{n}{}", x.concat()))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    /// parse → print → parse: canonical symbols are fixed points, and lower case reads the same.
    #[test]
    fn canonical_symbols_round_trip(s in symbol()) {
        let canonical = undoc_symbol::canonicalize(&s);
        prop_assert_eq!(canonical.as_deref(), Some(s.as_str()));
        prop_assert_eq!(undoc_symbol::canonicalize(&s.to_lowercase()), Some(s.clone()));
    }

    /// A symbol written in running text is found whole, with its span.
    #[test]
    fn symbols_in_text_are_found(s in symbol(), before in "[a-z ]{0,20}", after in "[a-z ,;]{0,20}") {
        let text = format!("{before} ({s}) {after}");
        let refs = undoc_refs::scan(&text, &undoc_refs::Context::default(), None);
        prop_assert_eq!(refs.len(), 1);
        prop_assert_eq!(&refs[0].symbols, &vec![s.clone()]);
        prop_assert_eq!(&text[refs[0].start..refs[0].end], s.as_str());
    }

    /// Joint symbols with any of the three dashes.
    #[test]
    fn joint_symbols_are_one_reference(a in symbol(), b in symbol(), dash in prop::sample::select(vec!["-", "\u{2013}", "\u{2014}"])) {
        let text = format!("letters ({a}{dash}{b}) dated");
        let refs = undoc_refs::scan(&text, &undoc_refs::Context::default(), None);
        prop_assert_eq!(refs.len(), 1);
        prop_assert_eq!(&refs[0].symbols, &vec![a.clone(), b.clone()]);
    }

    /// No panic, and every span exact, on any text.
    #[test]
    fn any_text(text in "\\PC{0,400}") {
        for r in undoc_refs::scan(&text, &undoc_refs::Context::default(), Some("en")) {
            prop_assert_eq!(&text[r.start..r.end], r.text.as_str());
        }
    }

    /// No panic on text made of the pieces the scanner branches on.
    #[test]
    fn symbol_shaped_text(pieces in prop::collection::vec(prop::sample::select(vec![
        "A/", "S/", "RES/", "79/", "822", " (1993)", "(1993)", "-", "\u{2013}", "/Rev.1", "*", " and ", ", ",
        "resolution ", "resolutions (", "decision ", "ES-10/", "S-8/", " (XXX)", " A (III)", ")", "(", ".",
        "Council ", "Assembly ", "in connection with ", "\n\n", "é", "/", " ", "2025/", "L.17",
    ]), 0..40)) {
        let text = pieces.concat();
        for r in undoc_refs::scan(&text, &undoc_refs::Context::default(), None) {
            prop_assert_eq!(&text[r.start..r.end], r.text.as_str());
            for s in &r.symbols {
                let again = undoc_symbol::canonicalize(s);
                prop_assert_eq!(again.as_deref(), Some(s.as_str()));
            }
        }
    }

    /// No panic, and every span exact, for letters named by date and sender,
    /// on text made of the pieces that scanner branches on.
    #[test]
    fn described_shaped_text(pieces in prop::collection::vec(prop::sample::select(vec![
        "the ", "my ", "our ", "your ", "letter", "letters", "note verbale", "identical letters", " dated ",
        " of ", "11 ", "31 ", "April ", "February ", "2025", " from the ", "Permanent Representative",
        " of the Russian Federation", " of Chile", " addressed to the ", "Secretary-General", "a.i. ",
        "Ms. ", ". ", ", ", "(", "S/2025/1", ")", "\n\n", "é", "’", " ",
    ]), 0..40)) {
        let text = pieces.concat();
        let refs = undoc_refs::scan(&text, &undoc_refs::Context::default(), None);
        let writer = undoc_refs::described::Writer { state: Some("Chile"), letter_date: None };
        for d in undoc_refs::described::scan(&text, &refs, &writer) {
            prop_assert_eq!(&text[d.start..d.end], d.text.as_str());
            prop_assert!(jiff::civil::Date::strptime("%Y-%m-%d", &d.date).is_ok());
        }
    }
}
