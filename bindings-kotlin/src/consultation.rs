//! `Consultation`: one Nordic video consultation, walked through the protocol.

use crate::errors::ProtocolError;
use crate::lock;
use crate::model::{ConsultationRecord, Issue};
use chrono::NaiveDate;
use oske::consultation::{Consultant, ConsultationPolicy, ConsultationState, TrialEvaluation};
use oske::{Lang, Report};
use std::sync::{Arc, Mutex};

/// One Nordic video consultation, walked through the protocol: prepare →
/// agree a consultant → send the brief → schedule → hold → document → evaluate,
/// or cancel (with a reason) before it is held.
///
/// Each step is the core's: it checks the protocol and the policy and throws a
/// `ProtocolException` (message in this consultation's language, rule code in
/// `code`) without changing anything when the step is not allowed. The state is
/// held by the library; `record()` gives a snapshot to store or show.
#[derive(uniffi::Object)]
pub struct Consultation {
    inner: Mutex<oske::Consultation>,
    policy: ConsultationPolicy,
    lang: Lang,
}

impl Consultation {
    pub(crate) fn from_parts(
        record: oske::Consultation,
        policy: ConsultationPolicy,
        lang: Lang,
    ) -> Arc<Self> {
        Arc::new(Consultation {
            inner: Mutex::new(record),
            policy,
            lang,
        })
    }

    /// Runs one protocol step on the consultation.
    fn step(
        &self,
        f: impl FnOnce(&mut oske::Consultation, &ConsultationPolicy) -> Result<(), oske::ProtocolError>,
    ) -> Result<(), ProtocolError> {
        let mut c = lock(&self.inner);
        f(&mut c, &self.policy).map_err(|e| ProtocolError::new(&e, self.lang))
    }
}

#[uniffi::export]
impl Consultation {
    /// Step 1: a developer group prepares a short brief and clarifying questions.
    /// `policy` defaults to `defaultConsultationPolicy()`; errors speak `lang`
    /// (the error language, `errorLanguage()`, when null). Throws `ProtocolException` (`BriefEmpty`,
    /// `BriefTooLong`, `NoQuestion`, `TooManyQuestions`).
    #[uniffi::constructor(default(lang = None, policy = None))]
    pub fn prepare(
        id: String,
        brief: String,
        questions: Vec<String>,
        lang: Option<Lang>,
        policy: Option<ConsultationPolicy>,
    ) -> Result<Arc<Self>, ProtocolError> {
        let policy = policy.unwrap_or_default();
        let lang = lang.unwrap_or_else(crate::errors::error_lang);
        let c = oske::Consultation::prepare(id, brief, questions, &policy)
            .map_err(|e| ProtocolError::new(&e, lang))?;
        Ok(Consultation::from_parts(c, policy, lang))
    }

    /// A stored consultation, taken as it is (nothing is checked: `check()` says
    /// what is wrong with it), to walk on from its current state.
    #[uniffi::constructor(default(lang = None, policy = None))]
    pub fn from_record(
        record: ConsultationRecord,
        lang: Option<Lang>,
        policy: Option<ConsultationPolicy>,
    ) -> Arc<Self> {
        Consultation::from_parts(
            record,
            policy.unwrap_or_default(),
            lang.unwrap_or_else(crate::errors::error_lang),
        )
    }

    /// The consultation's id.
    pub fn id(&self) -> String {
        lock(&self.inner).id.clone()
    }

    /// Where the consultation is in the protocol.
    pub fn state(&self) -> ConsultationState {
        lock(&self.inner).state
    }

    /// True while it can still be cancelled (every state before it is held).
    pub fn can_cancel(&self) -> bool {
        lock(&self.inner).state.can_cancel()
    }

    /// A snapshot of the consultation, as stored in a document.
    pub fn record(&self) -> ConsultationRecord {
        lock(&self.inner).clone()
    }

    /// The policy the steps check against.
    pub fn policy(&self) -> ConsultationPolicy {
        self.policy.clone()
    }

    /// The language of this consultation's `ProtocolException` messages.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Step 2: a consulting party in a Nordic country, chosen by at least one
    /// criterion, agrees to consult (`IllegalTransition`, `NotNordic`, `NoCriterion`).
    pub fn agree_consultant(&self, consultant: Consultant) -> Result<(), ProtocolError> {
        self.step(|c, _| c.agree_consultant(consultant))
    }

    /// Step 3: the brief and questions are sent to the consultant (`IllegalTransition`).
    pub fn send_brief(&self, on: NaiveDate) -> Result<(), ProtocolError> {
        self.step(|c, _| c.send_brief(on))
    }

    /// Step 4: the session is scheduled, within the policy's duration and at least
    /// the lead time after the brief was sent (`IllegalTransition`,
    /// `PlannedDuration`, `BriefLate`).
    #[uniffi::method(default(platform = None))]
    pub fn schedule(
        &self,
        date: NaiveDate,
        planned_minutes: u32,
        platform: Option<String>,
    ) -> Result<(), ProtocolError> {
        self.step(|c, policy| c.schedule(date, planned_minutes, platform, policy))
    }

    /// Step 5: the session is held; the actual date and length are recorded as
    /// they were (`check()` reports a length outside the policy).
    pub fn hold(&self, date: NaiveDate, actual_minutes: u32) -> Result<(), ProtocolError> {
        self.step(|c, _| c.hold(date, actual_minutes))
    }

    /// Step 6a: the trial is described (`IllegalTransition`).
    pub fn document(&self, description: String) -> Result<(), ProtocolError> {
        self.step(|c, _| c.document(description))
    }

    /// Step 6b: the trial is evaluated (`IllegalTransition`).
    pub fn evaluate(&self, evaluation: TrialEvaluation) -> Result<(), ProtocolError> {
        self.step(|c, _| c.evaluate(evaluation))
    }

    /// Cancels, with a reason, before the session is held (`IllegalTransition`,
    /// `CancelReasonMissing`).
    pub fn cancel(&self, on: NaiveDate, reason: String) -> Result<(), ProtocolError> {
        self.step(|c, _| c.cancel(on, reason))
    }

    /// Checks the consultation as it stands against the protocol and the policy.
    /// Pointers are relative to the consultation (`/session/planned_minutes`).
    pub fn check(&self, lang: Lang) -> Vec<Issue> {
        let issues = lock(&self.inner).check(&self.policy, "");
        Report { issues }.records(lang)
    }
}
