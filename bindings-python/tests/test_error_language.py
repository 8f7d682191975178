"""Exceptions in Finnish and Swedish as well as English: `.messages` and `set_error_language`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import oske


@pytest.fixture(autouse=True)
def english_again() -> Iterator[None]:
    """Every test starts and ends with the default, English."""
    oske.set_error_language("en")
    yield
    oske.set_error_language("en")


def test_the_default_is_english_and_the_setting_is_checked() -> None:
    assert oske.error_language() == "en"
    oske.set_error_language("sv-FI")
    assert oske.error_language() == "sv"
    with pytest.raises(oske.ArgumentError) as info:
        oske.set_error_language("de")
    assert info.value.messages == {
        "fi": 'kieltä "de" ei tunneta; käytettävissä ovat "fi", "sv" ja "en"',
        "sv": 'språket "de" är okänt; tillgängliga är "fi", "sv" och "en"',
        "en": 'unknown language "de": expected "fi", "sv" or "en"',
    }
    # The refused setting did not change the language.
    assert str(info.value) == 'språket "de" är okänt; tillgängliga är "fi", "sv" och "en"'
    assert oske.error_language() == "sv"


DATE_DOC = (
    '{"format_version": 1, "action_plans": [{"id": "p", "period": '
    '{"start": "31.2.2020", "end": "1.1.2021"}}]}'
)


def test_a_load_error_in_every_language() -> None:
    with pytest.raises(oske.LoadError) as info:
        oske.Document.from_json(DATE_DOC)
    e = info.value
    assert e.messages == {
        "fi": 'rivi 1, sarake 82: tietovirhe kohdassa /action_plans/0/period/start: "31.2.2020" ei ole '
        "päivämäärä; kirjoita päivämäärä muodossa p.k.vvvv (esim. 14.2.2018) tai vvvv-kk-pp",
        "sv": 'rad 1, kolumn 82: datafel vid /action_plans/0/period/start: "31.2.2020" är inte ett '
        "datum; skriv datumet i formen d.m.åååå (t.ex. 14.2.2018) eller åååå-mm-dd",
        "en": 'line 1, column 82: data error at /action_plans/0/period/start: "31.2.2020" is not a date: '
        "expected d.m.yyyy (e.g. 14.2.2018) or yyyy-mm-dd",
    }
    assert str(e) == e.messages["en"]
    # The fields stay as they were, in English and language-neutral.
    assert (e.kind, e.pointer, e.line, e.column) == ("data", "/action_plans/0/period/start", 1, 82)
    assert e.message.endswith("is not a date: expected d.m.yyyy (e.g. 14.2.2018) or yyyy-mm-dd")
    oske.set_error_language("fi")
    with pytest.raises(oske.LoadError) as info:
        oske.Document.from_json(DATE_DOC)
    assert str(info.value) == e.messages["fi"]
    assert info.value.kind == "data"


def test_syntax_and_unknown_values_in_swedish() -> None:
    oske.set_error_language("sv")
    with pytest.raises(oske.LoadError, match=r'^rad 1, kolumn 1: JSON-syntaxfel: texten tar slut mitt i ett objekt \(saknas "\}"\?\)$'):
        oske.Document.from_json("{")
    doc = (
        '{"format_version": 1, "networks": [{"id": "n", "name": {"fi": "x"}, '
        '"meetings": [{"date": "1.1.2020", "format": "telepathy"}]}]}'
    )
    with pytest.raises(oske.LoadError) as info:
        oske.Document.from_json(doc)
    assert str(info.value).endswith(
        'värdet "telepathy" är okänt; de tillåtna värdena är "in_person", "remote" och "hybrid"'
    )


def test_an_unreadable_file_quotes_the_system_reason(tmp_path: Path) -> None:
    missing = tmp_path / "no" / "plan.json"
    oske.set_error_language("fi")
    with pytest.raises(oske.LoadError) as info:
        oske.Document.load(missing)
    assert info.value.kind == "io"
    assert str(info.value) == (
        f'{missing}: lukuvirhe: tiedostoa ei voitu lukea (järjestelmän ilmoitus: '
        '"No such file or directory (os error 2)")'
    )
    assert info.value.messages["en"] == f"{missing}: io error: No such file or directory (os error 2)"
    with pytest.raises(oske.LoadError) as info:
        oske.Registry.load(missing)
    assert str(info.value).startswith(f"{missing}: lukuvirhe: tiedostoa ei voitu lukea")


def test_a_registry_problem_in_finnish() -> None:
    text = (
        '{"format_version": 2, "regions": [{"code": "01", "name": {"fi": "A"}}, '
        '{"code": "01", "name": {"fi": "B"}}]}'
    )
    with pytest.raises(oske.LoadError) as info:
        oske.Registry.from_json(text)
    assert info.value.messages["fi"] == (
        'tietovirhe kohdassa /regions/1/code: kentän "code" arvo "01" esiintyy toiseen kertaan '
        "(ensimmäinen kohdassa /regions/0)"
    )


def test_a_write_error_in_every_language(tmp_path: Path) -> None:
    target = str(tmp_path / "no" / "out.json")
    doc = oske.Document.dataset("adult_network_2018")
    with pytest.raises(oske.WriteError) as info:
        doc.save(target)
    e = info.value
    assert str(e) == f"[Errno 2] No such file or directory: {target!r}"
    assert e.filename == target
    assert e.messages == {
        "fi": f'tiedostoon "{target}" ei voitu kirjoittaa (järjestelmän ilmoitus: "No such file or directory")',
        "sv": f'det gick inte att skriva till filen "{target}" (systemets meddelande: "No such file or directory")',
        "en": f'could not write "{target}": No such file or directory',
    }
    oske.set_error_language("sv")
    with pytest.raises(oske.WriteError) as info:
        doc.save(target)
    assert str(info.value) == (
        '[Errno 2] det gick inte att skriva till filen (systemets meddelande: "No such file or directory"): '
        f"{target!r}"
    )
    assert info.value.errno == 2
    assert info.value.filename == target


def test_a_protocol_error_follows_the_language() -> None:
    c = oske.Consultation.prepare("c1", "Brief", ["Question?"])
    oske.set_error_language("fi")
    with pytest.raises(oske.IllegalTransitionError) as info:
        c.hold("2020-10-08", 40)
    assert str(info.value) == 'vaihe "istunnon pitäminen" ei ole mahdollinen, kun konsultaation tila on "valmisteltu"'
    assert info.value.messages["sv"] == (
        'steget "hållande av sessionen" är inte möjligt när konsultationens tillstånd är "förberedd"'
    )
    assert (info.value.code, info.value.action, info.value.state) == ("protocol.illegal-transition", "hold", "prepared")


def test_argument_errors_from_the_core_in_every_language() -> None:
    oske.set_error_language("fi")
    with pytest.raises(oske.ArgumentError) as info:
        oske.parse_date("31.2.2020")
    assert str(info.value) == (
        '"31.2.2020" ei ole päivämäärä; kirjoita päivämäärä muodossa p.k.vvvv (esim. 14.2.2018) tai vvvv-kk-pp'
    )
    assert info.value.messages is not None
    assert info.value.messages["en"] == '"31.2.2020" is not a date: expected d.m.yyyy (e.g. 14.2.2018) or yyyy-mm-dd'
    with pytest.raises(oske.ArgumentError) as info:
        oske.Registry.embedded().region_of_municipality("152", "2020-13-01")
    assert str(info.value).startswith('"2020-13-01" ei ole päivämäärä;')
    with pytest.raises(oske.ArgumentError) as info:
        oske.Document.dataset("nope")
    assert str(info.value).startswith('sisäänrakennettua aineistoa "nope" ei ole; aineistot ovat "')
    assert info.value.messages is not None
    assert info.value.messages["en"].startswith('no embedded dataset is named "nope"; the datasets are ')
    with pytest.raises(oske.ArgumentError) as info:
        oske.ConsultationPolicy(min_minutes=50, max_minutes=40)
    assert info.value.messages is not None
    assert str(info.value) == info.value.messages["fi"]
    assert "50" in str(info.value) and "40" in str(info.value)


def test_argument_errors_of_the_binding_in_every_language() -> None:
    """The binding's own argument errors (a Python value of the wrong type or shape)
    have the core's text in every language too: nothing is English only."""
    oske.set_error_language("fi")
    with pytest.raises(oske.ArgumentError) as info:
        oske.Rule.from_code("no.such-rule")
    assert info.value.messages == {
        "fi": 'yhdelläkään säännöllä ei ole koodia "no.such-rule"; funktio "oske.rules()" luettelee säännöt',
        "sv": 'ingen regel har koden "no.such-rule"; funktionen "oske.rules()" listar reglerna',
        "en": 'no rule has the code "no.such-rule"; oske.rules() lists them',
    }
    assert str(info.value) == info.value.messages["fi"]
    # A table that is not a list of dicts, a row that is not a dict.
    with pytest.raises(oske.ArgumentError) as info:
        oske.load_table(42, "measures")  # type: ignore[arg-type]
    assert str(info.value) == (
        'taulun on oltava pandas- tai polars-kirjaston DataFrame, olio, jolla on metodi "__arrow_c_stream__", '
        'tai luettelo sanakirjoja, mutta sen tyyppi on "int"'
    )
    oske.set_error_language("sv")
    with pytest.raises(oske.ArgumentError) as info:
        oske.load_table([{"id": "m1"}, "m2"], "measures")  # type: ignore[list-item]
    assert str(info.value) == (
        'rad 1 är ingen ordbok (Pythons typ "dict"); en tabell ges som en DataFrame, en Arrow-ström '
        "eller en lista av ordböcker"
    )
    assert info.value.messages is not None
    assert info.value.messages["en"] == (
        "row 1 is not a dict: a table is a DataFrame, an Arrow stream or a list of dicts"
    )
    # A value a document cannot hold, at its place.
    with pytest.raises(oske.ArgumentError) as info:
        oske.Phase.from_dict({"name": "I", "period": {1, 2}})
    assert str(info.value) == 'vid /period: ett värde av Pythons typ "set" kan inte lagras i ett oske-dokument'
    # Options: an unknown name, a count out of range (numbers in the language's form).
    with pytest.raises(oske.ArgumentError) as info:
        oske.read_table(b"id\n", name="measures.csv", encoding="ebcdic")
    assert str(info.value) == (
        'teckenkodningen "ebcdic" är okänd; de tillåtna teckenkodningarna är "utf-8", "utf-16le", '
        '"utf-16be", "windows-1252" och "iso-8859-1"'
    )
    oske.set_error_language("fi")
    with pytest.raises(oske.ArgumentError) as info:
        oske.ConsultationPolicy(min_minutes=-1)
    assert str(info.value) == 'argumentin "min_minutes" on oltava kokonaisluku 0–4\u00a0294\u00a0967\u00a0295, ei \u22121'
    with pytest.raises(oske.ArgumentError) as info:
        oske.Document.dataset("lapland_unit_2008").to_arrow("funding_sources", money="euros")
    assert str(info.value) == 'argumentin "money" arvon on oltava "cents" tai "decimal", ei "euros"'
    with pytest.raises(oske.ArgumentError) as info:
        oske.read_table(b"id\n")
    assert str(info.value) == (
        'kun taulu annetaan tavuina (Pythonin tyyppi "bytes"), tarvitaan myös argumentti "name", '
        'taulun tiedostonimi (esim. "measures.csv")'
    )
    # A date of the wrong type stays a TypeError, in the error language.
    with pytest.raises(TypeError) as type_info:
        oske.Registry.embedded().region_of_municipality("152", 5)  # type: ignore[arg-type]
    assert str(type_info.value) == (
        'arvon on oltava päivämäärä (Pythonin tyyppi "datetime.date") tai päivämäärä tekstinä, '
        'mutta sen tyyppi on "int"'
    )


def test_workbook_read_errors_in_every_language() -> None:
    """calamine's own text stays as a quoted technical detail inside a sentence of
    the language; a reference past the sheet's grid is refused before reading."""
    with pytest.raises(oske.LoadError) as info:
        oske.read_workbook(b"not a workbook", name="x.xlsx")
    detail = "Cannot detect file format"
    assert info.value.messages == {
        "fi": f'x.xlsx: tiedostoa ei voitu lukea työkirjana (ohjelmakirjaston ilmoitus: "{detail}")',
        "sv": f'x.xlsx: filen kunde inte läsas som en arbetsbok (programbibliotekets meddelande: "{detail}")',
        "en": f"x.xlsx: the file could not be read as a workbook: {detail}",
    }
    assert (info.value.kind, info.value.file) == ("io", "x.xlsx")
    assert info.value.message == f"the file could not be read as a workbook: {detail}"
    oske.set_error_language("sv")
    seed = Path(__file__).parents[2] / "core/fuzz/seeds/workbook/finding-reversed-dimension.xlsx"
    with pytest.raises(oske.LoadError) as info:
        oske.read_workbook(seed.read_bytes(), name="f.xlsx")
    assert str(info.value) == (
        'f.xlsx: värdet "F1:E5" för attributet "ref" i XML-elementet "dimension" i arbetsbokens del '
        '"xl/worksheets/sheet10.xml" är ett cellområde som slutar innan det börjar'
    )


def test_a_report_prints_its_lines_in_its_language() -> None:
    report = oske.Document.dataset("lapland_unit_2008").validate(lang="fi")
    lines = str(report).splitlines()
    assert lines[0].startswith(
        "varoitus team.area-listings-disagree kohdassa /projects/0/teams/0/other_listings/0: "
        "kehittäjätiimin (sijaintikunta Inari) alue on lueteltu"
    )
    sv = oske.Document.dataset("lapland_unit_2008").validate(lang="sv")
    assert str(sv.warnings[0]).startswith("varning team.area-listings-disagree vid /projects/0/teams/0/other_listings/0: ")
    en = oske.Document.dataset("lapland_unit_2008").validate(lang="en")
    assert str(en.warnings[0]).startswith("warning team.area-listings-disagree at /projects/0/teams/0/other_listings/0: ")


def test_euro_helpers_speak_the_error_language() -> None:
    # cents_to_euros / euros_to_cents are written in Python; their texts come from the
    # core (oske::errors::ArgumentProblem), so they follow set_error_language.
    with pytest.raises(oske.ArgumentError) as info:
        oske.euros_to_cents("0.001")
    assert info.value.messages == {
        "fi": 'euromäärässä "0.001" on sentin murto-osa; määrää ei pyöristetä, vaan se on '
        "annettava sentin tarkkuudella",
        "sv": 'beloppet "0.001" innehåller en bråkdel av en cent; beloppet avrundas inte utan '
        "ska anges med en cents noggrannhet",
        "en": '"0.001" has a fraction of a cent',
    }
    assert str(info.value) == '"0.001" has a fraction of a cent'
    oske.set_error_language("fi")
    with pytest.raises(oske.ArgumentError) as info:
        oske.euros_to_cents("12,50 e")
    assert str(info.value) == 'arvo "12,50 e" ei ole euromäärä'
    assert isinstance(info.value.__cause__, ArithmeticError)
    with pytest.raises(oske.ArgumentError) as info:
        oske.cents_to_euros(1.5)  # type: ignore[arg-type]
    assert str(info.value) == (
        'senttimäärän (argumentti "cents") on oltava kokonaisluku (Pythonin tyyppi "int"), '
        'mutta sen tyyppi on "float"'
    )
    oske.set_error_language("sv")
    with pytest.raises(oske.ArgumentError) as info:
        oske.euros_to_cents("NaN")
    assert str(info.value) == 'värdet "NaN" är inte ett ändligt belopp i euro'
    assert info.value.messages["fi"] == 'arvo "NaN" ei ole äärellinen euromäärä'
    with pytest.raises(oske.ArgumentError) as info:
        oske.euros_to_cents(1.5)  # type: ignore[arg-type]
    assert str(info.value) == (
        'beloppet i euro (argumentet "euros") ska vara ett decimaltal (Pythons typ "Decimal"), '
        'ett heltal ("int") eller text ("str"), men dess typ är "float"; flyttal ("float") '
        "godtas inte, eftersom de inte bevarar cent exakt"
    )
    assert info.value.messages["en"] == "euros must be a Decimal, int or str, not float"
