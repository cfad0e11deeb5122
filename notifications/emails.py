"""The emails subscribers get, in their language, through the one email sender (innoportal.mail).

Every email carries a signed link that ends the subscription, and the List-Unsubscribe and
List-Unsubscribe-Post headers (RFC 8058), so that mail programs can offer a one-click "Unsubscribe".
"""

from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import pgettext

from innoportal.languages import content_language
from innoportal.mail import templated_mail
from innoportal.page_tree import languages
from notifications.models import Announcement
from notifications.tokens import make_token

Kind = Announcement.Kind
PAGE_MODELS = {Kind.WISH: "catalogue.WishPage", Kind.REPORT: "catalogue.TrialPage", Kind.INNODAY: "events.InnoDayPage"}


def absolute(path):
    return settings.WAGTAILADMIN_BASE_URL + path


def link(subscription, purpose, url_name):
    with translation.override(subscription.language):
        return absolute(reverse(url_name, args=[make_token(subscription, purpose)]))


def links(subscription):
    return {
        "manage_url": link(subscription, "manage", "alerts_manage"),
        "unsubscribe_url": link(subscription, "unsubscribe", "alerts_unsubscribe"),
    }


def list_headers(unsubscribe_url):
    return {"List-Unsubscribe": f"<{unsubscribe_url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def live_version(announcement, language):
    """The item's live page in `language`, else in the default language, else in any; None when withdrawn."""
    model = apps.get_model(PAGE_MODELS[announcement.kind])
    versions = model.objects.live().filter(translation_key=announcement.item_key).select_related("locale")
    by_language = {page.locale.language_code: page for page in versions}
    for code in [content_language(language), *languages()]:
        if code in by_language:
            return by_language[code]
    return next(iter(by_language.values()), None)


def names(categories):
    return pgettext("list separator", ", ").join(c.name for c in categories)


def describe(announcement, language):
    """What an email says about one item, in `language` where the item has that translation."""
    page = live_version(announcement, language)
    if page is None:
        return None
    with translation.override(language):
        item = {
            "kind": announcement.kind,
            "title": page.title,
            "url": absolute(page.url),
            "other_language": page.locale.language_code != content_language(language),
        }
        if announcement.kind == Kind.WISH:
            item.update(
                summary=page.summary,
                organisation=page.organisation.name,
                categories=names(page.category_list()),
                deadline=page.deadline,
            )
        elif announcement.kind == Kind.REPORT:
            item.update(
                summary=page.report_summary,
                wish=page.wish.title,
                categories=names(page.wish.category_list()),
            )
        else:
            item.update(summary=page.intro, starts=timezone.localtime(page.starts), venue=page.venue)
    return item


def render_item(item, language):
    """The item's part of an email, HTML and text: the same for every subscriber of a language."""
    with translation.override(language):
        item["html"] = render_to_string("notifications/email/_item.html", {"item": item})
        item["text"] = render_to_string("notifications/email/_item.txt", {"item": item})
    return item


class ItemCache:
    """Items described and rendered once per language for a whole batch of emails, not once per email:
    with thousands of subscribers, rendering is most of the sender's work."""

    def __init__(self):
        self.items = {}

    def get(self, announcement, language):
        key = (announcement.pk, language)
        if key not in self.items:
            item = describe(announcement, language)
            self.items[key] = item and render_item(item, language)
        return self.items[key]


def message_id(name):
    return f"<{name}@{urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or 'innoportal'}>"


def alert_mail(subscription, items, connection=None, digest=False, name=None):
    """One alert (one item) or one digest (several), not yet sent."""
    urls = links(subscription)
    headers = list_headers(urls["unsubscribe_url"])
    if name:
        # The same Message-ID for the same alert: receiving systems that deduplicate can use it.
        headers["Message-ID"] = message_id(name)
    context = {"subscription": subscription, "items": items, "digest": digest, **urls}
    template = "notifications/email/digest" if digest else "notifications/email/alert"
    return templated_mail(
        template, context, subscription.email, subscription.language, headers=headers, connection=connection
    )


def send_confirmation(subscription):
    """The double opt-in email: nothing else is sent before its link is followed."""
    cancel_url = link(subscription, "unsubscribe", "alerts_unsubscribe")
    context = {
        "subscription": subscription,
        "confirm_url": link(subscription, "confirm", "alerts_confirm"),
        "unsubscribe_url": cancel_url,
        "days": settings.ALERTS_CONFIRM_DAYS,
    }
    templated_mail(
        "notifications/email/confirm",
        context,
        subscription.email,
        subscription.language,
        headers=list_headers(cancel_url),
    ).send()


def send_reminder_of_subscription(subscription, language):
    """Someone asked to subscribe an address that is subscribed already: tell its owner how to manage it.

    The page shown to whoever filled in the form is the same either way, so it reveals nothing.
    """
    urls = links(subscription)
    context = {"subscription": subscription, **urls}
    templated_mail(
        "notifications/email/already_subscribed",
        context,
        subscription.email,
        language,
        headers=list_headers(urls["unsubscribe_url"]),
    ).send()
