"""A commit that moves the store version gets the new version ready, off the critical path.

An import from the command line leaves the new version's frames files written when the command
exits, and a fresh process reads them without building anything; an admin edit in the web
process starts the work when its transaction commits (frames files, and on a server the slow
results too).
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client

import small_council
from thrive.centre import prepare
from thrive.centre.centre import Centre
from thrive.frames import cache as frames_cache
from thrive.frames import files
from thrive.frames.workforce import AllocationFrames, WorkforceFrames

DATA = Path(__file__).parent.parent / "data"

# A fresh process: the frames of every authority for the store's version, from the files the
# import command left (it logs a line whenever it writes any), checked against the store itself.
_READER = """
import logging, os, sys
import django
django.setup()
logging.basicConfig(level=logging.INFO, stream=sys.stderr)
from polars.testing import assert_frame_equal
from thrive.frames import cache, files, load, load_lifecycle
from thrive.workforce.models import Authority

version = cache.store_version()
folder = files.root() / files.version_tag(version)
before = {p: p.stat().st_mtime_ns for p in folder.rglob("*")}
for authority in Authority.objects.all():
    shared = cache.frames_for(authority.pk, version)
    from_store = load.load(authority)
    for name in shared.frame_names():
        assert_frame_equal(getattr(shared, name), getattr(from_store, name))
    cache.lifecycle_for(authority.pk, version)
    print(authority.la_number, shared.spells.height)
after = {p: p.stat().st_mtime_ns for p in folder.rglob("*")}
assert before == after, "the frames files were written again"
"""


def _thrive(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "thrive.commands.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_an_import_from_the_command_line_leaves_its_frames_written_for_a_fresh_process(
    tmp_path: Path,
) -> None:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "thrive.settings",
        "THRIVE_DATA_DIR": str(tmp_path),
        "THRIVE_DATABASE_URL": "",
        "THRIVE_KEEP": "shared",
        "THRIVE_CACHE_URL": "",
    }
    migrated = _thrive(env, "migrate", "--verbosity", "0")
    assert migrated.returncode == 0, migrated.stderr
    assert not (tmp_path / "frames").exists()  # nothing to write for an empty store

    imported = _thrive(env, "import", "census", str(DATA / "golden_2024.xml"))
    assert imported.returncode == 0, imported.stdout + imported.stderr

    versions = [p for p in (tmp_path / "frames").iterdir() if p.is_dir()]
    assert versions, "the import command left no frames files"
    assert sorted(p.name.split("-", 1)[1] for p in versions[-1].iterdir()) == [
        "allocations",  # the children's, a family of their own (empty here)
        "lifecycle",
        "workforce",
    ]
    reader = subprocess.run(
        [sys.executable, "-c", _READER],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert reader.returncode == 0, reader.stderr
    assert "Wrote the" not in reader.stderr  # read, not built
    la_number, spells = reader.stdout.split()
    assert int(spells) > 0


@pytest.fixture
def committed_council(transactional_db: None, settings) -> small_council.Council:
    """The small council, committed, with the work done in the background as on a server."""
    council = small_council.build()
    settings.THRIVE_BACKGROUND = True
    settings.THRIVE_PREPARE_AT_COMMIT = True
    return council


def _rename_in_the_admin(council: small_council.Council, new_name: str) -> None:
    from django.contrib.auth.models import User

    admin = User.objects.create_superuser("root", "root@example.org", "x")
    client = Client()
    client.force_login(admin)
    team = council.teams["CPS"]
    url = f"/admin/workforce/team/{team.pk}/change/"
    form = client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data = {k: ("" if v is None else v) for k, v in data.items()}
    data["name"] = new_name
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]


def _frames_written_now(council: small_council.Council) -> WorkforceFrames:
    version = frames_cache.store_version()
    written = files.root() / files.version_tag(version)
    folder = written / f"{council.authority.pk}-workforce"
    assert folder.is_dir(), f"no frames files for version {version}"
    children = files.read_frames(AllocationFrames, written / f"{council.authority.pk}-allocations")
    return files.read_frames(WorkforceFrames, folder, {"allocations": children.allocations})


def test_an_admin_edit_writes_the_new_versions_frames_when_it_commits(committed_council):
    _rename_in_the_admin(committed_council, "Child Protection Southwest")
    prepare.finish(timeout=300)

    teams = _frames_written_now(committed_council).teams["team"].to_list()
    assert "Child Protection Southwest" in teams and "Child Protection South" not in teams


def test_on_a_server_a_commit_also_prepares_the_common_pages_results(
    committed_council, monkeypatch
):
    serving = threading.Event()
    serving.set()  # as thrive.wsgi's watcher marks a server process (without its thread)
    monkeypatch.setattr(prepare, "_started", serving)
    _rename_in_the_admin(committed_council, "Child Protection Southwest")
    prepare.finish(timeout=600)

    _frames_written_now(committed_council)
    centre = Centre.for_authority(committed_council.authority)
    assert centre.version == frames_cache.store_version()
    authority = committed_council.authority.pk
    for key in (f"risk:{authority}:{centre.latest}", f"careers:{authority}:{centre.latest}"):
        assert cache.get(centre.key(f"lifecycle:{key}", for_authority=True)) is not None, key
    services = [None, *sorted(centre.frames.teams["service"].drop_nulls().unique())]
    assert len(services) > 2
    for service in services:  # the Children page for the whole council and each service
        for named in (True, False):  # both rights to names
            key = centre.key(f"children:{centre.latest}:{service}:{named}", for_authority=True)
            assert cache.get(key) is not None, key
