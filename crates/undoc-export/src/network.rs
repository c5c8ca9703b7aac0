//! The citation network as Gephi, networkx and igraph read it: GraphML and
//! GEXF 1.3. A node is a document, one per work however many language
//! versions are held, held or only cited; an edge is one citing document's
//! references to one other, with their count, `replies_to` if any of them
//! answers it (as `cited-by` counts them), else `cites`.
//!
//! Both formats list every node before any edge (GEXF requires it), so the
//! graph is gathered first: its size is that of the selection's links, never
//! of the texts themselves.

use std::collections::BTreeMap;
use std::io::Write;

use quick_xml::escape::escape;
use undoc_store::Store;

use crate::Result;
use crate::akn::strip_xml_illegal;
use crate::table::ReferenceRow;

/// Which file the network is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NetworkFormat {
    GraphMl,
    Gexf,
}

/// What is known of one node.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Node {
    symbol: String,
    title: String,
    date: String,
    doc_type: String,
    sender_state: String,
    held: bool,
}

/// A citation network: its nodes by identity, its edges by (from, to) with
/// their relation and the number of references each stands for.
#[derive(Debug, Default)]
pub struct Network {
    nodes: BTreeMap<String, Node>,
    edges: BTreeMap<(String, String), (String, usize)>,
}

impl Network {
    /// The network of the stored texts `ids` (one text per work) and what
    /// they cite.
    pub fn of(store: &dyn Store, ids: &[String]) -> Result<Network> {
        let mut network = Network::default();
        for key in undoc_store::one_text_per_work(ids.to_vec(), "", |id| id) {
            let record = crate::get(store, &key)?;
            let work = undoc_model::split_key(&key).0.to_owned();
            network.nodes.insert(
                work.clone(),
                Node {
                    symbol: record.symbols.first().unwrap_or(&record.id).clone(),
                    title: record.title.clone().unwrap_or_default(),
                    date: record.date.clone().unwrap_or_default(),
                    doc_type: record.doc_type.as_str().to_owned(),
                    sender_state: record
                        .letter
                        .as_ref()
                        .and_then(|l| l.sender_state.clone())
                        .unwrap_or_default(),
                    held: true,
                },
            );
            for row in crate::table::reference_rows(store, &key, &record)? {
                network.add_reference(&work, row);
            }
        }
        Ok(network)
    }

    fn add_reference(&mut self, from: &str, row: ReferenceRow) {
        let to = undoc_model::split_key(&row.to).0.to_owned();
        if to == from || to.is_empty() {
            return;
        }
        // A document of the selection keeps what its own record says.
        self.nodes.entry(to.clone()).or_insert_with(|| Node {
            symbol: row
                .to_symbols
                .first()
                .cloned()
                .unwrap_or_else(|| to.clone()),
            title: row.to_title.unwrap_or_default(),
            date: row.to_date.unwrap_or_default(),
            doc_type: row.to_type.unwrap_or_default(),
            sender_state: row.to_sender_state.unwrap_or_default(),
            held: row.held,
        });
        let edge = self
            .edges
            .entry((from.to_owned(), to))
            .or_insert_with(|| (row.relation.clone(), 0));
        // One edge per pair, as `cited-by` counts them: it answers if any
        // of its references does.
        if row.relation == undoc_model::Relation::RepliesTo.as_str() {
            edge.0 = row.relation;
        }
        edge.1 += 1;
    }

    pub fn write(&self, format: NetworkFormat, out: &mut dyn Write) -> Result<()> {
        match format {
            NetworkFormat::GraphMl => self.write_graphml(out),
            NetworkFormat::Gexf => self.write_gexf(out),
        }
    }

    fn write_graphml(&self, out: &mut dyn Write) -> Result<()> {
        out.write_all(
            concat!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
                "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" ",
                "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" ",
                "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns ",
                "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
                "  <key id=\"symbol\" for=\"node\" attr.name=\"symbol\" attr.type=\"string\"/>\n",
                "  <key id=\"title\" for=\"node\" attr.name=\"title\" attr.type=\"string\"/>\n",
                "  <key id=\"date\" for=\"node\" attr.name=\"date\" attr.type=\"string\"/>\n",
                "  <key id=\"type\" for=\"node\" attr.name=\"type\" attr.type=\"string\"/>\n",
                "  <key id=\"sender_state\" for=\"node\" attr.name=\"sender_state\" attr.type=\"string\"/>\n",
                "  <key id=\"held\" for=\"node\" attr.name=\"held\" attr.type=\"boolean\"/>\n",
                "  <key id=\"relation\" for=\"edge\" attr.name=\"relation\" attr.type=\"string\"/>\n",
                "  <key id=\"count\" for=\"edge\" attr.name=\"count\" attr.type=\"int\"/>\n",
                "  <key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n",
                "  <graph id=\"citations\" edgedefault=\"directed\">\n",
            )
            .as_bytes(),
        )?;
        let mut xml = String::new();
        for (id, node) in &self.nodes {
            xml.clear();
            xml.push_str("    <node id=\"");
            xml.push_str(&text(id));
            xml.push_str("\">");
            for (key, value) in [
                ("symbol", &node.symbol),
                ("title", &node.title),
                ("date", &node.date),
                ("type", &node.doc_type),
                ("sender_state", &node.sender_state),
            ] {
                if !value.is_empty() {
                    xml.push_str(&format!("<data key=\"{key}\">{}</data>", text(value)));
                }
            }
            xml.push_str(&format!("<data key=\"held\">{}</data></node>\n", node.held));
            out.write_all(xml.as_bytes())?;
        }
        for (n, ((from, to), (relation, count))) in self.edges.iter().enumerate() {
            out.write_all(
                format!(
                    "    <edge id=\"e{n}\" source=\"{}\" target=\"{}\"><data key=\"relation\">{}</data><data key=\"count\">{count}</data><data key=\"weight\">{count}</data></edge>\n",
                    text(from),
                    text(to),
                    text(relation)
                )
                .as_bytes(),
            )?;
        }
        out.write_all(b"  </graph>\n</graphml>\n")?;
        Ok(())
    }

    fn write_gexf(&self, out: &mut dyn Write) -> Result<()> {
        out.write_all(
            concat!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
                "<gexf xmlns=\"http://gexf.net/1.3\" version=\"1.3\">\n",
                "  <meta><creator>undoc</creator><description>Citations among United Nations documents</description></meta>\n",
                "  <graph defaultedgetype=\"directed\" mode=\"static\">\n",
                "    <attributes class=\"node\">\n",
                "      <attribute id=\"0\" title=\"symbol\" type=\"string\"/>\n",
                "      <attribute id=\"1\" title=\"title\" type=\"string\"/>\n",
                "      <attribute id=\"2\" title=\"date\" type=\"string\"/>\n",
                "      <attribute id=\"3\" title=\"type\" type=\"string\"/>\n",
                "      <attribute id=\"4\" title=\"sender_state\" type=\"string\"/>\n",
                "      <attribute id=\"5\" title=\"held\" type=\"boolean\"/>\n",
                "    </attributes>\n",
                "    <attributes class=\"edge\">\n",
                "      <attribute id=\"0\" title=\"relation\" type=\"string\"/>\n",
                "      <attribute id=\"1\" title=\"count\" type=\"integer\"/>\n",
                "    </attributes>\n",
                "    <nodes>\n",
            )
            .as_bytes(),
        )?;
        let mut xml = String::new();
        for (id, node) in &self.nodes {
            xml.clear();
            xml.push_str(&format!(
                "      <node id=\"{}\" label=\"{}\"><attvalues>",
                text(id),
                text(&node.symbol)
            ));
            for (n, value) in [
                &node.symbol,
                &node.title,
                &node.date,
                &node.doc_type,
                &node.sender_state,
            ]
            .into_iter()
            .enumerate()
            {
                if !value.is_empty() {
                    xml.push_str(&format!(
                        "<attvalue for=\"{n}\" value=\"{}\"/>",
                        text(value)
                    ));
                }
            }
            xml.push_str(&format!(
                "<attvalue for=\"5\" value=\"{}\"/></attvalues></node>\n",
                node.held
            ));
            out.write_all(xml.as_bytes())?;
        }
        out.write_all(b"    </nodes>\n    <edges>\n")?;
        for (n, ((from, to), (relation, count))) in self.edges.iter().enumerate() {
            out.write_all(
                format!(
                    "      <edge id=\"{n}\" source=\"{}\" target=\"{}\" weight=\"{count}\" label=\"{}\"><attvalues><attvalue for=\"0\" value=\"{}\"/><attvalue for=\"1\" value=\"{count}\"/></attvalues></edge>\n",
                    text(from),
                    text(to),
                    text(relation),
                    text(relation)
                )
                .as_bytes(),
            )?;
        }
        out.write_all(b"    </edges>\n  </graph>\n</gexf>\n")?;
        Ok(())
    }
}

/// A value as XML text or attribute: escaped, and without the control
/// characters XML 1.0 cannot carry.
fn text(value: &str) -> String {
    escape(strip_xml_illegal(value).as_ref()).into_owned()
}
