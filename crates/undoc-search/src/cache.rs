//! Answers already given, kept for the index state that gave them.
//!
//! The searches people repeat are the common ones ("Security Council",
//! "Gaza", an organ's name with a year), and they are the expensive ones:
//! every match is counted into the facets. An engine that can name the state
//! its answers come from (the embedded index's searcher generation changes
//! with every commit it sees) keeps its answers here, so a repeated search
//! costs a lookup and a copy whatever the number of matches, and any change
//! to the index empties the cache before it could answer from the old state.
//! Bounded by bytes, least recently used first out.

use std::num::NonZeroUsize;
use std::sync::Mutex;

use lru::LruCache;

use crate::{Hit, Result, SearchRequest, SearchResults};

/// Memory the answers of one index may hold.
pub const CACHE_BYTES: usize = 64 * 1024 * 1024;

/// An answer bigger than this share of the cache is not kept.
const LARGEST_SHARE: usize = 16;

/// Nor one bigger than this: a page of 20 hits with its facets is ~35 KB,
/// while the pages of an export (1,000 hits each, ~600 KB), read once, would
/// push out the ordinary searches people repeat.
const LARGEST_ANSWER: usize = 256 * 1024;

/// How many answers at most, whatever their size.
const MAX_ENTRIES: usize = 4_096;

/// Recent answers of one index, valid for one generation of it.
#[derive(Debug)]
pub struct ResultCache {
    state: Mutex<CacheState>,
    max_bytes: usize,
}

#[derive(Debug)]
struct CacheState {
    generation: Option<u64>,
    entries: LruCache<SearchRequest, (SearchResults, usize)>,
    bytes: usize,
    stats: CacheStats,
}

/// What the cache did, for tests and benchmarks: the work it saved is
/// counted, not timed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CacheStats {
    /// Searches answered from the cache.
    pub hits: u64,
    /// Searches the engine ran.
    pub misses: u64,
    /// Answers held now, and their approximate size.
    pub entries: usize,
    pub bytes: usize,
    /// Times a new generation of the index emptied it.
    pub invalidations: u64,
}

impl Default for ResultCache {
    fn default() -> Self {
        ResultCache::new(CACHE_BYTES)
    }
}

impl ResultCache {
    pub fn new(max_bytes: usize) -> ResultCache {
        let capacity = NonZeroUsize::new(MAX_ENTRIES).unwrap_or(NonZeroUsize::MIN);
        ResultCache {
            state: Mutex::new(CacheState {
                generation: None,
                entries: LruCache::new(capacity),
                bytes: 0,
                stats: CacheStats::default(),
            }),
            max_bytes,
        }
    }

    /// The answer to `request` from an index at `generation`: the one kept,
    /// else `search`'s, kept for next time. The engine runs outside the lock,
    /// so searches never wait for each other here.
    pub fn answer(
        &self,
        generation: u64,
        request: &SearchRequest,
        search: impl FnOnce() -> Result<SearchResults>,
    ) -> Result<SearchResults> {
        if let Some(kept) = self.get(generation, request) {
            return Ok(kept);
        }
        let results = search()?;
        self.insert(generation, request, &results);
        Ok(results)
    }

    fn get(&self, generation: u64, request: &SearchRequest) -> Option<SearchResults> {
        // A poisoned lock only loses the cache, never the search.
        let mut state = self.state.lock().ok()?;
        state.enter(generation);
        match state.entries.get(request) {
            Some((results, _)) => {
                let results = results.clone();
                state.stats.hits += 1;
                Some(results)
            }
            None => {
                state.stats.misses += 1;
                None
            }
        }
    }

    fn insert(&self, generation: u64, request: &SearchRequest, results: &SearchResults) {
        let size = request_bytes(request) + results_bytes(results);
        if size > LARGEST_ANSWER.min(self.max_bytes / LARGEST_SHARE) {
            return;
        }
        let Ok(mut state) = self.state.lock() else {
            return;
        };
        // The index moved on while this search ran: its answer is already old.
        if state.generation != Some(generation) {
            return;
        }
        if let Some((_, (_, old))) = state.entries.push(request.clone(), (results.clone(), size)) {
            state.bytes -= old;
        }
        state.bytes += size;
        while state.bytes > self.max_bytes {
            match state.entries.pop_lru() {
                Some((_, (_, dropped))) => state.bytes -= dropped,
                None => break,
            }
        }
    }

    pub fn stats(&self) -> CacheStats {
        match self.state.lock() {
            Ok(state) => CacheStats {
                entries: state.entries.len(),
                bytes: state.bytes,
                ..state.stats
            },
            Err(_) => CacheStats::default(),
        }
    }
}

impl CacheState {
    /// Answers from another generation of the index are dropped, all at once.
    fn enter(&mut self, generation: u64) {
        if self.generation != Some(generation) {
            if self.generation.is_some() {
                self.stats.invalidations += 1;
            }
            self.generation = Some(generation);
            self.entries.clear();
            self.bytes = 0;
        }
    }
}

/// Heap bytes, roughly: what the strings hold plus a word or two per
/// allocation. Only the cache's bound depends on it.
const PER_ALLOCATION: usize = 32;

fn text_bytes(text: &str) -> usize {
    text.len() + PER_ALLOCATION
}

fn request_bytes(request: &SearchRequest) -> usize {
    std::mem::size_of::<SearchRequest>()
        + text_bytes(&request.query)
        + request
            .alternatives
            .iter()
            .map(|a| text_bytes(a))
            .sum::<usize>()
}

fn results_bytes(results: &SearchResults) -> usize {
    let counts = |values: &[(String, u64)]| -> usize {
        values.iter().map(|(v, _)| text_bytes(v) + 8).sum::<usize>()
    };
    let f = &results.facets;
    let facets = [
        &f.organ,
        &f.doc_type,
        &f.year,
        &f.agenda,
        &f.sender,
        &f.language,
        &f.speaker,
        &f.speaker_state,
    ]
    .iter()
    .map(|values| counts(values))
    .sum::<usize>();
    std::mem::size_of::<SearchResults>()
        + results.hits.iter().map(hit_bytes).sum::<usize>()
        + facets
        + results
            .also_matching
            .iter()
            .map(|a| text_bytes(a))
            .sum::<usize>()
        + results
            .suggestions
            .iter()
            .map(|s| text_bytes(&s.word) + text_bytes(&s.spelling) + text_bytes(&s.query))
            .sum::<usize>()
        + results
            .excluded_by
            .iter()
            .map(|(name, _)| text_bytes(name) + 8)
            .sum::<usize>()
}

fn hit_bytes(hit: &Hit) -> usize {
    std::mem::size_of::<Hit>()
        + text_bytes(&hit.id)
        + text_bytes(&hit.language)
        + hit.languages.iter().map(|l| text_bytes(l)).sum::<usize>()
        + hit.symbols.iter().map(|s| text_bytes(s)).sum::<usize>()
        + hit.title.as_deref().map_or(0, text_bytes)
        + hit.date.as_deref().map_or(0, text_bytes)
        + text_bytes(&hit.snippet.text)
        + hit.snippet.marks.len() * std::mem::size_of::<std::ops::Range<usize>>()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Snippet;

    fn request(query: &str) -> SearchRequest {
        SearchRequest {
            query: query.into(),
            limit: 20,
            ..SearchRequest::default()
        }
    }

    fn results(total: usize, snippet: &str) -> SearchResults {
        SearchResults {
            total,
            hits: vec![Hit {
                id: "S/RES/439 (1978)".into(),
                language: "en".into(),
                languages: vec!["en".into()],
                symbols: vec!["S/RES/439 (1978)".into()],
                title: None,
                date: None,
                doc_type: undoc_model::DocType::Resolution,
                score: 1.0,
                snippet: Snippet::new(snippet.into(), []),
            }],
            ..SearchResults::default()
        }
    }

    #[test]
    fn a_repeated_search_is_answered_once_per_generation() {
        let cache = ResultCache::default();
        let mut runs = 0;
        let mut search = |generation: u64, query: &str| {
            cache
                .answer(generation, &request(query), || {
                    runs += 1;
                    Ok(results(runs, query))
                })
                .map(|r| r.total)
        };
        assert_eq!(search(1, "Security Council").ok(), Some(1));
        assert_eq!(search(1, "Security Council").ok(), Some(1));
        assert_eq!(search(1, "Gaza").ok(), Some(2));
        // A new generation (a commit) answers afresh.
        assert_eq!(search(2, "Security Council").ok(), Some(3));
        let stats = cache.stats();
        assert_eq!((stats.hits, stats.misses, stats.invalidations), (1, 3, 1));
        assert_eq!(stats.entries, 1);
    }

    #[test]
    fn an_answer_from_a_generation_gone_by_is_not_kept() {
        let cache = ResultCache::default();
        let asked = request("Karabakh");
        // The index moves on (another search sees generation 2) while this
        // one, begun at generation 1, is still running.
        let answer = cache.answer(1, &asked, || {
            cache.get(2, &request("other"));
            Ok(results(7, "old"))
        });
        assert_eq!(answer.map(|r| r.total).ok(), Some(7));
        assert_eq!(cache.stats().entries, 0);
    }

    #[test]
    fn the_cache_keeps_within_its_bytes_and_drops_the_least_recent() {
        let long = "x".repeat(10_000);
        let one = request_bytes(&request("q0")) + results_bytes(&results(0, &long));
        let cache = ResultCache::new(one * LARGEST_SHARE + one / 2);
        for i in 0..(LARGEST_SHARE + 4) {
            let asked = request(&format!("q{i}"));
            let _ = cache.answer(1, &asked, || Ok(results(i, &long)));
        }
        let stats = cache.stats();
        assert!(stats.bytes <= one * LARGEST_SHARE + one / 2, "{stats:?}");
        assert_eq!(stats.entries, LARGEST_SHARE);
        // The first searches went out, the last stayed.
        let runs = std::cell::Cell::new(0);
        let again = |q: &str| {
            let _ = cache.answer(1, &request(q), || {
                runs.set(runs.get() + 1);
                Ok(results(0, "again"))
            });
        };
        again(&format!("q{}", LARGEST_SHARE + 3));
        assert_eq!(runs.get(), 0);
        again("q0");
        assert_eq!(runs.get(), 1);
    }

    #[test]
    fn an_export_page_is_not_kept() {
        let cache = ResultCache::default();
        let mut page = results(1_000, "");
        page.hits = (0..1_000)
            .map(|i| results(i, &"z".repeat(240)).hits.remove(0))
            .collect();
        let _ = cache.answer(1, &request("export"), || Ok(page));
        assert_eq!(cache.stats().entries, 0);
        // A page of 20 is.
        let _ = cache.answer(1, &request("page"), || Ok(results(20, &"z".repeat(240))));
        assert_eq!(cache.stats().entries, 1);
    }

    #[test]
    fn an_answer_too_big_to_share_the_cache_is_not_kept() {
        let cache = ResultCache::new(64 * 1024);
        let _ = cache.answer(1, &request("big"), || Ok(results(1, &"y".repeat(8_000))));
        assert_eq!(cache.stats().entries, 0);
    }
}
