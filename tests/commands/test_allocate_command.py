"""``thrive allocate`` on the small council with its children (tests/small_council_children.py)."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

import small_council
from small_council_children import CIC_WAITING, CPN_WAITING, add_children
from thrive.allocation import SUMMARY_KEYS

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = StringIO()
    call_command("allocate", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def staff():  # type: ignore[no-untyped-def]
    council = small_council.build()
    return council, add_children(council)


def test_json_plans_every_waiting_child_on_the_latest_date(staff) -> None:  # type: ignore[no-untyped-def]
    found = json.loads(_run("--format", "json"))
    assert found["as_at"] == "2025-09-30"
    children = {r["child"] for r in found["proposals"] + found["left_unallocated"]}
    assert children == set(CPN_WAITING) | set(CIC_WAITING)
    for key in ("summary", "greedy"):
        assert list(found[key]) == list(SUMMARY_KEYS)
    summary = found["summary"]
    assert summary["children_planned"] + summary["children_left_unallocated"] == 5
    assert summary["workers_pushed_over_cap"] == 0
    assert summary["sibling_groups_split"] == 0
    siblings = [r["worker"] for r in found["proposals"] if r["child"] in ("chcpn91x", "chcpn92x")]
    assert len(siblings) == 2 and siblings[0] == siblings[1]
    for row in found["proposals"]:
        assert row["reason"]
    for worker in found["workers"]:
        assert (
            worker["weighted_load_after"] <= worker["weighted_cap"] or not worker["children_added"]
        )


def test_previous_worker_is_preferred(staff) -> None:  # type: ignore[no-untyped-def]
    _council, workers = staff
    found = json.loads(_run("--format", "json", "--team", "child protection north"))
    mine = {r["child"]: r for r in found["proposals"]}
    assert mine["chcpn90x"]["worker"] == workers["cpn3"].pseudonym
    assert mine["chcpn90x"]["reason"].startswith("previous worker")
    assert mine["chcpn90x"]["waiting_days"] == 11
    assert "chcic90x" not in mine


def test_a_leavers_caseload_goes_to_others(staff) -> None:  # type: ignore[no-untyped-def]
    _council, workers = staff
    leaver = workers["cpn2"].pseudonym
    found = json.loads(_run("--leaver", leaver, "--format", "json"))
    assert sorted(r["child"] for r in found["proposals"]) == ["chcpn20x", "chcpn21x", "chcpn22x"]
    assert all(r["worker"] != leaver for r in found["proposals"])
    assert found["summary"]["children_changing_worker"] == 3
    assert "(leaving)" in found["planning"]


def test_text_shows_proposals_beside_the_greedy_rule(staff) -> None:  # type: ignore[no-untyped-def]
    text = _run("--as-at", "2025-09-30")
    assert "Allocation plan: 5 children waiting unallocated on 30 September 2025" in text
    assert "Children left for the manager's decision" in text
    assert "least loaded first" in text
    assert "chcpn90x" in text


def test_a_date_with_no_children_plans_nothing(staff) -> None:  # type: ignore[no-untyped-def]
    found = json.loads(_run("--as-at", "1900-01-01", "--format", "json"))
    assert found["proposals"] == [] and found["summary"]["children_planned"] == 0


@pytest.mark.parametrize(
    ("args", "says"),
    [(("--team", "Nowhere"), "No team called"), (("--leaver", "NOBODY"), "No worker with")],
)
def test_unknown_team_or_leaver_is_refused_plainly(staff, args, says) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(CommandError, match=says):
        _run(*args)


def test_a_council_with_no_allocation_records_plans_nothing() -> None:
    council = small_council.build()
    assert council.teams  # workers and teams, but no children's records
    found = json.loads(_run("--format", "json"))
    assert found["proposals"] == [] and found["left_unallocated"] == []
    assert found["summary"] == dict.fromkeys(SUMMARY_KEYS, 0) == found["greedy"]
    assert "0 children waiting unallocated" in _run()
