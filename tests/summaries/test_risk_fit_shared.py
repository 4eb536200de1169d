"""The leaving-risk result and Who to talk to share one build of the episodes and one fit."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command

import small_council
from thrive.centre.centre import Centre
from thrive.commands.result_tables import as_payload, to_json
from thrive.summaries import kept_results, results, retention_results
from thrive.summaries.results_common import latest_day


@pytest.fixture
def council(db: None) -> small_council.Council:
    return small_council.build()


def test_the_two_results_build_the_episodes_and_fit_the_model_once(council, monkeypatch):
    fits: list[object] = []
    real_fit = results.fit_risk

    def counted(*args, **kwargs):  # the real fit, counted
        fit = real_fit(*args, **kwargs)
        fits.append(fit)
        return fit

    monkeypatch.setattr(results, "fit_risk", counted)
    monkeypatch.setattr(retention_results, "fit_risk", counted)
    # Fits other tests left held (until their timer lets go) are not this test's business.
    monkeypatch.setattr(kept_results, "_fit_held", {})
    centre = Centre.for_authority(council.authority)
    as_at = small_council.AS_AT

    risk = kept_results.leaving_risk(centre, as_at)
    people = kept_results.people_at_risk(centre, as_at)

    assert len(fits) == 1
    assert not kept_results._fit_held  # let go once both had it
    records = centre.records()
    assert risk == results.leaving_risk(records, as_at=as_at)
    assert people == results.people_at_risk(records, visible=None, as_at=as_at, top=None)
    assert isinstance(risk, results.RiskResult) and risk.people > 0
    assert isinstance(people, results.AtRiskResult) and people.in_post > 0


def test_a_fit_for_another_day_is_not_reused(council):
    records = Centre.for_authority(council.authority).records()
    fit = results.fit_risk(records, small_council.AS_AT)
    earlier = small_council.AS_AT.replace(year=2024)
    result = results.leaving_risk(records, as_at=earlier, fit=fit)
    assert result.as_at == earlier.isoformat()
    assert result == results.leaving_risk(records, as_at=earlier)


def test_the_command_shows_the_same_figures_and_keeps_them_for_the_pages(council):
    centre = Centre.for_authority(council.authority)
    records = centre.records()
    day = latest_day(records.frames)

    def run(*args: str) -> object:
        out = StringIO()
        call_command("retention", *args, "--format", "json", stdout=out)
        return json.loads(out.getvalue())

    assert run("risk") == json.loads(to_json(as_payload(results.leaving_risk(records, as_at=day))))
    expected = results.people_at_risk(records, visible=None, as_at=day, top=3)
    assert run("at-risk", "--top", "3") == json.loads(to_json(as_payload(expected)))
    kept = cache.get(centre.key(f"lifecycle:risk:{council.authority.pk}:{day}", for_authority=True))
    assert kept == results.leaving_risk(records, as_at=day)  # what the Retention page reads
