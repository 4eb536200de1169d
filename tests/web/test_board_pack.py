"""The board pack: its figures are the registry's, it names nobody, it is tagged and audited."""

from __future__ import annotations

import io
import json
import subprocess
from datetime import date
from pathlib import Path

import pikepdf
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from thrive.audit import AuditEvent
from thrive.centre.centre import Centre
from thrive.metrics import measures
from thrive.summaries import pack_files
from thrive.summaries.board_pack import BoardPack, Section, Table, board_pack_for
from thrive.summaries.overview import overview_page
from thrive.summaries.pack_figures import Figure

TO = date(2025, 9, 30)
BEFORE = date(2025, 3, 31)


def _registry(as_at: date, *, hr: bool = False) -> dict[str, dict]:
    out = io.StringIO()
    call_command(
        "metrics",
        "--as-at",
        as_at.isoformat(),
        "--format",
        "json",
        *(["--hr"] if hr else []),
        stdout=out,
    )
    return {r["label"]: r for r in json.loads(out.getvalue()) if r["slice"] is None}


def _command(tmp_path: Path, form: str, *extra: str) -> Path:
    out = tmp_path / f"pack.{form}"
    call_command(
        "report",
        "--to",
        TO.isoformat(),
        "--format",
        form,
        "--out",
        str(out),
        "--no-forecast",
        *extra,
        stdout=io.StringIO(),
    )
    return out


def _sheet_tables(path: Path) -> dict[str, list[list[object]]]:
    book = load_workbook(path)
    return {
        name: [list(r) for r in book[name].iter_rows(values_only=True)] for name in book.sheetnames
    }


def _pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def _withheld_by_rule(entry: dict, results: dict[str, dict]) -> bool:
    """What may read "c": the registry suppressed it, or it is a small count, a rate over a
    small group, or a figure made from a small count of people (FTE starters beside fewer than
    5 starters, a turnover rate of 2 leavers: the pages' rule), or a share of people with
    those counted or those not counted small (38 of 40 retained)."""
    small = lambda x: x is not None and 0 < x < 5  # noqa: E731
    m = measures()[entry["name"]]
    people = m.people
    counted, of = entry["numerator"], entry["denominator"]
    return (
        bool(entry.get("suppressed"))
        or (entry["unit"] == "people" and small(entry["value"]))
        or small(of)
        or (m.share_of_people and of is not None and (small(counted) or small(of - counted)))
        or any(_withheld_by_rule(results[measures()[p].label], results) for p in people)
    )


@pytest.mark.parametrize("hr", [False, True])
def test_every_figure_in_the_spreadsheet_is_the_registrys(council, tmp_path, hr):
    sheets = _sheet_tables(_command(tmp_path, "xlsx", *(["--hr"] if hr else [])))
    now, before = _registry(TO, hr=hr), _registry(BEFORE, hr=hr)
    compared = marked = 0
    for name in (
        "Summary",
        "Starters and leavers",
        "Caseloads",
        "ASYE and careers",
        "Retention",
        "Children",  # the small council has no allocations: "x" here (test_board_pack_children)
    ):
        for row in sheets[name]:
            if not row or row[0] not in now or row[1] != now[row[0]]["unit"]:
                continue
            entry, value = now[row[0]], row[2]
            if isinstance(value, float | int):
                assert value == entry["value"], (name, row)
                compared += 1
            elif value == "c":
                assert not hr and _withheld_by_rule(entry, now), (name, row)
                marked += 1
            else:
                assert value == "x" and entry["value"] is None, (name, row)
            if name == "Summary" and isinstance(row[5], float | int):
                assert row[5] == before[row[0]]["value"], row
                compared += 1
    # FTEs and rates of small flows (turnover of 1 to 4 leavers), and shares with 1 to 4 left
    # out (38 of 40 retained), read "c" outside HR
    assert compared >= 15 and compared + marked >= 30
    assert (marked > 0) is (not hr)  # the small council has small groups to withhold


def test_every_figure_in_the_pdf_reads_as_the_registry_gives_it(council, tmp_path):
    text = _pdf_text(_command(tmp_path, "pdf"))
    lines = text.splitlines()
    now = _registry(TO)
    found = 0
    for label, entry in now.items():
        if entry["value"] is None or entry["unit"] not in {"%", "FTE", "people", "cases", "years"}:
            continue
        if _withheld_by_rule(entry, now):
            continue
        places = measures()[entry["name"]].unit.decimals
        shown = f"{entry['value']:,.{places}f}"
        start = label[:28]
        rows = [line for line in lines if line.strip().startswith(start)]
        if not rows:
            continue
        assert any(shown in line for line in rows), (label, shown, rows)
        found += 1
    assert found >= 12  # the small council's shares with 1 to 4 left out are withheld


def test_the_pack_withholds_what_the_overview_withholds(council):
    centre = Centre.for_authority(council.authority)
    pack = board_pack_for(centre, TO, named=False, forecast=False)
    summary = pack.sections[0].tables[0]
    withheld_in_pack = {
        row[0] for row in summary.rows if isinstance(row[2], Figure) and row[2].mark == "c"
    }
    page = overview_page(centre.frames, TO, centre.targets(), named=False)
    labels = {row[0] for row in summary.rows}
    withheld_on_page = {
        r.label for s in page.sections for r in s.rows if r.suppressed and r.label in labels
    }
    assert withheld_in_pack == withheld_on_page
    assert withheld_in_pack  # the check has something to compare


@pytest.mark.parametrize("hr", [False, True])
def test_a_pack_names_nobody(council, tmp_path, hr):
    flags = ["--hr"] if hr else []
    text = _pdf_text(_command(tmp_path, "pdf", *flags))
    html = _command(tmp_path, "html", *flags).read_text()
    cells = " ".join(
        str(c)
        for rows in _sheet_tables(_command(tmp_path, "xlsx", *flags)).values()
        for row in rows
        for c in row
    )
    names = council.all_names() | {n.split()[-1] for n in council.all_names()}
    for body in (text, html, cells):
        assert not {n for n in names if n in body}


def test_the_pdf_is_tagged_with_alt_text_language_and_page_numbers(council, tmp_path):
    path = _command(tmp_path, "pdf")
    with pikepdf.open(path) as pdf:
        root = pdf.Root
        assert str(root.Lang) == "en-GB"
        assert bool(root.MarkInfo.Marked)
        assert "/StructTreeRoot" in root
        figures = []

        def walk(node: pikepdf.Object) -> None:
            if isinstance(node, pikepdf.Dictionary):
                if node.get("/S") == pikepdf.Name.Figure:
                    figures.append(node)
                kids = node.get("/K")
                if kids is not None:
                    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                        walk(kid)
            elif isinstance(node, pikepdf.Array):
                for kid in node:
                    walk(kid)

        walk(root.StructTreeRoot)
        assert figures, "no chart is tagged as a figure"
        assert all(str(f.get("/Alt", "")).strip() for f in figures)
        assert len(pdf.pages) >= 9
        assert [float(x) for x in pdf.pages[0].mediabox[2:]] == [
            pytest.approx(595.28, abs=0.5),
            pytest.approx(841.89, abs=0.5),
        ]
    text = _pdf_text(path)
    assert "Contents" in text and "Page 2 of" in text


def test_the_spreadsheet_escapes_formula_text_and_keeps_numbers(council):
    table = Table(
        '=HYPERLINK("http://x")',
        ["Measure", "Value (%)"],
        [["@SUM(A1)", Figure(12.5, "%", 1)], ["-x", Figure(None, "%", 1, "c")]],
    )
    pack = BoardPack(
        "Council",
        "999",
        TO,
        BEFORE,
        date(2024, 10, 1),
        False,
        [Section("summary", "A section", ["+1 said"], [table])],
        [],
    )
    rows = _sheet_tables_from(pack_files.to_xlsx(pack))["Summary"]
    flat = [c for row in rows for c in row if c is not None]
    assert (
        '\'=HYPERLINK("http://x")' in flat
        and "'@SUM(A1)" in flat
        and "'+1 said" in flat
        and "'-x" in flat
    )
    assert 12.5 in flat and "c" in flat


def _sheet_tables_from(data: bytes) -> dict[str, list[list[object]]]:
    book = load_workbook(io.BytesIO(data))
    return {
        name: [list(r) for r in book[name].iter_rows(values_only=True)] for name in book.sheetnames
    }


def test_the_command_refuses_a_date_that_does_not_end_a_half_year(council, tmp_path):
    with pytest.raises(
        CommandError,
        match="30 June 2025 is not the end of a half-year: "
        "a board pack runs to 31 March or 30 September",
    ):
        call_command(
            "report",
            "--to",
            "2025-06-30",
            "--format",
            "pdf",
            "--out",
            str(tmp_path / "x.pdf"),
            "--no-forecast",
        )
    assert not (tmp_path / "x.pdf").exists()


def test_making_a_pack_on_the_command_line_is_audited(council, tmp_path):
    _command(tmp_path, "xlsx")
    event = AuditEvent.objects.get(action=AuditEvent.Action.REPORT)
    assert "Board pack to 2025-09-30 (xlsx)" in event.subject and "(command line)" in event.username


def test_reports_page_is_for_hr_and_leadership_only(council, signed_in):
    for username in ("tm", "tm.cic", "svc", "nobody"):
        client = signed_in(username)
        assert client.get("/reports/").status_code == 403
        assert (
            client.post("/reports/pack/", {"to": "2025-09-30", "format": "html"}).status_code == 403
        )
    for username in ("hr", "lead"):
        page = signed_in(username).get("/reports/")
        assert page.status_code == 200
        assert '<option value="2025-09-30" selected>' in page.content.decode()
    assert signed_in("lead").get("/reports/?to=2025-09-30").status_code == 400


def test_leadership_downloads_the_pack_and_it_is_audited(council, signed_in):
    client = signed_in("lead")
    assert (
        client.post(
            "/reports/pack/", {"to": "2025-09-30", "format": "pdf", "small": "yes"}
        ).status_code
        == 403
    )
    assert client.post("/reports/pack/", {"to": "2025-06-30", "format": "pdf"}).status_code == 400
    response = client.post("/reports/pack/", {"to": "2025-03-31", "format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "board-pack-" in response["Content-Disposition"]
    assert load_workbook(io.BytesIO(response.content)).sheetnames[0] == "Contents"
    event = AuditEvent.objects.get(action=AuditEvent.Action.REPORT)
    assert event.username == "lead" and "2025-03-31" in event.subject
    assert client.get("/reports/pack/").status_code == 405
