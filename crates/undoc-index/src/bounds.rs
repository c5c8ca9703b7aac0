//! The index's side of a search's bounds: a collector that checks the
//! [`Budget`] as it walks the matches (the budget itself, and the query's
//! limits, are `undoc-search`'s, shared with PostgreSQL).

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::query::Weight;
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED};

use undoc_search::Budget;

/// A collector that runs `inner` over the matches, checking the budget every
/// few hundred documents; past the deadline or cancelled, the search fails
/// (and the caller reports which, from the budget).
pub(crate) struct Bounded<'b, C> {
    pub inner: C,
    pub budget: &'b Budget,
}

/// Documents between two looks at the clock.
const CHECK_EVERY: u32 = 256;

impl<C: Collector> Collector for Bounded<'_, C> {
    type Fruit = C::Fruit;
    type Child = C::Child;

    fn for_segment(&self, segment_ord: u32, reader: &SegmentReader) -> tantivy::Result<C::Child> {
        self.inner.for_segment(segment_ord, reader)
    }

    fn requires_scoring(&self) -> bool {
        self.inner.requires_scoring()
    }

    fn merge_fruits(
        &self,
        fruits: Vec<<C::Child as SegmentCollector>::Fruit>,
    ) -> tantivy::Result<C::Fruit> {
        self.inner.merge_fruits(fruits)
    }

    fn collect_segment(
        &self,
        weight: &dyn Weight,
        segment_ord: u32,
        reader: &SegmentReader,
    ) -> tantivy::Result<<C::Child as SegmentCollector>::Fruit> {
        let stop = |budget: &Budget| {
            budget
                .check()
                .map_err(|e| tantivy::TantivyError::InvalidArgument(e.to_string()))
        };
        stop(self.budget)?;
        let scoring = self.requires_scoring();
        let mut child = self.for_segment(segment_ord, reader)?;
        let mut scorer = weight.scorer(reader, 1.0)?;
        let alive = reader.alive_bitset();
        let mut doc: DocId = scorer.doc();
        let mut seen = 0u32;
        while doc != TERMINATED {
            if alive.is_none_or(|a| a.is_alive(doc)) {
                let score: Score = if scoring { scorer.score() } else { 0.0 };
                child.collect(doc, score);
            }
            seen = seen.wrapping_add(1);
            if seen.is_multiple_of(CHECK_EVERY) {
                stop(self.budget)?;
            }
            doc = scorer.advance();
        }
        Ok(child.harvest())
    }
}
