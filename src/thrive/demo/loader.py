"""Load the demo council into the store: simulate, write in one transaction, add the logins.

``load_demo`` is what ``thrive demo`` runs. It is quick when the same demo is already there
("already loaded"), refuses to overwrite a different demo (another seed or scale) unless told
to replace it, and never touches an authority that is not a demo.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.db.models import Min, Q

from thrive.codes.staff import SOCIAL_WORKER
from thrive.demo import store
from thrive.demo.census_answers import add_census_answers
from thrive.demo.children import write_children
from thrive.demo.dates import HISTORY_END, HISTORY_START
from thrive.demo.digest import store_digest
from thrive.demo.lifecycle import add_lifecycle
from thrive.demo.logins import LOGINS, DemoLogin, create_logins, existing_logins
from thrive.demo.other_staff import add_other_staff
from thrive.demo.simulation import DemoConfigurationError, simulate
from thrive.demo.trainees import add_trainees
from thrive.demo.training import add_other_staff_training, add_training
from thrive.import_records.lock import import_lock
from thrive.workforce import models


class DemoLoadError(Exception):
    """The demo cannot be loaded as asked (another demo or a real authority is in the way)."""


@dataclass
class DemoResult:
    """What ``load_demo`` did, for the command to print."""

    status: str
    """``built`` or ``already loaded``."""
    authority: models.Authority
    summary: list[tuple[str, str]]
    logins: list[DemoLogin]
    digest: str | None = None
    timings: dict[str, float] = field(default_factory=dict)


def load_demo(
    seed: int = 1,
    scale: int = 1,
    replace: bool = False,
    say: Callable[[str], None] = lambda _: None,
) -> DemoResult:
    """Make sure the demo council for ``seed`` and ``scale`` is in the store."""
    if scale < 1:
        raise DemoConfigurationError(f"The scale must be at least 1, not {scale}.")
    with import_lock(what=f"the demo council (seed {seed}, scale {scale})"):
        return _load_demo(seed, scale, replace, say)


def _load_demo(seed: int, scale: int, replace: bool, say: Callable[[str], None]) -> DemoResult:
    existing = models.Authority.objects.filter(la_number=store.LA_NUMBER).first()
    if existing is not None:
        if not existing.is_demo:
            raise DemoLoadError(
                f"LA number {store.LA_NUMBER} is taken by {existing.name}, which is not a demo; "
                "the demo will not replace it."
            )
        same = existing.demo_seed == seed and existing.demo_scale == scale
        if same and not replace:
            with transaction.atomic():  # a store built by an older Thrive gets today's answers
                add_census_answers(existing)
            logins = existing_logins(existing)
            if len(logins) < len(LOGINS):  # some were deleted: make them again
                with transaction.atomic():
                    logins = create_logins(existing)
            return DemoResult("already loaded", existing, summarise(existing), logins)
        if not replace:
            raise DemoLoadError(
                f"The demo council loaded is seed {existing.demo_seed}, scale "
                f"{existing.demo_scale}, not seed {seed}, scale {scale}. "
                "Run with --replace to delete it and load this one."
            )
    timings: dict[str, float] = {}
    started = time.perf_counter()
    say(f"Simulating the demo council (seed {seed}, scale {scale})...")
    records = simulate(seed, scale)
    timings["simulate"] = time.perf_counter() - started
    say(f"Writing {sum(records.counts().values()):,} records...")
    started = time.perf_counter()
    with transaction.atomic():
        if existing is not None:
            store.delete(existing)
        authority = store.write(records)
        write_children(authority, records)
        add_lifecycle(authority, seed)
        add_training(authority, seed)
        add_census_answers(authority)
        add_other_staff(authority, seed)  # last, from its own stream: social work unchanged
        add_trainees(authority, seed)  # students and trainees: their own stream, new tables
        add_other_staff_training(authority, seed)  # their courses, from a stream of their own
        logins = create_logins(authority)
    timings["write"] = time.perf_counter() - started
    started = time.perf_counter()
    digest = store_digest(authority)
    timings["digest"] = time.perf_counter() - started
    return DemoResult("built", authority, summarise(authority), logins, digest, timings)


def summarise(authority: models.Authority, on: date = HISTORY_END) -> list[tuple[str, str]]:
    """A few lines about the demo council (counts only, no personal data)."""
    every = models.EmploymentSpell.objects.filter(worker__authority=authority)
    spells = every.filter(staff_group=SOCIAL_WORKER)
    span = spells.aggregate(first=Min("start_date"))
    in_post = Q(start_date__lte=on) & (Q(end_date__isnull=True) | Q(end_date__gte=on))
    current = spells.filter(in_post)
    agency = current.filter(contract_type="agency").values("worker").distinct().count()
    direct = current.exclude(contract_type="agency").values("worker").distinct().count()
    others = every.exclude(staff_group=SOCIAL_WORKER).filter(in_post)
    other_staff = others.values("worker").distinct().count()
    social_workers = spells.values("worker").distinct().count()
    return [
        ("Authority", f"{authority.name} (LA {authority.la_number}, {authority.region})"),
        ("Demo seed and scale", f"seed {authority.demo_seed}, scale {authority.demo_scale}"),
        ("Services / teams", f"{authority.services.count()} / "
                             f"{models.Team.objects.filter(service__authority=authority).count()}"),
        ("Social workers ever", f"{social_workers:,}"),
        (f"In post on {on:%d %b %Y}", f"{direct:,} directly employed + {agency:,} agency"),
        ("Other staff in post", f"{other_staff:,} family support and early help"),
        ("History simulated", f"{HISTORY_START} to {HISTORY_END} (earliest start date "
                              f"{span['first']})"),
    ]  # fmt: skip
