"""Admin listings of things the public creates (InnoDay registrations, alert subscriptions): listed,
inspected and exported, never added or edited in the admin."""

from django.urls import path
from wagtail.admin.viewsets.model import ModelViewSet


class PublicRecordViewSet(ModelViewSet):
    """A ModelViewSet without add, edit and copy views; `deletable` keeps or drops the delete view."""

    deletable = False
    copy_view_enabled = False
    inspect_view_enabled = True

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        for view in ("add", "edit", "copy") if self.deletable else ("add", "edit", "copy", "delete"):
            view_kwargs[f"{view}_url_name"] = None
        return view_kwargs

    def get_urlpatterns(self):
        # Not ModelViewSet's: it would build the add and edit forms that these records must not have.
        patterns = [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path("history/<int:pk>/", self.history_view, name="history"),
            path("history-results/<int:pk>/", self.history_results_view, name="history_results"),
            path("usage/<int:pk>/", self.usage_view, name="usage"),
        ]
        if self.deletable:
            patterns.append(path("delete/<int:pk>/", self.delete_view, name="delete"))
        return patterns
