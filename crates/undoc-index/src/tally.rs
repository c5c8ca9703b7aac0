//! A search's count and facet counts, at a cost that follows the smaller of
//! its matches and its non-matches. Counting facets reads each counted
//! text's values from eight columns, a block of texts at a time; finding which
//! texts match is a walk of posting lists (a nanosecond or two a text). So a
//! segment's matches are first marked in a bitset; when more than half of
//! its texts match (a common word: "Security Council" is in nine texts of
//! ten), the texts that do *not* match are counted and taken from the
//! segment's totals, which are counted once per segment and kept. Facet
//! fields with few values (organ, type, year, languages) are also kept as
//! a bitset per value, so that counting many texts there is a popcount per
//! value rather than a lookup per text (`add_counted`).
//!
//! The counts are exact either way: `tally_agrees_with_tantivy_facet_counts`
//! checks them against tantivy's `FacetCollector`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::index::SegmentId;
use tantivy::query::Weight;
use tantivy::schema::Facet;
use tantivy::{COLLECT_BLOCK_BUFFER_LEN, DocId, DocSet, Score, SegmentReader};

use undoc_search::Budget;

use crate::bounds::stop;
use crate::rank::{Bits, Matched, MatchedBySegment};
use crate::schema::facet_value;

/// The facet fields counted, by schema name, in the order of [`Tally`]'s counts.
pub(crate) const FACETS: [&str; 8] = [
    "organ",
    "type",
    "year",
    "agenda",
    "sender",
    "languages",
    "speaker_name",
    "speaker_state",
];

/// Per facet field, a count per value ordinal of one segment.
type OrdinalCounts = Vec<Vec<u64>>;

/// Each segment's facet counts over all its live texts, and over the texts
/// of each filter asked for lately, kept while the segment and its
/// deletions are the same. Bounded: when full, the filters' are dropped,
/// and everything if that is not enough (entries of segments gone with it).
pub(crate) struct SegmentTotals {
    kept: Mutex<HashMap<TotalsKey, Arc<Totals>>>,
    /// Facet fields with at most this many values in a segment are also
    /// kept as a bitset per value ([`Totals::by_value`]).
    few_values: usize,
}

impl Default for SegmentTotals {
    fn default() -> SegmentTotals {
        SegmentTotals::with_few_values(FEW_VALUES)
    }
}

/// Organs, document types, years and languages: a handful to a hundred
/// values a segment, each a bitset of an eighth of a byte a text (100
/// values over 1,000,000 texts: 12.5 MB). Agenda items, senders and
/// speakers run to hundreds or thousands and are counted a text at a time.
const FEW_VALUES: usize = 128;

/// What counting a text's value a column at a time costs against and-ing
/// and counting one 64-bit word of two bitsets (about 4 ns against 0.5).
const PER_TEXT: usize = 8;

/// A segment, its deletions, and the filter (`None`: every live text).
type TotalsKey = (SegmentId, u32, Option<String>);

/// How many counts are kept at most: an index has a few dozen segments,
/// and a reader refines a search under a few filters at a time. A filter's
/// entry holds a bit per text of the segment.
const KEPT_TOTALS: usize = 128;

/// The texts of a segment a filter lets through, and their facet counts.
struct Totals {
    /// A bit per text (`None` for every live text).
    texts: Option<Vec<u64>>,
    count: usize,
    /// Per facet field, the count of each value; a filter's are counted
    /// the first time a search counts what it misses within it (a word
    /// under the filter that most of its texts hold), not to learn `count`.
    counts: Option<OrdinalCounts>,
    /// Of every live text (filter `None`): per facet field with few values,
    /// a bitset of the texts holding each value, by ordinal; so that a
    /// search's counts over many texts are a popcount a value rather than
    /// a lookup a text.
    by_value: ValueBits,
}

/// Per facet field, a bitset per value ordinal, where kept.
type ValueBits = Vec<Option<Vec<Vec<u64>>>>;

/// A search's filters (everything but its words), unscored, named for the
/// totals kept of them.
pub(crate) struct Filter {
    pub weight: Box<dyn Weight>,
    pub key: String,
}

impl SegmentTotals {
    /// Totals keeping value bitsets of facet fields with at most `few`
    /// values a segment (0: none; every count a text at a time).
    pub(crate) fn with_few_values(few: usize) -> SegmentTotals {
        SegmentTotals {
            kept: Mutex::default(),
            few_values: few,
        }
    }

    /// The totals of every live text of a segment (`filter` `None`), or of
    /// those a filter lets through: with their facet counts when `counted`
    /// (always, for every live text), taking the fields `by_value` keeps
    /// by popcount.
    fn of(
        &self,
        reader: &SegmentReader,
        facets: &[StrColumn],
        filter: Option<&Filter>,
        counted: bool,
        by_value: &ValueBits,
        budget: &Budget,
    ) -> tantivy::Result<Arc<Totals>> {
        let key = (
            reader.segment_id(),
            reader.num_deleted_docs(),
            filter.map(|f| f.key.clone()),
        );
        let uncounted = match self.lock().get(&key) {
            Some(kept) if kept.counts.is_some() || !counted => return Ok(kept.clone()),
            kept => kept.cloned(),
        };
        let totals = match filter {
            None => {
                let by_value: ValueBits = facets
                    .iter()
                    .map(|facet| {
                        (facet.num_terms() <= self.few_values)
                            .then(|| value_bits(facet, reader, budget))
                            .transpose()
                    })
                    .collect::<tantivy::Result<_>>()?;
                // Every live text: those marked by no bit.
                let none = vec![0u64; (reader.max_doc() as usize).div_ceil(64)];
                let count = reader.num_docs() as usize;
                let mut counts = empty_counts(facets);
                add_counted(
                    &none,
                    true,
                    count,
                    reader,
                    &mut counts,
                    facets,
                    &by_value,
                    budget,
                )?;
                Totals {
                    texts: None,
                    count,
                    counts: Some(counts),
                    by_value,
                }
            }
            Some(filter) => {
                let texts = match uncounted.as_ref().and_then(|u| u.texts.clone()) {
                    Some(texts) => texts,
                    None => mark(&*filter.weight, reader, budget)?,
                };
                let count = texts.iter().map(|w| w.count_ones() as usize).sum();
                let counts = if counted {
                    let mut counts = empty_counts(facets);
                    add_counted(
                        &texts,
                        false,
                        count,
                        reader,
                        &mut counts,
                        facets,
                        by_value,
                        budget,
                    )?;
                    Some(counts)
                } else {
                    None
                };
                Totals {
                    texts: Some(texts),
                    count,
                    counts,
                    by_value: Vec::new(),
                }
            }
        };
        let totals = Arc::new(totals);
        let mut kept = self.lock();
        if kept.len() >= KEPT_TOTALS {
            // The filters' go first: each is one refinement, and a search
            // with dates makes a new one, where every live text's totals
            // (one a segment) serve most searches. Dropping those with the
            // filters' made their rebuilding the slowest searches at a
            // million documents (55-80 ms).
            kept.retain(|(_, _, filter), _| filter.is_none());
            if kept.len() >= KEPT_TOTALS {
                kept.clear();
            }
        }
        kept.insert(key, totals.clone());
        Ok(totals)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<TotalsKey, Arc<Totals>>> {
        // A panic while holding it leaves only counts that were complete.
        self.kept.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The live texts `weight` matches in a segment, a bit each; each block of
/// them a look at the clock.
fn mark(weight: &dyn Weight, reader: &SegmentReader, budget: &Budget) -> tantivy::Result<Vec<u64>> {
    let words = (reader.max_doc() as usize).div_ceil(64);
    let mut matched = vec![0u64; words];
    let mut scorer = weight.scorer(reader, 1.0)?;
    let mut block = [0; COLLECT_BLOCK_BUFFER_LEN];
    let mut blocks = 0u32;
    loop {
        let filled = scorer.fill_buffer(&mut block);
        for &doc in &block[..filled] {
            if let Some(word) = matched.get_mut(doc as usize / 64) {
                *word |= 1 << (doc % 64);
            }
        }
        if filled < block.len() {
            break;
        }
        blocks = blocks.wrapping_add(1);
        if blocks.is_multiple_of(CHECK_EVERY / COLLECT_BLOCK_BUFFER_LEN as u32) {
            stop(budget)?;
        }
    }
    if let Some(alive) = reader.alive_bitset() {
        for (i, word) in matched.iter_mut().enumerate() {
            for bit in Bits(*word) {
                if !alive.is_alive((i * 64) as DocId + bit) {
                    *word &= !(1 << bit);
                }
            }
        }
    }
    Ok(matched)
}

/// Adds to `counts` the values of each live text whose bit in `words` is
/// set (or, `unset`, is not), and returns how many texts that was; the
/// facet fields `skip` marks are left alone.
fn add_each(
    words: &[u64],
    unset: bool,
    reader: &SegmentReader,
    counts: &mut OrdinalCounts,
    facets: &[StrColumn],
    skip: &[bool],
    budget: &Budget,
) -> tantivy::Result<usize> {
    let max_doc = reader.max_doc();
    let mut added = 0usize;
    let mut adder = Adder {
        skip: skip.to_vec(),
        ..Adder::default()
    };
    for (i, &word) in words.iter().enumerate() {
        for bit in Bits(if unset { !word } else { word }) {
            let doc = (i * 64) as DocId + bit;
            if doc >= max_doc {
                break;
            }
            if reader.alive_bitset().is_none_or(|a| a.is_alive(doc)) {
                adder.push(counts, facets, doc);
                added += 1;
                if added.is_multiple_of(CHECK_EVERY as usize) {
                    stop(budget)?;
                }
            }
        }
    }
    adder.flush(counts, facets);
    Ok(added)
}

/// Texts between two looks at the clock.
const CHECK_EVERY: u32 = 4096;

/// [`add_each`] for `to_count` texts, taking the facet fields whose
/// value bitsets the segment keeps by popcount where that is cheaper: a
/// value's bitset costs a word per 64 texts of the segment, a text's
/// lookup [`PER_TEXT`] words, whether it holds the value or not.
#[allow(clippy::too_many_arguments)] // one segment's count: its texts, columns, kept bitsets and budget
fn add_counted(
    words: &[u64],
    unset: bool,
    to_count: usize,
    reader: &SegmentReader,
    counts: &mut OrdinalCounts,
    facets: &[StrColumn],
    by_value: &ValueBits,
    budget: &Budget,
) -> tantivy::Result<()> {
    let by_bits: Vec<bool> = (0..facets.len())
        .map(|f| {
            by_value
                .get(f)
                .and_then(Option::as_ref)
                .is_some_and(|values| {
                    values.len().saturating_mul(words.len()) < to_count.saturating_mul(PER_TEXT)
                })
        })
        .collect();
    for ((values, counts), by_bits) in by_value.iter().zip(counts.iter_mut()).zip(&by_bits) {
        let (Some(values), true) = (values, by_bits) else {
            continue;
        };
        for (n, bits) in counts.iter_mut().zip(values) {
            let held: u32 = words
                .iter()
                .zip(bits)
                .map(|(&w, &b)| (if unset { !w } else { w } & b).count_ones())
                .sum();
            *n += u64::from(held);
        }
        stop(budget)?;
    }
    if by_bits.iter().all(|&b| b) {
        return Ok(());
    }
    add_each(words, unset, reader, counts, facets, &by_bits, budget)?;
    Ok(())
}

/// For each value of a facet field, the bitset of the segment's live texts
/// that hold it (bits past the last text and of deleted texts unset, so
/// that a complement may be and-ed with it).
fn value_bits(
    facet: &StrColumn,
    reader: &SegmentReader,
    budget: &Budget,
) -> tantivy::Result<Vec<Vec<u64>>> {
    let words = (reader.max_doc() as usize).div_ceil(64);
    let mut bits = vec![vec![0u64; words]; facet.num_terms()];
    let column = facet.ords();
    let mut docs = Vec::new();
    let mut block = BlockValues::default();
    let live =
        (0..reader.max_doc()).filter(|&d| reader.alive_bitset().is_none_or(|a| a.is_alive(d)));
    let mut live = live.peekable();
    while live.peek().is_some() {
        docs.clear();
        docs.extend(live.by_ref().take(BLOCK));
        for (doc, ord) in block.read(column, &docs) {
            if let Some(word) = bits
                .get_mut(ord as usize)
                .and_then(|b| b.get_mut(doc as usize / 64))
            {
                *word |= 1 << (doc % 64);
            }
        }
        stop(budget)?;
    }
    Ok(bits)
}

fn empty_counts(facets: &[StrColumn]) -> OrdinalCounts {
    facets.iter().map(|f| vec![0; f.num_terms()]).collect()
}

/// Texts to count, gathered so that each column is read a block at a time:
/// row ids, then values, in bulk. Against a text at a time, facet counting
/// went from 9.5 % to 5.7 % of `undoc-bench search`'s samples (`perf`, the
/// same 1,000 queries at 100,000 documents).
#[derive(Default)]
struct Adder {
    /// Facet fields counted elsewhere (none, when empty).
    skip: Vec<bool>,
    docs: Vec<DocId>,
    block: BlockValues,
}

/// A column's values for a block of texts, read in bulk: row ids, then
/// values. Buffers kept between blocks.
#[derive(Default)]
struct BlockValues {
    docs_out: Vec<DocId>,
    rows: Vec<u32>,
    values: Vec<u64>,
}

impl BlockValues {
    /// Each (text, value ordinal) of `docs` in `column`, in text order.
    fn read(
        &mut self,
        column: &tantivy::columnar::Column<u64>,
        docs: &[DocId],
    ) -> impl Iterator<Item = (DocId, u64)> + '_ {
        self.docs_out.clear();
        self.rows.clear();
        column.row_ids_for_docs(docs, &mut self.docs_out, &mut self.rows);
        self.values.clear();
        self.values.resize(self.rows.len(), 0);
        column.values.get_vals(&self.rows, &mut self.values);
        self.docs_out
            .iter()
            .copied()
            .zip(self.values.iter().copied())
    }
}

/// Texts counted in one go.
const BLOCK: usize = 256;

impl Adder {
    fn push(&mut self, counts: &mut OrdinalCounts, facets: &[StrColumn], doc: DocId) {
        self.docs.push(doc);
        if self.docs.len() == BLOCK {
            self.flush(counts, facets);
        }
    }

    /// Counts the gathered texts' values, each once a text.
    fn flush(&mut self, counts: &mut OrdinalCounts, facets: &[StrColumn]) {
        if self.docs.is_empty() {
            return;
        }
        for (f, (counts, facet)) in counts.iter_mut().zip(facets).enumerate() {
            if self.skip.get(f).copied().unwrap_or(false) {
                continue;
            }
            let mut previous = (DocId::MAX, u64::MAX);
            for (doc, ord) in self.block.read(facet.ords(), &self.docs) {
                if (doc, ord) != previous
                    && let Some(n) = counts.get_mut(ord as usize)
                {
                    *n += 1;
                }
                previous = (doc, ord);
            }
        }
        self.docs.clear();
    }
}

/// The count of a search's matches and, per facet field of [`FACETS`], the
/// count of each value.
#[derive(Debug, Default, Clone)]
pub(crate) struct Counts {
    pub total: usize,
    pub facets: Vec<HashMap<String, u64>>,
    /// Which texts matched, segment by segment: what the page by score
    /// takes from the union of the words' terms (`rank.rs`).
    pub matched: MatchedBySegment,
}

/// The collector of [`Counts`], looking at the budget as it goes.
pub(crate) struct Tally<'a> {
    pub totals: &'a SegmentTotals,
    /// The search's filters, when it has words and filters: where most of
    /// the texts the filters let through match, the others are counted.
    pub filter: Option<&'a Filter>,
    pub budget: &'a Budget,
}

/// One segment's counts, by value ordinal, with what names the ordinals.
pub(crate) struct SegmentCounts {
    total: usize,
    counts: OrdinalCounts,
    facets: Vec<StrColumn>,
    segment: SegmentId,
    matched: Option<Arc<Matched>>,
}

impl Collector for Tally<'_> {
    type Fruit = Counts;
    type Child = SegmentTally;

    fn for_segment(&self, _: u32, reader: &SegmentReader) -> tantivy::Result<SegmentTally> {
        Ok(SegmentTally {
            counts: SegmentCounts::new(reader)?,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, segments: Vec<SegmentCounts>) -> tantivy::Result<Counts> {
        let mut merged = Counts {
            total: 0,
            facets: vec![HashMap::new(); FACETS.len()],
            matched: MatchedBySegment::new(),
        };
        for segment in segments {
            merged.total += segment.total;
            if let Some(matched) = segment.matched {
                merged.matched.insert(segment.segment, matched);
            }
            for ((into, counts), facet) in merged
                .facets
                .iter_mut()
                .zip(&segment.counts)
                .zip(&segment.facets)
            {
                let mut bytes = Vec::new();
                for (ord, &n) in counts.iter().enumerate() {
                    if n == 0 {
                        continue;
                    }
                    bytes.clear();
                    if facet.dictionary().ord_to_term(ord as u64, &mut bytes)?
                        && let Ok(value) = Facet::from_encoded(bytes.clone())
                    {
                        *into.entry(facet_value(&value)).or_default() += n;
                    }
                }
            }
        }
        Ok(merged)
    }

    fn collect_segment(
        &self,
        weight: &dyn Weight,
        _: u32,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentCounts> {
        stop(self.budget)?;
        let mut segment = SegmentCounts::new(reader)?;
        let matched = mark(weight, reader, self.budget)?;
        let total: usize = matched.iter().map(|w| w.count_ones() as usize).sum();
        segment.total = total;
        // Every live text's totals hold the value bitsets: worth their one
        // pass over the segment once a search counts a 64th of its texts.
        let no_bits = ValueBits::new();
        let all = if total.saturating_mul(64) >= reader.max_doc() as usize {
            Some(
                self.totals
                    .of(reader, &segment.facets, None, true, &no_bits, self.budget)?,
            )
        } else {
            None
        };
        let by_value = all.as_ref().map_or(&no_bits, |all| &all.by_value);
        // Most texts match, or most of those the filters let through: count
        // those that do not, and take them from the totals kept.
        let mut within = None;
        if total * 2 > reader.num_docs() as usize {
            within = all.clone();
        } else if let Some(filter) = self.filter {
            let filtered = self.totals.of(
                reader,
                &segment.facets,
                Some(filter),
                false,
                by_value,
                self.budget,
            )?;
            if total * 2 > filtered.count {
                within = Some(self.totals.of(
                    reader,
                    &segment.facets,
                    Some(filter),
                    true,
                    by_value,
                    self.budget,
                )?);
            }
        }
        // Totals taken to count from have their counts (`of`, counted).
        match within.filter(|totals| totals.counts.is_some()) {
            Some(totals) => {
                let mut missing = empty_counts(&segment.facets);
                match &totals.texts {
                    None => add_counted(
                        &matched,
                        true,
                        (reader.num_docs() as usize).saturating_sub(total),
                        reader,
                        &mut missing,
                        &segment.facets,
                        by_value,
                        self.budget,
                    )?,
                    Some(texts) => {
                        let outside: Vec<u64> =
                            texts.iter().zip(&matched).map(|(t, m)| t & !m).collect();
                        let to_count = outside.iter().map(|w| w.count_ones() as usize).sum();
                        add_counted(
                            &outside,
                            false,
                            to_count,
                            reader,
                            &mut missing,
                            &segment.facets,
                            by_value,
                            self.budget,
                        )?
                    }
                };
                for ((into, all), missing) in segment
                    .counts
                    .iter_mut()
                    .zip(totals.counts.iter().flatten())
                    .zip(&missing)
                {
                    for ((n, all), missing) in into.iter_mut().zip(all).zip(missing) {
                        *n = all.saturating_sub(*missing);
                    }
                }
            }
            None => {
                add_counted(
                    &matched,
                    false,
                    total,
                    reader,
                    &mut segment.counts,
                    &segment.facets,
                    by_value,
                    self.budget,
                )?;
            }
        }
        segment.matched = Some(Arc::new(Matched {
            words: matched,
            count: total,
        }));
        Ok(segment)
    }
}

impl SegmentCounts {
    fn new(reader: &SegmentReader) -> tantivy::Result<SegmentCounts> {
        let facets = FACETS
            .iter()
            .map(|name| {
                reader.fast_fields().str(name)?.ok_or_else(|| {
                    tantivy::TantivyError::SchemaError(format!("no facet column {name}"))
                })
            })
            .collect::<tantivy::Result<Vec<_>>>()?;
        Ok(SegmentCounts {
            total: 0,
            counts: empty_counts(&facets),
            facets,
            segment: reader.segment_id(),
            matched: None,
        })
    }
}

/// Texts one at a time: what tantivy's own loop would do with this collector
/// (it is only used through [`Tally::collect_segment`], which takes the
/// segment whole).
pub(crate) struct SegmentTally {
    counts: SegmentCounts,
}

impl SegmentCollector for SegmentTally {
    type Fruit = SegmentCounts;

    fn collect(&mut self, doc: DocId, _: Score) {
        self.counts.total += 1;
        let mut adder = Adder::default();
        adder.push(&mut self.counts.counts, &self.counts.facets, doc);
        adder.flush(&mut self.counts.counts, &self.counts.facets);
    }

    fn harvest(self) -> SegmentCounts {
        self.counts
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed expectation is the report

    use proptest::prelude::*;
    use tantivy::Term;
    use tantivy::collector::{Count, FacetCollector};
    use tantivy::query::{Query, TermQuery};
    use tantivy::schema::{Facet, IndexRecordOption, TantivyDocument};

    use super::*;
    use crate::schema::facet;

    /// tantivy's own counts of `query`'s matches, in [`Counts`]' shape.
    fn by_tantivy(searcher: &tantivy::Searcher, query: &dyn Query) -> Counts {
        let mut counts = Counts {
            total: searcher.search(query, &Count).unwrap(),
            ..Counts::default()
        };
        for name in FACETS {
            let mut collector = FacetCollector::for_field(name);
            collector.add_facet(Facet::root());
            let found = searcher.search(query, &collector).unwrap();
            counts.facets.push(
                found
                    .get(Facet::root())
                    .map(|(f, n)| (facet_value(f), n))
                    .collect(),
            );
        }
        counts
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]
        /// Texts with a word in a drawn share of them (none, a few, most,
        /// all), facet values drawn from small sets, spread over segments,
        /// some deleted: the tally's counts are tantivy's, whichever side
        /// of half the matches fall, of all texts or of those a filter
        /// lets through.
        #[test]
        fn tally_agrees_with_tantivy_facet_counts(
            texts in proptest::collection::vec((0..100u8, 0..4u8, 0..3u8, proptest::bool::ANY), 1..400),
            common_share in 0..=100u8,
            segments in 1..4usize,
            deleted_every in proptest::option::of(2..9usize),
        ) {
            let (index, fields) = crate::testing::empty();
            let docs = texts.iter().map(|(draw, organ, year, two_languages)| {
                let mut doc = TantivyDocument::default();
                let body = if *draw < common_share { "council" } else { "zebra" };
                doc.add_text(fields.texts[0].body, body);
                doc.add_facet(fields.organ, facet(["A", "S", "E", "HRC"][*organ as usize]));
                doc.add_facet(fields.year, facet(&(2020 + u32::from(*year)).to_string()));
                doc.add_facet(fields.languages, facet("en"));
                if *two_languages {
                    doc.add_facet(fields.languages, facet("fr"));
                    doc.add_facet(fields.organ, facet("S"));
                }
                doc
            });
            let searcher = crate::testing::spread(docs, segments, deleted_every, &fields, &index);
            let budget = Budget::new(std::time::Duration::from_secs(60));
            // The filter lets through a drawn share of the texts (organ S).
            let organ = TermQuery::new(Term::from_facet(fields.organ, &facet("S")), IndexRecordOption::Basic);
            let filter = Filter {
                weight: organ.weight(tantivy::query::EnableScoring::disabled_from_searcher(&searcher)).unwrap(),
                key: format!("{organ:?}"),
            };
            for word in ["council", "zebra", "nowhere"] {
                let word = TermQuery::new(
                    Term::from_field_text(fields.texts[0].body, word),
                    IndexRecordOption::Basic,
                );
                let filtered = tantivy::query::BooleanQuery::intersection(vec![Box::new(word.clone()), Box::new(organ.clone())]);
                for (query, filter) in [(&word as &dyn Query, None), (&filtered, Some(&filter))] {
                  // A text at a time, and by the value bitsets where kept.
                  for totals in [SegmentTotals::with_few_values(0), SegmentTotals::default()] {
                    // Twice: the second time from the totals kept.
                    for _ in 0..2 {
                        let tallied = searcher.search(query, &Tally { totals: &totals, filter, budget: &budget }).unwrap();
                        let expected = by_tantivy(&searcher, query);
                        prop_assert_eq!(tallied.total, expected.total);
                        for (got, want) in tallied.facets.iter().zip(&expected.facets) {
                            let want: HashMap<String, u64> = want.iter().map(|(v, n)| (v.clone(), *n)).collect();
                            prop_assert_eq!(got, &want);
                        }
                    }
                  }
                }
            }
        }
    }
}
