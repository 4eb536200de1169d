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
