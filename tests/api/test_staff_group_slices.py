"""``/measures?by=staff_group``: each staff group's figures as ``thrive metrics --by
staff_group`` gives them, for HR exactly; for anyone else a small staff group's slice is withheld
as a small team's is, and the whole authority stays the social workers'."""

from __future__ import annotations

import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

import factories
from thrive.codes import StartOrigin
from thrive.frames import cache as frames_cache

pytestmark = pytest.mark.django_db
DAY = "2025-03-31"


def _family_support(council, people: int) -> None:  # type: ignore[no-untyped-def]
    for n in range(people):
        who = factories.worker(council.authority, name=f"Fsw Person{n}q", swe_number=None)
        factories.spell(
            who, council.teams["CPN"], date(2020, 1, 6), staff_group="family_support",
            start_origin=int(StartOrigin.OTHER_SOCIAL_CARE),
        )  # fmt: skip
    frames_cache.forget()


def _command(*args: str) -> dict[tuple[str, str], dict]:
    out = StringIO()
    call_command(
        "metrics", "--as-at", DAY, "--by", "staff_group", *args, "--format", "json",
        "--authority", "998", stdout=out,
    )  # fmt: skip
    return {
        (r["name"], json.dumps(r["slice"], sort_keys=True)): r
        for r in json.loads(out.getvalue())
        if r["slice"] is not None
    }


def _ours(api, username: str) -> dict[tuple[str, str], dict]:  # type: ignore[no-untyped-def]
    answer = api(username).get(f"/api/v1/measures?as_at={DAY}&by=staff_group")
    assert answer.status_code == 200, answer.content
    assert answer.json()["by"] == "staff_group"
    return {
        (r["name"], json.dumps(r["slice"], sort_keys=True)): r
        for r in answer.json()["measures"]
        if r["slice"] is not None
    }


FAMILY = json.dumps({"staff_group": "family_support"})


def test_hr_gets_each_staff_groups_figures_as_the_command_does(council, api):
    _family_support(council, 3)
    ours, theirs = _ours(api, "hr"), _command("--hr")
    assert ("headcount_in_post", FAMILY) in ours
    assert ours[("headcount_in_post", FAMILY)]["numerator"] == 3
    assert ("average_caseload", FAMILY) not in ours  # social work only
    for key, figure in ours.items():
        assert not figure["suppressed"], key
        assert figure["value"] == theirs[key]["value"], key


def test_a_small_staff_group_is_withheld_as_a_small_team_is(council, api):
    _family_support(council, 3)
    ours = _ours(api, "lead")
    family = {name: r for (name, where), r in ours.items() if where == FAMILY}
    assert family and all(r["suppressed"] for r in family.values())
    assert all(r["value"] is None and r["numerator"] is None for r in family.values())
    # the whole authority's figures are the social workers', as without by
    whole = api("lead").get(f"/api/v1/measures?as_at={DAY}").json()["measures"]
    body = api("lead").get(f"/api/v1/measures?as_at={DAY}&by=staff_group").json()["measures"]
    assert [r for r in body if r["slice"] is None] == whole


def test_a_staff_group_of_five_is_shown(council, api):
    _family_support(council, 6)
    ours = _ours(api, "lead")
    assert not ours[("headcount_in_post", FAMILY)]["suppressed"]
    assert ours[("headcount_in_post", FAMILY)]["value"] == 6
