"""Hand-built workforce frames for exact answers: an :class:`Org` adds teams, workers, spells and
the rest one row at a time, then gives a ``WorkforceFrames``; :func:`one` computes one measure."""

from __future__ import annotations

import zlib
from dataclasses import replace
from datetime import date
from itertools import count

from thrive.frames.workforce import WorkforceFrames, empty_frames, frame
from thrive.metrics import Result, compute

AS_AT = date(2018, 9, 30)


class Org:
    """A small authority built by hand, with readable defaults."""

    def __init__(self) -> None:
        self._ids = count(1)
        self.rows: dict[str, list[dict[str, object]]] = {}

    def _add(self, table: str, **row: object) -> int:
        self.rows.setdefault(table, []).append(row)
        return int(row.get("spell_id") or row.get("worker_id") or row.get("team_id") or 0)

    def team(self, name: str = "Child Protection North", service: str = "Safeguarding") -> int:
        team_id = next(self._ids)
        self._add(
            "teams",
            team_id=team_id,
            team=name,
            team_kind="child_protection",
            service_id=zlib.crc32(service.encode()) % 1000,
            service=service,
        )
        return team_id

    def worker(
        self,
        route: str = "experienced",
        sex: str = "F",
        ethnicity: str = "WBRI",
        born: date | None = date(1985, 1, 1),
        disability: str | None = None,
    ) -> int:
        worker_id = next(self._ids)
        self._add(
            "workers",
            worker_id=worker_id,
            pseudonym=f"W{worker_id}",
            sex=sex,
            ethnicity=ethnicity,
            birth_date=born,
            route=route,
            disability=disability,
        )
        return worker_id

    def spell(
        self,
        worker: int,
        team: int,
        start: date,
        end: date | None = None,
        *,
        grade: str = "social_worker",
        contract: str = "permanent",
        fte: float = 1.0,
        origin: int | None = None,
        reason: int | None = None,
        destination: int | None = 1,
        post: int | None = None,
        day_rate: float | None = None,
        org_role: int | None = None,
        staff_group: str = "social_worker",
    ) -> int:
        """A spell; one of another staff group than social workers goes in ``all_spells``
        only, as the store's frames put it."""
        roles = {
            "asye": 5,
            "social_worker": 5,
            "senior_practitioner": 4,
            "consultant_social_worker": 4,
            "team_manager": 3,
            "operations_manager": 2,
            "head_of_service": 1,
        }
        spell_id = next(self._ids)
        row = {
            "spell_id": spell_id,
            "worker_id": worker,
            "team_id": team,
            "post_id": post,
            "contract_type": contract,
            "grade": grade,
            "org_role": org_role or roles[grade],
            "fte": fte,
            "start_date": start,
            "end_date": end,
            "start_origin": origin,
            "reason_leave": reason,
            "leaver_destination": None if reason is None else destination,
            "day_rate": day_rate,
        }
        if staff_group == "social_worker":
            self._add("spells", **row)
        self._add("all_spells", **row, staff_group=staff_group)
        return spell_id

    def post(
        self,
        team: int,
        funded: float = 1.0,
        start: date = date(2010, 1, 1),
        end: date | None = None,
        grade: str = "social_worker",
    ) -> int:
        post_id = next(self._ids)
        self._add(
            "posts",
            post_id=post_id,
            team_id=team,
            reference=f"P{post_id}",
            grade=grade,
            funded_fte=funded,
            start_date=start,
            end_date=end,
        )
        return post_id

    def caseload(self, worker: int, day: date, cases: int) -> None:
        self._add("caseloads", worker_id=worker, date=day, cases=cases, children=cases)

    def supervision(self, worker: int, day: date, kind: str = "individual") -> None:
        self._add("supervisions", worker_id=worker, date=day, kind=kind)

    def appraisal(
        self, worker: int, due: date, completed: date | None, cycle: str = "2017/18"
    ) -> None:
        self._add(
            "appraisals", worker_id=worker, cycle=cycle, due_date=due, completed_date=completed
        )

    def line(self, manager: int, report: int, start: date, end: date | None = None) -> None:
        self._add(
            "line_management", manager_id=manager, report_id=report, start_date=start, end_date=end
        )

    def absence(
        self, worker: int, start: date, end: date, days: float, reason: str = "SIC"
    ) -> None:
        self._add(
            "absences",
            worker_id=worker,
            start_date=start,
            end_date=end,
            reason=reason,
            working_days_lost=days,
        )

    def asye(
        self, worker: int, start: date, outcome: str | None = None, outcome_date: date | None = None
    ) -> None:
        self._add(
            "asye",
            worker_id=worker,
            cohort=str(start.year),
            start_date=start,
            outcome=outcome,
            outcome_date=outcome_date,
        )

    def scheme(
        self, worker: int, start: date, end: date | None = None, scheme: str = "aspirant_manager"
    ) -> None:
        self._add("schemes", worker_id=worker, scheme=scheme, start_date=start, end_date=end)

    def allocation(
        self,
        child: str,
        worker: int | None,
        team: int,
        start: date,
        end: date | None = None,
        *,
        case_type: str = "cin",
        reason: str | None = None,
        complexity: float | None = None,
    ) -> None:
        """A spell of a child's case: with ``worker``, or waiting (``worker`` None)."""
        self._add(
            "allocations",
            child=child,
            worker_id=worker,
            team_id=team,
            case_type=case_type,
            start_date=start,
            end_date=end,
            end_reason=reason,
            complexity=complexity,
        )

    def frames(self) -> WorkforceFrames:
        built = {kind: frame(kind, rows) for kind, rows in self.rows.items()}
        return replace(empty_frames(), **built)


def results(
    org: Org | WorkforceFrames,
    name: str,
    as_at: date = AS_AT,
    by: str | None = None,
    **kwargs: object,
) -> list[Result]:
    frames = org.frames() if isinstance(org, Org) else org
    return compute(frames, as_at, names=[name], by=by, **kwargs)  # type: ignore[arg-type]


def one(org: Org | WorkforceFrames, name: str, as_at: date = AS_AT, **kwargs: object) -> Result:
    """The whole-authority result of one measure."""
    whole = [r for r in results(org, name, as_at, **kwargs) if r.slice is None]
    assert len(whole) == 1, whole
    return whole[0]


def sliced(
    org: Org, name: str, by: str, as_at: date = AS_AT, **kwargs: object
) -> dict[str, Result]:
    """Each slice's result of one measure, by slice value."""
    return {
        r.slice[by]: r
        for r in results(org, name, as_at, by=by, **kwargs)
        if r.slice is not None and by in r.slice
    }
