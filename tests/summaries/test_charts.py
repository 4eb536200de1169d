"""Charts: SVG drawn on the server, labelled, inside the CSP, in colours that pass contrast."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thrive.summaries import charts, palette


@pytest.mark.parametrize(
    "colour", [*palette.SERIES, palette.TARGET, palette.ENGLAND, palette.REGION]
)
def test_every_chart_colour_has_3_to_1_contrast_on_white(colour):
    assert palette.contrast_ratio(colour, palette.WHITE) >= palette.NON_TEXT_MINIMUM


def test_chart_text_colours_pass_the_text_contrast_minimum():
    for colour in (palette.TEXT, palette.SECONDARY_TEXT):
        assert palette.contrast_ratio(colour, palette.WHITE) >= palette.TEXT_MINIMUM


def test_contrast_ratio_matches_the_wcag_examples():
    assert palette.contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert palette.contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert palette.contrast_ratio("#1d70b8", "#ffffff") == pytest.approx(5.17, abs=0.01)


def test_a_sparkline_is_one_labelled_image_with_no_styles_or_scripts():
    points = [(date(2024, m, 28), float(m)) for m in range(1, 13)]
    svg = charts.sparkline(points, 6.0, "Turnover: from 1 to 12")
    assert svg is not None and svg.startswith("<svg ")
    assert 'role="img"' in svg and 'aria-label="Turnover: from 1 to 12"' in svg
    assert svg.count("role=") == 1 and "aria-roledescription" not in svg
    assert "style" not in svg and "<script" not in svg
    assert palette.AUTHORITY in svg and "stroke-dasharray" in svg  # the line, the target


def test_a_sparkline_needs_two_points():
    assert (
        charts.sparkline([(date(2024, 1, 31), 3.0), (date(2024, 2, 29), None)], None, "x") is None
    )


def test_a_line_chart_uses_the_given_colours_and_escapes_its_label():
    svg = charts.line_chart(
        {
            "Somervale": [(date(2020, 9, 30), 10.0), (date(2021, 9, 30), 12.0)],
            "England": [(date(2020, 9, 30), 15.0), (date(2021, 9, 30), 14.0)],
        },
        y_title="Turnover (%)",
        description='Turnover "here" <b>',
        colours={"Somervale": palette.AUTHORITY, "England": palette.ENGLAND},
        dashed=["England"],
    )
    assert palette.AUTHORITY in svg and palette.ENGLAND in svg
    assert "&quot;here&quot; &lt;b&gt;" in svg


@pytest.mark.parametrize(
    ("low", "high", "fmt"), [(13.4, 16.2, ",.0f"), (12.0, 14.0, "d"), (0.86, 0.885, ".0%")]
)
def test_an_axis_labelled_in_whole_numbers_never_repeats_a_label(low, high, fmt):
    import re

    spec = {
        "width": 300, "height": 200,
        "data": {"values": [{"x": i, "y": low + (high - low) * i / 9} for i in range(10)]},
        "mark": "line",
        "encoding": {
            "x": {"field": "x", "type": "quantitative", "axis": {"format": "d"}},
            "y": {"field": "y", "type": "quantitative", "scale": {"zero": False},
                  "axis": {"format": fmt, "title": None}},
        },
    }  # fmt: skip
    svg = charts.draw(spec, "An average caseload")
    # the y axis's labels are right-aligned text (the x axis's last label too: "9")
    labels = [t for t in re.findall(r'text-anchor="end"[^>]*>([^<]+)</text>', svg) if t != "9"]
    assert len(labels) >= 2
    assert len(labels) == len(set(labels)), labels


def _drawn_text(svg: str) -> list[str]:
    return [t.strip() for t in re.findall(r">([^<>]+)<", svg) if t.strip()]


STATEMENTS = [
    f"Statement {i}: I have the time I need to do direct work with children" for i in range(9)
]


def _waves(i: int) -> list[tuple[date, float | None]]:
    return [(date(2022, 3, 1), 50.0 + i), (date(2023, 3, 1), 55.0), (date(2024, 3, 1), 60.0 - i)]


def test_more_than_five_lines_become_small_multiples_each_titled_in_full():
    svg = charts.line_chart(
        {s: _waves(i) for i, s in enumerate(STATEMENTS)},
        y_title="Favourable (%)",
        description="Survey statements",
    )
    drawn = " ".join(_drawn_text(svg))
    # A panel a statement, each title wrapped onto lines rather than cut short, and no legend
    # to match nine similar colours against.
    for statement in STATEMENTS:
        assert statement in drawn, statement
    assert "…" not in drawn
    assert svg.count("Favourable (%)") >= 3  # each row of panels has its own axis
    assert len(set(re.findall(r'stroke="(#[0-9a-fA-F]{6})" stroke-width="2"', svg))) == 1


def test_five_lines_stay_one_chart_with_a_legend():
    names = STATEMENTS[: charts.MOST_LINES]
    svg = charts.line_chart(
        {s: _waves(i) for i, s in enumerate(names)}, y_title="Favourable (%)", description="d"
    )
    assert svg.count("Favourable (%)") == 1
    assert len(set(re.findall(r'stroke="(#[0-9a-fA-F]{6})" stroke-width="2"', svg))) == 5


def test_a_long_bar_label_wraps_onto_lines_instead_of_being_cut_off():
    long = "Moved to a social work post in another local authority in England"
    svg = charts.bar_chart([(long, 12.0), ("Retired", 3.0)], x_title="Leavers", description="d")
    drawn = _drawn_text(svg)
    assert "…" not in " ".join(drawn)
    assert " ".join(d for d in drawn if d in long) == long
    assert all(len(line) <= charts.LABEL_WIDTH for line in drawn)


@given(st.lists(st.text(alphabet="abcdefghij", min_size=1, max_size=12), min_size=1, max_size=20))
def test_wrapping_keeps_every_word_in_order_and_each_line_fits(words):
    text = " ".join(words)
    wrapped = charts._wrap(text)
    assert wrapped.split() == words
    assert all(len(line) <= charts.LABEL_WIDTH for line in wrapped.split("\n"))
