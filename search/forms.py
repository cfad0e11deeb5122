"""The query string of the search page and of /api/search/, validated into a SearchRequest."""

import re

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from search import registry
from search.service import SearchRequest

# The query-string parameter of each facet.
PARAMS = {"kind": "type", "category": "category", "status": "status", "organisation_type": "organisation_type"}
KEY = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")


class KeysField(forms.MultipleChoiceField):
    """Repeatable catalogue keys (categories): any well-formed key; an unknown one just finds nothing."""

    def valid_value(self, value):
        return bool(KEY.match(value))


class SearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=200, strip=True)
    lang = forms.ChoiceField(required=False, choices=settings.LANGUAGES)
    type = forms.MultipleChoiceField(required=False)
    category = KeysField(required=False)
    status = forms.MultipleChoiceField(required=False)
    organisation_type = forms.MultipleChoiceField(required=False)
    order = forms.ChoiceField(required=False, choices=[("relevance", _("Relevance")), ("date", _("Newest first"))])
    page = forms.IntegerField(required=False, min_value=1, max_value=1000)
    exact = forms.BooleanField(required=False)  # search the words as typed: no spelling correction

    def __init__(self, *args, language=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.language = language or settings.LANGUAGE_CODE
        self.fields["type"].choices = [(s.kind, s.plural) for s in registry.searchables()]
        self.fields["status"].choices = list(registry.status_labels().items())
        types = registry.facet_labels("organisation_type", [], self.language)
        self.fields["organisation_type"].choices = list(types.items())

    def search_request(self, per_page=None):
        data = self.cleaned_data
        request = SearchRequest(
            text=data["q"],
            lang=data["lang"] or self.language,
            filters={facet: tuple(data[param]) for facet, param in PARAMS.items() if data[param]},
            order=data["order"] or "relevance",
            page=data["page"] or 1,
            exact=data["exact"],
        )
        if per_page:
            request.per_page = per_page
        return request

    def first_error(self):
        field, errors = next(iter(self.errors.items()))
        return field, str(errors[0])
