//! Charts drawn on the server as SVG (no script): bars over time, bars by
//! name, and a thread's exchange as a timeline with a lane per State. Each
//! scales to its box (a `viewBox`, no fixed width), so a phone shows it
//! whole, and each page lists the same numbers in a table beside it.

use std::fmt::Write as _;

/// A chart's `<svg>` opening, sized to its drawing and scaled down to fit
/// the screen, named by its title for screen readers.
fn svg_opening(class: &str, width: usize, height: usize, title: &str) -> String {
    let title = esc(title);
    format!(
        "<svg class=\"{class}\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"{title}\" preserveAspectRatio=\"xMinYMin meet\"><title>{title}</title>"
    )
}

/// Text for SVG: the five XML specials escaped.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// One bar: its label, its value, and where it leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    pub label: String,
    pub value: usize,
    pub href: Option<String>,
}

/// Vertical bars in order (months, years), every label that fits shown.
pub fn columns(title: &str, bars: &[Bar]) -> String {
    let n = bars.len().max(1);
    let step = if n > 60 {
        8
    } else if n > 24 {
        14
    } else if n > 12 {
        24
    } else {
        40
    };
    let width = (n * step + 40).max(320);
    let (top, plot, label_y) = (12, 120, 150);
    let max = bars.iter().map(|b| b.value).max().unwrap_or(1).max(1);
    // At most about twelve labels along the axis, none overlapping (about
    // seven units a character at this size).
    let longest = bars
        .iter()
        .map(|b| b.label.chars().count())
        .max()
        .unwrap_or(1);
    let every = n.div_ceil(12).max((longest * 7).div_ceil(step)).max(1);
    let mut svg = svg_opening("chart-columns", width, 160, title);
    let _ = write!(
        svg,
        "<line class=\"axis\" x1=\"30\" y1=\"{}\" x2=\"{width}\" y2=\"{}\"/>",
        top + plot,
        top + plot
    );
    let _ = write!(
        svg,
        "<text x=\"26\" y=\"{}\" text-anchor=\"end\">{max}</text>",
        top + 8
    );
    for (i, bar) in bars.iter().enumerate() {
        let height = bar.value * plot / max;
        let x = 34 + i * step;
        let y = top + plot - height;
        let w = step.saturating_sub(2).max(2);
        let rect = format!(
            "<rect class=\"bar\" x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{height}\"><title>{}: {}</title></rect>",
            esc(&bar.label),
            bar.value
        );
        match &bar.href {
            Some(href) => {
                let _ = write!(svg, "<a href=\"{}\">{rect}</a>", esc(href));
            }
            None => svg.push_str(&rect),
        }
        if i % every == 0 {
            let _ = write!(
                svg,
                "<text x=\"{}\" y=\"{label_y}\" text-anchor=\"middle\">{}</text>",
                x + w / 2,
                esc(&bar.label)
            );
        }
    }
    svg.push_str("</svg>");
    svg
}

/// Horizontal bars by name (a State's counterparts), largest first as given;
/// two values a row: `first` and `second`, drawn side by side.
pub fn pairs(title: &str, rows: &[(String, usize, usize)], keys: (&str, &str)) -> String {
    let row_height = 22;
    let label_width = 170;
    let plot = 280;
    let height = rows.len().max(1) * row_height + 30;
    let width = label_width + plot + 40;
    let max = rows.iter().map(|(_, a, b)| a + b).max().unwrap_or(1).max(1);
    let mut svg = svg_opening("chart-pairs", width, height, title);
    for (i, (name, first, second)) in rows.iter().enumerate() {
        let y = 6 + i * row_height;
        let a = first * plot / max;
        let b = second * plot / max;
        let _ = write!(
            svg,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
            label_width - 6,
            y + 13,
            esc(name)
        );
        let _ = write!(
            svg,
            "<rect class=\"bar-first\" x=\"{label_width}\" y=\"{y}\" width=\"{a}\" height=\"16\"><title>{}: {first} {}</title></rect>",
            esc(name),
            esc(keys.0)
        );
        let _ = write!(
            svg,
            "<rect class=\"bar-second\" x=\"{}\" y=\"{y}\" width=\"{b}\" height=\"16\"><title>{}: {second} {}</title></rect>",
            label_width + a,
            esc(name),
            esc(keys.1)
        );
        let _ = write!(
            svg,
            "<text x=\"{}\" y=\"{}\">{}</text>",
            label_width + a + b + 4,
            y + 13,
            first + second
        );
    }
    svg.push_str("</svg>");
    svg
}

/// One document on a thread's timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Point {
    pub key: String,
    pub label: String,
    /// `YYYY-MM-DD`; an undated document is left off the drawing.
    pub date: Option<String>,
    /// Its lane: the State it is from, or the body that issued it.
    pub lane: String,
    pub href: String,
}

/// Days since 1970 of a `YYYY-MM-DD` date.
fn day(date: &str) -> Option<i64> {
    let date: jiff::civil::Date = date.parse().ok()?;
    jiff::civil::date(1970, 1, 1)
        .until(date)
        .ok()
        .map(|s| i64::from(s.get_days()))
}

/// An exchange as a timeline: a lane per State, a dot per document at its
/// date, a line from each reply to what it answers.
pub fn timeline(title: &str, points: &[Point], replies: &[(String, String)]) -> String {
    let dated: Vec<(&Point, i64)> = points
        .iter()
        .filter_map(|p| p.date.as_deref().and_then(day).map(|d| (p, d)))
        .collect();
    let mut lanes: Vec<&str> = Vec::new();
    for (p, _) in &dated {
        if !lanes.contains(&p.lane.as_str()) {
            lanes.push(&p.lane);
        }
    }
    let (label_width, plot, lane_height) = (120, 340, 40);
    let width = label_width + plot + 30;
    let height = lanes.len().max(1) * lane_height + 40;
    let first = dated.iter().map(|(_, d)| *d).min().unwrap_or(0);
    let last = dated.iter().map(|(_, d)| *d).max().unwrap_or(0);
    let span = (last - first).max(1);
    let x_of = |d: i64| -> i64 {
        if last == first {
            (label_width + plot / 2) as i64
        } else {
            label_width as i64 + (d - first) * plot as i64 / span
        }
    };
    let lane_y = |lane: &str| -> usize {
        lanes.iter().position(|l| *l == lane).unwrap_or(0) * lane_height + 24
    };
    let position = |key: &str| -> Option<(i64, usize)> {
        dated
            .iter()
            .find(|(p, _)| p.key == key)
            .map(|(p, d)| (x_of(*d), lane_y(&p.lane)))
    };
    let mut svg = svg_opening("chart-timeline", width, height, title);
    for lane in &lanes {
        let y = lane_y(lane);
        let _ = write!(
            svg,
            "<line class=\"lane\" x1=\"{label_width}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\"/><text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
            label_width + plot,
            label_width - 8,
            y + 4,
            esc(lane)
        );
    }
    for (from, to) in replies {
        if let (Some((x1, y1)), Some((x2, y2))) = (position(from), position(to)) {
            let _ = write!(
                svg,
                "<line class=\"reply\" x1=\"{x1}\" y1=\"{y1}\" x2=\"{x2}\" y2=\"{y2}\"/>"
            );
        }
    }
    for (p, d) in &dated {
        let (x, y) = (x_of(*d), lane_y(&p.lane));
        let _ = write!(
            svg,
            "<a href=\"{}\"><circle class=\"document\" cx=\"{x}\" cy=\"{y}\" r=\"6\"><title>{} · {} · {}</title></circle></a>",
            esc(&p.href),
            esc(&p.label),
            esc(p.date.as_deref().unwrap_or_default()),
            esc(&p.lane)
        );
    }
    let axis = height - 10;
    if let (Some((first_point, _)), Some((last_point, _))) = (
        dated.iter().min_by_key(|(_, d)| *d),
        dated.iter().max_by_key(|(_, d)| *d),
    ) {
        let _ = write!(
            svg,
            "<text x=\"{label_width}\" y=\"{axis}\">{}</text><text x=\"{}\" y=\"{axis}\" text-anchor=\"end\">{}</text>",
            esc(first_point.date.as_deref().unwrap_or_default()),
            label_width + plot,
            esc(last_point.date.as_deref().unwrap_or_default())
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_escaped_and_bars_scale_to_the_largest() {
        let svg = columns(
            "Sent <per> month",
            &[
                Bar {
                    label: "2025-01".into(),
                    value: 2,
                    href: None,
                },
                Bar {
                    label: "<b>".into(),
                    value: 4,
                    href: Some("/search?a=1&b=2".into()),
                },
            ],
        );
        assert!(svg.contains("aria-label=\"Sent &lt;per&gt; month\""));
        assert!(svg.contains("&lt;b&gt;: 4"));
        assert!(svg.contains("href=\"/search?a=1&amp;b=2\""));
        assert!(svg.contains("height=\"60\""), "half the tallest: {svg}");
        assert!(svg.contains("height=\"120\""));
    }

    #[test]
    fn a_timeline_has_a_lane_per_state_and_a_line_per_reply() {
        let point = |key: &str, date: &str, lane: &str| Point {
            key: key.into(),
            label: key.into(),
            date: Some(date.into()),
            lane: lane.into(),
            href: format!("/documents/{key}"),
        };
        let svg = timeline(
            "The exchange",
            &[
                point("A/79/798", "2025-02-21", "Armenia"),
                point("A/79/818", "2025-03-12", "Azerbaijan"),
            ],
            &[("A/79/818".into(), "A/79/798".into())],
        );
        assert_eq!(svg.matches("class=\"lane\"").count(), 2);
        assert_eq!(svg.matches("class=\"reply\"").count(), 1);
        assert_eq!(svg.matches("<circle").count(), 2);
        assert!(svg.contains(">2025-02-21</text>") && svg.contains(">2025-03-12</text>"));
    }
}
