"""``thrive demo``: help; the same seed twice gives the same store; "already loaded"; refusals."""

from __future__ import annotations

import re
import subprocess
import sys
from io import StringIO

import pytest
from demo_counting import DemoSnapshot
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from thrive.demo.logins import LOGINS
from thrive.workforce import models

USERNAMES = sorted(username for username, _, _ in LOGINS)


def test_help_describes_the_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "thrive.commands.cli", "demo", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "Load the demo council" in result.stdout
    for option in ("--seed", "--scale", "--replace"):
        assert option in result.stdout


def _digest(output: str) -> str:
    found = re.search(r"Store digest: ([0-9a-f]{64})", output)
    assert found, output
    return found.group(1)


@pytest.mark.slow
@pytest.mark.django_db
def test_same_seed_same_store_then_already_loaded_then_another_seed_only_with_replace(
    demo: DemoSnapshot,
) -> None:
    built = StringIO()
    call_command("demo", "--seed", "1", stdout=built)
    # The session's build (made and rolled back before this test) had the same digest.
    assert _digest(built.getvalue()) == demo.digest

    again = StringIO()
    call_command("demo", stdout=again)
    assert "already loaded" in again.getvalue()
    assert "Store digest" not in again.getvalue()
    for username, password, _role in LOGINS:
        assert username in again.getvalue() and password in again.getvalue()

    with pytest.raises(CommandError, match="--replace"):
        call_command("demo", "--seed", "2", stdout=StringIO())
    assert models.Authority.objects.get(la_number="999").demo_seed == 1

    replaced = StringIO()
    call_command("demo", "--seed", "2", "--replace", stdout=replaced)
    assert _digest(replaced.getvalue()) != demo.digest
    authority = models.Authority.objects.get(la_number="999")
    assert (authority.demo_seed, authority.demo_scale) == (2, 1)
    assert models.Authority.objects.count() == 1
    users = get_user_model().objects.filter(username__in=USERNAMES)
    assert sorted(users.values_list("username", flat=True)) == USERNAMES
    assert {user.access.authority_id for user in users} == {authority.pk}


@pytest.mark.django_db
def test_a_real_authority_on_the_demo_number_is_never_replaced() -> None:
    models.Authority.objects.create(la_number="999", name="Real Council", is_demo=False)
    with pytest.raises(CommandError, match="not a demo"):
        call_command("demo", "--replace", stdout=StringIO())
    assert models.Authority.objects.get(la_number="999").name == "Real Council"


def test_scale_below_one_is_refused() -> None:
    with pytest.raises(CommandError, match="at least 1"):
        call_command("demo", "--scale", "0", stdout=StringIO())
