"""Schemathesis runs the OpenAPI document against the app (in-process, through WSGI) with an HR
admin's token and a team manager's: no answer is a 500, and every answer matches the document
(its status codes, content type and schema). Bounded: a few examples an endpoint, < 1 minute.

The forecast is left out: each set of levers is 10,000 simulated runs (seconds each), so a
fuzzing run would take minutes; ``test_forecast.py`` asks it for bad levers and a real scenario.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from thrive.api.urls import api

schema = schemathesis.openapi.from_dict(api.get_openapi_schema()).exclude(path="/api/v1/forecast")
schema.app = get_wsgi_application()
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]

pytestmark = pytest.mark.django_db


@pytest.fixture
def callers(tokens, settings):
    settings.THRIVE_API_PER_MINUTE = 100_000  # the limit has its own test
    # As Django's test client does: a request's start and end must not close the test's
    # connection (on PostgreSQL that would end the transaction the test's records are in).
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield [tokens["hr"], tokens["tm"]]
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_no_server_error_and_no_answer_outside_the_contract(case, callers):
    for token in callers:
        case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)
