from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from submissions.admin_views import submission_viewset
from submissions.dashboard import WaitingSubmissionsPanel


@hooks.register("register_admin_viewset")
def register_submission_viewset():
    return submission_viewset


@hooks.register("catalogue_wish_actions")
def propose_a_solution(wish_page):
    """The wish page's "Propose a solution" button, while the wish takes proposals."""
    if wish_page.accepts_proposals:
        url = reverse("submission_new", args=["solution"]) + f"?wish={wish_page.item.key}"
        return [(_("Propose a solution"), url)]
    return []


@hooks.register("construct_homepage_panels")
def add_waiting_submissions_panel(request, panels):
    if WaitingSubmissionsPanel.is_shown_to(request.user):
        panels.append(WaitingSubmissionsPanel())
