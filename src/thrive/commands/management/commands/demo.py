"""``thrive demo``: load the synthetic demo council (unless it is already loaded)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser
from rich.console import Console
from rich.table import Table

from thrive.commands.base import ThriveCommand
from thrive.demo import DemoLoadError, DemoLoginError, load_demo
from thrive.demo.simulation import DemoConfigurationError


class Command(ThriveCommand):
    help = (
        "Load the demo council, Somervale County Council (synthetic people), with demo logins.\n\n"
        "Example: thrive demo --seed 1 --scale 1   (--scale 20 makes ~5,000 workers in post)"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")
        parser.add_argument(
            "--scale", type=int, default=1, help="Number of council-sized areas (default 1)."
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Delete a demo council already loaded (and its logins) and load this one.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        console = Console(file=self.stdout, highlight=False, width=120)  # type: ignore[arg-type]
        try:
            result = load_demo(
                seed=options["seed"],
                scale=options["scale"],
                replace=options["replace"],
                say=console.print,
            )
        except (DemoLoadError, DemoLoginError, DemoConfigurationError) as error:
            raise CommandError(str(error)) from error
        if result.status == "already loaded":
            console.print("The demo council is already loaded.")
        else:
            timings = ", ".join(f"{k} {v:.1f}s" for k, v in result.timings.items())
            console.print(f"Demo council built ({timings}).")
            console.print(f"Store digest: {result.digest}")
        summary = Table(show_header=False, box=None)
        for label, value in result.summary:
            summary.add_row(label, value)
        console.print(summary)
        logins = Table(title="Demo logins")
        for column in ("Username", "Password", "Role"):
            logins.add_column(column, no_wrap=True)
        logins.add_column("Sees")
        for login in result.logins:
            logins.add_row(login.username, login.password, login.role.label, login.scope)
        console.print(logins)
