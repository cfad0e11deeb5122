"""Index settings for Elasticsearch 8 and OpenSearch 2, importable from Django settings (no models here).

One set of settings and mappings serves both engines; only the client (and Wagtail's backend) differs."""

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


def backend(url, index_prefix="innoportal_", engine="elasticsearch"):
    """WAGTAILSEARCH_BACKENDS["default"] for an Elasticsearch 8 or an OpenSearch 2 cluster at `url`."""
    return {
        "BACKEND": ENGINES[engine],
        "URLS": [url],
        "INDEX_PREFIX": index_prefix,
        "INDEX_SETTINGS": INDEX_SETTINGS,
    }
