"""oske: model and rulebook for Finland's social welfare competence centres.

The heavy lifting is done by the Rust crate ``oske``; this package is a thin
binding built with pyo3 and maturin.
"""

from ._oske import (
    LoadError,
    OskeError,
    ProtocolError,
    ValidationError,
    __version__,
)

__all__ = [
    "LoadError",
    "OskeError",
    "ProtocolError",
    "ValidationError",
    "__version__",
]
