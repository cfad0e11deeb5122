"""OpenAPI parameters read from the Django form that validates them: one source of truth for names,
types, limits and allowed values."""

from django import forms
from django.core import validators

# Any text but NUL, which the site refuses everywhere (innoportal.middleware.RefuseNullCharacters).
TEXT = "^[^\\x00]*$"


def from_form(form, descriptions):
    """Query parameters for each field of a bound-or-unbound form instance, in its order."""
    return [
        {
            "name": name,
            "in": "query",
            "required": field.required,
            "description": str(descriptions.get(name, field.label or "")),
            **_style(field),
            "schema": field_schema(field),
        }
        for name, field in form.fields.items()
    ]


def _style(field):
    if isinstance(field, forms.MultipleChoiceField):  # repeatable: ?type=wish&type=trial
        return {"style": "form", "explode": True}
    return {}


def field_schema(field):
    if isinstance(field, forms.MultipleChoiceField):
        item = {"type": "string"}
        if field.choices:
            item["enum"] = [str(value) for value, _label in field.choices]
        else:
            item |= _limits(field)
        return {"type": "array", "items": item}
    if isinstance(field, forms.ChoiceField):  # left empty, an optional one takes its default
        values = [str(value) for value, _label in field.choices if value]
        return {"type": "string", "enum": values if field.required else ["", *values]}
    if isinstance(field, forms.IntegerField):
        return {"type": "integer", **_limits(field)}
    if isinstance(field, forms.BooleanField):  # a checkbox: any value but "", "false" or "False" is on
        return {"type": "string"}
    return {"type": "string", "pattern": TEXT, **_limits(field)}


def _limits(field):
    limits = {}
    for validator in field.validators:
        if isinstance(validator, validators.MinValueValidator):
            limits["minimum"] = validator.limit_value
        elif isinstance(validator, validators.MaxValueValidator):
            limits["maximum"] = validator.limit_value
        elif isinstance(validator, validators.MaxLengthValidator):
            limits["maxLength"] = validator.limit_value
        elif isinstance(validator, validators.RegexValidator):
            limits["pattern"] = validator.regex.pattern
    return limits
