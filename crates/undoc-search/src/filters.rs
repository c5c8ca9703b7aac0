//! What a search can be narrowed by, defined once. The CLI's flags
//! (feature `clap`), the API's search and export parameters and the search
//! page's form (feature `serde`, with `utoipa` for the OpenAPI document) are
//! all this struct, so a filter added here reaches every front end.

use undoc_model::{DocType, SpeechKind};

use crate::{Result, SearchError};

/// The filters of a search. Empty: every document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "clap", derive(clap::Args))]
#[cfg_attr(feature = "serde", derive(serde::Deserialize))]
#[cfg_attr(feature = "utoipa", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "utoipa", into_params(parameter_in = Query))]
pub struct Filters {
    /// Organ symbol prefix: A, S, E, A/HRC …
    #[cfg_attr(feature = "clap", arg(long))]
    #[cfg_attr(feature = "serde", serde(default, deserialize_with = "form::value"))]
    pub organ: Option<String>,
    /// Session of the organ (79, ES-10); needs the organ.
    #[cfg_attr(feature = "clap", arg(long))]
    #[cfg_attr(feature = "serde", serde(default, deserialize_with = "form::value"))]
    pub session: Option<String>,
    /// Year of issue.
    #[cfg_attr(feature = "clap", arg(long))]
    #[cfg_attr(feature = "serde", serde(default, deserialize_with = "form::value"))]
    pub year: Option<i32>,
    /// Agenda item number; needs the organ and session.
    #[cfg_attr(feature = "clap", arg(long))]
    #[cfg_attr(feature = "serde", serde(default, deserialize_with = "form::value"))]
    pub agenda: Option<u32>,
    /// Document type: letter, identical_letters, note_verbale, resolution, report, meeting_record …
    #[cfg_attr(feature = "clap", arg(long = "type", value_parser = type_argument))]
    #[cfg_attr(
        feature = "serde",
        serde(rename = "type", default, deserialize_with = "form::value")
    )]
    #[cfg_attr(feature = "utoipa", param(rename = "type", value_type = Option<String>))]
    pub doc_type: Option<DocType>,
    /// Sender, speaking or mentioned State: any. Any of its names, in any case
    /// (Turkey, Türkiye, turkiye, Russia, Iran, Côte d'Ivoire, Ivory Coast).
    #[cfg_attr(feature = "clap", arg(long))]
    #[cfg_attr(feature = "serde", serde(default, deserialize_with = "form::value"))]
    pub state: Option<String>,
    /// The State that sent the letter or note, or (in a meeting record)
    /// that a speaker spoke for.
    #[cfg_attr(feature = "clap", arg(long))]
    #[cfg_attr(feature = "serde", serde(default, deserialize_with = "form::value"))]
    pub sender: Option<String>,
    /// A State the body names.
    #[cfg_attr(feature = "clap", arg(long))]
    #[cfg_attr(feature = "serde", serde(default, deserialize_with = "form::value"))]
    pub mentions: Option<String>,
    /// Meeting records where a speaker of this name spoke ("Nebenzia"):
    /// every word must be a word of some speaker's name, in any case.
    #[cfg_attr(feature = "clap", arg(long))]
    #[cfg_attr(feature = "serde", serde(default, deserialize_with = "form::value"))]
    pub speaker: Option<String>,
    /// Meeting records with a speech of this kind: statement,
    /// explanation_of_vote, right_of_reply, point_of_order, procedural.
    #[cfg_attr(feature = "clap", arg(long, value_parser = speech_kind_argument))]
    #[cfg_attr(feature = "serde", serde(default, deserialize_with = "form::value"))]
    #[cfg_attr(feature = "utoipa", param(value_type = Option<String>))]
    pub speech_kind: Option<SpeechKind>,
    /// Issued on or after (YYYY-MM-DD).
    #[cfg_attr(feature = "clap", arg(long))]
    #[cfg_attr(feature = "serde", serde(default, deserialize_with = "form::value"))]
    pub from: Option<String>,
    /// Issued on or before (YYYY-MM-DD).
    #[cfg_attr(feature = "clap", arg(long))]
    #[cfg_attr(feature = "serde", serde(default, deserialize_with = "form::value"))]
    pub to: Option<String>,
    /// Only documents stored in this language (en, fr, es, ru, ar, zh), searched in its words.
    #[cfg_attr(feature = "clap", arg(long = "lang"))]
    #[cfg_attr(
        feature = "serde",
        serde(rename = "lang", default, deserialize_with = "form::value")
    )]
    #[cfg_attr(feature = "utoipa", param(rename = "lang"))]
    pub language: Option<String>,
}

impl Filters {
    /// No filter set.
    pub fn is_empty(&self) -> bool {
        *self == Filters::default()
    }

    /// The filters set, as the API's query parameters name them, in a
    /// stable order: what a link to the same search carries.
    pub fn query_pairs(&self) -> Vec<(&'static str, String)> {
        let text = |v: &Option<String>| v.clone();
        [
            ("organ", text(&self.organ)),
            ("session", text(&self.session)),
            ("year", self.year.map(|y| y.to_string())),
            ("agenda", self.agenda.map(|a| a.to_string())),
            ("type", self.doc_type.map(|t| t.as_str().to_owned())),
            ("state", text(&self.state)),
            ("sender", text(&self.sender)),
            ("mentions", text(&self.mentions)),
            ("speaker", text(&self.speaker)),
            (
                "speech_kind",
                self.speech_kind.map(|k| k.as_str().to_owned()),
            ),
            ("from", text(&self.from)),
            ("to", text(&self.to)),
            ("lang", text(&self.language)),
        ]
        .into_iter()
        .filter_map(|(name, value)| Some((name, value?)))
        .collect()
    }

    /// These filters without the one the API calls `name`, and without what
    /// needs it (a session its organ, an agenda item its session).
    pub fn without(&self, name: &str) -> Filters {
        let mut fewer = self.clone();
        match name {
            "organ" => {
                fewer.organ = None;
                fewer.session = None;
                fewer.agenda = None;
            }
            "session" => {
                fewer.session = None;
                fewer.agenda = None;
            }
            "year" => fewer.year = None,
            "agenda" => fewer.agenda = None,
            "type" => fewer.doc_type = None,
            "state" => fewer.state = None,
            "sender" => fewer.sender = None,
            "mentions" => fewer.mentions = None,
            "speaker" => fewer.speaker = None,
            "speech_kind" => fewer.speech_kind = None,
            "from" => fewer.from = None,
            "to" => fewer.to = None,
            "lang" => fewer.language = None,
            _ => {}
        }
        fewer
    }

    /// Checks the combinations a user can get wrong: an agenda item or a
    /// session without what it belongs to, a State no name of which is
    /// known, a date that is not one.
    pub fn validate(&self) -> Result<()> {
        if self.agenda.is_some() && (self.organ.is_none() || self.session.is_none()) {
            return Err(SearchError::BadRequest(
                "an agenda item needs its organ and session".into(),
            ));
        }
        if self.session.is_some() && self.organ.is_none() {
            return Err(SearchError::BadRequest("a session needs its organ".into()));
        }
        for name in [&self.state, &self.sender, &self.mentions]
            .into_iter()
            .flatten()
        {
            crate::state_name(name)?;
        }
        if let Some(speaker) = &self.speaker
            && undoc_model::speaker_words(speaker).is_empty()
        {
            return Err(SearchError::BadRequest(format!(
                "{speaker:?} names no speaker: give a word of the name"
            )));
        }
        for date in [&self.from, &self.to].into_iter().flatten() {
            if crate::date_number(date).is_none() {
                return Err(SearchError::BadRequest(format!(
                    "{date} is not a date (YYYY-MM-DD)"
                )));
            }
        }
        Ok(())
    }
}

/// `--type`, by the same rule as the API's `type` (words or snake case).
#[cfg(feature = "clap")]
fn type_argument(name: &str) -> std::result::Result<DocType, String> {
    crate::doc_type(name).map_err(|e| e.to_string())
}

/// `--speech-kind`, by the same rule as the API's `speech_kind`.
#[cfg(feature = "clap")]
fn speech_kind_argument(name: &str) -> std::result::Result<SpeechKind, String> {
    speech_kind(name)
}

/// A speech kind as typed, or what the kinds are.
#[cfg(any(feature = "clap", feature = "serde"))]
fn speech_kind(name: &str) -> std::result::Result<SpeechKind, String> {
    SpeechKind::read(name).ok_or_else(|| {
        let kinds: Vec<&str> = SpeechKind::ALL.iter().map(|k| k.as_str()).collect();
        format!(
            "{name:?} is no kind of speech; one of: {}",
            kinds.join(", ")
        )
    })
}

/// Query-string values as forms send them: a field left blank (`year=`)
/// is no filter, and a value is read by the filter's own rule, so a bad one
/// is refused with what was wrong.
#[cfg(feature = "serde")]
mod form {
    use serde::{Deserialize, Deserializer, de::Error};

    pub trait FormValue: Sized {
        fn read(text: &str) -> Result<Self, String>;
    }

    impl FormValue for String {
        fn read(text: &str) -> Result<Self, String> {
            Ok(text.to_owned())
        }
    }

    impl FormValue for i32 {
        fn read(text: &str) -> Result<Self, String> {
            text.parse()
                .map_err(|_| format!("{text:?} is not a year (a number)"))
        }
    }

    impl FormValue for u32 {
        fn read(text: &str) -> Result<Self, String> {
            text.parse()
                .map_err(|_| format!("{text:?} is not an agenda item (a number)"))
        }
    }

    impl FormValue for undoc_model::SpeechKind {
        fn read(text: &str) -> Result<Self, String> {
            super::speech_kind(text)
        }
    }

    impl FormValue for undoc_model::DocType {
        fn read(text: &str) -> Result<Self, String> {
            crate::doc_type(text).map_err(|e| match e {
                crate::SearchError::BadRequest(why) => why,
                other => other.to_string(),
            })
        }
    }

    pub fn value<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
    where
        D: Deserializer<'de>,
        T: FormValue,
    {
        let text = Option::<String>::deserialize(deserializer)?;
        match text.as_deref().map(str::trim) {
            None | Some("") => Ok(None),
            Some(text) => T::read(text).map(Some).map_err(D::Error::custom),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_agenda_item_needs_its_organ_and_session() {
        let filters = Filters {
            agenda: Some(132),
            ..Filters::default()
        };
        assert!(matches!(
            filters.validate(),
            Err(SearchError::BadRequest(_))
        ));
        assert!(
            Filters {
                organ: Some("A".into()),
                session: Some("79".into()),
                ..filters
            }
            .validate()
            .is_ok()
        );
    }

    #[test]
    fn each_filter_set_can_be_left_out_by_its_name() {
        let filters = Filters {
            organ: Some("A".into()),
            session: Some("79".into()),
            agenda: Some(40),
            year: Some(2025),
            speech_kind: Some(SpeechKind::RightOfReply),
            language: Some("fr".into()),
            ..Filters::default()
        };
        for (name, _) in filters.query_pairs() {
            let fewer = filters.without(name);
            assert!(
                !fewer.query_pairs().iter().any(|(n, _)| *n == name),
                "{name}"
            );
            assert!(fewer.validate().is_ok(), "{name}");
        }
        assert_eq!(filters.without("organ").query_pairs().len(), 3);
    }

    #[test]
    fn no_filter_is_empty_and_any_filter_is_not() {
        assert!(Filters::default().is_empty());
        assert!(
            !Filters {
                language: Some("fr".into()),
                ..Filters::default()
            }
            .is_empty()
        );
    }
}
