"""Test set-up shared by the whole suite.

The suite runs against whatever THRIVE_DATABASE_URL names (SQLite by default; `make test` runs it
again on PostgreSQL). pytest-django makes a fresh test database for the run and drops it after,
so nothing is left behind; files go to a temporary folder.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# Lets test modules `from factories import ...` (tests/ is not a package; see pyproject's addopts).
sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture(autouse=True, scope="session")
def _data_dir_per_run(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Files a test writes (uploads, exports) go to a temporary folder, never ./var."""
    from django.conf import settings

    settings.DATA_DIR = tmp_path_factory.mktemp("thrive-data")
