"""The reliability suite's stores and files (see :mod:`stores`): made once per run, copied
for each test."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from stores import (  # noqa: E402
    BIG,
    Store,
    copy_sqlite,
    on_postgres,
    pg_admin,
    pg_url,
    store_names,
    write_posts,
    write_staff,
)


@pytest.fixture(scope="session")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("reliability-files")
    return {
        "posts": write_posts(folder / "posts.csv"),
        "big": write_staff(folder / "staff-big.csv", BIG, "B"),
        "other": write_staff(folder / "staff-other.csv", BIG, "C"),
        "small": write_staff(folder / "staff-small.csv", 20, "S"),
        "bad": write_staff(folder / "staff-bad.csv", 60, "X", team="No such team"),
    }


@pytest.fixture(scope="session")
def template(tmp_path_factory: pytest.TempPathFactory, files: dict[str, Path]) -> Iterator[Store]:
    """A migrated store holding LA 933 and its 40 teams, made once per run."""
    folder = tmp_path_factory.mktemp("reliability-template")
    name = f"thrive_reliability_{os.getpid()}_template" if on_postgres() else ""
    if name:
        with pg_admin() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
            admin.execute(f'CREATE DATABASE "{name}"')
    store = Store(folder, pg_url(name) if name else "", name)
    try:
        for args in (
            ("migrate", "--verbosity", "0"),
            ("import", "posts", str(files["posts"]), "--authority", "933", "--user", "setup"),
        ):
            done = store.run(*args)
            assert done.returncode == 0, done.stdout + done.stderr
        yield store
    finally:
        if name:
            with pg_admin() as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def store(template: Store, tmp_path: Path) -> Iterator[Store]:
    """A fresh copy of the template store, for this test alone."""
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    if not template.url:
        copy_sqlite(template.sqlite_file, data_dir / "thrive.sqlite3")
        yield Store(data_dir, "")
        return
    name = f"thrive_reliability_{os.getpid()}_{next(store_names)}"
    with pg_admin() as admin:
        admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template.database}"')
    try:
        yield Store(data_dir, pg_url(name), name)
    finally:
        with pg_admin() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
