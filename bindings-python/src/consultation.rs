//! The Nordic video-consultation protocol from Python. Every step is the core's; a
//! refused step raises the `oske.ProtocolError` subclass of its rule, with `.code`.

use crate::convert::{enum_from_name, DateArg};
use crate::errors::{bad_argument, guard, parse_lang, protocol_error};
use crate::issues::{IssueData, PyReport};
use crate::macros::model_class;
use crate::model::PyText;
use oske::consultation::{
    Consultant, Consultation, ConsultationPolicy, SelectionCriterion, TrialEvaluation,
};
use oske::errors::{ArgumentProblem, NameKind};
use pyo3::prelude::*;
use pyo3::types::PyType;

/// A count of minutes, days, questions or characters: a non-negative int.
fn count(value: i64, what: &'static str) -> PyResult<u32> {
    u32::try_from(value).map_err(|_| {
        bad_argument(ArgumentProblem::WholeNumber {
            what,
            given: value.to_string(),
            max: u64::from(u32::MAX),
        })
    })
}

/// [`count`] for any Python int: one too big for 64 bits (`2**64`) is an
/// `ArgumentError` like any other out-of-range count, not an `OverflowError`.
fn count_arg(value: &Bound<'_, PyAny>, what: &'static str) -> PyResult<u32> {
    match value.extract::<i64>() {
        Ok(v) => count(v, what),
        Err(e) if value.is_instance_of::<pyo3::types::PyInt>() => {
            drop(e);
            Err(bad_argument(ArgumentProblem::WholeNumber {
                what,
                given: value.to_string(),
                max: u64::from(u32::MAX),
            }))
        }
        Err(e) => Err(e),
    }
}

fn criteria(names: Vec<String>) -> PyResult<Vec<SelectionCriterion>> {
    names
        .iter()
        .map(|n| enum_from_name(n, NameKind::SelectionCriterion))
        .collect()
}

fn policy_or_default(policy: Option<PyConsultationPolicy>) -> ConsultationPolicy {
    policy.map(|p| p.0).unwrap_or_default()
}

model_class! {
    /// The limits of the protocol: session length, lead time, questions and brief
    /// length. Arguments left out take the core's defaults (30–45 minutes, 1 day,
    /// 10 questions, 2000 characters).
    PyConsultationPolicy(ConsultationPolicy) as "ConsultationPolicy" [frozen] {
        fields: [min_minutes, max_minutes, min_lead_days, max_questions, max_brief_chars],
        repr: [min_minutes, max_minutes, min_lead_days, max_questions, max_brief_chars],
        methods: {
            #[new]
            #[pyo3(signature = (min_minutes=None, max_minutes=None, min_lead_days=None, max_questions=None, max_brief_chars=None))]
            fn new(
                min_minutes: Option<&Bound<'_, PyAny>>,
                max_minutes: Option<&Bound<'_, PyAny>>,
                min_lead_days: Option<&Bound<'_, PyAny>>,
                max_questions: Option<&Bound<'_, PyAny>>,
                max_brief_chars: Option<&Bound<'_, PyAny>>,
            ) -> PyResult<Self> {
                guard(|| {
                    let mut p = ConsultationPolicy::default();
                    if let Some(v) = min_minutes {
                        p.min_minutes = count_arg(v, "min_minutes")?;
                    }
                    if let Some(v) = max_minutes {
                        p.max_minutes = count_arg(v, "max_minutes")?;
                    }
                    if let Some(v) = min_lead_days {
                        p.min_lead_days = count_arg(v, "min_lead_days")?;
                    }
                    if let Some(v) = max_questions {
                        p.max_questions = count_arg(v, "max_questions")?;
                    }
                    if let Some(v) = max_brief_chars {
                        p.max_brief_chars = count_arg(v, "max_brief_chars")?;
                    }
                    // A policy whose shortest session is longer than its longest
                    // allows no session: refused (`consultation.policy-inconsistent`).
                    if let Some(issue) = p.check("") {
                        return Err(crate::errors::argument_error_in(|l| issue.message(l)));
                    }
                    Ok(PyConsultationPolicy(p))
                })
            }
        }
    }
}

model_class! {
    /// The consulting party.
    PyConsultant(Consultant) as "Consultant" [frozen] {
        fields: [organisation, country, criteria],
        repr: [organisation, country, criteria],
        methods: {
            /// `criteria`: names from `"nationally_significant"`, `"innovative"`,
            /// `"research_evidence"`.
            #[new]
            fn new(organisation: String, country: String, criteria: Vec<String>) -> PyResult<Self> {
                guard(|| {
                    Ok(PyConsultant(Consultant {
                        organisation,
                        country,
                        criteria: self::criteria(criteria)?,
                    }))
                })
            }
        }
    }
}

model_class! {
    /// The scheduled session.
    PySession(oske::consultation::Session) as "Session" [frozen] {
        fields: [date, planned_minutes, platform],
        repr: [date, planned_minutes, platform],
        methods: {}
    }
}

model_class! {
    /// The session as held.
    PyHeldSession(oske::consultation::HeldSession) as "HeldSession" [frozen] {
        fields: [date, actual_minutes],
        repr: [date, actual_minutes],
        methods: {}
    }
}

model_class! {
    /// The evaluation of one trial.
    PyTrialEvaluation(TrialEvaluation) as "TrialEvaluation" [frozen] {
        fields: [date, summary, useful],
        repr: [date, useful],
        methods: {}
    }
}

model_class! {
    /// A cancellation, with its reason and the state it was cancelled from.
    PyCancellation(oske::consultation::Cancellation) as "Cancellation" [frozen] {
        fields: [date, reason, from_state],
        repr: [date, reason, from_state],
        methods: {}
    }
}

model_class! {
    /// The operating concept, modelled after the trials.
    PyConceptModel(oske::consultation::ConceptModel) as "ConceptModel" [frozen] {
        fields: [date, description],
        repr: [date],
        methods: {}
    }
}

model_class! {
    /// One Nordic video consultation, walked through the protocol step by step:
    /// `prepare` → `agree_consultant` → `send_brief` → `schedule` → `hold` →
    /// `document` → `evaluate`, or `cancel` before it is held. A refused step raises
    /// the `oske.ProtocolError` subclass of its rule and leaves the consultation as it was.
    PyConsultation(Consultation) as "Consultation" [] {
        fields: [id, state, brief, questions, developer_group, consultant, brief_sent_on,
                 session, held, documentation, evaluation, cancellation],
        repr: [id, state],
        methods: {
            /// Step 1: a developer group prepares a short brief and clarifying questions.
            #[classmethod]
            #[pyo3(signature = (id, brief, questions, policy=None))]
            fn prepare(
                cls: &Bound<'_, PyType>,
                id: String,
                brief: String,
                questions: Vec<String>,
                policy: Option<PyConsultationPolicy>,
            ) -> PyResult<Self> {
                let py = cls.py();
                guard(|| {
                    Consultation::prepare(id, brief, questions, &policy_or_default(policy))
                        .map(PyConsultation)
                        .map_err(|e| protocol_error(py, &e))
                })
            }

            /// Step 2: a consulting party in a Nordic country, chosen by at least one
            /// criterion, agrees to consult.
            fn agree_consultant(
                &mut self,
                py: Python<'_>,
                organisation: String,
                country: String,
                criteria: Vec<String>,
            ) -> PyResult<()> {
                guard(|| {
                    let c = Consultant {
                        organisation,
                        country,
                        criteria: self::criteria(criteria)?,
                    };
                    self.0.agree_consultant(c).map_err(|e| protocol_error(py, &e))
                })
            }

            /// Step 3: the brief and questions are sent to the consultant.
            fn send_brief(&mut self, py: Python<'_>, on: DateArg) -> PyResult<()> {
                guard(|| self.0.send_brief(on.0).map_err(|e| protocol_error(py, &e)))
            }

            /// Step 4: the session is scheduled.
            #[pyo3(signature = (date, planned_minutes, platform=None, policy=None))]
            fn schedule(
                &mut self,
                py: Python<'_>,
                date: DateArg,
                planned_minutes: &Bound<'_, PyAny>,
                platform: Option<String>,
                policy: Option<PyConsultationPolicy>,
            ) -> PyResult<()> {
                guard(|| {
                    let minutes = count_arg(planned_minutes, "planned_minutes")?;
                    self.0
                        .schedule(date.0, minutes, platform, &policy_or_default(policy))
                        .map_err(|e| protocol_error(py, &e))
                })
            }

            /// Step 5: the session is held; the actual length is recorded as it was.
            fn hold(
                &mut self,
                py: Python<'_>,
                date: DateArg,
                actual_minutes: &Bound<'_, PyAny>,
            ) -> PyResult<()> {
                guard(|| {
                    let minutes = count_arg(actual_minutes, "actual_minutes")?;
                    self.0.hold(date.0, minutes).map_err(|e| protocol_error(py, &e))
                })
            }

            /// Step 6a: the trial is described.
            fn document(&mut self, py: Python<'_>, description: String) -> PyResult<()> {
                guard(|| self.0.document(description).map_err(|e| protocol_error(py, &e)))
            }

            /// Step 6b: the trial is evaluated.
            #[pyo3(signature = (date, summary, useful=None))]
            fn evaluate(
                &mut self,
                py: Python<'_>,
                date: DateArg,
                summary: PyText,
                useful: Option<bool>,
            ) -> PyResult<()> {
                guard(|| {
                    let e = TrialEvaluation {
                        date: date.0,
                        summary: summary.0,
                        useful,
                    };
                    self.0.evaluate(e).map_err(|e| protocol_error(py, &e))
                })
            }

            /// Cancels, with a reason, from any state before the session is held.
            fn cancel(&mut self, py: Python<'_>, on: DateArg, reason: String) -> PyResult<()> {
                guard(|| self.0.cancel(on.0, reason).map_err(|e| protocol_error(py, &e)))
            }

            /// True when the consultation can still be cancelled.
            fn can_cancel(&self) -> bool {
                self.0.state.can_cancel()
            }

            /// Checks the stored consultation against the protocol and `policy`; the
            /// report's pointers are relative to the consultation (`/session/...`).
            #[pyo3(signature = (policy=None, lang="en".to_owned()), text_signature = "(self, policy=None, lang='en')")]
            fn check(&self, policy: Option<PyConsultationPolicy>, lang: String) -> PyResult<PyReport> {
                guard(|| {
                    let lang = parse_lang(&lang)?;
                    let issues = self.0.check(&policy_or_default(policy), "");
                    Ok(PyReport::new(issues.iter().map(IssueData::from).collect(), lang))
                })
            }
        }
    }
}

model_class! {
    /// A programme of consultation trials.
    PyConsultationProgramme(oske::consultation::ConsultationProgramme) as "ConsultationProgramme" [] {
        fields: [id, name, centre, illustrative, policy, consultations, concept],
        repr: [id, name],
        methods: {
            /// `(unfinished, evaluated)`: unfinished means neither evaluated nor cancelled.
            fn trial_counts(&self) -> PyResult<(usize, usize)> {
                guard(|| Ok(self.0.trial_counts()))
            }

            /// Models the operating concept: allowed once every trial is evaluated or
            /// cancelled and at least one was evaluated, and only once.
            fn model_concept(&mut self, py: Python<'_>, date: DateArg, description: PyText) -> PyResult<()> {
                guard(|| {
                    self.0
                        .model_concept(date.0, description.0)
                        .map_err(|e| protocol_error(py, &e))
                })
            }
        }
    }
}

/// Adds the consultation classes to the module.
pub(crate) fn add_classes(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyConsultationPolicy>()?;
    m.add_class::<PyConsultant>()?;
    m.add_class::<PySession>()?;
    m.add_class::<PyHeldSession>()?;
    m.add_class::<PyTrialEvaluation>()?;
    m.add_class::<PyCancellation>()?;
    m.add_class::<PyConceptModel>()?;
    m.add_class::<PyConsultation>()?;
    m.add_class::<PyConsultationProgramme>()?;
    Ok(())
}
