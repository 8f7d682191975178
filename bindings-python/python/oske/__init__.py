"""oske: model and rulebook for Finland's social welfare competence centres.

The heavy lifting is done by the Rust crate ``oske``; this package is a thin
binding built with pyo3 and maturin. Every rule, check and computation is the
crate's; the package converts types and errors.

Conventions:

* names are snake_case; enum values are their snake_case names (``"workshop"``);
* dates are :class:`datetime.date` (arguments also accept ``"2020-05-07"`` or the
  Finnish ``"7.5.2020"``);
* money is ``int`` cents (``cents_to_euros`` gives a :class:`decimal.Decimal`),
  shares are ``int`` basis points (0.75 % is ``75``);
* model objects are values: they compare equal by content, pickle, and never
  change the document they came from;
* every exception raised by oske derives from :class:`OskeError`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Union

from ._oske import (
    ActionPlan,
    ActivityReport,
    AnnualBudget,
    Approval,
    ArrowTable,
    AreaListing,
    ArgumentError,
    BriefEmptyError,
    BriefLateError,
    BriefTooLongError,
    Budget,
    CancelReasonMissingError,
    Cancellation,
    Centre,
    CentreArea,
    ConceptModel,
    ConceptPrematureError,
    Consultant,
    Consultation,
    ConsultationPolicy,
    ConsultationProgramme,
    ContributionRule,
    CooperationArea,
    County,
    CountyMembership,
    CsvImport,
    DeveloperTeam,
    DevelopmentProject,
    Document,
    Evaluation,
    FormerName,
    Frequency,
    FundingSource,
    Headcount,
    HeldSession,
    IllegalTransitionError,
    Indicator,
    InternalError,
    Issue,
    LoadError,
    Measure,
    MeasuresCheck,
    Meeting,
    MissingDependencyError,
    Municipality,
    Network,
    NoCriterionError,
    NoQuestionError,
    NotNordicError,
    Objective,
    Organisation,
    OskeError,
    Period,
    Phase,
    PlannedDurationError,
    PopulationFigure,
    PopulationPart,
    PopulationTable,
    Priority,
    PriorityArea,
    ProtocolError,
    Region,
    RegionMembership,
    RegionalSection,
    Registry,
    RejectedRow,
    Report,
    Resolution,
    Revision,
    Rule,
    Schedule,
    Session,
    Source,
    SpecialTaskPlan,
    TableReport,
    Text,
    TooManyQuestionsError,
    TrialEvaluation,
    ValidationError,
    Validity,
    WorkArea,
    WriteError,
    datasets,
    format_cents,
    format_date_fi,
    nordic_special_task_amount,
    parse_date,
    set_error_language,
    error_language,
    read_csv_folder,
    read_table,
    read_tables,
    load_table,
    load_tables,
    read_workbook,
    rules,
    table_names,
    validate_measures_csv,
    workbook_bytes,
    write_workbook,
    __version__,
    _money_error,
)

_CENT = Decimal("0.01")


def cents_to_euros(cents: int) -> Decimal:
    """An amount in cents as euros, exactly: ``cents_to_euros(182820400) == Decimal("1828204.00")``.
    Anything but an ``int`` is refused (:class:`ArgumentError`, in the error language)."""
    if isinstance(cents, bool) or not isinstance(cents, int):
        raise _money_error("cents-type", type(cents).__name__)
    return Decimal(cents).scaleb(-2)


def euros_to_cents(euros: Union[Decimal, int, str]) -> int:
    """An amount in euros (``Decimal``, ``int`` or text such as ``"1828204.00"``) as
    int cents. Fractions of a cent are refused (:class:`ArgumentError`), never rounded;
    floats are refused too, since they cannot hold cents exactly. The errors' text
    follows :func:`set_error_language` and ``.messages`` holds it in fi, sv and en."""
    if isinstance(euros, bool) or not isinstance(euros, (Decimal, int, str)):
        raise _money_error("euros-type", type(euros).__name__)
    try:
        amount = Decimal(euros)
    except ArithmeticError as e:  # decimal.InvalidOperation
        raise _money_error("not-euros", str(euros)) from e
    if not amount.is_finite():
        raise _money_error("not-finite", str(euros))
    cents = amount * 100
    if cents != cents.to_integral_value():
        raise _money_error("fraction-of-cent", str(euros))
    return int(cents)


__all__ = [
    "ActionPlan",
    "ActivityReport",
    "AnnualBudget",
    "Approval",
    "ArrowTable",
    "AreaListing",
    "ArgumentError",
    "BriefEmptyError",
    "BriefLateError",
    "BriefTooLongError",
    "Budget",
    "CancelReasonMissingError",
    "Cancellation",
    "Centre",
    "CentreArea",
    "ConceptModel",
    "ConceptPrematureError",
    "Consultant",
    "Consultation",
    "ConsultationPolicy",
    "ConsultationProgramme",
    "ContributionRule",
    "CooperationArea",
    "County",
    "CountyMembership",
    "CsvImport",
    "DeveloperTeam",
    "DevelopmentProject",
    "Document",
    "Evaluation",
    "FormerName",
    "Frequency",
    "FundingSource",
    "Headcount",
    "HeldSession",
    "IllegalTransitionError",
    "Indicator",
    "InternalError",
    "Issue",
    "LoadError",
    "Measure",
    "MeasuresCheck",
    "Meeting",
    "MissingDependencyError",
    "Municipality",
    "Network",
    "NoCriterionError",
    "NoQuestionError",
    "NotNordicError",
    "Objective",
    "Organisation",
    "OskeError",
    "Period",
    "Phase",
    "PlannedDurationError",
    "PopulationFigure",
    "PopulationPart",
    "PopulationTable",
    "Priority",
    "PriorityArea",
    "ProtocolError",
    "Region",
    "RegionMembership",
    "RegionalSection",
    "Registry",
    "RejectedRow",
    "Report",
    "Resolution",
    "Revision",
    "Rule",
    "Schedule",
    "Session",
    "Source",
    "SpecialTaskPlan",
    "TableReport",
    "Text",
    "TooManyQuestionsError",
    "TrialEvaluation",
    "ValidationError",
    "Validity",
    "WorkArea",
    "WriteError",
    "__version__",
    "cents_to_euros",
    "datasets",
    "euros_to_cents",
    "format_cents",
    "format_date_fi",
    "nordic_special_task_amount",
    "parse_date",
    "set_error_language",
    "error_language",
    "read_csv_folder",
    "read_table",
    "read_tables",
    "load_table",
    "load_tables",
    "read_workbook",
    "rules",
    "table_names",
    "validate_measures_csv",
    "workbook_bytes",
    "write_workbook",
]
