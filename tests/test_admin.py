import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Locale

from catalogue.models import Organisation, SolutionPage, TechnologyCategory, TrialPage, WishPage
from home.models import HomePage, PartnersPage, StandardPage


@pytest.fixture
def editor(client, db):
    user = get_user_model().objects.create_superuser("editor", "editor@example.gov.hk", "pw")
    client.force_login(user)
    return client


@pytest.mark.parametrize("model", [HomePage, StandardPage, PartnersPage, WishPage, SolutionPage, TrialPage])
def test_every_page_type_opens_in_the_editor(editor, catalogue, model):
    page = model.objects.filter(locale__language_code="zh-hant").first()
    response = editor.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    assert page.title in response.content.decode()


def test_taxonomy_snippets_are_listed_and_editable(editor, catalogue):
    listing = editor.get("/admin/snippets/catalogue/organisation/")
    assert listing.status_code == 200 and "香港理工大學" in listing.content.decode()
    category = TechnologyCategory.objects.get(key="robotics", locale__language_code="en")
    assert editor.get(f"/admin/snippets/catalogue/technologycategory/edit/{category.pk}/").status_code == 200


def test_editing_a_wish_in_the_admin_makes_a_revision(editor, catalogue):
    wish = WishPage.objects.get(item__key="W-0002", locale__language_code="en")
    revisions = wish.revisions.count()
    wish.title = "Robots that clean drains"
    wish.save_revision(user=None).publish()
    assert wish.revisions.count() == revisions + 1
    assert editor.get(f"/admin/pages/{wish.pk}/history/").status_code == 200


def test_wagtail_localize_offers_to_translate_a_new_page(editor, catalogue):
    # A new English wish made by an editor can be sent to translation through wagtail-localize.
    index = WishPage.objects.get(item__key="W-0001", locale__language_code="en").get_parent()
    wish = WishPage(title="Quieter pumps", summary="Less noise.")
    wish.set_facts(organisation=Organisation.objects.first(), published_on="2026-11-01")
    index.add_child(instance=wish)
    response = editor.get(f"/admin/localize/submit/page/{wish.pk}/")
    assert response.status_code == 200
    assert "繁體中文" in response.content.decode()
    chinese = Locale.objects.get(language_code="zh-hant")
    response = editor.post(f"/admin/localize/submit/page/{wish.pk}/", {"locales": [chinese.pk]})
    assert response.status_code == 302
    assert wish.get_translations().filter(locale__language_code="zh-hant").exists()
    assert wish.key and wish.key.startswith("W-")
