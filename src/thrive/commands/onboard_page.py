"""The one page ``thrive onboard`` prints: files, problems, headline measures beside published."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table

from thrive.commands.problem_report import problem_table, report_problems
from thrive.ingest.onboard import OnboardResult
from thrive.ingest.problem_summary import summarise
from thrive.summaries.onboarding import Headline, headline
from thrive.workforce.models import Authority

SHOWN_GROUPS = 20


def print_page(console: Console, result: OnboardResult, errors: Path | None = None) -> None:
    """Print the whole page; every problem also goes to a CSV file, whose name is printed."""
    _heading(console, result)
    _files(console, result)
    _problems(console, result, errors)
    if result.refused:
        console.print(f"[bold red]Nothing was written[/]: {result.reason}.")
        return
    authority = Authority.objects.filter(la_number=result.la_number).first()
    if authority is None:
        return
    _headline(console, headline(authority, result.census_years))
    batches = [b.pk for b in reversed(result.batches)]
    if batches:
        numbers = ", ".join(f"#{n}" for n in batches)
        console.print(
            f"To undo this load, undo its batches newest first ({numbers}): "
            f"thrive import undo {batches[0]}, and so on."
        )


def _heading(console: Console, result: OnboardResult) -> None:
    who = f"LA {result.la_number}" if result.la_number else "the council"
    console.print(f"[bold]First load for {who}[/]: {len(result.files)} file(s)")
    if result.published is not None and result.published.batch is not None:
        console.print(
            f"The Department's published table ({result.published.file}) was loaded as batch "
            f"#{result.published.batch.pk}, for the comparison below."
        )


def _files(console: Console, result: OnboardResult) -> None:
    table = Table(title="Files, in the order they were loaded")
    for heading in ("file", "what it is", "result", "batch", "records added", "updated"):
        table.add_column(heading, overflow="fold")
    for heading in ("unchanged", "rejected", "warnings"):
        table.add_column(heading, justify="right")
    for report in result.files:
        counts = report.outcome.counts if report.outcome else None
        table.add_row(
            report.name,
            report.placed.how,
            report.status,
            f"#{report.batch.pk}" if report.batch else "–",
            report.records_text,
            str(counts.updated) if counts else "–",
            str(counts.unchanged) if counts else "–",
            str(counts.rejected) if counts else "–",
            str(len(report.warnings)),
        )
    console.print(table)


def _problems(console: Console, result: OnboardResult, errors: Path | None) -> None:
    problems = result.problems
    if not problems:
        console.print("No problems found in any file.")
        return
    groups = summarise(problems)
    shown = groups[:SHOWN_GROUPS]
    rows = ((g.is_error, g.file, g.where_text, g.field, g.found_text, g.expected) for g in shown)
    title = f"Problems: {len(problems):,} in {len(groups)} kinds, errors first"
    console.print(problem_table(title, rows))
    if len(groups) > SHOWN_GROUPS:
        console.print(f"... and {len(groups) - SHOWN_GROUPS} more kinds of problem.")
    where = report_problems(console, problems, errors, "onboard")
    console.print(f"Every problem, one row each, is {where}")


def _headline(console: Console, page: Headline) -> None:
    if not page.years:
        console.print("No one is in post at any 30 September yet, so there are no measures.")
        return
    table = Table(
        title=f"Headline measures at 30 September: {page.area_name} (LA {page.la_number}) "
        "beside the Department's published figures"
    )
    for heading in ("year", "measure", "Thrive", "published", "difference"):
        table.add_column(heading, justify="left" if heading in ("year", "measure") else "right")
    for year, cells in page.by_year:
        for i, (label, cell) in enumerate(cells):
            table.add_row(
                str(year) if i == 0 else "",
                label,
                cell.ours_text,
                cell.published_text,
                cell.difference_text,
                end_section=i == len(cells) - 1,
            )
    console.print(table)
    if not page.published_loaded:
        console.print(
            "The Department's published figures are not loaded: thrive import dfe-stats "
            "loads the table shipped with Thrive."
        )
