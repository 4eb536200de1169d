"""A short description of what is loaded: for the front page and `thrive demo`'s report."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Max, Min

from thrive.workforce.models import Authority, EmploymentSpell


@dataclass(frozen=True)
class AuthoritySummary:
    name: str
    la_number: str
    is_demo: bool
    teams: int
    workers: int
    history_from: date | None
    history_to: date | None


def authority_summaries() -> list[AuthoritySummary]:
    """One line per authority in the store, with the span of its history. No personal data."""
    summaries = []
    for authority in Authority.objects.order_by("name"):
        spells = EmploymentSpell.objects.filter(worker__authority=authority)
        span = spells.aggregate(first=Min("start_date"), last=Max("end_date"))
        summaries.append(
            AuthoritySummary(
                name=authority.name,
                la_number=authority.la_number,
                is_demo=authority.is_demo,
                teams=authority.services.values("teams").exclude(teams=None).count(),
                workers=authority.workers.count(),
                history_from=span["first"],
                history_to=span["last"],
            )
        )
    return summaries
