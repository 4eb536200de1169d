"""Who to talk to: each viewer's part of the kept list is worked out once per scope, date and
store version, every view of names is audited, and a new store version shows the new list."""

from __future__ import annotations

import re
from datetime import date

import pytest

import factories
from thrive.frames.cache import fresh_version
from thrive.web.models import AuditEvent
from thrive.web.views import retention

pytestmark = pytest.mark.django_db


@pytest.fixture
def worked_out(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The viewers whose managed workers were worked out (not read from the keep), in order."""
    calls: list[str] = []
    original = retention.managed_workers

    def counting(page):  # type: ignore[no-untyped-def]
        calls.append(page.scope.username)
        return original(page)

    monkeypatch.setattr(retention, "managed_workers", counting)
    return calls


def _listed(html: str) -> set[str]:
    return set(re.findall(r'href="/workers/([^/]+)/">', html))


def test_two_scopes_each_see_their_own_people_and_every_view_is_audited(
    council, signed_in, ranking_trusted, worked_out
):
    tm, svc = signed_in("tm"), signed_in("svc")
    first = _listed(tm.get("/retention/at-risk/").content.decode())
    theirs = _listed(svc.get("/retention/at-risk/").content.decode())
    again = _listed(tm.get("/retention/at-risk/").content.decode())

    assert first and first <= set(council.pseudonyms["CPN"]) and again == first
    assert theirs & set(council.pseudonyms["CPS"]) and not theirs <= set(council.pseudonyms["CPN"])
    assert worked_out == ["tm", "svc"]  # the team manager's second view read the keep
    views = AuditEvent.objects.filter(username="tm", action=AuditEvent.Action.VIEW_TEAM)
    assert views.count() == 2 and all(set(v.workers) == first for v in views)


def test_a_new_store_version_lists_a_newcomer_to_the_team(council, signed_in, ranking_trusted):
    client = signed_in("tm")
    before = _listed(client.get("/retention/at-risk/").content.decode())
    newcomer = factories.worker(council.authority, name="Nia Newstarter")
    factories.spell(newcomer, council.teams["CPN"], date(2024, 4, 1))
    fresh_version()  # one process here: read the store's version now, not in a few seconds

    after = _listed(client.get("/retention/at-risk/").content.decode())

    assert newcomer.pseudonym not in before and newcomer.pseudonym in after
    latest = AuditEvent.objects.filter(username="tm", action=AuditEvent.Action.VIEW_TEAM).latest(
        "pk"
    )
    assert newcomer.pseudonym in latest.workers


def test_the_whole_list_is_read_once_for_a_viewer_not_on_every_view(
    council, signed_in, ranking_trusted, monkeypatch
):
    from thrive.summaries import kept_results

    reads: list[int] = []
    whole = kept_results.people_at_risk

    def counting(centre, as_at):  # type: ignore[no-untyped-def]
        reads.append(1)
        return whole(centre, as_at)

    monkeypatch.setattr(kept_results, "people_at_risk", counting)
    client = signed_in("tm")
    pages = [_listed(client.get("/retention/at-risk/").content.decode()) for _ in range(3)]

    assert pages[0] and pages[0] == pages[1] == pages[2]
    assert len(reads) <= 2  # all on the first view: whether it is ready, the viewer's part
    assert AuditEvent.objects.filter(username="tm", action=AuditEvent.Action.VIEW_TEAM).count() == 3
