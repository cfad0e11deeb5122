"""An editor choosing organisations and categories in a page's editor is offered those in the page's
language only; one of another language is refused with a message, and nothing chosen before is lost."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Locale

from catalogue.models import Organisation, TechnologyCategory, WishPage
from innodays.models import InnoDayPage
from tests.html import form_data, soup, text


@pytest.fixture
def editor(client, db):
    client.force_login(get_user_model().objects.create_superuser("editor", "editor@example.gov.hk", "pw"))
    return client


def editor_form(response):
    forms = soup(response).select("form")
    return max(forms, key=lambda form: len(form.select("input, select, textarea")))


def offered(form, name):
    """The choices a field offers, by their labels: {label: value}, and the labels chosen."""
    if form.select_one(f"select[name={name}]"):
        options = form.select(f"select[name={name}] option[value!='']")
        return {text(o): o["value"] for o in options}, {text(o) for o in options if o.has_attr("selected")}
    boxes = form.select(f"input[name={name}]")
    labels = {box["value"]: text(box.find_parent("label")) for box in boxes}
    return {labels[b["value"]]: b["value"] for b in boxes}, {labels[b["value"]] for b in boxes if b.has_attr("checked")}


def taxonomy(model, key, language):
    return model.objects.get(key=key, locale__language_code=language)


def errors(response):
    return " ".join(text(node) for node in soup(response).select(".error-message, .w-field__errors"))


def test_an_english_wish_offers_english_organisations_and_categories_only(editor, catalogue):
    wish = WishPage.objects.get(item__key="W-0002", locale__language_code="en")
    form = editor_form(editor.get(f"/admin/pages/{wish.pk}/edit/"))
    organisations, chosen = offered(form, "organisation")
    assert set(organisations) == {
        "Electrical and Mechanical Services Department",
        "The Hong Kong Polytechnic University",
        "Guangdong Academy of Sciences",
    }
    assert chosen == {"Electrical and Mechanical Services Department"}
    categories, chosen = offered(form, "categories")
    assert set(categories) == {"Energy efficiency", "Robotics applications"} and chosen == {"Robotics applications"}
    english = set(Organisation.objects.filter(locale__language_code="en").values_list("pk", flat=True))
    assert {int(pk) for pk in organisations.values()} == english


def test_a_new_chinese_wish_offers_the_chinese_ones(editor, catalogue):
    index = WishPage.objects.get(item__key="W-0001", locale__language_code="zh-hant").get_parent()
    form = editor_form(editor.get(f"/admin/pages/add/catalogue/wishpage/{index.pk}/"))
    assert set(offered(form, "organisation")[0]) == {"機電工程署", "香港理工大學", "廣東省科學院"}
    assert set(offered(form, "categories")[0]) == {"能源效益", "機械人應用"}


def test_another_languages_organisation_is_refused_with_a_message_and_the_pages_own_is_saved(editor, catalogue):
    zh = WishPage.objects.get(item__key="W-0002", locale__language_code="zh-hant")
    url = f"/admin/pages/{zh.pk}/edit/"
    data = form_data(editor_form(editor.get(url)))
    english_polyu = taxonomy(Organisation, "polyu", "en")
    refused = editor.post(url, data | {"organisation": [str(english_polyu.pk)], "action-publish": ["1"]})
    assert refused.status_code == 200
    message = "“The Hong Kong Polytechnic University” is in English: choose one in this page's language, 繁體中文."
    assert message in errors(refused)
    english_robotics = taxonomy(TechnologyCategory, "robotics", "en")
    refused = editor.post(url, data | {"categories": [str(english_robotics.pk)], "action-publish": ["1"]})
    assert refused.status_code == 200 and "“Robotics applications” is in English" in errors(refused)
    assert WishPage.objects.get(pk=zh.pk).item.organisation.key == "emsd"

    chinese_polyu = taxonomy(Organisation, "polyu", "zh-hant")
    chinese_energy = taxonomy(TechnologyCategory, "energy-efficiency", "zh-hant")
    changes = {"organisation": [str(chinese_polyu.pk)], "categories": [str(chinese_energy.pk)]}
    assert editor.post(url, data | changes | {"action-publish": ["1"]}).status_code == 302
    item = WishPage.objects.get(pk=zh.pk).item
    # Facts point at the default language's version, whichever editor chose it; pages name it in theirs.
    assert item.organisation == english_polyu
    assert list(item.categories.all()) == [taxonomy(TechnologyCategory, "energy-efficiency", "en")]
    en = WishPage.objects.get(item__key="W-0002", locale__language_code="en")
    assert en.organisation.name == "The Hong Kong Polytechnic University"
    assert WishPage.objects.get(pk=zh.pk).organisation.name == "香港理工大學"
    form = editor_form(editor.get(f"/admin/pages/{en.pk}/edit/"))
    assert offered(form, "organisation")[1] == {"The Hong Kong Polytechnic University"}
    assert offered(form, "categories")[1] == {"Energy efficiency"}


def test_a_category_not_yet_in_the_pages_language_is_kept_not_offered(editor, catalogue):
    chinese = Locale.objects.get(language_code="zh-hant")
    drones = TechnologyCategory.objects.create(key="drones", name="無人機", locale=chinese)  # no English yet
    en = WishPage.objects.get(item__key="W-0002", locale__language_code="en")
    en.item.categories.add(drones)
    url = f"/admin/pages/{en.pk}/edit/"
    page = soup(editor.get(url))
    categories, chosen = offered(editor_form(editor.get(url)), "categories")
    assert "無人機" not in categories and chosen == {"Robotics applications"}
    assert "kept, having no version in this page's language yet: 無人機" in text(page)
    data = form_data(editor_form(editor.get(url)))
    assert editor.post(url, data | {"action-publish": ["1"]}).status_code == 302
    assert {c.key for c in WishPage.objects.get(pk=en.pk).item.categories.all()} == {"robotics", "drones"}


def test_an_innodays_co_organisers_are_offered_in_its_language(editor, catalogue, innoday):
    zh = InnoDayPage.objects.get(pk=innoday["zh-hant"].pk)
    url = f"/admin/pages/{zh.pk}/edit/"
    form = editor_form(editor.get(url))
    organisations, chosen = offered(form, "co_organisers")
    assert set(organisations) == {"機電工程署", "香港理工大學", "廣東省科學院"} and not chosen
    data = form_data(form) | {"agenda-count": ["0"]}  # the empty agenda, which the browser's script sends
    english_gdas = taxonomy(Organisation, "gdas", "en")
    refused = editor.post(url, data | {"co_organisers": [str(english_gdas.pk)], "action-publish": ["1"]})
    assert refused.status_code == 200
    assert "“Guangdong Academy of Sciences” is in English" in errors(refused)
    chinese_gdas = taxonomy(Organisation, "gdas", "zh-hant")
    assert (
        editor.post(url, data | {"co_organisers": [str(chinese_gdas.pk)], "action-publish": ["1"]}).status_code == 302
    )
    assert list(InnoDayPage.objects.get(pk=zh.pk).co_organisers.all()) == [chinese_gdas]
    assert "廣東省科學院" in text(soup(editor.get(zh.url)).select_one("main"))
