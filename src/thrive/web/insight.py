"""The issue-7 view models (``thrive.insight.pages``) as pages call them: kept per store version.

Fitting the leaving-risk model takes seconds (the risk page fits it four times), and the
retention curves, themes and survey tables most of a second each, while the records change only
when someone imports, undoes or edits. So each result is kept in Django's cache under the
store's fingerprint (:func:`thrive.web.store.remembered`) and worked out again only when that
moves. An analysis that cannot run on the records (too few leavers to fit a model, no comments
to find themes in) is kept too, as :class:`Unavailable` with the reason in words, so a small
council does not refit on every request.

Stay conversations do not move the fingerprint: pages read them from the database on each
request (:func:`latest_conversations`), so a conversation shows as soon as it is recorded.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date
from typing import Any

from thrive.insight import pages
from thrive.insight.choices import ConversationOutcome
from thrive.insight.models import StayConversation
from thrive.retention.errors import RetentionError
from thrive.web import store
from thrive.workforce.models import Authority


@dataclass(frozen=True)
class Unavailable:
    """An analysis that could not run on these records, and why (in words)."""

    reason: str


Result = dict[str, Any] | Unavailable


def _kept(key: str, version: str, build: Callable[[], dict[str, Any]]) -> Result:
    def attempt() -> Result:
        try:
            return build()
        except RetentionError as problem:
            return Unavailable(str(problem))

    return store.remembered(f"insight:{key}", attempt, version=version)


def retention_curves(
    authority_id: int, version: str, by: str, as_at: date, *, named: bool
) -> Result:
    """Kaplan-Meier retention by cohort (small cohorts withheld unless ``named``)."""
    return _kept(
        f"curves:{authority_id}:{by}:{as_at}:{named}",
        version,
        lambda: pages.retention_curves(_authority(authority_id), by=by, as_at=as_at, named=named),
    )


def leaving_risk(authority_id: int, version: str, as_at: date) -> Result:
    """The Cox model's hazard ratios, proportional-hazards check and out-of-time test."""
    return _kept(
        f"risk:{authority_id}:{as_at}",
        version,
        lambda: pages.leaving_risk(_authority(authority_id), as_at=as_at),
    )


def people_at_risk(authority_id: int, version: str, as_at: date) -> Result:
    """Everyone in post ranked by their chance of leaving (filtered by the page, never here).

    The whole list is kept, not one viewer's part of it: each page takes only the rows its
    viewer may see (:func:`thrive.retention.at_risk.visible_to`).
    """
    return _kept(
        f"at-risk:{authority_id}:{as_at}",
        version,
        lambda: pages.people_at_risk(_authority(authority_id), visible=None, as_at=as_at, top=None),
    )


def recruitment_summary(authority_id: int, version: str, as_at: date) -> Result:
    return _kept(
        f"recruitment:{authority_id}:{as_at}",
        version,
        lambda: pages.recruitment_summary(_authority(authority_id), by="source", as_at=as_at),
    )


def exits_by_year(authority_id: int, version: str, as_at: date, *, named: bool) -> Result:
    return _kept(
        f"exits:{authority_id}:{as_at}:{named}",
        version,
        lambda: pages.exits_summary(_authority(authority_id), end=as_at, by="year", named=named),
    )


def text_themes(authority_id: int, version: str, source: str) -> Result:
    return _kept(
        f"themes:{authority_id}:{source}",
        version,
        lambda: pages.text_themes(_authority(authority_id), source=source),
    )


def survey_summary(authority_id: int, version: str, by: str | None) -> Result:
    return _kept(
        f"survey:{authority_id}:{by}",
        version,
        lambda: pages.survey_summary(_authority(authority_id), by=by),
    )


def registration_summary(authority_id: int, version: str, as_at: date, team: str) -> Result:
    """Registration counts and one team's reminders (every worker: the page filters them)."""
    return _kept(
        f"registration:{authority_id}:{as_at}:{team}",
        version,
        lambda: pages.registration_summary(_authority(authority_id), as_at=as_at, team=team),
    )


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


def _authority(authority_id: int) -> Authority:
    return Authority.objects.get(pk=authority_id)
