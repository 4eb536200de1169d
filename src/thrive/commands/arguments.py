"""Argument types shared by the ``thrive`` commands."""

from __future__ import annotations

import argparse
from datetime import date


def iso_date(text: str) -> date:
    """A date given on the command line as YYYY-MM-DD, or a plain-English refusal."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date: write it as YYYY-MM-DD"
        ) from None
