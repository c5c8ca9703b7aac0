//! The readable form of a record, for `undoc parse` without `--json`.

use std::fmt::Write;

use undoc_model::{ParagraphKind, Record};

pub fn render(r: &Record) -> String {
    let mut s = String::new();
    let symbols = if r.symbols.is_empty() {
        r.id.clone()
    } else {
        r.symbols.join(" | ")
    };
    let _ = writeln!(s, "{symbols}  [{}]", crate::say::escaped(&r.source));
    let _ = writeln!(
        s,
        "  {} · {} · {} · distribution {} · original {} · {} page(s) via {}",
        r.doc_type.as_str(),
        r.date.as_deref().unwrap_or("no date"),
        undoc_lang::english_name(&r.language),
        r.distribution
            .map_or("unknown".into(), |d| format!("{d:?}").to_lowercase()),
        r.original_language.as_deref().unwrap_or("unknown"),
        r.pages,
        r.extractor,
    );
    if let Some(title) = &r.title {
        let _ = writeln!(s, "  Title: {title}");
    }
    if !r.bodies.is_empty() {
        let organs: Vec<String> = r
            .bodies
            .iter()
            .map(|b| match (&b.session, b.year) {
                (Some(session), _) => format!("{} session {}", b.organ, session.label()),
                (None, Some(y)) => format!("{} {y}", b.organ),
                (None, None) => b.organ.clone(),
            })
            .collect();
        let _ = writeln!(s, "  Organs: {}", organs.join("; "));
    }
    for item in &r.agenda_items {
        let sub = item
            .sub
            .as_ref()
            .map(|x| format!(" ({x})"))
            .unwrap_or_default();
        let _ = writeln!(
            s,
            "  Agenda {} {}{sub}: {}",
            item.organ,
            item.number,
            item.title.as_deref().unwrap_or("(no title)")
        );
    }
    if let Some(letter) = &r.letter {
        let _ = writeln!(
            s,
            "  From: {}{} · to: {} · dated {}",
            letter.sender.as_deref().unwrap_or("?"),
            letter
                .sender_state
                .as_ref()
                .map(|st| format!(" ({st})"))
                .unwrap_or_default(),
            letter.addressees.join(", "),
            letter.date.as_deref().unwrap_or("?"),
        );
    }
    if !r.sponsors.is_empty() {
        let _ = writeln!(s, "  Sponsors: {}", r.sponsors.join(", "));
    }
    if let Some(a) = &r.adoption {
        let _ = writeln!(
            s,
            "  Adopted: {} at {} ({}){}",
            a.date.as_deref().unwrap_or("?"),
            a.meeting.as_deref().unwrap_or("?"),
            a.meeting_record.as_deref().unwrap_or("?"),
            if a.drafts.is_empty() {
                String::new()
            } else {
                format!(" on {}", a.drafts.join(", "))
            }
        );
    }
    for v in &r.votes {
        let _ = writeln!(
            s,
            "  Recorded vote: {} in favour, {} against, {} abstaining",
            v.in_favour.len(),
            v.against.len(),
            v.abstaining.len()
        );
    }
    for sig in &r.signatories {
        let _ = writeln!(s, "  Signed: {} ({})", sig.name, sig.titles.join(", "));
    }
    if let Some(c) = &r.circulation {
        let items: Vec<String> = c.agenda_items.iter().map(u32::to_string).collect();
        let under = if items.is_empty() {
            String::new()
        } else {
            format!(" under items {}", items.join(", "))
        };
        let _ = writeln!(
            s,
            "  Circulate as a document of {}{under}",
            c.organs.join(", ")
        );
    }
    let count = |k: ParagraphKind| r.paragraphs.iter().filter(|p| p.kind == k).count();
    let _ = writeln!(
        s,
        "  {} paragraphs ({} quotes, {} footnotes, {} annexes); {} references",
        r.paragraphs.len(),
        count(ParagraphKind::Quote),
        count(ParagraphKind::Footnote),
        count(ParagraphKind::Annex),
        r.references.len()
    );
    for w in &r.warnings {
        let _ = writeln!(s, "  warning: {w}");
    }
    s
}
