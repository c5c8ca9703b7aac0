//! Symbols from file names: what a file's name says it is, as evidence
//! beside what its masthead says (the parser checks one against the other).

/// The symbol a file name spells, as UN and corpus files are named:
/// `A_79_818.en.pdf` → A/79/818, `S_RES_0822_1993_EN_GOLD.txt` → S/RES/822 (1993).
pub fn from_file_name(path: &str) -> Option<String> {
    let name = std::path::Path::new(path).file_name()?.to_str()?;
    let stem = name.split('.').next()?;
    // Security Council resolution texts: S_RES_NNNN_YYYY[_…].
    if let Some(rest) = stem.strip_prefix("S_RES_") {
        let mut parts = rest.split('_');
        let number: u32 = parts.next()?.parse().ok()?;
        let year = parts
            .next()
            .filter(|y| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()))?;
        return Some(format!("S/RES/{number} ({year})"));
    }
    // Otherwise the name up to the language: "A_79_818.en.pdf", "S_2025_71_Rev.1.en.pdf".
    let before_language = name.rsplit_once('.').map_or(name, |(head, _)| head);
    let before_language = before_language
        .strip_suffix(".en")
        .unwrap_or(before_language);
    let candidate = before_language.replace('_', "/");
    let first = candidate.split('/').next()?;
    if !first.bytes().all(|b| b.is_ascii_uppercase()) || first.is_empty() {
        return None;
    }
    crate::canonicalize(&candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbols_from_file_names() {
        assert_eq!(
            from_file_name("x/S_RES_0822_1993_EN_GOLD.txt").as_deref(),
            Some("S/RES/822 (1993)")
        );
        assert_eq!(
            from_file_name("letters/A_79_818.en.pdf").as_deref(),
            Some("A/79/818")
        );
        assert_eq!(
            from_file_name("S_2025_71_Rev.1.en.pdf").as_deref(),
            Some("S/2025/71/Rev.1")
        );
        assert_eq!(
            from_file_name("../shared/seed/000_899904f2e9afdcb1.txt"),
            None
        );
        assert_eq!(
            from_file_name("examples/azerbaijan-letter-2021-05-07.md"),
            None
        );
        assert_eq!(from_file_name("README-cr-unsc.md"), None);
    }
}
