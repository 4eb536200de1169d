"""Test set-up shared by the whole suite.

The suite runs against whatever THRIVE_DATABASE_URL names (SQLite by default; `make test` runs it
again on PostgreSQL). pytest-django makes a fresh test database for the run and drops it after,
so nothing is left behind; files go to a temporary folder.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Lets test modules `from factories import ...` (tests/ is not a package; see pyproject's addopts).
sys.path.insert(0, str(Path(__file__).parent))

# Sample files: golden census returns, extracts, applicant exports (the bad ones: tests/ingest/bad).
DATA = Path(__file__).parent / "data"
# The store apps whose tables an import can touch (Django app labels).
SNAPSHOT_APPS = ("workforce", "insight", "ingest", "benchmark")


def store_snapshot() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table Thrive's imports can touch, in primary-key order."""
    from django.apps import apps

    snapshot = {}
    for label in SNAPSHOT_APPS:
        for model in apps.get_app_config(label).get_models():
            snapshot[model._meta.label] = list(model.objects.order_by("pk").values_list())
    return snapshot


@pytest.fixture
def data() -> Path:
    """The folder of sample files."""
    return DATA


@pytest.fixture
def snapshot() -> Any:
    """The :func:`store_snapshot` function, for tests to call before and after an import."""
    return store_snapshot


def refused_and_nothing_changed(load: Any, first_error: str) -> None:
    """``load()`` imports a bad file: it is refused with ``first_error`` first among its
    problems, and the store is exactly as it was."""
    from thrive.problems import ImportValidationError

    before = store_snapshot()
    with pytest.raises(ImportValidationError) as refused:
        load()
    assert refused.value.errors[0].message() == first_error
    assert store_snapshot() == before


@pytest.fixture
def refuses() -> Any:
    """:func:`refused_and_nothing_changed`, for a bad-input test to call with its own import."""
    return refused_and_nothing_changed


def goes_in_once_and_comes_back_out(load: Any, added: int) -> None:
    """``load()`` imports a file: the first time it adds ``added`` records, the second time it
    changes nothing, and undoing both batches leaves the store exactly as it was."""
    from thrive.ingest.undo import undo_batch

    before = store_snapshot()
    first = load()
    assert first.counts is not None and first.counts.added == added
    after_first = store_snapshot()
    second = load()
    assert second.counts is not None
    assert (second.counts.added, second.counts.updated) == (0, 0)
    assert second.counts.unchanged == added
    after_second = store_snapshot()
    for state in (after_first, after_second):
        state.pop("ingest.ImportBatch")
    assert after_second == after_first
    assert second.batch is not None and first.batch is not None
    undo_batch(second.batch.pk, "test")
    undo_batch(first.batch.pk, "test")
    undone = store_snapshot()
    for label in ("ingest.ImportBatch", "ingest.BatchChange"):
        undone.pop(label), before.pop(label)
    assert undone == before


@pytest.fixture
def imports_once_and_undoes() -> Any:
    """:func:`goes_in_once_and_comes_back_out`, for a test to call with its own import."""
    return goes_in_once_and_comes_back_out


@pytest.fixture(autouse=True, scope="session")
def _data_dir_per_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Files a test writes (uploads, exports, shared frames, the results cache) go to a
    temporary folder, never ./var.

    Results are worked out in the request (``THRIVE_BACKGROUND`` off) and nothing is prepared
    at commit (``THRIVE_PREPARE_AT_COMMIT`` off), and uploads are imported in the request
    (``THRIVE_BACKGROUND_IMPORTS`` off): a background thread's connection could not see
    a test's uncommitted records. Tests of the background work turn them on with committed
    records (``transactional_db``).
    """
    from django.conf import settings
    from django.test import override_settings

    data_dir = tmp_path_factory.mktemp("thrive-data")
    settings.DATA_DIR = data_dir
    caches = settings.CACHES
    if caches["default"]["BACKEND"].endswith("FileBasedCache"):
        caches = {"default": {**caches["default"], "LOCATION": str(data_dir / "cache")}}
    with override_settings(
        CACHES=caches,
        THRIVE_BACKGROUND=False,
        THRIVE_PREPARE_AT_COMMIT=False,
        THRIVE_BACKGROUND_IMPORTS=False,
    ):
        yield


@pytest.fixture(autouse=True)
def fresh_store_cache() -> Iterator[None]:
    """No frames, results or pages kept from another test's database, before or after.

    The store version is a fingerprint of the newest rows, and a rolled-back test database
    hands out the same ids again, so two tests' stores can share a version: each test starts
    with nothing kept.
    """
    from django.core.cache import cache

    from thrive.frames import cache as frames_cache

    frames_cache.forget()
    cache.clear()
    yield
    from thrive.centre import prepare

    prepare.finish()  # nothing a test's commit started may write files after it
    frames_cache.forget()
    cache.clear()


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright (:mod:`browser`), once per test module; skips when
    Chromium is not installed (``.ci/run`` installs it)."""
    from playwright.sync_api import sync_playwright

    import browser

    if browser.chromium_path() is None:
        pytest.skip("Chromium is not installed (.ci/run installs it)")
    # Playwright's sync API keeps an event loop in this thread, which Django takes for async code;
    # the database calls here are ordinary synchronous ones, so allow them while the browser runs.
    before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            launched = browser.launch(playwright)
            yield launched
            launched.close()
    finally:
        if before is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = before


@pytest.fixture
def live_council(transactional_db: None) -> Any:
    """The small council, committed, for a live server's requests to see."""
    import small_council

    return small_council.build()
