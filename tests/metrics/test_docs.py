"""docs/metrics.md is generated from the registry and documents every measure in full."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from thrive.metrics import measures
from thrive.metrics.docs import render

DOC = Path(__file__).parents[2] / "docs" / "metrics.md"


def test_docs_metrics_md_is_up_to_date_with_the_registry() -> None:
    assert DOC.read_text(encoding="utf-8") == render(), (
        "docs/metrics.md is stale: run `python -m thrive.metrics.docs docs/metrics.md`"
    )


@pytest.mark.parametrize("name", list(measures()))
def test_every_measure_is_documented_with_formula_source_unit_and_direction(name: str) -> None:
    text = DOC.read_text(encoding="utf-8")
    m = measures()[name]
    section = text.split(f"\n`{name}`\n", 1)
    assert len(section) == 2, f"{name} has no entry in docs/metrics.md"
    entry = section[1].split("\n### ", 1)[0]
    assert f"**Formula.** {m.formula}" in entry
    for row in ("Numerator", "Denominator", "Value", "Unit", "Direction", "Source"):
        assert re.search(rf"^\| {row} \| .+ \|$", entry, re.M), (name, row)


def test_every_measure_has_the_parts_a_spreadsheet_user_needs() -> None:
    for m in measures().values():
        assert re.fullmatch(r"[a-z][a-z0-9_]*", m.name)
        assert m.label and m.formula.endswith(".") and m.source and m.numerator
        assert m.edge_cases, f"{m.name} states no edge cases"
        if m.kind.value in ("rate", "ratio", "difference"):
            assert m.denominator, f"{m.name} is a {m.kind.value} without a denominator"


@pytest.mark.parametrize(
    "edge_case",
    [
        "never starters or leavers, so never in turnover",
        "A move inside the council (another team, grade or hours) is not a leaver",
        "A starter who leaves within the same year counts as a starter and a leaver",
        "A worker in two roles at once counts once, in the more senior post",
        "A worker in two roles at once counts the FTE of both",
        "Part-year FTE",
        "253",
    ],
)
def test_the_edge_cases_the_issue_names_are_documented(edge_case: str) -> None:
    assert edge_case in DOC.read_text(encoding="utf-8")
