"""The published contract: OpenAPI 3 at /api/v1/openapi.json, and docs for people at
/api/v1/docs that work under the strict Content Security Policy (no inline script or style,
everything from Thrive itself)."""

from __future__ import annotations

import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

pytestmark = pytest.mark.django_db
PATHS = {
    "/api/v1/measures",
    "/api/v1/measures/{key}/trend",
    "/api/v1/comparisons",
    "/api/v1/workforce",
    "/api/v1/imports",
    "/api/v1/imports/{batch_id}",
    "/api/v1/imports/{batch_id}/undo",
    "/api/v1/imports/runs/{upload_id}",
    "/api/v1/imports/problems/{token}",
    "/api/v1/retention",
    "/api/v1/retention/risk",
    "/api/v1/forecast",
}


def test_the_openapi_document_is_openapi_3_with_every_endpoint_and_the_bearer_scheme():
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.")
    assert set(document["paths"]) == PATHS
    schemes = document["components"]["securitySchemes"]
    assert any(s == {"type": "http", "scheme": "bearer"} for s in schemes.values())
    for path, operations in document["paths"].items():
        for operation in operations.values():
            assert operation["security"], path
            answers = operation["responses"]
            assert {"400", "401", "403", "404", "429"} <= set(answers), path
            success = answers.get("200") or answers.get("202")  # 202: an upload taken
            assert success, path
            # every answer typed: a JSON schema, or the problems CSV's text
            for status, answer in answers.items():
                [(media, content)] = answer["content"].items()
                assert media in {"application/json", "text/csv"}, (path, status)
                assert content["schema"], (path, status)


def test_the_docs_page_has_no_inline_script_or_style_and_its_assets_are_thrives_own():
    response = Client().get("/api/v1/docs")
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy
    html = response.content.decode()
    scripts = re.findall(r"<script([^>]*)>", html)
    assert scripts
    for attributes in scripts:
        assert "src=" in attributes or 'type="application/json"' in attributes, attributes
    assert "<style" not in html and "style=" not in html
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert assets and all(a.startswith("/static/") for a in assets), assets
    for asset in assets:
        assert finders.find(asset.removeprefix("/static/")), asset
        assert Client().get(asset).status_code == 200, asset
