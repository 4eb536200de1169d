"""Thrive's settings: each one read from an environment variable, with a default and a line of help.

This list is the one place settings are declared. ``thrive.settings`` (Django's settings module)
reads it; ``docs/configuration.md`` documents every entry, and a test checks that it does.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str

    def read(self) -> str:
        return os.environ.get(self.name, self.default)


DEFAULT_SECRET_KEY = "thrive-development-only-not-secret"

SETTINGS: tuple[Setting, ...] = (
    Setting("THRIVE_DATA_DIR", "var", "Folder for Thrive's files: the SQLite database, uploads."),
    Setting(
        "THRIVE_DATABASE_URL",
        "",
        "Database to use, e.g. postgres://user@127.0.0.1:5432/thrive. "
        "Empty: an SQLite file thrive.sqlite3 in THRIVE_DATA_DIR.",
    ),
    Setting(
        "THRIVE_SECRET_KEY",
        DEFAULT_SECRET_KEY,
        "Django's secret key. Must be set to a long random value when THRIVE_PRODUCTION=1.",
    ),
    Setting(
        "THRIVE_PRODUCTION",
        "0",
        "1 for a real deployment: refuses the default secret key, turns debug off, "
        "and sends cookies over HTTPS only.",
    ),
    Setting("THRIVE_DEBUG", "0", "1 shows Django's debug pages (never in production)."),
    Setting(
        "THRIVE_ALLOWED_HOSTS",
        "127.0.0.1,localhost",
        "Comma-separated host names the web app answers to.",
    ),
    Setting("THRIVE_TIME_ZONE", "Europe/London", "Time zone for dates and times shown to users."),
    Setting(
        "THRIVE_SMALL_NUMBER",
        "5",
        "Counts of people below this read 'fewer than N' outside their managers' scope, and "
        "every figure about so small a group (or that would give such a count away) is not shown.",
    ),
    Setting(
        "THRIVE_UPLOAD_MAX_MB",
        "100",
        "Largest file the Data page accepts, in MiB: a bigger one is refused with a message "
        "(and never stored). thrive import on the server takes files of any size.",
    ),
    Setting(
        "THRIVE_API_PER_MINUTE",
        "120",
        "Calls one API token may make in a minute; the next gets 429 with Retry-After.",
    ),
    Setting(
        "THRIVE_KEEP_REFUSED_DAYS",
        "0",
        "Days a refused upload is kept (in THRIVE_DATA_DIR/refused) after its problem report is "
        "written; 0 deletes it at once. Older ones are removed at each upload.",
    ),
    Setting(
        "THRIVE_KEEP_UPLOADS_DAYS",
        "30",
        "Days an upload's folder (THRIVE_DATA_DIR/uploads/<upload id>: the file that went in, "
        "and an import's status) is kept; at least 1, so the import's status page can be read. "
        "Older ones are removed at each upload, unless their import is still running.",
    ),
    Setting(
        "THRIVE_SESSION_IDLE_MINUTES",
        "30",
        "Minutes without a page request after which a signed-in user is signed out.",
    ),
    Setting(
        "THRIVE_SESSION_HOURS",
        "8",
        "Hours after signing in when a session ends however active it is: sign in again.",
    ),
    Setting(
        "THRIVE_WEB_CACHE",
        "1",
        "0 makes every page read the store and draw its charts afresh (benchmarks, debugging).",
    ),
    Setting(
        "THRIVE_KEEP",
        "shared",
        "shared: each store version's frames are written once as files every server process "
        "reads, results are kept where every process sees them (THRIVE_CACHE_URL) and worked "
        "out in the background, never in a request. process: each process reads the store and "
        "works out results itself, in the request that first needs them (the old way).",
    ),
    Setting(
        "THRIVE_CACHE_URL",
        "",
        "Where results are kept with THRIVE_KEEP=shared, e.g. redis://127.0.0.1:6379/0. "
        "Empty: files in THRIVE_DATA_DIR/cache (no server needed).",
    ),
    Setting(
        "THRIVE_IMPORT_WAIT",
        "0",
        "Seconds a command-line import waits for another import into the same store to finish "
        "before it is refused; 0 refuses at once. Uploads on the web never wait.",
    ),
)


def read(name: str) -> str:
    """The value of the named setting, from the environment or its default."""
    for setting in SETTINGS:
        if setting.name == name:
            return setting.read()
    raise KeyError(f"{name} is not a Thrive setting")


def flag(name: str) -> bool:
    return read(name).strip().lower() in {"1", "true", "yes", "on"}


def keep() -> str:
    """THRIVE_KEEP, checked: ``shared`` or ``process``."""
    value = read("THRIVE_KEEP").strip().lower()
    if value not in {"shared", "process"}:
        raise ConfigurationError(f"THRIVE_KEEP is {value!r}: it must be 'shared' or 'process'")
    return value


def whole_number(name: str, least: int = 1) -> int:
    """The named setting as a whole number of ``least`` or more (a ConfigurationError otherwise)."""
    value = read(name).strip()
    if not value.isascii() or not value.isdigit() or int(value) < least:
        raise ConfigurationError(f"{name} is {value!r}: it must be a whole number from {least}")
    return int(value)


def seconds(name: str) -> float:
    """A setting that is a number of seconds, checked: 0 or more."""
    value = read(name).strip()
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not number >= 0 or number == float("inf"):
        raise ConfigurationError(f"{name} is {value!r}: it must be a number of seconds, 0 or more")
    return number


def data_dir() -> Path:
    return Path(read("THRIVE_DATA_DIR")).expanduser().resolve()


class ConfigurationError(RuntimeError):
    """Thrive was started with settings it must refuse."""
