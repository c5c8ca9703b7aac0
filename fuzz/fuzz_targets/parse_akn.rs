//! Fuzzes the Akoma Ntoso reader: any bytes, and (seeded with the UN's own
//! files) mutated markup, must give a record or a one-line error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(mut record) = undoc_akn::parse("fuzz.xml", text) {
            undoc_refs::annotate(&mut record);
        }
    }
});
