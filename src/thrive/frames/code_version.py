"""A fingerprint of the code that works results out, so an upgrade never shows an older release's.

Kept results (Django's cache) and shared frames files are named by the store version: an import
moves it. An upgrade of Thrive does not, yet the new code may work a measure out differently or
write frames with other columns; without this, pages could show the old release's figures until
the cache's timeout (an hour). :func:`code_version` hashes the package's own code and templates
(not the built static assets) once per process, and :func:`thrive.frames.files.version_tag`
mixes it into every key and folder name, so the first request after an upgrade works things out
afresh. Every process of one installation computes the same fingerprint.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

import thrive

# What decides a result: the code, its templates and the reference files shipped beside it.
_CODE_SUFFIXES = frozenset({".py", ".html", ".toml", ".yaml", ".csv", ".xsd", ".json"})


@functools.cache
def code_version() -> str:
    """A short hash of every code, template and reference file in the installed package."""
    return fingerprint(Path(thrive.__file__).parent)


def fingerprint(package: Path) -> str:
    """A short hash of the code, template and reference files under ``package`` (its built
    static assets and compiled bytecode left out), with the release number."""
    digest = hashlib.sha256(thrive.__version__.encode())
    for path in sorted(package.rglob("*")):
        relative = path.relative_to(package)
        if relative.parts[:2] == ("web", "static") or "__pycache__" in relative.parts:
            continue
        if path.suffix in _CODE_SUFFIXES and path.is_file():
            digest.update(relative.as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]
