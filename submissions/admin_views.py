"""The reviewers' view of submissions in the admin: everything the author sent, including what never
goes public (the contact person, the files under review), beside the page they vet in the workflow."""

import django_filters
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.generic.models import IndexView, InspectView

from innoportal.admin_viewsets import PublicRecordViewSet
from submissions.models import Submission


class SubmissionFilterSet(WagtailFilterSet):
    stage = django_filters.ChoiceFilter(choices=Submission.Stage.choices, empty_label=_("All"))
    kind = django_filters.ChoiceFilter(choices=Submission.Kind.choices, empty_label=_("All"))

    class Meta:
        model = Submission
        fields = ["stage", "kind"]


def sent():
    """Drafts never sent are their author's alone, even in the admin."""
    return Submission.objects.exclude(stage=Submission.Stage.DRAFT, submitted_at__isnull=True)


class SubmissionIndexView(IndexView):
    def get_base_queryset(self):
        return sent().select_related("organisation")


class SubmissionInspectView(InspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(sent(), pk=self.pk)


class SubmissionViewSet(PublicRecordViewSet):
    model = Submission
    icon = "form"
    menu_label = _("Submissions")
    menu_order = 205
    add_to_admin_menu = True
    name = "submissions"
    url_prefix = "submissions"
    list_display = ["__str__", "kind", "organisation", "stage", "submitted_at", "updated_at"]
    filterset_class = SubmissionFilterSet
    search_fields = ["texts__title", "submitter__email", "contact_name"]
    ordering = ["-updated_at"]
    inspect_template_name = "submissions/admin/inspect.html"
    index_view_class = SubmissionIndexView
    inspect_view_class = SubmissionInspectView

    def get_urlpatterns(self):
        # Listing and inspection only: the generic history and usage views would find drafts by id.
        return [p for p in super().get_urlpatterns() if p.name in ("index", "index_results", "inspect")]


submission_viewset = SubmissionViewSet()
