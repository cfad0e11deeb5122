"""Suggestions are relevant: on the demo catalogue, the solution each wish was actually trialled with
is among the wish's top five suggestions, found by its content alone (proposals are not counted),
each explained in one line in the reader's language."""

from django.utils import translation

from catalogue.models import Trial
from matching.explain import explain
from matching.suggestions import compute


def test_the_solutions_trialled_in_the_demo_are_in_their_wishes_top_five(demo):
    trials = list(Trial.objects.select_related("wish", "solution"))
    assert len(trials) >= 8
    misses = []
    for trial in trials:
        top = [s.solution.key for s in compute(trial.wish)[:5]]
        if trial.solution.key not in top:
            misses.append((trial.wish.key, trial.solution.key, top))
    assert not misses, misses


def test_each_suggestion_says_why_in_either_language(demo):
    trial = Trial.objects.select_related("wish", "solution").order_by("pk").first()
    best = next(s for s in compute(trial.wish) if s.solution == trial.solution)
    with translation.override("en"):
        english = explain(best.reasons)
    with translation.override("zh-hant"):
        chinese = explain(best.reasons)
    assert english.startswith("shares ") and "TRL" in english
    assert "mentions" in english or "trialled" in english
    assert english != chinese and "共同" in chinese
