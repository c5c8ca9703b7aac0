//! The references written in words rather than symbols: letters named by date
//! and sender (`described`) and statements named by their meeting
//! (`meetings`). Their anchors ("letter", "verbale", "communication",
//! "meeting") are found by one SIMD `memmem` pass each, so the words cost a
//! few reads of the text whatever their number.

use std::sync::OnceLock;

use memchr::memmem::Finder;
use undoc_model::{DescribedReference, Reference};

use crate::described::Writer;
use crate::resolutions::{Context, Found};

/// The anchors; the last is a meeting's. None begins with a space, which is everywhere.
const ANCHORS: [&str; 4] = ["letter", "verbale", "communication", "meeting"];

fn finders() -> &'static [Finder<'static>; 4] {
    static FINDERS: OnceLock<[Finder<'static>; 4]> = OnceLock::new();
    FINDERS.get_or_init(|| ANCHORS.map(Finder::new))
}

/// What the worded pass found.
#[derive(Debug, Default)]
pub struct Worded {
    pub described: Vec<DescribedReference>,
    pub meetings: Vec<Found>,
}

/// Letters by date and sender, and statements by meeting, in text order.
pub fn scan(text: &str, symbol_refs: &[Reference], ctx: &Context, writer: &Writer<'_>) -> Worded {
    let mut out = Worded::default();
    let bytes = text.as_bytes();
    let mut nouns: Vec<(usize, usize)> = Vec::new();
    for (i, finder) in finders().iter().enumerate() {
        for at in finder.find_iter(bytes) {
            crate::work::add(1);
            if i == ANCHORS.len() - 1 {
                // `at_meeting` reads from the space before the word.
                if let Some(space) = at.checked_sub(1)
                    && bytes[space] == b' '
                    && let Some(found) = crate::meetings::at_meeting(text, space, ctx)
                {
                    out.meetings.push(found);
                }
            } else {
                nouns.push((at, ANCHORS[i].len()));
            }
        }
    }
    out.meetings.sort_by_key(|f| f.start);
    nouns.sort_unstable();
    for (at, len) in nouns {
        if let Some(found) = crate::described::at_noun(text, at, len, symbol_refs, writer)
            && out
                .described
                .last()
                .is_none_or(|last| last.end <= found.start)
        {
            out.described.push(found);
        }
    }
    out
}
