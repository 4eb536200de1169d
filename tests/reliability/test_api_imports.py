"""An upload through the API, served by gunicorn (``thrive serve``): a plain HTTP client with an
HR admin's bearer token posts an extract, gets 202 at once, and asks the run's status address
until the import, done in a process of its own as for the Data page, has gone in (then undoes
it) or been refused with its problems."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
import requests
from test_web_faults import Browser, serve  # noqa: F401 (the serve fixture)
from test_web_imports import BATCHES, IMPORT_AUDITED, POLL_SECONDS, USERS, count, records

from stores import Store

pytestmark = pytest.mark.slow


@pytest.fixture
def caller(store: Store, serve: object) -> tuple[Browser, requests.Session]:  # noqa: F811
    made = store.run("shell", "-c", USERS)
    assert made.returncode == 0, made.stdout + made.stderr
    issued = store.run("api", "token", "issue", "--user", "hr", "--days", "1")
    assert issued.returncode == 0, issued.stdout + issued.stderr
    token = re.search(r"thrive_\S+", issued.stdout)
    assert token, issued.stdout
    browser: Browser = serve(THRIVE_KEEP_REFUSED_DAYS="0")  # type: ignore[operator]
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {token.group(0)}"
    return browser, session


def _post(base: str, session: requests.Session, path: Path) -> requests.Response:
    with path.open("rb") as stream:
        return session.post(
            f"{base}/api/v1/imports",
            data={"kind": "staff", "profile": "generic"},
            files={"file": (path.name, stream, "text/csv")},
            timeout=60,
        )


def _finished(base: str, session: requests.Session, status_url: str) -> dict[str, object]:
    deadline = time.monotonic() + POLL_SECONDS
    while time.monotonic() < deadline:
        answer = session.get(base + status_url, timeout=60)
        assert answer.status_code == 200, answer.text[:500]
        run: dict[str, object] = answer.json()
        if run["state"] != "running":
            return run
        time.sleep(float(answer.headers["Retry-After"]) / 4)
    raise AssertionError(f"the import was still running after {POLL_SECONDS} s")


def test_an_upload_through_the_api_goes_in_outside_the_request_and_is_undone(
    store: Store, caller: tuple[Browser, requests.Session], files: dict[str, Path]
) -> None:
    browser, session = caller
    before = count(store, BATCHES)
    began = time.monotonic()
    answer = _post(browser.base, session, files["small"])
    assert answer.status_code == 202, answer.text[:500]
    assert time.monotonic() - began < 5  # the request only saves the file and starts the import
    started = answer.json()
    assert answer.headers["Location"] == started["status_url"]
    run = _finished(browser.base, session, started["status_url"])
    assert run["state"] == "imported", run
    [batch] = run["batches"]  # type: ignore[misc]
    assert batch["added"] == 20 and count(store, BATCHES) == before + 1
    assert count(store, IMPORT_AUDITED + " AND path = '/api/v1/imports'") == 1
    undone = session.post(f"{browser.base}/api/v1/imports/{batch['id']}/undo", timeout=60)
    assert undone.status_code == 200 and undone.json()["status"] == "undone"


def test_a_refused_upload_through_the_api_lists_its_problems_and_changes_nothing(
    store: Store, caller: tuple[Browser, requests.Session], files: dict[str, Path]
) -> None:
    browser, session = caller
    before = store.snapshot()
    answer = _post(browser.base, session, files["bad"])
    assert answer.status_code == 202, answer.text[:500]
    run = _finished(browser.base, session, answer.json()["status_url"])
    assert run["state"] == "refused" and run["batches"] == []
    assert any("No such team" in p["message"] for p in run["problems"])  # type: ignore[attr-defined]
    csv = session.get(f"{browser.base}{run['problems_csv']}", timeout=60)
    assert csv.status_code == 200 and "No such team" in csv.text
    assert records(store.snapshot()) == records(before)
