import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from catalogue.models.language_choices import ChoicesInPageLanguage, InLanguageChoices
from innodays.blocks import AgendaBlock
from innoportal.languages import content_language
from innoportal.visibility import public


class InnoDayIndexPage(Page):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    personal_data_statement = RichTextField(
        _("personal data statement"),
        blank=True,
        features=["bold", "italic", "ul", "link"],
        help_text=_("Shown with every registration form: what is collected, why, for how long, whom to ask."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("personal_data_statement")]
    max_count_per_parent = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.InnoDayPage"]
    template = "events/innoday_index_page.html"

    class Meta:
        verbose_name = _("InnoDay index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        days = public(InnoDayPage.objects.child_of(self).live())
        now = timezone.now()
        context["upcoming"] = days.filter(ends__gte=now).order_by("starts")
        context["past"] = days.filter(ends__lt=now).order_by("-starts")
        return context


class InnoDayPageForm(ChoicesInPageLanguage, WagtailAdminPageForm):
    """Co-organisers are offered in the InnoDay's language: the page lists them by their names."""

    class Meta(WagtailAdminPageForm.Meta):
        field_classes = {"co_organisers": InLanguageChoices}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.offer_page_language()


class InnoDayPage(RoutablePageMixin, Page):
    """An InnoDay: a seminar where universities, start-ups and research bodies present solutions."""

    intro = models.TextField(_("introduction"), max_length=600)
    starts = models.DateTimeField(_("starts"), help_text=_("Hong Kong time"))
    ends = models.DateTimeField(_("ends"), help_text=_("Hong Kong time"))
    venue = models.CharField(_("venue"), max_length=250)
    venue_address = models.CharField(_("address"), max_length=250, blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), help_text=_("Seats; later registrations are waitlisted."))
    registration_opens = models.DateTimeField(_("registration opens"))
    registration_closes = models.DateTimeField(_("registration closes"))
    co_organisers = ParentalManyToManyField("catalogue.Organisation", verbose_name=_("co-organisers"), blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    agenda = StreamField(AgendaBlock(), verbose_name=_("agenda"), blank=True)
    attendance_note = models.CharField(
        _("attendance"), max_length=120, blank=True, help_text=_("For past InnoDays, e.g. 'over 600 participants'.")
    )

    base_form_class = InnoDayPageForm
    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        MultiFieldPanel(
            [FieldPanel("starts"), FieldPanel("ends"), FieldPanel("venue"), FieldPanel("venue_address")],
            heading=_("When and where"),
        ),
        MultiFieldPanel(
            [FieldPanel("capacity"), FieldPanel("registration_opens"), FieldPanel("registration_closes")],
            heading=_("Registration"),
        ),
        FieldPanel("co_organisers", widget=forms.CheckboxSelectMultiple),
        FieldPanel("agenda"),
        FieldPanel("attendance_note"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro", boost=2), index.SearchField("venue")]
    parent_page_types = ["events.InnoDayIndexPage"]
    subpage_types = []
    template = "events/innoday_page.html"

    class Meta:
        verbose_name = _("InnoDay")

    def clean(self):
        super().clean()
        if self.starts and self.ends and self.ends <= self.starts:
            raise ValidationError({"ends": _("An InnoDay must end after it starts.")})
        if self.registration_opens and self.registration_closes and self.registration_closes <= self.registration_opens:
            raise ValidationError({"registration_closes": _("Registration must close after it opens.")})

    def in_language(self, language_code):
        """This InnoDay's live page in `language_code` (zh-hans: its zh-hant page), or this page when it has no
        such translation."""
        language_code = content_language(language_code)
        versions = self.get_translations(inclusive=True).live().filter(locale__language_code=language_code)
        return versions.specific().first() or self

    @property
    def event_key(self):
        """The same in every language: registrations belong to the InnoDay, not to one translation."""
        return self.translation_key

    def registration_state(self, now=None):
        now = now or timezone.now()
        if now < self.registration_opens:
            return "not-open"
        if now >= self.registration_closes or now >= self.starts:
            return "closed"
        return "open"

    def seats(self):
        from innodays.registration import seat_counts

        return seat_counts(self)

    def get_cached_paths(self):
        return ["/", "calendar/"]

    @path("")
    def main(self, request):
        from innodays.views import innoday_page

        return innoday_page(self, request)

    @path("calendar/")
    def calendar(self, request):
        from innodays.calendar import event_response

        return event_response(self)

    @path("registered/")
    def registered(self, request):
        # The signed token is in the query string: Wagtail's page addresses allow only letters, digits and -.
        from innodays.views import registered

        return registered(self, request, request.GET.get("t", ""))


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("Waitlisted")
        CANCELLED = "cancelled", _("Cancelled")

    class Sector(models.TextChoices):
        GOVERNMENT = "government", _("Government")
        PUBLIC_BODY = "public-body", _("Public body")
        UNIVERSITY = "university", _("University")
        RESEARCH_BODY = "research-body", _("Research body")
        START_UP = "start-up", _("Start-up")
        SME = "sme", _("SME")
        INDUSTRY = "industry", _("Industry")
        OTHER = "other", _("Other")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event_key = models.UUIDField(_("InnoDay"), db_index=True, help_text=_("The InnoDay's translation key."))
    event = models.ForeignKey(
        InnoDayPage, verbose_name=_("InnoDay page"), on_delete=models.PROTECT, related_name="registrations"
    )
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("email"))
    organisation = models.CharField(_("organisation"), max_length=200)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    accessibility_needs = models.TextField(_("accessibility needs"), blank=True)
    language = models.CharField(_("language"), max_length=10)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, db_index=True)
    created_at = models.DateTimeField(_("registered at"), default=timezone.now, db_index=True)
    promoted_at = models.DateTimeField(_("promoted from the waitlist at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    attended_at = models.DateTimeField(_("attended at"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            # One active registration per person and InnoDay; a cancelled one may be followed by a new one.
            models.UniqueConstraint(
                fields=["event_key", "email"],
                condition=~models.Q(status="cancelled") & models.Q(anonymised_at__isnull=True),
                name="one_active_registration_per_email",
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.get_status_display()})"
