"""The Recruitment page's disabled applicants: HR sees who had no interview though they met the
minimum criteria; every other role sees how many, 1 to 4 withheld; the share disabled at each
stage follows the small-number rules."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from thrive.lifecycle.models import Candidate, Requisition, StageEvent

pytestmark = pytest.mark.django_db
OPENED = date(2024, 3, 1)


def _pipeline(council, not_interviewed: int) -> None:  # type: ignore[no-untyped-def]
    """``not_interviewed`` disabled candidates who met the criteria and were turned down after
    applying (references D0, D1...), 8 disabled and 12 not disabled who were interviewed, one
    disabled candidate who did not meet the criteria and one who withdrew."""
    requisition = Requisition.objects.create(
        authority=council.authority,
        reference="REQ-D",
        team=council.teams["CPN"],
        grade="social_worker",
        start_date=OPENED,
    )

    def add(ref: str, disability: str, met: bool | None, stages: tuple[str, ...]) -> None:
        candidate = Candidate.objects.create(
            requisition=requisition,
            reference=ref,
            source="job_board",
            disability=disability,
            met_minimum_criteria=met,
        )
        for step, stage in enumerate(stages):
            StageEvent.objects.create(
                candidate=candidate, stage=stage, date=OPENED + timedelta(days=5 + 7 * step)
            )

    for n in range(not_interviewed):
        add(f"D{n}", "yes", True, ("applied", "rejected"))
    for n in range(8):
        add(f"I{n}", "yes", True, ("applied", "shortlisted", "interviewed"))
    for n in range(12):
        add(f"N{n}", "no", None, ("applied", "shortlisted", "interviewed"))
    add("UNMET", "yes", False, ("applied", "rejected"))
    add("LEFT", "yes", True, ("applied", "withdrawn"))


def test_hr_sees_who_had_no_interview(council, signed_in) -> None:  # type: ignore[no-untyped-def]
    _pipeline(council, 2)
    html = signed_in("hr").get("/recruitment/").content.decode()
    assert "Disabled applicants" in html
    assert "2 disabled applicants met the minimum criteria and were not interviewed" in html
    for reference in ("D0", "D1"):
        assert f'<th scope="row" class="govuk-table__header">{reference}</th>' in html
    assert "UNMET" not in html and ">LEFT<" not in html  # not met; withdrew
    assert "Turned down without an interview" in html and "Recorded as met" in html


@pytest.mark.parametrize("username", ["lead", "svc", "tm"])
def test_other_roles_see_a_count_with_small_numbers_withheld(  # type: ignore[no-untyped-def]
    council, signed_in, username
) -> None:
    _pipeline(council, 2)
    html = signed_in(username).get("/recruitment/").content.decode()
    assert "fewer than 5 disabled applicants met the minimum criteria" in html
    assert "HR can see who." in html
    assert '<th scope="row" class="govuk-table__header">D0</th>' not in html


def test_a_count_of_five_or_more_is_shown_to_leadership(council, signed_in) -> None:  # type: ignore[no-untyped-def]
    _pipeline(council, 6)
    html = signed_in("lead").get("/recruitment/").content.decode()
    assert "6 disabled applicants met the minimum criteria and were not interviewed" in html
    assert "D5" not in html


def test_the_disabled_share_at_each_stage(council, signed_in) -> None:  # type: ignore[no-untyped-def]
    _pipeline(council, 6)
    html = signed_in("lead").get("/recruitment/").content.decode()
    table = html[html.index("Disabled applicants at each stage") :]
    # Applied: 6 + 8 + 12 + 2 = 28 candidates, all declared, 16 disabled (57%).
    row = (
        '<th scope="row" class="govuk-table__header">Applied</th>'
        '<td class="govuk-table__cell govuk-table__cell--numeric">28</td>'
        '<td class="govuk-table__cell govuk-table__cell--numeric">28</td>'
        '<td class="govuk-table__cell govuk-table__cell--numeric">16</td>'
        '<td class="govuk-table__cell govuk-table__cell--numeric">57%</td>'
    )
    assert row in table
    assert "How this is worked out" in table
