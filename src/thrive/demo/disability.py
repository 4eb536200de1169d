"""Synthetic disability declarations for the demo council's workers and candidates.

Nobody here is real. Each answer is drawn from a hash of the person's id and the demo's seed,
not from the demo's random streams, so adding them changes no other record: the same seed gives
the same answers, and every other figure stays as it was. The shares are plausible, not
sourced: most say no, a small share say yes, some would rather not say and, for staff, a good
share were never asked (records from before equality monitoring asked).

A candidate met the minimum criteria when they were shortlisted or went further; of those
turned down straight after applying, most did not meet them and a few did (the slips the
guaranteed-interview check is there to catch); for those who withdrew or are still waiting
nothing is recorded.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import date

from thrive.codes.disability import Disability
from thrive.codes.lifecycle import Stage
from thrive.lifecycle.models import Candidate

WORKERS = ((Disability.YES, 0.07), (Disability.NO, 0.68), (Disability.PREFER_NOT_TO_SAY, 0.06))
CANDIDATES = ((Disability.YES, 0.09), (Disability.NO, 0.78), (Disability.PREFER_NOT_TO_SAY, 0.05))
# the rest: not known
MET_THOUGH_TURNED_DOWN = 0.15
_FURTHER = {Stage.SHORTLISTED, Stage.INTERVIEWED, Stage.OFFERED, Stage.ACCEPTED, Stage.STARTED}


def _fraction(seed: int | None, key: str) -> float:
    """A number in [0, 1) fixed by the seed and the key."""
    digest = hashlib.sha256(f"{seed}:{key}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def _answer(shares: tuple[tuple[Disability, float], ...], draw: float) -> str:
    for answer, share in shares:
        if draw < share:
            return str(answer)
        draw -= share
    return str(Disability.NOT_KNOWN)


def worker_disability(seed: int | None, pseudonym: str) -> str:
    """A demo worker's answer."""
    return _answer(WORKERS, _fraction(seed, f"worker:{pseudonym}"))


def declare_candidates(
    seed: int | None,
    candidates: Sequence[tuple[int, Candidate]],
    stages: Sequence[tuple[int, list[tuple[Stage, date]]]],
) -> None:
    """Set each demo candidate's answer and whether they met the minimum criteria."""
    reached = {index: {stage for stage, _ in events} for index, events in stages}
    for index, (_, candidate) in enumerate(candidates):
        key = f"candidate:{candidate.reference}"
        candidate.disability = _answer(CANDIDATES, _fraction(seed, key))
        got = reached.get(index, set())
        if got & _FURTHER:
            candidate.met_minimum_criteria = True
        elif Stage.REJECTED in got:
            met = _fraction(seed, f"criteria:{candidate.reference}") < MET_THOUGH_TURNED_DOWN
            candidate.met_minimum_criteria = met
        else:
            candidate.met_minimum_criteria = None
