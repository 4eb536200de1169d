"""Disability, as a worker or an applicant declares it (plain Python, like :mod:`thrive.codes`).

The census return has no disability field, so this list is Thrive's own: the four answers an
equality monitoring form allows. Exports spell them many ways, so :meth:`Disability.spellings`
gives the common ones (``Y``, ``Disabled``, ``Prefer not to say``...) for the importers; an empty
cell means the answer is not known.

>>> Disability.YES.label
'Disabled'
>>> Disability.spellings()["y"]
<Disability.YES: 'yes'>
"""

from __future__ import annotations

from thrive.codes import TextCode


class Disability(TextCode):
    """Whether the person declares a disability (the Equality Act 2010's definition)."""

    YES = "yes", "Disabled"
    NO = "no", "Not disabled"
    PREFER_NOT_TO_SAY = "prefer_not_to_say", "Prefer not to say"
    NOT_KNOWN = "not_known", "Not known"

    @property
    def declared(self) -> bool:
        """Whether the person said yes or no (declined and not known are not declarations)."""
        return self in (Disability.YES, Disability.NO)

    @classmethod
    def spellings(cls) -> dict[str, Disability]:
        """Other ways exports write each answer, in lower case, beside the codes and labels."""
        return {spelling: member for member, words in _SPELLINGS.items() for spelling in words}


_SPELLINGS: dict[Disability, tuple[str, ...]] = {
    Disability.YES: ("y", "yes", "disabled", "yes - disabled", "has a disability"),
    Disability.NO: ("n", "no", "not disabled", "no disability", "none"),
    Disability.PREFER_NOT_TO_SAY: (
        "prefer not to say",
        "prefer not to answer",
        "do not wish to declare",
        "declined",
        "refused",
    ),
    Disability.NOT_KNOWN: ("not known", "unknown", "not declared", "not recorded"),
}
