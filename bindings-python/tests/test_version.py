"""The Python package reports the version of the Rust crate it was built from."""

from __future__ import annotations

import re
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

import oske

REPO_ROOT = Path(__file__).resolve().parents[2]
PACKAGE_SOURCE = Path(__file__).resolve().parents[1] / "python"


def _load_toml(path: Path) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.9/3.10
        import tomli as tomllib  # type: ignore[no-redef]
    with path.open("rb") as f:
        return tomllib.load(f)


def cargo_version() -> str:
    """Version of the core crate, following `version.workspace = true`."""
    core = _load_toml(REPO_ROOT / "core" / "Cargo.toml")["package"]["version"]
    if isinstance(core, str):
        return core
    assert core == {"workspace": True}, core
    version = _load_toml(REPO_ROOT / "Cargo.toml")["workspace"]["package"]["version"]
    assert isinstance(version, str)
    return version


def test_version_matches_cargo() -> None:
    assert oske.__version__ == cargo_version()


def test_version_is_semver() -> None:
    assert re.fullmatch(r"\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?", oske.__version__)


def test_distribution_metadata_matches() -> None:
    # maturin derives the wheel version from Cargo; pre-releases are normalised by PEP 440.
    assert metadata.version("oske") == oske.__version__.replace("-", "")


def test_imported_from_installed_wheel() -> None:
    # The tests must exercise the installed wheel, not the source tree.
    package_dir = Path(oske.__file__).resolve().parent
    assert PACKAGE_SOURCE not in package_dir.parents, package_dir
    assert (package_dir / "py.typed").is_file()
    assert (package_dir / "_oske.pyi").is_file()
    native = [p.name for p in package_dir.iterdir() if p.name.startswith("_oske.") and p.suffix in {".so", ".pyd"}]
    assert native, list(package_dir.iterdir())


def test_the_package_metadata_is_complete() -> None:
    import trove_classifiers

    meta = metadata.metadata("oske")
    assert meta["Name"] == "oske"
    assert meta["License-Expression"] == "MIT OR Apache-2.0"
    assert meta["Requires-Python"] == ">=3.9"
    classifiers = meta.get_all("Classifier") or []
    assert "Typing :: Typed" in classifiers and "Natural Language :: Finnish" in classifiers
    unknown = [c for c in classifiers if c not in trove_classifiers.classifiers]
    assert unknown == []
    assert sorted(meta.get_all("Provides-Extra") or []) == ["pandas", "polars"]
    requires = meta.get_all("Requires-Dist") or []
    assert any(r.startswith("pandas") and "extra == 'pandas'" in r.replace('"', "'") for r in requires), requires
    assert any(r.startswith("polars") and "extra == 'polars'" in r.replace('"', "'") for r in requires), requires
    # No project URL that does not exist: none is declared until the project has one.
    assert meta.get_all("Project-URL") is None
    # Both licence texts travel in the wheel.
    files = [str(f) for f in metadata.files("oske") or []]
    assert any(f.endswith("licenses/LICENSE-MIT") for f in files), files
    assert any(f.endswith("licenses/LICENSE-APACHE") for f in files), files
