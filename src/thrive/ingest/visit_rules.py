"""The rule that ties a Try Before You Apply visit's values together: a requisition only says
which application the visit's candidate reference means, so it comes with a candidate."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Report = Callable[[str, str, str], None]  # (field, value found, what was expected)


def _visits(v: dict[str, Any], noted: set[str], report: Report) -> None:
    if v.get("requisition") and not v.get("candidate") and "candidate" not in noted:
        report("requisition", str(v["requisition"]), "nothing, or a candidate reference with it")


VISIT_RULES: dict[str, Callable[[dict[str, Any], set[str], Report], None]] = {"visits": _visits}
