"""Index settings for Elasticsearch 8 and OpenSearch 2, importable from Django settings (no models here).

One set of settings and mappings serves both engines; only the client (and Wagtail's backend) differs."""

import copy

ANALYZER = "portal_cjk"
# The `cjk` analyzer's chain (width folding, lower case, Han bigrams) plus English stemming.
INDEX_SETTINGS = {
    "settings": {
        "analysis": {
            "analyzer": {
                ANALYZER: {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["cjk_width", "lowercase", "cjk_bigram", "porter_stem"],
                }
            }
        }
    }
}


ENGINES = {"elasticsearch": "modelsearch.backends.elasticsearch8", "opensearch": "modelsearch.backends.opensearch2"}
DATABASE = {"BACKEND": "wagtail.search.backends.database"}
TIMEOUT = 5  # seconds


def backend(urls, index_prefix="innoportal_", engine="elasticsearch", replicas=None, ca_certs=None, timeout=TIMEOUT):
    """WAGTAILSEARCH_BACKENDS["default"] for an Elasticsearch 8 or an OpenSearch 2 cluster.

    `urls`: one or more node addresses, separated by commas; credentials go in them
    (https://user:password@host:9200), and https means TLS with the certificate verified, against
    `ca_certs` (a file) when the cluster's CA is private. `replicas`: copies of each index beyond the
    first (the engine's default is 1; 0 for a single node). `timeout`: seconds before a request is
    given up and search says it is unavailable."""
    index_settings = copy.deepcopy(INDEX_SETTINGS)
    if replicas not in (None, ""):
        index_settings["settings"]["index"] = {"number_of_replicas": int(replicas)}
    return {
        "BACKEND": ENGINES[engine],
        "URLS": [url.strip() for url in urls.split(",") if url.strip()],
        "INDEX_PREFIX": index_prefix,
        "INDEX_SETTINGS": index_settings,
        "TIMEOUT": timeout,
        "OPTIONS": {"ca_certs": ca_certs} if ca_certs else {},
    }


def from_environment(env):
    """The search backends as the environment asks: OPENSEARCH_URL, else ELASTICSEARCH_URL, else the
    database; SEARCH_INDEX_PREFIX, SEARCH_REPLICAS, SEARCH_CA_CERTS and SEARCH_TIMEOUT tune an engine."""
    engine = "opensearch" if env("OPENSEARCH_URL") else "elasticsearch" if env("ELASTICSEARCH_URL") else None
    if engine is None:
        return {"default": DATABASE}
    return {
        "default": backend(
            env("OPENSEARCH_URL") or env("ELASTICSEARCH_URL"),
            index_prefix=env("SEARCH_INDEX_PREFIX", "innoportal_"),
            engine=engine,
            replicas=env("SEARCH_REPLICAS"),
            ca_certs=env("SEARCH_CA_CERTS"),
            timeout=float(env("SEARCH_TIMEOUT", TIMEOUT)),
        )
    }
