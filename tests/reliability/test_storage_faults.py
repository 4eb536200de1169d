"""A read-only data folder and a full disk: the import is refused in words, the file's problems
still reach the person at the terminal, and the store is as it was.

As root (where ``chmod`` stops nothing) the data folder is a small tmpfs of its own, remounted
read-only, or filled to the last byte; without root, the read-only case uses ``chmod`` and the
full disk is skipped. On PostgreSQL the database itself is made read-only
(``default_transaction_read_only``); for a full disk (as root, with the server on this machine)
the test's database is made in a tablespace on a small tmpfs of its own, which the import fills.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from stores import Store, copy_sqlite, pg_admin, pg_url, store_names

pytestmark = pytest.mark.slow


def _mount(folder: Path, size: str) -> bool:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    return done.returncode == 0


def _unmount(folder: Path) -> None:
    subprocess.run(["umount", "-l", str(folder)], capture_output=True, check=False)


@pytest.fixture
def own_disk(store: Store, tmp_path: Path) -> Iterator[Store]:
    """The store's data folder on a tmpfs of its own (root only), holding a copy of the store."""
    if store.url:
        pytest.skip("the full disk is SQLite's: PostgreSQL's disk is the server's")
    folder = tmp_path / "disk"
    folder.mkdir()
    size = store.sqlite_file.stat().st_size + 256 * 1024
    if not _mount(folder, str(size)):
        pytest.skip("a disk of its own needs root and tmpfs (mount)")
    try:
        copy_sqlite(store.sqlite_file, folder / "thrive.sqlite3")
        yield Store(folder, "")
    finally:
        _unmount(folder)


ROOM = 256 * 1024  # free bytes left on PostgreSQL's small disk: fewer than a big import needs


@pytest.fixture
def pg_own_disk(template: Store, tmp_path: Path) -> Iterator[Store]:
    """On PostgreSQL, a database of its own (a copy of the template) whose tables live in a
    tablespace on a small tmpfs with ``ROOM`` bytes to spare. Needs root, tmpfs, a superuser
    and the server on this machine (it must see the folder); skipped, with why, otherwise.
    The database, the tablespace and the mount are removed whatever happens."""
    import pwd

    if not template.url:
        pytest.skip("PostgreSQL's full disk: the suite runs on SQLite (THRIVE_DATABASE_URL)")
    if os.geteuid() != 0:
        pytest.skip("a small disk for a tablespace needs root (mount)")
    try:
        server = pwd.getpwnam("postgres")
    except KeyError:
        pytest.skip("no postgres account here: the server is not on this machine")
    with pg_admin() as admin:
        size = int(admin.execute("SELECT pg_database_size(%s)", (template.database,)).fetchone()[0])
        local = admin.execute("SELECT inet_server_addr() IS NULL OR inet_server_addr() "
                              "<<= '127.0.0.0/8'::inet OR inet_server_addr() = '::1'::inet"
                              ).fetchone()[0]  # fmt: skip
    if not local:
        pytest.skip("the PostgreSQL server is not on this machine: it cannot see a disk made here")
    folder = Path(tempfile.mkdtemp(prefix="thrive-pgfull-", dir="/tmp"))
    options = f"size={size + ROOM},mode=0700,uid={server.pw_uid},gid={server.pw_gid}"
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        folder.rmdir()
        pytest.skip(f"mount not allowed here: {mounted.stderr.decode().strip()[:200]}")
    number = next(store_names)
    name, space = f"thrive_fulldisk_{os.getpid()}_{number}", f"thrive_full_{os.getpid()}_{number}"
    try:
        with pg_admin() as admin:
            try:
                admin.execute(f"CREATE TABLESPACE \"{space}\" LOCATION '{folder}'")
            except Exception as refused:  # noqa: BLE001 (not a superuser, or the folder unseen)
                pytest.skip(f"PostgreSQL would not make a tablespace there: {refused}")
            admin.execute(
                f'CREATE DATABASE "{name}" TEMPLATE "{template.database}" TABLESPACE "{space}"'
            )
        # pg_database_size counts more than the copy takes on disk: fill up to ROOM left
        with (folder / "filler").open("wb") as filler:
            filler.truncate(0)
            left = shutil.disk_usage(folder).free - ROOM
            while left > 0:
                left -= filler.write(b"\0" * min(left, 1 << 20))
        data_dir = tmp_path / "data"
        data_dir.mkdir()
        yield Store(data_dir, pg_url(name), name)
    finally:
        with pg_admin() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.execute(f'DROP TABLESPACE IF EXISTS "{space}"')
        _unmount(folder)
        folder.rmdir()


def _fill(folder: Path) -> None:
    """Write a file until the disk is full."""
    fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT, 0o644)
    try:
        while os.write(fd, b"\0" * 4096):
            pass
    except OSError:
        pass
    finally:
        os.close(fd)


@pytest.fixture
def read_only(store: Store, tmp_path: Path) -> Iterator[Store]:
    """The store, read-only: its own tmpfs remounted ``ro`` (root), ``chmod`` (not root), or on
    PostgreSQL a database whose transactions are read-only."""
    if store.url:
        with pg_admin() as admin:
            admin.execute(
                f'ALTER DATABASE "{store.database}" SET default_transaction_read_only = on'
            )
        yield store
        return
    if os.geteuid() != 0:
        store.sqlite_file.chmod(0o444)
        store.data_dir.chmod(0o555)
        yield store
        store.data_dir.chmod(0o755)
        return
    folder = tmp_path / "read-only"
    folder.mkdir()
    if not _mount(folder, "64m"):
        pytest.skip("as root, a read-only folder needs tmpfs (mount)")
    try:
        copy_sqlite(store.sqlite_file, folder / "thrive.sqlite3")
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        yield Store(folder, "")
    finally:
        _unmount(folder)


def _import(store: Store, path: Path) -> subprocess.CompletedProcess[str]:
    return store.run("import", "staff", str(path), "--authority", "933", "--user", "hr.admin")


def _no_traceback(done: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in done.stdout + done.stderr
    assert done.returncode == 1


def test_a_read_only_store_refuses_an_import_in_words(
    read_only: Store, files: dict[str, Path]
) -> None:
    before = read_only.snapshot()
    done = _import(read_only, files["small"])
    _no_traceback(done)
    assert "it is read-only" in done.stderr, done.stderr
    assert "The details are in" in done.stderr
    assert read_only.snapshot() == before


def test_a_read_only_data_folder_still_shows_every_problem(
    read_only: Store, files: dict[str, Path]
) -> None:
    if read_only.url:
        pytest.skip("PostgreSQL's data folder stays writable: only the database is read-only")
    before = read_only.snapshot()
    done = _import(read_only, files["bad"])
    _no_traceback(done)
    _every_problem_shown(done)
    assert read_only.snapshot() == before


def _every_problem_shown(done: subprocess.CompletedProcess[str]) -> None:
    for row in range(2, 62):  # 60 rows under the heading row, each naming a team not in Thrive
        assert f"error: staff-bad.csv, row {row}, team: found 'No such team" in done.stdout
    assert "The problems file could not be written" in done.stdout
    assert "every problem is listed above" in done.stderr


def test_a_full_disk_refuses_an_import_in_words(own_disk: Store, files: dict[str, Path]) -> None:
    before = own_disk.snapshot()
    _fill(own_disk.data_dir)
    done = _import(own_disk, files["big"])
    _no_traceback(done)
    assert "is full. Free some space, then try again." in done.stderr, done.stderr
    assert own_disk.snapshot() == before


def test_a_full_disk_still_shows_every_problem(own_disk: Store, files: dict[str, Path]) -> None:
    """While the store is open elsewhere (the web server keeps a connection), SQLite's
    write-ahead log and its shared-memory file exist, and a full disk still lets the file be
    checked: every problem is shown. With nothing holding the store open, SQLite cannot make
    its shared-memory file on a full disk, so the store is read as immutable
    (``thrive.sqlite_store``): the file is still checked and every problem shown too."""
    server = sqlite3.connect(own_disk.sqlite_file)
    try:
        server.execute("SELECT count(*) FROM sqlite_master").fetchone()
        _fill(own_disk.data_dir)
        done = _import(own_disk, files["bad"])
        _no_traceback(done)
        _every_problem_shown(done)
    finally:
        server.close()
    assert not Path(f"{own_disk.sqlite_file}-shm").exists()  # nothing holds the store open
    done = _import(own_disk, files["bad"])
    _no_traceback(done)
    _every_problem_shown(done)


def test_a_full_disk_with_nothing_holding_the_store_refuses_a_good_file_as_full(
    own_disk: Store, files: dict[str, Path]
) -> None:
    """A file with no problems, on a full disk with the store closed: checked, then refused
    when it comes to be written, said as a full disk (not a read-only one); nothing changes."""
    before = own_disk.snapshot()
    # the snapshot's read-only reader leaves the shared-memory file; nothing holds it now
    Path(f"{own_disk.sqlite_file}-shm").unlink(missing_ok=True)
    _fill(own_disk.data_dir)
    done = _import(own_disk, files["small"])
    _no_traceback(done)
    assert "is full. Free some space, then try again." in done.stderr, done.stderr
    assert "read-only" not in done.stderr
    _fill(own_disk.data_dir)
    assert own_disk.snapshot() == before


def test_postgresql_on_a_full_disk_refuses_an_import_in_words(
    pg_own_disk: Store, files: dict[str, Path]
) -> None:
    """An import that fills the disk under the database's tablespace: "could not extend file
    ... No space left on device" (SQLSTATE 53100) is said in words, the store is exactly as it
    was, and a file with problems still has every one of them reported."""
    before = pg_own_disk.snapshot()
    done = _import(pg_own_disk, files["big"])
    _no_traceback(done)
    assert "is full. Free some space, then try again." in done.stderr, done.stderr
    assert pg_own_disk.snapshot() == before
    done = _import(pg_own_disk, files["bad"])
    _no_traceback(done)
    reported = done.stdout + "".join(
        p.read_text() for p in (pg_own_disk.data_dir / "import-problems").glob("*.csv")
    )
    for row in range(2, 62):
        assert f"row {row}" in reported and "No such team" in reported, done.stdout[-2000:]
    assert pg_own_disk.snapshot() == before
