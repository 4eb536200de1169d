"""The demo authority's lifecycle records: exits, stay conversations, survey, pipeline,
registration.

``add_lifecycle(authority, seed)`` reads the demo council's workforce (already written by
``thrive.demo``) and adds, deterministically for the seed, the records this app holds, following
the seeds' story: career development and support, not pay, decide whether people stay. Call it
inside the demo build's transaction.

>>> counts = add_lifecycle(authority, seed=1)   # doctest: +SKIP
>>> counts["exit_interviews"]                 # doctest: +SKIP
"""

from __future__ import annotations

from datetime import date

import numpy as np
import polars as pl

from thrive.demo.bulk import insert_rows
from thrive.demo.lifecycle_people import exit_interviews, registrations, stay_conversations
from thrive.demo.recruitment import pipeline
from thrive.demo.surveys import staff_survey
from thrive.frames.load import load
from thrive.lifecycle.models import CpdRecord, ExitInterview, RegistrationRecord, StayConversation
from thrive.retention.tenure import tenure
from thrive.workforce.models import Authority

_STREAM = 20_250_930  # keeps these draws apart from the workforce simulation's own


def _history_end(authority: Authority) -> date:
    """The last day of the demo's history (the latest date any spell or caseload mentions)."""
    from thrive.demo.dates import HISTORY_END

    return HISTORY_END


def add_lifecycle(authority: Authority, seed: int) -> dict[str, int]:
    """Add every kind of lifecycle record to the demo ``authority``; return how many of each."""
    until = _history_end(authority)
    frames = load(authority)
    stints = tenure(frames, until).filter(pl.col("end_date").is_null() | pl.col("left"))
    rng = np.random.default_rng([seed, _STREAM])
    exits = exit_interviews(frames, stints, rng)
    ExitInterview.objects.bulk_create(exits, batch_size=1000)
    talks = stay_conversations(stints, frames, exits, rng, until)
    StayConversation.objects.bulk_create(talks, batch_size=1000)
    events, cpd = registrations(stints, frames, rng, until)
    RegistrationRecord.objects.bulk_create(events, batch_size=2000)
    insert_rows(
        CpdRecord, ("worker_id", "date", "title"), ((c.worker_id, c.date, c.title) for c in cpd)
    )
    counts = {
        "exit_interviews": len(exits),
        "stay_conversations": len(talks),
        "registration_records": len(events),
        "cpd_records": len(cpd),
    }
    counts |= staff_survey(authority, frames, rng, until)
    counts |= pipeline(authority, frames, stints, rng)
    return counts
