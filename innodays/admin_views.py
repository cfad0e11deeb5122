"""The organisers' tools in the Wagtail admin: registrations, the InnoDays overview, promotion and check-in.

Every view here is registered through the ``register_admin_urls`` hook (see ``innodays/wagtail_hooks.py``), so it
lives under /admin/ and asks for an admin login like any other Wagtail admin view.
"""

from urllib.parse import urlencode

import django_filters
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permissions import policy_registry

from innodays import registration as seats
from innodays.models import InnoDayPage, Registration
from innodays.tokens import read_token
from innoportal.admin_viewsets import PublicRecordViewSet

Status = Registration.Status
REGISTRATIONS_INDEX = "innoday_registrations:index"


# Permissions: viewing needs any permission on registrations; promoting and checking in need "change".


def permission_policy():
    return policy_registry.get_by_type(Registration)


def can_view(user):
    return permission_policy().user_has_any_permission(user, ["view", "change"])


def can_change(user):
    return permission_policy().user_has_permission(user, "change")


def check(user, allowed):
    if not allowed(user):
        raise PermissionDenied


# InnoDays: one per translation key, shown as its page in the default language ("en"), else its first translation.


def rank(page):
    return (page.locale.language_code != settings.LANGUAGE_CODE, page.pk)


def innodays():
    """One page per InnoDay, newest first."""
    chosen = {}
    for page in InnoDayPage.objects.select_related("locale"):
        current = chosen.get(page.translation_key)
        if current is None or rank(page) < rank(current):
            chosen[page.translation_key] = page
    return sorted(chosen.values(), key=lambda page: page.starts, reverse=True)


def innoday_for(page):
    """The translation of an InnoDay that the admin shows."""
    return min(page.get_translations(inclusive=True).select_related("locale").specific(), key=rank, default=page)


def innoday_choices():
    return [(str(page.translation_key), page.title) for page in innodays()]


def registrations_url(page=None, **params):
    url = reverse(REGISTRATIONS_INDEX)
    if page is not None:
        params = {"event_key": page.event_key, **params}
    if params:
        url += "?" + urlencode(params)
    return url


# 1. The registrations listing.


class RegistrationFilterSet(WagtailFilterSet):
    event_key = django_filters.ChoiceFilter(label=_("InnoDay"), choices=innoday_choices, empty_label=_("All"))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Status.choices, empty_label=_("All"))

    class Meta:
        model = Registration
        fields = []


class PromoteColumn(Column):
    """A small "Promote" form for waitlisted registrations."""

    cell_template_name = "events/admin/promote_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        context["csrf_token"] = get_token(request) if request else ""
        context["promote_url"] = reverse("innoday_promote", args=[instance.pk])
        context["can_promote"] = instance.status == Status.WAITLISTED and request and can_change(request.user)
        return context


def local_time(value):
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


class RegistrationIndexView(IndexView):
    custom_field_preprocess = {
        "created_at": {IndexView.FORMAT_CSV: local_time},
        "attended_at": {IndexView.FORMAT_CSV: local_time},
    }

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("event")


class RegistrationViewSet(PublicRecordViewSet):
    """Organisers view, export, promote and check in registrations; people register on the InnoDay page."""

    model = Registration
    name = "innoday_registrations"
    url_prefix = "innodays/registrations"
    icon = "clipboard-list"
    menu_label = _("InnoDay registrations")
    menu_name = "innoday-registrations"
    menu_order = 310
    add_to_admin_menu = True
    index_view_class = RegistrationIndexView
    list_display = [
        "name",
        "email",
        "organisation",
        "sector",
        "status",
        "created_at",
        "attended_at",
        Column("event", label=_("InnoDay"), accessor="event.title", sort_key="event__title"),
        PromoteColumn("promote", label=""),
    ]
    filterset_class = RegistrationFilterSet
    search_fields = ["name", "email", "organisation"]
    list_export = [
        "name",
        "email",
        "organisation",
        "get_sector_display",
        "get_status_display",
        "created_at",
        "attended_at",
        "event.title",
    ]
    export_headings = {
        "get_sector_display": _("Sector"),
        "get_status_display": _("Status"),
        "event.title": _("InnoDay"),
    }
    export_filename = "innoday-registrations"
    inspect_view_fields = [
        "name",
        "email",
        "organisation",
        "sector",
        "accessibility_needs",
        "language",
        "status",
        "created_at",
        "promoted_at",
        "cancelled_at",
        "attended_at",
        "event",
    ]
    # Registrations are made by the public on the InnoDay page, never added, edited or deleted here.


registration_viewset = RegistrationViewSet()


# 2. The InnoDays overview.


class AdminTemplateView(WagtailAdminTemplateMixin, TemplateView):
    allowed = staticmethod(can_view)

    def dispatch(self, request, *args, **kwargs):
        check(request.user, self.allowed)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": reverse("innoday_overview"), "label": _("InnoDays")}]


class OverviewView(AdminTemplateView):
    template_name = "events/admin/overview.html"
    page_title = _("InnoDays")
    header_icon = "calendar-check"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        days = innodays()
        counts = seats.seat_counts_of(days)  # one query for all of them
        rows = []
        for page in days:
            rows.append(
                {
                    "page": page,
                    "counts": counts[page.event_key],
                    "registrations_url": registrations_url(page),
                    "check_in_url": reverse("innoday_check_in_list", args=[page.pk]),
                    "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk]),
                }
            )
        return super().get_context_data(rows=rows, **kwargs)


# 3. Manual promotion from the waitlist.


def back_to_listing(request):
    referer = request.headers.get("referer", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(referer)
    return redirect(REGISTRATIONS_INDEX)


@require_POST
def promote(request, pk):
    check(request.user, can_change)
    registration = get_object_or_404(Registration, pk=pk, anonymised_at__isnull=True)
    try:
        registration = seats.promote(registration)
    except seats.RegistrationRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(
            request,
            _("%(name)s is promoted from the waitlist; they will get an email with their ticket.")
            % {"name": registration.name},
        )
        counts = seats.seat_counts(registration.event)
        if counts["confirmed"] > counts["capacity"]:
            messages.warning(
                request,
                _("The InnoDay now has %(confirmed)s confirmed people for %(capacity)s seats.") % counts,
            )
    return back_to_listing(request)


# 4. The door check-in list.


class CheckInListView(AdminTemplateView):
    template_name = "events/admin/check_in_list.html"
    header_icon = "tick"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        page = get_object_or_404(InnoDayPage, pk=kwargs["page_id"])
        self.event = innoday_for(page)

    def get_page_title(self):
        return _("Check-in")

    def get_page_subtitle(self):
        return self.event.title

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.get_header_title()}]

    @cached_property
    def query(self):
        return self.request.GET.get("q", "").strip()

    def confirmed(self):
        return Registration.objects.filter(
            event_key=self.event.event_key, status=Status.CONFIRMED, anonymised_at__isnull=True
        )

    def get_context_data(self, **kwargs):
        registrations = self.confirmed()
        if self.query:
            registrations = registrations.filter(Q(name__icontains=self.query) | Q(email__icontains=self.query))
        counts = seats.seat_counts(self.event)
        attended = self.confirmed().filter(attended_at__isnull=False).count()
        return super().get_context_data(
            event=self.event,
            query=self.query,
            registrations=registrations.order_by("name", "pk"),
            attended=attended,
            confirmed=counts["confirmed"],
            overview_url=reverse("innoday_overview"),
            **kwargs,
        )

    def post(self, request, page_id):
        check(request.user, can_change)
        registration = self.confirmed().filter(pk=request.POST.get("registration") or 0).first()
        if registration is None:
            messages.error(request, _("This person is not confirmed for this InnoDay."))
        else:
            mark(request, registration)
        url = reverse("innoday_check_in_list", args=[page_id])
        query = request.POST.get("q", "").strip()
        if query:
            url += "?" + urlencode({"q": query})
        return redirect(url)


def mark(request, registration):
    try:
        registration = seats.mark_attended(registration)
    except seats.RegistrationRefused as refused:
        messages.error(request, refused.message)
        return None
    messages.success(
        request,
        _("%(name)s is checked in at %(time)s.")
        % {"name": registration.name, "time": timezone.localtime(registration.attended_at).strftime("%H:%M")},
    )
    return registration


# 5. Check-in by QR code.


class CheckInView(AdminTemplateView):
    """The QR code in the confirmation email opens this page on a staff member's phone."""

    template_name = "events/admin/check_in.html"
    header_icon = "tick"
    page_title = _("Check-in")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.registration = read_token(kwargs["token"], "check-in")

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = {"registration": self.registration}
        if self.registration is not None:
            event = innoday_for(self.registration.event)
            context.update(
                event=event,
                check_in_list_url=reverse("innoday_check_in_list", args=[event.pk]),
                reason=self.refusal(self.registration),
            )
        return super().get_context_data(**context, **kwargs)

    @staticmethod
    def refusal(registration):
        if registration.status == Status.CANCELLED:
            return _("This registration was cancelled, so this person has no seat. Do not let them in on it.")
        if registration.status == Status.WAITLISTED:
            return _(
                "This person is on the waitlist and has no seat yet. They can come in only if they are promoted "
                "(from the registrations listing) when a seat is free."
            )
        return ""

    def get(self, request, *args, **kwargs):
        if self.registration is None:
            return self.invalid()
        return super().get(request, *args, **kwargs)

    def post(self, request, token):
        check(request.user, can_change)
        if self.registration is None:
            return self.invalid()
        if mark(request, self.registration) is None:
            self.registration.refresh_from_db()
            return self.render_to_response(self.get_context_data(), status=409)
        return redirect(request.path)

    def invalid(self):
        self.template_name = "events/admin/check_in_invalid.html"
        return self.render_to_response(self.get_context_data(), status=400)
