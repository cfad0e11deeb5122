"""RSS 2.0 and Atom feeds of new wishes, all or of one technology category, in the URL's language.

Under /<lang>/alerts/feeds/, not under /<lang>/wishes/: that address belongs to an editable page and
its children, and the catalogue knows nothing of alerts.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from catalogue.models import TechnologyCategory, WishIndexPage, WishPage
from innoportal.languages import content_language

FEED_SIZE = 30


def language_name(code):
    return dict(settings.LANGUAGES).get(code, code)  # each language by its own name, as the switcher shows it


def new_wishes(language, category=None):
    """The latest live wishes, in `language`, or in another one for a wish not translated (yet)."""
    wishes = WishPage.objects.live().public().select_related("item__organisation", "locale")
    wishes = wishes.order_by("-first_published_at")
    if category:
        wishes = wishes.filter(item__categories__key=category)
    here = wishes.filter(locale__language_code=language)
    elsewhere = wishes.exclude(locale__language_code=language).exclude(
        translation_key__in=here.values("translation_key")
    )
    latest = sorted([*here[:FEED_SIZE], *elsewhere[:FEED_SIZE]], key=lambda w: w.first_published_at, reverse=True)
    return latest[:FEED_SIZE]


class WishFeed(Feed):
    feed_type = Rss201rev2Feed

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        patch_cache_control(response, public=True, max_age=900)
        return response

    def get_object(self, request, category=None):
        if category is None:
            return None
        found = TechnologyCategory.objects.filter(key=category)
        chosen = found.filter(locale__language_code=content_language()).first() or found.first()
        if chosen is None:
            raise Http404("No such technology category")
        return chosen

    def title(self, category):
        if category:
            return _("New I&T wishes: %(category)s | E&M InnoPortal") % {"category": category.name}
        return _("New I&T wishes | E&M InnoPortal")

    def description(self, category):
        return _("I&T wishes of government departments and public bodies, newest first.")

    subtitle = description

    def link(self, category):
        index = WishIndexPage.objects.live().filter(locale__language_code=content_language()).first()
        url = index.url if index else f"/{get_language()}/"
        return f"{url}?category={category.key}" if category else url

    def feed_url(self, category):
        kind = "atom" if self.feed_type is Atom1Feed else "rss"
        if category:
            return reverse(f"alerts_category_feed_{kind}", args=[category.key])
        return reverse(f"alerts_feed_{kind}")

    def items(self, category):
        return new_wishes(content_language(), category.key if category else None)

    def item_title(self, wish):
        if wish.locale.language_code != content_language():
            return f"{wish.title} ({language_name(wish.locale.language_code)})"
        return wish.title

    def item_description(self, wish):
        parts = [wish.summary, _("Posted by: %(organisation)s") % {"organisation": wish.organisation.name}]
        if wish.deadline:
            parts.append(_("Deadline for proposals: %(date)s") % {"date": wish.deadline.isoformat()})
        return "\n".join(parts)

    def item_link(self, wish):
        return wish.url

    def item_pubdate(self, wish):
        return wish.first_published_at

    def item_updateddate(self, wish):
        return wish.last_published_at

    def item_author_name(self, wish):
        return wish.organisation.name

    def item_categories(self, wish):
        return [c.name for c in wish.category_list()]


class AtomWishFeed(WishFeed):
    feed_type = Atom1Feed


def feed_links(request, category=None):
    """The feeds to offer on a page: all new wishes, and those of `category` (a key) when one is chosen."""
    links = [{"title": _("New I&T wishes"), "rss": reverse("alerts_feed_rss"), "atom": reverse("alerts_feed_atom")}]
    if category:
        found = TechnologyCategory.objects.filter(key=category)
        chosen = found.filter(locale__language_code=content_language()).first() or found.first()
        if chosen:
            links.append(
                {
                    "title": _("New I&T wishes: %(category)s") % {"category": chosen.name},
                    "rss": reverse("alerts_category_feed_rss", args=[chosen.key]),
                    "atom": reverse("alerts_category_feed_atom", args=[chosen.key]),
                }
            )
    return links
