"""Searching on SQLite or PostgreSQL: the full-text match, then filters, order, counts and facets in SQL."""

from dataclasses import dataclass, field

from django.db import connection

from search.fulltext import TABLE, database_engine
from search.models import SearchDocument
from search.registry import FACETS

COLUMNS = {"kind": "kind", "status": "status", "organisation_type": "organisation_type"}
CATEGORY_TABLE = "search_documentcategory"


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
        match_sql, match_params = self.fulltext.matches(query)
        where, params = _filters(request)
        found = Found()
        with connection.cursor() as cursor:
            order = "m.score DESC" if request.order == "relevance" else "d.published DESC NULLS LAST, m.score DESC"
            cursor.execute(
                f"SELECT m.id FROM ({match_sql}) m JOIN {TABLE} d ON d.id = m.id WHERE {where} "
                f"ORDER BY {order}, m.id LIMIT %s OFFSET %s",
                [*match_params, *params, request.per_page, (request.page - 1) * request.per_page],
            )
            ids = [row[0] for row in cursor.fetchall()]
            if request.facets:
                found.facets = {facet: _count(cursor, match_sql, match_params, request, facet) for facet in FACETS}
            if request.facets and not request.selected("kind"):
                found.total = sum(found.facets["kind"].values())
            else:
                cursor.execute(
                    f"SELECT COUNT(*) FROM ({match_sql}) m JOIN {TABLE} d ON d.id = m.id WHERE {where}",
                    [*match_params, *params],
                )
                found.total = cursor.fetchone()[0]
        by_id = SearchDocument.objects.in_bulk(ids)
        found.documents = [by_id[i] for i in ids if i in by_id]
        return found


def _count(cursor, match_sql, match_params, request, facet):
    """Counts per value of `facet` among matches, with every filter except the facet's own."""
    where, params = _filters(request, without=facet)
    if facet == "category":
        column, join = "c.key", f"JOIN {CATEGORY_TABLE} c ON c.document_id = m.id"
    else:
        column, join = f"d.{COLUMNS[facet]}", ""
    cursor.execute(
        f"SELECT {column}, COUNT(*) FROM ({match_sql}) m JOIN {TABLE} d ON d.id = m.id {join} "
        f"WHERE {where} GROUP BY {column} ORDER BY COUNT(*) DESC, {column}",
        [*match_params, *params],
    )
    return {value: n for value, n in cursor.fetchall() if value}


def _filters(request, without=None):
    conditions, params = ["d.shown_in = %s"], [request.lang]
    for facet, column in COLUMNS.items():
        values = request.selected(facet)
        if values and facet != without:
            conditions.append(f"d.{column} IN ({', '.join(['%s'] * len(values))})")
            params += values
    categories = request.selected("category")
    if categories and without != "category":
        conditions.append(
            f"EXISTS (SELECT 1 FROM {CATEGORY_TABLE} f WHERE f.document_id = d.id "
            f"AND f.key IN ({', '.join(['%s'] * len(categories))}))"
        )
        params += categories
    return " AND ".join(conditions), params
