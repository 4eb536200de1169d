"""The staff groups of a children's services workforce (plain Python, no Django).

Social workers are the census's population and every existing figure's: a spell is a social
worker's unless the council says otherwise. The other groups are the council's other staff in
children's services (family support workers, personal advisers, early help officers, nursery
workers, business support and others), kept so their figures can be seen beside social work
without entering the census return or the Department's measures.
"""

from __future__ import annotations

from thrive.codes import TextCode


class StaffGroup(TextCode):
    """The staff group of an employment spell."""

    SOCIAL_WORKER = "social_worker", "Social workers"
    FAMILY_SUPPORT = "family_support", "Family support workers"
    PERSONAL_ADVISER = "personal_adviser", "Personal advisers"
    EARLY_HELP = "early_help", "Early help officers"
    NURSERY = "nursery", "Nursery workers"
    BUSINESS_SUPPORT = "business_support", "Business support"
    OTHER = "other", "Other staff"

    @property
    def is_social_work(self) -> bool:
        """Whether the census counts this group (social workers only)."""
        return self is StaffGroup.SOCIAL_WORKER


SOCIAL_WORKER: str = str(StaffGroup.SOCIAL_WORKER)
