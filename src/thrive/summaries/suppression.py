"""Small-number suppression: a count of fewer than N people is not shown outside their managers.

A figure about a group of people can identify them when the group is small ("the one leaver in
Fostering this year"). Pages show such counts only to users who may see the group's people
named; everyone else sees "fewer than 5" (the threshold is the ``THRIVE_SMALL_NUMBER`` setting,
default 5, as the Department suppresses its own tables). Zero is shown: it identifies nobody.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings


def threshold() -> int:
    """Counts from 1 up to one less than this are suppressed outside a user's named scope."""
    return int(getattr(settings, "THRIVE_SMALL_NUMBER", 5))


@dataclass(frozen=True)
class ShownCount:
    """A count as a page shows it: the number, or a phrase saying it was suppressed."""

    value: int | None
    below: int

    @property
    def suppressed(self) -> bool:
        return self.value is None

    @property
    def is_one(self) -> bool:
        """For wording: "1 worker occupies", but "fewer than 5 workers occupy"."""
        return self.value == 1

    def __str__(self) -> str:
        return f"fewer than {self.below}" if self.value is None else f"{self.value:,}"


def shown_count(count: int, *, named: bool, below: int | None = None) -> ShownCount:
    """``count`` as shown to a user who may (``named``) or may not see the people counted."""
    limit = threshold() if below is None else below
    if named or count == 0 or count >= limit:
        return ShownCount(count, limit)
    return ShownCount(None, limit)
