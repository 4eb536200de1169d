"""The path converter for a record's number in an address (``<id:team_id>``).

Like Django's ``int``, but a number no database row can have (beyond a 64-bit integer, the
largest key PostgreSQL and SQLite hold) does not match, so the address is a plain 404 rather
than an overflow deeper down.
"""

from __future__ import annotations

LARGEST_ID = 2**63 - 1


class RecordId:
    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > LARGEST_ID:
            raise ValueError(f"{value} is beyond any record's number")
        return number

    def to_url(self, value: int) -> str:
        return str(value)
