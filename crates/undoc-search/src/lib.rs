/*!
What a search is, whatever engine answers it: tantivy beside the embedded
store (`undoc-index`) or PostgreSQL's text search beside a server store
(`undoc-postgres`). Front-ends hold a `dyn` [`Search`] and speak only these
types: the validated [`SearchRequest`] the CLI's flags and the API's
parameters both become, [`SearchResults`] with their [`Hit`]s and
[`Facets`], the [`Budget`] a search runs within, and [`SearchError`].

No engine lives here, so a PostgreSQL-only build compiles no tantivy.
*/

mod bounds;
mod cache;
#[cfg(feature = "conformance")]
pub mod conformance;
mod filters;
mod passage;
mod spelling;

use undoc_model::DocType;
use undoc_store::Store;

pub use bounds::{
    Budget, CancelOnDrop, DEFAULT_TIMEOUT, MAX_QUERY_CHARS, MAX_QUERY_WORDS, MAX_SLOP,
    sanitize_query,
};
pub use cache::{CACHE_BYTES, CacheStats, ResultCache};
pub use filters::Filters;
pub use passage::PassageFinder;
pub use spelling::{
    CloseTerm, FEW_HITS, MAX_ALTERNATIVES, Suggestion, edits_allowed, edits_between,
    search_as_meant, search_as_meant_by,
};

/// Why a search failed, classified for its caller: the user's request
/// ([`SearchError::BadRequest`]), the bounds ([`SearchError::TimedOut`],
/// [`SearchError::Cancelled`]), the store, or the engine itself.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// The engine failed (tantivy's index, PostgreSQL's query); the source says how.
    #[error("search index: {0}")]
    Engine(#[source] Box<dyn std::error::Error + Send + Sync>),
    #[error("search index files: {0}")]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Store(#[from] undoc_store::StoreError),
    #[error("bad search request: {0}")]
    BadRequest(String),
    /// The search ran past its deadline and was stopped.
    #[error(
        "the search took longer than it may and was stopped; narrow it (fewer common words, a filter) or try again"
    )]
    TimedOut,
    /// Its caller went away; nobody is waiting for the answer.
    #[error("the search was cancelled")]
    Cancelled,
}

impl SearchError {
    /// An engine's own error.
    pub fn engine(e: impl std::error::Error + Send + Sync + 'static) -> SearchError {
        SearchError::Engine(Box::new(e))
    }
}

pub type Result<T> = std::result::Result<T, SearchError>;

/// A validated search: what the CLI's flags and the API's query parameters
/// both become before anything runs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct SearchRequest {
    /// Words, "phrases", or a symbol. Empty: every document (with the filters).
    pub query: String,
    pub filters: Filters,
    pub limit: usize,
    pub offset: usize,
    pub sort: Sort,
    /// Other spellings of the query ([`search_as_meant`]'s close spellings):
    /// a document matching any of them matches.
    pub alternatives: Vec<String>,
}

/// The order of the hits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Sort {
    /// Best match first; without words to rank by, the newest first.
    #[default]
    Relevance,
    /// Oldest first (`date`); undated documents last.
    Oldest,
    /// Newest first (`-date`); undated documents last.
    Newest,
}

impl Sort {
    pub const ALL: [Sort; 3] = [Sort::Relevance, Sort::Oldest, Sort::Newest];

    /// As the CLI's `--sort` and the API's `sort=` name it.
    pub fn as_str(self) -> &'static str {
        match self {
            Sort::Relevance => "relevance",
            Sort::Oldest => "date",
            Sort::Newest => "-date",
        }
    }

    /// A sort as typed, or what the sorts are.
    pub fn read(typed: &str) -> std::result::Result<Sort, String> {
        let typed = typed.trim();
        Sort::ALL
            .into_iter()
            .find(|s| s.as_str().eq_ignore_ascii_case(typed))
            .ok_or_else(|| {
                format!("{typed:?} is no sort order; one of: relevance, date (oldest first), -date (newest first)")
            })
    }

    /// Whether hits come in date order, newest first, rather than by score.
    pub fn newest_first(self, has_words: bool) -> bool {
        self == Sort::Newest || (self == Sort::Relevance && !has_words)
    }
}

impl SearchRequest {
    /// Checks the combinations a user can get wrong.
    pub fn validate(&self) -> Result<()> {
        if self.limit == 0 || self.limit > 1000 {
            return Err(SearchError::BadRequest(
                "limit must be between 1 and 1000".into(),
            ));
        }
        sanitize_query(&self.query)?;
        if self.alternatives.len() > MAX_ALTERNATIVES {
            return Err(SearchError::BadRequest(format!(
                "at most {MAX_ALTERNATIVES} alternative spellings"
            )));
        }
        for alternative in &self.alternatives {
            sanitize_query(alternative)?;
        }
        self.filters.validate()
    }
}

/// The speaking-State facet's values that the `sender` filter takes: a
/// speaker may speak for an office ("Department for General Assembly and
/// Conference Management") or the European Union, which no State filter
/// names, so a link from the facet would be refused. Both engines keep these.
pub fn speaking_states(counts: Vec<(String, u64)>) -> Vec<(String, u64)> {
    counts
        .into_iter()
        .filter(|(state, _)| undoc_states::canonical(state) == Some(state.as_str()))
        .collect()
}

/// The short official name of a State as a filter names it, or a usage
/// error naming the nearest States: an unknown State is never a silent zero.
pub fn state_name(name: &str) -> Result<&'static str> {
    undoc_states::resolve(name).map_err(|nearest| {
        let hint = if nearest.is_empty() {
            String::new()
        } else {
            format!("; did you mean {}?", nearest.join(", "))
        };
        SearchError::BadRequest(format!("{name:?} is not a State's name{hint}"))
    })
}

/// The canonical symbols a query names, when it is one: a symbol in any
/// spelling, a joint symbol, or a resolution by number (`822 (1993)`,
/// `resolution 822 (1993)`, `60/251`).
pub fn symbol_query(query: &str) -> Option<Vec<String>> {
    if !query.contains(['/', '(']) {
        return None;
    }
    undoc_symbol::split_joint(query)
        .filter(|_| {
            query.contains('/') && !query.trim_start().starts_with(|c: char| c.is_ascii_digit())
        })
        .or_else(|| undoc_symbol::canonical_query(query).map(|c| vec![c]))
}

/// The phrase (quoted) that finds a symbol where texts write it; both engines use it. A Security Council
/// resolution is written by number and year ("822 (1993)", "S/RES/822
/// (1993)"): its phrase is those two, so that neither the "S" of
/// "Armenia's" nor a lone "res" is matched or highlighted.
pub fn symbol_phrase(query: &str, symbols: &[String]) -> String {
    if let [only] = symbols
        && let Some(rest) = only.strip_prefix("S/RES/")
        && let Some((number, year)) = rest.split_once(" (")
    {
        return format!("\"{number} {}\"", year.trim_end_matches(')'));
    }
    if let [only] = symbols
        && let Some(rest) = only.strip_prefix("A/RES/")
        && !query.contains("RES")
        && !query.contains("res")
    {
        return format!("\"{}\"", rest.replace('/', " "));
    }
    format!("\"{}\"", query.replace('"', " "))
}

/// The document type a filter names (`note_verbale`, or as words: "note
/// verbale"), or a request error listing the types there are.
pub fn doc_type(name: &str) -> Result<DocType> {
    let name = name.trim().to_lowercase().replace([' ', '-'], "_");
    DocType::parse(&name).ok_or_else(|| {
        let known: Vec<&str> = DocType::ALL.iter().map(|t| t.as_str()).collect();
        SearchError::BadRequest(format!(
            "{name:?} is not a document type; one of {}",
            known.join(", ")
        ))
    })
}

/// One result.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// The stored text the hit points at: the version whose words matched.
    pub id: String,
    /// Its language.
    pub language: String,
    /// Every language the document is stored in.
    pub languages: Vec<String>,
    pub symbols: Vec<String>,
    pub title: Option<String>,
    pub date: Option<String>,
    pub doc_type: DocType,
    pub score: f32,
    /// The best passage and the words in it that matched.
    pub snippet: Snippet,
}

/// A passage of a hit's text, plain, with the byte ranges the query matched:
/// each reader renders it (the pages and the API as escaped HTML, the CLI in
/// brackets) instead of undoing one engine's HTML.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snippet {
    pub text: String,
    /// Byte ranges of `text`, in order and not overlapping.
    pub marks: Vec<std::ops::Range<usize>>,
}

impl Snippet {
    /// A passage with marks, keeping only ranges that lie in order, inside
    /// the text and on character boundaries (an engine's offsets are not
    /// trusted to be).
    pub fn new(text: String, marks: impl IntoIterator<Item = std::ops::Range<usize>>) -> Snippet {
        let mut kept: Vec<std::ops::Range<usize>> = Vec::new();
        for mark in marks {
            let after_previous = kept.last().is_none_or(|last| last.end <= mark.start);
            if mark.start < mark.end && after_previous && text.get(mark.clone()).is_some() {
                kept.push(mark);
            }
        }
        Snippet { text, marks: kept }
    }

    /// The passage of a symbol query, marking the symbol where it is written
    /// whole (as typed, or as any of its canonical `symbols`), and nothing
    /// else: both engines read a symbol as a phrase of its pieces and would
    /// mark every "A", "79" and "2025" of the passage on their own.
    pub fn marking_symbol(self, typed: &str, symbols: &[String]) -> Snippet {
        let haystack = self.text.to_ascii_lowercase();
        let bytes = haystack.as_bytes();
        // A symbol's own characters: a match inside a longer symbol
        // (A/79/79 in A/79/798) is not the symbol.
        let part_of_symbol = |b: u8| b.is_ascii_alphanumeric() || b == b'/' || b == b'.';
        let mut marks: Vec<std::ops::Range<usize>> = Vec::new();
        for needle in std::iter::once(typed.trim()).chain(symbols.iter().map(String::as_str)) {
            let needle = needle.to_ascii_lowercase();
            if needle.is_empty() {
                continue;
            }
            let mut from = 0;
            while let Some(found) = haystack.get(from..).and_then(|rest| rest.find(&needle)) {
                let start = from + found;
                let end = start + needle.len();
                let starts_symbol = start == 0 || !part_of_symbol(bytes[start - 1]);
                // A full stop after it ends the sentence, not the symbol.
                let ends_symbol = match bytes.get(end) {
                    None => true,
                    Some(b'.') => !bytes.get(end + 1).is_some_and(u8::is_ascii_alphanumeric),
                    Some(&b) => !part_of_symbol(b),
                };
                if starts_symbol && ends_symbol {
                    marks.push(start..end);
                }
                from = end;
            }
        }
        marks.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
        Snippet::new(self.text, marks)
    }

    /// A passage in which `start` and `stop` characters enclose the matches
    /// (what `ts_headline` is asked to write); the marker characters go.
    pub fn from_marked(marked: &str, start: char, stop: char) -> Snippet {
        let mut text = String::with_capacity(marked.len());
        let mut marks = Vec::new();
        let mut open = None;
        for c in marked.chars() {
            if c == start {
                open = Some(text.len());
            } else if c == stop {
                if let Some(from) = open.take() {
                    marks.push(from..text.len());
                }
            } else {
                text.push(c);
            }
        }
        Snippet::new(text, marks)
    }

    /// The passage in pieces, each with whether it matched.
    pub fn parts(&self) -> Vec<(&str, bool)> {
        let mut parts = Vec::with_capacity(self.marks.len() * 2 + 1);
        let mut at = 0;
        for mark in &self.marks {
            if let (Some(before), Some(marked)) =
                (self.text.get(at..mark.start), self.text.get(mark.clone()))
            {
                parts.push((before, false));
                parts.push((marked, true));
                at = mark.end;
            }
        }
        parts.push((self.text.get(at..).unwrap_or_default(), false));
        parts.retain(|(piece, _)| !piece.is_empty());
        parts
    }

    /// HTML-escaped, matches in `<b>…</b>`.
    pub fn to_html(&self) -> String {
        let mut out = String::with_capacity(self.text.len() + 16 * self.marks.len());
        for (piece, marked) in self.parts() {
            if marked {
                out.push_str("<b>");
            }
            for c in piece.chars() {
                match c {
                    '&' => out.push_str("&amp;"),
                    '<' => out.push_str("&lt;"),
                    '>' => out.push_str("&gt;"),
                    '"' => out.push_str("&quot;"),
                    '\'' => out.push_str("&#x27;"),
                    c => out.push(c),
                }
            }
            if marked {
                out.push_str("</b>");
            }
        }
        out
    }

    /// For a terminal: matches in brackets.
    pub fn bracketed(&self) -> String {
        self.parts()
            .into_iter()
            .map(|(piece, marked)| {
                if marked {
                    format!("[{piece}]")
                } else {
                    piece.to_owned()
                }
            })
            .collect()
    }
}

/// Counts of the matching documents by facet value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facets {
    pub organ: Vec<(String, u64)>,
    pub doc_type: Vec<(String, u64)>,
    pub year: Vec<(String, u64)>,
    pub agenda: Vec<(String, u64)>,
    pub sender: Vec<(String, u64)>,
    /// Documents stored in each language (a document in six languages counts in six).
    pub language: Vec<(String, u64)>,
    /// Meeting records by who spoke in them, as printed ("Mr. Nebenzia");
    /// an office printed in place of a name is not counted (`Speech::person`).
    pub speaker: Vec<(String, u64)>,
    /// Meeting records by the States their speakers spoke for.
    pub speaker_state: Vec<(String, u64)>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchResults {
    pub total: usize,
    pub hits: Vec<Hit>,
    pub facets: Facets,
    /// The close spellings a query with few hits was widened to, as the
    /// query's word was typed ("Zangazur" for "Zangezur").
    pub also_matching: Vec<String>,
    /// For no hit: the nearest spellings the index holds of the words
    /// found nowhere.
    pub suggestions: Vec<Suggestion>,
    /// For no hit: each filter set (by its API name) that, left out, lets
    /// the search find documents, with how many.
    pub excluded_by: Vec<(String, usize)>,
}

/// What opening the index had to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Freshness {
    Current,
    /// Behind the store while another process (an ingest) is writing to it:
    /// searched as it is.
    Behind,
    /// Missing, unreadable or behind the store: rebuilt from it.
    Rebuilt(RebuildReason),
    /// Missing or unreadable where it could not be rebuilt (a read-only store,
    /// or another writer at work): built in memory for this process.
    InMemory(RebuildReason),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RebuildReason {
    Missing,
    Unreadable,
    Stale,
}

/// Full-text search over a corpus, whatever engine answers it: tantivy beside
/// the embedded store (`undoc_index::SearchIndex`), PostgreSQL's text search beside a
/// server store. Front-ends hold a `dyn Search`, so both answer the same
/// `SearchRequest` with the same `SearchResults`.
pub trait Search {
    /// Runs a validated request: ranked hits with snippets, the total, facets;
    /// stopped with [`SearchError::TimedOut`] or [`SearchError::Cancelled`] when
    /// the budget runs out.
    fn search_within(&self, request: &SearchRequest, budget: &Budget) -> Result<SearchResults>;

    /// [`Search::search_within`] the default budget ([`DEFAULT_TIMEOUT`]).
    fn search(&self, request: &SearchRequest) -> Result<SearchResults> {
        self.search_within(request, &Budget::default())
    }

    /// The index's terms within [`edits_allowed`] edits of `word` as the
    /// query's languages read it (`language`: that one only) that some
    /// document holds, the word's own terms among them (0 edits): nearest
    /// first, then the most held. What [`search_as_meant`] widens a query with.
    fn close_terms(
        &self,
        word: &str,
        language: Option<&str>,
        budget: &Budget,
    ) -> Result<Vec<CloseTerm>>;

    /// Brings the search side up to date with documents an ingest changed.
    fn update(&mut self, store: &dyn Store, changed: &[String]) -> Result<()>;

    /// How many documents the search side holds.
    fn num_docs(&self) -> u64;

    /// Sees what other processes have written since it was opened (a long-
    /// running server calls it now and then); nothing to do where every
    /// search reads the database itself.
    fn refresh(&self) -> Result<()> {
        Ok(())
    }
}

/// A `YYYY-MM-DD` calendar date as the number `YYYYMMDD`; `None` for anything
/// else, a month 13 or a 45th day included.
pub fn date_number(date: &str) -> Option<i64> {
    let b = date.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape {
        return None;
    }
    let (year, month, day): (i16, i8, i8) = (
        date[..4].parse().ok()?,
        date[5..7].parse().ok()?,
        date[8..].parse().ok()?,
    );
    jiff::civil::Date::new(year, month, day).ok()?;
    Some(i64::from(year) * 10_000 + i64::from(month) * 100 + i64::from(day))
}

#[cfg(test)]
mod snippet_tests {
    use super::Snippet;

    #[test]
    fn marks_outside_the_text_or_off_character_boundaries_are_dropped() {
        let text = "Résolution 2758 réaffirme".to_owned();
        // 1..2 cuts "é" in half; 40..45 is past the end; 13..12 is reversed.
        let reversed = std::ops::Range { start: 13, end: 12 };
        let snippet = Snippet::new(text, [1..2, 12..16, reversed, 40..45]);
        assert_eq!(snippet.marks, vec![12..16]);
        assert_eq!(snippet.bracketed(), "Résolution [2758] réaffirme");
        // 3..9 overlaps 0..5.
        let overlapping = Snippet::new("abcdefghij".into(), [0..5, 3..9, 6..8]);
        assert_eq!(overlapping.marks, [0..5, 6..8]);
    }

    #[test]
    #[allow(clippy::single_range_in_vec_init)] // one mark, as a list of marks
    fn each_reader_renders_the_same_marks() {
        let snippet = Snippet::from_marked("\u{1}Armenia\u{2} & <Azerbaijan>", '\u{1}', '\u{2}');
        assert_eq!(snippet.text, "Armenia & <Azerbaijan>");
        assert_eq!(
            snippet.parts(),
            [("Armenia", true), (" & <Azerbaijan>", false)]
        );
        assert_eq!(snippet.to_html(), "<b>Armenia</b> &amp; &lt;Azerbaijan&gt;");
        assert_eq!(snippet.bracketed(), "[Armenia] & <Azerbaijan>");
        // A mark opened and never closed marks nothing.
        assert!(
            Snippet::from_marked("\u{1}open", '\u{1}', '\u{2}')
                .marks
                .is_empty()
        );
    }
}
