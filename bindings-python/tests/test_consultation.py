"""The Nordic consultation protocol from Python: every step is the core's."""

from __future__ import annotations

import datetime
import pickle

import pytest

import oske


def prepared() -> oske.Consultation:
    return oske.Consultation.prepare(
        "c1", "Child protection key projects", ["How is the key project organised?"]
    )


def scheduled() -> oske.Consultation:
    c = prepared()
    c.agree_consultant("VISO", "DK", ["nationally_significant"])
    c.send_brief("1.10.2020")
    c.schedule("8.10.2020", 45, "Teams")
    return c


def test_the_whole_protocol() -> None:
    c = scheduled()
    assert c.state == "scheduled"
    assert c.consultant == oske.Consultant("VISO", "DK", ["nationally_significant"])
    assert c.brief_sent_on == datetime.date(2020, 10, 1)
    assert c.session is not None
    assert (c.session.date, c.session.planned_minutes, c.session.platform) == (datetime.date(2020, 10, 8), 45, "Teams")
    c.hold(datetime.date(2020, 10, 8), 40)
    c.document("The key project's steering was discussed.")
    c.evaluate("2020-10-20", oske.Text(en="Useful"), useful=True)
    assert c.state == "evaluated"
    assert c.evaluation is not None and c.evaluation.useful is True
    assert c.check().issues == []
    assert repr(c) == "Consultation(id='c1', state='evaluated')"
    assert pickle.loads(pickle.dumps(c)) == c


def test_an_illegal_move_raises_a_protocol_error_with_its_rule_code() -> None:
    c = prepared()
    with pytest.raises(oske.ProtocolError) as info:
        c.send_brief("1.10.2020")
    e = info.value
    assert type(e) is oske.IllegalTransitionError
    assert e.code == "protocol.illegal-transition" == oske.IllegalTransitionError.code
    assert (e.action, e.state) == ("send_brief", "prepared")
    assert str(e) == 'the step "send the brief" is not possible while the consultation is in the state "prepared"'
    assert e.messages == {
        "en": 'the step "send the brief" is not possible while the consultation is in the state "prepared"',
        "fi": 'vaihe "kuvauksen lähettäminen" ei ole mahdollinen, kun konsultaation tila on "valmisteltu"',
        "sv": 'steget "sändning av beskrivningen" är inte möjligt när konsultationens tillstånd är "förberedd"',
    }
    assert c.state == "prepared"  # unchanged


def test_each_protocol_error() -> None:
    policy = oske.ConsultationPolicy()
    assert (policy.min_minutes, policy.max_minutes, policy.min_lead_days, policy.max_questions, policy.max_brief_chars) == (30, 45, 1, 10, 2000)

    with pytest.raises(oske.BriefEmptyError) as e1:
        oske.Consultation.prepare("c", "  ", ["q"])
    assert e1.value.code == "consultation.brief-empty"
    with pytest.raises(oske.NoQuestionError):
        oske.Consultation.prepare("c", "b", [])
    with pytest.raises(oske.TooManyQuestionsError) as e2:
        oske.Consultation.prepare("c", "b", ["q1", "q2", "q3"], oske.ConsultationPolicy(max_questions=2))
    assert (e2.value.count, e2.value.max) == (3, 2)
    with pytest.raises(oske.BriefTooLongError) as e3:
        oske.Consultation.prepare("c", "x" * 11, ["q"], oske.ConsultationPolicy(max_brief_chars=10))
    assert (e3.value.length, e3.value.max) == (11, 10)

    c = prepared()
    with pytest.raises(oske.NotNordicError) as e4:
        c.agree_consultant("Agency", "DE", ["innovative"])
    assert e4.value.country == "DE"
    with pytest.raises(oske.NoCriterionError) as e5:
        c.agree_consultant("VISO", "DK", [])
    assert e5.value.consultant == "VISO"
    with pytest.raises(oske.ArgumentError, match="unknown variant `famous`"):
        c.agree_consultant("VISO", "DK", ["famous"])
    assert c.state == "prepared"

    c.agree_consultant("Nordic Welfare Centre", "SE", ["research_evidence"])
    c.send_brief("7.10.2020")
    with pytest.raises(oske.PlannedDurationError) as e6:
        c.schedule("8.10.2020", 60, "Teams")
    assert (e6.value.code, e6.value.minutes, e6.value.min, e6.value.max) == ("consultation.planned-duration", 60, 30, 45)
    assert e6.value.messages["fi"] == "suunniteltu kesto, 60 minuuttia, ei ole linjauksen mukaisella välillä 30–45 minuuttia"
    with pytest.raises(oske.BriefLateError) as e7:
        c.schedule("8.10.2020", 30, "Teams", oske.ConsultationPolicy(min_lead_days=2))
    assert (e7.value.sent, e7.value.session, e7.value.lead) == (datetime.date(2020, 10, 7), datetime.date(2020, 10, 8), 2)
    with pytest.raises(oske.ArgumentError, match="planned_minutes must be a whole number"):
        c.schedule("8.10.2020", -5)
    with pytest.raises(oske.CancelReasonMissingError):
        c.cancel("7.10.2020", " ")
    c.cancel("7.10.2020", "the consultant fell ill")
    assert c.state == "cancelled"
    assert c.cancellation is not None and c.cancellation.from_state == "brief_sent"
    with pytest.raises(oske.IllegalTransitionError):
        c.cancel("8.10.2020", "again")


def test_check_a_stored_consultation() -> None:
    c = oske.Consultation.from_dict(
        {"id": "c", "state": "scheduled", "brief": "b", "questions": ["q"],
         "consultant": {"organisation": "VISO", "country": "DK", "criteria": ["innovative"]},
         "brief_sent_on": "2020-10-01",
         "session": {"date": "2020-10-08", "planned_minutes": 90}}
    )
    report = c.check(lang="fi")
    assert report.codes_and_pointers() == [("consultation.planned-duration", "/session/planned_minutes")]
    assert report.issues[0].message == "suunniteltu kesto, 90 minuuttia, ei ole linjauksen mukaisella välillä 30–45 minuuttia"
    assert c.check(oske.ConsultationPolicy(max_minutes=90)).issues == []


def test_the_seed_programme_and_modelling_the_concept() -> None:
    doc = oske.Document.dataset("nordic_consultation_2020")
    programme = doc.consultation_programmes[0]
    assert [c.state for c in programme.consultations] == ["evaluated"]
    assert programme.trial_counts() == (0, 1)
    assert programme.concept is None
    programme.model_concept("2020-12-01", oske.Text(en="Concept"))
    assert programme.concept is not None and programme.concept.date == datetime.date(2020, 12, 1)
    with pytest.raises(oske.IllegalTransitionError):
        programme.model_concept("2020-12-02", oske.Text(en="Again"))
    # The document is a value: the programme it holds did not change.
    assert doc.consultation_programmes[0].concept is None

    open_programme = oske.ConsultationProgramme.from_dict(
        {"id": "p", "name": {"en": "Trials"}, "consultations": [prepared().to_dict()]}
    )
    with pytest.raises(oske.ConceptPrematureError) as info:
        open_programme.model_concept("2020-12-01", oske.Text(en="Concept"))
    assert (info.value.open, info.value.evaluated) == (1, 0)
