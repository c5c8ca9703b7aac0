//! Which PostgreSQL text search configuration reads each language: the one
//! place the store and the search agree on it, from `undoc-lang`'s table.

/// PostgreSQL's text search configuration for a language: its own stemmer
/// for the five that have one; Chinese (no word spaces, no stemmer) and
/// the rest as `simple`, words as written.
pub fn text_search_config(language: &str) -> &'static str {
    stemmed_languages()
        .find(|(l, _)| *l == language)
        .map_or("simple", |(_, config)| config)
}

/// The text search configuration of each language undoc knows; a record
/// with no language (an empty code) reads as English.
fn stemmed_languages() -> impl Iterator<Item = (&'static str, &'static str)> {
    std::iter::once(("", "english")).chain(
        undoc_lang::LANGUAGES
            .iter()
            .map(|l| (l.code, l.search.postgres_config))
            .filter(|(_, config)| *config != "simple"),
    )
}

/// Each text search configuration with the languages it reads (a Postgres
/// array literal's items, the script's language first), in the order of the
/// languages; `simple` also reads the languages undoc does not know.
pub(crate) fn configurations() -> &'static [(String, &'static str)] {
    static CELL: std::sync::OnceLock<Vec<(String, &'static str)>> = std::sync::OnceLock::new();
    CELL.get_or_init(|| {
        let mut groups: Vec<(Vec<&str>, &'static str)> = Vec::new();
        for l in undoc_lang::LANGUAGES {
            let config = l.search.postgres_config;
            match groups.iter_mut().find(|(_, c)| *c == config) {
                Some((codes, _)) => codes.push(l.code),
                None => groups.push((vec![l.code], config)),
            }
        }
        for (codes, config) in &mut groups {
            if *config == "english" {
                codes.push("\"\"");
            }
            if *config == "simple" {
                codes.extend(["pt", "xx"]);
            }
        }
        groups
            .into_iter()
            .map(|(codes, config)| (codes.join(","), config))
            .collect()
    })
}

/// [`text_search_config`] of a row's `language` column, as SQL: what a
/// query reads a row's tsvector and headline with.
pub(crate) fn text_search_config_sql(column: &str) -> String {
    let mut case = format!("(CASE {column}");
    for (language, config) in stemmed_languages() {
        case.push_str(&format!(" WHEN '{language}' THEN '{config}'"));
    }
    case.push_str(" ELSE 'simple' END)::regconfig");
    case
}
