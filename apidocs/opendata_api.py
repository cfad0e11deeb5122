"""The open data files (opendata/) as API operations: each dataset in one language or bilingual, as
CSV or JSON. A JSON file is an array of records whose fields are the dataset's columns, described
from the same column definitions as the files and the data dictionary page."""

from django.utils.translation import gettext as _

from opendata.columns import CODE, DATE, DATETIME, DECIMAL, INTEGER, KEYS
from opendata.datasets import DATASETS
from opendata.exporter import FORMATS

LANGUAGES = ["en", "zh-hant", "zh-hans"]


def _value(column):
    if column.kind == KEYS:
        schema = {"type": "array", "items": {"type": "string"}}
    elif column.kind == INTEGER:
        schema = {"type": "integer"}
    elif column.kind == DECIMAL:
        schema = {"type": "number"}
    elif column.kind in (DATE, DATETIME):
        schema = {"type": "string", "format": "date" if column.kind == DATE else "date-time"}
    else:
        schema = {"type": "string"}
    if column.kind == CODE and column.choices:
        schema["enum"] = [*(code for code, label in column.values()), None]
    return {**schema, "nullable": True, "description": str(column.meaning)}


def _record(dataset, bilingual):
    properties = {name: _value(column) for column in dataset.columns for name in column.names(bilingual)}
    return {"type": "object", "required": list(properties), "additionalProperties": False, "properties": properties}


def schema_name(dataset, bilingual):
    words = "".join(part.capitalize() for part in dataset.slug.split("-"))
    return f"OpenData{words}{'Bilingual' if bilingual else ''}"


def schemas():
    return {
        schema_name(dataset, bilingual): _record(dataset, bilingual)
        for dataset in DATASETS.values()
        for bilingual in (False, True)
    }


def _path_parameter(name, values, description):
    return {
        "name": name,
        "in": "path",
        "required": True,
        "schema": {"type": "string", "enum": values},
        "description": description,
    }


def _operation(dataset, bilingual):
    name = schema_name(dataset, bilingual)
    parameters = [_path_parameter("format", list(FORMATS), _("csv (UTF-8 with a byte order mark) or json."))]
    if not bilingual:
        parameters.insert(0, _path_parameter("language", LANGUAGES, _("The file's language.")))
    summary = _("%(dataset)s, bilingual") if bilingual else _("%(dataset)s, in one language")
    return {
        "get": {
            "operationId": name[0].lower() + name[1:],
            "tags": ["open data"],
            "summary": summary % {"dataset": dataset.title},
            "description": f"{dataset.description} {_('Each column is explained in the data dictionary.')}",
            "parameters": parameters,
            "responses": {
                "200": {
                    "description": _("Every published record; a new version after each change is published."),
                    "content": {
                        "application/json": {
                            "schema": {"type": "array", "items": {"$ref": f"#/components/schemas/{name}"}}
                        },
                        "text/csv": {"schema": {"type": "string"}},
                    },
                },
                "404": {
                    "description": _("No such dataset, language or format (a page in HTML)."),
                    "content": {"text/html": {"schema": {"type": "string"}}},
                },
            },
        }
    }


def paths():
    operations = {}
    for dataset in DATASETS.values():
        operations[f"/open-data/{dataset.slug}.{{language}}.{{format}}"] = _operation(dataset, bilingual=False)
        operations[f"/open-data/{dataset.slug}.{{format}}"] = _operation(dataset, bilingual=True)
    return operations
