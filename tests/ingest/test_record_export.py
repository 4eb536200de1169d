"""``thrive export records`` gives a council's data back: the proof on the demo council.

The demo is loaded once for the module, its records exported with :func:`export_records`, the
store emptied, and the folder imported (file by file, in the manifest's order, with the ordinary
importers) into a fresh authority. Then every stored record and every figure Thrive shows must be
exactly as before. Records whose import kind is still on its way
(:data:`~thrive.ingest.record_export.NOT_YET_EXPORTED`: the children's allocations now) are
taken out of the demo before its figures are counted, and must not come back; what only the
census returns carry (:data:`~thrive.ingest.record_export.NOT_CARRIED`) is left in, must not
come back either, and no figure may depend on it. What the demo does not make (targets, a team
with no post, a requisition with no candidate) is added first. All of this runs inside one
transaction that is rolled back.
"""

from __future__ import annotations

import csv
import re
import sys
from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.db import transaction

sys.path.insert(0, str(Path(__file__).parent))

from record_figures import figures, record_models, stored_records  # noqa: E402

from thrive.centre.centre import Centre  # noqa: E402
from thrive.demo import load_demo  # noqa: E402
from thrive.demo.store import delete as delete_demo  # noqa: E402
from thrive.frames import cache as frames_cache  # noqa: E402
from thrive.import_records.models import CensusWorkerDetail  # noqa: E402
from thrive.ingest.applicant_file import load_applicant_profile  # noqa: E402
from thrive.ingest.applicant_import import import_applicants  # noqa: E402
from thrive.ingest.development_exports import UNNAMED  # noqa: E402
from thrive.ingest.extract_import import import_extract  # noqa: E402
from thrive.ingest.record_export import (  # noqa: E402
    APPLICANTS,
    EXPORTERS,
    NOT_CARRIED,
    NOT_YET_EXPORTED,
    export_records,
    headings,
)
from thrive.ingest.templates import write_template  # noqa: E402
from thrive.lifecycle.models import Requisition, SurveyResponse  # noqa: E402
from thrive.workforce.models import Authority, MeasureTarget, Service, Team  # noqa: E402
from thrive.workforce.models.targets import known_measures  # noqa: E402

NOT_RECORDS = {
    "workforce.Authority": "the authority itself: made by the first import (--authority)",
    "workforce.UserAccess": "who may see what: logins, set up in the admin",
    "ingest.ImportBatch": "the import log: each store keeps its own",
    "ingest.BatchChange": "the import log: each store keeps its own",
    "ingest.QuarantinedRow": "the import log: each store keeps its own",
    "web.AuditEvent": "who looked at whose records: each store keeps its own audit log",
    "action_plan.Action": "the strategy's action plan: written on the Action plan page, not "
    "imported from another system (thrive backup keeps it with the store)",
    "issued_packs.IssuedPack": "board packs as issued: each store keeps its own (thrive backup "
    "keeps them)",
    "issued_packs.IssuedFile": "board packs as issued: each store keeps its own",
}
"""Tables in the store apps that are not the council's records, and why they are not compared."""

# django_db although the tests only read what the fixture kept: pytest-django sets up the test
# database only for sessions with django_db tests.
pytestmark = [pytest.mark.slow, pytest.mark.django_db]


FIELDS_NOT_CARRIED = {label for label in NOT_CARRIED if label.count(".") == 2}
RESPONDENT = "insight.SurveyResponse.respondent"
"""Compared on its own: a response stored with no respondent id comes back with the one the
export gave it (``unnamed-<n>``)."""


def _field_values() -> dict[str, list[Any]]:
    """The values of each field no template carries, e.g. every team's opened date."""
    found = {}
    for label in FIELDS_NOT_CARRIED:
        model, field = label.rsplit(".", 1)
        values = apps.get_model(model)._default_manager.values_list(field, flat=True)
        found[label] = [v for v in values if v not in (None, "")]
    return found


@dataclass
class RoundTrip:
    before: dict[str, list[tuple[Any, ...]]]
    after: dict[str, list[tuple[Any, ...]]]
    fields_before: dict[str, list[Any]]
    fields_after: dict[str, list[Any]]
    figures_before: dict[str, Any]
    figures_after: dict[str, Any]
    manifest: list[dict[str, str]]
    folder: Path
    respondents_before: list[tuple[str, str]]
    respondents_after: list[tuple[str, str]]


def _add_what_the_demo_lacks(demo: Authority) -> None:
    """Records the demo does not make, so their way out and back in is proved too: two targets
    (one a group's population share), a team with no post, a requisition no one applied to.
    Their text looks like formulas, so the export escapes it and the importers must undo that."""
    group = known_measures()["workforce_by_ethnicity"].groups[0]
    MeasureTarget.objects.create(
        authority=demo,
        measure="turnover_rate",
        target=Decimal("14.5"),
        amber_within=Decimal("2"),
        note=FORMULA_NOTE,
    )
    MeasureTarget.objects.create(authority=demo, measure="workforce_by_ethnicity", group=group,
                                 target=Decimal("9.3"))  # fmt: skip
    service = Service.objects.filter(authority=demo).order_by("pk").first()
    team = Team.objects.filter(service=service).order_by("pk").first()
    assert service is not None and team is not None
    Team.objects.create(service=service, name="Practice Development", kind=team.kind,
                        opened=date(2023, 1, 9))  # fmt: skip
    Requisition.objects.create(authority=demo, reference=QUOTED_REFERENCE, team=team,
                               grade="social_worker", start_date=date(2025, 6, 2))  # fmt: skip


FORMULA_NOTE = '=HYPERLINK("http://example.org","Workforce strategy 2024-27")'
QUOTED_REFERENCE = "'-REQ-NO-APPLICANTS"  # already an apostrophe before a formula sign


def _respondents() -> list[tuple[str, str]]:
    """Each survey response's wave and respondent id, in the order stored."""
    responses = SurveyResponse.objects.order_by("pk")
    return list(responses.values_list("wave__name", "respondent"))


def _empty_the_store(authority: Authority) -> None:
    delete_demo(authority)  # the demo's own fast delete; lifecycle records go with it
    for label in NOT_RECORDS:
        apps.get_model(label)._default_manager.all().delete()
    left = {m._meta.label: m._default_manager.count() for m in record_models()}
    assert not any(left.values()), f"the store is not empty: {left}"


def _import_folder(folder: Path, authority: Authority) -> list[dict[str, str]]:
    with (folder / "manifest.csv").open(encoding="utf-8") as stream:
        manifest = list(csv.DictReader(stream))
    for entry in manifest:
        path = folder / entry["file"]
        if entry["kind"] == APPLICANTS:
            import_applicants(path, authority, load_applicant_profile(None), user="test")
        else:
            import_extract(entry["kind"], path, authority=authority.la_number, user="test")
    return manifest


def _figures(authority: Authority) -> dict[str, Any]:
    frames_cache.forget()
    return figures(Centre.for_authority(authority))


@pytest.fixture(scope="module")
def round_trip(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> RoundTrip:
    folder = tmp_path_factory.mktemp("export") / "records"
    with django_db_blocker.unblock(), transaction.atomic():
        demo = load_demo(seed=1, scale=1).authority
        _add_what_the_demo_lacks(demo)
        leave_out = set(NOT_RECORDS) | FIELDS_NOT_CARRIED
        full, fields_before = stored_records(leave_out | {RESPONDENT}), _field_values()
        respondents_before = _respondents()
        export_records(demo, folder)
        for label in NOT_YET_EXPORTED:  # not importable yet: the figures are counted without
            apps.get_model(label)._default_manager.all().delete()
        # The census returns alone carry pay (NOT_CARRIED): the figures are counted without it,
        # as the pay measures come back with thrive census import, not with these files.
        CensusWorkerDetail.objects.filter(worker__authority=demo).update(
            base_salary=None, rr_payments=None, other_payments=None
        )
        figures_before = _figures(demo)
        name, region, la_number = demo.name, demo.region, demo.la_number
        _empty_the_store(demo)
        fresh = Authority.objects.create(la_number=la_number, name=name, region=region)
        manifest = _import_folder(folder, fresh)
        after, fields_after = stored_records(leave_out | {RESPONDENT}), _field_values()
        respondents_after = _respondents()
        figures_after = _figures(fresh)
        transaction.set_rollback(True)
    return RoundTrip(
        full, after, fields_before, fields_after, figures_before, figures_after, manifest, folder,
        respondents_before, respondents_after,
    )  # fmt: skip


def _first_difference(before: list[Any], after: list[Any]) -> str:
    for index, (old, new) in enumerate(zip(before, after, strict=False)):
        if old != new:
            return f"row {index}: {old} became {new}"
    return f"{len(before)} rows became {len(after)}"


def test_every_figure_is_reproduced_exactly(round_trip: RoundTrip) -> None:
    before, after = round_trip.figures_before, round_trip.figures_after
    assert len(before) > 300_000  # every measure, slice and result is in the comparison
    differ = [
        f"{key}: {value!r} before, {after.get(key, 'nothing')!r} after"
        for key, value in before.items()
        if key not in after or after[key] != value
    ]
    where = Counter(re.sub(r"\[\d+\]", "[]", line.split(":")[0]) for line in differ)
    assert not differ, f"{len(differ)} figures differ ({dict(where)}), e.g. " + "; ".join(
        differ[:6]
    )
    extra = [key for key in after if key not in before]
    assert not extra, f"figures only after the round trip: {extra[:5]}"


def test_every_exported_record_comes_back(round_trip: RoundTrip) -> None:
    """Each record table is as it was, except those listed (and each listed one really is
    not carried yet: when it is, its entry must go)."""
    before, after = round_trip.before, round_trip.after
    listed = {**NOT_YET_EXPORTED, **NOT_CARRIED}
    for label, rows in before.items():
        if label in listed:
            continue
        assert after[label] == rows, (
            f"{label} does not round-trip ({_first_difference(rows, after[label])}): export "
            "it, or list it in NOT_YET_EXPORTED or NOT_CARRIED with the reason"
        )
    assert sum(len(rows) for rows in before.values()) > 100_000


def test_a_response_without_respondent_id_gets_a_stable_one(round_trip: RoundTrip) -> None:
    """The demo's responses have no respondent id: each comes back with ``unnamed-<n>``, its
    place in its wave, and one that had an id keeps it."""
    before, after = round_trip.respondents_before, round_trip.respondents_after
    assert len(before) == len(after) > 0
    place: dict[str, int] = {}
    for (wave, respondent), (wave_after, respondent_after) in zip(before, after, strict=True):
        place[wave] = place.get(wave, 0) + 1
        assert wave_after == wave
        assert respondent_after == (respondent or f"{UNNAMED}{place[wave]}")
    assert any(not respondent for _, respondent in before)


@pytest.mark.parametrize("label", sorted({**NOT_YET_EXPORTED, **NOT_CARRIED}))
def test_each_listed_record_is_really_not_carried(round_trip: RoundTrip, label: str) -> None:
    """A listed table (or field) the demo fills must not come back: when it does, the
    exporter has been merged in and the entry must go."""
    if label in FIELDS_NOT_CARRIED:
        before, after = round_trip.fields_before[label], round_trip.fields_after[label]
    else:
        before, after = round_trip.before[label], round_trip.after[label]
    if not before:
        pytest.skip(f"the demo has no {label} to tell")
    assert after != before, f"{label} round-trips now: take it off the list"


def test_the_files_are_the_import_templates(round_trip: RoundTrip, tmp_path: Path) -> None:
    folder = round_trip.folder
    order = [entry["kind"] for entry in round_trip.manifest]
    assert order[:3] == ["teams", "posts", "staff"] and order[-2:] == [APPLICANTS, "visits"]
    assert sorted(order) == sorted(EXPORTERS)
    for entry in round_trip.manifest:
        with (folder / entry["file"]).open(encoding="utf-8") as stream:
            heading_row = next(csv.reader(stream))
        assert heading_row == headings(entry["kind"])
        if entry["kind"] != APPLICANTS:
            write_template(entry["kind"], tmp_path / "template.csv")
            assert heading_row == next(csv.reader((tmp_path / "template.csv").open()))
        assert int(entry["rows"]) > 0, f"{entry['file']} is empty"
    readme = (folder / "README.txt").read_text()
    assert "1. teams.csv" in readme and "thrive recruitment import applicants.csv" in readme


def test_formula_looking_text_is_escaped_and_read_back(round_trip: RoundTrip) -> None:
    """The files open safely in a spreadsheet, and the importers give back the stored text."""
    targets = (round_trip.folder / "targets.csv").read_text(encoding="utf-8")
    applicants = (round_trip.folder / "applicants.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK(" in targets and ",=HYPERLINK(" not in targets
    assert "''-REQ-NO-APPLICANTS" in applicants
    notes = round_trip.after["workforce.MeasureTarget"]
    assert any(FORMULA_NOTE in row for row in notes)
    references = round_trip.after["insight.Requisition"]
    assert any(QUOTED_REFERENCE in row for row in references)
