//! Every letter in `../shared/corpus/letters/` against what its masthead says.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed expectation is the report

mod common;

use std::collections::BTreeMap;

use undoc_model::{DocType, ParagraphKind, Record};

/// Files whose name does not give their symbol, and why.
const MISNAMED: [(&str, &str); 1] = [(
    "A_79_992.en.pdf",
    "the masthead reads S/2025/503 (a Security Council letter from Türkiye); A/79/992 is another document",
)];

fn letters() -> Vec<(String, Record)> {
    let Some(dir) = common::corpus("letters") else {
        return Vec::new();
    };
    let files = common::pdfs(&dir);
    assert_eq!(files.len(), 230, "the letters corpus has 230 PDFs");
    files
        .iter()
        .map(|path| {
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default()
                .to_owned();
            let record = common::parse(path).unwrap_or_else(|e| panic!("{name}: {e}"));
            (name, record)
        })
        .collect()
}

#[test]
fn every_letter_parses_with_the_masthead_complete() {
    let mut problems: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (name, r) in letters() {
        let mut complain = |what: String| problems.entry(name.clone()).or_default().push(what);
        let claimed = common::symbols_in_file_name(std::path::Path::new(&name));
        let misnamed = MISNAMED.iter().any(|(file, _)| *file == name);
        let agrees = claimed.iter().all(|s| r.symbols.contains(s));
        if agrees == misnamed {
            complain(format!(
                "symbols {:?} vs file name {:?} (listed as misnamed: {misnamed})",
                r.symbols, claimed
            ));
        }
        if r.date.is_none() {
            complain("no issue date".into());
        }
        if r.distribution.is_none() {
            complain("no distribution".into());
        }
        if r.original_language.is_none() {
            complain("no original language".into());
        }
        if r.title.is_none() {
            complain("no title".into());
        }
        if r.bodies.is_empty()
            || r.bodies
                .iter()
                .any(|b| b.session.is_none() && b.year.is_none())
        {
            complain(format!("bodies without session or year: {:?}", r.bodies));
        }
        if r.agenda_items.iter().any(|i| i.title.is_none()) {
            complain("agenda item without title".into());
        }
        if r.paragraphs.is_empty() {
            complain("no paragraphs".into());
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn agenda_items_are_found_wherever_the_masthead_has_them() {
    let Some(dir) = common::corpus("letters") else {
        return;
    };
    let mut missing = Vec::new();
    for path in common::pdfs(&dir) {
        let options = undoc_extract::Options {
            pdf: undoc_extract::PdfExtractor::Builtin,
            ..Default::default()
        };
        // A file that fails to read is a failure here, not a file to skip.
        let extracted = match undoc_extract::extract_path(&path, &options) {
            Ok(extracted) => extracted,
            Err(e) => {
                missing.push(format!("{}: not read: {e}", path.display()));
                continue;
            }
        };
        let record = undoc_parse::parse("x", &extracted);
        // What the masthead prints, read independently: the item lines above the title.
        let first_page = extracted.pages.first().cloned().unwrap_or_default();
        let title_at = record
            .title
            .as_deref()
            .and_then(|t| {
                first_page.find(t.split(' ').take(3).collect::<Vec<_>>().join(" ").as_str())
            })
            .unwrap_or(first_page.len());
        let masthead: Vec<&str> = first_page[..title_at].lines().map(str::trim).collect();
        let mut printed_numbers = 0;
        for (i, line) in masthead.iter().enumerate() {
            // The list is the first column; a wrapped list goes on with a digit or "and".
            let column = line.split("   ").next().unwrap_or_default();
            if !(column.starts_with("Agenda item")
                || (column.starts_with("Item ") && column.contains(" of the ")))
            {
                continue;
            }
            let mut list = column.to_owned();
            for next in &masthead[i + 1..] {
                if next.starts_with(|c: char| c.is_ascii_digit()) || next.starts_with("and ") {
                    list.push(' ');
                    list.push_str(next);
                } else {
                    break;
                }
            }
            printed_numbers += undoc_parse::item_numbers(&list).len();
        }
        if printed_numbers != record.agenda_items.len() {
            missing.push(format!(
                "{}: masthead lists {printed_numbers}, parsed {}",
                path.display(),
                record.agenda_items.len()
            ));
        }
    }
    assert!(missing.is_empty(), "{missing:#?}");
}

#[test]
fn correspondence_has_sender_addressees_and_date() {
    let mut problems = Vec::new();
    for (name, r) in letters() {
        if !matches!(
            r.doc_type,
            DocType::Letter | DocType::IdenticalLetters | DocType::NoteVerbale
        ) {
            continue;
        }
        match &r.letter {
            None => problems.push(format!("{name}: no letter fields from {:?}", r.title)),
            Some(l) if l.date.is_none() || l.sender.is_none() || l.addressees.is_empty() => {
                problems.push(format!("{name}: incomplete {l:?}"))
            }
            Some(_) => {}
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn kinds_of_correspondence_are_told_apart() {
    let records = letters();
    if records.is_empty() {
        return;
    }
    let kind = |file: &str| {
        records
            .iter()
            .find(|(n, _)| n == file)
            .map(|(_, r)| r.doc_type)
    };
    assert_eq!(kind("A_79_818.en.pdf"), Some(DocType::Letter));
    assert_eq!(kind("A_79_716.en.pdf"), Some(DocType::IdenticalLetters));
    assert_eq!(kind("A_79_997.en.pdf"), Some(DocType::NoteVerbale));
    // A letter under a title of its own ("Request for the inclusion of an item …").
    assert_eq!(kind("A_80_141.en.pdf"), Some(DocType::Letter));
    // Most of the folder is correspondence.
    let letters = records.iter().filter(|(_, r)| r.letter.is_some()).count();
    assert!(
        letters >= 225,
        "only {letters} of {} read as correspondence",
        records.len()
    );
}

#[test]
fn replies_name_their_addressees_and_states() {
    let records = letters();
    if records.is_empty() {
        return;
    }
    let get = |file: &str| {
        records
            .iter()
            .find(|(n, _)| n == file)
            .map(|(_, r)| r.clone())
    };
    let r = get("A_79_818.en.pdf").expect("A/79/818 is in the corpus");
    assert_eq!(r.symbols, ["A/79/818", "S/2025/156"]);
    assert_eq!(r.date.as_deref(), Some("2025-03-12"));
    let letter = r.letter.expect("a letter");
    assert_eq!(letter.sender_state.as_deref(), Some("Azerbaijan"));
    assert_eq!(letter.addressees, ["Secretary-General"]);
    assert_eq!(r.signatories[0].name, "Tofig Musayev");
    assert_eq!(
        r.agenda_items.iter().map(|i| i.number).collect::<Vec<_>>(),
        [14, 32, 60, 61, 69, 71, 84, 132]
    );
    let c = r.circulation.expect("a circulation request");
    assert_eq!(c.organs, ["A", "S"]);
    assert_eq!(c.agenda_items, [14, 32, 60, 61, 69, 71, 84, 132]);

    let sg = get("S_2025_192.en.pdf").expect("S/2025/192 is in the corpus");
    let letter = sg.letter.expect("a letter");
    assert_eq!(
        letter.sender.as_deref(),
        Some("President of the Security Council")
    );
    assert_eq!(letter.sender_state, None);
    // Only "brought to the attention of the members": no circulation request.
    assert_eq!(sg.circulation, None);
}

/// A title and signatories checked against what else in the letter says them:
/// the annex heading repeats the title ("Annex to the letter dated …"), and
/// the sender the title names is who signs. Signatures in annexes and
/// enclosures are not the letter's (S/2025/127: the Secretary-General
/// transmitting the Director-General of the OPCW; A/79/729: a Permanent
/// Representative transmitting a statement signed by seven chairmen), and
/// nobody is listed twice (E/2025/78, signed by Vassily Nebenzia twice).
#[test]
fn titles_and_signatories_agree_with_annex_headings_and_senders() {
    fn normalized(s: &str) -> String {
        s.replace(',', "")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .trim_end_matches(|c: char| c == '*' || c.is_ascii_digit())
            .trim()
            .to_lowercase()
    }
    let heading = regex::Regex::new(
        r"(?i)^(?:annex|enclosure)(?:es)?(?:\s+[IVX\d]+)?\s+to\s+the\s+((?:identical |joint )?(?:letters?|notes? verbales?) dated .*)$",
    )
    .expect("pattern");
    let mut problems = Vec::new();
    let (mut headings, mut with_signature) = (0, 0);
    for (name, r) in letters() {
        let title = r
            .letter_title
            .as_deref()
            .or(r.title.as_deref())
            .unwrap_or_default();
        if let Some(caps) = r
            .paragraphs
            .iter()
            .filter(|p| p.kind == ParagraphKind::Annex)
            .find_map(|p| heading.captures(&p.text))
        {
            headings += 1;
            if normalized(&caps[1]) != normalized(title) {
                problems.push(format!(
                    "{name}: title {title:?} but annex heading {:?}",
                    &caps[1]
                ));
            }
        }
        let names: Vec<&str> = r.signatories.iter().map(|s| s.name.as_str()).collect();
        let mut seen = std::collections::HashSet::new();
        if let Some(twice) = names.iter().find(|n| !seen.insert(**n)) {
            problems.push(format!("{name}: {twice} listed twice"));
        }
        let first_annex = r
            .paragraphs
            .iter()
            .position(|p| p.kind == ParagraphKind::Annex)
            .unwrap_or(r.paragraphs.len());
        for signer in &names {
            let own = r.paragraphs[..first_annex]
                .iter()
                .any(|p| p.kind == ParagraphKind::Signature && p.text.contains(signer));
            if !own {
                problems.push(format!("{name}: {signer} signs only in an annex"));
            }
        }
        let sender = r
            .letter
            .as_ref()
            .and_then(|l| l.sender.as_deref())
            .unwrap_or_default();
        match r.doc_type {
            // Notes verbales are not signed; a signature is an annex's (S/2025/402).
            DocType::NoteVerbale if !names.is_empty() => {
                problems.push(format!("{name}: note verbale signed by {names:?}"))
            }
            DocType::NoteVerbale => {}
            _ if sender.starts_with("Secretary-General") && names != ["António Guterres"] => {
                problems.push(format!(
                    "{name}: from the Secretary-General, signed by {names:?}"
                ))
            }
            _ if (sender.starts_with("Permanent Representative of")
                || sender.starts_with("Chargé d’affaires"))
                && names.len() != 1 =>
            {
                problems.push(format!("{name}: from one {sender:?}, signed by {names:?}"))
            }
            // A panel or group may sign as itself, with no person's name (S/2025/356).
            _ if names.is_empty() && !sender.starts_with("Panel") && !sender.contains("Group") => {
                problems.push(format!("{name}: unsigned letter from {sender:?}"))
            }
            _ => with_signature += usize::from(!names.is_empty()),
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
    if headings > 0 {
        assert!(headings >= 90, "annex headings compared: {headings}");
        assert!(with_signature >= 200, "letters signed: {with_signature}");
    }
}

/// Letters whose masthead prints an issue date before the letter's own, as
/// read off the PDF.
const DATED_AFTER_ISSUE: [(&str, &str); 1] = [(
    "A_79_771.en.pdf",
    "masthead \"3 February 2025\", title \"Letter dated 4 February 2025\": so printed",
)];

/// Values read twice in a letter agree: the agenda items a circulation
/// request names are the masthead's items of that organ (a request may name
/// fewer, never others), the organs it names are among those the masthead
/// issues the letter for, and the letter is dated on or before its issue,
/// within the year.
#[test]
fn the_circulation_request_and_the_dates_agree_with_the_masthead() {
    let mut problems = Vec::new();
    for (name, r) in letters() {
        let organs: Vec<&str> = r.bodies.iter().map(|b| b.organ.as_str()).collect();
        if let Some(c) = &r.circulation {
            let printed: Vec<u32> = r.agenda_items.iter().map(|i| i.number).collect();
            let others: Vec<&u32> = c
                .agenda_items
                .iter()
                .filter(|n| !printed.contains(n))
                .collect();
            if !printed.is_empty() && !others.is_empty() {
                problems.push(format!(
                    "{name}: request names items {others:?}, masthead prints {printed:?}"
                ));
            }
            let strangers: Vec<&String> = c
                .organs
                .iter()
                .filter(|o| !organs.contains(&o.as_str()))
                .collect();
            // A letter to one organ may ask to be circulated to another too (ECOSOC's
            // commissions, the Human Rights Council): only the principal organs are checked.
            if strangers.iter().any(|o| matches!(o.as_str(), "A" | "S")) {
                problems.push(format!(
                    "{name}: request names {strangers:?}, masthead organs {organs:?}"
                ));
            }
        }
        if let (Some(issued), Some(written)) = (
            r.date.as_deref(),
            r.letter.as_ref().and_then(|l| l.date.as_deref()),
        ) {
            let day = |d: &str| d.parse::<jiff::civil::Date>().ok();
            match (day(issued), day(written)) {
                (Some(issued), Some(written)) => {
                    let days = written.until(issued).map_or(i32::MAX, |s| s.get_days());
                    let printed_so = DATED_AFTER_ISSUE.iter().any(|(file, _)| *file == name);
                    if !(0..=366).contains(&days) && !printed_so {
                        problems.push(format!(
                            "{name}: letter dated {written}, issued {issued} ({days} days)"
                        ));
                    }
                }
                _ => problems.push(format!("{name}: unreadable dates {issued} / {written}")),
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}
