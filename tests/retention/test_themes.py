"""Text themes: two topics planted in the comments come back as two themes."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from thrive.retention.errors import InsufficientDataError
from thrive.retention.themes import (
    TextThemes,
    representative_phrase,
    shared_sentence,
    telling_words,
)

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


def test_a_theme_is_named_by_a_phrase_its_comments_share_in_sentence_case() -> None:
    docs = _documents()
    themes = TextThemes(themes=2).fit(docs)
    labels = {tuple(row["top_words"]): row["label"] for row in themes.themes_.to_dicts()}
    caseload = next(label for words, label in labels.items() if "caseload" in words)
    career = next(label for words, label in labels.items() if "career" in words)
    assert "caseload" in caseload.lower() and "career" not in caseload.lower()
    assert "career" in career.lower() or "senior practitioner" in career.lower()
    for label in (caseload, career):
        assert label[0].isupper() and " / " not in label
        assert sum(label.lower() in text.lower() for text in docs["text"]) >= 2


def test_the_phrase_most_comments_share_names_the_theme_over_one_persons_words() -> None:
    texts = [
        "My caseload was too high and I worked evenings",
        "The caseload was too high for months",
        "Caseload was too high, no time for direct work",
        "A caseload that was unmanageable and far too high for anyone",
    ]
    weights = {"caseload": 1.0, "high": 0.6, "unmanageable": 0.9, "evenings": 0.2}
    assert representative_phrase(texts, weights, ENGLISH_STOP_WORDS) == "Caseload was too high"
    assert representative_phrase(texts[-1:], weights, ENGLISH_STOP_WORDS) is None


def test_a_theme_too_small_to_quote_is_named_by_its_top_words_not_a_phrase() -> None:
    strict = TextThemes(themes=2, min_group=16).fit(_documents())
    for row in strict.themes_.to_dicts():
        assert row["label"] == telling_words(row["top_words"])
        words = row["label"].lower().replace(",", "").split()
        assert len(words) == len(set(words)), row  # no word twice
        assert row["label"][0].isupper() and " / " not in row["label"]


def test_a_small_themes_name_never_repeats_a_word() -> None:
    """The review's "came / came neighbouring / team manager": a two-word term whose word has
    already been named is passed over for the next term."""
    top = ["came", "came neighbouring", "team manager", "team", "neighbouring", "pay"]
    assert telling_words(top) == "Came, team manager, neighbouring"
    assert telling_words(["caseload"]) == "Caseload"


_terms = st.lists(
    st.lists(
        st.sampled_from(["came", "team", "manager", "pay", "court"]), min_size=1, max_size=2
    ).map(" ".join),
    max_size=10,
)


@given(top=_terms)
def test_a_small_themes_name_has_each_word_once_at_most_three_terms(top: list[str]) -> None:
    label = telling_words(top)
    terms = [t for t in label.lower().split(", ") if t]
    words = [w for t in terms for w in t.split()]
    assert len(words) == len(set(words)) and len(terms) <= 3
    assert all(t in top for t in terms)


STOP = frozenset({"the", "a", "was", "and", "my", "i", "to", "of"})
_words = st.sampled_from(["caseload", "high", "team", "manager", "pay", "the", "a", "was", "and"])


@given(
    texts=st.lists(st.lists(_words, min_size=0, max_size=8).map(" ".join), max_size=12),
    weights=st.dictionaries(_words, st.floats(min_value=0, max_value=1), max_size=9),
)
def test_a_phrase_is_always_one_that_two_comments_use(texts: list[str], weights) -> None:
    """Whatever the comments, the name is two to six of their words in a row, beginning and
    ending with a word that is not a stop word, used by two or more comments: never one
    person's words."""
    phrase = representative_phrase(texts, weights, STOP)
    if phrase is None:
        return
    words = phrase.lower().split()
    assert phrase[0].isupper() and 2 <= len(words) <= 6
    assert words[0] not in STOP and words[-1] not in STOP
    assert sum(f" {' '.join(words)} " in f" {t} " for t in texts) >= 2
    assert any(weights.get(w, 0) > 0 for w in words)


def test_a_short_sentence_two_comments_share_names_the_theme_whole() -> None:
    texts = [
        "The travel took hours. Mileage and travel time were not recognised.",
        "Mileage and travel time were not recognised. Thank you to my team.",
        "I moved away.",
    ]
    phrase = "Travel time were not recognised"
    assert shared_sentence(texts, phrase) == "Mileage and travel time were not recognised"
    # one comment's sentence is a quote, and a long one is no name: the phrase stays
    assert shared_sentence(texts[:1] + texts[2:], phrase) is None
    long = "Mileage and travel time across the whole county were not recognised by anyone at all."
    assert shared_sentence([long, long], "Travel time") is None


_sentences = st.lists(
    st.lists(
        st.sampled_from(["travel", "time", "was", "paid", "not", "my", "team"]),
        min_size=1,
        max_size=12,
    ).map(lambda ws: " ".join(ws) + "."),
    min_size=1,
    max_size=3,
).map(" ".join)


@given(texts=st.lists(_sentences, max_size=8), phrase=st.sampled_from(["travel time", "was not"]))
def test_a_named_sentence_is_short_holds_the_phrase_and_two_comments_write_it(
    texts: list[str], phrase: str
) -> None:
    name = shared_sentence(texts, phrase)
    if name is None:
        return
    words = name.lower().split()
    assert len(words) <= 12 and f" {phrase} " in f" {' '.join(words)} "
    written = [{s.strip().rstrip(".").lower() for s in t.split(".") if s.strip()} for t in texts]
    assert sum(name.lower() in sentences for sentences in written) >= 2
