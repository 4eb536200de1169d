"""Fixtures for the web tests: the small council, and a client signed in as any of its users."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from django.test import Client

sys.path.insert(0, str(Path(__file__).parent))

import small_council as council_module  # noqa: E402


@pytest.fixture
def council(db: None) -> council_module.Council:
    return council_module.build()


@pytest.fixture
def signed_in(council: council_module.Council) -> Callable[[str], Client]:
    """``signed_in("tm")``: a test client signed in as that user of the council."""

    def make(username: str) -> Client:
        client = Client()
        client.force_login(council.users[username])
        return client

    return make
