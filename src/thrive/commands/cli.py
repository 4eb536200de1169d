"""The ``thrive`` command: Django's management commands under one name.

``thrive --help`` lists Thrive's own commands first, then the Django ones a council needs
(``migrate``, ``createsuperuser``...). Any other Django command works too.

Example::

    thrive migrate
    thrive demo --seed 1
    thrive serve

No traceback reaches the person at the terminal: a fault of the machine (the database down,
locked, read-only or on a full disk) is said in words, anything else is logged to
``THRIVE_DATA_DIR/logs/thrive-errors.log`` and the message says so; either way the command exits
with status 1 (``--traceback`` shows the traceback instead, for whoever is debugging).
"""

from __future__ import annotations

import os
import sys
import tempfile
import traceback
from datetime import datetime
from pathlib import Path

DJANGO_COMMANDS = (
    "migrate",
    "createsuperuser",
    "changepassword",
    "check",
    "showmigrations",
    "shell",
    "dbshell",
)


def _first_line(text: str) -> str:
    return (text or "").strip().splitlines()[0] if (text or "").strip() else ""


def command_help() -> str:
    """The text of ``thrive --help``: every command with its one-line description."""
    from django.core.management import get_commands, load_command_class

    commands = get_commands()
    own = sorted(name for name, app in commands.items() if app.startswith("thrive."))
    lines = [
        "Usage: thrive COMMAND [options]   (thrive COMMAND --help for a command's options)",
        "",
    ]
    lines.append("Thrive's commands:")
    for name in own:
        lines.append(f"  {name:<16} {_first_line(load_command_class(commands[name], name).help)}")
    lines.append("")
    lines.append("Django's commands for setting up and looking after the store:")
    for name in DJANGO_COMMANDS:
        lines.append(f"  {name:<16} {_first_line(load_command_class(commands[name], name).help)}")
    lines.append("")
    lines.append(
        "Configuration comes from THRIVE_* environment variables: see docs/configuration.md."
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if "--traceback" in args:
        run(args)
        return
    try:
        run(args)
    except KeyboardInterrupt:
        print("\nStopped.", file=sys.stderr)
        sys.exit(130)
    except Exception as error:
        print(failure_message(error, args), file=sys.stderr)
        sys.exit(1)


def failure_message(error: BaseException, args: list[str]) -> str:
    """What the person at the terminal is told: the fault in words, or where the details are."""
    from thrive.config import ConfigurationError
    from thrive.faults import in_words
    from thrive.problems import IngestError

    command = f"thrive {args[0]}" if args else "thrive"
    if isinstance(error, ConfigurationError | IngestError):
        return f"{command}: {error}"
    log = log_failure(error, args)
    where = (
        f"The details are in {log}."
        if log
        else "The details could not be written anywhere: run again with --traceback to see them."
    )
    fault = in_words(error)
    if fault is not None:
        return f"{command} stopped. {fault.words}\n{where}"
    return (
        f"{command} stopped on something unexpected ({type(error).__name__}). {where} "
        "Please send them to whoever looks after Thrive."
    )


def log_failure(error: BaseException, args: list[str]) -> Path | None:
    """Append the traceback to the data folder's error log (else one in the temporary folder)."""
    from thrive.config import data_dir

    text = "".join(traceback.format_exception(error))
    entry = f"--- {datetime.now():%Y-%m-%d %H:%M:%S} thrive {' '.join(args)}\n{text}\n"
    for folder in (data_dir() / "logs", Path(tempfile.gettempdir()) / f"thrive-{os.getuid()}"):
        path = folder / "thrive-errors.log"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with path.open("a", encoding="utf-8") as stream:
                stream.write(entry)
        except OSError:
            continue
        return path
    return None


def run(args: list[str]) -> None:
    """Set Django up and run one command (``main`` without the plain-words safety net)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thrive.settings")
    import django

    django.setup()
    from django.conf import settings

    settings.DATA_DIR.mkdir(parents=True, exist_ok=True)  # the SQLite file lives here
    if not args or args[0] in ("-h", "--help", "help"):
        print(command_help())
        return
    from django.core.management import execute_from_command_line

    from thrive.centre import prepare

    try:
        execute_from_command_line(["thrive", *args])
    finally:  # a command that changed the store leaves the new version's frames files written
        prepare.finish()


if __name__ == "__main__":
    main()
