"""``thrive pay``: pay and reward for one authority, as the Pay and reward page shows it to HR."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import CommandError, CommandParser
from rich.console import Console
from rich.table import Table

from thrive.centre.centre import Centre
from thrive.commands.arguments import iso_date
from thrive.commands.base import ThriveCommand
from thrive.ingest.extract_import import NoAuthorityError, resolve_authority
from thrive.summaries.pay import PayPage, pay_page

SALARY_COLUMNS = (
    "grade",
    "people",
    "lower quartile",
    "median",
    "upper quartile",
    "median a year before",
    "change",
)
COVER_COLUMNS = (
    "grade",
    "agency workers with a day rate",
    "agency a year",
    "directly employed a year",
    "agency's extra cost",
)


class Command(ThriveCommand):
    help = (
        "Pay and reward: base salary by grade, recruitment and retention payments, who stayed, "
        "agency cover's cost.\n\n"
        "Example: thrive pay\n"
        "         thrive pay --as-at 2025-09-30 --format json\n\n"
        "Figures come from the last census return with pay on or before the date (the census\n"
        "asks for pay from 2025). Every figure is shown, small groups included: this is HR's\n"
        "view. Measures and their edge cases: docs/metrics.md, 'Pay and reward'."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--as-at", type=iso_date, help="The date (default: the latest record).")
        parser.add_argument("--authority", help="LA number (needed if the store holds several).")
        parser.add_argument("--format", choices=["table", "json"], default="table", dest="output")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            authority = resolve_authority(options["authority"])
        except NoAuthorityError as error:
            raise CommandError(str(error)) from error
        centre = Centre.for_authority(authority, options["as_at"])
        page = pay_page(centre.frames, centre.as_at, named=True, targets=centre.targets())
        if options["output"] == "json":
            self.stdout.write(json.dumps(page.as_dict(), indent=2))
            return
        self._print(page)

    def _print(self, page: PayPage) -> None:
        console = Console(file=self.stdout, highlight=False, width=160)  # type: ignore[arg-type]
        console.print(f"Pay and reward as at {page.as_at}, from the census of {page.census_day}")
        if not page.has_pay:
            console.print("No pay returned in that census (the census asks for pay from 2025).")
        salaries = Table(title="Base salary by grade (full-time annual)")
        for column in SALARY_COLUMNS:
            salaries.add_column(column)
        on_costs = f"on-costs {page.on_cost_percent:g}%, {page.working_days} working days a year"
        cover = Table(title=f"Agency cover beside directly employed pay ({on_costs})")
        for column in COVER_COLUMNS:
            cover.add_column(column)
        for row in page.rows:
            salaries.add_row(
                row.part,
                *(f.text for f in (row.people, row.lower, row.median, row.upper)),
                row.median_year_before.text,
                row.median_change,
            )
            cover.add_row(
                row.part,
                *(f.text for f in (row.agency_people, row.agency_cost, row.employed_cost)),
                row.premium.text,
            )
        console.print(salaries)
        console.print(
            f"Recruitment and retention payments: {page.rr_people.text} people "
            f"({page.rr_share.text} of those with pay returned), {page.rr_cost.text} in all."
        )
        console.print(
            f"Still here a year on: {page.retained_with.text} of those with a payment, "
            f"{page.retained_without.text} of those without (an association, not a cause)."
        )
        if page.year_on_note:
            console.print(page.year_on_note)
        if page.curves:
            curves = Table(title=f"Followed from the census of {page.curves_from}: still here")
            for column in ("group", "people", "left since", "half a year on", "a year on"):
                curves.add_column(column)
            for c in page.curves:
                curves.add_row(c.group, c.people, c.leavers, c.half_year, c.one_year)
            console.print(curves)
        console.print(cover)
        console.print(page.region)
