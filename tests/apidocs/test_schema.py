"""Every public JSON endpoint answers as its OpenAPI description (/api/schema/) says: schemathesis
sends requests generated from the description (valid values and edge cases, bounded) through the
whole site, and checks each answer's status, content type and shape, and that none is a 500."""

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.utils import translation
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from apidocs.schema import document
from opendata.datasets import DATASETS

pytestmark = pytest.mark.django_db

with translation.override("en"):
    schema = schemathesis.openapi.from_dict(document())
schema.app = WSGIHandler()


@pytest.fixture
def content(catalogue, innoday, settings):
    settings.ALLOWED_HOSTS = ["*"]  # schemathesis's WSGI client calls the site "localhost"
    # As Django's test client does: the test's database connection stays open between requests.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_each_endpoint_answers_as_described(case, content):
    # Wagtail's listings refuse some combinations no OpenAPI schema can state (a field to order by
    # that the type lacks, ordering a search): for them, a valid-looking request may get a 400.
    lenient = [positive_data_acceptance] if case.operation.path.startswith("/api/v2/") else []
    case.call_and_validate(excluded_checks=lenient)


def test_an_address_under_api_that_names_no_endpoint_is_a_json_404(client):
    for address in ("/api/v2/pages/not-a-number/", "/api/nothing/", "/api/search/suggest/more/"):
        answer = client.get(address)
        assert answer.status_code == 404 and answer["Content-Type"] == "application/json", address
        assert answer.json()["message"]


def test_the_description_is_served_and_lists_every_endpoint(client):
    served = client.get("/api/schema/").json()
    assert served["openapi"].startswith("3.") and set(served["paths"]) == {
        "/api/search/",
        "/api/search/suggest/",
        "/api/v2/pages/",
        "/api/v2/pages/{id}/",
        "/api/v2/images/",
        "/api/v2/images/{id}/",
        "/api/v2/documents/",
        "/api/v2/documents/{id}/",
    } | {f"/open-data/{slug}.{{language}}.{{format}}" for slug in DATASETS} | {
        f"/open-data/{slug}.{{format}}" for slug in DATASETS
    }
    parameters = {p["name"]: p for p in served["paths"]["/api/search/"]["get"]["parameters"]}
    assert parameters["page"]["schema"] == {"type": "integer", "minimum": 1, "maximum": 1000}
    assert "trial" in parameters["type"]["schema"]["items"]["enum"]
    trial = served["components"]["schemas"]["OpenDataTrialsBilingual"]["properties"]
    assert trial["value_hkd"]["type"] == "number" and {"title_en", "title_zh_hant"} <= set(trial)


def test_the_documentation_page_is_in_every_language(client):
    for lang, words in (("en", "Parameters"), ("zh-hant", "參數"), ("zh-hans", "参数")):
        page = client.get(f"/{lang}/api-docs/")
        assert page.status_code == 200 and words in page.content.decode()
        assert "/api/v2/pages/{id}/" in page.content.decode()


def test_a_search_operator_other_than_and_or_or_is_a_400_not_a_500(client):
    for endpoint in ("pages", "images", "documents"):
        answer = client.get(f"/api/v2/{endpoint}/?search=chiller&search_operator=xor")
        assert answer.status_code == 400 and "search_operator" in answer.json()["message"]


def test_a_search_paged_beyond_the_result_window_is_a_400_on_every_engine(client):
    for endpoint in ("pages", "images", "documents"):
        answer = client.get(f"/api/v2/{endpoint}/?search=chiller&offset=9990&limit=20")
        assert answer.status_code == 400 and "10000" in answer.json()["message"]
        assert client.get(f"/api/v2/{endpoint}/?search=chiller&offset=9980&limit=20").status_code == 200
