//! The decisions of the verbatim records in `../shared/corpus/meetings/`
//! against a third party's parse of the same PDFs
//! (`parsed-by-un-extractor/`, MIT): each draft in order, how it was
//! decided, its counts and each State's vote. Where the two differ the
//! table says why, and each row must still be a difference: a row that
//! stops being one is stale, a difference without a row is a failure.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed expectation is the report

mod common;

use std::collections::{BTreeMap, BTreeSet};

use undoc_model::{Ballot, Decision, Record};

/// Every difference between ours and theirs, and why ours stands.
const DISAGREEMENTS: [(&str, &str); 17] = [
    (
        "A/48/PV.46: ours only: A/48/L.13 → A/RES/48/14",
        "the third party reads no decision from the 1993 layout; the record prints \"Draft resolution A/48/L.13 and Corr.1, as a whole, was adopted by 140 votes to 1, with 9 abstentions (resolution 48/14)\"",
    ),
    (
        "A/61/PV.107: ours only: draft decision → -",
        "\"The draft decision was adopted.\": the third party leaves out drafts printed without a symbol",
    ),
    (
        "A/64/PV.121: ours only: draft resolution → A/RES/64/301",
        "\"The draft resolution was adopted (resolution 64/301).\", on the report under the heading before it: the third party leaves it out",
    ),
    (
        "A/65/PV.71: ours only: draft decision → -",
        "the Third Committee's draft decisions (\"The draft decision was adopted.\", eight times): the third party leaves them out",
    ),
    (
        "A/65/PV.71: ours only: draft resolution → A/RES/65/197",
        "a report's only draft (\"The draft resolution was adopted (resolution 65/197).\"): the third party leaves it out",
    ),
    (
        "A/65/PV.71: ours only: draft resolution → A/RES/65/198",
        "a report's only draft (\"The draft resolution was adopted (resolution 65/198).\"): the third party leaves it out",
    ),
    (
        "A/65/PV.71: ours only: draft resolution I → A/RES/65/206",
        "the moratorium on the death penalty, adopted by 109 votes to 41 with 35 abstentions: the third party loses the report's second run of drafts I to III",
    ),
    (
        "A/65/PV.71: ours only: draft resolution II → A/RES/65/207",
        "adopted after the death penalty vote: the third party loses the report's second run of drafts I to III",
    ),
    (
        "A/65/PV.71: ours only: A/65/L.53 → -",
        "\"The amendment contained in document A/65/L.53 was adopted by 93 votes to 55, with 27 abstentions\": an amendment put to a recorded vote, which the third party does not count as a draft",
    ),
    (
        "A/65/PV.71: ours only: draft resolution III → A/RES/65/208",
        "\"Draft resolution III, as amended, was adopted by 122 votes to 1, with 62 abstentions (resolution 65/208)\": the third party loses it",
    ),
    (
        "A/65/PV.71: ours only: draft resolution I → A/RES/65/225",
        "human rights in the Democratic People's Republic of Korea, adopted by 106 votes to 20 with 57 abstentions: the third party goes from draft resolution XIX to III and loses it",
    ),
    (
        "A/65/PV.71: theirs only: I",
        "the President: \"the Assembly will take action only on draft resolution II, as draft resolution I was adopted separately under agenda item 10\"; the third party has draft resolution I adopted here",
    ),
    (
        "A/65/PV.71: votes on XVIII: theirs name \"Zambia Zimbabwe\"",
        "the record's column break drops the comma between Zambia and Zimbabwe; the third party keeps them as one name, we read two States",
    ),
    (
        "A/76/PV.102: ours only: A/76/L.87 → A/RES/76/307",
        "\"The draft resolution was adopted (resolution 76/307).\", the draft the President named as A/76/L.87: the third party leaves it out",
    ),
    (
        "S/PV.3756: ours only: S/1997/241 → -",
        "the draft the United States vetoed (13 in favour, 1 against, 1 abstaining; \"has not been adopted\"): the third party reads no draft that failed",
    ),
    (
        "S/PV.10100: theirs only: S/2026/8",
        "S/2026/8 is the Secretary-General's report; the record says \"document S/2026/50, which contains the text of a draft resolution\", which is ours",
    ),
    (
        "S/PV.10100: ours only: S/2026/50 → S/RES/2815 (2026)",
        "the same vote, under the draft's own symbol (see the row above)",
    ),
];

/// Their draft, in their terms.
struct Theirs {
    label: String,
    recorded: bool,
    counts: (Option<u32>, Option<u32>, Option<u32>),
    votes: BTreeMap<String, String>,
}

fn theirs(json: &serde_json::Value) -> Vec<Theirs> {
    let count = |v: &serde_json::Value| v.as_u64().map(|n| n as u32);
    json["items"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|item| item["resolutions"].as_array().unwrap().iter())
        .map(|r| Theirs {
            label: r["draft_symbol"].as_str().unwrap().to_owned(),
            recorded: r["vote_type"] == "recorded",
            counts: (
                count(&r["yes_count"]),
                count(&r["no_count"]),
                count(&r["abstain_count"]),
            ),
            votes: r["country_votes"]
                .as_object()
                .map(|o| {
                    o.iter()
                        .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_owned()))
                        .collect()
                })
                .unwrap_or_default(),
        })
        .collect()
}

/// Ours names a draft within a report "draft resolution IV"; theirs "IV".
fn same_draft(ours: &Decision, label: &str) -> bool {
    ours.draft == label || ours.draft.ends_with(&format!(" {label}"))
}

fn ours_only(symbol: &str, d: &Decision) -> String {
    format!(
        "{symbol}: ours only: {} → {}",
        d.draft,
        d.adopted_as.as_deref().unwrap_or("-")
    )
}

/// The differences of one record, as the table's keys.
fn differences(record: &Record, theirs: &[Theirs]) -> BTreeSet<String> {
    let symbol = &record.symbols[0];
    let ours = &record.decisions;
    let mut out = BTreeSet::new();
    let mut next = 0;
    for their in theirs {
        let Some(found) = (next..ours.len()).find(|&i| same_draft(&ours[i], &their.label)) else {
            out.insert(format!("{symbol}: theirs only: {}", their.label));
            continue;
        };
        for skipped in &ours[next..found] {
            out.insert(ours_only(symbol, skipped));
        }
        next = found + 1;
        let our = &ours[found];
        let label = &their.label;
        assert_eq!(
            our.method == "recorded_vote",
            their.recorded,
            "{symbol} {label}: recorded vote or not"
        );
        if !their.recorded {
            assert!(our.votes.is_empty(), "{symbol} {label}");
            continue;
        }
        assert_eq!(
            (our.in_favour, our.against, our.abstaining),
            their.counts,
            "{symbol} {label}: counts"
        );
        let mut their_votes = BTreeMap::new();
        for (name, vote) in &their.votes {
            let Some(state) = undoc_states::canonical(name) else {
                out.insert(format!("{symbol}: votes on {label}: theirs name {name:?}"));
                continue;
            };
            let ballot = match vote.as_str() {
                "yes" => Ballot::InFavour,
                "no" => Ballot::Against,
                _ => Ballot::Abstaining,
            };
            their_votes.insert(state.to_owned(), ballot);
        }
        for (state, ballot) in &their_votes {
            assert_eq!(
                our.votes.get(state),
                Some(ballot),
                "{symbol} {label}: {state}'s vote"
            );
        }
    }
    for rest in &ours[next..] {
        out.insert(ours_only(symbol, rest));
    }
    out
}

#[test]
fn decisions_agree_with_the_third_party_or_say_why_not() {
    let Some(meetings) = common::corpus("meetings") else {
        return;
    };
    let mut found = BTreeSet::new();
    let mut records = 0;
    for path in common::pdfs(&meetings) {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        // The 1950 scan has no text layer; tests/speeches.rs checks that it
        // yields no speeches, and it yields no decisions for the same reason.
        if name.contains("_1950_") {
            continue;
        }
        let number = name.rsplit('_').next().unwrap();
        let json: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(
                meetings.join(format!("parsed-by-un-extractor/document_{number}.json")),
            )
            .unwrap(),
        )
        .unwrap();
        let record = common::parse(&path).unwrap();
        records += 1;
        found.extend(differences(&record, &theirs(&json)));
        // Every recorded vote's lists add up to the counts the record prints.
        assert!(
            !record.warnings.iter().any(|w| w.contains("the vote on")),
            "{}: {:?}",
            record.symbols[0],
            record.warnings
        );
    }
    assert_eq!(records, 9, "the nine records with a text layer");
    let explained: BTreeSet<String> = DISAGREEMENTS.iter().map(|(k, _)| (*k).to_owned()).collect();
    let unexplained: Vec<&String> = found.difference(&explained).collect();
    let stale: Vec<&String> = explained.difference(&found).collect();
    assert!(
        unexplained.is_empty(),
        "differences without a reason: {unexplained:#?}"
    );
    assert!(
        stale.is_empty(),
        "rows that are no longer differences: {stale:#?}"
    );
}

fn decisions_of(file: &str) -> Option<Vec<Decision>> {
    let meetings = common::corpus("meetings")?;
    Some(common::parse(&meetings.join(file)).unwrap().decisions)
}

/// S/PV.8422 read against its PDF: "Members of the Council have before
/// them document S/2018/1016", the lists, and "received 13 votes in
/// favour, none against and two abstentions … adopted as resolution 2448
/// (2018)".
#[test]
fn s_pv_8422_adopts_resolution_2448_with_two_abstentions() {
    let Some(decisions) = decisions_of("en_sc_2018_pv_document_8422.pdf") else {
        return;
    };
    assert_eq!(decisions.len(), 1);
    let d = &decisions[0];
    assert_eq!(d.draft, "S/2018/1016");
    assert_eq!(d.method, "recorded_vote");
    assert_eq!(
        (d.in_favour, d.against, d.abstaining),
        (Some(13), Some(0), Some(2))
    );
    assert_eq!(d.adopted_as.as_deref(), Some("S/RES/2448 (2018)"));
    assert_eq!(d.votes.get("China"), Some(&Ballot::Abstaining));
    assert_eq!(d.votes.get("Russian Federation"), Some(&Ballot::Abstaining));
    assert_eq!(d.votes.get("Côte d'Ivoire"), Some(&Ballot::InFavour));
    assert_eq!(d.votes.len(), 15);
}

/// S/PV.3756: a draft vetoed is a decision not adopted, with its votes.
#[test]
fn s_pv_3756_records_the_veto() {
    let Some(decisions) = decisions_of("en_sc_1997_pv_document_3756.pdf") else {
        return;
    };
    assert_eq!(decisions.len(), 1);
    let d = &decisions[0];
    assert_eq!(d.draft, "S/1997/241");
    assert!(!d.adopted);
    assert_eq!(d.adopted_as, None);
    assert_eq!(
        d.votes.get("United States of America"),
        Some(&Ballot::Against)
    );
    assert_eq!(d.votes.get("Costa Rica"), Some(&Ballot::Abstaining));
}

/// A/65/PV.71 names drafts by number within the Third Committee's reports:
/// each is tied to its report, and the amendment's vote is its own decision.
#[test]
fn a_65_pv_71_ties_numbered_drafts_to_their_reports() {
    let Some(decisions) = decisions_of("en_ga_65_pv_document_71.pdf") else {
        return;
    };
    let first = &decisions[0];
    assert_eq!(first.draft, "draft resolution I");
    assert_eq!(first.report.as_deref(), Some("A/65/448"));
    assert_eq!(first.adopted_as.as_deref(), Some("A/RES/65/182"));
    assert_eq!(first.method, "without_vote");
    let amendment = decisions
        .iter()
        .find(|d| d.draft_kind == "amendment")
        .unwrap();
    assert_eq!(amendment.draft, "A/65/L.53");
    assert_eq!(
        (amendment.in_favour, amendment.against, amendment.abstaining),
        (Some(93), Some(55), Some(27))
    );
    // Resolutions 65/182 to 65/233 are each adopted once, in order.
    let adopted: Vec<u32> = decisions
        .iter()
        .filter_map(|d| {
            d.adopted_as
                .as_deref()?
                .strip_prefix("A/RES/65/")?
                .parse()
                .ok()
        })
        .collect();
    assert_eq!(adopted, (182..=233).collect::<Vec<u32>>());
}
