//! The Security Council number→year table against every resolution text of
//! `../shared/corpus/sc-resolutions/` (resolutions 1 (1946) to 902 (1994) and
//! a few later ones): the year each text prints in its heading is the year
//! the table gives its number.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed expectation is the report

use std::path::Path;

#[test]
fn the_year_table_agrees_with_every_resolution_text() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/sc-resolutions");
    if !dir.is_dir() {
        assert!(
            std::env::var_os("CI").is_none(),
            "{} is missing under CI",
            dir.display()
        );
        eprintln!("skipped: {} not found", dir.display());
        return;
    }
    let (mut checked, mut headings_agreeing) = (0, 0);
    let mut wrong = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        // The dataset's corrected number and year: `S_RES_0822_1993_EN_GOLD.txt`.
        let Some((number, year)) = file_number_and_year(&name) else {
            continue;
        };
        let want = format!("S/RES/{number} ({year})");
        let canonical = undoc_symbol::canonicalize(&format!("S/RES/{number}"));
        if canonical.as_deref() != Some(&want) {
            wrong.push(format!("{name}: the table makes {canonical:?}"));
        }
        // The heading the text prints, where the transcription kept it whole.
        let text = std::fs::read_to_string(&path).unwrap();
        let heading = text
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or_default();
        if heading_number_and_year(heading) == Some((number, year)) {
            headings_agreeing += 1;
        }
        checked += 1;
    }
    assert!(
        wrong.is_empty(),
        "{} of {checked} disagree:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    assert!(checked >= 902, "only {checked} resolution texts read");
    // A few headings are lost or misprinted in the transcriptions (361 (197-4), 434 printed as 1973).
    assert!(
        headings_agreeing + 10 >= checked,
        "{headings_agreeing} of {checked} headings agree"
    );
}

fn file_number_and_year(name: &str) -> Option<(u32, u16)> {
    let mut parts = name.strip_prefix("S_RES_")?.split('_');
    Some((parts.next()?.parse().ok()?, parts.next()?.parse().ok()?))
}

fn heading_number_and_year(heading: &str) -> Option<(u32, u16)> {
    // "Resolution 822 (1993)", "RESOLUTION 822 (1993)", "10 (1946). Resolution of 4 November 1946"
    let trimmed = heading.trim();
    let rest = trimmed
        .get(..11)
        .filter(|w| w.eq_ignore_ascii_case("resolution "))
        .map_or(trimmed, |_| &trimmed[11..]);
    let (number, rest) = rest.split_once(" (")?;
    let (year, _) = rest.split_once(')')?;
    Some((number.trim().parse().ok()?, year.trim().parse().ok()?))
}
