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
//! The model and the checks are those of the fuzz target `protocol`
//! (`core/fuzz/src/protocol.rs`); here under the default policy. Stable and bounded:
//! 256 sequences by default (`PROPTEST_CASES` for more), and the fuzz target's
//! committed seeds.

use oske::consultation::ConsultationPolicy;
use proptest::prelude::*;

#[path = "../fuzz/src/protocol.rs"]
mod protocol;
use protocol::Op;

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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256)
    ))]

    #[test]
    fn the_protocol_follows_its_reference_model(ops in proptest::collection::vec(op(), 0..12)) {
        let r = protocol::run(&ops, &ConsultationPolicy::default());
        prop_assert!(r.is_ok(), "{}", r.unwrap_err());
    }
}

/// The fuzz target's seeds (policy and steps as bytes) keep the invariant, and they
/// cover a consultation evaluated in order, one cancelled, one out of order and
/// refused steps.
#[test]
fn the_fuzz_seeds_follow_the_reference_model() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds/protocol");
    let mut names = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let path = e.unwrap().path();
        let (policy, ops) = protocol::from_bytes(&std::fs::read(&path).unwrap()).unwrap();
        assert_eq!(
            (policy.min_minutes, policy.max_minutes, policy.min_lead_days),
            (30, 45, 1)
        );
        protocol::run(&ops, &policy).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        names.push(path.file_name().unwrap().to_string_lossy().into_owned());
    }
    names.sort();
    assert_eq!(
        names,
        [
            "cancelled_after_brief",
            "evaluated_in_order",
            "held_before_scheduled_day",
            "refused_steps"
        ]
    );
}
