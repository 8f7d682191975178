//! The `oske` model, exposed to Kotlin as the core's own types.
//!
//! Each item below is a `#[uniffi::remote(...)]` mirror: it repeats the field list
//! of a type defined in `oske`, and UniFFI generates the FFI conversion for the
//! core type itself. No struct is copied into a second Rust type, so there is no
//! conversion code to keep in step: when a core type changes, this file stops
//! compiling until the mirror matches again.
//!
//! Scalar types map as the core has them: `u32` → `UInt`, `u64` → `ULong`,
//! `i32` → `Int`, `f64` → `Double`; money ([`Cents`]) is a `Long` of euro cents,
//! shares ([`Bp`]) a `UInt` of basis points, and dates a `java.time.LocalDate`.

use chrono::NaiveDate;
use oske::activity::{ActivityReport, PriorityArea};
use oske::consultation::{
    Cancellation, ConceptModel, Consultant, ConsultationPolicy, ConsultationProgramme,
    ConsultationState, HeldSession, SelectionCriterion, Session, TrialEvaluation,
};
use oske::evaluation::{Direction, Evaluation, EvaluationMethod, Indicator, Instrument};
use oske::json::JsonErrorKind;
use oske::network::{CountQualifier, Headcount, Meeting, MeetingFormat, MeetingStatus, Network};
use oske::plan::{
    ActionPlan, Approval, Frequency, FrequencyQualifier, FrequencyUnit, Measure, MeasureKind,
    MeasureStatus, PopulationPart, PopulationTable, Priority, RegionalSection, Revision,
    RevisionReason, Schedule, SectionArea, ServiceArea, SpecialTaskPlan,
};
use oske::project::{
    AnnualBudget, AreaListing, Budget, ContributionRule, DeveloperTeam, DevelopmentProject,
    FundingSource, Objective, ObjectiveAction, OrgRole, Organisation, ParticipantCategory,
    Perspective, Phase, WorkArea,
};
use oske::registry::{
    Centre, CentreArea, CodeKind, CooperationArea, County, CountyMembership, FormerName,
    Municipality, PopulationArea, Region, RegionMembership, Source,
};
use oske::rules::{Severity, SourceLocation};
use oske::tasks::{SpecialTaskKind, StatutoryTask};
use oske::{Bp, Cents, Lang, LocalizedText, Period, Validity};

use crate::errors::OskeError;

// ---------------------------------------------------------------------------
// Custom types: dates, money, shares
// ---------------------------------------------------------------------------

uniffi::custom_type!(NaiveDate, String, {
    remote,
    lower: |date| oske::format_date_iso(date),
    // Kotlin passes `LocalDate.toString()`. The core reads and writes years
    // 0000–9999 (ISO 8601 with four digits), so anything else is refused here
    // rather than stored in a form the JSON reader would not read back. The
    // generated Kotlin refuses such a date first (see uniffi.toml), so this is
    // a second line of defence for other callers.
    try_lift: |text| oske::parse_date(&text).map_err(|e| {
        uniffi::deps::anyhow::Error::new(OskeError::invalid_date(&e))
    }),
});

uniffi::custom_type!(Cents, i64, {
    remote,
    lower: |cents| cents.0,
    try_lift: |value| Ok(Cents(value)),
});

uniffi::custom_type!(Bp, u32, {
    remote,
    lower: |bp| bp.0,
    try_lift: |value| Ok(Bp(value)),
});

// ---------------------------------------------------------------------------
// Text, periods, issues
// ---------------------------------------------------------------------------

/// A language the library speaks: Finnish, Swedish or English.
#[uniffi::remote(Enum)]
pub enum Lang {
    /// Finnish (`fi`).
    Fi,
    /// Swedish (`sv`).
    Sv,
    /// English (`en`).
    En,
}

/// Text in up to three languages; at least one should be present.
#[uniffi::remote(Record)]
pub struct LocalizedText {
    #[uniffi(default)]
    pub fi: Option<String>,
    #[uniffi(default)]
    pub sv: Option<String>,
    #[uniffi(default)]
    pub en: Option<String>,
}

/// A closed period of days, both ends included.
#[uniffi::remote(Record)]
pub struct Period {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

/// How serious an issue is.
#[uniffi::remote(Enum)]
pub enum Severity {
    /// The data is wrong.
    Error,
    /// Suspicious or incomplete but usable.
    Warning,
    /// Worth knowing; nothing to fix.
    Info,
}

/// Where in a source file an issue was found, when known.
#[uniffi::remote(Record)]
pub struct SourceLocation {
    #[uniffi(default)]
    pub file: Option<String>,
    #[uniffi(default)]
    pub line: Option<u64>,
    #[uniffi(default)]
    pub column: Option<u64>,
    #[uniffi(default)]
    pub field: Option<String>,
    /// The workbook sheet (then `line` is its row and `column` 1 for `A`).
    #[uniffi(default)]
    pub sheet: Option<String>,
}

/// One issue found in a document: the rule's stable `code`, its `severity`, a JSON
/// Pointer (RFC 6901) to the offending value and the message in the language asked for.
pub type Issue = oske::IssueRecord;

/// One issue found in a document: the rule's stable `code`, its `severity`, a JSON
/// Pointer (RFC 6901) to the offending value and the message in the language asked for.
#[uniffi::remote(Record)]
pub struct Issue {
    pub code: String,
    pub severity: Severity,
    pub pointer: String,
    pub message: String,
    #[uniffi(default)]
    pub location: Option<SourceLocation>,
}

/// What went wrong reading JSON.
pub type LoadErrorKind = JsonErrorKind;

/// What went wrong reading JSON.
#[uniffi::remote(Enum)]
pub enum LoadErrorKind {
    /// Not well-formed JSON.
    Syntax,
    /// Well-formed, but a value has the wrong type or a required field is missing.
    Data,
    /// A `format_version` this library does not read.
    Version,
    /// The file could not be read.
    Io,
}

/// A JSON reading error, with where (line, column, JSON Pointer) and what.
/// `line` and `column` count from 1; `message` says what is wrong.
pub type LoadErrorInfo = oske::JsonError;

/// A JSON reading error, with where (line, column, JSON Pointer) and what.
/// `line` and `column` count from 1; `message` says what is wrong.
#[uniffi::remote(Record)]
pub struct LoadErrorInfo {
    pub kind: LoadErrorKind,
    #[uniffi(default)]
    pub file: Option<String>,
    #[uniffi(default)]
    pub pointer: Option<String>,
    #[uniffi(default)]
    pub line: Option<u64>,
    #[uniffi(default)]
    pub column: Option<u64>,
    pub message: String,
}

// ---------------------------------------------------------------------------
// Tasks and action plans
// ---------------------------------------------------------------------------

/// The five statutory tasks of every centre.
#[uniffi::remote(Enum)]
pub enum StatutoryTask {
    ExpertiseTransmission,
    ServiceDevelopment,
    EducationLink,
    Research,
    RegionalCooperation,
}

/// The kind of a special task.
#[uniffi::remote(Enum)]
pub enum SpecialTaskKind {
    Nordic,
    SamiServices,
    SwedishLanguage,
    Other,
}

/// A centre's action plan for a period.
#[uniffi::remote(Record)]
pub struct ActionPlan {
    pub id: String,
    pub centre: String,
    pub title: LocalizedText,
    pub period: Period,
    #[uniffi(default)]
    pub vision: Option<LocalizedText>,
    #[uniffi(default)]
    pub values: Vec<LocalizedText>,
    #[uniffi(default)]
    pub statutory_tasks: Vec<StatutoryTask>,
    #[uniffi(default)]
    pub population: Option<PopulationTable>,
    #[uniffi(default)]
    pub priorities: Vec<Priority>,
    #[uniffi(default)]
    pub sections: Vec<RegionalSection>,
    #[uniffi(default)]
    pub special_tasks: Vec<SpecialTaskPlan>,
    #[uniffi(default)]
    pub revisions: Vec<Revision>,
    #[uniffi(default)]
    pub approvals: Vec<Approval>,
    #[uniffi(default)]
    pub instruments: Vec<Instrument>,
}

/// A population table: parts and their stated total.
#[uniffi::remote(Record)]
pub struct PopulationTable {
    pub reference_date: NaiveDate,
    #[uniffi(default)]
    pub parts: Vec<PopulationPart>,
    pub total: u64,
}

/// One area's population.
#[uniffi::remote(Record)]
pub struct PopulationPart {
    pub area: String,
    pub population: u64,
}

/// A priority (*painopiste*).
#[uniffi::remote(Record)]
pub struct Priority {
    pub id: String,
    pub number: u32,
    pub title: LocalizedText,
    #[uniffi(default)]
    pub maps_to: Option<String>,
}

/// What a regional section's code names: a region, or (from 1.1.2023) a wellbeing
/// services county.
#[uniffi::remote(Enum)]
pub enum SectionArea {
    Region,
    County,
}

/// A plan's section for one region or wellbeing services county, with its measures.
#[uniffi::remote(Record)]
pub struct RegionalSection {
    pub region: String,
    pub area_kind: SectionArea,
    #[uniffi(default)]
    pub title: Option<LocalizedText>,
    #[uniffi(default)]
    pub period: Option<Period>,
    #[uniffi(default)]
    pub refines_period: Option<Period>,
    #[uniffi(default)]
    pub local_priorities: Vec<Priority>,
    #[uniffi(default)]
    pub measures: Vec<Measure>,
}

/// The kind of a measure.
#[uniffi::remote(Enum)]
pub enum MeasureKind {
    Network,
    Meeting,
    Workshop,
    ThemedAfternoon,
    Survey,
    Statement,
    SteeringGroup,
    ProjectPreparation,
    ProjectSupport,
    Evaluation,
    Event,
    StudyVisit,
    Consultation,
    Training,
    Publication,
    Other,
}

/// A service area a measure concerns.
#[uniffi::remote(Enum)]
pub enum ServiceArea {
    AdultSocialWork,
    FamiliesWithChildren,
    ChildProtection,
    FamilyLaw,
    DisabilityServices,
    OlderPeople,
    SubstanceAbuseAndMentalHealth,
    EarlyChildhoodEducation,
    ImmigrantSocialWork,
    Other,
}

/// Where a measure stands.
#[uniffi::remote(Enum)]
pub enum MeasureStatus {
    Planned,
    Ongoing,
    Done,
    Postponed,
    Cancelled,
}

/// The unit of a frequency.
#[uniffi::remote(Enum)]
pub enum FrequencyUnit {
    Year,
    HalfYear,
    Quarter,
    Month,
}

/// How a source words a frequency's count: a minimum ("vähintään"), a plain
/// statement, or an average ("keskimäärin", never checked as a minimum).
#[uniffi::remote(Enum)]
pub enum FrequencyQualifier {
    AtLeast,
    Exactly,
    OnAverage,
}

/// "At least `min_times` per `per`" (or, by its qualifier, exactly or on average).
#[uniffi::remote(Record)]
pub struct Frequency {
    pub min_times: u32,
    pub per: FrequencyUnit,
    pub qualifier: FrequencyQualifier,
    #[uniffi(default)]
    pub note: Option<String>,
}

/// When a measure takes place.
#[uniffi::remote(Record)]
pub struct Schedule {
    #[uniffi(default)]
    pub period: Option<Period>,
    #[uniffi(default)]
    pub dates: Vec<NaiveDate>,
    #[uniffi(default)]
    pub note: Option<String>,
}

/// A measure (*toimenpide*) of a plan.
#[uniffi::remote(Record)]
pub struct Measure {
    pub id: String,
    pub title: LocalizedText,
    pub kind: MeasureKind,
    #[uniffi(default)]
    pub priority: Option<String>,
    #[uniffi(default)]
    pub service_areas: Vec<ServiceArea>,
    #[uniffi(default)]
    pub schedule: Option<Schedule>,
    #[uniffi(default)]
    pub frequency: Option<Frequency>,
    #[uniffi(default)]
    pub partners: Vec<String>,
    pub status: MeasureStatus,
    #[uniffi(default)]
    pub network: Option<String>,
    #[uniffi(default)]
    pub instruments: Vec<Instrument>,
}

/// Why a plan was revised.
#[uniffi::remote(Enum)]
pub enum RevisionReason {
    Covid19,
    AnnualUpdate,
    Other,
}

/// A revision of a plan.
#[uniffi::remote(Record)]
pub struct Revision {
    pub date: NaiveDate,
    pub reason: RevisionReason,
    pub description: LocalizedText,
}

/// An approval by a body on a date.
#[uniffi::remote(Record)]
pub struct Approval {
    pub body: String,
    pub date: NaiveDate,
}

/// A special task's yearly plan (the Nordic task's 0.75 %).
#[uniffi::remote(Record)]
pub struct SpecialTaskPlan {
    pub id: String,
    pub kind: SpecialTaskKind,
    pub year: i32,
    #[uniffi(default)]
    pub grant_share: Option<Bp>,
    #[uniffi(default)]
    pub state_grant: Option<Cents>,
    #[uniffi(default)]
    pub allocated: Option<Cents>,
    #[uniffi(default)]
    pub content: Vec<LocalizedText>,
    #[uniffi(default)]
    pub approvals: Vec<Approval>,
    #[uniffi(default)]
    pub consultation_programme: Option<String>,
}

// ---------------------------------------------------------------------------
// Development projects
// ---------------------------------------------------------------------------

/// A development project or unit, with its budget.
#[uniffi::remote(Record)]
pub struct DevelopmentProject {
    pub id: String,
    pub name: LocalizedText,
    pub period: Period,
    #[uniffi(default)]
    pub phases: Vec<Phase>,
    #[uniffi(default)]
    pub organisations: Vec<Organisation>,
    #[uniffi(default)]
    pub objectives: Vec<Objective>,
    #[uniffi(default)]
    pub teams: Vec<DeveloperTeam>,
    #[uniffi(default)]
    pub team_common_tasks: Vec<LocalizedText>,
    #[uniffi(default)]
    pub work_areas: Vec<WorkArea>,
    #[uniffi(default)]
    pub participants: Vec<String>,
    #[uniffi(default)]
    pub budget: Option<Budget>,
    #[uniffi(default)]
    pub evaluations: Vec<String>,
}

/// A phase of a project.
#[uniffi::remote(Record)]
pub struct Phase {
    pub name: String,
    pub period: Period,
}

/// An organisation's role in a project.
#[uniffi::remote(Enum)]
pub enum OrgRole {
    Administrator,
    Coordinator,
    Partner,
    Funder,
    Participant,
}

/// An organisation taking part in a project.
#[uniffi::remote(Record)]
pub struct Organisation {
    pub id: String,
    pub name: LocalizedText,
    #[uniffi(default)]
    pub roles: Vec<OrgRole>,
    #[uniffi(default)]
    pub centre: Option<String>,
}

/// Whom an objective concerns.
#[uniffi::remote(Enum)]
pub enum Perspective {
    Clients,
    Staff,
    Management,
    ServiceStructure,
    ResearchAndTeaching,
    Other,
}

/// What an objective does.
#[uniffi::remote(Enum)]
pub enum ObjectiveAction {
    Continue,
    Start,
    Expand,
    Deepen,
}

/// A numbered objective of a project.
#[uniffi::remote(Record)]
pub struct Objective {
    pub number: u32,
    pub perspective: Perspective,
    pub action: ObjectiveAction,
    pub text: LocalizedText,
}

/// A developer team and its area.
#[uniffi::remote(Record)]
pub struct DeveloperTeam {
    pub id: String,
    #[uniffi(default)]
    pub name: Option<LocalizedText>,
    pub base_municipality: String,
    #[uniffi(default)]
    pub area_name: Option<LocalizedText>,
    #[uniffi(default)]
    pub area_municipalities: Vec<String>,
    #[uniffi(default)]
    pub shared_with: Vec<String>,
    #[uniffi(default)]
    pub other_listings: Vec<AreaListing>,
    #[uniffi(default)]
    pub tasks: Vec<LocalizedText>,
}

/// A numbered work area of a project with its expected result (`Tulos:`).
#[uniffi::remote(Record)]
pub struct WorkArea {
    pub number: u32,
    pub title: LocalizedText,
    #[uniffi(default)]
    pub expected_result: Option<LocalizedText>,
}

/// Another listing of a team's area, from another part of the source.
#[uniffi::remote(Record)]
pub struct AreaListing {
    pub source: String,
    #[uniffi(default)]
    pub municipalities: Vec<String>,
}

/// A project budget in cents.
#[uniffi::remote(Record)]
pub struct Budget {
    pub total: Cents,
    #[uniffi(default)]
    pub sources: Vec<FundingSource>,
    pub share_tolerance: Bp,
    #[uniffi(default)]
    pub annual: Option<AnnualBudget>,
}

/// A funding source of a budget.
#[uniffi::remote(Record)]
pub struct FundingSource {
    pub funder: String,
    pub amount: Cents,
    #[uniffi(default)]
    pub stated_share: Option<Bp>,
}

/// A full operating year's budget.
#[uniffi::remote(Record)]
pub struct AnnualBudget {
    pub total: Cents,
    #[uniffi(default)]
    pub sources: Vec<FundingSource>,
    #[uniffi(default)]
    pub contributions: Vec<ContributionRule>,
    #[uniffi(default)]
    pub contributions_fund: Option<String>,
}

/// Who pays a per-participant contribution.
#[uniffi::remote(Enum)]
pub enum ParticipantCategory {
    TeamMunicipality,
    OtherParticipant,
}

/// A yearly contribution per participant of a category.
#[uniffi::remote(Record)]
pub struct ContributionRule {
    pub category: ParticipantCategory,
    pub per_year: Cents,
    #[uniffi(default)]
    pub count: Option<u32>,
}

// ---------------------------------------------------------------------------
// Networks and meetings
// ---------------------------------------------------------------------------

/// A network and its meetings.
#[uniffi::remote(Record)]
pub struct Network {
    pub id: String,
    pub name: LocalizedText,
    #[uniffi(default)]
    pub organisers: Vec<String>,
    #[uniffi(default)]
    pub period: Option<Period>,
    #[uniffi(default)]
    pub min_frequency: Option<Frequency>,
    #[uniffi(default)]
    pub meetings: Vec<Meeting>,
}

/// How a meeting is held.
#[uniffi::remote(Enum)]
pub enum MeetingFormat {
    InPerson,
    Remote,
    Hybrid,
}

/// Whether a meeting has happened.
#[uniffi::remote(Enum)]
pub enum MeetingStatus {
    Held,
    Planned,
    Cancelled,
}

/// How a source qualifies a count it does not give exactly.
#[uniffi::remote(Enum)]
pub enum CountQualifier {
    About,
    Almost,
    Over,
    AtLeast,
}

/// A headcount, possibly approximate ("almost 40 experts").
#[uniffi::remote(Record)]
pub struct Headcount {
    pub count: u32,
    #[uniffi(default)]
    pub approximate: bool,
    #[uniffi(default)]
    pub qualifier: Option<CountQualifier>,
}

/// A meeting of a network.
#[uniffi::remote(Record)]
pub struct Meeting {
    pub id: String,
    pub date: NaiveDate,
    #[uniffi(default)]
    pub date_note: Option<String>,
    pub status: MeetingStatus,
    pub format: MeetingFormat,
    #[uniffi(default)]
    pub platform: Option<String>,
    #[uniffi(default)]
    pub place: Option<String>,
    #[uniffi(default)]
    pub duration_minutes: Option<u32>,
    #[uniffi(default)]
    pub full_day: bool,
    #[uniffi(default)]
    pub participants: Option<Headcount>,
    #[uniffi(default)]
    pub regions_represented: Vec<String>,
    #[uniffi(default)]
    pub regions_count: Option<u32>,
}

// ---------------------------------------------------------------------------
// Evaluations
// ---------------------------------------------------------------------------

/// How an evaluation is made.
#[uniffi::remote(Enum)]
pub enum EvaluationMethod {
    SelfEvaluation,
    Bikva,
    BalancedScorecard,
    StakeholderSurvey,
    External,
    Other,
}

/// A measuring instrument.
#[uniffi::remote(Enum)]
pub enum Instrument {
    Avain,
    Arvoa,
    Suuntima,
    Sosdigi,
    WelfareBarometer,
    Other(String),
}

/// The direction an indicator should move.
#[uniffi::remote(Enum)]
pub enum Direction {
    Increase,
    Decrease,
    Maintain,
}

/// An indicator with baseline, target and actual value.
#[uniffi::remote(Record)]
pub struct Indicator {
    pub id: String,
    pub name: LocalizedText,
    #[uniffi(default)]
    pub perspective: Option<String>,
    pub unit: String,
    #[uniffi(default)]
    pub baseline: Option<f64>,
    #[uniffi(default)]
    pub target: Option<f64>,
    #[uniffi(default)]
    pub actual: Option<f64>,
    pub direction: Direction,
}

/// An evaluation and its indicators.
#[uniffi::remote(Record)]
pub struct Evaluation {
    pub id: String,
    pub title: LocalizedText,
    #[uniffi(default)]
    pub subject: Option<String>,
    pub method: EvaluationMethod,
    #[uniffi(default)]
    pub instruments: Vec<Instrument>,
    #[uniffi(default)]
    pub period: Option<Period>,
    #[uniffi(default)]
    pub indicators: Vec<Indicator>,
}

// ---------------------------------------------------------------------------
// The consultation protocol
// ---------------------------------------------------------------------------

/// The limits of the protocol (`defaultConsultationPolicy()` gives the core's:
/// 30–45 minute sessions, brief at least 1 day ahead, at most 10 questions and
/// 2000 characters of brief).
#[uniffi::remote(Record)]
pub struct ConsultationPolicy {
    pub min_minutes: u32,
    pub max_minutes: u32,
    pub min_lead_days: u32,
    pub max_questions: u32,
    pub max_brief_chars: u32,
}

/// Where a consultation is in the protocol.
#[uniffi::remote(Enum)]
pub enum ConsultationState {
    Prepared,
    ConsultantAgreed,
    BriefSent,
    Scheduled,
    Held,
    Documented,
    Evaluated,
    Cancelled,
}

/// Why a consulting party was chosen.
#[uniffi::remote(Enum)]
pub enum SelectionCriterion {
    NationallySignificant,
    Innovative,
    ResearchEvidence,
}

/// The consulting party: an organisation in a Nordic country (ISO 3166-1 alpha-2).
#[uniffi::remote(Record)]
pub struct Consultant {
    pub organisation: String,
    pub country: String,
    #[uniffi(default)]
    pub criteria: Vec<SelectionCriterion>,
}

/// The scheduled session.
#[uniffi::remote(Record)]
pub struct Session {
    pub date: NaiveDate,
    pub planned_minutes: u32,
    #[uniffi(default)]
    pub platform: Option<String>,
}

/// The session as held.
#[uniffi::remote(Record)]
pub struct HeldSession {
    pub date: NaiveDate,
    pub actual_minutes: u32,
}

/// The evaluation of one trial.
#[uniffi::remote(Record)]
pub struct TrialEvaluation {
    pub date: NaiveDate,
    pub summary: LocalizedText,
    #[uniffi(default)]
    pub useful: Option<bool>,
}

/// A cancellation, with the state it was cancelled from.
#[uniffi::remote(Record)]
pub struct Cancellation {
    pub date: NaiveDate,
    pub reason: String,
    pub from_state: ConsultationState,
}

/// A stored consultation, as a value (the `Consultation` object walks one
/// through the protocol; `Consultation.record()` gives this snapshot).
pub type ConsultationRecord = oske::Consultation;

/// A stored consultation, as a value (the `Consultation` object walks one
/// through the protocol; `Consultation.record()` gives this snapshot).
#[uniffi::remote(Record)]
pub struct ConsultationRecord {
    pub id: String,
    pub state: ConsultationState,
    pub brief: String,
    #[uniffi(default)]
    pub questions: Vec<String>,
    #[uniffi(default)]
    pub developer_group: Option<String>,
    #[uniffi(default)]
    pub consultant: Option<Consultant>,
    #[uniffi(default)]
    pub brief_sent_on: Option<NaiveDate>,
    #[uniffi(default)]
    pub session: Option<Session>,
    #[uniffi(default)]
    pub held: Option<HeldSession>,
    #[uniffi(default)]
    pub documentation: Option<String>,
    #[uniffi(default)]
    pub evaluation: Option<TrialEvaluation>,
    #[uniffi(default)]
    pub cancellation: Option<Cancellation>,
}

/// The operating concept, modelled after the trials.
#[uniffi::remote(Record)]
pub struct ConceptModel {
    pub date: NaiveDate,
    pub description: LocalizedText,
}

/// A programme of consultation trials, with the policy they follow.
#[uniffi::remote(Record)]
pub struct ConsultationProgramme {
    pub id: String,
    pub name: LocalizedText,
    #[uniffi(default)]
    pub centre: Option<String>,
    #[uniffi(default)]
    pub illustrative: bool,
    pub policy: ConsultationPolicy,
    #[uniffi(default)]
    pub consultations: Vec<ConsultationRecord>,
    #[uniffi(default)]
    pub concept: Option<ConceptModel>,
}

// ---------------------------------------------------------------------------
// Activity reports
// ---------------------------------------------------------------------------

/// A centre's activity report for a period.
#[uniffi::remote(Record)]
pub struct ActivityReport {
    pub id: String,
    pub centre: String,
    #[uniffi(default)]
    pub region: Option<String>,
    pub title: LocalizedText,
    pub period: Period,
    #[uniffi(default)]
    pub steering_group_meetings: Option<u32>,
    #[uniffi(default)]
    pub municipalities_in_area: Option<u32>,
    #[uniffi(default)]
    pub priority_areas: Vec<PriorityArea>,
    #[uniffi(default)]
    pub networks: Vec<String>,
    #[uniffi(default)]
    pub evaluations: Vec<String>,
    #[uniffi(default)]
    pub activities: Vec<LocalizedText>,
}

/// A priority area of an activity report.
#[uniffi::remote(Record)]
pub struct PriorityArea {
    pub title: LocalizedText,
    #[uniffi(default)]
    pub projects: Option<u32>,
    #[uniffi(default)]
    pub note: Option<LocalizedText>,
}

// ---------------------------------------------------------------------------
// The registry: regions, municipalities, counties, cooperation areas, centres
// ---------------------------------------------------------------------------

/// When a registry entry is valid; either end may be open (null). Both ends included.
#[uniffi::remote(Record)]
pub struct Validity {
    #[uniffi(default)]
    pub from: Option<NaiveDate>,
    #[uniffi(default)]
    pub to: Option<NaiveDate>,
}

/// Where a registry table's facts come from.
#[uniffi::remote(Record)]
pub struct Source {
    pub id: String,
    pub title: String,
    #[uniffi(default)]
    pub publisher: Option<String>,
    #[uniffi(default)]
    pub url: Option<String>,
    #[uniffi(default)]
    pub retrieved: Option<String>,
    #[uniffi(default)]
    pub used_for: Option<String>,
}

/// A region (maakunta) by its two-digit Statistics Finland code.
#[uniffi::remote(Record)]
pub struct Region {
    pub code: String,
    pub name: LocalizedText,
    pub valid: Validity,
    pub sources: Vec<String>,
}

/// A wellbeing services county (hyvinvointialue), or the City of Helsinki;
/// responsible for the services from `responsibleFrom` (1.1.2023).
#[uniffi::remote(Record)]
pub struct County {
    pub code: String,
    pub name: LocalizedText,
    pub valid: Validity,
    #[uniffi(default)]
    pub responsible_from: Option<NaiveDate>,
    pub sources: Vec<String>,
}

/// A cooperation area (yhteistyöalue) of wellbeing services counties.
#[uniffi::remote(Record)]
pub struct CooperationArea {
    pub code: String,
    pub name: LocalizedText,
    pub valid: Validity,
    pub counties: Vec<String>,
    pub sources: Vec<String>,
}

/// A municipality's membership of a region for a time.
#[uniffi::remote(Record)]
pub struct RegionMembership {
    pub region: String,
    pub valid: Validity,
}

/// A municipality's membership of a wellbeing services county for a time.
#[uniffi::remote(Record)]
pub struct CountyMembership {
    pub county: String,
    pub valid: Validity,
}

/// A name a municipality had for a time.
#[uniffi::remote(Record)]
pub struct FormerName {
    pub name: LocalizedText,
    pub valid: Validity,
}

/// A municipality by its three-digit code; `successor` is the municipality a
/// merged one passed to on the day after `valid.to`.
#[uniffi::remote(Record)]
pub struct Municipality {
    pub code: String,
    pub name: LocalizedText,
    pub valid: Validity,
    #[uniffi(default)]
    pub successor: Option<String>,
    pub former_names: Vec<FormerName>,
    pub regions: Vec<RegionMembership>,
    pub counties: Vec<CountyMembership>,
    pub unverified: Vec<String>,
}

/// One part of a centre's area: exactly one of region, county, cooperation area
/// or municipality.
#[uniffi::remote(Record)]
pub struct CentreArea {
    #[uniffi(default)]
    pub region: Option<String>,
    #[uniffi(default)]
    pub county: Option<String>,
    #[uniffi(default)]
    pub cooperation_area: Option<String>,
    #[uniffi(default)]
    pub municipality: Option<String>,
    pub partial: bool,
    #[uniffi(default)]
    pub note: Option<LocalizedText>,
    pub valid: Validity,
}

/// A social welfare competence centre.
#[uniffi::remote(Record)]
pub struct Centre {
    pub id: String,
    pub short_name: String,
    pub name: LocalizedText,
    pub valid: Validity,
    pub areas: Vec<CentreArea>,
    #[uniffi(default)]
    pub nationwide_scope: Option<LocalizedText>,
    #[uniffi(default)]
    pub statutory_centre: Option<LocalizedText>,
    pub national_tasks: Vec<LocalizedText>,
    #[uniffi(default)]
    pub host: Option<LocalizedText>,
    #[uniffi(default)]
    pub successor: Option<String>,
    pub unverified: Vec<String>,
    pub sources: Vec<String>,
}

/// The kind of entry a registry code names.
#[uniffi::remote(Enum)]
pub enum CodeKind {
    Region,
    Municipality,
    Centre,
    County,
    CooperationArea,
}

/// The kind of area of a population figure.
#[uniffi::remote(Enum)]
pub enum PopulationArea {
    Municipality,
    Region,
    County,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::UniFfiTag;
    use uniffi::{Lift, Lower};

    fn lift_date(text: &str) -> uniffi::Result<NaiveDate> {
        let buf = <String as Lower<UniFfiTag>>::lower(text.to_owned());
        <NaiveDate as Lift<UniFfiTag>>::try_lift(buf)
    }

    #[test]
    fn dates_cross_as_iso_text() {
        let d = NaiveDate::from_ymd_opt(2018, 2, 14).unwrap_or_default();
        assert_eq!(lift_date("2018-02-14").ok(), Some(d));
        let lowered = <NaiveDate as Lower<UniFfiTag>>::lower(d);
        assert_eq!(
            <String as Lift<UniFfiTag>>::try_lift(lowered)
                .ok()
                .as_deref(),
            Some("2018-02-14")
        );
    }

    #[test]
    fn a_date_the_core_cannot_store_is_an_error_not_a_panic() {
        for text in ["2020-02-30", "", "yesterday", "+2020-13-01"] {
            let err = lift_date(text).expect_err(text);
            match err.downcast::<OskeError>() {
                Ok(OskeError::InvalidDate(msg)) => assert!(msg.contains(text), "{msg}"),
                other => panic!("{text}: {other:?}"),
            }
        }
    }
}
