"""“Did you mean”: corrections of misspelt words from the index's own vocabulary.

The vocabulary (search.models.SearchWord) holds every word of three or more letters in the search
documents with the number of documents that have it; search.documents keeps it in step as documents
come and go. A word of five or more letters that finds nothing is compared with it by optimal string
alignment distance (a swap of two letters is one edit): the words at the smallest distance, one or
two, are its candidates, the most used first. A correction is unambiguous when one candidate stands
alone at that distance, or is used by at least AMBIGUITY times as many documents as the next.
"""

import re
from collections import Counter
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Sum

from search.models import SearchWord

LETTERS = re.compile(r"[a-z]{3,64}")
SHORTEST = 5  # shorter words have too many neighbours one edit away
MAX_DISTANCE = 2
AMBIGUITY = 3
FIELDS = ("title", "summary", "body", "keywords")  # the texts of a search document that the vocabulary counts
_cache = {}


def words_of_document(document):
    return set(LETTERS.findall(" ".join(getattr(document, name) for name in FIELDS).lower()))


def count(documents, sign=1):
    """Add (or with sign -1, take away) these documents' words to the vocabulary, in one statement."""
    counts = Counter(word for document in documents for word in words_of_document(document))
    if not counts:
        return
    rows = sorted(counts.items())  # always in the same order: concurrent updates lock rows alike
    table = SearchWord._meta.db_table
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 500):
            chunk = rows[start : start + 500]
            cursor.execute(
                f"INSERT INTO {table} (word, documents) VALUES {', '.join(['(%s, %s)'] * len(chunk))} "
                f"ON CONFLICT (word) DO UPDATE SET documents = {table}.documents + excluded.documents",
                [value for word, number in chunk for value in (word, sign * number)],
            )
        if sign < 0:
            cursor.execute(f"DELETE FROM {table} WHERE documents <= 0")


@dataclass
class Correction:
    word: str
    candidates: list  # (word, documents), the best first

    @property
    def best(self):
        return self.candidates[0][0]

    @property
    def unambiguous(self):
        return len(self.candidates) == 1 or self.candidates[0][1] >= AMBIGUITY * self.candidates[1][1]


def correct(word):
    """A Correction for a word that the index does not have, or None when nothing is near enough."""
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    word = word.lower()
    if len(word) < SHORTEST or not word.isalpha() or not word.isascii():
        return None
    words, documents, known = _vocabulary()
    if word in known:  # a real word that finds nothing here (a stop word, or not with these filters)
        return None
    found = process.extract(word, words, scorer=OSA.distance, score_cutoff=MAX_DISTANCE, limit=None)
    found = [(match, distance, index) for match, distance, index in found if match != word]
    if not found:
        return None
    nearest = min(distance for _, distance, _ in found)
    candidates = sorted(
        ((match, documents[index]) for match, distance, index in found if distance == nearest),
        key=lambda candidate: (-candidate[1], candidate[0]),
    )
    return Correction(word, candidates)


def _vocabulary():
    """The vocabulary's words, their document counts and the words as a set, kept in memory until it
    changes."""
    state = SearchWord.objects.aggregate(words=Count("id"), documents=Sum("documents"))
    fingerprint = (state["words"], state["documents"])
    if fingerprint not in _cache:
        _cache.clear()
        rows = list(SearchWord.objects.values_list("word", "documents"))
        words = [word for word, _ in rows]
        _cache[fingerprint] = (words, [number for _, number in rows], frozenset(words))
    return _cache[fingerprint]
