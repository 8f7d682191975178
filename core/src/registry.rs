//! The registry: the map the centres work on — regions, municipalities, wellbeing
//! services counties, cooperation areas, the centres themselves and population
//! figures — each with the dates it is valid for.
//!
//! The map changes over time (Isokyrö moved from Pohjanmaa to Etelä-Pohjanmaa on
//! 1.1.2021; hundreds of municipalities merged; the wellbeing services counties took
//! over on 1.1.2023; six centres replaced eleven on 1.7.2025), so every membership
//! carries a [`Validity`] and every question takes a date.
//!
//! A registry is checked when it is built ([`Registry::from_json`],
//! [`Registry::from_data`]): duplicate codes, overlapping memberships, references to
//! areas that do not exist and reversed dates are errors with their location. Look-ups
//! by code are binary searches over sorted indexes (O(log n)).
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
use crate::json::{JsonError, JsonErrorKind};
use crate::text::{Lang, LocalizedText};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::fmt;
use std::sync::OnceLock;

/// The registry format this library writes (`format_version`); it reads 1 and 2.
pub const REGISTRY_FORMAT_VERSION: u32 = 2;

/// Where a table's facts come from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Source {
    /// Short stable id, referred to from the entries (`"sf-kunta"`).
    pub id: String,
    /// Title of the source.
    pub title: String,
    /// Publisher.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// Address of the source, where it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// When it was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retrieved: Option<String>,
    /// Which facts it gave.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub used_for: Option<String>,
}

/// A region (*maakunta*), by its Statistics Finland code (`"14"` Etelä-Pohjanmaa).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Region {
    /// Two-digit Statistics Finland code (not ISO 3166-2:FI).
    pub code: String,
    /// Name in Finnish and Swedish (and English where it differs).
    pub name: LocalizedText,
    /// When the region exists.
    #[serde(default, skip_serializing_if = "is_always")]
    pub valid: Validity,
    /// Ids of the sources of this entry.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
}

/// A wellbeing services county (*hyvinvointialue* / *välfärdsområde*), or the City of
/// Helsinki, which organises the same services itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct County {
    /// Statistics Finland code.
    pub code: String,
    /// Name in Finnish and Swedish.
    pub name: LocalizedText,
    /// When the county exists (established 1.7.2021).
    #[serde(default, skip_serializing_if = "is_always")]
    pub valid: Validity,
    /// From when it is responsible for social welfare services (1.1.2023).
    #[serde(
        default,
        with = "serde_date::option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::DateText>"))]
    pub responsible_from: Option<NaiveDate>,
    /// Ids of the sources of this entry.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
}

/// A cooperation area (*yhteistyöalue* / *samarbetsområde*) of wellbeing services
/// counties.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CooperationArea {
    /// Code.
    pub code: String,
    /// Name in Finnish and Swedish.
    pub name: LocalizedText,
    /// When the area exists.
    #[serde(default, skip_serializing_if = "is_always")]
    pub valid: Validity,
    /// Its counties (codes).
    #[serde(default)]
    pub counties: Vec<String>,
    /// Ids of the sources of this entry.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
}

/// A municipality's membership of a region for a time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RegionMembership {
    /// Region code.
    pub region: String,
    /// When the membership holds.
    #[serde(default, skip_serializing_if = "is_always")]
    pub valid: Validity,
}

/// A municipality's membership of a wellbeing services county for a time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CountyMembership {
    /// County code.
    pub county: String,
    /// When the membership holds.
    #[serde(default, skip_serializing_if = "is_always")]
    pub valid: Validity,
}

/// A name a municipality had for a time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct FormerName {
    /// The name.
    pub name: LocalizedText,
    /// When it was the name.
    #[serde(default, skip_serializing_if = "is_always")]
    pub valid: Validity,
}

/// A municipality (*kunta*), by its three-digit code (`"148"` Inari).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Municipality {
    /// Three-digit code.
    pub code: String,
    /// Name in Finnish and Swedish.
    pub name: LocalizedText,
    /// When the municipality exists.
    #[serde(default, skip_serializing_if = "is_always")]
    pub valid: Validity,
    /// For a municipality that merged: the municipality it merged into, on the day
    /// after `valid.to`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub successor: Option<String>,
    /// Earlier names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub former_names: Vec<FormerName>,
    /// Its region over time.
    #[serde(default)]
    pub regions: Vec<RegionMembership>,
    /// Its wellbeing services county over time.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub counties: Vec<CountyMembership>,
    /// Facts of this entry that could not be verified (`"name.sv"`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unverified: Vec<String>,
}

/// The kind of area a part of a centre's area names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AreaKind {
    /// A region (*maakunta*).
    Region,
    /// A wellbeing services county.
    County,
    /// A cooperation area.
    CooperationArea,
    /// A single municipality (where a region was split between centres).
    Municipality,
}

/// One part of a centre's area: a region, county, cooperation area or municipality.
/// Exactly one of the four codes is given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CentreArea {
    /// Region code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// County code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub county: Option<String>,
    /// Cooperation area code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cooperation_area: Option<String>,
    /// Municipality code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub municipality: Option<String>,
    /// True when the centre covers only part of the region; `note` says which part
    /// (format 1; format 2 names the municipalities instead).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub partial: bool,
    /// Which part, in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<LocalizedText>,
    /// When the part belongs to the centre's area.
    #[serde(default, skip_serializing_if = "is_always")]
    pub valid: Validity,
}

impl CentreArea {
    /// The kind and code this part names (the first given, in the order region,
    /// county, cooperation area, municipality); `None` when none is given.
    pub fn target(&self) -> Option<(AreaKind, &str)> {
        [
            (AreaKind::Region, &self.region),
            (AreaKind::County, &self.county),
            (AreaKind::CooperationArea, &self.cooperation_area),
            (AreaKind::Municipality, &self.municipality),
        ]
        .into_iter()
        .find_map(|(k, c)| c.as_deref().map(|c| (k, c)))
    }

    fn count_targets(&self) -> usize {
        [
            &self.region,
            &self.county,
            &self.cooperation_area,
            &self.municipality,
        ]
        .iter()
        .filter(|c| c.is_some())
        .count()
    }
}

/// A social welfare competence centre.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Centre {
    /// Stable id, e.g. `"sonet-botnia"`.
    pub id: String,
    /// Short name as used (`SONet BOTNIA`); empty when the sources give none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub short_name: String,
    /// Full name.
    pub name: LocalizedText,
    /// When the centre operates.
    #[serde(default, skip_serializing_if = "is_always")]
    pub valid: Validity,
    /// Its area over time. Empty for a centre with no regional area (FSKC).
    #[serde(default)]
    pub areas: Vec<CentreArea>,
    /// A nationwide scope, for a centre that serves a population rather than an area
    /// (FSKC: the Swedish-speaking population).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nationwide_scope: Option<LocalizedText>,
    /// The statutory centre of Decree 1411/2001 § 1 (as amended by 1248/2022) whose area
    /// this organisation runs, alone or with others: the decree names centres and their
    /// areas, not the organisations that run them (the southern centre's area was run by
    /// Socca, Sosiaalitaito and Verso, from 2023 by Socca and Verso).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statutory_centre: Option<LocalizedText>,
    /// National tasks (Poske: services for the Sámi-speaking population).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub national_tasks: Vec<LocalizedText>,
    /// The hosting organisation, where the sources name one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<LocalizedText>,
    /// The centre that took over its area when it ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub successor: Option<String>,
    /// Facts of this entry that could not be verified (`"name"`, `"host"`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unverified: Vec<String>,
    /// Ids of the sources of this entry.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
}

impl Centre {
    /// True for a centre with a regional area (not FSKC, whose scope is nationwide).
    pub fn is_regional(&self) -> bool {
        self.nationwide_scope.is_none()
    }
}

/// A population figure for an area on a reference date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PopulationFigure {
    /// Region, county or municipality code.
    pub area: String,
    /// What `area` is; when absent, a three-digit code is a municipality and any other
    /// a region.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<PopulationArea>,
    /// Reference date (e.g. 31.12.2019).
    #[serde(with = "serde_date")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DateText"))]
    pub date: NaiveDate,
    /// Inhabitants.
    pub population: u64,
    /// Id of the source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// True for a total as published (checked against the sum of the municipalities).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub published_total: bool,
}

/// The kind of area of a population figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum PopulationArea {
    /// A municipality.
    Municipality,
    /// A region.
    Region,
    /// A wellbeing services county.
    County,
}

impl PopulationFigure {
    /// The kind of area, stated or implied by the code.
    pub fn area_kind(&self) -> PopulationArea {
        self.kind.unwrap_or(if self.area.len() == 3 {
            PopulationArea::Municipality
        } else {
            PopulationArea::Region
        })
    }
}

/// The kind of code looked up; used in messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CodeKind {
    /// A region code.
    Region,
    /// A municipality code.
    Municipality,
    /// A centre id.
    Centre,
    /// A wellbeing services county code.
    County,
    /// A cooperation area code.
    CooperationArea,
}

impl CodeKind {
    /// `"region"`, `"municipality"`, `"centre"`, `"county"`, `"cooperation_area"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            CodeKind::Region => "region",
            CodeKind::Municipality => "municipality",
            CodeKind::Centre => "centre",
            CodeKind::County => "county",
            CodeKind::CooperationArea => "cooperation_area",
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

/// The plain data of a registry, as read from and written to JSON.
///
/// Build a [`Registry`] from it with [`Registry::from_data`], which checks it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RegistryData {
    /// The JSON Schema the file names (`"$schema"`, for editors:
    /// `docs/schema/registry.schema.json`); not used otherwise.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Format version of the registry JSON (1 or 2; absent means 1).
    #[serde(default = "format_one")]
    pub format_version: u32,
    /// What this registry is (source, edition).
    #[serde(default)]
    pub name: String,
    /// The newest date the data is known to be right for. Later dates are checked
    /// against the map of this date (with a note).
    #[serde(
        default,
        with = "serde_date::option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::DateText>"))]
    pub known_as_of: Option<NaiveDate>,
    /// The dates this registry describes; a date outside is checked against the
    /// nearest date inside, with a note (`registry.outside-coverage`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coverage: Option<Period>,
    /// The sources of the data.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
    /// Regions.
    #[serde(default)]
    pub regions: Vec<Region>,
    /// Wellbeing services counties.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub counties: Vec<County>,
    /// Cooperation areas.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cooperation_areas: Vec<CooperationArea>,
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

fn format_one() -> u32 {
    1
}

fn is_always(v: &Validity) -> bool {
    *v == Validity::ALWAYS
}

/// One problem found in registry data: where (JSON Pointer) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistryProblem {
    /// JSON Pointer to the offending value.
    pub pointer: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for RegistryProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.pointer, self.message)
    }
}

/// Sorted indexes over the data, built once.
#[derive(Debug, Clone, Default)]
struct Index {
    regions: Vec<u32>,
    counties: Vec<u32>,
    cooperation_areas: Vec<u32>,
    municipalities: Vec<u32>,
    centres: Vec<u32>,
    /// (area kind, area code, date) → population, sorted.
    populations: Vec<(u8, String, NaiveDate, u64)>,
    /// Folded names → entries, sorted by name.
    names: Vec<(String, CodeKind, u32)>,
    /// Every date on which the map changes, sorted (see [`Registry::change_dates`]).
    changes: Vec<NaiveDate>,
}

/// Regions, counties, cooperation areas, municipalities, centres and populations with
/// validity dates, checked and indexed.
///
/// Read access to the data is through [`Registry::data`] (and `Deref`, so
/// `registry.municipalities` works).
#[derive(Debug, Clone)]
pub struct Registry {
    data: RegistryData,
    index: Index,
}

impl PartialEq for Registry {
    fn eq(&self, other: &Self) -> bool {
        self.data == other.data
    }
}

impl Eq for Registry {}

impl Default for Registry {
    fn default() -> Self {
        Registry {
            data: RegistryData {
                format_version: REGISTRY_FORMAT_VERSION,
                ..RegistryData::default()
            },
            index: Index::default(),
        }
    }
}

impl std::ops::Deref for Registry {
    type Target = RegistryData;
    fn deref(&self) -> &RegistryData {
        &self.data
    }
}

impl Serialize for Registry {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.data.serialize(s)
    }
}

impl<'de> Deserialize<'de> for Registry {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let data = RegistryData::deserialize(d)?;
        Registry::from_data(data).map_err(|problems| {
            serde::de::Error::custom(
                problems
                    .first()
                    .map(ToString::to_string)
                    .unwrap_or_default(),
            )
        })
    }
}

static EMBEDDED_DEFLATED: &[u8] =
    include_bytes!(concat!(env!("OUT_DIR"), "/registry.json.deflate"));

fn embedded_text() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| {
        // The embedded data is compressed at build time and tested; a failure here
        // is a build defect, caught by the tests.
        crate::datasets::inflate_text(EMBEDDED_DEFLATED)
    })
}

/// Folds a name for matching: lower case, accents removed (`Kemijärvi` → `kemijarvi`),
/// runs of white space as one space.
pub fn fold_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut space = false;
    for c in name.trim().chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        for l in c.to_lowercase() {
            out.push(match l {
                'ä' | 'å' | 'á' | 'à' | 'â' | 'ã' => 'a',
                'ö' | 'ø' | 'ó' | 'ò' | 'ô' | 'õ' => 'o',
                'é' | 'è' | 'ê' | 'ë' => 'e',
                'ü' | 'ú' | 'ù' | 'û' => 'u',
                'í' | 'ì' | 'î' | 'ï' => 'i',
                'š' => 's',
                'ž' => 'z',
                '–' | '—' => '-',
                other => other,
            });
        }
    }
    out
}

/// How a name or code given by a user was resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution<'a> {
    /// The text is a code known to the registry (it may still be invalid on the date).
    Code(&'a str),
    /// The text is an official name (Finnish or Swedish, any case) of the entry with
    /// this code on the date.
    Name(&'a str),
    /// The text matches an official name only once accents are ignored
    /// (`Kemijarvi` → Kemijärvi); the code of the entry.
    Folded(&'a str),
    /// The name is that of one entry that is not valid on the date (a merged
    /// municipality, say); its code, for the caller to report its validity.
    OtherDate(&'a str),
    /// Several entries carry the name (on the date, or on other dates when none is
    /// valid on it): their codes.
    Ambiguous(Vec<&'a str>),
    /// Nothing matches; the closest names' codes, best first (at most three).
    Unknown(Vec<&'a str>),
}

impl Registry {
    /// The registry embedded in the crate: every municipality of Finland since
    /// 1.1.2002 with its region and county by date, the regions, the wellbeing
    /// services counties, the cooperation areas, the competence centres with their
    /// areas as the law had them at each date, and population figures — each table
    /// with its sources (`docs/registry.md`, `docs/registry-sources.md`).
    pub fn embedded() -> &'static Registry {
        static REG: OnceLock<Registry> = OnceLock::new();
        REG.get_or_init(|| {
            // The embedded file is tested; a failure here is a build defect.
            Registry::from_json(embedded_text()).unwrap_or_default()
        })
    }

    /// The embedded registry's JSON text (compact; `core/data/registry.json` holds the
    /// same, indented), as a template for a registry of your own.
    pub fn embedded_json() -> &'static str {
        embedded_text()
    }

    /// Reads and checks a registry from JSON (format 1 or 2, as
    /// [`Registry::embedded_json`]). A UTF-8 byte order mark is accepted. Problems in
    /// the data (duplicate codes, overlapping memberships, unknown references,
    /// reversed dates) are data errors with the pointer of the first problem; the
    /// message counts the others.
    pub fn from_json(text: &str) -> Result<Registry, JsonError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if !text.trim_start().starts_with('{') && !text.trim().is_empty() {
            return Err(JsonError {
                kind: JsonErrorKind::Data,
                file: None,
                pointer: Some(String::new()),
                line: Some(1),
                column: Some(1),
                message: "a registry is a JSON object ({ … })".into(),
            });
        }
        let data: RegistryData = crate::json::from_str_plain(text)?;
        Registry::from_data(data).map_err(|problems| {
            let first = &problems[0];
            let more = problems.len() - 1;
            let message = if more == 0 {
                first.message.clone()
            } else {
                format!(
                    "{} (and {more} more problem{})",
                    first.message,
                    if more == 1 { "" } else { "s" }
                )
            };
            JsonError {
                kind: JsonErrorKind::Data,
                file: None,
                pointer: Some(first.pointer.clone()),
                line: None,
                column: None,
                message,
            }
        })
    }

    /// Checks registry data and builds its indexes; every problem found, with its
    /// pointer, when the data is not consistent.
    pub fn from_data(data: RegistryData) -> Result<Registry, Vec<RegistryProblem>> {
        let (problems, orders) = check(&data);
        if !problems.is_empty() {
            return Err(problems);
        }
        let index = build_index(&data, orders);
        Ok(Registry { data, index })
    }

    /// The plain data.
    pub fn data(&self) -> &RegistryData {
        &self.data
    }

    /// The data, given back (to change it and build a new registry).
    pub fn into_data(self) -> RegistryData {
        self.data
    }

    /// The position in its table of the entry with `code`, by binary search in the
    /// table's sorted index. One function for the five tables (`key` gives the code
    /// of the entry at a position), not one copy of the search per table.
    fn find<'t>(idx: &[u32], key: &dyn Fn(usize) -> &'t str, code: &str) -> Option<usize> {
        idx.binary_search_by(|&i| key(i as usize).cmp(code))
            .ok()
            .map(|p| idx[p] as usize)
    }

    /// A region by code, regardless of date.
    pub fn region(&self, code: &str) -> Option<&Region> {
        let t = &self.data.regions;
        Self::find(&self.index.regions, &|i| &t[i].code, code).map(|i| &t[i])
    }

    /// A county by code, regardless of date.
    pub fn county(&self, code: &str) -> Option<&County> {
        let t = &self.data.counties;
        Self::find(&self.index.counties, &|i| &t[i].code, code).map(|i| &t[i])
    }

    /// A cooperation area by code, regardless of date.
    pub fn cooperation_area(&self, code: &str) -> Option<&CooperationArea> {
        let t = &self.data.cooperation_areas;
        Self::find(&self.index.cooperation_areas, &|i| &t[i].code, code).map(|i| &t[i])
    }

    /// A municipality by code, regardless of date.
    pub fn municipality(&self, code: &str) -> Option<&Municipality> {
        let t = &self.data.municipalities;
        Self::find(&self.index.municipalities, &|i| &t[i].code, code).map(|i| &t[i])
    }

    /// A centre by id, regardless of date.
    pub fn centre(&self, id: &str) -> Option<&Centre> {
        let t = &self.data.centres;
        Self::find(&self.index.centres, &|i| &t[i].id, id).map(|i| &t[i])
    }

    /// The name of an entry of any kind, in `lang` (falling back as
    /// [`LocalizedText::get`] does); `None` for an unknown code.
    pub fn name_of(&self, kind: CodeKind, code: &str, lang: Lang) -> Option<&str> {
        match kind {
            CodeKind::Region => self.region(code)?.name.get(lang),
            CodeKind::Municipality => self.municipality(code)?.name.get(lang),
            CodeKind::Centre => {
                let c = self.centre(code)?;
                if c.short_name.is_empty() {
                    c.name.get(lang)
                } else {
                    Some(c.short_name.as_str())
                }
            }
            CodeKind::County => self.county(code)?.name.get(lang),
            CodeKind::CooperationArea => self.cooperation_area(code)?.name.get(lang),
        }
    }

    /// A name and code for messages, `Isokyrö (152)` / `Storkyro (152)`; the code
    /// alone when the registry does not know it. Centres are named by their short name.
    pub fn label(&self, kind: CodeKind, code: &str, lang: Lang) -> String {
        match self.name_of(kind, code, lang) {
            Some(name) if kind == CodeKind::Centre => name.to_owned(),
            Some(name) => format!("{name} ({code})"),
            None => code.to_owned(),
        }
    }

    /// Whether an entry of any kind exists and is valid on `date`.
    pub fn lookup(&self, kind: CodeKind, code: &str, date: NaiveDate) -> Lookup<'_, ()> {
        let v = match kind {
            CodeKind::Region => self.region(code).map(|r| r.valid),
            CodeKind::Municipality => self.municipality(code).map(|r| r.valid),
            CodeKind::Centre => self.centre(code).map(|r| r.valid),
            CodeKind::County => self.county(code).map(|r| r.valid),
            CodeKind::CooperationArea => self.cooperation_area(code).map(|r| r.valid),
        };
        match v {
            None => Lookup::Unknown,
            Some(v) if v.contains(date) => Lookup::Valid(&()),
            Some(v) => Lookup::NotValid(&(), v),
        }
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

    /// A county and whether it exists on `date`.
    pub fn county_on(&self, code: &str, date: NaiveDate) -> Lookup<'_, County> {
        validity_lookup(self.county(code), |c| c.valid, date)
    }

    /// The region a municipality belongs to on `date`.
    pub fn region_of_municipality(&self, code: &str, date: NaiveDate) -> Option<&Region> {
        let m = self.municipality(code)?;
        let membership = m.regions.iter().find(|r| r.valid.contains(date))?;
        self.region(&membership.region)
    }

    /// The wellbeing services county a municipality belongs to on `date`.
    pub fn county_of_municipality(&self, code: &str, date: NaiveDate) -> Option<&County> {
        let m = self.municipality(code)?;
        let membership = m.counties.iter().find(|r| r.valid.contains(date))?;
        self.county(&membership.county)
    }

    /// The cooperation area a county belongs to on `date`.
    pub fn cooperation_area_of_county(
        &self,
        county: &str,
        date: NaiveDate,
    ) -> Option<&CooperationArea> {
        self.data
            .cooperation_areas
            .iter()
            .find(|a| a.valid.contains(date) && a.counties.iter().any(|c| c == county))
    }

    /// The cooperation area a municipality belongs to on `date` (through its county).
    pub fn cooperation_area_of_municipality(
        &self,
        code: &str,
        date: NaiveDate,
    ) -> Option<&CooperationArea> {
        let county = self.county_of_municipality(code, date)?;
        self.cooperation_area_of_county(&county.code, date)
    }

    /// The municipalities of a region on `date`.
    pub fn municipalities_of_region(&self, region: &str, date: NaiveDate) -> Vec<&Municipality> {
        self.municipalities_where(date, &|m| {
            m.regions
                .iter()
                .any(|r| r.region == region && r.valid.contains(date))
        })
    }

    /// The municipalities that exist on `date` and pass `keep`, in code order: one
    /// loop for the members of a region, a county and a centre's area.
    fn municipalities_where(
        &self,
        date: NaiveDate,
        keep: &dyn Fn(&Municipality) -> bool,
    ) -> Vec<&Municipality> {
        let mut out = Vec::new();
        for m in self.municipalities_on(date) {
            if keep(m) {
                out.push(m);
            }
        }
        out
    }

    /// The municipalities of a county on `date`.
    pub fn municipalities_of_county(&self, county: &str, date: NaiveDate) -> Vec<&Municipality> {
        self.municipalities_where(date, &|m| {
            m.counties
                .iter()
                .any(|r| r.county == county && r.valid.contains(date))
        })
    }

    /// The counties of a cooperation area on `date`.
    pub fn counties_of_cooperation_area(&self, area: &str, date: NaiveDate) -> Vec<&County> {
        match self.cooperation_area(area) {
            Some(a) if a.valid.contains(date) => a
                .counties
                .iter()
                .filter_map(|c| self.county(c))
                .filter(|c| c.valid.contains(date))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The municipalities that exist on `date`, in code order.
    pub fn municipalities_on(&self, date: NaiveDate) -> impl Iterator<Item = &Municipality> + '_ {
        self.index
            .municipalities
            .iter()
            .map(move |&i| &self.data.municipalities[i as usize])
            .filter(move |m| m.valid.contains(date))
    }

    /// Where a municipality belongs on `date`: its code, region, county and
    /// cooperation area, worked out once for matching against many area parts.
    /// A code the registry does not know belongs to no region, county or area.
    fn place<'s>(&'s self, code: &'s str, date: NaiveDate) -> Place<'s> {
        match self.municipality(code) {
            Some(m) => self.place_of(m, date),
            None => Place {
                municipality: code,
                region: None,
                county: None,
                cooperation_area: None,
            },
        }
    }

    /// [`Self::place`] of a municipality already looked up (the same answer, without
    /// finding it again for its region and its county).
    fn place_of<'s>(&'s self, m: &'s Municipality, date: NaiveDate) -> Place<'s> {
        let county = m
            .counties
            .iter()
            .find(|r| r.valid.contains(date))
            .and_then(|r| self.county(&r.county));
        Place {
            municipality: &m.code,
            region: m
                .regions
                .iter()
                .find(|r| r.valid.contains(date))
                .and_then(|r| self.region(&r.region))
                .map(|r| r.code.as_str()),
            county: county.map(|c| c.code.as_str()),
            cooperation_area: county
                .and_then(|c| self.cooperation_area_of_county(&c.code, date))
                .map(|a| a.code.as_str()),
        }
    }

    /// True when the area part names the place on `date`.
    fn area_contains(a: &CentreArea, place: &Place<'_>, date: NaiveDate) -> bool {
        if !a.valid.contains(date) {
            return false;
        }
        match a.target() {
            Some((AreaKind::Municipality, m)) => m == place.municipality,
            Some((AreaKind::Region, r)) => place.region == Some(r),
            Some((AreaKind::County, c)) => place.county == Some(c),
            Some((AreaKind::CooperationArea, y)) => place.cooperation_area == Some(y),
            None => false,
        }
    }

    fn covers_place(c: &Centre, place: &Place<'_>, date: NaiveDate) -> bool {
        c.valid.contains(date) && c.areas.iter().any(|a| Self::area_contains(a, place, date))
    }

    /// True when the centre's area includes the municipality on `date` (the centre
    /// operating then).
    pub fn centre_covers_municipality(&self, centre: &str, code: &str, date: NaiveDate) -> bool {
        let place = self.place(code, date);
        self.centre(centre)
            .is_some_and(|c| Self::covers_place(c, &place, date))
    }

    /// [`Self::centre_covers_municipality`] with the centre and the municipality
    /// already looked up (the validator checks one municipality against the same
    /// centres on several dates).
    pub(crate) fn centre_covers(&self, c: &Centre, m: &Municipality, date: NaiveDate) -> bool {
        Self::covers_place(c, &self.place_of(m, date), date)
    }

    /// The centres covering a municipality on `date` (regional centres whose area
    /// includes it; the nationwide FSKC is not among them).
    pub fn centres_for_municipality(&self, code: &str, date: NaiveDate) -> Vec<&Centre> {
        let place = self.place(code, date);
        self.data
            .centres
            .iter()
            .filter(|c| Self::covers_place(c, &place, date))
            .collect()
    }

    /// The regional centre of a municipality on `date`, when exactly one covers it.
    pub fn centre_of_municipality(&self, code: &str, date: NaiveDate) -> Option<&Centre> {
        match self.centres_for_municipality(code, date).as_slice() {
            [one] => Some(one),
            _ => None,
        }
    }

    /// The municipalities in a centre's area on `date`.
    pub fn municipalities_of_centre(&self, centre: &str, date: NaiveDate) -> Vec<&Municipality> {
        let Some(c) = self.centre(centre) else {
            return Vec::new();
        };
        if !c.valid.contains(date) {
            return Vec::new();
        }
        self.municipalities_where(date, &|m| {
            Self::covers_place(c, &self.place(&m.code, date), date)
        })
    }

    /// True when the centre's area includes the region, wholly or in part, on `date`.
    pub fn centre_covers_region(&self, centre: &str, region: &str, date: NaiveDate) -> bool {
        self.centre(centre).is_some_and(|c| {
            c.valid.contains(date)
                && (c
                    .areas
                    .iter()
                    .any(|a| a.valid.contains(date) && a.region.as_deref() == Some(region))
                    || self
                        .municipalities_of_region(region, date)
                        .iter()
                        .any(|m| Self::covers_place(c, &self.place(&m.code, date), date)))
        })
    }

    /// True when the centre's area includes the county, wholly or in part, on `date`.
    pub fn centre_covers_county(&self, centre: &str, county: &str, date: NaiveDate) -> bool {
        self.centre(centre).is_some_and(|c| {
            c.valid.contains(date)
                && (c
                    .areas
                    .iter()
                    .any(|a| a.valid.contains(date) && a.county.as_deref() == Some(county))
                    || self
                        .municipalities_of_county(county, date)
                        .iter()
                        .any(|m| Self::covers_place(c, &self.place(&m.code, date), date)))
        })
    }

    /// The centres whose area includes the region, wholly or in part, on `date`.
    pub fn centres_for_region(&self, region: &str, date: NaiveDate) -> Vec<&Centre> {
        self.data
            .centres
            .iter()
            .filter(|c| self.centre_covers_region(&c.id, region, date))
            .collect()
    }

    /// The municipalities a merged municipality's area passed to, in order: its
    /// successor, that one's successor, and so on. Empty for one that did not merge.
    pub fn successor_chain(&self, code: &str) -> Vec<&Municipality> {
        let mut out: Vec<&Municipality> = Vec::new();
        let mut cur = self.municipality(code);
        while let Some(next) = cur
            .and_then(|m| m.successor.as_deref())
            .and_then(|s| self.municipality(s))
        {
            if out.iter().any(|m| m.code == next.code) || next.code == code {
                break; // a cycle would be a data error; checked when built
            }
            out.push(next);
            cur = Some(next);
        }
        out
    }

    /// The municipality that holds a merged municipality's area on `date`: the first
    /// of its successor chain valid then.
    pub fn successor_on(&self, code: &str, date: NaiveDate) -> Option<&Municipality> {
        self.successor_chain(code)
            .into_iter()
            .find(|m| m.valid.contains(date))
    }

    /// The population of an area on exactly `date`: a recorded figure, or for a region
    /// or county without one, the sum of its municipalities' figures on that date
    /// (when every municipality of it has one). A three-digit code is a municipality,
    /// a code of a county (and not a region) a county, any other a region.
    pub fn population(&self, area: &str, date: NaiveDate) -> Option<u64> {
        let kind = if area.len() == 3 {
            PopulationArea::Municipality
        } else if self.region(area).is_none() && self.county(area).is_some() {
            PopulationArea::County
        } else {
            PopulationArea::Region
        };
        self.population_of(kind, area, date)
    }

    /// The population of an area of a given kind on exactly `date` (see
    /// [`Registry::population`]).
    pub fn population_of(&self, kind: PopulationArea, area: &str, date: NaiveDate) -> Option<u64> {
        let k = kind as u8;
        let found = self
            .index
            .populations
            .binary_search_by(|(pk, pa, pd, _)| (*pk, pa.as_str(), *pd).cmp(&(k, area, date)))
            .ok()
            .map(|i| self.index.populations[i].3);
        if found.is_some() || kind == PopulationArea::Municipality {
            return found;
        }
        let members = match kind {
            PopulationArea::Region => self.municipalities_of_region(area, date),
            PopulationArea::County => self.municipalities_of_county(area, date),
            PopulationArea::Municipality => Vec::new(),
        };
        if members.is_empty() {
            return None;
        }
        let mut sum: u64 = 0;
        for m in members {
            sum = sum.checked_add(self.population_of(
                PopulationArea::Municipality,
                &m.code,
                date,
            )?)?;
        }
        Some(sum)
    }

    /// The dates of `period` on which the map may differ from the day before: its
    /// first day, then every later day of it on which something in the registry
    /// begins or the day after something ends (a municipality, region, county,
    /// cooperation area, centre, membership or part of a centre's area), in order.
    /// Between two consecutive dates, and after the last, the map is the same to the
    /// period's end. A reversed period gives its first day only.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use oske::date::Period;
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    /// let reg = oske::Registry::embedded();
    /// // A 2023–2026 plan spans the centre reform of 1.7.2025.
    /// let dates = reg.change_dates(&Period::new(d(2023, 1, 1), d(2026, 12, 31)));
    /// assert_eq!(dates.first(), Some(&d(2023, 1, 1)));
    /// assert!(dates.contains(&d(2025, 7, 1)));
    /// ```
    pub fn change_dates(&self, period: &Period) -> Vec<NaiveDate> {
        let changes = &self.index.changes;
        let from = changes.partition_point(|d| *d <= period.start);
        let to = changes.partition_point(|d| *d <= period.end);
        let mut out = vec![period.start];
        if from < to {
            out.extend_from_slice(&changes[from..to]);
        }
        out
    }

    /// True when `date` lies within the registry's coverage (or no coverage is stated).
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.data.coverage.map_or(true, |c| c.contains(date))
    }

    /// The date whose map answers for `date`: `date` itself inside the coverage, else
    /// the nearest end of the coverage.
    pub fn effective_date(&self, date: NaiveDate) -> NaiveDate {
        match self.data.coverage {
            Some(c) if !c.is_empty() => date.clamp(c.start, c.end),
            _ => date,
        }
    }

    /// Resolves a code or a name (Finnish or Swedish, any case, accents optional) of a
    /// region, municipality, county, cooperation area or centre on `date`.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use oske::registry::{CodeKind, Resolution};
    /// let reg = oske::Registry::embedded();
    /// let d = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
    /// assert_eq!(reg.resolve(CodeKind::Municipality, "Storkyro", d), Resolution::Name("152"));
    /// assert_eq!(reg.resolve(CodeKind::Municipality, "kemijarvi", d), Resolution::Folded("320"));
    /// assert_eq!(reg.resolve(CodeKind::Municipality, "320", d), Resolution::Code("320"));
    /// ```
    pub fn resolve(&self, kind: CodeKind, text: &str, date: NaiveDate) -> Resolution<'_> {
        let t = text.trim();
        if let Some(code) = self.code_str(kind, t) {
            return Resolution::Code(code);
        }
        let folded = fold_name(t);
        let lower: String = t.to_lowercase();
        let lo = self
            .index
            .names
            .partition_point(|(n, _, _)| n.as_str() < folded.as_str());
        let mut exact: Vec<&str> = Vec::new();
        let mut loose: Vec<&str> = Vec::new();
        let mut any_date: Vec<&str> = Vec::new();
        for (n, k, i) in &self.index.names[lo..] {
            if *n != folded {
                break;
            }
            if *k != kind {
                continue;
            }
            let (code, valid, names) = self.entry(*k, *i);
            if !any_date.contains(&code) {
                any_date.push(code);
            }
            if !valid.contains(date) {
                continue;
            }
            let is_exact = names.iter().any(|n| n.to_lowercase() == lower);
            let list = if is_exact { &mut exact } else { &mut loose };
            if !list.contains(&code) {
                list.push(code);
            }
        }
        match (exact.as_slice(), loose.as_slice()) {
            ([one], _) => Resolution::Name(one),
            ([], [one]) => Resolution::Folded(one),
            ([], []) if any_date.len() == 1 => Resolution::OtherDate(any_date[0]),
            ([], []) if any_date.len() > 1 => Resolution::Ambiguous(any_date),
            ([], []) => Resolution::Unknown(self.suggest(kind, &folded, date)),
            (many, _) if many.len() > 1 => Resolution::Ambiguous(many.to_vec()),
            (_, many) => Resolution::Ambiguous(many.to_vec()),
        }
    }

    fn code_str(&self, kind: CodeKind, t: &str) -> Option<&str> {
        match kind {
            CodeKind::Region => self.region(t).map(|r| r.code.as_str()),
            CodeKind::Municipality => self.municipality(t).map(|r| r.code.as_str()),
            CodeKind::Centre => self.centre(t).map(|r| r.id.as_str()),
            CodeKind::County => self.county(t).map(|r| r.code.as_str()),
            CodeKind::CooperationArea => self.cooperation_area(t).map(|r| r.code.as_str()),
        }
    }

    fn entry(&self, kind: CodeKind, i: u32) -> (&str, Validity, Vec<&str>) {
        let i = i as usize;
        match kind {
            CodeKind::Region => {
                let r = &self.data.regions[i];
                (&r.code, r.valid, text_names(&r.name))
            }
            CodeKind::Municipality => {
                let r = &self.data.municipalities[i];
                let mut n = text_names(&r.name);
                for f in &r.former_names {
                    n.extend(text_names(&f.name));
                }
                (&r.code, r.valid, n)
            }
            CodeKind::Centre => {
                let r = &self.data.centres[i];
                let mut n = text_names(&r.name);
                if !r.short_name.is_empty() {
                    n.push(&r.short_name);
                }
                (&r.id, r.valid, n)
            }
            CodeKind::County => {
                let r = &self.data.counties[i];
                (&r.code, r.valid, text_names(&r.name))
            }
            CodeKind::CooperationArea => {
                let r = &self.data.cooperation_areas[i];
                (&r.code, r.valid, text_names(&r.name))
            }
        }
    }

    /// The codes of the (at most three) names closest to `folded`, valid on `date`
    /// where possible.
    fn suggest(&self, kind: CodeKind, folded: &str, date: NaiveDate) -> Vec<&str> {
        let mut scored: Vec<(usize, bool, &str)> = Vec::new();
        for (n, k, i) in &self.index.names {
            if *k != kind {
                continue;
            }
            let d = edit_distance(folded, n);
            let limit = (folded.chars().count() / 3).max(2);
            if d > limit {
                continue;
            }
            let (code, valid, _) = self.entry(*k, *i);
            let invalid = !valid.contains(date);
            match scored.iter_mut().find(|(_, _, c)| *c == code) {
                Some(e) => {
                    if (d, invalid) < (e.0, e.1) {
                        e.0 = d;
                        e.1 = invalid;
                    }
                }
                None => scored.push((d, invalid, code)),
            }
        }
        let order = sorted_indexes(scored.len(), &|a, b| scored[a].cmp(&scored[b]));
        order
            .iter()
            .take(3)
            .map(|&i| scored[i as usize].2)
            .collect()
    }
}

/// A municipality's place on a date (see `Registry::place`).
struct Place<'s> {
    municipality: &'s str,
    region: Option<&'s str>,
    county: Option<&'s str>,
    cooperation_area: Option<&'s str>,
}

fn text_names(t: &LocalizedText) -> Vec<&str> {
    let mut v: Vec<&str> = Vec::new();
    for l in Lang::ALL {
        if let Some(s) = t.exact(l) {
            if !v.contains(&s) {
                v.push(s);
            }
        }
    }
    v
}

/// Levenshtein distance over characters (names are short).
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

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

/// The indexes `0..len` in the order `cmp` gives them, ties in index order.
///
/// Every sorted index of the registry goes through this one function: each `sort`
/// of its own element type or closure would be one more copy of the standard
/// library's sort in the binary (about 5 KB each, eight of them before).
fn sorted_indexes(len: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<u32> {
    let mut idx: Vec<u32> = (0..len as u32).collect();
    idx.sort_by(|&a, &b| cmp(a as usize, b as usize));
    idx
}

/// `items` in the order of `order` (a permutation of their indexes).
fn permuted<T>(items: Vec<T>, order: &[u32]) -> Vec<T> {
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    order
        .iter()
        .filter_map(|&i| slots.get_mut(i as usize).and_then(Option::take))
        .collect()
}

/// Text keys (codes) and their indexes sorted by key, ties in data order: the
/// sorted index of a table, and the look-ups of the consistency check.
struct Keys<'t> {
    keys: Vec<&'t str>,
    order: Vec<u32>,
}

impl<'t> Keys<'t> {
    fn of<T>(items: &'t [T], key: impl Fn(&'t T) -> &'t str) -> Keys<'t> {
        Keys::new(items.iter().map(key).collect())
    }

    fn new(keys: Vec<&'t str>) -> Keys<'t> {
        let order = sorted_indexes(keys.len(), &|a, b| keys[a].cmp(keys[b]));
        Keys { keys, order }
    }

    /// The index of the first item with this key.
    fn first(&self, key: &str) -> Option<usize> {
        let p = self.order.partition_point(|&i| self.keys[i as usize] < key);
        self.order
            .get(p)
            .map(|&i| i as usize)
            .filter(|&i| self.keys[i] == key)
    }

    fn contains(&self, key: &str) -> bool {
        self.first(key).is_some()
    }
}

/// The sorted indexes of the five tables by code, in the order regions, counties,
/// cooperation areas, municipalities, centres: made once, by the consistency check.
type TableOrders = [Vec<u32>; 5];

fn build_index(data: &RegistryData, orders: TableOrders) -> Index {
    let [regions, counties, cooperation_areas, municipalities, centres] = orders;
    let populations: Vec<(u8, String, NaiveDate, u64)> = data
        .populations
        .iter()
        .map(|p| (p.area_kind() as u8, p.area.clone(), p.date, p.population))
        .collect();
    let order = sorted_indexes(populations.len(), &|a, b| {
        populations[a].cmp(&populations[b])
    });
    let populations = permuted(populations, &order);
    let mut names: Vec<(String, CodeKind, u32)> = Vec::new();
    fn add(names: &mut Vec<(String, CodeKind, u32)>, kind: CodeKind, i: usize, t: &LocalizedText) {
        for n in text_names(t) {
            names.push((fold_name(n), kind, i as u32));
        }
    }
    for (i, r) in data.regions.iter().enumerate() {
        add(&mut names, CodeKind::Region, i, &r.name);
    }
    for (i, r) in data.counties.iter().enumerate() {
        add(&mut names, CodeKind::County, i, &r.name);
    }
    for (i, r) in data.cooperation_areas.iter().enumerate() {
        add(&mut names, CodeKind::CooperationArea, i, &r.name);
    }
    for (i, r) in data.municipalities.iter().enumerate() {
        add(&mut names, CodeKind::Municipality, i, &r.name);
        for f in &r.former_names {
            add(&mut names, CodeKind::Municipality, i, &f.name);
        }
    }
    for (i, r) in data.centres.iter().enumerate() {
        add(&mut names, CodeKind::Centre, i, &r.name);
        if !r.short_name.is_empty() {
            names.push((fold_name(&r.short_name), CodeKind::Centre, i as u32));
        }
    }
    let order = sorted_indexes(names.len(), &|a, b| {
        let (a, b) = (&names[a], &names[b]);
        (a.0.as_str(), a.1 as u8, a.2).cmp(&(b.0.as_str(), b.1 as u8, b.2))
    });
    let mut names = permuted(names, &order);
    names.dedup();
    Index {
        regions,
        counties,
        cooperation_areas,
        municipalities,
        centres,
        populations,
        names,
        changes: change_dates_of(data),
    }
}

/// Every date on which something begins, or the day after something ends: a
/// municipality, region, county, cooperation area, centre, or a membership or area
/// part of one. Between two consecutive dates the map is the same.
fn change_dates_of(data: &RegistryData) -> Vec<NaiveDate> {
    let mut out: Vec<NaiveDate> = Vec::new();
    let mut add = |v: &Validity| {
        out.extend(v.from);
        out.extend(v.to.and_then(|t| t.succ_opt()));
    };
    data.regions.iter().for_each(|r| add(&r.valid));
    data.counties.iter().for_each(|c| add(&c.valid));
    data.cooperation_areas.iter().for_each(|a| add(&a.valid));
    for m in &data.municipalities {
        add(&m.valid);
        m.regions.iter().for_each(|r| add(&r.valid));
        m.counties.iter().for_each(|c| add(&c.valid));
    }
    for c in &data.centres {
        add(&c.valid);
        c.areas.iter().for_each(|a| add(&a.valid));
    }
    out.sort_unstable();
    out.dedup();
    out
}

fn overlaps(a: &Validity, b: &Validity) -> bool {
    let start = match (a.from, b.from) {
        (Some(x), Some(y)) => Some(x.max(y)),
        (x, None) | (None, x) => x,
    };
    let end = match (a.to, b.to) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, None) | (None, x) => x,
    };
    match (start, end) {
        (Some(s), Some(e)) => s <= e,
        _ => true,
    }
}

/// Every consistency problem of registry data, in data order, and the tables'
/// sorted indexes by code (which the registry's index keeps).
fn check(data: &RegistryData) -> (Vec<RegistryProblem>, TableOrders) {
    let mut out: Vec<RegistryProblem> = Vec::new();
    let mut p = |pointer: String, message: String| out.push(RegistryProblem { pointer, message });
    if data.format_version == 0 || data.format_version > REGISTRY_FORMAT_VERSION {
        p(
            "/format_version".into(),
            format!(
                "format_version {} is not supported (this library reads 1 to {REGISTRY_FORMAT_VERSION})",
                data.format_version
            ),
        );
    }
    if let Some(c) = &data.coverage {
        if c.is_empty() {
            p(
                "/coverage".into(),
                format!("coverage ends on {} before it starts on {}", c.end, c.start),
            );
        }
    }
    // Duplicates and references are found in sorted keys (binary search), not hash
    // maps: the same code as the registry's indexes, and none of a hash table's.
    fn dups<'t>(
        keys: Keys<'t>,
        table: &str,
        field: &str,
        p: &mut dyn FnMut(String, String),
    ) -> Keys<'t> {
        for (i, k) in keys.keys.iter().enumerate() {
            match keys.first(k) {
                Some(first) if first != i => p(
                    format!("/{table}/{i}/{field}"),
                    format!("duplicate {field} \"{k}\" (first at /{table}/{first})"),
                ),
                _ => {}
            }
        }
        keys
    }
    let regions = dups(
        Keys::of(&data.regions, |r| &r.code),
        "regions",
        "code",
        &mut p,
    );
    let counties = dups(
        Keys::of(&data.counties, |r| &r.code),
        "counties",
        "code",
        &mut p,
    );
    let coops = dups(
        Keys::of(&data.cooperation_areas, |r| &r.code),
        "cooperation_areas",
        "code",
        &mut p,
    );
    let munis = dups(
        Keys::of(&data.municipalities, |r| &r.code),
        "municipalities",
        "code",
        &mut p,
    );
    let centres = dups(Keys::of(&data.centres, |r| &r.id), "centres", "id", &mut p);
    // A reversed validity, at the pointer made of `at`'s parts and `/valid`: the
    // pointer is written only for a problem (one routine, no string per entry).
    let rev = |v: &Validity, at: &[&dyn fmt::Display], p: &mut dyn FnMut(String, String)| match (
        v.from, v.to,
    ) {
        (Some(from), Some(to)) if to < from => {
            use std::fmt::Write as _;
            let mut pointer = String::new();
            for part in at {
                let _ = write!(pointer, "{part}");
            }
            pointer.push_str("/valid");
            p(
                pointer,
                format!("validity ends on {to} before it starts on {from}"),
            );
        }
        _ => {}
    };
    for (i, r) in data.regions.iter().enumerate() {
        rev(&r.valid, &[&"/regions/", &i], &mut p);
    }
    for (i, r) in data.counties.iter().enumerate() {
        rev(&r.valid, &[&"/counties/", &i], &mut p);
    }
    for (i, r) in data.cooperation_areas.iter().enumerate() {
        rev(&r.valid, &[&"/cooperation_areas/", &i], &mut p);
        for (j, c) in r.counties.iter().enumerate() {
            if !counties.contains(c.as_str()) {
                p(
                    format!("/cooperation_areas/{i}/counties/{j}"),
                    format!("county \"{c}\" is not in the registry's counties"),
                );
            }
        }
    }
    for (i, m) in data.municipalities.iter().enumerate() {
        let at = format!("/municipalities/{i}");
        rev(&m.valid, &[&at], &mut p);
        if let Some(s) = &m.successor {
            if !munis.contains(s.as_str()) || s == &m.code {
                p(
                    format!("{at}/successor"),
                    format!("successor \"{s}\" is not another municipality of the registry"),
                );
            }
        }
        for (j, r) in m.regions.iter().enumerate() {
            rev(&r.valid, &[&at, &"/regions/", &j], &mut p);
            if !regions.contains(r.region.as_str()) {
                p(
                    format!("{at}/regions/{j}/region"),
                    format!("region \"{}\" is not in the registry's regions", r.region),
                );
            }
            for (k, o) in m.regions.iter().enumerate().take(j) {
                if overlaps(&o.valid, &r.valid) {
                    p(
                        format!("{at}/regions/{j}"),
                        format!(
                            "membership of region \"{}\" overlaps in time with the membership of region \"{}\" ({at}/regions/{k})",
                            r.region, o.region
                        ),
                    );
                }
            }
        }
        for (j, r) in m.counties.iter().enumerate() {
            rev(&r.valid, &[&at, &"/counties/", &j], &mut p);
            if !counties.contains(r.county.as_str()) {
                p(
                    format!("{at}/counties/{j}/county"),
                    format!("county \"{}\" is not in the registry's counties", r.county),
                );
            }
            for (k, o) in m.counties.iter().enumerate().take(j) {
                if overlaps(&o.valid, &r.valid) {
                    p(
                        format!("{at}/counties/{j}"),
                        format!(
                            "membership of county \"{}\" overlaps in time with the membership of county \"{}\" ({at}/counties/{k})",
                            r.county, o.county
                        ),
                    );
                }
            }
        }
    }
    for (i, c) in data.centres.iter().enumerate() {
        let at = format!("/centres/{i}");
        rev(&c.valid, &[&at], &mut p);
        if let Some(s) = &c.successor {
            if !centres.contains(s.as_str()) || s == &c.id {
                p(
                    format!("{at}/successor"),
                    format!("successor \"{s}\" is not another centre of the registry"),
                );
            }
        }
        for (j, a) in c.areas.iter().enumerate() {
            let aat = format!("{at}/areas/{j}");
            rev(&a.valid, &[&aat], &mut p);
            if a.count_targets() != 1 {
                p(
                    aat.clone(),
                    "an area part names exactly one of region, county, cooperation_area, municipality".into(),
                );
                continue;
            }
            let (known, field) = match a.target() {
                Some((AreaKind::Region, code)) => (regions.contains(code), "region"),
                Some((AreaKind::County, code)) => (counties.contains(code), "county"),
                Some((AreaKind::CooperationArea, code)) => {
                    (coops.contains(code), "cooperation_area")
                }
                Some((AreaKind::Municipality, code)) => (munis.contains(code), "municipality"),
                None => (true, ""),
            };
            if !known {
                let code = a.target().map(|t| t.1).unwrap_or_default();
                p(
                    format!("{aat}/{field}"),
                    format!("{field} \"{code}\" is not in the registry"),
                );
            }
        }
    }
    // Successor chains must end: a cycle would make look-ups loop.
    for (i, m) in data.municipalities.iter().enumerate() {
        let mut seen: Vec<&str> = vec![m.code.as_str()];
        let mut cur = m.successor.as_deref();
        while let Some(s) = cur {
            if seen.contains(&s) {
                p(
                    format!("/municipalities/{i}/successor"),
                    format!("the successor chain of \"{}\" returns to \"{s}\"", m.code),
                );
                break;
            }
            seen.push(s);
            cur = munis
                .first(s)
                .and_then(|j| data.municipalities[j].successor.as_deref());
        }
    }
    let key = |i: usize| {
        let f = &data.populations[i];
        (f.area_kind() as u8, f.area.as_str(), f.date)
    };
    let order = sorted_indexes(data.populations.len(), &|a, b| key(a).cmp(&key(b)));
    for (i, f) in data.populations.iter().enumerate() {
        let p0 = order.partition_point(|&j| key(j as usize) < key(i));
        match order.get(p0).map(|&j| j as usize) {
            Some(first) if first != i => p(
                format!("/populations/{i}"),
                format!(
                    "a second population figure for \"{}\" on {} (first at /populations/{first})",
                    f.area, f.date
                ),
            ),
            _ => {}
        }
    }
    let orders = [
        regions.order,
        counties.order,
        coops.order,
        munis.order,
        centres.order,
    ];
    (out, orders)
}

impl PartialOrd for CodeKind {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for CodeKind {
    fn cmp(&self, other: &Self) -> Ordering {
        (*self as u8).cmp(&(*other as u8))
    }
}

// A registry is its data, checked (`Registry::from_data`); a problem is an error
// about the whole value, as its `Deserialize` gives it.
impl crate::json_read::FromJson for Registry {
    fn read_json(de: crate::json_tree::NodeDe<'_>) -> Result<Self, crate::json_tree::DeError> {
        let path = de.path;
        let data = RegistryData::read_json(de)?;
        Registry::from_data(data).map_err(|problems| {
            crate::json_read::custom_at(
                problems
                    .first()
                    .map(ToString::to_string)
                    .unwrap_or_default(),
                path,
            )
        })
    }
}

// The JSON reader of these types (`crate::json_read`): the same mapping as the
// serde attributes above, checked by the conformance vectors and `core/tests/json_read.rs`.
crate::json_read::json_struct! { Source {
    id: req,
    title: req,
    publisher: def,
    url: def,
    retrieved: def,
    used_for: def,
}}
crate::json_read::json_struct! { Region {
    code: req,
    name: req,
    valid: def,
    sources: def,
}}
crate::json_read::json_struct! { County {
    code: req,
    name: req,
    valid: def,
    responsible_from: def with crate::json_read::date::option,
    sources: def,
}}
crate::json_read::json_struct! { CooperationArea {
    code: req,
    name: req,
    valid: def,
    counties: def,
    sources: def,
}}
crate::json_read::json_struct! { RegionMembership {
    region: req,
    valid: def,
}}
crate::json_read::json_struct! { CountyMembership {
    county: req,
    valid: def,
}}
crate::json_read::json_struct! { FormerName {
    name: req,
    valid: def,
}}
crate::json_read::json_struct! { Municipality {
    code: req,
    name: req,
    valid: def,
    successor: def,
    former_names: def,
    regions: def,
    counties: def,
    unverified: def,
}}
crate::json_read::json_struct! { CentreArea {
    region: def,
    county: def,
    cooperation_area: def,
    municipality: def,
    partial: def,
    note: def,
    valid: def,
}}
crate::json_read::json_struct! { Centre {
    id: req,
    short_name: def,
    name: req,
    valid: def,
    areas: def,
    nationwide_scope: def,
    statutory_centre: def,
    national_tasks: def,
    host: def,
    successor: def,
    unverified: def,
    sources: def,
}}
crate::json_read::json_struct! { PopulationFigure {
    area: req,
    kind: def,
    date: req with crate::json_read::date::one,
    population: req,
    source: def,
    published_total: def,
}}
crate::json_read::json_enum! { PopulationArea {
    Municipality = "municipality",
    Region = "region",
    County = "county",
}}
crate::json_read::json_struct! { deny_unknown_fields RegistryData {
    schema as "$schema": def,
    format_version: or(format_one()),
    name: def,
    known_as_of: def with crate::json_read::date::option,
    coverage: def,
    sources: def,
    regions: def,
    counties: def,
    cooperation_areas: def,
    municipalities: def,
    centres: def,
    populations: def,
}}
