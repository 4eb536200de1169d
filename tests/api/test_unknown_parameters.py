"""A query parameter name a call does not declare is a 400 naming it, as on the pages; every
name the OpenAPI document declares for a call is still taken."""

from __future__ import annotations

import pytest

from thrive.api.urls import api as thrive_api

pytestmark = pytest.mark.django_db


def _operations() -> list[tuple[str, list[str]]]:
    """Each GET path of the OpenAPI document and the query names it declares."""
    schema = thrive_api.get_openapi_schema(path_prefix="/api/v1")
    found = []
    for path, methods in schema["paths"].items():
        if "get" not in methods:
            continue
        names = [p["name"] for p in methods["get"].get("parameters", []) if p["in"] == "query"]
        found.append((path, names))
    return found


OPERATIONS = _operations()
EXAMPLE_PATH = {"{key}": "turnover_rate", "{batch_id}": "1", "{worker_id}": "1", "{team_id}": "1"}


def _url(path: str) -> str:
    for name, value in EXAMPLE_PATH.items():
        path = path.replace(name, value)
    return path


def test_every_operation_is_checked():
    assert len(OPERATIONS) >= 5
    assert any(names for _, names in OPERATIONS)


@pytest.mark.parametrize(("path", "names"), OPERATIONS, ids=[p for p, _ in OPERATIONS])
def test_an_unknown_parameter_name_is_a_400_naming_it(council, api, path, names):
    response = api("hr").get(_url(path) + "?servcie=Fostering")
    assert response.status_code == 400, (path, response.content[:300])
    detail = response.json()["detail"]
    assert "'servcie'" in detail
    for name in names:
        assert name in detail.split("takes only:")[1]
    assert response["Content-Type"] == "application/json; charset=utf-8"


@pytest.mark.parametrize(("path", "names"), OPERATIONS, ids=[p for p, _ in OPERATIONS])
def test_every_declared_name_is_still_taken(council, api, path, names):
    """Each declared name, given (even with a value the call refuses), is never called unknown."""
    for name in names:
        response = api("hr").get(_url(path), {name: "x"})
        if response.status_code == 400:
            assert "does not know the parameter" not in response.json()["detail"], (path, name)


def test_many_unknown_names_are_counted_not_all_listed(council, api):
    query = "&".join(f"n{i}=1" for i in range(40))
    response = api("hr").get("/api/v1/measures?" + query)
    assert response.status_code == 400
    assert "and 35 more" in response.json()["detail"]


def test_a_control_character_in_a_name_is_not_echoed(council, api):
    response = api("hr").get("/api/v1/measures?a%1b%5b31m=1")
    assert response.status_code == 400
    assert "\x1b" not in response.json()["detail"]
