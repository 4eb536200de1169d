"""Signed-in sessions for the demo logins, printed as JSON (run in its own process).

Run with ``THRIVE_DATA_DIR`` set to the store the server will use. Each demo login (the ones
``thrive demo`` prints: HR admin, leadership, service manager, team manager) gets a session the
way Django's test ``Client.force_login`` makes one: a row in the store's session table that the
server reads like any session made by the sign-in form. Nothing is sent to the server, so its
workers are untouched until the benchmark's first timed request.

    THRIVE_DATA_DIR=<store> .venv/bin/python bench/web/logins.py
    [{"username": "hr.admin", "role": "HR admin", "cookie": "sessionid=..."}, ...]
"""

from __future__ import annotations

import json
import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thrive.settings")


def sessions() -> list[dict[str, str]]:
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    from thrive.demo.logins import LOGINS

    users = get_user_model().objects
    found = []
    for username, _password, role in LOGINS:
        client = Client()
        client.force_login(
            users.get(username=username), backend="django.contrib.auth.backends.ModelBackend"
        )
        cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
        found.append(
            {
                "username": username,
                "role": str(role.label),
                "cookie": f"{settings.SESSION_COOKIE_NAME}={cookie}",
            }
        )
    return found


if __name__ == "__main__":
    print(json.dumps(sessions()))
