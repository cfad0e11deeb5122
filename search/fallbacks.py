"""What a search does when all the words together find nothing or very little (fewer than WEAK).

1. Each word is counted on its own, so the page can say which words found nothing.
2. A word of five letters or more that found nothing is looked up in the index's vocabulary
   (search.corrections). When every such word has an unambiguous correction and the corrected query
   finds something, it is searched instead (`corrected`, with a link back to the literal query);
   otherwise a correction that finds more is offered (`suggestion`, "Did you mean").
3. Results for some of the words (`partial`): the documents that have most of the words, the words
   that found nothing left out, ranked after the full matches and labelled so.

Requests marked `exact` (autocomplete, the matching workbench) skip all of this.
"""

import math
import re
from dataclasses import dataclass, field, replace

from search.corrections import correct
from search.text import HAN_RUN, parse

WEAK = 3  # fewer full matches than this, and the search tries harder
MAX_GROUPS = 8  # longer queries are not relaxed: too many combinations of their words
MAX_COMBINATIONS = 40


@dataclass
class Partial:
    """Results for some of the words: `missing` are the words that found nothing at all."""

    total: int
    hits: list = field(default_factory=list)
    missing: list = field(default_factory=list)


@dataclass
class Outcome:
    query: object  # the query searched in the end (corrected or as typed)
    found: object  # what it found
    corrected: str = ""
    suggestion: str = ""
    partial_query: object = None
    partial_found: object = None
    missing: list = field(default_factory=list)


def improve(engine, query, request, found, synonyms):
    """An Outcome: the found results as they were or corrected, a suggestion, and partial results."""
    outcome = Outcome(query, found)
    groups = query.groups
    if len(groups) > MAX_GROUPS:
        return outcome
    counts = [found.total] if len(groups) == 1 else [_count(engine, query.with_groups([g]), request) for g in groups]
    unknown = [n for n, number in enumerate(counts) if not number]
    fixes = {n: fix for n in unknown if (fix := _correction(groups[n]))}
    if fixes:
        _apply_corrections(engine, outcome, fixes, request, synonyms)
        if outcome.corrected:
            unknown = [n for n in unknown if n not in fixes]
    if outcome.found.total < WEAK and len(groups) > 1 and request.page == 1:
        known = [group for n, group in enumerate(outcome.query.groups) if n not in unknown]
        outcome.missing = [groups[n].text for n in unknown]
        _relax(engine, outcome, known, len(groups), request)
    return outcome


def _count(engine, query, request):
    return engine.search(query, replace(request, page=1, per_page=1, facets=False)).total


def _correction(group):
    if len(group.typed) != 1 or group.typed[0].kind not in ("word", "prefix") or HAN_RUN.search(group.text):
        return None
    return correct(group.typed[0].text)


def _apply_corrections(engine, outcome, fixes, request, synonyms):
    query = outcome.query
    groups, text = list(query.groups), query.text
    for n, fix in fixes.items():
        groups[n] = parse(fix.best + " ", synonyms).groups[0]
        typed = re.escape(query.groups[n].text)
        text = re.sub(rf"(?<!\w){typed}(?!\w)", fix.best, text, count=1, flags=re.IGNORECASE)
    corrected = query.with_groups(groups)
    found = engine.search(corrected, request)
    if found.total <= outcome.found.total:
        return
    if not outcome.found.total and all(fix.unambiguous for fix in fixes.values()):
        outcome.query, outcome.found, outcome.corrected = corrected, found, text
    else:
        outcome.suggestion = text


def _relax(engine, outcome, known, asked, request):
    """Partial results: documents with as many of the known words as possible, down to half the words
    asked for; full matches already shown are left out."""
    least = max(1, math.ceil(asked / 2))
    most = len(known) if len(known) < asked else asked - 1
    shown = {document.id for document in outcome.found.documents}
    for required in range(most, least - 1, -1):
        if math.comb(len(known), required) > MAX_COMBINATIONS:
            continue
        relaxed = outcome.query.with_groups(known, required=required)
        found = engine.search(relaxed, replace(request, facets=False))
        found.documents = [document for document in found.documents if document.id not in shown]
        if found.documents:
            found.total = max(found.total - len(shown), len(found.documents))
            outcome.partial_query, outcome.partial_found = relaxed, found
            return
