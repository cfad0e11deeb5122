"""The search endpoints in OpenAPI terms (their behaviour in full: docs/search-api.md)."""

from django.utils.translation import gettext_lazy as _

from apidocs.parameters import from_form
from search.forms import KEY, SearchForm

DESCRIPTIONS = {
    "q": _("The words searched for (at most 200 characters). The last word of three letters or more is a prefix."),
    "lang": _("The language of the results: en, zh-hant or zh-hans. By default, the request's language."),
    "type": _("Only these kinds of item (repeatable: several widen the search)."),
    "category": _("Only items in these technology categories, by key (repeatable)."),
    "status": _("Only wishes or trials with these statuses (repeatable)."),
    "organisation_type": _("Only items of these kinds of organisation (repeatable)."),
    "order": _("relevance (the best match first) or date (the newest first)."),
    "page": _("The page of ten results."),
    "exact": _("Search the words as typed: no spelling correction and no results for some of the words."),
}


def search_parameters():
    parameters = from_form(SearchForm(), DESCRIPTIONS)
    for parameter in parameters:
        if parameter["name"] == "category":
            parameter["schema"]["items"] = {"type": "string", "pattern": KEY.pattern}
    return parameters


def schemas():
    string, text = {"type": "string"}, {"type": "string"}
    counts = {"type": "object", "additionalProperties": {"type": "integer", "minimum": 0}}
    hit = {
        "type": "object",
        "required": ["key", "kind", "title", "url", "locale", "translated", "snippet", "published"],
        "properties": {
            "key": {**string, "description": str(_("The item's identity, the same in every language."))},
            "kind": {**string, "enum": ["wish", "solution", "trial", "exhibit", "innoday"]},
            "title": text,
            "url": {**string, "description": str(_("The page's address on this site."))},
            "locale": {**string, "enum": ["en", "zh-hant"]},
            "translated": {"type": "boolean", "description": str(_("False when shown in another language."))},
            "snippet": {**string, "description": str(_("Escaped HTML with each match in <mark>."))},
            "published": {**string, "format": "date", "nullable": True},
        },
    }
    return {
        "SearchHit": hit,
        "SearchResults": {
            "type": "object",
            "required": ["query", "lang", "total", "page", "pages", "results", "facets"],
            "properties": {
                "query": text,
                "lang": {**string, "enum": ["en", "zh-hant", "zh-hans"]},
                "total": {"type": "integer", "minimum": 0},
                "page": {"type": "integer", "minimum": 1},
                "pages": {"type": "integer", "minimum": 0},
                "results": {"type": "array", "maxItems": 10, "items": {"$ref": "#/components/schemas/SearchHit"}},
                "facets": {
                    "type": "object",
                    "properties": dict.fromkeys(("kind", "category", "status", "organisation_type"), counts),
                },
                "corrected": {**string, "description": str(_("The corrected query the results are for."))},
                "suggestion": {**string, "description": str(_("Did you mean: a correction that finds more."))},
                "partial": {
                    "type": "object",
                    "required": ["total", "missing", "results"],
                    "description": str(_("Results for some of the words.")),
                    "properties": {
                        "total": {"type": "integer", "minimum": 0},
                        "missing": {"type": "array", "items": text},
                        "results": {"type": "array", "items": {"$ref": "#/components/schemas/SearchHit"}},
                    },
                },
            },
        },
        "Suggestions": {
            "type": "object",
            "required": ["query", "suggestions"],
            "properties": {
                "query": text,
                "suggestions": {
                    "type": "array",
                    "maxItems": 8,
                    "items": {
                        "type": "object",
                        "required": ["title", "url", "kind", "kind_label", "key"],
                        "properties": dict.fromkeys(("title", "url", "kind", "kind_label", "key"), string),
                    },
                },
            },
        },
        "FormError": {
            "type": "object",
            "required": ["error"],
            "properties": {"error": text, "field": text},
        },
    }


def paths(responses):
    search = responses({"200": ("SearchResults", _("Ranked results, ten to a page, with facet counts."))})
    suggest = responses({"200": ("Suggestions", _("Up to eight titles for what has been typed."))})
    parameters = search_parameters()
    return {
        "/api/search/": {
            "get": {
                "operationId": "search",
                "tags": ["search"],
                "summary": str(_("Search the portal")),
                "description": str(_("Wishes, solutions, trials, exhibits and InnoDays: only live, public pages.")),
                "parameters": parameters,
                "responses": search,
            }
        },
        "/api/search/suggest/": {
            "get": {
                "operationId": "suggest",
                "tags": ["search"],
                "summary": str(_("Suggest titles as someone types")),
                "parameters": [p for p in parameters if p["name"] in ("q", "lang")],
                "responses": suggest,
            }
        },
    }
