"""``thrive restore`` refuses what it must, in plain words, and changes nothing: a damaged or
cut-short file, a file from a newer Thrive, a store that already holds records.

The backup file is made once, from a small store of its own (two golden census returns, SQLite,
through the ``thrive`` command); the refusals are tried against the suite's test database.
"""

from __future__ import annotations

import json
import sys
import zipfile
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parent))

from backup_stores import Store  # noqa: E402

from thrive.commands.backup_file import BackupError, member_name  # noqa: E402
from thrive.commands.store_restore import check_file  # noqa: E402
from thrive.frames.cache import store_version  # noqa: E402


@pytest.fixture(scope="module")
def backup(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = Store(tmp_path_factory.mktemp("small-store"), "sqlite")
    data = Path(__file__).parents[1] / "data"
    store.run("migrate", "--verbosity", "0")
    store.run("import", "census", str(data / "golden_2023.xml"), str(data / "golden_2024.xml"))
    out = store.folder / "small.zip"
    store.run("backup", "--out", str(out))
    return out


def refusal(path: Path) -> str:
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(path), stdout=StringIO())
    return str(refused.value)


def rewritten(source: Path, out: Path, change: dict[str, bytes]) -> Path:
    """A copy of the backup with some members' bytes replaced (a well-formed zip)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info.filename, change.get(info.filename, old.read(info.filename)))
    return out


def manifest_changed(source: Path, out: Path, edit: Any) -> Path:
    with zipfile.ZipFile(source) as old:
        manifest = json.loads(old.read("manifest.json"))
    edit(manifest)
    return rewritten(source, out, {"manifest.json": json.dumps(manifest).encode()})


@pytest.mark.django_db
def test_a_cut_short_file_is_refused_and_nothing_changes(
    backup: Path, tmp_path: Path, snapshot: Any
) -> None:
    before = snapshot()
    cut = tmp_path / "cut.zip"
    cut.write_bytes(backup.read_bytes()[: backup.stat().st_size // 2])
    assert "is damaged or was cut short" in refusal(cut)
    assert snapshot() == before


@pytest.mark.django_db
def test_a_changed_row_is_refused_by_its_checksum(
    backup: Path, tmp_path: Path, snapshot: Any
) -> None:
    before = snapshot()
    worker_rows = member_name("workforce.Worker")
    with zipfile.ZipFile(backup) as old:
        text = old.read(worker_rows).decode()
    assert '"1980-03-14"' in text  # a birth date: one social worker a year older
    changed = rewritten(
        backup,
        tmp_path / "changed.zip",
        {worker_rows: text.replace('"1980-03-14"', '"1979-03-14"').encode()},
    )
    message = refusal(changed)
    assert "workforce.Worker rows do not match their checksum" in message
    assert snapshot() == before


@pytest.mark.django_db
def test_a_file_from_a_newer_thrive_is_refused(backup: Path, tmp_path: Path, snapshot: Any) -> None:
    before = snapshot()

    def future_migration(manifest: dict[str, Any]) -> None:
        manifest["migrations"]["workforce"].append("0099_from_the_future")
        manifest["latest_migrations"]["workforce"] = "0099_from_the_future"

    newer = manifest_changed(backup, tmp_path / "newer.zip", future_migration)
    message = refusal(newer)
    assert "is from a newer Thrive" in message and "workforce 0099_from_the_future" in message
    newer_format = manifest_changed(
        backup, tmp_path / "format.zip", lambda m: m.update(format_version=2)
    )
    assert "written by a newer Thrive (backup format 2" in refusal(newer_format)
    assert snapshot() == before


@pytest.mark.django_db
def test_a_file_that_is_no_backup_is_refused(tmp_path: Path, data: Path) -> None:
    assert "is damaged or was cut short" in refusal(data / "staff.csv")
    assert "does not exist" in refusal(tmp_path / "nowhere.zip")
    other = tmp_path / "other.zip"
    with zipfile.ZipFile(other, "w") as z:
        z.writestr("readme.txt", "hello")
    assert "is not a Thrive backup" in refusal(other)


@pytest.mark.django_db
def test_a_store_with_records_is_refused_and_nothing_changes(
    backup: Path, snapshot: Any, data: Path
) -> None:
    call_command("import", "census", str(data / "golden_2023.xml"), stdout=StringIO())
    before = snapshot()
    assert "The store is not empty" in refusal(backup)
    assert snapshot() == before


@pytest.mark.django_db
def test_the_small_backup_restores_every_row_into_an_empty_store(backup: Path) -> None:
    with zipfile.ZipFile(backup) as z:
        manifest = json.loads(z.read("manifest.json"))
    out = StringIO()
    call_command("restore", str(backup), stdout=out)
    assert "Restored" in out.getvalue()
    for table in manifest["tables"]:
        model = apps.get_model(table["model"])
        assert model._base_manager.count() == table["rows"], table["model"]
    assert store_version() == manifest["store_version"]


def test_any_damage_is_refused_in_words_or_reads_back_the_same(
    backup: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Cut the file anywhere or change any byte: the check refuses it with a BackupError, or the
    change missed everything read (a date in a header) and the payload is unchanged."""
    original = backup.read_bytes()
    payload = check_file(backup).payload_sha256
    folder = tmp_path_factory.mktemp("damaged")

    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        at=st.integers(min_value=0, max_value=len(original) - 1),
        flip=st.integers(min_value=1, max_value=255),
        cut=st.booleans(),
    )
    def damaged(at: int, flip: int, cut: bool) -> None:
        bad = (
            original[:at]
            if cut
            else original[:at] + bytes([original[at] ^ flip]) + original[at + 1 :]
        )
        path = folder / "damaged.zip"
        path.write_bytes(bad)
        try:
            manifest = check_file(path)
        except BackupError:
            return
        assert manifest.payload_sha256 == payload

    damaged()
