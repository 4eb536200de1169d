"""No traceback reaches the person at the terminal: a fault of the machine is said in words, a
bug is logged and the message says where; either way ``thrive`` exits 1."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from stores import thrive, thrive_env
from thrive.commands.cli import failure_message


def test_a_database_that_cannot_be_reached_is_said_in_words(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]  # nothing listens there once the probe is closed
    url = f"postgres://thrive@127.0.0.1:{closed}/thrive"
    done = thrive(thrive_env(tmp_path, url), "metrics")
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    assert "thrive metrics stopped. Thrive cannot reach its database." in done.stderr
    log = tmp_path / "logs" / "thrive-errors.log"
    assert f"The details are in {log}." in done.stderr
    assert "Traceback" in log.read_text() and "OperationalError" in log.read_text()


def test_a_bug_is_logged_and_the_message_says_where(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("THRIVE_DATA_DIR", str(tmp_path))
    try:
        {}["missing"]  # a real error, raised and caught as the command line catches it
    except KeyError as error:
        message = failure_message(error, ["census", "export"])
    log = tmp_path / "logs" / "thrive-errors.log"
    assert message == (
        f"thrive census stopped on something unexpected (KeyError). The details are in {log}. "
        "Please send them to whoever looks after Thrive."
    )
    logged = log.read_text()
    assert "thrive census export" in logged and "KeyError: 'missing'" in logged


def test_a_refused_import_is_its_own_message(tmp_path: Path) -> None:
    from thrive.import_records.lock import Holder, ImportBusyError

    busy = ImportBusyError(Holder("hr.admin", None), 0)
    assert failure_message(busy, ["import"]) == (
        "thrive import: Another import is running (by hr.admin); nothing was written. "
        "Try again when it has finished."
    )
    assert not (tmp_path / "logs").exists()
