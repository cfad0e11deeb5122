"""The admin dashboard's panel of upcoming InnoDays: how many seats each has left, for its organisers."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from innodays import admin_views
from innodays.models import InnoDayPage
from innodays.registration import seat_counts_of
from innoportal.languages import content_language


def upcoming(limit):
    """The next `limit` live InnoDays not yet over, soonest first: one page each, in the admin's language
    where it has one, else the default language's."""
    language = content_language()
    chosen = {}
    pages = InnoDayPage.objects.live().filter(ends__gte=timezone.now()).select_related("locale")
    for page in pages.order_by("pk"):
        rank = (page.locale.language_code != language, page.locale.language_code != settings.LANGUAGE_CODE)
        if page.translation_key not in chosen or rank < chosen[page.translation_key][0]:
            chosen[page.translation_key] = (rank, page)
    return sorted((page for _rank, page in chosen.values()), key=lambda page: page.starts)[:limit]


class UpcomingInnoDaysPanel(Component):
    name = "upcoming_innodays"
    order = 120
    template_name = "events/admin/dashboard_upcoming.html"
    limit = 5

    @staticmethod
    def is_shown_to(user):
        return admin_views.can_view(user)

    def get_context_data(self, parent_context):
        days = upcoming(self.limit)
        counts = seat_counts_of(days)
        rows = [
            {"page": page, "counts": counts[page.event_key], "registrations_url": admin_views.registrations_url(page)}
            for page in days
        ]
        return {"heading": _("Upcoming InnoDays"), "rows": rows, "overview_url": reverse("innoday_overview")}
