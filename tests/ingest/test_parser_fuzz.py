"""Fuzzing the census and extract parsers: real, valid files damaged the ways files get damaged
(bytes flipped, cut short, huge numbers, NUL bytes, direction characters, another encoding
spliced in, a runaway cell). Whatever comes in, the importer either takes the file or refuses it
with its own plain error: no traceback, every error located (a row, an element path, a line or a
byte position, or a reason that is about the whole file), and a refusal leaves the store exactly
as it was.

Bounded: a few hundred files per run (``FUZZ_EXAMPLES`` each for the census and the extracts),
no deadline per file; each file's import is rolled back afterwards so every file meets the same
store.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thrive.ingest.census_import import import_census
from thrive.ingest.extract_import import import_extract
from thrive.problems import ImportValidationError, IngestError, UnreadableFileError

FUZZ_EXAMPLES = 120
DATA = Path(__file__).parents[1] / "data"
TODAY = date(2024, 10, 15)

# What a located error says: an element path or row (the Problem's location), or in its words.
LOCATED = re.compile(r"\b(line|row|position|column) [0-9]")
# Reasons about a whole file, which have no one place to point at (or name its first bytes).
WHOLE_FILE = (
    "this is UTF-16 text",
    "this is an Excel workbook",
    "this is an old Excel 97-2003",
    "the file has a DOCTYPE declaration",
    "the file declares XML entities",
    "the file is empty",
    "no heading row found",
    "the file has no rows with anything in them",
    "the root element is",
    "the file has no XML elements",
    "at least one data row",
    "a column for",
    "a column identifying the worker",
    "an LALevelVacancies element",
    "at least one CSWWWorker record",
    "the columns are separated by",
    "not a CSWW return",
)

# What gets spliced into a file.
INSERTS = st.sampled_from(
    [
        b"99999999999999999999",
        b"9" * 5000,
        b"100000000.00",
        b"-1",
        b"1e999",
        b"NaN",
        b"\x00",
        "\u202e".encode(),
        "\u2066SW\u2069".encode(),
        "\uff33\uff37\uff11".encode(),
        "e\u0301".encode(),
        "é".encode("cp1252"),
        b"\xff\xfe",
        b"\xc3",
        b'"',
        b",",
        b"\n",
        b"<",
        b"</CSWWWorker>",
        b"x" * 140_000,
    ]
)


@st.composite
def damaged(draw: st.DrawFn, original: bytes) -> bytes:
    """The file with one to three kinds of damage, each at a place hypothesis picks."""
    data = original
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        how = draw(st.sampled_from(["flip", "cut", "insert", "number", "drop"]))
        if how == "flip" and data:
            data = data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1 :]
        elif how == "cut":
            data = data[:at]
        elif how == "insert":
            data = data[:at] + draw(INSERTS) + data[at:]
        elif how == "number":  # a number in the file replaced by a huge or odd one
            numbers = list(re.finditer(rb"(?<![0-9A-Za-z-])[0-9]+(\.[0-9]+)?(?![0-9-])", data))
            if numbers:
                found = numbers[draw(st.integers(0, len(numbers) - 1))]
                new = draw(st.sampled_from([b"9" * 20, b"9" * 5000, b"100000000.00", b"1e6"]))
                data = data[: found.start()] + new + data[found.end() :]
        elif how == "drop":
            data = data[:at] + data[at + draw(st.integers(1, 200)) :]
    return data


def _located(message: str, location: str = "") -> bool:
    return bool(location) or bool(LOCATED.search(message)) or any(w in message for w in WHOLE_FILE)


def _try(importer: Callable[[Path], Any], path: Path, store_snapshot: Callable[[], Any]) -> None:
    """Import the file; on a refusal, check it is located and the store did not change."""
    with transaction.atomic():
        before = store_snapshot()
        try:
            importer(path)
        except ImportValidationError as invalid:
            assert invalid.errors, "a refusal without an error"
            for problem in invalid.errors:
                assert _located(problem.message(), problem.location), problem.message()
            assert store_snapshot() == before
        except UnreadableFileError as unreadable:
            assert _located(unreadable.reason), str(unreadable)
            assert store_snapshot() == before
        except IngestError as refused:  # refused before reading (no authority...), in words
            assert str(refused)
            assert store_snapshot() == before
        transaction.set_rollback(True)


FUZZ = settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=False,
)


@pytest.fixture
def council(db: None) -> None:
    import_extract("posts", DATA / "posts.csv", authority="999", user="test", today=TODAY)
    import_extract("staff", DATA / "staff.csv", user="test", today=TODAY)


@FUZZ
@given(data=damaged((DATA / "golden_2024.xml").read_bytes()))
def test_a_damaged_census_return_is_taken_or_refused_in_words(
    db: None, snapshot: Callable[[], Any], tmp_path: Path, data: bytes
) -> None:
    path = tmp_path / "csww_2024.xml"
    path.write_bytes(data)
    _try(lambda p: import_census([p], user="test"), path, snapshot)


EXTRACTS = {kind: (DATA / f"{kind}.csv").read_bytes() for kind in ("caseloads", "staff")}


@FUZZ
@given(
    kind_and_data=st.sampled_from(sorted(EXTRACTS)).flatmap(
        lambda kind: st.tuples(st.just(kind), damaged(EXTRACTS[kind]))
    )
)
def test_a_damaged_extract_is_taken_or_refused_in_words(
    council: None, snapshot: Callable[[], Any], tmp_path: Path, kind_and_data: tuple[str, bytes]
) -> None:
    kind, data = kind_and_data
    path = tmp_path / f"{kind}.csv"
    path.write_bytes(data)
    _try(lambda p: import_extract(kind, p, user="test", today=TODAY), path, snapshot)
