"""Searching on SQLite or PostgreSQL in one statement: the full-text match is evaluated once (a
materialised CTE of candidates); the page of results, the total and every facet count come from it."""

from dataclasses import dataclass, field

from django.db import connection, transaction

from search.fulltext import database_engine
from search.models import SearchDocument
from search.registry import FACETS

COLUMNS = ("kind", "status", "organisation_type")  # facets that are columns of the candidates
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

    def search(self, query, request):
        candidates, params = self.fulltext.candidates(query, request.lang)
        where, where_params = self._filters(request)
        parts = [
            f"SELECT 'hit', CAST(id AS TEXT), score FROM (SELECT id, score FROM m WHERE {where} "
            f"ORDER BY {ORDER[request.order]} LIMIT %s OFFSET %s) page",
            f"SELECT 'total', '', COUNT(*) FROM m WHERE {where}",
        ]
        params += [*where_params, request.per_page, (request.page - 1) * request.per_page, *where_params]
        if request.facets:
            for column in COLUMNS:
                facet_where, facet_params = self._filters(request, without=column)
                parts.append(f"SELECT '{column}', {column}, COUNT(*) FROM m WHERE {facet_where} GROUP BY {column}")
                params += facet_params
            rows, key = self.fulltext.category_rows()
            facet_where, facet_params = self._filters(request, without="category")
            parts.append(f"SELECT 'category', {key}, COUNT(*) FROM {rows} WHERE {facet_where} GROUP BY {key}")
            params += facet_params
        sql = f"WITH m AS MATERIALIZED ({candidates}) " + " UNION ALL ".join(parts)
        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # PostgreSQL prices a sequential scan without the cost of unpacking every row's tsvector
                # (stored out of line), and picks it over the GIN index for common words: 20x slower.
                cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        found = Found(facets={facet: {} for facet in FACETS} if request.facets else {})
        ids = []
        for part, value, number in rows:
            if part == "hit":
                ids.append(int(value))
            elif part == "total":
                found.total = int(number)
            elif value:
                found.facets[part][value] = int(number)
        found.facets = {facet: _most_first(counts) for facet, counts in found.facets.items()}
        by_id = SearchDocument.objects.in_bulk(ids)
        found.documents = [by_id[i] for i in ids if i in by_id]
        return found

    def _filters(self, request, without=None):
        """SQL conditions on the candidates `m` for the chosen filters, except those of `without`."""
        conditions, params = ["1 = 1"], []
        for column in COLUMNS:
            values = request.selected(column)
            if values and column != without:
                conditions.append(f"m.{column} IN ({', '.join(['%s'] * len(values))})")
                params += values
        categories = request.selected("category")
        if categories and without != "category":
            conditions.append(self.fulltext.category_filter(len(categories)))
            params += categories
        return " AND ".join(conditions), params


def _most_first(counts):
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))
