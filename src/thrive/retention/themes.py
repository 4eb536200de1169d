"""Themes in what people write: exit-interview comments and staff-survey free text.

A real text model, fitted on the council's own words and nothing downloaded: scikit-learn's
TF-IDF turns each comment into word weights (common English words left out, single words and
pairs), and non-negative matrix factorisation (NMF) finds a few themes, each a weighted set of
words that tend to appear together. Each comment belongs mostly to one theme. A theme is
named by a phrase its comments share ("Caseload was too high": the run of two to six words,
beginning and ending with a telling word, that most of its comments use, weighed by how telling
its words are; :func:`representative_phrase`), or by the short sentence around it when two or
more comments write that sentence word for word (:func:`shared_sentence`), and described by
its top words and, only when at least five comments carry it, by the comments most typical of
it, so no one's words are quoted from a group small enough to identify them. A theme of fewer
than five comments is named by its top words instead (up to three, no word twice:
:func:`telling_words`), since a phrase from so few comments would be a quote.

>>> themes = TextThemes(themes=5).fit(comments)   # columns: doc_id, text
>>> themes.themes_                                # theme, label, top_words, documents, share
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np
import polars as pl

from thrive.retention.errors import InsufficientDataError

MIN_GROUP = 5
"""The smallest group whose comments may be quoted or whose counts are shown outside HR."""


class TextThemes:
    """TF-IDF + NMF themes over short comments, in the estimator style.

    ``themes`` is the number of themes sought (fewer when there are few comments: at most one per
    ten comments); ``top_words`` how many words describe each; ``quotes`` how many typical
    comments to keep per theme; ``min_group`` the smallest theme that may be quoted. After
    :meth:`fit`: ``themes_``, ``assignments_`` (each comment's theme and weight; theme 0 for a
    comment with no words the model kept) and ``quotes_``.
    """

    def __init__(
        self,
        themes: int = 6,
        top_words: int = 8,
        quotes: int = 3,
        min_group: int = MIN_GROUP,
        random_state: int = 0,
    ) -> None:
        self.themes = themes
        self.top_words = top_words
        self.quotes = quotes
        self.min_group = min_group
        self.random_state = random_state

    def fit(self, documents: pl.DataFrame) -> TextThemes:
        """Find themes in ``documents`` (columns ``doc_id`` and ``text``; blank texts ignored)."""
        from sklearn.decomposition import NMF  # imported here: a second or two, only when used
        from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

        usable = documents.filter(pl.col("text").str.strip_chars().str.len_chars() > 0)
        count = min(self.themes, usable.height // 10)
        if count < 2:
            n = usable.height
            raise InsufficientDataError(
                f"{n} comment{'' if n == 1 else 's'} so far, and at least 20 are needed to find"
                " two themes."
            )
        vectoriser = TfidfVectorizer(
            stop_words="english",
            ngram_range=(1, 2),
            min_df=2,
            max_df=0.8,
            sublinear_tf=True,
            token_pattern=r"(?u)\b[a-zA-Z][a-zA-Z]+\b",
        )
        weights = vectoriser.fit_transform(usable["text"].to_list())
        model = NMF(
            n_components=count, init="nndsvda", random_state=self.random_state, max_iter=600
        )
        loadings = model.fit_transform(weights)
        words = vectoriser.get_feature_names_out()
        strongest = loadings.argmax(axis=1)
        has_words = loadings.max(axis=1) > 0
        self.vocabulary_size_ = len(words)
        self.assignments_ = pl.DataFrame(
            {
                "doc_id": usable["doc_id"],
                "theme": np.where(has_words, strongest + 1, 0).astype(np.int64),
                "weight": loadings.max(axis=1).astype(float),
            }
        )
        texts = usable["text"].to_list()
        rows = []
        for index, component in enumerate(model.components_):
            top = [str(words[i]) for i in component.argsort()[::-1][: self.top_words]]
            carried = (strongest == index) & has_words
            members = int(carried.sum())
            weight = {
                str(w): float(v) for w, v in zip(words, component, strict=True) if " " not in w
            }
            theirs = [t for t, c in zip(texts, carried, strict=True) if c]
            phrase = (
                representative_phrase(theirs, weight, ENGLISH_STOP_WORDS)
                if members >= self.min_group
                else None
            )
            if phrase is not None:
                phrase = shared_sentence(theirs, phrase) or phrase
            rows.append(
                {
                    "theme": index + 1,
                    "label": phrase or telling_words(top),
                    "top_words": top,
                    "documents": members,
                    "share": members / usable.height,
                    "quotable": members >= self.min_group,
                }
            )
        self.themes_ = pl.DataFrame(rows).sort("documents", descending=True)
        self.quotes_ = self._quotes(usable)
        return self

    def _quotes(self, usable: pl.DataFrame) -> pl.DataFrame:
        quotable = self.themes_.filter(pl.col("quotable"))["theme"].to_list()
        return (
            self.assignments_.filter(pl.col("theme").is_in(quotable))
            .join(usable.select("doc_id", "text"), on="doc_id")
            .sort("weight", descending=True)
            .group_by("theme", maintain_order=True)
            .head(self.quotes)
            .sort("theme", "weight", descending=[False, True])
        )

    def by_group(self, documents: pl.DataFrame, group: str) -> pl.DataFrame:
        """How many comments of each group (e.g. ``team``) carry each theme.

        Groups with fewer than ``min_group`` comments are not broken down: their row says
        ``suppressed`` and carries no counts.
        """
        joined = documents.select("doc_id", group).join(self.assignments_, on="doc_id")
        sizes = joined.group_by(group).agg(comments=pl.len())
        counts = joined.group_by(group, "theme").agg(documents=pl.len())
        return (
            counts.join(sizes, on=group)
            .with_columns(suppressed=pl.col("comments") < self.min_group)
            .with_columns(
                pl.when(pl.col("suppressed"))
                .then(None)
                .otherwise(pl.col("documents"))
                .alias("documents"),
                pl.when(pl.col("suppressed")).then(None).otherwise(pl.col("theme")).alias("theme"),
            )
            .unique()
            .sort(group, "theme", nulls_last=True)
        )


_WORD = re.compile(r"[A-Za-z][A-Za-z']*")
_CLAUSE = re.compile(r"[.,;:!?()\n]+")


def representative_phrase(
    texts: Sequence[str], weights: Mapping[str, float], stop_words: frozenset[str]
) -> str | None:
    """The phrase that best names what ``texts`` share, in sentence case; None if none is shared.

    Candidates are runs of two to six words within a clause of one comment that begin and end
    with a word that is not a stop word ("caseload was too high", "team manager"). Each scores
    the number of comments using it times the summed ``weights`` of its words (the theme's
    weight of each word), so a phrase must be both common in the theme and about it. Only
    phrases used by at least two comments count: a phrase from one comment would be a quote.

    >>> representative_phrase(["My caseload was too high.", "The caseload was too high"],
    ...                       {"caseload": 1.0, "high": 0.5}, frozenset({"my", "the", "was"}))
    'Caseload was too high'
    """
    used: Counter[tuple[str, ...]] = Counter()
    for text in texts:
        found: set[tuple[str, ...]] = set()
        for clause in _CLAUSE.split(text.lower()):
            tokens = _WORD.findall(clause)
            for start, first in enumerate(tokens):
                if first in stop_words or len(first) < 2:
                    continue
                for size in range(2, 7):
                    run = tuple(tokens[start : start + size])
                    if len(run) == size and run[-1] not in stop_words and len(run[-1]) > 1:
                        found.add(run)
        used.update(found)
    scored = [
        (count * sum(weights.get(w, 0.0) for w in set(run)), run)
        for run, count in used.items()
        if count >= 2
    ]
    scored = [s for s in scored if s[0] > 0]
    if not scored:
        return None
    # the highest score; on a tie the shorter phrase, then the first alphabetically
    _, best = min(scored, key=lambda s: (-s[0], len(s[1]), s[1]))
    return sentence_case(" ".join(best))


_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
MOST_WORDS_IN_A_NAME = 12


def shared_sentence(texts: Sequence[str], phrase: str) -> str | None:
    """The whole sentence around ``phrase`` when two or more comments write it word for word
    and it is short (at most twelve words): "Mileage and travel time were not recognised" reads
    better than its phrase "Travel time were not recognised". None when no such sentence is
    shared, as in most real comments, which then keep the phrase.

    >>> shared_sentence(["Mileage was not paid. I left.", "mileage was not paid!"], "Mileage was")
    'Mileage was not paid'
    """
    run = phrase.lower().split()
    counts: Counter[tuple[str, ...]] = Counter()
    written: dict[tuple[str, ...], str] = {}
    for text in texts:
        found: set[tuple[str, ...]] = set()
        for sentence in _SENTENCE.split(text.strip()):
            words = tuple(_WORD.findall(sentence.lower()))
            if len(words) > MOST_WORDS_IN_A_NAME or not _holds(words, run):
                continue
            found.add(words)
            written.setdefault(words, sentence.strip().rstrip(".!?").strip())
        counts.update(found)
    shared = [(count, words) for words, count in counts.items() if count >= 2]
    if not shared:
        return None
    _, best = min(shared, key=lambda s: (-s[0], len(s[1]), s[1]))
    return sentence_case(written[best])


def _holds(words: Sequence[str], run: Sequence[str]) -> bool:
    size = len(run)
    return any(list(words[i : i + size]) == list(run) for i in range(len(words) - size + 1))


def telling_words(top: Sequence[str], most: int = 3) -> str:
    """A small theme's name from its most telling terms (single words and two-word runs, best
    first): up to ``most`` of them, each sharing no word with one before, so a word never reads
    twice ("came, came neighbouring" is not a name), in sentence case.

    >>> telling_words(["came", "came neighbouring", "team manager", "team", "pay"])
    'Came, team manager, pay'
    """
    seen: set[str] = set()
    chosen: list[str] = []
    for term in top:
        words = set(term.split())
        if words & seen or len(words) < len(term.split()):
            continue
        seen |= words
        chosen.append(term)
        if len(chosen) == most:
            break
    return sentence_case(", ".join(chosen))


def sentence_case(text: str) -> str:
    """'team manager post' -> 'Team manager post'; a lone 'i' becomes 'I'."""
    words = ["I" if w == "i" else w for w in text.split(" ")]
    joined = " ".join(words)
    return joined[:1].upper() + joined[1:]
