#!/usr/bin/env python3
"""Makes the spreadsheet fixtures in core/tests/fixtures/spreadsheets/ with real
spreadsheet programs, so that the tests read what they really write.

Needs (only to regenerate; the tests read the committed files):
  - LibreOffice Calc, headless (Debian: apt-get install --no-install-recommends libreoffice-calc)
  - the fi_FI.UTF-8 locale (locale-gen), so that Calc works as a Finnish user's does
  - Python with openpyxl (pip install openpyxl)
  - cargo (builds the oske command)

Run from the repository root:  python3 scripts/make-fixtures.py

For two embedded datasets (sonet_botnia_plan_2020, lapland_unit_2008) it writes:
  libreoffice-csv/<dataset>/*.csv   the project's own Excel-Finnish CSV export
                                    (oske convert --dialect excel-fi), each file opened
                                    in Calc (Finnish locale, ';', UTF-8) and saved again
                                    as CSV (';', UTF-8) by Calc
  libreoffice-csv-as-shown/action_plans.csv   the same with Calc's default "save cell
                                    contents as shown": dates with two-digit years (01.01.20)
  libreoffice-<dataset>.xlsx        the project's own workbook (oske convert doc.json
  libreoffice-<dataset>.ods         book.xlsx) opened in Calc and saved as .xlsx and .ods
  openpyxl-<dataset>.xlsx           the project's own workbook read by openpyxl and
                                    written anew by openpyxl, cell by cell with its
                                    types (dates, numbers, text), sheets in Finnish
and openpyxl-errors.xlsx, a networks sheet whose B3 holds the error #DIV/0!, and
openpyxl-empty.xlsx, one empty sheet.
"""

import datetime
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

import openpyxl

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "core" / "tests" / "fixtures" / "spreadsheets"
DATASETS = ["sonet_botnia_plan_2020", "lapland_unit_2008"]
# Finnish sheet names for the openpyxl workbooks (the tables' Finnish aliases).
FINNISH = {
    "document": "asiakirja", "action_plans": "toimintasuunnitelmat", "plan_values": "arvot",
    "population_parts": "väestö", "sections": "alueosiot", "priorities": "painopisteet",
    "measures": "toimenpiteet", "special_tasks": "erityistehtävät",
    "special_task_content": "erityistehtävän_sisältö", "approvals": "hyväksynnät",
    "revisions": "päivitykset", "projects": "hankkeet", "phases": "vaiheet",
    "organisations": "organisaatiot", "objectives": "tavoitteet", "teams": "tiimit",
    "team_listings": "aluelistaukset", "funding_sources": "rahoituslähteet",
    "contributions": "maksuosuudet", "networks": "verkostot", "meetings": "kokoukset",
    "evaluations": "arvioinnit", "indicators": "indikaattorit",
    "consultation_programmes": "konsultaatio_ohjelmat", "consultations": "konsultaatiot",
    "activity_reports": "toimintakertomukset", "priority_areas": "painopistealueet",
    "report_activities": "muut_toiminnot",
}


def run(cmd, **kw):
    print("+", " ".join(str(c) for c in cmd), file=sys.stderr)
    subprocess.run(cmd, check=True, **kw)


def soffice(args, tmp):
    env = dict(os.environ, LC_ALL="fi_FI.UTF-8", LANG="fi_FI.UTF-8", LANGUAGE="fi")
    profile = pathlib.Path(tmp) / "lo-profile"
    run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", *args], env=env)


def main():
    oske = ROOT / "target" / "debug" / "oske"
    run(["cargo", "build", "-q", "-p", "oske-cli"], cwd=ROOT)
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
    with tempfile.TemporaryDirectory() as tmp:
        t = pathlib.Path(tmp)
        for ds in DATASETS:
            doc = t / f"{ds}.json"
            doc.write_bytes(subprocess.run([oske, "dataset", ds], check=True, capture_output=True).stdout)
            export = t / f"{ds}-excel-fi"
            run([oske, "convert", doc, export, "--dialect", "excel-fi"])
            book = t / f"{ds}.xlsx"
            run([oske, "convert", doc, book])

            # Calc opens each CSV as a Finnish user does (';', UTF-8, Finnish locale for
            # numbers and dates) and saves it again as CSV: ';' (59), '"' (34), UTF-8 (76).
            csv_out = OUT / "libreoffice-csv" / ds
            csv_out.mkdir(parents=True)
            # Token 9 false: "save cell contents as shown" off, so that dates keep
            # their four-digit year (Calc shows Finnish dates as 01.01.20).
            for f in sorted(export.glob("*.csv")):
                soffice(["--infilter=CSV:59,34,76,1,,1035", "--convert-to",
                         "csv:Text - txt - csv (StarCalc):59,34,76,1,,1035,false,false,false",
                         "--outdir", csv_out, f], tmp)
            if ds == "sonet_botnia_plan_2020":
                # Calc's default ("as shown"): two-digit years, which oske refuses to guess.
                shown = OUT / "libreoffice-csv-as-shown"
                shown.mkdir()
                soffice(["--infilter=CSV:59,34,76,1,,1035", "--convert-to",
                         "csv:Text - txt - csv (StarCalc):59,34,76,1", "--outdir", shown,
                         export / "action_plans.csv"], tmp)
            # Calc opens the project's workbook and saves it as .xlsx and as .ods.
            lo = t / "lo"
            lo.mkdir(exist_ok=True)
            soffice(["--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", lo, book], tmp)
            shutil.copy(lo / f"{ds}.xlsx", OUT / f"libreoffice-{ds}.xlsx")
            soffice(["--convert-to", "ods", "--outdir", lo, book], tmp)
            shutil.copy(lo / f"{ds}.ods", OUT / f"libreoffice-{ds}.ods")

            # openpyxl reads the project's workbook and writes a new one, cell by cell.
            src = openpyxl.load_workbook(book)
            dst = openpyxl.Workbook()
            dst.remove(dst.active)
            for ws in src.worksheets:
                out = dst.create_sheet(FINNISH.get(ws.title, ws.title))
                for row in ws.iter_rows():
                    for c in row:
                        if c.value is None:
                            continue
                        v = c.value
                        if isinstance(v, datetime.datetime) and v.time() == datetime.time(0):
                            v = v.date()
                        cell = out.cell(row=c.row, column=c.column, value=v)
                        if isinstance(v, datetime.date):
                            cell.number_format = "d.m.yyyy"
                        elif isinstance(v, float) and "€" in (c.number_format or ""):
                            cell.number_format = '#,##0.00\\ "€"'
            dst.save(OUT / f"openpyxl-{ds}.xlsx")

    # A sheet with an Excel error value in B3 (openpyxl writes "#DIV/0!" as an error cell).
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "networks"
    ws.append(["id", "name_fi"])
    ws.append(["n1", "Verkosto"])
    ws.append(["n2", "#DIV/0!"])
    assert ws["B3"].data_type == "e", ws["B3"].data_type
    wb.save(OUT / "openpyxl-errors.xlsx")
    # A workbook with one empty sheet, as a new file in Finnish Excel is.
    wb = openpyxl.Workbook()
    wb.active.title = "Taulukko1"
    wb.save(OUT / "openpyxl-empty.xlsx")
    print(f"fixtures written to {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
