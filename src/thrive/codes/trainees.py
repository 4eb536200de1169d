"""The pipeline before qualifying: placement types, trainee routes and where a trainee is
(plain Python, like :mod:`thrive.codes`).

These lists are Thrive's own (the census counts qualified social workers only). Exports spell
them many ways, so each list's ``spellings()`` gives the common ones for the importers.

>>> PlacementType.spellings()["last placement"]
<PlacementType.FINAL: 'final'>
>>> TraineeRoute.spellings()["apprenticeship"]
<TraineeRoute.APPRENTICESHIP: 'apprenticeship'>
"""

from __future__ import annotations

from thrive.codes import TextCode


class PlacementType(TextCode):
    """The kind of practice placement a social work student has with the council."""

    FIRST = "first", "First placement"
    FINAL = "final", "Final placement"
    FAST_TRACK = "fast_track", "Step Up, Frontline or other fast-track placement"
    OTHER = "other", "Other placement"

    @classmethod
    def spellings(cls) -> dict[str, PlacementType]:
        """Other ways exports write each type, in lower case, beside the codes and labels."""
        return {word: member for member, words in _PLACEMENTS.items() for word in words}


class TraineeRoute(TextCode):
    """How an apprentice or sponsored trainee is training to qualify as a social worker."""

    APPRENTICESHIP = "apprenticeship", "Social work degree apprenticeship"
    SPONSORED = "sponsored", "Sponsored degree or masters"
    STEP_UP = "step_up", "Step Up to Social Work"
    FRONTLINE = "frontline", "Frontline"
    OTHER = "other", "Other route"

    @classmethod
    def spellings(cls) -> dict[str, TraineeRoute]:
        """Other ways exports write each route, in lower case, beside the codes and labels."""
        return {word: member for member, words in _ROUTES.items() for word in words}


class TraineeStatus(TextCode):
    """Where a trainee is: still training, qualified, or withdrew."""

    IN_TRAINING = "in_training", "In training"
    QUALIFIED = "qualified", "Qualified"
    WITHDREW = "withdrew", "Withdrew"

    @classmethod
    def spellings(cls) -> dict[str, TraineeStatus]:
        """Other ways exports write each status, in lower case, beside the codes and labels."""
        return {word: member for member, words in _STATUSES.items() for word in words}


_PLACEMENTS: dict[PlacementType, tuple[str, ...]] = {
    PlacementType.FIRST: ("1st", "1st placement", "first year", "70 day", "70 days", "year 1"),
    PlacementType.FINAL: (
        "2nd",
        "2nd placement",
        "second placement",
        "last placement",
        "final year",
        "100 day",
        "100 days",
    ),
    PlacementType.FAST_TRACK: ("step up", "frontline", "fast track", "fast-track", "think ahead"),
    PlacementType.OTHER: ("contrasting", "other"),
}
_ROUTES: dict[TraineeRoute, tuple[str, ...]] = {
    TraineeRoute.APPRENTICESHIP: (
        "apprentice",
        "apprenticeship",
        "degree apprenticeship",
        "sw apprenticeship",
        "social work apprenticeship",
    ),
    TraineeRoute.SPONSORED: (
        "sponsored",
        "sponsored degree",
        "sponsored masters",
        "secondment",
        "seconded",
        "grow your own",
    ),
    TraineeRoute.STEP_UP: ("step up", "stepup", "step-up"),
    TraineeRoute.FRONTLINE: ("frontline programme",),
}
_STATUSES: dict[TraineeStatus, tuple[str, ...]] = {
    TraineeStatus.IN_TRAINING: ("training", "in progress", "current", "active", "on programme"),
    TraineeStatus.QUALIFIED: ("completed", "complete", "passed", "graduated"),
    TraineeStatus.WITHDREW: ("withdrawn", "left", "left the programme", "dropped out"),
}
