//! One module per language. A new language is a module here, written after
//! any of these, and its entry in [`LANGUAGES`].

mod ar;
mod de;
mod en;
mod es;
mod fr;
mod ru;
mod zh;

use crate::Language;

/// Every language undoc reads, the six official ones first in the order of
/// their English names as the UN lists them, English first.
pub static LANGUAGES: [&Language; 7] = [
    &en::ENGLISH,
    &fr::FRENCH,
    &es::SPANISH,
    &ru::RUSSIAN,
    &ar::ARABIC,
    &zh::CHINESE,
    &de::GERMAN,
];

/// The UN's six official languages, whose names every language must know.
pub(crate) const OFFICIAL_CODES: [&str; 6] = ["en", "fr", "es", "ru", "ar", "zh"];
