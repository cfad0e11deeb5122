"""`manage.py update_index` rebuilds search beside what is live: visitors' searches keep answering,
with everything in them, from the first batch to the switch."""

import threading

import pytest
from django.core.management import call_command
from django.db import connection

from search import documents
from search.backends import engine, uses_elasticsearch
from search.service import SearchRequest, search

CHILLERS = {"Cut chiller energy use", "Oil-free magnetic bearing chiller", "Oil-free chiller at EMSD HQ"}


def titles(text, lang="en"):
    return {hit.title for hit in search(SearchRequest(text=text, lang=lang)).hits}


def from_another_connection(function):
    """What a visitor's request sees meanwhile: a thread with its own database connection."""
    answer = []

    def run():
        try:
            answer.append(function())
        except Exception as error:  # noqa: BLE001 (shown by the test)
            answer.append(error)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    return answer[0]


def test_searches_keep_answering_while_search_is_rebuilt(catalogue, monkeypatch):
    monkeypatch.setattr(documents, "BATCH", 1)  # many batches: a search after each
    assert titles("chiller") == CHILLERS
    meanwhile = []

    def search_meanwhile(done, total):
        meanwhile.append((done, from_another_connection(lambda: (titles("chiller"), titles("製冷機", "zh-hant")))))

    count = documents.rebuild(progress=search_meanwhile)
    assert count > 0 and len(meanwhile) > 3, meanwhile
    for done, answer in meanwhile:
        assert not isinstance(answer, Exception), f"after {done} items: {answer!r}"
        english, chinese = answer
        assert english == CHILLERS, f"after {done} items"
        assert len(chinese) == 3, f"after {done} items"
    assert titles("chiller") == CHILLERS


@pytest.mark.skipif(not uses_elasticsearch(), reason="needs a search engine (OPENSEARCH_URL)")
def test_update_index_switches_the_live_name_to_a_new_index_and_drops_the_old(catalogue):
    search_engine = engine()
    es, live = search_engine.backend.es, search_engine.index.name
    before = set(es.indices.get_alias(name=live))
    call_command("update_index", verbosity=0)
    after = set(es.indices.get_alias(name=live))
    assert len(after) == 1 and after != before
    assert not any(es.indices.exists(index=old) for old in before)
    assert titles("chiller") == CHILLERS


def test_a_failed_rebuild_leaves_search_as_it_was(catalogue, monkeypatch):
    def broken(keys, search, progress=None):
        raise RuntimeError("the rebuild stops half-way")

    monkeypatch.setattr(documents, "update", broken)
    with pytest.raises(RuntimeError):
        documents.rebuild()
    assert titles("chiller") == CHILLERS
