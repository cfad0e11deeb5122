"""The OpenAPI 3 description of the portal's public JSON endpoints, served at /api/schema/.

Parameters come from the forms that validate them, and the documentation page (/<lang>/api-docs/)
is rendered from this same description, so the three cannot disagree. Texts are in the language
active when it is built."""

from django.utils.translation import gettext as _

from apidocs import opendata_api, search_api, wagtail_api


def responses(ok, error="FormError", missing=False, unavailable=False):
    """OpenAPI responses: `ok` maps status to (schema name, description); errors have `error`'s shape.
    A NUL character anywhere is refused before any view, with {"message": …}."""
    answers = {
        status: {"description": str(text), "content": {"application/json": {"schema": _ref(name)}}}
        for status, (name, text) in ok.items()
    }
    shapes = {"oneOf": [_ref(error), _ref("ApiMessage")]} if error != "ApiMessage" else _ref(error)
    answers["400"] = {
        "description": _("A parameter is not valid."),
        "content": {"application/json": {"schema": shapes}},
    }
    if missing:
        answers["404"] = {"description": _("Not found."), "content": {"application/json": {"schema": _ref(error)}}}
    if unavailable:
        answers["503"] = {
            "description": _("Search is temporarily unavailable."),
            "content": {"application/json": {"schema": _ref(error)}},
        }
    return answers


def _ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def document():
    def search_responses(ok):
        return responses(ok, unavailable=True)

    return {
        "openapi": "3.0.3",
        "info": {
            "title": _("E&M InnoPortal public API"),
            "version": "1",
            "description": _(
                "Read-only JSON for anyone: search, suggestions and the published content. No log-in; "
                "only live, public pages. Errors are JSON with a message in the request's language."
            ),
        },
        "servers": [{"url": "/"}],
        "tags": [
            {"name": "search", "description": _("Search and suggestions")},
            {"name": "content", "description": _("Published pages, images and documents (Wagtail API v2)")},
            {"name": "open data", "description": _("The published catalogue as files, under CC BY 4.0")},
        ],
        "paths": {**search_api.paths(search_responses), **wagtail_api.paths(responses), **opendata_api.paths()},
        "components": {"schemas": {**search_api.schemas(), **wagtail_api.schemas(), **opendata_api.schemas()}},
    }
