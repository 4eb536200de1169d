"""An upgrade of Thrive never shows results or frames an older release worked out."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import thrive
from thrive.frames import cache as frames_cache
from thrive.frames import code_version as code
from thrive.frames import files

PACKAGE = Path(thrive.__file__).parent


@pytest.fixture
def package_copy(tmp_path) -> Path:
    """A copy of the installed package's code, as the next release would install it."""
    copy = tmp_path / "thrive"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("static", "__pycache__"))
    return copy


def test_the_same_code_has_the_same_fingerprint(package_copy):
    assert code.fingerprint(package_copy) == code.code_version()


@pytest.mark.parametrize(
    "changed", ["metrics/definitions/continuity.py", "web/templates/thrive/overview.html"]
)
def test_a_changed_measure_or_template_changes_the_fingerprint(package_copy, changed):
    path = package_copy / changed
    path.write_text(path.read_text() + "\n# the next release\n")
    assert code.fingerprint(package_copy) != code.code_version()


def test_built_assets_and_bytecode_do_not_change_it(package_copy):
    (package_copy / "web" / "static" / "thrive").mkdir(parents=True)
    (package_copy / "web" / "static" / "thrive" / "app.js").write_text("built by npm")
    (package_copy / "__pycache__").mkdir()
    (package_copy / "__pycache__" / "config.cpython-311.pyc").write_bytes(b"\0compiled")
    assert code.fingerprint(package_copy) == code.code_version()


def test_a_result_the_last_release_kept_is_worked_out_again_after_an_upgrade(monkeypatch, db):
    assert frames_cache.caching_on()
    worked_out = []

    def build(release: str):
        worked_out.append(release)
        return f"figures by {release}"

    kept = frames_cache.remembered("overview:council", lambda: build("old"), version="v7")
    again = frames_cache.remembered("overview:council", lambda: build("old"), version="v7")
    assert kept == again == "figures by old" and worked_out == ["old"]
    old_folder = files.version_tag("v7")

    # The next release's code: the same store version, another fingerprint.
    monkeypatch.setattr(files, "code_version", lambda: "next-release")
    assert files.version_tag("v7") != old_folder
    after = frames_cache.remembered("overview:council", lambda: build("new"), version="v7")
    assert after == "figures by new" and worked_out == ["old", "new"]
