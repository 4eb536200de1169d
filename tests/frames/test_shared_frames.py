"""The shared frame files: built once per store version, read by every process."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

import polars as pl
import pytest
from django.conf import settings

import factories
import small_council
from small_council_children import add_children
from thrive.children.models import Allocation
from thrive.codes.staff import SOCIAL_WORKER
from thrive.frames import cache as frames_cache
from thrive.frames import files
from thrive.frames import load as frames_load
from thrive.frames.load import load, load_allocations
from thrive.frames.workforce import (
    SCHEMAS,
    AllocationFrames,
    WorkforceFrames,
    empty_frames,
    frame,
)
from thrive.metrics.context import Context
from thrive.metrics.definitions import continuity
from thrive.metrics.periods import points_frame
from thrive.workforce import models


def _frames(n: int) -> WorkforceFrames:
    rows = [
        (i, f"P{i:04d}", f"Worker {i}", None, None, "F", "WBRI", 6, None, "ug") for i in range(n)
    ]
    return replace(empty_frames("123", "Testshire"), workers=frame("workers", rows))


# A fresh Python process asking for the shared frames; its build notes itself in the log and
# takes long enough for the other process to arrive while it is building.
_CHILD = """
import os, sys, time
from dataclasses import replace
import django
django.setup()
from thrive.frames import files
from thrive.frames.workforce import WorkforceFrames, empty_frames, frame

def build():
    with open(sys.argv[1], "a") as handle:
        handle.write(f"{os.getpid()}\\n")
    time.sleep(3.0)
    rows = [(i, f"P{i:04d}", f"Worker {i}", None, None, "F", "WBRI", 6, None, "ug")
            for i in range(500)]
    return replace(empty_frames("123", "Testshire"), workers=frame("workers", rows))

got = files.shared_frames(WorkforceFrames, "workforce", 1, "v1", build)
print(got.workers.height, got.authority, got.workers["name"][-1])
"""


def test_two_processes_asking_at_once_build_the_frames_once_and_both_read_them(tmp_path):
    log = tmp_path / "builds.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "thrive.settings",
        "THRIVE_DATA_DIR": str(settings.DATA_DIR),
        "THRIVE_DATABASE_URL": "",
    }
    children = [
        subprocess.Popen(
            [sys.executable, "-c", _CHILD, str(log)], env=env, stdout=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    outputs = [child.communicate(timeout=120)[0].strip() for child in children]
    assert [child.returncode for child in children] == [0, 0]
    assert len(log.read_text().split()) == 1  # one build, by whichever came first
    assert outputs == ["500 Testshire Worker 499"] * 2
    assert not [p for p in files.root().iterdir() if p.name.startswith(".tmp-")]


def test_a_new_version_is_read_from_its_own_files_and_the_old_one_is_cleaned_up():
    first = files.shared_frames(WorkforceFrames, "workforce", 1, "v1", lambda: _frames(3))
    old = files.root() / files.version_tag("v1")
    assert old.is_dir() and first.workers.height == 3
    long_ago = time.time() - files.OLD_VERSION_SECONDS - 1
    os.utime(old, (long_ago, long_ago))

    second = files.shared_frames(WorkforceFrames, "workforce", 1, "v2", lambda: _frames(7))

    assert second.workers.height == 7
    assert not old.exists()
    # The files, not this process's memory: a fresh read gives the same frames, schema and all.
    folder = files.root() / files.version_tag("v2") / "1-workforce"
    again = files.read_frames(WorkforceFrames, folder)
    assert again.workers.equals(second.workers) and again.la_number == "123"
    assert again.spells.schema == second.spells.schema


def test_a_build_that_fails_leaves_no_files_and_the_next_one_builds(tmp_path):
    def broken() -> WorkforceFrames:
        raise RuntimeError("store unreadable")

    with pytest.raises(RuntimeError, match="store unreadable"):
        files.shared_frames(WorkforceFrames, "workforce", 1, "v9", broken)
    assert not (files.root() / files.version_tag("v9") / "1-workforce").exists()
    rebuilt = files.shared_frames(WorkforceFrames, "workforce", 1, "v9", lambda: _frames(2))
    assert rebuilt.workers.height == 2


@pytest.mark.django_db
def test_an_import_moves_the_version_and_the_next_read_sees_the_new_records():
    council = small_council.build()
    authority_id = council.authority.pk
    before = frames_cache.current_version()
    workers = frames_cache.frames_for(authority_id, before).workers.height
    assert (files.root() / files.version_tag(before) / f"{authority_id}-workforce").is_dir()

    factories.worker(council.authority, pseudonym="NEW-STARTER")  # as an import adds a row
    frames_cache.forget(files_too=False)  # the fingerprint is re-read at once

    after = frames_cache.current_version()
    assert after != before
    fresh = frames_cache.frames_for(authority_id, after)
    assert fresh.workers.height == workers + 1
    assert "NEW-STARTER" in fresh.workers["pseudonym"].to_list()
    on_disk = files.read_frames(
        WorkforceFrames,
        files.root() / files.version_tag(after) / f"{authority_id}-workforce",
        {"allocations": fresh.allocations},  # a family of its own (below)
    )
    assert on_disk.workers.filter(pl.col("pseudonym") == "NEW-STARTER").height == 1


@pytest.mark.django_db
def test_the_allocations_are_a_family_of_their_own_read_only_when_first_used():
    council = small_council.build()
    add_children(council)
    authority_id = council.authority.pk
    version = frames_cache.current_version()
    folder = files.root() / files.version_tag(version)

    frames = frames_cache.frames_for(authority_id, version)
    assert frames.spells.height > 0
    assert not (folder / f"{authority_id}-workforce" / "allocations.arrow").exists()
    assert not frames.read_yet("allocations")
    assert not (folder / f"{authority_id}-allocations").exists()

    # a new process (forget) maps the workforce files and still leaves the allocations unread
    frames_cache.forget(files_too=False)
    frames = frames_cache.frames_for(authority_id, version)
    assert not frames.read_yet("allocations")
    from_store = load_allocations(council.authority).allocations
    assert frames.allocations.equals(from_store)  # read now, from the store, into their files
    assert frames.read_yet("allocations") and from_store.height > 0
    on_disk = files.read_frames(AllocationFrames, folder / f"{authority_id}-allocations")
    assert on_disk.allocations.equals(from_store)
    assert on_disk.la_number == council.authority.la_number

    frames_cache.forget(files_too=False)  # and the next process maps them from there
    assert frames_cache.frames_for(authority_id, version).allocations.equals(from_store)
    assert frames_cache.allocations_for(authority_id, version).allocations.equals(from_store)


@pytest.mark.django_db
def test_a_new_store_version_works_out_its_own_childrens_working_spells():
    council = small_council.build()
    add_children(council)
    authority_id = council.authority.pk
    before = frames_cache.current_version()
    frames = frames_cache.frames_for(authority_id, before)
    ctx = Context(frames, points_frame([small_council.AS_AT]))
    kept = continuity.spells(ctx)
    again = Context(frames_cache.frames_for(authority_id, before), ctx.points)
    assert continuity.spells(again) is kept  # the same version: worked out once, shared

    worker = models.Worker.objects.filter(authority=council.authority).first()
    Allocation.objects.create(  # as an import adds a child
        authority=council.authority,
        child="chnew01x",
        worker=worker,
        team=council.teams["CPN"],
        case_type="cp",
        start_date=date(2025, 4, 1),
    )
    frames_cache.forget(files_too=False)
    after = frames_cache.current_version()
    assert after != before
    fresh = continuity.spells(Context(frames_cache.frames_for(authority_id, after), ctx.points))
    assert fresh is not kept
    assert fresh.height == kept.height + 1 and "chnew01x" in fresh["child"].to_list()
    assert "chnew01x" not in kept["child"].to_list()


@pytest.mark.django_db
def test_the_social_workers_spells_are_every_spell_of_the_social_worker_staff_group():
    council = small_council.build()
    team = council.teams["CPN"]
    for group in ("family_support", "early_help"):
        who = factories.worker(council.authority)
        factories.spell(who, team, date(2020, 1, 1), staff_group=group)
        factories.spell(who, team, date(2019, 1, 1), date(2019, 12, 31))  # a social worker then
    frames = load(council.authority)
    everyone = frames.all_spells
    assert everyone.filter(pl.col("staff_group") != SOCIAL_WORKER).height > 0
    expected = everyone.filter(pl.col("staff_group") == SOCIAL_WORKER).drop("staff_group")
    assert frames.spells.equals(expected)
    assert frames.spells.schema == pl.Schema(SCHEMAS["spells"])
    assert frames.spells["spell_id"].is_sorted()


@pytest.mark.django_db
def test_a_large_table_is_read_in_chunks_into_the_same_frame(monkeypatch):
    council = small_council.build()
    add_children(council)
    whole = load(council.authority)
    monkeypatch.setattr(frames_load, "CHUNK_ROWS", 7)
    chunked = load(council.authority)
    assert whole.allocations.height > 7 and whole.caseloads.height > 7
    for name in whole.frame_names():
        assert getattr(chunked, name).equals(getattr(whole, name)), name


def test_the_files_live_under_the_data_folder():
    assert files.root() == Path(settings.DATA_DIR) / "frames"
