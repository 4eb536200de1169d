"""``thrive metrics`` prints the same bytes on an unchanged store: two processes, with Polars on
one thread and on eight (so its sums are added up in different orders), agree to the byte, and
no figure is written "-0.0"."""

from __future__ import annotations

import re

import pytest

from stores import Store

pytestmark = pytest.mark.slow

NEGATIVE_ZERO = re.compile(r"-0(?:\.0+)?(?![0-9.])")  # -0 or -0.0, not -0.03
TREND = ("metrics", "trend", "--from", "2019-01-01", "--to", "2024-12-31", "--by", "team")


def test_thrive_metrics_prints_the_same_bytes_on_an_unchanged_store(store: Store) -> None:
    built = store.run("demo", "--seed", "1")
    assert built.returncode == 0, built.stderr
    for args in (("metrics", "--as-at", "2024-03-31", "--by", "team"), TREND):
        runs = [
            store.run(*args, "--authority", "999", "--format", "json", POLARS_MAX_THREADS=threads)
            for threads in ("1", "8")
        ]
        for done in runs:
            assert done.returncode == 0, done.stderr
            assert not NEGATIVE_ZERO.search(done.stdout)
        assert runs[0].stdout == runs[1].stdout
        assert len(runs[0].stdout) > 10_000
