//! The document: everything a file can hold, with its format version.

use crate::activity::ActivityReport;
use crate::consultation::ConsultationProgramme;
use crate::evaluation::Evaluation;
use crate::network::Network;
use crate::plan::ActionPlan;
use crate::project::DevelopmentProject;
use serde::Serialize;

/// The document format version this library reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// One oske document: plans, projects, networks, evaluations, consultation
/// programmes and activity reports. Ids are unique within their kind across the
/// document.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Document {
    /// The format version (currently 1). Required.
    pub format_version: u32,
    /// A title for the document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Action plans.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub action_plans: Vec<ActionPlan>,
    /// Development projects and units.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub projects: Vec<DevelopmentProject>,
    /// Networks and their meetings.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub networks: Vec<Network>,
    /// Evaluations.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evaluations: Vec<Evaluation>,
    /// Consultation programmes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub consultation_programmes: Vec<ConsultationProgramme>,
    /// Activity reports.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub activity_reports: Vec<ActivityReport>,
}

impl Default for Document {
    fn default() -> Self {
        Document::new()
    }
}

impl Document {
    /// An empty document of the current format version.
    pub fn new() -> Document {
        Document {
            format_version: FORMAT_VERSION,
            title: None,
            action_plans: Vec::new(),
            projects: Vec::new(),
            networks: Vec::new(),
            evaluations: Vec::new(),
            consultation_programmes: Vec::new(),
            activity_reports: Vec::new(),
        }
    }

    /// Appends everything in `other` to this document.
    pub fn merge(&mut self, other: Document) {
        self.action_plans.extend(other.action_plans);
        self.projects.extend(other.projects);
        self.networks.extend(other.networks);
        self.evaluations.extend(other.evaluations);
        self.consultation_programmes
            .extend(other.consultation_programmes);
        self.activity_reports.extend(other.activity_reports);
    }
}

// The JSON reader of these types (`crate::json_read`): the same mapping as the
// serde attributes above, checked by the conformance vectors and `core/tests/json_read.rs`.
crate::json_read::json_struct! { Document {
    format_version: req,
    title: def,
    action_plans: def,
    projects: def,
    networks: def,
    evaluations: def,
    consultation_programmes: def,
    activity_reports: def,
}}
