//! How the index's segments are merged: tantivy's log-levels policy, with
//! no merge bigger than [`MAX_MERGED_DOCS`].
//!
//! A merge reads every byte of the segments it merges through the index's
//! memory map, and those pages count in the merging process's resident
//! memory. With the default levels, an ingest that brings the store past
//! 200,000 documents merges eight 40,000-document segments into one of
//! 320,000, and its peak RSS goes from ~0.5 GB (the 100,000-document ingest)
//! to ~1.7 GB (`benches/million.sh`; of which 1.4 GB are the mapped segment
//! files, against 0.17 GB for the 100,000-document ingest's merges). A merge
//! here writes no more than the 100,000-document ingest's biggest (eight
//! 5,000-document commits), so the peak stays where it was, at the cost of
//! more segments to search at a million documents (25 of 40,000).

use std::collections::HashMap;

use tantivy::index::{SegmentId, SegmentMeta};
use tantivy::indexer::{LogMergePolicy, MergeCandidate, MergePolicy};

/// The most documents one merge writes.
pub(crate) const MAX_MERGED_DOCS: u32 = 40_000;

#[derive(Debug)]
pub(crate) struct BoundedMerges {
    levels: LogMergePolicy,
    max_docs: u32,
}

impl BoundedMerges {
    pub(crate) fn new(max_docs: u32) -> BoundedMerges {
        let mut levels = LogMergePolicy::default();
        // A segment of half the bound or more has no partner of its level
        // that would fit beside it.
        levels.set_max_docs_before_merge(max_docs as usize / 2);
        BoundedMerges { levels, max_docs }
    }
}

impl MergePolicy for BoundedMerges {
    fn compute_merge_candidates(&self, segments: &[SegmentMeta]) -> Vec<MergeCandidate> {
        let docs: HashMap<SegmentId, u32> =
            segments.iter().map(|s| (s.id(), s.num_docs())).collect();
        self.levels
            .compute_merge_candidates(segments)
            .into_iter()
            .flat_map(|candidate| {
                let sized = candidate
                    .0
                    .into_iter()
                    .map(|id| (id, docs.get(&id).copied().unwrap_or(0)))
                    .collect();
                pack(sized, self.max_docs)
            })
            .map(MergeCandidate)
            .collect()
    }
}

/// A level's segments in groups of at most `max_docs` documents, smallest
/// first; a segment left alone is not merged.
fn pack<T>(mut segments: Vec<(T, u32)>, max_docs: u32) -> Vec<Vec<T>> {
    segments.sort_by_key(|(_, docs)| *docs);
    let mut groups = Vec::new();
    let mut group: Vec<T> = Vec::new();
    let mut size = 0u32;
    for (segment, docs) in segments {
        if size.saturating_add(docs) > max_docs {
            if group.len() >= 2 {
                groups.push(std::mem::take(&mut group));
            }
            group.clear();
            size = 0;
        }
        group.push(segment);
        size = size.saturating_add(docs);
    }
    if group.len() >= 2 {
        groups.push(group);
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_level_is_merged_in_groups_within_the_bound() {
        // Eight 40,000-document segments: the default policy merges them
        // into one of 320,000; bounded at 100,000, two at a time.
        let level: Vec<(usize, u32)> = (0..8).map(|i| (i, 40_000)).collect();
        let groups = pack(level, 100_000);
        assert_eq!(groups.len(), 4);
        assert!(groups.iter().all(|g| g.len() == 2));
        // Eight commits of 5,000 still merge into one.
        let small: Vec<(usize, u32)> = (0..8).map(|i| (i, 5_000)).collect();
        assert_eq!(pack(small, MAX_MERGED_DOCS), vec![(0..8).collect::<Vec<_>>()]);
        // One too big to pair is left alone.
        assert!(pack(vec![(0, 30_000), (1, 20_000)], MAX_MERGED_DOCS).is_empty());
    }
}
