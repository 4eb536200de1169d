"""What every ``thrive`` command shares: its help keeps the examples' lines as written, and an
import it starts waits ``THRIVE_IMPORT_WAIT`` seconds for another import to finish."""

from __future__ import annotations

import argparse
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from thrive.import_records.lock import patience


class ThriveCommand(BaseCommand):
    """A Django command whose ``--help`` shows its description with the line breaks it has
    (each example on its own line), not re-wrapped into one paragraph."""

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.formatter_class = argparse.RawDescriptionHelpFormatter
        return parser

    def execute(self, *args: Any, **options: Any) -> str | None:
        with patience(settings.THRIVE_IMPORT_WAIT, say=self.stderr.write):
            return super().execute(*args, **options)
