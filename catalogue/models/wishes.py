from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField

from innoportal.visibility import public

from ..timeline import wish_timeline
from .base import DescribedItemPage, fact, name_organisations
from .items import Wish
from .page_forms import WISH_FACTS, WishPageForm


class WishPage(DescribedItemPage):
    """One language's text of an I&T wish: a need posted by a government department or public body."""

    kind = "wish"
    Status = Wish.Status

    item = models.ForeignKey(Wish, verbose_name=_("wish"), on_delete=models.PROTECT, related_name="pages")

    status = fact("status")
    deadline = fact("deadline")

    base_form_class = WishPageForm
    content_panels = DescribedItemPage.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel(name) for name in WISH_FACTS],
            heading=_("Facts, the same in every language"),
        ),
    ]
    translatable_fields = DescribedItemPage.translatable_fields_with(text=["body"])
    api_fields = DescribedItemPage.api_fields + [
        APIField("status", serializer=serializers.CharField(source="item.status")),
        APIField("deadline", serializer=serializers.DateField(source="item.deadline")),
        APIField("outcome", serializer=serializers.CharField(source="item.outcome")),
    ]

    parent_page_types = ["catalogue.WishIndexPage"]
    subpage_types = []
    template = "catalogue/wish_page.html"

    class Meta:
        verbose_name = _("I&T wish")
        verbose_name_plural = _("I&T wishes")

    @property
    def accepts_proposals(self):
        """Open, and its deadline (if any) not past."""
        deadline = self.deadline
        return self.status == Wish.Status.OPEN and (deadline is None or deadline >= timezone.localdate())

    def actions(self):
        """Links other apps offer on the wish page (e.g. "Propose a solution"), through the hook
        `catalogue_wish_actions`: the catalogue knows none of them."""
        return [action for hook in hooks.get_hooks("catalogue_wish_actions") for action in hook(self)]

    def timeline(self):
        return wish_timeline(self)

    def get_outcome_display(self):
        return self.fact_label("outcome")

    def get_status_display(self):
        return self.fact_label("status")

    def live_trials(self):
        """The wish's live trials in this language, newest first, read once per page view (the
        timeline and the cards share them) with their facts."""
        if "_live_trials" not in self.__dict__:
            from .trials import TrialPage

            trials = public(TrialPage.objects.live()).filter(locale=self.locale_id, item__wish=self.item_id)
            self._live_trials = list(trials.select_related("item").order_by("-item__start_date"))
        return self._live_trials

    def live_solutions(self):
        """The solutions proposed for the wish, with their providers named in this language (and
        the wish's own department, in the same query)."""
        if "_live_solutions" not in self.__dict__:
            from .solutions import SolutionPage

            solutions = public(SolutionPage.objects.live()).filter(locale=self.locale_id)
            solutions = solutions.filter(item__applicable_to=self.item_id).select_related("item__organisation")
            solutions = solutions.order_by("-item__published_on")
            self._live_solutions = name_organisations([self, *solutions])[1:]
        return self._live_solutions

    cards = live_solutions
