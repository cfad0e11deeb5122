"""Parse and validate catalogue records: every problem of a file is found before anything is written."""

import datetime
import json
import math
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import DecimalValidator, URLValidator
from django.db import models

from catalogue.models import (
    Organisation,
    Solution,
    SolutionPage,
    TechnologyCategory,
    Trial,
    TrialMetric,
    TrialPage,
    Wish,
    WishPage,
)

from .facts import as_decimal

LOCALES = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
ORGANISATION_TYPES = [
    "department",
    "public-body",
    "university",
    "research-institute",
    "start-up",
    "sme",
    "company",
    "gba-partner",
]
# The order records are written in, so that references always point to something that exists.
KIND_ORDER = ["category", "organisation", "wish", "solution", "trial"]
# Which kind each reference field points to.
REFERENCES = {
    "organisation": "organisation",
    "categories": "category",
    "applicable_to": "wish",
    "wish": "wish",
    "solution": "solution",
}


def text(value):
    if not isinstance(value, str) or not value.strip():
        return "must be non-empty text"


def optional_text(value):
    if not isinstance(value, str):
        return "must be text"


def date(value):
    if not isinstance(value, str):
        return "must be an ISO 8601 date such as 2019-08-06"
    try:
        datetime.date.fromisoformat(value[:10])
        if len(value) > 10:
            datetime.datetime.fromisoformat(value)
    except ValueError:
        return f"{value!r} is not an ISO 8601 date such as 2019-08-06"


def one_of(*choices):
    def check(value):
        if value not in choices:
            return f"{value!r} is not one of {', '.join(choices)}"

    return check


def key_list(minimum):
    def check(value):
        if not isinstance(value, list) or not all(isinstance(k, str) and k.strip() for k in value):
            return "must be a list of keys"
        if len(value) < minimum:
            return f"must list at least {minimum} key"

    return check


def trl(value):
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 9:
        return "must be a whole number from 1 to 9"


def number(value):
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value < 0:
        return "must be a number, not negative"  # Python's JSON reads NaN and Infinity as floats


def url(value):
    try:
        URLValidator()(value)
    except (ValidationError, TypeError):
        return f"{value!r} is not a web address"


def report(value):
    if not isinstance(value, dict):
        return 'must be an object {"summary": ..., "metrics": [...]}'
    if text(value.get("summary")):
        return "summary must be non-empty text"
    metrics = value.get("metrics", [])
    if not isinstance(metrics, list):
        return "metrics must be a list"
    for n, metric in enumerate(metrics, 1):
        if not isinstance(metric, dict) or text(metric.get("name")):
            return f"metric {n} needs a name"
        if not isinstance(metric.get("value"), (str, int, float)) or isinstance(metric.get("value"), bool):
            return f"metric {n} needs a value (number or text)"
        if "unit" in metric and optional_text(metric["unit"]):
            return f"metric {n}: unit must be text"
        for name, check in LIMITS["metric"].items():
            if name in metric and (problem := check(str(metric[name]))):  # a number is stored as str() writes it
                return f"metric {n}: {name} {problem}"
    for name, check in LIMITS["report"].items():
        if problem := check(value[name]):
            return f"{name} {problem}"


def at_most(max_length):
    def check(value):
        if len(value) > max_length:
            return f"must be at most {max_length} characters (it has {len(value)})"

    return check


def digits_at_most(max_digits, decimal_places):
    """Django's own count of digits (DecimalValidator), decimal places first: the commoner mistake."""

    def check(value):
        number = as_decimal(value)
        try:
            DecimalValidator(None, decimal_places)(number)
        except ValidationError:
            return f"must have at most {decimal_places} decimal places"
        try:
            DecimalValidator(max_digits, decimal_places)(number)
        except ValidationError:  # the decimal places are within their limit: the whole part is too long
            return f"must have at most {max_digits - decimal_places} digits before the decimal point"

    return check


def limit(model, name):
    """The check of a value against the limits of the model field that stores it, or None without any."""
    field = model._meta.get_field(name)
    if isinstance(field, models.DecimalField):
        return digits_at_most(field.max_digits, field.decimal_places)
    if field.max_length:  # a TextField's, such as a page's summary, is the limit of the admin's form
        return at_most(field.max_length)
    return None


def stored_in(model, *names, **renamed):
    """{record field: model field} for fields stored as the model's fields of the same name, or `renamed`."""
    return {name: (model, name) for name in names} | {name: (model, target) for name, target in renamed.items()}


# Where each record field is stored as it is written (a key without its surrounding spaces): the limits
# of those model fields are checked before anything is imported, the same limits the admin enforces.
# Fields that are transformed before they are stored (a body becomes HTML) are not listed.
STORED = {
    "category": stored_in(TechnologyCategory, "key", "name", "description"),
    "organisation": stored_in(Organisation, "key", "name", "abbreviation", "website", "description"),
    "wish": stored_in(Wish, "key") | stored_in(WishPage, "title", "summary"),
    "solution": stored_in(Solution, "key") | stored_in(SolutionPage, "title", "summary"),
    "trial": stored_in(Trial, "key", "value_hkd") | stored_in(TrialPage, "title", "summary", "venue"),
    "report": stored_in(TrialPage, summary="report_summary"),
    "metric": stored_in(TrialMetric, "name", "value", "unit"),
}
LIMITS = {
    kind: {name: check for name, (model, target) in fields.items() if (check := limit(model, target))}
    for kind, fields in STORED.items()
}


# kind -> {field: (required, check)}
COMMON = {"kind": (True, None), "key": (True, text), "locale": (True, one_of(*LOCALES))}
FIELDS = {
    "category": {"name": (True, text), "description": (False, optional_text)},
    "organisation": {
        "name": (True, text),
        "abbreviation": (False, optional_text),
        "type": (True, one_of(*ORGANISATION_TYPES)),
        "website": (False, url),
        "mou_signed": (False, date),
        "description": (False, optional_text),
    },
    "wish": {
        "title": (True, text),
        "summary": (True, text),
        "body": (False, optional_text),
        "organisation": (True, text),
        "categories": (True, key_list(1)),
        "status": (True, one_of("open", "matched", "in-trial", "closed")),
        "published": (True, date),
        "deadline": (False, date),
    },
    "solution": {
        "title": (True, text),
        "summary": (True, text),
        "body": (False, optional_text),
        "organisation": (True, text),
        "categories": (True, key_list(1)),
        "trl": (False, trl),
        "published": (True, date),
        "applicable_to": (False, key_list(0)),
    },
    "trial": {
        "title": (True, text),
        "summary": (True, text),
        "wish": (True, text),
        "solution": (True, text),
        "trial_type": (True, one_of("prototype-test", "pilot-project")),
        "venue": (True, text),
        "status": (True, one_of("planned", "in-progress", "completed")),
        "start": (False, date),
        "end": (False, date),
        "value_hkd": (False, number),
        "report": (False, report),
    },
}


# The fields that are facts of an item, the same in every language (the rest is text).
FACTS = {
    "category": [],
    "organisation": ["type", "website", "mou_signed"],
    "wish": ["organisation", "categories", "status", "published", "deadline"],
    "solution": ["organisation", "categories", "trl", "published", "applicable_to"],
    "trial": ["wish", "solution", "trial_type", "status", "start", "end", "value_hkd"],
}


def fact_value(kind, name, data):
    """A fact as it is compared across languages: lists as sets, dates by day, numbers as numbers."""
    value = data.get(name)
    if isinstance(value, list):
        return sorted(set(value))
    if name in ("published", "deadline", "start", "end", "mou_signed") and isinstance(value, str):
        return value[:10]
    return value


def disagreements(records):
    """`line N: field: …` for every fact on which a language version differs from the first one of its key."""
    first, errors = {}, []
    for record in records:
        earlier = first.setdefault((record.kind, record.key), record)
        if earlier is record:
            continue
        for name in FACTS[record.kind]:
            mine, theirs = fact_value(record.kind, name, record.data), fact_value(earlier.kind, name, earlier.data)
            if mine != theirs:
                message = (
                    f"line {record.line}: {name}: {mine!r} here but {theirs!r} on line {earlier.line}"
                    f" ({earlier.locale}):"
                    " the languages of one item share its facts"
                )
                errors.append((record.line, message))
    return errors


@dataclass
class Record:
    line: int
    data: dict
    kind: str = field(init=False)
    key: str = field(init=False)
    locale: str = field(init=False)

    def __post_init__(self):
        self.kind, self.key, self.locale = self.data["kind"], self.data["key"].strip(), self.data["locale"]


def references(data, invalid_fields=()):
    """(field, kind, key) for every well-formed reference a record makes."""
    for name, kind in REFERENCES.items():
        value = data.get(name)
        if name in invalid_fields or name not in FIELDS.get(data.get("kind"), {}) or value is None:
            continue
        for key in [value] if isinstance(value, str) else value:
            yield name, kind, key


class ImportFileError(Exception):
    """The file is invalid; `errors` holds every `line N: field: what is wrong`."""

    def __init__(self, errors):
        self.errors = errors
        super().__init__(f"{len(errors)} error(s)")


def problem_of(kind, name, value, check):
    """What is wrong with a field's value: its type or form first, then whether it fits where it is stored."""
    if check and (problem := check(value)):
        return problem
    if name in LIMITS[kind]:
        return LIMITS[kind][name](value.strip() if name == "key" else value)  # a key is stored stripped
    return None


def validate_record(data):
    """Errors of one record as (field, message); an empty list when it is valid."""
    if not isinstance(data, dict):
        return [("line", "must be a JSON object")]
    kind = data.get("kind")
    if kind not in FIELDS:
        return [("kind", f"{kind!r} is not one of {', '.join(KIND_ORDER)}")]
    spec = COMMON | FIELDS[kind]
    errors = []
    for name, (required, check) in spec.items():
        if name not in data or data[name] is None:
            if required:
                errors.append((name, "is required"))
        elif problem := problem_of(kind, name, data[name], check):
            errors.append((name, problem))
    for name in sorted(set(data) - set(spec)):
        errors.append((name, f"is not a field of a {kind}"))
    start, end = data.get("start"), data.get("end")
    if not errors and kind == "trial" and start and end and end[:10] < start[:10]:
        errors.append(("end", "is before start"))
    return errors


def parse_lines(lines, existing_keys=frozenset()):
    """Records of a JSON Lines file, or ImportFileError with every problem in it.

    `existing_keys` holds (kind, key) pairs already in the database, which references may point to.
    """
    records, errors, seen, checked = [], [], {}, []
    for number, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as error:
            errors.append((number, f"line {number}: json: {error.msg} (column {error.colno})"))
            continue
        except ValueError as error:  # e.g. an integer of more digits than Python converts
            errors.append((number, f"line {number}: json: {error}"))
            continue
        problems = validate_record(data)
        errors += [(number, f"line {number}: {name}: {message}") for name, message in problems]
        if isinstance(data, dict) and data.get("kind") in FIELDS:
            checked.append((number, data, {name for name, _message in problems}))
        if problems:
            continue
        record = Record(number, data)
        identity = (record.kind, record.key, record.locale)
        if identity in seen:
            message = f"line {number}: key: {record.kind} {record.key!r} in {record.locale} is already on line "
            errors.append((number, message + str(seen[identity])))
            continue
        seen[identity] = number
        records.append(record)

    errors += disagreements(records)
    known = set(existing_keys) | {(r.kind, r.key) for r in records}
    for number, data, invalid in checked:
        for name, kind, key in references(data, invalid):
            if (kind, key) not in known:
                errors.append(
                    (number, f"line {number}: {name}: no {kind} with key {key!r} in the file or the database")
                )
    if errors:
        # Sorted by line, keeping each line's own order: the file reads top to bottom.
        raise ImportFileError([message for _number, message in sorted(errors, key=lambda e: e[0])])
    return records
