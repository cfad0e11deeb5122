"""Which confirmed subscribers want an item: categories and organisation types in SQL, keywords in Python.

The rules:
- a wish matches when the subscriber chose all categories or one of the wish's categories; when they chose
  organisation types, the wishing organisation's type is one of them; when they gave keywords, the wish
  mentions at least one (in the title, summary or body of any of its language versions, ignoring case);
- a performance report matches a subscriber who asked for reports when its trial's wish would match, the
  report's own text counting for the keywords;
- a new InnoDay goes to everyone who asked for InnoDays;
- only subscribers confirmed before the item was announced are alerted of it.
"""

from html import unescape

from django.db import connection, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.html import strip_tags

from notifications.emails import PAGE_MODELS
from notifications.models import Alert, Announcement, Interest, Subscription

Kind = Announcement.Kind
Facet = Interest.Facet
ANALYZE_AFTER = 1000  # new alert rows


def normalise_keywords(text):
    """ "Chiller, 節能 ,,heat pump" -> "chiller,節能,heat pump": what matching and the form agree on."""
    words = (" ".join(word.split()).casefold() for word in text.replace("，", ",").replace("、", ",").split(","))
    return ",".join(dict.fromkeys(word for word in words if word))


def plain(text):
    return unescape(strip_tags(text or ""))


class Facts:
    """An item's categories, organisation type and text, over all its live language versions."""

    def __init__(self, announcement):
        from django.apps import apps

        model = apps.get_model(PAGE_MODELS[announcement.kind])
        pages = list(model.objects.live().public().filter(translation_key=announcement.item_key))
        self.exists = bool(pages)
        self.categories, self.organisation_type, texts = set(), None, []
        for page in pages:
            if announcement.kind == Kind.INNODAY:
                continue
            # The facts are the item's, the same in every language; the text is each version's own.
            wish = page.item.wish if announcement.kind == Kind.REPORT else page.item
            self.categories = {c.key for c in wish.categories.all()}
            self.organisation_type = wish.organisation.type
            wish_page = page.wish if announcement.kind == Kind.REPORT else page
            if wish_page is not None:
                texts += [wish_page.title, wish_page.summary, plain(wish_page.body)]
            if announcement.kind == Kind.REPORT:
                texts += [page.title, page.summary, page.report_summary]
        self.text = " ".join(" ".join(texts).split()).casefold()

    def mentions_any(self, keywords):
        return not keywords or any(word in self.text for word in keywords.split(","))


def matching_subscriptions(announcement):
    """Primary keys of the confirmed subscriptions that want this item."""
    facts = Facts(announcement)
    if not facts.exists:
        return []
    # Alerts are of what is new since one subscribed: a demo, or an import followed by new subscribers
    # before the worker catches up, must not alert them of older items.
    confirmed = Subscription.objects.filter(
        status=Subscription.Status.CONFIRMED, confirmed_at__lte=announcement.announced_at
    )
    if announcement.kind == Kind.INNODAY:
        return list(confirmed.filter(innodays=True).values_list("pk", flat=True))
    if announcement.kind == Kind.REPORT:
        confirmed = confirmed.filter(reports=True)
    interests = Interest.objects.filter(subscription=OuterRef("pk"))
    by_type = interests.filter(facet=Facet.ORGANISATION_TYPE)
    wanted = confirmed.filter(
        Q(all_categories=True) | Exists(interests.filter(facet=Facet.CATEGORY, value__in=facts.categories)),
        ~Exists(by_type) | Exists(by_type.filter(value=facts.organisation_type)),
    )
    return [pk for pk, keywords in wanted.values_list("pk", "keywords") if facts.mentions_any(keywords)]


def create_alerts(announcement):
    """One pending alert per matching subscriber; running it again adds only what is missing."""
    subscribers = matching_subscriptions(announcement)
    with transaction.atomic():
        Alert.objects.bulk_create(
            [Alert(announcement=announcement, subscription_id=pk) for pk in subscribers],
            batch_size=1000,
            ignore_conflicts=True,
        )
        Announcement.objects.filter(pk=announcement.pk).update(matched_at=timezone.now())
    if connection.vendor == "postgresql" and len(subscribers) >= ANALYZE_AFTER:
        # Thousands of new rows before autovacuum has noticed them: without fresh statistics the senders'
        # claim query is planned for an empty table and scans it once per subscriber.
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {Alert._meta.db_table}")
    return len(subscribers)
