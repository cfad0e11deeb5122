"""The 2019 pro-innovation procurement rules as pure arithmetic, with no Django in it.

`check(scheme, limits)` says, rule by rule, whether a marking scheme complies, with its figures and the
smallest change that would make it comply; `score(tenders, ...)` marks tenders with the combined
technical and price score. Everything is Decimal, so 15% is exactly 15% and 15.1% is over it; the
page (presentation.py) turns the results into sentences.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

EXPERIENCE, INNOVATION, OTHER = "experience", "innovation", "other"
KINDS = (EXPERIENCE, INNOVATION, OTHER)
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Limits:
    experience_max: Decimal = Decimal(15)  # % of the technical marks, at most
    innovation_min: Decimal = Decimal(20)  # % of the technical marks, at least
    technical_weight_min: Decimal = Decimal(50)  # % of the combined score (5:5)
    technical_weight_max: Decimal = Decimal(70)  # (7:3)


@dataclass(frozen=True)
class Criterion:
    name: str
    marks: Decimal
    kind: str = OTHER


@dataclass
class Scheme:
    technical_weight: Decimal
    price_weight: Decimal
    criteria: list = field(default_factory=list)
    experience_essential: bool = False

    def marks(self, kind=None):
        return sum((c.marks for c in self.criteria if kind is None or c.kind == kind), Decimal(0))


@dataclass
class Finding:
    rule: str  # "essential", "experience", "innovation", "weighting"
    passed: bool
    figures: dict = field(default_factory=dict)  # what the sentence about it needs
    fix: dict | None = None  # the smallest change that complies, when it does not


def percent(part, whole):
    return part * HUNDRED / whole if whole else Decimal(0)


def check(scheme, limits=Limits()):
    """The findings for `scheme`, one per rule, in the order of the policy."""
    total = scheme.marks()
    experience, innovation = scheme.marks(EXPERIENCE), scheme.marks(INNOVATION)
    findings = [Finding("essential", not scheme.experience_essential)]
    if findings[0].passed is False:
        findings[0].fix = {"action": "make_desirable"}

    share = percent(experience, total)
    found = Finding("experience", share <= limits.experience_max)
    found.figures = {"share": share, "limit": limits.experience_max, "marks": experience, "total": total}
    if not found.passed:  # keep the total: the marks taken off go to other criteria
        allowed = limits.experience_max * total / HUNDRED
        found.fix = {"action": "reduce_experience", "from": experience, "to": allowed, "by": experience - allowed}
    findings.append(found)

    share = percent(innovation, total)
    found = Finding("innovation", share >= limits.innovation_min)
    found.figures = {"share": share, "limit": limits.innovation_min, "marks": innovation, "total": total}
    if not found.passed:
        needed = limits.innovation_min * total / HUNDRED
        found.fix = {"action": "raise_innovation", "from": innovation, "to": needed, "by": needed - innovation}
    findings.append(found)

    low, high = limits.technical_weight_min, limits.technical_weight_max
    found = Finding("weighting", low <= scheme.technical_weight <= high)
    found.figures = {"technical": scheme.technical_weight, "price": scheme.price_weight, "low": low, "high": high}
    if not found.passed:
        nearest = low if scheme.technical_weight < low else high
        found.fix = {"action": "weighting", "technical": nearest, "price": HUNDRED - nearest}
    findings.append(found)
    return findings


def complies(findings):
    return all(f.passed for f in findings)


def ratio(technical, price):
    """65 and 35 → "6.5:3.5", as the policy writes weightings."""
    return f"{tidy(technical / 10)}:{tidy(price / 10)}"


def tidy(number, places=2):
    """A Decimal rounded to at most `places` decimals, without trailing zeros: 15.00 → "15"."""
    rounded = Decimal(number).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = f"{rounded:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


# Tender scoring


@dataclass(frozen=True)
class Tender:
    name: str
    technical: Decimal  # out of 100
    price: Decimal  # > 0


@dataclass
class Scored:
    tender: Tender
    passed: bool  # reached the passing technical mark
    price_score: Decimal | None = None
    combined: Decimal | None = None
    rank: int | None = None


def score(tenders, technical_weight, price_weight, passing_mark):
    """Each tender's scores, in ranking order (the tenders below the passing mark last, unranked).

    price score = lowest price ÷ price × 100, the lowest price among the tenders that passed;
    combined = technical mark × technical weight + price score × price weight (weights as fractions).
    Tenders with the same combined score share a rank (1, 1, 3)."""
    results = [Scored(t, t.technical >= passing_mark) for t in tenders]
    passed = [r for r in results if r.passed]
    if passed:
        lowest = min(r.tender.price for r in passed)
        for r in passed:
            r.price_score = lowest / r.tender.price * HUNDRED
            r.combined = (r.tender.technical * technical_weight + r.price_score * price_weight) / HUNDRED
        passed.sort(key=lambda r: r.combined, reverse=True)
        for position, r in enumerate(passed, start=1):
            previous = passed[position - 2] if position > 1 else None
            r.rank = previous.rank if previous and previous.combined == r.combined else position
    return passed + [r for r in results if not r.passed]
