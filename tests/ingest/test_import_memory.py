"""An extract's import does not grow with the file: the peak memory of an import process, for a
small file and for one eleven times its size, measured with the benchmark's own script
(bench/memory/run.py, which reads the child's peak resident size from ``os.wait4``).

Before imports were checked and written part by part, every checked row was held until the
writing began: about 1.4 KiB a row, so 110,000 more rows added some 155 MiB (measured: 95 MiB
for 10,000 rows, 222 MiB for 100,000). Now the extra rows cost one part's rows (20,000 at most)
and the short keys that find duplicates.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[2] / "bench" / "memory"))

from run import measure  # noqa: E402

pytestmark = pytest.mark.slow

GROWTH_MIB = 100


def test_memory_does_not_grow_with_the_file_imported_or_refused(tmp_path: Path) -> None:
    runs = {}
    for name, rows, refused in (("small", 10_000, False), ("large", 120_000, False),
                                ("refused", 120_000, True)):  # fmt: skip
        (tmp_path / name).mkdir()
        runs[name] = measure(rows, 1_000, refused=refused, folder=tmp_path / name)
    assert runs["small"]["added"] == 10_000 and runs["large"]["added"] == 120_000
    assert runs["refused"]["refused"] == 1 and "added" not in runs["refused"]
    for name in ("large", "refused"):
        growth = runs[name]["peak_mib"] - runs["small"]["peak_mib"]
        assert growth < GROWTH_MIB, (
            f"{name}: {runs['small']['peak_mib']} -> {runs[name]['peak_mib']} MiB"
        )
