"""The leaving-risk model's check reads in words on the page; its statistics sit behind
"How this is worked out"."""

from __future__ import annotations

from dataclasses import replace

from tests.summaries.test_at_risk_page import RISK

from thrive.summaries.leaving_risk import risk_section
from thrive.summaries.retention_results import ProportionalHazards


def test_the_check_says_what_it_found_without_a_p_value_and_gives_it_in_the_method() -> None:
    for check, found in (
        (ProportionalHazards(True, 1.0, 2, 0.6, []), "finds no sign that this is wrong"),
        (ProportionalHazards(False, 14.2, 2, 0.0008, []), "some effects do change"),
    ):
        section = risk_section(replace(RISK, proportional_hazards=check))
        assert found in section.proportional
        assert "p =" not in section.proportional and "p <" not in section.proportional
        assert f"{check.statistic:.1f} on 2 degrees of freedom" in section.proportional_method
        assert ("p < 0.001" if check.p_value < 0.001 else "p = 0.60") in section.proportional_method
