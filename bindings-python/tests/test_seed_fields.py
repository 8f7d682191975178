"""The fields the seeds describe beyond the first model, read from the embedded
datasets (issue 10, items 5 and 6): each value is the seed's own."""

from __future__ import annotations

import datetime

import oske


def test_sections_have_their_own_titles_periods_and_refinements(botnia: oske.Document) -> None:
    plan = botnia.action_plans[0]
    po = plan.sections[2]
    assert po.region == "15"
    assert po.title is not None
    assert po.title.fi == "SONet BOTNIAn Pohjanmaan toimintasuunnitelman täsmennykset vuodelle 2020"
    assert po.period == oske.Period(datetime.date(2020, 1, 1), datetime.date(2020, 12, 31))
    assert po.refines_period == oske.Period(datetime.date(2019, 1, 1), datetime.date(2020, 12, 31))
    assert [s.refines_period for s in plan.sections[:2]] == [None, None]
    kp = plan.sections[1]
    assert [(p.id, p.maps_to) for p in kp.local_priorities] == [
        ("kp-1", "p1"),
        ("kp-2", "p2"),
        ("kp-3", "p3"),
        ("kp-4", "p4"),
        ("kp-5", "p5"),
        ("kp-6", None),
    ]
    assert kp.local_priorities[0].title.fi == "Sosiaalialan käytännön läheinen kehittäminen ja integroituvat palvelut"


def test_measures_name_their_instruments_and_frequencies_their_qualifier(botnia: oske.Document) -> None:
    measures = {m.id: m for s in botnia.action_plans[0].sections for m in s.measures}
    assert measures["po-2.10"].instruments == ["sosdigi", "arvoa", "avain"]
    assert measures["ep-2.3"].instruments == ["avain", "suuntima"]
    assert measures["kp-1.1"].instruments == []
    f = measures["kp-4.2"].frequency
    assert f is not None and (f.min_times, f.per, f.qualifier) == (2, "year", "at_least")
    f = measures["ep-5.1"].frequency
    assert f is not None and f.qualifier == "exactly"
    rows = {r["id"]: r for r in botnia.table_records("measures")}
    assert rows["po-2.10"]["instruments"] == ["sosdigi", "arvoa", "avain"]
    assert rows["ep-5.1"]["frequency_qualifier"] == "exactly"


def test_an_average_is_not_a_minimum() -> None:
    report = oske.Document.dataset("pohjanmaa_report_2005")
    ecec = report.networks[0]
    assert ecec.min_frequency is not None
    assert (ecec.min_frequency.min_times, ecec.min_frequency.qualifier) == (3, "on_average")
    assert ecec.min_frequency.note == "keskimäärin kolmesti vuodessa"


def test_almost_forty_met_at_the_kuntatalo() -> None:
    meeting = oske.Document.dataset("adult_network_2018").networks[0].meetings[0]
    assert meeting.place == "Kuntatalo"
    assert meeting.participants is not None
    p = meeting.participants
    assert (p.count, p.approximate, p.qualifier) == (40, True, "almost")


def test_teams_tasks_and_work_areas(lapland: oske.Document) -> None:
    project = lapland.projects[0]
    team = project.teams[4]
    assert team.id == "kemi"
    assert team.name is not None and team.name.fi == "Kemin aikuissosiaalityön tiimi"
    assert [t.fi for t in team.tasks] == [
        "Moniammatillinen aikuissosiaalityön kehittäminen",
        "nuorten aikuisten aktivointi ja työmenetelmien kehittäminen",
        "sosiaalityöntekijä-sosiaaliohjaaja tehtävärakenteen kehittäminen",
        "tiimityön kehittäminen",
    ]
    assert len(project.team_common_tasks) == 5
    assert [w.number for w in project.work_areas] == [1, 2, 3, 4, 5]
    area = project.work_areas[1]
    assert isinstance(area, oske.WorkArea)
    assert area.title.fi == "Vaikuttavuuden arviointi"
    assert area.expected_result is not None
    assert area.expected_result.fi == (
        "Kehittäjätiimien työtä arvioidaan tasapainotetulla mittaristolla. "
        "Käytössä on asiakas- ja työntekijälähtöisiä arviointimalleja."
    )
    tasks = lapland.table_records("team_tasks")
    assert len(tasks) == 5 + 6 * 4
    assert [r["team_id"] for r in tasks[:5]] == [None] * 5
    areas = lapland.table_records("work_areas")
    assert [r["number"] for r in areas] == [1, 2, 3, 4, 5]


def test_the_nordic_walk_through_is_an_illustration() -> None:
    doc = oske.Document.dataset("nordic_consultation_2020")
    programme = doc.consultation_programmes[0]
    assert programme.illustrative is True
    assert programme.to_dict()["illustrative"] is True
    assert doc.table_records("consultation_programmes")[0]["illustrative"] is True
    assert doc.validate().codes_and_pointers() == []
