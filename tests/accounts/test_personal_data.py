"""A person's own data: downloaded whole, and deleted on request; what they published stays."""

import json

from django.contrib.auth import get_user_model

from accounts import membership
from accounts.models import OrganisationClaim
from catalogue.models import Organisation
from tests.accounts.test_accounts import verified_user
from tests.html import soup, text


def member_of(user, key):
    claim = membership.make_claim(user, organisation=Organisation.objects.get(key=key, locale__language_code="en"))
    return membership.approve(claim, by=None)


def test_my_data_downloads_as_json_with_nothing_of_anyone_else(client, catalogue):
    me, other = verified_user("me@example.hk"), verified_user("other@example.hk")
    member_of(me, "polyu")
    membership.make_claim(other, name_en="Other Co", type="company")
    client.force_login(me)
    response = client.get("/zh-hant/my/account/export/")
    assert response["Content-Disposition"] == 'attachment; filename="innoportal-my-data.json"'
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["account"]["email"] == "me@example.hk"
    assert data["organisation"]["key"] == "polyu" and data["organisation"]["role"] == "manager"
    assert [c["status"] for c in data["organisation_claims"]] == ["approved"]
    assert "other@example.hk" not in response.content.decode() and "Other Co" not in response.content.decode()
    assert "password" not in response.content.decode()


def test_deleting_my_account_needs_my_password_and_keeps_the_organisation(client, catalogue):
    me, colleague = verified_user("me@example.hk"), verified_user("colleague@example.hk")
    member_of(me, "polyu")
    member_of(colleague, "polyu")
    client.force_login(me)
    refused = client.post("/zh-hant/my/account/", {"password": "wrong"})
    assert refused.status_code == 400 and "不是你的密碼" in text(soup(refused, 400).select_one("#form-errors"))
    assert get_user_model().objects.filter(email="me@example.hk").exists()

    response = client.post("/zh-hant/my/account/", {"password": "Tr1al-and-error"})
    assert response.status_code == 302
    assert not get_user_model().objects.filter(email="me@example.hk").exists()
    assert not OrganisationClaim.objects.filter(user__email="me@example.hk").exists()
    assert "_auth_user_id" not in client.session
    colleague.refresh_from_db()
    assert colleague.organisation_role == "manager"  # the organisation passes to its other member
    assert Organisation.objects.filter(key="polyu").count() == 2


def test_admin_users_are_not_deleted_from_the_public_site(client, catalogue):
    editor = verified_user("editor@emsd.gov.hk", is_staff=True)
    client.force_login(editor)
    page = soup(client.get("/en/my/account/"))
    assert page.select_one("#delete-account") is None
    client.post("/en/my/account/", {"password": "Tr1al-and-error"})
    assert get_user_model().objects.filter(pk=editor.pk).exists()
