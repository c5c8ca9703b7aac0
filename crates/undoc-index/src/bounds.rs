//! The index's side of a search's bounds: a collector that checks the
//! [`Budget`] between segments, for the page (the count and facets,
//! `tally.rs`, look at it as they walk the matches). The budget itself, and
//! the query's limits, are `undoc-search`'s, shared with PostgreSQL.

use tantivy::SegmentReader;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::query::Weight;

use undoc_search::Budget;

/// A collector that runs `inner` segment by segment as it would run alone
/// (a page ranked by score skips the matches that cannot reach it: tantivy's
/// block-WAND), looking at the clock between segments.
pub(crate) struct Bounded<'b, C> {
    pub inner: C,
    pub budget: &'b Budget,
}

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
        stop(self.budget)?;
        self.inner.collect_segment(weight, segment_ord, reader)
    }
}

/// The budget's verdict as tantivy's error (the caller reads which from the budget).
pub(crate) fn stop(budget: &Budget) -> tantivy::Result<()> {
    budget
        .check()
        .map_err(|e| tantivy::TantivyError::InvalidArgument(e.to_string()))
}
