import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from catalogue.models import WishPage
from tests.content import catalogue_records, load
from tests.html import soup, text


def titles(client, url):
    return {text(h) for h in soup(client.get(url)).select(".search-results h3")}


def test_search_finds_imported_items_in_the_active_language(client, catalogue):
    assert titles(client, "/en/search/?q=chiller") == {
        "Cut chiller energy use",
        "Oil-free magnetic bearing chiller",
        "Oil-free chiller at EMSD HQ",
    }
    # An English page mentions a camera, but a Chinese search page lists Chinese pages only.
    assert titles(client, "/en/search/?q=camera") == {"Drain inspection robot"}
    assert titles(client, "/zh-hant/search/?q=camera") == set()


@pytest.mark.django_db(transaction=True)
def test_an_import_updates_search_in_one_background_task(client, site_tree, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    load(catalogue_records())
    # Wagtail's own index is built in one pass; the portal's search documents in one queued task.
    assert not DBTaskResult.objects.filter(task_path__startswith="modelsearch").exists()
    search_tasks = DBTaskResult.objects.filter(task_path__startswith="search.")
    assert list(search_tasks.values_list("task_path", flat=True)) == ["search.tasks.update_documents"]
    assert titles(client, "/en/search/?q=safely") == set()  # not until the worker has run
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert titles(client, "/en/search/?q=safely") == {"Robots to clean drains"}
    # An editor's later save goes through the background worker as usual.
    wish = WishPage.objects.get(item__key="W-0002", locale__language_code="en")
    wish.title = "Robots to clean sewers"
    wish.save_revision().publish()
    assert DBTaskResult.objects.filter(task_path__startswith="modelsearch").exists()
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert titles(client, "/en/search/?q=sewers") == {"Robots to clean sewers"}


def test_search_page_is_not_indexed_by_robots(client, site_tree):
    response = client.get("/en/search/?q=energy")
    assert response["X-Robots-Tag"] == "noindex"
    assert soup(response).select_one('meta[name="robots"]')["content"] == "noindex"


def test_empty_query_shows_the_form_only(client, site_tree):
    page = soup(client.get("/en/search/"))
    assert page.select_one("#search-query") is not None
    assert page.select_one(".search-results") is None


def test_facets_are_links_that_add_and_remove_filters(client, catalogue):
    page = soup(client.get("/en/search/?q=chiller"))
    kinds = page.select_one('ul[aria-labelledby="facet-kind"]')
    assert [text(a) for a in kinds.select("a")] == ["Wishes (1)", "Solutions (1)", "Trials (1)"]
    wishes_url = kinds.select("a")[0]["href"]
    assert wishes_url == "?q=chiller&type=wish"
    filtered = soup(client.get("/en/search/" + wishes_url))
    assert {text(h) for h in filtered.select(".search-results h3")} == {"Cut chiller energy use"}
    chosen = filtered.select_one('ul[aria-labelledby="facet-kind"] a[aria-current]')
    assert text(chosen).startswith("Wishes (1)")
    # The chosen filter stays when the words change, and its link takes it away again.
    assert filtered.select_one("form.search-form input[type=hidden][name=type]")["value"] == "wish"
    assert chosen["href"] == "?q=chiller"


def test_categories_and_organisation_types_are_named_in_the_page_language(client, catalogue):
    page = soup(client.get("/zh-hant/search/?q=節能"))
    categories = page.select_one('ul[aria-labelledby="facet-category"]')
    assert [text(a) for a in categories.select("a")] == ["能源效益 (3)"]


def test_no_results_suggest_removing_filters_and_popular_categories(client, catalogue):
    page = soup(client.get("/en/search/?q=chiller&type=wish&category=robotics"))
    empty = page.select_one(".empty")
    assert "Nothing found" in text(empty)
    assert [text(a) for a in empty.select("a")][:2] == ["Remove “Wishes”", "Remove “Robotics applications”"]
    assert empty.select("a")[1]["href"] == "?q=chiller&type=wish"
    popular = [text(a) for a in empty.select("h3 + ul a")]
    assert popular == ["Energy efficiency", "Robotics applications"]


def test_a_query_in_another_language_points_to_that_languages_results(client, catalogue):
    page = soup(client.get("/en/search/", {"q": "製冷機"}))
    empty = page.select_one(".empty")
    assert "Nothing found" in text(empty)
    offers = {text(a): a["href"] for a in empty.select("a[hreflang]")}
    assert offers == {
        "繁體中文 : 3 results": "/zh-hant/search/?q=%E8%A3%BD%E5%86%B7%E6%A9%9F",
        "简体中文 : 3 results": "/zh-hans/search/?q=%E8%A3%BD%E5%86%B7%E6%A9%9F",
    }
    assert not page.select(".with-sidebar")  # the message has the page's width, not a sidebar's column
    answer = soup(client.get("/zh-hant/search/", {"q": "chiller oil-free"}))
    assert {text(a) for a in answer.select(".empty a[hreflang]")} == {"English : 2 個結果"}
    assert "製冷機" in text(soup(client.get(offers["繁體中文 : 3 results"])).select_one(".search-results"))


def test_untranslated_results_are_labelled(client, catalogue):
    from django.test import TestCase

    from catalogue.models import SolutionPage

    with TestCase.captureOnCommitCallbacks(execute=True):
        SolutionPage.objects.get(item__key="S-0002", locale__language_code="en").unpublish()
    result = soup(client.get("/en/search/?q=爬行")).select_one(".search-results li")
    assert result["lang"] == "zh-Hant-HK"
    assert "Not yet translated" in text(result.select_one(".badge--untranslated"))


def test_bad_filters_explain_and_change_nothing(client, catalogue):
    response = client.get("/zh-hant/search/?q=chiller&order=sideways")
    page = soup(response, 400)
    assert page.select_one('[role="alert"]') is not None
    assert page.select_one(".search-results") is None
