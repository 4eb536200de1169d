"""The API's typed answers (pydantic, via Django Ninja): the OpenAPI document is made from them."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Schema
from pydantic import Field

from thrive.summaries.results_common import LogRank
from thrive.summaries.retention_results import CohortSummary, CurvePoint
from thrive.summaries.roster import RosterTeam, RosterWorker


class Problem(Schema):
    """Why a call was refused, in words."""

    detail: str


class Period(Schema):
    start: date
    end: date


class Figure(Schema):
    """One measure at one date, as ``thrive metrics --format json`` writes it.

    ``value`` is None when there is no figure, or when it is withheld from this token's user
    (``suppressed``: a small group they may not see named), with its workings, status and
    year-ago figure.
    """

    name: str
    label: str
    slice: dict[str, str] | None = None
    value: float | None
    unit: str
    target: float | None
    status: str | None = Field(None, description="green, amber or red against the target")
    numerator: float | None
    denominator: float | None
    as_at: date | None = Field(None, description="The date of a figure on a day")
    period: Period | None = Field(None, description="The year a figure over a period covers")
    previous: float | None = Field(None, description="The figure a year earlier")
    change: float | None = None
    suppressed: bool = False
    detail: dict[str, float | None] | None = None


class Measures(Schema):
    authority: str
    la_number: str
    as_at: date
    service: str | None
    by: str | None = Field(None, description="The slicing asked for: each slice's figures follow")
    measures: list[Figure]


class Trend(Schema):
    authority: str
    measure: str
    label: str
    unit: str
    service: str | None
    by: str | None = Field(None, description="The slicing asked for: each slice's points too")
    start: date
    end: date
    points: list[Figure]


class Comparator(Schema):
    la_number: str
    name: str


class ComparatorFigure(Schema):
    la_number: str
    value: float | None


class Compared(Schema):
    measure: str
    label: str
    unit: str
    ours: float | None
    england: float | None
    region: float | None
    comparators: list[ComparatorFigure]


class Comparisons(Schema):
    authority: str
    as_at: date
    year: int | None = Field(None, description="The published year compared; None if none")
    region: str | None
    comparators: list[Comparator]
    figures: list[Compared]


class Workforce(Schema):
    authority: str
    as_at: date
    teams: list[RosterTeam]
    workers: list[RosterWorker]


class Batch(Schema):
    id: int
    kind: str
    file_name: str
    sha256: str
    imported_by: str
    imported_at: datetime
    profile: str
    added: int
    updated: int
    unchanged: int
    rejected: int
    warnings: int
    status: str
    undone_at: datetime | None
    undone_by: str


class Imports(Schema):
    authority: str
    batches: list[Batch]


class QuarantinedRow(Schema):
    location: str
    values: dict[str, object] | list[object] | str | None
    errors: list[object] | dict[str, object] | str | None


class BatchProblems(Schema):
    batch: Batch
    problems: list[QuarantinedRow]


class UploadStarted(Schema):
    """An upload taken: its import runs in a process of its own; ask ``status_url`` how it went."""

    upload_id: str
    file: str
    kind: str
    state: str = Field(description="running, or already imported or refused")
    status_url: str


class RunProblem(Schema):
    """One problem found in an uploaded file, as the Data page and its CSV list it."""

    severity: str
    file: str
    location: str
    field: str
    value: str
    expected: str
    message: str


class ImportRun(Schema):
    """What became of an upload (``state``): ``running``; ``imported`` (its batches, which can
    be undone); ``refused`` (nothing written: its problems, the first 1,000, and all of them as
    CSV at ``problems_csv``); ``stopped`` or ``failed`` (nothing written: ``detail`` says why)."""

    upload_id: str
    file: str
    kind: str
    state: str
    started: datetime | None
    finished: datetime | None = None
    batches: list[Batch] = []
    errors: int = 0
    warnings: int = 0
    problems: list[RunProblem] = []
    problems_csv: str | None = None
    detail: str | None = None


class Retention(Schema):
    """Kaplan-Meier retention by cohort, as the Retention page shows it (``unavailable``: why
    the records cannot give it, in words)."""

    authority: str
    as_at: date
    by: str
    unavailable: str | None = None
    cohorts: list[CohortSummary] = []
    curves: list[CurvePoint] = []
    log_rank: LogRank | None = None


class Band(Schema):
    """A forecast measure at one month end: the median and the 10th and 90th percentiles of the
    runs (None where the measure is not measurable that month)."""

    measure: str
    label: str
    p10: float | None
    p50: float | None
    p90: float | None


class ForecastPoint(Schema):
    month_end: date
    measures: list[Band]


class Forecast(Schema):
    """The Forecast page's scenario run: the same runs and seed as ``thrive forecast``."""

    authority: str
    scenario: str
    description: str
    origin: date | None = None
    runs: int
    horizon: int
    unavailable: str | None = None
    points: list[ForecastPoint] = []


class RiskFactor(Schema):
    """One factor of the leaving-risk model: its hazard ratio with the 95% interval (None where
    it runs off to infinity), and the Retention page's words for it."""

    covariate: str = Field(description="The model's name for it; grade=... and team=... levels")
    group: str = Field(description="factor, grade or team: the page's three tables")
    label: str
    unit: str = Field(description="Per what, or compared with which grade or team")
    hazard_ratio: float
    lower: float | None
    upper: float | None
    p_value: float | None
    ratio: str = Field(description="The ratio as the page writes it")
    interval: str
    reading: str = Field(
        description="The page's words: raises or lowers the risk, or no clear effect"
    )
    clear: bool = Field(description="Clear of chance (p below 0.05)")


class RiskCheck(Schema):
    """The proportional-hazards check: the global test, in words, and the effects that change
    with time in post."""

    holds: bool
    statistic: float | None
    degrees_of_freedom: int
    p_value: float | None
    words: str
    exceptions: list[str]


class OutOfTimeCheck(Schema):
    """The out-of-time test: fitted on the records up to ``cutoff``, asked to rank who left by
    ``end``; ``ranks_people``: whether it is good enough to name people (Who to talk to)."""

    cutoff: date
    end: date
    concordance: float
    concordance_lower: float | None
    concordance_upper: float | None
    people: int
    leavers: int
    expected_leavers: float
    training_episodes: int
    training_leavers: int
    ranks_people: bool
    words: str
    method: str


class LeavingRisk(Schema):
    """The Retention page's leaving-risk model (``unavailable``: why the records cannot give
    it, in words)."""

    authority: str
    as_at: date
    unavailable: str | None = None
    fitted_on: str = ""
    people: int | None = None
    leavers: int | None = None
    episodes: int | None = None
    pooled: dict[str, list[str]] = {}
    factors: list[RiskFactor] = []
    proportional_hazards: RiskCheck | None = None
    out_of_time: OutOfTimeCheck | None = None
    out_of_time_words: str = ""
