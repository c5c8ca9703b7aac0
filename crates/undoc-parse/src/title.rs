//! The document's title from the blocks printed under the masthead.
//!
//! The masthead reader (`masthead.rs`) collects the title blocks as printed;
//! which of them make the title is decided here, once, by the rules of
//! `shared/spec/record.md`: a draft is titled by its own title, not by the
//! line saying who submitted it; a working paper without "submitted by …";
//! an information circular by its subject; an addendum or corrigendum
//! without the word; a request for the inclusion of an item by the letter's
//! title line.

use std::sync::LazyLock;

use regex::Regex;
use undoc_model::Paragraph;

use crate::lines::re;

/// "Draft decision submitted by the Vice-President of the Council, …",
/// "Draft resolution submitted by the Chair", "Azerbaijan,* Bangladesh … and
/// Viet Nam: draft resolution", "United States of America: revised draft
/// resolution", "Draft decision submitted to the Executive Board".
static SUBMISSION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:(?:revised\s+)?draft\s+(?:resolution|decision)s?\s+(?:submitted|proposed|recommended)\b.*|.+:\s+(?:revised\s+)?draft\s+(?:resolution|decision)s?)$",
    )
});

/// "Working paper submitted by Mexico", "Joint working paper submitted by …".
static WORKING_PAPER_BY: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^(?:joint\s+)?working\s+paper\s+(?:submitted\s+)?by\b.*$"));

/// Who reports or prepared it, printed under a report's title: "Rapporteur:
/// Ms. Eliza Grisle (Latvia)" (A/AC.182/2025/L.5), "Prepared by …".
static BYLINE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^(?:rapporteur(?:-general)?s?\s*:|prepared\s+by\s)"));

/// The word an addendum or corrigendum prints under its title, with a footnote mark or number.
static ISSUANCE_WORD: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^(?:addendum|corrigendum|amendment|revision)(?:\s+\d+)?\s*\**$"));

/// The heading of a Secretariat issuance, which says what it is, not what it is about.
static ISSUANCE_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:information\s+circular|secretary-general[’']s\s+bulletin|administrative\s+instruction)\s*\**$",
    )
});

/// The number a draft resolution leaves open: "59/… Human rights and climate change".
static OPEN_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(?:[A-Z]+-)?\d{1,3}/(?:…|\.\.\.|\[…\])\s+"));

/// The "Subject:" line of a circular or memorandum among its first paragraphs.
static SUBJECT: LazyLock<Regex> = LazyLock::new(|| re(r"^Subject\s*:\s*(.+)$"));

/// Whether a title block is the line saying who submitted a draft (or that
/// it is one), which is not the draft's title.
pub fn is_submission_line(text: &str) -> bool {
    SUBMISSION.is_match(text.trim())
}

/// Whether a block is the opening of a draft's preamble ("The Executive
/// Board", "The Human Rights Council,"), not a title.
pub fn is_preamble_opening(text: &str) -> bool {
    let Some(rest) = text.trim().trim_end_matches(',').strip_prefix("The ") else {
        return false;
    };
    let words: Vec<&str> = rest.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 8
        && words.iter().all(|w| {
            w.starts_with(|c: char| c.is_uppercase()) || matches!(*w, "and" | "of" | "on" | "for")
        })
}

/// The title from the printed title blocks.
///
/// `letter_title` is the title of the letter the document consists of, where
/// it has one below its own heading; `paragraphs` are the body's, read for a
/// circular's subject line.
pub fn document_title(
    parts: &[String],
    letter_title: Option<&str>,
    paragraphs: &[Paragraph],
) -> Option<String> {
    let first = parts.first()?;
    if first.starts_with("Request for the inclusion of")
        && let Some(letter) = letter_title
    {
        return Some(letter.to_owned());
    }
    let mut kept: Vec<String> = Vec::new();
    let mut issuance_heading = false;
    for part in parts {
        let part = part.trim();
        if ISSUANCE_WORD.is_match(part) || BYLINE.is_match(part) {
            continue;
        }
        if ISSUANCE_HEADING.is_match(part) {
            issuance_heading = true;
            continue;
        }
        if parts.len() > 1 && (is_submission_line(part) || WORKING_PAPER_BY.is_match(part)) {
            continue;
        }
        kept.push(OPEN_NUMBER.replace(part, "").into_owned());
    }
    if issuance_heading
        && kept.is_empty()
        && let Some(subject) = paragraphs
            .iter()
            .take(8)
            .find_map(|p| SUBJECT.captures(p.text.trim()))
    {
        return Some(subject[1].trim().to_owned());
    }
    if kept.is_empty() {
        // Nothing but the heading or the word: better it than nothing.
        return Some(first.trim().to_owned());
    }
    Some(kept.join(": "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn title(parts: &[&str]) -> Option<String> {
        let parts: Vec<String> = parts.iter().map(|p| (*p).to_owned()).collect();
        document_title(&parts, None, &[])
    }

    #[test]
    fn drafts_are_titled_by_their_own_title() {
        assert_eq!(
            title(&[
                "Draft decision submitted by the Vice President of the Council, Krzysztof Szczerski (Poland), on the basis of informal consultations on draft decision E/2025/L.11",
                "Reports submitted to the Economic and Social Council at its 2025 operational activities for development segment"
            ])
            .as_deref(),
            Some(
                "Reports submitted to the Economic and Social Council at its 2025 operational activities for development segment"
            )
        );
        assert_eq!(
            title(&[
                "Azerbaijan,* Bangladesh, Philippines,* Samoa* and Viet Nam: draft resolution",
                "59/… Human rights and climate change"
            ])
            .as_deref(),
            Some("Human rights and climate change")
        );
        // A draft with no title of its own keeps the line it has.
        assert_eq!(
            title(&["United States of America: draft resolution"]).as_deref(),
            Some("United States of America: draft resolution")
        );
    }

    #[test]
    fn papers_addenda_and_circulars() {
        assert_eq!(
            title(&[
                "Review process of the mandate and terms of reference of the Scientific Advisory Group",
                "Working paper submitted by Mexico"
            ])
            .as_deref(),
            Some(
                "Review process of the mandate and terms of reference of the Scientific Advisory Group"
            )
        );
        assert_eq!(
            title(&["Summary statement by the Secretary-General", "Addendum"]).as_deref(),
            Some("Summary statement by the Secretary-General")
        );
        let subject = Paragraph {
            kind: undoc_model::ParagraphKind::Body,
            text: "Subject: Membership of the Senior Review Group".into(),
            part: None,
        };
        assert_eq!(
            document_title(&["Information circular*".into()], None, &[subject]).as_deref(),
            Some("Membership of the Senior Review Group")
        );
    }

    #[test]
    fn preamble_openings_are_not_titles() {
        assert!(is_preamble_opening("The Executive Board"));
        assert!(is_preamble_opening("The Human Rights Council,"));
        assert!(!is_preamble_opening(
            "The situation in Afghanistan and its implications"
        ));
    }
}
