"""Absurd input is a 400 or 404 in JSON saying why: never a 500, never a page of HTML."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url,status",
    [
        ("/api/v1/measures?as_at=9999-12-31", 400),
        ("/api/v1/measures?as_at=0001-01-01", 400),
        ("/api/v1/measures?as_at=2024-02-30", 400),
        ("/api/v1/measures?as_at=" + "x" * 5000, 400),
        ("/api/v1/measures?as_at=2025-09-30%00", 400),
        ("/api/v1/measures?as_at=1e400", 400),
        ("/api/v1/measures?service=Nowhere", 404),
        ("/api/v1/measures?measure=shoe_size", 404),
        ("/api/v1/measures?" + "&".join(["measure=fte_in_post"] * 101), 400),
        ("/api/v1/measures/shoe_size/trend", 404),
        ("/api/v1/measures/turnover_rate/trend?start=2025-09-30&end=2024-09-30", 400),
        ("/api/v1/measures/turnover_rate/trend?start=0001-01-01", 400),
        ("/api/v1/measures/turnover_rate/trend?start=2014-10-01&end=2025-09-30", 400),
        ("/api/v1/comparisons?compare=abc", 400),
        ("/api/v1/workforce?team_id=0", 400),
        ("/api/v1/workforce?team_id=99999999999999999999", 400),
        ("/api/v1/workforce?team_id=999999", 404),
        ("/api/v1/workforce?team_id=x", 400),
        ("/api/v1/imports?limit=0", 400),
        ("/api/v1/imports?limit=x", 400),
        ("/api/v1/imports/99999999999999999999", 404),
        ("/api/v1/imports/x", 400),
        ("/api/v1/imports/-1", 404),
    ],
)
def test_absurd_input_is_a_json_400_or_404(council, api, url, status):
    response = api("hr").get(url)
    assert response.status_code == status, (url, response.content[:200])
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.json()["detail"]
    assert response["Cache-Control"].startswith("max-age=0")
