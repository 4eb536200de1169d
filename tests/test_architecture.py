"""The house plan holds: no two top-level folders import each other, and files stay small.

The layers themselves are import-linter's contracts (``pyproject.toml``, run by ``make lint``);
these checks cover what a contract cannot say. See ``docs/architecture.md``.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import grimp

SRC = Path(__file__).resolve().parents[1] / "src" / "thrive"
MAX_LINES = 400
# Declarative tables: one entry per field or code, long by nature and read as data.
DECLARATIVE = {"ingest/fields.py"}


def _top_level_imports() -> dict[str, set[str]]:
    graph = grimp.build_graph("thrive")
    imports: dict[str, set[str]] = defaultdict(set)
    for module in graph.modules:
        parts = module.split(".")
        if len(parts) < 2:
            continue
        for imported in graph.find_modules_directly_imported_by(module):
            other = imported.split(".")
            if len(other) >= 2 and other[1] != parts[1]:
                imports[parts[1]].add(other[1])
    return imports


def test_no_two_top_level_folders_import_each_other() -> None:
    imports = _top_level_imports()
    both_ways = sorted(
        f"{a} <-> {b}"
        for a, targets in dict(imports).items()
        for b in targets
        if a < b and a in imports.get(b, set())
    )
    assert both_ways == []


def test_the_analysis_packages_are_imported_by_no_store_app() -> None:
    imports = _top_level_imports()
    store = (
        "workforce",
        "lifecycle",
        "import_records",
        "published",
        "action_plan",
        "issued_packs",
        "training",
        "trainees",
    )
    analysis = {"metrics", "forecast", "retention", "frames"}
    reaching_up = {app: imports.get(app, set()) & analysis for app in store}
    assert reaching_up == {app: set() for app in store}


def test_no_file_is_over_400_lines_outside_migrations_and_declarative_tables() -> None:
    long = {
        str(path.relative_to(SRC)): lines
        for path in SRC.rglob("*.py")
        if "migrations" not in path.parts
        and str(path.relative_to(SRC)) not in DECLARATIVE
        and (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_every_folder_says_what_it_is_for() -> None:
    silent = [
        str(init.parent.relative_to(SRC))
        for init in SRC.rglob("__init__.py")
        if "migrations" not in init.parts
        and "management" not in init.parts
        and not init.read_text(encoding="utf-8").lstrip().startswith('"""')
    ]
    assert silent == []
