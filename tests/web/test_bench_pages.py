"""The web benchmark (bench/web) finds every page each role gets, as a user would.

The benchmark reads a role's pages from the links on its Overview, its team from the Teams page
and a worker from the team page. If a template stops offering those links the benchmark would
quietly measure fewer pages: these tests follow the same steps through Django's test client.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from django.test import Client

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench" / "web"))

from pages import PAGES, Answer, next_path, offered  # noqa: E402

EVERY_PAGE = [label for label, _ in PAGES]


def _walk(client: Client) -> dict[str, tuple[str, int]]:
    """(path, status) of each page the benchmark would request for this signed-in user."""
    seen: dict[str, Answer] = {}
    navigation: set[str] = set()
    found = {}
    for label in EVERY_PAGE:
        path = next_path(label, seen, navigation)
        if path is None:
            continue
        response = client.get(path)
        seen[label] = Answer(
            response.status_code,
            0.0,
            response.content.decode(),
            response.headers.get("Location", ""),
        )
        if label == "Overview":
            navigation = offered(seen[label].body)
        found[label] = (path, response.status_code)
    return found


@pytest.mark.parametrize(
    ("username", "missing"),
    [
        ("hr", set()),
        ("lead", {"Who to talk to", "Data", "Worker page"}),
        ("svc", {"Data"}),
        ("tm", {"Data", "Children"}),
    ],
)
def test_each_role_gets_its_pages(
    signed_in: Callable[[str], Client], username: str, missing: set[str]
) -> None:
    found = _walk(signed_in(username))
    assert set(found) == set(EVERY_PAGE) - missing
    for label, (path, status) in found.items():
        redirect = username == "tm" and label == "Teams"
        assert status == (302 if redirect else 200), (label, path)
    assert found["Team page"][0].startswith("/teams/")
    if "Worker page" in found:
        assert found["Worker page"][0].startswith("/workers/"), found


def test_a_team_manager_goes_to_their_own_team(signed_in: Callable[[str], Client]) -> None:
    found = _walk(signed_in("tm"))
    teams = signed_in("tm").get("/teams/")
    assert found["Team page"][0] == teams.headers["Location"]


def test_a_redirect_to_the_sign_in_page_is_not_an_answer() -> None:
    assert not Answer(302, 0.1, "", "/login/?next=/overview/").ok
    assert Answer(302, 0.1, "", "/teams/3/").ok
    assert not Answer(500, 0.1, "", "").ok
