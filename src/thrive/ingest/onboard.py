"""``thrive onboard DIR``: a council's first load, every file in one step.

1. **Survey**: every file is placed (:mod:`thrive.ingest.file_kinds`): a census return by its
   XML header, an extract by its heading row or its name. A file that cannot be read at all
   (damaged, wrong encoding, an unsafe XML file, empty) refuses the whole load before anything is
   written. A readable file that cannot be placed is reported and left out; the rest go ahead.
2. **Order**: census returns first, by collection year (the census importer builds history
   forwards), then the extracts in the order their records depend on each other
   (:data:`LOAD_ORDER`: posts make the teams, staff the workers, then what refers to workers).
3. **Load**: each file through its own importer, as its own import batch, all inside one
   transaction. If any file is refused, every file is still checked (against the store as it
   would be without the refused ones) so the report lists everything at once, and then the whole
   load is rolled back: nothing is written. With ``skip_invalid``, bad rows are set aside in
   quarantine, as ``thrive import --skip-invalid`` does, and the rest go in. If no published
   statistics are loaded yet, the Department's shipped table goes in too, for the comparison.

Kinds come from the registries (:data:`thrive.ingest.fields.KINDS`, the census importer's
years), so a new kind of extract or census year needs no change here; a kind missing from
:data:`LOAD_ORDER` loads after staff and leavers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.db import transaction
from django.db.models import F, Sum
from django.db.models.functions import Coalesce

from thrive.import_records.lock import ImportBusyError, StoreNotWritableError, import_lock
from thrive.import_records.models import BatchChange, ImportBatch
from thrive.ingest.applicant_file import KIND as APPLICANTS
from thrive.ingest.fields import KINDS
from thrive.ingest.file_kinds import CENSUS, Placed, files_in, is_export_guide, place
from thrive.ingest.outcome import FileOutcome
from thrive.problems import (
    ImportValidationError,
    IngestError,
    Problem,
    Severity,
    UnreadableFileError,
)
from thrive.published.models import PublishedFigure
from thrive.workforce.models import Authority

# Which extracts go in first: a kind's records may refer only to those of kinds before it.
# A kind not listed here (a new one in the registry) goes in after staff and leavers.
LOAD_ORDER = {
    "teams": 5,  # makes teams, with or without posts
    "posts": 10,
    "staff": 20,
    "leavers": 30,
    "absence": 40,
    "supervision": 40,
    "appraisal": 40,
    "caseloads": 40,
    APPLICANTS: 90,  # names teams, posts and hired workers
    "visits": 95,  # a Try Before You Apply visit names the candidate its visitor became
}
LATER = 50


class Status:
    """What happened to one file, in words shown on the page."""

    IMPORTED = "imported"
    ALREADY = "already imported"
    REFUSED = "refused"
    CHECKED = "checked, not written"
    NOT_PLACED = "not imported: what it is could not be told"
    GUIDE = "not imported: the export's own guide"
    UNREADABLE = "cannot be read"


@dataclass
class FileReport:
    """One file of the load: what it was found to be and what became of it."""

    placed: Placed
    status: str = ""
    outcome: FileOutcome | None = None
    problems: list[Problem] = field(default_factory=list)
    records: dict[str, int] = field(default_factory=dict)  # records added, by type

    @property
    def name(self) -> str:
        return self.placed.name

    @property
    def batch(self) -> ImportBatch | None:
        return self.outcome.batch if self.outcome else None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    @property
    def records_text(self) -> str:
        """'9 workers, 11 employment spells', or what else became of the file."""
        if self.records:
            return ", ".join(f"{n:,} {what}" for what, n in self.records.items())
        if self.outcome is not None and self.outcome.note:
            return self.outcome.note
        return "nothing new" if self.status == Status.IMPORTED else "–"


@dataclass
class OnboardResult:
    """The whole load: every file in load order, and whether anything was written."""

    files: list[FileReport]
    la_number: str = ""
    refused: bool = False
    reason: str = ""
    published: FileOutcome | None = None  # the shipped published table, if this load loaded it

    @property
    def problems(self) -> list[Problem]:
        return [p for f in self.files for p in f.problems]

    @property
    def batches(self) -> list[ImportBatch]:
        return [f.batch for f in self.files if f.batch is not None]

    @property
    def census_years(self) -> list[int]:
        return sorted({f.placed.year for f in self.files if f.placed.kind == CENSUS})


def load_rank(kind: str) -> tuple[int, int]:
    """Where a kind goes in the load: census first, then :data:`LOAD_ORDER`, then the registry."""
    if kind == CENSUS:
        return (0, 0)
    order = KINDS.index(kind) if kind in KINDS else len(KINDS)
    return (LOAD_ORDER.get(kind, LATER), order)


def survey(paths: Sequence[Path], profiles: Sequence[str] = ()) -> list[FileReport]:
    """Every file placed and put in load order; unreadable ones marked so."""
    reports = []
    for path in paths:
        try:
            report = FileReport(place(path, profiles))
        except UnreadableFileError as unreadable:
            report = FileReport(Placed(path, "", unreadable.reason), Status.UNREADABLE)
            report.problems = [unreadable.as_problem()]
        else:
            if is_export_guide(path):
                report.status = Status.GUIDE
            elif not report.placed.placed:
                report.status = Status.NOT_PLACED
                why = f"not imported: {report.placed.how}"
                report.problems = [Problem(path.name, "", "", "", why, Severity.WARNING)]
        reports.append(report)
    return sorted(reports, key=_order)


def _order(report: FileReport) -> tuple[int, int, int, str]:
    placed = report.placed
    if not placed.placed:
        return (1000, 0, 0, placed.name)
    return (*load_rank(placed.kind), placed.year, placed.name)


def onboard(
    paths: Sequence[Path] | Path,
    *,
    authority: str | None = None,
    profiles: Sequence[str] = (),
    skip_invalid: bool = False,
    user: str | None = None,
    with_published: bool = True,
) -> OnboardResult:
    """Place, order and import every file (a folder, or a list of files); see the module."""
    files = files_in(paths) if isinstance(paths, Path) else list(paths)
    reports = survey(files, profiles)
    result = OnboardResult(reports)
    if not files:
        return _refuse(result, "there are no files to import")
    unreadable = [r for r in reports if r.status == Status.UNREADABLE]
    if unreadable:
        return _refuse(result, f"{len(unreadable)} file(s) cannot be read")
    if not any(r.placed.placed for r in reports):
        return _refuse(result, "none of the files is a census return or an extract Thrive reads")
    try:
        with import_lock(user, f"first load of {len(files)} files"):
            return _onboard(
                result, reports, authority, profiles, skip_invalid, user, with_published
            )
    except (ImportBusyError, StoreNotWritableError) as busy:
        return _refuse(result, str(busy))


def _onboard(
    result: OnboardResult,
    reports: list[FileReport],
    authority: str | None,
    profiles: Sequence[str],
    skip_invalid: bool,
    user: str | None,
    with_published: bool,
) -> OnboardResult:
    try:
        check_profiles(profiles)
        result.la_number = _la_number(reports, authority)
    except IngestError as refused:
        return _refuse(result, str(refused))
    with transaction.atomic():
        _load(result, skip_invalid=skip_invalid, user=user)
        if with_published and not PublishedFigure.objects.exists():
            from thrive.ingest.published_figures import import_dfe_stats

            result.published = import_dfe_stats(user=user)
        if any(r.status == Status.REFUSED for r in reports):
            transaction.set_rollback(True)
            for report in reports:
                if report.status in (Status.IMPORTED, Status.ALREADY):
                    report.status, report.records, report.outcome = Status.CHECKED, {}, None
            result.published = None
            count = sum(r.status == Status.REFUSED for r in reports)
            result.refused, result.reason = True, f"{count} file(s) were refused"
    return result


def _refuse(result: OnboardResult, reason: str) -> OnboardResult:
    result.refused, result.reason = True, reason
    return result


def check_profiles(names: Sequence[str]) -> None:
    """Each profile named must be an HR extract profile or an applicant one (not a typo)."""
    from thrive.ingest.applicant_file import load_applicant_profile
    from thrive.ingest.profiles import load_profile

    for name in names:
        try:
            load_profile(name)
        except UnreadableFileError as extract_error:
            try:
                load_applicant_profile(name)
            except UnreadableFileError:
                raise extract_error from None


def _la_number(reports: list[FileReport], authority: str | None) -> str:
    """The council's LA number: the census returns', which must agree with ``authority``."""
    census = {r.placed.la_number for r in reports if r.placed.kind == CENSUS}
    if len(census) > 1:
        raise IngestError(
            f"the census returns are for more than one council (LA {', '.join(sorted(census))}): "
            "onboard one council's files at a time"
        )
    if census and authority and census != {authority}:
        found = next(r for r in reports if r.placed.kind == CENSUS)
        raise IngestError(
            f"{found.name} is LA {found.placed.la_number}'s census return, not LA {authority}'s"
        )
    if authority or census:
        return authority or next(iter(census))
    known = list(Authority.objects.values_list("la_number", flat=True)[:2])
    if len(known) != 1:
        raise IngestError(
            "there are no census returns to tell which council the extracts belong to: "
            "give its LA number with --authority"
        )
    return known[0]


def _load(result: OnboardResult, *, skip_invalid: bool, user: str | None) -> None:
    from thrive.ingest.census_import import import_census

    census = [r for r in result.files if r.placed.kind == CENSUS]
    if census:
        by_name = {r.name: r for r in census}
        try:
            outcomes = import_census(
                [r.placed.path for r in census], skip_invalid=skip_invalid, user=user
            )
        except ImportValidationError as invalid:
            _refused(by_name, invalid.problems)
        else:
            for outcome in outcomes:
                _done(by_name[outcome.file], outcome)
    for report in result.files:
        kind = report.placed.kind
        if kind == CENSUS or not report.placed.placed:
            continue
        try:
            _done(report, _import_one(report.placed, result.la_number, skip_invalid, user))
        except ImportValidationError as invalid:
            _refused({report.name: report}, invalid.problems)
        except IngestError as refused:
            reason = getattr(refused, "reason", str(refused))
            _refused({report.name: report}, [Problem(report.name, "", "", "", reason)])


def _import_one(
    placed: Placed, la_number: str, skip_invalid: bool, user: str | None
) -> FileOutcome:
    if placed.kind == APPLICANTS:
        from thrive.ingest.applicant_file import load_applicant_profile
        from thrive.ingest.applicant_import import import_applicants
        from thrive.ingest.extract_import import resolve_authority

        with transaction.atomic():  # applicant files are refused whole, never quarantined
            return import_applicants(
                placed.path,
                resolve_authority(la_number or None),
                load_applicant_profile(placed.profile),
                user=user,
            )
    from thrive.ingest.extract_import import import_extract

    return import_extract(
        placed.kind,
        placed.path,
        authority=la_number or None,
        profile=placed.profile,
        skip_invalid=skip_invalid,
        user=user,
    )


def _done(report: FileReport, outcome: FileOutcome) -> None:
    report.outcome = outcome
    report.problems = list(outcome.problems)
    report.status = Status.IMPORTED if outcome.batch is not None else Status.ALREADY
    if outcome.batch is not None:
        report.records = records_added(outcome.batch)


def _refused(reports: dict[str, FileReport], problems: list[Problem]) -> None:
    """Share a refusal's problems out to the files they name (all to the first otherwise)."""
    for report in reports.values():
        report.status = Status.CHECKED
        report.problems = []
    first = next(iter(reports.values()))
    for problem in problems:
        reports.get(problem.file, first).problems.append(problem)
    for report in reports.values():
        if report.errors:
            report.status = Status.REFUSED
    if not any(r.status == Status.REFUSED for r in reports.values()):
        first.status = Status.REFUSED


def records_added(batch: ImportBatch) -> dict[str, int]:
    """How many records of each type the batch added ('employment spells': 12), biggest first."""
    added = (
        BatchChange.objects.filter(batch=batch, action=BatchChange.Action.ADDED)
        .values("model")
        .annotate(n=Sum(Coalesce(F("last_object_id"), F("object_id")) - F("object_id") + 1))
    )
    counts: dict[str, int] = {}
    for row in added:
        model = apps.get_model(row["model"])
        counts[str(model._meta.verbose_name_plural)] = int(row["n"] or 0)
    return dict(sorted(counts.items(), key=lambda item: -item[1]))
