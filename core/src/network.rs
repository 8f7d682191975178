//! Networks and their meetings.

use crate::date::{serde_date, Period};
use crate::plan::Frequency;
use crate::text::LocalizedText;
use chrono::NaiveDate;
use serde::Serialize;

/// A network (a developer group, a forum, a national development network).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Network {
    /// Unique id within the document.
    pub id: String,
    /// Name.
    pub name: LocalizedText,
    /// Organisations that launched or run it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub organisers: Vec<String>,
    /// The period over which the network is observed; the frequency rule checks only
    /// full units (years, quarters…) inside it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    /// The declared minimum frequency of meetings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_frequency: Option<Frequency>,
    /// Meetings, held or planned.
    #[serde(default)]
    pub meetings: Vec<Meeting>,
}

/// How a meeting is held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum MeetingFormat {
    /// Everyone in one place.
    InPerson,
    /// Everyone remote (Skype for Business, Teams).
    Remote,
    /// Some in place, some remote.
    Hybrid,
}

impl MeetingFormat {
    /// `"in_person"`, `"remote"`, `"hybrid"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            MeetingFormat::InPerson => "in_person",
            MeetingFormat::Remote => "remote",
            MeetingFormat::Hybrid => "hybrid",
        }
    }
}

/// Whether a meeting has happened.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum MeetingStatus {
    /// Held.
    #[default]
    Held,
    /// Planned.
    Planned,
    /// Cancelled.
    Cancelled,
}

/// How a source qualifies a count that it does not give exactly.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CountQualifier {
    /// "About N" (*noin*).
    About,
    /// "Almost N" (*lähes*): fewer than N.
    Almost,
    /// "Over N" (*yli*): more than N.
    Over,
    /// "At least N" (*vähintään*).
    AtLeast,
}

impl CountQualifier {
    /// `"about"`, `"almost"`, `"over"`, `"at_least"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            CountQualifier::About => "about",
            CountQualifier::Almost => "almost",
            CountQualifier::Over => "over",
            CountQualifier::AtLeast => "at_least",
        }
    }
}

/// A headcount, possibly approximate ("almost 40 experts").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Headcount {
    /// The number.
    pub count: u32,
    /// True when the source gives it approximately.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub approximate: bool,
    /// The source's own qualifier ("almost 40" is `almost`, not `about`), when
    /// it gives one; a qualified count is approximate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<CountQualifier>,
}

/// A meeting of a network.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Meeting {
    /// Unique id within the document.
    pub id: String,
    /// Date. For a meeting planned for a month only, the month's first day with
    /// `date_note` saying so.
    #[serde(with = "serde_date")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DateText"))]
    pub date: NaiveDate,
    /// The date in words when it is not exact ("March 2018").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_note: Option<String>,
    /// Held, planned or cancelled.
    #[serde(default)]
    pub status: MeetingStatus,
    /// Format.
    pub format: MeetingFormat,
    /// Platform for remote and hybrid meetings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<String>,
    /// Where the meeting is held ("Kuntatalo, Helsinki"), when stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// Duration in minutes, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_minutes: Option<u32>,
    /// True for a full-day meeting.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub full_day: bool,
    /// Participants.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub participants: Option<Headcount>,
    /// Region codes represented, when listed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub regions_represented: Vec<String>,
    /// The number of regions represented, when only counted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regions_count: Option<u32>,
}

// The JSON reader of these types (`crate::json_read`): the same mapping as the
// serde attributes above, checked by the conformance vectors and `core/tests/json_read.rs`.
crate::json_read::json_struct! { Network {
    id: req,
    name: req,
    organisers: def,
    period: def,
    min_frequency: def,
    meetings: def,
}}
crate::json_read::json_enum! { MeetingFormat {
    InPerson = "in_person",
    Remote = "remote",
    Hybrid = "hybrid",
}}
crate::json_read::json_enum! { MeetingStatus {
    Held = "held",
    Planned = "planned",
    Cancelled = "cancelled",
}}
crate::json_read::json_enum! { CountQualifier {
    About = "about",
    Almost = "almost",
    Over = "over",
    AtLeast = "at_least",
}}
crate::json_read::json_struct! { Headcount {
    count: req,
    approximate: def,
    qualifier: def,
}}
crate::json_read::json_struct! { Meeting {
    id: req,
    date: req with crate::json_read::date::one,
    date_note: def,
    status: def,
    format: req,
    platform: def,
    place: def,
    duration_minutes: def,
    full_day: def,
    participants: def,
    regions_represented: def,
    regions_count: def,
}}
