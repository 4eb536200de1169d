"""Fixtures for the import tests: where the sample files are, and a snapshot of the whole store.

``store_snapshot()`` reads every row of every workforce, import and published-statistics table,
so a test can assert that a refused file left the store exactly as it was.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.apps import apps

DATA = Path(__file__).parent / "data"
BAD = Path(__file__).parent / "bad"
SNAPSHOT_APPS = ("workforce", "ingest", "benchmark")


def store_snapshot() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table Thrive's imports can touch, in primary-key order."""
    snapshot = {}
    for label in SNAPSHOT_APPS:
        for model in apps.get_app_config(label).get_models():
            snapshot[model._meta.label] = list(model.objects.order_by("pk").values_list())
    return snapshot


@pytest.fixture
def data() -> Path:
    return DATA


@pytest.fixture
def snapshot() -> Any:
    """The :func:`store_snapshot` function, for tests to call before and after an import."""
    return store_snapshot
