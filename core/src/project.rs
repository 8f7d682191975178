//! Development projects and units: phases, organisations, objectives, developer
//! teams, and budgets in integer cents.

use crate::date::Period;
use crate::money::{Bp, Cents};
use crate::text::LocalizedText;
use serde::Serialize;

/// A development project or unit (the Lapland social work development unit).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DevelopmentProject {
    /// Unique id within the document.
    pub id: String,
    /// Name.
    pub name: LocalizedText,
    /// The period of this phase of the project.
    pub period: Period,
    /// Phases, earlier ones included.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub phases: Vec<Phase>,
    /// Organisations and their roles.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub organisations: Vec<Organisation>,
    /// Objectives.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub objectives: Vec<Objective>,
    /// Developer teams.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub teams: Vec<DeveloperTeam>,
    /// Tasks common to every developer team ("kehittäjätiimien kaikille yhteiset
    /// tehtävät").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub team_common_tasks: Vec<LocalizedText>,
    /// Work areas with their expected results ("Toiminta ja tulokset": each area's
    /// `Tulos:`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub work_areas: Vec<WorkArea>,
    /// Other participating municipalities (codes), beyond the teams' base municipalities.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub participants: Vec<String>,
    /// Budget.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<Budget>,
    /// Evaluations of the project, by id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evaluations: Vec<String>,
}

/// A phase of a project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Phase {
    /// Name ("I", "II", "III").
    pub name: String,
    /// Period.
    pub period: Period,
}

/// A role an organisation plays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum OrgRole {
    /// Administers the project (a joint municipal authority).
    Administrator,
    /// Coordinates it (a centre).
    Coordinator,
    /// A partner (a university).
    Partner,
    /// A funder.
    Funder,
    /// A participating municipality or body.
    Participant,
}

/// An organisation with its roles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Organisation {
    /// Id within the project (funding sources refer to it).
    pub id: String,
    /// Name.
    pub name: LocalizedText,
    /// Roles.
    pub roles: Vec<OrgRole>,
    /// The centre's registry id, when the organisation is a centre.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub centre: Option<String>,
}

/// The perspective an objective belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Perspective {
    /// In relation to clients.
    Clients,
    /// In relation to staff.
    Staff,
    /// In relation to management.
    Management,
    /// In relation to the service structure.
    ServiceStructure,
    /// In relation to research and teaching.
    ResearchAndTeaching,
    /// Any other.
    Other,
}

impl Perspective {
    /// The snake_case name used in JSON and CSV.
    pub const fn as_str(self) -> &'static str {
        match self {
            Perspective::Clients => "clients",
            Perspective::Staff => "staff",
            Perspective::Management => "management",
            Perspective::ServiceStructure => "service_structure",
            Perspective::ResearchAndTeaching => "research_and_teaching",
            Perspective::Other => "other",
        }
    }
}

/// What an objective does with its work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ObjectiveAction {
    /// Continue.
    Continue,
    /// Start.
    Start,
    /// Expand.
    Expand,
    /// Deepen.
    Deepen,
}

/// A numbered objective.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Objective {
    /// Number (1–10).
    pub number: u32,
    /// Perspective.
    pub perspective: Perspective,
    /// Action.
    pub action: ObjectiveAction,
    /// Text.
    pub text: LocalizedText,
}

/// A numbered work area of a project: what is done and the result expected
/// (the source's `Tulos:`).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WorkArea {
    /// Number as printed.
    pub number: u32,
    /// Title.
    pub title: LocalizedText,
    /// The expected result (`Tulos:`), when stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_result: Option<LocalizedText>,
}

/// A developer team based in a municipality and covering an area.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DeveloperTeam {
    /// Unique id within the project.
    pub id: String,
    /// The team's name as the source gives it ("Kemin aikuissosiaalityön tiimi").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<LocalizedText>,
    /// Base municipality code.
    pub base_municipality: String,
    /// Name of the area ("North Lapland").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area_name: Option<LocalizedText>,
    /// Municipality codes of the area.
    #[serde(default)]
    pub area_municipalities: Vec<String>,
    /// Teams (ids) this team shares its area with on purpose (Kemi and Tornio share
    /// Länsi-Pohja). A municipality in two shared teams' areas is not an overlap.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shared_with: Vec<String>,
    /// The same area as listed elsewhere in the source (an appendix). A listing that
    /// differs from `area_municipalities` is reported (`team.area-listings-disagree`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_listings: Vec<AreaListing>,
    /// The team's own development tasks ("kehittäjätiimien omat erityiset
    /// kehittämistehtävät").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tasks: Vec<LocalizedText>,
}

/// An area as one part of a source lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AreaListing {
    /// Where it is listed ("appendix 1").
    pub source: String,
    /// Municipality codes as listed there.
    pub municipalities: Vec<String>,
}

/// A budget with its funding sources, in integer cents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Budget {
    /// Total.
    pub total: Cents,
    /// Funding sources; their amounts must sum to the total.
    pub sources: Vec<FundingSource>,
    /// How far a source's real share may stray from its stated share before a
    /// warning (default 0.01 percentage points = `Bp(1)`).
    #[serde(default = "default_tolerance")]
    pub share_tolerance: Bp,
    /// A full operating year's figures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annual: Option<AnnualBudget>,
}

fn default_tolerance() -> Bp {
    Bp(1)
}

/// A funding source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct FundingSource {
    /// The funder: an organisation id of the project.
    pub funder: String,
    /// Amount.
    pub amount: Cents,
    /// The share as stated in the source (75 % = `Bp(7500)`), when stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stated_share: Option<Bp>,
}

/// A full operating year's budget.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AnnualBudget {
    /// Total per year.
    pub total: Cents,
    /// Funding sources per year; must sum to the total.
    pub sources: Vec<FundingSource>,
    /// Per-participant contribution rules; their sum must equal the amount of the
    /// source they describe.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contributions: Vec<ContributionRule>,
    /// The funder (organisation id) whose yearly amount the contributions make up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contributions_fund: Option<String>,
}

/// Which participants a contribution rule applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ParticipantCategory {
    /// A municipality that hosts a developer team (a developer social worker).
    TeamMunicipality,
    /// Any other participating municipality.
    OtherParticipant,
}

impl ParticipantCategory {
    /// The snake_case name.
    pub const fn as_str(self) -> &'static str {
        match self {
            ParticipantCategory::TeamMunicipality => "team_municipality",
            ParticipantCategory::OtherParticipant => "other_participant",
        }
    }
}

/// "Each municipality of this category pays this much a year".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ContributionRule {
    /// Category.
    pub category: ParticipantCategory,
    /// Amount per participant per year.
    pub per_year: Cents,
    /// How many participants the rule counts. When absent it is derived: the distinct
    /// base municipalities of the teams, or the project's other participants.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
}

impl DevelopmentProject {
    /// The number of participants in a category, as declared in the project.
    pub fn participant_count(&self, category: ParticipantCategory) -> u32 {
        let n = match category {
            ParticipantCategory::TeamMunicipality => {
                let mut bases: Vec<&str> = self
                    .teams
                    .iter()
                    .map(|t| t.base_municipality.as_str())
                    .collect();
                bases.sort_unstable();
                bases.dedup();
                bases.len()
            }
            ParticipantCategory::OtherParticipant => self.participants.len(),
        };
        u32::try_from(n).unwrap_or(u32::MAX)
    }
}

// The JSON reader of these types (`crate::json_read`): the same mapping as the
// serde attributes above, checked by the conformance vectors and `core/tests/json_read.rs`.
crate::json_read::json_struct! { DevelopmentProject {
    id: req,
    name: req,
    period: req,
    phases: def,
    organisations: def,
    objectives: def,
    teams: def,
    team_common_tasks: def,
    work_areas: def,
    participants: def,
    budget: def,
    evaluations: def,
}}
crate::json_read::json_struct! { Phase {
    name: req,
    period: req,
}}
crate::json_read::json_enum! { OrgRole {
    Administrator = "administrator",
    Coordinator = "coordinator",
    Partner = "partner",
    Funder = "funder",
    Participant = "participant",
}}
crate::json_read::json_struct! { Organisation {
    id: req,
    name: req,
    roles: req,
    centre: def,
}}
crate::json_read::json_enum! { Perspective {
    Clients = "clients",
    Staff = "staff",
    Management = "management",
    ServiceStructure = "service_structure",
    ResearchAndTeaching = "research_and_teaching",
    Other = "other",
}}
crate::json_read::json_enum! { ObjectiveAction {
    Continue = "continue",
    Start = "start",
    Expand = "expand",
    Deepen = "deepen",
}}
crate::json_read::json_struct! { Objective {
    number: req,
    perspective: req,
    action: req,
    text: req,
}}
crate::json_read::json_struct! { WorkArea {
    number: req,
    title: req,
    expected_result: def,
}}
crate::json_read::json_struct! { DeveloperTeam {
    id: req,
    name: def,
    base_municipality: req,
    area_name: def,
    area_municipalities: def,
    shared_with: def,
    other_listings: def,
    tasks: def,
}}
crate::json_read::json_struct! { AreaListing {
    source: req,
    municipalities: req,
}}
crate::json_read::json_struct! { Budget {
    total: req,
    sources: req,
    share_tolerance: or(default_tolerance()),
    annual: def,
}}
crate::json_read::json_struct! { FundingSource {
    funder: req,
    amount: req,
    stated_share: def,
}}
crate::json_read::json_struct! { AnnualBudget {
    total: req,
    sources: req,
    contributions: def,
    contributions_fund: def,
}}
crate::json_read::json_enum! { ParticipantCategory {
    TeamMunicipality = "team_municipality",
    OtherParticipant = "other_participant",
}}
crate::json_read::json_struct! { ContributionRule {
    category: req,
    per_year: req,
    count: def,
}}
