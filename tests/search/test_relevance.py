"""The relevance set: every query of golden.jsonl finds its items in the top ten, and ranks them high."""

import json
from pathlib import Path

from django.conf import settings
from django.test import TestCase

from catalogue.importer import import_records, parse_lines
from search.service import SearchRequest, search

GOLDEN = Path(__file__).with_name("golden.jsonl")
DEMO_CATALOGUE = Path(settings.BASE_DIR) / "catalogue" / "demo" / "catalogue.jsonl"


def golden_queries():
    return [json.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_golden_set_is_large_and_covers_each_language():
    queries = golden_queries()
    assert len(queries) >= 40
    assert {q["lang"] for q in queries} == {"en", "zh-hant"}


def test_every_golden_query_finds_its_items_in_the_top_ten(site_tree):
    with TestCase.captureOnCommitCallbacks(execute=True):
        import_records(parse_lines(DEMO_CATALOGUE.read_text(encoding="utf-8").splitlines(), set()))
    missed, reciprocal_ranks = [], []
    for case in golden_queries():
        keys = [hit.key for hit in search(SearchRequest(text=case["query"], lang=case["lang"])).hits]
        lost = [key for key in case["expect"] if key not in keys]
        if lost:
            missed.append(f"{case['query']!r} ({case['lang']}): {lost} not in {keys}")
        ranks = [keys.index(key) + 1 for key in case["expect"] if key in keys]
        reciprocal_ranks.append(1 / min(ranks) if ranks else 0)
    mrr = sum(reciprocal_ranks) / len(reciprocal_ranks)
    print(f"golden set: {len(reciprocal_ranks)} queries, recall@10 misses {len(missed)}, MRR {mrr:.3f}")
    assert not missed, "\n".join(missed)
    assert mrr >= 0.9, f"mean reciprocal rank {mrr:.3f}"
