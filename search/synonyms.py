"""The synonym dictionary: a query word matches its equivalents too (充電樁 finds 充電站, PV finds
photovoltaic, colour finds color), on every engine alike.

Synonyms are applied when the query is parsed, not in the engines' analysers: the same expansion
then runs on SQLite, PostgreSQL and OpenSearch, an editor's change counts at the next search with
no reindexing on any of them, and Chinese (indexed as bigrams) is matched word by word, which an
analyser's synonym filter working on bigrams could not do. A word of the query becomes a group
(search.text.Group) whose alternatives are what was typed and every other term of its set.

The sets live in the database (search.models.SynonymSet, a snippet editors keep); those the portal
ships with are in search/data/synonyms.jsonl, loaded by a migration and by `manage.py
load_synonyms`.
"""

import json
import re
from pathlib import Path

from django.db.models import Count, Max, Sum

from search.text import HAN, HAN_RUN, WORD, Group, Term, folded, han_terms, simplified, split_terms

DATA = Path(__file__).with_name("data") / "synonyms.jsonl"
PIECES = re.compile(rf"[{HAN}]+|{WORD.pattern}")
MAX_WORDS = 4  # the longest English phrase looked up
_cache = {}


def normal(word):
    """A query word or term word as the dictionary compares them: lower case, a plural's `s` dropped."""
    word = word.lower()
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def alternative(pieces):
    """The terms a document must have to match one synonym (its words and Chinese runs, `pieces`), as
    the parser would make them."""
    if not any(HAN_RUN.fullmatch(piece) for piece in pieces):
        words = [piece.lower() for piece in pieces]
        return [Term("word", words[0])] if len(words) == 1 else [Term("near", " ".join(words))]
    terms = []
    for piece in pieces:
        terms += han_terms(simplified(piece)) if HAN_RUN.fullmatch(piece) else [Term("word", piece.lower())]
    return terms


class Dictionary:
    """Each set's alternatives, and where to find a set: by its Chinese words (Simplified) and by its
    English words (`normal`, up to MAX_WORDS of them)."""

    def __init__(self, sets):
        self.sets, self.words, self.han = [], {}, {}
        for number, terms in enumerate(sets):
            pieces_of_terms = [pieces for pieces in map(PIECES.findall, terms) if pieces]
            self.sets.append([alternative(pieces) for pieces in pieces_of_terms])
            for pieces in pieces_of_terms:
                han = [piece for piece in pieces if HAN_RUN.fullmatch(piece)]
                if han == pieces and len(pieces) == 1:
                    self.han[simplified(pieces[0])] = number
                elif not han and len(pieces) <= MAX_WORDS:
                    self.words[tuple(map(normal, pieces))] = number
        self.longest_han = max(map(len, self.han), default=0)

    def group(self, number, text, typed):
        """A group for `text`, typed as the terms `typed`, with the other terms of set `number`."""
        key = _key(typed)
        others = [alt for alt in self.sets[number] if _key(alt) != key]
        return Group(text, [typed, *others])

    def match_words(self, pieces):
        """The longest run of words at the start of `pieces` that the dictionary knows, as
        (how many pieces, group), or None."""
        for length in range(min(MAX_WORDS, len(pieces)), 0, -1):
            words = pieces[:length]
            if any(HAN_RUN.fullmatch(piece) for piece in words):
                continue
            number = self.words.get(tuple(normal(word) for word in words))
            if number is not None:
                typed = [Term("word", word.lower()) for word in words]
                return length, self.group(number, " ".join(words), typed)
        return None

    def split_han(self, run, typed):
        """A Simplified Han run (`typed`: as typed, of the same length) cut into (run, typed, group)
        pieces: the dictionary's words, longest first from the left, each with its group; the text
        between them with None (the parser segments it)."""
        pieces, plain, start = [], 0, 0
        while start < len(run):
            for end in range(min(start + self.longest_han, len(run)), start + 1, -1):
                number = self.han.get(run[start:end])
                if number is not None:
                    if plain < start:
                        pieces.append((run[plain:start], typed[plain:start], None))
                    group = self.group(number, typed[start:end], han_terms(run[start:end]))
                    pieces.append((run[start:end], typed[start:end], group))
                    start = plain = end
                    break
            else:
                start += 1
        if plain < len(run):
            pieces.append((run[plain:], typed[plain:], None))
        return pieces


def _key(terms):
    return tuple((term.kind, term.text) for term in terms)


def dictionary():
    """The synonym sets as they are now: rebuilt when a set is added, changed or removed."""
    from search.models import SynonymSet

    state = SynonymSet.objects.aggregate(count=Count("id"), changed=Max("updated_at"), ids=Sum("id"))
    fingerprint = tuple(state.values())
    if fingerprint not in _cache:
        _cache.clear()
        sets = SynonymSet.objects.values_list("terms", flat=True)
        _cache[fingerprint] = Dictionary([split_terms(terms) for terms in sets])
    return _cache[fingerprint]


def shipped_sets(path=DATA):
    """The sets in the data file: [{"kind", "terms", "note"}]."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def load(model, sets, replace=False):
    """Add the sets whose terms no set has yet (all of them after `replace` empties the table); `model`
    is SynonymSet (or its historical version in a migration). Returns (added, skipped)."""
    if replace:
        model.objects.all().delete()
    stored = model.objects.values_list("terms", flat=True)
    known = {folded(term) for terms in stored for term in split_terms(terms)}
    added = []
    for entry in sets:
        terms = set(map(folded, entry["terms"]))
        if terms & known:
            continue
        known |= terms
        added.append(model(kind=entry["kind"], terms="\n".join(entry["terms"]), note=entry.get("note", "")[:200]))
    model.objects.bulk_create(added)
    return len(added), len(sets) - len(added)
