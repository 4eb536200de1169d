"""The Workforce page's disability section: how many social workers have said whether they are
disabled, and of those who have, the share who are, for the whole council and by grade.

Both from the registry (``disability_declaration_rate`` and ``workforce_by_disability``, sliced
by grade), beside the local population's share where the council has entered it. Outside HR a
grade of fewer than 5 people shows nothing, a declaration rate that would tell 1 to 4 people who
did or did not answer is withheld (:func:`~thrive.summaries.suppression.figure_withheld`), and
the disabled share follows the registry's suppression of 1 to 4 disabled (or not disabled)
people. A withheld rate reads "not shown", whatever the reason, so the wording gives nothing
away.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from thrive import metrics
from thrive.codes import CareerGrade
from thrive.codes.disability import Disability
from thrive.frames.workforce import WorkforceFrames
from thrive.metrics import Result, Targets
from thrive.summaries import formatting
from thrive.summaries.suppression import (
    NOT_SHOWN,
    figure_withheld,
    group_size,
    group_sizes,
    group_withheld,
)

DECLARATION = "disability_declaration_rate"
BY_DISABILITY = "workforce_by_disability"
DISABLED = Disability.YES.label
# The answers that say something was asked and answered (not known says nothing was).
ANSWERS = [str(d.value) for d in Disability if d is not Disability.NOT_KNOWN]
METHOD = (
    "Directly employed social workers in post on the date, each counted once, in their more "
    "senior post; agency workers are not included (their agency holds their details). A worker "
    "has said whether they are disabled when their record says yes or no; 'prefer not to say' "
    "and nothing recorded are not answers. The disabled share is of those who answered. Where "
    "a figure would tell something about fewer than 5 people it is shown only to HR."
)


@dataclass(frozen=True)
class DisabilityRow:
    """One grade (or the whole council): who answered, and the disabled share of them."""

    name: str
    declared: str  # "82% (41 of 50)" or "not shown"
    disabled: str  # "12% (5)" or "not shown"


@dataclass(frozen=True)
class WorkforceDisability:
    """The section: a sentence each for the whole council, and a row for each grade."""

    summary: str
    population: str | None
    whole: DisabilityRow
    rows: list[DisabilityRow]
    method: str = METHOD


def _declared(r: Result | None, withheld: bool) -> str:
    if r is None or r.value is None or withheld:
        return "–" if r is None or (r.value is None and not r.suppressed) else NOT_SHOWN
    return f"{formatting.number(r.value, '%')} ({r.numerator:,.0f} of {r.denominator:,.0f})"


def _disabled(r: Result | None, withheld: bool) -> str:
    if r is None or r.value is None or withheld:
        return "–" if r is None or (r.value is None and not r.suppressed) else NOT_SHOWN
    return f"{formatting.number(r.value, '%')} ({r.numerator:,.0f})"


def _row(
    name: str, found: dict[str, Result], small: bool, hr: bool
) -> tuple[DisabilityRow, bool, bool]:
    rate, share = found.get(DECLARATION), found.get(BY_DISABILITY)
    registry = metrics.measures()
    rate_off = rate is not None and figure_withheld(
        registry[DECLARATION], rate, hr, group_small=small
    )
    share_off = share is not None and figure_withheld(
        registry[BY_DISABILITY], share, hr, group_small=small
    )
    rate_shown = rate is not None and not rate_off and rate.value is not None
    disabled = _disabled(share, share_off)
    if share is None:  # nobody disabled: 0% of those who answered, if any answered
        if rate_off:
            disabled = NOT_SHOWN
        elif rate_shown and rate is not None and (rate.numerator or 0) > 0:
            disabled = f"{formatting.number(0.0, '%')} (0)"
        else:
            disabled = "–"
    return DisabilityRow(name, _declared(rate, rate_off), disabled), rate_shown, not share_off


def workforce_disability(
    frames: WorkforceFrames, as_at: date, targets: Targets, *, hr: bool
) -> WorkforceDisability | None:
    """The section, or None when no social worker in post has a disability answer recorded
    (yes, no or prefer not to say): then there is nothing to say but that nothing is known."""
    found = metrics.compute(
        frames, as_at, by="grade", names=[DECLARATION, BY_DISABILITY], targets=targets,
        hr=hr, compare=False,
    )  # fmt: skip
    by_grade: dict[str | None, dict[str, Result]] = {}
    population = None
    for r in found:
        where = (r.slice or {}).get("grade")
        if r.name == BY_DISABILITY and (r.slice or {}).get("disability") != DISABLED:
            continue
        if r.name == BY_DISABILITY and where is None and r.target is not None:
            population = f"{formatting.number(r.target, '%')}"
        by_grade.setdefault(where, {})[r.name] = r
    answered = frames.workers["disability"].is_in(ANSWERS).any()
    if DECLARATION not in by_grade.get(None, {}) or not answered:
        return None
    whole_small = group_withheld(group_size(frames, as_at), named=hr)
    whole, rate_shown, share_shown = _row("All grades", by_grade.get(None, {}), whole_small, hr)
    sizes = group_sizes(frames, as_at, "grade")
    rows = []
    for grade in CareerGrade:
        code = str(grade.value)
        if code not in by_grade:
            continue
        small = group_withheld(sizes.get(code, 0), named=hr)
        rows.append(_row(grade.label, by_grade[code], small, hr)[0])
    return WorkforceDisability(
        summary=_summary(whole, rate_shown, share_shown),
        population=population,
        whole=whole,
        rows=rows,
    )


def _summary(whole: DisabilityRow, rate_shown: bool, share_shown: bool) -> str:
    """The whole council in words."""
    said = (
        f"{whole.declared} of the directly employed social workers in post have said whether "
        "they are disabled."
        if rate_shown
        else "How many social workers have said whether they are disabled is not shown."
    )
    share = (
        f" Of those who have, {whole.disabled} said they are."
        if share_shown and whole.disabled not in ("–", NOT_SHOWN)
        else ""
    )
    return said + share
