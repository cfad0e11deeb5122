from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from innodays import admin_views
from innodays.dashboard import UpcomingInnoDaysPanel


@hooks.register("register_admin_viewset")
def register_registration_viewset():
    return admin_views.registration_viewset


@hooks.register("register_admin_urls")
def register_innoday_urls():
    return [
        path("innodays/", admin_views.OverviewView.as_view(), name="innoday_overview"),
        path("innodays/registrations/<int:pk>/promote/", admin_views.promote, name="innoday_promote"),
        path("innodays/<int:page_id>/check-in/", admin_views.CheckInListView.as_view(), name="innoday_check_in_list"),
        path("innodays/check-in/<str:token>/", admin_views.CheckInView.as_view(), name="innoday_check_in"),
    ]


class InnoDaysMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.can_view(request.user)


@hooks.register("register_admin_menu_item")
def register_innodays_menu_item():
    return InnoDaysMenuItem(
        _("InnoDays"), reverse("innoday_overview"), name="innodays", icon_name="calendar-check", order=300
    )


@hooks.register("construct_homepage_panels")
def add_upcoming_innodays_panel(request, panels):
    if UpcomingInnoDaysPanel.is_shown_to(request.user):
        panels.append(UpcomingInnoDaysPanel())
