//! The year of a Security Council resolution from its number, read from
//! `data/sc-resolution-years.txt`.

use std::sync::OnceLock;

/// What the table says: where each year's numbers begin, in order, and
/// where a range of unknown year begins (year `None`).
struct Table {
    starts: Vec<(u32, Option<u16>)>,
}

const DATA: &str = include_str!("../data/sc-resolution-years.txt");

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| parse(DATA))
}

/// Lines that do not read as `YEAR FIRST` are skipped here; the test
/// `every_line_of_the_table_reads` fails on them.
fn parse(data: &str) -> Table {
    let mut starts = Vec::new();
    for line in data.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut words = line.split_whitespace();
        match (
            words.next(),
            words.next().and_then(|n| n.parse::<u32>().ok()),
        ) {
            (Some("unknown"), Some(n)) => starts.push((n, None)),
            (Some(year), Some(first)) => {
                if let Ok(year) = year.parse::<u16>() {
                    starts.push((first, Some(year)));
                }
            }
            _ => {}
        }
    }
    starts.sort_unstable();
    Table { starts }
}

/// The year Security Council resolution `number` was adopted, where the table knows it.
pub fn year_of(number: u32) -> Option<u16> {
    let table = table();
    let after = table.starts.partition_point(|&(first, _)| first <= number);
    after.checked_sub(1).and_then(|i| table.starts[i].1)
}

/// The lines of the table that do not read, for its test.
#[cfg(test)]
fn unreadable_lines() -> Vec<String> {
    DATA.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter(|l| {
            let words: Vec<&str> = l.split_whitespace().collect();
            let number = words.get(1).is_some_and(|n| n.parse::<u32>().is_ok());
            let head = words
                .first()
                .is_some_and(|y| *y == "unknown" || y.parse::<u16>().is_ok());
            words.len() != 2 || !number || !head
        })
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_of_the_table_reads() {
        assert_eq!(unreadable_lines(), Vec::<String>::new());
        let t = table();
        let years: Vec<u16> = t.starts.iter().filter_map(|s| s.1).collect();
        assert!(years.windows(2).all(|w| w[0] < w[1]), "years in order");
    }

    #[test]
    fn years_at_the_edges() {
        assert_eq!(year_of(1), Some(1946));
        assert_eq!(year_of(15), Some(1946));
        assert_eq!(year_of(16), Some(1947));
        assert_eq!(year_of(822), Some(1993));
        assert_eq!(year_of(2334), Some(2016));
        assert_eq!(year_of(2768), Some(2025));
        assert_eq!(year_of(2787), Some(2025));
        assert_eq!(year_of(2800), None, "not checked yet");
        assert_eq!(year_of(2815), Some(2026));
        assert_eq!(year_of(0), None);
        assert_eq!(year_of(100_000), None);
    }
}
