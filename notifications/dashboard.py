"""The admin dashboard's panel of alerts: how many went out in the last 7 days, how many did not, and
how many wait for their digest, for whoever may see the alerts overview."""

import datetime

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from notifications import admin_views
from notifications.models import Alert

Status = Alert.Status
WEEK = datetime.timedelta(days=7)


def alerts_this_week(now=None):
    since = (now or timezone.now()) - WEEK
    return Alert.objects.aggregate(
        sent=Count("pk", filter=Q(status=Status.SENT, sent_at__gte=since)),
        # claimed_at is the time of the last attempt to send
        undelivered=Count("pk", filter=Q(status__in=[Status.FAILED, Status.UNKNOWN], claimed_at__gte=since)),
        waiting=Count("pk", filter=Q(status__in=[Status.PENDING, Status.SENDING])),
    )


class AlertsThisWeekPanel(Component):
    name = "alerts_this_week"
    order = 130
    template_name = "notifications/admin/dashboard_alerts.html"

    @staticmethod
    def is_shown_to(user):
        return admin_views.can_view(user)

    def get_context_data(self, parent_context):
        return {
            "heading": _("Alerts this week"),
            "counts": alerts_this_week(),
            "overview_url": reverse("alerts_overview"),
        }
