"""The retention and recruitment results (:mod:`thrive.summaries.results`) as pages call them:
kept per store version.

Fitting the leaving-risk model takes seconds (the risk page fits it four times), and the
retention curves, themes and survey tables most of a second each, while the records change only
when someone imports, undoes or edits. So each result is kept in Django's cache under the
store's fingerprint (:func:`thrive.frames.cache.remembered`) and worked out again only when that
moves. An analysis that cannot run on the records (too few leavers to fit a model, no comments
to find themes in) is kept too, as :class:`Unavailable` with the reason in words, so a small
council does not refit on every request.

Stay conversations do not move the fingerprint: pages read them from the database on each
request (:func:`latest_conversations`), so a conversation shows as soon as it is recorded.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Protocol, TypeVar

from thrive.codes.lifecycle import ConversationOutcome
from thrive.forecast import CapacityForecast, ForecastError
from thrive.forecast.published import PublishedForecastError
from thrive.frames.workforce import WorkforceFrames
from thrive.lifecycle.models import StayConversation
from thrive.metrics import Targets
from thrive.retention.errors import RetentionError
from thrive.summaries import forecast, next_year, next_year_own, results
from thrive.summaries.forecast import ForecastResults, Levers
from thrive.summaries.results_common import Loaded

T = TypeVar("T")


class RecordSource(Protocol):
    """Where the results come from and are kept: a :class:`thrive.centre.centre.Centre`."""

    @property
    def authority_id(self) -> int: ...

    @property
    def version(self) -> str: ...

    @property
    def frames(self) -> WorkforceFrames: ...

    def records(self) -> Loaded: ...

    def targets(self, file: Path | None = None) -> Targets: ...

    def remembered(
        self,
        key: str,
        build: Callable[[], T],
        *,
        timeout: int = 3600,
        for_authority: bool = False,
    ) -> T: ...


@dataclass(frozen=True)
class Unavailable:
    """An analysis that could not run on these records, and why (in words)."""

    reason: str


Result = results.Result | Unavailable
"""What a page gets: a result (:data:`thrive.summaries.results.Result`), or why there is none."""


def _kept(centre: RecordSource, key: str, build: Callable[[], T]) -> T | Unavailable:
    def attempt() -> T | Unavailable:
        try:
            return build()
        except RetentionError as problem:
            return Unavailable(str(problem))

    # The same for every viewer (pages filter what they show), so kept once for the authority.
    return centre.remembered(f"lifecycle:{key}", attempt, for_authority=True)


def retention_curves(
    centre: RecordSource, by: str, as_at: date, *, named: bool
) -> results.CurvesResult | Unavailable:
    """Kaplan-Meier retention by cohort (small cohorts withheld unless ``named``)."""
    return _kept(
        centre,
        # ":cut": results kept by an earlier Thrive (no curve cut where few are at risk, no
        # ``cut``) are not read back after an upgrade
        f"curves:{centre.authority_id}:{by}:{as_at}:{named}:cut",
        lambda: results.retention_curves(centre.records(), by=by, as_at=as_at, named=named),
    )


def leaving_risk(centre: RecordSource, as_at: date) -> results.RiskResult | Unavailable:
    """The Cox model's hazard ratios, proportional-hazards check and out-of-time test."""
    return _kept(
        centre,
        f"risk:{centre.authority_id}:{as_at}",
        lambda: results.leaving_risk(
            centre.records(), as_at=as_at, fit=_risk_fit(centre, as_at, "risk")
        ),
    )


def people_at_risk(centre: RecordSource, as_at: date) -> results.AtRiskResult | Unavailable:
    """Everyone in post ranked by their chance of leaving (filtered by the page, never here).

    The whole list is kept, not one viewer's part of it: each page takes only the rows its
    viewer may see (:func:`thrive.retention.at_risk.visible_to`).
    """
    return _kept(
        centre,
        f"at-risk:{centre.authority_id}:{as_at}",
        lambda: results.people_at_risk(
            centre.records(), visible=None, as_at=as_at, top=None,
            fit=_risk_fit(centre, as_at, "at-risk"),
        ),
    )  # fmt: skip


# The leaving-risk result and Who to talk to start from the same episodes and fitted model
# (hundreds of thousands of person-months for a consortium): the first to need them builds
# them, and the other, asking at the same time or soon after, waits and takes the same fit.
# The fit is held in this process only until both have taken it, or RISK_FIT_SECONDS pass. It
# is known by the store version and by the frames it was built from (held with it, so no other
# frames can take their place in memory): with caching off, every version is "uncached".
RISK_FIT_SECONDS = 300.0
RISK_FIT_USERS = frozenset({"risk", "at-risk"})
_FitKey = tuple[str, int, date, int]
_fit_lock = threading.Lock()
_fit_building: dict[_FitKey, threading.Lock] = {}
_fit_held: dict[_FitKey, tuple[results.RiskFit, set[str], Loaded]] = {}


def _risk_fit(centre: RecordSource, as_at: date, user: str) -> results.RiskFit:
    records = centre.records()
    key = (centre.version, centre.authority_id, as_at, id(records.frames))
    with _fit_lock:
        building = _fit_building.setdefault(key, threading.Lock())
    with building:
        with _fit_lock:
            held = _fit_held.get(key)
        if held is None:
            held = (results.fit_risk(records, as_at), set(), records)
            with _fit_lock:
                for older in [k for k in _fit_held if k[1] == key[1] and k != key]:
                    del _fit_held[older]  # the authority's older fits are of no use now
                _fit_held[key] = held
            timer = threading.Timer(RISK_FIT_SECONDS, _let_go, args=(key,))
            timer.daemon = True
            timer.start()
    with _fit_lock:
        held[1].add(user)
        if held[1] >= RISK_FIT_USERS:
            _fit_held.pop(key, None)
        _fit_building.pop(key, None)
    return held[0]


def _let_go(key: _FitKey) -> None:
    with _fit_lock:
        _fit_held.pop(key, None)


def recruitment_summary(
    centre: RecordSource, as_at: date
) -> results.RecruitmentResult | Unavailable:
    return _kept(
        centre,
        f"recruitment:{centre.authority_id}:{as_at}",
        lambda: results.recruitment_summary(centre.records(), by="source", as_at=as_at),
    )


def exits_by_year(
    centre: RecordSource, as_at: date, *, named: bool
) -> results.ExitsResult | Unavailable:
    return _kept(
        centre,
        f"exits:{centre.authority_id}:{as_at}:{named}",
        lambda: results.exits_summary(centre.records(), end=as_at, by="year", named=named),
    )


def text_themes(centre: RecordSource, source: str) -> results.ThemesResult | Unavailable:
    return _kept(
        centre,
        # kept under a new key since themes are named by a phrase: one kept before, named by
        # its top words, is not read back after an upgrade
        f"theme-phrases:{centre.authority_id}:{source}",
        lambda: results.text_themes(centre.records(), source=source),
    )


def survey_summary(centre: RecordSource, by: str | None) -> results.SurveyResult | Unavailable:
    return _kept(
        centre,
        f"survey:{centre.authority_id}:{by}",
        lambda: results.survey_summary(centre.records(), by=by),
    )


def registration_summary(
    centre: RecordSource, as_at: date, team: str
) -> results.RegistrationResult | Unavailable:
    """Registration counts and one team's reminders (every worker: the page filters them)."""
    return _kept(
        centre,
        f"registration:{centre.authority_id}:{as_at}:{team}",
        lambda: results.registration_summary(centre.records(), as_at=as_at, team=team),
    )


def careers(centre: RecordSource, as_at: date) -> results.CareersResult | Unavailable:
    """ASYE cohorts, progressions and schemes (named lists for everyone: the page hides them)."""
    return _kept(
        centre,
        f"careers:{centre.authority_id}:{as_at}",
        lambda: results.careers_summary(centre.records(), as_at),
    )


def forecast_model(centre: RecordSource) -> CapacityForecast | Unavailable:
    """The capacity forecast fitted to the authority's records (or why it cannot be)."""

    def fitted() -> CapacityForecast | Unavailable:
        try:
            return CapacityForecast().fit(centre.records().frames)
        except ForecastError as problem:
            return Unavailable(str(problem))

    return centre.remembered(f"forecast-model:{centre.authority_id}", fitted, for_authority=True)


def forecast_results(centre: RecordSource, levers: Levers) -> ForecastResults | Unavailable:
    """The Forecast page's runs, charts and succession picture for these levers: the same for
    every viewer, so worked out once for the authority (each page only lays them out)."""

    def run() -> ForecastResults | Unavailable:
        model = forecast_model(centre)
        if isinstance(model, Unavailable):
            return model
        try:
            return forecast.forecast_results(model, centre.records().frames, levers)
        except ForecastError as problem:
            return Unavailable(str(problem))

    return centre.remembered(f"forecast-results:{levers.key}", run, for_authority=True)


def _published(centre: RecordSource, key: str, build: Callable[[], T]) -> T | Unavailable:
    def attempt() -> T | Unavailable:
        try:
            return build()
        except PublishedForecastError as problem:
            return Unavailable(str(problem))

    return centre.remembered(key, attempt, for_authority=True)


def published_forecast(centre: RecordSource) -> next_year.Forecasts | Unavailable:
    """Next year from the published statistics in the store (every area: the same for all)."""
    return _published(
        centre,
        "published-forecast",
        lambda: next_year.forecasts(next_year.published_records()),
    )


def published_backtest(centre: RecordSource) -> next_year.Held | Unavailable:
    """How often the published forecast's ranges held in its backtest."""
    return _published(
        centre,
        "published-backtest",
        lambda: next_year.held_in_backtest(next_year.published_records()),
    )


def own_fte_forecast(centre: RecordSource, year: int) -> next_year_own.OwnForecast | Unavailable:
    """FTE in post at 30 September ``year`` (or the next one the records do not reach) from
    the kept capacity forecast."""
    model = forecast_model(centre)
    if isinstance(model, Unavailable):
        return model

    def run() -> next_year_own.OwnForecast | Unavailable:
        try:
            return next_year_own.own_forecast(model, year)
        except ForecastError as problem:
            return Unavailable(str(problem))

    return centre.remembered(f"own-fte:{year}", run, for_authority=True)


@dataclass(frozen=True)
class LastConversation:
    """A worker's latest stay conversation, as a list shows it."""

    on: date
    outcome: str


def latest_conversations(worker_ids: Collection[int]) -> dict[int, LastConversation]:
    """Each worker's latest stay conversation, read now (not from the kept results)."""
    rows = (
        StayConversation.objects.filter(worker_id__in=list(worker_ids))
        .order_by("worker_id", "-date", "-pk")
        .values_list("worker_id", "date", "outcome")
    )
    found: dict[int, LastConversation] = {}
    for worker_id, on, outcome in rows:
        found.setdefault(worker_id, LastConversation(on, _outcome(outcome)))
    return found


def _outcome(code: str) -> str:
    try:
        return str(ConversationOutcome(code).label)
    except ValueError:
        return code or ""
