//! A document whose masthead lost its symbol (the seed letter is one), identified
//! from what the store knows: a held document that names the letter by date
//! and sender *and* by symbol ("the letter dated 22 April 2021 from the
//! Permanent Representative of Armenia (A/75/861-S/2021/392)"), or a library
//! catalogue record whose date (MARC 269) and title (245) match. Candidates
//! come with their evidence; a symbol the text prints is never replaced.

use undoc_model::{LinkKind, Record};
use undoc_store::{Result, Store};

/// At most this many catalogue records are read for one identification; a
/// catalogue larger than that is reported as not searched through.
pub const MAX_CATALOGUE_SCAN: usize = 100_000;

/// One symbol the document may bear, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub symbols: Vec<String>,
    /// Where the evidence is: a citing document's key, or `catalogue`.
    pub source: String,
    /// The words that say so: the citing reference, or the catalogue's title and date.
    pub evidence: String,
}

/// What identification found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Identification {
    /// The symbols the text prints itself; when there are any, nothing is inferred.
    pub printed: Vec<String>,
    /// Distinct candidates, those cited most often first.
    pub candidates: Vec<Candidate>,
    /// The catalogue was larger than [`MAX_CATALOGUE_SCAN`] and was not read whole.
    pub catalogue_truncated: bool,
}

impl Identification {
    /// The one symbol set every candidate agrees on, if there is exactly one.
    pub fn unique(&self) -> Option<&[String]> {
        let first = self.candidates.first()?;
        self.candidates
            .iter()
            .all(|c| c.symbols == first.symbols)
            .then_some(first.symbols.as_slice())
    }
}

/// Identifies `record` against the store. `with_catalogue` reads the library
/// catalogue too (an explicit `identify` does; ingest, per file, does not).
pub fn identify(
    store: &dyn Store,
    record: &Record,
    with_catalogue: bool,
) -> Result<Identification> {
    let mut out = Identification {
        printed: record.symbols.clone(),
        ..Identification::default()
    };
    if !record.symbols.is_empty() {
        return Ok(out);
    }
    let letter = record.letter.as_ref();
    let date = letter.and_then(|l| l.date.as_deref());
    if let (Some(date), Some(state)) = (date, letter.and_then(|l| l.sender_state.as_deref())) {
        let key = undoc_model::letter_key(date, state);
        for link in store.citations_of(&key)? {
            if link.kind != LinkKind::DescribedNamed {
                continue;
            }
            let Some(citing) = store.get(&link.from)? else {
                continue;
            };
            let Some(described) = citing
                .described_references
                .get(link.ord.saturating_sub(citing.references.len()))
            else {
                continue;
            };
            out.candidates.push(Candidate {
                symbols: described.symbols.clone(),
                source: link.from.clone(),
                evidence: described.text.clone(),
            });
        }
    }
    if with_catalogue {
        catalogue_candidates(store, record, &mut out)?;
    }
    // Most often cited first; one entry per symbol set and source.
    out.candidates
        .dedup_by(|a, b| a.symbols == b.symbols && a.source == b.source);
    let count =
        |c: &Candidate, all: &[Candidate]| all.iter().filter(|o| o.symbols == c.symbols).count();
    let all = out.candidates.clone();
    out.candidates.sort_by(|a, b| {
        count(b, &all)
            .cmp(&count(a, &all))
            .then(a.source.cmp(&b.source))
    });
    Ok(out)
}

/// Catalogue records of the same date whose title is the document's.
fn catalogue_candidates(
    store: &dyn Store,
    record: &Record,
    out: &mut Identification,
) -> Result<()> {
    let dates: Vec<String> = [
        record.date.as_deref(),
        record.letter.as_ref().and_then(|l| l.date.as_deref()),
    ]
    .into_iter()
    .flatten()
    .map(|d| d.replace('-', ""))
    .collect();
    let wanted = record.title.as_deref().map(normalized).unwrap_or_default();
    if dates.is_empty() || wanted.is_empty() {
        return Ok(());
    }
    let keys = store.catalogue_keys()?;
    out.catalogue_truncated = keys.len() > MAX_CATALOGUE_SCAN;
    for key in keys.into_iter().take(MAX_CATALOGUE_SCAN) {
        let Some(entry) = store.catalogue(&key)? else {
            continue;
        };
        // Kept as the `<record>` element; its namespace may have been the collection's.
        let wrapped = format!(
            "<collection xmlns=\"http://www.loc.gov/MARC21/slim\">{}</collection>",
            entry.marcxml
        );
        let Ok(marc) = undoc_marc::read(&wrapped) else {
            continue;
        };
        let Some(marc) = marc.first() else { continue };
        let date = marc
            .values("269", "a")
            .next()
            .unwrap_or_default()
            .replace('-', "");
        let title: String = marc
            .values("245", "a")
            .chain(marc.values("245", "b"))
            .collect::<Vec<_>>()
            .join(" ");
        if dates.contains(&date) && normalized(&title) == wanted {
            out.candidates.push(Candidate {
                symbols: entry.symbols.clone(),
                source: "catalogue".to_owned(),
                evidence: format!("245 {title:?}, 269 {date}"),
            });
        }
    }
    Ok(())
}

/// A title compared as the catalogue writes it: words only, lower case.
fn normalized(title: &str) -> String {
    title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}
