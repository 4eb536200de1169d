"""``thrive backup`` and ``thrive restore`` on real stores: the demo council backed up, restored
into a new database, and every measure the same; a backup taken during an import holds all of
the import or none of it.

These run the ``thrive`` command in subprocesses against stores of their own (see
``backup_stores.py``). The suite's engine (THRIVE_DATABASE_URL) is the source; under PostgreSQL
the backup is also restored into SQLite, and that store's backup into PostgreSQL again.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from backup_stores import Store, manifest, rows, suite_engine  # noqa: E402

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[Store]]:
    made: list[Store] = []
    yield made
    for store in made:
        store.drop()


def new_store(stores: list[Store], tmp: pytest.TempPathFactory, engine: str) -> Store:
    store = Store(tmp.mktemp(f"store-{engine}"), engine)
    stores.append(store)
    return store


@pytest.fixture(scope="module")
def demo_backup(
    stores: list[Store], tmp_path_factory: pytest.TempPathFactory
) -> tuple[Store, Path, dict[str, object]]:
    """The demo council (seed 1) in a store of the suite's engine, its measures, and a backup."""
    store = new_store(stores, tmp_path_factory, suite_engine())
    store.run("migrate", "--verbosity", "0")
    store.run("demo", "--seed", "1")
    measured = store.measures()
    out = store.folder / "demo.zip"
    done = store.run("backup", "--out", str(out))
    assert "Payload SHA-256" in done.stdout
    return store, out, measured


def test_the_restored_demo_gives_every_measure_unchanged(
    demo_backup: tuple[Store, Path, dict[str, object]],
    stores: list[Store],
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    source, backup, measured = demo_backup
    held = manifest(backup)
    assert held["store_version"] == source.version()
    assert rows(backup, "workforce.Worker") == 1578 + 70  # social workers and other staff ever
    assert all(t["model"] != "sessions.Session" for t in held["tables"])  # sign-ins left out

    target = new_store(stores, tmp_path_factory, suite_engine())  # a new, unmigrated database
    target.run("restore", str(backup))
    assert target.measures() == measured
    assert target.version() == held["store_version"]
    again = target.folder / "again.zip"
    target.run("backup", "--out", str(again))
    assert manifest(again)["payload_sha256"] == held["payload_sha256"]  # every row, byte for byte


@pytest.mark.skipif(suite_engine() != "postgresql", reason="needs PostgreSQL as well as SQLite")
def test_a_postgresql_backup_restores_into_sqlite_and_back(
    demo_backup: tuple[Store, Path, dict[str, object]],
    stores: list[Store],
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    _, backup, measured = demo_backup
    lite = new_store(stores, tmp_path_factory, "sqlite")
    lite.run("restore", str(backup))
    assert lite.measures() == measured
    from_lite = lite.folder / "from-sqlite.zip"
    lite.run("backup", "--out", str(from_lite))
    assert manifest(from_lite)["payload_sha256"] == manifest(backup)["payload_sha256"]

    back = new_store(stores, tmp_path_factory, "postgresql")
    back.run("migrate", "--verbosity", "0")  # an empty store made by thrive migrate
    back.run("restore", str(from_lite))
    assert back.measures() == measured
    assert back.run("shell", "-c", _NEXT_WORKER_ID).stdout.split()[-1] == "1649"


# After a restore the database hands out the next id after the highest restored (PostgreSQL's
# sequences are moved on): a new worker gets 1649 (the demo has 1,578 social workers and 70
# other staff ever), not 1.
_NEXT_WORKER_ID = (
    "from thrive.workforce.models import Authority, Worker; "
    "w = Worker.objects.create(authority=Authority.objects.get(), pseudonym='WNEW'); print(w.pk)"
)


def test_the_restore_refuses_a_store_that_holds_records_and_changes_nothing(
    demo_backup: tuple[Store, Path, dict[str, object]],
) -> None:
    source, backup, measured = demo_backup
    before = source.version()
    done = source.run("restore", str(backup), ok=False)
    assert done.returncode == 1
    assert "The store is not empty" in done.stderr and "Nothing was changed" in done.stderr
    assert "Traceback" not in done.stderr
    assert source.version() == before


# The real import, held open before it commits: its rows are written (inside the transaction)
# and it waits for the file GO before committing.
_HELD_IMPORT = """
import pathlib, time
from django.core.management import call_command
from django.db import transaction
with transaction.atomic():
    call_command("import", "dfe-stats", "--user", "backup test", verbosity=0)
    print("written", flush=True)
    while not pathlib.Path({go!r}).exists():
        time.sleep(0.05)
print("committed", flush=True)
"""


def test_a_backup_taken_during_an_import_holds_all_of_it_or_none(
    stores: list[Store], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The Department's published figures (28,600 rows, one batch) are written by the importer in
    one process and held uncommitted while a backup runs in another: the backup holds the whole
    batch or none of it, and restores to exactly that."""
    store = new_store(stores, tmp_path_factory, suite_engine())
    store.run("migrate", "--verbosity", "0")
    go = store.folder / "GO"
    importing = store.start("shell", "-c", _HELD_IMPORT.format(go=str(go)))
    try:
        assert importing.stdout is not None
        for line in importing.stdout:
            if line.strip() == "written":
                break
        else:
            raise AssertionError(f"the import did not write: {importing.communicate()}")
        during = store.folder / "during.zip"
        backing_up = store.start("backup", "--out", str(during), "--verbosity", "0")
        with contextlib.suppress(subprocess.TimeoutExpired):
            backing_up.wait(timeout=30)  # on SQLite it may wait for the commit: let it
        finished_first = backing_up.poll() is not None
        go.touch()
        assert importing.wait(timeout=300) == 0, importing.communicate()
        assert backing_up.wait(timeout=300) == 0, backing_up.communicate()
    finally:
        go.touch()
        importing.wait(timeout=300)
    seen = (rows(during, "ingest.ImportBatch"), rows(during, "benchmark.PublishedFigure"))
    if finished_first:  # it read while the import was uncommitted: none of it
        assert seen == (0, 0)
    else:  # SQLite: the copy waited for the import to commit, and has all of it
        assert seen == (1, 28600)
    if store.engine == "postgresql":
        assert finished_first  # REPEATABLE READ never waits for a writer
    after = store.folder / "after.zip"
    store.run("backup", "--out", str(after), "--verbosity", "0")
    assert (rows(after, "ingest.ImportBatch"), rows(after, "benchmark.PublishedFigure")) == (
        1,
        28600,
    )

    restored = new_store(stores, tmp_path_factory, suite_engine())
    restored.run("restore", str(during))
    code = (
        "from thrive.published.models import PublishedFigure; "
        "from thrive.import_records.models import ImportBatch; "
        "print(ImportBatch.objects.count(), PublishedFigure.objects.count())"
    )
    counted = restored.run("shell", "-c", code).stdout.split()[-2:]
    assert counted == [str(n) for n in seen]
