"""Text themes: two topics planted in the comments come back as two themes."""

from __future__ import annotations

import polars as pl
import pytest

from thrive.retention.errors import InsufficientDataError
from thrive.retention.themes import TextThemes

CASELOAD = [
    "My caseload was far too high and I worked evenings",
    "Caseload too high, too many children on my caseload",
    "The caseload and the court work were unmanageable",
    "High caseload every month, no time for direct work",
    "I could not manage the caseload and the paperwork",
]
CAREER = [
    "No career progression to senior practitioner here",
    "I wanted promotion and a career path",
    "Career progression was blocked, no senior practitioner posts",
    "A senior practitioner promotion elsewhere, better career",
    "No clear career path or progression without management",
]


def _documents(per_topic: int = 15, teams: tuple[str, ...] = ("North", "South")) -> pl.DataFrame:
    texts = [CASELOAD[i % 5] for i in range(per_topic)] + [CAREER[i % 5] for i in range(per_topic)]
    return pl.DataFrame(
        {
            "doc_id": list(range(1, len(texts) + 1)),
            "text": texts,
            "team": [teams[i % len(teams)] for i in range(len(texts))],
        }
    )


def test_two_planted_topics_come_back_as_two_themes() -> None:
    docs = _documents()
    themes = TextThemes(themes=2).fit(docs)
    assert themes.themes_.height == 2
    words = {row["theme"]: set(row["top_words"]) for row in themes.themes_.to_dicts()}
    caseload_theme = next(t for t, w in words.items() if "caseload" in w)
    career_theme = next(t for t, w in words.items() if "career" in w)
    assert caseload_theme != career_theme
    assigned = dict(themes.assignments_.select("doc_id", "theme").iter_rows())
    assert all(assigned[i] == caseload_theme for i in range(1, 16))
    assert all(assigned[i] == career_theme for i in range(16, 31))
    assert themes.themes_["documents"].sum() == 30
    assert themes.themes_["share"].sum() == pytest.approx(1.0)


def test_quotes_come_only_from_themes_of_five_or_more() -> None:
    docs = _documents()
    themes = TextThemes(themes=2, quotes=2).fit(docs)
    assert themes.quotes_.height == 4
    quoted = set(themes.quotes_["text"])
    assert quoted <= set(docs["text"])
    strict = TextThemes(themes=2, min_group=16).fit(docs)
    assert strict.quotes_.is_empty()
    assert not strict.themes_["quotable"].any()


def test_small_groups_are_not_broken_down() -> None:
    docs = _documents(teams=("North",) * 28 + ("Tiny",) * 2)
    themes = TextThemes(themes=2).fit(docs)
    table = themes.by_group(docs, "team")
    tiny = table.filter(pl.col("team") == "Tiny")
    assert tiny.height == 1 and tiny["suppressed"][0] and tiny["documents"][0] is None
    north = table.filter(pl.col("team") == "North")
    assert north["documents"].sum() == 28


def test_too_few_comments_are_refused() -> None:
    with pytest.raises(InsufficientDataError, match="20"):
        TextThemes().fit(_documents(per_topic=5))
