from django.urls import path, reverse
from django.utils import timezone
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


@hooks.register("catalogue_wish_timeline")
def matched_step(wish_page):
    """The wish page's "Matched" step: the first confirmed match, with its solution in the page's language."""
    from innoportal.visibility import public
    from matching.models import Match

    match = (
        Match.objects.filter(wish=wish_page.item_id, decision=Match.Decision.CONFIRMED)
        .select_related("solution")
        .order_by("decided_at")
        .first()
    )
    if match is None:
        return {}
    # Mostly one of the solutions proposed for the wish, which its page has read already.
    proposed = [page for page in wish_page.live_solutions() if page.item_id == match.solution_id]
    solution = proposed[0] if proposed else None
    if solution is None:
        solution = public(match.solution.pages.live()).filter(locale=wish_page.locale_id).first()
    detail, url = (solution.title, solution.url) if solution else ("", "")
    return {"matched": (timezone.localdate(match.decided_at), detail, url)}
