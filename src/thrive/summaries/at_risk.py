"""The "Who to talk to" page's view model: the people most likely to leave, for their managers.

Names reach this page only for the workers the viewer may see: an HR admin sees the whole
council, a team or service manager the people in post in their teams (never themselves), and
leadership only how many are ranked and how many stay conversations were held, so the list
built here carries no row for them at all.

No one is named unless the model's out-of-time test shows it ranks people usefully
(:func:`thrive.summaries.leaving_risk.ranks_people`): otherwise the page says so in words and
shows the factors that go with leaving across teams. People whose chance comes from no single
clear factor are not listed as named risks either: there is nothing to talk to them about.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from thrive.codes import CareerGrade
from thrive.retention import risk_checks
from thrive.summaries.kept_results import LastConversation
from thrive.summaries.leaving_risk import ranks_people, team_factors
from thrive.summaries.retention_results import AtRiskResult, PersonAtRisk, RiskResult
from thrive.summaries.suppression import ShownCount, shown_count

TOP = 20
RECENT = timedelta(days=365)


@dataclass(frozen=True)
class AtRiskRow:
    """One person on the list, as their manager sees them."""

    rank: int
    worker_id: int
    pseudonym: str
    name: str
    team: str
    grade: str
    years_in_post: str
    chance: str
    relative: str
    factors: list[str]
    last_conversation: LastConversation | None


@dataclass(frozen=True)
class AtRiskPage:
    """What the page shows: rows only for a viewer who may see them, else the counts."""

    as_at: date
    named: bool
    ranked: int
    in_scope: int
    rows: list[AtRiskRow] = field(default_factory=list)
    top_talked_to: ShownCount | None = None
    top_size: int = 0
    explained: str = ""
    unavailable: str = ""
    withheld: str = ""
    factors: list[str] = field(default_factory=list)
    unclear: int = 0


@dataclass(frozen=True)
class ViewerList:
    """One viewer's part of the ranked list: all :func:`at_risk_page` needs of it, a few dozen
    people however large the council (kept per scope, so a page does not read the whole list).

    ``whole_top``: the council's ``top`` ranked people (for how many had a conversation);
    ``shown``: the viewer's own ``top``; the counts are of the whole list.
    """

    whole_top: list[PersonAtRisk]
    shown: list[PersonAtRisk]
    ranked: int
    in_scope: int
    unclear: int
    explained: str


def viewer_list(
    result: AtRiskResult, visible: Collection[int] | None, *, top: int = TOP
) -> ViewerList:
    """The part of ``result`` (the whole ranked list) a viewer who may see ``visible`` (None:
    everyone) is shown."""
    # a chance with no single clear factor behind it is not a named risk: rank the others
    people = [
        replace(p, rank=rank)
        for rank, p in enumerate((p for p in result.people if p.factors), start=1)
    ]
    mine = people if visible is None else [p for p in people if p.worker_id in visible]
    return ViewerList(
        whole_top=people[:top],
        shown=mine[:top],
        ranked=len(people),
        in_scope=len(mine),
        unclear=len(result.people) - len(people),
        explained=result.factors_explained,
    )


def conversations_needed(part: ViewerList) -> list[int]:
    """The workers whose latest stay conversation :func:`at_risk_page` looks at."""
    return list(dict.fromkeys(p.worker_id for p in [*part.whole_top, *part.shown]))


def at_risk_page(
    result: AtRiskResult | ViewerList | None,
    as_at: date,
    visible: Collection[int] | None,
    names: dict[int, str],
    conversations: dict[int, LastConversation],
    risk: RiskResult | None,
    *,
    top: int = TOP,
    unavailable: str = "",
) -> AtRiskPage:
    """The page from ``people_at_risk``' whole list (``visible`` None: everyone, HR admin), or
    from the viewer's part of it (:func:`viewer_list`, for the same ``visible`` and ``top``).

    ``conversations`` are the latest stay conversations, read fresh (the list itself is kept
    between requests). With an empty ``visible`` set (leadership) no row is built: only how
    many of the council's ``top`` highest-risk people had a stay conversation in the last year.
    ``risk`` is the leaving-risk result with the model's out-of-time test: without it, or when
    the test does not carry a ranking, no one is listed and the page gives the reason and the
    model's clear factors instead.
    """
    named = visible is None or len(visible) > 0
    if result is None:
        return AtRiskPage(as_at, named, 0, 0, unavailable=unavailable)
    if risk is None or not ranks_people(risk.out_of_time):
        return AtRiskPage(
            as_at,
            named,
            0,
            0,
            withheld=_withheld(risk),
            factors=team_factors(risk) if risk is not None else [],
        )
    part = result if isinstance(result, ViewerList) else viewer_list(result, visible, top=top)
    recent = as_at - RECENT
    talked = sum(
        1
        for p in part.whole_top
        if (c := conversations.get(p.worker_id)) is not None and recent <= c.on <= as_at
    )
    rows = [_row(p, names, conversations.get(p.worker_id)) for p in part.shown] if named else []
    return AtRiskPage(
        as_at=as_at,
        named=named,
        ranked=part.ranked,
        in_scope=part.in_scope,
        rows=rows,
        top_talked_to=shown_count(talked, named=visible is None),
        top_size=len(part.whole_top),
        explained=part.explained,
        unclear=part.unclear,
    )


def _withheld(risk: RiskResult | None) -> str:
    """Why no one is named, in words."""
    if risk is None:
        return (
            "The leaving-risk model could not be tested on a later period, so it cannot be "
            "trusted to single people out."
        )
    check = risk.out_of_time
    share = f"{100 * check.concordance:.0f}%"
    how_often = (
        f"only {share} of the time, where 50% is a coin toss"
        if check.concordance < risk_checks.USEFUL_CONCORDANCE
        else f"{share} of the time, but how sure that is was not worked out"
        if check.concordance_lower is None
        else f"{share} of the time, but from so few people that it could still be a coin toss"
    )
    return (
        "These records cannot single people out. When the model was fitted on the records up "
        f"to {date.fromisoformat(check.cutoff):%-d %B %Y} and asked who would leave next, it "
        f"put the person who left above one who stayed {how_often}. A list of names from it "
        "would point at the wrong people too often, so none is shown. What the records can say "
        "is which factors go with leaving across teams."
    )


def _row(p: PersonAtRisk, names: dict[int, str], last: LastConversation | None) -> AtRiskRow:
    chance = p.leaving_chance
    try:
        grade = CareerGrade(p.grade).label
    except ValueError:
        grade = str(p.grade)
    return AtRiskRow(
        rank=int(p.rank),
        worker_id=int(p.worker_id),
        pseudonym=str(p.pseudonym),
        name=names.get(int(p.worker_id)) or str(p.pseudonym),
        team=str(p.team or ""),
        grade=grade,
        years_in_post=f"{p.years_in_post:.1f}" if p.years_in_post is not None else "–",
        chance="not known" if chance is None else f"{100 * chance:.0f}%",
        relative=(f"{p.relative_risk:.1f} times" if p.relative_risk is not None else "–"),
        factors=list(p.factors or []),
        last_conversation=last,
    )
