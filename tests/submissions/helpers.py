"""Providers, department users and reviewers for submission tests, and acting as each of them."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone
from wagtail.models import WorkflowState

from catalogue.models import Organisation
from tests.accounts.test_accounts import verified_user
from tests.html import form_data, soup, text


def organisation(key):
    return Organisation.objects.get(key=key, locale__language_code="en")


def member(email, organisation_key):
    """A verified member of the organisation."""
    user = verified_user(email)
    user.organisation, user.member_since = organisation(organisation_key), timezone.now()
    user.organisation_role = "member"
    user.save()
    return user


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def reviewer(username, group):
    """An admin user in one group only (not a superuser, not staff: as the Users admin makes them)."""
    user = get_user_model().objects.create_user(username, f"{username}@emsd.gov.hk", "pw", is_staff=False)
    user.groups.add(Group.objects.get(name=group))
    return logged_in(user)


def fill(client, url, changes, files=None, button="send", status=302):
    """Fill the form at `url` as a person would, press `button`, and return the response."""
    page = soup(client.get(url))
    form = page.select_one("main form[enctype]")
    data = form_data(form)
    for name, value in changes.items():
        data[name] = value if isinstance(value, list) else [str(value)]
    data[button] = ["1"]
    response = client.post(url, {**data, **(files or {})})
    assert response.status_code == status, text(soup(response, response.status_code).select_one("main"))[:800]
    return response


def act(reviewer_client, page, action, comment=""):
    """A reviewer's action on the page's current vetting task, through the admin's workflow action."""
    state = WorkflowState.objects.active().get(object_id=str(page.pk))
    task_state = state.current_task_state
    url = f"/admin/pages/workflow/action/{page.pk}/{action}/{task_state.pk}/"
    response = reviewer_client.post(url, {"comment": comment})
    assert response.status_code == 302, response.content.decode()[:800]
    return response
