"""Children for the small council (tests/small_council.py): allocations on 30 September 2025.

Child ids are distinctive ("chcpn01x"), so a test can search a page for ids that must not be there.

- CPN: each of its first five social workers holds children (the first close to their weighted
  cap: 16 child protection cases, 24 of 25 points); the sixth, the ASYE and the agency worker
  hold none. Waiting unallocated: chcpn90x (child protection, 11 days; their previous worker, the
  third social worker, moved them on 19 September), siblings chcpn91x and chcpn92x (child in need,
  6 days), and chcpn93x (complexity 2: no ASYE may take them).
- CIC: its first social worker holds two children looked after; chcic90x waits (3 days).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from small_council import AS_AT, Council
from thrive.children.models import Allocation
from thrive.workforce import models

CPN_WAITING = ("chcpn90x", "chcpn91x", "chcpn92x", "chcpn93x")
CIC_WAITING = ("chcic90x",)
CIC_HELD = ("chcic01x", "chcic02x")


def _alloc(council: Council, code: str, child: str, worker: models.Worker | None, **kw: object):  # type: ignore[no-untyped-def]
    values: dict[str, object] = {"case_type": "cp", "start_date": date(2025, 4, 1)}
    values.update(kw)
    return Allocation.objects.create(
        authority=council.authority, child=child, worker=worker, team=council.teams[code], **values
    )


def add_children(council: Council) -> dict[str, models.Worker]:
    """The allocations above; returns CPN's and CIC's workers by role ("cpn1".."cpn6", "cic1")."""
    by_name = {w.name: w for w in models.Worker.objects.filter(authority=council.authority)}
    staff = {f"cpn{i}": by_name[council.names["CPN"][i]] for i in range(1, 7)}
    staff["cic1"] = by_name[council.names["CIC"][1]]
    for n in range(16):
        _alloc(council, "CPN", f"chcpn1{n:02d}x", staff["cpn1"])
    for i in (2, 4, 5):
        for n in range(3):
            _alloc(council, "CPN", f"chcpn{i}{n}x", staff[f"cpn{i}"], case_type="cin")
    _alloc(council, "CPN", "chcpn30x", staff["cpn3"], case_type="cin")
    _alloc(
        council, "CPN", "chcpn90x", staff["cpn3"], end_date=date(2025, 9, 19),
        end_reason="rebalancing",
    )  # fmt: skip
    _alloc(council, "CPN", "chcpn90x", None, start_date=date(2025, 9, 20))
    for child in ("chcpn91x", "chcpn92x"):
        _alloc(
            council, "CPN", child, None, case_type="cin", start_date=date(2025, 9, 25),
            sibling_group="sgcpn1",
        )  # fmt: skip
    _alloc(council, "CPN", "chcpn93x", None, start_date=AS_AT, complexity=Decimal("2.00"))
    for child in CIC_HELD:
        _alloc(council, "CIC", child, staff["cic1"], case_type="cla")
    _alloc(council, "CIC", "chcic90x", None, case_type="cla", start_date=date(2025, 9, 28))
    return staff
