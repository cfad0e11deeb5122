"""The database full-text index over search documents: SQLite FTS5 or a PostgreSQL tsvector.

Both index the `*_terms` columns (search.text.index_terms: words plus Han bigrams) with English
stemming (FTS5's porter tokenizer, PostgreSQL's `english` configuration), title weighing most, then
summary, then body. Each engine turns a parsed query into SQL that yields `(id, score)` of matching
documents, higher scores first; the service adds filters, ordering, counts and facets around it.
"""

from django.db import connection

TABLE = "search_searchdocument"
FTS_TABLE = "search_fulltext"
CHUNK = 500


class SQLiteFullText:
    """An FTS5 table whose rowid is the document id."""

    create = [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(title, summary, body, "
        "tokenize = 'porter unicode61 remove_diacritics 2')",
    ]
    drop = [f"DROP TABLE IF EXISTS {FTS_TABLE}"]

    def write(self, ids):
        with connection.cursor() as cursor:
            for chunk in _chunks(ids):
                marks = ", ".join(["%s"] * len(chunk))
                cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({marks})", chunk)
                cursor.execute(
                    f"INSERT INTO {FTS_TABLE} (rowid, title, summary, body) "
                    f"SELECT id, title_terms, summary_terms, body_terms FROM {TABLE} WHERE id IN ({marks})",
                    chunk,
                )

    def delete(self, ids):
        with connection.cursor() as cursor:
            for chunk in _chunks(ids):
                cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({', '.join(['%s'] * len(chunk))})", chunk)

    def clear(self):
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE}")

    def matches(self, query):
        expression = " AND ".join(self._term(term) for term in query.terms)
        # bm25() is lower for better matches; the weights are per column: title, summary, body.
        sql = (
            f"SELECT rowid AS id, -bm25({FTS_TABLE}, 10.0, 4.0, 1.0) AS score "
            f"FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"
        )
        return sql, [expression]

    @staticmethod
    def _term(term):
        text = '"' + term.text.replace('"', '""') + '"'
        return f"{text} *" if term.kind == "prefix" else text


class PostgresFullText:
    """A generated tsvector column on the documents table, with a GIN index: nothing to write."""

    vector = (
        "setweight(to_tsvector('english', title_terms), 'A') || "
        "setweight(to_tsvector('english', summary_terms), 'B') || "
        "setweight(to_tsvector('english', body_terms), 'D')"
    )
    create = [
        f"ALTER TABLE {TABLE} ADD COLUMN IF NOT EXISTS fulltext tsvector GENERATED ALWAYS AS ({vector}) STORED",
        f"CREATE INDEX IF NOT EXISTS search_fulltext_gin ON {TABLE} USING gin (fulltext)",
    ]
    drop = ["DROP INDEX IF EXISTS search_fulltext_gin", f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS fulltext"]

    def write(self, ids):
        pass

    def delete(self, ids):
        pass

    def clear(self):
        pass

    def matches(self, query):
        parts, params = [], []
        for term in query.terms:
            if term.kind == "phrase":
                parts.append("phraseto_tsquery('english', %s)")
                params.append(term.text)
            else:
                parts.append("to_tsquery('english', %s)")
                params.append(_lexeme(term.text) + (":*" if term.kind == "prefix" else ""))
        tsquery = " && ".join(parts)
        sql = (
            f"SELECT id, ts_rank(fulltext, q.query) AS score FROM {TABLE}, (SELECT {tsquery} AS query) AS q "
            "WHERE fulltext @@ q.query"
        )
        return sql, params


def _lexeme(text):
    return "'" + text.replace("\\", "").replace("'", "''") + "'"


def _chunks(ids):
    ids = list(ids)
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def database_engine():
    return PostgresFullText() if connection.vendor == "postgresql" else SQLiteFullText()
