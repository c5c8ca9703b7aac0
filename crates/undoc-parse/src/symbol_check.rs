//! A masthead's symbols checked before they are trusted.
//!
//! Two ways a symbol read from a masthead can be wrong while looking right:
//! PDF text extraction reverses a digit run inside a symbol printed in a
//! right-to-left line (an Arabic masthead's `A/80/123` read as `A/08/321`, its
//! year `2025` as `5202`), and OCR misreads a scan (`E/CN.4/149` as
//! `M/OW.4/119`). Each symbol is checked against what else names the
//! document: the running header on its other pages, the body, the file name.
//! A misreading is replaced only by a form that evidence supports, and the
//! record says so.

/// Checks `symbols` in place. `pages` are the extracted page texts (running
/// headers included); `file_symbol` is what the file name says; `scanned`
/// says the text is OCR's, where the file name outranks a masthead it does
/// not match but resembles.
pub fn check(
    symbols: &mut [String],
    pages: &[String],
    file_symbol: Option<&str>,
    scanned: bool,
    warnings: &mut Vec<String>,
) {
    let occurrences =
        |symbol: &str| -> usize { pages.iter().map(|p| p.matches(symbol).count()).sum() };
    // Reversal happens in right-to-left lines: Arabic (or Hebrew) on the first page.
    let right_to_left = pages
        .first()
        .is_some_and(|p| p.chars().any(|c| ('\u{0590}'..='\u{08FF}').contains(&c)));
    for symbol in symbols.iter_mut() {
        if file_symbol == Some(symbol.as_str()) || occurrences(symbol) >= 2 {
            continue;
        }
        let supported = |candidate: &str| {
            candidate != symbol.as_str()
                && (file_symbol == Some(candidate) || occurrences(candidate) >= 1)
        };
        if right_to_left
            && let Some(reversed) = digit_reversals(symbol)
                .into_iter()
                .find(|c| supported(c) || implausible_year_fixed(symbol, c))
        {
            warnings.push(format!(
                "the masthead reads {symbol}, a digit run reversed by right-to-left text extraction; {reversed} is taken (running header, file name or a year in range)"
            ));
            *symbol = reversed;
            continue;
        }
        if scanned
            && let Some(file) = file_symbol
            && misread_of(symbol, file)
        {
            warnings.push(format!(
                "the scan's masthead reads {symbol}, which resembles the file name's {file}; {file} is taken"
            ));
            *symbol = file.to_owned();
        }
    }
}

/// The symbol with one digit run reversed, for each run of two or more
/// digits, then with all of them reversed; canonical forms only.
fn digit_reversals(symbol: &str) -> Vec<String> {
    let runs: Vec<(usize, usize)> = {
        let bytes = symbol.as_bytes();
        let mut runs = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i].is_ascii_digit() {
                let start = i;
                while i < bytes.len() && bytes[i].is_ascii_digit() {
                    i += 1;
                }
                if i - start >= 2 {
                    runs.push((start, i));
                }
            } else {
                i += 1;
            }
        }
        runs
    };
    let reverse = |s: &mut String, (start, end): (usize, usize)| {
        let run: String = s[start..end].chars().rev().collect();
        s.replace_range(start..end, &run);
    };
    let mut out = Vec::new();
    for run in &runs {
        let mut candidate = symbol.to_owned();
        reverse(&mut candidate, *run);
        out.push(candidate);
    }
    if runs.len() > 1 {
        let mut all = symbol.to_owned();
        for run in &runs {
            reverse(&mut all, *run);
        }
        out.push(all);
    }
    out.retain(|c| c != symbol);
    out.into_iter()
        .filter_map(|c| undoc_symbol::canonicalize(&c))
        .collect()
}

/// Whether `candidate` turns a year no document has (`5202`) into one in
/// range (`2025`): a four-digit component is a year in symbols.
fn implausible_year_fixed(symbol: &str, candidate: &str) -> bool {
    let years = |s: &str| -> Vec<u32> {
        s.split(['/', ' ', '(', ')'])
            .filter(|c| c.len() == 4 && c.bytes().all(|b| b.is_ascii_digit()))
            .filter_map(|c| c.parse().ok())
            .collect()
    };
    let in_range = |y: &u32| (1946..=2100).contains(y);
    let before = years(symbol);
    let after = years(candidate);
    !before.is_empty()
        && before.len() == after.len()
        && before.iter().any(|y| !in_range(y))
        && after.iter().all(in_range)
}

/// Whether an OCR'd symbol is a misreading of `file`: the same components,
/// most characters alike.
fn misread_of(read: &str, file: &str) -> bool {
    read.split('/').count() == file.split('/').count()
        && strsim::normalized_levenshtein(read, file) >= 0.5
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checked(symbol: &str, pages: &[&str], file: Option<&str>, scanned: bool) -> (String, usize) {
        let mut symbols = vec![symbol.to_owned()];
        let pages: Vec<String> = pages.iter().map(|p| (*p).to_owned()).collect();
        let mut warnings = Vec::new();
        check(&mut symbols, &pages, file, scanned, &mut warnings);
        (symbols.remove(0), warnings.len())
    }

    /// An Arabic masthead whose right-to-left line reversed the year: the
    /// running header on page 2 prints it left to right (our passage; the
    /// corpus has no Arabic PDF).
    #[test]
    fn a_reversed_year_is_put_right_by_the_running_header() {
        let masthead = "الأمم المتحدة S/5202/123\nمجلس الأمن Distr.: General\n";
        let page_two = "S/2025/123\n\n2/3 25-01234\n";
        assert_eq!(
            checked("S/5202/123", &[masthead, page_two], None, false),
            ("S/2025/123".to_owned(), 1)
        );
        // One page, no header: the year no document has is reversed all the same.
        assert_eq!(
            checked("A/ES-10/1043", &["A/ES-10/1043"], None, false).0,
            "A/ES-10/1043"
        );
        assert_eq!(
            checked("S/5202/77", &["مجلس الأمن S/5202/77"], None, false).0,
            "S/2025/77"
        );
        // Left-to-right text reverses nothing.
        assert_eq!(
            checked("S/5202/77", &["S/5202/77"], None, false).0,
            "S/5202/77"
        );
    }

    #[test]
    fn a_reversed_number_is_put_right_by_the_file_name() {
        assert_eq!(
            checked(
                "A/80/321",
                &["الجمعية العامة A/80/321"],
                Some("A/80/123"),
                false
            ),
            ("A/80/123".to_owned(), 1)
        );
    }

    #[test]
    fn a_symbol_the_header_repeats_is_trusted() {
        assert_eq!(
            checked(
                "A/80/321",
                &["A/80/321", "A/80/321"],
                Some("A/80/123"),
                false
            ),
            ("A/80/321".to_owned(), 0)
        );
        // A file misnamed (the masthead is the authority): not a reversal, not a scan.
        assert_eq!(
            checked("S/2025/503", &["S/2025/503"], Some("A/79/992"), false),
            ("S/2025/503".to_owned(), 0)
        );
        assert_eq!(
            checked("A/79/819", &["A/79/819"], Some("A/79/818"), false),
            ("A/79/819".to_owned(), 0)
        );
    }

    #[test]
    fn an_ocr_misreading_yields_to_the_file_name() {
        assert_eq!(
            checked("M/OW.4/119", &["M/OW.4/119"], Some("E/CN.4/149"), true),
            ("E/CN.4/149".to_owned(), 1)
        );
        assert_eq!(
            checked("M/OW.4/119", &["M/OW.4/119"], Some("E/CN.4/149"), false).0,
            "M/OW.4/119"
        );
    }
}
