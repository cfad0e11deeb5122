"""The relevance set: every query of golden.jsonl finds its items in the top ten, and ranks them high."""

import json
from collections import defaultdict
from pathlib import Path

from django.conf import settings
from django.test import TestCase

from catalogue.importer import import_records, parse_lines
from search.service import SearchRequest, search

GOLDEN = Path(__file__).with_name("golden.jsonl")
SOME_WORDS_COUNT = {"unknown"}
DEMO_CATALOGUE = Path(settings.BASE_DIR) / "catalogue" / "demo" / "catalogue.jsonl"


def golden_queries():
    return [json.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_golden_set_is_large_and_covers_each_language():
    queries = golden_queries()
    assert len(queries) >= 40
    assert {q["lang"] for q in queries} == {"en", "zh-hant"}


def test_every_golden_query_finds_its_items_in_the_top_ten(site_tree):
    """Each kind of query (`kind` in golden.jsonl: plain words unless said) is reported on its own:
    recall@10 over the items expected, and the mean reciprocal rank of the first of them. The items
    found are the results (corrected, if the search corrected the query); only for queries with a word
    that no text has (`unknown`) do the results for some of the words count as well, so synonyms,
    compounds, typos and organisation names must find their items as full matches. A query expecting
    nothing must find nothing for all its words."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        import_records(parse_lines(DEMO_CATALOGUE.read_text(encoding="utf-8").splitlines(), set()))
    missed, false_hits, reciprocal_ranks = [], [], []
    kinds = defaultdict(lambda: {"queries": 0, "expected": 0, "found": 0, "ranks": []})
    for case in golden_queries():
        results = search(SearchRequest(text=case["query"], lang=case["lang"]))
        kind_name = case.get("kind", "words")
        partial = results.partial.hits if results.partial and kind_name in SOME_WORDS_COUNT else []
        keys = [hit.key for hit in results.hits + partial][:10]
        kind = kinds[kind_name]
        kind["queries"] += 1
        if not case["expect"]:
            if results.hits:
                false_hits.append(f"{case['query']!r} ({case['lang']}) should find nothing: {keys}")
            continue
        lost = [key for key in case["expect"] if key not in keys]
        if lost:
            missed.append(f"{case['query']!r} ({case['lang']}): {lost} not in {keys}")
        ranks = [keys.index(key) + 1 for key in case["expect"] if key in keys]
        reciprocal_ranks.append(1 / min(ranks) if ranks else 0)
        kind["expected"] += len(case["expect"])
        kind["found"] += len(case["expect"]) - len(lost)
        kind["ranks"].append(reciprocal_ranks[-1])
    mrr = sum(reciprocal_ranks) / len(reciprocal_ranks)
    print(f"golden set: {len(reciprocal_ranks)} queries, recall@10 misses {len(missed)}, MRR {mrr:.3f}")
    for name, kind in sorted(kinds.items()):
        recall = kind["found"] / kind["expected"] if kind["expected"] else 1.0
        kind_mrr = sum(kind["ranks"]) / len(kind["ranks"]) if kind["ranks"] else 1.0
        print(f"  {name:<12} {kind['queries']:>3} queries  recall@10 {recall:.2f}  MRR {kind_mrr:.3f}")
    assert not false_hits, "\n".join(false_hits)
    assert not missed, "\n".join(missed)
    assert mrr >= 0.9, f"mean reciprocal rank {mrr:.3f}"
