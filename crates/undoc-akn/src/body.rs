//! The document's text: preamble, operative paragraphs, annexes and
//! their blocks, as paragraphs of the record.

use roxmltree::Node;
use undoc_model::{Paragraph, ParagraphKind, Part};

use crate::child;

/// The text of an element, whitespace collapsed; footnotes (`authorialNote`)
/// are taken out into `notes` ("1 See resolution 60/251.").
pub(crate) fn text_of(node: Node, notes: &mut Vec<String>) -> String {
    let mut raw = String::new();
    collect_text(node, &mut raw, notes);
    collapse(&raw)
}

pub(crate) fn collect_text(node: Node, out: &mut String, notes: &mut Vec<String>) {
    for n in node.children() {
        if n.is_text() {
            out.push_str(n.text().unwrap_or_default());
            continue;
        }
        if !n.is_element() {
            continue;
        }
        match n.tag_name().name() {
            "authorialNote" | "note" => {
                let mut inner = Vec::new();
                let text = text_of(n, &mut inner);
                let marker = n.attribute("marker").unwrap_or_default();
                notes.push(collapse(&format!("{marker} {text}")));
                notes.extend(inner);
            }
            "eol" | "br" => out.push(' '),
            "noteRef" | "img" => {}
            _ => collect_text(n, out, notes),
        }
    }
}

pub(crate) fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub(crate) fn paragraph(kind: ParagraphKind, text: String, part: Option<Part>) -> Paragraph {
    Paragraph { kind, text, part }
}

/// A block's text as one paragraph, its footnotes after it.
pub(crate) fn push_block(
    out: &mut Vec<Paragraph>,
    kind: ParagraphKind,
    prefix: &str,
    node: Node,
    part: Option<Part>,
) {
    let mut notes = Vec::new();
    let text = text_of(node, &mut notes);
    let text = match (prefix.is_empty(), text.is_empty()) {
        (true, _) => text,
        (false, true) => prefix.to_owned(),
        (false, false) => format!("{prefix} {text}"),
    };
    if !text.is_empty() {
        out.push(paragraph(kind, text, part));
    }
    for note in notes {
        out.push(paragraph(ParagraphKind::Footnote, note, None));
    }
}

/// The preamble and operative part of one resolution.
pub(crate) fn body_of(doc: Node, out: &mut Vec<Paragraph>) {
    if let Some(preamble) = child(doc, "preamble") {
        for n in preamble.children().filter(Node::is_element) {
            blocks(n, Some(Part::Preamble), out);
        }
    }
    if let Some(main) = child(doc, "mainBody").or_else(|| child(doc, "body")) {
        for n in main.children().filter(Node::is_element) {
            blocks(n, Some(Part::Operative), out);
        }
    }
    if let Some(attachments) = child(doc, "attachments") {
        for n in attachments.children().filter(Node::is_element) {
            annex(n, out);
        }
    }
}

/// An annex: its heading, then its text.
pub(crate) fn annex(node: Node, out: &mut Vec<Paragraph>) {
    let inner = node
        .children()
        .find(Node::is_element)
        .filter(|n| n.tag_name().name() == "doc");
    let doc = inner.unwrap_or(node);
    let heading = doc
        .descendants()
        .filter(|n| matches!(n.tag_name().name(), "docTitle" | "docNumber"))
        .map(|n| text_of(n, &mut Vec::new()))
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    out.push(paragraph(
        ParagraphKind::Annex,
        if heading.is_empty() {
            "Annex".to_owned()
        } else {
            heading
        },
        None,
    ));
    if let Some(main) = child(doc, "mainBody") {
        for n in main.children().filter(Node::is_element) {
            blocks(n, None, out);
        }
    }
}

/// One element of a resolution's body, as paragraphs.
pub(crate) fn blocks(node: Node, part: Option<Part>, out: &mut Vec<Paragraph>) {
    let name = node.tag_name().name();
    match name {
        "num" => {}
        "heading" | "subheading" | "crossHeading" => {
            push_block(out, ParagraphKind::Heading, "", node, part);
        }
        "table" => {
            for row in node.descendants().filter(|n| n.tag_name().name() == "tr") {
                let cells: Vec<String> = row
                    .children()
                    .filter(Node::is_element)
                    .map(|c| text_of(c, &mut Vec::new()))
                    .collect();
                let text = cells.join(" | ");
                if !text.trim_matches([' ', '|']).is_empty() {
                    out.push(paragraph(ParagraphKind::Body, text, part));
                }
            }
        }
        "paragraph" | "point" | "subparagraph" | "item" | "alinea" | "article" | "section"
        | "division" | "hcontainer" | "tblock" => {
            let kind = if matches!(name, "point" | "item" | "alinea") {
                ParagraphKind::ListItem
            } else {
                ParagraphKind::Body
            };
            let num = child(node, "num")
                .map(|n| text_of(n, &mut Vec::new()))
                .unwrap_or_default();
            let mut prefix_used = num.is_empty();
            for c in node.children().filter(Node::is_element) {
                match c.tag_name().name() {
                    "num" => {}
                    "content" | "intro" | "wrapUp" | "p" => {
                        let prefix = if prefix_used { "" } else { num.as_str() };
                        prefix_used = true;
                        push_block(out, kind, prefix, c, part);
                    }
                    "list" => {
                        for l in c.children().filter(Node::is_element) {
                            match l.tag_name().name() {
                                "intro" | "wrapUp" => {
                                    let prefix = if prefix_used { "" } else { num.as_str() };
                                    prefix_used = true;
                                    push_block(out, kind, prefix, l, part);
                                }
                                _ => {
                                    if !prefix_used {
                                        out.push(paragraph(kind, num.clone(), part));
                                        prefix_used = true;
                                    }
                                    blocks(l, part, out);
                                }
                            }
                        }
                    }
                    _ => {
                        if !prefix_used {
                            out.push(paragraph(kind, num.clone(), part));
                            prefix_used = true;
                        }
                        blocks(c, part, out);
                    }
                }
            }
        }
        "list" | "blockList" | "container" | "formula" | "p" | "blockContainer" | "content"
        | "intro" | "wrapUp" | "listIntroduction" | "listWrapUp" => {
            let has_blocks = node.children().any(|c| {
                matches!(
                    c.tag_name().name(),
                    "paragraph" | "point" | "list" | "item" | "table" | "blockList"
                )
            });
            if has_blocks {
                for c in node.children().filter(Node::is_element) {
                    blocks(c, part, out);
                }
            } else {
                let kind = if name == "item" {
                    ParagraphKind::ListItem
                } else {
                    ParagraphKind::Body
                };
                push_block(out, kind, "", node, part);
            }
        }
        _ => {
            if node
                .children()
                .any(|c| c.is_element() && c.tag_name().name() != "num")
            {
                for c in node.children().filter(Node::is_element) {
                    blocks(c, part, out);
                }
            } else {
                push_block(out, ParagraphKind::Body, "", node, part);
            }
        }
    }
}
