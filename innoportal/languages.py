"""The site's languages, from one place (settings): the languages content is written in, and the
languages shown by converting one of them.

Editors write English and Traditional Chinese (settings.WAGTAIL_CONTENT_LANGUAGES). Simplified Chinese
(`zh-hans`) is the Traditional Chinese site converted with OpenCC's Hong Kong to Simplified table
(`hk2s`), as Hong Kong government sites offer it: pages, feeds, JSON, emails and the interface's
strings (compile_translations makes the zh_Hans catalogue from the zh_Hant one). Nothing is stored
in Simplified; a `zh-hans` page, search or feed reads the `zh-hant` content.
"""

import hashlib
import json
import re
from collections import OrderedDict
from functools import cache

from django.conf import settings
from django.utils.translation import get_language

KEEP = re.compile(r"(<!--keep-->.*?<!--/keep-->)", re.S)  # HTML left unconverted
MEMO_SIZE = 256  # converted responses kept per process: a page viewed again is not converted again
TEXT_TYPES = (
    "text/html",
    "text/plain",
    "text/calendar",
    "text/csv",
    "text/xml",
    "application/json",
    "application/xml",
    "application/rss+xml",
    "application/atom+xml",
    "application/javascript",
)


def content_language(code=None):
    """The language whose content is shown in `code` (the active language by default)."""
    code = code or get_language() or settings.LANGUAGE_CODE
    return settings.CONVERTED_LANGUAGES.get(code, {}).get("from", code)


def bcp47(code=None):
    """The language tag of `code` for `lang` attributes: en-HK, zh-Hant-HK, zh-Hans."""
    code = code or get_language() or settings.LANGUAGE_CODE
    return settings.LANGUAGE_TAGS.get(code, code)


def hreflang(code=None):
    """The tag without its region, for alternates that speak to readers anywhere: en, zh-Hant, zh-Hans."""
    return bcp47(code).removesuffix("-HK")


@cache
def _converter(table):
    import opencc  # the C++ library: about 3 ms for 100 KB

    return opencc.OpenCC(table)


def converted(text, code=None):
    """`text` as shown in language `code` (the active language by default): converted when `code` is a
    converted language, else unchanged."""
    code = code or get_language()
    if code not in settings.CONVERTED_LANGUAGES or not text:
        return text
    return _converter(settings.CONVERTED_LANGUAGES[code]["table"]).convert(text)


class _Memo(OrderedDict):
    """The last MEMO_SIZE conversions of whole responses, by a digest of what was converted."""

    def convert(self, content, charset, code, json_text=False):
        key = (code, hashlib.blake2b(content, digest_size=16).digest())
        if key in self:
            self.move_to_end(key)
            return self[key]
        text = content.decode(charset)
        if json_text:  # Chinese may be written as \u escapes: write it out as characters first
            text = json.dumps(json.loads(text), ensure_ascii=False, separators=(",", ":"))
        parts = KEEP.split(text)  # odd parts are kept as written: the language switcher's names
        result = "".join(part if n % 2 else converted(part, code) for n, part in enumerate(parts)).encode(charset)
        self[key] = result
        if len(self) > MEMO_SIZE:
            self.popitem(last=False)
        return result


_memo = _Memo()


def convert_response(response, code):
    """Convert a whole text response (HTML, JSON, feeds, calendars) into language `code` in place."""
    content_type = response.get("Content-Type", "").split(";")[0].strip()
    if code not in settings.CONVERTED_LANGUAGES or response.streaming or content_type not in TEXT_TYPES:
        return response
    if getattr(response, "every_language", False):  # it holds each language already (the kiosk's feed)
        return response
    json_text = content_type == "application/json" and bool(response.content)
    response.content = _memo.convert(response.content, response.charset or "utf-8", code, json_text)
    if response.has_header("Content-Length"):
        response["Content-Length"] = str(len(response.content))
    return response
