"""The caseload weighting (``caseload_weights.toml``): points per case type, caps by grade,
and the ASYE protection in number and complexity. Plain data, read once."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

WEIGHTS_FILE = Path(__file__).with_name("caseload_weights.toml")


@dataclass(frozen=True)
class CaseloadWeights:
    points: dict[str, float]
    caps: dict[str, float]
    asye_max_cases: float
    asye_max_complexity: float

    def cap(self, grade: str) -> float | None:
        return self.caps.get(grade)

    def case_points(self, case_type: str, complexity: float | None) -> float:
        """What one case counts: the points for its case type x its complexity (1 if none)."""
        return self.points.get(case_type, 1.0) * (1.0 if complexity is None else complexity)

    def worker_cap(self, grade: str, fte: float) -> float | None:
        """A worker's weighted cap: the cap for their grade x their FTE (None: no cap)."""
        cap = self.caps.get(grade)
        return None if cap is None else cap * fte

    def asye_cases(self, fte: float) -> int:
        """An ASYE's protected caseload: the number cap x their FTE, in whole cases."""
        return int(self.asye_max_cases * fte + 1e-9)


@cache
def caseload_weights(path: Path = WEIGHTS_FILE) -> CaseloadWeights:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    asye = data["asye"]
    return CaseloadWeights(
        points={k: float(v) for k, v in data["points"].items()},
        caps={k: float(v) for k, v in data["caps"].items()},
        asye_max_cases=float(asye["max_cases"]),
        asye_max_complexity=float(asye["max_complexity"]),
    )
