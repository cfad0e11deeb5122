"""Text analysis shared by indexing and querying, so both sides see the same terms.

SQLite FTS5 and PostgreSQL's parser treat a run of Han characters as one word, so 節能 would never be
found inside 機電工程署推動節能. Every text is therefore indexed as two parts: its non-Han words as they
are (the database stems them), and its Han runs as overlapping character bigrams. Bigrams are taken
after converting to Simplified Chinese (OpenCC t2s), so a Simplified query meets Traditional text:
the conversion is many-to-one, so both scripts land on the same bigrams. Queries are cut the same way,
and every bigram must match (AND), so 能節 does not find 節能.

A query's Han run is first cut into words with jieba's dictionary (its Simplified dictionary, which
the conversion lets Traditional queries use too): a compound typed without spaces (水管漏水偵測) then
needs the bigrams of its words, not the bigram straddling two words (管漏) that no text need contain.
A single character is never a word of its own here: it stays joined to a neighbour, so 能節 and
other reordered pairs still need their exact bigrams and find nothing.

A parsed query is a list of groups, one per word (or Chinese word, or quoted phrase): every group
must match, each by any of its alternatives: the word as typed, or a synonym (search.synonyms).
When all together find little, search.fallbacks asks for most of the groups instead.
"""

import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache

import opencc

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
HAN_RUN = re.compile(f"[{HAN}]+")
NEAR_GAP = 1  # other words allowed among a synonym's words (a "near" term)
WORD = re.compile(rf"[^\W{HAN}]+")  # letters and digits that are not Han: words of the other scripts
QUOTED = re.compile(r'["“”]([^"“”]*)["“”]?')
# Words too common to narrow a search; PostgreSQL drops them itself, SQLite must be told.
STOP_WORDS = frozenset(
    ["a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "it", "of", "on", "or", "the", "to"]
    + ["with"]
)
PREFIX_MIN_LENGTH = 3  # a shorter last word would match too much to be useful as a prefix


@lru_cache(maxsize=1)
def _to_simplified():
    return opencc.OpenCC("t2s")


def simplified(text):
    return _to_simplified().convert(text)


@lru_cache(maxsize=1)
def _segmenter():
    import jieba  # at the first Chinese query, not at start-up: its import alone takes 0.15 s

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()  # about half a second, once per process, at the first Chinese query
    return tokenizer


def words_of(run):
    """A Simplified Han run cut into dictionary words of two or more characters. Characters the
    dictionary leaves on their own make a word together when there are several in a row (石屎);
    a lone one joins the word before it, or after it at the start (太阳能板, 以无人机). So
    水管漏水侦测 is 水管 漏水 侦测, 外墙石屎剥落 is 外墙 石屎 剥落, and 能节 stays 能节."""
    words, singles = [], ""
    for piece in [*_segmenter().lcut(run, HMM=False), ""]:  # "" ends the last run of single characters
        if len(piece) == 1:
            singles += piece
            continue
        if len(singles) == 1 and words:
            words[-1] += singles
        elif len(singles) == 1:
            piece = singles + piece
        elif singles:
            words.append(singles)
        singles = ""
        if piece:
            words.append(piece)
    return words


def folded(term):
    """A term as synonym sets compare them: Simplified, lower case (充電樁, 充电桩 and PV, pv are one)."""
    return simplified(term).lower()


def split_terms(text):
    """The terms of a synonym set as an editor writes them: one per line, or separated by commas."""
    return list(dict.fromkeys(" ".join(t.split()) for t in re.split(r"[\n,，、;；]", text or "") if t.strip()))


def bigrams(run):
    """Overlapping pairs of characters; a single character stands alone."""
    return [run] if len(run) == 1 else [run[i : i + 2] for i in range(len(run) - 1)]


def index_terms(text):
    """The text as the full-text index stores it: non-Han words, then the bigrams of each Han run."""
    if not text:
        return ""
    words = HAN_RUN.sub(" ", text)
    pairs = [pair for run in HAN_RUN.findall(simplified(text)) for pair in bigrams(run)]
    return " ".join([" ".join(words.split()), *pairs]).strip()


@dataclass
class Term:
    """One part of a query. `kind` is "word", "prefix", "phrase" (several words in order), "near" (a
    synonym's words: in order, one other word allowed among them, as in "electric airside vehicles"
    for "electric vehicle") or "han"."""

    kind: str
    text: str

    @property
    def words(self):
        return self.text.split()


@dataclass
class Group:
    """One word of a query as the person typed it (`text`), and the ways a document may match it: each
    alternative is a list of terms that must all match (a Chinese word: its bigrams). The first
    alternative is what was typed; the synonym dictionary (search.synonyms) adds the others."""

    text: str
    alternatives: list

    @property
    def terms(self):
        return [term for alternative in self.alternatives for term in alternative]

    @property
    def typed(self):
        return self.alternatives[0]


@dataclass
class ParsedQuery:
    """Groups that must all match, or at least `required` of them (relaxed)."""

    text: str
    groups: list = field(default_factory=list)
    required: int | None = None

    def __bool__(self):
        return bool(self.groups)

    @property
    def terms(self):
        return [term for group in self.groups for term in group.terms]

    @property
    def relaxed(self):
        return self.required is not None and self.required < len(self.groups)

    def with_groups(self, groups, required=None):
        return ParsedQuery(self.text, list(groups), required)

    def highlight_patterns(self, stem=lambda word: word):
        """Regular expressions, over Simplified text, that find what each term matched."""
        patterns = []
        for alternative in (alt for group in self.groups for alt in group.alternatives):
            run = ""
            for term in alternative:  # consecutive bigrams of one word mark the word, not pieces of it
                if HAN_RUN.match(term.text) and run and term.text[0] == run[-1]:
                    run += term.text[1:]
                elif HAN_RUN.match(term.text):
                    patterns.append(re.escape(run)) if run else None
                    run = term.text
                elif term.kind in ("phrase", "near"):
                    gap = r"\W+" if term.kind == "phrase" else r"\W+(?:\w+\W+)?"
                    patterns.append(r"\b" + gap.join(re.escape(stem(w)) + r"\w*" for w in term.words))
                else:
                    patterns.append(r"\b" + re.escape(stem(term.text)) + r"\w*")
            patterns += [re.escape(run)] if run else []
        return list(dict.fromkeys(patterns))


def han_terms(word):
    """A Simplified Chinese word as terms: its bigrams (a lone character matches any bigram it starts)."""
    return [Term("han" if len(pair) == 2 else "prefix", pair) for pair in bigrams(word)]


def parse(query, synonyms=None):
    """Split what someone typed into groups: "quoted phrases", words, a last-word prefix, Chinese words.

    The last word is a prefix while it is still being typed (`drone inspec`), unless it is short or
    followed by a space. A Han run is cut into words (words_of), each matched by its bigrams. With a
    synonym dictionary (search.synonyms.Dictionary), a word or words it knows match its equivalents too.
    """
    still_typing = bool(query) and not query[-1].isspace()
    query = " ".join(query.split())
    groups = []
    rest = QUOTED.sub(lambda m: _phrase(m.group(1), groups), query)
    pieces = re.findall(rf"[{HAN}]+|{WORD.pattern}", rest)
    n = 0
    while n < len(pieces):
        piece = pieces[n]
        if HAN_RUN.fullmatch(piece):
            groups += _han_groups(simplified(piece), piece, synonyms)
            n += 1
            continue
        last = n == len(pieces) - 1 and still_typing and query.endswith(piece)
        word = piece.lower()
        known = synonyms.match_words(pieces[n:]) if synonyms else None
        if known:
            used, group = known
            if last and len(word) >= PREFIX_MIN_LENGTH and used == 1:
                group.alternatives[0] = [Term("prefix", word)]
            groups.append(group)
            n += used
            continue
        if last and len(word) >= PREFIX_MIN_LENGTH:
            groups.append(Group(piece, [[Term("prefix", word)]]))
        elif word not in STOP_WORDS:
            groups.append(Group(piece, [[Term("word", word)]]))
        n += 1
    return ParsedQuery(query, _unique(groups))


def _han_groups(run, original, synonyms):
    """Groups for a Simplified Han run; each group's text is as typed (Traditional or Simplified)."""
    original = original if len(original) == len(run) else run
    groups = []
    for segment, text, group in synonyms.split_han(run, original) if synonyms else [(run, original, None)]:
        if group:
            groups.append(group)
            continue
        start = 0
        for word in words_of(segment):
            groups.append(Group(text[start : start + len(word)], [han_terms(word)]))
            start += len(word)
    return groups


def _phrase(text, groups):
    words = [w.lower() for w in WORD.findall(text)]
    han = HAN_RUN.findall(text)
    if len(words) > 1 and not han:
        groups.append(Group(f'"{text}"', [[Term("phrase", " ".join(words))]]))
        return " "
    return f" {text} "  # one word, or Chinese (already ordered by its bigrams): treat as typed


def _unique(groups):
    seen, unique = set(), []
    for group in groups:
        key = tuple((term.kind, term.text) for term in group.typed)
        if key not in seen:
            seen.add(key)
            unique.append(group)
    return unique
