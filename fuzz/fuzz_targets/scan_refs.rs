//! Fuzzes the reference scanner: no panic on any text, every span slices the
//! text to exactly its `text`, every symbol is canonical (a fixed point of the
//! grammar).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let contexts = [
        undoc_refs::Context::default(),
        undoc_refs::Context { own_organs: vec!["A/HRC".into()] },
        undoc_refs::Context { own_organs: vec!["E".into()] },
    ];
    for ctx in &contexts {
        for r in undoc_refs::scan(text, ctx, Some("en")) {
            assert_eq!(&text[r.start..r.end], r.text);
            for s in &r.symbols {
                assert_eq!(undoc_symbol::canonicalize(s).as_deref(), Some(s.as_str()), "{s}");
            }
        }
    }
});
