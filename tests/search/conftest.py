import pytest

from search.backends import engine, uses_elasticsearch
from search.models import SearchDocument


@pytest.fixture(autouse=True)
def elasticsearch_index_as_the_database(db):
    """With ELASTICSEARCH_URL set, these tests run against Elasticsearch. The database rolls back after
    each test and an Elasticsearch index does not, so each test starts from an index holding exactly
    the database's search documents (those of the shared content, if any)."""
    if uses_elasticsearch():
        search = engine()
        search.clear()
        search.write(list(SearchDocument.objects.values_list("id", flat=True)))
    yield
