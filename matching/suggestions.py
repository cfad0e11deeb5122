"""Suggested solutions for a wish, from the whole catalogue, each with the reasons it was suggested.

A solution scores for each technology category it shares with the wish, for each of the wish's key
terms it is found by (through the one search service, in each language the wish is written in; a
rare term counts for more than one most solutions use), for a TRL ready for a field trial, and for
trials it has already been through. Whether it was proposed for the wish is not counted: proposals
are listed on their own, and suggestions are what the catalogue's content says.
"""

import math

from django.db import transaction

from catalogue.models import Solution, WishPage
from matching.models import Match, Suggestion
from search.service import SearchRequest, search
from search.text import HAN_RUN, bigrams, parse, simplified

CATEGORY_WEIGHT = 3.0
TRIAL_READY_TRL = 6
MAX_TERMS = 24
KEEP = 20


def key_terms(page):
    """The words (four letters or more) and Han bigrams of a wish page's title and summary."""
    terms = []
    for piece in (page.title, page.summary):
        for term in parse(piece + " ").terms:
            if HAN_RUN.fullmatch(term.text):
                terms += [pair for pair in bigrams(simplified(term.text)) if len(pair) == 2]
            elif term.kind == "word" and len(term.text) >= 4:
                terms.append(term.text)
    return list(dict.fromkeys(terms))[:MAX_TERMS]


def found_by_terms(wish, total):
    """{solution key: (weight, [terms])} for the wish's key terms in each of its languages."""
    found = {}
    for page in WishPage.objects.live().filter(item=wish).select_related("locale"):
        lang = page.locale.language_code
        for term in key_terms(page):
            request = SearchRequest(
                text=term, lang=lang, filters={"kind": ("solution",)}, per_page=200, facets=False, exact=True
            )
            results = search(request)
            if not results.total:
                continue
            weight = math.log(1 + total / results.total)
            for hit in results.hits:
                seen_weight, seen_terms = found.get(hit.key, (0.0, []))
                found[hit.key] = (seen_weight + weight, seen_terms + [term])
    return found


def compute(wish):
    """Recompute and store the wish's suggestions; returns them, best first."""
    total = max(Solution.objects.count(), 1)
    wish_categories = set(wish.categories.values_list("key", flat=True))
    by_terms = found_by_terms(wish, total)
    rejected = set(Match.objects.filter(wish=wish, decision=Match.Decision.REJECTED).values_list("solution", flat=True))
    candidates = Solution.objects.filter(pages__live=True).distinct().prefetch_related("categories", "trials")
    scored = []
    for solution in candidates:
        if solution.pk in rejected:
            continue
        shared = sorted(wish_categories & {c.key for c in solution.categories.all()})
        weight, terms = by_terms.get(solution.key, (0.0, []))
        trials = sum(1 for t in solution.trials.all() if t.wish_id != wish.pk)
        score = CATEGORY_WEIGHT * len(shared) + weight
        if not score:
            continue
        score += (1 if (solution.trl or 0) >= TRIAL_READY_TRL else 0) + min(trials, 2) * 0.5
        reasons = {"categories": shared, "terms": list(dict.fromkeys(terms))[:4], "trials": trials, "trl": solution.trl}
        scored.append(Suggestion(wish=wish, solution=solution, score=round(score, 3), reasons=reasons))
    scored.sort(key=lambda s: (-s.score, s.solution.key))
    with transaction.atomic():
        Suggestion.objects.filter(wish=wish).delete()
        return Suggestion.objects.bulk_create(scored[:KEEP])
