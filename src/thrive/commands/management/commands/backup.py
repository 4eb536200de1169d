"""``thrive backup``: one consistent snapshot of the whole store in one file, while Thrive runs."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.db import DatabaseError

from thrive.commands.backup_file import BackupError
from thrive.commands.base import ThriveCommand
from thrive.commands.store_backup import write_backup


class Command(ThriveCommand):
    help = (
        "Back up the whole store to one file, safely while Thrive runs (even during an import).\n\n"
        "Example: thrive backup --out /backups/thrive-$(date +%F).zip\n\n"
        "The file is a zip: every table's rows as JSON lines and a manifest with the Thrive\n"
        "version, the store version, the migrations, row counts and SHA-256 checksums. It\n"
        "restores into SQLite or PostgreSQL with thrive restore FILE. Sign-in sessions are\n"
        "left out. Scheduling it, and what is in the file: docs/backup.md."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", type=Path, required=True, help="The backup file to write.")
        parser.add_argument(
            "--overwrite", action="store_true", help="Replace --out if it already exists."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        out: Path = options["out"]
        started = time.monotonic()
        quiet = options["verbosity"] < 1
        say = (lambda _: None) if quiet else self.stdout.write
        try:
            manifest = write_backup(out, overwrite=options["overwrite"], say=say)
        except BackupError as refused:
            raise CommandError(str(refused)) from None
        except DatabaseError as failed:
            raise CommandError(
                f"The store could not be read: {failed}. Nothing was left at {out}."
            ) from None
        except OSError as failed:
            raise CommandError(
                f"The backup could not be written: {failed}. Nothing was left at {out}."
            ) from None
        if not quiet:
            self.stdout.write(
                f"Backed up {manifest.total_rows:,} rows from {len(manifest.tables)} tables "
                f"to {out} "
                f"({out.stat().st_size / 1e6:.1f} MB, {time.monotonic() - started:.1f}s).\n"
                f"Store version {manifest.store_version}\n"
                f"Payload SHA-256 {manifest.payload_sha256}"
            )
