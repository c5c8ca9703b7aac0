//! Atom 1.0 (RFC 4287) feeds: a reader subscribes to a search, a thread, a
//! document's citations or a State's letters and is told of each new
//! document. The server decides what a feed holds; this writes it.

use quick_xml::escape::escape;

use crate::akn::strip_xml_illegal;

/// A feed, newest entry first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feed {
    pub title: String,
    /// A permanent IRI for the feed (its own absolute URL where known).
    pub id: String,
    /// The feed's own URL.
    pub self_href: String,
    /// The page a person would read instead.
    pub alternate_href: String,
    pub entries: Vec<Entry>,
}

/// One document in a feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub title: String,
    /// A permanent IRI for the document ([`entry_id`]).
    pub id: String,
    /// Its page.
    pub href: String,
    /// `YYYY-MM-DD`: its date of issue.
    pub date: Option<String>,
    /// Who it is from: the sending State, else the United Nations.
    pub author: String,
    /// One line: symbols, type, sender, date.
    pub summary: String,
    /// Its document type (`letter`, `resolution` …).
    pub category: String,
}

/// The IRI an entry keeps however the server is reached: `urn:undoc:` and
/// the stored key, percent-encoded where a URN may not carry a character.
pub fn entry_id(key: &str) -> String {
    let mut id = String::from("urn:undoc:document:");
    for byte in key.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/:@!$&'()*+,;=".contains(&byte) {
            id.push(char::from(byte));
        } else {
            id.push_str(&format!("%{byte:02X}"));
        }
    }
    id
}

/// An Atom timestamp for a date of issue: midnight UTC. Documents with no
/// date sort as the oldest possible.
fn timestamp(date: Option<&str>) -> String {
    match date {
        Some(d) if d.len() == 10 && d.as_bytes()[4] == b'-' && d.as_bytes()[7] == b'-' => {
            format!("{d}T00:00:00Z")
        }
        _ => "1970-01-01T00:00:00Z".to_owned(),
    }
}

/// The feed as an Atom document.
pub fn write(feed: &Feed) -> String {
    let updated = feed
        .entries
        .iter()
        .filter_map(|e| e.date.as_deref())
        .max()
        .map(|d| timestamp(Some(d)))
        .unwrap_or_else(|| timestamp(None));
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    xml.push_str(&format!("  <title>{}</title>\n", text(&feed.title)));
    xml.push_str(&format!("  <id>{}</id>\n", text(&feed.id)));
    xml.push_str(&format!("  <updated>{updated}</updated>\n"));
    xml.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        text(&feed.self_href)
    ));
    xml.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        text(&feed.alternate_href)
    ));
    xml.push_str("  <author><name>undoc</name></author>\n");
    xml.push_str("  <generator>undoc</generator>\n");
    for entry in &feed.entries {
        xml.push_str("  <entry>\n");
        xml.push_str(&format!("    <title>{}</title>\n", text(&entry.title)));
        xml.push_str(&format!("    <id>{}</id>\n", text(&entry.id)));
        xml.push_str(&format!(
            "    <updated>{}</updated>\n",
            timestamp(entry.date.as_deref())
        ));
        if entry.date.is_some() {
            xml.push_str(&format!(
                "    <published>{}</published>\n",
                timestamp(entry.date.as_deref())
            ));
        }
        xml.push_str(&format!(
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            text(&entry.href)
        ));
        xml.push_str(&format!(
            "    <author><name>{}</name></author>\n",
            text(&entry.author)
        ));
        if !entry.category.is_empty() {
            xml.push_str(&format!(
                "    <category term=\"{}\"/>\n",
                text(&entry.category)
            ));
        }
        xml.push_str(&format!(
            "    <summary type=\"text\">{}</summary>\n",
            text(&entry.summary)
        ));
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}

fn text(value: &str) -> String {
    escape(strip_xml_illegal(value).as_ref()).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entry_ids_are_urns_whatever_the_symbol() {
        assert_eq!(entry_id("A/79/818"), "urn:undoc:document:A/79/818");
        assert_eq!(
            entry_id("S/RES/822 (1993)"),
            "urn:undoc:document:S/RES/822%20(1993)"
        );
        assert_eq!(
            entry_id("A/RES/80/1@fr"),
            "urn:undoc:document:A/RES/80/1@fr"
        );
    }

    #[test]
    fn an_undated_document_is_given_the_oldest_time() {
        assert_eq!(timestamp(Some("2025-03-12")), "2025-03-12T00:00:00Z");
        assert_eq!(timestamp(Some("2025")), "1970-01-01T00:00:00Z");
        assert_eq!(timestamp(None), "1970-01-01T00:00:00Z");
    }
}
