"""The facts of catalogue items: one record per wish, solution and trial, shared by all its languages.

A wish's English and Chinese pages are two texts about one wish. What does not depend on language —
its key, status, categories, organisation, dates, the wish a solution answers, the wish and solution
of a trial — is stored once, here, keyed by the pages' `translation_key`, and every language version
points at it. Changing a fact in either language's editor changes it for all at once, and listings,
search, alerts, statistics and the API all read it from here, so no two languages can disagree.

Why a separate record rather than fields that wagtail-localize copies across: copied fields are
still stored per translation, copied only when someone syncs a translation, and carried in each
page's revisions, so a draft saved before a change would restore the old fact when published. A
record outside the pages has one value by construction.

Facts point at taxonomy (organisations, categories) in the site's default language where that
version exists; pages show them in their own language (`Taxonomy.in_locale`).
"""

import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class CatalogueItem(models.Model):
    key_prefix = "X"

    key = models.CharField(
        _("catalogue key"),
        max_length=64,
        unique=True,
        help_text=_("Stable identity used by imports and the search API; made for you when left blank."),
    )
    translation_key = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    number = models.CharField(
        _("number"),
        max_length=16,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text=_("The Inno Office's reference, e.g. W-2026-0001, given when the item is first published."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.key

    @classmethod
    def new_key(cls):
        return f"{cls.key_prefix}-{uuid.uuid4().hex[:8].upper()}"

    @property
    def reference(self):
        """How people cite the item: its number once published, else its key."""
        return self.number or self.key

    def page_in(self, locale):
        """This item's page in `locale`, else in any language (oldest first); None without pages."""
        pages = self.pages.order_by("pk")
        return pages.filter(locale=locale).first() or pages.first()


class Wish(CatalogueItem):
    """An I&T wish, whatever language it is read in."""

    key_prefix = "W"

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        MATCHED = "matched", _("Matched")
        IN_TRIAL = "in-trial", _("In trial")
        CLOSED = "closed", _("Closed")

    organisation = models.ForeignKey(
        "catalogue.Organisation", verbose_name=_("posted by"), on_delete=models.PROTECT, related_name="wishes"
    )
    categories = models.ManyToManyField(
        "catalogue.TechnologyCategory", verbose_name=_("technology categories"), related_name="wishes"
    )

    class Outcome(models.TextChoices):
        ADOPTED = "adopted", _("Adopted")
        TENDER = "tender-invited", _("Tender invited")
        NOT_TAKEN_FORWARD = "not-taken-forward", _("Not taken forward")

    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.OPEN)
    published_on = models.DateField(_("published on"))
    deadline = models.DateField(_("deadline for proposals"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"),
        max_length=20,
        choices=Outcome.choices,
        blank=True,
        help_text=_("What followed the trial's report."),
    )
    outcome_date = models.DateField(_("outcome date"), null=True, blank=True)
    outcome_link = models.URLField(_("outcome link"), blank=True, help_text=_("e.g. the tender notice"))

    class Meta:
        verbose_name = _("wish facts")
        verbose_name_plural = _("wish facts")


class Solution(CatalogueItem):
    """An I&T solution, whatever language it is read in."""

    key_prefix = "S"

    organisation = models.ForeignKey(
        "catalogue.Organisation", verbose_name=_("provider"), on_delete=models.PROTECT, related_name="solutions"
    )
    categories = models.ManyToManyField(
        "catalogue.TechnologyCategory", verbose_name=_("technology categories"), related_name="solutions"
    )
    trl = models.PositiveSmallIntegerField(
        _("technology readiness level"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(9)],
        help_text=_("1 (basic principles observed) to 9 (proven in operational environment)."),
    )
    published_on = models.DateField(_("published on"))
    applicable_to = models.ManyToManyField(
        Wish, verbose_name=_("proposed for wishes"), related_name="proposed_solutions", blank=True
    )

    class Meta:
        verbose_name = _("solution facts")
        verbose_name_plural = _("solution facts")


class Trial(CatalogueItem):
    """A field trial of a matched wish and solution, whatever language it is read in."""

    key_prefix = "T"

    class TrialType(models.TextChoices):
        PROTOTYPE_TEST = "prototype-test", _("Prototype test")
        PILOT_PROJECT = "pilot-project", _("Pilot project")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planning")
        IN_PROGRESS = "in-progress", _("In progress")
        COMPLETED = "completed", _("Completed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class FundingRoute(models.TextChoices):
        OWN_BUDGET = "own-budget", _("The department's own budget")
        PSTS = "psts", _("Public Sector Trial Scheme")
        ITF = "itf", _("Innovation and Technology Fund")
        PURCHASE = "purchase", _("Purchase")

    wish = models.ForeignKey(Wish, verbose_name=_("wish"), on_delete=models.PROTECT, related_name="trials")
    solution = models.ForeignKey(Solution, verbose_name=_("solution"), on_delete=models.PROTECT, related_name="trials")
    trial_type = models.CharField(_("trial type"), max_length=20, choices=TrialType.choices)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PLANNED)
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    value_hkd = models.DecimalField(_("value (HK$)"), max_digits=14, decimal_places=2, null=True, blank=True)
    funding_route = models.CharField(_("funding route"), max_length=16, choices=FundingRoute.choices, blank=True)
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_end = models.DateField(
        _("planned end"), null=True, blank=True, help_text=_("Editors are reminded when it passes without a report.")
    )
    percent_complete = models.PositiveSmallIntegerField(
        _("percent complete"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    interim_report_on = models.DateField(_("interim report published on"), null=True, blank=True)
    final_report_on = models.DateField(_("final report published on"), null=True, blank=True)
    energy_saved_kwh = models.PositiveIntegerField(_("energy saved (kWh a year)"), null=True, blank=True)
    money_saved_hkd = models.DecimalField(
        _("money saved (HK$ a year)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    payback_years = models.DecimalField(_("payback (years)"), max_digits=4, decimal_places=1, null=True, blank=True)

    class Meta:
        verbose_name = _("trial facts")
        verbose_name_plural = _("trial facts")


class NumberSequence(models.Model):
    """The last number given to wishes (W) or solutions (S) in a year: W-2026-0001, W-2026-0002…"""

    prefix = models.CharField(max_length=4)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["prefix", "year"], name="one_sequence_per_prefix_and_year")]

    def __str__(self):
        return f"{self.prefix}-{self.year}: {self.last}"
