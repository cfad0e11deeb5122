"""What either engine's client raises when the engine is down, unreachable, overloaded or refuses a
request (a module of its own, so that the middleware need not load the engine code)."""

import elasticsearch
import opensearchpy
from elasticsearch.helpers import BulkIndexError

ENGINE_ERRORS = (
    opensearchpy.exceptions.OpenSearchException,
    elasticsearch.ApiError,
    elasticsearch.TransportError,
    BulkIndexError,
)
