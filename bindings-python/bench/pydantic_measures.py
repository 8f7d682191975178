"""The measures-table rules of oske, written the idiomatic pure-Python way with
pydantic v2: the baseline the benchmark compares `oske.validate_measures_csv` with.

Same rules as the core's streaming reader for `measures.csv` (see docs/tables.md):

- cells: required `plan_id`, `region`, `id`, `kind` (`csv.missing-value`); code
  lists for `kind`, `service_areas`, `frequency_per`, `status` (`csv.bad-value`;
  case, spaces and hyphens do not matter); dates `d.m.yyyy` or ISO (`csv.bad-date`);
  whole numbers (`csv.bad-integer`); `|`-separated lists with `\\|` escapes;
- groups: a scheduled period needs both ends, a frequency its count and unit
  (`csv.missing-value`);
- a row with any of these errors is rejected whole; a row that loads is checked
  for `text.missing` (no title in any language), `period.reversed` and
  `frequency.invalid` (fewer than one time per unit).

It reads the English column names and code-list names only (oske also reads the
Finnish and Swedish aliases), so it does a little less work than oske.
"""

from __future__ import annotations

import csv
import datetime
import enum
import re
from pathlib import Path
from typing import Annotated, Any, Optional

from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationError, model_validator


class MeasureKind(str, enum.Enum):
    network = "network"
    meeting = "meeting"
    workshop = "workshop"
    themed_afternoon = "themed_afternoon"
    survey = "survey"
    statement = "statement"
    steering_group = "steering_group"
    project_preparation = "project_preparation"
    project_support = "project_support"
    evaluation = "evaluation"
    event = "event"
    study_visit = "study_visit"
    consultation = "consultation"
    training = "training"
    publication = "publication"
    other = "other"


class ServiceArea(str, enum.Enum):
    adult_social_work = "adult_social_work"
    families_with_children = "families_with_children"
    child_protection = "child_protection"
    family_law = "family_law"
    disability_services = "disability_services"
    older_people = "older_people"
    substance_abuse_and_mental_health = "substance_abuse_and_mental_health"
    early_childhood_education = "early_childhood_education"
    immigrant_social_work = "immigrant_social_work"
    other = "other"


class FrequencyUnit(str, enum.Enum):
    year = "year"
    half_year = "half_year"
    quarter = "quarter"
    month = "month"


class MeasureStatus(str, enum.Enum):
    planned = "planned"
    ongoing = "ongoing"
    done = "done"
    postponed = "postponed"
    cancelled = "cancelled"


class CellError(ValueError):
    """A cell's problem, carrying the oske code it stands for."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


_FI_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def parse_date(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    s = value.strip()
    if not s:
        return None
    m = _FI_DATE.match(s)
    if m:
        d, mo, y = int(m[1]), int(m[2]), int(m[3])
    else:
        m = _ISO_DATE.match(s)
        if not m:
            raise CellError("csv.bad-date", f"{value!r} is not a date")
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
    try:
        return datetime.date(y, mo, d)
    except ValueError:
        raise CellError("csv.bad-date", f"{value!r} is not a date") from None


def split_list(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    if not value:
        return []
    items, cur, esc = [], [], False
    for ch in value:
        if esc:
            cur.append(ch)
            esc = False
        elif ch == "\\":
            esc = True
        elif ch == "|":
            items.append("".join(cur).strip())
            cur = []
        else:
            cur.append(ch)
    items.append("".join(cur).strip())
    return [i for i in items if i]


def code_of(enum_type: type[enum.Enum]) -> Any:
    names = {e.value for e in enum_type}

    def parse(value: Any) -> Any:
        if value is None or isinstance(value, enum_type):
            return value
        s = str(value).strip().lower().replace(" ", "_").replace("-", "_")
        if not s:
            return None
        if s not in names:
            raise CellError("csv.bad-value", f"{value!r} is not one of: {', '.join(sorted(names))}")
        return enum_type(s)

    return parse


def codes_of(enum_type: type[enum.Enum]) -> Any:
    one = code_of(enum_type)

    def parse(value: Any) -> Any:
        return [one(v) for v in split_list(value)]

    return parse


def optional_text(value: Any) -> Any:
    return value if value != "" else None


def whole_number(value: Any) -> Any:
    if isinstance(value, str):
        s = value.strip()
        if not s:
            return None
        if not s.isdigit():
            raise CellError("csv.bad-integer", f"{value!r} is not a whole number")
        return int(s)
    return value


Text = Annotated[Optional[str], BeforeValidator(optional_text)]
Date = Annotated[Optional[datetime.date], BeforeValidator(parse_date)]


class MeasureRow(BaseModel):
    """One row of measures.csv."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    plan_id: str
    region: str
    id: str
    title_fi: Text = None
    title_sv: Text = None
    title_en: Text = None
    kind: Annotated[MeasureKind, BeforeValidator(code_of(MeasureKind))]
    priority: Text = None
    service_areas: Annotated[list[ServiceArea], BeforeValidator(codes_of(ServiceArea))] = []
    start: Date = None
    end: Date = None
    dates: Annotated[list[datetime.date], BeforeValidator(lambda v: [parse_date(x) for x in split_list(v)])] = []
    schedule_note: Text = None
    frequency_min: Annotated[Optional[int], BeforeValidator(whole_number)] = None
    frequency_per: Annotated[Optional[FrequencyUnit], BeforeValidator(code_of(FrequencyUnit))] = None
    frequency_note: Text = None
    partners: Annotated[list[str], BeforeValidator(split_list)] = []
    status: Annotated[Optional[MeasureStatus], BeforeValidator(code_of(MeasureStatus))] = None
    network: Text = None

    @model_validator(mode="before")
    @classmethod
    def required_cells(cls, data: Any) -> Any:
        missing = [c for c in ("plan_id", "region", "id", "kind") if not str(data.get(c, "")).strip()]
        if missing:
            raise CellError("csv.missing-value", f"column {missing[0]} must have a value")
        return data

    @model_validator(mode="after")
    def groups(self) -> MeasureRow:
        if (self.start is None) != (self.end is None):
            raise CellError("csv.missing-value", "a scheduled period needs both ends")
        has_frequency = (
            self.frequency_min is not None or self.frequency_per is not None or self.frequency_note is not None
        )
        if has_frequency and (self.frequency_min is None or self.frequency_per is None):
            raise CellError("csv.missing-value", "a frequency needs its count and unit")
        return self


def row_issues(m: MeasureRow) -> list[str]:
    """The rules that need only the measure (oske's row-level validation)."""
    out = []
    if not any(t is not None and t.strip() for t in (m.title_fi, m.title_sv, m.title_en)):
        out.append("text.missing")
    if m.start is not None and m.end is not None and m.end < m.start:
        out.append("period.reversed")
    if m.frequency_min == 0:
        out.append("frequency.invalid")
    return out


def codes_from(e: ValidationError) -> list[str]:
    codes = []
    for err in e.errors():
        ctx = err.get("ctx") or {}
        cause = ctx.get("error")
        codes.append(cause.code if isinstance(cause, CellError) else "csv.bad-value")
    return codes


class Result:
    """What validating the table gave: rejected rows and every issue, by line."""

    def __init__(self) -> None:
        self.rows = 0
        # Counted, not kept: oske keeps no loaded row either.
        self.loaded = 0
        self.rejected: list[tuple[int, list[str], str]] = []
        self.issues: list[tuple[int, str]] = []


def validate(path: Path) -> Result:
    result = Result()
    with path.open(newline="", encoding="utf-8-sig") as f:
        reader = csv.reader(f)
        header = next(reader)
        for cells in reader:
            if not any(c.strip() for c in cells):
                continue
            result.rows += 1
            line = reader.line_num
            try:
                row = MeasureRow.model_validate(dict(zip(header, cells)))
            except ValidationError as e:
                codes = codes_from(e)
                result.rejected.append((line, codes, ",".join(cells)))
                result.issues.extend((line, c) for c in codes)
                continue
            result.loaded += 1
            result.issues.extend((line, c) for c in row_issues(row))
    return result
