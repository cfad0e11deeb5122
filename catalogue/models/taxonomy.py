"""The catalogue's taxonomy: technology categories and organisations, as translatable snippets."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import RevisionMixin, TranslatableMixin
from wagtail.search import index


class TechnologyCategory(TranslatableMixin, RevisionMixin, index.Indexed, models.Model):
    key = models.SlugField(_("key"), max_length=64, help_text=_("Stable identity, the same in every language."))
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    import_digest = models.CharField(max_length=64, blank=True, editable=False)

    panels = [FieldPanel("key"), FieldPanel("name"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.FilterField("locale_id")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("technology category")
        verbose_name_plural = _("technology categories")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["key", "locale"], name="unique_category_key_per_locale")]

    def __str__(self):
        return self.name


class Organisation(TranslatableMixin, RevisionMixin, index.Indexed, models.Model):
    class Type(models.TextChoices):
        DEPARTMENT = "department", _("Government department")
        PUBLIC_BODY = "public-body", _("Public body")
        UNIVERSITY = "university", _("University")
        RESEARCH_INSTITUTE = "research-institute", _("Research body")
        START_UP = "start-up", _("Start-up")
        SME = "sme", _("SME")
        COMPANY = "company", _("Company")
        GBA_PARTNER = "gba-partner", _("Greater Bay Area partner")

    key = models.SlugField(_("key"), max_length=64, help_text=_("Stable identity, the same in every language."))
    name = models.CharField(_("name"), max_length=200)
    type = models.CharField(_("type"), max_length=32, choices=Type.choices)
    website = models.URLField(_("website"), blank=True)
    mou_signed = models.DateField(
        _("MoU signed"), null=True, blank=True, help_text=_("A strategic partner since this date.")
    )
    description = models.TextField(_("description"), blank=True)
    import_digest = models.CharField(max_length=64, blank=True, editable=False)

    panels = [
        FieldPanel("key"),
        FieldPanel("name"),
        FieldPanel("type"),
        FieldPanel("website"),
        FieldPanel("mou_signed"),
        FieldPanel("description"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.FilterField("locale_id")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["key", "locale"], name="unique_organisation_key_per_locale")]

    def __str__(self):
        return self.name
