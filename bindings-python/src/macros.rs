//! `model_class!`: a Python class over one core model struct.
//!
//! The class holds a copy of the core value and exposes its fields as read-only
//! properties (converted by [`crate::convert::ToPy`]), with `__eq__` (the core's
//! equality), a short `__repr__`, `to_dict()`, `to_json()`, `from_json()`,
//! `from_dict()` and pickling through the JSON form. Extra methods go in `methods`.

macro_rules! model_class {
    (
        $(#[$meta:meta])*
        $py:ident($rust:ty) as $name:literal [$($opt:ident),*] {
            fields: [$($field:ident),* $(,)?],
            repr: [$($rf:ident),* $(,)?],
            methods: { $($extra:tt)* }
        }
    ) => {
        $(#[$meta])*
        #[pyo3::pyclass(module = "oske", name = $name, eq, from_py_object $(, $opt)*)]
        #[derive(Clone, PartialEq)]
        pub struct $py(pub $rust);

        #[pyo3::pymethods]
        impl $py {
            $(
                #[getter]
                #[allow(clippy::wrong_self_convention)]
                fn $field<'py>(
                    &self,
                    py: pyo3::Python<'py>,
                ) -> pyo3::PyResult<pyo3::Bound<'py, pyo3::PyAny>> {
                    crate::errors::guard(|| crate::convert::ToPy::to_py(&self.0.$field, py))
                }
            )*

            fn __repr__(&self, py: pyo3::Python<'_>) -> pyo3::PyResult<String> {
                crate::errors::guard(|| {
                    crate::model::repr(
                        $name,
                        &[$((stringify!($rf), crate::convert::ToPy::to_py(&self.0.$rf, py)?)),*],
                    )
                })
            }

            /// The JSON form as plain Python data (dates as ISO 8601 text, money in cents).
            fn to_dict<'py>(
                &self,
                py: pyo3::Python<'py>,
            ) -> pyo3::PyResult<pyo3::Bound<'py, pyo3::PyAny>> {
                crate::errors::guard(|| crate::convert::to_plain(py, &self.0))
            }

            /// The JSON form as text.
            fn to_json(&self) -> pyo3::PyResult<String> {
                crate::errors::guard(|| crate::model::json_text(&self.0))
            }

            /// Reads the JSON form (as written by `to_json()`); unknown fields are errors.
            #[classmethod]
            fn from_json(
                cls: &pyo3::Bound<'_, pyo3::types::PyType>,
                text: String,
            ) -> pyo3::PyResult<Self> {
                crate::errors::guard(|| {
                    oske::json::from_str_strict::<$rust>(&text)
                        .map($py)
                        .map_err(|e| crate::errors::load_error(cls.py(), &e))
                })
            }

            /// Reads the JSON form given as plain Python data (as `to_dict()` returns).
            #[classmethod]
            fn from_dict(
                cls: &pyo3::Bound<'_, pyo3::types::PyType>,
                data: &pyo3::Bound<'_, pyo3::PyAny>,
            ) -> pyo3::PyResult<Self> {
                crate::errors::guard(|| crate::model::read_dict::<$rust>(cls.py(), data).map($py))
            }

            fn __reduce__<'py>(
                slf: &pyo3::Bound<'py, Self>,
            ) -> pyo3::PyResult<(pyo3::Bound<'py, pyo3::PyAny>, (String,))> {
                use pyo3::types::PyAnyMethods;
                crate::errors::guard(|| {
                    let text = serde_json::to_string(&slf.borrow().0)
                        .map_err(|e| crate::errors::internal(e.to_string()))?;
                    Ok((slf.get_type().getattr("from_json")?, (text,)))
                })
            }

            $($extra)*
        }

        impl crate::convert::ToPy for $rust {
            fn to_py<'py>(
                &self,
                py: pyo3::Python<'py>,
            ) -> pyo3::PyResult<pyo3::Bound<'py, pyo3::PyAny>> {
                Ok(pyo3::Bound::new(py, $py(self.clone()))?.into_any())
            }
        }
    };
}

pub(crate) use model_class;
