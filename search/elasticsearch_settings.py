"""Elasticsearch index settings, importable from Django settings (no models here)."""

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


def backend(url, index_prefix="innoportal_"):
    """WAGTAILSEARCH_BACKENDS["default"] for an Elasticsearch 8 cluster at `url`."""
    return {
        "BACKEND": "modelsearch.backends.elasticsearch8",
        "URLS": [url],
        "INDEX_PREFIX": index_prefix,
        "INDEX_SETTINGS": INDEX_SETTINGS,
    }
