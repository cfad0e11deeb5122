"""The admin's page forms for wishes, solutions and trials: the item's facts are edited with the text.

The facts fields are the item's own (`catalogue.models.items`), shown in the editor of every language;
saving the page (a draft or a publication) writes them to the one record all languages share. The
organisation and categories are offered in the page's language (`language_choices`) and stored as
their default-language version, as every item's facts are.
"""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Locale

from .items import Solution, Trial, Wish
from .language_choices import ChoicesInPageLanguage, InLanguage, InLanguageChoice, InLanguageChoices


class TaxonomyLabels:
    """Choices of taxonomy: one per entry (its default-language version), named in the editor's language."""

    def label_from_instance(self, obj):
        return obj.in_locale(Locale.get_active().pk).name


class TaxonomyChoice(TaxonomyLabels, forms.ModelChoiceField):
    pass


class TaxonomyChoices(TaxonomyLabels, forms.ModelMultipleChoiceField):
    pass


class ItemLabels:
    """Choices of wishes or solutions: each by its key and its title in the editor's language."""

    def label_from_instance(self, obj):
        page = obj.page_in(Locale.get_active().pk)
        return f"{obj.key} — {page.title}" if page else obj.key


class ItemChoice(ItemLabels, forms.ModelChoiceField):
    pass


class ItemChoices(ItemLabels, forms.ModelMultipleChoiceField):
    pass


class FactsPageForm(ChoicesInPageLanguage, WagtailAdminPageForm):
    facts_model = None
    facts_fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        page = self.instance
        if page.item_id:
            self.initial.update({name: page.read_fact(name) for name in self.facts_fields})
            self.fields["key"].disabled = True
            self.fields["key"].help_text = ""
        self.fields["key"].required = False
        self.offer_page_language()

    def clean_key(self):
        key = self.cleaned_data.get("key")
        if key and not self.fields["key"].disabled and self.facts_model.objects.filter(key=key).exists():
            raise forms.ValidationError(_("Another item already has this key."))
        return key

    def save(self, commit=True):
        page = super().save(commit=False)
        facts = {name: self.cleaned_data[name] for name in self.facts_fields if not self.fields[name].disabled}
        for name, value in facts.items():
            if isinstance(self.fields[name], InLanguage):
                facts[name] = in_default_language(self.fields[name], value)
        page.set_facts(**facts)
        if commit:
            page.save()
            self.save_m2m()
        return page


def in_default_language(field, value):
    """The versions facts point at (`Taxonomy.canonical`) of the page-language entries chosen."""
    many = isinstance(field, forms.ModelMultipleChoiceField)
    chosen = list(value) if many else [value] if value is not None else []
    keys = {entry.translation_key for entry in chosen}
    canonical = {row.translation_key: row for row in field.queryset.model.canonical().filter(translation_key__in=keys)}
    versions = [canonical.get(entry.translation_key, entry) for entry in chosen]
    return versions if many else next(iter(versions), None)


def https_by_default(field, **kwargs):
    """An address typed without its scheme is taken as https://, as Django 6 will."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


def facts_form(model, names):
    """A page form class with the facts `names` of `model` as its own fields."""
    classes = {
        "organisation": InLanguageChoice,
        "categories": InLanguageChoices,
        "wish": ItemChoice,
        "solution": ItemChoice,
        "applicable_to": ItemChoices,
    }
    widgets = {"categories": forms.CheckboxSelectMultiple}
    fields = forms.fields_for_model(
        model, fields=names, field_classes=classes, widgets=widgets, formfield_callback=https_by_default
    )
    attrs = {"facts_model": model, "facts_fields": names, **fields}
    return type(f"{model.__name__}PageForm", (FactsPageForm,), attrs)


WISH_FACTS = ["key", "organisation", "categories", "status", "published_on", "deadline"]
WISH_FACTS += ["outcome", "outcome_date", "outcome_link"]
WishPageForm = facts_form(Wish, WISH_FACTS)
SolutionPageForm = facts_form(Solution, ["key", "organisation", "categories", "trl", "published_on", "applicable_to"])
TRIAL_FACTS = ["key", "wish", "solution", "trial_type", "status", "funding_route", "value_hkd"]
TRIAL_FACTS += ["planned_start", "planned_end", "start_date", "end_date", "percent_complete"]
REPORT_FACTS = ["interim_report_on", "final_report_on", "energy_saved_kwh", "money_saved_hkd", "payback_years"]
TrialPageForm = facts_form(Trial, TRIAL_FACTS + REPORT_FACTS)
