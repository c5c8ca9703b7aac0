//! The scanner's work grows linearly with its input (issue 13, defect 7: 30,000
//! `)` after a symbol took 2.6 s, 60,000 took 12.2 s). Work is counted by the
//! scanner itself (`undoc_refs::work`), not timed: ten times the input must
//! cost at most about ten times the steps.

use proptest::prelude::*;
use undoc_refs::{Context, scan, work};

fn steps(text: &str) -> u64 {
    work::reset();
    let ctx = Context::default();
    let _ = scan(text, &ctx, Some("en"));
    work::steps()
}

/// Asserts that `unit` repeated 10·n times costs at most 11× what n repeats cost.
fn assert_linear(name: &str, head: &str, unit: &str, tail: &str, n: usize) {
    let small = format!("{head}{}{tail}", unit.repeat(n));
    let large = format!("{head}{}{tail}", unit.repeat(10 * n));
    let (a, b) = (steps(&small), steps(&large));
    assert!(
        b <= 11 * a + 64,
        "{name}: {n} repeats cost {a} steps, {} repeats {b} ({:.1}×)",
        10 * n,
        b as f64 / a as f64
    );
}

#[test]
fn closing_parentheses_after_a_symbol_cost_linear_work() {
    // Defect 7 as reported: a symbol followed by a run of `)`.
    assert_linear("A/75/861)))…", "See A/75/861", ")", ".", 30_000);
    // Still found, without the parentheses.
    let text = format!("See A/75/861{}", ")".repeat(1000));
    let refs = scan(&text, &Context::default(), Some("en"));
    assert_eq!(refs.len(), 1);
    assert_eq!(refs[0].symbols, ["A/75/861"]);
}

#[test]
fn hostile_shapes_cost_linear_work() {
    let cases: [(&str, &str, &str, &str, usize); 9] = [
        (
            "open parentheses without a close",
            "resolution ",
            "1 (",
            "",
            5_000,
        ),
        (
            "a list that never ends",
            "resolution ",
            "1 (1993), ",
            "",
            5_000,
        ),
        ("slashes after spaces", "", "AA/ ", "x", 5_000),
        (
            "a joint symbol chain that fails at its end",
            "",
            "A/1-",
            "A/x",
            5_000,
        ),
        ("a long word before a number", "", "ж", " 1 (1993)", 20_000),
        (
            "Chinese numbers without their lead",
            "",
            "1(1993)和",
            "",
            5_000,
        ),
        ("symbol characters without a slash", "A/", "1(", "", 5_000),
        ("dots and dashes", "S/", ".-", "", 5_000),
        (
            "a Security Council year run",
            "S/RES/",
            "822 (1993)",
            "",
            2_000,
        ),
    ];
    for (name, head, unit, tail, n) in cases {
        assert_linear(name, head, unit, tail, n);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any text made of the characters the scanner reacts to, repeated ten
    /// times, costs at most about ten times as many steps.
    #[test]
    fn repeated_text_costs_proportional_work(
        unit in "[AS/ ()0-9.,\\-resolutin]{1,40}"
    ) {
        let once = unit.repeat(50);
        let ten = unit.repeat(500);
        let (a, b) = (steps(&once), steps(&ten));
        prop_assert!(b <= 11 * a + 64, "{unit:?}: {a} → {b}");
    }
}
