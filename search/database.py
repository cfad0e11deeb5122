"""Searching on SQLite or PostgreSQL in one statement: the full-text match is evaluated once (a
materialised CTE of candidates); the page of results comes from it, and so do the total and every
facet count: one GROUP BY tells how many candidates have each combination of facet values (far fewer
than the candidates), and the filters are applied to those combinations here rather than to every
candidate in SQL once per facet."""

from collections import defaultdict
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field

from django.db import connection, transaction

from search.fulltext import COLUMNS, database_engine
from search.models import SearchDocument
from search.registry import FACETS

ORDER = {"relevance": "score DESC, id", "date": "published DESC NULLS LAST, score DESC, id"}


@dataclass
class Found:
    total: int = 0
    documents: list = field(default_factory=list)
    facets: dict = field(default_factory=dict)


class DatabaseSearch:
    def __init__(self):
        self.fulltext = database_engine()

    # Index maintenance: the full-text index follows the documents table.
    def write(self, ids):
        self.fulltext.write(ids)

    def delete(self, ids):
        self.fulltext.delete(ids)

    def clear(self):
        self.fulltext.clear()

    @contextmanager
    def rebuilding(self):
        """A rebuild in one transaction: searches see the old documents until it commits."""
        with transaction.atomic():
            self.clear()
            yield self

    def search(self, query, request):
        candidates, params = self.fulltext.candidates(query, request.lang)
        where, where_params = self.fulltext.filters(request)
        page = (
            f"SELECT id, NULL, NULL, NULL, NULL, 0 FROM (SELECT id, score FROM m WHERE {where} "
            f"ORDER BY {ORDER[request.order]} LIMIT %s OFFSET %s) page"
        )
        params += [*where_params, request.per_page, (request.page - 1) * request.per_page]
        if request.facets:
            counts = f"SELECT NULL, c.* FROM ({self.fulltext.combinations()}) c"
        else:
            counts = f"SELECT NULL, NULL, NULL, NULL, NULL, COUNT(*) FROM m WHERE {where}"
            params += where_params
        sql = f"WITH m AS MATERIALIZED ({candidates}) {page} UNION ALL {counts}"
        # On SQLite, a read outside a transaction: the site's transactions start IMMEDIATE (as writers),
        # and would wait for a rebuild's or an import's write to end.
        postgres = connection.vendor == "postgresql"
        with transaction.atomic() if postgres else nullcontext(), connection.cursor() as cursor:
            if postgres:
                # PostgreSQL prices a sequential scan without the cost of unpacking every row's tsvector
                # (stored out of line), and picks it over the GIN index for common words: 20x slower. Then
                # every plan looks dear enough to compile (JIT): 200 ms lost. And tens of thousands of
                # candidates need more than the default 4 MB of memory not to go to a temporary file.
                cursor.execute(
                    "SELECT set_config('enable_seqscan', 'off', true), set_config('jit', 'off', true), "
                    "set_config('work_mem', '32MB', true)"
                )
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        ids = [row[0] for row in rows if row[0] is not None]
        combinations = [row[1:] for row in rows if row[0] is None]
        if request.facets:
            total, facets = _tally(combinations, request)
        else:
            total, facets = combinations[0][-1], {}
        by_id = SearchDocument.objects.in_bulk(ids)
        return Found(int(total), [by_id[i] for i in ids if i in by_id], facets)


def _tally(combinations, request):
    """The total and the facet counts from (kind, status, organisation_type, categories, count) rows.

    The total counts candidates that pass every filter; a facet's counts, those that pass every
    filter but its own (so people see what choosing another value gives). Blank values are not shown.
    """
    names = (*COLUMNS, "category")  # the order of a row's values
    chosen = [(at, set(request.selected(name))) for at, name in enumerate(names) if request.selected(name)]
    counts = [defaultdict(int) for _ in names]
    everything = range(len(names))
    total = 0
    for row in combinations:  # thousands of rows for a common word: kept lean
        number = row[-1]
        values = [(value,) for value in row[: len(COLUMNS)]]
        values.append(row[len(COLUMNS)].split() if row[len(COLUMNS)] else ())
        failed = [at for at, wanted in chosen if wanted.isdisjoint(values[at])] if chosen else ()
        if not failed:
            total += number
        if len(failed) <= 1:  # counted by every facet, or by the one facet whose filter it fails
            for at in failed or everything:
                tally = counts[at]
                for value in values[at]:
                    if value:
                        tally[value] += number
    return total, {name: _most_first(counts[names.index(name)]) for name in FACETS}


def _most_first(counts):
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))
