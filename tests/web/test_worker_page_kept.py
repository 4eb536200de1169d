"""A worker's record is kept per "as at" date and store version, once for everyone who may open
it; who may open it is still decided for each viewer, and every view is audited."""

from __future__ import annotations

from datetime import date

import pytest

from thrive.frames.cache import fresh_version
from thrive.web.models import AuditEvent
from thrive.web.views import team as team_views
from thrive.workforce import models

pytestmark = pytest.mark.django_db


@pytest.fixture
def built(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The workers whose record was worked out (not read from the keep), in order."""
    calls: list[int] = []
    original = team_views.worker_record

    def counting(frames, worker_id, as_at):  # type: ignore[no-untyped-def]
        calls.append(worker_id)
        return original(frames, worker_id, as_at)

    monkeypatch.setattr(team_views, "worker_record", counting)
    return calls


def _path(council, i: int = 2) -> str:  # type: ignore[no-untyped-def]
    return f"/workers/{council.pseudonyms['CPN'][i]}/"


def test_a_kept_record_reaches_only_the_viewers_who_may_open_it(council, signed_in, built):
    name = council.names["CPN"][2]
    own_manager = signed_in("tm").get(_path(council))
    hr = signed_in("hr").get(_path(council))
    other_manager = signed_in("tm.cic").get(_path(council))
    leadership = signed_in("lead").get(_path(council))

    assert own_manager.status_code == 200 and name in own_manager.content.decode()
    assert hr.status_code == 200 and name in hr.content.decode()
    for refused in (other_manager, leadership):
        assert refused.status_code == 403 and name not in refused.content.decode()
    assert len(built) == 1  # worked out once for the two who may open it
    # stay conversations: for the worker's managers and HR (not kept: read on every view)
    assert 'id="stay-conversations"' in own_manager.content.decode()


def test_a_kept_record_is_still_audited_on_every_view(council, signed_in, built):
    client = signed_in("svc")
    for _ in range(3):
        assert client.get(_path(council)).status_code == 200

    assert len(built) == 1
    views = AuditEvent.objects.filter(action=AuditEvent.Action.VIEW_WORKER)
    assert views.count() == 3
    pseudonym = council.pseudonyms["CPN"][2]
    assert all(v.username == "svc" and v.workers == [pseudonym] for v in views)


def test_a_new_store_version_shows_the_new_record(council, signed_in, built):
    client = signed_in("tm")
    before = _caseloads(client.get(_path(council)).content.decode())
    worker = models.Worker.objects.get(pseudonym=council.pseudonyms["CPN"][2])
    models.CaseloadSnapshot.objects.create(worker=worker, date=date(2025, 9, 17), cases=41)
    fresh_version()  # one process here: read the store's version now, not in a few seconds

    after = _caseloads(client.get(_path(council)).content.decode())

    assert "17 Sep 2025" not in before
    assert "17 Sep 2025" in after and ">41<" in after
    assert len(built) == 2


def _caseloads(html: str) -> str:
    return html[html.index(">Caseload</h2>") : html.index(">Supervision</h2>")]


@pytest.mark.parametrize("username", ["hr", "svc", "tm"])
def test_a_stay_conversation_names_its_holder_for_hr_and_the_managers(council, signed_in, username):
    from thrive.codes.lifecycle import ConversationOutcome, ConversationPrompt
    from thrive.lifecycle.models import StayConversation

    worker = models.Worker.objects.get(pseudonym=council.pseudonyms["CPN"][2])
    manager = models.Worker.objects.get(name=council.names["CPN"][0])
    StayConversation.objects.create(
        worker=worker,
        date=date(2025, 9, 12),
        held_by=manager,
        prompted_by=list(ConversationPrompt)[0].value,
        outcome=list(ConversationOutcome)[0].value,
    )
    html = signed_in(username).get(_path(council)).content.decode()
    section = html[html.index('id="stay-conversations"') :]
    assert council.names["CPN"][0] in section  # the team's manager held it
    assert "12 Sep 2025" in section
