"""The search half of bench/search.py: build the index, then time queries through the search service."""

import statistics
import time

from django.db import connection

from bench.registration import percentile as nearest_rank


def percentile(values, fraction):
    return nearest_rank(sorted(values), fraction)


def build_index():
    """Rebuild every search document (and its full-text index) from the live pages; seconds taken."""
    from search import documents

    started = time.perf_counter()
    count = documents.rebuild()
    settle()
    return count, time.perf_counter() - started


def settle():
    """On PostgreSQL, the tables as autovacuum leaves them soon after a load: the full-text index's
    pending entries merged (each query would otherwise scan them all) and the statistics up to date."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_searchdocument; ANALYZE search_documentcategory")
            cursor.execute("VACUUM ANALYZE search_fulltextentry")


def time_queries(queries, warmup=20):
    """queries: [(text, lang, filters)]. Each runs through search.service.search, facets and all."""
    from search.service import SearchRequest, search

    def run(text, lang, filters):
        started = time.perf_counter()
        results = search(SearchRequest(text=text, lang=lang, filters=filters))
        return (time.perf_counter() - started) * 1000, results.total

    for text, lang, filters in queries[:warmup]:
        run(text, lang, filters)
    timings, totals = [], []
    for text, lang, filters in queries:
        ms, total = run(text, lang, filters)
        timings.append(ms)
        totals.append(total)
    return timings, totals


def report(print_, count, build_seconds, timings, totals):
    print_(f"search documents: {count:,}; index build (documents + full-text index): {build_seconds:.1f} s")
    print_(
        f"{len(timings)} queries through search.service.search (ranked page of 10, facet counts, snippets): "
        f"p50 {percentile(timings, 0.50):.1f} ms, p95 {percentile(timings, 0.95):.1f} ms, "
        f"p99 {percentile(timings, 0.99):.1f} ms, max {max(timings):.1f} ms"
    )
    print_(
        f"matches per query: median {statistics.median(totals):,.0f}, max {max(totals):,}, "
        f"zero-result queries {sum(1 for t in totals if not t)}"
    )


def replicate(times):
    """Copy every search document `times - 1` more times (with its categories and full-text entry).

    A stand-in for a larger import when the importer is too slow to load 100,000 records in one
    sitting: the copies have the same text, so each term is as common as before, only more often.
    The copies point at the same pages, so the one-document-per-page constraint is dropped first:
    this is done on the benchmark's working database only.
    """
    from search.backends import engine
    from search.models import DocumentCategory, SearchDocument

    if times <= 1:
        return 0, 0.0
    started = time.perf_counter()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE search_searchdocument DROP CONSTRAINT unique_document_per_language")
        else:
            cursor.execute("DROP INDEX unique_document_per_language")
    originals = list(SearchDocument.objects.prefetch_related("categories"))
    for _copy in range(times - 1):
        for start in range(0, len(originals), 1000):
            batch = originals[start : start + 1000]
            copies = []
            for doc in batch:
                copy = SearchDocument(
                    **{f.attname: getattr(doc, f.attname) for f in SearchDocument._meta.concrete_fields}
                )
                copy.id = None
                copies.append(copy)
            SearchDocument.objects.bulk_create(copies)
            DocumentCategory.objects.bulk_create(
                [
                    DocumentCategory(document=copy, key=link.key)
                    for doc, copy in zip(batch, copies, strict=True)
                    for link in doc.categories.all()
                ]
            )
            engine().write([copy.id for copy in copies])
    settle()
    return SearchDocument.objects.count(), time.perf_counter() - started
