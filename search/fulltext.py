"""The database full-text index over search documents: SQLite FTS5 or PostgreSQL tsvectors.

Both index the `*_terms` columns (search.text.index_terms: words plus Han bigrams) with English
stemming (FTS5's porter tokenizer, PostgreSQL's `english` configuration), title weighing most, then
summary, then body. Each engine turns a parsed query into the SQL of its candidates `m`: the
matching documents shown in one language, with their `id`, `score` (higher is better) and
`published`; and says how to filter the candidates and how many have each combination of facet
values (rows of kind, status, organisation_type, categories as keys separated by spaces, count).
"""

from itertools import combinations

from django.db import connection

from search.text import NEAR_GAP

TABLE = "search_searchdocument"
CATEGORIES = "search_documentcategory"
COLUMNS = ("kind", "status", "organisation_type")  # facets that are columns, not a many-to-many
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
        expression, _ = matching(query, self._term, "AND", "OR")
        # bm25() is lower for better matches; its weights are per column: title, summary, body.
        # CROSS JOIN makes SQLite match first and look documents up after, not the other way round
        # (which re-runs the match for every document in the language: 5x slower).
        sql = (
            "SELECT d.id, f.score, d.published, d.kind, d.status, d.organisation_type, "
            f"(SELECT group_concat(c.key, ' ') FROM {CATEGORIES} c WHERE c.document_id = d.id) AS categories FROM "
            f"(SELECT rowid AS id, -bm25({self.table}, 10.0, 4.0, 1.0) AS score FROM {self.table} "
            f"WHERE {self.table} MATCH %s) f CROSS JOIN {TABLE} d ON d.id = f.id WHERE d.shown_in = %s"
        )
        return sql, [expression, lang]

    def filters(self, request):
        conditions, params = _column_filters(request, "m")
        categories = request.selected("category")
        if categories:
            marks = ", ".join(["%s"] * len(categories))
            conditions.append(
                f"EXISTS (SELECT 1 FROM {CATEGORIES} c WHERE c.document_id = m.id AND c.key IN ({marks}))"
            )
            params += categories
        return " AND ".join(conditions or ["1 = 1"]), params

    def combinations(self):
        columns = ", ".join([*COLUMNS, "categories"])
        return f"SELECT {columns}, COUNT(*) FROM m GROUP BY {columns}"

    @staticmethod
    def _term(term):
        def quoted(text):
            return '"' + text.replace('"', '""') + '"'

        if term.kind == "near":  # FTS5 counts the words of the middle phrases as between the first and last
            words = term.words
            return f"NEAR({' '.join(quoted(word) for word in words)}, {len(words) - 2 + NEAR_GAP})", []
        return (f"{quoted(term.text)} *" if term.kind == "prefix" else quoted(term.text)), []


class PostgresFullText:
    """Narrow rows in search_fulltextentry (language, date, facet combination, a ranking and a matching
    tsvector) with a GIN index: a query matching thousands of documents reads and keeps little per
    document, and counts them by one integer, the combination of facet values."""

    table = "search_fulltextentry"
    combination_table = "search_facetcombination"
    # A document's categories as its facet combination holds them: sorted, so that each set has one spelling.
    categories = (
        f"COALESCE((SELECT string_agg(c.key, ' ' ORDER BY c.key) FROM {CATEGORIES} c WHERE c.document_id = d.id), '')"
    )

    def write(self, ids):
        # Entries are written grouped by language (ORDER BY shown_in): a search reads one language's
        # entries, through that language's own GIN index (migration 0009), so its matches then lie on
        # that language's heap pages rather than on pages shared with the other language's entries.
        with connection.cursor() as cursor:
            for chunk in _chunks(ids):
                cursor.execute(
                    f"INSERT INTO {self.combination_table} (kind, status, organisation_type, categories) "
                    f"SELECT DISTINCT d.kind, d.status, d.organisation_type, {self.categories} "
                    f"FROM {TABLE} d WHERE d.id = ANY(%s) ON CONFLICT DO NOTHING",
                    [list(chunk)],
                )
                cursor.execute(
                    f"""
                    INSERT INTO {self.table} (document_id, shown_in, published, facets_id, headline, fulltext)
                    SELECT d.id, d.shown_in, d.published, f.id,
                           setweight(to_tsvector('english', d.title_terms), 'A')
                             || setweight(to_tsvector('english', d.summary_terms), 'B'),
                           setweight(to_tsvector('english', d.title_terms), 'A')
                             || setweight(to_tsvector('english', d.summary_terms), 'B')
                             || setweight(to_tsvector('english', d.body_terms), 'D')
                    FROM {TABLE} d JOIN {self.combination_table} f
                      ON (f.kind, f.status, f.organisation_type, f.categories)
                       = (d.kind, d.status, d.organisation_type, {self.categories})
                    WHERE d.id = ANY(%s)
                    ORDER BY d.shown_in, d.id
                    ON CONFLICT (document_id) DO UPDATE SET shown_in = EXCLUDED.shown_in,
                        published = EXCLUDED.published, facets_id = EXCLUDED.facets_id,
                        headline = EXCLUDED.headline, fulltext = EXCLUDED.fulltext
                    """,
                    [list(chunk)],
                )

    def delete(self, ids):
        pass  # entries go with their documents (ON DELETE CASCADE, by Django)

    def clear(self):
        pass

    def candidates(self, query, lang):
        # The query is written out twice, not joined in as a subquery: the planner then uses the GIN index.
        tsquery, params = matching(query, _tsquery, "&&", "||")
        sql = (
            f"SELECT e.document_id AS id, ts_rank(e.headline, {tsquery}) AS score, e.published, e.facets_id "
            f"FROM {self.table} e WHERE e.fulltext @@ {tsquery} AND e.shown_in = %s"
        )
        return sql, [*params, *params, lang]

    def filters(self, request):
        """The candidates whose facet combination is one of those chosen, looked up first: as a subquery,
        a misjudged number of candidates can make PostgreSQL search the combinations once per candidate."""
        conditions, params = _column_filters(request, "f")
        categories = request.selected("category")
        if categories:
            conditions.append(
                f"string_to_array(f.categories, ' ') && ARRAY[{', '.join(['%s'] * len(categories))}]::text[]"
            )
            params += categories
        if not conditions:
            return "1 = 1", []
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT f.id FROM {self.combination_table} f WHERE {' AND '.join(conditions)}", params)
            chosen = [row[0] for row in cursor.fetchall()]
        # A hashed look-up: `= ANY(array)` would compare every candidate with every chosen combination.
        return "m.facets_id IN (SELECT unnest(%s::int[]))", [chosen]

    def combinations(self):
        return (
            "SELECT f.kind, f.status, f.organisation_type, f.categories, g.count "
            f"FROM (SELECT facets_id, COUNT(*) AS count FROM m GROUP BY facets_id) g "
            f"JOIN {self.combination_table} f ON f.id = g.facets_id"
        )


def matching(query, term, both, either):
    """A query's match as one expression and its parameters, given how to write a term (as an
    expression and parameters) and the operators for "both" and "either": every group (or at least
    `query.required` of them: any combination of that many), each by any of its alternatives, each
    alternative by all of its terms."""

    def joined(parts, operator):
        if len(parts) == 1:
            return parts[0]
        return "(" + f" {operator} ".join(sql for sql, _ in parts) + ")", [p for _, params in parts for p in params]

    groups = [
        joined([joined([term(t) for t in alternative], both) for alternative in group.alternatives], either)
        for group in query.groups
    ]
    if not query.relaxed:
        return joined(groups, both)
    return joined([joined(list(chosen), both) for chosen in combinations(groups, query.required)], either)


def _column_filters(request, alias):
    """Conditions on the facets that are columns (of `alias`): several values of one widen."""
    conditions, params = [], []
    for column in COLUMNS:
        values = request.selected(column)
        if values:
            conditions.append(f"{alias}.{column} IN ({', '.join(['%s'] * len(values))})")
            params += values
    return conditions, params


def _tsquery(term):
    if term.kind == "phrase":
        return "phraseto_tsquery('english', %s)", [term.text]
    if term.kind == "near":  # a stop word keeps its place in a phrase: "electric the vehicle" is electr <2> vehicl
        words, gaps = term.words, " ".join(["the"] * NEAR_GAP)
        spaced = [" ".join([*words[:at], gaps, *words[at:]]) for at in range(1, len(words))]
        return "(" + " || ".join(["phraseto_tsquery('english', %s)"] * (1 + len(spaced))) + ")", [term.text, *spaced]
    return "to_tsquery('english', %s)", [_lexeme(term.text) + (":*" if term.kind == "prefix" else "")]


def _lexeme(text):
    return "'" + text.replace("\\", "").replace("'", "''") + "'"


def _chunks(ids):
    ids = list(ids)
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def database_engine():
    return PostgresFullText() if connection.vendor == "postgresql" else SQLiteFullText()
