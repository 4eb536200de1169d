"""The Children's Social Work Workforce census (CSWW) return: its rules, reader-side checks, writer.

Each collection year's elements, code lists and checks are data (``rules/<year>.yaml``), read by
:mod:`thrive.census.rules`; each year's schema, the Department's order of the items, is
``rules/<year>.xsd``, read by :mod:`thrive.census.schema`. :mod:`thrive.census.validate` checks a
return against its year's rules; :mod:`thrive.census.writer` writes a return as XML;
:mod:`thrive.census.export` builds a return from the store and writes it only if it passes both.
Reading a return from a file is :mod:`thrive.ingest.census_xml`'s job.
"""

from thrive.census.record import CensusHeader, CensusReturn, WorkerRecord
from thrive.census.rules import SUPPORTED_YEARS, YearRules, rules_for

__all__ = [
    "SUPPORTED_YEARS",
    "CensusHeader",
    "CensusReturn",
    "WorkerRecord",
    "YearRules",
    "rules_for",
]
