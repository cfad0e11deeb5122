"""Site templates offer alerts and feeds through these tags; the catalogue's own templates stay unaware."""

from django import template

from catalogue.models import WishIndexPage
from notifications.feeds import feed_links

register = template.Library()


def chosen_category(context):
    """The technology category a wish index page is filtered by, if any."""
    request, page = context.get("request"), context.get("page")
    if request is None or not isinstance(page, WishIndexPage):
        return None
    return request.GET.get("category") or None


@register.inclusion_tag("notifications/feed_head_links.html", takes_context=True)
def feed_head_links(context):
    """<link rel="alternate"> for feed readers: every page offers new wishes; a filtered wish list adds its category."""
    request = context.get("request")
    return {"feeds": feed_links(request, chosen_category(context)) if request else []}


@register.inclusion_tag("notifications/alerts_box.html", takes_context=True)
def alerts_box(context):
    """ "Get alerts" with the feeds, shown on the wish index page only."""
    if not isinstance(context.get("page"), WishIndexPage):
        return {"show": False}
    return {"show": True, "feeds": feed_links(context["request"], chosen_category(context))}
