"""The Recruitment page's first step: Try Before You Apply visits followed to the applications
they led to, by how the visitor heard and their career stage, with small numbers withheld
outside HR; with no visit recorded, a sentence instead of a step of nought."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from test_recruitment_page import _pipeline, records

from small_council import AS_AT
from thrive.lifecycle.models import Candidate, Visit
from thrive.summaries import results
from thrive.summaries.suppression import NOT_SHOWN

pytestmark = pytest.mark.django_db


def _visits(council) -> None:  # type: ignore[no-untyped-def]
    """13 visits: 8 became candidates (C00-C05 on REQ-0, C10-C11 on REQ-1; C00 and C10
    started), 6 of them students and 2 experienced, all through social media; 2 more
    experienced social-media visitors and 3 students from a fair never applied."""
    day = date(2024, 1, 15)
    applied = ["C00", "C01", "C02", "C03", "C04", "C05", "C10", "C11"]
    for n, reference in enumerate(applied):
        Visit.objects.create(
            authority=council.authority,
            reference=f"V{n}",
            date=day,
            career_stage="experienced" if reference in ("C04", "C05") else "student",
            source="social_media",
            team=council.teams["CPN"],
            candidate=Candidate.objects.get(reference=reference),
        )
    for n, (stage, source) in enumerate(
        [("experienced", "social_media")] * 2 + [("student", "recruitment_fair")] * 3
    ):
        Visit.objects.create(
            authority=council.authority,
            reference=f"W{n}",
            date=day + timedelta(days=n),
            career_stage=stage,
            source=source,
        )


def _table(html: str, caption: str) -> dict[str, list[str]]:
    """The rows of the table with this caption: row heading -> its cells."""
    body = html[html.index(caption) :]
    body = body[: body.index("</table>")]
    rows = re.findall(r'<th scope="row" class="govuk-table__header">([^<]*)</th>(.*?)</tr>', body)
    return {head: re.findall(r"<td[^>]*>([^<]*)</td>", cells) for head, cells in rows}


def test_the_funnel_starts_at_the_visit_for_hr(council, signed_in) -> None:  # type: ignore[no-untyped-def]
    _pipeline(council)
    _visits(council)
    html = signed_in("hr").get("/recruitment/").content.decode()
    summary = results.recruitment_summary(records(council.authority), as_at=AS_AT)
    steps = _table(html, "Visits reaching each step")
    assert [steps[s][0] for s in ("Visited", "Applied", "Started")] == ["13", "8", "2"]
    assert {row.stage: row.visits for row in summary.visit_funnel}["applied"] == 8
    assert steps["Applied"][2] == "62%"  # 8 of 13
    by_source = _table(html, "by how the visitor heard of the visits")
    assert by_source["Social media"] == ["10", "8", "80%", "2"]
    assert by_source["Recruitment fair"] == ["3", "0", "0%", "0"]
    by_stage = _table(html, "by the visitor's career stage")
    assert by_stage["Student social worker"] == ["9", "6", "67%", "2"]
    assert by_stage["Experienced social worker"] == ["4", "2", "50%", "0"]
    # the visits come first, before the candidates' funnel
    assert html.index("From a visit to an application") < html.index("The funnel")


def test_outside_hr_small_groups_of_visitors_who_applied_are_withheld(council, signed_in) -> None:  # type: ignore[no-untyped-def]
    _pipeline(council)
    _visits(council)
    html = signed_in("lead").get("/recruitment/").content.decode()
    by_source = _table(html, "by how the visitor heard of the visits")
    assert by_source["Social media"] == ["10", "8", "80%", "fewer than 5"]
    by_stage = _table(html, "by the visitor's career stage")
    # 2 experienced visitors applied: withheld, and the students' 6 too (8 - 6 would give it)
    assert by_stage["Experienced social worker"] == ["4", "fewer than 5", "–", "0"]
    assert by_stage["Student social worker"][1:3] == [NOT_SHOWN, "–"]


def test_no_visits_recorded_says_so_in_a_sentence(council, signed_in) -> None:  # type: ignore[no-untyped-def]
    _pipeline(council)
    html = signed_in("lead").get("/recruitment/").content.decode()
    assert "No Try Before You Apply visits are recorded, so the funnel below starts at the " in html
    assert "Visits reaching each step" not in html
