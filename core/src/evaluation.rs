//! Evaluations and their indicators.

use crate::date::Period;
use crate::text::LocalizedText;
use serde::Serialize;
use std::collections::BTreeMap;

/// The evaluation method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum EvaluationMethod {
    /// Internal self-evaluation.
    SelfEvaluation,
    /// Client-oriented Bikva evaluation.
    Bikva,
    /// Balanced scorecard.
    BalancedScorecard,
    /// Stakeholder survey.
    StakeholderSurvey,
    /// External evaluation.
    External,
    /// Another method.
    Other,
}

/// An instrument for measuring social functioning or effectiveness.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Instrument {
    /// AVAIN.
    Avain,
    /// ARVOA.
    Arvoa,
    /// Suuntima.
    Suuntima,
    /// SOSDigi.
    Sosdigi,
    /// A regional welfare barometer.
    WelfareBarometer,
    /// Another instrument, by name.
    Other(String),
}

/// Which way an indicator should move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Higher is better.
    Increase,
    /// Lower is better.
    Decrease,
    /// Keep at the target level.
    Maintain,
}

impl Direction {
    /// `"increase"`, `"decrease"`, `"maintain"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Direction::Increase => "increase",
            Direction::Decrease => "decrease",
            Direction::Maintain => "maintain",
        }
    }
}

/// An indicator with baseline, target and actual values.
///
/// Values are measurements (counts, scores, percentages), not money, and are
/// `f64`; money always lives in [`crate::Cents`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Indicator {
    /// Unique id within the evaluation.
    pub id: String,
    /// Name.
    pub name: LocalizedText,
    /// Perspective, for grouping (e.g. a balanced scorecard's perspective).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub perspective: Option<String>,
    /// Unit ("%", "count", "score 1–5").
    pub unit: String,
    /// Baseline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<f64>,
    /// Target.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<f64>,
    /// Actual.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual: Option<f64>,
    /// Direction.
    pub direction: Direction,
}

impl Indicator {
    /// How far the indicator got towards its target, as a fraction (1.0 = met).
    ///
    /// - increase / decrease: `(actual − baseline) / (target − baseline)`, so going the
    ///   wrong way is negative and overshooting is above 1;
    /// - maintain: 1.0 when `actual` equals `target`, falling linearly to 0 at a
    ///   deviation of `|target|` (never below 0).
    ///
    /// `None` when a needed value is missing, not finite, or the target equals the
    /// baseline (for increase/decrease) or is zero (for maintain, unless actual is too).
    ///
    /// ```
    /// use oske::{Direction, Indicator, LocalizedText};
    /// let i = Indicator { id: "i".into(), name: LocalizedText::en("Clients reached"), perspective: None,
    ///     unit: "count".into(), baseline: Some(100.0), target: Some(200.0), actual: Some(150.0),
    ///     direction: Direction::Increase };
    /// assert_eq!(i.achievement(), Some(0.5));
    /// ```
    pub fn achievement(&self) -> Option<f64> {
        let target = self.target.filter(|v| v.is_finite())?;
        let actual = self.actual.filter(|v| v.is_finite())?;
        match self.direction {
            Direction::Increase | Direction::Decrease => {
                let baseline = self.baseline.filter(|v| v.is_finite())?;
                let span = target - baseline;
                if span == 0.0 {
                    return None;
                }
                Some((actual - baseline) / span)
            }
            Direction::Maintain => {
                if target == 0.0 {
                    return (actual == 0.0).then_some(1.0);
                }
                Some((1.0 - (actual - target).abs() / target.abs()).max(0.0))
            }
        }
    }

    /// True when the target contradicts the direction (increase with a target below
    /// the baseline, decrease above it, maintain different from it). `false` when
    /// baseline or target is missing.
    pub fn target_contradicts_direction(&self) -> bool {
        match (self.baseline, self.target) {
            (Some(b), Some(t)) => match self.direction {
                Direction::Increase => t < b,
                Direction::Decrease => t > b,
                Direction::Maintain => t != b,
            },
            _ => false,
        }
    }
}

/// An evaluation of a plan, project, network or consultation.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Evaluation {
    /// Unique id within the document.
    pub id: String,
    /// Title.
    pub title: LocalizedText,
    /// What is evaluated: the id of a plan, project, network or consultation programme.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// Method.
    pub method: EvaluationMethod,
    /// Instruments used.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub instruments: Vec<Instrument>,
    /// Period evaluated or when the evaluation is done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    /// Indicators.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<Indicator>,
}

impl Evaluation {
    /// Mean achievement per perspective, over the indicators that have one
    /// (indicators without a perspective are grouped under `""`).
    pub fn achievement_by_perspective(&self) -> BTreeMap<String, f64> {
        let mut sums: BTreeMap<String, (f64, u32)> = BTreeMap::new();
        for i in &self.indicators {
            if let Some(a) = i.achievement() {
                let e = sums
                    .entry(i.perspective.clone().unwrap_or_default())
                    .or_insert((0.0, 0));
                e.0 += a;
                e.1 += 1;
            }
        }
        sums.into_iter()
            .map(|(k, (s, n))| (k, s / f64::from(n)))
            .collect()
    }
}

// The JSON reader of these types (`crate::json_read`): the same mapping as the
// serde attributes above, checked by the conformance vectors and `core/tests/json_read.rs`.
crate::json_read::json_enum! { EvaluationMethod {
    SelfEvaluation = "self_evaluation",
    Bikva = "bikva",
    BalancedScorecard = "balanced_scorecard",
    StakeholderSurvey = "stakeholder_survey",
    External = "external",
    Other = "other",
}}
crate::json_read::json_enum! { Direction {
    Increase = "increase",
    Decrease = "decrease",
    Maintain = "maintain",
}}
crate::json_read::json_struct! { Indicator {
    id: req,
    name: req,
    perspective: def,
    unit: req,
    baseline: def,
    target: def,
    actual: def,
    direction: req,
}}
crate::json_read::json_struct! { Evaluation {
    id: req,
    title: req,
    subject: def,
    method: req,
    instruments: def,
    period: def,
    indicators: def,
}}

// An instrument is read as serde reads an externally tagged enum from the tree: a
// unit variant by its name (or `{"name": null}`), `other` only as `{"other": "text"}`.
impl crate::json_read::FromJson for Instrument {
    fn read_json(de: crate::json_tree::NodeDe<'_>) -> Result<Self, crate::json_tree::DeError> {
        use crate::json_read::{custom_type_error, type_error, variant_value};
        use crate::json_tree::{Node, NodeDe};
        const NAMES: &[&str] = &[
            "avain",
            "arvoa",
            "suuntima",
            "sosdigi",
            "welfare_barometer",
            "other",
        ];
        const UNITS: &[Instrument] = &[
            Instrument::Avain,
            Instrument::Arvoa,
            Instrument::Suuntima,
            Instrument::Sosdigi,
            Instrument::WelfareBarometer,
        ];
        let (path, unknown) = (de.path, de.unknown);
        match variant_value(de, "enum Instrument", NAMES)? {
            (5, None) => Err(custom_type_error(
                serde::de::Unexpected::UnitVariant,
                "newtype variant",
                path,
            )),
            (5, Some(node)) => String::read_json(NodeDe {
                node,
                path,
                unknown,
            })
            .map(Instrument::Other),
            (i, None | Some(Node::Null)) => Ok(UNITS[i].clone()),
            (_, Some(other)) => Err(type_error(&other, &"unit", path)),
        }
    }
}

impl<'de> serde::Deserialize<'de> for Instrument {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::json_read::deserialize(d)
    }
}
