/*!
Layout: from extracted pages to classified lines.

PDF text keeps the page furniture of UN documents: the symbol at the top of
every page after the first, the job number (`25-04214 (E)    190325`), the
barcode (`*2504214*`), page counters (`2/5`), and footnotes below a rule of
underscores. Everything downstream wants running text, so this module drops
the furniture (keeping the job number for the record) and marks footnote
lines, while remembering each line's page and indentation: a page's first
line indented like a paragraph opening is how a PDF says "new paragraph".

Markdown is rendered to the same kind of lines (one line per source line,
blank lines between blocks) with emphasis, escapes and link targets gone.
*/

use std::sync::LazyLock;

use regex::Regex;

/// One line of text with what the layout says about it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Line {
    /// Page index, from 0.
    pub page: usize,
    /// Leading spaces in the extracted text.
    pub indent: usize,
    /// The text, trimmed, runs of white space folded to one space.
    pub text: String,
    /// Byte offsets in `text` of the spaces that were runs of three or more:
    /// column gaps. Kept as offsets so that the common line, with none, costs
    /// no allocation beyond its text.
    wide_gaps: Vec<u32>,
    /// The same for runs of two: mastheads set with narrow gaps
    /// ("General Assembly  Distr.: Limited").
    narrow_gaps: Vec<u32>,
    /// Inside a markdown block quote.
    pub quote: bool,
    /// A markdown heading.
    pub heading: bool,
    /// Below the footnote rule of its page.
    pub footnote: bool,
}

impl Line {
    pub fn is_blank(&self) -> bool {
        self.text.is_empty()
    }

    fn from_raw(raw: &str, page: usize) -> Line {
        let indent = raw.len() - raw.trim_start_matches([' ', '\t']).len();
        let mut text = String::with_capacity(raw.len());
        let mut wide_gaps = Vec::new();
        let mut narrow_gaps = Vec::new();
        // Words are copied whole; the number of separators between two words
        // is the width of the gap, which decides whether it is a column gap.
        let mut run = 0usize;
        for piece in raw.trim().split(char::is_whitespace) {
            if piece.is_empty() {
                run += 1;
                continue;
            }
            if !text.is_empty() {
                let at = text.len() as u32;
                if run >= 2 {
                    wide_gaps.push(at);
                }
                if run >= 1 {
                    narrow_gaps.push(at);
                }
                text.push(' ');
            }
            text.push_str(piece);
            run = 0;
        }
        Line {
            page,
            indent,
            text,
            wide_gaps,
            narrow_gaps,
            ..Line::default()
        }
    }

    /// Columns: the line split where the extracted text had three or more spaces.
    pub fn cells(&self) -> Vec<&str> {
        split_at_gaps(&self.text, &self.wide_gaps)
    }

    /// Columns split at gaps of two or more spaces.
    pub fn narrow_cells(&self) -> Vec<&str> {
        split_at_gaps(&self.text, &self.narrow_gaps)
    }

    /// Replaces the text (dropping its column gaps).
    pub fn set_text(&mut self, text: String) {
        self.text = text;
        self.wide_gaps.clear();
        self.narrow_gaps.clear();
    }
}

fn split_at_gaps<'a>(text: &'a str, gaps: &[u32]) -> Vec<&'a str> {
    if text.is_empty() {
        return Vec::new();
    }
    let mut cells = Vec::with_capacity(gaps.len() + 1);
    let mut start = 0;
    for &gap in gaps {
        let gap = gap as usize;
        cells.push(&text[start..gap]);
        start = gap + 1;
    }
    cells.push(&text[start..]);
    cells
}

/// Trims and folds every run of white space into one space.
pub fn fold_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Compiles a pattern written in this crate. The patterns are literals, and
/// every one is exercised by the tests, so a failure is a programming error.
#[allow(clippy::expect_used)]
pub(crate) fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("pattern written in undoc-parse compiles")
}

static JOB_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:\d{1,3}/\d{1,3}\s+)?((?:[A-Z]{1,2}\.)?\d{2}-\d{5})[A-Z]?\*?(?:\s*\([A-Z]\))?(?:\s+\d{6})?(?:\s+\d{6})?(?:\s+\d{1,3}/\d{1,3})?\s*$",
    )
});
static JOB_PREFIX: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(\d{2}-\d{5}) \([A-Z]\) ([A-Z][a-z].{20,})$"));
static BARCODE: LazyLock<Regex> = LazyLock::new(|| re(r"^\*\d{6,9}\*$"));
static PAGE_COUNTER: LazyLock<Regex> = LazyLock::new(|| re(r"^\d{1,3}/\d{1,3}$"));
static STAR_NOTE: LazyLock<Regex> = LazyLock::new(|| re(r"^\*{1,3}\s+[A-Z]"));
static FOOTNOTE_RULE: LazyLock<Regex> = LazyLock::new(|| re(r"^_{6,}$"));

/// The job number when `text` is a job-number footer line.
pub fn job_number(text: &str) -> Option<&str> {
    JOB_NUMBER
        .captures(text)
        .and_then(|c| c.get(1))
        .map(|m| m.as_str())
}

fn is_symbol_line(text: &str) -> bool {
    let mut any = false;
    for token in text.split_whitespace() {
        if token == "*" {
            continue;
        }
        if undoc_symbol::split_joint(token).is_none() {
            return false;
        }
        any = true;
    }
    any
}

/// Page furniture found while cleaning.
#[derive(Debug, Default)]
pub struct Furniture {
    pub job_number: Option<String>,
}

/// Lines of every page, page furniture removed, footnotes marked.
pub fn pdf_lines(pages: &[String]) -> (Vec<Line>, Furniture) {
    let mut furniture = Furniture::default();
    let mut out = Vec::new();
    for (page_index, page) in pages.iter().enumerate() {
        let mut lines: Vec<Line> = page
            .lines()
            .map(|raw| Line::from_raw(raw, page_index))
            .collect();
        subtract_margin(&mut lines);
        let content: Vec<usize> = (0..lines.len()).filter(|&i| !lines[i].is_blank()).collect();
        let head: Vec<usize> = content.iter().copied().take(6).collect();
        let tail: Vec<usize> = content.iter().rev().copied().take(6).collect();
        let mut drop = vec![false; lines.len()];
        for &i in &content {
            let text = lines[i].text.as_str();
            // Furniture lines open with a digit, a star or a Geneva/Vienna prefix ("GE.", "V.").
            let could_be_furniture = text
                .starts_with(|c: char| c.is_ascii_digit() || c == '*' || c == 'P')
                || text.get(..3).is_some_and(|h| h.contains('.'))
                || page_index > 0;
            if !could_be_furniture {
                continue;
            }
            if let Some(rest) = JOB_PREFIX.captures(text).and_then(|c| {
                furniture.job_number.get_or_insert_with(|| c[1].to_owned());
                c.get(2)
            }) {
                // Old records print the job number at the head of the notice paragraph.
                let rest = rest.as_str().to_owned();
                lines[i].set_text(rest);
            } else if let Some(job) = job_number(text) {
                furniture.job_number.get_or_insert_with(|| job.to_owned());
                drop[i] = true;
            } else if BARCODE.is_match(text)
                || text.eq_ignore_ascii_case("Please recycle")
                || ((head.contains(&i) || tail.contains(&i)) && PAGE_COUNTER.is_match(text))
                || (page_index > 0
                    && (head.contains(&i) || tail.contains(&i))
                    && is_symbol_line(text))
            {
                drop[i] = true;
            }
        }
        let mut in_footnotes = false;
        let mut content_before = 0;
        for (i, line) in lines.iter_mut().enumerate() {
            let content_after = content.iter().filter(|&&c| c > i).count();
            if FOOTNOTE_RULE.is_match(&line.text) {
                drop[i] = true;
                in_footnotes |= !rules_off_the_masthead(page_index, content_before, content_after);
            }
            // Old verbatim records print the correction notice, the symbol and
            // the distribution at the foot of the first page, under no rule.
            in_footnotes |= page_index == 0
                && content_after < content_before
                && line.text.starts_with(CORRECTION_NOTICE);
            if !line.is_blank() {
                content_before += 1;
            }
            line.footnote = in_footnotes;
        }
        // Star notes ("*  Circulated in the language of submission only") sit
        // at the foot of a page, sometimes without the rule above them.
        if !lines.iter().any(|l| l.footnote) {
            let kept: Vec<usize> = (0..lines.len())
                .filter(|&i| !drop[i] && !lines[i].is_blank())
                .collect();
            if let Some(&star) = kept
                .iter()
                .rev()
                .take(4)
                .rev()
                .find(|&&i| STAR_NOTE.is_match(&lines[i].text) && lines[i].indent >= 2)
            {
                for line in &mut lines[star..] {
                    line.footnote = true;
                }
            }
        }
        let mut kept: Vec<Line> = lines
            .into_iter()
            .zip(drop)
            .filter(|(_, d)| !d)
            .map(|(l, _)| l)
            .collect();
        if page_index == 0 {
            raise_late_masthead(&mut kept);
        }
        out.extend(kept);
        // A page break ends whatever block the last line was in.
        out.push(Line {
            page: page_index,
            ..Line::default()
        });
    }
    (out, furniture)
}

/// Old verbatim records rule off the meeting's head ("President: Mr. INSANALLY
/// (Guyana)" over "__________", A/48/PV.46) near the top of the first page,
/// with the whole first speech below it: that rule opens no footnotes, which
/// sit under a page's text, not over most of it.
fn rules_off_the_masthead(page_index: usize, content_before: usize, content_after: usize) -> bool {
    page_index == 0 && content_before <= MASTHEAD_LINES && content_after > content_before
}

/// How the correction notice at the foot of an old verbatim record's first page opens.
const CORRECTION_NOTICE: &str = "This record is subject to correction";

/// The most lines a first page's masthead and meeting head take.
const MASTHEAD_LINES: usize = 16;

/// Indentation counts from the text's left margin: the commonest indentation
/// on the page (continuation lines), which is 0 for `pdf-extract` and the page
/// margin for `pdftotext -layout`.
fn subtract_margin(lines: &mut [Line]) {
    let mut counts: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    for line in lines.iter().filter(|l| !l.is_blank()) {
        *counts.entry(line.indent).or_default() += 1;
    }
    let margin = counts
        .iter()
        .max_by_key(|(indent, n)| (**n, std::cmp::Reverse(**indent)))
        .map_or(0, |(indent, _)| *indent);
    for line in lines.iter_mut() {
        line.indent = line.indent.saturating_sub(margin);
    }
}

/// Some PDFs (Human Rights Council drafts among them) store the masthead
/// block — "United Nations  A/HRC/59/L.17", distribution, date — last on the
/// first page. Put it back on top, where the masthead parser reads it.
fn raise_late_masthead(lines: &mut Vec<Line>) {
    let is_header = |l: &Line| {
        l.text.strip_prefix("United Nations ").is_some_and(|rest| {
            undoc_symbol::split_joint(rest.trim().trim_end_matches('*')).is_some()
        })
    };
    let Some(at) = lines.iter().position(is_header) else {
        return;
    };
    let before = lines[..at].iter().filter(|l| !l.is_blank()).count();
    if before < 8 {
        return;
    }
    let mut moved: Vec<Line> = lines.split_off(at);
    for line in &mut moved {
        line.footnote = false;
    }
    moved.push(Line {
        page: 0,
        ..Line::default()
    });
    moved.append(lines);
    *lines = moved;
}

/// Lines of a markdown document: block structure kept as blank lines, soft
/// breaks kept as line breaks (markdown converted from PDFs keeps the
/// masthead's line structure there), inline markup dropped.
pub fn markdown_lines(markdown: &str) -> Vec<Line> {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};

    let mut lines = Vec::new();
    let mut current = String::new();
    let mut quote_depth = 0usize;
    let mut heading = false;
    let flush = |current: &mut String, lines: &mut Vec<Line>, quote: bool, heading: bool| {
        let text = fold_spaces(current);
        if !text.is_empty() {
            lines.push(Line {
                text,
                quote,
                heading,
                ..Line::default()
            });
        }
        current.clear();
    };
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::BlockQuote(_)) => quote_depth += 1,
            Event::End(TagEnd::BlockQuote(_)) => quote_depth = quote_depth.saturating_sub(1),
            Event::Start(Tag::Heading { .. }) => heading = true,
            Event::Start(Tag::Item) => {}
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::CodeBlock,
            ) => {
                flush(&mut current, &mut lines, quote_depth > 0, heading);
                heading = false;
                lines.push(Line::default());
            }
            Event::SoftBreak | Event::HardBreak => {
                flush(&mut current, &mut lines, quote_depth > 0, heading);
            }
            Event::Text(t) | Event::Code(t) => current.push_str(&t),
            // Converted documents carry stray tags; a line break is the only one that matters.
            Event::Html(t) | Event::InlineHtml(t)
                if matches!(
                    t.trim().to_ascii_lowercase().as_str(),
                    "<br>" | "<br/>" | "<br />"
                ) =>
            {
                flush(&mut current, &mut lines, quote_depth > 0, heading);
            }
            Event::Rule => lines.push(Line::default()),
            _ => {}
        }
    }
    flush(&mut current, &mut lines, quote_depth > 0, heading);
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_furniture_is_dropped() {
        let pages = vec![
            "  United Nations    A/79/818-S/2025/156 \n 25-04214 (E)    190325     \n*2504214*   \nBody text here\n".to_string(),
            "\n\nA/79/818 \nS/2025/156   \n \n 25-04214 2/2 \n \n more body\n".to_string(),
        ];
        let (lines, furniture) = pdf_lines(&pages);
        let texts: Vec<&str> = lines
            .iter()
            .filter(|l| !l.is_blank())
            .map(|l| l.text.as_str())
            .collect();
        assert_eq!(
            texts,
            [
                "United Nations A/79/818-S/2025/156",
                "Body text here",
                "more body"
            ]
        );
        assert_eq!(furniture.job_number.as_deref(), Some("25-04214"));
    }

    #[test]
    fn job_numbers_in_all_their_shapes() {
        for (line, job) in [
            ("25-04214 (E)    190325", "25-04214"),
            ("25-00259 2/5", "25-00259"),
            ("3/3 25-00746", "25-00746"),
            ("24-19856 (E)", "24-19856"),
            ("GE.25-10614  (E)", "GE.25-10614"),
            ("V.25-09303 (E) 230625 240625", "V.25-09303"),
        ] {
            assert_eq!(job_number(&fold_spaces(line)), Some(job), "{line}");
        }
        assert_eq!(job_number("2025-2026"), None);
    }

    #[test]
    fn markdown_loses_markup_but_keeps_lines() {
        let lines = markdown_lines(
            "**General Assembly\nSeventy-fifth session**\n\nresolutions ([822 \\(1993\\)](#))\n",
        );
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "General Assembly",
                "Seventy-fifth session",
                "",
                "resolutions (822 (1993))",
                ""
            ]
        );
    }
}
