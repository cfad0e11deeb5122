from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from matching.admin_views import WishListView, WorkbenchView, can_match


@hooks.register("register_admin_urls")
def matching_urls():
    return [
        path("matching/", WishListView.as_view(), name="matching_wishes"),
        path("matching/wish/<int:pk>/", WorkbenchView.as_view(), name="matching_workbench"),
    ]


class MatchingMenuItem(MenuItem):
    def is_shown(self, request):
        return can_match(request.user)


@hooks.register("register_admin_menu_item")
def matching_menu_item():
    return MatchingMenuItem(_("Matching"), reverse("matching_wishes"), icon_name="link", order=206)
