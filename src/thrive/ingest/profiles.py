"""Mapping profiles: how a council's extract maps onto Thrive's fields, declared in YAML.

A profile names, for each kind of extract, which column holds each field, how dates are written
and how the council's own codes translate to Thrive's::

    name: itrent-csv
    delimiter: ","
    date_formats: ["%d/%m/%Y"]
    kinds:
      staff:
        columns: {worker_id: "Employee Number", fte: "FTE", grade: "Job Title"}
        codes:
          grade: {"Senior Social Worker": senior_practitioner}
        defaults: {contract_type: permanent}

Thrive's own field names and labels (``worker_id``, ``Worker ID``) are always understood, so
the shipped ``generic`` profile needs no columns at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from thrive.ingest.fields import FIELDS, KINDS
from thrive.problems import UnreadableFileError

DEFAULT_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d %b %Y", "%d %B %Y")


def normalise(heading: str) -> str:
    """A heading compared loosely: case, spaces, underscores and punctuation ignored."""
    return re.sub(r"[^a-z0-9]+", "", heading.casefold())


@dataclass(frozen=True)
class KindMapping:
    """A profile's mapping for one kind of extract."""

    columns: dict[str, tuple[str, ...]] = field(default_factory=dict)
    codes: dict[str, dict[str, str]] = field(default_factory=dict)
    defaults: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class MappingProfile:
    name: str
    description: str = ""
    delimiter: str = ","
    date_formats: tuple[str, ...] = DEFAULT_DATE_FORMATS
    sheet: str | None = None
    kinds: dict[str, KindMapping] = field(default_factory=dict)

    def mapping(self, kind: str) -> KindMapping:
        return self.kinds.get(kind, KindMapping())

    def headings(self, kind: str) -> dict[str, str]:
        """Normalised heading -> canonical field, for every heading this profile accepts."""
        accepted: dict[str, str] = {}
        for spec in FIELDS[kind]:
            accepted[normalise(spec.name)] = spec.name
            accepted[normalise(spec.label)] = spec.name
        for name, headings in self.mapping(kind).columns.items():
            for heading in headings:
                accepted[normalise(heading)] = name
        return accepted

    def translate(self, kind: str, name: str, value: str) -> str:
        """The council's code for a field turned into Thrive's (unchanged if not listed)."""
        table = self.mapping(kind).codes.get(name)
        if not table:
            return value
        return table.get(value, table.get(value.strip().casefold(), value))


class ProfileError(UnreadableFileError):
    """A mapping profile that cannot be used."""


def _kind(raw: dict[str, Any], file: str, kind: str) -> KindMapping:
    known = {f.name for f in FIELDS[kind]}
    columns: dict[str, tuple[str, ...]] = {}
    for name, headings in (raw.get("columns") or {}).items():
        if name not in known:
            raise ProfileError(file, f"kinds.{kind}.columns names {name!r}, not a {kind} field")
        columns[name] = (headings,) if isinstance(headings, str) else tuple(map(str, headings))
    codes = {
        name: {
            **{str(k): str(v) for k, v in table.items()},
            **{str(k).strip().casefold(): str(v) for k, v in table.items()},
        }
        for name, table in (raw.get("codes") or {}).items()
    }
    defaults = {str(k): str(v) for k, v in (raw.get("defaults") or {}).items()}
    return KindMapping(columns, codes, defaults)


def parse_profile(text: str, file: str) -> MappingProfile:
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise ProfileError(file, f"the profile is not valid YAML ({error})") from None
    if not isinstance(raw, dict) or "name" not in raw:
        raise ProfileError(file, "a profile is a YAML mapping with at least a name")
    kinds = {}
    for kind, body in (raw.get("kinds") or {}).items():
        if kind not in KINDS:
            raise ProfileError(file, f"kinds names {kind!r}; the kinds are {', '.join(KINDS)}")
        kinds[kind] = _kind(body or {}, file, kind)
    return MappingProfile(
        name=str(raw["name"]),
        description=str(raw.get("description", "")),
        delimiter=str(raw.get("delimiter", ",")),
        date_formats=tuple(raw.get("date_formats") or DEFAULT_DATE_FORMATS),
        sheet=raw.get("sheet"),
        kinds=kinds,
    )


def shipped_profiles() -> dict[str, Path]:
    """The profiles shipped with Thrive, by name: ``generic`` and the examples."""
    root = Path(str(resources.files("thrive.ingest").joinpath("profiles")))
    found = {p.stem: p for p in root.glob("*.yaml")}
    found.update({p.stem: p for p in (root / "examples").glob("*.yaml")})
    return found


@cache
def _shipped(name: str) -> MappingProfile:
    path = shipped_profiles()[name]
    return parse_profile(path.read_text("utf-8"), path.name)


def load_profile(name_or_path: str | None) -> MappingProfile:
    """A shipped profile by name (default ``generic``) or a profile file by path."""
    name = name_or_path or "generic"
    if name in shipped_profiles():
        return _shipped(name)
    path = Path(name)
    if not path.exists():
        known = ", ".join(sorted(shipped_profiles()))
        raise ProfileError(name, f"no such profile file, and not a shipped profile ({known})")
    return parse_profile(path.read_text("utf-8"), path.name)
