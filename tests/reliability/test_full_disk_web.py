"""The Data page on a full disk, through ``thrive serve``: an upload the full data folder cannot
take (nor its problems file) is checked in the request, and every problem is on the page; the
store is as it was. The server is stopped, the store closed as its last connection would close
it, the disk filled to the last byte, and a new server started on it.

Needs root (the data folder is a tmpfs of its own) and SQLite; skipped otherwise, saying why.
PostgreSQL's full disk: ``test_storage_faults.py``.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_storage_faults import _fill, _mount, _unmount
from test_web_faults import Browser, serve  # noqa: F401 (the serve fixture)
from test_web_imports import USERS, upload

from stores import Store, copy_sqlite

pytestmark = pytest.mark.slow


@pytest.fixture
def store(template: Store, tmp_path: Path) -> Iterator[Store]:
    """This module's store: the template's copy on a tmpfs of its own (so it can be filled)."""
    if template.url:
        pytest.skip("the full data folder is SQLite's (PostgreSQL: test_storage_faults.py)")
    folder = tmp_path / "disk"
    folder.mkdir()
    if not _mount(folder, str(template.sqlite_file.stat().st_size + 8 * 2**20)):
        pytest.skip("a disk of its own needs root and tmpfs (mount)")
    try:
        copy_sqlite(template.sqlite_file, folder / "thrive.sqlite3")
        yield Store(folder, "")
    finally:
        _unmount(folder)


def _stop(base: str) -> None:
    """Stop the ``thrive serve`` answering at ``base``: every process group (other than this
    test's) with a process naming its port, the server and its gunicorn worker."""
    port = base.rsplit(":", 1)[1].encode()
    groups = set()
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            command = (proc / "cmdline").read_bytes().split(b"\0")
            group = os.getpgid(int(proc.name))
        except (OSError, ProcessLookupError):
            continue
        if any(part == port or part.endswith(b":" + port) for part in command):
            groups.add(group)
    groups.discard(os.getpgid(0))
    assert groups, "no thrive serve found"
    for group in groups:
        os.killpg(group, signal.SIGTERM)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/login/", timeout=2).close()
        except OSError:
            return
        time.sleep(0.5)
    raise AssertionError("thrive serve did not stop")


def test_a_full_disk_still_shows_every_problem_on_the_data_page(
    store: Store,
    serve: object,  # noqa: F811
    files: dict[str, Path],
) -> None:
    made = store.run("shell", "-c", USERS)
    assert made.returncode == 0, made.stdout + made.stderr
    first: Browser = serve()  # type: ignore[operator]
    assert first.sign_in("hr")[0] == 200
    first.get("/data/")
    _stop(first.base)
    # closed as the last connection closes a WAL store: its log copied in, log and index gone
    with sqlite3.connect(store.sqlite_file) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    before = store.snapshot()
    assert Path(f"{store.sqlite_file}-wal").stat().st_size == 0
    for left in ("-wal", "-shm"):
        Path(f"{store.sqlite_file}{left}").unlink(missing_ok=True)
    _fill(store.data_dir)
    again: Browser = serve()  # type: ignore[operator]
    browser = Browser(again.base, first.opener)  # the same signed-in session
    status, _, page, _ = upload(browser, files["bad"])
    assert status == 422, page[:3000]
    assert "Traceback" not in page
    assert "could not be saved for download" in page
    for row in range(2, 62):
        assert f"row {row}" in page
    assert page.count("No such team") >= 60
    assert store.snapshot() == before
