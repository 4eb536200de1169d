"""Children's allocations for the small council (tests/small_council.py), for the Children page
and the board pack's children's section.

Safeguarding (CPN) holds 23 children open all year: 10 with no change of social worker, 6 with
one (their worker left), 5 with two (rebalancing, then a change of stage) and 2 with three or
more (a small band); 2 more children wait unallocated in CPN. Children in Care (CIC) holds 3
children looked after, each with one change: a service of fewer than 5 children.
"""

from __future__ import annotations

from datetime import date

from small_council import Council
from thrive.children.models import Allocation
from thrive.workforce.models import Worker

BEFORE = date(2023, 1, 1)  # every counted child's case was open from here
WHOLE = {"0": 10, "1": 9, "2": 5, "3+": 2}  # the council's children counted, by band
COUNTED = sum(WHOLE.values())
WAITING = 2
CIC_CHILDREN = 3


def add_children(council: Council, cic_children: int = CIC_CHILDREN) -> None:
    """``cic_children``: how many children CIC holds (1 to 4: a small group)."""
    cpn = [Worker.objects.get(name=n) for n in council.names["CPN"][1:]]
    cic = [Worker.objects.get(name=n) for n in council.names["CIC"][1:]]
    team, cic_team = council.teams["CPN"], council.teams["CIC"]
    rows: list[Allocation] = []

    def spells(child: str, steps: list[tuple[Worker | None, date, str]], where=team, kind="cp"):  # type: ignore[no-untyped-def]
        for i, (worker, start, reason) in enumerate(steps):
            end = steps[i + 1][1].toordinal() - 1 if i + 1 < len(steps) else None
            rows.append(
                Allocation(
                    authority=council.authority,
                    child=child,
                    worker=worker,
                    team=where,
                    case_type=kind,
                    start_date=start,
                    end_date=date.fromordinal(end) if end else None,
                    end_reason=reason if end else "",
                )
            )

    for i in range(10):
        spells(f"K0-{i}", [(cpn[i % 6], BEFORE, "")])
    for i in range(6):
        spells(f"K1-{i}", [(cpn[0], BEFORE, "worker_left"), (cpn[1], date(2025, 2, 1), "")])
    for i in range(5):
        spells(
            f"K2-{i}",
            [
                (cpn[2], BEFORE, "rebalancing"),
                (cpn[3], date(2025, 1, 1), "stage_transfer"),
                (cpn[4], date(2025, 5, 1), ""),
            ],
        )
    for i in range(2):
        spells(
            f"K3-{i}",
            [
                (cpn[0], BEFORE, "worker_left"),
                (cpn[1], date(2024, 11, 1), "rebalancing"),
                (cpn[2], date(2025, 1, 1), "rebalancing"),
                (cpn[3], date(2025, 3, 1), ""),
            ],
        )
    for i in range(WAITING):
        spells(f"KW-{i}", [(None, date(2025, 9, 21), "")])
    for i in range(cic_children):
        spells(
            f"KC-{i}",
            [(cic[0], BEFORE, "worker_left"), (cic[1], date(2025, 6, 1), "")],
            where=cic_team,
            kind="cla",
        )
    Allocation.objects.bulk_create(rows)
