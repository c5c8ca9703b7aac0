//! Full-text search on PostgreSQL: the embedded index's requests and answers
//! (`SearchRequest` → `SearchResults`) with `tsvector`, `websearch_to_tsquery`,
//! `ts_rank_cd` and `ts_headline`.

use tokio_postgres::types::ToSql;
use undoc_model::DocType;
use undoc_search::{
    Budget, Facets, Hit, Search, SearchError, SearchRequest, SearchResults, Snippet,
};
use undoc_store::Store;

use crate::{PgStore, server};

/// Marks ts_headline puts around matches; they become the snippet's
/// ranges (document text is never taken for markup).
const START: char = '\u{1}';
const STOP: char = '\u{2}';

type Param = Box<dyn ToSql + Sync + Send>;

/// "Nagorny-Karabakh" → "Nagorny Karabakh" (letters on both sides only):
/// PostgreSQL's parser would ask
/// for the hyphenated compound as a token of its own, which a text that
/// breaks or spaces the name does not have; the embedded index reads the two
/// words. (A hyphen that starts a word is websearch's NOT, and stays.)
fn split_hyphens(query: &str) -> String {
    let chars: Vec<char> = query.chars().collect();
    chars
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let between = i > 0
                && chars.get(i - 1).is_some_and(|p| p.is_alphabetic())
                && chars.get(i + 1).is_some_and(|n| n.is_alphabetic());
            if *c == '-' && between { ' ' } else { *c }
        })
        .collect()
}

/// The WHERE clause and rank of a request, with its parameters.
struct Plan {
    params: Vec<Param>,
    conditions: Vec<String>,
    rank: String,
    /// The tsquery expression snippets are made with, if any words.
    tsquery: Option<String>,
    /// How many parameters, from $1, the tsquery refers to (the query and
    /// its alternative spellings).
    text_params: usize,
    /// For words (not a symbol): each reading's languages and tsquery. Their
    /// match is not among `conditions`: the matches and the ranked page are
    /// taken reading by reading (`word_matches`, `ranked_page`), each with
    /// the conditions.
    readings: Vec<(String, String)>,
}

impl Plan {
    fn param(&mut self, value: Param) -> String {
        self.params.push(value);
        format!("${}", self.params.len())
    }
}

/// The languages (as stored, comma-separated for a Postgres array literal)
/// each text search configuration reads, for the query's script: Latin words
/// in the Latin-script languages, Cyrillic in Russian, Arabic letters in
/// Arabic, Chinese (no stemmer here) as written.
fn language_readings(query: &str, language: Option<&str>) -> Vec<(String, &'static str)> {
    let all = crate::configurations();
    if let Some(l) = language {
        let config = crate::text_search_config(l);
        return all.iter().filter(|(_, c)| *c == config).cloned().collect();
    }
    let scripts = undoc_lang::Scripts::of(query);
    all.iter()
        .filter(|(languages, _)| {
            // The first language a configuration serves stands for its script.
            let language = languages.split(',').next().unwrap_or("en");
            scripts.can_read(language)
        })
        .cloned()
        .collect()
}

/// The query in one text search configuration: the query as typed, or any
/// of its alternative spellings (`texts`: their parameters).
fn websearch_in(config: &str, texts: &[String]) -> String {
    let each: Vec<String> = texts
        .iter()
        .map(|t| format!("websearch_to_tsquery('{config}', {t})"))
        .collect();
    format!("({})", each.join(" || "))
}

/// The tsquery a row is ranked and highlighted with: its language's reading.
fn per_language_tsquery(readings: &[(String, &str)], texts: &[String]) -> String {
    let mut case = String::from("(CASE");
    for (languages, config) in readings {
        case.push_str(&format!(
            " WHEN d.language = ANY('{{{languages}}}') THEN {}",
            websearch_in(config, texts)
        ));
    }
    case.push_str(&format!(" ELSE {} END)", websearch_in("english", texts)));
    case
}

/// The document's own tsvector matches, or (for a long body) one of its
/// passages: a union of two index lookups (an `OR` across the two tables would
/// make the planner scan every document and read every tsvector), plus, for a
/// symbol, the documents bearing it.
fn matches(tsquery: &str, symbols: Option<&str>, per_language: bool) -> String {
    let bearing = symbols
        .map(|s| format!(" UNION SELECT doc_id FROM doc_symbols WHERE symbol = ANY({s})"))
        .unwrap_or_default();
    format!(
        "d.id IN ({} UNION SELECT doc_id FROM doc_passages WHERE tsv @@ {tsquery}{bearing})",
        texts_matching(tsquery, per_language)
    )
}

/// The ids of the texts, in any language, whose tsvector matches `tsquery`:
/// where the texts are indexed per language (RUM, `index_each_reading`),
/// one index scan per language's index, since no index holds every text.
fn texts_matching(tsquery: &str, per_language: bool) -> String {
    if !per_language {
        return format!("SELECT id FROM documents WHERE tsv @@ {tsquery}");
    }
    crate::configurations()
        .iter()
        .map(|(languages, _)| {
            format!(
                "SELECT id FROM documents WHERE language = ANY('{{{languages}}}') AND tsv @@ {tsquery}"
            )
        })
        .collect::<Vec<_>>()
        .join(" UNION ALL ")
}

/// The lexemes of joint symbols holding one of `symbols` as a part:
/// PostgreSQL's parser reads "A/79/798-S/2025/110" as one token, so a text
/// citing the joint form holds neither symbol's own lexeme. The lexicon
/// (every lexeme of the stored texts, trigram-indexed) finds them, as a
/// tsquery of alternatives; NULL when there are none.
fn joint_lexemes(p: &mut Plan, symbols: &[String]) -> String {
    let mut patterns = Vec::new();
    for symbol in symbols {
        let literal = symbol
            .to_lowercase()
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        for pattern in [
            format!("{literal}-%"),
            format!("%-{literal}"),
            format!("%-{literal}-%"),
        ] {
            let param = p.param(Box::new(pattern));
            patterns.push(format!("word LIKE {param}"));
        }
    }
    format!(
        "(SELECT string_agg(DISTINCT quote_literal(word), ' | ')::tsquery FROM lexicon WHERE {})",
        patterns.join(" OR ")
    )
}

/// The short official name of a State a filter names (`validate` has refused unknown names).
fn known_state(name: &str) -> String {
    undoc_search::state_name(name).map_or_else(|_| name.to_owned(), str::to_owned)
}

fn plan(request: &SearchRequest, per_language: bool) -> Plan {
    let mut p = Plan {
        params: Vec::new(),
        conditions: Vec::new(),
        rank: "0::real".into(),
        tsquery: None,
        text_params: 0,
        readings: Vec::new(),
    };
    let query = request.query.trim();
    if !query.is_empty() {
        match undoc_search::symbol_query(query) {
            Some(symbols) => {
                // A symbol: the document that bears it (first), or the text as a phrase.
                let phrase = undoc_search::symbol_phrase(query, &symbols);
                let q = p.param(Box::new(phrase.trim_matches('"').to_owned()));
                let joint = joint_lexemes(&mut p, &symbols);
                // The tsquery refers to these first parameters only.
                let text_params = p.params.len();
                let s = p.param(Box::new(symbols));
                let tsquery = format!(
                    "(phraseto_tsquery('english', {q}) || coalesce({joint}, phraseto_tsquery('english', {q})))"
                );
                let exact =
                    format!("d.id IN (SELECT doc_id FROM doc_symbols WHERE symbol = ANY({s}))");
                p.conditions.push(matches(&tsquery, Some(&s), per_language));
                p.rank = format!(
                    "(ts_rank_cd(d.tsv, {tsquery}) + CASE WHEN {exact} THEN 100 ELSE 0 END)::real"
                );
                p.tsquery = Some(tsquery);
                p.text_params = text_params;
            }
            None => {
                let mut texts = vec![p.param(Box::new(split_hyphens(query)))];
                for alternative in &request.alternatives {
                    texts.push(p.param(Box::new(split_hyphens(alternative))));
                }
                p.text_params = texts.len();
                // Each text is indexed with its own language's stemmer: each language's
                // texts are matched by the query as that language reads it (Spanish
                // reads "Red Sea" as "red": "sea" is one of its stop words).
                let readings = language_readings(query, request.filters.language.as_deref());
                p.readings = readings
                    .iter()
                    .map(|(languages, config)| (languages.clone(), websearch_in(config, &texts)))
                    .collect();
                let tsquery = per_language_tsquery(&readings, &texts);
                p.rank = format!("ts_rank_cd(d.tsv, {tsquery})");
                p.tsquery = Some(tsquery);
            }
        }
    }
    if let Some(organ) = &request.filters.organ {
        let o = p.param(Box::new(organ.clone()));
        match &request.filters.session {
            Some(session) => {
                let s = p.param(Box::new(session.clone()));
                p.conditions.push(format!(
                    "EXISTS (SELECT 1 FROM bodies b WHERE b.doc_id = d.id AND b.organ = {o}
                             AND coalesce(b.session, b.year::text) = {s})"
                ));
                if let Some(item) = request.filters.agenda {
                    let n = p.param(Box::new(i32::try_from(item).unwrap_or(i32::MAX)));
                    p.conditions.push(format!(
                        "EXISTS (SELECT 1 FROM agenda_items a WHERE a.doc_id = d.id AND a.organ = {o}
                                 AND a.session = {s} AND a.number = {n})"
                    ));
                }
            }
            None => p.conditions.push(format!(
                "EXISTS (SELECT 1 FROM bodies b WHERE b.doc_id = d.id AND b.organ = {o})"
            )),
        }
    }
    if let Some(year) = request.filters.year {
        let y = p.param(Box::new(year.to_string()));
        p.conditions.push(format!("left(d.date, 4) = {y}"));
    }
    if let Some(t) = &request.filters.doc_type {
        let t = p.param(Box::new(t.as_str().to_owned()));
        p.conditions.push(format!("d.doc_type = {t}"));
    }
    // A State sends a letter, or speaks in a meeting: either is its own word.
    // A union of index lookups (the states GIN, the speeches' State), as for
    // words: an OR across the two tables would scan every document.
    let named_or_spoke = |s: &str, sender: bool| {
        let sent = if sender {
            format!(" AND sender_state = {s}")
        } else {
            String::new()
        };
        format!(
            "d.id IN (SELECT id FROM documents WHERE states @> ARRAY[{s}::text]{sent}
                      UNION SELECT doc_id FROM speeches WHERE state = {s})"
        )
    };
    if let Some(state) = &request.filters.state {
        let s = p.param(Box::new(known_state(state)));
        p.conditions.push(named_or_spoke(&s, false));
    }
    if let Some(sender) = &request.filters.sender {
        let s = p.param(Box::new(known_state(sender)));
        p.conditions.push(named_or_spoke(&s, true));
    }
    if let Some(mentioned) = &request.filters.mentions {
        let s = p.param(Box::new(serde_json::json!([known_state(mentioned)])));
        p.conditions
            .push(format!("d.record->'states_mentioned' @> {s}"));
    }
    if let Some(speaker) = &request.filters.speaker {
        for word in undoc_model::speaker_words(speaker) {
            let w = p.param(Box::new(word));
            p.conditions.push(format!(
                "EXISTS (SELECT 1 FROM speeches s WHERE s.doc_id = d.id AND {w} = ANY(s.speaker_words))"
            ));
        }
    }
    if let Some(kind) = request.filters.speech_kind {
        let k = p.param(Box::new(kind.as_str().to_owned()));
        p.conditions.push(format!(
            "EXISTS (SELECT 1 FROM speeches s WHERE s.doc_id = d.id AND s.kind = {k})"
        ));
    }
    if let Some(from) = &request.filters.from {
        let f = p.param(Box::new(from.clone()));
        p.conditions.push(format!("d.date >= {f}"));
    }
    if let Some(to) = &request.filters.to {
        let t = p.param(Box::new(to.clone()));
        p.conditions.push(format!("d.date <= {t}"));
    }
    if let Some(language) = &request.filters.language {
        let l = p.param(Box::new(language.clone()));
        p.conditions.push(format!("d.language = {l}"));
    }
    p
}

/// The request's conditions besides its words, each after an ` AND `.
fn other_conditions(p: &Plan) -> String {
    p.conditions.iter().map(|c| format!(" AND {c}")).collect()
}

/// The matches of a request for words, with what the facets and the page
/// read of them: each reading's texts (in its languages' index) and the
/// long texts one of whose passages matches, each with the other filters.
/// Taken from the rows the index scans visit; a union of ids looked up again
/// by key fetched every match twice (16,008 lookups for "humanitarian").
fn word_matches(p: &Plan, columns: &str) -> String {
    let others = other_conditions(p);
    p.readings
        .iter()
        .map(|(languages, tsquery)| {
            format!(
                "SELECT {columns} FROM documents d
                 WHERE d.language = ANY('{{{languages}}}') AND d.tsv @@ {tsquery}{others}
                 UNION SELECT {columns} FROM documents d
                 WHERE d.language = ANY('{{{languages}}}')
                   AND d.id IN (SELECT doc_id FROM doc_passages WHERE tsv @@ {tsquery}){others}"
            )
        })
        .collect::<Vec<_>>()
        .join(" UNION ")
}

/// A page of hits in rank order, each reading's best taken from its RUM
/// index (`ORDER BY tsv <=> query LIMIT offset + limit`, with the request's
/// other filters), so no match outside the page has its tsvector read. Texts
/// matched only in a passage of a long body rank as before, below every text
/// whose own tsvector matches (rank 0), newest first; they are reached only
/// when the readings together hold fewer than a page, and then every text a
/// reading matched is already among them, so the order is the one ranking
/// every match gives. The score is RUM's (the inverse of its distance).
fn ranked_page(rum: &str, p: &Plan, limit: &str, offset: &str) -> String {
    let others = other_conditions(p);
    let distance = |tsquery: &str| format!("d.tsv OPERATOR(\"{rum}\".<=>) {tsquery}");
    let mut candidates: Vec<String> = p
        .readings
        .iter()
        .map(|(languages, tsquery)| {
            format!(
                "(SELECT d.id, d.date, {distance} AS distance FROM documents d
                  WHERE d.language = ANY('{{{languages}}}') AND d.tsv @@ {tsquery}{others}
                  ORDER BY {distance} LIMIT {limit}::bigint + {offset}::bigint)",
                distance = distance(tsquery)
            )
        })
        .collect();
    candidates.push(format!(
        "(SELECT id, date, 'Infinity'::real FROM hits
          ORDER BY date DESC NULLS LAST, id LIMIT {limit}::bigint + {offset}::bigint)"
    ));
    format!(
        "SELECT id, (1 / min(distance))::real AS score, date FROM ({}) c (id, date, distance)
         GROUP BY id, date ORDER BY min(distance), date DESC NULLS LAST, id
         LIMIT {limit} OFFSET {offset}",
        candidates.join(" UNION ALL ")
    )
}

/// Facet counts as the embedded index orders them: most first, then by value.
fn facet_counts(json: serde_json::Value) -> Vec<(String, u64)> {
    let mut out: Vec<(String, u64)> = json
        .as_array()
        .map(|rows| {
            rows.iter()
                .filter_map(|r| Some((r.get("v")?.as_str()?.to_owned(), r.get("n")?.as_u64()?)))
                .collect()
        })
        .unwrap_or_default();
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out
}

impl PgStore {
    /// The RUM extension's schema, if this store's texts are indexed with it.
    fn rum(&self) -> undoc_store::Result<Option<String>> {
        if let Some(rum) = self.rum.get() {
            return Ok(rum.clone());
        }
        let rum = self.block(async {
            let client = self.client().await?;
            crate::connection::rum_schema(&client).await
        })?;
        Ok(self.rum.get_or_init(|| rum).clone())
    }

    fn search_results(
        &self,
        request: &SearchRequest,
        timeout: std::time::Duration,
    ) -> undoc_search::Result<SearchResults> {
        request.validate()?;
        let rum = self.rum()?;
        let mut p = plan(request, rum.is_some());
        let filter = if p.conditions.is_empty() {
            "TRUE".to_owned()
        } else {
            p.conditions.join(" AND ")
        };
        let limit = p.param(Box::new(i64::try_from(request.limit).unwrap_or(i64::MAX)));
        let offset = p.param(Box::new(i64::try_from(request.offset).unwrap_or(i64::MAX)));
        // Without words, newest first (as the embedded index orders them).
        let by_date = match request.sort {
            undoc_search::Sort::Oldest => Some("date ASC NULLS LAST, id"),
            sort if sort.newest_first(p.tsquery.is_some()) => Some("date DESC NULLS LAST, id"),
            _ => None,
        };
        let order = by_date.unwrap_or("score DESC, date DESC NULLS LAST, id");
        let words = !p.readings.is_empty();
        let (rank, page) = match (&rum, by_date, words) {
            // A page by date needs no rank.
            (_, Some(_), _) => (
                "0::real".to_owned(),
                format!(
                    "SELECT id, score, date FROM hits ORDER BY {order} LIMIT {limit} OFFSET {offset}"
                ),
            ),
            (Some(rum), None, true) => {
                ("0::real".to_owned(), ranked_page(rum, &p, &limit, &offset))
            }
            _ => (
                p.rank.clone(),
                format!(
                    "SELECT id, score, date FROM hits ORDER BY {order} LIMIT {limit} OFFSET {offset}"
                ),
            ),
        };
        let columns = format!(
            "d.id, d.date, d.doc_type, d.sender_state, d.language, d.organs, d.agenda,
             d.persons, d.speaker_states, {rank} AS score"
        );
        let matches = if words {
            word_matches(&p, &columns)
        } else {
            format!("SELECT {columns} FROM documents d WHERE {filter}")
        };
        let sql = format!(
            "WITH hits AS MATERIALIZED ({matches}),
             page AS ({page})
             SELECT
               (SELECT count(*) FROM hits),
               (SELECT coalesce(json_agg(json_build_object('v', organ, 'n', n)), '[]'::json) FROM
                  (SELECT organ, count(*) AS n FROM hits, unnest(hits.organs) organ GROUP BY 1) x),
               (SELECT coalesce(json_agg(json_build_object('v', doc_type, 'n', n)), '[]'::json) FROM
                  (SELECT doc_type, count(*) AS n FROM hits GROUP BY doc_type) x),
               (SELECT coalesce(json_agg(json_build_object('v', y, 'n', n)), '[]'::json) FROM
                  (SELECT left(date, 4) AS y, count(*) AS n FROM hits WHERE date IS NOT NULL GROUP BY 1) x),
               (SELECT coalesce(json_agg(json_build_object('v', v, 'n', n)), '[]'::json) FROM
                  (SELECT v, count(*) AS n FROM hits, unnest(hits.agenda) v GROUP BY 1) x),
               (SELECT coalesce(json_agg(json_build_object('v', sender_state, 'n', n)), '[]'::json) FROM
                  (SELECT sender_state, count(*) AS n FROM hits WHERE sender_state IS NOT NULL GROUP BY 1) x),
               (SELECT coalesce(json_agg(json_build_object('id', id, 'score', score) ORDER BY {order}), '[]'::json) FROM page),
               (SELECT coalesce(json_agg(json_build_object('v', language, 'n', n)), '[]'::json) FROM
                  (SELECT language, count(*) AS n FROM hits GROUP BY 1) x),
               (SELECT coalesce(json_agg(json_build_object('v', person, 'n', n)), '[]'::json) FROM
                  (SELECT person, count(*) AS n FROM hits, unnest(hits.persons) person GROUP BY 1) x),
               (SELECT coalesce(json_agg(json_build_object('v', state, 'n', n)), '[]'::json) FROM
                  (SELECT state, count(*) AS n FROM hits, unnest(hits.speaker_states) state GROUP BY 1) x)",
        );
        let opening_headline = match &p.tsquery {
            Some(tsquery) => headline("d.excerpt", tsquery),
            None => "left(d.excerpt, 200)".to_owned(),
        };
        let deep_headline = p.tsquery.as_deref().map(|t| headline("d.body", t));
        let symbols = undoc_search::symbol_query(request.query.trim());
        let text_params = p.text_params;
        let params = p.params;
        let result = self.block(async {
            let mut client = self.client().await?;
            // The planner prices reading every tsvector in a sequential scan as
            // cheap; for a common word at 100,000 documents that is ten times
            // slower than the GIN index it passes over (measured: 500 ms
            // against 50 ms). Searches always have the index: make it use it.
            let client = client.transaction().await.map_err(server)?;
            let timeout_ms = timeout.as_millis().clamp(1, 3_600_000);
            client
                .batch_execute(&format!(
                    "SET LOCAL enable_seqscan = off; SET LOCAL statement_timeout = {timeout_ms}"
                ))
                .await
                .map_err(server)?;
            let refs: Vec<&(dyn ToSql + Sync)> =
                params.iter().map(|b| b.as_ref() as &(dyn ToSql + Sync)).collect();
            let row = client.query_one(&sql, &refs).await.map_err(server)?;
            let total: i64 = row.get(0);
            let facets = Facets {
                organ: facet_counts(row.get(1)),
                doc_type: facet_counts(row.get(2)),
                year: facet_counts(row.get(3)),
                agenda: facet_counts(row.get(4)),
                sender: facet_counts(row.get(5)),
                language: facet_counts(row.get(7)),
                speaker: facet_counts(row.get(8)),
                speaker_state: undoc_search::speaking_states(facet_counts(row.get(9))),
            };
            let page: serde_json::Value = row.get(6);
            let page: Vec<(String, f32)> = page
                .as_array()
                .map(|rows| {
                    rows.iter()
                        .filter_map(|r| {
                            Some((
                                r.get("id")?.as_str()?.to_owned(),
                                r.get("score")?.as_f64()? as f32,
                            ))
                        })
                        .collect()
                })
                .unwrap_or_default();
            let mut hits = Vec::with_capacity(page.len());
            if !page.is_empty() {
                // Only the page's documents get a headline: it reads their text.
                let ids: Vec<String> = page.iter().map(|(id, _)| id.clone()).collect();
                // The tsquery refers to the query's texts, parameters $1 on.
                let mut detail_refs: Vec<&(dyn ToSql + Sync)> = refs[..text_params].to_vec();
                detail_refs.push(&ids);
                let ids_param = detail_refs.len();
                let sql = format!(
                    "SELECT d.id, d.title, d.date, d.doc_type, {opening_headline},
                            coalesce((SELECT array_agg(symbol ORDER BY position) FROM doc_symbols WHERE doc_id = d.id AND symbol NOT LIKE 'letter of %'), '{{}}'),
                            d.language
                     FROM documents d WHERE d.id = ANY(${ids_param})"
                );
                let rows = client.query(&sql, &detail_refs).await.map_err(server)?;
                for (id, score) in page {
                    if let Some(r) = rows.iter().find(|r| r.get::<_, String>(0) == id) {
                        let snippet = Snippet::from_marked(&r.get::<_, String>(4), START, STOP);
                        let language: String = r.get(6);
                        hits.push(Hit {
                            id,
                            languages: vec![language.clone()],
                            language,
                            title: r.get(1),
                            date: r.get(2),
                            doc_type: DocType::parse(r.get(3)).unwrap_or(DocType::Other),
                            score,
                            snippet: match &symbols {
                                Some(symbols) => snippet.marking_symbol(&request.query, symbols),
                                None => snippet,
                            },
                            symbols: r.get(5),
                        });
                    }
                }
            }
            // A match past the stored opening: the passage where the words are.
            if let Some(deep_headline) = &deep_headline {
                let words = passage_words(request, &symbols);
                let texts = &refs[..text_params];
                mark_deep_passages(&client, &mut hits, texts, &words, deep_headline).await?;
            }
            client.commit().await.map_err(server)?;
            Ok(SearchResults {
                total: usize::try_from(total).unwrap_or_default(),
                hits,
                facets,
                ..SearchResults::default()
            })
        });
        result.map_err(SearchError::from)
    }
}

/// ts_headline over `text` (SQL), the matches between START and STOP.
fn headline(text: &str, tsquery: &str) -> String {
    format!(
        "ts_headline({config}, {text}, {tsquery},
                     'StartSel=\u{1},StopSel=\u{2},MaxWords=40,MinWords=20,MaxFragments=1')",
        config = crate::text_search_config_sql("d.language"),
    )
}

/// Windows past the opening tried for a marked passage before giving up.
const DEEP_WINDOWS: usize = 3;

/// What the passage finder looks for, beside the words PostgreSQL's stemmer
/// gives each text's language: a symbol query's symbol, whole.
fn passage_words(request: &SearchRequest, symbols: &Option<Vec<String>>) -> Vec<String> {
    match symbols {
        Some(symbols) => std::iter::once(request.query.trim().to_owned())
            .chain(symbols.iter().cloned())
            .collect(),
        None => Vec::new(),
    }
}

/// Gives each hit whose stored opening holds none of the query's words the
/// passage of its body where they are: the body is read from the record,
/// the query's lexemes in the text's language find the windows
/// (`PassageFinder`, as the embedded index does), and ts_headline marks the
/// first window it finds a match in. Only the page's hits are read.
async fn mark_deep_passages(
    client: &deadpool_postgres::Transaction<'_>,
    hits: &mut [Hit],
    texts: &[&(dyn ToSql + Sync)],
    symbol_words: &[String],
    deep_headline: &str,
) -> Result<(), undoc_store::StoreError> {
    if texts.is_empty() {
        return Ok(());
    }
    let unmarked: Vec<String> = hits
        .iter()
        .filter(|h| h.snippet.marks.is_empty())
        .map(|h| h.id.clone())
        .collect();
    if unmarked.is_empty() {
        return Ok(());
    }
    // The lexemes of the query and its alternative spellings, in each text's language.
    let all_texts: Vec<String> = (1..=texts.len()).map(|i| format!("${i}::text")).collect();
    let ids = texts.len() + 1;
    let mut params = texts.to_vec();
    params.push(&unmarked);
    let rows = client
        .query(
            &format!(
                "SELECT d.id, d.record, d.language,
                        tsvector_to_array(to_tsvector({config}, concat_ws(' ', {all})))
                 FROM documents d WHERE d.id = ANY(${ids})",
                config = crate::text_search_config_sql("d.language"),
                all = all_texts.join(", "),
            ),
            &params,
        )
        .await
        .map_err(server)?;
    // Each candidate window: the hit it is for, its text and language.
    let (mut owner, mut windows, mut languages) = (Vec::new(), Vec::new(), Vec::new());
    for row in &rows {
        let id: String = row.get(0);
        let Ok(record) = serde_json::from_value::<undoc_model::Record>(row.get(1)) else {
            continue;
        };
        let lexemes: Vec<String> = row.get(3);
        let words = if symbol_words.is_empty() {
            &lexemes
        } else {
            symbol_words
        };
        let Some(finder) = undoc_search::PassageFinder::new(words.iter().map(String::as_str))
        else {
            continue;
        };
        let body = record.body_text();
        for window in finder.windows(&body, DEEP_WINDOWS) {
            if let Some(text) = body.get(window) {
                owner.push(id.clone());
                windows.push(text.to_owned());
                languages.push(row.get::<_, String>(2));
            }
        }
    }
    if windows.is_empty() {
        return Ok(());
    }
    let mut params = texts.to_vec();
    params.push(&windows);
    params.push(&languages);
    let (body, language) = (texts.len() + 1, texts.len() + 2);
    let marked = client
        .query(
            &format!(
                "SELECT {deep_headline}
                 FROM unnest(${body}::text[], ${language}::text[]) WITH ORDINALITY AS d(body, language, n)
                 ORDER BY d.n"
            ),
            &params,
        )
        .await
        .map_err(server)?;
    for (id, row) in owner.iter().zip(&marked) {
        let snippet = Snippet::from_marked(&row.get::<_, String>(0), START, STOP);
        if snippet.marks.is_empty() {
            continue;
        }
        if let Some(hit) = hits
            .iter_mut()
            .find(|h| &h.id == id && h.snippet.marks.is_empty())
        {
            hit.snippet = match symbol_words.first() {
                Some(typed) => snippet.marking_symbol(typed, &symbol_words[1..]),
                None => snippet,
            };
        }
    }
    Ok(())
}

/// Candidates the trigram index gives per word before their edits are
/// counted: a bound on the work, not on what is found (the nearest come first).
const TRIGRAM_CANDIDATES: i64 = 500;

/// Close spellings whose documents are counted, nearest first.
const MAX_CLOSE_COUNTED: usize = 20;

/// How alike (shared trigrams) a spelling must be to be a candidate: low,
/// because two letters changed in eight (Garabagh, Karabakh) leave only a
/// fifth of the trigrams shared; the edits decide.
const TRIGRAM_SIMILARITY: f64 = 0.15;

impl PgStore {
    /// See [`Search::close_terms`]: the word's lexemes in the query's
    /// languages, the lexicon's words sharing trigrams with each, kept within
    /// [`undoc_search::edits_allowed`] edits, counted in the documents.
    fn close_lexemes(
        &self,
        word: &str,
        language: Option<&str>,
    ) -> Result<Vec<undoc_search::CloseTerm>, undoc_store::StoreError> {
        let edits = undoc_search::edits_allowed(word);
        if edits == 0 {
            return Ok(Vec::new());
        }
        let readings = language_readings(word, language);
        let per_language = self
            .rum()
            .map_err(|e| undoc_store::StoreError::Server(e.to_string()))?
            .is_some();
        self.block(async {
            let mut client = self.client().await?;
            let tx = client.transaction().await.map_err(server)?;
            let trgm: String = tx
                .query_one(
                    "SELECT n.nspname FROM pg_extension e
                     JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'",
                    &[],
                )
                .await
                .map_err(server)?
                .get(0);
            tx.batch_execute(&format!(
                "SET LOCAL pg_trgm.similarity_threshold = {TRIGRAM_SIMILARITY}"
            ))
            .await
            .map_err(server)?;
            // The word's lexeme in each configuration, with the languages it reads.
            let mut own: Vec<(String, Vec<String>)> = Vec::new();
            for (languages, config) in &readings {
                let languages: Vec<String> = languages
                    .split(',')
                    .map(|l| l.trim_matches('"').to_owned())
                    .collect();
                let rows = tx
                    .query(
                        &format!(
                            "SELECT unnest(tsvector_to_array(to_tsvector('{config}', $1::text)))"
                        ),
                        &[&word],
                    )
                    .await
                    .map_err(server)?;
                for row in rows {
                    own.push((row.get(0), languages.clone()));
                }
            }
            // (spelling, edits, the query word's lexeme it is close to); the
            // word's own lexemes first, to count how many documents hold them.
            let mut close: Vec<(String, u8, String)> = own
                .iter()
                .map(|(lexeme, _)| (lexeme.clone(), 0, lexeme.clone()))
                .collect();
            close.sort();
            close.dedup();
            for (lexeme, languages) in &own {
                let reach = i32::from(edits);
                let length = i32::try_from(lexeme.chars().count()).unwrap_or(i32::MAX);
                let rows = tx
                    .query(
                        &format!(
                            "SELECT DISTINCT word, \"{trgm}\".similarity(word, $1::text) FROM lexicon
                             WHERE word OPERATOR(\"{trgm}\".%) $1::text
                               AND language = ANY($4)
                               AND length(word) BETWEEN $2 AND $3
                             ORDER BY 2 DESC, word
                             LIMIT {TRIGRAM_CANDIDATES}",
                            trgm = trgm.replace('"', "\"\""),
                        ),
                        &[lexeme, &(length - reach), &(length + reach), languages],
                    )
                    .await
                    .map_err(server)?;
                for row in rows {
                    let candidate: String = row.get(0);
                    let distance = undoc_search::edits_between(lexeme, &candidate);
                    if distance == 0
                        || distance > usize::from(edits)
                        || own.iter().any(|(o, _)| *o == candidate)
                        || !candidate.chars().all(char::is_alphabetic)
                    {
                        continue;
                    }
                    let distance = u8::try_from(distance).unwrap_or(u8::MAX);
                    match close.iter_mut().find(|(c, _, _)| *c == candidate) {
                        Some(seen) if distance < seen.1 => {
                            *seen = (candidate, distance, lexeme.clone());
                        }
                        Some(_) => {}
                        None => close.push((candidate, distance, lexeme.clone())),
                    }
                }
            }
            close.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
            close.truncate(MAX_CLOSE_COUNTED);
            // The lexicon keeps words of documents since removed: a spelling
            // no document holds is none.
            let mut terms = Vec::with_capacity(close.len());
            for (term, edits, of) in close {
                let documents: i64 = tx
                    .query_one(
                        &format!(
                            "SELECT count(*) FROM (
                                 {} UNION SELECT doc_id FROM doc_passages
                                 WHERE tsv @@ plainto_tsquery('simple', $1)
                             ) x",
                            texts_matching("plainto_tsquery('simple', $1)", per_language)
                        ),
                        &[&term],
                    )
                    .await
                    .map_err(server)?
                    .get(0);
                if documents > 0 {
                    terms.push(undoc_search::CloseTerm {
                        term,
                        of,
                        edits,
                        documents: u64::try_from(documents).unwrap_or_default(),
                    });
                }
            }
            tx.commit().await.map_err(server)?;
            terms.sort_by(undoc_search::CloseTerm::nearest_first);
            Ok(terms)
        })
    }
}

impl PgStore {
    /// Where the server's write-ahead log is: the primary's insert position,
    /// or what a standby has replayed. Any commit moves it past every
    /// position read before the commit became visible, so it names a state
    /// of the data that answers may be kept for. Other writes (vacuum, other
    /// schemas) move it too: that only costs a search run again.
    fn wal_position(&self) -> undoc_search::Result<u64> {
        let position: i64 = self.block(async {
            let client = self.client().await?;
            let row = client
                .query_one(
                    "SELECT (CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn()
                                  ELSE pg_current_wal_insert_lsn() END - '0/0'::pg_lsn)::bigint",
                    &[],
                )
                .await
                .map_err(server)?;
            Ok(row.get::<_, Option<i64>>(0).unwrap_or_default())
        })?;
        Ok(position.unsigned_abs())
    }

    /// What the kept answers saved: searches answered from them and searches run.
    pub fn cache_stats(&self) -> undoc_search::CacheStats {
        self.shared.answers.stats()
    }
}

impl Search for PgStore {
    fn search_within(
        &self,
        request: &SearchRequest,
        budget: &Budget,
    ) -> undoc_search::Result<SearchResults> {
        budget.check()?;
        request.validate()?;
        let run = || {
            // The server stops the statement at the deadline (statement_timeout);
            // a failure once the deadline has passed is that stop.
            self.search_results(request, budget.remaining())
                .map_err(|e| match budget.check() {
                    Err(why) => why,
                    Ok(()) => e,
                })
        };
        if !self.keeps_answers {
            return run();
        }
        // Read before the search's snapshot is taken, so an answer is never
        // kept under a position later than the data it saw.
        let position = self.wal_position()?;
        self.shared.answers.answer(position, request, run)
    }

    fn close_terms(
        &self,
        word: &str,
        language: Option<&str>,
        budget: &Budget,
    ) -> undoc_search::Result<Vec<undoc_search::CloseTerm>> {
        budget.check()?;
        self.close_lexemes(word, language)
            .map_err(SearchError::from)
    }

    /// The search columns are written with each document, in its transaction:
    /// nothing to catch up.
    fn update(&mut self, _store: &dyn Store, _changed: &[String]) -> undoc_search::Result<()> {
        Ok(())
    }

    fn num_docs(&self) -> u64 {
        // Works, as the embedded index counts them; not `Store::stats`, which
        // also reads every reference.
        let works = self.block(async {
            let client = self.client().await?;
            let row = client
                .query_one(crate::store::WORKS, &[])
                .await
                .map_err(server)?;
            Ok::<i64, undoc_store::StoreError>(row.get(0))
        });
        works.map_or(0, |n| u64::try_from(n).unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hyphens_inside_words_split_and_negation_stays() {
        assert_eq!(
            split_hyphens("Nagorny-Karabakh -Armenia"),
            "Nagorny Karabakh -Armenia"
        );
        // A number after a hyphen is a token of its own in PostgreSQL ("-19"): kept.
        assert_eq!(split_hyphens("COVID-19"), "COVID-19");
    }

    #[test]
    fn headlines_become_plain_text_with_marked_ranges() {
        let snippet = Snippet::from_marked("a <script> \u{1}Red\u{2} & \"x\"", START, STOP);
        assert_eq!(snippet.text, "a <script> Red & \"x\"");
        assert_eq!(snippet.marks, vec![11..14]);
        assert_eq!(
            snippet.to_html(),
            "a &lt;script&gt; <b>Red</b> &amp; &quot;x&quot;"
        );
    }
}
