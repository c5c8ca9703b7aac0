//! The index's shape: a field per language slot (title and body, with that
//! language's analyzer), the symbol, facet and filter fields, and the
//! analyzers registered on open.

use tantivy::Index;
use tantivy::schema::{
    FAST, Facet, FacetOptions, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TEXT,
    TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{
    Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer,
    TokenizerManager,
};

/// The languages with fields of their own (every language of `undoc-lang`,
/// in its order), with their analyzers' names; every other language goes
/// into the last, `xx`, split into words as written.
pub(crate) fn slots() -> &'static [(&'static str, String)] {
    static CELL: std::sync::OnceLock<Vec<(&'static str, String)>> = std::sync::OnceLock::new();
    CELL.get_or_init(|| {
        undoc_lang::LANGUAGES
            .iter()
            .map(|l| (l.code, l.analyzer()))
            .chain(std::iter::once(("xx", "default".to_owned())))
            .collect()
    })
}

/// The slot of a language in [`slots`].
pub(crate) fn language_slot(language: &str) -> usize {
    let slots = slots();
    slots
        .iter()
        .position(|(l, _)| *l == language)
        .unwrap_or(slots.len() - 1)
}

/// Whether the language in this slot is cut into words by segmentation (Chinese).
pub(crate) fn segmented(slot: usize) -> bool {
    slots()
        .get(slot)
        .and_then(|(code, _)| undoc_lang::get(code))
        .is_some_and(|l| l.search.segmented)
}

/// One language's fields.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TextFields {
    pub(crate) title: Field,
    pub(crate) body: Field,
    /// What snippets are cut from: the body, stored (compressed). The
    /// highlighter reads its opening, or the window `PassageFinder` picks
    /// where the words are, never the whole of a 300-page record.
    pub(crate) stored_body: Field,
    /// Whether the title and the body also hold their adjacent words two
    /// by two (`pairs.rs`): not in a language segmented into words
    /// (Chinese), whose phrases keep their position check.
    pub(crate) paired: bool,
}

/// The fields of the index.
#[derive(Debug, Clone)]
pub(crate) struct Fields {
    /// The work: the record id every language version shares.
    pub(crate) id: Field,
    pub(crate) symbol: Field,
    /// Per language, in [`slots`] order.
    pub(crate) texts: Vec<TextFields>,
    /// The languages the work is stored in (a filter).
    pub(crate) language: Field,
    /// "lang key" for each stored version, to name the text a hit points at.
    pub(crate) version: Field,
    pub(crate) title: Field,
    pub(crate) date: Field,
    pub(crate) date_num: Field,
    /// The date, and the date negated, with undated documents at the bottom
    /// of both: ordering by either from the top gives newest or oldest first
    /// with undated documents last, as PostgreSQL's `NULLS LAST` does.
    pub(crate) newest_first: Field,
    pub(crate) oldest_first: Field,
    pub(crate) doc_type: Field,
    /// Sender, speaking and mentioned States.
    pub(crate) state: Field,
    /// States the body names.
    pub(crate) mentioned: Field,
    /// The words of the names of a meeting record's speakers.
    pub(crate) speaker: Field,
    /// The kinds of its speeches.
    pub(crate) speech_kind: Field,
    pub(crate) organ: Field,
    pub(crate) kind: Field,
    pub(crate) year: Field,
    pub(crate) agenda: Field,
    pub(crate) sender: Field,
    pub(crate) session: Field,
    /// The languages the work is stored in, as a facet (counts per language).
    pub(crate) languages: Field,
    /// Who spoke in a meeting record, as printed (`Speech::person`).
    pub(crate) speaker_name: Field,
    /// The States a meeting record's speakers spoke for.
    pub(crate) speaker_state: Field,
}

pub(crate) fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let mut texts = Vec::with_capacity(slots().len());
    for (language, analyzer) in slots() {
        let segmented = undoc_lang::get(language).is_some_and(|l| l.search.segmented);
        let indexed_with = if segmented {
            analyzer.clone()
        } else {
            paired_analyzer(analyzer)
        };
        let analysed = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(&indexed_with)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        texts.push(TextFields {
            title: b.add_text_field(&format!("title_{language}"), analysed.clone()),
            body: b.add_text_field(&format!("body_{language}"), analysed),
            stored_body: b.add_text_field(&format!("text_{language}"), STORED),
            paired: !segmented,
        });
    }
    let fields = Fields {
        id: b.add_text_field("id", STRING | STORED),
        symbol: b.add_text_field("symbol", STRING | STORED),
        texts,
        language: b.add_text_field("language", STRING),
        version: b.add_text_field("version", STORED),
        // The title shown in results: the English one, or the first version's.
        title: b.add_text_field("title", STORED),
        date: b.add_text_field("date", STRING | STORED),
        date_num: b.add_i64_field("date_num", INDEXED | FAST),
        newest_first: b.add_i64_field("newest_first", FAST),
        oldest_first: b.add_i64_field("oldest_first", FAST),
        doc_type: b.add_text_field("doc_type", STRING | STORED),
        state: b.add_text_field("state", STRING),
        mentioned: b.add_text_field("mentioned", STRING),
        speaker: b.add_text_field("speaker", STRING),
        speech_kind: b.add_text_field("speech_kind", STRING),
        session: b.add_text_field("session", STRING),
        organ: b.add_facet_field("organ", FacetOptions::default()),
        kind: b.add_facet_field("type", FacetOptions::default()),
        year: b.add_facet_field("year", FacetOptions::default()),
        agenda: b.add_facet_field("agenda", FacetOptions::default()),
        sender: b.add_facet_field("sender", FacetOptions::default()),
        languages: b.add_facet_field("languages", FacetOptions::default()),
        speaker_name: b.add_facet_field("speaker_name", FacetOptions::default()),
        speaker_state: b.add_facet_field("speaker_state", FacetOptions::default()),
    };
    let _ = TEXT; // each language's analyzer above stands in for the default TEXT options
    (b.build(), fields)
}

/// The name of the analyzer giving `analyzer`'s words and their pairs.
fn paired_analyzer(analyzer: &str) -> String {
    format!("{analyzer}+pairs")
}

/// Each language's analyzer of words, by name.
fn word_analyzers() -> Vec<(String, TextAnalyzer)> {
    let stemmed = |language: Language| {
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(40))
            .filter(LowerCaser)
            .filter(Stemmer::new(language))
            .build()
    };
    let mut analyzers = Vec::new();
    for language in undoc_lang::LANGUAGES {
        if language.search.segmented {
            // Search mode also yields the words inside long compounds ("巴勒斯坦国" gives
            // "巴勒斯坦" too), so a query's word finds the compound; ordinal positions
            // let phrases of Chinese words match word after word.
            let mut jieba = tantivy_jieba::JiebaTokenizer::with_search_mode(true);
            jieba.set_ordinal_position_mode(true);
            analyzers.push((
                language.analyzer(),
                TextAnalyzer::builder(jieba)
                    .filter(RemoveLongFilter::limit(40))
                    .filter(LowerCaser)
                    .build(),
            ));
        } else if let Some(stemmer) = language.search.stemmer.and_then(stemmer_named) {
            analyzers.push((language.analyzer(), stemmed(stemmer)));
        }
    }
    // Every other language's words as written (tantivy's "default").
    analyzers.push((
        "default".to_owned(),
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(40))
            .filter(LowerCaser)
            .build(),
    ));
    analyzers
}

/// Registers the analyzers the schema names; every opened index needs them.
/// The title and body of a language not segmented are indexed with their
/// words and their words' pairs.
pub(crate) fn register_analyzers(index: &Index) {
    let tokenizers = index.tokenizers();
    for (name, words) in word_analyzers() {
        tokenizers.register(
            &paired_analyzer(&name),
            TextAnalyzer::from(crate::pairs::PairTokenizer::new(words.clone())),
        );
        tokenizers.register(&name, words);
    }
}

/// The analyzers a query is read with: words only, under the names the
/// schema gives (a query's pairs are made from its phrases, `pairs.rs`).
pub(crate) fn query_analyzers() -> TokenizerManager {
    let tokenizers = TokenizerManager::default();
    for (name, words) in word_analyzers() {
        tokenizers.register(&paired_analyzer(&name), words.clone());
        tokenizers.register(&name, words);
    }
    tokenizers
}

/// Tantivy's stemmer by the name `undoc-lang` gives it ("French").
pub(crate) fn stemmer_named(name: &str) -> Option<tantivy::tokenizer::Language> {
    use serde::Deserialize;
    let name = serde::de::value::StrDeserializer::<serde::de::value::Error>::new(name);
    tantivy::tokenizer::Language::deserialize(name).ok()
}

/// The words of a Chinese text as the index cuts them (jieba, search mode):
/// what a reader would type to find it. Two characters or more, Han only.
pub fn chinese_words(text: &str) -> Vec<String> {
    use tantivy::tokenizer::{TokenStream, Tokenizer};
    let mut tokenizer = tantivy_jieba::JiebaTokenizer::with_search_mode(true);
    let mut stream = tokenizer.token_stream(text);
    let mut words = Vec::new();
    while stream.advance() {
        let word = &stream.token().text;
        if word.chars().count() >= 2
            && undoc_lang::Scripts::of(word).han
            && word.chars().all(char::is_alphanumeric)
        {
            words.push(word.clone());
        }
    }
    words
}

/// A one-level facet: counting collects the children of the root only, so
/// every value (an organ "A/HRC", an agenda item "A 79 40") is one segment.
pub(crate) fn facet(value: &str) -> Facet {
    Facet::from_path([value])
}

/// The value of a one-level facet, as written in [`facet`].
pub(crate) fn facet_value(facet: &Facet) -> String {
    facet
        .to_path()
        .first()
        .map_or_else(String::new, |s| (*s).to_owned())
}

pub(crate) fn agenda_value(organ: &str, session: &str, number: u32) -> String {
    format!("{organ} {session} {number}")
}
