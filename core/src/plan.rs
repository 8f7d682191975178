//! Action plans: priorities, regional sections and their measures, revisions and
//! approvals, and special-task plans.

use crate::date::{serde_date, Period};
use crate::money::{Bp, Cents};
use crate::tasks::{SpecialTaskKind, StatutoryTask};
use crate::text::LocalizedText;
use chrono::NaiveDate;
use serde::Serialize;

/// A centre's action plan (*toimintasuunnitelma*) for a period.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ActionPlan {
    /// Unique id within the document.
    pub id: String,
    /// The centre's registry id (`"sonet-botnia"`).
    pub centre: String,
    /// Title.
    pub title: LocalizedText,
    /// The period the plan covers (2020–2021).
    pub period: Period,
    /// Vision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vision: Option<LocalizedText>,
    /// Values.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<LocalizedText>,
    /// The statutory tasks the plan restates.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub statutory_tasks: Vec<StatutoryTask>,
    /// The population of the area, as the plan states it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub population: Option<PopulationTable>,
    /// Common priorities (*painopisteet*).
    #[serde(default)]
    pub priorities: Vec<Priority>,
    /// One section per region, with its measures.
    #[serde(default)]
    pub sections: Vec<RegionalSection>,
    /// Special-task plans (the Nordic task).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub special_tasks: Vec<SpecialTaskPlan>,
    /// Revisions of the plan (the COVID-19 update).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub revisions: Vec<Revision>,
    /// Approvals (body and date).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub approvals: Vec<Approval>,
    /// Instruments the plan names for measuring social functioning and effectiveness.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub instruments: Vec<crate::evaluation::Instrument>,
}

/// A population table with its stated total (the total must equal its parts).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PopulationTable {
    /// Reference date (31.12.2019).
    #[serde(with = "serde_date")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DateText"))]
    pub reference_date: NaiveDate,
    /// Figures per region or municipality.
    pub parts: Vec<PopulationPart>,
    /// The total as stated.
    pub total: u64,
}

/// One row of a [`PopulationTable`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PopulationPart {
    /// Region or municipality code.
    pub area: String,
    /// Inhabitants.
    pub population: u64,
}

/// A priority, common to the plan or local to one regional section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Priority {
    /// Unique id within the plan (measures refer to it).
    pub id: String,
    /// Number as printed in the plan.
    pub number: u32,
    /// Title in at least one language.
    pub title: LocalizedText,
    /// For a local priority: the common priority it corresponds to, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maps_to: Option<String>,
}

/// What kind of area a regional section's code names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum SectionArea {
    /// A region (*maakunta* / *landskap*): the default, and the only kind before 2023.
    #[default]
    Region,
    /// A wellbeing services county (*hyvinvointialue* / *välfärdsområde*), or the City
    /// of Helsinki: the areas the centres serve from 1.1.2023 (Decree 1248/2022).
    County,
}

impl SectionArea {
    /// True for the default, [`SectionArea::Region`] (not written to JSON).
    pub fn is_region(&self) -> bool {
        *self == SectionArea::Region
    }

    /// `"region"` or `"county"`, as written in JSON and tables.
    pub const fn as_str(self) -> &'static str {
        match self {
            SectionArea::Region => "region",
            SectionArea::County => "county",
        }
    }
}

/// A regional section of a plan: the part of the plan for one region or, from
/// 1.1.2023, one wellbeing services county of the centre's area.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RegionalSection {
    /// The area's code: a region code (`"14"`), or a county code when `area_kind` is
    /// `county` (`"17"`, Pohjanmaan hyvinvointialue).
    pub region: String,
    /// What `region` names: `region` (the default, omitted in JSON) or `county`.
    #[serde(default, skip_serializing_if = "SectionArea::is_region")]
    pub area_kind: SectionArea,
    /// The section's own title, as the plan prints it ("SONet BOTNIAn Keski-Pohjanmaan
    /// alueellinen toimintasuunnitelma vuosille 2020–2021").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<LocalizedText>,
    /// The period the section itself covers, when it says (Pohjanmaa: 2020 only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    /// The period of an earlier plan that this section refines, when it says so
    /// ("Toimintakauden 2019–2020 toimintasuunnitelmaa on tarkennettu vuoden 2020
    /// ajalta": 2019–2020).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refines_period: Option<Period>,
    /// The section's own numbered items, where it numbers differently or adds some
    /// (Keski-Pohjanmaa's 6th item; Pohjanmaa's six areas).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub local_priorities: Vec<Priority>,
    /// Measures (*toimenpiteet*).
    #[serde(default)]
    pub measures: Vec<Measure>,
}

/// What kind of work a measure is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum MeasureKind {
    /// A network and its meetings.
    Network,
    /// A meeting or forum.
    Meeting,
    /// A workshop.
    Workshop,
    /// A themed afternoon (*teemailtapäivä*).
    ThemedAfternoon,
    /// A survey or mapping (*selvitys*).
    Survey,
    /// A statement (*lausunto*).
    Statement,
    /// A steering-group seat.
    SteeringGroup,
    /// Preparing a project.
    ProjectPreparation,
    /// Supporting a project.
    ProjectSupport,
    /// Evaluation work.
    Evaluation,
    /// An event or seminar.
    Event,
    /// A study visit.
    StudyVisit,
    /// Consultation.
    Consultation,
    /// Training.
    Training,
    /// A publication.
    Publication,
    /// Anything else.
    Other,
}

/// Service areas named in the plans.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ServiceArea {
    /// Adult (working-age) social work.
    AdultSocialWork,
    /// Services for families with children.
    FamiliesWithChildren,
    /// Child protection.
    ChildProtection,
    /// Family law.
    FamilyLaw,
    /// Disability services.
    DisabilityServices,
    /// Services for older people.
    OlderPeople,
    /// Substance abuse and mental health.
    SubstanceAbuseAndMentalHealth,
    /// Early childhood education.
    EarlyChildhoodEducation,
    /// Immigrant social work.
    ImmigrantSocialWork,
    /// Several or all areas, or another.
    Other,
}

/// A measure's status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum MeasureStatus {
    /// Planned.
    #[default]
    Planned,
    /// Under way.
    Ongoing,
    /// Done.
    Done,
    /// Postponed (e.g. because of COVID-19).
    Postponed,
    /// Cancelled.
    Cancelled,
}

/// The unit of a frequency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum FrequencyUnit {
    /// Per calendar year.
    Year,
    /// Per calendar half-year.
    HalfYear,
    /// Per calendar quarter.
    Quarter,
    /// Per calendar month.
    Month,
}

impl FrequencyUnit {
    /// `"year"`, `"half_year"`, `"quarter"`, `"month"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            FrequencyUnit::Year => "year",
            FrequencyUnit::HalfYear => "half_year",
            FrequencyUnit::Quarter => "quarter",
            FrequencyUnit::Month => "month",
        }
    }
}

/// How a source words a frequency's count.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FrequencyQualifier {
    /// "At least N times" (*vähintään*): a minimum, checked against the meetings.
    #[default]
    AtLeast,
    /// "N times" as a plain statement (*kaksi kertaa vuodessa*, *vuosittain*): also
    /// checked as a minimum.
    Exactly,
    /// "On average N times" (*keskimäärin*): not a minimum, never checked against
    /// single periods.
    OnAverage,
}

impl FrequencyQualifier {
    /// `"at_least"`, `"exactly"`, `"on_average"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            FrequencyQualifier::AtLeast => "at_least",
            FrequencyQualifier::Exactly => "exactly",
            FrequencyQualifier::OnAverage => "on_average",
        }
    }

    /// True when each unit must hold at least the count (at least, exactly).
    pub const fn is_minimum(self) -> bool {
        !matches!(self, FrequencyQualifier::OnAverage)
    }

    fn is_default(&self) -> bool {
        *self == FrequencyQualifier::AtLeast
    }
}

/// "At least N times per unit", e.g. "meets at least 2 × a year"; or, with a
/// qualifier, "N times" or "on average N times".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Frequency {
    /// The count per unit: a minimum unless `qualifier` says otherwise.
    pub min_times: u32,
    /// The unit.
    pub per: FrequencyUnit,
    /// How the source words the count (default: at least).
    #[serde(default, skip_serializing_if = "FrequencyQualifier::is_default")]
    pub qualifier: FrequencyQualifier,
    /// The wording in the source ("vähintään 2 x vuodessa").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// When a measure happens: a period, single dates, and/or words ("syksy 2020").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Schedule {
    /// A period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    /// Single dates.
    #[serde(
        default,
        with = "serde_date::vec",
        skip_serializing_if = "Vec::is_empty"
    )]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<crate::schema::DateText>"))]
    pub dates: Vec<NaiveDate>,
    /// The timing in words, as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A measure (*toimenpide*) of a regional section.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Measure {
    /// Unique id within the document.
    pub id: String,
    /// Title or short description.
    pub title: LocalizedText,
    /// Kind.
    pub kind: MeasureKind,
    /// The priority served: the id of a common priority or of a local one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<String>,
    /// Service areas concerned.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub service_areas: Vec<ServiceArea>,
    /// When.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schedule: Option<Schedule>,
    /// How often, for recurring measures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub frequency: Option<Frequency>,
    /// Partner organisations.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub partners: Vec<String>,
    /// Status.
    #[serde(default)]
    pub status: MeasureStatus,
    /// A network this measure runs, by id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network: Option<String>,
    /// Instruments the measure uses (AVAIN, ARVOA, SOSDigi, Suuntima).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub instruments: Vec<crate::evaluation::Instrument>,
}

/// Why a plan was revised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum RevisionReason {
    /// The COVID-19 pandemic (state of emergency 16.3.2020).
    Covid19,
    /// The yearly update.
    AnnualUpdate,
    /// Another reason, described in the revision.
    Other,
}

/// A revision of a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Revision {
    /// Date of the revision.
    #[serde(with = "serde_date")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DateText"))]
    pub date: NaiveDate,
    /// Reason.
    pub reason: RevisionReason,
    /// What changed.
    pub description: LocalizedText,
}

/// An approval of a plan by a body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Approval {
    /// The approving body (e.g. "SONet BOTNIA board").
    pub body: String,
    /// Date.
    #[serde(with = "serde_date")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DateText"))]
    pub date: NaiveDate,
}

/// The plan of a special task for a year (the Nordic task's content, approved by the
/// centres' directors).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SpecialTaskPlan {
    /// Unique id within the document.
    pub id: String,
    /// Kind.
    pub kind: SpecialTaskKind,
    /// Year.
    pub year: i32,
    /// Share of the state grant (0.75 % = `Bp(75)`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grant_share: Option<Bp>,
    /// The state grant the share is taken from, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state_grant: Option<Cents>,
    /// The amount allocated, when stated; must equal the computed share.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allocated: Option<Cents>,
    /// Content items for the year.
    #[serde(default)]
    pub content: Vec<LocalizedText>,
    /// Approvals of the content.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub approvals: Vec<Approval>,
    /// The consultation programme that carries it out, by id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consultation_programme: Option<String>,
}

// The JSON reader of these types (`crate::json_read`): the same mapping as the
// serde attributes above, checked by the conformance vectors and `core/tests/json_read.rs`.
crate::json_read::json_struct! { ActionPlan {
    id: req,
    centre: req,
    title: req,
    period: req,
    vision: def,
    values: def,
    statutory_tasks: def,
    population: def,
    priorities: def,
    sections: def,
    special_tasks: def,
    revisions: def,
    approvals: def,
    instruments: def,
}}
crate::json_read::json_struct! { PopulationTable {
    reference_date: req with crate::json_read::date::one,
    parts: req,
    total: req,
}}
crate::json_read::json_struct! { PopulationPart {
    area: req,
    population: req,
}}
crate::json_read::json_struct! { Priority {
    id: req,
    number: req,
    title: req,
    maps_to: def,
}}
crate::json_read::json_enum! { SectionArea {
    Region = "region",
    County = "county",
}}
crate::json_read::json_struct! { RegionalSection {
    region: req,
    area_kind: def,
    title: def,
    period: def,
    refines_period: def,
    local_priorities: def,
    measures: def,
}}
crate::json_read::json_enum! { MeasureKind {
    Network = "network",
    Meeting = "meeting",
    Workshop = "workshop",
    ThemedAfternoon = "themed_afternoon",
    Survey = "survey",
    Statement = "statement",
    SteeringGroup = "steering_group",
    ProjectPreparation = "project_preparation",
    ProjectSupport = "project_support",
    Evaluation = "evaluation",
    Event = "event",
    StudyVisit = "study_visit",
    Consultation = "consultation",
    Training = "training",
    Publication = "publication",
    Other = "other",
}}
crate::json_read::json_enum! { ServiceArea {
    AdultSocialWork = "adult_social_work",
    FamiliesWithChildren = "families_with_children",
    ChildProtection = "child_protection",
    FamilyLaw = "family_law",
    DisabilityServices = "disability_services",
    OlderPeople = "older_people",
    SubstanceAbuseAndMentalHealth = "substance_abuse_and_mental_health",
    EarlyChildhoodEducation = "early_childhood_education",
    ImmigrantSocialWork = "immigrant_social_work",
    Other = "other",
}}
crate::json_read::json_enum! { MeasureStatus {
    Planned = "planned",
    Ongoing = "ongoing",
    Done = "done",
    Postponed = "postponed",
    Cancelled = "cancelled",
}}
crate::json_read::json_enum! { FrequencyUnit {
    Year = "year",
    HalfYear = "half_year",
    Quarter = "quarter",
    Month = "month",
}}
crate::json_read::json_enum! { FrequencyQualifier {
    AtLeast = "at_least",
    Exactly = "exactly",
    OnAverage = "on_average",
}}
crate::json_read::json_struct! { Frequency {
    min_times: req,
    per: req,
    qualifier: def,
    note: def,
}}
crate::json_read::json_struct! { Schedule {
    period: def,
    dates: def with crate::json_read::date::vec,
    note: def,
}}
crate::json_read::json_struct! { Measure {
    id: req,
    title: req,
    kind: req,
    priority: def,
    service_areas: def,
    schedule: def,
    frequency: def,
    partners: def,
    status: def,
    network: def,
    instruments: def,
}}
crate::json_read::json_enum! { RevisionReason {
    Covid19 = "covid19",
    AnnualUpdate = "annual_update",
    Other = "other",
}}
crate::json_read::json_struct! { Revision {
    date: req with crate::json_read::date::one,
    reason: req,
    description: req,
}}
crate::json_read::json_struct! { Approval {
    body: req,
    date: req with crate::json_read::date::one,
}}
crate::json_read::json_struct! { SpecialTaskPlan {
    id: req,
    kind: req,
    year: req,
    grant_share: def,
    state_grant: def,
    allocated: def,
    content: def,
    approvals: def,
    consultation_programme: def,
}}
