"""The pro-innovation rules (procurement/rules.py) at and around each boundary, by 0.01 on either side,
with the policy's limits and with limits changed in the CMS, and the tender scores against an example
worked out by hand. Pure arithmetic, but for the CMS's limits."""

from decimal import Decimal as D

import pytest

from procurement import rules
from procurement.models import ProcurementRules
from tests.html import soup, text
from tests.procurement.test_pages import findings, scheme_query


def scheme(experience=10, innovation=20, technical=60, essential=False):
    """A scheme of 100 technical marks: experience, innovation and the rest for the proposal."""
    criteria = [
        rules.Criterion("Experience", D(str(experience)), rules.EXPERIENCE),
        rules.Criterion("Innovation", D(str(innovation)), rules.INNOVATION),
        rules.Criterion("Proposal", 100 - D(str(experience)) - D(str(innovation)), rules.OTHER),
    ]
    return rules.Scheme(D(str(technical)), 100 - D(str(technical)), criteria, essential)


def finding(findings, rule):
    return next(f for f in findings if f.rule == rule)


@pytest.mark.parametrize(
    ("rule", "scheme_kwargs", "passed"),
    [
        ("experience", {"experience": "14.99"}, True),
        ("experience", {"experience": 15}, True),
        ("experience", {"experience": "15.01"}, False),
        ("experience", {"experience": "15.1"}, False),
        ("innovation", {"innovation": "19.9"}, False),
        ("innovation", {"innovation": "19.99"}, False),
        ("innovation", {"innovation": 20}, True),
        ("innovation", {"innovation": "20.01"}, True),
        ("weighting", {"technical": 40}, False),
        ("weighting", {"technical": "49.99"}, False),  # price 50.01
        ("weighting", {"technical": 50}, True),
        ("weighting", {"technical": "50.01"}, True),  # price 49.99
        ("weighting", {"technical": "69.99"}, True),  # price 30.01
        ("weighting", {"technical": 70}, True),
        ("weighting", {"technical": "70.01"}, False),  # price 29.99
        ("weighting", {"technical": 80}, False),
        ("essential", {"essential": False}, True),
        ("essential", {"essential": True}, False),
    ],
)
def test_each_rule_at_and_around_its_boundary(rule, scheme_kwargs, passed):
    findings = rules.check(scheme(**scheme_kwargs))
    assert finding(findings, rule).passed is passed
    assert [f.rule for f in findings if not f.passed] == ([] if passed else [rule])  # the others still pass


def test_the_smallest_changes_that_comply():
    findings = rules.check(scheme(experience=18, innovation=10, technical=40, essential=True))
    assert not rules.complies(findings)
    assert finding(findings, "essential").fix == {"action": "make_desirable"}
    assert finding(findings, "experience").fix == {"action": "reduce_experience", "from": 18, "to": 15, "by": 3}
    assert finding(findings, "innovation").fix == {"action": "raise_innovation", "from": 10, "to": 20, "by": 10}
    assert finding(findings, "weighting").fix == {"action": "weighting", "technical": 50, "price": 50}
    assert finding(rules.check(scheme(technical=75)), "weighting").fix["technical"] == 70  # the nearer end: 7:3
    # Shares of a total other than 100: 12 of 60 marks is 20% experience; 15% of 60 is 9 marks.
    odd = rules.Scheme(
        D(60), D(40), [rules.Criterion("E", D(12), rules.EXPERIENCE), rules.Criterion("I", D(48), "innovation")]
    )
    assert finding(rules.check(odd), "experience").figures["share"] == 20
    assert finding(rules.check(odd), "experience").fix["to"] == 9


def test_a_compliant_scheme_passes_every_rule():
    assert rules.complies(rules.check(scheme(experience=15, innovation=25, technical=60)))


def test_other_limits_are_used():
    limits = rules.Limits(
        experience_max=D(20), innovation_min=D(10), technical_weight_min=D(40), technical_weight_max=D(80)
    )
    assert rules.complies(rules.check(scheme(experience=18, innovation=10, technical=40), limits))
    assert rules.ratio(D(65), D(35)) == "6.5:3.5" and rules.tidy(D("15.10")) == "15.1"


@pytest.mark.django_db
def test_the_limits_set_in_the_cms_are_used_around_their_boundaries(client):
    setting = ProcurementRules.load()
    setting.experience_max, setting.innovation_min = D("12.5"), D(25)
    setting.technical_weight_min, setting.technical_weight_max = D(55), D(65)
    setting.full_clean()
    setting.save()
    limits = ProcurementRules.load().limits

    def passed(rule, **scheme_kwargs):
        return finding(rules.check(scheme(**({"innovation": 25} | scheme_kwargs)), limits), rule).passed

    assert [passed("experience", experience=e) for e in ("12.49", "12.5", "12.51", 15)] == [True, True, False, False]
    assert [passed("innovation", innovation=i) for i in (20, "24.99", 25, "25.01")] == [False, False, True, True]
    assert [passed("weighting", technical=t) for t in (50, "54.99", 55, 65, "65.01", 70)] == [
        False,
        False,
        True,
        True,
        False,
        False,
    ]
    # The checker's page reads them too: just past each of them fails (each passes the policy's limits).
    rows = [("Experience", "12.51", "experience"), ("Innovation", "24.99", "innovation"), ("Method", "62.5", "other")]
    page = soup(client.get("/en/procurement/checker/", scheme_query(rows, "65.01", "34.99")))
    assert findings(page) == {"essential": True, "experience": False, "innovation": False, "weighting": False}
    assert "the limit is 12.5%" in text(page.select_one("#rule-experience"))
    assert "the minimum is 25%" in text(page.select_one("#rule-innovation"))
    assert "Use a weighting between 5.5:4.5 and 6.5:3.5, e.g. 6.5:3.5." in text(page.select_one("#rule-weighting"))


def test_tender_scores_match_a_hand_computed_example():
    tenders = [
        rules.Tender("A", D(80), D(1_000_000)),
        rules.Tender("B", D(70), D(800_000)),
        rules.Tender("C", D(40), D(500_000)),  # below the passing mark of 50: not ranked, its price not the lowest
        rules.Tender("D", D(90), D(1_250_000)),
    ]
    scored = rules.score(tenders, D(60), D(40), passing_mark=D(50))
    # Lowest price of the tenders that passed: B's 800,000.
    # A: price score 800,000 / 1,000,000 × 100 = 80;  combined 80 × 0.6 + 80 × 0.4 = 48 + 32 = 80
    # B: price score 800,000 /   800,000 × 100 = 100; combined 70 × 0.6 + 100 × 0.4 = 42 + 40 = 82
    # D: price score 800,000 / 1,250,000 × 100 = 64;  combined 90 × 0.6 + 64 × 0.4 = 54 + 25.6 = 79.6
    got = [(s.tender.name, s.rank, s.price_score, s.combined, s.passed) for s in scored]
    assert got == [
        ("B", 1, 100, 82, True),
        ("A", 2, 80, 80, True),
        ("D", 3, 64, D("79.6"), True),
        ("C", None, None, None, False),
    ]
    tied = rules.score([rules.Tender("X", D(80), D(100)), rules.Tender("Y", D(80), D(100))], D(50), D(50), D(0))
    assert [s.rank for s in tied] == [1, 1]
