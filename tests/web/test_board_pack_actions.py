"""The board pack's action plan section: progress, each action's measures at the registry's
figures, owners only in a pack for HR."""

from __future__ import annotations

import io
import json
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone
from openpyxl import load_workbook

from thrive.action_plan.models import Action

pytestmark = pytest.mark.django_db

TO = date(2025, 9, 30)
OWNER = "Alex Morgan, head of service"


@pytest.fixture
def plan(council) -> None:
    today = timezone.localdate()
    Action.objects.create(
        authority=council.authority,
        title="Caseloads towards 18",
        owner=OWNER,
        due=today - timedelta(days=10),
        status="at_risk",
        measures=["average_caseload", "turnover_rate"],
    )
    Action.objects.create(
        authority=council.authority,
        title="Flexible working offer",
        owner="HR business partner",
        due=today + timedelta(days=60),
        status="done",
        measures=["retention_rate"],
    )


def _pack(tmp_path: Path, form: str, *extra: str) -> Path:
    out = tmp_path / f"pack-{'-'.join(extra) or 'lead'}.{form}"
    call_command(
        "report", "--to", TO.isoformat(), "--format", form, "--out", str(out), "--no-forecast",
        *extra, stdout=io.StringIO(),
    )  # fmt: skip
    return out


def _registry(*, hr: bool) -> dict[str, dict]:
    out = io.StringIO()
    args = ["--as-at", TO.isoformat(), "--format", "json", *(["--hr"] if hr else [])]
    call_command("metrics", *args, stdout=out)
    return {r["label"]: r for r in json.loads(out.getvalue()) if r["slice"] is None}


def _sheet(path: Path) -> list[list[object]]:
    return [list(r) for r in load_workbook(path)["Action plan"].iter_rows(values_only=True)]


@pytest.mark.parametrize("hr", [False, True])
def test_the_section_shows_progress_and_the_registrys_figures(council, plan, tmp_path, hr):
    rows = _sheet(_pack(tmp_path, "xlsx", *(["--hr"] if hr else [])))
    text = " ".join(str(c) for row in rows for c in row if c is not None)
    assert "2 actions: 1 done, 1 at risk, 1 overdue." in text
    assert "Overdue: Caseloads towards 18." in text
    assert (OWNER in text) is hr  # owners only in a pack for HR
    registry = _registry(hr=hr)
    measured = [r for r in rows if r and r[0] in {"Caseloads towards 18", "Flexible working offer"}]
    checked = 0
    for row in measured:
        if row[1] not in registry:
            continue  # an action's own row
        entry = registry[row[1]]
        assert row[2] == entry["unit"]
        if isinstance(row[3], float | int):
            assert row[3] == entry["value"], row
            checked += 1
        else:
            assert row[3] in {"c", "x"} and not hr
    assert [r[1] for r in measured if r[1] in registry] == [
        "Average caseload (cases per case-holding FTE)",
        "Turnover rate (FTE)",
        "Retention rate (still with the council a year on)",
    ]
    assert checked == 3 if hr else checked >= 1


def test_the_method_page_no_longer_says_the_action_plan_is_missing(council, plan, tmp_path):
    html = _pack(tmp_path, "html").read_text()
    assert "The action plan&#x27;s progress" in html or "The action plan's progress" in html
    assert "Caseloads towards 18" in html
    method = html.split('id="method"')[1]
    assert "action plan" not in method.split("Definitions")[0]


def test_a_leadership_pdf_names_no_owner(council, plan, tmp_path):
    text = subprocess.run(
        ["pdftotext", "-layout", str(_pack(tmp_path, "pdf")), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert "Caseloads towards 18" in text and "Alex Morgan" not in text


def test_a_pack_with_no_actions_says_so(council, tmp_path):
    html = _pack(tmp_path, "html").read_text()
    assert "No actions are recorded in the action plan yet." in html
