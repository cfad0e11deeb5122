from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from innodays import registration as seats
from innodays.calendar import feed_response
from innodays.forms import RegistrationForm
from innodays.models import InnoDayPage
from innodays.tokens import make_token, read_token
from innoportal.languages import content_language
from innoportal.ratelimit import allow


def innoday_page(page, request):
    """The InnoDay page; a POST is a registration."""
    form = RegistrationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not allow(request, f"innoday-{page.event_key}"):
            form.add_error(None, _("Too many attempts from your network. Please try again in a few minutes."))
        elif form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k not in ("consent", "website")}
            try:
                registration = seats.register(page, language=get_language(), **data)
            except seats.RegistrationRefused as refused:
                if refused.code == "duplicate":
                    seats.resend(page, data["email"])
                form.add_error(None, refused.message)
            else:
                token = urlencode({"t": make_token(registration, "view")})
                return redirect(f"{page.url}{page.reverse_subpage('registered')}?{token}")
    status = 400 if form.errors else 200
    return TemplateResponse(
        request, page.get_template(request), {**page.get_context(request), "form": form}, status=status
    )


@require_http_methods(["GET", "POST"])
def register(request, event_key):
    """The registration form's own address: the InnoDay is found by its key in one query, without
    routing through the page tree, so a rush of registrations costs little. A GET (a reload of a
    form with errors) goes to the page; a page visitors may not see keeps its form to itself."""
    page = (
        InnoDayPage.objects.live()
        .filter(translation_key=event_key, locale__language_code=content_language(get_language()))
        .select_related("locale")
        .first()
    )
    if page is None:
        raise Http404
    restricted = any(not restriction.accept_request(request) for restriction in page.get_view_restrictions())
    if request.method == "GET" or restricted:
        return redirect(page.url)
    return innoday_page(page, request)


def registered(page, request, token):
    registration = read_token(token, "view")
    if registration is None or registration.event_key != page.event_key:
        return HttpResponseBadRequest(_("This link is not valid."))
    return TemplateResponse(request, "events/registered.html", {"page": page, "registration": registration})


@require_http_methods(["GET", "POST"])
def cancel(request, token):
    registration = read_token(token, "cancel")
    if registration is None:
        return TemplateResponse(request, "events/link_invalid.html", status=400)
    if request.method == "POST":
        seats.cancel(registration)
        messages.success(request, _("Your registration is cancelled. Thank you for letting us know."))
        return redirect(request.path)
    event = registration.event.in_language(content_language())
    return TemplateResponse(request, "events/cancel.html", {"registration": registration, "event": event})


def calendar_feed(request):
    return feed_response(request)
