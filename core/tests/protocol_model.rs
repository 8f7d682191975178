//! The consultation protocol against a small reference model (issue 13): random
//! sequences of steps, each with random arguments, checked step by step.
//!
//! - a step the model refuses fails with the model's rule code and changes nothing;
//! - a step the model allows succeeds and moves to the model's state;
//! - a consultation whose steps all kept the protocol's order and the policy
//!   (dates not going back, lengths within the policy, the lead time kept) checks
//!   clean, and every check finds only what the model predicts otherwise;
//! - the JSON round trip gives the same consultation.
//!
//! Stable and bounded: 256 sequences by default (`PROPTEST_CASES` for more).

use chrono::NaiveDate;
use oske::consultation::{
    Consultant, Consultation, ConsultationPolicy, ConsultationState as S, SelectionCriterion,
    TrialEvaluation,
};
use oske::LocalizedText;
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Op {
    Agree { nordic: bool, criteria: bool },
    SendBrief { day: u32 },
    Schedule { day: u32, minutes: u32 },
    Hold { day: u32, minutes: u32 },
    Document,
    Evaluate { day: u32 },
    Cancel { day: u32, reason: bool },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (any::<bool>(), any::<bool>())
            .prop_map(|(nordic, criteria)| Op::Agree { nordic, criteria }),
        (0u32..40).prop_map(|day| Op::SendBrief { day }),
        (0u32..40, 20u32..70).prop_map(|(day, minutes)| Op::Schedule { day, minutes }),
        (0u32..40, 20u32..70).prop_map(|(day, minutes)| Op::Hold { day, minutes }),
        Just(Op::Document),
        (0u32..40).prop_map(|day| Op::Evaluate { day }),
        (0u32..40, any::<bool>()).prop_map(|(day, reason)| Op::Cancel { day, reason }),
    ]
}

fn date(day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, 10, 1).unwrap() + chrono::Days::new(u64::from(day))
}

/// The reference model: the state, the dates recorded so far, and whether every
/// recorded fact keeps the protocol's order and the policy.
#[derive(Debug, Clone)]
struct Model {
    state: S,
    sent: Option<u32>,
    scheduled: Option<u32>,
    held: Option<u32>,
    in_order: bool,
}

impl Model {
    /// What the step should do: `Err(code)` or `Ok(new state)`.
    fn step(&mut self, op: &Op, policy: &ConsultationPolicy) -> Result<S, &'static str> {
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

fn apply(c: &mut Consultation, op: &Op, policy: &ConsultationPolicy) -> Result<(), String> {
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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256)
    ))]

    #[test]
    fn the_protocol_follows_its_reference_model(ops in proptest::collection::vec(op(), 0..12)) {
        let policy = ConsultationPolicy::default();
        let mut c = Consultation::prepare("c1", "Lastensuojelu", vec!["Miten?".into()], &policy)
            .unwrap();
        let mut model = Model { state: S::Prepared, sent: None, scheduled: None, held: None, in_order: true };
        for op in &ops {
            let before = c.clone();
            let mut next = model.clone();
            match (next.step(op, &policy), apply(&mut c, op, &policy)) {
                (Ok(state), Ok(())) => {
                    prop_assert_eq!(c.state, state, "{:?}", op);
                    next.state = state;
                    model = next;
                }
                (Err(code), Err(got)) => {
                    prop_assert_eq!(got, code, "{:?}", op);
                    // A failed step changes nothing.
                    prop_assert_eq!(&c, &before);
                }
                (want, got) => prop_assert!(false, "{:?}: model {:?}, library {:?}", op, want, got),
            }
            // The JSON round trip gives the same consultation.
            let json = serde_json::to_string(&c).unwrap();
            let back: Consultation = serde_json::from_str(&json).unwrap();
            prop_assert_eq!(&back, &c);
        }
        let issues = c.check(&policy, "/c");
        if model.in_order {
            prop_assert!(issues.is_empty(), "{:?}\n{:?}", ops, issues);
        } else {
            // Only what the steps record as it was: lengths, lead time, date order.
            for i in &issues {
                prop_assert!(
                    matches!(
                        i.code(),
                        "consultation.held-duration" | "consultation.brief-late" | "consultation.date-order"
                    ),
                    "{:?}: {}", ops, i
                );
            }
            prop_assert!(!issues.is_empty(), "{:?}", ops);
        }
    }
}
