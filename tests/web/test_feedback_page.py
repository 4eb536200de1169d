"""The Feedback page: exit interviews and staff survey as the view models give them, themes
quoted only where 5 or more comments carry them, small groups withheld outside HR."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from thrive.centre.centre import Centre
from thrive.lifecycle.models import (
    ExitInterview,
    SurveyAnswer,
    SurveyItem,
    SurveyResponse,
    SurveyWave,
)
from thrive.summaries import results
from thrive.summaries.feedback_results import Quote, TextTheme, ThemesResult
from thrive.summaries.results_common import Loaded
from thrive.workforce.models import Authority, Worker

pytestmark = pytest.mark.django_db
WORKLOAD = "My caseload was too high to do the work properly with families."
MOVING = "My partner has a new job in another city so we are moving away."
SUPERVISION = "Supervision is regular and reflective and my manager listens."
TRAINING = "The academy training programme is excellent and well organised."


def _exits(council) -> None:
    """An exit interview for each of the history's 18 leavers: 12 on workload, 6 moving away."""
    names = [n for names in council.past.values() for n in names]
    for i, person in enumerate(Worker.objects.filter(name__in=names).order_by("pk")):
        heavy = i % 3 != 2
        left = person.spells.get().end_date
        ExitInterview.objects.create(
            worker=person,
            date=left - timedelta(days=5),
            method="interview",
            primary_reason="workload" if heavy else "relocation",
            would_return=not heavy,
            would_recommend=i % 2 == 0,
            comments=WORKLOAD if heavy else MOVING,
        )


def _survey(council) -> None:
    """Two waves: CPN gives 8 responses each time, CIC only 3 (withheld for everyone); each
    response comments on supervision or on training."""
    item = SurveyItem.objects.create(
        authority=council.authority, code="workload", text="My workload is manageable"
    )
    for year, score in ((2023, 2), (2024, 4)):
        wave = SurveyWave.objects.create(
            authority=council.authority,
            name=f"All-staff survey {year}",
            kind="all_staff",
            start_date=date(year, 11, 1),
        )
        for code, count in (("CPN", 8), ("CIC", 3)):
            for k in range(count):
                response = SurveyResponse.objects.create(
                    wave=wave,
                    team=council.teams[code],
                    comments=SUPERVISION if k % 2 else TRAINING,
                )
                SurveyAnswer.objects.create(response=response, item=item, score=score)


@pytest.mark.parametrize("username", ["hr", "lead", "svc", "tm"])
def test_every_role_sees_exit_and_survey_feedback(council, signed_in, username):
    _exits(council)
    _survey(council)
    html = signed_in(username).get("/feedback/").content.decode()
    assert "Exit interviews" in html and "Staff survey" in html
    # 18 exit comments are too few for themes; 22 survey comments give two
    assert (
        "No themes can be found yet: 18 comments so far, and at least 20 are needed to find two"
        " themes." in html
    )
    themes = results.text_themes(records(council.authority), source="survey")
    assert len(themes.themes) == 2
    for theme in themes.themes:
        # named by a phrase two or more of its comments share, not a list of words
        assert theme.label in html and " / " not in theme.label and theme.label[0].isupper()
        assert any(theme.label.lower() in text.lower() for text in (SUPERVISION, TRAINING))
    # both themes are carried by 5 or more comments, so each is quoted
    assert SUPERVISION in html and TRAINING in html
    wave = re.search(r'<th scope="row" class="govuk-table__header">My workload is manageable</th>'
                     r'<td[^>]*>([^<]*)</td><td[^>]*>([^<]*)</td>', html)  # fmt: skip
    assert wave and wave.groups() == ("0%", "100%")
    team = re.search(r"Child Protection North</th><td[^>]*>([^<]*)</td>", html)
    assert team and team.group(1) == "4.0 (+2.0)"
    cic = re.search(r"Children in Care East</th><td[^>]*>([^<]*)</td>", html)
    assert cic and cic.group(1) == "fewer than 5 responses"


def test_a_year_of_few_interviews_is_withheld_outside_hr(council, signed_in):
    _exits(council)
    summary = results.exits_summary(records(council.authority), by="year", named=False)
    small = sorted({r["year"] for r in summary.reasons if r["suppressed"]})
    assert small, "the history should have a year with fewer than 5 interviews"
    row = rf'<th scope="row" class="govuk-table__header">{small[-1]}</th><td[^>]*>([^<]*)</td>'
    lead = signed_in("lead").get("/feedback/").content.decode()
    hr = signed_in("hr").get("/feedback/").content.decode()
    assert re.search(row, lead).group(1) == "fewer than 5"
    assert re.search(row, hr).group(1).isdigit()


def test_nothing_recorded_says_so(council, signed_in):
    html = signed_in("lead").get("/feedback/").content.decode()
    assert "No exit interviews are recorded." in html
    assert "No staff survey is recorded." in html


def test_a_theme_of_few_comments_is_not_quoted_and_its_count_withheld_outside_hr():
    from thrive.summaries.feedback import themes_section

    result = ThemesResult(
        authority="Somewhere",
        source="exits",
        comments=40,
        themes=[
            TextTheme(1, "pay", ["pay"], documents=36, share=0.9, quotable=True),
            TextTheme(2, "parking", ["parking"], documents=4, share=0.1, quotable=False),
        ],
        quotes=[Quote(theme=1, text="Pay is behind."), Quote(theme=2, text="No parking.")],
        method="TF-IDF and NMF.",
    )
    shown = themes_section(result, named=False)
    assert shown.themes[0].quotes == ["Pay is behind."]
    assert (shown.themes[1].quotes, shown.themes[1].comments) == ([], "fewer than 5")
    assert themes_section(result, named=True).themes[1].comments == "4"


def test_exit_years_stop_at_the_as_at_date(council, signed_in):
    _exits(council)
    years = {
        r["year"] for r in results.exits_summary(records(council.authority), by="year").reasons
    }
    assert max(years) > 2021
    html = signed_in("hr").get("/feedback/?as_at=2021-03-01").content.decode()
    table = html.split("Exit interviews by collection year")[1].split("</table>")[0]
    shown = {
        int(y)
        for y in re.findall(r'<th scope="row" class="govuk-table__header">(\d{4})</th>', table)
    }
    assert shown and max(shown) == 2021


def records(authority: Authority) -> Loaded:
    """The authority's frames, as the retention and recruitment results take them."""
    return Centre.for_authority(authority).records()
