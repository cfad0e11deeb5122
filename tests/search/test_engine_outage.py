"""When the search engine cannot answer, search says so (503, in the visitor's language) and the rest
of the site keeps working; what is published meanwhile reaches the engine when it is back.

"Down" is an OpenSearch address where nothing listens: the client's real connection is refused.
These tests need no engine; the last one also checks the recovery on a real node when there is one.
"""

import datetime
import json

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from catalogue.models import Solution, Wish, WishPage
from matching.models import Suggestion
from search.backends import uses_elasticsearch
from search.elasticsearch_settings import backend
from search.models import SearchDocument
from tests.html import soup, text
from tests.notifications.builders import publish_new_wish
from tests.processes import free_port
from tests.submissions.helpers import reviewer

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def nowhere():
    return {"default": backend(f"http://127.0.0.1:{free_port()}", "innoportal_down_", engine="opensearch")}


@pytest.fixture
def engine_down(settings):
    settings.WAGTAILSEARCH_BACKENDS = nowhere()


@pytest.mark.parametrize(
    "lang, message",
    [("en", "Search is temporarily unavailable"), ("zh-hant", "搜尋服務暫時未能使用")],
)
def test_the_search_page_says_search_is_unavailable_and_keeps_its_form(client, catalogue, engine_down, lang, message):
    response = client.get(f"/{lang}/search/?q=chiller")
    assert response["Retry-After"] == "60"
    page = soup(response, status=503)
    assert message in text(page.select_one('[role="alert"]'))
    assert page.select_one("#search-query")["value"] == "chiller"


@pytest.mark.parametrize("lang, message", [("en", "temporarily unavailable"), ("zh-hant", "暫時未能使用")])
def test_the_search_api_and_suggestions_answer_503_in_the_language_asked_for(
    client, catalogue, engine_down, lang, message
):
    for url in (f"/api/search/?q=chiller&lang={lang}", f"/api/search/suggest/?q=chi&lang={lang}"):
        response = client.get(url)
        assert response.status_code == 503, url
        assert message in json.loads(response.content)["error"]


def test_the_rest_of_the_site_keeps_working(client, catalogue, engine_down):
    for url in ("/en/", "/zh-hant/", "/en/wishes/", "/en/solutions/", "/en/search/", "/en/alerts/feeds/wishes.rss"):
        assert client.get(url).status_code == 200, url
    reports = client.get("/en/reports/?q=chiller")
    assert reports.status_code == 200
    assert "every report is listed" in text(soup(reports).select_one('[role="alert"]'))


@pytest.mark.django_db(transaction=True)
def test_what_is_published_while_the_engine_is_down_reaches_it_later(client, catalogue, settings):
    settings.TASKS = DATABASE_TASKS
    live_engine, engine_here = settings.WAGTAILSEARCH_BACKENDS, uses_elasticsearch()
    settings.WAGTAILSEARCH_BACKENDS = nowhere()
    publish_new_wish("W-0300", "Robots that sweep escalators", "清掃扶手電梯的機械人")
    assert WishPage.objects.live().filter(item__key="W-0300").count() == 2  # publishing went through

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    retry = DBTaskResult.objects.get(task_path="search.tasks.update_documents", status="READY")
    assert retry.args_kwargs["args"][1] == 1  # the first retry, not before half a minute
    assert retry.run_after > timezone.now() + datetime.timedelta(seconds=20)
    assert not SearchDocument.objects.filter(key="W-0300").exists()  # the database kept the old state too

    if not engine_here:
        return
    settings.WAGTAILSEARCH_BACKENDS = live_engine  # the engine is back; the retry falls due
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    found = soup(client.get("/en/search/?q=escalators"))
    assert [text(h) for h in found.select(".search-results h3")] == ["Robots that sweep escalators"]


def test_the_matching_workbench_works_without_search_and_keeps_earlier_suggestions(catalogue, engine_down):
    wish = Wish.objects.get(key="W-0002")
    office = reviewer("office", "Inno Office")
    Suggestion.objects.filter(wish=wish).delete()
    page = soup(office.get(f"/admin/matching/wish/{wish.pk}/"))
    assert "Search is temporarily unavailable" in text(page)

    Suggestion.objects.create(wish=wish, solution=Solution.objects.get(key="S-0002"), score=3.0, reasons={})
    answer = office.post(f"/admin/matching/wish/{wish.pk}/", {"recompute": "1"}, follow=True)
    assert "Search is temporarily unavailable" in text(soup(answer))
    assert Suggestion.objects.filter(wish=wish).count() == 1  # the earlier suggestion is kept


@pytest.mark.parametrize(
    "lang, heading", [("en", "Search is temporarily unavailable"), ("zh-hant", "搜尋服務暫時未能使用")]
)
def test_wagtails_own_search_says_so_too(client, catalogue, engine_down, lang, heading):
    response = client.get(f"/api/v2/pages/?search=drains&locale={lang}", HTTP_ACCEPT_LANGUAGE=lang)
    assert response.status_code == 503
    assert heading in response.content.decode()


def test_the_admins_page_search_says_so_too(catalogue, engine_down):
    response = reviewer("office", "Inno Office").get("/admin/pages/search/?q=drains")
    assert response.status_code == 503
    assert "Search is temporarily unavailable" in response.content.decode()
