"""``thrive restore``: a backup file put back into an empty store."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.db import DatabaseError

from thrive.commands.backup_file import BackupError
from thrive.commands.base import ThriveCommand
from thrive.commands.store_restore import check_file, restore
from thrive.frames.cache import store_version


class Command(ThriveCommand):
    help = (
        "Restore a backup made by thrive backup into an empty store (SQLite or PostgreSQL).\n\n"
        "Example: THRIVE_DATABASE_URL=postgres://thrive@db/thrive_new thrive restore backup.zip\n"
        "         thrive restore backup.zip --check    (check the file only; change nothing)\n\n"
        "A damaged file, a file from a newer Thrive, or a store that already holds records is\n"
        "refused and nothing is changed. A new database needs no thrive migrate first. How to\n"
        "restore step by step: docs/backup.md."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="A backup file written by thrive backup.")
        parser.add_argument(
            "--check",
            action="store_true",
            help="Only check the file (checksums, versions) and say what it holds.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        started = time.monotonic()
        quiet = options["verbosity"] < 1
        say = (lambda _: None) if quiet else self.stdout.write
        try:
            if options["check"]:
                manifest = check_file(path)
                say(
                    f"{path} is whole: {manifest.total_rows:,} rows from {len(manifest.tables)} "
                    f"tables, made {manifest.made_at} by Thrive {manifest.thrive_version} from "
                    f"{manifest.database}; store version {manifest.store_version}."
                )
                return
            manifest = restore(path, say=say)
        except BackupError as refused:
            raise CommandError(str(refused)) from None
        except DatabaseError as failed:
            raise CommandError(
                f"{path} could not be restored: the database said {failed}. No record was restored."
            ) from None
        except OSError as failed:
            raise CommandError(
                f"{path} could not be read: {failed}. Nothing was changed."
            ) from None
        now = store_version()
        say(
            f"Restored {manifest.total_rows:,} rows from {path} "
            f"({time.monotonic() - started:.1f}s).\n"
            f"Store version {now}"
            + (
                ""
                if now == manifest.store_version
                else f" (the backup's: {manifest.store_version})"
            )
        )
