"""Belonging to an organisation: a claim, the Inno Office's decision in the admin, an email either way;
a department's staff join at once from their department's email domain."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail

from accounts.models import OrganisationClaim
from catalogue.models import Organisation
from tests.accounts.test_accounts import verified_user
from tests.html import form_data, soup, text

# Emails are sent when a decision commits.
pytestmark = pytest.mark.django_db(transaction=True)


def org(key):
    return Organisation.objects.get(key=key, locale__language_code="en")


def claim(client, lang, status=302, **fields):
    url = f"/{lang}/my/organisation/"
    data = form_data(soup(client.get(url)).select_one("main form")) | {k: [str(v)] for k, v in fields.items()}
    response = client.post(url, data)
    assert response.status_code == status, text(soup(response, response.status_code).select_one("main"))[:500]
    return response


@pytest.fixture
def inno_office(client, catalogue):
    from django.test import Client

    officer = get_user_model().objects.create_user("officer", "officer@emsd.gov.hk", "pw", is_staff=False)
    officer.groups.add(Group.objects.get(name="Inno Office"))
    office = Client()
    office.force_login(officer)
    return office


def decide(office, claim, **data):
    response = office.post(f"/admin/organisation-claims/decide/{claim.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:1000]


def test_a_provider_claims_an_existing_organisation_and_the_inno_office_approves(client, catalogue, inno_office):
    user = verified_user()
    client.force_login(user)
    claim(client, "zh-hant", organisation=org("polyu").pk)
    page = soup(client.get("/zh-hant/my/organisation/"))
    assert "香港理工大學" in text(page.select_one("#claim")) and "等待創新辦公室" in text(page.select_one("#claim"))
    user.refresh_from_db()
    assert not user.is_verified_member

    listing = inno_office.get("/admin/organisation-claims/?status=pending")
    assert listing.status_code == 200 and "provider@example.hk" in listing.content.decode()
    decide(inno_office, OrganisationClaim.objects.get(), decision="approve")

    user.refresh_from_db()
    assert user.is_verified_member and user.organisation == org("polyu") and user.organisation_role == "manager"
    [email] = mail.outbox
    assert email.to == ["provider@example.hk"] and "香港理工大學" in email.subject
    page = soup(client.get("/zh-hant/my/organisation/"))
    assert "香港理工大學" in text(page.select_one("#membership")) and "機構管理人" in text(
        page.select_one("#membership")
    )


def test_a_new_organisation_rejected_with_a_reason_then_approved_in_both_languages(client, catalogue, inno_office):
    user = verified_user()
    client.force_login(user)
    new = {
        "name_en": "Tiny Robots Ltd",
        "name_zh": "小小機械人有限公司",
        "type": "start-up",
        "registration_number": "7654321",
    }
    claim(client, "en", **new)
    decide(
        inno_office, OrganisationClaim.objects.get(), decision="reject", reason="Please add your BR certificate number."
    )
    assert "not approved" in mail.outbox[0].subject and "BR certificate" in mail.outbox[0].body
    assert "Please add your BR certificate number." in text(
        soup(client.get("/en/my/organisation/")).select_one("#claim")
    )

    claim(client, "en", **new | {"registration_number": "76543210"})
    decide(inno_office, OrganisationClaim.objects.get(status="pending"), decision="approve")
    made = Organisation.objects.filter(key="tiny-robots-ltd")
    assert {(o.locale.language_code, o.name, o.type) for o in made} == {
        ("en", "Tiny Robots Ltd", "start-up"),
        ("zh-hant", "小小機械人有限公司", "start-up"),
    }
    colleague = verified_user("colleague@tinyrobots.hk")
    client.force_login(colleague)
    claim(client, "en", organisation=made.get(locale__language_code="en").pk)
    decide(inno_office, OrganisationClaim.objects.get(status="pending"), decision="approve")
    colleague.refresh_from_db()
    assert colleague.organisation_role == "member"  # the first one manages it


def test_department_staff_join_at_once_from_their_departments_domain_only(client, catalogue):
    Organisation.objects.filter(key="emsd").update(email_domains="emsd.gov.hk")
    outsider = verified_user("someone@gmail.com")
    client.force_login(outsider)
    response = claim(client, "zh-hant", status=400, organisation=org("emsd").pk)
    assert "emsd.gov.hk" in text(soup(response, 400).select_one("#form-errors"))
    assert not OrganisationClaim.objects.exists()

    staff = verified_user("engineer@emsd.gov.hk")
    client.force_login(staff)
    claim(client, "en", organisation=org("emsd").pk)
    staff.refresh_from_db()
    assert staff.is_department_user and staff.organisation_role == "manager"
    assert OrganisationClaim.objects.get().decided_by is None


def test_claims_that_cannot_be_made(client, catalogue):
    client.force_login(verified_user())
    response = claim(client, "zh-hant", status=400, name_en="Drainage Services Department", type="department")
    assert response.status_code == 400  # government organisations are not typed in by the public
    response = claim(client, "zh-hant", status=400)
    errors = text(soup(response, 400).select_one("#form-errors"))
    assert "名稱" in errors or "機構" in errors
    assert not OrganisationClaim.objects.exists()


def test_who_may_see_and_decide_claims(client, catalogue):
    assert client.get("/en/my/organisation/")["Location"].startswith("/en/accounts/login/")
    provider = verified_user()
    client.force_login(provider)
    claim(client, "en", organisation=org("polyu").pk)
    pending = OrganisationClaim.objects.get()
    assert client.get("/admin/organisation-claims/")["Location"].startswith("/admin/login/")
    editor = get_user_model().objects.create_user("editor", "editor@emsd.gov.hk", "pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    refused = client.post(f"/admin/organisation-claims/decide/{pending.pk}/", {"decision": "approve"})
    assert refused["Location"] == "/admin/"  # Wagtail's answer to a permission denied
    assert client.get("/admin/organisation-claims/")["Location"] == "/admin/"
    pending.refresh_from_db()
    assert pending.status == "pending"
