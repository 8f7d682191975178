//! The registry of regions, municipalities, centres and populations.

use crate::convert::{path_arg, to_plain, DateArg, ToPy};
use crate::errors::{guard, load_error};
use crate::model::{json_text, PyCentre, PyMunicipality, PyRegion};
use oske::Registry;
use pyo3::prelude::*;
use pyo3::types::PyType;
use std::sync::{Arc, OnceLock};

/// Regions, municipalities, centres and population figures, each with the dates it
/// is valid for. Every question takes a date (`datetime.date` or text).
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
    /// The registry embedded in oske (Finland's regions; the municipalities of
    /// Etelä-Pohjanmaa, Pohjanmaa, Keski-Pohjanmaa and Lappi; the 11 centres of 2020).
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
            let text = std::fs::read_to_string(&path).map_err(|e| {
                crate::errors::load_error_parts(
                    py,
                    format!("{shown}: io error: {e}"),
                    "io",
                    Some(&shown),
                    None,
                    None,
                    None,
                    &e.to_string(),
                )
            })?;
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
