"""The team's allocation page (/teams/<id>/allocation-plan/) and "if this worker leaves" on a
worker's page, on the small council with its children (tests/small_council_children.py)."""

from __future__ import annotations

import re

import pytest

from small_council import AS_AT
from small_council_children import CIC_HELD, CIC_WAITING, CPN_WAITING, add_children
from thrive.web.models import AuditEvent

pytestmark = pytest.mark.django_db
CHILD_ID = re.compile(r"ch(?:cpn|cic)\d+x")


@pytest.fixture
def children(council):  # type: ignore[no-untyped-def]
    return add_children(council)


def _page(client, team) -> str:  # type: ignore[no-untyped-def]
    response = client.get(f"/teams/{team.pk}/allocation-plan/", {"as_at": AS_AT.isoformat()})
    assert response.status_code == 200
    return response.content.decode()


def test_a_team_manager_sees_their_teams_children_loads_and_proposals(
    council, signed_in, children
) -> None:  # type: ignore[no-untyped-def]
    html = _page(signed_in("tm"), council.teams["CPN"])
    for child in CPN_WAITING:
        assert child in html
    assert "chcpn100x" in html  # a child with a social worker
    assert set(CHILD_ID.findall(html)) <= {c for c in CHILD_ID.findall(html) if "cpn" in c}
    assert "Proposed allocations for the children waiting" in html
    # the date in words, as every page says it; a count agreeing with its noun
    assert re.search(
        r"\b\d+ child(ren)? in Child Protection North waiting unallocated on 30 Sept", html
    )
    assert "2025-09-30" not in re.sub(r'(href|value|max)="[^"]*"', "", html)
    assert "previous worker; same team" in html  # chcpn90x back to the worker who had them
    assert "this plan puts no one over their caseload cap" in html
    assert "keeps every group of brothers and sisters together" in html
    assert council.names["CPN"][1] in html and "24" in html  # 24 of 25 points
    assert not council.names_of("CPS", "CIC") & set(re.findall(r"[A-Z][a-z]+ C[a-z]+\d\dq", html))
    event = AuditEvent.objects.filter(subject__startswith="Allocations of").get()
    assert children["cpn1"].pseudonym in event.workers


def test_another_teams_allocations_are_refused(council, signed_in, children) -> None:  # type: ignore[no-untyped-def]
    client = signed_in("tm")
    for code in ("CIC", "CPS"):
        response = client.get(f"/teams/{council.teams[code].pk}/allocation-plan/")
        assert response.status_code == 403
        assert not CHILD_ID.search(response.content.decode())


def test_a_service_manager_sees_only_their_services_teams(council, signed_in, children) -> None:  # type: ignore[no-untyped-def]
    client = signed_in("svc")
    assert "chcpn90x" in _page(client, council.teams["CPN"])
    assert client.get(f"/teams/{council.teams['CIC'].pk}/allocation-plan/").status_code == 403
    html = _page(signed_in("hr"), council.teams["CIC"])
    assert all(c in html for c in CIC_WAITING + CIC_HELD)


def test_leadership_sees_counts_only_with_small_ones_withheld(council, signed_in, children) -> None:  # type: ignore[no-untyped-def]
    html = _page(signed_in("lead"), council.teams["CPN"])
    assert not CHILD_ID.search(html)
    assert "Proposed allocations" not in html
    assert "fewer than 5" in html  # 4 children waiting
    assert re.search(r">\s*26\s*<", html)  # 26 children with a social worker: not small
    for name in council.names["CPN"][1:]:
        assert name not in html


def test_the_team_page_links_to_it(council, signed_in, children) -> None:  # type: ignore[no-untyped-def]
    team = council.teams["CPN"]
    html = signed_in("tm").get(f"/teams/{team.pk}/").content.decode()
    assert f"/teams/{team.pk}/allocation-plan/" in html


def test_the_worker_page_says_how_many_children_would_change_worker(
    council, signed_in, children
) -> None:  # type: ignore[no-untyped-def]
    client = signed_in("tm")
    url = f"/workers/{children['cpn2'].pseudonym}/"
    html = client.get(url, {"as_at": AS_AT.isoformat()}).content.decode()
    assert "3 children would change social worker: 3 child in need" in html
    idle = client.get(f"/workers/{children['cpn6'].pseudonym}/").content.decode()
    assert "no child would change social worker" in idle
    assert client.get(f"/workers/{children['cic1'].pseudonym}/").status_code == 403
    other = signed_in("hr").get(f"/workers/{children['cic1'].pseudonym}/", {"as_at": "2025-09-30"})
    assert "2 children would change social worker: 2 child looked after" in other.content.decode()


def test_a_date_before_any_allocation_shows_none_waiting(council, signed_in, children) -> None:  # type: ignore[no-untyped-def]
    client = signed_in("tm")
    team = council.teams["CPN"]
    response = client.get(f"/teams/{team.pk}/allocation-plan/", {"as_at": "2025-04-30"})
    assert response.status_code == 200
    assert "No child in this team is waiting unallocated" in response.content.decode()


def test_the_proposals_download_as_shown_and_are_audited(council, signed_in, children) -> None:  # type: ignore[no-untyped-def]
    url = f"/teams/{council.teams['CPN'].pk}/allocation-plan/"
    response = signed_in("tm").get(url, {"download": "csv", "table": 1, "as_at": "2025-09-30"})
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    assert all(child in text for child in CPN_WAITING)
    event = AuditEvent.objects.get(action=AuditEvent.Action.DOWNLOAD)
    assert event.username == "tm" and children["cpn3"].pseudonym in event.workers
