/*!
The masthead: everything above the first line of the text.

UN mastheads are regular but laid out in columns, and PDF extraction
flattens the columns into lines with wide gaps ("General Assembly    Security
Council" over "Seventy-ninth session    Eightieth year"). The parser reads the
masthead line by line and cell by cell, keeping the organ named at the head of
each column so that a session or year below it is credited to that organ, and
then reads the agenda block: the item numbers, then the item titles, which
are wrapped over several lines and separated (usually) by blank lines.

The masthead ends where the title begins: a line that opens like a title
("Letter dated …", "Note verbale dated …", "Report of …", "Resolution 2770
(2025)"), or, failing that, the first block that is none of the masthead's
known lines.
*/

use std::sync::LazyLock;

use regex::Regex;
use undoc_model::{AgendaItem, Distribution, DocType};

use crate::languages;

use crate::lines::{Line, re};
use crate::vocab::{self, SessionLine};

/// What the masthead says, before it is turned into record fields.
#[derive(Debug, Default)]
pub struct Masthead {
    pub symbols: Vec<String>,
    pub distribution: Option<Distribution>,
    pub date: Option<String>,
    pub original_language: Option<String>,
    /// The language line of a translation ("English" above "Original: French").
    pub language: Option<String>,
    /// Organs named in the masthead, in order of first appearance.
    pub organs: Vec<&'static str>,
    /// Sessions and years, each with the organ heading its column, if known.
    pub sessions: Vec<(Option<&'static str>, SessionLine)>,
    pub agenda: Vec<AgendaItem>,
    pub title: Option<String>,
    /// The blocks `title` joins, each as printed: what `crate::title` picks from.
    pub title_parts: Vec<String>,
    /// "Note by the Secretary-General" and the like, under the title.
    pub subtitle: Option<String>,
    /// The title of the letter a document consists of, when the document
    /// has a title of its own above it ("Request for the inclusion of an item …").
    pub letter_title: Option<String>,
    /// Index (into the lines) of the first line after the title.
    pub body_start: usize,
    /// A "Distr." label seen with its value still to come on a line of its own
    /// (1990s mastheads: "Distr." / "GENERAL").
    distribution_label: bool,
    /// A line that is a session and nothing more ("Third session") has been
    /// read: the name above it is complete (unlike "Third Meeting of States
    /// Parties to the", which the treaty's name continues).
    session_closed: bool,
}

static DISTRIBUTION: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^Distr\.?\s*:?\s*(General|Limited|Restricted)\b"));
static ORIGINAL: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^Original\s*:\s*([A-Za-z]+)"));
/// "Agenda items 15, 34 and 135", "Item 116 (c) of the preliminary list*",
/// "Provisional agenda item 5", "Items 3 and 4 of the provisional agenda".
static AGENDA: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:provisional\s+)?(?:agenda\s+)?items?\s+(\d[\d\s,()a-z*]*?(?:\s*(?:and|,)\s*\d[\d\s()a-z]*)*)\s*(of the (?:preliminary list|provisional agenda|annotated preliminary list))?\s*\**\s*$",
    )
});
/// The openings of document titles.
static TITLE_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:(?:Identical |Joint )?[Ll]etters? dated|(?:Identical )?[Nn]otes? verbales? dated|Note by the|Report of the|Report by the|Report on the|Resolution \d+|Draft resolution|Draft decision|Decision \d|Provisional agenda|Annotated provisional agenda|Summary statement by|Letter from|Note verbale from|Statement by|Programme of work|Summary record|Provisional summary record|\d+(?:st|nd|rd|th) (?:plenary )?[Mm]eeting)",
    )
});

pub fn is_title_lead(text: &str) -> bool {
    TITLE_LEAD.is_match(text)
}

/// Title openings that no agenda item title shares ("Report of the …" can be both).
fn is_strong_title_lead(text: &str) -> bool {
    static STRONG: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"^(?:(?:Identical |Joint )?[Ll]etters? dated|(?:Identical )?[Nn]otes? verbales? dated|Resolution \d+|Draft resolution|Decision \d|Summary statement by|\d+(?:st|nd|rd|th) (?:plenary )?meeting)",
        )
    });
    STRONG.is_match(text)
}

/// Parses the masthead from the lines of the document's first page(s).
pub fn parse(lines: &[Line]) -> Masthead {
    let mut m = Masthead::default();
    let mut headers: Vec<&'static str> = Vec::new();
    let mut i = 0;
    let mut saw_masthead_line = false;
    let mut agenda_blocks_under_headers = 0;
    while i < lines.len() {
        let line = &lines[i];
        if line.is_blank() || line.footnote {
            i += 1;
            continue;
        }
        if is_title_lead(&line.text) {
            break;
        }
        // The verbatim-record notice ("This record contains the text of speeches …") is boilerplate.
        if line.text.starts_with("This record contains") {
            while i < lines.len() && !lines[i].is_blank() {
                i += 1;
            }
            continue;
        }
        // An organ's name stacked in its column over lines, beside its French
        // name (1948: "ECONOMIC" / "AND" / "SOCIAL COUNCIL"): the lines below
        // hold nothing else the masthead needs.
        if let Some((prefix, below)) = stacked_organ(lines, i) {
            if !m.organs.contains(&prefix) {
                m.organs.push(prefix);
            }
            headers = vec![prefix];
            for cell in line.cells().into_iter().skip(1) {
                read_cell(cell, true, &mut m);
            }
            saw_masthead_line = true;
            i = below;
            continue;
        }
        let wide = line.cells();
        // An agenda line in another language, read as its English form.
        let translated = wide
            .first()
            .and_then(|c| languages::agenda_line_in_english(c))
            .or_else(|| languages::agenda_line_in_english(&line.text));
        let agenda = wide
            .first()
            .and_then(|c| AGENDA.captures(c))
            .or_else(|| AGENDA.captures(&line.text))
            .or_else(|| translated.as_deref().and_then(|t| AGENDA.captures(t)));
        let mut known = false;
        let mut row_headers: Vec<&'static str> = Vec::new();
        let mut row_sessions = Vec::new();
        let narrow = line.narrow_cells();
        let cells = if agenda.is_none()
            && wide.len() == 1
            && narrow.len() > 1
            && !narrow.iter().any(|c| c.len() > 60)
        {
            narrow
        } else {
            wide
        };
        for (column, cell) in cells
            .into_iter()
            .enumerate()
            .skip(usize::from(agenda.is_some()))
        {
            // The issue date stands in the right-hand column, session dates on the left.
            let right_column = column > 0 || line.indent >= 40;
            if let Some(kind) = read_cell(cell, right_column, &mut m) {
                known = true;
                match kind {
                    Cell::Organ(prefix) => row_headers.push(prefix),
                    Cell::Session(s) => row_sessions.push(s),
                    Cell::Other => {}
                }
            }
        }
        if !row_headers.is_empty() {
            for p in &row_headers {
                if !m.organs.contains(p) {
                    m.organs.push(p);
                }
            }
            headers = row_headers;
            agenda_blocks_under_headers = 0;
        }
        let columns = row_sessions.len();
        for (col, s) in row_sessions.into_iter().enumerate() {
            let organ = if columns > 1 {
                headers.get(col).copied()
            } else {
                headers.last().copied()
            };
            m.sessions.push((organ, s));
        }
        if known && agenda.is_none() {
            saw_masthead_line = true;
            i += 1;
            continue;
        }
        if let Some(caps) = agenda {
            let (list, next) = agenda_list(lines, i, caps.get(1).map_or("", |c| c.as_str()));
            let preliminary = caps.get(2).is_some();
            // Side-by-side agenda blocks (GA | ECOSOC) belong to their columns in turn.
            let organ = headers
                .get(agenda_blocks_under_headers)
                .or(headers.first())
                .copied();
            agenda_blocks_under_headers += 1;
            let start = m.agenda.len();
            for (number, sub) in list {
                m.agenda.push(AgendaItem {
                    organ: organ.unwrap_or_default().to_owned(),
                    number,
                    sub,
                    title: None,
                    preliminary,
                });
            }
            i = agenda_titles(lines, next, &mut m.agenda[start..]);
            saw_masthead_line = true;
            continue;
        }
        // The name of the body meeting, with its session or its dates and
        // place on the next line ("Special Committee on Peacekeeping
        // Operations" / "New York, 17 February–14 March 2025").
        if heads_a_session(lines, i) || ACTION_MARK.is_match(&line.text) {
            saw_masthead_line = true;
            i += 1;
            continue;
        }
        // Not a masthead line: the title, if the masthead has begun. Above
        // the distribution and date stand only the issuing body's name (wrapped
        // over lines, "Executive Board of the" / "United Nations Development
        // Programme, …") and logos, never the title.
        // A session line comes below the body's name too: what follows it
        // may be the title (1948 papers print no date or distribution above it).
        let top = m.distribution.is_none() && m.date.is_none() && !m.session_closed && i < 40;
        if saw_masthead_line && !top {
            break;
        }
        i += 1;
    }
    // No masthead at all (a plain note, a README): the text starts at the top.
    read_title(lines, if saw_masthead_line { i } else { 0 }, &mut m);
    m
}

/// An organ's name whose words stand in the first column of two or three
/// lines from `i`: its symbol prefix and the index after its last line.
fn stacked_organ(lines: &[Line], i: usize) -> Option<(&'static str, usize)> {
    let first = lines[i].cells().first().copied()?.trim();
    if first.is_empty() || vocab::organ_prefix_of_name(first).is_some() {
        return None;
    }
    let mut name = first.to_owned();
    let mut at = i + 1;
    for _ in 0..2 {
        while at < lines.len() && lines[at].is_blank() {
            at += 1;
        }
        let next = lines.get(at)?.cells().first().copied()?.trim();
        name.push(' ');
        name.push_str(next);
        at += 1;
        if let Some(prefix) = vocab::organ_prefix_of_name(&name) {
            return Some((prefix, at));
        }
    }
    None
}

/// "For decision", "For information", "For action": a marker in UNICEF and
/// UNDP mastheads.
static ACTION_MARK: LazyLock<Regex> =
    LazyLock::new(|| re(r"^For (?:decision|information|action|discussion)$"));

/// Whether line `i` names a body whose session line, or session dates and
/// place, follow it.
fn heads_a_session(lines: &[Line], i: usize) -> bool {
    let line = &lines[i];
    if line.text.len() > 120 || line.text.ends_with(['.', ',', ':']) || is_title_lead(&line.text) {
        return false;
    }
    // The name may wrap: look down the block (and past one blank line) for the session.
    let mut blanks = 0;
    for next in lines[i + 1..].iter().take(8) {
        if next.is_blank() {
            blanks += 1;
            if blanks > 1 {
                return false;
            }
            continue;
        }
        if next
            .cells()
            .into_iter()
            .any(|c| vocab::session_line(c).is_some() || session_dates(c))
        {
            return true;
        }
        if next.text.ends_with(['.', ',', ':']) || is_title_lead(&next.text) {
            return false;
        }
    }
    false
}

enum Cell {
    Organ(&'static str),
    Session(SessionLine),
    Other,
}

/// Reads one masthead cell into `m`; `None` when it is not a masthead cell.
fn read_cell(cell: &str, right_column: bool, m: &mut Masthead) -> Option<Cell> {
    let cell = cell.trim();
    // "General Assembly Distr." (1997): the label rides on the organ's line.
    for label in ["Distr.", "Dist.", "Distr"] {
        if let Some(rest) = cell.strip_suffix(label) {
            m.distribution_label = true;
            let rest = rest.trim();
            return if rest.is_empty() {
                Some(Cell::Other)
            } else {
                read_cell(rest, right_column, m).or(Some(Cell::Other))
            };
        }
    }
    if m.distribution.is_none() {
        let lone = match cell {
            "GENERAL" | "General" if m.distribution_label => Some(Distribution::General),
            "LIMITED" | "Limited" if m.distribution_label => Some(Distribution::Limited),
            "RESTRICTED" | "Restricted" if m.distribution_label => Some(Distribution::Restricted),
            // The 1940s marking for what later mastheads call general distribution.
            "UNRESTRICTED" => Some(Distribution::General),
            _ => None,
        };
        if lone.is_some() {
            m.distribution = lone;
            return Some(Cell::Other);
        }
    }
    if let Some(prefix) = vocab::organ_prefix_of_name(cell).or_else(|| languages::organ(cell)) {
        return Some(Cell::Organ(prefix));
    }
    if let Some(s) = vocab::session_line(cell).or_else(|| languages::session_line(cell)) {
        m.session_closed |= cell
            .trim_end_matches([',', '*', ' '])
            .to_lowercase()
            .ends_with("session");
        return Some(Cell::Session(s));
    }
    // The other official languages' distribution, original-language and date lines.
    if let Some(d) = languages::distribution(cell) {
        m.distribution = Some(d);
        return Some(Cell::Other);
    }
    if let Some(code) = languages::original(cell) {
        m.original_language = Some(code.to_owned());
        return Some(Cell::Other);
    }
    if let Some(date) = languages::date(cell)
        && !cell.contains('–')
    {
        if m.date.is_none() && m.sessions.is_empty() {
            m.date = Some(date);
        }
        return Some(Cell::Other);
    }
    if languages::is_un_name(cell) {
        return Some(Cell::Other);
    }
    if cell.eq_ignore_ascii_case("United Nations")
        || is_main_committee(cell)
        || cell == "Official Records"
        || cell == "Nations Unies"
    {
        return Some(Cell::Other);
    }
    if let Some(rest) = cell.strip_prefix("United Nations ") {
        return read_symbols(rest, m).then_some(Cell::Other);
    }
    if let Some(c) = DISTRIBUTION.captures(cell) {
        m.distribution = match c[1].to_ascii_lowercase().as_str() {
            "general" => Some(Distribution::General),
            "limited" => Some(Distribution::Limited),
            _ => Some(Distribution::Restricted),
        };
        return Some(Cell::Other);
    }
    if let Some(code) = vocab::language_code(cell).or_else(|| undoc_lang::named(cell)) {
        // The language of this version, printed above "Original:" when it differs.
        m.language = Some(code.to_owned());
        return Some(Cell::Other);
    }
    // "English only": issued in one language, which is therefore its original.
    if let Some(language) = cell
        .strip_suffix(" only")
        .and_then(|l| vocab::language_code(l.trim()))
    {
        m.original_language = Some(language.to_owned());
        return Some(Cell::Other);
    }
    if let Some(c) = ORIGINAL.captures(cell) {
        m.original_language = vocab::original_language_code(&c[1]).map(str::to_owned);
        return Some(Cell::Other);
    }
    if let Some(date) = vocab::date_line(cell)
        && cell.len() <= 40
        && !cell.contains(" to ")
    {
        // The first lone date is the issue date; later ones are session
        // dates, unless it stands in the issue date's column, or no
        // "Distr." line has come, under which the issue date stands (a meeting
        // of States parties named above it, TPNW/MSP/2025/WP.4).
        if m.date.is_none() && (m.sessions.is_empty() || right_column || m.distribution.is_none()) {
            m.date = Some(date);
        }
        return Some(Cell::Other);
    }
    if session_dates_or_place(cell) {
        return Some(Cell::Other);
    }
    if m.title.is_none() && read_symbols(cell, m) {
        return Some(Cell::Other);
    }
    None
}

/// The General Assembly's Main Committees, named under the session on their
/// drafts and reports ("Third Committee", "Special Political and
/// Decolonization Committee (Fourth Committee)").
fn is_main_committee(cell: &str) -> bool {
    const ORDINALS: [&str; 6] = ["First", "Second", "Third", "Fourth", "Fifth", "Sixth"];
    let cell = cell.trim_end_matches('*').trim();
    cell.strip_suffix(" Committee")
        .is_some_and(|ordinal| ORDINALS.contains(&ordinal))
        || cell == "Special Political and Decolonization Committee (Fourth Committee)"
}

/// Lines such as "16 June–11 July 2025", "Geneva, 16 June–11 July 2025",
/// "New York, 5–9 May 2025", "English only", "Reissued for technical reasons".
fn session_dates_or_place(cell: &str) -> bool {
    session_dates(cell)
        || cell.eq_ignore_ascii_case("English only")
        || cell.starts_with("Reissued for technical reasons")
        || cell.starts_with("Arabic, Chinese, English")
}

/// "16 June–11 July 2025", "New York, 17 February–14 March 2025", "2 to 5
/// June 2025, New York", "19–23, 28 and 29 May and 5 June 2025": only days,
/// months, years and the words between them, with a place before or after.
fn session_dates(cell: &str) -> bool {
    let mut months = 0;
    let mut years = 0;
    let mut days = 0;
    let parts: Vec<&str> = cell.split(',').map(str::trim).collect();
    let is_place = |p: &str| {
        !p.is_empty()
            && p.split(' ').count() <= 3
            && p.split(' ')
                .all(|w| w.starts_with(|c: char| c.is_uppercase()))
            && !p.split(' ').any(|w| {
                undoc_model::MONTHS
                    .iter()
                    .any(|m| m.eq_ignore_ascii_case(w))
            })
    };
    // Places lead ("Nice, France, 9–13 June 2025") or trail ("…, New York").
    let leading = parts
        .iter()
        .take_while(|p| is_place(p))
        .count()
        .min(parts.len().saturating_sub(1));
    for (k, part) in parts.iter().enumerate().skip(leading) {
        if k + 1 == parts.len() && parts.len() > 1 && is_place(part) {
            continue;
        }
        // Arabic names a month twice, joined by a slash ("تموز/يوليه").
        for word in part.split(|c: char| c.is_whitespace() || matches!(c, '–' | '—' | '-' | '/'))
        {
            match word {
                "" => {}
                w if is_month(w) => months += 1,
                w if is_period_word(w) => {}
                w if w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()) => years += 1,
                w if w.len() <= 2 && w.bytes().all(|b| b.is_ascii_digit()) => days += 1,
                _ => return false,
            }
        }
    }
    // A lone date is the issue date, read elsewhere; a session runs over several days.
    months >= 1 && years >= 1 && days >= 2
}

/// A month's name in any language undoc reads.
fn is_month(word: &str) -> bool {
    undoc_model::MONTHS
        .iter()
        .any(|m| m.eq_ignore_ascii_case(word))
        || undoc_lang::LANGUAGES
            .iter()
            .any(|l| l.month(word).is_some())
}

/// A word that joins a period's days and months ("and", "au", "по"), or
/// that a date carries ("de", "года"), in any language.
fn is_period_word(word: &str) -> bool {
    let lower = word.to_lowercase();
    undoc_lang::LANGUAGES
        .iter()
        .any(|l| l.range_words.contains(&lower.as_str()) || l.date_words.contains(&lower.as_str()))
}

/// Reads symbol cells ("A/79/818-S/2025/156", "S/RES/2770 (2025)", "A/79/PV.29*").
fn read_symbols(cell: &str, m: &mut Masthead) -> bool {
    let cell = cell.trim().trim_end_matches('*').trim();
    let Some(parts) = undoc_symbol::split_joint(cell) else {
        return false;
    };
    for p in parts {
        if !m.symbols.contains(&p) {
            m.symbols.push(p);
        }
    }
    true
}

/// The item numbers of an agenda line, continued on the next line when it
/// wraps ("Agenda items 14, 32, 60,\nand 132"). Returns the items and the
/// index of the first line after the list.
fn agenda_list(lines: &[Line], at: usize, first: &str) -> (Vec<(u32, Option<String>)>, usize) {
    static CONTINUATION: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"^(?:and\s+)?\d{1,3}(?:\s*\([a-z]\))?(?:\s*(?:,|and)\s*\d{1,3}(?:\s*\([a-z]\))?)*\s*\**$",
        )
    });
    let mut text = first.to_owned();
    let mut next = at + 1;
    while let Some(line) = lines.get(next) {
        let trimmed = text.trim_end();
        let open = trimmed.ends_with(',') || trimmed.ends_with("and");
        if !line.is_blank()
            && (open || line.text.starts_with("and "))
            && CONTINUATION.is_match(&line.text)
        {
            text.push(' ');
            text.push_str(&line.text);
            next += 1;
        } else {
            break;
        }
    }
    (item_numbers(&text), next)
}

/// "14, 32 and 72 (b)" → [(14, None), (32, None), (72, Some("b"))];
/// "69 (a) and (b)" → [(69, a), (69, b)].
pub fn item_numbers(list: &str) -> Vec<(u32, Option<String>)> {
    static TOKEN: LazyLock<Regex> = LazyLock::new(|| re(r"(\d{1,3})|\(([a-z]{1,4})\)"));
    let mut items: Vec<(u32, Option<String>)> = Vec::new();
    let mut last_number: Option<u32> = None;
    let mut last_was_number_without_sub = false;
    for caps in TOKEN.captures_iter(list) {
        if let Some(n) = caps.get(1).and_then(|m| m.as_str().parse().ok()) {
            items.push((n, None));
            last_number = Some(n);
            last_was_number_without_sub = true;
        } else if let (Some(sub), Some(n)) = (caps.get(2), last_number) {
            let sub = Some(sub.as_str().to_owned());
            if last_was_number_without_sub {
                if let Some(last) = items.last_mut() {
                    last.1 = sub;
                }
            } else {
                items.push((n, sub));
            }
            last_was_number_without_sub = false;
        }
    }
    items
}

/// Reads the item titles after the agenda list into `items` and returns the
/// index where the title of the document begins.
fn agenda_titles(lines: &[Line], start: usize, items: &mut [AgendaItem]) -> usize {
    // Blocks of consecutive lines, up to the first line that cannot be an item title.
    let mut blocks: Vec<Vec<usize>> = Vec::new();
    let mut current: Vec<usize> = Vec::new();
    let mut i = start;
    let mut stop = lines.len();
    while i < lines.len() {
        let line = &lines[i];
        if line.is_blank() {
            if !current.is_empty() {
                blocks.push(std::mem::take(&mut current));
            }
            i += 1;
            continue;
        }
        let text = line.text.as_str();
        // An organ name heads a new column only with its session under it;
        // alone it is part of a title ("… election of members of the" / "Human Rights Council").
        let next_is_session = lines[i + 1..]
            .iter()
            .find(|l| !l.is_blank())
            .is_some_and(|l| {
                l.cells()
                    .into_iter()
                    .any(|c| vocab::session_line(c).is_some())
            });
        let masthead_line = line.cells().into_iter().any(|c| {
            (vocab::organ_prefix_of_name(c).is_some() && next_is_session)
                || vocab::session_line(c).is_some()
        }) || AGENDA.is_match(text);
        // Titles are set off by indentation; agenda item titles never are,
        // except in the capitals of the 1990s layouts, centred under the item
        // line (A/52/621), above a title in ordinary case.
        let indented_title = line.indent >= 4 && !crate::text::is_all_caps(text);
        if is_strong_title_lead(text) || masthead_line || indented_title || line.footnote {
            stop = i;
            break;
        }
        current.push(i);
        i += 1;
    }
    if !current.is_empty() {
        blocks.push(current);
    }
    let wanted = items.len();
    // A block that continues the previous one's sentence belongs to it.
    let mut merged: Vec<Vec<usize>> = Vec::new();
    for block in blocks {
        let continues = lines[block[0]]
            .text
            .chars()
            .next()
            .is_some_and(char::is_lowercase);
        match merged.last_mut() {
            Some(last) if continues => last.extend(block),
            _ => merged.push(block),
        }
    }
    // Fewer blocks than items: split blocks where a line opens a new title.
    while merged.len() < wanted {
        let Some((b, at)) = best_split(lines, &merged) else {
            break;
        };
        let tail = merged[b].split_off(at);
        merged.insert(b + 1, tail);
    }
    // More blocks than items: the rest is the document's title.
    if merged.len() > wanted {
        if wanted == 0 {
            return start;
        }
        stop = merged[wanted][0];
        merged.truncate(wanted);
    }
    for (item, block) in items.iter_mut().zip(&merged) {
        item.title = Some(crate::text::join_lines(
            block.iter().map(|&i| lines[i].text.as_str()),
        ));
    }
    stop
}

/// Where to split a block of item titles in two: after a line that could end
/// a title, before one that opens with a capital. Prefers the first such place.
fn best_split(lines: &[Line], blocks: &[Vec<usize>]) -> Option<(usize, usize)> {
    const CARRY_ON: [&str; 12] = [
        "of",
        "and",
        "the",
        "for",
        "in",
        "on",
        "to",
        "with",
        "against",
        "including",
        "its",
        "a",
    ];
    const CONTINUES: [&str; 8] = ["under", "by", "from", "at", "their", "an", "as", "or"];
    for (b, block) in blocks.iter().enumerate() {
        for at in 1..block.len() {
            let prev = lines[block[at - 1]].text.as_str();
            let next = lines[block[at]].text.as_str();
            let last_word = prev.rsplit(' ').next().unwrap_or_default().to_lowercase();
            let ends_open =
                prev.ends_with([',', ':', ';', '-']) || CARRY_ON.contains(&last_word.as_str());
            // In capitals every line opens with a capital: a line opening with
            // a word that carries on ("UNDER COLONIAL DOMINATION") continues.
            let caps = crate::text::is_all_caps(prev) && crate::text::is_all_caps(next);
            let next_word = next.split(' ').next().unwrap_or_default().to_lowercase();
            let carries_on = caps
                && (CARRY_ON.contains(&next_word.as_str())
                    || CONTINUES.contains(&next_word.as_str()));
            if !ends_open && !carries_on && next.chars().next().is_some_and(char::is_uppercase) {
                return Some((b, at));
            }
        }
    }
    None
}

static SUBTITLE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:(?:Note|Report|Letter|Memorandum) (?:by|of) the (?:Secretary-General|Secretariat|President|Chair|Director-General|Executive Director|Administrator|High Commissioner)[^.]{0,80}|Adopted by the [^.]{0,120})$",
    )
});

static SECTION_HEADING: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(?:[IVXL]{1,5}|[A-H]|\d{1,2})\.\s+\S"));

/// Whether a title is a meeting's ("107th plenary meeting", "8422nd meeting").
pub fn is_meeting_title(title: &str) -> bool {
    MEETING_TITLE.is_match(title)
}

static MEETING_TITLE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^\d+(?:st|nd|rd|th) (?:plenary )?meeting$"));

static LETTER_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^(?i:(?:Identical |Joint )?letters? dated|(?:Identical )?notes? verbales? dated)")
});

/// Reads the title blocks from `start`: the title itself, then perhaps a
/// subtitle ("Note by the Secretary-General") or the title of the letter the
/// document consists of. Sets the body start after them.
fn read_title(lines: &[Line], start: usize, m: &mut Masthead) {
    let mut at = start;
    let mut titles: Vec<String> = Vec::new();
    while let Some((text, end, indent)) = next_block(lines, at) {
        let first = titles.is_empty();
        // A logo's stray marks ("J ,", S/2024/228) are no title.
        if first && text.chars().filter(|c| c.is_alphanumeric()).count() < 2 {
            at = end;
            continue;
        }
        // A numbered section heading ("I. INTRODUCTION", A/52/620) opens the body.
        if !first && SECTION_HEADING.is_match(&text) {
            break;
        }
        // A letter's title, in any language ("Lettre datée du …", "…给秘书长的信").
        let letter = LETTER_LEAD.is_match(&text)
            || matches!(
                languages::doc_type_of_title(&text),
                Some(DocType::Letter | DocType::IdenticalLetters | DocType::NoteVerbale)
            );
        let subtitle = !first && SUBTITLE.is_match(&text);
        // PDF titles are set off by indentation; paragraphs open at 2 spaces.
        let set_off =
            indent >= 4 || (indent == 0 && lines[at..end].iter().all(|l| l.indent == 0) && letter);
        let ends_open_line = !text.ends_with(['.', ',', ';', ':', '。', '，', '；', '：']);
        // A draft's own title follows the line saying who submitted it
        // ("…: draft resolution" / "59/… Human rights and climate change",
        // A/HRC/59/L.17), set off or not.
        let after_draft = titles
            .last()
            .is_some_and(|t| crate::title::is_submission_line(t))
            && !crate::title::is_preamble_opening(&text);
        let more = first || letter || subtitle || ((set_off || after_draft) && ends_open_line);
        if !more || (end - at) > 12 {
            break;
        }
        at = end;
        if letter {
            if first {
                titles.push(text);
            } else {
                m.letter_title = Some(text);
            }
            break;
        } else if subtitle {
            m.subtitle = Some(text);
        } else {
            titles.push(text);
        }
        if titles.len() >= 3 {
            break;
        }
    }
    m.title = (!titles.is_empty()).then(|| titles.join(": "));
    m.title_parts = titles;
    m.body_start = at;
}

/// The block of lines starting at or after `start`: its text, the index after
/// it, and the indentation of its first line.
fn next_block(lines: &[Line], start: usize) -> Option<(String, usize, usize)> {
    let mut i = start;
    while i < lines.len() && lines[i].is_blank() {
        i += 1;
    }
    let first = i;
    let mut parts: Vec<&str> = Vec::new();
    while i < lines.len() && !lines[i].is_blank() && !lines[i].footnote && parts.len() < 12 {
        // A paragraph opening right under the title (no blank line) is body.
        if !parts.is_empty() && lines[i].indent >= 2 && lines[first].indent < lines[i].indent {
            break;
        }
        parts.push(lines[i].text.as_str());
        i += 1;
        // A meeting record's title is one line; date and place follow it.
        if parts.len() == 1 && MEETING_TITLE.is_match(&lines[i - 1].text) {
            break;
        }
    }
    if parts.is_empty() {
        return None;
    }
    Some((crate::text::join_lines(parts), i, lines[first].indent))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agenda_numbers() {
        let n = |s: &str| item_numbers(s);
        assert_eq!(
            n("15, 34 and 135"),
            vec![(15, None), (34, None), (135, None)]
        );
        assert_eq!(
            n("34, 35, 49 and 72 (b)").last(),
            Some(&(72, Some("b".into())))
        );
        assert_eq!(
            n("69 (a) and (b)"),
            vec![(69, Some("a".into())), (69, Some("b".into()))]
        );
        assert_eq!(n("116 (c)"), vec![(116, Some("c".into()))]);
    }

    #[test]
    fn agenda_line_shapes() {
        for line in [
            "Agenda items 15, 34, 35, 40, 64, 70, 72, 86 and 135",
            "Agenda item 75",
            "Item 73 (a) of the preliminary list*",
            "Agenda items 34, 35, 49 and 72 (b)",
            "Provisional agenda item 5",
            "Items 3 and 4 of the provisional agenda",
        ] {
            assert!(AGENDA.is_match(line), "{line}");
        }
        assert!(!AGENDA.is_match("Item of business"));
    }

    #[test]
    fn session_date_lines() {
        for cell in [
            "16 June–11 July 2025",
            "New York, 17 February–14 March 2025",
            "2 to 5 June 2025, New York",
            "19–23, 28 and 29 May and 5 June 2025",
            "25 July 2024–30 July 2025",
            // The same masthead lines in French, Spanish, Russian and Arabic.
            "25 juillet 2024-30 juillet 2025",
            "16 juin-11 juillet 2025",
            "Genève, 16 juin-11 juillet 2025",
            "16 de junio a 11 de julio de 2025",
            "25 июля 2024 года — 30 июля 2025 года",
            "25 تموز/يوليه 2024 - 30 تموز/يوليه 2025",
            "Nice, France, 9–13 June 2025",
        ] {
            assert!(session_dates(cell), "{cell}");
        }
        assert!(!session_dates("12 March 2025"));
        assert!(!session_dates("Culture of peace"));
    }

    #[test]
    fn title_leads() {
        assert!(is_title_lead(
            "Letter dated 7 May 2021 from the Permanent Representative of"
        ));
        assert!(is_title_lead(
            "Identical letters dated 8 January 2025 from the Secretary-General"
        ));
        assert!(is_title_lead(
            "Note verbale dated 18 August 2025 from the Permanent Mission of"
        ));
        assert!(is_title_lead("Resolution 2770 (2025)"));
        assert!(!is_title_lead("Culture of peace"));
    }
}
