"""Kept results' keys: no viewer ever gets another scope's figures, and an import moves them all."""

from __future__ import annotations

import os
import socket
import uuid
from datetime import date
from itertools import combinations

import pytest
from django.core.cache import caches
from django.test import override_settings

from thrive.centre.centre import Centre
from thrive.codes import Role
from thrive.summaries.scope import Scope

SCOPES = (
    Scope("hr", Role.HR_ADMIN, authority_id=1),
    Scope("lead", Role.LEADERSHIP, authority_id=1),
    Scope("svc", Role.SERVICE_MANAGER, authority_id=1, service_id=10),
    Scope("svc2", Role.SERVICE_MANAGER, authority_id=1, service_id=11),
    Scope("tm", Role.TEAM_MANAGER, authority_id=1, service_id=10, team_id=100),
    Scope("tm2", Role.TEAM_MANAGER, authority_id=1, service_id=10, team_id=101),
    Scope("hr-elsewhere", Role.HR_ADMIN, authority_id=2),
)
AS_AT = date(2025, 9, 30)


def _centre(scope: Scope, version: str, as_at: date = AS_AT) -> Centre:
    return Centre(scope, "Testshire", "123", None, AS_AT, as_at, version)


def test_two_scopes_never_share_a_key_for_the_same_page():
    for a, b in combinations(SCOPES, 2):
        assert _centre(a, "v1").key("retention:route_in:True") != _centre(b, "v1").key(
            "retention:route_in:True"
        )


def test_two_dates_never_share_a_key():
    hr = SCOPES[0]
    assert _centre(hr, "v1").key("overview") != _centre(hr, "v1", date(2024, 3, 31)).key("overview")


def test_authority_results_are_kept_once_per_authority_not_per_viewer():
    same = {_centre(s, "v1").key("risk", for_authority=True) for s in SCOPES[:-1]}
    other = _centre(SCOPES[-1], "v1").key("risk", for_authority=True)
    assert len(same) == 1 and other not in same


def test_an_import_moves_every_key():
    pages = ("overview", "retention:route_in:True", "careers:False", "forecast:baseline")
    before = {
        _centre(s, "1.1-10-20").key(p, for_authority=a)
        for s in SCOPES
        for p in pages
        for a in (True, False)
    }
    after = {
        _centre(s, "1.1-11-20").key(p, for_authority=a)
        for s in SCOPES
        for p in pages
        for a in (True, False)
    }
    assert before.isdisjoint(after)


def _redis_answers(url: str) -> bool:
    host_port = url.split("//", 1)[1].split("/", 1)[0]
    host, _, port = host_port.rpartition("@")[2].partition(":")
    with socket.socket() as probe:
        probe.settimeout(1)
        return probe.connect_ex((host, int(port or 6379))) == 0


def test_results_are_kept_in_redis_when_thrive_cache_url_says_so():
    url = os.environ.get("THRIVE_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    if not _redis_answers(url) and not os.environ.get("CI"):
        pytest.skip(f"no Redis answers at {url} (CI starts one; .ci/run)")
    redis = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": f"thrive-test-{uuid.uuid4().hex}",
    }
    centre = _centre(SCOPES[0], "v1")
    with override_settings(CACHES={"default": redis}):
        built = []
        try:
            for _ in range(2):
                value = centre.remembered("answer", lambda: built.append(1) or 42)
                assert value == 42
            assert built == [1]  # the second read came from Redis
            assert caches["default"].get(centre.key("answer")) == 42
        finally:
            caches["default"].delete(centre.key("answer"))
