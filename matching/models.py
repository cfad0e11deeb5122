"""Matching wishes with solutions: the suggestions computed for each wish, and the editors' decisions.

A suggestion is the machine's: recomputed whenever asked, never a fact. A match is an editor's
decision about one wish and one solution — shortlisted, rejected with a reason, or confirmed — with
who decided and when; a confirmed match is what trials start from.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Suggestion(models.Model):
    wish = models.ForeignKey("catalogue.Wish", on_delete=models.CASCADE, related_name="suggestions")
    solution = models.ForeignKey("catalogue.Solution", on_delete=models.CASCADE, related_name="suggested_for")
    score = models.FloatField()
    reasons = models.JSONField(default=dict)  # {"categories": [keys], "terms": [words], "trials": n, "trl": n}
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-score", "pk"]
        constraints = [models.UniqueConstraint(fields=["wish", "solution"], name="one_suggestion_per_pair")]

    def __str__(self):
        return f"{self.wish} ~ {self.solution}: {self.score:.1f}"


class Match(models.Model):
    class Decision(models.TextChoices):
        SHORTLISTED = "shortlisted", _("Shortlisted")
        REJECTED = "rejected", _("Rejected")
        CONFIRMED = "confirmed", _("Confirmed")

    wish = models.ForeignKey("catalogue.Wish", verbose_name=_("wish"), on_delete=models.CASCADE, related_name="matches")
    solution = models.ForeignKey(
        "catalogue.Solution", verbose_name=_("solution"), on_delete=models.CASCADE, related_name="matches"
    )
    decision = models.CharField(_("decision"), max_length=12, choices=Decision.choices)
    reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"))
    trial = models.OneToOneField(
        "catalogue.Trial",
        verbose_name=_("trial"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="match",
    )

    class Meta:
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        ordering = ["-decided_at"]
        constraints = [models.UniqueConstraint(fields=["wish", "solution"], name="one_match_per_pair")]

    def __str__(self):
        return f"{self.wish} + {self.solution}: {self.decision}"


class OverdueReminder(models.Model):
    """The editors were reminded that this trial passed this planned end without a report: once."""

    trial = models.ForeignKey("catalogue.Trial", on_delete=models.CASCADE, related_name="+")
    planned_end = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["trial", "planned_end"], name="one_reminder_per_planned_end")]

    def __str__(self):
        return f"{self.trial} {self.planned_end}"
