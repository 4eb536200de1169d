"""The store app for children's allocations: which social worker each child had, and when.

One record per spell of a child's case: allocated to a worker, or waiting with no worker (an
unallocated spell), effective-dated from ``start_date`` to ``end_date`` like every store record.
A child is known only by the case system's pseudonymous id and an age band: no names, no dates of
birth. Models, admin and migrations only: the codes are in :mod:`thrive.codes.children`, the
frame in :mod:`thrive.frames.workforce` (``allocations``), the importer in :mod:`thrive.ingest`
(``thrive import allocations``) and the measures in :mod:`thrive.metrics.definitions.continuity`.
"""
