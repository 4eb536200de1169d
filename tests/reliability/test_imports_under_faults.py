"""Imports under faults, as real ``thrive import`` processes on SQLite and PostgreSQL: killed
with SIGKILL part-way, or run two at once. The store is never left half-written, the second
import waits or is refused in words, and no traceback reaches the terminal."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from stores import BIG, Store, another_import, kill, wait_until

pytestmark = pytest.mark.slow

REFUSED = re.compile(
    r"Another import is running \(started \d\d:\d\d by hr\.admin: staff staff-big\.csv\); "
    r"nothing was written\. Try again when it has finished\."
)


def _import(path: Path, user: str = "hr.admin") -> tuple[str, ...]:
    return ("import", "staff", str(path), "--authority", "933", "--user", user)


@pytest.mark.parametrize("stage", ["checking", "writing"])
def test_an_import_killed_part_way_leaves_the_store_as_it_was(
    store: Store, files: dict[str, Path], stage: str
) -> None:
    before = store.snapshot()
    process = store.start(*_import(files["big"]))
    reached = store.lock_held if stage == "checking" else store.writing
    assert wait_until(reached, process, 240), f"the import never got to {stage}"
    kill(process)
    assert process.returncode == -9
    assert store.snapshot() == before
    # The lock died with the process: the next import goes straight in.
    again = store.run(*_import(files["small"]))
    assert again.returncode == 0, again.stderr
    assert store.count("workforce_worker") == 20


def test_an_import_while_another_runs_is_refused_in_words(
    store: Store, files: dict[str, Path]
) -> None:
    before = store.snapshot()
    with another_import(store, "hr.admin", "staff staff-big.csv"):
        refused = store.run(*_import(files["small"], "someone.else"))
    assert refused.returncode == 1
    assert REFUSED.search(refused.stderr), refused.stderr
    assert "Traceback" not in refused.stdout + refused.stderr
    assert store.snapshot() == before


def test_an_import_told_to_wait_queues_then_goes_in(store: Store, files: dict[str, Path]) -> None:
    with another_import(store, "hr.admin", "staff staff-big.csv"):
        queued = store.start(*_import(files["small"]), THRIVE_IMPORT_WAIT="240")
        assert queued.stderr is not None
        said = queued.stderr.readline()  # blocks until it says it is waiting (or ends)
        assert "waiting up to 240 s for it to finish" in said, said
        assert "started" in said and "by hr.admin" in said
    out, err = queued.communicate(timeout=240)
    assert queued.returncode == 0, err
    assert "Traceback" not in out + err
    assert store.count("workforce_worker") == 20


@pytest.mark.parametrize("wait", ["0", "240"])
def test_two_imports_at_once_one_goes_in_the_other_waits_or_is_refused(
    store: Store, files: dict[str, Path], wait: str
) -> None:
    first = store.start(*_import(files["big"]), THRIVE_IMPORT_WAIT=wait)
    second = store.start(*_import(files["other"], "other.admin"), THRIVE_IMPORT_WAIT=wait)
    ended = [(p, *p.communicate(timeout=300)) for p in (first, second)]
    went_in = 0
    for process, out, err in ended:
        assert "Traceback" not in out + err
        if process.returncode == 0:
            went_in += 1
        else:
            assert process.returncode == 1, err
            assert "Another import is running (started" in err, err
            assert "nothing was written" in err
    assert went_in >= 1
    if wait != "0":
        assert went_in == 2  # the second waited its turn
    assert store.count("workforce_worker") == BIG * went_in
    assert store.count("ingest_importbatch") == 1 + went_in  # the template's posts, then these
