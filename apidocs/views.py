from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from apidocs.schema import document


@csrf_exempt
@require_GET
def schema(request):
    """The OpenAPI description, in the request's language (its texts; the names are the same)."""
    return JsonResponse(document(), json_dumps_params={"ensure_ascii": False, "indent": 1})


@csrf_exempt
def not_found(request, rest=""):
    """An address under /api/ that names no endpoint: a JSON answer, as the endpoints give."""
    return JsonResponse({"message": _("There is no such address in the API.")}, status=404)


@require_GET
def documentation(request):
    described = document()
    operations = [
        {"path": path, "method": method.upper(), **operation}
        for path, methods in described["paths"].items()
        for method, operation in methods.items()
    ]
    schemas = described["components"]["schemas"]
    for operation in operations:
        operation["answers"] = [
            {"status": status, "description": answer["description"], "shape": _shape(answer, schemas)}
            for status, answer in operation["responses"].items()
        ]
        for parameter in operation.get("parameters", []):
            parameter["values"] = _values(parameter["schema"])
    return TemplateResponse(
        request, "apidocs/documentation.html", {"info": described["info"], "operations": operations}
    )


def _values(schema):
    """What a parameter takes, in a few words: its type, and its allowed values or limits."""
    if schema.get("type") == "array":
        return _values(schema["items"]) + " …"
    if "enum" in schema:
        return " | ".join(str(value) for value in schema["enum"])
    limits = [f"{key} {schema[key]}" for key in ("minimum", "maximum", "maxLength", "pattern") if key in schema]
    return ", ".join([schema.get("type", ""), *limits])


def _shape(answer, schemas):
    schema = answer.get("content", {}).get("application/json", {}).get("schema", {})
    schema = schema.get("items", schema) if schema.get("type") == "array" else schema
    refs = [schema] if "$ref" in schema else schema.get("oneOf", [])
    names = [ref["$ref"].rsplit("/", 1)[-1] for ref in refs]
    return [{"name": name, "fields": list(schemas[name].get("properties", {}))} for name in names]
