"""The Recruitment page: the funnel and declined offers, the same for every role, from the
view model; an authority with no pipeline says so."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest

from small_council import AS_AT
from thrive.centre.centre import Centre
from thrive.lifecycle.models import Candidate, Requisition, StageEvent
from thrive.summaries import results
from thrive.summaries.results_common import Loaded
from thrive.workforce.models import Authority

pytestmark = pytest.mark.django_db
STAGES = ("applied", "shortlisted", "interviewed", "offered", "accepted", "started")


def _pipeline(council) -> None:
    """Two vacancies: 12 applicants through job boards and visits, 2 hires, 2 declined offers."""
    for n, team in enumerate(("CPN", "CIC")):
        opened = date(2024, 3, 1) + timedelta(days=40 * n)
        requisition = Requisition.objects.create(
            authority=council.authority,
            reference=f"REQ-{n}",
            team=council.teams[team],
            grade="social_worker",
            start_date=opened,
            advert_cost=Decimal("900"),
        )
        for k in range(6):
            source = "job_board" if k % 2 else "try_before_you_apply"
            # k = 0 is hired; k = 1 and 2 are offered and decline; 3-5 stop earlier
            reached = {0: 6, 1: 4, 2: 4, 3: 3, 4: 2, 5: 1}[k]
            candidate = Candidate.objects.create(
                requisition=requisition,
                reference=f"C{n}{k}",
                source=source,
                decline_reason={1: "pay", 2: "another_offer"}.get(k, ""),
            )
            for step, stage in enumerate(STAGES[:reached]):
                StageEvent.objects.create(
                    candidate=candidate, stage=stage, date=opened + timedelta(days=10 + 9 * step)
                )
            if k in (1, 2):
                StageEvent.objects.create(
                    candidate=candidate, stage="withdrawn", date=opened + timedelta(days=50)
                )


@pytest.mark.parametrize("username", ["hr", "lead", "svc", "tm"])
def test_every_role_sees_the_funnel_from_the_view_model(council, signed_in, username):
    _pipeline(council)
    html = signed_in(username).get("/recruitment/").content.decode()
    summary = results.recruitment_summary(records(council.authority), as_at=AS_AT)
    for row in summary.funnel:
        label = row.stage.capitalize()
        found = re.search(
            rf'<th scope="row" class="govuk-table__header">{label}</th>'
            r'<td class="govuk-table__cell govuk-table__cell--numeric">([^<]*)</td>',
            html,
        )
        assert found and found.group(1) == f"{row.candidates:,}", label
    assert "<svg " in html and "Candidates reaching each stage" in html
    assert "Accepted another offer" in html and "Pay or package" in html
    assert "Try Before You Apply visit" in html
    # the headline figures say the period they cover: the first and last stage recorded
    first, last = date(2024, 3, 1) + timedelta(days=10), date(2024, 4, 10) + timedelta(days=55)
    assert f"All candidates recorded from {first:%-d %B %Y} to {last:%-d %B %Y}" in html
    assert html.index("All candidates recorded from") < html.index("Applications")


def test_no_pipeline_recorded_says_so(council, signed_in):
    html = signed_in("lead").get("/recruitment/").content.decode()
    assert "No vacancies or candidates are recorded yet" in html


def records(authority: Authority) -> Loaded:
    """The authority's frames, as the retention and recruitment results take them."""
    return Centre.for_authority(authority).records()
