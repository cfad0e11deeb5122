"""Subscriptions to alerts, the record of what was announced, and one alert row per subscriber and item.

An item (a wish, an InnoDay, a performance report) is announced once, identified across languages by its
Wagtail translation key; the (announcement, subscription) pair is unique, so nobody is alerted twice.
"""

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Subscription(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        CONFIRMED = "confirmed", _("Confirmed")

    class Frequency(models.TextChoices):
        IMMEDIATE = "immediate", _("Immediately")
        DAILY = "daily", _("Daily digest")
        WEEKLY = "weekly", _("Weekly digest")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # One row per address; unsubscribing deletes the row, so nothing personal is kept afterwards.
    email = models.EmailField(_("email"), unique=True)
    language = models.CharField(_("language"), max_length=10)
    frequency = models.CharField(_("frequency"), max_length=10, choices=Frequency.choices)
    all_categories = models.BooleanField(_("all technology categories"), default=False)
    keywords = models.CharField(_("keywords"), max_length=300, blank=True)
    innodays = models.BooleanField(_("new InnoDays"), default=False)
    reports = models.BooleanField(_("new performance reports"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(_("subscribed at"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    # When we last sent a confirmation or reminder: a form filled in again and again must not mailbomb anyone.
    last_emailed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("alert subscription")
        verbose_name_plural = _("alert subscriptions")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "frequency"])]

    def __str__(self):
        return self.email

    def delete(self, *args, **kwargs):
        # Unsubscribing, or an editor deleting the subscription on request: what was not sent yet goes;
        # sent alerts stay, without the person, for the counts per item.
        self.alerts.filter(status=Alert.Status.PENDING).delete()
        return super().delete(*args, **kwargs)

    def values(self, facet):
        return sorted(i.value for i in self.interests.all() if i.facet == facet)

    def category_keys(self):
        return self.values(Interest.Facet.CATEGORY)

    def organisation_types(self):
        return self.values(Interest.Facet.ORGANISATION_TYPE)


class Interest(models.Model):
    """One technology category, or one type of wishing organisation, that a subscriber asked for."""

    class Facet(models.TextChoices):
        CATEGORY = "category", _("Technology category")
        ORGANISATION_TYPE = "organisation-type", _("Organisation type")

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="interests")
    facet = models.CharField(max_length=20, choices=Facet.choices)
    value = models.CharField(max_length=64)  # a category key or an Organisation.Type value

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["subscription", "facet", "value"], name="unique_interest"),
        ]
        indexes = [models.Index(fields=["facet", "value"])]

    def __str__(self):
        return f"{self.facet}: {self.value}"


class Announcement(models.Model):
    """An item made public for the first time. Its row existing is what makes later publications quiet."""

    class Kind(models.TextChoices):
        WISH = "wish", _("I&T wish")
        INNODAY = "innoday", _("InnoDay")
        REPORT = "report", _("Performance report")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    item_key = models.UUIDField(help_text="The item's Wagtail translation key: the same in every language.")
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(_("title"), max_length=255)
    announced_at = models.DateTimeField(_("announced at"), default=timezone.now, db_index=True)
    newsworthy = models.BooleanField(
        default=True, help_text="False for items published already closed or past their deadline: no alerts."
    )
    matched_at = models.DateTimeField(_("subscribers matched at"), null=True, blank=True)

    class Meta:
        verbose_name = _("announcement")
        ordering = ["-announced_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["kind", "item_key"], name="announce_once")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title}"


class Alert(models.Model):
    """One item for one subscriber: sent on its own (immediately) or in their next digest.

    Sending claims a batch of rows (status "sending", one claim id) before talking to the mail server and
    marks each row "sent" as soon as the server accepts its message. After a crash the first row of a
    claim still "sending" is the one whose fate is unknown; it is never sent again (see delivery.py).
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        UNKNOWN = "unknown", _("Delivery unknown")
        FAILED = "failed", _("Refused by the mail server")
        SKIPPED = "skipped", _("Not sent: withdrawn or unsubscribed")

    announcement = models.ForeignKey(Announcement, on_delete=models.CASCADE, related_name="alerts")
    # Kept, without the person, when they unsubscribe: the counts per item stay true.
    subscription = models.ForeignKey(
        Subscription, null=True, blank=True, on_delete=models.SET_NULL, related_name="alerts"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    claim = models.UUIDField(null=True, blank=True, db_index=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    in_digest = models.BooleanField(default=False)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["announcement", "subscription"], name="alert_once_per_subscriber"),
        ]
        indexes = [models.Index(fields=["status", "announcement"]), models.Index(fields=["subscription", "status"])]

    def __str__(self):
        return f"{self.announcement} ({self.get_status_display()})"
