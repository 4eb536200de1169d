"""Synthetic people: names, dates of birth, sex, ethnicity, qualifications and SWE numbers.

Nobody here is real. Names are drawn from common first names and surnames; sex and ethnicity
follow roughly the mix of England's children's social workers (about 85% women; about 60% White
British, with Black African the next largest group). Pseudonyms (``W000001``...) and Social
Work England numbers are unique within the demo authority.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from thrive.codes import Ethnicity, QualLevel, Route, Sex

FEMALE_NAMES = (
    "Amelia", "Olivia", "Emily", "Sophie", "Jessica", "Charlotte", "Hannah", "Lucy",
    "Rebecca", "Sarah", "Laura", "Emma", "Rachel", "Katie", "Gemma", "Claire", "Helen",
    "Nicola", "Joanne", "Louise", "Amy", "Zoe", "Chloe", "Megan", "Abigail", "Grace", "Ellie",
    "Holly", "Natalie", "Victoria", "Fatima", "Aisha", "Priya", "Amara", "Chiamaka", "Ngozi",
    "Abena", "Siobhan", "Aoife", "Agnieszka", "Maria", "Ana", "Yasmin", "Leah", "Naomi",
    "Ruth", "Esther", "Alice", "Harriet", "Bethany", "Kerry", "Donna", "Michelle", "Tracey",
)  # fmt: skip
MALE_NAMES = (
    "James", "Oliver", "Thomas", "Daniel", "Matthew", "David", "Michael", "Christopher",
    "Andrew", "Mark", "Paul", "Richard", "Stephen", "Ben", "Sam", "Luke", "Adam", "Tom",
    "Ryan", "Jack", "Mohammed", "Ahmed", "Tunde", "Kwame", "Chinedu", "Sean", "Piotr", "Ravi",
    "Imran", "Joseph", "Simon", "Gareth", "Owen", "Rhys", "Peter",
)  # fmt: skip
SURNAMES = (
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies",
    "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall",
    "Wood", "Jackson", "Clarke", "Patel", "Khan", "Lewis", "James", "Phillips", "Mason",
    "Mitchell", "Rose", "Davis", "Rodriguez", "Cox", "Alexander", "Okafor", "Mensah",
    "Adeyemi", "Osei", "Nowak", "Kowalski", "Murphy", "Kelly", "Byrne", "Hussain", "Ali",
    "Begum", "Singh", "Chen", "Ward", "Turner", "Hill", "Moore", "Cooper", "Hughes",
    "Edwards", "Harris", "Baker", "King", "Scott", "Young", "Allen", "Carter", "Marshall",
    "Bailey", "Bell", "Shaw", "Palmer", "Ellis", "Hunt", "Webb", "Fisher", "Holmes", "Lloyd",
    "Price", "Morgan", "Bennett", "Reid", "Chapman", "Dixon", "Knight", "Fox", "Mills",
)  # fmt: skip

_ETHNICITY_MIX = {
    "WBRI": 0.60, "WIRI": 0.01, "WOTH": 0.05, "MWBC": 0.015, "MWBA": 0.007, "MWAS": 0.006,
    "MOTH": 0.01, "AIND": 0.02, "APKN": 0.02, "ABAN": 0.006, "AOTH": 0.01, "BCRB": 0.03,
    "BAFR": 0.09, "BOTH": 0.01, "CHNE": 0.003, "OOTH": 0.01, "REFU": 0.012, "NOBT": 0.04,
}  # fmt: skip
ETHNICITIES = tuple(Ethnicity(code) for code in _ETHNICITY_MIX)
_ETHNICITY_P = np.array(list(_ETHNICITY_MIX.values())) / sum(_ETHNICITY_MIX.values())
# Female or male only: from 2024 the census records Sex as M or F, so a worker recorded as
# "not known" could not be returned (a real council completes such records before the return).
_SEXES = (Sex.FEMALE, Sex.MALE)
_SEX_P = np.array([0.85, 0.15])


@dataclass(frozen=True)
class Identity:
    """Who a synthetic worker is (nothing about their job)."""

    pseudonym: str
    name: str
    swe_number: str
    birth_date: date
    sex: str
    ethnicity: str
    qualification_level: int
    qualified_on: date
    route: str


class IdentityMaker:
    """Makes unique synthetic identities in order: W000001, W000002..."""

    def __init__(self, rng: np.random.Generator) -> None:
        self._rng = rng
        self._made = 0
        self._swe_numbers: set[int] = set()

    def _swe_number(self) -> str:
        while True:
            number = int(self._rng.integers(10_000, 1_000_000))
            if number not in self._swe_numbers:
                self._swe_numbers.add(number)
                return f"SW{number}"

    def make(self, route: Route, on: date, years_qualified: float) -> Identity:
        """Someone joining on ``on`` by ``route``, qualified ``years_qualified`` years before."""
        rng = self._rng
        self._made += 1
        sex = _SEXES[int(rng.choice(len(_SEXES), p=_SEX_P))]
        first_names = MALE_NAMES if sex is Sex.MALE else FEMALE_NAMES
        name = (
            f"{first_names[int(rng.integers(len(first_names)))]} "
            f"{SURNAMES[int(rng.integers(len(SURNAMES)))]}"
        )
        qualified_on = on - timedelta(days=max(int(years_qualified * 365.25), 20))
        age_at_qualifying = 22 + rng.gamma(2.0, 3.0) if route is not Route.STEP_UP else 30
        if route in (Route.APPRENTICESHIP, Route.STEP_UP):
            age_at_qualifying += rng.uniform(2, 12)
        birth = qualified_on - timedelta(days=int(age_at_qualifying * 365.25))
        return Identity(
            pseudonym=f"W{self._made:06d}",
            name=name,
            swe_number=self._swe_number(),
            birth_date=birth,
            sex=str(sex),
            ethnicity=str(ETHNICITIES[int(rng.choice(len(ETHNICITIES), p=_ETHNICITY_P))]),
            qualification_level=int(self._qualification(route, years_qualified)),
            qualified_on=qualified_on,
            route=str(route),
        )

    def _qualification(self, route: Route, years_qualified: float) -> QualLevel:
        if route in (Route.STEP_UP, Route.FRONTLINE):
            return QualLevel.POSTGRADUATE
        if route is Route.APPRENTICESHIP:
            return QualLevel.UNDERGRADUATE
        if years_qualified > 20 and self._rng.random() < 0.4:
            return QualLevel.OTHER  # the older diplomas (DipSW, CQSW)
        return QualLevel.POSTGRADUATE if self._rng.random() < 0.4 else QualLevel.UNDERGRADUATE
