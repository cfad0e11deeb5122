from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from notifications import admin_views
from notifications.dashboard import AlertsThisWeekPanel


@hooks.register("register_admin_viewset")
def register_subscription_viewset():
    return admin_views.subscription_viewset


@hooks.register("register_admin_urls")
def register_alerts_urls():
    return admin_views.admin_urls


class AlertsMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.can_view(request.user)


@hooks.register("register_admin_menu_item")
def register_alerts_menu_item():
    return AlertsMenuItem(_("Alerts"), reverse("alerts_overview"), name="alerts", icon_name="mail", order=320)


@hooks.register("construct_homepage_panels")
def add_alerts_panel(request, panels):
    if AlertsThisWeekPanel.is_shown_to(request.user):
        panels.append(AlertsThisWeekPanel())
