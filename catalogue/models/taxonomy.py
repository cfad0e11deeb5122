"""The catalogue's taxonomy: technology categories and organisations, as translatable snippets.

Names and descriptions are translated; the key and an organisation's type, website and MoU date are
facts, the same in every language: saving any language version writes them to all the others, and
wagtail-localize never offers them to translators.
"""

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Locale, RevisionMixin, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from innoportal.languages import content_language


class Taxonomy(TranslatableMixin, RevisionMixin, index.Indexed, models.Model):
    facts = ["key"]

    class Meta(TranslatableMixin.Meta):
        abstract = True

    @classmethod
    def translatable_fields_for(cls, *text):
        return [TranslatableField(name) for name in text] + [
            SynchronizedField(name, overridable=False) for name in cls.facts
        ]

    def save(self, *args, **kwargs):
        with transaction.atomic():
            super().save(*args, **kwargs)
            others = type(self).objects.filter(translation_key=self.translation_key).exclude(pk=self.pk)
            others.update(**{name: getattr(self, name) for name in self.facts})

    @classmethod
    def canonical(cls):
        """One row per entry: its version in the default language, else its oldest. Item facts point at
        these, and choices offer them."""
        default = Locale.get_default().pk
        chosen = {}
        for pk, translation_key, locale_id in cls.objects.order_by("pk").values_list("pk", "translation_key", "locale"):
            if translation_key not in chosen or locale_id == default:
                chosen[translation_key] = pk
        return cls.objects.filter(pk__in=chosen.values())

    def in_locale_code(self, language_code):
        """This entry's version in the language (zh-hans: its zh-hant version), else itself."""
        locale = Locale.objects.filter(language_code=content_language(language_code)).first()
        return self.in_locale(locale.pk) if locale else self

    @classmethod
    def prefetch_versions(cls, entries, locale_id):
        """Find the versions in a locale of many entries in one query, for in_locale to answer from."""
        wanted = [entry for entry in entries if entry.locale_id != locale_id]
        keys = {entry.translation_key for entry in wanted}
        found = {row.translation_key: row for row in cls.objects.filter(translation_key__in=keys, locale_id=locale_id)}
        for entry in wanted:
            entry.__dict__.setdefault("_versions", {})[locale_id] = found.get(entry.translation_key, entry)

    def in_locale(self, locale_id):
        """This entry's version in the locale (by id), else itself; remembered on the instance."""
        if locale_id == self.locale_id:
            return self
        versions = self.__dict__.setdefault("_versions", {})
        if locale_id not in versions:
            found = type(self).objects.filter(translation_key=self.translation_key, locale_id=locale_id).first()
            versions[locale_id] = found or self
        return versions[locale_id]


class TechnologyCategory(Taxonomy):
    key = models.SlugField(_("key"), max_length=64, help_text=_("Stable identity, the same in every language."))
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    import_digest = models.CharField(max_length=64, blank=True, editable=False)

    panels = [FieldPanel("key"), FieldPanel("name"), FieldPanel("description")]
    translatable_fields = Taxonomy.translatable_fields_for("name", "description")
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.FilterField("locale_id")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("technology category")
        verbose_name_plural = _("technology categories")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["key", "locale"], name="unique_category_key_per_locale")]

    def __str__(self):
        return self.name


class Organisation(Taxonomy):
    class Type(models.TextChoices):
        DEPARTMENT = "department", _("Government department")
        PUBLIC_BODY = "public-body", _("Public body")
        UNIVERSITY = "university", _("University")
        RESEARCH_INSTITUTE = "research-institute", _("Research body")
        START_UP = "start-up", _("Start-up")
        SME = "sme", _("SME")
        COMPANY = "company", _("Company")
        GBA_PARTNER = "gba-partner", _("Greater Bay Area partner")

    GOVERNMENT = (Type.DEPARTMENT, Type.PUBLIC_BODY)  # their people post wishes

    key = models.SlugField(_("key"), max_length=64, help_text=_("Stable identity, the same in every language."))
    name = models.CharField(_("name"), max_length=200)
    abbreviation = models.CharField(
        _("abbreviation"),
        max_length=40,
        blank=True,
        help_text=_("The short name people search by in this language, e.g. WSD or 水務署."),
    )
    type = models.CharField(_("type"), max_length=32, choices=Type.choices)
    email_domains = models.CharField(
        _("email domains"),
        max_length=300,
        blank=True,
        help_text=_(
            "For a department or public body: its staff's email domains, separated by spaces (e.g. emsd.gov.hk). "
            "Someone who confirmed an address on one of them joins at once."
        ),
    )
    website = models.URLField(_("website"), blank=True)
    mou_signed = models.DateField(
        _("MoU signed"), null=True, blank=True, help_text=_("A strategic partner since this date.")
    )
    description = models.TextField(_("description"), blank=True)
    import_digest = models.CharField(max_length=64, blank=True, editable=False)

    panels = [
        FieldPanel("key"),
        FieldPanel("name"),
        FieldPanel("abbreviation"),
        FieldPanel("type"),
        FieldPanel("website"),
        FieldPanel("mou_signed"),
        FieldPanel("email_domains"),
        FieldPanel("description"),
    ]
    facts = ["key", "type", "website", "mou_signed", "email_domains"]
    translatable_fields = [
        *Taxonomy.translatable_fields_for("name", "description"),
        *[SynchronizedField(name, overridable=False) for name in ("type", "website", "mou_signed", "email_domains")],
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.FilterField("locale_id")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["key", "locale"], name="unique_organisation_key_per_locale")]

    def __str__(self):
        return self.name

    def takes_email(self, email):
        """True when `email` is on one of the domains the editors listed for this organisation."""
        domain = email.rsplit("@", 1)[-1].lower()
        return domain in self.email_domains.lower().split()
