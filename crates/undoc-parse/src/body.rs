/*!
The body: from lines to paragraphs.

Blocks of lines separated by blank lines are paragraphs, with three repairs
and one classification:
- a paragraph cut by a page break is joined again: the part before the break
  ends mid-sentence, or the part after starts in lower case, or (PDF) the
  first line after the break is not indented like a paragraph opening;
- footnotes (below the rule of underscores) are taken out of the running text
  and put back, as `footnote` paragraphs, after the paragraph that was open
  when their page ended;
- signature blocks ("(Signed) …" and the titles under it) keep their lines;
- each paragraph gets a kind: body, quote, heading, list item, signature,
  annex heading or footnote.
*/

use std::sync::LazyLock;

use regex::Regex;
use undoc_model::{Paragraph, ParagraphKind};

use crate::lines::{Line, re};
use crate::text::{ends_sentence, join_lines, starts_lowercase};

/// A paragraph with the lines it came from (signatures need their columns).
#[derive(Debug, Clone)]
pub struct Block<'a> {
    pub lines: Vec<&'a Line>,
    pub kind: ParagraphKind,
    pub text: String,
}

static FOOTNOTE_START: LazyLock<Regex> = LazyLock::new(|| re(r"^(?:\d{1,3}|\*{1,3}|[a-z])\s+\S"));
static LIST_ITEM: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^(?:\((?:[a-z]{1,2}|[ivxlc]{1,6}|\d{1,2})\)|[a-z]\)|[•●▪◦■–-]|\d{1,2}\))\s")
});
/// An annex heading in any language: "Annex", "Annexe à la lettre…",
/// "Приложение к письму…", "…的信的附件".
static ANNEX: LazyLock<Regex> = LazyLock::new(|| {
    let mut opening = Vec::new();
    let mut ending = Vec::new();
    for l in undoc_lang::LANGUAGES {
        let words = l.letters.annex.iter().map(|w| regex::escape(w));
        match l.letters.annex_at {
            undoc_lang::Affix::Start => opening.extend(words),
            undoc_lang::Affix::End => ending.extend(words),
        }
    }
    let mut pattern = format!(
        r"^(?:{})(?:es|s)?(?:\s+[IVXLC\d]+)?(?:\s|$)",
        opening.join("|")
    );
    if !ending.is_empty() {
        pattern.push_str(&format!(
            r"|^\S*(?:{})[一二三四五六七八九十]*$",
            ending.join("|")
        ));
    }
    re(&pattern)
});
/// A signature line in any language: "(Signed)", "(Signé)", "(Подпись)", "（签名）".
static SIGNED: LazyLock<Regex> = LazyLock::new(|| {
    let marks: Vec<String> = undoc_lang::LANGUAGES
        .iter()
        .flat_map(|l| l.letters.signed)
        .map(|mark| {
            // Spaces inside the parentheses vary: "( Signed )".
            let inner = mark
                .trim_start_matches(['(', '（'])
                .trim_end_matches([')', '）'])
                .trim();
            format!(r"[(（]\s*{}\s*[)）]", regex::escape(inner))
        })
        .collect();
    re(&format!("^(?:{})", marks.join("|")))
});
static QUOTE_INTRO: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:stated|said|declared|reads?|reading|noted|stressed|emphasized|underlined|affirmed|announced|wrote|as follows|following (?:statement|words|message|declaration|text))\b",
    )
});

/// Paragraphs of the body, in reading order.
pub fn paragraphs(lines: &[Line], pdf: bool) -> Vec<Block<'_>> {
    let (body, footnotes) = blocks(lines, pdf);
    let mut body = join_across_breaks(body, pdf);
    classify(&mut body);
    // Footnotes of page p go after the last paragraph that began on or before p.
    let mut out: Vec<Block<'_>> = Vec::with_capacity(body.len() + footnotes.len());
    let mut pending = footnotes.into_iter().peekable();
    let mut body = body.into_iter().peekable();
    while let Some(block) = body.next() {
        out.push(block);
        let next_start = body.peek().map(|b| b.lines[0].page);
        while let Some(f) = pending.peek() {
            let page = f.lines[0].page;
            if next_start.is_some_and(|next| next <= page) {
                break;
            }
            out.extend(pending.next());
        }
    }
    out.extend(pending);
    out
}

fn close<'a>(lines: &mut Vec<&'a Line>) -> Option<Vec<&'a Line>> {
    (!lines.is_empty()).then(|| std::mem::take(lines))
}

/// Splits lines into body blocks and footnote blocks.
fn blocks(lines: &[Line], pdf: bool) -> (Vec<Block<'_>>, Vec<Block<'_>>) {
    let mut body: Vec<Block<'_>> = Vec::new();
    let mut notes: Vec<Block<'_>> = Vec::new();
    let mut current: Vec<&Line> = Vec::new();
    let mut current_note: Vec<&Line> = Vec::new();
    for line in lines {
        if line.footnote {
            if line.is_blank() {
                continue;
            }
            if FOOTNOTE_START.is_match(&line.text) && line.indent >= 1 {
                notes.extend(close(&mut current_note).map(footnote_block));
            }
            current_note.push(line);
            continue;
        }
        notes.extend(close(&mut current_note).map(footnote_block));
        if line.is_blank() {
            body.extend(close(&mut current).map(plain_block));
            continue;
        }
        let opens_paragraph = pdf
            && current
                .last()
                .is_some_and(|prev| prev.indent == 0 && line.indent >= 2 && !prev.heading);
        let signed = SIGNED.is_match(&line.text);
        let after_signature = current.first().is_some_and(|l| SIGNED.is_match(&l.text));
        if opens_paragraph
            || (signed && !after_signature)
            || line.heading != current.last().is_some_and(|l| l.heading) && !current.is_empty()
        {
            body.extend(close(&mut current).map(plain_block));
        }
        current.push(line);
    }
    body.extend(close(&mut current).map(plain_block));
    notes.extend(close(&mut current_note).map(footnote_block));
    (body, notes)
}

fn plain_block(lines: Vec<&Line>) -> Block<'_> {
    let kind = if lines.iter().all(|l| l.quote) {
        ParagraphKind::Quote
    } else if lines.iter().all(|l| l.heading) {
        ParagraphKind::Heading
    } else {
        ParagraphKind::Body
    };
    let text = join_lines(lines.iter().map(|l| l.text.as_str()));
    Block { lines, kind, text }
}

fn footnote_block(lines: Vec<&Line>) -> Block<'_> {
    let text = join_lines(lines.iter().map(|l| l.text.as_str()));
    Block {
        lines,
        kind: ParagraphKind::Footnote,
        text,
    }
}

/// Joins paragraphs that a page break (or, in converted markdown, a stray
/// blank line) cut in two.
fn join_across_breaks(blocks: Vec<Block<'_>>, pdf: bool) -> Vec<Block<'_>> {
    let mut out: Vec<Block<'_>> = Vec::with_capacity(blocks.len());
    for block in blocks {
        let join = match out.last() {
            Some(prev)
                if prev.kind == block.kind && !is_signature(prev) && !is_signature(&block) =>
            {
                let first = block.lines[0];
                let page_break = first.page != prev.lines[prev.lines.len() - 1].page;
                let mid_sentence = !ends_sentence(&prev.text) && !looks_like_heading(&prev.text);
                let lower = starts_lowercase(&block.text) && !LIST_ITEM.is_match(&block.text);
                if page_break && pdf {
                    lower
                        || (mid_sentence && !LIST_ITEM.is_match(&block.text))
                        || (first.indent <= 1
                            && !LIST_ITEM.is_match(&block.text)
                            && !looks_like_heading(&block.text)
                            && !looks_like_heading(&prev.text))
                } else {
                    lower && mid_sentence
                }
            }
            _ => false,
        };
        match out.last_mut() {
            Some(prev) if join => {
                prev.text = join_lines([prev.text.as_str(), block.text.as_str()]);
                prev.lines.extend(block.lines);
            }
            _ => out.push(block),
        }
    }
    out
}

fn is_signature(block: &Block<'_>) -> bool {
    block
        .lines
        .first()
        .is_some_and(|l| SIGNED.is_match(&l.text))
}

/// A short line with no closing punctuation: a heading, a salutation line,
/// a table cell.
fn looks_like_heading(text: &str) -> bool {
    text.len() < 160
        && !text.trim_end().ends_with(['.', ',', ';', ':'])
        && text.split(' ').count() <= 20
}

fn classify(blocks: &mut [Block<'_>]) {
    let mut quote_open = false;
    for i in 0..blocks.len() {
        let (before, rest) = blocks.split_at_mut(i);
        let block = &mut rest[0];
        if block.kind != ParagraphKind::Body {
            continue;
        }
        let text = block.text.as_str();
        // Introduced by a colon: a speech verb before it, or a quotation mark opening this one.
        let intro = before.last().is_some_and(|prev| {
            prev.kind == ParagraphKind::Body
                && prev.text.ends_with(':')
                && (QUOTE_INTRO.is_match(&prev.text) || text.starts_with(['“', '"']))
        });
        block.kind = if is_signature(block) {
            ParagraphKind::Signature
        } else if ANNEX.is_match(text) && text.len() < 400 && !text.ends_with('.') {
            ParagraphKind::Annex
        } else if LIST_ITEM.is_match(text) {
            ParagraphKind::ListItem
        } else if quote_open || (intro && !LIST_ITEM.is_match(text)) || wholly_quoted(text) {
            ParagraphKind::Quote
        } else if looks_like_heading(text)
            && block.lines.len() <= 3
            && text
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        {
            ParagraphKind::Heading
        } else {
            ParagraphKind::Body
        };
        if block.kind == ParagraphKind::Signature {
            block.text = block
                .lines
                .iter()
                .map(|l| l.text.as_str())
                .collect::<Vec<_>>()
                .join("\n");
        }
        // A quotation that opens with a quotation mark runs to its closing mark.
        if block.kind == ParagraphKind::Quote {
            let opens = block.text.starts_with('“') || (quote_open && !block.text.contains('”'));
            quote_open = opens && !block.text.trim_end_matches(['.', ' ']).ends_with('”');
        } else {
            quote_open = false;
        }
    }
}

fn wholly_quoted(text: &str) -> bool {
    text.starts_with('“')
        && text.trim_end_matches(['.', ' ']).ends_with('”')
        && text.matches('“').count() == 1
}

/// Record paragraphs from blocks.
pub fn to_paragraphs(blocks: &[Block<'_>]) -> Vec<Paragraph> {
    blocks
        .iter()
        .map(|b| Paragraph {
            kind: b.kind,
            text: b.text.clone(),
            part: None,
        })
        .collect()
}
