"""Which of a team's children have had too many social workers, and why, on the team's allocation
page (/teams/<id>/allocation-plan/): the small council's children (tests/small_children.py)."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from small_children import CIC_CHILDREN, WHOLE, add_children
from small_council import AS_AT
from thrive import metrics
from thrive.frames.load import load
from thrive.summaries.child_changes import team_changes
from thrive.web.models import AuditEvent
from thrive.web.page_tables import read_tables

pytestmark = pytest.mark.django_db
CHILD_ID = re.compile(r"\bK[0-9W3C]-\d\b")
TABLE = "The team's children open all year, the most changes of social worker first"


@pytest.fixture
def children(council) -> None:  # type: ignore[no-untyped-def]
    add_children(council)


def _get(client, team, as_at: str = AS_AT.isoformat()):  # type: ignore[no-untyped-def]
    return client.get(f"/teams/{team.pk}/allocation-plan/", {"as_at": as_at})


def _page(client, team) -> str:  # type: ignore[no-untyped-def]
    response = _get(client, team)
    assert response.status_code == 200
    return response.content.decode()


def test_each_childs_count_is_the_stability_measures_count(council, children) -> None:  # type: ignore[no-untyped-def]
    frames = load(council.authority)
    team = council.teams["CPN"]
    listed = team_changes(frames, team.pk, AS_AT)
    bands = Counter("3+" if c.count >= 3 else str(c.count) for c in listed.children)
    measured = {
        r.slice["changes of social worker"]: r.numerator
        for r in metrics.series(
            frames, [AS_AT], by="team", names=["children_by_changes_of_social_worker"], hr=True
        )
        if r.slice and r.slice.get("team") == team.name
    }
    assert {b: int(n or 0) for b, n in measured.items()} == {
        b: bands.get(b, 0) for b in ("0", "1", "2", "3+")
    }
    assert listed.counted == sum(WHOLE.values()) - CIC_CHILDREN == 23  # CPN's, not CIC's
    assert [c.count for c in listed.children] == sorted(
        (c.count for c in listed.children), reverse=True
    )


def test_a_team_manager_sees_which_children_and_why(council, signed_in, children) -> None:  # type: ignore[no-untyped-def]
    html = _page(signed_in("tm"), council.teams["CPN"])
    sentence = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert (
        "Of the team's 23 children open all year, 7 had two or more changes of social worker in "
        "the 12 months to 30 September 2025: of their changes, 2 came after a worker left and 14 "
        "were internal moves." in sentence
    )
    table = next(t for t in read_tables(html) if t.name == TABLE)
    first = table.rows[0]
    assert first[0] == "K3-0" and first[2] == 3
    assert first[3] == (
        "3 changes: worker left (1 November 2024), rebalancing of caseloads (1 January 2025), "
        "rebalancing of caseloads (1 March 2025)"
    )
    k2 = next(r for r in table.rows if r[0] == "K2-0")
    assert k2[3] == (
        "2 changes: rebalancing of caseloads (1 January 2025), team transfer at a change of "
        "stage (1 May 2025)"
    )
    assert "<strong>2 changes: rebalancing" in html
    counts = [r[2] for r in table.rows]
    assert counts == sorted(counts, reverse=True) and counts[-1] == 0
    assert not any(r[0].startswith(("KC-", "KW-")) for r in table.rows)  # other team; new cases
    event = AuditEvent.objects.filter(subject__startswith="Allocations of").get()
    assert "23 children's changes" in event.subject


def test_the_table_downloads_as_shown(council, signed_in, children) -> None:  # type: ignore[no-untyped-def]
    client = signed_in("tm")
    response = client.get(
        f"/teams/{council.teams['CPN'].pk}/allocation-plan/",
        {"as_at": AS_AT.isoformat(), "download": "csv"},
    )
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    text = body.decode("utf-8-sig")
    assert "K3-0" in text and "3 changes: worker left (1 November 2024)" in text


def test_other_teams_are_refused_and_hr_and_the_service_manager_see_it(
    council, signed_in, children
) -> None:  # type: ignore[no-untyped-def]
    response = _get(signed_in("tm"), council.teams["CIC"])
    assert response.status_code == 403
    assert not CHILD_ID.search(response.content.decode())
    assert "K3-0" in _page(signed_in("svc"), council.teams["CPN"])
    assert _get(signed_in("svc"), council.teams["CIC"]).status_code == 403
    hr = _page(signed_in("hr"), council.teams["CIC"])
    table = next(t for t in read_tables(hr) if t.name == TABLE)
    assert [r[0] for r in table.rows] == ["KC-0", "KC-1", "KC-2"]


def test_leadership_sees_counts_only_small_ones_withheld(council, signed_in, children) -> None:  # type: ignore[no-untyped-def]
    html = _page(signed_in("lead"), council.teams["CPN"])
    assert not CHILD_ID.search(html)
    assert TABLE not in html
    sentence = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert "Of the team's 23 children open all year, 7 had two or more changes" in sentence
    assert "fewer than 5 came after a worker left" in sentence  # 2 changes: a small number
    cic = " ".join(re.sub(r"<[^>]+>", " ", _page(signed_in("lead"), council.teams["CIC"])).split())
    assert (
        "Of the team's fewer than 5 children open all year, the number who had two or more "
        "changes of social worker in the 12 months to 30 September 2025 is not shown" in cic
    )
    assert "came after a worker left" not in cic


@pytest.mark.parametrize("as_at", ["9999-12-31", "0001-01-01", "2025-02-30", "x" * 300])
def test_an_absurd_date_is_refused(council, signed_in, children, as_at: str) -> None:  # type: ignore[no-untyped-def]
    response = _get(signed_in("tm"), council.teams["CPN"], as_at)
    assert response.status_code == 400
    assert not CHILD_ID.search(response.content.decode())


def test_a_date_before_any_case_lists_no_child(council, signed_in, children) -> None:  # type: ignore[no-untyped-def]
    html = _page_on(signed_in("tm"), council.teams["CPN"], "2023-06-30")
    assert "No child in this team has had their case open all year" in html


def _page_on(client, team, as_at: str) -> str:  # type: ignore[no-untyped-def]
    response = _get(client, team, as_at)
    assert response.status_code == 200
    return response.content.decode()
