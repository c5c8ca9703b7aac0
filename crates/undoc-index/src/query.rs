//! Answering a search: the query read in each language it may be in,
//! filters, ranking, facet counts, and the version and passage each hit
//! shows.

use undoc_search::{
    Budget, Facets, Hit, PassageFinder, SearchError, SearchRequest, SearchResults, Snippet, Sort,
    date_number, sanitize_query, state_name, symbol_phrase, symbol_query,
};

use tantivy::Term;
use tantivy::collector::TopDocs;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, Occur, Query, QueryParser, RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption, TantivyDocument, Value};
use tantivy::snippet::SnippetGenerator;
use undoc_model::DocType;

use crate::schema::{Fields, agenda_value, facet, language_slot, segmented, slots};
use crate::{OrEngine, Result, SearchIndex, bounds, pairs, rank, tally};

/// The languages (slots) whose fields a query is read in: the one asked
/// for, else those of the query's script. Cyrillic words are Russian, Arabic
/// letters Arabic, Han characters Chinese; Latin words may be English,
/// French, Spanish or German (symbols and names are Latin in every version,
/// so every language is read for them).
pub(crate) fn query_languages(query: &str, language: Option<&str>) -> Vec<usize> {
    if let Some(l) = language {
        return vec![language_slot(l)];
    }
    let scripts = undoc_lang::Scripts::of(query);
    (0..slots().len())
        .filter(|&i| scripts.can_read(slots()[i].0))
        .collect()
}

impl SearchIndex {
    /// Runs a search: ranked hits with snippets, the total, and facet counts.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults> {
        self.search_within(request, &Budget::default())
    }

    /// Runs a search within `budget`: past its deadline, or cancelled, it
    /// stops. A search already answered on this generation of the index is
    /// answered again from memory.
    pub fn search_within(&self, request: &SearchRequest, budget: &Budget) -> Result<SearchResults> {
        request.validate()?;
        budget.check()?;
        let searcher = self.reader.searcher();
        let generation = searcher.generation().generation_id();
        self.answers.answer(generation, request, || {
            self.run_search(&searcher, request, budget)
        })
    }

    /// What the cache saved: searches answered from it and searches run.
    pub fn cache_stats(&self) -> undoc_search::CacheStats {
        self.answers.stats()
    }

    /// This index with every search run by the engine: what benchmarks of
    /// the engine's own work measure.
    pub fn without_cache(mut self) -> SearchIndex {
        self.answers = undoc_search::ResultCache::new(0);
        self
    }

    fn run_search(
        &self,
        searcher: &tantivy::Searcher,
        request: &SearchRequest,
        budget: &Budget,
    ) -> Result<SearchResults> {
        let stopped = |e: tantivy::TantivyError| match budget.check() {
            Err(why) => why,
            Ok(()) => SearchError::engine(e),
        };
        let f = &self.fields;
        let (text_query, by_language) = self.text_query(
            &request.query,
            &request.alternatives,
            request.filters.language.as_deref(),
        )?;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, text_query.box_clone())];
        let term = |field: Field, text: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(field, text),
                IndexRecordOption::Basic,
            ))
        };
        let facet_term = |field: Field, value: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_facet(field, &facet(value)),
                IndexRecordOption::Basic,
            ))
        };
        if let Some(organ) = &request.filters.organ {
            clauses.push((Occur::Must, facet_term(f.organ, organ)));
        }
        if let (Some(organ), Some(session)) = (&request.filters.organ, &request.filters.session) {
            clauses.push((Occur::Must, term(f.session, &format!("{organ}:{session}"))));
            if let Some(item) = request.filters.agenda {
                clauses.push((
                    Occur::Must,
                    facet_term(f.agenda, &agenda_value(organ, session, item)),
                ));
            }
        }
        if let Some(year) = request.filters.year {
            clauses.push((Occur::Must, facet_term(f.year, &year.to_string())));
        }
        if let Some(t) = &request.filters.doc_type {
            clauses.push((Occur::Must, term(f.doc_type, t.as_str())));
        }
        if let Some(state) = &request.filters.state {
            clauses.push((Occur::Must, term(f.state, state_name(state)?)));
        }
        if let Some(sender) = &request.filters.sender {
            // A State sends a letter, or speaks in a meeting: either is its own word.
            let state = state_name(sender)?;
            let either: Vec<(Occur, Box<dyn Query>)> = vec![
                (Occur::Should, facet_term(f.sender, state)),
                (Occur::Should, facet_term(f.speaker_state, state)),
            ];
            clauses.push((Occur::Must, Box::new(BooleanQuery::new(either))));
        }
        if let Some(mentioned) = &request.filters.mentions {
            clauses.push((Occur::Must, term(f.mentioned, state_name(mentioned)?)));
        }
        if let Some(language) = &request.filters.language {
            clauses.push((Occur::Must, term(f.language, language)));
        }
        if let Some(speaker) = &request.filters.speaker {
            for word in undoc_model::speaker_words(speaker) {
                clauses.push((Occur::Must, term(f.speaker, &word)));
            }
        }
        if let Some(kind) = request.filters.speech_kind {
            clauses.push((Occur::Must, term(f.speech_kind, kind.as_str())));
        }
        if request.filters.from.is_some() || request.filters.to.is_some() {
            use std::ops::Bound;
            let bound = |d: &Option<String>| match d.as_deref().and_then(date_number) {
                Some(n) => Bound::Included(Term::from_field_i64(f.date_num, n)),
                None => Bound::Unbounded,
            };
            clauses.push((
                Occur::Must,
                Box::new(RangeQuery::new(
                    bound(&request.filters.from),
                    bound(&request.filters.to),
                )),
            ));
        }
        // The filters alone, for words under filters: their totals are kept
        // (`tally.rs`), so a common word under them counts what it misses.
        let filter = match clauses.get(1..) {
            Some(filters) if !filters.is_empty() && !request.query.trim().is_empty() => {
                let filters =
                    BooleanQuery::new(filters.iter().map(|(o, q)| (*o, q.box_clone())).collect());
                Some(tally::Filter {
                    key: format!("{filters:?}"),
                    weight: filters
                        .weight(tantivy::query::EnableScoring::disabled_from_searcher(
                            searcher,
                        ))
                        .engine()?,
                })
            }
            _ => None,
        };
        let query = BooleanQuery::new(clauses);
        let page = TopDocs::with_limit(request.limit).and_offset(request.offset);
        // Without words to rank by, the newest documents come first.
        let has_words = !request.query.trim().is_empty();
        let by_date = match request.sort {
            Sort::Oldest => Some("oldest_first"),
            sort if sort.newest_first(has_words) => Some("newest_first"),
            _ => None,
        };
        // The count and the facets are a pass of their own, unscored
        // (`tally.rs`); it marks the matches. The page is another: by date,
        // or by score, where words whose terms need no positions are walked
        // as the union of their terms, taking only the matches marked, so
        // that what cannot reach the page is skipped (`rank.rs`).
        let tally = tally::Tally {
            totals: &self.totals,
            filter: filter.as_ref(),
            budget,
        };
        let mut counted = searcher.search(&query, &tally).map_err(stopped)?;
        let top: Vec<(f32, tantivy::DocAddress)> = match by_date {
            Some(field) => {
                let by_date = bounds::Bounded {
                    inner: page.order_by_fast_field::<i64>(field, tantivy::Order::Desc),
                    budget,
                };
                let top = searcher.search(&query, &by_date).map_err(stopped)?;
                top.into_iter().map(|(_, a)| (0.0, a)).collect()
            }
            None => {
                let ranked = bounds::Bounded {
                    inner: page.order_by_score(),
                    budget,
                };
                match rank::terms_of(&*text_query) {
                    Some(terms) => {
                        let within = rank::RankedWithin {
                            words: text_query.box_clone(),
                            terms,
                            matched: std::sync::Arc::new(std::mem::take(&mut counted.matched)),
                        };
                        searcher.search(&within, &ranked).map_err(stopped)?
                    }
                    None => searcher.search(&query, &ranked).map_err(stopped)?,
                }
            }
        };
        // One snippet generator per language field; the first language (the
        // requested one, then the order of the slots) whose text matched names the hit.
        let mut order: Vec<usize> = (0..slots().len()).collect();
        if let Some(language) = &request.filters.language {
            let slot = language_slot(language);
            order.retain(|&i| i != slot);
            order.insert(0, slot);
        }
        let symbols = symbol_query(request.query.trim());
        // Only the languages the query was read in can have matched.
        let mut generators = Vec::with_capacity(by_language.len());
        for &slot in &order {
            let Some(LanguageReading {
                reading, matcher, ..
            }) = by_language.iter().find(|r| r.slot == slot)
            else {
                continue;
            };
            let mut g =
                SnippetGenerator::create(searcher, &**reading, f.texts[slot].body).engine()?;
            g.set_max_num_chars(240);
            // A symbol is looked for whole; words as this language stems them.
            let words = match &symbols {
                Some(symbols) => std::iter::once(request.query.trim().to_owned())
                    .chain(symbols.iter().cloned())
                    .collect(),
                None => terms_of(&**reading, f.texts[slot].body),
            };
            // Which language's reading of the query this text matched: the hit names that version.
            generators.push(VersionFinder {
                slot,
                highlighter: g,
                matcher: matcher
                    .weight(tantivy::query::EnableScoring::disabled_from_searcher(
                        searcher,
                    ))
                    .engine()?,
                words,
                passages: std::sync::OnceLock::new(),
            });
        }
        // Each hit's passage is read from its stored text (a meeting record
        // runs to a megabyte): the page's hits are read on every core.
        use rayon::prelude::*;
        let hits = top
            .into_par_iter()
            .map(|(score, address)| -> Result<Hit> {
                // Snippets for a long page cost too: the budget covers them.
                budget.check()?;
                let doc: TantivyDocument = searcher.doc(address).engine()?;
                let text = |field: Field| {
                    doc.get_first(field)
                        .and_then(|v| v.as_str())
                        .map(str::to_owned)
                };
                let versions: Vec<(String, String)> = doc
                    .get_all(f.version)
                    .filter_map(|v| v.as_str())
                    .filter_map(|v| v.split_once(' '))
                    .map(|(l, k)| (l.to_owned(), k.to_owned()))
                    .collect();
                let (language, key, snippet) =
                    best_version(searcher, address, &generators, &doc, f, &versions);
                let snippet = match &symbols {
                    Some(symbols) => snippet.marking_symbol(&request.query, symbols),
                    None => snippet,
                };
                Ok(Hit {
                    id: key,
                    language,
                    languages: versions.iter().map(|(l, _)| l.clone()).collect(),
                    symbols: doc
                        .get_all(f.symbol)
                        .filter_map(|v| v.as_str().map(str::to_owned))
                        .collect(),
                    title: text(f.title),
                    date: text(f.date),
                    doc_type: text(f.doc_type)
                        .and_then(|t| DocType::parse(&t))
                        .unwrap_or(DocType::Other),
                    score,
                    snippet,
                })
            })
            .collect::<Result<Vec<Hit>>>()?;
        let mut counts = counted.facets.into_iter().map(|c| {
            let mut all: Vec<(String, u64)> = c.into_iter().collect();
            all.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            all
        });
        let mut next = || counts.next().unwrap_or_default();
        // In the order of `tally::FACETS`.
        let facets = Facets {
            organ: next(),
            doc_type: next(),
            year: next(),
            agenda: next(),
            sender: next(),
            language: next(),
            speaker: next(),
            speaker_state: undoc_search::speaking_states(next()),
        };
        Ok(SearchResults {
            total: counted.total,
            hits,
            facets,
            ..SearchResults::default()
        })
    }

    /// Words and phrases over title and body; a symbol also as an exact term,
    /// boosted, so `A/79/818` finds the document itself first.
    /// The query over every language's fields, and each language's own
    /// reading of it (to tell which version a hit matched).
    /// `alternatives` (other spellings of a query of words) match as the
    /// query does, in every language.
    fn text_query(
        &self,
        query: &str,
        alternatives: &[String],
        language: Option<&str>,
    ) -> Result<(Box<dyn Query>, Vec<LanguageReading>)> {
        let f = &self.fields;
        let query = query.trim();
        if query.is_empty() {
            return Ok((Box::new(AllQuery), Vec::new()));
        }
        // Symbols hold '/' and '(' which the parser would read as syntax: quote them
        // as a phrase. Everything else is read as words and phrases only.
        let symbol = symbol_query(query);
        let texts = match &symbol {
            Some(symbols) => vec![symbol_phrase(query, symbols)],
            None => std::iter::once(query)
                .chain(alternatives.iter().map(String::as_str))
                .map(sanitize_query)
                .collect::<Result<Vec<String>>>()?,
        };
        // Each language's fields read the whole query with that language's
        // analyzer, and a text matches when one language's reading matches it
        // (all words in French, or all in English; never a word of each).
        let mut by_language: Vec<LanguageReading> = Vec::new();
        // What is matched: each reading with its phrases looked up as word
        // pairs; the readings as parsed still mark the words and pick the version.
        let mut matched: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for slot in query_languages(query, language) {
            let t = f.texts[slot];
            let mut parser = QueryParser::new(
                self.index.schema(),
                vec![t.title, t.body],
                self.query_analyzers.clone(),
            );
            parser.set_conjunction_by_default();
            parser.set_field_boost(t.title, TITLE_BOOST);
            let mut spellings: Vec<(Occur, Box<dyn Query>)> = Vec::with_capacity(texts.len());
            let mut matchers: Vec<(Occur, Box<dyn Query>)> = Vec::with_capacity(texts.len());
            for text in &texts {
                // Chinese is written without spaces: "吊销签证" is two words to find,
                // not a phrase. Its words, segmented as the text was, each become a term.
                let text = if segmented(slot) && symbol.is_none() && !text.contains('"') {
                    self.segment(t.body, text)
                } else {
                    text.clone()
                };
                let (parsed, _errors) = parser.parse_query_lenient(&text);
                // A phrase with slop is matched with its positions, as parsed.
                let pairs = if text.contains("\"~") {
                    parsed.box_clone()
                } else {
                    pairs::with_pairs(&*parsed, t, TITLE_BOOST)
                };
                matchers.push((Occur::Should, pairs));
                spellings.push((Occur::Should, parsed));
            }
            let (Some(reading), Some(matcher)) = (either(spellings), either(matchers)) else {
                continue;
            };
            matched.push((Occur::Should, matcher.box_clone()));
            by_language.push(LanguageReading {
                slot,
                reading,
                matcher,
            });
        }
        let parsed: Box<dyn Query> = Box::new(BooleanQuery::new(matched));
        let Some(symbols) = symbol else {
            return Ok((parsed, by_language));
        };
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Should, parsed)];
        for s in symbols {
            let exact = TermQuery::new(
                Term::from_field_text(f.symbol, &s),
                IndexRecordOption::Basic,
            );
            clauses.push((
                Occur::Should,
                Box::new(BoostQuery::new(Box::new(exact), 100.0)),
            ));
        }
        Ok((Box::new(BooleanQuery::new(clauses)), by_language))
    }

    /// A query's words as `field`'s analyzer cuts them, joined by spaces.
    fn segment(&self, field: Field, query: &str) -> String {
        let Ok(mut analyzer) = self.index.tokenizer_for_field(field) else {
            return query.to_owned();
        };
        let mut words = Vec::new();
        let mut stream = analyzer.token_stream(query);
        while stream.advance() {
            let word = stream.token().text.trim();
            // Only words: the parser would read punctuation as syntax.
            if word.chars().all(char::is_alphanumeric) && !word.is_empty() {
                words.push(word.to_owned());
            }
        }
        if words.is_empty() {
            query.to_owned()
        } else {
            words.join(" ")
        }
    }
}

/// How much more a word in the title counts than one in the body.
const TITLE_BOOST: tantivy::Score = 2.0;

/// A language's slot and its reading of the query.
struct LanguageReading {
    slot: usize,
    /// As parsed: its terms are the words to mark.
    reading: Box<dyn Query>,
    /// As matched: the same texts, phrases looked up as word pairs.
    matcher: Box<dyn Query>,
}

/// A query matching what any of `queries` matches (`None` for none).
fn either(mut queries: Vec<(Occur, Box<dyn Query>)>) -> Option<Box<dyn Query>> {
    match queries.pop() {
        Some((_, only)) if queries.is_empty() => Some(only),
        Some(last) => {
            queries.push(last);
            Some(Box::new(BooleanQuery::new(queries)))
        }
        None => None,
    }
}

/// How a hit's version and passage are found in one language: its
/// reading of the query (did this version match?), the highlighter, and the
/// finder of the passage where its words are.
struct VersionFinder {
    slot: usize,
    highlighter: SnippetGenerator,
    /// This reading's matches, unscored.
    matcher: Box<dyn tantivy::query::Weight>,
    /// What the passage finder looks for.
    words: Vec<String>,
    /// Built when a hit in this language first needs it: a Latin-script
    /// query is read in five languages, and most searches use one.
    passages: std::sync::OnceLock<Option<PassageFinder>>,
}

impl VersionFinder {
    /// Whether this language's reading matches the document at `address`.
    fn matches(&self, searcher: &tantivy::Searcher, address: tantivy::DocAddress) -> bool {
        let segment = searcher.segment_reader(address.segment_ord);
        self.matcher.scorer(segment, 1.0).is_ok_and(|mut s| {
            let doc = address.doc_id;
            // A scorer may only be moved forward.
            s.doc() == doc || (s.doc() < doc && s.seek(doc) == doc)
        })
    }

    fn passages(&self) -> Option<&PassageFinder> {
        self.passages
            .get_or_init(|| PassageFinder::new(self.words.iter().map(String::as_str)))
            .as_ref()
    }
}

/// The words of a query's terms in `field`, as the index holds them (stems).
fn terms_of(query: &dyn Query, field: Field) -> Vec<String> {
    let mut words = Vec::new();
    query.query_terms(&mut |term, _| {
        if term.field() == field
            && let Some(word) = term.value().as_str()
        {
            words.push(word.to_owned());
        }
    });
    words
}

/// Windows tried for a marked passage before the opening is.
const DEEP_WINDOWS: usize = 3;

/// The version a hit points at, and its passage: the first version (in the
/// generators' order) whose text the query matched, else (no words to match,
/// or a match in the symbol only) the first stored version and its opening.
fn best_version(
    searcher: &tantivy::Searcher,
    address: tantivy::DocAddress,
    generators: &[VersionFinder],
    doc: &TantivyDocument,
    f: &Fields,
    versions: &[(String, String)],
) -> (String, String, Snippet) {
    let key_of = |slot: usize| versions.iter().find(|(l, _)| language_slot(l) == slot);
    for finder in generators {
        if !finder.matches(searcher, address) {
            continue;
        }
        let Some((language, key)) = key_of(finder.slot) else {
            continue;
        };
        let text = doc
            .get_first(f.texts[finder.slot].stored_body)
            .and_then(|v| v.as_str())
            .unwrap_or_default();
        let passage = marked_passage(finder, text).unwrap_or_else(|| opening(text));
        return (language.clone(), key.clone(), passage);
    }
    let (language, key) = versions.first().cloned().unwrap_or_default();
    let text = doc
        .get_first(f.texts[language_slot(&language)].stored_body)
        .and_then(|v| v.as_str())
        .unwrap_or_default();
    (language, key, opening(text))
}

/// The passage with the query's words marked: from the windows where the
/// words are, the densest first (one Aho–Corasick pass finds them, and the
/// highlighter stems a window, not the text: for a common word on a page
/// of 20 long records that was most of the search), else from the opening
/// (a stem that is not the start of its word: the finder cannot see it).
fn marked_passage(finder: &VersionFinder, text: &str) -> Option<Snippet> {
    let opening_end = text
        .char_indices()
        .nth(OPENING_CHARS)
        .map_or(text.len(), |(i, _)| i);
    let windows = finder
        .passages()
        .into_iter()
        .flat_map(|passages| passages.windows(text, DEEP_WINDOWS));
    windows
        .chain(std::iter::once(0..opening_end))
        .find_map(|window| {
            let snippet = finder.highlighter.snippet(text.get(window)?);
            (!snippet.highlighted().is_empty()).then(|| {
                Snippet::new(
                    snippet.fragment().to_owned(),
                    snippet.highlighted().iter().cloned(),
                )
            })
        })
}

/// How much of a text's opening the highlighter reads first, in characters:
/// most matches are there, and a short text is read whole.
const OPENING_CHARS: usize = 4_000;

/// The opening of a text, where no passage matched.
fn opening(text: &str) -> Snippet {
    let end = text.char_indices().nth(200).map_or(text.len(), |(i, _)| i);
    Snippet::new(text[..end].to_owned(), [])
}
