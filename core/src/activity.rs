//! Activity reports (the Pohjanmaa activity report 2005–2006).

use crate::date::Period;
use crate::text::LocalizedText;
use serde::Serialize;

/// A centre's activity report for a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ActivityReport {
    /// Unique id within the document.
    pub id: String,
    /// The centre's registry id.
    pub centre: String,
    /// The region reported on, when the report covers one region.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Title.
    pub title: LocalizedText,
    /// Period.
    pub period: Period,
    /// How many times the steering group met in the period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub steering_group_meetings: Option<u32>,
    /// The number of municipalities in the area at the time, as stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub municipalities_in_area: Option<u32>,
    /// Priority areas and their projects.
    #[serde(default)]
    pub priority_areas: Vec<PriorityArea>,
    /// Networks (developer groups, forums, Nordic cooperation) reported on, by id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub networks: Vec<String>,
    /// Evaluations reported on, by id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evaluations: Vec<String>,
    /// Other activities in words.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub activities: Vec<LocalizedText>,
}

/// A priority area of a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PriorityArea {
    /// Title.
    pub title: LocalizedText,
    /// Number of projects, when stated ("8 projects so far").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub projects: Option<u32>,
    /// Details.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<LocalizedText>,
}

// The JSON reader of these types (`crate::json_read`): the same mapping as the
// serde attributes above, checked by the conformance vectors and `core/tests/json_read.rs`.
crate::json_read::json_struct! { ActivityReport {
    id: req,
    centre: req,
    region: def,
    title: req,
    period: req,
    steering_group_meetings: def,
    municipalities_in_area: def,
    priority_areas: def,
    networks: def,
    evaluations: def,
    activities: def,
}}
crate::json_read::json_struct! { PriorityArea {
    title: req,
    projects: def,
    note: def,
}}
