/*!
The document record: what `undoc parse --json` prints and what every later
stage (reference linking, store, search, API, exports) consumes.

The field names and meanings are a contract (`shared/spec/record.md`), so the
types here mirror it one to one; fields beyond the contract are marked as
additions. The crate does no I/O and knows nothing of how a record is made.
*/

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// One UN document as undoc understands it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// The input path as given.
    pub source: String,
    /// First official symbol, or `sha256:` + 16 hex digits of the normalized body.
    pub id: String,
    /// The document's own symbols, canonical form, header order.
    pub symbols: Vec<String>,
    /// ISO 639-1 code of this text.
    pub language: String,
    /// ISO 639-1 code from the "Original: …" line.
    pub original_language: Option<String>,
    pub distribution: Option<Distribution>,
    /// Issue date in the masthead, `YYYY-MM-DD`.
    pub date: Option<String>,
    pub bodies: Vec<Body>,
    pub agenda_items: Vec<AgendaItem>,
    pub doc_type: DocType,
    pub title: Option<String>,
    pub letter: Option<Letter>,
    pub signatories: Vec<Signatory>,
    pub references: Vec<Reference>,
    pub circulation: Option<Circulation>,
    pub paragraphs: Vec<Paragraph>,
    pub states_mentioned: Vec<String>,
    pub warnings: Vec<String>,
    /// Addition: a subtitle under the title ("Note by the Secretary-General").
    pub subtitle: Option<String>,
    /// Addition: the title of the letter a document consists of, where the
    /// document has a title of its own above it.
    pub letter_title: Option<String>,
    /// Addition: how the text was obtained (`markdown`, `text`, `pdf-extract`, `pdftotext`).
    pub extractor: String,
    /// Addition: the UN job number printed at the foot of page one (`25-04214`).
    pub job_number: Option<String>,
    /// Addition: number of pages of the source (1 for text and markdown).
    pub pages: usize,
    /// Addition: subject terms (UNBIS thesaurus) from the library catalogue
    /// record of the document (MARC 650), where one was imported.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subjects: Vec<String>,
    /// Addition: corporate authors (sponsors, the sender's mission) from the
    /// catalogue record (MARC 710), where one was imported.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    /// Addition: the FRBR work and expression IRIs of a document read from
    /// Akoma Ntoso; every language version of one document shares the work.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub frbr: Option<Frbr>,
    /// Addition: the States (or the body) that submitted the draft, as the
    /// document names them; short official English names where recognized.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sponsors: Vec<String>,
    /// Addition: States that joined as sponsors after the draft was issued.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub additional_sponsors: Vec<String>,
    /// Addition: how and where a resolution or decision was adopted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adoption: Option<Adoption>,
    /// Addition: recorded votes, State by State.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub votes: Vec<Vote>,
    /// Addition: letters and notes the body names by date and sender, not by
    /// symbol ("the letter dated 11 April 2025 from the Permanent
    /// Representative of the Russian Federation", "my letter of 30 January
    /// 2025"). They are resolved when read: to the one stored letter of that
    /// date from that State, never guessed among several.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub described_references: Vec<DescribedReference>,
    /// Addition: symbols the text does not print but the store's evidence
    /// gives it (a held document naming it by date, sender and symbol),
    /// inferred at ingest; `symbols` stays what the text prints.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inferred_symbols: Vec<String>,
    /// For meeting records: the meeting's number, president, time and place;
    /// null otherwise.
    #[serde(default)]
    pub meeting: Option<Meeting>,
    /// For meeting records: the speeches in order, each a span of the body;
    /// `[]` otherwise.
    #[serde(default)]
    pub speeches: Vec<Speech>,
    /// For meeting records: each draft acted on; `[]` otherwise.
    #[serde(default)]
    pub decisions: Vec<Decision>,
}

/// A meeting as its record's head prints it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meeting {
    /// 8422 for the 8422nd meeting (a plenary's number within its session).
    pub number: Option<u32>,
    /// As printed: "Mr. Adom".
    pub president: Option<String>,
    /// The time the meeting was called for, 24-hour: "15:00" for "3 p.m.".
    pub time: Option<String>,
    pub place: Option<String>,
}

/// What a speech is, as the record's wording shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SpeechKind {
    Statement,
    ExplanationOfVote,
    RightOfReply,
    PointOfOrder,
    /// The presiding officer conducting the meeting.
    Procedural,
}

impl SpeechKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SpeechKind::Statement => "statement",
            SpeechKind::ExplanationOfVote => "explanation_of_vote",
            SpeechKind::RightOfReply => "right_of_reply",
            SpeechKind::PointOfOrder => "point_of_order",
            SpeechKind::Procedural => "procedural",
        }
    }

    pub const ALL: [SpeechKind; 5] = [
        SpeechKind::Statement,
        SpeechKind::ExplanationOfVote,
        SpeechKind::RightOfReply,
        SpeechKind::PointOfOrder,
        SpeechKind::Procedural,
    ];

    pub fn parse(s: &str) -> Option<SpeechKind> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// A kind as a reader types it: `explanation_of_vote`, "explanation of
    /// vote", "Right-of-reply".
    pub fn read(typed: &str) -> Option<SpeechKind> {
        Self::parse(&typed.trim().to_lowercase().replace([' ', '-'], "_"))
    }

    /// In words for a page: "explanation of vote".
    pub fn label(self) -> &'static str {
        match self {
            SpeechKind::Statement => "statement",
            SpeechKind::ExplanationOfVote => "explanation of vote",
            SpeechKind::RightOfReply => "right of reply",
            SpeechKind::PointOfOrder => "point of order",
            SpeechKind::Procedural => "presiding",
        }
    }
}

/// One speech of a meeting record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Speech {
    /// As printed: "Mr. Adom", "Ms. Schwalger", "The President".
    pub speaker: String,
    /// The State the speaker spoke for, as printed in parentheses.
    pub state: Option<String>,
    /// An office instead of (or besides) a State: "President", "Secretary-General",
    /// "Rapporteur of the Third Committee".
    pub role: Option<String>,
    pub kind: SpeechKind,
    /// ISO 639-1 of the language spoken, from "spoke in French"; null when
    /// the record gives none (the record's own language).
    pub language: Option<String>,
    /// Byte offsets of the speech in the normalized body text.
    pub start: usize,
    pub end: usize,
    /// Addition: the agenda item the meeting had taken up when the speech
    /// began ("Agenda item 74 (continued)" above it); none where the record
    /// prints no item headings (the Security Council's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agenda_item: Option<u32>,
}

/// The words of a speaker's name as searches match them: lower case, without
/// the dots and commas around them ("Mr. Ma Zhaoxu" → mr, ma, zhaoxu). One
/// definition for every search engine and for the words a reader types.
pub fn speaker_words(name: &str) -> Vec<String> {
    name.split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// The speech (index in `speeches`) whose span holds a body offset.
pub fn speech_at(speeches: &[Speech], offset: usize) -> Option<usize> {
    let after = speeches.partition_point(|s| s.start <= offset);
    let i = after.checked_sub(1)?;
    (offset < speeches[i].end).then_some(i)
}

impl Speech {
    /// The speech's words in its record's body text (`Record::body_text`);
    /// empty when the span is not the body's.
    pub fn text<'a>(&self, body: &'a str) -> &'a str {
        body.get(self.start..self.end).unwrap_or_default()
    }

    /// The speaker as a person, for counting who spoke: none where the record
    /// prints an office in place of a name ("The Acting President", whose
    /// name ends in its role), so an office is not counted as a speaker.
    pub fn person(&self) -> Option<&str> {
        let office = self.role.as_deref().is_some_and(|role| {
            let name = self.speaker.to_lowercase();
            !role.is_empty() && name.ends_with(&role.to_lowercase())
        });
        (!office && !self.speaker.trim().is_empty()).then_some(self.speaker.as_str())
    }
}

/// A draft acted on in a meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    /// The draft's symbol ("S/2018/1016", "A/76/L.86"); where the record
    /// names it only within a committee's report, as printed: "draft
    /// resolution IV" (with `report`).
    pub draft: String,
    /// `recorded_vote`, `without_vote` or `consensus`.
    pub method: String,
    pub in_favour: Option<u32>,
    pub against: Option<u32>,
    pub abstaining: Option<u32>,
    /// Each State's vote where the record lists them.
    #[serde(default)]
    pub votes: std::collections::BTreeMap<String, Ballot>,
    /// The resolution it became: "S/RES/2448 (2018)", "A/RES/65/182".
    pub adopted_as: Option<String>,
    /// Addition: what was acted on: `resolution`, `decision` or `amendment`.
    #[serde(default = "draft_resolution")]
    pub draft_kind: String,
    /// Addition: the report recommending a draft named by number ("A/65/448").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report: Option<String>,
    /// Addition: false for a draft voted down ("has not been adopted, owing
    /// to the negative vote of a permanent member").
    #[serde(default = "adopted")]
    pub adopted: bool,
    /// Addition: the General Assembly decision it became: "76/575".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adopted_as_decision: Option<String>,
}

fn draft_resolution() -> String {
    "resolution".into()
}

fn adopted() -> bool {
    true
}

/// A letter or note verbale named by its date and sender instead of its symbol.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DescribedReference {
    /// `letter`, `note_verbale` or `communication`, as the text names it.
    pub kind: String,
    /// The words matched, from the noun to the sender (the evidence).
    pub text: String,
    /// The date of the letter named, `YYYY-MM-DD`.
    pub date: String,
    /// The office that wrote it, as the text gives it.
    pub sender: Option<String>,
    /// The State it speaks for: named in the sender, or the writer's own for "my letter".
    pub sender_state: Option<String>,
    pub addressee: Option<String>,
    /// "my letter", "our note": the writer's own earlier letter.
    pub own: bool,
    /// The symbols a written symbol in the same sentence gives the letter
    /// described ("… dated 22 April 2021 (A/75/861-S/2021/392)"); empty when
    /// the text names it by date and sender only. Evidence for `identify`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub symbols: Vec<String>,
    pub relation: Relation,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
    /// Byte offsets into the normalized body text.
    pub start: usize,
    pub end: usize,
}

impl DescribedReference {
    /// The name stores index it under, the one a held letter of that date
    /// from that State answers to ([`letter_key`]); none without a State.
    pub fn key(&self) -> Option<String> {
        self.sender_state
            .as_deref()
            .map(|state| letter_key(&self.date, state))
    }
}

/// What a letter named by date and sender is filed under: `letter of
/// 2025-04-11 from Russian Federation`. Never a symbol (it has spaces and no
/// slash), so it cannot be mistaken for one.
pub fn letter_key(date: &str, sender_state: &str) -> String {
    format!("{LETTER_KEY_PREFIX}{date} from {sender_state}")
}

/// How every [`letter_key`] begins, for stores that list a document's symbols without them.
pub const LETTER_KEY_PREFIX: &str = "letter of ";

/// One link row as stores index a record's references: position, part, the
/// symbol (or letter key) named, kind and relation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRow {
    pub ord: usize,
    pub part: usize,
    pub symbol: String,
    pub kind: LinkKind,
    pub relation: Relation,
}

/// What made a link row: a reference by symbol (of a kind), or a letter
/// named by date and sender. One definition for every store, the query
/// layer and every output, instead of strings compared in each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    /// A reference by symbol.
    Reference(ReferenceKind),
    /// A letter named by date and sender ([`DescribedReference`]), resolved
    /// when read: to the one stored letter that matches.
    Described,
    /// A [`DescribedReference`] that a symbol also names: not a link of its
    /// own (the symbol's reference is), only the evidence of which letter of
    /// that date and sender bears that symbol.
    DescribedNamed,
}

impl LinkKind {
    /// The name stores keep and outputs print (`document`, `described`).
    pub fn as_str(self) -> &'static str {
        match self {
            LinkKind::Reference(kind) => kind.as_str(),
            LinkKind::Described => "described",
            LinkKind::DescribedNamed => "described_named",
        }
    }

    /// The kind a stored name names.
    pub fn parse(name: &str) -> Option<LinkKind> {
        match name {
            "described" => Some(LinkKind::Described),
            "described_named" => Some(LinkKind::DescribedNamed),
            other => ReferenceKind::parse(other).map(LinkKind::Reference),
        }
    }
}

/// The serialized names, for messages and plain-text output.
macro_rules! display_as_str {
    ($($name:ty),*) => {$(
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    )*};
}
display_as_str!(LinkKind, Relation, ReferenceKind, DocType);

impl Serialize for LinkKind {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl Record {
    /// Every name the document answers to in the store: its symbols (those
    /// it prints, then those inferred), then the [`letter_key`] of a letter
    /// from a State with a date.
    pub fn names(&self) -> Vec<String> {
        let mut names = self.symbols.clone();
        names.extend(self.inferred_symbols.iter().cloned());
        if let Some(letter) = &self.letter
            && let (Some(date), Some(state)) = (&letter.date, &letter.sender_state)
        {
            names.push(letter_key(date, state));
        }
        names
    }

    /// The link rows of the record: one per symbol of each reference, then
    /// one per described reference with a key, numbered after them.
    pub fn link_rows(&self) -> Vec<LinkRow> {
        let mut rows = Vec::with_capacity(self.references.len() + self.described_references.len());
        for (ord, reference) in self.references.iter().enumerate() {
            for (part, symbol) in reference.symbols.iter().enumerate() {
                rows.push(LinkRow {
                    ord,
                    part,
                    symbol: symbol.clone(),
                    kind: LinkKind::Reference(reference.kind),
                    relation: reference.relation,
                });
            }
        }
        let after = self.references.len();
        for (i, described) in self.described_references.iter().enumerate() {
            if let Some(key) = described.key() {
                let kind = if described.symbols.is_empty() {
                    LinkKind::Described
                } else {
                    LinkKind::DescribedNamed
                };
                rows.push(LinkRow {
                    ord: after + i,
                    part: 0,
                    symbol: key,
                    kind,
                    relation: described.relation,
                });
            }
        }
        rows
    }

    /// The key a store files this text under: the id for an English text (or
    /// one of unknown language), `id@lang` for a version in another language,
    /// so the six language versions of one symbol are six stored texts of one
    /// work (the id).
    pub fn key(&self) -> String {
        expression_key(&self.id, &self.language)
    }
}

/// The store key of the `language` version of the work `id` (see [`Record::key`]).
pub fn expression_key(id: &str, language: &str) -> String {
    if language.is_empty() || language == "en" {
        id.to_owned()
    } else {
        format!("{id}@{language}")
    }
}

/// `sha256:` and the first 16 hex digits of the SHA-256 of the body text.
pub fn content_id(body_text: &str) -> String {
    let digest = Sha256::digest(body_text.as_bytes());
    let mut id = String::from("sha256:");
    for byte in &digest[..8] {
        id.push_str(&format!("{byte:02x}"));
    }
    id
}

/// The work (the record id) a store key belongs to, and its language.
pub fn split_key(key: &str) -> (&str, &str) {
    match key.rsplit_once('@') {
        Some((work, lang))
            if !lang.is_empty()
                && lang.len() <= 3
                && lang.bytes().all(|b| b.is_ascii_lowercase()) =>
        {
            (work, lang)
        }
        _ => (key, "en"),
    }
}

/// FRBR identity (Akoma Ntoso): the work is the document in every language,
/// the expression this language version of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Frbr {
    pub work: String,
    pub expression: String,
    /// The language the file declares (ISO 639-1), which may differ from
    /// `language` when the file is mislabelled.
    pub declared_language: Option<String>,
}

/// The adoption of a resolution or decision.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Adoption {
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    /// The meeting as printed: "3rd plenary meeting".
    pub meeting: Option<String>,
    /// The meeting's verbatim record: `A/80/PV.3`.
    pub meeting_record: Option<String>,
    /// The drafts or reports it was adopted on: `["A/80/L.2/Rev.1"]`.
    pub drafts: Vec<String>,
    /// `recorded_vote` or `without_vote`, where the document says.
    pub outcome: Option<String>,
}

/// One recorded vote: who voted how (short official English names).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vote {
    pub in_favour: Vec<String>,
    pub against: Vec<String>,
    pub abstaining: Vec<String>,
}

/// How a State voted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Ballot {
    InFavour,
    Against,
    Abstaining,
}

impl Ballot {
    pub fn as_str(self) -> &'static str {
        match self {
            Ballot::InFavour => "in_favour",
            Ballot::Against => "against",
            Ballot::Abstaining => "abstaining",
        }
    }

    pub fn parse(s: &str) -> Option<Ballot> {
        match s {
            "in_favour" => Some(Ballot::InFavour),
            "against" => Some(Ballot::Against),
            "abstaining" => Some(Ballot::Abstaining),
            _ => None,
        }
    }
}

impl Vote {
    /// Every State with its ballot, in favour first.
    pub fn ballots(&self) -> impl Iterator<Item = (&str, Ballot)> {
        fn each(list: &[String], b: Ballot) -> impl Iterator<Item = (&str, Ballot)> {
            list.iter().map(move |s| (s.as_str(), b))
        }
        each(&self.in_favour, Ballot::InFavour)
            .chain(each(&self.against, Ballot::Against))
            .chain(each(&self.abstaining, Ballot::Abstaining))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Distribution {
    General,
    Limited,
    Restricted,
}

/// A session as printed: a number for regular sessions (and year-named ones),
/// a string for special and emergency special sessions (`S-30`, `ES-10`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Session {
    Number(u32),
    Named(String),
}

impl Session {
    /// The session as printed: `79`, `2025`, `ES-10`.
    pub fn label(&self) -> String {
        match self {
            Session::Number(n) => n.to_string(),
            Session::Named(s) => s.clone(),
        }
    }
}

/// An organ the document is issued for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Body {
    /// The body's symbol prefix: `A`, `S`, `E`, `A/HRC`, `E/ICEF`, …
    pub organ: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<Session>,
    /// Security Council year ("Eightieth year" = 2025).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaItem {
    pub organ: String,
    pub number: u32,
    /// Sub-item letter: `a` for "32 (a)".
    pub sub: Option<String>,
    pub title: Option<String>,
    /// Addition: true for "Item 116 (c) of the preliminary list".
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub preliminary: bool,
}

impl Body {
    /// The session, or for the Security Council the year: what names the
    /// organ's meeting period in agenda items and filters (`79`, `ES-10`, `2025`).
    pub fn session_or_year(&self) -> Option<String> {
        self.session
            .as_ref()
            .map(Session::label)
            .or_else(|| self.year.map(|y| y.to_string()))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocType {
    Letter,
    IdenticalLetters,
    NoteVerbale,
    Resolution,
    DraftResolution,
    Decision,
    Report,
    MeetingRecord,
    Agenda,
    Other,
}

impl DocType {
    /// Every document type, in the order lists and help texts give them.
    pub const ALL: [DocType; 10] = [
        DocType::Letter,
        DocType::IdenticalLetters,
        DocType::NoteVerbale,
        DocType::Resolution,
        DocType::DraftResolution,
        DocType::Decision,
        DocType::Report,
        DocType::MeetingRecord,
        DocType::Agenda,
        DocType::Other,
    ];

    /// The type a serialized name (`note_verbale`) names.
    pub fn parse(name: &str) -> Option<DocType> {
        DocType::ALL.into_iter().find(|t| t.as_str() == name)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            DocType::Letter => "letter",
            DocType::IdenticalLetters => "identical_letters",
            DocType::NoteVerbale => "note_verbale",
            DocType::Resolution => "resolution",
            DocType::DraftResolution => "draft_resolution",
            DocType::Decision => "decision",
            DocType::Report => "report",
            DocType::MeetingRecord => "meeting_record",
            DocType::Agenda => "agenda",
            DocType::Other => "other",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Letter {
    /// Date of the letter itself (not the issue date), `YYYY-MM-DD`.
    pub date: Option<String>,
    /// The office as the title gives it.
    pub sender: Option<String>,
    /// The State it speaks for; null for UN officials and bodies.
    pub sender_state: Option<String>,
    /// Without a leading "the".
    pub addressees: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signatory {
    pub name: String,
    pub titles: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReferenceKind {
    Document,
    Resolution,
    Decision,
    MeetingRecord,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    RepliesTo,
    Cites,
}

impl ReferenceKind {
    /// The serialized name (`meeting_record`).
    pub fn as_str(self) -> &'static str {
        match self {
            ReferenceKind::Document => "document",
            ReferenceKind::Resolution => "resolution",
            ReferenceKind::Decision => "decision",
            ReferenceKind::MeetingRecord => "meeting_record",
        }
    }
}

impl ReferenceKind {
    /// The kind a serialized name (`meeting_record`) names.
    pub fn parse(name: &str) -> Option<ReferenceKind> {
        [
            ReferenceKind::Document,
            ReferenceKind::Resolution,
            ReferenceKind::Decision,
            ReferenceKind::MeetingRecord,
        ]
        .into_iter()
        .find(|k| k.as_str() == name)
    }
}

impl Relation {
    /// The relation a serialized name (`replies_to`) names.
    pub fn parse(name: &str) -> Option<Relation> {
        [Relation::RepliesTo, Relation::Cites]
            .into_iter()
            .find(|r| r.as_str() == name)
    }

    /// How pages and the terminal say it ("replies to").
    pub fn words(self) -> &'static str {
        match self {
            Relation::RepliesTo => "replies to",
            Relation::Cites => "cites",
        }
    }

    /// The serialized name (`replies_to`).
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::RepliesTo => "replies_to",
            Relation::Cites => "cites",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reference {
    pub kind: ReferenceKind,
    pub text: String,
    pub symbols: Vec<String>,
    pub relation: Relation,
    /// Byte offsets into the normalized body text.
    pub start: usize,
    pub end: usize,
    pub url: String,
    /// For `replies_to`: the words that make the named document the occasion
    /// of writing ("in connection with", "baseless … statement").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
    /// Addition: for a statement named by its meeting ("the statement
    /// delivered by the representative of France during the 9973rd
    /// meeting"), the State whose speech in that record it names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_state: Option<String>,
    /// Addition: in a meeting record, the speech it is made in (its index
    /// in `speeches`, from 0); none in the front matter and other documents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speech: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Circulation {
    pub organs: Vec<String>,
    pub agenda_items: Vec<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ParagraphKind {
    Body,
    Quote,
    Heading,
    ListItem,
    Signature,
    Annex,
    Footnote,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    pub kind: ParagraphKind,
    pub text: String,
    /// Addition: for resolutions, `preamble` or `operative`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part: Option<Part>,
}

/// The two parts of a resolution's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    Preamble,
    Operative,
}

impl Record {
    /// The resolutions this meeting's decisions became, with each decision's
    /// place in the record.
    pub fn adoptions(&self) -> impl Iterator<Item = (usize, &str)> {
        self.decisions
            .iter()
            .enumerate()
            .filter_map(|(i, d)| Some((i, d.adopted_as.as_deref()?)))
    }

    /// The normalized body text that reference spans point into:
    /// paragraph texts joined by a blank line.
    pub fn body_text(&self) -> String {
        join_paragraphs(&self.paragraphs)
    }
}

/// Each paragraph with the byte offset where it starts in the text
/// [`join_paragraphs`] makes: the one place that knows the separator's width.
pub fn paragraph_starts(paragraphs: &[Paragraph]) -> impl Iterator<Item = (usize, &Paragraph)> {
    paragraphs.iter().scan(0usize, |offset, p| {
        let start = *offset;
        *offset += p.text.len() + PARAGRAPH_SEPARATOR.len();
        Some((start, p))
    })
}

/// What joins two paragraphs in the body text.
const PARAGRAPH_SEPARATOR: &str = "\n\n";

/// Paragraph texts joined by `\n\n`, the text reference offsets count bytes in.
pub fn join_paragraphs(paragraphs: &[Paragraph]) -> String {
    let len = paragraphs.iter().map(|p| p.text.len() + 2).sum();
    let mut out = String::with_capacity(len);
    for (i, p) in paragraphs.iter().enumerate() {
        if i > 0 {
            out.push_str("\n\n");
        }
        out.push_str(&p.text);
    }
    out
}

/// Principal organs and the bodies whose names head mastheads, with the
/// symbol prefix the record uses for them (`Body::organ`). A circulation
/// request may name any of them ("as a document of the sixty-ninth session of
/// the Commission on the Status of Women"); one line here teaches both the
/// masthead reader and the circulation reader a body.
pub const ORGANS: [(&str, &str); 18] = [
    ("General Assembly", "A"),
    ("Security Council", "S"),
    ("Economic and Social Council", "E"),
    ("Trusteeship Council", "T"),
    ("Human Rights Council", "A/HRC"),
    ("Commission on the Status of Women", "E/CN.6"),
    ("Commission on Human Rights", "E/CN.4"),
    ("Statistical Commission", "E/CN.3"),
    ("Commission for Social Development", "E/CN.5"),
    ("Commission on Narcotic Drugs", "E/CN.7"),
    ("Commission on Population and Development", "E/CN.9"),
    (
        "Commission on Crime Prevention and Criminal Justice",
        "E/CN.15",
    ),
    (
        "Commission on Science and Technology for Development",
        "E/CN.16",
    ),
    ("United Nations Forum on Forests", "E/CN.18"),
    ("Permanent Forum on Indigenous Issues", "E/C.19"),
    ("Peacebuilding Commission", "PBC"),
    ("Special Committee on Decolonization", "A/AC.109"),
    ("United Nations Children’s Fund", "E/ICEF"),
];

/// Ordinal words below twenty ("first" … "nineteenth"; index 0 empty), as
/// sessions are named; the parser reads them and the AKN writer writes them.
pub const ORDINAL_UNITS: [&str; 20] = [
    "",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
];

/// Tens as cardinal and ordinal words, with their value ("seventy", "seventieth", 70).
pub const ORDINAL_TENS: [(&str, &str, u32); 8] = [
    ("twenty", "twentieth", 20),
    ("thirty", "thirtieth", 30),
    ("forty", "fortieth", 40),
    ("fifty", "fiftieth", 50),
    ("sixty", "sixtieth", 60),
    ("seventy", "seventieth", 70),
    ("eighty", "eightieth", 80),
    ("ninety", "ninetieth", 90),
];

/// The months as English mastheads write them.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The name of the organ with this symbol prefix ("S" → "Security Council").
pub fn organ_name(prefix: &str) -> Option<&'static str> {
    ORGANS
        .iter()
        .find(|(_, p)| *p == prefix)
        .map(|(name, _)| *name)
}

#[cfg(test)]
mod tests {

    #[test]
    fn content_ids_are_short_hashes() {
        let id = content_id("text");
        assert!(id.starts_with("sha256:"));
        assert_eq!(id.len(), 7 + 16);
    }
    use super::*;

    #[test]
    fn bodies_serialize_as_in_the_spec() {
        let ga = Body {
            organ: "A".into(),
            session: Some(Session::Number(75)),
            year: None,
        };
        let sc = Body {
            organ: "S".into(),
            session: None,
            year: Some(2021),
        };
        let es = Body {
            organ: "A".into(),
            session: Some(Session::Named("ES-10".into())),
            year: None,
        };
        let json = serde_json::to_string(&[ga, sc, es]).unwrap_or_default();
        assert_eq!(
            json,
            r#"[{"organ":"A","session":75},{"organ":"S","year":2021},{"organ":"A","session":"ES-10"}]"#
        );
    }

    #[test]
    fn enum_names_are_their_serialized_forms() {
        for kind in [
            ReferenceKind::Document,
            ReferenceKind::Resolution,
            ReferenceKind::Decision,
            ReferenceKind::MeetingRecord,
        ] {
            assert_eq!(serde_json::to_value(kind).ok(), Some(kind.as_str().into()));
        }
        for relation in [Relation::RepliesTo, Relation::Cites] {
            assert_eq!(
                serde_json::to_value(relation).ok(),
                Some(relation.as_str().into())
            );
        }
    }

    #[test]
    fn body_text_joins_with_blank_lines() {
        let p = |t: &str| Paragraph {
            kind: ParagraphKind::Body,
            text: t.into(),
            part: None,
        };
        assert_eq!(join_paragraphs(&[p("a"), p("b c")]), "a\n\nb c");
        assert_eq!(join_paragraphs(&[]), "");
    }
}

#[cfg(test)]
mod speech_tests {
    use super::*;

    fn speech(start: usize, end: usize) -> Speech {
        Speech {
            speaker: "Mr. A".into(),
            state: None,
            role: None,
            kind: SpeechKind::Statement,
            language: None,
            start,
            end,
            agenda_item: None,
        }
    }

    #[test]
    fn an_offset_belongs_to_the_speech_whose_span_holds_it() {
        let speeches = [speech(10, 20), speech(22, 40)];
        assert_eq!(speech_at(&speeches, 5), None, "front matter");
        assert_eq!(speech_at(&speeches, 10), Some(0));
        assert_eq!(speech_at(&speeches, 21), None, "between two spans");
        assert_eq!(speech_at(&speeches, 39), Some(1));
        assert_eq!(speech_at(&speeches, 40), None);
        assert_eq!(speech_at(&[], 3), None);
    }

    /// A/79/PV.29 prints "The Acting President:" where others print the
    /// presiding officer's name: an office, not a person who spoke.
    #[test]
    fn an_office_printed_in_place_of_a_name_is_no_person() {
        let spoken_by = |speaker: &str, role: Option<&str>| Speech {
            speaker: speaker.into(),
            role: role.map(Into::into),
            ..speech(0, 1)
        };
        let acting = spoken_by("The Acting President", Some("Acting President"));
        assert_eq!(acting.person(), None);
        let president = spoken_by("Mr. Deiss", Some("President"));
        assert_eq!(president.person(), Some("Mr. Deiss"));
        assert_eq!(
            spoken_by("Mr. Nebenzia", None).person(),
            Some("Mr. Nebenzia")
        );
    }
}
