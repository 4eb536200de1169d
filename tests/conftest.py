"""Test set-up shared by the whole suite.

The suite runs against whatever THRIVE_DATABASE_URL names (SQLite by default; `make test` runs it
again on PostgreSQL). pytest-django makes a fresh test database for the run and drops it after,
so nothing is left behind; THRIVE_DATA_DIR points at a temporary folder.
"""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("THRIVE_DATA_DIR", tempfile.mkdtemp(prefix="thrive-test-"))

import sys
from pathlib import Path

# Lets test modules `from factories import ...` (tests/ is not a package; see pyproject's addopts).
sys.path.insert(0, str(Path(__file__).parent))
