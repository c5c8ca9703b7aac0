//! The words of Akoma Ntoso that undoc both reads and writes: the namespace,
//! the document element and name of each document type, the actors and TLC
//! ids of the organs, the languages' codes. The reader (this crate) and the
//! writer (`undoc-export`'s `akn`) take them from here, so what one writes
//! the other reads back as the same record.

use undoc_model::DocType;

/// The namespace of Akoma Ntoso 3.0.
pub const NAMESPACE: &str = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0";

/// The document element and its `name` (the FRBR subtype) for each type.
/// The UN writes resolutions as `<statement name="resolution">` with the
/// work's subtype `deliberation`: both are read as resolutions.
const DOCUMENT_KINDS: &[(DocType, &str, &str)] = &[
    (DocType::Resolution, "statement", "deliberation"),
    (DocType::Letter, "doc", "letter"),
    (DocType::IdenticalLetters, "doc", "identicalLetters"),
    (DocType::NoteVerbale, "doc", "noteVerbale"),
    (DocType::DraftResolution, "doc", "draftResolution"),
    (DocType::Decision, "doc", "decision"),
    (DocType::Report, "doc", "report"),
    (DocType::MeetingRecord, "doc", "meetingRecord"),
    (DocType::Agenda, "doc", "agenda"),
    (DocType::Other, "doc", "document"),
];

/// The AKN document element and name of a document type.
pub fn document_kind(doc_type: DocType) -> (&'static str, &'static str) {
    DOCUMENT_KINDS
        .iter()
        .find(|(t, _, _)| *t == doc_type)
        .map_or(("doc", "document"), |(_, element, name)| (element, name))
}

/// The document type of an element and its `name`: what [`document_kind`]
/// writes, and the UN's own `statement name="resolution"` and `decision`
/// (on any element). `None` for names undoc does not know.
pub fn doc_type_of(element: &str, name: Option<&str>) -> Option<DocType> {
    match name {
        Some("resolution") => return Some(DocType::Resolution),
        Some("decision") => return Some(DocType::Decision),
        _ => {}
    }
    DOCUMENT_KINDS
        .iter()
        .find(|(_, e, n)| *e == element && Some(*n) == name)
        .map(|(t, _, _)| *t)
}

/// Each organ's symbol prefix, the actor its works' IRIs name, and its TLC
/// id (`A` → `unga`, `#ga`).
const ORGANS: &[(&str, &str, &str)] = &[
    ("A", "unga", "ga"),
    ("S", "unsc", "sc"),
    ("E", "ecosoc", "ecosoc"),
    ("T", "untc", "tc"),
    ("A/HRC", "unhrc", "hrc"),
];

/// The actor of the IRI and the TLC id of an organ; an organ undoc has no
/// name for gets its own slug for both.
pub fn organ_ids(organ: &str) -> (String, String) {
    match ORGANS.iter().find(|(o, _, _)| *o == organ) {
        Some((_, actor, id)) => ((*actor).to_owned(), (*id).to_owned()),
        None => {
            let slug = slug(organ);
            (slug.clone(), format!("organ-{slug}"))
        }
    }
}

/// The organ whose works an IRI's actor names (`unsc` → `S`).
pub fn organ_of_actor(actor: &str) -> Option<&'static str> {
    ORGANS
        .iter()
        .find(|(_, a, _)| *a == actor)
        .map(|(organ, _, _)| *organ)
}

/// The organ a TLC id names (`sc` → `S`), as the writer's cover page
/// refers to each body.
pub fn organ_of_id(id: &str) -> Option<&'static str> {
    ORGANS
        .iter()
        .find(|(_, _, i)| *i == id)
        .map(|(organ, _, _)| *organ)
}

/// The actor of a work IRI: `/akn/un/statement/deliberation/unsc/2023-01-30/2674/!main` → `unsc`.
pub fn actor_of_iri(iri: &str) -> Option<&str> {
    let mut parts = iri.trim_start_matches('/').split('/');
    (parts.next()? == "akn").then_some(())?;
    parts.nth(3).filter(|actor| !actor.is_empty())
}

/// Lower case, letters and digits kept, every other run written `-`.
pub fn slug(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        out.push('x');
    }
    out
}

/// ISO 639-2 (terminological) code, as the UN's AKN files write languages.
pub fn language_code(code: &str) -> &str {
    undoc_lang::get(code).map_or(code, |l| l.iso639_2t)
}

/// ISO 639-1 for the ISO 639-2 codes AKN files declare.
pub fn two_letter_language(code: &str) -> Option<&'static str> {
    undoc_lang::get(code).map(|l| l.code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_document_type_is_written_and_read_back_as_itself() {
        for doc_type in DocType::ALL {
            let (element, name) = document_kind(doc_type);
            assert_eq!(
                doc_type_of(element, Some(name)),
                Some(doc_type),
                "{doc_type}"
            );
        }
    }

    #[test]
    fn every_organ_is_named_and_read_back_from_its_actor() {
        for (organ, _, _) in ORGANS {
            let (actor, id) = organ_ids(organ);
            assert_eq!(organ_of_actor(&actor), Some(*organ));
            assert_eq!(organ_of_id(&id), Some(*organ));
        }
        assert_eq!(
            actor_of_iri("/akn/un/statement/deliberation/unsc/2023-01-30/2674/!main"),
            Some("unsc")
        );
        assert_eq!(actor_of_iri("not an iri"), None);
    }
}
