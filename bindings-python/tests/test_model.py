"""The document model as Python objects: properties, dates, money, repr, eq, pickle."""

from __future__ import annotations

import datetime
import pickle
from collections import Counter
from typing import Any

import pytest

import oske

from .conftest import walk

ALL_OBJECTS = [
    obj
    for name in oske.datasets()
    for obj in walk(
        [
            getattr(oske.Document.dataset(name), kind)
            for kind in (
                "action_plans",
                "projects",
                "networks",
                "evaluations",
                "consultation_programmes",
                "activity_reports",
            )
        ]
    )
]


def test_the_walk_covers_every_model_class() -> None:
    kinds = {type(o).__name__ for o in ALL_OBJECTS}
    # Every class the seed datasets use (all but the registry's and the policy's own).
    assert {
        "ActionPlan", "Text", "Period", "PopulationTable", "PopulationPart", "Priority",
        "RegionalSection", "Measure", "Schedule", "Frequency", "Revision", "SpecialTaskPlan",
        "Approval", "DevelopmentProject", "Phase", "Organisation", "Objective", "DeveloperTeam",
        "AreaListing", "WorkArea", "Budget", "FundingSource", "AnnualBudget", "ContributionRule", "Network",
        "Meeting", "Headcount", "Evaluation", "ActivityReport", "PriorityArea",
        "ConsultationProgramme", "ConsultationPolicy", "Consultation", "Consultant", "Session",
        "HeldSession", "TrialEvaluation",
    } <= kinds


@pytest.mark.parametrize("obj", ALL_OBJECTS, ids=lambda o: type(o).__name__)
def test_value_semantics(obj: Any) -> None:
    cls = type(obj)
    assert cls.__module__ == "oske"
    assert getattr(oske, cls.__name__) is cls
    assert repr(obj).startswith(cls.__name__ + "(")
    back = pickle.loads(pickle.dumps(obj))
    assert type(back) is cls and back == obj
    assert obj == obj and not (obj != obj)
    assert obj != object()


@pytest.mark.parametrize(
    "obj",
    [o for o in ALL_OBJECTS if hasattr(o, "from_json")],
    ids=lambda o: type(o).__name__,
)
def test_json_and_dict_round_trip_and_every_field_is_a_property(obj: Any) -> None:
    cls = type(obj)
    assert cls.from_json(obj.to_json()) == obj
    d = obj.to_dict()
    assert cls.from_dict(d) == obj
    # Every field of the JSON form is readable as a property (nothing is hidden).
    for key in d:
        assert hasattr(obj, key), f"{cls.__name__} has no property {key!r}"


def test_properties_are_native_types(botnia: oske.Document) -> None:
    plan = botnia.action_plans[0]
    assert plan.id == "sonet-botnia-plan-2020"
    assert plan.centre == "sonet-botnia"
    assert plan.period == oske.Period(datetime.date(2020, 1, 1), datetime.date(2021, 12, 31))
    assert isinstance(plan.period.start, datetime.date)
    assert [p.number for p in plan.priorities] == [1, 2, 3, 4, 5]
    assert plan.priorities[0].title.fi == "Sosiaalihuollon käytännönläheinen kehittäminen ja osaamisen uudistaminen"
    assert [(s.region, len(s.measures)) for s in plan.sections] == [("14", 28), ("16", 17), ("15", 35)]
    m = plan.sections[0].measures[0]
    assert (m.id, m.kind, m.priority, m.status) == ("ep-0.1", "network", "ep-0", "planned")
    assert m.title.fi == "Työkokoukset, verkostot"
    assert plan.population is not None
    assert plan.population.reference_date == datetime.date(2019, 12, 31)
    assert plan.population.total == 437_477
    assert [(p.area, p.population) for p in plan.population.parts] == [
        ("14", 188_719),
        ("15", 180_569),
        ("16", 68_189),
    ]
    assert plan.revisions[0].date == datetime.date(2020, 3, 17)
    assert plan.revisions[0].reason == "covid19"
    task = plan.special_tasks[0]
    assert (task.kind, task.year, task.grant_share) == ("nordic", 2020, 75)
    assert all(isinstance(a.date, datetime.date) for a in task.approvals)
    assert sorted(a.date for a in task.approvals) == [datetime.date(2020, 5, 7), datetime.date(2020, 5, 15)]
    kinds = Counter(m.kind for s in plan.sections for m in s.measures)
    assert sum(kinds.values()) == 80


def test_money_is_int_cents(lapland: oske.Document) -> None:
    budget = lapland.projects[0].budget
    assert budget is not None
    assert budget.total == 182_820_400
    # The seed states the 75 %/25 % shares of the full operating year only.
    assert [(s.funder, s.amount, s.stated_share) for s in budget.sources] == [
        ("stm", 137_115_200, None),
        ("municipalities", 45_705_200, None),
    ]
    assert all(type(s.amount) is int for s in budget.sources)
    assert oske.cents_to_euros(budget.total) == oske.cents_to_euros(182_820_400)
    annual = budget.annual
    assert annual is not None and annual.total == 56_800_000
    assert [(c.category, c.per_year, c.count) for c in annual.contributions] == [
        ("team_municipality", 2_000_000, None),
        ("other_participant", 200_000, 11),
    ]
    project = lapland.projects[0]
    assert project.participant_count("team_municipality") == 6
    # The eleven other municipalities are counted in the rule, not listed one by one.
    assert project.participants == []
    assert project.participant_count("other_participant") == 0
    with pytest.raises(oske.ArgumentError, match="participant category"):
        project.participant_count("everyone")


def test_indicator_and_evaluation_methods() -> None:
    ev = oske.Evaluation.from_dict(
        {
            "id": "e",
            "title": {"en": "Scorecard"},
            "method": "balanced_scorecard",
            "indicators": [
                {"id": "a", "name": {"en": "A"}, "perspective": "clients", "unit": "count",
                 "baseline": 100, "target": 200, "actual": 150, "direction": "increase"},
                {"id": "b", "name": {"en": "B"}, "perspective": "clients", "unit": "%",
                 "baseline": 10, "target": 5, "actual": 10, "direction": "decrease"},
                {"id": "c", "name": {"en": "C"}, "unit": "%", "target": 5, "direction": "maintain"},
            ],
        }
    )
    a, b, c = ev.indicators
    assert a.achievement() == 0.5
    assert b.achievement() == 0.0
    assert c.achievement() is None
    assert not a.target_contradicts_direction()
    assert ev.achievement_by_perspective() == {"clients": 0.25}


def test_objects_are_values(botnia: oske.Document) -> None:
    plan = botnia.action_plans[0]
    plan.sections.clear()
    assert len(plan.sections) == 3  # a fresh copy each time
    with pytest.raises(AttributeError):
        plan.id = "other"  # type: ignore[misc]
    assert botnia.action_plans[0] == plan


def test_text() -> None:
    t = oske.Text(fi="Lastensuojelu", sv="Barnskydd")
    assert (t.fi, t.sv, t.en) == ("Lastensuojelu", "Barnskydd", None)
    assert t.get("en") == "Lastensuojelu"  # falls back to Finnish
    assert t.get("sv-FI") == "Barnskydd"
    assert t.exact("en") is None
    assert str(t) == "Lastensuojelu"
    assert repr(t) == "Text(fi='Lastensuojelu', sv='Barnskydd')"
    assert t == oske.Text(fi="Lastensuojelu", sv="Barnskydd") and hash(t) == hash(oske.Text(fi="Lastensuojelu", sv="Barnskydd"))
    assert {t, oske.Text(fi="Lastensuojelu", sv="Barnskydd")} == {t}
    assert oske.Text(en="  ").is_empty() and not t.is_empty()
    assert t.to_dict() == {"fi": "Lastensuojelu", "sv": "Barnskydd"}
    with pytest.raises(oske.ArgumentError, match='unknown language "de"'):
        t.get("de")


def test_period() -> None:
    p = oske.Period("1.11.2008", "2011-12-31")
    assert (p.start, p.end) == (datetime.date(2008, 11, 1), datetime.date(2011, 12, 31))
    assert str(p) == "1.11.2008–31.12.2011"
    assert repr(p) == "Period(start=datetime.date(2008, 11, 1), end=datetime.date(2011, 12, 31))"
    assert datetime.date(2011, 12, 31) in p and "1.1.2012" not in p
    assert p.contains("2009-06-01")
    assert p.contains_period(oske.Period("2009-01-01", "2009-12-31"))
    assert oske.Period("2.1.2020", "1.1.2020").is_empty()
    assert hash(p) == hash(oske.Period(datetime.date(2008, 11, 1), datetime.date(2011, 12, 31)))
    with pytest.raises(oske.ArgumentError, match=r'"31\.2\.2020" is not a date'):
        oske.Period("31.2.2020", "1.3.2020")
    with pytest.raises(TypeError):
        oske.Period(20200101, "1.3.2020")  # type: ignore[arg-type]


def test_validity() -> None:
    v = oske.Validity(valid_to="30.6.2025")
    assert (v.valid_from, v.valid_to) == (None, datetime.date(2025, 6, 30))
    assert "30.6.2025" in v and "1.7.2025" not in v
    assert v.to_dict() == {"to": "2025-06-30"}
    assert pickle.loads(pickle.dumps(v)) == v


def test_from_dict_errors_name_the_value() -> None:
    with pytest.raises(oske.LoadError) as info:
        oske.Measure.from_dict({"id": "m", "title": {"fi": "x"}, "kind": "party"})
    e = info.value
    assert (e.kind, e.pointer, e.line, e.column) == ("data", "/kind", None, None)
    assert "unknown variant `party`" in e.message
    with pytest.raises(oske.LoadError, match="unknown field `colour`") as info2:
        oske.Phase.from_dict(
            {"name": "I", "period": {"start": "2004-01-01", "end": "2005-12-31"}, "colour": "x"}
        )
    assert info2.value.pointer == "/colour"
    with pytest.raises(oske.ArgumentError, match="at /period: a set cannot be stored"):
        oske.Phase.from_dict({"name": "I", "period": {1, 2}})


def test_a_section_may_name_a_wellbeing_services_county() -> None:
    # From 1.1.2023 the centres serve counties (Decree 1248/2022): a section names a
    # county with area_kind "county"; without it, the code is a region's.
    doc = oske.Document.from_json(
        """{"format_version": 1, "action_plans": [{
            "id": "p", "centre": "sonet-botnia", "title": {"fi": "Suunnitelma"},
            "period": {"start": "2023-01-01", "end": "2024-12-31"},
            "sections": [{"region": "17", "area_kind": "county", "measures": []},
                         {"region": "19", "area_kind": "county", "measures": []},
                         {"region": "15", "measures": []}]}]}"""
    )
    sections = doc.action_plans[0].sections
    assert [(s.region, s.area_kind) for s in sections] == [
        ("17", "county"), ("19", "county"), ("15", "region")
    ]
    # The default is not written; the county kind is.
    assert sections[2].to_dict() == {"region": "15", "measures": []}
    assert sections[0].to_dict()["area_kind"] == "county"
    # Pohjois-Pohjanmaa's county (19) is not SONet BOTNIA's.
    report = doc.validate(lang="fi")
    assert [(i.code, i.pointer) for i in report.issues] == [
        ("registry.region-outside-centre", "/action_plans/0/sections/1/region")
    ]
    assert report.issues[0].message == (
        "hyvinvointialue Pohjois-Pohjanmaan hyvinvointialue (19) ei kuulu 1.1.2023 "
        "osaamiskeskuksen toimialueeseen (osaamiskeskus: SONet BOTNIA)"
    )
