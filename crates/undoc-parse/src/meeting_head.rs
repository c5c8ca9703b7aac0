//! The head of a verbatim record in the older layouts, which print no
//! symbol line a reader can use: the 1993 General Assembly record A/48/PV.46
//! prints "GENERAL / ASSEMBLY", "FORTY-EIGHTH SESSION", "46th / PLENARY
//! MEETING" and "Monday, 1 November 1993" (its symbol is an image); the 1950
//! Security Council record prints "492nd MEETING: 29 AUGUST 1950" under
//! lines of scanner noise. The meeting's number, the organ and the session
//! say the symbol and the title; the first dated line says the date.

use std::sync::LazyLock;

use regex::Regex;

use crate::lines::{Line, re};
use crate::vocab;

/// How many of the first non-blank lines a head may span.
const HEAD_LINES: usize = 40;

/// What an older verbatim record's head says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingHead {
    /// `A/48/PV.46`, `S/PV.492`: where the organ (and for the Assembly the session) is printed.
    pub symbol: Option<String>,
    /// "46th plenary meeting", "492nd meeting", as modern records title themselves.
    pub title: String,
    pub date: Option<String>,
}

/// "46th PLENARY MEETING", "492nd MEETING: 29 AUGUST 1950", "3756th Meeting",
/// opening a line of the head (running text names meetings too).
static MEETING: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^(\d{1,5})\s*(st|nd|rd|th)\s+(plenary\s+)?meeting\b"));

/// "FORTY-EIGHTH SESSION", "Forty-eighth session".
static SESSION: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\b([a-z]+(?:-[a-z]+)?)\s+session\b"));

/// Reads the head of a verbatim record from its first lines, if they have one.
pub fn read(lines: &[Line]) -> Option<MeetingHead> {
    let head: Vec<&str> = lines
        .iter()
        .filter(|l| !l.is_blank())
        .take(HEAD_LINES)
        .map(|l| l.text.as_str())
        .collect();
    let joined = head.join(" ");
    // The number may stand alone above the words ("46th" / "PLENARY MEETING").
    let meeting = head.iter().enumerate().find_map(|(i, line)| {
        let line = line.trim();
        let text = match head.get(i + 1) {
            Some(next) if line.len() <= 8 => format!("{line} {}", next.trim()),
            _ => line.to_owned(),
        };
        MEETING
            .captures(&text)
            .map(|c| (c[1].to_owned(), c[2].to_lowercase(), c.get(3).is_some()))
    })?;
    let (number, suffix, plenary) = meeting;
    let number: u32 = number.parse().ok()?;
    let title = format!(
        "{number}{suffix} {}meeting",
        if plenary { "plenary " } else { "" }
    );
    let upper = joined.to_uppercase();
    let assembly = upper.contains("GENERAL ASSEMBLY");
    let council = upper.contains("SECURITY COUNCIL");
    let symbol = if assembly && !council {
        SESSION
            .captures_iter(&joined)
            .find_map(|c| vocab::ordinal(&c[1]))
            .map(|session| format!("A/{session}/PV.{number}"))
    } else if council && !assembly {
        Some(format!("S/PV.{number}"))
    } else {
        None
    };
    // The meeting line may carry the date ("492nd MEETING: 29 AUGUST 1950"),
    // else the first line that is a date ("Monday, 1 November 1993").
    let date = head
        .iter()
        .find_map(|l| vocab::date_line(&l.replace(':', " ")));
    Some(MeetingHead {
        symbol,
        title,
        date,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<Line> {
        crate::lines::pdf_lines(&[text.to_owned()]).0
    }

    #[test]
    fn the_1993_assembly_head() {
        let head = read(&lines(
            "United Nations\nGENERAL\nASSEMBLY\nFORTY-EIGHTH SESSION\nOfficial Records\n 46th\nPLENARY MEETING\nMonday, 1 November 1993\nat 3 p.m.\nNEW YORK\n",
        ));
        assert_eq!(
            head,
            Some(MeetingHead {
                symbol: Some("A/48/PV.46".into()),
                title: "46th plenary meeting".into(),
                date: Some("1993-11-01".into()),
            })
        );
    }

    #[test]
    fn the_1950_council_head() {
        let head = read(&lines(
            ":: '. :~. ':'~'\nS/PV.492\nFIFTH YEAR\n492nd MEETING: 29 AUGUST 1950\nSECURITY COUNCIL\nOFFICIAL RECORDS\n",
        ))
        .expect("a head");
        assert_eq!(head.symbol.as_deref(), Some("S/PV.492"));
        assert_eq!(head.title, "492nd meeting");
        assert_eq!(head.date.as_deref(), Some("1950-08-29"));
    }

    #[test]
    fn a_letter_has_no_meeting_head() {
        assert_eq!(
            read(&lines(
                "United Nations\nSecurity Council\nLetter dated 7 May 2021 from the Permanent Representative\nIn the statement made at the 9847th meeting of the Council,\n"
            )),
            None
        );
    }
}
