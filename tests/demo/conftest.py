"""The demo council, built once per test session and read back from the store.

The build happens inside a transaction that is rolled back as soon as the store has been read
into frames (``thrive.frames.load.load``), so the rest of the suite never sees the demo
authority (other tests use LA number 999 too). The tests count from those frames.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, transaction

sys.path.insert(0, str(Path(__file__).parent))

from demo_counting import CENSUS_YEARS, SCHEMA_YEARS, DemoSnapshot  # noqa: E402
from lxml import etree  # noqa: E402

from thrive.census.export import build_return  # noqa: E402
from thrive.census.record import LA_LEVEL_FLAGS  # noqa: E402
from thrive.census.schema import schema_problems  # noqa: E402
from thrive.census.validate import check_return  # noqa: E402
from thrive.census.writer import return_xml  # noqa: E402
from thrive.demo import load_demo, store_digest  # noqa: E402
from thrive.frames.load import load  # noqa: E402
from thrive.workforce import models  # noqa: E402


def _is_test_database() -> bool:
    name = str(connection.settings_dict["NAME"])
    return "memorydb" in name or name.startswith("test_") or Path(name).name.startswith("test_")


def _census(
    authority: models.Authority, year: int
) -> tuple[list[str], dict[str, int], dict[str, str]]:
    """The year's return built from the store: its errors, employed records by Sex, and the
    2025 LA-level pay answers it carries (none given here: they are the demo's own)."""
    built = build_return(authority, year)
    errors = [str(p) for p in check_return(built, f"the {year} return").errors]
    sexes: dict[str, int] = {}
    for worker in built.workers:
        if worker.values.get("AgencyWorker") == "0":
            code = worker.values.get("Sex", "(none)")
            sexes[code] = sexes.get(code, 0) + 1
    flags = {k: v for k, v in built.la_level.items() if k in LA_LEVEL_FLAGS}
    return errors, sexes, flags


def _export(authority: models.Authority, year: int) -> tuple[list[str], list[tuple[str, ...]]]:
    """The year's return as written: what its rules and its schema refuse, and the items of
    each worker record in the order written."""
    built = build_return(authority, year)
    xml = return_xml(built)
    refused = [*check_return(built, f"the {year} return").errors, *schema_problems(xml, year, "")]
    items = [tuple(c.tag for c in r) for r in etree.fromstring(xml).iter("CSWWWorker")]
    return [str(p) for p in refused], items


@pytest.fixture(scope="session")
def demo(django_db_setup: None, django_db_blocker) -> DemoSnapshot:  # type: ignore[no-untyped-def]
    with django_db_blocker.unblock(), transaction.atomic():
        assert _is_test_database(), "the demo tests must never build into the real store"
        result = load_demo(seed=1, scale=1)
        frames = load(result.authority)
        access = list(
            models.UserAccess.objects.filter(authority=result.authority)
            .order_by("user__username")
            .values_list(
                "user__username", "role", "service__name", "team__name", "worker__pseudonym"
            )
        )
        users = get_user_model().objects.filter(access__authority=result.authority)
        passwords = {
            user.username: (
                user.password.split("$")[0],
                user.check_password(login.password),
                user.is_staff and user.is_superuser,
            )
            for user in users
            for login in result.logins
            if login.username == user.username
        }
        digest = store_digest(result.authority)
        census = {year: _census(result.authority, year) for year in CENSUS_YEARS}
        exports = {year: _export(result.authority, year) for year in SCHEMA_YEARS}
        snapshot = DemoSnapshot(frames, digest, result.logins, access, passwords, census, exports)
        assert snapshot.digest == result.digest
        transaction.set_rollback(True)
    return snapshot
