//! Indicator achievement, per indicator and per perspective.

use oske::evaluation::{EvaluationMethod, Instrument};
use oske::{Direction, Evaluation, Indicator, LocalizedText};

fn ind(
    id: &str,
    persp: Option<&str>,
    dir: Direction,
    b: Option<f64>,
    t: Option<f64>,
    a: Option<f64>,
) -> Indicator {
    Indicator {
        id: id.into(),
        name: LocalizedText::en(id),
        perspective: persp.map(Into::into),
        unit: "count".into(),
        baseline: b,
        target: t,
        actual: a,
        direction: dir,
    }
}

#[test]
fn increase_and_decrease_measure_progress_from_baseline_to_target() {
    use Direction::*;
    assert_eq!(
        ind("a", None, Increase, Some(10.0), Some(20.0), Some(15.0)).achievement(),
        Some(0.5)
    );
    assert_eq!(
        ind("a", None, Increase, Some(10.0), Some(20.0), Some(25.0)).achievement(),
        Some(1.5)
    );
    // Going the wrong way is negative.
    assert_eq!(
        ind("a", None, Increase, Some(10.0), Some(20.0), Some(5.0)).achievement(),
        Some(-0.5)
    );
    assert_eq!(
        ind("a", None, Decrease, Some(40.0), Some(20.0), Some(30.0)).achievement(),
        Some(0.5)
    );
    assert_eq!(
        ind("a", None, Decrease, Some(40.0), Some(20.0), Some(20.0)).achievement(),
        Some(1.0)
    );
}

#[test]
fn maintain_falls_off_linearly_with_deviation() {
    use Direction::Maintain;
    assert_eq!(
        ind("m", None, Maintain, None, Some(80.0), Some(80.0)).achievement(),
        Some(1.0)
    );
    assert_eq!(
        ind("m", None, Maintain, None, Some(80.0), Some(60.0)).achievement(),
        Some(0.75)
    );
    assert_eq!(
        ind("m", None, Maintain, None, Some(80.0), Some(200.0)).achievement(),
        Some(0.0)
    );
    assert_eq!(
        ind("m", None, Maintain, None, Some(0.0), Some(0.0)).achievement(),
        Some(1.0)
    );
    assert_eq!(
        ind("m", None, Maintain, None, Some(0.0), Some(1.0)).achievement(),
        None
    );
}

#[test]
fn missing_or_degenerate_values_give_no_achievement() {
    use Direction::*;
    assert_eq!(
        ind("x", None, Increase, None, Some(2.0), Some(1.0)).achievement(),
        None
    );
    assert_eq!(
        ind("x", None, Increase, Some(1.0), None, Some(1.0)).achievement(),
        None
    );
    assert_eq!(
        ind("x", None, Increase, Some(1.0), Some(2.0), None).achievement(),
        None
    );
    assert_eq!(
        ind("x", None, Increase, Some(2.0), Some(2.0), Some(3.0)).achievement(),
        None
    );
    assert_eq!(
        ind("x", None, Increase, Some(0.0), Some(f64::NAN), Some(3.0)).achievement(),
        None
    );
    assert_eq!(
        ind(
            "x",
            None,
            Increase,
            Some(0.0),
            Some(1.0),
            Some(f64::INFINITY)
        )
        .achievement(),
        None
    );
}

#[test]
fn target_direction_contradictions() {
    use Direction::*;
    assert!(ind("x", None, Increase, Some(5.0), Some(4.0), None).target_contradicts_direction());
    assert!(!ind("x", None, Increase, Some(5.0), Some(5.0), None).target_contradicts_direction());
    assert!(ind("x", None, Decrease, Some(5.0), Some(6.0), None).target_contradicts_direction());
    assert!(ind("x", None, Maintain, Some(5.0), Some(6.0), None).target_contradicts_direction());
    assert!(!ind("x", None, Maintain, None, Some(6.0), None).target_contradicts_direction());
}

#[test]
fn achievement_by_perspective_is_the_mean_of_indicators_that_have_one() {
    use Direction::*;
    let e = Evaluation {
        id: "bsc".into(),
        title: LocalizedText::en("Balanced scorecard"),
        subject: None,
        method: EvaluationMethod::BalancedScorecard,
        instruments: vec![Instrument::Avain, Instrument::Other("Local survey".into())],
        period: None,
        indicators: vec![
            ind(
                "c1",
                Some("clients"),
                Increase,
                Some(0.0),
                Some(10.0),
                Some(5.0),
            ),
            ind(
                "c2",
                Some("clients"),
                Increase,
                Some(0.0),
                Some(10.0),
                Some(10.0),
            ),
            ind("c3", Some("clients"), Increase, Some(0.0), Some(10.0), None),
            ind(
                "s1",
                Some("staff"),
                Decrease,
                Some(10.0),
                Some(0.0),
                Some(7.5),
            ),
            ind("n1", None, Maintain, None, Some(4.0), Some(4.0)),
        ],
    };
    let by = e.achievement_by_perspective();
    let got: Vec<(&str, f64)> = by.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    assert_eq!(got, [("", 1.0), ("clients", 0.75), ("staff", 0.25)]);
}
