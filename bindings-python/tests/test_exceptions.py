"""The exception hierarchy: everything derives from oske.OskeError(Exception)."""

from __future__ import annotations

import pickle

import pytest

import oske
from oske import _oske

DIRECT = [oske.ProtocolError, oske.ValidationError, oske.LoadError, oske.InternalError]
DUAL = {
    oske.ArgumentError: ValueError,
    oske.MissingDependencyError: ImportError,
    oske.WriteError: OSError,
}
PROTOCOL = {
    oske.IllegalTransitionError: "protocol.illegal-transition",
    oske.BriefEmptyError: "consultation.brief-empty",
    oske.BriefTooLongError: "consultation.brief-too-long",
    oske.NoQuestionError: "consultation.no-question",
    oske.TooManyQuestionsError: "consultation.too-many-questions",
    oske.NoCriterionError: "consultation.no-criterion",
    oske.NotNordicError: "consultation.not-nordic",
    oske.PlannedDurationError: "consultation.planned-duration",
    oske.BriefLateError: "consultation.brief-late",
    oske.CancelReasonMissingError: "consultation.cancel-reason",
    oske.ConceptPrematureError: "consultation.concept-premature",
}
ALL: list[type[oske.OskeError]] = [oske.OskeError, *DIRECT, *DUAL, *PROTOCOL]


def test_base_is_exception() -> None:
    assert issubclass(oske.OskeError, Exception)
    assert oske.OskeError.__mro__[1] is Exception


@pytest.mark.parametrize("cls", DIRECT, ids=lambda c: c.__name__)
def test_direct_subclasses(cls: type[oske.OskeError]) -> None:
    assert cls.__mro__[1] is oske.OskeError
    with pytest.raises(oske.OskeError, match="boom"):
        raise cls("boom")


@pytest.mark.parametrize("cls", list(DUAL), ids=lambda c: c.__name__)
def test_dual_subclasses_are_also_builtin_errors(cls: type[oske.OskeError]) -> None:
    builtin = DUAL[cls]
    assert cls.__mro__[1:3] == (oske.OskeError, builtin)
    with pytest.raises(builtin):
        raise cls("x")
    with pytest.raises(oske.OskeError):
        raise cls("x")


@pytest.mark.parametrize("cls", list(PROTOCOL), ids=lambda c: c.__name__)
def test_protocol_subclasses_carry_their_rule_code(cls: type[oske.ProtocolError]) -> None:
    assert cls.__mro__[1] is oske.ProtocolError
    assert cls.code == PROTOCOL[cls]
    # Every code is a rule of the rulebook, with the severity "error".
    assert oske.Rule.from_code(PROTOCOL[cls]).severity == "error"


def test_every_exported_exception_is_listed_here() -> None:
    exported = {
        getattr(oske, n)
        for n in oske.__all__
        if isinstance(getattr(oske, n), type) and issubclass(getattr(oske, n), BaseException)
    }
    assert exported == set(ALL)


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


def test_raised_protocol_error_pickles_with_its_attributes() -> None:
    c = oske.Consultation.prepare("c1", "Brief", ["Question?"])
    with pytest.raises(oske.IllegalTransitionError) as info:
        c.hold("2020-10-08", 40)
    back = pickle.loads(pickle.dumps(info.value))
    assert type(back) is oske.IllegalTransitionError
    assert (back.code, back.action, back.state) == ("protocol.illegal-transition", "hold", "prepared")
    assert back.messages == info.value.messages
    assert str(back) == 'the step "hold the session" is not possible while the consultation is in the state "prepared"'


def test_a_rust_panic_is_an_oske_error_not_a_base_exception() -> None:
    with pytest.raises(oske.InternalError, match=r"internal error in oske \(please report it\): boom") as info:
        _oske._test_panic("boom")
    assert isinstance(info.value, Exception)
    assert isinstance(info.value, oske.OskeError)
    # pyo3's own PanicException derives from BaseException only; it must not escape.
    assert type(info.value).__name__ != "PanicException"
    # The module keeps working after a caught panic.
    assert oske.Document.dataset("adult_network_2018").networks[0].id
