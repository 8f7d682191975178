//! The registry of regions, municipalities, wellbeing services counties,
//! cooperation areas, centres and populations.

use crate::convert::{code_kind_arg, enum_from_name, path_arg, to_plain, DateArg, ToPy};
use crate::errors::{guard, load_error, parse_lang};
use crate::model::{json_text, PyCentre, PyCooperationArea, PyCounty, PyMunicipality, PyRegion};
use oske::registry::{Municipality, Resolution};
use oske::Registry;
use pyo3::prelude::*;
use pyo3::types::PyType;
use std::sync::{Arc, OnceLock};

/// Regions, municipalities, wellbeing services counties, cooperation areas, centres
/// and population figures, each with the dates it is valid for. Every question takes
/// a date (`datetime.date` or text).
#[pyclass(module = "oske", name = "Registry", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct PyRegistry(pub Arc<Registry>);

/// The embedded registry, shared by every `Registry.embedded()`.
pub(crate) fn embedded() -> Arc<Registry> {
    static EMBEDDED: OnceLock<Arc<Registry>> = OnceLock::new();
    Arc::clone(EMBEDDED.get_or_init(|| Arc::new(Registry::embedded().clone())))
}

#[pymethods]
impl PyRegistry {
    /// The registry embedded in oske: every municipality of Finland since 1.1.2002
    /// with its region and county by date, the regions, the wellbeing services
    /// counties, the cooperation areas, the competence centres and populations.
    #[classmethod]
    fn embedded(_cls: &Bound<'_, PyType>) -> Self {
        PyRegistry(embedded())
    }

    /// Reads a registry from JSON text (the format of `Registry.embedded().to_json()`).
    #[classmethod]
    fn from_json(cls: &Bound<'_, PyType>, text: String) -> PyResult<Self> {
        let py = cls.py();
        guard(|| {
            let r = py.detach(|| Registry::from_json(&text));
            r.map(|r| PyRegistry(Arc::new(r)))
                .map_err(|e| load_error(py, &e))
        })
    }

    /// Reads a registry from a JSON file.
    #[classmethod]
    fn load(cls: &Bound<'_, PyType>, path: &Bound<'_, PyAny>) -> PyResult<Self> {
        let py = cls.py();
        guard(|| {
            let path = path_arg(path)?;
            let shown = path.display().to_string();
            let text = std::fs::read_to_string(&path)
                .map_err(|e| crate::errors::io_load_error(py, &shown, &e))?;
            let r = py.detach(|| Registry::from_json(&text));
            r.map(|r| PyRegistry(Arc::new(r))).map_err(|mut e| {
                e.file = Some(shown.clone());
                load_error(py, &e)
            })
        })
    }

    /// What this registry is (source, edition).
    #[getter]
    fn name(&self) -> String {
        self.0.name.clone()
    }

    /// The registry format version of the data (1 or 2).
    #[getter]
    fn format_version(&self) -> u32 {
        self.0.format_version
    }

    /// The newest date the data is known to be right for, or None.
    #[getter]
    fn known_as_of<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.0.known_as_of.to_py(py)
    }

    /// The sources of the data.
    #[getter]
    fn sources<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(|| self.0.sources.to_py(py))
    }

    /// All wellbeing services counties.
    #[getter]
    fn counties<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(|| self.0.counties.to_py(py))
    }

    /// All cooperation areas.
    #[getter]
    fn cooperation_areas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(|| self.0.cooperation_areas.to_py(py))
    }

    /// The dates this registry describes, or None.
    #[getter]
    fn coverage<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.0.coverage.to_py(py)
    }

    /// All regions.
    #[getter]
    fn regions<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(|| self.0.regions.to_py(py))
    }

    /// All municipalities.
    #[getter]
    fn municipalities<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(|| self.0.municipalities.to_py(py))
    }

    /// All centres.
    #[getter]
    fn centres<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(|| self.0.centres.to_py(py))
    }

    /// All population figures.
    #[getter]
    fn populations<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(|| self.0.populations.to_py(py))
    }

    /// A region by code, regardless of date.
    fn region(&self, code: String) -> PyResult<Option<PyRegion>> {
        guard(|| Ok(self.0.region(&code).cloned().map(PyRegion)))
    }

    /// A municipality by code, regardless of date.
    fn municipality(&self, code: String) -> PyResult<Option<PyMunicipality>> {
        guard(|| Ok(self.0.municipality(&code).cloned().map(PyMunicipality)))
    }

    /// A centre by id, regardless of date.
    fn centre(&self, id: String) -> PyResult<Option<PyCentre>> {
        guard(|| Ok(self.0.centre(&id).cloned().map(PyCentre)))
    }

    /// The region a municipality belongs to on `date`, or None.
    fn region_of_municipality(&self, code: String, date: DateArg) -> PyResult<Option<PyRegion>> {
        guard(|| {
            Ok(self
                .0
                .region_of_municipality(&code, date.0)
                .cloned()
                .map(PyRegion))
        })
    }

    /// The municipalities of a region on `date`.
    fn municipalities_of_region(
        &self,
        region: String,
        date: DateArg,
    ) -> PyResult<Vec<PyMunicipality>> {
        guard(|| {
            Ok(self
                .0
                .municipalities_of_region(&region, date.0)
                .into_iter()
                .cloned()
                .map(PyMunicipality)
                .collect())
        })
    }

    /// The centres whose area includes the region on `date`.
    fn centres_for_region(&self, region: String, date: DateArg) -> PyResult<Vec<PyCentre>> {
        guard(|| {
            Ok(self
                .0
                .centres_for_region(&region, date.0)
                .into_iter()
                .cloned()
                .map(PyCentre)
                .collect())
        })
    }

    /// The centres covering a municipality on `date` (through its region).
    fn centres_for_municipality(&self, code: String, date: DateArg) -> PyResult<Vec<PyCentre>> {
        guard(|| {
            Ok(self
                .0
                .centres_for_municipality(&code, date.0)
                .into_iter()
                .cloned()
                .map(PyCentre)
                .collect())
        })
    }

    /// True when the centre's area includes the region on `date`.
    fn centre_covers_region(
        &self,
        centre: String,
        region: String,
        date: DateArg,
    ) -> PyResult<bool> {
        guard(|| Ok(self.0.centre_covers_region(&centre, &region, date.0)))
    }

    /// The population of a region or municipality on exactly `date`, if recorded.
    fn population(&self, area: String, date: DateArg) -> PyResult<Option<u64>> {
        guard(|| Ok(self.0.population(&area, date.0)))
    }

    /// A wellbeing services county by code, regardless of date.
    fn county(&self, code: String) -> PyResult<Option<PyCounty>> {
        guard(|| Ok(self.0.county(&code).cloned().map(PyCounty)))
    }

    /// A cooperation area by code, regardless of date.
    fn cooperation_area(&self, code: String) -> PyResult<Option<PyCooperationArea>> {
        guard(|| {
            Ok(self
                .0
                .cooperation_area(&code)
                .cloned()
                .map(PyCooperationArea))
        })
    }

    /// The wellbeing services county a municipality belongs to on `date`, or None.
    fn county_of_municipality(&self, code: String, date: DateArg) -> PyResult<Option<PyCounty>> {
        guard(|| {
            Ok(self
                .0
                .county_of_municipality(&code, date.0)
                .cloned()
                .map(PyCounty))
        })
    }

    /// The cooperation area a municipality belongs to on `date` (through its county).
    fn cooperation_area_of_municipality(
        &self,
        code: String,
        date: DateArg,
    ) -> PyResult<Option<PyCooperationArea>> {
        guard(|| {
            Ok(self
                .0
                .cooperation_area_of_municipality(&code, date.0)
                .cloned()
                .map(PyCooperationArea))
        })
    }

    /// The cooperation area a county belongs to on `date`, or None.
    fn cooperation_area_of_county(
        &self,
        county: String,
        date: DateArg,
    ) -> PyResult<Option<PyCooperationArea>> {
        guard(|| {
            Ok(self
                .0
                .cooperation_area_of_county(&county, date.0)
                .cloned()
                .map(PyCooperationArea))
        })
    }

    /// The municipalities of a county on `date`.
    fn municipalities_of_county(
        &self,
        county: String,
        date: DateArg,
    ) -> PyResult<Vec<PyMunicipality>> {
        guard(|| {
            Ok(municipalities(
                self.0.municipalities_of_county(&county, date.0),
            ))
        })
    }

    /// The counties of a cooperation area on `date`.
    fn counties_of_cooperation_area(&self, area: String, date: DateArg) -> PyResult<Vec<PyCounty>> {
        guard(|| {
            Ok(self
                .0
                .counties_of_cooperation_area(&area, date.0)
                .into_iter()
                .cloned()
                .map(PyCounty)
                .collect())
        })
    }

    /// The municipalities in a centre's area on `date`.
    fn municipalities_of_centre(
        &self,
        centre: String,
        date: DateArg,
    ) -> PyResult<Vec<PyMunicipality>> {
        guard(|| {
            Ok(municipalities(
                self.0.municipalities_of_centre(&centre, date.0),
            ))
        })
    }

    /// The regional centre of a municipality on `date`, when exactly one covers it.
    fn centre_of_municipality(&self, code: String, date: DateArg) -> PyResult<Option<PyCentre>> {
        guard(|| {
            Ok(self
                .0
                .centre_of_municipality(&code, date.0)
                .cloned()
                .map(PyCentre))
        })
    }

    /// True when the centre's area includes the municipality on `date`.
    fn centre_covers_municipality(
        &self,
        centre: String,
        code: String,
        date: DateArg,
    ) -> PyResult<bool> {
        guard(|| Ok(self.0.centre_covers_municipality(&centre, &code, date.0)))
    }

    /// True when the centre's area includes the county, wholly or in part, on `date`.
    fn centre_covers_county(
        &self,
        centre: String,
        county: String,
        date: DateArg,
    ) -> PyResult<bool> {
        guard(|| Ok(self.0.centre_covers_county(&centre, &county, date.0)))
    }

    /// The municipalities that exist on `date`, in code order.
    fn municipalities_on(&self, date: DateArg) -> PyResult<Vec<PyMunicipality>> {
        guard(|| Ok(municipalities(self.0.municipalities_on(date.0).collect())))
    }

    /// The municipalities a merged municipality's area passed to, in order; empty
    /// for one that did not merge.
    fn successor_chain(&self, code: String) -> PyResult<Vec<PyMunicipality>> {
        guard(|| Ok(municipalities(self.0.successor_chain(&code))))
    }

    /// The municipality that holds a merged municipality's area on `date`, or None.
    fn successor_on(&self, code: String, date: DateArg) -> PyResult<Option<PyMunicipality>> {
        guard(|| {
            Ok(self
                .0
                .successor_on(&code, date.0)
                .cloned()
                .map(PyMunicipality))
        })
    }

    /// The population of an area of a kind (`"municipality"`, `"region"`,
    /// `"county"`) on exactly `date`: recorded, or summed from its municipalities.
    fn population_of(&self, kind: &str, area: String, date: DateArg) -> PyResult<Option<u64>> {
        guard(|| {
            let kind = enum_from_name(kind, oske::errors::NameKind::AreaKind)?;
            Ok(self.0.population_of(kind, &area, date.0))
        })
    }

    /// The date whose map answers for `date`: `date` inside the coverage, else the
    /// nearest end of the coverage.
    fn effective_date(&self, date: DateArg) -> PyResult<chrono::NaiveDate> {
        guard(|| Ok(self.0.effective_date(date.0)))
    }

    /// A name and code for messages (`"Storkyro (152)"`); the code alone when
    /// unknown. Kind: `"region"`, `"municipality"`, `"centre"`, `"county"`,
    /// `"cooperation_area"`.
    #[pyo3(signature = (kind, code, lang = "en"))]
    fn label(&self, kind: &str, code: String, lang: &str) -> PyResult<String> {
        guard(|| Ok(self.0.label(code_kind_arg(kind)?, &code, parse_lang(lang)?)))
    }

    /// Resolves a code or a name (Finnish or Swedish, any case, accents optional) of
    /// an entry of a kind on `date`.
    fn resolve(&self, kind: &str, text: String, date: DateArg) -> PyResult<PyResolution> {
        guard(|| {
            let r = self.0.resolve(code_kind_arg(kind)?, &text, date.0);
            let (status, codes): (&'static str, Vec<&str>) = match r {
                Resolution::Code(c) => ("code", vec![c]),
                Resolution::Name(c) => ("name", vec![c]),
                Resolution::Folded(c) => ("folded", vec![c]),
                Resolution::OtherDate(c) => ("other_date", vec![c]),
                Resolution::Ambiguous(v) => ("ambiguous", v),
                Resolution::Unknown(v) => ("unknown", v),
            };
            Ok(PyResolution {
                status,
                codes: codes.into_iter().map(str::to_owned).collect(),
            })
        })
    }

    /// True when `date` lies within the registry's coverage.
    fn covers(&self, date: DateArg) -> PyResult<bool> {
        guard(|| Ok(self.0.covers(date.0)))
    }

    /// The JSON form as plain Python data.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(|| to_plain(py, &*self.0))
    }

    /// The JSON form as text.
    fn to_json(&self) -> PyResult<String> {
        guard(|| json_text(&*self.0))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        crate::model::repr(
            "Registry",
            &[
                ("name", self.0.name.to_py(py)?),
                ("regions", self.0.regions.len().to_py(py)?),
                ("municipalities", self.0.municipalities.len().to_py(py)?),
                ("centres", self.0.centres.len().to_py(py)?),
                ("counties", self.0.counties.len().to_py(py)?),
                (
                    "cooperation_areas",
                    self.0.cooperation_areas.len().to_py(py)?,
                ),
            ],
        )
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        guard(|| {
            let text = serde_json::to_string(&*slf.get().0)
                .map_err(|e| crate::errors::internal(e.to_string()))?;
            Ok((slf.get_type().getattr("from_json")?, (text,)))
        })
    }
}

fn municipalities(v: Vec<&Municipality>) -> Vec<PyMunicipality> {
    v.into_iter().cloned().map(PyMunicipality).collect()
}

/// How `Registry.resolve()` read a code or name: `status` is `"code"`, `"name"`,
/// `"folded"` (matched once accents are ignored), `"other_date"` (the name of an
/// entry not valid on the date), `"ambiguous"` or `"unknown"`; `codes` holds the
/// code found, the candidates, or for `"unknown"` the closest names' codes.
#[pyclass(module = "oske", name = "Resolution", frozen, eq, hash)]
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct PyResolution {
    status: &'static str,
    codes: Vec<String>,
}

#[pymethods]
impl PyResolution {
    /// `"code"`, `"name"`, `"folded"`, `"other_date"`, `"ambiguous"` or `"unknown"`.
    #[getter]
    fn status(&self) -> &'static str {
        self.status
    }

    /// The code found (one), the candidates, or the suggestions.
    #[getter]
    fn codes(&self) -> Vec<String> {
        self.codes.clone()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        crate::model::repr(
            "Resolution",
            &[
                ("status", self.status.to_owned().to_py(py)?),
                ("codes", self.codes.to_py(py)?),
            ],
        )
    }
}
