//! The registry: regions, municipalities, centres and population figures, each with
//! the dates it is valid for.
//!
//! The map changes over time (Isokyrö moved from Pohjanmaa to Etelä-Pohjanmaa on
//! 1.1.2021; SONet BOTNIA was wound up on 30.6.2025), so every membership carries a
//! [`Validity`] and every question takes a date.
//!
//! ```
//! use chrono::NaiveDate;
//! let reg = oske::Registry::embedded();
//! let d = NaiveDate::from_ymd_opt(2020, 6, 1).unwrap();
//! // Which region was Isokyrö (152) in on 1.6.2020, and which centre covered it?
//! assert_eq!(reg.region_of_municipality("152", d).unwrap().code, "15");
//! let centres: Vec<_> = reg.centres_for_municipality("152", d).iter().map(|c| c.id.as_str()).collect();
//! assert_eq!(centres, ["sonet-botnia"]);
//! ```

use crate::date::{serde_date, Period, Validity};
use crate::text::LocalizedText;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// A region (*maakunta*), by its Statistics Finland code (`"14"` Etelä-Pohjanmaa).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Region {
    /// Two-digit Statistics Finland code (not ISO 3166-2:FI).
    pub code: String,
    /// Name in Finnish and Swedish (and English where it differs).
    pub name: LocalizedText,
    /// When the region exists.
    #[serde(default, skip_serializing_if = "is_always")]
    pub valid: Validity,
}

/// A municipality's membership of a region for a time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegionMembership {
    /// Region code.
    pub region: String,
    /// When the membership holds.
    #[serde(default, skip_serializing_if = "is_always")]
    pub valid: Validity,
}

/// A municipality (*kunta*), by its three-digit code (`"148"` Inari).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Municipality {
    /// Three-digit code.
    pub code: String,
    /// Name in Finnish and Swedish.
    pub name: LocalizedText,
    /// When the municipality exists.
    #[serde(default, skip_serializing_if = "is_always")]
    pub valid: Validity,
    /// Its region over time.
    #[serde(default)]
    pub regions: Vec<RegionMembership>,
}

/// One part of a centre's area: a region, whole or in part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CentreArea {
    /// Region code.
    pub region: String,
    /// True when the centre covers only part of the region (say, Helsinki and its
    /// neighbours in Uusimaa); `note` then says which part.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub partial: bool,
    /// Which part, in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<LocalizedText>,
    /// When the region belongs to the centre's area.
    #[serde(default, skip_serializing_if = "is_always")]
    pub valid: Validity,
}

/// A social welfare competence centre.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Centre {
    /// Stable id, e.g. `"sonet-botnia"`.
    pub id: String,
    /// Short name as used (`SONet BOTNIA`).
    pub short_name: String,
    /// Full name.
    pub name: LocalizedText,
    /// When the centre operates.
    #[serde(default, skip_serializing_if = "is_always")]
    pub valid: Validity,
    /// Its regional area over time. Empty for a centre with no regional area (FSKC).
    #[serde(default)]
    pub areas: Vec<CentreArea>,
    /// A nationwide scope, for a centre that serves a population rather than an area
    /// (FSKC: the Swedish-speaking population).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nationwide_scope: Option<LocalizedText>,
    /// National tasks (Poske: services for the Sámi-speaking population).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub national_tasks: Vec<LocalizedText>,
}

/// A population figure for a region or municipality on a reference date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PopulationFigure {
    /// Region or municipality code.
    pub area: String,
    /// Reference date (e.g. 31.12.2019).
    #[serde(with = "serde_date")]
    pub date: NaiveDate,
    /// Inhabitants.
    pub population: u64,
}

/// The kind of code looked up; used in messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeKind {
    /// A region code.
    Region,
    /// A municipality code.
    Municipality,
    /// A centre id.
    Centre,
}

impl CodeKind {
    /// `"region"`, `"municipality"`, `"centre"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            CodeKind::Region => "region",
            CodeKind::Municipality => "municipality",
            CodeKind::Centre => "centre",
        }
    }
}

/// The answer to "is this code valid on that date?".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lookup<'a, T> {
    /// Known and valid on the date.
    Valid(&'a T),
    /// Known, but not valid on the date (retired or not yet in force).
    NotValid(&'a T, Validity),
    /// Not in the registry at all.
    Unknown,
}

/// Regions, municipalities, centres and populations with validity dates.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Registry {
    /// What this registry is (source, edition).
    #[serde(default)]
    pub name: String,
    /// The dates this registry claims to describe; outside them codes are not
    /// checked reliably (`registry.outside-coverage`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coverage: Option<Period>,
    /// Regions.
    #[serde(default)]
    pub regions: Vec<Region>,
    /// Municipalities.
    #[serde(default)]
    pub municipalities: Vec<Municipality>,
    /// Centres.
    #[serde(default)]
    pub centres: Vec<Centre>,
    /// Population figures.
    #[serde(default)]
    pub populations: Vec<PopulationFigure>,
}

fn is_always(v: &Validity) -> bool {
    *v == Validity::ALWAYS
}

const EMBEDDED_REGISTRY: &str = include_str!(concat!(env!("OUT_DIR"), "/registry.json"));

fn validity_lookup<'a, T>(
    item: Option<&'a T>,
    valid: impl Fn(&T) -> Validity,
    date: NaiveDate,
) -> Lookup<'a, T> {
    match item {
        None => Lookup::Unknown,
        Some(t) => {
            let v = valid(t);
            if v.contains(date) {
                Lookup::Valid(t)
            } else {
                Lookup::NotValid(t, v)
            }
        }
    }
}

impl Registry {
    /// The registry embedded in the crate: the regions of Finland, the municipalities
    /// of Etelä-Pohjanmaa, Pohjanmaa, Keski-Pohjanmaa and Lappi (2021–2024 membership,
    /// with Isokyrö's move on 1.1.2021), the 11 centres operating in 2020 (SONet BOTNIA
    /// until 30.6.2025) and the populations of 31.12.2019. It covers 1.1.2002–30.6.2025.
    pub fn embedded() -> &'static Registry {
        static REG: OnceLock<Registry> = OnceLock::new();
        REG.get_or_init(|| {
            // The embedded file is tested; a failure here is a build defect.
            crate::json::from_str_plain(EMBEDDED_REGISTRY).unwrap_or_default()
        })
    }

    /// The embedded registry's JSON text (compact; `core/data/registry.json` holds the
    /// same, indented), as a template for a registry of your own.
    pub fn embedded_json() -> &'static str {
        EMBEDDED_REGISTRY
    }

    /// Reads a registry from JSON (same format as [`Registry::embedded_json`]).
    pub fn from_json(text: &str) -> Result<Registry, crate::json::JsonError> {
        crate::json::from_str_plain(text)
    }

    /// A region by code, regardless of date.
    pub fn region(&self, code: &str) -> Option<&Region> {
        self.regions.iter().find(|r| r.code == code)
    }

    /// A municipality by code, regardless of date.
    pub fn municipality(&self, code: &str) -> Option<&Municipality> {
        self.municipalities.iter().find(|m| m.code == code)
    }

    /// A centre by id, regardless of date.
    pub fn centre(&self, id: &str) -> Option<&Centre> {
        self.centres.iter().find(|c| c.id == id)
    }

    /// A region and whether it is valid on `date`.
    pub fn region_on(&self, code: &str, date: NaiveDate) -> Lookup<'_, Region> {
        validity_lookup(self.region(code), |r| r.valid, date)
    }

    /// A municipality and whether it is valid on `date`.
    pub fn municipality_on(&self, code: &str, date: NaiveDate) -> Lookup<'_, Municipality> {
        validity_lookup(self.municipality(code), |m| m.valid, date)
    }

    /// A centre and whether it operates on `date`.
    pub fn centre_on(&self, id: &str, date: NaiveDate) -> Lookup<'_, Centre> {
        validity_lookup(self.centre(id), |c| c.valid, date)
    }

    /// The region a municipality belongs to on `date`.
    pub fn region_of_municipality(&self, code: &str, date: NaiveDate) -> Option<&Region> {
        let m = self.municipality(code)?;
        let membership = m.regions.iter().find(|r| r.valid.contains(date))?;
        self.region(&membership.region)
    }

    /// The municipalities of a region on `date`.
    pub fn municipalities_of_region(&self, region: &str, date: NaiveDate) -> Vec<&Municipality> {
        self.municipalities
            .iter()
            .filter(|m| m.valid.contains(date))
            .filter(|m| {
                m.regions
                    .iter()
                    .any(|r| r.region == region && r.valid.contains(date))
            })
            .collect()
    }

    /// The centres whose area includes the region on `date`.
    pub fn centres_for_region(&self, region: &str, date: NaiveDate) -> Vec<&Centre> {
        self.centres
            .iter()
            .filter(|c| c.valid.contains(date))
            .filter(|c| {
                c.areas
                    .iter()
                    .any(|a| a.region == region && a.valid.contains(date))
            })
            .collect()
    }

    /// The centres covering a municipality on `date` (through its region).
    pub fn centres_for_municipality(&self, code: &str, date: NaiveDate) -> Vec<&Centre> {
        match self.region_of_municipality(code, date) {
            Some(r) => self.centres_for_region(&r.code, date),
            None => Vec::new(),
        }
    }

    /// True when the centre's area includes the region on `date`.
    pub fn centre_covers_region(&self, centre: &str, region: &str, date: NaiveDate) -> bool {
        self.centre(centre).is_some_and(|c| {
            c.areas
                .iter()
                .any(|a| a.region == region && a.valid.contains(date))
        })
    }

    /// The population of a region or municipality on exactly `date`, if recorded.
    pub fn population(&self, area: &str, date: NaiveDate) -> Option<u64> {
        self.populations
            .iter()
            .find(|p| p.area == area && p.date == date)
            .map(|p| p.population)
    }

    /// True when `date` lies within the registry's coverage (or no coverage is stated).
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.coverage.map_or(true, |c| c.contains(date))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn embedded_registry_parses_with_expected_contents() {
        let reg: Registry = serde_json::from_str(EMBEDDED_REGISTRY).expect("embedded registry");
        assert_eq!(reg.regions.len(), 19);
        assert_eq!(reg.centres.len(), 11);
        let count = |r: &str| reg.municipalities_of_region(r, d(2022, 1, 1)).len();
        assert_eq!(
            (count("14"), count("15"), count("16"), count("19")),
            (18, 14, 8, 21)
        );
        assert_eq!(reg.municipalities.len(), 61);
    }

    #[test]
    fn isokyro_moves_region_on_2021_01_01() {
        let reg = Registry::embedded();
        assert_eq!(
            reg.region_of_municipality("152", d(2020, 12, 31))
                .unwrap()
                .code,
            "15"
        );
        assert_eq!(
            reg.region_of_municipality("152", d(2021, 1, 1))
                .unwrap()
                .code,
            "14"
        );
        assert_eq!(reg.municipalities_of_region("15", d(2020, 6, 1)).len(), 15);
    }

    #[test]
    fn sonet_botnia_ends_on_2025_06_30() {
        let reg = Registry::embedded();
        assert!(matches!(
            reg.centre_on("sonet-botnia", d(2025, 6, 30)),
            Lookup::Valid(_)
        ));
        assert!(matches!(
            reg.centre_on("sonet-botnia", d(2025, 7, 1)),
            Lookup::NotValid(..)
        ));
        assert!(reg
            .centres_for_municipality("905", d(2025, 7, 1))
            .is_empty());
        assert!(matches!(
            reg.centre_on("nope", d(2020, 1, 1)),
            Lookup::Unknown
        ));
    }

    #[test]
    fn populations_of_2019_sum_to_the_stated_total() {
        let reg = Registry::embedded();
        let date = d(2019, 12, 31);
        let sum: u64 = ["14", "15", "16"]
            .iter()
            .map(|r| reg.population(r, date).unwrap())
            .sum();
        assert_eq!(sum, 437_477);
        assert_eq!(reg.population("16", date), Some(68_189));
    }

    #[test]
    fn lapland_is_covered_by_poske() {
        let reg = Registry::embedded();
        let c = reg.centres_for_municipality("148", d(2009, 1, 1));
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].short_name, "Poske");
    }
}
