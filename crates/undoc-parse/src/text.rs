/*!
Small text repairs shared by the masthead and the body: joining wrapped
lines back into one string.
*/

/// Joins lines wrapped by the layout into one string. A line that ends in a
/// hyphen after a letter ("Secretary-" / "General") joins without a space:
/// UN documents do not hyphenate words at line ends, so such a hyphen belongs
/// to a compound and stays.
pub fn join_lines<'a>(lines: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for line in lines {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let compound = ends_with_compound_hyphen(&out) && starts_with_letter(line);
        if !out.is_empty() && !compound {
            out.push(' ');
        }
        out.push_str(line);
    }
    out
}

fn ends_with_compound_hyphen(s: &str) -> bool {
    let mut rev = s.chars().rev();
    matches!(rev.next(), Some('-' | '\u{2010}' | '\u{2011}'))
        && rev.next().is_some_and(char::is_alphabetic)
}

fn starts_with_letter(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_alphanumeric)
}

/// Whether a paragraph ends a sentence (so a page break after it is likely a
/// paragraph break too).
pub fn ends_sentence(s: &str) -> bool {
    let trimmed = s.trim_end_matches(['”', '’', '"', '\'', ')', ']', '*', ' ']);
    let trimmed = trimmed.trim_end_matches(|c: char| c.is_ascii_digit() && s.len() > 1);
    trimmed.ends_with(['.', '!', '?', ':', ';'])
}

pub fn starts_lowercase(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_lowercase)
}

/// Whether a line is in capitals: letters, all upper case, at least a few of them.
pub fn is_all_caps(line: &str) -> bool {
    let mut letters = 0;
    for c in line.chars().filter(|c| c.is_alphabetic()) {
        if c.is_lowercase() {
            return false;
        }
        letters += 1;
    }
    letters >= 4
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_lines_join() {
        assert_eq!(
            join_lines([
                "Letter dated 7 May 2021 from the",
                "Permanent Representative"
            ]),
            "Letter dated 7 May 2021 from the Permanent Representative"
        );
        assert_eq!(
            join_lines(["addressed to the Secretary-", "General"]),
            "addressed to the Secretary-General"
        );
        assert_eq!(
            join_lines(["peace and security –", "the principles"]),
            "peace and security – the principles"
        );
    }

    #[test]
    fn sentence_ends() {
        assert!(ends_sentence("The Council further demanded."));
        assert!(ends_sentence("as follows:"));
        assert!(ends_sentence("(“the Fourth Geneva Convention”)."));
        assert!(!ends_sentence("The Council further demanded the"));
        assert!(ends_sentence("of the Secretariat.1"));
    }
}
