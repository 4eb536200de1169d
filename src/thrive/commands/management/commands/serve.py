"""``thrive serve``: run the web app with gunicorn."""

from __future__ import annotations

import os
import sys
from typing import Any

from django.conf import settings
from django.core.management.base import CommandParser

from thrive.commands.base import ThriveCommand


class Command(ThriveCommand):
    help = (
        "Serve the web app (gunicorn) until stopped with Ctrl+C.\n\n"
        "Example: thrive serve --host 127.0.0.1 --port 8000 --workers 2"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="Address to listen on.")
        parser.add_argument("--port", type=int, default=8000, help="Port to listen on.")
        parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes.")

    def handle(self, *args: Any, **options: Any) -> None:
        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
        address = f"{options['host']}:{options['port']}"
        self.stdout.write(self.style.SUCCESS(f"Thrive is at http://{address}/  (Ctrl+C stops it)"))
        self.stdout.flush()
        argv = [
            sys.executable,
            "-m",
            "gunicorn",
            "thrive.wsgi:application",
            "--bind",
            address,
            "--workers",
            str(options["workers"]),
            "--access-logfile",
            "-",
            "--log-level",
            "warning",
        ]
        os.execv(sys.executable, argv)
