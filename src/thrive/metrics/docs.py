"""``docs/metrics.md``, generated from the registry so the documentation cannot drift.

Regenerate it after changing a measure::

    python -m thrive.metrics.docs docs/metrics.md

A test fails when the file differs from what this module writes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from thrive.metrics.definitions.wording import IN_POST_RULE, SECTIONS, SUPPRESSION
from thrive.metrics.formulas import ABSENCE_CAVEAT
from thrive.metrics.registry import DIMENSIONS, Kind, Measure, measures
from thrive.metrics.staff_groups import by_staff_group
from thrive.metrics.targets import default_targets

INTRO = f"""\
# The measures of success

<!-- Generated from the registry in src/thrive/metrics by
     `python -m thrive.metrics.docs docs/metrics.md`: do not edit by hand. -->

Every figure Thrive shows about the workforce comes from one registry of measures
(`src/thrive/metrics`). Each has a stable name, a plain-English label, a formula, a numerator and
a denominator, its source, its unit and whether higher is better. The census export, the web
pages, the reports and `thrive metrics` all call the same definitions, so a figure is the same
wherever it appears. This page is written so that an HR analyst can recompute every figure in a
spreadsheet from worker-level records.

## How to read a figure

- **As at a date, over the year to it.** A snapshot measure (*as at*) counts the workforce at the
  close of the as-at date. A flow measure (*over the year*) counts what happened in the 12 months
  ending on it: for 30 September that is the Department for Education's collection year, 1
  October to 30 September (`thrive metrics --period 2018` = 1 October 2017 to 30 September 2018).
  A monthly trend takes every month end, each with the 12 months to it.
- **In post.** {IN_POST_RULE}
- **Directly employed and agency.** Social workers in post are those paid directly by the
  council (permanent and fixed-term contracts). Agency workers are counted separately and never
  as starters, leavers or in turnover. A *starter* is a spell that starts a worker's time with
  the council (it carries a start origin); a *leaver* is a spell that ends with a reason for
  leaving. A change of team, grade or hours ends one spell and starts the next the following day
  with neither, so it is never a starter or a leaver.
- **Numerator and denominator.** Every result gives both, and the value follows from them by the
  measure's rule: a *count* is the numerator (a denominator, when given, says "out of how
  many"); a *rate* is 100 x numerator / denominator; a *ratio* is numerator / denominator; a
  *maximum* is the largest single figure; a *difference* is numerator - denominator. A rate or
  ratio with a denominator of 0 has no value. A measure that found nothing at a date still
  gives its whole-authority row (0, or for a breakdown 0 out of 0, with no group).
  A *statistic* (the pay measures' median and quartiles) is the numerator, worked out from the
  people's own figures; with nobody to work it out from it has no value.
- **Rounding.** Values are computed on unrounded figures and shown rounded by unit (rates and
  averages to 1 decimal place, FTE to 2, numerators and denominators to 2), so a value worked out
  from the rounded numerator and denominator can differ by 0.1, as the Department's published
  rates can.
- **Slices.** Any measure can be taken for the whole authority or by team, service, career
  grade, contract type or route into social work (`--by`); a measure that cannot be sliced by a
  dimension (vacancies have no contract type) gives only its whole-authority figure. A worker in
  two roles at once is counted once in headcounts, in the more senior post, and in both for FTE,
  so slices of a count always add up to the whole.
- **Staff groups.** Every measure counts social workers, the census's population, unless sliced
  by staff group (`--by staff_group`): then each measure that applies to any staff group is also
  taken for each group the council records (family support workers, personal advisers, early
  help officers, nursery workers, business support, other staff), counted exactly as it is for
  social workers from that group's spells. The whole-authority figure stays the social workers'
  (so the census figures and the Department's measures never move), and the `social_worker`
  slice equals it. The training measures (compliance, overdue, due soon) are the exception: the
  course catalogue says which staff groups must take each course (an empty list: every group),
  so their whole-authority figure counts everyone in post of every staff group a course applies
  to, and each staff-group slice that group alone. Caseloads, weighted caseloads, the ASYE,
  children's continuity and vacancies are social work only and are not sliced by staff group
  (establishment posts carry no staff group, so a vacancy is a social work post).
- **Targets and status.** Each authority sets its targets in
  `THRIVE_DATA_DIR/targets/<LA number>.toml` or the admin (*Measure targets*); defaults come from
  the strategies (listed with each measure). A figure is *green* when it meets its target,
  *amber* when it misses by no more than the measure's amber band (default: 10% of the target),
  *red* otherwise. Each figure also carries its value on the same date a year earlier and the
  change.
- **Small numbers.** {SUPPRESSION}
- **Absence.** {ABSENCE_CAVEAT}

## In a spreadsheet

Put the employment spells in a sheet with columns Worker, Team, Grade, Contract, FTE, Start, End,
StartOrigin, ReasonLeave (End blank while current), and the as-at date in a cell `D`, the year's
first day in `S` (D less a year, plus a day). Then, for example:

- *In post* (a helper column): `=AND(Start<=D, OR(End="", End>D, AND(End=D, ReasonLeave="")))`.
- *FTE social workers in post*: `=SUMIFS(FTE, InPost, TRUE, Contract, "<>agency")`.
- *FTE leavers*: `=SUMIFS(FTE, ReasonLeave, "<>", End, ">="&S, End, "<="&D)`; *turnover rate* =
  FTE leavers / FTE in post x 100.
- *Average caseload*: add each in-post worker's cases at D (their latest snapshot in the month to
  D) and, for those with one case or more, their FTE; divide the first sum by the second.

`thrive metrics --as-at D --format csv` lists every numerator and denominator to check against.
"""


# The applicant measures are worked out from the recruitment records (thrive.retention.disability)
# rather than the workforce frames the registry's measures take, so they are written here.
APPLICANTS = """\
## Disabled applicants (the recruitment pipeline)

Worked out from the applicant-tracking records (`thrive recruitment import`), shown on the
Recruitment page and by `thrive recruitment funnel` and `thrive recruitment interviews`; not
sliced, and not in the registry above (they describe candidates, not the workforce).

### Disabled applicants at each stage

**Formula.** For each funnel stage (applied, shortlisted, interviewed, offered, accepted,
started): the number of candidates who reached it and said they are disabled / the number who
reached it and said whether they are disabled (yes or no) x 100.

Edge cases:

- A candidate reached a stage when it, or any later funnel stage, is recorded for them (the
  funnel's rule).
- 'Prefer not to say' and 'Not known' (nothing recorded) are left out of both numbers; the
  page shows how many at each stage said either way.
- No value where no one at the stage said either way.
- Outside HR, the disabled count is withheld where it, or the others who declared, are 1 to 4,
  and the share with it.

### The guaranteed-interview check

**Formula.** The number of candidates who said they are disabled, met the job's minimum
criteria, did not withdraw, and reached no stage from the interview on.

Edge cases:

- Met the minimum criteria: the export's `met_minimum_criteria` is yes or, where it is empty,
  the candidate was shortlisted. A candidate recorded as not meeting them is never counted.
- Interviewed: the interview, or an offer, acceptance or start, is recorded.
- Candidates who withdrew before an interview are listed apart and not counted (they may have
  been offered one); a candidate still in progress with no interview yet is counted, as 'No
  interview recorded', so HR can check the interview is arranged.
- HR sees each candidate (reference, vacancy, team, grade, date applied); other roles see the
  count, withheld when it is 1 to 4.
"""


def _sliceable(m: Measure) -> str:
    return ", ".join(m.slices) if m.slices else "not sliced"


def _measure(m: Measure) -> str:
    targets = default_targets()
    lines = [f"### {m.label}", "", f"`{m.name}`", ""]
    lines.append(f"**Formula.** {m.formula}")
    lines.append("")
    rows = [
        ("Numerator", m.numerator),
        ("Denominator", m.denominator or "none"),
        ("Value", m.kind.rule),
        ("Unit", str(m.unit)),
        ("Direction", m.direction),
        ("Taken", "as at the date" if m.basis.value == "as_at" else "over the year to the date"),
        ("Sliced by", _sliceable(m)),
    ]
    if m.breakdown:
        groups = f": {', '.join(m.groups)}" if m.groups else ""
        rows.append(("One figure per", m.breakdown.replace("_", " ") + groups))
        if m.population:
            rows.append(("Target", "the local population's share of each group, where entered"))
    target = targets.target(m.name)
    if target is not None:
        band = targets.targets[m.name].amber_within
        amber = f", amber within {band:g}" if band is not None else ""
        rows.append(("Default target", f"{target:g}{amber}"))
    if m.people:
        counts = " or ".join(f"`{name}`" for name in m.people)
        rule = f"withheld wherever {counts} (the people it is made from) is"
        if m.breakdown:
            rule += (
                f"; one {m.breakdown.replace('_', ' ')}'s figure wherever any part of its own "
                "workings is more than 0 but under the threshold (the counts are the whole's)"
            )
        rows.append(("Small numbers", rule))
    if m.share_of_people:
        rows.append(
            (
                "Small numbers",
                "withheld from viewers who may not see names wherever those counted, or those "
                "not counted, are 1 to 4",
            )
        )
    if not by_staff_group(m):
        rows.append(("Staff groups", "social workers only: not sliced by staff group"))
    if m.detail:
        rows.append(("Detail given", ", ".join(f"`{d}`" for d in m.detail)))
    rows.append(("Source", m.source))
    lines += ["| | |", "| --- | --- |"] + [f"| {k} | {v} |" for k, v in rows]
    if m.edge_cases:
        lines += ["", "Edge cases:", ""] + [f"- {case}" for case in m.edge_cases]
    if m.caveat:
        lines += ["", f"> **Caveat.** {m.caveat}"]
    return "\n".join(lines)


def render() -> str:
    """The whole of ``docs/metrics.md``."""
    registry = measures()
    parts = [
        INTRO,
        "## All measures",
        "",
        "| name | measure | unit | direction | taken |",
        "| --- | --- | --- | --- | --- |",
    ]
    for m in registry.values():
        taken = "as at" if m.basis.value == "as_at" else "over the year"
        better = {True: "higher", False: "lower", None: "neither"}[m.higher_is_better]
        parts.append(f"| `{m.name}` | {m.label} | {m.unit} | {better} | {taken} |")
    for section in SECTIONS:
        parts += ["", f"## {section}", ""]
        parts.append("\n\n".join(_measure(m) for m in registry.values() if m.section == section))
    parts += [
        "",
        "## Slicing dimensions",
        "",
        "| `--by` | what it is |",
        "| --- | --- |",
    ]
    described = {
        "team": "the team of the post (a team name used in two services is shown with its service)",
        "service": "the service the team belongs to",
        "grade": "the local career grade of the post (asye, social_worker, senior_practitioner, "
        "consultant_social_worker, team_manager, operations_manager, head_of_service)",
        "contract": "permanent, fixed_term or agency",
        "route": "the worker's route into social work (asye, step_up, frontline, apprenticeship, "
        "experienced, international)",
        "case_type": "the children's measures only: the case type of the child's spell (cin, cp, "
        "cla, care_leaver); a child's team and service are those of their spell",
        "staff_group": "the staff group of the worker's spells (social_worker, family_support, "
        "personal_adviser, early_help, nursery, business_support, other); the whole authority "
        "stays social workers; not for social-work-only measures",
    }
    parts += [f"| `{d}` | {described[d]} |" for d in DIMENSIONS]
    parts += ["", f"Value rules: {', '.join(f'{k.value} ({k.rule})' for k in Kind)}.", ""]
    parts += [APPLICANTS]
    return "\n".join(parts)


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    text = render()
    if args:
        Path(args[0]).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
