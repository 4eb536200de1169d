"""Uploads on the Data page import outside the request, served by gunicorn (``thrive serve``).

The upload's POST answers at once with a redirect to the import's status page; the import runs
in a process of its own, and the status page (asked again until the outcome is there) then shows
what the Data page shows after an import. A killed import process is said in words and leaves
the store as it was; another council's HR admin, or a leader of the same council, cannot see
the status page.
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import signal
import sqlite3
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest
from test_web_faults import PASSWORD, Browser, serve  # noqa: F401 (the serve fixture)

from stores import Store, another_import, pg_admin, write_staff

pytestmark = pytest.mark.slow

POLL_SECONDS = 60
USERS = f"""
from django.contrib.auth.models import User
from thrive.workforce.models import Authority, UserAccess
la = Authority.objects.get(la_number="933")
other = Authority.objects.create(la_number="934", name="Another Council")
for name, authority, role in (
    ("hr", la, "hr_admin"), ("hr.other", other, "hr_admin"), ("lead", la, "leadership")
):
    user = User.objects.create_user(name, password="{PASSWORD}")
    UserAccess.objects.create(user=user, authority=authority, role=role)
"""


def _open(browser: Browser, request: urllib.request.Request) -> tuple[int, str, str]:
    """The status, final address (after redirects) and page."""
    try:
        with browser.opener.open(request, timeout=60) as response:
            return response.status, response.geturl(), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.geturl(), error.read().decode()


def upload(
    browser: Browser, path: Path, kind: str = "staff", *, at: str = "/data/", field: str = "file"
) -> tuple[int, str, str, float]:
    """Post ``path`` on the Data page as the signed-in user: status, address, page, seconds."""
    _, page = browser.get("/data/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token, page[:500]
    boundary = uuid.uuid4().hex
    parts = [
        (f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n')
        for name, value in (
            ("csrfmiddlewaretoken", token.group(1)),
            ("kind", kind),
            ("profile", "generic"),
        )
    ]
    body = (
        "".join(parts).encode()
        + (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; '
            f'filename="{path.name}"\r\nContent-Type: text/csv\r\n\r\n'
        ).encode()
    )
    body += path.read_bytes() + f"\r\n--{boundary}--\r\n".encode()
    request = urllib.request.Request(browser.base + at, data=body, method="POST")
    request.add_header("Content-Type", f"multipart/form-data; boundary={boundary}")
    request.add_header("Referer", browser.base + "/data/")
    began = time.monotonic()
    status, address, page = _open(browser, request)
    return status, address, page, time.monotonic() - began


def outcome(browser: Browser, address: str) -> tuple[int, str]:
    """Ask the status page until the import is over (at most ``POLL_SECONDS``)."""
    deadline = time.monotonic() + POLL_SECONDS
    while time.monotonic() < deadline:
        status, _, page = _open(browser, urllib.request.Request(address))
        if "Importing " not in page or "thrive-working" not in page:
            return status, page
        time.sleep(0.5)
    raise AssertionError(f"the import was still running after {POLL_SECONDS} s")


def count(store: Store, sql: str) -> int:
    if not store.url:
        with sqlite3.connect(f"file:{store.sqlite_file}?mode=ro", uri=True) as db:
            return int(db.execute(sql).fetchone()[0])
    with pg_admin(store.database) as db:
        return int(db.execute(sql).fetchone()[0])


def records(snapshot: list[tuple[str, list[str]]]) -> list[tuple[str, list[str]]]:
    """The tables an import can touch (not the audit log, sessions or sign-in attempts)."""
    return [
        t for t in snapshot if t[0].startswith(("workforce_", "ingest_", "insight_", "benchmark_"))
    ]


def folder_of(store: Store, address: str) -> Path:
    match = re.search(r"/data/imports/([^/]+)/$", address)
    assert match, address
    return store.data_dir / "uploads" / match.group(1)


@pytest.fixture
def site(store: Store, serve: object) -> Browser:  # noqa: F811
    made = store.run("shell", "-c", USERS)
    assert made.returncode == 0, made.stdout + made.stderr
    browser: Browser = serve(THRIVE_KEEP_REFUSED_DAYS="0")  # type: ignore[operator]
    signed_in, _ = browser.sign_in("hr")
    assert signed_in == 200
    return browser


BATCHES = "SELECT count(*) FROM ingest_importbatch"
IMPORT_AUDITED = "SELECT count(*) FROM web_auditevent WHERE action = 'import'"
REFUSAL_AUDITED = "SELECT count(*) FROM web_auditevent WHERE action = 'refused_upload'"


def test_an_upload_is_imported_outside_the_request_and_its_page_shows_the_outcome(
    store: Store, site: Browser, files: dict[str, Path]
) -> None:
    before = count(store, BATCHES)
    status, address, page, seconds = upload(site, files["small"])
    assert status == 200 and "/data/imports/" in address, (status, address)
    assert seconds < 5  # the request only saves the file and starts the import
    status, page = outcome(site, address)
    assert status == 200, page[:2000]
    assert "staff-small.csv imported." in page
    assert count(store, BATCHES) == before + 1
    batch = count(store, "SELECT max(id) FROM ingest_importbatch")
    assert f"batch #{batch}" in page  # the history, with its undo link
    assert re.search(r"staff-small\.csv<br>.*?numeric\">20</td>", page, re.S)  # 20 added
    outcome(site, address)  # asked again: the outcome is audited once only
    assert count(store, IMPORT_AUDITED) == 1
    written = json.loads((folder_of(store, address) / "outcome.json").read_text())
    assert written["batches"] == [batch] and not written["refused"]


def test_a_finished_import_is_audited_without_its_status_page(
    store: Store, site: Browser, files: dict[str, Path]
) -> None:
    """The import process audits its outcome as it finishes: no one need open the status page."""
    _, address, _, _ = upload(site, files["small"], at="/data/")
    done = folder_of(store, address) / "outcome.json"
    deadline = time.monotonic() + POLL_SECONDS
    while not done.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert done.exists(), "the import never finished"
    audited = "SELECT count(*) FROM web_auditevent WHERE action = 'import' AND username = 'hr'"
    assert count(store, audited + " AND path = '/data/' AND user_id IS NOT NULL") == 1
    outcome(site, address)  # the status page, opened now, writes nothing more
    assert count(store, IMPORT_AUDITED) == 1


def test_a_refused_upload_shows_its_problems_and_the_file_is_deleted(
    store: Store, site: Browser, files: dict[str, Path]
) -> None:
    before = store.snapshot()
    status, address, _, _ = upload(site, files["bad"])
    assert "/data/imports/" in address, (status, address)
    status, page = outcome(site, address)
    assert status == 422
    assert "No such team" in page and "/data/problems/" in page
    folder = folder_of(store, address)
    assert not (folder / "staff-bad.csv").exists()
    assert not (store.data_dir / "refused").exists() or not any(
        (store.data_dir / "refused").iterdir()
    )
    token = json.loads((folder / "outcome.json").read_text())["token"]
    got, csv = site.get(f"/data/problems/{token}.csv")
    assert got == 200 and "No such team" in csv
    outcome(site, address)
    assert count(store, REFUSAL_AUDITED) == 1
    assert records(store.snapshot()) == records(before)


def test_a_killed_import_is_said_in_words_and_changes_nothing(
    store: Store, site: Browser, files: dict[str, Path]
) -> None:
    before = count(store, BATCHES), count(store, "SELECT count(*) FROM workforce_worker")
    status, address, _, _ = upload(site, files["big"])
    assert "/data/imports/" in address, (status, address)
    started = folder_of(store, address) / "started.json"
    pid = json.loads(started.read_text())["pid"]
    deadline = time.monotonic() + POLL_SECONDS
    while not store.writing() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert store.writing(), "the import never began writing"
    os.kill(pid, signal.SIGKILL)
    status, page = outcome(site, address)
    assert status == 200
    assert "stopped before it finished" in page and "Nothing was written" in page
    assert "Traceback" not in page
    after = count(store, BATCHES), count(store, "SELECT count(*) FROM workforce_worker")
    assert after == before


def test_another_council_or_role_cannot_see_an_import(
    store: Store, site: Browser, files: dict[str, Path]
) -> None:
    _, address, _, _ = upload(site, files["small"])
    path = address.removeprefix(site.base)
    outcome(site, address)
    other = Browser(site.base, urllib.request.build_opener(urllib.request.HTTPCookieProcessor()))
    assert other.sign_in("hr.other")[0] == 200
    assert other.get(path)[0] == 404
    leader = Browser(site.base, urllib.request.build_opener(urllib.request.HTTPCookieProcessor()))
    assert leader.sign_in("lead")[0] == 200
    assert leader.get(path)[0] == 403
    assert site.get("/data/imports/20260101-000000-0123456789abcdef/")[0] == 404


def test_a_first_load_is_imported_outside_the_request(
    store: Store, site: Browser, files: dict[str, Path]
) -> None:
    status, address, _, seconds = upload(
        site, files["small"], at="/data/first-load/", field="files"
    )
    assert status == 200 and "/data/imports/" in address, (status, address)
    assert seconds < 5
    status, page = outcome(site, address)
    assert status == 200, page[:3000]
    assert "First load" in page and "1 file loaded" in page
    loaded = "SELECT count(*) FROM ingest_importbatch WHERE file_name = 'staff-small.csv'"
    assert count(store, loaded) == 1  # (beside the published statistics, loaded with it)
    outcome(site, address)
    assert count(store, IMPORT_AUDITED) == 1


def test_an_upload_while_another_import_runs_says_so_on_its_status_page(
    store: Store, site: Browser, files: dict[str, Path]
) -> None:
    before = records(store.snapshot())
    with another_import(store, "hr.admin", "staff other.csv"):
        _, address, _, _ = upload(site, files["small"])
        status, page = outcome(site, address)
    assert status == 422
    assert "Another import is running" in page and "hr.admin" in page
    assert records(store.snapshot()) == before


def test_a_page_is_answered_while_an_import_writes(
    store: Store, site: Browser, tmp_path: Path
) -> None:
    """SQLite in WAL mode: a page reads the last committed state while an import holds the
    write lock, instead of waiting for it (in the old rollback-journal mode, once the import's
    changes outgrow SQLite's cache it locks readers out until it commits: up to 20 s, then a
    503). On PostgreSQL readers never wait for writers. A page is asked again and again while
    a 60,000-row import writes; every answer must come quickly."""
    big = write_staff(tmp_path / "staff-60k.csv", 60_000, "S")
    _, address, _, _ = upload(site, big)
    assert "/data/imports/" in address, address
    deadline = time.monotonic() + POLL_SECONDS * 8  # checking 60,000 rows first
    while not store.writing() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert store.writing(), "the import never began writing"
    answers = []
    while store.writing() and time.monotonic() < deadline:
        began = time.monotonic()
        status, page = site.get("/audit/")  # reads the session and the audit log
        answers.append((status, round(time.monotonic() - began, 2)))
        time.sleep(0.1)
    assert len(answers) >= 5, answers  # the write lasted long enough to ask during it
    assert all(status == 200 for status, _ in answers), answers
    assert max(took for _, took in answers) < 2, answers


REFUSED_VIEWS = "SELECT count(*) FROM web_auditevent WHERE action = 'refused' AND username = 'lead'"


def test_a_page_that_writes_while_an_import_writes_neither_fails(
    store: Store, site: Browser, tmp_path: Path
) -> None:
    """Two writers at once: a leader asks for the Data page again and again (each refusal is
    written to the audit log) while an HR admin's 20,000-row upload is checked and written.
    On SQLite the page's write lands between the import's reading and its writing, which makes
    SQLite refuse the import's write at once ("database is locked"); the import must still go
    in, and every page must be its 403, never a 500 or a traceback."""
    leader = Browser(
        site.base,
        urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())),
    )
    signed_in, _ = leader.sign_in("lead")
    assert signed_in == 200
    before = count(store, BATCHES)
    big = write_staff(tmp_path / "staff-20k.csv", 20_000, "S")
    _, address, _, _ = upload(site, big)
    assert "/data/imports/" in address, address
    done = folder_of(store, address) / "outcome.json"
    deadline = time.monotonic() + POLL_SECONDS * 4
    answers = []
    while not done.exists() and time.monotonic() < deadline:
        status, page = leader.get("/data/")
        answers.append(status)
        assert "Traceback" not in page
        time.sleep(0.05)
    assert done.exists(), "the import never finished"
    assert len(answers) >= 10, answers  # the import lasted long enough to write beside it
    assert set(answers) == {403}, answers
    status, page = outcome(site, address)
    assert status == 200 and "staff-20k.csv imported." in page, page[:2000]
    assert count(store, BATCHES) == before + 1
    assert count(store, REFUSED_VIEWS) >= len(answers)
