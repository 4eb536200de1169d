"""Fixtures for the API tests: the small council, a token for each of its users, and a client
that sends one as ``Authorization: Bearer``."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

import small_council as council_module
from thrive.api_tokens.keys import issue


@pytest.fixture
def council(db: None) -> council_module.Council:
    return council_module.build()


@pytest.fixture
def tokens(council: council_module.Council) -> dict[str, str]:
    """A live token for each user of the council that has a role ("nobody" has none)."""
    return {
        name: issue(user, 30, issued_by="test").text
        for name, user in council.users.items()
        if name != "nobody"
    }


@pytest.fixture
def api(tokens: dict[str, str]) -> Callable[[str], Client]:
    """``api("tm")``: a test client whose every request carries tm's token."""

    def make(username: str) -> Client:
        return Client(headers={"Authorization": f"Bearer {tokens[username]}"})

    return make
