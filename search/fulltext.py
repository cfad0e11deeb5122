"""The database full-text index over search documents: SQLite FTS5 or PostgreSQL tsvectors.

Both index the `*_terms` columns (search.text.index_terms: words plus Han bigrams) with English
stemming (FTS5's porter tokenizer, PostgreSQL's `english` configuration), title weighing most, then
summary, then body. Each engine turns a parsed query into the SQL of its candidates: the matching
documents shown in one language, as rows of (id, score, kind, status, organisation_type, published),
higher scores better, plus how to filter and count them by category.
"""

from django.db import connection

TABLE = "search_searchdocument"
CATEGORIES = "search_documentcategory"
CHUNK = 500


class SQLiteFullText:
    """An FTS5 table (search_fulltext) whose rowid is the document id; filters come from the documents."""

    table = "search_fulltext"

    def write(self, ids):
        with connection.cursor() as cursor:
            for chunk in _chunks(ids):
                marks = ", ".join(["%s"] * len(chunk))
                cursor.execute(f"DELETE FROM {self.table} WHERE rowid IN ({marks})", chunk)
                cursor.execute(
                    f"INSERT INTO {self.table} (rowid, title, summary, body) "
                    f"SELECT id, title_terms, summary_terms, body_terms FROM {TABLE} WHERE id IN ({marks})",
                    chunk,
                )

    def delete(self, ids):
        with connection.cursor() as cursor:
            for chunk in _chunks(ids):
                cursor.execute(f"DELETE FROM {self.table} WHERE rowid IN ({', '.join(['%s'] * len(chunk))})", chunk)

    def clear(self):
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {self.table}")

    def candidates(self, query, lang):
        expression = " AND ".join(self._term(term) for term in query.terms)
        # bm25() is lower for better matches; its weights are per column: title, summary, body.
        # CROSS JOIN makes SQLite match first and look documents up after, not the other way round
        # (which re-runs the match for every document in the language: 5x slower).
        sql = (
            "SELECT d.id, f.score, d.kind, d.status, d.organisation_type, d.published FROM "
            f"(SELECT rowid AS id, -bm25({self.table}, 10.0, 4.0, 1.0) AS score FROM {self.table} "
            f"WHERE {self.table} MATCH %s) f CROSS JOIN {TABLE} d ON d.id = f.id WHERE d.shown_in = %s"
        )
        return sql, [expression, lang]

    def category_filter(self, count):
        marks = ", ".join(["%s"] * count)
        return f"EXISTS (SELECT 1 FROM {CATEGORIES} c WHERE c.document_id = m.id AND c.key IN ({marks}))"

    def category_rows(self):
        """FROM clause giving one row (m.*, key) per category of a candidate."""
        return f"m JOIN {CATEGORIES} c ON c.document_id = m.id", "c.key"

    @staticmethod
    def _term(term):
        text = '"' + term.text.replace('"', '""') + '"'
        return f"{text} *" if term.kind == "prefix" else text


class PostgresFullText:
    """Narrow rows in search_fulltextentry (filters, categories, a ranking and a matching tsvector)
    with a GIN index: a query matching thousands of documents reads little besides them."""

    table = "search_fulltextentry"

    def write(self, ids):
        with connection.cursor() as cursor:
            for chunk in _chunks(ids):
                cursor.execute(
                    f"""
                    INSERT INTO {self.table} (document_id, shown_in, kind, status, organisation_type, published,
                                              categories, headline, fulltext)
                    SELECT d.id, d.shown_in, d.kind, d.status, d.organisation_type, d.published,
                           COALESCE((SELECT string_agg(c.key, ' ') FROM {CATEGORIES} c WHERE c.document_id = d.id), ''),
                           setweight(to_tsvector('english', d.title_terms), 'A')
                             || setweight(to_tsvector('english', d.summary_terms), 'B'),
                           setweight(to_tsvector('english', d.title_terms), 'A')
                             || setweight(to_tsvector('english', d.summary_terms), 'B')
                             || setweight(to_tsvector('english', d.body_terms), 'D')
                    FROM {TABLE} d WHERE d.id = ANY(%s)
                    ON CONFLICT (document_id) DO UPDATE SET shown_in = EXCLUDED.shown_in, kind = EXCLUDED.kind,
                        status = EXCLUDED.status, organisation_type = EXCLUDED.organisation_type,
                        published = EXCLUDED.published, categories = EXCLUDED.categories,
                        headline = EXCLUDED.headline, fulltext = EXCLUDED.fulltext
                    """,
                    [list(chunk)],
                )

    def delete(self, ids):
        pass  # entries go with their documents (ON DELETE CASCADE, by Django)

    def clear(self):
        pass

    def candidates(self, query, lang):
        parts, params = [], []
        for term in query.terms:
            if term.kind == "phrase":
                parts.append("phraseto_tsquery('english', %s)")
                params.append(term.text)
            else:
                parts.append("to_tsquery('english', %s)")
                params.append(_lexeme(term.text) + (":*" if term.kind == "prefix" else ""))
        # The query is written out twice, not joined in as a subquery: the planner then uses the GIN index.
        tsquery = "(" + " && ".join(parts) + ")"
        sql = (
            f"SELECT e.document_id AS id, ts_rank(e.headline, {tsquery}) AS score, e.kind, e.status, "
            f"e.organisation_type, e.published, e.categories FROM {self.table} e "
            f"WHERE e.fulltext @@ {tsquery} AND e.shown_in = %s"
        )
        return sql, [*params, *params, lang]

    def category_filter(self, count):
        return f"string_to_array(m.categories, ' ') && ARRAY[{', '.join(['%s'] * count)}]::text[]"

    def category_rows(self):
        return "m, unnest(string_to_array(m.categories, ' ')) AS c(key)", "c.key"


def _lexeme(text):
    return "'" + text.replace("\\", "").replace("'", "''") + "'"


def _chunks(ids):
    ids = list(ids)
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def database_engine():
    return PostgresFullText() if connection.vendor == "postgresql" else SQLiteFullText()
