"""Elasticsearch 8: the index settings and query bodies the portal sends, checked without a cluster.

With ELASTICSEARCH_URL set, every other test in tests/search runs against the real cluster as well.
"""

import datetime

import pytest
from modelsearch.backends.elasticsearch8 import SearchBackend

from search.elasticsearch import build, document_search_fields
from search.elasticsearch_settings import DATABASE, backend, from_environment
from search.models import DocumentCategory, SearchDocument
from search.service import SearchRequest
from search.synonyms import Dictionary
from search.text import parse


@pytest.fixture
def elasticsearch(monkeypatch):
    monkeypatch.setattr(SearchDocument, "search_fields", document_search_fields())
    return SearchBackend(backend("http://elasticsearch.invalid:9200"))


def test_index_settings_cut_chinese_into_bigrams_and_stem_english(elasticsearch):
    analysis = elasticsearch.settings["settings"]["analysis"]
    assert analysis["analyzer"]["portal_cjk"] == {
        "type": "custom",
        "tokenizer": "standard",
        "filter": ["cjk_width", "lowercase", "cjk_bigram", "porter_stem"],
    }
    assert "edgengram_analyzer" in analysis["analyzer"]  # Wagtail's own analyzers are kept
    assert elasticsearch.index_prefix == "innoportal_"


def test_documents_are_mapped_with_the_cjk_analyzer_and_keyword_filters(elasticsearch):
    properties = elasticsearch.mapping_class(SearchDocument).get_mapping()["properties"]
    for field in ("title_simplified", "summary_simplified", "body_simplified"):
        assert properties[field]["analyzer"] == "portal_cjk"
    assert properties["title_simplified"]["copy_to"][1] == "_all_text_boost_10_0"
    for field in ("shown_in", "kind", "status", "organisation_type", "category_keys"):
        assert properties[f"{field}_filter"]["type"] == "keyword"


@pytest.mark.django_db
def test_documents_are_indexed_in_simplified_chinese_with_their_categories(elasticsearch, catalogue):
    document = SearchDocument.objects.get(key="W-0001", shown_in="zh-hant")
    indexed = elasticsearch.mapping_class(SearchDocument).get_document(document)
    assert indexed["title_simplified"] == "减少制冷机能源消耗"
    assert indexed["category_keys_filter"] == ["energy-efficiency"]
    assert DocumentCategory.objects.filter(document=document).count() == 1


def test_query_body_for_a_mixed_query_with_filters():
    request = SearchRequest(text="AI 節能", lang="zh-hant", filters={"kind": ("wish", "solution")})
    body = build(parse(request.text), request, "innoportal_search_searchdocument")
    fields = ["title_simplified^10", "summary_simplified^4", "body_simplified"]
    assert body["query"] == {
        "bool": {
            "must": [
                {"multi_match": {"query": "ai", "fields": fields, "type": "best_fields", "operator": "and"}},
                {"multi_match": {"query": "节能", "fields": fields, "type": "phrase"}},
            ],
            "filter": [{"term": {"shown_in_filter": "zh-hant"}}],
        }
    }
    # The chosen kinds narrow the hits, not the counts of the kind facet itself.
    assert body["post_filter"] == {"bool": {"filter": [{"terms": {"kind_filter": ["wish", "solution"]}}]}}
    assert body["aggs"]["kind"]["filter"] == {"match_all": {}}
    assert body["aggs"]["status"]["filter"] == {"bool": {"filter": [{"terms": {"kind_filter": ["wish", "solution"]}}]}}
    assert body["aggs"]["category"]["aggs"]["values"]["terms"]["field"] == "category_keys_filter"
    assert (body["from"], body["size"], body["track_total_hits"]) == (0, 10, True)


def test_query_body_for_a_prefix_a_phrase_and_date_order():
    request = SearchRequest(text='"cooling tower" inspec', lang="en", order="date", page=3, facets=False)
    body = build(parse(request.text), request, "index")
    must = body["query"]["bool"]["must"]
    assert [(m["multi_match"]["query"], m["multi_match"]["type"]) for m in must] == [
        ("cooling tower", "phrase"),
        ("inspec", "phrase_prefix"),
    ]
    assert body["sort"] == [{"published_filter": {"order": "desc", "missing": "_last"}}, "_score"]
    assert (body["from"], body["size"]) == (20, 10)
    assert "aggs" not in body


def test_published_dates_are_indexed_as_dates(elasticsearch):
    properties = elasticsearch.mapping_class(SearchDocument).get_mapping()["properties"]
    assert properties["published_filter"]["type"] == "date"
    document = SearchDocument(published=datetime.date(2019, 5, 2), title="", shown_in="en", kind="wish")
    assert document.published.isoformat() == "2019-05-02"


def test_opensearch_takes_the_same_settings_with_its_own_client():
    elastic, opensearch = backend("http://a:9200"), backend("http://b:9200", engine="opensearch")
    assert opensearch["BACKEND"] == "modelsearch.backends.opensearch2"
    assert opensearch["INDEX_SETTINGS"] == elastic["INDEX_SETTINGS"] and opensearch["URLS"] == ["http://b:9200"]


def test_a_production_cluster_is_configured_from_the_environment():
    environment = {
        "ELASTICSEARCH_URL": "https://portal:s3cret@es1.internal:9200, https://portal:s3cret@es2.internal:9200",
        "SEARCH_INDEX_PREFIX": "prod_",
        "SEARCH_REPLICAS": "2",
        "SEARCH_CA_CERTS": "/etc/ssl/certs/ca-certificates.crt",
    }
    config = from_environment(lambda name, default=None: environment.get(name, default))["default"]
    cluster = SearchBackend(dict(config))
    nodes = sorted((n.config.scheme, n.config.host, n.config.port) for n in cluster.es.transport.node_pool.all())
    assert nodes == [("https", "es1.internal", 9200), ("https", "es2.internal", 9200)]
    assert all(n.config.verify_certs and n.config.ca_certs for n in cluster.es.transport.node_pool.all())
    assert cluster.es._headers["authorization"].startswith("Basic ")
    assert cluster.get_index_for_model(SearchDocument).name == "prod_search_searchdocument"
    assert cluster.settings["settings"]["index"]["number_of_replicas"] == 2
    assert from_environment(lambda name, default=None: default) == {"default": DATABASE}


def test_query_body_for_synonyms_and_for_some_of_the_words():
    synonyms = Dictionary([["PV", "photovoltaic", "光伏"]])
    request = SearchRequest(text="PV cleaning robot", lang="en", facets=False)
    query = parse(request.text + " ", synonyms)
    must = build(query, request, "index")["query"]["bool"]["must"]
    assert must[0]["bool"]["minimum_should_match"] == 1
    assert [m["multi_match"]["query"] for m in must[0]["bool"]["should"]] == ["pv", "photovoltaic", "光伏"]
    relaxed = build(query.with_groups(query.groups, required=2), request, "index")["query"]["bool"]["must"]
    assert len(relaxed) == 1 and relaxed[0]["bool"]["minimum_should_match"] == 2
    assert len(relaxed[0]["bool"]["should"]) == 3
