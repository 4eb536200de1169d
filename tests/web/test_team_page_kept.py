"""The Team page's body is kept per scope, "as at" date and store version; each view is audited."""

from __future__ import annotations

import re
from datetime import date

import pytest

import factories
from small_council import AS_AT
from thrive.frames.cache import fresh_version
from thrive.web.models import AuditEvent
from thrive.web.views import team as team_views

pytestmark = pytest.mark.django_db


@pytest.fixture
def built(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The team ids whose page body was worked out (not read from the keep), in order."""
    calls: list[int] = []
    original = team_views.team_page

    def counting(frames, team_id, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(team_id)
        return original(frames, team_id, *args, **kwargs)

    monkeypatch.setattr(team_views, "team_page", counting)
    return calls


@pytest.mark.parametrize("first", ["lead", "tm"])
def test_two_scopes_each_see_their_own_team_page_whoever_came_first(
    council, signed_in, built, first
):
    path = f"/teams/{council.teams['CPN'].pk}/"
    order = [first, "tm" if first == "lead" else "lead"]
    pages = {username: signed_in(username).get(path).content.decode() for username in order}
    pages_again = {username: signed_in(username).get(path).content.decode() for username in order}

    hidden = council.names["CPN"][1:]
    assert all(name in pages["tm"] for name in hidden)
    assert not any(name in pages["lead"] for name in hidden)
    assert "fewer than 5" in pages["lead"] and "fewer than 5" not in pages["tm"]
    for username in order:  # the second view of each is the same body, from the keep
        assert _body(pages_again[username]) == _body(pages[username])
    assert len(built) == 2  # once for each scope, not once a view


def test_a_kept_team_page_is_still_audited_on_every_view(council, signed_in, built):
    client = signed_in("tm")
    path = f"/teams/{council.teams['CPN'].pk}/"
    for _ in range(3):
        assert client.get(path).status_code == 200

    assert len(built) == 1
    views = AuditEvent.objects.filter(action=AuditEvent.Action.VIEW_TEAM).order_by("pk")
    assert views.count() == 3
    named = set(council.pseudonyms["CPN"])
    for view in views:
        assert view.username == "tm" and view.path == path
        assert named <= set(view.workers)
    assert len({tuple(view.workers) for view in views}) == 1


def test_a_new_store_version_shows_the_new_figures(council, signed_in, built):
    client = signed_in("tm")
    team = council.teams["CPN"]
    path = f"/teams/{team.pk}/"
    before = client.get(path).content.decode()
    newcomer = factories.worker(council.authority, name="Nia Newstarter")
    factories.spell(newcomer, team, date(AS_AT.year, AS_AT.month, 1))
    fresh_version()  # one process here: read the store's version now, not in a few seconds

    after = client.get(path).content.decode()

    assert "Nia Newstarter" not in before and "Nia Newstarter" in after
    assert len(built) == 2
    latest = AuditEvent.objects.filter(action=AuditEvent.Action.VIEW_TEAM).latest("pk")
    assert newcomer.pseudonym in latest.workers


def _body(html: str) -> str:
    """The page from its heading on (the header's sign-out form carries a per-request token)."""
    return html[html.index('<h1 class="govuk-heading-l">') :]


def test_the_teams_index_is_kept_per_session_and_a_new_version_shows_new_figures(
    council, signed_in, monkeypatch
):
    calls: list[str] = []
    original = team_views.team_rows

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append("rows")
        return original(*args, **kwargs)

    monkeypatch.setattr(team_views, "team_rows", counting)
    hr, svc = signed_in("hr"), signed_in("svc")
    everyone = hr.get("/teams/").content.decode()
    theirs = svc.get("/teams/").content.decode()
    assert _body(hr.get("/teams/").content.decode()) == _body(everyone)
    assert len(calls) == 2  # HR's second view came from the keep

    assert "Children in Care East" in everyone and "Children in Care East" not in theirs
    team = council.teams["CIC"]
    for i in range(3):
        newcomer = factories.worker(council.authority, name=f"Nia Newstarter{i}")
        factories.spell(newcomer, team, date(2024, 4, 1))
    fresh_version()  # one process here: read the store's version now, not in a few seconds
    after = hr.get("/teams/").content.decode()

    assert len(calls) == 3
    assert _in_post(after, team.name) == _in_post(everyone, team.name) + 3


def _in_post(html: str, team: str) -> int:
    row = html.split(f">{team}</a>")[1].split("</tr>")[0]
    return int(re.findall(r'numeric">\s*(\d+)', row)[0])
