"""One item, one set of facts: changing a fact in any language's editor changes it everywhere at once."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, Translation

from catalogue.models import Organisation, SolutionPage, TechnologyCategory, Wish, WishPage
from search.models import SearchDocument
from tests.html import form_data, soup, text


@pytest.fixture
def editor(client, db):
    client.force_login(get_user_model().objects.create_superuser("editor", "editor@example.gov.hk", "pw"))
    return client


def edit_form(editor, url):
    forms = soup(editor.get(url)).select("form")
    return form_data(max(forms, key=lambda form: len(form.select("input, select, textarea"))))


def test_a_fact_changed_in_the_chinese_editor_changes_it_in_every_language(
    editor, catalogue, django_capture_on_commit_callbacks
):
    zh = WishPage.objects.get(item__key="W-0002", locale__language_code="zh-hant")
    data = edit_form(editor, f"/admin/pages/{zh.pk}/edit/")
    assert "key" not in data  # shown, but a key never changes once made
    robotics, energy = (  # offered in the page's language
        TechnologyCategory.objects.get(key=k, locale__language_code="zh-hant")
        for k in ("robotics", "energy-efficiency")
    )
    data |= {"status": ["matched"], "categories": [str(robotics.pk), str(energy.pk)], "action-publish": ["1"]}
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(f"/admin/pages/{zh.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:2000]

    en = WishPage.objects.get(item__key="W-0002", locale__language_code="en")
    assert en.status == zh.item.status == "matched" and en.item_id == zh.item_id
    page = soup(editor.get(en.url))
    assert text(page.select_one(".badge")) == "Matched"
    assert {text(a) for a in page.select(".tags a")} == {"Robotics applications", "Energy efficiency"}
    zh_page = soup(editor.get(zh.url))
    assert {text(a) for a in zh_page.select(".tags a")} == {"機械人應用", "能源效益"}
    listed = soup(editor.get("/en/wishes/?status=matched&category=energy-efficiency"))
    assert "Robots to clean drains" in text(listed.select_one("main"))
    api = editor.get(f"/api/v2/pages/{en.pk}/").json()
    assert api["status"] == "matched" and sorted(api["categories"]) == ["energy-efficiency", "robotics"]
    documents = SearchDocument.objects.filter(key="W-0002")
    assert {d.status for d in documents} == {"matched"} and documents.count() >= 2
    assert all(sorted(d.category_keys()) == ["energy-efficiency", "robotics"] for d in documents)


def test_a_draft_saved_before_a_fact_changed_does_not_bring_the_old_fact_back(editor, catalogue):
    en = WishPage.objects.get(item__key="W-0002", locale__language_code="en")
    en.title = "Robots that clean drains"
    draft = en.save_revision()
    zh = WishPage.objects.get(item__key="W-0002", locale__language_code="zh-hant")
    zh.set_facts(status="closed")
    zh.save_revision().publish()
    draft.publish()
    assert {p.status for p in WishPage.objects.filter(item__key="W-0002")} == {"closed"}
    assert WishPage.objects.get(pk=en.pk).title == "Robots that clean drains"


def test_an_organisations_type_changed_in_one_language_changes_in_all(editor, catalogue):
    zh = Organisation.objects.get(key="polyu", locale__language_code="zh-hant")
    url = f"/admin/snippets/catalogue/organisation/edit/{zh.pk}/"
    data = edit_form(editor, url) | {"type": ["research-institute"], "website": ["https://www.polyu.edu.hk/"]}
    assert editor.post(url, data).status_code == 302
    versions = Organisation.objects.filter(key="polyu")
    assert {(o.type, o.website) for o in versions} == {("research-institute", "https://www.polyu.edu.hk/")}
    assert {o.name for o in versions} == {"The Hong Kong Polytechnic University", "香港理工大學"}


def translate_through_the_editor(editor, page, translations):
    """Send `page` to Chinese translation, translate its strings in the translation editor, publish."""
    chinese = Locale.objects.get(language_code="zh-hant")
    assert editor.post(f"/admin/localize/submit/page/{page.pk}/", {"locales": [chinese.pk]}).status_code == 302
    translation = Translation.objects.get(source__object_id=page.translation_key, target_locale=chinese)
    segments = StringSegment.objects.filter(source=translation.source).select_related("string", "context")
    offered = {segment.context.path for segment in segments}
    assert "key" not in offered and not any(path.startswith("item") for path in offered)
    for segment in segments:
        url = f"/admin/localize/translate/{translation.pk}/strings/{segment.pk}/edit/"
        chinese_text = translations.get(segment.string.data, segment.string.data)  # the slug stays
        answer = editor.put(url, f"value={chinese_text}", content_type="application/x-www-form-urlencoded")
        assert answer.status_code in (200, 201), answer.content
    target = page.get_translation(chinese)
    assert editor.post(f"/admin/pages/{target.pk}/edit/", {"action": "publish"}).status_code == 302
    return target  # published once the transaction commits


def test_translating_a_wish_and_a_solution_keeps_their_facts_and_relations(
    editor, catalogue, django_capture_on_commit_callbacks
):
    index = WishPage.objects.get(item__key="W-0001", locale__language_code="en").get_parent()
    emsd = Organisation.objects.get(key="emsd", locale__language_code="en")
    polyu = Organisation.objects.get(key="polyu", locale__language_code="en")
    robotics = TechnologyCategory.objects.get(key="robotics", locale__language_code="en")
    wish = WishPage(title="Quieter pumps", summary="Less noise.")
    wish.set_facts(organisation=emsd, categories=[robotics], status="matched", published_on="2026-11-01")
    index.add_child(instance=wish)
    wish.save_revision().publish()
    solution = SolutionPage(title="Silent pump drive", summary="A drive without the hum.")
    solution.set_facts(
        organisation=polyu, categories=[robotics], trl=7, published_on="2026-11-02", applicable_to=[wish.item]
    )
    SolutionPage.objects.get(item__key="S-0001", locale=wish.locale).get_parent().add_child(instance=solution)
    solution.save_revision().publish()

    words = {
        "Quieter pumps": "更寧靜的水泵",
        "Less noise.": "減少噪音。",
        "Silent pump drive": "靜音水泵驅動器",
        "A drive without the hum.": "沒有嗡嗡聲的驅動器。",
    }
    with django_capture_on_commit_callbacks(execute=True):
        zh_wish = translate_through_the_editor(editor, wish, words)
        zh_solution = translate_through_the_editor(editor, solution, words)
    zh_wish, zh_solution = WishPage.objects.get(pk=zh_wish.pk), SolutionPage.objects.get(pk=zh_solution.pk)

    assert zh_wish.live and zh_wish.title == "更寧靜的水泵" and zh_wish.item_id == wish.item_id
    assert zh_wish.status == "matched" and zh_wish.organisation.name == "機電工程署"
    assert [c.name for c in zh_wish.category_list()] == ["機械人應用"]
    assert zh_solution.item_id == solution.item_id and zh_solution.trl == 7
    assert zh_solution.organisation.name == "香港理工大學"
    assert list(zh_solution.live_wishes()) == [zh_wish]
    assert list(zh_wish.live_solutions()) == [zh_solution]
    page = soup(editor.get(zh_solution.url))
    assert "更寧靜的水泵" in text(page) and "香港理工大學" in text(page)
    assert Wish.objects.filter(key=wish.key).count() == 1


def test_an_editor_creates_a_wish_with_its_facts_and_a_key_is_made(editor, catalogue):
    index = WishPage.objects.get(item__key="W-0001", locale__language_code="zh-hant").get_parent()
    url = f"/admin/pages/add/catalogue/wishpage/{index.pk}/"
    emsd = Organisation.objects.get(key="emsd", locale__language_code="zh-hant")
    robotics = TechnologyCategory.objects.get(key="robotics", locale__language_code="zh-hant")
    data = edit_form(editor, url) | {
        "title": ["清洗水缸的機械人"],
        "slug": ["tank-robots"],
        "summary": ["清洗食水缸。"],
        "organisation": [str(emsd.pk)],
        "categories": [str(robotics.pk)],
        "status": ["open"],
        "published_on": ["2026-11-20"],
    }
    taken = dict(data, key=["W-0001"])
    refused = editor.post(url, taken)
    assert refused.status_code == 200 and "Another item already has this key." in refused.content.decode()
    assert not WishPage.objects.filter(slug="tank-robots").exists()
    assert editor.post(url, data | {"action-publish": ["1"]}).status_code == 302
    page = WishPage.objects.get(slug="tank-robots")
    assert page.live and page.key.startswith("W-") and page.item.translation_key == page.translation_key
    assert page.organisation.name == "機電工程署" and [c.name for c in page.category_list()] == ["機械人應用"]


def test_translators_are_offered_text_only(db):
    """wagtail-localize: of every translatable model of ours, only text is translated; keys, facts,
    dates, numbers, choices and relations are the same in every language."""
    from django.apps import apps
    from django.db import models
    from wagtail.fields import RichTextField, StreamField
    from wagtail.models import TranslatableMixin
    from wagtail_localize.fields import get_translatable_fields

    ours = ("catalogue", "events", "innozone", "home", "notifications")
    checked = 0
    for model in apps.get_models():
        if not issubclass(model, TranslatableMixin) or model._meta.app_label not in ours:
            continue
        for field in get_translatable_fields(model):
            db_field = model._meta.get_field(field.field_name)
            identifier = isinstance(db_field, (models.URLField, models.EmailField, models.SlugField))
            identifier = identifier or field.field_name == "email_domains"
            text = isinstance(db_field, (models.TextField, RichTextField, StreamField)) or (
                isinstance(db_field, models.CharField) and not db_field.choices and not identifier
            )
            text = text or field.field_name == "slug"  # each language has its own address
            assert field.is_translated(model()) == (text and field.field_name != "key"), (model, field)
            checked += 1
    assert checked > 50
    for model in (WishPage, SolutionPage):
        item = next(f for f in get_translatable_fields(model) if f.field_name == "item")
        assert item.is_synchronized(model()) and not item.is_overridable(model())
