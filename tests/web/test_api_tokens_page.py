"""The API tokens page: an HR admin issues a token (shown once), sees every token of the
council's users and revokes one; nobody else may; each issue and revocation is audited."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from thrive.api_tokens.models import ApiToken
from thrive.web.models import AuditEvent
from thrive.workforce import models

pytestmark = pytest.mark.django_db
TOKEN = re.compile(r"thrive_[0-9a-f]{8}_[A-Za-z0-9_-]{43}")


def test_an_hr_admin_issues_a_token_that_is_shown_once_and_works(council, signed_in):
    hr = signed_in("hr")
    lead = council.users["lead"]
    issued = hr.post("/api-tokens/", {"user": lead.pk, "days": "30", "label": "Power BI"})
    assert issued.status_code == 200
    shown = TOKEN.findall(issued.content.decode())
    assert len(shown) == 1
    text = shown[0]
    api = Client(headers={"Authorization": f"Bearer {text}"})
    assert api.get("/api/v1/measures?measure=fte_in_post").status_code == 200
    listed = hr.get("/api-tokens/").content.decode()
    assert text not in listed and f"thrive_{text.split('_')[1]}" in listed and "Power BI" in listed
    token = ApiToken.objects.get(user=lead)
    assert token.issued_by == "hr" and token.label == "Power BI"
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.CHANGE, subject__startswith="Issued API token"
    ).exists()

    assert hr.get(f"/api-tokens/{token.pk}/revoke/").status_code == 405
    revoked = hr.post(f"/api-tokens/{token.pk}/revoke/")
    assert revoked.status_code == 302 and revoked["Location"] == "/api-tokens/"
    assert api.get("/api/v1/measures?measure=fte_in_post").status_code == 401
    assert AuditEvent.objects.filter(subject__startswith="Revoked API token").exists()


def test_a_token_only_for_a_user_of_the_council_and_for_at_most_a_year(council, signed_in):
    hr = signed_in("hr")
    other = models.Authority.objects.create(la_number="997", name="Elsewhere")
    stranger = type(council.users["lead"]).objects.create(username="stranger")
    models.UserAccess.objects.create(user=stranger, authority=other, role="hr_admin")
    for refused in (
        {"user": stranger.pk, "days": "30"},
        {"user": council.users["nobody"].pk, "days": "30"},
        {"user": council.users["tm"].pk, "days": "367"},
        {"user": council.users["tm"].pk, "days": "x"},
    ):
        response = hr.post("/api-tokens/", refused)
        assert response.status_code == 400, refused
        assert "There is a problem" in response.content.decode()
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize("username", ["lead", "svc", "tm", "nobody"])
def test_no_one_but_an_hr_admin_may_issue_list_or_revoke(council, signed_in, username):
    client = signed_in(username)
    token = ApiToken.objects.create(
        user=council.users["tm"],
        prefix="0badf00d",
        digest="0" * 64,
        issued_by="hr",
        expires_at="2099-01-01T00:00:00Z",
    )
    assert client.get("/api-tokens/").status_code == 403
    assert (
        client.post("/api-tokens/", {"user": council.users[username].pk, "days": 9}).status_code
        == 403
    )
    assert client.post(f"/api-tokens/{token.pk}/revoke/").status_code == 403
    token.refresh_from_db()
    assert token.revoked_at is None
