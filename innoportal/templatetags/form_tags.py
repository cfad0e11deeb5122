"""`{% include "components/form_errors.html" with forms=form|alone %}`: one form where a list of forms is expected."""

from django import template

register = template.Library()


@register.filter
def alone(form):
    return [form]
