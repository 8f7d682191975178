//! The Nordic video-consultation protocol as a state machine.
//!
//! A developer group prepares a short brief and clarifying questions; a consulting
//! party in a Nordic country is chosen by criteria and agrees; the brief is sent in
//! advance; a 30–45 minute remote session is scheduled and held; the trial is
//! documented and evaluated. A consultation can be cancelled, with a reason, from any
//! state before it is held. After the trials, the operating concept is modelled at
//! programme level.
//!
//! Every step checks the protocol and returns a typed [`ProtocolError`] (never a
//! panic); on error the consultation is left unchanged.
//!
//! ```
//! use chrono::NaiveDate;
//! use oske::consultation::*;
//! let policy = ConsultationPolicy::default();
//! let d = |m, day| NaiveDate::from_ymd_opt(2020, m, day).unwrap();
//! let mut c = Consultation::prepare("c1", "Child protection key projects",
//!     vec!["How is the key project organised?".into()], &policy)?;
//! c.agree_consultant(Consultant { organisation: "VISO".into(), country: "DK".into(),
//!     criteria: vec![SelectionCriterion::NationallySignificant] })?;
//! c.send_brief(d(10, 1))?;
//! let err = c.schedule(d(10, 8), 60, Some("Teams".into()), &policy).unwrap_err();
//! assert_eq!(err.code(), "consultation.planned-duration");
//! c.schedule(d(10, 8), 45, Some("Teams".into()), &policy)?;
//! c.hold(d(10, 8), 40)?;
//! assert_eq!(c.state, ConsultationState::Held);
//! assert_eq!(c.cancel(d(10, 9), "too late").unwrap_err().code(), "protocol.illegal-transition");
//! # Ok::<(), ProtocolError>(())
//! ```

use crate::date::serde_date;
use crate::rules::{pointer, Issue, Rule};
use crate::text::{Lang, LocalizedText};
use chrono::NaiveDate;
use serde::Serialize;
use std::fmt;

/// The limits of the protocol. Defaults come from the seeds (30–45 minute sessions,
/// brief sent in advance); the question and brief limits are this library's reading
/// of "a short description" and "clearly delimited questions", and can be changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct ConsultationPolicy {
    /// Shortest session, minutes (30).
    pub min_minutes: u32,
    /// Longest session, minutes (45).
    pub max_minutes: u32,
    /// How many days before the session the brief must be sent, at least (1).
    pub min_lead_days: u32,
    /// Most clarifying questions (10).
    pub max_questions: u32,
    /// Longest brief, in characters (2000).
    pub max_brief_chars: u32,
}

impl ConsultationPolicy {
    /// The policy's own consistency: `None`, or the issue at `at` (the policy's JSON
    /// Pointer) when its shortest session is longer than its longest
    /// (`consultation.policy-inconsistent`), which would allow no session at all.
    pub fn check(&self, at: &str) -> Option<Issue> {
        (self.min_minutes > self.max_minutes).then(|| {
            Issue::new(
                Rule::ConsultationPolicyInconsistent,
                format!("{at}/min_minutes"),
            )
            .arg("min", self.min_minutes)
            .arg("max", self.max_minutes)
        })
    }
}

impl Default for ConsultationPolicy {
    fn default() -> Self {
        ConsultationPolicy {
            min_minutes: 30,
            max_minutes: 45,
            min_lead_days: 1,
            max_questions: 10,
            max_brief_chars: 2000,
        }
    }
}

/// Where a consultation is in the protocol.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ConsultationState {
    /// Brief and questions prepared.
    Prepared,
    /// A consulting party agreed.
    ConsultantAgreed,
    /// Brief sent to the consultant.
    BriefSent,
    /// Session scheduled.
    Scheduled,
    /// Session held.
    Held,
    /// Trial described.
    Documented,
    /// Trial evaluated.
    Evaluated,
    /// Cancelled before it was held.
    Cancelled,
}

impl ConsultationState {
    /// The snake_case name.
    pub const fn as_str(self) -> &'static str {
        match self {
            ConsultationState::Prepared => "prepared",
            ConsultationState::ConsultantAgreed => "consultant_agreed",
            ConsultationState::BriefSent => "brief_sent",
            ConsultationState::Scheduled => "scheduled",
            ConsultationState::Held => "held",
            ConsultationState::Documented => "documented",
            ConsultationState::Evaluated => "evaluated",
            ConsultationState::Cancelled => "cancelled",
        }
    }

    /// The state's name in `lang`, as the protocol messages write it: `valmisteltu`,
    /// `förberedd`, `session held`.
    ///
    /// ```
    /// use oske::{ConsultationState, Lang};
    /// assert_eq!(ConsultationState::Evaluated.label(Lang::Fi), "arvioitu");
    /// assert_eq!(ConsultationState::BriefSent.label(Lang::Sv), "beskrivning skickad");
    /// assert_eq!(ConsultationState::Held.label(Lang::En), "session held");
    /// ```
    pub fn label(self, lang: Lang) -> &'static str {
        crate::rules::term(lang, "state", self.as_str()).unwrap_or(self.as_str())
    }

    /// True for the states from which a consultation can still be cancelled: every
    /// state before the session is held.
    ///
    /// ```
    /// use oske::ConsultationState;
    /// assert!(ConsultationState::Scheduled.can_cancel());
    /// assert!(!ConsultationState::Held.can_cancel());
    /// assert!(!ConsultationState::Cancelled.can_cancel());
    /// ```
    pub const fn can_cancel(self) -> bool {
        matches!(
            self,
            ConsultationState::Prepared
                | ConsultationState::ConsultantAgreed
                | ConsultationState::BriefSent
                | ConsultationState::Scheduled
        )
    }
}

impl fmt::Display for ConsultationState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A step of the protocol.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Record the consultant's agreement.
    AgreeConsultant,
    /// Send the brief.
    SendBrief,
    /// Schedule the session.
    Schedule,
    /// Hold the session.
    Hold,
    /// Describe the trial.
    Document,
    /// Evaluate the trial.
    Evaluate,
    /// Cancel.
    Cancel,
    /// Model the concept (programme level).
    ModelConcept,
}

impl Action {
    /// The snake_case name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Action::AgreeConsultant => "agree_consultant",
            Action::SendBrief => "send_brief",
            Action::Schedule => "schedule",
            Action::Hold => "hold",
            Action::Document => "document",
            Action::Evaluate => "evaluate",
            Action::Cancel => "cancel",
            Action::ModelConcept => "model_concept",
        }
    }
}

impl Action {
    /// The step's name in `lang`, as the protocol messages write it:
    /// `kuvauksen lähettäminen`, `sändning av beskrivningen`, `send the brief`.
    pub fn label(self, lang: Lang) -> &'static str {
        crate::rules::term(lang, "action", self.as_str()).unwrap_or(self.as_str())
    }
}

/// Why a consulting party was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum SelectionCriterion {
    /// Its activity is nationally significant.
    NationallySignificant,
    /// It is innovative.
    Innovative,
    /// Research shows it is effective.
    ResearchEvidence,
}

/// The Nordic countries and autonomous areas, as ISO 3166-1 alpha-2 codes.
pub const NORDIC_COUNTRIES: [&str; 8] = ["DK", "FI", "IS", "NO", "SE", "FO", "GL", "AX"];

/// The consulting party.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Consultant {
    /// Organisation (Nordic Welfare Centre, VISO…).
    pub organisation: String,
    /// Country, ISO 3166-1 alpha-2 (`"DK"`).
    pub country: String,
    /// Why it was chosen (at least one).
    pub criteria: Vec<SelectionCriterion>,
}

/// The scheduled session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Session {
    /// Date.
    #[serde(with = "serde_date")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DateText"))]
    pub date: NaiveDate,
    /// Planned length in minutes.
    pub planned_minutes: u32,
    /// Platform (Teams).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<String>,
}

/// The session as held.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct HeldSession {
    /// Date.
    #[serde(with = "serde_date")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DateText"))]
    pub date: NaiveDate,
    /// Actual length in minutes.
    pub actual_minutes: u32,
}

/// The evaluation of one trial.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TrialEvaluation {
    /// Date.
    #[serde(with = "serde_date")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DateText"))]
    pub date: NaiveDate,
    /// Summary.
    pub summary: LocalizedText,
    /// Whether the developer group found it useful.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub useful: Option<bool>,
}

/// A cancellation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Cancellation {
    /// Date.
    #[serde(with = "serde_date")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DateText"))]
    pub date: NaiveDate,
    /// Reason (required).
    pub reason: String,
    /// The state it was cancelled from.
    pub from_state: ConsultationState,
}

/// One Nordic video consultation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Consultation {
    /// Unique id within the document.
    pub id: String,
    /// Where it is in the protocol.
    pub state: ConsultationState,
    /// The short description of the challenge or theme.
    pub brief: String,
    /// Clarifying questions (at least one).
    pub questions: Vec<String>,
    /// The developer group that prepared it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub developer_group: Option<String>,
    /// The consulting party, once agreed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consultant: Option<Consultant>,
    /// When the brief was sent.
    #[serde(
        default,
        with = "serde_date::option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::DateText>"))]
    pub brief_sent_on: Option<NaiveDate>,
    /// The scheduled session.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<Session>,
    /// The session as held.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub held: Option<HeldSession>,
    /// The description of the trial.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub documentation: Option<String>,
    /// The evaluation of the trial.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evaluation: Option<TrialEvaluation>,
    /// The cancellation, if cancelled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cancellation: Option<Cancellation>,
}

/// A protocol violation: a typed error for each rule a step can break.
///
/// Its `Display` is the rule's English message; [`ProtocolError::code`] gives the
/// stable rule code and [`ProtocolError::message`] the message in any language.
///
/// ```
/// use oske::consultation::{Consultation, ConsultationPolicy, ProtocolError};
/// use oske::Lang;
/// let err = Consultation::prepare("c1", "Lastensuojelu", vec![], &ConsultationPolicy::default())
///     .unwrap_err();
/// assert_eq!(err, ProtocolError::NoQuestion);
/// assert_eq!(err.code(), "consultation.no-question");
/// assert_eq!(err.to_string(), "the consultation has no clarifying question");
/// assert_eq!(err.message(Lang::Fi), "konsultaatiolla ei ole yhtään tarkentavaa kysymystä");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ProtocolError {
    /// The step is not allowed in the current state.
    IllegalTransition {
        /// The step asked for.
        action: Action,
        /// The state the consultation was in.
        state: ConsultationState,
    },
    /// The brief is empty.
    BriefEmpty,
    /// The brief is longer than the policy allows.
    BriefTooLong {
        /// Characters in the brief.
        length: usize,
        /// The policy's limit.
        max: u32,
    },
    /// No clarifying question.
    NoQuestion,
    /// More questions than the policy allows.
    TooManyQuestions {
        /// Questions given.
        count: usize,
        /// The policy's limit.
        max: u32,
    },
    /// The consultant was chosen by no criterion.
    NoCriterion {
        /// The consulting organisation.
        consultant: String,
    },
    /// The consultant is not in a Nordic country.
    NotNordic {
        /// The country given.
        country: String,
    },
    /// The planned duration is outside the policy.
    PlannedDuration {
        /// Minutes planned.
        minutes: u32,
        /// Policy minimum.
        min: u32,
        /// Policy maximum.
        max: u32,
    },
    /// The brief was not sent early enough before the session.
    BriefLate {
        /// When the brief was sent.
        sent: NaiveDate,
        /// The session date.
        session: NaiveDate,
        /// Required lead time in days.
        lead: u32,
    },
    /// A cancellation without a reason.
    CancelReasonMissing,
    /// The concept was to be modelled before the trials ended.
    ConceptPremature {
        /// Consultations not yet evaluated or cancelled.
        open: usize,
        /// Consultations evaluated.
        evaluated: usize,
    },
}

impl ProtocolError {
    /// The rule this error breaks.
    pub fn rule(&self) -> Rule {
        match self {
            ProtocolError::IllegalTransition { .. } => Rule::ProtocolIllegalTransition,
            ProtocolError::BriefEmpty => Rule::ConsultationBriefEmpty,
            ProtocolError::BriefTooLong { .. } => Rule::ConsultationBriefTooLong,
            ProtocolError::NoQuestion => Rule::ConsultationNoQuestion,
            ProtocolError::TooManyQuestions { .. } => Rule::ConsultationTooManyQuestions,
            ProtocolError::NoCriterion { .. } => Rule::ConsultationNoCriterion,
            ProtocolError::NotNordic { .. } => Rule::ConsultationNotNordic,
            ProtocolError::PlannedDuration { .. } => Rule::ConsultationPlannedDuration,
            ProtocolError::BriefLate { .. } => Rule::ConsultationBriefLate,
            ProtocolError::CancelReasonMissing => Rule::ConsultationCancelReason,
            ProtocolError::ConceptPremature { .. } => Rule::ConceptPremature,
        }
    }

    /// The stable rule code (`"protocol.illegal-transition"`).
    pub fn code(&self) -> &'static str {
        self.rule().code()
    }

    /// The error as an [`Issue`] at `pointer`.
    pub fn to_issue(&self, at: impl Into<String>) -> Issue {
        let i = Issue::new(self.rule(), at);
        match self {
            ProtocolError::IllegalTransition { action, state } => {
                i.arg("action", action.as_str()).arg("state", state)
            }
            ProtocolError::BriefEmpty
            | ProtocolError::NoQuestion
            | ProtocolError::CancelReasonMissing => i,
            ProtocolError::BriefTooLong { length, max } => i.arg("length", length).arg("max", max),
            ProtocolError::TooManyQuestions { count, max } => i.arg("count", count).arg("max", max),
            ProtocolError::NoCriterion { consultant } => i.arg("consultant", consultant),
            ProtocolError::NotNordic { country } => i.arg("country", country),
            ProtocolError::PlannedDuration { minutes, min, max } => {
                i.arg("minutes", minutes).arg("min", min).arg("max", max)
            }
            ProtocolError::BriefLate {
                sent,
                session,
                lead,
            } => i
                .arg_date("sent", *sent)
                .arg_date("session", *session)
                .arg("lead", lead),
            ProtocolError::ConceptPremature { open, evaluated } => {
                i.arg("open", open).arg("evaluated", evaluated)
            }
        }
    }

    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        self.to_issue("").message(lang)
    }
}

impl fmt::Display for ProtocolError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for ProtocolError {}

fn brief_problems(
    brief: &str,
    questions: &[String],
    policy: &ConsultationPolicy,
) -> Vec<(ProtocolError, &'static str)> {
    let mut out = Vec::new();
    if brief.trim().is_empty() {
        out.push((ProtocolError::BriefEmpty, "brief"));
    } else {
        let length = brief.chars().count();
        if length > policy.max_brief_chars as usize {
            out.push((
                ProtocolError::BriefTooLong {
                    length,
                    max: policy.max_brief_chars,
                },
                "brief",
            ));
        }
    }
    let count = questions.iter().filter(|q| !q.trim().is_empty()).count();
    if count == 0 {
        out.push((ProtocolError::NoQuestion, "questions"));
    } else if count > policy.max_questions as usize {
        out.push((
            ProtocolError::TooManyQuestions {
                count,
                max: policy.max_questions,
            },
            "questions",
        ));
    }
    out
}

fn consultant_problems(c: &Consultant) -> Vec<(ProtocolError, &'static str)> {
    let mut out = Vec::new();
    if !NORDIC_COUNTRIES.contains(&c.country.trim().to_ascii_uppercase().as_str()) {
        out.push((
            ProtocolError::NotNordic {
                country: c.country.clone(),
            },
            "country",
        ));
    }
    if c.criteria.is_empty() {
        out.push((
            ProtocolError::NoCriterion {
                consultant: c.organisation.clone(),
            },
            "criteria",
        ));
    }
    out
}

fn duration_problem(minutes: u32, policy: &ConsultationPolicy) -> Option<ProtocolError> {
    (minutes < policy.min_minutes || minutes > policy.max_minutes).then_some(
        ProtocolError::PlannedDuration {
            minutes,
            min: policy.min_minutes,
            max: policy.max_minutes,
        },
    )
}

fn lead_problem(
    sent: NaiveDate,
    session: NaiveDate,
    policy: &ConsultationPolicy,
) -> Option<ProtocolError> {
    let days = (session - sent).num_days();
    (days < i64::from(policy.min_lead_days)).then_some(ProtocolError::BriefLate {
        sent,
        session,
        lead: policy.min_lead_days,
    })
}

fn first_error(problems: Vec<(ProtocolError, &'static str)>) -> Result<(), ProtocolError> {
    match problems.into_iter().next() {
        Some((e, _)) => Err(e),
        None => Ok(()),
    }
}

impl Consultation {
    /// Step 1: a developer group prepares a short brief and clarifying questions.
    pub fn prepare(
        id: impl Into<String>,
        brief: impl Into<String>,
        questions: Vec<String>,
        policy: &ConsultationPolicy,
    ) -> Result<Consultation, ProtocolError> {
        let brief = brief.into();
        first_error(brief_problems(&brief, &questions, policy))?;
        Ok(Consultation {
            id: id.into(),
            state: ConsultationState::Prepared,
            brief,
            questions,
            developer_group: None,
            consultant: None,
            brief_sent_on: None,
            session: None,
            held: None,
            documentation: None,
            evaluation: None,
            cancellation: None,
        })
    }

    fn expect(&self, action: Action, state: ConsultationState) -> Result<(), ProtocolError> {
        if self.state == state {
            Ok(())
        } else {
            Err(ProtocolError::IllegalTransition {
                action,
                state: self.state,
            })
        }
    }

    /// Step 2: a consulting party in a Nordic country, chosen by at least one
    /// criterion, agrees to consult.
    pub fn agree_consultant(&mut self, consultant: Consultant) -> Result<(), ProtocolError> {
        self.expect(Action::AgreeConsultant, ConsultationState::Prepared)?;
        first_error(consultant_problems(&consultant))?;
        self.consultant = Some(consultant);
        self.state = ConsultationState::ConsultantAgreed;
        Ok(())
    }

    /// Step 3: the brief and questions are sent to the consultant.
    pub fn send_brief(&mut self, on: NaiveDate) -> Result<(), ProtocolError> {
        self.expect(Action::SendBrief, ConsultationState::ConsultantAgreed)?;
        self.brief_sent_on = Some(on);
        self.state = ConsultationState::BriefSent;
        Ok(())
    }

    /// Step 4: the session is scheduled, within the policy's duration and at least
    /// the lead time after the brief was sent.
    pub fn schedule(
        &mut self,
        date: NaiveDate,
        planned_minutes: u32,
        platform: Option<String>,
        policy: &ConsultationPolicy,
    ) -> Result<(), ProtocolError> {
        self.expect(Action::Schedule, ConsultationState::BriefSent)?;
        if let Some(e) = duration_problem(planned_minutes, policy) {
            return Err(e);
        }
        if let Some(sent) = self.brief_sent_on {
            if let Some(e) = lead_problem(sent, date, policy) {
                return Err(e);
            }
        }
        self.session = Some(Session {
            date,
            planned_minutes,
            platform,
        });
        self.state = ConsultationState::Scheduled;
        Ok(())
    }

    /// Step 5: the session is held. The actual date and length are recorded as they
    /// were: a length outside the policy is reported by validation
    /// (`consultation.held-duration`, a warning), and so is a session held less than
    /// the policy's lead time after the brief was sent (`consultation.brief-late`, an
    /// error; this step has no policy to check it against).
    pub fn hold(&mut self, date: NaiveDate, actual_minutes: u32) -> Result<(), ProtocolError> {
        self.expect(Action::Hold, ConsultationState::Scheduled)?;
        self.held = Some(HeldSession {
            date,
            actual_minutes,
        });
        self.state = ConsultationState::Held;
        Ok(())
    }

    /// Step 6a: the trial is described.
    pub fn document(&mut self, description: impl Into<String>) -> Result<(), ProtocolError> {
        self.expect(Action::Document, ConsultationState::Held)?;
        self.documentation = Some(description.into());
        self.state = ConsultationState::Documented;
        Ok(())
    }

    /// Step 6b: the trial is evaluated.
    pub fn evaluate(&mut self, evaluation: TrialEvaluation) -> Result<(), ProtocolError> {
        self.expect(Action::Evaluate, ConsultationState::Documented)?;
        self.evaluation = Some(evaluation);
        self.state = ConsultationState::Evaluated;
        Ok(())
    }

    /// Cancels, with a reason, from any state before the session is held. The state
    /// it was cancelled from is recorded; on error nothing changes.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use oske::consultation::{Consultation, ConsultationPolicy, ConsultationState};
    /// let on = NaiveDate::from_ymd_opt(2020, 9, 1).unwrap();
    /// let mut c = Consultation::prepare("c1", "Perheoikeus", vec!["Mikä toimii?".into()],
    ///     &ConsultationPolicy::default())?;
    /// assert_eq!(c.cancel(on, " ").unwrap_err().code(), "consultation.cancel-reason");
    /// assert_eq!(c.state, ConsultationState::Prepared);
    /// c.cancel(on, "The developer group chose another theme")?;
    /// assert_eq!(c.state, ConsultationState::Cancelled);
    /// assert_eq!(c.cancellation.unwrap().from_state, ConsultationState::Prepared);
    /// # Ok::<(), oske::ProtocolError>(())
    /// ```
    pub fn cancel(
        &mut self,
        on: NaiveDate,
        reason: impl Into<String>,
    ) -> Result<(), ProtocolError> {
        if !self.state.can_cancel() {
            return Err(ProtocolError::IllegalTransition {
                action: Action::Cancel,
                state: self.state,
            });
        }
        let reason = reason.into();
        if reason.trim().is_empty() {
            return Err(ProtocolError::CancelReasonMissing);
        }
        self.cancellation = Some(Cancellation {
            date: on,
            reason,
            from_state: self.state,
        });
        self.state = ConsultationState::Cancelled;
        Ok(())
    }

    /// Checks a stored consultation against the protocol and the policy: the data
    /// its state needs (and data it cannot have yet), and the rules each step
    /// enforces. `at` is the consultation's JSON Pointer; the issues point below it.
    /// A consultation brought to its state through the steps above checks clean.
    ///
    /// ```
    /// use oske::consultation::{Consultation, ConsultationPolicy};
    /// let c: Consultation = serde_json::from_str(r#"{
    ///     "id": "c1", "state": "scheduled", "brief": "Lastensuojelu",
    ///     "questions": ["Miten avainhanke on organisoitu?"],
    ///     "consultant": {"organisation": "VISO", "country": "DK", "criteria": ["innovative"]},
    ///     "brief_sent_on": "2020-10-08",
    ///     "session": {"date": "2020-10-08", "planned_minutes": 60}
    /// }"#).unwrap();
    /// let issues = c.check(&ConsultationPolicy::default(), "/consultations/0");
    /// let found: Vec<(&str, &str)> = issues.iter().map(|i| (i.code(), i.pointer.as_str())).collect();
    /// assert_eq!(found, [
    ///     ("consultation.planned-duration", "/consultations/0/session/planned_minutes"),
    ///     ("consultation.brief-late", "/consultations/0/brief_sent_on"),
    /// ]);
    /// ```
    pub fn check(&self, policy: &ConsultationPolicy, at: &str) -> Vec<Issue> {
        let mut out = Vec::new();
        let p = |field: &str| pointer::join(at, field);
        for (e, field) in brief_problems(&self.brief, &self.questions, policy) {
            out.push(e.to_issue(p(field)));
        }
        let reached = match (self.state, &self.cancellation) {
            (ConsultationState::Cancelled, Some(c)) => c.from_state,
            (s, _) => s,
        };
        // `field` is a path of fixed tokens (`cancellation/from_state`), one token each.
        let state_issue = |problem: &str, field: &str| {
            let ptr = field
                .split('/')
                .fold(at.to_owned(), |acc, token| pointer::join(&acc, token));
            Issue::new(Rule::ConsultationState, ptr)
                .arg("state", self.state)
                .arg("problem", problem)
        };
        if self.state == ConsultationState::Cancelled {
            match &self.cancellation {
                None => out.push(state_issue("has no cancellation record", "state")),
                Some(c) => {
                    if c.reason.trim().is_empty() {
                        out.push(
                            ProtocolError::CancelReasonMissing
                                .to_issue(format!("{}/cancellation/reason", at)),
                        );
                    }
                    if !c.from_state.can_cancel() {
                        out.push(state_issue(
                            "was cancelled from a state that cannot be cancelled",
                            "cancellation/from_state",
                        ));
                    }
                }
            }
        } else if self.cancellation.is_some() {
            out.push(state_issue("has a cancellation record", "cancellation"));
        }
        let need =
            |rank: ConsultationState| reached >= rank && reached != ConsultationState::Cancelled;
        let not_reached = |rank: ConsultationState| !need(rank);
        // Known not to have reached `rank` (a cancellation without a record leaves the
        // state it was cancelled from unknown).
        let before = |rank: ConsultationState| reached < rank;
        // Data each reached state needs, and data a state cannot have yet.
        match &self.consultant {
            None if need(ConsultationState::ConsultantAgreed) => {
                out.push(state_issue("has no consultant", "consultant"))
            }
            Some(c) => {
                if before(ConsultationState::ConsultantAgreed) {
                    out.push(state_issue("records a consultant", "consultant"));
                }
                for (e, field) in consultant_problems(c) {
                    out.push(e.to_issue(format!("{}/consultant/{}", at, field)));
                }
            }
            None => {}
        }
        if self.brief_sent_on.is_none() && need(ConsultationState::BriefSent) {
            out.push(state_issue(
                "has no date the brief was sent",
                "brief_sent_on",
            ));
        } else if self.brief_sent_on.is_some() && before(ConsultationState::BriefSent) {
            out.push(state_issue(
                "records a date the brief was sent",
                "brief_sent_on",
            ));
        }
        match &self.session {
            None if need(ConsultationState::Scheduled) => {
                out.push(state_issue("has no scheduled session", "session"))
            }
            Some(s) => {
                if self.brief_sent_on.is_some() && before(ConsultationState::Scheduled) {
                    out.push(state_issue("records a scheduled session", "session"));
                }
                if let Some(e) = duration_problem(s.planned_minutes, policy) {
                    out.push(e.to_issue(format!("{}/session/planned_minutes", at)));
                }
                match self.brief_sent_on {
                    Some(sent) => {
                        if let Some(e) = lead_problem(sent, s.date, policy) {
                            out.push(e.to_issue(p("brief_sent_on")));
                        }
                    }
                    None if !need(ConsultationState::BriefSent) => {
                        out.push(state_issue("has a session but no brief sent", "session"))
                    }
                    None => {}
                }
            }
            None => {}
        }
        match &self.held {
            None if need(ConsultationState::Held) => {
                out.push(state_issue("has no record of the held session", "held"))
            }
            Some(h) => {
                if not_reached(ConsultationState::Held) {
                    out.push(state_issue("records a held session", "held"));
                }
                if h.actual_minutes < policy.min_minutes || h.actual_minutes > policy.max_minutes {
                    out.push(
                        Issue::new(
                            Rule::ConsultationHeldDuration,
                            format!("{}/held/actual_minutes", at),
                        )
                        .arg("minutes", h.actual_minutes)
                        .arg("min", policy.min_minutes)
                        .arg("max", policy.max_minutes),
                    );
                }
                if let Some(sent) = self.brief_sent_on {
                    if let Some(e) = lead_problem(sent, h.date, policy) {
                        out.push(e.to_issue(p("brief_sent_on")));
                    }
                }
            }
            None => {}
        }
        if self.documentation.is_none() && need(ConsultationState::Documented) {
            out.push(state_issue("has no documentation", "documentation"));
        } else if self.documentation.is_some() && not_reached(ConsultationState::Documented) {
            out.push(state_issue("has documentation", "documentation"));
        }
        if self.evaluation.is_none() && need(ConsultationState::Evaluated) {
            out.push(state_issue("has no evaluation", "evaluation"));
        } else if self.evaluation.is_some() && not_reached(ConsultationState::Evaluated) {
            out.push(state_issue("has an evaluation", "evaluation"));
        }
        // Dates along the protocol, in order (a session before the brief is sent is
        // `consultation.brief-late`, above).
        let order = |step: &str, date: NaiveDate, field: &str, earlier: &str, before: NaiveDate| {
            (date < before).then(|| {
                Issue::new(Rule::ConsultationDateOrder, format!("{at}/{field}/date"))
                    .arg("step", step)
                    .arg("date", crate::date::format_date_iso(date))
                    .arg("earlier", earlier)
                    .arg("earlier_date", crate::date::format_date_iso(before))
            })
        };
        if let (Some(h), Some(s)) = (&self.held, &self.session) {
            out.extend(order("held", h.date, "held", "scheduled", s.date));
        }
        if let (Some(e), Some(h)) = (&self.evaluation, &self.held) {
            out.extend(order("evaluation", e.date, "evaluation", "held", h.date));
        }
        if let (Some(c), Some(sent)) = (&self.cancellation, self.brief_sent_on) {
            out.extend(order(
                "cancellation",
                c.date,
                "cancellation",
                "brief sent",
                sent,
            ));
        }
        // Keep only the first brief-late issue (session and held can both find it).
        let mut seen_late = false;
        out.retain(|i| {
            if i.rule == Rule::ConsultationBriefLate {
                let keep = !seen_late;
                seen_late = true;
                keep
            } else {
                true
            }
        });
        out
    }
}

/// The operating concept, modelled after the trials.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ConceptModel {
    /// Date.
    #[serde(with = "serde_date")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DateText"))]
    pub date: NaiveDate,
    /// The concept.
    pub description: LocalizedText,
}

/// A programme of consultation trials (the Nordic special task's).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ConsultationProgramme {
    /// Unique id within the document.
    pub id: String,
    /// Name.
    pub name: LocalizedText,
    /// The coordinating centre's registry id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub centre: Option<String>,
    /// True for an illustration (a walk-through of the protocol), not a record of
    /// real trials: nothing in it happened.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub illustrative: bool,
    /// The policy the trials follow.
    #[serde(default)]
    pub policy: ConsultationPolicy,
    /// The trials.
    #[serde(default)]
    pub consultations: Vec<Consultation>,
    /// The modelled concept, after the trials.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub concept: Option<ConceptModel>,
}

impl ConsultationProgramme {
    /// (unfinished, evaluated) counts: unfinished means neither evaluated nor cancelled.
    pub fn trial_counts(&self) -> (usize, usize) {
        let evaluated = self
            .consultations
            .iter()
            .filter(|c| c.state == ConsultationState::Evaluated)
            .count();
        let open = self
            .consultations
            .iter()
            .filter(|c| {
                !matches!(
                    c.state,
                    ConsultationState::Evaluated | ConsultationState::Cancelled
                )
            })
            .count();
        (open, evaluated)
    }

    /// Models the operating concept: allowed once every trial is evaluated or
    /// cancelled and at least one was evaluated, and only once.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use oske::consultation::{ConsultationProgramme, ProtocolError};
    /// use oske::LocalizedText;
    /// let mut p: ConsultationProgramme =
    ///     serde_json::from_str(r#"{"id": "p", "name": {"en": "Trials"}}"#).unwrap();
    /// let date = NaiveDate::from_ymd_opt(2020, 12, 15).unwrap();
    /// let err = p.model_concept(date, LocalizedText::en("Concept")).unwrap_err();
    /// assert_eq!(err, ProtocolError::ConceptPremature { open: 0, evaluated: 0 });
    /// assert_eq!(err.code(), "consultation.concept-premature");
    /// assert!(p.concept.is_none());
    /// ```
    pub fn model_concept(
        &mut self,
        date: NaiveDate,
        description: LocalizedText,
    ) -> Result<(), ProtocolError> {
        if self.concept.is_some() {
            return Err(ProtocolError::IllegalTransition {
                action: Action::ModelConcept,
                state: ConsultationState::Evaluated,
            });
        }
        let (open, evaluated) = self.trial_counts();
        if open > 0 || evaluated == 0 {
            return Err(ProtocolError::ConceptPremature { open, evaluated });
        }
        self.concept = Some(ConceptModel { date, description });
        Ok(())
    }
}

// The JSON reader of these types (`crate::json_read`): the same mapping as the
// serde attributes above, checked by the conformance vectors and `core/tests/json_read.rs`.
crate::json_read::json_struct! { ConsultationPolicy {
    min_minutes: or(ConsultationPolicy::default().min_minutes),
    max_minutes: or(ConsultationPolicy::default().max_minutes),
    min_lead_days: or(ConsultationPolicy::default().min_lead_days),
    max_questions: or(ConsultationPolicy::default().max_questions),
    max_brief_chars: or(ConsultationPolicy::default().max_brief_chars),
}}
crate::json_read::json_enum! { ConsultationState {
    Prepared = "prepared",
    ConsultantAgreed = "consultant_agreed",
    BriefSent = "brief_sent",
    Scheduled = "scheduled",
    Held = "held",
    Documented = "documented",
    Evaluated = "evaluated",
    Cancelled = "cancelled",
}}
crate::json_read::json_enum! { Action {
    AgreeConsultant = "agree_consultant",
    SendBrief = "send_brief",
    Schedule = "schedule",
    Hold = "hold",
    Document = "document",
    Evaluate = "evaluate",
    Cancel = "cancel",
    ModelConcept = "model_concept",
}}
crate::json_read::json_enum! { SelectionCriterion {
    NationallySignificant = "nationally_significant",
    Innovative = "innovative",
    ResearchEvidence = "research_evidence",
}}
crate::json_read::json_struct! { Consultant {
    organisation: req,
    country: req,
    criteria: req,
}}
crate::json_read::json_struct! { Session {
    date: req with crate::json_read::date::one,
    planned_minutes: req,
    platform: def,
}}
crate::json_read::json_struct! { HeldSession {
    date: req with crate::json_read::date::one,
    actual_minutes: req,
}}
crate::json_read::json_struct! { TrialEvaluation {
    date: req with crate::json_read::date::one,
    summary: req,
    useful: def,
}}
crate::json_read::json_struct! { Cancellation {
    date: req with crate::json_read::date::one,
    reason: req,
    from_state: req,
}}
crate::json_read::json_struct! { Consultation {
    id: req,
    state: req,
    brief: req,
    questions: req,
    developer_group: def,
    consultant: def,
    brief_sent_on: def with crate::json_read::date::option,
    session: def,
    held: def,
    documentation: def,
    evaluation: def,
    cancellation: def,
}}
crate::json_read::json_struct! { ConceptModel {
    date: req with crate::json_read::date::one,
    description: req,
}}
crate::json_read::json_struct! { ConsultationProgramme {
    id: req,
    name: req,
    centre: def,
    illustrative: def,
    policy: def,
    consultations: def,
    concept: def,
}}
