"""Highlighted snippets: a window of text around the first match, each match wrapped in <mark>."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from search.text import simplified

WINDOW = 220


def snippet(texts, query):
    """From the first of `texts` that contains a match (else the first non-empty one), escaped HTML."""
    pattern = _pattern(query)
    candidates = [t for t in texts if t]
    if not candidates:
        return ""
    for text in candidates:
        # Matches are found in Simplified text (what was indexed) and marked in the original:
        # t2s keeps the length of almost every text; if not, match the original as it is.
        folded = simplified(text)
        haystack = folded if len(folded) == len(text) else text
        spans = [m.span() for m in pattern.finditer(haystack)] if pattern else []
        if spans:
            return _marked(text, spans)
    return escape(_window(candidates[0], 0)[0])


def _pattern(query):
    parts = query.highlight_patterns(stem=_stem)
    return re.compile("|".join(f"(?:{p})" for p in parts), re.IGNORECASE) if parts else None


def _stem(word):
    """A crude stem for highlighting only (the index stems properly): `leaking` marks `leaks`."""
    return word[: max(4, len(word) - 3)] if len(word) > 5 else word


def _window(text, start):
    begin = max(0, start - WINDOW // 3)
    if begin:
        space = text.find(" ", begin, start)
        begin = space + 1 if 0 <= space < start else begin
    end = min(len(text), begin + WINDOW)
    return text[begin:end], begin, end


def _marked(text, spans):
    window, begin, end = _window(text, spans[0][0])
    out, cursor = ["…" if begin else ""], begin
    for start, stop in spans:
        if start < cursor or stop > end:
            continue
        out += [escape(text[cursor:start]), "<mark>", escape(text[start:stop]), "</mark>"]
        cursor = stop
    out += [escape(text[cursor:end]), "…" if end < len(text) else ""]
    return mark_safe("".join(out))
