"""Sign-in lockout, the Content Security Policy, password hashing and cookies."""

from __future__ import annotations

import pytest
from django.contrib.auth import authenticate
from django.test import Client

from small_council import PASSWORD

pytestmark = pytest.mark.django_db


def _sign_in(client: Client, username: str, password: str):
    return client.post("/login/", {"username": username, "password": password})


def test_signing_in_with_the_right_password_works(council):
    client = Client()
    response = _sign_in(client, "tm", PASSWORD)
    assert response.status_code == 302
    assert client.get("/teams/").status_code == 302  # a team manager goes to their team


def test_five_wrong_passwords_lock_the_account_even_against_the_right_one(council):
    client = Client()
    for _ in range(4):
        assert _sign_in(client, "tm", "wrong").status_code == 200  # the form again, with an error
    locked = _sign_in(client, "tm", "wrong")
    assert locked.status_code == 429
    assert "Too many attempts" in locked.content.decode()
    assert "locked for 15 minutes." in locked.content.decode()
    assert "PT15M" not in locked.content.decode()
    assert _sign_in(client, "tm", PASSWORD).status_code == 429
    assert _sign_in(Client(), "hr", PASSWORD).status_code == 302  # other users are not locked


def test_a_wrong_password_shows_the_error_summary(council):
    page = _sign_in(Client(), "tm", "wrong").content.decode()
    assert "There is a problem" in page


def test_authentication_without_a_web_request_is_not_throttled(council):
    assert authenticate(username="tm", password=PASSWORD) == council.users["tm"]


def test_passwords_are_stored_with_argon2(council):
    council.users["tm"].refresh_from_db()
    assert council.users["tm"].password.startswith("argon2")


def test_pages_carry_a_strict_content_security_policy(council, signed_in):
    response = signed_in("tm").get(f"/teams/{council.teams['CPN'].pk}/")
    policy = response["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if d.strip())
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_pages_have_no_inline_scripts_or_styles(council, signed_in):
    import re

    html = signed_in("hr").get(f"/teams/{council.teams['CPN'].pk}/").content.decode()
    scripts = re.findall(r"<script([^>]*)>", html)
    assert scripts and all("src=" in attributes for attributes in scripts)
    assert " style=" not in html and "<style" not in html
    assert not re.findall(r"<[^>]+\son[a-z]+=", html)  # no inline event handlers


def test_cookies_are_sent_over_https_only_in_production(tmp_path):
    import os
    import subprocess
    import sys

    probe = (
        "from thrive import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY)"
    )
    environment = {
        **os.environ,
        "THRIVE_PRODUCTION": "1",
        "THRIVE_SECRET_KEY": "x" * 50,
        "THRIVE_DATA_DIR": str(tmp_path),
    }
    shown = subprocess.run(
        [sys.executable, "-c", probe], env=environment, capture_output=True, text=True, check=True
    )
    assert shown.stdout.split() == ["True", "True", "True"]
