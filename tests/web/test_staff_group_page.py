"""The Workforce page's staff-group choice: social workers by default, exactly as before; another
staff group's mix and starters and leavers from its own records, small numbers withheld."""

from __future__ import annotations

from datetime import date

import pytest

import factories
from small_council import AS_AT
from thrive.codes import LeaverDestination, ReasonLeave, StartOrigin
from thrive.frames import cache as frames_cache

pytestmark = pytest.mark.django_db


def _family_support(council) -> None:  # type: ignore[no-untyped-def]
    team = council.teams["CPN"]
    for n in range(6):
        who = factories.worker(council.authority, name=f"Fsw Person{n}q", swe_number=None)
        factories.spell(
            who, team, date(2020, 1, 6), start_origin=int(StartOrigin.OTHER_SOCIAL_CARE),
            fte="0.5", staff_group="family_support",
        )  # fmt: skip
    leaver = factories.worker(council.authority, name="Fsw Leaverq", swe_number=None)
    factories.spell(
        leaver, team, date(2019, 5, 1), date(2025, 3, 31),
        start_origin=int(StartOrigin.OTHER_SOCIAL_CARE), reason_leave=int(ReasonLeave.RESIGNATION),
        leaver_destination=int(LeaverDestination.OTHER_SOCIAL_CARE), staff_group="family_support",
    )  # fmt: skip


def _body(html: str) -> str:
    """The page from its main heading on, without the form (which lists the choices)."""
    return html.split('class="thrive-filter"', 1)[1].split("</form>", 1)[1]


def test_social_workers_are_the_default_and_their_page_does_not_change(council, signed_in):
    before = signed_in("hr").get("/workforce/").content.decode()
    assert 'name="staff"' not in before  # one staff group only: no choice offered
    _family_support(council)
    frames_cache.forget()  # as if the 2-second fingerprint check had come round
    after = signed_in("hr").get("/workforce/").content.decode()
    assert 'name="staff"' in after and "Family support workers</option>" in after
    assert _body(after) == _body(before)
    assert "Fsw " not in after


def test_another_staff_group_has_its_own_mix_and_flows(council, signed_in):
    _family_support(council)
    hr = signed_in("hr").get("/workforce/?staff=family_support").content.decode()
    assert "These are the council's family support workers, not social workers" in hr
    assert "Directly employed family support workers (FTE)" in hr
    assert '<h2 class="govuk-heading-m">Vacancies</h2>' not in hr
    assert "establishment posts" not in hr
    # 6 x 0.5 FTE in post on the day; 3.5 FTE a year earlier; one leaver of 0.5 FTE.
    assert f"{AS_AT:%-d %b %Y}" in hr and ">3.0<" in hr.replace(" FTE<", "<")
    assert "The steps add up exactly." in hr
    # One leaver: the steps would give the withheld count away, so only HR see them.
    lead = signed_in("lead").get("/workforce/?staff=family_support").content.decode()
    assert "so few people started or left over the year" in lead
    assert "Fsw " not in lead


def test_an_unknown_or_absent_staff_group_is_refused(council, signed_in):
    _family_support(council)
    client = signed_in("hr")
    assert client.get("/workforce/?staff=wizards").status_code == 400
    assert client.get("/workforce/?staff=nursery").status_code == 400  # none recorded
