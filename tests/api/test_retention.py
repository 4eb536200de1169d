"""``/api/v1/retention`` gives the Retention page's result: the same cohorts and curves, small
cohorts withheld from anyone but an HR admin."""

from __future__ import annotations

from dataclasses import asdict

import pytest

from small_council import AS_AT
from thrive.centre.centre import Centre
from thrive.summaries import results

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("by", ["start_year", "first_team"])
def test_retention_is_the_pages_result_withheld_as_on_the_page(council, api, by):
    records = Centre.for_authority(council.authority).records()
    for username, named in (("hr", True), ("lead", False), ("tm", False)):
        body = api(username).get(f"/api/v1/retention?by={by}").json()
        expected = results.retention_curves(records, by=by, as_at=AS_AT, named=named)
        assert body["unavailable"] is None and body["by"] == by
        assert body["cohorts"] == [asdict(c) for c in expected.cohorts], username
        assert len(body["curves"]) == len(expected.curves) > 0
        assert body["log_rank"] == (asdict(expected.log_rank) if expected.log_rank else None)
    if by != "start_year":
        return
    lead = api("lead").get("/api/v1/retention?by=start_year").json()["cohorts"]
    hr = api("hr").get("/api/v1/retention?by=start_year").json()["cohorts"]
    withheld = [c for c in lead if c["suppressed"]]
    assert withheld and all(c["people"] is None and c["median_years"] is None for c in withheld)
    assert not any(c["suppressed"] for c in hr)


def test_a_cohort_choice_it_does_not_offer_is_a_400(council, api):
    response = api("hr").get("/api/v1/retention?by=shoe_size")
    assert response.status_code == 400 and "by" in response.json()["detail"]


def test_the_leaving_risk_model_is_the_pages_for_every_role(council, api):
    """The factors, checks and words the Retention page shows, from the same result."""
    from thrive.summaries import kept_results
    from thrive.summaries.leaving_risk import risk_section

    centre = Centre.for_authority(council.authority)
    found = kept_results.leaving_risk(centre, AS_AT)
    bodies = {u: api(u).get("/api/v1/retention/risk").json() for u in ("hr", "lead", "tm")}
    assert bodies["hr"] == bodies["lead"] == bodies["tm"]  # no one is named: the page's for all
    body = bodies["hr"]
    assert body["as_at"] == AS_AT.isoformat()
    if isinstance(found, kept_results.Unavailable):
        assert body["unavailable"] == found.reason and body["factors"] == []
        return
    page = risk_section(found)
    assert body["unavailable"] is None and body["fitted_on"] == page.fitted_on
    assert [f["hazard_ratio"] for f in body["factors"]] == [
        h.hazard_ratio for h in found.hazard_ratios
    ]
    assert [(f["lower"], f["upper"]) for f in body["factors"]] == [
        (h.lower, h.upper) for h in found.hazard_ratios
    ]
    rows = page.factors + page.grades + page.teams
    assert sorted(f["reading"] for f in body["factors"]) == sorted(r.reading for r in rows)
    assert body["proportional_hazards"]["words"] == page.proportional
    assert body["out_of_time_words"] == page.out_of_time
    if found.out_of_time:
        assert body["out_of_time"]["concordance"] == found.out_of_time.concordance
        assert body["out_of_time"]["ranks_people"] == page.ranks_people
