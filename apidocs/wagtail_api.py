"""Wagtail's API v2 as this site exposes it, read-only (innoportal/api.py): pages, images, documents."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from apidocs.parameters import TEXT


def _query(name, schema, description):
    return {"name": name, "in": "query", "required": False, "schema": schema, "description": str(description)}


def _listing_parameters(pages):
    integer, text = {"type": "integer", "minimum": 0}, {"type": "string", "pattern": TEXT}
    parameters = [
        _query("limit", {"type": "integer", "minimum": 0, "maximum": settings.WAGTAILAPI_LIMIT_MAX}, _("How many.")),
        _query("offset", integer, _("How many to skip (with a search, offset + limit up to 10,000).")),
        _query("fields", text, _("Fields to add (comma-separated), or -field to leave one out; * for all.")),
        _query("order", text, _("A field to order by (-field for descending), or random.")),
        _query("search", text, _("Words to search for.")),
        _query("search_operator", {"type": "string", "enum": ["and", "or"]}, _("How search words combine.")),
    ]
    if pages:
        page_id = {"type": "integer", "minimum": 1}
        parameters += [
            _query("type", text, _("A page type, such as catalogue.WishPage; then its fields filter too.")),
            _query("locale", {"type": "string", "enum": ["en", "zh-hant"]}, _("Pages in this language.")),
            _query("child_of", page_id, _("Children of this page.")),
            _query("descendant_of", page_id, _("Descendants of this page.")),
            _query("translation_of", page_id, _("Translations of this page.")),
            _query("show_in_menus", {"type": "boolean"}, _("Pages shown in menus, or not.")),
        ]
    return parameters


def schemas():
    meta = {"type": "object", "required": ["type", "detail_url"], "additionalProperties": True}
    item = {
        "type": "object",
        "required": ["id", "meta", "title"],
        "additionalProperties": True,
        "properties": {"id": {"type": "integer"}, "meta": meta, "title": {"type": "string"}},
    }
    return {
        "ApiItem": item,
        "ApiListing": {
            "type": "object",
            "required": ["meta", "items"],
            "properties": {
                "meta": {
                    "type": "object",
                    "required": ["total_count"],
                    "properties": {"total_count": {"type": "integer", "minimum": 0}},
                },
                "items": {"type": "array", "items": {"$ref": "#/components/schemas/ApiItem"}},
            },
        },
        "ApiMessage": {"type": "object", "required": ["message"], "properties": {"message": {"type": "string"}}},
    }


def paths(responses):
    found = {}
    for endpoint, label in (("pages", _("pages")), ("images", _("images")), ("documents", _("documents"))):
        pages = endpoint == "pages"
        found[f"/api/v2/{endpoint}/"] = {
            "get": {
                "operationId": f"list_{endpoint}",
                "tags": ["content"],
                "summary": str(_("List %(things)s") % {"things": label}),
                "description": str(_("Live, public ones only.")),
                "parameters": _listing_parameters(pages),
                # A locale the site does not have is a 404.
                "responses": responses(
                    {"200": ("ApiListing", _("One page of the listing."))}, error="ApiMessage", missing=pages
                ),
            }
        }
        found[f"/api/v2/{endpoint}/{{id}}/"] = {
            "get": {
                "operationId": f"get_{endpoint[:-1]}",
                "tags": ["content"],
                "summary": str(_("One of the %(things)s, by id") % {"things": label}),
                "parameters": [
                    {"name": "id", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1}},
                    _query("fields", {"type": "string", "pattern": TEXT}, _("Fields to add or leave out.")),
                ],
                "responses": responses(
                    {"200": ("ApiItem", _("The item, with its fields."))}, error="ApiMessage", missing=True
                ),
            }
        }
    return found
