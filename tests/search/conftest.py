import pytest

from search.backends import engine, uses_elasticsearch


@pytest.fixture(autouse=True)
def empty_elasticsearch_index(db):
    """With ELASTICSEARCH_URL set, these tests run against Elasticsearch: each starts from an empty index
    (the database rolls back between tests, an Elasticsearch index does not)."""
    if uses_elasticsearch():
        engine().clear()
    yield
