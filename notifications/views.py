"""Subscribing at /<lang>/alerts/, confirming, managing and unsubscribing through the signed links."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from innoportal.ratelimit import allow
from notifications import subscriptions
from notifications.feeds import feed_links
from notifications.forms import PreferencesForm, SubscribeForm
from notifications.tokens import make_token, read_token


def form_response(request, template, context, form):
    return TemplateResponse(request, template, {**context, "form": form}, status=400 if form.errors else 200)


def invalid_link(request, link):
    return TemplateResponse(request, "notifications/link_invalid.html", {"expired": link.expired}, status=400)


@require_http_methods(["GET", "POST"])
def subscribe(request):
    form = SubscribeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not allow(request, "alerts-subscribe", settings.ALERTS_RATE_LIMIT):
            form.add_error(None, _("Too many attempts from your network. Please try again in a few minutes."))
        elif form.is_valid():
            subscriptions.request_subscription(form.cleaned_data["email"], **form.choices())
            return redirect("alerts_requested")
    context = {"days": settings.ALERTS_CONFIRM_DAYS, "feeds": feed_links(request)}
    return form_response(request, "notifications/subscribe.html", context, form)


@require_GET
def requested(request):
    return TemplateResponse(request, "notifications/requested.html", {"days": settings.ALERTS_CONFIRM_DAYS})


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """The link in the confirmation email shows what will be sent; the button confirms.

    A button, not the link alone: mail scanners follow links, and must not subscribe anyone.
    """
    link = read_token(token, "confirm")
    subscription = link.subscription
    if not link.valid or subscription is None:
        return invalid_link(request, link)
    if request.method == "POST":
        subscriptions.confirm(subscription)
        messages.success(request, _("Your subscription is confirmed. The next alert will come by email."))
        return redirect("alerts_manage", make_token(subscription, "manage"))
    form = PreferencesForm(initial=PreferencesForm.initial_for(subscription))
    return TemplateResponse(request, "notifications/confirm.html", {"subscription": subscription, "form": form})


@require_http_methods(["GET", "POST"])
def manage(request, token):
    link = read_token(token, "manage")
    subscription = link.subscription
    if not link.valid:
        return invalid_link(request, link)
    if subscription is None:
        return TemplateResponse(request, "notifications/unsubscribed.html")
    if request.method == "POST":
        form = PreferencesForm(request.POST)
        if form.is_valid():
            subscriptions.set_choices(subscription, **form.choices())
            messages.success(request, _("Your choices are saved."))
            return redirect(request.path)
    else:
        form = PreferencesForm(initial=PreferencesForm.initial_for(subscription))
    context = {
        "subscription": subscription,
        "unsubscribe_url": reverse("alerts_unsubscribe", args=[make_token(subscription, "unsubscribe")]),
    }
    return form_response(request, "notifications/manage.html", context, form)


@csrf_exempt  # RFC 8058: mail programs POST "List-Unsubscribe=One-Click" with no cookie; the signed link is the proof
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    link = read_token(token, "unsubscribe")
    if not link.valid:
        return invalid_link(request, link)
    if link.subscription is None:
        return TemplateResponse(request, "notifications/unsubscribed.html")
    if request.method == "POST":
        subscriptions.unsubscribe(link.subscription)
        return TemplateResponse(request, "notifications/unsubscribed.html")
    return TemplateResponse(request, "notifications/unsubscribe.html", {"subscription": link.subscription})
