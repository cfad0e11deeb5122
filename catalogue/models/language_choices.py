"""Choices of organisations and categories in a page's editor: only those in the page's own language.

Organisations and categories are translatable snippets, one row per language. An English page's
editor offers the English rows, named as the page names them, and a Chinese page's the Chinese rows:
offering both made every entry appear twice, once in a language the page is not written in. A row of
another language sent all the same (a form opened before a change, a hand-made request) is refused
with a message saying so, never saved and never answered with an error page.

An entry chosen earlier that has no version in the page's language yet is neither offered nor lost:
saving the page keeps it, and the field's help says so.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale


def page_locale(form):
    """The language of the page a Wagtail page form edits: its own, or its parent's for a new page."""
    page = form.instance
    if page.locale_id:
        return page.locale
    parent = getattr(form, "parent_page", None)
    return parent.locale if parent is not None else Locale.get_default()


class InLanguage:
    """A choice of translatable snippets limited to one language (`offer_in`)."""

    locale = None

    def label_from_instance(self, obj):
        return obj.name

    def offer_in(self, locale):
        self.locale = locale
        self.queryset = self.queryset.model.objects.filter(locale=locale)

    def clean(self, value):
        try:
            return super().clean(value)
        except ValidationError as error:
            other = self.other_language(value)
            if other is None:
                raise
            raise other from error

    def other_language(self, value):
        """The error for a choice that exists in another language, else None."""
        values = value if isinstance(value, (list, tuple)) else [value]
        pks = [str(v) for v in values if str(v).isdigit()]
        if self.locale is None or not pks:
            return None
        model = self.queryset.model
        other = model.objects.filter(pk__in=pks).exclude(locale=self.locale).select_related("locale").first()
        if other is None:
            return None
        return ValidationError(
            _("“%(name)s” is in %(language)s: choose one in this page's language, %(page_language)s."),
            code="other_language",
            params={
                "name": other.name,
                "language": other.locale.get_display_name(),
                "page_language": self.locale.get_display_name(),
            },
        )


class InLanguageChoice(InLanguage, forms.ModelChoiceField):
    pass


class InLanguageChoices(InLanguage, forms.ModelMultipleChoiceField):
    pass


def entries(value):
    """The pks of a field's value: an instance, a pk, a list or queryset of either, or nothing."""
    if value is None or value == "":
        return []
    values = value if isinstance(value, (list, tuple, set)) or hasattr(value, "model") else [value]
    return [getattr(v, "pk", v) for v in values]


class ChoicesInPageLanguage:
    """For a Wagtail page form: its InLanguage fields offer the page's language only. Call
    `offer_page_language()` once the form's initial values are set."""

    def offer_page_language(self):
        self.page_locale = page_locale(self)
        self.kept = {}
        for name, field in self.fields.items():
            if not isinstance(field, InLanguage):
                continue
            field.offer_in(self.page_locale)
            chosen = list(field.queryset.model.objects.filter(pk__in=entries(self.initial.get(name))))
            found = field.queryset.filter(translation_key__in={entry.translation_key for entry in chosen})
            versions = {version.translation_key: version for version in found}
            shown = [versions[e.translation_key].pk for e in chosen if e.translation_key in versions]
            kept = [entry for entry in chosen if entry.translation_key not in versions]
            many = isinstance(field, forms.ModelMultipleChoiceField)
            self.initial[name] = shown if many else next(iter(shown), None)
            if kept:
                self.keep(name, field, kept, many)

    def keep(self, name, field, kept, many):
        self.kept[name] = kept
        names = ", ".join(entry.name for entry in kept)
        if many:
            note = gettext("Also chosen, and kept, having no version in this page's language yet: %(names)s.")
        else:
            field.required = False
            note = gettext("Left blank, it stays %(names)s, which has no version in this page's language yet.")
        field.help_text = " ".join(filter(None, [str(field.help_text), note % {"names": names}]))

    def clean(self):
        cleaned = super().clean()
        for name, kept in self.kept.items():
            if name not in cleaned:  # refused
                continue
            if isinstance(self.fields[name], forms.ModelMultipleChoiceField):
                cleaned[name] = [*cleaned[name], *kept]
            elif cleaned[name] is None:
                cleaned[name] = kept[0]
        return cleaned
