"""The admin dashboard's panel of submissions waiting for review, for the vetting panel and the Inno
Office: how many, and the ones waiting longest, with the way to where they are vetted."""

from django.db.models import Max, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.models import Locale

from catalogue.models import Organisation
from submissions.models import Submission

Stage = Submission.Stage
WITH_REVIEWERS = (Stage.SUBMITTED, Stage.UNDER_VETTING)  # sent, and neither published nor back with the author


def waiting():
    """Submissions with the reviewers, each with `waiting_since`: when it was last sent."""
    last_sent = Max("history__at", filter=Q(history__stage=Stage.SUBMITTED))
    with_reviewers = Submission.objects.filter(stage__in=WITH_REVIEWERS)
    return with_reviewers.annotate(waiting_since=Coalesce(last_sent, "submitted_at"))


class WaitingSubmissionsPanel(Component):
    name = "waiting_submissions"
    order = 100
    template_name = "submissions/admin/dashboard_waiting.html"
    limit = 5

    @staticmethod
    def is_shown_to(user):
        return user.has_perm("submissions.view_submission")

    def get_context_data(self, parent_context):
        oldest = waiting().select_related("organisation").prefetch_related("texts")
        oldest = list(oldest.order_by("waiting_since", "pk")[: self.limit])
        locale = Locale.get_active()
        organisations = [s.organisation for s in oldest if s.organisation_id]
        Organisation.prefetch_versions(organisations, locale.pk)
        rows = [
            {
                "submission": submission,
                "organisation": submission.organisation.in_locale(locale.pk) if submission.organisation_id else None,
                "inspect_url": reverse("submissions:inspect", args=[submission.pk]),
            }
            for submission in oldest
        ]
        return {
            "heading": _("Submissions waiting for review"),
            "count": waiting().count(),
            "rows": rows,
            "index_url": reverse("submissions:index"),
        }
