"""Shared fixtures for the retention tests: the planted-hazard population, fitted once."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import polars as pl
import pytest

sys.path.insert(0, str(Path(__file__).parent))

from retention_synthetic import AS_AT, population  # noqa: E402

from thrive.frames.workforce import WorkforceFrames  # noqa: E402
from thrive.retention.episodes import episodes  # noqa: E402
from thrive.retention.risk_model import RetentionModel  # noqa: E402
from thrive.retention.tenure import tenure  # noqa: E402


@dataclass(frozen=True)
class Planted:
    frames: WorkforceFrames
    stints: pl.DataFrame
    episodes: pl.DataFrame
    model: RetentionModel


@pytest.fixture(scope="session")
def planted() -> Planted:
    """1,500 synthetic social workers whose leaving risk doubles with a high caseload."""
    frames = population(seed=1)
    stints = tenure(frames, AS_AT)
    split = episodes(frames, stints, AS_AT)
    return Planted(frames, stints, split, RetentionModel().fit(split))
