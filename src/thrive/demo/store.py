"""Write a simulated demo council into the store, or delete one, in bulk.

Everything goes in in batches of 2,000 (the caller holds one transaction): ``bulk_create`` for
the organisation, people and employment tables, plain ``executemany`` INSERTs for the four
high-volume practice tables. Either way the database's own guards - check constraints, the
no-overlap exclusion constraints (PostgreSQL) or triggers (SQLite) - check every row. Records
name each other by natural keys; the ids the database gives are mapped here and nowhere else.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from functools import partial
from itertools import islice
from typing import Any, TypeVar, cast

from django.contrib.auth import get_user_model
from django.db import connection
from django.db import models as db

from thrive.children.models import Allocation
from thrive.demo.disability import worker_disability
from thrive.demo.records import DemoRecords
from thrive.workforce import models

NAME = "Somervale County Council"
LA_NUMBER = "999"
REGION = "South West"
BATCH_SIZE = 2000

R = TypeVar("R")
M = TypeVar("M", bound=db.Model)


def _money(value: float, places: int = 2) -> Decimal:
    return Decimal(f"{value:.{places}f}")


def _fte(value: float) -> Decimal:
    return Decimal(f"{value:.6f}")


def _batches(rows: Iterable[R], size: int) -> Iterator[list[R]]:
    it = iter(rows)
    while batch := list(islice(it, size)):
        yield batch


def _bulk(model: type[M], rows: Iterable[R], make: Callable[[R], M], size: int) -> list[M]:
    """Create ``model`` rows in batches; return the saved objects (with their ids)."""
    saved: list[M] = []
    for batch in _batches(rows, size):
        saved.extend(
            model._default_manager.bulk_create([make(row) for row in batch], batch_size=size)
        )
    return saved


def _bulk_quiet(model: type[M], rows: Iterable[R], make: Callable[[R], M], size: int) -> None:
    """As :func:`_bulk`, without keeping the objects (for the big tables)."""
    for batch in _batches(rows, size):
        model._default_manager.bulk_create([make(row) for row in batch], batch_size=size)


def write(records: DemoRecords, batch_size: int = BATCH_SIZE) -> models.Authority:
    """Write every record of a demo council; call inside a transaction."""
    authority = models.Authority.objects.create(
        la_number=LA_NUMBER,
        name=NAME,
        region=REGION,
        is_demo=True,
        demo_seed=records.seed,
        demo_scale=records.scale,
    )
    n = batch_size
    services = {
        s.name: s
        for s in _bulk(models.Service, records.services,
                       lambda r: models.Service(authority=authority, name=r.name), n)
    }  # fmt: skip
    teams = {
        t.name: t
        for t in _bulk(models.Team, records.teams, lambda r: models.Team(
            service=services[r.service], name=r.name, kind=r.kind, opened=r.opened,
            closed=r.closed), n)
    }  # fmt: skip
    posts = {
        p.reference: p.pk
        for p in _bulk(models.EstablishmentPost, records.posts, lambda r: models.EstablishmentPost(
            team=teams[r.team], reference=r.reference, grade=r.grade,
            funded_fte=_fte(r.funded_fte), start_date=r.start, end_date=r.end), n)
    }  # fmt: skip
    workers = {
        w.pseudonym: w.pk
        for w in _bulk(models.Worker, records.workers, lambda r: models.Worker(
            authority=authority, pseudonym=r.pseudonym, name=r.name, swe_number=r.swe_number,
            birth_date=r.birth_date, sex=r.sex, ethnicity=r.ethnicity,
            qualification_level=r.qualification_level, qualified_on=r.qualified_on,
            route=r.route, disability=worker_disability(records.seed, r.pseudonym)), n)
    }  # fmt: skip
    _write_employment(records, teams, posts, workers, n)
    _write_practice(records, workers, n)
    return authority


def _write_employment(records: DemoRecords, teams: dict[str, models.Team], posts: dict[str, int],
                      workers: dict[str, int], n: int) -> None:  # fmt: skip
    _bulk_quiet(models.EmploymentSpell, records.spells, lambda r: models.EmploymentSpell(
        worker_id=workers[r.pseudonym], team=teams[r.team], post_id=posts[r.post],
        contract_type=r.contract_type, grade=r.grade, org_role=r.org_role, fte=_fte(r.fte),
        start_date=r.start, end_date=r.end, start_origin=r.start_origin,
        reason_leave=r.reason_leave, leaver_destination=r.leaver_destination,
        day_rate=None if r.day_rate is None else Decimal(r.day_rate)), n)  # fmt: skip
    _bulk_quiet(models.LineManagement, records.line_management, lambda r: models.LineManagement(
        manager_id=workers[r.manager], report_id=workers[r.report], start_date=r.start,
        end_date=r.end), n)  # fmt: skip
    _bulk_quiet(models.TeamManagerAssignment, records.team_managers,
                lambda r: models.TeamManagerAssignment(
                    team=teams[r.team], manager_id=workers[r.manager], start_date=r.start,
                    end_date=r.end), n)  # fmt: skip


def _insert(model: type[db.Model], columns: tuple[str, ...], rows: Iterable[tuple[Any, ...]],
            size: int) -> None:  # fmt: skip
    """Insert plain rows with ``executemany``, ``size`` at a time, through the model's columns.

    For the high-volume practice tables (a scale-20 demo writes millions of caseload and
    supervision rows), building a model instance per row costs more than the database does.
    The rows still go through the same INSERT, constraints and triggers as ``bulk_create``'s.
    """
    ops = connection.ops
    fields = [cast("db.Field[Any, Any]", model._meta.get_field(name)) for name in columns]
    adapters: list[Callable[[Any], Any]] = []
    for f in fields:
        if isinstance(f, db.DecimalField):
            adapters.append(partial(ops.adapt_decimalfield_value, max_digits=f.max_digits,
                                    decimal_places=f.decimal_places))  # fmt: skip
        elif isinstance(f, db.DateField):
            adapters.append(ops.adapt_datefield_value)
        else:
            adapters.append(lambda value: value)
    names = ", ".join(ops.quote_name(f.column or f.name) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {ops.quote_name(model._meta.db_table)} ({names}) VALUES ({marks})"
    with connection.cursor() as cursor:
        for batch in _batches(rows, size):
            cursor.executemany(
                sql,
                [tuple(adapt(v) for adapt, v in zip(adapters, row, strict=True)) for row in batch],
            )


def _write_practice(records: DemoRecords, workers: dict[str, int], n: int) -> None:
    _insert(models.CaseloadSnapshot, ("worker", "date", "cases", "children", "weighted_points"),
            ((workers[r.pseudonym], r.date, r.cases, r.children, _money(r.weighted_points))
             for r in records.caseloads), n)  # fmt: skip
    _insert(models.Supervision, ("worker", "date", "kind", "supervisor"),
            ((workers[r.pseudonym], r.date, r.kind, workers[r.supervisor])
             for r in records.supervisions), n)  # fmt: skip
    _insert(models.Appraisal, ("worker", "cycle", "due_date", "completed_date"),
            ((workers[r.pseudonym], r.cycle, r.due_date, r.completed_date)
             for r in records.appraisals), n)  # fmt: skip
    _insert(models.AbsenceEpisode,
            ("worker", "start_date", "end_date", "reason", "working_days_lost"),
            ((workers[r.pseudonym], r.start, r.end, r.reason, _money(r.working_days_lost))
             for r in records.absences), n)  # fmt: skip
    _bulk_quiet(models.AsyeProgramme, records.asye, lambda r: models.AsyeProgramme(
        worker_id=workers[r.pseudonym], cohort=r.cohort, start_date=r.start,
        review_3_months=r.review_3_months, review_6_months=r.review_6_months,
        review_12_months=r.review_12_months, outcome=r.outcome, outcome_date=r.outcome_date,
        extended_to=r.extended_to), n)  # fmt: skip
    _bulk_quiet(models.SchemeMembership, records.schemes, lambda r: models.SchemeMembership(
        worker_id=workers[r.pseudonym], scheme=r.scheme, start_date=r.start, end_date=r.end),
        n)  # fmt: skip


def delete(authority: models.Authority) -> None:
    """Delete a demo authority, its users and every record of it; call inside a transaction.

    Table by table from the leaves up, so each delete is one statement rather than Django
    collecting millions of objects to cascade.
    """
    get_user_model().objects.filter(access__authority=authority).delete()
    Allocation.objects.filter(authority=authority).delete()  # before the teams it protects
    by_worker: list[type[Any]] = [
        models.Supervision, models.CaseloadSnapshot, models.Appraisal, models.AbsenceEpisode,
        models.AsyeProgramme, models.SchemeMembership, models.LineManagement,
        models.EmploymentSpell,
    ]  # fmt: skip
    for model in by_worker:
        field = "report" if model is models.LineManagement else "worker"
        model.objects.filter(**{f"{field}__authority": authority}).delete()
    models.TeamManagerAssignment.objects.filter(team__service__authority=authority).delete()
    models.EstablishmentPost.objects.filter(team__service__authority=authority).delete()
    models.UserAccess.objects.filter(authority=authority).delete()
    models.Worker.objects.filter(authority=authority).delete()
    models.Team.objects.filter(service__authority=authority).delete()
    models.Service.objects.filter(authority=authority).delete()
    authority.delete()
