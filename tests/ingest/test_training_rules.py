"""Reading who must take a course: any mix of codes and labels, in any case and spacing,
separated by ';', gives the codes in the order first named; anything else is refused."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from thrive.codes import CareerGrade, ContractType, OrgRole
from thrive.codes.staff import StaffGroup
from thrive.ingest.training_rules import TRAINING_RULES

LISTS = {
    "grades": CareerGrade,
    "org_roles": OrgRole,
    "contract_types": ContractType,
    "staff_groups": StaffGroup,
}


def _read(values: dict[str, Any]) -> tuple[dict[str, Any], list[tuple[str, str, str]]]:
    reported: list[tuple[str, str, str]] = []
    TRAINING_RULES["courses"](values, set(), lambda *p: reported.append(p))
    return values, reported


@st.composite
def _written(draw: st.DrawFn, codes: Any) -> tuple[str, list[object]]:
    members = draw(st.lists(st.sampled_from(list(codes)), max_size=6))
    parts = []
    for m in members:
        text = str(m.value) if draw(st.booleans()) else str(m.label)
        text = text.upper() if draw(st.booleans()) else text
        parts.append(" " * draw(st.integers(0, 2)) + text + " " * draw(st.integers(0, 2)))
    if draw(st.booleans()):
        parts.append("")  # a trailing ';'
    expected: list[object] = []
    for m in members:
        if m.value not in expected:
            expected.append(m.value)
    return ";".join(parts), expected


@given(
    grades=_written(CareerGrade),
    roles=_written(OrgRole),
    contracts=_written(ContractType),
    groups=_written(StaffGroup),
)
def test_lists_read_as_their_codes(
    grades: tuple[str, list[object]],
    roles: tuple[str, list[object]],
    contracts: tuple[str, list[object]],
    groups: tuple[str, list[object]],
) -> None:
    given_ = {
        "grades": grades[0],
        "org_roles": roles[0],
        "contract_types": contracts[0],
        "staff_groups": groups[0],
    }
    values, reported = _read({k: v or None for k, v in given_.items()})
    assert reported == []
    assert values["grades"] == grades[1]
    assert values["org_roles"] == roles[1]
    assert values["contract_types"] == contracts[1]
    assert values["staff_groups"] == groups[1]


@given(st.text(min_size=1, max_size=20).filter(lambda t: ";" not in t and t.strip()))
def test_anything_not_a_grade_is_refused(text: str) -> None:
    known = {str(g.value).casefold() for g in CareerGrade} | {
        str(g.label).casefold() for g in CareerGrade
    }
    _, reported = _read({"grades": f"social_worker; {text}"})
    if text.strip().casefold() in known:
        assert reported == []
    else:
        assert [(field, found) for field, found, _ in reported] == [("grades", text.strip())]
