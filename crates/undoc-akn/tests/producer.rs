#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Every AKN file of the corpus against the producer's own, independent
//! metadata (`data_extract/*.json`, one line per resolution): symbol, adoption
//! date, agenda items, sponsors, originating draft, meeting record and the
//! recorded vote State by State. Agreements are counted per field and every
//! disagreement is listed with its reason.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde_json::Value;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/akn-ga-resolutions")
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, out);
        } else if path.extension().is_some_and(|e| e == "xml") {
            out.push(path);
        }
    }
}

/// The producer's lines, by symbol.
fn producer() -> BTreeMap<String, Value> {
    let mut by_symbol = BTreeMap::new();
    for entry in std::fs::read_dir(corpus().join("data_extract")).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let v: Value = serde_json::from_str(line).unwrap();
            let symbol = v["symbol"].as_str().unwrap().to_owned();
            by_symbol.insert(symbol, v);
        }
    }
    by_symbol
}

/// "2019-10-10 00:00:00", "2 March 2022" → `YYYY-MM-DD`.
fn producer_date(s: &str) -> Option<String> {
    let s = s.trim();
    if s.len() >= 10 && s.as_bytes()[4] == b'-' {
        return Some(s[..10].to_owned());
    }
    let mut words = s.split_whitespace();
    let day: u32 = words.next()?.parse().ok()?;
    let month = words.next()?;
    let month = undoc_model::MONTHS
        .iter()
        .position(|m| m.eq_ignore_ascii_case(month))?
        + 1;
    let year: u32 = words.next()?.parse().ok()?;
    Some(format!("{year:04}-{month:02}-{day:02}"))
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// Names compared as States where they are States, else case-insensitively.
fn name_set(names: &[String]) -> BTreeSet<String> {
    names
        .iter()
        .map(|n| undoc_states::canonical(n).map_or_else(|| n.to_uppercase(), str::to_owned))
        .collect()
}

fn numbers_in(s: &str) -> Vec<u32> {
    s.split(|c: char| !c.is_ascii_digit())
        .filter_map(|d| d.parse().ok())
        .collect()
}

fn symbols_in(s: &str) -> Vec<String> {
    // The producer writes "A/ES-11/L.2 /Add.1" once: a space inside a symbol.
    let s = s.replace(" /", "/");
    s.split([',', ' ', ';'])
        .filter(|w| w.contains('/'))
        .filter_map(undoc_symbol::canonicalize)
        .collect()
}

/// Disagreements whose cause is known, each with it: (field, file, reason).
/// Every other disagreement fails the test, and so does an entry here that no
/// longer disagrees (the list stays true).
const KNOWN: [(&str, &str, &str); 11] = [
    (
        "additional sponsors",
        "Emergency sessions/ES-11/English/A_RES_ES-11_4_2223239E.xml",
        "the XML's workflow lists 32 additional sponsors; the producer's line has none",
    ),
    (
        "agenda item",
        "75session/Chinese/75_1_C.xml",
        "the Chinese file's agenda item line is empty and it has no agenda keyword",
    ),
    (
        "meeting record",
        "76session/Arabic/A_RES_76_84 A-B-2118640A.xml",
        "every language version names A/75/PV.49, a meeting of the previous session; the producer has A/76/PV.49 (undoc warns)",
    ),
    (
        "meeting record",
        "76session/Chinese/A_RES_76_84 A-B-2118640C.xml",
        "as the Arabic version",
    ),
    (
        "meeting record",
        "76session/English/A_RES_76_84 A-B-2118640E.xml",
        "as the Arabic version",
    ),
    (
        "meeting record",
        "76session/French/A_RES_76_84 A-B-2118640F.xml",
        "as the Arabic version",
    ),
    (
        "meeting record",
        "76session/Russian/A_RES_76_84 A-B-2118640R.xml",
        "as the Arabic version",
    ),
    (
        "meeting record",
        "76session/Spanish/A_RES_76_84 A-B-2118640S.xml",
        "as the Arabic version",
    ),
    (
        "originating draft",
        "77session/German/A_RES_77_276-G.xml",
        "the German cover page names A/77/L.7; every other version and the producer A/77/L.58",
    ),
    (
        "originating draft",
        "Emergency sessions/ES-11/Arabic/A_RES_ES-11_2-2204550A.xml",
        "the Arabic cover page misspells the addendum as A/ES/11/L.2/Add.1",
    ),
    (
        "sponsors",
        "79session/English/A_RES_79_226-2424320E.xml",
        "one proponent, \"submitted by the Vice-Chair of the Committee, Ivana Vejić (Croatia) and …\", which the producer splits at its comma",
    ),
];

#[derive(Default)]
struct Tally {
    agree: BTreeMap<&'static str, usize>,
    disagree: BTreeMap<&'static str, Vec<String>>,
}

impl Tally {
    fn check(&mut self, field: &'static str, ok: bool, why: impl FnOnce() -> String) {
        if ok {
            *self.agree.entry(field).or_default() += 1;
        } else {
            self.disagree.entry(field).or_default().push(why());
        }
    }
}

#[test]
fn every_akn_file_agrees_with_the_producers_metadata() {
    // The corpus is part of the test: without it the test fails, never passes by skipping.
    assert!(corpus().exists(), "no corpus at {}", corpus().display());
    let producer = producer();
    let mut paths = Vec::new();
    files(&corpus(), &mut paths);
    paths.sort();
    assert_eq!(paths.len(), 550, "the corpus has 550 AKN files");
    let mut tally = Tally::default();
    let mut symbols = BTreeSet::new();
    let mut unreadable = Vec::new();
    let mut uncovered = BTreeSet::new();
    for path in &paths {
        let shown = path.strip_prefix(corpus()).unwrap().display().to_string();
        let xml = std::fs::read_to_string(path).unwrap();
        let record = match undoc_akn::parse(&shown, xml.trim_start_matches('\u{feff}')) {
            Ok(r) => r,
            Err(e) => {
                unreadable.push(format!("{shown}: {e}"));
                continue;
            }
        };
        let symbol = record.symbols.first().cloned().unwrap_or_default();
        symbols.insert(symbol.clone());
        let Some(p) = producer.get(&symbol) else {
            // Three GA resolutions and four Security Council ones have no producer line.
            uncovered.insert(symbol);
            continue;
        };
        tally.check("symbol", true, String::new);
        let adoption = record.adoption.clone().unwrap_or_default();

        let want = p["adoption_date"].as_str().and_then(producer_date);
        tally.check("adoption date", adoption.date == want, || {
            format!("{shown}: {:?} against {:?}", adoption.date, want)
        });

        let want = numbers_in(p["agenda_item"].as_str().unwrap_or_default());
        let got: Vec<u32> = record.agenda_items.iter().map(|a| a.number).collect();
        tally.check("agenda item", got == want, || {
            format!("{shown}: {got:?} against {want:?} ({})", p["agenda_item"])
        });

        let want = symbols_in(p["originating_document"].as_str().unwrap_or_default());
        tally.check("originating draft", adoption.drafts == want, || {
            format!(
                "{shown}: {:?} against {want:?} ({})",
                adoption.drafts, p["originating_document"]
            )
        });

        // Compared without spaces or case: the producer writes "A/80/PV.69(RESUMPTION1)".
        let squash = |s: &str| s.replace(' ', "").to_uppercase();
        let want = p["pv"].as_str().map(squash);
        let got = adoption.meeting_record.as_deref().map(squash);
        tally.check("meeting record", got == want, || {
            format!("{shown}: {:?} against {want:?}", adoption.meeting_record)
        });

        let vote = record.votes.first().cloned().unwrap_or_default();
        for (field, got, key) in [
            ("votes in favour", &vote.in_favour, "MS_in_favour"),
            ("votes against", &vote.against, "MS_against"),
            ("votes abstaining", &vote.abstaining, "MS_abstaining"),
        ] {
            let want = name_set(&strings(&p[key]));
            let got = name_set(got);
            tally.check(field, got == want, || {
                let missing: Vec<_> = want.difference(&got).collect();
                let extra: Vec<_> = got.difference(&want).collect();
                format!("{shown}: missing {missing:?}, extra {extra:?}")
            });
        }

        // Sponsors are written in the file's own language: compared on English files.
        if record.language == "en" {
            for (field, got, key) in [
                ("sponsors", &record.sponsors, "sponsors"),
                (
                    "additional sponsors",
                    &record.additional_sponsors,
                    "additional_sponsors",
                ),
            ] {
                let mut want = strings(&p[key]);
                // Once in a while the producer leaves a list of States as one string.
                if let [one] = want.as_slice()
                    && one.contains(", ")
                    && !one.starts_with("SUBMITTED BY")
                {
                    want = undoc_states::split_list(one);
                }
                let want = name_set(&want);
                let got = name_set(got);
                tally.check(field, got == want, || {
                    let missing: Vec<_> = want.difference(&got).collect();
                    let extra: Vec<_> = got.difference(&want).collect();
                    format!("{shown}: missing {missing:?}, extra {extra:?}")
                });
            }
        }
    }
    eprintln!("{} files, {} resolutions", paths.len(), symbols.len());
    let fields: BTreeSet<&str> = tally
        .agree
        .keys()
        .chain(tally.disagree.keys())
        .copied()
        .collect();
    for field in &fields {
        let agree = tally.agree.get(field).copied().unwrap_or_default();
        let disagree = tally.disagree.get(field).map_or(0, Vec::len);
        eprintln!("{field:20} agree {agree:4}  disagree {disagree:4}");
    }
    eprintln!("not in the producer's metadata: {uncovered:?}");
    let mut unexplained = Vec::new();
    let mut explained = BTreeSet::new();
    for (field, list) in &tally.disagree {
        for why in list {
            let known = KNOWN
                .iter()
                .find(|(f, file, _)| f == field && why.starts_with(&format!("{file}: ")));
            match known {
                Some((_, file, reason)) => {
                    explained.insert((*field, *file));
                    eprintln!("  {field}: {why}\n      because {reason}");
                }
                None => {
                    eprintln!("  {field}: {why}\n      UNEXPLAINED");
                    unexplained.push(format!("{field}: {why}"));
                }
            }
        }
    }
    assert!(unreadable.is_empty(), "unreadable: {unreadable:#?}");
    assert_eq!(symbols.len(), 91, "the corpus has 91 resolutions");
    assert_eq!(
        uncovered.len(),
        7,
        "resolutions without a producer line: {uncovered:?}"
    );
    assert!(
        unexplained.is_empty(),
        "disagreements without a known cause: {unexplained:#?}"
    );
    let stale: Vec<_> = KNOWN
        .iter()
        .filter(|(f, file, _)| !explained.contains(&(*f, *file)))
        .collect();
    assert!(
        stale.is_empty(),
        "known disagreements that no longer occur: {stale:#?}"
    );
}
