"""Sections, sources and the edge-case sentences several measures share, written once."""

from __future__ import annotations

DFE = "The Department for Education's measures"
STRATEGY = "The strategy's measures of success"
# Somerset's strategy ran on these (its source is cited on each measure); the heading names
# what they are, not another council.
SOMERSET = "Supervision, caseloads and management"
REPRESENTATIVE = "A representative workforce"
LEAVING = "Why people leave, where they go, and after how long"
STOCK_AND_FLOW = "Stock and flow"
CONTINUITY = "Children's continuity: changes of social worker, waiting, weighted caseloads"
TRAINING = "Training and induction"
PAY = "Pay and reward"
PIPELINE = "Students and trainees"
RECRUITMENT = "Recruitment: Try Before You Apply"
SECTIONS = (
    DFE, STRATEGY, SOMERSET, REPRESENTATIVE, LEAVING, STOCK_AND_FLOW, CONTINUITY, TRAINING, PAY,
    PIPELINE, RECRUITMENT,
)  # fmt: skip

DFE_SOURCE = (
    "Department for Education, Children's social work workforce: methodology "
    "(figures at 30 September; the year runs 1 October to 30 September)"
)
DFE_AND_NS = DFE_SOURCE + "; North Somerset workforce strategy 2021-2024, measure {n}"


def north_somerset(n: int) -> str:
    return (
        f"North Somerset Children's Services Workforce Development Strategy 2021-2024, measure {n}"
    )


SOMERSET_SOURCE = (
    "Somerset County Council Children's Social Care Workforce Development Strategy 2015-2019"
)
SKILLS_FOR_CARE = "Skills for Care / NHS stability index"
STABILITY_INDEX = (
    "Children's Commissioner for England, Stability Index (2018-2019 reports): changes of social "
    "worker over 12 months for children in care throughout the year"
)
ALLOCATION_SPELLS = (
    "From the children's allocation records (thrive import allocations): a child's spells with "
    "a worker, or waiting with none; a spell is open on a day from its start to its end date "
    "inclusive."
)
NO_ALLOCATIONS = "Empty when the store has no allocation records."
LGA = "LGA Standards for employers of social workers (standard 5, supervision)"

IN_POST = (
    "In post at the as-at date: the spell has started and the worker is still there after that "
    "day. A worker whose last day is the as-at date and who leaves the council is a leaver, not "
    "in post (the census returns their FTE30 as 0); a worker who moves to another team or grade "
    "that day is in post."
)
IN_POST_RULE = IN_POST
IN_POST = (
    "In post at the close of the as-at date: a worker who leaves the council on that day is a "
    "leaver, not in post; one who moves to another team, grade or hours that day is in post."
)
TWO_ROLES_FTE = "A worker in two roles at once counts the FTE of both."
TWO_ROLES_HEADCOUNT = (
    "A worker in two roles at once counts once, in the more senior post (for slicing too)."
)
AGENCY_SEPARATE = "Agency workers are never counted here: they are counted separately."
AGENCY_NOT_LEAVERS = (
    "Agency workers are never starters or leavers, so never in turnover: an agency worker who "
    "takes a permanent post is a starter (start origin 4)."
)
MOVES_NOT_LEAVERS = (
    "A move inside the council (another team, grade or hours) is not a leaver: only a spell "
    "ending with a reason for leaving is."
)
STARTER_LEAVER_BOTH = "A starter who leaves within the same year counts as a starter and a leaver."
PART_YEAR = (
    "Part-year FTE: a starter or leaver counts the full FTE of the spell, not pro-rated by the "
    "part of the year worked (as the Department does)."
)
YEAR = (
    "The year is the 12 months ending on the as-at date: the collection year 1 October to "
    "30 September when the as-at date is 30 September."
)
SLICE_BY_SPELL = (
    "Sliced by the team, grade and contract of the spell concerned (a leaver by the post they "
    "left)."
)
CASELOAD_SNAPSHOT = (
    "Cases come from each worker's latest caseload snapshot on or before the as-at date and no "
    "more than 31 days before it (configurable); a worker with no snapshot in that window holds "
    "no cases."
)
CASEHOLDER_FTE = (
    "A case holder's FTE is the FTE of all their posts (agency included); a worker holding no "
    "cases is not a case holder."
)
SUPPRESSION = (
    "Outside HR, a group of 1 to 4 people (fewer than 5, configurable) is suppressed, and when "
    "only one group in a breakdown is suppressed the next smallest is too, so it cannot be "
    "worked out from the total; when the suppressed group is the only one with anyone in it, "
    "the total (the denominator) is suppressed as well. A figure made from counts of people "
    "(its 'Small numbers' row below: the FTE of starters, a turnover or agency rate) is "
    "withheld outside HR wherever any of those counts is 1 to 4, with its status, change and "
    "trend; so is a share of people with no count of its own (the retention rate, supervision, "
    "the ASYE pass rate) wherever those counted or those not counted are 1 to 4 (38 of 40 "
    "retained says 2 left)."
)
