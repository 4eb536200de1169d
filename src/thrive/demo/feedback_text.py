"""Words for the demo's exit-interview comments, stay conversations and survey free text.

Synthetic but written the way social workers write on exit questionnaires, so the theme model
has something real to find. Each leaving reason has its own phrases; a comment is two or three
of them, sometimes with a general remark.
"""

from __future__ import annotations

import numpy as np

EXIT_PHRASES: dict[str, tuple[str, ...]] = {
    "career_progression": (
        "I have been offered a senior practitioner role elsewhere",
        "there was no clear route to progress without becoming a manager",
        "I applied for promotion twice and was not successful",
        "a team manager post came up in a neighbouring authority",
        "I want to progress my career and could not see how to do that here",
        "the progression panel kept being postponed",
    ),
    "development": (
        "training opportunities were limited and often cancelled",
        "I wanted to complete my practice educator award but there was no funding",
        "there was no time for learning or reflection",
        "I asked for specialist training in therapeutic work and it never happened",
        "my development plan was never reviewed",
    ),
    "workload": (
        "my caseload was too high to do the work properly",
        "I regularly worked evenings to keep up with case recording",
        "the volume of cases and court work was unmanageable",
        "caseloads went above twenty for months at a time",
        "the duty rota on top of a full caseload was too much",
        "I could not see the children on my caseload as often as they needed",
    ),
    "management_support": (
        "supervision was often cancelled or cut short",
        "I did not feel supported by my manager",
        "we had four different team managers in a year",
        "supervision focused on deadlines and never on reflection",
        "my manager had too many people reporting to them to give time to each of us",
    ),
    "culture": (
        "the team morale was very low",
        "there was a blame culture when things went wrong",
        "I did not feel part of the team after the restructure",
        "colleagues kept leaving and the office felt empty",
    ),
    "pay": (
        "the salary is lower than neighbouring councils",
        "I can earn more in another authority",
        "the pay does not reflect the responsibility of the role",
    ),
    "agency_work": (
        "agency work pays much better for the same job",
        "I am going to locum for a while for the flexibility and the money",
        "as a locum I can choose my hours",
    ),
    "travel": (
        "the travel across the county took hours each day",
        "the office moved and my commute doubled",
        "mileage and travel time were not recognised",
    ),
    "flexible_working": (
        "my request for compressed hours was refused",
        "I need more flexible hours for childcare",
        "part time working was not supported in this team",
    ),
    "wellbeing": (
        "my wellbeing suffered and I was signed off with stress",
        "I was exhausted and close to burnout",
        "the emotional toll of the work was not recognised",
    ),
    "relocation": (
        "my family is moving to another part of the country",
        "my partner has a new job in another city",
        "I am moving closer to my parents",
    ),
    "retirement": (
        "I am retiring after a long career in social work",
        "it is time to retire and I have enjoyed my years here",
    ),
    "other": (
        "I am going travelling for a year",
        "I am returning to study",
    ),
}

GENERAL_REMARKS = (
    "I will miss the children and families I worked with",
    "my colleagues were brilliant and supportive",
    "the academy was a good start to my career",
    "thank you to my team",
    "I would come back if things changed",
)

SURVEY_PHRASES: dict[str, tuple[str, ...]] = {
    "workload": (
        "caseloads are still too high in our team",
        "the paperwork takes time away from children",
        "too many cases and not enough time for direct work",
    ),
    "supervision": (
        "supervision is regular and reflective now",
        "my supervisor makes time for me every month",
        "supervision keeps getting cancelled",
    ),
    "career": (
        "the new career path gives me something to aim for",
        "the consultant social worker role means I can progress without managing",
        "I cannot see how to progress here",
    ),
    "learning": (
        "the academy training programme is excellent",
        "I would like more specialist training",
        "protected learning time makes a real difference",
    ),
    "wellbeing": (
        "the mindfulness sessions helped my resilience",
        "I feel valued by my manager and team",
        "stress levels in the team are high",
    ),
    "pay": (
        "pay is behind neighbouring authorities",
        "the benefits offer could be better",
    ),
}


def comment(rng: np.random.Generator, pools: dict[str, tuple[str, ...]], topic: str,
            second: str | None = None, remark_chance: float = 0.3) -> str:  # fmt: skip
    """Two or three phrases on ``topic`` (and one on ``second``), as one comment."""
    own = pools[topic]
    picked = list(rng.choice(len(own), size=min(len(own), int(rng.integers(1, 3))), replace=False))
    parts = [own[i] for i in picked]
    if second:
        parts.append(pools[second][int(rng.integers(len(pools[second])))])
    if rng.random() < remark_chance:
        parts.append(GENERAL_REMARKS[int(rng.integers(len(GENERAL_REMARKS)))])
    return " ".join(part[0].upper() + part[1:] + "." for part in parts)
