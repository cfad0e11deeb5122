"""An organisation's manager invites colleagues: the invited address, once confirmed, joins at once
through the emailed link; nobody else can use the link; a department takes only its own domains."""

import re

import pytest
from django.core import mail

from accounts.models import User
from tests.accounts.test_accounts import post_form, verified_user
from tests.html import soup, text
from tests.submissions.helpers import logged_in, member

pytestmark = pytest.mark.django_db(transaction=True)  # the invitation leaves when it commits


def invite(client, email, lang="en", status=302):
    return post_form(client, f"/{lang}/my/organisation/", {"email": email}, status=status)


def join_link():
    return re.search(r"https?://testserver(/\S+/join/\S+/)", mail.outbox[-1].body).group(1)


@pytest.mark.parametrize("lang", ["en", "zh-hant"])
def test_a_manager_invites_a_colleague_who_joins_through_the_link(catalogue, lang):
    manager = member("lead@polyu.example.hk", "polyu")
    manager.organisation_role = "manager"
    manager.save()
    invite(logged_in(manager), "Colleague@PolyU.example.hk", lang)
    [email] = mail.outbox
    assert email.to == ["colleague@polyu.example.hk"]
    assert ("香港理工大學" if lang == "zh-hant" else "The Hong Kong Polytechnic University") in email.subject
    link = join_link()

    stranger = logged_in(verified_user("stranger@example.hk"))
    response = stranger.post(link)
    assert response.status_code == 400 and "colleague@polyu.example.hk" in text(soup(response, 400).select_one("main"))
    assert not User.objects.get(email="stranger@example.hk").is_verified_member

    colleague = logged_in(verified_user("colleague@polyu.example.hk"))
    assert colleague.get(link).status_code == 200  # asks first: opening the link changes nothing
    assert not User.objects.get(email="colleague@polyu.example.hk").is_verified_member
    assert colleague.post(link).status_code == 302
    joined = User.objects.get(email="colleague@polyu.example.hk")
    assert joined.is_verified_member and joined.organisation.key == "polyu" and joined.organisation_role == "member"
    page = soup(colleague.get(f"/{lang}/my/organisation/"))
    assert "colleague@polyu.example.hk" in text(page.select_one("#colleagues"))
    assert colleague.post(link).status_code == 404  # used: the link is spent


def test_only_the_manager_invites_and_a_department_only_its_own_domain(catalogue):
    plain = member("someone@polyu.example.hk", "polyu")
    page = soup(logged_in(plain).get("/en/my/organisation/"))
    assert not page.select_one("#invite-heading")
    department = member("lead@emsd.gov.hk", "emsd")
    department.organisation_role = "manager"
    department.save()
    from catalogue.models import Organisation

    Organisation.objects.filter(key="emsd").update(email_domains="emsd.gov.hk")
    response = invite(logged_in(department), "friend@gmail.com", status=400)
    assert "emsd.gov.hk" in text(soup(response, 400).select_one("#form-errors"))
    assert not mail.outbox
    invite(logged_in(department), "new.colleague@emsd.gov.hk")
    assert mail.outbox[-1].to == ["new.colleague@emsd.gov.hk"]


def test_a_tampered_link_is_refused(catalogue):
    client = logged_in(verified_user("x@example.hk"))
    response = client.get("/en/my/organisation/join/not-a-token/")
    assert response.status_code == 404 and "not valid" in text(soup(response, 404).select_one("main"))
