"""Alerts in the Wagtail admin: the subscriptions (listing, filters, CSV) and an overview of counts
per technology category and of alerts per announced item."""

import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permissions import policy_registry

from innoportal.admin_viewsets import PublicRecordViewSet
from notifications.forms import category_choices
from notifications.models import Alert, Announcement, Interest, Subscription

Frequency = Subscription.Frequency
CONFIRMED = Subscription.Status.CONFIRMED
AlertStatus = Alert.Status


def can_view(user):
    return policy_registry.get_by_type(Subscription).user_has_any_permission(user, ["view", "change", "delete"])


class SubscriptionFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Subscription.Status.choices, empty_label=_("All"))
    frequency = django_filters.ChoiceFilter(label=_("Frequency"), choices=Frequency.choices, empty_label=_("All"))
    category = django_filters.ChoiceFilter(
        label=_("Technology category"), choices=category_choices, empty_label=_("All"), method="by_category"
    )

    class Meta:
        model = Subscription
        fields = ["language"]

    def by_category(self, queryset, name, value):
        chosen = Interest.objects.filter(facet=Interest.Facet.CATEGORY, value=value).values("subscription")
        return queryset.filter(Q(all_categories=True) | Q(pk__in=chosen))


def categories_text(subscription):
    if subscription.all_categories:
        return _("All")
    return ", ".join(subscription.category_keys())


class SubscriptionViewSet(PublicRecordViewSet):
    """Subscriptions are made and changed by their owners through signed links; here they are seen,
    exported, and deleted on request."""

    deletable = True

    model = Subscription
    name = "alert_subscriptions"
    url_prefix = "alerts/subscriptions"
    icon = "mail"
    menu_label = _("Alert subscriptions")
    menu_name = "alert-subscriptions"
    menu_order = 330
    add_to_admin_menu = True
    list_display = [
        "email",
        "status",
        "frequency",
        "language",
        Column("categories", label=_("Technology categories"), accessor=categories_text),
        "keywords",
        "created_at",
        "confirmed_at",
    ]
    list_export = ["email", "get_status_display", "get_frequency_display", "language", "keywords", "created_at"]
    export_headings = {"get_status_display": _("Status"), "get_frequency_display": _("Frequency")}
    export_filename = "alert-subscriptions"
    filterset_class = SubscriptionFilterSet
    search_fields = ["email", "keywords"]
    inspect_view_fields = [
        "email",
        "status",
        "frequency",
        "language",
        "all_categories",
        "keywords",
        "innodays",
        "reports",
        "created_at",
        "confirmed_at",
    ]

    def get_queryset(self, request):
        return Subscription.objects.prefetch_related("interests")


subscription_viewset = SubscriptionViewSet()


def counts_per_category():
    """Confirmed subscribers per technology category and frequency; "all categories" counts in each."""
    by_frequency = {f: Count("pk", filter=Q(subscription__frequency=f)) for f in Frequency.values}
    chosen = Interest.objects.filter(facet=Interest.Facet.CATEGORY, subscription__status=CONFIRMED)
    rows = {row["value"]: row for row in chosen.values("value").annotate(**by_frequency, total=Count("pk"))}
    everything = Subscription.objects.filter(status=CONFIRMED, all_categories=True).aggregate(
        **{f: Count("pk", filter=Q(frequency=f)) for f in Frequency.values}, total=Count("pk")
    )
    table = []
    for key, name in category_choices():
        row = rows.get(key, {})
        counts = [row.get(f, 0) + everything[f] for f in Frequency.values]
        table.append({"name": name, "counts": counts, "total": row.get("total", 0) + everything["total"]})
    return table, everything


def alerts_per_item(limit=50):
    counted = {s: Count("alerts", filter=Q(alerts__status=s)) for s in AlertStatus.values}
    return Announcement.objects.filter(newsworthy=True).annotate(matched=Count("alerts"), **counted)[:limit]


class OverviewView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "notifications/admin/overview.html"
    page_title = _("Alerts")
    header_icon = "mail"

    def dispatch(self, request, *args, **kwargs):
        if not can_view(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        categories, everything = counts_per_category()
        subscribers = Subscription.objects.aggregate(
            confirmed=Count("pk", filter=Q(status=CONFIRMED)), pending=Count("pk", filter=~Q(status=CONFIRMED))
        )
        return super().get_context_data(
            categories=categories,
            everything=everything,
            frequencies=Frequency.choices,
            subscribers=subscribers,
            items=alerts_per_item(),
            subscriptions_url=reverse("alert_subscriptions:index"),
            **kwargs,
        )


admin_urls = [path("alerts/", OverviewView.as_view(), name="alerts_overview")]
