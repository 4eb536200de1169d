"""Fixtures for the web tests: the small council, and a client signed in as any of its users."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from django.test import Client

sys.path.insert(0, str(Path(__file__).parent))

import small_council as council_module  # noqa: E402


@pytest.fixture
def council(db: None) -> council_module.Council:
    return council_module.build()


@pytest.fixture
def signed_in(council: council_module.Council) -> Callable[[str], Client]:
    """``signed_in("tm")``: a test client signed in as that user of the council."""

    def make(username: str) -> Client:
        client = Client()
        client.force_login(council.users[username])
        return client

    return make


@pytest.fixture
def ranking_trusted(monkeypatch: pytest.MonkeyPatch) -> None:
    """Who to talk to on the small council as if its model carried a named list.

    The council's own 17 leavers cannot carry one: its out-of-time test fails and no factor is
    clear, so the page names no one (test_retention_pages tests that). Tests about *who may see
    whose name*, and recording a conversation from the list, need names on the page, so they
    take this: the council's real list, people, ranks, conversations and scope rules, with
    only the model's verdict planted: an out-of-time test that passes (concordance 0.72,
    interval 0.66 to 0.78) and one clear reason on each row.
    """
    from dataclasses import replace

    from thrive.summaries import kept_results

    real_risk, real_list = kept_results.leaving_risk, kept_results.people_at_risk

    def trusted(centre, as_at):  # type: ignore[no-untyped-def]
        result = real_risk(centre, as_at)
        if isinstance(result, kept_results.Unavailable):
            return result
        check = replace(
            result.out_of_time, concordance=0.72, concordance_lower=0.66, concordance_upper=0.78
        )
        return replace(result, out_of_time=check)

    def with_reasons(centre, as_at):  # type: ignore[no-untyped-def]
        result = real_list(centre, as_at)
        if isinstance(result, kept_results.Unavailable):
            return result
        people = [
            replace(p, factors=["High caseload (planted in the test)"]) for p in result.people
        ]
        return replace(result, people=people)

    monkeypatch.setattr(kept_results, "leaving_risk", trusted)
    monkeypatch.setattr(kept_results, "people_at_risk", with_reasons)
