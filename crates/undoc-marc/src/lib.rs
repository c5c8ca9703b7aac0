/*!
MARCXML (MARC 21 "slim", the UN Digital Library's catalogue format): read a
collection of records and write it back, field for field.

The model is MARC's own — leader, control fields, data fields with two
indicators and ordered subfields — so that nothing a catalogue says is lost
between reading and writing; mapping catalogue fields to and from undoc
records (191 symbols, 269 date, 245 title, 650 subjects, 710 authors, 991
agenda, 993 related documents) is a layer above this one.

Elements must be in the MARC 21 slim namespace, with any prefix (the UN's
exports use `ns0:`); an error names the record (its position and, when
known, its 001 control number).
*/

use quick_xml::NsReader;
use quick_xml::events::Event;
use quick_xml::name::ResolveResult;

/// The MARC 21 slim namespace.
pub const NAMESPACE: &str = "http://www.loc.gov/MARC21/slim";

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MarcRecord {
    pub leader: Option<String>,
    /// `(tag, value)` in document order.
    pub controlfields: Vec<(String, String)>,
    pub datafields: Vec<DataField>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DataField {
    pub tag: String,
    pub ind1: String,
    pub ind2: String,
    /// `(code, value)` in document order.
    pub subfields: Vec<(String, String)>,
}

impl MarcRecord {
    /// The value of a control field (`001`).
    pub fn control(&self, tag: &str) -> Option<&str> {
        self.controlfields
            .iter()
            .find(|(t, _)| t == tag)
            .map(|(_, v)| v.as_str())
    }

    /// Every value of a subfield across the data fields with a tag (`191`, `a`).
    pub fn values<'a>(&'a self, tag: &'a str, code: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.datafields
            .iter()
            .filter(move |f| f.tag == tag)
            .flat_map(move |f| {
                f.subfields
                    .iter()
                    .filter(move |(c, _)| c == code)
                    .map(|(_, v)| v.as_str())
            })
    }
}

#[derive(Debug, thiserror::Error)]
pub enum MarcError {
    #[error("record {position}{}: {message}", control.as_ref().map(|c| format!(" (001 {c})")).unwrap_or_default())]
    Record {
        position: usize,
        control: Option<String>,
        message: String,
    },
    #[error("not MARCXML: {0}")]
    NotMarc(String),
}

/// Reads every `<record>` of a MARCXML document (a `<collection>` or a lone record).
pub fn read(xml: &str) -> Result<Vec<MarcRecord>, MarcError> {
    let mut reader = NsReader::from_str(xml);
    let mut records = Vec::new();
    let mut current: Option<MarcRecord> = None;
    let mut field: Option<DataField> = None;
    // What text is being collected for: a control field, a subfield, the leader.
    let mut target: Option<(Target, String)> = None;
    let mut saw_marc = false;
    let fail = |records: &Vec<MarcRecord>, current: &Option<MarcRecord>, message: String| {
        MarcError::Record {
            position: records.len() + 1,
            control: current
                .as_ref()
                .and_then(|r| r.control("001").map(str::to_owned)),
            message,
        }
    };
    loop {
        let (ns, event) = reader
            .read_resolved_event()
            .map_err(|e| fail(&records, &current, format!("malformed XML: {e}")))?;
        let in_marc = matches!(ns, ResolveResult::Bound(n) if n.as_ref() == NAMESPACE);
        match event {
            Event::Start(e) | Event::Empty(e) => {
                let name = e.local_name().as_ref().to_owned();
                if !in_marc {
                    if matches!(
                        name.as_str(),
                        "record" | "collection" | "datafield" | "controlfield" | "subfield"
                    ) {
                        return Err(fail(
                            &records,
                            &current,
                            format!("<{name}> is not in the MARC 21 slim namespace"),
                        ));
                    }
                    continue;
                }
                saw_marc = true;
                let attr = |key: &str| -> Option<String> {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.local_name().as_ref() == key)
                        .and_then(|a| {
                            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                                .ok()
                                .map(|v| v.into_owned())
                        })
                };
                match name.as_str() {
                    "record" => current = Some(MarcRecord::default()),
                    "leader" => target = Some((Target::Leader, String::new())),
                    "controlfield" => {
                        let tag = attr("tag").ok_or_else(|| {
                            fail(&records, &current, "a control field without a tag".into())
                        })?;
                        target = Some((Target::Control(tag), String::new()));
                    }
                    "datafield" => {
                        let tag = attr("tag").ok_or_else(|| {
                            fail(&records, &current, "a data field without a tag".into())
                        })?;
                        field = Some(DataField {
                            tag,
                            ind1: attr("ind1").unwrap_or_else(|| " ".into()),
                            ind2: attr("ind2").unwrap_or_else(|| " ".into()),
                            subfields: Vec::new(),
                        });
                    }
                    "subfield" => {
                        let code = attr("code").ok_or_else(|| {
                            fail(&records, &current, "a subfield without a code".into())
                        })?;
                        target = Some((Target::Subfield(code), String::new()));
                    }
                    _ => {}
                }
            }
            Event::Text(t) => {
                if let Some((_, text)) = target.as_mut() {
                    text.push_str(&t.xml10_content());
                }
            }
            Event::CData(t) => {
                if let Some((_, text)) = target.as_mut() {
                    text.push_str(&t.into_inner());
                }
            }
            Event::GeneralRef(r) => {
                if let Some((_, text)) = target.as_mut() {
                    let entity = format!("&{};", r.xml10_content());
                    let resolved = quick_xml::escape::unescape(&entity).map_err(|e| {
                        fail(&records, &current, format!("unknown entity {entity}: {e}"))
                    })?;
                    text.push_str(&resolved);
                }
            }
            Event::End(e) if in_marc => {
                let name = e.local_name();
                match name.as_ref() {
                    "leader" | "controlfield" | "subfield" => {
                        match (target.take(), current.as_mut(), field.as_mut()) {
                            (Some((Target::Leader, text)), Some(r), _) => r.leader = Some(text),
                            (Some((Target::Control(tag), text)), Some(r), _) => {
                                r.controlfields.push((tag, text))
                            }
                            (Some((Target::Subfield(code), text)), _, Some(f)) => {
                                f.subfields.push((code, text))
                            }
                            _ => {
                                return Err(fail(
                                    &records,
                                    &current,
                                    "a field outside a record".into(),
                                ));
                            }
                        }
                    }
                    "datafield" => match (field.take(), current.as_mut()) {
                        (Some(f), Some(r)) => r.datafields.push(f),
                        _ => {
                            return Err(fail(
                                &records,
                                &current,
                                "a data field outside a record".into(),
                            ));
                        }
                    },
                    "record" => records.extend(current.take()),
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if current.is_some() {
        return Err(fail(
            &records,
            &current,
            "the document ends inside a record".into(),
        ));
    }
    if !saw_marc {
        return Err(MarcError::NotMarc(format!(
            "no element in the {NAMESPACE} namespace"
        )));
    }
    Ok(records)
}

#[derive(Debug)]
enum Target {
    Leader,
    Control(String),
    Subfield(String),
}

fn escape(s: &str) -> std::borrow::Cow<'_, str> {
    quick_xml::escape::escape(s)
}

/// Writes records as a MARCXML collection (default namespace, two-space indent).
pub fn write(records: &[MarcRecord]) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!("<collection xmlns=\"{NAMESPACE}\">\n"));
    for r in records {
        write_record(r, &mut out);
    }
    out.push_str("</collection>\n");
    out
}

/// Appends one `<record>` to `out` (for streaming writers).
pub fn write_record(r: &MarcRecord, out: &mut String) {
    out.push_str("  <record>\n");
    if let Some(leader) = &r.leader {
        out.push_str(&format!("    <leader>{}</leader>\n", escape(leader)));
    }
    for (tag, value) in &r.controlfields {
        out.push_str(&format!(
            "    <controlfield tag=\"{}\">{}</controlfield>\n",
            escape(tag),
            escape(value)
        ));
    }
    for f in &r.datafields {
        out.push_str(&format!(
            "    <datafield tag=\"{}\" ind1=\"{}\" ind2=\"{}\">\n",
            escape(&f.tag),
            escape(&f.ind1),
            escape(&f.ind2)
        ));
        for (code, value) in &f.subfields {
            out.push_str(&format!(
                "      <subfield code=\"{}\">{}</subfield>\n",
                escape(code),
                escape(value)
            ));
        }
        out.push_str("    </datafield>\n");
    }
    out.push_str("  </record>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    const ONE: &str = r#"<?xml version="1.0"?>
<collection xmlns="http://www.loc.gov/MARC21/slim"><ns0:record xmlns:ns0="http://www.loc.gov/MARC21/slim">
  <ns0:controlfield tag="001">4026910</ns0:controlfield>
  <ns0:datafield tag="191" ind1=" " ind2=" "><ns0:subfield code="a">A/C.3/78/L.49/Rev.1</ns0:subfield></ns0:datafield>
  <ns0:datafield tag="245" ind1="1" ind2="0"><ns0:subfield code="a">Rights &amp; freedoms :</ns0:subfield></ns0:datafield>
</ns0:record></collection>"#;

    #[test]
    fn reads_prefixed_records_and_entities() {
        let records = read(ONE).unwrap_or_default();
        assert_eq!(records.len(), 1);
        assert_eq!(records[0].control("001"), Some("4026910"));
        assert_eq!(
            records[0].values("191", "a").collect::<Vec<_>>(),
            ["A/C.3/78/L.49/Rev.1"]
        );
        assert_eq!(
            records[0].values("245", "a").collect::<Vec<_>>(),
            ["Rights & freedoms :"]
        );
        assert_eq!(records[0].datafields[1].ind1, "1");
    }

    #[test]
    fn writes_what_it_reads() {
        let records = read(ONE).unwrap_or_default();
        let again = read(&write(&records)).unwrap_or_default();
        assert_eq!(again, records);
    }

    #[test]
    fn wrong_namespace_and_broken_records_name_the_record() {
        let wrong = ONE.replace("http://www.loc.gov/MARC21/slim", "http://example.org/other");
        let err = read(&wrong).map(|_| ()).unwrap_err().to_string();
        assert!(
            err.contains("record 1") && err.contains("namespace"),
            "{err}"
        );
        let cut = &ONE[..ONE.find("<ns0:datafield tag=\"245\"").unwrap_or(ONE.len())];
        let err = read(cut).map(|_| ()).unwrap_err().to_string();
        assert!(
            err.contains("record 1") && err.contains("001 4026910"),
            "{err}"
        );
    }
}
