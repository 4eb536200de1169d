"""Reading a census return (CSWW XML) safely and in bounded memory.

The file's prolog goes through defusedxml: a DOCTYPE, entity declarations (the "billion laughs"
bomb) and external entities are refused before anything is expanded. The body is then streamed
with lxml's iterparse (entities not resolved, no network): each ``CSWWWorker`` is turned into a
:class:`~thrive.census.record.WorkerRecord` when its end tag is read and then dropped from the
tree, so memory holds the records, never the document.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as safe_tree
from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden
from lxml import etree

from thrive.census.record import CensusHeader, CensusReturn, WorkerRecord
from thrive.problems import Problem, UnreadableFileError, UnsafeFileError

ROOT = "Message"
WORKER = "CSWWWorker"
LA_LEVEL = "LALevelVacancies"
HEADER = "Header"


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _events(path: Path, name: str) -> Iterator[tuple[str, Element]]:
    try:
        yield from safe_tree.iterparse(
            str(path),
            events=("start", "end"),
            forbid_dtd=True,
            forbid_entities=True,
            forbid_external=True,
        )
    except DTDForbidden:
        raise UnsafeFileError(
            name,
            "the file has a DOCTYPE declaration, which Thrive refuses: a census return never "
            "needs one, and it is how XML entity bombs and external entities get in",
        ) from None
    except EntitiesForbidden:
        raise UnsafeFileError(
            name,
            "the file declares XML entities, which Thrive refuses (this is how 'billion laughs' "
            "XML bombs work)",
        ) from None
    except DefusedXmlException as refused:
        raise UnsafeFileError(
            name, f"the file refers to an external resource, which Thrive refuses ({refused})"
        ) from None
    except ParseError as broken:
        raise UnreadableFileError(
            name,
            f"the file is not complete, well-formed XML ({broken}); it may be cut short or "
            "not be XML at all",
        ) from None
    except LookupError as unknown:  # the XML declaration names an encoding there is no codec for
        raise UnreadableFileError(
            name,
            f'line 1, the XML declaration: {unknown} (a census return is UTF-8: encoding="UTF-8")',
        ) from None


def _header(raw: dict[str, dict[str, str]], file: str, problems: list[Problem]) -> CensusHeader:
    details = raw.get("CollectionDetails", {})
    source = raw.get("Source", {})
    where = "Message/Header"
    year_text = details.get("Year", "")
    year = int(year_text) if re.fullmatch(r"[0-9]{4}", year_text) else 0
    if not year:
        problems.append(
            Problem(
                file,
                f"{where}/CollectionDetails/Year",
                "Year",
                year_text,
                "the collection year, four digits, e.g. 2024",
            )
        )
    reference_text = details.get("ReferenceDate", "")
    try:
        reference = date.fromisoformat(reference_text)
    except ValueError:
        reference = date(max(year, 1), 9, 30)
        problems.append(
            Problem(
                file,
                f"{where}/CollectionDetails/ReferenceDate",
                "ReferenceDate",
                reference_text,
                "the census date written YYYY-MM-DD, e.g. 2024-09-30",
            )
        )
    created_text = source.get("DateTime", "")
    created: datetime | None = None
    if created_text:
        try:
            created = datetime.fromisoformat(created_text)
        except ValueError:
            problems.append(
                Problem(
                    file,
                    f"{where}/Source/DateTime",
                    "DateTime",
                    created_text,
                    "a date and time written YYYY-MM-DDThh:mm:ss",
                )
            )
    return CensusHeader(
        year=year,
        la_number=source.get("LEA", ""),
        reference_date=reference,
        software_code=source.get("SoftwareCode", ""),
        created=created,
        collection=details.get("Collection", ""),
        source_level=source.get("SourceLevel", ""),
        release=source.get("Release", ""),
        serial_no=source.get("SerialNo", ""),
    )


def _guard(path: Path, file: str) -> str:
    """Read up to the root element through defusedxml; the root's name.

    A DOCTYPE (and so any entity declaration or external entity) can only come before the root
    element, so once defusedxml has seen the root start safely, the rest of the file cannot hold
    either, and the fast lxml parser can stream the body.
    """
    for event, element in _events(path, file):
        if event == "start":
            return _local(element.tag)
    raise UnreadableFileError(file, "the file has no XML elements in it")


def _lxml_children(element: Any, path: str, file: str, problems: list[Problem]) -> dict[str, str]:
    values: dict[str, str] = {}
    for child in element:
        if not isinstance(child.tag, str):  # a comment or processing instruction
            continue
        name = _local(child.tag)
        text = (child.text or "").strip()
        if len(child):
            problems.append(
                Problem(file, f"{path}/{name}", name, "", "a simple value, not nested elements")
            )
        elif name in values:
            problems.append(
                Problem(file, f"{path}/{name}", name, text, f"{name} once only in {path}")
            )
        else:
            values[name] = text
    return values


def read_return(path: Path, name: str | None = None) -> tuple[CensusReturn, list[Problem]]:
    """Read a CSWW return: the return as written, and any problems with its structure.

    Raises :class:`UnreadableFileError` (or :class:`UnsafeFileError`) for a file that is not
    a readable, safe XML document with a ``Message`` root.
    """
    file = name or path.name
    if not path.exists():
        raise UnreadableFileError(file, "there is no such file")
    if path.stat().st_size == 0:
        raise UnreadableFileError(file, "the file is empty (0 bytes)")
    root_name = _guard(path, file)
    if root_name != ROOT:
        raise UnreadableFileError(
            file, f"the root element is <{root_name}>; expected <{ROOT}> (a CSWW census return)"
        )
    problems: list[Problem] = []
    header_parts: dict[str, dict[str, str]] = {}
    la_level: dict[str, str] = {}
    workers: list[WorkerRecord] = []
    context = etree.iterparse(
        str(path),
        events=("end",),
        tag=(HEADER, LA_LEVEL, WORKER, f"{{*}}{HEADER}", f"{{*}}{LA_LEVEL}", f"{{*}}{WORKER}"),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
    )
    root: Any = None
    try:
        for _event, element in context:
            parent = element.getparent()
            if parent is None or parent.getparent() is not None:
                continue  # not a child of the root: reported below if it is misplaced
            root = parent
            tag = _local(element.tag)
            if tag == WORKER:
                index = len(workers) + 1
                where = f"Message/{WORKER}[{index}]"
                workers.append(WorkerRecord(index, _lxml_children(element, where, file, problems)))
            elif tag == LA_LEVEL:
                la_level = _lxml_children(element, f"Message/{LA_LEVEL}", file, problems)
            else:
                for part in element:
                    if isinstance(part.tag, str):
                        where = f"Message/Header/{_local(part.tag)}"
                        header_parts[_local(part.tag)] = _lxml_children(part, where, file, problems)
            element.clear()
            while element.getprevious() is not None:  # memory holds records, not the document
                del parent[0]
    except etree.XMLSyntaxError as broken:
        raise UnreadableFileError(
            file,
            f"the file is not complete, well-formed XML ({broken.msg}); it may be cut short",
        ) from None
    if root is not None:
        for element in root:
            tag = _local(element.tag) if isinstance(element.tag, str) else ""
            if tag and tag not in (HEADER, LA_LEVEL, WORKER):
                problems.append(
                    Problem(
                        file,
                        f"Message/{tag}",
                        tag,
                        "",
                        f"only Header, {LA_LEVEL} and {WORKER} inside Message",
                    )
                )
    header = _header(header_parts, file, problems)
    return CensusReturn(header=header, la_level=la_level, workers=workers), problems
