"""Tokens: shown once and kept hashed; missing, wrong, expired or revoked is a 401; each token
is rate-limited; ``thrive api token`` issues, lists and revokes them."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from thrive.api_tokens.keys import TokenError, digest, issue
from thrive.api_tokens.models import ApiToken

pytestmark = pytest.mark.django_db
URL = "/api/v1/measures?measure=fte_in_post"


def _bearer(text: str) -> Client:
    return Client(headers={"Authorization": f"Bearer {text}"})


def _refused(response) -> None:
    assert response.status_code == 401, response.content
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["detail"].startswith("Send a valid token")


def test_a_token_is_kept_only_as_its_hash(council):
    made = issue(council.users["tm"], 30, issued_by="hr")
    row = ApiToken.objects.get(pk=made.token.pk)
    assert made.text.startswith(f"thrive_{row.prefix}_")
    assert row.digest == digest(made.text) != made.text
    stored = list(ApiToken.objects.values_list(*[f.attname for f in ApiToken._meta.fields]))
    assert made.text not in repr(stored)


def test_missing_wrong_expired_and_revoked_tokens_are_refused(council, tokens):
    _refused(Client().get(URL))
    _refused(Client(headers={"Authorization": "Basic dG06eA=="}).get(URL))
    _refused(_bearer("thrive_00000000_" + "x" * 43).get(URL))
    good = tokens["tm"]
    _refused(_bearer(good[:-1] + ("A" if good[-1] != "A" else "B")).get(URL))  # one letter off
    assert _bearer(good).get(URL).status_code == 200

    expired = issue(council.users["tm"], 1, issued_by="hr")
    ApiToken.objects.filter(pk=expired.token.pk).update(expires_at=timezone.now())
    _refused(_bearer(expired.text).get(URL))

    out = StringIO()
    call_command("api", "token", "revoke", good.split("_")[1], stdout=out)
    assert "Revoked" in out.getvalue()
    _refused(_bearer(good).get(URL))


def test_a_token_of_a_deactivated_account_is_refused(council, tokens):
    user = council.users["lead"]
    user.is_active = False
    user.save()
    _refused(_bearer(tokens["lead"]).get(URL))


def test_last_use_is_noted(council, tokens):
    prefix = tokens["svc"].split("_")[1]
    assert ApiToken.objects.get(prefix=prefix).last_used_at is None
    assert _bearer(tokens["svc"]).get(URL).status_code == 200
    used = ApiToken.objects.get(prefix=prefix).last_used_at
    assert used is not None and timezone.now() - used < timedelta(minutes=1)


def test_each_token_is_limited_per_minute_with_retry_after(council, tokens, settings):
    settings.THRIVE_API_PER_MINUTE = 3
    client = _bearer(tokens["hr"])
    answers = [client.get("/api/v1/imports").status_code for _ in range(4)]
    assert answers[:3] == [200, 200, 200]
    limited = client.get("/api/v1/imports")
    assert limited.status_code == 429
    assert 1 <= int(limited["Retry-After"]) <= 60
    assert "at most 3 a minute" in limited.json()["detail"]
    assert _bearer(tokens["lead"]).get(URL).status_code == 200  # another token: its own count


def test_no_token_for_an_account_with_no_role_or_for_too_long(council):
    with pytest.raises(TokenError, match="no role"):
        issue(council.users["nobody"], 30, issued_by="hr")
    with pytest.raises(TokenError, match="1 to 366 days"):
        issue(council.users["tm"], 367, issued_by="hr")


def test_the_command_issues_lists_and_revokes(council):
    out = StringIO()
    call_command(
        "api", "token", "issue", "--user", "lead", "--days", "7", "--label", "BI", stdout=out
    )
    text = next(line for line in out.getvalue().splitlines() if line.startswith("thrive_"))
    assert _bearer(text).get(URL).status_code == 200
    listed = StringIO()
    call_command("api", "token", "list", stdout=listed)
    prefix = text.split("_")[1]
    assert prefix in listed.getvalue() and "lead" in listed.getvalue()
    assert text not in listed.getvalue()
    call_command("api", "token", "revoke", prefix, stdout=StringIO())
    after = StringIO()
    call_command("api", "token", "list", "--user", "lead", stdout=after)
    assert "revoked" in after.getvalue()
    _refused(_bearer(text).get(URL))
