"""The Feedback page's view model: what leavers and staff tell the council, and how it moves.

- **Exit interviews** by collection year: how many, whether leavers would come back or
  recommend the council, and the main reasons' shares over the years (``exits_summary``);
- **Themes** in the free text of exit interviews and staff surveys (``text_themes``: TF-IDF and
  NMF fitted on the council's own comments), each named by a phrase its comments share, with
  its top words and, only for themes
  carried by 5 or more comments, representative quotes;
- **Staff survey** item scores per wave with the trend, and by team for the latest wave with the
  change since the wave before (``survey_summary``). Responses are anonymous: a team slice with
  fewer than 5 responses is withheld for everyone, HR included.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils.safestring import SafeString

from thrive.summaries import charts
from thrive.summaries.feedback_results import ExitsResult, SurveyResult, ThemesResult
from thrive.summaries.suppression import shown_count, shown_parts, threshold

YEARS = 6


@dataclass(frozen=True)
class ExitYear:
    year: int
    interviews: str
    would_return: str
    would_recommend: str
    return_pct: float | None = None
    recommend_pct: float | None = None


@dataclass(frozen=True)
class Theme:
    label: str
    words: str
    comments: str
    share: str
    quotes: list[str]


@dataclass(frozen=True)
class Themes:
    comments: int
    themes: list[Theme]
    method: str
    unavailable: str = ""


@dataclass(frozen=True)
class SurveyRow:
    label: str
    values: list[str]


@dataclass(frozen=True)
class FeedbackPage:
    exit_years: list[ExitYear]
    exit_chart: SafeString | None
    reason_years: list[int]
    reasons: list[SurveyRow]
    exit_themes: Themes
    survey_waves: list[str]
    survey_items: list[SurveyRow]
    survey_chart: SafeString | None
    team_wave: str
    team_items: list[str]
    teams: list[SurveyRow] = field(default_factory=list)
    survey_themes: Themes | None = None


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}%"


def exit_years(summary: ExitsResult, named: bool, last: int | None = None) -> list[ExitYear]:
    """One row per collection year up to ``last``: interviews, would return, would recommend."""
    years: dict[int, dict[str, Any]] = {}
    for row in summary.reasons:
        if last is None or int(row["year"]) <= last:
            years.setdefault(int(row["year"]), row)
    out = []
    for year in sorted(years)[-YEARS:]:
        row = years[year]
        small = row["suppressed"]
        out.append(
            ExitYear(
                year=year,
                interviews=str(shown_count(int(row["interviews"] or 0), named=named)),
                would_return="–" if small else _pct(row["would_return_pct"]),
                would_recommend="–" if small else _pct(row["would_recommend_pct"]),
                return_pct=None if small else row["would_return_pct"],
                recommend_pct=None if small else row["would_recommend_pct"],
            )
        )
    return out


def exit_chart(rows: list[ExitYear]) -> SafeString | None:
    """Would come back and would recommend, one line each over the years (None: too few)."""
    series = {
        "Would come back": [(date(r.year, 9, 30), r.return_pct) for r in rows],
        "Would recommend us": [(date(r.year, 9, 30), r.recommend_pct) for r in rows],
    }
    if sum(v is not None for _, v in series["Would come back"]) < 2:
        return None
    return charts.line_chart(
        series,
        y_title="Leavers (%)",
        description="Share of interviewed leavers who would come back and who would recommend "
        "the council, each collection year: the figures are in the table below",
        ticks=[date(r.year, 9, 30) for r in rows],
        tick_format="%Y",
    )


def reason_table(
    summary: ExitsResult, last: int | None = None, *, named: bool
) -> tuple[list[int], list[SurveyRow]]:
    """Each main reason's share of the year's interviews, over the years up to ``last``.

    A share times the year's interviews (shown beside it) is a count: outside the named scope
    a reason given by 1 to 4 leavers reads "–", and so does the next smallest of that year when
    it is the only one, so it can't be worked out from the others (:func:`shown_parts`).
    """
    known = {int(r["year"]) for r in summary.reasons}
    years = sorted(y for y in known if last is None or y <= last)[-YEARS:]
    shares: dict[str, dict[int, str]] = {}
    totals: dict[str, float] = {}
    # A withheld year's absent reasons read "–" too: "0%" beside them would show which
    # reason its few leavers gave.
    withheld = {int(r["year"]) for r in summary.reasons if r["suppressed"]}
    in_year: dict[int, list[dict[str, Any]]] = {}
    for r in summary.reasons:
        if int(r["year"]) in years:
            in_year.setdefault(int(r["year"]), []).append(r)
    for year, found in in_year.items():
        parts = shown_parts(
            [int(r["main_reason"] or 0) for r in found],
            named=named,
            total=int(found[0]["interviews"] or 0),
        )
        for r, part in zip(found, parts, strict=True):
            label = r["label"]
            hidden = r["suppressed"] or part.suppressed
            shares.setdefault(label, {})[year] = "–" if hidden else _pct(r["main_reason_pct"])
            totals[label] = totals.get(label, 0.0) + float(r["main_reason_pct"] or 0)
    rows = [
        SurveyRow(label, [shares[label].get(y, "–" if y in withheld else "0%") for y in years])
        for label in sorted(shares, key=lambda k: -totals[k])
    ]
    return years, rows


def themes_section(result: ThemesResult | None, named: bool, unavailable: str = "") -> Themes:
    if result is None:
        return Themes(0, [], "", unavailable=unavailable)
    quotes: dict[int, list[str]] = {}
    for q in result.quotes:
        quotes.setdefault(int(q.theme), []).append(q.text)
    below = threshold()
    themes = []
    for t in result.themes:
        count = int(t.documents)
        themes.append(
            Theme(
                label=t.label,
                # single words: the model's pairs skip common words ("came neighbouring")
                words=", ".join(w for w in t.top_words if " " not in w),
                comments=str(shown_count(count, named=named)),
                share="–" if not named and 0 < count < below else _pct(100 * t.share),
                # quotes only from themes carried by enough comments not to point at anyone
                quotes=list(dict.fromkeys(quotes.get(int(t.theme), [])))
                if t.quotable and count >= below
                else [],
            )
        )
    return Themes(int(result.comments), themes, result.method)


def survey_trend(
    summary: SurveyResult,
) -> tuple[list[str], list[SurveyRow], SafeString | None]:
    """% favourable per item and wave (whole council), with a line per item."""
    texts = {i.code: i.text for i in summary.items}
    waves: dict[str, date] = {}
    values: dict[str, dict[str, float | None]] = {}
    for row in summary.scores:
        waves[row["wave"]] = date.fromisoformat(row["start_date"])
        values.setdefault(row["code"], {})[row["wave"]] = row["favourable_pct"]
    order = sorted(waves, key=lambda w: waves[w])
    shared = _common_words(order)
    rows = [
        SurveyRow(texts.get(code, code), [_pct(values[code].get(w)) for w in order])
        for code in texts
        if code in values
    ]
    chart = None
    if len(order) >= 2:
        series = {
            texts.get(code, code): [(waves[w], values[code].get(w)) for w in order]
            for code in texts
            if code in values
        }
        names = list(series)
        chart = charts.line_chart(
            series,
            y_title="Favourable (%)",
            description="Share answering 4 or 5 to each survey statement, each wave: the "
            "figures are in the table below",
            dashed=names[8:],
            ticks=[waves[w] for w in order],
            tick_format="%Y",
            height=300,
        )
    return [w[len(shared) :] or w for w in order], rows, chart


def _common_words(names: list[str]) -> str:
    """The words every wave's name starts with ("All-staff survey "), to keep headings short."""
    if len(names) < 2:
        return ""
    first = names[0].split(" ")
    shared = []
    for i, word in enumerate(first[:-1]):
        if all(n.split(" ")[i : i + 1] == [word] for n in names):
            shared.append(word)
        else:
            break
    return " ".join(shared) + " " if shared else ""


def survey_by_team(summary: SurveyResult) -> tuple[str, list[str], list[SurveyRow]]:
    """The latest wave's mean score per team and item, with the change since the last wave."""
    if not summary.scores:
        return "", [], []
    latest = max(summary.scores, key=lambda r: r["start_date"])["wave"]
    codes = [i.code for i in summary.items]
    short = {i.code: i.text for i in summary.items}
    cells: dict[str, dict[str, str]] = {}
    for row in summary.scores:
        if row["wave"] != latest or row["team"] is None:
            continue
        if row["suppressed"]:
            text = f"fewer than {threshold()} responses"
        else:
            text = f"{row['mean_score']:.1f}"
            if row["change"] is not None:
                sign = "+" if row["change"] >= 0 else "−"
                text += f" ({sign}{abs(row['change']):.1f})"
        cells.setdefault(row["team"], {})[row["code"]] = text
    teams = [
        SurveyRow(team, [cells[team].get(code, "–") for code in codes]) for team in sorted(cells)
    ]
    return latest, [short[c] for c in codes], teams
