//! The document model as Python classes: read-only values with properties, one class
//! per core struct. Enums are their snake_case names (`"workshop"`), dates are
//! `datetime.date`, money is `int` cents and shares are `int` basis points.

use crate::convert::{to_plain, DateArg, ToPy};
use crate::errors::{guard, internal, load_error, parse_lang};
use crate::macros::model_class;
use oske::date::{Period, Validity};
use oske::text::LocalizedText;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyType};
use serde::Serialize;

/// `Name(a=repr(a), b=repr(b))`.
pub(crate) fn repr(name: &str, fields: &[(&str, Bound<'_, PyAny>)]) -> PyResult<String> {
    let mut parts = Vec::with_capacity(fields.len());
    for (k, v) in fields {
        parts.push(format!("{k}={}", v.repr()?));
    }
    Ok(format!("{name}({})", parts.join(", ")))
}

/// Pretty JSON text of a core value.
pub(crate) fn json_text<T: Serialize>(v: &T) -> PyResult<String> {
    serde_json::to_string_pretty(v).map_err(|e| internal(e.to_string()))
}

/// Reads a core value from plain Python data by way of its JSON form, with the
/// core's reader (unknown fields are errors, pointers name the bad value).
pub(crate) fn read_dict<T: oske::json::FromJson + serde::Serialize>(
    py: Python<'_>,
    data: &Bound<'_, PyAny>,
) -> PyResult<T> {
    let value = crate::convert::py_to_value(data)?;
    let text = serde_json::to_string(&value).map_err(|e| internal(e.to_string()))?;
    oske::json::from_str_strict::<T>(&text).map_err(|mut e| {
        // Line and column would point into text the caller never saw.
        e.line = None;
        e.column = None;
        load_error(py, &e)
    })
}

/// Text in Finnish, Swedish and/or English.
#[pyclass(module = "oske", name = "Text", frozen, eq, hash, from_py_object)]
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct PyText(pub LocalizedText);

#[pymethods]
impl PyText {
    #[new]
    #[pyo3(signature = (fi=None, sv=None, en=None))]
    fn new(fi: Option<String>, sv: Option<String>, en: Option<String>) -> Self {
        PyText(LocalizedText { fi, sv, en })
    }

    /// Finnish, or None.
    #[getter]
    fn fi(&self) -> Option<String> {
        self.0.fi.clone()
    }

    /// Swedish, or None.
    #[getter]
    fn sv(&self) -> Option<String> {
        self.0.sv.clone()
    }

    /// English, or None.
    #[getter]
    fn en(&self) -> Option<String> {
        self.0.en.clone()
    }

    /// The text in `lang`, falling back to Finnish, Swedish, English; None only when
    /// no language has text.
    #[pyo3(signature = (lang="en".to_owned()), text_signature = "(self, lang='en')")]
    fn get(&self, lang: String) -> PyResult<Option<String>> {
        guard(|| Ok(self.0.get(parse_lang(&lang)?).map(str::to_owned)))
    }

    /// The text in exactly `lang` (no fallback), or None when missing or blank.
    fn exact(&self, lang: String) -> PyResult<Option<String>> {
        guard(|| Ok(self.0.exact(parse_lang(&lang)?).map(str::to_owned)))
    }

    /// True when no language has non-blank text.
    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn __str__(&self) -> String {
        self.0.to_string()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let mut fields = Vec::new();
        for (k, v) in [("fi", &self.0.fi), ("sv", &self.0.sv), ("en", &self.0.en)] {
            if v.is_some() {
                fields.push((k, v.to_py(py)?));
            }
        }
        repr("Text", &fields)
    }

    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(|| to_plain(py, &self.0))
    }

    #[allow(clippy::type_complexity)]
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(
        Bound<'py, PyType>,
        (Option<String>, Option<String>, Option<String>),
    )> {
        let t = &slf.get().0;
        Ok((slf.get_type(), (t.fi.clone(), t.sv.clone(), t.en.clone())))
    }
}

impl ToPy for LocalizedText {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(Bound::new(py, PyText(self.clone()))?.into_any())
    }
}

/// A closed period of days, both ends included.
#[pyclass(module = "oske", name = "Period", frozen, eq, hash, from_py_object)]
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct PyPeriod(pub Period);

#[pymethods]
impl PyPeriod {
    /// `Period(start, end)`; dates as `datetime.date` or text (`2020-01-01`, `1.1.2020`).
    #[new]
    fn new(start: DateArg, end: DateArg) -> Self {
        PyPeriod(Period::new(start.0, end.0))
    }

    /// First day.
    #[getter]
    fn start(&self) -> chrono::NaiveDate {
        self.0.start
    }

    /// Last day (included).
    #[getter]
    fn end(&self) -> chrono::NaiveDate {
        self.0.end
    }

    /// True when `date` falls in the period.
    fn contains(&self, date: DateArg) -> bool {
        self.0.contains(date.0)
    }

    /// True when all of `other` falls in this period.
    fn contains_period(&self, other: &PyPeriod) -> bool {
        self.0.contains_period(&other.0)
    }

    /// True when the end is before the start (the period holds no day).
    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn __contains__(&self, date: DateArg) -> bool {
        self.0.contains(date.0)
    }

    /// `1.11.2008–31.12.2011`
    fn __str__(&self) -> String {
        self.0.to_string()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        repr(
            "Period",
            &[
                ("start", self.0.start.to_py(py)?),
                ("end", self.0.end.to_py(py)?),
            ],
        )
    }

    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(|| to_plain(py, &self.0))
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyType>, (chrono::NaiveDate, chrono::NaiveDate))> {
        let p = slf.get().0;
        Ok((slf.get_type(), (p.start, p.end)))
    }
}

impl ToPy for Period {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(Bound::new(py, PyPeriod(*self))?.into_any())
    }
}

/// When a registry entry is valid; either end may be open (None). Both ends included.
#[pyclass(module = "oske", name = "Validity", frozen, eq, hash, from_py_object)]
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct PyValidity(pub Validity);

#[pymethods]
impl PyValidity {
    #[new]
    #[pyo3(signature = (valid_from=None, valid_to=None))]
    fn new(valid_from: Option<DateArg>, valid_to: Option<DateArg>) -> Self {
        PyValidity(Validity {
            from: valid_from.map(|d| d.0),
            to: valid_to.map(|d| d.0),
        })
    }

    /// First day of validity (`from` in JSON), or None.
    #[getter]
    fn valid_from(&self) -> Option<chrono::NaiveDate> {
        self.0.from
    }

    /// Last day of validity (`to` in JSON), or None while still valid.
    #[getter]
    fn valid_to(&self) -> Option<chrono::NaiveDate> {
        self.0.to
    }

    /// True when `date` falls within the validity.
    fn contains(&self, date: DateArg) -> bool {
        self.0.contains(date.0)
    }

    fn __contains__(&self, date: DateArg) -> bool {
        self.0.contains(date.0)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        repr(
            "Validity",
            &[
                ("valid_from", self.0.from.to_py(py)?),
                ("valid_to", self.0.to.to_py(py)?),
            ],
        )
    }

    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(|| to_plain(py, &self.0))
    }

    #[allow(clippy::type_complexity)]
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(
        Bound<'py, PyType>,
        (Option<chrono::NaiveDate>, Option<chrono::NaiveDate>),
    )> {
        let v = slf.get().0;
        Ok((slf.get_type(), (v.from, v.to)))
    }
}

impl ToPy for Validity {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(Bound::new(py, PyValidity(*self))?.into_any())
    }
}

// ---- action plans -------------------------------------------------------------

model_class! {
    /// A centre's action plan for a period.
    PyActionPlan(oske::plan::ActionPlan) as "ActionPlan" [frozen] {
        fields: [id, centre, title, period, vision, values, statutory_tasks, population,
                 priorities, sections, special_tasks, revisions, approvals, instruments],
        repr: [id, centre, period],
        methods: {}
    }
}

model_class! {
    /// A population table with its stated total.
    PyPopulationTable(oske::plan::PopulationTable) as "PopulationTable" [frozen] {
        fields: [reference_date, parts, total],
        repr: [reference_date, total],
        methods: {}
    }
}

model_class! {
    /// One row of a population table.
    PyPopulationPart(oske::plan::PopulationPart) as "PopulationPart" [frozen] {
        fields: [area, population],
        repr: [area, population],
        methods: {}
    }
}

model_class! {
    /// A priority, common to the plan or local to a regional section.
    PyPriority(oske::plan::Priority) as "Priority" [frozen] {
        fields: [id, number, title, maps_to],
        repr: [id, number, title],
        methods: {}
    }
}

model_class! {
    /// A regional section of a plan (a region, or a wellbeing services county), with
    /// its measures.
    PyRegionalSection(oske::plan::RegionalSection) as "RegionalSection" [frozen] {
        fields: [region, area_kind, title, period, refines_period, local_priorities, measures],
        repr: [region],
        methods: {}
    }
}

model_class! {
    /// "At least N times per unit" (or, by its qualifier, "N times", "on average N").
    PyFrequency(oske::plan::Frequency) as "Frequency" [frozen] {
        fields: [min_times, per, qualifier, note],
        repr: [min_times, per, qualifier],
        methods: {}
    }
}

model_class! {
    /// When a measure happens.
    PySchedule(oske::plan::Schedule) as "Schedule" [frozen] {
        fields: [period, dates, note],
        repr: [period, dates, note],
        methods: {}
    }
}

model_class! {
    /// A measure of a regional section.
    PyMeasure(oske::plan::Measure) as "Measure" [frozen] {
        fields: [id, title, kind, priority, service_areas, schedule, frequency, partners,
                 status, network, instruments],
        repr: [id, kind, priority, title],
        methods: {}
    }
}

model_class! {
    /// A revision of a plan.
    PyRevision(oske::plan::Revision) as "Revision" [frozen] {
        fields: [date, reason, description],
        repr: [date, reason],
        methods: {}
    }
}

model_class! {
    /// An approval by a body on a date.
    PyApproval(oske::plan::Approval) as "Approval" [frozen] {
        fields: [body, date],
        repr: [body, date],
        methods: {}
    }
}

model_class! {
    /// A special task's plan for a year.
    PySpecialTaskPlan(oske::plan::SpecialTaskPlan) as "SpecialTaskPlan" [frozen] {
        fields: [id, kind, year, grant_share, state_grant, allocated, content, approvals,
                 consultation_programme],
        repr: [id, kind, year],
        methods: {}
    }
}

// ---- projects -----------------------------------------------------------------

model_class! {
    /// A development project or unit.
    PyDevelopmentProject(oske::project::DevelopmentProject) as "DevelopmentProject" [frozen] {
        fields: [id, name, period, phases, organisations, objectives, teams,
                 team_common_tasks, work_areas, participants, budget, evaluations],
        repr: [id, name, period],
        methods: {
            /// The number of participants in a category (`"team_municipality"` or
            /// `"other_participant"`), as declared in the project.
            fn participant_count(&self, category: String) -> PyResult<u32> {
                guard(|| {
                    let c = crate::convert::enum_from_name(
                        &category,
                        oske::errors::NameKind::ParticipantCategory,
                    )?;
                    Ok(self.0.participant_count(c))
                })
            }
        }
    }
}

model_class! {
    /// A phase of a project.
    PyPhase(oske::project::Phase) as "Phase" [frozen] {
        fields: [name, period],
        repr: [name, period],
        methods: {}
    }
}

model_class! {
    /// An organisation with its roles.
    PyOrganisation(oske::project::Organisation) as "Organisation" [frozen] {
        fields: [id, name, roles, centre],
        repr: [id, roles],
        methods: {}
    }
}

model_class! {
    /// A numbered objective.
    PyObjective(oske::project::Objective) as "Objective" [frozen] {
        fields: [number, perspective, action, text],
        repr: [number, perspective, action],
        methods: {}
    }
}

model_class! {
    /// A developer team based in a municipality and covering an area.
    PyDeveloperTeam(oske::project::DeveloperTeam) as "DeveloperTeam" [frozen] {
        fields: [id, name, base_municipality, area_name, area_municipalities, shared_with,
                 other_listings, tasks],
        repr: [id, base_municipality, area_municipalities],
        methods: {}
    }
}

model_class! {
    /// A numbered work area of a project with its expected result (`Tulos:`).
    PyWorkArea(oske::project::WorkArea) as "WorkArea" [frozen] {
        fields: [number, title, expected_result],
        repr: [number, title],
        methods: {}
    }
}

model_class! {
    /// The same area as listed elsewhere in the source (an appendix).
    PyAreaListing(oske::project::AreaListing) as "AreaListing" [frozen] {
        fields: [source, municipalities],
        repr: [source, municipalities],
        methods: {}
    }
}

model_class! {
    /// A budget with its funding sources, in cents.
    PyBudget(oske::project::Budget) as "Budget" [frozen] {
        fields: [total, sources, share_tolerance, annual],
        repr: [total],
        methods: {}
    }
}

model_class! {
    /// A funding source (amount in cents, stated share in basis points).
    PyFundingSource(oske::project::FundingSource) as "FundingSource" [frozen] {
        fields: [funder, amount, stated_share],
        repr: [funder, amount, stated_share],
        methods: {}
    }
}

model_class! {
    /// A full operating year's budget.
    PyAnnualBudget(oske::project::AnnualBudget) as "AnnualBudget" [frozen] {
        fields: [total, sources, contributions, contributions_fund],
        repr: [total],
        methods: {}
    }
}

model_class! {
    /// "Each municipality of this category pays this much a year" (cents).
    PyContributionRule(oske::project::ContributionRule) as "ContributionRule" [frozen] {
        fields: [category, per_year, count],
        repr: [category, per_year, count],
        methods: {}
    }
}

// ---- networks -----------------------------------------------------------------

model_class! {
    /// A network and its meetings.
    PyNetwork(oske::network::Network) as "Network" [frozen] {
        fields: [id, name, organisers, period, min_frequency, meetings],
        repr: [id, name],
        methods: {}
    }
}

model_class! {
    /// A headcount, possibly approximate.
    PyHeadcount(oske::network::Headcount) as "Headcount" [frozen] {
        fields: [count, approximate, qualifier],
        repr: [count, approximate, qualifier],
        methods: {}
    }
}

model_class! {
    /// A meeting of a network.
    PyMeeting(oske::network::Meeting) as "Meeting" [frozen] {
        fields: [id, date, date_note, status, format, platform, place, duration_minutes,
                 full_day, participants, regions_represented, regions_count],
        repr: [id, date, format, status],
        methods: {}
    }
}

// ---- evaluations --------------------------------------------------------------

model_class! {
    /// An evaluation with its indicators.
    PyEvaluation(oske::evaluation::Evaluation) as "Evaluation" [frozen] {
        fields: [id, title, subject, method, instruments, period, indicators],
        repr: [id, method, subject],
        methods: {
            /// Mean achievement per perspective (indicators without one under `""`).
            fn achievement_by_perspective<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
                guard(|| {
                    let d = PyDict::new(py);
                    for (k, v) in self.0.achievement_by_perspective() {
                        d.set_item(k, v)?;
                    }
                    Ok(d)
                })
            }
        }
    }
}

model_class! {
    /// An indicator with baseline, target and actual values (floats: measurements, not money).
    PyIndicator(oske::evaluation::Indicator) as "Indicator" [frozen] {
        fields: [id, name, perspective, unit, baseline, target, actual, direction],
        repr: [id, direction, baseline, target, actual],
        methods: {
            /// How far the indicator got towards its target (1.0 = met), or None.
            fn achievement(&self) -> PyResult<Option<f64>> {
                guard(|| Ok(self.0.achievement()))
            }

            /// True when the target contradicts the direction.
            fn target_contradicts_direction(&self) -> PyResult<bool> {
                guard(|| Ok(self.0.target_contradicts_direction()))
            }
        }
    }
}

// ---- activity reports ---------------------------------------------------------

model_class! {
    /// A centre's activity report for a period.
    PyActivityReport(oske::activity::ActivityReport) as "ActivityReport" [frozen] {
        fields: [id, centre, region, title, period, steering_group_meetings,
                 municipalities_in_area, priority_areas, networks, evaluations, activities],
        repr: [id, centre, period],
        methods: {}
    }
}

model_class! {
    /// A priority area of an activity report.
    PyPriorityArea(oske::activity::PriorityArea) as "PriorityArea" [frozen] {
        fields: [title, projects, note],
        repr: [title, projects],
        methods: {}
    }
}

// ---- registry entries ---------------------------------------------------------

model_class! {
    /// Where a registry table's facts come from.
    PySource(oske::registry::Source) as "Source" [frozen] {
        fields: [id, title, publisher, url, retrieved, used_for],
        repr: [id],
        methods: {}
    }
}

model_class! {
    /// A region (maakunta) by its Statistics Finland code.
    PyRegion(oske::registry::Region) as "Region" [frozen] {
        fields: [code, name, valid, sources],
        repr: [code, name],
        methods: {}
    }
}

model_class! {
    /// A wellbeing services county (hyvinvointialue), or the City of Helsinki.
    PyCounty(oske::registry::County) as "County" [frozen] {
        fields: [code, name, valid, responsible_from, sources],
        repr: [code, name],
        methods: {}
    }
}

model_class! {
    /// A cooperation area (yhteistyöalue) of wellbeing services counties.
    PyCooperationArea(oske::registry::CooperationArea) as "CooperationArea" [frozen] {
        fields: [code, name, valid, counties, sources],
        repr: [code, name],
        methods: {}
    }
}

model_class! {
    /// A municipality's membership of a region for a time.
    PyRegionMembership(oske::registry::RegionMembership) as "RegionMembership" [frozen] {
        fields: [region, valid],
        repr: [region, valid],
        methods: {}
    }
}

model_class! {
    /// A municipality's membership of a wellbeing services county for a time.
    PyCountyMembership(oske::registry::CountyMembership) as "CountyMembership" [frozen] {
        fields: [county, valid],
        repr: [county, valid],
        methods: {}
    }
}

model_class! {
    /// A name a municipality had for a time.
    PyFormerName(oske::registry::FormerName) as "FormerName" [frozen] {
        fields: [name, valid],
        repr: [name, valid],
        methods: {}
    }
}

model_class! {
    /// A municipality by its three-digit code.
    PyMunicipality(oske::registry::Municipality) as "Municipality" [frozen] {
        fields: [code, name, valid, successor, former_names, regions, counties, unverified],
        repr: [code, name],
        methods: {}
    }
}

model_class! {
    /// One part of a centre's area: a region, county, cooperation area or municipality.
    PyCentreArea(oske::registry::CentreArea) as "CentreArea" [frozen] {
        fields: [region, county, cooperation_area, municipality, partial, note, valid],
        repr: [region, county, cooperation_area, municipality, valid],
        methods: {}
    }
}

model_class! {
    /// A social welfare competence centre.
    PyCentre(oske::registry::Centre) as "Centre" [frozen] {
        fields: [
            id, short_name, name, valid, areas, nationwide_scope, statutory_centre, national_tasks, host,
            successor, unverified, sources,
        ],
        repr: [id, short_name],
        methods: {}
    }
}

model_class! {
    /// A population figure for an area on a reference date.
    PyPopulationFigure(oske::registry::PopulationFigure) as "PopulationFigure" [frozen] {
        fields: [area, kind, date, population, source, published_total],
        repr: [area, date, population],
        methods: {}
    }
}

/// Adds the model classes to the module.
pub(crate) fn add_classes(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyText>()?;
    m.add_class::<PyPeriod>()?;
    m.add_class::<PyValidity>()?;
    m.add_class::<PyActionPlan>()?;
    m.add_class::<PyPopulationTable>()?;
    m.add_class::<PyPopulationPart>()?;
    m.add_class::<PyPriority>()?;
    m.add_class::<PyRegionalSection>()?;
    m.add_class::<PyFrequency>()?;
    m.add_class::<PySchedule>()?;
    m.add_class::<PyMeasure>()?;
    m.add_class::<PyRevision>()?;
    m.add_class::<PyApproval>()?;
    m.add_class::<PySpecialTaskPlan>()?;
    m.add_class::<PyDevelopmentProject>()?;
    m.add_class::<PyPhase>()?;
    m.add_class::<PyOrganisation>()?;
    m.add_class::<PyObjective>()?;
    m.add_class::<PyDeveloperTeam>()?;
    m.add_class::<PyAreaListing>()?;
    m.add_class::<PyWorkArea>()?;
    m.add_class::<PyBudget>()?;
    m.add_class::<PyFundingSource>()?;
    m.add_class::<PyAnnualBudget>()?;
    m.add_class::<PyContributionRule>()?;
    m.add_class::<PyNetwork>()?;
    m.add_class::<PyHeadcount>()?;
    m.add_class::<PyMeeting>()?;
    m.add_class::<PyEvaluation>()?;
    m.add_class::<PyIndicator>()?;
    m.add_class::<PyActivityReport>()?;
    m.add_class::<PyPriorityArea>()?;
    m.add_class::<PySource>()?;
    m.add_class::<PyRegion>()?;
    m.add_class::<PyCounty>()?;
    m.add_class::<PyCooperationArea>()?;
    m.add_class::<PyRegionMembership>()?;
    m.add_class::<PyCountyMembership>()?;
    m.add_class::<PyFormerName>()?;
    m.add_class::<PyMunicipality>()?;
    m.add_class::<PyCentreArea>()?;
    m.add_class::<PyCentre>()?;
    m.add_class::<PyPopulationFigure>()?;
    Ok(())
}
