#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Mastheads in all six languages read from text, as a PDF's text gives them:
//! each language version's cover page (the UN's own words, from its AKN file)
//! is laid out as the printed masthead, with the preface title and the first
//! paragraphs under it, and parsed by the text parser. Symbol, distribution,
//! date, session, agenda items and their titles, type and language must be
//! what the markup says. The Russian, Arabic and Chinese covers keep the
//! English distribution line and date, as the UN prints them; the test also
//! writes those in the version's own language, as other documents do.

use std::path::{Path, PathBuf};

use undoc_model::{DocType, Session};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/akn-ga-resolutions")
}

/// The text of the first element named `name` in the cover page.
fn cover_text(xml: &str, name: &str, attr: Option<(&str, &str)>) -> String {
    let doc = roxmltree::Document::parse(xml).unwrap();
    let cover = doc
        .descendants()
        .find(|n| n.tag_name().name() == "coverPage")
        .unwrap();
    cover
        .descendants()
        .find(|n| {
            n.tag_name().name() == name && attr.is_none_or(|(k, v)| n.attribute(k) == Some(v))
        })
        .map(|n| {
            n.descendants()
                .filter(|d| d.is_text())
                .filter_map(|d| d.text())
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_default()
}

/// Dates and distribution lines as each language writes them.
fn local_date_and_distribution(language: &str) -> (&'static str, &'static str) {
    match language {
        "ru" => ("19 сентября 2025 года", "Distr.: General"),
        "ar" => ("19 أيلول/سبتمبر 2025", "Distr.: General"),
        "zh" => ("2025年9月19日", "Distr.: General"),
        "fr" => ("19 septembre 2025", "Distr. générale"),
        "es" => ("19 de septiembre de 2025", "Distr. general"),
        _ => ("19 September 2025", "Distr.: General"),
    }
}

#[test]
fn cover_pages_in_six_languages_read_as_text() {
    // The corpus is part of the test: without it the test fails, never passes by skipping.
    assert!(corpus().exists(), "no corpus at {}", corpus().display());
    let versions = [
        ("English", "E", "en"),
        ("French", "F", "fr"),
        ("Spanish", "S", "es"),
        ("Russian", "R", "ru"),
        ("Arabic", "A", "ar"),
        ("Chinese", "C", "zh"),
    ];
    for (folder, letter, language) in versions {
        let path = corpus().join(format!("80session/{folder}/A_RES_80_1-2515106{letter}.xml"));
        let xml = std::fs::read_to_string(&path).unwrap();
        let akn = undoc_akn::parse(&path.display().to_string(), &xml).unwrap();
        for local in [false, true] {
            let (date, distribution) = if local {
                local_date_and_distribution(language)
            } else {
                // As the AKN cover page has them (English in ru, ar, zh).
                ("", "")
            };
            let date = if local {
                date.to_owned()
            } else {
                cover_text(&xml, "docDate", None)
            };
            let distribution = if local {
                distribution.to_owned()
            } else {
                cover_text(&xml, "docStatus", None)
            };
            let publisher = cover_text(&xml, "docAuthority", Some(("refersTo", "#publisher")));
            let organ = cover_text(&xml, "docAuthority", Some(("refersTo", "#issuingBody")));
            let symbol = cover_text(&xml, "docNumber", Some(("refersTo", "#symbol")));
            let session = cover_text(&xml, "session", None);
            let item = cover_text(&xml, "inline", Some(("name", "agenda item")));
            let item_title = cover_text(&xml, "inline", Some(("name", "agenda item name")));
            let heading = cover_text(&xml, "docTitle", None);
            let body: Vec<&str> = akn
                .paragraphs
                .iter()
                .take(4)
                .map(|p| p.text.as_str())
                .collect();
            let text = format!(
                "{publisher:<40}{symbol}\n{organ:<40}{distribution}\n{:<40}{date}\n\n{session}\n{item}\n{item_title}\n\n\n{heading}\n\n{}\n",
                "",
                body.join("\n\n")
            );
            let extracted = undoc_extract::extract_bytes(
                text.as_bytes(),
                Some("txt"),
                None,
                &undoc_extract::Options::default(),
            )
            .unwrap();
            let r = undoc_parse::parse("cover.txt", &extracted);
            let label = format!("{language} (local date and distribution: {local})\n{text}");
            assert_eq!(r.symbols, ["A/RES/80/1"], "{label}");
            assert_eq!(r.language, language, "{label}");
            assert_eq!(r.date.as_deref(), Some("2025-09-19"), "{label}");
            assert_eq!(
                r.distribution,
                Some(undoc_model::Distribution::General),
                "{label}"
            );
            assert_eq!(r.bodies.len(), 1, "{label}: {:?}", r.bodies);
            assert_eq!(r.bodies[0].organ, "A", "{label}");
            assert_eq!(r.bodies[0].session, Some(Session::Number(80)), "{label}");
            assert_eq!(r.agenda_items.len(), 1, "{label}: {:?}", r.agenda_items);
            assert_eq!(r.agenda_items[0].number, 7, "{label}");
            assert_eq!(
                r.agenda_items[0].title.as_deref(),
                Some(item_title.as_str()),
                "{label}"
            );
            assert_eq!(
                r.doc_type,
                DocType::Resolution,
                "{label}: title {:?}",
                r.title
            );
        }
    }
}
