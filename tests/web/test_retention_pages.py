"""The Retention page and "Who to talk to": per role, on the small council with its history."""

from __future__ import annotations

import re
from dataclasses import replace
from html import unescape

import pytest

from small_council import AS_AT
from thrive.centre.centre import Centre
from thrive.summaries import results
from thrive.summaries.results_common import Loaded, LogRank
from thrive.summaries.retention import log_rank_words
from thrive.summaries.retention_results import OutOfTime
from thrive.web.models import AuditEvent
from thrive.workforce.models import Authority

pytestmark = pytest.mark.django_db
ROLES = ("hr", "lead", "svc", "tm")


@pytest.mark.parametrize("username", ROLES)
def test_every_role_sees_the_retention_curves_and_the_model(council, signed_in, username):
    html = signed_in(username).get("/retention/").content.decode()
    assert "How long people stay, by route in" in html
    assert "Median time with the council" in html and "<svg " in html
    curves = results.retention_curves(records(council.authority), by="route_in", as_at=AS_AT)
    assert log_rank_words(curves.log_rank, "routes in") in html
    assert "What goes with leaving" in html and "Months since last supervision" in html
    assert "Can the model be trusted?" in html and "concordance" in html
    # managers and HR are pointed to the list; leadership is not offered it
    assert ("Who to talk to" in html) == (username != "lead")


def test_the_figures_are_the_view_models(council, signed_in):
    html = signed_in("hr").get("/retention/?by=first_team").content.decode()
    curves = results.retention_curves(
        records(council.authority), by="first_team", as_at=AS_AT, named=True
    )
    for cohort in curves.cohorts:
        row = re.search(
            rf'<th scope="row" class="govuk-table__header">{cohort.cohort}</th>(.*?)</tr>',
            html,
            re.S,
        )
        assert row, cohort.cohort
        cells = re.findall(r">([^<]*)</td>", row.group(1))
        assert cells[:3] == [str(cohort.people), str(cohort.leavers), str(cohort.in_post)]
    risk = results.leaving_risk(records(council.authority), as_at=AS_AT)
    assert f"{risk.out_of_time.people} people in post then" in html
    supervision = next(h for h in risk.hazard_ratios if h.covariate == "months_since_supervision")
    assert f"{supervision.hazard_ratio:.2f}" in html


def test_small_cohorts_are_withheld_outside_hr(council, signed_in):
    # three of the history's leavers started in each year from 2014 to 2018
    lead = signed_in("lead").get("/retention/?by=start_year").content.decode()
    hr = signed_in("hr").get("/retention/?by=start_year").content.decode()
    row = r'<th scope="row" class="govuk-table__header">2014</th>\s*<td[^>]*>([^<]*)</td>'
    assert re.search(row, lead).group(1) == "fewer than 5"
    assert re.search(row, hr).group(1) == "3"


def test_an_unknown_cohort_is_refused_and_none_is_route_in(council, signed_in):
    refused = signed_in("lead").get("/retention/?by=salary")
    assert refused.status_code == 400 and "by 'salary' is not one of" in unescape(
        refused.content.decode()
    )
    html = signed_in("lead").get("/retention/").content.decode()
    assert "How long people stay, by route in" in html


def test_no_role_no_page(council, signed_in):
    assert signed_in("nobody").get("/retention/").status_code == 403
    assert signed_in("nobody").get("/retention/at-risk/").status_code == 403


def _listed(html: str) -> set[str]:
    return set(re.findall(r'href="/workers/([^/]+)/">', html))


def test_hr_sees_the_whole_council_on_the_list_and_the_view_is_audited(
    council, signed_in, ranking_trusted
):
    html = signed_in("hr").get("/retention/at-risk/").content.decode()
    listed = _listed(html)
    assert listed & set(council.pseudonyms["CIC"]) and listed & set(council.pseudonyms["CPN"])
    event = AuditEvent.objects.get(username="hr", action=AuditEvent.Action.VIEW_TEAM)
    assert set(event.workers) == listed and "Leaving-risk list" in event.subject


def test_a_team_manager_sees_only_their_own_team_and_not_themselves(
    council, signed_in, ranking_trusted
):
    html = signed_in("tm").get("/retention/at-risk/").content.decode()
    listed = _listed(html)
    assert listed and listed <= set(council.pseudonyms["CPN"])
    assert council.pseudonyms["CPN"][0] not in listed  # the team manager themself
    assert "Chance of leaving in 12 months" in html
    for name in council.names["CIC"] + council.names["CPS"]:
        assert name not in html


def test_a_service_manager_sees_their_services_teams(council, signed_in, ranking_trusted):
    listed = _listed(signed_in("svc").get("/retention/at-risk/").content.decode())
    assert listed & set(council.pseudonyms["CPS"]) and listed & set(council.pseudonyms["CPN"])
    assert not listed & set(council.pseudonyms["CIC"])


def test_leadership_sees_how_many_but_no_one_named(council, signed_in, ranking_trusted):
    response = signed_in("lead").get("/retention/at-risk/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "shown only to HR and to each person" in html
    assert not _listed(html)
    for names in council.names.values():
        assert not any(name in html for name in names[1:])
    assert not AuditEvent.objects.filter(username="lead").exists()


@pytest.mark.parametrize("username", ("hr", "svc", "tm", "lead"))
def test_when_the_model_cannot_rank_people_no_one_is_named_and_the_page_says_why(
    council, signed_in, username
):
    # the small council is like the demo: too few leavers for the out-of-time test to pass
    risk = results.leaving_risk(records(council.authority), as_at=AS_AT)
    assert risk.out_of_time.concordance_lower is not None
    assert not (risk.out_of_time.concordance >= 0.65 and risk.out_of_time.concordance_lower > 0.5)
    html = unescape(signed_in(username).get("/retention/at-risk/").content.decode())
    assert "No one is named: the records cannot single people out" in html
    assert f"only {100 * risk.out_of_time.concordance:.0f}% of the time" in html
    assert "What goes with leaving here" in html or "No factor in the records goes" in html
    assert not _listed(html) and "Chance of leaving in 12 months" not in html
    for names in council.names.values():
        assert not any(name in html for name in names[1:])
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.VIEW_TEAM).exists()
    retention = unescape(signed_in(username).get("/retention/").content.decode())
    assert "not good enough to single people out, so no one is named" in retention
    assert "How this is worked out" in retention


def test_the_model_checks_read_in_words():
    from thrive.summaries.leaving_risk import out_of_time_method, out_of_time_words, ratio_text

    check = OutOfTime(cutoff="2023-09-30", end="2025-09-30", concordance=0.25, people=271,
                      leavers=62, expected_leavers=61.8, training_episodes=9000,
                      training_leavers=150)  # fmt: skip
    worse = out_of_time_words(check)
    assert "25% of the time" in worse and "worse than a coin toss" in worse
    assert "better than chance" in out_of_time_words(replace(check, concordance=0.59))
    assert "expected 62 leavers; 62 left" in worse
    assert "no one is named" in worse and "concordance" not in worse
    good = replace(check, concordance=0.71, concordance_lower=0.66, concordance_upper=0.76)
    assert "likely between 66% and 76%" in out_of_time_words(good)
    assert "most likely to leave" in out_of_time_words(good)
    # high, but the interval reaches a coin toss: still no names
    unsure = replace(good, concordance_lower=0.48)
    assert "no one is named" in out_of_time_words(unsure)
    assert "0.65" in out_of_time_method(good) and "0.66 to 0.76" in out_of_time_method(good)
    assert [ratio_text(x) for x in (1e48, 0.0, 1.234, None)] == [
        "over 100", "under 0.01", "1.23", "not known"
    ]  # fmt: skip
    assert "could be chance" in log_rank_words(
        LogRank(statistic=2.5, degrees_of_freedom=10, p_value=0.99, people=508), "start years"
    )
    assert "more than chance" in log_rank_words(
        LogRank(statistic=35.4, degrees_of_freedom=6, p_value=1e-6, people=508), "routes in"
    )


def records(authority: Authority) -> Loaded:
    """The authority's frames, as the retention and recruitment results take them."""
    return Centre.for_authority(authority).records()
