"""The ``thrive`` command: Django's management commands under one name.

``thrive --help`` lists Thrive's own commands first, then the Django ones a council needs
(``migrate``, ``createsuperuser``...). Any other Django command works too.

Example::

    thrive migrate
    thrive demo --seed 1
    thrive serve
"""

from __future__ import annotations

import os
import sys

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
