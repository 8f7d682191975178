"""SONet BOTNIA's measures, as a data scientist would look at them.

1. Load the embedded SONet BOTNIA action plan 2020 (updated, towards 2021).
2. Tabulate its measures by common priority and region.
3. Validate a CSV export of the plan — written the way Excel in Finland writes it,
   with two rows broken the way they get broken in the field — and show the
   rejected rows and every issue, with its file, line and column.

Run it (with the package installed, see bindings-python/README.md):

    python examples/python/botnia_measures.py            # messages in English
    python examples/python/botnia_measures.py --lang fi  # in Finnish (or sv)
    python examples/python/botnia_measures.py --out export/  # keep the CSV files

Needs pandas (``pip install "./bindings-python[pandas]"``).
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import pandas as pd

import oske


def measures_by_priority_and_region(doc: oske.Document, registry: oske.Registry) -> pd.DataFrame:
    """A cross table: rows are the plan's common priorities, columns its regions."""
    measures = doc.to_dataframe("measures")
    priorities = doc.to_dataframe("priorities")

    # A regional section numbers its own items (local priorities); some say which
    # common priority they correspond to (maps_to). Count each measure under its
    # common priority, or under "other" when its item has none.
    common = priorities[priorities["region"].isna()]
    labels = {pid: f"{n}. {title}" for pid, n, title in zip(common["id"], common["number"], common["title_en"])}
    local = priorities[priorities["region"].notna()]
    to_common = {pid: maps_to for pid, maps_to in zip(local["id"], local["maps_to"]) if maps_to is not None}

    def common_label(priority: str | None) -> str:
        if priority is None:
            return "(no priority)"
        pid = to_common.get(priority, priority)
        return labels.get(pid, "(a section's own item)")

    def region_name(code: str) -> str:
        region = registry.region(code)
        name = region.name.get("fi") if region is not None else None
        return f"{code} {name}" if name else code

    measures["common priority"] = measures["priority"].map(common_label)
    measures["region"] = measures["region"].map(region_name)
    return pd.crosstab(measures["common priority"], measures["region"], margins=True, margins_name="total")


def break_two_rows(measures_csv: Path) -> None:
    """Breaks two rows of an Excel-Finnish measures.csv as they break in the field: a
    kind written in Finnish words the code list does not know, and 31 February."""
    text = measures_csv.read_bytes().decode("utf-8-sig")
    lines = text.split("\r\n")
    header = lines[0].split(";")
    kind, start = header.index("kind"), header.index("start")
    row = lines[3].split(";")
    row[kind] = "juhlaseminaari"
    lines[3] = ";".join(row)
    row = lines[10].split(";")
    row[start] = "31.2.2020"
    lines[10] = ";".join(row)
    measures_csv.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(lines).encode("utf-8"))


def validate_export(doc: oske.Document, folder: Path, lang: str) -> None:
    written = doc.write_csv_folder(folder, "excel-fi")
    print(f"Wrote {len(written)} tables to {folder} (Excel, Finnish dialect).")
    break_two_rows(folder / "measures.csv")

    imported = oske.read_csv_folder(folder)
    for t in imported.tables:
        if t.rejected:
            print(f"\n{t.file}: {t.rows} rows, {t.loaded} loaded, {len(t.rejected)} rejected")
            rejected = pd.DataFrame([r.to_dict() for r in t.rejected])
            print(rejected.to_string(index=False))
            fix = folder / f"{t.table}.rejected.csv"
            t.write_rejected(fix)
            print(f"The rejected rows, under their header, are in {fix} to fix and read again.")

    report = imported.validate(lang=lang)
    print(f"\nIssues ({report.count('error')} errors, {report.count('warning')} warnings):")
    columns = ["severity", "code", "file", "line", "column", "field", "message"]
    frame = report.to_dataframe()[columns]
    frame["file"] = frame["file"].map(lambda f: Path(f).name if isinstance(f, str) else f)
    print(frame.to_string(index=False))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--lang", default="en", choices=["fi", "sv", "en"], help="message language")
    parser.add_argument("--out", type=Path, help="folder for the CSV export (default: a temporary one)")
    args = parser.parse_args()

    doc = oske.Document.dataset("sonet_botnia_plan_2020")
    registry = oske.Registry.embedded()
    plan = doc.action_plans[0]
    print(f"{plan.title.get(args.lang)} ({plan.period})")
    n = sum(len(s.measures) for s in plan.sections)
    print(f"{n} measures in {len(plan.sections)} regional sections; validation: {doc.validate()!r}\n")

    pd.set_option("display.width", 200)
    pd.set_option("display.max_colwidth", 80)
    print(measures_by_priority_and_region(doc, registry).to_string())

    if args.out is not None:
        validate_export(doc, args.out, args.lang)
    else:
        with tempfile.TemporaryDirectory(prefix="oske-export-") as tmp:
            validate_export(doc, Path(tmp), args.lang)


if __name__ == "__main__":
    main()
