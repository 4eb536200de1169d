"""The web app under database faults, served by gunicorn (``thrive serve``) on 127.0.0.1.

- PostgreSQL drops the app's connection between two requests (``pg_terminate_backend``, as a
  restart does): the next request is answered as before, not with a 500.
- The database cannot be reached at all: a styled 503 page says so in words, no traceback.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from stores import Store, pg_admin

pytestmark = pytest.mark.slow

PASSWORD = "a-long-test-password-1"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Browser:
    base: str
    opener: urllib.request.OpenerDirector

    def get(self, path: str) -> tuple[int, str]:
        return self._open(urllib.request.Request(self.base + path))

    def post(self, path: str, fields: dict[str, str]) -> tuple[int, str]:
        data = urllib.parse.urlencode(fields).encode()
        request = urllib.request.Request(self.base + path, data=data, method="POST")
        request.add_header("Referer", self.base + path)
        return self._open(request)

    def _open(self, request: urllib.request.Request) -> tuple[int, str]:
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def sign_in(self, username: str) -> tuple[int, str]:
        _, page = self.get("/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token, page
        return self.post(
            "/login/",
            {"csrfmiddlewaretoken": token.group(1), "username": username, "password": PASSWORD},
        )


@pytest.fixture
def serve(store: Store) -> Iterator[object]:
    """Start ``thrive serve`` (one gunicorn worker) on a free port; a :class:`Browser` for it."""
    started: list[subprocess.Popen[bytes]] = []

    def start(**extra: str) -> Browser:
        port = _free_port()
        process = subprocess.Popen(
            [sys.executable, "-m", "thrive.commands.cli", "serve", "--port", str(port)]
            + ["--workers", "1"],
            env=store.env(**extra),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        started.append(process)
        base = f"http://127.0.0.1:{port}"
        jar = http.cookiejar.CookieJar()
        browser = Browser(
            base, urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        )
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            try:
                browser.get("/login/")
                return browser
            except OSError:
                assert process.poll() is None, "thrive serve stopped"
                time.sleep(0.5)
        raise AssertionError("thrive serve did not answer within 3 minutes")

    yield start
    for process in started:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=60)


def _superuser(store: Store) -> str:
    from django.contrib.auth.hashers import make_password

    with pg_admin(store.database) as db:
        db.execute(
            "INSERT INTO auth_user (password, is_superuser, username, first_name, last_name, "
            "email, is_staff, is_active, date_joined) "
            "VALUES (%s, true, 'admin', '', '', '', true, true, now())",
            [make_password(PASSWORD)],
        )
    return "admin"


def test_the_first_request_after_postgresql_drops_the_connection_is_answered(
    store: Store, serve: object
) -> None:
    if not store.url:
        pytest.skip("PostgreSQL only: SQLite has no server connection to drop")
    browser = serve()  # type: ignore[operator]
    signed_in, _ = browser.sign_in(_superuser(store))
    assert signed_in == 200  # followed the redirect to the start page
    status, _ = browser.get("/data/")
    assert status < 500
    with pg_admin() as admin:
        ended = admin.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            [store.database],
        ).fetchone()[0]
    assert ended >= 1  # the worker's kept connection
    again, page = browser.get("/data/")
    assert again == status, page[:500]


def test_a_database_that_cannot_be_reached_gives_a_503_page_in_words(serve: object) -> None:
    closed = _free_port()  # nothing listens there
    browser = serve(THRIVE_DATABASE_URL=f"postgres://thrive@127.0.0.1:{closed}/thrive")  # type: ignore[operator]
    status, page = browser.sign_in("anyone")
    assert status == 503
    assert "Thrive cannot reach its database" in page
    assert 'class="govuk-template"' in page and "thrive.css" in page  # the styled page
    assert "Traceback" not in page and "OperationalError" not in page


def test_a_connection_dropped_mid_request_is_said_in_words_and_the_next_is_answered(
    store: Store, serve: object
) -> None:
    """PostgreSQL ends the app's connection while it is answering a page: held mid-query by a
    lock on the users table (the page waits for it), then ``pg_terminate_backend``. That
    page gets the 503 page in words, never a traceback; the next request is answered as before.
    """
    if not store.url:
        pytest.skip("PostgreSQL only: SQLite has no server connection to drop")
    browser = serve()  # type: ignore[operator]
    signed_in, _ = browser.sign_in(_superuser(store))
    assert signed_in == 200
    status, _ = browser.get("/data/")
    assert status < 500  # the admin has no council: a 403 page, audited (a write)
    answered: list[tuple[int, str]] = []
    with pg_admin(store.database) as holder:
        holder.execute("BEGIN")
        holder.execute("LOCK TABLE auth_user IN ACCESS EXCLUSIVE MODE")
        asking = threading.Thread(target=lambda: answered.append(browser.get("/data/")))
        asking.start()
        waiting: list[int] = []
        deadline = time.monotonic() + 30
        while not waiting and time.monotonic() < deadline:
            time.sleep(0.2)
            with pg_admin() as admin:
                waiting = [
                    row[0]
                    for row in admin.execute(
                        "SELECT pid FROM pg_stat_activity WHERE datname = %s "
                        "AND wait_event_type = 'Lock'",
                        [store.database],
                    ).fetchall()
                ]
        assert waiting, "the page never reached the database"
        with pg_admin() as admin:
            for pid in waiting:
                admin.execute("SELECT pg_terminate_backend(%s)", [pid])
        asking.join(timeout=60)
        holder.execute("ROLLBACK")
    assert not asking.is_alive()
    dropped, page = answered[0]
    assert dropped == 503, (dropped, page[:500])
    assert "Thrive cannot" in page and "Traceback" not in page
    again, page = browser.get("/data/")
    assert again == status, page[:500]
