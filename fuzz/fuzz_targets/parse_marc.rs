//! Fuzzes the MARCXML reader (`undoc import-marc`) and the catalogue mapping:
//! any bytes, deep nesting and long runs included (see `dict/xml.dict`), give
//! records or a one-line error, never a panic, a stack overflow or a stall.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data)
        && let Ok(records) = undoc_marc::read(text)
    {
        for record in &records {
            let _ = undoc_export::catalogue_entry(record);
        }
    }
});
