"""The measures themselves, one module per theme; importing this registers them all, in the
order ``docs/metrics.md`` lists them."""

# ruff: noqa: I001  (the import order is the documented order)

from thrive.metrics.definitions import (  # noqa: F401
    staffing,
    flows,
    vacancies,
    caseloads,
    practice,
    asye,
    representation,
    leaving,
    reconciliation,
    continuity,
    weighted,
    training,
    pay,
    disability,
    trainees,
    visits,
)
