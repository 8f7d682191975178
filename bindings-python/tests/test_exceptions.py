"""The exception hierarchy defined in Rust with pyo3's create_exception!."""

from __future__ import annotations

import pickle

import pytest

import oske
from oske import _oske

SUBCLASSES = [oske.ProtocolError, oske.ValidationError, oske.LoadError]
ALL = [oske.OskeError, *SUBCLASSES]


def test_base_is_exception() -> None:
    assert issubclass(oske.OskeError, Exception)
    assert oske.OskeError.__mro__[1] is Exception


@pytest.mark.parametrize("cls", SUBCLASSES, ids=lambda c: c.__name__)
def test_subclass_of_oske_error(cls: type[oske.OskeError]) -> None:
    assert cls.__mro__[1] is oske.OskeError
    with pytest.raises(oske.OskeError, match="boom"):
        raise cls("boom")


def test_subclasses_are_distinct() -> None:
    for a in SUBCLASSES:
        for b in SUBCLASSES:
            assert issubclass(a, b) == (a is b)


@pytest.mark.parametrize("cls", ALL, ids=lambda c: c.__name__)
def test_public_names(cls: type[oske.OskeError]) -> None:
    # Defined in the native module, presented as part of the public package.
    assert getattr(_oske, cls.__name__) is cls
    assert cls.__module__ == "oske"
    assert cls.__qualname__ == cls.__name__
    assert cls.__doc__


@pytest.mark.parametrize("cls", ALL, ids=lambda c: c.__name__)
def test_pickle_roundtrip(cls: type[oske.OskeError]) -> None:
    err = cls("bad document", 3)
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is cls
    assert back.args == ("bad document", 3)


def test_all_exports() -> None:
    assert set(oske.__all__) == {"OskeError", "ProtocolError", "ValidationError", "LoadError", "__version__"}
    for name in oske.__all__:
        assert hasattr(oske, name)
