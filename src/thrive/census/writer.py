"""Writing a census return as CSWW XML, streamed element by element (lxml's incremental writer).

Elements are written in the order the year's rules list them, which is the order of the year's
schema (``rules/<year>.xsd``; a test keeps the two the same); an element with no value is left
out, as the schema allows for optional items.
"""

from __future__ import annotations

from collections.abc import Iterable
from io import BytesIO
from pathlib import Path
from typing import IO

from lxml import etree

from thrive.census.record import CensusHeader, CensusReturn
from thrive.census.rules import rules_for


def _simple(xf: etree._IncrementalFileWriter, name: str, text: str) -> None:
    element = etree.Element(name)
    element.text = text
    xf.write(element)


def _header(xf: etree._IncrementalFileWriter, header: CensusHeader) -> None:
    with xf.element("Header"):
        with xf.element("CollectionDetails"):
            _simple(xf, "Collection", header.collection)
            _simple(xf, "Year", str(header.year))
            _simple(xf, "ReferenceDate", header.reference_date.isoformat())
        with xf.element("Source"):
            _simple(xf, "SourceLevel", header.source_level)
            _simple(xf, "LEA", header.la_number)
            _simple(xf, "SoftwareCode", header.software_code)
            if header.release:
                _simple(xf, "Release", header.release)
            if header.serial_no:
                _simple(xf, "SerialNo", header.serial_no)
            if header.created is not None:
                _simple(xf, "DateTime", header.created.isoformat(timespec="seconds"))


def _record(name: str, order: Iterable[str], values: dict[str, str]) -> etree._Element:
    element = etree.Element(name)
    known = list(order)
    for item in [*known, *(k for k in values if k not in known)]:
        text = values.get(item)
        if text is not None and text != "":
            etree.SubElement(element, item).text = text
    return element


def write_return(census: CensusReturn, out: Path | IO[bytes]) -> None:
    """Write a return to a file (path or binary stream) as UTF-8 XML."""
    rules = rules_for(census.header.year)
    with etree.xmlfile(out if not isinstance(out, Path) else str(out), encoding="UTF-8") as xf:
        xf.write_declaration()
        with xf.element("Message"):
            xf.write("\n")
            _header(xf, census.header)
            xf.write("\n")
            la_level = _record("LALevelVacancies", rules.la_level_names(), census.la_level)
            xf.write(la_level, pretty_print=True)
            for worker in census.workers:
                xf.write(
                    _record("CSWWWorker", rules.worker_names(), worker.values), pretty_print=True
                )


def return_xml(census: CensusReturn) -> bytes:
    """The return as the bytes of a UTF-8 XML file (to check against the schema before writing)."""
    buffer = BytesIO()
    write_return(census, buffer)
    return buffer.getvalue()
