//! The consultation protocol against a small reference model (fuzz target
//! `protocol`, stable proptest `core/tests/protocol_model.rs`): a sequence of steps,
//! each with its arguments, checked step by step.
//!
//! - a step the model refuses fails with the model's rule code and changes nothing;
//! - a step the model allows succeeds and moves to the model's state;
//! - a consultation whose steps all kept the protocol's order and the policy
//!   (dates not going back, lengths within the policy, the lead time kept) checks
//!   clean, and otherwise finds only what the model predicts;
//! - the JSON round trip gives the same consultation after every step.

use chrono::NaiveDate;
use oske::consultation::{
    Consultant, Consultation, ConsultationPolicy, ConsultationState as S, SelectionCriterion,
    TrialEvaluation,
};
use oske::LocalizedText;

/// One step, with its arguments (days after 1.10.2020, minutes).
#[derive(Debug, Clone)]
pub enum Op {
    Agree { nordic: bool, criteria: bool },
    SendBrief { day: u32 },
    Schedule { day: u32, minutes: u32 },
    Hold { day: u32, minutes: u32 },
    Document,
    Evaluate { day: u32 },
    Cancel { day: u32, reason: bool },
}

pub fn date(day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, 10, 1).unwrap() + chrono::Days::new(u64::from(day))
}

/// The reference model: the state, the dates recorded so far, and whether every
/// recorded fact keeps the protocol's order and the policy.
#[derive(Debug, Clone)]
pub struct Model {
    pub state: S,
    pub sent: Option<u32>,
    pub scheduled: Option<u32>,
    pub held: Option<u32>,
    pub in_order: bool,
}

impl Model {
    /// What the step should do: `Err(code)` or `Ok(new state)`.
    pub fn step(&mut self, op: &Op, policy: &ConsultationPolicy) -> Result<S, &'static str> {
        let illegal = "protocol.illegal-transition";
        let need = |s: S| {
            if self.state == s {
                Ok(())
            } else {
                Err(illegal)
            }
        };
        match *op {
            Op::Agree { nordic, criteria } => {
                need(S::Prepared)?;
                if !nordic {
                    return Err("consultation.not-nordic");
                }
                if !criteria {
                    return Err("consultation.no-criterion");
                }
                Ok(S::ConsultantAgreed)
            }
            Op::SendBrief { day } => {
                need(S::ConsultantAgreed)?;
                self.sent = Some(day);
                Ok(S::BriefSent)
            }
            Op::Schedule { day, minutes } => {
                need(S::BriefSent)?;
                if minutes < policy.min_minutes || minutes > policy.max_minutes {
                    return Err("consultation.planned-duration");
                }
                if let Some(sent) = self.sent {
                    if i64::from(day) - i64::from(sent) < i64::from(policy.min_lead_days) {
                        return Err("consultation.brief-late");
                    }
                }
                self.scheduled = Some(day);
                Ok(S::Scheduled)
            }
            Op::Hold { day, minutes } => {
                need(S::Scheduled)?;
                // Recorded as it was: out of order or out of policy is for check().
                let sent = self.sent.unwrap_or(0);
                if minutes < policy.min_minutes
                    || minutes > policy.max_minutes
                    || self.scheduled.is_some_and(|s| day < s)
                    || i64::from(day) - i64::from(sent) < i64::from(policy.min_lead_days)
                {
                    self.in_order = false;
                }
                self.held = Some(day);
                Ok(S::Held)
            }
            Op::Document => {
                need(S::Held)?;
                Ok(S::Documented)
            }
            Op::Evaluate { day } => {
                need(S::Documented)?;
                if self.held.is_some_and(|h| day < h) {
                    self.in_order = false;
                }
                Ok(S::Evaluated)
            }
            Op::Cancel { day, reason } => {
                if !self.state.can_cancel() {
                    return Err(illegal);
                }
                if !reason {
                    return Err("consultation.cancel-reason");
                }
                if self.sent.is_some_and(|s| day < s) {
                    self.in_order = false;
                }
                Ok(S::Cancelled)
            }
        }
    }
}

pub fn apply(c: &mut Consultation, op: &Op, policy: &ConsultationPolicy) -> Result<(), String> {
    let r = match *op {
        Op::Agree { nordic, criteria } => c.agree_consultant(Consultant {
            organisation: "VISO".into(),
            country: if nordic { "DK" } else { "DE" }.into(),
            criteria: if criteria {
                vec![SelectionCriterion::Innovative]
            } else {
                Vec::new()
            },
        }),
        Op::SendBrief { day } => c.send_brief(date(day)),
        Op::Schedule { day, minutes } => c.schedule(date(day), minutes, None, policy),
        Op::Hold { day, minutes } => c.hold(date(day), minutes),
        Op::Document => c.document("Kuvattu."),
        Op::Evaluate { day } => c.evaluate(TrialEvaluation {
            date: date(day),
            summary: LocalizedText::fi("Hyödyllinen"),
            useful: Some(true),
        }),
        Op::Cancel { day, reason } => c.cancel(date(day), if reason { "Peruttu" } else { " " }),
    };
    r.map_err(|e| e.code().to_owned())
}

/// The policy and the steps a byte string stands for: the first three bytes pick a
/// consistent policy (shortest session 20–59 minutes, longest up to 39 more, lead
/// time 0–4 days), the rest the steps, three bytes each (kind, then arguments).
pub fn from_bytes(data: &[u8]) -> Option<(ConsultationPolicy, Vec<Op>)> {
    let [a, b, c, steps @ ..] = data else {
        return None;
    };
    let min = 20 + u32::from(*a) % 40;
    let policy = ConsultationPolicy {
        min_minutes: min,
        max_minutes: min + u32::from(*b) % 40,
        min_lead_days: u32::from(*c) % 5,
        ..ConsultationPolicy::default()
    };
    let ops = steps
        .chunks_exact(3)
        .map(|c| {
            let (a, b) = (u32::from(c[1]), u32::from(c[2]));
            match c[0] % 7 {
                0 => Op::Agree {
                    nordic: a & 1 == 1,
                    criteria: b & 1 == 1,
                },
                1 => Op::SendBrief { day: a % 40 },
                2 => Op::Schedule {
                    day: a % 40,
                    minutes: b,
                },
                3 => Op::Hold {
                    day: a % 40,
                    minutes: b,
                },
                4 => Op::Document,
                5 => Op::Evaluate { day: a % 40 },
                _ => Op::Cancel {
                    day: a % 40,
                    reason: b & 1 == 1,
                },
            }
        })
        .collect();
    Some((policy, ops))
}

/// Runs the steps on a new consultation and on the model, checking each step and
/// the end: `Err` names the broken invariant.
pub fn run(ops: &[Op], policy: &ConsultationPolicy) -> Result<(), String> {
    let mut c = Consultation::prepare("c1", "Lastensuojelu", vec!["Miten?".into()], policy)
        .map_err(|e| format!("prepare: {e}"))?;
    let mut model = Model {
        state: S::Prepared,
        sent: None,
        scheduled: None,
        held: None,
        in_order: true,
    };
    for op in ops {
        let before = c.clone();
        let mut next = model.clone();
        match (next.step(op, policy), apply(&mut c, op, policy)) {
            (Ok(state), Ok(())) => {
                if c.state != state {
                    return Err(format!("{op:?}: state {:?}, model {state:?}", c.state));
                }
                next.state = state;
                model = next;
            }
            (Err(code), Err(got)) => {
                if got != code {
                    return Err(format!("{op:?}: failed with {got}, model {code}"));
                }
                if c != before {
                    return Err(format!("{op:?}: a failed step changed the consultation"));
                }
            }
            (want, got) => return Err(format!("{op:?}: model {want:?}, library {got:?}")),
        }
        let json = serde_json::to_string(&c).map_err(|e| e.to_string())?;
        let back: Consultation = serde_json::from_str(&json).map_err(|e| format!("{e}: {json}"))?;
        if back != c {
            return Err(format!("{op:?}: JSON round trip changed {json}"));
        }
    }
    let issues = c.check(policy, "/c");
    if model.in_order {
        if !issues.is_empty() {
            return Err(format!(
                "{ops:?}: kept the protocol but checks with {issues:?}"
            ));
        }
    } else {
        // Only what the steps record as it was: lengths, lead time, date order.
        if let Some(i) = issues.iter().find(|i| {
            !matches!(
                i.code(),
                "consultation.held-duration"
                    | "consultation.brief-late"
                    | "consultation.date-order"
            )
        }) {
            return Err(format!("{ops:?}: unexpected {i}"));
        }
        if issues.is_empty() {
            return Err(format!("{ops:?}: out of order, yet checks clean"));
        }
    }
    Ok(())
}
