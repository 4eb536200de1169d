"""Properties of the values the new record kinds read (hypothesis).

- a yes/no answer: every spelling of yes or no in any case and spacing reads as True or False,
  anything else is refused saying what would do;
- what an exporter writes, the row checker reads back: any exit interview or stay conversation
  row (free text with commas, quotes and line breaks; optional answers; any dates), written to
  CSV as the exporters write it, comes back as the same typed values; so does any teams row
  (names with commas, quotes and line breaks, as the store holds them: Unicode NFKC; any kind
  and dates) and any targets row.
"""

from __future__ import annotations

import csv
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thrive.codes import TeamKind
from thrive.codes.lifecycle import (
    ConversationOutcome,
    ConversationPrompt,
    ExitMethod,
    LeavingReason,
)
from thrive.ingest.cells import NO, YES, BadCell, to_yes_no
from thrive.ingest.fields import FIELDS
from thrive.ingest.profiles import load_profile
from thrive.ingest.record_rows import cell
from thrive.ingest.rows import RowChecker
from thrive.ingest.tables import read_csv
from thrive.problems import unsafe_character

SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
ANSWER = {spec.name: spec for spec in FIELDS["exit_interviews"]}["would_return"]
TODAY = date(2025, 1, 1)


def _cased(word: str, data: st.DataObject) -> str:
    flips = data.draw(st.lists(st.booleans(), min_size=len(word), max_size=len(word)))
    pad = data.draw(st.sampled_from(["", " ", "  "]))
    return pad + "".join(c.upper() if f else c for c, f in zip(word, flips, strict=True)) + pad


@given(data=st.data(), yes=st.booleans())
def test_any_spelling_of_yes_or_no_reads_as_its_answer(data: st.DataObject, yes: bool) -> None:
    word = data.draw(st.sampled_from(sorted(YES if yes else NO)))
    assert to_yes_no(ANSWER, _cased(word, data)) is yes
    assert to_yes_no(ANSWER, yes) is yes


@given(text=st.text(max_size=12).filter(lambda t: t.strip().casefold() not in YES | NO))
def test_anything_else_is_refused_saying_what_would_do(text: str) -> None:
    with pytest.raises(BadCell) as bad:
        to_yes_no(ANSWER, text)
    assert bad.value.expected == "yes or no (also y, n, true, false, 1 or 0)"


free_text = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\x85\u2028\u2029"),
    max_size=60,
).map(str.strip) | st.sampled_from(['He said "too many cases", then left.', "One,\nTwo"])
days = st.dates(date(2000, 1, 1), TODAY)
reasons = st.sampled_from([str(r) for r in LeavingReason])


def _codes(enum: type) -> st.SearchStrategy[str]:
    return st.sampled_from([str(m) for m in enum])


exit_rows = st.lists(
    st.fixed_dictionaries(
        {
            "date": days,
            "method": _codes(ExitMethod),
            "primary_reason": reasons,
            "would_return": st.none() | st.booleans(),
            "would_recommend": st.none() | st.booleans(),
            "comments": free_text,
        }
    ),
    min_size=1,
    max_size=8,
    unique_by=lambda r: r["date"],
)
stay_rows = st.lists(
    st.fixed_dictionaries(
        {
            "date": days,
            "held_by_name": free_text.map(lambda t: t[:120].strip()),
            "prompted_by": _codes(ConversationPrompt),
            "main_concern": st.none() | reasons,
            "outcome": _codes(ConversationOutcome),
            "actions": free_text,
        }
    ),
    min_size=1,
    max_size=8,
    unique_by=lambda r: r["date"],
)


def _round_trip(kind: str, rows: list[dict[str, object]], path: Path) -> list[dict[str, object]]:
    names = [spec.name for spec in FIELDS[kind]]
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.DictWriter(stream, fieldnames=names)
        writer.writeheader()
        for row in rows:
            writer.writerow({n: cell(row.get(n)) for n in names} | {"worker_id": "E000001"})
    checker = RowChecker(read_csv(path, kind, load_profile(None)), kind, load_profile(None), TODAY)
    checked = list(checker.rows())
    assert all(r.ok for r in checked), [p.message() for r in checked for p in r.problems]
    return [r.values for r in checked]


def _expected(rows: list[dict[str, object]]) -> list[dict[str, object]]:
    return [
        {"worker_id": "E000001"} | {k: v for k, v in row.items() if v is not None and v != ""}
        for row in rows
    ]


@SETTINGS
@given(rows=exit_rows)
def test_exit_interview_rows_read_back_as_written(
    rows: list[dict[str, object]], tmp_path: Path
) -> None:
    assert _round_trip("exit_interviews", rows, tmp_path / "exits.csv") == _expected(rows)


@SETTINGS
@given(rows=stay_rows)
def test_stay_conversation_rows_read_back_as_written(
    rows: list[dict[str, object]], tmp_path: Path
) -> None:
    assert _round_trip("stay_conversations", rows, tmp_path / "stay.csv") == _expected(rows)


# A team's or service's name as the store holds it: Unicode NFKC, no control or format character.
names = free_text.map(lambda t: unicodedata.normalize("NFKC", t).strip()).filter(
    lambda t: 0 < len(t) <= 120 and not unsafe_character(t, identifier=True)
)
team_rows = st.lists(
    st.fixed_dictionaries(
        {
            "service": names,
            "team": names,
            "team_kind": st.none() | _codes(TeamKind),
            "opened": st.none() | days,
            "closed": st.none() | days,
        }
    ).filter(lambda r: not (r["opened"] and r["closed"] and r["closed"] < r["opened"])),
    min_size=1,
    max_size=8,
    unique_by=lambda r: str(r["team"]).casefold(),
)
target_rows = st.lists(
    st.fixed_dictionaries(
        {
            "measure": st.sampled_from(["turnover_rate", "agency_rate", "vacancy_rate"]),
            "target": st.decimals(0, 1000, places=2),
            "amber_within": st.none() | st.decimals(0, 100, places=2),
            "note": free_text.map(lambda t: t[:200].strip()),
        }
    ),
    min_size=1,
    max_size=3,
    unique_by=lambda r: r["measure"],
)


def _written_and_read(kind: str, rows: list[dict[str, object]], path: Path) -> list[Any]:
    """Rows written as ``thrive export records`` writes them, read back by the row checker."""
    names = [spec.name for spec in FIELDS[kind]]
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.DictWriter(stream, fieldnames=names)
        writer.writeheader()
        writer.writerows({n: cell(row.get(n)) for n in names} for row in rows)
    checker = RowChecker(read_csv(path, kind, load_profile(None)), kind, load_profile(None), TODAY)
    checked = list(checker.rows())
    assert all(r.ok for r in checked), [p.message() for r in checked for p in r.problems]
    return [r.values for r in checked]


@SETTINGS
@given(rows=team_rows)
def test_team_rows_read_back_as_written(rows: list[dict[str, object]], tmp_path: Path) -> None:
    expected = [{k: v for k, v in row.items() if v is not None} for row in rows]
    assert _written_and_read("teams", rows, tmp_path / "teams.csv") == expected


@SETTINGS
@given(rows=target_rows)
def test_target_rows_read_back_as_written(rows: list[dict[str, object]], tmp_path: Path) -> None:
    expected = [
        {"group": ""} | {k: v for k, v in row.items() if v is not None and v != ""} for row in rows
    ]
    assert _written_and_read("targets", rows, tmp_path / "targets.csv") == expected
